/**
 * A local node: find one, start one (`hardhat node` here, anvil in scripts/lib/anvil.ts, both through
 * startServer), seed it for the portal, and stop what was started when the process ends (normal exit,
 * an error, Ctrl-C or SIGTERM). Plain Node 22 (type stripping), no project imports; shared by
 * `npm run e2e:node`, `npm run rehearse`, `npm run portal` and the portal's browser tests.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
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
  /** The process group of the node (npx and the hardhat process it starts). */
  pgid: number;
  /** Sends SIGTERM to the node's process group (returns at once). */
  stop(): void;
}

/** Whether any process of group `pgid` is still alive. */
export function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Stops a process group and waits until it is gone: SIGTERM, then SIGKILL after `graceMs`. Waiting
 * matters: the caller exits right after, and a node left half-stopped would keep its port.
 */
export async function stopGroup(pgid: number, graceMs = 5_000): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-pgid, name);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  for (let waited = 0; groupAlive(pgid); waited += 50) {
    if (waited === graceMs) signal("SIGKILL");
    await new Promise((r) => setTimeout(r, 50));
  }
}

// What this process started and must stop: each entry stops one thing (a node, a server).
const cleanups = new Set<() => Promise<void> | void>();
let exiting = false;

/** Runs every cleanup once, in reverse order of registration. */
async function runCleanups(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    try {
      await cleanup();
    } catch {
      // keep stopping the rest
    }
  }
}

// Ctrl-C in a terminal signals the foreground process group only, and a started node has its own
// group (so that npx and the node stop together): without these handlers Node would die on SIGINT
// without running "exit" listeners and leave the node running.
function onSignal(signal: NodeJS.Signals, code: number) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    void runCleanups().finally(() => process.exit(code));
  });
}
let handlersInstalled = false;

/**
 * Registers something to stop when this process ends: on SIGINT (Ctrl-C), SIGTERM and SIGHUP the
 * cleanups run (awaited) and the process exits; on a normal exit or an uncaught error, the
 * synchronous part of each still runs (a node's SIGTERM). Returns a function that unregisters it.
 */
export function stopOnExit(cleanup: () => Promise<void> | void): () => void {
  if (!handlersInstalled) {
    handlersInstalled = true;
    onSignal("SIGINT", 130);
    onSignal("SIGTERM", 143);
    onSignal("SIGHUP", 129);
    process.on("exit", () => {
      for (const c of cleanups) void c();
    });
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** A JSON-RPC server to start as a child process: what runs, and where it will answer. */
export interface ServerCommand {
  /** How errors name it ("hardhat node", "anvil"). */
  name: string;
  command: string;
  args: string[];
  /** The URL it answers on once up. */
  url: string;
  /** How long to wait for its first answer (default 120 s). */
  timeoutMs?: number;
}

/**
 * Starts a JSON-RPC server in its own process group and waits until it answers. Its output goes to a
 * file, not a pipe: a pipe is drained only while this process's event loop runs, and a node logging
 * thousands of transactions while this process waits in spawnSync would block on a full pipe and stop
 * answering. Once the server answers, the file is unlinked (it writes on into it, freed when it exits);
 * only a failed start shows the log. The server is stopped when this process ends (stopOnExit), or
 * earlier with `stop()`.
 */
export async function startServer(server: ServerCommand): Promise<LocalNode> {
  const { name, url } = server;
  const timeoutMs = server.timeoutMs ?? 120_000;
  const slug = name.replace(/[^a-z0-9]+/gi, "-");
  const logFile = path.join(tmpdir(), `mg-${slug}-${new URL(url).port}-${process.pid}.log`);
  const out = openSync(logFile, "w");
  const child: ChildProcess = spawn(server.command, server.args, {
    cwd: ROOT,
    detached: true, // its own process group, so a wrapper (npx) and the node it starts stop together
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  // A missing executable is reported by an "error" event, not by spawn itself.
  let spawnError: Error | undefined;
  child.once("error", (error) => (spawnError = error));
  const pgid = child.pid;
  if (pgid === undefined) {
    await new Promise((r) => setImmediate(r));
    rmSync(logFile, { force: true });
    throw new Error(`could not start ${name} (${server.command}): ${spawnError?.message ?? "no process"}`);
  }
  const stop = () => {
    try {
      process.kill(-pgid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  // On a normal exit only stopGroup's synchronous SIGTERM runs; on a signal the group is waited for.
  stopOnExit(() => stopGroup(pgid));
  for (let waited = 0; waited < timeoutMs; waited += 250) {
    if (spawnError !== undefined || child.exitCode !== null) {
      const log = readLog();
      rmSync(logFile, { force: true });
      throw new Error(`${name} exited: ${spawnError?.message ?? `exit ${child.exitCode}`}\n${log}`);
    }
    if (await nodeAnswers(url)) {
      rmSync(logFile, { force: true });
      return { url, pgid, stop };
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  const log = readLog();
  rmSync(logFile, { force: true });
  throw new Error(`${name} did not answer on ${url} within ${timeoutMs / 1000} s:\n${log}`);
}

/**
 * Starts `hardhat node` on `port` in its own process group and waits until it answers (at most 120 s).
 * The node is stopped when this process ends (stopOnExit), or earlier with `stop()`.
 */
export function startNode(port: number): Promise<LocalNode> {
  return startServer({
    name: "hardhat node",
    command: NPX,
    args: ["hardhat", "node", "--hostname", "127.0.0.1", "--port", String(port)],
    url: `http://127.0.0.1:${port}`,
  });
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
