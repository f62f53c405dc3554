import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { Duration } from 'luxon';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { isEmailAddress } from '../common/email-address';
import { checkInstant } from '../common/time/instant';
import { checkApiTokens } from './api-tokens';
import { isValidKeyName } from '../transparency/checkpoint';
import { parseCosignerKey } from '../transparency/cosignature';
import { DEFAULT_ORGANISATION, organisationProblem } from '../auth/organisations';

export type DatabaseConfig =
  /**
   * `checkpointIntervalMs`: how often a worker thread checkpoints the WAL (0: SQLite's own checkpoints only).
   * `durability`: `durable` (the default) syncs the WAL at every commit (synchronous=FULL), so a 2xx is on
   * disk; `relaxed` (synchronous=NORMAL) syncs it at checkpoints only (SQLITE_DURABILITY).
   */
  | { type: 'sqlite'; path: string; checkpointIntervalMs?: number; durability?: SqliteDurability; defaultOrganisation?: string }
  /** `connectTimeoutMs`: how long to wait for a connection to be accepted (DATABASE_CONNECT_TIMEOUT_MS). */
  | { type: 'postgres'; url: string; schema?: string; connectTimeoutMs?: number; defaultOrganisation?: string };

export type SqliteDurability = 'durable' | 'relaxed';

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  dataDir: string;
  clock: { mode: 'real' | 'simulated'; start?: Date };
  scheduler: { enabled: boolean; pollIntervalMs: number; batchSize: number };
  bodyLimitBytes: number;
  http: HttpTimeouts;
  apiTokens?: string;
  /** The organisation of records made before organisations existed, and of static tokens naming none (DEFAULT_ORGANISATION). */
  defaultOrganisation: string;
  /** Structured JSON logs (LOG_LEVEL). */
  log: { level: LogLevelName };
  /** Prometheus metrics: on the API port (`/api/metrics`, auditors and schedulers) or on a port of their own (METRICS_PORT). */
  metrics: { port?: number };
  /** Browser origins allowed by CORS (CORS_ORIGINS, comma-separated); none: CORS off. */
  corsOrigins: string[];
  /** Security headers (helmet) on every response (SECURITY_HEADERS). */
  securityHeaders: boolean;
  /** Requests per token per window (RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MS); max 0: no limit. */
  rateLimit: { max: number; windowMs: number };
  /** After SIGTERM: readiness answers 503 for `drainMs` before the server stops taking requests (SHUTDOWN_DRAIN_MS). */
  shutdown: { drainMs: number };
  /** Events must carry If-Match (REQUIRE_IF_MATCH): a request without it gets 428. */
  requireIfMatch: boolean;
  /** The live stream (GET /api/stream): how often an idle stream sends a keep-alive comment (STREAM_HEARTBEAT_MS). */
  stream: { heartbeatMs: number };
  /** Where the console offers to open Stately's inspector for a record (CONSOLE_INSPECTOR_URL); none: not offered. */
  consoleInspectorUrl?: string;
  /** Open data (docs/open-data.md): the OCDS prefix of the publisher's contracting process ids (OCDS_OCID_PREFIX). */
  openData: { ocidPrefix: string };
  /** Webhook notifications from the outbox (docs/notifications.md). */
  webhooks: WebhooksConfig;
  /** E-mail over SMTP (SMTP_HOST and the others); undefined: no e-mail is sent. */
  email?: EmailConfig;
  /** Reminders before pending deadlines: ISO 8601 durations before the due instant, per kind (REMINDER_OFFSETS). */
  reminders: { offsets: Record<string, string[]> };
  /** Bearer JWTs from an OpenID Connect provider (OIDC_ISSUER and the others; docs/access.md); undefined: static tokens only. */
  oidc?: OidcConfig;
  /** The transparency log's signed checkpoints (docs/audit.md). */
  transparency: TransparencyConfig;
}

/**
 * The transparency log: the Ed25519 signing key (TRANSPARENCY_KEY_FILE, by default DATA_DIR/transparency-key,
 * made on first start, mode 0600), the log's name in its checkpoints (TRANSPARENCY_ORIGIN), when checkpoints
 * are signed (every TRANSPARENCY_CHECKPOINT_S seconds if the tree grew, 0: never on a timer; and as soon as
 * TRANSPARENCY_CHECKPOINT_EVENTS events are not yet covered, 0: never on a count) and where each is also
 * written as a file (TRANSPARENCY_PUBLISH_DIR).
 */
export interface TransparencyConfig {
  keyFile: string;
  origin: string;
  checkpointIntervalS: number;
  checkpointEvents: number;
  publishDir?: string;
  /** Witnesses each new checkpoint is submitted to (C2SP tlog-witness), with the key their cosignatures are checked with. */
  witnesses: TransparencyWitness[];
}

export interface TransparencyWitness {
  /** The submission prefix: checkpoints are POSTed to `<url>/add-checkpoint`. */
  url: string;
  /** The witness's cosigner verifier key (`name+hex8+base64(0x04 || key)`). */
  key: string;
}

