/**
 * Reading the chain (through the portal's `/rpc`) and writing through the browser wallet (EIP-1193).
 * Every figure on screen is read from the contracts (lists a page at a time: portal/src/lists.ts).
 */
import { BrowserProvider, JsonRpcProvider, type Eip1193Provider, type JsonRpcSigner } from "ethers";

import {
  EntityRegistry__factory,
  GrantProgramLens__factory,
  MockYuan__factory,
  type EntityRegistry,
  type IGrantProgram,
  type GrantProgramLens,
} from "../../typechain-types/index.js";
import { programAt } from "../../core/program-abi.js";
import type { PortalConfig } from "./config-types.js";
import { ChainListSource, type ListSource } from "./lists.js";
import { IndexerListSource } from "./indexer-lists.js";

declare global {
  interface Window {
    ethereum?: Eip1193Provider & { on?: (event: string, listener: (...args: unknown[]) => void) => void };
  }
}

export const ADMIN_ROLE = `0x${"00".repeat(32)}`;

export type {
  ApplicationRow,
  CategoryRow,
  GrantRow,
  ListSource,
  MilestoneRow,
  ProgramEvent,
  ProgramHeader,
} from "./lists.js";

export class Chain {
  readonly reader: JsonRpcProvider;
  readonly lens: GrantProgramLens;
  /** Every list the views show, a page at a time (portal/src/lists.ts). */
  readonly lists: ListSource;
  private registryCache = new Map<string, EntityRegistry>();

  constructor(readonly config: PortalConfig) {
    const url = new URL(config.rpcUrl, location.href).href;
    // No request cache: every read goes to the chain (a page's cost is the same however fast it runs).
    this.reader = new JsonRpcProvider(url, Number(config.chainId), { staticNetwork: true, cacheTimeout: -1 });
    this.lens = GrantProgramLens__factory.connect(config.lens, this.reader);
    this.lists =
      config.indexerUrl === undefined
        ? new ChainListSource(this.reader, config.lens)
        : new IndexerListSource(
            this.reader,
            config.lens,
            new URL(config.indexerUrl, location.href).href.replace(/\/$/, ""),
          );
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
