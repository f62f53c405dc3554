import type { AnyMachineSnapshot } from 'xstate';
import type { PendingDeadline } from '../../machines/shared/deadlines';
import type { InstanceListItem, InstanceView } from '../engine/engine.types';
import type { KindDefinition } from '../engine/kind-definition';
import { nextEventsOf, pendingDeadlinesOf, type PersistedSnapshot } from '../engine/snapshot.util';
import type { InstanceEntity } from '../persistence/entities/instance.entity';
import type { InstanceHead } from '../persistence/repositories/instance.repository';

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
    deadlines: pending.map(({ event, dueAt, label }) => ({ event, dueAt, label })),
    parentId: row.parentId,
    headHash: row.headHash,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** One line of the list: the row's columns and a label from the context (title, name or group). */
export function instanceListItem(row: InstanceEntity): InstanceListItem {
  const context = (JSON.parse(row.snapshot) as PersistedSnapshot).context as Record<string, unknown> | undefined;
  const label = [context?.title, context?.name, context?.group].find((value): value is string => typeof value === 'string');
  return {
    id: row.id,
    kind: row.kind,
    machineVersion: row.machineVersion,
    state: row.state,
    stage: row.stage,
    status: row.status,
    label: label ?? null,
    version: row.version,
    parentId: row.parentId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
