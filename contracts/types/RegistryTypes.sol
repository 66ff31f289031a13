// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title Registry
/// @notice Types of the shared entity registry.
library Registry {
    /// @notice What an entity is. Companies are keyed by a hash of their unified social credit code,
    /// individuals by a salted commitment kept off chain (no personal data on chain).
    enum EntityKind {
        None,
        Company,
        Individual
    }

    /// @notice One registered entity. Keyed by its registry number.
    struct Entity {
        // slot 0
        address wallet;
        uint40 registeredAt;
        EntityKind kind;
        uint32 openRecoveries;
    }

    /// @notice A payout wallet change waiting for its delay to elapse.
    struct WalletChange {
        // slot 0
        address newWallet;
        uint40 effectiveAt;
    }
}
