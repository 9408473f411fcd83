// Whether a command line only asks for the version. Its own module because two places answer such a command
// before loading anything heavy: main(), before commander, and the bin's launcher, before the bundle.

/** `gap-check --version` or `gap-check -v`, and nothing else. */
export function asksOnlyVersion(argv: readonly string[]): boolean {
  return argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v');
}
