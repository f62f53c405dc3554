import type { AnyMachineSnapshot } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import {
  coverTransitions,
  explore,
  handledEventTypes,
  leafKeyOf,
  leafStateIds,
  missingTransitions,
  stateIdOf,
  transitionsOf,
} from '../shared/testing/path-coverage';
import { SEED_000_CAPS, SEED_001_TENDER_V3, validBid } from './tender.examples';
import { openStateOf } from './tender.machine.v2';
import { createTenderMachineV3 } from './tender.machine.v3';
import type { TenderContext, TenderEvent, TenderInputV3 } from './tender.types';

/**
 * Graph coverage of tender@3, as tender.paths.spec.ts does for tender@1 and tender@2: a small
 * context-aware generator, explored breadth-first; every state is reached and every transition
 * (state × event × guarded branch × target) is taken from a reachable snapshot, the contract events
 * after the attribution and dutiesOutstanding included.
 */
const machine = createTenderMachineV3(parisCalendar);

const T = {
  update: '2022-07-07T10:00:00+02:00',
  publish: '2022-07-08T10:00:00+02:00',
  bid: '2022-08-01T10:00:00+02:00',
  withdraw: '2022-08-02T10:00:00+02:00',
  beforeDeadline: '2022-08-05T12:00:00+02:00',
  afterDeadline: '2022-08-06T09:00:00+02:00',
  scoring: '2022-08-18T10:00:00+02:00',
  attribution: '2022-08-25T10:00:00+02:00',
  notification: '2022-08-30T10:00:00+02:00',
  deliveryStart: '2022-09-19T07:00:00Z',
  intervention: '2022-10-10T17:00:00+02:00',
  deliveryEnd: '2022-12-09T17:00:00+01:00',
  endEvaluationEarly: '2022-12-16T10:00:00+01:00',
  endEvaluationLate: '2023-03-20T10:00:00+01:00',
  sixMonthsEarly: '2023-03-01T10:00:00+01:00',
  sixMonths: '2023-03-19T08:00:00.000Z',
  sixMonthEvaluation: '2023-04-03T10:00:00+02:00',
  duty: '2023-04-04T10:00:00+02:00',
};

const { decisionDate, ...withoutDecision } = SEED_001_TENDER_V3;
const INPUT: TenderInputV3 = { ...withoutDecision, deliveryCaps: SEED_000_CAPS };
/** A admissible, B above the cap (rejected at the attribution, so there is one bidder to inform). */
const BIDDERS = [validBid('A', 3_600_000), validBid('C', 4_200_000)];

/** The contract events, offered in every state from the attribution on (one of each type, valid when it can be). */
function contractEvents(context: TenderContext, at: string): TenderEvent[] {
  const contract = context.contract;
  const today = at.slice(0, 10);
  const uninformed = context.bids.find((bid) => bid.informationDue !== undefined)?.id ?? 'B1';
  return [
    { type: 'NOTIFY_CONTRACT', notifiedOn: '2022-08-30', at: T.notification },
    { type: 'AMEND_CONTRACT', notifiedOn: contract && contract.modifications.length === 0 ? today : '2022-08-01', summary: 'x', at },
    {
      type: 'RECORD_PUBLICATION',
      publishedOn: today,
      where: 'https://www.data.gouv.fr/',
      ...(contract?.publication && contract.modifications.length > 0 ? { modificationId: 1 } : {}),
      at,
    },
    { type: 'INFORM_BIDDER', bidId: uninformed, means: 'email', at },
  ];
}

