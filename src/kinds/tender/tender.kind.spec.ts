import { tenderKindV1 } from './tender.kind';

describe('tender kind: facts about child cohorts for COMPLETE_DELIVERY', () => {
  const waiting = (children: { id: string; state: string; stage: string }[]) =>
    tenderKindV1.relatedFacts!.COMPLETE_DELIVERY({ children: children.map((child) => ({ kind: 'cohort', ...child })) })
      .childrenAwaitingEndEvaluation;

  it('lists the children whose end evaluation is not recorded yet', () => {
    expect(
      waiting([
        { id: 'in-session', state: 'inSession', stage: 'delivering' },
        { id: 'awaiting-record', state: 'evaluationAtEnd', stage: 'evaluatedAtEnd' },
        { id: 'evaluated', state: 'awaitingSixMonths', stage: 'evaluatedAtEnd' },
        { id: 'six-months', state: 'evaluationAtSixMonths', stage: 'evaluatedAtSixMonths' },
        { id: 'closed', state: 'closed', stage: 'closed' },
        { id: 'cancelled', state: 'cancelled', stage: 'closed' },
      ]),
    ).toEqual(['in-session', 'awaiting-record']);
  });

  it('lists nobody when there are no children', () => {
    expect(waiting([])).toEqual([]);
  });
});
