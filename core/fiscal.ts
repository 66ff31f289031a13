/**
 * Fiscal years as a program file states them and as the contracts take them (`Program.FiscalCalendar`).
 * Which year a moment falls in is the contract's rule (`fiscalYearOf`): tools ask the program, they do not
 * recompute it.
 */
import { YearEndRule } from "./enums.ts";
import { CoreInputError } from "./input-error.ts";

/** The on-chain fiscal calendar: start month (0: one undated budget), local time in minutes east of UTC, year-end rule. */
export interface FiscalCalendarParams {
  startMonth: number;
  utcOffsetMinutes: number;
  yearEnd: number;
}

/** A program without fiscal years: one undated budget. */
export const NO_FISCAL_CALENDAR: FiscalCalendarParams = {
  startMonth: 0,
  utcOffsetMinutes: 0,
  yearEnd: YearEndRule.Return,
};

/** How a program file writes its fiscal years (`fiscalYear`). */
export interface FiscalYearDefinition {
  /** The month (1–12) the fiscal year begins, at 00:00 local time on the 1st (China: 1). */
  startMonth: number;
  /** Local time as "+08:00" / "-05:00" (Beijing: "+08:00"). */
  utcOffset: string;
  /** What a year's close does with its unreserved rest: returned to the treasury (收回) or carried over (结转). */
  yearEnd: "return" | "carry-over";
}

/**
 * Minutes east of UTC of a "+HH:MM" / "-HH:MM" offset between -12:00 and +14:00.
 * @throws CoreInputError for anything else
 */
