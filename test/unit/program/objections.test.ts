import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

import type { IGrantProgram } from "../../../typechain-types/index.js";
import { MilestoneState } from "../../../core/enums.js";
import { textHash } from "../../../core/ids.js";
import {
  guiyangFixture,
  expectLedgerMatchesChain,
  NOTICE,
  terms,
  yuan,
  ZERO_HASH,
  type GuiyangWorld,
  ACCEPTS,
  introduced,
} from "../../utils/fixtures.js";
import { approveSubmitted } from "../../../scripts/lib/scenario.js";
import { DAY } from "../../../scripts/lib/suite.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const EVIDENCE = textHash("licence: national engineering lab, 2017");
const OBJECTION = textHash("objection: the licence was issued to another company");
const RULING = textHash("ruling of the programme office");

interface ApprovedGrant {
  w: GuiyangWorld;
  program: IGrantProgram;
  grantee: HardhatEthersSigner;
  grantId: bigint;
  termsHash: string;
  noticeEndsAt: bigint;
}

/** Committee approval of milestone 0 by the first three reviewers (quorum 3). */
async function approveMilestone(
  w: GuiyangWorld,
  program: IGrantProgram,
  grantId: bigint,
  index: number,
  evidence: string,
): Promise<bigint> {
  const review = await approveSubmitted(program, w.actors.reviewers, grantId, index, evidence, {
    reasonHash: textHash("verified"),
  });
  return review.noticeEndsAt;
}

/** HTZ (upheld objection -> Resubmit): company A's 5,000,000 national lab, 3,000,000 + 2,000,000, milestone 0 in notice. */
async function htzApproved(): Promise<ApprovedGrant> {
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
  const noticeEndsAt = await approveMilestone(w, w.htz, grantId, 0, EVIDENCE);
  const { termsHash } = await w.htz.grant(grantId);
  return { w, program: w.htz, grantee: w.actors.companyA, grantId, termsHash, noticeEndsAt };
}

/** City (upheld objection -> Cancel): company B's 1,000,000 leading-talent award, 600,000 + 400,000, milestone 0 in notice. */
async function cityApproved(): Promise<ApprovedGrant> {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const now = BigInt(await networkHelpers.time.latest());
  await w.city.awardWithOptions(
    w.ids.b,
    w.cityCategories.get("leading-talent")!,
    0,
    terms(now, [
      ["600,000", 90],
      ["400,000", 180],
    ]),
    introduced(now),
  );
  const grantId = await w.city.grantCount();
  await w.city.connect(w.actors.companyB).submitEvidence(grantId, 0, EVIDENCE);
  const noticeEndsAt = await approveMilestone(w, w.city, grantId, 0, EVIDENCE);
  const { termsHash } = await w.city.grant(grantId);
  return { w, program: w.city, grantee: w.actors.companyB, grantId, termsHash, noticeEndsAt };
}

/** Everything a refused call must leave untouched. */
async function snapshot(a: ApprovedGrant) {
  return {
    summary: await a.program.summary(),
    milestone: await a.program.milestone(a.grantId, 0),
    objection: await a.program.objection(a.grantId, 0),
    programBalance: await a.w.token.balanceOf(await a.program.getAddress()),
    granteeBalance: await a.w.token.balanceOf(a.grantee.address),
  };
}

