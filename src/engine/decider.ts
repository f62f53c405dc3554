import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type EventObject } from 'xstate';
import type { PendingDeadline } from '../../machines/shared/deadlines';
import { DomainError, ErrorCode } from '../common/errors/domain-error';
import { CREATE_EVENT } from './engine.types';
import type { KindDefinition } from './kind-definition';
import { explainRefusal } from './refusal.util';
import { nextEventsOf, pendingDeadlinesOf, stateOf } from './snapshot.util';

/**
 * A side effect a machine declares (a named action that is not `assign`: "inform the rejected
 * bidders", "a yearly report falls due"). The fold returns it as data and never runs it; the command
 * side writes it to the outbox with its event, and the dispatcher delivers it (src/notifications).
 */
export interface Effect {
  type: string;
  params: unknown;
}

/** What one accepted event (or a creation) leads to. */
export interface Decision {
  ok: true;
  next: AnyMachineSnapshot;
  effects: Effect[];
  /** The deadlines the next snapshot implies (those of its active states). */
  deadlines: PendingDeadline[];
}

/** Why an event is refused: a stable code (the API's), the reason in words, and the rule if one refused. */
export interface Refusal {
  ok: false;
  /** EVENT_NOT_ACCEPTED, RULE_REFUSED, or what the machine's calendar refused (e.g. INVALID_TIME past year 9999). */
  code: ErrorCode;
  reason: string;
  /** The named rule (guard) that refused; null when the state itself does not take the event. */
  rule: string | null;
  /** The state the event met (absent for a refused creation). */
  state?: string;
  acceptedEvents?: readonly string[];
}

export type FoldResult = Decision | Refusal;

/** The actor scope a machine's own `transition` and `getInitialSnapshot` take. */
type MachineScope = Parameters<AnyStateMachine['transition']>[2];

/** An event as the machine receives it: its type, its business instant and its payload fields. */
export type MachineEvent = EventObject & { at: string } & Record<string, unknown>;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A machine that throws: its calendar refusing a date keeps its own code; anything else is the rule's. */
function thrownRefusal(error: unknown, fallback: ErrorCode, reason: string, state?: string): Refusal {
  if (error instanceof DomainError) return refusal(error.code, error.detail, { state });
  return refusal(fallback, `${reason}: ${messageOf(error)}`, { state });
}

/**
 * THE fold (DESIGN rule 2), shared by every path that steps a machine: the engine's writes, replay,
 * verification, state on a date, the migration dry run and the benchmarks. Pure: it reads a snapshot
 * and an event and returns the next snapshot, the declared effects and the implied deadlines, or a
 * refusal with the rule that refused. It stores nothing and runs no effect.
 *
 * It steps with `machine.transition(snapshot, event, scope)`, which is what XState's public
 * `transition()` does, minus building a throw-away actor per call only to get an inert scope: one
 * scope per machine serves every step, and its action executor collects the effects of the step.
 */
export class Decider {
  private readonly scopes = new WeakMap<AnyStateMachine, MachineScope>();
  /** The effects of the step in progress (steps are synchronous, so one collector serves all). */
  private collected: Effect[] = [];

  /** The creation of an instance: the machine's initial snapshot for `input`. */
  start(definition: KindDefinition, input: Record<string, unknown>): FoldResult {
    this.collected = [];
    let next: AnyMachineSnapshot;
    try {
      next = definition.machine.getInitialSnapshot(this.scopeOf(definition.machine), input) as AnyMachineSnapshot;
    } catch (error) {
      return thrownRefusal(
        error,
        ErrorCode.VALIDATION_FAILED,
        `The machine ${definition.kind}@${definition.version} cannot start from this input`,
      );
    }
    return this.decision(next);
  }

  /** One event on an instance: accepted (next snapshot, effects, deadlines) or refused (why). */
  fold(definition: KindDefinition, snapshot: AnyMachineSnapshot, event: MachineEvent): FoldResult {
    // The state's name is only needed to explain a refusal.
    const state = () => stateOf(snapshot);
    if (event.type === CREATE_EVENT) {
      return refusal(ErrorCode.EVENT_NOT_ACCEPTED, `${CREATE_EVENT} may only be the first event of a history.`, { state: state() });
    }
    const accepted = snapshot.status === 'active' ? nextEventsOf(snapshot) : [];
    if (!accepted.includes(event.type)) {
      const accepts = accepted.length ? accepted.join(', ') : `no event (the record has ended: ${snapshot.status})`;
      return refusal(ErrorCode.EVENT_NOT_ACCEPTED, `${event.type} is not accepted in state ${state()}; it accepts ${accepts}.`, {
        state: state(),
        acceptedEvents: accepted,
      });
    }
    this.collected = [];
    let next: AnyMachineSnapshot;
    try {
      next = definition.machine.transition(snapshot, event, this.scopeOf(definition.machine)) as AnyMachineSnapshot;
    } catch (error) {
      return thrownRefusal(
        error,
        ErrorCode.RULE_REFUSED,
        `The machine ${definition.kind}@${definition.version} cannot take ${event.type} in state ${state()}`,
        state(),
      );
    }
    // XState returns the very snapshot it was given when no transition is enabled: only then is `can`
    // asked (a transition that changes nothing at all is still accepted).
    if (next === snapshot && !snapshot.can(event)) {
      const explained = explainRefusal(snapshot, event, definition.rules);
      return refusal(ErrorCode.RULE_REFUSED, explained?.reason ?? `${event.type} is refused in state ${state()}.`, {
        state: state(),
        rule: explained?.rule ?? null,
      });
    }
    return this.decision(next);
  }

  private decision(next: AnyMachineSnapshot): Decision {
    const effects = this.collected;
    this.collected = [];
    return { ok: true, next, effects, deadlines: pendingDeadlinesOf(next) };
  }

  private scopeOf(machine: AnyStateMachine): MachineScope {
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
        // XState hands every action that is not applied inside the step (anything but assign) to the
        // executor: those are the machine's declared effects. Built-in ones (xstate.*) are not ours.
        actionExecutor: (action: { type: string; params?: unknown }) => {
          if (!action.type.startsWith('xstate.')) this.collected.push({ type: action.type, params: action.params ?? {} });
        },
      };
      this.scopes.set(machine, scope);
    }
    return scope;
  }
}

function refusal(
  code: Refusal['code'],
  reason: string,
  details: { state?: string; rule?: string | null; acceptedEvents?: readonly string[] } = {},
): Refusal {
  return { ok: false, code, reason, ...details, rule: details.rule ?? null };
}

/** The one decider of the process: every path folds through it (a test checks writes and replays do). */
export const decider = new Decider();
