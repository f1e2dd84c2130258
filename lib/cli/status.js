'use strict';
// `madace-core status [file]`: the board, and every problem with it (codes
// and severities are the core's). A MADACE workflow-status.md shows its
// sections, every line that would fall off it and every rule it breaks; a
// BMAD sprint-status.yaml (by its name) its epics and stories, with BMAD's
// own verdict. --format as validate's (stylish, json, github, sarif).

const render = require('../render');
const { painter } = require('./terminal');
const { UsageError } = require('./usage');
const { localConfig, boardFile, isSprintBoard, FORMATS } = require('./board');

const SECTIONS = [
  ['BACKLOG', 'backlog'],
  ['TODO', 'todo'],
  ['IN PROGRESS', 'inProgress'],
  ['DONE', 'done'],
];

function madaceBoard(lib, file, config) {
  const board = lib.loadStatusSync(file);
  const issues = [...board.problems, ...lib.validateStatus(board, { config })].sort((a, b) => a.line - b.line);
  const lines = [];
  for (const [name, key] of SECTIONS) {
    lines.push(`${name} (${board[key].length})`);
    for (const s of board[key]) {
      const points = s.points === undefined ? '' : `  ${render.plural(s.points, 'pt')}`;
      lines.push(`  [${s.id}] ${s.title}${points}`);
    }
  }
  return { board, issues, lines };
}

function sprintBoard(lib, file) {
  const board = lib.loadSprintStatusSync(file);
  const lines = [];
  if (board.metadata.project) lines.push(`${board.metadata.project} (last updated ${board.metadata.last_updated ?? 'never'})`);
  for (const epic of board.epics) {
    lines.push(`epic-${epic.number} (${epic.status ?? 'no entry'})`);
    for (const s of epic.stories) lines.push(`  ${s.key}  ${s.status}`);
    if (epic.retrospective) lines.push(`  ${epic.retrospective.key}  ${epic.retrospective.status}`);
  }
  const open = board.actionItems.filter((item) => item.status === 'open' || item.status === 'in-progress');
  if (board.actionItems.length) lines.push(`action items: ${open.length} open of ${board.actionItems.length}`);
  return { board, issues: board.problems, lines };
}

function statusCommand(lib, args, flags) {
  if (args.length > 1) throw new UsageError('status takes at most one file');
  const format = flags.json ? 'json' : (flags.format ?? 'stylish');
  if (!FORMATS.includes(format)) throw new UsageError(`--format takes ${FORMATS.join(', ')} (not '${format}')`, { usage: false });
  const config = localConfig(lib);
  const file = boardFile(config, args[0]);
  const { board, issues, lines } = isSprintBoard(file) ? sprintBoard(lib, file) : madaceBoard(lib, file, config);
  const report = { files: [{ path: file, problems: issues }] };
  if (format === 'json') console.log(JSON.stringify({ board, issues }, null, 2));
  else if (format === 'github') console.log(render.github(report));
  else if (format === 'sarif') console.log(render.sarif(report, require('../../package.json').version));
  else {
    for (const line of lines) console.log(render.visible(line));
    const paint = painter();
    for (const issue of issues) {
      console.log(paint(issue.severity === 'warning' ? 'yellow' : 'red', render.problemLine(file, issue)));
    }
  }
  // Warnings (a stale DONE entry, a legacy status) leave the board readable.
  return issues.some((issue) => issue.severity === 'error') ? 1 : 0;
}

module.exports = { run: statusCommand, options: { json: { type: 'boolean' }, format: { type: 'string' } } };
