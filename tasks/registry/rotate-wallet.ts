/** mg:rotate-wallet request|cancel|complete — change an entity's payout wallet after the registry's delay. */
import { formatBeijing } from "../../core/messages/labels.js";
import { formatTimestamp } from "../../core/time.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { pickAddress } from "../runtime/connection.js";
import { bookRegistry, resolveEntity } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { sent, txLine } from "../runtime/tx.js";

export interface RotateWalletArgs extends CommonArgs {
  action: string;
  jurisdiction: string | undefined;
  uscc: string | undefined;
  entityNo: string | undefined;
  entityId: string | undefined;
  wallet: string | undefined;
}

const action = defineAction("mg:rotate-wallet", async (args: RotateWalletArgs, env) => {
  const { registry, name } = await bookRegistry(env, args.jurisdiction);
  const { entityNo } = await resolveEntity(registry, args);
  const r = registry.connect(env.signer);
  const action = args.action.trim().toLowerCase();
  if (action === "request") {
    const wallet = pickAddress(env.signers, args.wallet, "--wallet");
    const tx = await sent(r.requestWalletChange(entityNo, wallet));
    const pending = await registry.pendingWalletChange(entityNo);
    return {
      result: {
        action,
        jurisdiction: name,
        entityNo,
        newWallet: wallet,
        effectiveAt: pending.effectiveAt,
        tx: tx.hash,
      },
      lines: [
        line(
          `Requested a payout wallet change for entity number ${entityNo} in ${name} to ${wallet}.`,
          `已申请将 ${name} 第 ${entityNo} 号主体的收款钱包变更为 ${wallet}。`,
        ),
        line(
          `  effective from ${formatTimestamp(pending.effectiveAt)}; until then claims still pay the current wallet.`,
          `  自 ${formatBeijing(pending.effectiveAt, "zh")} 起生效；在此之前领取的款项仍付至现收款钱包。`,
        ),
        txLine(tx),
      ],
    };
  }
  if (action === "cancel") {
    const tx = await sent(r.cancelWalletChange(entityNo));
    return {
      result: { action, jurisdiction: name, entityNo, tx: tx.hash },
      lines: [
        line(
          `Cancelled the pending payout wallet change of entity number ${entityNo}.`,
          `已撤销第 ${entityNo} 号主体待生效的收款钱包变更。`,
        ),
        txLine(tx),
      ],
    };
  }
  if (action === "complete") {
    const tx = await sent(r.completeWalletChange(entityNo));
    const [wallet] = await registry.payoutOf(entityNo);
    return {
      result: { action, jurisdiction: name, entityNo, wallet, tx: tx.hash },
      lines: [
        line(
          `Entity number ${entityNo} now receives payments at ${wallet}.`,
          `第 ${entityNo} 号主体现以 ${wallet} 收款。`,
        ),
        txLine(tx),
      ],
    };
  }
  throw new TaskInputError(
    `The action must be request, cancel or complete, not "${args.action}".`,
    `操作必须是 request（申请）、cancel（撤销）或 complete（完成），不能是“${args.action}”。`,
  );
});

export default action;

/** What mg:rotate-wallet returns (and prints with --json, beside ok and task). */
export type RotateWalletResult = ResultOf<typeof action>;
