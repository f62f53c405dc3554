import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where webhooks may be sent (WEBHOOK_ALLOW_PRIVATE_NETWORKS, WEBHOOK_ALLOWED_HOSTS): by default not to
 * an internal network (loopback, private, link-local such as the cloud metadata address 169.254.169.254,
 * carrier-grade NAT, unique local, multicast, broadcast, reserved and documentation ranges), so that
 * whoever may subscribe an address cannot make the service POST to what only it can reach.
 */
export interface WebhookAddressPolicy {
  /** Every address allowed, internal ones included. */
  allowPrivateNetworks: boolean;
  /** Host names or IP addresses allowed even if internal (WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts: string[];
}

/** The two settings, as refusals cite them. */
export const ADDRESS_SETTINGS = 'WEBHOOK_ALLOW_PRIVATE_NETWORKS=true, or the host in WEBHOOK_ALLOWED_HOSTS';

type Family = 'ipv4' | 'ipv6';

/** [range's name, subnet, prefix length], in the order they are tried (the first that holds the address names it). */
const IPV4_RANGES: [string, string, number][] = [
  ['unspecified', '0.0.0.0', 32],
  ['"this network"', '0.0.0.0', 8],
  ['loopback', '127.0.0.0', 8],
  ['private', '10.0.0.0', 8],
  ['private', '172.16.0.0', 12],
  ['private', '192.168.0.0', 16],
  ['link-local', '169.254.0.0', 16],
  ['carrier-grade NAT', '100.64.0.0', 10],
  ['IETF protocol assignments', '192.0.0.0', 24],
  ['documentation', '192.0.2.0', 24],
  ['documentation', '198.51.100.0', 24],
  ['documentation', '203.0.113.0', 24],
  ['benchmarking', '198.18.0.0', 15],
  ['multicast', '224.0.0.0', 4],
  ['broadcast', '255.255.255.255', 32],
  ['reserved', '240.0.0.0', 4],
];

const IPV6_RANGES: [string, string, number][] = [
  ['unspecified', '::', 128],
  ['loopback', '::1', 128],
  ['IPv4-compatible (deprecated)', '::', 96],
  ['discard-only', '100::', 64],
  ['NAT64 local use', '64:ff9b:1::', 48],
  ['link-local', 'fe80::', 10],
  ['site-local (deprecated)', 'fec0::', 10],
  ['unique local', 'fc00::', 7],
  ['multicast', 'ff00::', 8],
  ['documentation', '2001:db8::', 32],
  ['documentation', '3fff::', 20],
];

/** IPv6 ranges that carry an IPv4 address, which decides: [name, subnet, prefix length, group where the IPv4 address starts]. */
const IPV4_CARRIERS: [string, string, number, number][] = [
  ['IPv4-mapped', '::ffff:0:0', 96, 6],
  ['NAT64', '64:ff9b::', 96, 6],
  ['6to4', '2002::', 16, 1],
];

/**
 * One BlockList per range, of one family each: a BlockList matches an IPv4 address against IPv4-mapped
 * IPv6 rules (and the reverse), so IPv4 and IPv6 rules are never mixed in one list.
 */
function blockLists(ranges: [string, string, number, ...number[]][], family: Family): { name: string; list: BlockList }[] {
  return ranges.map(([name, subnet, prefix]) => {
    const list = new BlockList();
    list.addSubnet(subnet, prefix, family);
    return { name, list };
  });
}

const IPV4_LISTS = blockLists(IPV4_RANGES, 'ipv4');
const IPV6_LISTS = blockLists(IPV6_RANGES, 'ipv6');
const CARRIER_LISTS = blockLists(IPV4_CARRIERS, 'ipv6').map((entry, index) => ({ ...entry, group: IPV4_CARRIERS[index][3] }));

/** The eight 16-bit groups of an IPv6 address (one `isIP` has accepted). */
function ipv6Groups(address: string): number[] {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const first = parse(head);
  const last = parse(tail);
  return [...first, ...new Array<number>(8 - first.length - last.length).fill(0), ...last];
}

/**
 * The internal range an IP address is in ("loopback", "private"…); undefined for a public address (and
 * for what is no IP address). An IPv6 address carrying an IPv4 one (::ffff:127.0.0.1, NAT64, 6to4) is
 * judged by its IPv4 address.
 */
export function internalRangeOf(address: string): string | undefined {
  const version = isIP(address);
  if (version === 4) return IPV4_LISTS.find(({ list }) => list.check(address, 'ipv4'))?.name;
  if (version !== 6) return undefined;
  const bare = address.split('%')[0];
  const range = IPV6_LISTS.find(({ list }) => list.check(bare, 'ipv6'))?.name;
  if (range) return range;
  const carrier = CARRIER_LISTS.find(({ list }) => list.check(bare, 'ipv6'));
  if (!carrier) return undefined;
  const groups = ipv6Groups(bare);
  const high = groups[carrier.group];
  const low = groups[carrier.group + 1];
  const ipv4 = [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  const embedded = internalRangeOf(ipv4);
  return embedded && `${embedded}, ${carrier.name} ${ipv4}`;
}

/** A host as hosts are compared: lowercase, an IPv6 address without brackets and in the URL parser's form, no trailing dot. */
export function normalisedHost(host: string): string {
  const lower = host.trim().toLowerCase().replace(/\.$/, '');
  const bare = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  const version = isIP(bare);
  if (version === 0) return bare;
  // As a URL gives it: ::ffff:127.0.0.1 is ::ffff:7f00:1, leading zeros are dropped.
  try {
    const hostname = new URL(`http://${version === 6 ? `[${bare}]` : bare}/`).hostname;
    return hostname.startsWith('[') ? hostname.slice(1, -1) : hostname;
  } catch {
    return bare;
  }
}

/** The internal range that forbids connecting to an address under the policy; undefined when it may be connected to. */
export function refusalOf(address: string, policy: WebhookAddressPolicy): string | undefined {
  return policy.allowPrivateNetworks ? undefined : internalRangeOf(address);
}

/** Every host is allowed, or this one is listed in WEBHOOK_ALLOWED_HOSTS: its addresses are not checked. */
export function isTrustedHost(host: string, policy: WebhookAddressPolicy): boolean {
  if (policy.allowPrivateNetworks) return true;
  const given = normalisedHost(host);
  return policy.allowedHosts.some((allowed) => normalisedHost(allowed) === given);
}

/** An attempt refused before connecting: the address is on an internal network. */
export class InternalAddressError extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
    readonly range: string,
  ) {
    const of = normalisedHost(host) === normalisedHost(address) ? '' : ` of ${host}`;
    super(`Not sent: address ${address}${of} is on an internal network (${range}); allowed only with ${ADDRESS_SETTINGS}.`);
    this.name = 'InternalAddressError';
  }
}

