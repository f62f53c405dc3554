import { getNextTransitions, type AnyMachineSnapshot, type AnyStateMachine, type StateValue } from 'xstate';
import { resolveDeadlines, type PendingDeadline, type StateMetaWithDeadlines } from '../../machines/shared/deadlines';
import { isSpineStage, type SpineStage } from '../../machines/shared/spine';

/** A state value as one readable string: `published`, or `inForce.reviewWindow` for nested states. */
export function stateToString(value: StateValue): string {
  if (typeof value === 'string') return value;
  // A plain loop: this runs several times per command, on every nested state.
  let name = '';
  for (const key of Object.keys(value)) {
    const child = value[key];
    const part = child && (typeof child === 'string' || Object.keys(child).length > 0) ? `${key}.${stateToString(child)}` : key;
    name = name ? `${name},${part}` : part;
  }
  return name;
}

type StateNodeLike = { tags: string[]; meta?: unknown; type: string; path: string[]; on?: Record<string, unknown> };

function activeNodes(snapshot: AnyMachineSnapshot): StateNodeLike[] {
  // `_nodes` is the active configuration (usually ancestors first, but not always: see deepestStage).
  return (snapshot as unknown as { _nodes: StateNodeLike[] })._nodes;
}

/** What depends on a state alone, worked out once per state of each machine. */
interface StateFacts {
  state: string;
  stage: SpineStage | undefined;
  nextEvents?: readonly string[];
}

/** Keyed by the active atomic state node: without parallel states it names the whole configuration. */
const factsByNode = new WeakMap<StateNodeLike, StateFacts>();
/** Keyed by the state's name, for the other configurations (parallel regions, an ended snapshot). */
const factsByName = new WeakMap<AnyStateMachine, Map<string, StateFacts>>();

function factsOf(snapshot: AnyMachineSnapshot): StateFacts {
  const nodes = activeNodes(snapshot);
  const atomic = nodes[nodes.length - 1];
  // Only an atomic or final node names a whole configuration (without parallel regions). A snapshot
  // that has ended may list no such node (its root alone): then the state's name is the key.
  const byNode = (atomic.type === 'atomic' || atomic.type === 'final') && !nodes.some((node) => node.type === 'parallel');
  let facts = byNode ? factsByNode.get(atomic) : undefined;
  if (facts) return facts;
  const state = stateToString(snapshot.value as StateValue);
  if (!byNode) {
    let byName = factsByName.get(snapshot.machine as AnyStateMachine);
    if (!byName) factsByName.set(snapshot.machine as AnyStateMachine, (byName = new Map<string, StateFacts>()));
    facts = byName.get(state);
    if (facts) return facts;
    byName.set(state, (facts = { state, stage: deepestStage(nodes) }));
    return facts;
  }
  facts = { state, stage: deepestStage(nodes) };
  factsByNode.set(atomic, facts);
  return facts;
}

function deepestStage(nodes: StateNodeLike[]): SpineStage | undefined {
  // `_nodes` is not always in document order (an ended snapshot lists its final state first).
  let stage: SpineStage | undefined;
  let depth = -1;
  for (const node of nodes) {
    const tag = node.tags.find(isSpineStage);
    if (tag && node.path.length > depth) {
      stage = tag;
      depth = node.path.length;
    }
  }
  return stage;
}

/** The state of a snapshot as one readable string (XState types a snapshot's value loosely). */
export function stateOf(snapshot: AnyMachineSnapshot): string {
  return factsOf(snapshot).state;
}

/** The spine stage of the deepest active state carrying one. */
export function stageOf(snapshot: AnyMachineSnapshot): SpineStage {
  const { stage, state } = factsOf(snapshot);
  if (!stage) throw new Error(`State ${state} carries no spine stage tag`);
  return stage;
}

/**
 * Event types that have a transition from the current state (guards not evaluated). They depend on
 * the active states alone, so they are worked out once per state of each machine.
 */
export function nextEventsOf(snapshot: AnyMachineSnapshot): readonly string[] {
  const facts = factsOf(snapshot);
  if (!facts.nextEvents) {
    const found = new Set<string>();
    for (const { eventType } of getNextTransitions(snapshot) as { eventType: string }[]) {
      if (eventType && !eventType.startsWith('xstate.')) found.add(eventType);
    }
    facts.nextEvents = Object.freeze([...found]);
  }
  return facts.nextEvents;
}

/** The deadlines that the active states declare, resolved against the context. */
export function pendingDeadlinesOf(snapshot: AnyMachineSnapshot): PendingDeadline[] {
  if (snapshot.status !== 'active') return [];
  const pending: PendingDeadline[] = [];
  for (const node of activeNodes(snapshot)) {
    const meta = node.meta as StateMetaWithDeadlines | undefined;
    if (meta?.deadlines) pending.push(...resolveDeadlines(meta.deadlines, snapshot.context));
  }
  return pending.map((deadline) => ({ ...deadline, dueAt: new Date(Date.parse(deadline.dueAt)).toISOString() }));
}

export interface PersistedSnapshot {
  value: StateValue;
  context: unknown;
  status: 'active' | 'done' | 'error' | 'stopped';
  output?: unknown;
  historyValue?: unknown;
}

export function persistSnapshot(machine: AnyStateMachine, snapshot: AnyMachineSnapshot): PersistedSnapshot {
  const history = (snapshot as unknown as { historyValue?: Record<string, unknown> }).historyValue;
  const hasHistory = history !== undefined && Object.keys(history).length > 0;
  if (!hasHistory && Object.keys(snapshot.children as object).length === 0) {
    // Our machines spawn no actors and keep no actor in their context: the persisted form is these
    // fields as they are (XState's own walk of the context, looking for actors, finds none).
    return {
      value: snapshot.value as StateValue,
      context: snapshot.context as unknown,
      status: snapshot.status,
      ...(snapshot.output !== undefined ? { output: snapshot.output } : {}),
    };
  }
  const persisted = machine.getPersistedSnapshot(snapshot) as unknown as PersistedSnapshot & { children?: unknown };
  return {
    value: persisted.value,
    context: persisted.context,
    status: persisted.status,
    ...(persisted.output !== undefined ? { output: persisted.output } : {}),
    ...(persisted.historyValue && Object.keys(persisted.historyValue).length > 0 ? { historyValue: persisted.historyValue } : {}),
  };
}

export function restoreSnapshot(machine: AnyStateMachine, persisted: PersistedSnapshot): AnyMachineSnapshot {
  return machine.resolveState(persisted as Parameters<AnyStateMachine['resolveState']>[0]);
}
