/**
 * An official's key on a real network comes from Hardhat's encrypted keystore, never from a file, an
 * environment variable or the command line (docs/operators.md, "Officials' keys"). Here, as an official
 * does it: `npx hardhat keystore set TESTNET_PRIVATE_KEY` answering its prompts (a keystore of its own in
 * a scratch config folder), then `mg:deploy --network testnet` against a real separate `hardhat node`
 * (TESTNET_RPC_URL, not a secret): the task asks for the keystore's password and signs with the stored
 * key. A wrong password sends nothing.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { Wallet } from "ethers";

import { ROOT, rpc, startNode, type LocalNode } from "../../scripts/lib/local-node.ts";

/** The variables by which Hardhat's isCi() (hardhat-utils/ci) takes a process to run on a CI service. */
const CI_DETECTION_VARIABLES = [
  "GITHUB_ACTIONS",
  "NOW",
  "DEPLOYMENT_ID",
  "CODEBUILD_BUILD_NUMBER",
  "CI",
  "CONTINUOUS_INTEGRATION",
  "BUILD_NUMBER",
  "RUN_ID",
];
const NPX = process.platform === "win32" ? "npx.cmd" : "npx";
const PORT = 18661;
const PASSWORD = "treasury-bureau-2027";
// An official's own key (fresh: not one of the node's unlocked test accounts), funded below by account 0.
const OFFICIAL = Wallet.createRandom();

/**
 * Runs `npx hardhat <args>` with `env`, typing `answers` into its prompts one by one, each when the
 * prompt that asks for it (`[hardhat-keystore] …: `) has been printed. Resolves with the exit code, all
 * output, and standard output alone (where `--json` prints).
 */
function runWithPrompts(
  args: string[],
  env: NodeJS.ProcessEnv,
  answers: string[],
): Promise<{ code: number | null; output: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NPX, ["hardhat", ...args], { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    let stdout = "";
    let prompted = 0;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const prompts = output.match(/\[hardhat-keystore\][^\n]*?:\s/g)?.length ?? 0;
      while (prompted < prompts && prompted < answers.length) child.stdin.write(`${answers[prompted++]}\n`);
      if (prompted === answers.length) child.stdin.end();
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      onData(chunk);
    });
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output, stdout }));
  });
}

const nonceOf = async (url: string, address: string) =>
  BigInt((await rpc(url, "eth_getTransactionCount", [address, "latest"])) as string);

describe("Officials' keys: the encrypted keystore signs on a real network", function () {
  this.timeout(180_000);
  let node: LocalNode;
  let configHome: string;
  let books: string;
  let env: NodeJS.ProcessEnv;

  before(async function () {
    node = await startNode(PORT);
    configHome = mkdtempSync(path.join(tmpdir(), "mg-keystore-"));
    books = mkdtempSync(path.join(tmpdir(), "mg-keystore-books-"));
    // The official's account needs ether for gas: the node's account 0 sends it 10 ETH.
    const [funder] = (await rpc(node.url, "eth_accounts")) as string[];
    await rpc(node.url, "eth_sendTransaction", [{ from: funder, to: OFFICIAL.address, value: "0x8ac7230489e80000" }]);
    // Only what is not secret goes in the environment: the node's URL and where the keystore lives. Not
    // HH_TEST either: under it (set by `hardhat test` for this process) the keystore plugin reads only the
    // development keystore, and an official's commands are not tests. Nor the variables by which Hardhat
    // detects a CI service (CI, BUILD_NUMBER, …): there the keystore is not consulted at all and
    // configuration variables come from the environment only (docs/keys-and-networks.md).
    env = { ...process.env, XDG_CONFIG_HOME: configHome, TESTNET_RPC_URL: node.url, MG_ADDRESS_BOOK_DIR: books };
    for (const name of ["TESTNET_PRIVATE_KEY", "HH_TEST", ...CI_DETECTION_VARIABLES]) delete env[name];
  });

  after(function () {
    node?.stop();
    rmSync(configHome, { recursive: true, force: true });
    rmSync(books, { recursive: true, force: true });
  });

  it("stores the key encrypted: the keystore file holds neither the key nor the password", async function () {
    const set = await runWithPrompts(["keystore", "set", "TESTNET_PRIVATE_KEY"], env, [
      PASSWORD,
      PASSWORD,
      OFFICIAL.privateKey,
    ]);
    expect(set.code, set.output).to.equal(0);
    const file = readFileSync(path.join(configHome, "hardhat-nodejs", "keystore.json"), "utf8");
    expect(file).to.include("TESTNET_PRIVATE_KEY");
    expect(file.toLowerCase()).to.not.include(OFFICIAL.privateKey.slice(2).toLowerCase());
    expect(file).to.not.include(PASSWORD);
  });

  it("refuses a wrong password before anything is sent: the official's account sends nothing", async function () {
    const nonce = await nonceOf(node.url, OFFICIAL.address);
    const balance = await rpc(node.url, "eth_getBalance", [OFFICIAL.address, "latest"]);
    const run = await runWithPrompts(["mg:deploy", "--network", "testnet", "--json"], env, ["not-the-password"]);
    expect(run.code).to.not.equal(0);
    expect(run.output).to.match(/password/i);
    expect(await nonceOf(node.url, OFFICIAL.address)).to.equal(nonce);
    expect(await rpc(node.url, "eth_getBalance", [OFFICIAL.address, "latest"])).to.equal(balance);
  });

  it("MG_LEDGER_ACCOUNTS without the Ledger plugin: the command stops in one sentence (Chinese, English), nothing sent", async function () {
    // The plugin is never a dependency (a fresh `npm ci` has no libusb headers to build its driver with).
    expect(existsSync(path.join(ROOT, "node_modules", "@nomicfoundation", "hardhat-ledger"))).to.equal(false);
    const nonce = await nonceOf(node.url, OFFICIAL.address);
    const run = await runWithPrompts(
      ["mg:deploy", "--network", "testnet", "--json"],
      { ...env, MG_LEDGER_ACCOUNTS: OFFICIAL.address },
      [],
    );
    expect(run.code).to.equal(1);
    expect(run.output.trim().split("\n")).to.deep.equal([
      "错误：MG_LEDGER_ACCOUNTS 已设置，但未安装 Ledger 插件：请先运行 npm install --no-save @nomicfoundation/hardhat-ledger@3.1.0（见 docs/keys-and-networks.md）。",
      "Error: MG_LEDGER_ACCOUNTS is set but the Ledger plugin is not installed: run npm install --no-save @nomicfoundation/hardhat-ledger@3.1.0 first (see docs/keys-and-networks.md).",
    ]);
    expect(await nonceOf(node.url, OFFICIAL.address)).to.equal(nonce);
  });

  it("mg:deploy --network testnet asks for the password and deploys from the stored key", async function () {
    const nonce = await nonceOf(node.url, OFFICIAL.address);
    const run = await runWithPrompts(["mg:deploy", "--network", "testnet", "--json"], env, [PASSWORD]);
    expect(run.code, run.output).to.equal(0);
    const json = JSON.parse(run.stdout.slice(run.stdout.indexOf("{"))) as {
      ok: boolean;
      factoryOwner: string;
    };
    expect(json.ok).to.equal(true);
    expect(json.factoryOwner).to.equal(OFFICIAL.address);
    expect(await nonceOf(node.url, OFFICIAL.address)).to.be.greaterThan(nonce);
  });
});
