// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import { IProgramTreasury } from "../interfaces/program/IProgramTreasury.sol";
import { Errors } from "../libraries/Errors.sol";
import { FiscalCalendar } from "../libraries/FiscalCalendar.sol";
import { LedgerLib } from "../libraries/LedgerLib.sol";
import { Program } from "../types/DataTypes.sol";
import { GrantProgramState } from "./GrantProgramState.sol";

/// @title ProgramTreasury
/// @notice Every token movement into or out of the budget except claims: funding, withdrawals to the
/// fixed treasury, surplus sweeps, repayments of recovered money.
abstract contract ProgramTreasury is IProgramTreasury, GrantProgramState {
    using SafeERC20 for IERC20;

    /// @inheritdoc IProgramTreasury
    function fund(uint256 amount) external override onlyRole(_TREASURER_ROLE) nonReentrant {
        // A program with fiscal years appropriates to the current one.
        uint16 current = _settings.fiscalYears ? _currentFiscalYear() : 0;
        _fund(current, current, amount);
    }

    /// @inheritdoc IProgramTreasury
    function fundFiscalYear(uint16 year, uint256 amount) external override onlyRole(_TREASURER_ROLE) nonReentrant {
        // Check: a program with fiscal years; the current year or one of the next ten.
        if (!_settings.fiscalYears) revert Errors.GrantProgram_NoFiscalYears();
        uint16 current = _currentFiscalYear();
        if (year < current || year > current + _MAX_YEARS_AHEAD) {
            revert Errors.GrantProgram_FiscalYearOutOfRange(year, current);
        }
        _fund(year, current, amount);
    }

    /// @dev Funds the budget, and fiscal year `year` when non-zero (the current year `current` or a later
    /// one: open).
    function _fund(uint16 year, uint16 current, uint256 amount) private {
        // Check.
        if (amount == 0) revert Errors.GrantProgram_ZeroAmount();

        // Interaction first, by necessity: the amount credited is what actually arrived, so a
        // fee-on-transfer token is refused instead of overstating the budget. `nonReentrant` and
        // the absence of earlier effects make the order safe.
        _pullExactly(msg.sender, amount);

        // Effect: `amount` fits in uint128 because the token balance does (checked in _pullExactly).
        _ledger.funded = LedgerLib.addLifetime(_ledger.funded, uint128(amount));
        if (year != 0) {
            Program.FiscalYear storage y = _fiscalYears[year];
            y.appropriated = LedgerLib.addLifetime(y.appropriated, uint128(amount));
            // Years close in order from the year of the first appropriation — the current year then, even
            // when the money went to a later one, so the current year stays open. Every later
            // appropriation is to a year from the current one on, so never before it.
            Program.FiscalBook storage b = _fiscalBook;
            if (b.firstYear == 0) (b.firstYear, b.nextToClose) = (current, current);
        }

        // Log.
        emit Funded(msg.sender, amount);
        if (year != 0) emit Appropriated(year, amount);
    }

    /// @inheritdoc IProgramTreasury
    function withdraw(uint256 amount) external override onlyRole(_TREASURER_ROLE) nonReentrant {
        // Check: only the unreserved budget can leave.
        if (amount == 0) revert Errors.GrantProgram_ZeroAmount();
        _requireAvailable(amount);

        // Effect: amount <= available < 2**128. A program with fiscal years withdraws from the current
        // year's unreserved budget (an ended year's rest leaves by its close).
        _ledger.withdrawn = LedgerLib.addLifetime(_ledger.withdrawn, uint128(amount));
        uint16 year = _settings.fiscalYears ? _currentFiscalYear() : 0;
        if (year != 0) _takeFromFiscalYear(year, amount, false);

        // Interaction: only ever to the fixed treasury.
        (IERC20 token_, address treasury_) = (_token(), _treasury());
        token_.safeTransfer(treasury_, amount);

        // Log.
        emit Withdrawn(treasury_, amount);
        if (year != 0) emit WithdrawnFromFiscalYear(year, amount);
    }

    /// @inheritdoc IProgramTreasury
    function closeFiscalYear(uint16 year) external override onlyRole(_TREASURER_ROLE) nonReentrant {
        // Check: years close in order, each once it has ended.
        if (!_settings.fiscalYears) revert Errors.GrantProgram_NoFiscalYears();
        Program.FiscalBook memory b = _fiscalBook;
        if (b.nextToClose == 0 || year != b.nextToClose)
            revert Errors.GrantProgram_FiscalYearOutOfOrder(year, b.nextToClose);
        uint40 endsAt = FiscalCalendar.startOf(year + 1, b.startMonth, b.utcOffsetMinutes);
        if (block.timestamp < endsAt) revert Errors.GrantProgram_FiscalYearNotOver(year, endsAt);

        // Effect: the rest leaves the year; the year is closed. rest < 2**128 (see {_fiscalAvailable}).
        Program.FiscalYear storage y = _fiscalYears[year];
        uint128 rest = uint128(_fiscalAvailable(y));
        _fiscalBook.nextToClose = year + 1;
        bool returned = b.yearEnd == Program.YearEndRule.Return;
        if (returned) {
            y.withdrawn = LedgerLib.addLifetime(y.withdrawn, rest);
            _ledger.withdrawn = LedgerLib.addLifetime(_ledger.withdrawn, rest);
        } else {
            y.carriedOut = rest;
            Program.FiscalYear storage next = _fiscalYears[year + 1];
            next.carriedIn = LedgerLib.addLifetime(next.carriedIn, rest);
        }

        // Interaction: only ever to the fixed treasury.
        if (returned && rest != 0) {
            address treasury_ = _treasury();
            _token().safeTransfer(treasury_, rest);
            emit Withdrawn(treasury_, rest);
        }

        // Log.
        emit FiscalYearClosed(year, rest, b.yearEnd);
    }

    /// @inheritdoc IProgramTreasury
    function sweepSurplus() external override onlyRole(_TREASURER_ROLE) nonReentrant {
        // Check.
        (IERC20 token_, address treasury_) = (_token(), _treasury());
        uint256 surplus = LedgerLib.surplus(_ledger, token_.balanceOf(address(this)));
        if (surplus == 0) revert Errors.GrantProgram_NoSurplus();

        // Interaction: the ledger does not change; the surplus was never part of it.
        token_.safeTransfer(treasury_, surplus);

        // Log.
        emit SurplusSwept(treasury_, surplus);
    }

    /// @inheritdoc IProgramTreasury
    function repay(uint256 grantId, uint256 amount) external override nonReentrant {
        // Check.
        Program.Grant storage g = _existingGrant(grantId);
        uint256 owed = g.recoveryOwed;
        if (amount == 0 || amount > owed) revert Errors.GrantProgram_RepaymentTooLarge(amount, owed);

        // Interaction first, by necessity: credit only what actually arrived (see {fund}).
        _pullExactly(msg.sender, amount);

        // Effect: the repaid money returns to the available budget. amount <= owed < 2**128.
        uint128 repaid = uint128(amount);
        g.recoveryOwed -= repaid;
        g.recovered += repaid;
        _ledger.repaid = LedgerLib.addLifetime(_ledger.repaid, repaid);
        _ledger.recoveryOutstanding -= repaid;
        if (g.fiscalYear != 0) _creditFiscalYear(grantId, g.fiscalYear, repaid);
        if (g.recoveryOwed == 0) _registry().liftBar(g.entityNo);

        // Log.
        emit Repaid(grantId, msg.sender, amount, g.recoveryOwed);
    }

    /// @dev Pulls exactly `amount` from `from`, refusing tokens that deliver less (fee-on-transfer)
    /// and balances that would not fit the uint128 ledger.
    function _pullExactly(address from, uint256 amount) private {
        IERC20 token_ = _token();
        uint256 before = token_.balanceOf(address(this));
        token_.safeTransferFrom(from, address(this), amount);
        uint256 received = token_.balanceOf(address(this)) - before;
        if (received != amount) revert Errors.GrantProgram_TransferAmountMismatch(amount, received);
        if (before + received > type(uint128).max) {
            revert Errors.GrantProgram_TransferAmountMismatch(amount, type(uint128).max - before);
        }
    }
}
