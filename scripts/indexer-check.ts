/**
 * Compares what the indexer serves with what the chain says, for every program and registry of a
 * node's address book — run by the indexer's end-to-end check (scripts/e2e-indexer.ts):
 *
 *   MG_INDEXER_URL=http://127.0.0.1:42069 npx hardhat run --network localhost scripts/indexer-check.ts
 *
 * MG_CHECK_STEP=act only changes the chain in ways the indexer must follow (a pause of ten days that
 * moves every deadline and notice end, a funding); the default step verifies: it waits until the
 * indexer has reached the node's latest block (its /status), then compares ledgers, categories,
 * grants and milestones (state, deadline and notice end as the contract derives them), applications
 * and entities, through GraphQL, and one count through SQL over HTTP. Exits 1 on the first difference.
 */
import { readFileSync } from "node:fs";

import { network } from "hardhat";

import { EntityRegistry__factory, GrantProgramLens__factory } from "../typechain-types/index.js";
import { programAt } from "../core/program-abi.js";
import { milestoneStateAt, programClock, toCalendarTime } from "../core/milestone-state.js";
import { countBits } from "../tasks/runtime/states.js";
import { addressBookDir, addressBookFile, chainIdentity, type AddressBook } from "../tasks/runtime/address-book.js";
import { parseYuan } from "../core/money.js";
import { FISCAL_FIELDS, readFiscalYears } from "../core/fiscal.js";
import { localAccounts } from "./lib/accounts.js";

const indexerUrl = process.env.MG_INDEXER_URL ?? "http://127.0.0.1:42069";
const connection = await network.getOrCreate();
const { ethers, networkHelpers } = connection;
const request = (method: string, params: unknown[]) => connection.provider.request({ method, params });
const identity = await chainIdentity(request);
const book = JSON.parse(readFileSync(addressBookFile(addressBookDir(process.cwd()), identity), "utf8")) as AddressBook;
const lens = GrantProgramLens__factory.connect(book.lens!, ethers.provider);

let checks = 0;
function same(what: string, indexed: unknown, chain: unknown): void {
  checks += 1;
  if (String(indexed) !== String(chain)) {
    console.error(`indexer-check: ${what}: indexer ${String(indexed)} ≠ chain ${String(chain)}`);
    process.exit(1);
  }
}

