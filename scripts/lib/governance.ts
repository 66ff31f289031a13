/**
 * The bureau's default governance — one implementation for the demo, the tests, `mg:deploy-governance`
 * and the e2e rehearsal: nobody's single key holds an official power.
 *
 * - **Program admin, registry admin and factory owner: a TimelockController** with a minimum delay of
 *   2 days. Its only proposer and canceller is the **bureau's Safe (3 of 5 officials)**. Its executor is
 *   open (anyone may execute an operation once its delay is over): execution can only run exactly what
 *   3 of 5 officials signed and what stood publicly on chain for 2 days, and an open executor means no
 *   second round of signatures and no key that can withhold a decision already taken; the Safe can
 *   still cancel it during the delay. The timelock has no admin: only an operation through itself can
 *   change its roles or delay.
 * - **Treasurer: a second Safe (2 of 3)** — it funds (approve + fund in one MultiSend) and withdraws.
 * - **Guardian: a fast Safe (1 of 2)** — any one duty officer can pause at once; only the admin
 *   (timelock, so 3 of 5 and 2 days) unpauses.
 * - **Reviewers: individual officials**, each with their own key (a committee vote is already a
 *   k-of-n decision), and managers likewise.
 *
 * The contracts' separation-of-duties rules see the Safe and timelock addresses as the role holders
 * (a Safe that holds a role is an official and can never be a payout wallet; a reviewer cannot hold a
 * manager or treasurer role). What the contracts cannot see — who owns a Safe — {@link checkGovernance}
 * checks off chain: no reviewer or manager owns the treasurer's or the bureau's Safe, no key owns both
 * of those, and every threshold needs more than one key where the design says so.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress, type Signer } from "ethers";
import type { NetworkConnection } from "hardhat/types/network";

import BureauTimelockModule from "../../deploy/modules/BureauTimelock.js";
import GovernanceModule from "../../deploy/modules/Governance.js";
import { CoreInputError } from "../../core/input-error.js";
import type { TimelockController } from "../../typechain-types/index.js";
import type { LocalAccountKey } from "./accounts.js";
import { deployModule } from "./deploy.js";
import type { SafeContractAddresses } from "./safe-proposals.js";

/** The minimum delay of the bureau's timelock: 2 days. */
export const TIMELOCK_MIN_DELAY = 2n * 24n * 60n * 60n;

/** Who owns which Safe, and how many of them must sign. */
export interface GovernancePlan {
  bureauOwners: string[];
  bureauThreshold: number;
  treasurerOwners: string[];
  treasurerThreshold: number;
  guardianOwners: string[];
  guardianThreshold: number;
  /** The timelock's minimum delay in seconds. */
  minDelay: bigint;
}

/** The local accounts that own the default Safes (scripts/lib/accounts.ts; docs/operators.md's table). */
export const LOCAL_SAFE_OWNERS = {
  bureau: ["bureau", "director", "deputyDirector", "auditChief", "legalCounsel"],
  treasurer: ["treasurer", "cashier", "accountant"],
  guardian: ["guardian", "dutyOfficer"],
} as const satisfies Record<string, readonly LocalAccountKey[]>;

/**
 * The default plan on a local chain: the bureau's Safe 3 of 5, the treasurer's 2 of 3, the guardian's
 * 1 of 2, a 2-day timelock.
 * @param who the local accounts by name (localAccounts)
 */
export function localGovernancePlan(who: Record<LocalAccountKey, { address: string }>): GovernancePlan {
  const owners = (keys: readonly LocalAccountKey[]) => keys.map((k) => who[k].address);
  return {
    bureauOwners: owners(LOCAL_SAFE_OWNERS.bureau),
    bureauThreshold: 3,
    treasurerOwners: owners(LOCAL_SAFE_OWNERS.treasurer),
    treasurerThreshold: 2,
    guardianOwners: owners(LOCAL_SAFE_OWNERS.guardian),
    guardianThreshold: 1,
    minDelay: TIMELOCK_MIN_DELAY,
  };
}

/** The people who hold other duties, which no Safe owner of the money-moving Safes may share. */
export interface OtherDuties {
  reviewers: string[];
  managers: string[];
}

function bad(en: string, zh: string): never {
  throw new CoreInputError(en, zh);
}

/**
 * Checks a plan before anything is deployed: thresholds reachable and high enough (the bureau's and the
 * treasurer's Safe need at least 2 keys), no key owns both the bureau's and the treasurer's Safe, and
 * no reviewer or manager owns either.
 * @param plan the plan
 * @param duties the program's reviewers and managers
 * @throws CoreInputError naming the first rule the plan breaks
 */
