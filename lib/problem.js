'use strict';
// A problem as a person reads it, with nothing but the core's answers: the
// error message's location, a problem line, a code frame, formatError. No
// Node.js module is needed here, so the WebAssembly build (lib/wasm/) shows
// problems exactly as the addon does. A problem is the core's diagnostic
// record: `{ severity, code, message, field, line, column, path?, layer? }`.

/**
 * Text from a file (names, keys, values, paths) made safe to print: C0 and
 * C1 control characters and DEL become visible symbols (ESC as ␛, a newline
 * as ␊, as rustc shows them), so no output can carry a terminal escape
 * sequence or start a line a CI runner executes (`::add-mask::`). `keep`
 * lists control characters that stay (a code frame's tabs and newlines).
 */
function visible(value, keep = '') {
  return String(value).replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (keep.includes(c)) return c;
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : `\\u{${code.toString(16)}}`;
  });
}

/** `file:line:column`, or `file` for a problem of the file as a whole. */
function location(file, p) {
  // A line a CI runner reads must not start with `::` (a workflow command).
  const shown = visible(file).replace(/^::/, './::');
  return p.line === null || p.line === undefined ? shown : `${shown}:${p.line}:${p.column}`;
}

/** `field: message`, or the message for a problem with no field, made visible. */
const text = (p) => visible(p.field ? `${p.field}: ${p.message}` : p.message);

/**
 * `file:line:column  error  field: message  CODE`, eslint-style: the word
 * tells errors from warnings without colour.
 */
const problemLine = (file, p) => `${location(file, p)}  ${p.severity ?? 'error'}  ${text(p)}  ${p.code}`;

/** A thrown MadaceError as problems: one per issue, else one for the error. */
function errorProblems(err) {
  if (err.issues.length) {
    return err.issues.map((i) => ({ ...i, severity: 'error', code: err.code, file: i.layer ? i.layer.path : err.path }));
  }
  const { code, detail: message, line, column } = err;
  return [{ severity: 'error', code, message, field: null, line, column, file: err.path }];
}

/**
 * `codeFrame(source, line, column)` on the core's `frame(lines, line,
 * column, firstLine)`: the lines of `source` around `line`:`column` with a
 * caret under the column, or `null` when the location is not in the text.
 */
function framing(frame) {
  let framed = { source: null, lines: [] };
  return (source, line, column) => {
    if (source !== framed.source) framed = { source, lines: source.replace(/^\uFEFF/, '').split('\n') };
    // Only the lines around the location cross to the core: a report with a
    // thousand problems in one large file splits it once, not a thousand times.
    const first = Math.max(1, line - 2);
    const shown = frame(framed.lines.slice(first - 1, line + 2).join('\n'), line, column, first);
    return shown === null ? null : visible(shown, '\t\n');
  };
}

/**
 * A function giving the code frame of a problem in a file: its text from
 * `texts`, else from `read(file)` (kept in `texts`; null when unreadable).
 */
function framer(codeFrame, texts = new Map(), read = () => null) {
  return (file, p) => {
    if (p.line === null || p.line === undefined) return null;
    if (!texts.has(file)) texts.set(file, read(file));
    const source = texts.get(file);
    return source === null ? null : codeFrame(source, p.line, p.column);
  };
}

/** A problem line, followed by its code frame when `frame` gives one. */
function framedLine(file, p, frame) {
  const shown = frame && frame(file, p);
  return shown ? `${problemLine(file, p)}\n${shown}` : `${problemLine(file, p)}\n`;
}

/**
 * An error as a person reads it: a problem line for the error, or for each
 * of its issues, each followed by its code frame. The frames come from
 * `source`, else from the text a `parse*` call was given, else from
 * `read(file)`; without a source there are none.
 */
function formatError(err, { source, frame = true }, codeFrame, read) {
  const found = errorProblems(err);
  const own = source ?? err.source;
  const texts = new Map(own === undefined ? [] : found.map((p) => [p.file, own]));
  const frames = frame ? framer(codeFrame, texts, read) : null;
  return found.map((p) => framedLine(p.file, p, frames)).join('\n');
}

module.exports = { visible, location, text, problemLine, errorProblems, framing, framer, formatError };
