// Configuration: `.gap-check.yaml` discovery, validation and the `init` starter file.
export {
  checkConfigIds,
  CONFIG_FILE_NAME,
  CONFIG_KEYS,
  FAIL_ON_LEVELS,
  findConfigFile,
  loadConfig,
  OVERRIDE_STATUSES,
  parseConfig,
  REPORT_FORMATS,
} from './config.js';
export type { ConfigIdRef, GapCheckConfig, LoadConfigOptions } from './config.js';
export { initConfig, STARTER_CONFIG } from './init.js';
export { didYouMean, editDistance, nearest } from './nearest.js';
export { parseSize } from './size.js';
