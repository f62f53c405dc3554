import { completeDocuments, seed001TenderInput } from './support/seed-001';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

/*
 * tender@3 over HTTP, seed 001 (Creativ', Dijon, 2022): the essential data of the contract checked at
 * the door, the decision date as a duty and a late attribution marked and counted, the rejected
 * bidders informed with the letter from the scores, the contract notified, amended and published
 * under the DECP duty, and a start far from the planned one marked.
 */
describe.each(testDatabases())('tender@3 over HTTP ($name)', (database) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(database);
  });

  afterAll(async () => {
    await t.close();
  });

  const admin = { 'x-actor': 'marie.admin' };
  const send = (id: string, body: Record<string, unknown>) => t.request('POST', `/api/instances/${id}/events`, body, admin);
  const create = (input: Record<string, unknown>) =>
    t.request('POST', '/api/instances', { kind: 'tender', input, at: '2022-06-27T09:00:00+02:00' }, admin);

  function expectProblem(response: Awaited<ReturnType<typeof send>>, status: number, code: string) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ status, code });
    return response.body as { detail: string; rule?: string; errors?: { field: string; messages: string[] }[] };
  }

  const bid = (name: string, identifier: string, priceInclVatCents: number, extra: Record<string, unknown> = {}) => ({
    type: 'SUBMIT_BID',
    bidder: { name, identifier },
    priceExclVatCents: Math.round(priceInclVatCents / 1.2),
    priceInclVatCents,
    documents: completeDocuments,
    ...extra,
  });

  describe('input validation', () => {
    it('checks SIRETs (Luhn; La Poste by the sum of its digits), the CPV code format and the enumerations', async () => {
      const badSiret = expectProblem(await create({ ...seed001TenderInput, buyerSiret: '21000000000014' }), 400, 'VALIDATION_FAILED');
      expect(badSiret.errors).toEqual([
        { field: 'buyerSiret', pointer: '/buyerSiret', messages: [expect.stringContaining('check digit')] },
      ]);
      const short = expectProblem(await create({ ...seed001TenderInput, buyerSiret: '2100000000' }), 400, 'VALIDATION_FAILED');
      expect(short.detail).toContain('buyerSiret must be a SIRET: 14 digits');
      const cpv = expectProblem(await create({ ...seed001TenderInput, cpvCode: '7900000-4' }), 400, 'VALIDATION_FAILED');
      expect(cpv.detail).toContain('cpvCode must be a CPV code');
      const nature = expectProblem(await create({ ...seed001TenderInput, nature: 'Concession' }), 400, 'VALIDATION_FAILED');
      expect(nature.detail).toContain('"Marché de partenariat"');
      const place = expectProblem(
        await create({ ...seed001TenderInput, placeOfExecution: { code: '21231', typeCode: 'Commune' } }),
        400,
        'VALIDATION_FAILED',
      );
      expect(place.detail).toContain('placeOfExecution.typeCode');
      const half = expectProblem(await create({ ...seed001TenderInput, placeOfExecution: { code: '21231' } }), 400, 'VALIDATION_FAILED');
      expect(half.detail).toContain('placeOfExecution');
      expect(half.detail).toContain('typeCode');
      expect((await create({ ...seed001TenderInput, buyerSiret: '35600000049837' })).status).toBe(201);
    });

    it("refuses a bidder's SIRET that does not check, and does not check another scheme", async () => {
      const created = await create(seed001TenderInput);
      const id = created.body.id as string;
      expect((await send(id, { type: 'PUBLISH', at: '2022-07-04T09:00:00+02:00' })).status).toBe(200);
      const bad = expectProblem(
        await send(id, { ...bid('Coaching Coop', '11111111100011', 3_800_000), at: '2022-07-20T14:00:00+02:00' }),
        400,
        'VALIDATION_FAILED',
      );
      expect(bad.errors?.[0]).toMatchObject({ field: 'bidder.identifier' });
      const partner = expectProblem(
        await send(id, {
          ...bid('Coaching Coop', '11111111100014', 3_800_000, { consortium: [{ name: 'Pair-Aidance', identifier: '42' }] }),
          at: '2022-07-20T14:00:00+02:00',
        }),
        400,
        'VALIDATION_FAILED',
      );
      expect(partner.errors?.[0]).toMatchObject({ field: 'consortium.0.identifier' });
      const foreign = await send(id, {
        type: 'SUBMIT_BID',
        bidder: { name: 'Beratung GmbH', identifier: 'DE123456789', scheme: 'TVA' },
        priceExclVatCents: 3_000_000,
        priceInclVatCents: 3_600_000,
        documents: completeDocuments,
        at: '2022-07-21T14:00:00+02:00',
      });
      expect(foreign.status).toBe(200);
      expect(foreign.body.context.bids[0].bidder).toEqual({ name: 'Beratung GmbH', identifier: 'DE123456789', scheme: 'TVA' });
    });

    it('publishes only with the essential data, naming what is missing', async () => {
      const { buyerSiret: _siret, cpvCode: _cpv, ...withoutThem } = seed001TenderInput;
      const created = await create(withoutThem);
      expect(created.body).toMatchObject({ machineVersion: 3, state: 'open.draft' });
      const refused = expectProblem(await send(created.body.id, { type: 'PUBLISH', at: '2022-07-04T09:00:00+02:00' }), 422, 'RULE_REFUSED');
      expect(refused.rule).toBe('draftIsComplete');
      expect(refused.detail).toContain("the buyer's SIRET");
      expect(refused.detail).toContain('a CPV code');
    });
  });

  it('plays seed 001: a late attribution, the rejected bidder informed, the contract notified, amended and published', async () => {
    const created = await create(seed001TenderInput);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'tender', machineVersion: 3 });
    const id: string = created.body.id;
    expect((await send(id, { type: 'PUBLISH', at: '2022-07-04T09:00:00+02:00' })).status).toBe(200);
    await send(id, {
      ...bid('Coaching Coop', '11111111100014', 3_900_000, {
        consortium: [{ name: 'Association Pair-Aidance', identifier: '22222222200028' }],
        groupingType: 'Conjoint',
      }),
      at: '2022-07-20T14:00:00+02:00',
    });
    await send(id, { ...bid('Insertion Conseil', '33333333300032', 3_600_000), at: '2022-08-01T11:00:00+02:00' });
    const closed = await send(id, { type: 'CLOSE_BIDS', at: '2022-08-06T00:00:00+02:00' });
    expect(closed.body.deadlines).toEqual([
      { event: 'ATTRIBUTE', dueAt: '2022-08-25T16:00:00.000Z', label: expect.any(String), duty: true },
    ]);

    // The decision date (001 IX: examined by 25 August 2022) is on the agenda, overdue, never fired.
    const agenda = (await t.request('GET', '/api/deadlines?kind=tender')).body.items.filter(
      (item: { instanceId: string }) => item.instanceId === id,
    );
    expect(agenda).toEqual([expect.objectContaining({ event: 'ATTRIBUTE', duty: true, overdue: true })]);
    const fired = await t.request('POST', '/api/deadlines/fire-due');
    expect(fired.status).toBe(200);
    expect(fired.body.fired.filter((item: { instanceId: string }) => item.instanceId === id)).toEqual([]);

    await send(id, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 90 }, at: '2022-08-18T10:00:00+02:00' });
    await send(id, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 70 }, at: '2022-08-18T10:00:00+02:00' });
    // Attributed on 1 September: accepted, but marked late, shown and counted.
    const attributed = await send(id, {
      type: 'ATTRIBUTE',
      bidId: 'B1',
      lateReason: 'The technical committee met on 31 August.',
      at: '2022-09-01T10:00:00+02:00',
    });
    expect(attributed.status).toBe(200);
    expect(attributed.body.state).toBe('open.attributed');
    expect(attributed.body.summary.attributionLate).toEqual({
      decisionDate: '2022-08-25T16:00:00.000Z',
      attributedAt: '2022-09-01T08:00:00.000Z',
      reason: 'The technical committee met on 31 August.',
    });
    expect((await t.request('GET', '/api/indicators?kind=tender')).body.lateAttributions).toBe(1);

    // The rejected bidder is to be informed: a duty from the attribution, with the letter from the scores.
    expect(attributed.body.deadlines).toEqual([
      { event: 'INFORM_BIDDER', dueAt: '2022-09-01T08:00:00.000Z', label: expect.any(String), duty: true },
    ]);
    const letter: string = attributed.body.summary.rejectionLetters.B2;
    expect(letter).toContain('Insertion Conseil');
    expect(letter).toContain('classée 2e sur 2');
    expect(letter).toContain("L'offre retenue est celle de Coaching Coop");
    expect(letter).toContain("Valeur technique de l'offre : 42 points sur 60");
    expect(attributed.body.summary.rejectedBidders).toEqual([
      { bidId: 'B2', bidder: 'Insertion Conseil', informed: false, informationDue: '2022-09-01T08:00:00.000Z', informedAt: null },
    ]);
    const awardedBidder = expectProblem(
      await send(id, { type: 'INFORM_BIDDER', bidId: 'B1', means: 'email', at: '2022-09-02T10:00:00+02:00' }),
      422,
      'RULE_REFUSED',
    );
    expect(awardedBidder.rule).toBe('bidderToBeInformed');
    const informed = await send(id, { type: 'INFORM_BIDDER', bidId: 'B2', means: 'registeredLetter', at: '2022-09-02T10:00:00+02:00' });
    expect(informed.status).toBe(200);
    expect(informed.body.deadlines).toEqual([]);
    expect(informed.body.context.bids[1].informed).toMatchObject({ means: 'registeredLetter', rank: 2, rankedBids: 2 });
    expect(
      expectProblem(
        await send(id, { type: 'INFORM_BIDDER', bidId: 'B2', means: 'email', at: '2022-09-03T10:00:00+02:00' }),
        422,
        'RULE_REFUSED',
      ).rule,
    ).toBe('bidderToBeInformed');

    // The contract: not before the attribution's day; holders and amount from the awarded bid.
    const early = expectProblem(
      await send(id, { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-31', at: '2022-09-05T10:00:00+02:00' }),
      422,
      'RULE_REFUSED',
    );
    expect(early.rule).toBe('contractNotifiable');
    const notified = await send(id, {
      type: 'NOTIFY_CONTRACT',
      notifiedOn: '2022-09-05',
      advance: { granted: false },
      at: '2022-09-05T10:00:00+02:00',
    });
    expect(notified.status).toBe(200);
    expect(notified.body.context.contract).toMatchObject({
      notifiedOn: '2022-09-05',
      amountExclVatCents: 3_250_000,
      holders: [
        { name: 'Coaching Coop', identifier: '11111111100014' },
        { name: 'Association Pair-Aidance', identifier: '22222222200028' },
      ],
      groupingType: 'Conjoint',
      publicationRule: 'yearlyList',
      publicationDue: '2023-03-31T22:00:00.000Z',
    });
    expect(notified.body.deadlines).toEqual([
      { event: 'RECORD_PUBLICATION', dueAt: '2023-03-31T22:00:00.000Z', label: 'DECP publication due', duty: true },
    ]);
    expect(notified.body.summary.publication).toMatchObject({ status: 'due', rule: 'yearlyList', due: '2023-03-31T22:00:00.000Z' });
    expect(
      expectProblem(
        await send(id, { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-09-06', at: '2022-09-06T10:00:00+02:00' }),
        422,
        'RULE_REFUSED',
      ).rule,
    ).toBe('contractNotifiable');
    const cancel = expectProblem(
      await send(id, { type: 'CANCEL', reason: 'Too late', at: '2022-09-06T10:00:00+02:00' }),
      422,
      'RULE_REFUSED',
    );
    expect(cancel.rule).toBe('contractNotNotified');

    // Delivery starts on 10 October, 21 days after the planned 19 September: marked, not refused.
    const delivering = await send(id, { type: 'START_DELIVERY', at: '2022-10-10T09:00:00+02:00' });
    expect(delivering.body.state).toBe('delivering');
    expect(delivering.body.summary.deliveryStartDeviation).toEqual({ planned: '2022-09-19', started: '2022-10-10', days: 21 });
    const badStructure = expectProblem(
      await send(id, {
        type: 'RECORD_INTERVENTION',
        structure: 'Mission locale',
        structureSiret: '12345',
        date: '2022-10-11',
        days: 1,
        at: '2022-10-11T18:00:00+02:00',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expect(badStructure.detail).toContain('structureSiret');

    // An amendment to 45,000 EUR excl. VAT: its republication is due within two months.
    const amended = await send(id, {
      type: 'AMEND_CONTRACT',
      notifiedOn: '2022-11-02',
      summary: 'A third group of 10 women',
      amountExclVatCents: 4_500_000,
      durationMonths: 6,
      at: '2022-11-02T10:00:00+01:00',
    });
    expect(amended.status).toBe(200);
    expect(amended.body.context.contract.modifications).toEqual([
      expect.objectContaining({
        id: 1,
        notifiedOn: '2022-11-02',
        publicationRule: 'twoMonths',
        publicationDue: '2023-01-02T23:00:00.000Z',
      }),
    ]);
    expect(amended.body.deadlines.map((deadline: { dueAt: string }) => deadline.dueAt).sort()).toEqual([
      '2023-01-02T23:00:00.000Z',
      '2023-03-31T22:00:00.000Z',
    ]);

    // Both publications recorded: no duty left, the summary says where.
    const published = await send(id, {
      type: 'RECORD_PUBLICATION',
      publishedOn: '2022-11-15',
      where: 'https://www.data.gouv.fr/',
      at: '2022-11-15T10:00:00+01:00',
    });
    const republished = await send(id, {
      type: 'RECORD_PUBLICATION',
      publishedOn: '2022-11-15',
      where: 'https://www.data.gouv.fr/',
      modificationId: 1,
      at: '2022-11-15T10:05:00+01:00',
    });
    expect(published.status).toBe(200);
    expect(republished.body.deadlines).toEqual([]);
    expect(republished.body.summary.publication).toEqual({
      status: 'published',
      rule: 'yearlyList',
      due: '2023-03-31T22:00:00.000Z',
      publishedOn: '2022-11-15',
      where: 'https://www.data.gouv.fr/',
      modifications: [{ id: 1, status: 'published', rule: 'twoMonths', due: '2023-01-02T23:00:00.000Z', publishedOn: '2022-11-15' }],
    });
    const twice = expectProblem(
      await send(id, {
        type: 'RECORD_PUBLICATION',
        publishedOn: '2022-11-16',
        where: 'x',
        modificationId: 1,
        at: '2022-11-16T10:00:00+01:00',
      }),
      422,
      'RULE_REFUSED',
    );
    expect(twice.rule).toBe('publicationRecordable');
  });

  it('describes tender@3 with its new events and their schemas', async () => {
    const machine = (await t.request('GET', '/api/machines/tender')).body;
    expect(machine).toMatchObject({ version: 3 });
    expect(machine.diagram).toContain(
      'open_attributed --> open_attributed : NOTIFY_CONTRACT [contractNotifiable and reportedDateNotAhead]',
    );
    expect(machine.diagram).toContain('note right of open_bidsClosed : duty ATTRIBUTE by decisionDate');
    expect(machine.diagram).toContain('dutiesOutstanding --> closed : [noDutyOutstanding]');
    expect(machine.diagram).toContain('note right of delivering : duty INFORM_BIDDER by informationDue for each bids');
  });
});
