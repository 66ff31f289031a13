/**
 * Seeds a local chain (a `hardhat node`) with the Guiyang programs in every state the portal shows, and
 * Chongqing's example program on its own registry, which keeps its budget by fiscal year (this year's
 * appropriation and next year's), and
 * writes the same address book the `mg:*` tasks use (deploy/addresses/<chainId>-<genesis>.json), plus a
 * portal directory of off-chain names beside it (….portal.json). It never overwrites a book whose
 * contracts are on the node; one whose contracts are gone is kept under a `.replaced-<time>` name.
 *
 *   npx hardhat run --network localhost portal/scripts/seed.ts
 *
 * `npm run portal` runs it when the node has no deployment yet. Local chains only: the demo token
 * mints freely and the node's unlocked accounts play every role (index = role, as in the demo).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { IGrantProgram } from "../../typechain-types/index.js";
import { parseYuan } from "../../core/money.js";
import { loadProgram } from "../../scripts/lib/programs.js";
import { DAY, YUAN_DECIMALS, createProgramFromDefinition } from "../../scripts/lib/suite.js";
import { EntityKind } from "../../core/enums.js";
import { companyId, textHash } from "../../core/ids.js";
import {
  absentContract,
  addressBookDir,
  addressBookFile,
  chainIdentity,
  codeChecker,
  portalDirectoryFile,
  setBookAside,
  type AddressBook,
} from "../../tasks/runtime/address-book.js";
import type { PortalDirectory } from "../src/config-types.js";
import { deployCore, deployDemoYuan, deployRegistry } from "../../scripts/lib/deploy.js";
import { lookAlikeInitParams, passNotice, programRoles, submitAndApprove } from "../../scripts/lib/scenario.js";
import { SEED_GRANTEES, localAccounts } from "../../scripts/lib/accounts.js";

const connection = await network.getOrCreate();
const { ethers, networkHelpers } = connection;
const { chainId } = await ethers.provider.getNetwork();
if (chainId !== 31337n && chainId !== 1337n) {
  throw new Error(`The portal seed runs on local chains only (chain id ${chainId}).`);
}
// The same book name the tasks use (chain id + genesis), so the seed never writes another node's book.
const request = (method: string, params: unknown[]) => connection.provider.request({ method, params });
const identity = await chainIdentity(request);
const dir = addressBookDir(path.join(import.meta.dirname, "..", ".."));
const bookFile = addressBookFile(dir, identity);
if (existsSync(bookFile)) {
  const recorded = JSON.parse(readFileSync(bookFile, "utf8")) as AddressBook;
  if ((await absentContract(recorded, codeChecker(request))) === null) {
    throw new Error(`${bookFile} already records a deployment on this node: the seed never overwrites it.`);
  }
  console.log(`The contracts of ${bookFile} are not on this node: kept it as ${setBookAside(bookFile)}.`);
}
const y = (text: string) => parseYuan(text, YUAN_DECIMALS);
// One account numbering for the demo, this seed, the tasks and docs/operators.md (scripts/lib/accounts.ts).
const who = localAccounts(await ethers.getSigners());
const { bureau, registrar, manager, treasurer, guardian, treasury, citizen } = who;
const [labCo, ledgerCo, productCo] = [who.lab, who.ledger, who.product];
const [r1, r2, r3, r4] = [who.reviewer1, who.reviewer2, who.reviewer3, who.reviewer4];
const committee = [r1, r2, r3, r4];
const send = async (tx: Promise<{ wait(): Promise<unknown> }>) => {
  await (await tx).wait();
};

const token = await deployDemoYuan(connection, bureau);
const core = await deployCore(connection, bureau, token);
const registry = await deployRegistry(connection, bureau, registrar.address, 3n * DAY);
const opensAt = BigInt(await networkHelpers.time.latest());
const roles = programRoles({
  admin: bureau,
  managers: [manager],
  reviewers: committee,
  treasurer,
  guardian,
  treasury,
});
const files = {
  htz: "programs/guiyang-htz-blockchain-2017.json",
  city: "programs/guiyang-city-blockchain-2017.json",
};
const definitions = {
  htz: loadProgram(files.htz, YUAN_DECIMALS),
  city: loadProgram(files.city, YUAN_DECIMALS),
};
const created = {
  htz: await createProgramFromDefinition(ethers, core, registry, bureau, definitions.htz, roles, opensAt),
  city: await createProgramFromDefinition(ethers, core, registry, bureau, definitions.city, roles, opensAt),
};
const htz = created.htz.program.connect(manager);
const city = created.city.program.connect(manager);
for (const [key, program] of [
  ["htz", htz],
  ["city", city],
] as const) {
  const budget = y(definitions[key].budget);
  await send(token.mint(treasurer.address, budget));
  await send(token.connect(treasurer).approve(await program.getAddress(), budget));
  await send(program.connect(treasurer).fund(budget));
}

// Chongqing: a second jurisdiction (its own registry and bureau), whose example program keeps its budget by
// fiscal year (1 January, Beijing time): this year's appropriation and one for next year, and (below) one
// award against this year to a Chongqing firm — entity number 1 of its own registry, as Guiyang's first
// company is of Guiyang's, so the directory keeps names by jurisdiction.
const cqFile = "programs/chongqing-blockchain-base-2017.json";
const cqDefinition = loadProgram(cqFile, YUAN_DECIMALS);
const cqBureau = who.chongqingBureau;
const cqRegistry = await deployRegistry(connection, cqBureau, registrar.address, 3n * DAY);
const cqRoles = programRoles({
  admin: cqBureau,
  managers: [manager],
  reviewers: committee,
  treasurer,
  guardian,
  treasury,
});
const cqCreated = await createProgramFromDefinition(ethers, core, cqRegistry, cqBureau, cqDefinition, cqRoles, opensAt);
const cq = cqCreated.program.connect(treasurer);
const cqYear = await cq.fiscalYearOf(await networkHelpers.time.latest());
const cqBudget = y(cqDefinition.budget);
const cqNextYear = y("500,000");
await send(token.mint(treasurer.address, cqBudget + cqNextYear));
await send(token.connect(treasurer).approve(await cq.getAddress(), cqBudget + cqNextYear));
await send(cq.fund(cqBudget));
await send(cq.fundFiscalYear(cqYear + 1n, cqNextYear));

// The seed's companies (names, credit codes) as the demo registers them.
const companies = {
  lab: { ...SEED_GRANTEES.lab, wallet: labCo },
  ledger: { ...SEED_GRANTEES.ledger, wallet: ledgerCo },
  product: { ...SEED_GRANTEES.product, wallet: productCo },
};
// Published names by jurisdiction and entity number (numbers are per registry).
const entityNames: PortalDirectory["entities"][string] = {};
for (const c of Object.values(companies)) {
  await send(registry.connect(registrar).registerEntity(companyId(c.uscc), EntityKind.Company, c.wallet.address));
  const entityNo = await registry.entityNoOf(companyId(c.uscc));
  entityNames[entityNo.toString()] = { name: c.name, nameZh: c.nameZh };
}
const cqFirm = SEED_GRANTEES.chongqingFirm;
await send(
  cqRegistry.connect(registrar).registerEntity(companyId(cqFirm.uscc), EntityKind.Company, who.chongqingFirm.address),
);
const cqNames: PortalDirectory["entities"][string] = {
  [(await cqRegistry.entityNoOf(companyId(cqFirm.uscc))).toString()]: { name: cqFirm.name, nameZh: cqFirm.nameZh },
};

const now = BigInt(await networkHelpers.time.latest());
// Texts the administration publishes beside the chain (descriptions, reasons); the portal shows each only
// where its keccak256 equals the hash on chain.
const publishedTexts: string[] = [];
const publish = (text: string) => {
  publishedTexts.push(text);
  return textHash(text);
};
const terms = (parts: Array<[string, number, string]>) =>
  parts.map(([amount, days, description]) => ({
    amount: y(amount),
    deadline: now + BigInt(days) * DAY,
    descriptionHash: publish(description),
  }));
async function award(program: IGrantProgram, uscc: string, category: bigint, parts: Array<[string, number, string]>) {
  await send(program.award(companyId(uscc), category, 0, terms(parts)));
  return program.grantCount();
}
const cat = (key: "htz" | "city", category: string) => created[key].categoryIds.get(category)!;

// Grant 1: national lab, 5,000,000 in two milestones (the company claims the first in the tests).
const labGrant = await award(htz, companies.lab.uscc, cat("htz", "rd-platform-national"), [
  ["3,000,000", 60, "national lab licence"],
  ["2,000,000", 120, "first annual operating report"],
]);
// Grant 2: technical breakthrough, 1,800,000 of a 2,000,000 cap.
const breakthroughGrant = await award(htz, companies.ledger.uscc, cat("htz", "technical-breakthrough"), [
  ["1,000,000", 30, "expert committee confirmation"],
  ["800,000", 90, "deployment in two city services"],
]);
// Grant 3: provincial lab, paid, then recovered (licence revoked), partly repaid.
const provincialGrant = await award(htz, companies.product.uscc, cat("htz", "rd-platform-provincial"), [
  ["1,000,000", 60, "provincial lab licence"],
]);
// Chongqing's grant 1: a core-technology firm, 300,000 of the example's 500,000 cap, against this fiscal year.
await award(cqCreated.program.connect(manager), cqFirm.uscc, cqCreated.categoryIds.get("core-technology-firm")!, [
  ["300,000", 180, "core technology assessment"],
]);
// Grant 4 (city): main-board listing, not yet evidenced.
await award(city, companies.lab.uscc, cat("city", "main-board-listing"), [["10,000,000", 365, "listing announcement"]]);
// Open applications: the official awards from the first and declines the second in the portal.
await send(
  htz.connect(ledgerCo).submitApplication(cat("htz", "application-product"), textHash("application: ledger app")),
);
await send(
  htz.connect(labCo).submitApplication(cat("htz", "application-product"), textHash("application: chainlab wallet")),
);

/** Evidence, then approvals by `voters` (all of them: fewer than the quorum leaves the milestone under review). */
const review = (
  program: IGrantProgram,
  wallet: HardhatEthersSigner,
  grantId: bigint,
  index: number,
  evidence: string,
  voters: HardhatEthersSigner[],
) => submitAndApprove(program, wallet, voters, grantId, index, textHash(evidence), { votes: voters.length });
await review(htz, labCo, labGrant, 0, "national lab licence (scan)", [r1, r2, r3]);
const provincial = await review(htz, productCo, provincialGrant, 0, "provincial lab licence (scan)", [r1, r2, r3]);
await passNotice(networkHelpers, provincial.noticeEndsAt); // past both 7-day notices: both payable
await send(htz.connect(productCo).claim(provincialGrant, [0]));
await send(htz.orderRecovery(provincialGrant, y("1,000,000"), publish("provincial licence revoked")));
await send(token.mint(productCo.address, y("400,000")));
await send(token.connect(productCo).approve(await htz.getAddress(), y("400,000")));
await send(htz.connect(productCo).repay(provincialGrant, y("400,000")));
// In its notice window now: the public may object.
await review(htz, ledgerCo, breakthroughGrant, 0, "expert committee minutes", [r1, r2, r4]);
// Under review, two of three approvals: the third reviewer votes in the portal.
await review(htz, labCo, labGrant, 1, "annual operating report 2018", [r1, r2]);

