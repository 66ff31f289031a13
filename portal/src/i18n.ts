/**
 * Chinese and English labels of the portal's own screens. Milestone states ("state.InNotice"…) and
 * program roles come from the shared core's dictionary (core/messages/labels.ts), as do refusal
 * sentences and countdowns, so the portal and the tasks name them alike. The language is kept in
 * localStorage; Chinese is the default.
 */
import { enumNames, MilestoneState } from "../../core/enums.js";
import { MILESTONE_STATE_BADGES, ROLE_LABELS, type Bilingual, type Lang } from "../../core/messages/labels.js";

export type { Lang };

const pair = (label: Bilingual): [en: string, zh: string] => [label.en, label.zh];

const LABELS: Record<string, [en: string, zh: string]> = {
  brand: ["Milestone Grants", "里程碑奖补"],
  "nav.company": ["Company", "企业"],
  "nav.official": ["Officials", "主管部门"],
  "nav.public": ["Public", "公众监督"],
  "lang.switch": ["中文", "English"],
  connect: ["Connect wallet", "连接钱包"],
  "wallet.none": [
    "No browser wallet (EIP-1193) found. Install one, e.g. MetaMask.",
    "未检测到浏览器钱包（EIP-1193），请安装 MetaMask 等钱包。",
  ],
  "wallet.wrongChain": [
    "The wallet is on chain {have}; switch it to chain {want}.",
    "钱包当前在链 {have}，请切换到链 {want}。",
  ],
  "wallet.connectFirst": ["Connect your wallet to act.", "请先连接钱包。"],
  "company.title": ["My awards", "我的奖补"],
  "company.notRegistered": [
    "This wallet is not the payout wallet of any registered entity.",
    "该钱包不是任何已登记主体的收款钱包。",
  ],
  "company.entity": ["Entity", "主体"],
  "company.recoveryOwed": ["Recovery owed", "应退回金额"],
  "company.repay": ["Repay", "退回"],
  "company.approveRepay": [
    "Allow the program to take {amount} for the repayment (token approval; nothing moves yet)",
    "授权项目收取退回款 {amount}（代币授权，尚未转账）",
  ],
  "company.claim": ["Claim payable milestones", "领取可领取的里程碑款项"],
  "company.evidence": ["Submit evidence file", "提交佐证材料"],
  "company.noAwards": ["No awards in this program.", "本项目中无奖补。"],
  "company.recoveryOpen": [
    "{n} recovery order(s) open: barred from new awards and claims in every program of this registry until repaid",
    "有 {n} 项追回未结清：在本登记机关的所有项目中暂停新奖补和领取，直至退回",
  ],
  yuanUnit: ["yuan", "元"],
  description: ["Description", "说明"],
  "description.unpublished": ["text not published; hash {hash}", "原文未公布；哈希 {hash}"],
  "description.verified": ["this text's keccak256 equals the hash on chain", "此文本的 keccak256 与链上哈希一致"],
  "condition.title": ["Award condition", "奖补条件"],
  "condition.verified": ["matches the condition the program recorded on chain", "与项目在链上登记的条件一致"],
  "condition.unverified": [
    "does not match the condition hash on chain: ask the program's administration",
    "与链上登记的条件哈希不一致：请向项目主管部门核实",
  ],
  "policy.title": ["Policy", "政策依据"],
  "policy.article": ["implements {article}", "依据 {article}"],
  "ev.SupervisionStarted": ["supervision after payment starts, until {time}", "拨付后监管期开始，至 {time}"],
  "ev.AttestationFiled": ["compliance attestation {window} filed: {hash}", "提交第 {window} 期合规报告：{hash}"],
  "ev.RecoveryAfterSupervision": [
    "recovery after the supervision period, by the admin's override ({who})",
    "监管期满后经管理员特批追回（{who}）",
  ],
  "supervision.title": ["Supervision after payment", "拨付后监管期"],
  "supervision.AwaitingPayments": ["payments not over yet", "尚未拨付完毕"],
  "supervision.ReadyToStart": [
    "payments over: start the supervision period (the sooner it starts, the sooner it ends)",
    "已拨付完毕：请启动监管期（越早启动，越早期满）",
  ],
  "supervision.Supervising": ["under supervision, attestations up to date", "监管中，合规报告按期提交"],
  "supervision.AttestationMissed": [
    "an attestation was MISSED: the grant may be recovered (the manager decides)",
    "有合规报告逾期未交：该资助可被责令追回（由项目经办决定）",
  ],
  "supervision.Closed": ["the supervision period is over: closed for good", "监管期满：已结案"],
  "supervision.figures": [
    "{from} to {to}; attestations filed {filed}, missed {missed}, of {windows}",
    "{from} 至 {to}；合规报告已交 {filed} 期，逾期 {missed} 期，共 {windows} 期",
  ],
  "supervision.start": ["Start supervision", "启动监管期"],
  "supervision.attest": ["File this window's attestation", "提交本期合规报告"],
  "rules.title": ["Rules on chain", "链上规则"],
  "rules.file": ["Program file", "项目文件"],
  "rules.policyText": ["Policy text", "政策文本"],
  "rules.matches": [
    "the hash the program fixed at creation matches the published file",
    "与项目创建时写入链上的哈希一致，即已公布的文件",
  ],
  "rules.differs": [
    "does NOT match the file published here: the rules on chain are not this file",
    "与此处公布的文件不一致：链上规则并非此文件",
  ],
  "check.label": ["Check a file against this hash", "核对文件与此哈希"],
  "check.match": ["Match: the file's hash is {hash}", "一致：文件哈希为 {hash}"],
  "check.mismatch": [
    "No match: the file's hash is {hash}, the chain holds {expected}",
    "不一致：文件哈希为 {hash}，链上为 {expected}",
  ],
  "evidence.title": ["Evidence", "佐证材料"],
  "evidence.submitted": ["submitted {time}", "提交于 {time}"],
  "evidence.offChain": [
    "Documents stay off chain: open the file from the portal's document store (verified against this hash), or check a copy you were given.",
    "材料不上链：可从门户材料库打开文件（自动与此哈希核对），或核对他人提供的副本。",
  ],
  "apply.title": ["Apply to this program", "申请本项目奖补"],
  "apply.category": ["Category applied for", "申请类别"],
  "apply.files": ["Application documents (one or more files)", "申请材料（可选多个文件）"],
  "apply.schedule": ["Proposed milestones: amount@YYYY-MM-DD; … (yuan)", "拟定里程碑：金额@YYYY-MM-DD；…（元）"],
  "apply.submit": ["Submit application", "提交申请"],
  "apply.filesRequired": ["Choose the application's documents first.", "请先选择申请材料文件。"],
  "apply.note": [
    "Only one hash goes on chain: that of the bundle listing your files and the proposed schedule. The files go to the portal's document store, readable only by your registered wallet and the program's officials.",
    "链上只记录一个哈希：列明所附文件及拟定里程碑的材料清单的哈希。文件存入门户材料库，仅本主体登记钱包及项目主管人员可查阅。",
  ],
  "apply.what": ["Application to {category}", "申请 {category}"],
  "apps.mine": ["My applications", "我的申请"],
  "apps.none": ["No applications to this program.", "尚未向本项目提出申请。"],
  "apps.status.Open": ["open", "待处理"],
  "apps.status.Awarded": ["awarded", "已授予"],
  "apps.status.Declined": ["declined", "不予受理"],
  "apps.status.None": ["unknown", "未知"],
  "apps.readOnly": [
    "As a committee member you read the applications; the programme manager awards or declines them.",
    "专家委员可查阅申请材料；授予或不予受理由项目经办人办理。",
  ],
  "doc.open": ["Open document", "打开材料"],
  "doc.openNamed": ["Open {name}", "打开 {name}"],
  "doc.openApplication": ["Open the application's documents", "打开申请材料"],
  "doc.verified": ["Verified against the on-chain hash {hash}", "已核验：与链上哈希 {hash} 一致"],
  "doc.verifiedListed": [
    "Verified against the hash {hash} the application bundle lists (the bundle's hash is on chain)",
    "已核验：与申请材料清单所列哈希 {hash} 一致（清单哈希已上链）",
  ],
  "doc.refused": ["Not opened: {why}", "未打开：{why}"],
  "doc.save": ["Save {name}", "保存 {name}"],
  "doc.schedule": ["Proposed schedule", "拟定里程碑"],
  "doc.files": ["Documents", "所附材料"],
  "doc.stored": [
    "{n} file(s) stored in the portal's document store under their hashes",
    "已按哈希将 {n} 个文件存入门户材料库",
  ],
  "doc.storeFailed": [
    "The transaction is on chain, but the files were not stored: {why}",
    "交易已上链，但文件未能存入材料库：{why}",
  ],
  "objection.by": ["Objection by {who}, filed {time}", "异议人 {who}，提出于 {time}"],
  "objection.document": ["Objection document hash", "异议材料哈希"],
  "apps.hash": ["Application document hash", "申请材料哈希"],
  "apps.decline": ["Decline", "不予受理"],
  "apps.declineReason": ["Reason for declining (its hash goes on chain)", "不予受理理由（仅哈希上链）"],
  "apps.reasonRequired": ["Write the reason for declining first.", "请先填写不予受理的理由。"],
  "receipt.title": ["Receipt", "交易回执"],
  "receipt.close": ["Close this receipt", "关闭此回执"],
  "receipt.what": ["Transaction", "事项"],
  "receipt.amount": ["Amount", "金额"],
  "receipt.payee": ["Payee", "收款方"],
  "receipt.payer": ["Payer", "付款方"],
  "receipt.program": ["Program", "项目"],
  "receipt.hash": ["Transaction hash", "交易哈希"],
  "receipt.block": ["Block", "区块"],
  "receipt.time": ["Time (Beijing)", "时间（北京时间）"],
  "receipt.from": ["Sent by", "发起账户"],
  "receipt.document": ["Document hash", "材料哈希"],
  "history.title": ["History", "全部记录"],
  "history.tx": ["tx {hash}", "交易 {hash}"],
  "history.csv": ["Download history (CSV)", "下载全部记录（CSV）"],
  "export.title": ["Download the public record", "公开数据下载"],
  "export.note": [
    "The same files as mg:export, from every event of the program on chain (CSV, opens in Excel).",
    "与 mg:export 相同的文件，取自该项目链上的全部事件（CSV，可用 Excel 打开）。",
  ],
  "export.register": ["Award register (CSV)", "资助名单（CSV）"],
  "export.milestones": ["Grant events (CSV)", "资助事件（CSV）"],
  "export.ledger": ["Ledger movements (CSV)", "资金流水（CSV）"],
  "ev.GrantAwarded": ["Awarded {amount} in {count} milestone(s)", "授予 {amount}，共 {count} 个里程碑"],
  "ev.fromApplication": ["from application #{id}", "来自申请 #{id}"],
  "ev.MilestoneScheduled": ["#{i} scheduled: {amount}, deadline {deadline}", "#{i} 计划：{amount}，截止 {deadline}"],
  "ev.EvidenceSubmitted": ["#{i} evidence submitted, hash {hash}", "#{i} 提交佐证材料，哈希 {hash}"],
  "ev.VoteCast.approve": ["#{i} approved by {who}", "#{i} {who} 投票通过"],
  "ev.VoteCast.reject": ["#{i} rejected by {who}", "#{i} {who} 投票否决"],
  "ev.MilestoneApproved": ["#{i} reached quorum; public notice until {time}", "#{i} 达到法定票数；公示至 {time}"],
  "ev.MilestoneRejected": ["#{i} rejected by the committee", "#{i} 评审未通过"],
  "ev.DeadlineExtended": ["#{i} deadline moved to {time}", "#{i} 截止时间顺延至 {time}"],
  "ev.ConflictDeclared": ["{who} declared a conflict of interest (recused)", "{who} 申报利益冲突（回避）"],
  "ev.SignedVoteSkipped": ["#{i} signed vote of {who} not counted", "#{i} {who} 的签名投票未计入"],
  "ev.ObjectionFiled": ["#{i} objection by {who}, document hash {hash}", "#{i} {who} 提出异议，材料哈希 {hash}"],
  "ev.ObjectionRuled.upheld": ["#{i} objection upheld", "#{i} 异议成立"],
  "ev.ObjectionRuled.dismissed": ["#{i} objection dismissed", "#{i} 异议被驳回"],
  "ev.MilestoneClaimed": ["#{i} paid {amount} to {who}", "#{i} 向 {who} 支付 {amount}"],
  "ev.MilestoneLapsed": ["#{i} lapsed; {amount} back to the budget", "#{i} 失效；{amount} 退回预算"],
  "ev.MilestoneCancelled": ["#{i} cancelled; {amount} back to the budget", "#{i} 取消；{amount} 退回预算"],
  "ev.GrantCancelled": ["Grant cancelled; {amount} back to the budget", "奖补取消；{amount} 退回预算"],
  "ev.RecoveryOrdered": ["Recovery of {amount} ordered", "责令追回 {amount}"],
  "ev.Repaid": ["{amount} repaid by {who}; still owed {owed}", "{who} 退回 {amount}；尚欠 {owed}"],
  "ev.reason": ["reason: {text}", "理由：{text}"],
  "bar.explained": [
    "Until it is repaid the entity is barred: no new award and no claim in any program of this registry (the bar lifts itself on full repayment).",
    "退回前该主体被限制：在本登记机关的所有项目中不得获得新奖补、不得领取款项（全额退回后自动解除）。",
  ],
  "recovery.status": [
    "Recovered: {ordered} ordered back, {repaid} repaid, {owed} still owed",
    "已追回：责令退回 {ordered}，已退回 {repaid}，尚欠 {owed}",
  ],
  "recovery.settled": ["Recovered in full: {repaid} repaid", "已全额追回：退回 {repaid}"],
  program: ["Program", "项目"],
  grant: ["Grant", "奖补"],
  category: ["Category", "类别"],
  milestone: ["Milestone", "里程碑"],
  amount: ["Amount (yuan)", "金额（元）"],
  state: ["State", "状态"],
  deadline: ["Deadline", "截止"],
  notice: ["Notice window", "公示期"],
  votes: ["Votes", "投票"],
  paid: ["Paid", "已支付"],
  awarded: ["Awarded", "奖补总额"],
  grantee: ["Grantee", "获奖主体"],
  "budget.title": ["Budget", "预算"],
  "budget.funded": ["Funded", "已拨入"],
  "budget.reserved": ["Reserved", "已预留"],
  "budget.paid": ["Paid", "已支付"],
  "budget.available": ["Available", "可用"],
  "budget.withdrawn": ["Withdrawn", "已退库"],
  "budget.repaid": ["Repaid", "已追回"],
  "budget.recovery": ["Recovery outstanding", "待追回"],
  "chart.title": ["Where the budget stands", "预算去向"],
  "categories.title": ["Categories against caps", "类别使用与上限"],
  "categories.awards": ["Awards / cap", "已奖 / 上限"],
  "categories.committed": ["Committed / cap", "已承诺 / 上限"],
  unlimited: ["no cap", "不限"],
  "categories.level": [
    "level {tier} of tier group {group} (an upgrade is paid the difference)",
    "第 {group} 级别组第 {tier} 级（晋级只补差额）",
  ],
  "queue.title": ["Review queue", "待审队列"],
  "queue.empty": ["Nothing waits for you.", "暂无待办。"],
  "queue.voted": ["you voted", "已投票"],
  approve: ["Approve", "通过"],
  reject: ["Reject", "否决"],
  "sign.approve": ["Sign approval (off chain)", "离线签名：通过"],
  "sign.reject": ["Sign rejection (off chain)", "离线签名：否决"],
  reason: ["Reason", "理由"],
  "rule.title": ["Objections to rule on", "待裁决异议"],
  uphold: ["Uphold", "异议成立"],
  dismiss: ["Dismiss", "驳回异议"],
  "apps.title": ["Open applications", "待处理申请"],
  "apps.award": ["Award", "授予"],
  "apps.qualifying": ["Qualifying date (categories with an eligibility window)", "取得资格日期（设有资格期限的类别）"],
  "apps.milestones": ["Milestones: amount@YYYY-MM-DD; …", "里程碑：金额@YYYY-MM-DD；…"],
  "role.admin": pair(ROLE_LABELS.admin),
  "role.manager": pair(ROLE_LABELS.manager),
  "role.treasurer": pair(ROLE_LABELS.treasurer),
  "role.guardian": pair(ROLE_LABELS.guardian),
  "role.reviewer": ["expert committee member (slot {slot})", "专家委员（席位 {slot}）"],
  "roles.title": ["Your roles", "您的角色"],
  "roles.none": [
    "This wallet holds no role in this program; the figures are public.",
    "该钱包在本项目中无角色；以下数据公开。",
  ],
  "public.awards": ["Awards", "奖补公示"],
  "public.open": ["Open for objection (public notice)", "公示中，可提出异议"],
  "public.none": ["No milestone is in its notice window.", "当前无处于公示期的里程碑。"],
  "public.object": ["File objection", "提出异议"],
  "public.objectionText": [
    "Your objection (its hash goes on chain; keep the text)",
    "异议内容（仅哈希上链，请保留原文）",
  ],
  "tx.wallet": ["Confirm in your wallet: {what}", "请在钱包中确认：{what}"],
  "tx.pending": ["Pending: {what} ({hash})", "待确认：{what}（{hash}）"],
  "tx.confirmed": ["Confirmed in block {block}: {what}", "已在区块 {block} 确认：{what}"],
  "tx.failed": ["Refused: {why}", "被拒绝：{why}"],
  "sign.saved": [
    "Signed vote ({decision}) saved as {file}; submit it with mg:submit-votes.",
    "签名投票（{decision}）已保存为 {file}，可用 mg:submit-votes 提交。",
  ],
  ...Object.fromEntries(enumNames(MilestoneState).map((name) => [`state.${name}`, pair(MILESTONE_STATE_BADGES[name])])),
  "page.controls": ["Pages", "分页"],
  "page.prev": ["Previous", "上一页"],
  "page.next": ["Next", "下一页"],
  "page.of": ["Page {page} of {pages} · {total} in all", "第 {page} 页，共 {pages} 页 · 共 {total} 项"],
  "page.order": ["Order", "排序"],
  "order.newest": ["Newest first", "最新在前"],
  "order.oldest": ["Oldest first", "最早在前"],
  "scan.grants": ["Searched grants 1–{upTo} of {of}", "已查找第 1–{upTo} 项奖补，共 {of} 项"],
  "scan.indexed": ["{total} in all (indexer)", "共 {total} 项（索引服务）"],
  "scan.applications": ["Searched applications 1–{upTo} of {of}", "已查找第 1–{upTo} 份申请，共 {of} 份"],
  "ledger.title": ["Ledger: fundings, withdrawals, claims and recoveries", "资金流水：拨入、退库、领取与追回"],
  "ledger.none": ["No ledger entries.", "暂无资金流水。"],
  "ledger.time": ["Time (Beijing)", "时间（北京时间）"],
  "ledger.what": ["Entry", "事项"],
  "ledger.account": ["Account", "账户"],
  "ledger.tx": ["Transaction", "交易"],
  "ledger.Funded": ["Funded", "拨入"],
  "ledger.Withdrawn": ["Withdrawn to the treasury", "退回国库"],
  "ledger.SurplusSwept": ["Surplus swept to the treasury", "结余划回国库"],
  "ledger.MilestoneClaimed": ["Claimed: grant {grant} #{i}", "领取：奖补 {grant} #{i}"],
  "ledger.RecoveryOrdered": ["Recovery ordered: grant {grant}", "责令追回：奖补 {grant}"],
  "ledger.Repaid": ["Repaid: grant {grant}", "退回：奖补 {grant}"],
  "stale.changed": [
    "This item changed on chain since the page was read, so nothing was sent; the page now shows it as it is.",
    "该事项在页面读取后已在链上发生变化，因此未发送交易；页面已更新为当前状态。",
  ],
  loading: ["Loading…", "加载中…"],
  refresh: ["Refresh", "刷新"],
};

let lang: Lang = localStorage.getItem("mg.lang") === "en" ? "en" : "zh";

export function currentLang(): Lang {
  return lang;
}

export function setLang(next: Lang): void {
  lang = next;
  localStorage.setItem("mg.lang", next);
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
}

/** The label of `key` in the current language, with {name} placeholders filled from `vars`. */
export function t(key: string, vars: Record<string, string | number | bigint> = {}): string {
  const pair = LABELS[key];
  const text = pair === undefined ? key : pair[lang === "en" ? 0 : 1];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Picks the English or Chinese variant of a published name. */
export function pick(en: string, zh: string): string {
  return lang === "en" ? en : zh;
}
