/**
 * Reading the chain (through the portal's `/rpc`) and writing through the browser wallet (EIP-1193).
 * Every figure on screen is read here from the contracts; nothing is computed from memory.
 */
import {
  BrowserProvider,
  Interface,
  JsonRpcProvider,
  type Eip1193Provider,
  type JsonRpcSigner,
  type Result,
} from "ethers";

import {
  EntityRegistry__factory,
  GrantProgramLens__factory,
  MockYuan__factory,
  type EntityRegistry,
  type IGrantProgram,
  type GrantProgramLens,
} from "../../typechain-types/index.js";
import { PROGRAM_ABI, programAt } from "../../core/program-abi.js";
import type { PortalConfig, PortalProgram } from "./config-types.js";

declare global {
  interface Window {
    ethereum?: Eip1193Provider & { on?: (event: string, listener: (...args: unknown[]) => void) => void };
  }
}

export const ADMIN_ROLE = `0x${"00".repeat(32)}`;

export interface MilestoneRow {
  index: number;
  amount: bigint;
  deadline: bigint;
  noticeEndsAt: bigint;
  state: number;
  approvals: number;
  rejections: number;
  evidenceHash: string;
}

export interface GrantRow {
  id: bigint;
  entityNo: bigint;
  categoryId: number;
  termsHash: string;
  cancelled: boolean;
  reserved: bigint;
  /** Bitmap of reviewer slots recused from this grant (their votes do not count). */
  recusedReviewers: number;
  recoveryOwed: bigint;
  recovered: bigint;
  milestones: MilestoneRow[];
}

export interface CategoryRow {
  id: number;
  mode: number;
  amount: bigint;
  maxAwards: number;
  awardsMade: number;
  maxTotal: bigint;
  committed: bigint;
}

export interface ApplicationRow {
  id: bigint;
  entityNo: bigint;
  categoryId: number;
  status: number;
  submittedAt: bigint;
}

/** One event a program emitted, decoded, with the time of its block and its transaction. */
export interface ProgramEvent {
  name: string;
  args: Result;
  /** The names of the event's fields, in order. */
  keys: string[];
  /** The program that emitted it. */
  address: string;
  /** The grant it concerns (null for program-wide events such as Funded). */
  grantId: bigint | null;
  /** The milestone it concerns, where it names one. */
  index: number | null;
  block: number;
  logIndex: number;
  txHash: string;
  /** The block's timestamp, unix seconds. */
  time: bigint;
}

const programInterface = new Interface(PROGRAM_ABI);

export interface ProgramSnapshot {
  meta: PortalProgram;
  contract: IGrantProgram;
  chainTime: bigint;
  quorum: number;
  /** Bitmap of the reviewer slots currently on the committee. */
  activeReviewers: number;
  summary: Awaited<ReturnType<IGrantProgram["summary"]>>;
  categories: CategoryRow[];
  grants: GrantRow[];
  applications: ApplicationRow[];
  reviewers: string[];
  /** Every event of the program since its creation, in chain order. */
  events: ProgramEvent[];
}

export class Chain {
  readonly reader: JsonRpcProvider;
  readonly lens: GrantProgramLens;
  private registryCache = new Map<string, EntityRegistry>();

  constructor(readonly config: PortalConfig) {
    const url = new URL(config.rpcUrl, location.href).href;
    this.reader = new JsonRpcProvider(url, Number(config.chainId), { staticNetwork: true });
    this.lens = GrantProgramLens__factory.connect(config.lens, this.reader);
  }

  program(address: string): IGrantProgram {
    return programAt(address, this.reader);
  }

  async registryOf(program: IGrantProgram): Promise<EntityRegistry> {
    return this.registryAt(await program.registry());
  }

  /** The registry at `address` (cached). */
  registryAt(address: string): EntityRegistry {
    let registry = this.registryCache.get(address);
    if (registry === undefined) {
      registry = EntityRegistry__factory.connect(address, this.reader);
      this.registryCache.set(address, registry);
    }
    return registry;
  }

  token() {
    return MockYuan__factory.connect(this.config.token.address, this.reader);
  }

  /** The chain's clock: the latest block's timestamp (local chains may run ahead of the wall clock). */
  async chainTime(): Promise<bigint> {
    const block = await this.reader.getBlock("latest");
    return BigInt(block?.timestamp ?? Math.floor(Date.now() / 1000));
  }

  async grantRow(program: IGrantProgram, id: bigint): Promise<GrantRow> {
    const [g, list] = await Promise.all([program.grant(id), this.lens.milestones(program.target, id)]);
    return {
      id,
      entityNo: g.entityNo,
      categoryId: Number(g.categoryId),
      termsHash: g.termsHash,
      cancelled: g.cancelled,
      reserved: g.reserved,
      recusedReviewers: Number(g.recusedReviewers),
      recoveryOwed: g.recoveryOwed,
      recovered: g.recovered,
      milestones: list.map((m, index) => ({
        index,
        amount: m.amount,
        deadline: m.deadline,
        noticeEndsAt: m.noticeEndsAt,
        state: Number(m.state),
        approvals: Number(m.approvals),
        rejections: Number(m.rejections),
        evidenceHash: m.evidenceHash,
      })),
    };
  }

