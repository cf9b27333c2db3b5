/**
 * Imported first by the CLI entry points. ts-node installs source-map-support, which rewrites every
 * stack trace through source maps; the Pulumi SDK captures a trace for each resource it registers,
 * and that mapping cost about 1 s of CPU in a 3 s offline preview. The commands show users messages,
 * not traces, so V8's own traces serve. Tests keep the mapped traces.
 */
delete (Error as { prepareStackTrace?: unknown }).prepareStackTrace;

export {};
