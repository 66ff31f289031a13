/** Milestone states as IGrantProgram.milestoneState numbers them, in operators' words. */
export const MILESTONE_STATE_NAMES_LITE = [
  "none",
  "pending",
  "submitted",
  "rejected",
  "in notice",
  "contested",
  "payable",
  "paid",
  "lapsable",
  "lapsed",
  "cancelled",
] as const;

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
