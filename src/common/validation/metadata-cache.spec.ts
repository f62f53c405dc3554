import { IsInt, IsString, MaxLength, Min, getMetadataStorage, validateSync } from 'class-validator';
import { plainToInstance } from 'class-transformer';
import { cacheValidationMetadata } from './metadata-cache';

class Base {
  @IsString() @MaxLength(5) name!: string;
}

class Derived extends Base {
  @IsInt() @Min(1) count!: number;
}

function failures(type: new () => object, plain: object): string[] {
  return validateSync(plainToInstance(type, plain), { whitelist: true, forbidNonWhitelisted: true })
    .flatMap((error) => Object.keys(error.constraints ?? {}).map((rule) => `${error.property}:${rule}`))
    .sort();
}

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('is installed once per storage, however often it is called', () => {
    const storage = getMetadataStorage();
    const lookup = storage.getTargetValidationMetadatas;
    cacheValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(lookup);
  });

  it('gives the same verdicts as before, call after call, inherited rules included', () => {
    for (let round = 0; round < 3; round++) {
      expect(failures(Base, { name: 'ok' })).toEqual([]);
      expect(failures(Base, { name: 'too long' })).toEqual(['name:maxLength']);
      expect(failures(Derived, { name: 'too long', count: 0 })).toEqual(['count:min', 'name:maxLength']);
      expect(failures(Derived, { name: 'ok', count: 2, extra: true })).toEqual(['extra:whitelistValidation']);
    }
  });

  it('forgets what it remembered when a class declared later adds rules', () => {
    expect(failures(Derived, { name: 'ok', count: 2 })).toEqual([]);
    // Declared after the lookups above were remembered: its own rules and the inherited ones apply.
    class Later extends Derived {
      @IsString() code!: string;
    }
    expect(failures(Later, { name: 'ok', count: 2, code: 7 })).toEqual(['code:isString']);
    expect(failures(Later, { name: 'far too long', count: 2, code: 'x' })).toEqual(['name:maxLength']);
    expect(failures(Derived, { name: 'ok', count: 2, code: 'x' })).toEqual(['code:whitelistValidation']);
  });

  it('forgets a remembered class when a rule is added to that very class', () => {
    class Growing {
      @IsString() first!: string;
    }
    expect(failures(Growing, { first: 'a', second: 3 })).toEqual(['second:whitelistValidation']);
    IsString()(Growing.prototype, 'second');
    expect(failures(Growing, { first: 'a', second: 3 })).toEqual(['second:isString']);
  });
});
