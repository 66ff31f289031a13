/**
 * `npm run bench`: receipt gas of every state-changing operation, on the in-process network with the
 * production build profile, next to Sablier Lockup (tranched streams) and OpenZeppelin's VestingWallet
 * measured in the same run; growth of vote and claim at 1, 100 and 1,000 grants; deployed code sizes.
 *
 * Writes bench/out/gas.json (git-ignored) and compares our ops with the committed bench/gas-snapshot.json:
 * exits 1 when an op costs more than 1 % above the snapshot, or when a contract keeps less than 2,048 bytes
 * of margin under the 24,576-byte limit.
 * `BENCH_UPDATE=1 npm run bench` (or `npm run bench:update`) rewrites the snapshot deliberately.
 * `BENCH_PROFILE=compat` (the second half of `npm run bench`: the `compat` build on the shanghai network)
 * measures the same ops without Cancun opcodes (storage reentrancy guard, no MCOPY), writes
 * bench/out/gas-compat.json and prints the main ops beside the Cancun figures of bench/out/gas.json;
 * it is not gated and never touches the snapshot.
 * The issue's targets are printed as met / missed and never fail the run. See docs/gas.md.
 */
import { existsSync, readFileSync } from "node:fs";

import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import {
  MaxUint256,
  Wallet,
  dataSlice,
  getAddress,
  keccak256,
  toUtf8Bytes,
  type Signer,
  type TransactionResponse,
} from "ethers";

import type { BenchVestingWallet, EntityRegistry, IGrantProgram } from "../typechain-types/index.js";
import type { Program } from "../typechain-types/contracts/interfaces/IGrantProgram.js";
import { deploySablierLockup, type CreateWithTimestamps, type Tranche } from "./bench/sablier.js";
import {
  GasLog,
  type GasRow,
  checkSnapshot,
  printColumns,
  printTable,
  printTargets,
  readSnapshot,
  writeJson,
  type Snapshot,
  type Target,
} from "./bench/report.js";
import { breakdown } from "./bench/trace.js";
import { parseYuan } from "../core/money.js";
import { loadProgram, type ProgramDefinition } from "./lib/programs.js";
import { categoryParams, DAY, YUAN_DECIMALS } from "./lib/suite.js";
import { EntityKind, UpheldObjectionOutcome } from "../core/enums.js";
import { companyId, textHash } from "../core/ids.js";
import { parseUscc, usccCheckCharacter } from "../core/identity.js";
import { signVote } from "../core/votes.js";
import { programAt } from "../core/program-abi.js";
import { deployCore, deployDemoYuan, deployRegistry } from "./lib/deploy.js";
import { programRoles, submitAndApprove } from "./lib/scenario.js";
import { fiscalCalendarParams, NO_FISCAL_CALENDAR, type FiscalCalendarParams } from "../core/fiscal.js";

const started = Date.now();
const SNAPSHOT_PATH = "bench/gas-snapshot.json";
const OUTPUT_PATH = "bench/out/gas.json";
const TOLERANCE = 0.01;
const CODE_SIZE_LIMIT = 24_576;
/** Room every deployed contract keeps under the limit, so the next feature fits (fails below it). */
const CODE_SIZE_MARGIN = 2_048;
const TRACE = process.env.BENCH_TRACE === "1";
const UPDATE = process.env.BENCH_UPDATE === "1" || process.env.BENCH_UPDATE === "true";
const GROWTH_LEVELS = [1, 100, 1_000];
const COMPAT = process.env.BENCH_PROFILE === "compat";
const COMPAT_OUTPUT_PATH = "bench/out/gas-compat.json";
const PROFILE = COMPAT ? "compat build profile" : "production build profile";
/** The ops the Cancun-vs-compat table shows (issue 17): claims, votes, an award, program creation. */
const COMPAT_OPS = [
  "claim one (first receipt)",
  "claim one (grantee already holds the token)",
  "vote (non-final, first of round)",
  "vote (final, reaches quorum)",
  "award (3 milestones)",
  "create program (clone + initialise)",
  "fund (second funding)",
  "withdraw (second withdrawal)",
  "repay (in full: bar lifted)",
  "submit 3 signed votes (batch, M = 3)",
];

/**
 * Every timestamp that reaches calldata is a constant offset from T0, so calldata (and so gas) is the
 * same on every run; the chain is moved to T0 first. 1,900,000,000 = 2030-03-17.
 */
const T0 = 1_900_000_000n;
const FAR = T0 + 3_000n * DAY;

// The compat run prints only its comparison (the end of this file): `npm run bench` keeps the Cancun
// output as it was, with one table added. Errors still reach stderr.
const printLine = console.log;
if (COMPAT) console.log = () => {};

const connection = await network.create();
const { ethers, networkHelpers, networkConfig } = connection;
const y = (text: string): bigint => parseYuan(text, YUAN_DECIMALS);
const log = new GasLog();
const hardfork = "hardfork" in networkConfig ? String(networkConfig.hardfork) : "unknown";

