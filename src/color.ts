// Terminal colour, the only module that imports chalk. The caller decides whether colour is on (TTY, NO_COLOR,
// --no-color); chalk's own auto-detection is never used, so output depends only on the arguments.
//
// chalk costs a cold start ≈ 10 ms to load and most runs write no colour (a pipe, a file, CI), so it is loaded
// only when colour is on: `await loadColors()` before `createColors(true)` (formatReport and the diff command do).
// chalk is ESM only, so the load is asynchronous and cannot happen inside the synchronous formatters.

import type { ChalkInstance } from 'chalk';

let chalkModule: typeof import('chalk') | undefined;

/** Load chalk, which `createColors(true)` needs. Loads nothing the second time. */
export async function loadColors(): Promise<void> {
  chalkModule ??= await import('chalk');
}

export type Paint = (text: string) => string;

export interface Colors {
  readonly enabled: boolean;
  red: Paint;
  green: Paint;
  yellow: Paint;
  blue: Paint;
  cyan: Paint;
  magenta: Paint;
  gray: Paint;
  bold: Paint;
  dim: Paint;
  italic: Paint;
  underline: Paint;
}

const identity: Paint = (text) => text;

/**
 * Colour functions; identity functions when `enabled` is false. `level` is chalk's colour level
 * (1 = the 16 basic colours, which every colour terminal shows and is all a report needs).
 */
export function createColors(enabled: boolean, level: 1 | 2 | 3 = 1): Colors {
  if (!enabled) {
    return {
      enabled: false,
      red: identity,
      green: identity,
      yellow: identity,
      blue: identity,
      cyan: identity,
      magenta: identity,
      gray: identity,
      bold: identity,
      dim: identity,
      italic: identity,
      underline: identity,
    };
  }
  if (chalkModule === undefined) throw new Error('createColors(true) before loadColors(): chalk is not loaded');
  const chalk: ChalkInstance = new chalkModule.Chalk({ level });
  // Bind each style so the functions can be passed around on their own.
  const wrap = (style: ChalkInstance): Paint => (text) => style(text);
  return {
    enabled: true,
    red: wrap(chalk.red),
    green: wrap(chalk.green),
    yellow: wrap(chalk.yellow),
    blue: wrap(chalk.blue),
    cyan: wrap(chalk.cyan),
    magenta: wrap(chalk.magenta),
    gray: wrap(chalk.gray),
    bold: wrap(chalk.bold),
    dim: wrap(chalk.dim),
    italic: wrap(chalk.italic),
    underline: wrap(chalk.underline),
  };
}
