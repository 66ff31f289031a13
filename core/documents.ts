/**
 * Documents: THE document hash (keccak256 of a file's bytes), shared by the tasks (mg:apply,
 * mg:evidence, mg:object), the portal (browser and document store) and the tests; and the application
 * bundle, the one file whose hash an application puts on chain.
 *
 * An application bundle is a small JSON file listing the application's documents (name, type, size
 * and the hash of each) and the proposed schedule (amounts in token units, deadlines in unix seconds).
 * Its hash is the document hash of its bytes, so the chain's `applicationHash` binds the bundle, and the
 * bundle binds every document it lists: a reviewer who checks a document against the bundle's entry,
 * and the bundle against the chain, has checked the document against the chain. Nothing in a bundle
 * goes on chain but its hash (file names and contents stay with the document store).
 */
import { getAddress, isHexString, keccak256, toUtf8Bytes, toUtf8String, type BytesLike } from "ethers";

import { CoreInputError } from "./input-error.ts";
import type { Bilingual } from "./messages/labels.ts";

/**
 * keccak256 of a document's bytes: what mg:evidence computes for a file, the portal for an upload and
 * the document store for what it receives and serves. A text's hash (core/ids.ts textHash) is this
 * hash of its UTF-8 bytes, so a typed objection and the same text saved as a file hash alike.
 * @param bytes the file's contents
 */
export function documentHash(bytes: BytesLike): string {
  return keccak256(bytes);
}

/** Whether `value` is a document hash as the chain stores it (0x and 64 hex digits). */
export function isDocumentHash(value: string): boolean {
  return isHexString(value, 32);
}

/**
 * The records of a program that carry a document hash, and so the documents the store keeps. (Compliance
 * attestations join when the contracts record them: the store reads its bindings from the chain.)
 */
