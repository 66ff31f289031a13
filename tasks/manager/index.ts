/** The program managers' tasks: mg:award, mg:rule, mg:cancel, mg:recover; the guardian's mg:pause. */
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import {
  OPTIONAL,
  OPTIONAL_FILE,
  withCategory,
  withEntity,
  withGrant,
  withGrantMilestone,
  withProgram,
  withGovernance,
  withArticle,
  withReason,
  withSigner,
} from "../options.js";

export const managerTasks = [
  withSigner(
    withArticle(
      withReason(
        withCategory(withEntity(withProgram(task("mg:award", "Manager: award a grant in milestones"))))
          .addOption({
            name: "milestones",
            description: '"amount@YYYY-MM-DD; …" (deadline: end of day, Beijing)',
            ...OPTIONAL,
          })
          .addOption({
            name: "milestonesFile",
            description: "JSON: [{amount, deadline, description}]",
            ...OPTIONAL_FILE,
          })
          .addOption({
            name: "application",
            description: "Application id (0: none)",
            type: ArgumentType.BIGINT,
            defaultValue: 0n,
          })
          .addOption({
            name: "qualifyingDate",
            description: "YYYY-MM-DD (Beijing): when the entity qualified, e.g. the talent was introduced",
            ...OPTIONAL,
          })
          .addOption({
            name: "fiscalYear",
            description: "Fiscal year the award reserves against (default: the current one)",
            ...OPTIONAL,
          }),
      ),
    ),
  )
    .setAction(() => import("./award.js"))
    .build(),
  withSigner(
    withArticle(
      withReason(
        withGrantMilestone(task("mg:rule", "Manager: rule on an open objection")).addOption({
          name: "decision",
          description: "uphold or dismiss",
          ...OPTIONAL,
        }),
      ),
    ),
  )
    .setAction(() => import("./rule.js"))
    .build(),
  withSigner(withArticle(withReason(withGrant(task("mg:cancel", "Manager: cancel a grant's unpaid milestones")))))
    .setAction(() => import("./cancel.js"))
    .build(),
  withSigner(
    withArticle(
      withReason(
        withGrant(
          task("mg:recover", "Manager: order recovery of money paid on a grant (bars the entity until repaid)"),
        ).addOption({ name: "amount", description: "Amount in yuan", ...OPTIONAL }),
      ),
    ),
  )
    .setAction(() => import("./recover.js"))
    .build(),
  withSigner(
    withGovernance(
      withProgram(task("mg:pause", "Guardian: pause a program (admin: --unpause)")).addFlag({
        name: "unpause",
        description: "Unpause instead (admin only)",
      }),
    ),
  )
    .setAction(() => import("./pause.js"))
    .build(),
];
