// How a telephone number and an email address are checked wherever the API takes one: the same
// rules as the registry's association columns (shared/domain/registry.ts).

/** An address a mail server takes: one @, a dotted domain, no spaces; 254 characters at most (RFC 5321). */
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/u;
/** A telephone number as people write it: digits, spaces, + ( ) - . ; 6 to 15 digits. */
const PHONE = /^\+?[0-9 ().-]{6,24}$/u;

export function isPhoneNumber(value: string): boolean {
  const digits = value.replace(/\D/gu, '').length;
  return PHONE.test(value) && digits >= 6 && digits <= 15;
}

export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}
