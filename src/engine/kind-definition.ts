import type { TObject } from '@sinclair/typebox';
import type { AnyStateMachine } from 'xstate';
import type { Rule } from '../../machines/shared/rules';

export interface RelatedInstances {
  children: { id: string; kind: string; state: string; stage: string }[];
}

/**
 * Everything the engine needs to host one kind of record at one machine version. The engine is
 * general: it knows kinds only through these definitions (see machine-catalogue.ts).
 */
// A catalogue holds kinds of every context type: the definitions are generic over it, loosely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface KindDefinition<TContext = any> {
  kind: string;
  version: number;
  /** One sentence for the machines listing. */
  description: string;
  machine: AnyStateMachine;
  /** The machine's named guards as rules, so a refusal can name the rule and its reason. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  rules: Record<string, Rule<any, any>>;
  /**
   * The side effects the machine declares (its named non-assign actions), which the decider returns
   * with each decision: listed so that the API can describe them. None for machines that declare none.
   */
  effects?: readonly string[];
  /** JSON Schema of the creation input: validates it and documents it (OpenAPI, GET /api/machines/:kind). */
  inputSchema: TObject;
  /** JSON Schema of each event's payload (without `type`, `at` and `expectedVersion`), used the same two ways. */
  eventSchemas: Record<string, TObject>;
  /**
   * Facts about related instances that an event needs (a machine reads no database). The engine adds
   * them to the event inside the command's transaction and stores them with it, so replay needs no
   * other instance. Keyed by event type.
   */
  relatedFacts?: Record<string, (related: RelatedInstances) => Record<string, unknown>>;
  /** Derived, read-only parts of the view (e.g. a tender's ranking). */
  summarize?: (context: TContext) => Record<string, unknown>;
}
