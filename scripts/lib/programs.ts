/**
 * Program definition files (programs/*.json): one award policy of one administration, reviewed as
 * data. Validation names the bad field and refuses anything the contracts would refuse later.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { keccak256 } from "ethers";

import { type FiscalYearDefinition, parseUtcOffset } from "../../core/fiscal.js";
import { CoreInputError } from "../../core/input-error.js";
import type { Bilingual } from "../../core/messages/labels.js";
import { AmountError, parseYuan } from "../../core/money.js";

export type AwardMode = "fixed" | "capped";

export interface CategoryDefinition {
  key: string;
  label: string;
  labelZh: string;
  mode: AwardMode;
  amount: string;
  maxAwards: number;
  maxTotal: string | null;
  exclusivityGroup: string | null;
  /**
   * The tier group this category is a level of ("rd-platform"), or null. The levels of one group share one
   * award key, and an entity moves up for the difference only (晋级补差); see docs/operators.md.
   */
  tierGroup: string | null;
  /** The level in the tier group, 1 (lowest) to 16; null without a group. */
  tier: number | null;
  /** The tier group's number in the program (1, 2, … in order of first appearance in the file), 0 for none. */
  tierGroupNo: number;
  /**
   * Supervision after payment (监管期), in days: how long the award's conditions stay supervised once the
   * grant's payments are over (0: none), and how often the grantee attests compliance (0: no attestations;
   * else the period is whole intervals, at most 64).
   */
  supervisionDays: number;
  attestationIntervalDays: number;
  /**
   * Eligibility window in days (0: none): every award states the date the entity qualified (e.g. the
   * talent's introduction), which must lie within this many days before the award.
   */
  eligibilityDays: number;
  /** The article (clause) of the policy text the category implements, as the text numbers it; null if not named. */
  article: string | null;
  /** The award condition in English and in Chinese; both are bound on chain (core/ids.ts categoryDescription). */
  condition: string;
  conditionZh: string;
}

export interface ProgramDefinition {
  name: string;
  nameZh: string;
  administration: string;
  jurisdiction: string;
  source: string;
  /** The published policy text the program implements: a file path, relative to the program file's folder (or absolute). */
  policyText: string;
  noticePeriodDays: number;
  applicationWindowDays: number;
  quorum: number;
  upheldObjection: "resubmit" | "cancel";
  budget: string;
  /** The program's fiscal years (null: one undated budget); see core/fiscal.ts. */
  fiscalYear: FiscalYearDefinition | null;
  categories: CategoryDefinition[];
  /** The file's tier groups, in order: the group named tierGroups[i] is number i + 1 on chain. */
  tierGroups: string[];
  /** keccak256 of the program file's bytes, fixed in the program's code at creation (0x-prefixed). */
  fileHash: string;
  /** keccak256 of the policy text file's bytes, fixed in the program's code at creation (0x-prefixed). */
  policyTextHash: string;
}

/** The hashes a program binds at creation: of its file's bytes and of its policy text's bytes. */
export type PolicyBinding = Pick<ProgramDefinition, "fileHash" | "policyTextHash">;

/** Thrown with one plain sentence naming the file and the bad field (`message` English, `zh` Chinese). */
export class ProgramFileError extends CoreInputError {}

const MODES: readonly string[] = ["fixed", "capped"];
const ZERO_HASH = `0x${"00".repeat(32)}`;

function fail(file: string, field: string, problem: Bilingual): never {
  throw new ProgramFileError(`${file}: field "${field}" ${problem.en}.`, `${file}：字段“${field}”${problem.zh}。`);
}

function requireString(file: string, obj: Record<string, unknown>, field: string, path: string): string {
  const value = obj[field];
  if (typeof value !== "string" || value.trim() === "")
    fail(file, path, { en: "must be a non-empty string", zh: "必须是非空字符串" });
  return value;
}

