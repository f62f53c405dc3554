import {
  CONVENTION_KIND,
  CONVENTION_VERSION,
  createConventionMachine,
  summarizeConvention,
} from '../../../machines/convention/convention.machine';
import { createConventionRules } from '../../../machines/convention/convention.rules';
import type { ConventionContext } from '../../../machines/convention/convention.types';
import { parisCalendar } from '../../calendar/paris-calendar';
import type { KindDefinition } from '../../engine/kind-definition';
import { conventionEventDtos } from './dtos/convention-events.dto';
import { ConventionDraftDto } from './dtos/convention-input.dto';

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
