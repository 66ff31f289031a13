import { expect } from "chai";
import { AbiCoder, getAddress, getCreateAddress, type ContractTransactionReceipt } from "ethers";
import { network } from "hardhat";

import type { GrantProgramFactory } from "../../../typechain-types/index.js";
import { DAY } from "../../../scripts/lib/suite.js";
import {
  guiyangFixture,
  NOTICE,
  terms,
  yuan,
  ZERO_HASH,
  type GuiyangWorld,
  deployImplementation,
  validInitParams,
  type InitParams,
} from "../../utils/fixtures.js";
import { programAt } from "../../../core/program-abi.js";
import { cloneCreationCode } from "../../utils/clones.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const ZERO_ADDRESS = ethers.ZeroAddress;
const MAX_NOTICE = 90n * DAY;

/** Everything a refused factory call could have changed. */
async function factoryState(factory: GrantProgramFactory) {
  const latest = await factory.latestVersion();
  const versions = [];
  for (let v = 1n; v <= latest; v++) {
    const [impl, retired] = await factory.implementation(v);
    versions.push({ impl, retired });
  }
  return { latest, versions, programCount: await factory.programCount() };
}

/** createProgram's arguments for `version`: the fixture's token, registry and treasury, valid parameters. */
async function createArgs(w: Awaited<ReturnType<typeof deployGuiyang>>, version: bigint, name: string) {
  return [
    version,
    name,
    await w.token.getAddress(),
    await w.registry.getAddress(),
    w.actors.treasury.address,
    await validInitParams(w),
  ] as const;
}

