// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { EntityRegistry } from "../../../contracts/EntityRegistry.sol";
import { IGrantProgram } from "../../../contracts/interfaces/IGrantProgram.sol";
import { Bitmap16 } from "../../../contracts/libraries/Bitmap16.sol";
import { MockYuan } from "../../../contracts/mocks/MockYuan.sol";
import { Program } from "../../../contracts/types/DataTypes.sol";
import { Assertions } from "../utils/Assertions.sol";
import { vm } from "../utils/Vm.sol";
import { CommitteeModel } from "./CommitteeModel.sol";
import { GhostStore } from "./GhostStore.sol";
import { Handler } from "./Handler.sol";

/// @title InvariantsTest
/// @notice The checklist's invariants over random lifecycles of two programs sharing one registry.
/// The fuzzer calls only the {Handler}; every `invariant_*` is checked after each call.
contract InvariantsTest is Assertions {
    Handler internal handler;
    GhostStore internal ghost;
    CommitteeModel internal model;
    MockYuan internal token;
    EntityRegistry internal registry;
    IGrantProgram[2] internal programs;

    address internal constant TREASURY = address(0xA4);

    function setUp() public {
        handler = new Handler();
        ghost = handler.ghost();
        model = handler.model();
        token = handler.yuan();
        registry = handler.entityRegistry();
        programs[0] = handler.program(0);
        programs[1] = handler.program(1);
        // Both programs start with a budget, through the handler so the ghosts see it.
        handler.fund(0, 1_000_000);
        handler.fund(1, 1_000_000);
    }

    /// @notice Restricts the fuzzer to the handler (standard selector read by the runner).
    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    struct GrantSums {
        uint256 milestoneSum;
        uint256 paidSum;
        uint256 releasedSum;
        uint256 paidMilestones;
    }

    /// @dev Sums a grant's milestones by what happened to them, from the contract's own state.
    function _sums(GhostStore.GrantGhost memory g) internal view returns (GrantSums memory s, Program.Grant memory gr) {
        IGrantProgram gp = programs[g.program];
        gr = gp.grant(g.grantId);
        for (uint256 i = 0; i < gr.milestoneCount; ++i) {
            Program.Milestone memory m = gp.milestone(g.grantId, uint8(i));
            s.milestoneSum += m.amount;
            if (m.status == Program.MilestoneState.Paid) {
                s.paidSum += m.amount;
                ++s.paidMilestones;
            } else if (
                m.status == Program.MilestoneState.Lapsed ||
                m.status == Program.MilestoneState.Cancelled ||
                gr.cancelled
            ) {
                s.releasedSum += m.amount;
            }
        }
    }

    /// @dev Whether the grant still holds its award key in the registry (released only by a cancel
    /// before any payment).
    function _holdsKey(Program.Grant memory gr) internal pure returns (bool) {
        return !(gr.cancelled && gr.paidCount == 0);
    }

    /*//////////////////////////////////////////////////////////////
                               INVARIANTS
    //////////////////////////////////////////////////////////////*/

    /// @notice I1: balance >= funded + repaid - paid - withdrawn, and equal to it plus net donations.
    function invariant_I1_Solvency() public view {
        for (uint8 p = 0; p < 2; ++p) {
            Program.Ledger memory l = programs[p].ledger();
            uint256 balance = token.balanceOf(address(programs[p]));
            uint256 accounted = uint256(l.funded) + l.repaid - l.paid - l.withdrawn;
            assertGe(balance, accounted, "I1 Solvency: balance >= funded + repaid - paid - withdrawn");
            uint256 ghostAccounted = ghost.funded(p) + ghost.repaid(p) - ghost.paid(p) - ghost.withdrawn(p);
            assertEq(
                balance,
                ghostAccounted + ghost.donated(p) - ghost.swept(p),
                "I1 Solvency: balance == ghost flows"
            );
            assertEq(l.funded, ghost.funded(p), "I1 Solvency: ledger funded == ghost funded");
            assertEq(l.paid, ghost.paid(p), "I1 Solvency: ledger paid == ghost paid");
            assertEq(l.withdrawn, ghost.withdrawn(p), "I1 Solvency: ledger withdrawn == ghost withdrawn");
            assertEq(l.repaid, ghost.repaid(p), "I1 Solvency: ledger repaid == ghost repaid");
        }
    }

    /// @notice Ledger identity: funded + repaid == available + reserved + paid + withdrawn, with the
    /// program-level counters equal to the sums over its grants.
    function invariant_LedgerIdentity() public view {
        uint256[2] memory reservedSum;
        uint256[2] memory owedSum;
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            GhostStore.GrantGhost memory g = ghost.grantAt(k);
            Program.Grant memory gr = programs[g.program].grant(g.grantId);
            reservedSum[g.program] += gr.reserved;
            owedSum[g.program] += gr.recoveryOwed;
        }
        for (uint8 p = 0; p < 2; ++p) {
            Program.Ledger memory l = programs[p].ledger();
            assertEq(
                uint256(l.funded) + l.repaid,
                programs[p].available() + l.reserved + l.paid + l.withdrawn,
                "Ledger identity: funded + repaid == available + reserved + paid + withdrawn"
            );
            assertEq(l.reserved, reservedSum[p], "Ledger identity: ledger reserved == sum of grant reserves");
            assertEq(l.recoveryOutstanding, owedSum[p], "Ledger identity: outstanding == sum of recoveries owed");
        }
    }

    /// @notice I2: for each grant, award == paid + reserved + released (lapsed or cancelled).
    function invariant_I2_Conservation() public view {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            GhostStore.GrantGhost memory g = ghost.grantAt(k);
            (GrantSums memory s, Program.Grant memory gr) = _sums(g);
            assertEq(
                g.award,
                s.paidSum + gr.reserved + s.releasedSum,
                "I2 Conservation: award == paid + reserved + released"
            );
            assertEq(g.paid, s.paidSum, "I2 Conservation: ghost paid == sum of Paid milestones");
        }
    }

    /// @notice I3: the stored milestone amounts add up exactly to the award the handler proposed.
    function invariant_I3_ExactSums() public view {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            GhostStore.GrantGhost memory g = ghost.grantAt(k);
            (GrantSums memory s, Program.Grant memory gr) = _sums(g);
            assertEq(s.milestoneSum, g.award, "I3 ExactSums: sum of milestone amounts == award");
            for (uint256 i = 0; i < gr.milestoneCount; ++i) {
                assertEq(
                    programs[g.program].milestone(g.grantId, uint8(i)).amount,
                    ghost.amountOf(g.program, g.grantId, i),
                    "I3 ExactSums: each milestone keeps the amount proposed at the award"
                );
            }
            assertEq(gr.milestoneCount, g.milestoneCount, "I3 ExactSums: milestone count == proposed");
        }
    }

    /// @notice I4: a milestone is paid at most once, only if approved and after its notice window.
    function invariant_I4_PayOnce() public view {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            GhostStore.GrantGhost memory g = ghost.grantAt(k);
            IGrantProgram gp = programs[g.program];
            (GrantSums memory s, Program.Grant memory gr) = _sums(g);
            assertEq(gr.paidCount, s.paidMilestones, "I4 PayOnce: grant paidCount == Paid milestones");
            for (uint256 i = 0; i < g.milestoneCount; ++i) {
                uint256 times = ghost.paidCount(ghost.key(g.program, g.grantId, i));
                assertLe(times, 1, "I4 PayOnce: milestone paid at most once");
                bool isPaid = gp.milestone(g.grantId, uint8(i)).status == Program.MilestoneState.Paid;
                assertTrue(isPaid == (times == 1), "I4 PayOnce: Paid status iff paid by a claim");
            }
        }
        _never(GhostStore.Violation.ClaimOfUnapproved, "I4 PayOnce: only approved milestones are paid");
        _never(GhostStore.Violation.ClaimBeforeNoticeEnd, "I4 PayOnce: never paid inside the notice window");
    }

    /// @notice I5: the votes that count are the ones the committee model ({CommitteeModel}, which counts
    /// people, not slots) says count, after any appointment, removal, re-appointment, recusal and quorum
    /// change; every decision was right under the committee of its moment (judged by the handler at each
    /// vote, signed batch and settle); no vote was counted that may not count, and no batch with an
    /// expired or stale-round signature was accepted.
    function invariant_I5_HonestCount() public view {
        for (uint8 p = 0; p < 2; ++p) {
            Program.Settings memory st = programs[p].settings();
            assertEq(st.quorum, model.quorum(p), "I5 HonestCount: quorum == the model's");
            assertEq(st.reviewerSlotsUsed, model.slotsUsed(p), "I5 HonestCount: slots handed out == appointments");
            for (uint256 c = 0; c < model.CANDIDATES(); ++c) {
                assertEq(
                    programs[p].reviewerSlot(handler.candidate(c)),
                    model.slotOf(p, c),
                    "I5 HonestCount: each person's seat == the model's"
                );
            }
        }
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            GhostStore.GrantGhost memory g = ghost.grantAt(k);
            IGrantProgram gp = programs[g.program];
            Program.Grant memory gr = gp.grant(g.grantId);
            for (uint256 c = 0; c < model.CANDIDATES(); ++c) {
                uint8 first = model.firstSlotOf(g.program, c);
                if (first == 0) continue;
                assertTrue(
                    Bitmap16.has(gr.recusedReviewers, first - 1) == model.isRecused(g.program, g.grantId, c),
                    "I5 HonestCount: a recusal stays with the person (removal and re-appointment included)"
                );
            }
            uint8 used = gp.settings().reviewerSlotsUsed;
            for (uint256 i = 0; i < g.milestoneCount; ++i) {
                _assertRoundMatchesModel(g, gp.milestone(g.grantId, uint8(i)), i, used);
            }
        }
        _never(
            GhostStore.Violation.VoteNotCountable,
            "I5 HonestCount: only a seated, unrecused member's first vote counts"
        );
        _never(GhostStore.Violation.BadSignatureAccepted, "I5 HonestCount: expired or stale-round signatures refused");
        _never(
            GhostStore.Violation.ApprovedWithoutQuorum,
            "I5 HonestCount: approved only with a quorum of eligible approvals"
        );
        _never(GhostStore.Violation.RejectedWithoutCause, "I5 HonestCount: rejected only once approval was impossible");
        _never(GhostStore.Violation.RoundLeftDecided, "I5 HonestCount: a deciding vote or settle closes the round");
    }

    /// @dev One milestone's round against the model: distinct bits of handed-out slots only, the round
    /// number == evidence submissions accepted, and while under review each seated person's vote bit is
    /// exactly the vote the model holds for that seat.
    function _assertRoundMatchesModel(
        GhostStore.GrantGhost memory g,
        Program.Milestone memory m,
        uint256 index,
        uint8 slotsUsed
    ) internal view {
        assertEq(m.approvals & m.rejections, 0, "I5 HonestCount: no slot both approved and rejected");
        assertEq(uint256(m.approvals | m.rejections) >> slotsUsed, 0, "I5 HonestCount: only handed-out slots vote");
        bytes32 key = model.milestoneKey(g.program, g.grantId, index);
        assertEq(m.round, model.rounds(key), "I5 HonestCount: round == evidence submissions accepted");
        if (m.status != Program.MilestoneState.Submitted) return;
        assertTrue(model.open(key), "I5 HonestCount: a round under review is undecided in the model");
        for (uint256 c = 0; c < model.CANDIDATES(); ++c) {
            uint8 slot = model.slotOf(g.program, c);
            if (slot == 0) continue;
            uint8 onChain =
                Bitmap16.has(m.approvals, slot - 1)
                    ? 1
                    : Bitmap16.has(m.rejections, slot - 1)
                        ? 2
                        : 0;
            assertEq(
                onChain,
                model.currentVote(g.program, g.grantId, index, c),
                "I5 HonestCount: each member's vote == the model's (committee changes included)"
            );
        }
    }

    /// @notice I13: no account that holds or held a role or a reviewer seat is ever paid, whatever the
    /// order of awards, wallet rotations and claims.
    function invariant_I13_SeparationOfDuties() public view {
        _never(GhostStore.Violation.OfficialPaid, "I13 SeparationOfDuties: an official's wallet was paid");
        _never(GhostStore.Violation.OfficialAwarded, "I13 SeparationOfDuties: an official's entity was awarded");
    }

    /// @notice I6: Paid, Lapsed and Cancelled are terminal; a cancelled grant stays cancelled and never pays.
    function invariant_I6_TerminalStates() public view {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            GhostStore.GrantGhost memory g = ghost.grantAt(k);
            IGrantProgram gp = programs[g.program];
            for (uint256 i = 0; i < g.milestoneCount; ++i) {
                uint8 seen = ghost.terminalSeen(ghost.key(g.program, g.grantId, i));
                if (seen != 0) {
                    assertEq(uint8(gp.milestone(g.grantId, uint8(i)).status), seen - 1, "I6 TerminalStates: unchanged");
                    // What the lens, the tasks and the public read is derived (deadlines, cancellation):
                    // a terminal milestone reads as its terminal state, whatever the clock says.
                    assertEq(
                        uint8(gp.milestoneState(g.grantId, uint8(i))),
                        seen - 1,
                        "I6 TerminalStates: the public view shows the terminal state"
                    );
                }
            }
            if (g.cancelled) {
                (GrantSums memory s, Program.Grant memory gr) = _sums(g);
                assertTrue(gr.cancelled, "I6 TerminalStates: cancelled grant stays cancelled");
                assertEq(s.paidSum, g.paidAtCancel, "I6 TerminalStates: cancelled grant never pays");
            }
        }
        _never(GhostStore.Violation.ClaimOnCancelled, "I6 TerminalStates: no claim on a cancelled grant");
    }

    /// @notice I7: claims pay exactly the grantee's wallet; budget leaves only to the treasury.
    function invariant_I7_FixedDestinations() public view {
        _never(
            GhostStore.Violation.ClaimPaidWrongAmount,
            "I7 FixedDestinations: wallet received exactly the milestones"
        );
        uint256 out = ghost.withdrawn(0) + ghost.withdrawn(1) + ghost.swept(0) + ghost.swept(1);
        assertEq(token.balanceOf(TREASURY), out, "I7 FixedDestinations: treasury received withdrawals + sweeps");
    }

    /// @notice I8: a cancelled grant reserves nothing.
    function invariant_I8_CleanCancel() public view {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            GhostStore.GrantGhost memory g = ghost.grantAt(k);
            Program.Grant memory gr = programs[g.program].grant(g.grantId);
            if (gr.cancelled) assertEq(gr.reserved, 0, "I8 CleanCancel: cancelled grant has reserved == 0");
        }
    }

    /// @notice I12: no objection at/after notice end, no lapse at/before the deadline, no early claim.
    function invariant_I12_ExactBoundaries() public view {
        _never(GhostStore.Violation.ObjectionAfterNoticeEnd, "I12 ExactBoundaries: objection only before noticeEndsAt");
        _never(GhostStore.Violation.LapseBeforeDeadline, "I12 ExactBoundaries: lapse only after the deadline");
        _never(GhostStore.Violation.ClaimBeforeNoticeEnd, "I12 ExactBoundaries: claim only from noticeEndsAt");
    }

    /// @notice Objections (#7): an account objects to a milestone at most once, even after a dismissal.
    function invariant_OneObjectionPerAccount() public view {
        _never(GhostStore.Violation.ObjectionRepeated, "OneObjectionPerAccount: no account objected twice");
    }

    /// @notice Budget: reserved + paid + withdrawn <= funded + repaid; category counts and totals hold.
    function invariant_Budget() public view {
        for (uint8 p = 0; p < 2; ++p) {
            Program.Ledger memory l = programs[p].ledger();
            assertLe(
                uint256(l.reserved) + l.paid + l.withdrawn,
                uint256(l.funded) + l.repaid,
                "Budget: reserved + paid + withdrawn <= funded + repaid"
            );
            for (uint16 c = 1; c <= 3; ++c) {
                Program.Category memory cat = programs[p].category(c);
                uint256 committed;
                uint256 live;
                uint256 n = ghost.grantCount();
                for (uint256 k = 0; k < n; ++k) {
                    GhostStore.GrantGhost memory g = ghost.grantAt(k);
                    if (g.program != p || g.categoryId != c) continue;
                    (GrantSums memory s, Program.Grant memory gr) = _sums(g);
                    committed += gr.reserved + s.paidSum;
                    if (_holdsKey(gr)) ++live;
                }
                assertEq(cat.committed, committed, "Budget: category committed == reserved + paid of its grants");
                assertEq(cat.awardsMade, live, "Budget: category awardsMade == grants holding an award");
                if (cat.maxTotal != 0) assertLe(cat.committed, cat.maxTotal, "Budget: category total cap");
                if (cat.maxAwards != 0) assertLe(cat.awardsMade, cat.maxAwards, "Budget: category count cap");
            }
        }
    }

    /// @notice Fiscal years (program B): every unit of the unreserved budget sits in one open or future
    /// year — the years' available amounts add up to the program's (LedgerLib's) available — years before the
    /// oldest open one are closed, and a closed year's line never changes after its close.
    function invariant_FiscalYears() public view {
        IGrantProgram b = programs[1];
        Program.FiscalBook memory book = b.fiscalBook();
        uint16 current = b.fiscalYearOf(block.timestamp);
        uint256 sum;
        // Before the first appropriation there is no year to sum (firstYear is zero).
        uint16 from = book.firstYear == 0 ? current : book.firstYear;
        for (uint16 y = from; y <= current + 10; ++y) {
            Program.FiscalYearView memory v = b.fiscalYear(y);
            sum += v.available;
            assertTrue(v.closed == (y < book.nextToClose), "FiscalYears: closed exactly before the oldest open year");
        }
        assertEq(sum, b.available(), "FiscalYears: the years' available amounts add up to the program's");
        _never(GhostStore.Violation.EndedYearAwarded, "FiscalYears: no award reserves against an ended year");
        uint256 n = handler.closedYearCount();
        for (uint256 i = 0; i < n; ++i) {
            uint16 y = handler.closedYears(i);
            assertTrue(
                keccak256(abi.encode(b.fiscalYear(y))) == handler.closedLines(y),
                "FiscalYears: a closed year never changes"
            );
        }
    }

    /// @notice One-time: an entity holds at most one award per key (across both programs), and the
    /// registry's holder is exactly that grant.
    function invariant_OneTime() public view {
        uint256 n = ghost.grantCount();
        for (uint256 k = 0; k < n; ++k) {
            GhostStore.GrantGhost memory g = ghost.grantAt(k);
            IGrantProgram gp = programs[g.program];
            Program.Grant memory gr = gp.grant(g.grantId);
            if (!_holdsKey(gr)) continue;
            bytes32 awardKey = gp.category(g.categoryId).awardKey;
            (address holder, uint96 holderGrant) = registry.awardHolder(gr.entityNo, awardKey);
            assertEq(holder, address(gp), "One-time: registry holder is the awarding program");
            assertEq(holderGrant, g.grantId, "One-time: registry holder is this grant");
            for (uint256 j = k + 1; j < n; ++j) {
                GhostStore.GrantGhost memory h = ghost.grantAt(j);
                IGrantProgram hp = programs[h.program];
                Program.Grant memory hr = hp.grant(h.grantId);
                if (!_holdsKey(hr) || hr.entityNo != gr.entityNo) continue;
                assertTrue(hp.category(h.categoryId).awardKey != awardKey, "One-time: two live awards share a key");
            }
        }
    }

    /*//////////////////////////////////////////////////////////////
                       REACH: THE HANDLER EXERCISES STATE
    //////////////////////////////////////////////////////////////*/

    /// @dev A short bytes32 label as a string, without its trailing zero bytes.
    function _name(bytes32 label) internal pure returns (string memory) {
        uint256 len;
        while (len < 32 && label[len] != 0) ++len;
        bytes memory out = new bytes(len);
        for (uint256 i = 0; i < len; ++i) out[i] = label[i];
        return string(out);
    }

    function _checkAll() internal view {
        invariant_I1_Solvency();
        invariant_LedgerIdentity();
        invariant_I2_Conservation();
        invariant_I3_ExactSums();
        invariant_I4_PayOnce();
        invariant_I5_HonestCount();
        invariant_I6_TerminalStates();
        invariant_I7_FixedDestinations();
        invariant_I8_CleanCancel();
        invariant_I12_ExactBoundaries();
        invariant_OneObjectionPerAccount();
        invariant_Budget();
        invariant_OneTime();
        invariant_I13_SeparationOfDuties();
    }

    /// @notice A fixed sequence through the handler reaches every action, claims included.
    function test_handlerReachesClaims() public {
        // Grant 1 in program A (entity 0, category 1, 2 milestones) and grant 1 in program B.
        handler.award(0, 0, 0, 200_000, 2);
        handler.award(1, 1, 0, 100_000, 1);
        assertEq(ghost.grantCount(), 2, "reach: two grants awarded");
        // Approve milestone 0 of the program-A grant with three reviewers.
        handler.submitEvidence(0, 0, 1);
        handler.vote(0, 0, 0, 1);
        handler.vote(0, 0, 1, 1);
        handler.vote(0, 0, 2, 1);
        assertEq(ghost.successes("approved"), 1, "reach: quorum reached");
        handler.claim(0, 2); // inside the notice window: refused
        assertEq(ghost.successes("claim"), 0, "reach: early claim refused");
        handler.object(0, 0, 0);
        handler.ruleOnObjection(0, 0, false); // dismissed: back to approved
        handler.object(0, 0, 0); // the same objector again: refused
        assertEq(ghost.successes("object"), 1, "reach: second objection by the same account refused");
        handler.warp(7 days);
        handler.claim(0, 2);
        assertEq(ghost.successes("claim"), 1, "reach: claim after the notice window");
        assertGe(ghost.successes("milestonePaid"), 1, "reach: milestone paid");
        handler.claim(0, 2); // nothing approved any more
        assertEq(ghost.successes("claim"), 1, "reach: second claim refused");
        // Recovery and repayment on the paid grant.
        handler.orderRecovery(0, 10);
        handler.repay(0, 10);
        // Lapse the program-B grant's milestone after its deadline, then withdraw, donate, sweep.
        handler.warp(10 days);
        handler.warp(10 days);
        handler.warp(10 days);
        handler.warp(10 days);
        handler.warp(10 days);
        handler.lapse(1, 1);
        handler.withdraw(0, 1);
        handler.donate(0, 5);
        handler.sweepSurplus(0);
        handler.award(0, 2, 1, 0, 1);
        handler.cancelGrant(2, 0);

        bytes32[13] memory actions = [
            bytes32("fund"),
            "award",
            "submitEvidence",
            "vote",
            "object",
            "ruleOnObjection",
            "claim",
            "orderRecovery",
            "repay",
            "lapse",
            "withdraw",
            "sweepSurplus",
            "cancel"
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            assertGe(ghost.successes(actions[i]), 1, string.concat("reach: action succeeded ", _name(actions[i])));
        }
        _checkAll();
    }

    /// @notice Separation of duties in either order of events: a grantee's wallet appointed to the
    /// committee after the award, and a payout wallet rotated onto a reviewer after the approval, are both
    /// refused the money, and nothing leaves the program.
    function test_officialsNeverPaidWhateverTheOrder() public {
        // Program B (2-day notice): grant 1 to entity 0 and grant 2 to entity 1, one milestone each.
        handler.award(1, 0, 0, 100_000, 1);
        handler.award(1, 1, 0, 100_000, 1);
        // Entity 1's wallet moves onto candidate 4, who is then appointed to program B's committee.
        handler.rotateWallet(1, 4 << 8);
        assertEq(handler.entityWallet(1), handler.candidate(4), "duties: entity 1 is paid to candidate 4");
        handler.changeCommittee(1, 4);
        assertEq(programs[1].reviewerSlot(handler.candidate(4)), 5, "duties: candidate 4 appointed");
        for (uint256 gi = 0; gi < 2; ++gi) {
            handler.submitEvidence(gi, 0, 1);
            for (uint256 r = 0; r < 3; ++r) handler.vote(gi, 0, r, 1);
        }
        assertEq(ghost.successes("approved"), 2, "duties: both milestones approved");
        uint256 balance = token.balanceOf(address(programs[1]));
        // Entity 0's wallet moves onto reviewer 3 (3 days: the notice windows are over by then).
        handler.rotateWallet(0, 3 << 8);
        assertEq(handler.entityWallet(0), handler.candidate(3), "duties: entity 0 is paid to reviewer 3");
        handler.claim(0, 2);
        handler.claim(1, 2);
        assertGe(ghost.attempts("claim"), 4, "duties: claims were attempted");
        assertEq(ghost.successes("claim"), 0, "duties: neither official's wallet was paid");
        assertEq(token.balanceOf(address(programs[1])), balance, "duties: nothing left the program");
        _checkAll();
    }

    /// @notice A paid milestone stays paid: once its deadline has passed it still cannot be lapsed (which
    /// would release its amount from the reserve a second time), while the grant's unpaid milestone can.
    function test_paidMilestoneNeverLapses() public {
        // Program B (2-day notice), category 1 (capped), two milestones; the first is the smaller, so
        // the reserve left after paying it would cover a second release of it.
        handler.award(1, 0, 0, 100_000, 2);
        Program.Milestone memory first = programs[1].milestone(1, 0);
        Program.Milestone memory second = programs[1].milestone(1, 1);
        assertLe(first.amount, second.amount, "paid-stays: the fixture pays the smaller milestone first");
        handler.submitEvidence(0, 0, 1);
        for (uint256 r = 0; r < 3; ++r) handler.vote(0, 0, r, 1);
        handler.warp(2 days);
        handler.claim(0, 2);
        assertEq(ghost.successes("milestonePaid"), 1, "paid-stays: the first milestone is paid");
        // Pass both deadlines (each at most 45 days after the previous one).
        for (uint256 i = 0; i < 10; ++i) handler.warp(10 days);
        assertGe(block.timestamp, uint256(second.deadline) + 1, "paid-stays: both deadlines have passed");
        uint256 balance = token.balanceOf(address(programs[1]));
        uint256 reserved = programs[1].grant(1).reserved;

        handler.lapse(0, 0); // seed 0 names milestone 0, the paid one
        assertEq(ghost.successes("lapse"), 0, "paid-stays: a paid milestone is refused a lapse");
        assertEq(
            uint8(programs[1].milestone(1, 0).status),
            uint8(Program.MilestoneState.Paid),
            "paid-stays: still paid"
        );
        assertEq(
            uint8(programs[1].milestoneState(1, 0)),
            uint8(Program.MilestoneState.Paid),
            "paid-stays: the public view shows it paid, not lapsable, after its deadline"
        );
        assertEq(programs[1].grant(1).reserved, reserved, "paid-stays: the reserve did not move");
        assertEq(token.balanceOf(address(programs[1])), balance, "paid-stays: nothing left the program");
        _checkAll();

        handler.lapse(0, (1 << 16) | 1); // seed names the unpaid milestone 1
        assertEq(ghost.successes("lapse"), 1, "paid-stays: the unpaid milestone past its deadline lapses");
        assertEq(programs[1].grant(1).reserved, 0, "paid-stays: its reserve is released");
        _checkAll();
    }

    /// @dev A violation the handler counts must never have happened.
    function _never(GhostStore.Violation what, string memory rule) internal view {
        assertEq(ghost.violations(what), 0, rule);
    }

    /// @dev A signed-vote batch seed for {Handler.signedVotes}: three signatures by `a`, `b`, `c`, all
    /// approvals; `flaw` 0 signs the first for the previous round, 1 lets it expire, 2 none.
    function _batch(uint256 a, uint256 b, uint256 c, uint256 flaw) internal pure returns (uint256) {
        return 2 | (a << 8) | (b << 16) | (c << 24) | (uint256(0x15) << 64) | (flaw << 200);
    }

    /// @notice The votes that count follow the person through recusal, removal and re-appointment, and a
    /// relayed batch is refused whole for a stale-round or expired signature and counted as the rules say
    /// otherwise (a repeated signature skipped).
    function test_votesCountAfterCommitteeChanges() public {
        handler.award(0, 0, 0, 200_000, 1); // program A, grant 1, one milestone
        handler.submitEvidence(0, 0, 1);
        handler.declareConflict(0, 0); // reviewer 0 recuses on grant 1
        handler.changeCommittee(0, 0); // ... is removed
        handler.changeCommittee(0, 0); // ... and appointed again, on a new slot
        assertEq(ghost.successes("reappointed"), 1, "committee: reviewer 0 re-appointed");
        assertEq(programs[0].reviewerSlot(handler.candidate(0)), 5, "committee: a new slot, never a reused one");

        handler.vote(0, 0, 0, 1); // reviewer 0 votes: still recused, refused
        assertEq(ghost.successes("vote"), 0, "committee: the recusal outlived the re-appointment");
        handler.vote(0, 0, 1, 1); // reviewer 1 approves: 1 of the 3 eligible
        assertEq(ghost.successes("vote"), 1, "committee: an eligible reviewer's vote counts");

        handler.signedVotes(0, 0, _batch(2, 2, 3, 0)); // first signature for round 0: refused whole
        handler.signedVotes(0, 0, _batch(2, 2, 3, 1)); // first signature expired: refused whole
        assertEq(ghost.successes("signedVotes"), 0, "committee: stale-round and expired batches refused");
        assertEq(
            uint8(programs[0].milestone(1, 0).status),
            uint8(Program.MilestoneState.Submitted),
            "committee: nothing counted from a refused batch"
        );

        handler.signedVotes(0, 0, _batch(2, 2, 3, 2)); // reviewer 2 (twice: skipped once) and 3 approve
        assertEq(ghost.successes("signedVotes"), 1, "committee: a valid batch is accepted");
        assertEq(
            uint8(programs[0].milestone(1, 0).status),
            uint8(Program.MilestoneState.InNotice),
            "committee: three eligible approvals of three decide the round"
        );
        assertEq(ghost.successes("approved"), 1, "committee: approved once");
        assertEq(ghost.successes("claim"), 0, "committee: the grantee's claim at once is refused (notice)");
        _checkAll();
    }

    /// @notice A long pseudo-random walk with the same bounded inputs the fuzzer uses, then a wind-down in
    /// which every deadline passes, reaches every action (and both objection rulings) and keeps every
    /// invariant.
    function test_randomWalkReachesEveryAction() public {
        // First program B's fiscal years over a few years (months passing inside the walk below would end
        // its review path too early): appropriations ahead, awards naming a year, releases, closes.
        for (uint256 step = 0; step < 60; ++step) {
            uint256 r = uint256(keccak256(abi.encode("years", step)));
            uint256 x = uint256(keccak256(abi.encode(r, 1)));
            uint256 y = uint256(keccak256(abi.encode(r, 2)));
            uint256 a = r % 6;
            if (a == 0) handler.fundYear(x, y);
            else if (a == 1) handler.awardInYear(x, y, r >> 8, r >> 16);
            else if (a == 2) handler.warpMonths(y);
            else if (a == 3) handler.closeYear();
            else if (a == 4) handler.cancelGrant(x, y);
            else handler.withdraw(1, y);
            if (step % 20 == 19) _checkAll();
        }
        for (uint256 step = 0; step < 300; ++step) {
            uint256 r = uint256(keccak256(abi.encode("walk", step)));
            uint256 a = r % 29; // weighted towards the review path and the public's objections
            uint256 x = uint256(keccak256(abi.encode(r, 1)));
            uint256 y = uint256(keccak256(abi.encode(r, 2)));
            uint256 z = uint256(keccak256(abi.encode(r, 3)));
            if (a == 0) handler.fund(x, y);
            else if (a <= 2) handler.award(x, y, z, r >> 8, r >> 16);
            else if (a <= 4) handler.submitEvidence(x, y, z);
            else if (a <= 8) handler.vote(x, y, z, r >> 8);
            else if (a == 9 || a == 28) handler.object(x, y, z);
            else if (a == 10) handler.ruleOnObjection(x, y, z % 2 == 0);
            else if (a <= 13) handler.claim(x, y);
            else if (a == 14) handler.lapse(x, y);
            else if (a == 15) handler.cancelGrant(x, y);
            else if (a == 16) handler.orderRecovery(x, y);
            else if (a == 17) handler.repay(x, y);
            else if (a == 18) (z % 2 == 0) ? handler.withdraw(x, y) : handler.donate(x, y);
            else if (a == 19) handler.warp(y);
            else if (a == 20) handler.pauseOrResume(x, y);
            else if (a == 21) handler.declareConflict(x, y);
            else if (a == 22) handler.settle(x, y);
            else if (a == 23) handler.setQuorum(x, y);
            else if (a == 24) handler.changeCommittee(x, y);
            else if (a <= 26) handler.signedVotes(x, y, z);
            else handler.rotateWallet(x, y);
            if (step % 10 == 9) {
                handler.warp(1 days);
                // Pauses come and go: resume both programs now and then so the lifecycle keeps moving.
                handler.pauseOrResume(0, 1);
                handler.pauseOrResume(1, 1);
            }
            if (step % 50 == 0) handler.sweepSurplus(x);
            // Checking everything after every step would make one huge trace; every 30th step suffices.
            if (step % 30 == 29) _checkAll();
        }
        // Time runs out: both programs resume, every deadline passes, each grant gets a lapse call.
        handler.pauseOrResume(0, 1);
        handler.pauseOrResume(1, 1);
        for (uint256 i = 0; i < 5; ++i) handler.warp(10 days);
        for (uint256 i = 0; i < ghost.grantCount(); ++i) handler.lapse(i, i);
        _checkAll();
        bytes32[29] memory actions = [
            bytes32("fund"),
            "award",
            "submitEvidence",
            "vote",
            "approved",
            "object",
            "ruleOnObjection",
            "claim",
            "milestonePaid",
            "lapse",
            "cancel",
            "orderRecovery",
            "repay",
            "withdraw",
            "donate",
            "sweepSurplus",
            "pause",
            "unpause",
            "declareConflict",
            "setQuorum",
            "rotateWallet",
            "signedVotes",
            "addReviewer",
            "removeReviewer",
            "settle",
            "fundYear",
            "awardInYear",
            "warpMonths",
            "closeYear"
        ];
        for (uint256 i = 0; i < actions.length; ++i) {
            assertGe(ghost.successes(actions[i]), 1, string.concat("reach: random walk ", _name(actions[i])));
        }
        vm.label(address(handler), "Handler");
    }
}
