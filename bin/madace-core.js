#!/usr/bin/env node
'use strict';
// Command line front end: argument handling and output formatting only; the
// work is done by the library.

const fs = require('node:fs');
const path = require('node:path');
const { DEFINITION_NAME, withScratch, validateText } = require('./scratch');

const USAGE = `Usage: madace-core <command> [options]

Commands:
  validate [paths...]       Load and validate definition files: agents, workflows
                            and core/config.yaml. Folders are searched recursively.
                            Without paths: ./madace, else ./bmad, else ./_bmad.
                            Finding no definition file is a usage error.
      --strict              Also apply BMAD's lint rules to agents.
      --format stylish|json|github|sarif
                            How to print the report: stylish (the default),
                            json, GitHub Actions annotations, or SARIF 2.1.0
                            for code scanning.
      --json                The same as --format json.
      --quiet               Print errors only (no "ok" lines, no warnings).
      --no-frame            Do not show the source lines (code frame) under each
                            problem in the stylish format.
      --max-warnings N      Exit 1 when there are more than N warnings. Project
                            roots also get loadProject's cross-reference
                            warnings (W_…), which alone never fail a run.
      --watch               Validate, then re-validate what changes as files
                            are created, edited, renamed or deleted.
      --stdin --stdin-filename NAME
                            Check the definition on standard input as if it
                            were the file NAME (editors, pre-commit hooks).
                            Quoted globs ('madace/**/*.agent.yaml') are expanded.
  schema agent|workflow|config
                            Print the JSON Schema of a definition file, for
                            editors (YAML language server).
  status [file]             Print the story board of a workflow-status.md file
                            and any rule it breaks. --json prints the board.
  lsp --stdio               A Language Server Protocol server for editors:
                            problems of definition files as you type.
  move ID STATE [file]      Move a story to BACKLOG, TODO, IN_PROGRESS or DONE.
      --dry-run             Print the change as a diff; write nothing.

  status and move default to <output_folder>/workflow-status.md of
  ./madace/core/config.yaml (else docs/workflow-status.md) and take their
  TODO / IN PROGRESS limits from its state_machine section.

Options:
  -h, --help                Show this help.
  -v, --version             Show the version.

Exit status: 0 on success, 1 when anything failed or broke a rule, 2 on usage errors.`;

/** A mistake in how the command was called (exit 2); `usage: false` for one the message alone explains. */
class UsageError extends Error {
  constructor(message, { usage = true } = {}) {
    super(message);
    this.usage = usage;
  }
}

const FRAMEWORK_DIRS = ['madace', 'bmad', '_bmad'];

/** Without paths: the project's framework folder, as eslint looks for its files. */
function defaultPaths() {
  const found = FRAMEWORK_DIRS.find((dir) => fs.existsSync(dir));
  if (found) return [found];
  throw new UsageError(
    `No paths given, and no ${FRAMEWORK_DIRS.map((d) => `./${d}`).join(', ')} folder here (${process.cwd()}). ` +
      'Name the files or folders to validate, e.g. `madace-core validate madace/`.',
    { usage: false },
  );
}

function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function describe(file) {
  if (file.agent) {
    const a = file.agent;
    return `${a.icon} ${a.name} — ${a.title} (${plural(a.menuItems, 'menu item')})`;
  }
  if (file.workflow) {
    const w = file.workflow;
    return w.format === 'bmad' ? `workflow ${w.name} (BMAD workflow config)` : `workflow ${w.name} (${plural(w.steps, 'step')})`;
  }
  if (file.skill) {
    const s = file.skill;
    return s.kind === 'agent' ? `skill ${s.name} (agent, ${plural(s.menuItems, 'menu item')})` : `skill ${s.name} (${s.kind})`;
  }
  return file.kind;
}

/** Every problem, from every command, eslint-style: `file:line:column  field: message  CODE`. */
function problemLine(file, p) {
  const where = p.line === null || p.line === undefined ? file : `${file}:${p.line}:${p.column}`;
  const what = p.field ? `${p.field}: ${p.message}` : p.message;
  return `${where}  ${what}  ${p.code}`;
}

