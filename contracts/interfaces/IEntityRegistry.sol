// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { Registry } from "../types/DataTypes.sol";

/// @title IEntityRegistry
/// @notice The entities of one jurisdiction (a city and its districts): their payout wallets, the
/// awards they hold (one-time rule across programs) and the bars from unpaid recovery orders.
/// @dev Programs authorised by the registry admin (PROGRAM_ROLE) record awards and bars here, so the
/// one-time rule and bars hold across every program sharing the registry.
interface IEntityRegistry {
    /*//////////////////////////////////////////////////////////////
                                  EVENTS
    //////////////////////////////////////////////////////////////*/

    /// @notice Emitted when an entity is registered with its payout wallet.
    event EntityRegistered(
        uint64 indexed entityNo,
        bytes32 indexed entityId,
        Registry.EntityKind kind,
        address indexed wallet
    );

    /// @notice Emitted when a payout wallet change is requested.
    event WalletChangeRequested(uint64 indexed entityNo, address indexed newWallet, uint40 effectiveAt);

    /// @notice Emitted when a pending payout wallet change is cancelled.
    event WalletChangeCancelled(uint64 indexed entityNo, address indexed newWallet);

    /// @notice Emitted when a payout wallet change takes effect.
    event WalletChanged(uint64 indexed entityNo, address indexed oldWallet, address indexed newWallet);

    /// @notice Emitted when a program records an award under an award key.
    event AwardRecorded(uint64 indexed entityNo, bytes32 indexed awardKey, address indexed program, uint96 grantId);

    /// @notice Emitted when a program records a higher level of a tier group under a key the entity holds.
    event TopUpRecorded(uint64 indexed entityNo, bytes32 indexed awardKey, address indexed program, uint96 grantId);

    /// @notice Emitted when a program releases an award key (a grant cancelled before any payment).
    event AwardReleased(uint64 indexed entityNo, bytes32 indexed awardKey, address indexed program);

    /// @notice Emitted when a program bars an entity until a recovery is repaid.
    event EntityBarred(uint64 indexed entityNo, address indexed program, uint32 openRecoveries);

    /// @notice Emitted when a program lifts a bar after repayment.
    event BarLifted(uint64 indexed entityNo, address indexed program, uint32 openRecoveries);

    /// @notice Emitted when the registry admin creates a named exclusivity group ("one award per entity
    /// across these categories of these programs"); `awardKey` is the registry key its awards share.
    event GroupCreated(bytes32 indexed group, bytes32 awardKey);

    /// @notice Emitted when the registry admin lets a program award under a named exclusivity group.
    event ProgramAdmittedToGroup(bytes32 indexed group, address indexed program);

    /*//////////////////////////////////////////////////////////////
                             READ-ONLY FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice The role of officials who register entities and rotate wallets.
    function REGISTRAR_ROLE() external view returns (bytes32);

    /// @notice The role of programs allowed to record awards and bars.
    function PROGRAM_ROLE() external view returns (bytes32);

    /// @notice Delay between a wallet change request and the moment it can take effect.
    function walletChangeDelay() external view returns (uint40);

    /// @notice The number of registered entities (entity numbers run from 1 to this).
    function entityCount() external view returns (uint64);

    /// @notice The registry number of an entity id, zero if unregistered.
    function entityNoOf(bytes32 entityId) external view returns (uint64);

    /// @notice The entity id of a registry number.
    function entityIdOf(uint64 entityNo) external view returns (bytes32);

    /// @notice The entity number a wallet is bound to, zero if none.
    function entityNoOfWallet(address wallet) external view returns (uint64);

    /// @notice The stored record of an entity.
    function entity(uint64 entityNo) external view returns (Registry.Entity memory);

    /// @notice The pending wallet change of an entity (zero if none).
    function pendingWalletChange(uint64 entityNo) external view returns (Registry.WalletChange memory);

    /// @notice The program and grant that hold the entity's award under `awardKey`, zeros if none.
    function awardHolder(uint64 entityNo, bytes32 awardKey) external view returns (address program, uint96 grantId);

    /// @notice Whether the registry admin created the named exclusivity group `group`.
    function groupExists(bytes32 group) external view returns (bool);

    /// @notice Whether `program` may award under the named exclusivity group `group`.
    function isAdmittedToGroup(bytes32 group, address program) external view returns (bool);

    /// @notice The registry award key shared by every award under the named group `group`:
    /// keccak256(abi.encode(keccak256("MilestoneGrants.exclusivityGroup"), group)).
    function groupAwardKey(bytes32 group) external pure returns (bytes32);

    /// @notice The number of open bars `program` set on an entity.
    function barsSetBy(uint64 entityNo, address program) external view returns (uint32);

    /// @notice The current payout wallet and the number of open recovery orders of an entity.
    /// @dev Reverts with {Errors.EntityRegistry_UnknownEntityNo} for an unregistered number.
    function payoutOf(uint64 entityNo) external view returns (address wallet, uint32 openRecoveries);

    /*//////////////////////////////////////////////////////////////
                           STATE-CHANGING FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @notice Registers an entity with its payout wallet.
    /// @dev Requirements: caller has REGISTRAR_ROLE; `entityId` non-zero and new; `kind` is Company or
    /// Individual; `wallet` non-zero and not bound to another entity. Emits {EntityRegistered}.
    /// NOTE: for individuals `entityId` must be a salted commitment, never a plain hash of an ID number.
    /// @param entityId Company: keccak256 of the unified social credit code; individual: salted commitment.
    /// @param kind Company or Individual.
    /// @param wallet The payout wallet (an EOA or a contract wallet).
    /// @return entityNo The new registry number.
    function registerEntity(
        bytes32 entityId,
        Registry.EntityKind kind,
        address wallet
    ) external returns (uint64 entityNo);

