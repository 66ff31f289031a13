/**
 * One refusal sentence per custom error, in Chinese and English: every error of
 * contracts/libraries/Errors.sol and the OpenZeppelin, panic and `Error(string)` errors the deployed
 * contracts can surface. Both languages sit side by side in one entry so that a reviewer translating
 * or changing one sees the other, and the type makes a missing language a compile error;
 * test/unit/errors-decoder.test.ts iterates the compiled ABIs so a new error without an entry fails.
 */
import { milestoneStateName } from "../enums.ts";
import {
  formatBeijing,
  formatMoney,
  MILESTONE_STATE_LABELS,
  MILESTONE_STATE_NAMES,
  milestoneRef,
  roleText,
  type Lang,
} from "./labels.ts";

/** A revert's arguments by name. */
export type ErrorArgs = Record<string, unknown>;

/** What a sentence may use to write amounts: the token's decimals and the English currency word. */
export interface ErrorContext {
  decimals?: number;
  currency?: string;
}

/** The formatters one language's sentences write their values with. */
export interface Formatters {
  lang: Lang;
  money: (value: unknown) => string;
  date: (value: unknown) => string;
  /** A milestone state: "payable" / "“可领取”". */
  state: (value: unknown) => string;
  /** A set of states given as a bitmap (bit i = state i): "pending or rejected" / "“…”或“…”". */
  states: (value: unknown) => string;
  role: (value: unknown) => string;
  n: (value: unknown) => string;
  milestone: (grantId: unknown, index: unknown) => string;
}

/** Writes one language's sentence from a revert's arguments. */
export type Describe = (a: ErrorArgs, f: Formatters) => string;

/** One error's sentence in both languages (both required). */
export interface Sentence {
  en: Describe;
  zh: Describe;
}

function stateLabel(value: unknown, lang: Lang): string | undefined {
  try {
    return MILESTONE_STATE_LABELS[milestoneStateName(BigInt(value as bigint))][lang];
  } catch {
    return undefined;
  }
}

/**
 * The formatters of one language.
 * @param ctx the token's decimals and currency word
 * @param lang the language
 */