function eventsFor(snapshot: AnyMachineSnapshot): TenderEvent[] {
  const context = snapshot.context as TenderContext;
  const cancel: TenderEvent[] = [
    { type: 'CANCEL', reason: 'Funding withdrawn', at: T.scoring },
    { type: 'CANCEL', reason: '', at: T.scoring },
  ];
  switch (leafKeyOf(snapshot)) {
    case 'draft':
      return [{ type: 'UPDATE_DRAFT', decisionDate, at: T.update }, { type: 'PUBLISH', at: T.publish }, ...cancel];
    case 'published': {
      const next = BIDDERS[context.bids.length];
      return [
        ...(next ? [{ type: 'SUBMIT_BID' as const, ...next, at: T.bid }] : []),
        { type: 'SUBMIT_BID', ...validBid('LATE'), at: T.afterDeadline },
        { type: 'WITHDRAW_BID', bidId: 'B1', at: T.withdraw },
        { type: 'CLOSE_BIDS', at: T.beforeDeadline },
        { type: 'CLOSE_BIDS', at: T.afterDeadline },
        ...cancel,
      ];
    }
    case 'bidsClosed':
    case 'audition':
      return [
        { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, at: T.scoring },
        { type: 'START_AUDITIONS', at: T.scoring },
        { type: 'RECORD_AUDITION', bidId: 'B1', mode: 'video', at: T.scoring },
        { type: 'ATTRIBUTE', bidId: 'B1', at: T.attribution },
        { type: 'DECLARE_UNSUCCESSFUL', reason: 'No offer meets the need', at: T.attribution },
        ...cancel,
      ];
    case 'attributed':
      return [
        { type: 'START_DELIVERY', startedAt: T.deliveryStart, at: T.deliveryStart },
        { type: 'START_DELIVERY', startedAt: T.scoring, at: T.deliveryStart },
        ...contractEvents(context, T.notification),
        ...cancel,
      ];
    case 'delivering':
      return [
        { type: 'RECORD_INTERVENTION', structure: 'Lycée de Blois', date: '2022-10-10', days: 3, at: T.intervention },
        { type: 'COMPLETE_DELIVERY', at: T.deliveryEnd },
        ...contractEvents(context, T.intervention),
      ];
    case 'evaluationAtEnd':
      return [
        { type: 'RECORD_END_EVALUATION', questionnaireResult: 'good', verbalExchangeNotes: 'notes', at: T.endEvaluationEarly },
        { type: 'RECORD_END_EVALUATION', questionnaireResult: 'good', verbalExchangeNotes: 'notes', at: T.endEvaluationLate },
        ...contractEvents(context, T.endEvaluationEarly),
      ];
    case 'awaitingSixMonths':
      return [
        { type: 'SIX_MONTH_EVALUATION_DUE', at: T.sixMonthsEarly },
        { type: 'SIX_MONTH_EVALUATION_DUE', at: T.sixMonths },
        ...contractEvents(context, T.sixMonthsEarly),
      ];
    case 'evaluationAtSixMonths':
      return [
        { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: '7 in a job', at: T.sixMonthEvaluation },
        ...contractEvents(context, T.sixMonthEvaluation),
      ];
    case 'dutiesOutstanding':
      return contractEvents(context, T.duty).filter((event) => event.type === 'RECORD_PUBLICATION' || event.type === 'INFORM_BIDDER');
    default:
      return [];
  }
}

const AFTER_ATTRIBUTION = [
  'attributed',
  'delivering',
  'evaluationAtEnd',
  'awaitingSixMonths',
  'evaluationAtSixMonths',
  'dutiesOutstanding',
  'closed',
];

function serializeState(snapshot: AnyMachineSnapshot): string {
  const context = snapshot.context as TenderContext;
  const value = stateIdOf(snapshot.value);
  if (value === 'cancelled' || value === 'unsuccessful') return JSON.stringify({ value });
  if (AFTER_ATTRIBUTION.includes(leafKeyOf(snapshot))) {
    const contract = context.contract;
    return JSON.stringify({
      value,
      informed: context.bids.filter((bid) => bid.informed).map((bid) => bid.id),
      toInform: context.bids.filter((bid) => bid.informationDue !== undefined).map((bid) => bid.id),
      contract: contract && [contract.publication !== undefined, contract.modifications.map((m) => m.publication !== undefined)],
      interventions: context.interventions.length,
      sixMonthEvaluationDue: context.sixMonthEvaluationDue,
    });
  }
  return JSON.stringify({
    value,
    decisionDate: context.decisionDate,
    bids: context.bids.map((bid) => [bid.id, bid.admissible, bid.withdrawnAt !== undefined, bid.scores]),
    auditions: context.auditions.length > 0,
  });
}

describe('tender@3 machine paths (xstate/graph)', () => {
  const { reached } = explore<TenderEvent>(machine, { input: INPUT, events: eventsFor, serializeState, limit: 20_000 });

  it('generates, in every reachable state, an event for each event type the state accepts', () => {
    expect(reached.length).toBeGreaterThan(50);
    for (const { snapshot } of reached) {
      const offered = new Set<string>(eventsFor(snapshot).map((event) => event.type));
      expect(handledEventTypes(snapshot).filter((type) => !offered.has(type))).toEqual([]);
    }
  });

  it('reaches every state of the machine, dutiesOutstanding included', () => {
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
    expect(coverage.taken.size).toBe(transitionsOf(machine).length);
  });

  it('derives the state of `open` from the context exactly, as tender@2 does', () => {
    for (const { snapshot } of reached.filter(({ snapshot }) => stateIdOf(snapshot.value).startsWith('open.'))) {
      expect(`open.${openStateOf(snapshot.context as TenderContext)}`).toBe(stateIdOf(snapshot.value));
    }
  });

  it('never rests in dutiesOutstanding with nothing owed, nor in closed with something owed', () => {
    for (const { snapshot } of reached) {
      const context = snapshot.context as TenderContext;
      const owed =
        context.contract?.publicationDue !== undefined ||
        (context.contract?.modifications ?? []).some((modification) => modification.publicationDue !== undefined) ||
        context.bids.some((bid) => bid.informationDue !== undefined);
      if (snapshot.value === 'dutiesOutstanding') expect(owed).toBe(true);
      if (snapshot.value === 'closed') expect(owed).toBe(false);
    }
  });
});