const signers = await ethers.getSigners();
const [deployer, admin, registryAdmin, registrar, manager, treasurer, guardian, treasury, r1, r2, r3, r4] = signers;
const [citizen, sablierSender] = signers.slice(12);
const reviewers = [r1, r2, r3, r4];

/** Deterministic funded wallets for grantees and recipients (hardhat's 20 accounts are not enough). */
let walletCount = 0;
async function freshWallet(): Promise<Wallet> {
  walletCount += 1;
  const wallet = new Wallet(keccak256(toUtf8Bytes(`milestone-grants bench wallet ${walletCount}`)), ethers.provider);
  await networkHelpers.setBalance(wallet.address, 10n ** 21n);
  return wallet;
}
/** A deterministic address that never signs (bulk entities of the growth runs). */
const bulkAddress = (i: number): string => getAddress(dataSlice(keccak256(toUtf8Bytes(`bench bulk wallet ${i}`)), 12));

console.log(`Milestone Grants gas benchmark — in-process network (${hardfork}), ${PROFILE}\n`);
await networkHelpers.time.increaseTo(T0);

/*//////////////////////////////////////////////////////////////
                            SET-UP
//////////////////////////////////////////////////////////////*/

const token = await deployDemoYuan(connection, deployer);
const core = await deployCore(connection, deployer, token);
const registry = await deployRegistry(connection, registryAdmin, registrar.address, 3n * DAY);
const growthRegistry = await deployRegistry(connection, registryAdmin, registrar.address, 3n * DAY);
const definition = loadProgram("programs/guiyang-htz-blockchain-2017.json", YUAN_DECIMALS);
const tokenAddress = await token.getAddress();

const roles = programRoles({ admin, managers: [manager], reviewers, treasurer, guardian, treasury });

function initParams(def: ProgramDefinition, fiscalCalendar: FiscalCalendarParams = NO_FISCAL_CALENDAR) {
  return {
    admin: roles.admin.address,
    managers: roles.managers,
    reviewers: roles.reviewers,
    treasurer: roles.treasurer,
    guardian: roles.guardian,
    quorum: def.quorum,
    noticePeriod: BigInt(def.noticePeriodDays) * DAY,
    windowOpensAt: T0,
    windowClosesAt: T0 + BigInt(def.applicationWindowDays) * DAY,
    upheldObjectionOutcome:
      def.upheldObjection === "resubmit" ? UpheldObjectionOutcome.Resubmit : UpheldObjectionOutcome.Cancel,
    programFileHash: def.fileHash,
    policyTextHash: def.policyTextHash,
    fiscalCalendar,
  };
}

/** Clone + initialise through the factory (measured when `op` is given), then authorise on the registry. */
async function createProgram(
  target: EntityRegistry,
  op: string | null,
  fiscalCalendar: FiscalCalendarParams = NO_FISCAL_CALENDAR,
): Promise<IGrantProgram> {
  const factory = core.factory.connect(admin);
  const args = [core.version, definition.name, tokenAddress, await target.getAddress(), roles.treasury] as const;
  const address = await factory.createProgram.staticCall(...args, initParams(definition, fiscalCalendar));
  const send = factory.createProgram(...args, initParams(definition, fiscalCalendar));
  if (op === null) await (await send).wait();
  else await log.measure(op, send);
  await (await target.connect(registryAdmin).grantRole(await target.PROGRAM_ROLE(), address)).wait();
  return programAt(address, manager);
}

/**
 * Mints `amount` to the treasurer, approves exactly that amount and funds (measured when `op` is given):
 * the current fiscal year, or `fiscalYear` when given (fundFiscalYear).
 */
async function fund(program: IGrantProgram, amount: bigint, op: string | null, fiscalYear?: number): Promise<void> {
  await (await token.mint(treasurer.address, amount)).wait();
  await (await token.connect(treasurer).approve(await program.getAddress(), amount)).wait();
  const treasurerProgram = program.connect(treasurer);
  const send =
    fiscalYear === undefined ? treasurerProgram.fund(amount) : treasurerProgram.fundFiscalYear(fiscalYear, amount);
  if (op === null) await (await send).wait();
  else await log.measure(op, send);
}

let entitySeq = 0;
/** Registers a new company bound to `wallet` (measured when `op` is given); returns its entity id. */
async function register(target: EntityRegistry, wallet: string, op: string | null = null): Promise<string> {
  entitySeq += 1;
  // A synthetic but valid credit code (GB 32100 check character), as a registrar would accept it.
  const first17 = `91520115MA6B${entitySeq.toString().padStart(5, "0")}`;
  const id = companyId(parseUscc(first17 + usccCheckCharacter(first17)));
  const send = target.connect(registrar).registerEntity(id, EntityKind.Company, wallet);
  if (op === null) await (await send).wait();
  else await log.measure(op, send);
  return id;
}