/** A thrown MadaceError as problem lines: one per schema issue, else one for the error. */
function errorLines(err) {
  if (err.issues.length) {
    return err.issues.map((i) => problemLine(i.layer ? i.layer.path : err.path, { ...i, code: err.code }));
  }
  const where = err.line === null ? err.path : `${err.path}:${err.line}:${err.column}`;
  const message = err.message.startsWith(`${where}: `) ? err.message.slice(where.length + 2) : err.message;
  return [problemLine(err.path, { line: err.line, column: err.column, message, code: err.code })];
}

/**
 * validateStatus's issues name the rule by their path: a stale entry of a
 * story that is DONE (a warning), a repeated story, or a section over its limit.
 */
function statusCode(issue) {
  if (issue.field.startsWith('stale.')) return 'W_STALE_STORY';
  return issue.field.startsWith('stories.') ? 'E_DUPLICATE_STORY' : 'E_STATUS_LIMIT';
}

/** Colours only on a terminal; NO_COLOR turns them off, FORCE_COLOR (not `0`) on. */
function colours() {
  const { FORCE_COLOR, NO_COLOR } = process.env;
  if (FORCE_COLOR !== undefined && FORCE_COLOR !== '') return FORCE_COLOR !== '0';
  return !NO_COLOR && Boolean(process.stdout.isTTY);
}

const paint = (on) => (style, text) => (on ? require('node:util').styleText(style, text) : text);

/**
 * Where problems are shown with their code frame: each file's text is read
 * once (`texts` holds text that is not on disk, as `--stdin`'s); `null` when
 * frames are off.
 */
function framer(lib, texts = new Map()) {
  return (file, p) => {
    if (p.line === null || p.line === undefined) return null;
    if (!texts.has(file)) {
      let text = null;
      try {
        // Only a regular file: reading a FIFO would block.
        if (fs.statSync(file).isFile()) text = fs.readFileSync(file, 'utf8');
      } catch {
        // Gone or unreadable since it was checked: the problem line alone says it.
      }
      texts.set(file, text);
    }
    const text = texts.get(file);
    return text === null ? null : lib.codeFrame(text, p.line, p.column);
  };
}

/**
 * One `ok` line per clean file, one line per problem, each followed by its
 * code frame when `frame` gives one; `quiet`: errors only.
 */
function printFiles(files, quiet, frame) {
  const colour = paint(colours());
  for (const file of files) {
    if (file.problems.length === 0 && !quiet) console.log(`${colour('green', 'ok')}    ${describe(file)}  ${file.path}`);
    for (const p of file.problems) {
      if (quiet && p.severity !== 'error') continue;
      // A skill's problems may be in its TOML layers: `p.path` names the file.
      const where = p.path ?? file.path;
      console.log(colour(p.severity === 'warning' ? 'yellow' : 'red', problemLine(where, p)));
      const shown = frame && frame(where, p);
      if (shown) console.log(colour('dim', shown));
    }
  }
}

/** The files and a summary line; `quiet`: errors only (no `ok` lines, no warnings). */
function printReport(report, quiet, frame) {
  printFiles(report.files, quiet, frame);
  const count = (severity) => report.files.reduce((n, f) => n + f.problems.filter((p) => p.severity === severity).length, 0);
  const [errors, warnings] = [count('error'), count('warning')];
  const counts = [errors && plural(errors, 'problem'), warnings && plural(warnings, 'warning')].filter(Boolean);
  const total = report.passed + report.failed;
  console.log(
    `\n${plural(total, 'file')} checked: ${report.passed} passed, ${report.failed} failed` +
      (counts.length ? ` (${counts.join(', ')})` : ''),
  );
}

const DEFINITION_FILES = '*.agent.yaml, *.workflow.yaml, <name>/workflow.yaml, core/config.yaml or SKILL.md (a BMAD 6.x skill)';

