/**
 * The walkthrough's sample grant (docs/operators.md), as `npm run e2e:node` and `npm run rehearse` run
 * it through the tasks: a company of the Guiyang registry, a national R&D platform award of two
 * milestones and its evidence file. Plain Node 22 (type stripping), no project imports.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";

/** The sample company's unified social credit code (its payout wallet is account 10). */
export const SAMPLE_USCC = "91520115MA6DK0001A";

/** A chain time (seconds) as the Beijing date mg:award's milestone deadlines take. */
export function beijingDate(seconds: number): string {
  return new Date((seconds + 8 * 3600) * 1000).toISOString().slice(0, 10);
}

/** mg:award's options for the sample grant: 3,000,000 due in 60 days, 2,000,000 in 120, from `now`. */
export function sampleAwardArgs(now: number): string[] {
  return [
    "--uscc",
    SAMPLE_USCC,
    "--category",
    "rd-platform-national",
    "--milestones",
    `3,000,000@${beijingDate(now + 60 * 86400)}; 2,000,000@${beijingDate(now + 120 * 86400)}`,
  ];
}

/** Writes the sample evidence (a licence) into `dir`; returns the file's path. */
export function writeSampleEvidence(dir: string): string {
  const file = path.join(dir, "licence.txt");
  writeFileSync(file, "Licence: national engineering laboratory\n");
  return file;
}
