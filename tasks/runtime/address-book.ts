/**
 * The address book of a chain: what mg:deploy and mg:create-program recorded, in deploy/addresses/
 * (MG_ADDRESS_BOOK_DIR overrides the folder). Public chains have one book per chain id,
 * `<chainId>.json`. Every local node answers as chain 31337 (or 1337), so a local book is also keyed by
 * the node's genesis block: `31337-<first 8 hex digits of block 0's hash>.json`; two nodes never share
 * a book, and a restarted node (a new genesis) starts its own. The in-process network keeps its book in
 * memory: it vanishes with the process, like the chain.
 *
 * Only Node built-ins are imported here: the plain-Node scripts (portal/scripts/serve.ts, the e2e run)
 * and the portal's Vite config import this file too, so every reader and writer names books one way.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface TokenEntry {
  address: string;
  symbol: string;
  decimals: number;
  /** The open-minting demo token, deployed by mg:deploy on local chains only. */
  demo: boolean;
}

export interface RegistryEntry {
  address: string;
  walletChangeDelay: string;
}

export interface ProgramEntry {
  address: string;
  title: string;
  /** The title in Chinese (books written before it was recorded lack it: summaries then show `title`). */
  titleZh?: string;
  file: string;
  jurisdiction: string;
  categories: Record<string, number>;
  createdAtBlock: number;
}

/** The address book of one chain: what mg:deploy and mg:create-program recorded. */
export interface AddressBook {
  chainId: string;
  network: string;
  token?: TokenEntry;
  factory?: string;
  implementation?: string;
  version?: string;
  lens?: string;
  factoryOwner?: string;
  registries: Record<string, RegistryEntry>;
  programs: Record<string, ProgramEntry>;
  /** The bureau's Safes and timelock (mg:deploy-governance), and where the Safe contracts are on a local chain. */
  governance?: GovernanceEntry;
}

/** What mg:deploy-governance records: the Safes, the timelock, and the Safe contracts (local chains). */
export interface GovernanceEntry {
  bureauSafe: string;
  treasurerSafe: string;
  guardianSafe: string;
  timelock: string;
  /** The Safe contracts the Safe SDK is pointed at (`contractNetworks`): local chains only. */
  safeContracts?: SafeContractAddresses;
}

/** Where the Safe 1.4.1 contracts are on a local chain (what the Safe SDK's `contractNetworks` needs). */
export interface SafeContractAddresses {
  singleton: string;
  proxyFactory: string;
  fallbackHandler: string;
  multiSend: string;
  multiSendCallOnly: string;
  signMessageLib: string;
  createCall: string;
  simulateTxAccessor: string;
}

const memoryBooks = new Map<string, AddressBook>();

/** Chain ids of development nodes (hardhat node, anvil, ganache): every such node uses one of them. */
export const LOCAL_CHAIN_IDS: ReadonlySet<bigint> = new Set([31337n, 1337n]);

/** What tells one node's chain from another's: the chain id and the hash of block 0. */
export interface ChainIdentity {
  chainId: bigint;
  genesisHash: string;
}

/** One JSON-RPC call: an EIP-1193 `request`, ethers' `provider.send`, or a plain fetch. */
export type RpcRequest = (method: string, params: unknown[]) => Promise<unknown>;

/** The refusal when a node does not return block 0 (its book cannot be named without it). */
export const NO_GENESIS_SENTENCE = {
  en: "The node did not return its genesis block (block 0), so its address book cannot be named: check the node's URL.",
  zh: "节点没有返回创世区块（区块 0），因此无法确定它的地址簿：请检查节点的地址。",
};

