/**
 * Local operation that cannot lose records, against real separate `hardhat node` processes: two nodes
 * (both chain 31337) get two address books, a book whose contracts are not on the node is refused and
 * left as it was, and Ctrl-C on `npm run portal` stops the node and the server it started. The tasks
 * run as operators run them, one `npx hardhat mg:… --network localhost --json` process each.
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";

import {
  absentContractsSentence,
  addressBookFile,
  chainIdentity,
  deploymentTag,
  type ChainIdentity,
} from "../../tasks/runtime/address-book.js";
import { groupAlive, nodeAnswers, ROOT, rpc, startNode, type LocalNode } from "../../scripts/lib/local-node.ts";
import { runTask, type Json } from "../../scripts/lib/task-runner.ts";

// Unusual fixed ports, away from a developer's own node on 8545 and the portal on 5173.
const PORT_A = 18651;
const PORT_B = 18652;
const PORTAL_NODE_PORT = 18653;
const PORTAL_PORT = 18654;

/** Runs one task in its own process against the node at `url`; returns its exit code and JSON. */
async function task(
  url: string,
  books: string,
  name: string,
  args: string[] = [],
): Promise<{ code: number | null; json: Json }> {
  const run = await runTask("localhost", name, args, {
    ...process.env,
    LOCALHOST_RPC_URL: url,
    MG_ADDRESS_BOOK_DIR: books,
  });
  if (Object.keys(run.json).length === 0) {
    throw new Error(`${name} printed no JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
  return { code: run.code, json: run.json };
}

const identityAt = (url: string) => chainIdentity((method, params) => rpc(url, method, params));

/** Ignition journals the tasks wrote into deploy/deployments for a test node (removed afterwards). */
function removeJournals(identity: ChainIdentity): void {
  const journals = path.join(ROOT, "deploy", "deployments");
  if (!existsSync(journals)) return;
  const tag = deploymentTag(identity);
  for (const dir of readdirSync(journals)) {
    if (dir === tag || dir.startsWith(`${tag}-`)) rmSync(path.join(journals, dir), { recursive: true, force: true });
  }
}

describe("Local nodes: address books that cannot be lost (real hardhat nodes)", function () {
  this.timeout(300_000);
  const books = mkdtempSync(path.join(tmpdir(), "mg-books-"));
  let nodeA: LocalNode;
  let nodeB: LocalNode;
  let identityA: ChainIdentity;
  let identityB: ChainIdentity;
  let bookA: string;
  let bookB: string;

  before(async function () {
    for (const port of [PORT_A, PORT_B]) {
      if (await nodeAnswers(`http://127.0.0.1:${port}`)) throw new Error(`port ${port} is taken by another node`);
    }
    nodeA = await startNode(PORT_A);
    identityA = await identityAt(nodeA.url);
    // A node's genesis block carries its start time in seconds: start the second node in a later second
    // so that the two genesis hashes differ, as they do for nodes started by hand.
    const genesis = (await rpc(nodeA.url, "eth_getBlockByNumber", ["0x0", false])) as { timestamp: string };
    while (Math.floor(Date.now() / 1000) <= Number(genesis.timestamp)) await new Promise((r) => setTimeout(r, 100));
    nodeB = await startNode(PORT_B);
    identityB = await identityAt(nodeB.url);
    bookA = addressBookFile(books, identityA);
    bookB = addressBookFile(books, identityB);
  });

  after(async function () {
    nodeA?.stop();
    nodeB?.stop();
    for (const identity of [identityA, identityB]) if (identity !== undefined) removeJournals(identity);
    rmSync(books, { recursive: true, force: true });
  });

  it("gives two nodes with the same chain id two address books, named by chain id and genesis hash", async function () {
    expect(identityA.chainId).to.equal(31337n);
    expect(identityB.chainId).to.equal(31337n);
    expect(identityA.genesisHash).to.not.equal(identityB.genesisHash);
    expect(path.basename(bookA)).to.equal(`31337-${identityA.genesisHash.slice(2, 10)}.json`);
    expect(bookB).to.not.equal(bookA);

    const deployed = await task(nodeA.url, books, "mg:deploy", ["--registrar", "1"]);
    expect(deployed.code, String(deployed.json.error)).to.equal(0);
    expect(deployed.json.addressBook).to.equal(bookA);
    expect(existsSync(bookA)).to.equal(true);
    expect(existsSync(bookB)).to.equal(false);
  });

  it("refuses a book whose contracts are not on the node with one sentence, and leaves the file unchanged", async function () {
    // Node B's book records node A's deployment, as when a node is restarted or swapped behind a URL.
    copyFileSync(bookA, bookB);
    const before = readFileSync(bookB, "utf8");
    const factory = (JSON.parse(before) as { factory: string }).factory;

    const status = await task(nodeB.url, books, "mg:status");
    expect(status.code).to.equal(1);
    expect(status.json.error).to.equal(
      absentContractsSentence(bookB, { label: "the factory", address: factory }, true).en,
    );
    expect(String(status.json.error)).to.not.match(/could not decode/i);
    expect(readFileSync(bookB, "utf8")).to.equal(before);
  });

  it("lets mg:deploy start a fresh book on that node, keeping the stale one aside and the other node's book as it was", async function () {
    const stale = readFileSync(bookB, "utf8");
    const first = readFileSync(bookA, "utf8");

    const deployed = await task(nodeB.url, books, "mg:deploy", ["--registrar", "1"]);
    expect(deployed.code, String(deployed.json.error)).to.equal(0);
    expect(deployed.json.addressBook).to.equal(bookB);
    const setAside = readdirSync(books).filter((f) => f.startsWith(path.basename(bookB, ".json") + ".replaced-"));
    expect(setAside).to.have.length(1);
    expect(readFileSync(path.join(books, setAside[0]), "utf8")).to.equal(stale);

    expect(readFileSync(bookA, "utf8")).to.equal(first);
    const programs = await task(nodeA.url, books, "mg:programs");
    expect(programs.code, String(programs.json.error)).to.equal(0);
  });
});

