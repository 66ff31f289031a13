/**
 * Identity numbers as the registrar office takes them, checked before anything reaches the chain:
 * unified social credit codes of companies (GB 32100-2015, with its check character), resident identity
 * numbers of individuals (GB 11643-1999: birth date and check digit), and passports for people without
 * one. An individual's registry id is a commitment keyed by the jurisdiction's registrar secret (kept
 * off chain by the registrar office): the same person always gives the same id, so registering them
 * twice is refused by the registry, while nobody without the secret can test ID numbers against the
 * chain (there are only ≈ 10^11 plausible resident ID numbers, far too few for an unkeyed hash).
 */
import { isHexString } from "ethers";

import { individualCommitment } from "./ids.ts";
import { CoreInputError } from "./input-error.ts";

/** The 31 characters of a unified social credit code, in the order of their values 0–30 (no I O S V Z). */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/** GB 32100-2015 weights of characters 1–17 (3^i mod 31). */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** The shape of a unified social credit code: 18 characters of its alphabet, digits 3–8 the region code. */
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * The GB 32100 check character of the first 17 characters of a credit code.
 * @param first17 the registration authority, type, region and organisation characters
 */
export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * A unified social credit code, trimmed and upper-cased, with its check character verified.
 * @param text the code as written
 * @throws CoreInputError when it is not 18 characters of the code's alphabet, or the last one is wrong
 */
export function parseUscc(text: string): string {
  const code = text.trim().toUpperCase();
  if (!USCC_PATTERN.test(code)) {
    throw new CoreInputError(
      `"${text}" is not a unified social credit code (18 characters: digits and capital letters without I, O, S, V, Z).`,
      `“${text}”不是统一社会信用代码（18 位数字或大写字母，不含 I、O、S、V、Z）。`,
    );
  }
  const expected = usccCheckCharacter(code.slice(0, 17));
  if (code[17] !== expected) {
    throw new CoreInputError(
      `The unified social credit code ${code} fails its check (GB 32100): with these first 17 characters the last must be ${expected}. Check the code for a typing error.`,
      `统一社会信用代码 ${code} 校验不通过（GB 32100）：按前 17 位，最后一位应为 ${expected}。请核对是否录入有误。`,
    );
  }
  return code;
}

/** GB 11643 weights of digits 1–17 (2^(17−i) mod 11) and the check character of each remainder. */
const RESIDENT_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_CHECK = "10X98765432";

/**
 * The GB 11643 check character of the first 17 digits of a resident identity number.
 * @param first17 the address code, birth date and sequence number
 */
export function residentIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * RESIDENT_WEIGHTS[i];
  return RESIDENT_CHECK[sum % 11];
}

/**
 * A resident identity number (居民身份证号码), trimmed, with a capital X, its birth date and check digit
 * verified.
 * @param text the number as written
 * @param today the date against which a birth date in the future is refused (default: now)
 * @throws CoreInputError when the shape, the birth date or the check digit is wrong
 */
export function parseResidentId(text: string, today: Date = new Date()): string {
  const id = text.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    throw new CoreInputError(
      `"${text}" is not a resident identity number (17 digits and a check digit 0–9 or X).`,
      `“${text}”不是居民身份证号码（17 位数字加一位校验码 0–9 或 X）。`,
    );
  }
  const [year, month, day] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(year, month - 1, day));
  const real = birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day;
  if (!real || year < 1800 || birth.getTime() > today.getTime()) {
    throw new CoreInputError(
      `The resident identity number ${id} has no valid birth date (digits 7–14 read ${id.slice(6, 14)}).`,
      `居民身份证号码 ${id} 的出生日期无效（第 7–14 位为 ${id.slice(6, 14)}）。`,
    );
  }
  const expected = residentIdCheckCharacter(id.slice(0, 17));
  if (id[17] !== expected) {
    throw new CoreInputError(
      `The resident identity number ${id} fails its check (GB 11643): with these first 17 digits the last must be ${expected}. Check it against the card.`,
      `居民身份证号码 ${id} 校验不通过（GB 11643）：按前 17 位，最后一位应为 ${expected}。请与证件核对。`,
    );
  }
  return id;
}

/**
 * The identity document an individual is registered by, in the one written form the commitment hashes:
 * a resident identity number (checked, see {@link parseResidentId}) as `CN-RID:<number>`, or a passport
 * written `PASSPORT:<ISO 3166 alpha-3 country>:<number>` (letters and digits, 5–20), upper-cased. The
 * written form parses to itself.
 * @param text the document as written
 * @param today see {@link parseResidentId}
 */
export function parseIdentityDocument(text: string, today: Date = new Date()): string {
  const written = text.trim().toUpperCase();
  const passport = /^PASSPORT:([A-Z]{3}):([A-Z0-9]{5,20})$/.exec(written);
  if (passport) return `PASSPORT:${passport[1]}:${passport[2]}`;
  if (written.startsWith("PASSPORT")) {
    throw new CoreInputError(
      `"${text}" is not a passport as the registry takes it: write PASSPORT:<country, 3 letters>:<number>, e.g. PASSPORT:DEU:C01X00T47.`,
      `“${text}”不是登记可用的护照写法：请写作 PASSPORT:<国家三字母代码>:<号码>，例如 PASSPORT:DEU:C01X00T47。`,
    );
  }
  // Idempotent: the written form parses to itself.
  return `CN-RID:${parseResidentId(written.replace(/^CN-RID:/, ""), today)}`;
}

/**
 * The registrar secret of a jurisdiction: 32 bytes written as 0x and 64 hex digits.
 * @param text the secret as read from its file or variable
 */
export function parseRegistrarSecret(text: string): string {
  const secret = text.trim();
  if (!isHexString(secret, 32) || /^0x0{64}$/i.test(secret)) {
    throw new CoreInputError(
      "The registrar secret must be 32 random bytes written as 0x and 64 hex digits (e.g. from `openssl rand -hex 32`, with 0x in front).",
      "登记机关密钥须为 32 字节随机数，写作 0x 加 64 位十六进制数字（可用 `openssl rand -hex 32` 生成，前加 0x）。",
    );
  }
  return secret.toLowerCase();
}

/**
 * An individual's registry id: {@link individualCommitment} of the registrar secret and the document in
 * its one written form ({@link parseIdentityDocument}). Deterministic per jurisdiction: the
 * same person twice gives the same id (and the registry refuses the second registration); without the
 * secret, nobody can test ID numbers against it.
 * @param registrarSecret the jurisdiction's registrar secret ({@link parseRegistrarSecret})
 * @param document a resident identity number or a passport, as written
 */
export function individualId(registrarSecret: string, document: string): string {
  return individualCommitment(parseRegistrarSecret(registrarSecret), parseIdentityDocument(document));
}
