import { createServer, type Server } from 'node:http';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import {
  checkDestination,
  filteredLookup,
  internalRangeOf,
  InternalAddressError,
  isTrustedHost,
  normalisedHost,
  type Resolver,
  type SocketLookup,
  type WebhookAddressPolicy,
} from './webhook-address.util';
import { postWebhook } from './webhook-request.util';

const STRICT: WebhookAddressPolicy = { allowPrivateNetworks: false, allowedHosts: [] };

/** A resolver that answers from a table, as dns.lookup with `all: true` would; a missing name is ENOTFOUND. */
function fakeResolver(table: Record<string, string[]>, calls: string[] = []): Resolver {
  return (host, _options, callback) => {
    calls.push(host);
    const addresses = table[host];
    setImmediate(() => {
      if (!addresses) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
      else
        callback(
          null,
          addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
        );
    });
  };
}

/** What a socket's lookup answers, as a promise: the error, or the address(es). */
function lookUp(lookup: SocketLookup, host: string, all: boolean): Promise<{ error?: Error; address?: unknown; family?: number }> {
  return new Promise((resolve) => lookup(host, { all }, (error, address, family) => resolve(error ? { error } : { address, family })));
}

describe('the internal ranges (webhook receivers are refused there by default)', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '"this network"'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['10.255.255.255', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.127.255.255', 'carrier-grade NAT'],
    ['192.0.0.8', 'IETF protocol assignments'],
    ['192.0.2.1', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.9', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.255', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['febf:ffff::1', 'link-local'],
    ['fec0::1', 'site-local (deprecated)'],
    ['fc00::1', 'unique local'],
    ['fd12:3456:789a::1', 'unique local'],
    ['FD00::1', 'unique local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['3fff::1', 'documentation'],
    ['100::1', 'discard-only'],
    ['64:ff9b:1::1', 'NAT64 local use'],
    ['::127.0.0.1', 'IPv4-compatible (deprecated)'],
    ['::ffff:127.0.0.1', 'loopback, IPv4-mapped 127.0.0.1'],
    ['::ffff:7f00:1', 'loopback, IPv4-mapped 127.0.0.1'],
    ['::ffff:169.254.169.254', 'link-local, IPv4-mapped 169.254.169.254'],
    ['::ffff:a00:1', 'private, IPv4-mapped 10.0.0.1'],
    ['::ffff:0.0.0.0', 'unspecified, IPv4-mapped 0.0.0.0'],
    ['64:ff9b::7f00:1', 'loopback, NAT64 127.0.0.1'],
    ['64:ff9b::192.168.0.1', 'private, NAT64 192.168.0.1'],
    ['2002:a9fe:a9fe::1', 'link-local, 6to4 169.254.169.254'],
  ])('%s is internal: %s', (address, range) => {
    expect(internalRangeOf(address)).toBe(range);
  });

  it.each([
    '93.184.215.14',
    '8.8.8.8',
    '1.1.1.1',
    '9.255.255.255',
    '11.0.0.0',
    '172.15.255.255',
    '172.32.0.0',
    '192.167.255.255',
    '192.169.0.0',
    '169.253.255.255',
    '100.63.255.255',
    '100.128.0.0',
    '126.255.255.255',
    '128.0.0.0',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4007:80e::200e',
    '::ffff:93.184.215.14',
    '64:ff9b::808:808',
    '2002:808:808::1',
    'fbff:ffff::1',
  ])('%s is public', (address) => {
    expect(internalRangeOf(address)).toBeUndefined();
  });

  it('takes no host name for an address', () => {
    expect(internalRangeOf('localhost')).toBeUndefined();
    expect(internalRangeOf('')).toBeUndefined();
  });
});

