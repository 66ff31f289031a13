// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Program } from "../types/ProgramTypes.sol";

/// @title LedgerLib
/// @notice The program ledger's derived figures. Identity: funded + repaid = available + reserved + paid + withdrawn.
library LedgerLib {
    /// @notice The funded, unreserved budget that can be awarded or withdrawn.
    function available(Program.Ledger memory book) internal pure returns (uint256) {
        return uint256(book.funded) + book.repaid - book.reserved - book.paid - book.withdrawn;
    }

    /// @notice Tokens held beyond what the ledger accounts for (sent outside fund and repay).
    /// @param balance The program's token balance.
    function surplus(Program.Ledger memory book, uint256 balance) internal pure returns (uint256) {
        uint256 accounted = uint256(book.funded) + book.repaid - book.paid - book.withdrawn;
        return balance > accounted ? balance - accounted : 0;
    }
}
