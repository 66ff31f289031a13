/**
 * The portal in a real browser: a company claims, an official votes, the public objects, a refusal is
 * shown as a sentence with nothing moved, and the page works in Chinese and English on a narrow screen.
 * Started by portal/test/run.ts, which provides PORTAL_URL, PORTAL_NODE_URL and PORTAL_ARTIFACTS.
 */
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { Contract, JsonRpcProvider, getAddress, keccak256, recoverAddress } from "ethers";
import { chromium, type Browser, type Page } from "playwright-core";

const baseUrl = process.env.PORTAL_URL!;
const nodeUrl = process.env.PORTAL_NODE_URL!;
const artifacts = process.env.PORTAL_ARTIFACTS!;
const provider = new JsonRpcProvider(nodeUrl, 31337, { staticNetwork: true });

/** The seed's accounts (hardhat node's default accounts, by index). */
const ACCOUNT = {
  manager: 4,
  reviewer3: 10,
  reviewer4: 11,
  labCo: 13,
  ledgerCo: 14,
  productCo: 15,
  citizen: 16,
  nobody: 19,
};
const YUAN = 100n; // the demo yuan has 2 decimals

let browser: Browser;
let accounts: string[];
let book: { token: { address: string }; programs: Record<string, { address: string }> };

async function screenshot(page: Page, name: string): Promise<void> {
  const file = path.join(artifacts, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env.PORTAL_SCREENSHOTS === "docs") {
    const docs = path.resolve(import.meta.dirname, "..", "..", "docs", "screenshots");
    mkdirSync(docs, { recursive: true });
    copyFileSync(file, path.join(docs, `${name}.png`));
  }
}

/** Opens the portal with an injected EIP-1193 wallet that signs as the node's unlocked `account`. */
async function openAs(account: string, route: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  await context.addInitScript((address: string) => {
    let id = 0;
    const listeners = new Map<string, Array<(...args: unknown[]) => void>>();
    (window as unknown as { ethereum: unknown }).ethereum = {
      async request({ method, params }: { method: string; params?: unknown[] }) {
        if (method === "eth_requestAccounts" || method === "eth_accounts") return [address];
        if (method === "wallet_switchEthereumChain") return null;
        const response = await fetch("./rpc", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params: params ?? [] }),
        });
        const body = (await response.json()) as { result?: unknown; error?: { message: string } };
        if (body.error !== undefined) throw Object.assign(new Error(body.error.message), body.error);
        return body.result;
      },
      on(event: string, listener: (...args: unknown[]) => void) {
        listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      },
      removeListener() {},
    };
  }, account);
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`page error: ${error.message}`));
  await page.goto(`${baseUrl}#/${route}`);
  await page.getByTestId("connect").click();
  await page.locator(`#app[data-rendered-for="${account.toLowerCase()}"]`).waitFor();
  return page;
}

/** Waits for the newest transaction to end and checks it ended as `state`; returns its text. */
async function lastTx(page: Page, state: "confirmed" | "failed"): Promise<string> {
  const item = page.locator(state === "failed" ? "#txs li.failed" : "#txs li.confirmed, #txs li.failed").first();
  await item.waitFor({ timeout: 30_000 });
  const text = (await item.textContent()) ?? "";
  expect(await item.getAttribute("class"), text).to.equal(state);
  return text;
}

const ROOT = path.resolve(import.meta.dirname, "..", "..");
// The whole program interface at a clone's address (both halves: GrantProgram and its extension).
const PROGRAM_ABI = JSON.parse(
  readFileSync(
    path.join(ROOT, "artifacts", "contracts", "interfaces", "IGrantProgram.sol", "IGrantProgram.json"),
    "utf8",
  ),
).abi;
function program(key: string) {
  return new Contract(book.programs[key].address, PROGRAM_ABI, provider);
}
function token() {
  return new Contract(
    book.token.address,
    [
      "function balanceOf(address) view returns (uint256)",
      "function allowance(address,address) view returns (uint256)",
    ],
    provider,
  );
}

