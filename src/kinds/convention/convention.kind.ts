import { CONVENTION_EFFECTS } from '../../../machines/convention/convention.effects';
import {
  CONVENTION_KIND,
  CONVENTION_VERSION,
  createConventionMachine,
  summarizeConvention,
} from '../../../machines/convention/convention.machine';
import { CONVENTION_VERSION_2, createConventionMachineV2 } from '../../../machines/convention/convention.machine.v2';
import { CONVENTION_VERSION_3, createConventionMachineV3, summarizeConventionV3 } from '../../../machines/convention/convention.machine.v3';
import { createConventionRules, createConventionRulesV3 } from '../../../machines/convention/convention.rules';
import type { ConventionContext } from '../../../machines/convention/convention.types';
import { parisCalendar } from '../../calendar/paris-calendar';
import type { KindDefinition } from '../../engine/kind-definition';
import {
  ConventionDraft,
  ConventionDraftV2,
  ConventionDraftV3,
  conventionEventSchemas,
  conventionEventSchemasV2,
  conventionEventSchemasV3,
} from './convention.schemas';

export const conventionKindV1: KindDefinition<ConventionContext> = {
  kind: CONVENTION_KIND,
  version: CONVENTION_VERSION,
  description:
    'A partnership convention: signatures by every party, terms renewed tacitly or expiring, anniversary review, amendments, ' +
    'committees and reports falling due, formal notice and denunciation, two evaluations.',
  machine: createConventionMachine(parisCalendar),
  rules: createConventionRules(parisCalendar),
  inputSchema: ConventionDraft,
  eventSchemas: conventionEventSchemas,
  summarize: summarizeConvention,
};

/**
 * convention@2: inForce and formalNotice grouped under `running` (state strings `running.inForce`,
 * `running.formalNotice`), the shared transitions and deadlines declared once, side effects declared
 * (machines/convention/convention.effects.ts), and `sixMonthAnchor` in the draft: the +6-month
 * evaluation counts from the effective date unless the draft names `end`.
 */
export const conventionKindV2: KindDefinition<ConventionContext> = {
  ...conventionKindV1,
  version: CONVENTION_VERSION_2,
  machine: createConventionMachineV2(parisCalendar),
  effects: CONVENTION_EFFECTS,
  inputSchema: ConventionDraftV2,
  eventSchemas: conventionEventSchemasV2,
};

/**
 * convention@3: convention@2 with the rules of seeds 003 and 004 it did not hold: the registered letter
 * of a formal notice (its reference required, its receipt recorded), a renewal that needs the year's
 * report (and subsidy request), a term read as calendar years, co-signatories who are not parties, and
 * a report's statistics by sex.
 */
export const conventionKindV3: KindDefinition<ConventionContext> = {
  ...conventionKindV2,
  version: CONVENTION_VERSION_3,
  machine: createConventionMachineV3(parisCalendar),
  rules: createConventionRulesV3(parisCalendar),
  inputSchema: ConventionDraftV3,
  eventSchemas: conventionEventSchemasV3,
  summarize: summarizeConventionV3,
};
