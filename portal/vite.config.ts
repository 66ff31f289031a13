/**
 * The portal's server: Vite, plus `/config.json` built from the address book the `mg:*` tasks write for
 * the node behind `/rpc` (deploy/addresses/<chainId>-<genesis>.json on a local node, <chainId>.json on
 * a public chain: tasks/runtime/address-book.ts) and the program files it names, and `/rpc` proxied to
 * the node.
 *
 *   MG_RPC_URL          the node (default http://127.0.0.1:8545)
 *   MG_ADDRESS_BOOK_DIR where the address books are (default deploy/addresses)
 *   MG_INDEXER_URL      the indexer (`npm run indexer`, e.g. http://127.0.0.1:42069), proxied at /indexer;
 *                       without it the portal reads every list from the chain
 *   MG_DOCUMENTS_DIR    the document store's folder (default .documents/, git-ignored): application,
 *                       evidence and objection files by hash, served at /documents (portal/server/document-store.ts)
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

import { defineConfig, type Plugin } from "vite";

import {
  absentContract,
  absentContractsSentence,
  addressBookDir,
  addressBookFile,
  chainIdentity,
  codeChecker,
  LOCAL_CHAIN_IDS,
  portalDirectoryFile,
  type AddressBook,
  type RpcRequest,
} from "../tasks/runtime/address-book.ts";
import { JsonRpcProvider, keccak256 } from "ethers";

import { rpc } from "../scripts/lib/local-node.ts";
import { DocumentStore, documentMiddleware } from "./server/document-store.ts";
import type { PortalConfig, PortalDirectory } from "./src/config-types.js";

const root = path.resolve(import.meta.dirname, "..");
const rpcTarget = process.env.MG_RPC_URL ?? "http://127.0.0.1:8545";
const indexerTarget = process.env.MG_INDEXER_URL || undefined;
const documentsDir = path.resolve(root, process.env.MG_DOCUMENTS_DIR || ".documents");

/** One JSON-RPC call to the node the portal proxies to. */
const nodeRequest: RpcRequest = (method, params) => rpc(rpcTarget, method, params);

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

/**
 * The portal configuration of the address book of the node behind `/rpc` (read on every request, so it
 * follows the node), or a sentence saying what is missing; a book whose contracts are not on that node
 * is never served.
 */
export async function portalConfig(): Promise<PortalConfig | string> {
  let identity;
  try {
    identity = await chainIdentity(nodeRequest);
  } catch {
    return `No node answers at ${rpcTarget}: start it (npm run portal starts one) and reload.`;
  }
  const dir = addressBookDir(root);
  const bookFile = addressBookFile(dir, identity);
  if (!existsSync(bookFile)) return `No address book at ${bookFile}: deploy first (npm run portal seeds a local node).`;
  const book = readJson<AddressBook>(bookFile);
  if (book.token === undefined || book.lens === undefined) return `${bookFile} has no token or lens: run mg:deploy.`;
  const absent = await absentContract(book, codeChecker(nodeRequest));
  if (absent !== null) return absentContractsSentence(bookFile, absent, LOCAL_CHAIN_IDS.has(identity.chainId)).en;
  const directoryFile = portalDirectoryFile(dir, identity);
  const directory: PortalDirectory = existsSync(directoryFile)
    ? readJson<PortalDirectory>(directoryFile)
    : { entities: {}, accounts: [] };
  const programs = Object.entries(book.programs).map(([key, entry]) => {
    const file = path.resolve(root, entry.file);
    const definition = existsSync(file)
      ? readJson<{
          nameZh?: string;
          administration?: string;
          source?: string;
          policyText?: string;
          categories: Array<{
            key: string;
            label: string;
            labelZh: string;
            condition?: string;
            conditionZh?: string;
            article?: string;
          }>;
        }>(file)
      : { categories: [] };
    // The published files' hashes, for the client to compare with what the program fixed at creation.
    const policyFile =
      definition.policyText === undefined ? null : path.resolve(path.dirname(file), definition.policyText);
    const rules = {
      file: entry.file,
      programFileHash: existsSync(file) ? keccak256(readFileSync(file)) : "",
      policyText: definition.policyText ?? "",
      policyTextHash: policyFile !== null && existsSync(policyFile) ? keccak256(readFileSync(policyFile)) : "",
    };
    const labels = new Map(definition.categories.map((c) => [c.key, c]));
    return {
      key,
      address: entry.address,
      // The client lists a program only if this registry authorised it (core/jurisdiction.ts).
      jurisdiction: entry.jurisdiction,
      registry: book.registries[entry.jurisdiction]?.address ?? "",
      title: entry.title,
      titleZh: definition.nameZh ?? entry.title,
      administration: definition.administration ?? "",
      source: definition.source ?? "",
      fromBlock: entry.createdAtBlock ?? 0,
      rules,
      categories: Object.entries(entry.categories).map(([categoryKey, id]) => ({
        id,
        key: categoryKey,
        label: labels.get(categoryKey)?.label ?? categoryKey,
        labelZh: labels.get(categoryKey)?.labelZh ?? categoryKey,
        condition: labels.get(categoryKey)?.condition ?? "",
        conditionZh: labels.get(categoryKey)?.conditionZh ?? "",
        article: labels.get(categoryKey)?.article ?? "",
      })),
    };
  });
  return {
    chainId: book.chainId,
    rpcUrl: "/rpc",
    token: book.token,
    lens: book.lens,
    ...(indexerTarget === undefined ? {} : { indexerUrl: "/indexer" }),
    programs,
    entities: directory.entities,
    accounts: directory.accounts,
    texts: directory.texts ?? [],
  };
}

