/** Milestone states and committee bitmaps in operators' words (the states themselves: core/enums.ts). */
import { MilestoneState, milestoneStateName } from "../../core/enums.js";
import { MILESTONE_STATE_BADGES, formatBeijing, type Bilingual } from "../../core/messages/labels.js";

/** A milestone state number in operators' words: the core name, spaced and lower-cased ("in notice"). */
export function stateWords(state: bigint | number): string {
  return milestoneStateName(state)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
}

/**
 * A milestone state for a summary: the operators' English words ("in notice") and the core's Chinese
 * badge ("公示中").
 * @param state the milestone state number
 */
export function stateText(state: bigint | number): Bilingual {
  return { en: stateWords(state), zh: MILESTONE_STATE_BADGES[milestoneStateName(state)].zh };
}

/** The number of set bits of a committee bitmap (approvals, rejections, recusals). */
export function countBits(bitmap: bigint | number): number {
  let n = BigInt(bitmap);
  let count = 0;
  while (n > 0n) {
    count += Number(n & 1n);
    n >>= 1n;
  }
  return count;
}

/** A milestone's state and, where the rules allow it later, when or after what it becomes payable. */
export function claimOutlook(
  index: number,
  state: number,
  m: { deadline: bigint; noticeEndsAt: bigint },
): Bilingual & { final: boolean } {
  const due = (lang: "en" | "zh") => formatBeijing(m.deadline, lang);
  const S = MilestoneState;
  switch (state) {
    case S.Pending:
      return {
        en: `#${index} waits for evidence (due by ${due("en")})`,
        zh: `第 ${index} 号待提交材料（截止 ${due("zh")}）`,
        final: false,
      };
    case S.Submitted:
      return {
        en: `#${index} is under committee review (votes until ${due("en")})`,
        zh: `第 ${index} 号评审中（投票截止 ${due("zh")}）`,
        final: false,
      };
    case S.Rejected:
      return {
        en: `#${index} was rejected; new evidence may be submitted until ${due("en")}`,
        zh: `第 ${index} 号未通过评审，可在 ${due("zh")} 前重新提交材料`,
        final: false,
      };
    case S.InNotice:
      return {
        en: `#${index} is in its public notice window and payable from ${formatBeijing(m.noticeEndsAt, "en")}`,
        zh: `第 ${index} 号公示中，${formatBeijing(m.noticeEndsAt, "zh")} 起可领取`,
        final: false,
      };
    case S.Contested:
      return {
        en: `#${index} has an open objection and is payable only once a manager dismisses it`,
        zh: `第 ${index} 号有待裁定的异议，经办人驳回异议后方可领取`,
        final: false,
      };
    case S.Payable:
      return { en: `#${index} is payable`, zh: `第 ${index} 号可领取`, final: false };
    case S.Lapsable:
      return {
        en: `#${index} missed its deadline ${due("en")} and can no longer be paid`,
        zh: `第 ${index} 号已过截止时间 ${due("zh")}，不能再领取`,
        final: true,
      };
    default: {
      const name = milestoneStateName(state);
      return {
        en: `#${index} is ${MILESTONE_STATE_BADGES[name].en.toLowerCase()}`,
        zh: `第 ${index} 号${MILESTONE_STATE_BADGES[name].zh}`,
        final: true,
      };
    }
  }
}
