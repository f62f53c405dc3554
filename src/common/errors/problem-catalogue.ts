import { ErrorCode, statusOf, titleOf } from './domain-error';

/** When each problem is answered, in a sentence: the page its `type` URI resolves to says it. */
export const PROBLEM_DESCRIPTIONS: Record<ErrorCode, string> = {
  VALIDATION_FAILED:
    'A field is missing, of the wrong type or unknown; an impossible instant (30 February, 24:00, an offset of +25:00); a query parameter out of range, repeated or holding a control character; a JSON body nested deeper than 64 levels or using a key every object already has (constructor, toString, __proto__). `errors` lists each invalid field with its JSON pointer.',
  UNKNOWN_KIND: 'No such kind of record. `knownKinds` lists those the service hosts.',
  UNKNOWN_EVENT: "The record's kind has no such event. `knownEvents` lists its events.",
  INSTANCE_NOT_FOUND: 'No record has this id.',
  PARENT_NOT_FOUND: 'The `parentId` names no record.',
  EVENT_NOT_ACCEPTED: 'The current state of the record does not take this event. `state` and `acceptedEvents` say what it takes.',
  RULE_REFUSED: 'A business rule of the documents refused the command: `rule` names it and the detail says why. Nothing was written.',
  VERSION_CONFLICT: 'The body’s `expectedVersion` is not the record’s version: the record has moved on. Nothing was written.',
  INVALID_TIME: 'The event’s `at` is ahead of the clock or before the record’s previous event, or a date lies past 9999-12-31.',
  NOT_FOUND: 'No such route, or nothing at this address (a record before its creation).',
  NOT_A_TENDER:
    'The record is a convention or a cohort: the OCDS and DECP exports describe contracting processes, which only tenders are. `kind` gives the record’s kind.',
  NOTHING_TO_PUBLISH:
    'No OCDS release to give: the tender is still a draft (a release starts with its publication), or no tender has a release in the period. An OCDS package holds at least one release.',
  UNAUTHENTICATED: 'No bearer token, or a static token the service does not know.',
  TOKEN_INVALID:
    'A JWT from the OpenID Connect provider (OIDC_ISSUER) that is refused; `reason` says why: `malformed`, `algorithm_not_allowed` (only RS256, ES256, PS256 and EdDSA), `bad_signature`, `unknown_key` (a key the provider does not publish), `expired`, `not_yet_valid`, `wrong_issuer`, `wrong_audience`, `invalid_claims`, `no_subject`, or `provider_unreachable` (the provider’s keys could not be fetched: not the token’s fault, try again later; the outage is logged).',
  FORBIDDEN:
    'The token’s role may not call this route; or a genuine JWT gives no role of this service (`reason`: `no_role`, the roles claim is missing or empty; `unmapped_role`, none of its roles is one of ours or mapped by OIDC_ROLE_MAP).',
  ORGANISATION_FORBIDDEN:
    'The body’s `organisation` is not one of the caller’s organisations (or the caller belongs to none, and may create no record). `organisations` lists the caller’s. Nothing was written.',
  ORGANISATION_REQUIRED:
    'The caller belongs to several organisations and the body names none: give `organisation`, one of those `organisations` lists. Nothing was written.',
  PAYLOAD_TOO_LARGE: 'The body is larger than BODY_LIMIT_BYTES.',
  UNSUPPORTED_MEDIA_TYPE: 'The body is not JSON (form-encoded, multipart, text): send application/json.',
  BAD_REQUEST: 'The request is malformed (for example, JSON that does not parse).',
  INTERNAL: 'An unexpected error: it has been logged with the request id.',
  PRECONDITION_FAILED:
    'If-Match names another version than the record’s: it has moved on. `currentVersion` gives its version. Nothing was written.',
  PRECONDITION_REQUIRED: 'This deployment requires events to carry If-Match with the record’s ETag (REQUIRE_IF_MATCH).',
  IDEMPOTENCY_KEY_REUSED:
    'This Idempotency-Key was used, within 24 hours, for a request with another body. Use a new key for a new request.',
  RATE_LIMITED:
    'More requests with this token (or from this address, without one) than RATE_LIMIT_MAX in the window: `Retry-After` says in how many seconds to retry.',
  IDEMPOTENCY_KEY_IN_FLIGHT: 'A request with this Idempotency-Key is still being processed: retry later with the same key.',
  NOTIFICATION_NOT_RETRYABLE:
    'The notification is not dead (it is still pending, or was delivered), or its subscription was deleted: `notificationStatus` gives its status. Nothing was changed.',
  WEBHOOK_ADDRESS_NOT_ALLOWED:
    'The subscription’s host is, or resolves to, an address on an internal network (loopback, private, link-local such as 169.254.169.254, carrier-grade NAT, unique local, multicast, reserved), or does not resolve, so that it cannot be checked. `host` names the host and `address` the address refused. Webhooks are sent there only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, or with the host listed in WEBHOOK_ALLOWED_HOSTS. Nothing was written.',
};

/** The address of a problem type's page: `/api/problems/validation-failed`. */
export function problemTypeUri(code: ErrorCode): string {
  return `/api/problems/${code.toLowerCase().replace(/_/g, '-')}`;
}

/** The code of a problem page's name, if there is one. */
export function codeOfProblemSlug(slug: string): ErrorCode | undefined {
  const code = slug.toUpperCase().replace(/-/g, '_');
  return (Object.values(ErrorCode) as string[]).includes(code) ? (code as ErrorCode) : undefined;
}

export interface ProblemType {
  type: string;
  code: ErrorCode;
  status: number;
  title: string;
  description: string;
}

export function problemTypes(): ProblemType[] {
  return Object.values(ErrorCode).map((code) => ({
    type: problemTypeUri(code),
    code,
    status: statusOf(code),
    title: titleOf(code),
    description: PROBLEM_DESCRIPTIONS[code],
  }));
}
