/**
 * The operator tasks, run programmatically on the in-process network exactly as `npx hardhat mg:…`
 * runs them: deploy, create the Guiyang High-tech Zone program from its file, fund, register, award,
 * evidence, three committee votes (two on chain, one signed and submitted), the public notice window,
 * the claim, status and the event report; plus the one-sentence errors operators see (in Chinese and
 * English).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { keccak256, ZeroAddress } from "ethers";
import hre from "hardhat";

import type { MockYuan } from "../../typechain-types/index.js";
import { DAY } from "../../scripts/lib/suite.js";
import { MilestoneState } from "../../core/enums.js";
import { textHash } from "../../core/ids.js";
import { formatTimestamp } from "../../core/time.js";
import { formatBeijing, ROLE_IDS } from "../../core/messages/labels.js";
import type { TaskOutcome } from "../../tasks/runtime/args.js";
import { yuan } from "../utils/fixtures.js";
import { programAt } from "../../core/program-abi.js";
import { lookAlikeInitParams } from "../../scripts/lib/scenario.js";

type Result = Record<string, unknown>;

/** Runs a task with its console output captured (returned for assertions instead of printed). */
async function run(
  name: string,
  args: Record<string, unknown>,
): Promise<{ outcome: TaskOutcome<Result>; output: string }> {
  const captured: string[] = [];
  const { log, error, table } = console;
  console.log = (...parts: unknown[]) => captured.push(parts.map(String).join(" "));
  console.error = console.log;
  console.table = console.log;
  try {
    const outcome = (await hre.tasks.getTask(name).run(args)) as TaskOutcome<Result>;
    return { outcome, output: captured.join("\n") };
  } finally {
    Object.assign(console, { log, error, table });
  }
}

