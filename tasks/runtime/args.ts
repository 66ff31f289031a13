/**
 * Task arguments shared by every `mg:*` action: the options every task takes, what a task returns when
 * run programmatically, the error whose message is the one sentence shown, and small argument parsers.
 */
import { isHexString } from "ethers";

/** Thrown for bad task arguments: its message is the one sentence shown to the operator. */
export class TaskInputError extends Error {}

/** Options every task takes. */
export interface CommonArgs {
  from: string;
  json: boolean;
}

/** What a task returns when run programmatically (`hre.tasks.getTask(...).run(...)`). */
export type TaskOutcome<R> = { ok: true; result: R } | { ok: false; error: string };

export function requireText(value: string | undefined, option: string, what: string): string {
  if (value === undefined || value.trim() === "") throw new TaskInputError(`${option} is required: ${what}.`);
  return value.trim();
}

/** A whole number argument (grant ids, indexes). */
export function parseWhole(value: string | undefined, option: string): bigint {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) {
    throw new TaskInputError(`${option} must be a whole number, not "${value ?? ""}".`);
  }
  return BigInt(value.trim());
}

/** A whole number from a typed (INT or BIGINT) option, as a bigint; negative values are refused. */
export function wholeNumber(value: number | bigint, option: string): bigint {
  if (typeof value === "number" ? !Number.isSafeInteger(value) || value < 0 : value < 0n) {
    throw new TaskInputError(`${option} must be a whole number, not "${value}".`);
  }
  return BigInt(value);
}

/** A 32-byte hash given as 0x…64 hex digits. */
export function parseHash(value: string, option: string): string {
  if (!isHexString(value, 32)) throw new TaskInputError(`${option} must be a 32-byte hash (0x and 64 hex digits).`);
  return value.toLowerCase();
}