export function makeFormatters(ctx: ErrorContext, lang: Lang): Formatters {
  const n = (value: unknown): string => String(value);
  const quote = (text: string): string => (lang === "zh" ? `“${text}”` : text);
  return {
    lang,
    money: (value) => formatMoney(BigInt(value as bigint), ctx.decimals, lang, ctx.currency),
    date: (value) => formatBeijing(BigInt(value as bigint), lang),
    state: (value) => {
      const label = stateLabel(value, lang);
      if (label !== undefined) return quote(label);
      return lang === "zh" ? `编号 ${n(value)}` : `in state ${n(value)}`;
    },
    states: (value) => {
      const bits = BigInt(value as bigint);
      const names = MILESTONE_STATE_NAMES[lang].filter((_, i) => ((bits >> BigInt(i)) & 1n) === 1n).map(quote);
      if (names.length === 0) return lang === "zh" ? "（无任何状态）" : "in no state";
      if (lang === "en") return names.join(" or ");
      return names.length === 1 ? names[0] : `${names.slice(0, -1).join("、")}或${names[names.length - 1]}`;
    },
    role: (value) => roleText(String(value), lang),
    n,
    milestone: (grantId, index) => milestoneRef(grantId as bigint, index as bigint, lang),
  };
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const s = String;

/** One sentence per custom error, keyed by the error's name. */
export const SENTENCES: Record<string, Sentence> = {
  // EntityRegistry
  EntityRegistry_ZeroAdmin: {
    en: () => "The registry needs an admin, and the zero address was given.",
    zh: () => "登记册需要一名管理员，但给出的是零地址。",
  },
  EntityRegistry_ZeroWallet: {
    en: () => "A payout wallet cannot be the zero address.",
    zh: () => "收款钱包不能是零地址。",
  },
  EntityRegistry_ZeroEntityId: {
    en: () => "The entity id is empty (zero); give a company's USCC or an individual's commitment.",
    zh: () => "主体标识为空（零）；请提供企业的统一社会信用代码或个人的承诺值。",
  },
  EntityRegistry_InvalidKind: {
    en: (a, f) => `Entity kind ${f.n(a.kind)} is not valid: an entity is a company or an individual.`,
    zh: (a, f) => `主体类型 ${f.n(a.kind)} 无效：主体只能是企业或个人。`,
  },
  EntityRegistry_AlreadyRegistered: {
    en: (a, f) => `This entity is already registered, as entity number ${f.n(a.entityNo)} (id ${s(a.entityId)}).`,
    zh: (a, f) => `该主体已登记，主体编号为 ${f.n(a.entityNo)}（标识 ${s(a.entityId)}）。`,
  },
  EntityRegistry_UnknownEntity: {
    en: (a) => `No entity with id ${s(a.entityId)} is registered in this jurisdiction.`,
    zh: (a) => `本辖区未登记标识为 ${s(a.entityId)} 的主体。`,
  },
  EntityRegistry_UnknownEntityNo: {
    en: (a, f) => `No entity number ${f.n(a.entityNo)} is registered in this jurisdiction.`,
    zh: (a, f) => `本辖区未登记编号为 ${f.n(a.entityNo)} 的主体。`,
  },
  EntityRegistry_WalletTaken: {
    en: (a, f) =>
      `Wallet ${s(a.wallet)} is already the payout wallet of entity number ${f.n(a.boundTo)}; one wallet serves one entity.`,
    zh: (a, f) => `钱包 ${s(a.wallet)} 已是 ${f.n(a.boundTo)} 号主体的收款钱包；一个钱包只能对应一个主体。`,
  },
  EntityRegistry_EntityBarred: {
    en: (a, f) =>
      `Entity number ${f.n(a.entityNo)} is barred by ${f.n(a.openRecoveries)} unpaid recovery order(s) and can neither be awarded nor paid until it repays.`,
    zh: (a, f) =>
      `${f.n(a.entityNo)} 号主体有 ${f.n(a.openRecoveries)} 笔追回款项尚未退回，在退回之前既不能获得资助，也不能领取款项。`,
  },
  EntityRegistry_AlreadyAwarded: {
    en: (a, f) =>
      `Entity number ${f.n(a.entityNo)} already holds an award of this kind (program ${s(a.program)}); the policy grants it only once.`,
    zh: (a, f) => `${f.n(a.entityNo)} 号主体已获得此类资助（项目 ${s(a.program)}）；按政策只能享受一次。`,
  },
  EntityRegistry_AwardNotHeld: {
    en: (a, f) =>
      `Entity number ${f.n(a.entityNo)} holds no award of this kind recorded by program ${s(a.program)}, so there is nothing to release.`,
    zh: (a, f) => `${f.n(a.entityNo)} 号主体没有由项目 ${s(a.program)} 登记的此类资助，无可解除。`,
  },
  EntityRegistry_NoOpenRecovery: {
    en: (a, f) => `Entity number ${f.n(a.entityNo)} has no open recovery bar to lift.`,
    zh: (a, f) => `${f.n(a.entityNo)} 号主体没有可解除的追回限制。`,
  },
  EntityRegistry_NoPendingWalletChange: {
    en: (a, f) => `Entity number ${f.n(a.entityNo)} has no pending payout wallet change; request one first.`,
    zh: (a, f) => `${f.n(a.entityNo)} 号主体没有待生效的收款钱包变更；请先提出变更申请。`,
  },
  EntityRegistry_WalletChangeNotDue: {
    en: (a, f) =>
      `The payout wallet change of entity number ${f.n(a.entityNo)} takes effect only from ${f.date(a.effectiveAt)}.`,
    zh: (a, f) => `${f.n(a.entityNo)} 号主体的收款钱包变更自 ${f.date(a.effectiveAt)}起才生效。`,
  },
  EntityRegistry_DelayTooLong: {
    en: (a, f) =>
      `A wallet change delay of ${f.n(a.delay)} seconds is above the maximum of ${f.n(a.maxDelay)} seconds.`,
    zh: (a, f) => `钱包变更等待期 ${f.n(a.delay)} 秒超过上限 ${f.n(a.maxDelay)} 秒。`,
  },
  EntityRegistry_InvalidGroup: {
    en: (a) => `Exclusivity group ${s(a.group)} cannot be created: it exists already, or its name is empty.`,
    zh: (a) => `无法创建互斥组 ${s(a.group)}：该组已存在，或名称为空。`,
  },
  EntityRegistry_UnknownGroup: {
    en: (a) => `Exclusivity group ${s(a.group)} does not exist on this registry; its admin creates it first.`,
    zh: (a) => `本登记册上不存在互斥组 ${s(a.group)}；须先由登记册管理员创建。`,
  },
  EntityRegistry_AlreadyAdmitted: {
    en: (a) => `Program ${s(a.program)} is already admitted to exclusivity group ${s(a.group)}.`,
    zh: (a) => `项目 ${s(a.program)} 已被纳入互斥组 ${s(a.group)}。`,
  },
  EntityRegistry_NotAdmittedToGroup: {
    en: (a) =>
      `Program ${s(a.program)} was not admitted to exclusivity group ${s(a.group)} by the registry admin, so it cannot award under it.`,
    zh: (a) => `登记册管理员未将项目 ${s(a.program)} 纳入互斥组 ${s(a.group)}，因此该项目不能在此组下授予资助。`,
  },
  EntityRegistry_DelayTooShort: {
    en: (a, f) =>
      `A wallet change delay of ${f.n(a.delay)} seconds is below the minimum of ${f.n(a.minDelay)} seconds.`,
    zh: (a, f) => `钱包变更等待期 ${f.n(a.delay)} 秒低于下限 ${f.n(a.minDelay)} 秒。`,
  },

  // IGrantProgram
  GrantProgram_ZeroFactory: {
    en: () => "A program implementation needs a factory, and the zero address was given.",
    zh: () => "项目实现合约需要工厂合约，但给出的是零地址。",
  },
  GrantProgram_ZeroExtension: {
    en: () => "A program implementation needs its extension, and the zero address was given.",
    zh: () => "项目实现合约需要扩展合约，但给出的是零地址。",
  },
  GrantProgram_ExtensionHasNoCode: {
    en: (a) =>
      `The extension ${s(a.extension)} has no code, so it cannot serve as a program implementation's extension.`,
    zh: (a) => `扩展合约 ${s(a.extension)} 没有代码，不能作为项目实现合约的扩展合约。`,
  },
  GrantProgram_ZeroAdmin: {
    en: () => "The program needs an admin, and the zero address was given.",
    zh: () => "项目需要一名管理员，但给出的是零地址。",
  },
  GrantProgram_ZeroTreasurer: {
    en: () => "The program needs a treasurer, and the zero address was given.",
    zh: () => "项目需要一名财务，但给出的是零地址。",
  },
  GrantProgram_ZeroGuardian: {
    en: () => "The program needs a guardian, and the zero address was given.",
    zh: () => "项目需要设置应急暂停角色，但给出的是零地址。",
  },
  GrantProgram_ZeroManager: {
    en: () => "A manager cannot be the zero address.",
    zh: () => "项目经办不能是零地址。",
  },
  GrantProgram_ZeroReviewer: {
    en: () => "A reviewer cannot be the zero address.",
    zh: () => "评审专家不能是零地址。",
  },
  GrantProgram_NotFactory: {
    en: (a) => `Only the factory may initialise a program; ${s(a.caller)} tried.`,
    zh: (a) => `只有工厂合约可以初始化项目，${s(a.caller)} 无权初始化。`,
  },
  GrantProgram_InvalidQuorum: {
    en: (a, f) =>
      `A quorum of ${f.n(a.quorum)} is not possible with ${f.n(a.activeReviewers)} active reviewer(s): it must be at least 1 and at most the number of reviewers.`,
    zh: (a, f) =>
      `在任评审专家 ${f.n(a.activeReviewers)} 名，法定人数不能为 ${f.n(a.quorum)}：法定人数至少为 1，且不得超过评审专家人数。`,
  },
  GrantProgram_InvalidWindow: {
    en: (a, f) => `The application window from ${f.date(a.opensAt)} to ${f.date(a.closesAt)} is empty or reversed.`,
    zh: (a, f) => `申请期 ${f.date(a.opensAt)}至 ${f.date(a.closesAt)}为空或起止颠倒。`,
  },
  GrantProgram_NoticePeriodTooLong: {
    en: (a, f) =>
      `A notice period of ${f.n(a.noticePeriod)} seconds is above the maximum of ${f.n(a.maxNoticePeriod)} seconds.`,
    zh: (a, f) => `公示期 ${f.n(a.noticePeriod)} 秒超过上限 ${f.n(a.maxNoticePeriod)} 秒。`,
  },
  GrantProgram_NotAdmittedToGroup: {
    en: (a) =>
      `This program was not admitted to exclusivity group ${s(a.group)} by the registry admin; ask the registry admin to admit it first.`,
    zh: (a) => `登记册管理员未将本项目纳入互斥组 ${s(a.group)}；请先请登记册管理员纳入。`,
  },
  GrantProgram_NoticePeriodTooShort: {
    en: (a, f) =>
      `A notice period of ${f.n(a.noticePeriod)} seconds is below the minimum of ${f.n(a.minNoticePeriod)} seconds: the public must have time to object.`,
    zh: (a, f) => `公示期 ${f.n(a.noticePeriod)} 秒低于下限 ${f.n(a.minNoticePeriod)} 秒：须给公众留出提出异议的时间。`,
  },
  GrantProgram_DuplicateReviewer: {
    en: (a) => `${s(a.reviewer)} is already a reviewer of this program.`,
    zh: (a) => `${s(a.reviewer)} 已是本项目的评审专家。`,
  },
  GrantProgram_TooManyReviewers: {
    en: (a, f) =>
      `All ${f.n(a.maxReviewers)} reviewer slots of this program have been used; a larger committee needs a new program.`,
    zh: (a, f) => `本项目的 ${f.n(a.maxReviewers)} 个评审席位已全部用完；如需更大的评审委员会，须新建项目。`,
  },
  GrantProgram_NotReviewer: {
    en: (a) => `${s(a.account)} is not a current reviewer of this program.`,
    zh: (a) => `${s(a.account)} 不是本项目的现任评审专家。`,
  },
  GrantProgram_RoleConflict: {
    en: (a, f) =>
      `${s(a.account)} holds ${f.role(a.heldRole)} and so cannot also act with ${f.role(a.refusedRole)}; these roles must stay separate.`,
    zh: (a, f) =>
      `${s(a.account)} 已具有${f.role(a.heldRole)}，不能再以${f.role(a.refusedRole)}行事；这两种角色必须分离。`,
  },
  GrantProgram_UnknownReviewerSlot: {
    en: (a, f) => `There is no reviewer slot ${f.n(a.slot)}: slots run from 1 to 16.`,
    zh: (a, f) => `没有第 ${f.n(a.slot)} 号评审席位：席位编号为 1 至 16。`,
  },
  GrantProgram_UnknownRole: {
    en: (a, f) =>
      `A program has only the admin, manager, treasurer and guardian roles; ${f.role(a.role)} is not one of them.`,
    zh: (a, f) => `资助项目只有管理员、项目经办、财务和应急暂停四种角色；${f.role(a.role)}不在其中。`,
  },
  GrantProgram_Paused: {
    en: () => "The program is paused by its guardian; only its admin can unpause it.",
    zh: () => "本项目已被应急暂停；只有项目管理员可以解除暂停。",
  },
  GrantProgram_NotPaused: {
    en: () => "The program is not paused, so there is nothing to unpause.",
    zh: () => "本项目未处于暂停状态，无需解除暂停。",
  },
  GrantProgram_InvalidAwardMode: {
    en: (a, f) =>
      `Award mode ${f.n(a.mode)} is not valid: a category awards a fixed amount or at most a capped amount.`,
    zh: (a, f) => `资助方式 ${f.n(a.mode)} 无效：类别只能按固定金额资助，或在上限以内资助。`,
  },
  GrantProgram_ZeroCategoryAmount: {
    en: () => "A category's award amount cannot be zero.",
    zh: () => "类别的资助金额不能为零。",
  },
  GrantProgram_PolicyNotBound: {
    en: () =>
      "A program must be created with the hashes of its program file and of the published policy text it implements (mg:create-program computes both).",
    zh: () => "创建项目时必须写入项目文件及其所依据的已公布政策文本的哈希（创建项目的命令会计算两者）。",
  },
  GrantProgram_InvalidSupervision: {
    en: (a, f) =>
      `A supervision period of ${f.n(a.period)} s with attestations every ${f.n(a.interval)} s is not valid: at most ten years, in whole attestation intervals (at most 64), and no interval without a period.`,
    zh: (a, f) =>
      `监管期 ${f.n(a.period)} 秒、每 ${f.n(a.interval)} 秒报告一次的设置无效：监管期不超过十年，须整分为不超过 64 个报告周期，且无监管期时不得设报告周期。`,
  },
  GrantProgram_NotSupervised: {
    en: (a, f) => `Grant ${f.n(a.grantId)}'s category has no supervision period after payment.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助所属类别没有资金拨付后的监管期。`,
  },
  GrantProgram_SupervisionAlreadyStarted: {
    en: (a, f) => `The supervision period of grant ${f.n(a.grantId)} has already started.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助的监管期已经开始。`,
  },
  GrantProgram_PaymentsNotOver: {
    en: (a, f) =>
      `Grant ${f.n(a.grantId)}'s payments are not over (a milestone can still be paid, or nothing was paid): its supervision period cannot start yet.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助尚未拨付完毕（仍有里程碑可支付，或尚未支付任何款项），监管期还不能开始。`,
  },
  GrantProgram_SupervisionNotStarted: {
    en: (a, f) => `The supervision period of grant ${f.n(a.grantId)} has not started yet.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助的监管期尚未开始。`,
  },
  GrantProgram_SupervisionOver: {
    en: (a, f) =>
      `The supervision period of grant ${f.n(a.grantId)} ended on ${f.date(a.endedAt)}: the grant is closed (only the admin's logged override can still order recovery).`,
    zh: (a, f) =>
      `第 ${f.n(a.grantId)} 号资助的监管期已于 ${f.date(a.endedAt)}结束，该资助已结案（仅管理员的留痕特批仍可责令追回）。`,
  },
  GrantProgram_NoAttestationsRequired: {
    en: (a, f) => `Grant ${f.n(a.grantId)}'s category requires no compliance attestations.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助所属类别不要求提交合规报告。`,
  },
  GrantProgram_AlreadyAttested: {
    en: (a, f) => `The compliance attestation of window ${f.n(a.window)} of grant ${f.n(a.grantId)} is already filed.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助第 ${f.n(a.window)} 期的合规报告已经提交。`,
  },
  GrantProgram_ZeroAttestationHash: {
    en: () => "An attestation must name its document (a non-zero hash).",
    zh: () => "合规报告必须附上其文件（哈希不能为零）。",
  },
  GrantProgram_SupervisionNotOver: {
    en: (a, f) =>
      `The supervision period of grant ${f.n(a.grantId)} is not over: within it a manager orders recovery, not the admin's override.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助的监管期尚未结束：期内由项目经办责令追回，无需管理员特批。`,
  },
  SafeCastOverflowedUintDowncast: {
    en: (a, f) =>
      `The number ${f.n(a.value)} does not fit in ${f.n(a.bits)} bits (e.g. an entity number beyond what a grant stores).`,
    zh: (a, f) => `数值 ${f.n(a.value)} 超出 ${f.n(a.bits)} 位的存储范围（例如主体编号超出资助记录可存储的范围）。`,
  },
  GrantProgram_InvalidFiscalCalendar: {
    en: (a, f) =>
      `The fiscal calendar is not valid: it needs a start month of 1 to 12 (not ${f.n(a.startMonth)}) and a local time between UTC-12:00 and UTC+14:00 (not ${f.n(a.utcOffsetMinutes)} minutes).`,
    zh: (a, f) =>
      `预算年度设置无效：起始月份须为 1 至 12（而不是 ${f.n(a.startMonth)}），时区须介于协调世界时 -12:00 与 +14:00 之间（而不是 ${f.n(a.utcOffsetMinutes)} 分钟）。`,
  },
  GrantProgram_NoFiscalYears: {
    en: () => "This program keeps one undated budget; it has no fiscal years.",
    zh: () => "本项目只有一个不分年度的预算，没有预算年度。",
  },
  GrantProgram_FiscalYearOutOfRange: {
    en: (a, f) =>
      `Fiscal year ${f.n(a.year)} cannot be used now: money goes to, and awards reserve against, the current year (${f.n(a.currentYear)}) or one of the next ten; an ended year's rest waits for its close.`,
    zh: (a, f) =>
      `现在不能使用 ${f.n(a.year)} 预算年度：资金只能列入、资助只能预留于当前年度（${f.n(a.currentYear)}）或其后十年内的年度；已结束年度的结余待其结账处理。`,
  },
  GrantProgram_InsufficientFiscalYearBudget: {
    en: (a, f) =>
      `${f.money(a.needed)} is needed but fiscal year ${f.n(a.year)} has only ${f.money(a.available)} of unreserved budget.`,
    zh: (a, f) => `需要 ${f.money(a.needed)}，但 ${f.n(a.year)} 预算年度未预留的预算只有 ${f.money(a.available)}。`,
  },
  GrantProgram_FiscalYearNotOver: {
    en: (a, f) => `Fiscal year ${f.n(a.year)} has not ended yet: it can be closed from ${f.date(a.endsAt)}.`,
    zh: (a, f) => `${f.n(a.year)} 预算年度尚未结束：自 ${f.date(a.endsAt)} 起方可结账。`,
  },
  GrantProgram_FiscalYearOutOfOrder: {
    en: (a, f) =>
      Number(a.nextToClose) === 0
        ? `Fiscal year ${f.n(a.year)} cannot be closed: no fiscal year of this program was ever funded.`
        : `Fiscal years close in order: the next one to close is ${f.n(a.nextToClose)}, not ${f.n(a.year)}.`,
    zh: (a, f) =>
      Number(a.nextToClose) === 0
        ? `${f.n(a.year)} 预算年度不能结账：本项目从未向任何预算年度拨款。`
        : `预算年度须依次结账：下一个应结账的是 ${f.n(a.nextToClose)} 年度，而不是 ${f.n(a.year)} 年度。`,
  },
  GrantProgram_InvalidEligibilityWindow: {
    en: (a, f) => `An eligibility window of ${f.n(a.window)} seconds is too long: at most ten years.`,
    zh: (a, f) => `资格期限 ${f.n(a.window)} 秒过长：最长十年。`,
  },
  GrantProgram_QualifyingDateRequired: {
    en: (a, f) =>
      `Category ${f.n(a.categoryId)} has an eligibility window: the award must state the date the entity qualified (e.g. the talent's introduction).`,
    zh: (a, f) => `第 ${f.n(a.categoryId)} 号类别设有资格期限：授予时须写明取得资格的日期（如人才引进日期）。`,
  },
  GrantProgram_QualifyingDateOutsideWindow: {
    en: (a, f) =>
      `The qualifying date ${f.date(a.qualifyingDate)} is outside category ${f.n(a.categoryId)}'s eligibility window, from ${f.date(a.earliest)} to the award (${f.date(a.latest)}).`,
    zh: (a, f) =>
      `取得资格的日期 ${f.date(a.qualifyingDate)} 不在第 ${f.n(a.categoryId)} 号类别的资格期限内（${f.date(a.earliest)} 至授予时 ${f.date(a.latest)}）。`,
  },
  GrantProgram_NoEligibilityWindow: {
    en: (a, f) =>
      `Category ${f.n(a.categoryId)} has no eligibility window, so an award in it states no qualifying date (not ${f.date(a.qualifyingDate)}).`,
    zh: (a, f) =>
      `第 ${f.n(a.categoryId)} 号类别未设资格期限，授予时不写取得资格的日期（而不是 ${f.date(a.qualifyingDate)}）。`,
  },
  GrantProgram_OutsideCalendar: {
    en: (a, f) =>
      `${f.n(a.value)} is outside the program's calendar: fiscal years 1971–9999, moments from 1971-01-01 to before 10000-01-01.`,
    zh: (a, f) =>
      `${f.n(a.value)} 超出本项目日历的范围：预算年度为 1971 至 9999 年，时间须在 1971-01-01 至 10000-01-01 之前。`,
  },
  GrantProgram_InvalidTier: {
    en: (a, f) =>
      `Level ${f.n(a.tier)} of tier group ${f.n(a.tierGroup)} is not valid: a level is 1 to 16, and only within a tier group.`,
    zh: (a, f) => `第 ${f.n(a.tierGroup)} 号级别组的第 ${f.n(a.tier)} 级无效：级别为 1 至 16，且只能设在级别组内。`,
  },
  GrantProgram_TierTaken: {
    en: (a, f) => `Tier group ${f.n(a.tierGroup)} already has a category at level ${f.n(a.tier)}.`,
    zh: (a, f) => `第 ${f.n(a.tierGroup)} 号级别组已有第 ${f.n(a.tier)} 级的类别。`,
  },
  GrantProgram_TierGroupWithExclusivityGroup: {
    en: (a, f) =>
      `A level of tier group ${f.n(a.tierGroup)} cannot also name exclusivity group ${a.exclusivityGroup}: the levels share the tier group's own award key.`,
    zh: (a, f) =>
      `第 ${f.n(a.tierGroup)} 号级别组的级别不能同时指定互斥组 ${a.exclusivityGroup}：各级别共用本级别组自己的授予键。`,
  },
  GrantProgram_MaxTotalBelowAmount: {
    en: (a, f) =>
      `The category's total limit of ${f.money(a.maxTotal)} is below a single award of ${f.money(a.amount)}.`,
    zh: (a, f) => `该类别的总额上限 ${f.money(a.maxTotal)}低于单笔资助金额 ${f.money(a.amount)}。`,
  },
  GrantProgram_UnknownCategory: {
    en: (a, f) => `Category ${f.n(a.categoryId)} does not exist in this program.`,
    zh: (a, f) => `本项目中不存在第 ${f.n(a.categoryId)} 号类别。`,
  },
  GrantProgram_OutsideWindow: {
    en: (a, f) =>
      `It is ${f.date(a.nowTs)}, outside the program's application window from ${f.date(a.opensAt)} to ${f.date(a.closesAt)}.`,
    zh: (a, f) => `当前时间为 ${f.date(a.nowTs)}，不在本项目申请期 ${f.date(a.opensAt)}至 ${f.date(a.closesAt)}之内。`,
  },
  GrantProgram_InvalidMilestoneCount: {
    en: (a, f) => `An award has ${f.n(a.count)} milestone(s); it must have between 1 and ${f.n(a.maxCount)}.`,
    zh: (a, f) => `该资助有 ${f.n(a.count)} 个里程碑；里程碑数量须在 1 至 ${f.n(a.maxCount)} 个之间。`,
  },
  GrantProgram_ZeroMilestoneAmount: {
    en: (a, f) => `Milestone #${f.n(a.index)} has an amount of zero.`,
    zh: (a, f) => `第 ${f.n(a.index)} 号里程碑的金额为零。`,
  },
  GrantProgram_InvalidDeadline: {
    en: (a, f) =>
      `Milestone #${f.n(a.index)}'s deadline ${f.date(a.deadline)} is not in the future, not after the previous milestone's, or more than ten years away.`,
    zh: (a, f) =>
      `第 ${f.n(a.index)} 号里程碑的截止日期 ${f.date(a.deadline)}无效：须晚于当前时间、晚于上一个里程碑的截止日期，且距今不超过十年。`,
  },
  GrantProgram_AmountNotFixedAmount: {
    en: (a, f) =>
      `The milestones add up to ${f.money(a.total)}, but this category awards exactly ${f.money(a.fixedAmount)}.`,
    zh: (a, f) => `各里程碑金额合计 ${f.money(a.total)}，但该类别的资助金额固定为 ${f.money(a.fixedAmount)}。`,
  },
  GrantProgram_AmountOverCap: {
    en: (a, f) => `The milestones add up to ${f.money(a.total)}, above the category cap of ${f.money(a.cap)}.`,
    zh: (a, f) => `各里程碑金额合计 ${f.money(a.total)}，超过该类别的上限 ${f.money(a.cap)}。`,
  },
  GrantProgram_TierNotAbove: {
    en: (a, f) =>
      `Entity number ${f.n(a.entityNo)} already holds level ${f.n(a.heldTier)} of tier group ${f.n(a.tierGroup)}; only a higher level than that can be awarded (not level ${f.n(a.tier)}).`,
    zh: (a, f) =>
      `第 ${f.n(a.entityNo)} 号主体已获第 ${f.n(a.tierGroup)} 号级别组的第 ${f.n(a.heldTier)} 级资助，只能晋级授予更高级别（不能授予第 ${f.n(a.tier)} 级）。`,
  },
  GrantProgram_NothingToTopUp: {
    en: (a, f) =>
      `Entity number ${f.n(a.entityNo)} already keeps ${f.money(a.held)} in this tier group, not less than this level's ${f.money(a.tierAmount)}: there is no difference to pay.`,
    zh: (a, f) =>
      `第 ${f.n(a.entityNo)} 号主体在该级别组已获 ${f.money(a.held)}，不低于本级别的 ${f.money(a.tierAmount)}，没有差额可补。`,
  },
  GrantProgram_TopUpNotExact: {
    en: (a, f) =>
      `An upgrade pays the difference: this level's ${f.money(a.tierAmount)} less the ${f.money(a.held)} already awarded in the group; the milestones add up to ${f.money(a.total)}.`,
    zh: (a, f) =>
      `晋级只补差额：本级别 ${f.money(a.tierAmount)} 减去该级别组已获的 ${f.money(a.held)}；各里程碑金额合计却为 ${f.money(a.total)}。`,
  },
  GrantProgram_TopUpOverCap: {
    en: (a, f) =>
      `An upgrade pays at most the difference: this level's cap of ${f.money(a.tierAmount)} less the ${f.money(a.held)} already awarded in the group; the milestones add up to ${f.money(a.total)}.`,
    zh: (a, f) =>
      `晋级最多只补差额：本级别上限 ${f.money(a.tierAmount)} 减去该级别组已获的 ${f.money(a.held)}；各里程碑金额合计却为 ${f.money(a.total)}。`,
  },
  GrantProgram_CategoryCountExhausted: {
    en: (a, f) => `Category ${f.n(a.categoryId)} has already made its ${f.n(a.maxAwards)} award(s).`,
    zh: (a, f) => `第 ${f.n(a.categoryId)} 号类别已授予满 ${f.n(a.maxAwards)} 项资助。`,
  },
  GrantProgram_CategoryTotalExceeded: {
    en: (a, f) =>
      `This award would bring category ${f.n(a.categoryId)} to ${f.money(a.wouldCommit)}, above its total of ${f.money(a.maxTotal)}.`,
    zh: (a, f) =>
      `此项资助将使第 ${f.n(a.categoryId)} 号类别的承诺总额达到 ${f.money(a.wouldCommit)}，超过其总额上限 ${f.money(a.maxTotal)}。`,
  },
  GrantProgram_InsufficientBudget: {
    en: (a, f) =>
      `${f.money(a.requested)} was requested but only ${f.money(a.available)} of funded, unreserved budget is available.`,
    zh: (a, f) => `需要 ${f.money(a.requested)}，但已拨入且未预留的可用预算只有 ${f.money(a.available)}。`,
  },
  GrantProgram_ZeroAmount: {
    en: () => "The amount is zero; give an amount greater than zero.",
    zh: () => "金额为零；请填写大于零的金额。",
  },
  GrantProgram_UnknownGrant: {
    en: (a, f) => `Grant ${f.n(a.grantId)} does not exist in this program.`,
    zh: (a, f) => `本项目中不存在第 ${f.n(a.grantId)} 号资助。`,
  },
  GrantProgram_UnknownMilestone: {
    en: (a, f) => `Grant ${f.n(a.grantId)} has no milestone #${f.n(a.index)}.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助没有第 ${f.n(a.index)} 号里程碑。`,
  },
  GrantProgram_GrantCancelled: {
    en: (a, f) => `Grant ${f.n(a.grantId)} has been cancelled.`,
    zh: (a, f) => `第 ${f.n(a.grantId)} 号资助已被取消。`,
  },
  GrantProgram_NotGranteeWallet: {
    en: (a) => `Only the grantee's registered payout wallet ${s(a.wallet)} may do this, not ${s(a.caller)}.`,
    zh: (a) => `只有获奖主体登记的收款钱包 ${s(a.wallet)} 可以执行此操作，${s(a.caller)} 不可以。`,
  },
  GrantProgram_WrongMilestoneState: {
    en: (a, f) =>
      `${cap(f.milestone(a.grantId, a.index))} is ${f.state(a.current)}; this action needs it ${f.states(a.expectedStates)}.`,
    zh: (a, f) =>
      `${f.milestone(a.grantId, a.index)}当前状态为${f.state(a.current)}；此操作要求其状态为${f.states(a.expectedStates)}。`,
  },
  GrantProgram_DeadlinePassed: {
    en: (a, f) => `The deadline of ${f.milestone(a.grantId, a.index)} passed on ${f.date(a.deadline)}.`,
    zh: (a, f) => `${f.milestone(a.grantId, a.index)}的截止日期 ${f.date(a.deadline)}已过。`,
  },
  GrantProgram_DeadlineNotPassed: {
    en: (a, f) => `${cap(f.milestone(a.grantId, a.index))} can lapse only after its deadline, ${f.date(a.deadline)}.`,
    zh: (a, f) => `${f.milestone(a.grantId, a.index)}须在截止日期 ${f.date(a.deadline)}之后才能作失效处理。`,
  },
  GrantProgram_ZeroApplicationHash: {
    en: () => "The application document hash is empty (zero); hash the document first.",
    zh: () => "申请材料的哈希为空（零）；请先计算材料的哈希。",
  },
  GrantProgram_ZeroEvidenceHash: {
    en: () => "The evidence document hash is empty (zero); hash the document first.",
    zh: () => "佐证材料的哈希为空（零）；请先计算材料的哈希。",
  },
  GrantProgram_TooManyRounds: {
    en: (a, f) =>
      `Milestone ${f.n(a.index)} of grant ${f.n(a.grantId)} has had ${f.n(a.rounds)} review rounds, the most one milestone may have; it cannot be resubmitted again.`,
    zh: (a, f) =>
      `${f.milestone(a.grantId, a.index)}已经历 ${f.n(a.rounds)} 轮评审，达到单个里程碑的上限，不能再次提交。`,
  },
  GrantProgram_ZeroObjectionHash: {
    en: () => "The objection document hash is empty (zero); hash the document first.",
    zh: () => "异议材料的哈希为空（零）；请先计算材料的哈希。",
  },
  GrantProgram_TermsMismatch: {
    en: (a) => `The vote names terms ${s(a.given)}, but the grant's terms are ${s(a.expected)}.`,
    zh: (a) => `投票所指的资助条款为 ${s(a.given)}，但该资助的条款为 ${s(a.expected)}。`,
  },
  GrantProgram_EvidenceMismatch: {
    en: (a) =>
      `The vote names evidence ${s(a.given)}, but the milestone's current evidence is ${s(a.expected)}; review the current evidence.`,
    zh: (a) => `投票所指的佐证材料为 ${s(a.given)}，但该里程碑当前的佐证材料为 ${s(a.expected)}；请评审当前材料。`,
  },
  GrantProgram_AlreadyVoted: {
    en: (a) => `Reviewer ${s(a.reviewer)} has already voted in this review round.`,
    zh: (a) => `评审专家 ${s(a.reviewer)} 已在本轮评审中投过票。`,
  },
  GrantProgram_ReviewerRecused: {
    en: (a, f) =>
      `Reviewer ${s(a.reviewer)} declared a conflict of interest on grant ${f.n(a.grantId)} and cannot vote on it.`,
    zh: (a, f) => `评审专家 ${s(a.reviewer)} 已就第 ${f.n(a.grantId)} 号资助申报利益冲突并回避，不能对其投票。`,
  },
  GrantProgram_SelfReview: {
    en: (a, f) => `Reviewer ${s(a.reviewer)} is the payout wallet of grant ${f.n(a.grantId)} and cannot review it.`,
    zh: (a, f) => `评审专家 ${s(a.reviewer)} 是第 ${f.n(a.grantId)} 号资助的收款钱包，不能评审该资助。`,
  },
  GrantProgram_QuorumUnreachable: {
    en: (a, f) =>
      `Only ${f.n(a.eligible)} eligible reviewer(s) remain for this grant, fewer than the quorum of ${f.n(a.quorum)}; the admin must appoint reviewers or lower the quorum.`,
    zh: (a, f) =>
      `该资助仅剩 ${f.n(a.eligible)} 名可投票的评审专家，少于法定人数 ${f.n(a.quorum)}；管理员须增补评审专家或降低法定人数。`,
  },
  GrantProgram_RoundUndecided: {
    en: (a, f) =>
      `The votes cast so far do not decide milestone #${f.n(a.index)} of grant ${f.n(a.grantId)}: more reviewers must vote before it can be settled.`,
    zh: (a, f) => `目前的投票尚不能决定${f.milestone(a.grantId, a.index)}的评审结果：须有更多评审专家投票后才能结算。`,
  },
  GrantProgram_InvalidClaim: {
    en: () => "The claim names no milestones.",
    zh: () => "领取请求未列出任何里程碑。",
  },
  GrantProgram_TransferAmountMismatch: {
    en: (a, f) =>
      `The program received ${f.money(a.received)} instead of ${f.money(a.expected)}; fee-on-transfer tokens are refused.`,
    zh: (a, f) => `项目实际收到 ${f.money(a.received)}，而非 ${f.money(a.expected)}；不接受转账时扣费的代币。`,
  },
  GrantProgram_AlreadyObjected: {
    en: (a) => `${s(a.objector)} has already objected to this milestone in this review round.`,
    zh: (a) => `${s(a.objector)} 已在本轮评审中对该里程碑提出过异议。`,
  },
  GrantProgram_NoOpenObjection: {
    en: (a, f) => `There is no open objection to ${f.milestone(a.grantId, a.index)}.`,
    zh: (a, f) => `${f.milestone(a.grantId, a.index)}没有待裁决的异议。`,
  },
  GrantProgram_RecoveryTooLarge: {
    en: (a, f) =>
      `A recovery of ${f.money(a.amount)} is more than the ${f.money(a.recoverable)} paid and not yet ordered back.`,
    zh: (a, f) => `追回金额 ${f.money(a.amount)}超过已支付且尚未下令追回的 ${f.money(a.recoverable)}。`,
  },
  GrantProgram_RepaymentTooLarge: {
    en: (a, f) => `A repayment of ${f.money(a.amount)} is more than the ${f.money(a.owed)} owed.`,
    zh: (a, f) => `退回金额 ${f.money(a.amount)}超过应退回的 ${f.money(a.owed)}。`,
  },
  GrantProgram_ApplicationNotOpen: {
    en: (a, f) => `Application ${f.n(a.applicationId)} does not exist or is no longer open.`,
    zh: (a, f) => `第 ${f.n(a.applicationId)} 号申请不存在或已不再受理。`,
  },
  GrantProgram_ApplicationMismatch: {
    en: (a, f) => `Application ${f.n(a.applicationId)} was made by another entity or to another category.`,
    zh: (a, f) => `第 ${f.n(a.applicationId)} 号申请由其他主体提出，或申请的是其他类别。`,
  },
  GrantProgram_SignatureExpired: {
    en: (a, f) => `The signed vote of ${s(a.reviewer)} expired at ${f.date(a.deadline)}; ask for a new signature.`,
    zh: (a, f) => `${s(a.reviewer)} 的签名投票已于 ${f.date(a.deadline)}过期；请其重新签名。`,
  },
  GrantProgram_InvalidSignature: {
    en: (a) => `The signature does not verify for reviewer ${s(a.reviewer)}.`,
    zh: (a) => `该签名未能验证为评审专家 ${s(a.reviewer)} 的签名。`,
  },
  GrantProgram_NoSurplus: {
    en: () => "There is no surplus to sweep: the program holds exactly its budget.",
    zh: () => "没有可清退的结余：项目持有的资金恰好等于其预算。",
  },

  // GrantProgramFactory
  GrantProgramFactory_ZeroToken: {
    en: () => "A program needs a token, and the zero address was given.",
    zh: () => "项目需要指定代币，但给出的是零地址。",
  },
  GrantProgramFactory_ZeroRegistry: {
    en: () => "A program needs an entity registry, and the zero address was given.",
    zh: () => "项目需要指定主体登记册，但给出的是零地址。",
  },
  GrantProgramFactory_ZeroTreasury: {
    en: () => "A program needs a treasury, and the zero address was given.",
    zh: () => "项目需要指定财政专户地址，但给出的是零地址。",
  },
  GrantProgramFactory_ForeignImplementation: {
    en: (a) =>
      `Implementation ${s(a.implementation)} only accepts initialisation from factory ${s(a.boundFactory)}, not this one.`,
    zh: (a) => `实现合约 ${s(a.implementation)} 只接受工厂 ${s(a.boundFactory)} 的初始化，不接受本工厂。`,
  },
  GrantProgramFactory_NotAContract: {
    en: (a) => `${s(a.implementation)} has no code, so it cannot be an implementation.`,
    zh: (a) => `${s(a.implementation)} 没有代码，不能作为实现合约。`,
  },
  GrantProgramFactory_ImplementationKnown: {
    en: (a) => `Implementation ${s(a.implementation)} is already registered.`,
    zh: (a) => `实现合约 ${s(a.implementation)} 已经登记。`,
  },
  GrantProgramFactory_NoSuchProgram: {
    en: (a, f) => `There is no program at position ${f.n(a.index)}: the factory has created ${f.n(a.programCount)}.`,
    zh: (a, f) => `第 ${f.n(a.index)} 位没有资助项目：工厂共创建了 ${f.n(a.programCount)} 个。`,
  },
  GrantProgramFactory_UnknownVersion: {
    en: (a, f) => `Version ${f.n(a.version)} is unknown or retired.`,
    zh: (a, f) => `版本 ${f.n(a.version)} 不存在或已停用。`,
  },
  GrantProgramLens_PageTooLarge: {
    en: (a, f) => `A page may hold at most ${f.n(a.maxRows)} rows; ${f.n(a.requested)} were asked for.`,
    zh: (a, f) => `每页最多 ${f.n(a.maxRows)} 行，所请求的是 ${f.n(a.requested)} 行。`,
  },

  // OpenZeppelin
  AccessControlUnauthorizedAccount: {
    en: (a, f) => `${s(a.account)} does not hold ${f.role(a.neededRole)} needed for this action.`,
    zh: (a, f) => `${s(a.account)} 不具有此操作所需的${f.role(a.neededRole)}。`,
  },
  AccessControlBadConfirmation: {
    en: () => "A role can only be renounced by the account holding it.",
    zh: () => "角色只能由持有该角色的账户本人放弃。",
  },
  OwnableUnauthorizedAccount: {
    en: (a) => `${s(a.account)} is not the owner and cannot do this.`,
    zh: (a) => `${s(a.account)} 不是所有者，无权执行此操作。`,
  },
  OwnableInvalidOwner: {
    en: (a) => `${s(a.owner)} cannot be the owner.`,
    zh: (a) => `${s(a.owner)} 不能作为所有者。`,
  },
  InvalidInitialization: {
    en: () => "This contract is already initialised.",
    zh: () => "该合约已经初始化。",
  },
  NotInitializing: {
    en: () => "This contract is not being initialised.",
    zh: () => "该合约不在初始化过程中。",
  },
  ReentrancyGuardReentrantCall: {
    en: () => "A re-entrant call was refused.",
    zh: () => "已拒绝一次重入调用。",
  },
  SafeERC20FailedOperation: {
    en: (a) => `The token ${s(a.token)} refused the transfer.`,
    zh: (a) => `代币 ${s(a.token)} 拒绝了这笔转账。`,
  },
  ERC20InsufficientBalance: {
    en: (a, f) => `${s(a.sender)} holds ${f.money(a.balance)} of the token but ${f.money(a.needed)} is needed.`,
    zh: (a, f) => `${s(a.sender)} 持有该代币 ${f.money(a.balance)}，但需要 ${f.money(a.needed)}。`,
  },
  ERC20InsufficientAllowance: {
    en: (a, f) =>
      `${s(a.spender)} may spend only ${f.money(a.allowance)} but ${f.money(a.needed)} is needed; approve it first.`,
    zh: (a, f) =>
      `${s(a.spender)} 获授权可动用的额度只有 ${f.money(a.allowance)}，但需要 ${f.money(a.needed)}；请先授权。`,
  },
  ERC20InvalidApprover: {
    en: (a) => `${s(a.approver)} cannot approve token spending.`,
    zh: (a) => `${s(a.approver)} 不能授权他人动用代币。`,
  },
  ERC20InvalidReceiver: {
    en: (a) => `${s(a.receiver)} cannot receive the token.`,
    zh: (a) => `${s(a.receiver)} 不能接收该代币。`,
  },
  ERC20InvalidSender: {
    en: (a) => `${s(a.sender)} cannot send the token.`,
    zh: (a) => `${s(a.sender)} 不能发送该代币。`,
  },
  ERC20InvalidSpender: {
    en: (a) => `${s(a.spender)} cannot be approved to spend the token.`,
    zh: (a) => `不能授权 ${s(a.spender)} 动用该代币。`,
  },
  CloneArgumentsTooLong: {
    en: () => "The clone arguments are too long.",
    zh: () => "克隆合约的参数过长。",
  },
  FailedDeployment: {
    en: () => "The program clone could not be deployed.",
    zh: () => "无法部署项目克隆合约。",
  },
  InsufficientBalance: {
    en: (a, f) => `The balance ${f.n(a.balance)} is below the ${f.n(a.needed)} needed.`,
    zh: (a, f) => `余额 ${f.n(a.balance)} 低于所需的 ${f.n(a.needed)}。`,
  },
  InvalidShortString: {
    en: () => "A short string is invalid.",
    zh: () => "短字符串无效。",
  },
  StringTooLong: {
    en: (a) => `The string "${s(a.str)}" is too long.`,
    zh: (a) => `字符串“${s(a.str)}”过长。`,
  },
};

/** Solidity panic codes, as the clause of "The contract stopped because …". */
export const PANICS: Record<number, { en: string; zh: string }> = {
  0x01: { en: "an internal assertion failed", zh: "内部断言失败" },
  0x11: { en: "an arithmetic overflow or underflow occurred", zh: "发生算术溢出或下溢" },
  0x12: { en: "a division by zero occurred", zh: "发生除以零" },
  0x21: { en: "a value was out of range for its enum", zh: "枚举取值超出范围" },
  0x32: { en: "an array index was out of bounds", zh: "数组下标越界" },
  0x41: { en: "too much memory was allocated", zh: "分配的内存过多" },
};
