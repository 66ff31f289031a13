/**
 * `npm run test:portal`: the portal in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) against a separate `hardhat node` seeded with the Guiyang programs, with the indexer (indexer/) running over that node: the portal's
 * filtered lists come from it, as they do where a deployment runs one.
 *
 * Builds the app, serves the build with `vite preview` (config endpoint and /rpc proxy included), then
 * runs portal/test/portal.e2e.ts with mocha. The wallet is an injected EIP-1193 provider backed by the
 * node's unlocked test accounts. Screenshots go to portal/test-results/ (and to docs/screenshots/ with
 * PORTAL_SCREENSHOTS=docs). Plain Node 22: no project imports beyond the portal's and the tooling's own scripts.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Mocha from "mocha";
import { build, preview } from "vite";

import { startIndexer } from "../../scripts/lib/indexer.ts";
import { compile, freePort, ROOT, rpc, seed, startNode } from "../../scripts/lib/local-node.ts";
import { addressBookFile, chainIdentity } from "../../tasks/runtime/address-book.ts";

const started = Date.now();
compile();
const node = await startNode(await freePort());
const bookDir = mkdtempSync(path.join(tmpdir(), "mg-portal-"));
seed(node.url, bookDir);
// The lists come from the indexer, as in a deployment that runs one (PGlite in the temporary folder).
const bookFile = addressBookFile(bookDir, await chainIdentity((method, params) => rpc(node.url, method, params)));
const indexer = await startIndexer({
  rpcUrl: node.url,
  bookFile,
  port: await freePort(),
  dataDir: path.join(bookDir, "indexer"),
});
// The Vite config finds the node's book itself (chain id and genesis hash, like the tasks).
// The document store in the temporary folder too (the tests read what it wrote, and change a file in it).
const documentsDir = path.join(bookDir, "documents");
Object.assign(process.env, {
  MG_RPC_URL: node.url,
  MG_ADDRESS_BOOK_DIR: bookDir,
  MG_INDEXER_URL: indexer.url,
  MG_DOCUMENTS_DIR: documentsDir,
  PORTAL_DOCUMENTS_DIR: documentsDir,
});

const configFile = path.join(ROOT, "portal", "vite.config.ts");
await build({ configFile, logLevel: "warn" });
const server = await preview({ configFile, preview: { port: await freePort(), strictPort: true } });
const baseUrl = server.resolvedUrls?.local[0];
if (baseUrl === undefined) throw new Error("vite preview did not report its address");
process.env.PORTAL_URL = baseUrl;
process.env.PORTAL_NODE_URL = node.url;
process.env.PORTAL_ARTIFACTS = path.join(ROOT, "portal", "test-results");
mkdirSync(process.env.PORTAL_ARTIFACTS, { recursive: true });
console.log(`portal: ${baseUrl} against node ${node.url}`);

const mocha = new Mocha({ timeout: 60_000, reporter: "spec" });
mocha.addFile(path.join(ROOT, "portal", "test", "portal.e2e.ts"));
await mocha.loadFilesAsync();
const failures = await new Promise<number>((resolve) => mocha.run(resolve));
await server.close();
await indexer.stop();
node.stop();
console.log(
  `portal browser tests: ${failures === 0 ? "passed" : `${failures} failed`} in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(failures === 0 ? 0 : 1);
