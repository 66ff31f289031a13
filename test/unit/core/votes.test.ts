/**
 * core/votes.ts off chain: signatures recover to the signer under the program's domain only, and
 * the signed-vote file keeps the format mg:sign-vote has always written. The contract's own digest
 * is compared with core's in test/unit/program/signed-votes.test.ts ("voteDigest").
 */
import { expect } from "chai";
import { keccak256, toUtf8Bytes, TypedDataEncoder, Wallet } from "ethers";

import { CoreInputError } from "../../../core/input-error.js";
import {
  checkVoteCounts,
  createVoteFile,
  fileBallot,
  fileVote,
  parseVoteFile,
  serializeVoteFile,
  signBallot,
  VOTE_TYPE,
  VOTE_TYPES,
  voteDigest,
  voteDomain,
  voteSigner,
  type Ballot,
} from "../../../core/votes.js";

const PROGRAM = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OTHER_PROGRAM = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
const reviewer = new Wallet(keccak256(toUtf8Bytes("core votes test reviewer")));
const BALLOT: Ballot = {
  reviewer: reviewer.address,
  grantId: 3n,
  milestoneIndex: 1,
  round: 2n,
  reviewerSlot: 4,
  termsHash: keccak256(toUtf8Bytes("terms")),
  evidenceHash: keccak256(toUtf8Bytes("evidence")),
  approve: true,
  reasonHash: keccak256(toUtf8Bytes("approve")),
  deadline: 1814371199n,
};

describe("core/votes.ts", function () {
  it("declares the Vote type GrantProgram hashes (type string and typehash)", function () {
    expect(TypedDataEncoder.from(VOTE_TYPES).encodeType("Vote")).to.equal(VOTE_TYPE);
    expect(VOTE_TYPE).to.equal(
      "Vote(address reviewer,uint256 grantId,uint8 milestoneIndex,uint8 round,uint8 reviewerSlot,bytes32 termsHash,bytes32 evidenceHash,bool approve,bytes32 reasonHash,uint256 deadline)",
    );
    expect(voteDomain(PROGRAM, "31337")).to.deep.equal({
      name: "MilestoneGrants GrantProgram",
      version: "1",
      chainId: 31337n,
      verifyingContract: PROGRAM,
    });
  });

  it("signs with any ethers signer; the signature recovers to the reviewer under that domain only", async function () {
    const domain = voteDomain(PROGRAM, 31337n);
    const vote = await signBallot(reviewer, domain, BALLOT);
    expect(voteSigner(domain, BALLOT, vote.signature)).to.equal(reviewer.address);
    expect(voteSigner(voteDomain(OTHER_PROGRAM, 31337n), BALLOT, vote.signature)).to.not.equal(reviewer.address);
    expect(voteSigner(voteDomain(PROGRAM, 1n), BALLOT, vote.signature)).to.not.equal(reviewer.address);
    expect(voteSigner(domain, { ...BALLOT, round: 3n }, vote.signature)).to.not.equal(reviewer.address);
    expect(voteSigner(domain, { ...BALLOT, reviewerSlot: 5 }, vote.signature)).to.not.equal(reviewer.address);
    expect(vote).to.deep.include({ reviewer: reviewer.address, approve: true, deadline: 1814371199n });
    expect(voteDigest(domain, BALLOT)).to.not.equal(voteDigest(domain, { ...BALLOT, approve: false }));
  });

  it("writes the signed-vote file in mg:sign-vote's format and reads it back", async function () {
    const domain = voteDomain(PROGRAM, 31337n);
    const vote = await signBallot(reviewer, domain, BALLOT);
    const file = createVoteFile(31337n, PROGRAM, BALLOT, vote);
    const text = serializeVoteFile(file);
    // mg:sign-vote's format, field for field and in this order (the slot replaced the old nonce).
    const expected =
      JSON.stringify(
        {
          kind: "milestone-grants-signed-vote",
          chainId: "31337",
          program: PROGRAM,
          grantId: "3",
          milestone: 1,
          termsHash: BALLOT.termsHash,
          evidenceHash: BALLOT.evidenceHash,
          vote: {
            reviewer: reviewer.address,
            approve: true,
            reasonHash: BALLOT.reasonHash,
            reviewerSlot: 4,
            deadline: "1814371199",
            signature: vote.signature,
          },
        },
        null,
        2,
      ) + "\n";
    expect(text).to.equal(expected);
    const parsed = parseVoteFile(text, "vote.json");
    expect(parsed).to.deep.equal(file);
    expect(fileVote(parsed)).to.deep.equal(vote);
    expect(voteSigner(domain, fileBallot(parsed, 2n), parsed.vote.signature)).to.equal(reviewer.address);
  });

  it("refuses to sign a vote the chain would not count: not a reviewer, not under review, already voted (both languages)", function () {
    const submitted = { status: 2n, approvals: 0b0001n, rejections: 0b0100n };
    expect(() => checkVoteCounts(submitted, BALLOT)).to.not.throw(); // slot 4 has not voted
    expect(() => checkVoteCounts(submitted, { ...BALLOT, reviewerSlot: 3 })).to.throw(
      `${reviewer.address} has already voted on milestone #1 of grant 3 in this review round.`,
    );
    expect(() => checkVoteCounts(submitted, { ...BALLOT, reviewerSlot: 0 })).to.throw(
      `${reviewer.address} is not a current reviewer of this program, so its vote would not count.`,
    );
    try {
      checkVoteCounts({ ...submitted, status: 4n }, BALLOT);
      expect.fail("an approved milestone is not under review");
    } catch (error) {
      expect(error).to.be.instanceOf(CoreInputError);
      expect((error as CoreInputError).message).to.equal(
        "Milestone #1 of grant 3 is not under review (no evidence awaiting votes, or its round is already decided).",
      );
      expect((error as CoreInputError).zh).to.equal(
        "第 3 号资助的第 1 个里程碑不在评审中（没有待投票的材料，或本轮已有结论）。",
      );
    }
  });

  it("refuses files that are not signed votes, naming the file and the field", async function () {
    const vote = await signBallot(reviewer, voteDomain(PROGRAM, 31337n), BALLOT);
    const good = createVoteFile(31337n, PROGRAM, BALLOT, vote);
    expect(() => parseVoteFile("{", "a.json")).to.throw("a.json: is not a JSON file.");
    expect(() => parseVoteFile('{"kind":"other"}', "b.json")).to.throw(
      "b.json: is not a signed vote written by mg:sign-vote.",
    );
    const broken = { ...good, vote: { ...good.vote, reviewerSlot: 17 } };
    expect(() => parseVoteFile(JSON.stringify(broken), "c.json")).to.throw(
      'c.json: field "vote.reviewerSlot" must be a reviewer slot from 1 to 16.',
    );
    const badHash = { ...good, termsHash: "0x1234" };
    expect(() => parseVoteFile(JSON.stringify(badHash), "d.json")).to.throw(
      'd.json: field "termsHash" must be a 32-byte hash.',
    );
    try {
      parseVoteFile(JSON.stringify({ ...good, milestone: 16 }), "e.json");
      expect.fail("accepted milestone 16");
    } catch (error) {
      expect((error as { zh?: string }).zh).to.equal("e.json：字段“milestone”必须是0 至 15 的里程碑序号。");
    }
  });
});
