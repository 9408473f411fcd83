// The only module that touches `natural`. We load just the Porter stemmer file (not the package index,
// which pulls in classifiers, WordNet and more) so a run pays only for what it uses.
import { createRequire } from 'node:module';

interface Stemmer { stem(token: string): string }

const require = createRequire(import.meta.url);
let stemmer: Stemmer | undefined;

// Irregular plurals the Porter stemmer leaves apart from their singular; statutes use both forms.
// And words the stemmer merges with unrelated ones, kept apart: "publication"/"public",
// "generate"/"general", "production"/"product", "organ"/"organization", "author"/"authority",
// "office"/"officer", "import"/"important".
const IRREGULAR: Record<string, string> = {
  children: 'child', women: 'woman', men: 'man', persons: 'person', people: 'person',
  general: 'general', generally: 'general',
  publication: 'publication', publications: 'publication',
  production: 'production', productions: 'production', product: 'product', products: 'product',
  organ: 'organ-body', organs: 'organ-body',
  authority: 'authority', authorities: 'authority',
  office: 'office', offices: 'office',
  important: 'important', importance: 'important', importantly: 'important',
};

const cache = new Map<string, string>();

/** Stem one lower-case word (cached: statutes repeat a small vocabulary many times). */
export function stem(word: string): string {
  // The Porter stemmer is quadratic in word length; no real word is this long (a run of letters with no spaces).
  if (word.length > 40) return word;
  let s = cache.get(word);
  if (s === undefined) {
    stemmer ??= require('natural/lib/natural/stemmers/porter_stemmer.js') as Stemmer;
    s = IRREGULAR[word] ?? stemmer.stem(word);
    if (cache.size < 200_000) cache.set(word, s);
  }
  return s;
}
