import { MachineCatalogue } from '../engine/machine-catalogue';
import { tenderKindV1 } from './tender/tender.kind';

/** Every kind and version the service can load; add new versions here, never remove old ones. */
export function buildCatalogue(): MachineCatalogue {
  return new MachineCatalogue([tenderKindV1]);
}