export const DEFAULT_TRANSPARENCY_ORIGIN = 'procurement-engine.local/log';

/** The roles of the service, as the configuration names them (the same values as auth's Role). */
export const ROLE_NAMES = ['administrator', 'scheduler', 'auditor', 'global-auditor'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

/**
 * An OpenID Connect provider whose access tokens (JWTs) the API accepts beside static tokens. The key
 * set comes from the issuer's discovery document; each claim is read at a dotted path of the token's
 * payload (`realm_access.roles`).
 */
export interface OidcConfig {
  /** The `iss` every token must carry, exactly (OIDC_ISSUER); the discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** One of these must be in the token's `aud` (OIDC_AUDIENCE, comma-separated). */
  audiences: string[];
  /** The client a console signs in as (OIDC_CLIENT_ID; by default the first audience). */
  clientId: string;
  /** Where the provider's roles are (OIDC_ROLES_CLAIM): a string or an array of strings. */
  rolesClaim: string;
  /** Where the organisations are (OIDC_ORG_CLAIM): a string or an array of strings; none: the principal reaches no organisation's records. */
  organisationsClaim: string;
  /** The display name (OIDC_NAME_CLAIM), else `preferred_username`, else `sub`. */
  nameClaim: string;
  /** Leeway for `exp`, `nbf` and `iat`, in seconds (OIDC_CLOCK_TOLERANCE_S). */
  clockToleranceS: number;
  /** The provider's role names → ours (OIDC_ROLE_MAP); empty: the claim must carry our role names themselves. */
  roleMap: Record<string, RoleName>;
  /** The role of a valid token whose claim gives none of ours (OIDC_DEFAULT_ROLE); undefined: such a token is refused. */
  defaultRole?: RoleName;
  /** The scopes a console asks for when it signs in (OIDC_SCOPES). */
  scopes: string[];
  /** After fetching the key set, how long before a token naming an unknown key may fetch it again (OIDC_JWKS_COOLDOWN_S). */
  jwksCooldownS: number;
}

/** How a connection to the SMTP server is protected: none, upgraded with STARTTLS, or TLS from the start. */
export const SMTP_SECURITY = ['none', 'starttls', 'implicit'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/**
 * The SMTP server that sends e-mail (SMTP_HOST, SMTP_PORT, SMTP_SECURE, SMTP_USER with SMTP_PASSWORD or
 * SMTP_PASSWORD_FILE) and the sender (SMTP_FROM). E-mail deliveries share the webhooks' dispatcher,
 * timeout and retries (WEBHOOK_*).
 */
export interface EmailConfig {
  host: string;
  port: number;
  secure: SmtpSecurity;
  user?: string;
  password?: string;
  from: string;
}

/** The reminders sent by default: a week and a day before every pending deadline and duty of each kind. */
export const DEFAULT_REMINDER_OFFSETS = 'tender:P7D,P1D;convention:P7D,P1D;cohort:P7D,P1D';

/**
 * The dispatcher of webhook notifications: whether it runs in this process (WEBHOOK_DISPATCHER), how
 * often it looks for work (WEBHOOK_POLL_MS) and how much it takes at a time (WEBHOOK_BATCH); each
 * attempt's timeout (WEBHOOK_TIMEOUT_MS); retries with exponential backoff and full jitter, from
 * WEBHOOK_RETRY_BASE_MS doubling up to WEBHOOK_RETRY_MAX_MS, WEBHOOK_MAX_ATTEMPTS attempts in all, then
 * dead; how long a rotated secret still signs (WEBHOOK_SECRET_GRACE_MS); whether receivers may be on
 * internal networks (WEBHOOK_ALLOW_PRIVATE_NETWORKS, off by default), and the hosts allowed there
 * all the same (WEBHOOK_ALLOWED_HOSTS).
 */
export interface WebhooksConfig {
  dispatcher: boolean;
  pollIntervalMs: number;
  batchSize: number;
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  secretGraceMs: number;
  /** Receivers may be on loopback, private, link-local… networks (docs/notifications.md). */
  allowPrivateNetworks: boolean;
  /** Host names and IP addresses (lowercase, IPv6 without brackets) allowed even on an internal network. */
  allowedHosts: string[];
}

export type LogLevelName = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * How long a client may take, so that one that stalls cannot hold a connection (and a socket) for
 * ever: to send a whole request, to send its headers, and to start its next request on a kept-alive
 * connection. Node notices an expired request at its next check of the connections, every
 * `connectionsCheckingIntervalMs` (derived: a quarter of the shortest timeout, at most a second).
 */
export interface HttpTimeouts {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  connectionsCheckingIntervalMs: number;
}

/** The service cannot start: one line says why (printed as is, exit code 2). */
export class StartupError extends Error {}

/** A variable of the environment has a value the service does not accept. */
export class ConfigError extends StartupError {}

/**
 * The WAL is checkpointed from a worker thread this often by default. Relaxed, the checkpoint is what
 * syncs the WAL, so its interval is the window a power cut can lose: short. Durable, every commit
 * syncs the WAL itself and the checkpoint only copies it into the database file and keeps it small:
 * less often, so that its syncs compete less with the commits'.
 */
export const DEFAULT_CHECKPOINT_MS = 25;
export const DEFAULT_DURABLE_CHECKPOINT_MS = 250;

export function defaultCheckpointMs(durability: SqliteDurability | undefined): number {
  return durability === 'relaxed' ? DEFAULT_CHECKPOINT_MS : DEFAULT_DURABLE_CHECKPOINT_MS;
}

/** How long a start waits for PostgreSQL to accept a connection, by default. */
export const DEFAULT_DATABASE_CONNECT_TIMEOUT_MS = 5_000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const satisfies readonly LogLevelName[];
const TRUE_WORDS = ['true', 'on', 'yes', '1'];
const FALSE_WORDS = ['false', 'off', 'no', '0'];
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** A URL as it may be shown: without its password. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1@');
  }
}

