// `.gap-check.yaml`: discovery, validation errors with file, line and key, and the `init` starter file.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkConfigIds,
  findConfigFile,
  initConfig,
  loadConfig,
  nearest,
  parseConfig,
  parseSize,
  STARTER_CONFIG,
} from '../dist/config/index.js';
import { GapCheckError } from '../dist/errors.js';
import { makeTempDir, removeTempDir } from './helpers/cli.js';

let dir: string;
beforeAll(async () => {
  dir = await makeTempDir('gap-check-config-');
});
afterAll(async () => {
  await removeTempDir(dir);
});

function configError(text: string): GapCheckError {
  try {
    parseConfig(text, '.gap-check.yaml', '/project');
  } catch (error) {
    expect(error).toBeInstanceOf(GapCheckError);
    const e = error as GapCheckError;
    expect(e.code).toBe('config-invalid');
    expect(e.file).toBe('.gap-check.yaml');
    expect(e.format()).not.toContain('\n');
    return e;
  }
  throw new Error(`expected the config to be rejected:\n${text}`);
}

describe('parseConfig', () => {
  it('reads every key', () => {
    const config = parseConfig(
      [
        'measures:',
        '  poa-28-harmful-work:',
        '    status: satisfied-elsewhere',
        '    citation: "Employment Act 1998, s. 12"',
        '    justification: " Covered by the labour code. "',
        '  poa-27-coordinating-body:',
        '    status: not-applicable',
        '    justification: Provincial statute.',
        'penaltyThresholdYears: 7.5',
        'only: [def-child-age, poa-25-sale]',
        'skip:',
        '  - poa-28-minimum-age',
        'rules: [./our-rules, /abs/rules]',
        'replaceRules: true',
        'failOn: missing',
        'format: sarif',
        'maxBytes: 10MiB',
      ].join('\n'),
      'cfg.yaml',
      '/project/sub',
    );
    expect(config).toEqual({
      file: 'cfg.yaml',
      dir: '/project/sub',
      measures: {
        'poa-28-harmful-work': { status: 'satisfied-elsewhere', citation: 'Employment Act 1998, s. 12', justification: 'Covered by the labour code.' },
        'poa-27-coordinating-body': { status: 'not-applicable', justification: 'Provincial statute.' },
      },
      penaltyThresholdYears: 7.5,
      only: ['def-child-age', 'poa-25-sale'],
      skip: ['poa-28-minimum-age'],
      rules: ['/project/sub/our-rules', '/abs/rules'],
      ruleLines: [13, 13],
      replaceRules: true,
      failOn: 'missing',
      format: 'sarif',
      maxBytes: 10 * 1024 * 1024,
      ids: [
        { id: 'poa-28-harmful-work', key: 'measures', line: 2 },
        { id: 'poa-27-coordinating-body', key: 'measures', line: 6 },
        { id: 'def-child-age', key: 'only', line: 10 },
        { id: 'poa-25-sale', key: 'only', line: 10 },
        { id: 'poa-28-minimum-age', key: 'skip', line: 12 },
      ],
    });
  });

  it('accepts an empty or comment-only file', () => {
    expect(parseConfig('', 'c', '/')).toMatchObject({ measures: {}, ids: [] });
    expect(parseConfig('# nothing yet\n', 'c', '/')).toMatchObject({ measures: {}, ids: [] });
    expect(parseConfig('measures:\n', 'c', '/').measures).toEqual({});
  });

  it('names the line and the nearest key for an unknown key', () => {
    const e = configError('failOn: partial\npenaltyTreshold: 3\n');
    expect(e.line).toBe(2);
    expect(e.message).toMatch(/unknown key "penaltyTreshold" \(did you mean "penaltyThresholdYears"\?\)/);
    expect(configError('fail-on: missing\n').message).toMatch(/did you mean "failOn"/);
    expect(configError('colour: red\n').message).not.toMatch(/did you mean/);
  });

  it('names the line, key and expected type for wrong types', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['failOn: partial\npenaltyThresholdYears: five\n', 2, /penaltyThresholdYears: expected a number of years greater than 0, got "five"/],
      ['penaltyThresholdYears: 0\n', 1, /greater than 0, got the number 0/],
      ['only: def-child-age, poa-25-sale\n', 1, /only: expected a list of measure ids/],
      ['skip: [1, 2]\n', 1, /skip: each entry must be text, got the number 1/],
      ['replaceRules: yes\n', 1, /replaceRules: expected true or false, got "yes"/],
      ['failOn: parital\n', 1, /failOn: expected one of missing, partial, never \(did you mean "partial"\?\), got "parital"/],
      ['format: xml\n', 1, /format: expected one of text, json, sarif, github, markdown, html.*, got "xml"/],
      ['maxBytes: lots\n', 1, /maxBytes: expected a size in bytes/],
      ['maxBytes: -1\n', 1, /maxBytes: expected a size in bytes/],
      ['rules: ./x\n', 1, /rules: expected a list of directories/],
      ['\n\nmeasures: [a, b]\n', 3, /measures: expected a mapping of measure ids/],
    ];
    for (const [text, line, pattern] of cases) {
      const e = configError(text);
      expect(e.line, text).toBe(line);
      expect(e.message, text).toMatch(pattern);
    }
  });

  it('validates measure overrides field by field', () => {
    const cases: Array<[string, number, RegExp]> = [
      ['measures:\n  poa-25-sale: skip\n', 2, /measures\.poa-25-sale: expected a mapping/],
      ['measures:\n  poa-25-sale:\n    justification: x\n', 2, /missing "status"/],
      ['measures:\n  poa-25-sale:\n    status: done\n    justification: x\n', 3, /status: expected satisfied-elsewhere or not-applicable, got "done"/],
      ['measures:\n  poa-25-sale:\n    status: not-aplicable\n    justification: x\n', 3, /did you mean "not-applicable"/],
      ['measures:\n  poa-25-sale:\n    status: not-applicable\n', 2, /missing "justification"/],
      ['measures:\n  poa-25-sale:\n    status: not-applicable\n    justification: ""\n', 4, /justification: expected text, got ""/],
      ['measures:\n  poa-25-sale:\n    status: satisfied-elsewhere\n    justification: x\n', 2, /missing "citation"/],
      ['measures:\n  poa-25-sale:\n    status: not-applicable\n    justifcation: x\n', 4, /unknown key "justifcation" \(did you mean "justification"\?\)/],
    ];
    for (const [text, line, pattern] of cases) {
      const e = configError(text);
      expect(e.line, text).toBe(line);
      expect(e.message, text).toMatch(pattern);
    }
  });

  it('reports malformed YAML, duplicate keys and a non-mapping root with their line', () => {
    const bad = configError('failOn: partial\nonly: [a, b\nformat: text\n');
    expect(bad.message).toMatch(/^invalid YAML: /);
    expect(bad.line).toBeGreaterThanOrEqual(2);
    const dup = configError('failOn: partial\nformat: text\nfailOn: never\n');
    expect(dup.line).toBe(3);
    expect(dup.message).toMatch(/unique/);
    expect(configError('- failOn\n- partial\n').message).toMatch(/must be a mapping of settings/);
  });

  it('checks measure ids against the loaded pack at their line, with the nearest id', () => {
    const config = parseConfig('only: [def-child-age]\nmeasures:\n  poa-25-sael:\n    status: not-applicable\n    justification: x\n', 'cfg.yaml', '/');
    expect(() => checkConfigIds(config, ['def-child-age', 'poa-25-sale'])).toThrow(GapCheckError);
    try {
      checkConfigIds(config, ['def-child-age', 'poa-25-sale']);
    } catch (error) {
      const e = error as GapCheckError;
      expect(e.format()).toBe('cfg.yaml:3: measures: unknown measure id "poa-25-sael" (did you mean "poa-25-sale"?)');
    }
    expect(() => checkConfigIds(config, ['def-child-age', 'poa-25-sael'])).not.toThrow();
    const far = parseConfig('skip: [zzz-unrelated]\n', 'cfg.yaml', '/');
    expect(() => checkConfigIds(far, ['def-child-age'])).toThrow(/gap-check rules/);
  });
});

