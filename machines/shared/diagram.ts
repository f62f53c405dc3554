import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { StateMetaWithDeadlines } from './deadlines';
import type { GuardLike } from './guards';

function guardLabel(guard: GuardLike | undefined): string {
  if (guard === undefined) return '';
  if (typeof guard === 'string') return guard;
  if (typeof guard === 'function') {
    return (guard.guards ?? []).map(guardLabel).join(' and ') || guard.name;
  }
  return guard.type;
}

/** Mermaid state ids may not contain dots: `inForce.review` becomes `inForce_review`. */
function mermaidId(node: AnyStateNode, root: AnyStateNode): string {
  return node.path.length === 0 ? root.key : node.path.join('_');
}

function declareNode(node: AnyStateNode, root: AnyStateNode, indent: string, lines: string[]): void {
  const id = mermaidId(node, root);
  const children = Object.values(node.states) as AnyStateNode[];
  if (children.length === 0) {
    const stage = node.tags.join(', ');
    lines.push(stage ? `${indent}${id} : ${id} (${stage})` : `${indent}${id}`);
    return;
  }
  lines.push(`${indent}state ${id} {`);
  const initial = node.initial?.target?.[0];
  if (initial) lines.push(`${indent}  [*] --> ${mermaidId(initial, root)}`);
  for (const child of children) declareNode(child, root, indent + '  ', lines);
  lines.push(`${indent}}`);
}

/**
 * A Mermaid `stateDiagram-v2` drawn from the machine definition itself: states with their stage tag,
 * transitions with their guards, and the deadlines each state declares.
 */
export function toMermaid(machine: AnyStateMachine): string {
  const root = machine.root;
  const lines: string[] = ['stateDiagram-v2'];
  if (root.initial?.target?.[0]) lines.push(`  [*] --> ${mermaidId(root.initial.target[0], root)}`);
  const all: AnyStateNode[] = [];
  const walk = (node: AnyStateNode) => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      all.push(child);
      walk(child);
    }
  };
  walk(root);
  for (const child of Object.values(root.states) as AnyStateNode[]) declareNode(child, root, '  ', lines);
  for (const node of all) {
    const id = mermaidId(node, root);
    for (const [eventType, transitions] of node.transitions) {
      for (const transition of transitions) {
        const guard = guardLabel(transition.guard as GuardLike | undefined);
        const label = guard ? `${eventType} [${guard}]` : eventType;
        const targets = transition.target ?? [node];
        for (const target of targets) lines.push(`  ${id} --> ${mermaidId(target, root)} : ${label}`);
      }
    }
    // An eventless transition (taken as soon as its guard holds) is drawn with its guard alone.
    for (const transition of (node.always ?? []) as { guard?: unknown; target?: AnyStateNode[] }[]) {
      const guard = guardLabel(transition.guard as GuardLike | undefined);
      for (const target of transition.target ?? []) lines.push(`  ${id} --> ${mermaidId(target, root)} : [${guard || 'always'}]`);
    }
    const meta = node.meta as StateMetaWithDeadlines | undefined;
    for (const deadline of meta?.deadlines ?? []) {
      const each = deadline.each ? ` for each ${deadline.each}` : '';
      // A duty is a person's to do (docs/deadlines.md): the note says so.
      lines.push(`  note right of ${id} : ${deadline.duty ? 'duty' : 'deadline'} ${deadline.event} at ${deadline.dueAt}${each}`);
    }
    if (node.type === 'final') lines.push(`  ${id} --> [*]`);
  }
  return lines.join('\n');
}

export interface StateDescription {
  id: string;
  stage: string | null;
  final: boolean;
  events: string[];
  deadlines: { event: string; dueAt: string; each?: string; label: string }[];
}

/** The states of a machine, in document order, with what each accepts and declares. */
export function describeStates(machine: AnyStateMachine): StateDescription[] {
  const out: StateDescription[] = [];
  const walk = (node: AnyStateNode) => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      const meta = child.meta as StateMetaWithDeadlines | undefined;
      out.push({
        id: child.path.join('.'),
        stage: child.tags[0] ?? null,
        final: child.type === 'final',
        events: [...child.transitions.keys()],
        deadlines: (meta?.deadlines ?? []).map(({ event, dueAt, each, label }) => ({ event, dueAt, each, label })),
      });
      walk(child);
    }
  };
  walk(machine.root);
  return out;
}
