import { useRef, useState } from 'react'
import type { z } from 'zod'
import { isApiError } from '../services/api-error'
import { messageOf } from '../services/errors.zh'
import { createIdempotencyKey } from '../services/idempotency'
import { fieldErrorsOfServer, fieldErrorsOfZod, type FieldErrors } from '../utils/form'

const CHECK_FIELDS = '请检查标红的项'

/**
 * A form that validates with a zod schema and submits once: field errors
 * (client and server) under their fields, a form error under the form, and
 * one idempotency key per distinct body, so that a retried identical submit
 * is not a second request.
 */
export function useFormSubmit(fallback: FieldErrors) {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string>()
  const [submitting, setSubmitting] = useState(false)
  const attempt = useRef<{ key: string; body: string } | null>(null)

  const clearError = (key: string) => setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e))

  /**
   * Validates `candidate`, then sends it. An error without field errors goes
   * to `onError` (by default its message becomes the form error).
   */
  const submit = async <S extends z.ZodTypeAny>(
    schema: S,
    candidate: unknown,
    send: (body: z.output<S>, idempotencyKey: string) => Promise<void>,
    onError: (err: unknown) => void | Promise<void> = (err) => setFormError(messageOf(err)),
  ) => {
    if (submitting) return
    const parsed = schema.safeParse(candidate)
    if (!parsed.success) {
      setErrors(fieldErrorsOfZod(parsed.error, fallback))
      setFormError(CHECK_FIELDS)
      return
    }
    const body: z.output<S> = parsed.data
    const bodyJson = JSON.stringify(body)
    if (!attempt.current || attempt.current.body !== bodyJson) attempt.current = { key: createIdempotencyKey(), body: bodyJson }
    setErrors({})
    setFormError(undefined)
    setSubmitting(true)
    try {
      await send(body, attempt.current.key)
      attempt.current = null
    } catch (err) {
      if (isApiError(err) && err.fieldErrors.length > 0) {
        setErrors(fieldErrorsOfServer(err.fieldErrors, fallback))
        setFormError(CHECK_FIELDS)
      } else {
        await onError(err)
      }
    } finally {
      setSubmitting(false)
    }
  }

  return { errors, setErrors, formError, setFormError, submitting, clearError, submit }
}
