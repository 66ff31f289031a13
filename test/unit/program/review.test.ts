import { expect } from "chai";
import { network } from "hardhat";

import { EntityKind, MilestoneState } from "../../../core/enums.js";
import { companyId, textHash } from "../../../core/ids.js";
import { guiyangFixture, NOTICE, ZERO_HASH, terms, yuan, type GuiyangWorld, ACCEPTS } from "../../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const EVIDENCE = textHash("evidence: national engineering lab licence");
const EVIDENCE_2 = textHash("evidence: national engineering lab licence, corrected scan");
const REASON = textHash("reason: checked against the licence register");

interface GrantWorld extends GuiyangWorld {
  /** Company A's grant: 3,000,000 due in 90 days, 2,000,000 due in 180 days. */
  grantId: bigint;
  termsHash: string;
  deadlines: [bigint, bigint];
}

async function deployWithGrant(): Promise<GrantWorld> {
  const w = await deployGuiyang();
  const now = BigInt(await networkHelpers.time.latest());
  const lab = w.htzCategories.get("rd-platform-national")!;
  await w.htz.award(
    w.ids.a,
    lab,
    0,
    terms(now, [
      ["3,000,000", 90],
      ["2,000,000", 180],
    ]),
  );
  const grantId = await w.htz.grantCount();
  const { termsHash } = await w.htz.grant(grantId);
  const m0 = await w.htz.milestone(grantId, 0);
  const m1 = await w.htz.milestone(grantId, 1);
  return { ...w, grantId, termsHash, deadlines: [m0.deadline, m1.deadline] };
}

/** Everything a refused call must leave untouched: budget, balances, both milestones and their evidence. */
async function observe(w: GrantWorld) {
  const { htz, token, actors, grantId } = w;
  const accounts = [htz, actors.companyA, actors.companyB, actors.companyC, actors.treasury, actors.treasurer];
  return {
    summary: await htz.summary(),
    balances: await Promise.all(accounts.map((account) => token.balanceOf(account))),
    milestones: [await htz.milestone(grantId, 0), await htz.milestone(grantId, 1)],
    evidence: [await htz.evidenceOf(grantId, 0), await htz.evidenceOf(grantId, 1)],
    grant: await htz.grant(grantId),
  };
}

async function submit(w: GrantWorld, index = 0, evidence = EVIDENCE): Promise<void> {
  await w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, index, evidence);
}

async function voteAs(w: GrantWorld, reviewerIndexes: number[], approve: boolean, index = 0, evidence = EVIDENCE) {
  for (const i of reviewerIndexes) {
    await w.htz.connect(w.actors.reviewers[i]).vote(w.grantId, index, w.termsHash, evidence, approve, REASON);
  }
}