describe("GrantProgram objections", function () {
  describe("object", function () {
    describe("during the notice window", function () {
      it("lets any account, not only an official, object and makes the milestone Contested", async function () {
        const a = await htzApproved();
        const { stranger } = a.w.actors;
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.InNotice);

        const tx = a.program.connect(stranger).object(a.grantId, 0, OBJECTION);
        await expect(tx).to.emit(a.program, "ObjectionFiled").withArgs(a.grantId, 0, stranger.address, OBJECTION);

        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Contested);
        const filed = await a.program.objection(a.grantId, 0);
        expect(filed.objector).to.equal(stranger.address);
        expect(filed.filedAt).to.equal(BigInt(await networkHelpers.time.latest()));
      });
    });

    describe("at the exact end of the window", function () {
      it("refuses an objection at exactly noticeEndsAt, and the claim in that same second succeeds", async function () {
        const a = await htzApproved();
        const { stranger } = a.w.actors;
        const before = await snapshot(a);

        await networkHelpers.time.setNextBlockTimestamp(a.noticeEndsAt);
        await expect(a.program.connect(stranger).object(a.grantId, 0, OBJECTION))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_WrongMilestoneState")
          .withArgs(a.grantId, 0, MilestoneState.Payable, ACCEPTS.object);
        expect(await snapshot(a)).to.deep.equal(before);

        // The refused objection mined no block: the claim lands on noticeEndsAt itself.
        const claim = a.program.connect(a.grantee).claim(a.grantId, [0]);
        await expect(claim).to.changeTokenBalances(
          ethers,
          a.w.token,
          [a.grantee, a.program],
          [yuan("3,000,000"), -yuan("3,000,000")],
        );
        expect(BigInt(await networkHelpers.time.latest())).to.equal(a.noticeEndsAt);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Paid);
      });

      it("accepts an objection one second before noticeEndsAt, and the claim in that same second is refused", async function () {
        const a = await htzApproved();
        const { stranger } = a.w.actors;
        const before = await snapshot(a);

        await networkHelpers.time.setNextBlockTimestamp(a.noticeEndsAt - 1n);
        await expect(a.program.connect(a.grantee).claim(a.grantId, [0]))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_WrongMilestoneState")
          .withArgs(a.grantId, 0, MilestoneState.InNotice, ACCEPTS.claim);
        expect(await snapshot(a)).to.deep.equal(before);

        await expect(a.program.connect(stranger).object(a.grantId, 0, OBJECTION)).to.emit(a.program, "ObjectionFiled");
        expect(BigInt(await networkHelpers.time.latest())).to.equal(a.noticeEndsAt - 1n);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Contested);
      });

      it("lets the same account object again to new evidence after an upheld objection and a resubmission", async function () {
        const a = await htzApproved();
        const { stranger } = a.w.actors;
        await a.program.connect(stranger).object(a.grantId, 0, OBJECTION);
        await a.program.ruleOnObjection(a.grantId, 0, true, RULING);
        const resubmitted = textHash("licence re-issued to the right company");
        await a.program.connect(a.grantee).submitEvidence(a.grantId, 0, resubmitted);
        await approveMilestone(a.w, a.program, a.grantId, 0, resubmitted);

        await expect(a.program.connect(stranger).object(a.grantId, 0, OBJECTION))
          .to.emit(a.program, "ObjectionFiled")
          .withArgs(a.grantId, 0, stranger.address, OBJECTION);
      });
    });

    describe("with a zero evidence hash", function () {
      it("refuses the objection with GrantProgram_ZeroObjectionHash", async function () {
        const a = await htzApproved();
        const before = await snapshot(a);
        await expect(
          a.program.connect(a.w.actors.stranger).object(a.grantId, 0, ZERO_HASH),
        ).to.be.revertedWithCustomError(a.program, "GrantProgram_ZeroObjectionHash");
        expect(await snapshot(a)).to.deep.equal(before);
      });
    });

    describe("by an account that already objected", function () {
      it("refuses a second objection by the same account after its first was dismissed (AlreadyObjected)", async function () {
        const a = await htzApproved();
        const { stranger } = a.w.actors;
        await a.program.connect(stranger).object(a.grantId, 0, OBJECTION);
        await a.program.ruleOnObjection(a.grantId, 0, false, RULING);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.InNotice);

        const before = await snapshot(a);
        await expect(a.program.connect(stranger).object(a.grantId, 0, textHash("new objection")))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_AlreadyObjected")
          .withArgs(stranger.address);
        expect(await snapshot(a)).to.deep.equal(before);
      });

      it("still accepts another account's objection after a dismissal, inside the window", async function () {
        const a = await htzApproved();
        const [first, second] = a.w.actors.spare;
        await a.program.connect(first).object(a.grantId, 0, OBJECTION);
        await a.program.ruleOnObjection(a.grantId, 0, false, RULING);

        await expect(a.program.connect(second).object(a.grantId, 0, OBJECTION))
          .to.emit(a.program, "ObjectionFiled")
          .withArgs(a.grantId, 0, second.address, OBJECTION);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Contested);
      });
    });

    describe("by a second account while an objection is open", function () {
      it("refuses it with WrongMilestoneState(Contested); the first objection stays on record", async function () {
        const a = await htzApproved();
        const [first, second] = a.w.actors.spare;
        await a.program.connect(first).object(a.grantId, 0, OBJECTION);

        const before = await snapshot(a);
        await expect(a.program.connect(second).object(a.grantId, 0, OBJECTION))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_WrongMilestoneState")
          .withArgs(a.grantId, 0, MilestoneState.Contested, ACCEPTS.object);
        expect(await snapshot(a)).to.deep.equal(before);
        expect((await a.program.objection(a.grantId, 0)).objector).to.equal(first.address);
      });
    });

    describe("after the notice window", function () {
      it("refuses the objection with WrongMilestoneState(Payable)", async function () {
        const a = await htzApproved();
        await networkHelpers.time.increaseTo(a.noticeEndsAt + 3600n);
        const before = await snapshot(a);
        await expect(a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_WrongMilestoneState")
          .withArgs(a.grantId, 0, MilestoneState.Payable, ACCEPTS.object);
        expect(await snapshot(a)).to.deep.equal(before);
      });
    });

    describe("before the milestone is approved", function () {
      it("refuses the objection with WrongMilestoneState(Submitted)", async function () {
        const a = await htzApproved();
        await a.program.connect(a.grantee).submitEvidence(a.grantId, 1, EVIDENCE);
        const before = await snapshot(a);
        await expect(a.program.connect(a.w.actors.stranger).object(a.grantId, 1, OBJECTION))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_WrongMilestoneState")
          .withArgs(a.grantId, 1, MilestoneState.Submitted, ACCEPTS.object);
        expect(await snapshot(a)).to.deep.equal(before);
      });
    });
  });

  describe("claim", function () {
    describe("of a contested milestone", function () {
      it("is refused even long after the notice window, and no money moves", async function () {
        const a = await htzApproved();
        await a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION);
        await networkHelpers.time.increaseTo(a.noticeEndsAt + NOTICE);

        const before = await snapshot(a);
        await expect(a.program.connect(a.grantee).claim(a.grantId, [0]))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_WrongMilestoneState")
          .withArgs(a.grantId, 0, MilestoneState.Contested, ACCEPTS.claim);
        expect(await snapshot(a)).to.deep.equal(before);
      });
    });
  });

  describe("ruleOnObjection", function () {
    describe("by an account without MANAGER_ROLE", function () {
      it("refuses the objector, the admin and a reviewer (AccessControlUnauthorizedAccount)", async function () {
        const a = await htzApproved();
        const { stranger, admin } = a.w.actors;
        await a.program.connect(stranger).object(a.grantId, 0, OBJECTION);
        const managerRole = await a.program.MANAGER_ROLE();

        const before = await snapshot(a);
        for (const caller of [stranger, admin, a.w.actors.reviewers[0]]) {
          await expect(a.program.connect(caller).ruleOnObjection(a.grantId, 0, true, RULING))
            .to.be.revertedWithCustomError(a.program, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, managerRole);
        }
        expect(await snapshot(a)).to.deep.equal(before);
      });
    });

    describe("without an open objection", function () {
      it("refuses a ruling on an approved, unopposed milestone (NoOpenObjection)", async function () {
        const a = await htzApproved();
        const before = await snapshot(a);
        await expect(a.program.ruleOnObjection(a.grantId, 0, true, RULING))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_NoOpenObjection")
          .withArgs(a.grantId, 0);
        expect(await snapshot(a)).to.deep.equal(before);
      });

      it("refuses a second ruling on an objection already dismissed (NoOpenObjection)", async function () {
        const a = await htzApproved();
        await a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION);
        await a.program.ruleOnObjection(a.grantId, 0, false, RULING);

        const before = await snapshot(a);
        await expect(a.program.ruleOnObjection(a.grantId, 0, true, RULING))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_NoOpenObjection")
          .withArgs(a.grantId, 0);
        expect(await snapshot(a)).to.deep.equal(before);
      });
    });

    describe("dismissing the objection", function () {
      it("returns the milestone to InNotice inside the window; it becomes claimable when the original window ends", async function () {
        const a = await htzApproved();
        await a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION);

        await expect(a.program.ruleOnObjection(a.grantId, 0, false, RULING))
          .to.emit(a.program, "ObjectionRuled")
          .withArgs(a.grantId, 0, false, RULING);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.InNotice);
        // The window is not restarted by the ruling.
        expect((await a.program.milestone(a.grantId, 0)).noticeEndsAt).to.equal(a.noticeEndsAt);

        await networkHelpers.time.setNextBlockTimestamp(a.noticeEndsAt);
        await expect(a.program.connect(a.grantee).claim(a.grantId, [0])).to.changeTokenBalances(
          ethers,
          a.w.token,
          [a.grantee, a.program],
          [yuan("3,000,000"), -yuan("3,000,000")],
        );
        await expectLedgerMatchesChain(a.program);
      });

      it("makes the milestone Payable at once when the ruling comes after the window", async function () {
        const a = await htzApproved();
        await a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION);
        await networkHelpers.time.increaseTo(a.noticeEndsAt + 2n * 86_400n);

        await a.program.ruleOnObjection(a.grantId, 0, false, RULING);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Payable);
        await expect(a.program.connect(a.grantee).claim(a.grantId, [0]))
          .to.emit(a.program, "MilestoneClaimed")
          .withArgs(a.grantId, 0, a.grantee.address, yuan("3,000,000"));
        expect((await a.program.summary()).paid).to.equal(yuan("3,000,000"));
      });
    });

    describe("upholding the objection in a Resubmit programme (HTZ)", function () {
      it("rejects the milestone; the grantee resubmits, a new committee round approves it again and it is paid", async function () {
        const a = await htzApproved();
        await a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION);
        const budgetBefore = await a.program.summary();

        const ruling = a.program.ruleOnObjection(a.grantId, 0, true, RULING);
        await expect(ruling).to.emit(a.program, "ObjectionRuled").withArgs(a.grantId, 0, true, RULING);
        await expect(ruling).not.to.emit(a.program, "MilestoneCancelled");
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Rejected);
        // The money stays reserved for the grant: nothing returns to the budget.
        expect(await a.program.summary()).to.deep.equal(budgetBefore);

        // A rejected milestone cannot be claimed, even after the original window.
        await networkHelpers.time.increaseTo(a.noticeEndsAt);
        await expect(a.program.connect(a.grantee).claim(a.grantId, [0]))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_WrongMilestoneState")
          .withArgs(a.grantId, 0, MilestoneState.Rejected, ACCEPTS.claim);

        const corrected = textHash("licence: national engineering lab, 2017, corrected holder");
        await expect(a.program.connect(a.grantee).submitEvidence(a.grantId, 0, corrected))
          .to.emit(a.program, "EvidenceSubmitted")
          .withArgs(a.grantId, 0, corrected);
        const resubmitted = await a.program.milestone(a.grantId, 0);
        expect(resubmitted.approvals).to.equal(0n);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Submitted);

        // The old evidence no longer counts: a vote on it is refused.
        await expect(a.program.connect(a.w.actors.reviewers[0]).vote(a.grantId, 0, a.termsHash, EVIDENCE, true, RULING))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_EvidenceMismatch")
          .withArgs(corrected, EVIDENCE);

        const newNoticeEndsAt = await approveMilestone(a.w, a.program, a.grantId, 0, corrected);
        expect(newNoticeEndsAt).to.be.greaterThan(a.noticeEndsAt);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.InNotice);

        await networkHelpers.time.increaseTo(newNoticeEndsAt);
        await expect(a.program.connect(a.grantee).claim(a.grantId, [0])).to.changeTokenBalances(
          ethers,
          a.w.token,
          [a.grantee, a.program],
          [yuan("3,000,000"), -yuan("3,000,000")],
        );
        await expectLedgerMatchesChain(a.program);
      });
    });

    describe("upholding the objection in a Resubmit programme after a long dispute", function () {
      it("gives back the time spent in notice and under objection: the deadline moves on and the grantee can still resubmit", async function () {
        const a = await htzApproved();
        const original = (await a.program.milestone(a.grantId, 0)).deadline;
        const approvedAt = a.noticeEndsAt - NOTICE;
        const timeLeftAtApproval = original - approvedAt;
        await a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION);
        // The dispute outlasts the original deadline.
        await networkHelpers.time.increaseTo(original + 10n * DAY);

        const ruling = a.program.ruleOnObjection(a.grantId, 0, true, RULING);
        await expect(ruling).to.emit(a.program, "ObjectionRuled").withArgs(a.grantId, 0, true, RULING);
        const ruledAt = BigInt(await networkHelpers.time.latest());
        await expect(ruling)
          .to.emit(a.program, "DeadlineExtended")
          .withArgs(a.grantId, 0, ruledAt + timeLeftAtApproval);
        const extended = (await a.program.milestone(a.grantId, 0)).deadline;
        expect(extended).to.equal(ruledAt + timeLeftAtApproval);
        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Rejected);

        // Nobody can lapse it now, and the grantee's corrected evidence is accepted.
        await expect(a.program.connect(a.w.actors.stranger).lapse(a.grantId, 0))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_DeadlineNotPassed")
          .withArgs(a.grantId, 0, extended);
        const corrected = textHash("licence: national engineering lab, 2017, corrected holder");
        await expect(a.program.connect(a.grantee).submitEvidence(a.grantId, 0, corrected))
          .to.emit(a.program, "EvidenceSubmitted")
          .withArgs(a.grantId, 0, corrected);
      });

      it("a dismissed objection changes no deadline (no DeadlineExtended)", async function () {
        const a = await htzApproved();
        const original = (await a.program.milestone(a.grantId, 0)).deadline;
        await a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION);
        await networkHelpers.time.increase(3n * DAY);
        await expect(a.program.ruleOnObjection(a.grantId, 0, false, RULING)).not.to.emit(a.program, "DeadlineExtended");
        expect((await a.program.milestone(a.grantId, 0)).deadline).to.equal(original);
      });
    });

    describe("upholding the objection in a Cancel programme (city)", function () {
      it("cancels the milestone, returns its amount to available exactly once and lowers the grant's reserve", async function () {
        const a = await cityApproved();
        await a.program.connect(a.w.actors.stranger).object(a.grantId, 0, OBJECTION);
        const before = await a.program.summary();
        const grantBefore = await a.program.grant(a.grantId);
        const categoryId = grantBefore.categoryId;
        const committedBefore = (await a.program.category(categoryId)).committed;
        expect(grantBefore.reserved).to.equal(yuan("1,000,000"));

        await expect(a.program.ruleOnObjection(a.grantId, 0, true, RULING))
          .to.emit(a.program, "MilestoneCancelled")
          .withArgs(a.grantId, 0, yuan("600,000"))
          .and.to.emit(a.program, "ObjectionRuled")
          .withArgs(a.grantId, 0, true, RULING);

        expect(await a.program.milestoneState(a.grantId, 0)).to.equal(MilestoneState.Cancelled);
        const after = await a.program.summary();
        expect(after.available).to.equal(before.available + yuan("600,000"));
        expect(after.reserved).to.equal(before.reserved - yuan("600,000"));
        expect(after.paid).to.equal(before.paid);
        expect((await a.program.grant(a.grantId)).reserved).to.equal(yuan("400,000"));
        expect((await a.program.grant(a.grantId)).cancelled).to.equal(false);
        expect((await a.program.category(categoryId)).committed).to.equal(committedBefore - yuan("600,000"));
        await expectLedgerMatchesChain(a.program);

        // Exactly once: a second ruling is refused and the budget does not move again.
        await expect(a.program.ruleOnObjection(a.grantId, 0, true, RULING))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_NoOpenObjection")
          .withArgs(a.grantId, 0);
        expect(await a.program.summary()).to.deep.equal(after);

        // Nor can the cancelled milestone be claimed after the window.
        await networkHelpers.time.increaseTo(a.noticeEndsAt);
        await expect(a.program.connect(a.grantee).claim(a.grantId, [0]))
          .to.be.revertedWithCustomError(a.program, "GrantProgram_WrongMilestoneState")
          .withArgs(a.grantId, 0, MilestoneState.Cancelled, ACCEPTS.claim);
        expect(await a.program.summary()).to.deep.equal(after);

        // Cancelling the grant later releases only the 400,000 still reserved, not the 600,000 again.
        await expect(a.program.cancelGrant(a.grantId, RULING))
          .to.emit(a.program, "GrantCancelled")
          .withArgs(a.grantId, yuan("400,000"), true, RULING);
        const end = await a.program.summary();
        expect(end.available).to.equal(before.available + yuan("1,000,000"));
        expect(end.available).to.equal(end.funded);
        expect(end.reserved).to.equal(0n);
        await expectLedgerMatchesChain(a.program);
      });
    });
  });
});