/** Reads a node's chain id and genesis block hash. */
export async function chainIdentity(request: RpcRequest): Promise<ChainIdentity> {
  const [chainId, genesis] = await Promise.all([
    request("eth_chainId", []),
    request("eth_getBlockByNumber", ["0x0", false]),
  ]);
  const hash = (genesis as { hash?: unknown } | null)?.hash;
  if (typeof hash !== "string" || !/^0x[0-9a-fA-F]{64}$/.test(hash)) {
    // A plain Error with its Chinese beside it (this file imports no project code): the decoder shows both.
    throw Object.assign(new Error(NO_GENESIS_SENTENCE.en), { zh: NO_GENESIS_SENTENCE.zh });
  }
  return { chainId: BigInt(chainId as string), genesisHash: hash.toLowerCase() };
}

/**
 * The name of a chain's address book (and of its portal directory): `<chainId>` on public chains, whose
 * books are committed as the public record; `<chainId>-<first 8 hex of the genesis hash>` on local ones.
 */
export function addressBookName(identity: ChainIdentity): string {
  if (!LOCAL_CHAIN_IDS.has(identity.chainId)) return identity.chainId.toString();
  return `${identity.chainId}-${identity.genesisHash.slice(2, 10)}`;
}

/** The folder of the address books; MG_ADDRESS_BOOK_DIR overrides it (the e2e run uses a temp folder). */
export function addressBookDir(root: string): string {
  return process.env.MG_ADDRESS_BOOK_DIR ?? path.join(root, "deploy", "addresses");
}

/** The address book file of a chain in `dir`. */
export function addressBookFile(dir: string, identity: ChainIdentity): string {
  return path.join(dir, `${addressBookName(identity)}.json`);
}

/** The portal's directory of off-chain names (seeded entities, accounts) beside the chain's book. */
export function portalDirectoryFile(dir: string, identity: ChainIdentity): string {
  return path.join(dir, `${addressBookName(identity)}.portal.json`);
}

/**
 * The Ignition deployment id prefix of a chain: `chain-<chainId>` on public chains (Ignition's own
 * default), `chain-<book name>` on local ones so two nodes never share a journal, or MG_DEPLOYMENT_TAG
 * (the e2e run uses its own, so it never touches a developer's local journals).
 */
export function deploymentTag(identity: ChainIdentity): string {
  return process.env.MG_DEPLOYMENT_TAG ?? `chain-${addressBookName(identity)}`;
}

/** Every contract a book records, with the name an operator recognises. */
export function recordedContracts(book: AddressBook): Array<{ label: string; address: string }> {
  const contracts: Array<{ label: string; address: string }> = [];
  const add = (label: string, address: string | undefined) => {
    if (address !== undefined && address !== "") contracts.push({ label, address });
  };
  add("the factory", book.factory);
  add("the implementation", book.implementation);
  add("the lens", book.lens);
  add("the token", book.token?.address);
  for (const [name, entry] of Object.entries(book.registries)) add(`the ${name} registry`, entry.address);
  for (const [name, entry] of Object.entries(book.programs)) add(`program ${name}`, entry.address);
  add("the bureau's Safe", book.governance?.bureauSafe);
  add("the timelock", book.governance?.timelock);
  return contracts;
}

/** The first contract the book records that has no code on the node (every check runs at once), or null. */
export async function absentContract(
  book: AddressBook,
  hasCode: (address: string) => Promise<boolean>,
): Promise<{ label: string; address: string } | null> {
  const contracts = recordedContracts(book);
  const present = await Promise.all(contracts.map((c) => hasCode(c.address)));
  const index = present.indexOf(false);
  return index === -1 ? null : contracts[index];
}

/** `hasCode` for absentContract over a JSON-RPC request function. */
export function codeChecker(request: RpcRequest): (address: string) => Promise<boolean> {
  return async (address) => ((await request("eth_getCode", [address, "latest"])) as string) !== "0x";
}

