/**
 * A milestone's state at a moment, from what the chain stored: the same rule as the contract's
 * `milestoneState` (contracts/libraries/MilestoneLib.sol `stateOf`, on the clock of
 * contracts/libraries/ProgramClock.sol), for readers that hold the stored fields but not the contract —
 * the indexer's rows, above all. The contract stays the authority: a person acting on a milestone is
 * shown a state re-read from the chain.
 *
 * All times are integer seconds. The program's clock is calendar time minus the seconds spent paused;
 * deadlines and notice ends are kept on it, so a pause stops them.
 */
import { MilestoneState, type MilestoneStateValue } from "./enums.js";

/** A program's pause record: the start of the running pause (0 when running) and earlier pauses' total. */
export interface PauseRecord {
  pausedAt: bigint;
  pausedTotal: bigint;
}

/** The program's clock at calendar time `now` (ProgramClock.at). */
export function programClock(pause: PauseRecord, now: bigint): bigint {
  return (pause.pausedAt !== 0n ? pause.pausedAt : now) - pause.pausedTotal;
}

/** Calendar time minus program time at `now`: what a calendar time the contract emits at `now` carries extra. */
export function clockOffset(pause: PauseRecord, now: bigint): bigint {
  return now - programClock(pause, now);
}

/** The program time of a calendar time the contract emitted at `now` (its `_calendar` inverted; 0 stays 0). */
export function toProgramTime(calendarTime: bigint, pause: PauseRecord, now: bigint): bigint {
  return calendarTime === 0n ? 0n : calendarTime - clockOffset(pause, now);
}

/** The calendar time of a program time as the contract would show it at `now` (its `_calendar`). */
export function toCalendarTime(programTime: bigint, pause: PauseRecord, now: bigint): bigint {
  return programTime === 0n ? 0n : programTime + clockOffset(pause, now);
}

/** What the state rule reads of a milestone. */
export interface StoredMilestone {
  /** The stored status (one of STORED_MILESTONE_STATES, or None). */
  status: number;
  /** Approval deadline, program clock. */
  deadline: bigint;
  /** End of the notice window, program clock (0 before approval). */
  noticeEndsAt: bigint;
}

/** The derived state at program time `programNow` of a milestone of a grant (cancelled or not). */
export function milestoneStateAt(m: StoredMilestone, grantCancelled: boolean, programNow: bigint): MilestoneStateValue {
  const status = m.status as MilestoneStateValue;
  if (status === MilestoneState.Paid || status === MilestoneState.Lapsed) return status;
  if (status === MilestoneState.Cancelled || grantCancelled) return MilestoneState.Cancelled;
  if (status === MilestoneState.Contested) return status;
  if (status === MilestoneState.InNotice) {
    return programNow >= m.noticeEndsAt ? MilestoneState.Payable : MilestoneState.InNotice;
  }
  if (status !== MilestoneState.None && programNow > m.deadline) return MilestoneState.Lapsable;
  return status;
}
