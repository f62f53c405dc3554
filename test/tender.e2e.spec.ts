import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

describe.each(testDatabases())('tender lifecycle over HTTP ($name)', (database) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(database);
  });

  afterAll(async () => {
    await t.close();
  });

  const admin = { 'x-actor': 'marie.admin' };

  async function send(id: string, body: Record<string, unknown>) {
    return t.request('POST', `/api/instances/${id}/events`, body, admin);
  }

  async function expectRefusedWithoutWrite(id: string, body: Record<string, unknown>, status: number, code: string) {
    const before = await t.request('GET', `/api/instances/${id}/history`);
    const response = await send(id, body);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code });
    expect(typeof response.body.title).toBe('string');
    expect(typeof response.body.detail).toBe('string');
    const after = await t.request('GET', `/api/instances/${id}/history`);
    expect(after.body.total).toBe(before.body.total);
    return response.body;
  }

  it('plays seed 001 from draft to closed, refusing what the rules forbid on the way', async () => {
    const created = await t.request(
      'POST',
      '/api/instances',
      { kind: 'tender', input: { title: seed001TenderInput.title }, at: '2022-06-27T09:00:00+02:00' },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'tender', machineVersion: 3, state: 'open.draft', stage: 'draft', version: 1 });
    const id: string = created.body.id;

    // An incomplete draft cannot be published, and the refusal says what is missing.
    const incomplete = await expectRefusedWithoutWrite(id, { type: 'PUBLISH', at: '2022-06-28T09:00:00+02:00' }, 422, 'RULE_REFUSED');
    expect(incomplete.rule).toBe('draftIsComplete');
    expect(incomplete.detail).toContain('a buyer');

    const { title: _title, ...rest } = seed001TenderInput;
    expect((await send(id, { type: 'UPDATE_DRAFT', ...rest, at: '2022-06-28T10:00:00+02:00' })).status).toBe(200);
    const published = await send(id, { type: 'PUBLISH', at: '2022-07-04T09:00:00+02:00', expectedVersion: 2 });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ state: 'open.published', stage: 'published', version: 3 });
    expect(published.body.deadlines).toEqual([
      { event: 'CLOSE_BIDS', dueAt: '2022-08-05T21:59:59.000Z', label: expect.any(String), duty: false },
    ]);

    const bidA = await send(id, {
      type: 'SUBMIT_BID',
      at: '2022-07-20T14:00:00+02:00',
      bidder: { name: 'Coaching Coop', identifier: '11111111100014' },
      consortium: [{ name: 'Association Pair-Aidance', identifier: '22222222200028' }],
      priceExclVatCents: 3_166_667,
      priceInclVatCents: 3_800_000,
      documents: completeDocuments,
    });
    expect(bidA.status).toBe(200);
    await send(id, {
      type: 'SUBMIT_BID',
      at: '2022-08-01T11:00:00+02:00',
      bidder: { name: 'Insertion Conseil', identifier: '33333333300032' },
      priceExclVatCents: 2_916_667,
      priceInclVatCents: 3_500_000,
      documents: completeDocuments,
    });
    const aboveCap = await send(id, {
      type: 'SUBMIT_BID',
      at: '2022-08-04T16:00:00+02:00',
      bidder: { name: 'Grand Cabinet', identifier: '44444444400046' },
      priceExclVatCents: 3_750_000,
      priceInclVatCents: 4_500_000,
      documents: completeDocuments,
    });
    expect(aboveCap.status).toBe(200);
    const b3 = aboveCap.body.context.bids.find((bid: { id: string }) => bid.id === 'B3');
    expect(b3.admissible).toBe(false);
    expect(b3.inadmissibleReasons[0]).toContain('above the budget cap');

    const early = await expectRefusedWithoutWrite(id, { type: 'CLOSE_BIDS', at: '2022-08-05T12:00:00+02:00' }, 422, 'RULE_REFUSED');
    expect(early.rule).toBe('bidDeadlinePassed');

    const closed = await send(id, { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00' });
    // tender@3: deciding by the decision date is a duty while bids are examined (001 IX).
    expect(closed.body).toMatchObject({
      state: 'open.bidsClosed',
      stage: 'bidsClosed',
      deadlines: [{ event: 'ATTRIBUTE', dueAt: '2022-08-25T16:00:00.000Z', label: expect.any(String), duty: true }],
    });
    const late = await expectRefusedWithoutWrite(
      id,
      {
        type: 'SUBMIT_BID',
        at: '2022-08-06T09:00:00+02:00',
        bidder: { name: 'Late', identifier: '52000000000015' },
        priceExclVatCents: 1,
        priceInclVatCents: 1,
      },
      409,
      'EVENT_NOT_ACCEPTED',
    );
    expect(late.acceptedEvents).toEqual(expect.arrayContaining(['SCORE_BID', 'START_AUDITIONS', 'ATTRIBUTE']));

    const unscored = await expectRefusedWithoutWrite(
      id,
      { type: 'ATTRIBUTE', bidId: 'B2', at: '2022-08-08T09:00:00+02:00' },
      422,
      'RULE_REFUSED',
    );
    expect(unscored.rule).toBe('everyAdmissibleBidScored');

    await send(id, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 80 }, at: '2022-08-10T09:00:00+02:00' });
    expect((await send(id, { type: 'START_AUDITIONS', at: '2022-08-16T09:00:00+02:00' })).body.state).toBe('open.audition');
    const auditioned = await send(id, {
      type: 'RECORD_AUDITION',
      bidId: 'B2',
      mode: 'video',
      notes: 'Clear plan for the childcare and parenting workshop.',
      scores: { technical: 60 },
      at: '2022-08-17T10:00:00+02:00',
    });
    // B1: 60 × 0.8 + 40 × 3,500,000 / 3,800,000 = 84.84; B2: 60 × 0.6 + 40 = 76.
    expect(
      auditioned.body.summary.ranking.map((entry: { bidId: string; total: number; rank: number }) => [
        entry.bidId,
        entry.total,
        entry.rank,
      ]),
    ).toEqual([
      ['B1', 84.84, 1],
      ['B2', 76, 2],
    ]);

    const notTop = await expectRefusedWithoutWrite(
      id,
      { type: 'ATTRIBUTE', bidId: 'B2', at: '2022-08-24T09:00:00+02:00' },
      422,
      'RULE_REFUSED',
    );
    expect(notTop.rule).toBe('bidIsTopRanked');
    const attributed = await send(id, { type: 'ATTRIBUTE', bidId: 'B1', at: '2022-08-24T09:00:00+02:00' });
    expect(attributed.body).toMatchObject({ state: 'open.attributed', stage: 'attributed' });
    expect(attributed.body.context.bids.map((bid: { outcome: string }) => bid.outcome)).toEqual(['awarded', 'rejected', 'rejected']);
    // tender@3: each rejected bidder is to be informed (a duty per bid), and is, by registered letter.
    expect(attributed.body.deadlines.map((deadline: { event: string; payload?: unknown }) => deadline.event)).toEqual([
      'INFORM_BIDDER',
      'INFORM_BIDDER',
    ]);
    for (const bidId of ['B2', 'B3']) {
      expect((await send(id, { type: 'INFORM_BIDDER', bidId, means: 'registeredLetter', at: '2022-08-24T15:00:00+02:00' })).status).toBe(
        200,
      );
    }

    const delivering = await send(id, { type: 'START_DELIVERY', at: '2022-09-19T09:00:00+02:00' });
    // +6 months in Europe/Paris: 19 Sep 2022 09:00 (UTC+2) → 19 Mar 2023 09:00 (UTC+1).
    expect(delivering.body.context.sixMonthEvaluationDue).toBe('2023-03-19T08:00:00.000Z');
    expect(delivering.body.nextEvents).toEqual([
      'RECORD_INTERVENTION',
      'COMPLETE_DELIVERY',
      'NOTIFY_CONTRACT',
      'AMEND_CONTRACT',
      'RECORD_PUBLICATION',
      'INFORM_BIDDER',
    ]);
    expect(delivering.body.deadlines).toEqual([]);

    expect((await send(id, { type: 'COMPLETE_DELIVERY', at: '2022-12-09T17:00:00+01:00' })).body.state).toBe('evaluationAtEnd');
    const missingNotes = await expectRefusedWithoutWrite(
      id,
      { type: 'RECORD_END_EVALUATION', questionnaireResult: 'Satisfied', at: '2022-12-15T10:00:00+01:00' },
      400,
      'VALIDATION_FAILED',
    );
    expect(missingNotes.detail).toContain('verbalExchangeNotes');
    const awaiting = await send(id, {
      type: 'RECORD_END_EVALUATION',
      questionnaireResult: '18 of 22 participants satisfied',
      verbalExchangeNotes: 'Exchange with the technical committee on 15 December.',
      at: '2022-12-15T10:00:00+01:00',
    });
    expect(awaiting.body).toMatchObject({ state: 'awaitingSixMonths', stage: 'evaluatedAtEnd' });
    expect(awaiting.body.deadlines).toEqual([
      { event: 'SIX_MONTH_EVALUATION_DUE', dueAt: '2023-03-19T08:00:00.000Z', label: expect.any(String), duty: false },
    ]);

    const tooSoon = await expectRefusedWithoutWrite(
      id,
      { type: 'SIX_MONTH_EVALUATION_DUE', at: '2023-03-01T09:00:00+01:00' },
      422,
      'RULE_REFUSED',
    );
    expect(tooSoon.rule).toBe('sixMonthDateReached');
    expect((await send(id, { type: 'SIX_MONTH_EVALUATION_DUE', at: '2023-03-19T09:00:00+01:00' })).body.state).toBe(
      'evaluationAtSixMonths',
    );
    const done = await send(id, {
      type: 'RECORD_SIX_MONTH_EVALUATION',
      questionnaireResult: '7 in employment or training',
      respondents: 19,
      at: '2023-03-27T10:00:00+02:00',
    });
    expect(done.body).toMatchObject({ state: 'closed', stage: 'closed', status: 'done', nextEvents: [] });

    await expectRefusedWithoutWrite(id, { type: 'CANCEL', reason: 'too late' }, 409, 'EVENT_NOT_ACCEPTED');

    const history = await t.request('GET', `/api/instances/${id}/history`);
    expect(history.body.items.map((event: { seq: number }) => event.seq)).toEqual(
      history.body.items.map((_: unknown, index: number) => index + 1),
    );
    expect(history.body.items[0]).toMatchObject({ seq: 1, type: 'CREATE', actor: 'marie.admin', at: '2022-06-27T07:00:00.000Z' });
    expect(history.body.items.every((event: { actor: string }) => event.actor === 'marie.admin')).toBe(true);
    expect(history.body.items.at(-1)).toMatchObject({ type: 'RECORD_SIX_MONTH_EVALUATION', at: '2023-03-27T08:00:00.000Z' });
    expect(new Set(history.body.items.map((event: { hash: string }) => event.hash)).size).toBe(history.body.items.length);
  });

  it('refuses an unknown id, an unknown kind, an unknown event and a malformed body with problem details', async () => {
    expect((await t.request('GET', '/api/instances/00000000-0000-4000-8000-000000000000')).body).toMatchObject({
      status: 404,
      code: 'INSTANCE_NOT_FOUND',
    });
    expect((await t.request('GET', '/api/instances/not-a-uuid')).status).toBe(404);
    expect((await t.request('POST', '/api/instances', { kind: 'spaceship' })).body).toMatchObject({ status: 400, code: 'UNKNOWN_KIND' });
    expect((await t.request('POST', '/api/instances', { kind: 'tender', input: { budgetCapCents: 'lots' } })).body).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect((await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'x', surprise: true } })).body.detail).toContain(
      'surprise',
    );
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Refusals' } });
    const id = created.body.id;
    expect((await send(id, { type: 'LAUNCH_ROCKET' })).body).toMatchObject({ status: 400, code: 'UNKNOWN_EVENT' });
    expect((await send(id, { type: 'publish' })).body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await send(id, { type: 'PUBLISH', at: 'yesterday' })).body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect((await send(id, { type: 'UPDATE_DRAFT', title: 'x', at: '2999-01-01T00:00:00Z' })).body).toMatchObject({
      status: 400,
      code: 'INVALID_TIME',
    });
    const raw = await t.app.inject({
      method: 'POST',
      url: `/api/instances/${id}/events`,
      payload: '{"type":',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.statusCode).toBe(400);
    expect(JSON.parse(raw.body)).toMatchObject({ status: 400, code: 'BAD_REQUEST' });
    expect((await t.request('GET', `/api/instances/${id}/history`)).body.total).toBe(1);
  });

  it('refuses a stale expectedVersion with 409 and writes nothing', async () => {
    const created = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Versions' } });
    const id = created.body.id;
    expect((await send(id, { type: 'UPDATE_DRAFT', buyer: 'A', expectedVersion: 1 })).status).toBe(200);
    const stale = await send(id, { type: 'UPDATE_DRAFT', buyer: 'B', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const view = await t.request('GET', `/api/instances/${id}`);
    expect(view.body).toMatchObject({ version: 2, context: { buyer: 'A' } });
  });

  it('lists instances filtered by kind, stage and state, with pagination', async () => {
    for (const title of ['L1', 'L2', 'L3']) await t.request('POST', '/api/instances', { kind: 'tender', input: { title } });
    const page = await t.request('GET', '/api/instances?kind=tender&stage=draft&limit=2&offset=0');
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThanOrEqual(3);
    expect(page.body.items.every((item: { stage: string; kind: string }) => item.stage === 'draft' && item.kind === 'tender')).toBe(true);
    const closed = await t.request('GET', '/api/instances?state=closed');
    expect(closed.body.items.every((item: { state: string }) => item.state === 'closed')).toBe(true);
    expect((await t.request('GET', '/api/instances?limit=0')).status).toBe(400);
  });

  it('describes the machines with states, events and a Mermaid diagram', async () => {
    const list = await t.request('GET', '/api/machines');
    expect(list.body.map((machine: { kind: string }) => machine.kind)).toContain('tender');
    const tender = await t.request('GET', '/api/machines/tender');
    expect(tender.body).toMatchObject({ version: 3, versions: [1, 2, 3] });
    expect(tender.body.states.map((state: { id: string }) => state.id)).toEqual([
      'open',
      'open.draft',
      'open.published',
      'open.bidsClosed',
      'open.audition',
      'open.attributed',
      'delivering',
      'evaluationAtEnd',
      'awaitingSixMonths',
      'evaluationAtSixMonths',
      'dutiesOutstanding',
      'closed',
      'unsuccessful',
      'cancelled',
    ]);
    expect(tender.body.diagram).toContain('stateDiagram-v2');
    expect(tender.body.diagram).toContain('open_published --> open_bidsClosed : CLOSE_BIDS [bidDeadlinePassed]');
    expect(tender.body.diagram).toContain('open --> cancelled : CANCEL [hasReason and contractNotNotified]');
    expect(tender.body.diagram).toContain('note right of open_published : deadline CLOSE_BIDS at bidDeadline');
    expect((await t.request('GET', '/api/machines/spaceship')).status).toBe(400);
  });

  it('answers readiness on /api/health and serves the OpenAPI page', async () => {
    expect((await t.request('GET', '/api/health')).body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect((await t.request('GET', '/api/docs')).status).toBe(200);
  });
});
