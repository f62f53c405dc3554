import type { AnyMachineSnapshot } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import {
  coverTransitions,
  explore,
  eventsOfPath,
  handledEventTypes,
  labelOf,
  leafKeyOf,
  leafStateIds,
  missingTransitions,
  replayEvents,
  stateIdOf,
  transitionsOf,
} from '../shared/testing/path-coverage';
import { createConventionMachineV2 } from './convention.machine.v2';
import { createConventionMachineV3 } from './convention.machine.v3';
import { missingRenewalRequirements } from './convention.rules';
import type { ConventionContext, ConventionEvent, ConventionInput } from './convention.types';

/**
 * Graph coverage of convention@3 (as convention.paths.spec.ts does for convention@1 and @2): every
 * state reached, every transition taken, its new events and branches included (the renewal that
 * needs the report and the subsidy request, the co-signatory's signature, the registered letter and
 * its receipt). Then convention@2's histories, replayed on convention@3 without its new clauses, end
 * the same.
 */
const T = {
  update: '2024-01-02T09:00:00Z',
  open: '2024-01-05T09:00:00Z',
  signA: '2024-01-12T09:00:00Z',
  signB: '2024-01-15T09:00:00Z',
  midTerm: '2024-06-03T10:00:00Z',
  notice: '2024-09-02T10:00:00Z',
  receipt: '2024-09-05T10:00:00Z',
  remedy: '2024-10-01T10:00:00Z',
  endEvaluationEarly: '2024-01-01T00:00:00Z',
};

const PARTIES = [
  { id: 'a', organisation: 'Org A', representative: { name: 'Ann', title: 'Director' }, role: 'signatory' },
  { id: 'b', organisation: 'Org B', representative: { name: 'Bob', title: 'President' }, role: 'signatory' },
];

// Two parties and a co-signatory; a one-year term renewed once at most, with the year's report and
// subsidy request; a yearly review window; a two-month notice; a quarterly committee and a yearly report. UPDATE_DRAFT supplies the object.
const INPUT: ConventionInput = {
  title: 'Path convention',
  parties: PARTIES,
  coSignatories: [{ id: 'p', organisation: 'Préfecture', representative: { name: 'Pat', title: 'Préfet' }, role: 'co-signatory' }],
  term: { duration: 'P1Y', tacitRenewal: true, maxRenewals: 1, renewalRequires: ['report', 'subsidyRequest'] },
  review: { anniversaryWindow: 'P1M', allows: ['amendment', 'denunciation'] },
  formalNoticePeriod: 'P2M',
  duties: [
    { id: 'tc', kind: 'committee', every: 'P3M' },
    { id: 'report', kind: 'report', every: 'P1Y' },
  ],
};

function firstOpen(context: ConventionContext, dutyId: string) {
  return context.dutyOccurrences.find((item) => item.dutyId === dutyId && !item.record && item.status !== 'cancelled');
}

function runningEvents(snapshot: AnyMachineSnapshot): ConventionEvent[] {
  const context = snapshot.context as ConventionContext;
  const committee = firstOpen(context, 'tc');
  const report = firstOpen(context, 'report');
  const due = context.dutyOccurrences.find((item) => item.deadline !== undefined);
  const windowAt = context.reviewWindow?.opensAt ?? T.midTerm;
  const recordAt = context.currentTerm ? context.currentTerm.startsAt : T.midTerm;
  const events: ConventionEvent[] = [
    { type: 'AMEND', summary: 'Art. 2 changed', signedBy: ['a', 'b'], changes: { clauses: { '2': 'New text' } }, at: windowAt },
    { type: 'AMEND', summary: 'Only a', signedBy: ['a', 'p'], at: windowAt },
    { type: 'RECORD_COMMITTEE', committee: 'tc', date: committee?.firstDay ?? '2024-01-15', minutesRef: 'minutes', at: T.midTerm },
    { type: 'RECORD_REPORT', report: 'report', year: report?.sequence ?? 1, participantsBySex: { F: 2, M: 1 }, at: recordAt },
    { type: 'RECORD_SUBSIDY_REQUEST', reference: 'AIDES', at: recordAt },
    { type: 'DUTY_DUE', dutyId: due?.dutyId ?? 'report', sequence: due?.sequence ?? 1, at: due?.dueAt ?? T.midTerm },
    { type: 'ANNIVERSARY', at: context.nextAnniversaryAt ?? T.midTerm },
    { type: 'TERM_END', at: context.currentTerm?.endsAt ?? T.midTerm },
    { type: 'TERM_END', at: T.midTerm },
    { type: 'DENOUNCE', party: 'a', reason: 'At the anniversary', at: windowAt },
    { type: 'DENOUNCE', party: 'p', reason: 'Not a party', at: windowAt },
  ];
  if (leafKeyOf(snapshot) === 'inForce') {
    events.push(
      { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'No report', letterReference: '1A', at: T.notice },
      { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'No letter', at: T.notice },
    );
  } else {
    const expiresAt = context.formalNotice?.expiresAt ?? T.midTerm;
    events.push(
      { type: 'RECORD_NOTICE_RECEIPT', receivedOn: '2024-09-04', at: T.receipt },
      { type: 'REMEDY', note: 'Report sent', at: T.remedy },
      { type: 'NOTICE_EXPIRED', at: expiresAt },
      { type: 'NOTICE_EXPIRED', at: T.remedy },
      { type: 'DENOUNCE', party: 'b', reason: 'Notice left without effect', at: expiresAt },
    );
  }
  return events;
}

