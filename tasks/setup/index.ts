/** Setting up a chain and its programs: mg:deploy, mg:create-program, mg:advance-time (rehearsals). */
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { OPTIONAL, OPTIONAL_FILE, withSigner } from "../options.js";

export const setupTasks = [
  withSigner(
    task("mg:deploy", "Deploy factory, implementation, lens, a jurisdiction registry (and demo yuan on local chains)")
      .addOption({ name: "jurisdiction", description: "Registry name, e.g. guiyang", defaultValue: "guiyang" })
      .addOption({ name: "token", description: "Yuan stablecoin address (required outside local chains)", ...OPTIONAL })
      .addOption({
        name: "walletChangeDelayDays",
        description: "Payout wallet change delay in days",
        type: ArgumentType.INT,
        defaultValue: 3,
      })
      .addOption({
        name: "registrar",
        description: "Grant REGISTRAR_ROLE to this account (index or address)",
        ...OPTIONAL,
      }),
  )
    .setAction(() => import("./deploy.js"))
    .build(),
  withSigner(
    task("mg:create-program", "Create a program from its file, authorise it on the registry, add its categories")
      .addOption({
        name: "file",
        description: "Program file, e.g. programs/guiyang-htz-blockchain-2017.json",
        ...OPTIONAL_FILE,
      })
      .addOption({ name: "name", description: "Name in the address book (default: the file name)", ...OPTIONAL })
      .addOption({ name: "admin", description: "Program admin (a signer here; default --from)", ...OPTIONAL })
      .addOption({
        name: "registryAdmin",
        description: "Registry admin who authorises it (default --from)",
        ...OPTIONAL,
      })
      .addOption({ name: "managers", description: "Managers, comma-separated indexes or addresses", ...OPTIONAL })
      .addOption({ name: "reviewers", description: "Committee, comma-separated indexes or addresses", ...OPTIONAL })
      .addOption({ name: "treasurer", description: "Treasurer (funds and withdraws)", ...OPTIONAL })
      .addOption({ name: "guardian", description: "Guardian (pauses)", ...OPTIONAL })
      .addOption({ name: "treasury", description: "The only destination of withdrawals", ...OPTIONAL })
      .addOption({
        name: "opensAt",
        description: "Application window opens (YYYY-MM-DD, Beijing; default now)",
        ...OPTIONAL,
      }),
  )
    .setAction(() => import("./create-program.js"))
    .build(),
  withSigner(
    task("mg:advance-time", "Local chains only: move the clock forward by some days (rehearsals)").addOption({
      name: "days",
      description: "Days to advance",
      type: ArgumentType.INT,
      defaultValue: 1,
    }),
  )
    .setAction(() => import("./advance-time.js"))
    .build(),
];
