/**
 * Supervision after payment (监管期): a category states a supervision period after the grant's payments
 * (3 years here) and an attestation interval (yearly); the grantee's wallet files an attestation (a
 * document hash) in each window; a missed one makes the grant eligible for recovery — a manager still
 * decides — and recovery can be ordered only until the period ends (after it, only by the admin's logged
 * override); after the period the grant is closed for good. Every refusal moves nothing.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { AwardMode, Compliance as ComplianceValue } from "../../../core/enums.js";
import { textHash } from "../../../core/ids.js";
import { DAY } from "../../../scripts/lib/suite.js";
import { payMilestone } from "../../../scripts/lib/scenario.js";
import { guiyangFixture, terms, yuan, ZERO_HASH, type GuiyangWorld } from "../../utils/fixtures.js";
import { expectNothingMoved, guiyangWatch, now } from "../../security/helpers.js";

const connection = await network.create();
const { networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const YEAR = 365n * DAY;
const PERIOD = 3n * YEAR;
const EVIDENCE = textHash("product launched: operating licence and user report");
const STILL_HERE = textHash("2018 annual report: registered and operating in the zone");
const FRAUD = textHash("the company left the zone in its second year");

/** Program.Compliance values as ethers returns them (bigint). */
const Compliance = Object.fromEntries(Object.entries(ComplianceValue).map(([k, v]) => [k, BigInt(v)])) as {
  [K in keyof typeof ComplianceValue]: bigint;
};

function supervised(period: bigint, interval: bigint) {
  return {
    mode: AwardMode.Capped,
    amount: yuan("1,000,000"),
    maxAwards: 0,
    maxTotal: 0n,
    exclusivityGroup: ZERO_HASH,
    descriptionHash: textHash("supervised category"),
    tierGroup: 0,
    tier: 0,
    supervisionPeriod: period,
    attestationInterval: interval,
    eligibilityWindow: 0,
  };
}

interface SupervisedWorld extends GuiyangWorld {
  category: bigint;
  grantId: bigint;
}

/** A supervised category (3 years, yearly attestations); company A's grant of two milestones, both paid. */
async function deployPaid(): Promise<SupervisedWorld> {
  const w = await deployGuiyang();
  const admin = w.htz.connect(w.actors.admin);
  const category = await admin.addCategory.staticCall(supervised(PERIOD, YEAR));
  await admin.addCategory(supervised(PERIOD, YEAR));
  await w.htz.award(
    w.ids.a,
    category,
    0,
    terms(await now(networkHelpers), [
      ["600,000", 60],
      ["400,000", 120],
    ]),
  );
  const grantId = await w.htz.grantCount();
  for (const index of [0, 1]) {
    await payMilestone(networkHelpers, w.htz, w.actors.companyA, w.actors.reviewers, grantId, index, EVIDENCE, {
      reasonHash: textHash("verified"),
    });
  }
  return { ...w, category, grantId };
}

async function deployStarted(): Promise<SupervisedWorld & { startsAt: bigint }> {
  const w = await deployPaid();
  await w.htz.connect(w.actors.stranger).startSupervision(w.grantId);
  return { ...w, startsAt: BigInt(await networkHelpers.time.latest()) };
}

