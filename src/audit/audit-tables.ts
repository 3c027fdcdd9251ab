/**
 * Tables nobody may change once written: the app's role gets INSERT and SELECT on them only
 * (composition/app-role.ts), and triggers refuse UPDATE, DELETE and TRUNCATE whoever asks.
 */
export const APPEND_ONLY_TABLES = ['audit_log', 'audit_chain', 'audit_tree_heads'] as const;
