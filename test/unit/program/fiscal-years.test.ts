/**
 * Fiscal-year budget lines: a program created with a fiscal calendar (here Beijing time, the year from
 * 1 January) appropriates its funding to fiscal years, reserves each award against the year it is made in
 * (or a named open year), withdraws from the current year, and closes an ended year in order: its
 * unreserved rest returned to the treasury or carried into the next year, by the program's rule. What an
 * award releases comes back to its year while that is open, else to the oldest open year. The figures
 * are checked against amounts worked out by hand, and the years' unreserved budgets against the
 * program's own ledger. Every refusal moves nothing.
 *
 * The chain is moved to fixed dates (2031–2033) so the year boundaries do not depend on the day the tests run.
 */
import { anyValue } from "@nomicfoundation/hardhat-ethers-chai-matchers/withArgs";
import { expect } from "chai";
import { network } from "hardhat";

import { AwardMode, YearEndRule } from "../../../core/enums.js";
import { fiscalYearsFromEvents } from "../../../core/fiscal.js";
import { textHash } from "../../../core/ids.js";
import { createProgramFromDefinition, DAY } from "../../../scripts/lib/suite.js";
import type { IGrantProgram } from "../../../typechain-types/index.js";
import { fixtureRoles, guiyangFixture, terms, validInitParams, yuan, type GuiyangWorld } from "../../utils/fixtures.js";
import { categoryDef, testDefinition } from "../../utils/programs.js";
import { expectNothingMoved, now, type Watch } from "../../security/helpers.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

/** 2031-06-15 12:00 Beijing time (04:00 UTC): inside fiscal year 2031. */
const MID_2031 = BigInt(Date.UTC(2031, 5, 15, 4, 0, 0) / 1000);
/** 2032-01-01 00:00 Beijing time = 2031-12-31 16:00 UTC: the first second of fiscal year 2032. */
const START_2032 = BigInt(Date.UTC(2031, 11, 31, 16, 0, 0) / 1000);
const START_2031 = BigInt(Date.UTC(2030, 11, 31, 16, 0, 0) / 1000);
const BEIJING = { startMonth: 1, utcOffset: "+08:00" } as const;

interface FiscalWorld extends GuiyangWorld {
  program: IGrantProgram;
  category: bigint;
}

/** A program with fiscal years (Beijing, from 1 January) created in mid-2031, one capped 1,000,000 category. */
async function fiscalProgram(w: GuiyangWorld, yearEnd: "return" | "carry-over"): Promise<FiscalWorld> {
  const definition = {
    ...testDefinition(`Fiscal program (${yearEnd})`, [categoryDef("support", "capped", yuan("1,000,000"), 2)]),
    applicationWindowDays: 3 * 365,
    fiscalYear: { ...BEIJING, yearEnd },
  };
  const created = await createProgramFromDefinition(
    ethers,
    w.core,
    w.registry,
    w.actors.registryAdmin,
    definition,
    fixtureRoles(w.actors),
    await now(networkHelpers),
  );
  await w.token.mint(w.actors.treasurer.address, yuan("10,000,000"));
  await w.token.connect(w.actors.treasurer).approve(await created.program.getAddress(), yuan("10,000,000"));
  return { ...w, program: created.program.connect(w.actors.manager), category: created.categoryIds.get("support")! };
}

/**
 * The one fixture that moves the chain to mid-2031 (a fixture first run after a test moved the clock on
 * could not go back): the Guiyang world with one program of each year-end rule.
 */
async function deployBoth(): Promise<{ ret: FiscalWorld; carry: FiscalWorld }> {
  const w = await deployGuiyang();
  await networkHelpers.time.increaseTo(MID_2031);
  return { ret: await fiscalProgram(w, "return"), carry: await fiscalProgram(w, "carry-over") };
}

async function deployReturn(): Promise<FiscalWorld> {
  return (await networkHelpers.loadFixture(deployBoth)).ret;
}

async function deployCarryOver(): Promise<FiscalWorld> {
  return (await networkHelpers.loadFixture(deployBoth)).carry;
}

