// `--output FILE`: checked before any work is done, and written atomically (a temporary file in the same
// directory, then rename), so an interrupted or failed run never leaves a half-written report behind.
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { GapCheckError } from '../errors.js';

/** Resolve and check `--output`: its directory must exist and the path must not be a directory. */
export async function prepareOutput(output: string, cwd: string): Promise<string> {
  const absolute = resolve(cwd, output);
  const dir = dirname(absolute);
  let dirInfo;
  try {
    dirInfo = await stat(dir);
  } catch {
    throw new GapCheckError('output-dir-missing', `cannot write the report: directory ${dirname(output)} does not exist`, { file: output });
  }
  if (!dirInfo.isDirectory()) {
    throw new GapCheckError('output-dir-missing', `cannot write the report: ${dirname(output)} is not a directory`, { file: output });
  }
  try {
    if ((await stat(absolute)).isDirectory()) {
      throw new GapCheckError('output-is-directory', 'cannot write the report: this is a directory (give a file name)', { file: output });
    }
  } catch (error) {
    if (error instanceof GapCheckError) throw error;
    // Not existing yet is the normal case.
  }
  return absolute;
}

/**
 * Write `content` to `absolute` atomically. The temporary name starts with `.gap-check-tmp-` (ignored by the
 * project's .gitignore) and is removed if anything fails before the rename.
 */
export async function writeFileAtomic(absolute: string, content: string, display = absolute): Promise<void> {
  const temp = join(dirname(absolute), `.gap-check-tmp-${process.pid}-${randomBytes(6).toString('hex')}-${basename(absolute)}`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', 0o666);
    try {
      await handle.writeFile(content, 'utf8');
      // Flush before the rename so that a crash cannot leave a renamed but empty file.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, absolute);
    renamed = true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied'
        : code === 'ENOSPC'
          ? 'no space left on the device'
          : (error as Error).message.split('\n')[0];
    throw new GapCheckError('write-failed', `cannot write the report: ${reason}`, { file: display });
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/** gap-check never modifies its inputs: refuse an --output that is one of the files being read. */
export async function refuseOverwritingInput(outputPath: string, display: string, files: string[], cwd: string): Promise<void> {
  let target: string;
  try {
    target = await realpath(outputPath);
  } catch {
    return; // does not exist yet, so it is not an input
  }
  for (const file of files) {
    let real: string;
    try {
      real = await realpath(resolve(cwd, file));
    } catch {
      continue;
    }
    if (real === target) {
      throw new GapCheckError('output-is-input', `--output would overwrite the input file ${file}; choose another file`, { file: display });
    }
  }
}
