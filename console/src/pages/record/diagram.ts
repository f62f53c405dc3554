/**
 * Reading the machine's Mermaid diagram (as GET /api/machines/:kind serves it): its transitions, to
 * retrace which states a history went through, and its text, to add human labels and highlights.
 * Node ids are the dotted state ids with `_` for `.` (open.published → open_published).
 */
export interface Transition {
  from: string;
  to: string;
  event: string;
}

export interface DiagramGraph {
  transitions: Transition[];
  /** A compound state's initial child (open → open.draft). */
  initialChild: Map<string, string>;
  root: string | undefined;
}

export const nodeId = (state: string): string => state.replace(/\./g, '_');

export function parseDiagram(diagram: string, stateIds: string[]): DiagramGraph {
  const byNode = new Map(stateIds.map((id) => [nodeId(id), id]));
  const toState = (node: string) => byNode.get(node) ?? node;
  const transitions: Transition[] = [];
  const initialChild = new Map<string, string>();
  let root: string | undefined;
  const parents: string[] = [];
  for (const raw of diagram.split('\n')) {
    const line = raw.trim();
    const open = /^state\s+(\S+)\s*\{$/.exec(line);
    if (open) {
      parents.push(toState(open[1]));
      continue;
    }
    if (line === '}') {
      parents.pop();
      continue;
    }
    const initial = /^\[\*\]\s*-->\s*(\S+)/.exec(line);
    if (initial) {
      const parent = parents.at(-1);
      if (parent) initialChild.set(parent, toState(initial[1]));
      else root = toState(initial[1]);
      continue;
    }
    const arrow = /^(\S+)\s*-->\s*(\S+)\s*:\s*([A-Z0-9_]+)/.exec(line);
    if (arrow && arrow[2] !== '[*]') transitions.push({ from: toState(arrow[1]), to: toState(arrow[2]), event: arrow[3] });
  }
  return { transitions, initialChild, root };
}

function settle(graph: DiagramGraph, state: string): string {
  let current = state;
  for (let guard = 0; graph.initialChild.has(current) && guard < 10; guard++) current = graph.initialChild.get(current) as string;
  return current;
}

const ancestorsOf = (state: string): string[] => state.split('.').map((_, index, parts) => parts.slice(0, index + 1).join('.'));

/**
 * The states a history went through, retraced on the diagram: every possible path is followed (a
 * guarded event may lead to two states) and only those ending in the state the record is in are kept.
 * An event without a transition (a duty recorded in place) leaves the state as it is.
 */
export function visitedStates(graph: DiagramGraph, events: string[], finalState: string): string[] {
  if (!graph.root) return [finalState];
  const start = settle(graph, graph.root);
  // layers[i]: the possible states after i events, each with the states it may come from.
  const layers: Map<string, Set<string>>[] = [new Map([[start, new Set<string>()]])];
  for (const event of events) {
    const previous = layers.at(-1) as Map<string, Set<string>>;
    const next = new Map<string, Set<string>>();
    for (const state of previous.keys()) {
      const targets = new Set<string>();
      // The innermost state's own transition wins over its parent's (as in the machine).
      for (const scope of ancestorsOf(state).reverse()) {
        const found = graph.transitions.filter((transition) => transition.from === scope && transition.event === event);
        if (found.length > 0) {
          found.forEach((transition) => targets.add(settle(graph, transition.to)));
          break;
        }
      }
      if (targets.size === 0) targets.add(state);
      for (const target of targets) {
        if (!next.has(target)) next.set(target, new Set());
        next.get(target)?.add(state);
      }
    }
    layers.push(next);
  }
  const path: string[] = [];
  let current: Set<string> = new Set(layers.at(-1)?.has(finalState) ? [finalState] : []);
  for (let index = layers.length - 1; index >= 0 && current.size > 0; index--) {
    current.forEach((state) => path.push(state));
    const before = new Set<string>();
    current.forEach((state) => layers[index].get(state)?.forEach((origin) => before.add(origin)));
    current = before;
  }
  const visited = new Set<string>(path);
  visited.add(finalState);
  // A compound parent of a visited state was visited too.
  for (const state of [...visited]) ancestorsOf(state).forEach((ancestor) => visited.add(ancestor));
  return [...visited];
}

const cleanLabel = (text: string): string =>
  text
    .replace(/[:;#{}[\]"<>`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The diagram with human state labels and event labels, the current state highlighted and visited
 * states marked (classDef lines; compound states take no class in Mermaid, so only leaves are styled).
 */
export function decorateDiagram(
  diagram: string,
  stateIds: string[],
  labelOfState: (state: string) => string,
  labelOfEvent: (event: string) => string,
  current: string,
  visited: string[],
  compound: Set<string>,
): string {
  const nodes = new Set(stateIds.map(nodeId));
  const lines = diagram.split('\n').map((raw) => {
    const description = /^(\s*)(\S+)\s*:\s*(\S+)\s*\(([^)]*)\)\s*$/.exec(raw);
    if (description && nodes.has(description[2])) {
      const state = stateIds.find((id) => nodeId(id) === description[2]) as string;
      return `${description[1]}${description[2]} : ${cleanLabel(labelOfState(state))}`;
    }
    const arrow = /^(\s*)(\S+)\s*-->\s*(\S+)\s*:\s*([A-Z0-9_]+)(.*)$/.exec(raw);
    if (arrow) return `${arrow[1]}${arrow[2]} --> ${arrow[3]} : ${cleanLabel(labelOfEvent(arrow[4]))}`;
    if (/^\s*note\s/.test(raw)) return '';
    return raw;
  });
  const leaves = (states: string[]) => states.filter((state) => !compound.has(state)).map(nodeId);
  const visitedLeaves = leaves(visited.filter((state) => state !== current));
  lines.push('  classDef visited fill:#e3e3fd,stroke:#6a6af4,color:#000091');
  lines.push('  classDef current fill:#000091,stroke:#000091,color:#ffffff,font-weight:bold');
  if (visitedLeaves.length > 0) lines.push(`  class ${visitedLeaves.join(',')} visited`);
  if (!compound.has(current)) lines.push(`  class ${nodeId(current)} current`);
  return lines.filter((line) => line !== '').join('\n');
}