/** 2031 appropriated 3,000,000 and 2032 1,000,000; company A awarded 800,000 in 2031 (two milestones, the second due in 2032). */
async function deployFunded(): Promise<FiscalWorld & { grantId: bigint }> {
  const w = await deployReturn();
  const treasurer = w.program.connect(w.actors.treasurer);
  await treasurer.fund(yuan("3,000,000"));
  await treasurer.fundFiscalYear(2032, yuan("1,000,000"));
  await w.program.award(
    w.ids.a,
    w.category,
    0,
    terms(await now(networkHelpers), [
      ["500,000", 60],
      ["300,000", 300],
    ]),
  );
  return { ...w, grantId: await w.program.grantCount() };
}

/** Company B's award naming fiscal year `fiscalYear`: one milestone of `amount` yuan, due in 60 days. */
async function awardNaming(w: FiscalWorld, fiscalYear: number, amount = "1") {
  return w.program.awardWithOptions(w.ids.b, w.category, 0, terms(await now(networkHelpers), [[amount, 60]]), {
    fiscalYear,
    qualifyingDate: 0,
    reasonHash: textHash("decision"),
  });
}

function watchOf(w: FiscalWorld, years: number[] = [2031, 2032, 2033]): Watch {
  const a = w.actors;
  return {
    programs: [w.program],
    token: w.token,
    accounts: [w.program, a.treasury, a.treasurer, a.companyA],
    extra: () => Promise.all([w.program.fiscalBook(), ...years.map((year) => w.program.fiscalYear(year))]),
  };
}

/** The figures of a year, as plain yuan-unit bigints. */
async function figures(program: IGrantProgram, year: number) {
  const y = await program.fiscalYear(year);
  return {
    appropriated: y.appropriated,
    carriedIn: y.carriedIn,
    released: y.released,
    committed: y.committed,
    withdrawn: y.withdrawn,
    carriedOut: y.carriedOut,
    available: y.available,
    closed: y.closed,
  };
}

const zero = {
  appropriated: 0n,
  carriedIn: 0n,
  released: 0n,
  committed: 0n,
  withdrawn: 0n,
  carriedOut: 0n,
  available: 0n,
  closed: false,
};

