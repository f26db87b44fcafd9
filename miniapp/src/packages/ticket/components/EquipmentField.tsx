import { useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { EquipmentByCode } from '@shared/schemas/ticket-workflow.schema'
import Field from '../../../components/Field'
import TextField from '../../../components/Field/TextField'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { CAN_SCAN, scanCode } from '../../../services/media'
import { getEquipmentByCode } from '../../../services/tickets'
import type { FieldErrors } from '../../../utils/form'

type Lookup = { kind: 'idle' } | { kind: 'busy' } | { kind: 'error'; message: string }

function lookupMessage(err: unknown): string {
  if (isApiError(err) && (err.code === 'NOT_FOUND' || err.code === 'VALIDATION_FAILED')) return '未找到该标签对应的设备，请核对标签码，或手动填写型号和序列号'
  return messageOf(err)
}

interface Props {
  equipment: EquipmentByCode | null
  model: string
  serial: string
  errors: FieldErrors
  clearError: (key: string) => void
  /** The page fills model, serial and department from it; this field only finds it. */
  onIdentified: (found: EquipmentByCode) => void
  onForget: () => void
  onModelChange: (v: string) => void
  onSerialChange: (v: string) => void
}

/**
 * Which unit is broken: scan its label (or type the label code where scanning is unavailable, e.g. H5),
 * show the recognised unit, or fall back to a typed model and serial.
 * The typed code and lookup status live here because nothing else needs them and they are not drafted;
 * the page remounts this (key) to clear them.
 */
export default function EquipmentField({ equipment, model, serial, errors, clearError, onIdentified, onForget, onModelChange, onSerialChange }: Props) {
  const [code, setCode] = useState('')
  const [lookup, setLookup] = useState<Lookup>({ kind: 'idle' })

  const identify = async (raw: string) => {
    const label = raw.trim()
    if (!label) {
      setLookup({ kind: 'error', message: '请输入设备标签码' })
      return
    }
    setLookup({ kind: 'busy' })
    try {
      const found = await getEquipmentByCode(label)
      onIdentified(found)
      setLookup({ kind: 'idle' })
      setCode('')
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

  // A serial error belongs to the unit card once a unit is recognised (the manual fields are hidden then).
  const equipmentError = errors.equipmentId ?? (equipment ? errors.serial : undefined)
  return (
    <>
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
              <Button size='small' onClick={onForget} data-testid='report-equipment-clear'>
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
              onModelChange(v)
              // Model and serial are validated as a pair, so either edit clears the pair's message.
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
              onSerialChange(v)
              clearError('serial')
            }}
          />
        </>
      )}
    </>
  )
}
