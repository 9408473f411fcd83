// A hand-made CheckResult for the report tests: every status, two files, evidence in several files, and text
// that needs escaping in each output format (`|`, `<script>`, `%`, `:` and `,` in a path, a terminal escape
// sequence, a line break, Markdown markup, an unbreakable long URL). The statute quoted is fictional.
// Measures are deliberately out of report order so the tests can check the sort.

import type { CheckResult } from '../../src/types.js';

export const MAIN_FILE = 'acts/children-act.md';
/** A path with a comma, a colon and a space: GitHub's property escaping and SARIF's URI encoding must cope. */
export const PENAL_FILE = 'acts/Penal Code, 2019: consolidated.md';

const POA = 'E/CN.4/RES/1992/74, annex';
const GA = 'A/RES/51/77';
const help = (id: string): string => `https://example.org/gap-check/rules/${id}.md`;

export function sampleResult(): CheckResult {
  return {
    schemaVersion: '1.0',
    tool: { name: 'gap-check', version: '0.1.0' },
    rulePack: { name: 'gap-check-default', version: '0.1.0' },
    files: [
      { path: MAIN_FILE, sha256: 'a'.repeat(64) },
      { path: PENAL_FILE, sha256: '0123456789abcdef'.repeat(4) },
    ],
    title: 'Children & Young Persons (Protection) Act 2031',
    jurisdiction: 'Republic of Examplia',
    summary: { met: 4, partial: 3, missing: 2, satisfiedElsewhere: 1, notApplicable: 1 },
    measures: [
      {
        id: 'poa-53-possession',
        instrument: POA,
        paragraph: '53',
        source: 'POA 53',
        group: 'poa-53-55',
        title: 'Possession of child sexual abuse material is an offence',
        status: 'met',
        reason: null,
        suggestion: null,
        evidence: [
          {
            file: MAIN_FILE,
            citation: 'Part III > s. 14(1)',
            headingPath: 'Part III > Section 14 > (1)',
            startLine: 88,
            endLine: 91,
            // A terminal escape sequence and a CRLF line break, as a hostile or badly converted file might carry.
            excerpt: 'A person who knowingly \u001b[31mpossesses\u001b[0m child sexual abuse\r\nmaterial commits an offence.',
            element: 'offence',
          },
          {
            file: PENAL_FILE,
            citation: 's. 301',
            headingPath: 'Chapter 12 > Section 301',
            startLine: 1204,
            endLine: 1204,
            excerpt: 'is liable on conviction to imprisonment for a term not exceeding 10 years',
            element: 'penalty',
          },
        ],
        helpUri: help('poa-53-possession'),
      },
      {
        id: 'def-child-age',
        instrument: POA,
        paragraph: '27',
        source: 'POA 27',
        group: 'definitions',
        title: 'A child is defined as a person under 18',
        status: 'met',
        reason: null,
        suggestion: null,
        evidence: [
          {
            file: MAIN_FILE,
            citation: 's. 2',
            headingPath: 'Part I > Section 2',
            startLine: 12,
            endLine: 14,
            excerpt: '"child" means a person under the age of 18 years;',
          },
        ],
        helpUri: help('def-child-age'),
      },
      {
        id: 'poa-24-legal-aid',
        instrument: POA,
        paragraph: '24',
        source: 'POA 24',
        group: 'poa-24-31',
        title: 'Legal aid for child victims',
        status: 'missing',
        reason: 'No provision grants legal aid | representation to child victims (0% of the offences covered)',
        suggestion: 'Provide free legal aid or representation for child victims and their parents or guardians.',
        evidence: [],
        helpUri: help('poa-24-legal-aid'),
      },
      {
        id: 'ga-60-extraterritorial',
        instrument: GA,
        paragraph: '60',
        source: 'GA 60; POA 47',
        group: 'ga-58-60',
        title: 'Nationals can be prosecuted for offences against children committed abroad',
        status: 'partial',
        reason:
          'Prosecution of an offence committed abroad requires double criminality, see https://example.org/a/very/long/reference/to/the/extraterritorial/jurisdiction/commentary/section-9',
        suggestion: 'Remove the double-criminality condition for sexual offences against children.',
        evidence: [
          {
            file: PENAL_FILE,
            citation: 's. 9(2)',
            headingPath: 'Chapter 1 > Section 9 > (2)',
            startLine: 40,
            endLine: 43,
            excerpt: 'where the act is also an offence under the law of the place where it was done',
          },
        ],
        helpUri: help('ga-60-extraterritorial'),
      },
      {
        id: 'poa-25-penalties',
        instrument: POA,
        paragraph: '25',
        source: 'POA 25',
        group: 'poa-24-31',
        title: 'Core offences carry imprisonment reflecting their gravity',
        status: 'partial',
        reason: 'The highest term for s. 15 is 2 years, below the 5-year threshold',
        suggestion: 'Raise the maximum term of imprisonment to at least 5 years.',
        evidence: [
          {
            file: MAIN_FILE,
            citation: 'Part III > s. 15',
            headingPath: 'Part III > Section 15',
            startLine: 95,
            endLine: 97,
            // Markup that must stay text in HTML and Markdown, and a pipe that must not split a table cell.
            excerpt: 'liable to a fine | imprisonment for 2 years <script>alert("x")</script> *see* [schedule](http://evil.example/x) & `code`',
            element: 'penalty',
          },
        ],
        helpUri: help('poa-25-penalties'),
      },
      {
        id: 'poa-28-minimum-age',
        instrument: POA,
        paragraph: '28',
        source: 'POA 28',
        group: 'poa-24-31',
        title: 'A minimum age for admission to employment is set',
        status: 'not-applicable',
        reason: null,
        suggestion: null,
        evidence: [],
        justification: 'This Act deals with criminal law only; employment is outside its scope.',
        helpUri: help('poa-28-minimum-age'),
      },
      {
        id: 'poa-27-coordinating-body',
        instrument: POA,
        paragraph: '27',
        source: 'POA 27',
        group: 'poa-24-31',
        title: 'A national body coordinates child protection',
        status: 'satisfied-elsewhere',
        reason: null,
        suggestion: null,
        evidence: [],
        justification: 'The Commissioner coordinates agencies and NGOs.',
        elsewhere: "Children's Commissioner Act 2004, s. 9",
        helpUri: help('poa-27-coordinating-body'),
      },
      {
        id: 'poa-53-distribution',
        instrument: POA,
        paragraph: '53',
        source: 'POA 53',
        group: 'poa-53-55',
        title: 'Distribution of child sexual abuse material is an offence',
        status: 'missing',
        reason: 'No provision makes distributing, transmitting or offering the material an offence',
        suggestion: 'Make distributing, publishing, transmitting, offering, importing or exporting the material an offence.',
        evidence: [],
        helpUri: help('poa-53-distribution'),
      },
      {
        id: 'local-registration',
        instrument: 'Examplia drafting policy',
        paragraph: '4',
        source: 'Policy 4',
        group: 'other',
        title: 'Offenders are registered',
        status: 'met',
        reason: null,
        suggestion: null,
        evidence: [
          {
            file: MAIN_FILE,
            citation: 's. 30',
            headingPath: 's. 30',
            startLine: 150,
            endLine: 150,
            excerpt: 'The Registrar shall keep a register of convicted offenders.',
          },
        ],
      },
      {
        id: 'def-abuse-material',
        instrument: POA,
        paragraph: '53',
        source: 'POA 53',
        group: 'definitions',
        title: 'Child sexual abuse material is defined',
        status: 'partial',
        reason: 'The term "child sexual abuse material" is used in s. 14 but never defined',
        suggestion: 'Define child sexual abuse material, including visual depictions and generated images.',
        evidence: [
          {
            file: MAIN_FILE,
            citation: 'Part III > s. 14(1)',
            headingPath: 'Part III > Section 14 > (1)',
            startLine: 88,
            endLine: 91,
            excerpt: 'possesses child sexual abuse material',
            element: 'term used',
          },
        ],
        helpUri: help('def-abuse-material'),
      },
      {
        id: 'poa-31-technology',
        instrument: POA,
        paragraph: '31',
        source: 'POA 31, 50',
        group: 'poa-24-31',
        title: 'Offences reach computers and electronic communication',
        status: 'met',
        reason: null,
        suggestion: null,
        evidence: [
          {
            file: MAIN_FILE,
            citation: 's. 3(b)',
            headingPath: 'Part I > Section 3',
            startLine: 20,
            endLine: 20,
            excerpt: 'includes data stored on a computer or transmitted electronically',
          },
          // An exact duplicate, which the report filters remove.
          {
            file: MAIN_FILE,
            citation: 's. 3(b)',
            headingPath: 'Part I > Section 3',
            startLine: 20,
            endLine: 20,
            excerpt: 'includes data stored on a computer or transmitted electronically',
          },
        ],
        helpUri: help('poa-31-technology'),
      },
    ],
    diagnostics: [
      {
        severity: 'warning',
        code: 'encoding-fallback',
        message: 'not valid UTF-8;\nread as windows-1252',
        file: PENAL_FILE,
        line: 3,
      },
      { severity: 'info', code: 'no-front-matter', message: 'no title in front matter, used the first heading' },
    ],
  };
}

/** Report order of the sample's measure ids: group order, then id. */
export const SAMPLE_ORDER = [
  'def-abuse-material',
  'def-child-age',
  'poa-24-legal-aid',
  'poa-25-penalties',
  'poa-27-coordinating-body',
  'poa-28-minimum-age',
  'poa-31-technology',
  'poa-53-distribution',
  'poa-53-possession',
  'ga-60-extraterritorial',
  'local-registration',
];
