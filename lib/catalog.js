'use strict';
// What the core knows and the JS side asks instead of repeating it: every
// code with its severity, title and help (src/diagnostic/catalog.rs), and
// what a definition file is (src/kind.rs).

const native = require('./native');

const { codes, rules, files, schemas, dialects, writableKinds, limits } = JSON.parse(native.catalog());

/** Every code, in the catalog's order: `{ code, severity, thrown, title, help }`. */
const CODES = Object.freeze(codes.map((c) => Object.freeze(c)));

/** The kind of a definition file by its path (`agent`, `skillLayer`, …), or `null` for any other file. */
const kindOf = (file) => native.kindOf(file);

/** ` — did you mean 'x'?` when `word` is a near miss of one of `known` (the core's rule), else ''. */
const didYouMean = (word, known) => native.didYouMean(word, known);

/** The file checked for `file`: itself, or a layer's owner (a skill's SKILL.md, `_bmad/config.toml`); `null` when none. */
const ownerOf = (file) => native.ownerOf(file);

/** Every lint rule of skill folders: `{ id, severity, bmad?, applies, title }` (README, "Skill rules"). */
const RULES = Object.freeze(rules.map((r) => Object.freeze(r)));

module.exports = {
  CODES,
  RULES,
  FRAMEWORKS: Object.freeze(files.frameworks),
  SKIPPED_DIRS: Object.freeze(files.skippedDirs),
  /** The kinds of definition file, in words. */
  DEFINITION_FILES: files.described,
  /** The dialects a definition can be checked in (`any`, `madace`). */
  DIALECTS: Object.freeze(dialects),
  /** The kinds a definition can be written as (`stringify`, `createDefinition`). */
  WRITABLE_KINDS: Object.freeze(writableKinds),
  /** The kinds `jsonSchema` exports. */
  SCHEMA_KINDS: Object.freeze(schemas),
  /** The largest definition file read, in bytes (README, "Limits"). */
  MAX_FILE_BYTES: limits.maxFileBytes,
  /** What a text over MAX_FILE_BYTES is told, `what` naming it. */
  tooLarge: (what) => `${what} is over ${limits.maxFileBytes} bytes (${limits.maxFileBytes / 2 ** 20} MiB), the limit for a definition file`,
  /** The deepest folder a walk or a watcher goes into below the one given. */
  MAX_FOLDER_DEPTH: limits.maxFolderDepth,
  kindOf,
  ownerOf,
  didYouMean,
};
