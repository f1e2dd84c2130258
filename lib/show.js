'use strict';
// The public codeFrame and formatError, on the core's code frames (through
// the addon or the WebAssembly build): arguments checked as everywhere,
// problems shown by lib/problem.js.

const { invalidArg, optionsArg } = require('./args');
const { MadaceError } = require('./errors');
const problem = require('./problem');

function positiveInteger(value, name) {
  if (!Number.isInteger(value) || value < 1) throw invalidArg(name, 'a whole number from 1 up', value);
  return value;
}

/**
 * `frame(lines, line, column, firstLine)`: the core's frame of some lines;
 * `read(file)`: a file's text for formatError when no text is given, or null.
 */
function showing(frame, read) {
  const framed = problem.framing(frame);

  /**
   * The lines of `source` around `line`:`column` with a caret under the column
   * (tabs and wide characters before it keep it in place), or `null` when the
   * location is not in the text.
   */
  function codeFrame(source, line, column) {
    if (typeof source !== 'string') throw invalidArg('source', 'a string', source);
    return framed(source, positiveInteger(line, 'line'), positiveInteger(column, 'column'));
  }

  /**
   * An error as a person reads it, as the CLI prints it: `file:line:column
   * field: message  CODE` for the error or each of its issues, each followed
   * by its code frame. The frames come from `options.source`, else from the
   * text a `parse*` call was given, else from `read` (the file at `err.path`
   * as it is on disk now, in Node.js); without a source (or with `frame:
   * false`) there are no frames.
   */
  function formatError(err, options) {
    if (!(err instanceof MadaceError)) throw invalidArg('err', 'a MadaceError', err);
    const { source, frame: framing = true } = optionsArg(options);
    if (source !== undefined && typeof source !== 'string') throw invalidArg('options.source', 'a string', source);
    return problem.formatError(err, { source, frame: framing }, framed, read);
  }

  return { framed, codeFrame, formatError };
}

module.exports = { showing };
