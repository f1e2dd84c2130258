'use strict';
// The agent, workflow and config loaders, and validate / watch, of one
// dialect: `any` (the main entry: MADACE and BMAD files, strict lint by the
// framework each file belongs to) or `madace` (madace-core/madace: exactly
// the MADACE app's schemas, MADACE's lint rules). The addon checks each file
// in the dialect it is given; everything else is the same code.

const { deepFreeze } = require('./freeze');
const { MadaceError, AgentLoadError, WorkflowLoadError, ConfigLoadError, keepingSource } = require('./errors');
const { validateTextArgs } = require('./args');
const { DIALECTS } = require('./catalog');
const {
  native,
  invalidArg,
  optionsArg,
  rootArg,
  projectRootArg,
  collectArg,
  strictArg,
  dialectArg,
  idArg,
  twins,
  parseArgs,
  byIdArgs,
  pathArgs,
  pathsArg,
  pathArg,
  moduleArg,
} = require('./call');

// Agents are cached by path, per dialect (a file may be valid in one only):
// while the file is unchanged on disk (the addon checks its size, mtime,
// inode and ctime) the identical object is returned, deep-frozen because
// every caller shares it.
const agentCaches = [];

function clearAgentCache() {
  for (const cache of agentCaches) cache.clear();
  native.clearAgentCache();
}

/**
 * `rules`: whose folder conventions the root-based loaders follow: `layout`
 * (the framework folder madace/, bmad/ or _bmad/ found under the root, any
 * module) or `madace-method` (MADACE-METHOD's madace/ then bmad/ per module,
 * modules mam/mab/cis, the root defaulting to MADACE_PROJECT_ROOT).
 */
