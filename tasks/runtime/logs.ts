/**
 * The tasks' side of the chunked log reader (core/logs.ts, shared with the portal): the block-range
 * limit from MG_MAX_LOG_RANGE, and fetchLogs defaulting to it.
 */
import type { Log, Provider } from "ethers";

import {
  blockTimes,
  DEFAULT_MAX_LOG_RANGE,
  fetchLogs as fetchChunkedLogs,
  isRangeLimit,
  type LogFetchStats,
  type LogSelector,
} from "../../core/logs.js";
import { TaskInputError } from "./args.js";

export { blockTimes, DEFAULT_MAX_LOG_RANGE, isRangeLimit, type LogFetchStats, type LogSelector };

/** The block-range limit to use: MG_MAX_LOG_RANGE when set to a positive whole number, else the default. */
export function maxLogRange(environment: NodeJS.ProcessEnv = process.env): number {
  const text = environment.MG_MAX_LOG_RANGE;
  if (text === undefined || text.trim() === "") return DEFAULT_MAX_LOG_RANGE;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1) {
    throw new TaskInputError(
      `MG_MAX_LOG_RANGE must be a positive whole number of blocks, not "${text}".`,
      `MG_MAX_LOG_RANGE 须为正整数（区块数），而不是“${text}”。`,
    );
  }
  return Number(text);
}

/**
 * Every log of `selector` from `fromBlock` to `toBlock` (inclusive), oldest first, in chunks of at most
 * `maxRange` blocks (MG_MAX_LOG_RANGE by default); see core/logs.ts.
 */
export function fetchLogs(
  provider: Provider,
  selector: string | LogSelector,
  fromBlock: number,
  toBlock: number,
  maxRange: number = maxLogRange(),
): Promise<{ logs: Log[]; stats: LogFetchStats }> {
  return fetchChunkedLogs(provider, selector, fromBlock, toBlock, maxRange);
}