describe("Supervision after payment (监管期) and compliance attestations", function () {
  describe("a category's supervision terms", function () {
    it("are stored and announced (CategorySupervised); the HTZ platform levels are supervised 3 years, attested yearly", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const admin = w.htz.connect(w.actors.admin);
      const id = await admin.addCategory.staticCall(supervised(PERIOD, YEAR));
      await expect(admin.addCategory(supervised(PERIOD, YEAR)))
        .to.emit(w.htz, "CategorySupervised")
        .withArgs(id, PERIOD, YEAR);
      const terms = await w.htz.supervisionTerms(w.htzCategories.get("rd-platform-national")!);
      expect([terms.period, terms.interval]).to.deep.equal([PERIOD, YEAR]);
      const none = await w.htz.supervisionTerms(w.htzCategories.get("technical-breakthrough")!);
      expect([none.period, none.interval]).to.deep.equal([0n, 0n]);
    });

    it("refuse a period over ten years, an interval without a period, not dividing it, or over 64 windows; nothing added", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const admin = w.htz.connect(w.actors.admin);
      const count = (await w.htz.summary()).categoryCount;
      for (const [period, interval] of [
        [3651n * DAY, 0n],
        [0n, YEAR],
        [PERIOD, 200n * DAY],
        [PERIOD, 10n * DAY],
      ]) {
        await expect(admin.addCategory(supervised(period, interval)))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidSupervision")
          .withArgs(period, interval);
      }
      expect((await w.htz.summary()).categoryCount).to.equal(count);
    });
  });

  describe("starting supervision", function () {
    it("is refused while a milestone can still be paid, and for a category without supervision; nothing moved", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const admin = w.htz.connect(w.actors.admin);
      const category = await admin.addCategory.staticCall(supervised(PERIOD, YEAR));
      await admin.addCategory(supervised(PERIOD, YEAR));
      const t = await now(networkHelpers);
      await w.htz.award(w.ids.a, category, 0, terms(t, [["600,000", 60]]));
      await w.htz.award(w.ids.b, w.htzCategories.get("technical-breakthrough")!, 0, terms(t, [["600,000", 60]]));
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.startSupervision(1n))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_PaymentsNotOver")
          .withArgs(1n);
        await expect(w.htz.startSupervision(2n))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotSupervised")
          .withArgs(2n);
      });
      expect((await w.htz.supervisionOf(1n)).state).to.equal(Compliance.AwaitingPayments);
      expect((await w.htz.supervisionOf(2n)).state).to.equal(Compliance.None);
      // A lapsed (never paid) grant has nothing to supervise either.
      await networkHelpers.time.increase(61n * DAY);
      await w.htz.lapse(1n, 0);
      await expect(w.htz.startSupervision(1n)).to.be.revertedWithCustomError(w.htz, "GrantProgram_PaymentsNotOver");
    });

    it("begins for anyone once the payments are over, for 3 years (SupervisionStarted), once", async function () {
      const w = await networkHelpers.loadFixture(deployPaid);
      const tx = w.htz.connect(w.actors.stranger).startSupervision(w.grantId);
      const at = BigInt(await networkHelpers.time.latest()) + 1n;
      await expect(tx)
        .to.emit(w.htz, "SupervisionStarted")
        .withArgs(w.grantId, at, at + PERIOD);
      const v = await w.htz.supervisionOf(w.grantId);
      expect([v.state, v.startsAt, v.endsAt, v.windows, v.windowsDue, v.nextDueAt]).to.deep.equal([
        Compliance.Supervising,
        at,
        at + PERIOD,
        3n,
        0n,
        at + YEAR,
      ]);
      await expect(w.htz.startSupervision(w.grantId))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_SupervisionAlreadyStarted")
        .withArgs(w.grantId);
    });
  });

  describe("attestations", function () {
    it("are filed by the grantee's wallet, one per yearly window (AttestationFiled); a second in the window, a stranger, a zero hash are refused, nothing moved", async function () {
      const w = await networkHelpers.loadFixture(deployStarted);
      const grantee = w.htz.connect(w.actors.companyA);
      await expect(grantee.attest(w.grantId, STILL_HERE))
        .to.emit(w.htz, "AttestationFiled")
        .withArgs(w.grantId, 1, STILL_HERE);
      await expectNothingMoved(
        guiyangWatch(w, () => w.htz.supervisionOf(w.grantId)),
        async () => {
          await expect(grantee.attest(w.grantId, STILL_HERE))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_AlreadyAttested")
            .withArgs(w.grantId, 1);
          await expect(w.htz.connect(w.actors.stranger).attest(w.grantId, STILL_HERE))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
            .withArgs(w.actors.stranger.address, w.actors.companyA.address);
          await expect(grantee.attest(w.grantId, ZERO_HASH)).to.be.revertedWithCustomError(
            w.htz,
            "GrantProgram_ZeroAttestationHash",
          );
        },
      );
      // The next window takes the next one.
      await networkHelpers.time.increase(YEAR);
      await expect(grantee.attest(w.grantId, STILL_HERE))
        .to.emit(w.htz, "AttestationFiled")
        .withArgs(w.grantId, 2, STILL_HERE);
      const v = await w.htz.supervisionOf(w.grantId);
      expect([v.state, v.windowsDue, v.attestedCount, v.missed]).to.deep.equal([Compliance.Supervising, 1n, 2n, 0n]);
    });

    it("are refused to a wallet that is or was an official of the program (RoleConflict); nothing moved", async function () {
      const w = await networkHelpers.loadFixture(deployStarted);
      const role = await w.htz.TREASURER_ROLE();
      const admin = w.htz.connect(w.actors.admin);
      await admin.grantRole(role, w.actors.companyA.address);
      await admin.revokeRole(role, w.actors.companyA.address);
      await expectNothingMoved(
        guiyangWatch(w, () => w.htz.supervisionOf(w.grantId)),
        async () => {
          await expect(w.htz.connect(w.actors.companyA).attest(w.grantId, STILL_HERE)).to.be.revertedWithCustomError(
            w.htz,
            "GrantProgram_RoleConflict",
          );
        },
      );
    });

    it("are refused before supervision started, without a supervision period, or where none is required", async function () {
      const w = await networkHelpers.loadFixture(deployPaid);
      const grantee = w.htz.connect(w.actors.companyA);
      await expect(grantee.attest(w.grantId, STILL_HERE))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_SupervisionNotStarted")
        .withArgs(w.grantId);
      // Supervised 3 years with no attestations; and a category without supervision.
      const admin = w.htz.connect(w.actors.admin);
      const quiet = await admin.addCategory.staticCall(supervised(PERIOD, 0n));
      await admin.addCategory(supervised(PERIOD, 0n));
      const t = await now(networkHelpers);
      await w.htz.award(w.ids.b, quiet, 0, terms(t, [["100,000", 60]]));
      await w.htz.award(w.ids.b, w.htzCategories.get("technical-breakthrough")!, 0, terms(t, [["100,000", 60]]));
      const [quietGrant, plainGrant] = [w.grantId + 1n, w.grantId + 2n];
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.connect(w.actors.companyB).attest(quietGrant, STILL_HERE))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NoAttestationsRequired")
          .withArgs(quietGrant);
        await expect(w.htz.connect(w.actors.companyB).attest(plainGrant, STILL_HERE))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotSupervised")
          .withArgs(plainGrant);
      });
    });

    it("a missed attestation makes the grant eligible for recovery, not an automatic clawback: a manager orders it", async function () {
      const w = await networkHelpers.loadFixture(deployStarted);
      const before = await w.htz.summary();
      await networkHelpers.time.increase(YEAR + DAY);
      const v = await w.htz.supervisionOf(w.grantId);
      expect([v.state, v.windowsDue, v.attestedCount, v.missed]).to.deep.equal([
        Compliance.AttestationMissed,
        1n,
        0n,
        1n,
      ]);
      // Nothing happened by itself.
      expect(await w.htz.summary()).to.deep.equal(before);
      expect((await w.registry.entity(w.nos.a)).openRecoveries).to.equal(0n);
      await expect(w.htz.orderRecovery(w.grantId, yuan("1,000,000"), FRAUD))
        .to.emit(w.htz, "RecoveryOrdered")
        .withArgs(w.grantId, w.nos.a, yuan("1,000,000"), FRAUD);
      expect((await w.registry.entity(w.nos.a)).openRecoveries).to.equal(1n);
    });

    it("a pause stops the supervision clock: the window's end moves by the pause", async function () {
      const w = await networkHelpers.loadFixture(deployStarted);
      const due = (await w.htz.supervisionOf(w.grantId)).nextDueAt;
      await w.htz.connect(w.actors.guardian).pause();
      await networkHelpers.time.increase(30n * DAY);
      await w.htz.connect(w.actors.admin).unpause();
      expect((await w.htz.supervisionOf(w.grantId)).nextDueAt - due).to.be.within(30n * DAY, 30n * DAY + 2n);
    });
  });

  describe("after the period the grant is closed for good", function () {
    it("is Closed after all 64 windows of the longest schedule too, with every unattested window counted missed", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      const admin = w.htz.connect(w.actors.admin);
      const category = await admin.addCategory.staticCall(supervised(64n * DAY, DAY));
      await admin.addCategory(supervised(64n * DAY, DAY));
      await w.htz.award(w.ids.b, category, 0, terms(await now(networkHelpers), [["100,000", 60]]));
      const grantId = await w.htz.grantCount();
      await payMilestone(networkHelpers, w.htz, w.actors.companyB, w.actors.reviewers, grantId, 0, EVIDENCE, {
        reasonHash: textHash("verified"),
      });
      expect((await w.htz.supervisionOf(grantId)).state).to.equal(Compliance.ReadyToStart);
      await w.htz.startSupervision(grantId);
      await w.htz.connect(w.actors.companyB).attest(grantId, STILL_HERE);
      await networkHelpers.time.increase(65n * DAY);
      const v = await w.htz.supervisionOf(grantId);
      expect([v.state, v.windows, v.windowsDue, v.attestedCount, v.missed]).to.deep.equal([
        Compliance.Closed,
        64n,
        64n,
        1n,
        63n,
      ]);
    });

    it("is Closed; recovery by a manager and attestations are refused (SupervisionOver), nothing moved", async function () {
      const w = await networkHelpers.loadFixture(deployStarted);
      await networkHelpers.time.increase(PERIOD);
      const v = await w.htz.supervisionOf(w.grantId);
      expect(v.state).to.equal(Compliance.Closed);
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.orderRecovery(w.grantId, yuan("1,000,000"), FRAUD))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_SupervisionOver")
          .withArgs(w.grantId, v.endsAt);
        await expect(w.htz.connect(w.actors.companyA).attest(w.grantId, STILL_HERE))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_SupervisionOver")
          .withArgs(w.grantId, v.endsAt);
      });
      expect((await w.registry.entity(w.nos.a)).openRecoveries).to.equal(0n);
    });

    it("only the admin's explicit override orders recovery then, and it is logged (RecoveryAfterSupervision)", async function () {
      const w = await networkHelpers.loadFixture(deployStarted);
      const asAdmin = w.htz.connect(w.actors.admin);
      // Within the period the override is not the way: the manager's order is.
      await expect(asAdmin.orderRecoveryAfterSupervision(w.grantId, yuan("1,000,000"), FRAUD))
        .to.be.revertedWithCustomError(w.htz, "GrantProgram_SupervisionNotOver")
        .withArgs(w.grantId);
      await networkHelpers.time.increase(PERIOD);
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.orderRecoveryAfterSupervision(w.grantId, yuan("1,000,000"), FRAUD))
          .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
          .withArgs(w.actors.manager.address, ZERO_HASH);
      });
      await expect(asAdmin.orderRecoveryAfterSupervision(w.grantId, yuan("1,000,000"), FRAUD))
        .to.emit(w.htz, "RecoveryAfterSupervision")
        .withArgs(w.grantId, w.actors.admin.address, FRAUD)
        .and.to.emit(w.htz, "RecoveryOrdered")
        .withArgs(w.grantId, w.nos.a, yuan("1,000,000"), FRAUD);
    });
  });
});
