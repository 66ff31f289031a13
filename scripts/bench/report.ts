/**
 * The benchmark's bookkeeping: measured rows, the table, the targets, the committed snapshot
 * (bench/gas-snapshot.json) and the run's output (bench/out/gas.json, git-ignored).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

import type { ContractTransactionReceipt, TransactionReceipt, TransactionResponse } from "ethers";

/** One line of bench/out/gas.json. Anchor fields are present when the op has a comparable anchor. */
export interface GasRow {
  op: string;
  gas: number;
  anchor?: string;
  anchorGas?: number;
  /** Our gas divided by the anchor's, rounded to 3 decimals. */
  ratio?: number;
}

/** Receipt gas of every measured transaction, ours and the anchors', by name. */
export class GasLog {
  private readonly ours = new Map<string, number>();
  private readonly anchors = new Map<string, number>();
  private readonly links = new Map<string, string>();
  private readonly calldataGas = new Map<string, number>();
  private readonly hashes = new Map<string, string>();

  /** Waits for `send` and records the receipt's gasUsed under `op`. */
  async measure(op: string, send: Promise<TransactionResponse>, kind: "ours" | "anchor" = "ours"): Promise<number> {
    const response = await send;
    const receipt: TransactionReceipt | ContractTransactionReceipt | null = await response.wait();
    if (receipt === null || receipt.status !== 1) throw new Error(`${op}: transaction failed`);
    const gas = Number(receipt.gasUsed);
    const book = kind === "ours" ? this.ours : this.anchors;
    if (book.has(op)) throw new Error(`${op}: measured twice`);
    book.set(op, gas);
    this.calldataGas.set(op, calldataCost(response.data));
    this.hashes.set(op, response.hash);
    console.log(`  ${kind === "ours" ? "✓" : "⚓"} ${op.padEnd(58)} ${gas.toLocaleString("en-US").padStart(10)} gas`);
    return gas;
  }

  /** Names the anchor an op of ours is compared with. */
  compare(op: string, anchor: string): void {
    this.links.set(op, anchor);
  }

  gas(op: string): number {
    const value = this.ours.get(op) ?? this.anchors.get(op);
    if (value === undefined) throw new Error(`${op}: not measured`);
    return value;
  }

  /** 21,000 + calldata (4 per zero byte, 16 per non-zero byte) of the op's transaction. */
  intrinsic(op: string): number {
    const cost = this.calldataGas.get(op);
    if (cost === undefined) throw new Error(`${op}: not measured`);
    return 21_000 + cost;
  }

  /** The transaction hash of a measured op (for tracing). */
  hash(op: string): string {
    const hash = this.hashes.get(op);
    if (hash === undefined) throw new Error(`${op}: not measured`);
    return hash;
  }

  ourOps(): string[] {
    return [...this.ours.keys()];
  }

  rows(): GasRow[] {
    const rows: GasRow[] = [];
    for (const [op, gas] of this.ours) {
      const anchor = this.links.get(op);
      if (anchor === undefined) {
        rows.push({ op, gas });
      } else {
        const anchorGas = this.gas(anchor);
        rows.push({ op, gas, anchor, anchorGas, ratio: Math.round((gas / anchorGas) * 1000) / 1000 });
      }
    }
    for (const [op, gas] of this.anchors) rows.push({ op: `anchor: ${op}`, gas });
    return rows;
  }
}

/** Calldata gas of a transaction's data (EIP-2028 pricing). */
export function calldataCost(data: string): number {
  let cost = 0;
  for (let i = 2; i < data.length; i += 2) cost += data.slice(i, i + 2) === "00" ? 4 : 16;
  return cost;
}

const fmt = (n: number): string => n.toLocaleString("en-US");

export function printTable(rows: GasRow[]): void {
  const header = ["op", "our gas", "anchor", "anchor gas", "ratio"];
  const body = rows.map((r) => [
    r.op,
    fmt(r.gas),
    r.anchor ?? "",
    r.anchorGas === undefined ? "" : fmt(r.anchorGas),
    r.ratio === undefined ? "" : r.ratio.toFixed(3),
  ]);
  printColumns(header, body, [false, true, false, true, true]);
}

/** Prints a plain-text table; `right` marks the right-aligned (numeric) columns. */
export function printColumns(header: string[], body: string[][], right: boolean[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of body) console.log(line(row));
}

/** A target of the gas-benchmark issue; informative only: a missed target never fails the bench. */
export interface Target {
  name: string;
  actual: string;
  limit: string;
  met: boolean;
}

export function printTargets(targets: Target[]): void {
  printColumns(
    ["target", "ours", "limit", "status"],
    targets.map((t) => [t.name, t.actual, t.limit, t.met ? "met" : "MISSED"]),
    [false, true, true, false],
  );
  const missed = targets.filter((t) => !t.met).length;
  console.log(
    `${targets.length - missed} of ${targets.length} targets met (targets are informative; they never fail the bench).`,
  );
}

export function writeJson(path: string, value: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** The committed snapshot: op -> receipt gas of our ops. */
export type Snapshot = Record<string, number>;

export function readSnapshot(path: string): Snapshot | null {
  if (!existsSync(path)) return null;
  const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path}: expected an object of op -> gas`);
  }
  const snapshot: Snapshot = {};
  for (const [op, gas] of Object.entries(parsed)) {
    if (typeof gas !== "number") throw new Error(`${path}: gas of "${op}" is not a number`);
    snapshot[op] = gas;
  }
  return snapshot;
}

/** Regressions (> `tolerance` above the snapshot) and ops the snapshot no longer matches. */
export interface SnapshotCheck {
  regressions: string[];
  improvements: string[];
  unmeasured: string[];
  added: string[];
}

export function checkSnapshot(snapshot: Snapshot, current: Snapshot, tolerance: number): SnapshotCheck {
  const check: SnapshotCheck = { regressions: [], improvements: [], unmeasured: [], added: [] };
  for (const [op, before] of Object.entries(snapshot)) {
    const now = current[op];
    if (now === undefined) {
      check.unmeasured.push(op);
      continue;
    }
    const change = (now - before) / before;
    const line = `${op}: ${fmt(before)} -> ${fmt(now)} (${change >= 0 ? "+" : ""}${(change * 100).toFixed(2)} %)`;
    if (now > before * (1 + tolerance)) check.regressions.push(line);
    else if (now < before * (1 - tolerance)) check.improvements.push(line);
  }
  for (const op of Object.keys(current)) if (!(op in snapshot)) check.added.push(op);
  return check;
}
