import { initialTransition, transition } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { effectsOf, namedActionsOf } from '../shared/testing/effects';
import { CONVENTION_EFFECTS } from './convention.effects';
import { IDF_ACSE_PARTNERSHIP } from './convention.examples';
import { createConventionMachine } from './convention.machine';
import { createConventionMachineV2 } from './convention.machine.v2';
import type { ConventionEvent, ConventionInput } from './convention.types';

/**
 * The effects convention@2 declares, as the engine's fold sees them: the actions that XState's public
 * `transition()` / `initialTransition()` return, whose type does not start with `xstate.` (assign
 * actions are applied inside the step and never returned).
 */
const machine = createConventionMachineV2(parisCalendar);

function run(events: ConventionEvent[], input: ConventionInput) {
  let [snapshot] = initialTransition(machine, input);
  const steps: { type: string; effects: ReturnType<typeof effectsOf> }[] = [];
  for (const event of events) {
    expect({ event, can: snapshot.can(event) }).toEqual({ event, can: true });
    const [next, actions] = transition(machine, snapshot, event);
    steps.push({ type: event.type, effects: effectsOf(actions) });
    snapshot = next;
  }
  return { snapshot, steps, last: steps[steps.length - 1].effects };
}

const ANN = { id: 'a', organisation: 'Org A', representative: { name: 'Ann', title: 'Director' } };
const BOB = { id: 'b', organisation: 'Org B', representative: { name: 'Bob', title: 'President' } };
const PARTIES = [ANN, BOB];

/** Two parties, a year renewed tacitly once, a two-month notice (003 art. 4, 5), a quarterly committee (004 art. 9). */
const SMALL: ConventionInput = {
  title: 'Small convention',
  object: 'Testing',
  parties: PARTIES.map((party) => ({ ...party, role: 'signatory' })),
  term: { duration: 'P1Y', tacitRenewal: true, maxRenewals: 1 },
  formalNoticePeriod: 'P2M',
  duties: [{ id: 'tc', kind: 'committee', every: 'P3M', label: 'Technical committee' }],
};

// Signed on 15 January 2024: effective from that day, 00:00 Paris.
const EFFECTIVE = '2024-01-14T23:00:00.000Z';
const Q1_DUE = '2024-04-14T22:00:00.000Z'; // 15 April 2024, 00:00 Paris (summer time)
const Q2_DUE = '2024-07-14T22:00:00.000Z';
const TERM_1_END = '2025-01-14T23:00:00.000Z';
const inForce: ConventionEvent[] = [
  { type: 'OPEN_FOR_SIGNATURE', at: '2024-01-10T09:00:00Z' },
  { type: 'SIGN', party: 'a', at: '2024-01-12T09:00:00Z' },
  { type: 'SIGN', party: 'b', at: '2024-01-15T09:00:00Z' },
];
const REF = { title: 'Small convention', parties: PARTIES };