/** `count` milestones splitting `total` evenly, deadlines one day apart from `firstDeadline`. */
function milestoneTerms(count: number, total: bigint, firstDeadline: bigint) {
  return Array.from({ length: count }, (_, i) => ({
    amount: total / BigInt(count),
    deadline: firstDeadline + BigInt(i) * DAY,
    descriptionHash: textHash(`milestone ${i + 1} of ${count}`),
  }));
}

interface Grant {
  program: IGrantProgram;
  id: bigint;
  wallet: Wallet;
  termsHash: string;
}

/** Registers a fresh grantee and awards it `count` milestones (measured when `op` is given). */
async function awardFresh(
  program: IGrantProgram,
  target: EntityRegistry,
  categoryId: bigint,
  count: number,
  total: bigint,
  op: string | null,
  firstDeadline: bigint = FAR,
): Promise<Grant> {
  const wallet = await freshWallet();
  const entityId = await register(target, wallet.address);
  const send = program.award(entityId, categoryId, 0, milestoneTerms(count, total, firstDeadline));
  if (op === null) await (await send).wait();
  else await log.measure(op, send);
  const id = await program.grantCount();
  return { program, id, wallet, termsHash: (await program.grant(id)).termsHash };
}

const evidenceOf = (g: Grant, index: number): string => textHash(`evidence for grant ${g.id} milestone ${index}`);

/** Evidence only (unmeasured), before a batch of signed votes. */
async function submitEvidence(g: Grant, index: number): Promise<void> {
  await (await g.program.connect(g.wallet).submitEvidence(g.id, index, evidenceOf(g, index))).wait();
}

const APPROVAL_REASON = textHash("approved: evidence matches the terms");
/**
 * Evidence plus three on-chain approvals by r1, r2, r3 (quorum 3 of 4), through the shared scenario
 * builder; `ops` names the measured steps (the evidence, and each vote by position).
 */
async function submitAndApproveMeasured(
  g: Grant,
  index: number,
  ops: { evidence?: string; votes?: Array<string | null> } = {},
): Promise<void> {
  const review = await submitAndApprove(g.program, g.wallet, [r1, r2, r3], g.id, index, evidenceOf(g, index), {
    reasonHash: APPROVAL_REASON,
  });
  if (ops.evidence !== undefined) await log.measure(ops.evidence, Promise.resolve(review.evidence!.response));
  for (const [i, vote] of review.votes.entries()) {
    const op = ops.votes?.[i] ?? null;
    if (op !== null) await log.measure(op, Promise.resolve(vote.response));
  }
}

const SIGNED_VOTE_DEADLINE = T0 + 30n * DAY;
/** A batch of EIP-712 signed approvals by `voters`, submitted by the citizen (measured when `op` is given). */
async function signedVotes(g: Grant, index: number, voters: HardhatEthersSigner[], op: string | null) {
  const votes: Program.SignedVoteStruct[] = [];
  for (const reviewer of voters) {
    const choice = {
      grantId: g.id,
      milestoneIndex: index,
      approve: true,
      reasonHash: APPROVAL_REASON,
      deadline: SIGNED_VOTE_DEADLINE,
    };
    votes.push(await signVote(reviewer, g.program, choice));
  }
  const send = g.program.connect(citizen).submitSignedVotes(g.id, index, g.termsHash, evidenceOf(g, index), votes);
  if (op === null) await (await send).wait();
  else await log.measure(op, send);
}

/*//////////////////////////////////////////////////////////////
              OUR OPERATIONS (steady state: see docs/gas.md)
//////////////////////////////////////////////////////////////*/

console.log("Our operations");
// The growth program is created first, so the measured creation is not the factory's first.
const growthProgram = await createProgram(growthRegistry, null);
const program = await createProgram(registry, "create program (clone + initialise)");

const categoryIds = new Map<string, bigint>();
// "add category" is measured on the file's first category outside any tier group (a level of a group also
// writes the group's set of levels once).
const measured = definition.categories.find((c) => c.tierGroup === null);
for (const category of definition.categories) {
  const params = categoryParams(category, YUAN_DECIMALS);
  categoryIds.set(category.key, await program.connect(admin).addCategory.staticCall(params));
  const send = program.connect(admin).addCategory(params);
  if (category === measured) await log.measure("add category", send);
  else await (await send).wait();
}
for (const category of definition.categories)
  await (await growthProgram.connect(admin).addCategory(categoryParams(category, YUAN_DECIMALS))).wait();
// Capped at 2,000,000 yuan, no count or total limit: every award of the benchmark goes here.
const capped = categoryIds.get("technical-breakthrough");
if (capped === undefined) throw new Error("the HTZ program file has no technical-breakthrough category");

await fund(program, y("1,000"), null);
await fund(program, y("20,000,000"), "fund (second funding)");

