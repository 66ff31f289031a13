import { expect } from "chai";
import type { AddressLike } from "ethers";
import { network } from "hardhat";

import type { IGrantProgram, MockYuan } from "../../../typechain-types/index.js";
import { parseYuan } from "../../../core/money.js";
import { DAY } from "../../../scripts/lib/suite.js";
import { MilestoneState } from "../../../core/enums.js";
import { textHash } from "../../../core/ids.js";
import { guiyangFixture, NOTICE, WALLET_DELAY, terms, yuan, type GuiyangWorld, ACCEPTS } from "../../utils/fixtures.js";
import { approveSubmitted, submitAndApprove } from "../../../scripts/lib/scenario.js";
import { categoryDef, programOn, registerCompany } from "../../utils/programs.js";
import { hostileTokenWorlds } from "../../utils/tokens.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);

const EVIDENCE = textHash("evidence: national engineering lab licence");
const REASON = textHash("reason: recorded in the committee minutes");
const { deployBlocklist, deployPausable, deployReentrant } = hostileTokenWorlds(connection, deployGuiyang, {
  evidence: EVIDENCE,
  reasonHash: REASON,
});
const GRANTEE = ethers.id("GRANTEE");

/** What a refused call must leave untouched: the budget, token balances and the named milestones. */
async function observe(
  program: IGrantProgram,
  token: Pick<MockYuan, "balanceOf">,
  accounts: AddressLike[],
  milestones: Array<[bigint, number]>,
) {
  return {
    summary: await program.summary(),
    balances: await Promise.all([program, ...accounts].map((account) => token.balanceOf(account))),
    milestones: await Promise.all(milestones.map(([grantId, index]) => program.milestone(grantId, index))),
  };
}

/** The vote options of every approval in this file (the builders are scripts/lib/scenario.ts). */
const APPROVAL = { reasonHash: REASON } as const;

/* ------------------------------------------------------------------------------------------------
 * Company A's grant on Guiyang HTZ: 3,000,000 due in 90 days (approved, in notice) and
 * 2,000,000 due in 180 days (pending).
 * ---------------------------------------------------------------------------------------------- */

interface ClaimWorld extends GuiyangWorld {
  lab: bigint;
  grantId: bigint;
  deadlines: [bigint, bigint];
  noticeEndsAt: bigint;
}

async function deployWithApprovedMilestone(): Promise<ClaimWorld> {
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
  const noticeEndsAt = (
    await submitAndApprove(w.htz, w.actors.companyA, w.actors.reviewers, grantId, 0, EVIDENCE, APPROVAL)
  ).noticeEndsAt;
  const deadlines: [bigint, bigint] = [
    (await w.htz.milestone(grantId, 0)).deadline,
    (await w.htz.milestone(grantId, 1)).deadline,
  ];
  return { ...w, lab, grantId, deadlines, noticeEndsAt };
}

function observeA(w: ClaimWorld) {
  const a = w.actors;
  return observe(
    w.htz,
    w.token,
    [a.companyA, a.companyB, a.companyC, a.stranger, a.manager, a.treasury, a.treasurer, ...a.spare],
    [
      [w.grantId, 0],
      [w.grantId, 1],
    ],
  );
}

/* ------------------------------------------------------------------------------------------------
 * Programs on other tokens, created through the factory like any program.
 * ---------------------------------------------------------------------------------------------- */

/* ------------------------------------------------------------------------------------------------
 * Tokens with 2, 6 and 18 decimals.
 * ---------------------------------------------------------------------------------------------- */

interface DecimalsWorld extends GuiyangWorld {
  dToken: MockYuan;
  program: IGrantProgram;
  lab: bigint;
  decimals: number;
}

function decimalsFixture(decimals: number) {
  return async function deployDecimals(): Promise<DecimalsWorld> {
    const w = await deployGuiyang();
    const dToken = await ethers.deployContract("MockYuan", [`Yuan ${decimals}`, `CNY${decimals}`, decimals]);
    // One smallest unit above a round million, so any rounding would show.
    const amount = parseYuan("1,000,000", decimals) + 1n;
    const budget = parseYuan("3,000,000", decimals);
    const { program, categoryIds } = await programOn(
      ethers,
      w,
      dToken,
      [categoryDef("lab", "fixed", amount, decimals)],
      budget,
    );
    return { ...w, dToken, program, lab: categoryIds.get("lab")!, decimals };
  };
}
const decimalsFixtures = new Map([2, 6, 18].map((d) => [d, decimalsFixture(d)] as const));