/** What was given, quoted, short, control characters escaped. */
function given(raw: string): string {
  const shown = raw.length > 80 ? `${raw.slice(0, 77)}...` : raw;
  return JSON.stringify(shown);
}

function isUnset(raw: string | undefined): raw is undefined {
  return raw === undefined || raw.trim() === '';
}

type Ctx = z.RefinementCtx<string | undefined>;

function refuse(ctx: Ctx, message: string): never {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

/** Unset or empty: the default. Otherwise `read` turns the trimmed text into the value or refuses it. */
function variable<T>(fallback: T, read: (text: string, ctx: Ctx) => T) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T => (isUnset(raw) ? fallback : read(raw.trim(), ctx)));
}

function integer(fallback: number, min: number, max: number) {
  return variable(fallback, (text, ctx) => {
    const value = Number(text);
    if (!/^[+-]?\d+$/.test(text) || value < min || value > max)
      return refuse(ctx, `must be an integer from ${min} to ${max}, got ${given(text)}`);
    return value;
  });
}

function optionalInteger(min: number, max: number) {
  return variable<number | undefined>(undefined, (text, ctx) => {
    const value = Number(text);
    if (!/^[+-]?\d+$/.test(text) || value < min || value > max)
      return refuse(ctx, `must be an integer from ${min} to ${max}, got ${given(text)}`);
    return value;
  });
}

/** true/false, on/off, yes/no, 1/0, in any case. */
function boolean(fallback: boolean) {
  return variable(fallback, (text, ctx) => {
    const word = text.toLowerCase();
    if (TRUE_WORDS.includes(word)) return true;
    if (FALSE_WORDS.includes(word)) return false;
    return refuse(ctx, `must be true or false (also on/off, yes/no, 1/0), got ${given(text)}`);
  });
}

function oneOf<const T extends string>(fallback: T, values: readonly T[]) {
  return variable<T>(fallback, (text, ctx) => {
    const value = values.find((candidate) => candidate === text.toLowerCase());
    if (value === undefined) return refuse(ctx, `must be one of ${values.join(', ')}, got ${given(text)}`);
    return value;
  });
}

const host = variable('127.0.0.1', (text, ctx) => {
  const hostname = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
  if (isIP(text) === 0 && !hostname.test(text))
    return refuse(ctx, `must be an IP address or a host name such as 0.0.0.0 or localhost, got ${given(text)}`);
  return text;
});

const path = variable<string | undefined>(undefined, (text, ctx) => {
  if (text.includes('\0')) return refuse(ctx, 'must be a directory path, got one with a NUL character');
  return text;
});

/** Checked here, used by `parseDatabaseUrl` once DATA_DIR is known. */
const databaseUrl = variable<string | undefined>(undefined, (text, ctx) => {
  if (text.startsWith('sqlite:')) {
    if (text === 'sqlite:' || text.includes('\0')) return refuse(ctx, `must be sqlite:<file> with a file path, got ${given(text)}`);
    return text;
  }
  if (/^postgres(ql)?:\/\//.test(text)) {
    let parsed: URL;
    try {
      parsed = new URL(text);
    } catch {
      return refuse(ctx, `must be a URL such as postgres://user@host:5432/db, got ${given(withoutPassword(text))}`);
    }
    if (!parsed.hostname) return refuse(ctx, `must name a host, as in postgres://user@host:5432/db, got ${given(withoutPassword(text))}`);
    const schema = parsed.searchParams.get('schema');
    if (schema !== null && !SCHEMA_NAME.test(schema)) {
      return refuse(ctx, `?schema= must be a name of letters, digits and _ (63 at most, not starting with a digit), got ${given(schema)}`);
    }
    return text;
  }
  return refuse(ctx, `must start with sqlite: or postgres://, got ${given(withoutPassword(text))}`);
});