    /// @notice Requests a payout wallet change, effective after {walletChangeDelay}.
    /// @dev Requirements: caller has REGISTRAR_ROLE; entity registered; `newWallet` non-zero and not bound
    /// to any entity. Replaces an earlier pending request. Claims made during the delay still pay the
    /// old wallet. Emits {WalletChangeRequested}.
    function requestWalletChange(uint64 entityNo, address newWallet) external;

    /// @notice Cancels a pending wallet change.
    /// @dev Requirements: caller has REGISTRAR_ROLE; a change is pending. Emits {WalletChangeCancelled}.
    function cancelWalletChange(uint64 entityNo) external;

    /// @notice Makes a pending wallet change effective once its delay has elapsed. Anyone may call.
    /// @dev Reverts if no change is pending, if the delay has not elapsed, or if the new wallet was bound
    /// to another entity meanwhile. Emits {WalletChanged}.
    function completeWalletChange(uint64 entityNo) external;

    /// @notice Records that an entity receives an award under `awardKey` (one-time rule).
    /// @dev Requirements: caller has PROGRAM_ROLE; if `awardKey` is a named group's key, the caller was
    /// admitted to that group; entity registered, not barred, and holding no award under `awardKey`.
    /// Emits {AwardRecorded}.
    /// @param grantId The program's grant id, kept with the key so an entity's awards can be listed.
    /// @return entityNo The entity's registry number.
    /// @return wallet The entity's current payout wallet.
    function recordAward(
        bytes32 entityId,
        bytes32 awardKey,
        uint96 grantId
    ) external returns (uint64 entityNo, address wallet);

    /// @notice Records a higher level of a tier group (晋级补差) for an entity that already holds the group's
    /// key through the calling program: the one-time rule stays with the program's levels, but the award
    /// is still a program's act, refused once its authorisation is revoked or while the entity is barred.
    /// @dev Requirements: caller has PROGRAM_ROLE and recorded `awardKey` for the entity; entity not barred.
    /// The key's holder record then names `grantId`, the newest grant under it. Emits {TopUpRecorded}.
    /// @return wallet The entity's current payout wallet.
    function recordTopUp(uint64 entityNo, bytes32 awardKey, uint96 grantId) external returns (address wallet);

    /// @notice Creates a named exclusivity group; only its programs ({admitToGroup}) award under it.
    /// @dev Requirements: caller is the registry admin; `group` non-zero and new. Emits {GroupCreated}.
    function createGroup(bytes32 group) external;

    /// @notice Lets `program` award under the named group `group` (it then names the group in a category).
    /// @dev Requirements: caller is the registry admin; the group exists; `program` not admitted yet.
    /// Emits {ProgramAdmittedToGroup}.
    function admitToGroup(bytes32 group, address program) external;

    /// @notice Releases an award key the calling program recorded (grant cancelled before any payment).
    /// @dev Requirements: caller holds or once held PROGRAM_ROLE (a revoked program can still undo its own
    /// records) and is the program that recorded it. Emits {AwardReleased}.
    function releaseAward(uint64 entityNo, bytes32 awardKey) external;

    /// @notice Bars an entity from new awards and claims in every program on this registry (a recovery
    /// order is open).
    /// @dev Requirements: caller holds or once held PROGRAM_ROLE (a wound-down program can still record
    /// the debt of a grant it paid); entity registered; the caller holds the entity's award under
    /// `awardKey` (the award the money is recovered from). Emits {EntityBarred}.
    /// @param entityNo The entity that owes money.
    /// @param awardKey The award key of the grant being recovered.
    function addBar(uint64 entityNo, bytes32 awardKey) external;

    /// @notice Lifts one bar that the calling program set, once its recovery is repaid.
    /// @dev Requirements: caller holds or once held PROGRAM_ROLE and set a bar on the entity that is still
    /// open (so a revoked program's repayments still lift its bars).
    /// Emits {BarLifted}.
    function liftBar(uint64 entityNo) external;
}
