import { useEffect, useState } from 'react'
import Taro from '@tarojs/taro'
import { useFormSubmit } from '../../../hooks/useFormSubmit'
import type { FieldErrors } from '../../../utils/form'

interface Options<F> {
  open: boolean
  /** The record shown (undefined: a new one); the form resets when it changes or the drawer opens. */
  recordId: string | undefined
  /** The form before the drawer first opens. */
  empty: F
  /** The form as the drawer opens: the record's fields, or empty for a new one. */
  initial: () => F
  fallback: FieldErrors
}

/**
 * The form of a record's drawer in 医院与设备: reset each time it opens, `dirty`
 * against what was last saved, validated and sent through useFormSubmit.
 */
export function useDrawerForm<F>({ open, recordId, empty, initial, fallback }: Options<F>) {
  const [form, setForm] = useState<F>(empty)
  const [base, setBase] = useState<F>(empty)
  const submitter = useFormSubmit(fallback)
  const { setErrors, setFormError, clearError, submitting } = submitter
  const dirty = JSON.stringify(form) !== JSON.stringify(base)

  useEffect(() => {
    if (!open) return
    const f = initial()
    setForm(f)
    setBase(f)
    setErrors({})
    setFormError(undefined)
  }, [open, recordId])

  /** Fields typed or chosen: the error under `errorKey` and the form's error go. */
  const edit = (patch: Partial<F>, errorKey: string) => {
    setForm((f) => ({ ...f, ...patch }))
    clearError(errorKey)
    setFormError(undefined)
  }

  /** 关闭 / 取消: not while saving; unsaved changes are dropped only when confirmed. */
  const confirmClose = async (onClose: () => void) => {
    if (submitting) return
    if (dirty) {
      const res = await Taro.showModal({ title: '有未保存的修改', content: '关闭后，填写的内容不会保存。确定关闭吗？', confirmText: '关闭' })
      if (!res.confirm) return
    }
    onClose()
  }

  /** A new record was created from the form as it stands. */
  const created = (title: string) => {
    setBase(form)
    void Taro.showToast({ title, icon: 'success' })
  }

  /**
   * An edit: only what changed goes in the PATCH (`send`); the form then shows
   * the saved record. Resolves to that record, or null when nothing had changed.
   */
  const update = async <P extends object, R>(patch: P, send: (patch: P) => Promise<R>, formOfSaved: (saved: R) => F): Promise<R | null> => {
    if (Object.keys(patch).length === 0) {
      setBase(form)
      void Taro.showToast({ title: '没有需要保存的修改', icon: 'none' })
      return null
    }
    const saved = await send(patch)
    const f = formOfSaved(saved)
    setForm(f)
    setBase(f)
    void Taro.showToast({ title: '已保存', icon: 'success' })
    return saved
  }

  return { ...submitter, form, dirty, edit, confirmClose, created, update }
}
