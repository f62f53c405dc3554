import { DeadlineScheduler } from '../src/scheduler/deadline-scheduler.service';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

const bid = (name: string, identifier: string, priceInclVatCents: number) => ({
  type: 'SUBMIT_BID',
  bidder: { name, identifier },
  priceExclVatCents: Math.round(priceInclVatCents / 1.2),
  priceInclVatCents,
  documents: completeDocuments,
});

describe.each(testDatabases())('deadlines that fire by themselves ($name)', (database) => {
  describe('on the simulated clock', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00', SCHEDULER: 'on' });
    });

    afterAll(async () => {
      await t.close();
    });

    const advance = async (body: Record<string, string>) => {
      const response = await t.request('POST', '/api/clock', body);
      expect(response.status).toBe(200);
      return response.body as {
        now: string;
        fired: { event: string; dueAt: string; outcome: string; state: string; instanceId: string }[];
      };
    };
    const send = async (id: string, body: Record<string, unknown>) => {
      const response = await t.request('POST', `/api/instances/${id}/events`, body, { 'x-actor': 'marie.admin' });
      expect(response.status).toBe(200);
      return response.body;
    };

    it('plays seed 001 from publication to closed by moving the clock only', async () => {
      expect((await t.request('GET', '/api/clock')).body).toEqual({ now: '2022-06-27T07:00:00.000Z', mode: 'simulated' });
      const created = await t.request(
        'POST',
        '/api/instances',
        { kind: 'tender', input: seed001TenderInput },
        { 'x-actor': 'marie.admin' },
      );
      const id = created.body.id;
      await send(id, { type: 'PUBLISH' });
      await advance({ advanceTo: '2022-07-20T14:00:00+02:00' });
      await send(id, bid('Coaching Coop', '12345678000014', 3_800_000));
      await advance({ advanceTo: '2022-08-01T11:00:00+02:00' });
      await send(id, bid('Insertion Conseil', '33333333300032', 3_500_000));

      // Nobody sends CLOSE_BIDS: moving the clock past the deadline fires it, stamped with the due instant.
      const closing = await advance({ advanceTo: '2022-08-10T09:00:00+02:00' });
      expect(closing.fired).toEqual([
        expect.objectContaining({
          instanceId: id,
          event: 'CLOSE_BIDS',
          dueAt: '2022-08-05T21:59:59.000Z',
          outcome: 'applied',
          state: 'open.bidsClosed',
        }),
      ]);
      expect(closing.now).toBe('2022-08-10T07:00:00.000Z');

      await send(id, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 80 } });
      await send(id, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 60 } });
      await advance({ advanceTo: '2022-08-24T09:00:00+02:00' });
      const attributed = await send(id, { type: 'ATTRIBUTE', bidId: 'B1' });
      // tender@3: informing the rejected bidder is a person's duty: on the agenda, never sent by the clock.
      expect(attributed.deadlines).toEqual([
        expect.objectContaining({ event: 'INFORM_BIDDER', dueAt: '2022-08-24T07:00:00.000Z', duty: true }),
      ]);
      expect((await advance({ advanceBy: 'P1D' })).fired).toEqual([]);
      const agenda = (await t.request('GET', `/api/deadlines?kind=tender`)).body.items.filter(
        (item: { instanceId: string }) => item.instanceId === id,
      );
      expect(agenda).toEqual([expect.objectContaining({ event: 'INFORM_BIDDER', payload: { bidId: 'B2' }, duty: true, overdue: true })]);
      await send(id, { type: 'INFORM_BIDDER', bidId: 'B2', means: 'email' });
      await advance({ advanceTo: '2022-09-19T09:00:00+02:00' });
      const delivering = await send(id, { type: 'START_DELIVERY' });
      expect(delivering.context.sixMonthEvaluationDue).toBe('2023-03-19T08:00:00.000Z');
      await advance({ advanceTo: '2022-12-09T17:00:00+01:00' });
      await send(id, { type: 'COMPLETE_DELIVERY' });
      await advance({ advanceBy: 'P6D' });
      const awaiting = await send(id, { type: 'RECORD_END_EVALUATION', questionnaireResult: 'Satisfied', verbalExchangeNotes: 'Debrief' });
      expect(awaiting.state).toBe('awaitingSixMonths');

      // P6M from 15 Dec 2022 passes 19 Mar 2023: the +6-month evaluation falls due by itself on the way.
      const sixMonths = await advance({ advanceBy: 'P6M' });
      expect(sixMonths.now).toBe('2023-06-15T15:00:00.000Z'); // 17:00 in Paris, summer time
      expect(sixMonths.fired).toEqual([
        expect.objectContaining({
          instanceId: id,
          event: 'SIX_MONTH_EVALUATION_DUE',
          dueAt: '2023-03-19T08:00:00.000Z',
          state: 'evaluationAtSixMonths',
        }),
      ]);
      const closed = await send(id, { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: '7 in employment or training' });
      expect(closed.state).toBe('closed');

      const history = (await t.request('GET', `/api/instances/${id}/history`)).body.items as {
        type: string;
        actor: string;
        at: string;
        recordedAt: string;
      }[];
      const byScheduler = history.filter((event) => event.actor === 'scheduler');
      expect(byScheduler.map((event) => [event.type, event.at])).toEqual([
        ['CLOSE_BIDS', '2022-08-05T21:59:59.000Z'],
        ['SIX_MONTH_EVALUATION_DUE', '2023-03-19T08:00:00.000Z'],
      ]);
      // The recorded time is the real time, not the simulated one.
      expect(Date.parse(byScheduler[0].recordedAt)).toBeGreaterThan(Date.parse('2025-01-01T00:00:00Z'));
      expect(history.filter((event) => event.actor !== 'scheduler').every((event) => event.actor === 'marie.admin')).toBe(true);

      // Nothing is left to fire: firing again does nothing.
      expect((await advance({ advanceBy: 'P1D' })).fired).toEqual([]);
      expect((await t.request('POST', '/api/deadlines/fire-due')).body.fired).toEqual([]);
    });

    it('cascades: a deadline created by a fired deadline fires too when it is due', async () => {
      const now = (await t.request('GET', '/api/clock')).body.now as string;
      const start = new Date(now);
      const iso = (days: number) => new Date(start.getTime() + days * 86_400_000).toISOString();
      // Anchored at the end of delivery: the +6-month date is known only after COMPLETE_DELIVERY.
      const created = await t.request('POST', '/api/instances', {
        kind: 'tender',
        input: { ...seed001TenderInput, bidDeadline: iso(10), decisionDate: iso(20), sixMonthAnchor: 'end' },
      });
      const id = created.body.id;
      await send(id, { type: 'PUBLISH' });
      await send(id, bid('Only bidder', '41000000000019', 3_600_000));
      await advance({ advanceBy: 'P11D' });
      await send(id, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 50 } });
      await send(id, { type: 'ATTRIBUTE', bidId: 'B1' });
      await send(id, { type: 'START_DELIVERY' });
      await send(id, { type: 'COMPLETE_DELIVERY' });
      const afterEnd = await send(id, { type: 'RECORD_END_EVALUATION', questionnaireResult: 'ok', verbalExchangeNotes: 'ok' });
      expect(afterEnd.state).toBe('awaitingSixMonths');
      const jump = await advance({ advanceBy: 'P1Y' });
      expect(jump.fired.map((fired) => fired.event)).toEqual(['SIX_MONTH_EVALUATION_DUE']);
      expect((await t.request('GET', `/api/instances/${id}`)).body.state).toBe('evaluationAtSixMonths');
    });

    it('lists the agenda across instances, soonest first, filtered by dates and kind', async () => {
      const now = Date.parse((await t.request('GET', '/api/clock')).body.now);
      const ids: string[] = [];
      for (const days of [30, 10, 20]) {
        const input = {
          ...seed001TenderInput,
          bidDeadline: new Date(now + days * 86_400_000).toISOString(),
          decisionDate: new Date(now + 60 * 86_400_000).toISOString(),
        };
        const created = await t.request('POST', '/api/instances', { kind: 'tender', input });
        await send(created.body.id, { type: 'PUBLISH' });
        ids.push(created.body.id);
      }
      const agenda = await t.request('GET', '/api/deadlines?kind=tender');
      const dueAts = agenda.body.items.map((item: { dueAt: string }) => item.dueAt);
      expect(dueAts).toEqual([...dueAts].sort());
      // The agenda also holds the duties of the tenders of the other tests; these three come in due order.
      const ours = agenda.body.items.filter((item: { instanceId: string }) => ids.includes(item.instanceId));
      expect(ours.slice(0, 3).map((item: { instanceId: string }) => item.instanceId)).toEqual([ids[1], ids[2], ids[0]]);
      expect(ours[0]).toMatchObject({ kind: 'tender', event: 'CLOSE_BIDS', overdue: false, label: expect.any(String) });
      const window = await t.request(
        'GET',
        `/api/deadlines?from=${new Date(now + 15 * 86_400_000).toISOString()}&to=${new Date(now + 25 * 86_400_000).toISOString()}`,
      );
      expect(window.body.items.map((item: { instanceId: string }) => item.instanceId)).toEqual([ids[2]]);
      expect((await t.request('GET', '/api/deadlines?kind=convention')).body.items).toEqual([]);
      expect((await t.request('GET', '/api/deadlines?from=tomorrow')).status).toBe(400);
    });

    it('refuses to move the clock backwards or without a target', async () => {
      expect((await t.request('POST', '/api/clock', { advanceTo: '2001-01-01T00:00:00Z' })).body).toMatchObject({
        status: 400,
        code: 'INVALID_TIME',
      });
      expect((await t.request('POST', '/api/clock', {})).body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
      expect((await t.request('POST', '/api/clock', { advanceBy: 'six months' })).body).toMatchObject({
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    });
  });

  it('answers 404 on the clock routes when the service runs on the real clock', async () => {
    const t = await startTestApp(database);
    try {
      expect((await t.request('GET', '/api/clock')).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect((await t.request('POST', '/api/clock', { advanceBy: 'P1D' })).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('catches up after downtime: overdue deadlines fire at start-up in due order, stamped with their due instants', async () => {
    const first = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-07-01T09:00:00+02:00', SCHEDULER: 'on' });
    const databaseUrl = first.databaseUrl;
    const ids: string[] = [];
    try {
      for (const deadline of ['2022-08-05T23:59:59+02:00', '2022-07-15T12:00:00+02:00', '2022-08-01T12:00:00+02:00']) {
        const created = await first.request('POST', '/api/instances', {
          kind: 'tender',
          input: { ...seed001TenderInput, bidDeadline: deadline },
        });
        await first.request('POST', `/api/instances/${created.body.id}/events`, { type: 'PUBLISH' });
        await first.request('POST', `/api/instances/${created.body.id}/events`, bid('Bidder', '52000000000015', 3_600_000));
        ids.push(created.body.id);
      }
    } finally {
      await first.app.close();
    }
    // Down for the summer; back on 1 September.
    const second = await startTestApp(
      database,
      { CLOCK: 'simulated', CLOCK_START: '2022-09-01T09:00:00+02:00', SCHEDULER: 'on' },
      databaseUrl,
    );
    try {
      const closings: { id: string; at: string; recordedAt: string }[] = [];
      for (const id of ids) {
        const view = await second.request('GET', `/api/instances/${id}`);
        expect(view.body.state).toBe('open.bidsClosed');
        const history = await second.request('GET', `/api/instances/${id}/history`);
        const closing = history.body.items.filter((event: { type: string }) => event.type === 'CLOSE_BIDS');
        expect(closing).toHaveLength(1);
        expect(closing[0].actor).toBe('scheduler');
        closings.push({ id, at: closing[0].at, recordedAt: closing[0].recordedAt });
      }
      expect(closings.map((closing) => closing.at)).toEqual([
        '2022-08-05T21:59:59.000Z',
        '2022-07-15T10:00:00.000Z',
        '2022-08-01T10:00:00.000Z',
      ]);
      // Fired in due order: along the due instants, recorded times never go back (equal within a millisecond).
      const byDue = [...closings].sort((a, b) => a.at.localeCompare(b.at));
      for (let index = 1; index < byDue.length; index += 1) {
        expect(byDue[index].recordedAt >= byDue[index - 1].recordedAt).toBe(true);
      }
      // No timer is left; what remains is each tender's duty to decide by the decision date (tender@3).
      const left = (await second.request('GET', '/api/deadlines')).body.items as { event: string; duty: boolean; instanceId: string }[];
      expect(left.filter((item) => !item.duty)).toEqual([]);
      expect(left.map((item) => [item.event, item.instanceId]).sort()).toEqual(ids.map((id) => ['ATTRIBUTE', id]).sort());
    } finally {
      await second.close();
    }
  });

  it('two schedulers racing on one database fire each deadline once', async () => {
    const env = { CLOCK: 'simulated', CLOCK_START: '2022-07-01T09:00:00+02:00' };
    const a = await startTestApp(database, env);
    const b = database.name === 'postgres' ? await startTestApp(database, env, a.databaseUrl) : a;
    try {
      const ids: string[] = [];
      for (let index = 0; index < 12; index += 1) {
        const created = await a.request('POST', '/api/instances', {
          kind: 'tender',
          input: { ...seed001TenderInput, bidDeadline: '2022-07-10T12:00:00+02:00' },
        });
        await a.request('POST', `/api/instances/${created.body.id}/events`, { type: 'PUBLISH' });
        ids.push(created.body.id);
      }
      for (const app of new Set([a, b])) await app.request('POST', '/api/clock', { advanceTo: '2022-07-09T00:00:00+02:00' });
      // Move both clocks past the deadline without firing, then let every scheduler fire at once.
      const schedulers = [a, b, a, b].map((app) => app.app.get(DeadlineScheduler));
      const fired = await Promise.all(schedulers.map((scheduler) => scheduler.fireDue(new Date('2022-07-11T00:00:00Z'))));
      expect(fired.flat().filter((entry: { outcome: string }) => entry.outcome === 'applied')).toHaveLength(ids.length);
      for (const id of ids) {
        const history = await a.request('GET', `/api/instances/${id}/history`);
        expect(history.body.items.filter((event: { type: string }) => event.type === 'CLOSE_BIDS')).toHaveLength(1);
        expect(history.body.items.map((event: { seq: number }) => event.seq)).toEqual(
          history.body.items.map((_: unknown, index: number) => index + 1),
        );
      }
    } finally {
      if (b !== a) await b.app.close();
      await a.close();
    }
  });
});
