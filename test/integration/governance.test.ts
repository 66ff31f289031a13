/**
 * The bureau's default governance on real Safe 1.4.1 contracts and OpenZeppelin's TimelockController
 * (scripts/lib/governance.ts): a Safe-held role acts only with its threshold of owners' signatures, the
 * timelock holds the admin's decisions for 2 days and its canceller can stop them, nobody acts through
 * someone else's Safe, and the contracts' separation-of-duties rules see the Safes as officials.
 */
import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { Contract, ZeroAddress, solidityPacked } from "ethers";

import { SAFE_ARTIFACTS } from "../../deploy/modules/SafeContracts.js";
import { CoreInputError } from "../../core/input-error.js";
import { ROLE_IDS } from "../../core/messages/labels.js";
import { EntityKind } from "../../core/enums.js";
import { companyId, textHash } from "../../core/ids.js";
import { localAccounts } from "../../scripts/lib/accounts.js";
import { deployCore, deployDemoYuan, deployRegistry } from "../../scripts/lib/deploy.js";
import {
  TIMELOCK_MIN_DELAY,
  checkGovernance,
  deployGovernance,
  handOverAdmin,
  localGovernancePlan,
} from "../../scripts/lib/governance.js";
import {
  confirmSafeProposal,
  executeSafeProposal,
  executeTimelockOperation,
  proposeSafeCalls,
  proposeTimelockCancel,
  timelockStatus,
  type SafeContext,
  type SafeProposalFile,
} from "../../scripts/lib/safe-proposals.js";
import { loadProgram } from "../../scripts/lib/programs.js";
import { DAY, createProgramFromDefinition } from "../../scripts/lib/suite.js";
import { yuan } from "../utils/fixtures.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;

async function world() {
  const who = localAccounts(await ethers.getSigners());
  const token = await deployDemoYuan(connection, who.bureau);
  const core = await deployCore(connection, who.bureau, token);
  const registry = await deployRegistry(connection, who.bureau, who.registrar.address, 3n * DAY);
  const reviewers = [who.reviewer1, who.reviewer2, who.reviewer3, who.reviewer4];
  const plan = localGovernancePlan(who);
  const g = await deployGovernance(connection, who.bureau, plan, {
    reviewers: reviewers.map((r) => r.address),
    managers: [who.manager.address],
  });
  const definition = loadProgram("programs/guiyang-htz-blockchain-2017.json", 2);
  const created = await createProgramFromDefinition(
    ethers,
    core,
    registry,
    who.bureau,
    definition,
    {
      admin: who.bureau,
      managers: [who.manager.address],
      reviewers: reviewers.map((r) => r.address),
      treasurer: g.treasurerSafe,
      guardian: g.guardianSafe,
      treasury: who.treasury.address,
    },
    BigInt(await networkHelpers.time.latest()),
  );
  await handOverAdmin(created.program as never, who.bureau, g.timelockAddress);
  await handOverAdmin(registry as never, who.bureau, g.timelockAddress);
  await (await token.mint(g.treasurerSafe, yuan("10,000,000"))).wait();
  const ctx: SafeContext = { provider: connection.provider as never, chainId: 31337n, contracts: g.safeContracts };
  return { who, token, registry, program: created.program, categories: created.categoryIds, g, ctx, reviewers };
}

type World = Awaited<ReturnType<typeof world>>;
const now = async () => networkHelpers.time.latest();

/** The treasurer's Safe proposes approve + fund (a MultiSend batch), signed by `by`. */
async function fundProposal(w: World, by: HardhatEthersSigner, amount: bigint): Promise<SafeProposalFile> {
  const programAddress = await w.program.getAddress();
  return proposeSafeCalls(
    w.ctx,
    w.g.treasurerSafe,
    by.address,
    [
      {
        to: await w.token.getAddress(),
        value: "0",
        data: w.token.interface.encodeFunctionData("approve", [programAddress, amount]),
        what: { en: "approve", zh: "授权" },
      },
      {
        to: programAddress,
        value: "0",
        data: w.program.interface.encodeFunctionData("fund", [amount]),
        what: { en: "fund", zh: "拨款" },
      },
    ],
    { en: "fund", zh: "拨款" },
    { ethers: ethers.provider, now: await now() },
  );
}