await register(registry, bulkAddress(-1));
await register(registry, bulkAddress(-2), "register entity");

{
  // Applications: a warm-up one, then the measured one (the application counter is already non-zero).
  const first = await freshWallet();
  await register(registry, first.address);
  await (await program.connect(first).submitApplication(capped, textHash("application 1"))).wait();
  const applicant = await freshWallet();
  await register(registry, applicant.address);
  await log.measure(
    "apply (submitApplication)",
    program.connect(applicant).submitApplication(capped, textHash("application 2")),
  );
}

// A warm-up award, so the category's committed total and the counters are already non-zero.
const warmup = await awardFresh(program, registry, capped, 1, y("100,000"), null);
const g1 = await awardFresh(program, registry, capped, 1, y("1,000,000"), "award (1 milestone)");
const g3 = await awardFresh(program, registry, capped, 3, y("900,000"), "award (3 milestones)");
const g10 = await awardFresh(program, registry, capped, 10, y("1,000,000"), "award (10 milestones)");
const gLapse = await awardFresh(program, registry, capped, 1, y("100,000"), null, T0 + 20n * DAY);
const gCancel = await awardFresh(program, registry, capped, 1, y("100,000"), null);
log.compare("award (1 milestone)", "Sablier createWithTimestampsLT (1 tranche)");
log.compare("award (3 milestones)", "Sablier createWithTimestampsLT (3 tranches)");
log.compare("award (10 milestones)", "Sablier createWithTimestampsLT (10 tranches)");

await submitAndApproveMeasured(g3, 0, {
  evidence: "submit evidence",
  votes: ["vote (non-final, first of round)", null, "vote (final, reaches quorum)"],
});

// Signed votes: a warm-up batch (warms the reviewers' member records as a running program has them),
// then the measured batch of M = 3.
await submitEvidence(warmup, 0);
await signedVotes(warmup, 0, [r2, r3, r4], null);
await submitEvidence(g3, 1);
await signedVotes(g3, 1, [r2, r3, r4], "submit 3 signed votes (batch, M = 3)");

await log.measure("object (first objection)", g3.program.connect(citizen).object(g3.id, 0, textHash("press report")));
await log.measure(
  "rule on objection (dismiss)",
  program.ruleOnObjection(g3.id, 0, false, textHash("report checked: unfounded")),
);

for (const index of [0, 1, 2]) await submitAndApproveMeasured(g10, index);

/*//////////////////////////////////////////////////////////////
                  ANCHORS: SABLIER AND VESTINGWALLET
//////////////////////////////////////////////////////////////*/

console.log("\nAnchors: Sablier Lockup v4 (npm @sablier/lockup, shipped artifacts) and OpenZeppelin VestingWallet");
const sablier = await deploySablierLockup(deployer, ethers.provider);
await (await token.mint(sablierSender.address, y("100,000,000"))).wait();
await (await token.connect(sablierSender).approve(sablier.lockup, MaxUint256)).wait();

async function sendAs(signer: Signer, to: string, data: string): Promise<TransactionResponse> {
  return signer.sendTransaction({ to, data });
}

async function nextStreamId(): Promise<bigint> {
  const data = sablier.iface.encodeFunctionData("nextStreamId", []);
  const [id] = sablier.iface.decodeFunctionResult(
    "nextStreamId",
    await ethers.provider.call({ to: sablier.lockup, data }),
  );
  return BigInt(id);
}

/** createWithTimestampsLT: `count` tranches of `total / count`, starting at T0, tranche i at T0 + (i + 1) * step. */
async function createStream(
  count: number,
  total: bigint,
  step: bigint,
  op: string | null,
): Promise<{ id: bigint; recipient: Wallet }> {
  const recipient = await freshWallet();
  const tranches: Tranche[] = Array.from({ length: count }, (_, i) => ({
    amount: total / BigInt(count),
    timestamp: T0 + BigInt(i + 1) * step,
  }));
  const params: CreateWithTimestamps = {
    sender: sablierSender.address,
    recipient: recipient.address,
    depositAmount: (total / BigInt(count)) * BigInt(count),
    token: tokenAddress,
    cancelable: true,
    transferable: false,
    timestamps: { start: T0, end: tranches[count - 1].timestamp },
    shape: "",
  };
  const id = await nextStreamId();
  const data = sablier.iface.encodeFunctionData("createWithTimestampsLT", [params, tranches]);
  const send = sendAs(sablierSender, sablier.lockup, data);
  if (op === null) await (await send).wait();
  else await log.measure(op, send, "anchor");
  return { id, recipient };
}

