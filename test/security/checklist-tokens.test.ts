/**
 * Security checklist (/work/shared/security-checklist.md), items 8, 9, 10, 13 and 14: hostile and
 * unusual tokens, donations and late funding. Every refusal shows the named custom error and that no
 * token balance moved and no program summary changed.
 */
import { expect } from "chai";
import { network } from "hardhat";

import type { FeeOnTransferToken, IGrantProgram, MockYuan, NoReturnToken } from "../../typechain-types/index.js";
import { parseYuan } from "../../core/money.js";
import { MilestoneState } from "../../core/enums.js";
import { NOTICE, terms, yuan, type GuiyangWorld, ACCEPTS } from "../utils/fixtures.js";
import {
  APPROVAL,
  EVIDENCE,
  categoryDef,
  expectNothingMoved,
  guiyangWatch,
  now,
  programOn,
  rawTerms,
  securityFixtures,
  type Watch,
} from "./helpers.js";
import { submitAndApprove } from "../../scripts/lib/scenario.js";
import { hostileTokenWorlds } from "../utils/tokens.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployGuiyang, deployInNotice } = securityFixtures(connection);
const { deployBlocklist, deployPausable, deployFalseReturn, deployReentrant } = hostileTokenWorlds(
  connection,
  deployGuiyang,
  { evidence: EVIDENCE, ...APPROVAL },
);

/* ------------------------------------------------------------------------------------------------
 * A program on a given token with one fixed 1,000,000 category; grants of companies A and B
 * (1,000,000 each, one milestone), both approved and past their notice window.
 * ---------------------------------------------------------------------------------------------- */

async function deployNoReturn(): Promise<GuiyangWorld & { nr: NoReturnToken }> {
  const w = await deployGuiyang();
  const nr = (await ethers.deployContract("NoReturnToken", [])) as unknown as NoReturnToken;
  return { ...w, nr };
}

/** Name of the custom error in a re-entered call's recorded revert data. */
function errorName(program: IGrantProgram, data: string): string | undefined {
  return program.interface.parseError(data)?.name;
}