/** The bureau's Safe proposes, through the timelock, a call of the program's admin. */
async function adminProposal(w: World, data: string): Promise<SafeProposalFile> {
  const call = { to: await w.program.getAddress(), value: "0", data, what: { en: "admin call", zh: "管理员调用" } };
  return proposeSafeCalls(
    w.ctx,
    w.g.bureauSafe,
    w.who.bureau.address,
    [call],
    { en: "admin", zh: "管理" },
    {
      timelock: w.g.timelockAddress,
      ethers: ethers.provider,
      now: await now(),
    },
  );
}

async function confirmBy(w: World, file: SafeProposalFile, signers: HardhatEthersSigner[]): Promise<SafeProposalFile> {
  let next = file;
  for (const s of signers) next = await confirmSafeProposal(w.ctx, next, s.address, "proposal.json");
  return next;
}

async function refusedWith(promise: Promise<unknown>, text: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(CoreInputError);
    expect((error as Error).message).to.include(text);
    return;
  }
  expect.fail(`expected a refusal saying "${text}"`);
}

const safeAt = (address: string, signer: HardhatEthersSigner) =>
  new Contract(address, SAFE_ARTIFACTS.singleton.abi, signer);

/** Sends a proposal's Safe transaction straight to the Safe with `signatures`, bypassing the tooling's checks. */
function execRaw(safe: Contract, proposal: SafeProposalFile, signatures: string) {
  const t = proposal.transaction;
  return safe.execTransaction(
    t.to,
    t.value,
    t.data,
    t.operation,
    t.safeTxGas,
    t.baseGas,
    t.gasPrice,
    t.gasToken,
    t.refundReceiver,
    signatures,
  );
}

