import { COHORT_EFFECTS } from '../../../machines/coaching-cohort/coaching-cohort.effects';
import {
  COHORT_KIND,
  COHORT_VERSION,
  createCohortMachine,
  summarizeCohort,
} from '../../../machines/coaching-cohort/coaching-cohort.machine';
import { COHORT_VERSION_2, createCohortMachineV2 } from '../../../machines/coaching-cohort/coaching-cohort.machine.v2';
import { createCohortRules } from '../../../machines/coaching-cohort/coaching-cohort.rules';
import type { CohortContext } from '../../../machines/coaching-cohort/coaching-cohort.types';
import { parisCalendar } from '../../calendar/paris-calendar';
import type { KindDefinition } from '../../engine/kind-definition';
import { CohortTerms, cohortEventSchemas } from './cohort.schemas';

export const cohortKindV1: KindDefinition<CohortContext> = {
  kind: COHORT_KIND,
  version: COHORT_VERSION,
  description:
    'A coaching cohort: eligible participants enrol until recruitment closes, positioning, the session plan with attendance, outcomes at the end and at +6 months.',
  machine: createCohortMachine(parisCalendar),
  rules: createCohortRules(parisCalendar),
  inputSchema: CohortTerms,
  eventSchemas: cohortEventSchemas,
  summarize: summarizeCohort,
};

/**
 * cohort@2: the states before the sessions grouped under `open` (state strings `open.draft` …
 * `open.confirmed`), CANCEL declared once, side effects declared
 * (machines/coaching-cohort/coaching-cohort.effects.ts), and the +6-month outcomes counted from the
 * start of the sessions unless the cohort names `sixMonthAnchor: 'end'`. Same input, events and rules.
 */
export const cohortKindV2: KindDefinition<CohortContext> = {
  ...cohortKindV1,
  version: COHORT_VERSION_2,
  machine: createCohortMachineV2(parisCalendar),
  effects: COHORT_EFFECTS,
};
