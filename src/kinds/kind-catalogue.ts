import { MachineCatalogue } from '../engine/machine-catalogue';
import { cohortKindV1 } from './cohort/cohort.kind';
import { conventionKindV1 } from './convention/convention.kind';
import { tenderKindV1 } from './tender/tender.kind';

/** Every kind and version the service can load; add new versions here, never remove old ones. */
export function buildCatalogue(): MachineCatalogue {
  return new MachineCatalogue([tenderKindV1, conventionKindV1, cohortKindV1]);
}
