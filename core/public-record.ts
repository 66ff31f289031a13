/**
 * A program's public record as auditors and the public download it — the award register as a 公示
 * publishes it, every grant event, and the ledger movements with their totals — built from the
 * program's events alone. One implementation: `mg:export` writes these sheets as CSV and XLSX, and the
 * portal's export buttons download the same CSV.
 *
 * Amounts are exact: yuan as text with the token's decimals, and token units as integers (a number only
 * while an integer is exact as one, else text). No floating point is written.
 */
import { formatYuan } from "./money.js";
import { formatTimestamp } from "./time.js";
import { fiscalYearsFromEvents } from "./fiscal.js";

/** One decoded program event, as either reader (the tasks' or the portal's) holds it. */
export interface RecordEvent {
  name: string;
  /** The event's fields by name. */
  values: Readonly<Record<string, unknown>>;
  block: number;
  txHash: string;
  /** The block's timestamp, unix seconds. */
  time: number | bigint;
}

/** What the record needs to name things: the token's decimals, category keys and entity names. */
export interface RecordContext {
  decimals: number;
  /** Category id → its key in the program file. */
  categoryKeys: ReadonlyMap<bigint, string>;
  /** The published name of an entity number (or the number itself where none is published). */
  entityName(entityNo: bigint): string;
}

export type Cell = string | number;

/** One sheet: a key for file names, a title, the header row and the rows. */
export interface RecordSheet {
  key: "register" | "milestones" | "ledger" | "fiscal-years";
  title: string;
  header: string[];
  rows: Cell[][];
}

/** Which way money moved for the program's ledger, and which field holds the amount. */
export const MOVEMENTS: Readonly<Record<string, { field: string; direction: string; directionZh: string }>> = {
  Funded: { field: "amount", direction: "in: funded", directionZh: "拨入" },
  Repaid: { field: "amount", direction: "in: repaid", directionZh: "退回（追回款）" },
  MilestoneClaimed: { field: "amount", direction: "out: paid to the grantee", directionZh: "支付给受资助方" },
  Withdrawn: { field: "amount", direction: "out: withdrawn to the treasury", directionZh: "退回国库" },
  SurplusSwept: { field: "amount", direction: "out: surplus to the treasury", directionZh: "余额退回国库" },
  MilestoneLapsed: { field: "amount", direction: "reserve released (lapsed)", directionZh: "预留释放（逾期失效）" },
  MilestoneCancelled: {
    field: "amount",
    direction: "reserve released (objection upheld)",
    directionZh: "预留释放（异议成立）",
  },
  GrantCancelled: {
    field: "released",
    direction: "reserve released (grant cancelled)",
    directionZh: "预留释放（资助取消）",
  },
  RecoveryOrdered: { field: "amount", direction: "recovery ordered (owed)", directionZh: "责令追回（应退）" },
};

/** The totals rows closing the ledger sheet, by event. */
const TOTALS = [
  ["Funded", "total funded 拨入合计"],
  ["Repaid", "total repaid 退回合计"],
  ["MilestoneClaimed", "total paid 支付合计"],
  ["Withdrawn", "total withdrawn 退回国库合计"],
] as const;

/** How a record names an entity the administration published: "贵阳链实验室科技有限公司 Guiyang Chainlab …"; "" when none. */
export function recordName(published: { name: string; nameZh: string } | undefined): string {
  return published === undefined ? "" : `${published.nameZh} ${published.name}`;
}

/** A spreadsheet cell for token units: an exact integer number, or text when a number could not hold it. */
export function unitsCell(units: bigint): Cell {
  return units <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(units) : units.toString();
}

function firstText(e: RecordEvent, names: readonly string[]): string {
  for (const name of names) {
    const value = e.values[name];
    if (typeof value === "string") return value;
  }
  return "";
}

/** The account an event names, if any. */
const accountOf = (e: RecordEvent) => firstText(e, ["wallet", "payer", "objector", "reviewer", "from", "treasury"]);
/** The document or reason hash an event names, if any. */
const hashOf = (e: RecordEvent) => firstText(e, ["evidenceHash", "reasonHash", "descriptionHash", "termsHash"]);

/** The record's sheets, and the ledger's totals by event (token units). */
export interface PublicRecord {
  sheets: RecordSheet[];
  /** Sums of each ledger event's amounts (token units). */
  totals: Map<string, bigint>;
  grants: number;
  grantEvents: number;
  movements: number;
}

/**
 * The register, grant-event and ledger sheets of `events` (those to show, e.g. one fiscal year's), with
 * `history` (every event of the program, oldest first) deciding each grant's status and notice windows.
 */
