import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { declaredEffect } from '../effects';
import { stateNodesOf } from './path-coverage';

/** An effect as the engine's fold keeps it: the action's type and resolved params, as data. */
export interface DeclaredEffect {
  type: string;
  params: unknown;
}

/**
 * What the engine's fold keeps of the actions `transition()` or `initialTransition()` returns: every
 * action whose type does not start with `xstate.`, as `{ type, params }` (test support, specs only).
 */
export function effectsOf(actions: readonly { type: string; params?: unknown }[]): DeclaredEffect[] {
  return actions.filter((action) => !action.type.startsWith('xstate.')).map(({ type, params }) => ({ type, params }));
}

type ActionItem = string | { type: string } | ((...args: unknown[]) => unknown);

function actionTypes(items: readonly ActionItem[] | undefined): string[] {
  return (items ?? []).flatMap((item) => (typeof item === 'string' ? [item] : typeof item === 'object' ? [item.type] : []));
}

/** Every named action the machine's states and transitions use, with the kind of its implementation. */
export function namedActionsOf(machine: AnyStateMachine): { effects: string[]; assigns: string[]; others: string[] } {
  const used = new Set<string>();
  for (const node of stateNodesOf(machine) as (AnyStateNode & { entry: ActionItem[]; exit: ActionItem[] })[]) {
    for (const type of [...actionTypes(node.entry), ...actionTypes(node.exit)]) used.add(type);
    for (const definitions of node.transitions.values()) {
      for (const definition of definitions) for (const type of actionTypes(definition.actions as ActionItem[])) used.add(type);
    }
  }
  const implementations = machine.implementations.actions as Record<string, unknown>;
  const kind = (type: string) => {
    const implementation = implementations[type] as { type?: string } | undefined;
    if (implementation === declaredEffect) return 'effects';
    return implementation?.type === 'xstate.assign' ? 'assigns' : 'others';
  };
  const sorted = [...used].sort();
  return {
    effects: sorted.filter((type) => kind(type) === 'effects'),
    assigns: sorted.filter((type) => kind(type) === 'assigns'),
    others: sorted.filter((type) => kind(type) === 'others'),
  };
}
