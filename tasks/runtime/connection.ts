/**
 * The network connection of a task (`--network`), its signers and the signer chosen with `--from`,
 * and the chain's address book opened for it.
 */
import path from "node:path";

import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress, isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { ErrorContext } from "../../core/messages/sentences.js";
import {
  absentContract,
  absentContractsSentence,
  addressBookStore,
  chainIdentity,
  codeChecker,
  LOCAL_CHAIN_IDS,
  type AddressBook,
  type ChainIdentity,
} from "./address-book.js";
import { TaskInputError } from "./args.js";
import { retryDroppedReads } from "./dropped-connections.js";

export interface TaskEnv {
  hre: HardhatRuntimeEnvironment;
  ethers: HardhatEthers;
  networkName: string;
  chainId: bigint;
  /** Chain id and genesis hash: what names the chain's address book. */
  identity: ChainIdentity;
  /** A development chain (in-process, or a local node with chain id 31337/1337). */
  local: boolean;
  /** The in-process network: its state and address book vanish with the process. */
  inProcess: boolean;
  signers: HardhatEthersSigner[];
  signer: HardhatEthersSigner;
  book: AddressBook;
  /** The book's file (deploy/addresses/…), or a description of the in-memory book. */
  bookFile: string;
  /**
   * A recorded contract that has no code on this node. Only mg:deploy on a local chain ever sees one
   * (it opens with `replaceStaleLocalBook`); every other task is refused before it runs.
   */
  staleContract: { label: string; address: string } | null;
  errorContext: ErrorContext;
  saveBook(): void;
  /**
   * Sets aside the address book and forgets the Ignition journals of a local chain whose contracts are
   * gone; returns where the old book went (null if there was none).
   */
  resetLocalDeployment(): string | null;
  time: { latest(): Promise<number>; increase(seconds: number): Promise<void> };
}

/**
 * Connects to the network chosen with `--network` (one cached connection per network and process) and
 * opens its address book. A book on disk whose recorded contracts are not all on the node is refused
 * with one sentence (TaskInputError), so no task reads or rewrites another node's records; with
 * `replaceStaleLocalBook` (mg:deploy) a local chain's stale book is handed over as `staleContract`.
 */
export async function openEnv(
  hre: HardhatRuntimeEnvironment,
  from: string,
  options: { replaceStaleLocalBook?: boolean } = {},
): Promise<TaskEnv> {
  const connection = await hre.network.getOrCreate();
  if (connection.networkConfig.type === "http") retryDroppedReads(connection.provider);
  const ethers = connection.ethers;
  const request = (method: string, params: unknown[]) => connection.provider.request({ method, params });
  const identity = await chainIdentity(request);
  const { chainId } = identity;
  const inProcess = connection.networkConfig.type === "edr-simulated";
  const local = inProcess || LOCAL_CHAIN_IDS.has(chainId);
  const signers = await ethers.getSigners();
  const signer = pickSigner(signers, from, "--from");
  const store = addressBookStore({
    root: hre.config.paths.root,
    ignitionDir: hre.config.paths.ignition,
    networkName: connection.networkName,
    identity,
    inProcess,
  });
  const book = store.load();
  const staleContract = inProcess ? null : await absentContract(book, codeChecker(request));
  if (staleContract !== null && !(local && options.replaceStaleLocalBook === true)) {
    const sentence = absentContractsSentence(shownPath(store.file), staleContract, local);
    throw new TaskInputError(sentence.en, sentence.zh);
  }
  const errorContext: ErrorContext = book.token === undefined ? {} : { decimals: book.token.decimals };
  const env: TaskEnv = {
    hre,
    ethers,
    networkName: connection.networkName,
    chainId,
    identity,
    local,
    inProcess,
    signers,
    signer,
    book,
    bookFile: store.file,
    staleContract,
    errorContext,
    saveBook() {
      store.save(env.book);
    },
    resetLocalDeployment() {
      if (!local) {
        throw new TaskInputError(
          "Refusing to forget a deployment on a non-local chain.",
          "拒绝删除非本地链上的部署记录。",
        );
      }
      const { book: fresh, setAside } = store.forget();
      env.book = fresh;
      env.staleContract = null;
      return setAside;
    },
    // Standard and evm_* methods only, which hardhat node, anvil and ganache all answer. (The network
    // helpers' time.increase mines with hardhat_mine, which an independent node need not know.)
    time: {
      latest: async () => {
        const block = (await request("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
        return Number(BigInt(block.timestamp));
      },
      increase: async (seconds) => {
        const target = (await env.time.latest()) + seconds;
        await request("evm_setNextBlockTimestamp", [`0x${target.toString(16)}`]);
        await request("evm_mine", []);
      },
    },
  };
  return env;
}

/** A path as operators type it: relative to the working folder when inside it, else absolute. */
export function shownPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

/** A signer of the network by index ("3") or address. */
export function pickSigner(signers: HardhatEthersSigner[], ref: string, option: string): HardhatEthersSigner {
  const text = ref.trim();
  if (/^\d+$/.test(text)) {
    const signer = signers[Number(text)];
    if (signer === undefined) {
      throw new TaskInputError(
        `${option} ${text}: this network has only ${signers.length} accounts (0 to ${signers.length - 1}).`,
        `${option} ${text}：本网络只有 ${signers.length} 个账户（编号 0 至 ${signers.length - 1}）。`,
      );
    }
    return signer;
  }
  if (isAddress(text)) {
    const found = signers.find((s) => s.address.toLowerCase() === text.toLowerCase());
    if (found === undefined) {
      throw new TaskInputError(
        `${option} ${text} is not one of this network's accounts, so it cannot sign here.`,
        `${option} ${text} 不是本网络的账户，无法在此签名。`,
      );
    }
    return found;
  }
  throw new TaskInputError(
    `${option} must be an account index (0, 1, …) or an address, not "${ref}".`,
    `${option} 必须是账户编号（0、1、…）或地址，不能是“${ref}”。`,
  );
}

/** An address given as an account index or a 0x address (which need not be an account here). */
export function pickAddress(signers: HardhatEthersSigner[], ref: string | undefined, option: string): string {
  if (ref === undefined || ref.trim() === "") {
    throw new TaskInputError(`${option} is required.`, `必须提供 ${option}。`);
  }
  const text = ref.trim();
  if (/^\d+$/.test(text)) return pickSigner(signers, text, option).address;
  if (isAddress(text)) return getAddress(text.toLowerCase());
  throw new TaskInputError(
    `${option} must be an account index or an address, not "${ref}".`,
    `${option} 必须是账户编号或地址，不能是“${ref}”。`,
  );
}

/** A list of addresses, comma separated. */
export function pickAddresses(signers: HardhatEthersSigner[], ref: string | undefined, option: string): string[] {
  if (ref === undefined || ref.trim() === "")
    throw new TaskInputError(
      `${option} is required (a comma-separated list).`,
      `必须提供 ${option}（以英文逗号分隔的列表）。`,
    );
  return ref.split(",").map((part) => pickAddress(signers, part, option));
}