const book: AddressBook = {
  chainId: chainId.toString(),
  network: "localhost",
  token: { address: await token.getAddress(), symbol: await token.symbol(), decimals: YUAN_DECIMALS, demo: true },
  factory: await core.factory.getAddress(),
  implementation: await core.implementation.getAddress(),
  version: core.version.toString(),
  lens: await core.lens.getAddress(),
  factoryOwner: bureau.address,
  registries: {
    guiyang: { address: await registry.getAddress(), walletChangeDelay: (3n * DAY).toString() },
    chongqing: { address: await cqRegistry.getAddress(), walletChangeDelay: (3n * DAY).toString() },
  },
  programs: {},
};
// A look-alike: anyone may create a program on the open factory naming Guiyang's registry, token and
// treasury. It is in this book (as if someone added it by hand) so the portal shows it flagged, not listed.
const impostor = who.impostor;
const lookAlikeOpensAt = BigInt(await networkHelpers.time.latest());
const lookAlikeTx = await core.factory
  .connect(impostor)
  .createProgram(
    core.version,
    "Guiyang blockchain awards (look-alike)",
    await token.getAddress(),
    await registry.getAddress(),
    treasury.address,
    lookAlikeInitParams(impostor.address, r1.address, lookAlikeOpensAt),
  );
