// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { AccessControl } from "@openzeppelin/contracts/access/AccessControl.sol";

import { IEntityRegistry } from "./interfaces/IEntityRegistry.sol";
import { Errors } from "./libraries/Errors.sol";
import { Registry } from "./types/DataTypes.sol";

/// @title EntityRegistry
/// @notice See {IEntityRegistry}. One registry per jurisdiction; programs share it.
contract EntityRegistry is IEntityRegistry, AccessControl {
    /// @inheritdoc IEntityRegistry
    bytes32 public constant override REGISTRAR_ROLE = keccak256("REGISTRAR_ROLE");
    /// @inheritdoc IEntityRegistry
    bytes32 public constant override PROGRAM_ROLE = keccak256("PROGRAM_ROLE");

    /// @notice The longest wallet change delay a registry may be deployed with.
    uint40 public constant MAX_WALLET_CHANGE_DELAY = 90 days;
    /// @notice The shortest wallet change delay a registry may be deployed with: no single registrar can
    /// redirect a payout at once; the entity and the programs' officials have a day to see the request
    /// (WalletChangeRequested) and have another registrar cancel it, or a guardian pause claims.
    uint40 public constant MIN_WALLET_CHANGE_DELAY = 1 days;

    /// @inheritdoc IEntityRegistry
    uint40 public immutable override walletChangeDelay;

    /// @inheritdoc IEntityRegistry
    uint64 public override entityCount;

    mapping(uint64 entityNo => Registry.Entity) private _entities;
    mapping(uint64 entityNo => bytes32 entityId) private _entityIds;
    mapping(bytes32 entityId => uint64 entityNo) private _entityNos;
    mapping(address wallet => uint64 entityNo) private _walletOwners;
    mapping(uint64 entityNo => Registry.WalletChange) private _walletChanges;
    mapping(uint64 entityNo => mapping(bytes32 awardKey => AwardHolder)) private _awardHolders;
    mapping(uint64 entityNo => mapping(address program => uint32 bars)) private _barsSetBy;
    /// @dev The named exclusivity group whose key each group award key is (zero for every other key).
    mapping(bytes32 awardKey => bytes32 group) private _groupOfKey;
    mapping(bytes32 group => mapping(address program => bool)) private _admitted;
    /// @dev Programs that ever held PROGRAM_ROLE: they may still undo what they did (lift their own bars,
    /// release their own award keys) after the role is revoked, so a revocation never strands an entity.
    mapping(address program => bool) private _everAuthorised;

    /// @dev Prefix of the award keys of named exclusivity groups (see {groupAwardKey}).
    bytes32 private constant _GROUP_KEY_PREFIX = keccak256("MilestoneGrants.exclusivityGroup");

    /// @dev The program and grant holding an award key: one slot.
    struct AwardHolder {
        address program;
        uint96 grantId;
    }

    /// @notice Deploys a jurisdiction's registry.
    /// @param admin The registry admin (meant to be a multisig or timelock): grants REGISTRAR_ROLE and
    /// authorises programs (PROGRAM_ROLE).
    /// @param walletChangeDelay_ Delay before a requested payout wallet change can take effect.
    constructor(address admin, uint40 walletChangeDelay_) {
        if (admin == address(0)) revert Errors.EntityRegistry_ZeroAdmin();
        if (walletChangeDelay_ < MIN_WALLET_CHANGE_DELAY) {
            revert Errors.EntityRegistry_DelayTooShort(walletChangeDelay_, MIN_WALLET_CHANGE_DELAY);
        }
        if (walletChangeDelay_ > MAX_WALLET_CHANGE_DELAY) {
            revert Errors.EntityRegistry_DelayTooLong(walletChangeDelay_, MAX_WALLET_CHANGE_DELAY);
        }
        walletChangeDelay = walletChangeDelay_;
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @dev Only a program that holds or once held PROGRAM_ROLE.
    modifier onlyEverAuthorised() {
        if (!_everAuthorised[msg.sender]) revert AccessControlUnauthorizedAccount(msg.sender, PROGRAM_ROLE);
        _;
    }

    /*//////////////////////////////////////////////////////////////
                             READ-ONLY FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IEntityRegistry
    function entityNoOf(bytes32 entityId) external view override returns (uint64) {
        return _entityNos[entityId];
    }

    /// @inheritdoc IEntityRegistry
    function entityIdOf(uint64 entityNo) external view override returns (bytes32) {
        return _entityIds[entityNo];
    }

    /// @inheritdoc IEntityRegistry
    function entityNoOfWallet(address wallet) external view override returns (uint64) {
        return _walletOwners[wallet];
    }

    /// @inheritdoc IEntityRegistry
    function entity(uint64 entityNo) external view override returns (Registry.Entity memory) {
        return _entities[entityNo];
    }

    /// @inheritdoc IEntityRegistry
    function pendingWalletChange(uint64 entityNo) external view override returns (Registry.WalletChange memory) {
        return _walletChanges[entityNo];
    }

    /// @inheritdoc IEntityRegistry
    function awardHolder(
        uint64 entityNo,
        bytes32 awardKey
    ) external view override returns (address program, uint96 grantId) {
        AwardHolder memory holder = _awardHolders[entityNo][awardKey];
        return (holder.program, holder.grantId);
    }

    /// @inheritdoc IEntityRegistry
    function groupExists(bytes32 group) external view override returns (bool) {
        return group != bytes32(0) && _groupOfKey[groupAwardKey(group)] == group;
    }

    /// @inheritdoc IEntityRegistry
    function isAdmittedToGroup(bytes32 group, address program) external view override returns (bool) {
        return _admitted[group][program];
    }

    /// @inheritdoc IEntityRegistry
    function groupAwardKey(bytes32 group) public pure override returns (bytes32) {
        return keccak256(abi.encode(_GROUP_KEY_PREFIX, group));
    }

    /// @inheritdoc IEntityRegistry
    function barsSetBy(uint64 entityNo, address program) external view override returns (uint32) {
        return _barsSetBy[entityNo][program];
    }

    /// @inheritdoc IEntityRegistry
    function payoutOf(uint64 entityNo) external view override returns (address wallet, uint32 openRecoveries) {
        Registry.Entity storage record = _entities[entityNo];
        wallet = record.wallet;
        if (wallet == address(0)) revert Errors.EntityRegistry_UnknownEntityNo(entityNo);
        openRecoveries = record.openRecoveries;
    }

    /*//////////////////////////////////////////////////////////////
                           STATE-CHANGING FUNCTIONS
    //////////////////////////////////////////////////////////////*/

    /// @inheritdoc IEntityRegistry
    function registerEntity(
        bytes32 entityId,
        Registry.EntityKind kind,
        address wallet
    ) external override onlyRole(REGISTRAR_ROLE) returns (uint64 entityNo) {
        // Check: a new, well-formed entity with a free wallet.
        if (entityId == bytes32(0)) revert Errors.EntityRegistry_ZeroEntityId();
        if (kind != Registry.EntityKind.Company && kind != Registry.EntityKind.Individual) {
            revert Errors.EntityRegistry_InvalidKind(uint8(kind));
        }
        uint64 existing = _entityNos[entityId];
        if (existing != 0) revert Errors.EntityRegistry_AlreadyRegistered(entityId, existing);
        _checkWalletFree(wallet);

        // Effect: number the entity and bind its wallet.
        entityNo = ++entityCount;
        _entities[entityNo] = Registry.Entity({
            wallet: wallet,
            registeredAt: uint40(block.timestamp),
            kind: kind,
            openRecoveries: 0
        });
        _entityIds[entityNo] = entityId;
        _entityNos[entityId] = entityNo;
        _walletOwners[wallet] = entityNo;

        // Log.
        emit EntityRegistered(entityNo, entityId, kind, wallet);
    }

    /// @inheritdoc IEntityRegistry
    function requestWalletChange(uint64 entityNo, address newWallet) external override onlyRole(REGISTRAR_ROLE) {
        // Check: a registered entity and a wallet bound to nobody.
        _checkRegistered(entityNo);
        _checkWalletFree(newWallet);

        // Effect: the change waits for the delay; the old wallet keeps receiving until then.
        uint40 effectiveAt = uint40(block.timestamp) + walletChangeDelay;
        _walletChanges[entityNo] = Registry.WalletChange({ newWallet: newWallet, effectiveAt: effectiveAt });

        // Log.
        emit WalletChangeRequested(entityNo, newWallet, effectiveAt);
    }

    /// @inheritdoc IEntityRegistry
    function cancelWalletChange(uint64 entityNo) external override onlyRole(REGISTRAR_ROLE) {
        // Check: a change is pending.
        address newWallet = _walletChanges[entityNo].newWallet;
        if (newWallet == address(0)) revert Errors.EntityRegistry_NoPendingWalletChange(entityNo);

        // Effect.
        delete _walletChanges[entityNo];

        // Log.
        emit WalletChangeCancelled(entityNo, newWallet);
    }

    /// @inheritdoc IEntityRegistry
    function completeWalletChange(uint64 entityNo) external override {
        // Check: a change is pending, due, and its wallet is still free.
        Registry.WalletChange memory change = _walletChanges[entityNo];
        if (change.newWallet == address(0)) revert Errors.EntityRegistry_NoPendingWalletChange(entityNo);
        if (block.timestamp < change.effectiveAt) {
            revert Errors.EntityRegistry_WalletChangeNotDue(entityNo, change.effectiveAt);
        }
        _checkWalletFree(change.newWallet);

        // Effect: unbind the old wallet, bind the new one.
        Registry.Entity storage record = _entities[entityNo];
        address oldWallet = record.wallet;
        delete _walletOwners[oldWallet];
        _walletOwners[change.newWallet] = entityNo;
        record.wallet = change.newWallet;
        delete _walletChanges[entityNo];

        // Log.
        emit WalletChanged(entityNo, oldWallet, change.newWallet);
    }

    /// @inheritdoc IEntityRegistry
    function recordAward(
        bytes32 entityId,
        bytes32 awardKey,
        uint96 grantId
    ) external override onlyRole(PROGRAM_ROLE) returns (uint64 entityNo, address wallet) {
        // Check: registered, not barred, and no award held under this key.
        entityNo = _entityNos[entityId];
        if (entityNo == 0) revert Errors.EntityRegistry_UnknownEntity(entityId);
        Registry.Entity memory record = _entities[entityNo];
        if (record.openRecoveries != 0) revert Errors.EntityRegistry_EntityBarred(entityNo, record.openRecoveries);
        address holder = _awardHolders[entityNo][awardKey].program;
        if (holder != address(0)) revert Errors.EntityRegistry_AlreadyAwarded(entityNo, awardKey, holder);
        // A named group's key is shared across programs: only those the admin admitted may record under it.
        bytes32 group = _groupOfKey[awardKey];
        if (group != bytes32(0) && !_admitted[group][msg.sender]) {
            revert Errors.EntityRegistry_NotAdmittedToGroup(group, msg.sender);
        }

        // Effect.
        _awardHolders[entityNo][awardKey] = AwardHolder({ program: msg.sender, grantId: grantId });
        wallet = record.wallet;

        // Log.
        emit AwardRecorded(entityNo, awardKey, msg.sender, grantId);
    }

    /// @inheritdoc IEntityRegistry
    function recordTopUp(
        uint64 entityNo,
        bytes32 awardKey,
        uint96 grantId
    ) external override onlyRole(PROGRAM_ROLE) returns (address wallet) {
        // Check: the caller holds the key for this entity (so the entity is registered), not barred.
        AwardHolder storage holder = _awardHolders[entityNo][awardKey];
        if (holder.program != msg.sender) revert Errors.EntityRegistry_AwardNotHeld(entityNo, awardKey, msg.sender);
        Registry.Entity memory record = _entities[entityNo];
        if (record.openRecoveries != 0) revert Errors.EntityRegistry_EntityBarred(entityNo, record.openRecoveries);

        // Effect.
        holder.grantId = grantId;
        wallet = record.wallet;

        // Log.
        emit TopUpRecorded(entityNo, awardKey, msg.sender, grantId);
    }

    /// @inheritdoc IEntityRegistry
    function createGroup(bytes32 group) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        // Check: a non-zero name not used before.
        bytes32 awardKey = groupAwardKey(group);
        if (group == bytes32(0) || _groupOfKey[awardKey] != bytes32(0))
            revert Errors.EntityRegistry_InvalidGroup(group);

        // Effect.
        _groupOfKey[awardKey] = group;

        // Log.
        emit GroupCreated(group, awardKey);
    }

    /// @inheritdoc IEntityRegistry
    function admitToGroup(bytes32 group, address program) external override onlyRole(DEFAULT_ADMIN_ROLE) {
        // Check: an existing group, a program not yet admitted.
        if (group == bytes32(0) || _groupOfKey[groupAwardKey(group)] != group) {
            revert Errors.EntityRegistry_UnknownGroup(group);
        }
        if (_admitted[group][program]) revert Errors.EntityRegistry_AlreadyAdmitted(group, program);

        // Effect.
        _admitted[group][program] = true;

        // Log.
        emit ProgramAdmittedToGroup(group, program);
    }

    /// @inheritdoc IEntityRegistry
    function releaseAward(uint64 entityNo, bytes32 awardKey) external override onlyEverAuthorised {
        // Check: only the program that recorded the award may release it.
        if (_awardHolders[entityNo][awardKey].program != msg.sender) {
            revert Errors.EntityRegistry_AwardNotHeld(entityNo, awardKey, msg.sender);
        }

        // Effect.
        delete _awardHolders[entityNo][awardKey];

        // Log.
        emit AwardReleased(entityNo, awardKey, msg.sender);
    }

    /// @inheritdoc IEntityRegistry
    function addBar(uint64 entityNo, bytes32 awardKey) external override onlyEverAuthorised {
        // Check: a registered entity holding an award from the calling program, so a revoked (wound-down)
        // program can still record the debt of a grant it paid, and no program can bar a stranger.
        _checkRegistered(entityNo);
        if (_awardHolders[entityNo][awardKey].program != msg.sender) {
            revert Errors.EntityRegistry_AwardNotHeld(entityNo, awardKey, msg.sender);
        }

        // Effect.
        ++_barsSetBy[entityNo][msg.sender];
        uint32 openRecoveries = ++_entities[entityNo].openRecoveries;

        // Log.
        emit EntityBarred(entityNo, msg.sender, openRecoveries);
    }

    /// @inheritdoc IEntityRegistry
    function liftBar(uint64 entityNo) external override onlyEverAuthorised {
        // Check: only a bar this program set can be lifted by it.
        if (_barsSetBy[entityNo][msg.sender] == 0) revert Errors.EntityRegistry_NoOpenRecovery(entityNo);

        // Effect: both counters moved together on addBar, so neither can underflow here.
        --_barsSetBy[entityNo][msg.sender];
        uint32 openRecoveries = --_entities[entityNo].openRecoveries;

        // Log.
        emit BarLifted(entityNo, msg.sender, openRecoveries);
    }

    /*//////////////////////////////////////////////////////////////
                                 INTERNAL
    //////////////////////////////////////////////////////////////*/

    /// @dev Remembers every program ever authorised (see {onlyEverAuthorised}).
    function _grantRole(bytes32 role, address account) internal override returns (bool) {
        if (role == PROGRAM_ROLE) _everAuthorised[account] = true;
        return super._grantRole(role, account);
    }

    function _checkRegistered(uint64 entityNo) private view {
        if (_entities[entityNo].wallet == address(0)) revert Errors.EntityRegistry_UnknownEntityNo(entityNo);
    }

    function _checkWalletFree(address wallet) private view {
        if (wallet == address(0)) revert Errors.EntityRegistry_ZeroWallet();
        uint64 owner = _walletOwners[wallet];
        if (owner != 0) revert Errors.EntityRegistry_WalletTaken(wallet, owner);
        // A wallet awaiting a change is not bound yet; completeWalletChange re-checks it.
    }
}
