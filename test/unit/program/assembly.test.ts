/**
 * How a program is assembled: GrantProgram runs the hot paths and hands every other selector to its
 * GrantProgramExtension by DELEGATECALL, in the program's own storage. These tests prove the two halves
 * agree on the storage layout, that together they implement exactly IGrantProgram, and that the
 * dispatcher refuses what neither half knows.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { expect } from "chai";
import { Interface, type FunctionFragment } from "ethers";
import { network } from "hardhat";

import {
  GrantProgramExtension__factory,
  GrantProgram__factory,
  IGrantProgram__factory,
} from "../../../typechain-types/index.js";
import { expectNothingMoved, guiyangWatch } from "../../security/helpers.js";
import { guiyangFixture, validInitParams } from "../../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

interface StorageEntry {
  label: string;
  slot: string;
  offset: number;
  type: string;
}

/** The compiler's storage layout of a project contract, read from its build info. */
function storageLayout(sourceFile: string, contract: string): StorageEntry[] {
  const artifactPath = path.join("artifacts", "contracts", sourceFile, `${contract}.json`);
  const artifact = JSON.parse(readFileSync(artifactPath, "utf8")) as { buildInfoId: string; inputSourceName: string };
  const output = JSON.parse(
    readFileSync(path.join("artifacts", "build-info", `${artifact.buildInfoId}.output.json`), "utf8"),
  ) as {
    output: { contracts: Record<string, Record<string, { storageLayout?: { storage: StorageEntry[] } }>> };
  };
  const layout = output.output.contracts[artifact.inputSourceName]?.[contract]?.storageLayout;
  if (layout === undefined) throw new Error(`no storage layout for ${contract}: is outputSelection set?`);
  // Type ids embed AST ids, which differ between the two contracts' compilations; compare their shape.
  return layout.storage.map(({ label, slot, offset, type }) => ({
    label,
    slot,
    offset,
    type: type.replace(/\)\d+_storage/g, ")_storage"),
  }));
}

function selectors(abi: Interface): Map<string, string> {
  const map = new Map<string, string>();
  abi.forEachFunction((f: FunctionFragment) => map.set(f.selector, f.format("sighash")));
  return map;
}

describe("GrantProgram and GrantProgramExtension (one program, two contracts)", function () {
  it("use the same storage layout: every slot of the program is the extension's, in the same place", function () {
    const program = storageLayout("GrantProgram.sol", "GrantProgram");
    const extension = storageLayout("GrantProgramExtension.sol", "GrantProgramExtension");
    expect(program.length).to.be.greaterThan(10);
    // Nothing extra in either half: the EIP-712 domain (ProgramVoteSignatures) stores no fallback strings.
    expect(extension).to.deep.equal(program);
  });

  it("together implement every function of IGrantProgram, and the hot half shadows only what both inherit", function () {
    const program = selectors(new Interface(GrantProgram__factory.abi));
    const extension = selectors(new Interface(GrantProgramExtension__factory.abi));
    const wanted = selectors(new Interface(IGrantProgram__factory.abi));
    const missing = [...wanted].filter(([sel]) => !program.has(sel) && !extension.has(sel)).map(([, sig]) => sig);
    expect(missing).to.deep.equal([]);
    // Functions in both halves never reach the extension through a program; they must be the
    // OpenZeppelin AccessControl/ERC165 functions both inherit from GrantProgramState (same code).
    const shared = [...program].filter(([sel]) => extension.has(sel)).map(([, sig]) => sig);
    expect(shared.sort()).to.deep.equal(
      [
        "DEFAULT_ADMIN_ROLE()",
        "getRoleAdmin(bytes32)",
        "grantRole(bytes32,address)",
        "hasRole(bytes32,address)",
        "renounceRole(bytes32,address)",
        "revokeRole(bytes32,address)",
        "supportsInterface(bytes4)",
      ].sort(),
    );
    // Nothing either half exposes is missing from the interface clients use.
    const undocumented = [...program, ...extension]
      .filter(([sel]) => !wanted.has(sel))
      .map(([, sig]) => sig)
      .filter((sig) => sig !== "extension()" && sig !== "factory()");
    expect(undocumented).to.deep.equal([]);
  });

  it("reaches the extension through the program: a view and an admin action run in the clone's storage", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    expect(await w.htz.extension()).to.equal(await w.core.extension.getAddress());
    // Categories were added through the extension at creation; the program's own award path reads them.
    const categoryCount = (await w.htz.settings()).categoryCount;
    expect(categoryCount).to.be.greaterThan(0n);
    // The extension's own storage is untouched: it holds no category and no role.
    const extensionAsProgram = IGrantProgram__factory.connect(await w.core.extension.getAddress(), ethers.provider);
    expect((await extensionAsProgram.settings()).categoryCount).to.equal(0n);
    expect(await extensionAsProgram.hasRole(`0x${"00".repeat(32)}`, w.actors.admin.address)).to.equal(false);
  });

  it("refuses a selector neither half knows, and a call that sends value, moving nothing", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const target = await w.htz.getAddress();
    await expectNothingMoved(guiyangWatch(w), async () => {
      await expect(w.actors.stranger.sendTransaction({ to: target, data: "0xdeadbeef" })).to.be.revertedWithoutReason(
        ethers,
      );
      await expect(w.actors.stranger.sendTransaction({ to: target, value: 1n })).to.be.revertedWithoutReason(ethers);
    });
    expect(await ethers.provider.getBalance(target)).to.equal(0n);
  });

  it("refuses an implementation whose extension address holds no code (ExtensionHasNoCode)", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const implementation = await ethers.getContractFactory("GrantProgram");
    const empty = w.actors.stranger.address;
    await expectNothingMoved(guiyangWatch(w), async () => {
      await expect(implementation.deploy(empty))
        .to.be.revertedWithCustomError(implementation, "GrantProgram_ExtensionHasNoCode")
        .withArgs(empty);
    });
  });

  it("refuses initialisation and role-gated actions on the extension called directly (it holds nothing)", async function () {
    const w = await networkHelpers.loadFixture(deployGuiyang);
    const extension = IGrantProgram__factory.connect(await w.core.extension.getAddress(), w.actors.stranger);
    expect(await extension.factory()).to.equal(await w.core.factory.getAddress());
    const params = await validInitParams(w);
    await expectNothingMoved(guiyangWatch(w), async () => {
      await expect(extension.initialize(params)).to.be.revertedWithCustomError(w.htz, "InvalidInitialization");
      await expect(extension.pause()).to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount");
    });
  });
});
