/**
 * The closed set of error codes the API answers with. Clients switch on `code`, never on
 * the message text, so adding a code is a contract change: add it here, give it a status,
 * and give the web client a translation for it.
 */
export const ErrorCode = {
  validation_failed: 'validation_failed',
  unauthenticated: 'unauthenticated',
  invalid_credentials: 'invalid_credentials',
  csrf_failed: 'csrf_failed',
  forbidden: 'forbidden',
  not_found: 'not_found',
  conflict: 'conflict',
  email_taken: 'email_taken',
  already_member: 'already_member',
  last_owner: 'last_owner',
  token_invalid: 'token_invalid',
  payload_too_large: 'payload_too_large',
  rate_limited: 'rate_limited',
  internal_error: 'internal_error',
  service_unavailable: 'service_unavailable',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status per code; the server's error handler is the only reader. */
export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  email_taken: 409,
  already_member: 409,
  last_owner: 409,
  token_invalid: 410,
  payload_too_large: 413,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
};

/** One problem with one input field, named by its path (`email`, `items/0/title`). */
export interface FieldIssue {
  field: string;
  message: string;
}

export interface ErrorDetails {
  fields?: FieldIssue[];
  [key: string]: unknown;
}

/**
 * The one error type of Leeway. Services throw it; the HTTP layer maps `code` to a status.
 * It lives in core so the web client can build and recognise the same shape.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCode, value);
}
