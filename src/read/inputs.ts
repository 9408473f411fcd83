// Turn what the user typed (files, directories, globs) into the list of statute files to check, in a stable
// order. Problems become diagnostics, one per input, so that the other inputs are still checked.
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { Diagnostic } from '../types.js';
import { fsError } from './read.js';

/** Extensions a directory scan picks up (case-insensitive). Files named explicitly are taken whatever their name. */
export const STATUTE_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt'];

export interface ExpandedInputs {
  /** Paths as the user would recognise them: as given, or relative to `cwd` for directory and glob matches. */
  files: string[];
  /** One `error` per input that yields nothing usable; `warning`s for entries skipped inside a directory. */
  errors: Diagnostic[];
}

function hasStatuteExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return STATUTE_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

/** Code-unit order: the same on every machine and locale, unlike localeCompare. */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Expand inputs in command-line order. A directory is walked recursively for .md/.markdown/.txt files, skipping
 * hidden entries and node_modules; a glob (tinyglobby syntax) matches files only; each expansion is sorted, and
 * a file reached twice (two inputs, or a symlink) is checked once, at its first position.
 */
export async function expandInputs(inputs: string[], cwd: string): Promise<ExpandedInputs> {
  const files: string[] = [];
  const errors: Diagnostic[] = [];
  const seen = new Set<string>();

  const add = async (display: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(resolve(cwd, display));
    } catch {
      real = resolve(cwd, display);
    }
    if (seen.has(real)) return;
    seen.add(real);
    files.push(display);
  };

  for (const input of inputs) {
    if (input.trim() === '') {
      errors.push({ severity: 'error', code: 'empty-argument', message: 'an input argument is empty', file: input });
      continue;
    }
    const absolute = resolve(cwd, input);
    let info;
    let statError: unknown;
    try {
      info = await stat(absolute);
    } catch (error) {
      statError = error;
    }

    if (info === undefined) {
      // Only a path that does not exist is read as a glob, so `Act (2004).md` or `law[1].md` still work literally.
      const { isDynamicPattern } = await import('tinyglobby');
      if (isDynamicPattern(input)) {
        const matches = await expandGlob(input, cwd);
        if (matches.length === 0) {
          errors.push({ severity: 'error', code: 'glob-no-match', message: 'pattern matches no files', file: input });
        }
        for (const match of matches) await add(match);
        continue;
      }
      const problem = fsError(statError, input);
      errors.push({ severity: 'error', code: problem.code, message: problem.message, file: input });
      continue;
    }

    if (info.isDirectory()) {
      const found: string[] = [];
      await walk(absolute, input, found, errors, new Set());
      if (found.length === 0 && !errors.some((e) => e.severity === 'error' && e.file === input)) {
        errors.push({
          severity: 'error',
          code: 'empty-directory',
          message: `directory contains no ${STATUTE_EXTENSIONS.slice(0, -1).join(', ')} or ${STATUTE_EXTENSIONS[STATUTE_EXTENSIONS.length - 1]} files`,
          file: input,
        });
      }
      found.sort(byCodeUnit);
      for (const file of found) await add(file);
      continue;
    }
    await add(input);
  }
  return { files, errors };
}

async function expandGlob(pattern: string, cwd: string): Promise<string[]> {
  const { glob } = await import('tinyglobby');
  // tinyglobby returns paths relative to cwd; for an absolute pattern the user expects absolute paths back.
  // node_modules is skipped as in directory walks, unless the pattern itself names it.
  const ignore = pattern.includes('node_modules') ? [] : ['**/node_modules/**'];
  const matches = await glob(pattern, { cwd, absolute: isAbsolute(pattern), onlyFiles: true, dot: false, expandDirectories: false, ignore });
  return matches.sort(byCodeUnit);
}

/**
 * Recursive directory walk. Symbolic links are followed, but each real directory is entered once per branch
 * (`ancestors` holds the real paths above), so a link back up the tree cannot loop.
 */
async function walk(absolute: string, display: string, found: string[], errors: Diagnostic[], ancestors: Set<string>): Promise<void> {
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const problem = fsError(error, display);
    errors.push({ severity: 'warning', code: problem.code, message: `${problem.message}; skipped`, file: display });
    return;
  }
  if (ancestors.has(real)) {
    errors.push({ severity: 'warning', code: 'symlink-loop', message: 'symbolic link loops back to a directory above it; skipped', file: display });
    return;
  }
  let entries;
  try {
    entries = await readdir(absolute, { withFileTypes: true });
  } catch (error) {
    const problem = fsError(error, display);
    // The top directory failing is an error for that input; a subdirectory failing only loses that subdirectory.
    errors.push({ severity: ancestors.size === 0 ? 'error' : 'warning', code: problem.code, message: problem.message, file: display });
    return;
  }
  const below = new Set(ancestors).add(real);
  entries.sort((a, b) => byCodeUnit(a.name, b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const childAbsolute = join(absolute, entry.name);
    const childDisplay = display === '.' ? entry.name : join(display, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await stat(childAbsolute);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (hasStatuteExtension(entry.name) || code === 'ELOOP') {
          const message = code === 'ELOOP' ? 'symbolic link loops; skipped' : 'broken symbolic link; skipped';
          errors.push({ severity: 'warning', code: code === 'ELOOP' ? 'symlink-loop' : 'broken-symlink', message, file: childDisplay });
        }
        continue;
      }
    }
    if (isDir) await walk(childAbsolute, childDisplay, found, errors, below);
    else if (isFile && hasStatuteExtension(entry.name)) found.push(childDisplay);
  }
}