export function checkGovernance(plan: GovernancePlan, duties: OtherDuties): void {
  const safes = [
    {
      en: "the bureau's Safe",
      zh: "财政局多签钱包",
      owners: plan.bureauOwners,
      threshold: plan.bureauThreshold,
      min: 2,
    },
    {
      en: "the treasurer's Safe",
      zh: "资金管理人多签钱包",
      owners: plan.treasurerOwners,
      threshold: plan.treasurerThreshold,
      min: 2,
    },
    {
      en: "the guardian's Safe",
      zh: "应急暂停多签钱包",
      owners: plan.guardianOwners,
      threshold: plan.guardianThreshold,
      min: 1,
    },
  ];
  for (const s of safes) {
    const distinct = new Set(s.owners.map((o) => getAddress(o)));
    if (distinct.size !== s.owners.length) bad(`${s.en} lists an owner twice.`, `${s.zh}重复列出了同一所有者。`);
    if (!Number.isInteger(s.threshold) || s.threshold < s.min || s.threshold > s.owners.length) {
      bad(
        `${s.en} needs a threshold from ${s.min} to its ${s.owners.length} owners, not ${s.threshold}.`,
        `${s.zh}的签名门槛须在 ${s.min} 至其所有者人数 ${s.owners.length} 之间，不能是 ${s.threshold}。`,
      );
    }
  }
  const bureau = new Set(plan.bureauOwners.map((o) => getAddress(o)));
  const both = plan.treasurerOwners.map((o) => getAddress(o)).find((o) => bureau.has(o));
  if (both !== undefined) {
    bad(
      `${both} owns both the bureau's Safe and the treasurer's Safe: the one who decides must not also move the money.`,
      `${both} 同时是财政局多签钱包和资金管理人多签钱包的所有者：决策者不得同时调拨资金。`,
    );
  }
  const moneySafes = new Set([...bureau, ...plan.treasurerOwners.map((o) => getAddress(o))]);
  for (const [list, en, zh] of [
    [duties.reviewers, "a reviewer", "评审委员"],
    [duties.managers, "a manager", "项目经办人"],
  ] as const) {
    const clash = list.map((a) => getAddress(a)).find((a) => moneySafes.has(a));
    if (clash !== undefined) {
      bad(
        `${clash} is ${en} and also owns the bureau's or the treasurer's Safe: keep those duties apart.`,
        `${clash} 是${zh}，同时又是财政局或资金管理人多签钱包的所有者：这些职责必须分开。`,
      );
    }
  }
  if (plan.minDelay < 24n * 60n * 60n) {
    bad("The timelock's delay must be at least 1 day.", "时间锁的延迟不得少于 1 天。");
  }
}

/** The deployed governance: the three Safes, the timelock and where the Safe contracts are. */
export interface Governance {
  bureauSafe: string;
  treasurerSafe: string;
  guardianSafe: string;
  timelock: TimelockController;
  timelockAddress: string;
  safeContracts: SafeContractAddresses;
  plan: GovernancePlan;
}

let saltCounter = 0n;

/**
 * Deploys the Safe contracts, the three Safes and the timelock with the Governance Ignition module (the
 * one deploy path), after {@link checkGovernance}.
 * @param connection the network
 * @param deployer pays for the deployment (holds no power afterwards)
 * @param plan owners, thresholds and delay
 * @param duties the reviewers and managers, checked against the owners
 */
export async function deployGovernance(
  connection: NetworkConnection,
  deployer: { address: string },
  plan: GovernancePlan,
  duties: OtherDuties,
): Promise<Governance> {
  checkGovernance(plan, duties);
  const saltNonce = BigInt(Date.now()) * 1000n + ++saltCounter;
  const d = await deployModule(connection, GovernanceModule, {
    defaultSender: deployer.address,
    parameters: {
      Governance: {
        bureauOwners: plan.bureauOwners,
        bureauThreshold: BigInt(plan.bureauThreshold),
        treasurerOwners: plan.treasurerOwners,
        treasurerThreshold: BigInt(plan.treasurerThreshold),
        guardianOwners: plan.guardianOwners,
        guardianThreshold: BigInt(plan.guardianThreshold),
        minDelay: plan.minDelay,
        saltNonce,
      },
    },
  });
  const address = (c: { getAddress(): Promise<string> }) => c.getAddress();
  const timelock = d.timelock as unknown as TimelockController;
  return {
    bureauSafe: await address(d.bureauSafe),
    treasurerSafe: await address(d.treasurerSafe),
    guardianSafe: await address(d.guardianSafe),
    timelock,
    timelockAddress: await timelock.getAddress(),
    safeContracts: {
      singleton: await address(d.singleton),
      proxyFactory: await address(d.proxyFactory),
      fallbackHandler: await address(d.fallbackHandler),
      multiSend: await address(d.multiSend),
      multiSendCallOnly: await address(d.multiSendCallOnly),
      signMessageLib: await address(d.signMessageLib),
      createCall: await address(d.createCall),
      simulateTxAccessor: await address(d.simulateTxAccessor),
    },
    plan,
  };
}

