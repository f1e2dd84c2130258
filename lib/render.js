'use strict';
// How problems are shown in Node.js: formatError with frames read from disk,
// the CLI's stylish, GitHub Actions and SARIF formats and the language
// server's diagnostics, all built on lib/problem.js (`location`, `text`,
// `problemLine`), which the WebAssembly build shares.

const path = require('node:path');

const problem = require('./problem');
const { showing } = require('./show');

const { visible, text, problemLine } = problem;

/** Every problem of a report, flattened, each with the file it is in (a skill's may be in a TOML layer). */
const problems = (report) => report.files.flatMap((f) => f.problems.map((p) => ({ ...p, file: p.path ?? f.path })));

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

/** The public codeFrame and formatError, on the addon's frames; formatError reads files from disk. */
const shown = showing((...args) => require('./native').codeFrame(...args), readSource);

/**
 * A function giving the code frame of a problem in a file, each file read
 * once (`texts` holds text that is not on disk, such as `--stdin`'s).
 */
const framer = (texts = new Map()) => problem.framer(shown.framed, texts, readSource);

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
  location: problem.location,
  text,
  problemLine,
  errorProblems: problem.errorProblems,
  codeFrame: shown.codeFrame,
  framer,
  formatError: shown.formatError,
  plural,
  stylish,
  stylishFiles,
  github,
  sarif,
  count,
};
