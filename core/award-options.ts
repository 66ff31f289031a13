/**
 * The options of an award beyond its terms (`Program.AwardOptions`, `awardWithOptions`): the fiscal year it
 * reserves against (0: the current one), the date the entity qualified (0: none; required by a category
 * with an eligibility window), the hash of the decision's text citing its article (zero hash: none).
 */
const ZERO_HASH = `0x${"00".repeat(32)}`;

/** `Program.AwardOptions` as the ABI takes it. */
export interface AwardOptions {
  fiscalYear: number;
  qualifyingDate: bigint;
  reasonHash: string;
}

/** Award options with every field not given left at its zero (none stated). */
export function awardOptions(options: Partial<AwardOptions> = {}): AwardOptions {
  return {
    fiscalYear: options.fiscalYear ?? 0,
    qualifyingDate: options.qualifyingDate ?? 0n,
    reasonHash: options.reasonHash ?? ZERO_HASH,
  };
}
