/**
 * The portal's document store (portal/server/document-store.ts) against a real program: an upload is
 * kept only under its own hash and only if the chain records that hash for the named application,
 * evidence or objection; a file is served only to the wallets the chain names (the applicant's or
 * grantee's registered wallet, the objector, the program's officials) proven by a fresh signed challenge;
 * a file changed on disk after upload is refused, never served.
 */
import { mkdtempSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { BrowserProvider, toUtf8Bytes, type Signer } from "ethers";
import { network } from "hardhat";

import {
  bundleBytes,
  bundleHash,
  documentHash,
  DocumentError,
  parseBundle,
  type ApplicationBundle,
  type DocumentErrorCode,
  type DocumentRef,
} from "../../../core/documents.js";
import { textHash } from "../../../core/ids.js";
import { approveSubmitted, lookAlikeInitParams } from "../../../scripts/lib/scenario.js";
import { DocumentStore, documentMiddleware } from "../../../portal/server/document-store.js";
import { guiyangFixture, submittedNationalLab, terms } from "../../utils/fixtures.js";

const connection = await network.create();
const { networkHelpers } = connection;
const deployGuiyang = guiyangFixture(connection);
const provider = new BrowserProvider(connection.provider, 31337, { staticNetwork: true, cacheTimeout: -1 });

/** Expects `run` to be refused with the store's `code`. */
async function refused(run: () => Promise<unknown> | unknown, code: DocumentErrorCode): Promise<void> {
  try {
    await run();
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(DocumentError);
    expect((error as DocumentError).code).to.equal(code);
    expect((error as DocumentError).zh)
      .to.be.a("string")
      .and.not.equal("");
    return;
  }
  expect.fail(`expected the refusal ${code}`);
}

/** A store in a fresh folder serving `program` of `registry`, on `now` (the wall clock by default). */
function storeOf(program: string, registry: string, now?: () => number): DocumentStore {
  return new DocumentStore({
    dir: mkdtempSync(path.join(tmpdir(), "mg-documents-")),
    provider,
    chainId: "31337",
    programs: async () => [{ address: program, registry, fromBlock: 0 }],
    now,
  });
}

/** A proof for `signer`: its signature over a challenge `store` issued now. */
async function proofOf(store: DocumentStore, signer: Signer) {
  const c = store.challenge();
  return { challenge: c.id, signature: await signer.signMessage(c.message) };
}

/** The world: the Guiyang programs, a store in a fresh folder on a movable clock, company A's application. */
async function world() {
  const w = await networkHelpers.loadFixture(deployGuiyang);
  const clock = { now: Math.floor(Date.now() / 1000) };
  const htz = await w.htz.getAddress();
  const store = storeOf(htz, await w.registry.getAddress(), () => clock.now);
  const dir = store.dir;
  const licence = toUtf8Bytes("national lab licence, scanned");
  const bundle: ApplicationBundle = {
    chainId: "31337",
    program: htz,
    categoryId: Number(w.htzCategories.get("application-product")!),
    applicant: w.actors.companyA.address,
    schedule: [{ amount: 60_000_000n, deadline: 1_900_000_000n, date: "2030-03-17" }],
    documents: [{ name: "licence.txt", type: "text/plain", size: licence.length, hash: documentHash(licence) }],
  };
  const hash = bundleHash(bundle);
  await w.htz.connect(w.actors.companyA).submitApplication(bundle.categoryId, hash);
  const ref: DocumentRef = { program: htz, kind: "application", applicationId: await w.htz.applicationCount() };
  const proof = (signer: Signer) => proofOf(store, signer);
  return { w, dir, clock, store, bundle, hash, licence, ref, proof, htz };
}

describe("portal document store", function () {
  describe("upload", function () {
    it("refuses a body whose hash differs from the claimed hash, and writes nothing", async function () {
      const { store, hash, ref, dir } = await world();
      await refused(() => store.put(hash, toUtf8Bytes("some other file"), ref), "hash_mismatch");
      expect(existsSync(dir) ? readdirSync(dir) : []).to.deep.equal([]);
    });

    it("refuses a file whose hash the chain does not record for the application, and writes nothing", async function () {
      const { store, ref, dir } = await world();
      const stray = toUtf8Bytes("not part of the application");
      await refused(() => store.put(documentHash(stray), stray, ref), "not_on_chain");
      expect(readdirSync(dir)).to.deep.equal([]);
    });

    it("keeps the bundle under the on-chain hash, then the files the bundle lists, each under its own hash", async function () {
      const { store, bundle, hash, licence, ref } = await world();
      // Before the bundle is stored, the chain binds only the bundle: its files are not yet known.
      await refused(() => store.put(documentHash(licence), licence, ref), "not_on_chain");
      expect(await store.put(hash, bundleBytes(bundle), ref)).to.deep.equal({ hash, already: false });
      expect(await store.put(documentHash(licence), licence, ref)).to.deep.include({ already: false });
      expect(readdirSync(store.dir).sort()).to.deep.equal([hash, documentHash(licence)].sort());
      expect(parseBundle(bundleBytes(bundle))).to.deep.equal(bundle);
    });

    it("refuses a program the portal does not serve", async function () {
      const { store, w, hash, bundle } = await world();
      const other = { program: await w.city.getAddress(), kind: "application" as const, applicationId: 1n };
      await refused(() => store.put(hash, bundleBytes(bundle), other), "unknown_program");
    });

    it("refuses a look-alike program naming the registry without its authorisation, even if the book lists it", async function () {
      const { w, bundle } = await world();
      const impostor = w.actors.spare[0];
      await w.core.factory
        .connect(impostor)
        .createProgram(
          w.core.version,
          "look-alike",
          await w.token.getAddress(),
          await w.registry.getAddress(),
          w.actors.treasury.address,
          lookAlikeInitParams(impostor.address, w.actors.spare[1].address, BigInt(await networkHelpers.time.latest())),
        );
      const lookAlike = await w.core.factory.programAt((await w.core.factory.programCount()) - 1n);
      const store = storeOf(lookAlike, await w.registry.getAddress());
      // Its own roles would make the impostor an "official": the store never asks them.
      const ref = { program: lookAlike, kind: "application" as const, applicationId: 1n };
      await refused(() => store.put(bundleHash(bundle), bundleBytes(bundle), ref), "unknown_program");
      await refused(async () => store.get(bundleHash(bundle), ref, await proofOf(store, impostor)), "unknown_program");
    });
  });

  describe("reading", function () {
    it("serves the applicant's registered wallet and the program's officials (manager, reviewer, admin)", async function () {
      const { store, w, bundle, hash, licence, ref, proof } = await world();
      await store.put(hash, bundleBytes(bundle), ref);
      await store.put(documentHash(licence), licence, ref);
      const { companyA, manager, reviewers, admin } = w.actors;
      for (const reader of [companyA, manager, reviewers[2], admin]) {
        const bytes = await store.get(documentHash(licence), ref, await proof(reader));
        expect(documentHash(bytes), reader.address).to.equal(documentHash(licence));
      }
      expect(documentHash(await store.get(hash, ref, await proof(companyA)))).to.equal(hash);
    });

    it("refuses a stranger's signature and another company's wallet", async function () {
      const { store, w, bundle, hash, ref, proof } = await world();
      await store.put(hash, bundleBytes(bundle), ref);
      await refused(async () => store.get(hash, ref, await proof(w.actors.stranger)), "not_allowed");
      await refused(async () => store.get(hash, ref, await proof(w.actors.companyB)), "not_allowed");
    });

    it("refuses a read without a signature: documents are never public", async function () {
      const { store, bundle, hash, ref } = await world();
      await store.put(hash, bundleBytes(bundle), ref);
      await refused(() => store.get(hash, ref, {}), "signature_required");
    });

    it("refuses an expired challenge, a challenge it did not issue, and a signature that does not verify", async function () {
      const { store, w, bundle, hash, ref, clock } = await world();
      await store.put(hash, bundleBytes(bundle), ref);
      const c = store.challenge();
      const signature = await w.actors.companyA.signMessage(c.message);
      clock.now = c.expiresAt + 1;
      await refused(() => store.get(hash, ref, { challenge: c.id, signature }), "challenge_expired");
      await refused(() => store.get(hash, ref, { challenge: `0x${"ab".repeat(32)}`, signature }), "challenge_unknown");
      const fresh = store.challenge();
      await refused(() => store.get(hash, ref, { challenge: fresh.id, signature: "0x1234" }), "bad_signature");
    });

    it("a wallet signing a challenge for a message other than the one issued reads as someone else: refused", async function () {
      const { store, w, bundle, hash, ref } = await world();
      await store.put(hash, bundleBytes(bundle), ref);
      const c = store.challenge();
      const signature = await w.actors.companyA.signMessage(`${c.message} (edited)`);
      await refused(() => store.get(hash, ref, { challenge: c.id, signature }), "not_allowed");
    });

    it("detects a file changed on disk after upload: refused as tampered, never served", async function () {
      const { store, w, bundle, hash, licence, ref, proof } = await world();
      await store.put(hash, bundleBytes(bundle), ref);
      await store.put(documentHash(licence), licence, ref);
      writeFileSync(store.fileOf(documentHash(licence)), "licence, edited on the server");
      await refused(async () => store.get(documentHash(licence), ref, await proof(w.actors.manager)), "tampered");
    });

    it("refuses a hash that is not bound to the record named, even for a reader of that record", async function () {
      const { store, w, bundle, hash, ref, proof } = await world();
      await store.put(hash, bundleBytes(bundle), ref);
      await refused(async () => store.get(textHash("elsewhere"), ref, await proof(w.actors.manager)), "not_on_chain");
    });
  });

  describe("evidence and objections", function () {
    it("evidence: the grantee's wallet and a reviewer read it; a stranger is refused", async function () {
      const evidence = toUtf8Bytes("annual operating report");
      const { w, htz, grantId } = await submittedNationalLab(networkHelpers, deployGuiyang, documentHash(evidence));
      const store = storeOf(await htz.getAddress(), await w.registry.getAddress());
      const ref: DocumentRef = { program: await htz.getAddress(), kind: "evidence", grantId, index: 0 };
      await store.put(documentHash(evidence), evidence, ref);
      const sign = (signer: Signer) => proofOf(store, signer);
      expect(documentHash(await store.get(documentHash(evidence), ref, await sign(w.actors.companyA)))).to.equal(
        documentHash(evidence),
      );
      expect(await store.get(documentHash(evidence), ref, await sign(w.actors.reviewers[0]))).to.have.length(
        evidence.length,
      );
      await refused(async () => store.get(documentHash(evidence), ref, await sign(w.actors.stranger)), "not_allowed");
    });

    it("objection: the objector and the manager read it; the grantee is refused", async function () {
      const { w, htz, grantId } = await submittedNationalLab(networkHelpers, deployGuiyang, textHash("evidence"));
      await approveSubmitted(htz, w.actors.reviewers.slice(0, 3), grantId, 0, textHash("evidence"));
      const text = "The licence was issued to another company.";
      await htz.connect(w.actors.stranger).object(grantId, 0, textHash(text));
      const store = storeOf(await htz.getAddress(), await w.registry.getAddress());
      const ref: DocumentRef = { program: await htz.getAddress(), kind: "objection", grantId, index: 0 };
      // A typed objection and the same text as a file hash alike (textHash = documentHash of the UTF-8 bytes).
      await store.put(textHash(text), toUtf8Bytes(text), ref);
      const sign = (signer: Signer) => proofOf(store, signer);
      for (const reader of [w.actors.stranger, w.actors.manager])
        expect(await store.get(textHash(text), ref, await sign(reader))).to.have.length(toUtf8Bytes(text).length);
      await refused(async () => store.get(textHash(text), ref, await sign(w.actors.companyA)), "not_allowed");
    });
  });

  describe("over HTTP", function () {
    it("answers a refusal with its named code and the sentence in English and Chinese; the file comes back byte for byte", async function () {
      const { store, w, bundle, hash, ref } = await world();
      const server: Server = createServer((req, res) =>
        documentMiddleware(async () => store)(req, res, () => {
          res.statusCode = 404;
          res.end();
        }),
      );
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address() as { port: number };
      const at = `http://127.0.0.1:${port}/documents/${hash}?program=${ref.program}&ref=application:${(ref as { applicationId: bigint }).applicationId}`;
      try {
        const wrong = await fetch(at, { method: "PUT", body: "not the bundle" });
        expect(wrong.status).to.equal(422);
        const refusal = (await wrong.json()) as { error: string; en: string; zh: string };
        expect(refusal.error).to.equal("hash_mismatch");
        expect(refusal.en).to.match(/differs/);
        expect(refusal.zh).to.match(/不一致/);
        expect((await fetch(at, { method: "PUT", body: bundleBytes(bundle) })).status).to.equal(201);
        expect((await fetch(at)).status).to.equal(401);
        const challenge = (await (
          await fetch(`http://127.0.0.1:${port}/documents/challenge`, { method: "POST" })
        ).json()) as {
          id: string;
          message: string;
        };
        const signature = await w.actors.manager.signMessage(challenge.message);
        const served = await fetch(at, { headers: { "x-mg-challenge": challenge.id, "x-mg-signature": signature } });
        expect(served.status).to.equal(200);
        expect(documentHash(new Uint8Array(await served.arrayBuffer()))).to.equal(hash);
      } finally {
        server.close();
      }
    });
  });

  it("the award schedule a bundle proposes survives the round trip exactly (integer token units, unix deadlines)", function () {
    const schedule = terms(1_700_000_000n, [["3,000,000", 30]]).map((m) => ({
      amount: m.amount,
      deadline: m.deadline,
      date: "2023-12-14",
    }));
    const bundle: ApplicationBundle = {
      chainId: "1",
      program: "0x0000000000000000000000000000000000000001",
      categoryId: 2,
      applicant: "0x0000000000000000000000000000000000000002",
      schedule,
      documents: [],
    };
    expect(parseBundle(bundleBytes(bundle)).schedule).to.deep.equal(schedule);
    expect(() => parseBundle(toUtf8Bytes("{}"))).to.throw(DocumentError);
  });
});
