/**
 * Who is who on a local chain: one numbering of the node's accounts (`ethers.getSigners()`, the same
 * indices `--from` and the address options of the `mg:*` tasks take) and the seed's fictitious
 * grantees — names, unified social credit codes, payout wallets. The demo, the portal seed, the task
 * walkthrough and the table in docs/operators.md all use these (a unit test compares the table), so
 * account 10 is the same company everywhere. On a real chain every role is a different person or
 * multisig with its own keys, and none of this applies. Accounts 20–26 own the default governance's
 * Safes (scripts/lib/governance.ts), so the project's networks have 30 accounts, not Hardhat's 20.
 */
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";

/** One local account's part in the seed scenario. */
export interface LocalAccount {
  /** Index among the node's accounts. */
  index: number;
  /** The name scripts use for it. */
  key: LocalAccountKey;
  /** What it does, as the docs' table says it (English). */
  role: string;
}

/** The names of the local accounts, in index order. */
export const LOCAL_ACCOUNT_KEYS = [
  "bureau",
  "registrar",
  "manager",
  "treasurer",
  "guardian",
  "treasury",
  "reviewer1",
  "reviewer2",
  "reviewer3",
  "reviewer4",
  "lab",
  "citizen",
  "ledger",
  "productOwner",
  "listed",
  "talent",
  "chongqingBureau",
  "chongqingFirm",
  "product",
  "impostor",
  "director",
  "deputyDirector",
  "auditChief",
  "legalCounsel",
  "cashier",
  "accountant",
  "dutyOfficer",
] as const;

export type LocalAccountKey = (typeof LOCAL_ACCOUNT_KEYS)[number];

const ROLES: Record<LocalAccountKey, string> = {
  bureau: "finance bureau: deployer, factory owner, registry admin, program admin",
  registrar: "registrar",
  manager: "manager",
  treasurer: "treasurer",
  guardian: "guardian",
  treasury: "treasury (receives withdrawals; never signs here)",
  reviewer1: "committee (reviewer 1)",
  reviewer2: "committee (reviewer 2)",
  reviewer3: "committee (reviewer 3)",
  reviewer4: "committee (reviewer 4)",
  lab: "payout wallet of Guiyang Chainlab Technology Co., Ltd.",
  citizen: "a citizen (objects during the public notice)",
  ledger: "payout wallet of Qianhui Ledger Co., Ltd.",
  productOwner: "owner of Shuzhi Products' contract wallet (a multisig)",
  listed: "payout wallet of Guizhou Qianlian Holdings Co., Ltd.",
  talent: "payout wallet of a recognised talent (an individual)",
  chongqingBureau: "Chongqing's finance bureau (a second jurisdiction)",
  chongqingFirm: "payout wallet of Chongqing Liantu Technology Co., Ltd.",
  product: "payout wallet of Shuzhi Products Co., Ltd. (portal seed; the demo uses its contract wallet)",
  impostor: "deploys a look-alike program (never authorised)",
  director: "bureau director (owner of the bureau's Safe: accounts 0, 20–23, 3 of 5)",
  deputyDirector: "deputy director (owner of the bureau's Safe)",
  auditChief: "chief auditor (owner of the bureau's Safe)",
  legalCounsel: "legal counsel (owner of the bureau's Safe)",
  cashier: "cashier (owner of the treasurer's Safe: accounts 3, 24, 25, 2 of 3)",
  accountant: "accountant (owner of the treasurer's Safe)",
  dutyOfficer: "duty officer (owner of the guardian's Safe: accounts 4, 26, 1 of 2)",
};

/** Every local account with its index and role, in index order. */
export const LOCAL_ACCOUNTS: readonly LocalAccount[] = LOCAL_ACCOUNT_KEYS.map((key, index) => ({
  index,
  key,
  role: ROLES[key],
}));

/** The index of a local account, for tasks' `--from` and address options. */
export function accountIndex(key: LocalAccountKey): number {
  return LOCAL_ACCOUNT_KEYS.indexOf(key);
}

/**
 * The node's signers by their part in the scenario.
 * @throws Error when the node has fewer accounts than the scenario needs (Hardhat gives 20)
 */
export function localAccounts(signers: HardhatEthersSigner[]): Record<LocalAccountKey, HardhatEthersSigner> {
  if (signers.length < LOCAL_ACCOUNT_KEYS.length) {
    throw new Error(
      `The scenario needs ${LOCAL_ACCOUNT_KEYS.length} accounts and the node has ${signers.length}; start it with this project's configuration (30 accounts, hardhat.config.ts).`,
    );
  }
  return Object.fromEntries(LOCAL_ACCOUNT_KEYS.map((key, i) => [key, signers[i]])) as Record<
    LocalAccountKey,
    HardhatEthersSigner
  >;
}

/** A fictitious grantee of the seed scenario. */
export interface SeedGrantee {
  /** The name in the register (Chinese) and its English form. */
  nameZh: string;
  name: string;
  /** A company's unified social credit code (GB 32100, check character valid); absent for a person. */
  uscc?: string;
  /** A person's resident ID number (GB 11643's own sample), committed under the registrar secret. */
  residentId?: string;
  /** The local account holding the payout wallet (or owning the contract wallet). */
  account: LocalAccountKey;
}

/** The seed's grantees. Names and codes are invented; the codes pass their checks. */
export const SEED_GRANTEES = {
  lab: {
    nameZh: "贵阳链实验室科技有限公司",
    name: "Guiyang Chainlab Technology Co., Ltd.",
    uscc: "91520115MA6DLAB01Q",
    account: "lab",
  },
  ledger: {
    nameZh: "黔汇账本有限公司",
    name: "Qianhui Ledger Co., Ltd.",
    uscc: "91520115MA6DCHN02Y",
    account: "ledger",
  },
  product: {
    nameZh: "数智产品有限公司",
    name: "Shuzhi Products Co., Ltd.",
    uscc: "91520115MA6DPRD03X",
    account: "product",
  },
  listed: {
    nameZh: "贵州黔链股份有限公司",
    name: "Guizhou Qianlian Holdings Co., Ltd.",
    uscc: "91520100MA6DLTD049",
    account: "listed",
  },
  talent: {
    nameZh: "领军人才（个人，身份证号只以承诺值上链）",
    name: "a leading talent (an individual; only a commitment to the ID number is on chain)",
    residentId: "11010519491231002X",
    account: "talent",
  },
  chongqingFirm: {
    nameZh: "重庆链图科技有限公司",
    name: "Chongqing Liantu Technology Co., Ltd.",
    uscc: "91500103MA6DCQB05P",
    account: "chongqingFirm",
  },
} as const satisfies Record<string, SeedGrantee>;
