/**
 * The revert decoder and its sentences live in the shared core (core/messages/), with every sentence
 * in Chinese and English. This module re-exports them so existing imports keep working; new code
 * imports core/messages directly.
 */
export * from "../../core/messages/index.js";
