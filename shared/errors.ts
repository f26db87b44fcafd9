/**
 * Error codes shared by server and mini-program. The server puts one in every
 * problem+json body (`code`); the mini-program maps it to Chinese text.
 * Add codes here, never inline strings.
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  /** The HTTP request itself could not be parsed (before any route saw it). */
  'MALFORMED_REQUEST',
  /** The request line and headers together are over the server's limit. */
  'HEADERS_TOO_LARGE',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONFLICT',
  'IDEMPOTENCY_CONFLICT',
  'RATE_LIMITED',
  'VERIFICATION_FAILED',
  'CONSENT_REQUIRED',
  'RECONSENT_REQUIRED',
  'SERVICE_UNAVAILABLE',
  /** Text refused by content security (WeChat msg_sec_check): not stored. */
  'CONTENT_REJECTED',
  /** A points movement would take the balance below zero. */
  'INSUFFICIENT_POINTS',
  /** A redemption asks for more units than the gift has left. */
  'OUT_OF_STOCK',
  /** A redemption would pass the gift's per-person limit. */
  'GIFT_LIMIT_REACHED',
  /** A redemption would pass the yearly gift value cap per person (anti-bribery rule). */
  'GIFT_VALUE_CAP_REACHED',
  /** The gift is switched off or outside its active window. */
  'GIFT_UNAVAILABLE',
  /** The account was disabled by an admin: no sign-in, no requests. */
  'ACCOUNT_DISABLED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** One field problem in a validation error: `path` is dotted (`contact.phone`, `photos.0`). */
export interface FieldError {
  path: string;
  message: string;
}

/** The RFC 9457 body every error response carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: ErrorCode;
  errors?: FieldError[];
  instance?: string;
}