export function publicRecord(
  events: readonly RecordEvent[],
  history: readonly RecordEvent[],
  ctx: RecordContext,
): PublicRecord {
  const y = (units: bigint) => formatYuan(units, ctx.decimals);
  const unitsHeader = `amount (token units, 1 yuan = 10^${ctx.decimals}) 金额（最小单位）`;
  // Each grant's events, gathered in one pass (filtering the history once per grant grows with
  // grants × events: minutes at 10,000 grants).
  const byGrant = new Map<bigint, RecordEvent[]>();
  for (const x of history) {
    const id = x.values.grantId as bigint | undefined;
    if (id === undefined) continue;
    const list = byGrant.get(id);
    if (list === undefined) byGrant.set(id, [x]);
    else list.push(x);
  }

  const register: Cell[][] = [];
  for (const e of events.filter((x) => x.name === "GrantAwarded")) {
    const a = e.values as { grantId: bigint; entityNo: bigint; categoryId: bigint; amount: bigint };
    const later = byGrant.get(a.grantId) ?? [];
    const status = later.some((x) => x.name === "RecoveryOrdered")
      ? "recovery ordered 已责令追回"
      : later.some((x) => x.name === "GrantCancelled")
        ? "cancelled 已取消"
        : "awarded 已资助";
    const notices = later
      .filter((x) => x.name === "MilestoneApproved")
      .map((x) => {
        const m = x.values as { index: bigint; noticeEndsAt: bigint };
        return `#${m.index} ${formatTimestamp(x.time)} – ${formatTimestamp(m.noticeEndsAt)}`;
      });
    const reservation = later.find((x) => x.name === "ReservedInFiscalYear");
    register.push([
      a.grantId.toString(),
      a.entityNo.toString(),
      ctx.entityName(BigInt(a.entityNo)),
      ctx.categoryKeys.get(BigInt(a.categoryId)) ?? `category ${a.categoryId}`,
      y(a.amount),
      unitsCell(a.amount),
      formatTimestamp(e.time),
      notices.join("; "),
      status,
      e.txHash,
      reservation === undefined ? "" : String(reservation.values.year),
    ]);
  }

  const milestones: Cell[][] = events
    .filter((e) => e.values.grantId !== undefined)
    .map((e) => {
      const a = e.values as { grantId: bigint; index?: bigint; amount?: bigint; released?: bigint };
      const amount = a.amount ?? a.released;
      return [
        a.grantId.toString(),
        a.index === undefined ? "" : a.index.toString(),
        e.name,
        formatTimestamp(e.time),
        e.block,
        amount === undefined ? "" : y(amount),
        amount === undefined ? "" : unitsCell(amount),
        accountOf(e),
        hashOf(e),
        e.txHash,
      ];
    });

  const totals = new Map<string, bigint>();
  const ledger: Cell[][] = [];
  for (const e of events) {
    const movement = MOVEMENTS[e.name];
    if (movement === undefined) continue;
    const amount = e.values[movement.field] as bigint;
    totals.set(e.name, (totals.get(e.name) ?? 0n) + amount);
    ledger.push([
      formatTimestamp(e.time),
      e.block,
      e.name,
      `${movement.direction} ${movement.directionZh}`,
      e.values.grantId === undefined ? "" : String(e.values.grantId),
      y(amount),
      unitsCell(amount),
      accountOf(e),
      e.txHash,
    ]);
  }
  const movements = ledger.length;
  for (const [name, label] of TOTALS) {
    const sum = totals.get(name) ?? 0n;
    ledger.push(["", "", "", label, "", y(sum), unitsCell(sum), "", ""]);
  }

  const sheets: RecordSheet[] = [
    {
      key: "register",
      title: "Register 资助名单",
      header: [
        "grant 资助编号",
        "entity number 主体编号",
        "name 名称",
        "category 类别",
        "amount (yuan) 金额（元）",
        unitsHeader,
        "awarded (UTC+8) 资助时间",
        "public notice windows 公示期",
        "status 状态",
        "transaction 交易哈希",
        "fiscal year 预算年度",
      ],
      rows: register,
    },
    {
      key: "milestones",
      title: "Milestones 里程碑",
      header: [
        "grant 资助编号",
        "milestone 里程碑",
        "event 事件",
        "time (UTC+8) 时间",
        "block 区块",
        "amount (yuan) 金额（元）",
        unitsHeader,
        "account 账户",
        "document or reason hash 文件或理由哈希",
        "transaction 交易哈希",
      ],
      rows: milestones,
    },
    {
      key: "ledger",
      title: "Ledger 资金流水",
      header: [
        "time (UTC+8) 时间",
        "block 区块",
        "event 事件",
        "movement 资金方向",
        "grant 资助编号",
        "amount (yuan) 金额（元）",
        unitsHeader,
        "account 账户",
        "transaction 交易哈希",
      ],
      rows: ledger,
    },
  ];
  // A program with fiscal years: every year's budget line, rebuilt from the whole history.
  const years = fiscalYearsFromEvents(history);
  if (years.length > 0) {
    sheets.push({
      key: "fiscal-years",
      title: "Fiscal years 预算年度",
      header: [
        "fiscal year 预算年度",
        "closed 已结账",
        "appropriated (yuan) 拨入（元）",
        "carried in 上年结转",
        "released 退回",
        "awarded 授予",
        "withdrawn or returned 提取/收回",
        "carried out 结转下年",
        "available 可用",
        `available (token units, 1 yuan = 10^${ctx.decimals}) 可用（最小单位）`,
      ],
      rows: years.map((l) => [
        l.year.toString(),
        l.closed ? "yes 是" : "no 否",
        y(l.appropriated),
        y(l.carriedIn),
        y(l.released),
        y(l.committed),
        y(l.withdrawn),
        y(l.carriedOut),
        y(l.available),
        unitsCell(l.available),
      ]),
    });
  }
  return { sheets, totals, grants: register.length, grantEvents: milestones.length, movements };
}
