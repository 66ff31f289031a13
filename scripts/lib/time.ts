/** Dates as the programs' officials read them: Beijing time (UTC+8). */

/** Formats a unix timestamp as "YYYY-MM-DD HH:MM:SS (UTC+8)". */
export function formatTimestamp(seconds: bigint | number): string {
  const ms = Number(seconds) * 1000 + 8 * 3600 * 1000;
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} (UTC+8)`;
}

/** Formats a unix timestamp as the calendar date "YYYY-MM-DD" in Beijing time. */
export function formatDate(seconds: bigint | number): string {
  return formatTimestamp(seconds).slice(0, 10);
}
