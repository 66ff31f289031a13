// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IGrantProgram } from "../../contracts/interfaces/IGrantProgram.sol";
import { IProgramNotice } from "../../contracts/interfaces/program/IProgramNotice.sol";
import { IProgramPayouts } from "../../contracts/interfaces/program/IProgramPayouts.sol";
import { IProgramReview } from "../../contracts/interfaces/program/IProgramReview.sol";
import { Errors } from "../../contracts/libraries/Errors.sol";
import { Program } from "../../contracts/types/DataTypes.sol";
import { vm } from "./utils/Vm.sol";
import { World } from "./utils/World.sol";

/// @title GrantProgramFuzzTest
/// @notice Property tests of single operations: exact sums (I3), caps and budget (Budget), the ledger
/// identity across fund/withdraw (I1), and exact time boundaries (I12).
contract GrantProgramFuzzTest is World {
    uint128 internal constant CAP = 10_000_000_00; // 10,000,000.00 yuan in fen
    uint128 internal constant FIXED = 5_000_000_00;
    uint40 internal constant NOTICE = 7 days;

    IGrantProgram internal program;
    uint16 internal capped;
    uint16 internal fixedCategory;

    function setUp() public {
        _deployCore();
        program = _createProgram("fuzz", NOTICE, Program.UpheldObjectionOutcome.Resubmit);
        capped = _addCategory(program, Program.AwardMode.Capped, CAP, 0, 0, bytes32(0));
        fixedCategory = _addCategory(program, Program.AwardMode.Fixed, FIXED, 0, 0, bytes32(0));
    }

    /*//////////////////////////////////////////////////////////////
                                 HELPERS
    //////////////////////////////////////////////////////////////*/

    /// @dev `count` random positive amounts, each at most `maxEach`.
    function _randomAmounts(uint256 seed, uint256 count, uint256 maxEach) internal pure returns (uint128[] memory a) {
        a = new uint128[](count);
        for (uint256 i = 0; i < count; ++i) {
            a[i] = uint128(_bound(uint256(keccak256(abi.encode(seed, i))), 1, maxEach));
        }
    }

    /// @dev Splits `total` into `count` positive parts (the last takes the rest).
    function _split(uint256 total, uint256 count, uint256 seed) internal pure returns (uint128[] memory a) {
        a = new uint128[](count);
        uint256 left = total;
        for (uint256 i = 0; i + 1 < count; ++i) {
            uint256 part = _bound(uint256(keccak256(abi.encode(seed, i))), 1, left - (count - 1 - i));
            a[i] = uint128(part);
            left -= part;
        }
        a[count - 1] = uint128(left);
    }

    function _sum(uint128[] memory a) internal pure returns (uint256 s) {
        for (uint256 i = 0; i < a.length; ++i) s += a[i];
    }

    function _assertLedgerIdentity(IGrantProgram p, string memory rule) internal view {
        Program.Ledger memory l = p.ledger();
        assertEq(
            uint256(l.funded) + l.repaid,
            p.available() + l.reserved + l.paid + l.withdrawn,
            string.concat(rule, ": funded + repaid == available + reserved + paid + withdrawn")
        );
    }

    /// @dev A fresh program with the given notice period and one approved 1-milestone grant.
    function _approvedGrant(
        uint40 notice
    ) internal returns (IGrantProgram p, uint256 grantId, uint40 noticeEndsAt, uint40 deadline) {
        p = _createProgram("boundary", notice, Program.UpheldObjectionOutcome.Resubmit);
        uint16 cat = _addCategory(p, Program.AwardMode.Capped, CAP, 0, 0, bytes32(0));
        _fund(p, 1_000_00);
        uint128[] memory amounts = new uint128[](1);
        amounts[0] = 1_000_00;
        Program.MilestoneTerms[] memory t = _terms(amounts, 365 days);
        deadline = t[0].deadline;
        grantId = _award(p, 0, cat, t);
        _approve(p, grantId, 0, 0);
        noticeEndsAt = p.milestone(grantId, 0).noticeEndsAt;
        assertEq(noticeEndsAt, block.timestamp + notice, "I12: noticeEndsAt == approval time + notice period");
    }

    function _claimOne(IGrantProgram p, uint256 grantId) internal returns (bool ok, bytes memory ret) {
        uint8[] memory idx = new uint8[](1);
        vm.prank(entityWallets[0]);
        (ok, ret) = address(p).call(abi.encodeCall(IProgramPayouts.claim, (grantId, idx)));
    }

    function _objectOne(IGrantProgram p, uint256 grantId) internal returns (bool ok, bytes memory ret) {
        vm.prank(OBJECTOR);
        (ok, ret) = address(p).call(abi.encodeCall(IProgramNotice.object, (grantId, 0, keccak256("objection"))));
    }

    function _selector(bytes memory ret) internal pure returns (bytes4 s) {
        if (ret.length >= 4) s = bytes4(ret);
    }

    /*//////////////////////////////////////////////////////////////
                             I3 EXACT SUMS
    //////////////////////////////////////////////////////////////*/

    /// @notice I3: for any 1..16 random milestone amounts, award == sum == reserved; no dust anywhere.
    function testFuzz_I3_exactSums(uint256 seed, uint256 countRaw) public {
        uint256 count = _bound(countRaw, 1, 16);
        uint128[] memory amounts = _randomAmounts(seed, count, CAP / 16);
        uint256 total = _sum(amounts);
        _fund(program, CAP);

        uint256 grantId = _award(program, 0, capped, _terms(amounts, 1 days));

        Program.Grant memory g = program.grant(grantId);
        assertEq(g.milestoneCount, count, "I3: milestone count stored");
        assertEq(g.reserved, total, "I3: grant reserved == sum of milestones");
        uint256 stored;
        for (uint256 i = 0; i < count; ++i) {
            Program.Milestone memory m = program.milestone(grantId, uint8(i));
            assertEq(m.amount, amounts[i], "I3: each milestone amount stored exactly");
            stored += m.amount;
        }
        assertEq(stored, total, "I3: stored milestone amounts add up to the award");
        Program.Ledger memory l = program.ledger();
        assertEq(l.reserved, total, "I3: ledger reserved == award");
        assertEq(program.category(capped).committed, total, "Budget: category committed == award");
        assertEq(program.available(), CAP - total, "I3: available == funded - award, no dust");
        _assertLedgerIdentity(program, "I3");
    }

    /// @notice I3 + I2: the award splits exactly, and paying every milestone moves exactly the award.
    function testFuzz_I3_splitThenPayAll(uint256 totalRaw, uint256 countRaw, uint256 seed) public {
        uint256 count = _bound(countRaw, 1, 4);
        uint256 total = _bound(totalRaw, count, CAP);
        uint128[] memory amounts = _split(total, count, seed);
        assertEq(_sum(amounts), total, "I3: split adds up");
        _fund(program, total);
        uint256 grantId = _award(program, 1, capped, _terms(amounts, 30 days));
        uint8[] memory all = new uint8[](count);
        for (uint256 i = 0; i < count; ++i) {
            _approve(program, grantId, uint8(i), 1);
            all[i] = uint8(i);
        }
        vm.warp(block.timestamp + NOTICE);
        vm.prank(entityWallets[1]);
        uint256 paid = program.claim(grantId, all);
        assertEq(paid, total, "I2: paying every milestone pays exactly the award");
        assertEq(token.balanceOf(entityWallets[1]), total, "I7: the grantee wallet received the award");
        assertEq(token.balanceOf(address(program)), 0, "I1: nothing left behind");
        assertEq(program.grant(grantId).reserved, 0, "I2: nothing reserved after full payment");
        _assertLedgerIdentity(program, "I2");
    }

    /*//////////////////////////////////////////////////////////////
                            BUDGET AND CAPS
    //////////////////////////////////////////////////////////////*/

    /// @notice Budget: an award over the category cap is refused with the named error and nothing moves.
    function testFuzz_Budget_awardOverCapRefused(uint256 overRaw, uint256 countRaw, uint256 seed) public {
        uint256 count = _bound(countRaw, 1, 16);
        uint256 total = uint256(CAP) + _bound(overRaw, 1, 1e18);
        _fund(program, CAP * 2);
        Program.MilestoneTerms[] memory t = _terms(_split(total, count, seed), 1 days);
        Program.Ledger memory before = program.ledger();
        uint256 grantsBefore = program.grantCount();
        Program.Category memory cBefore = program.category(capped);

        vm.expectRevert(abi.encodeWithSelector(Errors.GrantProgram_AmountOverCap.selector, total, CAP));
        vm.prank(MANAGER);
        program.award(entityIds[0], capped, 0, t);

        Program.Ledger memory afterL = program.ledger();
        assertEq(afterL.reserved, before.reserved, "Budget: reserved unchanged after refused award");
        assertEq(program.available(), CAP * 2, "Budget: available unchanged after refused award");
        assertEq(program.grantCount(), grantsBefore, "Budget: no grant id consumed");
        assertEq(program.category(capped).committed, cBefore.committed, "Budget: category committed unchanged");
        assertEq(program.category(capped).awardsMade, cBefore.awardsMade, "Budget: category count unchanged");
        (address holder, ) = registry.awardHolder(entityNos[0], cBefore.awardKey);
        assertEq(holder, address(0), "One-time: no award recorded in the registry");
        assertEq(token.balanceOf(address(program)), CAP * 2, "I1: no token moved");
    }

    /// @notice Budget: a Fixed category refuses any total other than its amount.
    function testFuzz_Budget_fixedAmountOnly(uint256 totalRaw) public {
        uint256 total = _bound(totalRaw, 1, uint256(FIXED) * 3);
        vm.assume(total != FIXED);
        _fund(program, uint256(FIXED) * 3);
        uint128[] memory amounts = new uint128[](1);
        amounts[0] = uint128(total);
        Program.MilestoneTerms[] memory t = _terms(amounts, 1 days);
        vm.expectRevert(abi.encodeWithSelector(Errors.GrantProgram_AmountNotFixedAmount.selector, total, FIXED));
        vm.prank(MANAGER);
        program.award(entityIds[0], fixedCategory, 0, t);
        assertEq(program.ledger().reserved, 0, "Budget: nothing reserved");
    }

    /// @notice Budget: an award above the available budget is refused; reserved never exceeds funded.
    function testFuzz_Budget_awardOverAvailableRefused(uint256 fundedRaw, uint256 totalRaw) public {
        uint256 funded = _bound(fundedRaw, 1, CAP - 1);
        uint256 total = _bound(totalRaw, funded + 1, CAP);
        _fund(program, funded);
        uint128[] memory amounts = new uint128[](1);
        amounts[0] = uint128(total);
        Program.MilestoneTerms[] memory t = _terms(amounts, 1 days);
        vm.expectRevert(abi.encodeWithSelector(Errors.GrantProgram_InsufficientBudget.selector, total, funded));
        vm.prank(MANAGER);
        program.award(entityIds[0], capped, 0, t);
        assertEq(program.ledger().reserved, 0, "Budget: nothing reserved");
        assertEq(program.available(), funded, "Budget: available unchanged");
    }

    /*//////////////////////////////////////////////////////////////
                         I1 FUND / WITHDRAW ROUND-TRIP
    //////////////////////////////////////////////////////////////*/

    /// @notice I1 + ledger identity: fund, award, withdraw what is free; more than free is refused.
    function testFuzz_I1_fundWithdrawRoundTrip(uint256 fundRaw, uint256 reserveRaw, uint256 withdrawRaw) public {
        uint256 funded = _bound(fundRaw, 2, 1e15);
        uint256 reserved = _bound(reserveRaw, 0, funded - 1 > CAP ? CAP : funded - 1);
        _fund(program, funded);
        if (reserved > 0) {
            uint128[] memory amounts = new uint128[](1);
            amounts[0] = uint128(reserved);
            _award(program, 2, capped, _terms(amounts, 1 days));
        }
        uint256 free = funded - reserved;
        assertEq(program.available(), free, "Ledger: available == funded - reserved");

        uint256 amount = _bound(withdrawRaw, 1, free);
        vm.prank(TREASURER);
        program.withdraw(amount);

        Program.Ledger memory l = program.ledger();
        assertEq(l.funded, funded, "Ledger: funded recorded");
        assertEq(l.withdrawn, amount, "Ledger: withdrawn recorded");
        assertEq(token.balanceOf(TREASURY), amount, "I7: withdrawal went to the fixed treasury");
        assertEq(
            token.balanceOf(address(program)),
            uint256(l.funded) + l.repaid - l.paid - l.withdrawn,
            "I1: balance == funded + repaid - paid - withdrawn"
        );
        _assertLedgerIdentity(program, "I1");

        uint256 left = free - amount;
        vm.expectRevert(abi.encodeWithSelector(Errors.GrantProgram_InsufficientBudget.selector, left + 1, left));
        vm.prank(TREASURER);
        program.withdraw(left + 1);
        assertEq(token.balanceOf(TREASURY), amount, "I1: refused withdrawal moved nothing");

        // Round trip: fund back what was withdrawn, everything is free again.
        _fund(program, amount);
        assertEq(program.available(), free, "Ledger: refunding restores available");
        _assertLedgerIdentity(program, "I1");
    }

    /// @notice I1 / #13: a direct transfer (donation) changes no ledger figure; it is surplus only.
    function testFuzz_I1_donationIsSurplusOnly(uint256 fundRaw, uint256 donationRaw) public {
        uint256 funded = _bound(fundRaw, 1, 1e15);
        uint256 donation = _bound(donationRaw, 1, 1e15);
        _fund(program, funded);
        token.mint(DONOR, donation);
        vm.prank(DONOR);
        token.transfer(address(program), donation);
        assertEq(program.available(), funded, "#13: donation does not change available");
        assertEq(program.summary().surplus, donation, "#13: donation is surplus");
        vm.prank(TREASURER);
        program.sweepSurplus();
        assertEq(token.balanceOf(TREASURY), donation, "#13: sweep sends exactly the surplus to the treasury");
        assertEq(token.balanceOf(address(program)), funded, "I1: balance == funded after sweep");
    }

    /*//////////////////////////////////////////////////////////////
                           I12 EXACT BOUNDARIES
    //////////////////////////////////////////////////////////////*/

    /// @notice I12: claim succeeds iff now >= noticeEndsAt; when it fails, an objection succeeds.
    function testFuzz_I12_claimIffNoticeOver(uint256 noticeRaw, uint256 offsetRaw) public {
        uint40 notice = uint40(_bound(noticeRaw, 1 days, 90 days));
        (IGrantProgram p, uint256 grantId, uint40 ends, ) = _approvedGrant(notice);
        uint256 t = block.timestamp + _bound(offsetRaw, 0, uint256(notice) * 2 + 2);
        vm.warp(t);

        (bool claimed, bytes memory ret) = _claimOne(p, grantId);
        assertTrue(claimed == (t >= ends), "I12: claim allowed iff now >= noticeEndsAt");
        if (!claimed) {
            assertTrue(
                _selector(ret) == Errors.GrantProgram_WrongMilestoneState.selector,
                "I12: early claim refused with WrongMilestoneState"
            );
            assertEq(token.balanceOf(entityWallets[0]), 0, "I12: refused claim moved nothing");
            (bool objected, ) = _objectOne(p, grantId);
            assertTrue(objected, "I12: before noticeEndsAt an objection is allowed");
        } else {
            assertEq(token.balanceOf(entityWallets[0]), 1_000_00, "I12: claim paid the milestone");
        }
    }

    /// @notice I12: an objection succeeds iff now < noticeEndsAt; when it fails, the claim succeeds.
    function testFuzz_I12_objectionIffNoticeOpen(uint256 noticeRaw, uint256 offsetRaw) public {
        uint40 notice = uint40(_bound(noticeRaw, 1 days, 90 days));
        (IGrantProgram p, uint256 grantId, uint40 ends, ) = _approvedGrant(notice);
        uint256 t = block.timestamp + _bound(offsetRaw, 0, uint256(notice) * 2 + 2);
        vm.warp(t);

        (bool objected, ) = _objectOne(p, grantId);
        assertTrue(objected == (t < ends), "I12: objection allowed iff now < noticeEndsAt");
        (bool claimed, ) = _claimOne(p, grantId);
        assertTrue(claimed == !objected, "I12: exactly one of objection and claim is allowed");
    }

    /// @notice I12 at the exact second: at noticeEndsAt - 1 only the objection, at noticeEndsAt only the claim.
    function test_I12_exactNoticeBoundary() public {
        (IGrantProgram p, uint256 grantId, uint40 ends, ) = _approvedGrant(NOTICE);
        vm.warp(ends - 1);
        (bool claimed, ) = _claimOne(p, grantId);
        assertFalse(claimed, "I12: no claim one second before noticeEndsAt");
        vm.warp(ends);
        (bool objected, ) = _objectOne(p, grantId);
        assertFalse(objected, "I12: no objection at noticeEndsAt");
        (claimed, ) = _claimOne(p, grantId);
        assertTrue(claimed, "I12: claim at noticeEndsAt");
    }

    /// @notice I12: lapse succeeds iff now > deadline; otherwise evidence can still be submitted.
    function testFuzz_I12_lapseIffDeadlinePassed(uint256 spacingRaw, uint256 offsetRaw) public {
        _fund(program, CAP);
        uint40 spacing = uint40(_bound(spacingRaw, 1, 365 days));
        uint128[] memory amounts = new uint128[](1);
        amounts[0] = 7_00;
        Program.MilestoneTerms[] memory t = _terms(amounts, spacing);
        uint40 deadline = t[0].deadline;
        uint256 grantId = _award(program, 3, capped, t);
        uint256 now_ = block.timestamp + _bound(offsetRaw, 0, uint256(spacing) * 2 + 2);
        vm.warp(now_);

        (bool lapsed, bytes memory ret) = address(program).call(abi.encodeCall(IProgramPayouts.lapse, (grantId, 0)));
        assertTrue(lapsed == (now_ > deadline), "I12: lapse allowed iff now > deadline");
        if (lapsed) {
            assertEq(program.ledger().reserved, 0, "I2: a lapsed milestone is released");
            assertEq(program.available(), CAP, "I2: released amount is available again");
        } else {
            assertTrue(
                _selector(ret) == Errors.GrantProgram_DeadlineNotPassed.selector,
                "I12: early lapse refused with DeadlineNotPassed"
            );
        }
        vm.prank(entityWallets[3]);
        (bool submitted, ) = address(program).call(
            abi.encodeCall(IProgramReview.submitEvidence, (grantId, 0, keccak256("evidence")))
        );
        assertTrue(submitted == !lapsed, "I12: exactly one of lapse and evidence is allowed");
    }

    /// @notice I12 at the deadline itself: votes still count and lapse is refused; one second later, the reverse.
    function test_I12_exactDeadlineBoundary() public {
        _fund(program, CAP);
        uint128[] memory amounts = new uint128[](1);
        amounts[0] = 7_00;
        Program.MilestoneTerms[] memory t = _terms(amounts, 10 days);
        uint256 grantId = _award(program, 3, capped, t);
        vm.warp(t[0].deadline);
        vm.expectRevert(
            abi.encodeWithSelector(Errors.GrantProgram_DeadlineNotPassed.selector, grantId, 0, t[0].deadline)
        );
        program.lapse(grantId, 0);
        vm.prank(entityWallets[3]);
        program.submitEvidence(grantId, 0, keccak256("e"));
        vm.warp(uint256(t[0].deadline) + 1);
        program.lapse(grantId, 0);
        assertEq(uint8(program.milestone(grantId, 0).status), uint8(Program.MilestoneState.Lapsed), "I12: lapsed");
    }
}
