/* eslint-disable @typescript-eslint/no-unsafe-function-type -- class-validator keys its metadata by constructors, typed Function */
import { plainToInstance } from 'class-transformer';
import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { getMetadataStorage, IsInt, IsString, Min, ValidatePromise, validateSync } from 'class-validator';
import fc from 'fast-check';
import { buildCatalogue } from '../../kinds/kind-catalogue';
import { ValidationPlans } from './validation-plan';

// class-transformer's metadata (which class a nested field is); its package ships the typings apart.
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as { defaultMetadataStorage: TransformerStorage };
const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: false } as const;
const storage = getMetadataStorage();

function propertiesOf(type: Function): string[] {
  return [
    ...new Set(
      storage.getTargetValidationMetadatas(type, undefined as unknown as string, false, false, undefined).map((m) => m.propertyName),
    ),
  ];
}

function nestedTypeOf(type: Function, property: string): Function | undefined {
  return defaultMetadataStorage.findTypeMetadata(type, property)?.typeFunction();
}

/** Every value an @IsIn of any DTO allows, so that enumerations are sometimes right. */
const allowedByIsIn = [...storage['validationMetadatas'].values()]
  .flat()
  .filter((metadata) => metadata.name === 'isIn')
  .flatMap((metadata) => metadata.constraints[0] as unknown[]);

const typical: unknown[] = [
  '',
  'x',
  'Coaching Coop',
  'a'.repeat(6000),
  '2022-08-05T12:00:00+02:00',
  '2022-08-05T10:00:00Z',
  '2022-08-05T12:00:00',
  '2022-09-19',
  '2022-02-30',
  '11111111100011',
  0,
  1,
  12,
  100,
  -1,
  1.5,
  3_800_000,
  true,
  false,
  null,
  undefined,
  [],
  {},
];

const scalar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...typical) },
  { weight: 3, arbitrary: fc.constantFrom(...allowedByIsIn) },
  { weight: 1, arbitrary: fc.string() },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
);
const strayKeys = fc.dictionary(fc.constantFrom('extra', '__proto__', 'constructor', 'prototype', 'type'), scalar, { maxKeys: 2 });

const ABSENT = Symbol('absent');

/**
 * Payloads shaped like `type`'s: each of its own fields absent three times in four (so that whole
 * payloads are often valid), nested ones shaped like theirs, sometimes a stray key.
 */
function payloadOf(type: Function, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.fromEntries(
    propertiesOf(type).map((property) => {
      const nested = nestedTypeOf(type, property);
      const value: fc.Arbitrary<unknown> =
        nested && depth < 3
          ? fc.oneof(
              { weight: 3, arbitrary: fc.array(payloadOf(nested, depth + 1), { maxLength: 3 }) },
              { weight: 3, arbitrary: payloadOf(nested, depth + 1) },
              { weight: 1, arbitrary: scalar },
            )
          : fc.oneof(
              { weight: 8, arbitrary: scalar },
              { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) },
              // Lists of one kind of value, as `each` rules expect.
              { weight: 3, arbitrary: scalar.chain((item) => fc.array(fc.constant(item), { maxLength: 3 })) },
              { weight: 1, arbitrary: fc.dictionary(fc.string(), scalar, { maxKeys: 2 }) },
            );
      return [property, fc.oneof({ weight: 3, arbitrary: fc.constant(ABSENT) }, { weight: 1, arbitrary: value })];
    }),
  );
  return fc.tuple(fc.record(fields), fc.option(strayKeys, { freq: 6 })).map(([own, stray]) => {
    const present = Object.fromEntries(Object.entries(own).filter(([, value]) => value !== ABSENT));
    return stray ? { ...present, ...stray } : present;
  });
}

describe('ValidationPlans', () => {
  const plans = new ValidationPlans();
  const catalogue = buildCatalogue();
  const dtos = new Map<string, Function>();
  for (const kind of catalogue.kinds()) {
    for (const definition of catalogue.versionsOf(kind)) {
      dtos.set(`${kind}@${definition.version} input`, definition.inputDto);
      for (const [event, dto] of Object.entries(definition.eventDtos)) dtos.set(`${kind}@${definition.version} ${event}`, dto);
    }
  }

  it('agrees with class-validator on generated payloads of every DTO of the engine', () => {
    let passed = 0;
    let refused = 0;
    for (const [name, dto] of dtos) {
      fc.assert(
        fc.property(payloadOf(dto), (payload) => {
          const instance = plainToInstance(dto as new () => object, payload);
          const valid = validateSync(instance, OPTIONS).length === 0;
          if (plans.passes(instance) !== valid) throw new Error(`${name}: the plan says ${!valid}, class-validator ${valid}`);
          if (valid) passed += 1;
          else refused += 1;
        }),
        { numRuns: 300, seed: 20261124 },
      );
    }
    // Both answers were exercised, many times each.
    expect(passed).toBeGreaterThan(dtos.size * 10);
    expect(refused).toBeGreaterThan(dtos.size * 10);
  });

  it('passes a valid payload and not an invalid one', () => {
    class Sample {
      @IsString() name!: string;
      @IsInt() @Min(1) count!: number;
    }
    expect(plans.passes(plainToInstance(Sample, { name: 'a', count: 2 }))).toBe(true);
    expect(plans.passes(plainToInstance(Sample, { name: 'a', count: 0 }))).toBe(false);
    expect(plans.passes(plainToInstance(Sample, { name: 'a' }))).toBe(false);
    expect(plans.passes(plainToInstance(Sample, { name: 'a', count: 2, other: 1 }))).toBe(false);
  });

  it('leaves a class with what it does not cover to class-validator', () => {
    class WithPromise {
      @ValidatePromise() @IsString() later!: Promise<string>;
    }
    expect(plans.passes(Object.assign(new WithPromise(), { later: 'x' }))).toBe(false);
  });

  it('sees rules added to a class after its plan was made', () => {
    class Growing {
      @IsString() first!: string;
    }
    expect(plans.passes(plainToInstance(Growing, { first: 'a', second: 3 }))).toBe(false);
    IsString()(Growing.prototype, 'second');
    expect(plans.passes(plainToInstance(Growing, { first: 'a', second: 'b' }))).toBe(true);
    expect(plans.passes(plainToInstance(Growing, { first: 'a', second: 3 }))).toBe(false);
  });
});
