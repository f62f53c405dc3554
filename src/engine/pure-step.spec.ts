import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { completeDocuments, seed001TenderInput } from '../../test/support/seed-001';
import { buildCatalogue } from '../kinds/kind-catalogue';
import { PureStepper } from './pure-step';
import { persistSnapshot } from './snapshot.util';

describe('PureStepper', () => {
  const tender = buildCatalogue().latest('tender')!.machine;
  const events = [
    { type: 'PUBLISH', at: '2022-07-04T07:00:00.000Z' },
    {
      type: 'SUBMIT_BID',
      at: '2022-07-20T12:00:00.000Z',
      bidder: { name: 'A', identifier: '1' },
      priceExclVatCents: 3_000_000,
      priceInclVatCents: 3_600_000,
      documents: completeDocuments,
    },
    {
      type: 'SUBMIT_BID',
      at: '2022-08-06T12:00:00.000Z',
      bidder: { name: 'Late', identifier: '2' },
      priceExclVatCents: 1,
      priceInclVatCents: 1,
    },
    { type: 'CLOSE_BIDS', at: '2022-08-01T12:00:00.000Z' },
    { type: 'CLOSE_BIDS', at: '2022-08-06T12:00:00.000Z' },
    { type: 'SCORE_BID', at: '2022-08-10T12:00:00.000Z', bidId: 'B1', scores: { technical: 70 } },
    { type: 'ATTRIBUTE', at: '2022-08-24T12:00:00.000Z', bidId: 'B1' },
    { type: 'START_DELIVERY', at: '2022-09-19T07:00:00.000Z' },
    { type: 'NOT_AN_EVENT', at: '2022-09-20T07:00:00.000Z' },
  ];

  it('gives exactly what transition() gives, step by step, refusals included', () => {
    const stepper = new PureStepper();
    let reference: AnyMachineSnapshot = initialTransition(tender, seed001TenderInput)[0];
    let fast = reference;
    for (const event of events) {
      const [expected] = transition(tender, reference, event as never);
      const actual = stepper.step(tender, fast, event as never);
      expect(persistSnapshot(tender, actual)).toEqual(persistSnapshot(tender, expected));
      // A refused event leaves the very same snapshot, as transition() does.
      expect(actual === fast).toBe(expected === reference);
      reference = expected;
      fast = actual;
    }
    expect(fast.value).toBe('delivering');
  });
});

describe('persistSnapshot', () => {
  it('stores the same fields as the persisted form XState gives for our machines', () => {
    const machine = buildCatalogue().latest('tender')!.machine;
    const [snapshot] = initialTransition(machine, seed001TenderInput);
    const own = machine.getPersistedSnapshot(snapshot) as unknown as Record<string, unknown>;
    expect(JSON.stringify(persistSnapshot(machine, snapshot))).toBe(
      JSON.stringify({ value: own.value, context: own.context, status: own.status }),
    );
  });
});