// Quoted globs ('madace/**/*.agent.yaml') are expanded, as eslint does; one
// that matches nothing is a usage error.
function expandGlobs(paths) {
  const { globSync, isDynamicPattern } = require('tinyglobby');
  return paths.flatMap((p) => {
    if (fs.existsSync(p) || !isDynamicPattern(p)) return [p];
    const matches = globSync(p, { ignore: ['**/node_modules/**', '**/.git/**', '**/target/**'] }).sort();
    if (matches.length === 0) throw new UsageError(`No files matching the pattern "${p}".`, { usage: false });
    return matches;
  });
}

function validateCommand(lib, args, flags, options) {
  if (flags.has('--stdin') && args.length) throw new UsageError('--stdin takes no paths', { usage: false });
  if (flags.has('--stdin') && !options.stdinFilename) {
    throw new UsageError('--stdin needs --stdin-filename NAME: the name tells the kind of file.', { usage: false });
  }
  const paths = flags.has('--stdin') ? [options.stdinFilename] : args.length ? expandGlobs(args) : defaultPaths();
  const unknown = paths.find((p) => !DEFINITION_NAME.test(p) && fs.statSync(p, { throwIfNoEntry: false })?.isFile());
  if (unknown) {
    throw new UsageError(`Cannot tell what kind of definition file ${unknown} is: validate checks ${DEFINITION_FILES} files.`, {
      usage: false,
    });
  }
  const format = flags.has('--json') ? 'json' : (options.format ?? 'stylish');
  const maxWarnings = options.maxWarnings === undefined ? Infinity : Number(options.maxWarnings);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) {
    throw new UsageError(`--max-warnings takes a whole number (not '${options.maxWarnings}')`, { usage: false });
  }
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format takes ${FORMATS.join(', ')} (not '${format}')`, { usage: false });
  }
  const strict = flags.has('--strict');
  const frames = !flags.has('--no-frame');
  if (flags.has('--watch')) return watchCommand(lib, paths, strict, flags.has('--quiet'), frames);
  const stdin = flags.has('--stdin') ? fs.readFileSync(0) : null;
  const report = stdin ? validateText(lib, options.stdinFilename, stdin, strict) : lib.validateSync(paths, { strict });
  if (report.files.length === 0) {
    throw new UsageError(`No definition files in ${paths.join(', ')} (looked for ${DEFINITION_FILES}).`, {
      usage: false,
    });
  }
  if (!flags.has('--stdin')) addProjectWarnings(lib, report, paths);
  const formats = require('./formats');
  if (format === 'json') console.log(JSON.stringify(report, null, 2));
  else if (format === 'github') console.log(formats.github(report));
  else if (format === 'sarif') console.log(formats.sarif(report, require('../package.json').version));
  else {
    const texts = new Map(stdin ? [[options.stdinFilename, stdin.toString('utf8')]] : []);
    printReport(report, flags.has('--quiet'), frames ? framer(lib, texts) : null);
  }
  const warnings = report.files.reduce((n, f) => n + f.problems.filter((p) => p.severity === 'warning').length, 0);
  if (warnings > maxWarnings) {
    console.error(`madace-core found too many warnings: ${warnings} (--max-warnings ${maxWarnings}).`);
    return 1;
  }
  return report.failed > 0 ? 1 : 0;
}

/**
 * `validate --watch`: the full report once, then, on every change, the files
 * whose result changed and a one-line summary. Ctrl-C stops it (exit 0).
 */
function watchCommand(lib, paths, strict, quiet, frames) {
  let first = true;
  const watcher = lib.watch(paths, {
    strict,
    onReport(report) {
      // A fresh framer per report: the files have changed since the last one.
      const frame = frames ? framer(lib) : null;
      if (first) {
        first = false;
        printReport(report, quiet, frame);
        return;
      }
      printFiles(report.files, quiet, frame);
      for (const file of report.removed) console.log(`gone  ${file}`);
      const changed = report.files.length + report.removed.length;
      console.log(`${plural(changed, 'file')} changed: ${report.passed} passed, ${report.failed} failed, ${report.removed.length} gone`);
    },
  });
  watcher.ready.then(() => console.log('Watching for changes (Ctrl-C to stop)…'));
  process.once('SIGINT', () => watcher.close().then(() => process.exit(0)));
  return undefined;
}

/**
 * A path that is a project root (it holds madace/, bmad/, _bmad/ or a BMAD
 * source tree) also gets loadProject's cross-reference warnings (W_…), added
 * to the report's entries for the files they are in. Warnings never fail a
 * file; --max-warnings decides whether they fail the run.
 */
function addProjectWarnings(lib, report, paths) {
  for (const root of paths) {
    let project;
    try {
      project = lib.loadProjectSync(root);
    } catch (err) {
      if (err instanceof lib.MadaceError && ['E_NOT_FOUND', 'E_NOT_A_FILE', 'E_NOT_A_DIRECTORY'].includes(err.code)) continue;
      throw err;
    }
    for (const { path: file, severity, code, message, field, line, column } of project.issues) {
      if (severity !== 'warning') continue;
      let entry = report.files.find((f) => f.path === file);
      if (!entry) {
        entry = { path: file, kind: 'project', problems: [] };
        report.files.push(entry);
      }
      // validate itself warns of unknown keys: the project's copy of them is not repeated.
      if (entry.problems.some((p) => p.code === code && p.line === line && p.column === column)) continue;
      entry.problems.push({ severity, code, message, field, line, column });
    }
  }
}

const SCHEMA_KINDS = ['agent', 'workflow', 'config'];

function schemaCommand(lib, args) {
  if (args.length !== 1 || !SCHEMA_KINDS.includes(args[0])) {
    throw new UsageError(`schema takes one kind: ${SCHEMA_KINDS.join(', ')}${args.length === 1 ? ` (not '${args[0]}')` : ''}`);
  }
  console.log(JSON.stringify(lib.jsonSchema(args[0]), null, 2));
  return 0;
}

/** The project config in the working directory, if there is one. */
function localConfig(lib) {
  const file = path.join('madace', 'core', 'config.yaml');
  return fs.existsSync(file) ? lib.loadConfigSync(file) : undefined;
}

function statusFile(config, given) {
  if (given) return given;
  return path.join((config && config.output_folder) || 'docs', 'workflow-status.md');
}

function statusCommand(lib, args, flags) {
  if (args.length > 1) throw new UsageError('status takes at most one file');
  const config = localConfig(lib);
  const file = statusFile(config, args[0]);
  const board = lib.loadStatusSync(file);
  const issues = lib.validateStatus(board, { config });
  if (flags.has('--json')) {
    console.log(JSON.stringify({ board, issues }, null, 2));
  } else {
    const sections = [
      ['BACKLOG', board.backlog],
      ['TODO', board.todo],
      ['IN PROGRESS', board.inProgress],
      ['DONE', board.done],
    ];
    for (const [name, stories] of sections) {
      console.log(`${name} (${stories.length})`);
      for (const s of stories) {
        console.log(`  [${s.id}] ${s.title}${s.points === undefined ? '' : `  ${plural(s.points, 'pt')}`}`);
      }
    }
    const colour = paint(colours());
    for (const issue of issues) {
      const code = statusCode(issue);
      console.log(colour(code.startsWith('W_') ? 'yellow' : 'red', problemLine(file, { ...issue, code })));
    }
  }
  // Stale entries of DONE stories are warnings: the board still reads right.
  return issues.some((issue) => !statusCode(issue).startsWith('W_')) ? 1 : 0;
}

function moveCommand(lib, args, flags) {
  if (args.length < 2 || args.length > 3) throw new UsageError('move takes ID STATE [file]');
  const [id, state, given] = args;
  if (/[\\/]|\.md$/i.test(state)) {
    throw new UsageError(
      `'${state}' is a file, not a state: move takes ID STATE [file], e.g. \`madace-core move ${id} TODO ${state}\` ` +
        '(states: BACKLOG, TODO, IN_PROGRESS, DONE).',
      { usage: false },
    );
  }
  const config = localConfig(lib);
  const file = statusFile(config, given);
  if (flags.has('--dry-run')) {
    // The move on a copy; the board itself is only read.
    const before = fs.readFileSync(file, 'utf8');
    const { story, after } = withScratch((dir) => {
      const copy = path.join(dir, path.basename(file));
      fs.writeFileSync(copy, before);
      try {
        return { story: lib.transitionSync(copy, id, state, { config }), after: fs.readFileSync(copy, 'utf8') };
      } catch (err) {
        // Reported against the board, not the copy.
        if (err instanceof lib.MadaceError) Object.assign(err, { path: file, message: err.message.split(copy).join(file) });
        throw err;
      }
    });
    process.stdout.write(require('diff').createTwoFilesPatch(file, file, before, after, '', '', { context: 1 }));
    console.log(`${story.id} would be ${story.state} (line ${story.line}); nothing written (--dry-run)`);
    return 0;
  }
  const story = lib.transitionSync(file, id, state, { config });
  console.log(`${story.id} is now ${story.state} (line ${story.line})`);
  return 0;
}

