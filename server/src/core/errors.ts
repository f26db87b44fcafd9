import type { ErrorCode, FieldError } from '../../../shared/errors';

/**
 * Domain errors. They say what went wrong in the domain's words and carry a
 * shared error code; they know nothing of HTTP. `http/problem.ts` is the one
 * place that maps them to statuses.
 */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  /** Safe to show the client: no personal data, no internals. */
  readonly publicDetail?: string;

  constructor(publicDetail?: string, options?: { cause?: unknown }) {
    super(publicDetail ?? new.target.name, options);
    this.name = new.target.name;
    this.publicDetail = publicDetail;
  }
}

export class ValidationError extends AppError {
  readonly code = 'VALIDATION_FAILED' as const;
  constructor(
    readonly fieldErrors: FieldError[],
    detail = 'The request has invalid fields.',
  ) {
    super(detail);
  }
}

export class MalformedBodyError extends AppError {
  readonly code = 'MALFORMED_JSON' as const;
}

export class PayloadTooLargeError extends AppError {
  readonly code = 'PAYLOAD_TOO_LARGE' as const;
}

export class UnsupportedMediaTypeError extends AppError {
  readonly code = 'UNSUPPORTED_MEDIA_TYPE' as const;
}

export class RouteNotFoundError extends AppError {
  readonly code = 'ROUTE_NOT_FOUND' as const;
}

export class MethodNotAllowedError extends AppError {
  readonly code = 'METHOD_NOT_ALLOWED' as const;
  constructor(readonly allowed: string[]) {
    super(`Allowed: ${allowed.join(', ')}`);
  }
}

/** A record that does not exist, or that the actor may not see (never a hint which). */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND' as const;
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED' as const;
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN' as const;
}

/** The account was disabled by an admin (403): sign-in and every request are refused. */
export class AccountDisabledError extends AppError {
  readonly code = 'ACCOUNT_DISABLED' as const;
}

export class ConflictError extends AppError {
  readonly code: ErrorCode = 'CONFLICT';
}

/** A points movement would take the balance below zero (409). */
export class InsufficientPointsError extends ConflictError {
  override readonly code = 'INSUFFICIENT_POINTS' as const;
}

/** Not enough units of the gift left (409). */
export class OutOfStockError extends ConflictError {
  override readonly code = 'OUT_OF_STOCK' as const;
}

/** The per-person limit of a gift would be passed (409). */
export class GiftLimitReachedError extends ConflictError {
  override readonly code = 'GIFT_LIMIT_REACHED' as const;
}

/** The yearly value cap of gifts per person would be passed (409). */
export class GiftValueCapReachedError extends ConflictError {
  override readonly code = 'GIFT_VALUE_CAP_REACHED' as const;
}

/** The gift is switched off or outside its active window (409). */
export class GiftUnavailableError extends ConflictError {
  override readonly code = 'GIFT_UNAVAILABLE' as const;
}

export class RateLimitedError extends AppError {
  readonly code = 'RATE_LIMITED' as const;
  constructor(readonly retryAfterSeconds: number) {
    super('Too many requests; try again later.');
  }
}

/** The HTTP request could not be parsed at all; answered before Koa (http/client-errors.ts). */
export class MalformedRequestError extends AppError {
  readonly code = 'MALFORMED_REQUEST' as const;
}

/** The request line and headers are over Node's limit (http.maxHeaderSize); answered before Koa. */
export class HeadersTooLargeError extends AppError {
  readonly code = 'HEADERS_TOO_LARGE' as const;
}

export class ServiceUnavailableError extends AppError {
  readonly code = 'SERVICE_UNAVAILABLE' as const;
  /** Sent as Retry-After when we know how long the outage usually lasts. */
  retryAfterSeconds?: number;
}

/** Text that content security (WeChat msg_sec_check) judged risky; nothing was stored. */
export class ContentRejectedError extends AppError {
  readonly code = 'CONTENT_REJECTED' as const;
}

/** A one-time code (SMS, WeChat) that is wrong, expired, used or exhausted: deliberately one answer for all. */
export class VerificationFailedError extends AppError {
  readonly code = 'VERIFICATION_FAILED' as const;
}

/** A consent this action depends on has not been given (privacy.md). */
export class ConsentRequiredError extends AppError {
  readonly code = 'CONSENT_REQUIRED' as const;
  constructor(readonly purposes: string[], detail = `Consent needed: ${purposes.join(', ')}.`) {
    super(detail);
  }
}

/** A material policy change the user has not accepted yet blocks everything but the consent flow. */
export class ReconsentRequiredError extends AppError {
  readonly code = 'RECONSENT_REQUIRED' as const;
}
