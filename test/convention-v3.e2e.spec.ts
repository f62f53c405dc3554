import { IDF_ACSE_PARTNERSHIP_V3, SPRO_EP_CHATEAUROUX_V3 } from '../machines/convention/convention.examples';
import { ConventionDriver, type AgendaItem } from './support/convention-helpers';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

/**
 * convention@3's rules over HTTP on the simulated clock (docs/lifecycles/convention.md): seed 003 read
 * as calendar years and renewed only with the year's report and subsidy request (art. 4), its formal
 * notice a registered letter (art. 5); seed 004 with the Préfet as a co-signatory and its yearly report
 * carrying statistics by sex (art. 6), counted by GET /api/indicators for the record and its descendants.
 */
const duty = (item: AgendaItem & { duty?: boolean }) => [item.event, item.dueAt, item.duty === true, item.overdue];

describe.each(testDatabases())('convention@3 over HTTP ($name)', (database) => {
  describe('seed 003: one calendar year, renewed with the report and the subsidy request; formal notice by registered letter', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2024-07-15T09:00:00+02:00', SCHEDULER: 'on' });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('warns of the missing report and request, renews when both are filed, expires when they are not', async () => {
      const c = new ConventionDriver(t);
      const created = await c.create(SPRO_EP_CHATEAUROUX_V3);
      expect(created).toMatchObject({ kind: 'convention', machineVersion: 3, state: 'draft' });
      await c.send({ type: 'OPEN_FOR_SIGNATURE' });
      await c.advanceTo('2024-07-30T11:00:00+02:00');
      for (const party of SPRO_EP_CHATEAUROUX_V3.parties!) await c.send({ type: 'SIGN', party: party.id });

      // 003 art. 4, "une année civile": the first term ends with 31 December 2024; the reading is shown.
      let view = await c.view();
      expect(view.state).toBe('running.inForce');
      expect(view.context.termReading).toBe('calendarYear');
      expect(view.summary.termReading).toBe('calendarYear');
      expect(view.summary.currentTerm).toEqual({ number: 1, startsAt: '2024-07-29T22:00:00.000Z', endsAt: '2024-12-31T23:00:00.000Z' });
      expect(view.summary.renewalCondition).toEqual({
        requires: ['report', 'subsidyRequest'],
        missing: ['report', 'subsidyRequest'],
        warnsAt: '2024-11-30T23:00:00.000Z',
      });
      // The agenda warns one month before the end: two duties (the scheduler never sends them).
      let agenda = await c.agenda();
      expect(agenda.items.filter((item) => item.event.startsWith('RECORD_')).map(duty)).toEqual([
        ['RECORD_REPORT', '2024-11-30T23:00:00.000Z', true, false],
        ['RECORD_SUBSIDY_REQUEST', '2024-11-30T23:00:00.000Z', true, false],
      ]);
      expect(agenda.items.find((item) => item.event === 'RECORD_REPORT')?.label).toMatch(/^Renewal needs the year's report/);

      // 5 December: the warnings are overdue; nothing was sent for them.
      expect((await c.advanceTo('2024-12-05T10:00:00+01:00')).fired).toEqual([]);
      agenda = await c.agenda();
      expect(agenda.items.filter((item) => item.event.startsWith('RECORD_')).map(duty)).toEqual([
        ['RECORD_REPORT', '2024-11-30T23:00:00.000Z', true, true],
        ['RECORD_SUBSIDY_REQUEST', '2024-11-30T23:00:00.000Z', true, true],
      ]);

      // The report, then the subsidy request: the warnings go, one by one.
      await c.send({ type: 'RECORD_REPORT', report: 'activityReport', year: 1, documentRef: 'Bilan 2024' });
      expect((await c.agenda()).items.filter((item) => item.event.startsWith('RECORD_')).map((item) => item.event)).toEqual([
        'RECORD_SUBSIDY_REQUEST',
      ]);
      await c.refuseByRule(
        { type: 'RECORD_SUBSIDY_REQUEST', reference: 'AIDES-2025', filedOn: '2024-12-06' },
        'subsidyRequestHasBeenFiled',
        /after today/,
      );
      view = await c.send({ type: 'RECORD_SUBSIDY_REQUEST', reference: 'AIDES-2025-0042', filedOn: '2024-12-04' });
      expect(view.summary.subsidyRequests).toEqual([
        { reference: 'AIDES-2025-0042', filedOn: '2024-12-04', recordedAt: '2024-12-05T09:00:00.000Z', term: 1 },
      ]);
      expect((await c.agenda()).items.filter((item) => item.event.startsWith('RECORD_'))).toEqual([]);

      // 1 January 2025: the term renews for the calendar year 2025; the warnings are back for it.
      const renewal = await c.advanceTo('2025-01-02T09:00:00+01:00');
      expect(renewal.fired.map((item) => [item.event, item.dueAt, item.outcome])).toEqual([
        ['TERM_END', '2024-12-31T23:00:00.000Z', 'applied'],
      ]);
      view = await c.view();
      expect(view.summary.currentTerm).toEqual({ number: 2, startsAt: '2024-12-31T23:00:00.000Z', endsAt: '2025-12-31T23:00:00.000Z' });
      expect(view.summary.renewalCondition.warnsAt).toBe('2025-11-30T23:00:00.000Z');

      // 003 art. 5: the notice is a registered letter; without its reference it is refused.
      await c.advanceTo('2025-03-03T10:00:00+01:00');
      const notice = { type: 'SEND_FORMAL_NOTICE', from: 'cio-chateauroux', to: 'cci-indre', breach: 'No participation (charter §5).' };
      await c.refuseByRule(notice, 'formalNoticeByRegisteredLetter', /registered letter with acknowledgement of receipt/);
      await c.refuse({ ...notice, letterRef: '1A' }, 400, 'VALIDATION_FAILED');
      view = await c.send({ ...notice, letterReference: '1A 123 456 7890 1' });
      expect(view.state).toBe('running.formalNotice');
      // The two months count from the sending ("deux mois suivant l'envoi"), not from the receipt.
      expect(view.summary.formalNotice).toMatchObject({
        letterRef: '1A 123 456 7890 1',
        sentAt: '2025-03-03T09:00:00.000Z',
        expiresAt: '2025-05-03T08:00:00.000Z',
      });
      expect(view.summary.formalNotice.receivedOn).toBeUndefined();
      await c.advanceTo('2025-03-06T10:00:00+01:00');
      await c.refuseByRule({ type: 'RECORD_NOTICE_RECEIPT', receivedOn: '2025-03-07' }, 'noticeReceiptCanBeRecorded', /after today/);
      view = await c.send({ type: 'RECORD_NOTICE_RECEIPT', receivedOn: '2025-03-05' });
      expect(view.summary.formalNotice).toMatchObject({ receivedOn: '2025-03-05', expiresAt: '2025-05-03T08:00:00.000Z' });
      await c.refuseByRule({ type: 'RECORD_NOTICE_RECEIPT', receivedOn: '2025-03-05' }, 'noticeReceiptCanBeRecorded', /already recorded/);
      view = await c.send({ type: 'REMEDY', note: 'The CCI rejoined the coordination.' });
      expect(view.state).toBe('running.inForce');

      // Nothing filed for 2025: on 1 January 2026 the convention expires, saying what was missing.
      const end = await c.advanceTo('2026-01-02T09:00:00+01:00');
      expect(end.fired.map((item) => [item.event, item.outcome, item.state])).toContainEqual(['TERM_END', 'applied', 'evaluationAtEnd']);
      view = await c.view();
      expect(view.summary.ended).toEqual({
        reason: 'expired',
        at: '2025-12-31T23:00:00.000Z',
        missing: ['report', 'subsidyRequest'],
        note: "Not renewed: the year's report and the year's subsidy request were not recorded during term 2.",
      });
      expect((await c.agenda()).items.filter((item) => item.event.startsWith('RECORD_'))).toEqual([]);
    });
  });

  describe('seed 004: the Préfet co-signs; the yearly report counts its people by sex; indicators of a record and its descendants', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2008-07-01T09:00:00+02:00', SCHEDULER: 'on' });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('enters into force with the third signature, keeps the Préfet out of what parties do, and reports statistics by sex', async () => {
      const c = new ConventionDriver(t);
      await c.create(IDF_ACSE_PARTNERSHIP_V3);
      await c.send({ type: 'OPEN_FOR_SIGNATURE' });
      await c.advanceTo('2008-07-11T10:00:00+02:00');
      await c.send({ type: 'SIGN', party: 'region-idf' });
      let view = await c.send({ type: 'SIGN', party: 'acse' });
      // Both parties have signed: the Préfet's signature is still needed (three signatures, 004).
      expect(view.state).toBe('openForSignature');
      expect(view.summary.signatures.awaiting).toEqual(['prefet-idf']);
      view = await c.send({ type: 'SIGN', party: 'prefet-idf' });
      expect(view.state).toBe('running.inForce');
      expect(view.context.parties.map((party: { id: string }) => party.id)).toEqual(['region-idf', 'acse']);
      expect(view.summary.coSignatories).toEqual(['prefet-idf']);

      // 004 art. 6: the yearly evaluation report, its actions and people by sex; the parts must add up.
      await c.advanceTo('2009-06-15T10:00:00+02:00');
      const report = { type: 'RECORD_REPORT', report: 'evaluationReport', year: 1, documentRef: 'Bilan 2008-2009' };
      await c.refuseByRule(
        { ...report, participants: 130, participantsBySex: { F: 70, M: 50 } },
        'reportStatisticsAreValid',
        /\(120\) equal to the total \(130\)/,
      );
      await c.refuse({ ...report, participantsBySex: { F: -1, M: 50 } }, 400, 'VALIDATION_FAILED');
      view = await c.send({
        ...report,
        participants: 130,
        participantsBySex: { F: 70, M: 50, unspecified: 10 },
        actions: [
          { label: 'Formation des acteurs (art. 3)', participants: 45, participantsBySex: { F: 30, M: 15 } },
          { label: 'Semaine de sensibilisation (art. 2)', participantsBySex: { F: 40, M: 35, unspecified: 10 } },
        ],
      });
      expect(
        view.context.dutyOccurrences.find((item: { dutyId: string }) => item.dutyId === 'evaluationReport').record.statistics,
      ).toMatchObject({
        participants: 130,
        participantsBySex: { F: 70, M: 50, unspecified: 10 },
      });

      // At the anniversary review (art. 10) the Préfet may not denounce; the parties amend without him.
      await c.advanceTo('2009-07-20T10:00:00+02:00');
      await c.refuseByRule(
        { type: 'DENOUNCE', party: 'prefet-idf', reason: 'x' },
        'coSignatoryIsNotAParty',
        /only the parties may denounce/,
      );
      view = await c.send({ type: 'AMEND', summary: 'Art. 4 bis: joint call for projects', signedBy: ['region-idf', 'acse'] });
      expect(view.summary.termsInForce.version).toBe(2);

      // A tender the convention led to, and its own child: GET /api/indicators?parentId= counts all three.
      const child = await t.request('POST', '/api/instances', {
        kind: 'tender',
        input: { title: 'Formation des acteurs' },
        parentId: c.id,
      });
      expect(child.status).toBe(201);
      const grandchild = await t.request('POST', '/api/instances', { kind: 'tender', input: { title: 'Lot 2' }, parentId: child.body.id });
      expect(grandchild.status).toBe(201);
      const unrelated = new ConventionDriver(t);
      await unrelated.create(IDF_ACSE_PARTNERSHIP_V3);

      const scoped = await t.request('GET', `/api/indicators?parentId=${c.id}`);
      expect(scoped.status).toBe(200);
      expect(scoped.body).toMatchObject({
        parentId: c.id,
        instances: { total: 3, byKind: { tender: 2, convention: 1, cohort: 0 } },
        conventionReports: {
          withStatistics: 1,
          participants: { F: 70, M: 50, total: 130 },
          actions: 2,
          actionParticipants: { F: 70, M: 50, total: 130 },
        },
      });
      const ofChild = await t.request('GET', `/api/indicators?parentId=${child.body.id}`);
      expect(ofChild.body.instances).toMatchObject({ total: 2, byKind: { tender: 2, convention: 0 } });
      const all = await t.request('GET', '/api/indicators');
      expect(all.body).toMatchObject({ parentId: null, instances: { total: 4 } });
      const csv = await t.request('GET', `/api/indicators?parentId=${c.id}`, undefined, { accept: 'text/csv' });
      expect(csv.body).toContain('participantsInConventionReports,all,all,F,70\r\n');
      expect(csv.body).toContain('participantsInConventionActions,all,all,total,130\r\n');

      // A parentId that names no record, or is not an id, is refused.
      const missing = await t.request('GET', '/api/indicators?parentId=00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(400);
      expect(missing.body).toMatchObject({ code: 'PARENT_NOT_FOUND' });
      expect((await t.request('GET', '/api/indicators?parentId=nope')).status).toBe(400);
    });
  });
});
