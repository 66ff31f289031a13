// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title GhostStore
/// @notice Ghost variables the handler keeps while it drives the programs: money moved per program,
/// every grant it created, per-milestone payment counts, terminal states first seen, violations seen
/// at the moment of a call, and how often each action succeeded. Only the handler writes.
contract GhostStore {
    struct GrantGhost {
        uint8 program; // 0 or 1
        uint64 grantId;
        uint8 entity; // 0..3
        uint16 categoryId;
        uint128 award; // sum of the milestone amounts the handler proposed
        uint128 paid; // sum of the milestones the handler saw paid
        uint8 milestoneCount;
        bool cancelled; // seen cancelled once
        uint128 paidAtCancel; // paid when the cancellation was first seen
    }

    address public immutable handler;

    // Money per program.
    uint256[2] public funded;
    uint256[2] public paid;
    uint256[2] public withdrawn;
    uint256[2] public repaid;
    uint256[2] public donated;
    uint256[2] public swept;

    GrantGhost[] internal _grants;
    /// @dev keccak(program, grantId, index) => times the handler saw it paid.
    mapping(bytes32 => uint256) public paidCount;
    /// @dev keccak(program, grantId, index) => the amount the handler proposed for the milestone.
    mapping(bytes32 => uint128) public proposedAmount;
    /// @dev keccak(program, grantId, index) => terminal stored status + 1 when first seen (0 = none yet).
    mapping(bytes32 => uint8) public terminalSeen;

    /// @notice What the handler saw that must never happen; each must stay at zero. A name that is
    /// not in this list does not compile (a misspelt violation cannot pass unseen).
    enum Violation {
        ClaimBeforeNoticeEnd, // I12 / I4
        ClaimOfUnapproved, // I4
        ClaimOnCancelled, // I6
        ObjectionAfterNoticeEnd, // I12
        LapseBeforeDeadline, // I12
        ClaimPaidWrongAmount, // I7 / I3: the wallet received != sum of the milestones
        ObjectionRepeated, // #7: one objection per account per milestone
        ApprovedWithoutQuorum, // I5: approved without a quorum of eligible approvals
        RejectedWithoutCause, // I5: rejected while approval was still possible
        RoundLeftDecided, // I5: a vote or settle that decided the round left it open
        OfficialPaid, // I13: a payout to an account that holds or held a role or seat
        OfficialAwarded, // I13: an award to an entity whose wallet is an official's
        VoteNotCountable, // I5: a vote counted that the committee model says may not count
        BadSignatureAccepted, // I5: a batch with an expired or stale-round signature accepted
        EndedYearAwarded // FiscalYears: an award reserved against a fiscal year that had ended
    }

    /// @notice How often each violation was seen.
    mapping(Violation => uint256) public violations;

    /// @dev keccak(program, grantId, index, round, objector) => objections that succeeded.
    mapping(bytes32 => uint256) public objections;

    // Successful actions (reach).
    mapping(bytes32 action => uint256) public successes;
    mapping(bytes32 action => uint256) public attempts;

    error OnlyHandler();

    constructor() {
        handler = msg.sender;
    }

    modifier onlyHandler() {
        if (msg.sender != handler) revert OnlyHandler();
        _;
    }

    function key(uint8 program, uint256 grantId, uint256 index) public pure returns (bytes32) {
        return keccak256(abi.encode(program, grantId, index));
    }

    function grantCount() external view returns (uint256) {
        return _grants.length;
    }

    function grantAt(uint256 i) external view returns (GrantGhost memory) {
        return _grants[i];
    }

    // ----------------------------------------------------------------- writers

    function addFunded(uint8 p, uint256 a) external onlyHandler {
        funded[p] += a;
    }

    function addPaid(uint8 p, uint256 a) external onlyHandler {
        paid[p] += a;
    }

    function addWithdrawn(uint8 p, uint256 a) external onlyHandler {
        withdrawn[p] += a;
    }

    function addRepaid(uint8 p, uint256 a) external onlyHandler {
        repaid[p] += a;
    }

    function addDonated(uint8 p, uint256 a) external onlyHandler {
        donated[p] += a;
    }

    function addSwept(uint8 p, uint256 a) external onlyHandler {
        swept[p] += a;
    }

    function noteAmount(uint8 p, uint256 grantId, uint256 index, uint128 amount) external onlyHandler {
        proposedAmount[key(p, grantId, index)] = amount;
    }

    function amountOf(uint8 p, uint256 grantId, uint256 index) external view returns (uint128) {
        return proposedAmount[key(p, grantId, index)];
    }

    function pushGrant(GrantGhost calldata g) external onlyHandler {
        _grants.push(g);
    }

    function notePaid(uint256 ghostIndex, uint8 index, uint128 amount) external onlyHandler {
        GrantGhost storage g = _grants[ghostIndex];
        g.paid += amount;
        ++paidCount[key(g.program, g.grantId, index)];
    }

    function noteCancelled(uint256 ghostIndex) external onlyHandler {
        GrantGhost storage g = _grants[ghostIndex];
        if (!g.cancelled) {
            g.cancelled = true;
            g.paidAtCancel = g.paid;
        }
    }

    function noteTerminal(uint8 p, uint256 grantId, uint256 index, uint8 status) external onlyHandler {
        bytes32 k = key(p, grantId, index);
        if (terminalSeen[k] == 0) terminalSeen[k] = status + 1;
    }

    /// @notice Records one violation the handler saw.
    function violation(Violation what) external onlyHandler {
        ++violations[what];
    }

    /// @dev Records a successful objection; a second one by the same account in the same review round is
    /// a violation.
    function noteObjection(
        uint8 p,
        uint256 grantId,
        uint256 index,
        uint256 round,
        address objector
    ) external onlyHandler {
        bytes32 k = keccak256(abi.encode(p, grantId, index, round, objector));
        if (++objections[k] > 1) ++violations[Violation.ObjectionRepeated];
    }

    function attempt(bytes32 action) external onlyHandler {
        ++attempts[action];
    }

    function success(bytes32 action) external onlyHandler {
        ++successes[action];
    }
}
