import { ClockRepository } from '../src/persistence/repositories/clock.repository';
import { seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases } from './support/test-app';

const SIMULATED = { CLOCK: 'simulated', CLOCK_START: '2022-07-01T09:00:00+02:00' };

describe.each(testDatabases())('the simulated clock kept in the database ($name)', (database) => {
  it('survives a restart: the next start resumes from the stored time, and CLOCK_START only moves it forward', async () => {
    const url = database.url();
    try {
      const first = await startTestApp(database, SIMULATED, url);
      try {
        expect((await first.request('GET', '/api/clock')).body.now).toBe('2022-07-01T07:00:00.000Z');
        expect((await first.request('POST', '/api/clock', { advanceTo: '2022-08-10T09:00:00+02:00' })).status).toBe(200);
      } finally {
        await first.app.close();
      }
      // The same CLOCK_START again: the clock does not go back to it.
      const second = await startTestApp(database, SIMULATED, url);
      try {
        expect((await second.request('GET', '/api/clock')).body).toEqual({ now: '2022-08-10T07:00:00.000Z', mode: 'simulated' });
        expect((await second.request('POST', '/api/clock', { advanceTo: '2022-08-01T00:00:00Z' })).status).toBe(400);
      } finally {
        await second.app.close();
      }
      // Without CLOCK_START: the stored time, not now.
      const third = await startTestApp(database, { CLOCK: 'simulated' }, url);
      try {
        expect((await third.request('GET', '/api/clock')).body.now).toBe('2022-08-10T07:00:00.000Z');
      } finally {
        await third.app.close();
      }
      // A CLOCK_START later than the stored time moves the clock forward to it.
      const fourth = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-09-01T09:00:00+02:00' }, url);
      try {
        expect((await fourth.request('GET', '/api/clock')).body.now).toBe('2022-09-01T07:00:00.000Z');
      } finally {
        await fourth.app.close();
      }
    } finally {
      await database.cleanup(url);
    }
  });

  it('a deadline due before the stored time fires at the next start, stamped with its due instant', async () => {
    const url = database.url();
    try {
      const first = await startTestApp(database, SIMULATED, url);
      let id: string;
      try {
        const created = await first.request('POST', '/api/instances', {
          kind: 'tender',
          input: { ...seed001TenderInput, bidDeadline: '2022-07-15T12:00:00+02:00' },
        });
        id = created.body.id;
        expect((await first.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
        // No bid: closing the bids ends the tender unsuccessful. A node that stored its next step and stopped before firing what was due at it.
        expect(await first.app.get(ClockRepository).advance('2022-08-01T10:00:00.000Z')).toBe('2022-08-01T10:00:00.000Z');
        expect((await first.request('GET', `/api/instances/${id}`)).body.state).toBe('open.published');
      } finally {
        await first.app.close();
      }
      const second = await startTestApp(database, { ...SIMULATED, SCHEDULER: 'on' }, url);
      try {
        expect((await second.request('GET', '/api/clock')).body.now).toBe('2022-08-01T10:00:00.000Z');
        expect((await second.request('GET', `/api/instances/${id}`)).body.state).toBe('unsuccessful');
        const history = await second.request('GET', `/api/instances/${id}/history`);
        const closing = history.body.items.filter((event: { type: string }) => event.type === 'CLOSE_BIDS');
        expect(closing).toEqual([expect.objectContaining({ actor: 'scheduler', at: '2022-07-15T10:00:00.000Z' })]);
      } finally {
        await second.app.close();
      }
    } finally {
      await database.cleanup(url);
    }
  });
});

const postgres = testDatabases().find((database) => database.name === 'postgres');
(postgres ? describe : describe.skip)('the simulated clock shared by two nodes (PostgreSQL)', () => {
  it("a move on one node is the other's time at its next request, and neither can move behind it", async () => {
    const url = postgres!.url();
    const a = await startTestApp(postgres!, SIMULATED, url);
    const b = await startTestApp(postgres!, SIMULATED, url);
    try {
      expect((await a.request('POST', '/api/clock', { advanceTo: '2022-08-10T09:00:00+02:00' })).status).toBe(200);
      expect((await b.request('GET', '/api/clock')).body.now).toBe('2022-08-10T07:00:00.000Z');
      // b's move starts from a's time: going to a time before it is going back.
      const back = await b.request('POST', '/api/clock', { advanceTo: '2022-08-01T09:00:00+02:00' });
      expect(back.status).toBe(400);
      expect(back.body).toMatchObject({ code: 'INVALID_TIME' });
      const forward = await b.request('POST', '/api/clock', { advanceBy: 'P1D' });
      expect(forward.body).toMatchObject({ from: '2022-08-10T07:00:00.000Z', now: '2022-08-11T07:00:00.000Z' });
      // Any request refreshes the clock, not only the clock's routes: a record created on a at b's time is
      // not "ahead of the clock".
      const created = await a.request('POST', '/api/instances', {
        kind: 'tender',
        input: seed001TenderInput,
        at: '2022-08-11T07:00:00.000Z',
      });
      expect(created.status).toBe(201);
      expect((await a.request('GET', '/api/clock')).body.now).toBe('2022-08-11T07:00:00.000Z');
    } finally {
      await a.app.close();
      await b.app.close();
      await postgres!.cleanup(url);
    }
  });
});

(postgres ? describe : describe.skip)("a node's scheduler follows the clock another node stored (PostgreSQL)", () => {
  it('fires what became due without a request of its own, stamped with the due instant', async () => {
    const url = postgres!.url();
    const writer = await startTestApp(postgres!, SIMULATED, url);
    const follower = await startTestApp(postgres!, { ...SIMULATED, SCHEDULER: 'on', SCHEDULER_POLL_MS: '50' }, url);
    try {
      const created = await writer.request('POST', '/api/instances', {
        kind: 'tender',
        input: { ...seed001TenderInput, bidDeadline: '2022-07-15T12:00:00+02:00' },
      });
      const id = created.body.id as string;
      expect((await writer.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
      // The writer stores its next step and fires nothing (its scheduler is off, as a node that died
      // after storing the step). Nobody asks the follower anything: its loop reads the stored time.
      await writer.app.get(ClockRepository).advance('2022-08-01T10:00:00.000Z');
      const deadline = Date.now() + 10_000;
      let state = '';
      while (Date.now() < deadline && state !== 'unsuccessful') {
        state = (await writer.request('GET', `/api/instances/${id}`)).body.state as string;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(state).toBe('unsuccessful');
      const history = await writer.request('GET', `/api/instances/${id}/history`);
      const closing = history.body.items.filter((event: { type: string }) => event.type === 'CLOSE_BIDS');
      expect(closing).toEqual([expect.objectContaining({ actor: 'scheduler', at: '2022-07-15T10:00:00.000Z' })]);
    } finally {
      await follower.app.close();
      await writer.app.close();
      await postgres!.cleanup(url);
    }
  });
});
