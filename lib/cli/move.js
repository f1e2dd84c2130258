'use strict';
// `madace-core move ID STATE [file]`: one story moved, on a MADACE board or
// BMAD's sprint-status.yaml; with --dry-run, the move planned in memory and
// shown as a diff.

const fs = require('node:fs');
const { visible } = require('../render');
const { UsageError } = require('./usage');
const { localConfig, boardFile, isSprintBoard } = require('./board');

function moveCommand(lib, args, flags) {
  if (args.length < 2 || args.length > 3) throw new UsageError('move takes ID STATE [file]');
  const [id, state, given] = args;
  const looksLikeFile = (arg) => /[\\/]|\.(md|ya?ml)$/i.test(arg);
  if (args.length === 3 && looksLikeFile(id) && !looksLikeFile(given)) {
    throw new UsageError(
      `'${id}' is a file: move takes ID STATE [file], e.g. \`madace-core move ${state} ${given} ${id}\`.`,
      { usage: false },
    );
  }
  if (looksLikeFile(state)) {
    throw new UsageError(
      `'${state}' is a file, not a state: move takes ID STATE [file], e.g. \`madace-core move ${id} TODO ${state}\` ` +
        '(states: BACKLOG, TODO, IN_PROGRESS, DONE).',
      { usage: false },
    );
  }
  const config = localConfig(lib);
  const file = boardFile(config, given);
  if (isSprintBoard(file)) {
    const moved = lib.setStoryStatusSync(file, id, state, { dryRun: Boolean(flags['dry-run']) });
    if (flags['dry-run']) process.stdout.write(visible(moved.diff, '\t\n'));
    const verb = flags['dry-run'] ? 'would be' : 'is now';
    const epic = moved.epicStarted ? `; ${moved.epicStarted} ${verb} in-progress` : '';
    const tail = flags['dry-run'] ? '; nothing written (--dry-run)' : '';
    console.log(visible(`${moved.key} ${verb} ${moved.status} (was ${moved.from ?? 'not text'})${epic}${tail}`));
    return 0;
  }
  if (flags['dry-run']) {
    lib.loadStatusSync(file); // a missing or unreadable board fails as a move would
    const before = fs.readFileSync(file, 'utf8');
    const { text, story } = lib.planTransition(before, id, state, { filename: file, config });
    process.stdout.write(visible(require('diff').createTwoFilesPatch(file, file, before, text, '', '', { context: 1 }), '\t\n'));
    console.log(visible(`${story.id} would be ${story.state} (line ${story.line}); nothing written (--dry-run)`));
    return 0;
  }
  const story = lib.transitionSync(file, id, state, { config });
  console.log(visible(`${story.id} is now ${story.state} (line ${story.line})`));
  return 0;
}

module.exports = { run: moveCommand, options: { 'dry-run': { type: 'boolean' } } };