async function deployHuge(): Promise<DecimalsWorld> {
  const w = await deployGuiyang();
  const dToken = await ethers.deployContract("MockYuan", ["Big Yuan", "BIG", 18]);
  const amount = 2n ** 127n;
  const { program, categoryIds } = await programOn(
    ethers,
    w,
    dToken,
    [categoryDef("lab", "fixed", amount, 18)],
    amount,
  );
  return { ...w, dToken, program, lab: categoryIds.get("lab")!, decimals: 18 };
}

describe("GrantProgram claims, lapses and cancellations", function () {
  describe("claim", function () {
    describe("by the grantee's current wallet", function () {
      it("pays at exactly noticeEndsAt, to the registered wallet only", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const a = w.actors;
        await networkHelpers.time.setNextBlockTimestamp(w.noticeEndsAt);
        const tx = w.htz.connect(a.companyA).claim(w.grantId, [0]);
        await expect(tx)
          .to.emit(w.htz, "MilestoneClaimed")
          .withArgs(w.grantId, 0, a.companyA.address, yuan("3,000,000"));
        await expect(tx).to.changeTokenBalances(
          ethers,
          w.token,
          [a.companyA, w.htz, a.companyB, a.stranger, a.treasury, a.manager],
          [yuan("3,000,000"), -yuan("3,000,000"), 0n, 0n, 0n, 0n],
        );
        const s = await w.htz.summary();
        expect(s.paid).to.equal(yuan("3,000,000"));
        expect(s.reserved).to.equal(yuan("2,000,000"));
        expect((await w.htz.grant(w.grantId)).reserved).to.equal(yuan("2,000,000"));
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Paid);
      });

      it("pays the sum of several payable milestones claimed in one call", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const a = w.actors;
        await submitAndApprove(w.htz, a.companyA, a.reviewers, w.grantId, 1, EVIDENCE, APPROVAL);
        await networkHelpers.time.increase(NOTICE);
        const before = await w.htz.summary();
        expect(await w.htz.connect(a.companyA).claim.staticCall(w.grantId, [1, 0])).to.equal(yuan("5,000,000"));
        const tx = w.htz.connect(a.companyA).claim(w.grantId, [1, 0]);
        await expect(tx)
          .to.emit(w.htz, "MilestoneClaimed")
          .withArgs(w.grantId, 1, a.companyA.address, yuan("2,000,000"))
          .and.to.emit(w.htz, "MilestoneClaimed")
          .withArgs(w.grantId, 0, a.companyA.address, yuan("3,000,000"));
        await expect(tx).to.changeTokenBalances(
          ethers,
          w.token,
          [a.companyA, w.htz],
          [yuan("5,000,000"), -yuan("5,000,000")],
        );
        const after = await w.htz.summary();
        expect(after.paid).to.equal(before.paid + yuan("5,000,000"));
        expect(after.reserved).to.equal(before.reserved - yuan("5,000,000"));
        expect(after.available).to.equal(before.available);
        expect((await w.htz.grant(w.grantId)).paidCount).to.equal(2n);
      });
    });

    describe("before the notice window is over", function () {
      it("refuses one second before noticeEndsAt with WrongMilestoneState(InNotice)", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const before = await observeA(w);
        await networkHelpers.time.setNextBlockTimestamp(w.noticeEndsAt - 1n);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.InNotice, ACCEPTS.claim);
        expect(await observeA(w)).to.deep.equal(before);
      });

      it("refuses a milestone that was never approved with WrongMilestoneState(Pending)", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        const before = await observeA(w);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0, 1]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 1, MilestoneState.Pending, ACCEPTS.claim);
        expect(await observeA(w)).to.deep.equal(before);
      });
    });

    describe("by anyone but the grantee's current wallet", function () {
      it("refuses another company, a stranger, the manager and the treasurer with NotGranteeWallet", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const a = w.actors;
        await networkHelpers.time.increase(NOTICE);
        const before = await observeA(w);
        for (const caller of [a.companyB, a.stranger, a.manager, a.treasurer, a.reviewers[0]]) {
          await expect(w.htz.connect(caller).claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
            .withArgs(caller.address, a.companyA.address);
        }
        expect(await observeA(w)).to.deep.equal(before);
      });

      it("refuses a grantee wallet that was made a manager after the award with RoleConflict", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const a = w.actors;
        const insider = a.spare[0];
        const insiderId = await registerCompany(w, "91520115MA6DK0008M", insider.address);
        const now = BigInt(await networkHelpers.time.latest());
        await w.htz.award(insiderId, w.htzCategories.get("rd-platform-joint")!, 0, terms(now, [["2,000,000", 60]]));
        const grantId = await w.htz.grantCount();
        await w.htz.connect(a.admin).grantRole(await w.htz.MANAGER_ROLE(), insider.address);
        await submitAndApprove(w.htz, insider, a.reviewers, grantId, 0, EVIDENCE, APPROVAL);
        await networkHelpers.time.increase(NOTICE);

        const before = await observe(w.htz, w.token, [insider], [[grantId, 0]]);
        await expect(w.htz.connect(insider).claim(grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(insider.address, await w.htz.MANAGER_ROLE(), GRANTEE);
        expect(await observe(w.htz, w.token, [insider], [[grantId, 0]])).to.deep.equal(before);
      });
    });

    describe("separation of duties, whatever the order of events", function () {
      /** Company A's approved HTZ milestone, notice over: only the wallet question is left. */
      async function payable() {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        return w;
      }

      /** Rotates company A's payout wallet to `wallet` through the registry's delay. */
      async function rotateTo(w: Awaited<ReturnType<typeof payable>>, wallet: string) {
        await w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, wallet);
        await networkHelpers.time.increase((await w.registry.walletChangeDelay()) + 1n);
        await w.registry.completeWalletChange(w.nos.a);
      }

      it("refuses a claim after the payout wallet was rotated to a reviewer who voted on the grant (RoleConflict) and moves no money", async function () {
        const w = await payable();
        const reviewer = w.actors.reviewers[0];
        await rotateTo(w, reviewer.address);
        const before = await observe(w.htz, w.token, [reviewer, w.actors.companyA], [[w.grantId, 0]]);
        await expect(w.htz.connect(reviewer).claim(w.grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(reviewer.address, await w.htz.REVIEWER(), GRANTEE);
        expect(await observe(w.htz, w.token, [reviewer, w.actors.companyA], [[w.grantId, 0]])).to.deep.equal(before);
      });

      it("refuses a claim by a wallet that held a role here and gave it up (former official) and moves no money", async function () {
        const w = await payable();
        const insider = w.actors.spare[1];
        const role = await w.htz.GUARDIAN_ROLE();
        await w.htz.connect(w.actors.admin).grantRole(role, insider.address);
        await w.htz.connect(insider).renounceRole(role, insider.address);
        expect(await w.htz.isOfficial(insider.address)).to.equal(true);
        await rotateTo(w, insider.address);
        const before = await observe(w.htz, w.token, [insider], [[w.grantId, 0]]);
        await expect(w.htz.connect(insider).claim(w.grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
          .withArgs(insider.address, await w.htz.FORMER_OFFICIAL(), GRANTEE);
        expect(await observe(w.htz, w.token, [insider], [[w.grantId, 0]])).to.deep.equal(before);
      });

      it("pays once the registry rotates the wallet on to an account that never held a role here", async function () {
        const w = await payable();
        const reviewer = w.actors.reviewers[0];
        await rotateTo(w, reviewer.address);
        const clean = w.actors.spare[2];
        expect(await w.htz.isOfficial(clean.address)).to.equal(false);
        await rotateTo(w, clean.address);
        await expect(w.htz.connect(clean).claim(w.grantId, [0])).to.changeTokenBalance(
          ethers,
          w.token,
          clean,
          (await w.htz.milestone(w.grantId, 0)).amount,
        );
      });
    });

    describe("twice", function () {
      it("refuses a second claim of a paid milestone with WrongMilestoneState(Paid)", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        await w.htz.connect(w.actors.companyA).claim(w.grantId, [0]);
        const before = await observeA(w);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.Paid, ACCEPTS.claim);
        expect(await observeA(w)).to.deep.equal(before);
      });

      it("refuses a milestone named twice in one call and pays nothing", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        const before = await observeA(w);
        // The second mention finds the milestone already marked Paid by the first.
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0, 0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.Paid, ACCEPTS.claim);
        expect(await observeA(w)).to.deep.equal(before);
      });
    });

    describe("with an empty list of milestones", function () {
      it("refuses it with InvalidClaim", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        const before = await observeA(w);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [])).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_InvalidClaim",
        );
        expect(await observeA(w)).to.deep.equal(before);
      });
    });

    describe("with an unknown milestone index", function () {
      it("refuses it with UnknownMilestone", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        const before = await observeA(w);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0, 2]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_UnknownMilestone")
          .withArgs(w.grantId, 2);
        expect(await observeA(w)).to.deep.equal(before);
      });
    });

    describe("on a cancelled grant", function () {
      it("refuses a payable milestone with GrantCancelled", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        await w.htz.cancelGrant(w.grantId, REASON);
        const before = await observeA(w);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_GrantCancelled")
          .withArgs(w.grantId);
        expect(await observeA(w)).to.deep.equal(before);
      });
    });

    describe("while the program is paused", function () {
      it("refuses the claim with Paused, and pays after the admin unpauses", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        await w.htz.connect(w.actors.guardian).pause();
        const before = await observeA(w);
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0])).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_Paused",
        );
        expect(await observeA(w)).to.deep.equal(before);
        await w.htz.connect(w.actors.admin).unpause();
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0])).to.changeTokenBalance(
          ethers,
          w.token,
          w.actors.companyA,
          yuan("3,000,000"),
        );
      });
    });

    describe("across a payout wallet rotation", function () {
      it("still pays the old wallet during the rotation delay and refuses the new one", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const a = w.actors;
        const newWallet = a.spare[1];
        await networkHelpers.time.increase(NOTICE);
        await w.registry.connect(a.registrar).requestWalletChange(w.nos.a, newWallet.address);

        const before = await observeA(w);
        await expect(w.htz.connect(newWallet).claim(w.grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
          .withArgs(newWallet.address, a.companyA.address);
        expect(await observeA(w)).to.deep.equal(before);

        await expect(w.htz.connect(a.companyA).claim(w.grantId, [0])).to.changeTokenBalances(
          ethers,
          w.token,
          [a.companyA, newWallet, w.htz],
          [yuan("3,000,000"), 0n, -yuan("3,000,000")],
        );
      });

      it("pays the new wallet once the rotation completes and refuses the old one", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const a = w.actors;
        const newWallet = a.spare[1];
        await w.registry.connect(a.registrar).requestWalletChange(w.nos.a, newWallet.address);
        await networkHelpers.time.increase(WALLET_DELAY);
        await w.registry.completeWalletChange(w.nos.a);
        await networkHelpers.time.increase(NOTICE);

        const before = await observeA(w);
        await expect(w.htz.connect(a.companyA).claim(w.grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
          .withArgs(a.companyA.address, newWallet.address);
        expect(await observeA(w)).to.deep.equal(before);

        const tx = w.htz.connect(newWallet).claim(w.grantId, [0]);
        await expect(tx)
          .to.emit(w.htz, "MilestoneClaimed")
          .withArgs(w.grantId, 0, newWallet.address, yuan("3,000,000"));
        await expect(tx).to.changeTokenBalances(
          ethers,
          w.token,
          [newWallet, a.companyA, w.htz],
          [yuan("3,000,000"), 0n, -yuan("3,000,000")],
        );
      });
    });

    describe("by a contract wallet (multisig) as the grantee", function () {
      it("submits evidence and claims through the multisig; the tokens land in the contract", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const a = w.actors;
        const signer = a.spare[2];
        const multisig = await ethers.deployContract("MockMultisigWallet", [signer.address]);
        const multisigId = await registerCompany(w, "91520115MA6DK0006W", multisig);
        const now = BigInt(await networkHelpers.time.latest());
        await w.htz.award(
          multisigId,
          w.htzCategories.get("rd-platform-provincial")!,
          0,
          terms(now, [["1,000,000", 60]]),
        );
        const grantId = await w.htz.grantCount();
        await multisig
          .connect(signer)
          .execute(w.htz, w.htz.interface.encodeFunctionData("submitEvidence", [grantId, 0, EVIDENCE]));
        await approveSubmitted(w.htz, a.reviewers, grantId, 0, EVIDENCE, APPROVAL);
        await networkHelpers.time.increase(NOTICE);

        // The signer's own account is not the grantee's wallet.
        const before = await observe(w.htz, w.token, [multisig, signer], [[grantId, 0]]);
        await expect(w.htz.connect(signer).claim(grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
          .withArgs(signer.address, await multisig.getAddress());
        expect(await observe(w.htz, w.token, [multisig, signer], [[grantId, 0]])).to.deep.equal(before);

        const tx = multisig.connect(signer).execute(w.htz, w.htz.interface.encodeFunctionData("claim", [grantId, [0]]));
        await expect(tx)
          .to.emit(w.htz, "MilestoneClaimed")
          .withArgs(grantId, 0, await multisig.getAddress(), yuan("1,000,000"));
        await expect(tx).to.changeTokenBalances(
          ethers,
          w.token,
          [multisig, signer, w.htz],
          [yuan("1,000,000"), 0n, -yuan("1,000,000")],
        );
      });
    });
  });

  describe("lapse", function () {
    describe("by anyone, around the deadline", function () {
      it("refuses at exactly the deadline with DeadlineNotPassed", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const before = await observeA(w);
        await networkHelpers.time.setNextBlockTimestamp(w.deadlines[1]);
        await expect(w.htz.connect(w.actors.stranger).lapse(w.grantId, 1))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_DeadlineNotPassed")
          .withArgs(w.grantId, 1, w.deadlines[1]);
        expect(await observeA(w)).to.deep.equal(before);
      });

      it("lapses one second after the deadline for a stranger, returning the amount to available", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const before = await w.htz.summary();
        const committedBefore = (await w.htz.category(w.lab)).committed;
        const balancesBefore = await observeA(w);
        await networkHelpers.time.setNextBlockTimestamp(w.deadlines[1] + 1n);
        await expect(w.htz.connect(w.actors.stranger).lapse(w.grantId, 1))
          .to.emit(w.htz, "MilestoneLapsed")
          .withArgs(w.grantId, 1, yuan("2,000,000"));
        const after = await w.htz.summary();
        expect(after.available).to.equal(before.available + yuan("2,000,000"));
        expect(after.reserved).to.equal(before.reserved - yuan("2,000,000"));
        expect(after.paid).to.equal(before.paid);
        expect((await w.htz.category(w.lab)).committed).to.equal(committedBefore - yuan("2,000,000"));
        expect((await w.htz.grant(w.grantId)).reserved).to.equal(yuan("3,000,000"));
        expect(await w.htz.milestoneState(w.grantId, 1)).to.equal(MilestoneState.Lapsed);
        // No token moves: the amount only changes column in the ledger.
        expect((await observeA(w)).balances).to.deep.equal(balancesBefore.balances);
      });

      it("lapses a submitted and a rejected milestone past their deadline", async function () {
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
        const { termsHash } = await w.htz.grant(grantId);
        await w.htz.connect(w.actors.companyA).submitEvidence(grantId, 0, EVIDENCE);
        await w.htz.connect(w.actors.companyA).submitEvidence(grantId, 1, EVIDENCE);
        for (const reviewer of w.actors.reviewers.slice(0, 2)) {
          await w.htz.connect(reviewer).vote(grantId, 1, termsHash, EVIDENCE, false, REASON);
        }
        await networkHelpers.time.increaseTo(now + 181n * DAY);
        await expect(w.htz.connect(w.actors.stranger).lapse(grantId, 0))
          .to.emit(w.htz, "MilestoneLapsed")
          .withArgs(grantId, 0, yuan("3,000,000"));
        await expect(w.htz.connect(w.actors.stranger).lapse(grantId, 1))
          .to.emit(w.htz, "MilestoneLapsed")
          .withArgs(grantId, 1, yuan("2,000,000"));
        expect((await w.htz.summary()).reserved).to.equal(0n);
      });
    });

    describe("twice", function () {
      it("refuses the second lapse with WrongMilestoneState(Lapsed): the amount returns exactly once", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increaseTo(w.deadlines[1] + 1n);
        await w.htz.connect(w.actors.stranger).lapse(w.grantId, 1);
        const before = await observeA(w);
        const categoryBefore = await w.htz.category(w.lab);
        await expect(w.htz.connect(w.actors.companyB).lapse(w.grantId, 1))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 1, MilestoneState.Lapsed, ACCEPTS.lapse);
        expect(await observeA(w)).to.deep.equal(before);
        expect(await w.htz.category(w.lab)).to.deep.equal(categoryBefore);
      });
    });

    describe("an approved milestone", function () {
      it("refuses to lapse an approved milestone past its deadline with WrongMilestoneState(Payable)", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increaseTo(w.deadlines[0] + 1n);
        const before = await observeA(w);
        await expect(w.htz.connect(w.actors.stranger).lapse(w.grantId, 0))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.Payable, ACCEPTS.lapse);
        expect(await observeA(w)).to.deep.equal(before);
      });
    });

    describe("on a cancelled grant", function () {
      it("refuses with GrantCancelled (the reserve already returned on cancellation)", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await w.htz.cancelGrant(w.grantId, REASON);
        await networkHelpers.time.increaseTo(w.deadlines[1] + 1n);
        const before = await observeA(w);
        await expect(w.htz.connect(w.actors.stranger).lapse(w.grantId, 1))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_GrantCancelled")
          .withArgs(w.grantId);
        expect(await observeA(w)).to.deep.equal(before);
      });
    });
  });

  describe("cancelGrant", function () {
    describe("by a non-manager", function () {
      it("refuses a stranger, the grantee and the admin with AccessControlUnauthorizedAccount", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const role = await w.htz.MANAGER_ROLE();
        const before = await observeA(w);
        for (const caller of [w.actors.stranger, w.actors.companyA, w.actors.admin]) {
          await expect(w.htz.connect(caller).cancelGrant(w.grantId, REASON))
            .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
            .withArgs(caller.address, role);
        }
        expect(await observeA(w)).to.deep.equal(before);
      });
    });

    describe("with nothing paid", function () {
      it("returns the whole reserve once, releases the award key and lets the company be awarded again", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        const before = await w.htz.summary();
        const categoryBefore = await w.htz.category(w.lab);
        await expect(w.htz.cancelGrant(w.grantId, REASON))
          .to.emit(w.htz, "GrantCancelled")
          .withArgs(w.grantId, yuan("5,000,000"), true, REASON);
        const after = await w.htz.summary();
        expect(after.available).to.equal(before.available + yuan("5,000,000"));
        expect(after.reserved).to.equal(before.reserved - yuan("5,000,000"));
        const categoryAfter = await w.htz.category(w.lab);
        expect(categoryAfter.committed).to.equal(categoryBefore.committed - yuan("5,000,000"));
        expect(categoryAfter.awardsMade).to.equal(categoryBefore.awardsMade - 1n);
        expect(await w.registry.awardHolder(w.nos.a, categoryBefore.awardKey)).to.deep.equal([ethers.ZeroAddress, 0n]);

        const now = BigInt(await networkHelpers.time.latest());
        await expect(w.htz.award(w.ids.a, w.lab, 0, terms(now, [["5,000,000", 90]]))).to.emit(w.htz, "GrantAwarded");
      });
    });

    describe("after a partial payment", function () {
      it("returns only the unpaid reserve, keeps the award key and refuses a new award in the category", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increase(NOTICE);
        await w.htz.connect(w.actors.companyA).claim(w.grantId, [0]);
        const before = await w.htz.summary();
        await expect(w.htz.cancelGrant(w.grantId, REASON))
          .to.emit(w.htz, "GrantCancelled")
          .withArgs(w.grantId, yuan("2,000,000"), false, REASON);
        const after = await w.htz.summary();
        expect(after.available).to.equal(before.available + yuan("2,000,000"));
        expect(after.reserved).to.equal(0n);
        expect(after.paid).to.equal(yuan("3,000,000"));
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Paid);
        expect(await w.htz.milestoneState(w.grantId, 1)).to.equal(MilestoneState.Cancelled);

        const { awardKey } = await w.htz.category(w.lab);
        const now = BigInt(await networkHelpers.time.latest());
        const summaryBefore = await w.htz.summary();
        // The national lab is level 3 of the platform tier group: the paid level stays held, and with it
        // the group's key in the registry.
        await expect(w.htz.award(w.ids.a, w.lab, 0, terms(now, [["5,000,000", 90]])))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_TierNotAbove")
          .withArgs(w.nos.a, 1, 3, 3);
        expect((await w.registry.awardHolder(w.nos.a, awardKey)).program).to.equal(await w.htz.getAddress());
        expect(await w.htz.summary()).to.deep.equal(summaryBefore);
      });
    });

    describe("after a lapse", function () {
      it("returns only what is still reserved, never the lapsed amount a second time", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await networkHelpers.time.increaseTo(w.deadlines[1] + 1n);
        await w.htz.connect(w.actors.stranger).lapse(w.grantId, 1);
        const before = await w.htz.summary();
        await expect(w.htz.cancelGrant(w.grantId, REASON))
          .to.emit(w.htz, "GrantCancelled")
          .withArgs(w.grantId, yuan("3,000,000"), true, REASON);
        const after = await w.htz.summary();
        expect(after.available).to.equal(before.available + yuan("3,000,000"));
        expect(after.reserved).to.equal(0n);
        expect(after.available).to.equal(after.funded);
      });
    });

    describe("twice", function () {
      it("refuses the second cancellation with GrantCancelled", async function () {
        const w = await networkHelpers.loadFixture(deployWithApprovedMilestone);
        await w.htz.cancelGrant(w.grantId, REASON);
        const before = await observeA(w);
        const categoryBefore = await w.htz.category(w.lab);
        await expect(w.htz.cancelGrant(w.grantId, REASON))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_GrantCancelled")
          .withArgs(w.grantId);
        expect(await observeA(w)).to.deep.equal(before);
        expect(await w.htz.category(w.lab)).to.deep.equal(categoryBefore);
      });
    });
  });

  describe("hostile tokens", function () {
    describe("a blocklisted grantee", function () {
      it("cannot claim while blocklisted: the milestone stays Payable and nothing moves", async function () {
        const w = await networkHelpers.loadFixture(deployBlocklist);
        const a = w.actors;
        await w.hostile.setBlocked(a.companyA.address, true);
        const watched = [a.companyA, a.companyB, a.treasury];
        const milestones: Array<[bigint, number]> = [
          [w.grantA, 0],
          [w.grantB, 0],
        ];
        const before = await observe(w.program, w.hostile, watched, milestones);
        await expect(w.program.connect(a.companyA).claim(w.grantA, [0]))
          .to.be.revertedWithCustomError(w.hostile, "BlocklistToken_Blocked")
          .withArgs(a.companyA.address);
        expect(await observe(w.program, w.hostile, watched, milestones)).to.deep.equal(before);
        expect(await w.program.milestoneState(w.grantA, 0)).to.equal(MilestoneState.Payable);
      });

      it("does not block another grantee's claim or a treasury withdrawal", async function () {
        const w = await networkHelpers.loadFixture(deployBlocklist);
        const a = w.actors;
        await w.hostile.setBlocked(a.companyA.address, true);
        await expect(w.program.connect(a.companyB).claim(w.grantB, [0])).to.changeTokenBalances(
          ethers,
          w.hostile,
          [a.companyB, w.program],
          [yuan("1,000,000"), -yuan("1,000,000")],
        );
        await expect(w.program.connect(a.treasurer).withdraw(yuan("500,000"))).to.changeTokenBalances(
          ethers,
          w.hostile,
          [a.treasury, w.program],
          [yuan("500,000"), -yuan("500,000")],
        );
        const s = await w.program.summary();
        expect(s.paid).to.equal(yuan("1,000,000"));
        expect(s.withdrawn).to.equal(yuan("500,000"));
        expect(s.reserved).to.equal(yuan("1,000,000"));
      });

      it("pays the grantee once it is taken off the blocklist", async function () {
        const w = await networkHelpers.loadFixture(deployBlocklist);
        const a = w.actors;
        await w.hostile.setBlocked(a.companyA.address, true);
        await expect(w.program.connect(a.companyA).claim(w.grantA, [0])).to.be.revertedWithCustomError(
          w.hostile,
          "BlocklistToken_Blocked",
        );
        await w.hostile.setBlocked(a.companyA.address, false);
        await expect(w.program.connect(a.companyA).claim(w.grantA, [0])).to.changeTokenBalances(
          ethers,
          w.hostile,
          [a.companyA, w.program],
          [yuan("1,000,000"), -yuan("1,000,000")],
        );
        expect((await w.program.summary()).paid).to.equal(yuan("1,000,000"));
      });
    });

    describe("a paused token", function () {
      it("makes the claim revert while paused, leaving the milestone Payable, and pays after unpausing", async function () {
        const w = await networkHelpers.loadFixture(deployPausable);
        const a = w.actors;
        await w.hostile.pause();
        const watched = [a.companyA, a.treasury];
        const before = await observe(w.program, w.hostile, watched, [[w.grantA, 0]]);
        await expect(w.program.connect(a.companyA).claim(w.grantA, [0])).to.be.revertedWithCustomError(
          w.hostile,
          "EnforcedPause",
        );
        await expect(w.program.connect(a.treasurer).withdraw(yuan("1"))).to.be.revertedWithCustomError(
          w.hostile,
          "EnforcedPause",
        );
        expect(await observe(w.program, w.hostile, watched, [[w.grantA, 0]])).to.deep.equal(before);
        expect(await w.program.milestoneState(w.grantA, 0)).to.equal(MilestoneState.Payable);

        await w.hostile.unpause();
        await expect(w.program.connect(a.companyA).claim(w.grantA, [0])).to.changeTokenBalances(
          ethers,
          w.hostile,
          [a.companyA, w.program],
          [yuan("1,000,000"), -yuan("1,000,000")],
        );
        expect((await w.program.summary()).paid).to.equal(yuan("1,000,000"));
      });
    });

    describe("a re-entrant token", function () {
      it("refuses a claim re-entered from the transfer with ReentrancyGuardReentrantCall; one payment only", async function () {
        const w = await networkHelpers.loadFixture(deployReentrant);
        const { program, hostile, grantT } = w;
        // The token is the grantee's wallet: outside the guard, this second claim would be legitimate.
        await hostile.arm(program, program, program.interface.encodeFunctionData("claim", [grantT, [1]]));
        const before = await program.summary();
        await expect(
          hostile.execute(program, program.interface.encodeFunctionData("claim", [grantT, [0]])),
        ).to.changeTokenBalances(ethers, hostile, [hostile, program], [yuan("600,000"), -yuan("600,000")]);

        expect(await hostile.attempts()).to.equal(1n);
        expect(await hostile.lastReverted()).to.equal(true);
        expect(program.interface.parseError(await hostile.lastRevertData())?.name).to.equal(
          "ReentrancyGuardReentrantCall",
        );
        const after = await program.summary();
        expect(after.paid).to.equal(before.paid + yuan("600,000"));
        expect(after.reserved).to.equal(before.reserved - yuan("600,000"));
        expect(await program.milestoneState(grantT, 0)).to.equal(MilestoneState.Paid);
        expect(await program.milestoneState(grantT, 1)).to.equal(MilestoneState.Payable);

        // Claimed normally, the second milestone pays.
        await hostile.disarm();
        await expect(
          hostile.execute(program, program.interface.encodeFunctionData("claim", [grantT, [1]])),
        ).to.changeTokenBalance(ethers, hostile, hostile, yuan("400,000"));
      });

      it("refuses a withdrawal re-entered from a claim's transfer; one payment only, nothing withdrawn", async function () {
        const w = await networkHelpers.loadFixture(deployReentrant);
        const { program, hostile, actors: a } = w;
        // The token holds the treasurer role, so outside the guard this withdrawal would be legitimate.
        await program.connect(a.admin).grantRole(await program.TREASURER_ROLE(), hostile);
        await hostile.arm(program, program, program.interface.encodeFunctionData("withdraw", [yuan("1,000")]));
        const before = await program.summary();
        await expect(program.connect(a.companyA).claim(w.grantA, [0])).to.changeTokenBalances(
          ethers,
          hostile,
          [a.companyA, program, a.treasury],
          [yuan("1,000,000"), -yuan("1,000,000"), 0n],
        );
        expect(await hostile.lastReverted()).to.equal(true);
        expect(program.interface.parseError(await hostile.lastRevertData())?.name).to.equal(
          "ReentrancyGuardReentrantCall",
        );
        const after = await program.summary();
        expect(after.paid).to.equal(before.paid + yuan("1,000,000"));
        expect(after.withdrawn).to.equal(before.withdrawn);
        expect(after.available).to.equal(before.available);

        await hostile.disarm();
        await expect(
          hostile.execute(program, program.interface.encodeFunctionData("withdraw", [yuan("1,000")])),
        ).to.changeTokenBalance(ethers, hostile, a.treasury, yuan("1,000"));
      });
    });
  });

  describe("token decimals", function () {
    for (const [decimals, fixture] of decimalsFixtures) {
      describe(`with ${decimals} decimals`, function () {
        it("reserves, pays and accounts the exact amount, to the last unit", async function () {
          const w = await networkHelpers.loadFixture(fixture);
          const a = w.actors;
          const amount = parseYuan("1,000,000", decimals) + 1n;
          const first = amount / 3n;
          const now = BigInt(await networkHelpers.time.latest());
          await w.program.award(w.ids.a, w.lab, 0, [
            { amount: first, deadline: now + 90n * DAY, descriptionHash: textHash("milestone 1") },
            { amount: amount - first, deadline: now + 180n * DAY, descriptionHash: textHash("milestone 2") },
          ]);
          const grantId = await w.program.grantCount();
          await submitAndApprove(w.program, a.companyA, a.reviewers, grantId, 0, EVIDENCE, APPROVAL);
          await submitAndApprove(w.program, a.companyA, a.reviewers, grantId, 1, EVIDENCE, APPROVAL);
          await networkHelpers.time.increase(NOTICE);

          await expect(w.program.connect(a.companyA).claim(grantId, [0, 1])).to.changeTokenBalances(
            ethers,
            w.dToken,
            [a.companyA, w.program],
            [amount, -amount],
          );
          const s = await w.program.summary();
          expect(s.paid).to.equal(amount);
          expect(s.reserved).to.equal(0n);
          expect(s.available).to.equal(parseYuan("3,000,000", decimals) - amount);
          expect(s.funded).to.equal(s.available + s.reserved + s.paid + s.withdrawn);
        });
      });
    }

    describe("with an amount near the uint128 limit (18 decimals)", function () {
      it("awards a fixed category of 2^127 units and pays it exactly", async function () {
        const w = await networkHelpers.loadFixture(deployHuge);
        const a = w.actors;
        const amount = 2n ** 127n;
        const now = BigInt(await networkHelpers.time.latest());
        await w.program.award(w.ids.a, w.lab, 0, [
          { amount: amount / 2n, deadline: now + 90n * DAY, descriptionHash: textHash("milestone 1") },
          { amount: amount / 2n, deadline: now + 180n * DAY, descriptionHash: textHash("milestone 2") },
        ]);
        const grantId = await w.program.grantCount();
        expect((await w.program.summary()).available).to.equal(0n);
        await submitAndApprove(w.program, a.companyA, a.reviewers, grantId, 0, EVIDENCE, APPROVAL);
        await submitAndApprove(w.program, a.companyA, a.reviewers, grantId, 1, EVIDENCE, APPROVAL);
        await networkHelpers.time.increase(NOTICE);

        await expect(w.program.connect(a.companyA).claim(grantId, [0, 1])).to.changeTokenBalances(
          ethers,
          w.dToken,
          [a.companyA, w.program],
          [amount, -amount],
        );
        const s = await w.program.summary();
        expect(s.paid).to.equal(amount);
        expect(s.reserved).to.equal(0n);
        expect(s.available).to.equal(0n);
        expect(await w.dToken.balanceOf(w.program)).to.equal(0n);
      });
    });
  });
});
