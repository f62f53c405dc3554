import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';

/**
 * XState's `transition(machine, snapshot, event)` is pure, but each call first builds a throw-away
 * actor (which computes an initial snapshot) only to get an inert scope. Our machines spawn no actors
 * and have no effectful actions (only `assign`), so one inert scope per machine serves every step:
 * the computation is the same `machine.transition`, minus the set-up. A test checks both agree.
 */
export class PureStepper {
  private readonly scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

  step(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot {
    return machine.transition(snapshot, event, this.scopeOf(machine)) as AnyMachineSnapshot;
  }

  private scopeOf(machine: AnyStateMachine): AnyActorScope {
    let scope = this.scopes.get(machine);
    if (!scope) {
      const self = createActor(machine);
      scope = {
        self,
        id: '',
        sessionId: '',
        system: self.system,
        logger: () => undefined,
        defer: () => undefined,
        emit: () => undefined,
        stopChild: () => undefined,
        // Effectful actions would be collected here by transition(); ours are all assign, applied inside.
        actionExecutor: () => undefined,
      } as unknown as AnyActorScope;
      this.scopes.set(machine, scope);
    }
    return scope;
  }
}
