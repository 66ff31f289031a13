/** Document hashes: files are hashed locally (keccak256 of their bytes); only the hash goes on chain. */
import { existsSync, readFileSync, statSync } from "node:fs";

import { bytesHash } from "../../core/ids.js";
import { parseHash, parseWhole, TaskInputError, wholeNumber } from "./args.js";

/** keccak256 of a local file's bytes. */
export function fileHash(file: string, option: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw new TaskInputError(`${option} ${file}: no such file.`);
  return bytesHash(readFileSync(file));
}

/** A document hash from --file (hashed here) or --hash (already computed); exactly one. */
export function documentHash(file: string | undefined, hash: string | undefined, what: string): string {
  const hasFile = file !== undefined && file.trim() !== "";
  const hasHash = hash !== undefined && hash.trim() !== "";
  if (hasFile === hasHash) throw new TaskInputError(`Give the ${what} as --file <path> or --hash <0x…>, exactly one.`);
  return hasFile ? fileHash((file ?? "").trim(), "--file") : parseHash((hash ?? "").trim(), "--hash");
}

/** A milestone index (0 to 15): --milestone (an INT option) or one entry of a --milestones list. */
export function milestoneIndex(value: string | number | undefined, option = "--milestone"): number {
  const index = typeof value === "number" ? wholeNumber(value, option) : parseWhole(value, option);
  if (index > 15n)
    throw new TaskInputError(`${option} ${index} is out of range: a grant has at most 16 milestones (0 to 15).`);
  return Number(index);
}

/** A grant id. */
export function grantId(value: string | undefined): bigint {
  if (value === undefined || value.trim() === "")
    throw new TaskInputError("--grant is required: the grant id (see mg:status).");
  return parseWhole(value, "--grant");
}
