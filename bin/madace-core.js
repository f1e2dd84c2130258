#!/usr/bin/env node
'use strict';
// Command line front end: argument handling and output formatting only; the
// work is done by the library.

const fs = require('node:fs');
const path = require('node:path');

const USAGE = `Usage: madace-core <command> [options]

Commands:
  validate [paths...]   Load and validate agent files; folders are searched
                        recursively for *.agent.yaml. Without paths: ./madace,
                        else ./bmad, else the bundled example tree.

Options:
  --json                Print the report as JSON.
  -h, --help            Show this help.
  -v, --version         Show the version.

Exit status: 0 when every file loaded, 1 when any failed, 2 on usage errors.`;

function defaultPaths() {
  for (const dir of ['madace', 'bmad']) {
    if (fs.existsSync(dir)) return [dir];
  }
  const example = path.join(__dirname, '..', 'examples', 'madace');
  console.error(`No ./madace or ./bmad folder here: validating the bundled example tree ${example}`);
  return [example];
}

function describe(file) {
  if (file.agent) {
    const a = file.agent;
    return `${a.icon} ${a.name} — ${a.title} (${a.menuItems} menu item${a.menuItems === 1 ? '' : 's'})`;
  }
  if (file.workflow) {
    const w = file.workflow;
    return w.format === 'bmad'
      ? `workflow ${w.name} (BMAD workflow config)`
      : `workflow ${w.name} (${w.steps} step${w.steps === 1 ? '' : 's'})`;
  }
  return file.kind;
}

function printReport(report) {
  for (const file of report.files) {
    if (file.problems.length === 0) console.log(`ok    ${describe(file)}  ${file.path}`);
    for (const p of file.problems) {
      const where = p.line === null ? file.path : `${file.path}:${p.line}:${p.column}`;
      const what = p.field ? `${p.field}: ${p.message}` : p.message;
      console.log(`${where}  ${what}  ${p.code}`);
    }
  }
  const problems = report.files.reduce((n, f) => n + f.problems.length, 0);
  const total = report.passed + report.failed;
  console.log(
    `\n${total} file${total === 1 ? '' : 's'} checked: ${report.passed} passed, ${report.failed} failed` +
      (problems ? ` (${problems} problem${problems === 1 ? '' : 's'})` : ''),
  );
}

function main(argv) {
  const flags = new Set(argv.filter((a) => a.startsWith('-')));
  const words = argv.filter((a) => !a.startsWith('-'));
  if (flags.has('-h') || flags.has('--help')) {
    console.log(USAGE);
    return 0;
  }
  if (flags.has('-v') || flags.has('--version')) {
    console.log(require('../package.json').version);
    return 0;
  }
  const known = new Set(['--json']);
  const unknown = [...flags].filter((f) => !known.has(f));
  const [command, ...paths] = words;
  if (command !== 'validate' || unknown.length > 0) {
    console.error(unknown.length ? `Unknown option: ${unknown.join(' ')}` : `Unknown command: ${command ?? '(none)'}`);
    console.error(USAGE);
    return 2;
  }
  const { validateSync } = require('..');
  const report = validateSync(paths.length ? paths : defaultPaths());
  if (flags.has('--json')) console.log(JSON.stringify(report, null, 2));
  else printReport(report);
  return report.failed > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