const clockStart = variable<Date | undefined>(undefined, (text, ctx) => {
  const checked = checkInstant(text);
  if (checked.problem !== undefined) {
    return refuse(
      ctx,
      `must be an ISO 8601 instant with an offset such as 2022-06-27T09:00:00+02:00, got ${given(text)} (${checked.problem})`,
    );
  }
  return new Date(checked.instant);
});

const apiTokens = variable<string | undefined>(undefined, (text, ctx) => {
  const { problems } = checkApiTokens(text);
  if (problems.length > 0) return refuse(ctx, problems.join(', '));
  return text;
});

const transparencyOrigin = variable<string>(DEFAULT_TRANSPARENCY_ORIGIN, (text, ctx) => {
  if (isValidKeyName(text)) return text;
  return refuse(ctx, `must be a note key name (printable ASCII, no space or +, such as example.org/log), got ${given(text)}`);
});

/** `<submission prefix URL> <cosigner verifier key>`, entries separated by commas. */
const transparencyWitnesses = variable<TransparencyWitness[]>([], (text, ctx) => {
  const witnesses: TransparencyWitness[] = [];
  for (const entry of text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const [url, key, ...extra] = entry.split(/\s+/);
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || key === undefined || extra.length > 0) {
      return refuse(ctx, `must be "<http(s) URL> <witness key>" entries separated by commas, got ${given(entry)}`);
    }
    try {
      parseCosignerKey(key);
    } catch (error) {
      return refuse(ctx, `has an unusable witness key in ${given(entry)}: ${(error as Error).message}`);
    }
    witnesses.push({ url: url.replace(/\/+$/, ''), key });
  }
  return witnesses;
});

const organisation = variable<string>(DEFAULT_ORGANISATION, (text, ctx) => {
  const problem = organisationProblem(text);
  return problem === undefined ? text : refuse(ctx, `${problem}, got ${given(text)}`);
});

const inspectorUrl = variable<string | undefined>(undefined, (text, ctx) => {
  try {
    const url = new URL(text);
    if (['http:', 'https:'].includes(url.protocol)) return url.toString();
  } catch {
    // refused below
  }
  return refuse(ctx, `must be an http or https address such as https://stately.ai/inspect, got ${given(text)}`);
});

/**
 * The placeholder OCDS prefix: a publisher registers its own with the Open Contracting Partnership
 * (`ocds-` and six letters or digits) before publishing.
 */
export const PLACEHOLDER_OCID_PREFIX = 'ocds-000000';

const ocidPrefix = variable(PLACEHOLDER_OCID_PREFIX, (text, ctx) => {
  if (!/^ocds-[a-z0-9]{6}$/.test(text)) {
    return refuse(ctx, `must be an OCDS prefix: ocds- and six lowercase letters or digits, such as ocds-213czf, got ${given(text)}`);
  }
  return text;
});

const corsOrigins = variable<string[]>([], (text, ctx) => {
  const origins = text
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  const bad = origins.filter((origin) => {
    try {
      const url = new URL(origin);
      return !['http:', 'https:'].includes(url.protocol) || url.origin !== origin;
    } catch {
      return true;
    }
  });
  if (bad.length > 0) {
    return refuse(
      ctx,
      `must be origins such as https://app.example or http://localhost:8080 (scheme, host, optional port; no path), got ${bad.map(given).join(', ')}`,
    );
  }
  return origins;
});

/** Host names or IP addresses, comma-separated: lowercase, an IPv6 address without brackets, no trailing dot. */
const allowedHosts = variable<string[]>([], (text, ctx) => {
  const hostname = /^(?=.{1,253}$)[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?)*$/;
  const normalised = (entry: string) => {
    const lower = entry.toLowerCase().replace(/\.$/, '');
    return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  };
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => isIP(normalised(entry)) === 0 && !hostname.test(normalised(entry)));
  if (bad.length > 0) {
    return refuse(
      ctx,
      `must be host names or IP addresses separated by commas, such as hooks.internal.example,10.0.0.5 (no scheme, port, path or range), got ${bad.map(given).join(', ')}`,
    );
  }
  return [...new Set(entries.map(normalised))];
});

const smtpHost = variable<string | undefined>(undefined, (text, ctx) => {
  const hostname = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
  if (isIP(text) === 0 && !hostname.test(text))
    return refuse(ctx, `must be a host name or an IP address such as smtp.example.org, got ${given(text)}`);
  return text;
});

/** `sender@example.org` or `Name <sender@example.org>`. */
const smtpFrom = variable<string | undefined>(undefined, (text, ctx) => {
  const address = /^[^<>]*<([^<>]+)>$/.exec(text)?.[1] ?? text;
  if (!isEmailAddress(address) || /[\r\n]/.test(text)) {
    return refuse(ctx, `must be an e-mail address such as achats@example.org or "Achats <achats@example.org>", got ${given(text)}`);
  }
  return text;
});

const optionalText = variable<string | undefined>(undefined, (text) => text);