/** `lsp --stdio`: the language server, until the client ends it. */
function lspCommand(lib, args, flags) {
  if (!flags.has('--stdio')) throw new UsageError('lsp speaks over standard input and output: run `madace-core lsp --stdio`');
  require('./lsp').start(lib);
  return undefined;
}

const COMMANDS = { validate: validateCommand, schema: schemaCommand, status: statusCommand, move: moveCommand, lsp: lspCommand };
const FORMATS = ['stylish', 'json', 'github', 'sarif'];

const FLAGS = {
  validate: ['--json', '--strict', '--quiet', '--stdin', '--watch', '--no-frame'],
  schema: [],
  status: ['--json'],
  move: ['--dry-run'],
  lsp: ['--stdio'],
};

/** Takes `--name VALUE` or `--name=VALUE` out of `argv`. */
function takeOption(argv, name) {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return [argv, undefined];
  const inline = argv[i].startsWith(`${name}=`) ? argv[i].slice(name.length + 1) : undefined;
  const value = inline ?? argv[i + 1];
  if (value === undefined || (inline === undefined && value.startsWith('-'))) {
    throw new UsageError(`${name} needs a value`);
  }
  return [[...argv.slice(0, i), ...argv.slice(i + (inline === undefined ? 2 : 1))], value];
}

