import { tokenStore, type Problem } from '../../api/client';
import type { InstanceView } from './queries';

export type SendResult = { ok: true; view: InstanceView } | { ok: false; problem: Problem };

/** POST /api/instances/:id/events, conditional on the version the form was opened at, safe to retry with its key. */
export async function sendEvent(id: string, body: Record<string, unknown>, version: number, idempotencyKey: string): Promise<SendResult> {
  const token = tokenStore.get();
  let response: Response;
  try {
    response = await fetch(`/api/instances/${encodeURIComponent(id)}/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'if-match': `"${version}"`,
        'idempotency-key': idempotencyKey,
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  } catch {
    return { ok: false, problem: { status: 0, code: 'NETWORK' } };
  }
  const answer = (await response.json().catch(() => undefined)) as unknown;
  if (response.ok) return { ok: true, view: answer as InstanceView };
  const problem = (answer && typeof answer === 'object' ? answer : { title: response.statusText }) as Partial<Problem>;
  return { ok: false, problem: { ...problem, status: response.status } };
}
