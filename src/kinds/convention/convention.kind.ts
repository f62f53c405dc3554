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
import { conventionEventDtos, conventionEventDtosV2 } from './dtos/convention-events.dto';
import { ConventionDraftDto, ConventionDraftDtoV2 } from './dtos/convention-input.dto';

export const conventionKindV1: KindDefinition<ConventionContext> = {
  kind: CONVENTION_KIND,
  version: CONVENTION_VERSION,
  description:
    'A partnership convention: signatures by every party, terms renewed tacitly or expiring, anniversary review, amendments, ' +
    'committees and reports falling due, formal notice and denunciation, two evaluations.',
  machine: createConventionMachine(parisCalendar),
  rules: createConventionRules(parisCalendar),
  inputDto: ConventionDraftDto,
  eventDtos: conventionEventDtos,
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
  inputDto: ConventionDraftDtoV2,
  eventDtos: conventionEventDtosV2,
};
