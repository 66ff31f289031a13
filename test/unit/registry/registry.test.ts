import { expect } from "chai";
import { network } from "hardhat";

import type { EntityRegistry } from "../../../typechain-types/index.js";
import { DAY } from "../../../scripts/lib/suite.js";
import { EntityKind } from "../../../core/enums.js";
import { companyId, groupAwardKey, individualCommitment } from "../../../core/ids.js";
import { guiyangFixture, terms, WALLET_DELAY, ZERO_HASH, type GuiyangWorld } from "../../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const ZERO_ADDRESS = ethers.ZeroAddress;
const MAX_DELAY = 90n * DAY;

/** Everything a refused registry call could have changed for the entities it touches. */
async function registryState(registry: EntityRegistry, entityNos: bigint[]) {
  const entities = [];
  for (const no of entityNos) {
    const record = await registry.entity(no);
    const change = await registry.pendingWalletChange(no);
    entities.push({
      wallet: record.wallet,
      registeredAt: record.registeredAt,
      kind: record.kind,
      openRecoveries: record.openRecoveries,
      newWallet: change.newWallet,
      effectiveAt: change.effectiveAt,
      id: await registry.entityIdOf(no),
      walletOwner: await registry.entityNoOfWallet(record.wallet),
    });
  }
  return { count: await registry.entityCount(), entities };
}

async function load(): Promise<GuiyangWorld & { allNos: bigint[] }> {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  return { ...w, allNos: [w.nos.a, w.nos.b, w.nos.c] };
}

