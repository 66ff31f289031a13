/**
 * The bureau's governance: mg:deploy-governance (Safes + timelock), mg:hand-over (admin powers to the
 * timelock), and the steps of a Safe proposal written by `--via-safe` on the admin and treasury tasks:
 * mg:safe-confirm, mg:safe-execute, mg:timelock-execute, mg:timelock-cancel; mg:safe-propose for any other
 * admin call.
 */
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { OPTIONAL, withGovernance, withProgram, withSigner } from "../options.js";

const proposalOption = { name: "proposal", description: "The Safe proposal file", ...OPTIONAL } as const;

export const governanceTasks = [
  withSigner(
    task(
      "mg:deploy-governance",
      "The bureau's Safes (3/5, 2/3, 1/2; local chains) or its existing Safes, and a 2-day timelock",
    )
      .addOption({ name: "bureauOwners", description: "Bureau's Safe owners (default: accounts 0,20-23)", ...OPTIONAL })
      .addOption({
        name: "bureauThreshold",
        description: "Bureau's Safe threshold",
        type: ArgumentType.INT,
        defaultValue: 3,
      })
      .addOption({ name: "treasurerOwners", description: "Treasurer's Safe owners (default: 3,24,25)", ...OPTIONAL })
      .addOption({
        name: "treasurerThreshold",
        description: "Treasurer's Safe threshold",
        type: ArgumentType.INT,
        defaultValue: 2,
      })
      .addOption({ name: "guardianOwners", description: "Guardian's Safe owners (default: 4,26)", ...OPTIONAL })
      .addOption({
        name: "guardianThreshold",
        description: "Guardian's Safe threshold",
        type: ArgumentType.INT,
        defaultValue: 1,
      })
      .addOption({ name: "delayDays", description: "Timelock delay in days", type: ArgumentType.INT, defaultValue: 2 })
      .addOption({ name: "bureauSafe", description: "Real chains: the bureau's existing Safe (Safe app)", ...OPTIONAL })
      .addOption({ name: "treasurerSafe", description: "Real chains: the treasurer's existing Safe", ...OPTIONAL })
      .addOption({ name: "guardianSafe", description: "Real chains: the guardian's existing Safe", ...OPTIONAL }),
  )
    .setAction(() => import("./deploy-governance.js"))
    .build(),
  withSigner(
    withProgram(
      task("mg:hand-over", "Program admin: hand the program's and its registry's admin role to the timelock"),
    ),
  )
    .setAction(() => import("./hand-over.js"))
    .build(),
  withSigner(
    withGovernance(
      withProgram(
        task(
          "mg:safe-propose",
          "Safe owner: propose any admin call (e.g. grantRole) on the program, registry or factory",
        )
          .addOption({
            name: "jurisdiction",
            description: "With --contract registry: the registry's jurisdiction",
            ...OPTIONAL,
          })
          .addOption({
            name: "contract",
            description: "What to call: program, registry or factory",
            defaultValue: "program",
          })
          .addOption({
            name: "call",
            description: "Function name, or full signature such as grantRole(bytes32,address)",
            ...OPTIONAL,
          })
          .addOption({
            name: "args",
            description: 'Its arguments as a JSON array; a role may be named, e.g. \'["manager", "0x…"]\'',
            defaultValue: "[]",
          }),
      ),
    ),
  )
    .setAction(() => import("./safe-propose.js"))
    .build(),
  withSigner(
    task("mg:safe-confirm", "Safe owner: add your signature to a Safe proposal file").addOption(proposalOption),
  )
    .setAction(() => import("./safe-confirm.js"))
    .build(),
  withSigner(
    task("mg:safe-execute", "Anyone: execute a Safe proposal once its owners' threshold is met").addOption(
      proposalOption,
    ),
  )
    .setAction(() => import("./safe-execute.js"))
    .build(),
  withSigner(
    task("mg:timelock-execute", "Anyone: execute what a Safe proposal scheduled, once the delay is over").addOption(
      proposalOption,
    ),
  )
    .setAction(() => import("./timelock-execute.js"))
    .build(),
  withSigner(
    task("mg:timelock-cancel", "Bureau's Safe owner: propose cancelling what a proposal scheduled")
      .addOption(proposalOption)
      .addOption({ name: "out", description: "The cancellation proposal file to write", ...OPTIONAL }),
  )
    .setAction(() => import("./timelock-cancel.js"))
    .build(),
];
