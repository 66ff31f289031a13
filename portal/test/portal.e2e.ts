/**
 * The portal in a real browser: a company claims, an official votes, the public objects, a refusal is
 * shown as a sentence with nothing moved, and the page works in Chinese and English on a narrow screen.
 * Started by portal/test/run.ts, which provides PORTAL_URL, PORTAL_NODE_URL and PORTAL_ARTIFACTS.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import {
  Contract,
  Interface,
  JsonRpcProvider,
  type EventLog,
  getAddress,
  keccak256,
  recoverAddress,
  toUtf8Bytes,
  ZeroAddress,
} from "ethers";
import { chromium, type Browser, type Page } from "playwright-core";

import { accountIndex } from "../../scripts/lib/accounts.ts";
import { documentHash, parseBundle } from "../../core/documents.ts";
import { formatYuan } from "../../core/money.ts";

const baseUrl = process.env.PORTAL_URL!;
const nodeUrl = process.env.PORTAL_NODE_URL!;
const artifacts = process.env.PORTAL_ARTIFACTS!;
const documentsDir = process.env.PORTAL_DOCUMENTS_DIR!;
const provider = new JsonRpcProvider(nodeUrl, 31337, { staticNetwork: true });

// The seed's accounts (hardhat node's default accounts, by index): the one local numbering (scripts/lib/accounts.ts) the seed uses.
const ACCOUNT = {
  manager: accountIndex("manager"),
  reviewer3: accountIndex("reviewer3"),
  reviewer4: accountIndex("reviewer4"),
  labCo: accountIndex("lab"),
  ledgerCo: accountIndex("ledger"),
  productCo: accountIndex("product"),
  citizen: accountIndex("citizen"),
  chongqingFirm: accountIndex("chongqingFirm"),
  nobody: accountIndex("dutyOfficer"), // no part in the portal seed
};
const YUAN = 100n; // the demo yuan has 2 decimals

let browser: Browser;
/** Pages a later test reads on (the claim's receipt is on the page that claimed). */
const browserPages = new Map<string, Page>();
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
async function openAs(
  account: string,
  route: string,
  viewport = { width: 1280, height: 900 },
  /** The URL's query, e.g. "?pageSize=2". */
  search = "",
  /** Called with the page before it loads (to watch its requests). */
  watch?: (page: Page) => void,
): Promise<Page> {
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
  watch?.(page);
  await page.goto(`${baseUrl}${search}#/${route}`);
  await page.getByTestId("connect").click();
  await page.locator(`#app[data-rendered-for="${account.toLowerCase()}"]`).waitFor();
  return page;
}

/** The receipt of the newest confirmed transaction, field by field (data-testid="receipt-<field>"). */
async function lastReceipt(page: Page): Promise<Record<string, string>> {
  const list = page.locator("#txs li.confirmed").first().getByTestId("receipt");
  await list.waitFor();
  const fields: Record<string, string> = {};
  for (const dd of await list.locator("dd").all()) {
    fields[((await dd.getAttribute("data-testid")) ?? "").replace(/^receipt-/, "")] = (await dd.textContent()) ?? "";
  }
  return fields;
}

