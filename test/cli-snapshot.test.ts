// The text report of one shipped fixture, as a user sees it (spawned CLI, no colour). A deliberate change to
// the report or to a verdict shows up in the snapshot diff, for review.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('text report of a fixture', () => {
  it('civil-law penal code: gaps found (exit 1), report as snapshotted', async () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'gap-check.js'), 'fixtures/statutes/civil-law-penal-code/statute.md', '--no-color'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    await expect(r.stdout).toMatchFileSnapshot('__snapshots__/cli-civil-law-penal-code.txt');
  });
});
