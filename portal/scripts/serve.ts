/**
 * `npm run portal`: the portal against the local node the tooling deploys to.
 *
 * Uses the node at MG_RPC_URL (default http://127.0.0.1:8545) if one answers, else starts `hardhat node`
 * there; if the node has no deployment the address book points at, seeds it (portal/scripts/seed.ts);
 * then serves the app with Vite on http://127.0.0.1:5173. Ctrl-C stops what it started.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { createServer } from "vite";

import { compile, nodeAnswers, ROOT, rpc, seed, startNode } from "../../scripts/lib/local-node.ts";

const url = process.env.MG_RPC_URL ?? "http://127.0.0.1:8545";
process.env.MG_RPC_URL = url;
compile();
if (!(await nodeAnswers(url))) {
  console.log(`Starting a Hardhat node on ${url} …`);
  await startNode(Number(new URL(url).port || 8545));
}
const chainId = BigInt((await rpc(url, "eth_chainId")) as string).toString();
process.env.MG_CHAIN_ID = chainId;
const bookDir = process.env.MG_ADDRESS_BOOK_DIR ?? path.join(ROOT, "deploy", "addresses");
const bookFile = path.join(bookDir, `${chainId}.json`);
const lens = existsSync(bookFile) ? (JSON.parse(readFileSync(bookFile, "utf8")) as { lens?: string }).lens : undefined;
const deployed = lens !== undefined && (await rpc(url, "eth_getCode", [lens, "latest"])) !== "0x";
if (!deployed) {
  if (chainId !== "31337" && chainId !== "1337") {
    throw new Error(`Chain ${chainId} has no deployment in ${bookFile}; deploy with mg:deploy first.`);
  }
  console.log("Seeding the local node with the Guiyang programs …");
  seed(url, bookDir);
}
const server = await createServer({ configFile: path.join(ROOT, "portal", "vite.config.ts") });
await server.listen();
console.log(`\nMilestone Grants portal: http://127.0.0.1:${server.config.server.port}/`);
console.log(`Node: ${url} (chain ${chainId}). Add it to your browser wallet and import a node account`);
console.log("(the seed's roles are listed in deploy/addresses/<chainId>.portal.json). Ctrl-C to stop.");
