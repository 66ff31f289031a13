/**
 * Security checklist (/work/shared/security-checklist.md), items 11, 12, 15, 16 and 17: clones,
 * EIP-712 signed votes, role abuse, wallet rotation and contract-wallet grantees. Every refusal shows
 * the named custom error and that no token balance moved and no program summary changed.
 */
import { expect } from "chai";
import { network } from "hardhat";
import { AbiCoder, getAddress, type ContractTransactionReceipt } from "ethers";

import type { IGrantProgram, MockMultisigWallet } from "../../typechain-types/index.js";
import { DAY } from "../../scripts/lib/suite.js";
import { MilestoneState } from "../../core/enums.js";
import { textHash } from "../../core/ids.js";
import { NOTICE, terms, WALLET_DELAY, yuan, ZERO_HASH, type GuiyangWorld, introduced } from "../utils/fixtures.js";
import {
  APPROVAL,
  EVIDENCE,
  EVIDENCE_1,
  GRANTEE_ROLE,
  REASON,
  REVIEWER_ROLE,
  domainOf,
  expectNothingMoved,
  guiyangWatch,
  highS,
  now,
  registerCompany,
  securityFixtures,
  signVote,
  type GrantWorld,
  type VoteMessage,
  type Watch,
} from "./helpers.js";
import { approveSubmitted } from "../../scripts/lib/scenario.js";
import { programAt } from "../../core/program-abi.js";
import { cloneCreationCode } from "../utils/clones.js";
import { NO_FISCAL_CALENDAR } from "../../core/fiscal.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { deployGuiyang, deploySubmitted, deployPayable } = securityFixtures(connection);

/* ------------------------------------------------------------------------------------------------
 * Item 11: clones.
 * ---------------------------------------------------------------------------------------------- */

/** Initialisation parameters an attacker would pass: every role to themselves, quorum 1, the shortest notice. */
async function attackerInitParams(w: GuiyangWorld) {
  const t = await now(networkHelpers);
  return {
    admin: w.actors.stranger.address,
    managers: [w.actors.stranger.address],
    reviewers: w.actors.reviewers.map((r) => r.address),
    treasurer: w.actors.stranger.address,
    guardian: w.actors.stranger.address,
    quorum: 1,
    noticePeriod: DAY,
    windowOpensAt: t,
    windowClosesAt: t + 365n * DAY,
    upheldObjectionOutcome: 0,
    programFileHash: textHash("attacker's program file"),
    policyTextHash: textHash("attacker's policy text"),
    fiscalCalendar: NO_FISCAL_CALENDAR,
  };
}

/** Roles, settings and budget of a program: what a hijacked initialisation would change. */
function programWatch(w: GuiyangWorld, program: IGrantProgram): Watch {
  return {
    ...guiyangWatch(w),
    programs: [program, w.htz, w.city],
    accounts: [program, w.htz, w.city, w.actors.treasury, w.actors.stranger],
    extra: async () => ({
      settings: await program.settings(),
      strangerAdmin: await program.hasRole(ZERO_HASH, w.actors.stranger.address),
      strangerTreasurer: await program.hasRole(await program.TREASURER_ROLE(), w.actors.stranger.address),
    }),
  };
}

/* ------------------------------------------------------------------------------------------------
 * Item 12: signed votes on company A's HTZ grant, both milestones submitted, and a city grant.
 * ---------------------------------------------------------------------------------------------- */

interface Ballot extends GrantWorld {
  chainId: bigint;
  sigDeadline: bigint;
  cityGrantId: bigint;
}

