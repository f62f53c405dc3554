import { SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import { Database } from '../src/persistence/database';
import { ClockRepository } from '../src/persistence/repositories/clock.repository';
import { FAILED_DEADLINES_SQL, OVERDUE_INSTANCES_SQL } from '../src/persistence/repositories/deadline.repository';
import { COUNTS_BY_KIND_AND_STAGE_SQL } from '../src/persistence/repositories/read-model.repository';
import { seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';

/** The tender's bid deadline (5 August 2022, 23:59:59 in Paris): CLOSE_BIDS falls due then. */
const BID_DEADLINE = '2022-08-05T21:59:59.000Z';

describe.each(testDatabases())('GET /api/instances/summary, the dashboard’s counts ($name)', (database) => {
  describe('on the real clock, deadlines left to an outside scheduler', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database);
    });

    afterAll(async () => {
      await t.close();
    });

    /** A tender created on 27 June 2022 and, if asked, published the next day: its bid deadline is long past. */
    async function tender(publish: boolean): Promise<string> {
      const created = await t.request('POST', '/api/instances', {
        kind: 'tender',
        input: seed001TenderInput,
        at: '2022-06-27T09:00:00+02:00',
      });
      expect(created.status).toBe(201);
      if (publish) {
        const published = await t.request('POST', `/api/instances/${created.body.id}/events`, {
          type: 'PUBLISH',
          at: '2022-06-28T09:00:00+02:00',
        });
        expect(published.status).toBe(200);
      }
      return created.body.id as string;
    }

    it('counts nothing on an empty database, for every reader role', async () => {
      for (const role of ['administrator', 'scheduler', 'auditor'] as const) {
        const summary = await t.request('GET', '/api/instances/summary', undefined, bearer(role));
        expect(summary.status).toBe(200);
        expect(summary.body).toEqual({ byKindAndStage: [], overdue: 0, failedDeadlines: 0, now: expect.any(String) });
        expect(Date.parse(summary.body.now)).not.toBeNaN();
      }
      expect((await t.request('GET', '/api/instances/summary', undefined, { authorization: '' })).status).toBe(401);
    });

    it('groups records by kind, stage, state and status, and counts the overdue ones and the failed deadlines', async () => {
      await tender(false);
      const second = await tender(true);
      const third = await tender(true);
      const convention = await t.request('POST', '/api/instances', {
        kind: 'convention',
        input: SPRO_EP_CHATEAUROUX,
        at: '2022-06-27T09:00:00+02:00',
      });
      expect(convention.status).toBe(201);

      // By hand: one draft tender, two published ones whose CLOSE_BIDS (5 August 2022) is past and not
      // fired (no scheduler here), one draft convention.
      expect((await t.request('GET', '/api/instances/summary')).body).toEqual({
        byKindAndStage: [
          { kind: 'convention', stage: 'draft', state: 'draft', status: 'active', count: 1 },
          { kind: 'tender', stage: 'draft', state: 'open.draft', status: 'active', count: 1 },
          { kind: 'tender', stage: 'published', state: 'open.published', status: 'active', count: 2 },
        ],
        overdue: 2,
        failedDeadlines: 0,
        now: expect.any(String),
      });

      // The third tender's deadline row no longer matches its record (a hand edit): firing marks it failed.
      await t.app
        .get(Database)
        .sqlTransaction((session) => session.run('UPDATE deadlines SET instance_version = 1 WHERE instance_id = ?', [third]));
      const fired = await t.request('POST', '/api/deadlines/fire-due');
      expect(fired.status).toBe(200);
      expect(fired.body.fired).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ instanceId: second, event: 'CLOSE_BIDS', dueAt: BID_DEADLINE, outcome: 'applied' }),
          expect.objectContaining({ instanceId: third, event: 'CLOSE_BIDS', outcome: 'failed' }),
        ]),
      );

      // The second tender closed without a bid; the third stays published with a failed deadline,
      // which no longer counts as overdue (it will not fire by itself).
      expect((await t.request('GET', '/api/instances/summary')).body).toEqual({
        byKindAndStage: [
          { kind: 'convention', stage: 'draft', state: 'draft', status: 'active', count: 1 },
          { kind: 'tender', stage: 'closed', state: 'unsuccessful', status: 'done', count: 1 },
          { kind: 'tender', stage: 'draft', state: 'open.draft', status: 'active', count: 1 },
          { kind: 'tender', stage: 'published', state: 'open.published', status: 'active', count: 1 },
        ],
        overdue: 0,
        failedDeadlines: 1,
        now: expect.any(String),
      });
      const agenda = await t.request('GET', '/api/deadlines');
      expect(agenda.body.items).toEqual([expect.objectContaining({ instanceId: third, failure: expect.any(String) })]);
    });

    it('is not read as a record id, and ignores what it is not asked', async () => {
      expect((await t.request('GET', '/api/instances/summary?kind=tender')).status).toBe(200);
      expect((await t.request('GET', '/api/instances/summary/history')).status).toBe(404);
    });

    it('reads indexes only, as it must at a million records', async () => {
      const database = t.app.get(Database);
      if (database.serialised) {
        const plan = async (sql: string, params: unknown[] = []) =>
          (await database.sqlRead((session) => session.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, params)))
            .map((row) => row.detail)
            .join('; ');
        expect(await plan(COUNTS_BY_KIND_AND_STAGE_SQL)).toMatch(
          /^SCAN instances USING COVERING INDEX ix_instances_kind_stage_state_status$/,
        );
        expect(await plan(OVERDUE_INSTANCES_SQL, [BID_DEADLINE])).toMatch(
          /SEARCH deadlines USING COVERING INDEX ix_deadlines_pending_due \(due_at<\?\)/,
        );
        expect(await plan(FAILED_DEADLINES_SQL)).toMatch(/^SCAN deadlines USING COVERING INDEX ix_deadlines_failed$/);
        // An administrator's or an auditor's counts: their organisations' range of the organisations' index.
        expect(await plan(COUNTS_BY_KIND_AND_STAGE_SQL.replace(' GROUP BY', " WHERE organisation IN ('default') GROUP BY"))).toMatch(
          /SEARCH instances USING COVERING INDEX ix_instances_organisation_kind \(organisation=\?\)/,
        );
        return;
      }
      // PostgreSQL prefers a sequential scan of a table this small: with it ruled out, the plans show the indexes apply.
      // Vacuumed first, as a table of a million records would have been: without a visibility map no
      // scan is index-only, and the planner may as well read the organisations' index and the rows.
      await database.dataSource.query('VACUUM ANALYZE instances');
      const plan = (sql: string) =>
        database.transaction(async (manager) => {
          await manager.query('SET LOCAL enable_seqscan = off');
          const rows: { 'QUERY PLAN': string }[] = await manager.query(`EXPLAIN ${sql.replace('?', "'2022-08-05T21:59:59.000Z'")}`);
          return rows.map((row) => row['QUERY PLAN']).join('\n');
        });
      expect(await plan(COUNTS_BY_KIND_AND_STAGE_SQL)).toMatch(/Index Only Scan using ix_instances_kind_stage_state_status/);
      expect(await plan(OVERDUE_INSTANCES_SQL)).toMatch(/Index (Only )?Scan (using|on) ix_deadlines_pending_due/);
      expect(await plan(FAILED_DEADLINES_SQL)).toMatch(/Index (Only )?Scan (using|on) ix_deadlines_failed/);
      expect(await plan(COUNTS_BY_KIND_AND_STAGE_SQL.replace(' GROUP BY', " WHERE organisation IN ('default') GROUP BY"))).toMatch(
        /Index Only Scan using ix_instances_organisation_kind/,
      );
    });
  });

  describe('on the simulated clock', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' });
    });

    afterAll(async () => {
      await t.close();
    });

    it('counts overdue against the simulated now, also a time another node stored', async () => {
      const id = (await t.request('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput })).body.id as string;
      expect((await t.request('POST', `/api/instances/${id}/events`, { type: 'PUBLISH' })).status).toBe(200);
      expect((await t.request('GET', '/api/instances/summary')).body).toMatchObject({ overdue: 0, now: '2022-06-27T07:00:00.000Z' });

      // Another node moved the clock to the bid deadline itself, and has not fired anything: not before now yet.
      await t.app.get(ClockRepository).advance(BID_DEADLINE);
      expect((await t.request('GET', '/api/instances/summary')).body).toMatchObject({ overdue: 0, now: BID_DEADLINE });
      await t.app.get(ClockRepository).advance('2022-08-06T00:00:00.000Z');
      expect((await t.request('GET', '/api/instances/summary')).body).toEqual({
        byKindAndStage: [{ kind: 'tender', stage: 'published', state: 'open.published', status: 'active', count: 1 }],
        overdue: 1,
        failedDeadlines: 0,
        now: '2022-08-06T00:00:00.000Z',
      });
    });
  });
});
