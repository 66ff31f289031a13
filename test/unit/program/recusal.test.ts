import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { IGrantProgram } from "../../../typechain-types/index.js";
import { MilestoneState } from "../../../core/enums.js";
import { textHash } from "../../../core/ids.js";
import { signVote } from "../../../core/votes.js";
import { guiyangFixture, terms, type GuiyangWorld, introduced } from "../../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const EVIDENCE = textHash("licence: national engineering lab, 2017");
const REASON = textHash("reviewed");

interface Review {
  w: GuiyangWorld;
  htz: IGrantProgram;
  reviewers: HardhatEthersSigner[];
  /** HTZ grant of company A, milestone 0 submitted. */
  grantId: bigint;
  termsHash: string;
}

/** Company A's 5,000,000 national lab in HTZ, milestone 0 submitted; 4 reviewers, quorum 3. */
async function submitted(): Promise<Review> {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const now = BigInt(await networkHelpers.time.latest());
  await w.htz.award(
    w.ids.a,
    w.htzCategories.get("rd-platform-national")!,
    0,
    terms(now, [
      ["3,000,000", 90],
      ["2,000,000", 180],
    ]),
  );
  const grantId = await w.htz.grantCount();
  await w.htz.connect(w.actors.companyA).submitEvidence(grantId, 0, EVIDENCE);
  return { w, htz: w.htz, reviewers: w.actors.reviewers, grantId, termsHash: (await w.htz.grant(grantId)).termsHash };
}

function vote(r: Review, reviewer: HardhatEthersSigner, approve: boolean) {
  return r.htz.connect(reviewer).vote(r.grantId, 0, r.termsHash, EVIDENCE, approve, REASON);
}

async function snapshot(r: Review) {
  return {
    grant: await r.htz.grant(r.grantId),
    milestone: await r.htz.milestone(r.grantId, 0),
    settings: await r.htz.settings(),
    summary: await r.htz.summary(),
  };
}

