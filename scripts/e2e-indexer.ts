/**
 * `npm run e2e:indexer`: the indexer against a real separate node, checked against the chain.
 *
 * Starts `hardhat node` on a free port, seeds it with the Guiyang programs (the portal seed), starts
 * the indexer (PGlite in a temporary folder, or the PostgreSQL server of DATABASE_URL with
 * `--postgres`) and runs scripts/indexer-check.ts three times: after the first sync; after a pause
 * of ten days, a funding and more blocks that the running indexer must follow; and after the indexer
 * is stopped, the chain moves on, and it is started again — which must resume (Ponder's crash recovery,
 * from its checkpoint) rather than index from block 0, and catch up with what it missed.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { startIndexer, type IndexerOptions } from "./lib/indexer.ts";
import { compile, freePort, ROOT, rpc, seed, startNode } from "./lib/local-node.ts";
import { addressBookFile, chainIdentity } from "../tasks/runtime/address-book.ts";

const usePostgres = process.argv.includes("--postgres");
const databaseUrl = process.env.DATABASE_URL;
if (usePostgres && !databaseUrl) {
  console.error("e2e:indexer --postgres needs DATABASE_URL (scripts/setup/postgres.sh prints it).");
  process.exit(1);
}
const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
compile();
const work = mkdtempSync(path.join(tmpdir(), "mg-indexer-"));
const node = await startNode(await freePort());
const bookDir = path.join(work, "addresses");
seed(node.url, bookDir);
const bookFile = addressBookFile(bookDir, await chainIdentity((method, params) => rpc(node.url, method, params)));
const options: IndexerOptions = {
  rpcUrl: node.url,
  bookFile,
  port: await freePort(),
  dataDir: path.join(work, "pglite"),
  databaseUrl: usePostgres ? databaseUrl : undefined,
  // A fresh schema per run, so a server database keeps nothing from an earlier run.
  schema: `mg_e2e_${process.pid}`,
};
console.log(`e2e:indexer: ${usePostgres ? "PostgreSQL server" : "embedded PGlite"}, node ${node.url}`);

function check(step: "verify" | "act", indexerUrl: string): void {
  const result = spawnSync(
    "npx",
    ["hardhat", "run", "--no-compile", "--network", "localhost", "scripts/indexer-check.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOCALHOST_RPC_URL: node.url,
        MG_ADDRESS_BOOK_DIR: bookDir,
        MG_INDEXER_URL: indexerUrl,
        MG_CHECK_STEP: step,
      },
      stdio: "inherit",
    },
  );
  if (result.status !== 0) throw new Error(`indexer-check (${step}) failed`);
}

let indexer = await startIndexer(options);
try {
  console.log(`[${seconds()}] indexer ready on ${indexer.url}: first sync`);
  check("verify", indexer.url);
  console.log(`[${seconds()}] the running indexer follows a pause, a funding and new blocks`);
  check("act", indexer.url);
  check("verify", indexer.url);
  await indexer.stop();
  console.log(`[${seconds()}] indexer stopped; the chain moves on while it is down; restart`);
  check("act", indexer.url);
  indexer = await startIndexer(options);
  if (!indexer.log().includes("Detected crash recovery")) {
    throw new Error(`the restarted indexer did not resume from its checkpoint:\n${indexer.log()}`);
  }
  check("verify", indexer.url);
  if (usePostgres) {
    // The rows are in the server's tables, read here with its own client, not through the indexer.
    const psql = (sql: string) => spawnSync("psql", [databaseUrl!, "-tAc", sql], { encoding: "utf8" });
    const rows = psql(`select count(*) from "${options.schema}"."grant"`);
    const { data } = (await (
      await fetch(`${indexer.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ grants { totalCount } }" }),
      })
    ).json()) as { data: { grants: { totalCount: number } } };
    if (rows.status !== 0 || Number(rows.stdout.trim()) !== data.grants.totalCount || data.grants.totalCount === 0) {
      throw new Error(
        `PostgreSQL holds ${rows.stdout.trim() || rows.stderr} grant rows; the indexer serves ${data.grants.totalCount}`,
      );
    }
    console.log(
      `[${seconds()}] PostgreSQL's own client reads ${data.grants.totalCount} grant rows in schema ${options.schema}`,
    );
  }
  console.log(`[${seconds()}] e2e:indexer passed: resumed from its checkpoint and caught up`);
} finally {
  await indexer.stop();
  node.stop();
  if (usePostgres) spawnSync("psql", [databaseUrl!, "-tAc", `drop schema if exists "${options.schema}" cascade`]);
  rmSync(work, { recursive: true, force: true });
}
