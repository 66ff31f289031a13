/**
 * Security checklist (/work/shared/security-checklist.md), items 1-7: bad inputs at set-up, award,
 * review, claim and objection time. Every refusal shows the named custom error and that no token
 * balance moved and no program summary changed. Items 8-17 are in the sibling files.
 */
import { expect } from "chai";
import { network } from "hardhat";

import type { MockYuan } from "../../typechain-types/index.js";
import { DAY } from "../../scripts/lib/suite.js";
import { AwardMode, MilestoneState } from "../../core/enums.js";
import { companyId, textHash } from "../../core/ids.js";
import {
  terms,
  WALLET_DELAY,
  yuan,
  ZERO_HASH,
  type GuiyangWorld,
  ACCEPTS,
  validInitParams,
  type InitParams,
  introduced,
} from "../utils/fixtures.js";
import {
  APPROVAL,
  EVIDENCE,
  OBJECTION,
  REASON,
  RULING,
  categoryDef,
  expectNothingMoved,
  guiyangWatch,
  milestonesOf,
  now,
  programOn,
  rawTerms,
  securityFixtures,
  termsHashOf,
  type Watch,
} from "./helpers.js";
import { submitAndApprove } from "../../scripts/lib/scenario.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployGuiyang, deployAwarded, deploySubmitted, deployInNotice, deployPayable } = securityFixtures(connection);

const ZERO_ADDRESS = ethers.ZeroAddress;

/** Valid initialisation parameters for a new program with the fixture's role holders. */

/** The seed's programs and balances, plus the factory's program list. */
function factoryWatch(w: GuiyangWorld): Watch {
  return guiyangWatch(w, async () => ({
    programs: await w.core.factory.programCount(),
    latest: await w.core.factory.latestVersion(),
  }));
}

async function createWith(w: GuiyangWorld, params: InitParams, token?: string, registry?: string, treasury?: string) {
  return w.core.factory.createProgram(
    w.core.version,
    "Refused programme",
    token ?? (await w.token.getAddress()),
    registry ?? (await w.registry.getAddress()),
    treasury ?? w.actors.treasury.address,
    params,
  );
}

/** A capped category on HTZ added by the admin; returns its id. */
async function addCategory(
  w: GuiyangWorld,
  mode: number,
  amount: bigint,
  maxAwards = 0,
  maxTotal = 0n,
): Promise<bigint> {
  const params = {
    mode,
    amount,
    maxAwards,
    maxTotal,
    exclusivityGroup: ZERO_HASH,
    descriptionHash: textHash("security category"),
    tierGroup: 0,
    tier: 0,
    supervisionPeriod: 0,
    attestationInterval: 0,
    eligibilityWindow: 0,
  };
  const admin = w.htz.connect(w.actors.admin);
  const id = await admin.addCategory.staticCall(params);
  await admin.addCategory(params);
  return id;
}

/** Company A holds two HTZ grants; it is paid on the first, then recovery is ordered and A is barred. */
async function deployBarred() {
  const w = await deployPayable();
  const breakthrough = w.htzCategories.get("technical-breakthrough")!;
  const t = await now(networkHelpers);
  await w.htz.award(w.ids.a, breakthrough, 0, terms(t, [["1,000,000", 60]]));
  const second = await w.htz.grantCount();
  const { noticeEndsAt: noticeEnds } = await submitAndApprove(
    w.htz,
    w.actors.companyA,
    w.actors.reviewers,
    second,
    0,
    EVIDENCE,
    APPROVAL,
  );
  await networkHelpers.time.increaseTo(noticeEnds);
  await w.htz.connect(w.actors.companyA).claim(w.grantId, [0]);
  await w.htz.orderRecovery(w.grantId, yuan("1,000,000"), REASON);
  return { ...w, second, watch: guiyangWatch(w, milestonesOf(w.htz, second, 1)) };
}

