/**
 * `npm run demo`: the seed's programs end to end on the embedded in-process Hardhat network.
 *
 * Guiyang High-tech Zone and Guiyang city share one entity registry (so the one-time rule and bars
 * hold across both); Chongqing has its own. Every role is its own account. The demo deploys, funds,
 * registers, awards in every category, runs committee votes (on chain and EIP-712 signed), a public
 * notice window with an objection, a lapse, a cancellation, a recovery with repayment, claims from
 * grantee wallets including a contract wallet, and a withdrawal; it prints gas per step and the
 * ledgers, and exits non-zero if any ledger identity fails.
 */
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { ContractTransactionResponse } from "ethers";

import type { IGrantProgram } from "../typechain-types/index.js";
import { balanceMatchesLedger, ledgerIdentityHolds } from "../core/ledger.js";
import { formatYuan, parseYuan } from "../core/money.js";
import { loadProgram } from "./lib/programs.js";
import { DAY, YUAN_DECIMALS, createProgramFromDefinition } from "./lib/suite.js";
import { EntityKind } from "../core/enums.js";
import { companyId, textHash } from "../core/ids.js";
import { individualId, parseUscc } from "../core/identity.js";
import { signVote } from "../core/votes.js";
import { deployCore, deployDemoYuan, deployRegistry } from "./lib/deploy.js";
import { approveSubmitted, programRoles, submitAndApprove } from "./lib/scenario.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const y = (text: string) => parseYuan(text, YUAN_DECIMALS);
const fmt = (units: bigint) => formatYuan(units, YUAN_DECIMALS);

const gasRows: Array<{ step: string; gas: bigint }> = [];
function record(label: string, receipt: { gasUsed: bigint }): void {
  gasRows.push({ step: label, gas: receipt.gasUsed });
  console.log(`  ✓ ${label.padEnd(72)} ${receipt.gasUsed.toString().padStart(9)} gas`);
}
async function step(label: string, send: () => Promise<ContractTransactionResponse>): Promise<void> {
  const receipt = await (await send()).wait();
  if (receipt === null) throw new Error(`${label}: no receipt`);
  record(label, receipt);
}

const signers = await ethers.getSigners();
const [deployer, cityAdmin, registryAdmin, registrar, manager, treasurer, guardian, treasury, r1, r2, r3, r4, cqAdmin] =
  signers;
const [labCo, chainCo, listedCo, talentWallet, cqCo, multisigOwner, citizen] = signers.slice(13);
const committee = [r1, r2, r3, r4];

console.log("Milestone Grants demo — in-process Hardhat network\n");
console.log("1. Deploy the suite");
const token = await deployDemoYuan(connection, deployer);
const core = await deployCore(connection, deployer, token);
const guiyang = await deployRegistry(connection, registryAdmin, registrar.address, 3n * DAY);
const chongqing = await deployRegistry(connection, cqAdmin, registrar.address, 3n * DAY);
console.log(
  `  token ${await token.getAddress()}  factory ${await core.factory.getAddress()}  implementation v${core.version}`,
);

console.log("\n2. Create the programs from their files");
const now0 = BigInt(await networkHelpers.time.latest());
const roles = (admin: HardhatEthersSigner) =>
  programRoles({ admin, managers: [manager], reviewers: committee, treasurer, guardian, treasury });