function eventsFor(snapshot: AnyMachineSnapshot): ConventionEvent[] {
  const context = snapshot.context as ConventionContext;
  switch (leafKeyOf(snapshot)) {
    case 'draft':
      return [
        { type: 'UPDATE_DRAFT', object: 'Cooperation', at: T.update },
        { type: 'OPEN_FOR_SIGNATURE', at: T.open },
        { type: 'WITHDRAW', reason: 'Abandoned', at: T.update },
      ];
    case 'openForSignature':
      return [
        { type: 'SIGN', party: 'a', at: T.signA },
        { type: 'SIGN', party: 'b', at: T.signB },
        { type: 'SIGN', party: 'p', at: T.signB },
        { type: 'SIGN', party: 'z', at: T.signB },
        { type: 'WITHDRAW', at: T.signB },
      ];
    case 'inForce':
    case 'formalNotice':
      return runningEvents(snapshot);
    case 'evaluationAtEnd': {
      const report = firstOpen(context, 'report');
      return [
        { type: 'RECORD_REPORT', report: 'report', year: report?.sequence ?? 1, at: context.ended?.at ?? T.midTerm },
        { type: 'RECORD_END_EVALUATION', assessment: 'Useful', at: context.ended?.at ?? T.midTerm },
        { type: 'RECORD_END_EVALUATION', assessment: 'Useful', at: context.sixMonthEvaluationDue ?? T.midTerm },
        { type: 'RECORD_END_EVALUATION', assessment: '', at: context.ended?.at ?? T.midTerm },
      ];
    }
    case 'awaitingSixMonths':
      return [
        { type: 'SIX_MONTH_EVALUATION_DUE', at: T.endEvaluationEarly },
        { type: 'SIX_MONTH_EVALUATION_DUE', at: context.sixMonthEvaluationDue ?? T.midTerm },
      ];
    case 'evaluationAtSixMonths':
      return [
        { type: 'RECORD_SIX_MONTH_EVALUATION', assessment: '', at: context.sixMonthEvaluationDue ?? T.midTerm },
        { type: 'RECORD_SIX_MONTH_EVALUATION', assessment: 'Lasting effects', at: context.sixMonthEvaluationDue ?? T.midTerm },
      ];
    default:
      return [];
  }
}

/** What the guards read, finitely: convention.paths.spec.ts's abstraction, the renewal requirements and the receipt. */
function serializeState(snapshot: AnyMachineSnapshot): string {
  const context = snapshot.context as ConventionContext;
  return JSON.stringify({
    value: stateIdOf(snapshot.value),
    object: context.terms.object !== undefined,
    signed: context.signatures.map((signature) => signature.party).sort(),
    renewals: context.renewals,
    window: context.reviewWindow !== undefined,
    notice: context.formalNotice ? (context.formalNotice.lapsedAt ? 'lapsed' : 'running') : 'none',
    receipt: context.formalNotice?.receivedOn !== undefined,
    missing: missingRenewalRequirements(context),
    reportDue: context.dutyOccurrences.some((item) => item.deadline !== undefined),
    ended: context.ended?.reason,
    unmet: context.ended?.missing?.length ?? 0,
    evaluated: context.endEvaluation !== undefined,
  });
}

const machine = createConventionMachineV3(parisCalendar);
const traversal = (input: ConventionInput) => ({ input, events: eventsFor, serializeState, limit: 40_000 });