async function graphql<T>(query: string): Promise<T> {
  const response = await fetch(`${indexerUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.data === undefined) throw new Error(`GraphQL: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Waits until the indexer has processed the node's latest block (at most 60 s). */
async function caughtUp(): Promise<void> {
  const head = await ethers.provider.getBlockNumber();
  for (let waited = 0; waited < 60_000; waited += 250) {
    const status = (await (await fetch(`${indexerUrl}/status`)).json()) as Record<
      string,
      { block?: { number: number } }
    >;
    if (Object.values(status).some((chain) => (chain.block?.number ?? -1) >= head)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the indexer did not reach block ${head} within 60 s`);
}

if (process.env.MG_CHECK_STEP === "act") {
  // A pause of 10 days moves every deadline and notice end by 10 days; the indexer must follow.
  const signers = await ethers.getSigners();
  const roles = localAccounts(signers);
  const htz = programAt(Object.values(book.programs)[0].address, ethers.provider);
  await (await htz.connect(roles.guardian).pause()).wait();
  await networkHelpers.time.increase(10 * 24 * 3600);
  await (await htz.connect(roles.bureau).unpause()).wait();
  const token = await ethers.getContractAt("MockYuan", book.token!.address);
  const amount = parseYuan("1,000,000", book.token!.decimals);
  await (await token.connect(roles.treasurer).mint(roles.treasurer.address, amount)).wait();
  await (await token.connect(roles.treasurer).approve(await htz.getAddress(), amount)).wait();
  await (await htz.connect(roles.treasurer).fund(amount)).wait();
  console.log("indexer-check: paused ten days, funded 1,000,000 yuan.");
  process.exit(0);
}

await caughtUp();
const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
type Row = Record<string, string | number | boolean | null>;
for (const entry of Object.values(book.programs)) {
  const address = entry.address.toLowerCase();
  const program = programAt(entry.address, ethers.provider);
  const data = await graphql<{
    program: Row;
    categorys: { items: Row[] };
    grants: { items: Row[] };
    milestones: { items: Row[] };
    applications: { items: Row[] };
    tierHoldings: { items: Row[] };
    supervisions: { items: Row[] };
  }>(`{
    program(address: "${address}") { funded repaid reserved paid withdrawn recoveryOutstanding grantCount pausedAt pausedTotal }
    categorys(where: { program: "${address}" }, limit: 1000) { items { categoryId amount awardsMade awardKey tierGroup tier supervisionPeriod attestationInterval } }
    tierHoldings(where: { program: "${address}" }, limit: 1000) { items { entityNo tierGroup tiers held } }
    supervisions(where: { program: "${address}" }, limit: 1000) { items { grantId startsAt attestations } }
    grants(where: { program: "${address}" }, orderBy: "grantId", limit: 1000) { items { grantId entityNo categoryId reserved cancelled recovered } }
    milestones(where: { program: "${address}" }, limit: 1000) { items { grantId index amount status deadline noticeEndsAt evidenceHash approvals rejections } }
    applications(where: { program: "${address}" }, limit: 1000) { items { applicationId status entityNo } }
  }`);
  const p = data.program;
  const ledger = await program.ledger();
  for (const key of ["funded", "repaid", "reserved", "paid", "withdrawn", "recoveryOutstanding"] as const) {
    same(`${entry.title} ledger.${key}`, p[key], ledger[key]);
  }
  same(`${entry.title} grantCount`, p.grantCount, await program.grantCount());
  const categories = await lens.categories(entry.address);
  same(`${entry.title} categories`, data.categorys.items.length, categories.length);
  for (const c of data.categorys.items) {
    const onChain = categories[Number(c.categoryId) - 1];
    same(`category ${c.categoryId} awardsMade`, c.awardsMade, onChain.awardsMade);
    same(`category ${c.categoryId} awardKey`, c.awardKey, onChain.awardKey);
    same(`category ${c.categoryId} tier group`, c.tierGroup, onChain.tierGroup);
    same(`category ${c.categoryId} tier`, c.tier, onChain.tier);
  }
  // Every tier holding the indexer kept is the chain's, and it kept one for every awarded level.
  for (const h of data.tierHoldings.items) {
    const onChain = await program.tierHolding(BigInt(h.entityNo as string), Number(h.tierGroup));
    same(`entity ${h.entityNo} tier group ${h.tierGroup} levels`, h.tiers, onChain.tiers);
    same(`entity ${h.entityNo} tier group ${h.tierGroup} held`, h.held, onChain.held);
  }
  const tieredAwards = data.grants.items.filter((g) =>
    categories.some((c, i) => BigInt(i + 1) === BigInt(g.categoryId as string) && c.tierGroup !== 0n),
  );
  const holders = new Set(tieredAwards.map((g) => `${g.entityNo}/${categories[Number(g.categoryId) - 1].tierGroup}`));
  same(`${entry.title} tier holdings`, data.tierHoldings.items.length, holders.size);
  for (const c of data.categorys.items) {
    const terms = await program.supervisionTerms(Number(c.categoryId));
    same(`category ${c.categoryId} supervision period`, c.supervisionPeriod, terms.period);
    same(`category ${c.categoryId} attestation interval`, c.attestationInterval, terms.interval);
  }
  // Every started supervision the indexer kept is the chain's, with as many attestations.
  for (const s of data.supervisions.items) {
    const onChain = await program.supervisionOf(BigInt(s.grantId as string));
    same(`grant ${s.grantId} supervision start`, s.startsAt, onChain.startsAt);
    same(`grant ${s.grantId} attestations`, s.attestations, onChain.attestedCount);
  }
  const pause = { pausedAt: BigInt(p.pausedAt as string), pausedTotal: BigInt(p.pausedTotal as string) };
  const settings = await program.settings();
  same(`${entry.title} pausedTotal`, pause.pausedTotal, settings.pausedTotal);
  const programNow = programClock(pause, now);
  const milestones = new Map(data.milestones.items.map((m) => [`${m.grantId}/${m.index}`, m]));
  const grantCount = Number(await program.grantCount());
  for (let first = 1; first <= grantCount; first += 100) {
    for (const record of await lens.grantPage(entry.address, first, 100)) {
      const g = data.grants.items.find((row) => BigInt(row.grantId as string) === record.id);
      if (g === undefined) throw new Error(`grant ${record.id} of ${entry.title} is not indexed`);
      same(`grant ${record.id} entityNo`, g.entityNo, record.grant.entityNo);
      same(`grant ${record.id} reserved`, g.reserved, record.grant.reserved);
      same(`grant ${record.id} cancelled`, g.cancelled, record.grant.cancelled);
      same(`grant ${record.id} recovered`, g.recovered, record.grant.recovered);
      for (const [index, view] of record.milestones.entries()) {
        const m = milestones.get(`${record.id}/${index}`);
        if (m === undefined) throw new Error(`milestone ${record.id}/${index} is not indexed`);
        const stored = {
          status: Number(m.status),
          deadline: BigInt(m.deadline as string),
          noticeEndsAt: BigInt(m.noticeEndsAt as string),
        };
        const what = `${entry.title} milestone ${record.id}/${index}`;
        same(`${what} state`, milestoneStateAt(stored, g.cancelled as boolean, programNow), view.state);
        same(`${what} deadline (calendar)`, toCalendarTime(stored.deadline, pause, now), view.deadline);
        same(`${what} notice end (calendar)`, toCalendarTime(stored.noticeEndsAt, pause, now), view.noticeEndsAt);
        same(`${what} amount`, m.amount, view.amount);
        same(`${what} evidence`, m.evidenceHash ?? ethers.ZeroHash, view.evidenceHash);
        same(`${what} approvals`, m.approvals, countBits(view.approvals));
        same(`${what} rejections`, m.rejections, countBits(view.rejections));
      }
    }
  }
  const applicationCount = Number(await program.applicationCount());
  same(`${entry.title} applications`, data.applications.items.length, applicationCount);
  for (const a of data.applications.items) {
    const onChain = await program.application(BigInt(a.applicationId as string));
    same(`application ${a.applicationId} status`, a.status, onChain.status);
  }
  await checkFiscalYears(entry.title, address, program);
}

/**
 * A program that keeps fiscal years: every year line the indexer kept equals the chain's `fiscalYear(y)`,
 * field by field (a row may be all zeros: a year closed empty), and every year the chain's lines from the
 * first year to ten ahead (core/fiscal.ts readFiscalYears) have anything in is indexed, so every unit of
 * the budget sits in an indexed year.
 */
async function checkFiscalYears(title: string, address: string, program: ReturnType<typeof programAt>) {
  const fiscal = await readFiscalYears(program, now);
  const { fiscalYears } = await graphql<{ fiscalYears: { items: Row[] } }>(
    `{ fiscalYears(where: { program: "${address}" }, orderBy: "year", limit: 1000) { items { year appropriated carriedIn released committed withdrawn carriedOut available closed } } }`,
  );
  if (fiscal === null) {
    same(`${title} fiscal years (none kept)`, fiscalYears.items.length, 0);
    return;
  }
  for (const row of fiscalYears.items) {
    const onChain = await program.fiscalYear(Number(row.year));
    for (const field of [...FISCAL_FIELDS, "available", "closed"] as const)
      same(`${title} fiscal year ${row.year} ${field}`, row[field], onChain[field]);
  }
  const indexed = new Set(fiscalYears.items.map((r) => BigInt(r.year as number)));
  for (const y of fiscal.years.filter((line) => FISCAL_FIELDS.some((field) => line[field] !== 0n)))
    same(`${title} fiscal year ${y.year} indexed`, indexed.has(y.year), true);
  const indexedAvailable = fiscalYears.items.reduce((sum, r) => sum + BigInt(r.available as string), 0n);
  same(`${title} fiscal years' available`, indexedAvailable, (await program.summary()).available);
}
for (const [name, registryEntry] of Object.entries(book.registries)) {
  const registry = EntityRegistry__factory.connect(registryEntry.address, ethers.provider);
  const address = registryEntry.address.toLowerCase();
  const { entitys } = await graphql<{ entitys: { items: Row[] } }>(
    `{ entitys(where: { registry: "${address}" }, limit: 1000) { items { entityNo wallet kind } } }`,
  );
  same(`registry ${name} entities`, entitys.items.length, await registry.entityCount());
  for (const e of entitys.items) {
    const onChain = await registry.entity(BigInt(e.entityNo as string));
    same(`registry ${name} entity ${e.entityNo} wallet`, e.wallet, onChain.wallet.toLowerCase());
  }
}
// SQL over HTTP, as @ponder/client sends it (a superjson-encoded query).
const sql = encodeURIComponent(JSON.stringify({ json: { sql: 'select count(*) as n from "grant"', params: [] } }));
const rows = (await (await fetch(`${indexerUrl}/sql/db?sql=${sql}`)).json()) as { rows: unknown[][] | Row[] };
const counted = Array.isArray(rows.rows[0]) ? (rows.rows[0] as unknown[])[0] : Object.values(rows.rows[0] as Row)[0];
let total = 0n;
for (const entry of Object.values(book.programs)) total += await programAt(entry.address, ethers.provider).grantCount();
same("grants over SQL", counted, total);
console.log(`indexer-check: ${checks} values agree with the chain at block ${await ethers.provider.getBlockNumber()}.`);