const files = {
  htz: loadProgram("programs/guiyang-htz-blockchain-2017.json", YUAN_DECIMALS),
  city: loadProgram("programs/guiyang-city-blockchain-2017.json", YUAN_DECIMALS),
  cq: loadProgram("programs/chongqing-blockchain-base-2017.json", YUAN_DECIMALS),
};
const htzC = await createProgramFromDefinition(ethers, core, guiyang, registryAdmin, files.htz, roles(cityAdmin), now0);
const cityC = await createProgramFromDefinition(
  ethers,
  core,
  guiyang,
  registryAdmin,
  files.city,
  roles(cityAdmin),
  now0,
);
const cqC = await createProgramFromDefinition(ethers, core, chongqing, cqAdmin, files.cq, roles(cqAdmin), now0);
gasRows.push({ step: "create program (clone + initialise)", gas: htzC.receipt.gasUsed });
for (const [label, c] of [
  ["Guiyang HTZ", htzC],
  ["Guiyang city", cityC],
  ["Chongqing", cqC],
] as const) {
  console.log(
    `  ${label.padEnd(13)} ${await c.program.getAddress()}  categories: ${[...c.categoryIds.keys()].join(", ")}`,
  );
}
const htz = htzC.program.connect(manager);
const city = cityC.program.connect(manager);
const cq = cqC.program.connect(manager);
const cat = (c: typeof htzC, key: string) => c.categoryIds.get(key)!;

console.log("\n3. Fund the budgets (treasurer)");
for (const [program, budget, label] of [
  [htz, files.htz.budget, "Guiyang HTZ"],
  [city, files.city.budget, "Guiyang city"],
  [cq, files.cq.budget, "Chongqing"],
] as const) {
  await (await token.mint(treasurer.address, y(budget))).wait();
  await (await token.connect(treasurer).approve(await program.getAddress(), y(budget))).wait();
  await step(`fund ${label} with ${budget}`, () => program.connect(treasurer).fund(y(budget)));
}

console.log(
  "\n4. Register entities (registrar): codes checked; individuals by a commitment under the registrar secret",
);
const multisig = await ethers.deployContract("MockMultisigWallet", [multisigOwner.address]);
const entities = {
  lab: { id: companyId(parseUscc("91520115MA6DLAB01Q")), wallet: labCo.address, kind: EntityKind.Company },
  chain: { id: companyId(parseUscc("91520115MA6DCHN02Y")), wallet: chainCo.address, kind: EntityKind.Company },
  product: {
    id: companyId(parseUscc("91520115MA6DPRD03X")),
    wallet: await multisig.getAddress(),
    kind: EntityKind.Company,
  },
  listed: { id: companyId(parseUscc("91520100MA6DLTD049")), wallet: listedCo.address, kind: EntityKind.Company },
  talent: {
    // GB 11643's own sample number; the secret is the demo's, a registrar office keeps its own off chain.
    id: individualId(textHash("demo registrar secret: Guiyang"), "11010519491231002X"),
    wallet: talentWallet.address,
    kind: EntityKind.Individual,
  },
};
for (const [name, e] of Object.entries(entities)) {
  await step(`register ${name}`, () => guiyang.connect(registrar).registerEntity(e.id, e.kind, e.wallet));
}
const cqEntity = companyId(parseUscc("91500103MA6DCQB05P"));
await step("register Chongqing firm", () =>
  chongqing.connect(registrar).registerEntity(cqEntity, EntityKind.Company, cqCo.address),
);

console.log("\n5. Awards in every category (managers)");
const now = BigInt(await networkHelpers.time.latest());
const t = (parts: Array<[string, number]>) =>
  parts.map(([amount, days], i) => ({
    amount: y(amount),
    deadline: now + BigInt(days) * DAY,
    descriptionHash: textHash(`m${i}`),
  }));
