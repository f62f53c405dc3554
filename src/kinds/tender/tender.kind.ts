import { createTenderMachine, summarizeTender, TENDER_KIND, TENDER_VERSION } from '../../../machines/tender/tender.machine';
import { createTenderMachineV2, TENDER_VERSION_2 } from '../../../machines/tender/tender.machine.v2';
import { createTenderMachineV3, summarizeTenderV3, TENDER_VERSION_3 } from '../../../machines/tender/tender.machine.v3';
import { TENDER_EFFECTS } from '../../../machines/tender/tender.effects';
import { createTenderRulesV3, tenderRules } from '../../../machines/tender/tender.rules';
import type { TenderContext } from '../../../machines/tender/tender.types';
import { parisCalendar } from '../../calendar/paris-calendar';
import type { KindDefinition } from '../../engine/kind-definition';
import { TenderTerms, TenderTermsV3, tenderEventSchemas, tenderEventSchemasV3 } from './tender.schemas';

/** Stages at which a child record (a cohort) may have had its end evaluation, or ended without one. */
const CHILD_STAGES_DONE = new Set(['evaluatedAtEnd', 'evaluatedAtSixMonths', 'closed']);

/** Whether a child's end evaluation is recorded: `evaluationAtEnd` is the state that still waits for it. */
export function childHasEndEvaluation(child: { state: string; stage: string }): boolean {
  return CHILD_STAGES_DONE.has(child.stage) && child.state !== 'evaluationAtEnd';
}

const relatedFacts: KindDefinition['relatedFacts'] = {
  COMPLETE_DELIVERY: ({ children }) => ({
    childrenAwaitingEndEvaluation: children.filter((child) => !childHasEndEvaluation(child)).map((child) => child.id),
  }),
};

export const tenderKindV1: KindDefinition<TenderContext> = {
  kind: TENDER_KIND,
  version: TENDER_VERSION,
  description: 'A call for proposals: bids until the deadline, scoring, optional auditions, award, delivery, two evaluations.',
  machine: createTenderMachine(parisCalendar),
  rules: tenderRules,
  inputSchema: TenderTerms,
  eventSchemas: tenderEventSchemas,
  relatedFacts,
  summarize: summarizeTender,
};

/**
 * tender@2: the states before delivery grouped under `open` (state strings `open.draft` …
 * `open.attributed`), CANCEL declared once, side effects declared (machines/tender/tender.effects.ts).
 * Same input, events, rules and summary as tender@1.
 */
export const tenderKindV2: KindDefinition<TenderContext> = {
  ...tenderKindV1,
  version: TENDER_VERSION_2,
  machine: createTenderMachineV2(parisCalendar),
  effects: TENDER_EFFECTS,
};

/**
 * tender@3: tender@2's states and effects, with the rules of the documents it lacked and the contract
 * after the attribution (notification, amendments, publication of the essential data, information of
 * the rejected bidders; docs/lifecycles/tender.md). Its input and events take the essential data of the
 * contract (DECP 2.0.3), with SIRETs checked.
 */
export const tenderKindV3: KindDefinition<TenderContext> = {
  ...tenderKindV2,
  version: TENDER_VERSION_3,
  description:
    'A call for proposals: bids until the deadline, scoring, optional auditions, award, the contract and its essential data, delivery, two evaluations.',
  machine: createTenderMachineV3(parisCalendar),
  rules: { ...tenderRules, ...createTenderRulesV3(parisCalendar) },
  inputSchema: TenderTermsV3,
  eventSchemas: tenderEventSchemasV3,
  summarize: summarizeTenderV3,
};