function requireInteger(file: string, obj: Record<string, unknown>, field: string, path: string, min: number): number {
  const value = obj[field];
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    fail(file, path, { en: `must be a whole number of at least ${min}`, zh: `必须是不小于 ${min} 的整数` });
  }
  return value;
}

function requireAmount(file: string, value: unknown, path: string, decimals: number): string {
  if (typeof value !== "string")
    fail(file, path, {
      en: 'must be an amount written as a string, e.g. "5,000,000"',
      zh: "必须是以字符串书写的金额，如“5,000,000”",
    });
  try {
    if (parseYuan(value, decimals) === 0n) fail(file, path, { en: "must be greater than zero", zh: "必须大于零" });
  } catch (error) {
    if (error instanceof AmountError) {
      fail(file, path, { en: `is not an exact amount (${error.message})`, zh: `不是精确金额（${error.zh}）` });
    }
    throw error;
  }
  return value;
}

/** A program file's `fiscalYear` (absent or null: one undated budget). */
function validateFiscalYear(file: string, raw: unknown): FiscalYearDefinition | null {
  if (raw === undefined || raw === null) return null;
  if (typeof raw !== "object" || Array.isArray(raw))
    fail(file, "fiscalYear", { en: "must be an object or null", zh: "必须是对象或 null" });
  const obj = raw as Record<string, unknown>;
  const startMonth = requireInteger(file, obj, "startMonth", "fiscalYear.startMonth", 1);
  if (startMonth > 12)
    fail(file, "fiscalYear.startMonth", { en: "must be a month, 1 to 12", zh: "必须是 1 至 12 的月份" });
  const utcOffset = requireString(file, obj, "utcOffset", "fiscalYear.utcOffset");
  try {
    parseUtcOffset(utcOffset, "fiscalYear.utcOffset");
  } catch (error) {
    if (error instanceof CoreInputError)
      fail(file, "fiscalYear.utcOffset", {
        en: 'must be written +HH:MM or -HH:MM between -12:00 and +14:00 (Beijing: "+08:00")',
        zh: "必须写作 +HH:MM 或 -HH:MM，介于 -12:00 与 +14:00 之间（北京时间：“+08:00”）",
      });
    throw error;
  }
  const yearEnd = obj.yearEnd;
  if (yearEnd !== "return" && yearEnd !== "carry-over")
    fail(file, "fiscalYear.yearEnd", {
      en: 'must be "return" (the rest goes back to the treasury) or "carry-over" (into the next year)',
      zh: "必须是“return”（结余收回国库）或“carry-over”（结转下一年度）",
    });
  return { startMonth, utcOffset, yearEnd };
}

/**
 * Validates a parsed program definition; `decimals` is the token's, for exact amounts; `binding` the hashes
 * of the file and of its policy text (see {@link loadProgram}).
 */
