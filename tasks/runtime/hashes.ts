/** Document hashes: files are hashed locally (keccak256 of their bytes); only the hash goes on chain. */
import { existsSync, readFileSync, statSync } from "node:fs";

import { documentHash } from "../../core/documents.js";
import type { Bilingual } from "../../core/messages/labels.js";
import { parseHash, parseWhole, TaskInputError, wholeNumber } from "./args.js";

/** The document hash (core/documents.ts) of a local file's bytes. */
export function fileHash(file: string, option: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new TaskInputError(`${option} ${file}: no such file.`, `${option} ${file}：文件不存在。`);
  }
  return documentHash(readFileSync(file));
}

/**
 * A document hash from --file (hashed here) or --hash (already computed); exactly one.
 * @param what the document, in both languages (for the refusal when neither or both are given)
 */
export function hashFromOptions(file: string | undefined, hash: string | undefined, what: Bilingual): string {
  const hasFile = file !== undefined && file.trim() !== "";
  const hasHash = hash !== undefined && hash.trim() !== "";
  if (hasFile === hasHash) {
    throw new TaskInputError(
      `Give the ${what.en} as --file <path> or --hash <0x…>, exactly one.`,
      `请用 --file <路径> 或 --hash <0x…> 二者之一（且只用一个）给出${what.zh}。`,
    );
  }
  return hasFile ? fileHash((file ?? "").trim(), "--file") : parseHash((hash ?? "").trim(), "--hash");
}

/** A milestone index (0 to 15): --milestone (an INT option) or one entry of a --milestones list. */
export function milestoneIndex(value: string | number | undefined, option = "--milestone"): number {
  const index = typeof value === "number" ? wholeNumber(value, option) : parseWhole(value, option);
  if (index > 15n)
    throw new TaskInputError(
      `${option} ${index} is out of range: a grant has at most 16 milestones (0 to 15).`,
      `${option} ${index} 超出范围：一项资助最多有 16 个里程碑（编号 0 至 15）。`,
    );
  return Number(index);
}

/** A grant id. */
export function grantId(value: string | undefined): bigint {
  if (value === undefined || value.trim() === "")
    throw new TaskInputError(
      "--grant is required: the grant id (see mg:status).",
      "必须提供 --grant：资助编号（见 mg:status）。",
    );
  return parseWhole(value, "--grant");
}