describe("Security checklist: bad inputs at set-up, award, review, claim and objection", function () {
  describe("checklist #1: zero address for token, treasury, reviewer, grantee wallet, registry", function () {
    describe("when a program is created", function () {
      it("#1 refuses a zero token (GrantProgramFactory_ZeroToken) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = await validInitParams(w);
        await expectNothingMoved(factoryWatch(w), async () => {
          await expect(createWith(w, params, ZERO_ADDRESS)).to.be.revertedWithCustomError(
            w.core.factory,
            "GrantProgramFactory_ZeroToken",
          );
        });
      });

      it("#1 refuses a zero treasury (GrantProgramFactory_ZeroTreasury) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = await validInitParams(w);
        await expectNothingMoved(factoryWatch(w), async () => {
          await expect(createWith(w, params, undefined, undefined, ZERO_ADDRESS)).to.be.revertedWithCustomError(
            w.core.factory,
            "GrantProgramFactory_ZeroTreasury",
          );
        });
      });

      it("#1 refuses a zero registry (GrantProgramFactory_ZeroRegistry) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = await validInitParams(w);
        await expectNothingMoved(factoryWatch(w), async () => {
          await expect(createWith(w, params, undefined, ZERO_ADDRESS)).to.be.revertedWithCustomError(
            w.core.factory,
            "GrantProgramFactory_ZeroRegistry",
          );
        });
      });

      it("#1 refuses a zero reviewer in the initial committee (GrantProgram_ZeroReviewer) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        const params = { ...base, reviewers: [...base.reviewers, ZERO_ADDRESS] };
        await expectNothingMoved(factoryWatch(w), async () => {
          await expect(createWith(w, params)).to.be.revertedWithCustomError(w.htz, "GrantProgram_ZeroReviewer");
        });
      });

      it("#1 refuses a zero admin, treasurer, guardian or manager (GrantProgram_ZeroAdmin, _ZeroTreasurer, _ZeroGuardian, _ZeroManager) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        const ZERO_ROLE_ERRORS: Record<string, string> = {
          admin: "GrantProgram_ZeroAdmin",
          treasurer: "GrantProgram_ZeroTreasurer",
          guardian: "GrantProgram_ZeroGuardian",
          manager: "GrantProgram_ZeroManager",
        };
        const cases: Array<[string, InitParams]> = [
          ["admin", { ...base, admin: ZERO_ADDRESS }],
          ["treasurer", { ...base, treasurer: ZERO_ADDRESS }],
          ["guardian", { ...base, guardian: ZERO_ADDRESS }],
          ["manager", { ...base, managers: [ZERO_ADDRESS] }],
        ];
        await expectNothingMoved(factoryWatch(w), async () => {
          for (const [what, params] of cases) {
            await expect(createWith(w, params)).to.be.revertedWithCustomError(w.htz, ZERO_ROLE_ERRORS[what]);
          }
        });
      });

      it("#1 refuses an extension bound to a zero factory (GrantProgram_ZeroFactory) and an implementation without its extension (GrantProgram_ZeroExtension)", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const extension = await ethers.getContractFactory("GrantProgramExtension");
        const implementation = await ethers.getContractFactory("GrantProgram");
        await expectNothingMoved(factoryWatch(w), async () => {
          await expect(extension.deploy(ZERO_ADDRESS)).to.be.revertedWithCustomError(
            extension,
            "GrantProgram_ZeroFactory",
          );
          await expect(implementation.deploy(ZERO_ADDRESS)).to.be.revertedWithCustomError(
            implementation,
            "GrantProgram_ZeroExtension",
          );
        });
      });
    });

    describe("when a running program adds a reviewer", function () {
      it("#1 refuses the zero address as reviewer (GrantProgram_ZeroReviewer) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await expectNothingMoved(
          guiyangWatch(w, async () => w.htz.settings()),
          async () => {
            await expect(w.htz.connect(w.actors.admin).addReviewer(ZERO_ADDRESS)).to.be.revertedWithCustomError(
              w.htz,
              "GrantProgram_ZeroReviewer",
            );
          },
        );
      });
    });

    describe("when a grantee wallet is registered or rotated", function () {
      it("#1 refuses to register an entity with a zero payout wallet (EntityRegistry_ZeroWallet) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await expectNothingMoved(
          guiyangWatch(w, async () => w.registry.entityCount()),
          async () => {
            await expect(
              w.registry.connect(w.actors.registrar).registerEntity(companyId("ZERO-WALLET"), 1, ZERO_ADDRESS),
            ).to.be.revertedWithCustomError(w.registry, "EntityRegistry_ZeroWallet");
          },
        );
      });

      it("#1 refuses to rotate a grantee's payout wallet to zero (EntityRegistry_ZeroWallet) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        await expectNothingMoved(
          guiyangWatch(w, async () => [
            await w.registry.entity(w.nos.a),
            await w.registry.pendingWalletChange(w.nos.a),
          ]),
          async () => {
            await expect(
              w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, ZERO_ADDRESS),
            ).to.be.revertedWithCustomError(w.registry, "EntityRegistry_ZeroWallet");
          },
        );
      });

      it("#1 refuses a registry with a zero admin (EntityRegistry_ZeroAdmin)", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const EntityRegistry = await ethers.getContractFactory("EntityRegistry");
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(EntityRegistry.deploy(ZERO_ADDRESS, WALLET_DELAY)).to.be.revertedWithCustomError(
            w.registry,
            "EntityRegistry_ZeroAdmin",
          );
        });
      });
    });
  });

  describe("checklist #2: zero award, bad milestones, amounts that do not add up, over cap, bad deadlines", function () {
    describe("when the award amount is zero", function () {
      it("#2 refuses a milestone of zero (ZeroMilestoneAmount) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const product = w.htzCategories.get("application-product")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.htz.award(w.ids.a, product, 0, rawTerms(t, [0n])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_ZeroMilestoneAmount")
            .withArgs(0);
          await expect(w.htz.award(w.ids.a, product, 0, rawTerms(t, [yuan("500,000"), 0n])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_ZeroMilestoneAmount")
            .withArgs(1);
        });
      });

      it("#2 refuses a category whose award amount is zero (InvalidCategory) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(addCategory(w, AwardMode.Capped, 0n)).to.be.revertedWithCustomError(
            w.htz,
            "GrantProgram_ZeroCategoryAmount",
          );
        });
      });
    });

    describe("when the number of milestones is wrong", function () {
      it("#2 refuses an empty milestone list (InvalidMilestoneCount) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const product = w.htzCategories.get("application-product")!;
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.htz.award(w.ids.a, product, 0, []))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidMilestoneCount")
            .withArgs(0, 16);
        });
      });

      it("#2 refuses 17 milestones, one more than the limit (InvalidMilestoneCount) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const product = w.htzCategories.get("application-product")!;
        const t = await now(networkHelpers);
        const seventeen = rawTerms(
          t,
          Array.from({ length: 17 }, () => yuan("50,000")),
        );
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.htz.award(w.ids.a, product, 0, seventeen))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidMilestoneCount")
            .withArgs(17, 16);
        });
      });
    });

    describe("when the amounts do not add up", function () {
      it("#2 refuses fixed-category milestones one fen short of or over the fixed amount (AmountNotFixedAmount) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const lab = w.htzCategories.get("rd-platform-national")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(guiyangWatch(w), async () => {
          for (const second of ["1,999,999.99", "2,000,000.01"]) {
            await expect(
              w.htz.award(
                w.ids.a,
                lab,
                0,
                terms(t, [
                  ["3,000,000", 90],
                  [second, 180],
                ]),
              ),
            )
              .to.be.revertedWithCustomError(w.htz, "GrantProgram_AmountNotFixedAmount")
              .withArgs(yuan("3,000,000") + yuan(second), yuan("5,000,000"));
          }
        });
      });
    });

    describe("when the amount is over the category cap", function () {
      it("#2 refuses a capped award one fen over its 2,000,000 cap (AmountOverCap) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const breakthrough = w.htzCategories.get("technical-breakthrough")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(
            w.htz.award(
              w.ids.a,
              breakthrough,
              0,
              terms(t, [
                ["1,000,000", 60],
                ["1,000,000.01", 120],
              ]),
            ),
          )
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_AmountOverCap")
            .withArgs(yuan("2,000,000.01"), yuan("2,000,000"));
        });
      });

      describe("with milestone amounts whose uint128 sum overflows (18-decimal token, cap 2^128 - 1)", function () {
        async function deployHugeCap() {
          const w = await deployGuiyang();
          const big = (await ethers.deployContract("MockYuan", ["Huge Yuan", "HUGE", 18])) as unknown as MockYuan;
          const cap = 2n ** 128n - 1n;
          const { program, categoryIds } = await programOn(
            ethers,
            w,
            big,
            [categoryDef("huge", "capped", cap, 18)],
            2n ** 127n,
          );
          return { ...w, big, program, huge: categoryIds.get("huge")!, cap };
        }

        it("#2 refuses 2^128 - 1 plus 2 units, which would wrap to 1 in uint128 (AmountOverCap with the true sum) and moves no money", async function () {
          const w = await networkHelpers.loadFixture(deployHugeCap);
          const t = await now(networkHelpers);
          const amounts = [w.cap, 2n];
          const trueSum = w.cap + 2n;
          expect(BigInt.asUintN(128, trueSum)).to.equal(1n); // what a truncating sum would accept
          const watch: Watch = {
            programs: [w.program],
            token: w.big,
            accounts: [w.program, w.actors.companyA, w.actors.treasury, w.actors.treasurer],
            extra: async () => [await w.program.category(w.huge), await w.registry.awardHolder(w.nos.a, ZERO_HASH)],
          };
          await expectNothingMoved(watch, async () => {
            await expect(w.program.award(w.ids.a, w.huge, 0, rawTerms(t, amounts)))
              .to.be.revertedWithCustomError(w.program, "GrantProgram_AmountOverCap")
              .withArgs(trueSum, w.cap);
            await expect(w.program.award(w.ids.a, w.huge, 0, rawTerms(t, [2n ** 127n, 2n ** 127n, 1n])))
              .to.be.revertedWithCustomError(w.program, "GrantProgram_AmountOverCap")
              .withArgs(2n ** 128n + 1n, w.cap);
          });
          expect(await w.program.grantCount()).to.equal(0n);
        });
      });
    });

    describe("when the deadlines are wrong", function () {
      it("#2 refuses a deadline in the past or equal to now (InvalidDeadline) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const product = w.htzCategories.get("application-product")!;
        const at = (await now(networkHelpers)) + 10n;
        await expectNothingMoved(guiyangWatch(w), async () => {
          for (const deadline of [at - DAY, at]) {
            await networkHelpers.time.setNextBlockTimestamp(at);
            await expect(
              w.htz.award(w.ids.a, product, 0, [
                { amount: yuan("500,000"), deadline, descriptionHash: textHash("m1") },
              ]),
            )
              .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidDeadline")
              .withArgs(0, deadline);
          }
        });
      });

      it("#2 refuses deadlines out of order or equal to the previous one (InvalidDeadline) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const lab = w.htzCategories.get("rd-platform-national")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(guiyangWatch(w), async () => {
          for (const days of [60, 90]) {
            await expect(
              w.htz.award(
                w.ids.a,
                lab,
                0,
                terms(t, [
                  ["3,000,000", 90],
                  ["2,000,000", days],
                ]),
              ),
            )
              .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidDeadline")
              .withArgs(1, t + BigInt(days) * DAY);
          }
        });
      });

      it("#2 refuses a deadline that overflows uint40, while decoding the call (no reason), and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const product = w.htzCategories.get("application-product")!;
        const t = await now(networkHelpers);
        // Encode the call with a uint256 deadline of 2^40 (one past uint40): ethers would refuse it client-side.
        const selector = w.htz.interface.getFunction("award").selector;
        const body = ethers.AbiCoder.defaultAbiCoder().encode(
          ["bytes32", "uint16", "uint256", "tuple(uint128,uint256,bytes32)[]"],
          [w.ids.a, product, 0, [[yuan("500,000"), 2n ** 40n, textHash("m1")]]],
        );
        const data = ethers.concat([selector, body]);
        // The same call with a deadline that fits is accepted, so only the overflow is refused.
        const fits = ethers.concat([
          selector,
          ethers.AbiCoder.defaultAbiCoder().encode(
            ["bytes32", "uint16", "uint256", "tuple(uint128,uint256,bytes32)[]"],
            [w.ids.a, product, 0, [[yuan("500,000"), t + DAY, textHash("m1")]]],
          ),
        ]);
        await w.actors.manager.call({ to: w.htz, data: fits });
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.actors.manager.sendTransaction({ to: w.htz, data })).to.be.revertedWithoutReason(ethers);
        });
        expect(await w.htz.grantCount()).to.equal(0n);
      });
    });
  });

  describe("checklist #3: quorum 0, quorum above reviewers, duplicate reviewer, too many reviewers", function () {
    async function expectInitRefusal(
      w: GuiyangWorld,
      params: InitParams,
      error: string,
      args: ReadonlyArray<string | bigint | number>,
    ) {
      await expectNothingMoved(factoryWatch(w), async () => {
        await expect(createWith(w, params))
          .to.be.revertedWithCustomError(w.htz, error)
          .withArgs(...args);
      });
    }
    const settingsWatch = (w: GuiyangWorld) => guiyangWatch(w, async () => w.htz.settings());

    describe("when the quorum is zero", function () {
      it("#3 refuses a program created with quorum 0 (InvalidQuorum) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await expectInitRefusal(w, { ...(await validInitParams(w)), quorum: 0 }, "GrantProgram_InvalidQuorum", [0, 4]);
      });

      it("#3 refuses setQuorum(0) on a running program (InvalidQuorum) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await expectNothingMoved(settingsWatch(w), async () => {
          await expect(w.htz.connect(w.actors.admin).setQuorum(0))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidQuorum")
            .withArgs(0, 4);
        });
      });
    });

    describe("when the quorum is above the number of reviewers", function () {
      it("#3 refuses a program created with quorum 5 of 4 reviewers (InvalidQuorum) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await expectInitRefusal(w, { ...(await validInitParams(w)), quorum: 5 }, "GrantProgram_InvalidQuorum", [5, 4]);
      });

      it("#3 refuses setQuorum(5) and a removal that leaves fewer reviewers than the quorum (InvalidQuorum), moving no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const admin = w.htz.connect(w.actors.admin);
        await expectNothingMoved(settingsWatch(w), async () => {
          await expect(admin.setQuorum(5))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidQuorum")
            .withArgs(5, 4);
        });
        await admin.setQuorum(4);
        await expectNothingMoved(settingsWatch(w), async () => {
          await expect(admin.removeReviewer(w.actors.reviewers[3]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_InvalidQuorum")
            .withArgs(4, 3);
        });
      });
    });

    describe("when a reviewer is named twice", function () {
      it("#3 refuses a committee listing a reviewer twice (DuplicateReviewer) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const base = await validInitParams(w);
        await expectInitRefusal(
          w,
          { ...base, reviewers: [...base.reviewers, base.reviewers[0]] },
          "GrantProgram_DuplicateReviewer",
          [base.reviewers[0]],
        );
      });

      it("#3 refuses adding a current reviewer again (DuplicateReviewer) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const r2 = w.actors.reviewers[1];
        await expectNothingMoved(settingsWatch(w), async () => {
          await expect(w.htz.connect(w.actors.admin).addReviewer(r2))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_DuplicateReviewer")
            .withArgs(r2.address);
        });
      });
    });

    describe("when the bitmap has no slot left", function () {
      it("#3 refuses a committee of 17, one more than the 16-bit bitmap (TooManyReviewers) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const reviewers = Array.from({ length: 17 }, (_, i) =>
          ethers.getAddress(ethers.toBeHex(0x1000n + BigInt(i), 20)),
        );
        await expectInitRefusal(w, { ...(await validInitParams(w)), reviewers }, "GrantProgram_TooManyReviewers", [16]);
      });

      it("#3 refuses a 17th reviewer slot on a running program, even after a removal (TooManyReviewers) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const admin = w.htz.connect(w.actors.admin);
        for (let i = 0; i < 12; i++) {
          await admin.addReviewer(ethers.getAddress(ethers.toBeHex(0x2000n + BigInt(i), 20)));
        }
        await admin.removeReviewer(w.actors.reviewers[3]);
        const extra = ethers.getAddress(ethers.toBeHex(0x3000n, 20));
        await expectNothingMoved(settingsWatch(w), async () => {
          await expect(admin.addReviewer(extra))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_TooManyReviewers")
            .withArgs(16);
        });
      });
    });
  });

  describe("checklist #4: vote by a non-reviewer, twice, after cancel/lapse, removed or recused, on changed terms", function () {
    describe("by an account that is not a reviewer", function () {
      it("#4 refuses a vote by a stranger, the grantee and the manager (NotReviewer) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        const a = w.actors;
        await expectNothingMoved(w.watch, async () => {
          for (const who of [a.stranger, a.companyA, a.manager]) {
            await expect(w.htz.connect(who).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
              .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotReviewer")
              .withArgs(who.address);
          }
        });
      });
    });

    describe("a second time by the same reviewer", function () {
      it("#4 refuses a second vote in the same round, either way (AlreadyVoted) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        const r1 = w.actors.reviewers[0];
        await w.htz.connect(r1).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON);
        await expectNothingMoved(w.watch, async () => {
          for (const approve of [true, false]) {
            await expect(w.htz.connect(r1).vote(w.grantId, 0, w.termsHash, EVIDENCE, approve, REASON))
              .to.be.revertedWithCustomError(w.htz, "GrantProgram_AlreadyVoted")
              .withArgs(r1.address);
          }
        });
      });
    });

    describe("after the grant was cancelled", function () {
      it("#4 refuses a vote on a cancelled grant (GrantCancelled) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        await w.htz.cancelGrant(w.grantId, REASON);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_GrantCancelled")
            .withArgs(w.grantId);
        });
      });
    });

    describe("after the milestone lapsed", function () {
      it("#4 refuses a vote on a lapsed milestone (WrongMilestoneState(Lapsed)) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        await networkHelpers.time.increaseTo(w.deadlines[0] + 1n);
        await w.htz.connect(w.actors.stranger).lapse(w.grantId, 0);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
            .withArgs(w.grantId, 0, MilestoneState.Lapsed, ACCEPTS.vote);
        });
      });
    });

    describe("by a removed reviewer", function () {
      it("#4 refuses the removed reviewer's vote (NotReviewer) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        const r4 = w.actors.reviewers[3];
        await w.htz.connect(w.actors.admin).removeReviewer(r4);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(r4).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotReviewer")
            .withArgs(r4.address);
        });
      });
    });

    describe("by a recused reviewer", function () {
      it("#4 refuses the recused reviewer's vote (ReviewerRecused) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        const r2 = w.actors.reviewers[1];
        await w.htz.connect(r2).declareConflict(w.grantId);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(r2).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_ReviewerRecused")
            .withArgs(r2.address, w.grantId);
        });
      });
    });

    describe("on terms that are not the grant's", function () {
      it("#4 refuses a vote naming other terms, e.g. a 4,000,000 + 1,000,000 split (TermsMismatch) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        const m0 = await w.htz.milestone(w.grantId, 0);
        const m1 = await w.htz.milestone(w.grantId, 1);
        const changed = termsHashOf(
          (await ethers.provider.getNetwork()).chainId,
          await w.htz.getAddress(),
          w.grantId,
          w.nos.a,
          w.lab,
          [
            { amount: yuan("4,000,000"), deadline: m0.deadline, descriptionHash: textHash("milestone 1") },
            { amount: yuan("1,000,000"), deadline: m1.deadline, descriptionHash: textHash("milestone 2") },
          ],
        );
        // The helper reproduces the real hash for the real terms, so only the changed split differs.
        const real = termsHashOf(
          (await ethers.provider.getNetwork()).chainId,
          await w.htz.getAddress(),
          w.grantId,
          w.nos.a,
          w.lab,
          [
            { amount: m0.amount, deadline: m0.deadline, descriptionHash: textHash("milestone 1") },
            { amount: m1.amount, deadline: m1.deadline, descriptionHash: textHash("milestone 2") },
          ],
        );
        expect(real).to.equal(w.termsHash);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.reviewers[0]).vote(w.grantId, 0, changed, EVIDENCE, true, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_TermsMismatch")
            .withArgs(w.termsHash, changed);
        });
      });
    });
  });

  describe("checklist #5: claim too early, in notice, twice, for another's grant, by a third party, when barred", function () {
    describe("too early", function () {
      it("#5 refuses a claim of a pending or submitted milestone (WrongMilestoneState) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        const grantee = w.htz.connect(w.actors.companyA);
        await expectNothingMoved(w.watch, async () => {
          await expect(grantee.claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
            .withArgs(w.grantId, 0, MilestoneState.Submitted, ACCEPTS.claim);
          await expect(grantee.claim(w.grantId, [1]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
            .withArgs(w.grantId, 1, MilestoneState.Pending, ACCEPTS.claim);
        });
      });
    });

    describe("during the notice window", function () {
      it("#5 refuses a claim during the notice window (WrongMilestoneState(InNotice)) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployInNotice);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
            .withArgs(w.grantId, 0, MilestoneState.InNotice, ACCEPTS.claim);
        });
      });
    });

    describe("twice", function () {
      it("#5 refuses a second claim of a paid milestone (WrongMilestoneState(Paid)) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        await w.htz.connect(w.actors.companyA).claim(w.grantId, [0]);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
            .withArgs(w.grantId, 0, MilestoneState.Paid, ACCEPTS.claim);
        });
      });

      it("#5 refuses a milestone named twice in one claim (WrongMilestoneState(Paid)) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0, 0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
            .withArgs(w.grantId, 0, MilestoneState.Paid, ACCEPTS.claim);
        });
      });
    });

    describe("for another entity's grant", function () {
      it("#5 refuses company B claiming company A's payable milestone (NotGranteeWallet) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        const b = w.actors.companyB;
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(b).claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
            .withArgs(b.address, w.actors.companyA.address);
        });
      });
    });

    describe("by a third party", function () {
      it("#5 refuses a stranger, the admin, the manager and the treasurer claiming for the grantee (NotGranteeWallet): claim takes no destination, and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        const a = w.actors;
        // The claim function has no destination argument: only the registered wallet can ever be paid.
        expect(w.htz.interface.getFunction("claim").inputs.map((input) => input.name)).to.deep.equal([
          "grantId",
          "indexes",
        ]);
        await expectNothingMoved(w.watch, async () => {
          for (const who of [a.stranger, a.manager, a.treasurer, a.admin]) {
            await expect(w.htz.connect(who).claim(w.grantId, [0]))
              .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
              .withArgs(who.address, a.companyA.address);
          }
        });
      });
    });

    describe("after the entity was barred", function () {
      it("#5 refuses a barred entity's claim of a payable milestone (EntityRegistry_EntityBarred) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployBarred);
        expect(await w.htz.milestoneState(w.second, 0)).to.equal(MilestoneState.Payable);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.companyA).claim(w.second, [0]))
            .to.be.revertedWithCustomError(w.htz, "EntityRegistry_EntityBarred")
            .withArgs(w.nos.a, 1);
        });
      });
    });
  });

  describe("checklist #6: award to an unregistered or barred entity, twice in a category, outside the window, over budget or cap", function () {
    describe("to an unregistered entity", function () {
      it("#6 refuses an award to an unregistered entity id (EntityRegistry_UnknownEntity) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const unknown = companyId("NOT-REGISTERED");
        const lab = w.htzCategories.get("rd-platform-national")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.htz.award(unknown, lab, 0, terms(t, [["5,000,000", 90]])))
            .to.be.revertedWithCustomError(w.registry, "EntityRegistry_UnknownEntity")
            .withArgs(unknown);
        });
      });
    });

    describe("to a barred entity", function () {
      it("#6 refuses an award to an entity barred by a recovery order (EntityRegistry_EntityBarred) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployBarred);
        // Not a platform level: company A holds the national one, which would refuse the joint level anyway.
        const breakthrough = w.htzCategories.get("technical-breakthrough")!;
        const leading = w.cityCategories.get("leading-talent")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.award(w.ids.a, breakthrough, 0, terms(t, [["2,000,000", 90]])))
            .to.be.revertedWithCustomError(w.registry, "EntityRegistry_EntityBarred")
            .withArgs(w.nos.a, 1);
          await expect(w.city.awardWithOptions(w.ids.a, leading, 0, terms(t, [["1,000,000", 90]]), introduced(t)))
            .to.be.revertedWithCustomError(w.registry, "EntityRegistry_EntityBarred")
            .withArgs(w.nos.a, 1);
        });
      });
    });

    describe("a second time in the same category", function () {
      it("#6 refuses a second national-lab award to company A after it rotated to a new wallet (TierNotAbove: it holds that level of the platform group) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployAwarded);
        const newWallet = w.actors.spare[0];
        await w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, newWallet);
        await networkHelpers.time.increase(WALLET_DELAY);
        await w.registry.completeWalletChange(w.nos.a);
        expect((await w.registry.entity(w.nos.a)).wallet).to.equal(newWallet.address);
        const { awardKey } = await w.htz.category(w.lab);
        const t = await now(networkHelpers);
        const watch = { ...w.watch, accounts: [...w.watch.accounts, newWallet] };
        await expectNothingMoved(watch, async () => {
          await expect(w.htz.award(w.ids.a, w.lab, 0, terms(t, [["5,000,000", 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_TierNotAbove")
            .withArgs(w.nos.a, 1, 3, 3);
        });
        expect((await w.registry.awardHolder(w.nos.a, awardKey)).program).to.equal(await w.htz.getAddress());
      });
    });

    describe("outside the application window", function () {
      it("#6 refuses an award one second after the window closed (OutsideWindow) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const s = await w.htz.settings();
        const at = s.windowClosesAt + 1n;
        const lab = w.htzCategories.get("rd-platform-national")!;
        await expectNothingMoved(guiyangWatch(w), async () => {
          await networkHelpers.time.setNextBlockTimestamp(at);
          await expect(w.htz.award(w.ids.a, lab, 0, terms(at, [["5,000,000", 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_OutsideWindow")
            .withArgs(at, s.windowOpensAt, s.windowClosesAt);
        });
      });
    });

    describe("over the budget or the category's limits", function () {
      it("#6 refuses an award above the available budget (InsufficientBudget) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        await w.htz.connect(w.actors.treasurer).withdraw(yuan("16,000,000"));
        const lab = w.htzCategories.get("rd-platform-national")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.htz.award(w.ids.a, lab, 0, terms(t, [["5,000,000", 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_InsufficientBudget")
            .withArgs(yuan("5,000,000"), yuan("4,000,000"));
        });
      });

      it("#6 refuses an award over the category cap (AmountOverCap) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const product = w.htzCategories.get("application-product")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.htz.award(w.ids.a, product, 0, terms(t, [["1,000,000.01", 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_AmountOverCap")
            .withArgs(yuan("1,000,000.01"), yuan("1,000,000"));
        });
      });

      it("#6 refuses an award past the category's maxTotal or maxAwards (CategoryTotalExceeded, CategoryCountExhausted) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const byTotal = await addCategory(w, AwardMode.Capped, yuan("600,000"), 0, yuan("1,000,000"));
        const byCount = await addCategory(w, AwardMode.Capped, yuan("600,000"), 1, 0n);
        const t = await now(networkHelpers);
        await w.htz.award(w.ids.a, byTotal, 0, terms(t, [["600,000", 90]]));
        await w.htz.award(w.ids.a, byCount, 0, terms(t, [["100,000", 90]]));
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.htz.award(w.ids.b, byTotal, 0, terms(t, [["400,000.01", 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_CategoryTotalExceeded")
            .withArgs(byTotal, yuan("1,000,000.01"), yuan("1,000,000"));
          await expect(w.htz.award(w.ids.b, byCount, 0, terms(t, [["100,000", 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_CategoryCountExhausted")
            .withArgs(byCount, 1);
        });
      });
    });
  });

  describe("checklist #7: objection after the window, ruling by a non-authorised account, ruling twice", function () {
    describe("after the notice window", function () {
      it("#7 refuses an objection once the notice window is over (WrongMilestoneState(Payable)) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.stranger).object(w.grantId, 0, OBJECTION))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_WrongMilestoneState")
            .withArgs(w.grantId, 0, MilestoneState.Payable, ACCEPTS.object);
        });
      });
    });

    describe("ruled by an account without MANAGER_ROLE", function () {
      it("#7 refuses a ruling by the objector, the admin, a reviewer and the grantee (AccessControlUnauthorizedAccount) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployInNotice);
        const a = w.actors;
        await w.htz.connect(a.stranger).object(w.grantId, 0, OBJECTION);
        const managerRole = await w.htz.MANAGER_ROLE();
        await expectNothingMoved(w.watch, async () => {
          for (const who of [a.stranger, a.admin, a.reviewers[0], a.companyA, a.guardian]) {
            for (const uphold of [true, false]) {
              await expect(w.htz.connect(who).ruleOnObjection(w.grantId, 0, uphold, RULING))
                .to.be.revertedWithCustomError(w.htz, "AccessControlUnauthorizedAccount")
                .withArgs(who.address, managerRole);
            }
          }
        });
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Contested);
      });
    });

    describe("ruled twice", function () {
      it("#7 refuses a second ruling on the same objection, either way (NoOpenObjection) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployInNotice);
        await w.htz.connect(w.actors.stranger).object(w.grantId, 0, OBJECTION);
        await w.htz.ruleOnObjection(w.grantId, 0, false, RULING);
        await expectNothingMoved(w.watch, async () => {
          for (const uphold of [true, false]) {
            await expect(w.htz.ruleOnObjection(w.grantId, 0, uphold, RULING))
              .to.be.revertedWithCustomError(w.htz, "GrantProgram_NoOpenObjection")
              .withArgs(w.grantId, 0);
          }
        });
      });

      it("#7 refuses a ruling where no objection was filed (NoOpenObjection) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployInNotice);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.ruleOnObjection(w.grantId, 0, true, RULING))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NoOpenObjection")
            .withArgs(w.grantId, 0);
        });
      });
    });
  });
});
