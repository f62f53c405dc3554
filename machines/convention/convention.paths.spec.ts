import { initialTransition, transition, type AnyTransitionDefinition } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { createConventionMachine } from './convention.machine';
import type { ConventionContext, ConventionEvent, ConventionInput } from './convention.types';

/**
 * Graph coverage of the convention machine: a context-aware event generator (each deadline event is
 * stamped with the date the context says it falls due) is explored breadth-first by `getShortestPaths`
 * over a finite abstraction of the snapshot. The tests prove that every state is reachable and that
 * every transition (state × event × guarded branch × target) is taken from a reachable snapshot.
 */
const machine = createConventionMachine(parisCalendar);
type Snapshot = ReturnType<typeof machine.transition>;

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

function inForceEvents(snapshot: Snapshot): ConventionEvent[] {
  const { context } = snapshot;
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
  if (snapshot.value === 'inForce') {
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

function eventsFor(snapshot: Snapshot): ConventionEvent[] {
  const { context } = snapshot;
  switch (snapshot.value) {
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
function serializeState(snapshot: Snapshot): string {
  const { context } = snapshot;
  return JSON.stringify({
    value: snapshot.value,
    object: context.terms.object !== undefined,
    signed: context.signatures.map((signature) => signature.party).sort(),
    renewals: context.renewals,
    window: context.reviewWindow !== undefined,
    notice: context.formalNotice ? (context.formalNotice.lapsedAt ? 'lapsed' : 'running') : 'none',
    ended: context.ended?.reason,
    evaluated: context.endEvaluation !== undefined,
  });
}

function label(source: string, eventType: string, definition: AnyTransitionDefinition, index: number): string {
  const target = definition.target?.map((node) => node.key).join(',') ?? `(stays in ${source})`;
  return `${source} --${eventType}[${index}]--> ${target}`;
}

function allTransitions(): Map<AnyTransitionDefinition, string> {
  const transitions = new Map<AnyTransitionDefinition, string>();
  for (const [key, node] of Object.entries(machine.root.states)) {
    for (const [eventType, definitions] of node.transitions) {
      definitions.forEach((definition, index) => transitions.set(definition, label(key, eventType, definition, index)));
    }
  }
  return transitions;
}

function replay(events: readonly ConventionEvent[]): Snapshot {
  let [snapshot] = initialTransition(machine, INPUT);
  for (const event of events) [snapshot] = transition(machine, snapshot, event);
  return snapshot;
}

describe('convention machine paths (xstate/graph)', () => {
  const options = {
    input: INPUT,
    events: (snapshot: Snapshot) => eventsFor(snapshot),
    serializeState: (snapshot: Snapshot) => serializeState(snapshot),
    limit: 20_000,
  };
  const paths = getShortestPaths(machine, options as Parameters<typeof getShortestPaths<typeof machine>>[1]);
  const eventsOf = (path: (typeof paths)[number]) =>
    path.steps.map((step) => step.event).filter((event) => !event.type.startsWith('xstate.')) as ConventionEvent[];
  const reached = paths.map((path) => ({ path, snapshot: replay(eventsOf(path)) }));

  it('gives paths that replay with the pure step into the same abstract state', () => {
    expect(paths.length).toBeGreaterThan(20);
    for (const { path, snapshot } of reached) {
      expect(serializeState(snapshot)).toBe(serializeState(path.state as Snapshot));
    }
  });

  it('generates, in every reachable state, an event for each event type the state accepts', () => {
    for (const { snapshot } of reached) {
      const offered = new Set(eventsFor(snapshot).map((event) => event.type));
      expect([...machine.root.states[snapshot.value as string].ownEvents].filter((type) => !offered.has(type as never))).toEqual([]);
    }
  });

  it('reaches every state of the machine', () => {
    const values = new Set(reached.map(({ snapshot }) => snapshot.value as string));
    expect([...values].sort()).toEqual(Object.keys(machine.root.states).sort());
  });

  it('takes every transition (state × event × guarded branch × target) at least once', () => {
    const expected = allTransitions();
    const taken = new Set<AnyTransitionDefinition>();
    for (const { snapshot } of reached) {
      for (const event of eventsFor(snapshot)) {
        const definitions = machine.getTransitionData(snapshot, event);
        for (const definition of definitions) taken.add(definition);
        const [next] = transition(machine, snapshot, event);
        if (definitions.length > 0) {
          expect(next.value).toBe(definitions[0].target?.[0]?.key ?? snapshot.value);
        } else {
          expect(next).toBe(snapshot);
        }
      }
    }
    const missing = [...expected.entries()].filter(([definition]) => !taken.has(definition)).map(([, text]) => text);
    expect(missing).toEqual([]);
    expect(taken.size).toBe(expected.size);
    expect([...expected.values()].filter((text) => /--(DENOUNCE|TERM_END|SIGN)\[/.test(text))).toEqual([
      'openForSignature --SIGN[0]--> inForce',
      'openForSignature --SIGN[1]--> (stays in openForSignature)',
      'inForce --DENOUNCE[0]--> evaluationAtEnd',
      'inForce --TERM_END[0]--> (stays in inForce)',
      'inForce --TERM_END[1]--> evaluationAtEnd',
      'formalNotice --DENOUNCE[0]--> evaluationAtEnd',
      'formalNotice --DENOUNCE[1]--> evaluationAtEnd',
      'formalNotice --TERM_END[0]--> (stays in formalNotice)',
      'formalNotice --TERM_END[1]--> evaluationAtEnd',
    ]);
  });

  it('ends in each of the three ways: expired, denounced, terminated', () => {
    const reasons = new Set(reached.map(({ snapshot }) => snapshot.context.ended?.reason).filter(Boolean));
    expect([...reasons].sort()).toEqual(['denounced', 'expired', 'terminated']);
  });

  it('reaches closed by the shortest route: open, two signatures, anniversary, denunciation, two evaluations', () => {
    const closed = paths.find((path) => path.state.value === 'closed')!;
    expect(eventsOf(closed).map((event) => event.type)).toEqual([
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
    const terminated = getSimplePaths(machine, {
      ...(options as Parameters<typeof getSimplePaths<typeof machine>>[1]),
      toState: (snapshot) => (snapshot as Snapshot).context.ended?.reason === 'terminated',
    });
    expect(terminated.length).toBeGreaterThan(0);
    for (const path of terminated) {
      const types = path.steps.map((step) => step.event.type);
      expect(types).toContain('SEND_FORMAL_NOTICE');
      expect(types.indexOf('NOTICE_EXPIRED')).toBeLessThan(types.lastIndexOf('DENOUNCE'));
      expect(replay(eventsOf(path)).value).toBe('evaluationAtEnd');
    }
  });
});