/** An issuer: an https URL (http only on loopback, for tests and local providers), no query or fragment. */
const oidcIssuer = variable<string | undefined>(undefined, (text, ctx) => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse(ctx, `must be the provider's issuer URL, such as https://keycloak.example/realms/achats, got ${given(text)}`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || url.hostname.endsWith('.localhost');
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    return refuse(ctx, `must be an https URL (http only on localhost or a loopback address), got ${given(text)}`);
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    return refuse(ctx, `must be a URL without query, fragment or credentials, got ${given(text)}`);
  }
  // Kept as written: the token's iss must be this string exactly.
  return text;
});

const CLAIM_PATH = /^[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*$/;

function claimPath(fallback: string) {
  return variable(fallback, (text, ctx) => {
    if (!CLAIM_PATH.test(text)) {
      return refuse(ctx, `must be a claim name or a dotted path such as realm_access.roles, got ${given(text)}`);
    }
    return text;
  });
}

function list(text: string): string[] {
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

const oidcAudience = variable<string[]>([], (text, ctx) => {
  const audiences = list(text);
  if (audiences.length === 0 || audiences.some((audience) => /\s/.test(audience))) {
    return refuse(ctx, `must be the audience (client id) tokens are issued for, or several separated by commas, got ${given(text)}`);
  }
  return [...new Set(audiences)];
});

/** `agent-achat=administrator,controle=auditor`: provider role names to ours. */
const oidcRoleMap = variable<Record<string, RoleName>>({}, (text, ctx) => {
  const map: Record<string, RoleName> = {};
  for (const entry of list(text)) {
    const equals = entry.lastIndexOf('=');
    const theirs = equals < 0 ? '' : entry.slice(0, equals).trim();
    const ours = equals < 0 ? '' : entry.slice(equals + 1).trim();
    if (theirs === '' || !(ROLE_NAMES as readonly string[]).includes(ours)) {
      return refuse(
        ctx,
        `must be provider-role=role entries separated by commas, each role among ${ROLE_NAMES.join(', ')}, such as agent-achat=administrator,controle=auditor, got ${given(entry)}`,
      );
    }
    if (theirs in map) return refuse(ctx, `must map each provider role once, got ${given(theirs)} twice`);
    map[theirs] = ours as RoleName;
  }
  if (Object.keys(map).length === 0) return refuse(ctx, `must map at least one provider role, got ${given(text)}`);
  return map;
});

const optionalRole = variable<RoleName | undefined>(undefined, (text, ctx) => {
  const role = ROLE_NAMES.find((name) => name === text.toLowerCase());
  if (role === undefined) return refuse(ctx, `must be one of ${ROLE_NAMES.join(', ')}, got ${given(text)}`);
  return role;
});

/** Scope tokens (RFC 6749 §3.3) separated by spaces; `openid` among them. */
const oidcScopes = variable<string[]>(['openid', 'profile', 'email'], (text, ctx) => {
  const scopes = text.split(/\s+/).filter((scope) => scope !== '');
  const bad = scopes.filter((scope) => !/^[\x21\x23-\x5B\x5D-\x7E]+$/.test(scope));
  if (bad.length > 0)
    return refuse(ctx, `must be scopes separated by spaces, such as "openid profile email", got ${bad.map(given).join(', ')}`);
  if (!scopes.includes('openid')) return refuse(ctx, `must include openid, got ${given(text)}`);
  return [...new Set(scopes)];
});

/** `tender:P7D,P1D;convention:P7D,P1D`: per kind, ISO 8601 durations before the due instant; `kind:` alone, none. */
const reminderOffsets = variable<Record<string, string[]>>(parseReminderOffsets(DEFAULT_REMINDER_OFFSETS), (text, ctx) => {
  if (['none', 'off'].includes(text.toLowerCase())) return {};
  const offsets: Record<string, string[]> = {};
  for (const part of text
    .split(';')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')) {
    const match = /^([a-z][a-z0-9-]*)\s*:\s*(.*)$/.exec(part);
    if (!match) return refuse(ctx, `must be kind:durations;… such as tender:P7D,P1D;convention:P7D,P1D, got ${given(part)}`);
    const durations = match[2]
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
    for (const duration of durations) {
      const parsed = Duration.fromISO(duration);
      if (!parsed.isValid || parsed.toMillis() <= 0) {
        return refuse(ctx, `must give positive ISO 8601 durations such as P7D or PT12H for ${match[1]}, got ${given(duration)}`);
      }
    }
    offsets[match[1]] = [...new Set(durations)];
  }
  return offsets;
});

function parseReminderOffsets(text: string): Record<string, string[]> {
  return Object.fromEntries(
    text.split(';').map((part) => {
      const [kind, durations] = part.split(':');
      return [kind, durations.split(',')];
    }),
  );
}

/**
 * The environment the service reads, one entry per variable: its default, and what a value must be.
 * Each refusal names what the value must be and what was given (never a secret: a token is described
 * by its entry's position and name, a database URL is shown without its password).
 */
const environmentSchema = z
  .object({
    PORT: integer(3000, 0, 65535),
    HOST: host,
    DATABASE_URL: databaseUrl,
    DATABASE_CONNECT_TIMEOUT_MS: integer(DEFAULT_DATABASE_CONNECT_TIMEOUT_MS, 100, 600_000),
    DATA_DIR: path,
    SQLITE_CHECKPOINT_MS: optionalInteger(0, 60_000),
    SQLITE_DURABILITY: oneOf<SqliteDurability>('durable', ['durable', 'relaxed'] as const),
    BODY_LIMIT_BYTES: integer(256 * 1024, 1024, 50 * 1024 * 1024),
    HTTP_REQUEST_TIMEOUT_MS: integer(30_000, 100, 3_600_000),
    HTTP_HEADERS_TIMEOUT_MS: integer(10_000, 100, 3_600_000),
    HTTP_KEEP_ALIVE_TIMEOUT_MS: integer(5_000, 100, 3_600_000),
    API_TOKENS: apiTokens,
    DEFAULT_ORGANISATION: organisation,
    CLOCK: oneOf('real', ['real', 'simulated'] as const),
    CLOCK_START: clockStart,
    SCHEDULER: boolean(true),
    SCHEDULER_POLL_MS: integer(250, 10, 3_600_000),
    SCHEDULER_BATCH: integer(200, 1, 100_000),
    LOG_LEVEL: oneOf<LogLevelName>('info', LOG_LEVELS),
    METRICS_PORT: optionalInteger(1, 65535),
    CORS_ORIGINS: corsOrigins,
    SECURITY_HEADERS: boolean(true),
    RATE_LIMIT_MAX: integer(0, 0, 1_000_000),
    RATE_LIMIT_WINDOW_MS: integer(60_000, 1_000, 86_400_000),
    SHUTDOWN_DRAIN_MS: integer(0, 0, 600_000),
    REQUIRE_IF_MATCH: boolean(false),
    STREAM_HEARTBEAT_MS: integer(15_000, 10, 3_600_000),
    CONSOLE_INSPECTOR_URL: inspectorUrl,
    WEBHOOK_DISPATCHER: boolean(true),
    WEBHOOK_POLL_MS: integer(1_000, 10, 3_600_000),
    WEBHOOK_BATCH: integer(50, 1, 10_000),
    WEBHOOK_TIMEOUT_MS: integer(10_000, 100, 600_000),
    WEBHOOK_MAX_ATTEMPTS: integer(8, 1, 100),
    WEBHOOK_RETRY_BASE_MS: integer(30_000, 1, 86_400_000),
    WEBHOOK_RETRY_MAX_MS: integer(21_600_000, 1, 604_800_000),
    WEBHOOK_SECRET_GRACE_MS: integer(86_400_000, 0, 2_592_000_000),
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: boolean(false),
    WEBHOOK_ALLOWED_HOSTS: allowedHosts,
    OCDS_OCID_PREFIX: ocidPrefix,
    SMTP_HOST: smtpHost,
    SMTP_PORT: optionalInteger(1, 65535),
    SMTP_SECURE: oneOf<SmtpSecurity>('starttls', SMTP_SECURITY),
    SMTP_USER: optionalText,
    SMTP_PASSWORD: optionalText,
    SMTP_PASSWORD_FILE: path,
    TRANSPARENCY_KEY_FILE: path,
    TRANSPARENCY_ORIGIN: transparencyOrigin,
    TRANSPARENCY_CHECKPOINT_S: integer(60, 0, 86_400),
    TRANSPARENCY_CHECKPOINT_EVENTS: integer(1_000, 0, 100_000_000),
    TRANSPARENCY_PUBLISH_DIR: path,
    TRANSPARENCY_WITNESSES: transparencyWitnesses,
    SMTP_FROM: smtpFrom,
    REMINDER_OFFSETS: reminderOffsets,
    OIDC_ISSUER: oidcIssuer,
    OIDC_AUDIENCE: oidcAudience,
    OIDC_CLIENT_ID: optionalText,
    OIDC_ROLES_CLAIM: claimPath('roles'),
    OIDC_ORG_CLAIM: claimPath('org'),
    OIDC_NAME_CLAIM: claimPath('name'),
    OIDC_CLOCK_TOLERANCE_S: integer(30, 0, 600),
    OIDC_JWKS_COOLDOWN_S: integer(30, 0, 3600),
    OIDC_ROLE_MAP: oidcRoleMap,
    OIDC_DEFAULT_ROLE: optionalRole,
    OIDC_SCOPES: oidcScopes,
  })
  // Checks across variables run once every variable has a value of its own.
  .superRefine((env, ctx) => {
    // The headers are part of the request: Node refuses a headers timeout longer than the request's.
    if (env.HTTP_HEADERS_TIMEOUT_MS > env.HTTP_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT_MS'],
        message: `must not exceed HTTP_REQUEST_TIMEOUT_MS (${env.HTTP_REQUEST_TIMEOUT_MS}), got ${env.HTTP_HEADERS_TIMEOUT_MS}`,
      });
    }
    if (env.WEBHOOK_RETRY_MAX_MS < env.WEBHOOK_RETRY_BASE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_RETRY_MAX_MS'],
        message: `must not be below WEBHOOK_RETRY_BASE_MS (${env.WEBHOOK_RETRY_BASE_MS}), got ${env.WEBHOOK_RETRY_MAX_MS}`,
      });
    }
    if (env.SMTP_HOST !== undefined && env.SMTP_FROM === undefined) {
      ctx.addIssue({ code: 'custom', path: ['SMTP_FROM'], message: 'must be set when SMTP_HOST is: the sender of every e-mail' });
    }
    if (env.SMTP_PASSWORD !== undefined && env.SMTP_PASSWORD_FILE !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_PASSWORD_FILE'],
        message: 'must not be set with SMTP_PASSWORD: give the password one way',
      });
    }
    if (env.SMTP_USER === undefined && (env.SMTP_PASSWORD !== undefined || env.SMTP_PASSWORD_FILE !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_USER'],
        message: 'must be set when a password is (SMTP_PASSWORD or SMTP_PASSWORD_FILE)',
      });
    }
    if (env.OIDC_ISSUER !== undefined && env.OIDC_AUDIENCE.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_AUDIENCE'],
        message: 'must be set when OIDC_ISSUER is: the audience (client id) the provider issues tokens for',
      });
    }
    if (env.OIDC_ISSUER === undefined) {
      const orphans = [
        env.OIDC_AUDIENCE.length > 0 && 'OIDC_AUDIENCE',
        env.OIDC_CLIENT_ID !== undefined && 'OIDC_CLIENT_ID',
        Object.keys(env.OIDC_ROLE_MAP).length > 0 && 'OIDC_ROLE_MAP',
        env.OIDC_DEFAULT_ROLE !== undefined && 'OIDC_DEFAULT_ROLE',
      ].filter((name): name is string => name !== false);
      for (const name of orphans) {
        ctx.addIssue({ code: 'custom', path: [name], message: 'is set but OIDC_ISSUER is not: set the issuer too, or remove it' });
      }
    }
    if (env.METRICS_PORT !== undefined && env.METRICS_PORT === env.PORT) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_PORT'], message: `must differ from PORT (${env.PORT}), got ${env.METRICS_PORT}` });
    }
  });

