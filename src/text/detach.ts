// Strings kept beyond the document they come from must not keep that document's text alive. V8 keeps a
// substring of 13 or more characters as a slice of the string it was cut from (a regex match, `slice`, a line of
// a file), and a concatenation as a pair of its parts. Findings are copied whole (see collectDocument); caches
// that outlive documents copy what they keep with this.

/** A copy of `s` that refers to no other string (shorter strings are always copies already). */
export function detached(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}
