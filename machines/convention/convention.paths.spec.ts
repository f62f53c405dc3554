import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import { getSimplePaths } from 'xstate/graph';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import {
  coverTransitions,
  eventsOfPath,
  explore,
  handledEventTypes,
  labelOf,
  leafKeyOf,
  leafStateIds,
  missingTransitions,
  replayEvents,
  stateIdOf,
  transitionsOf,
} from '../shared/testing/path-coverage';
import { createConventionMachine } from './convention.machine';
import { createConventionMachineV2 } from './convention.machine.v2';
import type { ConventionContext, ConventionEvent, ConventionInput } from './convention.types';

/**
 * Graph coverage of the convention machines (convention@1 and convention@2): a context-aware event
 * generator (each deadline event is stamped with the date the context says it falls due) is explored
 * breadth-first by `getShortestPaths` over a finite abstraction of the snapshot. The tests prove that
 * every state is reachable and that every transition (state × event × guarded branch × target) is
 * taken from a reachable snapshot. Both versions accept the same events in the same places; states are
 * named by their path (`inForce` in v1, `running.inForce` in v2).
 */
const T = {
  update: '2024-01-02T09:00:00Z',
  open: '2024-01-05T09:00:00Z',
  signA: '2024-01-12T09:00:00Z',
  signB: '2024-01-15T09:00:00Z',
  midTerm: '2024-06-03T10:00:00Z',
  notice: '2024-09-02T10:00:00Z',
  remedy: '2024-10-01T10:00:00Z',
  endEvaluationEarly: '2024-01-01T00:00:00Z',
};