// A warm-up stream (Sablier's token balance and counters non-zero), then the measured creations.
await createStream(1, y("100,000"), 100n * DAY, null);
const s1 = await createStream(1, y("1,000,000"), 100n * DAY, "Sablier createWithTimestampsLT (1 tranche)");
const s3 = await createStream(3, y("900,000"), 5n * DAY, "Sablier createWithTimestampsLT (3 tranches)");
await createStream(10, y("1,000,000"), 10n * DAY, "Sablier createWithTimestampsLT (10 tranches)");
await log.measure(
  "Sablier cancel (nothing unlocked yet)",
  sendAs(sablierSender, sablier.lockup, sablier.iface.encodeFunctionData("cancel", [s1.id])),
  "anchor",
);

// VestingWallet: linear over 100 days from T0; releases at T0 + 8 days and T0 + 16 days (never empties it).
const beneficiary = await freshWallet();
const vesting = (await ethers.deployContract("BenchVestingWallet", [
  beneficiary.address,
  T0,
  100n * DAY,
])) as unknown as BenchVestingWallet;
await (await token.mint(await vesting.getAddress(), y("1,000,000"))).wait();

/*//////////////////////////////////////////////////////////////
              AFTER THE NOTICE WINDOW: CLAIMS AND WITHDRAWALS
//////////////////////////////////////////////////////////////*/

await networkHelpers.time.increaseTo(T0 + 8n * DAY);
console.log("\nT0 + 8 days: notice windows over; Sablier tranche 1 and 8 % of the vesting unlocked");
await log.measure("claim one (first receipt)", g3.program.connect(g3.wallet).claim(g3.id, [0]));
await log.measure("claim one (grantee already holds the token)", g3.program.connect(g3.wallet).claim(g3.id, [1]));
await log.measure(
  "claim several (3 in one call, first receipt)",
  g10.program.connect(g10.wallet).claim(g10.id, [0, 1, 2]),
);
log.compare("claim one (first receipt)", "Sablier withdrawMax (first receipt)");
log.compare("claim one (grantee already holds the token)", "Sablier withdrawMax (recipient holds the token)");
log.compare("claim several (3 in one call, first receipt)", "Sablier withdrawMax (first receipt)");

await log.measure(
  "Sablier withdrawMax (first receipt)",
  sendAs(s3.recipient, sablier.lockup, sablier.iface.encodeFunctionData("withdrawMax", [s3.id, s3.recipient.address])),
  "anchor",
);
await log.measure(
  "VestingWallet release(token) (first release)",
  vesting.connect(beneficiary)["release(address)"](tokenAddress),
  "anchor",
);

await networkHelpers.time.increaseTo(T0 + 16n * DAY);
console.log("\nT0 + 16 days: Sablier tranche 2 unlocked");
await log.measure(
  "Sablier withdrawMax (recipient holds the token)",
  sendAs(s3.recipient, sablier.lockup, sablier.iface.encodeFunctionData("withdrawMax", [s3.id, s3.recipient.address])),
  "anchor",
);
await log.measure(
  "VestingWallet release(token) (beneficiary holds the token)",
  vesting.connect(beneficiary)["release(address)"](tokenAddress),
  "anchor",
);

await networkHelpers.time.increaseTo(T0 + 21n * DAY);
console.log("\nT0 + 21 days: lapse, cancellation, recovery, repayment, withdrawal");
await log.measure("lapse", program.connect(citizen).lapse(gLapse.id, 0));
await log.measure(
  "cancel grant (nothing paid: award key released)",
  program.cancelGrant(gCancel.id, textHash("award made in error")),
);
log.compare("cancel grant (nothing paid: award key released)", "Sablier cancel (nothing unlocked yet)");
const owed = (await program.milestone(g3.id, 0)).amount;
await log.measure(
  "order recovery (bars the entity, cancels the unpaid rest)",
  program.orderRecovery(g3.id, owed, textHash("licence revoked")),
);
await (await token.connect(g3.wallet).approve(await program.getAddress(), owed)).wait();
await log.measure("repay (in full: bar lifted)", program.connect(g3.wallet).repay(g3.id, owed));
await (await program.connect(treasurer).withdraw(y("1,000"))).wait();
await log.measure("withdraw (second withdrawal)", program.connect(treasurer).withdraw(y("1,000,000")));

/*//////////////////////////////////////////////////////////////
                GROWTH: VOTE AND CLAIM AT 1, 100, 1,000 GRANTS
//////////////////////////////////////////////////////////////*/

