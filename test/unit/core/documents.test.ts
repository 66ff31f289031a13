/**
 * core/documents.ts: one document hash for the tasks, the portal and the store; the application bundle's
 * bytes are fixed by its content; document references read back as written and refuse anything else.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { expect } from "chai";
import { keccak256, toUtf8Bytes } from "ethers";

import {
  bundleBytes,
  bundleHash,
  documentHash,
  DocumentError,
  parseBundle,
  parseRef,
  refText,
  type ApplicationBundle,
} from "../../../core/documents.js";
import { textHash } from "../../../core/ids.js";
import { fileHash } from "../../../tasks/runtime/hashes.js";

const PROGRAM = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("core documents", function () {
  it("hashes a file as mg:evidence does and a typed text as its UTF-8 bytes: one function", function () {
    const bytes = toUtf8Bytes("营业执照（扫描件）\n");
    const file = path.join(mkdtempSync(path.join(tmpdir(), "mg-doc-")), "licence.txt");
    writeFileSync(file, bytes);
    expect(fileHash(file, "--file")).to.equal(documentHash(bytes));
    expect(documentHash(bytes)).to.equal(keccak256(bytes));
    expect(textHash("营业执照（扫描件）\n")).to.equal(documentHash(bytes));
  });

  it("writes a bundle's bytes from its content alone: the same application gives the same on-chain hash", function () {
    const bundle: ApplicationBundle = {
      chainId: "31337",
      program: PROGRAM.toLowerCase(),
      categoryId: 3,
      applicant: "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
      schedule: [{ amount: 150_000_000n, deadline: 1_814_371_199n, date: "2027-06-30" }],
      documents: [{ name: "licence.pdf", type: "application/pdf", size: 10, hash: keccak256("0x01").toUpperCase() }],
    };
    const checksummed = { ...bundle, program: PROGRAM, applicant: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8" };
    expect(bundleHash(checksummed)).to.equal(bundleHash(bundle));
    expect(bundleHash(bundle)).to.equal(documentHash(bundleBytes(bundle)));
    const read = parseBundle(bundleBytes(bundle));
    expect(read.schedule).to.deep.equal(bundle.schedule);
    expect(read.documents[0].hash).to.equal(keccak256("0x01"));
  });

  it("refuses bytes that are not a bundle, with the named code", function () {
    for (const text of ["not json", "{}", '{"format":"milestone-grants/application-bundle@1"}']) {
      expect(() => parseBundle(toUtf8Bytes(text)))
        .to.throw(DocumentError)
        .with.property("code", "bad_bundle");
    }
  });

  it("reads a document reference back as written, and refuses any other form", function () {
    for (const text of ["application:7", "evidence:12:0", "objection:3:15"])
      expect(refText(parseRef(PROGRAM, text))).to.equal(text);
    for (const text of [
      "application:",
      "evidence:1",
      "objection:1:16",
      "attestation:1:0",
      "evidence:1:0:2",
      "application:-1",
    ])
      expect(() => parseRef(PROGRAM, text), text)
        .to.throw(DocumentError)
        .with.property("code", "bad_ref");
    expect(() => parseRef("0x123", "application:1"))
      .to.throw(DocumentError)
      .with.property("code", "bad_ref");
  });
});
