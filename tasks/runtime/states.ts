/** Milestone states and committee bitmaps in operators' words (the states themselves: core/enums.ts). */
import { milestoneStateName } from "../../core/enums.js";

/** A milestone state number in operators' words: the core name, spaced and lower-cased ("in notice"). */
export function stateWords(state: bigint | number): string {
  return milestoneStateName(state)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
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
