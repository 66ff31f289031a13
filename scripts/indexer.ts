/**
 * `npm run indexer`: indexes the programs of the node at MG_RPC_URL (default http://127.0.0.1:8545)
 * with Ponder and serves them — SQL over HTTP at /sql, GraphQL at /graphql — on MG_INDEXER_PORT
 * (default 42069). If no node answers, starts `hardhat node` and seeds it with the Guiyang programs
 * (as `npm run portal` does). Data in embedded PGlite under `.indexer/` unless DATABASE_URL names a
 * PostgreSQL server. Ctrl-C stops the indexer and any node it started; running it again resumes.
 */
import { existsSync } from "node:fs";
import path from "node:path";

import { startIndexer } from "./lib/indexer.ts";
import { compile, nodeAnswers, ROOT, rpc, seed, startNode } from "./lib/local-node.ts";
import { addressBookDir, addressBookFile, chainIdentity, LOCAL_CHAIN_IDS } from "../tasks/runtime/address-book.ts";

const url = process.env.MG_RPC_URL ?? "http://127.0.0.1:8545";
const port = Number(process.env.MG_INDEXER_PORT ?? 42069);
compile();
if (!(await nodeAnswers(url))) {
  if (process.env.MG_RPC_URL !== undefined) {
    console.error(`错误：${url} 没有节点响应。\nError: no node answers at ${url}.`);
    process.exit(1);
  }
  console.log(`Starting a Hardhat node on ${url} …`);
  await startNode(Number(new URL(url).port || 8545));
}
const identity = await chainIdentity((method, params) => rpc(url, method, params));
const bookDir = addressBookDir(ROOT);
const bookFile = addressBookFile(bookDir, identity);
if (!existsSync(bookFile)) {
  if (!LOCAL_CHAIN_IDS.has(identity.chainId)) {
    console.error(
      `错误：链 ${identity.chainId} 在 ${bookFile} 中没有部署记录；请先用 mg:deploy 部署。\n` +
        `Error: chain ${identity.chainId} has no deployment in ${bookFile}; deploy with mg:deploy first.`,
    );
    process.exit(1);
  }
  console.log("Seeding the local node with the Guiyang programs …");
  seed(url, bookDir);
}
const database = process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite in .indexer/";
console.log(`Indexing ${path.relative(ROOT, bookFile)} from ${url} into ${database} …`);
const indexer = await startIndexer({ rpcUrl: url, bookFile, port, databaseUrl: process.env.DATABASE_URL || undefined });
console.log(`Indexer ready: SQL over HTTP ${indexer.url}/sql, GraphQL ${indexer.url}/graphql. Ctrl-C to stop.`);
// Keep running: the indexer follows new blocks until stopped.
await new Promise(() => {});
