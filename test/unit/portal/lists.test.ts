/**
 * The portal's list data layer (portal/src/lists.ts) against a real program: pages hold the grants
 * they name in the order asked, filtered lists scan one lens page per load and go on from their cursor,
 * a grant's history holds only that grant's events, and a page costs the same JSON-RPC calls at 3
 * grants and at 106 (past one lens page of 100).
 */
import { expect } from "chai";
import { BrowserProvider, Wallet, type Eip1193Provider } from "ethers";
import { network } from "hardhat";

import { EntityKind, MilestoneState } from "../../../core/enums.js";
import { companyId, textHash } from "../../../core/ids.js";
import { submitAndApprove } from "../../../scripts/lib/scenario.js";
import {
  ChainListSource,
  MAX_PAGE_ROWS,
  orderFrom,
  pageCount,
  pageSizeFrom,
  pageWindow,
  type ProgramRef,
} from "../../../portal/src/lists.js";
import { guiyangFixture, terms } from "../../utils/fixtures.js";

const connection = await network.create();
const { networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

/** A list source whose every JSON-RPC call is counted (one EIP-1193 request each: no batching, no cache). */
async function countingSource(lens: string) {
  const counts = { calls: 0, methods: {} as Record<string, number> };
  const upstream = connection.provider;
  const counted: Eip1193Provider = {
    request: (args) => {
      counts.calls += 1;
      counts.methods[args.method] = (counts.methods[args.method] ?? 0) + 1;
      return upstream.request(args as { method: string; params?: unknown[] });
    },
  };
  const provider = new BrowserProvider(counted, 31337, { staticNetwork: true, cacheTimeout: -1 });
  const source = new ChainListSource(provider, lens);
  return {
    source,
    /** The calls `read` makes, by method. */
    async cost(read: () => Promise<unknown>): Promise<Record<string, number>> {
      Object.assign(counts, { calls: 0, methods: {} });
      await read();
      return { ...counts.methods };
    },
  };
}

async function world() {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const ref: ProgramRef = { address: await w.htz.getAddress(), fromBlock: 0 };
  const capped = w.htzCategories.get("technical-breakthrough")!;
  const now = BigInt(await networkHelpers.time.latest());
  let made = 0;
  /** `n` more grants of 1.00 yuan each, to newly registered companies (one award per company and category). */
  const awardMore = async (n: number) => {
    for (let i = 0; i < n; i++, made++) {
      const id = companyId(`91520115PAGE${String(made).padStart(5, "0")}X`);
      await w.registry
        .connect(w.actors.registrar)
        .registerEntity(id, EntityKind.Company, Wallet.createRandom().address);
      await w.htz.award(id, capped, 0, terms(now, [["1", 90]]));
    }
  };
  return { w, ref, capped, now, awardMore };
}

describe("portal lists (ChainListSource)", function () {
  it("page windows: newest first ends at the last id, oldest first starts at 1, the last page is short", function () {
    expect(pageWindow(7n, { page: 1, pageSize: 3, order: "newest" })).to.deep.equal({
      firstId: 5n,
      rows: 3,
      reverse: true,
    });
    expect(pageWindow(7n, { page: 3, pageSize: 3, order: "newest" })).to.deep.equal({
      firstId: 1n,
      rows: 1,
      reverse: true,
    });
    expect(pageWindow(7n, { page: 3, pageSize: 3, order: "oldest" })).to.deep.equal({
      firstId: 7n,
      rows: 1,
      reverse: false,
    });
    expect(pageWindow(7n, { page: 4, pageSize: 3, order: "oldest" }).rows).to.equal(0);
    expect(pageCount(7, 3)).to.equal(3);
    expect(pageCount(0, 20)).to.equal(1);
  });

  it("page size and order from the URL: default 20, at most the lens's 100, at least 1; oldest only when asked", function () {
    expect(pageSizeFrom("")).to.equal(20);
    expect(pageSizeFrom("?pageSize=2")).to.equal(2);
    expect(pageSizeFrom("?pageSize=1000")).to.equal(MAX_PAGE_ROWS);
    expect(pageSizeFrom("?pageSize=0")).to.equal(1);
    expect(pageSizeFrom("?pageSize=abc")).to.equal(20);
    expect(orderFrom("?order=oldest")).to.equal("oldest");
    expect(orderFrom("?order=whatever")).to.equal("newest");
  });

  it("awards pages hold the grants they name, in the order asked, and the total", async function () {
    const { w, ref, awardMore } = await world();
    await awardMore(5);
    const { source } = await countingSource(await w.core.lens.getAddress());
    const ids = async (page: number, order: "newest" | "oldest") =>
      (await source.awards(ref, { page, pageSize: 2, order })).rows.map((g) => g.id);
    expect(await ids(1, "newest")).to.deep.equal([5n, 4n]);
    expect(await ids(2, "newest")).to.deep.equal([3n, 2n]);
    expect(await ids(3, "newest")).to.deep.equal([1n]);
    expect(await ids(1, "oldest")).to.deep.equal([1n, 2n]);
    expect(await ids(4, "oldest")).to.deep.equal([]);
    const page = await source.awards(ref, { page: 1, pageSize: 2, order: "newest" });
    expect(page.total).to.equal(5);
    // The row is the chain's grant: its milestones with amounts and derived states.
    expect(page.rows[0].milestones.map((m) => [m.amount, m.state])).to.deep.equal([[100n, MilestoneState.Pending]]);
  });

  it("a filtered list scans one lens page of 100 grants per load and goes on from its cursor", async function () {
    const { w, ref, capped, now, awardMore } = await world();
    await awardMore(102);
    // Grant 103 (company A) reaches its notice window; grants 1–102 have none.
    await w.htz.award(w.ids.a, capped, 0, terms(now, [["1", 90]]));
    const id = await w.htz.grantCount();
    await submitAndApprove(w.htz, w.actors.companyA, w.actors.reviewers, id, 0, textHash("evidence"));
    const { source } = await countingSource(await w.core.lens.getAddress());
    const first = await source.noticeBoard(ref, { cursor: null, pageSize: 20 });
    expect(first.rows).to.deep.equal([]);
    expect(first.scanned).to.deep.equal({ upTo: 100n, of: id });
    expect(first.next).to.equal("101");
    const second = await source.noticeBoard(ref, { cursor: first.next, pageSize: 20 });
    expect(second.rows.map((r) => [r.grant.id, r.milestone.index, r.milestone.state])).to.deep.equal([
      [id, 0, MilestoneState.InNotice],
    ]);
    expect(second.next).to.equal(null);
    expect((await source.reviewQueue(ref, { cursor: first.next, pageSize: 20 })).rows).to.deep.equal([]);
  });

  it("a grant's history holds that grant's events only, not those of an application with the same number", async function () {
    const { w, ref, awardMore } = await world();
    await awardMore(2);
    const product = w.htzCategories.get("application-product")!;
    await w.htz.connect(w.actors.companyB).submitApplication(product, textHash("application"));
    const { source } = await countingSource(await w.core.lens.getAddress());
    const events = await source.history(ref, { grantIds: [1n] });
    expect(events.map((e) => e.name)).to.deep.equal(["GrantAwarded", "MilestoneScheduled"]);
    expect(events.every((e) => e.grantId === 1n)).to.equal(true);
    const both = await source.history(ref, { grantIds: [2n], applicationIds: [1n] });
    expect(both.map((e) => e.name)).to.deep.equal(["GrantAwarded", "MilestoneScheduled", "ApplicationSubmitted"]);
  });

  it("a page costs the same JSON-RPC calls at 3 grants and at 106", async function () {
    const { w, ref, awardMore } = await world();
    await awardMore(3);
    const { source, cost } = await countingSource(await w.core.lens.getAddress());
    const load = async () => {
      const page = await source.awards(ref, { page: 1, pageSize: 2, order: "oldest" });
      await Promise.all([
        source.header(ref),
        source.noticeBoard(ref, { cursor: null, pageSize: 2 }),
        source.reviewQueue(ref, { cursor: null, pageSize: 2 }),
        source.openApplications(ref, { cursor: null, pageSize: 2 }),
        source.ledger(ref, { cursor: null, pageSize: 2 }),
        source.history(ref, { grantIds: page.rows.map((g) => g.id) }),
      ]);
    };
    const small = await cost(load);
    await awardMore(103);
    expect(await w.htz.grantCount()).to.equal(106n);
    const large = await cost(load);
    const total = (methods: Record<string, number>) => Object.values(methods).reduce((a, b) => a + b, 0);
    console.log(
      `      calls of one page's lists: ${total(small)} at 3 grants, ${total(large)} at 106: ${JSON.stringify(large)}`,
    );
    expect(large).to.deep.equal(small);
    // Constant and small: a handful of eth_calls, one eth_getLogs per list of events.
    expect(total(large)).to.be.below(40);
  });
});
