/**
 * One schedule rule: mg:award's parsing path (tasks/manager/milestones.ts scheduleFromArgs, then
 * core milestoneTerms, as award.ts calls them) and the portal's award form (core parseSchedule, then
 * milestoneTerms, as portal/src/views.ts calls them; scheduleTerms is the two in one) give identical
 * MilestoneTerms, checked against hand-computed values; both check deadlines with core checkDeadlines.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";

import { checkDeadlines, milestoneTerms, parseSchedule, scheduleTerms } from "../../../core/schedule.js";
import { endOfDayBeijing, startOfDayBeijing } from "../../../core/time.js";
import { loadMilestoneFile, scheduleFromArgs } from "../../../tasks/manager/milestones.js";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const DECIMALS = 2;
const SCHEDULE = "400,000@2027-06-30; 500,000.5@2027-12-31; 1 000@2028-02-29";

/** Hand-computed: 23:59:59 Beijing time (UTC+8) of each date, and the documented description texts. */
const EXPECTED = [
  { amount: 40_000_000n, deadline: 1814371199n, description: "milestone 1: 400,000.00 by 2027-06-30" },
  { amount: 50_000_050n, deadline: 1830268799n, description: "milestone 2: 500,000.50 by 2027-12-31" },
  { amount: 100_000n, deadline: 1835452799n, description: "milestone 3: 1,000.00 by 2028-02-29" },
].map((m) => ({ amount: m.amount, deadline: m.deadline, descriptionHash: keccak256(toUtf8Bytes(m.description)) }));

