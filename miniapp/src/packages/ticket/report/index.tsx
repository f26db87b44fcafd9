import { useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, Textarea, View } from '@tarojs/components'
import { Button, Checkbox } from '@nutui/nutui-react-taro'
import type { DepartmentItem } from '@shared/schemas/directory.schema'
import type { Me } from '@shared/schemas/me.schema'
import { TicketCreateSchema, type EquipmentByCode } from '@shared/schemas/ticket-workflow.schema'
import type { TicketView } from '@shared/schemas/tickets.schema'
import DepartmentChoices from '../../../components/DepartmentChoices'
import Field from '../../../components/Field'
import TextField from '../../../components/Field/TextField'
import { PagePrompt } from '../../../components/PageState'
import { usePurposeConsent } from '../../../components/PurposeConsent'
import SessionGate from '../../../components/SessionGate'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { isApiError } from '../../../services/api-error'
import { listDepartments } from '../../../services/directory'
import { messageOf } from '../../../services/errors.zh'
import { CAN_SCAN, pickImage, scanCode } from '../../../services/media'
import { createTicket, getEquipmentByCode } from '../../../services/tickets'
import { uploadFile } from '../../../services/upload'
import type { FieldErrors } from '../../../utils/form'
import { ticketDetailUrl } from '../../../routes'
import FaultPhotos, { MAX_PHOTOS, type PhotoItem } from '../components/FaultPhotos'
import VoiceNote, { type VoiceValue } from '../components/VoiceNote'
import { clearDraft, readDraft, saveDraft, type TicketDraft } from './draft'
import '../../../components/Field/index.scss'
import './index.scss'

const DESCRIPTION_MAX = 2000

const FALLBACK_MESSAGES: FieldErrors = {
  departmentId: '请选择科室',
  equipmentId: '请重新识别设备',
  model: '型号最多 60 个字',
  serial: '请扫码选择设备，或填写型号和序列号',
  description: '请描述故障现象（至少 5 个字）',
  photoFileIds: '照片有误，请删除后重新上传',
  voiceFileId: '语音有误，请删除后重新上传',
  contactName: '请填写联系人',
  contactPhone: '请填写正确的手机号',
  contactConsent: '请确认已征得该同事同意',
}

const MEDIA_REASON = '上传故障照片或语音，便于工程师判断故障、准备配件。'

type Departments = { kind: 'none' } | { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; items: DepartmentItem[] }
type Lookup = { kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string }

function emptyDraft(me: Me): TicketDraft {
  return {
    v: 1,
    userId: me.id,
    equipment: null,
    model: '',
    serial: '',
    departmentId: me.profile.department?.id ?? null,
    description: '',
    photoFileIds: [],
    voice: null,
    contactName: me.profile.name ?? '',
    contactPhone: '',
    contactConsent: false,
  }
}

/** Anything typed or picked beyond the defaults: only then is there a draft worth keeping. */
function isDirty(d: TicketDraft, base: TicketDraft): boolean {
  return (
    d.equipment !== null ||
    d.model.trim() !== '' ||
    d.serial.trim() !== '' ||
    d.departmentId !== base.departmentId ||
    d.description.trim() !== '' ||
    d.photoFileIds.length > 0 ||
    d.voice !== null ||
    d.contactName !== base.contactName ||
    d.contactPhone.trim() !== ''
  )
}

