import { expect } from "chai";
import { Interface, ZeroAddress, type ErrorFragment, type InterfaceAbi, type ParamType } from "ethers";
import { network } from "hardhat";

import {
  decodeError,
  decodeRevertData,
  errorSentence,
  SENTENCES,
  SUITE_ERRORS_INTERFACE,
} from "../../scripts/lib/errors.js";
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

describe("Revert decoder (scripts/lib/errors.ts)", function () {
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

  it("names every state of WrongMilestoneState's expected set in its sentence", function () {
    const error = new Interface(GrantProgram__factory.abi).getError("GrantProgram_WrongMilestoneState")!;
    const lapseSet = (1n << 1n) | (1n << 2n) | (1n << 3n); // Pending, Submitted, Rejected
    const data = new Interface([error]).encodeErrorResult(error, [7n, 1n, 6n, lapseSet]);
    expect(decodeRevertData(data)!.sentence).to.equal(
      "Milestone #1 of grant 7 is payable; this action needs it pending (no evidence yet) or submitted (under review) or rejected.",
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
    expect(await sentenceOf(() => htz.award(w.ids.a, lab, 0, terms(now, [["5,000,000", 90]])))).to.match(
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

function formatBeijing(seconds: bigint): string {
  return `${new Date((Number(seconds) + 8 * 3600) * 1000).toISOString().slice(0, 19).replace("T", " ")} (UTC+8)`;
}
