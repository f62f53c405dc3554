import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig, type AppConfig } from './app-config';

describe('HTTP timeouts from the environment', () => {
  it('has defaults that close a stalled client within seconds', () => {
    expect(loadConfig({}).http).toEqual({
      requestTimeoutMs: 30_000,
      headersTimeoutMs: 10_000,
      keepAliveTimeoutMs: 5_000,
      connectionsCheckingIntervalMs: 1_000,
    });
  });

  it('reads each timeout, and checks connections often enough for short ones', () => {
    const http = loadConfig({ HTTP_REQUEST_TIMEOUT_MS: '600', HTTP_HEADERS_TIMEOUT_MS: '400', HTTP_KEEP_ALIVE_TIMEOUT_MS: '300' }).http;
    expect(http).toEqual({ requestTimeoutMs: 600, headersTimeoutMs: 400, keepAliveTimeoutMs: 300, connectionsCheckingIntervalMs: 100 });
  });

  it.each([
    [{ HTTP_REQUEST_TIMEOUT_MS: '0' }, /HTTP_REQUEST_TIMEOUT_MS must be an integer from 100/],
    [{ HTTP_HEADERS_TIMEOUT_MS: '10.5' }, /HTTP_HEADERS_TIMEOUT_MS must be an integer/],
    [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: 'forever' }, /HTTP_KEEP_ALIVE_TIMEOUT_MS must be an integer/],
    [
      { HTTP_REQUEST_TIMEOUT_MS: '5000', HTTP_HEADERS_TIMEOUT_MS: '6000' },
      /HTTP_HEADERS_TIMEOUT_MS must not exceed HTTP_REQUEST_TIMEOUT_MS/,
    ],
  ])('refuses %j at start-up', (env, reason) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(reason);
  });
});

/** The one line a refused environment gives, without its "Configuration: " prefix. */
function refusal(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Configuration: /);
    expect(message).not.toContain('\n');
    return message.slice('Configuration: '.length);
  }
  throw new Error(`${JSON.stringify(env)} was accepted`);
}

const TOKEN_A = 'a-secret-token-0123456789';
const TOKEN_B = 'b-secret-token-0123456789';

