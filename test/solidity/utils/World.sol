// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

import { IERC20 } from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

import { EntityRegistry } from "../../../contracts/EntityRegistry.sol";
import { GrantProgram } from "../../../contracts/GrantProgram.sol";
import { GrantProgramExtension } from "../../../contracts/GrantProgramExtension.sol";
import { IGrantProgram } from "../../../contracts/interfaces/IGrantProgram.sol";
import { GrantProgramFactory } from "../../../contracts/GrantProgramFactory.sol";
import { IEntityRegistry } from "../../../contracts/interfaces/IEntityRegistry.sol";
import { MockYuan } from "../../../contracts/mocks/MockYuan.sol";
import { Program, Registry } from "../../../contracts/types/DataTypes.sol";
import { Assertions } from "./Assertions.sol";
import { vm } from "./Vm.sol";

/// @title World
/// @notice Shared deployment for the Solidity tests: 2-decimal yuan, one registry, the factory, a
/// registered implementation, and programs created through the factory with every role held by a
/// distinct address. The test contract itself is only the registry admin/registrar and factory owner.
abstract contract World is Assertions {
    address internal constant ADMIN = address(0xA0);
    address internal constant MANAGER = address(0xA1);
    address internal constant TREASURER = address(0xA2);
    address internal constant GUARDIAN = address(0xA3);
    address internal constant TREASURY = address(0xA4);
    address internal constant PAYER = address(0xA5);
    address internal constant DONOR = address(0xA6);
    address internal constant OBJECTOR = address(0xA7);

    uint8 internal constant QUORUM = 3;
    uint256 internal constant REVIEWER_COUNT = 4;
    uint256 internal constant ENTITY_COUNT = 4;
    uint40 internal constant WALLET_DELAY = 3 days;
    uint40 internal constant START = 1_700_000_000;

    MockYuan internal token;
    EntityRegistry internal registry;
    GrantProgramFactory internal factory;
    GrantProgram internal implementation;
    uint256 internal version;

    address[4] internal reviewers;
    address[4] internal entityWallets;
    bytes32[4] internal entityIds;
    uint64[4] internal entityNos;

    /// @dev Private key of reviewer `i` (known, so tests can sign EIP-712 votes with `vm.sign`).
    function reviewerKey(uint256 i) internal pure returns (uint256) {
        return 0xB0 + i;
    }

    function _deployCore() internal {
        vm.warp(START);
        token = new MockYuan("Demo Yuan", "CNY", 2);
        registry = new EntityRegistry(address(this), WALLET_DELAY);
        registry.grantRole(registry.REGISTRAR_ROLE(), address(this));
        factory = new GrantProgramFactory(address(this));
        implementation = new GrantProgram(new GrantProgramExtension(address(factory)));
        version = factory.registerImplementation(address(implementation));
        for (uint256 i = 0; i < REVIEWER_COUNT; ++i) {
            reviewers[i] = vm.addr(reviewerKey(i));
        }
        for (uint256 i = 0; i < ENTITY_COUNT; ++i) {
            entityWallets[i] = address(uint160(0xE0 + i));
            entityIds[i] = keccak256(abi.encode("entity", i));
            entityNos[i] = registry.registerEntity(entityIds[i], Registry.EntityKind.Company, entityWallets[i]);
        }
    }

    function _createProgram(
        string memory name,
        uint40 noticePeriod,
        Program.UpheldObjectionOutcome outcome
    ) internal returns (IGrantProgram program) {
        Program.FiscalCalendar memory none;
        program = _createProgram(name, noticePeriod, outcome, none);
    }

    /// @dev A program with `calendar` as its fiscal calendar (start month zero: one undated budget).
    function _createProgram(
        string memory name,
        uint40 noticePeriod,
        Program.UpheldObjectionOutcome outcome,
        Program.FiscalCalendar memory calendar
    ) internal returns (IGrantProgram program) {
        address[] memory managers = new address[](1);
        managers[0] = MANAGER;
        address[] memory committee = new address[](REVIEWER_COUNT);
        for (uint256 i = 0; i < REVIEWER_COUNT; ++i) {
            committee[i] = reviewers[i];
        }
        Program.InitParams memory params = Program.InitParams({
            admin: ADMIN,
            managers: managers,
            reviewers: committee,
            treasurer: TREASURER,
            guardian: GUARDIAN,
            quorum: QUORUM,
            noticePeriod: noticePeriod,
            windowOpensAt: uint40(block.timestamp),
            windowClosesAt: uint40(block.timestamp) + 3650 days,
            upheldObjectionOutcome: outcome,
            programFileHash: keccak256("world program file"),
            policyTextHash: keccak256("world policy text"),
            fiscalCalendar: calendar
        });
        program = IGrantProgram(
            factory.createProgram(
                version,
                name,
                IERC20(address(token)),
                IEntityRegistry(address(registry)),
                TREASURY,
                params
            )
        );
        registry.grantRole(registry.PROGRAM_ROLE(), address(program));
    }

    function _addCategory(
        IGrantProgram program,
        Program.AwardMode mode,
        uint128 amount,
        uint32 maxAwards,
        uint128 maxTotal,
        bytes32 group
    ) internal returns (uint16 categoryId) {
        if (group != bytes32(0)) {
            // Named groups belong to the registry admin (this contract): create once, admit each program.
            if (!registry.groupExists(group)) registry.createGroup(group);
            registry.admitToGroup(group, address(program));
        }
        vm.prank(ADMIN);
        categoryId = program.addCategory(
            Program.CategoryParams({
                mode: mode,
                amount: amount,
                maxAwards: maxAwards,
                maxTotal: maxTotal,
                exclusivityGroup: group,
                descriptionHash: keccak256(abi.encode("category", amount)),
                tierGroup: 0,
                tier: 0,
                supervisionPeriod: 0,
                attestationInterval: 0,
                eligibilityWindow: 0
            })
        );
    }

    function _fund(IGrantProgram program, uint256 amount) internal {
        token.mint(TREASURER, amount);
        vm.prank(TREASURER);
        token.approve(address(program), amount);
        vm.prank(TREASURER);
        program.fund(amount);
    }

    /// @dev Milestones with the given amounts, deadlines `spacing` apart starting after now.
    function _terms(
        uint128[] memory amounts,
        uint40 spacing
    ) internal view returns (Program.MilestoneTerms[] memory t) {
        t = new Program.MilestoneTerms[](amounts.length);
        for (uint256 i = 0; i < amounts.length; ++i) {
            t[i] = Program.MilestoneTerms({
                amount: amounts[i],
                deadline: uint40(block.timestamp) + spacing * uint40(i + 1),
                descriptionHash: keccak256(abi.encode("milestone", i))
            });
        }
    }

    function _award(
        IGrantProgram program,
        uint256 entity,
        uint16 categoryId,
        Program.MilestoneTerms[] memory t
    ) internal returns (uint256 grantId) {
        vm.prank(MANAGER);
        grantId = program.award(entityIds[entity], categoryId, 0, t);
    }

    /// @dev Evidence from the grantee, then `QUORUM` approvals: the milestone enters its notice window.
    function _approve(IGrantProgram program, uint256 grantId, uint8 index, uint256 entity) internal {
        bytes32 evidence = keccak256(abi.encode("evidence", grantId, index));
        vm.prank(entityWallets[entity]);
        program.submitEvidence(grantId, index, evidence);
        bytes32 termsHash = program.grant(grantId).termsHash;
        for (uint256 r = 0; r < QUORUM; ++r) {
            vm.prank(reviewers[r]);
            program.vote(grantId, index, termsHash, evidence, true, bytes32(0));
        }
    }
}
