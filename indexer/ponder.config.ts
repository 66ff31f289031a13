/**
 * What the indexer reads: the factory of one address book, every program it created (Ponder's factory
 * pattern: the ProgramCreated event names each new clone), and the book's entity registries.
 *
 * `npm run indexer` (scripts/indexer.ts) finds the book of the configured node and passes it here in
 * MG_INDEXER_BOOK, with the node's URL in MG_RPC_URL. Data: embedded PGlite in a git-ignored folder by
 * default; a PostgreSQL server when DATABASE_URL is set.
 */
import { readFileSync } from "node:fs";

import { createConfig, factory } from "ponder";
import { getAbiItem } from "viem";

import {
  EntityRegistry__factory,
  GrantProgramFactory__factory,
  IGrantProgram__factory,
} from "../typechain-types/index.js";
import type { AddressBook } from "../tasks/runtime/address-book.js";

const bookFile = process.env.MG_INDEXER_BOOK;
if (bookFile === undefined) throw new Error("MG_INDEXER_BOOK is not set: start the indexer with `npm run indexer`.");
const book = JSON.parse(readFileSync(bookFile, "utf8")) as AddressBook;
if (book.factory === undefined) throw new Error(`${bookFile} records no factory: deploy with mg:deploy first.`);
const rpc = process.env.MG_RPC_URL ?? "http://127.0.0.1:8545";
const startBlock = Number(process.env.MG_INDEXER_START_BLOCK ?? 0);
const registries = Object.values(book.registries).map((r) => r.address as `0x${string}`);
const databaseUrl = process.env.DATABASE_URL;

export default createConfig({
  database:
    databaseUrl !== undefined && databaseUrl !== ""
      ? { kind: "postgres", connectionString: databaseUrl }
      : { kind: "pglite", directory: process.env.MG_INDEXER_DATA },
  chains: {
    chain: {
      id: Number(book.chainId),
      rpc,
      // A local node mines a block per transaction: poll often so lists follow within a second.
      pollingInterval: 1_000,
      ethGetLogsBlockRange: Number(process.env.MG_MAX_LOG_RANGE ?? 10_000),
    },
  },
  contracts: {
    GrantProgramFactory: {
      abi: GrantProgramFactory__factory.abi,
      chain: "chain",
      address: book.factory as `0x${string}`,
      startBlock,
    },
    GrantProgram: {
      abi: IGrantProgram__factory.abi,
      chain: "chain",
      address: factory({
        address: book.factory as `0x${string}`,
        event: getAbiItem({ abi: GrantProgramFactory__factory.abi, name: "ProgramCreated" }),
        parameter: "program",
      }),
      startBlock,
    },
    EntityRegistry: {
      abi: EntityRegistry__factory.abi,
      chain: "chain",
      address: registries,
      startBlock,
    },
  },
});