describe('the environment, validated once', () => {
  it('has a default for every variable', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      database: { type: 'sqlite', checkpointIntervalMs: 250, durability: 'durable' },
      clock: { mode: 'real', start: undefined },
      scheduler: { enabled: true, pollIntervalMs: 250, batchSize: 200 },
      bodyLimitBytes: 262_144,
      apiTokens: undefined,
      defaultOrganisation: 'default',
      log: { level: 'info' },
      metrics: { port: undefined },
      corsOrigins: [],
      securityHeaders: true,
      rateLimit: { max: 0, windowMs: 60_000 },
      shutdown: { drainMs: 0 },
      requireIfMatch: false,
      stream: { heartbeatMs: 15_000 },
      webhooks: {
        dispatcher: true,
        pollIntervalMs: 1_000,
        batchSize: 50,
        timeoutMs: 10_000,
        maxAttempts: 8,
        retryBaseMs: 30_000,
        retryMaxMs: 21_600_000,
        secretGraceMs: 86_400_000,
        allowPrivateNetworks: false,
        allowedHosts: [],
      },
      openData: { ocidPrefix: 'ocds-000000' },
    });
    expect(config.dataDir).toMatch(/\/data$/);
    expect(config.database).toEqual({
      type: 'sqlite',
      path: join(config.dataDir, 'engine.sqlite'),
      checkpointIntervalMs: 250,
      defaultOrganisation: 'default',
      durability: 'durable',
    });
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ PORT: '', SCHEDULER: ' ', LOG_LEVEL: '' })).toMatchObject({
      port: 3000,
      scheduler: { enabled: true },
      log: { level: 'info' },
    });
  });

  it.each([
    ['PORT', '8080', (config: AppConfig) => config.port, 8080],
    ['PORT', '0', (config: AppConfig) => config.port, 0],
    ['HOST', '0.0.0.0', (config: AppConfig) => config.host, '0.0.0.0'],
    ['HOST', '::1', (config: AppConfig) => config.host, '::1'],
    ['HOST', 'engine.internal', (config: AppConfig) => config.host, 'engine.internal'],
    ['DATA_DIR', '/var/lib/engine', (config: AppConfig) => config.dataDir, '/var/lib/engine'],
    ['SQLITE_CHECKPOINT_MS', '0', (config: AppConfig) => (config.database as { checkpointIntervalMs: number }).checkpointIntervalMs, 0],
    ['SQLITE_DURABILITY', 'relaxed', (config: AppConfig) => (config.database as { durability: string }).durability, 'relaxed'],
    ['SQLITE_DURABILITY', 'DURABLE', (config: AppConfig) => (config.database as { durability: string }).durability, 'durable'],
    ['SQLITE_DURABILITY', 'relaxed', (config: AppConfig) => (config.database as { checkpointIntervalMs: number }).checkpointIntervalMs, 25],
    ['BODY_LIMIT_BYTES', '1048576', (config: AppConfig) => config.bodyLimitBytes, 1_048_576],
    ['CLOCK', 'simulated', (config: AppConfig) => config.clock.mode, 'simulated'],
    ['CLOCK', 'SIMULATED', (config: AppConfig) => config.clock.mode, 'simulated'],
    ['CLOCK_START', '2022-06-27T09:00:00+02:00', (config: AppConfig) => config.clock.start?.toISOString(), '2022-06-27T07:00:00.000Z'],
    ['SCHEDULER_POLL_MS', '1000', (config: AppConfig) => config.scheduler.pollIntervalMs, 1000],
    ['SCHEDULER_BATCH', '50', (config: AppConfig) => config.scheduler.batchSize, 50],
    ['LOG_LEVEL', 'debug', (config: AppConfig) => config.log.level, 'debug'],
    ['LOG_LEVEL', 'silent', (config: AppConfig) => config.log.level, 'silent'],
    ['METRICS_PORT', '9464', (config: AppConfig) => config.metrics.port, 9464],
    ['RATE_LIMIT_MAX', '100', (config: AppConfig) => config.rateLimit.max, 100],
    ['RATE_LIMIT_WINDOW_MS', '1000', (config: AppConfig) => config.rateLimit.windowMs, 1000],
    ['SHUTDOWN_DRAIN_MS', '5000', (config: AppConfig) => config.shutdown.drainMs, 5000],
    ['STREAM_HEARTBEAT_MS', '1000', (config: AppConfig) => config.stream.heartbeatMs, 1000],
    ['WEBHOOK_DISPATCHER', 'off', (config: AppConfig) => config.webhooks.dispatcher, false],
    ['WEBHOOK_MAX_ATTEMPTS', '3', (config: AppConfig) => config.webhooks.maxAttempts, 3],
    ['WEBHOOK_RETRY_BASE_MS', '20', (config: AppConfig) => config.webhooks.retryBaseMs, 20],
    ['WEBHOOK_TIMEOUT_MS', '500', (config: AppConfig) => config.webhooks.timeoutMs, 500],
    ['WEBHOOK_SECRET_GRACE_MS', '0', (config: AppConfig) => config.webhooks.secretGraceMs, 0],
    ['WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'yes', (config: AppConfig) => config.webhooks.allowPrivateNetworks, true],
    ['WEBHOOK_ALLOWED_HOSTS', 'localhost', (config: AppConfig) => config.webhooks.allowedHosts, ['localhost']],
    [
      'WEBHOOK_ALLOWED_HOSTS',
      ' Hooks.Internal.Example., 10.0.0.5,[fd00::1], ::1 ,receiver_1,10.0.0.5',
      (config: AppConfig) => config.webhooks.allowedHosts,
      ['hooks.internal.example', '10.0.0.5', 'fd00::1', '::1', 'receiver_1'],
    ],
  ])('reads %s=%s', (name, value, read, expected) => {
    expect(read(loadConfig({ [name]: value }))).toEqual(expected);
  });

  it.each([
    ['PORT', 'abc', 'PORT must be an integer from 0 to 65535, got "abc"'],
    ['PORT', '65536', 'PORT must be an integer from 0 to 65535, got "65536"'],
    ['PORT', '80.5', 'PORT must be an integer from 0 to 65535, got "80.5"'],
    ['HOST', 'not a host', 'HOST must be an IP address or a host name such as 0.0.0.0 or localhost, got "not a host"'],
    ['SQLITE_CHECKPOINT_MS', '-1', 'SQLITE_CHECKPOINT_MS must be an integer from 0 to 60000, got "-1"'],
    ['SQLITE_DURABILITY', 'fast', 'SQLITE_DURABILITY must be one of durable, relaxed, got "fast"'],
    ['BODY_LIMIT_BYTES', '10', 'BODY_LIMIT_BYTES must be an integer from 1024 to 52428800, got "10"'],
    ['CLOCK', 'fake', 'CLOCK must be one of real, simulated, got "fake"'],
    ['SCHEDULER_POLL_MS', '5', 'SCHEDULER_POLL_MS must be an integer from 10 to 3600000, got "5"'],
    ['SCHEDULER_BATCH', '0', 'SCHEDULER_BATCH must be an integer from 1 to 100000, got "0"'],
    ['LOG_LEVEL', 'verbose', 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "verbose"'],
    ['METRICS_PORT', '0', 'METRICS_PORT must be an integer from 1 to 65535, got "0"'],
    ['RATE_LIMIT_MAX', 'lots', 'RATE_LIMIT_MAX must be an integer from 0 to 1000000, got "lots"'],
    ['RATE_LIMIT_WINDOW_MS', '10', 'RATE_LIMIT_WINDOW_MS must be an integer from 1000 to 86400000, got "10"'],
    ['SHUTDOWN_DRAIN_MS', '600001', 'SHUTDOWN_DRAIN_MS must be an integer from 0 to 600000, got "600001"'],
    ['STREAM_HEARTBEAT_MS', '5', 'STREAM_HEARTBEAT_MS must be an integer from 10 to 3600000, got "5"'],
    ['WEBHOOK_MAX_ATTEMPTS', '0', 'WEBHOOK_MAX_ATTEMPTS must be an integer from 1 to 100, got "0"'],
    ['WEBHOOK_TIMEOUT_MS', '50', 'WEBHOOK_TIMEOUT_MS must be an integer from 100 to 600000, got "50"'],
    ['WEBHOOK_RETRY_MAX_MS', '1000', 'WEBHOOK_RETRY_MAX_MS must not be below WEBHOOK_RETRY_BASE_MS (30000), got 1000'],
    [
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS',
      'sometimes',
      'WEBHOOK_ALLOW_PRIVATE_NETWORKS must be true or false (also on/off, yes/no, 1/0), got "sometimes"',
    ],
    [
      'WEBHOOK_ALLOWED_HOSTS',
      'localhost,http://hooks.example:8080,10.0.0.0/8',
      'WEBHOOK_ALLOWED_HOSTS must be host names or IP addresses separated by commas, such as hooks.internal.example,10.0.0.5 (no scheme, port, path or range), got "http://hooks.example:8080", "10.0.0.0/8"',
    ],
  ])('refuses %s=%s in one line naming the variable, what it must be and what was given', (name, value, line) => {
    expect(refusal({ [name]: value })).toBe(line);
  });

  it('refuses a CLOCK_START that is no instant, saying why', () => {
    expect(refusal({ CLOCK_START: '2022-06-27' })).toMatch(
      /^CLOCK_START must be an ISO 8601 instant with an offset such as 2022-06-27T09:00:00\+02:00, got "2022-06-27" \(/,
    );
  });

  describe.each(['SCHEDULER', 'SECURITY_HEADERS', 'REQUIRE_IF_MATCH'])('the boolean %s', (name) => {
    const read = (config: AppConfig) =>
      name === 'SCHEDULER' ? config.scheduler.enabled : name === 'SECURITY_HEADERS' ? config.securityHeaders : config.requireIfMatch;

    it.each(['true', 'TRUE', 'on', 'On', 'yes', 'YES', '1', ' true '])('reads %j as true', (value) => {
      expect(read(loadConfig({ [name]: value }))).toBe(true);
    });

    it.each(['false', 'False', 'off', 'OFF', 'no', 'No', '0'])('reads %j as false', (value) => {
      expect(read(loadConfig({ [name]: value }))).toBe(false);
    });

    it.each(['maybe', 'enabled', '2', 'y'])('refuses %j', (value) => {
      expect(refusal({ [name]: value })).toBe(`${name} must be true or false (also on/off, yes/no, 1/0), got "${value}"`);
    });
  });

  it('turns the scheduler off with SCHEDULER=false (not only off)', () => {
    expect(loadConfig({ SCHEDULER: 'false' }).scheduler.enabled).toBe(false);
  });

  describe('DATABASE_URL', () => {
    it('reads sqlite: and postgres:// URLs, with a schema', () => {
      expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x/engine.sqlite' }).database).toEqual({
        type: 'sqlite',
        path: '/tmp/x/engine.sqlite',
        checkpointIntervalMs: 250,
        durability: 'durable',
        defaultOrganisation: 'default',
      });
      expect(
        loadConfig({ DATABASE_URL: 'postgres://app@db:5432/engine?schema=tenders', DATABASE_CONNECT_TIMEOUT_MS: '2000' }).database,
      ).toEqual({
        type: 'postgres',
        url: 'postgres://app@db:5432/engine',
        schema: 'tenders',
        connectTimeoutMs: 2000,
        defaultOrganisation: 'default',
      });
      expect(loadConfig({ DATABASE_URL: 'postgresql://app@db/engine' }).database).toMatchObject({
        type: 'postgres',
        connectTimeoutMs: 5000,
      });
    });

    it('refuses other schemes, without showing a password', () => {
      const line = refusal({ DATABASE_URL: 'mysql://app:hunter2@db/engine' });
      expect(line).toBe('DATABASE_URL must start with sqlite: or postgres://, got "mysql://app@db/engine"');
      expect(refusal({ DATABASE_URL: 'postgres://app:hunter2@/engine' })).not.toContain('hunter2');
      expect(refusal({ DATABASE_URL: 'sqlite:' })).toBe('DATABASE_URL must be sqlite:<file> with a file path, got "sqlite:"');
      expect(refusal({ DATABASE_URL: 'postgres://app@db/engine?schema=a;drop' })).toMatch(/^DATABASE_URL \?schema= must be a name/);
      expect(refusal({ DATABASE_CONNECT_TIMEOUT_MS: '10' })).toBe(
        'DATABASE_CONNECT_TIMEOUT_MS must be an integer from 100 to 600000, got "10"',
      );
    });
  });

  describe('API_TOKENS', () => {
    it('accepts name=role:token entries with unique names and tokens', () => {
      const spec = `marie=administrator:${TOKEN_A}, cron=scheduler:${TOKEN_B}`;
      expect(loadConfig({ API_TOKENS: spec }).apiTokens).toBe(spec);
    });

    it('reads the organisations after @, and refuses a bad organisation name without showing the token', () => {
      const spec = `marie=administrator@region-ara+metropole:${TOKEN_A}`;
      expect(loadConfig({ API_TOKENS: spec }).apiTokens).toBe(spec);
      for (const bad of [`marie=auditor@:${TOKEN_A}`, `marie=auditor@a b:${TOKEN_A}`, `marie=auditor@${'x'.repeat(201)}:${TOKEN_A}`]) {
        const message = refusal({ API_TOKENS: bad });
        expect(message).toMatch(/^API_TOKENS entry 1 \(marie\) must name organisations of 1 to 200 characters/);
        expect(message).not.toContain(TOKEN_A);
      }
    });

    it('reads DEFAULT_ORGANISATION and refuses a bad one', () => {
      expect(loadConfig({ DEFAULT_ORGANISATION: 'region-ara' }).defaultOrganisation).toBe('region-ara');
      expect(loadConfig({ DEFAULT_ORGANISATION: 'region-ara' }).database.defaultOrganisation).toBe('region-ara');
      for (const bad of ['a,b', 'a+b', 'a:b', 'a@b', 'x'.repeat(201)]) {
        expect(refusal({ DEFAULT_ORGANISATION: bad })).toMatch(/^DEFAULT_ORGANISATION must /);
      }
    });

    it.each([
      [`marie=administrator:short`, 'API_TOKENS entry 1 (marie) must have a token of 16 characters or more without spaces (5 given)'],
      [
        `marie=boss:${TOKEN_A}`,
        'API_TOKENS entry 1 (marie) must have a role among administrator, scheduler, auditor, global-auditor ("boss" is not one)',
      ],
      [TOKEN_A, 'API_TOKENS entry 1 must be name=role:token'],
      [
        `marie=auditor:${TOKEN_A},marie=scheduler:${TOKEN_B}`,
        'API_TOKENS entry 2 (marie) must have a name of its own (entry 1 has it too)',
      ],
      [
        `marie=auditor:${TOKEN_A},cron=scheduler:${TOKEN_A}`,
        'API_TOKENS entry 2 (cron) must have a token of its own (entry 1 has the same)',
      ],
      [`ma rie=auditor:${TOKEN_A}`, 'API_TOKENS entry 1 must start with a name of 1 to 100 letters, digits or . _ @ -'],
      [' , ', null],
    ])('refuses %j by position and name, never showing a token', (spec, line) => {
      const refused = refusal({ API_TOKENS: spec === ' , ' ? ', ,' : spec });
      if (line) expect(refused).toBe(line);
      else expect(refused).toBe('API_TOKENS names no principal (expected name=role:token or name=role@organisation:token,…)');
      expect(refused).not.toContain(TOKEN_A);
      expect(refused).not.toContain(TOKEN_B);
    });
  });

  describe('CORS_ORIGINS', () => {
    it('reads a comma-separated list of origins', () => {
      expect(loadConfig({ CORS_ORIGINS: 'https://app.example, http://localhost:8080' }).corsOrigins).toEqual([
        'https://app.example',
        'http://localhost:8080',
      ]);
    });

    it.each(['https://app.example/', 'https://app.example/path', '*', 'app.example', 'ftp://app.example'])('refuses %j', (origin) => {
      expect(refusal({ CORS_ORIGINS: `https://ok.example,${origin}` })).toBe(
        `CORS_ORIGINS must be origins such as https://app.example or http://localhost:8080 (scheme, host, optional port; no path), got ${JSON.stringify(origin)}`,
      );
    });
  });

  it('refuses a metrics port that is the API port', () => {
    expect(refusal({ PORT: '9000', METRICS_PORT: '9000' })).toBe('METRICS_PORT must differ from PORT (9000), got 9000');
  });

  it('reads the OCDS prefix a publisher registered, and refuses what is no prefix', () => {
    expect(loadConfig({ OCDS_OCID_PREFIX: 'ocds-213czf' }).openData).toEqual({ ocidPrefix: 'ocds-213czf' });
    for (const bad of ['213czf', 'ocds-213cz', 'OCDS-213CZF', 'ocds-213czf-x']) {
      expect(refusal({ OCDS_OCID_PREFIX: bad })).toBe(
        `OCDS_OCID_PREFIX must be an OCDS prefix: ocds- and six lowercase letters or digits, such as ocds-213czf, got ${JSON.stringify(bad)}`,
      );
    }
  });

  it('sends no e-mail without SMTP_HOST, and reads the SMTP server, its TLS mode, credentials and sender', () => {
    expect(loadConfig({}).email).toBeUndefined();
    expect(loadConfig({ SMTP_HOST: 'smtp.example.org', SMTP_FROM: 'Achats <achats@example.org>' }).email).toEqual({
      host: 'smtp.example.org',
      port: 587,
      secure: 'starttls',
      from: 'Achats <achats@example.org>',
    });
    expect(
      loadConfig({ SMTP_HOST: '127.0.0.1', SMTP_SECURE: 'implicit', SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_FROM: 'a@example.org' }).email,
    ).toEqual({ host: '127.0.0.1', port: 465, secure: 'implicit', user: 'u', password: 'p', from: 'a@example.org' });
    expect(loadConfig({ SMTP_HOST: 'mail', SMTP_SECURE: 'none', SMTP_PORT: '2525', SMTP_FROM: 'a@example.org' }).email?.port).toBe(2525);
    const dir = mkdtempSync(join(tmpdir(), 'smtp-'));
    writeFileSync(join(dir, 'password'), 's3cret\n');
    expect(
      loadConfig({ SMTP_HOST: 'mail', SMTP_USER: 'u', SMTP_PASSWORD_FILE: join(dir, 'password'), SMTP_FROM: 'a@example.org' }).email
        ?.password,
    ).toBe('s3cret');
  });

  it('refuses SMTP settings that cannot work, saying why', () => {
    expect(refusal({ SMTP_HOST: 'smtp.example.org' })).toBe('SMTP_FROM must be set when SMTP_HOST is: the sender of every e-mail');
    expect(refusal({ SMTP_HOST: 'mail', SMTP_FROM: 'not an address' })).toBe(
      'SMTP_FROM must be an e-mail address such as achats@example.org or "Achats <achats@example.org>", got "not an address"',
    );
    expect(refusal({ SMTP_SECURE: 'ssl' })).toBe('SMTP_SECURE must be one of none, starttls, implicit, got "ssl"');
    expect(refusal({ SMTP_PASSWORD: 'p' })).toBe('SMTP_USER must be set when a password is (SMTP_PASSWORD or SMTP_PASSWORD_FILE)');
    expect(refusal({ SMTP_USER: 'u', SMTP_PASSWORD: 'p', SMTP_PASSWORD_FILE: '/x' })).toBe(
      'SMTP_PASSWORD_FILE must not be set with SMTP_PASSWORD: give the password one way',
    );
  });

  it('reads the reminders’ offsets per kind, a week and a day before by default', () => {
    expect(loadConfig({}).reminders.offsets).toEqual({ tender: ['P7D', 'P1D'], convention: ['P7D', 'P1D'], cohort: ['P7D', 'P1D'] });
    expect(loadConfig({ REMINDER_OFFSETS: 'tender:P14D,PT12H; convention:' }).reminders.offsets).toEqual({
      tender: ['P14D', 'PT12H'],
      convention: [],
    });
    expect(loadConfig({ REMINDER_OFFSETS: 'none' }).reminders.offsets).toEqual({});
    expect(refusal({ REMINDER_OFFSETS: 'tender:7 days' })).toBe(
      'REMINDER_OFFSETS must give positive ISO 8601 durations such as P7D or PT12H for tender, got "7 days"',
    );
    expect(refusal({ REMINDER_OFFSETS: 'P7D' })).toBe(
      'REMINDER_OFFSETS must be kind:durations;… such as tender:P7D,P1D;convention:P7D,P1D, got "P7D"',
    );
  });

  it('lists every bad variable in one line', () => {
    expect(refusal({ PORT: 'x', CLOCK: 'fake', SCHEDULER: 'maybe', API_TOKENS: `a=root:${TOKEN_A}` })).toBe(
      'PORT must be an integer from 0 to 65535, got "x"; API_TOKENS entry 1 (a) must have a role among administrator, scheduler, auditor, global-auditor ("root" is not one); CLOCK must be one of real, simulated, got "fake"; SCHEDULER must be true or false (also on/off, yes/no, 1/0), got "maybe"',
    );
  });
});

