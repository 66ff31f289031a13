/**
 * The bilingual labels and formatters every message of the suite is written with: languages, money,
 * Beijing dates, milestone states, roles, a milestone's name and a countdown. One table per kind, keyed
 * by the core's names, so the tasks, the portal and the revert decoder say the same thing in both
 * languages (test/unit/core/messages.test.ts fails when a label lacks either).
 */
import { keccak256, toUtf8Bytes } from "ethers";

import { enumNames, MilestoneState, type MilestoneStateName } from "../enums.ts";
import { formatYuan } from "../money.ts";
import { formatTimestamp } from "../time.ts";

/** A language the suite speaks: Simplified Chinese or English. */
export type Lang = "zh" | "en";

/** The languages in the order human output shows them (Chinese first: the officials' language). */
export const LANGS: readonly Lang[] = ["zh", "en"];

/** One text in both languages. Both are required, so a message without Chinese does not compile. */
export interface Bilingual {
  en: string;
  zh: string;
}

/**
 * Milestone states as sentences name them ("… is payable; this action needs it pending (no evidence
 * yet)…"), keyed by the core's state names.
 */
export const MILESTONE_STATE_LABELS: Readonly<Record<MilestoneStateName, Bilingual>> = {
  None: { en: "none", zh: "无状态" },
  Pending: { en: "pending (no evidence yet)", zh: "待提交（尚无佐证材料）" },
  Submitted: { en: "submitted (under review)", zh: "已提交（评审中）" },
  Rejected: { en: "rejected", zh: "未通过评审" },
  InNotice: { en: "in its public notice window", zh: "公示期中" },
  Contested: { en: "contested (an objection is open)", zh: "有异议（待裁决）" },
  Payable: { en: "payable", zh: "可领取" },
  Paid: { en: "paid", zh: "已支付" },
  Lapsable: { en: "lapsable (deadline passed)", zh: "可作失效处理（已过截止日期）" },
  Lapsed: { en: "lapsed", zh: "已失效" },
  Cancelled: { en: "cancelled", zh: "已取消" },
};

/** Milestone states as short badges (the portal's state column), keyed by the core's state names. */
export const MILESTONE_STATE_BADGES: Readonly<Record<MilestoneStateName, Bilingual>> = {
  None: { en: "none", zh: "无" },
  Pending: { en: "awaiting evidence", zh: "待提交材料" },
  Submitted: { en: "under review", zh: "评审中" },
  Rejected: { en: "rejected", zh: "未通过" },
  InNotice: { en: "in public notice", zh: "公示中" },
  Contested: { en: "contested", zh: "有异议" },
  Payable: { en: "payable", zh: "可领取" },
  Paid: { en: "paid", zh: "已支付" },
  Lapsable: { en: "deadline passed", zh: "已逾期" },
  Lapsed: { en: "lapsed", zh: "已失效" },
  Cancelled: { en: "cancelled", zh: "已取消" },
};

/** The sentence labels of the milestone states in value order, per language (index i = state i). */
export const MILESTONE_STATE_NAMES: Readonly<Record<Lang, readonly string[]>> = {
  en: enumNames(MilestoneState).map((name) => MILESTONE_STATE_LABELS[name].en),
  zh: enumNames(MilestoneState).map((name) => MILESTONE_STATE_LABELS[name].zh),
};

/** The roles and pseudo-roles a refusal can name, by their short key. */
export const ROLE_LABELS = {
  admin: { en: "admin", zh: "管理员" },
  manager: { en: "manager", zh: "项目经办" },
  treasurer: { en: "treasurer", zh: "财务" },
  guardian: { en: "guardian", zh: "应急暂停" },
  registrar: { en: "registrar", zh: "登记员" },
  program: { en: "program", zh: "授权资助项目" },
  // The pseudo-roles GrantProgram_RoleConflict names (no account holds them).
  reviewer: { en: "reviewer", zh: "评审专家" },
  grantee: { en: "grantee payout wallet", zh: "获奖主体收款钱包" },
  formerOfficial: {
    en: "former official (it held a role or a reviewer seat here before)",
    zh: "原任职人员（曾在本项目担任角色或评审席位）",
  },
} as const satisfies Record<string, Bilingual>;