export const DOCUMENT_KINDS = ["application", "evidence", "objection"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/**
 * The on-chain record a document belongs to: an application (its bundle and the files the bundle
 * lists), a milestone's evidence, or an objection to a milestone. The store reads this record on chain
 * to learn which hashes it binds and who may read them.
 */
export type DocumentRef =
  | { program: string; kind: "application"; applicationId: bigint }
  | { program: string; kind: "evidence" | "objection"; grantId: bigint; index: number };

/** A reference as written in a URL: `application:<id>`, `evidence:<grant>:<milestone>`, `objection:<grant>:<milestone>`. */
export function refText(ref: DocumentRef): string {
  return ref.kind === "application" ? `application:${ref.applicationId}` : `${ref.kind}:${ref.grantId}:${ref.index}`;
}

/**
 * The reference `text` names in `program` (the inverse of refText).
 * @throws DocumentError "bad_ref" when it is not one of the forms above
 */
export function parseRef(program: string, text: string): DocumentRef {
  const parts = text.split(":");
  const whole = (s: string | undefined) => s !== undefined && /^\d{1,20}$/.test(s);
  let address: string;
  try {
    address = getAddress(program);
  } catch {
    throw new DocumentError("bad_ref");
  }
  if (parts[0] === "application" && parts.length === 2 && whole(parts[1]))
    return { program: address, kind: "application", applicationId: BigInt(parts[1]) };
  if (
    (parts[0] === "evidence" || parts[0] === "objection") &&
    parts.length === 3 &&
    whole(parts[1]) &&
    whole(parts[2])
  ) {
    const index = Number(parts[2]);
    if (index <= 15) return { program: address, kind: parts[0], grantId: BigInt(parts[1]), index };
  }
  throw new DocumentError("bad_ref");
}

/* ------------------------------------------------------------ refusals ------------------------------------------------------------------ */

/** Every refusal of the document store, by code: what the server answers and what the portal says. */
export const DOCUMENT_ERRORS = {
  bad_hash: {
    en: "The document hash is not a 0x-prefixed 32-byte hash.",
    zh: "材料哈希格式不正确（应为 0x 开头的 32 字节哈希）。",
  },
  hash_mismatch: {
    en: "The file's hash differs from the hash it was sent under: nothing was stored.",
    zh: "文件的哈希与所声明的哈希不一致：未保存任何内容。",
  },
  too_large: { en: "The file is larger than the store accepts.", zh: "文件超过材料库允许的大小。" },
  bad_ref: {
    en: "The document's record is not named as application:<id>, evidence:<grant>:<milestone> or objection:<grant>:<milestone> of a program address.",
    zh: "材料所属记录的写法不正确（应为项目地址下的 application:<编号>、evidence:<奖补>:<里程碑> 或 objection:<奖补>:<里程碑>）。",
  },
  unknown_program: {
    en: "The program is not one of the jurisdiction's authorised programs this portal serves.",
    zh: "该项目不是本门户所服务的、经登记机关授权的项目。",
  },
  not_on_chain: {
    en: "This hash is not recorded on chain for that application, evidence or objection (nor listed in its application bundle).",
    zh: "该哈希未作为此申请、佐证材料或异议记录在链上（也不在其申请材料清单中）。",
  },
  bad_bundle: {
    en: "The application bundle is not a valid bundle file.",
    zh: "申请材料清单文件格式不正确。",
  },
  signature_required: {
    en: "Documents are not public: sign the portal's challenge with your wallet to open them.",
    zh: "材料不公开：请用钱包对门户的验证消息签名后再打开。",
  },
  challenge_unknown: {
    en: "The signed challenge is not one this server issued: sign a new one.",
    zh: "所签名的验证消息并非本服务器签发：请重新签名。",
  },
  challenge_expired: {
    en: "The signed challenge has expired: sign a new one.",
    zh: "所签名的验证消息已过期：请重新签名。",
  },
  bad_signature: {
    en: "The signature does not verify for the challenge.",
    zh: "签名与验证消息不符。",
  },
  not_allowed: {
    en: "This wallet may not read this document: only the applicant's or grantee's registered wallet, the objector, and the program's officials (administrator, managers, expert committee) may.",
    zh: "该钱包无权查阅此材料：仅申请或获奖主体的登记钱包、异议人及项目主管人员（管理员、项目经办人、专家委员）可查阅。",
  },
  not_stored: {
    en: "The document store does not hold this file: ask the person who submitted it to upload it again.",
    zh: "材料库中没有此文件：请提交人重新上传。",
  },
  tampered: {
    en: "The stored file no longer matches its hash (changed on disk after upload): it is not served; restore it from a backup.",
    zh: "库中文件已与其哈希不一致（上传后在磁盘上被改动）：不予提供，请从备份恢复。",
  },
  unverified: {
    en: "The file received does not match the on-chain hash: it was not opened.",
    zh: "收到的文件与链上哈希不一致：未予打开。",
  },
  unavailable: {
    en: "The document store did not answer.",
    zh: "材料库未响应。",
  },
} as const satisfies Record<string, Bilingual>;

export type DocumentErrorCode = keyof typeof DOCUMENT_ERRORS;

/** A refusal of the document store: a named code, and its sentence in English (message) and Chinese (zh). */
export class DocumentError extends CoreInputError {
  /** The refusal's name, as the store answers it over HTTP. */
  readonly code: DocumentErrorCode;

  constructor(code: DocumentErrorCode) {
    super(DOCUMENT_ERRORS[code].en, DOCUMENT_ERRORS[code].zh);
    this.code = code;
    this.name = "DocumentError";
  }
}

/* ---------------------------------------------------------- application bundle ---------------------------------------------------------- */

export const BUNDLE_FORMAT = "milestone-grants/application-bundle@1";

/** One document of a bundle. */
export interface BundleDocument {
  name: string;
  type: string;
  size: number;
  hash: string;
}

/** One proposed milestone: amount in token units (integer), deadline in unix seconds, and the date as written. */
export interface BundleMilestone {
  amount: bigint;
  deadline: bigint;
  date: string;
}

export interface ApplicationBundle {
  chainId: string;
  program: string;
  categoryId: number;
  /** The wallet that applies (the entity's registered payout wallet). */
  applicant: string;
  schedule: BundleMilestone[];
  documents: BundleDocument[];
}

/** The bundle's bytes: JSON with the fields in a fixed order, amounts and deadlines as decimal strings. */
export function bundleBytes(bundle: ApplicationBundle): Uint8Array {
  const canonical = {
    format: BUNDLE_FORMAT,
    chainId: bundle.chainId,
    program: getAddress(bundle.program),
    categoryId: bundle.categoryId,
    applicant: getAddress(bundle.applicant),
    schedule: bundle.schedule.map((m) => ({
      amount: m.amount.toString(),
      deadline: m.deadline.toString(),
      date: m.date,
    })),
    documents: bundle.documents.map((d) => ({ name: d.name, type: d.type, size: d.size, hash: d.hash.toLowerCase() })),
  };
  return toUtf8Bytes(`${JSON.stringify(canonical, null, 2)}\n`);
}

/** The hash an application puts on chain: the document hash of its bundle's bytes. */
export function bundleHash(bundle: ApplicationBundle): string {
  return documentHash(bundleBytes(bundle));
}

/**
 * The bundle in `bytes`, checked field by field.
 * @throws DocumentError "bad_bundle" when the bytes are not a bundle
 */
export function parseBundle(bytes: Uint8Array): ApplicationBundle {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(toUtf8String(bytes)) as Record<string, unknown>;
  } catch {
    throw new DocumentError("bad_bundle");
  }
  const text = (v: unknown) => typeof v === "string";
  const digits = (v: unknown) => typeof v === "string" && /^\d{1,78}$/.test(v);
  if (
    raw === null ||
    typeof raw !== "object" ||
    raw.format !== BUNDLE_FORMAT ||
    !text(raw.chainId) ||
    !text(raw.program) ||
    !Number.isInteger(raw.categoryId) ||
    !text(raw.applicant) ||
    !Array.isArray(raw.schedule) ||
    !Array.isArray(raw.documents)
  )
    throw new DocumentError("bad_bundle");
  const schedule = (raw.schedule as Array<Record<string, unknown>>).map((m) => {
    if (!digits(m?.amount) || !digits(m?.deadline) || !text(m?.date)) throw new DocumentError("bad_bundle");
    return { amount: BigInt(m.amount as string), deadline: BigInt(m.deadline as string), date: m.date as string };
  });
  const documents = (raw.documents as Array<Record<string, unknown>>).map((d) => {
    if (
      !text(d?.name) ||
      !text(d?.type) ||
      !Number.isInteger(d?.size) ||
      !text(d?.hash) ||
      !isDocumentHash(d.hash as string)
    )
      throw new DocumentError("bad_bundle");
    return {
      name: d.name as string,
      type: d.type as string,
      size: d.size as number,
      hash: (d.hash as string).toLowerCase(),
    };
  });
  try {
    return {
      chainId: raw.chainId as string,
      program: getAddress(raw.program as string),
      categoryId: raw.categoryId as number,
      applicant: getAddress(raw.applicant as string),
      schedule,
      documents,
    };
  } catch {
    throw new DocumentError("bad_bundle");
  }
}
