/**
 * The address book of a chain: deploy/addresses/<chainId>.json (MG_ADDRESS_BOOK_DIR overrides the
 * folder), what mg:deploy and mg:create-program recorded. The in-process network keeps its book in
 * memory: it vanishes with the process, like the chain.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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
}

const memoryBooks = new Map<string, AddressBook>();

/**
 * The Ignition deployment id prefix of a chain: `chain-<chainId>` (Ignition's own default), or
 * MG_DEPLOYMENT_TAG (the e2e run uses its own, so it never touches a developer's local journals).
 */
export function deploymentTag(chainId: bigint): string {
  return process.env.MG_DEPLOYMENT_TAG ?? `chain-${chainId}`;
}

/** The folder of the address books; MG_ADDRESS_BOOK_DIR overrides it (the e2e run uses a temp folder). */
export function addressBookDir(root: string): string {
  return process.env.MG_ADDRESS_BOOK_DIR ?? path.join(root, "deploy", "addresses");
}

/** Where one chain's address book lives: on disk, or (in-process network) in this process's memory. */
export interface AddressBookStore {
  /** The recorded book, or an empty one. */
  load(): AddressBook;
  save(book: AddressBook): void;
  /** Forgets the book (and the chain's Ignition journals); returns the empty book now recorded. */
  forget(): AddressBook;
}

export function addressBookStore(options: {
  root: string;
  ignitionDir: string;
  networkName: string;
  chainId: bigint;
  inProcess: boolean;
}): AddressBookStore {
  const { root, ignitionDir, networkName, chainId, inProcess } = options;
  const key = `${networkName}:${chainId}`;
  const file = path.join(addressBookDir(root), `${chainId}.json`);
  const emptyBook = (): AddressBook => ({
    chainId: chainId.toString(),
    network: networkName,
    registries: {},
    programs: {},
  });
  return {
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
        return book;
      }
      rmSync(file, { force: true });
      const journals = path.join(ignitionDir, "deployments");
      if (existsSync(journals)) {
        for (const dir of readdirSync(journals)) {
          const tag = deploymentTag(chainId);
          if (dir === tag || dir.startsWith(`${tag}-`)) {
            rmSync(path.join(journals, dir), { recursive: true, force: true });
          }
        }
      }
      return book;
    },
  };
}
