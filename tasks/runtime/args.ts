/**
 * Task arguments shared by every `mg:*` action: the options every task takes, what a task returns when
 * run programmatically, the error whose message is the one sentence shown, and small argument parsers.
 */
import { isHexString } from "ethers";

import type { Bilingual } from "../../core/messages/labels.js";

/**
 * Thrown for bad task arguments: `message` is the English sentence, `zh` the same sentence in Chinese;
 * both are shown to the operator. The Chinese is a required constructor argument, so a new refusal
 * without its translation does not compile.
 */
export class TaskInputError extends Error {
  /** The same sentence in Chinese. */
  readonly zh: string;

  /**
   * @param message one plain English sentence: what is wrong and what to do instead
   * @param zh the same sentence in Chinese
   */
  constructor(message: string, zh: string) {
    super(message);
    this.name = "TaskInputError";
    this.zh = zh;
  }
}

/** Options every task takes. */
export interface CommonArgs {
  from: string;
  json: boolean;
}

/**
 * What a task returns when run programmatically (`hre.tasks.getTask(...).run(...)`): on failure the
 * sentence in English (`error`, as `--json` prints it) and in Chinese (`errorZh`).
 */
export type TaskOutcome<R> = { ok: true; result: R } | { ok: false; error: string; errorZh: string };

/**
 * A required text option, trimmed.
 * @param value the option's value
 * @param option the option's name, e.g. "--reason"
 * @param what what the option holds, in both languages (for the refusal when it is missing)
 */
export function requireText(value: string | undefined, option: string, what: Bilingual): string {
  if (value === undefined || value.trim() === "") {
    throw new TaskInputError(`${option} is required: ${what.en}.`, `必须提供 ${option}：${what.zh}。`);
  }
  return value.trim();
}

/** A whole number argument (grant ids, indexes). */
export function parseWhole(value: string | undefined, option: string): bigint {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) {
    throw new TaskInputError(
      `${option} must be a whole number, not "${value ?? ""}".`,
      `${option} 必须是非负整数，不能是“${value ?? ""}”。`,
    );
  }
  return BigInt(value.trim());
}

/** A whole number from a typed (INT or BIGINT) option, as a bigint; negative values are refused. */
export function wholeNumber(value: number | bigint, option: string): bigint {
  if (typeof value === "number" ? !Number.isSafeInteger(value) || value < 0 : value < 0n) {
    throw new TaskInputError(
      `${option} must be a whole number, not "${value}".`,
      `${option} 必须是非负整数，不能是“${value}”。`,
    );
  }
  return BigInt(value);
}

/** A 32-byte hash given as 0x…64 hex digits. */
export function parseHash(value: string, option: string): string {
  if (!isHexString(value, 32)) {
    throw new TaskInputError(
      `${option} must be a 32-byte hash (0x and 64 hex digits).`,
      `${option} 必须是 32 字节的哈希值（0x 加 64 位十六进制数字）。`,
    );
  }
  return value.toLowerCase();
}

/** A --fiscal-year argument: a four-digit year. */
export function fiscalYearArg(text: string): number {
  if (!/^\d{4}$/.test(text.trim()))
    throw new TaskInputError(
      `--fiscal-year must be a year written with four digits, e.g. 2027, not "${text}".`,
      `--fiscal-year 必须是四位数的年份，如 2027，而不是“${text}”。`,
    );
  return Number(text.trim());
}
