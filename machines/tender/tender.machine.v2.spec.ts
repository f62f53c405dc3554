import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { parisCalendar } from '../../src/calendar/paris-calendar';
import { resolveDeadlines, type StateMetaWithDeadlines } from '../shared/deadlines';
import { isSpineStage } from '../shared/spine';
import { activeNodesOf, leafStateIds, stateIdOf, stateNodesOf, transitionsOf } from '../shared/testing/path-coverage';
import { SEED_001_TENDER, validBid } from './tender.examples';
import { TENDER_KIND } from './tender.machine';
import { createTenderMachineV2, openStateOf, TENDER_OPEN_STATES, TENDER_VERSION_2 } from './tender.machine.v2';
import type { TenderEvent, TenderInput } from './tender.types';

const machine = createTenderMachineV2(parisCalendar);
type Snapshot = ReturnType<typeof machine.transition>;

function start(input: TenderInput = SEED_001_TENDER): Snapshot {
  return initialTransition(machine, input)[0];
}

function send(snapshot: Snapshot, event: TenderEvent): Snapshot {
  expect(snapshot.can(event)).toBe(true);
  return transition(machine, snapshot, event)[0];
}

function expectRefused(snapshot: Snapshot, event: TenderEvent): void {
  expect(snapshot.can(event)).toBe(false);
  expect(transition(machine, snapshot, event)[0]).toBe(snapshot);
}

/** The deadlines the active states declare, ancestors first (as the engine derives them). */
function pendingDeadlines(snapshot: AnyMachineSnapshot) {
  return [...activeNodesOf(snapshot)]
    .reverse()
    .flatMap((node) => resolveDeadlines((node.meta as StateMetaWithDeadlines | undefined)?.deadlines ?? [], snapshot.context));
}

const T = {
  publish: '2022-07-08T10:00:00+02:00',
  bidA: '2022-07-20T11:00:00+02:00',
  bidB: '2022-08-01T15:30:00+02:00',
  afterDeadline: '2022-08-06T00:00:00+02:00',
  scoring: '2022-08-18T10:00:00+02:00',
  auditions: '2022-08-22T14:00:00+02:00',
  attribution: '2022-08-25T10:00:00+02:00',
  deliveryStart: '2022-09-19T07:00:00Z',
  deliveryEnd: '2022-12-09T17:00:00+01:00',
  endEvaluation: '2022-12-16T10:00:00+01:00',
  sixMonths: '2023-03-19T08:00:00.000Z',
};

function bidsClosed(input?: TenderInput): Snapshot {
  let s = send(start(input), { type: 'PUBLISH', at: T.publish });
  s = send(s, { type: 'SUBMIT_BID', ...validBid('A', 3_600_000), at: T.bidA });
  s = send(s, { type: 'SUBMIT_BID', ...validBid('B', 3_900_000), at: T.bidB });
  return send(s, { type: 'CLOSE_BIDS', at: T.afterDeadline });
}

function attributed(input?: TenderInput): Snapshot {
  let s = bidsClosed(input);
  s = send(s, { type: 'SCORE_BID', bidId: 'B1', scores: { technical: 70 }, at: T.scoring });
  s = send(s, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, at: T.scoring });
  return send(s, { type: 'ATTRIBUTE', bidId: 'B2', at: T.attribution });
}