describe("GrantProgram recusal", function () {
  describe("declareConflict", function () {
    describe("by a current reviewer", function () {
      it("marks the reviewer's slot as recused on that grant and emits ConflictDeclared", async function () {
        const r = await submitted();
        const r2 = r.reviewers[1];
        await expect(r.htz.connect(r2).declareConflict(r.grantId))
          .to.emit(r.htz, "ConflictDeclared")
          .withArgs(r.grantId, r2.address);
        expect((await r.htz.grant(r.grantId)).recusedReviewers).to.equal(0b0010n);
      });
    });

    describe("by an account that is not a reviewer", function () {
      it("is refused (NotReviewer) for the stranger, the manager and the grantee", async function () {
        const r = await submitted();
        const before = await snapshot(r);
        for (const caller of [r.w.actors.stranger, r.w.actors.manager, r.w.actors.companyA]) {
          await expect(r.htz.connect(caller).declareConflict(r.grantId))
            .to.be.revertedWithCustomError(r.htz, "GrantProgram_NotReviewer")
            .withArgs(caller.address);
        }
        expect(await snapshot(r)).to.deep.equal(before);
      });
    });

    describe("on a grant that does not exist", function () {
      it("is refused (UnknownGrant)", async function () {
        const r = await submitted();
        await expect(r.htz.connect(r.reviewers[0]).declareConflict(99n))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_UnknownGrant")
          .withArgs(99n);
      });
    });
  });

  describe("vote", function () {
    describe("by a recused reviewer", function () {
      it("is refused (ReviewerRecused), approve or reject, and the tally does not move", async function () {
        const r = await submitted();
        const r1 = r.reviewers[0];
        await r.htz.connect(r1).declareConflict(r.grantId);

        const before = await snapshot(r);
        for (const approve of [true, false]) {
          await expect(vote(r, r1, approve))
            .to.be.revertedWithCustomError(r.htz, "GrantProgram_ReviewerRecused")
            .withArgs(r1.address, r.grantId);
        }
        expect(await snapshot(r)).to.deep.equal(before);
      });
    });

    describe("by a recused reviewer, signed and submitted by someone else", function () {
      it("is skipped, not counted (SignedVoteSkipped): a recusal cannot void the rest of a batch", async function () {
        const r = await submitted();
        const r1 = r.reviewers[0];
        await r.htz.connect(r1).declareConflict(r.grantId);
        const deadline = BigInt(await networkHelpers.time.latest()) + 3600n;
        const vote = await signVote(r1, r.htz, {
          grantId: r.grantId,
          milestoneIndex: 0,
          approve: true,
          reasonHash: REASON,
          deadline,
        });

        const r2vote = await signVote(r.reviewers[1], r.htz, {
          grantId: r.grantId,
          milestoneIndex: 0,
          approve: true,
          reasonHash: REASON,
          deadline,
        });
        const batch = r.htz
          .connect(r.w.actors.stranger)
          .submitSignedVotes(r.grantId, 0, r.termsHash, EVIDENCE, [vote, r2vote]);
        await expect(batch).to.emit(r.htz, "SignedVoteSkipped").withArgs(r.grantId, 0, r1.address);
        await expect(batch).to.emit(r.htz, "VoteCast").withArgs(r.grantId, 0, r.reviewers[1].address, true, REASON);
        expect((await r.htz.milestone(r.grantId, 0)).approvals).to.equal(0b0010n);
      });
    });

    describe("after a reviewer who already approved declares a conflict", function () {
      it("no longer counts that approval: two further approvals do not approve, the third eligible one does", async function () {
        const r = await submitted();
        const [r1, r2, r3, r4] = r.reviewers;
        await vote(r, r1, true);
        await r.htz.connect(r1).declareConflict(r.grantId);

        // Eligible = {r2, r3, r4}; r1's stored approval bit is ignored.
        await vote(r, r2, true);
        await expect(vote(r, r3, true)).not.to.emit(r.htz, "MilestoneApproved");
        expect(await r.htz.milestoneState(r.grantId, 0)).to.equal(MilestoneState.Submitted);
        expect((await r.htz.milestone(r.grantId, 0)).approvals).to.equal(0b0111n);

        await expect(vote(r, r4, true)).to.emit(r.htz, "MilestoneApproved");
        expect(await r.htz.milestoneState(r.grantId, 0)).to.equal(MilestoneState.InNotice);
      });

      it("no longer counts that reviewer's rejection either", async function () {
        const r = await submitted();
        const [r1, r2, r3, r4] = r.reviewers;
        await vote(r, r1, false);
        await r.htz.connect(r1).declareConflict(r.grantId);
        await vote(r, r2, true);
        await vote(r, r3, true);
        await expect(vote(r, r4, true)).to.emit(r.htz, "MilestoneApproved");
      });

      it("rejects on the first eligible rejection once exactly quorum-many reviewers remain eligible", async function () {
        const r = await submitted();
        const [r1, r2] = r.reviewers;
        await r.htz.connect(r1).declareConflict(r.grantId);
        // 3 eligible, quorum 3: one rejection makes approval impossible.
        await expect(vote(r, r2, false))
          .to.emit(r.htz, "MilestoneRejected")
          .withArgs(r.grantId, 0);
        expect(await r.htz.milestoneState(r.grantId, 0)).to.equal(MilestoneState.Rejected);
      });
    });

    describe("when fewer eligible reviewers than the quorum remain", function () {
      it("is refused (QuorumUnreachable(eligible, quorum)) until the admin appoints another reviewer", async function () {
        const r = await submitted();
        const [r1, r2, r3, r4] = r.reviewers;
        await vote(r, r3, true);
        await r.htz.connect(r1).declareConflict(r.grantId);
        await r.htz.connect(r2).declareConflict(r.grantId);

        const before = await snapshot(r);
        await expect(vote(r, r4, true))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_QuorumUnreachable")
          .withArgs(2n, 3n);
        await expect(vote(r, r4, false))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_QuorumUnreachable")
          .withArgs(2n, 3n);
        expect(await snapshot(r)).to.deep.equal(before);

        const newcomer = r.w.actors.spare[0];
        await r.htz.connect(r.w.actors.admin).addReviewer(newcomer.address);
        await vote(r, r4, true);
        await expect(vote(r, newcomer, true)).to.emit(r.htz, "MilestoneApproved");
        expect(await r.htz.milestoneState(r.grantId, 0)).to.equal(MilestoneState.InNotice);
        expect((await r.htz.milestone(r.grantId, 0)).approvals).to.equal(0b11100n);
      });

      it("can also be unblocked by the admin lowering the quorum", async function () {
        const r = await submitted();
        const [r1, r2, r3, r4] = r.reviewers;
        await r.htz.connect(r1).declareConflict(r.grantId);
        await r.htz.connect(r2).declareConflict(r.grantId);
        await r.htz.connect(r.w.actors.admin).setQuorum(2);
        await vote(r, r3, true);
        await expect(vote(r, r4, true)).to.emit(r.htz, "MilestoneApproved");
      });
    });

    describe("by a reviewer removed and appointed again", function () {
      it("a declared conflict stays with the person: the re-appointed reviewer is still recused (ReviewerRecused) and not counted", async function () {
        const r = await submitted();
        const [r1, r2, r3, r4] = r.reviewers;
        const admin = r.htz.connect(r.w.actors.admin);
        await r.htz.connect(r2).declareConflict(r.grantId);
        await admin.addReviewer(r.w.actors.spare[0].address); // keeps the quorum reachable during the removal
        await admin.removeReviewer(r2.address);
        await admin.addReviewer(r2.address);
        const slot = await r.htz.reviewerSlot(r2.address);
        expect(slot).to.equal(6n); // a new slot, never the old one

        const before = await snapshot(r);
        await expect(vote(r, r2, true))
          .to.be.revertedWithCustomError(r.htz, "GrantProgram_ReviewerRecused")
          .withArgs(r2.address, r.grantId);
        expect(await snapshot(r)).to.deep.equal(before);

        // Eligible: r1, r3, r4 and the newcomer (the new slot 6 is not). Two rejections decide nothing
        // while approval is still possible; r2 can never tip the round.
        await vote(r, r1, true);
        await vote(r, r3, true);
        await expect(vote(r, r4, true)).to.emit(r.htz, "MilestoneApproved");
        expect((await r.htz.milestone(r.grantId, 0)).approvals).to.equal(0b1101n);
      });

      it("a conflict declared after re-appointment also covers the first slot's earlier votes", async function () {
        const r = await submitted();
        const [r1, r2, r3, r4] = r.reviewers;
        const admin = r.htz.connect(r.w.actors.admin);
        await admin.addReviewer(r.w.actors.spare[0].address);
        await admin.removeReviewer(r2.address);
        await admin.addReviewer(r2.address);
        await vote(r, r2, true);
        await r.htz.connect(r2).declareConflict(r.grantId);
        // Recorded on the person's first slot (slot 2), which covers the new slot 6 too.
        expect((await r.htz.grant(r.grantId)).recusedReviewers).to.equal(0b0010n);
        await vote(r, r1, true);
        await expect(vote(r, r3, true)).not.to.emit(r.htz, "MilestoneApproved");
        await expect(vote(r, r4, true)).to.emit(r.htz, "MilestoneApproved");
      });
    });

    describe("by a reviewer recused on another grant", function () {
      it("is counted: recusal applies to that one grant only, not to other grants nor to the same id in another programme", async function () {
        const r = await submitted();
        const { w } = r;
        const r1 = r.reviewers[0];
        await r.htz.connect(r1).declareConflict(r.grantId);

        const now = BigInt(await networkHelpers.time.latest());
        await r.htz.award(w.ids.b, w.htzCategories.get("technical-breakthrough")!, 0, terms(now, [["1,800,000", 60]]));
        const otherGrant = await r.htz.grantCount();
        await r.htz.connect(w.actors.companyB).submitEvidence(otherGrant, 0, EVIDENCE);
        const otherTerms = (await r.htz.grant(otherGrant)).termsHash;
        await expect(r.htz.connect(r1).vote(otherGrant, 0, otherTerms, EVIDENCE, true, REASON))
          .to.emit(r.htz, "VoteCast")
          .withArgs(otherGrant, 0, r1.address, true, REASON);
        expect((await r.htz.grant(otherGrant)).recusedReviewers).to.equal(0n);

        await w.city.awardWithOptions(
          w.ids.a,
          w.cityCategories.get("leading-talent")!,
          0,
          terms(now, [["1,000,000", 60]]),
          introduced(now),
        );
        const cityGrant = await w.city.grantCount();
        expect(cityGrant).to.equal(r.grantId);
        await w.city.connect(w.actors.companyA).submitEvidence(cityGrant, 0, EVIDENCE);
        const cityTerms = (await w.city.grant(cityGrant)).termsHash;
        await expect(w.city.connect(r1).vote(cityGrant, 0, cityTerms, EVIDENCE, true, REASON))
          .to.emit(w.city, "VoteCast")
          .withArgs(cityGrant, 0, r1.address, true, REASON);
      });
    });
  });
});
