/**
 * The Milestone Grants operator tasks (`npx hardhat mg:<task> --help`) as a local Hardhat plugin,
 * registered in hardhat.config.ts beside the toolbox.
 *
 * Declarations are grouped by who runs them (setup/, treasury/, registry/, company/, review/,
 * manager/, public/, governance/), each group's index.ts next to its actions; shared option groups are in
 * options.ts, and what every action shares (address book, connection and signer, resolution,
 * output) in runtime/; hooks (first-build notice, a known-safe compiler warning, the command-line
 * check) in hooks/.
 * Actions are imported only when their task runs, so `--help` stays fast and the tasks load on a
 * fresh clone, before the first compile.
 */
import type { HardhatPlugin } from "hardhat/types/plugins";

import { companyTasks } from "./company/index.js";
import { governanceTasks } from "./governance/index.js";
import { managerTasks } from "./manager/index.js";
import { publicTasks } from "./public/index.js";
import { registryTasks } from "./registry/index.js";
import { reviewTasks } from "./review/index.js";
import { setupTasks } from "./setup/index.js";
import { treasuryTasks } from "./treasury/index.js";

const milestoneGrantsTasks: HardhatPlugin = {
  id: "milestone-grants-tasks",
  // The first-build notice and the one compiler warning dropped on purpose (hooks/solidity.ts).
  // and the command-line check that answers mistyped tasks and options before Hardhat's parser does
  // (hooks/command-line.ts).
  hookHandlers: { solidity: () => import("./hooks/solidity.js"), hre: () => import("./hooks/command-line.js") },
  tasks: [
    ...setupTasks,
    ...treasuryTasks,
    ...registryTasks,
    ...companyTasks,
    ...reviewTasks,
    ...managerTasks,
    ...publicTasks,
    ...governanceTasks,
  ],
};

export default milestoneGrantsTasks;
