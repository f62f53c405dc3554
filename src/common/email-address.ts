/**
 * An e-mail address as the contacts and SMTP_FROM accept it: a local part of the characters RFC 5322
 * allows unquoted, `@`, and a domain name with at least one dot. Quoted local parts and address
 * literals are refused: no one gives them on a procurement record.
 */
export const EMAIL_ADDRESS =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** The longest address SMTP carries (RFC 5321: a path of 256 octets, less the angle brackets). */
export const MAX_EMAIL_LENGTH = 254;

export function isEmailAddress(value: string): boolean {
  return value.length <= MAX_EMAIL_LENGTH && EMAIL_ADDRESS.test(value);
}
