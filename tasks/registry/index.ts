/** The registrar's tasks on a jurisdiction's entity registry: mg:register-entity, mg:rotate-wallet. */
import { task } from "hardhat/config";

import { OPTIONAL, OPTIONAL_FILE, withEntity, withJurisdiction, withSigner } from "../options.js";

export const registryTasks = [
  withSigner(
    withJurisdiction(
      task(
        "mg:register-entity",
        "Registrar: register a company (USCC, checked) or an individual (ID number, committed under the registrar secret)",
      ),
    )
      .addOption({ name: "uscc", description: "Company: unified social credit code (GB 32100)", ...OPTIONAL })
      .addOption({
        name: "idNumber",
        description: "Individual: resident ID number (GB 11643) or PASSPORT:<country>:<number>; never sent",
        ...OPTIONAL,
      })
      .addOption({
        name: "secretFile",
        description: "Individual: file holding the registrar secret (0x + 64 hex); else MG_REGISTRAR_SECRET",
        ...OPTIONAL_FILE,
      })
      .addOption({ name: "wallet", description: "Payout wallet (index or address)", ...OPTIONAL }),
  )
    .setAction(() => import("./register-entity.js"))
    .build(),
  withSigner(
    withEntity(
      withJurisdiction(
        task(
          "mg:rotate-wallet",
          "Registrar: request or cancel a payout wallet change; anyone: complete it after the delay",
        ).addPositionalArgument({ name: "action", description: "request, cancel or complete" }),
      ),
    ).addOption({ name: "wallet", description: "request: the new payout wallet (index or address)", ...OPTIONAL }),
  )
    .setAction(() => import("./rotate-wallet.js"))
    .build(),
];
