import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { concat, dataSlice, getBytes, Signature, toBeHex, toBigInt, zeroPadValue } from "ethers";

import type { IGrantProgram } from "../../../typechain-types/index.js";
import { DAY } from "../../../scripts/lib/suite.js";
import { MilestoneState } from "../../../core/enums.js";
import { textHash } from "../../../core/ids.js";
import { voteDigest, voteSigner, type SignedVote } from "../../../core/votes.js";
import { guiyangFixture, terms, type GuiyangWorld, introduced } from "../../utils/fixtures.js";
import { domainOf, highS, signVote, type VoteMessage } from "../../utils/signing.js";
import { signVote as signChoice } from "../../../core/votes.js";
import { submittedNationalLab } from "../../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

/** The ecrecover precompile. */
const ECRECOVER = "0x0000000000000000000000000000000000000001";

const EVIDENCE = textHash("licence: national engineering lab, 2017");
const EVIDENCE_1 = textHash("acceptance report: national engineering lab, phase 2");
const CITY_EVIDENCE = textHash("talent: province's Hundred leading talents, 2017 list");
const REASON = textHash("verified against the licence registry");

interface Ballot {
  w: GuiyangWorld;
  htz: IGrantProgram;
  city: IGrantProgram;
  chainId: bigint;
  reviewers: HardhatEthersSigner[];
  /** HTZ grant of company A: milestones 0 and 1 both submitted. */
  grantId: bigint;
  termsHash: string;
  /** City grant of company A (also id 1 in its own programme), milestone 0 submitted. */
  cityGrantId: bigint;
  cityTermsHash: string;
  deadline: bigint;
}

async function ballot(): Promise<Ballot> {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const { htz, city } = w;
  const now = BigInt(await networkHelpers.time.latest());
  await htz.award(
    w.ids.a,
    w.htzCategories.get("rd-platform-national")!,
    0,
    terms(now, [
      ["3,000,000", 90],
      ["2,000,000", 180],
    ]),
  );
  const grantId = await htz.grantCount();
  await htz.connect(w.actors.companyA).submitEvidence(grantId, 0, EVIDENCE);
  await htz.connect(w.actors.companyA).submitEvidence(grantId, 1, EVIDENCE_1);
  await city.awardWithOptions(
    w.ids.a,
    w.cityCategories.get("leading-talent")!,
    0,
    terms(now, [["1,000,000", 90]]),
    introduced(now),
  );
  const cityGrantId = await city.grantCount();
  await city.connect(w.actors.companyA).submitEvidence(cityGrantId, 0, CITY_EVIDENCE);
  return {
    w,
    htz,
    city,
    chainId: (await ethers.provider.getNetwork()).chainId,
    reviewers: w.actors.reviewers,
    grantId,
    termsHash: (await htz.grant(grantId)).termsHash,
    cityGrantId,
    cityTermsHash: (await city.grant(cityGrantId)).termsHash,
    deadline: now + DAY,
  };
}

/** A decision on HTZ milestone `index` by `reviewer` (its current slot, the current round), with the grant's terms and current evidence. */
async function htzMessage(b: Ballot, reviewer: string, index = 0, approve = true): Promise<VoteMessage> {
  return {
    reviewer,
    grantId: b.grantId,
    milestoneIndex: index,
    round: (await b.htz.milestone(b.grantId, index)).round,
    reviewerSlot: await b.htz.reviewerSlot(reviewer),
    termsHash: b.termsHash,
    evidenceHash: index === 0 ? EVIDENCE : EVIDENCE_1,
    approve,
    reasonHash: REASON,
    deadline: b.deadline,
  };
}

/** Approvals, rejections, status, reviewer slots and budget: what a refused batch must leave untouched. */
async function snapshot(b: Ballot, extra: string[] = []) {
  const accounts = [...b.reviewers.map((r) => r.address), ...extra];
  return {
    milestone0: await b.htz.milestone(b.grantId, 0),
    milestone1: await b.htz.milestone(b.grantId, 1),
    cityMilestone: await b.city.milestone(b.cityGrantId, 0),
    slots: await Promise.all(accounts.map((a) => b.htz.reviewerSlot(a))),
    summary: await b.htz.summary(),
  };
}

