/**
 * Milestone schedules as managers write them: "3,000,000@2027-03-31; 2,000,000@2027-09-30" (amount in
 * yuan @ deadline date; the deadline is the end of that day in Beijing time), or a JSON file:
 * [{ "amount": "3,000,000", "deadline": "2027-03-31", "description": "licence issued" }, …].
 */
import { existsSync, readFileSync } from "node:fs";

import { AmountError, parseYuan } from "../../../core/money.js";
import { endOfDayBeijing } from "../../../core/time.js";
import { TaskInputError } from "./context.js";

export interface MilestoneInput {
  amount: bigint;
  amountText: string;
  date: string;
  deadline: bigint;
  description: string;
}

function amountOf(text: string, decimals: number, where: string): bigint {
  try {
    const units = parseYuan(text, decimals);
    if (units === 0n) throw new TaskInputError(`${where}: the amount is zero.`);
    return units;
  } catch (error) {
    if (error instanceof AmountError) throw new TaskInputError(`${where}: ${error.message}`);
    throw error;
  }
}

/** Parses "amount@YYYY-MM-DD" items separated by ";", "," or spaces after each date. */
export function parseMilestoneList(text: string, decimals: number): MilestoneInput[] {
  const pattern = /\s*([^@;]+?)\s*@\s*(\d{4}-\d{2}-\d{2})\s*(?:[;,]|$)/y;
  const items: MilestoneInput[] = [];
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    const i = items.length;
    const where = `--milestones item ${i + 1} ("${match[1]}@${match[2]}")`;
    const amount = amountOf(match[1], decimals, where);
    items.push({
      amount,
      amountText: match[1],
      date: match[2],
      deadline: endOfDayBeijing(match[2], where),
      description: `milestone ${i + 1}: ${match[1]} by ${match[2]}`,
    });
  }
  if (items.length === 0 || pattern.lastIndex < text.trim().length) {
    throw new TaskInputError(
      `--milestones "${text}" must be a list of amount@YYYY-MM-DD separated by ";", e.g. "3,000,000@2027-03-31; 2,000,000@2027-09-30".`,
    );
  }
  return items;
}

/** Reads a milestone file (a list, or an object with a "milestones" list). */
export function loadMilestoneFile(file: string, decimals: number): MilestoneInput[] {
  if (!existsSync(file)) throw new TaskInputError(`--milestones-file ${file}: no such file.`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new TaskInputError(
      `${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
  const list = Array.isArray(raw) ? raw : (raw as { milestones?: unknown } | null)?.milestones;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TaskInputError(`${file}: field "milestones" must be a non-empty list.`);
  }
  return list.map((entry: unknown, i: number): MilestoneInput => {
    const at = `${file}: field "milestones[${i}]`;
    if (typeof entry !== "object" || entry === null) throw new TaskInputError(`${at}" must be an object.`);
    const e = entry as Record<string, unknown>;
    if (typeof e.amount !== "string") throw new TaskInputError(`${at}.amount" must be an amount written as a string.`);
    if (typeof e.deadline !== "string") throw new TaskInputError(`${at}.deadline" must be a date written YYYY-MM-DD.`);
    if (e.description !== undefined && typeof e.description !== "string") {
      throw new TaskInputError(`${at}.description" must be a string.`);
    }
    const amount = amountOf(e.amount, decimals, `${at}.amount"`);
    return {
      amount,
      amountText: e.amount,
      date: e.deadline,
      deadline: endOfDayBeijing(e.deadline, `${at}.deadline"`),
      description:
        typeof e.description === "string" ? e.description : `milestone ${i + 1}: ${e.amount} by ${e.deadline}`,
    };
  });
}
