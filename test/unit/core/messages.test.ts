/**
 * The bilingual labels of core/messages: every milestone state and every role the contracts define
 * has a Chinese and an English label, and the formatters write money, times, milestones and
 * countdowns in both languages.
 */
import { expect } from "chai";
import { Interface, keccak256, toUtf8Bytes, type FunctionFragment } from "ethers";

import { enumNames, MilestoneState } from "../../../core/enums.js";
import { CoreInputError } from "../../../core/input-error.js";
import {
  countdownText,
  formatBeijing,
  formatMoney,
  MILESTONE_STATE_BADGES,
  MILESTONE_STATE_LABELS,
  MILESTONE_STATE_NAMES,
  milestoneRef,
  ROLE_IDS,
  ROLE_LABELS,
  roleText,
  type Bilingual,
} from "../../../core/messages/index.js";
import {
  EntityRegistry__factory,
  GrantProgramExtension__factory,
  GrantProgram__factory,
} from "../../../typechain-types/index.js";
import { TaskInputError } from "../../../tasks/runtime/args.js";

// Checked by tsc, not at run time: an input error without its Chinese sentence does not compile (if the
// argument ever became optional, these directives would be unused and tsc would fail).
// @ts-expect-error the Chinese sentence is required
void (() => new TaskInputError("English only."));
// @ts-expect-error the Chinese sentence is required
void (() => new CoreInputError("English only."));

function expectBothLanguages(label: Bilingual | undefined, what: string): void {
  expect(label?.en?.trim(), `${what}: English`).to.be.a("string").and.not.equal("");
  expect(label?.zh?.trim(), `${what}: Chinese`).to.be.a("string").and.not.equal("");
  expect(label!.zh, `${what}: Chinese in Chinese characters`).to.match(/[\u4e00-\u9fff]/);
  expect(label!.zh, `${what}: no English left in the Chinese label`).to.not.match(/[A-Za-z]{2,}/);
}

describe("Bilingual labels (core/messages)", function () {
  it("labels every milestone state in both languages, as sentence words and as badges", function () {
    for (const name of enumNames(MilestoneState)) {
      expectBothLanguages(MILESTONE_STATE_LABELS[name], `state ${name}`);
      expectBothLanguages(MILESTONE_STATE_BADGES[name], `badge ${name}`);
    }
    for (const lang of ["en", "zh"] as const) {
      expect(MILESTONE_STATE_NAMES[lang]).to.have.length(enumNames(MilestoneState).length);
      expect(new Set(MILESTONE_STATE_NAMES[lang]).size, `${lang}: two states share a label`).to.equal(
        MILESTONE_STATE_NAMES[lang].length,
      );
    }
  });

  it("labels every role the compiled contracts define, and every pseudo-role, in both languages", function () {
    for (const [key, label] of Object.entries(ROLE_LABELS)) expectBothLanguages(label, `role ${key}`);
    const roleGetters = [GrantProgram__factory.abi, GrantProgramExtension__factory.abi, EntityRegistry__factory.abi]
      .flatMap((abi) => new Interface(abi).fragments)
      .filter((f): f is FunctionFragment => f.type === "function" && /_ROLE$/.test((f as FunctionFragment).name))
      .map((f) => f.name);
    expect(roleGetters).to.include.members(["DEFAULT_ADMIN_ROLE", "MANAGER_ROLE", "REGISTRAR_ROLE", "PROGRAM_ROLE"]);
    for (const getter of new Set(roleGetters)) {
      const id = getter === "DEFAULT_ADMIN_ROLE" ? `0x${"00".repeat(32)}` : keccak256(toUtf8Bytes(getter));
      expect(Object.values(ROLE_IDS), `${getter} has no label`).to.include(id);
      expect(roleText(id, "zh"), getter).to.match(/^“[\u4e00-\u9fff]+”角色$/);
      expect(roleText(id, "en"), getter).to.match(/^the [a-z ]+ role$/);
    }
  });

  it("writes money, Beijing times, milestones and countdowns in each language", function () {
    expect(formatMoney(300_000_000n, 2, "zh")).to.equal("3,000,000.00 元");
    expect(formatMoney(300_000_000n, 2, "en")).to.equal("3,000,000.00 yuan");
    expect(formatMoney(7n, undefined, "en")).to.equal("7 token units");
    expect(formatBeijing(1806508799n, "zh")).to.equal("2027-03-31 23:59:59（北京时间）");
    expect(formatBeijing(1806508799n, "en")).to.equal("2027-03-31 23:59:59 (UTC+8)");
    expect(milestoneRef(3n, 1n, "zh")).to.equal("第 3 号资助的第 1 号里程碑");
    expect(milestoneRef(3n, 1n, "en")).to.equal("milestone #1 of grant 3");
    const left = 6 * 86400 + 23 * 3600 + 59 * 60 + 52;
    expect(countdownText(left, "zh")).to.equal("剩余 6 天 23:59:52");
    expect(countdownText(left, "en")).to.equal("ends in 6d 23:59:52");
    expect(countdownText(0, "zh")).to.equal("已结束");
    expect(countdownText(-5, "en")).to.equal("ended");
  });
});
