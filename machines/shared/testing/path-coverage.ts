import {
  initialTransition,
  transition,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type AnyStateNode,
  type AnyTransitionDefinition,
  type EventObject,
  type StateValue,
} from 'xstate';
import { getShortestPaths, type StatePath, type TraversalOptions } from 'xstate/graph';

/**
 * Test support for the `*.paths.spec.ts` suites (imported by specs only, never by a machine): the
 * graph of a machine explored with `xstate/graph`, and the bookkeeping that proves every state is
 * reached and every transition taken. Works on flat machines (version 1) and on machines whose states
 * are nested (version 2), where a state is named by its path as the service shows it (`open.draft`).
 */

/** A state value as one string, `published` or `open.published` (our machines have no parallel states). */
export function stateIdOf(value: StateValue): string {
  if (typeof value === 'string') return value;
  const [key, child] = Object.entries(value)[0];
  return child === undefined || (typeof child === 'object' && Object.keys(child).length === 0) ? key : `${key}.${stateIdOf(child)}`;
}

/** The key of the innermost active state: `published` for `published` and for `open.published` alike. */
export function leafKeyOf(snapshot: AnyMachineSnapshot): string {
  return stateIdOf(snapshot.value as StateValue)
    .split('.')
    .pop() as string;
}

/** A state node's id under the root: `draft`, `open.draft`. */
export function nodeIdOf(node: AnyStateNode): string {
  return node.path.join('.');
}

/** Every state node under the root, in document order (a parent before its children). */
export function stateNodesOf(machine: AnyStateMachine): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  const walk = (node: AnyStateNode) => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      nodes.push(child);
      walk(child);
    }
  };
  walk(machine.root);
  return nodes;
}

/** The ids of the states a snapshot can rest in: atomic and final states, not their parents. */
export function leafStateIds(machine: AnyStateMachine): string[] {
  return stateNodesOf(machine)
    .filter((node) => Object.keys(node.states).length === 0)
    .map(nodeIdOf);
}

export interface TransitionEntry {
  definition: AnyTransitionDefinition;
  /** The node that carries the transition (a parent for shared transitions). */
  source: string;
  eventType: string;
  /** Its place among the candidates for that event on that node (guarded branches). */
  index: number;
  /** The target node's id; undefined for a transition that stays. */
  target: string | undefined;
}

/** Every transition of the machine, on whichever node declares it. */
export function transitionsOf(machine: AnyStateMachine): TransitionEntry[] {
  return stateNodesOf(machine).flatMap((node) =>
    [...node.transitions.entries()].flatMap(([eventType, definitions]) =>
      definitions.map((definition, index) => ({
        definition,
        source: nodeIdOf(node),
        eventType,
        index,
        target: definition.target?.map(nodeIdOf).join(','),
      })),
    ),
  );
}

/** `published --CLOSE_BIDS[0]--> unsuccessful`, `open --CANCEL[0]--> cancelled`. */
export function labelOf(entry: TransitionEntry): string {
  return `${entry.source} --${entry.eventType}[${entry.index}]--> ${entry.target ?? `(stays in ${entry.source})`}`;
}

/** The active state nodes of a snapshot, innermost first. */
export function activeNodesOf(snapshot: AnyMachineSnapshot): AnyStateNode[] {
  const nodes: AnyStateNode[] = [];
  let node: AnyStateNode | undefined = snapshot.machine.getStateNodeById(
    `${snapshot.machine.id}.${stateIdOf(snapshot.value as StateValue)}`,
  );
  while (node && node.path.length > 0) {
    nodes.push(node);
    node = node.parent;
  }
  return nodes;
}

/** The event types the active states handle: the innermost state's and its parents'. */
export function handledEventTypes(snapshot: AnyMachineSnapshot): string[] {
  return [...new Set(activeNodesOf(snapshot).flatMap((node): string[] => [...(node.ownEvents as string[])]))];
}

/** Replays events with the pure step, from the initial snapshot, as the engine does. */
export function replayEvents<TEvent extends EventObject>(
  machine: AnyStateMachine,
  input: unknown,
  events: readonly TEvent[],
): AnyMachineSnapshot {
  let [snapshot] = initialTransition(machine, input);
  for (const event of events) [snapshot] = transition(machine, snapshot, event);
  return snapshot;
}

