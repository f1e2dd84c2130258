'use strict';
// The error classes every failure is thrown as, and the one place a native
// error payload becomes one of them.

class MadaceError extends Error {
  constructor(info) {
    super(info.message);
    this.name = new.target.name;
    this.code = info.code;
    this.path = info.path;
    this.line = info.line;
    this.column = info.column;
    this.issues = info.issues || [];
  }

  /** The MADACE TypeScript loaders' name for `path`. */
  get filePath() {
    return this.path;
  }
}

class AgentLoadError extends MadaceError {}

class WorkflowLoadError extends MadaceError {}

class ConfigLoadError extends MadaceError {}

class StatusError extends MadaceError {}

class SkillError extends MadaceError {}

/** Every code a MadaceError can carry (see README, "Error codes"). */
const ERROR_CODES = Object.freeze([
  'E_NOT_FOUND',
  'E_NOT_A_FILE',
  'E_NOT_A_DIRECTORY',
  'E_IO',
  'E_ENCODING',
  'E_EMPTY',
  'E_YAML',
  'E_DUPLICATE_KEY',
  'E_MULTIPLE_DOCUMENTS',
  'E_TAG',
  'E_TOML',
  'E_LIMIT',
  'E_SCHEMA',
  'E_PATH',
  'E_INTERNAL',
  'E_STATUS_FORMAT',
  'E_UNKNOWN_STATE',
  'E_STORY_NOT_FOUND',
  'E_DUPLICATE_STORY',
  'E_TRANSITION',
  'E_STATUS_LIMIT',
  'E_STATUS_CONFLICT',
]);

function toMadaceError(err, ErrorClass) {
  if (err && typeof err.madace === 'string') return new ErrorClass(JSON.parse(err.madace));
  // Not one of ours: a bug in the addon, surfaced with the stable internal code.
  const message = `madace-core internal error: ${err && err.message ? err.message : String(err)}`;
  return new ErrorClass({ code: 'E_INTERNAL', message, path: null, line: null, column: null });
}

module.exports = {
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  SkillError,
  ERROR_CODES,
  toMadaceError,
};
