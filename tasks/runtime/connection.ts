/**
 * The network connection of a task (`--network`), its signers and the signer chosen with `--from`,
 * and the chain's address book opened for it.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { getAddress, isAddress } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import type { ErrorContext } from "../../core/messages/sentences.js";
import { addressBookStore, type AddressBook } from "./address-book.js";
import { TaskInputError } from "./args.js";

const LOCAL_CHAIN_IDS = new Set([31337n, 1337n]);

export interface TaskEnv {
  hre: HardhatRuntimeEnvironment;
  ethers: HardhatEthers;
  networkName: string;
  chainId: bigint;
  /** A development chain (in-process, or a local node with chain id 31337/1337). */
  local: boolean;
  /** The in-process network: its state and address book vanish with the process. */
  inProcess: boolean;
  signers: HardhatEthersSigner[];
  signer: HardhatEthersSigner;
  book: AddressBook;
  errorContext: ErrorContext;
  saveBook(): void;
  /** Forgets the address book and Ignition journals of a local chain that was restarted. */
  resetLocalDeployment(): void;
  time: { latest(): Promise<number>; increase(seconds: number): Promise<void> };
}

/** Connects to the network chosen with `--network` (one cached connection per network and process). */
export async function openEnv(hre: HardhatRuntimeEnvironment, from: string): Promise<TaskEnv> {
  const connection = await hre.network.getOrCreate();
  const ethers = connection.ethers;
  const { chainId } = await ethers.provider.getNetwork();
  const inProcess = connection.networkConfig.type === "edr-simulated";
  const local = inProcess || LOCAL_CHAIN_IDS.has(chainId);
  const signers = await ethers.getSigners();
  const signer = pickSigner(signers, from, "--from");
  const store = addressBookStore({
    root: hre.config.paths.root,
    ignitionDir: hre.config.paths.ignition,
    networkName: connection.networkName,
    chainId,
    inProcess,
  });
  const book = store.load();
  const errorContext: ErrorContext = book.token === undefined ? {} : { decimals: book.token.decimals };
  const env: TaskEnv = {
    hre,
    ethers,
    networkName: connection.networkName,
    chainId,
    local,
    inProcess,
    signers,
    signer,
    book,
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
      env.book = store.forget();
    },
    time: {
      latest: () => connection.networkHelpers.time.latest(),
      increase: async (seconds) => {
        await connection.networkHelpers.time.increase(seconds);
      },
    },
  };
  return env;
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