export function parseUtcOffset(text: string, label: string): number {
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  const minutes = match === null ? NaN : (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
  if (match === null || Number(match[3]) >= 60 || minutes < -720 || minutes > 840)
    throw new CoreInputError(
      `${label} must be a UTC offset written +HH:MM or -HH:MM between -12:00 and +14:00 (Beijing: +08:00), not "${text}".`,
      `${label} 必须是 +HH:MM 或 -HH:MM 形式、介于 -12:00 与 +14:00 之间的时区偏移（北京时间：+08:00），而不是“${text}”。`,
    );
  return minutes;
}

/** The on-chain fiscal calendar of a program file's `fiscalYear` (null: none). */
export function fiscalCalendarParams(definition: FiscalYearDefinition | null): FiscalCalendarParams {
  if (definition === null) return NO_FISCAL_CALENDAR;
  return {
    startMonth: definition.startMonth,
    utcOffsetMinutes: parseUtcOffset(definition.utcOffset, "fiscalYear.utcOffset"),
    yearEnd: definition.yearEnd === "carry-over" ? YearEndRule.CarryOver : YearEndRule.Return,
  };
}

/** The year-end rule in words, both languages. */
export function yearEndWords(rule: bigint | number): { en: string; zh: string } {
  return Number(rule) === YearEndRule.CarryOver
    ? { en: "carried over to the next fiscal year", zh: "结转下一预算年度" }
    : { en: "returned to the treasury", zh: "收回国库" };
}

/** One fiscal year's budget line as `fiscalYear(…)` returns it (token units). */
export interface FiscalYearFigures {
  year: bigint;
  startsAt: bigint;
  endsAt: bigint;
  closed: boolean;
  appropriated: bigint;
  carriedIn: bigint;
  released: bigint;
  committed: bigint;
  withdrawn: bigint;
  carriedOut: bigint;
  available: bigint;
}

/** The columns of a fiscal year's budget line, both languages: the tasks' tables and the portal's card. */
export const FISCAL_YEAR_COLUMNS = {
  year: { en: "fiscal year", zh: "预算年度" },
  appropriated: { en: "appropriated", zh: "拨入" },
  carriedIn: { en: "carried in", zh: "上年结转" },
  released: { en: "released", zh: "退回" },
  committed: { en: "awarded", zh: "授予" },
  withdrawn: { en: "withdrawn/returned", zh: "提取/收回" },
  carriedOut: { en: "carried out", zh: "结转下年" },
  available: { en: "available", zh: "可用" },
} as const;

/** What reading a program's fiscal years needs (an `IGrantProgram`, or a stand-in in tests). */
export interface FiscalYearReader {
  fiscalBook(): Promise<{ startMonth: bigint; firstYear: bigint; nextToClose: bigint; yearEnd: bigint }>;
  fiscalYearOf(timestamp: bigint): Promise<bigint>;
  fiscalYear(year: bigint): Promise<FiscalYearFigures>;
}

/** How far ahead of the current year money may be appropriated (the contracts' `_MAX_YEARS_AHEAD`). */
export const MAX_YEARS_AHEAD = 10;

/**
 * A program's fiscal years from the first one appropriated to the current one, and any later year already
 * appropriated (at most ten ahead): bounded, whatever the program's age. Null for a program without fiscal
 * years. `current` is the year `now` falls in, by the program's own rule.
 */
export async function readFiscalYears(
  program: FiscalYearReader,
  now: bigint,
): Promise<{
  current: bigint;
  firstYear: bigint;
  nextToClose: bigint;
  yearEnd: bigint;
  years: FiscalYearFigures[];
} | null> {
  const book = await program.fiscalBook();
  if (book.startMonth === 0n) return null;
  const current = await program.fiscalYearOf(now);
  const from = book.firstYear === 0n || book.firstYear > current ? current : book.firstYear;
  const wanted: bigint[] = [];
  for (let year = from; year <= current + BigInt(MAX_YEARS_AHEAD); year += 1n) wanted.push(year);
  const all = await Promise.all(wanted.map((year) => program.fiscalYear(year)));
  const years = all.filter(
    (y) => y.year <= current || y.appropriated !== 0n || y.carriedIn !== 0n || y.committed !== 0n || y.released !== 0n,
  );
  return { current, firstYear: book.firstYear, nextToClose: book.nextToClose, yearEnd: book.yearEnd, years };
}

/** A fiscal year's line as the events give it (token units; `available` is what the figures leave). */
export type FiscalYearLine = Omit<FiscalYearFigures, "startsAt" | "endsAt" | "closed"> & { closed: boolean };

/** An event as rebuilding needs it: its name and its decoded arguments. */
export interface NamedEvent {
  name: string;
  values: Readonly<Record<string, unknown>>;
}

/** The figures of a fiscal year's line that events add to (token units). */
export const FISCAL_FIELDS = ["appropriated", "carriedIn", "released", "committed", "withdrawn", "carriedOut"] as const;

/** A figure of a fiscal year's line that events add to (token units). */
export type FiscalField = (typeof FISCAL_FIELDS)[number];

/** What one event does to a fiscal year's line: adds `amount` to `field`, or (`field` "closed") closes it. */
export interface FiscalEffect {
  year: bigint;
  field: FiscalField | "closed";
  amount: bigint;
}

/** The names of the events that change fiscal-year lines. */
export const FISCAL_EVENTS = [
  "Appropriated",
  "ReservedInFiscalYear",
  "ReleasedToFiscalYear",
  "WithdrawnFromFiscalYear",
  "FiscalYearClosed",
] as const;

/**
 * What one of a program's events does to its fiscal-year lines — the one rule by which `mg:report`,
 * `mg:export`, the portal and the indexer rebuild the lines from events (none for any other event). A
 * close that returns the rest counts it as withdrawn; one that carries it over moves it into the next year.
 */
export function fiscalEffects(e: NamedEvent): FiscalEffect[] {
  const v = e.values;
  if (!(FISCAL_EVENTS as readonly string[]).includes(e.name)) return [];
  const year = BigInt(v.year as bigint);
  const amount = BigInt((v.amount ?? v.rest ?? 0n) as bigint);
  if (e.name === "Appropriated") return [{ year, field: "appropriated", amount }];
  if (e.name === "ReservedInFiscalYear") return [{ year, field: "committed", amount }];
  if (e.name === "ReleasedToFiscalYear") return [{ year, field: "released", amount }];
  if (e.name === "WithdrawnFromFiscalYear") return [{ year, field: "withdrawn", amount }];
  const closed: FiscalEffect = { year, field: "closed", amount: 0n };
  return Number(v.yearEnd) === YearEndRule.CarryOver
    ? [closed, { year, field: "carriedOut", amount }, { year: year + 1n, field: "carriedIn", amount }]
    : [closed, { year, field: "withdrawn", amount }];
}

/** A year's line before any event: nothing in it, open. */
export function emptyFiscalLine(year: bigint): FiscalYearLine {
  return {
    year,
    closed: false,
    appropriated: 0n,
    carriedIn: 0n,
    released: 0n,
    committed: 0n,
    withdrawn: 0n,
    carriedOut: 0n,
    available: 0n,
  };
}

/** `line` after one effect of an event (a new object; `available` recomputed). */
export function applyFiscalEffect(line: FiscalYearLine, effect: FiscalEffect): FiscalYearLine {
  const next = { ...line };
  if (effect.field === "closed") next.closed = true;
  else next[effect.field] += effect.amount;
  next.available = fiscalAvailable(next);
  return next;
}

/** A year's unreserved budget from its figures: what came in less what went out. */
export function fiscalAvailable(l: Pick<FiscalYearLine, FiscalField>): bigint {
  return l.appropriated + l.carriedIn + l.released - l.committed - l.withdrawn - l.carriedOut;
}

/**
 * Each fiscal year's budget line rebuilt from a program's events alone (Appropriated, ReservedInFiscalYear,
 * ReleasedToFiscalYear, WithdrawnFromFiscalYear, FiscalYearClosed), oldest year first: what an auditor
 * compares with the chain's `fiscalYear(…)`. Empty for a program without fiscal years.
 */
export function fiscalYearsFromEvents(events: readonly NamedEvent[]): FiscalYearLine[] {
  const lines = new Map<bigint, FiscalYearLine>();
  for (const e of events) {
    for (const effect of fiscalEffects(e)) {
      lines.set(effect.year, applyFiscalEffect(lines.get(effect.year) ?? emptyFiscalLine(effect.year), effect));
    }
  }
  return [...lines.values()].sort((a, b) => (a.year < b.year ? -1 : 1));
}
