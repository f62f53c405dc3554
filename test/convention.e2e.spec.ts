import { IDF_ACSE_PARTNERSHIP, SPRO_EP_CHATEAUROUX } from '../machines/convention/convention.examples';
import {
  brief,
  ConventionDriver,
  expectDeadlinesFiredOnceByScheduler,
  expectDutyDueAtOccurrenceDates,
  type Fired,
} from './support/convention-helpers';
import { startTestApp, testDatabases, type TestApp } from './support/test-app';

/**
 * Issue 4's scenarios over HTTP on the simulated clock, on the version new conventions are created on (convention@3, whose
 * defaults play them as convention@2 did): nobody sends a deadline event; the clock moves
 * (POST /api/clock) and the scheduler fires what falls due, as `scheduler`, stamped with the due instant.
 */
describe.each(testDatabases())('convention lifecycles on the simulated clock ($name)', (database) => {
  describe('seed 003: SPRO-EP Châteauroux, signed 30 July 2024, renewed tacitly, formal notice, terminated', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2024-07-15T09:00:00+02:00', SCHEDULER: 'on' });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('plays the convention from its draft to closed, the deadlines firing by themselves', async () => {
      const c = new ConventionDriver(t);
      const parties = SPRO_EP_CHATEAUROUX.parties!;
      const allIds = parties.map((party) => party.id);
      // The +6-month evaluation counts from the end here (convention@2 and @3 count from the effective date by default).
      const created = await c.create({ ...SPRO_EP_CHATEAUROUX, sixMonthAnchor: 'end' });
      expect(created).toMatchObject({ kind: 'convention', machineVersion: 3, state: 'draft', stage: 'draft' });
      expect(created.context.sixMonthAnchor).toBe('end');

      // July 2024: opened for signature, then 26 parties sign over two weeks, two a day.
      expect((await c.send({ type: 'OPEN_FOR_SIGNATURE' })).state).toBe('openForSignature');
      const ordered = [...parties.filter((party) => party.id !== 'cio-chateauroux'), parties[0]];
      for (const [index, party] of ordered.slice(0, 26).entries()) {
        const day = 16 + Math.floor(index / 2);
        await c.advanceTo(`2024-07-${day}T${index % 2 === 0 ? '10' : '15'}:00:00+02:00`);
        await c.send({ type: 'SIGN', party: party.id });
      }
      let view = await c.view();
      expect(view.state).toBe('openForSignature');
      expect(view.summary.signatures.awaiting).toEqual(['cio-chateauroux']);

      // A party signing twice, or someone who is not a party, is refused with the rule's name.
      await c.advanceTo('2024-07-30T10:00:00+02:00');
      await c.refuseByRule({ type: 'SIGN', party: 'cci-indre' }, 'partyHasNotSigned', /cci-indre already signed/);
      await c.refuseByRule({ type: 'SIGN', party: 'mairie-de-tours' }, 'signerIsPartyOrCoSignatory', /not a party/);

      // The CIO signs last, on 30 July 2024: in force from that day (Paris), for one year.
      await c.advanceTo('2024-07-30T11:00:00+02:00');
      view = await c.send({ type: 'SIGN', party: 'cio-chateauroux' });
      expect(view).toMatchObject({ state: 'running.inForce', stage: 'delivering' });
      expect(view.context.signedAt).toBe('2024-07-30T09:00:00.000Z');
      expect(view.summary.effectiveFrom).toBe('2024-07-29T22:00:00.000Z');
      expect(view.summary.currentTerm).toEqual({ number: 1, startsAt: '2024-07-29T22:00:00.000Z', endsAt: '2025-07-29T22:00:00.000Z' });
      expect(view.deadlines.map(brief)).toEqual(['DUTY_DUE@2025-07-29T22:00:00.000Z', 'TERM_END@2025-07-29T22:00:00.000Z']);
      expect((await c.agenda()).items.map((item) => [brief(item), item.overdue])).toEqual([
        ['DUTY_DUE(activityReport#1)@2025-07-29T22:00:00.000Z', false],
        ['TERM_END@2025-07-29T22:00:00.000Z', false],
      ]);

      // January 2025: an amendment (art. 4) binds every party; without review rules it may come at any time.
      await c.advanceTo('2025-01-15T10:00:00+01:00');
      const newCoordination = {
        clauses: { ...SPRO_EP_CHATEAUROUX.clauses, '3': 'Coordination : Nelly LETELLIER, Karine NIVET et un conseiller France Travail.' },
      };
      await c.refuseByRule(
        { type: 'AMEND', summary: 'Art. 3: new coordination', signedBy: allIds.slice(1), changes: newCoordination },
        'amendmentSignedByParties',
        /missing: cio-chateauroux/,
      );
      view = await c.send({ type: 'AMEND', summary: 'Art. 3: new coordination', signedBy: allIds, changes: newCoordination });
      expect(view.summary.termsInForce).toMatchObject({ version: 2, summary: 'Art. 3: new coordination' });

      // The day before the term ends: nothing has fired, and an early poke of the term end is refused.
      expect((await c.advanceTo('2025-07-29T12:00:00Z')).fired).toEqual([]);
      await c.refuseByRule({ type: 'TERM_END' }, 'termEndReached', /ends on 2025-07-29T22:00:00.000Z/);

      // The clock passes 30 July 2025: the activity report (not recorded) falls due, the term renews tacitly.
      const renewal = await c.advanceTo('2025-08-01T09:00:00+02:00');
      expect(renewal.fired.map((item) => [item.event, item.dueAt, item.outcome, item.state])).toEqual([
        ['DUTY_DUE', '2025-07-29T22:00:00.000Z', 'applied', 'running.inForce'],
        ['TERM_END', '2025-07-29T22:00:00.000Z', 'applied', 'running.inForce'],
      ]);
      view = await c.view();
      expect(view.state).toBe('running.inForce');
      expect(view.summary.renewals).toBe(1);
      expect(view.summary.currentTerm).toEqual({ number: 2, startsAt: '2025-07-29T22:00:00.000Z', endsAt: '2026-07-29T22:00:00.000Z' });
      // The missed report shows as overdue in the view ...
      expect(view.summary.duties.overdue).toEqual([
        { dutyId: 'activityReport', sequence: 1, dueAt: '2025-07-29T22:00:00.000Z', status: 'overdue' },
      ]);
      expect(view.context.dutyOccurrences[0]).toMatchObject({ sequence: 1, status: 'overdue', overdueAt: '2025-07-29T22:00:00.000Z' });
      expect(view.summary.duties.upcoming).toEqual([
        { dutyId: 'activityReport', sequence: 2, dueAt: '2026-07-29T22:00:00.000Z', status: 'pending' },
      ]);
      // ... while the agenda holds only what is still to fire (year 2 and term 2), none of it overdue.
      const agenda = await c.agenda();
      expect(agenda.now).toBe('2025-08-01T07:00:00.000Z');
      expect(agenda.items.map((item) => [brief(item), item.overdue])).toEqual([
        ['DUTY_DUE(activityReport#2)@2026-07-29T22:00:00.000Z', false],
        ['TERM_END@2026-07-29T22:00:00.000Z', false],
      ]);
      // Late or repeated pokes of spent deadlines are harmless.
      await c.refuseByRule({ type: 'TERM_END' }, 'termEndReached', /ends on 2026-07-29T22:00:00.000Z/);
      await c.refuseByRule({ type: 'DUTY_DUE', dutyId: 'activityReport', sequence: 1 }, 'dutyFallsDue', /already fell due/);
      expect((await t.request('POST', '/api/deadlines/fire-due')).body.fired).toEqual([]);

      // Art. 5: without a formal notice, nobody may denounce.
      await c.advanceTo('2025-10-01T10:00:00+02:00');
      await c.refuseByRule(
        { type: 'DENOUNCE', party: 'cio-chateauroux', reason: 'Breach' },
        'denunciationWithinReviewWindow',
        /only once a formal notice has lapsed/,
      );

      // 6 October 2025: the CIO puts the CCI on formal notice; two months run.
      await c.advanceTo('2025-10-06T10:00:00+02:00');
      view = await c.send({
        type: 'SEND_FORMAL_NOTICE',
        from: 'cio-chateauroux',
        to: 'cci-indre',
        breach: 'No participation in the local coordination nor in the yearly activity report (charter §5).',
        letterReference: '1A 123 456 7890 1',
      });
      expect(view).toMatchObject({ state: 'running.formalNotice', stage: 'delivering' });
      expect(view.summary.formalNotice).toMatchObject({
        from: 'cio-chateauroux',
        to: 'cci-indre',
        sentAt: '2025-10-06T08:00:00.000Z',
        expiresAt: '2025-12-06T09:00:00.000Z',
      });
      expect((await c.agenda()).items.map(brief)).toContain('NOTICE_EXPIRED@2025-12-06T09:00:00.000Z');

      // One month later: the notice still runs; denouncing is refused.
      expect((await c.advance({ advanceBy: 'P1M' })).fired).toEqual([]);
      await c.refuseByRule(
        { type: 'DENOUNCE', party: 'cio-chateauroux', reason: 'No remedy' },
        'noticeLapsed',
        /runs until 2025-12-06T09:00:00.000Z/,
      );

      // Two months after the letter, no remedy: the notice lapses by itself.
      const lapse = await c.advance({ advanceBy: 'P1M' });
      expect(lapse.now).toBe('2025-12-06T09:00:00.000Z');
      expect(lapse.fired.map((item) => [item.event, item.dueAt, item.outcome, item.state])).toEqual([
        ['NOTICE_EXPIRED', '2025-12-06T09:00:00.000Z', 'applied', 'running.formalNotice'],
      ]);
      view = await c.view();
      expect(view.summary.formalNotice.lapsedAt).toBe('2025-12-06T09:00:00.000Z');
      expect((await c.agenda()).items.map((item) => item.event)).not.toContain('NOTICE_EXPIRED');

      // 15 December 2025: the CIO denounces → terminated; the end evaluation is awaited.
      await c.advanceTo('2025-12-15T10:00:00+01:00');
      view = await c.send({ type: 'DENOUNCE', party: 'cio-chateauroux', reason: 'Formal notice of 6 October 2025 left without effect.' });
      expect(view).toMatchObject({ state: 'evaluationAtEnd', stage: 'evaluatedAtEnd' });
      expect(view.summary.ended).toEqual({
        reason: 'terminated',
        at: '2025-12-15T09:00:00.000Z',
        by: 'cio-chateauroux',
        statement: 'Formal notice of 6 October 2025 left without effect.',
      });
      expect(view.context.formalNotices).toEqual([
        expect.objectContaining({ outcome: 'terminated', to: 'cci-indre', closedAt: '2025-12-15T09:00:00.000Z' }),
      ]);
      expect(view.summary.duties.tally).toEqual({ activityReport: { pending: 0, done: 0, doneLate: 0, overdue: 1, cancelled: 1 } });
      expect(view.context.sixMonthEvaluationDue).toBe('2026-06-15T08:00:00.000Z');
      expect(view.deadlines).toEqual([]);
      expect((await c.agenda()).items).toEqual([]);

      // End evaluation; the +6-month evaluation falls due by the clock, then is recorded → closed.
      await c.advanceTo('2026-01-20T14:00:00+01:00');
      view = await c.send({ type: 'RECORD_END_EVALUATION', assessment: 'Network active in year 1; the CCI disengaged in year 2.' });
      expect(view.state).toBe('awaitingSixMonths');
      expect((await c.agenda()).items.map((item) => [brief(item), item.overdue])).toEqual([
        ['SIX_MONTH_EVALUATION_DUE@2026-06-15T08:00:00.000Z', false],
      ]);
      // Not before its date: the +6-month evaluation cannot be recorded nor poked early.
      const tooSoon = await c.refuse({ type: 'RECORD_SIX_MONTH_EVALUATION', assessment: 'Too early' }, 409, 'EVENT_NOT_ACCEPTED');
      expect(tooSoon.detail).toMatch(/accepts SIX_MONTH_EVALUATION_DUE/);
      await c.refuseByRule({ type: 'SIX_MONTH_EVALUATION_DUE' }, 'sixMonthDateReached', /due on 2026-06-15T08:00:00.000Z/);
      const sixMonths = await c.advanceTo('2026-06-20T10:00:00+02:00');
      expect(sixMonths.fired.map((item) => [item.event, item.dueAt, item.state])).toEqual([
        ['SIX_MONTH_EVALUATION_DUE', '2026-06-15T08:00:00.000Z', 'evaluationAtSixMonths'],
      ]);
      view = await c.send({ type: 'RECORD_SIX_MONTH_EVALUATION', assessment: 'Partners now coordinate through the regional SPRO-EP.' });
      expect(view).toMatchObject({ state: 'closed', stage: 'closed', status: 'done', nextEvents: [] });
      expect((await c.advance({ advanceBy: 'P1Y' })).fired).toEqual([]);

      // The history: four deadlines, each fired once by the scheduler at its due instant.
      const history = await c.history();
      expectDeadlinesFiredOnceByScheduler(history, c.fired);
      expect(history.filter((event) => event.actor === 'scheduler').map(brief)).toEqual([
        'DUTY_DUE(activityReport#1)@2025-07-29T22:00:00.000Z',
        'TERM_END@2025-07-29T22:00:00.000Z',
        'NOTICE_EXPIRED@2025-12-06T09:00:00.000Z',
        'SIX_MONTH_EVALUATION_DUE@2026-06-15T08:00:00.000Z',
      ]);
      expectDutyDueAtOccurrenceDates(history, view.context.dutyOccurrences);
      expect(history.filter((event) => event.type === 'SIGN')).toHaveLength(27);
    });
  });

  describe('seed 004: IDF–Acsé partnership, signed 11 July 2008, three years, expired', () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await startTestApp(database, { CLOCK: 'simulated', CLOCK_START: '2008-07-01T10:00:00+02:00', SCHEDULER: 'on' });
    });

    afterAll(async () => {
      await t?.close();
    });

    it('plays committees, anniversaries with one amendment, expiry and both evaluations', async () => {
      const c = new ConventionDriver(t);
      const signatories = ['region-idf', 'acse', 'prefet-idf'];
      await c.create(IDF_ACSE_PARTNERSHIP);
      await c.send({ type: 'OPEN_FOR_SIGNATURE' });

      // 11 July 2008: the Region, the Acsé and the Préfet sign.
      for (const [index, party] of signatories.entries()) {
        await c.advanceTo(`2008-07-11T${10 + index}:00:00+02:00`);
        await c.send({ type: 'SIGN', party });
      }
      let view = await c.view();
      expect(view.state).toBe('running.inForce');
      expect(view.summary.effectiveFrom).toBe('2008-07-10T22:00:00.000Z');
      // No anchor named: the +6-month evaluation counts from the effective date (11 January 2009).
      expect(view.context.sixMonthEvaluationDue).toBe('2009-01-10T23:00:00.000Z');
      expect(view.summary.currentTerm).toEqual({ number: 1, startsAt: '2008-07-10T22:00:00.000Z', endsAt: '2011-07-10T22:00:00.000Z' });
      expect(view.summary.nextAnniversaryAt).toBe('2009-07-10T22:00:00.000Z');
      expect((await c.agenda()).items.map(brief)).toEqual([
        'DUTY_DUE(technicalCommittee#1)@2008-10-10T22:00:00.000Z',
        'DUTY_DUE(steeringCommittee#1)@2009-07-10T22:00:00.000Z',
        'DUTY_DUE(evaluationReport#1)@2009-07-10T22:00:00.000Z',
        'ANNIVERSARY@2009-07-10T22:00:00.000Z',
        'TERM_END@2011-07-10T22:00:00.000Z',
      ]);

      // What the partners do, in time order: a technical committee each quarter but the third
      // (11 January – 11 April 2009), a steering committee each June, two evaluation reports (the second
      // late) and amendment no. 1 in the window of the second anniversary. Before each step the clock is
      // moved to it, and whatever fell due meanwhile fires by itself.
      const amendment = {
        type: 'AMEND',
        summary: 'Avenant n°1 : appel à projets commun annuel (art. 4 bis)',
        signedBy: signatories,
        changes: { clauses: { '4 bis': 'Les signataires lancent chaque année un appel à projets commun.' } },
      };
      type Step = { at: string; body?: Record<string, unknown>; check?: (fired: Fired[]) => Promise<void> };
      const steps: Step[] = [];
      const quarters = [
        ['2008-08-11', '2008-11-11', null, '2009-05-11'],
        ['2009-08-11', '2009-11-11', '2010-02-11', '2010-05-11'],
        ['2010-08-11', '2010-11-11', '2011-02-11', '2011-05-11'],
      ].flat();
      quarters.forEach((date, index) => {
        if (!date) return;
        steps.push({
          at: `${date}T16:00:00Z`,
          body: { type: 'RECORD_COMMITTEE', committee: 'technicalCommittee', date, minutesRef: `CT-${index + 1}` },
        });
      });
      for (const [year, date] of [
        [1, '2009-06-15'],
        [2, '2010-06-17'],
        [3, '2011-06-16'],
      ] as const) {
        steps.push({
          at: `${date}T16:30:00Z`,
          body: { type: 'RECORD_COMMITTEE', committee: 'steeringCommittee', date, minutesRef: `COPIL-${year}` },
        });
      }
      steps.push({
        at: '2009-06-30T10:00:00Z',
        body: { type: 'RECORD_REPORT', report: 'evaluationReport', year: 1, documentRef: 'bilan-eval-2008-2009' },
      });
      steps.push({
        at: '2010-09-15T10:00:00Z',
        body: { type: 'RECORD_REPORT', report: 'evaluationReport', year: 2, documentRef: 'bilan-eval-2009-2010' },
      });

      // 11 May 2009: the second quarter (held) and the third (missed) fell due by themselves on 11 January
      // and 11 April 2009; the missed one shows overdue in the view's summary.
      steps.push({
        at: '2009-05-11T09:00:00+02:00',
        check: async (fired) => {
          expect(fired.map(brief)).toEqual(['DUTY_DUE@2009-01-10T23:00:00.000Z', 'DUTY_DUE@2009-04-10T22:00:00.000Z']);
          const current = await c.view();
          expect(current.summary.duties.overdue).toEqual([
            { dutyId: 'technicalCommittee', sequence: 3, dueAt: '2009-04-10T22:00:00.000Z', status: 'overdue' },
          ]);
          const missed = current.context.dutyOccurrences.find(
            (item: { dutyId: string; sequence: number }) => item.dutyId === 'technicalCommittee' && item.sequence === 3,
          );
          expect(missed).toMatchObject({
            status: 'overdue',
            overdueAt: '2009-04-10T22:00:00.000Z',
            firstDay: '2009-01-11',
            endDay: '2009-04-11',
          });
        },
      });
      // 1 March 2010: the window of the first anniversary closed on 11 August 2009; the next opens on 11 July 2010.
      steps.push({
        at: '2010-03-01T10:00:00+01:00',
        check: async () => {
          const current = await c.view();
          expect(current.summary.reviewWindow).toEqual({
            anniversary: 1,
            opensAt: '2009-07-10T22:00:00.000Z',
            closesAt: '2009-08-10T22:00:00.000Z',
          });
          await c.refuseByRule(
            { ...amendment, summary: 'Avenant hors fenêtre' },
            'amendmentWithinReviewWindow',
            /only in the review window .*next window opens on 2010-07-10T22:00:00.000Z/,
          );
          await c.refuseByRule(
            { type: 'DENOUNCE', party: 'acse', reason: 'Budget' },
            'denunciationWithinReviewWindow',
            /only in the review window/,
          );
        },
      });
      // 20 July 2010, in the window of the second anniversary: not signed by every party it is refused;
      // signed by all three it is adopted as version 2.
      steps.push({
        at: '2010-07-20T10:00:00+02:00',
        check: async (fired) => {
          expect(fired.map(brief)).toContain('ANNIVERSARY@2010-07-10T22:00:00.000Z');
          const current = await c.view();
          expect(current.summary.reviewWindow).toEqual({
            anniversary: 2,
            opensAt: '2010-07-10T22:00:00.000Z',
            closesAt: '2010-08-10T22:00:00.000Z',
          });
          await c.refuseByRule({ ...amendment, signedBy: ['region-idf', 'acse'] }, 'amendmentSignedByParties', /missing: prefet-idf/);
          const amended = await c.send(amendment);
          expect(amended.summary.termsInForce).toMatchObject({
            version: 2,
            adoptedAt: '2010-07-20T08:00:00.000Z',
            summary: amendment.summary,
          });
        },
      });
      steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

      for (const step of steps) {
        const { fired } = await c.advanceTo(step.at);
        expect(fired.filter((item) => item.outcome !== 'applied')).toEqual([]);
        if (step.check) await step.check(fired);
        if (step.body) await c.send(step.body);
      }
      view = await c.view();
      expect(view.context.anniversaries).toBe(2);
      expect(view.summary.duties.overdue).toEqual([
        { dutyId: 'technicalCommittee', sequence: 3, dueAt: '2009-04-10T22:00:00.000Z', status: 'overdue' },
      ]);

      // 11 July 2011: the last occurrences fall due, the third anniversary, then the term ends: expired.
      const expiry = await c.advanceTo('2011-07-11T14:00:00+02:00');
      expect(expiry.fired.map((item) => [item.event, item.dueAt, item.outcome])).toEqual([
        ['DUTY_DUE', '2011-07-10T22:00:00.000Z', 'applied'],
        ['DUTY_DUE', '2011-07-10T22:00:00.000Z', 'applied'],
        ['DUTY_DUE', '2011-07-10T22:00:00.000Z', 'applied'],
        ['ANNIVERSARY', '2011-07-10T22:00:00.000Z', 'applied'],
        ['TERM_END', '2011-07-10T22:00:00.000Z', 'applied'],
      ]);
      expect(expiry.fired.at(-1)?.state).toBe('evaluationAtEnd');
      view = await c.view();
      expect(view).toMatchObject({ state: 'evaluationAtEnd', stage: 'evaluatedAtEnd' });
      expect(view.summary.ended).toEqual({ reason: 'expired', at: '2011-07-10T22:00:00.000Z' });
      expect(view.context.anniversaries).toBe(3);
      expect(view.summary.renewals).toBe(0);
      expect(view.summary.termsInForce.version).toBe(2);
      expect(view.summary.duties.tally).toEqual({
        technicalCommittee: { pending: 0, done: 11, doneLate: 0, overdue: 1, cancelled: 0 },
        steeringCommittee: { pending: 0, done: 3, doneLate: 0, overdue: 0, cancelled: 0 },
        evaluationReport: { pending: 0, done: 1, doneLate: 1, overdue: 1, cancelled: 0 },
      });
      expect(view.summary.duties.upcoming).toEqual([]);
      expect(view.context.sixMonthEvaluationDue).toBe('2009-01-10T23:00:00.000Z');
      expect((await c.agenda()).items).toEqual([]);

      // The third report arrives after the end (late); the end evaluation, the +6-month date long passed.
      await c.advanceTo('2011-09-01T12:00:00+02:00');
      view = await c.send({ type: 'RECORD_REPORT', report: 'evaluationReport', year: 3, documentRef: 'bilan-eval-2010-2011' });
      expect(view.summary.duties.tally.evaluationReport).toEqual({ pending: 0, done: 1, doneLate: 2, overdue: 0, cancelled: 0 });
      await c.advanceTo('2011-10-03T12:00:00+02:00');
      view = await c.send({
        type: 'RECORD_END_EVALUATION',
        assessment: 'Three years of joint action; one technical committee missed.',
        evaluator: 'External evaluator',
      });
      expect(view.state).toBe('evaluationAtSixMonths');
      expect((await c.agenda()).items).toEqual([]);
      await c.advanceTo('2012-01-20T11:00:00+01:00');
      view = await c.send({ type: 'RECORD_SIX_MONTH_EVALUATION', assessment: 'Follow-up partnership under negotiation.' });
      expect(view).toMatchObject({ state: 'closed', stage: 'closed' });

      // The history: every deadline fired once by the scheduler at its due instant.
      const history = await c.history();
      expectDeadlinesFiredOnceByScheduler(history, c.fired);
      expectDutyDueAtOccurrenceDates(history, view.context.dutyOccurrences);
      const count = (type: string, dutyId?: string) =>
        history.filter((event) => event.type === type && (dutyId === undefined || event.payload.dutyId === dutyId)).length;
      expect([
        count('DUTY_DUE', 'technicalCommittee'),
        count('DUTY_DUE', 'steeringCommittee'),
        count('DUTY_DUE', 'evaluationReport'),
      ]).toEqual([12, 3, 3]);
      expect(history.filter((event) => event.type === 'ANNIVERSARY').map((event) => [event.actor, event.at])).toEqual([
        ['scheduler', '2009-07-10T22:00:00.000Z'],
        ['scheduler', '2010-07-10T22:00:00.000Z'],
        ['scheduler', '2011-07-10T22:00:00.000Z'],
      ]);
      expect(history.filter((event) => event.type === 'TERM_END').map((event) => [event.actor, event.at])).toEqual([
        ['scheduler', '2011-07-10T22:00:00.000Z'],
      ]);
      expect(history.filter((event) => event.type === 'SIX_MONTH_EVALUATION_DUE')).toEqual([]);
      expect(history.filter((event) => event.type === 'AMEND')).toHaveLength(1);
    });
  });
});
