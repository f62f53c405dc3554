import { Type } from '@sinclair/typebox';
import { ConfigError, loadConfig } from '../../config/app-config';
import { BusinessDate, Instant, StrictObject } from '../../contract/schema';
import { errorsOf as schemaErrorsOf, validated } from '../../contract/validator';
import { checkInstant, toUtcInstant } from './instant';

const Dated = StrictObject({ at: Type.Optional(Instant()), day: Type.Optional(BusinessDate()) });

function errorsOf(plain: Record<string, unknown>): string[] {
  return schemaErrorsOf(Dated, plain).flatMap((error) => error.messages.map((message) => `${error.field} ${message}`));
}

describe('instants read strictly', () => {
  it.each([
    ['2022-08-05T12:00:00+02:00', '2022-08-05T10:00:00.000Z'],
    ['2022-08-05T12:00+02:00', '2022-08-05T10:00:00.000Z'],
    ['2024-02-29T23:59:59.999999999Z', '2024-02-29T23:59:59.999Z'],
    ['2022-03-27T02:30:00+01:00', '2022-03-27T01:30:00.000Z'],
    ['0000-01-01T00:00:00Z', '0000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['2022-08-05T12:00:00-00:00', '2022-08-05T12:00:00.000Z'],
    ['2022-08-05T12:00:00+14:00', '2022-08-04T22:00:00.000Z'],
  ])('reads %s as %s', (text, utc) => {
    expect(checkInstant(text)).toEqual({ instant: utc });
    expect(toUtcInstant(text)).toBe(utc);
  });

  it.each([
    ['2022-02-30T10:00:00+01:00', /no such date/],
    ['2022-02-29T10:00:00+01:00', /no such date/],
    ['2022-06-31T10:00:00+02:00', /no such date/],
    ['2022-13-01T10:00:00+01:00', /no such date/],
    ['2022-00-10T10:00:00+01:00', /no such date/],
    ['2022-01-00T10:00:00+01:00', /no such date/],
    ['2022-07-01T25:00:00+02:00', /no such date/],
    ['2022-07-01T24:00:00+02:00', /no such time of day \(24:00\)/],
    ['2022-07-01T10:60:00+02:00', /no such date/],
    ['2022-07-01T10:00:60+02:00', /no such date/],
    ['2022-07-01T10:00:00+25:00', /no such UTC offset/],
    ['2022-07-01T10:00:00+02:99', /no such UTC offset/],
    ['9999-12-31T23:59:59-14:00', /outside the years 0000 to 9999/],
    ['0000-01-01T00:00:00+01:00', /outside the years 0000 to 9999/],
    ['2022-07-01T10:00:00', /not an ISO 8601 instant with an offset/],
    ['2022-07-01', /not an ISO 8601 instant with an offset/],
    ['+275760-09-13T00:00:00Z', /not an ISO 8601 instant with an offset/],
    ['yesterday', /not an ISO 8601 instant with an offset/],
  ])('refuses %s (%s)', (text, problem) => {
    expect(checkInstant(text).problem).toMatch(problem);
    expect(toUtcInstant(text)).toBeUndefined();
  });

  it('gives undefined for what is not a string', () => {
    expect(toUtcInstant(1_659_693_600_000)).toBeUndefined();
    expect(toUtcInstant(null)).toBeUndefined();
  });

  it('refuses an impossible instant in a schema, naming the field and the reason, instead of rolling it over', () => {
    expect(errorsOf({ at: '2022-02-30T10:00:00+01:00' })).toEqual([expect.stringMatching(/^at must be an ISO 8601 instant.*no such date/)]);
    expect(errorsOf({ at: 20220230 })).toEqual([expect.stringMatching(/^at must be an ISO 8601 instant/)]);
    expect(validated(Dated, { at: '2022-08-05T12:00:00+02:00' }, 'test').at).toBe('2022-08-05T10:00:00.000Z');
    expect(errorsOf({ at: '2022-08-05T12:00:00+02:00' })).toEqual([]);
  });

  it('refuses an impossible business date, naming the field', () => {
    expect(errorsOf({ day: '2022-02-29' })).toEqual(['day must be a real calendar date YYYY-MM-DD']);
    expect(errorsOf({ day: '2022-02-28T00:00:00Z' })).toEqual(['day must be a real calendar date YYYY-MM-DD']);
    expect(errorsOf({ day: '2024-02-29' })).toEqual([]);
  });

  it('refuses an impossible CLOCK_START at start-up', () => {
    expect(loadConfig({ CLOCK: 'simulated', CLOCK_START: '2022-06-27T09:00:00+02:00' }).clock.start?.toISOString()).toBe(
      '2022-06-27T07:00:00.000Z',
    );
    for (const start of ['2022-02-30T10:00:00+01:00', '2022-06-27', 'June 2022', '2022-06-27T24:00:00Z']) {
      expect(() => loadConfig({ CLOCK: 'simulated', CLOCK_START: start })).toThrow(ConfigError);
    }
    expect(() => loadConfig({ CLOCK_START: '2022-02-30T10:00:00+01:00' })).toThrow(/CLOCK_START .*no such date/);
  });
});
