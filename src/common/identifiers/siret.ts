/** SIREN of La Poste: its establishments' SIRETs follow another check than Luhn. */
export const LA_POSTE_SIREN = '356000000';

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Whether a SIRET is well formed: 14 digits whose Luhn check holds (the SIREN's 9 digits, then the
 * establishment's 5). La Poste's establishments (SIREN 356000000) are numbered in sequence and checked
 * instead by the sum of their digits, a multiple of 5.
 */
export function isValidSiret(value: string): boolean {
  if (!/^[0-9]{14}$/.test(value)) return false;
  if (luhnValid(value)) return true;
  if (value.startsWith(LA_POSTE_SIREN)) return [...value].reduce((sum, digit) => sum + Number(digit), 0) % 5 === 0;
  return false;
}

/** Why a value is not a SIRET, as a field message. */
export function siretProblem(value: unknown): string {
  if (typeof value !== 'string' || !/^[0-9]{14}$/.test(value)) return 'must be a SIRET: 14 digits';
  return 'must be a SIRET whose check digit holds (Luhn; La Poste: sum of digits a multiple of 5)';
}
