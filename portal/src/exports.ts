/**
 * The public record as files a person can open in a spreadsheet: the award register (as a 公示
 * publishes it), every grant event, and the ledger movements with their totals — the same sheets
 * `mg:export` writes (core/public-record.ts), as CSV in UTF-8 with a byte order mark so Excel shows the
 * Chinese correctly. Read from the program's whole event history when the button is pressed.
 */
import { toCsv } from "../../core/csv.js";
import { publicRecord, recordName, type RecordEvent, type RecordSheet } from "../../core/public-record.js";
import type { PortalConfig, PortalProgram } from "./config-types.js";
import type { ListSource, ProgramEvent } from "./lists.js";

/** A portal event as the public record reads it. */
function recordEvent(e: ProgramEvent): RecordEvent {
  const values: Record<string, unknown> = {};
  for (const key of e.keys) values[key] = e.args.getValue(key);
  return { name: e.name, values, block: e.block, txHash: e.txHash, time: e.time };
}

/** The sheets of a program's public record (three, and the fiscal years for a program that keeps them), from its whole history. */
export async function recordSheets(
  lists: ListSource,
  config: PortalConfig,
  program: PortalProgram,
): Promise<RecordSheet[]> {
  const events = (await lists.allEvents(program)).map(recordEvent);
  const categoryKeys = new Map(program.categories.map((c) => [BigInt(c.id), c.key]));
  const { sheets } = publicRecord(events, events, {
    decimals: config.token.decimals,
    categoryKeys,
    entityName: (no) => recordName(config.entities[program.jurisdiction]?.[no.toString()]),
  });
  return sheets;
}

/** One sheet as CSV text (with the byte order mark) and the file name `mg:export` would give it. */
export function sheetFile(program: PortalProgram, sheet: RecordSheet): { name: string; text: string } {
  return {
    name: `${program.key}-${sheet.key}.csv`,
    text: toCsv([sheet.header, ...sheet.rows.map((row) => row.map(String))], { bom: true }),
  };
}