/** The three Safes of a bureau that created them itself (in the Safe app, on the canonical Safe contracts). */
export interface ExistingSafes {
  bureauSafe: string;
  treasurerSafe: string;
  guardianSafe: string;
}

/**
 * Governance from Safes that already exist: reads each Safe's owners and threshold from the chain, holds
 * them to {@link checkGovernance} like a planned deployment, then deploys only the timelock
 * (BureauTimelock Ignition module) with the bureau's Safe as its proposer and canceller.
 * @param connection the network
 * @param deployer pays for the timelock (holds no power afterwards)
 * @param safes the three Safes
 * @param minDelay the timelock's delay in seconds
 * @param readSafe a Safe's owners and threshold (safeOwners of scripts/lib/safe-proposals.ts)
 * @param duties the reviewers and managers, checked against the owners
 * @param deploymentId Ignition's journal name (kept on a real chain, for `ignition verify`)
 */
export async function adoptGovernance(
  connection: NetworkConnection,
  deployer: { address: string },
  safes: ExistingSafes,
  minDelay: bigint,
  readSafe: (safe: string) => Promise<{ owners: string[]; threshold: number }>,
  duties: OtherDuties,
  deploymentId: string | undefined,
): Promise<Omit<Governance, "safeContracts">> {
  const [bureau, treasurer, guardian] = await Promise.all(
    [safes.bureauSafe, safes.treasurerSafe, safes.guardianSafe].map(readSafe),
  );
  const plan: GovernancePlan = {
    bureauOwners: bureau.owners,
    bureauThreshold: bureau.threshold,
    treasurerOwners: treasurer.owners,
    treasurerThreshold: treasurer.threshold,
    guardianOwners: guardian.owners,
    guardianThreshold: guardian.threshold,
    minDelay,
  };
  checkGovernance(plan, duties);
  const parameters = { BureauTimelock: { bureauSafe: safes.bureauSafe, minDelay } };
  const options = { defaultSender: deployer.address, parameters };
  const d =
    deploymentId === undefined
      ? await deployModule(connection, BureauTimelockModule, options)
      : await connection.ignition.deploy(BureauTimelockModule, { displayUi: false, ...options, deploymentId });
  const timelock = d.timelock as unknown as TimelockController;
  return { ...safes, timelock, timelockAddress: await timelock.getAddress(), plan };
}

/** A contract with OpenZeppelin AccessControl's role functions (a program, a registry). */
interface RoleHolder {
  DEFAULT_ADMIN_ROLE(): Promise<string>;
  getAddress(): Promise<string>;
  connect(signer: Signer): RoleHolder;
  grantRole(role: string, account: string): Promise<{ wait(): Promise<unknown> }>;
  renounceRole(role: string, account: string): Promise<{ wait(): Promise<unknown> }>;
  hasRole(role: string, account: string): Promise<boolean>;
}

/**
 * Hands a program's or a registry's admin power to the timelock: grants it DEFAULT_ADMIN_ROLE, then the
 * setup key renounces its own, so from here on only Safe (3 of 5) + timelock (2 days) can act as admin.
 * @param contract the program or registry
 * @param setupKey the key that created it (its admin until now)
 * @param timelock the timelock's address
 * @throws Error if afterwards the setup key still is, or the timelock is not, the admin
 */
export async function handOverAdmin(
  contract: RoleHolder,
  setupKey: HardhatEthersSigner,
  timelock: string,
): Promise<void> {
  const admin = await contract.DEFAULT_ADMIN_ROLE();
  const c = contract.connect(setupKey);
  await (await c.grantRole(admin, timelock)).wait();
  await (await c.renounceRole(admin, setupKey.address)).wait();
  if (!(await contract.hasRole(admin, timelock)) || (await contract.hasRole(admin, setupKey.address))) {
    throw new Error(`The admin role of ${await contract.getAddress()} was not handed over to the timelock.`);
  }
}