describe("npm run portal: Ctrl-C stops every process it started", function () {
  this.timeout(300_000);

  it("stops the node it started and its web server on SIGINT to its process group", async function () {
    const nodeUrl = `http://127.0.0.1:${PORTAL_NODE_PORT}`;
    const portalUrl = `http://127.0.0.1:${PORTAL_PORT}/config.json`;
    if (await nodeAnswers(nodeUrl)) throw new Error(`port ${PORTAL_NODE_PORT} is taken by another node`);
    const books = mkdtempSync(path.join(tmpdir(), "mg-portal-books-"));
    // Its own process group, like a command in a terminal: Ctrl-C signals that whole group.
    const serve = spawn(process.execPath, [path.join(ROOT, "portal", "scripts", "serve.ts")], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        MG_RPC_URL: nodeUrl,
        MG_PORTAL_PORT: String(PORTAL_PORT),
        MG_ADDRESS_BOOK_DIR: books,
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let log = "";
    serve.stderr.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      serve.on("exit", (code, signal) => resolve({ code, signal })),
    );
    const ready = new Promise<void>((resolve, reject) => {
      serve.stdout.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes("Milestone Grants portal:")) resolve();
      });
      void exited.then(() => reject(new Error(`npm run portal exited before it was ready:\n${log}`)));
    });
    let nodePgid: number | undefined;
    try {
      await ready;
      nodePgid = Number(/process group (\d+)/.exec(log)?.[1]);
      expect(nodePgid, log).to.be.greaterThan(0);
      expect(await nodeAnswers(nodeUrl)).to.equal(true);
      expect((await fetch(portalUrl)).status).to.equal(200);

      process.kill(-serve.pid!, "SIGINT");
      const { code, signal } = await exited;
      expect({ code, signal }).to.deep.equal({ code: 130, signal: null });
      expect(groupAlive(nodePgid)).to.equal(false);
      expect(await nodeAnswers(nodeUrl)).to.equal(false);
      let served = true;
      await fetch(portalUrl).catch(() => (served = false));
      expect(served).to.equal(false);
    } finally {
      // Whatever failed above, leave nothing running.
      for (const pgid of [serve.pid, nodePgid]) {
        if (pgid !== undefined && pgid > 0 && groupAlive(pgid)) process.kill(-pgid, "SIGKILL");
      }
      rmSync(books, { recursive: true, force: true });
    }
  });
});