async function deployBallot(): Promise<Ballot> {
  const w = await deploySubmitted();
  await w.htz.connect(w.actors.companyA).submitEvidence(w.grantId, 1, EVIDENCE_1);
  const t = await now(networkHelpers);
  await w.city.awardWithOptions(
    w.ids.a,
    w.cityCategories.get("leading-talent")!,
    0,
    terms(t, [["1,000,000", 90]]),
    introduced(t),
  );
  const cityGrantId = await w.city.grantCount();
  await w.city.connect(w.actors.companyA).submitEvidence(cityGrantId, 0, EVIDENCE);
  const reviewers = w.actors.reviewers.map((r) => r.address);
  const watch: Watch = {
    ...w.watch,
    extra: async () => ({
      milestones: [await w.htz.milestone(w.grantId, 0), await w.htz.milestone(w.grantId, 1)],
      slots: await Promise.all([...reviewers, w.actors.stranger.address].map((r) => w.htz.reviewerSlot(r))),
      cityMilestone: await w.city.milestone(cityGrantId, 0),
    }),
  };
  return {
    ...w,
    watch,
    chainId: (await ethers.provider.getNetwork()).chainId,
    sigDeadline: t + DAY,
    cityGrantId,
  };
}

/** A decision on HTZ milestone `index` by `reviewer` for its current slot and the current round. */
async function message(b: Ballot, reviewer: string, index = 0, approve = true): Promise<VoteMessage> {
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
    deadline: b.sigDeadline,
  };
}

/* ------------------------------------------------------------------------------------------------
 * Item 17: a company whose payout wallet is a multisig contract.
 * ---------------------------------------------------------------------------------------------- */

async function deployMultisigGrantee() {
  const w = await deployGuiyang();
  const owner = w.actors.spare[0];
  const multisig = (await ethers.deployContract("MockMultisigWallet", [
    owner.address,
  ])) as unknown as MockMultisigWallet;
  const id = await registerCompany(w, "91520115MA6DK0009M", multisig);
  const lab = w.htzCategories.get("rd-platform-national")!;
  const t = await now(networkHelpers);
  await w.htz.award(id, lab, 0, terms(t, [["5,000,000", 90]]));
  const grantId = await w.htz.grantCount();
  await multisig
    .connect(owner)
    .execute(w.htz, w.htz.interface.encodeFunctionData("submitEvidence", [grantId, 0, EVIDENCE]));
  await approveSubmitted(w.htz, w.actors.reviewers, grantId, 0, EVIDENCE, APPROVAL);
  await networkHelpers.time.increase(NOTICE);
  const watch: Watch = {
    ...guiyangWatch(w, async () => w.htz.milestone(grantId, 0)),
    accounts: [...guiyangWatch(w).accounts, multisig, owner],
  };
  return { ...w, owner, multisig, grantId, watch };
}

