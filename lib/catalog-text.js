'use strict';
// The core's catalog (src/catalog.rs), as the addon hands it out and the
// WebAssembly build carries it (lib/wasm/catalog.json): every code with its
// severity, title and help, the skill rules, what a definition file is, the
// limits.

function readCatalog({ codes, rules, files, schemas, dialects, writableKinds, limits }) {
  /** Every code, in the catalog's order: `{ code, severity, thrown, title, help }`. */
  const CODES = Object.freeze(codes.map((c) => Object.freeze(c)));
  return {
    CODES,
    /** Every code a MadaceError can carry (see README, "Error codes"). */
    ERROR_CODES: Object.freeze(CODES.filter((c) => c.thrown).map((c) => c.code)),
    /** Every lint rule of skill folders: `{ id, severity, bmad?, applies, title }` (README, "Skill rules"). */
    RULES: Object.freeze(rules.map((r) => Object.freeze(r))),
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
    tooLarge: (what) =>
      `${what} is over ${limits.maxFileBytes} bytes (${limits.maxFileBytes / 2 ** 20} MiB), the limit for a definition file`,
    /** The deepest folder a walk or a watcher goes into below the one given. */
    MAX_FOLDER_DEPTH: limits.maxFolderDepth,
  };
}

module.exports = { readCatalog };
