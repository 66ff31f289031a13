/**
 * mg:register-entity — the registrar registers a company (by its unified social credit code, check
 * character verified) or an individual (by resident identity number or passport, checked, committed here
 * under the jurisdiction's registrar secret: the number never leaves this machine, and the same person
 * always gives the same entity id, so a second registration is refused).
 */
import { existsSync, readFileSync } from "node:fs";

import { EntityKind } from "../../core/enums.js";
import { companyId } from "../../core/ids.js";
import { individualId, parseIdentityDocument, parseRegistrarSecret, parseUscc } from "../../core/identity.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { pickAddress } from "../runtime/connection.js";
import { bookRegistry } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { sent, txLine } from "../runtime/tx.js";

/** The environment variable that may hold the registrar secret instead of --secret-file. */
export const REGISTRAR_SECRET_VARIABLE = "MG_REGISTRAR_SECRET";

export interface RegisterEntityArgs extends CommonArgs {
  jurisdiction: string | undefined;
  uscc: string | undefined;
  idNumber: string | undefined;
  secretFile: string | undefined;
  wallet: string | undefined;
}

/** The registrar secret from --secret-file, else from MG_REGISTRAR_SECRET; refused when neither. */
function registrarSecret(secretFile: string | undefined): string {
  if (secretFile !== undefined && secretFile.trim() !== "") {
    if (!existsSync(secretFile)) {
      throw new TaskInputError(
        `${secretFile}: no such file; --secret-file names the file holding the registrar secret.`,
        `${secretFile}：文件不存在；--secret-file 应指向保存登记机关密钥的文件。`,
      );
    }
    return parseRegistrarSecret(readFileSync(secretFile, "utf8"));
  }
  const fromEnvironment = process.env[REGISTRAR_SECRET_VARIABLE];
  if (fromEnvironment !== undefined && fromEnvironment.trim() !== "") return parseRegistrarSecret(fromEnvironment);
  throw new TaskInputError(
    `An individual is registered under the jurisdiction's registrar secret: give --secret-file <file> or set ${REGISTRAR_SECRET_VARIABLE} (docs/operators.md).`,
    `个人须使用本辖区登记机关密钥登记：请提供 --secret-file <文件> 或设置环境变量 ${REGISTRAR_SECRET_VARIABLE}（见 docs/operators.md）。`,
  );
}

const action = defineAction("mg:register-entity", async (args: RegisterEntityArgs, env) => {
  const { registry, name } = await bookRegistry(env, args.jurisdiction);
  const wallet = pickAddress(env.signers, args.wallet, "--wallet");
  const company = args.uscc !== undefined && args.uscc.trim() !== "";
  const individual = args.idNumber !== undefined && args.idNumber.trim() !== "";
  if (company === individual) {
    throw new TaskInputError(
      "Give either --uscc (a company) or --id-number (an individual), not both or neither.",
      "请提供 --uscc（企业）或 --id-number（个人）二者之一，不能都提供或都不提供。",
    );
  }
  let entityId: string;
  let described: string;
  let describedZh: string;
  if (company) {
    const code = parseUscc(args.uscc ?? "");
    entityId = companyId(code);
    described = `company ${code}`;
    describedZh = `企业（统一社会信用代码 ${code}）`;
  } else {
    const document = parseIdentityDocument(args.idNumber ?? "");
    entityId = individualId(registrarSecret(args.secretFile), document);
    described = `an individual (${document.startsWith("PASSPORT:") ? "passport" : "resident ID"}, commitment only)`;
    describedZh = `个人（${document.startsWith("PASSPORT:") ? "护照" : "居民身份证"}，仅登记承诺值）`;
  }
  const kind = company ? EntityKind.Company : EntityKind.Individual;
  const entityNo = await registry.connect(env.signer).registerEntity.staticCall(entityId, kind, wallet);
  const tx = await sent(registry.connect(env.signer).registerEntity(entityId, kind, wallet));
  const lines = [
    line(
      `Registered ${described} in ${name} as entity number ${entityNo}.`,
      `已在 ${name} 登记${describedZh}，主体编号为第 ${entityNo} 号。`,
    ),
    line(`  entity id ${entityId}`, `  主体标识 ${entityId}`),
    line(`  payout wallet ${wallet}`, `  收款钱包 ${wallet}`),
    txLine(tx),
  ];
  if (!company) {
    lines.push(
      line(
        "  The ID number was not sent; with the registrar secret it gives this entity id again.",
        "  证件号码未上链；凭登记机关密钥可由该号码重新得出同一主体标识。",
      ),
    );
  }
  return {
    result: { jurisdiction: name, entityNo, entityId, kind: company ? "company" : "individual", wallet, tx: tx.hash },
    lines,
  };
});

export default action;

/** What mg:register-entity returns (and prints with --json, beside ok and task). */
export type RegisterEntityResult = ResultOf<typeof action>;
