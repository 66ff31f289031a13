// SPDX-License-Identifier: MIT
pragma solidity 0.8.28;

/// @title CommitteeModel
/// @notice The invariant suite's own account of each program's committee and of every review round,
/// kept by the handler from the calls that succeeded and written from the rules as stated, not from the
/// contract's code: it counts people, where the contract counts slot bitmaps. A person is seated or
/// not; each appointment is a new seat (a new slot number, handed out in order, never reused) and
/// votes cast from an earlier seat stop counting; a recusal belongs to the person and the grant and
/// outlives removal and re-appointment; a round is decided with quorum eligible approvals, or with more
/// eligible rejections than the eligible members minus the quorum. Only the handler writes.
contract CommitteeModel {
    /// @notice The people who may ever sit on a committee: the four first reviewers and two more.
    uint256 public constant CANDIDATES = 6;

    enum Outcome {
        Open,
        Approved,
        Rejected
    }

    /// @notice One person's place on one program's committee.
    /// @param seated Whether the person sits on the committee now.
    /// @param slot The slot number of the current (or last) seat; 0 if never appointed.
    /// @param firstSlot The slot of the person's first appointment (where the program keeps recusals).
    /// @param appointments How many times the person was appointed (identifies the seat a vote came from).
    struct Seat {
        bool seated;
        uint8 slot;
        uint8 firstSlot;
        uint8 appointments;
    }

    /// @dev A vote as the model keeps it: 1 approve, 2 reject, and the appointment it was cast from.
    struct Ballot {
        uint8 choice;
        uint8 appointment;
    }

    address public immutable handler;

    /// @notice program => candidate => seat.
    mapping(uint8 => mapping(uint256 => Seat)) public seatOf;
    /// @notice Slots handed out so far, per program.
    uint8[2] public slotsUsed;
    /// @notice The quorum per program.
    uint8[2] public quorum;
    /// @notice keccak(program, grantId, candidate) => the person declared a conflict on the grant.
    mapping(bytes32 => bool) public recused;
    /// @notice milestoneKey => review rounds started (successful evidence submissions).
    mapping(bytes32 => uint8) public rounds;
    /// @notice milestoneKey => the current round is under review and undecided.
    mapping(bytes32 => bool) public open;
    /// @dev keccak(milestoneKey, round, candidate) => the person's vote in that round.
    mapping(bytes32 => Ballot) internal _ballots;

    error OnlyHandler();

    constructor(uint256 firstCommittee, uint8 firstQuorum) {
        handler = msg.sender;
        for (uint8 p = 0; p < 2; ++p) {
            for (uint256 c = 0; c < firstCommittee; ++c) _appoint(p, c);
            quorum[p] = firstQuorum;
        }
    }

    modifier onlyHandler() {
        if (msg.sender != handler) revert OnlyHandler();
        _;
    }

    function milestoneKey(uint8 p, uint256 grantId, uint256 index) public pure returns (bytes32) {
        return keccak256(abi.encode(p, grantId, index));
    }

    // ------------------------------------------------------------------- writers

    function appoint(uint8 p, uint256 c) external onlyHandler {
        _appoint(p, c);
    }

    function remove(uint8 p, uint256 c) external onlyHandler {
        seatOf[p][c].seated = false;
    }

    function setQuorum(uint8 p, uint8 q) external onlyHandler {
        quorum[p] = q;
    }

    function recuse(uint8 p, uint256 grantId, uint256 c) external onlyHandler {
        recused[keccak256(abi.encode(p, grantId, c))] = true;
    }

    function startRound(uint8 p, uint256 grantId, uint256 index) external onlyHandler {
        bytes32 k = milestoneKey(p, grantId, index);
        ++rounds[k];
        open[k] = true;
    }

    function record(uint8 p, uint256 grantId, uint256 index, uint256 c, bool approve) external onlyHandler {
        bytes32 k = milestoneKey(p, grantId, index);
        _ballots[keccak256(abi.encode(k, rounds[k], c))] = Ballot(approve ? 1 : 2, seatOf[p][c].appointments);
    }

    function close(uint8 p, uint256 grantId, uint256 index) external onlyHandler {
        open[milestoneKey(p, grantId, index)] = false;
    }

    // --------------------------------------------------------------------- views

    function isSeated(uint8 p, uint256 c) external view returns (bool) {
        return seatOf[p][c].seated;
    }

    /// @notice The slot of the person's current seat (0 if not seated).
    function slotOf(uint8 p, uint256 c) external view returns (uint8) {
        Seat memory seat = seatOf[p][c];
        return seat.seated ? seat.slot : 0;
    }

    /// @notice The slot of the person's first appointment (0 if never appointed).
    function firstSlotOf(uint8 p, uint256 c) external view returns (uint8) {
        return seatOf[p][c].firstSlot;
    }

    /// @notice Whether the person was ever appointed to the program's committee (an official for good).
    function everAppointed(uint8 p, uint256 c) external view returns (bool) {
        return seatOf[p][c].appointments > 0;
    }

    /// @notice The person's vote in the milestone's current round that still counts for their seat:
    /// 0 none, 1 approve, 2 reject (a vote from an earlier appointment is none).
    function currentVote(uint8 p, uint256 grantId, uint256 index, uint256 c) public view returns (uint8) {
        bytes32 k = milestoneKey(p, grantId, index);
        Ballot memory b = _ballots[keccak256(abi.encode(k, rounds[k], c))];
        Seat memory seat = seatOf[p][c];
        return seat.seated && b.appointment == seat.appointments ? b.choice : 0;
    }

    function isRecused(uint8 p, uint256 grantId, uint256 c) public view returns (bool) {
        return recused[keccak256(abi.encode(p, grantId, c))];
    }

    /// @notice Eligible members (seated, not recused on the grant) and their approvals and rejections
    /// in the current round.
    function tally(
        uint8 p,
        uint256 grantId,
        uint256 index
    ) public view returns (uint256 eligible, uint256 approvals, uint256 rejections) {
        for (uint256 c = 0; c < CANDIDATES; ++c) {
            if (!seatOf[p][c].seated || isRecused(p, grantId, c)) continue;
            ++eligible;
            uint8 v = currentVote(p, grantId, index, c);
            if (v == 1) ++approvals;
            else if (v == 2) ++rejections;
        }
    }

    /// @notice Whether a vote by `c` would be counted now: the round is open, the person is seated, not
    /// recused and has not voted from this seat. (Whether the quorum is reachable is {reachable}.)
    function countable(uint8 p, uint256 grantId, uint256 index, uint256 c) external view returns (bool) {
        return
            open[milestoneKey(p, grantId, index)] &&
            seatOf[p][c].seated &&
            !isRecused(p, grantId, c) &&
            currentVote(p, grantId, index, c) == 0;
    }

    /// @notice Whether the eligible members can still reach the quorum (else no vote may be counted).
    function reachable(uint8 p, uint256 grantId, uint256 index) external view returns (bool) {
        (uint256 eligible, , ) = tally(p, grantId, index);
        return eligible >= quorum[p];
    }

    /// @notice What the current votes decide under the committee and quorum of this moment.
    function outcome(uint8 p, uint256 grantId, uint256 index) external view returns (Outcome) {
        (uint256 eligible, uint256 approvals, uint256 rejections) = tally(p, grantId, index);
        uint256 q = quorum[p];
        if (approvals >= q) return Outcome.Approved;
        if (eligible >= q && rejections > eligible - q) return Outcome.Rejected;
        return Outcome.Open;
    }

    function _appoint(uint8 p, uint256 c) private {
        Seat storage seat = seatOf[p][c];
        seat.seated = true;
        seat.slot = ++slotsUsed[p];
        if (seat.appointments == 0) seat.firstSlot = seat.slot;
        ++seat.appointments;
    }
}