describe("Fiscal-year budget lines", function () {
  describe("appropriation", function () {
    it("fund appropriates to the current fiscal year and fundFiscalYear to a named later one", async function () {
      const w = await deployReturn();
      const treasurer = w.program.connect(w.actors.treasurer);
      await expect(treasurer.fund(yuan("3,000,000")))
        .to.emit(w.program, "Appropriated")
        .withArgs(2031, yuan("3,000,000"));
      await expect(treasurer.fundFiscalYear(2033, yuan("2,000,000")))
        .to.emit(w.program, "Appropriated")
        .withArgs(2033, yuan("2,000,000"));
      expect(await figures(w.program, 2031)).to.deep.equal({
        ...zero,
        appropriated: yuan("3,000,000"),
        available: yuan("3,000,000"),
      });
      expect((await figures(w.program, 2033)).available).to.equal(yuan("2,000,000"));
      expect((await figures(w.program, 2032)).available).to.equal(0n);
      const book = await w.program.fiscalBook();
      expect([book.firstYear, book.nextToClose]).to.deep.equal([2031n, 2031n]);
      expect(await w.program.available()).to.equal(yuan("5,000,000"));
    });

    it("refuses appropriation to a past year or more than ten years ahead", async function () {
      const w = await deployReturn();
      const treasurer = w.program.connect(w.actors.treasurer);
      for (const year of [2030, 2042]) {
        await expectNothingMoved(watchOf(w, [2030, 2031, 2042]), async () => {
          await expect(treasurer.fundFiscalYear(year, yuan("1")))
            .to.be.revertedWithCustomError(w.program, "GrantProgram_FiscalYearOutOfRange")
            .withArgs(year, 2031);
        });
      }
      await expect(treasurer.fundFiscalYear(2041, yuan("1")))
        .to.emit(w.program, "Appropriated")
        .withArgs(2041, yuan("1"));
    });

    it("a first appropriation to a later year keeps the current year open: years close from the year it was made in", async function () {
      const w = await deployReturn();
      const treasurer = w.program.connect(w.actors.treasurer);
      await treasurer.fundFiscalYear(2035, yuan("1,000,000"));
      const book = await w.program.fiscalBook();
      expect([book.firstYear, book.nextToClose]).to.deep.equal([2031n, 2031n]);
      expect((await figures(w.program, 2031)).closed).to.equal(false);
      // The current year is open with nothing in it: a withdrawal from it is refused as short, not closed.
      await expectNothingMoved(watchOf(w, [2031, 2035]), async () => {
        await expect(treasurer.withdraw(yuan("1")))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_InsufficientFiscalYearBudget")
          .withArgs(2031, yuan("1"), 0);
      });
      // Money for the current year arrives later and can be withdrawn; 2035's stays in 2035.
      await treasurer.fund(yuan("300,000"));
      await expect(treasurer.withdraw(yuan("300,000")))
        .to.emit(w.program, "WithdrawnFromFiscalYear")
        .withArgs(2031, yuan("300,000"));
      expect((await figures(w.program, 2035)).available).to.equal(yuan("1,000,000"));
    });

    it("a year's counters cannot brick it: past 2**128 appropriated to one year they wrap and its available stays exact", async function () {
      const w = await deployReturn();
      const MOD = 2n ** 128n;
      const treasurer = w.program.connect(w.actors.treasurer);
      const address = await w.program.getAddress();
      await treasurer.fund(yuan("1,000,000"));
      // Fill the program up to the largest balance it accepts and send it back: 2031 has cycled ~2**128.
      const headroom = MOD - 1n - (await w.token.balanceOf(address));
      await w.token.mint(w.actors.treasurer.address, headroom + yuan("1"));
      await w.token.connect(w.actors.treasurer).approve(address, headroom + yuan("1"));
      await treasurer.fund(headroom);
      await treasurer.withdraw(headroom);
      await expect(treasurer.fund(yuan("1")))
        .to.emit(w.program, "Appropriated")
        .withArgs(2031, yuan("1"));
      const year = await figures(w.program, 2031);
      expect(year.appropriated).to.equal((yuan("1,000,001") + headroom) % MOD);
      expect(year.available).to.equal(yuan("1,000,001"));
      // The wrapped year still reserves and releases to the unit.
      await w.program.award(w.ids.a, w.category, 0, terms(await now(networkHelpers), [["1,000,000", 60]]));
      const grantId = await w.program.grantCount();
      await w.program.cancelGrant(grantId, textHash("wrong entity"));
      expect((await figures(w.program, 2031)).available).to.equal(yuan("1,000,001"));
      expect(await w.program.available()).to.equal(yuan("1,000,001"));
    });

    it("only the treasurer appropriates", async function () {
      const w = await deployReturn();
      await expectNothingMoved(watchOf(w), async () => {
        await expect(w.program.fundFiscalYear(2031, 1n)).to.be.revertedWithCustomError(
          w.program,
          "AccessControlUnauthorizedAccount",
        );
      });
    });
  });

  describe("awards", function () {
    it("an award reserves against the fiscal year it is made in", async function () {
      const w = await deployFunded();
      expect((await w.program.grant(w.grantId)).fiscalYear).to.equal(2031n);
      expect(await figures(w.program, 2031)).to.deep.equal({
        ...zero,
        appropriated: yuan("3,000,000"),
        committed: yuan("800,000"),
        available: yuan("2,200,000"),
      });
      // The next year's appropriation is untouched.
      expect((await figures(w.program, 2032)).available).to.equal(yuan("1,000,000"));
    });

    it("an award naming an open later year reserves there, and is refused when that year's budget is short though the program's total would cover it", async function () {
      const w = await deployFunded();
      const t = await now(networkHelpers);
      const options = (fiscalYear: number) => ({ fiscalYear, qualifyingDate: 0, reasonHash: textHash("decision") });
      await expectNothingMoved(watchOf(w), async () => {
        await expect(w.program.awardWithOptions(w.ids.b, w.category, 0, terms(t, [["1,000,000", 400]]), options(2033)))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_InsufficientFiscalYearBudget")
          .withArgs(2033, yuan("1,000,000"), 0);
      });
      await expect(w.program.awardWithOptions(w.ids.b, w.category, 0, terms(t, [["1,000,000", 400]]), options(2032)))
        .to.emit(w.program, "ReservedInFiscalYear")
        .withArgs(w.grantId + 1n, 2032, yuan("1,000,000"));
      expect((await figures(w.program, 2032)).available).to.equal(0n);
      expect((await figures(w.program, 2031)).available).to.equal(yuan("2,200,000"));
    });

    it("an award naming a year that has ended is refused, also before its close, so the close returns its whole rest", async function () {
      const w = await deployFunded();
      await networkHelpers.time.increaseTo(START_2032 + 3600n);
      await expectNothingMoved(watchOf(w), async () => {
        await expect(awardNaming(w, 2031, "1,000,000"))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_FiscalYearOutOfRange")
          .withArgs(2031, 2032);
      });
      await expect(w.program.connect(w.actors.treasurer).closeFiscalYear(2031))
        .to.emit(w.program, "FiscalYearClosed")
        .withArgs(2031, yuan("2,200,000"), YearEndRule.Return);
    });

    it("an award naming a year more than ten years ahead is refused", async function () {
      const w = await deployFunded();
      await expectNothingMoved(watchOf(w), async () => {
        await expect(awardNaming(w, 2042))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_FiscalYearOutOfRange")
          .withArgs(2042, 2031);
      });
    });
  });

  describe("withdrawal", function () {
    it("withdraw takes from the current year only", async function () {
      const w = await deployFunded();
      const treasurer = w.program.connect(w.actors.treasurer);
      // The program holds 3,200,000 unreserved, 2,200,000 of it in 2031.
      await expectNothingMoved(watchOf(w), async () => {
        await expect(treasurer.withdraw(yuan("2,200,000.01")))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_InsufficientFiscalYearBudget")
          .withArgs(2031, yuan("2,200,000.01"), yuan("2,200,000"));
      });
      const sentTx = treasurer.withdraw(yuan("200,000"));
      await expect(sentTx).to.emit(w.program, "WithdrawnFromFiscalYear").withArgs(2031, yuan("200,000"));
      await expect(sentTx).to.changeTokenBalances(
        ethers,
        w.token,
        [w.program, w.actors.treasury],
        [-yuan("200,000"), yuan("200,000")],
      );
      expect((await figures(w.program, 2031)).withdrawn).to.equal(yuan("200,000"));
      expect((await figures(w.program, 2031)).available).to.equal(yuan("2,000,000"));
    });
  });

  describe("year-end close", function () {
    it("a year cannot be closed before it ends", async function () {
      const w = await deployFunded();
      const treasurer = w.program.connect(w.actors.treasurer);
      await networkHelpers.time.setNextBlockTimestamp(START_2032 - 1n);
      await expectNothingMoved(watchOf(w), async () => {
        await expect(treasurer.closeFiscalYear(2031))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_FiscalYearNotOver")
          .withArgs(2031, START_2032);
      });
    });

    it("years close in order, by the treasurer only", async function () {
      const w = await deployFunded();
      await networkHelpers.time.increaseTo(START_2032 + 400n * DAY);
      await expectNothingMoved(watchOf(w), async () => {
        await expect(w.program.connect(w.actors.treasurer).closeFiscalYear(2032))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_FiscalYearOutOfOrder")
          .withArgs(2032, 2031);
        await expect(w.program.connect(w.actors.stranger).closeFiscalYear(2031)).to.be.revertedWithCustomError(
          w.program,
          "AccessControlUnauthorizedAccount",
        );
      });
      await w.program.connect(w.actors.treasurer).closeFiscalYear(2031);
      await expect(w.program.connect(w.actors.treasurer).closeFiscalYear(2032))
        .to.emit(w.program, "FiscalYearClosed")
        .withArgs(2032, yuan("1,000,000"), YearEndRule.Return);
    });

    it("the return rule sends the year's unreserved rest to the treasury at close and closes the year for appropriations and awards", async function () {
      const w = await deployFunded();
      const treasurer = w.program.connect(w.actors.treasurer);
      await networkHelpers.time.setNextBlockTimestamp(START_2032);
      const sentTx = treasurer.closeFiscalYear(2031);
      await expect(sentTx).to.emit(w.program, "FiscalYearClosed").withArgs(2031, yuan("2,200,000"), YearEndRule.Return);
      await expect(sentTx).to.changeTokenBalances(
        ethers,
        w.token,
        [w.program, w.actors.treasury],
        [-yuan("2,200,000"), yuan("2,200,000")],
      );
      const closed = await figures(w.program, 2031);
      expect(closed).to.deep.equal({
        ...zero,
        appropriated: yuan("3,000,000"),
        committed: yuan("800,000"),
        withdrawn: yuan("2,200,000"),
        closed: true,
      });
      expect((await w.program.fiscalBook()).nextToClose).to.equal(2032n);
      // The program's ledger counts the return as a withdrawal; what 2031 reserved stays reserved.
      const ledger = await w.program.summary();
      expect([ledger.withdrawn, ledger.reserved, ledger.available]).to.deep.equal([
        yuan("2,200,000"),
        yuan("800,000"),
        yuan("1,000,000"),
      ]);
      await expectNothingMoved(watchOf(w), async () => {
        await expect(awardNaming(w, 2031))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_FiscalYearOutOfRange")
          .withArgs(2031, 2032);
        await expect(treasurer.fundFiscalYear(2031, 1n))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_FiscalYearOutOfRange")
          .withArgs(2031, 2032);
        await expect(treasurer.closeFiscalYear(2031))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_FiscalYearOutOfOrder")
          .withArgs(2031, 2032);
      });
    });

    it("the carry-over rule carries the year's unreserved rest into the next year at close", async function () {
      const w = await deployCarryOver();
      const treasurer = w.program.connect(w.actors.treasurer);
      await treasurer.fund(yuan("3,000,000"));
      await w.program.award(w.ids.a, w.category, 0, terms(await now(networkHelpers), [["700,000", 60]]));
      await networkHelpers.time.setNextBlockTimestamp(START_2032 + 10n);
      const sentTx = treasurer.closeFiscalYear(2031);
      await expect(sentTx)
        .to.emit(w.program, "FiscalYearClosed")
        .withArgs(2031, yuan("2,300,000"), YearEndRule.CarryOver);
      await expect(sentTx).to.changeTokenBalances(ethers, w.token, [w.program, w.actors.treasury], [0n, 0n]);
      expect(await figures(w.program, 2031)).to.deep.equal({
        ...zero,
        appropriated: yuan("3,000,000"),
        committed: yuan("700,000"),
        carriedOut: yuan("2,300,000"),
        closed: true,
      });
      expect(await figures(w.program, 2032)).to.deep.equal({
        ...zero,
        carriedIn: yuan("2,300,000"),
        available: yuan("2,300,000"),
      });
      // Carried money is the new year's: awarded from it, withdrawn from it.
      await w.program.award(w.ids.b, w.category, 0, terms(await now(networkHelpers), [["1,000,000", 60]]));
      await treasurer.withdraw(yuan("1,300,000"));
      expect((await figures(w.program, 2032)).available).to.equal(0n);
      expect(await w.program.available()).to.equal(0n);
    });
  });

  describe("rebuilt from the events", function () {
    it("every year's line rebuilt from the events alone (core/fiscal.ts: mg:report, mg:export, the portal and the indexer) equals the chain's, through awards, a carry-over close, a release into the new year and a withdrawal", async function () {
      const w = await deployCarryOver();
      const treasurer = w.program.connect(w.actors.treasurer);
      await treasurer.fund(yuan("3,000,000"));
      await treasurer.fundFiscalYear(2033, yuan("400,000"));
      await w.program.award(w.ids.a, w.category, 0, terms(await now(networkHelpers), [["700,000", 60]]));
      await networkHelpers.time.setNextBlockTimestamp(START_2032 + 10n);
      await treasurer.closeFiscalYear(2031);
      await w.program.cancelGrant(await w.program.grantCount(), textHash("left the base"));
      await w.program.award(w.ids.b, w.category, 0, terms(await now(networkHelpers), [["250,000", 60]]));
      await treasurer.withdraw(yuan("100,000"));
      const logs = await ethers.provider.getLogs({ address: await w.program.getAddress(), fromBlock: 0 });
      const events = logs.flatMap((log) => {
        const parsed = w.program.interface.parseLog(log);
        return parsed === null ? [] : [{ name: parsed.name, values: parsed.args.toObject() }];
      });
      const rebuilt = fiscalYearsFromEvents(events);
      expect(rebuilt.map((l) => l.year)).to.deep.equal([2031n, 2032n, 2033n]);
      for (const line of rebuilt) {
        const { closed, ...chain } = await figures(w.program, Number(line.year));
        const { year, closed: rebuiltClosed, ...fromEvents } = line;
        expect(fromEvents, `fiscal year ${year}`).to.deep.equal(chain);
        expect(rebuiltClosed).to.equal(closed);
      }
      // 2032 took 2,300,000 carried in, 700,000 released by the cancellation, 250,000 awarded, 100,000 withdrawn.
      expect(rebuilt[1].available).to.equal(yuan("2,650,000"));
      expect(rebuilt.reduce((sum, l) => sum + l.available, 0n)).to.equal(await w.program.available());
    });
  });

  describe("releases", function () {
    it("a lapse releases to the grant's year while it is open, and to the oldest open year once it is closed", async function () {
      const w = await deployFunded();
      const anyone = w.program.connect(w.actors.stranger);
      // Milestone 0 (500,000, due in 60 days) lapses in 2031: back to 2031.
      await networkHelpers.time.increase(61n * DAY);
      await expect(anyone.lapse(w.grantId, 0))
        .to.emit(w.program, "ReleasedToFiscalYear")
        .withArgs(w.grantId, 2031, yuan("500,000"));
      expect((await figures(w.program, 2031)).available).to.equal(yuan("2,700,000"));
      // 2031 is closed (its 2,700,000 returned); milestone 1 (300,000) lapses in 2032: to 2032.
      await networkHelpers.time.increaseTo(START_2032 + 1n);
      await w.program.connect(w.actors.treasurer).closeFiscalYear(2031);
      await networkHelpers.time.increase(300n * DAY);
      await expect(anyone.lapse(w.grantId, 1))
        .to.emit(w.program, "ReleasedToFiscalYear")
        .withArgs(w.grantId, 2032, yuan("300,000"));
      expect((await figures(w.program, 2031)).released).to.equal(yuan("500,000"));
      expect(await figures(w.program, 2032)).to.deep.equal({
        ...zero,
        appropriated: yuan("1,000,000"),
        released: yuan("300,000"),
        available: yuan("1,300,000"),
      });
      // The years' unreserved budgets are the program's.
      expect(await w.program.available()).to.equal(yuan("1,300,000"));
    });

    it("a cancellation releases the unpaid rest to the grant's year", async function () {
      const w = await deployFunded();
      await expect(w.program.cancelGrant(w.grantId, textHash("left the base")))
        .to.emit(w.program, "ReleasedToFiscalYear")
        .withArgs(w.grantId, 2031, yuan("800,000"));
      expect((await figures(w.program, 2031)).available).to.equal(yuan("3,000,000"));
    });
  });

  describe("a program without fiscal years", function () {
    it("refuses the fiscal-year functions and an award naming a year", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const treasurer = w.htz.connect(w.actors.treasurer);
      const htzWatch: Watch = { programs: [w.htz], token: w.token, accounts: [w.htz, w.actors.treasury] };
      await expectNothingMoved(htzWatch, async () => {
        await expect(treasurer.fundFiscalYear(2031, 1n)).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_NoFiscalYears",
        );
        await expect(treasurer.closeFiscalYear(2031)).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_NoFiscalYears",
        );
        await expect(
          w.htz.awardWithOptions(
            w.ids.a,
            w.htzCategories.get("technical-breakthrough")!,
            0,
            terms(await now(networkHelpers), [["1", 60]]),
            { fiscalYear: 2031, qualifyingDate: 0, reasonHash: textHash("decision") },
          ),
        ).to.be.revertedWithCustomError(w.htz, "GrantProgram_NoFiscalYears");
      });
      await expect(w.htz.fiscalYear(2031)).to.be.revertedWithCustomError(w.htz, "GrantProgram_NoFiscalYears");
      await expect(w.htz.fiscalYearOf(MID_2031)).to.be.revertedWithCustomError(w.htz, "GrantProgram_NoFiscalYears");
    });

    it("the factory refuses a fiscal calendar with a month outside 1–12 or a local time outside UTC-12:00 to UTC+14:00", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const factory = w.core.factory.connect(w.actors.admin);
      for (const fiscalCalendar of [
        { startMonth: 13, utcOffsetMinutes: 480, yearEnd: 0 },
        { startMonth: 1, utcOffsetMinutes: 841, yearEnd: 0 },
        { startMonth: 1, utcOffsetMinutes: -721, yearEnd: 0 },
      ]) {
        const params = { ...(await validInitParams(w)), fiscalCalendar };
        await expect(
          factory.createProgram(w.core.version, "bad calendar", w.token, w.registry, w.actors.treasury, params),
        )
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidFiscalCalendar")
          .withArgs(fiscalCalendar.startMonth, fiscalCalendar.utcOffsetMinutes);
      }
    });
  });

  describe("the calendar", function () {
    it("the views refuse a year outside 1971–9999 and a moment outside 1971-01-01 to 10000-01-01 (UTC) by name, and are exact at the edges", async function () {
      const w = await deployReturn();
      const beijing = (y: number) => BigInt(Date.UTC(y, 0, 1) / 1000) - 8n * 3600n;
      for (const year of [0, 1970, 10000, 65535]) {
        await expect(w.program.fiscalYear(year))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_OutsideCalendar")
          .withArgs(year);
      }
      const first = await w.program.fiscalYear(1971);
      const last = await w.program.fiscalYear(9999);
      expect([first.startsAt, first.endsAt, last.startsAt, last.endsAt]).to.deep.equal([
        beijing(1971),
        beijing(1972),
        beijing(9999),
        beijing(10000),
      ]);
      const firstMoment = BigInt(Date.UTC(1971, 0, 1) / 1000);
      const endMoment = BigInt(Date.UTC(10000, 0, 1) / 1000);
      for (const moment of [0n, firstMoment - 1n, endMoment, 2n ** 255n, 2n ** 256n - 1n]) {
        await expect(w.program.fiscalYearOf(moment))
          .to.be.revertedWithCustomError(w.program, "GrantProgram_OutsideCalendar")
          .withArgs(moment);
      }
      // 08:00 on 1 January 1971 in Beijing; 07:59:59 on 1 January 10000 in Beijing.
      expect(await w.program.fiscalYearOf(firstMoment)).to.equal(1971n);
      expect(await w.program.fiscalYearOf(endMoment - 1n)).to.equal(10000n);
      expect(await w.program.fiscalYearOf(beijing(10000) - 1n)).to.equal(9999n);
    });

    /** The fiscal year of `seconds` by JavaScript's own calendar: local date, then the start month. */
    function independentYear(seconds: bigint, startMonth: number, offsetMinutes: number): number {
      const local = new Date((Number(seconds) + offsetMinutes * 60) * 1000);
      const month = local.getUTCMonth() + 1;
      return month >= startMonth ? local.getUTCFullYear() : local.getUTCFullYear() - 1;
    }

    for (const [startMonth, utcOffset, offsetMinutes] of [
      [1, "+08:00", 480],
      [10, "-05:00", -300],
      [4, "+05:30", 330],
      [7, "+00:00", 0],
    ] as const) {
      it(`fiscalYearOf agrees with an independent calendar around every year boundary 2027–2099 (from month ${startMonth}, UTC${utcOffset})`, async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const definition = {
          ...testDefinition(`Calendar ${startMonth} ${utcOffset}`, [categoryDef("c", "capped", 1n, 2)]),
          fiscalYear: { startMonth, utcOffset, yearEnd: "return" as const },
        };
        const { program } = await createProgramFromDefinition(
          ethers,
          w.core,
          w.registry,
          w.actors.registryAdmin,
          definition,
          fixtureRoles(w.actors),
          await now(networkHelpers),
        );
        const moments: bigint[] = [];
        for (let year = 2027; year <= 2099; year += 1) {
          const start = BigInt(Date.UTC(year, startMonth - 1, 1) / 1000) - BigInt(offsetMinutes * 60);
          moments.push(start - 1n, start, start + 1n, start + 45n * DAY + 12345n);
          // The view's own start and end of the year are the same boundary.
          if (year % 12 === 0) {
            const view = await program.fiscalYear(year);
            expect([view.startsAt, view.endsAt]).to.deep.equal([
              start,
              BigInt(Date.UTC(year + 1, startMonth - 1, 1) / 1000) - BigInt(offsetMinutes * 60),
            ]);
          }
        }
        // Leap days and the turn of a century.
        moments.push(BigInt(Date.UTC(2028, 1, 29, 12) / 1000), BigInt(Date.UTC(2100, 2, 1) / 1000));
        const years = await Promise.all(moments.map((m) => program.fiscalYearOf(m)));
        expect(years.map(Number)).to.deep.equal(moments.map((m) => independentYear(m, startMonth, offsetMinutes)));
      });
    }
  });

  describe("eligibility windows", function () {
    const WINDOW = 365n * DAY;

    async function deployWindowed() {
      const w = await deployGuiyang();
      const admin = w.htz.connect(w.actors.admin);
      const params = {
        mode: AwardMode.Fixed,
        amount: yuan("500,000"),
        maxAwards: 0,
        maxTotal: 0n,
        exclusivityGroup: `0x${"00".repeat(32)}`,
        descriptionHash: textHash("talent introduced within the year"),
        tierGroup: 0,
        tier: 0,
        supervisionPeriod: 0,
        attestationInterval: 0,
        eligibilityWindow: WINDOW,
      };
      const category = await admin.addCategory.staticCall(params);
      await expect(admin.addCategory(params)).to.emit(w.htz, "CategoryEligibility").withArgs(category, WINDOW);
      return { ...w, category, params };
    }

    it("a category with an eligibility window refuses an award that states no qualifying date", async function () {
      const w = await networkHelpers.loadFixture(deployWindowed);
      const t = await now(networkHelpers);
      await expectNothingMoved(
        { programs: [w.htz], token: w.token, accounts: [w.htz, w.actors.companyA] },
        async () => {
          await expect(w.htz.award(w.ids.a, w.category, 0, terms(t, [["500,000", 60]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_QualifyingDateRequired")
            .withArgs(w.category);
        },
      );
    });

    it("refuses a qualifying date before the window or after the award, and accepts one inside it", async function () {
      const w = await networkHelpers.loadFixture(deployWindowed);
      const t = await now(networkHelpers);
      const reasonHash = textHash("[第二项（人才奖励）] introduced 2031-03-01");
      const award = (qualifyingDate: bigint) =>
        w.htz.awardWithOptions(w.ids.a, w.category, 0, terms(t, [["500,000", 60]]), {
          fiscalYear: 0,
          qualifyingDate,
          reasonHash,
        });
      // A year and a day before the award, and a day after it (the award is made within a minute of t).
      for (const qualifyingDate of [t - WINDOW - DAY, t + DAY]) {
        await expectNothingMoved(
          { programs: [w.htz], token: w.token, accounts: [w.htz, w.actors.companyA] },
          async () => {
            await expect(award(qualifyingDate))
              .to.be.revertedWithCustomError(w.htz, "GrantProgram_QualifyingDateOutsideWindow")
              .withArgs(w.category, qualifyingDate, anyValue, anyValue);
          },
        );
      }
      // The window's bounds are the award's own time and a year before it.
      await networkHelpers.time.setNextBlockTimestamp(t + 100n);
      await expect(award(t + 100n - WINDOW - 1n))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_QualifyingDateOutsideWindow")
        .withArgs(w.category, t + 100n - WINDOW - 1n, t + 100n - WINDOW, t + 100n);
      const grantId = (await w.htz.grantCount()) + 1n;
      await networkHelpers.time.setNextBlockTimestamp(t + 200n);
      await expect(award(t + 200n - WINDOW))
        .to.emit(w.htz, "AwardDecided")
        .withArgs(grantId, t + 200n - WINDOW, reasonHash);
    });

    it("a category without an eligibility window refuses a stated qualifying date", async function () {
      const w = await networkHelpers.loadFixture(deployWindowed);
      const t = await now(networkHelpers);
      const breakthrough = w.htzCategories.get("technical-breakthrough")!;
      await expectNothingMoved({ programs: [w.htz], token: w.token, accounts: [w.htz] }, async () => {
        await expect(
          w.htz.awardWithOptions(w.ids.a, breakthrough, 0, terms(t, [["1", 60]]), {
            fiscalYear: 0,
            qualifyingDate: t,
            reasonHash: textHash("decision"),
          }),
        )
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NoEligibilityWindow")
          .withArgs(breakthrough, t);
      });
    });

    it("refuses an eligibility window over ten years", async function () {
      const w = await networkHelpers.loadFixture(deployWindowed);
      const tooLong = { ...w.params, eligibilityWindow: 3651n * DAY };
      const before = (await w.htz.settings()).categoryCount;
      await expect(w.htz.connect(w.actors.admin).addCategory(tooLong))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidEligibilityWindow")
        .withArgs(tooLong.eligibilityWindow);
      expect((await w.htz.settings()).categoryCount).to.equal(before);
    });
  });
});
