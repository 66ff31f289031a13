/**
 * A local `hardhat node`: find one, start one, seed it for the portal. Plain Node 22 (type stripping),
 * no project imports; shared by `npm run e2e:node`, `npm run portal` and the portal's browser tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: { message: string } };
  if (body.error !== undefined) throw new Error(body.error.message);
  return body.result;
}

/** Whether a JSON-RPC node answers at `url`. */
export async function nodeAnswers(url: string): Promise<boolean> {
  try {
    await rpc(url, "eth_chainId");
    return true;
  } catch {
    return false;
  }
}

export interface LocalNode {
  url: string;
  stop(): void;
}

/** Starts `hardhat node` on `port` and waits until it answers (at most 120 s). */
export async function startNode(port: number): Promise<LocalNode> {
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(NPX, ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: ROOT,
    detached: true, // its own process group, so npx and the node it starts stop together
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", stop);
  for (let waited = 0; waited < 120_000; waited += 500) {
    if (child.exitCode !== null) throw new Error(`hardhat node exited:\n${log}`);
    if (await nodeAnswers(url)) return { url, stop };
    await new Promise((r) => setTimeout(r, 500));
  }
  stop();
  throw new Error(`hardhat node did not answer on ${url} within 120 s:\n${log}`);
}

/** Runs the portal seed against the node at `url`, writing the address book to `bookDir`. */
export function seed(url: string, bookDir: string): void {
  const result = spawnSync(NPX, ["hardhat", "run", "--network", "localhost", "portal/scripts/seed.ts"], {
    cwd: ROOT,
    env: { ...process.env, LOCALHOST_RPC_URL: url, MG_ADDRESS_BOOK_DIR: bookDir },
    stdio: "inherit",
  });
  if (result.status !== 0) throw new Error(`the portal seed failed (exit ${result.status})`);
}

/** Compiles the contracts so typechain-types/ exists (a no-op when nothing changed). */
export function compile(): void {
  const result = spawnSync(NPX, ["hardhat", "compile", "--quiet"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("hardhat compile failed");
}
