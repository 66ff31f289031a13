// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { EntityRegistry } from "../../../contracts/EntityRegistry.sol";
import { IGrantProgram } from "../../../contracts/interfaces/IGrantProgram.sol";
import { IProgramAwards } from "../../../contracts/interfaces/program/IProgramAwards.sol";
import { IProgramCommittee } from "../../../contracts/interfaces/program/IProgramCommittee.sol";
import { IProgramNotice } from "../../../contracts/interfaces/program/IProgramNotice.sol";
import { IProgramPayouts } from "../../../contracts/interfaces/program/IProgramPayouts.sol";
import { IProgramReview } from "../../../contracts/interfaces/program/IProgramReview.sol";
import { IProgramRulings } from "../../../contracts/interfaces/program/IProgramRulings.sol";
import { IProgramTreasury } from "../../../contracts/interfaces/program/IProgramTreasury.sol";
import { MockYuan } from "../../../contracts/mocks/MockYuan.sol";
import { Program } from "../../../contracts/types/DataTypes.sol";
import { vm } from "../utils/Vm.sol";
import { World } from "../utils/World.sol";
import { GhostStore } from "./GhostStore.sol";

/// @title Handler
/// @notice The only fuzz target of the invariant suite. Drives two programs on one registry (4
/// entities, 4 reviewers, quorum 3) through their whole lifecycle with bounded inputs, and through the
/// events around it: pauses and resumptions across deadlines and notice windows, recusals, quorum
/// changes, settling, and payout-wallet rotations (sometimes onto an official's address). Every call
/// into a program is made with the right role via `vm.prank` and a low-level call, so refusals are
/// swallowed and the run goes on; ghost variables are updated only for calls that succeeded.
contract Handler is World {
    uint256 public constant MAX_GRANTS = 16;
    uint40 public constant NOTICE_A = 7 days;
    uint40 public constant NOTICE_B = 2 days;
    bytes32 public constant SHARED_GROUP = keccak256("group:shared-across-programs");

    GhostStore public immutable ghost;
    IGrantProgram[2] internal _programs;
    /// @dev Fresh payout wallets handed out by rotateWallet.
    uint160 internal _walletsMade;

    Program.MilestoneState internal constant PENDING = Program.MilestoneState.Pending;
    Program.MilestoneState internal constant SUBMITTED = Program.MilestoneState.Submitted;
    Program.MilestoneState internal constant REJECTED = Program.MilestoneState.Rejected;
    Program.MilestoneState internal constant APPROVED = Program.MilestoneState.InNotice;
    Program.MilestoneState internal constant CONTESTED = Program.MilestoneState.Contested;
    Program.MilestoneState internal constant PAID = Program.MilestoneState.Paid;
    Program.MilestoneState internal constant LAPSED = Program.MilestoneState.Lapsed;
    Program.MilestoneState internal constant CANCELLED = Program.MilestoneState.Cancelled;

    constructor() {
        ghost = new GhostStore();
        _deployCore();
        // Program A: upheld objections send the milestone back for resubmission; B: they cancel it.
        _programs[0] = _createProgram("A", NOTICE_A, Program.UpheldObjectionOutcome.Resubmit);
        _programs[1] = _createProgram("B", NOTICE_B, Program.UpheldObjectionOutcome.Cancel);
        for (uint256 p = 0; p < 2; ++p) {
            // 1: capped, own group. 2: fixed, own group, at most 2 awards. 3: capped, shared group, total cap.
            _addCategory(_programs[p], Program.AwardMode.Capped, 300_000, 0, 0, bytes32(0));
            _addCategory(_programs[p], Program.AwardMode.Fixed, 500_000, 2, 0, bytes32(0));
            _addCategory(_programs[p], Program.AwardMode.Capped, 200_000, 0, 400_000, SHARED_GROUP);
        }
    }

    /*//////////////////////////////////////////////////////////////
                            VIEWS FOR THE SUITE
    //////////////////////////////////////////////////////////////*/

    function program(uint256 p) external view returns (IGrantProgram) {
        return _programs[p];
    }

    function yuan() external view returns (MockYuan) {
        return token;
    }

    function entityRegistry() external view returns (EntityRegistry) {
        return registry;
    }

    function entityNo(uint256 e) external view returns (uint64) {
        return entityNos[e];
    }

    /*//////////////////////////////////////////////////////////////
                                 ACTIONS
    //////////////////////////////////////////////////////////////*/

    function fund(uint256 pSeed, uint256 amountRaw) public {
        uint8 p = uint8(pSeed % 2);
        uint256 amount = _bound(amountRaw, 1, 1_000_000);
        token.mint(TREASURER, amount);
        vm.prank(TREASURER);
        token.approve(address(_programs[p]), amount);
        if (_call(p, TREASURER, abi.encodeCall(IProgramTreasury.fund, (amount)), "fund")) ghost.addFunded(p, amount);
    }

    function award(
        uint256 pSeed,
        uint256 entitySeed,
        uint256 categorySeed,
        uint256 amountSeed,
        uint256 termSeed
    ) public {
        if (ghost.grantCount() >= MAX_GRANTS) return;
        uint8 p = uint8(pSeed % 2);
        uint8 e = uint8(entitySeed % ENTITY_COUNT);
        uint16 categoryId = uint16(categorySeed % 3) + 1;
        IGrantProgram gp = _programs[p];
        Program.Category memory c = gp.category(categoryId);
        uint256 count = _bound(termSeed, 1, 4);
        // Fixed: the exact amount. Capped: up to 12.5 % over the cap, so refusals are exercised too.
        uint256 total =
            c.mode == Program.AwardMode.Fixed ? c.amount : _bound(amountSeed, count, c.amount + c.amount / 8);
        Program.MilestoneTerms[] memory t = new Program.MilestoneTerms[](count);
        uint256 left = total;
        uint40 deadline = uint40(block.timestamp);
        for (uint256 i = 0; i < count; ++i) {
            uint256 h = uint256(keccak256(abi.encode(termSeed, amountSeed, i)));
            uint256 part = i + 1 == count ? left : _bound(h, 1, left - (count - 1 - i));
            left -= part;
            deadline += uint40(_bound(h >> 128, 1 days, 45 days));
            t[i] = Program.MilestoneTerms({ amount: uint128(part), deadline: deadline, descriptionHash: bytes32(h) });
        }
        uint256 nextId = gp.grantCount() + 1;
        if (_call(p, MANAGER, abi.encodeCall(IProgramAwards.award, (entityIds[e], categoryId, 0, t)), "award")) {
            ghost.pushGrant(
                GhostStore.GrantGhost({
                    program: p,
                    grantId: uint64(nextId),
                    entity: e,
                    categoryId: categoryId,
                    award: uint128(total),
                    paid: 0,
                    milestoneCount: uint8(count),
                    cancelled: false,
                    paidAtCancel: 0
                })
            );
        }
    }

    function submitEvidence(uint256 gSeed, uint256 indexSeed, uint256 evidenceSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrantWith(gSeed, PENDING, REJECTED);
        if (!found) return;
        uint8 index = _pickMilestone(g, indexSeed, PENDING, REJECTED);
        bytes32 evidence = keccak256(abi.encode("evidence", evidenceSeed));
        _call(
            g.program,
            entityWallets[g.entity],
            abi.encodeCall(IProgramReview.submitEvidence, (g.grantId, index, evidence)),
            "submitEvidence"
        );
        _snapshot(gi, g);
    }

    function vote(uint256 gSeed, uint256 indexSeed, uint256 reviewerSeed, uint256 approveSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g, uint8 index) = _pickRound(gSeed, indexSeed);
        if (!found) return;
        IGrantProgram gp = _programs[g.program];
        bool approve = approveSeed % 4 != 0; // 75 % approvals so quorums are reached
        bytes32 termsHash = gp.grant(g.grantId).termsHash;
        bytes32 evidence = gp.evidenceOf(g.grantId, index);
        // Start from a random reviewer; usually move on to one who has not voted in this round yet.
        Program.Milestone memory m = gp.milestone(g.grantId, index);
        uint256 r = reviewerSeed % REVIEWER_COUNT;
        if ((reviewerSeed >> 8) % 8 != 0) {
            for (uint256 k = 0; k < REVIEWER_COUNT; ++k) {
                uint256 bit = uint256(1) << ((r + k) % REVIEWER_COUNT);
                if ((uint256(m.approvals | m.rejections) & bit) == 0) {
                    r = (r + k) % REVIEWER_COUNT;
                    break;
                }
            }
        }
        address reviewer = reviewers[r];
        bytes memory data = abi.encodeCall(
            IProgramReview.vote,
            (g.grantId, index, termsHash, evidence, approve, bytes32(0))
        );
        if (_call(g.program, reviewer, data, "vote")) _checkDecision(g, index);
        _snapshot(gi, g);
    }

    function object(uint256 gSeed, uint256 indexSeed, uint256 objectorSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrantWith(gSeed, APPROVED, APPROVED);
        if (!found) return;
        uint8 index = _pickMilestone(g, indexSeed, APPROVED, APPROVED);
        uint40 ends = _programs[g.program].milestone(g.grantId, index).noticeEndsAt;
        address objector = address(uint160(uint160(OBJECTOR) + (objectorSeed % 3)));
        bytes memory data = abi.encodeCall(IProgramNotice.object, (g.grantId, index, keccak256("objection")));
        if (_call(g.program, objector, data, "object")) {
            if (block.timestamp >= ends) ghost.violation("objectionAfterNoticeEnd");
            ghost.noteObjection(g.program, g.grantId, index, objector);
        }
        _snapshot(gi, g);
    }

    function ruleOnObjection(uint256 gSeed, uint256 indexSeed, bool uphold) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrantWith(gSeed, CONTESTED, CONTESTED);
        if (!found) return;
        uint8 index = _pickMilestone(g, indexSeed, CONTESTED, CONTESTED);
        bytes memory data = abi.encodeCall(IProgramRulings.ruleOnObjection, (g.grantId, index, uphold, bytes32(0)));
        if (_call(g.program, MANAGER, data, "ruleOnObjection"))
            ghost.success(uphold ? bytes32("upheld") : bytes32("dismissed"));
        _snapshot(gi, g);
    }

    /// @dev Usually claims the approved milestones (payable or still in notice, so early claims are
    /// attempted); sometimes a random index, sometimes a duplicate index.
    function claim(uint256 gSeed, uint256 modeSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = modeSeed % 8 == 0
            ? _pickGrant(gSeed)
            : _pickGrantWith(gSeed, APPROVED, APPROVED);
        if (!found) return;
        IGrantProgram gp = _programs[g.program];
        uint8[] memory indexes;
        uint256 mode = modeSeed % 8;
        if (mode == 0) {
            indexes = new uint8[](1);
            indexes[0] = uint8((modeSeed >> 8) % (g.milestoneCount + 1)); // may be out of range
        } else if (mode == 1) {
            indexes = new uint8[](2);
            indexes[0] = _pickMilestone(g, modeSeed >> 8, APPROVED, APPROVED);
            indexes[1] = indexes[0]; // named twice
        } else {
            uint8 n;
            uint8[] memory tmp = new uint8[](g.milestoneCount);
            for (uint8 i = 0; i < g.milestoneCount; ++i) {
                if (gp.milestone(g.grantId, i).status == APPROVED) tmp[n++] = i;
            }
            if (n == 0) {
                n = 1;
                tmp[0] = uint8((modeSeed >> 8) % g.milestoneCount);
            }
            indexes = new uint8[](n);
            for (uint8 i = 0; i < n; ++i) indexes[i] = tmp[i];
        }
        // Record what the contract says before the call, to judge a success afterwards.
        Program.Milestone[] memory before = new Program.Milestone[](indexes.length);
        for (uint256 i = 0; i < indexes.length; ++i) {
            if (indexes[i] < g.milestoneCount) before[i] = gp.milestone(g.grantId, indexes[i]);
        }
        bool cancelledBefore = gp.grant(g.grantId).cancelled;
        address wallet = entityWallets[g.entity];
        uint256 balanceBefore = token.balanceOf(wallet);

        if (_call(g.program, wallet, abi.encodeCall(IProgramPayouts.claim, (g.grantId, indexes)), "claim")) {
            if (_isOfficial(wallet)) ghost.violation("officialPaid");
            uint256 expected;
            for (uint256 i = 0; i < indexes.length; ++i) {
                if (before[i].status != APPROVED) ghost.violation("claimOfUnapproved");
                if (block.timestamp < before[i].noticeEndsAt) ghost.violation("claimBeforeNoticeEnd");
                ghost.notePaid(gi, indexes[i], before[i].amount);
                expected += before[i].amount;
                ghost.success("milestonePaid");
            }
            if (cancelledBefore) ghost.violation("claimOnCancelled");
            uint256 received = token.balanceOf(wallet) - balanceBefore;
            if (received != expected) ghost.violation("claimPaidWrongAmount");
            ghost.addPaid(g.program, received);
            // The grantee spends the money elsewhere, so later balance checks stay per-claim.
            vm.prank(wallet);
            token.transfer(address(0xdead), received);
        }
        _snapshot(gi, g);
    }

    function lapse(uint256 gSeed, uint256 indexSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrantWith(gSeed, PENDING, SUBMITTED);
        if (!found) return;
        uint8 index = _pickMilestone(g, indexSeed, PENDING, SUBMITTED);
        if (indexSeed % 2 == 0) index = _pickMilestone(g, indexSeed >> 1, REJECTED, PENDING);
        uint40 deadline = _programs[g.program].milestone(g.grantId, index).deadline;
        if (_call(g.program, address(this), abi.encodeCall(IProgramPayouts.lapse, (g.grantId, index)), "lapse")) {
            if (block.timestamp <= deadline) ghost.violation("lapseBeforeDeadline");
        }
        _snapshot(gi, g);
    }

    /// @dev Cancels only one call in four, so grants live long enough to be paid.
    function cancelGrant(uint256 gSeed, uint256 gate) public {
        if (gate % 4 != 0) return;
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrant(gSeed);
        if (!found) return;
        _call(
            g.program,
            MANAGER,
            abi.encodeCall(IProgramRulings.cancelGrant, (g.grantId, bytes32("cancel"))),
            "cancel"
        );
        _snapshot(gi, g);
    }

    /// @dev Orders back part of what a grant was paid (bounded by what is recoverable).
    function orderRecovery(uint256 gSeed, uint256 amountRaw) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickPaidGrant(gSeed);
        if (!found) return;
        Program.Grant memory gr = _programs[g.program].grant(g.grantId);
        uint256 recoverable = g.paid > gr.recoveryOwed + gr.recovered ? g.paid - gr.recoveryOwed - gr.recovered : 0;
        uint256 amount = _bound(amountRaw, 1, recoverable + 1); // recoverable + 1 must be refused
        bytes memory data = abi.encodeCall(IProgramRulings.orderRecovery, (g.grantId, amount, bytes32("recover")));
        _call(g.program, MANAGER, data, "orderRecovery");
        _snapshot(gi, g);
    }

    function repay(uint256 gSeed, uint256 amountRaw) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickOwingGrant(gSeed);
        if (!found) return;
        uint256 owed = _programs[g.program].grant(g.grantId).recoveryOwed;
        uint256 amount = _bound(amountRaw, 1, owed + 1); // owed + 1 must be refused
        token.mint(PAYER, amount);
        vm.prank(PAYER);
        token.approve(address(_programs[g.program]), amount);
        if (_call(g.program, PAYER, abi.encodeCall(IProgramTreasury.repay, (g.grantId, amount)), "repay")) {
            ghost.addRepaid(g.program, amount);
        }
        _snapshot(gi, g);
    }

    function withdraw(uint256 pSeed, uint256 amountRaw) public {
        uint8 p = uint8(pSeed % 2);
        uint256 free = _programs[p].available();
        uint256 amount = _bound(amountRaw, 1, free + free / 8 + 1); // sometimes more than free
        uint256 before = token.balanceOf(TREASURY);
        if (_call(p, TREASURER, abi.encodeCall(IProgramTreasury.withdraw, (amount)), "withdraw")) {
            ghost.addWithdrawn(p, token.balanceOf(TREASURY) - before);
        }
    }

    /// @dev A direct token transfer to the program, outside fund/repay.
    function donate(uint256 pSeed, uint256 amountRaw) public {
        uint8 p = uint8(pSeed % 2);
        uint256 amount = _bound(amountRaw, 1, 100_000);
        token.mint(DONOR, amount);
        vm.prank(DONOR);
        token.transfer(address(_programs[p]), amount);
        ghost.addDonated(p, amount);
        ghost.success("donate");
    }

    function sweepSurplus(uint256 pSeed) public {
        uint8 p = uint8(pSeed % 2);
        uint256 before = token.balanceOf(TREASURY);
        if (_call(p, TREASURER, abi.encodeCall(IProgramTreasury.sweepSurplus, ()), "sweepSurplus")) {
            ghost.addSwept(p, token.balanceOf(TREASURY) - before);
        }
    }

    /// @dev The guardian pauses one call in three; otherwise the admin resumes, so pauses come and go
    /// across deadlines and notice windows.
    function pauseOrResume(uint256 pSeed, uint256 gate) public {
        uint8 p = uint8(pSeed % 2);
        if (gate % 3 == 0) _call(p, GUARDIAN, abi.encodeCall(IProgramCommittee.pause, ()), "pause");
        else _call(p, ADMIN, abi.encodeCall(IProgramCommittee.unpause, ()), "unpause");
    }

    /// @dev A reviewer declares a conflict of interest on a grant.
    function declareConflict(uint256 gSeed, uint256 reviewerSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrant(gSeed);
        if (!found) return;
        address reviewer = reviewers[reviewerSeed % REVIEWER_COUNT];
        _call(g.program, reviewer, abi.encodeCall(IProgramCommittee.declareConflict, (g.grantId)), "declareConflict");
        _snapshot(gi, g);
    }

    /// @dev Anyone settles a round that a recusal or a quorum change has decided.
    function settle(uint256 gSeed, uint256 indexSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g, uint8 index) = _pickRound(gSeed, indexSeed);
        if (!found) return;
        if (_call(g.program, OBJECTOR, abi.encodeCall(IProgramRulings.settle, (g.grantId, index)), "settle")) {
            _checkDecision(g, index);
        }
        _snapshot(gi, g);
    }

    /// @dev The admin sets the quorum between 2 and the committee's size.
    function setQuorum(uint256 pSeed, uint256 qSeed) public {
        uint8 p = uint8(pSeed % 2);
        uint8 q = uint8(2 + (qSeed % (REVIEWER_COUNT - 1)));
        _call(p, ADMIN, abi.encodeCall(IProgramCommittee.setQuorum, (q)), "setQuorum");
    }

    /// @dev The registrar moves an entity's payout wallet through the registry's delay: usually to a fresh
    /// account, one time in four to a reviewer's (an official of both programs, which must never be paid).
    function rotateWallet(uint256 entitySeed, uint256 targetSeed) public {
        uint8 e = uint8(entitySeed % ENTITY_COUNT);
        address next =
            targetSeed % 4 == 0
                ? reviewers[(targetSeed >> 8) % REVIEWER_COUNT]
                : address(uint160(0xF000) + ++_walletsMade);
        ghost.attempt("rotateWallet");
        try registry.requestWalletChange(entityNos[e], next) {} catch {
            return; // e.g. that reviewer's address already pays another entity
        }
        vm.warp(block.timestamp + WALLET_DELAY);
        registry.completeWalletChange(entityNos[e]);
        entityWallets[e] = next;
        ghost.success("rotateWallet");
    }

    function warp(uint256 secondsRaw) public {
        vm.warp(block.timestamp + _bound(secondsRaw, 1, 10 days));
        ghost.success("warp");
    }

    /*//////////////////////////////////////////////////////////////
                                 INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev One call into program `p` as `caller`; a refusal is swallowed.
    function _call(uint8 p, address caller, bytes memory data, bytes32 action) internal returns (bool ok) {
        ghost.attempt(action);
        vm.prank(caller);
        (ok, ) = address(_programs[p]).call(data);
        if (ok) ghost.success(action);
    }

    function _pickGrant(uint256 seed) internal view returns (bool found, uint256 gi, GhostStore.GrantGhost memory g) {
        uint256 n = ghost.grantCount();
        if (n == 0) return (false, 0, g);
        gi = seed % n;
        g = ghost.grantAt(gi);
        found = true;
    }

    /// @dev A live grant (from a random start) with a milestone in status `a` or `b`; else a random grant.
    function _pickGrantWith(
        uint256 seed,
        Program.MilestoneState a,
        Program.MilestoneState b
    ) internal view returns (bool found, uint256 gi, GhostStore.GrantGhost memory g) {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            gi = (seed + k) % n;
            g = ghost.grantAt(gi);
            IGrantProgram gp = _programs[g.program];
            if (gp.grant(g.grantId).cancelled) continue;
            for (uint256 i = 0; i < g.milestoneCount; ++i) {
                Program.MilestoneState s = gp.milestone(g.grantId, uint8(i)).status;
                if (s == a || s == b) return (true, gi, g);
            }
        }
        return _pickGrant(seed);
    }

    /// @dev Like a committee: usually the open round (Submitted milestone) closest to a decision;
    /// one call in four, a random grant and milestone.
    function _pickRound(
        uint256 seed,
        uint256 indexSeed
    ) internal view returns (bool found, uint256 gi, GhostStore.GrantGhost memory g, uint8 index) {
        uint256 n = ghost.grantCount();
        if (n == 0) return (false, 0, g, 0);
        if (seed % 4 != 0) {
            int256 best = -1;
            for (uint256 k = 0; k < n; ++k) {
                uint256 candidate = (seed + k) % n;
                GhostStore.GrantGhost memory h = ghost.grantAt(candidate);
                IGrantProgram gp = _programs[h.program];
                for (uint8 i = 0; i < h.milestoneCount; ++i) {
                    Program.Milestone memory m = gp.milestone(h.grantId, i);
                    if (m.status != SUBMITTED || block.timestamp > m.deadline) continue;
                    int256 votes = int256(uint256(_popcount(m.approvals | m.rejections)));
                    if (votes > best) {
                        (best, gi, g, index) = (votes, candidate, h, i);
                    }
                }
            }
            if (best >= 0) return (true, gi, g, index);
        }
        (found, gi, g) = _pickGrant(seed);
        index = _pickMilestone(g, indexSeed, SUBMITTED, SUBMITTED);
    }

    /// @dev After a counted vote or a settle, judged at that moment under the committee of that moment:
    /// an approved round had a quorum of eligible approvals, a rejected one enough eligible rejections to
    /// make approval impossible, and a round left open neither. (This handler never re-appoints a
    /// reviewer, so a recusal's first slot is the reviewer's slot.)
    function _checkDecision(GhostStore.GrantGhost memory g, uint8 index) internal {
        IGrantProgram gp = _programs[g.program];
        Program.Settings memory st = gp.settings();
        uint16 eligible = st.activeReviewers & ~gp.grant(g.grantId).recusedReviewers;
        Program.Milestone memory m = gp.milestone(g.grantId, index);
        uint256 approvals = _popcount(m.approvals & eligible);
        uint256 rejections = _popcount(m.rejections & eligible);
        // A counted vote or a settle implies eligible >= quorum (else QuorumUnreachable).
        uint256 spare = _popcount(eligible) - st.quorum;
        if (m.status == APPROVED) {
            if (approvals < st.quorum) ghost.violation("approvedWithoutQuorum");
            ghost.success("approved");
        } else if (m.status == REJECTED) {
            if (rejections <= spare) ghost.violation("rejectedWithoutCause");
        } else if (m.status == SUBMITTED) {
            if (approvals >= st.quorum || rejections > spare) ghost.violation("roundLeftDecided");
        }
    }

    /// @dev Whether `account` holds, or ever held, a role or a seat in either program.
    function _isOfficial(address account) internal view returns (bool) {
        if (account == ADMIN || account == MANAGER || account == TREASURER || account == GUARDIAN) return true;
        for (uint256 r = 0; r < REVIEWER_COUNT; ++r) if (account == reviewers[r]) return true;
        return false;
    }

    function _popcount(uint16 map) internal pure returns (uint256 c) {
        for (; map != 0; map &= map - 1) ++c;
    }

    /// @dev A grant that was paid something, if any (scanning from a random start).
    function _pickPaidGrant(
        uint256 seed
    ) internal view returns (bool found, uint256 gi, GhostStore.GrantGhost memory g) {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            gi = (seed + k) % n;
            g = ghost.grantAt(gi);
            if (g.paid > 0) return (true, gi, g);
        }
        return _pickGrant(seed);
    }

    /// @dev A grant that owes a recovery, if any (scanning from a random start).
    function _pickOwingGrant(
        uint256 seed
    ) internal view returns (bool found, uint256 gi, GhostStore.GrantGhost memory g) {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            gi = (seed + k) % n;
            g = ghost.grantAt(gi);
            if (_programs[g.program].grant(g.grantId).recoveryOwed > 0) return (true, gi, g);
        }
        return _pickGrant(seed);
    }

    /// @dev The first milestone (from a random start) in status `a` or `b`; a random one if none.
    function _pickMilestone(
        GhostStore.GrantGhost memory g,
        uint256 seed,
        Program.MilestoneState a,
        Program.MilestoneState b
    ) internal view returns (uint8) {
        IGrantProgram gp = _programs[g.program];
        uint256 start = seed % g.milestoneCount;
        for (uint256 k = 0; k < g.milestoneCount; ++k) {
            uint8 i = uint8((start + k) % g.milestoneCount);
            Program.MilestoneState s = gp.milestone(g.grantId, i).status;
            if (s == a || s == b) return i;
        }
        return uint8(start);
    }

    /// @dev Records cancellation and terminal milestone states the first time they are seen.
    function _snapshot(uint256 gi, GhostStore.GrantGhost memory g) internal {
        IGrantProgram gp = _programs[g.program];
        if (gp.grant(g.grantId).cancelled) ghost.noteCancelled(gi);
        for (uint256 i = 0; i < g.milestoneCount; ++i) {
            Program.MilestoneState s = gp.milestone(g.grantId, uint8(i)).status;
            if (s == PAID || s == LAPSED || s == CANCELLED) ghost.noteTerminal(g.program, g.grantId, i, uint8(s));
        }
    }
}
