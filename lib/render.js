'use strict';
// How a problem is shown, in one place: the error message, formatError, the
// CLI's stylish, GitHub Actions and SARIF formats, and the language server's
// diagnostics all build on `location`, `text` and `problemLine`. A problem is
// the core's diagnostic record: `{ severity, code, message, field, line,
// column, path?, layer? }`.

const path = require('node:path');

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

/** Every problem of a report, flattened, each with the file it is in (a skill's may be in a TOML layer). */
const problems = (report) => report.files.flatMap((f) => f.problems.map((p) => ({ ...p, file: p.path ?? f.path })));

/** A thrown MadaceError as problems: one per issue, else one for the error. */
function errorProblems(err) {
  if (err.issues.length) {
    return err.issues.map((i) => ({ ...i, severity: 'error', code: err.code, file: i.layer ? i.layer.path : err.path }));
  }
  const { code, detail: message, line, column } = err;
  return [{ severity: 'error', code, message, field: null, line, column, file: err.path }];
}

/**
 * The lines of `source` around `line`:`column` with a caret under the column,
 * or `null` when the location is not in the text.
 */
function codeFrame(source, line, column) {
  const native = require('./native');
  if (source !== framed.source) framed = { source, lines: source.replace(/^\uFEFF/, '').split('\n') };
  // Only the lines around the location cross to the addon: a report with a
  // thousand problems in one large file splits it once, not a thousand times.
  const first = Math.max(1, line - 2);
  const frame = native.codeFrame(framed.lines.slice(first - 1, line + 2).join('\n'), line, column, first);
  return frame === null ? null : visible(frame, '\t\n');
}

/** The text `codeFrame` saw last, split into lines. */
let framed = { source: null, lines: [] };

/**
 * The text of `file` for a frame, or null when it cannot be read now. Only a
 * regular file within the size limit is read: reading a FIFO would block.
 */
