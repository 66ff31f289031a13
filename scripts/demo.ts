/**
 * `npm run demo`: the seed's programs end to end on the embedded in-process Hardhat network.
 *
 * Guiyang High-tech Zone and Guiyang city share one entity registry (so the one-time rule and bars
 * hold across both); Chongqing has its own. Every role is its own account. The demo deploys, funds,
 * registers, awards in every category, runs committee votes (on chain and EIP-712 signed), a public
 * notice window with an objection, a lapse, a cancellation, a recovery with repayment, claims from
 * grantee wallets including a contract wallet, and a withdrawal. It prints an audit trail: who did
 * what (company names and credit codes, entity numbers, grant ids, amounts in yuan), each transaction's
 * hash, block and Beijing time, every refusal with the sentence the contracts gave, and the ledgers; it
 * exits non-zero if a refusal was accepted or a ledger identity fails. Gas lives in `npm run bench`.
 * Accounts follow scripts/lib/accounts.ts, the numbering docs/operators.md shows.
 */
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionReceipt, ContractTransactionResponse } from "ethers";

import type { IGrantProgram } from "../typechain-types/index.js";
import { balanceMatchesLedger, ledgerIdentityHolds } from "../core/ledger.js";
import { formatYuan, parseYuan } from "../core/money.js";
import { loadProgram } from "./lib/programs.js";
import { DAY, YUAN_DECIMALS, categoryParams, createProgramFromDefinition } from "./lib/suite.js";
import { deployGovernance, handOverAdmin, localGovernancePlan } from "./lib/governance.js";
import {
  confirmSafeProposal,
  executeSafeProposal,
  executeTimelockOperation,
  proposeSafeCalls,
  timelockStatus,
  type SafeContext,
  type SafeProposalFile,
} from "./lib/safe-proposals.js";
import { awardOptions, type AwardOptions } from "../core/award-options.js";
import { Compliance, EntityKind } from "../core/enums.js";
import { readFiscalYears, yearEndWords } from "../core/fiscal.js";
import { companyId, textHash } from "../core/ids.js";
import { individualId, parseUscc } from "../core/identity.js";
import { signVote } from "../core/votes.js";
import { deployCore, deployDemoYuan, deployRegistry } from "./lib/deploy.js";
import { approveSubmitted, programRoles, submitAndApprove } from "./lib/scenario.js";
import { LOCAL_ACCOUNT_KEYS, SEED_GRANTEES, localAccounts, type SeedGrantee } from "./lib/accounts.js";
import { errorSentence } from "./lib/errors.js";
import { formatTimestamp } from "../core/time.js";
import { formatTable } from "../tasks/runtime/output.js";
import { FISCAL_YEAR_COLUMNS, fiscalYearRow } from "../tasks/runtime/fiscal-table.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const y = (text: string) => parseYuan(text, YUAN_DECIMALS);
const fmt = (units: bigint) => formatYuan(units, YUAN_DECIMALS);

/** Prints one done step and the transaction that did it: hash, block and Beijing time. */
async function record(label: string, receipt: ContractTransactionReceipt): Promise<void> {
  const block = await receipt.getBlock();
  console.log(`  ✓ ${label}`);
  console.log(`      tx ${receipt.hash}  block ${receipt.blockNumber}  ${formatTimestamp(block.timestamp)}`);
}
async function step(label: string, send: () => Promise<ContractTransactionResponse>): Promise<void> {
  const receipt = await (await send()).wait();
  if (receipt === null) throw new Error(`${label}: no receipt`);
  await record(label, receipt);
}
/** A call the rules must refuse: prints the contracts' sentence; stops the demo if it was accepted. */
async function refused(label: string, call: () => Promise<unknown>): Promise<void> {
  let sentence: string | null = null;
  try {
    await call();
  } catch (error) {
    sentence = errorSentence(error, { decimals: YUAN_DECIMALS });
  }
  if (sentence === null) throw new Error(`The rules were broken: ${label} was accepted.`);
  console.log(`  ✓ refused: ${label}`);
  console.log(`      the contracts said: ${sentence}`);
}

const who = localAccounts(await ethers.getSigners());
const committee = [who.reviewer1, who.reviewer2, who.reviewer3, who.reviewer4];

console.log("Milestone Grants demo — in-process Hardhat network; amounts in yuan (元), times in Beijing (UTC+8)\n");
console.log("1. Deploy the suite (finance bureau, account 0)");
const token = await deployDemoYuan(connection, who.bureau);
const core = await deployCore(connection, who.bureau, token);
const guiyang = await deployRegistry(connection, who.bureau, who.registrar.address, 3n * DAY);
const chongqing = await deployRegistry(connection, who.chongqingBureau, who.registrar.address, 3n * DAY);
console.log(`  token ${await token.getAddress()} (demo yuan, ${YUAN_DECIMALS} decimals)`);
console.log(`  factory ${await core.factory.getAddress()}  implementation v${core.version}`);
console.log(`  registries: Guiyang ${await guiyang.getAddress()}  Chongqing ${await chongqing.getAddress()}`);

