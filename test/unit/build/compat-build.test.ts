/**
 * The compatibility build profile (`compat`, evmVersion shanghai) and the chain it targets. The same test
 * runs in both suites and checks the build it finds in artifacts/:
 * - `npm test` (Cancun build): the program keeps OpenZeppelin's transient guard (TSTORE and TLOAD are in
 *   GrantProgram's code), and the Cancun chain runs TSTORE;
 * - `npm run test:compat` (compat build, `--network compat`): no deployable contract has TLOAD, TSTORE or
 *   MCOPY anywhere in its creation or runtime code, and the chain really refuses TSTORE — so the rest of
 *   that suite passing means the contracts work on an EVM without Cancun.
 * Plus the opcode walk itself on hand-made code (PUSH data and metadata are not instructions).
 */
import { readFileSync } from "node:fs";

import { expect } from "chai";
import hre, { network } from "hardhat";

import { CANCUN_OPCODES, codeLength, findOpcodes } from "../../../scripts/lib/evm-opcodes.js";
import { builtEvmVersion } from "../../../tasks/runtime/chain-support.js";
import {
  GUARD_FILE_CHANGED,
  GUARD_SOURCE,
  needsStorageGuard,
  withCompatGuard,
} from "../../../tasks/hooks/compat-guard.js";
import type { CompilerInput } from "hardhat/types/solidity";

const connection = await network.create();
const { ethers } = connection;

interface Artifact {
  contractName: string;
  sourceName: string;
  bytecode: string;
  deployedBytecode: string;
  buildInfoId: string;
}

/** Every project contract with code (what can be deployed: contracts, libraries, mocks). */
async function deployableArtifacts(): Promise<Artifact[]> {
  const names = [...(await hre.artifacts.getAllFullyQualifiedNames())].filter((n) => n.startsWith("contracts/"));
  const artifacts = await Promise.all(names.map(async (n) => (await hre.artifacts.readArtifact(n)) as Artifact));
  return artifacts.filter((a) => a.deployedBytecode.length > 2);
}

/** Creation code of a contract whose runtime is PUSH1 1, PUSH1 0, TSTORE, STOP. */
const TSTORE_RUNTIME = "600160005d00";
const TSTORE_CREATION = `0x6006600c60003960066000f3${TSTORE_RUNTIME}`;

