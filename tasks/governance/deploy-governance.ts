/**
 * mg:deploy-governance — on a local chain, deploys the Safe contracts, the bureau's three Safes and its
 * timelock (Governance Ignition module, scripts/lib/governance.ts) and records them in the address book.
 * On a public chain the Safes are created in the Safe app (canonical Safe contracts) and the timelock
 * with the same module; this task refuses there rather than deploy a second copy of Safe.
 */
import { localAccounts } from "../../scripts/lib/accounts.js";
import { deployGovernance, localGovernancePlan, type GovernancePlan } from "../../scripts/lib/governance.js";
import { TaskInputError, wholeNumber, type CommonArgs } from "../runtime/args.js";
import { pickAddresses } from "../runtime/connection.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";

export interface DeployGovernanceArgs extends CommonArgs {
  bureauOwners: string | undefined;
  bureauThreshold: number;
  treasurerOwners: string | undefined;
  treasurerThreshold: number;
  guardianOwners: string | undefined;
  guardianThreshold: number;
  delayDays: number;
}

const action = defineAction("mg:deploy-governance", async (args: DeployGovernanceArgs, env) => {
  if (!env.local) {
    throw new TaskInputError(
      "mg:deploy-governance deploys Safe contracts and works only on a local chain: on a public chain create the Safes in the Safe app and record them.",
      "mg:deploy-governance 会部署多签钱包合约，只能用于本地链：在公共链上请用 Safe 应用创建多签钱包并记录其地址。",
    );
  }
  const defaults = localGovernancePlan(localAccounts(env.signers));
  const owners = (value: string | undefined, option: string, fallback: string[]) =>
    value === undefined ? fallback : pickAddresses(env.signers, value, option);
  const plan: GovernancePlan = {
    bureauOwners: owners(args.bureauOwners, "--bureau-owners", defaults.bureauOwners),
    bureauThreshold: Number(wholeNumber(args.bureauThreshold, "--bureau-threshold")),
    treasurerOwners: owners(args.treasurerOwners, "--treasurer-owners", defaults.treasurerOwners),
    treasurerThreshold: Number(wholeNumber(args.treasurerThreshold, "--treasurer-threshold")),
    guardianOwners: owners(args.guardianOwners, "--guardian-owners", defaults.guardianOwners),
    guardianThreshold: Number(wholeNumber(args.guardianThreshold, "--guardian-threshold")),
    minDelay: wholeNumber(args.delayDays, "--delay-days") * 86_400n,
  };
  // Governance comes before the programs, so no reviewer or manager is known yet: the thresholds and
  // the bureau/treasurer owner overlap are checked here; keep reviewers and managers off these Safes.
  const duties = { reviewers: [] as string[], managers: [] as string[] };
  const connection = await env.hre.network.getOrCreate();
  const g = await deployGovernance(connection, env.signer, plan, duties);
  env.book.governance = {
    bureauSafe: g.bureauSafe,
    treasurerSafe: g.treasurerSafe,
    guardianSafe: g.guardianSafe,
    timelock: g.timelockAddress,
    safeContracts: g.safeContracts,
  };
  env.saveBook();
  const days = Number(plan.minDelay / 86_400n);
  return {
    result: { ...env.book.governance, plan },
    lines: [
      line(
        `The bureau's Safe ${g.bureauSafe}: ${plan.bureauThreshold} of ${plan.bureauOwners.length} owners (${plan.bureauOwners.join(", ")}).`,
        `财政局多签钱包 ${g.bureauSafe}：${plan.bureauOwners.length} 位所有者中需 ${plan.bureauThreshold} 位签名（${plan.bureauOwners.join("、")}）。`,
      ),
      line(
        `The timelock ${g.timelockAddress}: ${days}-day delay; proposer and canceller the bureau's Safe; anyone executes after the delay; no admin.`,
        `时间锁 ${g.timelockAddress}：延迟 ${days} 天；提议人和取消人为财政局多签钱包；期满后任何人可执行；无管理员。`,
      ),
      line(
        `The treasurer's Safe ${g.treasurerSafe}: ${plan.treasurerThreshold} of ${plan.treasurerOwners.length} owners (${plan.treasurerOwners.join(", ")}).`,
        `资金管理人多签钱包 ${g.treasurerSafe}：${plan.treasurerOwners.length} 位所有者中需 ${plan.treasurerThreshold} 位签名（${plan.treasurerOwners.join("、")}）。`,
      ),
      line(
        `The guardian's Safe ${g.guardianSafe}: ${plan.guardianThreshold} of ${plan.guardianOwners.length} owners (${plan.guardianOwners.join(", ")}).`,
        `应急暂停多签钱包 ${g.guardianSafe}：${plan.guardianOwners.length} 位所有者中需 ${plan.guardianThreshold} 位签名（${plan.guardianOwners.join("、")}）。`,
      ),
      line(
        `Next: mg:create-program … --treasurer ${g.treasurerSafe} --guardian ${g.guardianSafe}, then mg:hand-over to give the admin roles to the timelock.`,
        `下一步：mg:create-program … --treasurer ${g.treasurerSafe} --guardian ${g.guardianSafe}，然后运行 mg:hand-over 将管理员角色移交时间锁。`,
      ),
    ],
  };
});

export default action;

/** What mg:deploy-governance returns (and prints with --json, beside ok and task). */
export type DeployGovernanceResult = ResultOf<typeof action>;
