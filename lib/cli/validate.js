'use strict';
// `madace-core validate`: files, folders, globs or standard input; one
// report in the chosen format; project roots also get loadProject's
// cross-reference warnings.

const fs = require('node:fs');
const path = require('node:path');
const render = require('../render');
const { FRAMEWORKS, SKIPPED_DIRS, DEFINITION_FILES, MAX_FILE_BYTES, kindOf, tooLarge } = require('../catalog');
const { resolveSettings } = require('../settings');
const { painter } = require('./terminal');
const { UsageError, dialectFlag } = require('./usage');

const { FORMATS } = require('./board');

const OPTIONS = {
  strict: { type: 'boolean' },
  dialect: { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'no-frame': { type: 'boolean' },
  'max-warnings': { type: 'string' },
  watch: { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
};

/**
 * Without paths, the project here: a BMAD 6.x project (`_bmad/config.toml`)
 * is checked whole (its skills live outside `_bmad/`), else the first
 * framework folder found, as eslint looks for its files.
 */
function defaultPaths() {
  const central = FRAMEWORKS.map((dir) => path.join(dir, 'config.toml')).find((p) => kindOf(p) === 'centralConfig');
  if (fs.existsSync(central)) {
    return fs
      .readdirSync('.', { withFileTypes: true })
      .filter((e) => (e.isDirectory() ? !SKIPPED_DIRS.includes(e.name) : kindOf(e.name) !== null))
      .map((e) => e.name)
      .sort();
  }
  const found = FRAMEWORKS.find((dir) => fs.existsSync(dir));
  if (found) return [found];
  throw new UsageError(
    `No paths given, and no ${FRAMEWORKS.map((d) => `./${d}`).join(', ')} folder here (${process.cwd()}). ` +
      'Name the files or folders to validate, e.g. `madace-core validate madace/`.',
    { usage: false },
  );
}

// Quoted globs ('madace/**/*.agent.yaml') are expanded, as eslint does; one
// that matches nothing is a usage error.
function expandGlobs(paths) {
  const { globSync, isDynamicPattern } = require('tinyglobby');
  return paths.flatMap((p) => {
    if (fs.existsSync(p) || !isDynamicPattern(p)) return [p];
    const matches = globSync(p, { ignore: SKIPPED_DIRS.map((d) => `**/${d}/**`) }).sort();
    if (matches.length === 0) throw new UsageError(`No files matching the pattern "${p}".`, { usage: false });
    return matches;
  });
}

/**
 * Standard input as text, never more than the file size limit: one byte
 * past it stops the read with E_LIMIT, as a file that large would.
 */
function readStdin(lib, name) {
  const chunks = [];
  const chunk = Buffer.alloc(64 * 1024);
  let total = 0;
  for (;;) {
    let n;
    try {
      n = fs.readSync(0, chunk, 0, chunk.length, null);
    } catch (err) {
      if (err.code === 'EAGAIN') continue; // a non-blocking pipe with nothing yet
      if (err.code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_FILE_BYTES) {
      throw new lib.MadaceError({
        code: 'E_LIMIT',
        message: tooLarge('standard input'),
        path: name,
        line: null,
        column: null,
      });
    }
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A path that is a project root (it holds madace/, bmad/, _bmad/ or a BMAD
 * source tree) also gets loadProject's cross-reference warnings (W_…), added
 * to the report's entries for the files they are in. Warnings never fail a
 * file; --max-warnings decides whether they fail the run.
 */
function addProjectWarnings(lib, report, roots) {
  const entries = new Map(report.files.map((f) => [path.normalize(f.path), f]));
  for (const root of roots) {
    let project;
    try {
      project = lib.loadProjectSync(root);
    } catch (err) {
      if (err instanceof lib.MadaceError && ['E_NOT_FOUND', 'E_NOT_A_FILE', 'E_NOT_A_DIRECTORY'].includes(err.code)) continue;
      throw err;
    }
    for (const { path: file, ...problem } of project.issues) {
      if (problem.severity !== 'warning') continue;
      const key = path.normalize(file);
      let entry = entries.get(key);
      if (!entry) {
        entry = { path: key, kind: 'project', problems: [] };
        entries.set(key, entry);
        report.files.push(entry);
      }
      // validate itself warns of unknown keys: the project's copy of them is not repeated.
      if (entry.problems.some((p) => p.code === problem.code && p.line === problem.line && p.column === problem.column)) continue;
      entry.problems.push(problem);
    }
  }
}

/**
 * `validate --watch`: the full report once, then, on every change, the files
 * whose result changed and a one-line summary; after each, the errors and
 * warnings of every watched file, as tsc --watch counts them. Ctrl-C stops
 * it (exit 0).
 */
function watchCommand(lib, paths, settings, quiet, frames) {
  let first = true;
  const paint = painter();
  const watcher = lib.watch(paths, {
    ...settings,
    onError: (err) => console.error(`madace-core: ${render.visible(err.message)}`),
    onReport(report) {
      // A fresh framer per report: the files have changed since the last one.
      const frame = frames ? render.framer() : null;
      if (first) {
        first = false;
        console.log(render.stylish(report, { quiet, frame, paint }));
      } else {
        const lines = render.stylishFiles(report.files, { quiet, frame, paint });
        if (lines.length) console.log(lines.join('\n'));
        for (const file of report.removed) console.log(`gone  ${render.visible(file)}`);
        const changed = report.files.length + report.removed.length;
        console.log(
          `${render.plural(changed, 'file')} changed: ${report.passed} passed, ${report.failed} failed, ${report.removed.length} gone`,
        );
      }
      const { files, errors, warnings } = report.totals;
      console.log(
        `Found ${render.plural(errors, 'error')} and ${render.plural(warnings, 'warning')} in ${render.plural(files, 'file')}.`,
      );
    },
  });
  watcher.ready.then(() => console.log('Watching for changes (Ctrl-C to stop)…'));
  process.once('SIGINT', () => watcher.close().then(() => process.exit(0)));
  return undefined;
}

function validateCommand(lib, args, flags) {
  const stdinName = flags['stdin-filename'];
  if (flags.stdin && args.length) throw new UsageError('--stdin takes no paths', { usage: false });
  if (flags.stdin && !stdinName) {
    throw new UsageError('--stdin needs --stdin-filename NAME: the name tells the kind of file.', { usage: false });
  }
  const paths = flags.stdin ? [stdinName] : args.length ? expandGlobs(args) : defaultPaths();
  const unknown = paths.find(
    (p) => kindOf(p) === null && (flags.stdin || fs.statSync(p, { throwIfNoEntry: false })?.isFile()),
  );
  if (unknown) {
    throw new UsageError(`Cannot tell what kind of definition file ${unknown} is: validate checks ${DEFINITION_FILES}.`, {
      usage: false,
    });
  }
  const format = flags.json ? 'json' : (flags.format ?? 'stylish');
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format takes ${FORMATS.join(', ')} (not '${format}')`, { usage: false });
  }
  const maxWarnings = flags['max-warnings'] === undefined ? Infinity : Number(flags['max-warnings']);
  if (!Number.isInteger(maxWarnings) && maxWarnings !== Infinity) {
    throw new UsageError(`--max-warnings takes a whole number (not '${flags['max-warnings']}')`, { usage: false });
  }
  const settings = resolveSettings(paths[0], { dialect: dialectFlag(flags.dialect), strict: flags.strict || undefined });
  const frames = !flags['no-frame'];
  if (flags.watch) return watchCommand(lib, paths, settings, Boolean(flags.quiet), frames);
  const stdin = flags.stdin ? readStdin(lib, stdinName) : null;
  const report = stdin !== null ? lib.validateTextSync(stdin, { filename: stdinName, ...settings }) : lib.validateSync(paths, settings);
  if (report.files.length === 0) {
    throw new UsageError(`No definition files in ${paths.join(', ')} (looked for ${DEFINITION_FILES}).`, { usage: false });
  }
  if (!flags.stdin) addProjectWarnings(lib, report, args.length ? paths : ['.']);
  if (format === 'json') console.log(JSON.stringify(report, null, 2));
  else if (format === 'github') console.log(render.github(report));
  else if (format === 'sarif') console.log(render.sarif(report, require('../../package.json').version));
  else {
    const frame = frames ? render.framer(new Map(stdin !== null ? [[stdinName, stdin]] : [])) : null;
    console.log(render.stylish(report, { quiet: Boolean(flags.quiet), frame, paint: painter() }));
  }
  const warnings = render.count(report, 'warning');
  if (warnings > maxWarnings) {
    console.error(`madace-core found too many warnings: ${warnings} (--max-warnings ${maxWarnings}).`);
    return 1;
  }
  return report.failed > 0 ? 1 : 0;
}

module.exports = { run: validateCommand, options: OPTIONS };
