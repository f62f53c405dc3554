import type { AnyMachineSnapshot, StateValue } from 'xstate';
import { seed001TenderInput } from '../../test/support/seed-001';
import { buildCatalogue } from '../kinds/kind-catalogue';
import { Decider, type MachineEvent } from './decider';
import { nextEventsOf, stageOf, stateOf, stateToString } from './snapshot.util';

const catalogue = buildCatalogue();

function play(version: number, events: MachineEvent[]): AnyMachineSnapshot {
  const decider = new Decider();
  const definition = catalogue.get('tender', version)!;
  const started = decider.start(definition, seed001TenderInput);
  if (!started.ok) throw new Error(started.reason);
  let snapshot = started.next;
  for (const event of events) {
    const result = decider.fold(definition, snapshot, event);
    if (!result.ok) throw new Error(result.reason);
    snapshot = result.next;
  }
  return snapshot;
}

describe("a snapshot's state name, stage and next events (worked out once per state)", () => {
  const publish = { type: 'PUBLISH', at: '2022-07-04T07:00:00.000Z' };
  const cancel = { type: 'CANCEL', at: '2022-07-05T07:00:00.000Z', reason: 'Budget withdrawn' };
  const close = { type: 'CLOSE_BIDS', at: '2022-08-06T07:00:00.000Z' };

  it.each([1, 2])('tells two ended records of tender@%i apart, whichever is seen first', (version) => {
    // An ended snapshot lists its final state and the root: the two final states must not be confused.
    const cancelled = play(version, [publish, cancel]);
    const unsuccessful = play(version, [publish, close]);
    for (const [snapshot, state] of [
      [cancelled, 'cancelled'],
      [unsuccessful, 'unsuccessful'],
      [cancelled, 'cancelled'],
    ] as const) {
      expect(stateOf(snapshot)).toBe(state);
      expect(stageOf(snapshot)).toBe('closed');
      expect(nextEventsOf(snapshot)).toEqual([]);
    }
  });

  it('names nested states by their path and takes the deepest stage', () => {
    const published = play(2, [publish]);
    expect(stateOf(published)).toBe('open.published');
    expect(stateOf(published)).toBe(stateToString(published.value as StateValue));
    expect(stageOf(published)).toBe('published');
    expect(nextEventsOf(published)).toEqual(expect.arrayContaining(['SUBMIT_BID', 'CLOSE_BIDS', 'CANCEL']));
    const draft = play(2, []);
    expect(stateOf(draft)).toBe('open.draft');
    expect(stageOf(draft)).toBe('draft');
    expect(nextEventsOf(draft)).not.toContain('SUBMIT_BID');
  });
});