describe('hosts allowed all the same (WEBHOOK_ALLOWED_HOSTS)', () => {
  it('compares hosts as URLs give them: lowercase, IPv6 without brackets, no trailing dot', () => {
    expect(normalisedHost('[::1]')).toBe('::1');
    expect(normalisedHost('Hooks.Internal.Example.')).toBe('hooks.internal.example');
    expect(normalisedHost('[::ffff:127.0.0.1]')).toBe('::ffff:7f00:1');
    const policy = { allowPrivateNetworks: false, allowedHosts: ['hooks.internal.example', '::ffff:127.0.0.1', '10.0.0.5'] };
    expect(isTrustedHost('hooks.internal.example.', policy)).toBe(true);
    expect(isTrustedHost('[::ffff:7f00:1]', policy)).toBe(true);
    expect(isTrustedHost('10.0.0.5', policy)).toBe(true);
    expect(isTrustedHost('10.0.0.6', policy)).toBe(false);
    expect(isTrustedHost('other.internal.example', policy)).toBe(false);
    expect(isTrustedHost('anything', { allowPrivateNetworks: true, allowedHosts: [] })).toBe(true);
  });
});

describe('the check of a subscription’s address', () => {
  const resolver = fakeResolver({
    'public.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
    'half.example': ['93.184.215.14', '10.1.2.3'],
    'metadata.example': ['169.254.169.254'],
    'empty.example': [],
  });
  const check = (url: string, policy = STRICT) => checkDestination(new URL(url), policy, 1_000, resolver);

  it('refuses a literal internal address without resolving anything', async () => {
    const calls: string[] = [];
    const refusal = await checkDestination(new URL('http://[::ffff:127.0.0.1]:8080/'), STRICT, 1_000, fakeResolver({}, calls));
    expect(refusal).toEqual({
      host: '::ffff:7f00:1',
      address: '::ffff:7f00:1',
      reason: '::ffff:7f00:1 is on an internal network (loopback, IPv4-mapped 127.0.0.1)',
    });
    expect(calls).toEqual([]);
    expect(await check('http://0x7f.1/')).toMatchObject({ address: '127.0.0.1' });
    expect(await check('https://93.184.215.14/hooks')).toBeUndefined();
  });

  it('refuses a name if any of its addresses is internal, or if it does not resolve', async () => {
    expect(await check('https://public.example/hooks')).toBeUndefined();
    expect(await check('https://half.example/hooks')).toEqual({
      host: 'half.example',
      address: '10.1.2.3',
      reason: 'half.example resolves to 10.1.2.3, on an internal network (private)',
    });
    expect(await check('https://metadata.example/')).toMatchObject({ address: '169.254.169.254' });
    expect(await check('https://nowhere.example/')).toEqual({
      host: 'nowhere.example',
      address: null,
      reason: 'nowhere.example does not resolve (ENOTFOUND), so its addresses cannot be checked',
    });
    expect(await check('https://empty.example/')).toMatchObject({ address: null, reason: 'empty.example resolves to no address' });
  });

  it('gives up on a resolver that does not answer in time', async () => {
    const silent: Resolver = () => undefined;
    expect(await checkDestination(new URL('https://slow.example/'), STRICT, 50, silent)).toMatchObject({
      address: null,
      reason: 'slow.example does not resolve (no answer within 50 ms), so its addresses cannot be checked',
    });
  });

  it('lets through a listed host and, with WEBHOOK_ALLOW_PRIVATE_NETWORKS, everything, without resolving', async () => {
    const calls: string[] = [];
    const counting = fakeResolver({}, calls);
    const listed = { allowPrivateNetworks: false, allowedHosts: ['metadata.example', '10.0.0.1'] };
    expect(await checkDestination(new URL('http://metadata.example/'), listed, 1_000, counting)).toBeUndefined();
    expect(await checkDestination(new URL('http://10.0.0.1/'), listed, 1_000, counting)).toBeUndefined();
    expect(await checkDestination(new URL('http://10.0.0.2/'), listed, 1_000, counting)).toMatchObject({ address: '10.0.0.2' });
    const open = { allowPrivateNetworks: true, allowedHosts: [] };
    expect(await checkDestination(new URL('http://127.0.0.1/'), open, 1_000, counting)).toBeUndefined();
    expect(await checkDestination(new URL('http://unresolvable.example/'), open, 1_000, counting)).toBeUndefined();
    expect(calls).toEqual([]);
  });
});

