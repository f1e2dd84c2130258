'use strict';
// The JS face of madace-core: argument checks and results as plain objects
// (lib/call.js), errors as MadaceError subclasses (lib/errors.js), the
// definition loaders in the default dialect, which takes MADACE and BMAD
// files alike (lib/definitions.js; madace-core/madace is the MADACE one).

const {
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  SkillError,
  ERROR_CODES,
} = require('./lib/errors');
const { native, invalidArg, pathArg, optionsArg, idArg, twins, pathArgs } = require('./lib/call');
const { definitionLoaders, clearAgentCache } = require('./lib/definitions');

const {
  loadAgent,
  loadAgentSync,
  parseAgent,
  loadAgents,
  loadAgentsSync,
  loadAgentsByModule,
  loadAgentsByModuleSync,
  loadAllAgents,
  loadAllAgentsSync,
  loadMAMAgents,
  loadAgentById,
  loadAgentByIdSync,
  loadWorkflow,
  loadWorkflowSync,
  parseWorkflow,
  findWorkflow,
  findWorkflowSync,
  loadWorkflowById,
  loadWorkflowByIdSync,
  loadConfig,
  loadConfigSync,
  parseConfig,
  validate,
  validateSync,
  watch,
} = definitionLoaders('any');

const [loadProject, loadProjectSync] = twins('loadProject', MadaceError, (root, options) => pathArgs(root, options, 'root'), {
  options: 1,
});

/** `{ maxTodo, maxInProgress }` from the options, else from `options.config.state_machine`, else 1 and 1. */
function limitsArg(options) {
  const { maxTodo, maxInProgress, config } = optionsArg(options);
  const machine = (config && config.state_machine) || {};
  const limit = (value, name) => {
    if (value === undefined) return 1;
    if (!Number.isInteger(value) || value < 1) throw invalidArg(name, 'a whole number of at least 1', value);
    return value;
  };
  return [
    limit(maxTodo ?? machine.max_todo_items, 'options.maxTodo'),
    limit(maxInProgress ?? machine.max_in_progress_items, 'options.maxInProgress'),
  ];
}

function boardArg(status) {
  const sections = ['backlog', 'todo', 'inProgress', 'done'];
  if (!status || typeof status !== 'object' || !sections.every((s) => Array.isArray(status[s]))) {
    throw invalidArg('status', 'a board from loadStatus ({ backlog, todo, inProgress, done })', status);
  }
  return JSON.stringify(status);
}

function stateArg(to) {
  if (typeof to !== 'string') throw invalidArg('to', 'a state name (BACKLOG, TODO, IN_PROGRESS, DONE)', to);
  return to;
}

const [loadStatus, loadStatusSync] = twins('loadStatus', StatusError, pathArgs, { options: 1 });
const validateStatus = twins('validateStatus', StatusError, (status, options) => [boardArg(status), ...limitsArg(options)])[1];
const [transition, transitionSync] = twins(
  'transition',
  StatusError,
  (path, id, to, options) => [pathArg(path), idArg(id, 'id'), stateArg(to), ...limitsArg(options)],
  { options: 3, write: true },
);

const SCHEMA_KINDS = ['agent', 'workflow', 'config'];

function positiveInteger(value, name) {
  if (!Number.isInteger(value) || value < 1) throw invalidArg(name, 'a whole number from 1 up', value);
  return value;
}

/**
 * The lines of `source` around `line`:`column` with a caret under the column
 * (tabs and wide characters before it keep it in place), or `null` when the
 * location is not in the text.
 */
function codeFrame(source, line, column) {
  if (typeof source !== 'string') throw invalidArg('source', 'a string', source);
  positiveInteger(line, 'line');
  positiveInteger(column, 'column');
  if (source !== framed.source) framed = { source, lines: source.replace(/^\uFEFF/, '').split('\n') };
  // Only the lines around the location cross to the addon: a report with a
  // thousand problems in one large file splits it once, not a thousand times.
  const first = Math.max(1, line - 2);
  return native.codeFrame(framed.lines.slice(first - 1, line + 2).join('\n'), line, column, first);
}

