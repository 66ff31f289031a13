/**
 * Identifiers and hashes the contracts store: registry ids of companies and individuals, the award
 * keys of categories and exclusivity groups (as GrantProgram.addCategory derives them), and the
 * keccak256 hashes of texts and documents (reasons, evidence, objections, descriptions).
 */
import { AbiCoder, isHexString, keccak256, toUtf8Bytes, type BytesLike } from "ethers";

import { CoreInputError } from "./input-error.ts";

const abi = AbiCoder.defaultAbiCoder();

/** The shape of a unified social credit code (统一社会信用代码): 18 characters, no I, O, S, V, Z. */
export const USCC_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/**
 * A unified social credit code, trimmed and upper-cased.
 * @param text the code as written
 * @throws CoreInputError when it is not 18 characters of the code's alphabet
 */
export function parseUscc(text: string): string {
  const code = text.trim().toUpperCase();
  if (!USCC_PATTERN.test(code)) {
    throw new CoreInputError(
      `"${text}" is not a unified social credit code (18 characters).`,
      `“${text}”不是统一社会信用代码（18 位）。`,
    );
  }
  return code;
}

/**
 * A company's registry id: keccak256 of "USCC:" and its unified social credit code (trimmed, upper case).
 * @param unifiedSocialCreditCode the code
 */
export function companyId(unifiedSocialCreditCode: string): string {
  return keccak256(toUtf8Bytes(`USCC:${unifiedSocialCreditCode.trim().toUpperCase()}`));
}

/**
 * An individual's registry id: keccak256(abi.encode(bytes32 salt, string idNumber)). The salt and
 * the ID number stay off chain; with both, anyone can check the commitment.
 * @param salt a random 32-byte salt (0x…)
 * @param idNumber the person's ID number
 */
export function individualCommitment(salt: string, idNumber: string): string {
  return keccak256(abi.encode(["bytes32", "string"], [salt, idNumber]));
}

/**
 * The registry award key of a category without an exclusivity group: keccak256(abi.encode(program, categoryId)).
 * @param program the program's address
 * @param categoryId the category id (uint16)
 */
export function categoryAwardKey(program: string, categoryId: bigint | number): string {
  return keccak256(abi.encode(["address", "uint16"], [program, categoryId]));
}

/**
 * The registry award key of a named exclusivity group, shared by every program that names it:
 * keccak256(abi.encode(keccak256("MilestoneGrants.exclusivityGroup"), exclusivityGroup)).
 * @param exclusivityGroup the group's bytes32 (see {@link exclusivityGroupOf})
 */
export function groupAwardKey(exclusivityGroup: string): string {
  return keccak256(
    abi.encode(["bytes32", "bytes32"], [keccak256(toUtf8Bytes("MilestoneGrants.exclusivityGroup")), exclusivityGroup]),
  );
}

/**
 * The bytes32 exclusivity group of a group name in a program file: keccak256("group:" + name).
 * @param name the group name, e.g. "guiyang-platform"
 */
export function exclusivityGroupOf(name: string): string {
  return textHash(`group:${name}`);
}

/**
 * keccak256 of a UTF-8 text: document, description, evidence, objection and reason hashes.
 * @param text the text, hashed exactly as given
 */
export function textHash(text: string): string {
  return keccak256(toUtf8Bytes(text));
}

/**
 * keccak256 of a document's bytes: what mg:evidence computes for a file and the portal for an upload.
 * @param bytes the file's contents
 */
export function bytesHash(bytes: BytesLike): string {
  return keccak256(bytes);
}

/**
 * The hash of a reason: a 0x-prefixed 32-byte hash as given (lower-cased), else keccak256 of the
 * trimmed text; an empty reason hashes `fallback` (e.g. "approve"). Keep the text on file.
 * @param reason the reason as written, or a hash of it
 * @param fallback the text hashed when no reason is given
 */
export function reasonHash(reason: string | undefined, fallback: string): string {
  const text = reason === undefined || reason.trim() === "" ? fallback : reason.trim();
  return isHexString(text, 32) ? text.toLowerCase() : textHash(text);
}
