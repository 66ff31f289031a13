/**
 * Tier groups with top-up (晋级补差): the HTZ R&D-platform award's three levels — provincial 1,000,000 (level
 * 1), national-local joint 2,000,000 (level 2), national 5,000,000 (level 3) — form one tier group of the
 * program (programs/guiyang-htz-blockchain-2017.json). An entity holding a level may be awarded a higher
 * one for the difference only; a lower or equal level is refused; recovery of a level never revives a
 * lower one; cancelling an unpaid award gives its level back. Every refusal moves nothing.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { AwardMode, MilestoneState } from "../../../core/enums.js";
import { textHash } from "../../../core/ids.js";
import { payMilestone as payOut } from "../../../scripts/lib/scenario.js";
import { guiyangFixture, terms, yuan, ZERO_HASH, type GuiyangWorld } from "../../utils/fixtures.js";
import { expectNothingMoved, guiyangWatch, now } from "../../security/helpers.js";

const connection = await network.create();
const { networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const EVIDENCE = textHash("provincial key laboratory licence, 2017");
const REASON = textHash("committee minutes 2017-11");
const FRAUD = textHash("audit 2018: the licence was forged");
const PLATFORM = 1n; // the HTZ file's first tier group

interface TierWorld extends GuiyangWorld {
  provincial: bigint;
  joint: bigint;
  national: bigint;
}

async function deployTiers(): Promise<TierWorld> {
  const w = await deployGuiyang();
  return {
    ...w,
    provincial: w.htzCategories.get("rd-platform-provincial")!,
    joint: w.htzCategories.get("rd-platform-joint")!,
    national: w.htzCategories.get("rd-platform-national")!,
  };
}

/** Company A's provincial award, 1,000,000 in one milestone due in 60 days; returns its grant id. */
async function awardProvincial(w: TierWorld): Promise<bigint> {
  await w.htz.award(w.ids.a, w.provincial, 0, terms(await now(networkHelpers), [["1,000,000", 60]]));
  return w.htz.grantCount();
}

/** Milestone `index` of company A's grant `grantId`: evidence, three approvals, notice, claim. */
async function payMilestone(w: TierWorld, grantId: bigint, index: number): Promise<void> {
  await payOut(networkHelpers, w.htz, w.actors.companyA, w.actors.reviewers, grantId, index, EVIDENCE, {
    reasonHash: REASON,
  });
}

async function holding(w: TierWorld) {
  const h = await w.htz.tierHolding(w.nos.a, PLATFORM);
  return { held: h.held, tiers: Number(h.tiers) };
}

