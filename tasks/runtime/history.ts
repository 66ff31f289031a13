/**
 * A program's history from its own events: one chunked log read (tasks/runtime/logs.ts), decoded with
 * the program's ABI, each event with its block, position, transaction hash and block time. What
 * mg:report rebuilds the ledger from and mg:export writes out.
 */
import type { Provider, Result } from "ethers";

import type { IGrantProgram } from "../../typechain-types/index.js";
import type { TypedLogDescription } from "../../typechain-types/common.js";
import { blockTimes, fetchLogs, type LogFetchStats } from "./logs.js";

/** One decoded event of a program. */
export interface ProgramEvent {
  name: string;
  args: Result;
  blockNumber: number;
  /** The block's hash, as the log reports it. */
  blockHash: string;
  /** The log's index in its block. */
  index: number;
  txHash: string;
  /** The block's timestamp, unix seconds. */
  time: number;
}

type Filters = IGrantProgram["filters"];

/** A program's events from `fromBlock` to the latest block, oldest first. */
export async function programEvents(
  provider: Provider,
  program: IGrantProgram,
  fromBlock: number,
): Promise<{ events: ProgramEvent[]; toBlock: number; stats: LogFetchStats }> {
  const toBlock = await provider.getBlockNumber();
  // Every event the program emits comes from its own address (the extension runs by delegatecall).
  const fetched = await fetchLogs(provider, await program.getAddress(), fromBlock, toBlock);
  const decoded = fetched.logs.flatMap((log) => {
    const description = program.interface.parseLog(log);
    return description === null ? [] : [{ log, description }];
  });
  const times = await blockTimes(
    provider,
    decoded.map((d) => d.log.blockNumber),
  );
  const events = decoded.map(({ log, description }) => ({
    name: description.name,
    args: description.args,
    blockNumber: log.blockNumber,
    blockHash: log.blockHash,
    index: log.index,
    txHash: log.transactionHash,
    time: times.get(log.blockNumber) ?? 0,
  }));
  return { events, toBlock, stats: fetched.stats };
}

/** The events named `name`, with their arguments typed as TypeChain declares them. */
export function eventsNamed<K extends keyof Filters & string>(
  events: readonly ProgramEvent[],
  name: K,
): Array<Omit<ProgramEvent, "args"> & { args: TypedLogDescription<Filters[K]>["args"] }> {
  return events
    .filter((e) => e.name === name)
    .map((e) => ({ ...e, args: e.args as unknown as TypedLogDescription<Filters[K]>["args"] }));
}
