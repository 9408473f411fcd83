// Recognise common non-text files by their first bytes, so that a user who passes a PDF or a Word file is told
// what it is and what to do, instead of getting a wall of mojibake or "no measures met".

export interface BinaryKind {
  /** `a PDF document`, `a Word document (DOCX)`, ... */
  what: string;
  /** One clause on how to get text out of it. */
  advice: string;
}

const CONVERT = 'convert it to plain text or Markdown first';
const OFFICE = `${CONVERT} (for example with pandoc or LibreOffice)`;
const IMAGE = 'a scanned page must go through OCR and be saved as plain text or Markdown first';
const ARCHIVE = 'extract the statute and convert it to plain text or Markdown first';

function startsWith(bytes: Uint8Array, signature: ReadonlyArray<number>, at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function contains(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(text, 0, 'latin1');
}

/** What a binary file looks like, or null when nothing matches (the NUL and control-character checks follow). */
export function describeBinary(bytes: Uint8Array): BinaryKind | null {
  if (startsWith(bytes, ascii('%PDF'))) {
    return { what: 'a PDF document', advice: `${CONVERT} (for example with \`pdftotext -layout\`)` };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // ZIP containers: the member names (stored uncompressed) say which office format it is.
    if (contains(bytes, 'word/')) return { what: 'a Word document (DOCX)', advice: OFFICE };
    if (contains(bytes, 'application/vnd.oasis.opendocument.text')) return { what: 'an OpenDocument text file (ODT)', advice: OFFICE };
    if (contains(bytes, 'application/epub+zip')) return { what: 'an EPUB book', advice: OFFICE };
    if (contains(bytes, 'xl/')) return { what: 'an Excel workbook (XLSX)', advice: CONVERT };
    if (contains(bytes, 'ppt/')) return { what: 'a PowerPoint presentation (PPTX)', advice: CONVERT };
    return { what: 'a ZIP archive (or a DOCX/ODT document)', advice: ARCHIVE };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return { what: 'a legacy Microsoft Office document (.doc/.xls)', advice: OFFICE };
  }
  if (startsWith(bytes, ascii('{\\rtf'))) {
    return { what: 'an RTF document', advice: OFFICE };
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { what: 'a PNG image', advice: IMAGE };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { what: 'a JPEG image', advice: IMAGE };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return { what: 'a GIF image', advice: IMAGE };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { what: 'a TIFF image', advice: IMAGE };
  }
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return { what: 'a WebP image', advice: IMAGE };
  if (startsWith(bytes, [0x1f, 0x8b])) return { what: 'a gzip archive', advice: ARCHIVE };
  if (startsWith(bytes, ascii('7z'), 0) && startsWith(bytes, [0xbc, 0xaf, 0x27, 0x1c], 2)) return { what: 'a 7-Zip archive', advice: ARCHIVE };
  if (startsWith(bytes, ascii('Rar!'))) return { what: 'a RAR archive', advice: ARCHIVE };
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return { what: 'an executable program', advice: 'give gap-check the statute\'s text instead' };
  return null;
}
