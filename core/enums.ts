/**
 * The contracts' enums as TypeScript values, with their names (one definition each; the drift test
 * test/unit/core/enums.test.ts compares them with the compiled Solidity). Values are the numbers the
 * ABI carries; names are the Solidity member names, which the portal's labels and the tasks key on.
 */
import { CoreInputError } from "./input-error.ts";

/** `Program.AwardMode`: how a category awards. */
export const AwardMode = { None: 0, Fixed: 1, Capped: 2 } as const;
/** A member name of {@link AwardMode}. */
export type AwardModeName = keyof typeof AwardMode;

/** `Registry.EntityKind`: what a registered entity is. */
export const EntityKind = { None: 0, Company: 1, Individual: 2 } as const;
/** A member name of {@link EntityKind}. */
export type EntityKindName = keyof typeof EntityKind;

/** `Program.ApplicationStatus`: where an application stands. */
export const ApplicationStatus = { None: 0, Open: 1, Awarded: 2, Declined: 3 } as const;
/** A member name of {@link ApplicationStatus}. */
export type ApplicationStatusName = keyof typeof ApplicationStatus;

/** `Program.UpheldObjectionOutcome`: what an upheld objection does to the milestone. */
export const UpheldObjectionOutcome = { Resubmit: 0, Cancel: 1 } as const;
/** A member name of {@link UpheldObjectionOutcome}. */
export type UpheldObjectionOutcomeName = keyof typeof UpheldObjectionOutcome;

/** `Program.YearEndRule`: what a fiscal year's close does with its unreserved rest (收回 / 结转). */
export const YearEndRule = { Return: 0, CarryOver: 1 } as const;
/** A member name of {@link YearEndRule}. */
export type YearEndRuleName = keyof typeof YearEndRule;

/**
 * `Program.Compliance`: where a grant stands in its supervision after payment (监管期), derived by
 * `supervisionOf(…)`: no period; payments not over; payments over but not started; supervising; an attestation missed
 * (eligible for recovery, a manager decides); closed for good after the period.
 */
export const Compliance = {
  None: 0,
  AwaitingPayments: 1,
  ReadyToStart: 2,
  Supervising: 3,
  AttestationMissed: 4,
  Closed: 5,
} as const;
/** A member name of {@link Compliance}. */
export type ComplianceName = keyof typeof Compliance;

/**
 * `Program.MilestoneState`: the one milestone enum. The stored status (`milestone(…).status`) only
 * ever holds {@link STORED_MILESTONE_STATES}; the derived state (`milestoneState(…)`) adds Payable
 * and Lapsable (from the clock) and reads Cancelled for the unpaid milestones of a cancelled grant.
 * InNotice means approved: the notice window is running or over.
 */
export const MilestoneState = {
  None: 0,
  Pending: 1,
  Submitted: 2,
  Rejected: 3,
  InNotice: 4,
  Contested: 5,
  Payable: 6,
  Paid: 7,
  Lapsable: 8,
  Lapsed: 9,
  Cancelled: 10,
} as const;
/** A member name of {@link MilestoneState}. */
export type MilestoneStateName = keyof typeof MilestoneState;
/** A member value of {@link MilestoneState}. */
export type MilestoneStateValue = (typeof MilestoneState)[MilestoneStateName];

/** The states the stored status field can hold (the others are only derived). */
export const STORED_MILESTONE_STATES: readonly MilestoneStateName[] = [
  "Pending",
  "Submitted",
  "Rejected",
  "InNotice",
  "Contested",
  "Paid",
  "Lapsed",
  "Cancelled",
];

/** The states a milestone never leaves: its money is paid, released or cancelled. */
export const FINAL_MILESTONE_STATES: readonly MilestoneStateName[] = ["Paid", "Lapsed", "Cancelled"];

/**
 * The member names of an enum object in value order (index i holds the name of value i).
 * @param values one of the enum objects above
 */
export function enumNames<T extends Record<string, number>>(values: T): Array<keyof T & string> {
  const names: Array<keyof T & string> = [];
  for (const [name, value] of Object.entries(values)) names[value] = name as keyof T & string;
  return names;
}

/**
 * Every enum the core describes, keyed by its Solidity name (`Library.Enum`), in value order.
 * The drift test fails when the compiled contracts disagree with this table.
 */
export const SOLIDITY_ENUMS: Readonly<Record<string, readonly string[]>> = {
  "Program.AwardMode": enumNames(AwardMode),
  "Program.MilestoneState": enumNames(MilestoneState),
  "Program.UpheldObjectionOutcome": enumNames(UpheldObjectionOutcome),
  "Program.ApplicationStatus": enumNames(ApplicationStatus),
  "Program.Compliance": enumNames(Compliance),
  "Program.YearEndRule": enumNames(YearEndRule),
  "Registry.EntityKind": enumNames(EntityKind),
};

const MILESTONE_STATE_NAMES = enumNames(MilestoneState);

/**
 * The name of a milestone state number, as read from `milestoneState(…)` or `milestone(…).status`.
 * @param value the number (bigint from ethers or a plain number)
 * @throws CoreInputError when the number is not a milestone state
 */
export function milestoneStateName(value: bigint | number): MilestoneStateName {
  const name = MILESTONE_STATE_NAMES[Number(value)];
  if (name === undefined || BigInt(value) < 0n) {
    throw new CoreInputError(
      `${value} is not a milestone state: the states are numbered 0 to ${MILESTONE_STATE_NAMES.length - 1}.`,
      `${value} 不是里程碑状态：状态编号为 0 至 ${MILESTONE_STATE_NAMES.length - 1}。`,
    );
  }
  return name;
}

/**
 * The states named by a uint16 bitmap (bit i set = state i), as the error
 * `GrantProgram_WrongMilestoneState(grantId, index, current, expectedStates)` carries them.
 * @param bitmap the bitmap, 0 to 65535
 * @returns the names in value order
 * @throws CoreInputError when the bitmap is out of range or sets a bit that names no state
 */
export function milestoneStatesOf(bitmap: bigint | number): MilestoneStateName[] {
  const bits = BigInt(bitmap);
  if (bits < 0n || bits > 0xffffn) {
    throw new CoreInputError(
      `${bitmap} is not a uint16 bitmap of milestone states.`,
      `${bitmap} 不是 uint16 里程碑状态位图。`,
    );
  }
  if (bits >> BigInt(MILESTONE_STATE_NAMES.length) !== 0n) {
    throw new CoreInputError(
      `The bitmap ${bitmap} sets a bit above ${MILESTONE_STATE_NAMES.length - 1}, which names no milestone state.`,
      `位图 ${bitmap} 设置了高于 ${MILESTONE_STATE_NAMES.length - 1} 的位，不对应任何里程碑状态。`,
    );
  }
  return MILESTONE_STATE_NAMES.filter((_, i) => ((bits >> BigInt(i)) & 1n) === 1n);
}

/**
 * The uint16 bitmap of a list of states (the inverse of {@link milestoneStatesOf}).
 * @param names state names
 */
export function milestoneStateBitmap(names: readonly MilestoneStateName[]): number {
  return names.reduce((bits, name) => bits | (1 << MilestoneState[name]), 0);
}
