/**
 * CSV as spreadsheets read it: every field quoted, quotes doubled, a leading = + - @ defused (so a
 * spreadsheet never runs a field as a formula), CRLF line ends, and — for files — a UTF-8 byte order
 * mark, without which Excel shows Chinese text as mojibake. One writer for the portal's and the tasks'
 * exports.
 */

/** The UTF-8 byte order mark Excel needs to read a CSV file's Chinese text correctly. */
export const UTF8_BOM = "\uFEFF";

/**
 * One CSV field: quoted, and a leading = + - @ defused with an apostrophe.
 * @param value the field's text
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/**
 * Rows as CSV text (CRLF after every row).
 * @param rows the header row first, then the data rows
 * @param options bom: start with the UTF-8 byte order mark (for a file a spreadsheet opens)
 */
export function toCsv(rows: ReadonlyArray<ReadonlyArray<string>>, options: { bom?: boolean } = {}): string {
  const text = rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
  return options.bom === true ? UTF8_BOM + text : text;
}
