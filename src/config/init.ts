// `gap-check init`: a commented starter `.gap-check.yaml`. Every setting is commented out, so the file changes
// nothing until the user opts in; the examples are valid as written once uncommented (a test checks this).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GapCheckError } from '../errors.js';
import { CONFIG_FILE_NAME } from './config.js';

export const STARTER_CONFIG = `# gap-check configuration. gap-check reads the nearest ${CONFIG_FILE_NAME} in the directory it runs in
# or a parent directory (or the file given with --config). Command-line options override these settings.
# Every setting is optional and commented out: remove the leading "#" of a setting to use it.

# Measures this law need not implement itself. They stay in the report, with your justification, and never
# count as met. "satisfied-elsewhere" needs the citation of the law that does implement the measure.
#measures:
#  poa-28-harmful-work:
#    status: satisfied-elsewhere
#    citation: "Employment Act 1998, s. 12"
#    justification: "Hazardous work by children is prohibited by the labour code, not the penal code."
#  poa-27-coordinating-body:
#    status: not-applicable
#    justification: "Provincial statute; the national coordinating body is a federal matter."

# Shortest maximum prison term, in years, for a core offence to count as grave (default 5).
#penaltyThresholdYears: 5

# Check only these measures, or all but these ("gap-check rules" lists the ids).
#only: [def-child-age, poa-25-sale]
#skip: [poa-28-minimum-age]

# Extra rule-pack directories, relative to this file. With replaceRules: true they replace the built-in pack.
#rules: [./our-rules]
#replaceRules: false

# Definitions stay within their own document, unless a document applies another's ("terms have the meaning
# given in the Penal Code"): files or globs, relative to this file.
#definitionsFrom:
#  acts/children-act.md: [acts/penal-code.md]

# Lowest verdict that makes gap-check exit with code 1: missing, partial or never (default partial).
#failOn: partial

# Report format: text, json, sarif, github, markdown or html (default text).
#format: text

# Input files larger than this are refused (default 64MiB).
#maxBytes: 64MiB
`;

/** Write the starter config into `dir`; refuses (GapCheckError `config-exists`) when the file is already there. */
export async function initConfig(dir: string): Promise<string> {
  const path = join(dir, CONFIG_FILE_NAME);
  try {
    // `wx` makes the existence check and the creation one step, so a file appearing meanwhile is not clobbered.
    await writeFile(path, STARTER_CONFIG, { encoding: 'utf8', flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new GapCheckError('config-exists', 'already exists; not overwritten (edit it, or delete it and run init again)', { file: CONFIG_FILE_NAME });
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      throw new GapCheckError('permission-denied', 'cannot create the file here (permission denied)', { file: CONFIG_FILE_NAME });
    }
    throw new GapCheckError('write-failed', `cannot write: ${(error as Error).message.split('\n')[0]}`, { file: CONFIG_FILE_NAME });
  }
  return path;
}
