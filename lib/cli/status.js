'use strict';
// `madace-core status [file]`: the board, section by section, every line
// that would fall off it (a misspelled section, a story without its id in
// brackets) and every rule it breaks (codes and severities are the core's).

const render = require('../render');
const { painter } = require('./terminal');
const { UsageError } = require('./usage');
const { localConfig, boardFile } = require('./board');

const SECTIONS = [
  ['BACKLOG', 'backlog'],
  ['TODO', 'todo'],
  ['IN PROGRESS', 'inProgress'],
  ['DONE', 'done'],
];

function statusCommand(lib, args, flags) {
  if (args.length > 1) throw new UsageError('status takes at most one file');
  const config = localConfig(lib);
  const file = boardFile(config, args[0]);
  const board = lib.loadStatusSync(file);
  const issues = [...board.problems, ...lib.validateStatus(board, { config })].sort((a, b) => a.line - b.line);
  if (flags.json) {
    console.log(JSON.stringify({ board, issues }, null, 2));
  } else {
    for (const [name, key] of SECTIONS) {
      console.log(`${name} (${board[key].length})`);
      for (const s of board[key]) {
        const points = s.points === undefined ? '' : `  ${render.plural(s.points, 'pt')}`;
        console.log(render.visible(`  [${s.id}] ${s.title}${points}`));
      }
    }
    const paint = painter();
    for (const issue of issues) {
      console.log(paint(issue.severity === 'warning' ? 'yellow' : 'red', render.problemLine(file, issue)));
    }
  }
  // Stale entries of DONE stories are warnings: the board still reads right.
  return issues.some((issue) => issue.severity === 'error') ? 1 : 0;
}

module.exports = { run: statusCommand, options: { json: { type: 'boolean' } } };
