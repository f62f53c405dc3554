import { ConfigError, loadConfig } from './app-config';

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
