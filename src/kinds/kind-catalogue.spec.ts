import 'reflect-metadata';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import type { GuardLike } from '../../machines/shared/guards';
import { buildCatalogue, KIND_DEFINITIONS } from './kind-catalogue';

/** Every state node of a machine, nested ones included. */
function nodesOf(machine: AnyStateMachine): AnyStateNode[] {
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

function guardNames(machine: AnyStateMachine): Set<string> {
  const names = new Set<string>();
  const collect = (guard: GuardLike | undefined) => {
    if (typeof guard === 'string') names.add(guard);
    else if (typeof guard === 'function') (guard.guards ?? []).forEach(collect);
    else if (guard) names.add(guard.type);
  };
  for (const node of nodesOf(machine)) {
    for (const definitions of node.transitions.values()) definitions.forEach((definition) => collect(definition.guard as GuardLike));
    // Eventless transitions (tender@3's dutiesOutstanding moves on to closed by itself) have guards too.
    for (const definition of node.always ?? []) collect(definition.guard as GuardLike);
  }
  return names;
}

describe('the kind catalogue', () => {
  const catalogue = buildCatalogue();

  it('creates new records on the latest version of every kind (tender@3, version 2 of the others) and keeps the older ones', () => {
    expect(catalogue.kinds()).toEqual(['tender', 'convention', 'cohort']);
    const latest: Record<string, number> = { tender: 3, convention: 2, cohort: 2 };
    for (const kind of catalogue.kinds()) {
      expect(catalogue.latest(kind)!.version).toBe(latest[kind]);
      expect(catalogue.versionsOf(kind).map((definition) => definition.version)).toEqual(kind === 'tender' ? [1, 2, 3] : [1, 2]);
    }
  });

  it.each(KIND_DEFINITIONS.map((definition) => [`${definition.kind}@${definition.version}`, definition] as const))(
    '%s has a payload DTO for exactly the events its machine accepts, and a rule for every guard it uses',
    (_key, definition) => {
      const accepted = new Set(nodesOf(definition.machine).flatMap((node) => [...node.transitions.keys()]));
      expect(Object.keys(definition.eventSchemas).sort()).toEqual([...accepted].sort());
      const guards = guardNames(definition.machine);
      expect([...guards].filter((name) => !(name in definition.rules))).toEqual([]);
      expect(Object.keys(definition.rules).filter((name) => !guards.has(name))).toEqual([]);
      expect(definition.machine.id).toBe(definition.kind);
    },
  );

  it('keeps what version 2 does not change: the same rules, summaries and related facts as version 1', () => {
    for (const kind of catalogue.kinds()) {
      const [v1, v2] = catalogue.versionsOf(kind);
      expect(v2.rules).toBe(v1.rules);
      expect(v2.summarize).toBe(v1.summarize);
      expect(v2.relatedFacts).toBe(v1.relatedFacts);
      expect(v2.machine).not.toBe(v1.machine);
    }
  });
});
