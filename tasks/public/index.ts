/**
 * What anyone may do or read: mg:object, mg:lapse, mg:supervision, mg:status, mg:programs, mg:report, mg:export,
 * mg:case-file, mg:verify-case-file.
 */
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import {
  DEFAULT_PAGE_SIZE,
  OPTIONAL,
  withDocument,
  withGrant,
  withGrantMilestone,
  withProgram,
  withSigner,
} from "../options.js";

export const publicTasks = [
  withSigner(
    withDocument(
      withGrantMilestone(task("mg:object", "Anyone: object to an approved milestone during its public notice window")),
      { file: "Supporting document (hashed here)", hash: "Or its hash (0x…)" },
    ),
  )
    .setAction(() => import("./object.js"))
    .build(),
  withSigner(withGrantMilestone(task("mg:lapse", "Anyone: lapse a milestone not approved by its deadline")))
    .setAction(() => import("./lapse.js"))
    .build(),
  withSigner(
    withGrant(
      task("mg:supervision", "A grant's supervision after payment (监管期); --start begins it once payments are over"),
    ).addFlag({ name: "start", description: "Start the supervision period (anyone may, once payments are over)" }),
  )
    .setAction(() => import("./supervision.js"))
    .build(),
  withSigner(
    withGrant(
      task("mg:status", "A program's settings, ledger, categories and a page of grants (--grant: its milestones)"),
    )
      .addOption({
        name: "page",
        description: "Page of the grant list: 1 is the first, shown when omitted",
        ...OPTIONAL,
      })
      .addOption({
        name: "pageSize",
        description: `Grants per page, 1 to 100; ${DEFAULT_PAGE_SIZE} when omitted`,
        ...OPTIONAL,
      })
      .addFlag({ name: "newest", description: "List the newest grants first" }),
  )
    .setAction(() => import("./status.js"))
    .build(),
  withSigner(
    task(
      "mg:programs",
      "A jurisdiction's programs: those its registry authorised, and flagged ones that only name it",
    ).addOption({
      name: "jurisdiction",
      description: "Registry name, e.g. guiyang (default: the only one)",
      ...OPTIONAL,
    }),
  )
    .setAction(() => import("./programs.js"))
    .build(),
  withSigner(
    withProgram(task("mg:report", "Rebuild a program's ledger and history from events and check it against summary()")),
  )
    .setAction(() => import("./report.js"))
    .build(),
  withSigner(
    withProgram(task("mg:export", "Write the award register, milestone histories and ledger movements as CSV and XLSX"))
      .addOption({ name: "out", description: "Folder to write into (default: exports)", ...OPTIONAL })
      .addOption({ name: "year", description: "Only this fiscal year (YYYY, Beijing time)", ...OPTIONAL }),
  )
    .setAction(() => import("./export.js"))
    .build(),
  withSigner(
    withGrant(
      task("mg:case-file", "Write one grant's case file: every event with block, log and transaction"),
    ).addOption({ name: "out", description: "Folder to write into (default: exports)", ...OPTIONAL }),
  )
    .setAction(() => import("./case-file.js"))
    .build(),
  withSigner(
    task(
      "mg:verify-case-file",
      "Check a grant's case file against the chain (none changed, none left out)",
    ).addPositionalArgument({
      name: "file",
      description: "The case file written by mg:case-file",
      type: ArgumentType.FILE,
    }),
  )
    .setAction(() => import("./verify-case-file.js"))
    .build(),
];
