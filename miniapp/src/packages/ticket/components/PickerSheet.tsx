import { useEffect, useRef, useState, type ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Popup, Skeleton } from '@nutui/nutui-react-taro'
import Chips from '../../../components/Chips'
import { messageOf } from '../../../services/errors.zh'

export interface PickOption {
  id: string
  name: string
}

type Options = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; items: PickOption[] }

interface Props {
  open: boolean
  title: string
  hint: string
  /** Loaded each time the sheet opens (the list may have changed). */
  load: () => Promise<PickOption[]>
  /** Pre-selected (the current engineer). */
  initial?: string
  /** Marked in the list, e.g. `（当前）`. */
  currentId?: string
  emptyText: string
  confirmText: string
  /** `${p}-dialog`, `${p}-option` (with data-key), `${p}-error`, `${p}-confirm`. */
  testIdPrefix: string
  /** More choices under the list (a delegation's purpose). */
  children?: ReactNode
  /** Resolves to a message to show (the sheet stays open), or nothing once done. */
  onConfirm: (id: string) => Promise<string | undefined>
  onClose: () => void
}

/** A bottom sheet to pick one person or organisation from a list loaded from the server. */
export default function PickerSheet(props: Props) {
  const { open, title, hint, load, initial, currentId, emptyText, confirmText, testIdPrefix: p, children, onConfirm, onClose } = props
  const [options, setOptions] = useState<Options>({ kind: 'loading' })
  const [selected, setSelected] = useState<string | null>(null)
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  const call = useRef(0)

  const fetchOptions = async () => {
    const mine = ++call.current
    setOptions({ kind: 'loading' })
    try {
      const items = await load()
      if (mine === call.current) setOptions({ kind: 'ready', items })
    } catch (err) {
      if (mine === call.current) setOptions({ kind: 'error', error: err })
    }
  }

  useEffect(() => {
    if (!open) return
    setSelected(initial ?? null)
    setError(undefined)
    void fetchOptions()
  }, [open])

  const confirm = async () => {
    if (busy) return
    if (!selected) return setError('请先选择')
    setBusy(true)
    setError(undefined)
    try {
      setError(await onConfirm(selected))
    } finally {
      setBusy(false)
    }
  }

  let list: ReactNode
  if (options.kind === 'loading') list = <Skeleton rows={2} animated />
  else if (options.kind === 'error') {
    list = (
      <View className='picker-sheet__error'>
        <Text>{messageOf(options.error)}</Text>
        <Button size='small' onClick={() => void fetchOptions()}>
          重试
        </Button>
      </View>
    )
  } else if (options.items.length === 0) list = <Text className='picker-sheet__empty'>{emptyText}</Text>
  else {
    list = (
      <Chips
        options={options.items.map((o) => ({ key: o.id, label: o.id === currentId ? `${o.name}（当前）` : o.name }))}
        selected={selected ? [selected] : []}
        onToggle={(id) => {
          setSelected(id)
          setError(undefined)
        }}
        testId={`${p}-options`}
        optionTestId={`${p}-option`}
      />
    )
  }

  return (
    <Popup visible={open} position='bottom' round closeOnOverlayClick={!busy} onClose={() => !busy && onClose()}>
      {open ? (
        <View className='picker-sheet' data-testid={`${p}-dialog`}>
          <Text className='picker-sheet__title'>{title}</Text>
          <Text className='picker-sheet__hint'>{hint}</Text>
          <View className='picker-sheet__list'>{list}</View>
          {children}
          {error ? (
            <Text className='picker-sheet__message' data-testid={`${p}-error`}>
              {error}
            </Text>
          ) : null}
          <View className='picker-sheet__actions'>
            <View className='picker-sheet__btn'>
              <Button block fill='outline' disabled={busy} onClick={onClose}>
                取消
              </Button>
            </View>
            <View className='picker-sheet__btn'>
              <Button block type='primary' loading={busy} disabled={busy || options.kind !== 'ready'} onClick={() => void confirm()} data-testid={`${p}-confirm`}>
                {confirmText}
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </Popup>
  )
}