function definitionLoaders(dialect, rules = 'layout') {
  const method = rules === 'madace-method';
  const root = method ? projectRootArg : rootArg;
  const agentObjects = new Map();
  agentCaches.push(agentObjects);

  function cachedAgent(path, reply) {
    if (reply === null) return agentObjects.get(path).agent;
    const [generation, json] = reply;
    const agent = deepFreeze(JSON.parse(json));
    agentObjects.set(path, { generation, agent });
    return agent;
  }

  function knownGeneration(path) {
    const entry = agentObjects.get(path);
    return entry ? entry.generation : 0;
  }

  /**
   * Batches arrive as `[generation, json, path]` entries, in path order, and
   * with `collectErrors` a failed file as `[null, errorJson, path]`: then the
   * result is `{ agents, errors }`. The Promise loaders get the first entries
   * early, through `sink` (see `agentSink`); the reply holds the rest.
   */
  function cachedAgents(entries, _kind, _dirOrModule, _root, collect, _dialect, sink) {
    sink(entries);
    return collect ? { agents: sink.agents, errors: sink.errors } : sink.agents;
  }

  /** A function that turns batches of entries into agents as they arrive. */
  function agentSink() {
    const sink = (entries) => {
      for (const [generation, json, path] of entries) {
        if (generation === null) {
          sink.errors.push(new AgentLoadError(JSON.parse(json)));
          continue;
        }
        const entry = agentObjects.get(path);
        sink.agents.push(entry && entry.generation === generation ? entry.agent : cachedAgent(path, [generation, json]));
      }
    };
    sink.agents = [];
    sink.errors = [];
    return sink;
  }

  /** Native arguments of the folder loaders: `(kind, a, b, collect, dialect, onChunk)`. */
  const folder = (kind, a, b, options) => [kind, a, b, collectArg(options), dialect, agentSink()];
  const inDialect =
    (args) =>
    (...given) => [...args(...given), dialect];
  const parseIn = (name, ErrorClass) => keepingSource(twins(name, ErrorClass, inDialect(parseArgs))[1]);

  const [loadAgent, loadAgentSync] = twins(
    'loadAgentCached',
    AgentLoadError,
    (path, options) => {
      const [p] = pathArgs(path, options);
      return [p, knownGeneration(p), dialect];
    },
    { finish: (reply, p) => cachedAgent(p, reply), options: 1 },
  );
  const [loadAgents, loadAgentsSync] = twins(
    'loadAgents',
    AgentLoadError,
    (dir, options) => folder('dir', ...pathArgs(dir, options, 'dir'), '', options),
    { finish: cachedAgents, options: 1 },
  );
  const [loadAgentsByModule, loadAgentsByModuleSync] = twins(
    'loadAgents',
    AgentLoadError,
    (module, options) => folder(method ? 'madaceModule' : 'module', moduleArg(module), root(options), options),
    { finish: cachedAgents, options: 1 },
  );
  const [loadAllAgents, loadAllAgentsSync] = twins(
    'loadAgents',
    AgentLoadError,
    (options) => folder(method ? 'madaceAll' : 'all', root(options), '', options),
    { finish: cachedAgents, options: 0 },
  );
  const [loadAgentById, loadAgentByIdSync] = twins('loadAgentById', AgentLoadError, inDialect(byIdArgs), {
    options: 2,
  });

  const [loadWorkflow, loadWorkflowSync] = twins('loadWorkflow', WorkflowLoadError, inDialect(pathArgs), {
    options: 1,
  });
  const [findWorkflow, findWorkflowSync] = twins(
    method ? 'madaceFindWorkflow' : 'findWorkflow',
    WorkflowLoadError,
    (name, options) => [root(options), idArg(name, 'name'), dialect],
    { options: 1 },
  );
  const [loadWorkflowById, loadWorkflowByIdSync] = twins('loadWorkflowById', WorkflowLoadError, inDialect(byIdArgs), {
    options: 2,
  });
  const [loadConfig, loadConfigSync] = twins('loadConfig', ConfigLoadError, inDialect(pathArgs), { options: 1 });

  const [validate, validateSync] = twins(
    'validate',
    MadaceError,
    (paths, options) => [pathsArg(paths), strictArg(options), dialectArg(options, dialect)],
    { options: 1 },
  );

  /** Checks `text` as the file `options.filename` would be checked, reading and writing nothing of it. */
  const [validateText, validateTextSync] = twins(
    'validateText',
    MadaceError,
    (text, options) => validateTextArgs(text, options, { own: dialect, dialects: DIALECTS, fileArg: pathArg }),
    { options: 1 },
  );

  /**
   * Validates `paths` once, then again as definition files are created,
   * edited, renamed or deleted; `options.onReport` gets each ValidationReport
   * of the files whose result changed (plus `removed`). Returns `{ ready, close }`.
   */
  function watch(paths, options) {
    const list = pathsArg(paths);
    const strict = strictArg(options);
    const chosen = dialectArg(options, dialect);
    const { onReport, onError } = optionsArg(options);
    if (typeof onReport !== 'function') throw invalidArg('options.onReport', 'a function', onReport);
    if (onError !== undefined && typeof onError !== 'function') throw invalidArg('options.onError', 'a function', onError);
    return require('./watch').watch(validateSync, list, { strict, dialect: chosen, onReport, onError });
  }

  return {
    loadAgent,
    loadAgentSync,
    parseAgent: parseIn('parseAgent', AgentLoadError),
    loadAgents,
    loadAgentsSync,
    loadAgentsByModule,
    loadAgentsByModuleSync,
    loadAllAgents,
    loadAllAgentsSync,
    /** `loadAgentsByModule('mam', options)`, the MADACE loader's name. */
    loadMAMAgents: (options) => loadAgentsByModule('mam', options),
    loadAgentById,
    loadAgentByIdSync,
    loadWorkflow,
    loadWorkflowSync,
    parseWorkflow: parseIn('parseWorkflow', WorkflowLoadError),
    findWorkflow,
    findWorkflowSync,
    loadWorkflowById,
    loadWorkflowByIdSync,
    loadConfig,
    loadConfigSync,
    parseConfig: parseIn('parseConfig', ConfigLoadError),
    validate,
    validateSync,
    validateText,
    validateTextSync,
    watch,
  };
}

module.exports = { definitionLoaders, clearAgentCache };
