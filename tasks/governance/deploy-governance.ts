/**
 * mg:deploy-governance — the bureau's Safes and timelock, recorded in the address book:
 * - on a local chain, by default, deploys the Safe contracts, the three Safes and the timelock
 *   (Governance Ignition module, scripts/lib/governance.ts);
 * - with --bureau-safe, --treasurer-safe and --guardian-safe (how it runs on a real chain, where the
 *   Safes are created in the Safe app on the canonical Safe contracts), reads those Safes' owners and
 *   thresholds, holds them to the same rules, and deploys only the timelock (BureauTimelock module).
 * It never deploys a second copy of the Safe contracts on a real chain.
 */
import { localAccounts } from "../../scripts/lib/accounts.js";
import {
  adoptGovernance,
  deployGovernance,
  localGovernancePlan,
  type ExistingSafes,
  type Governance,
  type GovernancePlan,
} from "../../scripts/lib/governance.js";
import { safeOwners } from "../../scripts/lib/safe-proposals.js";
import { deploymentTag } from "../runtime/address-book.js";
import { TaskInputError, wholeNumber, type CommonArgs } from "../runtime/args.js";
import { pickAddress, pickAddresses, type TaskEnv } from "../runtime/connection.js";
import { safeContext } from "../runtime/governed.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";

export interface DeployGovernanceArgs extends CommonArgs {
  bureauOwners: string | undefined;
  bureauThreshold: number;
  treasurerOwners: string | undefined;
  treasurerThreshold: number;
  guardianOwners: string | undefined;
  guardianThreshold: number;
  delayDays: number;
  bureauSafe: string | undefined;
  treasurerSafe: string | undefined;
  guardianSafe: string | undefined;
}

/** The existing Safes named on the command line, or null when none is (all three or none). */
function existingSafes(env: TaskEnv, args: DeployGovernanceArgs): ExistingSafes | null {
  const given = [args.bureauSafe, args.treasurerSafe, args.guardianSafe].filter((v) => v !== undefined);
  if (given.length === 0) return null;
  if (given.length !== 3) {
    throw new TaskInputError(
      "Name all three existing Safes: --bureau-safe, --treasurer-safe and --guardian-safe.",
      "请同时给出三个已有的多签钱包：--bureau-safe、--treasurer-safe 和 --guardian-safe。",
    );
  }
  return {
    bureauSafe: pickAddress(env.signers, args.bureauSafe, "--bureau-safe"),
    treasurerSafe: pickAddress(env.signers, args.treasurerSafe, "--treasurer-safe"),
    guardianSafe: pickAddress(env.signers, args.guardianSafe, "--guardian-safe"),
  };
}

/** A Safe's owners and threshold, or one sentence if the address is not a Safe. */
async function readSafe(env: TaskEnv, safe: string): Promise<{ owners: string[]; threshold: number }> {
  if ((await env.ethers.provider.getCode(safe)) === "0x") {
    throw new TaskInputError(
      `${safe} is not a Safe: there is no contract at that address on this chain.`,
      `${safe} 不是多签钱包：本链上该地址没有合约。`,
    );
  }
  try {
    return await safeOwners(await safeContext(env), safe);
  } catch {
    throw new TaskInputError(
      `${safe} is not a Safe the Safe SDK can read (getOwners/getThreshold failed).`,
      `${safe} 不是 Safe SDK 可读取的多签钱包（getOwners/getThreshold 调用失败）。`,
    );
  }
}

const action = defineAction("mg:deploy-governance", async (args: DeployGovernanceArgs, env) => {
  const safes = existingSafes(env, args);
  if (safes === null && !env.local) {
    throw new TaskInputError(
      "On a real chain mg:deploy-governance does not deploy Safes: create them in the Safe app, then name them with --bureau-safe, --treasurer-safe and --guardian-safe.",
      "在真实链上 mg:deploy-governance 不部署多签钱包：请先在 Safe 应用中创建，再用 --bureau-safe、--treasurer-safe 和 --guardian-safe 指定。",
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
  const g =
    safes === null
      ? await deployGovernance(connection, env.signer, plan, duties)
      : await adoptGovernance(
          connection,
          env.signer,
          safes,
          plan.minDelay,
          (safe) => readSafe(env, safe),
          duties,
          // A real chain keeps Ignition's journal (for `ignition verify`); a local one, a throw-away journal.
          env.local ? undefined : `${deploymentTag(env.identity)}-governance`,
        );
  env.book.governance = {
    bureauSafe: g.bureauSafe,
    treasurerSafe: g.treasurerSafe,
    guardianSafe: g.guardianSafe,
    timelock: g.timelockAddress,
    // Adopted Safes keep the Safe contracts already recorded for this chain (local) or the canonical ones.
    safeContracts: safes === null ? (g as Governance).safeContracts : env.book.governance?.safeContracts,
  };
  env.saveBook();
  Object.assign(plan, g.plan);
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
