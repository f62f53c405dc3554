import { contextChanges } from './context-changes.util';

describe('contextChanges', () => {
  it('lists each changed leaf, and added or removed fields as themselves, in key order', () => {
    const before = { title: 'A', bids: [{ id: 'B1', scores: {} }], budget: { capCents: 10 }, note: 'x' };
    const after = { title: 'A', bids: [{ id: 'B1', scores: { technical: 80 } }, { id: 'B2' }], budget: { capCents: 12 } };
    expect(contextChanges(before, after)).toEqual({
      changes: [
        { path: 'bids.0.scores.technical', after: 80 },
        { path: 'bids.1', after: { id: 'B2' } },
        { path: 'budget.capCents', before: 10, after: 12 },
        { path: 'note', before: 'x' },
      ],
      truncated: false,
    });
  });

  it('says nothing for equal values, and keeps to its limit', () => {
    expect(contextChanges({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual({ changes: [], truncated: false });
    const many = contextChanges({}, Object.fromEntries(Array.from({ length: 5 }, (_, index) => [`f${index}`, index])), 3);
    expect(many).toEqual({
      changes: [
        { path: 'f0', after: 0 },
        { path: 'f1', after: 1 },
        { path: 'f2', after: 2 },
      ],
      truncated: true,
    });
  });

  it('compares a field that changes shape as one change', () => {
    expect(contextChanges({ decision: null }, { decision: { bidId: 'B1' } }).changes).toEqual([
      { path: 'decision', before: null, after: { bidId: 'B1' } },
    ]);
  });
});
