/** mg:claim — the grantee's payout wallet claims payable milestones (all of them unless named). */
import { MilestoneState } from "../../core/enums.js";
import { TaskInputError, type CommonArgs } from "../runtime/args.js";
import { bookProgram } from "../runtime/resolution.js";
import { defineAction, line, type ResultOf } from "../runtime/output.js";
import { grantId, milestoneIndex } from "../runtime/hashes.js";
import { claimOutlook } from "../runtime/states.js";
import { sent, txLine } from "../runtime/tx.js";

export interface ClaimArgs extends CommonArgs {
  program: string | undefined;
  grant: string | undefined;
  milestones: string | undefined;
}

const action = defineAction("mg:claim", async (args: ClaimArgs, env) => {
  const p = await bookProgram(env, args.program);
  const id = grantId(args.grant);
  const g = await p.program.grant(id);
  // Say who may claim before anything else: a wrong --from is the commonest mistake.
  const registry = await env.ethers.getContractAt("EntityRegistry", await p.program.registry());
  const wallet = (await registry.entity(g.entityNo)).wallet;
  if (wallet.toLowerCase() !== env.signer.address.toLowerCase()) {
    throw new TaskInputError(
      `Grant ${id} is paid only to entity ${g.entityNo}'s payout wallet ${wallet}; ${env.signer.address} (--from) is another account: sign with that wallet.`,
      `第 ${id} 号资助只支付给第 ${g.entityNo} 号主体的收款钱包 ${wallet}；${env.signer.address}（--from）是另一个账户：请用该钱包签名。`,
    );
  }
  const outlooks: Array<ReturnType<typeof claimOutlook> & { index: number; state: number }> = [];
  for (let i = 0; i < Number(g.milestoneCount); i++) {
    const state = Number(await p.program.milestoneState(id, i));
    outlooks.push({ index: i, state, ...claimOutlook(i, state, await p.program.milestone(id, i)) });
  }
  let indexes: number[];
  if (args.milestones === undefined || args.milestones.trim() === "") {
    indexes = outlooks.filter((o) => o.state === MilestoneState.Payable).map((o) => o.index);
    if (indexes.length === 0) {
      const en = outlooks.map((o) => o.en).join("; ");
      const zh = outlooks.map((o) => o.zh).join("；");
      // Nothing will ever be payable when every milestone is paid, lapsed, cancelled or past its deadline.
      throw outlooks.every((o) => o.final)
        ? new TaskInputError(
            `Grant ${id} has nothing left to claim: ${en}.`,
            `第 ${id} 号资助已没有可领取的款项：${zh}。`,
          )
        : new TaskInputError(
            `Grant ${id} has no payable milestone yet: ${en}.`,
            `第 ${id} 号资助目前没有可领取的里程碑：${zh}。`,
          );
    }
  } else {
    indexes = args.milestones.split(",").map((part) => milestoneIndex(part, "--milestones"));
    const waiting = indexes
      .map((i) => outlooks[i])
      .filter((o) => o !== undefined && o.state !== MilestoneState.Payable);
    if (waiting.length > 0) {
      throw new TaskInputError(
        `Grant ${id} cannot pay ${waiting.map((o) => `#${o.index}`).join(", ")} now: ${waiting.map((o) => o.en).join("; ")}.`,
        `第 ${id} 号资助现在不能支付${waiting.map((o) => `第 ${o.index} 号`).join("、")}：${waiting.map((o) => o.zh).join("；")}。`,
      );
    }
  }
  const amount = await p.program.claim.staticCall(id, indexes);
  const tx = await sent(p.program.claim(id, indexes));
  return {
    result: {
      program: p.name,
      grantId: id,
      milestones: indexes,
      amount: p.amount(amount),
      wallet: env.signer.address,
      tx: tx.hash,
    },
    lines: [
      line(
        `Claimed ${p.money(amount)} for milestone(s) ${indexes.map((i) => `#${i}`).join(", ")} of grant ${id} in ${p.name}, paid to ${env.signer.address}.`,
        `已领取 ${p.name} 第 ${id} 号资助${indexes.map((i) => `第 ${i} 号`).join("、")}里程碑款项 ${p.moneyZh(amount)}，付至收款钱包 ${env.signer.address}。`,
      ),
      txLine(tx),
    ],
  };
});

export default action;

/** What mg:claim returns (and prints with --json, beside ok and task). */
export type ClaimResult = ResultOf<typeof action>;
