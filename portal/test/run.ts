/**
 * `npm run test:portal`: the portal in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core) against a separate `hardhat node` seeded with the Guiyang programs.
 *
 * Builds the app, serves the build with `vite preview` (config endpoint and /rpc proxy included), then
 * runs portal/test/portal.e2e.ts with mocha. The wallet is an injected EIP-1193 provider backed by the
 * node's unlocked test accounts. Screenshots go to portal/test-results/ (and to docs/screenshots/ with
 * PORTAL_SCREENSHOTS=docs). Plain Node 22: no project imports beyond the portal's own scripts.
 */
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import Mocha from "mocha";
import { build, preview } from "vite";

import { compile, freePort, ROOT, seed, startNode } from "../../scripts/lib/local-node.ts";

const started = Date.now();
compile();
const node = await startNode(await freePort());
const bookDir = mkdtempSync(path.join(tmpdir(), "mg-portal-"));
seed(node.url, bookDir);
// The Vite config finds the node's book itself (chain id and genesis hash, like the tasks).
Object.assign(process.env, { MG_RPC_URL: node.url, MG_ADDRESS_BOOK_DIR: bookDir });

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
node.stop();
console.log(
  `portal browser tests: ${failures === 0 ? "passed" : `${failures} failed`} in ${Math.round((Date.now() - started) / 1000)} s`,
);
process.exit(failures === 0 ? 0 : 1);
