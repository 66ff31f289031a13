// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import { SafeERC20 } from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";

import { IProgramTreasury } from "../interfaces/program/IProgramTreasury.sol";
import { Errors } from "../libraries/Errors.sol";
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
        // Check.
        if (amount == 0) revert Errors.GrantProgram_ZeroAmount();

        // Interaction first, by necessity: the amount credited is what actually arrived, so a
        // fee-on-transfer token is refused instead of overstating the budget. `nonReentrant` and
        // the absence of earlier effects make the order safe.
        _pullExactly(msg.sender, amount);

        // Effect: `amount` fits in uint128 because the token balance does (checked in _pullExactly).
        _ledger.funded = LedgerLib.addLifetime(_ledger.funded, uint128(amount));

        // Log.
        emit Funded(msg.sender, amount);
    }

    /// @inheritdoc IProgramTreasury
    function withdraw(uint256 amount) external override onlyRole(_TREASURER_ROLE) nonReentrant {
        // Check: only the unreserved budget can leave.
        if (amount == 0) revert Errors.GrantProgram_ZeroAmount();
        _requireAvailable(amount);

        // Effect: amount <= available < 2**128.
        _ledger.withdrawn = LedgerLib.addLifetime(_ledger.withdrawn, uint128(amount));

        // Interaction: only ever to the fixed treasury.
        (IERC20 token_, address treasury_) = (_token(), _treasury());
        token_.safeTransfer(treasury_, amount);

        // Log.
        emit Withdrawn(treasury_, amount);
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
