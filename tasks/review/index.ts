/** The committee's tasks: mg:vote, mg:sign-vote, mg:submit-votes, mg:settle. */
import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";

import { OPTIONAL, OPTIONAL_FILE, withGrantMilestone, withSigner, withVote } from "../options.js";

export const reviewTasks = [
  withSigner(withVote(withGrantMilestone(task("mg:vote", "Reviewer: vote on a submitted milestone"))))
    .setAction(() => import("./vote.js"))
    .build(),
  withSigner(
    withVote(
      withGrantMilestone(task("mg:sign-vote", "Reviewer: sign a vote (EIP-712) into a JSON file, no transaction")),
    )
      .addOption({
        name: "validHours",
        description: "Hours the signature stays valid",
        type: ArgumentType.INT,
        defaultValue: 72,
      })
      .addOption({
        name: "out",
        description: "Output file (default vote-<program>-g<grant>-m<index>-<reviewer>.json)",
        ...OPTIONAL_FILE,
      }),
  )
    .setAction(() => import("./sign-vote.js"))
    .build(),
  withSigner(
    task(
      "mg:submit-votes",
      "Anyone: submit signed vote files for one milestone in one transaction",
    ).addVariadicArgument({
      name: "files",
      description: "Signed vote files written by mg:sign-vote",
      type: ArgumentType.FILE,
    }),
  )
    .setAction(() => import("./submit-votes.js"))
    .build(),
  withSigner(
    withGrantMilestone(
      task("mg:settle", "Anyone: decide a review round that a recusal, removal or quorum change already decided"),
    ),
  )
    .setAction(() => import("./settle.js"))
    .build(),
];
