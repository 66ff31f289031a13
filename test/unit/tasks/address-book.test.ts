/**
 * How address books are named and checked (tasks/runtime/address-book.ts), and the build hooks of the
 * tasks plugin (tasks/hooks/solidity.ts). Two in-process chains started at different dates stand in
 * for two local nodes here; test/integration/local-nodes.test.ts does the same with real nodes.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { Contract } from "ethers";
import hre from "hardhat";
import type { CompilerOutputError } from "hardhat/types/solidity";

import {
  absentContract,
  addressBookFile,
  addressBookName,
  chainIdentity,
  codeChecker,
  setBookAside,
  type AddressBook,
} from "../../../tasks/runtime/address-book.js";
import { isFirstBuild, withoutSafeTransientStorageWarning } from "../../../tasks/hooks/solidity.js";
import { noContractCall } from "../../../tasks/runtime/output.js";

const GENESIS_A = `0x${"ab".repeat(32)}`;
const GENESIS_B = `0x${"cd".repeat(32)}`;

describe("Address books (tasks/runtime/address-book.ts)", function () {
  describe("addressBookName", function () {
    it("names a local chain's book by chain id and the first 8 hex digits of its genesis hash", function () {
      expect(addressBookName({ chainId: 31337n, genesisHash: GENESIS_A })).to.equal("31337-abababab");
      expect(addressBookName({ chainId: 1337n, genesisHash: GENESIS_B })).to.equal("1337-cdcdcdcd");
    });

    it("names a public chain's book by its chain id alone (the committed public record)", function () {
      expect(addressBookName({ chainId: 11155111n, genesisHash: GENESIS_A })).to.equal("11155111");
    });

    it("gives two chains with the same chain id and different genesis blocks two book files", async function () {
      const first = await hre.network.create({ override: { initialDate: "2026-01-01T00:00:00Z" } });
      const second = await hre.network.create({ override: { initialDate: "2026-06-01T00:00:00Z" } });
      const identities = await Promise.all(
        [first, second].map((c) => chainIdentity((method, params) => c.provider.request({ method, params }))),
      );
      expect(identities[0].chainId).to.equal(identities[1].chainId);
      expect(identities[0].genesisHash).to.not.equal(identities[1].genesisHash);
      expect(addressBookFile("books", identities[0])).to.not.equal(addressBookFile("books", identities[1]));
    });
  });

  describe("absentContract", function () {
    it("names the first recorded contract that has no code on the node", async function () {
      const { ethers } = await hre.network.create();
      const request = (method: string, params: unknown[]) => ethers.provider.send(method, params);
      const deployed = `0x${"34".repeat(20)}`;
      await request("hardhat_setCode", [deployed, "0x00"]);
      const book: AddressBook = {
        chainId: "31337",
        network: "localhost",
        token: { address: deployed, symbol: "CNY", decimals: 2, demo: true },
        registries: {},
        programs: {},
      };
      expect(await absentContract(book, codeChecker(request))).to.equal(null);
      const missing = `0x${"12".repeat(20)}`;
      book.factory = missing;
      expect(await absentContract(book, codeChecker(request))).to.deep.equal({
        label: "the factory",
        address: missing,
      });
    });
  });

  describe("noContractCall", function () {
    it('turns ethers\' raw "could not decode result data" for an address without code into the sentence', async function () {
      const { ethers } = await hre.network.create();
      const nowhere = new Contract(
        `0x${"56".repeat(20)}`,
        ["function owner() view returns (address)"],
        ethers.provider,
      );
      const error = await nowhere.owner().then(
        () => null,
        (e: unknown) => e,
      );
      expect(String(error)).to.match(/could not decode result data/);
      const sentence = noContractCall(error);
      expect(sentence?.en).to.equal(
        "The contract call owner() returned nothing: the address it used has no contract on this node; check --network and the address book, or run mg:deploy on this node.",
      );
      expect(sentence?.zh).to.match(/^合约调用 owner\(\)/);
      expect(noContractCall(new Error("execution reverted"))).to.equal(null);
    });
  });

  describe("setBookAside", function () {
    it("keeps the old book under a .replaced-<UTC time> name with its bytes unchanged", function () {
      const dir = mkdtempSync(path.join(tmpdir(), "mg-book-"));
      const file = path.join(dir, "31337-abababab.json");
      writeFileSync(file, '{"chainId": "31337"}\n');
      const aside = setBookAside(file, new Date("2026-12-03T10:11:12.345Z"));
      expect(aside).to.equal(path.join(dir, "31337-abababab.replaced-20261203T101112Z.json"));
      expect(readFileSync(aside, "utf8")).to.equal('{"chainId": "31337"}\n');
    });
  });
});

describe("Build hooks of the tasks plugin (tasks/hooks/solidity.ts)", function () {
  const warning = (file: string, errorCode = "2394"): CompilerOutputError => ({
    type: "Warning",
    component: "general",
    severity: "warning",
    errorCode,
    message: "Transient storage as defined by EIP-1153 can break the composability of smart contracts: …",
    formattedMessage: `Warning: Transient storage …\n  --> ${file}:34:1:\n`,
  });
  const ozFile = "node_modules/@openzeppelin/contracts/utils/TransientSlot.sol";

  it("drops solc's transient-storage warning on OpenZeppelin's TransientSlot.sol only", function () {
    const ours = warning("contracts/abstracts/GrantProgramState.sol");
    const other = warning(ozFile, "5574");
    expect(withoutSafeTransientStorageWarning([warning(ozFile), ours, other])).to.deep.equal([ours, other]);
    expect(withoutSafeTransientStorageWarning([warning("npm/@openzeppelin/contracts@5.7.0/utils/TransientSlot.sol")]))
      .to.be.empty;
  });

  it("is the handler Hardhat runs on every compilation job's warnings", async function () {
    const kept = warning("contracts/GrantProgram.sol");
    const printed = await hre.hooks.runHandlerChain(
      "solidity",
      "getCompilationJobErrors",
      // The default step below returns the warnings as Hardhat would; the job is not read by our handler.
      [{} as never, { sources: {}, contracts: {} } as never],
      async () => [warning(ozFile), kept],
    );
    expect(printed).to.deep.equal([kept]);
  });

  it("treats a folder without build info as the first build", function () {
    const artifacts = mkdtempSync(path.join(tmpdir(), "mg-artifacts-"));
    expect(isFirstBuild(artifacts)).to.equal(true);
    mkdirSync(path.join(artifacts, "build-info"));
    expect(isFirstBuild(artifacts)).to.equal(true);
    writeFileSync(path.join(artifacts, "build-info", "solc-0_8_28-1.json"), "{}");
    expect(isFirstBuild(artifacts)).to.equal(false);
  });
});