/** Parses `DATABASE_URL`: `sqlite:<path>`, or `postgres://…` (optional `?schema=`). */
export function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { type: 'sqlite', path: join(dataDir, 'engine.sqlite') };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!path) throw new ConfigError('Configuration: DATABASE_URL must be sqlite:<file> with a file path');
    return { type: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    const parsed = new URL(url);
    const schema = parsed.searchParams.get('schema') ?? undefined;
    parsed.searchParams.delete('schema');
    return { type: 'postgres', url: parsed.toString(), schema };
  }
  throw new ConfigError(`Configuration: DATABASE_URL must start with sqlite: or postgres://, got ${given(withoutPassword(url))}`);
}

function connectionsCheckingInterval(requestTimeoutMs: number, headersTimeoutMs: number): number {
  return Math.min(1_000, Math.ceil(Math.min(requestTimeoutMs, headersTimeoutMs) / 4));
}

/**
 * The environment, read and validated once at start-up; nothing else reads process.env. Every bad
 * value is reported at once, in one line: `Configuration: PORT must be …; CLOCK must be …`.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.map(String).join('.')} ${issue.message}`);
    throw new ConfigError(`Configuration: ${problems.join('; ')}`);
  }
  const vars = parsed.data;
  const dataDir = resolve(vars.DATA_DIR ?? './data');
  const database = parseDatabaseUrl(vars.DATABASE_URL, dataDir);
  if (database.type === 'sqlite') {
    database.durability = vars.SQLITE_DURABILITY;
    database.checkpointIntervalMs = vars.SQLITE_CHECKPOINT_MS ?? defaultCheckpointMs(vars.SQLITE_DURABILITY);
  } else database.connectTimeoutMs = vars.DATABASE_CONNECT_TIMEOUT_MS;
  database.defaultOrganisation = vars.DEFAULT_ORGANISATION;
  const requestTimeoutMs = vars.HTTP_REQUEST_TIMEOUT_MS;
  const headersTimeoutMs = vars.HTTP_HEADERS_TIMEOUT_MS;
  return {
    port: vars.PORT,
    host: vars.HOST,
    database,
    dataDir,
    clock: { mode: vars.CLOCK, start: vars.CLOCK_START },
    scheduler: { enabled: vars.SCHEDULER, pollIntervalMs: vars.SCHEDULER_POLL_MS, batchSize: vars.SCHEDULER_BATCH },
    bodyLimitBytes: vars.BODY_LIMIT_BYTES,
    http: {
      requestTimeoutMs,
      headersTimeoutMs,
      keepAliveTimeoutMs: vars.HTTP_KEEP_ALIVE_TIMEOUT_MS,
      connectionsCheckingIntervalMs: connectionsCheckingInterval(requestTimeoutMs, headersTimeoutMs),
    },
    apiTokens: vars.API_TOKENS,
    defaultOrganisation: vars.DEFAULT_ORGANISATION,
    log: { level: vars.LOG_LEVEL },
    metrics: { port: vars.METRICS_PORT },
    corsOrigins: vars.CORS_ORIGINS,
    securityHeaders: vars.SECURITY_HEADERS,
    rateLimit: { max: vars.RATE_LIMIT_MAX, windowMs: vars.RATE_LIMIT_WINDOW_MS },
    shutdown: { drainMs: vars.SHUTDOWN_DRAIN_MS },
    requireIfMatch: vars.REQUIRE_IF_MATCH,
    stream: { heartbeatMs: vars.STREAM_HEARTBEAT_MS },
    consoleInspectorUrl: vars.CONSOLE_INSPECTOR_URL,
    webhooks: {
      dispatcher: vars.WEBHOOK_DISPATCHER,
      pollIntervalMs: vars.WEBHOOK_POLL_MS,
      batchSize: vars.WEBHOOK_BATCH,
      timeoutMs: vars.WEBHOOK_TIMEOUT_MS,
      maxAttempts: vars.WEBHOOK_MAX_ATTEMPTS,
      retryBaseMs: vars.WEBHOOK_RETRY_BASE_MS,
      retryMaxMs: vars.WEBHOOK_RETRY_MAX_MS,
      secretGraceMs: vars.WEBHOOK_SECRET_GRACE_MS,
      allowPrivateNetworks: vars.WEBHOOK_ALLOW_PRIVATE_NETWORKS,
      allowedHosts: vars.WEBHOOK_ALLOWED_HOSTS,
    },
    openData: { ocidPrefix: vars.OCDS_OCID_PREFIX },
    email: emailConfig(vars),
    reminders: { offsets: vars.REMINDER_OFFSETS },
    oidc: oidcConfig(vars),
    transparency: {
      keyFile: resolve(vars.TRANSPARENCY_KEY_FILE ?? join(dataDir, 'transparency-key')),
      origin: vars.TRANSPARENCY_ORIGIN,
      checkpointIntervalS: vars.TRANSPARENCY_CHECKPOINT_S,
      checkpointEvents: vars.TRANSPARENCY_CHECKPOINT_EVENTS,
      ...(vars.TRANSPARENCY_PUBLISH_DIR !== undefined ? { publishDir: resolve(vars.TRANSPARENCY_PUBLISH_DIR) } : {}),
      witnesses: vars.TRANSPARENCY_WITNESSES,
    },
  };
}

function oidcConfig(vars: z.infer<typeof environmentSchema>): OidcConfig | undefined {
  if (vars.OIDC_ISSUER === undefined) return undefined;
  return {
    issuer: vars.OIDC_ISSUER,
    audiences: vars.OIDC_AUDIENCE,
    clientId: vars.OIDC_CLIENT_ID ?? vars.OIDC_AUDIENCE[0],
    rolesClaim: vars.OIDC_ROLES_CLAIM,
    organisationsClaim: vars.OIDC_ORG_CLAIM,
    nameClaim: vars.OIDC_NAME_CLAIM,
    clockToleranceS: vars.OIDC_CLOCK_TOLERANCE_S,
    roleMap: vars.OIDC_ROLE_MAP,
    ...(vars.OIDC_DEFAULT_ROLE !== undefined ? { defaultRole: vars.OIDC_DEFAULT_ROLE } : {}),
    scopes: vars.OIDC_SCOPES,
    jwksCooldownS: vars.OIDC_JWKS_COOLDOWN_S,
  };
}

const DEFAULT_SMTP_PORTS: Record<SmtpSecurity, number> = { none: 25, starttls: 587, implicit: 465 };

/** The SMTP settings, the password read from its file if so given; undefined without SMTP_HOST. */
function emailConfig(vars: z.infer<typeof environmentSchema>): EmailConfig | undefined {
  if (vars.SMTP_HOST === undefined || vars.SMTP_FROM === undefined) return undefined;
  let password = vars.SMTP_PASSWORD;
  if (vars.SMTP_PASSWORD_FILE !== undefined) {
    try {
      password = readFileSync(vars.SMTP_PASSWORD_FILE, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new ConfigError(`Configuration: SMTP_PASSWORD_FILE cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return {
    host: vars.SMTP_HOST,
    port: vars.SMTP_PORT ?? DEFAULT_SMTP_PORTS[vars.SMTP_SECURE],
    secure: vars.SMTP_SECURE,
    ...(vars.SMTP_USER !== undefined ? { user: vars.SMTP_USER } : {}),
    ...(password !== undefined ? { password } : {}),
    from: vars.SMTP_FROM,
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
