import {
  COHORT_KIND,
  COHORT_VERSION,
  createCohortMachine,
  summarizeCohort,
} from '../../../machines/coaching-cohort/coaching-cohort.machine';
import { createCohortRules } from '../../../machines/coaching-cohort/coaching-cohort.rules';
import type { CohortContext } from '../../../machines/coaching-cohort/coaching-cohort.types';
import { parisCalendar } from '../../calendar/paris-calendar';
import type { KindDefinition } from '../../engine/kind-definition';
import { cohortEventDtos } from './dtos/cohort-events.dto';
import { CohortTermsDto } from './dtos/cohort-input.dto';

export const cohortKindV1: KindDefinition<CohortContext> = {
  kind: COHORT_KIND,
  version: COHORT_VERSION,
  description:
    'A coaching cohort: eligible participants enrol until recruitment closes, positioning, the session plan with attendance, outcomes at the end and at +6 months.',
  machine: createCohortMachine(parisCalendar),
  rules: createCohortRules(parisCalendar),
  inputDto: CohortTermsDto,
  eventDtos: cohortEventDtos,
  summarize: summarizeCohort,
};
