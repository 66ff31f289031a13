/**
 * A grant's case file: every event the program emitted about one grant, each with its block (number and
 * hash), log index and transaction hash, its arguments as text, and a manifest hash over all of it — so
 * an auditor can keep one file per grant and anyone can check it against the chain with
 * `mg:verify-case-file` (each event re-read from its transaction's receipt, none missing, none added).
 */
import { keccak256, toUtf8Bytes, type Provider, type Result } from "ethers";

import type { IGrantProgram } from "../../typechain-types/index.js";
import type { ProgramEvent } from "./history.js";

/** The format tag: a verifier refuses files of another format. */
export const CASE_FILE_FORMAT = "milestone-grants/case-file@1";

/** One event as a case file records it. */
export interface CaseEvent {
  name: string;
  blockNumber: number;
  blockHash: string;
  logIndex: number;
  txHash: string;
  /** Block time, unix seconds. */
  time: number;
  /** The event's named arguments as decimal or hex text. */
  args: Record<string, string>;
}

/** A grant's case file. */
export interface CaseFile {
  format: typeof CASE_FILE_FORMAT;
  chainId: string;
  program: string;
  programName: string;
  grantId: string;
  /** Events up to and including this block. */
  toBlock: number;
  events: CaseEvent[];
  /** keccak256 of the canonical JSON of every field above (caseManifest). */
  manifest: string;
}

/** An event's named arguments as text (bigint as decimal, bool as true/false). */
export function argsText(args: Result): Record<string, string> {
  return Object.fromEntries(Object.entries(args.toObject()).map(([k, v]) => [k, String(v)]));
}

/** Whether an event concerns `grantId` (it names the grant in its arguments). */
export function concernsGrant(args: Result, grantId: bigint): boolean {
  const value = (args.toObject() as { grantId?: unknown }).grantId;
  return typeof value === "bigint" && value === grantId;
}

/** The manifest hash: keccak256 of the file's fields in a fixed order, without the manifest itself. */
export function caseManifest(file: Omit<CaseFile, "manifest">): string {
  const canonical = JSON.stringify([
    file.format,
    file.chainId,
    file.program.toLowerCase(),
    file.programName,
    file.grantId,
    file.toBlock,
    file.events.map((e) => [
      e.name,
      e.blockNumber,
      e.blockHash,
      e.logIndex,
      e.txHash,
      e.time,
      Object.entries(e.args).sort(([a], [b]) => a.localeCompare(b)),
    ]),
  ]);
  return keccak256(toUtf8Bytes(canonical));
}

/** The case file of one grant from the program's decoded events. */
export async function buildCaseFile(
  provider: Provider,
  program: IGrantProgram,
  programName: string,
  grantId: bigint,
  events: readonly ProgramEvent[],
  toBlock: number,
): Promise<CaseFile> {
  const mine = events.filter((e) => concernsGrant(e.args, grantId));
  const body = {
    format: CASE_FILE_FORMAT,
    chainId: (await provider.getNetwork()).chainId.toString(),
    program: await program.getAddress(),
    programName,
    grantId: grantId.toString(),
    toBlock,
    events: mine.map((e) => ({
      name: e.name,
      blockNumber: e.blockNumber,
      blockHash: e.blockHash,
      logIndex: e.index,
      txHash: e.txHash,
      time: e.time,
      args: argsText(e.args),
    })),
  } as const;
  return { ...body, manifest: caseManifest(body) };
}
