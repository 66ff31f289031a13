/**
 * mg:status pages its grant list through the lens: a page shows the grants it names (oldest or newest
 * first), the last page is short, a page past the end is refused in one sentence, and one page costs
 * the same JSON-RPC requests at 12 grants as at 120. Runs the task on the in-process network with its
 * own deployment; the in-memory address book other tests use is set aside and put back.
 */
import { expect } from "chai";
import hre from "hardhat";

import { addressBookStore, chainIdentity, type AddressBook } from "../../../tasks/runtime/address-book.js";
import type { TaskOutcome } from "../../../tasks/runtime/args.js";
import { countRequests } from "../../../scripts/lib/rpc-count.js";
import { createScaleProgram, type ScaleProgram } from "../../../scripts/lib/scale-world.js";

type Status = {
  page: bigint | null;
  pageSize: bigint | null;
  pages: bigint | null;
  order: string | null;
  total: bigint;
  grants: Array<{ grantId: bigint; awarded: { yuan: string; units: bigint }; milestones: string[] }>;
};

/** Runs mg:status with its printed output captured. */
async function status(args: Record<string, unknown>): Promise<{ outcome: TaskOutcome<Status>; output: string }> {
  const captured: string[] = [];
  const { log, error } = console;
  console.log = (...parts: unknown[]) => captured.push(parts.map(String).join(" "));
  console.error = console.log;
  const before = process.exitCode;
  try {
    const outcome = (await hre.tasks.getTask("mg:status").run(args)) as TaskOutcome<Status>;
    return { outcome, output: captured.join("\n") };
  } finally {
    Object.assign(console, { log, error });
    process.exitCode = before;
  }
}

async function page(args: Record<string, unknown>): Promise<Status> {
  const { outcome, output } = await status(args);
  if (!outcome.ok) throw new Error(`mg:status failed: ${outcome.error}\n${output}`);
  return outcome.result;
}

async function refusal(args: Record<string, unknown>): Promise<{ en: string; zh: string }> {
  const { outcome } = await status(args);
  if (outcome.ok) throw new Error("mg:status succeeded but was expected to refuse");
  return { en: outcome.error, zh: outcome.errorZh };
}

const ids = (s: Status) => s.grants.map((g) => Number(g.grantId));