describe('tender@2 machine', () => {
  it('is version 2 of the tender kind', () => {
    expect(machine.id).toBe(TENDER_KIND);
    expect(TENDER_VERSION_2).toBe(2);
  });

  describe('structure', () => {
    it('groups the states before delivery under `open`', () => {
      expect(Object.keys(machine.root.states)).toEqual([
        'open',
        'delivering',
        'evaluationAtEnd',
        'awaitingSixMonths',
        'evaluationAtSixMonths',
        'closed',
        'unsuccessful',
        'cancelled',
      ]);
      expect(Object.keys(machine.root.states.open.states)).toEqual([...TENDER_OPEN_STATES]);
      expect(start().value).toEqual({ open: 'draft' });
    });

    it('tags every state a tender rests in with exactly one spine stage, and `open` with none', () => {
      for (const id of leafStateIds(machine)) {
        const node = machine.getStateNodeById(`${TENDER_KIND}.${id}`);
        expect({ id, tags: node.tags.length, spine: node.tags.every(isSpineStage) }).toEqual({ id, tags: 1, spine: true });
      }
      expect(machine.root.states.open.tags).toEqual([]);
      expect(stateNodesOf(machine).map((node) => node.tags[0] ?? null)).toEqual([
        null,
        'draft',
        'published',
        'bidsClosed',
        'audition',
        'attributed',
        'delivering',
        'evaluatedAtEnd',
        'evaluatedAtEnd',
        'evaluatedAtSixMonths',
        'closed',
        'closed',
        'closed',
      ]);
    });

    it('carries CANCEL once, on `open`; no state after delivery accepts it', () => {
      const cancels = transitionsOf(machine).filter((entry) => entry.eventType === 'CANCEL');
      expect(cancels.map((entry) => [entry.source, entry.target])).toEqual([['open', 'cancelled']]);
    });

    it('declares the same deadlines as tender@1, on the same states', () => {
      const declared = stateNodesOf(machine)
        .filter((node) => (node.meta as StateMetaWithDeadlines | undefined)?.deadlines?.length)
        .map((node) => [node.path.join('.'), (node.meta as StateMetaWithDeadlines).deadlines!.map((d) => `${d.event}@${d.dueAt}`)]);
      expect(declared).toEqual([
        ['open.published', ['CLOSE_BIDS@bidDeadline']],
        ['awaitingSixMonths', ['SIX_MONTH_EVALUATION_DUE@sixMonthEvaluationDue']],
      ]);
    });

    it('makes the final states final and accepts nothing there', () => {
      for (const key of ['closed', 'unsuccessful', 'cancelled']) {
        expect(machine.root.states[key].type).toBe('final');
        expect(machine.root.states[key].transitions.size).toBe(0);
      }
    });
  });

  describe('seed 001', () => {
    it('runs from open.draft to closed, each state carrying its stage', () => {
      let s = start();
      expect([stateIdOf(s.value), [...s.tags]]).toEqual(['open.draft', ['draft']]);
      s = send(s, { type: 'PUBLISH', at: T.publish });
      expect([stateIdOf(s.value), [...s.tags]]).toEqual(['open.published', ['published']]);
      expect(pendingDeadlines(s)).toEqual([
        { event: 'CLOSE_BIDS', dueAt: '2022-08-05T23:59:59+02:00', payload: {}, label: 'Bids close at the deadline' },
      ]);
      s = bidsClosed();
      expect(stateIdOf(s.value)).toBe('open.bidsClosed');
      s = send(s, { type: 'START_AUDITIONS', at: T.auditions });
      expect(stateIdOf(s.value)).toBe('open.audition');
      expect(s.context.auditionsStartedAt).toBe(T.auditions);
      s = send(s, { type: 'RECORD_AUDITION', bidId: 'B1', mode: 'video', scores: { technical: 70 }, at: T.auditions });
      s = send(s, { type: 'SCORE_BID', bidId: 'B2', scores: { technical: 90 }, at: T.scoring });
      expectRefused(s, { type: 'ATTRIBUTE', bidId: 'B1', at: T.attribution }); // B2 ranks first (001 IX)
      s = send(s, { type: 'ATTRIBUTE', bidId: 'B2', at: T.attribution });
      expect([stateIdOf(s.value), [...s.tags]]).toEqual(['open.attributed', ['attributed']]);
      s = send(s, { type: 'START_DELIVERY', at: T.deliveryStart });
      expect(stateIdOf(s.value)).toBe('delivering');
      s = send(s, { type: 'COMPLETE_DELIVERY', at: T.deliveryEnd });
      s = send(s, { type: 'RECORD_END_EVALUATION', questionnaireResult: 'ok', verbalExchangeNotes: 'notes', at: T.endEvaluation });
      expect(stateIdOf(s.value)).toBe('awaitingSixMonths');
      expect(pendingDeadlines(s).map((d) => [d.event, d.dueAt])).toEqual([['SIX_MONTH_EVALUATION_DUE', T.sixMonths]]);
      s = send(s, { type: 'SIX_MONTH_EVALUATION_DUE', at: T.sixMonths });
      s = send(s, { type: 'RECORD_SIX_MONTH_EVALUATION', questionnaireResult: '7 in a job', at: '2023-04-03T10:00:00+02:00' });
      expect([s.value, s.status]).toEqual(['closed', 'done']);
    });

    it('closes as unsuccessful from open.published when no bid came in', () => {
      const s = send(send(start(), { type: 'PUBLISH', at: T.publish }), { type: 'CLOSE_BIDS', at: T.afterDeadline });
      expect([s.value, s.context.unsuccessfulReason, s.context.bidsClosedAt]).toEqual([
        'unsuccessful',
        'No admissible bid when bids closed.',
        T.afterDeadline,
      ]);
    });
  });

  describe('cancellation', () => {
    const reachers: Record<string, () => Snapshot> = {
      'open.draft': () => start(),
      'open.published': () => send(start(), { type: 'PUBLISH', at: T.publish }),
      'open.bidsClosed': () => bidsClosed(),
      'open.audition': () => send(bidsClosed(), { type: 'START_AUDITIONS', at: T.auditions }),
      'open.attributed': () => attributed(),
    };

    it.each(Object.keys(reachers))('is possible from %s with a reason, recording the state it left', (state) => {
      const s = reachers[state]();
      expect(stateIdOf(s.value)).toBe(state);
      expect(`open.${openStateOf(s.context)}`).toBe(state);
      expectRefused(s, { type: 'CANCEL', reason: ' ', at: '2022-09-01T10:00:00+02:00' });
      const cancelled = send(s, { type: 'CANCEL', reason: 'Funding withdrawn', at: '2022-09-01T10:00:00+02:00' });
      expect([cancelled.value, cancelled.status, [...cancelled.tags]]).toEqual(['cancelled', 'done', ['closed']]);
      expect(cancelled.context.cancellation).toEqual({ reason: 'Funding withdrawn', at: '2022-09-01T10:00:00+02:00', fromState: state });
    });

    it('is refused once delivery has started', () => {
      const delivering = send(attributed(), { type: 'START_DELIVERY', at: T.deliveryStart });
      expectRefused(delivering, { type: 'CANCEL', reason: 'Funding withdrawn', at: '2022-10-01T10:00:00+02:00' });
    });
  });

  describe("the +6-month evaluation (000 §5: six months after the START of the support; the anchor is the instance's, start by default)", () => {
    it('counts from the start of delivery when the tender names no anchor', () => {
      const s = send(attributed(), { type: 'START_DELIVERY', startedAt: '2022-08-31T08:00:00.000Z', at: T.deliveryStart });
      // 31 August + 6 months = 28 February, 10:00 Paris kept (winter time: 09:00 UTC).
      expect(s.context.sixMonthEvaluationDue).toBe('2023-02-28T09:00:00.000Z');
      const done = send(s, { type: 'COMPLETE_DELIVERY', at: T.deliveryEnd });
      expect(done.context.sixMonthEvaluationDue).toBe('2023-02-28T09:00:00.000Z');
    });

    it('counts from the end of delivery with the "end" anchor, known only once delivery completes', () => {
      let s = send(attributed({ ...SEED_001_TENDER, sixMonthAnchor: 'end' }), { type: 'START_DELIVERY', at: T.deliveryStart });
      expect(s.context.sixMonthEvaluationDue).toBeUndefined();
      s = send(s, { type: 'COMPLETE_DELIVERY', completedAt: '2022-08-31T08:00:00.000Z', at: T.deliveryEnd });
      expect(s.context.sixMonthEvaluationDue).toBe('2023-02-28T09:00:00.000Z');
    });
  });
});