const grants: Record<string, { program: IGrantProgram; id: bigint }> = {};
async function award(
  name: string,
  program: IGrantProgram,
  entityId: string,
  categoryId: bigint,
  parts: Array<[string, number]>,
) {
  await step(`award ${name}`, () => program.award(entityId, categoryId, 0, t(parts)));
  grants[name] = { program, id: await program.grantCount() };
}
await award("national lab 5,000,000 (2 milestones)", htz, entities.lab.id, cat(htzC, "rd-platform-national"), [
  ["3,000,000", 60],
  ["2,000,000", 120],
]);
await award("joint lab 2,000,000", htz, entities.chain.id, cat(htzC, "rd-platform-joint"), [["2,000,000", 60]]);
await award("provincial lab 1,000,000", htz, entities.product.id, cat(htzC, "rd-platform-provincial"), [
  ["1,000,000", 60],
]);
await award("breakthrough 1,800,000 (cap 2,000,000)", htz, entities.chain.id, cat(htzC, "technical-breakthrough"), [
  ["1,000,000", 30],
  ["800,000", 90],
]);
await award("product 900,000 (cap 1,000,000)", htz, entities.product.id, cat(htzC, "application-product"), [
  ["450,000", 20],
  ["450,000", 40],
]);
await award("main-board listing 10,000,000", city, entities.listed.id, cat(cityC, "main-board-listing"), [
  ["10,000,000", 60],
]);
await award("leading talent 1,000,000", city, entities.talent.id, cat(cityC, "leading-talent"), [["1,000,000", 60]]);
await award("Chongqing firm 500,000", cq, cqEntity, cat(cqC, "core-technology-firm"), [["500,000", 60]]);
try {
  await htz.award.staticCall(entities.lab.id, cat(htzC, "rd-platform-national"), 0, t([["5,000,000", 60]]));
  throw new Error("a second national-lab award to the same company was accepted");
} catch (error) {
  console.log("  ✓ refused: a second national-lab award to the same company (one-time rule)");
}
try {
  await city.award.staticCall(entities.talent.id, cat(cityC, "innovation-talent"), 0, t([["500,000", 60]]));
  throw new Error("a talent was awarded twice in one exclusivity group");
} catch (error) {
  console.log("  ✓ refused: the same talent in both talent categories (shared exclusivity group)");
}

async function approve(name: string, index: number, evidence: string, wallet: HardhatEthersSigner | null) {
  const { program, id } = grants[name];
  const hash = textHash(evidence);
  const options = { reasonHash: textHash("ok") };
  let review;
  if (wallet === null) {
    const data = program.interface.encodeFunctionData("submitEvidence", [id, index, hash]);
    await step(`evidence: ${name} #${index} (via multisig)`, () =>
      multisig.connect(multisigOwner).execute(program.getAddress(), data),
    );
    review = await approveSubmitted(program, committee, id, index, hash, options);
  } else {
    review = await submitAndApprove(program, wallet, committee, id, index, hash, options);
    record(`evidence: ${name} #${index}`, review.evidence!.receipt);
  }
  for (const [i, vote] of review.votes.entries()) record(`vote ${i + 1}/3: ${name} #${index}`, vote.receipt);
}

console.log("\n6. Evidence and committee votes (quorum 3 of 4)");
await approve("national lab 5,000,000 (2 milestones)", 0, "national lab licence", labCo);
await approve("joint lab 2,000,000", 0, "joint lab licence", chainCo);
await approve("provincial lab 1,000,000", 0, "provincial lab licence", null);
await approve("main-board listing 10,000,000", 0, "listing announcement", listedCo);
await approve("leading talent 1,000,000", 0, "talent selection notice", talentWallet);

