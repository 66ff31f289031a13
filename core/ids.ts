/**
 * Identifiers and hashes the contracts store: registry ids of companies and individuals, the award
 * keys of categories and exclusivity groups (as GrantProgram.addCategory derives them), and the
 * keccak256 hashes of texts and documents (reasons, evidence, objections, descriptions).
 */
import { AbiCoder, isHexString, keccak256, toUtf8Bytes } from "ethers";

import { documentHash } from "./documents.ts";

const abi = AbiCoder.defaultAbiCoder();

/**
 * A company's registry id: keccak256 of "USCC:" and its unified social credit code (trimmed, upper case).
 * Input from people is checked first with `parseUscc` (core/identity.ts).
 * @param unifiedSocialCreditCode the code
 */
export function companyId(unifiedSocialCreditCode: string): string {
  return keccak256(toUtf8Bytes(`USCC:${unifiedSocialCreditCode.trim().toUpperCase()}`));
}

/**
 * An individual's registry id: keccak256(abi.encode(bytes32 key, string document)). The registrar
 * office uses its jurisdiction's secret as the key and the document's one written form (both through
 * `individualId` in core/identity.ts, so the same person always gives the same id); both stay off chain.
 * @param key the registrar secret (0x…, 32 bytes)
 * @param document the identity document, e.g. "CN-RID:11010519491231002X"
 */
export function individualCommitment(key: string, document: string): string {
  return keccak256(abi.encode(["bytes32", "string"], [key, document]));
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
  return documentHash(toUtf8Bytes(text));
}

/**
 * The text a category's on-chain descriptionHash is the keccak256 of: "<key>: <condition> | <conditionZh>"
 * from the program file — both languages, so the Chinese the portal shows is as verifiable as the English
 * (what mg:create-program records, and what the portal checks the condition it shows against).
 * @param key the category key, e.g. "rd-platform-national"
 * @param condition the category's condition in English, as the program file states it
 * @param conditionZh the same condition in Chinese
 */
export function categoryDescription(key: string, condition: string, conditionZh: string): string {
  return `${key}: ${condition} | ${conditionZh}`;
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