describe("Governance: Safe multisigs and a timelock hold the officials' powers", function () {
  let w: World;
  beforeEach(async function () {
    w = await networkHelpers.loadFixture(world);
  });

  it("the deployed Safes have the planned owners and thresholds; the timelock is 2 days, Safe-proposed, open-executed, admin-less", async function () {
    const bureau = safeAt(w.g.bureauSafe, w.who.bureau);
    expect(await bureau.getThreshold()).to.equal(3n);
    expect((await bureau.getOwners()).length).to.equal(5);
    expect(await safeAt(w.g.treasurerSafe, w.who.bureau).getThreshold()).to.equal(2n);
    expect(await safeAt(w.g.guardianSafe, w.who.bureau).getThreshold()).to.equal(1n);
    const tl = w.g.timelock;
    expect(await tl.getMinDelay()).to.equal(TIMELOCK_MIN_DELAY);
    expect(await tl.hasRole(await tl.PROPOSER_ROLE(), w.g.bureauSafe)).to.equal(true);
    expect(await tl.hasRole(await tl.CANCELLER_ROLE(), w.g.bureauSafe)).to.equal(true);
    expect(await tl.hasRole(await tl.EXECUTOR_ROLE(), ZeroAddress)).to.equal(true);
    expect(await tl.hasRole(await tl.DEFAULT_ADMIN_ROLE(), w.who.bureau.address)).to.equal(false);
    expect(await tl.hasRole(await tl.DEFAULT_ADMIN_ROLE(), w.g.timelockAddress)).to.equal(true);
    // After the hand-over the setup key holds no admin power anywhere.
    const admin = await w.program.DEFAULT_ADMIN_ROLE();
    expect(await w.program.hasRole(admin, w.who.bureau.address)).to.equal(false);
    expect(await w.program.hasRole(admin, w.g.timelockAddress)).to.equal(true);
    expect(await w.registry.hasRole(admin, w.who.bureau.address)).to.equal(false);
    expect(await w.registry.hasRole(admin, w.g.timelockAddress)).to.equal(true);
  });

  it("a Safe-held role acts only with its threshold: 1 of 2 signatures is refused (nothing moves), 2 of 2 funds", async function () {
    const [safeBefore, programBefore] = [
      await w.token.balanceOf(w.g.treasurerSafe),
      (await w.program.summary()).funded,
    ];
    const proposal = await fundProposal(w, w.who.treasurer, yuan("1,000,000"));
    await refusedWith(
      executeSafeProposal(w.ctx, proposal, w.who.citizen.address, "proposal.json"),
      "it has 1 of the 2 confirmations",
    );
    // The chain itself refuses one signature, not just the tooling (Safe: GS020, signatures too short).
    const raw = safeAt(w.g.treasurerSafe, w.who.citizen);
    const exec = (signatures: string) => execRaw(raw, proposal, signatures);
    await expect(exec(proposal.signatures[0].data)).to.be.revertedWith("GS020");
    expect(await w.token.balanceOf(w.g.treasurerSafe)).to.equal(safeBefore);
    expect((await w.program.summary()).funded).to.equal(programBefore);
    // One key directly: no role.
    await expect(w.program.connect(w.who.treasurer).fund(1n)).to.be.revertedWithCustomError(
      w.program,
      "AccessControlUnauthorizedAccount",
    );

    const confirmed = await confirmBy(w, proposal, [w.who.cashier]);
    await executeSafeProposal(w.ctx, confirmed, w.who.citizen.address, "proposal.json");
    expect(await w.token.balanceOf(w.g.treasurerSafe)).to.equal(safeBefore - yuan("1,000,000"));
    expect((await w.program.summary()).funded).to.equal(programBefore + yuan("1,000,000"));
    // The same proposal cannot run twice (the Safe's nonce moved on).
    await refusedWith(executeSafeProposal(w.ctx, confirmed, w.who.citizen.address, "proposal.json"), "already used");
  });

  it("an edited proposal file is refused: a changed amount no longer matches its hash and signatures", async function () {
    const proposal = await confirmBy(w, await fundProposal(w, w.who.treasurer, yuan("100")), [w.who.cashier]);
    const edited = {
      ...proposal,
      transaction: { ...proposal.transaction, data: proposal.transaction.data.replace(/2710/g, "2711") },
    };
    expect(edited.transaction.data).to.not.equal(proposal.transaction.data);
    const before = await w.token.balanceOf(w.g.treasurerSafe);
    await refusedWith(executeSafeProposal(w.ctx, edited, w.who.citizen.address, "proposal.json"), "does not match");
    expect(await w.token.balanceOf(w.g.treasurerSafe)).to.equal(before);
  });

  it("the guardian's Safe pauses with one signature; the timelock refuses the unpause before 2 days and runs it after", async function () {
    const pause = await proposeSafeCalls(
      w.ctx,
      w.g.guardianSafe,
      w.who.dutyOfficer.address,
      [
        {
          to: await w.program.getAddress(),
          value: "0",
          data: w.program.interface.encodeFunctionData("pause"),
          what: { en: "pause", zh: "暂停" },
        },
      ],
      { en: "pause", zh: "暂停" },
      { ethers: ethers.provider, now: await now() },
    );
    await executeSafeProposal(w.ctx, pause, w.who.dutyOfficer.address, "pause.json");
    expect(await w.program.paused()).to.equal(true);

    // The guardian cannot unpause; neither can the old setup key.
    await expect(w.program.connect(w.who.bureau).unpause()).to.be.revertedWithCustomError(
      w.program,
      "AccessControlUnauthorizedAccount",
    );
    const unpause = await confirmBy(w, await adminProposal(w, w.program.interface.encodeFunctionData("unpause")), [
      w.who.director,
      w.who.auditChief,
    ]);
    await executeSafeProposal(w.ctx, unpause, w.who.citizen.address, "unpause.json");
    const status = await timelockStatus(ethers.provider, unpause.timelock!);
    expect(status.state).to.equal("waiting");
    expect(BigInt(status.readyAt)).to.equal(BigInt(await now()) + TIMELOCK_MIN_DELAY);

    // Before the delay: refused by the tooling with the time, and by the timelock itself.
    const send = async (tx: { to: string; data: string }) =>
      (await (await w.who.citizen.sendTransaction(tx)).wait())!.hash;
    await refusedWith(
      executeTimelockOperation(ethers.provider, unpause, send, "unpause.json", await now()),
      "executable only after",
    );
    const op = unpause.timelock!;
    await expect(
      w.g.timelock.connect(w.who.citizen).execute(op.targets[0], 0, op.payloads[0], op.predecessor, op.salt),
    ).to.be.revertedWithCustomError(w.g.timelock, "TimelockUnexpectedOperationState");
    expect(await w.program.paused()).to.equal(true);

    await networkHelpers.time.increase(TIMELOCK_MIN_DELAY);
    await executeTimelockOperation(ethers.provider, unpause, send, "unpause.json", await now());
    expect(await w.program.paused()).to.equal(false);
    expect((await timelockStatus(ethers.provider, op)).state).to.equal("done");
  });

  it("the bureau's Safe, the timelock's canceller, cancels a scheduled change: it can then never run", async function () {
    const quorum = (await w.program.settings()).quorum;
    const change = await confirmBy(
      w,
      await adminProposal(w, w.program.interface.encodeFunctionData("setQuorum", [4])),
      [w.who.director, w.who.deputyDirector],
    );
    await executeSafeProposal(w.ctx, change, w.who.citizen.address, "quorum.json");
    const cancel = await confirmBy(
      w,
      await proposeTimelockCancel(w.ctx, change, w.who.legalCounsel.address, await now()),
      [w.who.auditChief, w.who.director],
    );
    await executeSafeProposal(w.ctx, cancel, w.who.citizen.address, "cancel.json");
    expect((await timelockStatus(ethers.provider, change.timelock!)).state).to.equal("unset");
    await networkHelpers.time.increase(TIMELOCK_MIN_DELAY);
    const send = async (tx: { to: string; data: string }) =>
      (await (await w.who.citizen.sendTransaction(tx)).wait())!.hash;
    await refusedWith(
      executeTimelockOperation(ethers.provider, change, send, "quorum.json", await now()),
      "not scheduled",
    );
    expect((await w.program.settings()).quorum).to.equal(quorum);
    // Nobody but the canceller may cancel.
    await expect(w.g.timelock.connect(w.who.bureau).cancel(change.timelock!.id)).to.be.revertedWithCustomError(
      w.g.timelock,
      "AccessControlUnauthorizedAccount",
    );
  });

  it("a reviewer or a grantee cannot act through someone else's Safe or the timelock, and no money moves", async function () {
    const before = await w.token.balanceOf(w.g.treasurerSafe);
    const funded = (await w.program.summary()).funded;
    // The tooling refuses a non-owner's proposal and confirmation.
    await refusedWith(fundProposal(w, w.who.reviewer1, yuan("1")), "is not an owner of the Safe");
    const proposal = await fundProposal(w, w.who.treasurer, yuan("1"));
    await refusedWith(confirmSafeProposal(w.ctx, proposal, w.who.lab.address, "p.json"), "is not an owner of the Safe");
    // The chain refuses a non-owner's signature (GS026) even with an owner's beside it.
    const hash = proposal.safeTxHash;
    const labSig = await w.who.lab.signMessage(Buffer.from(hash.slice(2), "hex"));
    const adjusted = labSig.slice(0, -2) + (parseInt(labSig.slice(-2), 16) + 4).toString(16); // eth_sign: v + 4
    const sigs = [
      { signer: w.who.treasurer.address, data: proposal.signatures[0].data },
      { signer: w.who.lab.address, data: adjusted },
    ].sort((a, b) => (BigInt(a.signer) < BigInt(b.signer) ? -1 : 1));
    await expect(
      execRaw(
        safeAt(w.g.treasurerSafe, w.who.lab),
        proposal,
        solidityPacked(
          ["bytes", "bytes"],
          sigs.map((s) => s.data),
        ),
      ),
    ).to.be.revertedWith("GS026");
    // Nor can they schedule on the timelock or call the role directly.
    await expect(
      w.g.timelock
        .connect(w.who.reviewer1)
        .schedule(await w.program.getAddress(), 0, "0x", textHash("x"), textHash("y"), TIMELOCK_MIN_DELAY),
    ).to.be.revertedWithCustomError(w.g.timelock, "AccessControlUnauthorizedAccount");
    await expect(w.program.connect(w.who.reviewer1).withdraw(1n)).to.be.revertedWithCustomError(
      w.program,
      "AccessControlUnauthorizedAccount",
    );
    expect(await w.token.balanceOf(w.g.treasurerSafe)).to.equal(before);
    expect((await w.program.summary()).funded).to.equal(funded);
  });

  it("the contracts see the Safes and the timelock as officials: none can be a payout wallet or a reviewer", async function () {
    for (const official of [w.g.treasurerSafe, w.g.guardianSafe, w.g.timelockAddress]) {
      expect(await w.program.isOfficial(official)).to.equal(true);
    }
    // Fund first (through the Safe), then register a company whose payout wallet is the treasurer's Safe.
    await executeSafeProposal(
      w.ctx,
      await confirmBy(w, await fundProposal(w, w.who.treasurer, yuan("5,000,000")), [w.who.accountant]),
      w.who.citizen.address,
      "p.json",
    );
    const id = companyId("91520115MA6DK0001A");
    await (await w.registry.connect(w.who.registrar).registerEntity(id, EntityKind.Company, w.g.treasurerSafe)).wait();
    const category = w.categories.get("technical-breakthrough")!;
    const deadline = BigInt(await now()) + 90n * DAY;
    const available = (await w.program.summary()).available;
    await expect(
      w.program
        .connect(w.who.manager)
        .award(id, category, 0, [{ amount: yuan("1,000,000"), deadline, descriptionHash: textHash("m") }]),
    )
      .to.be.revertedWithCustomError(w.program, "GrantProgram_RoleConflict")
      .withArgs(w.g.treasurerSafe, ROLE_IDS.treasurer, ROLE_IDS.grantee);
    expect((await w.program.summary()).available).to.equal(available);

    // The treasurer's Safe as a reviewer: 3 of 5 sign it and wait 2 days, and the program still refuses.
    const seat = await confirmBy(
      w,
      await adminProposal(w, w.program.interface.encodeFunctionData("addReviewer", [w.g.treasurerSafe])),
      [w.who.director, w.who.deputyDirector],
    );
    await executeSafeProposal(w.ctx, seat, w.who.citizen.address, "seat.json");
    await networkHelpers.time.increase(TIMELOCK_MIN_DELAY);
    const op = seat.timelock!;
    await expect(w.g.timelock.connect(w.who.citizen).execute(op.targets[0], 0, op.payloads[0], op.predecessor, op.salt))
      .to.be.revertedWithCustomError(w.program, "GrantProgram_RoleConflict")
      .withArgs(w.g.treasurerSafe, ROLE_IDS.treasurer, ROLE_IDS.reviewer);
  });

  it("checkGovernance refuses a reviewer owning the treasurer's Safe, a key on both money Safes, and a 1-key bureau", function () {
    const plan = localGovernancePlan(w.who);
    expect(() => checkGovernance(plan, { reviewers: [w.who.cashier.address], managers: [] })).to.throw(
      CoreInputError,
      "is a reviewer and also owns",
    );
    expect(() =>
      checkGovernance(
        { ...plan, treasurerOwners: [...plan.treasurerOwners.slice(1), w.who.director.address] },
        { reviewers: [], managers: [] },
      ),
    ).to.throw(CoreInputError, "owns both the bureau's Safe and the treasurer's Safe");
    expect(() => checkGovernance({ ...plan, bureauThreshold: 1 }, { reviewers: [], managers: [] })).to.throw(
      CoreInputError,
      "needs a threshold from 2",
    );
    expect(() =>
      checkGovernance(plan, { reviewers: [w.who.reviewer1.address], managers: [w.who.manager.address] }),
    ).to.not.throw();
  });
});
