/** Stable codes for every refusal the service gives; tests assert codes, not messages. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNKNOWN_KIND = 'UNKNOWN_KIND',
  UNKNOWN_EVENT = 'UNKNOWN_EVENT',
  INSTANCE_NOT_FOUND = 'INSTANCE_NOT_FOUND',
  PARENT_NOT_FOUND = 'PARENT_NOT_FOUND',
  EVENT_NOT_ACCEPTED = 'EVENT_NOT_ACCEPTED',
  RULE_REFUSED = 'RULE_REFUSED',
  VERSION_CONFLICT = 'VERSION_CONFLICT',
  PRECONDITION_FAILED = 'PRECONDITION_FAILED',
  PRECONDITION_REQUIRED = 'PRECONDITION_REQUIRED',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_IN_FLIGHT = 'IDEMPOTENCY_KEY_IN_FLIGHT',
  NOTIFICATION_NOT_RETRYABLE = 'NOTIFICATION_NOT_RETRYABLE',
  WEBHOOK_ADDRESS_NOT_ALLOWED = 'WEBHOOK_ADDRESS_NOT_ALLOWED',
  INVALID_TIME = 'INVALID_TIME',
  NOT_FOUND = 'NOT_FOUND',
  NOT_A_TENDER = 'NOT_A_TENDER',
  NOTHING_TO_PUBLISH = 'NOTHING_TO_PUBLISH',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  TOKEN_INVALID = 'TOKEN_INVALID',
  FORBIDDEN = 'FORBIDDEN',
  ORGANISATION_FORBIDDEN = 'ORGANISATION_FORBIDDEN',
  ORGANISATION_REQUIRED = 'ORGANISATION_REQUIRED',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  RATE_LIMITED = 'RATE_LIMITED',
  BAD_REQUEST = 'BAD_REQUEST',
  INTERNAL = 'INTERNAL',
}

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNKNOWN_KIND: 400,
  UNKNOWN_EVENT: 400,
  INSTANCE_NOT_FOUND: 404,
  PARENT_NOT_FOUND: 400,
  EVENT_NOT_ACCEPTED: 409,
  RULE_REFUSED: 422,
  VERSION_CONFLICT: 409,
  PRECONDITION_FAILED: 412,
  PRECONDITION_REQUIRED: 428,
  IDEMPOTENCY_KEY_REUSED: 422,
  IDEMPOTENCY_KEY_IN_FLIGHT: 409,
  NOTIFICATION_NOT_RETRYABLE: 409,
  WEBHOOK_ADDRESS_NOT_ALLOWED: 422,
  INVALID_TIME: 400,
  NOT_FOUND: 404,
  NOT_A_TENDER: 422,
  NOTHING_TO_PUBLISH: 404,
  UNAUTHENTICATED: 401,
  TOKEN_INVALID: 401,
  FORBIDDEN: 403,
  ORGANISATION_FORBIDDEN: 403,
  ORGANISATION_REQUIRED: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  BAD_REQUEST: 400,
  INTERNAL: 500,
};

const TITLE: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request does not validate',
  UNKNOWN_KIND: 'Unknown kind of record',
  UNKNOWN_EVENT: 'Unknown event type',
  INSTANCE_NOT_FOUND: 'No such instance',
  PARENT_NOT_FOUND: 'No such parent instance',
  EVENT_NOT_ACCEPTED: 'The current state does not accept this event',
  RULE_REFUSED: 'A business rule refused the command',
  VERSION_CONFLICT: 'The instance has moved on since the expected version',
  PRECONDITION_FAILED: 'The instance is not at the version If-Match names',
  PRECONDITION_REQUIRED: 'This request must be conditional (If-Match)',
  IDEMPOTENCY_KEY_REUSED: 'The Idempotency-Key was already used for another request',
  IDEMPOTENCY_KEY_IN_FLIGHT: 'A request with this Idempotency-Key is still being processed',
  NOTIFICATION_NOT_RETRYABLE: 'Only a dead notification can be retried',
  WEBHOOK_ADDRESS_NOT_ALLOWED: 'The webhook address is on an internal network',
  INVALID_TIME: 'The event time is not acceptable',
  NOT_FOUND: 'Not found',
  NOT_A_TENDER: 'Open data are published for tenders only',
  NOTHING_TO_PUBLISH: 'Nothing to publish yet',
  UNAUTHENTICATED: 'Authentication required',
  TOKEN_INVALID: 'The bearer JWT is not accepted',
  FORBIDDEN: 'Not allowed for this role',
  ORGANISATION_FORBIDDEN: 'The caller does not belong to this organisation',
  ORGANISATION_REQUIRED: 'Name the organisation of the new record',
  PAYLOAD_TOO_LARGE: 'The request body is too large',
  UNSUPPORTED_MEDIA_TYPE: 'The request body is not JSON',
  RATE_LIMITED: 'Too many requests',
  BAD_REQUEST: 'Bad request',
  INTERNAL: 'Internal error',
};

/** A refusal with a code, a human reason and optional machine-readable details (problem extensions). */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'DomainError';
  }

  get status(): number {
    return STATUS[this.code];
  }

  get title(): string {
    return TITLE[this.code];
  }
}

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

export function titleOf(code: ErrorCode): string {
  return TITLE[code];
}
