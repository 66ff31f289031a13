/**
 * Invariant I12 (exact boundaries), from the security checklist: at the exact end of a window exactly
 * one of the competing actions is allowed. The refused call is sent with an explicit gas limit, so it
 * is mined (and reverts) in a block at the chosen second; the allowed call is then shown at the same
 * second from a snapshot taken just before.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { MilestoneState } from "../../core/enums.js";
import { yuan, ACCEPTS } from "../utils/fixtures.js";
import { APPROVAL, EVIDENCE, MINED, OBJECTION, REASON, expectNothingMoved, now, securityFixtures } from "./helpers.js";
import { approveSubmitted } from "../../scripts/lib/scenario.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployAwarded, deploySubmitted, deployInNotice } = securityFixtures(connection);

/** The latest block was mined at `second` and holds one transaction, which reverted. */
async function expectRevertMinedAt(second: bigint): Promise<void> {
  expect(await now(networkHelpers)).to.equal(second);
  const block = await ethers.provider.getBlock("latest");
  expect(block?.transactions.length).to.equal(1);
  const receipt = await ethers.provider.getTransactionReceipt(block!.transactions[0]);
  expect(receipt?.status).to.equal(0);
}

describe("invariant I12 exact boundaries", function () {
  describe("milestone deadline: evidence submission against lapse", function () {
    it("I12 at exactly the deadline: lapse is refused (DeadlineNotPassed), mined at that second with nothing moved, and evidence is accepted", async function () {
      const w = await networkHelpers.loadFixture(deployAwarded);
      const deadline = w.deadlines[0];
      const snapshot = await networkHelpers.takeSnapshot();

      await networkHelpers.time.setNextBlockTimestamp(deadline);
      await expectNothingMoved(w.watch, async () => {
        await expect(w.htz.connect(w.actors.stranger).lapse(w.grantId, 0, MINED))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DeadlineNotPassed")
          .withArgs(w.grantId, 0, deadline);
      });
      await expectRevertMinedAt(deadline);

      await snapshot.restore();
      await networkHelpers.time.setNextBlockTimestamp(deadline);
      await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE, MINED))
        .to.emit(w.htz, "EvidenceSubmitted")
        .withArgs(w.grantId, 0, EVIDENCE);
      expect(await now(networkHelpers)).to.equal(deadline);
    });

    it("I12 one second after the deadline: evidence is refused (DeadlinePassed), mined at that second with nothing moved, and the lapse is accepted", async function () {
      const w = await networkHelpers.loadFixture(deployAwarded);
      const deadline = w.deadlines[0];
      const snapshot = await networkHelpers.takeSnapshot();

      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      await expectNothingMoved(w.watch, async () => {
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE, MINED))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DeadlinePassed")
          .withArgs(w.grantId, 0, deadline);
      });
      await expectRevertMinedAt(deadline + 1n);

      await snapshot.restore();
      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      await expect(w.htz.connect(w.actors.stranger).lapse(w.grantId, 0, MINED))
        .to.emit(w.htz, "MilestoneLapsed")
        .withArgs(w.grantId, 0, yuan("3,000,000"));
      expect(await now(networkHelpers)).to.equal(deadline + 1n);
    });
  });

  describe("milestone deadline: committee vote against lapse", function () {
    /** Milestone 0 submitted with two of the three approvals it needs. */
    async function deployTwoApprovals() {
      const w = await deploySubmitted();
      await approveSubmitted(w.htz, w.actors.reviewers, w.grantId, 0, EVIDENCE, { ...APPROVAL, votes: 2 });
      return w;
    }

    it("I12 at exactly the deadline: lapse is refused (DeadlineNotPassed), mined at that second with nothing moved, and the deciding vote approves", async function () {
      const w = await networkHelpers.loadFixture(deployTwoApprovals);
      const deadline = w.deadlines[0];
      const r3 = w.actors.reviewers[2];
      const snapshot = await networkHelpers.takeSnapshot();

      await networkHelpers.time.setNextBlockTimestamp(deadline);
      await expectNothingMoved(w.watch, async () => {
        await expect(w.htz.connect(w.actors.stranger).lapse(w.grantId, 0, MINED))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DeadlineNotPassed")
          .withArgs(w.grantId, 0, deadline);
      });
      await expectRevertMinedAt(deadline);

      await snapshot.restore();
      await networkHelpers.time.setNextBlockTimestamp(deadline);
      await expect(w.htz.connect(r3).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON, MINED)).to.emit(
        w.htz,
        "MilestoneApproved",
      );
      expect(await now(networkHelpers)).to.equal(deadline);
      expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.InNotice);
    });

    it("I12 one second after the deadline: the deciding vote is refused (DeadlinePassed), mined at that second with nothing moved, and the lapse is accepted", async function () {
      const w = await networkHelpers.loadFixture(deployTwoApprovals);
      const deadline = w.deadlines[0];
      const r3 = w.actors.reviewers[2];
      const snapshot = await networkHelpers.takeSnapshot();

      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      await expectNothingMoved(w.watch, async () => {
        await expect(w.htz.connect(r3).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON, MINED))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DeadlinePassed")
          .withArgs(w.grantId, 0, deadline);
      });
      await expectRevertMinedAt(deadline + 1n);

      await snapshot.restore();
      await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
      await expect(w.htz.connect(w.actors.stranger).lapse(w.grantId, 0, MINED))
        .to.emit(w.htz, "MilestoneLapsed")
        .withArgs(w.grantId, 0, yuan("3,000,000"));
      expect(await now(networkHelpers)).to.equal(deadline + 1n);
    });
  });

  describe("notice window end: objection against claim", function () {
    it("I12 one second before noticeEndsAt: the claim is refused (WrongMilestoneState(InNotice)), mined at that second with nothing moved, and an objection is accepted", async function () {
      const w = await networkHelpers.loadFixture(deployInNotice);
      const at = w.noticeEndsAt - 1n;
      const snapshot = await networkHelpers.takeSnapshot();

      await networkHelpers.time.setNextBlockTimestamp(at);
      await expectNothingMoved(w.watch, async () => {
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0], MINED))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.InNotice, ACCEPTS.claim);
      });
      await expectRevertMinedAt(at);

      await snapshot.restore();
      await networkHelpers.time.setNextBlockTimestamp(at);
      await expect(w.htz.connect(w.actors.stranger).object(w.grantId, 0, OBJECTION, MINED))
        .to.emit(w.htz, "ObjectionFiled")
        .withArgs(w.grantId, 0, w.actors.stranger.address, OBJECTION);
      expect(await now(networkHelpers)).to.equal(at);
      expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Contested);
    });

    it("I12 at exactly noticeEndsAt: the objection is refused (WrongMilestoneState(Payable)), mined at that second with nothing moved, and the claim pays", async function () {
      const w = await networkHelpers.loadFixture(deployInNotice);
      const at = w.noticeEndsAt;
      const snapshot = await networkHelpers.takeSnapshot();

      await networkHelpers.time.setNextBlockTimestamp(at);
      await expectNothingMoved(w.watch, async () => {
        await expect(w.htz.connect(w.actors.stranger).object(w.grantId, 0, OBJECTION, MINED))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.Payable, ACCEPTS.object);
      });
      await expectRevertMinedAt(at);

      await snapshot.restore();
      await networkHelpers.time.setNextBlockTimestamp(at);
      await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0], MINED)).to.changeTokenBalances(
        ethers,
        w.token,
        [w.actors.companyA, w.htz],
        [yuan("3,000,000"), -yuan("3,000,000")],
      );
      expect(await now(networkHelpers)).to.equal(at);
    });
  });
});
