/**
 * The portal's list data layer: every list a view shows, one page at a time, behind one interface
 * (`ListSource`), so a page costs the same number of reads at 50 grants and at 50,000.
 *
 * `ChainListSource` reads the chain directly: a page of grants is one `GrantProgramLens.grantPage` call
 * (≤ MAX_PAGE_ROWS rows, each grant with its milestones and derived states), the events of the grants
 * on a page are one topic-filtered, block-chunked log read (core/logs.ts), and the ledger is read in
 * block windows, newest first. Lists that filter (notice board, review queue, contested milestones,
 * open applications) scan one lens page per load and hand back a cursor for "load more"; only an
 * indexer can count their matches. An indexer-backed source implements the same interface with the
 * same plain rows.
 *
 * DOM-free and Node-importable: no `window`, no `document`, no `location`.
 */
import { Interface, type Log, type Provider, toBeHex, zeroPadValue } from "ethers";

import { GrantProgramLens__factory, type GrantProgramLens } from "../../typechain-types/index.js";
import { ApplicationStatus, MilestoneState } from "../../core/enums.js";
import { blockTimes, DEFAULT_MAX_LOG_RANGE, fetchLogs } from "../../core/logs.js";
import { PROGRAM_ABI, programAt } from "../../core/program-abi.js";

/** The lens's limit on one page (GrantProgramLens.MAX_PAGE_ROWS): a page larger than this reverts. */
export const MAX_PAGE_ROWS = 100;
/** The page size when the URL names none. */
export const DEFAULT_PAGE_SIZE = 20;

export interface MilestoneRow {
  index: number;
  amount: bigint;
  deadline: bigint;
  noticeEndsAt: bigint;
  state: number;
  approvals: number;
  rejections: number;
  evidenceHash: string;
}

export interface GrantRow {
  id: bigint;
  entityNo: bigint;
  categoryId: number;
  termsHash: string;
  cancelled: boolean;
  reserved: bigint;
  /** Bitmap of reviewer slots recused from this grant (their votes do not count). */
  recusedReviewers: number;
  recoveryOwed: bigint;
  recovered: bigint;
  milestones: MilestoneRow[];
}

export interface CategoryRow {
  id: number;
  mode: number;
  amount: bigint;
  maxAwards: number;
  awardsMade: number;
  maxTotal: bigint;
  committed: bigint;
  /** The program's tier group the category is a level of (0: none), and its level (1 lowest). */
  tierGroup: number;
  tier: number;
}

export interface ApplicationRow {
  id: bigint;
  entityNo: bigint;
  categoryId: number;
  status: number;
  submittedAt: bigint;
}

/** One milestone of a filtered list, with the grant it belongs to. */
export interface MilestoneItem {
  grant: GrantRow;
  milestone: MilestoneRow;
}

/** The budget figures of `summary()`, in token units. */
export interface SummaryRow {
  funded: bigint;
  repaid: bigint;
  available: bigint;
  reserved: bigint;
  paid: bigint;
  withdrawn: bigint;
  recoveryOutstanding: bigint;
  surplus: bigint;
}

/** What every view of a program shows above its lists; a constant number of reads. */
export interface ProgramHeader {
  /** The chain's clock: the latest block's timestamp. */
  chainTime: bigint;
  /** The latest block's number (the ledger's first page ends there). */
  headBlock: number;
  quorum: number;
  /** Bitmap of the reviewer slots currently on the committee. */
  activeReviewers: number;
  summary: SummaryRow;
  categories: CategoryRow[];
  reviewers: string[];
  grantCount: bigint;
  applicationCount: bigint;
}

/**
 * An event's fields by name, as ethers decodes them (uint as bigint, address and bytes32 as hex
 * strings, bool as boolean). Typed loosely on purpose: ethers' own Result returns `any` here.
 */
export interface EventArgs {
  getValue(name: string): any;
}