console.log(`\nGrowth: a separate registry and program grown to ${GROWTH_LEVELS.join(", ")} entities and grants`);
await fund(growthProgram, y("2,000,000"), null);
const growthOps: Array<{ level: number; vote: string; final: string; claim: string }> = [];
let grown = 0;
for (const level of GROWTH_LEVELS) {
  const bulkStarted = Date.now();
  // Bulk: entities with non-signing wallets, one 1-milestone grant each, until level - 1 exist.
  for (; grown < level - 1; grown += 1) {
    const id = await register(growthRegistry, bulkAddress(grown));
    await (await growthProgram.award(id, capped, 0, milestoneTerms(1, y("1,000"), FAR))).wait();
  }
  if (grown > 0)
    console.log(`  (bulk: ${grown} entities and grants in ${((Date.now() - bulkStarted) / 1000).toFixed(1)} s)`);
  // The measured grant is grant number `level`, to entity number `level`.
  const g = await awardFresh(growthProgram, growthRegistry, capped, 1, y("1,000"), null);
  grown += 1;
  const suffix = level === 1 ? "@ 1 grant" : `@ ${level.toLocaleString("en-US")} grants`;
  const ops = {
    level,
    vote: `vote (non-final) ${suffix}`,
    final: `vote (final) ${suffix}`,
    claim: `claim one (first receipt) ${suffix}`,
  };
  growthOps.push(ops);
  await submitAndApproveMeasured(g, 0, { votes: [ops.vote, null, ops.final] });
  await networkHelpers.time.increase(8n * DAY);
  await log.measure(ops.claim, growthProgram.connect(g.wallet).claim(g.id, [0]));
}

/*//////////////////////////////////////////////////////////////
                 FISCAL YEARS: APPROPRIATION, AWARD, CLOSE
//////////////////////////////////////////////////////////////*/

// A program keeping its budget by fiscal year (Beijing, from 1 January; the rest returned at the close),
// on the same registry and program file. T0 is in fiscal year 2030.
console.log("\nFiscal years: a program keeping its budget by year (from 1 January, Beijing time; rest returned)");
const fiscalProgram = await createProgram(
  registry,
  null,
  fiscalCalendarParams({ startMonth: 1, utcOffset: "+08:00", yearEnd: "return" }),
);
for (const category of definition.categories)
  await (await fiscalProgram.connect(admin).addCategory(categoryParams(category, YUAN_DECIMALS))).wait();
await fund(fiscalProgram, y("1,000"), null);
await fund(fiscalProgram, y("5,000,000"), "fund (fiscal-year program: the current year)");
await fund(fiscalProgram, y("1,000,000"), "fund a later fiscal year (fundFiscalYear)", 2031);
await awardFresh(fiscalProgram, registry, capped, 1, y("1,000"), null);
await awardFresh(fiscalProgram, registry, capped, 1, y("1,000"), "award (1 milestone, fiscal-year program)");
// 2031-01-01 01:00 in Beijing: 2030 has ended.
await networkHelpers.time.increaseTo(BigInt(Date.UTC(2030, 11, 31, 17) / 1000));
await log.measure(
  "close a fiscal year (its rest returned to the treasury)",
  fiscalProgram.connect(treasurer).closeFiscalYear(2030),
);

/*//////////////////////////////////////////////////////////////
                              REPORT
//////////////////////////////////////////////////////////////*/

const n = (v: number): string => v.toLocaleString("en-US");
const rows = log.rows();
console.log(`\nReceipt gas (${COMPAT ? "compat" : "production"} profile). ratio = our gas / anchor gas\n`);
printTable(rows);

console.log("\nGrowth (receipt gas; execution = receipt − 21,000 − calldata)\n");
const base = growthOps[0];
const growthBody: string[][] = [];
for (const [kind, pick] of [
  ["vote (non-final)", (o: (typeof growthOps)[number]) => o.vote],
  ["vote (final)", (o: (typeof growthOps)[number]) => o.final],
  ["claim one (first receipt)", (o: (typeof growthOps)[number]) => o.claim],
] as const) {
  for (const o of growthOps) {
    const gas = log.gas(pick(o));
    const diff = ((gas - log.gas(pick(base))) / log.gas(pick(base))) * 100;
    const exec = gas - log.intrinsic(pick(o));
    const baseExec = log.gas(pick(base)) - log.intrinsic(pick(base));
    const execDiff = ((exec - baseExec) / baseExec) * 100;
    growthBody.push([
      kind,
      o.level.toLocaleString("en-US"),
      gas.toLocaleString("en-US"),
      `${diff >= 0 ? "+" : ""}${diff.toFixed(2)} %`,
      exec.toLocaleString("en-US"),
      `${execDiff >= 0 ? "+" : ""}${execDiff.toFixed(2)} %`,
    ]);
  }
}
printColumns(["op", "grants", "gas", "vs 1 grant", "execution", "vs 1 grant"], growthBody, [
  false,
  true,
  true,
  true,
  true,
  true,
]);

