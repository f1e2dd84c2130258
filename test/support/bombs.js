'use strict';
// Hostile inputs that once cost gigabytes or hours, shared by the tests
// (test/node/hostile.test.js) and the attack script (scripts/fuzz.js).
// Each is an agent file's text and what madace-core must answer.

const MiB = 1024 * 1024;

/** One 1 MiB scalar, anchored, and 8,000 aliases to it (1.05 MiB; once > 6 GiB). */
function bigScalarAliases() {
  const lines = ['agent:', '  metadata:', `    name: &big ${'x'.repeat(MiB)}`, '  persona:', '    principles:'];
  for (let i = 0; i < 8000; i++) lines.push('      - *big');
  return `${lines.join('\n')}\n`;
}

/** The classic "billion laughs" (342 bytes; once 144 MiB). */
function laughs() {
  const lines = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let level = 1; level <= 9; level++) {
    lines.push(`a${level}: &a${level} [${Array(9).fill(`*a${level - 1}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

/** A 999,000-item flow sequence of principles (1.9 MB; once 424 MiB). */
function longFlowSequence() {
  return `agent:\n  persona:\n    principles: [${Array(999_000).fill('a').join(',')}]\n`;
}

/** A menu of 999,000 numbers, each a schema problem (1.9 MB; once 463 MiB). */
function manyIssues() {
  return `agent:\n  menu: [${Array(999_000).fill('1').join(',')}]\n`;
}

/** A flow sequence where a key may start: the whole file (8 MiB; once 1.5 GiB). */
function rootFlowSequence() {
  return `[${'1,'.repeat(4_000_000)}1]`;
}

/** A menu item that is one flow mapping of 1.5 million entries (7.5 MiB; once > 1 GiB). */
function itemFlowMapping() {
  return `agent:\n  menu:\n    - {${'a: 1,'.repeat(1_500_000)}a: 1}\n`;
}

/** 8 MiB of blank lines (once +262 MiB, 32 bytes a line). */
function blankLines() {
  return '\n'.repeat(8 * MiB - 1);
}

/** A status board whose story line holds `n` open brackets (8 MiB: once hours). */
function bracketBoard(bytes = 8 * MiB - 4096) {
  const head = '# Status\n\n## BACKLOG\n\n- [TASK-1] Brackets ';
  const tail = ' [3 pts]\n\n## TODO\n\n## IN PROGRESS\n\n## DONE\n';
  return head + '(['.repeat(Math.floor((bytes - head.length - tail.length) / 2)) + tail;
}

const BOMBS = {
  bigScalarAliases: {
    text: bigScalarAliases,
    // The scalar and the copy its anchor keeps count 2 MiB; the 6th alias passes 8 MiB.
    error: { code: 'E_LIMIT', line: 11, column: 9, message: 'aliases expand the document past 8 MiB of text (an alias bomb?)' },
  },
  laughs: {
    text: laughs,
    error: { code: 'E_LIMIT', line: 5, column: 5, message: 'aliases expand the document past 100000 nodes (an alias bomb?)' },
  },
  longFlowSequence: {
    text: longFlowSequence,
    // The keys agent, persona, principles are nodes 1–3 (collections count when they
    // close): item 99,998, at column 18 + 2 × 99,997, is node 100,001.
    error: { code: 'E_LIMIT', line: 3, column: 18 + 2 * 99_997, message: 'the document has more than 100000 nodes' },
  },
  rootFlowSequence: {
    text: rootFlowSequence,
    // Counted before parsing: the bracket and 100,000 commas are 100,001 entries; the last comma is at column 200,001.
    error: { code: 'E_LIMIT', line: 1, column: 200_001, message: 'the document has more than 100000 nodes' },
  },
  itemFlowMapping: {
    text: itemFlowMapping,
    // `{` is entry 1 and each `a: 1,` one more: the 100,000th comma, at column 7 + 5 × 100,000, is one too many.
    error: { code: 'E_LIMIT', line: 3, column: 7 + 5 * 100_000, message: 'the document has more than 100000 nodes' },
  },
  blankLines: {
    text: blankLines,
    error: { code: 'E_EMPTY', line: 1, column: 1, message: 'the document is empty' },
  },
  manyIssues: {
    text: manyIssues,
    // Refused at the node budget before the schema looks at it (item 99,999 is node 100,001).
    error: { code: 'E_LIMIT', line: 2, column: 10 + 2 * 99_998, message: 'the document has more than 100000 nodes' },
  },
};

module.exports = { MiB, BOMBS, bracketBoard };