/** The text `codeFrame` saw last, split into lines. */
let framed = { source: null, lines: [] };

/**
 * The text of `file` for a frame, or null when it cannot be read now. Only
 * a regular file within the size limit is read: reading a FIFO would block.
 */
function readSource(file) {
  const fs = require('node:fs');
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size <= MAX_SOURCE_BYTES ? fs.readFileSync(file, 'utf8') : null;
  } catch {
    return null;
  }
}

/** The file size limit of definition files (README, "Limits"). */
const MAX_SOURCE_BYTES = 8 * 1024 * 1024;

/**
 * An error as a person reads it: `file:line:column  message  CODE` for the
 * error, or for each of its issues, each followed by its code frame. The
 * frames come from `options.source`, else from the text a `parse*` call was
 * given, else from the file at `err.path` as it is on disk now; without a
 * readable source (or with `frame: false`) there are no frames.
 */
function formatError(err, options) {
  if (!(err instanceof MadaceError)) throw invalidArg('err', 'a MadaceError', err);
  const { source, frame = true } = optionsArg(options);
  if (source !== undefined && typeof source !== 'string') throw invalidArg('options.source', 'a string', source);
  const where = err.line === null ? err.path : `${err.path}:${err.line}:${err.column}`;
  const bare = err.message.startsWith(`${where}: `) ? err.message.slice(where.length + 2) : err.message;
  const entries = err.issues.length
    ? err.issues.map((i) => ({ line: i.line, column: i.column, message: `${i.message} (${i.field})` }))
    : [{ line: err.line, column: err.column, message: bare }];
  // The source is only looked for when there is a location to show.
  const located = frame && entries.some((e) => e.line !== null);
  const text = located ? (source ?? err.source ?? readSource(err.path)) : null;
  return entries
    .map(({ line, column, message }) => {
      const head = `${line === null ? err.path : `${err.path}:${line}:${column}`}  ${message}  ${err.code}`;
      const shown = text !== null && line !== null ? codeFrame(text, line, column) : null;
      return shown ? `${head}\n${shown}` : `${head}\n`;
    })
    .join('\n');
}

/** The JSON Schema (draft-07) of a definition file kind, for editors. */
function jsonSchema(kind) {
  if (!SCHEMA_KINDS.includes(kind)) throw invalidArg('kind', `one of ${SCHEMA_KINDS.join(', ')}`, kind);
  return JSON.parse(native.jsonSchema(kind));
}

// A literal object, so Node's ESM loader can see the named exports.
module.exports = {
  loadAgent,
  loadAgentSync,
  parseAgent,
  loadAgents,
  loadAgentsSync,
  loadAgentsFromDirectory: loadAgents,
  loadAgentsByModule,
  loadAgentsByModuleSync,
  loadAllAgents,
  loadAllAgentsSync,
  loadMAMAgents,
  clearAgentCache,
  loadAgentById,
  loadAgentByIdSync,
  loadWorkflow,
  loadWorkflowSync,
  parseWorkflow,
  findWorkflow,
  findWorkflowSync,
  loadWorkflowById,
  loadWorkflowByIdSync,
  loadConfig,
  loadConfigSync,
  parseConfig,
  loadProject,
  loadProjectSync,
  validate,
  validateSync,
  watch,
  jsonSchema,
  codeFrame,
  formatError,
  loadStatus,
  loadStatusSync,
  validateStatus,
  transition,
  transitionSync,
  MadaceError,
  AgentLoadError,
  WorkflowLoadError,
  ConfigLoadError,
  StatusError,
  SkillError,
  ERROR_CODES,
  // A spread of require() is a re-export Node's ESM loader sees, names included.
  ...require('./lib/skills'),
};
