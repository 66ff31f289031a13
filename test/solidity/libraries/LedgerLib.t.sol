// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { LedgerLib } from "../../../contracts/libraries/LedgerLib.sol";
import { Program } from "../../../contracts/types/ProgramTypes.sol";
import { Assertions } from "../utils/Assertions.sol";

/// @notice The ledger's derived figures on their own, checked against a budget built step by step.
contract LedgerLibTest is Assertions {
    /// @notice Fund, award, pay, withdraw and repay with arbitrary amounts: available is what a cash book
    /// kept by hand says, and the surplus is exactly what was sent outside fund and repay.
    function testFuzz_availableAndSurplusFollowACashBook(
        uint96 funded,
        uint96 awarded,
        uint96 paid,
        uint96 withdrawn,
        uint96 repaid,
        uint96 donated
    ) public pure {
        awarded = uint96(_bound(awarded, 0, funded));
        paid = uint96(_bound(paid, 0, awarded));
        withdrawn = uint96(_bound(withdrawn, 0, uint256(funded) - awarded));
        repaid = uint96(_bound(repaid, 0, paid));

        // The cash book: what is free to award or withdraw, movement by movement.
        uint256 free = funded;
        free -= awarded; // award: available -> reserved
        // claim: reserved -> paid, available unchanged
        free -= withdrawn; // withdraw: available -> treasury
        free += repaid; // repay: back to available
        uint256 held = uint256(funded) - paid - withdrawn + repaid + donated;

        Program.Ledger memory book = Program.Ledger({
            reserved: awarded - paid,
            paid: paid,
            funded: funded,
            withdrawn: withdrawn,
            repaid: repaid,
            recoveryOutstanding: 0
        });
        assertEq(LedgerLib.available(book), free, "available = the cash book's free budget");
        assertEq(LedgerLib.surplus(book, held), donated, "surplus = tokens sent outside fund and repay");
        assertEq(LedgerLib.surplus(book, held - donated), 0, "no surplus when the balance is exactly the ledger's");
    }
}