// Two parties, a one-year term renewed once at most, a yearly review window of a month, a two-month
// notice, a quarterly committee and a yearly report. The object is missing: UPDATE_DRAFT supplies it.
const INPUT: ConventionInput = {
  title: 'Path convention',
  parties: [
    { id: 'a', organisation: 'Org A', representative: { name: 'Ann', title: 'Director' }, role: 'signatory' },
    { id: 'b', organisation: 'Org B', representative: { name: 'Bob', title: 'President' }, role: 'signatory' },
  ],
  term: { duration: 'P1Y', tacitRenewal: true, maxRenewals: 1 },
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

function inForceEvents(snapshot: AnyMachineSnapshot): ConventionEvent[] {
  const context = snapshot.context as ConventionContext;
  const committee = firstOpen(context, 'tc');
  const report = firstOpen(context, 'report');
  const due = context.dutyOccurrences.find((item) => item.deadline !== undefined);
  const windowAt = context.reviewWindow?.opensAt ?? T.midTerm;
  const events: ConventionEvent[] = [
    { type: 'AMEND', summary: 'Art. 2 changed', signedBy: ['a', 'b'], changes: { clauses: { '2': 'New text' } }, at: windowAt },
    { type: 'AMEND', summary: 'Only a', signedBy: ['a'], at: windowAt },
    { type: 'RECORD_COMMITTEE', committee: 'tc', date: committee?.firstDay ?? '2024-01-15', minutesRef: 'minutes', at: T.midTerm },
    { type: 'RECORD_REPORT', report: 'report', year: report?.sequence ?? 1, at: T.midTerm },
    { type: 'DUTY_DUE', dutyId: due?.dutyId ?? 'tc', sequence: due?.sequence ?? 1, at: due?.dueAt ?? T.midTerm },
    { type: 'ANNIVERSARY', at: context.nextAnniversaryAt ?? T.midTerm },
    { type: 'TERM_END', at: context.currentTerm?.endsAt ?? T.midTerm },
    { type: 'TERM_END', at: T.midTerm },
    { type: 'DENOUNCE', party: 'a', reason: 'At the anniversary', at: windowAt },
  ];
  if (leafKeyOf(snapshot) === 'inForce') {
    events.push({ type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'No report', at: T.notice });
  } else {
    const expiresAt = context.formalNotice?.expiresAt ?? T.midTerm;
    events.push(
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
        { type: 'SIGN', party: 'z', at: T.signB },
        { type: 'WITHDRAW', at: T.signB },
      ];
    case 'inForce':
    case 'formalNotice':
      return inForceEvents(snapshot);
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

/**
 * A finite abstraction that keeps what the guards read: who signed, renewals used, whether a review
 * window has opened, the notice's stage, and how it ended. Amendments, duties and later anniversaries
 * loop on the same abstract state. Every member of a class accepts the events generated for its
 * representative, so that simple paths (which reach a class by any route) replay too.
 */
function serializeState(snapshot: AnyMachineSnapshot): string {
  const context = snapshot.context as ConventionContext;
  return JSON.stringify({
    value: stateIdOf(snapshot.value),
    object: context.terms.object !== undefined,
    signed: context.signatures.map((signature) => signature.party).sort(),
    renewals: context.renewals,
    window: context.reviewWindow !== undefined,
    notice: context.formalNotice ? (context.formalNotice.lapsedAt ? 'lapsed' : 'running') : 'none',
    ended: context.ended?.reason,
    evaluated: context.endEvaluation !== undefined,
  });
}

const VERSIONS = [
  {
    version: 1,
    machine: createConventionMachine(parisCalendar),
    running: '',
    // convention@1 ignores the anchor: both inputs make the same convention.
    inputs: [INPUT],
    branches: [
      'openForSignature --SIGN[0]--> inForce',
      'openForSignature --SIGN[1]--> (stays in openForSignature)',
      'inForce --DENOUNCE[0]--> evaluationAtEnd',
      'inForce --TERM_END[0]--> (stays in inForce)',
      'inForce --TERM_END[1]--> evaluationAtEnd',
      'formalNotice --DENOUNCE[0]--> evaluationAtEnd',
      'formalNotice --DENOUNCE[1]--> evaluationAtEnd',
      'formalNotice --TERM_END[0]--> (stays in formalNotice)',
      'formalNotice --TERM_END[1]--> evaluationAtEnd',
    ],
  },
  {
    version: 2,
    machine: createConventionMachineV2(parisCalendar),
    running: 'running.',
    // The default anchor (the effective date) and the end: with the first, the +6-month date has always
    // passed when the convention ends, so only the second waits in awaitingSixMonths.
    inputs: [INPUT, { ...INPUT, sixMonthAnchor: 'end' as const }],
    branches: [
      'openForSignature --SIGN[0]--> running',
      'openForSignature --SIGN[1]--> (stays in openForSignature)',
      'running --TERM_END[0]--> (stays in running)',
      'running --TERM_END[1]--> evaluationAtEnd',
      'running.inForce --DENOUNCE[0]--> evaluationAtEnd',
      'running.formalNotice --DENOUNCE[0]--> evaluationAtEnd',
      'running.formalNotice --DENOUNCE[1]--> evaluationAtEnd',
    ],
  },
];

const traversal = (input: ConventionInput) => ({ input, events: eventsFor, serializeState, limit: 20_000 });

describe.each(VERSIONS)('convention@$version machine paths (xstate/graph)', ({ machine, running, inputs, branches }) => {
  const explorations = inputs.map((input) => ({ input, ...explore<ConventionEvent>(machine, traversal(input)) }));
  const { paths } = explorations[0];
  const reached = explorations.flatMap((exploration) => exploration.reached);

  it('gives paths that replay with the pure step into the same abstract state', () => {
    expect(paths.length).toBeGreaterThan(20);
    for (const { path, snapshot } of reached) {
      expect(serializeState(snapshot)).toBe(serializeState(path.state));
    }
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

  it('takes every transition (state × event × guarded branch × target) at least once', () => {
    const coverage = coverTransitions(
      machine,
      reached.map(({ snapshot }) => snapshot),
      eventsFor,
    );
    expect(coverage.inconsistencies).toEqual([]);
    expect(missingTransitions(machine, coverage)).toEqual([]);
    const expected = transitionsOf(machine);
    expect(coverage.taken.size).toBe(expected.length);
    expect(expected.map(labelOf).filter((text) => /--(DENOUNCE|TERM_END|SIGN)\[/.test(text))).toEqual(branches);
  });

  it('ends in each of the three ways: expired, denounced, terminated', () => {
    const reasons = new Set(reached.map(({ snapshot }) => (snapshot.context as ConventionContext).ended?.reason).filter(Boolean));
    expect([...reasons].sort()).toEqual(['denounced', 'expired', 'terminated']);
  });

  it('reaches closed by the shortest route: open, two signatures, anniversary, denunciation, two evaluations', () => {
    const closed = paths.find((path) => path.state.value === 'closed')!;
    expect(eventsOfPath(closed).map((event) => event.type)).toEqual([
      'UPDATE_DRAFT',
      'OPEN_FOR_SIGNATURE',
      'SIGN',
      'SIGN',
      'ANNIVERSARY',
      'DENOUNCE',
      'RECORD_END_EVALUATION',
      'RECORD_SIX_MONTH_EVALUATION',
    ]);
  });

  it('finds simple paths to the termination after a formal notice', () => {
    const terminated = getSimplePaths(machine as AnyStateMachine, {
      ...traversal(INPUT),
      toState: (snapshot) => (snapshot.context as ConventionContext).ended?.reason === 'terminated',
    });
    expect(terminated.length).toBeGreaterThan(0);
    for (const path of terminated) {
      const types = path.steps.map((step) => step.event.type);
      expect(types).toContain('SEND_FORMAL_NOTICE');
      expect(types.indexOf('NOTICE_EXPIRED')).toBeLessThan(types.lastIndexOf('DENOUNCE'));
      expect(replayEvents(machine, INPUT, eventsOfPath(path)).value).toBe('evaluationAtEnd');
    }
  });

  it('puts a formal notice inside the running convention', () => {
    const states = new Set(reached.map(({ snapshot }) => stateIdOf(snapshot.value)));
    expect([...states].filter((state) => state.endsWith('inForce') || state.endsWith('formalNotice')).sort()).toEqual([
      `${running}formalNotice`,
      `${running}inForce`,
    ]);
  });
});

describe('convention@2 behaves as convention@1 on every explored history, but for what v2 changes', () => {
  const [v1, v2] = VERSIONS.map(({ machine }) => machine);
  // With the end anchor convention@2 counts the +6 months as convention@1 does; the anchor itself is kept.
  const input: ConventionInput = { ...INPUT, sixMonthAnchor: 'end' };
  const { reached } = explore<ConventionEvent>(v1, traversal(input));
  const RUNNING = new Set(['inForce', 'formalNotice']);
  const inV2 = (state: string) => (RUNNING.has(state) ? `running.${state}` : state);

  it('reaches the same state with the same context, and accepts and refuses the same events there', () => {
    expect(reached.length).toBeGreaterThan(20);
    for (const { path } of reached) {
      const events = eventsOfPath(path);
      const one = replayEvents(v1, input, events);
      const two = replayEvents(v2, input, events);
      expect(stateIdOf(two.value)).toBe(inV2(stateIdOf(one.value)));
      const { sixMonthAnchor, ...rest } = two.context as ConventionContext;
      expect(sixMonthAnchor).toBe('end');
      expect(rest).toEqual(one.context);
      for (const event of eventsFor(one)) expect({ event, can: two.can(event) }).toEqual({ event, can: one.can(event) });
    }
  });
});
