import { expect } from "chai";
import { Interface, ZeroAddress, type ErrorFragment, type InterfaceAbi, type ParamType } from "ethers";
import { network } from "hardhat";

import {
  decodeError,
  decodeRevertData,
  errorSentence,
  errorSentences,
  PANICS,
  SENTENCES,
  SUITE_ERRORS_INTERFACE,
} from "../../core/messages/index.js";
import { CoreInputError } from "../../core/input-error.js";
import { DAY } from "../../scripts/lib/suite.js";
import {
  Errors__factory,
  GrantProgramFactory__factory,
  GrantProgramExtension__factory,
  GrantProgram__factory,
  EntityRegistry__factory,
  MockYuan__factory,
} from "../../typechain-types/index.js";
import { guiyangFixture, terms, yuan, ZERO_HASH } from "../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

function sampleValue(param: ParamType): unknown {
  if (param.baseType === "address") return ZeroAddress;
  if (param.baseType === "bytes32") return ZERO_HASH;
  if (param.baseType === "string") return "sample";
  if (param.baseType === "bool") return true;
  if (param.baseType.startsWith("uint") || param.baseType.startsWith("int")) return 7n;
  throw new Error(`no sample for ${param.type}`);
}

function errorFragments(abi: InterfaceAbi): ErrorFragment[] {
  return new Interface(abi).fragments.filter((f): f is ErrorFragment => f.type === "error");
}

function encodeSample(fragment: ErrorFragment): string {
  return SUITE_ERRORS_INTERFACE.encodeErrorResult(fragment, fragment.inputs.map(sampleValue));
}