function readSource(file) {
  const fs = require('node:fs');
  try {
    const stat = fs.statSync(file);
    const { MAX_FILE_BYTES } = require('./catalog');
    return stat.isFile() && stat.size <= MAX_FILE_BYTES ? fs.readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/**
 * A function giving the code frame of a problem in a file, each file read
 * once (`texts` holds text that is not on disk, such as `--stdin`'s).
 */
function framer(texts = new Map()) {
  return (file, p) => {
    if (p.line === null || p.line === undefined) return null;
    if (!texts.has(file)) texts.set(file, readSource(file));
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
 * `source`, else from the text a `parse*` call was given, else from the file
 * as it is on disk now; without a readable source there are none.
 */
function formatError(err, { source, frame = true } = {}) {
  const found = errorProblems(err);
  const own = source ?? err.source;
  const texts = new Map(own === undefined ? [] : found.map((p) => [p.file, own]));
  const frames = frame ? framer(texts) : null;
  return found.map((p) => framedLine(p.file, p, frames)).join('\n');
}

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What the stylish format says of a file that loaded. */
function describe(file) {
  return visible(described(file));
}

function described(file) {
  if (file.agent) {
    const a = file.agent;
    return `${a.icon} ${a.name} — ${a.title} (${plural(a.menuItems, 'menu item')})`;
  }
  if (file.workflow) {
    const w = file.workflow;
    return w.format === 'bmad' ? `workflow ${w.name} (BMAD workflow config)` : `workflow ${w.name} (${plural(w.steps, 'step')})`;
  }
  if (file.sprint) {
    const { stories, epics } = file.sprint;
    return `sprint status (${stories} ${stories === 1 ? 'story' : 'stories'} in ${plural(epics, 'epic')})`;
  }
  if (file.skill) {
    const s = file.skill;
    return s.kind === 'agent' ? `skill ${s.name} (agent, ${plural(s.menuItems, 'menu item')})` : `skill ${s.name} (${s.kind})`;
  }
  return file.kind;
}

/**
 * The stylish lines of a report's files: `ok` for a clean file (unless
 * `quiet`), a problem line per problem (errors only when `quiet`), each with
 * its code frame when `frame` gives one. `paint(style, text)` colours.
 */
function stylishFiles(files, { quiet = false, frame = null, paint = (_, s) => s } = {}) {
  const out = [];
  for (const file of files) {
    if (file.problems.length === 0 && !quiet) out.push(`${paint('green', 'ok')}    ${describe(file)}  ${visible(file.path)}`);
    for (const p of file.problems) {
      if (quiet && p.severity !== 'error') continue;
      const where = p.path ?? file.path;
      out.push(paint(p.severity === 'warning' ? 'yellow' : 'red', problemLine(where, p)));
      const shown = frame && frame(where, p);
      if (shown) out.push(paint('dim', shown));
    }
  }
  return out;
}

/** How many problems of `severity` a report holds. */
const count = (report, severity) =>
  report.files.reduce((n, f) => n + f.problems.filter((p) => p.severity === severity).length, 0);

/** The stylish format: the files, then a summary line. */
function stylish(report, options) {
  const [errors, warnings] = [count(report, 'error'), count(report, 'warning')];
  const counts = [errors && plural(errors, 'problem'), warnings && plural(warnings, 'warning')].filter(Boolean);
  const total = report.passed + report.failed;
  const summary =
    `${plural(total, 'file')} checked: ${report.passed} passed, ${report.failed} failed` +
    (counts.length ? ` (${counts.join(', ')})` : '');
  return [...stylishFiles(report.files, options), '', summary].join('\n');
}

/** Paths relative to the working directory, `/`-separated, as GitHub and SARIF expect. */
const relative = (file) => path.relative(process.cwd(), file).split(path.sep).join('/') || '.';

/** GitHub's escaping: `%`, CR and LF in messages; also `:` and `,` in properties. */
const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One GitHub Actions workflow command per problem: `::error file=…,line=…,col=…,title=CODE::message`. */
function github(report) {
  return problems(report)
    .map((p) => {
      const props = [`file=${escapeProperty(visible(relative(p.file)))}`];
      if (p.line !== null) props.push(`line=${p.line}`, `col=${p.column}`);
      props.push(`title=${escapeProperty(p.code)}`);
      return `::${p.severity === 'warning' ? 'warning' : 'error'} ${props.join(',')}::${escapeData(text(p))}`;
    })
    .join('\n');
}

/**
 * One SARIF 2.1.0 log: the tool with a rule for every code of the catalog
 * and every lint rule of skills, one result per problem (a lint finding's
 * `ruleId` is its rule, `SKILL-04`; any other problem's, its code).
 */
function sarif(report, version) {
  const { CODES, RULES } = require('./catalog');
  const rules = [
    ...CODES.map((c) => ({
      id: c.code,
      shortDescription: { text: c.title },
      help: { text: c.help },
      defaultConfiguration: { level: c.severity },
    })),
    ...RULES.map((r) => ({
      id: r.id,
      shortDescription: { text: r.title },
      help: { text: `${r.title} (${r.applies}${r.bmad ? `; BMAD's severity ${r.bmad}` : ''})` },
      defaultConfiguration: { level: r.severity },
    })),
  ];
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = problems(report).map((p) => {
    const where = { artifactLocation: { uri: relative(p.file).split('/').map(encodeURIComponent).join('/') } };
    if (p.line !== null) where.region = { startLine: p.line, startColumn: p.column };
    const ruleId = p.rule ?? p.code;
    return {
      ruleId,
      ruleIndex: ruleIndex.get(ruleId),
      level: p.severity === 'warning' ? 'warning' : 'error',
      message: { text: text(p) },
      locations: [{ physicalLocation: where }],
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'madace-core', version, rules } }, results }],
  };
  return JSON.stringify(log, null, 2);
}

module.exports = {
  visible,
  location,
  text,
  problemLine,
  errorProblems,
  codeFrame,
  framer,
  formatError,
  plural,
  stylish,
  stylishFiles,
  github,
  sarif,
  count,
};