describe("Security checklist: hostile tokens, donations and late funding", function () {
  describe("checklist #8: malicious token re-entering claim, withdraw or repay", function () {
    describe("re-entering claim from a claim's transfer", function () {
      it("#8 refuses the re-entered claim (ReentrancyGuardReentrantCall): one legitimate payment, nothing else moves", async function () {
        const w = await networkHelpers.loadFixture(deployReentrant);
        const { program, hostile, grantT } = w;
        await hostile.arm(program, program, program.interface.encodeFunctionData("claim", [grantT, [1]]));
        const before = await program.summary();
        await expect(
          hostile.execute(program, program.interface.encodeFunctionData("claim", [grantT, [0]])),
        ).to.changeTokenBalances(
          ethers,
          hostile,
          [hostile, program, w.actors.treasury],
          [yuan("600,000"), -yuan("600,000"), 0n],
        );
        expect(await hostile.attempts()).to.equal(1n);
        expect(await hostile.lastReverted()).to.equal(true);
        expect(errorName(program, await hostile.lastRevertData())).to.equal("ReentrancyGuardReentrantCall");
        const after = await program.summary();
        expect(after.paid).to.equal(before.paid + yuan("600,000"));
        expect(after.reserved).to.equal(before.reserved - yuan("600,000"));
        expect(after.available).to.equal(before.available);
        expect(await program.milestoneState(grantT, 1)).to.equal(MilestoneState.Payable);
      });
    });

    describe("re-entering withdraw from a withdrawal's transfer", function () {
      it("#8 refuses the re-entered withdrawal (ReentrancyGuardReentrantCall): the treasury receives the one withdrawal only", async function () {
        const w = await networkHelpers.loadFixture(deployReentrant);
        const { program, hostile } = w;
        // The token holds the treasurer role, so outside the guard the nested withdrawal would be legitimate.
        await program.connect(w.actors.admin).grantRole(await program.TREASURER_ROLE(), hostile);
        await hostile.arm(program, program, program.interface.encodeFunctionData("withdraw", [yuan("1,000")]));
        const before = await program.summary();
        await expect(
          hostile.execute(program, program.interface.encodeFunctionData("withdraw", [yuan("500")])),
        ).to.changeTokenBalances(ethers, hostile, [w.actors.treasury, program], [yuan("500"), -yuan("500")]);
        expect(await hostile.lastReverted()).to.equal(true);
        expect(errorName(program, await hostile.lastRevertData())).to.equal("ReentrancyGuardReentrantCall");
        const after = await program.summary();
        expect(after.withdrawn).to.equal(before.withdrawn + yuan("500"));
        expect(after.available).to.equal(before.available - yuan("500"));
      });
    });

    describe("re-entering repay from a repayment's transfer", function () {
      it("#8 refuses the re-entered repayment (ReentrancyGuardReentrantCall): one repayment is credited, once", async function () {
        const w = await networkHelpers.loadFixture(deployReentrant);
        const { program, hostile } = w;
        await program.connect(w.actors.companyA).claim(w.grantA, [0]);
        await program.orderRecovery(w.grantA, yuan("1,000,000"), EVIDENCE);
        // The token pays the debt from its own balance, so the nested repayment would be legitimate too.
        await hostile.mint(hostile, yuan("1,000,000"));
        await hostile.execute(
          hostile,
          hostile.interface.encodeFunctionData("approve", [await program.getAddress(), yuan("1,000,000")]),
        );
        await hostile.arm(program, hostile, program.interface.encodeFunctionData("repay", [w.grantA, yuan("300,000")]));
        const before = await program.summary();
        await expect(
          hostile.execute(program, program.interface.encodeFunctionData("repay", [w.grantA, yuan("400,000")])),
        ).to.changeTokenBalances(ethers, hostile, [hostile, program], [-yuan("400,000"), yuan("400,000")]);
        expect(await hostile.attempts()).to.equal(1n);
        expect(errorName(program, await hostile.lastRevertData())).to.equal("ReentrancyGuardReentrantCall");
        const after = await program.summary();
        expect(after.repaid).to.equal(before.repaid + yuan("400,000"));
        expect(after.recoveryOutstanding).to.equal(yuan("600,000"));
        expect((await program.grant(w.grantA)).recoveryOwed).to.equal(yuan("600,000"));
      });
    });
  });

  describe("checklist #9: fee-on-transfer, no-return-value, false-returning, 2/6/18 decimals, near-uint128 tokens", function () {
    describe("a fee-on-transfer token", function () {
      it("#9 refuses funding that delivers 1% less (TransferAmountMismatch) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const fee = (await ethers.deployContract("FeeOnTransferToken", [])) as unknown as FeeOnTransferToken;
        const { program } = await programOn(ethers, w, fee, [categoryDef("lab", "fixed", yuan("1,000,000"), 2)], 0n);
        const amount = yuan("1,000,000");
        await fee.mint(w.actors.treasurer, amount);
        await fee.connect(w.actors.treasurer).approve(program, amount);
        const watch: Watch = {
          programs: [program],
          token: fee,
          accounts: [program, w.actors.treasurer, w.actors.treasury],
        };
        await expectNothingMoved(watch, async () => {
          await expect(program.connect(w.actors.treasurer).fund(amount))
            .to.be.revertedWithCustomError(program, "GrantProgram_TransferAmountMismatch")
            .withArgs(amount, amount - amount / 100n);
        });
      });
    });

    describe("a token whose transfer and transferFrom return nothing (USDT-style)", function () {
      it("#9 works end to end through SafeERC20: fund, award, claim and withdraw move exact amounts", async function () {
        const w = await networkHelpers.loadFixture(deployNoReturn);
        const { nr } = w;
        const a = w.actors;
        const budget = yuan("3,000,000");
        const { program, categoryIds } = await programOn(
          ethers,
          w,
          nr,
          [categoryDef("lab", "fixed", yuan("1,000,000"), 2)],
          0n,
        );
        await nr.mint(a.treasurer, budget);
        await nr.connect(a.treasurer).approve(program, budget);
        await expect(program.connect(a.treasurer).fund(budget)).to.changeTokenBalances(
          ethers,
          nr,
          [a.treasurer, program],
          [-budget, budget],
        );
        const t = await now(networkHelpers);
        await program.award(w.ids.a, categoryIds.get("lab")!, 0, terms(t, [["1,000,000", 90]]));
        const grantId = await program.grantCount();
        await submitAndApprove(program, a.companyA, a.reviewers, grantId, 0, EVIDENCE, APPROVAL);
        await networkHelpers.time.increase(NOTICE);
        await expect(program.connect(a.companyA).claim(grantId, [0])).to.changeTokenBalances(
          ethers,
          nr,
          [a.companyA, program],
          [yuan("1,000,000"), -yuan("1,000,000")],
        );
        await expect(program.connect(a.treasurer).withdraw(yuan("2,000,000"))).to.changeTokenBalances(
          ethers,
          nr,
          [a.treasury, program],
          [yuan("2,000,000"), -yuan("2,000,000")],
        );
        const s = await program.summary();
        expect([s.funded, s.paid, s.withdrawn, s.reserved, s.available]).to.deep.equal([
          budget,
          yuan("1,000,000"),
          yuan("2,000,000"),
          0n,
          0n,
        ]);
      });

      it("#9 still refuses a withdrawal above the available budget on that token (InsufficientBudget) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployNoReturn);
        const { program } = await programOn(
          ethers,
          w,
          w.nr,
          [categoryDef("lab", "fixed", yuan("1,000,000"), 2)],
          yuan("1,000,000"),
        );
        const watch: Watch = {
          programs: [program],
          token: w.nr,
          accounts: [program, w.actors.treasury, w.actors.treasurer],
        };
        await expectNothingMoved(watch, async () => {
          await expect(program.connect(w.actors.treasurer).withdraw(yuan("1,000,000.01")))
            .to.be.revertedWithCustomError(program, "GrantProgram_InsufficientBudget")
            .withArgs(yuan("1,000,000.01"), yuan("1,000,000"));
        });
      });
    });

    describe("a token whose transfer returns false without moving tokens", function () {
      it("#9 refuses a claim (SafeERC20FailedOperation): the milestone stays Payable and nothing moves; it pays once the token works", async function () {
        const w = await networkHelpers.loadFixture(deployFalseReturn);
        await w.hostile.setFailing(true);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.program.connect(w.actors.companyA).claim(w.grantA, [0]))
            .to.be.revertedWithCustomError(w.program, "SafeERC20FailedOperation")
            .withArgs(await w.hostile.getAddress());
        });
        expect(await w.program.milestoneState(w.grantA, 0)).to.equal(MilestoneState.Payable);
        await w.hostile.setFailing(false);
        await expect(w.program.connect(w.actors.companyA).claim(w.grantA, [0])).to.changeTokenBalance(
          ethers,
          w.hostile,
          w.actors.companyA,
          yuan("1,000,000"),
        );
      });

      it("#9 refuses a withdrawal, a sweep and a funding (SafeERC20FailedOperation) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployFalseReturn);
        const treasurer = w.program.connect(w.actors.treasurer);
        await w.hostile.mint(w.program, yuan("10")); // a donation, so sweepSurplus has something to send
        await w.hostile.mint(w.actors.treasurer, yuan("1,000"));
        await w.hostile.connect(w.actors.treasurer).approve(w.program, yuan("1,000"));
        await w.hostile.setFailing(true);
        const token = await w.hostile.getAddress();
        await expectNothingMoved(w.watch, async () => {
          await expect(treasurer.withdraw(yuan("1,000")))
            .to.be.revertedWithCustomError(w.program, "SafeERC20FailedOperation")
            .withArgs(token);
          await expect(treasurer.sweepSurplus())
            .to.be.revertedWithCustomError(w.program, "SafeERC20FailedOperation")
            .withArgs(token);
          await expect(treasurer.fund(yuan("1,000")))
            .to.be.revertedWithCustomError(w.program, "SafeERC20FailedOperation")
            .withArgs(token);
        });
      });
    });

    for (const decimals of [2, 6, 18]) {
      describe(`a token with ${decimals} decimals`, function () {
        async function deployDecimals() {
          const w = await deployGuiyang();
          const dToken = (await ethers.deployContract("MockYuan", [
            `Yuan ${decimals}`,
            `CNY${decimals}`,
            decimals,
          ])) as unknown as MockYuan;
          // The cap is one smallest unit above a round million, so any rounding would show.
          const cap = parseYuan("1,000,000", decimals) + 1n;
          const { program, categoryIds } = await programOn(
            ethers,
            w,
            dToken,
            [categoryDef("lab", "capped", cap, decimals)],
            parseYuan("3,000,000", decimals),
          );
          return { ...w, dToken, program, lab: categoryIds.get("lab")!, cap };
        }

        it(`#9 (${decimals} decimals) refuses one smallest unit over the cap (AmountOverCap), moves no money, and pays the exact cap`, async function () {
          const w = await networkHelpers.loadFixture(deployDecimals);
          const a = w.actors;
          const t = await now(networkHelpers);
          const third = w.cap / 3n;
          const watch: Watch = {
            programs: [w.program],
            token: w.dToken,
            accounts: [w.program, a.companyA, a.treasury],
          };
          await expectNothingMoved(watch, async () => {
            await expect(w.program.award(w.ids.a, w.lab, 0, rawTerms(t, [third, w.cap - third + 1n])))
              .to.be.revertedWithCustomError(w.program, "GrantProgram_AmountOverCap")
              .withArgs(w.cap + 1n, w.cap);
          });
          await w.program.award(w.ids.a, w.lab, 0, rawTerms(t, [third, w.cap - third]));
          const grantId = await w.program.grantCount();
          await submitAndApprove(w.program, a.companyA, a.reviewers, grantId, 0, EVIDENCE, APPROVAL);
          await submitAndApprove(w.program, a.companyA, a.reviewers, grantId, 1, EVIDENCE, APPROVAL);
          await networkHelpers.time.increase(NOTICE);
          await expect(w.program.connect(a.companyA).claim(grantId, [0, 1])).to.changeTokenBalances(
            ethers,
            w.dToken,
            [a.companyA, w.program],
            [w.cap, -w.cap],
          );
          const s = await w.program.summary();
          expect(s.paid).to.equal(w.cap);
          expect(s.available).to.equal(parseYuan("3,000,000", decimals) - w.cap);
        });
      });
    }

    describe("a token with amounts near the uint128 limit (18 decimals)", function () {
      async function deployBig() {
        const w = await deployGuiyang();
        const big = (await ethers.deployContract("MockYuan", ["Big Yuan", "BIG", 18])) as unknown as MockYuan;
        const { program, categoryIds } = await programOn(
          ethers,
          w,
          big,
          [categoryDef("lab", "fixed", 2n ** 127n, 18)],
          0n,
        );
        await big.mint(w.actors.treasurer, 2n ** 129n);
        await big.connect(w.actors.treasurer).approve(program, 2n ** 129n);
        const watch: Watch = {
          programs: [program],
          token: big,
          accounts: [program, w.actors.treasurer, w.actors.treasury, w.actors.companyA],
        };
        return { ...w, big, program, lab: categoryIds.get("lab")!, watch };
      }

      it("#9 refuses funding of 2^128 units, beyond the uint128 ledger (TransferAmountMismatch) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployBig);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.program.connect(w.actors.treasurer).fund(2n ** 128n))
            .to.be.revertedWithCustomError(w.program, "GrantProgram_TransferAmountMismatch")
            .withArgs(2n ** 128n, 2n ** 128n - 1n);
        });
      });

      it("#9 refuses one unit of funding on top of 2^128 - 1 (TransferAmountMismatch) and moves no money; 2^127 awards and pays exactly", async function () {
        const w = await networkHelpers.loadFixture(deployBig);
        const treasurer = w.program.connect(w.actors.treasurer);
        await treasurer.fund(2n ** 128n - 1n);
        await expectNothingMoved(w.watch, async () => {
          await expect(treasurer.fund(1n))
            .to.be.revertedWithCustomError(w.program, "GrantProgram_TransferAmountMismatch")
            .withArgs(1n, 0n);
        });
        const t = await now(networkHelpers);
        await w.program.award(w.ids.a, w.lab, 0, rawTerms(t, [2n ** 126n, 2n ** 126n]));
        const grantId = await w.program.grantCount();
        await submitAndApprove(w.program, w.actors.companyA, w.actors.reviewers, grantId, 0, EVIDENCE, APPROVAL);
        await submitAndApprove(w.program, w.actors.companyA, w.actors.reviewers, grantId, 1, EVIDENCE, APPROVAL);
        await networkHelpers.time.increase(NOTICE);
        await expect(w.program.connect(w.actors.companyA).claim(grantId, [0, 1])).to.changeTokenBalances(
          ethers,
          w.big,
          [w.actors.companyA, w.program],
          [2n ** 127n, -(2n ** 127n)],
        );
        const s = await w.program.summary();
        expect(s.paid).to.equal(2n ** 127n);
        expect(s.available).to.equal(2n ** 128n - 1n - 2n ** 127n);
      });
    });
  });

  describe("checklist #10: token that blocklists the grantee or is paused", function () {
    describe("a token that blocklists the grantee", function () {
      it("#10 refuses the blocklisted grantee's claim (BlocklistToken_Blocked), moves no money and leaves the milestone Payable", async function () {
        const w = await networkHelpers.loadFixture(deployBlocklist);
        await w.hostile.setBlocked(w.actors.companyA, true);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.program.connect(w.actors.companyA).claim(w.grantA, [0]))
            .to.be.revertedWithCustomError(w.hostile, "BlocklistToken_Blocked")
            .withArgs(w.actors.companyA.address);
        });
        expect(await w.program.milestoneState(w.grantA, 0)).to.equal(MilestoneState.Payable);
      });

      it("#10 lets another grantee claim, the treasurer withdraw and another program pay while one grantee is blocklisted", async function () {
        const w = await networkHelpers.loadFixture(deployBlocklist);
        const a = w.actors;
        await w.hostile.setBlocked(a.companyA, true);
        await expect(w.program.connect(a.companyB).claim(w.grantB, [0])).to.changeTokenBalance(
          ethers,
          w.hostile,
          a.companyB,
          yuan("1,000,000"),
        );
        await expect(w.program.connect(a.treasurer).withdraw(yuan("1,000"))).to.changeTokenBalance(
          ethers,
          w.hostile,
          a.treasury,
          yuan("1,000"),
        );
        // Company A's grant on the seed's HTZ programme (demo yuan) is unaffected.
        const t = await now(networkHelpers);
        const provincial = w.htzCategories.get("rd-platform-provincial")!;
        await w.htz.award(w.ids.a, provincial, 0, terms(t, [["1,000,000", 90]]));
        const htzGrant = await w.htz.grantCount();
        await submitAndApprove(w.htz, a.companyA, a.reviewers, htzGrant, 0, EVIDENCE, APPROVAL);
        await networkHelpers.time.increase(NOTICE);
        await expect(w.htz.connect(a.companyA).claim(htzGrant, [0])).to.changeTokenBalance(
          ethers,
          w.token,
          a.companyA,
          yuan("1,000,000"),
        );
      });

      it("#10 pays the grantee exactly once when the claim is retried after it left the blocklist", async function () {
        const w = await networkHelpers.loadFixture(deployBlocklist);
        await w.hostile.setBlocked(w.actors.companyA, true);
        await expect(w.program.connect(w.actors.companyA).claim(w.grantA, [0])).to.be.revertedWithCustomError(
          w.hostile,
          "BlocklistToken_Blocked",
        );
        await w.hostile.setBlocked(w.actors.companyA, false);
        await expect(w.program.connect(w.actors.companyA).claim(w.grantA, [0])).to.changeTokenBalances(
          ethers,
          w.hostile,
          [w.actors.companyA, w.program],
          [yuan("1,000,000"), -yuan("1,000,000")],
        );
        expect((await w.program.summary()).paid).to.equal(yuan("1,000,000"));
      });
    });

    describe("a paused token", function () {
      it("#10 refuses every claim while the token is paused (EnforcedPause), moves no money, and pays after it resumes", async function () {
        const w = await networkHelpers.loadFixture(deployPausable);
        await w.hostile.pause();
        await expectNothingMoved(w.watch, async () => {
          for (const [who, grantId] of [
            [w.actors.companyA, w.grantA],
            [w.actors.companyB, w.grantB],
          ] as const) {
            await expect(w.program.connect(who).claim(grantId, [0])).to.be.revertedWithCustomError(
              w.hostile,
              "EnforcedPause",
            );
          }
        });
        expect(await w.program.milestoneState(w.grantA, 0)).to.equal(MilestoneState.Payable);
        await w.hostile.unpause();
        await expect(w.program.connect(w.actors.companyA).claim(w.grantA, [0])).to.changeTokenBalance(
          ethers,
          w.hostile,
          w.actors.companyA,
          yuan("1,000,000"),
        );
      });

      it("#10 keeps non-transfer work (award, evidence, votes) and other programs going while the token is paused", async function () {
        const w = await networkHelpers.loadFixture(deployPausable);
        const a = w.actors;
        await w.hostile.pause();
        const t = await now(networkHelpers);
        await w.program.award(w.ids.c, 1n, 0, terms(t, [["1,000,000", 90]]));
        const grantC = await w.program.grantCount();
        await submitAndApprove(w.program, a.companyC, a.reviewers, grantC, 0, EVIDENCE, APPROVAL);
        expect(await w.program.milestoneState(grantC, 0)).to.equal(MilestoneState.InNotice);
        const provincial = w.htzCategories.get("rd-platform-provincial")!;
        await w.htz.award(w.ids.a, provincial, 0, terms(t, [["1,000,000", 90]]));
        const htzGrant = await w.htz.grantCount();
        await submitAndApprove(w.htz, a.companyA, a.reviewers, htzGrant, 0, EVIDENCE, APPROVAL);
        await networkHelpers.time.increase(NOTICE);
        await expect(w.htz.connect(a.companyA).claim(htzGrant, [0])).to.changeTokenBalance(
          ethers,
          w.token,
          a.companyA,
          yuan("1,000,000"),
        );
      });
    });
  });

  describe("checklist #13: tokens sent directly to a program (donations)", function () {
    async function deployDonated() {
      const w = await deployGuiyang();
      const gift = yuan("12,345.67");
      const before = await w.htz.summary();
      await w.token.mint(w.actors.stranger, gift);
      await w.token.connect(w.actors.stranger).transfer(w.htz, gift);
      return { ...w, gift, before };
    }

    it("#13 a donation changes no accounting: funded, available and reserved stay, only surplus grows", async function () {
      const w = await networkHelpers.loadFixture(deployDonated);
      const after = await w.htz.summary();
      expect(after.funded).to.equal(w.before.funded);
      expect(after.available).to.equal(w.before.available);
      expect(after.reserved).to.equal(w.before.reserved);
      expect(after.surplus).to.equal(w.before.surplus + w.gift);
    });

    it("#13 refuses to withdraw the donation through withdraw (InsufficientBudget) and moves no money", async function () {
      const w = await networkHelpers.loadFixture(deployDonated);
      const available = (await w.htz.summary()).available;
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.connect(w.actors.treasurer).withdraw(available + 1n))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InsufficientBudget")
          .withArgs(available + 1n, available);
      });
    });

    it("#13 refuses a sweep by anyone but the treasurer (AccessControlUnauthorizedAccount) and moves no money", async function () {
      const w = await networkHelpers.loadFixture(deployDonated);
      const role = await w.htz.TREASURER_ROLE();
      const a = w.actors;
      await expectNothingMoved(guiyangWatch(w), async () => {
        for (const who of [a.stranger, a.admin, a.manager, a.treasury]) {
          await expect(w.htz.connect(who).sweepSurplus())
            .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
            .withArgs(who.address, role);
        }
      });
    });

    it("#13 sweeps exactly the donation to the treasury only when the treasurer asks, then refuses a second sweep (NoSurplus)", async function () {
      const w = await networkHelpers.loadFixture(deployDonated);
      await expect(w.htz.connect(w.actors.treasurer).sweepSurplus()).to.changeTokenBalances(
        ethers,
        w.token,
        [w.actors.treasury, w.htz, w.actors.treasurer],
        [w.gift, -w.gift, 0n],
      );
      const after = await w.htz.summary();
      expect(after.funded).to.equal(w.before.funded);
      expect(after.available).to.equal(w.before.available);
      expect(after.surplus).to.equal(0n);
      await expectNothingMoved(guiyangWatch(w), async () => {
        await expect(w.htz.connect(w.actors.treasurer).sweepSurplus()).to.be.revertedWithCustomError(
          w.htz,
          "GrantProgram_NoSurplus",
        );
      });
    });
  });

  describe("checklist #14: funding added after approvals", function () {
    async function deployToppedUp() {
      const w = await deployInNotice();
      const milestoneBefore = await w.htz.milestone(w.grantId, 0);
      const grantBefore = await w.htz.grant(w.grantId);
      const top = yuan("7,000,000");
      await w.token.mint(w.actors.treasurer, top);
      await w.token.connect(w.actors.treasurer).approve(w.htz, top);
      await w.htz.connect(w.actors.treasurer).fund(top);
      return { ...w, milestoneBefore, grantBefore, top };
    }

    it("#14 a top-up after approval changes no milestone amount, notice end, terms or reserve", async function () {
      const w = await networkHelpers.loadFixture(deployToppedUp);
      expect(await w.htz.milestone(w.grantId, 0)).to.deep.equal(w.milestoneBefore);
      expect(await w.htz.grant(w.grantId)).to.deep.equal(w.grantBefore);
      const s = await w.htz.summary();
      expect(s.reserved).to.equal(yuan("5,000,000"));
      expect(s.available).to.equal(yuan("20,000,000") + w.top - yuan("5,000,000"));
    });

    it("#14 still refuses the claim during the notice window after a top-up (WrongMilestoneState(InNotice)) and moves no money", async function () {
      const w = await networkHelpers.loadFixture(deployToppedUp);
      await expectNothingMoved(w.watch, async () => {
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0]))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
          .withArgs(w.grantId, 0, MilestoneState.InNotice, ACCEPTS.claim);
      });
    });

    it("#14 refuses to withdraw the approved reserve after a top-up (InsufficientBudget), moves no money, and pays exactly the approved 3,000,000", async function () {
      const w = await networkHelpers.loadFixture(deployToppedUp);
      const available = (await w.htz.summary()).available;
      await expectNothingMoved(w.watch, async () => {
        await expect(w.htz.connect(w.actors.treasurer).withdraw(available + 1n))
          .to.be.revertedWithCustomError(w.htz, "GrantProgram_InsufficientBudget")
          .withArgs(available + 1n, available);
      });
      await networkHelpers.time.increaseTo(w.noticeEndsAt);
      await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0])).to.changeTokenBalances(
        ethers,
        w.token,
        [w.actors.companyA, w.htz],
        [yuan("3,000,000"), -yuan("3,000,000")],
      );
    });
  });
});