describe("Tier groups with top-up (晋级补差)", function () {
  describe("the HTZ program file", function () {
    it("makes the three R&D-platform levels one tier group: provincial 1, joint 2, national 3", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      for (const [id, tier] of [
        [w.provincial, 1n],
        [w.joint, 2n],
        [w.national, 3n],
      ] as const) {
        const c = await w.htz.category(id);
        expect([c.tierGroup, c.tier]).to.deep.equal([PLATFORM, tier]);
      }
      expect(await w.htz.tierLevels(PLATFORM)).to.equal(0b111n);
      const breakthrough = await w.htz.category(w.htzCategories.get("technical-breakthrough")!);
      expect([breakthrough.tierGroup, breakthrough.tier]).to.deep.equal([0n, 0n]);
    });
  });

  describe("an upgrade is awarded the difference only", function () {
    it("pays an upgrade the difference: provincial 1,000,000 first, national later for 4,000,000", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      await awardProvincial(w);
      expect(await holding(w)).to.deep.equal({ held: yuan("1,000,000"), tiers: 0b001 });

      const t = await now(networkHelpers);
      const before = await w.htz.summary();
      await expect(w.htz.award(w.ids.a, w.national, 0, terms(t, [["4,000,000", 90]])))
        .to.emit(w.htz, "TierHoldingChanged")
        .withArgs(w.nos.a, PLATFORM, 0b101, yuan("5,000,000"));
      const after = await w.htz.summary();
      expect(after.reserved - before.reserved).to.equal(yuan("4,000,000"));
      expect(after.available).to.equal(before.available - yuan("4,000,000"));
      expect(await holding(w)).to.deep.equal({ held: yuan("5,000,000"), tiers: 0b101 });
      // In total the company is awarded exactly the national level's 5,000,000.
      const grants = [await w.htz.grant(1n), await w.htz.grant(2n)];
      expect(grants[0].reserved + grants[1].reserved).to.equal(yuan("5,000,000"));
    });

    it("refuses a fixed level's full amount, or anything but the exact difference, and moves nothing", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      await awardProvincial(w);
      const t = await now(networkHelpers);
      await expectNothingMoved(guiyangWatch(w), async () => {
        for (const amount of ["5,000,000", "4,000,000.01", "3,999,999.99"]) {
          await expect(w.htz.award(w.ids.a, w.national, 0, terms(t, [[amount, 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_TopUpNotExact")
            .withArgs(yuan(amount), yuan("5,000,000"), yuan("1,000,000"));
        }
      });
      expect(await holding(w)).to.deep.equal({ held: yuan("1,000,000"), tiers: 0b001 });
    });

    it("tops up a capped level at most to its cap less what is kept (TopUpOverCap), nothing moved on refusal", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      // A second tier group of capped levels: "demonstration project" up to 300,000, then up to 800,000.
      const admin = w.htz.connect(w.actors.admin);
      const capped = (tier: number, amount: string) => ({
        mode: AwardMode.Capped,
        amount: yuan(amount),
        maxAwards: 0,
        maxTotal: 0n,
        exclusivityGroup: ZERO_HASH,
        descriptionHash: textHash(`demonstration level ${tier}`),
        tierGroup: 2,
        tier,
        supervisionPeriod: 0,
        attestationInterval: 0,
        eligibilityWindow: 0,
      });
      const district = await admin.addCategory.staticCall(capped(1, "300,000"));
      await admin.addCategory(capped(1, "300,000"));
      const city = await admin.addCategory.staticCall(capped(2, "800,000"));
      await admin.addCategory(capped(2, "800,000"));
      const t = await now(networkHelpers);
      await w.htz.award(w.ids.a, district, 0, terms(t, [["250,000", 60]]));
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.award(w.ids.a, city, 0, terms(t, [["550,000.01", 90]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_TopUpOverCap")
          .withArgs(yuan("550,000.01"), yuan("800,000"), yuan("250,000"));
      });
      await expect(w.htz.award(w.ids.a, city, 0, terms(t, [["550,000", 90]])))
        .to.emit(w.htz, "TierHoldingChanged")
        .withArgs(w.nos.a, 2, 0b11, yuan("800,000"));
    });

    it("counts only what is kept: a lapsed provincial milestone lowers the top-up's base", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const t = await now(networkHelpers);
      await w.htz.award(
        w.ids.a,
        w.provincial,
        0,
        terms(t, [
          ["400,000", 30],
          ["600,000", 60],
        ]),
      );
      await networkHelpers.time.increase(31n * 86_400n);
      await expect(w.htz.lapse(1n, 0))
        .to.emit(w.htz, "TierHoldingChanged")
        .withArgs(w.nos.a, PLATFORM, 0b001, yuan("600,000"));
      const later = await now(networkHelpers);
      await expect(
        w.htz.award(w.ids.a, w.national, 0, terms(later, [["4,000,000", 90]])),
      ).to.be.revertedWithCustomError(w.htz, "GrantProgram_TopUpNotExact");
      await w.htz.award(w.ids.a, w.national, 0, terms(later, [["4,400,000", 90]]));
      expect(await holding(w)).to.deep.equal({ held: yuan("5,000,000"), tiers: 0b101 });
    });
  });

  describe("levels only go up", function () {
    it("refuses a lower level to an entity that holds a higher one, and the same level twice; nothing moved", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const t = await now(networkHelpers);
      await w.htz.award(w.ids.a, w.national, 0, terms(t, [["5,000,000", 90]]));
      await expectNothingMoved(guiyangWatch(w), async () => {
        for (const [category, tier, amount] of [
          [w.provincial, 1, "1,000,000"],
          [w.joint, 2, "2,000,000"],
          [w.national, 3, "5,000,000"],
        ] as const) {
          await expect(w.htz.award(w.ids.a, category, 0, terms(t, [[amount, 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_TierNotAbove")
            .withArgs(w.nos.a, PLATFORM, 3, tier);
        }
      });
      // Another company is not affected.
      await w.htz.award(w.ids.b, w.provincial, 0, terms(t, [["1,000,000", 90]]));
    });

    it("recovery of the higher level does not revive the lower one", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const provincialGrant = await awardProvincial(w);
      await payMilestone(w, provincialGrant, 0);
      await w.htz.award(w.ids.a, w.national, 0, terms(await now(networkHelpers), [["4,000,000", 90]]));
      const nationalGrant = await w.htz.grantCount();
      await payMilestone(w, nationalGrant, 0);

      // The national licence was forged: the 4,000,000 top-up is ordered back and repaid.
      await expect(w.htz.orderRecovery(nationalGrant, yuan("4,000,000"), FRAUD))
        .to.emit(w.htz, "TierHoldingChanged")
        .withArgs(w.nos.a, PLATFORM, 0b101, yuan("1,000,000"));
      await w.token.connect(w.actors.companyA).approve(await w.htz.getAddress(), yuan("4,000,000"));
      await w.htz.connect(w.actors.companyA).repay(nationalGrant, yuan("4,000,000"));
      expect((await w.registry.entity(w.nos.a)).openRecoveries).to.equal(0n);

      // The national level stays held: neither it nor anything below it can be awarded again.
      const t = await now(networkHelpers);
      await expectNothingMoved(guiyangWatch(w), async () => {
        for (const [category, tier, amount] of [
          [w.provincial, 1, "1,000,000"],
          [w.joint, 2, "1,000,000"],
          [w.national, 3, "4,000,000"],
        ] as const) {
          await expect(w.htz.award(w.ids.a, category, 0, terms(t, [[amount, 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_TierNotAbove")
            .withArgs(w.nos.a, PLATFORM, 3, tier);
        }
      });
      expect(await holding(w)).to.deep.equal({ held: yuan("1,000,000"), tiers: 0b101 });
    });

    it("refuses a top-up to an entity barred by a recovery order (the registry's EntityBarred); nothing moved", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const grantId = await awardProvincial(w);
      await payMilestone(w, grantId, 0);
      await w.htz.orderRecovery(grantId, yuan("1,000,000"), FRAUD);
      const t = await now(networkHelpers);
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.award(w.ids.a, w.national, 0, terms(t, [["5,000,000", 90]])))
          .to.be.revertedWithCustomError(w.registry, "EntityRegistry_EntityBarred")
          .withArgs(w.nos.a, 1);
      });
    });

    it("after the whole lower level was ordered back and repaid, a higher level is its full amount", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const grantId = await awardProvincial(w);
      await payMilestone(w, grantId, 0);
      await w.htz.orderRecovery(grantId, yuan("1,000,000"), FRAUD);
      await w.token.connect(w.actors.companyA).approve(await w.htz.getAddress(), yuan("1,000,000"));
      await w.htz.connect(w.actors.companyA).repay(grantId, yuan("1,000,000"));
      expect(await holding(w)).to.deep.equal({ held: 0n, tiers: 0b001 });
      const t = await now(networkHelpers);
      await expect(w.htz.award(w.ids.a, w.national, 0, terms(t, [["4,000,000", 90]])))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_AmountNotFixedAmount")
        .withArgs(yuan("4,000,000"), yuan("5,000,000"));
      await w.htz.award(w.ids.a, w.national, 0, terms(t, [["5,000,000", 90]]));
      expect(await holding(w)).to.deep.equal({ held: yuan("5,000,000"), tiers: 0b101 });
    });

    it("refuses a top-up when the entity's wallet is now an official of the program (RoleConflict); nothing moved", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      await awardProvincial(w);
      const insider = w.actors.spare[0];
      await w.htz.connect(w.actors.admin).grantRole(await w.htz.MANAGER_ROLE(), insider.address);
      await w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, insider.address);
      await networkHelpers.time.increase(3n * 86_400n);
      await w.registry.completeWalletChange(w.nos.a);
      const t = await now(networkHelpers);
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.award(w.ids.a, w.national, 0, terms(t, [["4,000,000", 90]]))).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_RoleConflict",
        );
      });
    });
  });

  describe("a top-up is still the program's award in the registry", function () {
    it("refuses a top-up once the registry revoked the program's authorisation; nothing moved", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      await awardProvincial(w);
      const registryAdmin = w.registry.connect(w.actors.registryAdmin);
      await registryAdmin.revokeRole(await w.registry.PROGRAM_ROLE(), await w.htz.getAddress());
      const t = await now(networkHelpers);
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.award(w.ids.a, w.national, 0, terms(t, [["4,000,000", 90]])))
          .to.be.revertedWithCustomError(w.registry, "AccessControlUnauthorizedAccount")
          .withArgs(await w.htz.getAddress(), await w.registry.PROGRAM_ROLE());
      });
      expect(await holding(w)).to.deep.equal({ held: yuan("1,000,000"), tiers: 0b001 });
    });

    it("records the top-up in the registry (TopUpRecorded) and lists both levels' grants for the company", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const provincialGrant = await awardProvincial(w);
      const t = await now(networkHelpers);
      const { awardKey } = await w.htz.category(w.national);
      await expect(w.htz.award(w.ids.a, w.national, 0, terms(t, [["4,000,000", 90]])))
        .to.emit(w.registry, "TopUpRecorded")
        .withArgs(w.nos.a, awardKey, await w.htz.getAddress(), provincialGrant + 1n);
      const topUp = await w.htz.grantCount();
      expect(await w.htz.tierGrant(w.nos.a, PLATFORM, 1)).to.equal(provincialGrant);
      expect(await w.htz.tierGrant(w.nos.a, PLATFORM, 3)).to.equal(topUp);
      const listed = await w.core.lens.awardsOf(await w.htz.getAddress(), w.nos.a);
      expect(listed[Number(w.provincial) - 1]).to.equal(provincialGrant);
      expect(listed[Number(w.national) - 1]).to.equal(topUp);
      expect(listed[Number(w.joint) - 1]).to.equal(0n);
      // Cancelled before payment, the provincial level is undone and no longer listed; the top-up stays.
      await w.htz.cancelGrant(provincialGrant, REASON);
      const after = await w.core.lens.awardsOf(await w.htz.getAddress(), w.nos.a);
      expect(after[Number(w.provincial) - 1]).to.equal(0n);
      expect(after[Number(w.national) - 1]).to.equal(topUp);
      expect((await w.htz.category(w.provincial)).awardsMade).to.equal(0n);
    });
  });

  describe("cancelling an unpaid award undoes its level", function () {
    it("cancelling an unpaid top-up gives the level back: the entity may be upgraded again", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      await awardProvincial(w);
      const t = await now(networkHelpers);
      await w.htz.award(w.ids.a, w.national, 0, terms(t, [["4,000,000", 90]]));
      const topUp = await w.htz.grantCount();
      await expect(w.htz.cancelGrant(topUp, REASON))
        .to.emit(w.htz, "GrantCancelled")
        .withArgs(topUp, yuan("4,000,000"), false, REASON);
      expect(await holding(w)).to.deep.equal({ held: yuan("1,000,000"), tiers: 0b001 });
      // The group's key stays recorded for the provincial level.
      const { awardKey } = await w.htz.category(w.national);
      expect((await w.registry.awardHolder(w.nos.a, awardKey)).program).to.equal(await w.htz.getAddress());
      await w.htz.award(w.ids.a, w.joint, 0, terms(t, [["1,000,000", 90]]));
      expect(await holding(w)).to.deep.equal({ held: yuan("2,000,000"), tiers: 0b011 });
    });

    it("cancelling the only level before payment releases the group's key: the full amount of any level again", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const grantId = await awardProvincial(w);
      const { awardKey } = await w.htz.category(w.provincial);
      await expect(w.htz.cancelGrant(grantId, REASON))
        .to.emit(w.htz, "GrantCancelled")
        .withArgs(grantId, yuan("1,000,000"), true, REASON);
      expect(await holding(w)).to.deep.equal({ held: 0n, tiers: 0 });
      expect((await w.registry.awardHolder(w.nos.a, awardKey)).program).to.equal(
        "0x0000000000000000000000000000000000000000",
      );
      expect((await w.htz.category(w.provincial)).awardsMade).to.equal(0n);
      await w.htz.award(w.ids.a, w.national, 0, terms(await now(networkHelpers), [["5,000,000", 90]]));
    });

    it("a cancelled, partly paid level stays held; only its unpaid rest leaves what is kept", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const t = await now(networkHelpers);
      await w.htz.award(
        w.ids.a,
        w.provincial,
        0,
        terms(t, [
          ["300,000", 30],
          ["700,000", 60],
        ]),
      );
      await payMilestone(w, 1n, 0);
      await w.htz.cancelGrant(1n, REASON);
      expect(await w.htz.milestoneState(1n, 1)).to.equal(MilestoneState.Cancelled);
      expect(await holding(w)).to.deep.equal({ held: yuan("300,000"), tiers: 0b001 });
      await expect(
        w.htz.award(w.ids.a, w.provincial, 0, terms(await now(networkHelpers), [["1,000,000", 90]])),
      ).to.be.revertedWithCustomError(w.htz, "GrantProgram_TierNotAbove");
    });
  });

  describe("setting up a tier group", function () {
    function params(tierGroup: number, tier: number, exclusivityGroup = ZERO_HASH) {
      return {
        mode: AwardMode.Fixed,
        amount: yuan("100,000"),
        maxAwards: 0,
        maxTotal: 0n,
        exclusivityGroup,
        descriptionHash: textHash("level"),
        tierGroup,
        tier,
        supervisionPeriod: 0,
        attestationInterval: 0,
        eligibilityWindow: 0,
      };
    }

    it("refuses a level outside 1–16, a level without a group, a level taken, and a group with an exclusivity group; nothing added", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const admin = w.htz.connect(w.actors.admin);
      const count = (await w.htz.summary()).categoryCount;
      for (const [group, tier] of [
        [3, 0],
        [3, 17],
        [0, 1],
      ] as const) {
        await expect(admin.addCategory(params(group, tier)))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidTier")
          .withArgs(group, tier);
      }
      await expect(admin.addCategory(params(Number(PLATFORM), 2)))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_TierTaken")
        .withArgs(PLATFORM, 2);
      const named = textHash("some exclusivity group");
      await expect(admin.addCategory(params(3, 1, named)))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_TierGroupWithExclusivityGroup")
        .withArgs(3, named);
      expect((await w.htz.summary()).categoryCount).to.equal(count);
      expect(await w.htz.tierLevels(3)).to.equal(0n);
    });

    it("adds level 4 to the platform group and says so (CategoryTiered)", async function () {
      const w = await networkHelpers.loadFixture(deployTiers);
      const admin = w.htz.connect(w.actors.admin);
      const id = await admin.addCategory.staticCall(params(Number(PLATFORM), 4));
      await expect(admin.addCategory(params(Number(PLATFORM), 4)))
        .to.emit(w.htz, "CategoryTiered")
        .withArgs(id, PLATFORM, 4);
      expect(await w.htz.tierLevels(PLATFORM)).to.equal(0b1111n);
      expect((await w.htz.category(id)).awardKey).to.equal((await w.htz.category(w.national)).awardKey);
      // A company keeping the national 5,000,000 has no difference to be paid at a 100,000 level 4.
      const t = await now(networkHelpers);
      await w.htz.award(w.ids.a, w.national, 0, terms(t, [["5,000,000", 90]]));
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.award(w.ids.a, id, 0, terms(t, [["100,000", 90]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NothingToTopUp")
          .withArgs(w.nos.a, yuan("100,000"), yuan("5,000,000"));
      });
    });
  });
});
