'use strict';
// Where `status` and `move` find the board and its limits (the project's
// madace/core/config.yaml, when there is one), and which kind of board it is.

const fs = require('node:fs');
const path = require('node:path');

/** The project config in the working directory, if there is one. */
function localConfig(lib) {
  const file = path.join('madace', 'core', 'config.yaml');
  return fs.existsSync(file) ? lib.loadConfigSync(file) : undefined;
}

/** The board named, else `<output_folder>/workflow-status.md`, else docs/workflow-status.md. */
function boardFile(config, given) {
  if (given) return given;
  return path.join((config && config.output_folder) || 'docs', 'workflow-status.md');
}

/** Whether `file` is BMAD's sprint-status.yaml (its name decides, as for validate). */
function isSprintBoard(file) {
  return require('../catalog').kindOf(file) === 'sprintStatus';
}

/** The report formats of validate, status and move. */
const FORMATS = ['stylish', 'json', 'github', 'sarif'];

module.exports = { localConfig, boardFile, isSprintBoard, FORMATS };