describe('the lookup of a delivery’s connection (DNS rebinding)', () => {
  it('resolves again at each connection, and refuses a name that now resolves to an internal address', async () => {
    // The name resolved to a public address when it was subscribed, then to loopback (the attacker's DNS changed).
    const answers = [['93.184.215.14'], ['127.0.0.1']];
    const calls: string[] = [];
    const rebinding: Resolver = (host, _options, callback) => {
      calls.push(host);
      const next = answers.shift()!;
      setImmediate(() =>
        callback(
          null,
          next.map((address) => ({ address, family: 4 })),
        ),
      );
    };
    const lookup = filteredLookup(STRICT, rebinding);
    expect(await lookUp(lookup, 'rebind.example', false)).toEqual({ address: '93.184.215.14', family: 4 });
    const refused = await lookUp(lookup, 'rebind.example', false);
    expect(refused.error).toBeInstanceOf(InternalAddressError);
    expect(refused.error?.message).toBe(
      'Not sent: address 127.0.0.1 of rebind.example is on an internal network (loopback); allowed only with WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, or the host in WEBHOOK_ALLOWED_HOSTS.',
    );
    expect(calls).toEqual(['rebind.example', 'rebind.example']);
  });

  it('answers every address when the socket asks for all (Happy Eyeballs), refusing if one is internal', async () => {
    const lookup = filteredLookup(
      STRICT,
      fakeResolver({
        'public.example': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
        'mixed.example': ['93.184.215.14', 'fd00::1'],
      }),
    );
    expect(await lookUp(lookup, 'public.example', true)).toEqual({
      address: [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
      family: undefined,
    });
    expect((await lookUp(lookup, 'mixed.example', true)).error?.message).toMatch(
      /^Not sent: address fd00::1 of mixed.example is on an internal network \(unique local\)/,
    );
    expect((await lookUp(lookup, 'nowhere.example', true)).error).toMatchObject({ code: 'ENOTFOUND' });
  });

  it('lets internal addresses through with WEBHOOK_ALLOW_PRIVATE_NETWORKS', async () => {
    const lookup = filteredLookup({ allowPrivateNetworks: true, allowedHosts: [] }, fakeResolver({ 'lan.example': ['192.168.1.10'] }));
    expect(await lookUp(lookup, 'lan.example', false)).toEqual({ address: '192.168.1.10', family: 4 });
  });
});

describe('a webhook POST under the policy (a real loopback receiver)', () => {
  let server: Server;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(`${request.headers.host} ${Buffer.concat(chunks).toString()}`);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    received.length = 0;
  });

  const post = (url: string, policy: WebhookAddressPolicy, lookup?: SocketLookup) =>
    postWebhook(url, { 'content-type': 'application/json' }, '{"n":1}', AbortSignal.timeout(5_000), policy, lookup);

  it('does not connect to a literal loopback address, nor to a name that resolves to one', async () => {
    await expect(post(`http://127.0.0.1:${port}/hooks`, STRICT)).rejects.toThrow(
      /^Not sent: address 127\.0\.0\.1 is on an internal network \(loopback\)/,
    );
    const loopbackName = filteredLookup(STRICT, fakeResolver({ 'receiver.example': ['127.0.0.1'] }));
    await expect(post(`http://receiver.example:${port}/hooks`, STRICT, loopbackName)).rejects.toThrow(
      /^Not sent: address 127\.0\.0\.1 of receiver\.example is on an internal network \(loopback\)/,
    );
    expect(received).toEqual([]);
  });

  it('connects where the lookup says, so that only the addresses it checked are used', async () => {
    // An unfiltered lookup, to show that the socket takes its addresses from the lookup it is given.
    const direct: SocketLookup = (_host, options, callback) =>
      options.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
    expect(await post(`http://receiver.example:${port}/hooks`, STRICT, direct)).toBe(204);
    expect(received).toEqual([`receiver.example:${port} {"n":1}`]);
  });

  it('sends to a listed host, or to any with WEBHOOK_ALLOW_PRIVATE_NETWORKS', async () => {
    expect(await post(`http://127.0.0.1:${port}/hooks`, { allowPrivateNetworks: false, allowedHosts: ['127.0.0.1'] })).toBe(204);
    expect(await post(`http://localhost:${port}/hooks`, { allowPrivateNetworks: false, allowedHosts: ['localhost'] })).toBe(204);
    expect(await post(`http://127.0.0.1:${port}/hooks`, { allowPrivateNetworks: true, allowedHosts: [] })).toBe(204);
    expect(received).toHaveLength(3);
  });
});
