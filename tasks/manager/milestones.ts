/**
 * mg:award's schedule arguments: --milestones "3,000,000@2027-03-31; 2,000,000@2027-09-30" (parsed by
 * core/schedule.ts) or --milestones-file, a JSON file:
 * [{ "amount": "3,000,000", "deadline": "2027-03-31", "description": "licence issued" }, …].
 */
import { existsSync, readFileSync } from "node:fs";

import { parseSchedule, scheduleItem, type ScheduleItem } from "../../core/schedule.js";
import { TaskInputError } from "../runtime/args.js";

/** Reads a milestone file (a list, or an object with a "milestones" list). */
export function loadMilestoneFile(file: string, decimals: number): ScheduleItem[] {
  if (!existsSync(file)) {
    throw new TaskInputError(`--milestones-file ${file}: no such file.`, `--milestones-file ${file}：文件不存在。`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new TaskInputError(`${file}: cannot be read as JSON (${why}).`, `${file}：无法按 JSON 读取（${why}）。`);
  }
  const list = Array.isArray(raw) ? raw : (raw as { milestones?: unknown } | null)?.milestones;
  if (!Array.isArray(list) || list.length === 0) {
    throw new TaskInputError(
      `${file}: field "milestones" must be a non-empty list.`,
      `${file}：字段“milestones”必须是非空列表。`,
    );
  }
  return list.map((entry: unknown, i: number): ScheduleItem => {
    const at = `${file}: field "milestones[${i}]`;
    const atZh = `${file}：字段“milestones[${i}]`;
    if (typeof entry !== "object" || entry === null) {
      throw new TaskInputError(`${at}" must be an object.`, `${atZh}”必须是对象。`);
    }
    const e = entry as Record<string, unknown>;
    if (typeof e.amount !== "string") {
      throw new TaskInputError(
        `${at}.amount" must be an amount written as a string.`,
        `${atZh}.amount”必须是以字符串书写的金额。`,
      );
    }
    if (typeof e.deadline !== "string") {
      throw new TaskInputError(
        `${at}.deadline" must be a date written YYYY-MM-DD.`,
        `${atZh}.deadline”必须是 YYYY-MM-DD 格式的日期。`,
      );
    }
    if (e.description !== undefined && typeof e.description !== "string") {
      throw new TaskInputError(`${at}.description" must be a string.`, `${atZh}.description”必须是字符串。`);
    }
    return scheduleItem(i, e.amount, e.deadline, decimals, `${at}"`, e.description);
  });
}

/**
 * The schedule of mg:award: exactly one of --milestones (a list) or --milestones-file.
 * @param list the --milestones text
 * @param file the --milestones-file path
 * @param decimals the token's decimals
 */
export function scheduleFromArgs(list: string | undefined, file: string | undefined, decimals: number): ScheduleItem[] {
  const hasList = list !== undefined && list.trim() !== "";
  const hasFile = file !== undefined && file.trim() !== "";
  if (hasList === hasFile) {
    throw new TaskInputError(
      'Give the schedule as --milestones "amount@YYYY-MM-DD; …" or --milestones-file, exactly one.',
      "请用 --milestones “金额@YYYY-MM-DD; …” 或 --milestones-file 二者之一（且只用一个）给出里程碑计划。",
    );
  }
  return hasList ? parseSchedule(list ?? "", decimals) : loadMilestoneFile((file ?? "").trim(), decimals);
}