describe('OpenID Connect settings', () => {
  const ISSUER = 'https://keycloak.example/realms/achats';

  it('is off without OIDC_ISSUER, and has a default for every other setting', () => {
    expect(loadConfig({}).oidc).toBeUndefined();
    expect(loadConfig({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'engine' }).oidc).toEqual({
      issuer: ISSUER,
      audiences: ['engine'],
      clientId: 'engine',
      rolesClaim: 'roles',
      organisationsClaim: 'org',
      nameClaim: 'name',
      clockToleranceS: 30,
      roleMap: {},
      scopes: ['openid', 'profile', 'email'],
      jwksCooldownS: 30,
    });
  });

  it('reads a Keycloak-like and a ProConnect-like configuration', () => {
    expect(
      loadConfig({
        OIDC_ISSUER: ISSUER,
        OIDC_AUDIENCE: 'engine, account',
        OIDC_CLIENT_ID: 'engine-console',
        OIDC_ROLES_CLAIM: 'realm_access.roles',
        OIDC_ROLE_MAP: 'agent-achat=administrator, controle=auditor',
        OIDC_CLOCK_TOLERANCE_S: '5',
      }).oidc,
    ).toMatchObject({
      audiences: ['engine', 'account'],
      clientId: 'engine-console',
      rolesClaim: 'realm_access.roles',
      roleMap: { 'agent-achat': 'administrator', controle: 'auditor' },
      clockToleranceS: 5,
    });
    expect(
      loadConfig({
        OIDC_ISSUER: 'https://auth.agentconnect.gouv.fr/api/v2',
        OIDC_AUDIENCE: 'client-id',
        OIDC_SCOPES: 'openid given_name usual_name email uid siret',
        OIDC_ROLES_CLAIM: 'email',
        OIDC_ROLE_MAP: 'marie.dupont@dijon.fr=administrator',
        OIDC_DEFAULT_ROLE: 'Auditor',
        OIDC_ORG_CLAIM: 'siret',
      }).oidc,
    ).toMatchObject({
      scopes: ['openid', 'given_name', 'usual_name', 'email', 'uid', 'siret'],
      roleMap: { 'marie.dupont@dijon.fr': 'administrator' },
      defaultRole: 'auditor',
      organisationsClaim: 'siret',
    });
    // http only on loopback (a provider for tests or on the same machine).
    expect(loadConfig({ OIDC_ISSUER: 'http://localhost:8080/realms/dev', OIDC_AUDIENCE: 'a' }).oidc?.issuer).toBe(
      'http://localhost:8080/realms/dev',
    );
  });

  it('refuses what cannot work, saying why', () => {
    expect(refusal({ OIDC_ISSUER: ISSUER })).toBe(
      'OIDC_AUDIENCE must be set when OIDC_ISSUER is: the audience (client id) the provider issues tokens for',
    );
    expect(refusal({ OIDC_ISSUER: 'keycloak.example', OIDC_AUDIENCE: 'a' })).toBe(
      'OIDC_ISSUER must be the provider\'s issuer URL, such as https://keycloak.example/realms/achats, got "keycloak.example"',
    );
    expect(refusal({ OIDC_ISSUER: 'http://keycloak.example/realms/achats', OIDC_AUDIENCE: 'a' })).toBe(
      'OIDC_ISSUER must be an https URL (http only on localhost or a loopback address), got "http://keycloak.example/realms/achats"',
    );
    expect(refusal({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'a', OIDC_ROLE_MAP: 'agent-achat=admin' })).toBe(
      'OIDC_ROLE_MAP must be provider-role=role entries separated by commas, each role among administrator, scheduler, auditor, global-auditor, such as agent-achat=administrator,controle=auditor, got "agent-achat=admin"',
    );
    expect(refusal({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'a', OIDC_ROLE_MAP: 'x=auditor,x=scheduler' })).toBe(
      'OIDC_ROLE_MAP must map each provider role once, got "x" twice',
    );
    expect(refusal({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'a', OIDC_ROLES_CLAIM: 'realm access' })).toBe(
      'OIDC_ROLES_CLAIM must be a claim name or a dotted path such as realm_access.roles, got "realm access"',
    );
    expect(refusal({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'a', OIDC_SCOPES: 'profile email' })).toBe(
      'OIDC_SCOPES must include openid, got "profile email"',
    );
    expect(refusal({ OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: 'a', OIDC_DEFAULT_ROLE: 'root', OIDC_CLOCK_TOLERANCE_S: '-1' })).toBe(
      'OIDC_CLOCK_TOLERANCE_S must be an integer from 0 to 600, got "-1"; OIDC_DEFAULT_ROLE must be one of administrator, scheduler, auditor, global-auditor, got "root"',
    );
    expect(refusal({ OIDC_AUDIENCE: 'a', OIDC_ROLE_MAP: 'x=auditor' })).toBe(
      'OIDC_AUDIENCE is set but OIDC_ISSUER is not: set the issuer too, or remove it; OIDC_ROLE_MAP is set but OIDC_ISSUER is not: set the issuer too, or remove it',
    );
  });
});
