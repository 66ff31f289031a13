/**
 * `npm run portal`: the portal against the local node the tooling deploys to.
 *
 * Uses the node at MG_RPC_URL (default http://127.0.0.1:8545) if one answers, else starts `hardhat node`
 * there; if the node's address book (tasks/runtime/address-book.ts: chain id and genesis hash) has no
 * deployment on it, seeds it (portal/scripts/seed.ts); then serves the app with Vite on
 * http://127.0.0.1:5173 (MG_PORTAL_PORT). Ctrl-C (or SIGTERM) stops the server and the node it started;
 * a node that was already running is left alone.
 *
 * With `--indexer` (`npm run portal -- --indexer`) it also starts the indexer over that node (PGlite in
 * .indexer/, or PostgreSQL with DATABASE_URL; docs/indexer.md) and the filtered lists come from it; with
 * MG_INDEXER_URL it uses an indexer already running there. Without either, every list reads the chain.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { createServer } from "vite";

import { compile, nodeAnswers, ROOT, rpc, seed, startNode, stopOnExit } from "../../scripts/lib/local-node.ts";
import { startIndexer } from "../../scripts/lib/indexer.ts";
import {
  absentContract,
  addressBookDir,
  addressBookFile,
  chainIdentity,
  codeChecker,
  LOCAL_CHAIN_IDS,
  portalDirectoryFile,
  type AddressBook,
} from "../../tasks/runtime/address-book.ts";

const url = process.env.MG_RPC_URL ?? "http://127.0.0.1:8545";
process.env.MG_RPC_URL = url;
const portalPort = Number(process.env.MG_PORTAL_PORT ?? 5173);
compile();
if (!(await nodeAnswers(url))) {
  console.log(`Starting a Hardhat node on ${url} …`);
  const node = await startNode(Number(new URL(url).port || 8545));
  console.log(`Node started (process group ${node.pgid}); Ctrl-C stops it with the portal.`);
}
const request = (method: string, params: unknown[]) => rpc(url, method, params);
const identity = await chainIdentity(request);
const bookDir = addressBookDir(ROOT);
const bookFile = addressBookFile(bookDir, identity);
const book = existsSync(bookFile) ? (JSON.parse(readFileSync(bookFile, "utf8")) as AddressBook) : undefined;
const deployed = book?.lens !== undefined && (await absentContract(book, codeChecker(request))) === null;
if (!deployed) {
  if (!LOCAL_CHAIN_IDS.has(identity.chainId)) {
    throw new Error(`Chain ${identity.chainId} has no deployment in ${bookFile}; deploy with mg:deploy first.`);
  }
  // The seed keeps a book whose contracts are gone under a .replaced-<time> name before writing its own.
  console.log("Seeding the local node with the Guiyang programs …");
  seed(url, bookDir);
}
if (process.argv.includes("--indexer") && !process.env.MG_INDEXER_URL) {
  console.log("Starting the indexer over the node …");
  const indexer = await startIndexer({
    rpcUrl: url,
    bookFile,
    port: Number(process.env.MG_INDEXER_PORT ?? 42069),
    databaseUrl: process.env.DATABASE_URL || undefined,
  });
  process.env.MG_INDEXER_URL = indexer.url;
  console.log(`Indexer ready: ${indexer.url}/graphql`);
}
const server = await createServer({
  configFile: path.join(ROOT, "portal", "vite.config.ts"),
  server: { port: portalPort, strictPort: true },
});
stopOnExit(() => server.close());
await server.listen();
console.log(`\nMilestone Grants portal: http://127.0.0.1:${server.config.server.port}/`);
console.log(`Node: ${url} (chain ${identity.chainId}). Add it to your browser wallet and import a node account`);
const directoryFile = portalDirectoryFile(bookDir, identity);
const relative = path.relative(ROOT, directoryFile);
const directory = relative.startsWith("..") ? directoryFile : relative;
console.log(`(the seed's roles are listed in ${directory}). Ctrl-C to stop.`);
