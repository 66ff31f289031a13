/**
 * Exact conversion between amounts as people write them ("5,000,000", "5000000.00", "1 800 000")
 * and integer token units. No floating point anywhere: strings and bigint only.
 */
import { CoreInputError } from "./input-error.ts";

/** Thrown when an amount string cannot be converted exactly. */
export class AmountError extends CoreInputError {}

/**
 * Parses a yuan amount into token units for a token with `decimals` decimals.
 * Accepts digits with optional thousands separators (comma, space, underscore) and an optional
 * fraction no longer than `decimals`. Refuses signs, exponents and anything ambiguous.
 * @param text the amount as written, e.g. "3,000,000" or "2000000.50"
 * @param decimals the token's decimals
 * @returns the amount in token units
 * @throws AmountError when the text is not an exact amount for this token
 */
export function parseYuan(text: string, decimals: number): bigint {
  const trimmed = text.trim();
  const match = /^(\d{1,3}(?:[, _]\d{3})+|\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (match === null) {
    throw new AmountError(
      `"${text}" is not an amount: write digits, optional thousands separators and decimals.`,
      `“${text}”不是金额：请写数字，可带千位分隔符和小数。`,
    );
  }
  const whole = match[1].replace(/[, _]/g, "");
  const fraction = match[2] ?? "";
  if (fraction.length > decimals) {
    throw new AmountError(
      `"${text}" has ${fraction.length} decimals; the token has only ${decimals}.`,
      `“${text}”有 ${fraction.length} 位小数，该代币只有 ${decimals} 位。`,
    );
  }
  return BigInt(whole + fraction.padEnd(decimals, "0"));
}

/**
 * Formats token units as a yuan amount with thousands separators and exactly `decimals` decimals.
 * @param units the amount in token units
 * @param decimals the token's decimals
 * @returns e.g. "3,000,000.00"
 */
export function formatYuan(units: bigint, decimals: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(decimals + 1, "0");
  const whole = digits.slice(0, digits.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fraction = decimals > 0 ? "." + digits.slice(digits.length - decimals) : "";
  return (negative ? "-" : "") + whole + fraction;
}

/** An amount as machine output (`--json`) gives it: both forms, so no reader has to guess the unit. */
export interface MachineAmount {
  /** Yuan as a plain decimal string with exactly the token's decimals, no separators: "3000000.00". */
  yuan: string;
  /** The same amount in integer token units (printed as a decimal string): 300000000 at 2 decimals. */
  units: bigint;
}

/**
 * An amount for machine output: yuan for people and spreadsheets, units for exact arithmetic.
 * @param units the amount in token units
 * @param decimals the token's decimals
 */
export function machineAmount(units: bigint, decimals: number): MachineAmount {
  return { yuan: formatYuan(units, decimals).replaceAll(",", ""), units };
}