export function validateProgram(
  raw: unknown,
  file: string,
  decimals: number,
  binding: PolicyBinding,
): ProgramDefinition {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    fail(file, "(root)", { en: "must be an object", zh: "必须是对象" });
  const obj = raw as Record<string, unknown>;
  const name = requireString(file, obj, "name", "name");
  const nameZh = requireString(file, obj, "nameZh", "nameZh");
  const administration = requireString(file, obj, "administration", "administration");
  const jurisdiction = requireString(file, obj, "jurisdiction", "jurisdiction");
  const source = requireString(file, obj, "source", "source");
  const policyText = requireString(file, obj, "policyText", "policyText");
  const noticePeriodDays = requireInteger(file, obj, "noticePeriodDays", "noticePeriodDays", 1);
  if (noticePeriodDays > 90) fail(file, "noticePeriodDays", { en: "must be at most 90", zh: "不得超过 90" });
  const applicationWindowDays = requireInteger(file, obj, "applicationWindowDays", "applicationWindowDays", 1);
  const quorum = requireInteger(file, obj, "quorum", "quorum", 1);
  if (quorum > 16)
    fail(file, "quorum", {
      en: "must be at most 16 (the committee bitmap size)",
      zh: "不得超过 16（评审委员会位图的大小）",
    });
  const upheld = obj.upheldObjection;
  if (upheld !== "resubmit" && upheld !== "cancel")
    fail(file, "upheldObjection", {
      en: 'must be "resubmit" or "cancel"',
      zh: "必须是“resubmit”（重新提交）或“cancel”（取消）",
    });
  const budget = requireAmount(file, obj.budget, "budget", decimals);
  const fiscalYear = validateFiscalYear(file, obj.fiscalYear);
  if (!Array.isArray(obj.categories) || obj.categories.length === 0) {
    fail(file, "categories", { en: "must be a non-empty list", zh: "必须是非空列表" });
  }
  const keys = new Set<string>();
  const tierGroups: string[] = [];
  const levels = new Set<string>();
  const categories = obj.categories.map((entry: unknown, i: number): CategoryDefinition => {
    const at = `categories[${i}]`;
    if (typeof entry !== "object" || entry === null) fail(file, at, { en: "must be an object", zh: "必须是对象" });
    const c = entry as Record<string, unknown>;
    const key = requireString(file, c, "key", `${at}.key`);
    if (keys.has(key)) fail(file, `${at}.key`, { en: `repeats "${key}"`, zh: `与前面的“${key}”重复` });
    keys.add(key);
    const mode = c.mode;
    if (typeof mode !== "string" || !MODES.includes(mode))
      fail(file, `${at}.mode`, {
        en: 'must be "fixed" or "capped"',
        zh: "必须是“fixed”（固定金额）或“capped”（上限金额）",
      });
    const maxTotal =
      c.maxTotal === null || c.maxTotal === undefined
        ? null
        : requireAmount(file, c.maxTotal, `${at}.maxTotal`, decimals);
    const group = c.exclusivityGroup;
    if (group !== null && group !== undefined && (typeof group !== "string" || group.trim() === "")) {
      fail(file, `${at}.exclusivityGroup`, { en: "must be a non-empty string or null", zh: "必须是非空字符串或 null" });
    }
    const tierGroup = c.tierGroup ?? null;
    let tier: number | null = null;
    if (tierGroup !== null) {
      if (typeof tierGroup !== "string" || tierGroup.trim() === "")
        fail(file, `${at}.tierGroup`, { en: "must be a non-empty string or null", zh: "必须是非空字符串或 null" });
      if (group !== null && group !== undefined)
        fail(file, `${at}.tierGroup`, {
          en: "cannot be set together with exclusivityGroup (the levels share the tier group's own key)",
          zh: "不能与 exclusivityGroup 同时设置（各级别共用本级别组自己的授予键）",
        });
      tier = requireInteger(file, c, "tier", `${at}.tier`, 1);
      if (tier > 16) fail(file, `${at}.tier`, { en: "must be at most 16", zh: "不得超过 16" });
      if (levels.has(`${tierGroup}\u0000${tier}`))
        fail(file, `${at}.tier`, {
          en: `repeats level ${tier} of tier group "${tierGroup}"`,
          zh: `与级别组“${tierGroup}”中已有的第 ${tier} 级重复`,
        });
      levels.add(`${tierGroup}\u0000${tier}`);
      if (!tierGroups.includes(tierGroup)) tierGroups.push(tierGroup);
    } else if (c.tier !== null && c.tier !== undefined) {
      fail(file, `${at}.tier`, { en: "needs a tierGroup", zh: "需要同时设置 tierGroup" });
    }
    const supervisionDays =
      c.supervisionDays === undefined ? 0 : requireInteger(file, c, "supervisionDays", `${at}.supervisionDays`, 0);
    const attestationIntervalDays =
      c.attestationIntervalDays === undefined
        ? 0
        : requireInteger(file, c, "attestationIntervalDays", `${at}.attestationIntervalDays`, 0);
    if (supervisionDays > 3650)
      fail(file, `${at}.supervisionDays`, { en: "must be at most 3650 (ten years)", zh: "不得超过 3650（十年）" });
    if (
      attestationIntervalDays !== 0 &&
      (supervisionDays === 0 ||
        supervisionDays % attestationIntervalDays !== 0 ||
        supervisionDays / attestationIntervalDays > 64)
    )
      fail(file, `${at}.attestationIntervalDays`, {
        en: "must divide supervisionDays into at most 64 whole intervals (and needs a supervision period)",
        zh: "必须把 supervisionDays 整分为不超过 64 个区间（且须设有监管期）",
      });
    const eligibilityDays =
      c.eligibilityDays === undefined ? 0 : requireInteger(file, c, "eligibilityDays", `${at}.eligibilityDays`, 0);
    if (eligibilityDays > 3650)
      fail(file, `${at}.eligibilityDays`, { en: "must be at most 3650 (ten years)", zh: "不得超过 3650（十年）" });
    const article = c.article ?? null;
    if (article !== null && (typeof article !== "string" || article.trim() === ""))
      fail(file, `${at}.article`, { en: "must be a non-empty string or null", zh: "必须是非空字符串或 null" });
    if (tierGroups.length > 255)
      fail(file, `${at}.tierGroup`, {
        en: "is one tier group too many (at most 255)",
        zh: "超出级别组上限（最多 255 个）",
      });
    return {
      key,
      label: requireString(file, c, "label", `${at}.label`),
      labelZh: requireString(file, c, "labelZh", `${at}.labelZh`),
      mode: mode as AwardMode,
      amount: requireAmount(file, c.amount, `${at}.amount`, decimals),
      maxAwards: requireInteger(file, c, "maxAwards", `${at}.maxAwards`, 0),
      maxTotal,
      exclusivityGroup: (group as string | null | undefined) ?? null,
      tierGroup,
      tier,
      tierGroupNo: tierGroup === null ? 0 : tierGroups.indexOf(tierGroup) + 1,
      article: article as string | null,
      supervisionDays,
      attestationIntervalDays,
      eligibilityDays,
      condition: requireString(file, c, "condition", `${at}.condition`),
      conditionZh: requireString(file, c, "conditionZh", `${at}.conditionZh`),
    };
  });
  return {
    name,
    nameZh,
    administration,
    jurisdiction,
    source,
    policyText,
    noticePeriodDays,
    applicationWindowDays,
    quorum,
    upheldObjection: upheld,
    budget,
    fiscalYear,
    categories,
    tierGroups,
    ...binding,
  };
}

/**
 * Reads and validates a program file, and hashes what the program will bind on chain: the file's bytes
 * exactly as published, and the bytes of the policy text it names (`policyText`, relative to the file's
 * folder). A missing policy text is refused in one sentence naming it.
 */
export function loadProgram(file: string, decimals: number): ProgramDefinition {
  let bytes: Buffer;
  let raw: unknown;
  try {
    bytes = readFileSync(file);
    raw = JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ProgramFileError(
      `${file}: cannot be read as JSON (${reason}).`,
      `${file}：无法按 JSON 读取（${reason}）。`,
    );
  }
  // The fields first; then the policy text the (valid) file names, relative to the file's folder.
  const definition = validateProgram(raw, file, decimals, { fileHash: keccak256(bytes), policyTextHash: ZERO_HASH });
  const policyFile = path.resolve(path.dirname(file), definition.policyText);
  if (!existsSync(policyFile))
    fail(file, "policyText", {
      en: `names ${policyFile}, which does not exist (the published policy text the program implements)`,
      zh: `指向的 ${policyFile} 不存在（应为项目所依据的已公布政策文本）`,
    });
  return { ...definition, policyTextHash: keccak256(readFileSync(policyFile)) };
}
