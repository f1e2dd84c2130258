'use strict';
// Checking text that is not (yet) a file — `validate --stdin`, the language
// server's unsaved documents — and trying a move without touching the board
// (`move --dry-run`): the library's own file checks and moves, run on a copy
// in a scratch folder, so what they report is exactly what a real run does.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** File names whose kind `validate` can tell when named explicitly: agents, workflows (flat and nested), configs. */
const DEFINITION_NAME = /(\.agent\.yaml|\.workflow\.yaml|(^|[\\/])workflow\.yaml|(^|[\\/])config\.yaml|(^|[\\/])SKILL\.md)$/;

/** A scratch folder for the duration of `work(dir)`. */
function withScratch(work) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-core-'));
  try {
    return work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Validates `text` as the file `name` would be: written at the same relative
 * path in a scratch folder (the path gives the kind and the defaults), and
 * reported under `name`.
 */
function validateText(lib, name, text, strict) {
  const relative = path.normalize(name).replace(/^([/\\]|[A-Za-z]:[/\\]|\.\.[/\\])+/, '');
  return withScratch((dir) => {
    const file = path.join(dir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    const report = lib.validateSync(file, { strict });
    for (const entry of report.files) entry.path = name;
    return report;
  });
}

module.exports = { DEFINITION_NAME, withScratch, validateText };