describe("core/schedule.ts: one parser, one description rule", function () {
  it("mg:award's path gives the hand-computed amounts, deadlines and description hashes", function () {
    expect(milestoneTerms(scheduleFromArgs(SCHEDULE, undefined, DECIMALS))).to.deep.equal(EXPECTED);
  });

  it("the portal's award form gives the same MilestoneTerms as mg:award for the same text", function () {
    const task = milestoneTerms(scheduleFromArgs(SCHEDULE, undefined, DECIMALS));
    expect(scheduleTerms(SCHEDULE, DECIMALS, "里程碑")).to.deep.equal(task);
  });

  it("a milestone file without descriptions gives the same terms as the list", function () {
    const dir = mkdtempSync(path.join(tmpdir(), "mg-schedule-"));
    try {
      const file = path.join(dir, "m.json");
      writeFileSync(
        file,
        JSON.stringify([
          { amount: "400000", deadline: "2027-06-30" },
          { amount: "500,000.50", deadline: "2027-12-31" },
          { amount: "1,000", deadline: "2028-02-29" },
        ]),
      );
      expect(milestoneTerms(loadMilestoneFile(file, DECIMALS))).to.deep.equal(EXPECTED);
      expect(milestoneTerms(scheduleFromArgs(undefined, file, DECIMALS))).to.deep.equal(EXPECTED);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("hashes the terms, not the spelling: separators, spaces and full-width ；", function () {
    const respelled = " 400000 @ 2027-06-30 ；500 000.50@2027-12-31, 1,000.00@2028-02-29 ";
    expect(scheduleTerms(respelled, DECIMALS)).to.deep.equal(EXPECTED);
    expect(parseSchedule(respelled, DECIMALS).map((m) => m.amountText)).to.deep.equal([
      "400000",
      "500 000.50",
      "1,000.00",
    ]);
  });

  it("puts the deadline at the last second of the day in Beijing and the window at its first", function () {
    expect(endOfDayBeijing("2027-01-01", "--deadline")).to.equal(1798819199n);
    expect(startOfDayBeijing("2027-01-01", "--opens-at")).to.equal(1798732800n);
  });

  it("refuses bad schedules in one sentence, in English and in Chinese", function () {
    expect(() => scheduleTerms("2027-06-30", DECIMALS)).to.throw(
      '--milestones "2027-06-30" must be a list of amount@YYYY-MM-DD separated by ";", e.g. "3,000,000@2027-03-31; 2,000,000@2027-09-30".',
    );
    expect(() => scheduleTerms("0@2027-06-30", DECIMALS)).to.throw(
      '--milestones item 1 ("0@2027-06-30"): the amount is zero.',
    );
    expect(() => scheduleTerms("1@2027-06-30; 2@2027-02-30", DECIMALS)).to.throw(
      '--milestones item 2 ("2@2027-02-30") "2027-02-30" is not a calendar date.',
    );
    expect(() => scheduleTerms("1.001@2027-06-30", DECIMALS)).to.throw(
      '--milestones item 1 ("1.001@2027-06-30"): "1.001" has 3 decimals; the token has only 2.',
    );
    try {
      scheduleTerms("2027-06-30", DECIMALS, "里程碑");
      expect.fail("the schedule was accepted");
    } catch (error) {
      expect((error as { zh?: string }).zh).to.match(/^里程碑“2027-06-30”必须是.*amount@YYYY-MM-DD.*。$/);
    }
  });

  it("names the deadline rule an award would break: already passed, not after the previous one, over ten years away", function () {
    const now = 1814371199n - 10n * 86_400n; // ten days before 2027-06-30 23:59:59 (Beijing)
    const at = (date: string) => ({ date, deadline: endOfDayBeijing(date, "test") });
    const refusal = (items: Array<{ date: string; deadline: bigint }>) => {
      try {
        checkDeadlines(items, now);
        return null;
      } catch (error) {
        return { en: (error as Error).message, zh: (error as { zh?: string }).zh };
      }
    };
    expect(refusal([at("2027-06-30"), at("2027-12-31")])).to.equal(null);
    expect(refusal([at("2027-06-19")])).to.deep.equal({
      en: "Milestone #0's deadline 2027-06-19 has already passed: give a later date.",
      zh: "第 0 号里程碑的截止日期 2027-06-19 已过：请填写更晚的日期。",
    });
    expect(refusal([at("2027-12-31"), at("2027-12-31")])).to.deep.equal({
      en: "Milestone #1's deadline 2027-12-31 is not after milestone #0's (2027-12-31): each deadline must come after the one before.",
      zh: "第 1 号里程碑的截止日期 2027-12-31 不晚于第 0 号（2027-12-31）：每个截止日期须晚于前一个。",
    });
    expect(refusal([at("2027-12-31"), at("2027-09-30")])?.en).to.match(
      /^Milestone #1's deadline 2027-09-30 is not after/,
    );
    // 3,650 days from 2027-06-20: 2037-06-17 is inside the horizon, 2037-06-19 beyond it.
    expect(refusal([at("2037-06-17")])).to.equal(null);
    expect(refusal([at("2037-06-19")])?.en).to.equal(
      "Milestone #0's deadline 2037-06-19 is more than ten years away (3,650 days): give an earlier date.",
    );
  });

  it("is the only schedule parser: award.ts and the portal call core, nothing else parses amount@date", function () {
    const award = readFileSync(path.join(ROOT, "tasks/manager/award.ts"), "utf8");
    const views = readFileSync(path.join(ROOT, "portal/src/views.ts"), "utf8");
    expect(award)
      .to.match(/scheduleFromArgs\(/)
      .and.match(/checkDeadlines\(schedule,/)
      .and.match(/milestoneTerms\(schedule\)/);
    expect(views)
      .to.match(/from "\.\.\/\.\.\/core\/schedule\.js"/)
      .and.match(/parseSchedule\(schedule\.value/)
      .and.match(/checkDeadlines\(items/)
      .and.match(/milestoneTerms\(items\)/);
    for (const [file, text] of [
      ["award.ts", award],
      ["views.ts", views],
    ]) {
      expect(text, file).to.not.match(/\\d\{4\}-\\d\{2\}-\\d\{2\}|\(\\d\{4\}\)-/);
      expect(text, file).to.not.match(/milestone \$\{/);
    }
  });
});
