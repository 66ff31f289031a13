/** What a company (an entity's payout wallet) does: mg:apply, mg:evidence, mg:claim, mg:attest, mg:repay. */
import { task } from "hardhat/config";

import {
  OPTIONAL,
  OPTIONAL_FILE,
  withCategory,
  withDocument,
  withGrant,
  withGrantMilestone,
  withProgram,
  withSigner,
} from "../options.js";

export const companyTasks = [
  withSigner(
    withDocument(
      withCategory(
        withProgram(task("mg:apply", "Entity wallet: apply to a category with the hash of the application documents")),
      ),
      { file: "Application documents (hashed here)", hash: "Or the documents' hash (0x…)" },
    ),
  )
    .setAction(() => import("./apply.js"))
    .build(),
  withSigner(
    withGrantMilestone(
      task("mg:evidence", "Hash a local file (keccak256); with --grant, submit it as a milestone's evidence").addOption(
        {
          name: "file",
          description: "The evidence document",
          ...OPTIONAL_FILE,
        },
      ),
    ),
  )
    .setAction(() => import("./evidence.js"))
    .build(),
  withSigner(
    withGrant(task("mg:claim", "Grantee wallet: claim payable milestones")).addOption({
      name: "milestones",
      description: "Indexes, e.g. 0,1 (default: every payable one)",
      ...OPTIONAL,
    }),
  )
    .setAction(() => import("./claim.js"))
    .build(),
  withSigner(
    withDocument(
      withGrant(task("mg:attest", "Grantee wallet: file the compliance attestation of the supervision window")),
      { file: "Attestation document (hashed here)", hash: "Or the document's hash (0x…)" },
    ),
  )
    .setAction(() => import("./attest.js"))
    .build(),
  withSigner(
    withGrant(task("mg:repay", "Anyone: repay recovered money on a grant"))
      .addOption({ name: "amount", description: "Amount in yuan (default: all that is owed)", ...OPTIONAL })
      .addFlag({ name: "mint", description: "Local chains: mint the demo yuan to the payer first" }),
  )
    .setAction(() => import("./repay.js"))
    .build(),
];
