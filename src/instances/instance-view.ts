import type { AnyMachineSnapshot } from 'xstate';
import type { PendingDeadline } from '../../machines/shared/deadlines';
import type { InstanceListItem, InstanceView } from '../engine/engine.types';
import type { KindDefinition } from '../engine/kind-definition';
import { nextEventsOf, pendingDeadlinesOf } from '../engine/snapshot.util';
import type { InstanceHead } from '../persistence/repositories/instance.repository';
import type { InstanceListRow } from '../persistence/repositories/read-model.repository';

/** The view of a record (GET /api/instances/:id, answers to commands, state on a date). */
export function instanceView(
  definition: KindDefinition,
  row: InstanceHead,
  snapshot: AnyMachineSnapshot,
  pending: PendingDeadline[] = pendingDeadlinesOf(snapshot),
): InstanceView {
  return {
    id: row.id,
    kind: row.kind,
    machineVersion: row.machineVersion,
    state: row.state,
    stage: row.stage,
    status: row.status,
    context: snapshot.context,
    summary: definition.summarize?.(snapshot.context) ?? {},
    version: row.version,
    nextEvents: snapshot.status === 'active' ? nextEventsOf(snapshot) : [],
    deadlines: pending.map(({ event, dueAt, label, duty }) => ({ event, dueAt, label, duty: duty === true })),
    parentId: row.parentId,
    organisation: row.organisation,
    headHash: row.headHash,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** One line of the list: the row's columns, the label among them (src/kinds/listing.ts). */
export function instanceListItem(row: InstanceListRow): InstanceListItem {
  return {
    id: row.id,
    kind: row.kind,
    machineVersion: row.machineVersion,
    state: row.state,
    stage: row.stage,
    status: row.status,
    label: row.label,
    version: row.version,
    parentId: row.parentId,
    organisation: row.organisation,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
