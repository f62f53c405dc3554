/**
 * Made-up SIRETs for tests: tender@3 checks a bidder's SIRET (14 digits, Luhn), so a test that needs
 * many bidders numbers them and completes each number with its check digit.
 */
export function testSiret(n: number): string {
  const body = String(n).padStart(13, '0');
  for (let check = 0; check <= 9; check += 1) {
    const candidate = `${body}${check}`;
    let sum = 0;
    for (let index = 0; index < candidate.length; index += 1) {
      let digit = Number(candidate[candidate.length - 1 - index]);
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable: one check digit always completes a Luhn number');
}