/** One event a program emitted, decoded, with the time of its block and its transaction. */
export interface ProgramEvent {
  name: string;
  /** The event's fields by name (ethers' Result here; an indexer can give any object with getValue). */
  args: EventArgs;
  /** The names of the event's fields, in order. */
  keys: string[];
  /** The program that emitted it. */
  address: string;
  /** The grant it concerns (null for program-wide events such as Funded). */
  grantId: bigint | null;
  /** The milestone it concerns, where it names one. */
  index: number | null;
  block: number;
  logIndex: number;
  txHash: string;
  /** The block's timestamp, unix seconds. */
  time: bigint;
}

/** The events that move money in or out of a program, or order it back. */
export const LEDGER_EVENTS = ["Funded", "Withdrawn", "SurplusSwept", "MilestoneClaimed", "RecoveryOrdered", "Repaid"];

/** One line of the ledger history: a funding, withdrawal, sweep, claim, recovery order or repayment. */
export interface LedgerRow {
  kind: string;
  amount: bigint;
  /** The account that paid or was paid (funder, treasury, payout wallet, payer); null for an order. */
  account: string | null;
  grantId: bigint | null;
  index: number | null;
  block: number;
  logIndex: number;
  txHash: string;
  time: bigint;
}

/** Which program: its address, and the block its history starts in. */
export interface ProgramRef {
  address: string;
  fromBlock: number;
}

export type SortOrder = "newest" | "oldest";

/** A numbered page of a list with a known length: page 1 is the first. */
export interface PageQuery {
  page: number;
  pageSize: number;
  order: SortOrder;
}

/** A page of a list with a known length, and that length. */
export interface Page<T> {
  rows: T[];
  total: number;
}

/** The next rows of a filtered list: `cursor` is null for the first page, else a previous page's `next`. */
export interface ScanQuery {
  cursor: string | null;
  pageSize: number;
}

/**
 * Rows of a filtered list. `next` is the cursor of the following rows (null at the end); `total` is
 * the number of matching rows where the source knows it (an indexer), null where it only scans (the
 * chain); `scanned` says how far a scan got, for "searched grants 1–100 of 5,000".
 */
export interface ScanPage<T> {
  rows: T[];
  next: string | null;
  total: number | null;
  scanned: { upTo: bigint; of: bigint } | null;
}

/** Which events to read: those of these grants, these applications' submissions, these categories' creation. */
export interface HistoryQuery {
  grantIds?: bigint[];
  applicationIds?: bigint[];
  categoryIds?: number[];
}