/** A key of {@link ROLE_LABELS}. */
export type RoleKey = keyof typeof ROLE_LABELS;

/** The on-chain id (bytes32) of each role key: AccessControl role hashes and the pseudo-role hashes. */
export const ROLE_IDS: Readonly<Record<RoleKey, string>> = {
  admin: `0x${"00".repeat(32)}`,
  manager: keccak256(toUtf8Bytes("MANAGER_ROLE")),
  treasurer: keccak256(toUtf8Bytes("TREASURER_ROLE")),
  guardian: keccak256(toUtf8Bytes("GUARDIAN_ROLE")),
  registrar: keccak256(toUtf8Bytes("REGISTRAR_ROLE")),
  program: keccak256(toUtf8Bytes("PROGRAM_ROLE")),
  reviewer: keccak256(toUtf8Bytes("REVIEWER")),
  grantee: keccak256(toUtf8Bytes("GRANTEE")),
  formerOfficial: keccak256(toUtf8Bytes("FORMER_OFFICIAL")),
};

const ROLE_BY_ID = new Map<string, RoleKey>(
  (Object.entries(ROLE_IDS) as Array<[RoleKey, string]>).map(([key, id]) => [id.toLowerCase(), key]),
);

/**
 * A role as a sentence names it: "the manager role" / "“项目经办”角色"; an unknown id is shown as is.
 * @param roleId the bytes32 role id from a revert
 * @param lang the language
 */
export function roleText(roleId: string, lang: Lang): string {
  const key = ROLE_BY_ID.get(roleId.toLowerCase());
  if (key === undefined) return lang === "zh" ? `角色 ${roleId}` : `role ${roleId}`;
  const label = ROLE_LABELS[key][lang];
  return lang === "zh" ? `“${label}”角色` : `the ${label} role`;
}

/**
 * An amount of the token in words: "3,000,000.00 yuan" / "3,000,000.00 元" (two decimals for the
 * yuan token, thousands separators); raw units when the decimals are unknown.
 * @param units the amount in token units
 * @param decimals the token's decimals, or undefined when not known
 * @param lang the language
 * @param currency the English currency word (default "yuan"; Chinese always writes 元)
 */
export function formatMoney(units: bigint, decimals: number | undefined, lang: Lang, currency = "yuan"): string {
  if (decimals === undefined) return lang === "zh" ? `${units} 个代币最小单位` : `${units} token units`;
  return `${formatYuan(units, decimals)} ${lang === "zh" ? "元" : currency}`;
}

/**
 * A unix time in Beijing time: "2027-03-31 23:59:59 (UTC+8)" / "2027-03-31 23:59:59（北京时间）".
 * @param seconds unix seconds
 * @param lang the language
 */
export function formatBeijing(seconds: bigint | number, lang: Lang): string {
  const text = formatTimestamp(seconds);
  return lang === "zh" ? text.replace(" (UTC+8)", "（北京时间）") : text;
}

/**
 * A milestone by its grant: "milestone #1 of grant 3" / "第 3 号资助的第 1 号里程碑".
 * @param grantId the grant id
 * @param index the milestone index
 * @param lang the language
 */
export function milestoneRef(grantId: bigint | number, index: bigint | number, lang: Lang): string {
  return lang === "zh" ? `第 ${grantId} 号资助的第 ${index} 号里程碑` : `milestone #${index} of grant ${grantId}`;
}

/**
 * The time left until a deadline: "ends in 6d 23:59:52" / "剩余 6 天 23:59:52"; "ended" / "已结束" at
 * or after it.
 * @param secondsLeft whole seconds left (zero or less: ended)
 * @param lang the language
 */
export function countdownText(secondsLeft: number, lang: Lang): string {
  if (secondsLeft <= 0) return lang === "zh" ? "已结束" : "ended";
  const d = Math.floor(secondsLeft / 86400);
  const clock = [Math.floor((secondsLeft % 86400) / 3600), Math.floor((secondsLeft % 3600) / 60), secondsLeft % 60]
    .map((part) => String(part).padStart(2, "0"))
    .join(":");
  return lang === "zh" ? `剩余 ${d} 天 ${clock}` : `ends in ${d}d ${clock}`;
}
