/** The treasurer's tasks: mg:fund, mg:withdraw, mg:close-year. */
import { task } from "hardhat/config";

import { OPTIONAL, withGovernance, withProgram, withSigner } from "../options.js";

export const treasuryTasks = [
  withSigner(
    withGovernance(
      withProgram(task("mg:fund", "Treasurer: fund a program (approves the amount first)"))
        .addOption({ name: "amount", description: 'Amount in yuan, e.g. "20,000,000.00"', ...OPTIONAL })
        .addFlag({ name: "mint", description: "Local chains: mint the demo yuan to the treasurer first" })
        .addOption({
          name: "fiscalYear",
          description: "Fiscal year to appropriate to (programs with fiscal years; default: the current one)",
          ...OPTIONAL,
        }),
    ),
  )
    .setAction(() => import("./fund.js"))
    .build(),
  withSigner(
    withGovernance(
      withProgram(
        task("mg:withdraw", "Treasurer: withdraw unreserved budget to the program's fixed treasury"),
      ).addOption({ name: "amount", description: 'Amount in yuan, or "all" (the available budget)', ...OPTIONAL }),
    ),
  )
    .setAction(() => import("./withdraw.js"))
    .build(),
  withSigner(
    withProgram(
      task(
        "mg:close-year",
        "Treasurer: close an ended fiscal year (its rest returned or carried over, by the program's rule)",
      ),
    ).addOption({ name: "fiscalYear", description: "The fiscal year to close, e.g. 2026", ...OPTIONAL }),
  )
    .setAction(() => import("./close-year.js"))
    .build(),
];