if (TRACE) {
  // Where the gas goes (BENCH_TRACE=1): execution by category from the struct-log trace.
  console.log(
    "\nBreakdown (BENCH_TRACE): cold SLOAD · SSTORE 0→x · SSTORE x→y · call and create overhead · logs · keccak · rest\n",
  );
  const traceBody: string[][] = [];
  for (const op of [...log.ourOps(), ...rows.filter((r) => r.op.startsWith("anchor: ")).map((r) => r.op.slice(8))]) {
    if (op.includes("@")) continue;
    const b = await breakdown(ethers.provider, log.hash(op));
    const exec =
      b.sloadCold + b.sloadWarm + b.sstoreNew + b.sstoreUpdate + b.sstoreOther + b.calls + b.logs + b.keccak + b.other;
    const refund = log.intrinsic(op) + exec - log.gas(op);
    traceBody.push([
      op,
      n(log.gas(op)),
      n(log.intrinsic(op)),
      `${n(b.sloadCold)} (${b.sloadColdCount})`,
      n(b.sloadWarm),
      `${n(b.sstoreNew)} (${b.sstoreNewCount})`,
      `${n(b.sstoreUpdate)} (${b.sstoreUpdateCount})`,
      n(b.sstoreOther),
      `${n(b.calls)} (${b.callCount})`,
      n(b.logs),
      n(b.keccak),
      n(b.other),
      n(refund),
    ]);
  }
  printColumns(
    [
      "op",
      "receipt",
      "intrinsic",
      "SLOAD cold (n)",
      "warm",
      "SSTORE 0→x (n)",
      "x→y (n)",
      "sstore other",
      "calls+creates (n)",
      "logs",
      "keccak",
      "rest",
      "refund",
    ],
    traceBody,
    [false, true, true, true, true, true, true, true, true, true, true, true, true],
  );
}

// Deployed code sizes (EIP-170).
console.log("\nDeployed code size (EIP-170 limit 24,576 bytes; each keeps at least 2,048 bytes of margin)\n");
const sizes: Array<[string, string]> = [
  ["GrantProgram (implementation: hot paths)", await core.implementation.getAddress()],
  ["GrantProgramExtension (cold paths, views)", await core.extension.getAddress()],
  ["EntityRegistry", await registry.getAddress()],
  ["GrantProgramFactory", await core.factory.getAddress()],
  ["GrantProgramLens", await core.lens.getAddress()],
];
let tooLarge = false;
const sizeBody: string[][] = [];
for (const [name, address] of sizes) {
  const bytes = ((await ethers.provider.getCode(address)).length - 2) / 2;
  const margin = CODE_SIZE_LIMIT - bytes;
  const tight = margin < CODE_SIZE_MARGIN;
  tooLarge ||= tight;
  sizeBody.push([
    name,
    bytes.toLocaleString("en-US"),
    `${((bytes * 100) / CODE_SIZE_LIMIT).toFixed(1)} %`,
    margin.toLocaleString("en-US"),
    margin < 0 ? "TOO LARGE" : tight ? "MARGIN BELOW 2,048" : "ok",
  ]);
}
sizeBody.push([
  "(SablierLockup, for reference)",
  sablier.codeSize.toLocaleString("en-US"),
  `${((sablier.codeSize * 100) / CODE_SIZE_LIMIT).toFixed(1)} %`,
  (CODE_SIZE_LIMIT - sablier.codeSize).toLocaleString("en-US"),
  "",
]);
printColumns(["contract", "bytes", "of limit", "margin (bytes)", ""], sizeBody, [false, true, true, true, false]);
const SIZES_PATH = COMPAT ? "bench/out/sizes-compat.json" : "bench/out/sizes.json";
writeJson(SIZES_PATH, Object.fromEntries(sizeBody.slice(0, sizes.length).map((row) => [row[0], row[1]])));

// The issue's targets: informative only.
const g = (op: string): number => log.gas(op);
const within = (a: number, b: number): boolean => Math.abs(a - b) <= b * 0.01;
const pct = (a: number, b: number): string => `${a >= b ? "+" : ""}${(((a - b) / b) * 100).toFixed(2)} %`;
const top = growthOps[growthOps.length - 1];
const sablier3 = g("Sablier createWithTimestampsLT (3 tranches)");
const sablierFirst = g("Sablier withdrawMax (first receipt)");
const sablierHolder = g("Sablier withdrawMax (recipient holds the token)");
/** A target "op ≤ limit" (issue 15, "Gas at the floor"). */
const atMost = (name: string, op: string, limit: number): Target => ({
  name,
  actual: n(g(op)),
  limit: `≤ ${n(limit)}`,
  met: g(op) <= limit,
});
/** A target "op ≤ factor × anchor", the anchor measured in the same run. */
const ratioAtMost = (name: string, op: string, anchorGas: number, factor: number): Target => ({
  name,
  actual: (g(op) / anchorGas).toFixed(3),
  limit: `≤ ${factor.toFixed(2)}`,
  met: g(op) <= factor * anchorGas,
});
const targets: Target[] = [
  atMost("claim one, first receipt", "claim one (first receipt)", 78_000),
  ratioAtMost("claim first ÷ Sablier withdrawMax (first)", "claim one (first receipt)", sablierFirst, 0.74),
  atMost("claim one, grantee holds the token", "claim one (grantee already holds the token)", 61_000),
  ratioAtMost(
    "claim holder ÷ Sablier withdrawMax (holder)",
    "claim one (grantee already holds the token)",
    sablierHolder,
    0.65,
  ),
  atMost("vote, non-final", "vote (non-final, first of round)", 42_000),
  atMost("vote, final", "vote (final, reaches quorum)", 44_000),
  atMost("submit evidence", "submit evidence", 46_000),
  atMost("award, 3 milestones", "award (3 milestones)", 180_000),
  ratioAtMost("award 3 ÷ Sablier create 3 tranches", "award (3 milestones)", sablier3, 0.63),
  atMost("create program", "create program (clone + initialise)", 340_000),
  {
    name: "vote at 1,000 grants vs 1 grant",
    actual: pct(g(top.vote), g(base.vote)),
    limit: "within 1 %",
    met: within(g(top.vote), g(base.vote)),
  },
  {
    name: "claim at 1,000 grants vs 1 grant",
    actual: pct(g(top.claim), g(base.claim)),
    limit: "within 1 %",
    met: within(g(top.claim), g(base.claim)),
  },
];
console.log("\nTargets of issue 15 (gas at the floor)\n");
printTargets(targets);

