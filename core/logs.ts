/**
 * Reading logs from endpoints that limit log queries, as hosted JSON-RPC providers do (a maximum block
 * range per `eth_getLogs`, a maximum number of logs per answer): logs are fetched in block-range chunks
 * that halve when the endpoint says a range is too large, and block times are fetched in parallel
 * batches (one JSON-RPC batch each over HTTP), never one block after another. Provider-agnostic (ethers
 * v6 only): the tasks (tasks/runtime/logs.ts) and the portal (portal/src/lists.ts) share it.
 */
import type { Log, Provider } from "ethers";

import { CoreInputError } from "./input-error.ts";

/** The default maximum block range of one `eth_getLogs` (the tasks' MG_MAX_LOG_RANGE overrides it). */
export const DEFAULT_MAX_LOG_RANGE = 10_000;
/** How many block headers are read per round (a provider that batches JSON-RPC sends them together). */
const BLOCK_BATCH = 100;

/** What an endpoint answers when a log query spans too many blocks or returns too many logs. */
const TOO_LARGE =
  /block range|max(imum)? range|range (is )?too (large|wide|big)|exceeds? (the )?max(imum)? block range|too many (results|logs)|returned more than|more than \d+ (results|logs)|response (size|is too large)|log response size/i;
/** What an endpoint answers when it is rate limiting: never a reason to shrink the range. */
const RATE_LIMITED = /\b429\b|too many requests|\brate\b|rate[- ]limit|capacity|per second|credits|throttl/i;

/** Every text inside an error (messages, codes, nested causes and bodies), for matching. */
function errorTexts(error: unknown): string[] {
  const texts: string[] = [];
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length > 0) {
    const current = queue.shift();
    if (current === null || current === undefined || seen.has(current)) continue;
    seen.add(current);
    if (typeof current === "string") {
      texts.push(current);
      continue;
    }
    if (typeof current !== "object") continue;
    const record = current as Record<string, unknown>;
    for (const key of ["message", "shortMessage", "code", "error", "info", "cause", "body"]) {
      const next = record[key];
      queue.push(typeof next === "number" ? String(next) : next);
    }
  }
  return texts;
}

/**
 * Whether an error from eth_getLogs is an endpoint's size limit (worth retrying with a smaller range).
 * A rate limit is not: halving would only send more requests and end in a false "block too large".
 */
export function isRangeLimit(error: unknown): boolean {
  const texts = errorTexts(error);
  if (texts.some((t) => RATE_LIMITED.test(t))) return false;
  return texts.some((t) => TOO_LARGE.test(t));
}

/** What fetchLogs did, for reports and tests. */
export interface LogFetchStats {
  /** eth_getLogs requests that returned logs. */
  requests: number;
  /** Requests the endpoint refused as too large (each then retried on half the range). */
  refused: number;
  /** The chunk size in blocks at the end (the maximum, or what the endpoint's refusals halved it to). */
  finalRange: number;
}

/**
 * Which logs to read: a contract's address, and optionally topics (eth_getLogs semantics: one entry per
 * position, an array there for "any of", null for "anything"), so one grant's events are read by its
 * indexed grantId instead of the whole program's.
 */
export interface LogSelector {
  address: string;
  topics?: Array<string | string[] | null>;
}

/**
 * Every log matching `selector` (or of the address `selector`) from `fromBlock` to `toBlock`
 * (inclusive), oldest first, in chunks of at most `maxRange` blocks; a chunk the endpoint refuses as too
 * large is retried as two halves.
 * @throws the endpoint's error when it is not a size limit; CoreInputError when even a single block is refused
 */
export async function fetchLogs(
  provider: Provider,
  selector: string | LogSelector,
  fromBlock: number,
  toBlock: number,
  maxRange: number = DEFAULT_MAX_LOG_RANGE,
): Promise<{ logs: Log[]; stats: LogFetchStats }> {
  const filter = typeof selector === "string" ? { address: selector } : selector;
  const logs: Log[] = [];
  const stats: LogFetchStats = { requests: 0, refused: 0, finalRange: maxRange };
  let range = Math.max(1, maxRange);
  let start = fromBlock;
  while (start <= toBlock) {
    const end = Math.min(toBlock, start + range - 1);
    try {
      logs.push(...(await provider.getLogs({ ...filter, fromBlock: start, toBlock: end })));
      stats.requests += 1;
      start = end + 1;
    } catch (error) {
      if (!isRangeLimit(error)) throw error;
      if (end === start) {
        throw new CoreInputError(
          `The endpoint refuses the logs of block ${start} even on their own (a block holds more than it returns per query): use an endpoint without this limit.`,
          `该节点连单个区块 ${start} 的日志也拒绝返回（一个区块的日志超过其单次查询上限）：请换用没有此限制的节点。`,
        );
      }
      stats.refused += 1;
      // Keep the smaller range for the next chunks too: the endpoint's limit does not change.
      range = Math.max(1, Math.floor((end - start + 1) / 2));
    }
  }
  stats.finalRange = range;
  return { logs, stats };
}

/**
 * The timestamps of `blocks`, fetched BLOCK_BATCH at a time in parallel (ethers sends each batch as
 * one JSON-RPC batch over HTTP).
 * @throws CoreInputError when the endpoint does not return one of the blocks
 */
export async function blockTimes(provider: Provider, blocks: Iterable<number>): Promise<Map<number, number>> {
  const wanted = [...new Set(blocks)].sort((a, b) => a - b);
  const times = new Map<number, number>();
  for (let i = 0; i < wanted.length; i += BLOCK_BATCH) {
    const batch = wanted.slice(i, i + BLOCK_BATCH);
    // Asked together, so a provider that batches JSON-RPC sends them as one request.
    const headers = await Promise.all(batch.map((n) => provider.getBlock(n)));
    headers.forEach((header, j) => {
      // A lagging endpoint may not know a block yet: never date an event 1970 by accident.
      if (header === null) {
        throw new CoreInputError(
          `The endpoint does not return block ${batch[j]}, which holds events: try again, or use an endpoint that is in sync.`,
          `节点没有返回包含事件的区块 ${batch[j]}：请重试，或换用已同步的节点。`,
        );
      }
      times.set(batch[j], header.timestamp);
    });
  }
  return times;
}
