'use strict';
// The dialect and strictness the CLI, `validate --watch` and the language
// server apply: what the caller says (flags, editor settings), else the
// "madace-core" key of the nearest package.json (found and checked by the
// core, src/settings.rs), else the defaults.

const { MadaceError } = require('./errors');
const { twins, pathArg } = require('./call');

const [, findSettingsSync] = twins('settings', MadaceError, (start) => [pathArg(start, 'start')]);

/**
 * `{ dialect, strict }` for files at or under `start`; `given` values that
 * are not `undefined` win. A malformed "madace-core" key throws its
 * E_SCHEMA, located in that package.json.
 */
function resolveSettings(start, given = {}) {
  const found = findSettingsSync(start);
  return {
    dialect: given.dialect ?? found.dialect ?? 'any',
    strict: given.strict ?? found.strict ?? false,
  };
}

module.exports = { resolveSettings };