if (COMPAT) {
  // The compat run: its own output, and the main ops beside the Cancun run's (not gated).
  console.log = printLine;
  writeJson(COMPAT_OUTPUT_PATH, rows);
  console.log(`\nWrote ${COMPAT_OUTPUT_PATH} (${rows.length} rows)`);
  const cancunRows = existsSync(OUTPUT_PATH) ? (JSON.parse(readFileSync(OUTPUT_PATH, "utf8")) as GasRow[]) : [];
  const cancun = new Map(cancunRows.map((r) => [r.op, r.gas]));
  console.log(
    `\nCancun (production profile, ${OUTPUT_PATH}) vs compat (shanghai: storage reentrancy guard, no MCOPY)\n`,
  );
  const body = COMPAT_OPS.map((op) => {
    const c = cancun.get(op);
    const d = g(op) - (c ?? 0);
    return [
      op,
      c === undefined ? "—" : n(c),
      n(g(op)),
      c === undefined ? "—" : `${d >= 0 ? "+" : ""}${n(d)}`,
      c === undefined ? "—" : `${d >= 0 ? "+" : ""}${((d / c) * 100).toFixed(1)} %`,
    ];
  });
  printColumns(["op", "cancun", "compat", "difference", ""], body, [false, true, true, true, true]);
  if (cancun.size === 0) console.log(`(no ${OUTPUT_PATH}: run the Cancun bench first for the comparison)`);
  const cancunSizes = existsSync("bench/out/sizes.json")
    ? (JSON.parse(readFileSync("bench/out/sizes.json", "utf8")) as Record<string, string>)
    : {};
  console.log("\nDeployed code size, bytes: Cancun (production profile) vs compat\n");
  printColumns(
    ["contract", "cancun", "compat"],
    sizeBody.slice(0, sizes.length).map((row) => [row[0], cancunSizes[row[0]] ?? "—", row[1]]),
    [false, true, true],
  );
  console.log(`\nBench (compat) finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  process.exit(0);
}

// Output and snapshot.
writeJson(OUTPUT_PATH, rows);
console.log(`\nWrote ${OUTPUT_PATH} (${rows.length} rows)`);
const current: Snapshot = {};
for (const op of log.ourOps()) current[op] = g(op);
let failed = false;
if (UPDATE) {
  writeJson(SNAPSHOT_PATH, current);
  console.log(`BENCH_UPDATE: rewrote ${SNAPSHOT_PATH} (${Object.keys(current).length} ops)`);
} else {
  const snapshot = readSnapshot(SNAPSHOT_PATH);
  if (snapshot === null) {
    console.error(`No ${SNAPSHOT_PATH}: run BENCH_UPDATE=1 npm run bench to create it.`);
    failed = true;
  } else {
    const check = checkSnapshot(snapshot, current, TOLERANCE);
    for (const line of check.improvements) console.log(`  cheaper than the snapshot: ${line}`);
    for (const op of check.added) console.log(`  not in the snapshot yet: ${op}`);
    for (const op of check.unmeasured) console.error(`  in the snapshot but no longer measured: ${op}`);
    for (const line of check.regressions) console.error(`  REGRESSION (> 1 % above the snapshot): ${line}`);
    if (check.regressions.length > 0 || check.unmeasured.length > 0) {
      console.error(`Gas snapshot check FAILED against ${SNAPSHOT_PATH}; if intended, rerun with BENCH_UPDATE=1.`);
      failed = true;
    } else {
      console.log(`Gas snapshot check passed: no op more than 1 % above ${SNAPSHOT_PATH}.`);
    }
  }
}
if (tooLarge) {
  console.error(
    `A contract is within ${n(CODE_SIZE_MARGIN)} bytes of (or over) the ${n(CODE_SIZE_LIMIT)}-byte code size limit.`,
  );
  failed = true;
}
console.log(`\nBench finished in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
if (failed) process.exit(1);