describe("Revert decoder (core/messages)", function () {
  it("has a plain sentence for every custom error in Errors.sol (iterating the compiled ABI)", function () {
    const fragments = errorFragments(Errors__factory.abi);
    expect(fragments.length).to.be.greaterThan(60);
    const missing = fragments.filter((f) => SENTENCES[f.name] === undefined).map((f) => f.name);
    expect(missing, `errors without a sentence: ${missing.join(", ")}`).to.deep.equal([]);
    for (const fragment of fragments) {
      const decoded = decodeRevertData(encodeSample(fragment), { decimals: 2 });
      expect(decoded, fragment.name).to.not.equal(null);
      expect(decoded!.name).to.equal(fragment.name);
      expect(decoded!.sentence, fragment.name).to.match(/^[A-Z0-9].*[.]$/);
      expect(decoded!.sentence, fragment.name).to.not.match(/undefined|NaN|\[object/);
      expect(decoded!.sentence, fragment.name).to.not.include(fragment.name);
    }
  });

  it("has a sentence for every error the deployed contracts' ABIs can surface (OpenZeppelin included)", function () {
    const all = [
      GrantProgram__factory.abi,
      GrantProgramExtension__factory.abi,
      EntityRegistry__factory.abi,
      GrantProgramFactory__factory.abi,
      MockYuan__factory.abi,
    ].flatMap((abi) => errorFragments(abi));
    const missing = [...new Set(all.filter((f) => SENTENCES[f.name] === undefined).map((f) => f.name))];
    expect(missing).to.deep.equal([]);
    for (const fragment of all) {
      expect(decodeRevertData(encodeSample(fragment))!.sentence).to.match(/[.]$/);
    }
  });

  it("has a Chinese and an English sentence for every error in the compiled ABIs, the Chinese one all Chinese", function () {
    const all = [
      Errors__factory.abi,
      GrantProgram__factory.abi,
      GrantProgramExtension__factory.abi,
      EntityRegistry__factory.abi,
      GrantProgramFactory__factory.abi,
      MockYuan__factory.abi,
    ].flatMap((abi) => errorFragments(abi));
    expect(all.length).to.be.greaterThan(80);
    for (const fragment of all) {
      const entry = SENTENCES[fragment.name];
      expect(entry?.en, `${fragment.name}: English`).to.be.a("function");
      expect(entry?.zh, `${fragment.name}: Chinese`).to.be.a("function");
      // With and without the token's decimals: both paths of the money formatter.
      for (const ctx of [{ decimals: 2 }, {}]) {
        const { en, zh } = decodeRevertData(encodeSample(fragment), ctx)!.sentences;
        expect(en.trim(), `${fragment.name}: English`).to.not.equal("");
        expect(zh.trim(), `${fragment.name}: Chinese`).to.not.equal("");
        expect(zh, fragment.name).to.not.equal(en);
        expectAllChinese(zh, fragment.name);
      }
    }
  });

  it("writes panics and revert reasons in both languages", function () {
    const coder = SUITE_ERRORS_INTERFACE.getAbiCoder();
    for (const code of [...Object.keys(PANICS).map(Number), 0x99]) {
      const data = "0x4e487b71" + coder.encode(["uint256"], [code]).slice(2);
      const { en, zh } = decodeRevertData(data)!.sentences;
      expect(en).to.match(/^The contract stopped because .+\.$/);
      expect(zh).to.match(/^合约因.+而停止执行。$/);
      if (code !== 0x99) expectAllChinese(zh, `panic ${code}`);
    }
    const reason = "0x08c379a0" + coder.encode(["string"], ["no"]).slice(2);
    expect(decodeRevertData(reason)!.sentences).to.deep.equal({
      en: "The contract refused: no.",
      zh: "合约拒绝执行：no。",
    });
  });

  it("writes amounts in 元 with two decimals, milestones and Beijing times in Chinese", function () {
    const repayment = new Interface(GrantProgram__factory.abi).getError("GrantProgram_RepaymentTooLarge")!;
    const owed = new Interface([repayment]).encodeErrorResult(repayment, [yuan("700,000"), yuan("600,000")]);
    expect(errorSentence({ data: owed }, { decimals: 2 }, "zh")).to.equal(
      "退回金额 700,000.00 元超过应退回的 600,000.00 元。",
    );
    expect(errorSentence({ data: owed }, { decimals: 2 }, "en")).to.equal(
      "A repayment of 700,000.00 yuan is more than the 600,000.00 yuan owed.",
    );
    const lapse = new Interface(GrantProgram__factory.abi).getError("GrantProgram_DeadlineNotPassed")!;
    const data = new Interface([lapse]).encodeErrorResult(lapse, [3n, 1n, 1806508799n]);
    expect(errorSentences({ data }).zh).to.equal(
      "第 3 号资助的第 1 号里程碑须在截止日期 2027-03-31 23:59:59（北京时间）之后才能作失效处理。",
    );
  });

  it("gives our own input errors in both languages and introduces a library's English message in Chinese", function () {
    expect(errorSentences(new CoreInputError("Bad date.", "日期有误。"))).to.deep.equal({
      en: "Bad date.",
      zh: "日期有误。",
    });
    expect(errorSentences(new Error("connect ECONNREFUSED 127.0.0.1:8545\n    at stack"))).to.deep.equal({
      en: "connect ECONNREFUSED 127.0.0.1:8545",
      zh: "操作失败：connect ECONNREFUSED 127.0.0.1:8545",
    });
  });

  it("names every state of WrongMilestoneState's expected set in its sentence", function () {
    const error = new Interface(GrantProgram__factory.abi).getError("GrantProgram_WrongMilestoneState")!;
    const lapseSet = (1n << 1n) | (1n << 2n) | (1n << 3n); // Pending, Submitted, Rejected
    const data = new Interface([error]).encodeErrorResult(error, [7n, 1n, 6n, lapseSet]);
    expect(decodeRevertData(data)!.sentence).to.equal(
      "Milestone #1 of grant 7 is payable; this action needs it pending (no evidence yet) or submitted (under review) or rejected.",
    );
    expect(decodeRevertData(data)!.sentences.zh).to.equal(
      "第 7 号资助的第 1 号里程碑当前状态为“可领取”；此操作要求其状态为“待提交（尚无佐证材料）”、“已提交（评审中）”或“未通过评审”。",
    );
  });

  it("decodes a capped award over the cap into the exact yuan amounts", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const now = BigInt(await networkHelpers.time.latest());
    const product = w.htzCategories.get("application-product")!;
    const schedule = terms(now, [
      ["600,000", 30],
      ["400,000.01", 60],
    ]);
    let thrown: unknown = null;
    try {
      await w.htz.award(w.ids.c, product, 0, schedule);
    } catch (error) {
      thrown = error;
    }
    expect(errorSentence(thrown, { decimals: 2 })).to.equal(
      "The milestones add up to 1,000,000.01 yuan, above the category cap of 1,000,000.00 yuan.",
    );
    const decoded = decodeError(thrown, { decimals: 2 })!;
    expect(decoded.name).to.equal("GrantProgram_AmountOverCap");
    expect(decoded.args.total).to.equal(yuan("1,000,000.01"));
    expect(decoded.args.cap).to.equal(yuan("1,000,000"));
  });

  it("decodes access control, budget, state and registry reverts from transactions and static calls", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const { htz, actors } = w;
    const now = BigInt(await networkHelpers.time.latest());
    const lab = w.htzCategories.get("rd-platform-national")!;
    const sentenceOf = async (action: () => Promise<unknown>): Promise<string> => {
      try {
        await action();
      } catch (error) {
        return errorSentence(error, { decimals: 2 });
      }
      throw new Error("expected a revert");
    };

    expect(
      await sentenceOf(() => htz.connect(actors.stranger).award(w.ids.a, lab, 0, terms(now, [["5,000,000", 90]]))),
    ).to.equal(`${actors.stranger.address} does not hold the manager role needed for this action.`);
    expect(await sentenceOf(() => htz.connect(actors.treasurer).withdraw(yuan("20,000,000.01")))).to.equal(
      "20,000,000.01 yuan was requested but only 20,000,000.00 yuan of funded, unreserved budget is available.",
    );

    await htz.award(w.ids.a, lab, 0, terms(now, [["5,000,000", 90]]));
    expect(await sentenceOf(() => htz.connect(actors.companyA).claim.staticCall(1n, [0]))).to.equal(
      "Milestone #0 of grant 1 is pending (no evidence yet); this action needs it payable.",
    );
    // The national lab is the platform tier group's top level: the program refuses it again itself.
    expect(await sentenceOf(() => htz.award(w.ids.a, lab, 0, terms(now, [["5,000,000", 90]])))).to.equal(
      "Entity number 1 already holds level 3 of tier group 1; only a higher level than that can be awarded (not level 3).",
    );
    const breakthrough = w.htzCategories.get("technical-breakthrough")!;
    await htz.award(w.ids.a, breakthrough, 0, terms(now, [["1,000,000", 90]]));
    expect(await sentenceOf(() => htz.award(w.ids.a, breakthrough, 0, terms(now, [["1,000,000", 90]])))).to.match(
      /^Entity number 1 already holds an award of this kind \(program 0x[0-9a-fA-F]{40}\); the policy grants it only once\.$/,
    );
    expect(await sentenceOf(() => htz.lapse(1n, 0))).to.equal(
      `Milestone #0 of grant 1 can lapse only after its deadline, ${formatBeijing(now + 90n * DAY)}.`,
    );
  });

  it("falls back to the error's first line for anything that is not a revert", function () {
    expect(errorSentence(new Error("connect ECONNREFUSED 127.0.0.1:8545\n    at stack"))).to.equal(
      "connect ECONNREFUSED 127.0.0.1:8545",
    );
    expect(decodeRevertData("0xdeadbeef")).to.equal(null);
  });
});

/**
 * A Chinese sentence may quote addresses, hashes, numbers and the sample string argument, but no
 * English words: a leftover English phrase means an untranslated sentence.
 */
function expectAllChinese(zh: string, what: string): void {
  expect(zh, `${what}: no Chinese characters`).to.match(/[\u4e00-\u9fff]/);
  const rest = zh.replace(/0x[0-9a-fA-F]+/g, "").replace(/sample/g, "");
  expect(rest, `${what}: English left in the Chinese sentence`).to.not.match(/[A-Za-z]{2,}/);
}

function formatBeijing(seconds: bigint): string {
  return `${new Date((Number(seconds) + 8 * 3600) * 1000).toISOString().slice(0, 19).replace("T", " ")} (UTC+8)`;
}
