/**
 * The portal's filtered lists answered by the indexer (indexer/, Ponder over SQL): the indexer says
 * *which* rows a list holds — the milestones in notice, awaiting votes or contested, the open
 * applications, the ledger's movements — with their count, and the chain says *what* they are now:
 * the grants of a page are read in one `GrantProgramLens.grantsById` call and a row is shown only if
 * the chain's derived state still matches. A page costs the same at any program size, and what a
 * person acts on is what the chain holds, not what an index remembered.
 *
 * The indexer's answers are used only once it has reached the chain's latest block (its /status);
 * while it is behind (or unreachable) the lists fall back to direct chain reads (ChainListSource) so
 * a page never shows an older state than the chain's. DOM-free and Node-importable.
 */
import type { Provider } from "ethers";

import { ApplicationStatus, MilestoneState } from "../../core/enums.js";
import { programClock } from "../../core/milestone-state.js";
import {
  ChainListSource,
  grantRow,
  LEDGER_EVENTS,
  type ApplicationRow,
  type GrantRow,
  type LedgerRow,
  type MilestoneItem,
  type ProgramRef,
  type ScanPage,
  type ScanQuery,
} from "./lists.js";

/** The indexer's movement kinds that are ledger events, by the event's name (lists.ts LEDGER_EVENTS). */
const LEDGER_KINDS: Record<string, string> = {
  funded: "Funded",
  withdrawn: "Withdrawn",
  "surplus-swept": "SurplusSwept",
  claimed: "MilestoneClaimed",
  "recovery-ordered": "RecoveryOrdered",
  repaid: "Repaid",
};

/** How long a list waits for the indexer to reach the chain's head before reading the chain instead. */
const CATCH_UP_MS = 5_000;

interface Connection<T> {
  items: T[];
  totalCount: number;
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

type Json = Record<string, string | number | boolean | null>;

/** A GraphQL string literal. */
const str = (value: string | bigint | number) => JSON.stringify(String(value));

export class IndexerListSource extends ChainListSource {
  /** Which source answered the last filtered list: "indexer", or "chain" when it fell back. */
  lastAnsweredBy: "indexer" | "chain" = "chain";

  /**
   * @param provider the read provider (the portal's `/rpc`)
   * @param lensAddress the GrantProgramLens of the deployment
   * @param indexerUrl the indexer's base URL (GraphQL at `/graphql`, progress at `/status`)
   */
  constructor(
    provider: Provider,
    lensAddress: string,
    readonly indexerUrl: string,
  ) {
    super(provider, lensAddress);
  }