describe("EntityRegistry", function () {
  describe("constructor", function () {
    it("refuses a zero admin", async function () {
      const w = await load();
      const registryFactory = await ethers.getContractFactory("EntityRegistry");
      await expect(registryFactory.deploy(ZERO_ADDRESS, WALLET_DELAY)).to.be.revertedWithCustomError(
        w.registry,
        "EntityRegistry_ZeroAdmin",
      );
    });

    it("refuses a wallet change delay one second above 90 days", async function () {
      const w = await load();
      const registryFactory = await ethers.getContractFactory("EntityRegistry");
      await expect(registryFactory.deploy(w.actors.registryAdmin.address, MAX_DELAY + 1n))
        .to.be.revertedWithCustomError(w.registry, "EntityRegistry_DelayTooLong")
        .withArgs(MAX_DELAY + 1n, MAX_DELAY);
    });

    it("refuses a wallet change delay of zero or under one day (DelayTooShort): no registrar redirects a payout at once", async function () {
      const w = await load();
      const registryFactory = await ethers.getContractFactory("EntityRegistry");
      const min = await w.registry.MIN_WALLET_CHANGE_DELAY();
      expect(min).to.equal(24n * 60n * 60n);
      for (const delay of [0n, min - 1n]) {
        await expect(registryFactory.deploy(w.actors.registryAdmin.address, delay))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_DelayTooShort")
          .withArgs(delay, min);
      }
      const deployed = await ethers.deployContract("EntityRegistry", [w.actors.registryAdmin.address, min]);
      expect(await (deployed as unknown as EntityRegistry).walletChangeDelay()).to.equal(min);
    });

    it("accepts a wallet change delay of exactly 90 days and gives the admin the admin role", async function () {
      const w = await load();
      const deployed = await ethers.deployContract("EntityRegistry", [w.actors.registryAdmin.address, MAX_DELAY]);
      const registry = deployed as unknown as EntityRegistry;
      expect(await registry.walletChangeDelay()).to.equal(MAX_DELAY);
      expect(await registry.hasRole(ZERO_HASH, w.actors.registryAdmin.address)).to.equal(true);
      expect(await registry.entityCount()).to.equal(0n);
    });
  });

  describe("registerEntity", function () {
    describe("when the call is well formed", function () {
      it("numbers the entity, binds its wallet and emits EntityRegistered", async function () {
        const w = await load();
        const { registry, actors } = w;
        const wallet = actors.spare[0];
        const id = individualCommitment(ethers.id("salt"), "520102199001011234");
        await expect(registry.connect(actors.registrar).registerEntity(id, EntityKind.Individual, wallet.address))
          .to.emit(registry, "EntityRegistered")
          .withArgs(4n, id, EntityKind.Individual, wallet.address);
        const now = BigInt(await networkHelpers.time.latest());
        expect(await registry.entityCount()).to.equal(4n);
        expect(await registry.entityNoOf(id)).to.equal(4n);
        expect(await registry.entityIdOf(4n)).to.equal(id);
        expect(await registry.entityNoOfWallet(wallet.address)).to.equal(4n);
        const record = await registry.entity(4n);
        expect(record.wallet).to.equal(wallet.address);
        expect(record.registeredAt).to.equal(now);
        expect(record.kind).to.equal(BigInt(EntityKind.Individual));
        expect(record.openRecoveries).to.equal(0n);
        const [payout, openRecoveries] = await registry.payoutOf(4n);
        expect(payout).to.equal(wallet.address);
        expect(openRecoveries).to.equal(0n);
      });
    });

    describe("when the entity id is zero", function () {
      it("refuses a zero entity id", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(
          w.registry
            .connect(w.actors.registrar)
            .registerEntity(ZERO_HASH, EntityKind.Company, w.actors.spare[0].address),
        ).to.be.revertedWithCustomError(w.registry, "EntityRegistry_ZeroEntityId");
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the kind is not Company or Individual", function () {
      it("refuses the kind None", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(
          w.registry
            .connect(w.actors.registrar)
            .registerEntity(companyId("91520115MA6DK0009Z"), EntityKind.None, w.actors.spare[0].address),
        )
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_InvalidKind")
          .withArgs(EntityKind.None);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
      it("refuses a kind outside the enum (3) while decoding the call, without a reason", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(
          w.registry
            .connect(w.actors.registrar)
            .registerEntity(companyId("91520115MA6DK0009Z"), 3, w.actors.spare[0].address),
        ).to.be.revertedWithoutReason(ethers);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the entity id is already registered", function () {
      it("refuses a duplicate entity id, naming the existing entity number", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(
          w.registry.connect(w.actors.registrar).registerEntity(w.ids.b, EntityKind.Company, w.actors.spare[0].address),
        )
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AlreadyRegistered")
          .withArgs(w.ids.b, w.nos.b);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the wallet is zero", function () {
      it("refuses a zero wallet", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(
          w.registry
            .connect(w.actors.registrar)
            .registerEntity(companyId("91520115MA6DK0009Z"), EntityKind.Company, ZERO_ADDRESS),
        ).to.be.revertedWithCustomError(w.registry, "EntityRegistry_ZeroWallet");
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the wallet is bound to another entity", function () {
      it("refuses a wallet already taken, naming the entity it is bound to", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(
          w.registry
            .connect(w.actors.registrar)
            .registerEntity(companyId("91520115MA6DK0009Z"), EntityKind.Company, w.actors.companyC.address),
        )
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_WalletTaken")
          .withArgs(w.actors.companyC.address, w.nos.c);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the caller is not a registrar", function () {
      it("refuses a caller without REGISTRAR_ROLE", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        for (const caller of [w.actors.stranger, w.actors.registryAdmin]) {
          await expect(
            w.registry
              .connect(caller)
              .registerEntity(companyId("91520115MA6DK0009Z"), EntityKind.Company, w.actors.spare[0].address),
          )
            .to.be.revertedWithCustomError(w.registry, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, await w.registry.REGISTRAR_ROLE());
        }
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });
  });

  describe("requestWalletChange", function () {
    describe("when the request is well formed", function () {
      it("records the new wallet effective after the delay and keeps the old wallet bound", async function () {
        const w = await load();
        const { registry, actors } = w;
        const newWallet = actors.spare[0].address;
        const tx = registry.connect(actors.registrar).requestWalletChange(w.nos.a, newWallet);
        await expect(tx).to.emit(registry, "WalletChangeRequested");
        const now = BigInt(await networkHelpers.time.latest());
        await expect(tx)
          .to.emit(registry, "WalletChangeRequested")
          .withArgs(w.nos.a, newWallet, now + WALLET_DELAY);
        const change = await registry.pendingWalletChange(w.nos.a);
        expect(change.newWallet).to.equal(newWallet);
        expect(change.effectiveAt).to.equal(now + WALLET_DELAY);
        expect((await registry.payoutOf(w.nos.a))[0]).to.equal(actors.companyA.address);
        expect(await registry.entityNoOfWallet(actors.companyA.address)).to.equal(w.nos.a);
        expect(await registry.entityNoOfWallet(newWallet)).to.equal(0n);
      });

      it("replaces an earlier pending request with the new wallet and a new effective time", async function () {
        const w = await load();
        const { registry, actors } = w;
        await registry.connect(actors.registrar).requestWalletChange(w.nos.a, actors.spare[0].address);
        await networkHelpers.time.increase(DAY);
        await registry.connect(actors.registrar).requestWalletChange(w.nos.a, actors.spare[1].address);
        const now = BigInt(await networkHelpers.time.latest());
        const change = await registry.pendingWalletChange(w.nos.a);
        expect(change.newWallet).to.equal(actors.spare[1].address);
        expect(change.effectiveAt).to.equal(now + WALLET_DELAY);

        await networkHelpers.time.increaseTo(now + WALLET_DELAY);
        await registry.completeWalletChange(w.nos.a);
        expect((await registry.payoutOf(w.nos.a))[0]).to.equal(actors.spare[1].address);
        expect(await registry.entityNoOfWallet(actors.spare[0].address)).to.equal(0n);
      });
    });

    describe("when the caller is not a registrar", function () {
      it("refuses a caller without REGISTRAR_ROLE", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(w.registry.connect(w.actors.companyA).requestWalletChange(w.nos.a, w.actors.spare[0].address))
          .to.be.revertedWithCustomError(w.registry, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.companyA.address, await w.registry.REGISTRAR_ROLE());
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the entity is not registered", function () {
      it("refuses an unknown entity number", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(w.registry.connect(w.actors.registrar).requestWalletChange(99n, w.actors.spare[0].address))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_UnknownEntityNo")
          .withArgs(99n);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the new wallet is zero", function () {
      it("refuses a zero new wallet", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(
          w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, ZERO_ADDRESS),
        ).to.be.revertedWithCustomError(w.registry, "EntityRegistry_ZeroWallet");
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the new wallet is bound to an entity", function () {
      it("refuses a wallet bound to another entity", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, w.actors.companyB.address))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_WalletTaken")
          .withArgs(w.actors.companyB.address, w.nos.b);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });

      it("refuses the entity's own current wallet", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, w.actors.companyA.address))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_WalletTaken")
          .withArgs(w.actors.companyA.address, w.nos.a);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });
  });

  describe("cancelWalletChange", function () {
    describe("when a change is pending", function () {
      it("deletes the pending change and emits WalletChangeCancelled", async function () {
        const w = await load();
        const { registry, actors } = w;
        await registry.connect(actors.registrar).requestWalletChange(w.nos.a, actors.spare[0].address);
        await expect(registry.connect(actors.registrar).cancelWalletChange(w.nos.a))
          .to.emit(registry, "WalletChangeCancelled")
          .withArgs(w.nos.a, actors.spare[0].address);
        const change = await registry.pendingWalletChange(w.nos.a);
        expect(change.newWallet).to.equal(ZERO_ADDRESS);
        expect(change.effectiveAt).to.equal(0n);

        await networkHelpers.time.increase(WALLET_DELAY);
        await expect(registry.completeWalletChange(w.nos.a))
          .to.be.revertedWithCustomError(registry, "EntityRegistry_NoPendingWalletChange")
          .withArgs(w.nos.a);
        expect((await registry.payoutOf(w.nos.a))[0]).to.equal(actors.companyA.address);
      });
    });

    describe("when the caller is not a registrar", function () {
      it("refuses a caller without REGISTRAR_ROLE", async function () {
        const w = await load();
        await w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, w.actors.spare[0].address);
        const before = await registryState(w.registry, w.allNos);
        await expect(w.registry.connect(w.actors.stranger).cancelWalletChange(w.nos.a))
          .to.be.revertedWithCustomError(w.registry, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.stranger.address, await w.registry.REGISTRAR_ROLE());
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when no change is pending", function () {
      it("refuses to cancel a change that was never requested", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(w.registry.connect(w.actors.registrar).cancelWalletChange(w.nos.a))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_NoPendingWalletChange")
          .withArgs(w.nos.a);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });
  });

  describe("completeWalletChange", function () {
    describe("when the delay has elapsed", function () {
      it("lets anyone complete the change at exactly the effective second, rebinding the wallets", async function () {
        const w = await load();
        const { registry, actors } = w;
        const newWallet = actors.spare[0].address;
        await registry.connect(actors.registrar).requestWalletChange(w.nos.a, newWallet);
        const { effectiveAt } = await registry.pendingWalletChange(w.nos.a);

        await networkHelpers.time.setNextBlockTimestamp(effectiveAt);
        await expect(registry.connect(actors.stranger).completeWalletChange(w.nos.a))
          .to.emit(registry, "WalletChanged")
          .withArgs(w.nos.a, actors.companyA.address, newWallet);
        expect(BigInt(await networkHelpers.time.latest())).to.equal(effectiveAt);
        expect((await registry.payoutOf(w.nos.a))[0]).to.equal(newWallet);
        expect(await registry.entityNoOfWallet(newWallet)).to.equal(w.nos.a);
        expect(await registry.entityNoOfWallet(actors.companyA.address)).to.equal(0n);
        expect((await registry.pendingWalletChange(w.nos.a)).newWallet).to.equal(ZERO_ADDRESS);
      });

      it("frees the old wallet so it can be bound to a new entity", async function () {
        const w = await load();
        const { registry, actors } = w;
        await registry.connect(actors.registrar).requestWalletChange(w.nos.a, actors.spare[0].address);
        await networkHelpers.time.increase(WALLET_DELAY);
        await registry.completeWalletChange(w.nos.a);
        const id = companyId("91520115MA6DK0009Z");
        await expect(registry.connect(actors.registrar).registerEntity(id, EntityKind.Company, actors.companyA.address))
          .to.emit(registry, "EntityRegistered")
          .withArgs(4n, id, EntityKind.Company, actors.companyA.address);
      });
    });

    describe("when the delay has not elapsed", function () {
      it("refuses completion one second before the effective time", async function () {
        const w = await load();
        const { registry, actors } = w;
        await registry.connect(actors.registrar).requestWalletChange(w.nos.a, actors.spare[0].address);
        const { effectiveAt } = await registry.pendingWalletChange(w.nos.a);
        const before = await registryState(registry, w.allNos);

        await networkHelpers.time.setNextBlockTimestamp(effectiveAt - 1n);
        // An explicit gas limit skips estimation, so the refused call is mined at exactly that second.
        await expect(registry.connect(actors.stranger).completeWalletChange(w.nos.a, { gasLimit: 200_000n }))
          .to.be.revertedWithCustomError(registry, "EntityRegistry_WalletChangeNotDue")
          .withArgs(w.nos.a, effectiveAt);
        expect(BigInt(await networkHelpers.time.latest())).to.equal(effectiveAt - 1n);
        expect(await registryState(registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when no change is pending", function () {
      it("refuses to complete a change that was never requested", async function () {
        const w = await load();
        const before = await registryState(w.registry, w.allNos);
        await expect(w.registry.completeWalletChange(w.nos.b))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_NoPendingWalletChange")
          .withArgs(w.nos.b);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });
    });

    describe("when the new wallet was bound to another entity meanwhile", function () {
      it("refuses completion and keeps the old wallet", async function () {
        const w = await load();
        const { registry, actors } = w;
        const contested = actors.spare[0].address;
        await registry.connect(actors.registrar).requestWalletChange(w.nos.a, contested);
        // A wallet awaiting a change is not bound yet, so another entity may take it.
        await registry
          .connect(actors.registrar)
          .registerEntity(companyId("91520115MA6DK0009Z"), EntityKind.Company, contested);
        await networkHelpers.time.increase(WALLET_DELAY);
        const nos = [...w.allNos, 4n];
        const before = await registryState(registry, nos);

        await expect(registry.completeWalletChange(w.nos.a))
          .to.be.revertedWithCustomError(registry, "EntityRegistry_WalletTaken")
          .withArgs(contested, 4n);
        expect(await registryState(registry, nos)).to.deep.equal(before);
        expect((await registry.payoutOf(w.nos.a))[0]).to.equal(actors.companyA.address);
      });
    });
  });

  describe("program-only functions", function () {
    describe("when the caller lacks PROGRAM_ROLE", function () {
      it("refuses recordAward, releaseAward, addBar and liftBar from a random account", async function () {
        const w = await load();
        const { registry, actors } = w;
        const role = await registry.PROGRAM_ROLE();
        const key = ethers.id("some award key");
        const before = await registryState(registry, w.allNos);
        const caller = registry.connect(actors.stranger);
        await expect(caller.recordAward(w.ids.a, key, 1n))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(actors.stranger.address, role);
        await expect(caller.releaseAward(w.nos.a, key))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(actors.stranger.address, role);
        await expect(caller.addBar(w.nos.a, key))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(actors.stranger.address, role);
        await expect(caller.liftBar(w.nos.a))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(actors.stranger.address, role);
        expect(await registryState(registry, w.allNos)).to.deep.equal(before);
      });

      it("refuses the program functions from the registry admin itself", async function () {
        const w = await load();
        const { registry, actors } = w;
        await expect(registry.connect(actors.registryAdmin).addBar(w.nos.a, ethers.id("some award key")))
          .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
          .withArgs(actors.registryAdmin.address, await registry.PROGRAM_ROLE());
        expect((await registry.entity(w.nos.a)).openRecoveries).to.equal(0n);
      });
    });

    describe("when the caller holds PROGRAM_ROLE", function () {
      async function withProgramAccount() {
        const w = await load();
        const program = w.actors.spare[3];
        await w.registry.connect(w.actors.registryAdmin).grantRole(await w.registry.PROGRAM_ROLE(), program.address);
        return { ...w, program, asProgram: w.registry.connect(program) };
      }

      it("records an award under a key and returns the entity number and wallet", async function () {
        const w = await withProgramAccount();
        const key = ethers.id("award key");
        const [no, wallet] = await w.asProgram.recordAward.staticCall(w.ids.b, key, 7n);
        expect(no).to.equal(w.nos.b);
        expect(wallet).to.equal(w.actors.companyB.address);
        await expect(w.asProgram.recordAward(w.ids.b, key, 7n))
          .to.emit(w.registry, "AwardRecorded")
          .withArgs(w.nos.b, key, w.program.address, 7n);
        const [holder, grantId] = await w.registry.awardHolder(w.nos.b, key);
        expect(holder).to.equal(w.program.address);
        expect(grantId).to.equal(7n);
      });

      it("records a tier top-up only under a key the caller holds for the entity, naming the newest grant", async function () {
        const w = await withProgramAccount();
        const key = ethers.id("tier group key");
        const before = await registryState(w.registry, w.allNos);
        // Not held yet, or held by another program: refused, nothing recorded.
        await expect(w.asProgram.recordTopUp(w.nos.b, key, 2n))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AwardNotHeld")
          .withArgs(w.nos.b, key, w.program.address);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
        await w.asProgram.recordAward(w.ids.b, key, 1n);
        expect(await w.asProgram.recordTopUp.staticCall(w.nos.b, key, 2n)).to.equal(w.actors.companyB.address);
        await expect(w.asProgram.recordTopUp(w.nos.b, key, 2n))
          .to.emit(w.registry, "TopUpRecorded")
          .withArgs(w.nos.b, key, w.program.address, 2n);
        expect((await w.registry.awardHolder(w.nos.b, key)).grantId).to.equal(2n);
        // A stranger cannot.
        await expect(w.registry.connect(w.actors.stranger).recordTopUp(w.nos.b, key, 3n))
          .to.be.revertedWithCustomError(w.registry, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.stranger.address, await w.registry.PROGRAM_ROLE());
      });

      it("refuses to record an award for an unknown entity id", async function () {
        const w = await withProgramAccount();
        const unknown = companyId("91520115MA6DK0009Z");
        await expect(w.asProgram.recordAward(unknown, ethers.id("k"), 1n))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_UnknownEntity")
          .withArgs(unknown);
      });

      it("refuses to record a second award under the same key, naming the holder", async function () {
        const w = await withProgramAccount();
        const key = ethers.id("award key");
        await w.asProgram.recordAward(w.ids.b, key, 1n);
        await expect(w.asProgram.recordAward(w.ids.b, key, 2n))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AlreadyAwarded")
          .withArgs(w.nos.b, key, w.program.address);
        expect((await w.registry.awardHolder(w.nos.b, key))[1]).to.equal(1n);
      });

      it("refuses to record an award for a barred entity", async function () {
        const w = await withProgramAccount();
        const held = ethers.id("held award");
        await w.asProgram.recordAward(w.ids.c, held, 1n);
        await w.asProgram.addBar(w.nos.c, held);
        await expect(w.asProgram.recordAward(w.ids.c, ethers.id("k"), 1n))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_EntityBarred")
          .withArgs(w.nos.c, 1n);
      });

      it("releases an award key it recorded, and refuses to release one it does not hold", async function () {
        const w = await withProgramAccount();
        const key = ethers.id("award key");
        await expect(w.asProgram.releaseAward(w.nos.a, key))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AwardNotHeld")
          .withArgs(w.nos.a, key, w.program.address);
        await w.asProgram.recordAward(w.ids.a, key, 3n);
        await expect(w.asProgram.releaseAward(w.nos.a, key))
          .to.emit(w.registry, "AwardReleased")
          .withArgs(w.nos.a, key, w.program.address);
        const [holder, grantId] = await w.registry.awardHolder(w.nos.a, key);
        expect(holder).to.equal(ZERO_ADDRESS);
        expect(grantId).to.equal(0n);
      });

      it("refuses to release an award key recorded by another program", async function () {
        const w = await withProgramAccount();
        const now = BigInt(await networkHelpers.time.latest());
        const lab = w.htzCategories.get("rd-platform-national")!;
        await w.htz.award(w.ids.a, lab, 0, terms(now, [["5,000,000", 90]]));
        const { awardKey } = await w.htz.category(lab);
        await expect(w.asProgram.releaseAward(w.nos.a, awardKey))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AwardNotHeld")
          .withArgs(w.nos.a, awardKey, w.program.address);
        expect((await w.registry.awardHolder(w.nos.a, awardKey))[0]).to.equal(await w.htz.getAddress());
      });

      it("bars and lifts bars per program, and refuses to lift a bar it did not set", async function () {
        const w = await withProgramAccount();
        const key = ethers.id("award key");
        await w.asProgram.recordAward(w.ids.a, key, 1n);
        await expect(w.asProgram.addBar(w.nos.a, key))
          .to.emit(w.registry, "EntityBarred")
          .withArgs(w.nos.a, w.program.address, 1n);
        await w.asProgram.addBar(w.nos.a, key);
        expect(await w.registry.barsSetBy(w.nos.a, w.program.address)).to.equal(2n);
        expect((await w.registry.payoutOf(w.nos.a))[1]).to.equal(2n);

        await expect(w.asProgram.liftBar(w.nos.b))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_NoOpenRecovery")
          .withArgs(w.nos.b);
        await expect(w.asProgram.liftBar(w.nos.a))
          .to.emit(w.registry, "BarLifted")
          .withArgs(w.nos.a, w.program.address, 1n);
        await w.asProgram.liftBar(w.nos.a);
        await expect(w.asProgram.liftBar(w.nos.a))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_NoOpenRecovery")
          .withArgs(w.nos.a);
        expect((await w.registry.entity(w.nos.a)).openRecoveries).to.equal(0n);
      });

      it("refuses to bar an entity it holds no award for (AwardNotHeld), so no program bars a stranger", async function () {
        const w = await withProgramAccount();
        const key = ethers.id("award key");
        const before = await registryState(w.registry, w.allNos);
        await expect(w.asProgram.addBar(w.nos.b, key))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AwardNotHeld")
          .withArgs(w.nos.b, key, w.program.address);
        expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      });

      it("lets a program whose role was revoked still bar the entity whose award it holds", async function () {
        const w = await withProgramAccount();
        const key = ethers.id("award key");
        await w.asProgram.recordAward(w.ids.a, key, 1n);
        await w.registry.connect(w.actors.registryAdmin).revokeRole(await w.registry.PROGRAM_ROLE(), w.program.address);
        await expect(w.asProgram.addBar(w.nos.a, key))
          .to.emit(w.registry, "EntityBarred")
          .withArgs(w.nos.a, w.program.address, 1n);
        expect((await w.registry.payoutOf(w.nos.a))[1]).to.equal(1n);
      });

      it("refuses to bar an unknown entity number", async function () {
        const w = await withProgramAccount();
        await expect(w.asProgram.addBar(99n, ethers.id("award key")))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_UnknownEntityNo")
          .withArgs(99n);
        expect(await w.registry.barsSetBy(99n, w.program.address)).to.equal(0n);
      });
    });
  });

  describe("named exclusivity groups", function () {
    const GROUP = ethers.id("group:guiyang-platform-2017");

    it("only the registry admin creates a group and admits programs (AccessControlUnauthorizedAccount otherwise)", async function () {
      const w = await load();
      const program = await w.htz.getAddress();
      for (const caller of [w.actors.registrar, w.actors.admin, w.actors.stranger]) {
        await expect(w.registry.connect(caller).createGroup(GROUP))
          .to.be.revertedWithCustomError(w.registry, "AccessControlUnauthorizedAccount")
          .withArgs(caller.address, ZERO_HASH);
      }
      const admin = w.registry.connect(w.actors.registryAdmin);
      await expect(admin.createGroup(GROUP))
        .to.emit(w.registry, "GroupCreated")
        .withArgs(GROUP, await w.registry.groupAwardKey(GROUP));
      await expect(w.registry.connect(w.actors.stranger).admitToGroup(GROUP, program))
        .to.be.revertedWithCustomError(w.registry, "AccessControlUnauthorizedAccount")
        .withArgs(w.actors.stranger.address, ZERO_HASH);
      expect(await w.registry.isAdmittedToGroup(GROUP, program)).to.equal(false);
      await expect(admin.admitToGroup(GROUP, program))
        .to.emit(w.registry, "ProgramAdmittedToGroup")
        .withArgs(GROUP, program);
      expect(await w.registry.isAdmittedToGroup(GROUP, program)).to.equal(true);
    });

    it("refuses a group created twice or with no name (InvalidGroup), an unknown group (UnknownGroup), and a second admission (AlreadyAdmitted)", async function () {
      const w = await load();
      const admin = w.registry.connect(w.actors.registryAdmin);
      const program = await w.htz.getAddress();
      await expect(admin.createGroup(ZERO_HASH))
        .to.be.revertedWithCustomError(w.registry, "EntityRegistry_InvalidGroup")
        .withArgs(ZERO_HASH);
      await expect(admin.admitToGroup(GROUP, program))
        .to.be.revertedWithCustomError(w.registry, "EntityRegistry_UnknownGroup")
        .withArgs(GROUP);
      await admin.createGroup(GROUP);
      await expect(admin.createGroup(GROUP))
        .to.be.revertedWithCustomError(w.registry, "EntityRegistry_InvalidGroup")
        .withArgs(GROUP);
      await admin.admitToGroup(GROUP, program);
      await expect(admin.admitToGroup(GROUP, program))
        .to.be.revertedWithCustomError(w.registry, "EntityRegistry_AlreadyAdmitted")
        .withArgs(GROUP, program);
    });

    it("refuses to record an award under a group's key for a program not admitted to it (NotAdmittedToGroup), recording nothing", async function () {
      const w = await load();
      const rogue = w.actors.spare[3];
      await w.registry.connect(w.actors.registryAdmin).grantRole(await w.registry.PROGRAM_ROLE(), rogue.address);
      await w.registry.connect(w.actors.registryAdmin).createGroup(GROUP);
      const key = await w.registry.groupAwardKey(GROUP);
      const before = await registryState(w.registry, w.allNos);
      await expect(w.registry.connect(rogue).recordAward(w.ids.a, key, 1n))
        .to.be.revertedWithCustomError(w.registry, "EntityRegistry_NotAdmittedToGroup")
        .withArgs(GROUP, rogue.address);
      expect(await registryState(w.registry, w.allNos)).to.deep.equal(before);
      expect((await w.registry.awardHolder(w.nos.a, key))[0]).to.equal(ZERO_ADDRESS);

      await w.registry.connect(w.actors.registryAdmin).admitToGroup(GROUP, rogue.address);
      await expect(w.registry.connect(rogue).recordAward(w.ids.a, key, 1n)).to.emit(w.registry, "AwardRecorded");
    });

    it("derives a group's key as core/ids.ts does (one formula, checked against the contract)", async function () {
      const w = await load();
      expect(await w.registry.groupAwardKey(GROUP)).to.equal(groupAwardKey(GROUP));
    });
  });

  describe("awardHolder", function () {
    it("names the program and grant holding an award key after a program award", async function () {
      const w = await load();
      const now = BigInt(await networkHelpers.time.latest());
      const lab = w.htzCategories.get("rd-platform-national")!;
      await w.htz.award(w.ids.b, lab, 0, terms(now, [["5,000,000", 90]]));
      const { awardKey } = await w.htz.category(lab);
      const [program, grantId] = await w.registry.awardHolder(w.nos.b, awardKey);
      expect(program).to.equal(await w.htz.getAddress());
      expect(grantId).to.equal(1n);
    });

    it("returns zeros for a key nobody holds", async function () {
      const w = await load();
      const [program, grantId] = await w.registry.awardHolder(w.nos.a, ethers.id("nothing"));
      expect(program).to.equal(ZERO_ADDRESS);
      expect(grantId).to.equal(0n);
    });
  });

  describe("payoutOf", function () {
    it("refuses an unknown entity number", async function () {
      const w = await load();
      await expect(w.registry.payoutOf(99n))
        .to.be.revertedWithCustomError(w.registry, "EntityRegistry_UnknownEntityNo")
        .withArgs(99n);
      await expect(w.registry.payoutOf(0n))
        .to.be.revertedWithCustomError(w.registry, "EntityRegistry_UnknownEntityNo")
        .withArgs(0n);
    });
  });
});