describe("mg:status pages its grants through the lens", function () {
  let book: AddressBook;
  let saved: AddressBook;
  let few: ScaleProgram;
  let many: ScaleProgram;

  before(async function () {
    const connection = await hre.network.getOrCreate();
    const request = (method: string, params: unknown[]) => connection.provider.request({ method, params });
    book = addressBookStore({
      root: hre.config.paths.root,
      ignitionDir: hre.config.paths.ignition,
      networkName: connection.networkName,
      identity: await chainIdentity(request),
      inProcess: true,
    }).load();
    // The tasks share one in-memory book per network: this file deploys its own and restores theirs.
    saved = structuredClone(book);
    for (const key of Object.keys(book)) delete (book as unknown as Record<string, unknown>)[key];
    Object.assign(book, { chainId: saved.chainId, network: saved.network, registries: {}, programs: {} });
    few = await createScaleProgram(hre, "paging-few", 12);
    many = await createScaleProgram(hre, "paging-many", 120);
    await few.seed(0, 12);
    await many.seed(12, 120);
  });

  after(function () {
    for (const key of Object.keys(book)) delete (book as unknown as Record<string, unknown>)[key];
    Object.assign(book, saved);
  });

  it("shows the grants of the page asked for, oldest first by default, and says which of how many", async function () {
    const second = await page({ program: "paging-many", page: "2", pageSize: "10", json: true });
    expect(ids(second)).to.deep.equal([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect([second.page, second.pageSize, second.pages, second.total]).to.deep.equal([2n, 10n, 12n, 120n]);
    expect(second.order).to.equal("oldest");
    // The existing fields keep their shape: amounts as yuan and units, milestone states by index.
    expect(second.grants[0].awarded).to.deep.equal({ yuan: "500000.00", units: many.grantUnits });
    expect(second.grants[0].milestones).to.deep.equal(["#0 pending", "#1 pending"]);

    const human = await status({ program: "paging-many", page: "2", pageSize: "10" });
    expect(human.output).to.include("Grants 11–20 of 120 (page 2 of 12, oldest first):");
    expect(human.output).to.include("next page: mg:status --page 3 --page-size 10");
    process.env.MG_LANG = "zh";
    try {
      const zh = await status({ program: "paging-many", page: "2", pageSize: "10" });
      expect(zh.output).to.include("资助：第 11–20 笔，共 120 笔（第 2/12 页，由旧到新）：");
    } finally {
      delete process.env.MG_LANG;
    }
  });

  it("lists the newest first with --newest, and the default page size is 50", async function () {
    const newest = await page({ program: "paging-many", newest: true, json: true });
    expect(newest.pageSize).to.equal(50n);
    expect(ids(newest)).to.deep.equal(Array.from({ length: 50 }, (_, i) => 120 - i));
    const third = await page({ program: "paging-many", newest: true, page: "3", json: true });
    expect(ids(third)).to.deep.equal(Array.from({ length: 20 }, (_, i) => 20 - i));
  });

  it("makes the last page short: only the grants that are left", async function () {
    const last = await page({ program: "paging-few", page: "3", pageSize: "5", json: true });
    expect(ids(last)).to.deep.equal([11, 12]);
    expect([last.pages, last.total]).to.deep.equal([3n, 12n]);
    const human = await status({ program: "paging-few", page: "3", pageSize: "5" });
    expect(human.output).to.include("Grants 11–12 of 12 (page 3 of 3, oldest first):");
    expect(human.output).to.not.include("next page");
  });

  it("refuses a page past the end, a page 0 and a page size the lens cannot return, in both languages", async function () {
    expect(await refusal({ program: "paging-few", page: "4", pageSize: "5" })).to.deep.equal({
      en: "paging-few has 12 grant(s), 3 page(s) of 5: there is no page 4; the last is --page 3.",
      zh: "paging-few 共有 12 笔资助，每页 5 笔共 3 页：没有第 4 页；最后一页为 --page 3。",
    });
    expect(await refusal({ program: "paging-few", page: "two" })).to.deep.equal({
      en: '--page must be a whole number, not "two".',
      zh: "--page 必须是非负整数，不能是“two”。",
    });
    expect((await refusal({ program: "paging-few", page: "0" })).en).to.equal(
      "--page must be 1 or more (1 is the first page), not 0.",
    );
    expect((await refusal({ program: "paging-few", pageSize: "101" })).en).to.equal(
      "--page-size must be between 1 and 100 grants (one read of the lens returns at most 100), not 101.",
    );
    expect((await refusal({ program: "paging-few", pageSize: "0" })).zh).to.equal(
      "--page-size 须在 1 至 100 笔资助之间（查询合约一次最多返回 100 笔），不能是 0。",
    );
  });

  it("sends as many JSON-RPC requests for a first page at 120 grants as at 12", async function () {
    const connection = await hre.network.getOrCreate();
    const counter = countRequests(connection.provider);
    try {
      const small = await page({ program: "paging-few", pageSize: "20", json: true });
      const atFew = counter.total;
      counter.reset();
      const shown = await page({ program: "paging-many", pageSize: "20", json: true });
      const atMany = counter.total;
      expect([small.grants.length, shown.grants.length]).to.deep.equal([12, 20]);
      // The wrapper saw the task's reads (a count of 0 would make the comparison empty).
      expect(atFew).to.be.greaterThan(0);
      expect(atMany).to.equal(atFew);
      // The page's grants came in one lens call, not one (or more) per grant.
      expect(counter.byMethod.eth_call).to.be.lessThan(shown.grants.length);
    } finally {
      counter.stop();
    }
  });
});