/** A named local file for a file input, as a user would pick it. */
function file(name: string, text: string) {
  return { name, mimeType: "text/plain", buffer: Buffer.from(text) };
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
const PROGRAM_INTERFACE = new Interface(PROGRAM_ABI);
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
    browserPages.set("claim", page);
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

  it("company: the claim's receipt states the amount in 元, the payee's name and wallet, the transaction hash, block and Beijing time", async function () {
    // The claim of the test above: its receipt stays in the page's list, so it is read on that page.
    const page = browserPages.get("claim")!;
    const receipt = await lastReceipt(page);
    expect(receipt.amount).to.equal("3,000,000.00 元");
    expect(receipt.payee).to.include("贵阳链实验室科技有限公司");
    expect(receipt.payee).to.include(accounts[ACCOUNT.labCo]);
    // The hash names the real transaction: mined in the stated block, paying that wallet that amount.
    const onChain = await provider.getTransactionReceipt(receipt.hash);
    expect(onChain, receipt.hash).to.not.equal(null);
    expect(String(onChain!.blockNumber)).to.equal(receipt.block);
    const events = onChain!.logs
      .map((log) => PROGRAM_INTERFACE.parseLog(log))
      .filter((e) => e !== null && e.name === "MilestoneClaimed");
    expect(events).to.have.length(1);
    expect(events[0]!.args.wallet).to.equal(accounts[ACCOUNT.labCo]);
    expect(events[0]!.args.amount).to.equal(3_000_000n * YUAN);
    // Time in Beijing: the block's timestamp shifted by +8 hours, as an accounting voucher dates it.
    const block = await provider.getBlock(onChain!.blockNumber);
    const beijing = new Date((block!.timestamp + 8 * 3600) * 1000).toISOString().slice(0, 19).replace("T", " ");
    expect(receipt.time).to.equal(`${beijing} (UTC+8)`);
    await screenshot(page, "company-receipt");
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

  it("company: a repayment's receipt states the amount in 元, the entity and wallet that paid, and the program paid", async function () {
    const page = await openAs(accounts[ACCOUNT.productCo], "company");
    await page.getByTestId("owed-3").filter({ hasText: "600,000.00" }).waitFor();
    await page.getByTestId("repay-amount-3").fill("100,000");
    await page.getByTestId("repay-3").click();
    await page.getByTestId("owed-3").filter({ hasText: "500,000.00" }).waitFor();
    const receipt = await lastReceipt(page);
    expect(receipt.amount).to.equal("100,000.00 元");
    expect(receipt.payer).to.include("数智产品有限公司");
    expect(receipt.payer).to.include(accounts[ACCOUNT.productCo]);
    expect(receipt.payee).to.include(book.programs["guiyang-htz"].address);
    const htz = program("guiyang-htz");
    const repaid = (await htz.queryFilter(htz.filters.Repaid(3))) as EventLog[];
    const last = repaid[repaid.length - 1];
    expect(last.transactionHash).to.equal(receipt.hash);
    expect(last.args.amount).to.equal(100_000n * YUAN);
    expect((await htz.grant(3)).recoveryOwed).to.equal(500_000n * YUAN);
  });

  it("company: a paid supervised award — the company starts its supervision period and files the window's attestation; only the document's hash goes on chain", async function () {
    const htz = program("guiyang-htz");
    const page = await openAs(accounts[ACCOUNT.productCo], "company");
    // Grant 3 (provincial lab, supervised 3 years, attested yearly) is paid: its period can start.
    await page.getByTestId("supervision-3").filter({ hasText: "已拨付完毕" }).waitFor();
    await page.getByTestId("supervision-start-3").click();
    await lastTx(page, "confirmed");
    await page.getByTestId("supervision-3").filter({ hasText: "监管中" }).waitFor();
    const started = await htz.supervisionOf(3);
    expect(started.startsAt).to.be.greaterThan(0n);
    const bytes = Buffer.from("2018 annual report: registered and operating in the high-tech zone\n");
    await page
      .getByTestId("attest-file-3")
      .setInputFiles({ name: "report.txt", mimeType: "text/plain", buffer: bytes });
    await page.getByTestId("attest-3").click();
    await lastTx(page, "confirmed");
    await page.getByTestId("supervision-figures-3").filter({ hasText: "已交 1 期" }).waitFor();
    const filed = (await htz.queryFilter(htz.filters.AttestationFiled(3))) as EventLog[];
    expect(filed.map((e) => [e.args.window, e.args.documentHash])).to.deep.equal([[1n, keccak256(bytes)]]);
    expect((await htz.supervisionOf(3)).attestedCount).to.equal(1n);
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

  it("official: a reviewer sees the milestone's description, the category's condition and the evidence hash, and checks a file against it", async function () {
    const page = await openAs(accounts[ACCOUNT.reviewer3], "official");
    const item = page.getByTestId("queue-1-1");
    await item.waitFor();
    // The description shown is the text whose keccak256 the award recorded for grant 1 #1.
    const htz = program("guiyang-htz");
    const [scheduled] = (await htz.queryFilter(htz.filters.MilestoneScheduled(1, 1))) as EventLog[];
    const description = "first annual operating report";
    expect(scheduled.args.descriptionHash).to.equal(keccak256(toUtf8Bytes(description)));
    expect(await item.getByTestId("description-1-1").textContent()).to.include(description);
    // The category's condition from the program file, in the page's language (中文 here), checked
    // against the CategoryAdded hash, which binds the English and the Chinese text.
    const condition = item.getByTestId("condition-1");
    expect(await condition.textContent()).to.include("获国家级批准授牌");
    expect(await item.getByTestId("condition-check-1").getAttribute("class")).to.equal("verified");
    // The evidence hash in full, as the chain holds it.
    expect(await item.getByTestId("evidence-check-1-1-hash").textContent()).to.equal(await htz.evidenceOf(1, 1));
    // A copy of the document the company filed matches; an altered copy does not.
    const check = item.getByTestId("evidence-check-1-1");
    const result = item.getByTestId("evidence-check-1-1-result");
    await check.setInputFiles(file("report.txt", "annual operating report 2018"));
    await result.and(page.locator('[data-match="true"]')).waitFor();
    expect(await result.textContent()).to.include("一致");
    await check.setInputFiles(file("report.txt", "annual operating report 2019"));
    await result.and(page.locator('[data-match="false"]')).waitFor();
    expect(await result.textContent()).to.include(keccak256(toUtf8Bytes("annual operating report 2019")));
    expect(await htz.milestoneState(1, 1)).to.equal(2n); // checking a file changes nothing on chain
    await screenshot(page, "official-reviewer-evidence");
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

  it("public: a citizen files an objection during the notice window; the manager reads who filed it, when and its document hash", async function () {
    const page = await openAs(accounts[ACCOUNT.citizen], "public");
    await page.getByTestId("notice-2-0").locator(".countdown").waitFor();
    await page.getByTestId("objection-text-2-0").fill("The claimed breakthrough was published abroad in 2016.");
    await screenshot(page, "public");
    await page.getByTestId("object-2-0").click();
    await lastTx(page, "confirmed");
    await page.getByTestId("doc-stored").waitFor(); // the text, as a file, in the document store
    expect(await program("guiyang-htz").milestoneState(2, 0)).to.equal(5n); // Contested
    expect((await program("guiyang-htz").objection(2, 0)).objector).to.equal(accounts[ACCOUNT.citizen]);
    await page.getByTestId("notice-2-0").waitFor({ state: "detached" });

    const manager = await openAs(accounts[ACCOUNT.manager], "official");
    await manager.getByTestId("ruling-2-0").waitFor();
    await manager.getByTestId("application-1").waitFor();
    // The manager reads the objection before ruling: who filed it, when, and its document's hash.
    const objection = await program("guiyang-htz").objection(2, 0);
    const said = (await manager.getByTestId("objection-2-0").textContent()) ?? "";
    expect(said).to.include(accounts[ACCOUNT.citizen]);
    const filedAt = new Date((Number(objection.filedAt) + 8 * 3600) * 1000)
      .toISOString()
      .slice(0, 19)
      .replace("T", " ");
    expect(said).to.include(filedAt);
    const objectionText = "The claimed breakthrough was published abroad in 2016.";
    expect(await manager.getByTestId("objection-hash-2-0").textContent()).to.equal(
      keccak256(toUtf8Bytes(objectionText)),
    );
    await manager.getByTestId("objection-check-2-0").setInputFiles(file("objection.txt", objectionText));
    await manager.getByTestId("objection-check-2-0-result").and(manager.locator('[data-match="true"]')).waitFor();
    // The portal stored the objector's text under that hash: the manager opens it, verified against the chain.
    await manager.getByTestId("objection-open-2-0").click();
    await manager.getByTestId("objection-open-2-0-result").and(manager.locator('[data-verified="true"]')).waitFor();
    expect(await manager.getByTestId("objection-open-2-0-text").textContent()).to.equal(objectionText);
    await screenshot(manager, "official-manager");
    const before = await program("guiyang-htz").grantCount();
    await manager.getByTestId("schedule-1").fill("2027-06-30");
    await manager.getByTestId("award-1").click();
    expect(await lastTx(manager, "failed")).to.match(/amount@YYYY-MM-DD/);
    await manager.evaluate(() => document.getElementById("txs")?.replaceChildren()); // forget the refusal
    await manager.getByTestId("schedule-1").fill("400,000@2027-06-30; 500,000@2027-12-31");
    await manager.getByTestId("award-1").click();
    await lastTx(manager, "confirmed");
    expect((await lastReceipt(manager)).amount).to.equal("900,000.00 元");
    expect(await program("guiyang-htz").grantCount()).to.equal(before + 1n);
    expect((await program("guiyang-htz").application(1)).status).to.equal(2n); // Awarded
    const id = await program("guiyang-htz").grantCount();
    const first = await program("guiyang-htz").milestone(id, 0);
    expect(first.amount).to.equal(400_000n * YUAN);
    expect(first.deadline).to.equal(1814371199n); // 2027-06-30 23:59:59 in Beijing (UTC+8)
    expect((await program("guiyang-htz").milestone(id, 1)).amount).to.equal(500_000n * YUAN);
  });

  it("official: a manager declines an application only with a reason, and the reason's hash goes on chain", async function () {
    const htz = program("guiyang-htz");
    expect((await htz.application(2)).status).to.equal(1n); // Open
    const manager = await openAs(accounts[ACCOUNT.manager], "official");
    const item = manager.getByTestId("application-2");
    await item.waitFor();
    // The application's document hash, checkable against the applicant's file.
    expect(await item.getByTestId("application-hash-2").textContent()).to.equal(
      keccak256(toUtf8Bytes("application: chainlab wallet")),
    );
    await item.getByTestId("application-check-2").setInputFiles(file("app.txt", "application: chainlab wallet"));
    await item.getByTestId("application-check-2-result").and(manager.locator('[data-match="true"]')).waitFor();
    // No reason, no transaction.
    await manager.getByTestId("decline-2").click();
    expect(await lastTx(manager, "failed")).to.include("请先填写不予受理的理由");
    expect((await htz.application(2)).status).to.equal(1n);
    await manager.evaluate(() => document.getElementById("txs")?.replaceChildren());
    const reason = "the wallet product has not been launched into operation";
    await manager.getByTestId("decline-reason-2").fill(reason);
    await manager.getByTestId("decline-2").click();
    await lastTx(manager, "confirmed");
    expect((await htz.application(2)).status).to.equal(3n); // Declined
    const [declined] = (await htz.queryFilter(htz.filters.ApplicationDeclined(2))) as EventLog[];
    expect(declined.args.reasonHash).to.equal(keccak256(toUtf8Bytes(reason)));
    expect((await lastReceipt(manager)).hash).to.equal(declined.transactionHash);
    await manager.getByTestId("application-2").waitFor({ state: "detached" });
  });

  it("public: a recovered grant reads as recovered, with its history in order, each event with Beijing time and transaction hash, the bar explained, and the same rows as CSV", async function () {
    const page = await openAs(accounts[ACCOUNT.citizen], "public");
    const recovery = page.getByTestId("recovery-3");
    await recovery.waitFor();
    const status = (await recovery.textContent()) ?? "";
    expect(status).to.include("已追回");
    // Seeded: 1,000,000.00 ordered back, 400,000.00 repaid; the company's test above repaid 100,000.00 more.
    expect(status).to.include("责令退回 1,000,000.00 元");
    expect(status).to.include("已退回 500,000.00 元");
    expect(status).to.include("尚欠 500,000.00 元");
    const history = page.getByTestId("history-3");
    await history.locator("summary").click();
    const items = history.locator("ol.timeline > li");
    const names = await items.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.event));
    // Awarded, scheduled, evidence, three votes, approval, claim, recovery, two repayments: the chain's order.
    expect(names).to.deep.equal([
      "GrantAwarded",
      "MilestoneScheduled",
      "EvidenceSubmitted",
      "VoteCast",
      "VoteCast",
      "VoteCast",
      "MilestoneApproved",
      "MilestoneClaimed",
      "RecoveryOrdered",
      "Repaid",
      "Repaid",
      // The company's own acts in its supervision period (an earlier test in this file).
      "SupervisionStarted",
      "AttestationFiled",
    ]);
    const htz = program("guiyang-htz");
    const [ordered] = (await htz.queryFilter(htz.filters.RecoveryOrdered(3))) as EventLog[];
    const recoveryItem = items.nth(8);
    const text = (await recoveryItem.textContent()) ?? "";
    expect(text).to.include("provincial licence revoked"); // the published reason, whose hash is on chain
    expect(ordered.args.reasonHash).to.equal(keccak256(toUtf8Bytes("provincial licence revoked")));
    expect(text).to.include(ordered.transactionHash);
    expect(await recoveryItem.getByTestId("bar-note-3").textContent()).to.include("不得获得新奖补");
    const block = await provider.getBlock(ordered.blockNumber);
    const beijing = new Date((block!.timestamp + 8 * 3600) * 1000).toISOString().slice(0, 19).replace("T", " ");
    expect(await recoveryItem.locator("time").textContent()).to.equal(`${beijing} (UTC+8)`);
    // Every transaction hash in the history is a transaction of this program.
    const hashes = await history.locator("code.hash").allTextContents();
    for (const h of hashes) {
      const hash = h.replace(/^交易 /, "");
      const logs = (await provider.getTransactionReceipt(hash))?.logs ?? [];
      expect(
        logs.some((l) => l.address.toLowerCase() === String(htz.target).toLowerCase()),
        hash,
      ).to.equal(true);
    }
    await screenshot(page, "public-history");
    // The same history as CSV for a spreadsheet: one row per event, amounts in yuan, hashes in full.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("history-csv-3").click()]);
    expect(download.suggestedFilename()).to.equal("guiyang-htz-grant-3-history.csv");
    const rows = readFileSync((await download.path())!, "utf8")
      .trimEnd()
      .split("\r\n")
      .map((line) => line.slice(1, -1).split('","'));
    expect(rows[0]).to.deep.equal([
      "time (UTC+8)",
      "block",
      "event",
      "milestone",
      "amount",
      "unit",
      "account",
      "hash",
      "transaction",
    ]);
    expect(rows.slice(1).map((r) => r[2])).to.deep.equal(names);
    const orderedRow = rows.find((r) => r[2] === "RecoveryOrdered")!;
    expect(orderedRow.slice(0, 2)).to.deep.equal([beijing, String(ordered.blockNumber)]);
    expect(orderedRow.slice(4)).to.deep.equal([
      "1,000,000.00",
      "CNY",
      "",
      ordered.args.reasonHash,
      ordered.transactionHash,
    ]);
  });

  it("company: the entity card of a barred company says how many recoveries are open and what the bar stops", async function () {
    const page = await openAs(accounts[ACCOUNT.productCo], "company");
    const line = page.getByTestId("entity-recoveries");
    await line.waitFor();
    expect(await line.textContent()).to.match(/^有 1 项追回未结清：.*暂停新奖补和领取/);
    expect(await page.getByTestId("entity-card").textContent()).to.not.match(/· 应退回金额$/);
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
    expect(options).to.have.length(3); // the two Guiyang programs and Chongqing's, on its own registry
    expect(options.join(" ")).to.not.include("look-alike");
    const notice = await page.getByTestId("flagged").textContent();
    expect(notice).to.include(lookAlike.address);
    expect(notice).to.include("未获其授权");
  });

  it("public: the rules on chain are the published ones — the program file's and the policy text's hashes match the files", async function () {
    const file = path.join(ROOT, "programs", "guiyang-htz-blockchain-2017.json");
    const policy = path.join(ROOT, "programs", "policies", "guiyang-htz-blockchain-2017.zh.txt");
    // What the program fixed at creation equals the files as published (hashed here, not by the portal).
    const htz = program("guiyang-htz");
    expect(await htz.programFileHash()).to.equal(keccak256(readFileSync(file)));
    expect(await htz.policyTextHash()).to.equal(keccak256(readFileSync(policy)));
    const page = await openAs(accounts[ACCOUNT.citizen], "public");
    await page.getByTestId("rules").waitFor();
    const rules = (await page.getByTestId("rules").textContent()) ?? "";
    expect(rules).to.include(keccak256(readFileSync(file)));
    expect(rules).to.include(keccak256(readFileSync(policy)));
    expect(await page.getByTestId("rules-file").getAttribute("class")).to.equal("verified");
    expect(await page.getByTestId("rules-policy-text").getAttribute("class")).to.equal("verified");
    expect(await page.getByTestId("rules-policy-text").textContent()).to.include("与项目创建时写入链上的哈希一致");
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

  it("both languages: every history, recovery, condition, objection, paging and ledger label of the public and official pages exists in 中文 and English", async function () {
    // t() shows the key itself for a label missing from the dictionary: no key may reach the page.
    const rawKey =
      /\b(?:ev|receipt|history|check|apps|condition|policy|evidence|objection|recovery|bar|description|page|order|ledger|scan|stale)\.[A-Za-z]+/;
    for (const route of ["public", "official"]) {
      const page = await openAs(accounts[ACCOUNT.manager], route);
      await page.getByTestId(route === "public" ? "history-3" : "rulings").waitFor();
      for (const lang of ["zh", "en"]) {
        if (lang === "en") {
          await page.locator("#lang").click();
          // The content re-renders after the header: wait for its English heading.
          const heading = route === "public" ? "Open for objection (public notice)" : "Your roles";
          await page.locator("#app h2").filter({ hasText: heading }).waitFor();
        }
        await page.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
        const text = (await page.locator("#app").textContent()) ?? "";
        expect(text.match(rawKey)?.[0], `${route} in ${lang}`).to.equal(undefined);
        if (route === "public") {
          expect(await page.getByTestId("recovery-3").textContent()).to.include(lang === "zh" ? "已追回" : "Recovered");
          expect(await page.getByTestId("bar-note-3").textContent()).to.include(lang === "zh" ? "不得" : "barred");
        } else {
          expect(await page.getByTestId("objection-2-0").textContent()).to.include(
            lang === "zh" ? "异议人" : "Objection by",
          );
        }
      }
    }
  });

  it("phone at 390 px: no view scrolls sideways; chart text is readable, no milestone cell shows a stray colon, the wallet and the program title fit", async function () {
    const phone = { width: 390, height: 844 };
    /** The page's horizontal overflow and the elements that stick out past the viewport's right edge. */
    const overflow = (page: Page) =>
      page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        outside: [...document.querySelectorAll<HTMLElement>("#app *")]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
          .slice(0, 5),
      }));
    const fits = async (page: Page, name: string) => {
      const o = await overflow(page);
      expect(o.scrollWidth, `${name}: ${o.outside.join(", ")}`).to.be.at.most(o.innerWidth);
      expect(o.outside, name).to.deep.equal([]);
    };

    const company = await openAs(accounts[ACCOUNT.labCo], "company", phone);
    await company.getByTestId("grant-1").first().waitFor();
    await fits(company, "company");
    const wallet = await company.getByTestId("entity-wallet").boundingBox();
    expect(wallet!.x + wallet!.width).to.be.at.most(390);
    expect(await company.getByTestId("entity-wallet").textContent()).to.equal(accounts[ACCOUNT.labCo]);
    // The action column has no header: its cells carry no label, so nothing prints a bare ": ".
    const colons = await company.evaluate(
      () =>
        [...document.querySelectorAll("td")].filter((td) => {
          const before = getComputedStyle(td, "::before").content;
          return before !== "none" && before !== "normal" && /^"\s*:\s*"$/.test(before);
        }).length,
    );
    expect(colons).to.equal(0);
    await screenshot(company, "company-narrow-zh");

    const official = await openAs(accounts[ACCOUNT.manager], "official", phone);
    await official.getByTestId("chart").waitFor();
    await fits(official, "official");
    const sizes = await official
      .getByTestId("chart")
      .locator(".chart-label, .chart-amount")
      .evaluateAll((els) => els.map((el) => parseFloat(getComputedStyle(el).fontSize)));
    expect(sizes.length).to.be.greaterThan(0);
    for (const size of sizes) expect(size).to.be.at.least(12);
    // The program selector fits the screen, and the chosen program's full title is shown, wrapped.
    const select = await official.getByTestId("program").boundingBox();
    expect(select!.x).to.be.at.least(0);
    expect(select!.x + select!.width).to.be.at.most(390);
    const title = official.getByTestId("program-title");
    expect(await title.textContent()).to.equal("贵阳国家高新区促进区块链技术创新及应用示范十条政策措施（试行）");
    expect(await title.isVisible()).to.equal(true);
    const titleBox = await title.boundingBox();
    expect(titleBox!.x + titleBox!.width).to.be.at.most(390);
    await screenshot(official, "official-narrow-zh");

    const citizen = await openAs(accounts[ACCOUNT.citizen], "public", phone);
    await citizen.getByTestId("awards").waitFor();
    await citizen.getByTestId("history-3").locator("summary").click(); // hashes in the open history wrap too
    await fits(citizen, "public");
  });
  it("public: awards are paged (?pageSize=2): the next page shows the next grants, and the order flips", async function () {
    const count = Number(await program("guiyang-htz").grantCount());
    expect(count).to.be.at.least(4);
    const pages = Math.ceil(count / 2);
    const page = await openAs(accounts[ACCOUNT.citizen], "public", undefined, "?pageSize=2");
    const shown = () =>
      page
        .getByTestId("awards")
        .locator('[data-testid^="award-card-"]')
        .evaluateAll((els) => els.map((el) => Number((el as HTMLElement).dataset.testid!.replace("award-card-", ""))));
    const status = page.getByTestId("awards-pager-status");
    await status.filter({ hasText: `第 1 页，共 ${pages} 页 · 共 ${count} 项` }).waitFor();
    // Newest first by default: the highest grant ids, two of them.
    expect(await shown()).to.deep.equal([count, count - 1]);
    expect(await page.getByTestId("awards-pager-prev").isDisabled()).to.equal(true);
    await page.getByTestId("awards-pager-next").click();
    await status.filter({ hasText: `第 2 页，共 ${pages} 页` }).waitFor();
    expect(await shown()).to.deep.equal([count - 2, count - 3]);
    // Each card's history is its own grant's (only that grant's events were read).
    const historyOf = page.getByTestId(`history-${count - 2}`);
    await historyOf.locator("summary").click();
    expect(await historyOf.locator("li").first().getAttribute("data-event")).to.equal("GrantAwarded");
    await page.getByTestId("awards-pager-prev").click();
    await status.filter({ hasText: `第 1 页，共 ${pages} 页` }).waitFor();
    expect(await shown()).to.deep.equal([count, count - 1]);
    // Oldest first: back to page 1, grants 1 and 2.
    await page.getByTestId("awards-pager-order").selectOption("oldest");
    await page.getByTestId("award-card-1").waitFor();
    expect(await shown()).to.deep.equal([1, 2]);
    expect(await status.textContent()).to.equal(`第 1 页，共 ${pages} 页 · 共 ${count} 项`);
    // The same controls in English.
    await page.locator("#lang").click();
    await status.filter({ hasText: `Page 1 of ${pages} · ${count} in all` }).waitFor();
    expect(await page.getByTestId("awards-pager-order").locator("option").allTextContents()).to.deep.equal([
      "Newest first",
      "Oldest first",
    ]);
    expect(await page.getByTestId("awards-pager-next").textContent()).to.equal("Next");
    expect(await shown()).to.deep.equal([1, 2]);
  });

  it("public: the ledger lists fundings, claims, recoveries and repayments newest first, a page at a time", async function () {
    const htz = program("guiyang-htz");
    const names = ["Funded", "Withdrawn", "SurplusSwept", "MilestoneClaimed", "RecoveryOrdered", "Repaid"];
    const logs = await provider.getLogs({
      address: String(htz.target),
      fromBlock: 0,
      toBlock: "latest",
      topics: [names.map((name) => PROGRAM_INTERFACE.getEvent(name)!.topicHash)],
    });
    const newest = logs
      .sort((a, b) => b.blockNumber - a.blockNumber || b.index - a.index)
      .map((log) => log.transactionHash);
    expect(newest.length).to.be.at.least(5);
    const page = await openAs(accounts[ACCOUNT.citizen], "public", undefined, "?pageSize=2");
    const hashes = () => page.getByTestId("ledger-rows").locator("tbody tr code.hash").allTextContents();
    await page.getByTestId("ledger-rows").waitFor();
    expect(await hashes()).to.deep.equal(newest.slice(0, 2));
    await page.getByTestId("ledger-pager-next").click();
    await page.getByTestId("ledger-rows").locator(`code.hash:text-is("${newest[2]}")`).waitFor();
    expect(await hashes()).to.deep.equal(newest.slice(2, 4));
    await page.getByTestId("ledger-pager-prev").click();
    await page.getByTestId("ledger-rows").locator(`code.hash:text-is("${newest[0]}")`).waitFor();
    expect(await hashes()).to.deep.equal(newest.slice(0, 2));
  });

  it("public: with the indexer running, the ledger and the notice board come from it, count their rows, and agree with the chain", async function () {
    const htz = program("guiyang-htz");
    const names = ["Funded", "Withdrawn", "SurplusSwept", "MilestoneClaimed", "RecoveryOrdered", "Repaid"];
    const ledgerLogs = await provider.getLogs({
      address: String(htz.target),
      fromBlock: 0,
      toBlock: "latest",
      topics: [names.map((name) => PROGRAM_INTERFACE.getEvent(name)!.topicHash)],
    });
    const asked: string[] = [];
    const page = await openAs(accounts[ACCOUNT.citizen], "public", undefined, "?pageSize=2", (p) => {
      p.on("requestfinished", (request) => {
        const url = new URL(request.url());
        if (url.pathname.endsWith("/indexer/graphql")) asked.push(String(request.postDataJSON()?.query ?? ""));
      });
    });
    // Only an indexer can count a filtered list: the chain scans without a total.
    await page
      .getByTestId("ledger-pager-status")
      .filter({ hasText: `共 ${ledgerLogs.length} 项（索引服务）` })
      .waitFor();
    expect(asked.some((q) => q.includes("movements("))).to.equal(true);
    expect(asked.some((q) => q.includes("milestones("))).to.equal(true);
    // The notice board shows what the chain says is in notice, nothing more.
    const inNotice: string[] = [];
    const count = await htz.grantCount();
    for (let id = 1n; id <= count; id++) {
      const milestones = (await htz.grant(id)).milestoneCount;
      for (let i = 0; i < Number(milestones); i++) {
        if ((await htz.milestoneState(id, i)) === 4n) inNotice.push(`${id}/${i}`);
      }
    }
    expect(inNotice.length).to.be.at.least(1);
    const board = page.getByTestId("open-notices");
    await board.waitFor();
    const shown = await board
      .locator('[data-testid^="notice-"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute("data-testid") ?? ""));
    const ids = shown.filter((id) => /^notice-\d+-\d+$/.test(id)).map((id) => id.slice(7).replace("-", "/"));
    expect(ids.sort()).to.deep.equal(inNotice.sort());
    await page.context().close();
  });

  it("public: the award register and the ledger download as mg:export writes them (UTF-8 CSV with a BOM), and their amounts are the chain's", async function () {
    const htz = program("guiyang-htz");
    const page = await openAs(accounts[ACCOUNT.citizen], "public");
    const fetchCsv = async (key: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`export-${key}`).click()]);
      expect(download.suggestedFilename()).to.equal(`guiyang-htz-${key}.csv`);
      const text = readFileSync((await download.path())!, "utf8");
      expect(text.startsWith("\uFEFF")).to.equal(true); // Excel reads the Chinese as UTF-8
      return text
        .slice(1)
        .trimEnd()
        .split("\r\n")
        .map((line) => line.slice(1, -1).split('","'));
    };
    const register = await fetchCsv("register");
    expect(register[0][0]).to.equal("grant 资助编号");
    const count = await htz.grantCount();
    expect(register.length - 1).to.equal(Number(count));
    for (const row of register.slice(1)) {
      const id = BigInt(row[0]);
      const grant = await htz.grant(id);
      let total = 0n;
      for (let i = 0; i < Number(grant.milestoneCount); i++) total += (await htz.milestone(id, i)).amount;
      expect(BigInt(row[5]), `grant ${id} in token units`).to.equal(total);
      expect(row[1]).to.equal(grant.entityNo.toString());
    }
    // Names from the published directory, as mg:export writes them (Chinese, then English).
    expect(register.slice(1).some((row) => /有限公司 .+Co\., Ltd\./.test(row[2]))).to.equal(true);
    const ledger = await fetchCsv("ledger");
    const summary = await htz.summary();
    const totalRow = (label: string) => ledger.find((row) => row[3] === label)!;
    expect(BigInt(totalRow("total funded 拨入合计")[6])).to.equal(summary.funded);
    expect(BigInt(totalRow("total paid 支付合计")[6])).to.equal(summary.paid);
    expect(BigInt(totalRow("total repaid 退回合计")[6])).to.equal(summary.repaid);
    await page.context().close();
  });

  it("public: a program that keeps its budget by fiscal year shows each year's line as the chain keeps it, and downloads it as mg:export writes it; a second jurisdiction's entities carry its own names", async function () {
    const cq = program("chongqing-base");
    const current = BigInt(await cq.fiscalYearOf((await provider.getBlock("latest"))!.timestamp));
    // The seed's year (its first appropriation): the current one unless the tests crossed a New Year.
    const seedYear = BigInt((await cq.fiscalBook()).firstYear);
    const page = await openAs(accounts[ACCOUNT.citizen], "public");
    await page.getByTestId("awards").waitFor();
    // The Guiyang HTZ program keeps one undated budget: no fiscal-year card, no fiscal-year file.
    expect(await page.getByTestId("fiscal-years").count()).to.equal(0);
    expect(await page.getByTestId("export-fiscal-years").count()).to.equal(0);
    await page.getByTestId("program").selectOption({ index: 2 });
    await page.getByTestId(`fiscal-year-${seedYear}`).waitFor();
    // Chongqing's entity 1 is named from Chongqing's directory, not as Guiyang's entity 1 (numbers are per registry).
    const award = await page.getByTestId("award-card-1").locator("h3").textContent();
    expect(award).to.include("重庆链图科技有限公司 (#1)");
    expect(award).to.not.include("贵阳链实验室");
    // The seed appropriated the file's 3,000,000 to its year and 500,000 to the next, and awarded 300,000 in its year.
    const seeded = new Map([
      [seedYear, { status: seedYear === current ? "本年度" : "已结束待结账", appropriated: "3,000,000.00" }],
      [seedYear + 1n, { status: seedYear + 1n === current ? "本年度" : "未结账", appropriated: "500,000.00" }],
    ]);
    expect(String((await cq.fiscalYear(seedYear)).committed)).to.equal(String(300_000n * YUAN));
    const figures = async (year: bigint) => {
      const line = await cq.fiscalYear(year);
      return [line.appropriated, line.carriedIn, line.released, line.committed, line.withdrawn, line.carriedOut]
        .concat([line.available])
        .map((v: bigint) => formatYuan(v, 2));
    };
    for (const [year, expected] of seeded) {
      const cells = await page.getByTestId(`fiscal-year-${year}`).locator("td").allTextContents();
      expect(cells.slice(0, 3)).to.deep.equal([String(year), expected.status, expected.appropriated]);
      expect(cells.slice(2)).to.deep.equal(await figures(year));
    }
    expect(await page.getByTestId("fiscal-years").textContent()).to.include(`当前为 ${current} 预算年度`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export-fiscal-years").click(),
    ]);
    expect(download.suggestedFilename()).to.equal("chongqing-base-fiscal-years.csv");
    const rows = readFileSync((await download.path())!, "utf8")
      .slice(1)
      .trimEnd()
      .split("\r\n")
      .map((line) => line.slice(1, -1).split('","'));
    expect(rows[0][0]).to.equal("fiscal year 预算年度");
    // Rebuilt from the events alone: every figure of each year, and its available in token units, is the chain's.
    for (const year of seeded.keys()) {
      const row = rows.find((r) => r[0] === String(year))!;
      expect(row.slice(2, 9), `fiscal year ${year} in the file`).to.deep.equal(await figures(year));
      expect(BigInt(row[9])).to.equal((await cq.fiscalYear(year)).available);
    }
    await page.context().close();
    // The firm's own wallet sees its entity card under Chongqing's name.
    const firm = await openAs(accounts[ACCOUNT.chongqingFirm], "company");
    const card = firm.getByTestId("entity-card");
    await card.waitFor();
    expect(await card.locator("h2").textContent()).to.include("重庆链图科技有限公司 (#1)");
    await firm.context().close();
  });

  it("public: a page load costs the same number of JSON-RPC calls with three more awards in the program", async function () {
    /** The JSON-RPC calls (batch members counted one by one) of one re-read of the page, by method. */
    const measure = async () => {
      const seen = { calls: 0, posts: 0, inFlight: 0, methods: {} as Record<string, number> };
      const isRpc = (url: string) => new URL(url).pathname.endsWith("/rpc");
      const page = await openAs(accounts[ACCOUNT.citizen], "public", undefined, "?pageSize=2&order=oldest", (p) => {
        p.on("request", (request) => {
          if (request.method() !== "POST" || !isRpc(request.url())) return;
          seen.inFlight += 1;
          const body = request.postDataJSON() as { method: string } | Array<{ method: string }>;
          const list = Array.isArray(body) ? body : [body];
          seen.posts += 1;
          seen.calls += list.length;
          for (const { method } of list) seen.methods[method] = (seen.methods[method] ?? 0) + 1;
        });
        const done = (request: { url(): string; method(): string }) => {
          if (request.method() === "POST" && isRpc(request.url())) seen.inFlight -= 1;
        };
        p.on("requestfinished", done);
        p.on("requestfailed", done);
      });
      await page.getByTestId("award-card-1").waitFor();
      /** Until no /rpc request has been in flight for half a second (the load, then any render still running). */
      const settle = async () => {
        for (let quiet = 0; quiet < 5;) {
          await page.waitForTimeout(100);
          quiet = seen.inFlight === 0 ? quiet + 1 : 0;
        }
      };
      await settle();
      // One clean re-read: everything a page load reads, with nothing else running.
      const render = Number(await page.locator("#app").getAttribute("data-render"));
      Object.assign(seen, { calls: 0, posts: 0, methods: {} });
      await page.locator("#app .actions button").filter({ hasText: "刷新" }).click();
      await page.locator(`#app[data-render="${render + 1}"]`).waitFor();
      await settle();
      const status = (await page.getByTestId("awards-pager-status").textContent()) ?? "";
      await page.context().close();
      return { calls: seen.calls, posts: seen.posts, methods: seen.methods, status };
    };
    const htz = program("guiyang-htz");
    const before = await measure();
    const countBefore = await htz.grantCount();
    expect(before.status).to.include(`共 ${countBefore} 项`);

    // Three more awards: three new companies, each awarded 1.00 yuan of the capped category.
    const registry = new Contract(
      await htz.registry(),
      ["function registerEntity(bytes32 entityId, uint8 kind, address wallet) returns (uint64)"],
      await provider.getSigner(accounts[accountIndex("registrar")]),
    );
    const manager = htz.connect(await provider.getSigner(accounts[ACCOUNT.manager])) as Contract;
    const categories = (book.programs["guiyang-htz"] as unknown as { categories: Array<{ id: number; key: string }> })
      .categories;
    const capped = categories.find((c) => c.key === "technical-breakthrough")!.id;
    const now = BigInt((await provider.getBlock("latest"))!.timestamp);
    for (let i = 1; i <= 3; i++) {
      const entityId = keccak256(toUtf8Bytes(`USCC:PAGING-TEST-${i}`));
      await (
        await registry.registerEntity(entityId, 1, getAddress(keccak256(toUtf8Bytes(`wallet ${i}`)).slice(0, 42)))
      ).wait();
      const terms = [
        { amount: 1n * YUAN, deadline: now + 90n * 86_400n, descriptionHash: keccak256(toUtf8Bytes(`paging ${i}`)) },
      ];
      await (await manager.award(entityId, capped, 0, terms)).wait();
    }
    expect(await htz.grantCount()).to.equal(countBefore + 3n);

    const after = await measure();
    console.log(
      `      RPC calls of a public page load (pageSize 2): ${before.calls} at ${countBefore} grants, ${after.calls} at ${countBefore + 3n} (${after.posts} HTTP posts); ${JSON.stringify(after.methods)}`,
    );
    expect(after.status).to.include(`共 ${countBefore + 3n} 项`); // the page did see the new grants
    expect(after.calls).to.be.greaterThan(0);
    expect(after.methods).to.deep.equal(before.methods);
    expect(after.calls).to.equal(before.calls);
  });
  it("public: the item a person acts on is read again right before the transaction: an objection after the notice window closed is never sent", async function () {
    const htz = program("guiyang-htz");
    expect(await htz.milestoneState(1, 1)).to.equal(4n); // InNotice since the third reviewer's vote
    const sent: string[] = [];
    const page = await openAs(accounts[ACCOUNT.citizen], "public", undefined, "", (p) =>
      p.on("request", (request) => {
        if (request.method() !== "POST" || !new URL(request.url()).pathname.endsWith("/rpc")) return;
        const body = request.postDataJSON() as { method: string } | Array<{ method: string }>;
        for (const { method } of Array.isArray(body) ? body : [body])
          if (method === "eth_sendTransaction") sent.push(method);
      }),
    );
    await page.getByTestId("notice-1-1").waitFor();
    // The page was read in the notice window; the chain then moves past its end (the milestone is payable).
    const { noticeEndsAt } = await htz.milestone(1, 1);
    const latest = (await provider.getBlock("latest"))!.timestamp;
    await provider.send("evm_increaseTime", [Number(noticeEndsAt) - latest + 1]);
    await provider.send("evm_mine", []);
    expect(await htz.milestoneState(1, 1)).to.equal(6n); // Payable
    await page.getByTestId("objection-text-1-1").fill("The report is late.");
    await page.getByTestId("object-1-1").click();
    expect(await lastTx(page, "failed")).to.equal(
      "被拒绝：该事项在页面读取后已在链上发生变化，因此未发送交易；页面已更新为当前状态。",
    );
    expect(sent).to.deep.equal([]); // the wallet was never asked
    expect((await htz.objection(1, 1)).objector).to.equal(ZeroAddress);
    await page.getByTestId("notice-1-1").waitFor({ state: "detached" }); // the page shows it as it now is
  });

  describe("applications and documents", function () {
    const licence = "Provincial engineering research centre licence (获批授牌), scanned 2018-05-02\n";
    /** The application the company makes below: its id and the bundle hash on chain. */
    const applied: { id?: bigint; hash?: string } = {};

    it("company: applies from the portal with a document and a proposed schedule; only the bundle's hash goes on chain, the files go to the document store", async function () {
      const htz = program("guiyang-htz");
      const page = await openAs(accounts[ACCOUNT.labCo], "company");
      const form = page.getByTestId("apply-form-guiyang-htz");
      await form.waitFor();
      const categories = (book.programs["guiyang-htz"] as unknown as { categories: Array<{ id: number; key: string }> })
        .categories;
      const category = categories.find((c) => c.key === "technical-breakthrough")!.id;
      await page.getByTestId("apply-category-guiyang-htz").selectOption(String(category));
      // A deadline 120 days after the chain's clock (tests before this one moved it).
      const due = new Date(((await provider.getBlock("latest"))!.timestamp + 120 * 86_400) * 1000);
      const date = due.toISOString().slice(0, 10);
      await page.getByTestId("apply-schedule-guiyang-htz").fill(`1,500,000@${date}`);
      await page.getByTestId("apply-files-guiyang-htz").setInputFiles(file("licence.txt", licence));
      const before = await htz.applicationCount();
      await page.getByTestId("apply-guiyang-htz").click();
      expect(await lastTx(page, "confirmed")).to.match(/技术突破|breakthrough|申请/);
      await page.getByTestId("doc-stored").waitFor();
      const id = await htz.applicationCount();
      expect(id).to.equal(before + 1n);
      const [event] = (await htz.queryFilter(htz.filters.ApplicationSubmitted(id))) as EventLog[];
      const hash = String(event.args.applicationHash);
      // The transaction carries the category and one hash, nothing else (no names, no files).
      const tx = await provider.getTransaction(event.transactionHash);
      expect(tx!.data).to.equal(PROGRAM_INTERFACE.encodeFunctionData("submitApplication", [category, hash]));
      // The store holds the bundle under the chain's hash, and the file under the hash the bundle lists.
      const bundleFile = path.join(documentsDir, hash);
      expect(existsSync(bundleFile), bundleFile).to.equal(true);
      const bundleBytes = new Uint8Array(readFileSync(bundleFile));
      expect(documentHash(bundleBytes)).to.equal(hash);
      const bundle = parseBundle(bundleBytes);
      expect(bundle.applicant).to.equal(accounts[ACCOUNT.labCo]);
      expect(bundle.categoryId).to.equal(category);
      expect(bundle.schedule.map((m) => m.amount)).to.deep.equal([1_500_000n * YUAN]);
      expect(bundle.documents.map((d) => [d.name, d.hash])).to.deep.equal([
        ["licence.txt", keccak256(Buffer.from(licence))],
      ]);
      expect(readFileSync(path.join(documentsDir, keccak256(Buffer.from(licence))), "utf8")).to.equal(licence);
      // The page reads the chain again after the transaction: the company sees its application, open.
      await page.getByTestId(`my-application-guiyang-htz-${id}`).filter({ hasText: "待处理" }).waitFor();
      Object.assign(applied, { id, hash });
    });

    it("official: a committee member opens the application's documents from the officials' page, verified against the on-chain hash", async function () {
      const page = await openAs(accounts[ACCOUNT.reviewer3], "official");
      const item = page.getByTestId(`application-${applied.id}`);
      await item.waitFor();
      // A committee member reads; only the manager awards or declines.
      expect(await item.getByTestId(`award-${applied.id}`).count()).to.equal(0);
      await item.getByTestId(`application-open-${applied.id}`).click();
      const opened = item.getByTestId(`application-open-${applied.id}-result`);
      await opened.and(page.locator('[data-verified="true"]')).waitFor();
      expect(await opened.textContent()).to.equal(`已核验：与链上哈希 ${applied.hash} 一致`);
      expect(await item.getByTestId(`application-open-${applied.id}-schedule`).textContent()).to.include(
        "1,500,000.00",
      );
      await item.getByTestId(`application-open-${applied.id}-file-0`).click();
      const fileResult = item.getByTestId(`application-open-${applied.id}-file-0-result`);
      await fileResult.and(page.locator('[data-verified="true"]')).waitFor();
      expect(await fileResult.textContent()).to.include("已核验");
      expect(await item.getByTestId(`application-open-${applied.id}-file-0-text`).textContent()).to.equal(licence);
      await screenshot(page, "official-reviewer-application");
    });

    it("official: a file that does not match its hash on arrival is refused in the browser, in Chinese and English, whatever the server sent", async function () {
      const page = await openAs(accounts[ACCOUNT.manager], "official");
      // A server that alters the file it serves: the browser's own check must catch it.
      await page.route(`**/documents/${keccak256(Buffer.from(licence))}?**`, async (route) => {
        if (route.request().method() !== "GET") return route.continue();
        await route.fulfill({ status: 200, contentType: "application/octet-stream", body: "altered licence" });
      });
      const item = page.getByTestId(`application-${applied.id}`);
      await item.getByTestId(`application-open-${applied.id}`).click();
      await item.getByTestId(`application-open-${applied.id}-file-0`).click();
      const result = item.getByTestId(`application-open-${applied.id}-file-0-result`);
      await result.and(page.locator('[data-verified="false"]')).waitFor();
      expect(await result.textContent()).to.equal("未打开：收到的文件与链上哈希不一致：未予打开。");
      expect(await item.getByTestId(`application-open-${applied.id}-file-0-text`).count()).to.equal(0);
      await page.locator("#lang").click();
      await page.locator("#app h2").filter({ hasText: "Your roles" }).waitFor();
      await item.getByTestId(`application-open-${applied.id}`).click();
      await item.getByTestId(`application-open-${applied.id}-file-0`).click();
      await result.and(page.locator('[data-verified="false"]')).waitFor();
      expect(await result.textContent()).to.equal(
        "Not opened: The file received does not match the on-chain hash: it was not opened.",
      );
    });

    it("a stranger's wallet is refused by the document store, with its named code and a sentence in both languages; without a signature nobody reads", async function () {
      const at = `${baseUrl}documents/${applied.hash}?program=${book.programs["guiyang-htz"].address}&ref=application:${applied.id}`;
      const anonymous = await fetch(at);
      expect(anonymous.status).to.equal(401);
      expect(((await anonymous.json()) as { error: string }).error).to.equal("signature_required");
      const challenge = (await (await fetch(`${baseUrl}documents/challenge`, { method: "POST" })).json()) as {
        id: string;
        message: string;
      };
      for (const stranger of [accounts[ACCOUNT.citizen], accounts[ACCOUNT.productCo]]) {
        const signature = (await provider.send("personal_sign", [
          `0x${Buffer.from(challenge.message).toString("hex")}`,
          stranger,
        ])) as string;
        const refused = await fetch(at, { headers: { "x-mg-challenge": challenge.id, "x-mg-signature": signature } });
        expect(refused.status, stranger).to.equal(403);
        const body = (await refused.json()) as { error: string; en: string; zh: string };
        expect(body.error).to.equal("not_allowed");
        expect(body.en).to.match(/may not read/);
        expect(body.zh).to.match(/无权查阅/);
      }
      // An upload under a hash its bytes do not have is refused, and nothing is written under that hash.
      const claimed = keccak256(Buffer.from("a file nobody sent"));
      const wrong = await fetch(at.replace(String(applied.hash), claimed), { method: "PUT", body: "another file" });
      expect(wrong.status).to.equal(422);
      expect(existsSync(path.join(documentsDir, claimed))).to.equal(false);
    });

    it("company: the evidence file sent with the milestone is in the store; the reviewer opens it from the review queue, verified", async function () {
      const page = await openAs(accounts[ACCOUNT.reviewer3], "official");
      await page.getByTestId("program").selectOption("1"); // the city programme
      const queued = page.getByTestId("queue-1-0");
      await queued.waitFor();
      await queued.getByTestId("evidence-open-1-0").click();
      const result = queued.getByTestId("evidence-open-1-0-result");
      await result.and(page.locator('[data-verified="true"]')).waitFor();
      expect(await result.textContent()).to.equal(
        `已核验：与链上哈希 ${await program("guiyang-city").evidenceOf(1, 0)} 一致`,
      );
    });
  });
});
