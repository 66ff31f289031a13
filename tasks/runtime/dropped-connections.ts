/**
 * Reads retried when a node dropped the connection under them. A task that decodes tens of thousands
 * of logs keeps Node's event loop busy for seconds; meanwhile the node closes idle keep-alive
 * connections, and the HTTP client, not having seen the close yet, sends the next request on a dead
 * socket ("other side closed", UND_ERR_SOCKET). The request never reached the node, so a read is safe
 * to send again; a transaction is never resent here.
 */

/** JSON-RPC methods that only read (sending one twice changes nothing). */
const READS =
  /^(eth_(get\w+|call|blockNumber|chainId|estimateGas|feeHistory|gasPrice|accounts)|net_version|web3_clientVersion)$/;

/** How many times a dropped read is sent again. */
const RETRIES = 2;

/** Whether `error` (or an error it was caused by) is a socket the other side closed. */
export function droppedConnection(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e !== undefined && e !== null && depth < 6; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (code === "UND_ERR_SOCKET" || code === "ECONNRESET" || /other side closed/.test(String(message))) return true;
    e = cause;
  }
  return false;
}

/** Makes `provider.request` resend a read whose connection was dropped (at most RETRIES times). */
export function retryDroppedReads(provider: {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}): void {
  const marked = provider as { __mgRetries?: boolean };
  if (marked.__mgRetries === true) return;
  marked.__mgRetries = true;
  const original = provider.request.bind(provider);
  provider.request = async (args) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await original(args);
      } catch (error) {
        if (attempt >= RETRIES || !READS.test(args.method) || !droppedConnection(error)) throw error;
      }
    }
  };
}
