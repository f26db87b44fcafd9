import type { Context, Middleware } from 'koa';
import type { ErrorCode, Problem } from '../../../shared/errors';
import {
  AppError,
  MalformedBodyError,
  MethodNotAllowedError,
  PayloadTooLargeError,
  RateLimitedError,
  ServiceUnavailableError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../core/errors';
import { databaseUnavailableError, isDatabaseUnavailable } from '../db/unavailable';
import type { AppState } from './state';


/** The one place that knows which HTTP status each error code means. */
const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 422,
  MALFORMED_JSON: 400,
  MALFORMED_REQUEST: 400,
  HEADERS_TOO_LARGE: 431,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  RATE_LIMITED: 429,
  VERIFICATION_FAILED: 422,
  CONSENT_REQUIRED: 403,
  RECONSENT_REQUIRED: 403,
  SERVICE_UNAVAILABLE: 503,
  CONTENT_REJECTED: 422,
  INSUFFICIENT_POINTS: 409,
  OUT_OF_STOCK: 409,
  GIFT_LIMIT_REACHED: 409,
  GIFT_VALUE_CAP_REACHED: 409,
  GIFT_UNAVAILABLE: 409,
  ACCOUNT_DISABLED: 403,
  INTERNAL: 500,
};

const TITLE: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'Validation failed',
  MALFORMED_JSON: 'Malformed JSON body',
  MALFORMED_REQUEST: 'Malformed HTTP request',
  HEADERS_TOO_LARGE: 'Request header fields too large',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  ROUTE_NOT_FOUND: 'No such route',
  METHOD_NOT_ALLOWED: 'Method not allowed',
  NOT_FOUND: 'Not found',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  CONFLICT: 'Conflict',
  IDEMPOTENCY_CONFLICT: 'Idempotency key reused with another request',
  RATE_LIMITED: 'Too many requests',
  VERIFICATION_FAILED: 'Verification failed',
  CONSENT_REQUIRED: 'Consent required',
  RECONSENT_REQUIRED: 'Consent to the new privacy policy required',
  SERVICE_UNAVAILABLE: 'Service unavailable',
  CONTENT_REJECTED: 'Content rejected',
  INSUFFICIENT_POINTS: 'Insufficient points',
  OUT_OF_STOCK: 'Out of stock',
  GIFT_LIMIT_REACHED: 'Per-person gift limit reached',
  GIFT_VALUE_CAP_REACHED: 'Yearly gift value cap reached',
  GIFT_UNAVAILABLE: 'Gift not available',
  ACCOUNT_DISABLED: 'Account disabled',
  INTERNAL: 'Internal server error',
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/**
 * Errors thrown by libraries below us (body parser, static files) carry an
 * HTTP status of their own; turn the ones a client can cause into domain
 * errors, and leave everything else to be a generic 500.
 */
function fromLibraryError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return databaseUnavailableError(err);
  const e = err as { status?: number; type?: string; expose?: boolean } | null;
  if (!e || typeof e.status !== 'number') return undefined;
  if (e.status === 413 || e.type === 'entity.too.large') return new PayloadTooLargeError('The request body is too large.');
  if (e.status === 415) return new UnsupportedMediaTypeError('Send the body as application/json.');
  if (e.status === 400 && (e.type === 'entity.parse.failed' || e.type === undefined)) {
    return new MalformedBodyError('The request body is not valid JSON.');
  }
  return undefined;
}

export function toProblem(err: AppError, instance: string): Problem {
  const code = err.code;
  const problem: Problem = {
    type: `urn:scopedesk:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLE[code],
    status: STATUS[code],
    code,
    instance,
  };
  if (err.publicDetail) problem.detail = err.publicDetail;
  if (err instanceof ValidationError) problem.errors = err.fieldErrors;
  return problem;
}

function send(ctx: Context, problem: Problem): void {
  ctx.status = problem.status;
  ctx.type = 'application/problem+json';
  ctx.body = problem;
}

/**
 * The error funnel: every error thrown below ends here as problem+json. The
 * client gets the code and safe text; the log gets the details and the stack.
 */
export function problemFunnel(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const known = fromLibraryError(err);
      const instance = ctx.state.requestId;
      if (!known) {
        ctx.state.log.error({ err }, 'unhandled error');
        send(ctx, toProblem(new InternalError(), instance));
        return;
      }
      const problem = toProblem(known, instance);
      // A client's mistake is one line; a failure of ours keeps its cause and stack.
      if (problem.status >= 500) {
        ctx.state.log.error({ problemCode: problem.code, err: known.cause ?? known }, known.message);
      } else {
        ctx.state.log.info({ problemCode: problem.code, status: problem.status, fieldErrors: problem.errors, cause: errorText(known.cause) }, known.message);
      }
      if (known instanceof RateLimitedError) ctx.set('Retry-After', String(known.retryAfterSeconds));
      if (known instanceof ServiceUnavailableError && known.retryAfterSeconds) ctx.set('Retry-After', String(known.retryAfterSeconds));
      if (known instanceof MethodNotAllowedError) ctx.set('Allow', known.allowed.join(', '));
      send(ctx, problem);
    }
  };
}

function errorText(cause: unknown): string | undefined {
  return cause instanceof Error ? cause.message : undefined;
}

class InternalError extends AppError {
  readonly code = 'INTERNAL' as const;
  constructor() {
    super('An unexpected error occurred. Quote the instance id when you contact support.');
  }
}
