/**
 * The suite's one bilingual dictionary: refusal sentences for every contract error, the revert
 * decoder, and the labels and formatters (money, Beijing dates, milestone states, roles, countdowns)
 * the tasks and the portal write messages with.
 */
export * from "./decoder.ts";
export * from "./labels.ts";
export * from "./sentences.ts";