describe('convention@2 declared effects', () => {
  it('declares exactly the listed effects, all implemented by the one no-op; every other action is an assign', () => {
    const actions = namedActionsOf(machine);
    expect(actions.effects).toEqual([...CONVENTION_EFFECTS].sort());
    expect(actions.others).toEqual([]);
  });

  it('the last signature puts it in force (003 art. 4): effective date, term, first duties, the +6-month date of the start anchor', () => {
    const { steps } = run(inForce, SMALL);
    expect(steps.map((step) => step.effects.length)).toEqual([0, 0, 1]);
    expect(steps[2].effects).toEqual([
      {
        type: 'enteredIntoForce',
        params: {
          ...REF,
          signedAt: '2024-01-15T09:00:00Z',
          effectiveFrom: EFFECTIVE,
          term: { number: 1, startsAt: EFFECTIVE, endsAt: TERM_1_END },
          tacitRenewal: true,
          firstDuties: [{ dutyId: 'tc', kind: 'committee', label: 'Technical committee', sequence: 1, dueAt: Q1_DUE }],
          sixMonthEvaluationDue: Q2_DUE,
        },
      },
    ]);
  });

  it('seed 004: in force with the anniversary review and three duties, no +6-month date yet with the end anchor', () => {
    const parties = IDF_ACSE_PARTNERSHIP.parties!;
    const { last } = run(
      [
        { type: 'OPEN_FOR_SIGNATURE', at: '2008-07-01T09:00:00Z' },
        ...parties.map((party) => ({ type: 'SIGN' as const, party: party.id, at: '2008-07-11T10:00:00Z' })),
      ],
      { ...IDF_ACSE_PARTNERSHIP, sixMonthAnchor: 'end' },
    );
    expect(last).toHaveLength(1);
    expect(last[0].params).toMatchObject({
      effectiveFrom: '2008-07-10T22:00:00.000Z',
      term: { number: 1, endsAt: '2011-07-10T22:00:00.000Z' },
      tacitRenewal: false,
      nextAnniversaryAt: '2009-07-10T22:00:00.000Z',
      firstDuties: [
        { dutyId: 'technicalCommittee', sequence: 1, dueAt: '2008-10-10T22:00:00.000Z' },
        { dutyId: 'steeringCommittee', sequence: 1, dueAt: '2009-07-10T22:00:00.000Z' },
        { dutyId: 'evaluationReport', sequence: 1, dueAt: '2009-07-10T22:00:00.000Z' },
      ],
    });
    expect(last[0].params).not.toHaveProperty('sixMonthEvaluationDue');
    expect((last[0].params as { parties: unknown[] }).parties).toHaveLength(3);
  });

  it('a committee meeting falls due (004 art. 9): overdue when not held, done when recorded, with the next occurrence', () => {
    const missed = run([...inForce, { type: 'DUTY_DUE', dutyId: 'tc', sequence: 1, at: Q1_DUE }], SMALL);
    expect(missed.last).toEqual([
      {
        type: 'dutyFallsDue',
        params: {
          ...REF,
          dutyId: 'tc',
          kind: 'committee',
          label: 'Technical committee',
          sequence: 1,
          dueAt: Q1_DUE,
          periodStart: EFFECTIVE,
          periodEnd: Q1_DUE,
          status: 'overdue',
          next: { dutyId: 'tc', kind: 'committee', label: 'Technical committee', sequence: 2, dueAt: Q2_DUE },
        },
      },
    ]);
    const held = run(
      [
        ...inForce,
        { type: 'RECORD_COMMITTEE', committee: 'tc', date: '2024-03-01', minutesRef: 'minutes-1', at: '2024-03-02T10:00:00Z' },
        { type: 'DUTY_DUE', dutyId: 'tc', sequence: 1, at: Q1_DUE },
      ],
      SMALL,
    );
    expect(held.steps.map((step) => step.effects.length)).toEqual([0, 0, 1, 0, 1]);
    expect(held.last[0].params).toMatchObject({ sequence: 1, status: 'done', next: { sequence: 2 } });
  });

  it('a formal notice is sent (003 art. 5), then lapses two months later without remedy', () => {
    const sent = '2024-09-02T10:00:00Z';
    const expires = '2024-11-02T11:00:00.000Z';
    const { steps, snapshot } = run(
      [
        ...inForce,
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'No committee held', letterRef: 'AR-1', at: sent },
        { type: 'NOTICE_EXPIRED', at: expires },
      ],
      SMALL,
    );
    expect(snapshot.value).toEqual({ running: 'formalNotice' });
    expect(steps[3].effects).toEqual([
      {
        type: 'formalNoticeSent',
        params: { ...REF, from: ANN, to: BOB, breach: 'No committee held', letterRef: 'AR-1', sentAt: sent, expiresAt: expires },
      },
    ]);
    expect(steps[4].effects).toEqual([
      { type: 'formalNoticeLapsed', params: { ...REF, from: ANN, to: BOB, breach: 'No committee held', sentAt: sent, lapsedAt: expires } },
    ]);
  });

  it('a denunciation after a lapsed notice ends it as terminated, naming who denounced', () => {
    const { last, snapshot } = run(
      [
        ...inForce,
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'No committee held', at: '2024-09-02T10:00:00Z' },
        { type: 'NOTICE_EXPIRED', at: '2024-11-02T11:00:00.000Z' },
        { type: 'DENOUNCE', party: 'a', reason: 'Notice left without effect', at: '2024-11-05T10:00:00Z' },
      ],
      SMALL,
    );
    expect(snapshot.value).toBe('evaluationAtEnd');
    expect(last).toEqual([
      {
        type: 'conventionEnded',
        params: {
          ...REF,
          reason: 'terminated',
          at: '2024-11-05T10:00:00Z',
          by: ANN,
          statement: 'Notice left without effect',
          sixMonthEvaluationDue: Q2_DUE,
        },
      },
    ]);
  });

  it('the term renews tacitly once (003 art. 4), then expires: renewal and end are declared', () => {
    const TERM_2_END = '2026-01-14T23:00:00.000Z';
    const duties = (until: string) => {
      const due: ConventionEvent[] = [];
      for (let sequence = 1; ; sequence += 1) {
        const dueAt = parisCalendar.addDuration(EFFECTIVE, `P${3 * sequence}M`);
        if (Date.parse(dueAt) > Date.parse(until)) return due;
        due.push({ type: 'DUTY_DUE', dutyId: 'tc', sequence, at: dueAt });
      }
    };
    const { steps, snapshot } = run(
      [
        ...inForce,
        ...duties(TERM_1_END),
        { type: 'TERM_END', at: TERM_1_END },
        ...duties(TERM_2_END).slice(4),
        { type: 'TERM_END', at: TERM_2_END },
      ],
      { ...SMALL, sixMonthAnchor: 'end' },
    );
    const renewal = steps.findIndex((step) => step.type === 'TERM_END');
    expect(steps[renewal].effects).toEqual([
      {
        type: 'termRenewed',
        params: { ...REF, renewals: 1, term: { number: 2, startsAt: TERM_1_END, endsAt: TERM_2_END }, maxRenewals: 1 },
      },
    ]);
    expect(snapshot.value).toBe('evaluationAtEnd');
    expect(steps[steps.length - 1].effects).toEqual([
      // The end anchor: 15 January 2026 + 6 months = 15 July 2026, 00:00 Paris.
      { type: 'conventionEnded', params: { ...REF, reason: 'expired', at: TERM_2_END, sixMonthEvaluationDue: '2026-07-14T22:00:00.000Z' } },
    ]);
  });

  it('the +6-month evaluation falls due: by its deadline, or straight after a late end evaluation', () => {
    const denounced = [
      ...inForce,
      { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'No committee held', at: '2024-09-02T10:00:00Z' },
      { type: 'NOTICE_EXPIRED', at: '2024-11-02T11:00:00.000Z' },
      { type: 'DENOUNCE', party: 'b', reason: 'Notice left without effect', at: '2024-11-05T10:00:00Z' },
    ] as ConventionEvent[];
    // The start anchor: due on 15 July 2024, passed when the end evaluation is recorded.
    const late = run([...denounced, { type: 'RECORD_END_EVALUATION', assessment: 'Useful', at: '2024-11-20T10:00:00Z' }], SMALL);
    expect(late.snapshot.value).toBe('evaluationAtSixMonths');
    expect(late.last).toEqual([
      {
        type: 'sixMonthEvaluationFallsDue',
        params: { subject: 'Small convention', dueAt: Q2_DUE, anchor: 'start', countedFrom: EFFECTIVE, parties: PARTIES },
      },
    ]);
    // The end anchor: due on 5 May 2025, 11:00 Paris as the denunciation was (summer time now), by the deadline.
    const due = '2025-05-05T09:00:00.000Z';
    const waited = run(
      [
        ...denounced,
        { type: 'RECORD_END_EVALUATION', assessment: 'Useful', at: '2024-11-20T10:00:00Z' },
        { type: 'SIX_MONTH_EVALUATION_DUE', at: due },
        { type: 'RECORD_SIX_MONTH_EVALUATION', assessment: 'Lasting', at: '2025-05-20T10:00:00Z' },
      ],
      { ...SMALL, sixMonthAnchor: 'end' },
    );
    expect(waited.steps.slice(-3).map((step) => step.effects)).toEqual([
      [],
      [
        {
          type: 'sixMonthEvaluationFallsDue',
          params: { subject: 'Small convention', dueAt: due, anchor: 'end', countedFrom: '2024-11-05T10:00:00Z', parties: PARTIES },
        },
      ],
      [],
    ]);
    expect(waited.snapshot.value).toBe('closed');
  });

  it('steps that only assign declare no effect, nor does the initial snapshot', () => {
    expect(effectsOf(initialTransition(machine, SMALL)[1])).toEqual([]);
    const { steps } = run(
      [
        { type: 'UPDATE_DRAFT', sixMonthAnchor: 'end', at: '2024-01-05T09:00:00Z' },
        ...inForce,
        { type: 'AMEND', summary: 'Art. 2', signedBy: ['a', 'b'], changes: { clauses: { '2': 'New' } }, at: '2024-02-01T10:00:00Z' },
        { type: 'RECORD_COMMITTEE', committee: 'tc', date: '2024-03-01', minutesRef: 'm', at: '2024-03-02T10:00:00Z' },
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'Late', at: '2024-03-05T10:00:00Z' },
        { type: 'REMEDY', note: 'Done', at: '2024-03-10T10:00:00Z' },
      ],
      SMALL,
    );
    expect(steps.map((step) => [step.type, step.effects.map((effect) => effect.type)])).toEqual([
      ['UPDATE_DRAFT', []],
      ['OPEN_FOR_SIGNATURE', []],
      ['SIGN', []],
      ['SIGN', ['enteredIntoForce']],
      ['AMEND', []],
      ['RECORD_COMMITTEE', []],
      ['SEND_FORMAL_NOTICE', ['formalNoticeSent']],
      ['REMEDY', []],
    ]);
    expect(run([{ type: 'WITHDRAW', at: '2024-01-05T09:00:00Z' }], SMALL).last).toEqual([]);
  });

  it('gives params that are plain JSON: they survive a round trip unchanged', () => {
    const { steps } = run(
      [
        ...inForce,
        { type: 'DUTY_DUE', dutyId: 'tc', sequence: 1, at: Q1_DUE },
        { type: 'SEND_FORMAL_NOTICE', from: 'a', to: 'b', breach: 'No committee held', at: '2024-09-02T10:00:00Z' },
        { type: 'NOTICE_EXPIRED', at: '2024-11-02T11:00:00.000Z' },
        { type: 'DENOUNCE', party: 'b', reason: 'Notice left without effect', at: '2024-11-05T10:00:00Z' },
        { type: 'RECORD_END_EVALUATION', assessment: 'Useful', at: '2024-11-20T10:00:00Z' },
      ],
      SMALL,
    );
    const effects = steps.flatMap((step) => step.effects);
    expect(effects.length).toBe(6);
    for (const effect of effects) expect(JSON.parse(JSON.stringify(effect))).toStrictEqual(effect);
  });

  it('convention@1 declares none', () => {
    const v1 = createConventionMachine(parisCalendar);
    expect(namedActionsOf(v1)).toMatchObject({ effects: [], others: [] });
    let [snapshot, actions] = initialTransition(v1, SMALL);
    expect(actions).toEqual([]);
    for (const event of [...inForce, { type: 'DUTY_DUE', dutyId: 'tc', sequence: 1, at: Q1_DUE } as const]) {
      [snapshot, actions] = transition(v1, snapshot, event);
      expect(actions).toEqual([]);
    }
    expect(snapshot.value).toBe('inForce');
  });
});