async function ok(name: string, args: Record<string, unknown>): Promise<Result> {
  const { outcome, output } = await run(name, args);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error}\n${output}`);
  return outcome.result;
}

/** Runs a task expected to fail; returns its sentence and restores the exit code it set. */
async function fails(name: string, args: Record<string, unknown>): Promise<string> {
  const before = process.exitCode;
  const { outcome } = await run(name, args);
  expect(process.exitCode).to.equal(1);
  process.exitCode = before;
  if (outcome.ok) throw new Error(`${name} succeeded but was expected to fail`);
  return outcome.error;
}

/** Runs a task expected to fail; returns its outcome and printed output, and restores the exit code it set. */
async function refused(
  name: string,
  args: Record<string, unknown>,
): Promise<{ outcome: TaskOutcome<Result>; output: string }> {
  const before = process.exitCode;
  const ran = await run(name, args);
  expect(process.exitCode).to.equal(1);
  process.exitCode = before;
  return ran;
}

/** A unix time as the calendar date in Beijing (what managers type). */
function beijingDate(seconds: bigint): string {
  return new Date((Number(seconds) + 8 * 3600) * 1000).toISOString().slice(0, 10);
}

const USCC = "91520115MA6DK0001A";
const ZERO_ROLE = `0x${"00".repeat(32)}`;
const HTZ_FILE = "programs/guiyang-htz-blockchain-2017.json";
const PROGRAM = "guiyang-htz-blockchain-2017";

describe("Operator tasks (mg:*) on the in-process network", function () {
  const dir = mkdtempSync(path.join(tmpdir(), "mg-tasks-"));

  it("deploy → create the HTZ program → fund → register → award → evidence → 3 votes → notice → claim → status → report", async function () {
    const connection = await hre.network.getOrCreate();
    const { ethers, networkHelpers } = connection;
    const signers = await ethers.getSigners();
    const [, registrar, manager, treasurer, , treasury, r1, r2, r3, , company, citizen] = signers;

    const deployed = await ok("mg:deploy", { registrar: "1", json: true });
    expect(deployed.version).to.equal("1");
    expect(deployed.registrar).to.equal(registrar.address);

    const created = await ok("mg:create-program", {
      file: HTZ_FILE,
      managers: "2",
      reviewers: "6,7,8,9",
      treasurer: "3",
      guardian: "4",
      treasury: "5",
      json: true,
    });
    expect(created.name).to.equal(PROGRAM);
    expect(created.categories).to.deep.equal({
      "rd-platform-national": 1,
      "rd-platform-joint": 2,
      "rd-platform-provincial": 3,
      "technical-breakthrough": 4,
      "application-product": 5,
    });
    const program = programAt(created.address as string, (await ethers.getSigners())[0]);
    const token = (await ethers.getContractAt(
      "MockYuan",
      (deployed.token as { address: string }).address,
    )) as unknown as MockYuan;
    expect(await program.treasury()).to.equal(treasury.address);
    expect(await program.hasRole(await program.MANAGER_ROLE(), manager.address)).to.equal(true);

    await ok("mg:fund", { from: "3", amount: "20,000,000.00", mint: true, json: true });
    expect((await program.summary()).funded).to.equal(yuan("20,000,000"));
    expect(await token.balanceOf(treasurer.address)).to.equal(0n);

    const registered = await ok("mg:register-entity", { from: "1", uscc: USCC, wallet: "10", json: true });
    expect(registered.entityNo).to.equal(1n);

    const now = BigInt(await networkHelpers.time.latest());
    const awarded = await ok("mg:award", {
      from: "2",
      uscc: USCC,
      category: "rd-platform-national",
      milestones: `3,000,000@${beijingDate(now + 60n * DAY)}; 2,000,000.00@${beijingDate(now + 120n * DAY)}`,
      json: true,
    });
    expect(awarded.grantId).to.equal(1n);
    expect(awarded.total).to.deep.equal({ yuan: "5000000.00", units: yuan("5,000,000") });
    expect((await program.summary()).reserved).to.equal(yuan("5,000,000"));

    const evidenceFile = path.join(dir, "national-lab-licence.txt");
    writeFileSync(evidenceFile, "Licence: national engineering laboratory, 2017\n");
    const evidence = await ok("mg:evidence", {
      from: "10",
      file: evidenceFile,
      grant: "1",
      milestone: 0,
      json: true,
    });
    expect(await program.evidenceOf(1n, 0)).to.equal(evidence.hash);

    await ok("mg:vote", { from: "6", grant: "1", decision: "approve", reason: "licence verified", json: true });
    await ok("mg:vote", { from: "7", grant: "1", decision: "approve", evidence: evidenceFile, json: true });
    // Two of three approvals do not decide the round yet: settling it is refused in one sentence.
    expect(await fails("mg:settle", { from: "11", grant: "1", milestone: 0, json: true })).to.match(
      /do not decide milestone #0 of grant 1/,
    );
    const voteFile = path.join(dir, "vote-r3.json");
    await ok("mg:sign-vote", { from: "8", grant: "1", decision: "approve", out: voteFile, json: true });
    expect(JSON.parse(readFileSync(voteFile, "utf8")).vote.reviewer).to.equal(r3.address);
    const submitted = await ok("mg:submit-votes", { from: "11", files: [voteFile], json: true });
    expect(submitted.approvals).to.equal(3);
    expect(await program.milestoneState(1n, 0)).to.equal(MilestoneState.InNotice);
    expect((await program.milestone(1n, 0)).approvals).to.equal(0b111n);
    // The same file again: it was counted, so the batch skips it (and says so) instead of failing.
    const again = await ok("mg:submit-votes", { from: "11", files: [voteFile], json: true });
    expect(again.skipped).to.deep.equal([r3.address]);
    expect((await program.milestone(1n, 0)).approvals).to.equal(0b111n);
    // A reviewer cannot sign a vote that would not count.
    expect(await fails("mg:sign-vote", { from: "6", grant: "1", decision: "reject", json: true })).to.equal(
      "Milestone #0 of grant 1 is not under review (no evidence awaiting votes, or its round is already decided).",
    );
    expect([r1, r2, r3].map((r) => r.address)).to.not.include(citizen.address);

    // A refused claim says when each milestone can be paid (notice end, deadline) and who may claim.
    const [first, second] = [await program.milestone(1n, 0), await program.milestone(1n, 1)];
    expect(await fails("mg:claim", { from: "10", grant: "1" })).to.equal(
      `Grant 1 has no payable milestone yet: #0 is in its public notice window and payable from ${formatTimestamp(first.noticeEndsAt)}; #1 waits for evidence (due by ${formatTimestamp(second.deadline)}).`,
    );
    expect(await fails("mg:claim", { from: "10", grant: "1", milestones: "0" })).to.equal(
      `Grant 1 cannot pay #0 now: #0 is in its public notice window and payable from ${formatTimestamp(first.noticeEndsAt)}.`,
    );
    expect(await fails("mg:claim", { from: "11", grant: "1", milestones: "0" })).to.equal(
      `Grant 1 is paid only to entity 1's payout wallet ${company.address}; ${citizen.address} (--from) is another account: sign with that wallet.`,
    );
    expect(await token.balanceOf(company.address)).to.equal(0n);

    await networkHelpers.time.increase(8n * DAY);
    const claimed = await ok("mg:claim", { from: "10", grant: "1", json: true });
    expect(claimed.amount).to.deep.equal({ yuan: "3000000.00", units: yuan("3,000,000") });
    expect(await token.balanceOf(company.address)).to.equal(yuan("3,000,000"));

    const status = await ok("mg:status", { grant: "1", json: true });
    const summary = status.summary as Record<string, { yuan: string; units: bigint }>;
    expect(summary.paid).to.deep.equal({ yuan: "3000000.00", units: yuan("3,000,000") });
    expect(summary.reserved.units).to.equal(yuan("2,000,000"));
    expect(summary.available.units).to.equal(yuan("15,000,000"));
    expect(status.identityHolds).to.equal(true);
    expect((status.grants as Array<{ milestones: string[] }>)[0].milestones).to.deep.equal(["#0 paid", "#1 pending"]);
    // The rules the program fixed at creation are the published files' (hashed here from the files).
    expect(status.rules).to.deep.equal({
      programFileHash: keccak256(readFileSync(HTZ_FILE)),
      policyTextHash: keccak256(readFileSync("programs/policies/guiyang-htz-blockchain-2017.zh.txt")),
      file: HTZ_FILE,
      fileMatches: true,
      policyText: "policies/guiyang-htz-blockchain-2017.zh.txt",
      policyTextMatches: true,
    });

    const report = await ok("mg:report", { json: true });
    expect(report.reconciled).to.equal(true);
    expect((report.history as Array<{ event: string }>).map((h) => h.event)).to.include.members([
      "Funded",
      "GrantAwarded",
      "EvidenceSubmitted",
      "VoteCast",
      "MilestoneApproved",
      "MilestoneClaimed",
    ]);

    const human = await run("mg:status", {});
    expect(human.output).to.include("funded + repaid = available + reserved + paid + withdrawn holds");
  });

  it("--json states its unit (every amount in yuan and in token units, decimals named); an unknown grant is refused, exit code 1", async function () {
    const printed = await run("mg:status", { grant: "1", json: true });
    const json = JSON.parse(printed.output) as {
      amounts: Record<string, unknown>;
      summary: Record<string, { yuan: string; units: string }>;
      grants: Array<{ awarded: { yuan: string; units: string }; category: string }>;
    };
    expect(json.amounts).to.deep.include({ currency: "yuan", decimals: 2 });
    expect(json.summary.paid).to.deep.equal({ yuan: "3000000.00", units: "300000000" });
    expect(json.grants[0].awarded).to.deep.equal({ yuan: "5000000.00", units: "500000000" });
    expect(json.grants[0].category).to.equal("rd-platform-national");

    // A read-only task: the refusal is the sentence and the exit code (fails() checks it is 1).
    expect(await fails("mg:status", { grant: "99" })).to.equal(
      "guiyang-htz-blockchain-2017 has no grant 99: its grants are numbered 1 to 1 (run mg:status without --grant to list them).",
    );
  });

  it("mg:export writes the register, milestone histories and ledger as CSV (UTF-8 BOM) and XLSX that reconcile with summary()", async function () {
    const out = path.join(dir, "exports");
    const exported = await ok("mg:export", { out, json: true });
    expect(exported.reconciled).to.equal(true);
    const files = exported.files as string[];
    expect(files.map((f) => path.basename(f))).to.deep.equal([
      `${PROGRAM}-register.csv`,
      `${PROGRAM}-milestones.csv`,
      `${PROGRAM}-ledger.csv`,
      `${PROGRAM}.xlsx`,
    ]);
    const registerCsv = readFileSync(files[0], "utf8");
    expect(registerCsv.charCodeAt(0)).to.equal(0xfeff, "a BOM, so Excel reads the Chinese as UTF-8");
    expect(registerCsv).to.include('"grant 资助编号"');

    // Read the workbook back as an auditor's spreadsheet would.
    const { default: ExcelJS } = await import("exceljs");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(files[3]);
    const rows = (title: string) =>
      (workbook.getWorksheet(title)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const register = rows("Register 资助名单");
    expect(register).to.have.length(2); // header + grant 1
    expect(register[1].slice(0, 2)).to.deep.equal(["1", "1"]);
    expect(register[1][3]).to.equal("rd-platform-national");
    expect(register[1][4]).to.equal("5,000,000.00");
    expect(register[1][5]).to.equal(500_000_000); // exact integer units
    expect(register[1][7]).to.match(/^#0 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\+8\) – /);
    const ledger = rows("Ledger 资金流水");
    const totalRow = (label: string) => ledger.find((r) => r[3] === label)!;
    const { ethers } = await hre.network.getOrCreate();
    const program = programAt(
      (await ok("mg:status", { json: true })).address as string,
      (await ethers.getSigners())[0],
    );
    const s = await program.summary();
    expect(totalRow("total funded 拨入合计")[6]).to.equal(Number(s.funded));
    expect(totalRow("total paid 支付合计")[6]).to.equal(Number(s.paid));
    expect(totalRow("total paid 支付合计")[5]).to.equal("3,000,000.00");
    const claims = ledger.filter((r) => r[2] === "MilestoneClaimed");
    expect(claims).to.have.length(1);
    expect(claims[0][8]).to.match(/^0x[0-9a-f]{64}$/);

    // One fiscal year (Beijing calendar year): this year's has the award; 1999 has nothing.
    const thisYear = formatTimestamp(BigInt((await ethers.provider.getBlock("latest"))!.timestamp)).slice(0, 4);
    const year = await ok("mg:export", { out, year: thisYear, json: true });
    expect(year.grants).to.equal(1);
    expect(path.basename((year.files as string[])[3])).to.equal(`${PROGRAM}-${thisYear}.xlsx`);
    expect((await ok("mg:export", { out, year: "1999", json: true })).grants).to.equal(0);
    expect(await fails("mg:export", { out, year: "27" })).to.equal(
      '--year "27" is not a year: write the fiscal year as four digits, e.g. 2027.',
    );
  });

  it("a grant's case file lists every event of the grant and verifies against the chain; an edited or incomplete file is refused", async function () {
    const written = await ok("mg:case-file", { grant: "1", out: path.join(dir, "cases"), json: true });
    const file = written.file as string;
    const caseFile = JSON.parse(readFileSync(file, "utf8")) as {
      events: Array<{ name: string; args: Record<string, string>; txHash: string }>;
      manifest: string;
    };
    expect(caseFile.events.map((e) => e.name)).to.include.members([
      "GrantAwarded",
      "MilestoneScheduled",
      "EvidenceSubmitted",
      "VoteCast",
      "MilestoneApproved",
      "MilestoneClaimed",
    ]);
    expect(caseFile.events.every((e) => e.args.grantId === "1")).to.equal(true);
    expect((await ok("mg:verify-case-file", { file, json: true })).verified).to.equal(true);

    // An amount edited by hand: the manifest no longer matches.
    const claimed = caseFile.events.find((e) => e.name === "MilestoneClaimed")!;
    const edited = path.join(dir, "cases", "edited.json");
    writeFileSync(
      edited,
      JSON.stringify({
        ...caseFile,
        events: caseFile.events.map((e) => (e === claimed ? { ...e, args: { ...e.args, amount: "1" } } : e)),
      }),
    );
    expect(await fails("mg:verify-case-file", { file: edited })).to.equal(
      `${edited} was changed after it was written: its manifest does not match its contents.`,
    );
    // The same edit with a recomputed manifest: the chain's receipt disagrees.
    const { caseManifest } = await import("../../tasks/runtime/case-file.js");
    const forged = JSON.parse(readFileSync(edited, "utf8")) as Parameters<typeof caseManifest>[0] & {
      manifest?: string;
    };
    delete forged.manifest;
    writeFileSync(edited, JSON.stringify({ ...forged, manifest: caseManifest(forged) }));
    expect(await fails("mg:verify-case-file", { file: edited })).to.equal(
      `${edited} does not match the chain: the MilestoneClaimed event of transaction ${claimed.txHash} (log ${(claimed as unknown as { logIndex: number }).logIndex}) reads otherwise on chain.`,
    );
    // An event dropped (with a fresh manifest): the chain has one more.
    const partial = JSON.parse(readFileSync(file, "utf8")) as Parameters<typeof caseManifest>[0] & {
      manifest?: string;
    };
    delete partial.manifest;
    const shorter = { ...partial, events: partial.events.slice(0, -1) }; // the last event (the claim) dropped
    writeFileSync(edited, JSON.stringify({ ...shorter, manifest: caseManifest(shorter) }));
    expect(await fails("mg:verify-case-file", { file: edited })).to.match(
      /does not match the chain: the chain has an event about grant 1 that the file leaves out/,
    );
    // The earliest events dropped (moving the file's start): the award must open it.
    const late = { ...partial, events: partial.events.slice(2) };
    writeFileSync(edited, JSON.stringify({ ...late, manifest: caseManifest(late) }));
    expect(await fails("mg:verify-case-file", { file: edited })).to.equal(
      `${edited} does not match the chain: it must open with grant 1's GrantAwarded event.`,
    );
    // A time edited (with a fresh manifest): the block's timestamp disagrees.
    const retimed = {
      ...partial,
      events: partial.events.map((e, i) => (i === partial.events.length - 1 ? { ...e, time: e.time + 3600 } : e)),
    };
    writeFileSync(edited, JSON.stringify({ ...retimed, manifest: caseManifest(retimed) }));
    expect(await fails("mg:verify-case-file", { file: edited })).to.match(/reads otherwise on chain\.$/);
  });

  it("names the deadline rule an award breaks (passed, not after the previous one) and awards nothing", async function () {
    const status = await ok("mg:status", { json: true });
    const program = programAt(
      status.address as string,
      (await (await hre.network.getOrCreate()).ethers.getSigners())[0],
    );
    const before = await program.summary();
    expect(
      await fails("mg:award", { from: "2", uscc: USCC, category: "application-product", milestones: "1@2020-01-01" }),
    ).to.equal("Milestone #0's deadline 2020-01-01 has already passed: give a later date.");
    expect(
      await fails("mg:award", {
        from: "2",
        uscc: USCC,
        category: "application-product",
        milestones: "1@2030-03-31; 1@2030-01-31",
      }),
    ).to.equal(
      "Milestone #1's deadline 2030-01-31 is not after milestone #0's (2030-03-31): each deadline must come after the one before.",
    );
    expect(await program.summary()).to.deep.equal(before);
  });

  it("explains chain refusals and bad arguments in one sentence", async function () {
    expect(
      await fails("mg:award", {
        from: "2",
        uscc: USCC,
        category: "application-product",
        milestones: "600,000@2030-01-31; 400,000.01@2030-03-31",
      }),
    ).to.equal("The milestones add up to 1,000,000.01 yuan, above the category cap of 1,000,000.00 yuan.");
    expect(await fails("mg:withdraw", { from: "2", amount: "1" })).to.match(
      /^0x[0-9a-fA-F]{40} does not hold the treasurer role needed for this action\.$/,
    );
    expect(await fails("mg:fund", { from: "3", amount: "5.001" })).to.equal(
      '--amount: "5.001" has 3 decimals; the token has only 2.',
    );
    expect(
      await fails("mg:award", { from: "2", uscc: USCC, category: "moon-landing", milestones: "1@2030-01-01" }),
    ).to.match(
      /^Category "moon-landing" is not in guiyang-htz-blockchain-2017; its categories are rd-platform-national, /,
    );
  });

  it("prints a refusal in Chinese and in English, gives both in --json, and moves no money", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const company = (await ethers.getSigners())[10];
    const status = await ok("mg:status", { json: true });
    const program = programAt(status.address as string, company);
    const token = (await ethers.getContractAt("MockYuan", await program.token())) as unknown as MockYuan;
    const before = { company: await token.balanceOf(company.address), summary: await program.summary() };

    // A chain refusal (decoded revert), human mode: the Chinese line, then the English line.
    const { deadline } = await program.milestone(1n, 1);
    const lapse = await refused("mg:lapse", { from: "11", grant: "1", milestone: 1 });
    const lapseZh = `第 1 号资助的第 1 号里程碑须在截止日期 ${formatBeijing(deadline, "zh")}之后才能作失效处理。`;
    const lapseEn = `Milestone #1 of grant 1 can lapse only after its deadline, ${formatTimestamp(deadline)}.`;
    expect(lapse.output.split("\n")).to.deep.equal([`错误：${lapseZh}`, `Error: ${lapseEn}`]);
    expect(lapse.outcome).to.deep.equal({ ok: false, error: lapseEn, errorZh: lapseZh });

    // A task's own refusal (TaskInputError), --json: `error` stays English, `errorZh` carries the Chinese.
    const repay = await refused("mg:repay", { from: "10", grant: "1", amount: "1", json: true });
    expect(JSON.parse(repay.output)).to.deep.equal({
      ok: false,
      task: "mg:repay",
      error: "Nothing is owed on grant 1.",
      errorZh: "第 1 号资助没有应退回的款项。",
    });

    // A core input error wrapped by the task keeps both languages.
    const fund = await refused("mg:fund", { from: "3", amount: "5.001" });
    expect(fund.output.split("\n")).to.deep.equal([
      "错误：--amount：“5.001”有 3 位小数，该代币只有 2 位。",
      'Error: --amount: "5.001" has 3 decimals; the token has only 2.',
    ]);

    expect(await token.balanceOf(company.address)).to.equal(before.company);
    expect(await program.summary()).to.deep.equal(before.summary);
  });

  it("lists only the programs the registry authorised: a look-alike naming the registry is flagged, a de-authorised program takes no money or awards", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const signers = await ethers.getSigners();
    const [registryAdmin, stranger, outsider] = [signers[0], signers[11], signers[12]];
    const listed = await ok("mg:programs", { json: true });
    const authorised = listed.authorised as Array<{ address: string; name: string | null }>;
    expect(authorised.map((p) => p.name)).to.deep.equal([PROGRAM]);
    expect(listed.flagged).to.deep.equal([]);

    // Anyone can create a program on the open factory naming Guiyang's registry, token and treasury.
    const htz = programAt(authorised[0].address, registryAdmin);
    const deployed = await ok("mg:deploy", { json: true });
    const factory = await ethers.getContractAt("GrantProgramFactory", deployed.factory as string);
    const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    await factory
      .connect(stranger)
      .createProgram(
        1n,
        "Guiyang blockchain awards (look-alike)",
        await htz.token(),
        await htz.registry(),
        await htz.treasury(),
        lookAlikeInitParams(stranger.address, outsider.address, now),
      );
    const lookAlike = await factory.programAt((await factory.programCount()) - 1n);
    const after = await ok("mg:programs", { json: true });
    expect((after.authorised as Array<{ name: string | null }>).map((p) => p.name)).to.deep.equal([PROGRAM]);
    expect(after.flagged).to.deep.equal([lookAlike]);
    expect((await run("mg:programs", {})).output).to.include(`FLAGGED — 1 program(s) name the guiyang registry`);

    // Wound down: the registry revokes the program's role; status flags it, fund and award refuse.
    const registry = await ethers.getContractAt("EntityRegistry", await htz.registry());
    const role = await registry.PROGRAM_ROLE();
    await registry.connect(registryAdmin).revokeRole(role, authorised[0].address);
    try {
      expect((await ok("mg:status", { json: true })).standing).to.equal("unauthorised");
      const before = await htz.summary();
      const refusal = `${PROGRAM} names the guiyang registry but is NOT authorised by it: it is not one of guiyang's programs (anyone can create a program, and a wound-down one loses its authorisation), so it cannot record new awards. Refused.`;
      expect(await fails("mg:fund", { from: "3", amount: "1", mint: true })).to.equal(refusal);
      expect(
        await fails("mg:award", { from: "2", uscc: USCC, category: "application-product", milestones: "1@2030-01-31" }),
      ).to.equal(refusal);
      expect(await htz.summary()).to.deep.equal(before);
    } finally {
      await registry.connect(registryAdmin).grantRole(role, authorised[0].address);
    }
    expect((await ok("mg:status", { json: true })).standing).to.equal("authorised");
  });

  it("adds a second jurisdiction next to the first, keeping the factory and the token", async function () {
    const before = await ok("mg:deploy", { json: true });
    const second = await ok("mg:deploy", { jurisdiction: "chongqing", json: true });
    expect(second.factory).to.equal(before.factory);
    expect(second.token).to.deep.equal(before.token);
    expect(second.registry).to.not.equal(before.registry);
    const created = await run("mg:create-program", {
      file: "programs/chongqing-blockchain-base-2017.json",
      managers: "2",
      reviewers: "6,7,8,9",
      treasurer: "3",
      guardian: "4",
      treasury: "5",
    });
    if (!created.outcome.ok) throw new Error(created.outcome.error);
    const cq = created.outcome.result;
    expect(cq.registry).to.equal(second.registry);
    // The application window is printed in Beijing time, as every other date the tasks print.
    const { ethers } = await hre.network.getOrCreate();
    const settings = await programAt(cq.address as string, (await ethers.getSigners())[0]).settings();
    expect(created.output).to.include(
      `application window ${formatTimestamp(settings.windowOpensAt)} to ${formatTimestamp(settings.windowClosesAt)}`,
    );
    expect(await fails("mg:status", {})).to.equal(
      "Several programs are recorded (guiyang-htz-blockchain-2017, chongqing-blockchain-base-2017): name one with --program.",
    );
  });

  it("checks identities before registering: a credit-code typo or a wrong ID check digit is refused, and the same person twice is one entity", async function () {
    const deployed = await ok("mg:deploy", { json: true }); // re-run: reports the recorded guiyang registry
    const { ethers } = await hre.network.getOrCreate();
    const registry = await ethers.getContractAt("EntityRegistry", deployed.registry as string);
    const count = await registry.entityCount();
    expect(
      await fails("mg:register-entity", {
        from: "1",
        jurisdiction: "guiyang",
        uscc: "91520115MA6DK0001B",
        wallet: "15",
      }),
    ).to.equal(
      "The unified social credit code 91520115MA6DK0001B fails its check (GB 32100): with these first 17 characters the last must be A. Check the code for a typing error.",
    );
    const secretFile = path.join(dir, "registrar.secret");
    writeFileSync(secretFile, `0x${"3c".repeat(32)}\n`);
    expect(
      await fails("mg:register-entity", {
        from: "1",
        jurisdiction: "guiyang",
        idNumber: "520102199001011234",
        secretFile,
        wallet: "15",
      }),
    ).to.include("fails its check (GB 11643): with these first 17 digits the last must be X");
    expect(
      await fails("mg:register-entity", {
        from: "1",
        jurisdiction: "guiyang",
        idNumber: "52010219900101123X",
        wallet: "15",
      }),
    ).to.match(/^An individual is registered under the jurisdiction's registrar secret/);
    const missing = path.join(dir, "no-such.secret");
    expect(
      await fails("mg:register-entity", {
        from: "1",
        jurisdiction: "guiyang",
        idNumber: "52010219900101123X",
        secretFile: missing,
        wallet: "15",
      }),
    ).to.equal(`${missing}: no such file; --secret-file names the file holding the registrar secret.`);
    expect(await registry.entityCount()).to.equal(count);
    const person = await ok("mg:register-entity", {
      from: "1",
      jurisdiction: "guiyang",
      idNumber: "52010219900101123X",
      secretFile,
      wallet: "15",
      json: true,
    });
    expect(person.kind).to.equal("individual");
    // The same person again (written with a lower-case x, another wallet): the same id, refused.
    expect(
      await fails("mg:register-entity", {
        from: "1",
        jurisdiction: "guiyang",
        idNumber: "52010219900101123x",
        secretFile,
        wallet: "16",
      }),
    ).to.include("already registered");
    expect(await registry.entityCount()).to.equal(count + 1n);
    expect(await registry.entityNoOf(person.entityId as string)).to.equal(person.entityNo);
  });

  describe("summaries in the operator's language (MG_LANG)", function () {
    const before = process.env.MG_LANG;
    afterEach(function () {
      if (before === undefined) delete process.env.MG_LANG;
      else process.env.MG_LANG = before;
    });

    /** Runs a task with MG_LANG=zh and returns its printed summary. */
    async function inChinese(name: string, args: Record<string, unknown>): Promise<{ result: Result; output: string }> {
      process.env.MG_LANG = "zh";
      const { outcome, output } = await run(name, args);
      if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error}\n${output}`);
      return { result: outcome.result, output };
    }

    // Three or more English words in a row: a sentence left untranslated. Hashes, addresses, option
    // names, task names and keys (hyphenated, no spaces) are removed first; they are the same in both.
    const ENGLISH_RUN = /\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b/;
    const strip = (text: string) =>
      text
        .replace(/0x[0-9a-fA-F]+/g, "")
        .replace(/\bmg:[a-z-]+|--[a-z-]+|[\w./-]+\.(?:json|csv|xlsx|txt)\b|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+/g, "");

    it("prints fund, award, evidence, votes, claim, status, report and programs in Chinese with MG_LANG=zh, and nothing in English", async function () {
      const { ethers, networkHelpers } = await hre.network.getOrCreate();
      const signers = await ethers.getSigners();
      const outputs: Record<string, string> = {};
      const zh = async (name: string, args: Record<string, unknown>) => {
        const ran = await inChinese(name, { program: PROGRAM, ...args });
        outputs[`${name} ${JSON.stringify(args)}`] = ran.output;
        return ran;
      };

      const funded = await zh("mg:fund", { from: "3", amount: "1,000,000.00", mint: true });
      const treasurer = signers[3].address;
      expect(funded.output.split("\n")[0]).to.equal(`已向 ${treasurer} 铸造演示人民币 1,000,000.00 元（本地代币）。`);
      expect(funded.output.split("\n")[1]).to.equal(`${treasurer} 已向 ${PROGRAM} 拨入资金 1,000,000.00 元。`);
      expect(funded.output.split("\n")[2]).to.match(/^ {2}交易 0x[0-9a-f]{64}，区块 \d+（消耗 [\d,]+ gas）$/);
      expect(funded.output.split("\n")[3]).to.match(
        /^ {2}累计拨入 [\d,]+\.\d\d 元；可用 [\d,]+\.\d\d 元；已预留 [\d,]+\.\d\d 元$/,
      );

      const now = BigInt(await networkHelpers.time.latest());
      const deadline = now + 60n * DAY;
      const awarded = await zh("mg:award", {
        from: "2",
        uscc: USCC,
        category: "application-product",
        milestones: `500,000@${beijingDate(deadline)}`,
      });
      const id = awarded.result.grantId as bigint;
      expect(awarded.output.split("\n")[0]).to.equal(
        `已在 ${PROGRAM} 授予第 ${id} 号资助：向第 1 号主体资助 500,000.00 元，类别 application-product。`,
      );
      // The table's headers are Chinese; the amount is in 元.
      expect(awarded.output).to.match(/里程碑 +金额 +截止时间（提交材料和投票） +说明/);
      expect(awarded.output).to.include("500,000.00 元");

      const evidenceFile = path.join(dir, "product-launch.txt");
      writeFileSync(evidenceFile, "Product launch, own IP\n");
      await zh("mg:evidence", { from: "10", file: evidenceFile, grant: String(id), milestone: 0 });
      for (const reviewer of ["6", "7", "8"]) {
        await zh("mg:vote", { from: reviewer, grant: String(id), decision: "approve", reason: "launch verified" });
      }
      await networkHelpers.time.increase(8n * DAY);

      const claimed = await zh("mg:claim", { from: "10", grant: String(id) });
      const wallet = signers[10].address;
      expect(claimed.output.split("\n")[0]).to.equal(
        `已领取 ${PROGRAM} 第 ${id} 号资助第 0 号里程碑款项 500,000.00 元，付至收款钱包 ${wallet}。`,
      );
      const receipt = await ethers.provider.getTransactionReceipt(claimed.result.tx as string);
      expect(claimed.output.split("\n")[1]).to.equal(
        `  交易 ${claimed.result.tx as string}，区块 ${receipt?.blockNumber}（消耗 ${receipt?.gasUsed.toLocaleString("en-US")} gas）`,
      );

      const status = await zh("mg:status", { grant: String(id) });
      expect(status.output).to.include("账目（元）：拨入 + 退回 = 可用 + 预留 + 已支付 + 已提取 成立；余额与账目相符");
      expect(status.output).to.include(`第 ${id} 号资助的里程碑：`);
      expect(status.output).to.include("0 号已支付");

      const report = await zh("mg:report", {});
      expect(report.output).to.include("拨入 + 退回 = 可用 + 预留 + 已支付 + 已提取：成立（");
      expect(report.output).to.include("领取款项");
      const programs = await inChinese("mg:programs", { jurisdiction: "guiyang" });
      outputs["mg:programs"] = programs.output;
      expect(programs.output.split("\n")[0]).to.match(
        /^guiyang 的资助项目（经其登记册 0x[0-9a-fA-F]{40} 授权）：1 个$/,
      );
      expect(programs.output).to.include("警示：有 1 个资助项目未经授权而使用 guiyang 登记册：");

      for (const [task, output] of Object.entries(outputs)) {
        expect(output, task).to.match(/[\u4e00-\u9fff]/);
        expect(strip(output), `${task} left English in its Chinese summary:\n${output}`).to.not.match(ENGLISH_RUN);
      }
      // --json is never translated: the same keys and English values whatever MG_LANG says.
      process.env.MG_LANG = "zh";
      const json = await run("mg:report", { program: PROGRAM, json: true });
      const parsed = JSON.parse(json.output) as { history: Array<{ event: string; detail: string }> };
      expect(parsed.history.map((h) => h.event)).to.include("MilestoneClaimed");
      expect(parsed.history.find((h) => h.event === "Funded")?.detail).to.match(/^by 0x/);
    });

    it("keeps English with MG_LANG=en, and refuses an unknown MG_LANG in both languages", async function () {
      process.env.MG_LANG = "en";
      expect((await run("mg:status", { program: PROGRAM })).output).to.include(
        "funded + repaid = available + reserved + paid + withdrawn holds",
      );
      process.env.MG_LANG = "xx";
      const { outcome, output } = await refused("mg:status", { program: PROGRAM });
      expect(outcome).to.deep.equal({
        ok: false,
        error:
          "MG_LANG=xx is not a language the tasks speak: use MG_LANG=zh (Chinese) or MG_LANG=en (English, the default).",
        errorZh: "MG_LANG=xx 不是可用的输出语言：请使用 MG_LANG=zh（中文）或 MG_LANG=en（英文，默认）。",
      });
      // Two lines, Chinese first, as every refusal.
      expect(output.split("\n")).to.deep.equal([
        `错误：${outcome.ok ? "" : outcome.errorZh}`,
        `Error: ${outcome.ok ? "" : outcome.error}`,
      ]);
    });
  });

  it("refuses a bad program file with one sentence naming the field", async function () {
    const broken = JSON.parse(readFileSync(HTZ_FILE, "utf8")) as { categories: Array<{ mode: string }> };
    broken.categories[3].mode = "maximum";
    const file = path.join(dir, "broken-program.json");
    writeFileSync(file, JSON.stringify(broken, null, 2));
    const { outcome } = await refused("mg:create-program", {
      file,
      managers: "2",
      reviewers: "6,7,8,9",
      treasurer: "3",
      guardian: "4",
      treasury: "5",
    });
    expect(outcome).to.deep.equal({
      ok: false,
      error: `${file}: field "categories[3].mode" must be "fixed" or "capped".`,
      errorZh: `${file}：字段“categories[3].mode”必须是“fixed”（固定金额）或“capped”（上限金额）。`,
    });
  });

  it("refuses a changed copy of a published program file: its rules differ from what the HTZ program recorded on chain", async function () {
    const { ethers } = await hre.network.getOrCreate();
    const deployed = await ok("mg:deploy", { json: true });
    const factory = await ethers.getContractAt("GrantProgramFactory", deployed.factory as string);
    const published = await ok("mg:status", { program: PROGRAM, json: true });
    const recorded = await programAt(published.address as string, (await ethers.getSigners())[0]).programFileHash();
    // The same program (its "name"), the national level raised by 1,000,000 without a new policy.
    const changed = readFileSync(HTZ_FILE, "utf8")
      .replace('"amount": "5,000,000"', '"amount": "6,000,000"')
      .replace('"policyText": "policies/', `"policyText": "${path.resolve("programs/policies")}/`);
    const file = path.join(dir, "htz-changed.json");
    writeFileSync(file, changed);
    const count = await factory.programCount();
    const { outcome } = await refused("mg:create-program", {
      file,
      name: "htz-second-round",
      managers: "2",
      reviewers: "6,7,8,9",
      treasurer: "3",
      guardian: "4",
      treasury: "5",
    });
    const hash = keccak256(Buffer.from(changed));
    expect(outcome).to.deep.equal({
      ok: false,
      error: `${file} is not the file program ${PROGRAM} (${published.address}) was created from: the hash recorded there is ${recorded}, this file's is ${hash}. A published program's rules cannot change under it: restore the published file, or give the changed policy a new "name" in its own file.`,
      errorZh: `${file} 与资助项目 ${PROGRAM}（${published.address}）创建时所用文件不一致：链上记录的哈希为 ${recorded}，本文件为 ${hash}。已公布项目的规则不得更改：请恢复已公布的文件，或为修改后的政策另写文件并另起“name”。`,
    });
    expect(await factory.programCount()).to.equal(count);
    expect((await refused("mg:status", { program: "htz-second-round", json: true })).outcome.ok).to.equal(false);
  });

  describe("governance: Safe multisigs and the timelock (runs last: it hands the registry to the timelock)", function () {
    /** The Safes and timelock mg:deploy-governance deployed (first test). */
    let governance: Result;
    let bureauSafe: string;

    it("Safe + timelock through the tasks: propose (--via-safe) → confirm → execute; below the threshold nothing moves; the unpause waits 2 days", async function () {
      const { ethers } = await hre.network.getOrCreate();
      const signers = await ethers.getSigners();
      const g = await ok("mg:deploy-governance", { json: true });
      governance = g;
      bureauSafe = g.bureauSafe as string;
      const name = "htz-governed";
      await ok("mg:create-program", {
        file: HTZ_FILE,
        name,
        managers: "2",
        reviewers: "6,7,8,9",
        treasurer: g.treasurerSafe,
        guardian: g.guardianSafe,
        treasury: "5",
        json: true,
      });
      await ok("mg:hand-over", { program: name, json: true });
      const program = programAt((await ok("mg:status", { program: name, json: true })).address as string, signers[0]);
      const token = (await ethers.getContractAt(
        "MockYuan",
        ((await ok("mg:deploy", { json: true })).token as { address: string }).address,
      )) as unknown as MockYuan;
      expect(await program.hasRole(ZERO_ROLE, g.timelock as string)).to.equal(true);
      expect(await program.hasRole(ZERO_ROLE, signers[0].address)).to.equal(false);

      // The treasurer (account 3) proposes approve + fund through the treasurer's Safe (2 of 3).
      const fund = path.join(dir, "fund-proposal.json");
      const proposed = await run("mg:fund", {
        program: name,
        from: "3",
        amount: "2,000,000",
        mint: true,
        viaSafe: "treasurer",
        proposal: fund,
      });
      expect(proposed.outcome.ok, proposed.output).to.equal(true);
      expect(proposed.output).to.include("1 of 2 confirmations (3 owners): 1 more owner(s) run mg:safe-confirm");
      const safeBalance = await token.balanceOf(g.treasurerSafe as string);
      expect(safeBalance).to.equal(yuan("2,000,000"));
      expect((await program.summary()).funded).to.equal(0n);

      // Below the threshold: refused, nothing moved. A reviewer is not an owner.
      expect(await fails("mg:safe-execute", { proposal: fund, from: "11" })).to.include(
        "it has 1 of the 2 confirmations the Safe needs (3 owners): nothing was sent.",
      );
      expect(await fails("mg:safe-confirm", { proposal: fund, from: "6" })).to.include(
        `${signers[6].address} is not an owner of the Safe`,
      );
      expect(await token.balanceOf(g.treasurerSafe as string)).to.equal(safeBalance);
      expect((await program.summary()).funded).to.equal(0n);

      const confirmed = await run("mg:safe-confirm", { proposal: fund, from: "24" });
      expect(confirmed.output).to.include("2 of 2 confirmations (3 owners): executable now");
      expect(await fails("mg:safe-confirm", { proposal: fund, from: "24" })).to.include("has already confirmed it");
      const executed = await run("mg:safe-execute", { proposal: fund, from: "11" });
      expect(executed.outcome.ok).to.equal(true);
      expect(executed.output).to.include(
        `proposed by ${signers[3].address}; confirmed by ${signers[3].address}, ${signers[24].address}; sent by ${signers[11].address}`,
      );
      expect((await program.summary()).funded).to.equal(yuan("2,000,000"));
      expect(await token.balanceOf(g.treasurerSafe as string)).to.equal(0n);
      expect(await fails("mg:safe-execute", { proposal: fund, from: "11" })).to.include(
        "this proposal was executed or overtaken",
      );

      // A call the program refuses (more than the available budget): 2 of 3 signed it, and mg:safe-execute
      // names the program's own refusal; nothing is sent, nothing moves.
      const tooMuch = path.join(dir, "withdraw-proposal.json");
      await ok("mg:withdraw", {
        program: name,
        from: "24",
        amount: "5,000,000",
        viaSafe: "treasurer",
        proposal: tooMuch,
      });
      await ok("mg:safe-confirm", { proposal: tooMuch, from: "25" });
      expect(await fails("mg:safe-execute", { proposal: tooMuch, from: "11" })).to.equal(
        "5,000,000.00 yuan was requested but only 2,000,000.00 yuan of funded, unreserved budget is available.",
      );
      expect((await program.summary()).withdrawn).to.equal(0n);
      expect((await program.summary()).available).to.equal(yuan("2,000,000"));

      // The guardian's Safe (1 of 2) pauses at once.
      const pause = path.join(dir, "pause-proposal.json");
      expect(
        (await run("mg:pause", { program: name, from: "26", viaSafe: "guardian", proposal: pause })).output,
      ).to.include("executable now");
      await ok("mg:safe-execute", { proposal: pause, from: "26" });
      expect(await program.paused()).to.equal(true);

      // The bureau's Safe cannot unpause by itself: only the timelock holds the admin role.
      const direct = path.join(dir, "unpause-direct.json");
      expect(await fails("mg:pause", { program: name, unpause: true, viaSafe: "bureau", proposal: direct })).to.include(
        "does not hold the admin role here",
      );
      // Safe (3 of 5) → timelock.schedule; executable 2 days later, by anyone.
      const unpause = path.join(dir, "unpause-proposal.json");
      await ok("mg:pause", {
        program: name,
        unpause: true,
        viaSafe: "bureau",
        viaTimelock: "timelock",
        proposal: unpause,
      });
      await ok("mg:safe-confirm", { proposal: unpause, from: "20" });
      await ok("mg:safe-confirm", { proposal: unpause, from: "22" });
      const scheduled = await run("mg:safe-execute", { proposal: unpause, from: "11" });
      const readyAt = BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 2n * DAY;
      expect(scheduled.output).to.include(`executable after ${formatBeijing(readyAt, "en")}`);
      expect(await fails("mg:timelock-execute", { proposal: unpause, from: "11" })).to.include(
        `executable only after ${formatBeijing(readyAt, "en")}`,
      );
      expect(await program.paused()).to.equal(true);
      await ok("mg:advance-time", { days: 2 });
      const done = await run("mg:timelock-execute", { proposal: unpause, from: "11" });
      expect(done.output).to.include("executed what the Safe");
      expect(await program.paused()).to.equal(false);

      // The canceller: a scheduled change is cancelled by the bureau's Safe (3 of 5) and can never run.
      const quorum = path.join(dir, "again-proposal.json");
      const cancel = path.join(dir, "cancel-proposal.json");
      await ok("mg:pause", {
        program: name,
        from: "21",
        viaSafe: "bureau",
        viaTimelock: "timelock",
        proposal: quorum,
        unpause: true,
      });
      await ok("mg:safe-confirm", { proposal: quorum, from: "20" });
      await ok("mg:safe-confirm", { proposal: quorum, from: "23" });
      await ok("mg:safe-execute", { proposal: quorum, from: "11" });
      expect(await fails("mg:timelock-cancel", { proposal: quorum, from: "6", out: cancel })).to.include(
        "is not an owner of the Safe",
      );
      await ok("mg:timelock-cancel", { proposal: quorum, from: "22", out: cancel });
      await ok("mg:safe-confirm", { proposal: cancel, from: "0" });
      await ok("mg:safe-confirm", { proposal: cancel, from: "20" });
      expect((await run("mg:safe-execute", { proposal: cancel, from: "11" })).output).to.include("is cancelled");
      await ok("mg:advance-time", { days: 3 });
      expect(await fails("mg:timelock-execute", { proposal: quorum, from: "11" })).to.include(
        "is not scheduled on the timelock",
      );

      // Files that are not proposals, or not for this chain, are refused in one sentence.
      const bad = path.join(dir, "not-a-proposal.json");
      writeFileSync(bad, JSON.stringify({ kind: "milestone-grants-signed-vote" }));
      expect(await fails("mg:safe-confirm", { proposal: bad, from: "20" })).to.equal(
        `${bad}: it is not a Safe proposal (kind must be "milestone-grants-safe-proposal").`,
      );
      const other = path.join(dir, "other-chain-proposal.json");
      writeFileSync(other, JSON.stringify({ ...JSON.parse(readFileSync(cancel, "utf8")), chainId: "1" }));
      expect(await fails("mg:safe-execute", { proposal: other, from: "20" })).to.equal(
        `${other}: it was proposed on chain 1, not on this chain (31337).`,
      );
      expect(await fails("mg:safe-confirm", { proposal: path.join(dir, "missing.json"), from: "20" })).to.include(
        "does not exist",
      );
    });

    it("mg:safe-propose: any other admin call (a new manager) goes Safe (3 of 5) → timelock (2 days); calls that could never pass are refused and no file is written", async function () {
      const { ethers } = await hre.network.getOrCreate();
      const signers = await ethers.getSigners();
      const name = "htz-governed";
      const program = programAt((await ok("mg:status", { program: name, json: true })).address as string, signers[0]);
      const MANAGER = ROLE_IDS.manager;
      const newManager = signers[19].address;
      const common = { program: name, from: "0", viaSafe: "bureau", call: "grantRole" };

      // Refusals: each names what is wrong, and writes no proposal file.
      const refusedFile = path.join(dir, "refused-proposal.json");
      const refusals: [Record<string, unknown>, string][] = [
        [{ call: "appointManager", args: "[]" }, 'has no function "appointManager" that changes state'],
        [{ args: '["manager"]' }, "grantRole(bytes32,address) takes 2 argument(s), but --args gives 1."],
        [{ args: "manager, 0x12" }, "--args must be a JSON array"],
        [{ args: '["manager", "not-an-address"]' }, "--args do not fit grantRole(bytes32,address)"],
        [{ contract: "treasury", args: "[]" }, '--contract must be program, registry or factory, not "treasury".'],
        // Straight from the bureau's Safe (no timelock): the Safe is not the admin, so the program would refuse it.
        [
          { args: JSON.stringify(["manager", newManager]) },
          `${bureauSafe} does not hold the admin role needed for this action.`,
        ],
      ];
      for (const [change, sentence] of refusals) {
        const error = await fails("mg:safe-propose", { ...common, proposal: refusedFile, ...change });
        expect(error).to.include(sentence);
        expect(existsSync(refusedFile)).to.equal(false);
      }
      expect(await program.hasRole(MANAGER, newManager)).to.equal(false);

      const appoint = path.join(dir, "appoint-manager.json");
      const proposed = await run("mg:safe-propose", {
        ...common,
        viaTimelock: "timelock",
        proposal: appoint,
        args: JSON.stringify(["manager", newManager]),
      });
      if (!proposed.outcome.ok) throw new Error(proposed.output);
      expect(proposed.outcome.result).to.deep.include({
        function: "grantRole(bytes32,address)",
        arguments: [MANAGER, newManager],
      });
      expect(proposed.output).to.include(`grantRole("${MANAGER}", "${newManager}") on the program ${name}`);
      await ok("mg:safe-confirm", { proposal: appoint, from: "20" });
      await ok("mg:safe-confirm", { proposal: appoint, from: "21" });
      await ok("mg:safe-execute", { proposal: appoint, from: "11" });
      expect(await program.hasRole(MANAGER, newManager)).to.equal(false);
      expect(await fails("mg:timelock-execute", { proposal: appoint, from: "11" })).to.include("executable only after");
      await ok("mg:advance-time", { days: 2 });
      await ok("mg:timelock-execute", { proposal: appoint, from: "11" });
      expect(await program.hasRole(MANAGER, newManager)).to.equal(true);
    });

    it("mg:deploy-governance with existing Safes (a real chain's way): reads their owners, holds them to the rules, deploys only the timelock", async function () {
      const { ethers } = await hre.network.getOrCreate();
      const safes = {
        bureauSafe: governance.bureauSafe as string,
        treasurerSafe: governance.treasurerSafe as string,
        guardianSafe: governance.guardianSafe as string,
      };
      // Refused, and nothing recorded or deployed: two of three Safes; an account that is not a Safe; a
      // 1-of-2 Safe as the bureau's (the rules need at least 2 signatures there).
      const [deployer] = await ethers.getSigners();
      const before = await ethers.provider.getTransactionCount(deployer.address);
      expect(
        await fails("mg:deploy-governance", { bureauSafe: safes.bureauSafe, treasurerSafe: safes.treasurerSafe }),
      ).to.equal("Name all three existing Safes: --bureau-safe, --treasurer-safe and --guardian-safe.");
      const stranger = (await ethers.getSigners())[19].address;
      expect(await fails("mg:deploy-governance", { ...safes, bureauSafe: stranger })).to.equal(
        `${stranger} is not a Safe: there is no contract at that address on this chain.`,
      );
      expect(await fails("mg:deploy-governance", { ...safes, bureauSafe: safes.guardianSafe })).to.equal(
        "the bureau's Safe needs a threshold from 2 to its 2 owners, not 1.",
      );
      expect(await ethers.provider.getTransactionCount(deployer.address)).to.equal(before);

      const adopted = await ok("mg:deploy-governance", { ...safes, delayDays: 3 });
      expect(adopted).to.deep.include(safes);
      expect(adopted.timelock).to.not.equal(governance.timelock);
      expect((adopted.plan as { bureauThreshold: number; bureauOwners: string[] }).bureauThreshold).to.equal(3);
      const timelock = await ethers.getContractAt("TimelockController", adopted.timelock as string);
      expect(await timelock.getMinDelay()).to.equal(3n * DAY);
      expect(await timelock.hasRole(await timelock.PROPOSER_ROLE(), safes.bureauSafe)).to.equal(true);
      expect(await timelock.hasRole(await timelock.CANCELLER_ROLE(), safes.bureauSafe)).to.equal(true);
      expect(await timelock.hasRole(await timelock.EXECUTOR_ROLE(), ZeroAddress)).to.equal(true);
      expect(await timelock.hasRole(ZERO_ROLE, deployer.address)).to.equal(false);
    });
  });

  // Nested suites run after the top-level tests, in order: this one last, since it moves the clock years
  // ahead (every other test awards inside the application window).
  describe("supervision after payment (runs last: it moves the clock years ahead)", function () {
    it("supervision after payment through the tasks: start once payments are over, attest from the grantee's wallet, a missed window shows", async function () {
      // Grant 1 (national lab, supervised 3 years, attested yearly): #0 paid above; #1 lapses now.
      await ok("mg:advance-time", { days: 121 });
      await ok("mg:lapse", { program: PROGRAM, grant: "1", milestone: 1, json: true });
      expect((await ok("mg:supervision", { program: PROGRAM, grant: "1", json: true })).state).to.equal("ReadyToStart");
      const started = await ok("mg:supervision", { program: PROGRAM, grant: "1", start: true, json: true });
      expect([started.state, started.windows, started.windowsDue, started.missed]).to.deep.equal([
        "Supervising",
        3,
        0,
        0,
      ]);
      expect((started.endsAt as bigint) - (started.startsAt as bigint)).to.equal(3n * 365n * DAY);

      const report = path.join(dir, "annual-report-2018.txt");
      writeFileSync(report, "2018 annual report: registered and operating in the zone\n");
      const filed = await ok("mg:attest", { from: "10", program: PROGRAM, grant: "1", file: report, json: true });
      expect([filed.window, filed.windows]).to.deep.equal([1, 3]);
      expect(filed.documentHash).to.equal(keccak256(readFileSync(report)));
      const again = await fails("mg:attest", { from: "10", program: PROGRAM, grant: "1", file: report });
      expect(again).to.equal("The compliance attestation of window 1 of grant 1 is already filed.");
      expect(await fails("mg:attest", { from: "11", program: PROGRAM, grant: "1", file: report })).to.match(
        /not the grantee's payout wallet|payout wallet/,
      );

      // Two years on, the second window passed without an attestation.
      await ok("mg:advance-time", { days: 730 });
      const late = await ok("mg:supervision", { program: PROGRAM, grant: "1", json: true });
      expect([late.state, late.windowsDue, late.attested, late.missed]).to.deep.equal(["AttestationMissed", 2, 1, 1]);
      // The report counts it among the grants eligible for recovery; its history has the attestation.
      const report2 = await ok("mg:report", { program: PROGRAM, json: true });
      const supervision = report2.supervision as Record<string, bigint[]>;
      expect(supervision.AttestationMissed).to.deep.equal([1n]);
      expect(supervision.Supervising).to.deep.equal([]);
      const history = report2.history as Array<{ event: string; grant: string }>;
      expect(history.filter((h) => h.event === "AttestationFiled").map((h) => h.grant)).to.deep.equal(["1"]);

      // The manager orders recovery citing the article of the policy it applies; an article the program
      // file does not cite is refused and nothing is ordered.
      const { ethers } = await hre.network.getOrCreate();
      const htz = programAt(
        (await ok("mg:status", { program: PROGRAM, json: true })).address as string,
        (await ethers.getSigners())[0],
      );
      const wrong = await fails("mg:recover", {
        from: "2",
        program: PROGRAM,
        grant: "1",
        amount: "3,000,000",
        reason: "attestation 2 missed",
        article: "第九项",
      });
      expect(wrong).to.equal(
        `--article "第九项" is not an article ${PROGRAM}'s program file cites; its articles are 第一项（研发平台）, 第二项（技术突破）, 第三项（应用产品）.`,
      );
      expect((await htz.grant(1n)).recoveryOwed).to.equal(0n);
      const recovered = await ok("mg:recover", {
        from: "2",
        program: PROGRAM,
        grant: "1",
        amount: "3,000,000",
        reason: "attestation 2 missed: the company left the zone",
        article: "第一项（研发平台）",
        json: true,
      });
      expect(recovered.reasonText).to.equal("[第一项（研发平台）] attestation 2 missed: the company left the zone");
      const [ordered] = await htz.queryFilter(htz.filters.RecoveryOrdered(1n));
      expect((ordered as unknown as { args: { reasonHash: string } }).args.reasonHash).to.equal(
        textHash("[第一项（研发平台）] attestation 2 missed: the company left the zone"),
      );
    });

    it("fiscal years through the tasks: appropriate to this year and the next, a close refused before the year ends, then the rest returned and the report reconciled by year", async function () {
      const CQ = "chongqing-blockchain-base-2017";
      const { ethers } = await hre.network.getOrCreate();
      const cq = programAt(
        (await ok("mg:status", { program: CQ, json: true })).address as string,
        (await ethers.getSigners())[0],
      );
      const token = (await ethers.getContractAt("MockYuan", await cq.token())) as unknown as MockYuan;
      const treasury = await cq.treasury();
      // The year by an independent calendar: the latest block's date in Beijing time.
      const latest = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      const year = new Date((Number(latest) + 8 * 3600) * 1000).getUTCFullYear();

      const now = await ok("mg:fund", { from: "3", program: CQ, amount: "1,000,000", mint: true, json: true });
      expect(now.fiscalYear).to.equal(year);
      const next = await ok("mg:fund", {
        from: "3",
        program: CQ,
        amount: "500,000",
        mint: true,
        fiscalYear: String(year + 1),
        json: true,
      });
      expect(next.fiscalYear).to.equal(year + 1);
      expect((await cq.fiscalYear(year + 1)).appropriated).to.equal(yuan("500,000"));

      const held = await token.balanceOf(await cq.getAddress());
      const endsAt = (await cq.fiscalYear(year)).endsAt;
      expect(await fails("mg:close-year", { from: "3", program: CQ, fiscalYear: String(year) })).to.equal(
        `Fiscal year ${year} has not ended yet: it can be closed from ${formatBeijing(endsAt, "en")}.`,
      );
      expect(await token.balanceOf(await cq.getAddress())).to.equal(held);

      await ok("mg:advance-time", { days: Number((endsAt - latest) / DAY) + 2 });
      const before = await token.balanceOf(treasury);
      const closed = await ok("mg:close-year", { from: "3", program: CQ, fiscalYear: String(year), json: true });
      expect([closed.fiscalYear, closed.rule]).to.deep.equal([year, "return"]);
      const rest = (await cq.fiscalYear(year)).withdrawn;
      expect(await token.balanceOf(treasury)).to.equal(before + rest);
      expect((await cq.fiscalYear(year)).closed).to.equal(true);
      expect(
        await fails("mg:fund", { from: "3", program: CQ, amount: "1", mint: true, fiscalYear: String(year) }),
      ).to.equal(
        `Fiscal year ${year} cannot be used now: money goes to, and awards reserve against, the current year (${year + 1}) or one of the next ten; an ended year's rest waits for its close.`,
      );

      // The export adds the budget by fiscal year, rebuilt from the events; the register names each grant's year.
      const exported = await ok("mg:export", { program: CQ, out: path.join(dir, "cq-exports"), json: true });
      expect(exported.reconciled).to.equal(true);
      const yearsCsv = (exported.files as string[]).find((f) => f.endsWith("-fiscal-years.csv"))!;
      const yearRows = readFileSync(yearsCsv, "utf8").trim().split("\r\n").slice(1);
      const closedRow = yearRows.find((r) => r.startsWith(`"${year}"`))!;
      expect(closedRow).to.include('"yes 是"');
      expect(closedRow.split(",").at(-1)).to.equal('"0"');
      const nextRow = yearRows.find((r) => r.startsWith(`"${year + 1}"`))!;
      expect(nextRow.split(",").at(-1)).to.equal(`"${yuan("500,000")}"`);

      const report = await ok("mg:report", { program: CQ, json: true });
      expect(report.reconciled).to.equal(true);
      const years = report.fiscalYears as Array<{ year: number; closed: boolean; reconciled: boolean }>;
      expect(
        years.filter((y) => y.year === year || y.year === year + 1).map((y) => [y.year, y.closed, y.reconciled]),
      ).to.deep.equal([
        [year, true, true],
        [year + 1, false, true],
      ]);
    });
  });
});
