/**
 * settle: deciding a review round without a further vote (a recusal made approval impossible, or the
 * admin lowered the quorum), and its refusals. Split from the review round's hardening tests; the
 * others moved to signed-votes, admin (pause and deadlines) and recovery.
 */
import { expect } from "chai";
import { network } from "hardhat";

import { MilestoneState } from "../../../core/enums.js";
import { textHash } from "../../../core/ids.js";
import { guiyangFixture, terms, ACCEPTS } from "../../utils/fixtures.js";
import { submittedNationalLab } from "../../utils/fixtures.js";

const connection = await network.create();
const { networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const EVIDENCE = textHash("licence: national engineering lab, 2017");
const REASON = textHash("ok");

const submitted = () => submittedNationalLab(networkHelpers, deployGuiyang, EVIDENCE);

describe("GrantProgram hardening", function () {
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
});
