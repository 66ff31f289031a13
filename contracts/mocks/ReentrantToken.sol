// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { ERC20 } from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice A 2-decimal hostile test token: when armed, every transfer out of `source` calls back into
/// a configured target with configured calldata (e.g. `program.claim` or `program.withdraw`) before
/// moving the tokens, and records whether that re-entry reverted and with what data. Its owner can also
/// make it call other contracts, so the token itself can act as a grantee's wallet. Tests only.
contract ReentrantToken is ERC20 {
    /// @notice Thrown when someone other than the owner tries to execute.
    error ReentrantToken_NotOwner(address caller);

    /// @notice The account allowed to execute calls from this contract.
    address public immutable owner;
    /// @notice The contract called back during transfers (zero: disarmed).
    address public reentryTarget;
    /// @notice Transfers out of this address trigger the callback (the program under test).
    address public source;
    /// @notice The calldata of the callback.
    bytes public payload;
    /// @notice How many callbacks were attempted.
    uint256 public attempts;
    /// @notice Whether the last callback reverted.
    bool public lastReverted;
    /// @notice The revert data of the last callback (empty if it succeeded).
    bytes public lastRevertData;

    /// @notice Deploys the mock.
    /// @param owner_ The account allowed to execute calls from this contract.
    constructor(address owner_) ERC20("Reentrant Yuan", "rCNY") {
        owner = owner_;
    }

    /// @notice Token decimals (fen).
    function decimals() public pure override returns (uint8) {
        return 2;
    }

    /// @notice Mints test tokens to `to`.
    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Arms the callback: the next transfers out of `source_` call `target_` with `payload_`.
    function arm(address target_, address source_, bytes calldata payload_) external {
        reentryTarget = target_;
        source = source_;
        payload = payload_;
    }

    /// @notice Calls `target_` with `data` from this contract, bubbling up any revert.
    function execute(address target_, bytes calldata data) external returns (bytes memory result) {
        if (msg.sender != owner) revert ReentrantToken_NotOwner(msg.sender);
        bool ok;
        // solhint-disable-next-line avoid-low-level-calls
        (ok, result) = target_.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 32), mload(result))
            }
        }
    }

    /// @notice Disarms the callback.
    function disarm() external {
        reentryTarget = address(0);
    }

    function _update(address from, address to, uint256 value) internal override {
        address target_ = reentryTarget;
        if (target_ != address(0) && from == source) {
            // One callback per transfer: disarm first so the re-entered call cannot recurse.
            reentryTarget = address(0);
            ++attempts;
            // solhint-disable-next-line avoid-low-level-calls
            (bool ok, bytes memory data) = target_.call(payload);
            lastReverted = !ok;
            lastRevertData = ok ? bytes("") : data;
            reentryTarget = target_;
        }
        super._update(from, to, value);
    }
}