function lookupMessage(err: unknown): string {
  if (isApiError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION_FAILED')) return '未找到该标签对应的设备，请核对标签码，或手动填写型号和序列号'
  return messageOf(err)
}

function uploadMessage(err: unknown): string {
  if (isApiError(err) && (err.code === 'VALIDATION_FAILED' || err.code === 'UNSUPPORTED_MEDIA_TYPE')) return '格式不支持'
  if (isApiError(err) && err.code === 'PAYLOAD_TOO_LARGE') return '照片太大'
  return '上传失败'
}

function ReportForm({ me }: { me: Me }) {
  const base = useRef(emptyDraft(me)).current
  const [restored] = useState(() => readDraft(me.id))
  const start = restored ?? base
  const [showRestored, setShowRestored] = useState(restored !== null)
  const [equipment, setEquipment] = useState<EquipmentByCode | null>(start.equipment)
  const [code, setCode] = useState('')
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' })
  const [model, setModel] = useState(start.model)
  const [serial, setSerial] = useState(start.serial)
  const [departmentId, setDepartmentId] = useState<string | null>(start.departmentId)
  const [departments, setDepartments] = useState<Departments>({ kind: 'none' })
  const [description, setDescription] = useState(start.description)
  const [photos, setPhotos] = useState<PhotoItem[]>(start.photoFileIds.map((id) => ({ key: id, fileId: id, state: 'done' })))
  const [voice, setVoice] = useState<VoiceValue | null>(start.voice)
  const [voiceBusy, setVoiceBusy] = useState(false)
  const [contactName, setContactName] = useState(start.contactName)
  const [contactPhone, setContactPhone] = useState(start.contactPhone)
  const [contactConsent, setContactConsent] = useState(start.contactConsent)
  const [created, setCreated] = useState<TicketView | null>(null)
  const form = useFormSubmit(FALLBACK_MESSAGES)
  const { errors, setErrors, formError, setFormError, submitting, clearError } = form
  const { ensure, dialog } = usePurposeConsent()

  const hospitalId = me.profile.hospital?.id ?? null
  const colleague = contactName.trim() !== (me.profile.name ?? '').trim()
  const photosBusy = photos.some((p) => p.state === 'uploading')

  const loadDepartments = async () => {
    if (!hospitalId) return
    setDepartments({ kind: 'loading' })
    try {
      setDepartments({ kind: 'ready', items: await listDepartments(hospitalId) })
    } catch (error) {
      setDepartments({ kind: 'error', error })
    }
  }

  useEffect(() => {
    void loadDepartments()
  }, [hospitalId])

  // Saved on every change; an untouched form leaves no draft behind.
  useEffect(() => {
    if (created) return
    const draft: TicketDraft = {
      v: 1,
      userId: me.id,
      equipment,
      model,
      serial,
      departmentId,
      description,
      photoFileIds: photos.flatMap((p) => (p.state === 'done' && p.fileId ? [p.fileId] : [])),
      voice,
      contactName,
      contactPhone,
      contactConsent,
    }
    if (isDirty(draft, base)) saveDraft(draft)
    else clearDraft()
  }, [equipment, model, serial, departmentId, description, photos, voice, contactName, contactPhone, contactConsent, created])

  const reset = () => {
    clearDraft()
    setShowRestored(false)
    setEquipment(null)
    setCode('')
    setLookup({ kind: 'idle' })
    setModel('')
    setSerial('')
    setDepartmentId(base.departmentId)
    setDescription('')
    setPhotos([])
    setVoice(null)
    setContactName(base.contactName)
    setContactPhone('')
    setContactConsent(false)
    setErrors({})
    setFormError(undefined)
  }

  const identify = async (raw: string) => {
    const label = raw.trim()
    if (!label) {
      setLookup({ kind: 'error', message: '请输入设备标签码' })
      return
    }
    setLookup({ kind: 'busy' })
    try {
      const found = await getEquipmentByCode(label)
      setEquipment(found)
      setModel(found.model)
      setSerial(found.serial)
      if (found.department && (departments.kind !== 'ready' || departments.items.some((d) => d.id === found.department?.id))) {
        setDepartmentId(found.department.id)
      }
      setLookup({ kind: 'idle' })
      setCode('')
      for (const key of ['equipmentId', 'model', 'serial', 'departmentId']) clearError(key)
    } catch (err) {
      setLookup({ kind: 'error', message: lookupMessage(err) })
    }
  }

  const scan = async () => {
    try {
      const text = await scanCode()
      if (text) await identify(text)
    } catch (err) {
      setLookup({ kind: 'error', message: messageOf(err) })
    }
  }

  const forgetEquipment = () => {
    setEquipment(null)
    setModel('')
    setSerial('')
  }

  const uploadPhoto = async (key: string, path: string, retriedConsent = false): Promise<void> => {
    setPhotos((list) => list.map((p) => (p.key === key ? { ...p, state: 'uploading', message: undefined } : p)))
    try {
      const stored = await uploadFile(path, 'ticket_photo')
      setPhotos((list) => list.map((p) => (p.key === key ? { ...p, state: 'done', fileId: stored.id } : p)))
    } catch (err) {
      // No fault_media consent on record (withdrawn elsewhere): ask again, once.
      if (isApiError(err) && err.code === 'CONSENT_REQUIRED' && !retriedConsent && (await ensure('fault_media', MEDIA_REASON, { force: true }))) {
        return uploadPhoto(key, path, true)
      }
      setPhotos((list) => list.map((p) => (p.key === key ? { ...p, state: 'failed', message: uploadMessage(err) } : p)))
    }
  }

  const addPhoto = async () => {
    if (photos.length >= MAX_PHOTOS) return
    if (!(await ensure('fault_media', MEDIA_REASON))) return
    let picked
    try {
      picked = await pickImage()
    } catch (err) {
      setErrors({ ...errors, photoFileIds: messageOf(err) })
      return
    }
    if (!picked) return
    const key = `${picked.path}#${Date.now()}`
    setPhotos((list) => [...list, { key, preview: picked.path, state: 'uploading' }])
    clearError('photoFileIds')
    await uploadPhoto(key, picked.path)
  }

  const retryPhoto = (key: string) => {
    const item = photos.find((p) => p.key === key)
    if (item?.preview) void uploadPhoto(key, item.preview)
  }

  const submit = async () => {
    if (photosBusy || voiceBusy) return
    if (photos.some((p) => p.state === 'failed')) {
      setErrors({ ...errors, photoFileIds: '有照片未上传成功，请重试或删除' })
      return
    }
    if (colleague && !contactConsent) {
      setErrors({ ...errors, contactConsent: FALLBACK_MESSAGES.contactConsent })
      return
    }
    const candidate = {
      departmentId: departmentId ?? '',
      equipmentId: equipment?.id,
      model: equipment ? undefined : model.trim() || undefined,
      serial: equipment ? undefined : serial.trim() || undefined,
      description,
      photoFileIds: photos.flatMap((p) => (p.fileId ? [p.fileId] : [])),
      voiceFileId: voice?.fileId,
      contactName,
      contactPhone: contactPhone.trim(),
      contactConsent: colleague ? contactConsent : false,
    }
    await form.submit(
      TicketCreateSchema,
      candidate,
      async (body, key) => {
        const ticket = await createTicket(body, key)
        clearDraft()
        setCreated(ticket)
        setTimeout(() => void Taro.redirectTo({ url: ticketDetailUrl(ticket.id) }), 1800)
      },
      (err) => {
        if (isApiError(err) && err.code === 'CONSENT_REQUIRED') setErrors({ photoFileIds: '需要您同意使用故障照片和语音，请重新上传' })
        setFormError(messageOf(err))
      },
    )
  }

  if (created) {
    return (
      <View className='report page-narrow'>
        <Text className='report__success-number'>
          工单号 <Text data-testid='report-success-number'>{created.number}</Text>
        </Text>
        <PagePrompt
          testId='report-success'
          title='报修已提交'
          message='工程师受理后会与联系人联系，您可在“工单”中查看进度。正在打开工单…'
          action={{ text: '查看工单', onClick: () => void Taro.redirectTo({ url: ticketDetailUrl(created.id) }) }}
        />
      </View>
    )
  }

  const equipmentError = errors.equipmentId ?? (equipment ? errors.serial : undefined)
  return (
    <View className='report page-narrow' data-testid='report-page'>
      {showRestored ? (
        <View className='report__notice' data-testid='report-draft-restored'>
          <Text>已恢复上次未提交的草稿</Text>
          <Text className='report__notice-action' onClick={reset} data-testid='report-draft-clear'>
            清空
          </Text>
        </View>
      ) : null}

      <View className='report__card'>
        <Field label='设备' required error={equipmentError} testId='report-equipment-field' hint='扫描设备上的二维码标签，自动识别型号、序列号和科室'>
          <View className='report__grow'>
            {equipment ? (
              <View className='report__equipment' data-testid='report-equipment'>
                <View className='report__equipment-text'>
                  <Text className='report__equipment-model' data-testid='report-equipment-model'>
                    {equipment.model}
                  </Text>
                  <Text className='report__muted' data-testid='report-equipment-serial'>
                    序列号 {equipment.serial}
                  </Text>
                  <Text className='report__muted'>
                    {equipment.hospital.name}
                    {equipment.department ? ` · ${equipment.department.name}` : ''}
                  </Text>
                </View>
                <Button size='small' onClick={forgetEquipment} data-testid='report-equipment-clear'>
                  更换
                </Button>
              </View>
            ) : CAN_SCAN ? (
              <Button block type='primary' fill='outline' loading={lookup.kind === 'busy'} onClick={() => void scan()} data-testid='report-scan'>
                扫码识别设备
              </Button>
            ) : (
              <View className='report__code'>
                <Input
                  className='text-input'
                  placeholder='输入设备标签码'
                  value={code}
                  maxlength={100}
                  onInput={(e) => {
                    setCode(e.detail.value)
                    if (lookup.kind === 'error') setLookup({ kind: 'idle' })
                  }}
                  onConfirm={() => void identify(code)}
                  data-testid='report-code'
                />
                <Button type='primary' loading={lookup.kind === 'busy'} disabled={lookup.kind === 'busy'} onClick={() => void identify(code)} data-testid='report-code-lookup'>
                  识别
                </Button>
              </View>
            )}
            {lookup.kind === 'error' ? (
              <Text className='report__inline-error' data-testid='report-lookup-error'>
                {lookup.message}
              </Text>
            ) : null}
          </View>
        </Field>

        {equipment ? null : (
          <>
            <TextField
              label='型号'
              error={errors.model}
              testId='report-model'
              placeholder='无法扫码时填写，如 GIF-H290'
              maxlength={60}
              value={model}
              onChange={(v) => {
                setModel(v)
                clearError('model')
                clearError('serial')
              }}
            />
            <TextField
              label='序列号'
              error={errors.serial}
              testId='report-serial'
              placeholder='见设备铭牌'
              maxlength={40}
              value={serial}
              onChange={(v) => {
                setSerial(v)
                clearError('serial')
              }}
            />
          </>
        )}

        <Field label='科室' required error={errors.departmentId} testId='report-department'>
          <DepartmentChoices
            state={hospitalId ? departments : { kind: 'none' }}
            options={departments.kind === 'ready' ? departments.items : []}
            selected={departmentId ? [departmentId] : []}
            onToggle={(id) => {
              setDepartmentId(id)
              clearError('departmentId')
            }}
            onRetry={() => void loadDepartments()}
            classPrefix='report'
            testId='report-department-options'
            optionTestId='report-department-option'
          />
        </Field>

        <Field label='故障描述' required error={errors.description} testId='report-description'>
          <View className={`report__textarea-box${errors.description ? ' report__textarea-box--error' : ''}`}>
            <Textarea
              className='report__textarea'
              placeholder='请描述故障现象，如：注水不畅、图像发红、弯曲角度不足、何时出现'
              maxlength={DESCRIPTION_MAX}
              value={description}
              onInput={(e) => {
                setDescription(e.detail.value)
                clearError('description')
              }}
            />
            <Text className='report__counter' data-testid='report-description-count'>
              {description.length}/{DESCRIPTION_MAX}
            </Text>
          </View>
        </Field>

        <Field label={`故障照片（最多 ${MAX_PHOTOS} 张）`} error={errors.photoFileIds} testId='report-photos-field'>
          <FaultPhotos
            items={photos}
            onAdd={() => void addPhoto()}
            onRemove={(key) => setPhotos((list) => list.filter((p) => p.key !== key))}
            onRetry={retryPhoto}
          />
        </Field>

        <Field label='语音说明' error={errors.voiceFileId} testId='report-voice-field'>
          <VoiceNote value={voice} onChange={setVoice} onBusyChange={setVoiceBusy} ensureConsent={() => ensure('fault_media', MEDIA_REASON)} />
        </Field>
      </View>

      <View className='report__card'>
        <TextField
          label='联系人'
          required
          error={errors.contactName}
          testId='report-contact-name'
          placeholder='工程师将联系此人'
          maxlength={30}
          value={contactName}
          onChange={(v) => {
            setContactName(v)
            clearError('contactName')
          }}
        />
        <Field
          label='联系电话'
          required
          error={errors.contactPhone}
          testId='report-contact-phone'
          hint={!colleague && me.profile.phone ? `您的手机号为 ${me.profile.phone}，请填写完整号码` : undefined}
        >
          <Input
            className='text-input'
            type='number'
            maxlength={11}
            placeholder='11 位手机号'
            value={contactPhone}
            onInput={(e) => {
              setContactPhone(e.detail.value)
              clearError('contactPhone')
            }}
          />
        </Field>
        {colleague ? (
          <Field label='同事授权' required error={errors.contactConsent} testId='report-contact-consent'>
            <Checkbox
              checked={contactConsent}
              onChange={(v) => {
                setContactConsent(v)
                clearError('contactConsent')
              }}
              label='已征得该同事同意提供联系方式'
            />
          </Field>
        ) : null}
      </View>

      {formError ? (
        <Text className='report__error' data-testid='report-form-error'>
          {formError}
        </Text>
      ) : null}

      <View className='report__submit'>
        <Button
          block
          type='primary'
          loading={submitting}
          disabled={submitting || photosBusy || voiceBusy}
          onClick={() => void submit()}
          data-testid='report-submit'
        >
          {photosBusy || voiceBusy ? '正在上传…' : '提交报修'}
        </Button>
      </View>
      {dialog}
    </View>
  )
}

/** 一键报修: equipment (scan or type), department, description, photos, voice, contact. The draft survives closing the app. */
export default function ReportPage() {
  return (
    <SessionGate className='report page-narrow' permission='tickets.create' denied={{ title: '暂无报修权限', description: '注册审核通过的医院员工可以报修' }} rows={10}>
      {(me) =>
        me.status === 'active' ? (
          <ReportForm key={me.id} me={me} />
        ) : (
          <View className='report page-narrow'>
            <PagePrompt testId='report-inactive' title='审核通过后即可报修' message='您的账号尚未通过注册审核，或正在注销中。' />
          </View>
        )
      }
    </SessionGate>
  )
}
