'use strict';
// `madace-core move ID STATE [file]`: one story moved; with --dry-run, the
// move planned on the board's text in memory and shown as a diff.

const fs = require('node:fs');
const { visible } = require('../render');
const { UsageError } = require('./usage');
const { localConfig, boardFile } = require('./board');

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
  const file = boardFile(config, given);
  if (flags['dry-run']) {
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
