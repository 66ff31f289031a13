/**
 * A JSON-RPC proxy that limits `eth_getLogs` the way hosted endpoints do: it refuses a query spanning
 * more than `maxRange` blocks, and one whose answer would hold more than `maxLogs` logs, with the
 * errors such endpoints send (code -32005). Everything else is forwarded unchanged, batches included.
 * The tests and `npm run e2e:node` put it in front of a real node to show that the tasks cope.
 * Plain Node 22, no project imports.
 */
import { createServer, type Server } from "node:http";

/** Sends one JSON-RPC request object upstream and returns the response object. */
export type Forward = (request: JsonRpcRequest) => Promise<JsonRpcResponse>;

export interface JsonRpcRequest {
  jsonrpc: "2.0";
  id: number | string | null;
  method: string;
  params?: unknown[];
}

export interface JsonRpcResponse {
  jsonrpc: "2.0";
  id: number | string | null;
  result?: unknown;
  error?: { code: number; message: string };
}

/** What the proxy saw: HTTP posts, requests inside them, and the log queries it refused. */
export interface ProxyCounters {
  posts: number;
  requests: number;
  refusedRange: number;
  refusedSize: number;
}

export interface CappingProxy {
  url: string;
  counters: ProxyCounters;
  close(): Promise<void>;
}

/** Forwards to a JSON-RPC node over HTTP. */
export function forwardTo(url: string): Forward {
  return async (request) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(request),
    });
    return (await response.json()) as JsonRpcResponse;
  };
}

/** Forwards to an EIP-1193 provider (e.g. Hardhat's in-process network). */
export function forwardToProvider(provider: {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}): Forward {
  return async (request) => {
    try {
      const result = await provider.request({ method: request.method, params: request.params ?? [] });
      return { jsonrpc: "2.0", id: request.id, result };
    } catch (error) {
      const e = error as { code?: number; message?: string };
      return { jsonrpc: "2.0", id: request.id, error: { code: e.code ?? -32000, message: e.message ?? String(error) } };
    }
  };
}

/**
 * Starts the proxy on a free local port.
 * @param forward where requests go
 * @param limits the largest block range and the most logs one eth_getLogs may have
 */
export async function startCappingProxy(
  forward: Forward,
  limits: { maxRange: number; maxLogs: number },
): Promise<CappingProxy> {
  const counters: ProxyCounters = { posts: 0, requests: 0, refusedRange: 0, refusedSize: 0 };

  const blockNumber = async (tag: unknown): Promise<bigint> => {
    if (typeof tag === "string" && /^0x[0-9a-f]+$/i.test(tag)) return BigInt(tag);
    const latest = await forward({ jsonrpc: "2.0", id: 0, method: "eth_blockNumber", params: [] });
    return BigInt(latest.result as string);
  };

  const handle = async (request: JsonRpcRequest): Promise<JsonRpcResponse> => {
    counters.requests += 1;
    if (request.method !== "eth_getLogs") return forward(request);
    const filter = (request.params?.[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown; blockHash?: unknown };
    if (filter.blockHash === undefined) {
      const from = await blockNumber(filter.fromBlock ?? "latest");
      const to = await blockNumber(filter.toBlock ?? "latest");
      if (to - from + 1n > BigInt(limits.maxRange)) {
        counters.refusedRange += 1;
        return {
          jsonrpc: "2.0",
          id: request.id,
          error: { code: -32005, message: `query exceeds max block range ${limits.maxRange}` },
        };
      }
    }
    const response = await forward(request);
    if (Array.isArray(response.result) && response.result.length > limits.maxLogs) {
      counters.refusedSize += 1;
      return {
        jsonrpc: "2.0",
        id: request.id,
        error: { code: -32005, message: `query returned more than ${limits.maxLogs} results` },
      };
    }
    return response;
  };

  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      counters.posts += 1;
      void (async () => {
        let answer: unknown;
        try {
          const parsed = JSON.parse(body) as JsonRpcRequest | JsonRpcRequest[];
          answer = Array.isArray(parsed) ? await Promise.all(parsed.map(handle)) : await handle(parsed);
        } catch (error) {
          answer = { jsonrpc: "2.0", id: null, error: { code: -32700, message: String(error) } };
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(answer));
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    counters,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
