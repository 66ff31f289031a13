/**
 * Exact conversion between amounts as people write them ("5,000,000", "5000000.00", "1 800 000")
 * and integer token units. No floating point anywhere: strings and bigint only.
 */

/** Thrown when an amount string cannot be converted exactly. */
export class AmountError extends Error {}

/**
 * Parses a yuan amount into token units for a token with `decimals` decimals.
 * Accepts digits with optional thousands separators (comma, space, underscore) and an optional
 * fraction no longer than `decimals`. Refuses signs, exponents and anything ambiguous.
 */
export function parseYuan(text: string, decimals: number): bigint {
  const trimmed = text.trim();
  const match = /^(\d{1,3}(?:[, _]\d{3})+|\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (match === null) {
    throw new AmountError(`"${text}" is not an amount: write digits, optional thousands separators and decimals.`);
  }
  const whole = match[1].replace(/[, _]/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) {
    throw new AmountError(`"${text}" has ${fraction.length} decimals; the token has only ${decimals}.`);
  }
  return BigInt(whole + fraction.padEnd(decimals, "0"));
}

/** Formats token units as a yuan amount with thousands separators and exactly `decimals` decimals. */
export function formatYuan(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = decimals > 0 ? "." + digits.slice(digits.length - decimals) : "";
  return (negative ? "-" : "") + whole + fraction;
}