/** Every list the portal shows, a page at a time. */
export interface ListSource {
  /** Budget, committee, categories and counts of a program. */
  header(program: ProgramRef): Promise<ProgramHeader>;
  /** The awards of a program, a numbered page in grant-id order (`newest`: highest id first). */
  awards(program: ProgramRef, query: PageQuery): Promise<Page<GrantRow>>;
  /** One grant as it is now (for re-reading the item a person acts on); null if there is none. */
  grant(program: ProgramRef, grantId: bigint): Promise<GrantRow | null>;
  /** Milestones in their public-notice window (公示), open for objection. */
  noticeBoard(program: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>>;
  /** Milestones awaiting committee votes (evidence submitted). */
  reviewQueue(program: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>>;
  /** Milestones under objection, awaiting a manager's ruling. */
  contested(program: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>>;
  /** Applications still open (neither awarded nor declined). */
  openApplications(program: ProgramRef, query: ScanQuery): Promise<ScanPage<ApplicationRow>>;
  /** Fundings, withdrawals, sweeps, claims, recovery orders and repayments, newest first. */
  ledger(program: ProgramRef, query: ScanQuery): Promise<ScanPage<LedgerRow>>;
  /** The awards an entity holds in a program (at most one per category). */
  entityAwards(program: ProgramRef, entityNo: bigint): Promise<GrantRow[]>;
  /** The events of the named grants, applications and categories only, in chain order. */
  history(program: ProgramRef, query: HistoryQuery): Promise<ProgramEvent[]>;
  /** Every event of the program (for downloads: it grows with the program's history). */
  allEvents(program: ProgramRef): Promise<ProgramEvent[]>;
}

/** The page size the URL asks for (`?pageSize=n`), else the default; at least 1, at most MAX_PAGE_ROWS. */
export function pageSizeFrom(search: string): number {
  const text = new URLSearchParams(search).get("pageSize");
  if (text === null || !/^\d+$/.test(text.trim())) return DEFAULT_PAGE_SIZE;
  return Math.min(MAX_PAGE_ROWS, Math.max(1, Number(text)));
}

/** The sort order the URL asks for (`?order=oldest`), else newest first. */
export function orderFrom(search: string): SortOrder {
  return new URLSearchParams(search).get("order") === "oldest" ? "oldest" : "newest";
}

/** How many pages `total` rows fill (at least one, so an empty list is "page 1 of 1"). */
export function pageCount(total: number, pageSize: number): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The grant ids of page `page` (1-based) of `count` grants in `order`: the lens's `firstId` and row
 * count, and whether the rows must be reversed (newest first). Empty past the last page.
 */
export function pageWindow(count: bigint, query: PageQuery): { firstId: bigint; rows: number; reverse: boolean } {
  const size = BigInt(query.pageSize);
  const skip = BigInt(Math.max(0, query.page - 1)) * size;
  if (skip >= count) return { firstId: 1n, rows: 0, reverse: false };
  const rows = Number(count - skip < size ? count - skip : size);
  // Newest first: page 1 ends at the last id; oldest first: page 1 starts at id 1.
  const firstId = query.order === "newest" ? count - skip - BigInt(rows) + 1n : skip + 1n;
  return { firstId, rows, reverse: query.order === "newest" };
}

const programInterface = new Interface(PROGRAM_ABI);

/** topic0 of every program event whose first indexed field is the grant id. */
const GRANT_TOPICS: string[] = [];
programInterface.forEachEvent((event) => {
  if (event.inputs[0]?.name === "grantId" && event.inputs[0].indexed) GRANT_TOPICS.push(event.topicHash);
});
const topicOf = (name: string) => programInterface.getEvent(name)!.topicHash;
const LEDGER_TOPICS = LEDGER_EVENTS.map(topicOf);
const APPLICATION_SUBMITTED = topicOf("ApplicationSubmitted");
const CATEGORY_ADDED = topicOf("CategoryAdded");
/** An id as an indexed topic (32 bytes, big-endian). */
const idTopic = (id: bigint | number) => zeroPadValue(toBeHex(id), 32);

/** A lens grant record as a plain row. */
export function grantRow(record: Awaited<ReturnType<GrantProgramLens["grantPage"]>>[number]): GrantRow {
  const g = record.grant;
  return {
    id: record.id,
    entityNo: g.entityNo,
    categoryId: Number(g.categoryId),
    termsHash: g.termsHash,
    cancelled: g.cancelled,
    reserved: g.reserved,
    recusedReviewers: Number(g.recusedReviewers),
    recoveryOwed: g.recoveryOwed,
    recovered: g.recovered,
    milestones: record.milestones.map((m, index) => ({
      index,
      amount: m.amount,
      deadline: m.deadline,
      noticeEndsAt: m.noticeEndsAt,
      state: Number(m.state),
      approvals: Number(m.approvals),
      rejections: Number(m.rejections),
      evidenceHash: m.evidenceHash,
    })),
  };
}

/** A scan cursor: the next id to read (a decimal string, so any source may use its own). */
function cursorId(cursor: string | null): bigint {
  return cursor === null || !/^\d+$/.test(cursor) ? 1n : BigInt(cursor) < 1n ? 1n : BigInt(cursor);
}

/** How many block windows (of the log range) one ledger page may read before it hands back a cursor. */
const LEDGER_WINDOWS = 3;

/** The portal's lists read directly from the chain: a constant number of calls per page. */
export class ChainListSource implements ListSource {
  readonly lens: GrantProgramLens;

  /**
   * @param provider the read provider (the portal's `/rpc`)
   * @param lensAddress the GrantProgramLens of the deployment
   * @param maxLogRange the largest block range of one eth_getLogs (halved where the endpoint refuses it)
   */
  constructor(
    readonly provider: Provider,
    lensAddress: string,
    readonly maxLogRange: number = DEFAULT_MAX_LOG_RANGE,
  ) {
    this.lens = GrantProgramLens__factory.connect(lensAddress, provider);
  }

  /** Seven reads, whatever the program's size. */
  async header(ref: ProgramRef): Promise<ProgramHeader> {
    const program = programAt(ref.address, this.provider);
    const [settings, summary, applicationCount, reviewers, categories, head] = await Promise.all([
      program.settings(),
      program.summary(),
      program.applicationCount(),
      this.lens.reviewers(ref.address),
      this.lens.categories(ref.address),
      this.provider.getBlock("latest"),
    ]);
    return {
      chainTime: BigInt(head?.timestamp ?? 0),
      headBlock: head?.number ?? 0,
      quorum: Number(settings.quorum),
      activeReviewers: Number(settings.activeReviewers),
      summary: {
        funded: summary.funded,
        repaid: summary.repaid,
        available: summary.available,
        reserved: summary.reserved,
        paid: summary.paid,
        withdrawn: summary.withdrawn,
        recoveryOutstanding: summary.recoveryOutstanding,
        surplus: summary.surplus,
      },
      categories: categories.map((c, i) => ({
        id: i + 1,
        mode: Number(c.mode),
        amount: c.amount,
        maxAwards: Number(c.maxAwards),
        awardsMade: Number(c.awardsMade),
        maxTotal: c.maxTotal,
        committed: c.committed,
        tierGroup: Number(c.tierGroup),
        tier: Number(c.tier),
      })),
      reviewers: [...reviewers],
      grantCount: summary.grantCount,
      applicationCount,
    };
  }

  /** grantCount + one grantPage. */
  async awards(ref: ProgramRef, query: PageQuery): Promise<Page<GrantRow>> {
    const pageSize = Math.min(MAX_PAGE_ROWS, Math.max(1, query.pageSize));
    const count = await programAt(ref.address, this.provider).grantCount();
    const { firstId, rows, reverse } = pageWindow(count, { ...query, pageSize });
    const records = rows === 0 ? [] : await this.lens.grantPage(ref.address, firstId, rows);
    const list = records.map(grantRow);
    return { rows: reverse ? list.reverse() : list, total: Number(count) };
  }

  async grant(ref: ProgramRef, grantId: bigint): Promise<GrantRow | null> {
    const [record] = await this.lens.grantPage(ref.address, grantId, 1);
    return record === undefined ? null : grantRow(record);
  }

  noticeBoard(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>> {
    return this.scanMilestones(ref, query, MilestoneState.InNotice);
  }

  reviewQueue(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>> {
    return this.scanMilestones(ref, query, MilestoneState.Submitted);
  }

  contested(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>> {
    return this.scanMilestones(ref, query, MilestoneState.Contested);
  }

  /**
   * The milestones in `state` of one lens page of grants from the cursor on (grantCount + one
   * grantPage): a grant is taken whole, and the scan stops at the grant that fills the page.
   */
  private async scanMilestones(ref: ProgramRef, query: ScanQuery, state: number): Promise<ScanPage<MilestoneItem>> {
    const first = cursorId(query.cursor);
    const count = await programAt(ref.address, this.provider).grantCount();
    const records = first > count ? [] : await this.lens.grantPage(ref.address, first, MAX_PAGE_ROWS);
    const rows: MilestoneItem[] = [];
    let upTo = first - 1n;
    for (const record of records) {
      if (rows.length >= query.pageSize) break;
      const grant = grantRow(record);
      for (const milestone of grant.milestones) if (milestone.state === state) rows.push({ grant, milestone });
      upTo = grant.id;
    }
    return {
      rows,
      next: upTo < count ? (upTo + 1n).toString() : null,
      total: null,
      scanned: { upTo: upTo < count ? upTo : count, of: count },
    };
  }

  /** applicationCount + one applicationPage per load. */
  async openApplications(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<ApplicationRow>> {
    const first = cursorId(query.cursor);
    const count = await programAt(ref.address, this.provider).applicationCount();
    const records = first > count ? [] : await this.lens.applicationPage(ref.address, first, MAX_PAGE_ROWS);
    const rows: ApplicationRow[] = [];
    let upTo = first - 1n;
    for (const { id, application: a } of records) {
      if (rows.length >= query.pageSize) break;
      upTo = id;
      if (Number(a.status) !== ApplicationStatus.Open) continue;
      rows.push({
        id,
        entityNo: a.entityNo,
        categoryId: Number(a.categoryId),
        status: Number(a.status),
        submittedAt: a.submittedAt,
      });
    }
    return {
      rows,
      next: upTo < count ? (upTo + 1n).toString() : null,
      total: null,
      scanned: { upTo: upTo < count ? upTo : count, of: count },
    };
  }

  /**
   * Ledger events newest first: block windows of `maxLogRange` blocks going back from the cursor (at
   * most LEDGER_WINDOWS per load, each one chunked log read), then the block times of the rows shown.
   * The cursor "block:logIndex" names the oldest row shown; the next page starts just before it.
   */
  async ledger(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<LedgerRow>> {
    const [block, logIndex] =
      query.cursor !== null && /^\d+:\d+$/.test(query.cursor)
        ? query.cursor.split(":").map(Number)
        : [await this.provider.getBlockNumber(), Number.MAX_SAFE_INTEGER];
    const before = (log: Log) => log.blockNumber < block || (log.blockNumber === block && log.index < logIndex);
    const found: Log[] = [];
    let end = block;
    for (let w = 0; w < LEDGER_WINDOWS && end >= ref.fromBlock && found.length < query.pageSize; w++) {
      const start = Math.max(ref.fromBlock, end - this.maxLogRange + 1);
      const { logs } = await fetchLogs(
        this.provider,
        { address: ref.address, topics: [LEDGER_TOPICS] },
        start,
        end,
        this.maxLogRange,
      );
      found.push(...logs.filter(before));
      end = start - 1;
    }
    found.sort((a, b) => b.blockNumber - a.blockNumber || b.index - a.index);
    const shown = found.slice(0, query.pageSize);
    const events = await this.decode(shown);
    const rows = events.map((e): LedgerRow => {
      const value = (name: string) => (e.keys.includes(name) ? e.args.getValue(name) : null);
      const account = ["from", "treasury", "wallet", "payer"].map(value).find((v) => v !== null);
      return {
        kind: e.name,
        amount: BigInt(value("amount") ?? 0n),
        account: account === undefined ? null : String(account),
        grantId: e.grantId,
        index: e.index,
        block: e.block,
        logIndex: e.logIndex,
        txHash: e.txHash,
        time: e.time,
      };
    });
    rows.sort((a, b) => b.block - a.block || b.logIndex - a.logIndex);
    // Rows found but not shown: go on after the oldest one shown. Else every window read was shown in
    // full: go on at the next block not read yet, if any remains.
    const oldest = rows.at(-1);
    const next =
      found.length > shown.length && oldest !== undefined
        ? `${oldest.block}:${oldest.logIndex}`
        : end >= ref.fromBlock
          ? `${end}:${Number.MAX_SAFE_INTEGER}`
          : null;
    return {
      rows,
      next,
      total: null,
      scanned: null,
    };
  }

  /** awardsOf + one single-row grantPage per award (at most one award per category). */
  async entityAwards(ref: ProgramRef, entityNo: bigint): Promise<GrantRow[]> {
    const ids = (await this.lens.awardsOf(ref.address, entityNo)).filter((id) => id !== 0n);
    const rows = await Promise.all(ids.map((id) => this.grant(ref, id)));
    return rows.filter((row): row is GrantRow => row !== null);
  }

  /**
   * The events of the named grants (every event indexed by grantId), applications (ApplicationSubmitted)
   * and categories (CategoryAdded): one topic-filtered log read in block chunks from the program's
   * first block, then the block times of the events found.
   */
  async history(ref: ProgramRef, query: HistoryQuery): Promise<ProgramEvent[]> {
    const grants = new Set(query.grantIds ?? []);
    const applications = new Set(query.applicationIds ?? []);
    const categories = new Set((query.categoryIds ?? []).map(BigInt));
    const topic0 = [
      ...(grants.size > 0 ? GRANT_TOPICS : []),
      ...(applications.size > 0 ? [APPLICATION_SUBMITTED] : []),
      ...(categories.size > 0 ? [CATEGORY_ADDED] : []),
    ];
    if (topic0.length === 0) return [];
    const ids = [...new Set([...grants, ...applications, ...categories].map((id) => idTopic(id)))];
    const toBlock = await this.provider.getBlockNumber();
    const { logs } = await fetchLogs(
      this.provider,
      { address: ref.address, topics: [topic0, ids] },
      ref.fromBlock,
      toBlock,
      this.maxLogRange,
    );
    // One query ORs the topics of the three kinds: keep each log only for the ids of its own kind.
    const wanted = logs.filter((log) => {
      const id = BigInt(log.topics[1]);
      if (log.topics[0] === APPLICATION_SUBMITTED) return applications.has(id);
      if (log.topics[0] === CATEGORY_ADDED) return categories.has(id);
      return grants.has(id);
    });
    return this.decode(wanted);
  }

  /**
   * Every event of the program since its first block, in chain order: block-chunked log reads, then the
   * block times. It grows with the program's history, so only an explicit download (the exports) uses it.
   */
  async allEvents(ref: ProgramRef): Promise<ProgramEvent[]> {
    const toBlock = await this.provider.getBlockNumber();
    const { logs } = await fetchLogs(this.provider, { address: ref.address }, ref.fromBlock, toBlock, this.maxLogRange);
    return this.decode(logs);
  }

  /** Logs decoded as program events, with their blocks' times (batched), in chain order. */
  private async decode(logs: Log[]): Promise<ProgramEvent[]> {
    const times = await blockTimes(
      this.provider,
      logs.map((l) => l.blockNumber),
    );
    const events: ProgramEvent[] = [];
    for (const log of logs) {
      const parsed = programInterface.parseLog(log);
      if (parsed === null) continue;
      const has = (name: string) => parsed.fragment.inputs.some((input) => input.name === name);
      events.push({
        name: parsed.name,
        args: parsed.args,
        keys: parsed.fragment.inputs.map((input) => input.name),
        address: log.address,
        grantId: has("grantId") ? BigInt(parsed.args.getValue("grantId")) : null,
        index: has("index") ? Number(parsed.args.getValue("index")) : null,
        block: log.blockNumber,
        logIndex: log.index,
        txHash: log.transactionHash,
        time: BigInt(times.get(log.blockNumber) ?? 0),
      });
    }
    return events.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  }
}

/** Where the public page stands in its lists: the awards page, and each scanned list's cursor. */
export interface PublicPlace {
  pageSize: number;
  awards: { page: number; order: SortOrder };
  noticesCursor: string | null;
  ledgerCursor: string | null;
}

/** Everything the public page of a program shows (the 公示 view): one page of each of its lists. */
export interface PublicPage {
  header: ProgramHeader;
  notices: ScanPage<MilestoneItem>;
  awards: Page<GrantRow>;
  ledger: ScanPage<LedgerRow>;
  /** The events of the grants on this page of awards only (their descriptions and histories). */
  events: ProgramEvent[];
}

/**
 * The reads of one public page load — the portal's public view renders them and `npm run bench:scale`
 * measures them — a constant number of calls whatever the program's size.
 */
export async function publicPage(lists: ListSource, ref: ProgramRef, place: PublicPlace): Promise<PublicPage> {
  const page = { pageSize: place.pageSize };
  const [header, notices, awards, ledger] = await Promise.all([
    lists.header(ref),
    lists.noticeBoard(ref, { ...page, cursor: place.noticesCursor }),
    lists.awards(ref, { ...page, ...place.awards }),
    lists.ledger(ref, { ...page, cursor: place.ledgerCursor }),
  ]);
  const events = await lists.history(ref, { grantIds: awards.rows.map((g) => g.id) });
  return { header, notices, awards, ledger, events };
}
