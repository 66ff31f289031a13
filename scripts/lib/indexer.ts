/**
 * Starting the Ponder indexer (indexer/) against a node and its address book, and waiting until it has
 * caught up. Plain Node 22 (type stripping), like scripts/lib/local-node.ts; shared by `npm run indexer`,
 * the indexer's end-to-end run and the portal's browser tests.
 *
 * Data: embedded PGlite in `.indexer/<book>/` (git-ignored) unless `databaseUrl` names a PostgreSQL
 * server. The database schema is named after the book, so one database can hold several chains, and a
 * restart with the same code and book resumes where the last run stopped (Ponder's crash recovery)
 * instead of indexing from block 0 again.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

import { ROOT, stopGroup, stopOnExit } from "./local-node.ts";

export interface IndexerOptions {
  /** The node's JSON-RPC URL. */
  rpcUrl: string;
  /** The node's address book (tasks/runtime/address-book.ts). */
  bookFile: string;
  /** HTTP port of the indexer's API (SQL over HTTP at /sql, GraphQL at /graphql). */
  port: number;
  /** A PostgreSQL connection string; PGlite when absent. */
  databaseUrl?: string;
  /** The PGlite folder (default `.indexer/<book name>/`). */
  dataDir?: string;
  /** The database schema (default: `mg_` + the book's name). */
  schema?: string;
}

export interface RunningIndexer {
  /** Base URL of the API, e.g. http://127.0.0.1:42069. */
  url: string;
  pgid: number;
  /** Everything the indexer printed so far. */
  log(): string;
  /** Stops the indexer and waits until its process group is gone. */
  stop(): Promise<void>;
}

/** The book's name without folder or extension, e.g. `31337-1a2b3c4d`. */
export function bookName(bookFile: string): string {
  return path.basename(bookFile, ".json");
}

/** The default database schema of a book: `mg_` and the book name, in the characters SQL allows unquoted. */
export function indexerSchema(bookFile: string): string {
  return `mg_${bookName(bookFile).replace(/[^a-zA-Z0-9]/g, "_")}`;
}

/** Starts `ponder start` for the book and waits until /ready answers 200 (at most `timeoutMs`). */
export async function startIndexer(options: IndexerOptions, timeoutMs = 180_000): Promise<RunningIndexer> {
  const schema = options.schema ?? indexerSchema(options.bookFile);
  const dataDir = options.dataDir ?? path.join(ROOT, ".indexer", bookName(options.bookFile));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MG_INDEXER_BOOK: path.resolve(options.bookFile),
    MG_RPC_URL: options.rpcUrl,
    MG_INDEXER_DATA: dataDir,
    DATABASE_SCHEMA: schema,
    // No telemetry from a public body's machines.
    PONDER_TELEMETRY_DISABLED: "true",
  };
  if (options.databaseUrl !== undefined) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const ponder = path.join(ROOT, "node_modules", ".bin", "ponder");
  const child: ChildProcess = spawn(
    ponder,
    ["start", "--schema", schema, "--port", String(options.port), "--log-format", "pretty"],
    // Run in indexer/ so Ponder's own files (generated/, .ponder/) stay there.
    { cwd: path.join(ROOT, "indexer"), env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const pgid = child.pid;
  if (pgid === undefined) throw new Error("could not start the indexer (node_modules/.bin/ponder missing? run npm ci)");
  const unregister = stopOnExit(() => stopGroup(pgid));
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    unregister();
    await stopGroup(pgid);
  };
  for (let waited = 0; waited < timeoutMs; waited += 500) {
    if (child.exitCode !== null) throw new Error(`the indexer exited (code ${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}/ready`)).status === 200) return { url, pgid, log: () => log, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`the indexer was not ready on ${url} within ${timeoutMs / 1000} s:\n${log}`);
}