describe("GrantProgram signed votes", function () {
  describe("voteDigest", function () {
    it("equals the EIP-712 digest computed off chain with the documented domain and Vote type", async function () {
      const b = await ballot();
      const message = await htzMessage(b, b.reviewers[0].address);
      const domain = await domainOf(b.htz, b.chainId);
      const expected = voteDigest(domain, message);
      expect(await b.htz.voteDigest(message)).to.equal(expected);
      // core's signature recovers to the reviewer under the same domain, and not under another program's
      const vote = await signVote(b.reviewers[0], domain, message);
      expect(voteSigner(domain, message, vote.signature)).to.equal(b.reviewers[0].address);
      expect(voteSigner(await domainOf(b.city, b.chainId), message, vote.signature)).to.not.equal(
        b.reviewers[0].address,
      );
    });
  });

  describe("submitSignedVotes", function () {
    describe("with a batch of three valid signatures", function () {
      it("reaches quorum in one transaction sent by anyone, counting each reviewer's vote once", async function () {
        const b = await ballot();
        const domain = await domainOf(b.htz, b.chainId);
        const votes: SignedVote[] = [];
        for (const reviewer of b.reviewers.slice(0, 3)) {
          votes.push(await signVote(reviewer, domain, await htzMessage(b, reviewer.address)));
        }

        const tx = b.htz.connect(b.w.actors.stranger).submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, votes);
        await expect(tx).to.emit(b.htz, "MilestoneApproved");
        for (const reviewer of b.reviewers.slice(0, 3)) {
          await expect(tx).to.emit(b.htz, "VoteCast").withArgs(b.grantId, 0, reviewer.address, true, REASON);
        }

        expect(await b.htz.milestoneState(b.grantId, 0)).to.equal(MilestoneState.InNotice);
        expect((await b.htz.milestone(b.grantId, 0)).approvals).to.equal(0b0111n);
      });

      it("a withheld signature blocks nothing: the reviewer's later, unrelated signed vote counts on its own", async function () {
        const b = await ballot();
        const domain = await domainOf(b.htz, b.chainId);
        const r1 = b.reviewers[0];
        // Signed first, never submitted (held back by whoever holds it).
        const withheld = await signVote(r1, domain, await htzMessage(b, r1.address, 0));
        await expect(
          b.htz.submitSignedVotes(b.grantId, 1, b.termsHash, EVIDENCE_1, [
            await signVote(r1, domain, await htzMessage(b, r1.address, 1)),
          ]),
        )
          .to.emit(b.htz, "VoteCast")
          .withArgs(b.grantId, 1, r1.address, true, REASON);
        // The withheld one still counts later, in its own round.
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [withheld]))
          .to.emit(b.htz, "VoteCast")
          .withArgs(b.grantId, 0, r1.address, true, REASON);
      });

      it("a front-run signature does not void the batch: it is skipped (SignedVoteSkipped) and the rest count", async function () {
        const b = await ballot();
        const domain = await domainOf(b.htz, b.chainId);
        const votes: SignedVote[] = [];
        for (const reviewer of b.reviewers.slice(0, 3)) {
          votes.push(await signVote(reviewer, domain, await htzMessage(b, reviewer.address)));
        }
        // Someone submits the second signature on its own first.
        await b.htz.connect(b.w.actors.stranger).submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [votes[1]]);
        const batch = b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, votes);
        await expect(batch).to.emit(b.htz, "SignedVoteSkipped").withArgs(b.grantId, 0, b.reviewers[1].address);
        await expect(batch).to.emit(b.htz, "MilestoneApproved");
        expect((await b.htz.milestone(b.grantId, 0)).approvals).to.equal(0b0111n);
      });

      it("skips signatures that arrive after the round was decided (SignedVoteSkipped), changing nothing", async function () {
        const b = await ballot();
        const domain = await domainOf(b.htz, b.chainId);
        const votes: SignedVote[] = [];
        for (const reviewer of b.reviewers) {
          votes.push(await signVote(reviewer, domain, await htzMessage(b, reviewer.address)));
        }
        const batch = b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, votes);
        await expect(batch).to.emit(b.htz, "MilestoneApproved");
        await expect(batch).to.emit(b.htz, "SignedVoteSkipped").withArgs(b.grantId, 0, b.reviewers[3].address);
        expect((await b.htz.milestone(b.grantId, 0)).approvals).to.equal(0b0111n);
      });

      it("a signature for an old slot is refused after the reviewer's re-appointment (InvalidSignature): it cannot count twice", async function () {
        const b = await ballot();
        const domain = await domainOf(b.htz, b.chainId);
        const r1 = b.reviewers[0];
        const vote = await signVote(r1, domain, await htzMessage(b, r1.address));
        await b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]);
        const admin = b.htz.connect(b.w.actors.admin);
        await admin.addReviewer(b.w.actors.spare[0].address);
        await admin.removeReviewer(r1.address);
        await admin.addReviewer(r1.address);

        const before = await snapshot(b);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(r1.address);
        expect(await snapshot(b)).to.deep.equal(before);
      });
    });

    describe("with a replayed signature", function () {
      it("never counts it twice: the replay is skipped (SignedVoteSkipped) and nothing changes", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await htzMessage(b, r1.address));
        await b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]);

        const before = await snapshot(b);
        const replay = b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]);
        await expect(replay).to.emit(b.htz, "SignedVoteSkipped").withArgs(b.grantId, 0, r1.address);
        await expect(replay).not.to.emit(b.htz, "VoteCast");
        expect(await snapshot(b)).to.deep.equal(before);
      });

      it("refuses a signature from an earlier review round after a resubmission (InvalidSignature)", async function () {
        const b = await ballot();
        const domain = await domainOf(b.htz, b.chainId);
        const [r1, r2] = b.reviewers;
        const old = await signVote(r1, domain, await htzMessage(b, r1.address, 0, false));
        // Two rejections decide the round; the grantee resubmits the same evidence: round 2.
        await b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [
          old,
          await signVote(r2, domain, await htzMessage(b, r2.address, 0, false)),
        ]);
        await b.htz.connect(b.w.actors.companyA).submitEvidence(b.grantId, 0, EVIDENCE);

        const before = await snapshot(b);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [old]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(r1.address);
        expect(await snapshot(b)).to.deep.equal(before);
      });
    });

    describe("with a signature made for another programme", function () {
      it("refuses HTZ's own vote message signed under the city programme's domain (InvalidSignature)", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        // Identical message; only verifyingContract differs.
        const vote = await signVote(r1, await domainOf(b.city, b.chainId), await htzMessage(b, r1.address));

        const before = await snapshot(b);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(r1.address);
        expect(await snapshot(b)).to.deep.equal(before);
      });

      it("refuses at HTZ a genuine city vote on the city grant with the same id, which the city programme accepts", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        expect(b.cityGrantId).to.equal(b.grantId);
        const cityVote = await signVote(r1, await domainOf(b.city, b.chainId), {
          reviewer: r1.address,
          grantId: b.cityGrantId,
          milestoneIndex: 0,
          round: (await b.city.milestone(b.cityGrantId, 0)).round,
          reviewerSlot: await b.city.reviewerSlot(r1.address),
          termsHash: b.cityTermsHash,
          evidenceHash: CITY_EVIDENCE,
          approve: true,
          reasonHash: REASON,
          deadline: b.deadline,
        });

        const before = await snapshot(b);
        // The HTZ program rebuilds the digest under its own domain, so the signature does not verify
        // (checked before the terms, hence InvalidSignature rather than TermsMismatch).
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.cityTermsHash, CITY_EVIDENCE, [cityVote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(r1.address);
        expect(await snapshot(b)).to.deep.equal(before);

        await expect(b.city.submitSignedVotes(b.cityGrantId, 0, b.cityTermsHash, CITY_EVIDENCE, [cityVote]))
          .to.emit(b.city, "VoteCast")
          .withArgs(b.cityGrantId, 0, r1.address, true, REASON);
      });
    });

    describe("with a signature made for another milestone", function () {
      it("refuses a milestone-0 signature submitted for milestone 1 (InvalidSignature: the index is in the digest)", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        const message = { ...(await htzMessage(b, r1.address, 0)), evidenceHash: EVIDENCE_1 };
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), message);

        const before = await snapshot(b);
        await expect(b.htz.submitSignedVotes(b.grantId, 1, b.termsHash, EVIDENCE_1, [vote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(r1.address);
        expect(await snapshot(b)).to.deep.equal(before);
      });
    });

    describe("with a signature over other terms or evidence", function () {
      it("refuses it with InvalidSignature when submitted with the grant's real terms and evidence (digest differs)", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        const domain = await domainOf(b.htz, b.chainId);
        const otherTerms = await signVote(r1, domain, {
          ...(await htzMessage(b, r1.address)),
          termsHash: textHash("terms the reviewer was shown"),
        });
        const otherEvidence = await signVote(r1, domain, {
          ...(await htzMessage(b, r1.address)),
          evidenceHash: textHash("evidence the reviewer was shown"),
        });

        const before = await snapshot(b);
        for (const vote of [otherTerms, otherEvidence]) {
          await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
            .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
            .withArgs(r1.address);
        }
        expect(await snapshot(b)).to.deep.equal(before);
      });

      it("refuses it with TermsMismatch / EvidenceMismatch when submitted with the hashes it was signed over (signature valid, vote check fails)", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        const domain = await domainOf(b.htz, b.chainId);
        const wrongTerms = textHash("terms the reviewer was shown");
        const staleEvidence = textHash("evidence the reviewer was shown");
        const termsVote = await signVote(r1, domain, { ...(await htzMessage(b, r1.address)), termsHash: wrongTerms });
        const evidenceVote = await signVote(r1, domain, {
          ...(await htzMessage(b, r1.address)),
          evidenceHash: staleEvidence,
        });

        const before = await snapshot(b);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, wrongTerms, EVIDENCE, [termsVote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_TermsMismatch")
          .withArgs(b.termsHash, wrongTerms);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, staleEvidence, [evidenceVote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_EvidenceMismatch")
          .withArgs(EVIDENCE, staleEvidence);
        expect(await snapshot(b)).to.deep.equal(before);
      });
    });

    describe("with another chain id in the domain", function () {
      it("refuses it with InvalidSignature", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        const otherChain = { ...(await domainOf(b.htz, b.chainId)), chainId: b.chainId + 1n };
        const vote = await signVote(r1, otherChain, await htzMessage(b, r1.address));

        const before = await snapshot(b);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(r1.address);
        expect(await snapshot(b)).to.deep.equal(before);
      });
    });

    describe("around the signature deadline", function () {
      it("refuses a signature one second past its deadline (SignatureExpired)", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await htzMessage(b, r1.address));

        const before = await snapshot(b);
        await networkHelpers.time.setNextBlockTimestamp(b.deadline + 1n);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_SignatureExpired")
          .withArgs(r1.address, b.deadline);
        expect(await snapshot(b)).to.deep.equal(before);
      });

      it("accepts a signature whose deadline equals the block time", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await htzMessage(b, r1.address));

        await networkHelpers.time.setNextBlockTimestamp(b.deadline);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
          .to.emit(b.htz, "VoteCast")
          .withArgs(b.grantId, 0, r1.address, true, REASON);
        expect(BigInt(await networkHelpers.time.latest())).to.equal(b.deadline);
        expect((await b.htz.milestone(b.grantId, 0)).approvals).to.equal(0b0001n);
      });
    });

    describe("with a malleable high-s signature", function () {
      it("refuses the (r, n - s, v') form of a valid signature (InvalidSignature) and accepts the low-s original", async function () {
        const b = await ballot();
        const r1 = b.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await htzMessage(b, r1.address));
        const malleable = { ...vote, signature: highS(vote.signature) };
        expect(malleable.signature).to.not.equal(vote.signature);
        // The raw ecrecover precompile still maps the malleated form to the reviewer: only the low-s rule refuses it.
        const digest = await b.htz.voteDigest(await htzMessage(b, r1.address));
        const raw = getBytes(malleable.signature);
        const recovered = await ethers.provider.call({
          to: ECRECOVER,
          data: concat([digest, toBeHex(raw[64], 32), raw.slice(0, 32), raw.slice(32, 64)]),
        });
        expect(toBigInt(recovered)).to.equal(toBigInt(r1.address));

        const before = await snapshot(b);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [malleable]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(r1.address);
        expect(await snapshot(b)).to.deep.equal(before);

        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote])).to.emit(b.htz, "VoteCast");
      });
    });

    describe("with other encodings of a valid signature", function () {
      // Only the 65-byte (r, s, v ∈ {27, 28}) form counts: each re-encoding below carries the same decision
      // and would recover to the reviewer under a laxer rule, so each must be refused whole, changing nothing.
      const encodings: [string, (signature: string) => string][] = [
        ["the 64-byte EIP-2098 compact form (r, yParity‖s)", (sig) => Signature.from(sig).compactSerialized],
        ["v as 0/1 instead of 27/28", (sig) => concat([dataSlice(sig, 0, 64), toBeHex(getBytes(sig)[64] - 27, 1)])],
        ["r = 0 (s and v kept)", (sig) => concat([zeroPadValue("0x", 32), dataSlice(sig, 32, 65)])],
        ["all 65 bytes zero", () => zeroPadValue("0x", 65)],
        ["a 66th byte appended", (sig) => concat([sig, "0x00"])],
      ];
      for (const [form, encode] of encodings) {
        it(`refuses ${form} (InvalidSignature), changing nothing, and accepts the original`, async function () {
          const b = await ballot();
          const r1 = b.reviewers[0];
          const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await htzMessage(b, r1.address));
          const reencoded = { ...vote, signature: encode(vote.signature) };
          expect(reencoded.signature).to.not.equal(vote.signature);
          const before = await snapshot(b);
          const balances = await Promise.all([b.htz.getAddress(), r1.address].map((a) => b.w.token.balanceOf(a)));
          await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [reencoded]))
            .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
            .withArgs(r1.address);
          expect(await snapshot(b)).to.deep.equal(before);
          expect(await Promise.all([b.htz.getAddress(), r1.address].map((a) => b.w.token.balanceOf(a)))).to.deep.equal(
            balances,
          );
          await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote])).to.emit(b.htz, "VoteCast");
        });
      }
    });

    describe("with the same reviewer twice in one batch", function () {
      it("counts the first and skips the second (SignedVoteSkipped), also when the second decides the other way", async function () {
        const b = await ballot();
        const [r1, r2] = b.reviewers;
        const domain = await domainOf(b.htz, b.chainId);
        const votes = [
          await signVote(r2, domain, await htzMessage(b, r2.address)),
          await signVote(r1, domain, await htzMessage(b, r1.address, 0, true)),
          await signVote(r1, domain, await htzMessage(b, r1.address, 0, false)),
        ];
        const batch = b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, votes);
        await expect(batch).to.emit(b.htz, "SignedVoteSkipped").withArgs(b.grantId, 0, r1.address);
        const m = await b.htz.milestone(b.grantId, 0);
        expect(m.approvals).to.equal(0b0011n);
        expect(m.rejections).to.equal(0n);
      });
    });

    describe("with a signer who is not a reviewer", function () {
      it("refuses the stranger's own valid signature (NotReviewer)", async function () {
        const b = await ballot();
        const { stranger } = b.w.actors;
        const vote = await signVote(stranger, await domainOf(b.htz, b.chainId), await htzMessage(b, stranger.address));

        const before = await snapshot(b, [stranger.address]);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_NotReviewer")
          .withArgs(stranger.address);
        expect(await snapshot(b, [stranger.address])).to.deep.equal(before);
      });

      it("refuses a stranger's signature presented as a reviewer's (InvalidSignature)", async function () {
        const b = await ballot();
        const { stranger } = b.w.actors;
        const r1 = b.reviewers[0];
        const vote = await signVote(
          stranger,
          await domainOf(b.htz, b.chainId),
          await htzMessage(b, r1.address),
          r1.address,
        );

        const before = await snapshot(b);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(r1.address);
        expect(await snapshot(b)).to.deep.equal(before);
      });
    });

    describe("from a contract-wallet reviewer (ERC-1271)", function () {
      async function walletReviewer(b: Ballot) {
        const owner = b.w.actors.spare[0];
        const wallet = await ethers.deployContract("MockERC1271Wallet", [owner.address]);
        const walletAddress = await wallet.getAddress();
        await b.htz.connect(b.w.actors.admin).addReviewer(walletAddress);
        return { owner, walletAddress };
      }

      it("accepts the vote when the wallet's owner signed it, and counts it towards quorum", async function () {
        const b = await ballot();
        const { owner, walletAddress } = await walletReviewer(b);
        const domain = await domainOf(b.htz, b.chainId);
        const votes = [
          await signVote(owner, domain, await htzMessage(b, walletAddress), walletAddress),
          await signVote(b.reviewers[0], domain, await htzMessage(b, b.reviewers[0].address)),
          await signVote(b.reviewers[1], domain, await htzMessage(b, b.reviewers[1].address)),
        ];

        const tx = b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, votes);
        await expect(tx).to.emit(b.htz, "VoteCast").withArgs(b.grantId, 0, walletAddress, true, REASON);
        await expect(tx).to.emit(b.htz, "MilestoneApproved");
        expect(await b.htz.reviewerSlot(walletAddress)).to.equal(5n);
        expect(await b.htz.milestoneState(b.grantId, 0)).to.equal(MilestoneState.InNotice);
      });

      it("refuses a signature by anyone but the wallet's owner (InvalidSignature)", async function () {
        const b = await ballot();
        const { walletAddress } = await walletReviewer(b);
        const vote = await signVote(
          b.w.actors.stranger,
          await domainOf(b.htz, b.chainId),
          await htzMessage(b, walletAddress),
          walletAddress,
        );

        const before = await snapshot(b, [walletAddress]);
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
          .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
          .withArgs(walletAddress);
        expect(await snapshot(b, [walletAddress])).to.deep.equal(before);
      });

      // Hand-written wallets (raw runtime code, answering any call the same way) for the answer rule of
      // contracts/libraries/SignatureCheck.sol: a successful call returning at least one word, whose
      // first word is exactly the magic value 0x1626ba7e followed by zeros.
      const WALLETS: ReadonlyArray<readonly [string, string, boolean]> = [
        ["the exact magic word", "631626ba7e60e01b60005260206000f3", true],
        ["the magic word followed by a second word", "631626ba7e60e01b60005260406000f3", true],
        ["only the 4 magic bytes (a short answer)", "631626ba7e60e01b60005260046000f3", false],
        ["the magic word but reverting", "631626ba7e60e01b60005260206000fd", false],
        [
          "the magic bytes shifted by one byte (a non-zero rest of the word)",
          "631626ba7e60e01b60015260206000f3",
          false,
        ],
      ];
      async function rawWalletReviewer(b: Ballot, runtime: string): Promise<string> {
        const length = (runtime.length / 2).toString(16).padStart(2, "0");
        // Creation code: copy the runtime (after these 12 bytes) to memory and return it.
        const creation = `0x60${length}600c60003960${length}6000f3${runtime}`;
        const [deployer] = await ethers.getSigners();
        const address = (await (await deployer.sendTransaction({ data: creation })).wait())!.contractAddress!;
        expect(await ethers.provider.getCode(address)).to.equal(`0x${runtime}`);
        await b.htz.connect(b.w.actors.admin).addReviewer(address);
        return address;
      }
      for (const [answer, runtime, accepted] of WALLETS) {
        it(`${accepted ? "accepts" : "refuses (InvalidSignature)"} a wallet answering ${answer}`, async function () {
          const b = await ballot();
          const walletAddress = await rawWalletReviewer(b, runtime);
          // A stranger's signature: these wallets do not look at it, only their answer decides.
          const vote = await signVote(
            b.w.actors.stranger,
            await domainOf(b.htz, b.chainId),
            await htzMessage(b, walletAddress),
            walletAddress,
          );
          const tx = b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]);
          if (accepted) {
            await expect(tx).to.emit(b.htz, "VoteCast").withArgs(b.grantId, 0, walletAddress, true, REASON);
          } else {
            await expect(tx)
              .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
              .withArgs(walletAddress);
          }
        });
      }
    });
  });
});

describe("GrantProgram hardening", function () {
  const EVIDENCE = textHash("licence: national engineering lab, 2017");
  const REASON = textHash("ok");
  const submitted = () => submittedNationalLab(networkHelpers, deployGuiyang, EVIDENCE);

  describe("submitSignedVotes", function () {
    it("refuses one reviewer's signature offered as the vote of a contract-wallet reviewer it also signs for", async function () {
      const s = await submitted();
      const [r1] = s.actors.reviewers;
      const wallet = await ethers.deployContract("MockERC1271Wallet", [r1.address]);
      await s.htz.connect(s.actors.admin).addReviewer(await wallet.getAddress());
      const deadline = BigInt(await networkHelpers.time.latest()) + DAY;
      const asR1 = await signChoice(r1, s.htz, {
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
      const old = await signChoice(r1, s.htz, {
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
});