describe("Security checklist: clones, signed votes, roles, wallet rotation and contract wallets", function () {
  describe("checklist #11: clones initialised twice, implementation initialised, initialisation front-run", function () {
    describe("initialising a running clone again", function () {
      it("#11 refuses a second initialize on a running program, from a stranger or the admin (InvalidInitialization) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const params = await attackerInitParams(w);
        await expectNothingMoved(programWatch(w, w.htz), async () => {
          for (const who of [w.actors.stranger, w.actors.admin]) {
            await expect(w.htz.connect(who).initialize(params)).to.be.revertedWithCustomError(
              w.htz,
              "InvalidInitialization",
            );
          }
        });
      });

      it("#11 refuses a second initialize even from the factory's own address (InvalidInitialization) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const factoryAddress = await w.core.factory.getAddress();
        await networkHelpers.impersonateAccount(factoryAddress);
        await networkHelpers.setBalance(factoryAddress, 10n ** 18n);
        const asFactory = await ethers.getSigner(factoryAddress);
        const params = await attackerInitParams(w);
        await expectNothingMoved(programWatch(w, w.htz), async () => {
          await expect(w.htz.connect(asFactory).initialize(params)).to.be.revertedWithCustomError(
            w.htz,
            "InvalidInitialization",
          );
        });
      });
    });

    describe("initialising the implementation", function () {
      it("#11 refuses initialize on the implementation (InvalidInitialization) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        // The implementation, seen through the whole program interface (initialize lives in its extension).
        const implementation = programAt(await w.core.implementation.getAddress(), w.actors.stranger);
        const params = await attackerInitParams(w);
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(implementation.connect(w.actors.stranger).initialize(params)).to.be.revertedWithCustomError(
            implementation,
            "InvalidInitialization",
          );
        });
        expect(await implementation.hasRole(ZERO_HASH, w.actors.stranger.address)).to.equal(false);
      });
    });

    describe("front-running the initialisation", function () {
      it("#11 creates and initialises a clone in one transaction, so a front-runner's initialize is refused (InvalidInitialization)", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { factory, implementation } = w.core;
        const params = { ...(await attackerInitParams(w)), admin: w.actors.admin.address };
        const args = [
          w.core.version,
          "One-transaction programme",
          await w.token.getAddress(),
          await w.registry.getAddress(),
          w.actors.treasury.address,
          params,
        ] as const;
        const address = await factory.createProgram.staticCall(...args);
        expect(await ethers.provider.getCode(address)).to.equal("0x");
        const tx = await factory.createProgram(...args);
        const receipt = (await tx.wait()) as ContractTransactionReceipt;
        // ProgramInitialized (from the clone) and ProgramCreated (from the factory) are in the same receipt.
        const fromClone = receipt.logs
          .filter((log) => log.address === address)
          .map((log) => implementation.interface.parseLog(log)?.name);
        expect(fromClone).to.include("ProgramInitialized");
        await expect(tx).to.emit(factory, "ProgramCreated");
        const program = programAt(address, (await ethers.getSigners())[0]);
        const attacker = { ...(await attackerInitParams(w)) };
        await expectNothingMoved(programWatch(w, program), async () => {
          await expect(program.connect(w.actors.stranger).initialize(attacker)).to.be.revertedWithCustomError(
            program,
            "InvalidInitialization",
          );
        });
        expect(await program.hasRole(ZERO_HASH, w.actors.admin.address)).to.equal(true);
      });

      it("#11 refuses initialize by anyone but the factory on a clone deployed outside it (NotFactory) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const { implementation } = w.core;
        const cloneArgs = AbiCoder.defaultAbiCoder().encode(
          ["address", "address", "address"],
          [await w.token.getAddress(), await w.registry.getAddress(), w.actors.stranger.address],
        );
        const tx = await w.actors.stranger.sendTransaction({
          data: cloneCreationCode(await implementation.getAddress(), cloneArgs),
        });
        const receipt = (await tx.wait()) as ContractTransactionReceipt;
        const clone = programAt(getAddress(receipt.contractAddress!), w.actors.stranger);
        const params = await attackerInitParams(w);
        await expectNothingMoved(programWatch(w, clone), async () => {
          await expect(clone.connect(w.actors.stranger).initialize(params))
            .to.be.revertedWithCustomError(clone, "GrantProgram_NotFactory")
            .withArgs(w.actors.stranger.address);
        });
      });
    });
  });

  describe("checklist #12: EIP-712 approvals replayed, reused, expired, malleable, duplicated, or not by a reviewer", function () {
    describe("replayed on another chain", function () {
      it("#12 refuses a vote signed for another chain id (InvalidSignature) and moves no money", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const r1 = b.actors.reviewers[0];
        const otherChain = { ...(await domainOf(b.htz, b.chainId)), chainId: b.chainId + 1n };
        const vote = await signVote(r1, otherChain, await message(b, r1.address));
        await expectNothingMoved(b.watch, async () => {
          await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
            .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
            .withArgs(r1.address);
        });
      });
    });

    describe("replayed on another program", function () {
      it("#12 refuses at HTZ a vote signed under the city programme's domain (InvalidSignature) and moves no money", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const r1 = b.actors.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.city, b.chainId), await message(b, r1.address));
        await expectNothingMoved(b.watch, async () => {
          await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
            .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
            .withArgs(r1.address);
        });
      });
    });

    describe("replayed on another milestone", function () {
      it("#12 refuses a milestone-0 signature submitted for milestone 1 (InvalidSignature) and moves no money", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const r1 = b.actors.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await message(b, r1.address, 0));
        await expectNothingMoved(b.watch, async () => {
          await expect(b.htz.submitSignedVotes(b.grantId, 1, b.termsHash, EVIDENCE_1, [vote]))
            .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
            .withArgs(r1.address);
        });
      });
    });

    describe("replayed after it was counted", function () {
      it("#12 never counts a signature twice: the replay is skipped (SignedVoteSkipped), no vote recorded, no money moved", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const r1 = b.actors.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await message(b, r1.address));
        await b.htz.connect(b.actors.stranger).submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]);
        await expectNothingMoved(b.watch, async () => {
          const replay = b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]);
          await expect(replay).to.emit(b.htz, "SignedVoteSkipped").withArgs(b.grantId, 0, r1.address);
          await expect(replay).not.to.emit(b.htz, "VoteCast");
        });
      });
    });

    describe("past its deadline", function () {
      it("#12 refuses a signature one second past its deadline (SignatureExpired) and moves no money", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const r1 = b.actors.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await message(b, r1.address));
        await expectNothingMoved(b.watch, async () => {
          await networkHelpers.time.setNextBlockTimestamp(b.sigDeadline + 1n);
          await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
            .to.be.revertedWithCustomError(b.htz, "GrantProgram_SignatureExpired")
            .withArgs(r1.address, b.sigDeadline);
        });
      });
    });

    describe("with a malleable high-s signature", function () {
      it("#12 refuses the (r, n - s, v') twin of a valid signature (InvalidSignature) and moves no money", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const r1 = b.actors.reviewers[0];
        const vote = await signVote(r1, await domainOf(b.htz, b.chainId), await message(b, r1.address));
        const twin = { ...vote, signature: highS(vote.signature) };
        expect(twin.signature).to.not.equal(vote.signature);
        await expectNothingMoved(b.watch, async () => {
          await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [twin]))
            .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
            .withArgs(r1.address);
        });
        await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote])).to.emit(b.htz, "VoteCast");
      });
    });

    describe("with a duplicate signer in a batch", function () {
      it("#12 counts one vote per reviewer and round: a duplicate or a contrary second signature is skipped (SignedVoteSkipped)", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const [r1, r2] = b.actors.reviewers;
        const domain = await domainOf(b.htz, b.chainId);
        const first = await signVote(r1, domain, await message(b, r1.address));
        const contrary = await signVote(r1, domain, await message(b, r1.address, 0, false));
        const other = await signVote(r2, domain, await message(b, r2.address));
        const batch = b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [other, first, first, contrary]);
        await expect(batch).to.emit(b.htz, "SignedVoteSkipped").withArgs(b.grantId, 0, r1.address);
        const m = await b.htz.milestone(b.grantId, 0);
        // Slots 1 and 2 approved once each; r1's contrary signature changed nothing.
        expect(m.approvals).to.equal(0b11n);
        expect(m.rejections).to.equal(0n);
      });
    });

    describe("by a signer who is not a reviewer", function () {
      it("#12 refuses a stranger's and the treasurer's own valid signatures (NotReviewer) and moves no money", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const domain = await domainOf(b.htz, b.chainId);
        await expectNothingMoved(b.watch, async () => {
          for (const signer of [b.actors.stranger, b.actors.treasurer]) {
            const vote = await signVote(signer, domain, await message(b, signer.address));
            await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [vote]))
              .to.be.revertedWithCustomError(b.htz, "GrantProgram_NotReviewer")
              .withArgs(signer.address);
          }
        });
      });

      it("#12 refuses a stranger's signature presented as a reviewer's (InvalidSignature) and moves no money", async function () {
        const b = await networkHelpers.loadFixture(deployBallot);
        const r1 = b.actors.reviewers[0];
        const forged = await signVote(
          b.actors.stranger,
          await domainOf(b.htz, b.chainId),
          await message(b, r1.address),
          r1.address,
        );
        await expectNothingMoved(b.watch, async () => {
          await expect(b.htz.submitSignedVotes(b.grantId, 0, b.termsHash, EVIDENCE, [forged]))
            .to.be.revertedWithCustomError(b.htz, "GrantProgram_InvalidSignature")
            .withArgs(r1.address);
        });
      });
    });
  });

  describe("checklist #15: role abuse (grantee reviewing itself, treasurer approving, manager claiming)", function () {
    describe("a grantee who is also a reviewer", function () {
      it("#15 refuses the grantee-reviewer's vote on its own milestone (SelfReview) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        const grantee = w.actors.companyA;
        // Appointed to the committee after the award (the award itself refuses a reviewer's wallet).
        await w.htz.connect(w.actors.admin).addReviewer(grantee);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(grantee).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_SelfReview")
            .withArgs(grantee.address, w.grantId);
        });
      });

      it("#15 refuses an award to an entity whose payout wallet is a reviewer (RoleConflict) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployGuiyang);
        const r1 = w.actors.reviewers[0];
        const id = await registerCompany(w, "91520115MA6DK0010V", r1);
        const lab = w.htzCategories.get("rd-platform-national")!;
        const t = await now(networkHelpers);
        await expectNothingMoved(guiyangWatch(w), async () => {
          await expect(w.htz.award(id, lab, 0, terms(t, [["5,000,000", 90]])))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
            .withArgs(r1.address, REVIEWER_ROLE, GRANTEE_ROLE);
        });
      });
    });

    describe("the treasurer", function () {
      it("#15 refuses the treasurer's vote (NotReviewer) and its appointment as reviewer (RoleConflict), moving no money", async function () {
        const w = await networkHelpers.loadFixture(deploySubmitted);
        const treasurer = w.actors.treasurer;
        const treasurerRole = await w.htz.TREASURER_ROLE();
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(treasurer).vote(w.grantId, 0, w.termsHash, EVIDENCE, true, REASON))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotReviewer")
            .withArgs(treasurer.address);
          await expect(w.htz.connect(w.actors.admin).addReviewer(treasurer))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
            .withArgs(treasurer.address, treasurerRole, REVIEWER_ROLE);
          await expect(w.htz.connect(w.actors.admin).grantRole(treasurerRole, w.actors.reviewers[0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
            .withArgs(w.actors.reviewers[0].address, REVIEWER_ROLE, treasurerRole);
        });
      });
    });

    describe("a manager", function () {
      it("#15 refuses the manager's claim of a grantee's milestone (NotGranteeWallet) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.manager).claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
            .withArgs(w.actors.manager.address, w.actors.companyA.address);
        });
      });

      it("#15 refuses a claim by a grantee wallet later made manager (RoleConflict) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        const managerRole = await w.htz.MANAGER_ROLE();
        await w.htz.connect(w.actors.admin).grantRole(managerRole, w.actors.companyA);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_RoleConflict")
            .withArgs(w.actors.companyA.address, managerRole, GRANTEE_ROLE);
        });
      });
    });
  });

  describe("checklist #16: wallet rotation by an unauthorised account, to zero, to a bound wallet, before the delay", function () {
    function rotationWatch(w: GrantWorld): Watch {
      return {
        ...w.watch,
        accounts: [...w.watch.accounts, w.actors.spare[0]],
        extra: async () => ({
          entity: await w.registry.entity(w.nos.a),
          pending: await w.registry.pendingWalletChange(w.nos.a),
          owners: await Promise.all(
            [w.actors.companyA, w.actors.companyB, w.actors.spare[0]].map((x) => w.registry.entityNoOfWallet(x)),
          ),
          milestone: await w.htz.milestone(w.grantId, 0),
        }),
      };
    }

    describe("by an unauthorised account", function () {
      it("#16 refuses a rotation requested by the grantee, a program official or a stranger (AccessControlUnauthorizedAccount) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        const role = await w.registry.REGISTRAR_ROLE();
        const a = w.actors;
        await expectNothingMoved(rotationWatch(w), async () => {
          for (const who of [a.companyA, a.stranger, a.admin, a.manager, a.registryAdmin]) {
            await expect(w.registry.connect(who).requestWalletChange(w.nos.a, a.spare[0]))
              .to.be.revertedWithCustomError(w.registry, "AccessControlUnauthorizedAccount")
              .withArgs(who.address, role);
          }
        });
      });
    });

    describe("to the zero address", function () {
      it("#16 refuses a rotation to the zero address (EntityRegistry_ZeroWallet) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        await expectNothingMoved(rotationWatch(w), async () => {
          await expect(
            w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, ethers.ZeroAddress),
          ).to.be.revertedWithCustomError(w.registry, "EntityRegistry_ZeroWallet");
        });
      });
    });

    describe("to a wallet bound to another entity", function () {
      it("#16 refuses a rotation to company B's wallet (EntityRegistry_WalletTaken) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        await expectNothingMoved(rotationWatch(w), async () => {
          await expect(w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, w.actors.companyB))
            .to.be.revertedWithCustomError(w.registry, "EntityRegistry_WalletTaken")
            .withArgs(w.actors.companyB.address, w.nos.b);
        });
      });

      it("#16 refuses to complete a rotation whose wallet was bound to another entity meanwhile (EntityRegistry_WalletTaken) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        const target = w.actors.spare[0];
        await w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, target);
        await registerCompany(w, "91520115MA6DK0011T", target);
        await networkHelpers.time.increase(WALLET_DELAY);
        await expectNothingMoved(rotationWatch(w), async () => {
          await expect(w.registry.completeWalletChange(w.nos.a))
            .to.be.revertedWithCustomError(w.registry, "EntityRegistry_WalletTaken")
            .withArgs(target.address, 4n);
        });
      });
    });

    describe("before its delay elapsed", function () {
      it("#16 refuses to complete one second before the delay (WalletChangeNotDue); the new wallet cannot claim and no money moves", async function () {
        const w = await networkHelpers.loadFixture(deployPayable);
        const target = w.actors.spare[0];
        await w.registry.connect(w.actors.registrar).requestWalletChange(w.nos.a, target);
        const { effectiveAt } = await w.registry.pendingWalletChange(w.nos.a);
        await expectNothingMoved(rotationWatch(w), async () => {
          await networkHelpers.time.setNextBlockTimestamp(effectiveAt - 1n);
          await expect(w.registry.completeWalletChange(w.nos.a))
            .to.be.revertedWithCustomError(w.registry, "EntityRegistry_WalletChangeNotDue")
            .withArgs(w.nos.a, effectiveAt);
          await expect(w.htz.connect(target).claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
            .withArgs(target.address, w.actors.companyA.address);
        });
        // Until the change completes, the old wallet is still the one that is paid.
        await expect(w.htz.connect(w.actors.companyA).claim(w.grantId, [0])).to.changeTokenBalances(
          ethers,
          w.token,
          [w.actors.companyA, target],
          [yuan("3,000,000"), 0n],
        );
      });
    });
  });

  describe("checklist #17: a contract wallet (multisig) as grantee", function () {
    describe("claiming through the multisig", function () {
      it("#17 pays the multisig grantee when its owner executes the claim (tx.origin is the owner, not the wallet)", async function () {
        const w = await networkHelpers.loadFixture(deployMultisigGrantee);
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Payable);
        const call = w.htz.interface.encodeFunctionData("claim", [w.grantId, [0]]);
        await expect(w.multisig.connect(w.owner).execute(w.htz, call)).to.changeTokenBalances(
          ethers,
          w.token,
          [w.multisig, w.htz, w.owner],
          [yuan("5,000,000"), -yuan("5,000,000"), 0n],
        );
        expect(await w.htz.milestoneState(w.grantId, 0)).to.equal(MilestoneState.Paid);
      });
    });

    describe("claiming around the multisig", function () {
      it("#17 refuses the multisig owner's direct claim (NotGranteeWallet) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployMultisigGrantee);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.htz.connect(w.owner).claim(w.grantId, [0]))
            .to.be.revertedWithCustomError(w.htz, "GrantProgram_NotGranteeWallet")
            .withArgs(w.owner.address, await w.multisig.getAddress());
        });
      });

      it("#17 refuses a claim pushed through the multisig by a non-owner (MockMultisigWallet_NotOwner) and moves no money", async function () {
        const w = await networkHelpers.loadFixture(deployMultisigGrantee);
        const call = w.htz.interface.encodeFunctionData("claim", [w.grantId, [0]]);
        await expectNothingMoved(w.watch, async () => {
          await expect(w.multisig.connect(w.actors.stranger).execute(w.htz, call))
            .to.be.revertedWithCustomError(w.multisig, "MockMultisigWallet_NotOwner")
            .withArgs(w.actors.stranger.address);
        });
      });
    });
  });
});
