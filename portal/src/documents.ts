/**
 * The browser's side of the document store (portal/server/document-store.ts, docs/documents.md): files
 * are uploaded after the transaction that puts their hash on chain, and opened with a signature over
 * the server's challenge; every file received is hashed here again and opened only if it matches the
 * hash on chain (or the application bundle's entry, whose bundle matches the chain). The server is
 * trusted to keep files, never to say what they are.
 */
import {
  documentHash,
  DocumentError,
  DOCUMENT_ERRORS,
  refText,
  type DocumentErrorCode,
  type DocumentRef,
} from "../../core/documents.js";
import type { Wallet } from "./chain.js";

/** The store's refusal in a response, as a DocumentError (its code and both sentences). */
async function refusal(response: Response): Promise<DocumentError> {
  try {
    const body = (await response.json()) as { error?: string };
    if (typeof body.error === "string" && body.error in DOCUMENT_ERRORS)
      return new DocumentError(body.error as DocumentErrorCode);
  } catch {
    // not a refusal of the store (a proxy's error page): say the store did not answer
  }
  return new DocumentError("unavailable");
}

function at(hash: string, ref: DocumentRef): string {
  return `./documents/${hash}?program=${ref.program}&ref=${encodeURIComponent(refText(ref))}`;
}

/** Uploads a file under its hash for the record `ref` (the server checks both against the chain). */
export async function uploadDocument(bytes: Uint8Array, ref: DocumentRef): Promise<void> {
  const response = await fetch(at(documentHash(bytes), ref), {
    method: "PUT",
    body: new Blob([bytes as Uint8Array<ArrayBuffer>]),
  }).catch(() => null);
  if (response === null) throw new DocumentError("unavailable");
  if (!response.ok) throw await refusal(response);
}

/** The signed challenge of the connected wallet, reused until shortly before it expires. */
let proof: { address: string; challenge: string; signature: string; expiresAt: number } | null = null;

async function proofFor(wallet: Wallet): Promise<{ challenge: string; signature: string }> {
  const soon = Math.floor(Date.now() / 1000) + 30;
  if (proof !== null && proof.address === wallet.address && proof.expiresAt > soon) return proof;
  const response = await fetch("./documents/challenge", { method: "POST" }).catch(() => null);
  if (response === null) throw new DocumentError("unavailable");
  if (!response.ok) throw await refusal(response);
  const issued = (await response.json()) as { id: string; message: string; expiresAt: number };
  const signature = await wallet.signer.signMessage(issued.message);
  proof = { address: wallet.address, challenge: issued.id, signature, expiresAt: issued.expiresAt };
  return proof;
}

/**
 * The file of `hash` for the record `ref`, opened as `wallet`, verified here: its bytes hash to `hash`.
 * @throws DocumentError the store's refusal, or "unverified" when the bytes received do not match
 */
export async function openDocument(wallet: Wallet, hash: string, ref: DocumentRef): Promise<Uint8Array> {
  const signed = await proofFor(wallet);
  const response = await fetch(at(hash, ref), {
    headers: { "x-mg-challenge": signed.challenge, "x-mg-signature": signed.signature },
    cache: "no-store",
  }).catch(() => null);
  if (response === null) throw new DocumentError("unavailable");
  if (!response.ok) {
    const error = await refusal(response);
    // An expired or forgotten challenge (server restarted): sign a new one next time.
    if (error.code.startsWith("challenge_")) proof = null;
    throw error;
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (documentHash(bytes) !== hash.toLowerCase()) throw new DocumentError("unverified");
  return bytes;
}