describe('starter config (gap-check init)', () => {
  it('changes nothing as written', () => {
    expect(parseConfig(STARTER_CONFIG, 'c', '/p')).toEqual({ file: 'c', dir: '/p', measures: {}, ids: [], ruleLines: [] });
  });

  it('has examples that are valid once uncommented', () => {
    // Settings are commented as `#key` / `#  nested`; prose comments are `# Text`.
    const uncommented = STARTER_CONFIG.split('\n')
      .map((line) => (/^#(?! )|^# {2}/.test(line) ? line.slice(1) : line))
      .join('\n');
    const config = parseConfig(uncommented, 'c', '/p');
    expect(Object.keys(config.measures)).toEqual(['poa-28-harmful-work', 'poa-27-coordinating-body']);
    expect(config).toMatchObject({ penaltyThresholdYears: 5, failOn: 'partial', format: 'text', maxBytes: 64 * 1024 * 1024, replaceRules: false });
    expect(config.only).toEqual(['def-child-age', 'poa-25-sale']);
  });

  it('initConfig writes the file and refuses to overwrite it', async () => {
    const target = join(dir, 'init');
    await mkdir(target);
    const path = await initConfig(target);
    expect(path).toBe(join(target, '.gap-check.yaml'));
    expect(await readFile(path, 'utf8')).toBe(STARTER_CONFIG);
    await writeFile(path, 'failOn: never\n');
    await expect(initConfig(target)).rejects.toMatchObject({ code: 'config-exists' });
    expect(await readFile(path, 'utf8')).toBe('failOn: never\n');
  });
});

describe('loadConfig', () => {
  it('finds the nearest .gap-check.yaml upward and resolves rules against it', async () => {
    const project = join(dir, 'project');
    await mkdir(join(project, 'our-rules'), { recursive: true });
    await mkdir(join(project, 'acts', 'deep'), { recursive: true });
    await writeFile(join(project, '.gap-check.yaml'), 'failOn: missing\nrules: [our-rules]\n');
    const cwd = join(project, 'acts', 'deep');
    expect(await findConfigFile(cwd)).toBe(join(project, '.gap-check.yaml'));
    const config = await loadConfig({ cwd });
    expect(config).toMatchObject({ failOn: 'missing', file: join('..', '..', '.gap-check.yaml'), dir: project, rules: [join(project, 'our-rules')] });
  });

  it('returns null when there is no config (and none was asked for)', async () => {
    const bare = join(dir, 'bare');
    await mkdir(bare);
    // Whatever lies above the temp directory is outside this test's control; nothing inside it is found.
    const found = await findConfigFile(bare);
    expect(found === null || !found.startsWith(bare)).toBe(true);
    if (found === null) expect(await loadConfig({ cwd: bare })).toBeNull();
  });

  it('uses --config as given, and says when it is missing', async () => {
    const explicit = join(dir, 'explicit.yaml');
    await writeFile(explicit, 'format: json\n');
    expect(await loadConfig({ cwd: dir, file: 'explicit.yaml' })).toMatchObject({ format: 'json', file: 'explicit.yaml' });
    await expect(loadConfig({ cwd: dir, file: 'nope.yaml' })).rejects.toMatchObject({ code: 'config-not-found', file: 'nope.yaml' });
    await expect(loadConfig({ cwd: dir, file: '.' })).rejects.toMatchObject({ code: 'config-invalid' });
  });

  it('reports a rules directory that does not exist at its line', async () => {
    const project = join(dir, 'bad-rules');
    await mkdir(project);
    await writeFile(join(project, '.gap-check.yaml'), 'failOn: missing\nrules:\n  - ./missing-pack\n');
    await expect(loadConfig({ cwd: project })).rejects.toMatchObject({ code: 'config-invalid', line: 3 });
  });
});

describe('helpers', () => {
  it('parseSize', () => {
    expect(parseSize(1024)).toBe(1024);
    expect(parseSize('1024')).toBe(1024);
    expect(parseSize('64MiB')).toBe(64 * 1024 * 1024);
    expect(parseSize('2 KB')).toBe(2000);
    expect(parseSize('1.5KiB')).toBe(1536);
    for (const bad of [0, -1, 1.5, '', 'big', '5 parsecs', '0MiB', '1e3']) expect(parseSize(bad), String(bad)).toBeNull();
  });

  it('nearest', () => {
    expect(nearest('poa-25-sael', ['poa-25-sale', 'poa-25-clients'])).toBe('poa-25-sale');
    expect(nearest('FAIL_ON', ['failOn', 'format'])).toBe('failOn');
    expect(nearest('xyz', ['poa-25-sale'])).toBeUndefined();
  });
});
