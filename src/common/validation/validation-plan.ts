/* eslint-disable @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by constructors, typed Function */
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import { cacheValidationMetadata, metadataGeneration } from './metadata-cache';

type Storage = ReturnType<typeof getMetadataStorage>;
type ValidationMetadata = Parameters<Storage['addValidationMetadata']>[0];
type Validate = (value: unknown, args: ValidationArguments) => unknown;

interface CustomCheck {
  metadata: ValidationMetadata;
  validators: Validate[];
}

interface PropertyPlan {
  name: string;
  conditions: ((object: object, value: unknown) => boolean)[];
  checks: CustomCheck[];
  nested: boolean;
}

interface Plan {
  allowed: ReadonlySet<string>;
  properties: PropertyPlan[];
}

/**
 * A yes-or-no answer to "would class-validator find nothing wrong?", for the options the engine uses
 * (whitelist, forbidNonWhitelisted, no groups), computed from class-validator's own metadata and
 * validators. class-validator builds a full report for every property on every call, valid or not;
 * on the command path most payloads are valid, and the report is what costs. So a payload goes
 * through this plan first, and only one the plan does not pass goes through class-validator, which
 * decides and writes the report. A class using anything the plan does not cover (promises, unknown
 * validation types) gets no plan: class-validator alone decides for it. A property test checks that
 * the plan agrees with class-validator on every DTO of the engine.
 */
export class ValidationPlans {
  private plans = new Map<Function, Plan | null>();
  private generation = -1;

  constructor(private readonly storage: Storage = getMetadataStorage()) {
    // Rules added after a plan was made (a class declared later) must reach it: the cache tells.
    cacheValidationMetadata(storage);
  }

  /** True only when class-validator would return no error for `object` (a class instance). */
  passes(object: object): boolean {
    const plan = this.planOf(object.constructor);
    return plan !== null && this.check(plan, object);
  }

  private check(plan: Plan, object: object): boolean {
    for (const key of Object.keys(object)) if (!plan.allowed.has(key)) return false;
    const record = object as Record<string, unknown>;
    for (const property of plan.properties) {
      const value = record[property.name];
      if (!property.conditions.every((condition) => condition(object, value))) continue;
      for (const { metadata, validators } of property.checks) {
        if (metadata.validateIf && !metadata.validateIf(object, value)) continue;
        const args: ValidationArguments = {
          targetName: object.constructor ? object.constructor.name : (undefined as unknown as string),
          property: metadata.propertyName,
          object,
          value,
          constraints: metadata.constraints,
        };
        const items = metadata.each ? listOf(value) : undefined;
        for (const validate of validators) {
          if (items ? !items.every((item) => validate(item, args)) : !validate(value, args)) return false;
        }
      }
      if (property.nested && !this.nestedPasses(value)) return false;
    }
    return true;
  }

  /** class-validator's nested validation: each element of a list, or the object itself, by its own class. */
  private nestedPasses(value: unknown): boolean {
    if (value === undefined) return true;
    const items = listOf(value);
    if (items) return items.every((item) => this.nestedPasses(item));
    if (value instanceof Object) return this.passes(value);
    return false;
  }

  private planOf(target: Function): Plan | null {
    if (this.generation !== metadataGeneration()) {
      this.plans = new Map();
      this.generation = metadataGeneration();
    }
    let plan = this.plans.get(target);
    if (plan === undefined) {
      plan = this.compile(target);
      this.plans.set(target, plan);
    }
    return plan;
  }

  private compile(target: Function): Plan | null {
    // The same lookup class-validator makes for validateSync(instance) without groups.
    const metadatas = this.storage.getTargetValidationMetadatas(target, undefined as unknown as string, false, false, undefined);
    const byName = new Map<string, PropertyPlan>();
    for (const metadata of metadatas) {
      let property = byName.get(metadata.propertyName);
      if (!property)
        byName.set(metadata.propertyName, (property = { name: metadata.propertyName, conditions: [], checks: [], nested: false }));
      switch (metadata.type) {
        case ValidationTypes.CONDITIONAL_VALIDATION:
          property.conditions.push(metadata.constraints[0] as (object: object, value: unknown) => boolean);
          break;
        case ValidationTypes.CUSTOM_VALIDATION:
        case ValidationTypes.IS_DEFINED: {
          const constraints = this.storage.getTargetValidatorConstraints(metadata.constraintCls);
          if (constraints.some((constraint) => constraint.async)) return null;
          property.checks.push({
            metadata,
            validators: constraints.map((constraint) => (value, args) => constraint.instance.validate(value, args)),
          });
          break;
        }
        case ValidationTypes.NESTED_VALIDATION:
          property.nested = true;
          break;
        case ValidationTypes.WHITELIST:
          break;
        default:
          return null;
      }
    }
    return { allowed: new Set(byName.keys()), properties: [...byName.values()] };
  }
}

/** Arrays, sets and maps are validated element by element, as class-validator does. */
function listOf(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value as unknown[];
  if (value instanceof Set || value instanceof Map) return [...(value.values() as Iterable<unknown>)];
  return undefined;
}
