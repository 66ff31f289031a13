/**
 * Worlds on hostile tokens (blocklist, pausable, false-returning, re-entrant): a program on the token
 * with one fixed 1,000,000 category, and grants of companies A and B (1,000,000 each, one milestone),
 * both approved and past their notice window. Shared by the unit claim tests and the security checklist.
 */
import type { NetworkConnection } from "hardhat/types/network";

import type {
  BlocklistToken,
  FalseReturnToken,
  IGrantProgram,
  PausableToken,
  ReentrantToken,
} from "../../typechain-types/index.js";
import { approveSubmitted, submitAndApprove } from "../../scripts/lib/scenario.js";
import type { Watch } from "../security/helpers.js";
import { NOTICE, terms, yuan, type GuiyangWorld } from "./fixtures.js";
import { categoryDef, programOn, registerCompany, type MintableToken } from "./programs.js";

export interface TokenWorld<T extends MintableToken> extends GuiyangWorld {
  hostile: T;
  program: IGrantProgram;
  /** Company A's and company B's grants: 1,000,000 each, approved, notice over. */
  grantA: bigint;
  grantB: bigint;
  /** The program, the Guiyang programs and the token holders a refused call must leave untouched. */
  watch: Watch;
}

export interface ReentrantWorld extends TokenWorld<ReentrantToken> {
  /** Grant to an entity whose payout wallet is the token itself: 600,000 + 400,000, both payable. */
  grantT: bigint;
}

/** What the grantees submit and how the reviewers approve in these worlds. */
export interface WorldReview {
  evidence: string;
  reasonHash: string;
}

/**
 * The hostile-token worlds on `connection`, built from `deployGuiyang` (the caller's fixture, so
 * loadFixture snapshots are shared), with `review`'s evidence and vote reason.
 */
export function hostileTokenWorlds(
  connection: NetworkConnection,
  deployGuiyang: () => Promise<GuiyangWorld>,
  review: WorldReview,
) {
  const { ethers, networkHelpers } = connection;
  const approval = { reasonHash: review.reasonHash };

  async function payableOn<T extends MintableToken>(w: GuiyangWorld, hostile: T): Promise<TokenWorld<T>> {
    const { program, categoryIds } = await programOn(
      ethers,
      w,
      hostile,
      [categoryDef("lab", "fixed", yuan("1,000,000"), 2)],
      yuan("5,000,000"),
    );
    const lab = categoryIds.get("lab")!;
    const t = BigInt(await networkHelpers.time.latest());
    await program.award(w.ids.a, lab, 0, terms(t, [["1,000,000", 90]]));
    const grantA = await program.grantCount();
    await program.award(w.ids.b, lab, 0, terms(t, [["1,000,000", 90]]));
    const grantB = await program.grantCount();
    await submitAndApprove(program, w.actors.companyA, w.actors.reviewers, grantA, 0, review.evidence, approval);
    await submitAndApprove(program, w.actors.companyB, w.actors.reviewers, grantB, 0, review.evidence, approval);
    await networkHelpers.time.increase(NOTICE);
    const a = w.actors;
    const watch: Watch = {
      programs: [program, w.htz, w.city],
      token: hostile,
      accounts: [program, a.companyA, a.companyB, a.treasury, a.treasurer],
      extra: async () => [await program.milestone(grantA, 0), await program.milestone(grantB, 0)],
    };
    return { ...w, hostile, program, grantA, grantB, watch };
  }

  async function deployBlocklist(): Promise<TokenWorld<BlocklistToken>> {
    const w = await deployGuiyang();
    const token = await ethers.deployContract("BlocklistToken", [w.actors.deployer.address], w.actors.deployer);
    return payableOn(w, token as unknown as BlocklistToken);
  }

  async function deployPausable(): Promise<TokenWorld<PausableToken>> {
    const w = await deployGuiyang();
    const token = await ethers.deployContract("PausableToken", [w.actors.deployer.address], w.actors.deployer);
    return payableOn(w, token as unknown as PausableToken);
  }

  async function deployFalseReturn(): Promise<TokenWorld<FalseReturnToken>> {
    const w = await deployGuiyang();
    const token = await ethers.deployContract("FalseReturnToken", [], w.actors.deployer);
    return payableOn(w, token as unknown as FalseReturnToken);
  }

  async function deployReentrant(): Promise<ReentrantWorld> {
    const w = await deployGuiyang();
    const token = (await ethers.deployContract(
      "ReentrantToken",
      [w.actors.deployer.address],
      w.actors.deployer,
    )) as unknown as ReentrantToken;
    const base = await payableOn(w, token);
    const { program } = base;
    const tokenId = await registerCompany(w, "91520115MA6DK0008R", await token.getAddress());
    const t = BigInt(await networkHelpers.time.latest());
    await program.award(
      tokenId,
      1n,
      0,
      terms(t, [
        ["600,000", 90],
        ["400,000", 120],
      ]),
    );
    const grantT = await program.grantCount();
    for (const index of [0, 1]) {
      const data = program.interface.encodeFunctionData("submitEvidence", [grantT, index, review.evidence]);
      await token.execute(program, data);
      await approveSubmitted(program, w.actors.reviewers, grantT, index, review.evidence, approval);
    }
    await networkHelpers.time.increase(NOTICE);
    return { ...base, grantT };
  }

  return { payableOn, deployBlocklist, deployPausable, deployFalseReturn, deployReentrant };
}