describe("portal in a real browser (Chromium, injected EIP-1193 wallet, hardhat node)", function () {
  before(async function () {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    accounts = ((await provider.send("eth_accounts", [])) as string[]).map((a) => getAddress(a));
    book = (await (await fetch(`${baseUrl}config.json`)).json()) as never;
    const config = book as unknown as { token: { address: string }; programs: Array<{ key: string; address: string }> };
    book = { token: config.token, programs: Object.fromEntries(config.programs.map((p) => [p.key, p])) };
  });
  after(async () => browser?.close());

  it("company: the payout wallet claims its payable milestone and receives exactly 3,000,000.00", async function () {
    const page = await openAs(accounts[ACCOUNT.labCo], "company");
    const claim = page.getByTestId("claim-1");
    await claim.waitFor();
    expect(await page.getByTestId("grant-1").locator('[data-state="6"]').count()).to.equal(1);
    const before = await token().balanceOf(accounts[ACCOUNT.labCo]);
    await claim.click();
    expect(await lastTx(page, "confirmed")).to.match(/3,000,000\.00/);
    expect((await token().balanceOf(accounts[ACCOUNT.labCo])) - before).to.equal(3_000_000n * YUAN);
    expect(await program("guiyang-htz").milestoneState(1, 0)).to.equal(7n); // Paid
    await page.getByTestId("paid-1").filter({ hasText: "3,000,000.00" }).waitFor();
    await screenshot(page, "company");
  });

  it("company: an evidence file is hashed in the browser and only its keccak256 goes on chain", async function () {
    const page = await openAs(accounts[ACCOUNT.labCo], "company");
    const bytes = Buffer.from("Shanghai Stock Exchange listing announcement, 2018-06-01\n");
    const row = page.locator('[data-testid="evidence-file-1-0"]').last(); // grant 1 of the city programme
    await row.setInputFiles({ name: "listing.txt", mimeType: "text/plain", buffer: bytes });
    await page.getByTestId("evidence-1-0").last().click();
    await lastTx(page, "confirmed");
    expect(await program("guiyang-city").evidenceOf(1, 0)).to.equal(keccak256(bytes));
    expect(await program("guiyang-city").milestoneState(1, 0)).to.equal(2n); // Submitted
  });

  it("company: repaying more than the recovery owed is refused with a sentence and nothing moves", async function () {
    const page = await openAs(accounts[ACCOUNT.productCo], "company");
    await page.getByTestId("owed-3").filter({ hasText: "600,000.00" }).waitFor();
    const htz = book.programs["guiyang-htz"].address;
    const [companyBefore, programBefore] = [
      await token().balanceOf(accounts[ACCOUNT.productCo]),
      await token().balanceOf(htz),
    ];
    await page.getByTestId("repay-amount-3").fill("700,000");
    await page.getByTestId("repay-3").click();
    // The page is in Chinese (the default), so is the contract's reason.
    expect(await lastTx(page, "failed")).to.equal("被拒绝：退回金额 700,000.00 元超过应退回的 600,000.00 元。");
    expect(await token().balanceOf(accounts[ACCOUNT.productCo])).to.equal(companyBefore);
    expect(await token().balanceOf(htz)).to.equal(programBefore);
    expect((await program("guiyang-htz").grant(3)).recoveryOwed).to.equal(600_000n * YUAN);
    expect(await token().allowance(accounts[ACCOUNT.productCo], htz)).to.equal(0n); // refused before any approval
  });

  it("company: a wallet that is no entity's payout wallet is told so", async function () {
    const page = await openAs(accounts[ACCOUNT.nobody], "company");
    await page.getByTestId("not-registered").waitFor();
  });

  it("official: a reviewer signs a rejection off chain; the file is the vote the chain would accept", async function () {
    const page = await openAs(accounts[ACCOUNT.reviewer4], "official");
    await page.getByTestId("reason-1-1").fill("report lacks the audited accounts");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("sign-reject-1-1").click()]);
    const file = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(file.kind).to.equal("milestone-grants-signed-vote");
    expect(file.vote.approve).to.equal(false);
    expect(getAddress(file.vote.reviewer)).to.equal(accounts[ACCOUNT.reviewer4]);
    const htz = program("guiyang-htz");
    const ballot = {
      reviewer: file.vote.reviewer,
      grantId: 1n,
      milestoneIndex: 1,
      round: (await htz.milestone(1, 1)).round,
      reviewerSlot: file.vote.reviewerSlot,
      termsHash: file.termsHash,
      evidenceHash: file.evidenceHash,
      approve: false,
      reasonHash: keccak256(Buffer.from("report lacks the audited accounts")),
      deadline: BigInt(file.vote.deadline),
    };
    expect(file.vote.reasonHash).to.equal(ballot.reasonHash);
    expect(recoverAddress(await htz.voteDigest(ballot), file.vote.signature)).to.equal(accounts[ACCOUNT.reviewer4]);
    expect(file.evidenceHash).to.equal(await htz.evidenceOf(1, 1));
    expect(BigInt(file.vote.reviewerSlot)).to.equal(await htz.reviewerSlot(accounts[ACCOUNT.reviewer4]));
    const { reviewerSlot: _slot, ...signed } = file.vote;
    const vote = { ...signed, deadline: ballot.deadline };
    await htz.submitSignedVotes.staticCall(1, 1, file.termsHash, file.evidenceHash, [vote]); // would be accepted
    expect(await htz.milestoneState(1, 1)).to.equal(2n); // signing alone changes nothing on chain
  });

  it("official: the third reviewer approves from the review queue and the milestone enters its notice window", async function () {
    const page = await openAs(accounts[ACCOUNT.reviewer3], "official");
    await page.getByTestId("roles").filter({ hasText: "专家委员（席位 3）" }).waitFor();
    await page.getByTestId("budget.funded").filter({ hasText: "20,000,000.00" }).waitFor();
    expect(await program("guiyang-htz").milestoneState(1, 1)).to.equal(2n); // Submitted
    await page.getByTestId("reason-1-1").fill("report checked against the audited accounts");
    await screenshot(page, "official");
    await page.getByTestId("approve-1-1").click();
    expect(await lastTx(page, "confirmed")).to.match(/#1/);
    expect((await program("guiyang-htz").milestone(1, 1)).approvals & 0b100n).to.equal(0b100n); // slot 3's bit
    expect(await program("guiyang-htz").milestoneState(1, 1)).to.equal(4n); // InNotice
    await page.getByTestId("approve-1-1").waitFor({ state: "detached" });
  });

  it("public: a citizen files an objection during the notice window; the manager sees it to rule on", async function () {
    const page = await openAs(accounts[ACCOUNT.citizen], "public");
    await page.getByTestId("notice-2-0").locator(".countdown").waitFor();
    await page.getByTestId("objection-text-2-0").fill("The claimed breakthrough was published abroad in 2016.");
    await screenshot(page, "public");
    await page.getByTestId("object-2-0").click();
    await lastTx(page, "confirmed");
    expect(await program("guiyang-htz").milestoneState(2, 0)).to.equal(5n); // Contested
    expect((await program("guiyang-htz").objection(2, 0)).objector).to.equal(accounts[ACCOUNT.citizen]);
    await page.getByTestId("notice-2-0").waitFor({ state: "detached" });

    const manager = await openAs(accounts[ACCOUNT.manager], "official");
    await manager.getByTestId("ruling-2-0").waitFor();
    await manager.getByTestId("application-1").waitFor();
    await screenshot(manager, "official-manager");
    const before = await program("guiyang-htz").grantCount();
    await manager.getByTestId("schedule-1").fill("2027-06-30");
    await manager.getByTestId("award-1").click();
    expect(await lastTx(manager, "failed")).to.match(/amount@YYYY-MM-DD/);
    await manager.evaluate(() => document.getElementById("txs")?.replaceChildren()); // forget the refusal
    await manager.getByTestId("schedule-1").fill("400,000@2027-06-30; 500,000@2027-12-31");
    await manager.getByTestId("award-1").click();
    await lastTx(manager, "confirmed");
    expect(await program("guiyang-htz").grantCount()).to.equal(before + 1n);
    expect((await program("guiyang-htz").application(1)).status).to.equal(2n); // Awarded
    const id = await program("guiyang-htz").grantCount();
    const first = await program("guiyang-htz").milestone(id, 0);
    expect(first.amount).to.equal(400_000n * YUAN);
    expect(first.deadline).to.equal(1814371199n); // 2027-06-30 23:59:59 in Beijing (UTC+8)
    expect((await program("guiyang-htz").milestone(id, 1)).amount).to.equal(500_000n * YUAN);
  });

  it("public: a look-alike program naming Guiyang's registry without its authorisation is flagged, never listed", async function () {
    const lookAlike = book.programs["guiyang-lookalike"];
    const registry = new Contract(
      await program("guiyang-htz").registry(),
      ["function hasRole(bytes32,address) view returns (bool)", "function PROGRAM_ROLE() view returns (bytes32)"],
      provider,
    );
    const role = await registry.PROGRAM_ROLE();
    expect(await registry.hasRole(role, lookAlike.address)).to.equal(false);
    expect(await registry.hasRole(role, book.programs["guiyang-htz"].address)).to.equal(true);
    const page = await openAs(accounts[ACCOUNT.citizen], "public");
    await page.getByTestId("awards").waitFor();
    const options = await page.getByTestId("program").locator("option").allTextContents();
    expect(options).to.have.length(2);
    expect(options.join(" ")).to.not.include("look-alike");
    const notice = await page.getByTestId("flagged").textContent();
    expect(notice).to.include(lookAlike.address);
    expect(notice).to.include("未获其授权");
  });

  it("narrow screen, both languages: the public page fits a phone and switches between 中文 and English", async function () {
    const page = await openAs(accounts[ACCOUNT.citizen], "public", { width: 390, height: 844 });
    await page.getByTestId("awards").waitFor();
    expect(await page.locator("nav a").first().textContent()).to.equal("企业");
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).to.be.at.most(390);
    // The countdown is the shared core's, in the page's language ("剩余 6 天 23:59:52" / "ends in 6d 23:59:52").
    await page
      .locator(".countdown", { hasText: /^(剩余 \d+ 天 \d\d:\d\d:\d\d|已结束)$/ })
      .first()
      .waitFor();
    await screenshot(page, "public-narrow-zh");
    await page.locator("#lang").click();
    await page.locator("nav a").first().filter({ hasText: "Company" }).waitFor();
    await page
      .locator(".countdown", { hasText: /^(ends in \d+d \d\d:\d\d:\d\d|ended)$/ })
      .first()
      .waitFor();
  });
});
