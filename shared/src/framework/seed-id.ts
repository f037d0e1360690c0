/**
 * The id of the built-in default framework (Call for Action 2019-2024), without its content: code
 * that only needs to name it (a fallback when no framework is active yet) imports this, not the
 * default framework module, which is the seed for a first start only.
 */
export const DEFAULT_FRAMEWORK_ID = 'call-for-action-2019-2024-v1';