/** The business events of a path (its first step is the initial snapshot, under xstate.init). */
export function eventsOfPath<TEvent extends EventObject>(path: StatePath<AnyMachineSnapshot, TEvent>): TEvent[] {
  return path.steps.map((step) => step.event).filter((event) => !event.type.startsWith('xstate.'));
}

export interface Exploration<TEvent extends EventObject> {
  paths: StatePath<AnyMachineSnapshot, TEvent>[];
  /**
   * Each path with the snapshot its own events replay to: with an abstract serialization a path's
   * `state` is one representative of its class, so coverage is computed on the replayed snapshot.
   */
  reached: { path: StatePath<AnyMachineSnapshot, TEvent>; snapshot: AnyMachineSnapshot }[];
}

/** Shortest paths to every abstract state under the event generator, each replayed with the pure step. */
export function explore<TEvent extends EventObject>(
  machine: AnyStateMachine,
  options: TraversalOptions<AnyMachineSnapshot, TEvent, unknown> & { input: unknown },
): Exploration<TEvent> {
  const paths = getShortestPaths(machine, options as never) as unknown as StatePath<AnyMachineSnapshot, TEvent>[];
  const reached = paths.map((path) => ({ path, snapshot: replayEvents(machine, options.input, eventsOfPath(path)) }));
  return { paths, reached };
}

/** The states an eventless (`always`) transition of state `id` leads to. */
function eventlessTargetsOf(machine: AnyStateMachine, id: string): string[] {
  const node = machine.getStateNodeById(`${machine.id}.${id}`);
  return (node.always ?? []).flatMap((definition) => (definition.target ?? []).map((target) => nodeIdOf(target)));
}

export interface Coverage {
  /** The transitions taken by at least one generated event from a reached snapshot. */
  taken: Set<AnyTransitionDefinition>;
  /** Steps where `can`, the transition data and the pure step disagree (should be none). */
  inconsistencies: string[];
}

/**
 * Sends every generated event from every snapshot and records the transition XState selects. A
 * transition is enabled exactly when the snapshot can take the event; then the step lands in its target
 * (or stays, for a targetless one); otherwise the step returns the very same snapshot.
 */
export function coverTransitions<TEvent extends EventObject>(
  machine: AnyStateMachine,
  snapshots: Iterable<AnyMachineSnapshot>,
  eventsFor: (snapshot: AnyMachineSnapshot) => TEvent[],
): Coverage {
  const taken = new Set<AnyTransitionDefinition>();
  const inconsistencies: string[] = [];
  for (const snapshot of snapshots) {
    const from = stateIdOf(snapshot.value as StateValue);
    for (const event of eventsFor(snapshot)) {
      const definitions = machine.getTransitionData(snapshot, event);
      for (const definition of definitions) taken.add(definition);
      const [next] = transition(machine, snapshot, event);
      const problem = (text: string) => inconsistencies.push(`${from} ${event.type}: ${text}`);
      if (snapshot.can(event) !== definitions.length > 0) problem(`can() is ${snapshot.can(event)}`);
      if (definitions.length === 0) {
        if (next !== snapshot) problem('no transition is enabled, yet the step changed the snapshot');
        continue;
      }
      const target = definitions[0].target?.[0];
      const landed = stateIdOf(next.value as StateValue);
      const expected = target ? nodeIdOf(target) : from;
      // An eventless transition of the state reached may move on at once (tender@3's dutiesOutstanding).
      const allowed = [expected, ...eventlessTargetsOf(machine, expected)];
      if (!allowed.some((id) => landed === id || landed.startsWith(`${id}.`))) problem(`landed in ${landed}, expected ${expected}`);
    }
  }
  return { taken, inconsistencies };
}

/** The labels of the machine's transitions that `coverage` did not take. */
export function missingTransitions(machine: AnyStateMachine, coverage: Coverage): string[] {
  return transitionsOf(machine)
    .filter((entry) => !coverage.taken.has(entry.definition))
    .map(labelOf);
}
