// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Program } from "../types/ProgramTypes.sol";

/// @title LedgerLib
/// @notice The program ledger's derived figures. Identity: funded + repaid = available + reserved + paid + withdrawn.
/// @dev The four lifetime counters (funded, repaid, paid, withdrawn) only ever grow, so money cycled in and
/// out again and again could in principle push one past 2**128 and make `fund` or `repay` panic for good.
/// They are therefore kept modulo 2**128 ({addLifetime}), and the derived figures are computed modulo
/// 2**128 too: the identity holds modulo 2**128, and the true available and accounted amounts are below
/// 2**128 (accounted tokens arrive only through `fund` and `repay`, which refuse a balance of 2**128 or
/// more; a direct transfer can raise the balance, never the accounted amount), so the derived
/// figures are exact even after a counter has wrapped. Only the raw lifetime counters read by tooling wrap.
library LedgerLib {
    /// @notice Adds `amount` to a lifetime counter, modulo 2**128 (see the library notes).
    function addLifetime(uint128 counter, uint128 amount) internal pure returns (uint128) {
        unchecked {
            return counter + amount;
        }
    }

    /// @notice The funded, unreserved budget that can be awarded or withdrawn.
    function available(Program.Ledger memory book) internal pure returns (uint256) {
        unchecked {
            return uint256(book.funded + book.repaid - book.reserved - book.paid - book.withdrawn);
        }
    }

    /// @notice Tokens held beyond what the ledger accounts for (sent outside fund and repay).
    /// @param balance The program's token balance.
    function surplus(Program.Ledger memory book, uint256 balance) internal pure returns (uint256) {
        uint256 accounted;
        unchecked {
            accounted = uint256(book.funded + book.repaid - book.paid - book.withdrawn);
        }
        return balance > accounted ? balance - accounted : 0;
    }
}
