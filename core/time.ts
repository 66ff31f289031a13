/** Dates as the programs' officials read and write them: Beijing time (UTC+8), unix seconds. */
import { CoreInputError } from "./input-error.ts";

const BEIJING_OFFSET = 8 * 3600;
const DAY_SECONDS = 24 * 3600;

/**
 * Formats a unix timestamp as "YYYY-MM-DD HH:MM:SS (UTC+8)".
 * @param seconds unix seconds
 */
export function formatTimestamp(seconds: bigint | number): string {
  const ms = (Number(seconds) + BEIJING_OFFSET) * 1000;
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} (UTC+8)`;
}

/**
 * Formats a unix timestamp as the calendar date "YYYY-MM-DD" in Beijing time.
 * @param seconds unix seconds
 */
export function formatDate(seconds: bigint | number): string {
  return formatTimestamp(seconds).slice(0, 10);
}

/**
 * A calendar date YYYY-MM-DD as the last second of that day in Beijing time (23:59:59 UTC+8).
 * @param text the date, e.g. "2027-03-31"
 * @param label how the caller names the input in an error (e.g. "--deadline")
 * @throws CoreInputError when the text is not a calendar date written YYYY-MM-DD
 */
export function endOfDayBeijing(text: string, label: string): bigint {
  return dayBoundaryBeijing(text, label, true);
}

/**
 * A calendar date YYYY-MM-DD as the first second of that day in Beijing time (00:00:00 UTC+8).
 * @param text the date, e.g. "2027-01-01"
 * @param label how the caller names the input in an error (e.g. "--opens-at")
 * @throws CoreInputError when the text is not a calendar date written YYYY-MM-DD
 */
export function startOfDayBeijing(text: string, label: string): bigint {
  return dayBoundaryBeijing(text, label, false);
}

function dayBoundaryBeijing(text: string, label: string, end: boolean): bigint {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (match === null) {
    throw new CoreInputError(
      `${label} "${text}" is not a date written YYYY-MM-DD.`,
      `${label}“${text}”不是 YYYY-MM-DD 格式的日期。`,
    );
  }
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = Date.UTC(y, m - 1, d);
  const check = new Date(utc);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) {
    throw new CoreInputError(`${label} "${text}" is not a calendar date.`, `${label}“${text}”不是有效的日历日期。`);
  }
  return BigInt(utc / 1000 - BEIJING_OFFSET + (end ? DAY_SECONDS - 1 : 0));
}
