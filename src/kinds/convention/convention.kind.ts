import { CONVENTION_EFFECTS } from '../../../machines/convention/convention.effects';
import {
  CONVENTION_KIND,
  CONVENTION_VERSION,
  createConventionMachine,
  summarizeConvention,
} from '../../../machines/convention/convention.machine';
import { CONVENTION_VERSION_2, createConventionMachineV2 } from '../../../machines/convention/convention.machine.v2';
import { createConventionRules } from '../../../machines/convention/convention.rules';
import type { ConventionContext } from '../../../machines/convention/convention.types';
import { parisCalendar } from '../../calendar/paris-calendar';
import type { KindDefinition } from '../../engine/kind-definition';
import { ConventionDraft, ConventionDraftV2, conventionEventSchemas, conventionEventSchemasV2 } from './convention.schemas';

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
