// Stage 1, read: files and strings to SourceText, and command-line inputs to a list of files.
export { DEFAULT_MAX_BYTES, formatBytes, readSource, sourceFromBytes, sourceFromString } from './read.js';
export type { ReadOptions } from './read.js';
export { expandInputs, STATUTE_EXTENSIONS } from './inputs.js';
export type { ExpandedInputs } from './inputs.js';