/** dns.lookup answering every address: what `filteredLookup` and `checkDestination` call (a test gives a fake one). */
export type Resolver = (
  host: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: Resolver = (host, options, callback) => dnsLookup(host, options, callback);

/** The `lookup` a socket calls (net.connect's option): one address, or all of them when asked with `all: true`. */
export type SocketLookup = (
  host: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/**
 * A `lookup` for the sockets of webhook attempts: resolves the host once and fails the connection with
 * an InternalAddressError if any of its addresses is internal, so that the socket connects only to the
 * addresses checked here. A name that resolved to a public address at subscription and now resolves to
 * 127.0.0.1 (DNS rebinding) is refused.
 */
export function filteredLookup(policy: WebhookAddressPolicy, resolve: Resolver = systemResolver): SocketLookup {
  return (host, options, callback) => {
    resolve(host, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const range = refusalOf(address, policy);
        if (range !== undefined) return callback(new InternalAddressError(host, address, range), []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      if (!first) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }), []);
      return callback(null, first.address, first.family);
    });
  };
}

/** Why a subscription's address is refused: its host, the address refused (null when the host does not resolve), and why. */
export interface AddressRefusal {
  host: string;
  address: string | null;
  reason: string;
}

/**
 * Checks a subscription's address before it is stored: an IP address as it is, a host name by every
 * address it resolves to now (refused if one is internal, or if it does not resolve within `timeoutMs`).
 * Delivery checks again, at each connection (`filteredLookup`).
 */
export async function checkDestination(
  url: URL,
  policy: WebhookAddressPolicy,
  timeoutMs: number,
  resolve: Resolver = systemResolver,
): Promise<AddressRefusal | undefined> {
  const host = normalisedHost(url.hostname);
  if (isTrustedHost(host, policy)) return undefined;
  if (isIP(host) !== 0) {
    const range = refusalOf(host, policy);
    return range === undefined ? undefined : { host, address: host, reason: `${host} is on an internal network (${range})` };
  }
  const resolved = await new Promise<LookupAddress[] | string>((done) => {
    const timer = setTimeout(() => done(`no answer within ${timeoutMs} ms`), timeoutMs);
    resolve(host, { all: true }, (error, found) => {
      clearTimeout(timer);
      done(error ? (error.code ?? error.message) : found);
    });
  });
  if (typeof resolved === 'string') {
    return { host, address: null, reason: `${host} does not resolve (${resolved}), so its addresses cannot be checked` };
  }
  if (resolved.length === 0) return { host, address: null, reason: `${host} resolves to no address` };
  for (const { address } of resolved) {
    const range = refusalOf(address, policy);
    if (range !== undefined) return { host, address, reason: `${host} resolves to ${address}, on an internal network (${range})` };
  }
  return undefined;
}
