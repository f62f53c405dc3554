import { Type } from '@sinclair/typebox';
import { assign, initialTransition, setup, transition, type AnyMachineSnapshot } from 'xstate';
import { completeDocuments, seed001TenderInput } from '../../test/support/seed-001';
import { ErrorCode } from '../common/errors/domain-error';
import { buildCatalogue } from '../kinds/kind-catalogue';
import { Decider, type MachineEvent } from './decider';
import type { KindDefinition } from './kind-definition';
import { persistSnapshot } from './snapshot.util';

const tender = buildCatalogue().get('tender', 1)!;

const events: MachineEvent[] = [
  { type: 'PUBLISH', at: '2022-07-04T07:00:00.000Z' },
  {
    type: 'SUBMIT_BID',
    at: '2022-07-20T12:00:00.000Z',
    bidder: { name: 'A', identifier: '1' },
    priceExclVatCents: 3_000_000,
    priceInclVatCents: 3_600_000,
    documents: completeDocuments,
  },
  // Refused: after the deadline.
  {
    type: 'SUBMIT_BID',
    at: '2022-08-06T12:00:00.000Z',
    bidder: { name: 'Late', identifier: '2' },
    priceExclVatCents: 1,
    priceInclVatCents: 1,
  },
  // Refused: before the deadline.
  { type: 'CLOSE_BIDS', at: '2022-08-01T12:00:00.000Z' },
  { type: 'CLOSE_BIDS', at: '2022-08-06T12:00:00.000Z' },
  { type: 'SCORE_BID', at: '2022-08-10T12:00:00.000Z', bidId: 'B1', scores: { technical: 70 } },
  { type: 'ATTRIBUTE', at: '2022-08-24T12:00:00.000Z', bidId: 'B1' },
  { type: 'START_DELIVERY', at: '2022-09-19T07:00:00.000Z' },
  // Refused: the state does not take it.
  { type: 'NOT_AN_EVENT', at: '2022-09-20T07:00:00.000Z' },
];

describe('Decider (the one fold of writes and replays)', () => {
  it("gives exactly what XState's public transition() gives, step by step, and says why it refuses", () => {
    const decider = new Decider();
    const started = decider.start(tender, seed001TenderInput);
    if (!started.ok) throw new Error(started.reason);
    let reference: AnyMachineSnapshot = initialTransition(tender.machine, seed001TenderInput)[0];
    expect(persistSnapshot(tender.machine, started.next)).toEqual(persistSnapshot(tender.machine, reference));
    let folded = started.next;
    const refusals: { code: string; rule: string | null }[] = [];
    for (const event of events) {
      const [expected] = transition(tender.machine, reference, event as never);
      const result = decider.fold(tender, folded, event);
      if (result.ok) {
        expect(persistSnapshot(tender.machine, result.next)).toEqual(persistSnapshot(tender.machine, expected));
        folded = result.next;
      } else {
        // A refusal is exactly a step where XState enables no transition.
        expect(expected).toBe(reference);
        refusals.push({ code: result.code, rule: result.rule });
      }
      reference = expected;
    }
    expect(folded.value).toBe('delivering');
    expect(refusals).toEqual([
      { code: ErrorCode.RULE_REFUSED, rule: 'bidWindowOpen' },
      { code: ErrorCode.RULE_REFUSED, rule: 'bidDeadlinePassed' },
      { code: ErrorCode.EVENT_NOT_ACCEPTED, rule: null },
    ]);
  });

  it('returns the deadlines the next snapshot implies', () => {
    const decider = new Decider();
    const started = decider.start(tender, seed001TenderInput);
    if (!started.ok) throw new Error(started.reason);
    expect(started.deadlines).toEqual([]);
    const published = decider.fold(tender, started.next, events[0]);
    expect(published.ok && published.deadlines).toEqual([
      { event: 'CLOSE_BIDS', dueAt: '2022-08-05T21:59:59.000Z', payload: {}, label: 'Bids close at the deadline' },
    ]);
  });

  it('returns declared effects (actions that are not assign) as data, in order, without running them', () => {
    let ran = 0;
    const machine = setup({
      types: { context: {} as { count: number }, events: {} as { type: 'PING'; at: string } | { type: 'QUIET'; at: string } },
      actions: {
        count: assign(({ context }) => ({ count: context.count + 1 })),
        pinged: () => {
          ran += 1;
        },
      },
    }).createMachine({
      context: { count: 0 },
      initial: 'idle',
      states: {
        idle: {
          tags: ['draft'],
          entry: { type: 'pinged', params: { on: 'entry' } },
          on: {
            PING: {
              actions: [
                'count',
                {
                  type: 'pinged',
                  params: ({ context, event }: { context: { count: number }; event: { at: string } }) => ({
                    count: context.count,
                    at: event.at,
                  }),
                },
              ],
            },
            QUIET: { actions: 'count' },
          },
        },
      },
    });
    const definition: KindDefinition = {
      kind: 'ping',
      version: 1,
      description: '',
      machine,
      rules: {},
      inputSchema: Type.Object({}),
      eventSchemas: {},
    };
    const decider = new Decider();
    const started = decider.start(definition, {});
    expect(started.ok && started.effects).toEqual([{ type: 'pinged', params: { on: 'entry' } }]);
    const pinged = decider.fold(definition, (started as { next: AnyMachineSnapshot }).next, {
      type: 'PING',
      at: '2022-01-01T00:00:00.000Z',
    });
    // Params are resolved after the assign that precedes them in the same transition.
    expect(pinged.ok && pinged.effects).toEqual([{ type: 'pinged', params: { count: 1, at: '2022-01-01T00:00:00.000Z' } }]);
    const quiet = decider.fold(definition, (pinged as { next: AnyMachineSnapshot }).next, {
      type: 'QUIET',
      at: '2022-01-02T00:00:00.000Z',
    });
    expect(quiet.ok && quiet.effects).toEqual([]);
    expect(ran).toBe(0);
  });

  it('refuses CREATE after the first event, and any event once the record has ended', () => {
    const decider = new Decider();
    const started = decider.start(tender, seed001TenderInput);
    if (!started.ok) throw new Error(started.reason);
    expect(decider.fold(tender, started.next, { type: 'CREATE', at: '2022-07-01T00:00:00.000Z' })).toMatchObject({
      ok: false,
      code: ErrorCode.EVENT_NOT_ACCEPTED,
    });
    const cancelled = decider.fold(tender, started.next, { type: 'CANCEL', at: '2022-07-01T00:00:00.000Z', reason: 'Budget withdrawn' });
    if (!cancelled.ok) throw new Error(cancelled.reason);
    expect(decider.fold(tender, cancelled.next, { type: 'PUBLISH', at: '2022-07-02T00:00:00.000Z' })).toMatchObject({
      ok: false,
      code: ErrorCode.EVENT_NOT_ACCEPTED,
      acceptedEvents: [],
    });
  });
});