const lookAlikeReceipt = (await lookAlikeTx.wait())!;
const lookAlikeEntry = {
  address: await core.factory.programAt((await core.factory.programCount()) - 1n),
  title: "Guiyang blockchain awards (look-alike)",
  file: "programs/not-a-published-program.json", // no published program file behind it
  jurisdiction: "guiyang",
  categories: {},
  createdAtBlock: lookAlikeReceipt.blockNumber,
};
for (const key of ["htz", "city"] as const) {
  book.programs[`guiyang-${key}`] = {
    address: await created[key].program.getAddress(),
    title: definitions[key].name,
    file: files[key],
    jurisdiction: definitions[key].jurisdiction,
    categories: Object.fromEntries([...created[key].categoryIds].map(([k, v]) => [k, Number(v)])),
    createdAtBlock: created[key].receipt.blockNumber,
  };
}
book.programs["chongqing-base"] = {
  address: await cqCreated.program.getAddress(),
  title: cqDefinition.name,
  file: cqFile,
  jurisdiction: cqDefinition.jurisdiction,
  categories: Object.fromEntries([...cqCreated.categoryIds].map(([k, v]) => [k, Number(v)])),
  createdAtBlock: cqCreated.receipt.blockNumber,
};
book.programs["guiyang-lookalike"] = lookAlikeEntry;
const directory: PortalDirectory = {
  entities: { guiyang: entityNames, chongqing: cqNames },
  accounts: [
    { address: labCo.address, label: `${companies.lab.name} (payout wallet)` },
    { address: ledgerCo.address, label: `${companies.ledger.name} (payout wallet)` },
    { address: productCo.address, label: `${companies.product.name} (payout wallet)` },
    { address: who.chongqingFirm.address, label: `${cqFirm.name} (payout wallet)` },
    { address: manager.address, label: "Programme manager" },
    ...committee.map((r, i) => ({ address: r.address, label: `Expert committee member ${i + 1}` })),
    { address: treasurer.address, label: "Treasurer" },
    { address: citizen.address, label: "Citizen (public)" },
  ],
  texts: publishedTexts,
};
mkdirSync(dir, { recursive: true });
writeFileSync(bookFile, JSON.stringify(book, null, 2) + "\n");
writeFileSync(portalDirectoryFile(dir, identity), JSON.stringify(directory, null, 2) + "\n");
console.log(
  `Seeded chain ${chainId}: programs ${Object.values(book.programs)
    .map((p) => p.address)
    .join(", ")}`,
);
console.log(`Address book: ${bookFile}`);
