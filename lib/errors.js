'use strict';
// The error classes every failure is thrown as, and the one place a core
// error payload (from the addon or the WebAssembly build) becomes one of them.

const { location } = require('./problem');

class MadaceError extends Error {
  /** `info`: the core's `{ code, message, path, line, column, issues }`, `message` without a location. */
  constructor(info) {
    super(info.path ? `${location(info.path, info)}: ${info.message}` : info.message);
    this.name = new.target.name;
    this.code = info.code;
    /** What is wrong, without the file and location that `message` starts with. */
    this.detail = info.message;
    this.path = info.path;
    this.line = info.line;
    this.column = info.column;
    this.issues = info.issues || [];
  }

  /** The MADACE TypeScript loaders' name for `path`, a string as theirs is: '' when the error concerns no file. */
  get filePath() {
    return this.path ?? '';
  }
}

class AgentLoadError extends MadaceError {}

class WorkflowLoadError extends MadaceError {}

class ConfigLoadError extends MadaceError {}

class StatusError extends MadaceError {}

class SkillError extends MadaceError {}

class EditError extends MadaceError {}

function toMadaceError(err, ErrorClass) {
  if (err && typeof err.madace === 'string') return new ErrorClass(JSON.parse(err.madace));
  // Not one of ours: a bug in the addon, surfaced with the stable internal code.
  const message = `madace-core internal error: ${err && err.message ? err.message : String(err)}`;
  return new ErrorClass({ code: 'E_INTERNAL', message, path: null, line: null, column: null });
}

/**
 * A parse function whose errors remember the text they were found in (as a
 * non-enumerable `source`), so that `formatError` can show it.
 */
function keepingSource(parse) {
  return (source, options) => {
    try {
      return parse(source, options);
    } catch (err) {
      if (err instanceof MadaceError) Object.defineProperty(err, 'source', { value: source, configurable: true });
      throw err;
    }
  };
}

module.exports = {
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  SkillError,
  EditError,
  toMadaceError,
  keepingSource,
};
