/**
 * `npm run bench:scale`: starts a `hardhat node` on a free port with a temporary address-book folder and
 * runs scripts/bench-scale.ts against it (`--network localhost`), so the indexer can read the same
 * chain over HTTP, as it does in a deployment. Stops the node at the end. Plain Node 22.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { compile, freePort, ROOT, startNode } from "./lib/local-node.ts";

compile();
const node = await startNode(await freePort());
const bookDir = mkdtempSync(path.join(tmpdir(), "mg-bench-scale-"));
let status = 1;
try {
  const result = spawnSync(
    "npx",
    ["hardhat", "run", "--no-compile", "--network", "localhost", "scripts/bench-scale.ts"],
    {
      cwd: ROOT,
      env: { ...process.env, LOCALHOST_RPC_URL: node.url, MG_ADDRESS_BOOK_DIR: bookDir, MG_BENCH_NODE_URL: node.url },
      stdio: "inherit",
    },
  );
  status = result.status ?? 1;
} finally {
  node.stop();
  rmSync(bookDir, { recursive: true, force: true });
}
process.exit(status);