function configEndpoint(): Plugin {
  const handler = async (req: { url?: string }, res: import("node:http").ServerResponse, next: () => void) => {
    if (req.url?.split("?")[0] !== "/config.json") return next();
    const config = await portalConfig();
    res.setHeader("content-type", "application/json");
    res.setHeader("cache-control", "no-store");
    if (typeof config === "string") {
      res.statusCode = 503;
      res.end(JSON.stringify({ error: config }));
    } else {
      res.end(JSON.stringify(config));
    }
  };
  return {
    name: "milestone-grants-config",
    configureServer: (server) => void server.middlewares.use(handler),
    configurePreviewServer: (server) => void server.middlewares.use(handler),
  };
}

/** The document store of the chain behind `/rpc` (one per chain, so its challenges outlive a request). */
const stores = new Map<string, DocumentStore>();
async function documentStore(): Promise<DocumentStore> {
  const config = await portalConfig();
  if (typeof config === "string") throw new Error(config);
  let store = stores.get(config.chainId);
  if (store === undefined) {
    store = new DocumentStore({
      dir: documentsDir,
      provider: new JsonRpcProvider(rpcTarget, Number(config.chainId), { staticNetwork: true, cacheTimeout: -1 }),
      chainId: config.chainId,
      // The book's programs, read again on each request (the store checks each one's authorisation itself).
      programs: async () => {
        const now = await portalConfig();
        return typeof now === "string" ? [] : now.programs;
      },
    });
    stores.set(config.chainId, store);
  }
  return store;
}

function documentEndpoint(): Plugin {
  const handler = documentMiddleware(documentStore);
  return {
    name: "milestone-grants-documents",
    configureServer: (server) => void server.middlewares.use(handler),
    configurePreviewServer: (server) => void server.middlewares.use(handler),
  };
}

const proxy = {
  "/rpc": { target: rpcTarget, changeOrigin: true, rewrite: () => "/" },
  ...(indexerTarget === undefined
    ? {}
    : {
        "/indexer": { target: indexerTarget, changeOrigin: true, rewrite: (p: string) => p.replace(/^\/indexer/, "") },
      }),
};

export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [configEndpoint(), documentEndpoint()],
  server: { host: "127.0.0.1", port: 5173, proxy, fs: { allow: [root] } },
  preview: { host: "127.0.0.1", port: 4173, proxy },
  build: { outDir: path.join(root, "dist", "portal"), emptyOutDir: true, chunkSizeWarningLimit: 4096 },
});
