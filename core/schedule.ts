/**
 * Milestone schedules as managers write them — "3,000,000@2027-03-31; 2,000,000@2027-09-30" (amount
 * in yuan @ deadline date; the deadline is the last second of that day in Beijing time) — and THE
 * description-hash rule of a milestone, shared by mg:award and the portal's award form.
 *
 * Description rule: a milestone without a written description is described as
 * `milestone <n>: <amount> by <YYYY-MM-DD>`, where n counts from 1 and the amount is written
 * canonically (formatYuan: thousands separators and every decimal, e.g. "3,000,000.00"), so the
 * same terms give the same hash however the amount was typed ("3000000", "3,000,000" or "3 000 000.00").
 * The descriptionHash is keccak256 of the description's UTF-8 bytes.
 */
import { textHash } from "./ids.ts";
import { CoreInputError } from "./input-error.ts";
import { AmountError, formatYuan, parseYuan } from "./money.ts";
import { endOfDayBeijing } from "./time.ts";

/** One milestone of a schedule, as written and as the contract takes it. */
export interface ScheduleItem {
  /** The amount in token units. */
  amount: bigint;
  /** The amount as written. */
  amountText: string;
  /** The deadline date as written, YYYY-MM-DD. */
  date: string;
  /** The deadline: 23:59:59 Beijing time of `date`, unix seconds. */
  deadline: bigint;
  /** The milestone's description (the rule above unless one was written). */
  description: string;
}

/** One milestone as `GrantProgram.award` takes it. */
export interface MilestoneTerm {
  amount: bigint;
  deadline: bigint;
  descriptionHash: string;
}

/**
 * The description of milestone `index` (counting from 0) that has no written description.
 * @param index the milestone's index, from 0
 * @param amount the amount in token units
 * @param date the deadline date YYYY-MM-DD
 * @param decimals the token's decimals
 */
export function milestoneDescription(index: number, amount: bigint, date: string, decimals: number): string {
  return `milestone ${index + 1}: ${formatYuan(amount, decimals)} by ${date.trim()}`;
}

/**
 * One schedule item from its parts, checked: a non-zero exact amount and a calendar date.
 * @param index the milestone's index, from 0
 * @param amountText the amount as written
 * @param date the deadline date as written
 * @param decimals the token's decimals
 * @param where how to name the item in an error
 * @param description a written description, if any
 * @throws CoreInputError when the amount or the date is wrong
 */
export function scheduleItem(
  index: number,
  amountText: string,
  date: string,
  decimals: number,
  where: string,
  description?: string,
): ScheduleItem {
  let amount: bigint;
  try {
    amount = parseYuan(amountText, decimals);
  } catch (error) {
    if (error instanceof AmountError) throw new CoreInputError(`${where}: ${error.message}`, `${where}：${error.zh}`);
    throw error;
  }
  if (amount === 0n) throw new CoreInputError(`${where}: the amount is zero.`, `${where}：金额为零。`);
  return {
    amount,
    amountText,
    date,
    deadline: endOfDayBeijing(date, where),
    description: description ?? milestoneDescription(index, amount, date, decimals),
  };
}

/**
 * Parses "amount@YYYY-MM-DD" items separated by ";" (or "；" or ",") after each date.
 * @param text the schedule as written
 * @param decimals the token's decimals
 * @param label how to name the schedule in an error (the tasks say "--milestones")
 * @throws CoreInputError when the text is not such a list or an item is wrong
 */
export function parseSchedule(text: string, decimals: number, label = "--milestones"): ScheduleItem[] {
  const pattern = /\s*([^@;；]+?)\s*@\s*(\d{4}-\d{2}-\d{2})\s*(?:[;；,]|$)/y;
  const items: ScheduleItem[] = [];
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    const where = `${label} item ${items.length + 1} ("${match[1]}@${match[2]}")`;
    items.push(scheduleItem(items.length, match[1], match[2], decimals, where));
  }
  if (items.length === 0 || pattern.lastIndex < text.trimEnd().length) {
    throw new CoreInputError(
      `${label} "${text}" must be a list of amount@YYYY-MM-DD separated by ";", e.g. "3,000,000@2027-03-31; 2,000,000@2027-09-30".`,
      `${label}“${text}”必须是以“;”分隔的 amount@YYYY-MM-DD（金额@日期）列表，例如“3,000,000@2027-03-31; 2,000,000@2027-09-30”。`,
    );
  }
  return items;
}

/**
 * The terms `GrantProgram.award` takes for a schedule: amounts, deadlines and description hashes.
 * @param items the parsed schedule
 */
export function milestoneTerms(items: readonly ScheduleItem[]): MilestoneTerm[] {
  return items.map((m) => ({ amount: m.amount, deadline: m.deadline, descriptionHash: textHash(m.description) }));
}

/**
 * Parses a schedule and returns the award terms in one step (what the portal's award form sends).
 * @param text the schedule as written
 * @param decimals the token's decimals
 * @param label how to name the schedule in an error
 */
export function scheduleTerms(text: string, decimals: number, label = "--milestones"): MilestoneTerm[] {
  return milestoneTerms(parseSchedule(text, decimals, label));
}

/** How far ahead a deadline may be: the contract's _MAX_DEADLINE_HORIZON (3,650 days). */
export const MAX_DEADLINE_HORIZON_SECONDS = 3650n * 24n * 3600n;

/**
 * Checks a schedule's deadlines against the rules the contract applies at award time, naming the
 * rule a deadline breaks (the contract's own error cannot say which).
 * @param items the schedule, in order
 * @param now the chain's current time, unix seconds
 * @throws CoreInputError for the first deadline that has passed, does not come after the previous
 * milestone's, or is more than ten years away
 */
export function checkDeadlines(items: ReadonlyArray<Pick<ScheduleItem, "date" | "deadline">>, now: bigint): void {
  let previous: Pick<ScheduleItem, "date" | "deadline"> | null = null;
  for (const [i, item] of items.entries()) {
    if (item.deadline <= now) {
      throw new CoreInputError(
        `Milestone #${i}'s deadline ${item.date} has already passed: give a later date.`,
        `第 ${i} 号里程碑的截止日期 ${item.date} 已过：请填写更晚的日期。`,
      );
    }
    if (previous !== null && item.deadline <= previous.deadline) {
      throw new CoreInputError(
        `Milestone #${i}'s deadline ${item.date} is not after milestone #${i - 1}'s (${previous.date}): each deadline must come after the one before.`,
        `第 ${i} 号里程碑的截止日期 ${item.date} 不晚于第 ${i - 1} 号（${previous.date}）：每个截止日期须晚于前一个。`,
      );
    }
    if (item.deadline > now + MAX_DEADLINE_HORIZON_SECONDS) {
      throw new CoreInputError(
        `Milestone #${i}'s deadline ${item.date} is more than ten years away (3,650 days): give an earlier date.`,
        `第 ${i} 号里程碑的截止日期 ${item.date} 距今超过十年（3,650 天）：请填写更早的日期。`,
      );
    }
    previous = item;
  }
}
