// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { EntityRegistry } from "../../../contracts/EntityRegistry.sol";
import { IERC5267 } from "@openzeppelin/contracts/interfaces/IERC5267.sol";

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
import { CommitteeModel } from "./CommitteeModel.sol";
import { GhostStore } from "./GhostStore.sol";

/// @title Handler
/// @notice The only fuzz target of the invariant suite. Drives two programs on one registry (4
/// entities, 4 reviewers of 6 candidates, quorum 3) through their whole lifecycle with bounded inputs,
/// and through the events around it: pauses and resumptions across deadlines and notice windows,
/// reviewers appointed, removed and re-appointed, quorum changes, recusals, relayed batches of EIP-712
/// signed votes (some expired or signed for an earlier round, which must be refused), settling, and
/// payout-wallet rotations (sometimes onto an official's address, preferably the wallet of a grant about
/// to be paid). Every call into a program is made with the right role via `vm.prank` and a low-level
/// call, so refusals are swallowed and the run goes on; the ghosts ({GhostStore}) and the committee
/// model ({CommitteeModel}) are updated only from calls that succeeded, and every decision is judged
/// against the model at the moment it is made.
contract Handler is World {
    uint256 public constant MAX_GRANTS = 16;
    uint256 public constant CANDIDATES = 6;
    uint40 public constant NOTICE_A = 7 days;
    uint40 public constant NOTICE_B = 2 days;
    bytes32 public constant SHARED_GROUP = keccak256("group:shared-across-programs");

    /// @dev Submits signed-vote batches (anyone may).
    address internal constant RELAYER = address(0xAF); // apart from the objectors (0xA7 + 0..3)
    bytes32 internal constant VOTE_TYPEHASH = keccak256(
        "Vote(address reviewer,uint256 grantId,uint8 milestoneIndex,uint8 round,uint8 reviewerSlot,bytes32 termsHash,bytes32 evidenceHash,bool approve,bytes32 reasonHash,uint256 deadline)"
    );
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );

    GhostStore public immutable ghost;
    CommitteeModel public immutable model;
    IGrantProgram[2] internal _programs;
    /// @dev Everyone who may sit on a committee (the first four are the first committee) and their keys.
    address[6] internal _candidates;
    uint256[6] internal _candidateKeys;
    /// @dev Fresh payout wallets handed out by rotateWallet.
    uint160 internal _walletsMade;
    /// @notice Program B's fiscal years closed so far, oldest first, and each one's line when it was closed.
    uint16[] public closedYears;
    mapping(uint16 year => bytes32 lineHash) public closedLines;

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
        for (uint256 c = 0; c < CANDIDATES; ++c) {
            _candidateKeys[c] = c < REVIEWER_COUNT ? reviewerKey(c) : 0xC0 + c;
            _candidates[c] = vm.addr(_candidateKeys[c]);
        }
        model = new CommitteeModel(REVIEWER_COUNT, QUORUM);
        // Program A: upheld objections send the milestone back for resubmission; B: they cancel it.
        _programs[0] = _createProgram("A", NOTICE_A, Program.UpheldObjectionOutcome.Resubmit);
        // B keeps its budget by fiscal year (Beijing, from 1 January; the rest returned at a close).
        _programs[1] = _createProgram(
            "B",
            NOTICE_B,
            Program.UpheldObjectionOutcome.Cancel,
            Program.FiscalCalendar({ startMonth: 1, utcOffsetMinutes: 480, yearEnd: Program.YearEndRule.Return })
        );
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

    /// @notice Entity `e`'s payout wallet as the handler last set it.
    function entityWallet(uint256 e) external view returns (address) {
        return entityWallets[e];
    }

    /// @notice Candidate `c`'s address (0–3: the first committee).
    function candidate(uint256 c) external view returns (address) {
        return _candidates[c];
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
        (Program.MilestoneTerms[] memory t, uint256 total) = _terms(p, categoryId, amountSeed, termSeed);
        uint256 nextId = _programs[p].grantCount() + 1;
        if (_call(p, MANAGER, abi.encodeCall(IProgramAwards.award, (entityIds[e], categoryId, 0, t)), "award")) {
            _noteAward(p, nextId, e, categoryId, t, total);
        }
    }

    /// @dev Program B: an award naming a fiscal year from the one before the current one to two ahead. The
    /// year before has ended (closed or not): an award against it must be refused.
    function awardInYear(uint256 entitySeed, uint256 yearSeed, uint256 amountSeed, uint256 termSeed) public {
        if (ghost.grantCount() >= MAX_GRANTS) return;
        uint16 current = _programs[1].fiscalYearOf(block.timestamp);
        _awardInYear(
            uint8(entitySeed % ENTITY_COUNT),
            current - 1 + uint16(yearSeed % 4),
            current,
            amountSeed,
            termSeed
        );
    }

    function _awardInYear(uint8 e, uint16 year, uint16 current, uint256 amountSeed, uint256 termSeed) private {
        uint16 categoryId = uint16(amountSeed % 3) + 1;
        (Program.MilestoneTerms[] memory t, uint256 total) = _terms(1, categoryId, amountSeed, termSeed);
        uint256 nextId = _programs[1].grantCount() + 1;
        bool ok = _call(
            1,
            MANAGER,
            abi.encodeCall(
                IProgramAwards.awardWithOptions,
                (entityIds[e], categoryId, 0, t, Program.AwardOptions(year, 0, bytes32(termSeed)))
            ),
            "awardInYear"
        );
        if (!ok) return;
        if (year < current) ghost.violation(GhostStore.Violation.EndedYearAwarded);
        _noteAward(1, nextId, e, categoryId, t, total);
    }

    /// @dev 1–4 milestones adding up to the award. Fixed: the exact amount. Capped: up to 12.5 % over the
    /// cap, so refusals are exercised too.
    function _terms(
        uint8 p,
        uint16 categoryId,
        uint256 amountSeed,
        uint256 termSeed
    ) private view returns (Program.MilestoneTerms[] memory t, uint256 total) {
        Program.Category memory c = _programs[p].category(categoryId);
        uint256 count = _bound(termSeed, 1, 4);
        total = c.mode == Program.AwardMode.Fixed ? c.amount : _bound(amountSeed, count, c.amount + c.amount / 8);
        t = new Program.MilestoneTerms[](count);
        uint256 left = total;
        uint40 deadline = uint40(block.timestamp);
        for (uint256 i = 0; i < count; ++i) {
            uint256 h = uint256(keccak256(abi.encode(termSeed, amountSeed, i)));
            uint256 part = i + 1 == count ? left : _bound(h, 1, left - (count - 1 - i));
            left -= part;
            deadline += uint40(_bound(h >> 128, 1 days, 45 days));
            t[i] = Program.MilestoneTerms({ amount: uint128(part), deadline: deadline, descriptionHash: bytes32(h) });
        }
    }

    /// @dev Records a grant the program accepted in the ghost model.
    function _noteAward(
        uint8 p,
        uint256 grantId,
        uint8 e,
        uint16 categoryId,
        Program.MilestoneTerms[] memory t,
        uint256 total
    ) private {
        if (_isOfficial(p, entityWallets[e])) ghost.violation(GhostStore.Violation.OfficialAwarded);
        for (uint256 i = 0; i < t.length; ++i) ghost.noteAmount(p, grantId, i, t[i].amount);
        ghost.pushGrant(
            GhostStore.GrantGhost({
                program: p,
                grantId: uint64(grantId),
                entity: e,
                categoryId: categoryId,
                award: uint128(total),
                paid: 0,
                milestoneCount: uint8(t.length),
                cancelled: false,
                paidAtCancel: 0
            })
        );
    }

    function submitEvidence(uint256 gSeed, uint256 indexSeed, uint256 evidenceSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrantWith(gSeed, PENDING, REJECTED);
        if (!found) return;
        uint8 index = _pickMilestone(g, indexSeed, PENDING, REJECTED);
        bytes32 evidence = keccak256(abi.encode("evidence", evidenceSeed));
        bool ok = _call(
            g.program,
            entityWallets[g.entity],
            abi.encodeCall(IProgramReview.submitEvidence, (g.grantId, index, evidence)),
            "submitEvidence"
        );
        if (ok) model.startRound(g.program, g.grantId, index);
        _snapshot(gi, g);
    }

    function vote(uint256 gSeed, uint256 indexSeed, uint256 reviewerSeed, uint256 approveSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g, uint8 index) = _pickRound(gSeed, indexSeed);
        if (!found) return;
        IGrantProgram gp = _programs[g.program];
        bool approve = approveSeed % 4 != 0; // 75 % approvals so quorums are reached
        bytes32 termsHash = gp.grant(g.grantId).termsHash;
        bytes32 evidence = gp.evidenceOf(g.grantId, index);
        // Start from a random candidate; usually move on to one the model says may vote now.
        uint256 c = reviewerSeed % CANDIDATES;
        if ((reviewerSeed >> 8) % 8 != 0) {
            for (uint256 k = 0; k < CANDIDATES; ++k) {
                if (model.countable(g.program, g.grantId, index, (c + k) % CANDIDATES)) {
                    c = (c + k) % CANDIDATES;
                    break;
                }
            }
        }
        bytes memory data = abi.encodeCall(
            IProgramReview.vote,
            (g.grantId, index, termsHash, evidence, approve, bytes32(0))
        );
        if (_call(g.program, _candidates[c], data, "vote")) {
            _countInModel(g, index, c, approve);
            _judge(gi, g, index);
        }
        _snapshot(gi, g);
    }

    /// @dev A relayer submits 1–4 EIP-712 signed votes on one milestone, digests computed here from the
    /// EIP-712 rules (not with the program's `voteDigest`). One batch in eight carries a signature for the
    /// previous round and one in eight an expired one: the whole batch must then be refused. Otherwise
    /// the model walks the batch as the rules say (skip a vote already cast from this seat, a recused
    /// signer, anything after the round is decided) and the result is judged against it.
    function signedVotes(uint256 gSeed, uint256 indexSeed, uint256 batchSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g, uint8 index) = _pickRound(gSeed, indexSeed);
        if (!found) return;
        IGrantProgram gp = _programs[g.program];
        bytes32 termsHash = gp.grant(g.grantId).termsHash;
        bytes32 evidence = gp.evidenceOf(g.grantId, index);
        bytes32 key = model.milestoneKey(g.program, g.grantId, index);
        uint8 round = model.rounds(key);
        bool wasOpen = model.open(key);
        uint256 flaw = (batchSeed >> 200) % 8; // 0: stale round, 1: expired, else none
        uint256 n = _bound(batchSeed, 1, 4);
        Program.SignedVote[] memory votes = new Program.SignedVote[](n);
        uint256[] memory signers = new uint256[](n);
        for (uint256 k = 0; k < n; ++k) {
            signers[k] = uint8(batchSeed >> (8 + 8 * k)) % CANDIDATES;
            bool approve = (batchSeed >> (64 + 2 * k)) % 4 != 0;
            uint8 signedRound = k == 0 && flaw == 0 && round > 0 ? round - 1 : round;
            uint256 deadline = k == 0 && flaw == 1 ? block.timestamp - 1 : block.timestamp + 1 hours;
            votes[k] = _signVote(
                g.program,
                signers[k],
                g.grantId,
                index,
                signedRound,
                termsHash,
                evidence,
                approve,
                deadline
            );
        }
        bytes memory data = abi.encodeCall(
            IProgramRulings.submitSignedVotes,
            (g.grantId, index, termsHash, evidence, votes)
        );
        if (_call(g.program, RELAYER, data, "signedVotes")) {
            if (flaw == 1 || (flaw == 0 && round > 0)) ghost.violation(GhostStore.Violation.BadSignatureAccepted);
            bool counted;
            for (uint256 k = 0; k < n; ++k) {
                // A seat is required of every signer (else the batch is refused); the rest may be skipped.
                if (!model.isSeated(g.program, signers[k])) ghost.violation(GhostStore.Violation.VoteNotCountable);
                if (!model.countable(g.program, g.grantId, index, signers[k])) continue;
                _countInModel(g, index, signers[k], votes[k].approve);
                counted = true;
                if (model.outcome(g.program, g.grantId, index) != CommitteeModel.Outcome.Open) break;
            }
            // Only a counted vote decides: a batch of skipped votes leaves a round that a committee change
            // has decided open until the next vote or a settle, as the rules say.
            if (wasOpen && counted) _judge(gi, g, index);
        }
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
            if (block.timestamp >= ends) ghost.violation(GhostStore.Violation.ObjectionAfterNoticeEnd);
            ghost.noteObjection(g.program, g.grantId, index, _roundOf(g, index), objector);
        }
        _snapshot(gi, g);
    }

    function ruleOnObjection(uint256 gSeed, uint256 indexSeed, bool uphold) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrantWith(gSeed, CONTESTED, CONTESTED);
        if (!found) return;
        uint8 index = _pickMilestone(g, indexSeed, CONTESTED, CONTESTED);
        bytes memory data = abi.encodeCall(IProgramRulings.ruleOnObjection, (g.grantId, index, uphold, bytes32(0)));
        address objector = _programs[g.program].objection(g.grantId, index).objector;
        if (_call(g.program, MANAGER, data, "ruleOnObjection")) {
            ghost.success(uphold ? bytes32("upheld") : bytes32("dismissed"));
            // A dismissed objector tries again at once: refused (one objection per account and round).
            if (!uphold) _objectAgain(g, index, objector);
        }
        _snapshot(gi, g);
    }

    /// @dev Usually claims the approved milestones (payable or still in notice, so early claims are
    /// attempted); sometimes a random index, sometimes a duplicate index.
    function claim(uint256 gSeed, uint256 modeSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = modeSeed % 8 == 0
            ? _pickGrant(gSeed)
            : _pickGrantWith(gSeed, APPROVED, APPROVED);
        if (!found) return;
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
            indexes = _approvedIndexes(g, modeSeed >> 8);
        }
        _claim(gi, g, indexes);
        _snapshot(gi, g);
    }

    /// @dev Usually at the current time; one call in four, first to the exact second of a deadline less
    /// than two days away (a lapse then must be refused: it lapses strictly after).
    function lapse(uint256 gSeed, uint256 indexSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrantWith(gSeed, PENDING, SUBMITTED);
        if (!found) return;
        uint8 index = _pickMilestone(g, indexSeed, PENDING, SUBMITTED);
        if (indexSeed % 2 == 0) index = _pickMilestone(g, indexSeed >> 1, REJECTED, PENDING);
        // One call in four, any milestone: a paid, cancelled or approved one must never lapse.
        if ((indexSeed >> 16) % 4 == 0) index = uint8((indexSeed >> 24) % g.milestoneCount);
        uint40 deadline = _programs[g.program].milestone(g.grantId, index).deadline;
        bool paused = _programs[g.program].paused();
        if ((indexSeed >> 8) % 4 == 0 && !paused && deadline > block.timestamp && deadline - block.timestamp < 2 days) {
            vm.warp(deadline);
        }
        if (_call(g.program, address(this), abi.encodeCall(IProgramPayouts.lapse, (g.grantId, index)), "lapse")) {
            if (block.timestamp <= deadline) ghost.violation(GhostStore.Violation.LapseBeforeDeadline);
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

    /// @dev Program B: appropriates to the current fiscal year or one of the next two.
    function fundYear(uint256 aheadSeed, uint256 amountRaw) public {
        uint16 year = _programs[1].fiscalYearOf(block.timestamp) + uint16(aheadSeed % 3);
        uint256 amount = _bound(amountRaw, 1, 1_000_000);
        token.mint(TREASURER, amount);
        vm.prank(TREASURER);
        token.approve(address(_programs[1]), amount);
        if (_call(1, TREASURER, abi.encodeCall(IProgramTreasury.fundFiscalYear, (year, amount)), "fundYear")) {
            ghost.addFunded(1, amount);
        }
    }

    /// @dev Program B: closes its oldest open fiscal year (refused until it has ended), and records the
    /// closed year's line, which must never change again.
    function closeYear() public {
        uint16 year = _programs[1].fiscalBook().nextToClose;
        uint256 before = token.balanceOf(TREASURY);
        if (_call(1, TREASURER, abi.encodeCall(IProgramTreasury.closeFiscalYear, (year)), "closeYear")) {
            ghost.addWithdrawn(1, token.balanceOf(TREASURY) - before);
            closedYears.push(year);
            closedLines[year] = keccak256(abi.encode(_programs[1].fiscalYear(year)));
        }
    }

    /// @dev Moves the clock on by up to 200 days, so fiscal years end and can be closed.
    function warpMonths(uint256 secondsRaw) public {
        vm.warp(block.timestamp + _bound(secondsRaw, 1 days, 200 days));
        ghost.success("warpMonths");
    }

    /// @notice Program B's closed fiscal years, in the order they were closed.
    function closedYearCount() external view returns (uint256) {
        return closedYears.length;
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

    /// @dev A candidate declares a conflict of interest on a grant (refused unless seated).
    function declareConflict(uint256 gSeed, uint256 reviewerSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrant(gSeed);
        if (!found) return;
        uint256 c = reviewerSeed % CANDIDATES;
        bytes memory data = abi.encodeCall(IProgramCommittee.declareConflict, (g.grantId));
        if (_call(g.program, _candidates[c], data, "declareConflict")) {
            if (!model.isSeated(g.program, c)) ghost.violation(GhostStore.Violation.VoteNotCountable);
            model.recuse(g.program, g.grantId, c);
        }
        _snapshot(gi, g);
    }

    /// @dev Anyone settles a round that a recusal or a quorum change has decided.
    function settle(uint256 gSeed, uint256 indexSeed) public {
        (bool found, uint256 gi, GhostStore.GrantGhost memory g, uint8 index) = _pickRound(gSeed, indexSeed);
        if (!found) return;
        if (_call(g.program, OBJECTOR, abi.encodeCall(IProgramRulings.settle, (g.grantId, index)), "settle")) {
            _judge(gi, g, index);
        }
        _snapshot(gi, g);
    }

    /// @dev The admin sets the quorum between 2 and the committee's size.
    function setQuorum(uint256 pSeed, uint256 qSeed) public {
        uint8 p = uint8(pSeed % 2);
        uint8 q = uint8(2 + (qSeed % (REVIEWER_COUNT - 1)));
        if (_call(p, ADMIN, abi.encodeCall(IProgramCommittee.setQuorum, (q)), "setQuorum")) model.setQuorum(p, q);
    }

    /// @dev The admin removes a seated candidate, or appoints one who is not seated (a first
    /// appointment, or a re-appointment on a new slot that must keep the person's recusals).
    function changeCommittee(uint256 pSeed, uint256 cSeed) public {
        uint8 p = uint8(pSeed % 2);
        uint256 c = cSeed % CANDIDATES;
        address person = _candidates[c];
        if (model.isSeated(p, c)) {
            bytes memory data = abi.encodeCall(IProgramCommittee.removeReviewer, (person));
            if (_call(p, ADMIN, data, "removeReviewer")) model.remove(p, c);
        } else {
            bytes memory data = abi.encodeCall(IProgramCommittee.addReviewer, (person));
            if (_call(p, ADMIN, data, "addReviewer")) {
                if (model.everAppointed(p, c)) ghost.success("reappointed");
                model.appoint(p, c);
            }
        }
    }

    /// @dev The registrar moves an entity's payout wallet through the registry's delay: usually to a fresh
    /// account; one time in four to a candidate's (an official once appointed, who must never be paid),
    /// then preferably the wallet of an entity with an approved milestone, so the next claim is the test.
    function rotateWallet(uint256 entitySeed, uint256 targetSeed) public {
        uint8 e = uint8(entitySeed % ENTITY_COUNT);
        bool ontoCandidate = targetSeed % 4 == 0;
        (bool found, uint256 gi, GhostStore.GrantGhost memory g) = _pickGrantWith(entitySeed, APPROVED, APPROVED);
        if (ontoCandidate && found) e = g.entity;
        address next =
            ontoCandidate ? _candidates[(targetSeed >> 8) % CANDIDATES] : address(uint160(0xF000) + ++_walletsMade);
        ghost.attempt("rotateWallet");
        try registry.requestWalletChange(entityNos[e], next) {} catch {
            return; // e.g. that reviewer's address already pays another entity
        }
        vm.warp(block.timestamp + WALLET_DELAY);
        registry.completeWalletChange(entityNos[e]);
        entityWallets[e] = next;
        ghost.success("rotateWallet");
        // The new wallet tries at once to collect what is approved (after the 3-day delay, program B's
        // 2-day notice windows are over): an official's wallet must be refused.
        if (ontoCandidate && found && g.entity == e) _claim(gi, g, _approvedIndexes(g, targetSeed));
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

    /// @dev Like a committee: usually the open round (Submitted milestone of a live grant) closest to a decision;
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
                uint256 at = (seed + k) % n;
                GhostStore.GrantGhost memory h = ghost.grantAt(at);
                IGrantProgram gp = _programs[h.program];
                if (gp.grant(h.grantId).cancelled) continue; // a cancelled grant's round stays Submitted
                for (uint8 i = 0; i < h.milestoneCount; ++i) {
                    Program.Milestone memory m = gp.milestone(h.grantId, i);
                    if (m.status != SUBMITTED || block.timestamp > m.deadline) continue;
                    int256 votes = int256(uint256(_popcount(m.approvals | m.rejections)));
                    if (votes > best) {
                        (best, gi, g, index) = (votes, at, h, i);
                    }
                }
            }
            if (best >= 0) return (true, gi, g, index);
        }
        (found, gi, g) = _pickGrant(seed);
        index = _pickMilestone(g, indexSeed, SUBMITTED, SUBMITTED);
    }

    /// @dev Counts a vote the contract accepted in the model; accepting one the model says may not count
    /// (round closed, not seated, recused, already voted from this seat, quorum unreachable) is a violation.
    function _countInModel(GhostStore.GrantGhost memory g, uint8 index, uint256 c, bool approve) internal {
        if (!model.countable(g.program, g.grantId, index, c) || !model.reachable(g.program, g.grantId, index))
            ghost.violation(GhostStore.Violation.VoteNotCountable);
        model.record(g.program, g.grantId, index, c, approve);
    }

    /// @dev After a counted vote, a signed batch or a settle: the milestone's state must be what the
    /// model decides under the committee of this moment. A decided round closes in the model; an
    /// approval is followed at once by the grantee's claim, which must be refused (notice window).
    function _judge(uint256 gi, GhostStore.GrantGhost memory g, uint8 index) internal {
        CommitteeModel.Outcome o = model.outcome(g.program, g.grantId, index);
        Program.MilestoneState status = _programs[g.program].milestone(g.grantId, index).status;
        if (status == APPROVED && o != CommitteeModel.Outcome.Approved)
            ghost.violation(GhostStore.Violation.ApprovedWithoutQuorum);
        if (status == REJECTED && o != CommitteeModel.Outcome.Rejected)
            ghost.violation(GhostStore.Violation.RejectedWithoutCause);
        if (status == SUBMITTED && o != CommitteeModel.Outcome.Open)
            ghost.violation(GhostStore.Violation.RoundLeftDecided);
        if (o != CommitteeModel.Outcome.Open) model.close(g.program, g.grantId, index);
        if (status == APPROVED) {
            ghost.success("approved");
            uint8[] memory indexes = new uint8[](1);
            indexes[0] = index;
            _claim(gi, g, indexes);
        }
    }

    /// @dev The grant's approved milestones (in notice or payable); one random index if there is none.
    function _approvedIndexes(
        GhostStore.GrantGhost memory g,
        uint256 seed
    ) internal view returns (uint8[] memory indexes) {
        IGrantProgram gp = _programs[g.program];
        uint8 n;
        uint8[] memory tmp = new uint8[](g.milestoneCount);
        for (uint8 i = 0; i < g.milestoneCount; ++i) {
            if (gp.milestone(g.grantId, i).status == APPROVED) tmp[n++] = i;
        }
        if (n == 0) {
            n = 1;
            tmp[0] = uint8(seed % g.milestoneCount);
        }
        indexes = new uint8[](n);
        for (uint8 i = 0; i < n; ++i) indexes[i] = tmp[i];
    }

    /// @dev The grantee's wallet claims `indexes`; on success every paid milestone is checked against
    /// what was true before the call and against the amounts the handler proposed at the award.
    function _claim(uint256 gi, GhostStore.GrantGhost memory g, uint8[] memory indexes) internal {
        IGrantProgram gp = _programs[g.program];
        _objectLate(g, indexes);
        Program.Milestone[] memory before = new Program.Milestone[](indexes.length);
        for (uint256 i = 0; i < indexes.length; ++i) {
            if (indexes[i] < g.milestoneCount) before[i] = gp.milestone(g.grantId, indexes[i]);
        }
        bool cancelledBefore = gp.grant(g.grantId).cancelled;
        address wallet = entityWallets[g.entity];
        uint256 balanceBefore = token.balanceOf(wallet);

        if (_call(g.program, wallet, abi.encodeCall(IProgramPayouts.claim, (g.grantId, indexes)), "claim")) {
            if (_isOfficial(g.program, wallet)) ghost.violation(GhostStore.Violation.OfficialPaid);
            uint256 expected;
            for (uint256 i = 0; i < indexes.length; ++i) {
                if (before[i].status != APPROVED) ghost.violation(GhostStore.Violation.ClaimOfUnapproved);
                if (block.timestamp < before[i].noticeEndsAt)
                    ghost.violation(GhostStore.Violation.ClaimBeforeNoticeEnd);
                uint128 amount = ghost.amountOf(g.program, g.grantId, indexes[i]);
                ghost.notePaid(gi, indexes[i], amount);
                expected += amount;
                ghost.success("milestonePaid");
            }
            if (cancelledBefore) ghost.violation(GhostStore.Violation.ClaimOnCancelled);
            uint256 received = token.balanceOf(wallet) - balanceBefore;
            if (received != expected) ghost.violation(GhostStore.Violation.ClaimPaidWrongAmount);
            ghost.addPaid(g.program, received);
            // The grantee spends the money elsewhere, so later balance checks stay per-claim.
            vm.prank(wallet);
            token.transfer(address(0xdead), received);
        }
    }

    /// @dev The milestone's review round as the model counted it.
    function _roundOf(GhostStore.GrantGhost memory g, uint8 index) internal view returns (uint8) {
        return model.rounds(model.milestoneKey(g.program, g.grantId, index));
    }

    /// @dev `objector`, just dismissed, objects to the same milestone again.
    function _objectAgain(GhostStore.GrantGhost memory g, uint8 index, address objector) internal {
        bytes memory data = abi.encodeCall(IProgramNotice.object, (g.grantId, index, keccak256("again")));
        if (_call(g.program, objector, data, "objectAgain")) {
            ghost.noteObjection(g.program, g.grantId, index, _roundOf(g, index), objector);
        }
    }

    /// @dev Just before a claim, a citizen who missed the window objects to each approved milestone whose
    /// notice is over: it must be refused (an accepted one is a violation, and blocks the claim).
    function _objectLate(GhostStore.GrantGhost memory g, uint8[] memory indexes) internal {
        IGrantProgram gp = _programs[g.program];
        address latecomer = address(uint160(OBJECTOR) + 3);
        for (uint256 i = 0; i < indexes.length; ++i) {
            if (indexes[i] >= g.milestoneCount) continue;
            Program.Milestone memory m = gp.milestone(g.grantId, indexes[i]);
            if (m.status != APPROVED || block.timestamp < m.noticeEndsAt) continue;
            bytes memory data = abi.encodeCall(IProgramNotice.object, (g.grantId, indexes[i], keccak256("late")));
            if (_call(g.program, latecomer, data, "lateObjection"))
                ghost.violation(GhostStore.Violation.ObjectionAfterNoticeEnd);
        }
    }

    /// @dev An EIP-712 vote signed by candidate `c`, its digest built here from the standard's rules and
    /// the program's ERC-5267 domain, for the slot the model says the candidate holds.
    function _signVote(
        uint8 p,
        uint256 c,
        uint256 grantId,
        uint8 index,
        uint8 round,
        bytes32 termsHash,
        bytes32 evidenceHash,
        bool approve,
        uint256 deadline
    ) internal view returns (Program.SignedVote memory) {
        address signer = _candidates[c];
        bytes32 structHash = keccak256(
            abi.encode(
                VOTE_TYPEHASH,
                signer,
                grantId,
                index,
                round,
                model.slotOf(p, c),
                termsHash,
                evidenceHash,
                approve,
                bytes32(0),
                deadline
            )
        );
        (, string memory name, string memory version, uint256 chainId, address verifyingContract, , ) = IERC5267(
            address(_programs[p])
        ).eip712Domain();
        bytes32 domain = keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(name)), keccak256(bytes(version)), chainId, verifyingContract)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(
            _candidateKeys[c],
            keccak256(abi.encodePacked("\x19\x01", domain, structHash))
        );
        return
            Program.SignedVote({
                reviewer: signer,
                approve: approve,
                reasonHash: bytes32(0),
                deadline: deadline,
                signature: abi.encodePacked(r, s, v)
            });
    }

    /// @dev Whether `account` holds, or ever held, a role in program `p` or a seat on its committee
    /// (from the handler's own record of appointments, not the program's).
    function _isOfficial(uint8 p, address account) internal view returns (bool) {
        if (account == ADMIN || account == MANAGER || account == TREASURER || account == GUARDIAN) return true;
        for (uint256 c = 0; c < CANDIDATES; ++c)
            if (account == _candidates[c] && model.everAppointed(p, c)) return true;
        return false;
    }

    /// @dev Counts set bits on its own rather than through Bitmap16.count, so a break in the library
    ///      cannot hide from the ghost that checks it.
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
