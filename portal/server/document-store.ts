/**
 * The portal server's document store: application, evidence and objection files kept content-addressed
 * (file name = the document hash that goes on chain: core/documents.ts) in a local folder, and served
 * back only to the people who may read them. Plain Node and ethers: importable by tests without Vite.
 *
 * Trust model (SECURITY.md): the server is trusted for availability, not integrity. Every upload is
 * hashed here and refused unless its hash is the one claimed AND the chain records that hash for the
 * named application, milestone evidence or objection (or the application's stored bundle lists it), so
 * the folder holds only files the chain refers to. Every read is hashed again here (a file changed on
 * disk is refused as "tampered") and once more in the browser against the chain's hash.
 *
 * Who may read (docs/documents.md), decided from the chain on every request, never from a session:
 *  - the entity's registered payout wallet (registry.entityNoOfWallet) for its applications and evidence;
 *  - the objector's wallet for its objection;
 *  - the program's officials: administrator (DEFAULT_ADMIN_ROLE), managers (MANAGER_ROLE) and the
 *    expert committee (reviewerSlot > 0);
 *  - nobody else: the public sees the hashes on chain and what the 公示 publishes (company, award,
 *    amount, window), never the documents.
 * A reader proves a wallet by signing (EIP-191 personal_sign) a challenge this server issued, valid
 * for a few minutes; the same signature opens several documents until it expires.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";

import { verifyMessage, type Provider } from "ethers";

import {
  DocumentError,
  DOCUMENT_ERRORS,
  documentHash,
  isDocumentHash,
  parseBundle,
  parseRef,
  type DocumentErrorCode,
  type DocumentRef,
} from "../../core/documents.ts";
import { standingOf } from "../../core/jurisdiction.ts";
import { fetchLogs } from "../../core/logs.ts";
import { programAt } from "../../core/program-abi.ts";
import { EntityRegistry__factory } from "../../typechain-types/index.js";

const ADMIN_ROLE = `0x${"00".repeat(32)}`;

/** A program the portal serves (from its address book): where its events start and its jurisdiction's registry. */
export interface ServedProgram {
  address: string;
  registry: string;
  fromBlock: number;
}

export interface DocumentStoreOptions {
  /** The folder the files are kept in (created on first upload). */
  dir: string;
  /** The chain the programs are on (read-only). */
  provider: Provider;
  chainId: string;
  /** The programs the portal serves; a program its registry did not authorise is refused. */
  programs: () => Promise<ServedProgram[]>;
  /** The clock, unix seconds (tests move it). */
  now?: () => number;
  /** How long a challenge may be used, seconds (default 300). */
  challengeSeconds?: number;
  /** The largest file accepted, bytes (default 20 MB). */
  maxBytes?: number;
}

/** A challenge to sign: its id, the exact text to sign, and until when it is valid (unix seconds). */
export interface Challenge {
  id: string;
  message: string;
  expiresAt: number;
}

/** Proof of a wallet: a challenge id and the wallet's personal_sign signature over its message. */
export interface ReaderProof {
  challenge: string;
  signature: string;
}

/** Which hashes a record binds on chain and who, besides officials, may read them. */
interface Binding {
  hashes: Set<string>;
  entityNo: bigint | null;
  wallets: Set<string>;
}

const MAX_CHALLENGES = 10_000;

export class DocumentStore {
  readonly dir: string;
  private readonly now: () => number;
  private readonly challengeSeconds: number;
  readonly maxBytes: number;
  private readonly challenges = new Map<string, { message: string; expiresAt: number }>();

  private readonly options: DocumentStoreOptions;

  constructor(options: DocumentStoreOptions) {
    this.options = options;
    this.dir = path.resolve(options.dir);
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.challengeSeconds = options.challengeSeconds ?? 300;
    this.maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  }

  /** Where the file of `hash` is (whether or not it is stored). */
  fileOf(hash: string): string {
    return path.join(this.dir, hash.toLowerCase());
  }

  /* ----------------------------------------------------------- writing ---------------------------------------------------------------- */

  /**
   * Stores `bytes` under `hash` for the record `ref`.
   * @throws DocumentError bad_hash, too_large, hash_mismatch (nothing written), unknown_program,
   * not_on_chain (the chain does not record this hash for `ref`)
   */
  async put(hash: string, bytes: Uint8Array, ref: DocumentRef): Promise<{ hash: string; already: boolean }> {
    const claimed = checkedHash(hash);
    if (bytes.length > this.maxBytes) throw new DocumentError("too_large");
    if (documentHash(bytes) !== claimed) throw new DocumentError("hash_mismatch");
    const binding = await this.binding(ref);
    if (!binding.hashes.has(claimed)) throw new DocumentError("not_on_chain");
    const file = this.fileOf(claimed);
    if (existsSync(file) && documentHash(readFileSync(file)) === claimed) return { hash: claimed, already: true };
    mkdirSync(this.dir, { recursive: true });
    // Written beside its final name, then renamed: a reader never sees half a file.
    const partial = path.join(this.dir, `.partial-${randomBytes(8).toString("hex")}`);
    writeFileSync(partial, bytes);
    renameSync(partial, file);
    return { hash: claimed, already: false };
  }

