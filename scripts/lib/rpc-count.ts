/**
 * Counting the JSON-RPC requests a piece of work sends through a provider: the paging tests and
 * `npm run bench:scale` compare these counts at few and at many grants. Wraps the provider's `request`
 * in place (every client of the connection, ethers included, goes through it) until `stop()`.
 */

/** A running count of requests, by method. */
export interface RequestCounter {
  /** Requests since the start or the last reset. */
  readonly total: number;
  /** The same, by JSON-RPC method. */
  readonly byMethod: Readonly<Record<string, number>>;
  reset(): void;
  /** Puts the provider's own `request` back. */
  stop(): void;
}

/**
 * Starts counting the requests sent through `provider` (e.g. a Hardhat connection's `provider`).
 * @param provider an EIP-1193 provider whose `request` every caller uses
 */
export function countRequests(provider: {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}): RequestCounter {
  const original = provider.request;
  let byMethod: Record<string, number> = {};
  let total = 0;
  provider.request = function (args) {
    total += 1;
    byMethod[args.method] = (byMethod[args.method] ?? 0) + 1;
    return original.call(provider, args);
  };
  return {
    get total() {
      return total;
    },
    get byMethod() {
      return byMethod;
    },
    reset() {
      total = 0;
      byMethod = {};
    },
    stop() {
      provider.request = original;
    },
  };
}