describe('convention@3 machine paths (xstate/graph)', () => {
  const explorations = [INPUT, { ...INPUT, sixMonthAnchor: 'end' as const }].map((input) =>
    explore<ConventionEvent>(machine, traversal(input)),
  );
  const reached = explorations.flatMap((exploration) => exploration.reached);

  it('gives paths that replay with the pure step into the same abstract state', () => {
    expect(explorations[0].paths.length).toBeGreaterThan(20);
    for (const { path, snapshot } of reached) expect(serializeState(snapshot)).toBe(serializeState(path.state));
  });

  it('generates, in every reachable state, an event for each event type the state accepts', () => {
    for (const { snapshot } of reached) {
      const offered = new Set<string>(eventsFor(snapshot).map((event) => event.type));
      expect(handledEventTypes(snapshot).filter((type) => !offered.has(type))).toEqual([]);
    }
  });

  it('reaches every state of the machine', () => {
    const values = new Set(reached.map(({ snapshot }) => stateIdOf(snapshot.value)));
    expect([...values].sort()).toEqual(leafStateIds(machine).sort());
  });

  it('takes every transition (state × event × guarded branch × target), the renewal refused for a missing requirement included', () => {
    const coverage = coverTransitions(
      machine,
      reached.map(({ snapshot }) => snapshot),
      eventsFor,
    );
    expect(coverage.inconsistencies).toEqual([]);
    expect(missingTransitions(machine, coverage)).toEqual([]);
    expect(coverage.taken.size).toBe(transitionsOf(machine).length);
    expect(
      transitionsOf(machine)
        .map(labelOf)
        .filter((text) => /--TERM_END\[/.test(text)),
    ).toEqual([
      'running --TERM_END[0]--> (stays in running)',
      'running --TERM_END[1]--> evaluationAtEnd',
      'running --TERM_END[2]--> evaluationAtEnd',
    ]);
  });

  it('expires for an unmet renewal condition, saying what was missing', () => {
    const unmet = reached.map(({ snapshot }) => (snapshot.context as ConventionContext).ended).filter((ended) => ended?.missing);
    expect(unmet.length).toBeGreaterThan(0);
    for (const ended of unmet) expect(ended).toMatchObject({ reason: 'expired', note: expect.stringMatching(/^Not renewed: /) });
  });
});

describe("convention@2's histories replay on convention@3 without its new clauses, to the same states and contexts", () => {
  const v2 = createConventionMachineV2(parisCalendar);
  const input: ConventionInput = {
    title: 'Path convention',
    parties: PARTIES,
    term: { duration: 'P1Y', tacitRenewal: true, maxRenewals: 1 },
    review: { anniversaryWindow: 'P1M', allows: ['amendment', 'denunciation'] },
    formalNoticePeriod: 'P2M',
    duties: [{ id: 'report', kind: 'report', every: 'P1Y' }],
  };
  // convention@2's own events (no co-signatory, no statistics, no subsidy request, no receipt), the
  // letter named as convention@3 requires it.
  const V2_EVENTS = new Set(['RECORD_NOTICE_RECEIPT', 'RECORD_SUBSIDY_REQUEST']);
  const v2Events = (snapshot: AnyMachineSnapshot) =>
    eventsFor(snapshot)
      .filter((event) => !V2_EVENTS.has(event.type) && !('party' in event && event.party === 'p'))
      .filter((event) => !(event.type === 'SEND_FORMAL_NOTICE' && event.letterReference === undefined))
      .filter((event) => !(event.type === 'AMEND' && event.signedBy.includes('p')))
      .map((event) =>
        event.type === 'RECORD_REPORT' ? { type: event.type, report: event.report, year: event.year, at: event.at } : event,
      );
  const { reached } = explore<ConventionEvent>(v2, { input, events: v2Events, serializeState, limit: 40_000 });

  it('reaches the same state with the same context but the new fields, and accepts the same events there', () => {
    expect(reached.length).toBeGreaterThan(20);
    for (const { path } of reached) {
      const events = eventsOfPath(path);
      const two = replayEvents(v2, input, events);
      const three = replayEvents(machine, input, events);
      expect(stateIdOf(three.value)).toBe(stateIdOf(two.value));
      const { coSignatories, subsidyRequests, termReading, renewalWarnings, ...rest } = three.context as ConventionContext;
      expect({ coSignatories, subsidyRequests, renewalWarnings }).toEqual({
        coSignatories: [],
        subsidyRequests: [],
        renewalWarnings: undefined,
      });
      expect(termReading === undefined || termReading === 'twelveMonths').toBe(true);
      // convention@3 keeps the registered letter's reference (letterReference) where convention@2 kept letterRef.
      const strip = (context: ConventionContext) => ({
        ...context,
        formalNotice: context.formalNotice && { ...context.formalNotice, letterRef: undefined },
        formalNotices: context.formalNotices.map((notice) => ({ ...notice, letterRef: undefined })),
      });
      expect(strip(rest as ConventionContext)).toEqual(strip(two.context as ConventionContext));
      for (const event of v2Events(two)) expect({ event, can: three.can(event) }).toEqual({ event, can: two.can(event) });
    }
  });
});
