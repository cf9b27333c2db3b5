/**
 * Every namespace and file the twin makes starts with these, so a later run finds and removes
 * whatever an interrupted one left behind — and touches nothing else.
 */
export const NS_PREFIX = "bntw-";
/** Run directories: `${RUN_DIR_PARENT}/${RUN_DIR_PREFIX}<random>`. */
export const RUN_DIR_PARENT = "/tmp";
export const RUN_DIR_PREFIX = "bntw-run-";
