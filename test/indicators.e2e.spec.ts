import { SESSION_PLAN_001 } from '../machines/coaching-cohort/coaching-cohort.examples';
import { IDF_ACSE_PARTNERSHIP } from '../machines/convention/convention.examples';
import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { bearer, startTestApp, testDatabases, type TestApp } from './support/test-app';

/**
 * GET /api/indicators over a small mixed programme (docs/indicators.md): men and women in a cohort with
 * no sex criterion (every people count by sex, 004 art. 6), a withdrawal, a cancelled cohort, a tender
 * whose interventions reach two structures, a convention withdrawn before signature, records created
 * on past business dates (CREATE `at`) for the period.
 */

const sc = (F: number, M: number) => ({ F, M, total: F + M });

const MIXED_COHORT = {
  group: 'Mixed group: Grésilles, Talant',
  theme: 'mobility',
  size: { min: 1, max: 12 },
  recruitmentClosesAt: '2022-09-30T18:00:00+02:00',
  eligibility: { neighbourhoods: ['Grésilles', 'Talant'] },
  plan: SESSION_PLAN_001,
};

describe.each(testDatabases())('programme indicators over HTTP ($name)', (database) => {
  let t: TestApp;

  async function create(kind: string, input: unknown, at?: string): Promise<string> {
    const response = await t.request('POST', '/api/instances', { kind, input, ...(at ? { at } : {}) });
    if (response.status !== 201) throw new Error(`create ${kind}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id;
  }

  async function send(id: string, body: Record<string, unknown>) {
    const response = await t.request('POST', `/api/instances/${id}/events`, body);
    if (response.status !== 200) throw new Error(`${String(body.type)}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async function indicators(query = '', headers: Record<string, string> = {}) {
    const response = await t.request('GET', `/api/indicators${query}`, undefined, headers);
    expect(response.status).toBe(200);
    return response.body;
  }

  beforeAll(async () => {
    t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2022-09-01T09:00:00+02:00' });

    // A convention drafted in March 2021 and withdrawn before anyone signed.
    const convention = await create('convention', IDF_ACSE_PARTNERSHIP, '2021-03-01T10:00:00+01:00');
    await send(convention, { type: 'WITHDRAW', reason: 'Replaced by a new text' });
    // A tender drafted on 15 January 2022 and left as a draft, with no theme.
    await create('tender', { title: 'Draft only' }, '2022-01-15T10:00:00+01:00');

    // A cohort open to men and women: five enrolled, one withdraws.
    const mixed = await create('cohort', MIXED_COHORT);
    await send(mixed, { type: 'OPEN_RECRUITMENT' });
    for (const participant of [
      { ref: 'MX-01', sex: 'F', birthYear: 1980, neighbourhood: 'Grésilles' }, // 42 in 2022
      { ref: 'MX-02', sex: 'M', birthYear: 1975, neighbourhood: 'gresilles' }, // 47, same neighbourhood
      { ref: 'MX-03', sex: 'M', birthYear: 1999, neighbourhood: 'Talant' }, // 23
      { ref: 'MX-04', sex: 'F', birthYear: 1960, neighbourhood: 'Talant' }, // 62
      { ref: 'MX-05', sex: 'M', birthYear: 1990, neighbourhood: 'Talant' }, // 32, withdraws
    ]) {
      await send(mixed, { type: 'ENROLL', participant });
    }
    await send(mixed, { type: 'WITHDRAW_PARTICIPANT', ref: 'MX-05' });

    // A cohort cancelled during recruitment: its participant never took part.
    const cancelled = await create('cohort', MIXED_COHORT);
    await send(cancelled, { type: 'OPEN_RECRUITMENT' });
    await send(cancelled, { type: 'ENROLL', participant: { ref: 'CX-01', sex: 'F', birthYear: 1970, neighbourhood: 'Talant' } });
    await send(cancelled, { type: 'CANCEL', reason: 'Not enough candidates' });

    // A tender delivered to two structures (seed 000's caps): "Atelier 21" twice under two spellings.
    const tender = await create('tender', {
      ...seed001TenderInput,
      bidDeadline: '2022-09-05T12:00:00+02:00',
      decisionDate: '2022-09-10T12:00:00+02:00',
      deliveryCaps: { maxDaysPerStructure: 3, maxStructures: 3, maxTotalDays: 9 },
    });
    await send(tender, { type: 'PUBLISH' });
    await send(tender, {
      type: 'SUBMIT_BID',
      bidder: { name: 'Coaching Coop', identifier: '12345678000014' },
      priceExclVatCents: 3_000_000,
      priceInclVatCents: 3_600_000,
      documents: completeDocuments,
    });
    // Moving the clock past the deadline closes the bids (the clock fires what falls due).
    const closing = await t.request('POST', '/api/clock', { advanceTo: '2022-09-06T09:00:00+02:00' });
    expect(closing.body.fired).toEqual([expect.objectContaining({ instanceId: tender, event: 'CLOSE_BIDS', state: 'open.bidsClosed' })]);
    await send(tender, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 75 } });
    await send(tender, { type: 'ATTRIBUTE', bidId: 'B1' });
    await send(tender, { type: 'START_DELIVERY' });
    await send(tender, { type: 'RECORD_INTERVENTION', structure: 'Atelier 21', date: '2022-09-06', days: 2 });
    await send(tender, { type: 'RECORD_INTERVENTION', structure: 'atelier 21', date: '2022-09-06', days: 1 });
    await send(tender, { type: 'RECORD_INTERVENTION', structure: 'Régie de quartier', date: '2022-09-06', days: 1 });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('counts every record and every person, by sex (004 art. 6)', async () => {
    const body = await indicators('', bearer('scheduler'));
    expect(body.asOf).toBe('2022-09-06T07:00:00.000Z');
    expect(body.instances).toEqual({
      total: 5,
      byKind: { tender: 2, convention: 1, cohort: 2 },
      byStage: {
        draft: 1,
        published: 1,
        bidsClosed: 0,
        audition: 0,
        attributed: 0,
        delivering: 1,
        evaluatedAtEnd: 0,
        evaluatedAtSixMonths: 0,
        closed: 2,
      },
      byTheme: { 'employment of women': 1, mobility: 2, unspecified: 2 },
    });
    // Only the tender is under way: the cohorts recruit or were cancelled, the convention was withdrawn.
    expect(body.actionsSetUp).toEqual({ total: 1, byKind: { tender: 1, convention: 0, cohort: 0 }, byTheme: { 'employment of women': 1 } });
    expect(body.projectsSupported).toEqual({ total: 2, tenderStructures: 2, conventions: 0, cohorts: 0 });

    const { participants } = body;
    expect(participants.enrolled).toEqual(sc(2, 2));
    expect(participants.withdrawn).toEqual(sc(0, 1));
    expect(participants.byAgeBand).toEqual({ '0-29': sc(0, 1), '30-39': sc(0, 0), '40-49': sc(1, 1), '50+': sc(1, 0) });
    // Spellings that differ only by case or accents are one neighbourhood, labelled as first met.
    expect(participants.byNeighbourhood).toEqual({ Grésilles: sc(1, 1), Talant: sc(1, 1) });
    expect(participants.outcomesAtEnd.notYetRecorded).toEqual(sc(2, 2));
    expect(participants.outcomesAtSixMonths.notYetRecorded).toEqual(sc(2, 2));
    expect(body.overdueDuties).toEqual({ total: 0, byDuty: {} });
  });

  it('keeps to the creation period (CREATE event at), bounds included', async () => {
    expect((await indicators(`?to=${encodeURIComponent('2021-12-31T23:59:59+01:00')}`)).instances.byKind).toEqual({
      tender: 0,
      convention: 1,
      cohort: 0,
    });
    expect((await indicators(`?from=${encodeURIComponent('2022-01-01T00:00:00+01:00')}`)).instances.total).toBe(4);
    expect((await indicators(`?from=${encodeURIComponent('2022-01-15T10:00:00+01:00')}`)).instances.total).toBe(4);
    expect((await indicators(`?from=${encodeURIComponent('2022-01-15T10:00:00.001+01:00')}`)).instances.total).toBe(3);
    const january = await indicators(
      `?from=${encodeURIComponent('2022-01-15T10:00:00+01:00')}&to=${encodeURIComponent('2022-01-15T10:00:00+01:00')}`,
    );
    expect(january.instances).toMatchObject({ total: 1, byKind: { tender: 1 }, byTheme: { unspecified: 1 } });
    const cohorts = await indicators('?kind=cohort');
    expect(cohorts.instances.byKind).toEqual({ tender: 0, convention: 0, cohort: 2 });
    expect(cohorts.participants.enrolled).toEqual(sc(2, 2));
    expect((await indicators('?kind=tender')).participants.enrolled).toEqual(sc(0, 0));
  });

  it('answers CSV only when text/csv is preferred, with F, M and total rows for people', async () => {
    const csv = await t.request('GET', '/api/indicators', undefined, { accept: 'text/csv', ...bearer('auditor') });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers.vary).toBe('Accept');
    const lines = (csv.body as unknown as string).split('\r\n');
    expect(lines[0]).toBe('indicator,breakdown,category,sex,value');
    for (const row of [
      'participantsEnrolled,all,all,F,2',
      'participantsEnrolled,all,all,M,2',
      'participantsEnrolled,all,all,total,4',
      'participantsWithdrawn,all,all,M,1',
      'participantsEnrolled,ageBand,0-29,M,1',
      'participantsEnrolled,neighbourhood,Grésilles,F,1',
      'participantsEnrolled,neighbourhood,Grésilles,M,1',
      'projectsSupported,source,tenderStructures,total,2',
      'actionsSetUp,theme,employment of women,total,1',
    ]) {
      expect(lines).toContain(row);
    }
    for (const accept of ['*/*', 'application/json', 'text/csv;q=0.5, application/json', 'text/csv;q=0']) {
      const response = await t.request('GET', '/api/indicators', undefined, { accept });
      expect({ accept, type: String(response.headers['content-type']).split(';')[0] }).toEqual({ accept, type: 'application/json' });
    }
  });

  it('refuses a malformed query with 400 and problem details', async () => {
    for (const query of [
      'from=yesterday',
      'to=2022-09-01T09:00:00', // no offset
      'kind=grant',
      'kind=tender&kind=cohort',
      'limit=10',
      `from=${encodeURIComponent('2022-09-02T00:00:00Z')}&to=${encodeURIComponent('2022-09-01T00:00:00Z')}`,
    ]) {
      const response = await t.request('GET', `/api/indicators?${query}`);
      expect({
        query,
        status: response.status,
        code: response.body.code,
        type: String(response.headers['content-type']).split(';')[0],
      }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
        type: 'application/problem+json',
      });
    }
  });
});
