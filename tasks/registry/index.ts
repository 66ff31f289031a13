/** The registrar's tasks on a jurisdiction's entity registry: mg:register-entity, mg:rotate-wallet. */
import { task } from "hardhat/config";

import { OPTIONAL, withEntity, withJurisdiction, withSigner } from "../options.js";

export const registryTasks = [
  withSigner(
    withJurisdiction(
      task("mg:register-entity", "Registrar: register a company (USCC) or an individual (salted commitment)"),
    )
      .addOption({ name: "uscc", description: "Company: unified social credit code", ...OPTIONAL })
      .addOption({ name: "idNumber", description: "Individual: ID number (hashed here, never sent)", ...OPTIONAL })
      .addOption({ name: "salt", description: "Individual: 32-byte salt (0x…); generated if omitted", ...OPTIONAL })
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
