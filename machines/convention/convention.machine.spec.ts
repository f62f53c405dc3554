import { initialTransition, transition } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { resolveDeadlines, type PendingDeadline, type StateMetaWithDeadlines } from '../shared/deadlines';
import { isSpineStage } from '../shared/spine';
import { createConventionMachine, CONVENTION_KIND, CONVENTION_VERSION, summarizeConvention } from './convention.machine';
import { IDF_ACSE_PARTNERSHIP, SPRO_EP_CHATEAUROUX } from './convention.examples';
import { conventionRules } from './convention.rules';
import type { ConventionEvent, ConventionInput, ConventionParty } from './convention.types';

const machine = createConventionMachine(parisCalendar);
type Snapshot = ReturnType<typeof machine.transition>;
type RuleName = keyof typeof conventionRules;

function start(input: ConventionInput): Snapshot {
  return initialTransition(machine, input)[0];
}

/** Applies an event that must be accepted (some transition is enabled). */
function accept(snapshot: Snapshot, event: ConventionEvent): Snapshot {
  const enabled = machine.getTransitionData(snapshot, event);
  if (enabled.length === 0) {
    throw new Error(`${event.type} at ${event.at} refused in ${String(snapshot.value)}: ${refusals(snapshot, event).join(' | ')}`);
  }
  return transition(machine, snapshot, event)[0];
}

/** The reasons the machine's rules give for an event, for diagnostics. */
function refusals(snapshot: Snapshot, event: ConventionEvent): string[] {
  return Object.entries(conventionRules)
    .map(([name, rule]) => [name, (rule as (c: unknown, e: unknown) => string | undefined)(snapshot.context, event)])
    .filter(([, reason]) => reason !== undefined)
    .map(([name, reason]) => `${name}: ${reason}`);
}

/** The event is refused (no transition), and the named rule says why. */
function expectRefused(snapshot: Snapshot, event: ConventionEvent, rule: RuleName, reason: RegExp): void {
  expect(machine.getTransitionData(snapshot, event)).toHaveLength(0);
  const [next] = transition(machine, snapshot, event);
  expect(next.value).toEqual(snapshot.value);
  expect(next.context).toEqual(snapshot.context);
  expect((conventionRules[rule] as (c: unknown, e: unknown) => string | undefined)(snapshot.context, event)).toMatch(reason);
}

/** What the engine would store as pending deadlines for this snapshot. */
function pendingDeadlines(snapshot: Snapshot): PendingDeadline[] {
  const metas = Object.values(snapshot.getMeta()) as StateMetaWithDeadlines[];
  return metas.flatMap((meta) => resolveDeadlines(meta?.deadlines ?? [], snapshot.context));
}

/**
 * Acts as the scheduler: fires every deadline due at or before `until`, earliest first (ties in
 * declaration order), each stamped with its due time. Returns the snapshot and what was fired.
 */
