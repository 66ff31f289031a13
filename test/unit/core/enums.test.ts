/**
 * Drift test: core/enums.ts against the compiled Solidity. Reads the EnumDefinition nodes of the
 * AST in Hardhat's build info (artifacts/build-info/*.output.json, written by `npx hardhat compile`,
 * which `hardhat test` runs first) and compares member names and order with core's enums.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";

import {
  enumNames,
  milestoneStateBitmap,
  milestoneStateName,
  milestoneStatesOf,
  MilestoneState,
  SOLIDITY_ENUMS,
} from "../../../core/enums.js";

interface AstNode {
  nodeType: string;
  name?: string;
  canonicalName?: string;
  members?: Array<{ name: string }>;
  nodes?: AstNode[];
}

const BUILD_INFO = path.resolve(import.meta.dirname, "../../../artifacts/build-info");
const TYPE_FILES = ["project/contracts/types/ProgramTypes.sol", "project/contracts/types/RegistryTypes.sol"];

/** The enums of the newest build info that compiled the type files, keyed by canonical name. */
function solidityEnums(): Map<string, { file: string; members: string[] }> {
  const outputs = readdirSync(BUILD_INFO)
    .filter((f) => f.endsWith(".output.json"))
    .map((f) => path.join(BUILD_INFO, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const file of outputs) {
    const build = JSON.parse(readFileSync(file, "utf8")) as {
      output: { sources: Record<string, { ast: AstNode }> };
    };
    const sources = build.output.sources;
    if (!TYPE_FILES.every((f) => sources[f] !== undefined)) continue;
    const found = new Map<string, { file: string; members: string[] }>();
    for (const [source, { ast }] of Object.entries(sources)) {
      if (!source.startsWith("project/contracts/")) continue;
      const visit = (node: AstNode): void => {
        if (node.nodeType === "EnumDefinition") {
          found.set(node.canonicalName ?? node.name ?? "?", {
            file: source,
            members: (node.members ?? []).map((m) => m.name),
          });
        }
        for (const child of node.nodes ?? []) visit(child);
      };
      visit(ast);
    }
    return found;
  }
  throw new Error(`No build info in ${BUILD_INFO} compiles ${TYPE_FILES.join(" and ")}: run npx hardhat compile.`);
}

describe("core/enums.ts against the compiled contracts", function () {
  const solidity = solidityEnums();

  for (const [name, members] of Object.entries(SOLIDITY_ENUMS)) {
    it(`${name} has the same members in the same order as the Solidity enum`, function () {
      const declared = solidity.get(name);
      expect(declared, `the contracts declare no enum ${name}`).to.not.equal(undefined);
      expect(TYPE_FILES).to.include(declared?.file);
      expect(members).to.deep.equal(declared?.members);
    });
  }

  it("the contracts declare no enum that core does not describe (no second milestone enum such as MilestoneStatus)", function () {
    const undescribed = [...solidity.keys()].filter((name) => SOLIDITY_ENUMS[name] === undefined);
    expect(undescribed, `enums core/enums.ts does not describe: ${undescribed.join(", ")}`).to.deep.equal([]);
  });
});

describe("core/enums.ts helpers", function () {
  it("lists an enum's names in value order", function () {
    expect(enumNames(MilestoneState)).to.deep.equal([
      "None",
      "Pending",
      "Submitted",
      "Rejected",
      "InNotice",
      "Contested",
      "Payable",
      "Paid",
      "Lapsable",
      "Lapsed",
      "Cancelled",
    ]);
  });

  it("turns a uint16 state bitmap into state names and back", function () {
    // bit 2 (Submitted) + bit 5 (Contested) = 4 + 32
    expect(milestoneStatesOf(36)).to.deep.equal(["Submitted", "Contested"]);
    // bit 6 (Payable) + bit 8 (Lapsable) = 64 + 256, as a bigint from ethers
    expect(milestoneStatesOf(320n)).to.deep.equal(["Payable", "Lapsable"]);
    expect(milestoneStatesOf(0)).to.deep.equal([]);
    expect(milestoneStateBitmap(["InNotice", "Payable"])).to.equal(80);
    expect(milestoneStatesOf(0b11111111111)).to.have.length(11);
  });

  it("refuses bitmaps that name no state and numbers that are not states, in one sentence", function () {
    expect(() => milestoneStatesOf(1 << 11)).to.throw(/sets a bit above 10, which names no milestone state\.$/);
    expect(() => milestoneStatesOf(0x10000)).to.throw(/is not a uint16 bitmap of milestone states\.$/);
    expect(milestoneStateName(7n)).to.equal("Paid");
    expect(() => milestoneStateName(11)).to.throw("11 is not a milestone state: the states are numbered 0 to 10.");
  });
});