  /**
   * Every event the program emitted since its creation block, in chain order: one eth_getLogs for the
   * program's address, then one block read per distinct block for its time.
   */
  async events(meta: PortalProgram): Promise<ProgramEvent[]> {
    const logs = await this.reader.getLogs({ address: meta.address, fromBlock: meta.fromBlock, toBlock: "latest" });
    const times = new Map<number, bigint>();
    await Promise.all(
      [...new Set(logs.map((l) => l.blockNumber))].map(async (n) => {
        const block = await this.reader.getBlock(n);
        times.set(n, BigInt(block?.timestamp ?? 0));
      }),
    );
    const events: ProgramEvent[] = [];
    for (const log of logs) {
      const parsed = programInterface.parseLog(log);
      if (parsed === null) continue;
      const has = (name: string) => parsed.fragment.inputs.some((input) => input.name === name);
      events.push({
        name: parsed.name,
        args: parsed.args,
        keys: parsed.fragment.inputs.map((input) => input.name),
        address: log.address,
        grantId: has("grantId") ? BigInt(parsed.args.getValue("grantId")) : null,
        index: has("index") ? Number(parsed.args.getValue("index")) : null,
        block: log.blockNumber,
        logIndex: log.index,
        txHash: log.transactionHash,
        time: times.get(log.blockNumber) ?? 0n,
      });
    }
    return events.sort((a, b) => a.block - b.block || a.logIndex - b.logIndex);
  }

  /** Everything the official and public views show of one program. */
  async snapshot(meta: PortalProgram): Promise<ProgramSnapshot> {
    const program = this.program(meta.address);
    const [settings, summary, grantCount, applicationCount, reviewers, chainTime, events] = await Promise.all([
      program.settings(),
      program.summary(),
      program.grantCount(),
      program.applicationCount(),
      this.lens.reviewers(meta.address),
      this.chainTime(),
      this.events(meta),
    ]);
    const categoryIds = Array.from({ length: Number(settings.categoryCount) }, (_, i) => i + 1);
    const grantIds = Array.from({ length: Number(grantCount) }, (_, i) => BigInt(i + 1));
    const applicationIds = Array.from({ length: Number(applicationCount) }, (_, i) => BigInt(i + 1));
    const [categories, grants, applications] = await Promise.all([
      Promise.all(
        categoryIds.map(async (id) => {
          const c = await program.category(id);
          return {
            id,
            mode: Number(c.mode),
            amount: c.amount,
            maxAwards: Number(c.maxAwards),
            awardsMade: Number(c.awardsMade),
            maxTotal: c.maxTotal,
            committed: c.committed,
          };
        }),
      ),
      Promise.all(grantIds.map((id) => this.grantRow(program, id))),
      Promise.all(
        applicationIds.map(async (id) => {
          const a = await program.application(id);
          return {
            id,
            entityNo: a.entityNo,
            categoryId: Number(a.categoryId),
            status: Number(a.status),
            submittedAt: a.submittedAt,
          };
        }),
      ),
    ]);
    return {
      meta,
      contract: program,
      chainTime,
      quorum: Number(settings.quorum),
      activeReviewers: Number(settings.activeReviewers),
      summary,
      categories,
      grants,
      applications,
      reviewers: [...reviewers],
      events,
    };
  }
}

/** The connected browser wallet. */
export class Wallet {
  private constructor(
    readonly provider: BrowserProvider,
    readonly signer: JsonRpcSigner,
    readonly address: string,
  ) {}

  /** Asks the injected wallet for an account and checks it is on the portal's chain. */
  static async connect(expectedChainId: string): Promise<Wallet> {
    const injected = window.ethereum;
    if (injected === undefined) throw new Error("wallet.none");
    await injected.request({ method: "eth_requestAccounts" });
    let chainId = BigInt((await injected.request({ method: "eth_chainId" })) as string);
    if (chainId.toString() !== expectedChainId) {
      try {
        await injected.request({
          method: "wallet_switchEthereumChain",
          params: [{ chainId: `0x${BigInt(expectedChainId).toString(16)}` }],
        });
      } catch {
        // the wallet refused or does not know the chain: say so below
      }
      chainId = BigInt((await injected.request({ method: "eth_chainId" })) as string);
      if (chainId.toString() !== expectedChainId) throw new Error(`wallet.wrongChain:${chainId}`);
    }
    // A provider made after any switch, so ethers never caches the old network.
    const provider = new BrowserProvider(injected);
    const signer = await provider.getSigner();
    return new Wallet(provider, signer, await signer.getAddress());
  }
}