describe("GrantProgram review", function () {
  describe("submitEvidence", function () {
    describe("by the grantee's payout wallet", function () {
      it("records the evidence, moves the milestone from Pending to Submitted and emits EvidenceSubmitted", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const before = await w.htz.summary();
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE))
          .to.emit(w.htz, "EvidenceSubmitted")
          .withArgs(w.grantId, 0, EVIDENCE);
        expect(await w.htz.evidenceOf(w.grantId, 0)).to.equal(EVIDENCE);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Submitted);
        expect(await w.htz.milestoneState(w.grantId, 1)).to.equal(MilestoneState.Pending);
        expect(await w.htz.summary()).to.deep.equal(before);
      });

      it("accepts evidence at exactly the milestone deadline", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await networkHelpers.time.setNextBlockTimestamp(w.deadlines[0]);
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE))
          .to.emit(w.htz, "EvidenceSubmitted")
          .withArgs(w.grantId, 0, EVIDENCE);
        expect((await w.htz.milestone(w.grantId, 0)).status).to.equal(BigInt(MilestoneState.Submitted)); // stored status
      });
    });

    describe("by anyone but the grantee's payout wallet", function () {
      it("refuses another registered company's wallet with NotGranteeWallet", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.companyB).submitEvidence(w.grantId, 0, EVIDENCE))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
          .withArgs(w.actors.companyB.address, w.actors.companyA.address);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses a stranger, a reviewer, the manager and the admin with NotGranteeWallet", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const before = await observe(w);
        for (const caller of [w.actors.stranger, w.actors.reviewers[0], w.actors.manager, w.actors.admin]) {
          await expect(w.htz.connect(caller).submitEvidence(w.grantId, 0, EVIDENCE))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
            .withArgs(caller.address, w.actors.companyA.address);
        }
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("with a zero evidence hash", function () {
      it("refuses it with ZeroHash(evidence)", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const before = await observe(w);
        await expect(
          w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, ZERO_HASH),
        ).to.be.revertedWithCustomError(w.htz, "GrantProgram_ZeroEvidenceHash");
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("in the wrong milestone state", function () {
      it("refuses new evidence while the milestone is Submitted (votes would be wiped)", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0], true);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE_2))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.Submitted, ACCEPTS.submitEvidence);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses new evidence for an approved milestone in its notice window", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1, 2], true);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE_2))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.InNotice, ACCEPTS.submitEvidence);
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("after 255 review rounds", function () {
      it("refuses a 256th submission (TooManyRounds): a round number is never reused, so old signatures stay dead", async function () {
        this.timeout(120_000); // 255 submissions: ≈ 8 s alone, more under coverage on shared cores
        const w = await networkHelpers.loadFixture(deployWithGrant);
        for (let round = 1; round <= 255; round++) {
          const evidence = textHash(`evidence, version ${round}`);
          await submit(w, 0, evidence);
          await voteAs(w, [0, 1], false, 0, evidence);
        }
        const m = await w.htz.milestone(w.grantId, 0);
        expect(m.round).to.equal(255n);
        expect(m.status).to.equal(MilestoneState.Rejected);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_TooManyRounds")
          .withArgs(w.grantId, 0, 255);
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("after the deadline", function () {
      it("refuses evidence one second after the deadline with DeadlinePassed", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const before = await observe(w);
        await networkHelpers.time.setNextBlockTimestamp(w.deadlines[0] + 1n);
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DeadlinePassed")
          .withArgs(w.grantId, 0, w.deadlines[0]);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses a resubmission after a rejection once the deadline has passed", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], false);
        const before = await observe(w);
        await networkHelpers.time.setNextBlockTimestamp(w.deadlines[0] + 1n);
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE_2))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DeadlinePassed")
          .withArgs(w.grantId, 0, w.deadlines[0]);
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("on a cancelled grant", function () {
      it("refuses evidence with GrantCancelled", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await w.htz.cancelGrant(w.grantId, REASON);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_GrantCancelled")
          .withArgs(w.grantId);
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("on an unknown grant or milestone", function () {
      it("refuses an unknown grant id with UnknownGrant", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const before = await observe(w);
        for (const grantId of [0n, w.grantId + 1n]) {
          await expect(w.htz.connect(w.actors.companyA).submitEvidence(grantId, 0, EVIDENCE))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_UnknownGrant")
            .withArgs(grantId);
        }
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses a milestone index beyond the grant's milestones with UnknownMilestone", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const before = await observe(w);
        for (const index of [2, 255]) {
          await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, index, EVIDENCE))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_UnknownMilestone")
            .withArgs(w.grantId, index);
        }
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("while the program is paused", function () {
      it("refuses evidence with Paused", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await w.htz.connect(w.actors.guardian).pause();
        const before = await observe(w);
        await expect(
          w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE),
        ).to.be.revertedWithCustomError(w.htz, "GrantProgram_Paused");
        expect(await observe(w)).to.deep.equal(before);
      });
    });
  });

  describe("vote", function () {
    describe("by an account that is not a reviewer", function () {
      it("refuses a stranger, the grantee and the manager with NotReviewer", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        const before = await observe(w);
        for (const caller of [w.actors.stranger, w.actors.companyA, w.actors.manager]) {
          await expect(w.htz.connect(caller).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotReviewer")
            .withArgs(caller.address);
        }
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("twice in one review round", function () {
      it("refuses the second vote with AlreadyVoted, whichever way it goes", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0], true);
        const before = await observe(w);
        for (const approve of [true, false]) {
          await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE, approve, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_AlreadyVoted")
            .withArgs(w.actors.reviewers[0].address);
        }
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("by a removed reviewer", function () {
      it("refuses the removed reviewer's vote with NotReviewer", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await w.htz.connect(w.actors.admin).removeReviewer(w.actors.reviewers[3].address);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.reviewers[3]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotReviewer")
          .withArgs(w.actors.reviewers[3].address);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("stops counting the removed reviewer's earlier approval towards the quorum", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], true);
        await w.htz.connect(w.actors.admin).removeReviewer(w.actors.reviewers[0].address);

        // Three approval bits are set, but only two belong to current reviewers.
        await expect(w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.emit(w.htz, "VoteCast")
          .and.not.to.emit(w.htz, "MilestoneApproved");
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Submitted);

        await expect(
          w.htz.connect(w.actors.reviewers[3]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON),
        ).to.emit(w.htz, "MilestoneApproved");
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.InNotice);
      });
    });

    describe("naming terms that are not the grant's", function () {
      it("refuses the vote with TermsMismatch(expected, given)", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        const before = await observe(w);
        const wrongTerms = textHash("terms of another grant");
        await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, wrongTerms, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_TermsMismatch")
          .withArgs(w.termsHash, wrongTerms);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses the terms hash of another grant of the same program", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const now = BigInt(await networkHelpers.time.latest());
        await w.htz.award(w.ids.b, w.htzCategories.get("rd-platform-national")!, 0, terms(now, [["5,000,000", 90]]));
        const otherTerms = (await w.htz.grant(w.grantId + 1n)).termsHash;
        await submit(w);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, otherTerms, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_TermsMismatch")
          .withArgs(w.termsHash, otherTerms);
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("naming evidence that is not the milestone's current evidence", function () {
      it("refuses the vote with EvidenceMismatch(current, given)", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE_2, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_EvidenceMismatch")
          .withArgs(EVIDENCE, EVIDENCE_2);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses a vote on the old evidence after the grantee resubmitted (resubmission race)", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], false);
        await submit(w, 0, EVIDENCE_2);
        const before = await observe(w);
        // Reviewer 3 read the first evidence and votes on it after the resubmission landed.
        await expect(w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_EvidenceMismatch")
          .withArgs(EVIDENCE_2, EVIDENCE);
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("in the wrong milestone state", function () {
      it("refuses a vote on a Pending milestone (no evidence yet)", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, ZERO_HASH, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.Pending, ACCEPTS.vote);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses the fourth reviewer's vote once the milestone is approved (in notice, then payable)", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1, 2], true);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.reviewers[3]).vote(w.grantId, 0, w.termsHash, EVIDENCE, false, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.InNotice, ACCEPTS.vote);
        await networkHelpers.time.increase(NOTICE);
        await expect(w.htz.connect(w.actors.reviewers[3]).vote(w.grantId, 0, w.termsHash, EVIDENCE, false, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.Payable, ACCEPTS.vote);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses a vote on a rejected milestone until evidence is resubmitted", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], false);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.Rejected, ACCEPTS.vote);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses a vote on a cancelled grant with GrantCancelled", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await w.htz.cancelGrant(w.grantId, REASON);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_GrantCancelled")
          .withArgs(w.grantId);
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("around the deadline", function () {
      it("counts a vote cast at exactly the deadline, and the deciding vote approves", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], true);
        await networkHelpers.time.setNextBlockTimestamp(w.deadlines[0]);
        await expect(w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.emit(w.htz, "MilestoneApproved")
          .withArgs(w.grantId, 0, w.deadlines[0] + NOTICE);
      });

      it("refuses a vote one second after the deadline with DeadlinePassed", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], true);
        const before = await observe(w);
        await networkHelpers.time.setNextBlockTimestamp(w.deadlines[0] + 1n);
        await expect(w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DeadlinePassed")
          .withArgs(w.grantId, 0, w.deadlines[0]);
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("reaching the quorum", function () {
      it("does not approve with two approvals out of a quorum of three", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.emit(w.htz, "VoteCast")
          .withArgs(w.grantId, 0, w.actors.reviewers[0].address, true, REASON);
        await voteAs(w, [1], true);
        const m = await w.htz.milestone(w.grantId, 0);
        expect(m.approvals).to.equal(0b11n);
        expect(m.noticeEndsAt).to.equal(0n);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Submitted);
      });

      it("approves on the third approval and emits MilestoneApproved with noticeEndsAt = vote time + notice", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], true);
        const before = await w.htz.summary();
        const at = BigInt(await networkHelpers.time.latest()) + 1000n;
        await networkHelpers.time.setNextBlockTimestamp(at);
        await expect(w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.emit(w.htz, "MilestoneApproved")
          .withArgs(w.grantId, 0, at + NOTICE)
          .and.to.emit(w.htz, "VoteCast")
          .withArgs(w.grantId, 0, w.actors.reviewers[2].address, true, REASON);
        const m = await w.htz.milestone(w.grantId, 0);
        expect(m.noticeEndsAt).to.equal(at + NOTICE);
        expect(m.status).to.equal(BigInt(MilestoneState.InNotice)); // stored status: approved
        // Approval moves no money: the amount stays reserved until claimed.
        expect(await w.htz.summary()).to.deep.equal(before);
      });

      it("approves with three approvals despite one rejection", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0], false);
        await voteAs(w, [1, 2], true);
        await expect(
          w.htz.connect(w.actors.reviewers[3]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON),
        ).to.emit(w.htz, "MilestoneApproved");
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.InNotice);
      });
    });

    describe("rejecting (4 reviewers, quorum 3: more than 1 rejection makes approval impossible)", function () {
      it("keeps the milestone Submitted after one rejection", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE, false, REASON))
          .to.emit(w.htz, "VoteCast")
          .withArgs(w.grantId, 0, w.actors.reviewers[0].address, false, REASON)
          .and.not.to.emit(w.htz, "MilestoneRejected");
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Submitted);
      });

      it("rejects on the second rejection and emits MilestoneRejected", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0], false);
        await voteAs(w, [1], true);
        const before = await w.htz.summary();
        await expect(w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE, false, REASON))
          .to.emit(w.htz, "MilestoneRejected")
          .withArgs(w.grantId, 0);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Rejected);
        // Rejection keeps the amount reserved: the grantee may resubmit before the deadline.
        expect(await w.htz.summary()).to.deep.equal(before);
      });
    });

    describe("after a resubmission", function () {
      it("starts a new round: votes are reset and a reviewer who rejected may vote again", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], false);
        await expect(w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 0, EVIDENCE_2))
          .to.emit(w.htz, "EvidenceSubmitted")
          .withArgs(w.grantId, 0, EVIDENCE_2);
        const m = await w.htz.milestone(w.grantId, 0);
        expect(m.approvals).to.equal(0n);
        expect(m.rejections).to.equal(0n);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Submitted);

        await voteAs(w, [0, 1], true, 0, EVIDENCE_2);
        await expect(
          w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE_2, true, REASON),
        ).to.emit(w.htz, "MilestoneApproved");
      });
    });

    describe("with recused reviewers", function () {
      it("refuses a recused reviewer's vote with ReviewerRecused", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await expect(w.htz.connect(w.actors.reviewers[0]).declareConflict(w.grantId))
          .to.emit(w.htz, "ConflictDeclared")
          .withArgs(w.grantId, w.actors.reviewers[0].address);
        const before = await observe(w);
        await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_ReviewerRecused")
          .withArgs(w.actors.reviewers[0].address, w.grantId);
        expect(await observe(w)).to.deep.equal(before);
      });

      it("refuses every vote with QuorumUnreachable(2, 3) once two of four reviewers are recused", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await w.htz.connect(w.actors.reviewers[0]).declareConflict(w.grantId);
        await w.htz.connect(w.actors.reviewers[1]).declareConflict(w.grantId);
        const before = await observe(w);
        for (const approve of [true, false]) {
          await expect(w.htz.connect(w.actors.reviewers[2]).vote(w.grantId, 0, w.termsHash, EVIDENCE, approve, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_QuorumUnreachable")
            .withArgs(2, 3);
        }
        expect(await observe(w)).to.deep.equal(before);
      });
    });

    describe("by a reviewer who is the grantee's payout wallet", function () {
      it("refuses the vote with SelfReview", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        const insider = w.actors.spare[0];
        const insiderId = companyId("91520115MA6DK0009X");
        await w.registry.connect(w.actors.registrar).registerEntity(insiderId, EntityKind.Company, insider.address);
        const now = BigInt(await networkHelpers.time.latest());
        await w.htz.award(insiderId, w.htzCategories.get("rd-platform-joint")!, 0, terms(now, [["2,000,000", 60]]));
        const grantId = await w.htz.grantCount();
        const { termsHash } = await w.htz.grant(grantId);
        // addReviewer does not consult the registry, so the grantee's wallet can join the committee.
        await w.htz.connect(w.actors.admin).addReviewer(insider.address);
        await w.htz.connect(insider).submitEvidence(grantId, 0, EVIDENCE);

        const before = {
          summary: await w.htz.summary(),
          milestone: await w.htz.milestone(grantId, 0),
          balance: await w.token.balanceOf(insider),
        };
        await expect(w.htz.connect(insider).vote(grantId, 0, termsHash, EVIDENCE, true, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_SelfReview")
          .withArgs(insider.address, grantId);
        expect({
          summary: await w.htz.summary(),
          milestone: await w.htz.milestone(grantId, 0),
          balance: await w.token.balanceOf(insider),
        }).to.deep.equal(before);
        // The same reviewer may still vote on someone else's grant.
        await submit(w);
        await expect(w.htz.connect(insider).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON)).to.emit(
          w.htz,
          "VoteCast",
        );
      });
    });

    describe("while the program is paused", function () {
      it("refuses the vote with Paused", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await w.htz.connect(w.actors.guardian).pause();
        const before = await observe(w);
        await expect(
          w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON),
        ).to.be.revertedWithCustomError(w.htz, "GrantProgram_Paused");
        expect(await observe(w)).to.deep.equal(before);
      });
    });
  });

  describe("milestoneState", function () {
    describe("along the happy path", function () {
      it("moves Pending → Submitted → InNotice → Payable, becoming Payable exactly at noticeEndsAt", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Pending);
        await submit(w);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Submitted);
        await voteAs(w, [0, 1, 2], true);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.InNotice);
        const { noticeEndsAt } = await w.htz.milestone(w.grantId, 0);

        await networkHelpers.time.increaseTo(noticeEndsAt - 1n);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.InNotice);
        await networkHelpers.time.increaseTo(noticeEndsAt);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Payable);
        await w.htz.connect(w.actors.companyA).claim(w.grantId, [0]);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Paid);
      });

      it("stays Payable after the deadline once approved (approval, not payment, must beat the deadline)", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], true);
        await networkHelpers.time.setNextBlockTimestamp(w.deadlines[0]);
        await voteAs(w, [2], true);
        await networkHelpers.time.increaseTo(w.deadlines[0] + NOTICE);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Payable);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0]))
          .to.emit(w.htz, "MilestoneClaimed")
          .withArgs(w.grantId, 0, w.actors.companyA.address, yuan("3,000,000"));
      });
    });

    describe("after a rejection", function () {
      it("reads Rejected, then Submitted again after a resubmission", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await voteAs(w, [0, 1], false);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Rejected);
        await submit(w, 0, EVIDENCE_2);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Submitted);
      });
    });

    describe("around the deadline", function () {
      it("reads Pending at exactly the deadline and Lapsable one second later", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await networkHelpers.time.increaseTo(w.deadlines[0]);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Pending);
        await networkHelpers.time.increaseTo(w.deadlines[0] + 1n);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Lapsable);
        expect(await w.htz.milestoneState(w.grantId, 1)).to.equal(MilestoneState.Pending);
      });

      it("reads Lapsable for a submitted or rejected milestone not approved by its deadline", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w, 0);
        await submit(w, 1);
        await voteAs(w, [0, 1], false, 1);
        await networkHelpers.time.increaseTo(w.deadlines[1] + 1n);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Lapsable);
        expect(await w.htz.milestoneState(w.grantId, 1)).to.equal(MilestoneState.Lapsable);
      });
    });

    describe("on a cancelled grant", function () {
      it("reads Cancelled for every unpaid milestone", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await submit(w);
        await w.htz.cancelGrant(w.grantId, REASON);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Cancelled);
        expect(await w.htz.milestoneState(w.grantId, 1)).to.equal(MilestoneState.Cancelled);
      });
    });

    describe("for an unknown grant or milestone", function () {
      it("reverts with UnknownGrant or UnknownMilestone", async function () {
        const w = await networkHelpers.loadFixture(deployWithGrant);
        await expect(w.htz.milestoneState(w.grantId + 1n, 0))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_UnknownGrant")
          .withArgs(w.grantId + 1n);
        await expect(w.htz.milestoneState(w.grantId, 2))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_UnknownMilestone")
          .withArgs(w.grantId, 2);
      });
    });
  });
});
