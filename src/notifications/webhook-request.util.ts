import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import {
  filteredLookup,
  InternalAddressError,
  isTrustedHost,
  normalisedHost,
  refusalOf,
  type SocketLookup,
  type WebhookAddressPolicy,
} from './webhook-address.util';

/**
 * POSTs `body` to `url` and answers the status of the answer, whose body is not read. Nothing else is
 * done: a redirect is an answer like another (not followed), `signal` aborts the attempt (a timeout,
 * the service stopping).
 *
 * The connection goes only to an address the policy allows: an IP address in the URL is checked here,
 * a host name by the socket's `lookup`, which resolves it once and refuses the connection if one of its
 * addresses is internal (a name may resolve elsewhere now than when it was subscribed). Either refusal
 * is an InternalAddressError. Node's own http and https clients are used, rather than fetch, because
 * they take that `lookup`.
 */
export function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
  policy: WebhookAddressPolicy,
  lookup: SocketLookup = filteredLookup(policy),
): Promise<number> {
  const target = new URL(url);
  const host = normalisedHost(target.hostname);
  const trusted = isTrustedHost(host, policy);
  if (!trusted && isIP(host) !== 0) {
    const range = refusalOf(host, policy);
    if (range !== undefined) return Promise.reject(new InternalAddressError(host, host, range));
  }
  const send = target.protocol === 'https:' ? httpsRequest : target.protocol === 'http:' ? httpRequest : undefined;
  if (!send) return Promise.reject(new Error(`Not sent: ${target.protocol} is not http or https.`));
  return new Promise<number>((resolve, reject) => {
    const request = send(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        // A connection of its own per attempt, closed once the answer's status is known.
        agent: false,
        signal,
        ...(trusted ? {} : { lookup }),
      },
      (response) => {
        resolve(response.statusCode ?? 0);
        response.on('error', () => undefined);
        response.destroy();
      },
    );
    // Also after the answer (a late reset): never an unhandled 'error'.
    request.on('error', reject);
    request.end(body);
  });
}
