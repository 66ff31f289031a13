/**
 * mg:register-entity — the registrar registers a company (by its unified social credit code) or an
 * individual (by a salted commitment computed here: the ID number never leaves this machine).
 */
import { hexlify, randomBytes } from "ethers";

import { EntityKind } from "../../core/enums.js";
import { companyId, individualCommitment, USCC_PATTERN } from "../../core/ids.js";
import { parseHash, TaskInputError, type CommonArgs } from "../runtime/args.js";
import { pickAddress } from "../runtime/connection.js";
import { bookRegistry } from "../runtime/resolution.js";
import { defineAction, type ResultOf } from "../runtime/output.js";
import { sent, txLine } from "../runtime/tx.js";

export interface RegisterEntityArgs extends CommonArgs {
  jurisdiction: string | undefined;
  uscc: string | undefined;
  idNumber: string | undefined;
  salt: string | undefined;
  wallet: string | undefined;
}

const action = defineAction("mg:register-entity", async (args: RegisterEntityArgs, env) => {
  const { registry, name } = await bookRegistry(env, args.jurisdiction);
  const wallet = pickAddress(env.signers, args.wallet, "--wallet");
  const company = args.uscc !== undefined && args.uscc.trim() !== "";
  const individual = args.idNumber !== undefined && args.idNumber.trim() !== "";
  if (company === individual) {
    throw new TaskInputError(
      "Give either --uscc (a company) or --id-number with --salt (an individual), not both or neither.",
    );
  }
  let entityId: string;
  let kind: number;
  let salt: string | null = null;
  let generatedSalt = false;
  if (company) {
    const code = (args.uscc ?? "").trim().toUpperCase();
    if (!USCC_PATTERN.test(code)) {
      throw new TaskInputError(`--uscc "${args.uscc}" is not a unified social credit code (18 characters).`);
    }
    entityId = companyId(code);
    kind = EntityKind.Company;
  } else {
    if (args.salt === undefined || args.salt.trim() === "") {
      salt = hexlify(randomBytes(32));
      generatedSalt = true;
    } else {
      salt = parseHash(args.salt.trim(), "--salt");
    }
    entityId = individualCommitment(salt, (args.idNumber ?? "").trim());
    kind = EntityKind.Individual;
  }
  const entityNo = await registry.connect(env.signer).registerEntity.staticCall(entityId, kind, wallet);
  const tx = await sent(registry.connect(env.signer).registerEntity(entityId, kind, wallet));
  const lines = [
    `Registered ${company ? `company ${(args.uscc ?? "").trim().toUpperCase()}` : "an individual (commitment only)"} in ${name} as entity number ${entityNo}.`,
    `  entity id ${entityId}`,
    `  payout wallet ${wallet}`,
    txLine(tx),
  ];
  if (salt !== null) {
    lines.push(
      `  salt ${salt}${generatedSalt ? " (generated)" : ""} — keep it with the person's file: with the ID number it proves the commitment. The ID number was not sent.`,
    );
  }
  return {
    result: {
      jurisdiction: name,
      entityNo,
      entityId,
      kind: company ? "company" : "individual",
      wallet,
      salt,
      tx: tx.hash,
    },
    lines,
  };
});

export default action;

/** What mg:register-entity returns (and prints with --json, beside ok and task). */
export type RegisterEntityResult = ResultOf<typeof action>;
