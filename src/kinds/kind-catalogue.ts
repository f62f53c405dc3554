import { MachineCatalogue } from '../engine/machine-catalogue';
import type { KindDefinition } from '../engine/kind-definition';
import { cohortKindV1, cohortKindV2 } from './cohort/cohort.kind';
import { conventionKindV1, conventionKindV2 } from './convention/convention.kind';
import { tenderKindV1, tenderKindV2, tenderKindV3 } from './tender/tender.kind';

/**
 * Every kind and version the service can load; add new versions here, never remove old ones. A new
 * record is created on its kind's latest version and stays pinned to it; older records keep replaying
 * on the version they were created with.
 */
export const KIND_DEFINITIONS: readonly KindDefinition[] = [
  tenderKindV1,
  tenderKindV2,
  tenderKindV3,
  conventionKindV1,
  conventionKindV2,
  cohortKindV1,
  cohortKindV2,
];

export function buildCatalogue(): MachineCatalogue {
  return new MachineCatalogue([...KIND_DEFINITIONS]);
}
