import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeadlineEntity } from '../src/persistence/entities/deadline.entity';
import { EventEntity } from '../src/persistence/entities/event.entity';
import { InstanceEntity } from '../src/persistence/entities/instance.entity';
import { AuditService } from '../src/audit/audit.service';
import { Database } from '../src/persistence/database';
import { buildService, freePort, startService, stop, waitForHealth } from './support/built-service';
import { seed001TenderInput } from './support/seed-001';
import { TEST_PRINCIPALS, TEST_TOKENS, startTestApp, testDatabases, type TestApp } from './support/test-app';

const API_TOKENS = (Object.keys(TEST_TOKENS) as (keyof typeof TEST_TOKENS)[])
  .map((role) => `${TEST_PRINCIPALS[role]}=${role}:${TEST_TOKENS[role]}`)
  .join(',');

/**
 * A careless operator edits the deadlines table or the instances by hand (a deleted instance, a
 * partial restore, an edited instance_version, a deleted deadline row). The service must still start
 * and become healthy (it used to spin at full CPU forever on such a row), mark what cannot fire with
 * the reason, and `verify` must report every row that does not match its instance.
 */
describe.each(testDatabases())('deadline rows that no longer match their instance ($name)', (database) => {
  let build: ReturnType<typeof buildService>;
  const dataDir = join(tmpdir(), `operator-mistakes-data-${process.pid}-${database.name}`);
  let url: string;
  let setup: TestApp | undefined;
  const ids: Record<'deleted' | 'moved' | 'missing' | 'clean', string> = { deleted: '', moved: '', missing: '', clean: '' };

  beforeAll(async () => {
    build = buildService('operator-mistakes');
    url = database.url();
    const app = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' }, url);
    setup = app;
    for (const name of Object.keys(ids) as (keyof typeof ids)[]) {
      const created = await app.request<{ id: string }>('POST', '/api/instances', { kind: 'tender', input: seed001TenderInput });
      ids[name] = created.body.id;
      expect((await app.request('POST', `/api/instances/${ids[name]}/events`, { type: 'PUBLISH' })).status).toBe(200);
    }
    const manager = app.app.get(Database).dataSource.manager;
    // The instance is deleted by hand (its events too): its CLOSE_BIDS deadline row stays behind.
    await manager.delete(EventEntity, { instanceId: ids.deleted });
    await manager.delete(InstanceEntity, { id: ids.deleted });
    await manager.update(DeadlineEntity, { instanceId: ids.moved }, { instanceVersion: 99 });
    await manager.delete(DeadlineEntity, { instanceId: ids.missing });
  }, 180_000);

  afterAll(async () => {
    await setup?.close();
    await database.cleanup(url);
    build?.cleanup();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('verify reports the orphan row, the moved row and the missing row, and only those', async () => {
    const app = setup!;
    const summary = await app.app.get(AuditService).verifyAll();
    expect(summary.ok).toBe(false);
    const problems = new Map(summary.failures.map((failure) => [failure.instanceId, failure.problem]));
    expect([...problems.keys()].sort()).toEqual([ids.deleted, ids.moved, ids.missing].sort());
    expect(problems.get(ids.deleted)).toContain('does not exist');
    expect(problems.get(ids.moved)).toContain('derived at version 99');
    expect(problems.get(ids.missing)).toContain('missing from the deadlines table: CLOSE_BIDS due 2022-08-05T21:59:59.000Z');
    const moved = await app.request('GET', `/api/instances/${ids.moved}/verify`);
    expect(moved.body).toMatchObject({ ok: false, firstDivergentSeq: 2 });
    const clean = await app.request('GET', `/api/instances/${ids.clean}/verify`);
    expect(clean.body).toMatchObject({ ok: true });
  });

  it('starts and becomes healthy past the overdue rows, marks those that cannot fire, and does not retry them', async () => {
    await setup?.close();
    setup = undefined;
    const port = await freePort();
    const child = startService(build.main, {
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      PORT: String(port),
      CLOCK: 'simulated',
      CLOCK_START: '2022-08-10T09:00:00+02:00',
      SCHEDULER: 'on',
      API_TOKENS,
    });
    try {
      await waitForHealth(port, child, 30_000);
      // As the scheduler: a deadline row of a deleted record belongs to no organisation, so only the
      // principals that read every organisation (schedulers, global auditors) see it in the agenda.
      const get = async <T>(path: string): Promise<T> => {
        const response = await fetch(`http://127.0.0.1:${port}/api${path}`, {
          headers: { authorization: `Bearer ${TEST_TOKENS.scheduler}` },
        });
        return (await response.json()) as T;
      };
      // The clean tender had no bid: CLOSE_BIDS fired at start-up and it ended unsuccessful.
      expect(await get(`/instances/${ids.clean}`)).toMatchObject({ state: 'unsuccessful' });
      const agenda = await get<{ items: { instanceId: string; failure: string | null }[] }>('/deadlines');
      const failures = new Map(agenda.items.map((item) => [item.instanceId, item.failure]));
      expect(failures.get(ids.deleted)).toContain('does not exist');
      expect(failures.get(ids.moved)).toContain('derived at version 99');
      expect(failures.has(ids.clean)).toBe(false);
      // Nothing is retried: a scheduler poke finds nothing left to fire.
      const poke = await fetch(`http://127.0.0.1:${port}/api/deadlines/fire-due`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_TOKENS.scheduler}` },
      });
      expect(await poke.json()).toMatchObject({ fired: [] });
    } finally {
      await stop(child);
    }
  }, 60_000);
});