  /* ----------------------------------------------------------- reading ---------------------------------------------------------------- */

  /** A new challenge for a reader to sign (valid challengeSeconds). */
  challenge(): Challenge {
    const now = this.now();
    for (const [id, c] of this.challenges) if (c.expiresAt < now) this.challenges.delete(id);
    // Bounded: the oldest go first when too many are outstanding.
    while (this.challenges.size >= MAX_CHALLENGES) this.challenges.delete(this.challenges.keys().next().value!);
    const id = `0x${randomBytes(32).toString("hex")}`;
    const expiresAt = now + this.challengeSeconds;
    const until = new Date(expiresAt * 1000).toISOString();
    const message = [
      "Milestone Grants: open documents as this wallet.",
      "里程碑奖补：以此钱包查阅材料。",
      `Chain: ${this.options.chainId}`,
      `Challenge: ${id}`,
      `Valid until: ${until}`,
      "Signing costs nothing and moves no money. 签名不产生费用，也不转移资金。",
    ].join("\n");
    this.challenges.set(id, { message, expiresAt });
    return { id, message, expiresAt };
  }

  /**
   * The wallet a proof proves.
   * @throws DocumentError signature_required, challenge_unknown, challenge_expired, bad_signature
   */
  reader(proof: Partial<ReaderProof>): string {
    if (!proof.challenge || !proof.signature) throw new DocumentError("signature_required");
    const issued = this.challenges.get(proof.challenge);
    if (issued === undefined) throw new DocumentError("challenge_unknown");
    if (this.now() > issued.expiresAt) {
      this.challenges.delete(proof.challenge);
      throw new DocumentError("challenge_expired");
    }
    try {
      return verifyMessage(issued.message, proof.signature);
    } catch {
      throw new DocumentError("bad_signature");
    }
  }

  /**
   * The file of `hash` for the record `ref`, to the wallet `proof` proves, if that wallet may read it.
   * @throws DocumentError bad_hash, bad_ref, unknown_program, not_on_chain, the reader() refusals,
   * not_allowed, not_stored, tampered (the file on disk no longer hashes to its name)
   */
  async get(hash: string, ref: DocumentRef, proof: Partial<ReaderProof>): Promise<Uint8Array> {
    const wanted = checkedHash(hash);
    const wallet = this.reader(proof);
    const binding = await this.binding(ref);
    if (!binding.hashes.has(wanted)) throw new DocumentError("not_on_chain");
    if (!(await this.mayRead(wallet, ref, binding))) throw new DocumentError("not_allowed");
    const file = this.fileOf(wanted);
    if (!existsSync(file)) throw new DocumentError("not_stored");
    const bytes = new Uint8Array(readFileSync(file));
    if (documentHash(bytes) !== wanted) throw new DocumentError("tampered");
    return bytes;
  }

  /** Whether `wallet` may read the documents of `ref` (read from the chain now). */
  async mayRead(wallet: string, ref: DocumentRef, binding?: Binding): Promise<boolean> {
    const served = await this.served(ref.program);
    const program = programAt(served.address, this.options.provider);
    const known = binding ?? (await this.binding(ref));
    if (known.wallets.has(wallet.toLowerCase())) return true;
    const [manager, registry] = [
      await program.MANAGER_ROLE(),
      EntityRegistry__factory.connect(served.registry, this.options.provider),
    ];
    const [admin, managing, slot, entityNo] = await Promise.all([
      program.hasRole(ADMIN_ROLE, wallet),
      program.hasRole(manager, wallet),
      program.reviewerSlot(wallet),
      known.entityNo === null ? Promise.resolve(0n) : registry.entityNoOfWallet(wallet),
    ]);
    return admin || managing || slot > 0n || (known.entityNo !== null && entityNo === known.entityNo);
  }

  /* --------------------------------------------------------- the chain's record ------------------------------------------------------- */

  /** The served program at `address`, if its jurisdiction's registry authorised it. */
  private async served(address: string): Promise<ServedProgram> {
    const entry = (await this.options.programs()).find((p) => p.address.toLowerCase() === address.toLowerCase());
    if (entry === undefined || entry.registry === "") throw new DocumentError("unknown_program");
    const standing = await standingOf(
      programAt(entry.address, this.options.provider),
      EntityRegistry__factory.connect(entry.registry, this.options.provider),
    );
    if (standing !== "authorised") throw new DocumentError("unknown_program");
    return entry;
  }

