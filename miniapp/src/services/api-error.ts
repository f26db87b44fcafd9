import { isErrorCode, type ErrorCode, type FieldError } from '@shared/errors'

export interface ApiErrorInit {
  status: number
  code: ErrorCode
  title: string
  detail?: string
  fieldErrors?: FieldError[]
  requestId?: string
  /** From a 429's `Retry-After` header, in seconds. */
  retryAfterSeconds?: number
}

/** Every failed API call rejects with this; the UI shows `messageOf(err)` from errors.zh.ts. */
export class ApiError extends Error {
  readonly status: number
  readonly code: ErrorCode
  readonly title: string
  readonly detail?: string
  readonly fieldErrors: FieldError[]
  /** The problem's `instance`: quote it when users report a failure. */
  readonly requestId?: string
  /** How long to wait before retrying (429 `Retry-After`), in seconds. */
  readonly retryAfterSeconds?: number

  constructor(init: ApiErrorInit) {
    super(init.detail ?? init.title)
    // Babel's ES5 class output loses the prototype when extending Error.
    Object.setPrototypeOf(this, ApiError.prototype)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.title = init.title
    this.detail = init.detail
    this.fieldErrors = init.fieldErrors ?? []
    this.requestId = init.requestId
    this.retryAfterSeconds = init.retryAfterSeconds
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError
}

/** Used when a response has no usable `code` (proxy pages, older servers). */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'VALIDATION_FAILED'
    case 401:
      return 'UNAUTHENTICATED'
    case 403:
      return 'FORBIDDEN'
    case 404:
      return 'NOT_FOUND'
    case 405:
      return 'METHOD_NOT_ALLOWED'
    case 409:
      return 'CONFLICT'
    case 413:
      return 'PAYLOAD_TOO_LARGE'
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE'
    case 429:
      return 'RATE_LIMITED'
    case 502:
    case 503:
    case 504:
      return 'SERVICE_UNAVAILABLE'
    default:
      return 'INTERNAL'
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fieldErrorsOf(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return []
  return value.filter(
    (item): item is FieldError => isRecord(item) && typeof item.path === 'string' && typeof item.message === 'string',
  )
}

/** Builds an ApiError from a non-2xx response; tolerates bodies that are not problem+json. */
export function apiErrorFromResponse(status: number, body: unknown, retryAfter?: string): ApiError {
  const problem = isRecord(body) ? body : {}
  const str = (key: string) => (typeof problem[key] === 'string' ? (problem[key] as string) : undefined)
  const code = problem.code
  return new ApiError({
    status,
    code: isErrorCode(code) ? code : codeForStatus(status),
    title: str('title') ?? `HTTP ${status}`,
    detail: str('detail'),
    fieldErrors: fieldErrorsOf(problem.errors),
    requestId: str('instance'),
    retryAfterSeconds: retryAfterSecondsOf(retryAfter),
  })
}

/** `Retry-After` is delta-seconds or an HTTP date. */
function retryAfterSecondsOf(value: string | undefined): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds))
  const at = Date.parse(value)
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000))
}

export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : isRecord(cause) && typeof cause.errMsg === 'string' ? cause.errMsg : undefined
  return new ApiError({ status: 0, code: 'SERVICE_UNAVAILABLE', title: 'Network error', detail })
}

/** A 2xx body that does not match the contract: the client and server disagree. */
export function invalidResponseError(status: number, detail: string): ApiError {
  return new ApiError({ status, code: 'INTERNAL', title: 'Invalid response', detail })
}
