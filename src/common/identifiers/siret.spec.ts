import { isValidSiret, siretProblem } from './siret';

describe('SIRET check', () => {
  it('accepts 14 digits whose Luhn check holds', () => {
    for (const siret of ['12345678000014', '21000000000013', '30000000000012']) expect(isValidSiret(siret)).toBe(true);
  });

  it('refuses a wrong check digit, another length, or anything but digits', () => {
    for (const siret of ['12345678000015', '1234567800001', '123456780000140', '1234567800001A', ' 2100000000001']) {
      expect(isValidSiret(siret)).toBe(false);
    }
  });

  it("checks La Poste's establishments (SIREN 356000000) by the sum of their digits, a multiple of 5", () => {
    // The head office passes Luhn; an establishment whose digits sum to 45 passes the sum rule.
    expect(isValidSiret('35600000000048')).toBe(true);
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049838')).toBe(false);
  });

  it('says what is wrong', () => {
    expect(siretProblem('123')).toBe('must be a SIRET: 14 digits');
    expect(siretProblem('12345678000015')).toContain('check digit');
  });
});
