import Taro from '@tarojs/taro'
import type { z } from 'zod'
import { apiErrorFromResponse, invalidResponseError, networkError, type ApiError } from './api-error'
import { API_BASE, API_PREFIX } from './api-base'
import { getToken } from './token'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
export type Query = Record<string, string | number | boolean | null | undefined>

export interface RequestOptions {
  method?: HttpMethod
  query?: Query
  body?: unknown
  /** For creates that cost something (tickets, redemptions, SMS); see createIdempotencyKey(). */
  idempotencyKey?: string
  timeoutMs?: number
}

const DEFAULT_TIMEOUT_MS = 15_000

/** Absolute URL of an API path: for Taro APIs that are not `request` (uploadFile, downloadFile). */
export function apiUrl(path: string, query?: Query): string {
  const pairs = Object.entries(query ?? {})
    .filter((entry): entry is [string, string | number | boolean] => entry[1] !== undefined && entry[1] !== null)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
  return `${API_BASE}${API_PREFIX}${path}${pairs.length > 0 ? `?${pairs.join('&')}` : ''}`
}

// weapp keeps the server's header case, H5 lower-cases it.
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string {
  const key = Object.keys(headers ?? {}).find((k) => k.toLowerCase() === name)
  const value = key ? headers?.[key] : undefined
  return typeof value === 'string' ? value : ''
}

// weapp leaves a body it could not parse as a string; H5 turns it into null.
export function bodyOf(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data) as unknown
  } catch {
    return data
  }
}

export interface ApiErrorEvent {
  error: ApiError
  path: string
  /** The request carried a session token (a 401 then means the session ended). */
  authenticated: boolean
}

type ApiErrorListener = (event: ApiErrorEvent) => void
const listeners = new Set<ApiErrorListener>()

/**
 * App-wide reactions to failures (session ended, new policy to accept) live
 * in one place instead of every page. Returns the unsubscribe function.
 */
export function onApiError(listener: ApiErrorListener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** Tells the listeners about a failure; also used by the upload and file clients. */
export function reportApiError(event: ApiErrorEvent): ApiError {
  for (const listener of listeners) {
    try {
      listener(event)
    } catch {
      // A listener must never turn one failure into another.
    }
  }
  return event.error
}

/** Authorization header for the current session, if any. */
export function authHeader(): Record<string, string> {
  const token = getToken()
  return token ? { Authorization: `Bearer ${token}` } : {}
}

/** The one HTTP client: every API module goes through here. Rejects with ApiError. */
export async function request(path: string, options: RequestOptions = {}): Promise<unknown> {
  const { method = 'GET', query, body, idempotencyKey, timeoutMs = DEFAULT_TIMEOUT_MS } = options
  const header: Record<string, string> = { Accept: 'application/json, application/problem+json' }
  if (body !== undefined) header['Content-Type'] = 'application/json'
  const token = getToken()
  if (token) header.Authorization = `Bearer ${token}`
  if (idempotencyKey) header['Idempotency-Key'] = idempotencyKey

  // Taro's type parameter only admits these; bodyOf and the schemas check the real shape.
  let response: Taro.request.SuccessCallbackResult<string | Record<string, unknown>>
  try {
    response = await Taro.request<string | Record<string, unknown>, string>({
      url: apiUrl(path, query),
      method,
      header,
      data: body === undefined ? undefined : JSON.stringify(body),
      dataType: 'json',
      timeout: timeoutMs,
    })
  } catch (cause) {
    throw reportApiError({ error: networkError(cause), path, authenticated: Boolean(token) })
  }

  const status = response.statusCode
  const data = bodyOf(response.data)
  const isProblem = headerValue(response.header, 'content-type').includes('application/problem+json')
  if (isProblem || status < 200 || status >= 300) {
    const error = apiErrorFromResponse(status, data, headerValue(response.header, 'retry-after') || undefined)
    throw reportApiError({ error, path, authenticated: Boolean(token) })
  }
  return data
}

/** Validates a 2xx body against the shared schema so contract drift fails loudly, not in the UI. */
export async function requestParsed<S extends z.ZodType>(
  schema: S,
  path: string,
  options?: RequestOptions,
): Promise<z.output<S>> {
  const data = await request(path, options)
  const parsed = schema.safeParse(data)
  if (!parsed.success) throw invalidResponseError(200, parsed.error.message)
  return parsed.data
}