  /** The hashes the chain records for `ref` (and those its stored application bundle lists), and its readers. */
  async binding(ref: DocumentRef): Promise<Binding> {
    const served = await this.served(ref.program);
    const program = programAt(served.address, this.options.provider);
    const provider = this.options.provider;
    const latest = await provider.getBlockNumber();
    const logsOf = async (event: "ApplicationSubmitted" | "EvidenceSubmitted" | "ObjectionFiled", args: unknown[]) => {
      const fragment = program.interface.getEvent(event);
      const topics = program.interface.encodeFilterTopics(fragment, args) as Array<string | null>;
      const { logs } = await fetchLogs(provider, { address: served.address, topics }, served.fromBlock, latest);
      return logs.map((log) => program.interface.parseLog(log)!);
    };
    const binding: Binding = { hashes: new Set(), entityNo: null, wallets: new Set() };
    if (ref.kind === "application") {
      for (const e of await logsOf("ApplicationSubmitted", [ref.applicationId])) {
        binding.hashes.add(String(e.args.getValue("applicationHash")).toLowerCase());
        binding.entityNo = BigInt(e.args.getValue("entityNo"));
      }
      // The bundle binds the files it lists: its own hash is the chain's.
      for (const bundleHash of [...binding.hashes]) {
        const file = this.fileOf(bundleHash);
        if (!existsSync(file)) continue;
        const bytes = new Uint8Array(readFileSync(file));
        if (documentHash(bytes) !== bundleHash) continue;
        try {
          for (const d of parseBundle(bytes).documents) binding.hashes.add(d.hash);
        } catch {
          // a bundle hash that holds some other file binds only itself
        }
      }
    } else if (ref.kind === "evidence") {
      for (const e of await logsOf("EvidenceSubmitted", [ref.grantId, ref.index]))
        binding.hashes.add(String(e.args.getValue("evidenceHash")).toLowerCase());
      if (binding.hashes.size > 0) binding.entityNo = (await program.grant(ref.grantId)).entityNo;
    } else {
      for (const e of await logsOf("ObjectionFiled", [ref.grantId, ref.index])) {
        binding.hashes.add(String(e.args.getValue("evidenceHash")).toLowerCase());
        binding.wallets.add(String(e.args.getValue("objector")).toLowerCase());
      }
    }
    return binding;
  }
}

function checkedHash(hash: string): string {
  if (!isDocumentHash(hash)) throw new DocumentError("bad_hash");
  return hash.toLowerCase();
}

/* ------------------------------------------------------------------ HTTP ------------------------------------------------------------------ */

const STATUS: Record<DocumentErrorCode, number> = {
  bad_hash: 400,
  bad_ref: 400,
  bad_bundle: 400,
  too_large: 413,
  hash_mismatch: 422,
  unknown_program: 404,
  not_on_chain: 404,
  not_stored: 404,
  signature_required: 401,
  challenge_unknown: 401,
  challenge_expired: 401,
  bad_signature: 401,
  not_allowed: 403,
  tampered: 500,
  unverified: 500,
  unavailable: 503,
};

/** The body of a refusal: its code and its sentence in both languages. */
export function refusalBody(code: DocumentErrorCode): { error: DocumentErrorCode; en: string; zh: string } {
  return { error: code, ...DOCUMENT_ERRORS[code] };
}

async function body(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new DocumentError("too_large");
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/**
 * The store over HTTP (a connect middleware, for Vite's dev and preview servers):
 *   POST /documents/challenge                          → { id, message, expiresAt }
 *   PUT  /documents/<hash>?program=<address>&ref=<ref>  body = the file → 201 { hash, already }
 *   GET  /documents/<hash>?program=<address>&ref=<ref>  headers x-mg-challenge, x-mg-signature → the file
 * A refusal is a JSON { error: <code>, en, zh } with the status of its kind.
 */
export function documentMiddleware(store: () => Promise<DocumentStore>) {
  return async (req: IncomingMessage, res: ServerResponse, next: () => void): Promise<void> => {
    const url = new URL(req.url ?? "/", "http://portal");
    const match = /^\/documents\/([^/]+)$/.exec(url.pathname);
    if (match === null) return next();
    res.setHeader("cache-control", "no-store");
    const json = (status: number, value: unknown) => {
      res.statusCode = status;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(value));
    };
    try {
      const documents = await store();
      if (match[1] === "challenge" && req.method === "POST") return json(200, documents.challenge());
      const ref = parseRef(url.searchParams.get("program") ?? "", url.searchParams.get("ref") ?? "");
      if (req.method === "PUT") {
        const stored = await documents.put(match[1], await body(req, documents.maxBytes), ref);
        return json(stored.already ? 200 : 201, stored);
      }
      if (req.method === "GET") {
        const bytes = await documents.get(match[1], ref, {
          challenge: String(req.headers["x-mg-challenge"] ?? ""),
          signature: String(req.headers["x-mg-signature"] ?? ""),
        });
        res.statusCode = 200;
        res.setHeader("content-type", "application/octet-stream");
        res.end(bytes);
        return;
      }
      res.statusCode = 405;
      res.end();
    } catch (error) {
      if (error instanceof DocumentError) return json(STATUS[error.code], refusalBody(error.code));
      console.error(`document store: ${(error as Error).message}`);
      json(503, refusalBody("unavailable"));
    }
  };
}