function main(argv) {
  if (argv.includes('-h') || argv.includes('--help')) {
    console.log(USAGE);
    return 0;
  }
  if (argv.includes('-v') || argv.includes('--version')) {
    console.log(require('../package.json').version);
    return 0;
  }
  let lib;
  try {
    lib = require('..');
  } catch (err) {
    if (!String(err.code).startsWith('MADACE_ADDON_')) throw err;
    console.error(err.message);
    return 1;
  }
  try {
    const [afterStdin, stdinFilename] = takeOption(argv, '--stdin-filename');
    const [afterFormat, format] = takeOption(afterStdin, '--format');
    const [rest, maxWarnings] = takeOption(afterFormat, '--max-warnings');
    const flags = new Set(rest.filter((a) => a.startsWith('-')));
    const [command, ...args] = rest.filter((a) => !a.startsWith('-'));
    if (command === undefined) {
      console.error(USAGE);
      return 2;
    }
    if (!COMMANDS[command]) throw new UsageError(`Unknown command: ${command}`);
    const unknown = [...flags].filter((f) => !FLAGS[command].includes(f));
    if (command !== 'validate') {
      if (stdinFilename !== undefined) unknown.push('--stdin-filename');
      if (format !== undefined) unknown.push('--format');
      if (maxWarnings !== undefined) unknown.push('--max-warnings');
    }
    if (unknown.length) throw new UsageError(`Unknown option for ${command}: ${unknown.join(' ')}`);
    return COMMANDS[command](lib, args, flags, { stdinFilename, format, maxWarnings });
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(err.usage ? `${err.message}\n\n${USAGE}` : `${err.message}\nRun \`madace-core --help\` for usage.`);
      return 2;
    }
    if (err instanceof lib.MadaceError || err instanceof TypeError) {
      console.error(err instanceof lib.MadaceError ? errorLines(err).join('\n') : err.message);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main(process.argv.slice(2));
