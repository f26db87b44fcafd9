import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { DepartmentItem } from '@shared/schemas/directory.schema'
import type { Me } from '@shared/schemas/me.schema'
import { TicketCreateSchema, type EquipmentByCode } from '@shared/schemas/ticket-workflow.schema'
import type { TicketView } from '@shared/schemas/tickets.schema'
import DepartmentChoices from '../../../components/DepartmentChoices'
import Field from '../../../components/Field'
import { PagePrompt } from '../../../components/PageState'
import { usePurposeConsent } from '../../../components/PurposeConsent'
import SessionGate from '../../../components/SessionGate'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import { isApiError } from '../../../services/api-error'
import { listDepartments } from '../../../services/directory'
import { messageOf } from '../../../services/errors.zh'
import { createTicket } from '../../../services/tickets'
import type { FieldErrors } from '../../../utils/form'
import ContactFields from '../components/ContactFields'
import DescriptionField from '../components/DescriptionField'
import EquipmentField from '../components/EquipmentField'
import type { PhotoItem } from '../components/FaultPhotos'
import PhotosField from '../components/PhotosField'
import ReportSuccess from '../components/ReportSuccess'
import VoiceNote, { type VoiceValue } from '../components/VoiceNote'
import { clearDraft, emptyDraft, isDirty, readDraft, saveDraft, type TicketDraft } from './draft'
import '../../../components/Field/index.scss'
import './index.scss'

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

function ReportForm({ me }: { me: Me }) {
  const base = useRef(emptyDraft(me)).current
  const [restored] = useState(() => readDraft(me.id))
  const start = restored ?? base
  const [showRestored, setShowRestored] = useState(restored !== null)
  // Bumped by reset to remount the equipment field, clearing its typed label code and lookup error.
  const [equipmentKey, setEquipmentKey] = useState(0)
  const [equipment, setEquipment] = useState<EquipmentByCode | null>(start.equipment)
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
    setEquipmentKey((k) => k + 1)
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

  const identified = (found: EquipmentByCode) => {
    setEquipment(found)
    setModel(found.model)
    setSerial(found.serial)
    // Take the unit's department only if it is one this hospital offers (or the list is not loaded yet).
    if (found.department && (departments.kind !== 'ready' || departments.items.some((d) => d.id === found.department?.id))) {
      setDepartmentId(found.department.id)
    }
    for (const key of ['equipmentId', 'model', 'serial', 'departmentId']) clearError(key)
  }

  const forgetEquipment = () => {
    setEquipment(null)
    setModel('')
    setSerial('')
  }

  // Photos and voice share one consent purpose and one explanation.
  const ensureMedia = (force: boolean) => ensure('fault_media', MEDIA_REASON, force ? { force: true } : undefined)

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
        // The success page stays until the user moves on: 订阅进度通知 must come from their tap.
        setCreated(ticket)
      },
      (err) => {
        if (isApiError(err) && err.code === 'CONSENT_REQUIRED') setErrors({ photoFileIds: '需要您同意使用故障照片和语音，请重新上传' })
        setFormError(messageOf(err))
      },
    )
  }

  if (created) return <ReportSuccess ticket={created} />

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
        <EquipmentField
          key={equipmentKey}
          equipment={equipment}
          model={model}
          serial={serial}
          errors={errors}
          clearError={clearError}
          onIdentified={identified}
          onForget={forgetEquipment}
          onModelChange={setModel}
          onSerialChange={setSerial}
        />

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

        <DescriptionField
          value={description}
          error={errors.description}
          onChange={(v) => {
            setDescription(v)
            clearError('description')
          }}
        />

        <PhotosField
          photos={photos}
          setPhotos={setPhotos}
          error={errors.photoFileIds}
          onPickError={(message) => setErrors({ ...errors, photoFileIds: message })}
          clearError={clearError}
          ensureConsent={ensureMedia}
        />

        <Field label='语音说明' error={errors.voiceFileId} testId='report-voice-field'>
          <VoiceNote value={voice} onChange={setVoice} onBusyChange={setVoiceBusy} ensureConsent={() => ensureMedia(false)} />
        </Field>
      </View>

      <View className='report__card'>
        <ContactFields
          name={contactName}
          phone={contactPhone}
          consent={contactConsent}
          colleague={colleague}
          myPhone={me.profile.phone}
          errors={errors}
          clearError={clearError}
          onNameChange={setContactName}
          onPhoneChange={setContactPhone}
          onConsentChange={setContactConsent}
        />
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
