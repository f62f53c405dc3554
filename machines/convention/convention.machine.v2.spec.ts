import { getNextTransitions, initialTransition, transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { resolveDeadlines, type PendingDeadline, type StateMetaWithDeadlines } from '../shared/deadlines';
import { isSpineStage } from '../shared/spine';
import { leafStateIds, stateIdOf, stateNodesOf, transitionsOf } from '../shared/testing/path-coverage';
import { SPRO_EP_CHATEAUROUX } from './convention.examples';
import { CONVENTION_KIND, createConventionMachine } from './convention.machine';
import { CONVENTION_VERSION_2, createConventionMachineV2 } from './convention.machine.v2';
import type { ConventionEvent, ConventionInput } from './convention.types';

const machine = createConventionMachineV2(parisCalendar);
const v1 = createConventionMachine(parisCalendar);

function run(target: AnyStateMachine, input: ConventionInput, events: ConventionEvent[]): AnyMachineSnapshot {
  let [snapshot] = initialTransition(target, input);
  for (const event of events) {
    expect({ event, can: snapshot.can(event) }).toEqual({ event, can: true });
    [snapshot] = transition(target, snapshot, event);
  }
  return snapshot;
}

/** What the engine stores as pending deadlines: the active states' declarations, ancestors first. */
function pendingDeadlines(snapshot: AnyMachineSnapshot): PendingDeadline[] {
  const metas = Object.values(snapshot.getMeta()) as StateMetaWithDeadlines[];
  return metas.flatMap((meta) => resolveDeadlines(meta?.deadlines ?? [], snapshot.context));
}

const PARTIES = [
  { id: 'a', organisation: 'Org A', representative: { name: 'Ann', title: 'Director' }, role: 'signatory' },
  { id: 'b', organisation: 'Org B', representative: { name: 'Bob', title: 'President' }, role: 'signatory' },
];

/** A review at each anniversary (004 art. 10), a notice clause (003 art. 5), a yearly report: every deadline at once. */
const REVIEWED: ConventionInput = {
  title: 'Reviewed convention',
  object: 'Testing',
  parties: PARTIES,
  term: { duration: 'P1Y', tacitRenewal: true },
  review: { anniversaryWindow: 'P1M', allows: ['amendment', 'denunciation'] },
  formalNoticePeriod: 'P2M',
  duties: [{ id: 'report', kind: 'report', every: 'P1Y' }],
};
const IN_FORCE: ConventionEvent[] = [
  { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-10T09:00:00Z' },
  { type: 'SIGN', party: 'a', at: '2024-01-12T09:00:00Z' },
  { type: 'SIGN', party: 'b', at: '2024-01-15T09:00:00Z' },
];

describe('convention@2 machine', () => {
  it('is version 2 of the convention kind', () => {
    expect(machine.id).toBe(CONVENTION_KIND);
    expect(CONVENTION_VERSION_2).toBe(2);
  });

  describe('structure', () => {
    it('groups inForce and formalNotice under `running`', () => {
      expect(Object.keys(machine.root.states)).toEqual([
        'draft',
        'openForSignature',
        'running',
        'evaluationAtEnd',
        'awaitingSixMonths',
        'evaluationAtSixMonths',
        'closed',
        'withdrawn',
      ]);
      expect(Object.keys(machine.root.states.running.states)).toEqual(['inForce', 'formalNotice']);
      expect(leafStateIds(machine)).toContain('running.formalNotice');
    });

    it('tags every state a convention rests in with exactly one spine stage, and `running` with none', () => {
      for (const id of leafStateIds(machine)) {
        const tags = machine.getStateNodeById(`${CONVENTION_KIND}.${id}`).tags;
        expect({ id, tags: tags.length, spine: tags.every(isSpineStage) }).toEqual({ id, tags: 1, spine: true });
      }
      expect(machine.root.states.running.tags).toEqual([]);
      expect(machine.root.states.running.states.formalNotice.tags).toEqual(['delivering']);
    });

    it('declares what a running convention does once, on `running`; each state keeps only its own transitions', () => {
      const bySource = (source: string) => [
        ...new Set(
          transitionsOf(machine)
            .filter((entry) => entry.source === source)
            .map((entry) => entry.eventType),
        ),
      ];
      expect(bySource('running')).toEqual(['RECORD_COMMITTEE', 'RECORD_REPORT', 'DUTY_DUE', 'ANNIVERSARY', 'TERM_END']);
      expect(bySource('running.inForce')).toEqual(['AMEND', 'SEND_FORMAL_NOTICE', 'DENOUNCE']);
      expect(bySource('running.formalNotice')).toEqual(['REMEDY', 'NOTICE_EXPIRED', 'DENOUNCE']);
    });

    it('declares the shared deadlines on `running` and NOTICE_EXPIRED on formalNotice', () => {
      const declared = stateNodesOf(machine)
        .filter((node) => (node.meta as StateMetaWithDeadlines | undefined)?.deadlines?.length)
        .map((node) => [node.path.join('.'), (node.meta as StateMetaWithDeadlines).deadlines!.map((d) => d.event)]);
      expect(declared).toEqual([
        ['running', ['DUTY_DUE', 'ANNIVERSARY', 'TERM_END']],
        ['running.formalNotice', ['NOTICE_EXPIRED']],
        ['awaitingSixMonths', ['SIX_MONTH_EVALUATION_DUE']],
      ]);
    });

    it('offers the same next events as convention@1 in force and under notice, in the same order (what the API lists)', () => {
      const nextEvents = (snapshot: AnyMachineSnapshot) => [...new Set(getNextTransitions(snapshot).map((entry) => entry.eventType))];
      const underNotice: ConventionEvent[] = [
        ...IN_FORCE,
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'Late report', at: '2024-03-01T10:00:00Z' },
      ];
      for (const events of [IN_FORCE, underNotice]) {
        expect(nextEvents(run(machine, REVIEWED, events))).toEqual(nextEvents(run(v1, REVIEWED, events)));
      }
      expect(nextEvents(run(machine, REVIEWED, underNotice))).toEqual([
        'REMEDY',
        'NOTICE_EXPIRED',
        'DENOUNCE',
        'RECORD_COMMITTEE',
        'RECORD_REPORT',
        'DUTY_DUE',
        'ANNIVERSARY',
        'TERM_END',
      ]);
    });
  });

  describe('deadlines', () => {
    it('keeps convention@1 order for same-instant deadlines under formal notice: duties, anniversary, term end, notice', () => {
      const events: ConventionEvent[] = [
        ...IN_FORCE,
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'Late report', at: '2024-03-01T10:00:00Z' },
      ];
      const two = run(machine, REVIEWED, events);
      expect(stateIdOf(two.value)).toBe('running.formalNotice');
      const expected = pendingDeadlines(run(v1, REVIEWED, events));
      expect(expected.map((deadline) => deadline.event)).toEqual(['DUTY_DUE', 'ANNIVERSARY', 'TERM_END', 'NOTICE_EXPIRED']);
      expect(pendingDeadlines(two)).toEqual(expected);
    });

    it('declares the shared deadlines in force, as convention@1 does', () => {
      const two = run(machine, REVIEWED, IN_FORCE);
      expect(stateIdOf(two.value)).toBe('running.inForce');
      expect(pendingDeadlines(two)).toEqual(pendingDeadlines(run(v1, REVIEWED, IN_FORCE)));
      expect(pendingDeadlines(two).map((deadline) => deadline.event)).toEqual(['DUTY_DUE', 'ANNIVERSARY', 'TERM_END']);
    });
  });

  describe('seed 003 (SPRO-EP Châteauroux): signed on 30 July 2024, terminated after a formal notice', () => {
    const parties = SPRO_EP_CHATEAUROUX.parties!;
    const events = (): ConventionEvent[] => [
      { type: 'OPEN_FOR_SIGNATURE', at: '2024-07-15T09:00:00Z' },
      ...parties.map((party) => ({ type: 'SIGN' as const, party: party.id, at: '2024-07-30T09:00:00Z' })),
      { type: 'RECORD_REPORT', report: 'activityReport', year: 1, at: '2025-07-10T10:00:00Z' },
      { type: 'DUTY_DUE', dutyId: 'activityReport', sequence: 1, at: '2025-07-29T22:00:00.000Z' },
      { type: 'TERM_END', at: '2025-07-29T22:00:00.000Z' },
      { type: 'SEND_FORMAL_NOTICE', from: 'cio-chateauroux', to: 'cci-indre', breach: 'No report', at: '2025-10-06T08:00:00Z' },
      { type: 'NOTICE_EXPIRED', at: '2025-12-06T09:00:00.000Z' },
      { type: 'DENOUNCE', party: 'cio-chateauroux', reason: 'Notice left without effect', at: '2025-12-15T10:00:00Z' },
    ];

    it('runs through running.inForce and running.formalNotice to the evaluations', () => {
      let snapshot = initialTransition(machine, SPRO_EP_CHATEAUROUX)[0];
      const seen: string[] = [stateIdOf(snapshot.value)];
      for (const event of events()) {
        [snapshot] = transition(machine, snapshot, event);
        if (seen[seen.length - 1] !== stateIdOf(snapshot.value)) seen.push(stateIdOf(snapshot.value));
      }
      expect(seen).toEqual(['draft', 'openForSignature', 'running.inForce', 'running.formalNotice', 'evaluationAtEnd']);
      expect(snapshot.context.ended).toMatchObject({ reason: 'terminated', by: 'cio-chateauroux' });
      expect(snapshot.context.renewals).toBe(1);
    });

    it("counts the +6 months from the effective date by default (DESIGN: the anchor is the instance's, start by default)", () => {
      const inForce = run(machine, SPRO_EP_CHATEAUROUX, events().slice(0, 1 + parties.length));
      // Effective from 30 July 2024, 00:00 Paris; + 6 months = 30 January 2025, 00:00 Paris.
      expect(inForce.context.effectiveFrom).toBe('2024-07-29T22:00:00.000Z');
      expect(inForce.context.sixMonthEvaluationDue).toBe('2025-01-29T23:00:00.000Z');
      const ended = run(machine, SPRO_EP_CHATEAUROUX, events());
      expect(ended.context.sixMonthEvaluationDue).toBe('2025-01-29T23:00:00.000Z');
      // Passed at the end: the end evaluation goes straight to the +6-month one.
      const evaluated = run(machine, SPRO_EP_CHATEAUROUX, [
        ...events(),
        { type: 'RECORD_END_EVALUATION', assessment: 'Useful', at: '2025-12-20T10:00:00Z' },
      ]);
      expect(evaluated.value).toBe('evaluationAtSixMonths');
    });

    it('counts them from the end with the "end" anchor, named at creation or by UPDATE_DRAFT, as convention@1 always does', () => {
      const named = run(machine, { ...SPRO_EP_CHATEAUROUX, sixMonthAnchor: 'end' }, events());
      const updated = run(machine, SPRO_EP_CHATEAUROUX, [
        { type: 'UPDATE_DRAFT', sixMonthAnchor: 'end', at: '2024-07-01T09:00:00Z' },
        ...events(),
      ]);
      const legacy = run(v1, SPRO_EP_CHATEAUROUX, events());
      // Denounced on 15 December 2025 at 11:00 Paris; + 6 months = 15 June 2026, 11:00 Paris.
      expect(legacy.context.sixMonthEvaluationDue).toBe('2026-06-15T09:00:00.000Z');
      for (const snapshot of [named, updated]) {
        expect(snapshot.context.sixMonthAnchor).toBe('end');
        expect(snapshot.context.sixMonthEvaluationDue).toBe('2026-06-15T09:00:00.000Z');
      }
      const inForce = run(machine, { ...SPRO_EP_CHATEAUROUX, sixMonthAnchor: 'end' }, events().slice(0, 1 + parties.length));
      expect(inForce.context.sixMonthEvaluationDue).toBeUndefined();
    });

    it('keeps the anchor out of the terms: it is not part of the signed text, and an amendment leaves it', () => {
      const snapshot = run(machine, { ...SPRO_EP_CHATEAUROUX, sixMonthAnchor: 'end' }, [
        ...events().slice(0, 1 + parties.length),
        {
          type: 'AMEND',
          summary: 'Art. 3',
          signedBy: parties.map((party) => party.id),
          changes: { clauses: { '3': 'New coordinators' }, ...({ sixMonthAnchor: 'start' } as object) },
          at: '2024-09-01T10:00:00Z',
        },
      ]);
      expect(snapshot.context.terms).not.toHaveProperty('sixMonthAnchor');
      expect(snapshot.context.termsVersions[0].terms).not.toHaveProperty('sixMonthAnchor');
      expect(snapshot.context.sixMonthAnchor).toBe('end');
    });
  });
});