describe("Build profiles: Cancun (default) and compat (shanghai)", function () {
  describe("the opcode walk", function () {
    it("finds TLOAD, TSTORE and MCOPY as instructions, with their offsets", function () {
      expect(findOpcodes("0x5c5d5e00")).to.deep.equal([
        { opcode: 0x5c, name: "TLOAD", offset: 0 },
        { opcode: 0x5d, name: "TSTORE", offset: 1 },
        { opcode: 0x5e, name: "MCOPY", offset: 2 },
      ]);
      expect(findOpcodes(`0x${TSTORE_RUNTIME}`)).to.deep.equal([{ opcode: 0x5d, name: "TSTORE", offset: 4 }]);
    });

    it("ignores bytes after a terminating instruction up to the next JUMPDEST (data solc appends)", function () {
      // JUMP, then data 5c 5d, then JUMPDEST and a real TSTORE; the same after STOP, REVERT and INVALID.
      for (const end of ["56", "00", "fd", "fe", "f3", "ff"]) {
        expect(findOpcodes(`0x${end}5c5d5b5d`)).to.deep.equal([{ opcode: 0x5d, name: "TSTORE", offset: 4 }]);
      }
      // A non-terminating instruction (ADD) does not stop the walk.
      expect(findOpcodes("0x015c").map((f) => f.name)).to.deep.equal(["TLOAD"]);
    });

    it("skips PUSH data (PUSH1 0x5c, PUSH2 0x5d5e, PUSH32 of 0x5c) and counts PUSH0 as carrying none", function () {
      expect(findOpcodes("0x605c615d5e7f" + "5c".repeat(32) + "00")).to.deep.equal([]);
      // The byte right after a PUSH's data is an instruction again; after PUSH0 it is the very next byte.
      expect(findOpcodes("0x605c5c5f5d")).to.deep.equal([
        { opcode: 0x5c, name: "TLOAD", offset: 2 },
        { opcode: 0x5d, name: "TSTORE", offset: 4 },
      ]);
    });

    it("leaves solc's CBOR metadata out of the walk, and only a trailer that describes one", function () {
      // 01 (ADD), then a 3-byte CBOR map a1 5c 5d and its length 0x0003: data, not code.
      const withMetadata = "0x01a15c5d0003";
      expect(codeLength(Uint8Array.from([0x01, 0xa1, 0x5c, 0x5d, 0x00, 0x03]))).to.equal(1);
      expect(findOpcodes(withMetadata)).to.deep.equal([]);
      // Same trailer length but no CBOR map where it would start: walked whole.
      expect(findOpcodes("0x015c5c5d0003").map((f) => f.offset)).to.deep.equal([1, 2, 3]);
    });

    it("knows exactly the three Cancun-only instructions", function () {
      expect(Object.keys(CANCUN_OPCODES).map(Number)).to.deep.equal([0x5c, 0x5d, 0x5e]);
    });
  });

  describe("the guard swap (tasks/hooks/compat-guard.ts)", function () {
    const guardFile = readFileSync("contracts/abstracts/ProgramReentrancyGuard.sol", "utf8");
    const oz = "npm/@openzeppelin/contracts@5.7.0";
    const input = (evmVersion: string, guard = guardFile): CompilerInput =>
      ({
        language: "Solidity",
        sources: {
          [GUARD_SOURCE]: { content: guard },
          [`${oz}/utils/ReentrancyGuardTransient.sol`]: { content: "transient guard" },
          [`${oz}/utils/TransientSlot.sol`]: { content: "transient slot" },
        },
        settings: { evmVersion, optimizer: {}, outputSelection: {} },
      }) as CompilerInput;
    const readOz = (file: string): string => `oz ${file}`;

    it("applies to EVMs before Cancun only", function () {
      expect(needsStorageGuard("shanghai")).to.equal(true);
      expect(needsStorageGuard("paris")).to.equal(true);
      expect(needsStorageGuard("cancun")).to.equal(false);
      expect(needsStorageGuard("prague")).to.equal(false);
      const cancun = input("cancun");
      expect(withCompatGuard(cancun, readOz)).to.equal(cancun);
    });

    it("for shanghai: storage guard as base, its files added, the transient files dropped", function () {
      const out = withCompatGuard(input("shanghai"), readOz);
      const guard = out.sources[GUARD_SOURCE].content;
      expect(guard).to.include("abstract contract ProgramReentrancyGuard is ReentrancyGuard {}");
      expect(guard).to.include('import { ReentrancyGuard } from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";');
      expect(guard).not.to.match(/ReentrancyGuardTransient\.sol"|is ReentrancyGuardTransient/);
      expect(Object.keys(out.sources).sort()).to.deep.equal(
        [GUARD_SOURCE, `${oz}/utils/ReentrancyGuard.sol`, `${oz}/utils/StorageSlot.sol`].sort(),
      );
      expect(out.sources[`${oz}/utils/ReentrancyGuard.sol`].content).to.equal("oz utils/ReentrancyGuard.sol");
    });

    it("refuses, in both languages, a guard file it cannot rewrite", function () {
      const edited = guardFile.replace("is ReentrancyGuardTransient {}", "is ReentrancyGuardTransient, Other {}");
      expect(() => withCompatGuard(input("shanghai", edited), readOz)).to.throw(GUARD_FILE_CHANGED.en);
      expect(() => withCompatGuard(input("shanghai", edited), readOz)).to.throw(GUARD_FILE_CHANGED.zh);
    });
  });

  describe("the build in artifacts/ and the chain it runs on", function () {
    it("compat build: no TLOAD, TSTORE or MCOPY in any deployable contract; Cancun build: the transient guard", async function () {
      const artifacts = await deployableArtifacts();
      const program = artifacts.find((a) => a.contractName === "GrantProgram");
      expect(program, "GrantProgram artifact").to.not.equal(undefined);
      expect(artifacts.length).to.be.greaterThan(10);
      const evmVersion = await builtEvmVersion(hre, "GrantProgram");
      if (needsStorageGuard(evmVersion)) {
        const offenders = artifacts.flatMap((a) =>
          [...findOpcodes(a.bytecode), ...findOpcodes(a.deployedBytecode)].map(
            (f) => `${a.sourceName}:${a.contractName} ${f.name} at ${f.offset}`,
          ),
        );
        expect(offenders).to.deep.equal([]);
      } else {
        const names = new Set(findOpcodes(program!.deployedBytecode).map((f) => f.name));
        expect([...names]).to.include.members(["TLOAD", "TSTORE"]);
      }
    });

    it("the chain matches the build: a compat run's chain refuses TSTORE, a Cancun run's executes it", async function () {
      const [deployer] = await ethers.getSigners();
      const receipt = await (await deployer.sendTransaction({ data: TSTORE_CREATION })).wait();
      const target = receipt!.contractAddress!;
      expect(await ethers.provider.getCode(target)).to.equal(`0x${TSTORE_RUNTIME}`);
      const evmVersion = await builtEvmVersion(hre, "GrantProgram");
      const call = deployer.sendTransaction({ to: target, gasLimit: 100_000 });
      let succeeded: boolean;
      try {
        succeeded = (await (await call).wait())?.status === 1;
      } catch {
        succeeded = false;
      }
      expect(succeeded).to.equal(!needsStorageGuard(evmVersion));
    });
  });
});
