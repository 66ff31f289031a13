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
  "company.claim": ["Claim payable milestones", "领取可领取的里程碑款项"],
  "company.evidence": ["Submit evidence file", "提交佐证材料"],
  "company.noAwards": ["No awards in this program.", "本项目中无奖补。"],
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
  "chart.title": ["Money by milestone state", "按里程碑状态的资金"],
  "categories.title": ["Categories against caps", "类别使用与上限"],
  "categories.awards": ["Awards / cap", "已奖 / 上限"],
  "categories.committed": ["Committed / cap", "已承诺 / 上限"],
  unlimited: ["no cap", "不限"],
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