console.log("   EIP-712 signed votes, submitted in one batch by anyone");
{
  const { program, id } = grants["breakthrough 1,800,000 (cap 2,000,000)"];
  const evidence = textHash("expert committee review: consensus breakthrough");
  await step("evidence: breakthrough #0", () => program.connect(chainCo).submitEvidence(id, 0, evidence));
  const { termsHash } = await program.grant(id);
  const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
  const votes: Awaited<ReturnType<typeof signVote>>[] = [];
  for (const reviewer of committee.slice(1, 4)) {
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
  await step("submit 3 signed votes (batch)", () =>
    program.connect(citizen).submitSignedVotes(id, 0, termsHash, evidence, votes),
  );
}

console.log("\n7. Public notice (7 days): a citizen objects to the listing award; the manager dismisses it");
{
  const { program, id } = grants["main-board listing 10,000,000"];
  await step("objection by a citizen", () =>
    program.connect(citizen).object(id, 0, textHash("press report questioning the listing")),
  );
  await networkHelpers.time.increase(8n * DAY);
  try {
    await program.connect(listedCo).claim.staticCall(id, [0]);
    throw new Error("a contested milestone was payable");
  } catch {
    console.log("  ✓ refused: claim while the objection is open");
  }
  await step("ruling: objection dismissed", () =>
    program.ruleOnObjection(id, 0, false, textHash("listing verified with the exchange")),
  );
}

console.log("\n8. Claims from the grantees' own wallets (pull payments)");
await step("claim: national lab #0 (3,000,000)", () =>
  htz.connect(labCo).claim(grants["national lab 5,000,000 (2 milestones)"].id, [0]),
);
await step("claim: joint lab (2,000,000)", () => htz.connect(chainCo).claim(grants["joint lab 2,000,000"].id, [0]));
await step("claim: breakthrough #0 (1,000,000)", () =>
  htz.connect(chainCo).claim(grants["breakthrough 1,800,000 (cap 2,000,000)"].id, [0]),
);
{
  const data = htz.interface.encodeFunctionData("claim", [grants["provincial lab 1,000,000"].id, [0]]);
  await step("claim: provincial lab via contract wallet (1,000,000)", () =>
    multisig.connect(multisigOwner).execute(htz.getAddress(), data),
  );
}
await step("claim: listing (10,000,000)", () =>
  city.connect(listedCo).claim(grants["main-board listing 10,000,000"].id, [0]),
);
await step("claim: leading talent (1,000,000)", () =>
  city.connect(talentWallet).claim(grants["leading talent 1,000,000"].id, [0]),
);

console.log("\n9. Lapse, cancellation and recovery");
await networkHelpers.time.increase(40n * DAY);
await step("lapse: product #0 missed its deadline", () =>
  htz.connect(citizen).lapse(grants["product 900,000 (cap 1,000,000)"].id, 0),
);
await step("cancel: rest of the product grant", () =>
  htz.cancelGrant(grants["product 900,000 (cap 1,000,000)"].id, textHash("product not launched")),
);
await step("cancel: Chongqing firm left the base", () =>
  cq.cancelGrant(grants["Chongqing firm 500,000"].id, textHash("left the base")),
);
{
  const { id } = grants["joint lab 2,000,000"];
  await step("recovery ordered: joint lab licence revoked (2,000,000)", () =>
    htz.orderRecovery(id, y("2,000,000"), textHash("licence revoked")),
  );
  try {
    await htz.connect(chainCo).claim.staticCall(grants["breakthrough 1,800,000 (cap 2,000,000)"].id, [1]);
    throw new Error("a barred entity could claim");
  } catch {
    console.log("  ✓ refused: the barred company cannot claim in any program of the registry");
  }
  await (await token.mint(chainCo.address, y("2,000,000"))).wait();
  await (await token.connect(chainCo).approve(await htz.getAddress(), y("2,000,000"))).wait();
  await step("repayment of 2,000,000 (bar lifted)", () => htz.connect(chainCo).repay(id, y("2,000,000")));
}

console.log("\n10. Treasury: withdraw unreserved budget to the fixed treasury address");
const cityAvailable = await city.available();
await step(`withdraw ${fmt(cityAvailable)} from Guiyang city`, () => city.connect(treasurer).withdraw(cityAvailable));

console.log("\n11. Final ledgers (yuan)");
let ok = true;
const rows = [];
for (const [label, program] of [
  ["Guiyang HTZ", htz],
  ["Guiyang city", city],
  ["Chongqing", cq],
] as const) {
  const s = await program.summary();
  const balance = await token.balanceOf(await program.getAddress());
  const identity = ledgerIdentityHolds(s);
  const solvent = balanceMatchesLedger(s, balance);
  ok &&= identity && solvent;
  rows.push({
    program: label,
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
console.table(rows);

console.log("Gas per step (transaction gas):");
console.table(gasRows.map((r) => ({ step: r.step, gas: Number(r.gas) })));

if (!ok) {
  console.error("Ledger identity or solvency check FAILED.");
  process.exit(1);
}
console.log("Ledger identity holds for every program: funded + repaid = available + reserved + paid + withdrawn.");