describe("GrantProgramFactory", function () {
  describe("registerImplementation", function () {
    describe("when the owner registers a new contract", function () {
      it("assigns the next version number and emits ImplementationRegistered", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const impl = await deployImplementation(ethers, await factory.getAddress());
        const implAddress = await impl.getAddress();
        await expect(factory.connect(w.actors.deployer).registerImplementation(implAddress))
          .to.emit(factory, "ImplementationRegistered")
          .withArgs(2n, implAddress);
        expect(await factory.latestVersion()).to.equal(2n);
        const [stored, retired] = await factory.implementation(2n);
        expect(stored).to.equal(implAddress);
        expect(retired).to.equal(false);
      });
    });

    describe("when the implementation is not a contract", function () {
      it("refuses an address without code", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const before = await factoryState(factory);
        await expect(factory.connect(w.actors.deployer).registerImplementation(w.actors.stranger.address))
          .to.be.revertedWithCustomError(factory, "GrantProgramFactory_NotAContract")
          .withArgs(w.actors.stranger.address);
        await expect(factory.connect(w.actors.deployer).registerImplementation(ZERO_ADDRESS))
          .to.be.revertedWithCustomError(factory, "GrantProgramFactory_NotAContract")
          .withArgs(ZERO_ADDRESS);
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });

    describe("when the implementation is bound to another factory", function () {
      it("refuses an implementation whose extension names another factory (ForeignImplementation)", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const before = await factoryState(factory);
        const other = w.actors.stranger.address;
        const foreign = await deployImplementation(ethers, other);
        const foreignAddress = await foreign.getAddress();
        await expect(factory.connect(w.actors.deployer).registerImplementation(foreignAddress))
          .to.be.revertedWithCustomError(factory, "GrantProgramFactory_ForeignImplementation")
          .withArgs(foreignAddress, other);
        expect(await factoryState(factory)).to.deep.equal(before);
      });

      it("refuses a contract that is not a program implementation (ForeignImplementation with factory zero)", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const before = await factoryState(factory);
        const tokenAddress = await w.token.getAddress();
        await expect(factory.connect(w.actors.deployer).registerImplementation(tokenAddress))
          .to.be.revertedWithCustomError(factory, "GrantProgramFactory_ForeignImplementation")
          .withArgs(tokenAddress, ZERO_ADDRESS);
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });

    describe("when the implementation is already known", function () {
      it("refuses to register the same implementation twice", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory, implementation } = w.core;
        const before = await factoryState(factory);
        const implAddress = await implementation.getAddress();
        await expect(factory.connect(w.actors.deployer).registerImplementation(implAddress))
          .to.be.revertedWithCustomError(factory, "GrantProgramFactory_ImplementationKnown")
          .withArgs(implAddress);
        expect(await factoryState(factory)).to.deep.equal(before);
      });

      it("refuses to re-register an implementation after its version was retired", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory, implementation } = w.core;
        await factory.connect(w.actors.deployer).retireVersion(1n);
        const before = await factoryState(factory);
        const implAddress = await implementation.getAddress();
        await expect(factory.connect(w.actors.deployer).registerImplementation(implAddress))
          .to.be.revertedWithCustomError(factory, "GrantProgramFactory_ImplementationKnown")
          .withArgs(implAddress);
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });

    describe("when the caller is not the owner", function () {
      it("refuses a non-owner", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const impl = await deployImplementation(ethers, await factory.getAddress());
        const before = await factoryState(factory);
        await expect(factory.connect(w.actors.admin).registerImplementation(await impl.getAddress()))
          .to.be.revertedWithCustomError(factory, "OwnableUnauthorizedAccount")
          .withArgs(w.actors.admin.address);
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });
  });

  describe("retireVersion", function () {
    describe("when the owner retires a live version", function () {
      it("marks the version retired and emits VersionRetired", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory, implementation } = w.core;
        await expect(factory.connect(w.actors.deployer).retireVersion(1n))
          .to.emit(factory, "VersionRetired")
          .withArgs(1n);
        const [impl, retired] = await factory.implementation(1n);
        expect(impl).to.equal(await implementation.getAddress());
        expect(retired).to.equal(true);
      });

      it("leaves running programs of the retired version working", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        await factory.connect(w.actors.deployer).retireVersion(1n);
        const htzAddress = await w.htz.getAddress();
        expect(await factory.versionOf(htzAddress)).to.equal(1n);

        const now = BigInt(await networkHelpers.time.latest());
        const lab = w.htzCategories.get("rd-platform-national")!;
        await expect(w.htz.award(w.ids.a, lab, 0, terms(now, [["5,000,000", 90]]))).to.emit(w.htz, "GrantAwarded");
        await w.token.mint(w.actors.treasurer.address, yuan("1,000"));
        await w.token.connect(w.actors.treasurer).approve(htzAddress, yuan("1,000"));
        await w.htz.connect(w.actors.treasurer).fund(yuan("1,000"));
        await w.htz.connect(w.actors.treasurer).withdraw(yuan("1,000"));
        const s = await w.htz.summary();
        expect(s.reserved).to.equal(yuan("5,000,000"));
        expect(s.available).to.equal(yuan("15,000,000"));
      });
    });

    describe("when the version is unknown", function () {
      it("refuses version 0 and a version never registered", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const before = await factoryState(factory);
        for (const version of [0n, 2n]) {
          await expect(factory.connect(w.actors.deployer).retireVersion(version))
            .to.be.revertedWithCustomError(factory, "GrantProgramFactory_UnknownVersion")
            .withArgs(version);
        }
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });

    describe("when the version is already retired", function () {
      it("refuses to retire a version twice", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        await factory.connect(w.actors.deployer).retireVersion(1n);
        const before = await factoryState(factory);
        await expect(factory.connect(w.actors.deployer).retireVersion(1n))
          .to.be.revertedWithCustomError(factory, "GrantProgramFactory_UnknownVersion")
          .withArgs(1n);
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });

    describe("when the caller is not the owner", function () {
      it("refuses a non-owner", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const before = await factoryState(factory);
        await expect(factory.connect(w.actors.stranger).retireVersion(1n))
          .to.be.revertedWithCustomError(factory, "OwnableUnauthorizedAccount")
          .withArgs(w.actors.stranger.address);
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });
  });

  describe("programAt", function () {
    it("derives each program from its position (the factory's CREATE nonce), past one-byte nonces too", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const { factory } = w.core;
      const factoryAddress = await factory.getAddress();
      const args = await createArgs(w, 1n, "Test programme");
      const created: string[] = [await w.htz.getAddress(), await w.city.getAddress()];
      // Nonces 1..130: one-byte RLP up to 0x7f, then 0x81 followed by one byte.
      while (created.length < 130) {
        created.push(await factory.createProgram.staticCall(...args));
        await factory.createProgram(...args);
      }
      expect(await factory.programCount()).to.equal(130n);
      for (const i of [0, 1, 126, 127, 128, 129]) {
        expect(await factory.programAt(BigInt(i))).to.equal(created[i]);
        expect(created[i]).to.equal(getCreateAddress({ from: factoryAddress, nonce: i + 1 }));
      }
    });

    it("never names a contract that is not a program: with the factory's nonce moved (as if it had created something else), the shifted position is refused", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const { factory } = w.core;
      const factoryAddress = await factory.getAddress();
      await networkHelpers.setNonce(factoryAddress, 300);
      const args = await createArgs(w, 1n, "Test programme");
      const third = await factory.createProgram.staticCall(...args);
      await factory.createProgram(...args);
      expect(third).to.equal(getCreateAddress({ from: factoryAddress, nonce: 300 }));
      expect(await factory.versionOf(third)).to.equal(1n);
      // Position 2 derives nonce 3, where nothing of this factory's lives: refused, not a wrong address.
      await expect(factory.programAt(2n))
        .to.be.revertedWithCustomError(factory, "GrantProgramFactory_NoSuchProgram")
        .withArgs(2n, 3n);
      expect(await factory.programAt(0n)).to.equal(await w.htz.getAddress());
      expect(await factory.programAt(1n)).to.equal(await w.city.getAddress());
    });

    it("refuses a position at or past the number of programs (GrantProgramFactory_NoSuchProgram)", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const { factory } = w.core;
      await expect(factory.programAt(2n))
        .to.be.revertedWithCustomError(factory, "GrantProgramFactory_NoSuchProgram")
        .withArgs(2n, 2n);
    });
  });

  describe("createProgram", function () {
    describe("when the arguments are valid", function () {
      it("creates an initialised clone, emits ProgramCreated and records it", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const params = await validInitParams(w);
        const tokenAddress = await w.token.getAddress();
        const registryAddress = await w.registry.getAddress();
        const args = [1n, "Test programme", tokenAddress, registryAddress, w.actors.treasury.address, params] as const;
        const predicted = await factory.connect(w.actors.stranger).createProgram.staticCall(...args);

        await expect(factory.connect(w.actors.stranger).createProgram(...args))
          .to.emit(factory, "ProgramCreated")
          .withArgs(
            predicted,
            1n,
            w.actors.admin.address,
            tokenAddress,
            registryAddress,
            w.actors.treasury.address,
            "Test programme",
          );
        expect(await factory.programCount()).to.equal(3n);
        expect(await factory.programAt(0n)).to.equal(await w.htz.getAddress());
        expect(await factory.programAt(1n)).to.equal(await w.city.getAddress());
        expect(await factory.programAt(2n)).to.equal(predicted);
        expect(await factory.versionOf(predicted)).to.equal(1n);
        expect(await factory.versionOf(w.actors.stranger.address)).to.equal(0n);

        const program = programAt(predicted, (await ethers.getSigners())[0]);
        expect(await program.token()).to.equal(tokenAddress);
        expect(await program.registry()).to.equal(registryAddress);
        expect(await program.treasury()).to.equal(w.actors.treasury.address);
        expect(await program.factory()).to.equal(await factory.getAddress());
        expect(await program.hasRole(ZERO_HASH, w.actors.admin.address)).to.equal(true);
        expect(await program.hasRole(await program.MANAGER_ROLE(), w.actors.manager.address)).to.equal(true);
        expect(await program.hasRole(await program.TREASURER_ROLE(), w.actors.treasurer.address)).to.equal(true);
        expect(await program.hasRole(await program.GUARDIAN_ROLE(), w.actors.guardian.address)).to.equal(true);
        expect(await program.hasRole(ZERO_HASH, await factory.getAddress())).to.equal(false);
        const s = await program.settings();
        expect(s.quorum).to.equal(3n);
        expect(s.reviewerSlotsUsed).to.equal(4n);
        expect(s.noticePeriod).to.equal(NOTICE);
        expect(s.windowOpensAt).to.equal(params.windowOpensAt);
        expect(s.windowClosesAt).to.equal(params.windowClosesAt);
        for (const [i, reviewer] of w.actors.reviewers.entries()) {
          expect(await program.reviewerSlot(reviewer.address)).to.equal(BigInt(i + 1));
        }
      });

      it("bakes the creation's token, registry and treasury into the seed programs", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        for (const program of [w.htz, w.city]) {
          expect(await program.token()).to.equal(await w.token.getAddress());
          expect(await program.registry()).to.equal(await w.registry.getAddress());
          expect(await program.treasury()).to.equal(w.actors.treasury.address);
        }
      });

      it("accepts a notice period of exactly 90 days", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), noticePeriod: MAX_NOTICE };
        await expect(
          w.core.factory.createProgram(
            1n,
            "Long notice",
            await w.token.getAddress(),
            await w.registry.getAddress(),
            w.actors.treasury.address,
            params,
          ),
        ).to.emit(w.core.factory, "ProgramCreated");
      });

      it("creates programs on a newly registered version", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const impl = await deployImplementation(ethers, await factory.getAddress());
        await factory.connect(w.actors.deployer).registerImplementation(await impl.getAddress());
        await factory.connect(w.actors.deployer).retireVersion(1n);
        const args = await createArgs(w, 2n, "Version 2 programme");
        const predicted = await factory.createProgram.staticCall(...args);
        await factory.createProgram(...args);
        expect(await factory.versionOf(predicted)).to.equal(2n);
      });
    });

    describe("when the version is unknown or retired", function () {
      it("refuses version 0, an unregistered version and a retired version", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        await factory.connect(w.actors.deployer).retireVersion(1n);
        const before = await factoryState(factory);
        for (const version of [0n, 2n, 1n]) {
          await expect(
            factory.createProgram(
              version,
              "Refused",
              await w.token.getAddress(),
              await w.registry.getAddress(),
              w.actors.treasury.address,
              await validInitParams(w),
            ),
          )
            .to.be.revertedWithCustomError(factory, "GrantProgramFactory_UnknownVersion")
            .withArgs(version);
        }
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });

    describe("when a money address is zero", function () {
      it("refuses a zero token, a zero registry and a zero treasury", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory } = w.core;
        const token = await w.token.getAddress();
        const registry = await w.registry.getAddress();
        const treasury = w.actors.treasury.address;
        const params = await validInitParams(w);
        const before = await factoryState(factory);
        const cases: Array<[string, string, string, string]> = [
          ["token", ZERO_ADDRESS, registry, treasury],
          ["registry", token, ZERO_ADDRESS, treasury],
          ["treasury", token, registry, ZERO_ADDRESS],
        ];
        for (const [what, t, r, tr] of cases) {
          await expect(factory.createProgram(1n, "Refused", t, r, tr, params)).to.be.revertedWithCustomError(
            factory,
            `GrantProgramFactory_Zero${what.charAt(0).toUpperCase()}${what.slice(1)}`,
          );
        }
        expect(await factoryState(factory)).to.deep.equal(before);
      });
    });

    describe("when initialisation is refused", function () {
      async function expectInitRefusal(
        w: GuiyangWorld,
        params: InitParams,
        error: string,
        args: ReadonlyArray<string | bigint | number>,
      ): Promise<void> {
        const { factory } = w.core;
        const before = await factoryState(factory);
        await expect(
          factory.createProgram(
            1n,
            "Refused",
            await w.token.getAddress(),
            await w.registry.getAddress(),
            w.actors.treasury.address,
            params,
          ),
        )
          .to.be.revertedWithCustomError(w.htz, error)
          .withArgs(...args);
        expect(await factoryState(factory)).to.deep.equal(before);
      }

      it("refuses a zero admin", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), admin: ZERO_ADDRESS };
        await expectInitRefusal(w, params, "GrantProgram_ZeroAdmin", []);
      });

      it("refuses a zero treasurer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), treasurer: ZERO_ADDRESS };
        await expectInitRefusal(w, params, "GrantProgram_ZeroTreasurer", []);
      });

      it("refuses a zero guardian", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), guardian: ZERO_ADDRESS };
        await expectInitRefusal(w, params, "GrantProgram_ZeroGuardian", []);
      });

      it("refuses a zero manager", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), managers: [w.actors.manager.address, ZERO_ADDRESS] };
        await expectInitRefusal(w, params, "GrantProgram_ZeroManager", []);
      });

      it("refuses a zero reviewer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        const params = { ...base, reviewers: [...base.reviewers, ZERO_ADDRESS] };
        await expectInitRefusal(w, params, "GrantProgram_ZeroReviewer", []);
      });

      it("refuses a reviewer listed twice", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        const params = { ...base, reviewers: [...base.reviewers, base.reviewers[1]] };
        await expectInitRefusal(w, params, "GrantProgram_DuplicateReviewer", [base.reviewers[1]]);
      });

      it("refuses a quorum of zero", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), quorum: 0 };
        await expectInitRefusal(w, params, "GrantProgram_InvalidQuorum", [0, 4]);
      });

      it("refuses a quorum above the number of reviewers", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), quorum: 5 };
        await expectInitRefusal(w, params, "GrantProgram_InvalidQuorum", [5, 4]);
      });

      it("refuses a quorum when no reviewer is named", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), reviewers: [], quorum: 1 };
        await expectInitRefusal(w, params, "GrantProgram_InvalidQuorum", [1, 0]);
      });

      it("refuses 17 reviewers, one more than the bitmap holds", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const reviewers = Array.from({ length: 17 }, () => ethers.Wallet.createRandom().address);
        const params = { ...(await validInitParams(w)), reviewers };
        await expectInitRefusal(w, params, "GrantProgram_TooManyReviewers", [16]);
      });

      it("accepts exactly 16 reviewers", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const reviewers = Array.from({ length: 16 }, () => ethers.Wallet.createRandom().address);
        const params = { ...(await validInitParams(w)), reviewers, quorum: 16 };
        await expect(
          w.core.factory.createProgram(
            1n,
            "Full committee",
            await w.token.getAddress(),
            await w.registry.getAddress(),
            w.actors.treasury.address,
            params,
          ),
        ).to.emit(w.core.factory, "ProgramCreated");
      });

      it("refuses an empty window (opens at the second it closes)", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        const params = { ...base, windowClosesAt: base.windowOpensAt };
        await expectInitRefusal(w, params, "GrantProgram_InvalidWindow", [base.windowOpensAt, base.windowOpensAt]);
      });

      it("refuses a reversed window", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        const params = { ...base, windowOpensAt: base.windowClosesAt, windowClosesAt: base.windowOpensAt };
        await expectInitRefusal(w, params, "GrantProgram_InvalidWindow", [base.windowClosesAt, base.windowOpensAt]);
      });

      it("refuses a notice period one second above 90 days", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = { ...(await validInitParams(w)), noticePeriod: MAX_NOTICE + 1n };
        await expectInitRefusal(w, params, "GrantProgram_NoticePeriodTooLong", [MAX_NOTICE + 1n, MAX_NOTICE]);
      });

      it("refuses a program without a public notice period: zero, or one second under one day (NoticePeriodTooShort)", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        await expectInitRefusal(w, { ...base, noticePeriod: 0n }, "GrantProgram_NoticePeriodTooShort", [0n, DAY]);
        await expectInitRefusal(w, { ...base, noticePeriod: DAY - 1n }, "GrantProgram_NoticePeriodTooShort", [
          DAY - 1n,
          DAY,
        ]);
      });

      it("refuses a reviewer who is also a manager", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        const params = { ...base, reviewers: [...base.reviewers, w.actors.manager.address] };
        await expectInitRefusal(w, params, "GrantProgram_RoleConflict", [
          w.actors.manager.address,
          await w.htz.MANAGER_ROLE(),
          await w.htz.REVIEWER(),
        ]);
      });

      it("refuses a reviewer who is also the treasurer", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        const params = { ...base, reviewers: [w.actors.treasurer.address, ...base.reviewers] };
        await expectInitRefusal(w, params, "GrantProgram_RoleConflict", [
          w.actors.treasurer.address,
          await w.htz.TREASURER_ROLE(),
          await w.htz.REVIEWER(),
        ]);
      });
    });
  });

  describe("clone safety", function () {
    it("refuses a second initialize on a running clone, even with valid parameters", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const params = await validInitParams(w);
      const before = await w.htz.summary();
      const settingsBefore = await w.htz.settings();
      for (const caller of [w.actors.stranger, w.actors.admin]) {
        await expect(w.htz.connect(caller).initialize(params)).to.be.revertedWithCustomError(
          w.htz,
          "InvalidInitialization",
        );
      }
      expect(await w.htz.summary()).to.deep.equal(before);
      expect(await w.htz.settings()).to.deep.equal(settingsBefore);
    });

    it("refuses a second initialize on a running clone even from the factory's own address", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const factoryAddress = await w.core.factory.getAddress();
      await networkHelpers.impersonateAccount(factoryAddress);
      await networkHelpers.setBalance(factoryAddress, 10n ** 18n);
      const asFactory = await ethers.getSigner(factoryAddress);
      const params = { ...(await validInitParams(w)), admin: w.actors.stranger.address };
      await expect(w.htz.connect(asFactory).initialize(params)).to.be.revertedWithCustomError(
        w.htz,
        "InvalidInitialization",
      );
      expect(await w.htz.hasRole(ZERO_HASH, w.actors.stranger.address)).to.equal(false);
    });

    it("refuses initialize on the implementation, from anyone including the factory", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const { factory } = w.core;
      // The implementation, seen through the whole program interface (initialize lives in its extension).
      const implementation = programAt(await w.core.implementation.getAddress(), w.actors.stranger);
      const params = await validInitParams(w);
      await expect(implementation.connect(w.actors.stranger).initialize(params)).to.be.revertedWithCustomError(
        implementation,
        "InvalidInitialization",
      );
      const factoryAddress = await factory.getAddress();
      await networkHelpers.impersonateAccount(factoryAddress);
      await networkHelpers.setBalance(factoryAddress, 10n ** 18n);
      const asFactory = await ethers.getSigner(factoryAddress);
      await expect(implementation.connect(asFactory).initialize(params)).to.be.revertedWithCustomError(
        implementation,
        "InvalidInitialization",
      );
      expect(await implementation.hasRole(ZERO_HASH, w.actors.admin.address)).to.equal(false);
    });

    it("refuses initialize by anyone but the factory on a clone deployed outside the factory", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const { implementation } = w.core;
      const args = AbiCoder.defaultAbiCoder().encode(
        ["address", "address", "address"],
        [await w.token.getAddress(), await w.registry.getAddress(), w.actors.stranger.address],
      );
      const tx = await w.actors.stranger.sendTransaction({
        data: cloneCreationCode(await implementation.getAddress(), args),
      });
      const receipt = (await tx.wait()) as ContractTransactionReceipt;
      const cloneAddress = getAddress(receipt.contractAddress!);
      const clone = programAt(cloneAddress, (await ethers.getSigners())[0]);
      expect(await clone.treasury()).to.equal(w.actors.stranger.address);

      const params = { ...(await validInitParams(w)), admin: w.actors.stranger.address };
      await expect(clone.connect(w.actors.stranger).initialize(params))
        .to.be.revertedWithCustomError(clone, "GrantProgram_NotFactory")
        .withArgs(w.actors.stranger.address);
      expect(await clone.hasRole(ZERO_HASH, w.actors.stranger.address)).to.equal(false);
      expect(await w.core.factory.versionOf(cloneAddress)).to.equal(0n);
    });
  });
});