console.log("\n2. Create the programs from their files");
const now0 = BigInt(await networkHelpers.time.latest());
const roles = (admin: HardhatEthersSigner) =>
  programRoles({
    admin,
    managers: [who.manager],
    reviewers: committee,
    treasurer: who.treasurer,
    guardian: who.guardian,
    treasury: who.treasury,
  });
const files = {
  htz: "programs/guiyang-htz-blockchain-2017.json",
  city: "programs/guiyang-city-blockchain-2017.json",
  cq: "programs/chongqing-blockchain-base-2017.json",
};
const definitions = {
  htz: loadProgram(files.htz, YUAN_DECIMALS),
  city: loadProgram(files.city, YUAN_DECIMALS),
  cq: loadProgram(files.cq, YUAN_DECIMALS),
};
const created = {
  htz: await createProgramFromDefinition(ethers, core, guiyang, who.bureau, definitions.htz, roles(who.bureau), now0),
  city: await createProgramFromDefinition(ethers, core, guiyang, who.bureau, definitions.city, roles(who.bureau), now0),
  cq: await createProgramFromDefinition(
    ethers,
    core,
    chongqing,
    who.chongqingBureau,
    definitions.cq,
    roles(who.chongqingBureau),
    now0,
  ),
};
for (const key of ["htz", "city", "cq"] as const) {
  const c = created[key];
  await record(`${definitions[key].name} (${files[key]}) at ${await c.program.getAddress()}`, c.receipt);
  console.log(`      categories: ${[...c.categoryIds.entries()].map(([k, id]) => `#${id} ${k}`).join(", ")}`);
}
const htz = created.htz.program.connect(who.manager);
const city = created.city.program.connect(who.manager);
const cq = created.cq.program.connect(who.manager);
const cat = (key: keyof typeof created, category: string) => created[key].categoryIds.get(category)!;

console.log("\n3. Fund the budgets (treasurer, account 3)");
for (const [program, key] of [
  [htz, "htz"],
  [city, "city"],
  [cq, "cq"],
] as const) {
  const budget = y(definitions[key].budget);
  await (await token.mint(who.treasurer.address, budget)).wait();
  await (await token.connect(who.treasurer).approve(await program.getAddress(), budget)).wait();
  await step(`fund ${definitions[key].name} with ${fmt(budget)} yuan`, () =>
    program.connect(who.treasurer).fund(budget),
  );
}

console.log(
  "\n4. Register entities (registrar, account 1): credit codes checked (GB 32100); a person by a commitment under the registrar secret",
);
const multisig = await ethers.deployContract("MockMultisigWallet", [who.productOwner.address]);
// GB 11643's own sample number; the secret is the demo's, a registrar office keeps its own off chain.
const demoRegistrarSecret = textHash("demo registrar secret: Guiyang");
function entityIdOf(grantee: SeedGrantee): string {
  return grantee.uscc !== undefined
    ? companyId(parseUscc(grantee.uscc))
    : individualId(demoRegistrarSecret, grantee.residentId!);
}
type GranteeKey = keyof typeof SEED_GRANTEES;
const payoutWallet: Record<GranteeKey, string> = {
  lab: who.lab.address,
  ledger: who.ledger.address,
  product: await multisig.getAddress(),
  listed: who.listed.address,
  talent: who.talent.address,
  chongqingFirm: who.chongqingFirm.address,
};
const entityNo = {} as Record<GranteeKey, bigint>;
for (const key of Object.keys(SEED_GRANTEES) as GranteeKey[]) {
  const grantee: SeedGrantee = SEED_GRANTEES[key];
  const registry = key === "chongqingFirm" ? chongqing : guiyang;
  const kind = grantee.uscc !== undefined ? EntityKind.Company : EntityKind.Individual;
  const code = grantee.uscc !== undefined ? `USCC ${grantee.uscc}` : "resident ID (commitment only)";
  await step(`register ${grantee.nameZh} ${grantee.name}, ${code}, payout wallet ${payoutWallet[key]}`, () =>
    registry.connect(who.registrar).registerEntity(entityIdOf(grantee), kind, payoutWallet[key]),
  );
  entityNo[key] = await registry.entityNoOf(entityIdOf(grantee));
  console.log(`      entity number ${entityNo[key]} in ${key === "chongqingFirm" ? "Chongqing" : "Guiyang"}`);
}

console.log("\n5. Awards in every category (manager, account 2)");
const now = BigInt(await networkHelpers.time.latest());
const t = (parts: Array<[string, number]>) =>
  parts.map(([amount, days], i) => ({
    amount: y(amount),
    deadline: now + BigInt(days) * DAY,
    descriptionHash: textHash(`m${i}`),
  }));
const grants: Record<string, { program: IGrantProgram; id: bigint; label: string }> = {};
/** Grant ids count per program: "HTZ grant 1" names the program too. */
const ref = (name: string) => `${grants[name].label} grant ${grants[name].id}`;
const programLabel = new Map<IGrantProgram, string>([
  [htz, "HTZ"],
  [city, "Guiyang city"],
  [cq, "Chongqing"],
]);
async function award(
  name: string,
  program: IGrantProgram,
  grantee: GranteeKey,
  categoryId: bigint,
  parts: Array<[string, number]>,
  options?: AwardOptions,
) {
  const total = parts.reduce((sum, [amount]) => sum + y(amount), 0n);
  const milestones = parts.map(([amount, days], i) => `#${i} ${fmt(y(amount))} by day ${days}`).join(", ");
  const entityId = entityIdOf(SEED_GRANTEES[grantee]);
  const sentTx =
    options === undefined
      ? program.award(entityId, categoryId, 0, t(parts))
      : program.awardWithOptions(entityId, categoryId, 0, t(parts), options);
  const receipt = await (await sentTx).wait();
  grants[name] = { program, id: await program.grantCount(), label: programLabel.get(program)! };
  await record(
    `${ref(name)}: ${name} — ${fmt(total)} yuan to entity ${entityNo[grantee]} ${SEED_GRANTEES[grantee].nameZh} (category #${categoryId}; milestones ${milestones})`,
    receipt!,
  );
}
await award("national lab", htz, "lab", cat("htz", "rd-platform-national"), [
  ["3,000,000", 60],
  ["2,000,000", 120],
]);
await award("joint lab", htz, "ledger", cat("htz", "rd-platform-joint"), [["2,000,000", 60]]);
await award("provincial lab", htz, "product", cat("htz", "rd-platform-provincial"), [["1,000,000", 60]]);
await award("breakthrough (cap 2,000,000)", htz, "ledger", cat("htz", "technical-breakthrough"), [
  ["1,000,000", 30],
  ["800,000", 90],
]);
await award("product (cap 1,000,000)", htz, "product", cat("htz", "application-product"), [
  ["450,000", 20],
  ["450,000", 40],
]);
await award("main-board listing", city, "listed", cat("city", "main-board-listing"), [["10,000,000", 60]]);
// The talent awards are for the year introduced: the award states the introduction date (within 365 days)
// and its decision text cites the article.
const introducedOn = now - 45n * DAY;
const talentDecision = awardOptions({
  qualifyingDate: introducedOn,
  reasonHash: textHash(`[第二项（人才奖励）] introduced ${formatTimestamp(introducedOn).slice(0, 10)}`),
});
await refused("the leading-talent award without the date the talent was introduced (eligibility window)", () =>
  city.award.staticCall(entityIdOf(SEED_GRANTEES.talent), cat("city", "leading-talent"), 0, t([["1,000,000", 60]])),
);
await refused("the leading-talent award for a talent introduced two years ago", () =>
  city.awardWithOptions.staticCall(
    entityIdOf(SEED_GRANTEES.talent),
    cat("city", "leading-talent"),
    0,
    t([["1,000,000", 60]]),
    awardOptions({ qualifyingDate: now - 730n * DAY }),
  ),
);
await award("leading talent", city, "talent", cat("city", "leading-talent"), [["1,000,000", 60]], talentDecision);
console.log(`      introduced ${formatTimestamp(introducedOn)}; the decision text cites 第二项（人才奖励）`);
await award("Chongqing core-technology firm", cq, "chongqingFirm", cat("cq", "core-technology-firm"), [
  ["500,000", 60],
]);
await refused(
  "a second national-lab award to the same company (each level once: national is the platform group's top level)",
  () =>
    htz.award.staticCall(entityIdOf(SEED_GRANTEES.lab), cat("htz", "rd-platform-national"), 0, t([["5,000,000", 60]])),
);
await refused("the same talent in the second talent category (one exclusivity group)", () =>
  city.awardWithOptions.staticCall(
    entityIdOf(SEED_GRANTEES.talent),
    cat("city", "innovation-talent"),
    0,
    t([["500,000", 60]]),
    talentDecision,
  ),
);

const quorum = 3;
async function approve(name: string, index: number, evidence: string, wallet: HardhatEthersSigner | null) {
  const { program, id } = grants[name];
  const hash = textHash(evidence);
  const options = { reasonHash: textHash("ok"), votes: quorum };
  let review;
  if (wallet === null) {
    const data = program.interface.encodeFunctionData("submitEvidence", [id, index, hash]);
    await step(`evidence for ${ref(name)} milestone #${index} (${name}), via the company's multisig: ${hash}`, () =>
      multisig.connect(who.productOwner).execute(program.getAddress(), data),
    );
    review = await approveSubmitted(program, committee, id, index, hash, options);
  } else {
    review = await submitAndApprove(program, wallet, committee, id, index, hash, options);
    await record(`evidence for ${ref(name)} milestone #${index} (${name}): ${hash}`, review.evidence!.receipt);
  }
  for (const [i, vote] of review.votes.entries()) {
    await record(
      `approve: reviewer ${i + 1} of ${committee.length} (vote ${i + 1} of the ${quorum} needed), ${ref(name)} #${index}`,
      vote.receipt,
    );
  }
  const { noticeEndsAt } = await program.milestone(id, index);
  console.log(`      quorum reached: public notice until ${formatTimestamp(noticeEndsAt)}`);
}

console.log(`\n6. Evidence and committee votes (quorum ${quorum} of ${committee.length} reviewers, accounts 6–9)`);
await approve("national lab", 0, "national lab licence", who.lab);
await approve("joint lab", 0, "joint lab licence", who.ledger);
await approve("provincial lab", 0, "provincial lab licence", null);
await approve("main-board listing", 0, "listing announcement", who.listed);
await approve("leading talent", 0, "talent selection notice", who.talent);

console.log("   EIP-712 signed votes, submitted in one batch by anyone");
{
  const { program, id } = grants["breakthrough (cap 2,000,000)"];
  const evidence = textHash("expert committee review: consensus breakthrough");
  await step(`evidence for ${ref("breakthrough (cap 2,000,000)")} milestone #0 (breakthrough): ${evidence}`, () =>
    program.connect(who.ledger).submitEvidence(id, 0, evidence),
  );
  const { termsHash } = await program.grant(id);
  const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
  const votes: Awaited<ReturnType<typeof signVote>>[] = [];
  for (const reviewer of committee.slice(1, 1 + quorum)) {
    votes.push(
      await signVote(reviewer, program, {
        grantId: id,
        milestoneIndex: 0,
        approve: true,
        reasonHash: textHash("ok"),
        deadline,
      }),
    );
  }
  await step(
    `${quorum} signed approvals (reviewers 2–4) for ${ref("breakthrough (cap 2,000,000)")} #0, submitted by a citizen`,
    () => program.connect(who.citizen).submitSignedVotes(id, 0, termsHash, evidence, votes),
  );
}

console.log("\n7. Public notice (公示, 7 days): a citizen objects to the listing award; the manager dismisses it");
{
  const { program, id } = grants["main-board listing"];
  const document = textHash("press report questioning the listing");
  await step(`objection to ${ref("main-board listing")} #0 by a citizen (account 11), document ${document}`, () =>
    program.connect(who.citizen).object(id, 0, document),
  );
  await networkHelpers.time.increase(8n * DAY);
  await refused(`the company's claim on ${ref("main-board listing")} while the objection is open`, () =>
    program.connect(who.listed).claim.staticCall(id, [0]),
  );
  const reason = textHash("listing verified with the exchange");
  await step(`ruling on ${ref("main-board listing")} #0: objection dismissed, reason ${reason}`, () =>
    program.ruleOnObjection(id, 0, false, reason),
  );
}

console.log("\n8. Claims from the grantees' own wallets (pull payments)");
async function claim(name: string, program: IGrantProgram, wallet: HardhatEthersSigner, grantee: GranteeKey) {
  const { id } = grants[name];
  const before = await token.balanceOf(payoutWallet[grantee]);
  const receipt = await (await program.connect(wallet).claim(id, [0])).wait();
  const received = (await token.balanceOf(payoutWallet[grantee])) - before;
  await record(
    `claim: ${ref(name)} #0 (${name}) — ${fmt(received)} yuan to ${SEED_GRANTEES[grantee].nameZh}, wallet ${payoutWallet[grantee]}`,
    receipt!,
  );
}
await claim("national lab", htz, who.lab, "lab");
await claim("joint lab", htz, who.ledger, "ledger");
await claim("breakthrough (cap 2,000,000)", htz, who.ledger, "ledger");
{
  const { id } = grants["provincial lab"];
  const data = htz.interface.encodeFunctionData("claim", [id, [0]]);
  await step(
    `claim: ${ref("provincial lab")} #0 (provincial lab) — 1,000,000.00 yuan to the company's contract wallet`,
    () => multisig.connect(who.productOwner).execute(htz.getAddress(), data),
  );
}
await claim("main-board listing", city, who.listed, "listed");
await claim("leading talent", city, who.talent, "talent");

console.log("\n8a. Upgrade (晋级补差): the provincial platform is licensed at national level");
{
  // The three platform levels are one tier group of the HTZ file: the company keeps its provincial
  // 1,000,000 and is awarded the difference to the national 5,000,000, not the national amount again.
  const national = cat("htz", "rd-platform-national");
  const product = entityIdOf(SEED_GRANTEES.product);
  await refused("the national level's full 5,000,000 to the company that holds the provincial level", () =>
    htz.award.staticCall(product, national, 0, t([["5,000,000", 120]])),
  );
  await award("national upgrade (晋级补差)", htz, "product", national, [["4,000,000", 120]]);
  const { held, tiers } = await htz.tierHolding(entityNo.product, 1n);
  console.log(
    `      ${SEED_GRANTEES.product.nameZh} now holds levels ${[1, 2, 3].filter((l) => (tiers >> BigInt(l - 1)) & 1n).join(" and ")} of the platform group, ${fmt(held)} yuan in all`,
  );
  await refused("the joint (lower) level to the same company afterwards", () =>
    htz.award.staticCall(product, cat("htz", "rd-platform-joint"), 0, t([["2,000,000", 120]])),
  );
}

console.log("\n9. Lapse, cancellation and recovery (追回)");
await networkHelpers.time.increase(40n * DAY);
{
  const product = grants["product (cap 1,000,000)"].id;
  await step(`lapse: ${ref("product (cap 1,000,000)")} #0 (product) missed its deadline — anyone may record it`, () =>
    htz.connect(who.citizen).lapse(product, 0),
  );
  await step(`cancel: the rest of ${ref("product (cap 1,000,000)")} (product not launched)`, () =>
    htz.cancelGrant(product, textHash("product not launched")),
  );
  const firm = grants["Chongqing core-technology firm"].id;
  await step(`cancel: ${ref("Chongqing core-technology firm")} (the firm left the base)`, () =>
    cq.cancelGrant(firm, textHash("left the base")),
  );
}
{
  const { id } = grants["joint lab"];
  await step(`recovery ordered: ${ref("joint lab")} (joint lab licence revoked), 2,000,000.00 yuan`, () =>
    htz.orderRecovery(id, y("2,000,000"), textHash("licence revoked")),
  );
  const breakthrough = grants["breakthrough (cap 2,000,000)"].id;
  await refused(
    `a claim by the barred company (${ref("breakthrough (cap 2,000,000)")} #1), in any program of the registry`,
    () => htz.connect(who.ledger).claim.staticCall(breakthrough, [1]),
  );
  await (await token.mint(who.ledger.address, y("2,000,000"))).wait();
  await (await token.connect(who.ledger).approve(await htz.getAddress(), y("2,000,000"))).wait();
  await step(`repayment of 2,000,000.00 yuan on ${ref("joint lab")} (the bar is lifted)`, () =>
    htz.connect(who.ledger).repay(id, y("2,000,000")),
  );
}

console.log("\n9a. Supervision after payment (监管期): 3 years, a compliance attestation each year");
{
  // The provincial lab's award is paid in full: its 3-year supervision begins, and the company (through its
  // multisig wallet) attests once a year that the conditions still hold.
  const { id } = grants["provincial lab"];
  await step(`supervision of ${ref("provincial lab")} starts (payments over; anyone may start it)`, () =>
    htz.connect(who.citizen).startSupervision(id),
  );
  const started = await htz.supervisionOf(id);
  console.log(
    `      supervised ${formatTimestamp(started.startsAt)} to ${formatTimestamp(started.endsAt)}, ${started.windows} yearly attestations`,
  );
  const first = textHash("2018 annual report: registered and operating in the high-tech zone");
  await step(
    `attestation 1 of ${started.windows} for ${ref("provincial lab")}, via the company's multisig: ${first}`,
    () =>
      multisig
        .connect(who.productOwner)
        .execute(htz.getAddress(), htz.interface.encodeFunctionData("attest", [id, first])),
  );
  await networkHelpers.time.increase(2n * 365n * DAY + DAY);
  const late = await htz.supervisionOf(id);
  console.log(
    `      two years on: ${late.attestedCount} filed, ${late.missed} missed — eligible for recovery (nothing happens by itself; a manager decides)`,
  );
  if (late.missed !== 1n || late.state !== BigInt(Compliance.AttestationMissed))
    throw new Error("the missed attestation does not show");
  await step(
    `recovery ordered: ${ref("provincial lab")} — attestation 2 missed, the company left the zone (1,000,000.00 yuan)`,
    () => htz.orderRecovery(id, y("1,000,000"), textHash("attestation 2 missed: the company left the zone")),
  );
  const { held } = await htz.tierHolding(entityNo.product, 1n);
  console.log(
    `      the company now keeps ${fmt(held)} yuan in the platform group (its unpaid national top-up), and is barred until it repays`,
  );
}

console.log("\n10. Treasury: withdraw the unreserved budget to the fixed treasury address (account 5)");
const cityAvailable = await city.available();
await step(`withdraw ${fmt(cityAvailable)} yuan from ${definitions.city.name}`, () =>
  city.connect(who.treasurer).withdraw(cityAvailable),
);

console.log("\n10a. Fiscal-year close (Chongqing: budget years from 1 January, Beijing time; the rest returned, 收回)");
{
  const treasurer = cq.connect(who.treasurer);
  const nowYear = BigInt(await networkHelpers.time.latest());
  const before = await readFiscalYears(cq, nowYear);
  if (before === null) throw new Error("the Chongqing program keeps no fiscal years");
  const rule = yearEndWords(before.yearEnd);
  console.log(
    `      appropriated to ${before.firstYear} at creation; now fiscal year ${before.current}; year-end rule: the unreserved rest is ${rule.en}`,
  );
  await refused(`closing fiscal year ${before.firstYear + 1n} before ${before.firstYear} (years close in order)`, () =>
    treasurer.closeFiscalYear.staticCall(before.firstYear + 1n),
  );
  for (let year = before.firstYear; year < before.current; year += 1n) {
    const rest = (await cq.fiscalYear(year)).available;
    await step(`close fiscal year ${year}: ${fmt(rest)} yuan ${rule.en}`, () => treasurer.closeFiscalYear(year));
  }
  await refused(`closing fiscal year ${before.current}, which has not ended`, () =>
    treasurer.closeFiscalYear.staticCall(before.current),
  );
  const after = (await readFiscalYears(cq, BigInt(await networkHelpers.time.latest())))!;
  console.log(
    formatTable(
      after.years.map((fy) => {
        const row = fiscalYearRow(fy, fmt);
        return Object.fromEntries(
          Object.entries(FISCAL_YEAR_COLUMNS).map(([key, label]) => {
            const cell = row[key as keyof typeof row];
            return [label.en, typeof cell === "string" ? cell : cell.en];
          }),
        );
      }),
    ),
  );
  const byYears = after.years.reduce((sum, fy) => sum + fy.available, 0n);
  const total = await cq.available();
  if (byYears !== total) throw new Error(`the fiscal years hold ${byYears}, the program ${total}`);
  console.log(`      the years' unreserved budgets add up to the program's: ${fmt(byYears)} yuan`);
}

console.log("\n11. Final ledgers (yuan)");
let ok = true;
const rows = [];
for (const [key, program] of [
  ["htz", htz],
  ["city", city],
  ["cq", cq],
] as const) {
  const s = await program.summary();
  const balance = await token.balanceOf(await program.getAddress());
  const identity = ledgerIdentityHolds(s);
  const solvent = balanceMatchesLedger(s, balance);
  ok &&= identity && solvent;
  rows.push({
    program: key,
    funded: fmt(s.funded),
    repaid: fmt(s.repaid),
    available: fmt(s.available),
    reserved: fmt(s.reserved),
    paid: fmt(s.paid),
    withdrawn: fmt(s.withdrawn),
    balance: fmt(balance),
    "funded+repaid = avail+res+paid+wdr": identity ? "holds" : "BROKEN",
  });
}
console.log(formatTable(rows));

console.log(
  "\n12. Governance: no single key holds an official power — Safe multisigs (Safe 1.4.1) and a 2-day timelock (OpenZeppelin)",
);
const plan = localGovernancePlan(who);
const gov = await deployGovernance(connection, who.bureau, plan, {
  reviewers: committee.map((r) => r.address),
  managers: [who.manager.address],
});
const safeCtx: SafeContext = { provider: connection.provider as never, chainId: 31337n, contracts: gov.safeContracts };
const nameOf = new Map(Object.entries(who).map(([key, signer]) => [signer.address, key]));
const named = (addresses: string[]) =>
  addresses.map((a) => `${nameOf.get(a) ?? a} (${LOCAL_ACCOUNT_KEYS.indexOf(nameOf.get(a) as never)})`).join(", ");
console.log(
  `  bureau's Safe ${gov.bureauSafe}: ${plan.bureauThreshold} of ${plan.bureauOwners.length} — ${named(plan.bureauOwners)}`,
);
console.log(
  `  timelock ${gov.timelockAddress}: ${Number(plan.minDelay / DAY)}-day delay; proposer and canceller the bureau's Safe; anyone executes; no admin`,
);
console.log(
  `  treasurer's Safe ${gov.treasurerSafe}: ${plan.treasurerThreshold} of ${plan.treasurerOwners.length} — ${named(plan.treasurerOwners)}`,
);
console.log(
  `  guardian's Safe ${gov.guardianSafe}: ${plan.guardianThreshold} of ${plan.guardianOwners.length} — ${named(plan.guardianOwners)}`,
);
/** Prints a Safe transaction's receipt like every other step, with who signed it. */
async function safeStep(label: string, file: SafeProposalFile, sender: HardhatEthersSigner): Promise<void> {
  const { hash } = await executeSafeProposal(safeCtx, file, sender.address, "Safe proposal");
  const receipt = await ethers.provider.getTransactionReceipt(hash);
  console.log(`  ✓ ${label}`);
  console.log(
    `      proposed by ${named([file.proposedBy])}; confirmed by ${named(file.signatures.map((x) => x.signer))}; sent by ${named([sender.address])}`,
  );
  console.log(
    `      tx ${hash}  block ${receipt!.blockNumber}  ${formatTimestamp((await receipt!.getBlock()).timestamp)}  (${receipt!.gasUsed.toLocaleString("en-US")} gas)`,
  );
}
async function confirmed(file: SafeProposalFile, owners: HardhatEthersSigner[]): Promise<SafeProposalFile> {
  let next = file;
  for (const owner of owners) next = await confirmSafeProposal(safeCtx, next, owner.address, "Safe proposal");
  return next;
}
const cityAddress = await city.getAddress();
await handOverAdmin(city as never, who.bureau, gov.timelockAddress);
console.log(
  `  ✓ ${definitions.city.name}: the bureau's setup key handed the admin role to the timelock and renounced it`,
);
await handOverAdmin(guiyang as never, who.bureau, gov.timelockAddress);
console.log("  ✓ the Guiyang registry: its admin role (authorising programs, appointing registrars) likewise");
await step("the factory's owner offers ownership to the timelock (two-step: the timelock must accept)", () =>
  core.factory.connect(who.bureau).transferOwnership(gov.timelockAddress),
);
await refused("the bureau's own key changes the city program after the hand-over", () =>
  city.connect(who.bureau).setQuorum.staticCall(4),
);

// One decision through Safe + timelock: appoint the treasurer's Safe, retire the treasurer's key, accept
// the factory's ownership, add a category.
const newCategory = {
  ...definitions.city.categories[0],
  key: "open-source-infrastructure",
  label: "Open-source blockchain infrastructure",
  labelZh: "开源区块链基础设施",
  mode: "capped" as const,
  amount: "500,000",
  maxAwards: 4,
  maxTotal: "2,000,000",
  condition: "Open-source blockchain infrastructure released under an OSI licence and used in Guiyang",
  conditionZh: "以 OSI 许可证开源并在贵阳使用的区块链基础设施",
};
const treasurerRole = await city.TREASURER_ROLE();
const what = (en: string, zh: string) => ({ en, zh });
const decision = await proposeSafeCalls(
  safeCtx,
  gov.bureauSafe,
  who.bureau.address,
  [
    {
      to: cityAddress,
      value: "0",
      data: city.interface.encodeFunctionData("grantRole", [treasurerRole, gov.treasurerSafe]),
      what: what("treasurer: the treasurer's Safe", "资金管理人：资金管理人多签钱包"),
    },
    {
      to: cityAddress,
      value: "0",
      data: city.interface.encodeFunctionData("revokeRole", [treasurerRole, who.treasurer.address]),
      what: what("retire the treasurer's own key", "撤销资金管理人个人密钥的角色"),
    },
    {
      to: await core.factory.getAddress(),
      value: "0",
      data: core.factory.interface.encodeFunctionData("acceptOwnership"),
      what: what("the timelock accepts the factory's ownership", "时间锁接受工厂合约的所有权"),
    },
    {
      to: cityAddress,
      value: "0",
      data: city.interface.encodeFunctionData("addCategory", [categoryParams(newCategory, YUAN_DECIMALS)]),
      what: what(`add category ${newCategory.key}`, `新增类别 ${newCategory.key}`),
    },
  ],
  {
    en: "appoint the treasurer's Safe, accept the factory and add a category",
    zh: "任命资金管理人多签钱包、接受工厂合约并新增类别",
  },
  { timelock: gov.timelockAddress, ethers: ethers.provider, now: await networkHelpers.time.latest() },
);
console.log(
  `  ✓ proposed to the bureau's Safe by ${named([decision.proposedBy])}: on ${definitions.city.name}, appoint the treasurer's Safe, retire account 3's treasurer role, accept the factory's ownership, add category ${newCategory.key} (capped ${newCategory.amount}, at most ${newCategory.maxAwards})`,
);
console.log(
  `      Safe transaction ${decision.transaction.nonce}, hash ${decision.safeTxHash}: 1 of ${plan.bureauThreshold} confirmations`,
);
await refused("executing the Safe transaction with 2 of 3 confirmations", async () =>
  executeSafeProposal(safeCtx, await confirmed(decision, [who.director]), who.citizen.address, "Safe proposal"),
);
const scheduled = await confirmed(decision, [who.director, who.auditChief]);
await safeStep("3 of 5 confirmed: the bureau's Safe scheduled it on the timelock", scheduled, who.citizen);
const lockStatus = await timelockStatus(ethers.provider, scheduled.timelock!);
console.log(
  `      executable after ${formatTimestamp(lockStatus.readyAt)} (the 2-day delay; the Safe can cancel until then)`,
);
const sendAs = (signer: HardhatEthersSigner) => async (tx: { to: string; data: string }) => {
  const receipt = await (await signer.sendTransaction(tx)).wait();
  await record(
    `the timelock executed the decision (sent by ${named([signer.address])}, anyone may)`,
    receipt as ContractTransactionReceipt,
  );
  return receipt!.hash;
};
await refused("executing the decision before the 2 days are over", async () =>
  executeTimelockOperation(
    ethers.provider,
    scheduled,
    sendAs(who.citizen),
    "Safe proposal",
    await networkHelpers.time.latest(),
  ),
);
await networkHelpers.time.increaseTo(lockStatus.readyAt);
console.log(`  … 2 days later (time travel), ${formatTimestamp(await networkHelpers.time.latest())}`);
await executeTimelockOperation(
  ethers.provider,
  scheduled,
  sendAs(who.citizen),
  "Safe proposal",
  await networkHelpers.time.latest(),
);
console.log(
  `      the city program now has ${(await city.settings()).categoryCount} categories; treasurer: the treasurer's Safe only; factory owner: ${(await core.factory.owner()) === gov.timelockAddress ? "the timelock" : "NOT the timelock"}`,
);

// Money through the treasurer's Safe (2 of 3): approve + fund in one MultiSend.
const topUp = y("1,000,000");
await (await token.mint(gov.treasurerSafe, topUp)).wait();
const funding = await proposeSafeCalls(
  safeCtx,
  gov.treasurerSafe,
  who.treasurer.address,
  [
    {
      to: await token.getAddress(),
      value: "0",
      data: token.interface.encodeFunctionData("approve", [cityAddress, topUp]),
      what: what("approve", "授权"),
    },
    {
      to: cityAddress,
      value: "0",
      data: city.interface.encodeFunctionData("fund", [topUp]),
      what: what("fund", "拨款"),
    },
  ],
  { en: `fund ${definitions.city.name} with ${fmt(topUp)} yuan`, zh: `拨入 ${fmt(topUp)} 元` },
  { ethers: ethers.provider, now: await networkHelpers.time.latest() },
);
await refused("the treasurer's Safe funding with 1 of 2 confirmations (nothing moves)", () =>
  executeSafeProposal(safeCtx, funding, who.treasurer.address, "Safe proposal"),
);
await refused("account 3 funding with its own key, now retired", () => city.connect(who.treasurer).fund.staticCall(1n));
await safeStep(
  `the treasurer's Safe funded ${definitions.city.name} with ${fmt(topUp)} yuan (approve + fund in one MultiSend)`,
  await confirmed(funding, [who.cashier]),
  who.cashier,
);
const citySummary = await city.summary();
const cityHolds =
  ledgerIdentityHolds(citySummary) && balanceMatchesLedger(citySummary, await token.balanceOf(cityAddress));
ok &&= cityHolds;
console.log(
  `      city: funded ${fmt(citySummary.funded)}; available ${fmt(citySummary.available)}; ledger identity ${cityHolds ? "holds" : "BROKEN"}`,
);
console.log("\nGas per operation is measured by `npm run bench` (bench/gas-snapshot.json), not here.");

if (!ok) {
  console.error("Ledger identity or solvency check FAILED.");
  process.exit(1);
}
console.log("Ledger identity holds for every program: funded + repaid = available + reserved + paid + withdrawn.");