function fireDue(snapshot: Snapshot, until: string): { snapshot: Snapshot; fired: string[] } {
  const fired: string[] = [];
  let current = snapshot;
  for (;;) {
    const due = pendingDeadlines(current)
      .filter((deadline) => Date.parse(deadline.dueAt) <= Date.parse(until))
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
    if (due.length === 0) return { snapshot: current, fired };
    const [next] = due;
    const event = { type: next.event, at: next.dueAt, ...next.payload } as ConventionEvent;
    current = accept(current, event);
    fired.push(
      `${next.event}${next.payload.dutyId ? `(${next.payload.dutyId as string}#${next.payload.sequence as number})` : ''}@${next.dueAt}`,
    );
    if (fired.length > 500) throw new Error('runaway deadlines');
  }
}

/** Fires the deadlines due by the event's instant, then applies the event. */
function at(snapshot: Snapshot, event: ConventionEvent): Snapshot {
  return accept(fireDue(snapshot, event.at).snapshot, event);
}

function signAll(snapshot: Snapshot, parties: ConventionParty[], instants: (index: number) => string): Snapshot {
  return parties.reduce((current, party, index) => accept(current, { type: 'SIGN', party: party.id, at: instants(index) }), snapshot);
}

const TWO_PARTIES: ConventionParty[] = [
  { id: 'a', organisation: 'Org A', representative: { name: 'Ann', title: 'Director' }, role: 'signatory' },
  { id: 'b', organisation: 'Org B', representative: { name: 'Bob', title: 'President' }, role: 'signatory' },
];

const SMALL: ConventionInput = {
  title: 'Small convention',
  object: 'Testing',
  parties: TWO_PARTIES,
  term: { duration: 'P1Y', tacitRenewal: true, maxRenewals: 1 },
  formalNoticePeriod: 'P2M',
  duties: [{ id: 'tc', kind: 'committee', every: 'P3M' }],
};

/** SMALL signed by both on 15 January 2024 (Paris): effective from 2024-01-14T23:00Z. */
function smallInForce(input: ConventionInput = SMALL): Snapshot {
  let snapshot = accept(start(input), { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-10T09:00:00Z' });
  snapshot = accept(snapshot, { type: 'SIGN', party: 'a', at: '2024-01-12T09:00:00Z' });
  return accept(snapshot, { type: 'SIGN', party: 'b', at: '2024-01-15T09:00:00Z' });
}

describe('convention machine', () => {
  it('is kind convention, version 1, and tags every state with exactly one spine stage', () => {
    expect(CONVENTION_KIND).toBe('convention');
    expect(CONVENTION_VERSION).toBe(1);
    const states = Object.values(machine.root.states);
    expect(states.map((node) => node.key).sort()).toEqual(
      [
        'awaitingSixMonths',
        'closed',
        'draft',
        'evaluationAtEnd',
        'evaluationAtSixMonths',
        'formalNotice',
        'inForce',
        'openForSignature',
        'withdrawn',
      ].sort(),
    );
    for (const node of states) {
      expect(node.tags.filter(isSpineStage)).toHaveLength(1);
      expect(node.tags.every(isSpineStage)).toBe(true);
    }
    expect(machine.root.states.inForce.tags).toEqual(['delivering']);
    expect(machine.root.states.formalNotice.tags).toEqual(['delivering']);
    expect(machine.root.states.openForSignature.tags).toEqual(['published']);
    expect(machine.root.states.withdrawn.tags).toEqual(['closed']);
  });

  describe('seed 003: SPRO-EP Châteauroux, signed 30 July 2024, renewed, formal notice, denounced', () => {
    it('runs the whole lifecycle', () => {
      const parties = SPRO_EP_CHATEAUROUX.parties as ConventionParty[];
      expect(parties).toHaveLength(27);
      let snapshot = start(SPRO_EP_CHATEAUROUX);
      expect(snapshot.value).toBe('draft');
      expect(snapshot.hasTag('draft')).toBe(true);

      snapshot = accept(snapshot, { type: 'OPEN_FOR_SIGNATURE', at: '2024-07-15T09:00:00+02:00' });
      expect(snapshot.value).toBe('openForSignature');

      // The 26 first parties sign over two weeks; the CIO signs last, in Châteauroux, on 30 July 2024.
      const ordered = [...parties.filter((party) => party.id !== 'cio-chateauroux'), parties[0]];
      snapshot = signAll(snapshot, ordered.slice(0, 26), (index) =>
        parisCalendar.addDuration('2024-07-16T08:00:00Z', `P${Math.floor(index / 2)}D`),
      );
      expect(snapshot.value).toBe('openForSignature');
      expect(summarizeConvention(snapshot.context).signatures.awaiting).toEqual(['cio-chateauroux']);
      expectRefused(
        snapshot,
        { type: 'SIGN', party: 'cci-indre', at: '2024-07-29T10:00:00+02:00' },
        'partyHasNotSigned',
        /cci-indre already signed/,
      );
      expectRefused(snapshot, { type: 'SIGN', party: 'mairie-de-tours', at: '2024-07-29T10:00:00+02:00' }, 'signerIsParty', /not a party/);

      snapshot = accept(snapshot, { type: 'SIGN', party: 'cio-chateauroux', at: '2024-07-30T11:00:00+02:00' });
      expect(snapshot.value).toBe('inForce');
      expect(snapshot.hasTag('delivering')).toBe(true);
      // Art. 4: takes effect from its date of signature (the Paris day), for one year.
      expect(snapshot.context.signedAt).toBe('2024-07-30T11:00:00+02:00');
      expect(snapshot.context.effectiveFrom).toBe('2024-07-29T22:00:00.000Z');
      expect(snapshot.context.currentTerm).toEqual({ number: 1, startsAt: '2024-07-29T22:00:00.000Z', endsAt: '2025-07-29T22:00:00.000Z' });
      expect(snapshot.context.nextAnniversaryAt).toBeUndefined();
      expect(snapshot.context.termsVersions).toHaveLength(1);
      expect(snapshot.context.termsVersions[0].signedBy).toHaveLength(27);
      expect(pendingDeadlines(snapshot)).toEqual([
        {
          event: 'DUTY_DUE',
          dueAt: '2025-07-29T22:00:00.000Z',
          payload: { dutyId: 'activityReport', sequence: 1 },
          label: expect.any(String),
        },
        { event: 'TERM_END', dueAt: '2025-07-29T22:00:00.000Z', payload: {}, label: expect.any(String) },
      ]);

      // Art. 4: any change gives rise to an amendment; without review rules it may come at any time.
      const allIds = parties.map((party) => party.id);
      expectRefused(
        snapshot,
        { type: 'AMEND', summary: 'New coordinator', signedBy: allIds.slice(1), changes: {}, at: '2025-01-15T10:00:00+01:00' },
        'amendmentSignedByEveryParty',
        /missing: cio-chateauroux/,
      );
      snapshot = accept(snapshot, {
        type: 'AMEND',
        summary: 'Art. 3: coordination now also by France Travail Indre',
        signedBy: allIds,
        changes: {
          clauses: { ...SPRO_EP_CHATEAUROUX.clauses, '3': 'Coordination : Nelly LETELLIER, Karine NIVET et un conseiller France Travail.' },
        },
        at: '2025-01-15T10:00:00+01:00',
      });
      expect(summarizeConvention(snapshot.context).termsInForce).toMatchObject({
        version: 2,
        summary: 'Art. 3: coordination now also by France Travail Indre',
      });
      expect(snapshot.context.terms.clauses?.['3']).toMatch(/France Travail/);
      expect(snapshot.context.termsVersions[0].terms.clauses?.['3']).toMatch(/^Animation/);

      // Charter §5: the yearly activity report for year 1, before the anniversary.
      snapshot = at(snapshot, {
        type: 'RECORD_REPORT',
        report: 'activityReport',
        year: 1,
        documentRef: 'bilan-2024-2025.pdf',
        at: '2025-07-10T15:00:00+02:00',
      });

      // An early poke of the term end is refused; at the date it renews tacitly.
      expectRefused(snapshot, { type: 'TERM_END', at: '2025-07-29T12:00:00Z' }, 'termEndReached', /ends on 2025-07-29T22:00:00.000Z/);
      const renewal = fireDue(snapshot, '2025-07-30T08:00:00Z');
      expect(renewal.fired).toEqual(['DUTY_DUE(activityReport#1)@2025-07-29T22:00:00.000Z', 'TERM_END@2025-07-29T22:00:00.000Z']);
      snapshot = renewal.snapshot;
      expect(snapshot.value).toBe('inForce');
      expect(snapshot.context.renewals).toBe(1);
      expect(snapshot.context.currentTerm).toEqual({ number: 2, startsAt: '2025-07-29T22:00:00.000Z', endsAt: '2026-07-29T22:00:00.000Z' });
      expect(snapshot.context.dutyOccurrences.map((item) => [item.sequence, item.status])).toEqual([
        [1, 'done'],
        [2, 'pending'],
      ]);
      // A duplicate poke of a spent deadline is harmless.
      expectRefused(snapshot, { type: 'TERM_END', at: '2025-07-29T22:00:00.000Z' }, 'termEndReached', /ends on 2026-07-29/);
      expectRefused(
        snapshot,
        { type: 'DUTY_DUE', dutyId: 'activityReport', sequence: 1, at: '2025-07-29T22:00:00.000Z' },
        'dutyFallsDue',
        /already fell due/,
      );

      // Art. 5: a registered letter of formal notice; two months run.
      expectRefused(
        snapshot,
        { type: 'DENOUNCE', party: 'cio-chateauroux', reason: 'breach', at: '2025-10-01T10:00:00+02:00' },
        'denunciationWithinReviewWindow',
        /only once a formal notice has lapsed/,
      );
      snapshot = at(snapshot, {
        type: 'SEND_FORMAL_NOTICE',
        from: 'cio-chateauroux',
        to: 'cci-indre',
        breach: 'No participation in the local coordination committee nor in the yearly activity report (charter §5).',
        letterRef: '1A 123 456 7890 1',
        at: '2025-10-06T10:00:00+02:00',
      });
      expect(snapshot.value).toBe('formalNotice');
      expect(snapshot.hasTag('delivering')).toBe(true);
      expect(snapshot.context.formalNotice).toMatchObject({
        from: 'cio-chateauroux',
        to: 'cci-indre',
        expiresAt: '2025-12-06T09:00:00.000Z',
      });
      expect(pendingDeadlines(snapshot).map((deadline) => deadline.event)).toEqual(['DUTY_DUE', 'TERM_END', 'NOTICE_EXPIRED']);
      expectRefused(
        snapshot,
        { type: 'DENOUNCE', party: 'cio-chateauroux', reason: 'No remedy', at: '2025-11-20T10:00:00+01:00' },
        'noticeLapsed',
        /runs until 2025-12-06/,
      );
      expectRefused(
        snapshot,
        { type: 'NOTICE_EXPIRED', at: '2025-12-05T10:00:00+01:00' },
        'noticePeriodElapsed',
        /runs until 2025-12-06T09:00:00.000Z/,
      );

      // Two months without remedy: the notice lapses (its deadline is spent), either party may denounce.
      const lapse = fireDue(snapshot, '2025-12-10T00:00:00Z');
      expect(lapse.fired).toEqual(['NOTICE_EXPIRED@2025-12-06T09:00:00.000Z']);
      snapshot = lapse.snapshot;
      expect(snapshot.value).toBe('formalNotice');
      expect(snapshot.context.formalNotice?.lapsedAt).toBe('2025-12-06T09:00:00.000Z');
      expect(pendingDeadlines(snapshot).map((deadline) => deadline.event)).toEqual(['DUTY_DUE', 'TERM_END']);
      expectRefused(snapshot, { type: 'NOTICE_EXPIRED', at: '2025-12-06T09:00:00.000Z' }, 'noticePeriodElapsed', /already lapsed/);

      snapshot = at(snapshot, {
        type: 'DENOUNCE',
        party: 'cio-chateauroux',
        reason: 'Formal notice of 6 October 2025 left without effect.',
        at: '2025-12-15T10:00:00+01:00',
      });
      expect(snapshot.value).toBe('evaluationAtEnd');
      expect(snapshot.hasTag('evaluatedAtEnd')).toBe(true);
      expect(snapshot.context.ended).toEqual({
        reason: 'terminated',
        at: '2025-12-15T10:00:00+01:00',
        by: 'cio-chateauroux',
        statement: 'Formal notice of 6 October 2025 left without effect.',
      });
      expect(snapshot.context.formalNotice).toBeUndefined();
      expect(snapshot.context.formalNotices).toEqual([
        expect.objectContaining({ outcome: 'terminated', to: 'cci-indre', closedAt: '2025-12-15T10:00:00+01:00' }),
      ]);
      // The activity report of year 2 was not yet due: cancelled, not overdue.
      expect(snapshot.context.dutyOccurrences.map((item) => [item.sequence, item.status])).toEqual([
        [1, 'done'],
        [2, 'cancelled'],
      ]);
      expect(snapshot.context.sixMonthEvaluationDue).toBe('2026-06-15T08:00:00.000Z');
      expect(pendingDeadlines(snapshot)).toEqual([]);

      snapshot = at(snapshot, {
        type: 'RECORD_END_EVALUATION',
        assessment: 'Network active in year 1; CCI disengaged in year 2.',
        at: '2026-01-20T14:00:00+01:00',
      });
      expect(snapshot.value).toBe('awaitingSixMonths');
      expect(pendingDeadlines(snapshot)).toEqual([
        { event: 'SIX_MONTH_EVALUATION_DUE', dueAt: '2026-06-15T08:00:00.000Z', payload: {}, label: expect.any(String) },
      ]);
      expectRefused(snapshot, { type: 'SIX_MONTH_EVALUATION_DUE', at: '2026-06-14T08:00:00Z' }, 'sixMonthDateReached', /due on 2026-06-15/);
      snapshot = fireDue(snapshot, '2026-06-15T08:00:00Z').snapshot;
      expect(snapshot.value).toBe('evaluationAtSixMonths');
      expect(snapshot.hasTag('evaluatedAtSixMonths')).toBe(true);
      snapshot = at(snapshot, {
        type: 'RECORD_SIX_MONTH_EVALUATION',
        assessment: 'Partners now coordinate through the regional SPRO-EP.',
        at: '2026-06-20T10:00:00+02:00',
      });
      expect(snapshot.value).toBe('closed');
      expect(snapshot.status).toBe('done');
    });
  });

  describe('seed 004: IDF–Acsé partnership, signed 11 July 2008, three years', () => {
    it('runs committees, anniversaries with one amendment, expiry and evaluations', () => {
      let snapshot = start(IDF_ACSE_PARTNERSHIP);
      snapshot = accept(snapshot, { type: 'OPEN_FOR_SIGNATURE', at: '2008-07-01T10:00:00+02:00' });
      snapshot = accept(snapshot, { type: 'SIGN', party: 'region-idf', at: '2008-07-11T10:00:00+02:00' });
      snapshot = accept(snapshot, { type: 'SIGN', party: 'acse', at: '2008-07-11T11:00:00+02:00' });
      snapshot = accept(snapshot, { type: 'SIGN', party: 'prefet-idf', at: '2008-07-11T12:00:00+02:00' });
      expect(snapshot.value).toBe('inForce');
      expect(snapshot.context.effectiveFrom).toBe('2008-07-10T22:00:00.000Z');
      expect(snapshot.context.currentTerm?.endsAt).toBe('2011-07-10T22:00:00.000Z');
      expect(snapshot.context.nextAnniversaryAt).toBe('2009-07-10T22:00:00.000Z');
      expect(snapshot.context.dutyOccurrences.map((item) => [item.dutyId, item.firstDay, item.endDay])).toEqual([
        ['technicalCommittee', '2008-07-11', '2008-10-11'],
        ['steeringCommittee', '2008-07-11', '2009-07-11'],
        ['evaluationReport', '2008-07-11', '2009-07-11'],
      ]);

      // Manual events in time order; the quarter of 11 January to 11 April 2009 has no technical committee.
      const events: ConventionEvent[] = [];
      for (let quarter = 1; quarter <= 12; quarter += 1) {
        if (quarter === 3) continue;
        const date = parisCalendar.businessDate(parisCalendar.addDuration('2008-07-10T22:00:00.000Z', `P${3 * (quarter - 1) + 1}M`));
        events.push({
          type: 'RECORD_COMMITTEE',
          committee: 'technicalCommittee',
          date,
          minutesRef: `CT-${quarter}`,
          at: `${date}T16:00:00Z`,
        });
      }
      for (const [year, date] of [
        [1, '2009-06-15'],
        [2, '2010-06-17'],
        [3, '2011-06-16'],
      ] as const) {
        events.push({
          type: 'RECORD_COMMITTEE',
          committee: 'steeringCommittee',
          date,
          minutesRef: `COPIL-${year}`,
          at: `${date}T16:30:00Z`,
        });
      }
      events.push({
        type: 'RECORD_REPORT',
        report: 'evaluationReport',
        year: 1,
        documentRef: 'bilan-eval-2008-2009',
        at: '2009-06-30T10:00:00Z',
      });
      events.push({
        type: 'RECORD_REPORT',
        report: 'evaluationReport',
        year: 2,
        documentRef: 'bilan-eval-2009-2010',
        at: '2010-09-15T10:00:00Z',
      });
      events.push({
        type: 'AMEND',
        summary: 'Avenant n°1 : appel à projets commun annuel (art. 4 bis)',
        signedBy: ['region-idf', 'acse', 'prefet-idf'],
        changes: { clauses: { '4 bis': 'Les signataires lancent chaque année un appel à projets commun.' } },
        at: '2010-07-20T10:00:00+02:00',
      });
      events.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));

      let missedQuarterSeen = false;
      for (const event of events) {
        if (event.type === 'AMEND') {
          // Outside the window of the first anniversary (11 July – 11 August 2009) it is refused.
          const before = fireDue(snapshot, '2010-03-01T10:00:00+01:00').snapshot;
          expect(before.context.reviewWindow).toEqual({
            anniversary: 1,
            opensAt: '2009-07-10T22:00:00.000Z',
            closesAt: '2009-08-10T22:00:00.000Z',
          });
          expectRefused(
            before,
            { ...event, at: '2010-03-01T10:00:00+01:00' },
            'amendmentWithinReviewWindow',
            /only in the review window .*next window opens on 2010-07-10T22:00:00.000Z/,
          );
          expectRefused(
            before,
            { type: 'DENOUNCE', party: 'acse', reason: 'Budget', at: '2010-03-01T10:00:00+01:00' },
            'denunciationWithinReviewWindow',
            /only in the review window/,
          );
        }
        snapshot = at(snapshot, event);
        if (!missedQuarterSeen && Date.parse(event.at) > Date.parse('2009-04-11T00:00:00Z')) {
          missedQuarterSeen = true;
          const missed = snapshot.context.dutyOccurrences.find((item) => item.dutyId === 'technicalCommittee' && item.sequence === 3);
          expect(missed).toMatchObject({
            status: 'overdue',
            overdueAt: '2009-04-10T22:00:00.000Z',
            firstDay: '2009-01-11',
            endDay: '2009-04-11',
          });
          expect(summarizeConvention(snapshot.context).duties.overdue).toEqual([
            { dutyId: 'technicalCommittee', sequence: 3, dueAt: '2009-04-10T22:00:00.000Z', status: 'overdue' },
          ]);
        }
      }
      expect(snapshot.context.anniversaries).toBe(2);
      expect(snapshot.context.termsVersions.map((version) => version.version)).toEqual([1, 2]);
      expect(snapshot.context.termsVersions[1].adoptedAt).toBe('2010-07-20T10:00:00+02:00');

      // 11 July 2011: the last quarter and year fall due, the third anniversary, then the term: it expires.
      const expiry = fireDue(snapshot, '2011-07-11T12:00:00Z');
      expect(expiry.fired).toEqual([
        'DUTY_DUE(steeringCommittee#3)@2011-07-10T22:00:00.000Z',
        'DUTY_DUE(evaluationReport#3)@2011-07-10T22:00:00.000Z',
        'DUTY_DUE(technicalCommittee#12)@2011-07-10T22:00:00.000Z',
        'ANNIVERSARY@2011-07-10T22:00:00.000Z',
        'TERM_END@2011-07-10T22:00:00.000Z',
      ]);
      snapshot = expiry.snapshot;
      expect(snapshot.value).toBe('evaluationAtEnd');
      expect(snapshot.context.anniversaries).toBe(3);
      expect(snapshot.context.ended).toEqual({ reason: 'expired', at: '2011-07-10T22:00:00.000Z' });
      expect(snapshot.context.renewals).toBe(0);

      const summary = summarizeConvention(snapshot.context);
      expect(summary.termsInForce?.version).toBe(2);
      expect(summary.termsInForce?.terms.clauses).toEqual({ '4 bis': 'Les signataires lancent chaque année un appel à projets commun.' });
      expect(summary.duties.tally).toEqual({
        technicalCommittee: { pending: 0, done: 11, doneLate: 0, overdue: 1, cancelled: 0 },
        steeringCommittee: { pending: 0, done: 3, doneLate: 0, overdue: 0, cancelled: 0 },
        evaluationReport: { pending: 0, done: 1, doneLate: 1, overdue: 1, cancelled: 0 },
      });
      expect(summary.duties.upcoming).toEqual([]);
      expect(snapshot.context.sixMonthEvaluationDue).toBe('2012-01-10T23:00:00.000Z');

      // The third evaluation report arrives after the end: recorded, late.
      snapshot = at(snapshot, { type: 'RECORD_REPORT', report: 'evaluationReport', year: 3, at: '2011-09-01T10:00:00Z' });
      expect(snapshot.context.dutyOccurrences.find((item) => item.dutyId === 'evaluationReport' && item.sequence === 3)).toMatchObject({
        status: 'doneLate',
        overdueAt: '2011-07-10T22:00:00.000Z',
      });
      snapshot = at(snapshot, {
        type: 'RECORD_END_EVALUATION',
        assessment: 'Three years of joint action; one technical committee missed.',
        evaluator: 'External evaluator',
        at: '2011-10-03T10:00:00Z',
      });
      expect(snapshot.value).toBe('awaitingSixMonths');
      snapshot = fireDue(snapshot, '2012-01-11T00:00:00Z').snapshot;
      expect(snapshot.value).toBe('evaluationAtSixMonths');
      snapshot = at(snapshot, {
        type: 'RECORD_SIX_MONTH_EVALUATION',
        assessment: 'Follow-up partnership under negotiation.',
        at: '2012-01-20T10:00:00Z',
      });
      expect(snapshot.value).toBe('closed');
    });
  });

  describe('drafting and signature', () => {
    it('merges draft updates and refuses to open an incomplete draft', () => {
      let snapshot = start({ title: 'Draft', parties: [TWO_PARTIES[0]] });
      expectRefused(
        snapshot,
        { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-01T09:00:00Z' },
        'partiesAreValid',
        /2 to 30 parties \(there are 1\)/,
      );
      snapshot = accept(snapshot, { type: 'UPDATE_DRAFT', parties: TWO_PARTIES, object: 'Testing', at: '2024-01-02T09:00:00Z' });
      expect(snapshot.context.terms).toEqual({ title: 'Draft', object: 'Testing' });
      expectRefused(snapshot, { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-03T09:00:00Z' }, 'termsAreComplete', /a term/);
      snapshot = accept(snapshot, { type: 'UPDATE_DRAFT', term: { duration: 'P2Y', tacitRenewal: false }, at: '2024-01-04T09:00:00Z' });
      snapshot = accept(snapshot, { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-05T09:00:00Z' });
      expect(snapshot.value).toBe('openForSignature');
      expect(snapshot.context.openedForSignatureAt).toBe('2024-01-05T09:00:00Z');
      // The text is frozen once opened for signature.
      expect(machine.getTransitionData(snapshot, { type: 'UPDATE_DRAFT', title: 'Other', at: '2024-01-06T09:00:00Z' })).toHaveLength(0);
    });

    it('can be withdrawn before it is in force, not after', () => {
      const draft = accept(start(SMALL), { type: 'WITHDRAW', reason: 'Project abandoned', at: '2024-01-02T09:00:00Z' });
      expect(draft.value).toBe('withdrawn');
      expect(draft.hasTag('closed')).toBe(true);
      expect(draft.context.withdrawal).toEqual({ at: '2024-01-02T09:00:00Z', reason: 'Project abandoned' });
      const open = accept(start(SMALL), { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-10T09:00:00Z' });
      expect(accept(open, { type: 'WITHDRAW', at: '2024-01-11T09:00:00Z' }).value).toBe('withdrawn');
      expect(machine.getTransitionData(smallInForce(), { type: 'WITHDRAW', at: '2024-02-01T09:00:00Z' })).toHaveLength(0);
    });

    it('takes effect at a stated later effective date, not at an earlier one', () => {
      const later = smallInForce({ ...SMALL, effectiveDate: '2024-03-01' });
      expect(later.context.effectiveFrom).toBe('2024-02-29T23:00:00.000Z');
      expect(later.context.currentTerm?.endsAt).toBe('2025-02-28T23:00:00.000Z');
      expect(later.context.dutyOccurrences[0]).toMatchObject({
        firstDay: '2024-03-01',
        endDay: '2024-06-01',
        dueAt: '2024-05-31T22:00:00.000Z',
      });
      const earlier = smallInForce({ ...SMALL, effectiveDate: '2023-06-01' });
      expect(earlier.context.effectiveFrom).toBe('2024-01-14T23:00:00.000Z');
    });
  });

  describe('terms and renewal', () => {
    it('renews at most maxRenewals times, then expires at the end of the term', () => {
      let snapshot = smallInForce();
      snapshot = fireDue(snapshot, '2025-01-15T00:00:00Z').snapshot;
      expect(snapshot.context.renewals).toBe(1);
      expect(snapshot.context.currentTerm).toMatchObject({ number: 2, endsAt: '2026-01-14T23:00:00.000Z' });
      const late = accept(snapshot, { type: 'TERM_END', at: '2026-01-20T10:00:00Z' });
      expect(late.value).toBe('evaluationAtEnd');
      // A late poke still ends the convention at the end of its term.
      expect(late.context.ended).toEqual({ reason: 'expired', at: '2026-01-14T23:00:00.000Z' });
      expect(late.context.sixMonthEvaluationDue).toBe('2026-07-14T22:00:00.000Z');
    });

    it('renews or expires while a formal notice runs, closing the notice on expiry', () => {
      const noRenewal = { ...SMALL, term: { duration: 'P1Y', tacitRenewal: false } };
      let snapshot = accept(smallInForce(noRenewal), {
        type: 'SEND_FORMAL_NOTICE',
        from: 'a',
        to: 'b',
        breach: 'Late',
        at: '2024-12-01T10:00:00Z',
      });
      snapshot = accept(snapshot, { type: 'TERM_END', at: '2025-01-14T23:00:00.000Z' });
      expect(snapshot.value).toBe('evaluationAtEnd');
      expect(snapshot.context.formalNotices).toEqual([
        expect.objectContaining({ outcome: 'expired', closedAt: '2025-01-14T23:00:00.000Z' }),
      ]);

      let renewing = accept(smallInForce(), { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'Late', at: '2024-12-01T10:00:00Z' });
      renewing = accept(renewing, { type: 'TERM_END', at: '2025-01-14T23:00:00.000Z' });
      expect(renewing.value).toBe('formalNotice');
      expect(renewing.context.renewals).toBe(1);
    });
  });

  describe('formal notice', () => {
    it('returns to force on remedy and keeps the notice in the history', () => {
      let snapshot = smallInForce();
      expectRefused(
        snapshot,
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'a', breach: 'x', at: '2024-03-01T10:00:00Z' },
        'formalNoticeIsValid',
        /itself/,
      );
      snapshot = accept(snapshot, { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'No report', at: '2024-03-01T10:00:00Z' });
      expect(snapshot.context.formalNotice?.expiresAt).toBe('2024-05-01T09:00:00.000Z');
      snapshot = accept(snapshot, { type: 'REMEDY', note: 'Report sent', at: '2024-04-02T10:00:00Z' });
      expect(snapshot.value).toBe('inForce');
      expect(snapshot.context.formalNotice).toBeUndefined();
      expect(snapshot.context.formalNotices).toEqual([
        expect.objectContaining({ from: 'a', to: 'b', outcome: 'remedied', closedAt: '2024-04-02T10:00:00Z', note: 'Report sent' }),
      ]);
      expect(snapshot.context.formalNotices[0].deadline).toBeUndefined();
      expect(pendingDeadlines(snapshot).map((deadline) => deadline.event)).not.toContain('NOTICE_EXPIRED');
    });

    it('is refused when the convention has no formal notice clause', () => {
      const { formalNoticePeriod: _none, ...withoutClause } = SMALL;
      expectRefused(
        smallInForce(withoutClause),
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'x', at: '2024-03-01T10:00:00Z' },
        'noticeClauseExists',
        /no formal notice clause/,
      );
    });
  });

  describe('anniversary review', () => {
    const WITH_REVIEW: ConventionInput = {
      ...SMALL,
      term: { duration: 'P3Y', tacitRenewal: false },
      review: { anniversaryWindow: 'P1M', allows: ['denunciation'] },
    };

    it('opens a window at each anniversary, refusing early and duplicate pokes', () => {
      let snapshot = smallInForce(WITH_REVIEW);
      expectRefused(
        snapshot,
        { type: 'ANNIVERSARY', at: '2025-01-10T00:00:00Z' },
        'anniversaryReached',
        /next anniversary is on 2025-01-14T23:00:00.000Z/,
      );
      snapshot = accept(snapshot, { type: 'ANNIVERSARY', at: '2025-01-14T23:00:00.000Z' });
      expect(snapshot.context.reviewWindow).toEqual({
        anniversary: 1,
        opensAt: '2025-01-14T23:00:00.000Z',
        closesAt: '2025-02-14T23:00:00.000Z',
      });
      expect(snapshot.context.nextAnniversaryAt).toBe('2026-01-14T23:00:00.000Z');
      expectRefused(snapshot, { type: 'ANNIVERSARY', at: '2025-01-14T23:00:00.000Z' }, 'anniversaryReached', /2026-01-14/);
      // This review allows denunciation but not amendment.
      expectRefused(
        snapshot,
        { type: 'AMEND', summary: 's', signedBy: ['a', 'b'], at: '2025-01-20T10:00:00Z' },
        'amendmentWithinReviewWindow',
        /does not allow amendment/,
      );
      const denounced = accept(snapshot, { type: 'DENOUNCE', party: 'b', reason: 'Priorities changed', at: '2025-01-20T10:00:00Z' });
      expect(denounced.value).toBe('evaluationAtEnd');
      expect(denounced.context.ended).toEqual({
        reason: 'denounced',
        at: '2025-01-20T10:00:00Z',
        by: 'b',
        statement: 'Priorities changed',
      });
      expect(denounced.context.nextAnniversaryAt).toBeUndefined();
      expectRefused(
        snapshot,
        { type: 'DENOUNCE', party: 'b', reason: 'Too late', at: '2025-02-15T10:00:00Z' },
        'denunciationWithinReviewWindow',
        /only in the review window/,
      );
    });

    it('lets a party denounce at the anniversary while a formal notice runs', () => {
      let snapshot = smallInForce(WITH_REVIEW);
      snapshot = accept(snapshot, { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'x', at: '2024-12-20T10:00:00Z' });
      snapshot = accept(snapshot, { type: 'ANNIVERSARY', at: '2025-01-14T23:00:00.000Z' });
      snapshot = accept(snapshot, { type: 'DENOUNCE', party: 'a', reason: 'At the anniversary', at: '2025-01-16T10:00:00Z' });
      expect(snapshot.context.ended?.reason).toBe('denounced');
      expect(snapshot.context.formalNotices[0].outcome).toBe('denounced');
    });
  });

  describe('amendments', () => {
    it('reschedules changed duties, recomputes the current term and starts anniversaries when review is added', () => {
      let snapshot = smallInForce();
      snapshot = accept(snapshot, {
        type: 'RECORD_COMMITTEE',
        committee: 'tc',
        date: '2024-02-10',
        minutesRef: 'm1',
        at: '2024-02-10T17:00:00Z',
      });
      snapshot = accept(snapshot, {
        type: 'AMEND',
        summary: 'Two-year term, committee twice a year, yearly report, anniversary review',
        signedBy: ['b', 'a'],
        changes: {
          term: { duration: 'P2Y', tacitRenewal: false },
          duties: [
            { id: 'tc', kind: 'committee', every: 'P6M' },
            { id: 'report', kind: 'report', every: 'P1Y' },
          ],
          review: { anniversaryWindow: 'P2M', allows: ['amendment', 'denunciation'] },
        },
        at: '2024-03-05T10:00:00Z',
      });
      expect(snapshot.context.termsVersions.map((version) => version.version)).toEqual([1, 2]);
      expect(snapshot.context.currentTerm).toEqual({ number: 1, startsAt: '2024-01-14T23:00:00.000Z', endsAt: '2026-01-14T23:00:00.000Z' });
      expect(snapshot.context.nextAnniversaryAt).toBe('2025-01-14T23:00:00.000Z');
      expect(snapshot.context.anniversaries).toBe(0);
      const schedule = snapshot.context.dutyOccurrences.map((item) => [
        item.dutyId,
        item.sequence,
        item.status,
        item.firstDay,
        item.endDay,
        item.deadline !== undefined,
      ]);
      expect(schedule).toEqual([
        ['tc', 1, 'done', '2024-01-15', '2024-04-15', false],
        ['tc', 2, 'pending', '2024-03-05', '2024-09-05', true],
        ['report', 1, 'pending', '2024-03-05', '2025-03-05', true],
      ]);
      // Now that review rules exist, further amendments wait for the anniversary window.
      expectRefused(
        snapshot,
        { type: 'AMEND', summary: 'More', signedBy: ['a', 'b'], at: '2024-06-01T10:00:00Z' },
        'amendmentWithinReviewWindow',
        /review window/,
      );
    });

    it('ends the current term at the amendment when shortened into the past', () => {
      let snapshot = smallInForce();
      snapshot = accept(snapshot, {
        type: 'AMEND',
        summary: 'End early',
        signedBy: ['a', 'b'],
        changes: { term: { duration: 'P1M', tacitRenewal: false } },
        at: '2024-06-01T10:00:00Z',
      });
      expect(snapshot.context.currentTerm?.endsAt).toBe('2024-06-01T10:00:00Z');
      snapshot = fireDue(snapshot, '2024-06-01T10:00:00Z').snapshot;
      expect(snapshot.value).toBe('evaluationAtEnd');
      expect(snapshot.context.ended).toEqual({ reason: 'expired', at: '2024-06-01T10:00:00Z' });
    });

    it('refuses an amendment that would leave invalid terms', () => {
      expectRefused(
        smallInForce(),
        { type: 'AMEND', summary: 'Bad', signedBy: ['a', 'b'], changes: { formalNoticePeriod: 'two months' }, at: '2024-06-01T10:00:00Z' },
        'amendmentIsValid',
        /formal notice period/,
      );
    });
  });

  describe('duties', () => {
    it('marks an unrecorded occurrence overdue, records a late meeting as late and schedules the next', () => {
      let snapshot = smallInForce();
      expectRefused(
        snapshot,
        { type: 'DUTY_DUE', dutyId: 'tc', sequence: 1, at: '2024-04-01T00:00:00Z' },
        'dutyFallsDue',
        /falls due on 2024-04-14T22:00:00.000Z/,
      );
      snapshot = fireDue(snapshot, '2024-04-20T00:00:00Z').snapshot;
      expect(snapshot.context.dutyOccurrences.map((item) => [item.sequence, item.status, item.dueAt])).toEqual([
        [1, 'overdue', '2024-04-14T22:00:00.000Z'],
        [2, 'pending', '2024-07-14T22:00:00.000Z'],
      ]);
      // The meeting held on 10 April, recorded after its quarter fell due: late.
      snapshot = accept(snapshot, {
        type: 'RECORD_COMMITTEE',
        committee: 'tc',
        date: '2024-04-10',
        minutesRef: 'm1',
        at: '2024-04-20T10:00:00Z',
      });
      expect(snapshot.context.dutyOccurrences[0]).toMatchObject({
        status: 'doneLate',
        overdueAt: '2024-04-14T22:00:00.000Z',
        record: { date: '2024-04-10', ref: 'm1' },
      });
      // The meeting of 16 April belongs to the second quarter: on time.
      snapshot = accept(snapshot, {
        type: 'RECORD_COMMITTEE',
        committee: 'tc',
        date: '2024-04-16',
        minutesRef: 'm2',
        at: '2024-04-20T11:00:00Z',
      });
      expect(snapshot.context.dutyOccurrences[1].status).toBe('done');
      expectRefused(
        snapshot,
        { type: 'RECORD_COMMITTEE', committee: 'tc', date: '2024-05-16', minutesRef: 'm3', at: '2024-05-20T11:00:00Z' },
        'committeeRecordIsValid',
        /already recorded/,
      );
    });

    it('keeps computing periods from the anchor, without month-end drift', () => {
      let snapshot = accept(start({ ...SMALL, effectiveDate: '2024-08-31' }), { type: 'OPEN_FOR_SIGNATURE', at: '2024-08-01T09:00:00Z' });
      snapshot = accept(snapshot, { type: 'SIGN', party: 'a', at: '2024-08-02T09:00:00Z' });
      snapshot = accept(snapshot, { type: 'SIGN', party: 'b', at: '2024-08-02T10:00:00Z' });
      snapshot = fireDue(snapshot, '2025-06-01T00:00:00Z').snapshot;
      expect(snapshot.context.dutyOccurrences.map((item) => item.endDay)).toEqual(['2024-11-30', '2025-02-28', '2025-05-31', '2025-08-31']);
    });
  });

  describe('evaluations', () => {
    it('goes straight to the +6-month evaluation when its date has passed at the end evaluation', () => {
      let snapshot = accept(smallInForce(), { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'x', at: '2024-03-01T10:00:00Z' });
      snapshot = fireDue(snapshot, '2024-05-02T00:00:00Z').snapshot;
      snapshot = accept(snapshot, { type: 'DENOUNCE', party: 'b', reason: 'No remedy', at: '2024-05-03T10:00:00Z' });
      expect(snapshot.context.ended?.reason).toBe('terminated');
      expectRefused(
        snapshot,
        { type: 'RECORD_END_EVALUATION', assessment: ' ', at: '2024-06-01T10:00:00Z' },
        'evaluationHasAssessment',
        /assessment/,
      );
      snapshot = accept(snapshot, { type: 'RECORD_END_EVALUATION', assessment: 'Late evaluation', at: '2024-12-01T10:00:00Z' });
      expect(snapshot.value).toBe('evaluationAtSixMonths');
      expect(snapshot.context.endEvaluation).toEqual({ assessment: 'Late evaluation', recordedAt: '2024-12-01T10:00:00Z' });
    });
  });
});