  private async graphql<T>(query: string): Promise<T> {
    const response = await fetch(`${this.indexerUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: T; errors?: Array<{ message: string }> };
    if (body.data === undefined) throw new Error(`indexer: ${body.errors?.[0]?.message ?? response.status}`);
    return body.data;
  }

  /** The chain's head if the indexer has reached it within CATCH_UP_MS, else null (use the chain). */
  private async caughtUp(): Promise<{ block: number; time: bigint } | null> {
    const head = await this.provider.getBlock("latest");
    if (head === null) return null;
    for (let waited = 0; waited <= CATCH_UP_MS; waited += 250) {
      try {
        const status = (await (await fetch(`${this.indexerUrl}/status`)).json()) as Record<
          string,
          { block?: { number: number } }
        >;
        if (Object.values(status).some((chain) => (chain.block?.number ?? -1) >= head.number)) {
          return { block: head.number, time: BigInt(head.timestamp) };
        }
      } catch {
        return null; // unreachable: read the chain
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    return null;
  }

  /** The program's pause record as the indexer holds it, for its clock. */
  private async programNow(ref: ProgramRef, now: bigint): Promise<bigint> {
    const { program } = await this.graphql<{ program: Json | null }>(
      `{ program(address: ${str(ref.address.toLowerCase())}) { pausedAt pausedTotal } }`,
    );
    const pause = {
      pausedAt: BigInt(String(program?.pausedAt ?? 0)),
      pausedTotal: BigInt(String(program?.pausedTotal ?? 0)),
    };
    return programClock(pause, now);
  }

  override async noticeBoard(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>> {
    // In notice: approved, and the window (on the program's clock) not over yet; soonest end first.
    return this.milestones(
      ref,
      query,
      MilestoneState.InNotice,
      (now) => `noticeEndsAt_gt: ${str(now)}`,
      "noticeEndsAt",
    );
  }

  override async reviewQueue(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>> {
    // Awaiting votes: evidence submitted and the deadline not passed; nearest deadline first.
    return this.milestones(ref, query, MilestoneState.Submitted, (now) => `deadline_gte: ${str(now)}`, "deadline");
  }

  override async contested(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<MilestoneItem>> {
    return this.milestones(ref, query, MilestoneState.Contested, () => "", "time");
  }

  /**
   * Milestones whose stored status is `status` (and whose clock condition holds), a page at a time by
   * the indexer's cursor; the grants they belong to are then read from the chain in one call, and a
   * milestone is shown only where the chain's state is `status` too.
   */
  private async milestones(
    ref: ProgramRef,
    query: ScanQuery,
    status: number,
    clockFilter: (programNow: bigint) => string,
    orderBy: string,
  ): Promise<ScanPage<MilestoneItem>> {
    const head = await this.caughtUp();
    if (head === null) {
      this.lastAnsweredBy = "chain";
      if (status === MilestoneState.InNotice) return super.noticeBoard(ref, query);
      return status === MilestoneState.Submitted ? super.reviewQueue(ref, query) : super.contested(ref, query);
    }
    const programNow = await this.programNow(ref, head.time);
    const after = query.cursor === null ? "" : `, after: ${str(query.cursor)}`;
    const { milestones } = await this.graphql<{ milestones: Connection<Json> }>(`{
      milestones(
        where: { program: ${str(ref.address.toLowerCase())}, status: ${status}, ${clockFilter(programNow)} },
        orderBy: ${str(orderBy)}, orderDirection: "asc", limit: ${query.pageSize}${after}
      ) { items { grantId index } totalCount pageInfo { endCursor hasNextPage } }
    }`);
    const ids = [...new Set(milestones.items.map((m) => BigInt(String(m.grantId))))];
    const grants = new Map<bigint, GrantRow>();
    if (ids.length > 0) {
      for (const record of await this.lens.grantsById(ref.address, ids)) grants.set(record.id, grantRow(record));
    }
    const rows: MilestoneItem[] = [];
    for (const m of milestones.items) {
      const grant = grants.get(BigInt(String(m.grantId)));
      const milestone = grant?.milestones[Number(m.index)];
      if (grant !== undefined && milestone !== undefined && milestone.state === status) rows.push({ grant, milestone });
    }
    this.lastAnsweredBy = "indexer";
    return {
      rows,
      next: milestones.pageInfo.hasNextPage ? milestones.pageInfo.endCursor : null,
      total: milestones.totalCount,
      scanned: null,
    };
  }

  private async fallBack<T>(read: () => Promise<T>): Promise<T> {
    this.lastAnsweredBy = "chain";
    return read();
  }

  override async openApplications(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<ApplicationRow>> {
    const head = await this.caughtUp();
    if (head === null) return this.fallBack(() => super.openApplications(ref, query));
    const after = query.cursor === null ? "" : `, after: ${str(query.cursor)}`;
    const { applications } = await this.graphql<{ applications: Connection<Json> }>(`{
      applications(
        where: { program: ${str(ref.address.toLowerCase())}, status: ${ApplicationStatus.Open} },
        orderBy: "applicationId", orderDirection: "asc", limit: ${query.pageSize}${after}
      ) { items { applicationId entityNo categoryId status time } totalCount pageInfo { endCursor hasNextPage } }
    }`);
    this.lastAnsweredBy = "indexer";
    return {
      rows: applications.items.map((a) => ({
        id: BigInt(String(a.applicationId)),
        entityNo: BigInt(String(a.entityNo)),
        categoryId: Number(a.categoryId),
        status: Number(a.status),
        // An open application's row still has the time of its submission.
        submittedAt: BigInt(String(a.time)),
      })),
      next: applications.pageInfo.hasNextPage ? applications.pageInfo.endCursor : null,
      total: applications.totalCount,
      scanned: null,
    };
  }

  override async ledger(ref: ProgramRef, query: ScanQuery): Promise<ScanPage<LedgerRow>> {
    const head = await this.caughtUp();
    // A chain cursor ("block:logIndex") cannot continue in the indexer, nor the reverse.
    if (head === null || (query.cursor !== null && /^\d+:\d+$/.test(query.cursor))) {
      return this.fallBack(() => super.ledger(ref, query));
    }
    const after = query.cursor === null ? "" : `, after: ${str(query.cursor)}`;
    const kinds = Object.keys(LEDGER_KINDS).map(str).join(", ");
    const { movements } = await this.graphql<{ movements: Connection<Json> }>(`{
      movements(
        where: { program: ${str(ref.address.toLowerCase())}, kind_in: [${kinds}] },
        orderBy: "position", orderDirection: "desc", limit: ${query.pageSize}${after}
      ) { items { kind amount counterparty grantId index block logIndex time txHash } totalCount pageInfo { endCursor hasNextPage } }
    }`);
    const rows = movements.items.map((m): LedgerRow => ({
      kind: LEDGER_KINDS[String(m.kind)],
      amount: BigInt(String(m.amount)),
      account: m.counterparty === null ? null : String(m.counterparty),
      grantId: m.grantId === null ? null : BigInt(String(m.grantId)),
      index: m.index === null ? null : Number(m.index),
      block: Number(m.block),
      logIndex: Number(m.logIndex),
      txHash: String(m.txHash),
      time: BigInt(String(m.time)),
    }));
    this.lastAnsweredBy = "indexer";
    return {
      rows,
      next: movements.pageInfo.hasNextPage ? movements.pageInfo.endCursor : null,
      total: movements.totalCount,
      scanned: null,
    };
  }
}

// Every ledger event the portal lists has an indexer kind (checked when the module loads).
for (const name of LEDGER_EVENTS) {
  if (!Object.values(LEDGER_KINDS).includes(name)) throw new Error(`no indexer kind for ledger event ${name}`);
}
