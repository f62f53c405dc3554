import type { TestApp } from './test-app';

/** The convention events the scheduler sends by itself (the deadlines the machine declares). */
export const DEADLINE_EVENTS = ['DUTY_DUE', 'ANNIVERSARY', 'TERM_END', 'NOTICE_EXPIRED', 'SIX_MONTH_EVALUATION_DUE'] as const;

export interface Fired {
  instanceId: string;
  kind: string;
  event: string;
  dueAt: string;
  outcome: 'applied' | 'refused';
  state?: string;
  reason?: string;
}

export interface HistoryEvent {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: string;
  at: string;
  recordedAt: string;
}

export interface AgendaItem {
  instanceId: string;
  kind: string;
  event: string;
  payload: Record<string, unknown>;
  dueAt: string;
  label: string;
  overdue: boolean;
  failure: string | null;
}

export interface Problem {
  status: number;
  code: string;
  title: string;
  detail: string;
  rule?: string | null;
  state?: string;
}

/** The person who drafts and records a convention (the administrator of the tests). */
const ADMIN = { 'x-actor': 'marie.admin' };

/**
 * Plays one convention over HTTP on the simulated clock: manual events are sent at the clock's time
 * (no `at`), the clock is moved with POST /api/clock, and everything the scheduler fires on the way
 * is collected for the history checks.
 */
export class ConventionDriver {
  id = '';
  /** Every deadline fired for this convention, in the order the clock answered them. */
  readonly fired: Fired[] = [];

  constructor(private readonly t: TestApp) {}

  async create(input: unknown): Promise<any> {
    const created = await this.t.request('POST', '/api/instances', { kind: 'convention', input }, ADMIN);
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    this.id = created.body.id;
    return created.body;
  }

  /** Sends an event that must be accepted; returns the new view. */
  async send(body: Record<string, unknown>): Promise<any> {
    const response = await this.t.request('POST', `/api/instances/${this.id}/events`, body, ADMIN);
    if (response.status !== 200) {
      throw new Error(`${String(body.type)} refused: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  }

  /** Sends an event that must be refused with this status and code, and checks that nothing was written. */
  async refuse(body: Record<string, unknown>, status: number, code: string): Promise<Problem> {
    const before = await this.view();
    const historyBefore = await this.history();
    const response = await this.t.request('POST', `/api/instances/${this.id}/events`, body, ADMIN);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code });
    const after = await this.view();
    expect(after.version).toBe(before.version);
    expect(after.state).toBe(before.state);
    expect(after.context).toEqual(before.context);
    expect(await this.history()).toHaveLength(historyBefore.length);
    return response.body as Problem;
  }

  /** A 422 naming the rule; returns its reason. */
  async refuseByRule(body: Record<string, unknown>, rule: string, reason?: RegExp): Promise<Problem> {
    const problem = await this.refuse(body, 422, 'RULE_REFUSED');
    expect(problem.rule).toBe(rule);
    if (reason) expect(problem.detail).toMatch(reason);
    return problem;
  }

  async view(): Promise<any> {
    const response = await this.t.request('GET', `/api/instances/${this.id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async history(): Promise<HistoryEvent[]> {
    const response = await this.t.request('GET', `/api/instances/${this.id}/history?limit=1000`);
    expect(response.status).toBe(200);
    expect(response.body.items).toHaveLength(response.body.total);
    return response.body.items as HistoryEvent[];
  }

  /** This convention's entries of GET /api/deadlines (the agenda). */
  async agenda(): Promise<{ now: string; items: AgendaItem[] }> {
    const response = await this.t.request('GET', '/api/deadlines?kind=convention');
    expect(response.status).toBe(200);
    return { now: response.body.now, items: (response.body.items as AgendaItem[]).filter((item) => item.instanceId === this.id) };
  }

  /** Moves the clock; returns what fired for this convention on the way ("EVENT@dueAt -> state"). */
  async advance(body: { advanceTo: string } | { advanceBy: string }): Promise<{ now: string; fired: Fired[] }> {
    const response = await this.t.request('POST', '/api/clock', body);
    if (response.status !== 200) throw new Error(`clock: ${response.status} ${JSON.stringify(response.body)}`);
    const fired = (response.body.fired as Fired[]).filter((item) => item.instanceId === this.id);
    this.fired.push(...fired);
    return { now: response.body.now, fired };
  }

  async advanceTo(instant: string) {
    return this.advance({ advanceTo: instant });
  }
}

/** "EVENT@dueAt" for short comparisons; a duty names its occurrence when the payload is known. */
export function brief(item: { event?: string; type?: string; dueAt?: string; at?: string; payload?: Record<string, unknown> }): string {
  const type = item.event ?? item.type;
  const duty = item.payload?.dutyId ? `(${item.payload.dutyId as string}#${item.payload.sequence as number})` : '';
  return `${type}${duty}@${item.dueAt ?? item.at}`;
}

/**
 * The history's deadline events: all sent by the scheduler and only them, each stamped with the due
 * instant the clock reported when it fired it, in the same order, none refused, none fired twice.
 */
export function expectDeadlinesFiredOnceByScheduler(history: HistoryEvent[], fired: Fired[]): void {
  expect(history.map((event) => event.seq)).toEqual(history.map((_, index) => index + 1));
  expect(fired.filter((item) => item.outcome !== 'applied')).toEqual([]);

  const deadlines = history.filter((event) => (DEADLINE_EVENTS as readonly string[]).includes(event.type));
  const byScheduler = history.filter((event) => event.actor === 'scheduler');
  expect(byScheduler).toEqual(deadlines);
  expect(deadlines.every((event) => event.actor === 'scheduler')).toBe(true);
  expect(deadlines.map((event) => [event.type, event.at])).toEqual(fired.map((item) => [item.event, item.dueAt]));

  // The people's events are all someone else's.
  const people = new Set(history.filter((event) => event.actor !== 'scheduler').map((event) => event.actor));
  expect(people.size).toBe(1);

  // Fired once: a duty occurrence once, each term end and anniversary instant once.
  const keys = deadlines.map((event) =>
    event.type === 'DUTY_DUE' ? `DUTY_DUE ${String(event.payload.dutyId)}#${String(event.payload.sequence)}` : `${event.type} ${event.at}`,
  );
  expect(new Set(keys).size).toBe(keys.length);
  for (const type of ['TERM_END', 'ANNIVERSARY', 'NOTICE_EXPIRED', 'SIX_MONTH_EVALUATION_DUE']) {
    const instants = deadlines.filter((event) => event.type === type).map((event) => event.at);
    expect(new Set(instants).size).toBe(instants.length);
  }
}

/** Each DUTY_DUE was stamped with the due date of the occurrence it names (from the final context). */
export function expectDutyDueAtOccurrenceDates(
  history: HistoryEvent[],
  occurrences: { dutyId: string; sequence: number; dueAt: string }[],
): void {
  for (const event of history.filter((item) => item.type === 'DUTY_DUE')) {
    const occurrence = occurrences.find((item) => item.dutyId === event.payload.dutyId && item.sequence === event.payload.sequence);
    expect({ duty: `${String(event.payload.dutyId)}#${String(event.payload.sequence)}`, at: event.at }).toEqual({
      duty: `${String(event.payload.dutyId)}#${String(event.payload.sequence)}`,
      at: occurrence?.dueAt,
    });
  }
}
