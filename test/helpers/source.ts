// A SourceText as the read stage gives it (`\n` line ends, no BOM, front matter parsed), for tests of the
// parse and structure stages that build their input from a string or a corpus file.
import { parse as parseYaml } from 'yaml';
import type { SourceText } from '../../dist/types.js';

export function sourceOf(text: string, path = 'test.md'): SourceText {
  const norm = text.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  let frontMatter = {};
  let frontMatterEndLine = 0;
  if (norm.startsWith('---\n')) {
    const lines = norm.split('\n');
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      frontMatterEndLine = end + 1;
      try {
        frontMatter = parseYaml(lines.slice(1, end).join('\n')) ?? {};
      } catch {
        // Real statutes may open with a `---` rule that is not front matter: read it as none, as the tests need.
        frontMatter = {};
      }
    }
  }
  return { path, text: norm, encoding: 'utf-8', sha256: '', frontMatter, frontMatterEndLine, warnings: [] };
}
