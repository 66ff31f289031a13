import { expect } from "chai";
import { network } from "hardhat";

import { DAY } from "../../scripts/lib/suite.js";
import { MilestoneState } from "../../core/enums.js";
import { textHash } from "../../core/ids.js";
import { signVote } from "../../core/votes.js";
import { guiyangFixture, NOTICE, terms, yuan, ACCEPTS } from "../utils/fixtures.js";
import { approveSubmitted } from "../../scripts/lib/scenario.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const EVIDENCE = textHash("licence: national engineering lab, 2017");
const REASON = textHash("ok");

/** Company A's 5,000,000 national-lab grant, one milestone due in 30 days, evidence submitted. */
async function submitted() {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const now = BigInt(await networkHelpers.time.latest());
  await w.htz.award(w.ids.a, w.htzCategories.get("rd-platform-national")!, 0, terms(now, [["5,000,000", 30]]));
  const grantId = await w.htz.grantCount();
  const { termsHash } = await w.htz.grant(grantId);
  await w.htz.connect(w.actors.companyA).submitEvidence(grantId, 0, EVIDENCE);
  return { w, htz: w.htz, actors: w.actors, grantId, termsHash, deadline: now + 30n * DAY };
}

describe("GrantProgram hardening", function () {
  describe("submitSignedVotes", function () {
    it("refuses one reviewer's signature offered as the vote of a contract-wallet reviewer it also signs for", async function () {
      const s = await submitted();
      const [r1] = s.actors.reviewers;
      const wallet = await ethers.deployContract("MockERC1271Wallet", [r1.address]);
      await s.htz.connect(s.actors.admin).addReviewer(await wallet.getAddress());
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const asR1 = await signVote(r1, s.htz, {
        grantId: s.grantId,
        milestoneIndex: 0,
        approve: true,
        reasonHash: REASON,
        deadline,
      });
      const asWallet = { ...asR1, reviewer: await wallet.getAddress() };

      const before = await s.htz.milestone(s.grantId, 0);
      await expect(s.htz.submitSignedVotes(s.grantId, 0, s.termsHash, EVIDENCE, [asR1, asWallet]))
        .to.be.revertedWithCustomError(s.htz, "GrantProgram_InvalidSignature")
        .withArgs(await wallet.getAddress());
      expect(await s.htz.milestone(s.grantId, 0)).to.deep.equal(before);
    });

    it("refuses a signature from an earlier review round replayed after a resubmission of the same evidence", async function () {
      const s = await submitted();
      const [r1, r2] = s.actors.reviewers;
      const deadline = s.deadline - DAY;
      const old = await signVote(r1, s.htz, {
        grantId: s.grantId,
        milestoneIndex: 0,
        approve: true,
        reasonHash: REASON,
        deadline,
      });
      await s.htz.connect(r1).vote(s.grantId, 0, s.termsHash, EVIDENCE, false, REASON);
      await s.htz.connect(r2).vote(s.grantId, 0, s.termsHash, EVIDENCE, false, REASON);
      expect(await s.htz.milestoneState(s.grantId, 0)).to.equal(MilestoneState.Rejected);
      await s.htz.connect(s.actors.companyA).submitEvidence(s.grantId, 0, EVIDENCE);

      await expect(s.htz.submitSignedVotes(s.grantId, 0, s.termsHash, EVIDENCE, [old]))
        .to.be.revertedWithCustomError(s.htz, "GrantProgram_InvalidSignature")
        .withArgs(r1.address);
      expect((await s.htz.milestone(s.grantId, 0)).approvals).to.equal(0n);
      expect((await s.htz.milestone(s.grantId, 0)).round).to.equal(2n);
    });
  });

  describe("settle", function () {
    it("rejects a round that a recusal made impossible to approve, so the grantee can resubmit", async function () {
      const s = await submitted();
      const [r1, r2, r3, r4] = s.actors.reviewers;
      await s.htz.connect(r1).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      await s.htz.connect(r2).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      await s.htz.connect(r3).vote(s.grantId, 0, s.termsHash, EVIDENCE, false, REASON);
      await s.htz.connect(r4).declareConflict(s.grantId);

      await expect(s.htz.connect(s.actors.stranger).settle(s.grantId, 0))
        .to.emit(s.htz, "MilestoneRejected")
        .withArgs(s.grantId, 0);
      await expect(s.htz.connect(s.actors.companyA).submitEvidence(s.grantId, 0, textHash("better evidence"))).to.emit(
        s.htz,
        "EvidenceSubmitted",
      );
    });

    it("approves a round whose approvals reach a quorum the admin lowered after they were cast", async function () {
      const s = await submitted();
      const [r1, r2] = s.actors.reviewers;
      await s.htz.connect(r1).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      await s.htz.connect(r2).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      await s.htz.connect(s.actors.admin).setQuorum(2);

      const tx = s.htz.connect(s.actors.stranger).settle(s.grantId, 0);
      await expect(tx).to.emit(s.htz, "MilestoneApproved");
      expect(await s.htz.milestoneState(s.grantId, 0)).to.equal(MilestoneState.InNotice);
    });

    it("decides a round on a later reject vote when approvals already meet a lowered quorum", async function () {
      const s = await submitted();
      const [r1, r2, r3] = s.actors.reviewers;
      await s.htz.connect(r1).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      await s.htz.connect(r2).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      await s.htz.connect(s.actors.admin).setQuorum(2);
      await expect(s.htz.connect(r3).vote(s.grantId, 0, s.termsHash, EVIDENCE, false, REASON)).to.emit(
        s.htz,
        "MilestoneApproved",
      );
    });

    it("refuses to settle an undecided round (RoundUndecided) and changes nothing", async function () {
      const s = await submitted();
      await s.htz.connect(s.actors.reviewers[0]).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      const before = await s.htz.milestone(s.grantId, 0);
      await expect(s.htz.settle(s.grantId, 0))
        .to.be.revertedWithCustomError(s.htz, "GrantProgram_RoundUndecided")
        .withArgs(s.grantId, 0);
      expect(await s.htz.milestone(s.grantId, 0)).to.deep.equal(before);
    });

    it("refuses to settle a milestone that is not under review (WrongMilestoneState)", async function () {
      const s = await submitted();
      const now = BigInt(await networkHelpers.time.latest());
      await s.htz.award(s.w.ids.b, s.w.htzCategories.get("rd-platform-joint")!, 0, terms(now, [["2,000,000", 30]]));
      await expect(s.htz.settle(2n, 0))
        .to.be.revertedWithCustomError(s.htz, "GrantProgram_WrongMilestoneState")
        .withArgs(2n, 0, MilestoneState.Pending, ACCEPTS.settle);
    });

    it("refuses to settle after the deadline (DeadlinePassed)", async function () {
      const s = await submitted();
      await networkHelpers.time.increaseTo(s.deadline + 1n);
      await expect(s.htz.settle(s.grantId, 0))
        .to.be.revertedWithCustomError(s.htz, "GrantProgram_DeadlinePassed")
        .withArgs(s.grantId, 0, s.deadline);
    });

    it("refuses to settle while paused (Paused)", async function () {
      const s = await submitted();
      await s.htz.connect(s.actors.guardian).pause();
      await expect(s.htz.settle(s.grantId, 0)).to.be.revertedWithCustomError(s.htz, "GrantProgram_Paused");
    });
  });

  describe("pause and deadlines", function () {
    it("stops the program's clock: no lapse during or right after a pause, and deadlines move by the paused time", async function () {
      const s = await submitted();
      await s.htz.connect(s.actors.reviewers[0]).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      await s.htz.connect(s.actors.guardian).pause();
      const pausedAt = BigInt(await networkHelpers.time.latest());
      await networkHelpers.time.increaseTo(s.deadline + 10n * DAY);

      const before = await s.htz.summary();
      await expect(s.htz.connect(s.actors.stranger).lapse(s.grantId, 0)).to.be.revertedWithCustomError(
        s.htz,
        "GrantProgram_DeadlineNotPassed",
      );
      await s.htz.connect(s.actors.admin).unpause();
      const pausedFor = BigInt(await networkHelpers.time.latest()) - pausedAt;
      expect((await s.htz.settings()).pausedTotal).to.equal(pausedFor);
      await expect(s.htz.connect(s.actors.stranger).lapse(s.grantId, 0))
        .to.be.revertedWithCustomError(s.htz, "GrantProgram_DeadlineNotPassed")
        .withArgs(s.grantId, 0, s.deadline + pausedFor);
      expect(await s.htz.summary()).to.deep.equal(before);

      // The committee finishes its review after the pause, inside the extended deadline.
      for (const reviewer of s.actors.reviewers.slice(1, 3)) {
        await s.htz.connect(reviewer).vote(s.grantId, 0, s.termsHash, EVIDENCE, true, REASON);
      }
      await networkHelpers.time.increase(NOTICE);
      await expect(s.htz.connect(s.actors.companyA).claim(s.grantId, [0])).to.changeTokenBalance(
        ethers,
        s.w.token,
        s.actors.companyA,
        yuan("5,000,000"),
      );
    });

    it("stores the deadlines of grants awarded after a pause on the program's clock", async function () {
      const w = await networkHelpers.loadFixture(deployGuiyang);
      await w.htz.connect(w.actors.guardian).pause();
      await networkHelpers.time.increase(5n * DAY);
      await w.htz.connect(w.actors.admin).unpause();
      const pausedTotal = (await w.htz.settings()).pausedTotal;
      const now = BigInt(await networkHelpers.time.latest());
      await w.htz.award(w.ids.b, w.htzCategories.get("rd-platform-joint")!, 0, terms(now, [["2,000,000", 30]]));
      const grantId = await w.htz.grantCount();
      expect((await w.htz.milestone(grantId, 0)).deadline).to.equal(now + 30n * DAY - pausedTotal);
      expect((await w.core.lens.milestones(await w.htz.getAddress(), grantId))[0].deadline).to.equal(now + 30n * DAY);
      await networkHelpers.time.increaseTo(now + 30n * DAY + 1n);
      await expect(w.htz.lapse(grantId, 0)).to.emit(w.htz, "MilestoneLapsed");
    });
  });

  describe("orderRecovery", function () {
    it("does not cancel a fully paid grant (no GrantCancelled), only bars and records the debt", async function () {
      const s = await submitted();
      await approveSubmitted(s.htz, s.actors.reviewers, s.grantId, 0, EVIDENCE, { reasonHash: REASON });
      await networkHelpers.time.increase(NOTICE);
      await s.htz.connect(s.actors.companyA).claim(s.grantId, [0]);
      const tx = s.htz.orderRecovery(s.grantId, yuan("5,000,000"), REASON);
      await expect(tx).to.emit(s.htz, "RecoveryOrdered");
      await expect(tx).not.to.emit(s.htz, "GrantCancelled");
      expect((await s.htz.grant(s.grantId)).cancelled).to.equal(false);
    });
  });

  describe("registry authorisation revoked while money is owed", function () {
    it("still lets the repayment lift the bar the program set", async function () {
      const s = await submitted();
      await approveSubmitted(s.htz, s.actors.reviewers, s.grantId, 0, EVIDENCE, { reasonHash: REASON });
      await networkHelpers.time.increase(NOTICE);
      await s.htz.connect(s.actors.companyA).claim(s.grantId, [0]);
      await s.htz.orderRecovery(s.grantId, yuan("1"), REASON);
      const { registry, token } = s.w;
      await registry
        .connect(s.actors.registryAdmin)
        .revokeRole(await registry.PROGRAM_ROLE(), await s.htz.getAddress());
      await token.connect(s.actors.companyA).approve(await s.htz.getAddress(), yuan("1"));

      await expect(s.htz.connect(s.actors.companyA).repay(s.grantId, yuan("1"))).to.emit(registry, "BarLifted");
      expect((await registry.entity(s.w.nos.a)).openRecoveries).to.equal(0n);
    });

    it("refuses liftBar and releaseAward from an account that was never authorised", async function () {
      const s = await submitted();
      const { registry } = s.w;
      const role = await registry.PROGRAM_ROLE();
      await expect(registry.connect(s.actors.stranger).liftBar(s.w.nos.a))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(s.actors.stranger.address, role);
      await expect(registry.connect(s.actors.stranger).releaseAward(s.w.nos.a, textHash("key")))
        .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
        .withArgs(s.actors.stranger.address, role);
    });
  });
});