/** The refusal for a book whose contracts are not on the connected node, in both languages. */
export function absentContractsSentence(
  file: string,
  absent: { label: string; address: string },
  local: boolean,
): { en: string; zh: string } {
  return local
    ? {
        en: `The address book ${file} records contracts that are not on this node (${absent.label} ${absent.address} has no code): this node was restarted or is another node; run mg:deploy again or point to the right node.`,
        zh: `地址簿 ${file} 记录的合约不在这个节点上（${absent.label} ${absent.address} 没有代码）：该节点已重启，或是另一个节点；请重新运行 mg:deploy，或连接正确的节点。`,
      }
    : {
        en: `The address book ${file} records contracts that are not on this node (${absent.label} ${absent.address} has no code): the node is not the chain the book was written for, or not synced; point --network to the right node (the book is the chain's public record and is never replaced).`,
        zh: `地址簿 ${file} 记录的合约不在这个节点上（${absent.label} ${absent.address} 没有代码）：该节点不是写入地址簿的那条链，或尚未同步；请用 --network 连接正确的节点（该地址簿是这条链的公开记录，不会被替换）。`,
      };
}

/** What a call to an address without a contract (ethers: "could not decode result data") says instead. */
export function noContractSentence(method: string | undefined): { en: string; zh: string } {
  const call = method === undefined ? "A contract call" : `The contract call ${method}()`;
  const callZh = method === undefined ? "合约调用" : `合约调用 ${method}()`;
  return {
    en: `${call} returned nothing: the address it used has no contract on this node; check --network and the address book, or run mg:deploy on this node.`,
    zh: `${callZh}没有返回数据：它所用的地址在这个节点上没有合约；请检查 --network 和地址簿，或在这个节点上运行 mg:deploy。`,
  };
}

/**
 * Moves a book aside as `<name>.replaced-<UTC time>.json` (never deletes it: it is the only record of
 * what was deployed) and returns the new path. Used only for a local book whose contracts are gone.
 */
export function setBookAside(file: string, now: Date = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const aside = file.replace(/\.json$/, `.replaced-${stamp}.json`);
  renameSync(file, aside);
  return aside;
}

/** Where one chain's address book lives: on disk, or (in-process network) in this process's memory. */
export interface AddressBookStore {
  /** The book's file (on disk), or a description of the in-memory book. */
  readonly file: string;
  /** The recorded book, or an empty one. */
  load(): AddressBook;
  save(book: AddressBook): void;
  /**
   * Sets the book aside (see setBookAside) and forgets the chain's Ignition journals; returns the empty
   * book now in use and where the old one went (null when there was none, or in memory).
   */
  forget(): { book: AddressBook; setAside: string | null };
}

/** Opens the address book of the connected chain (see the file comment for how books are named). */
export function addressBookStore(options: {
  root: string;
  ignitionDir: string;
  networkName: string;
  identity: ChainIdentity;
  inProcess: boolean;
}): AddressBookStore {
  const { root, ignitionDir, networkName, identity, inProcess } = options;
  const { chainId } = identity;
  const key = `${networkName}:${chainId}`;
  const file = inProcess ? `(in memory: ${networkName})` : addressBookFile(addressBookDir(root), identity);
  const emptyBook = (): AddressBook => ({
    chainId: chainId.toString(),
    network: networkName,
    registries: {},
    programs: {},
  });
  return {
    file,
    load() {
      if (inProcess) {
        const book = memoryBooks.get(key) ?? emptyBook();
        memoryBooks.set(key, book);
        return book;
      }
      if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8")) as AddressBook;
      return emptyBook();
    },
    save(book) {
      if (inProcess) return;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(book, null, 2) + "\n");
    },
    forget() {
      const book = emptyBook();
      if (inProcess) {
        memoryBooks.set(key, book);
        return { book, setAside: null };
      }
      const setAside = existsSync(file) ? setBookAside(file) : null;
      const journals = path.join(ignitionDir, "deployments");
      if (existsSync(journals)) {
        const tag = deploymentTag(identity);
        for (const dir of readdirSync(journals)) {
          if (dir === tag || dir.startsWith(`${tag}-`)) {
            rmSync(path.join(journals, dir), { recursive: true, force: true });
          }
        }
      }
      return { book, setAside };
    },
  };
}
