'use strict';
// MADACE-METHOD's folder helpers and workflow loaders (its lib/agents/loader.ts
// and lib/workflows/loader.ts), for madace-core/madace. The folder rules
// (module and framework twins, which folders are looked in) are the core's
// (src/project/madace_dirs.rs); this file only shapes the calls.

const { MadaceError, WorkflowLoadError } = require('./errors');
const { native, twins, idArg, moduleArg, optionsArg, collectArg, projectRootArg } = require('./call');

const names = (of) => (name) => JSON.parse(native.madaceNames(of, idArg(name, of)));

/** `MAM` → `['mam', 'bmm']`: a module's name in lower case, then its BMAD/MADACE twin if it has one. */
const getModuleVariants = names('module');
/** `madace` → `['madace', 'bmad']`, and back. */
const getFrameworkVariants = names('framework');
/** A module's twin (`bmm` → `mam`, `mam` → `bmm`), or its own name in lower case. */
const resolveModuleAlias = (module) => getModuleVariants(module).at(-1);

const folderOf = (sub) =>
  twins('madaceDir', MadaceError, (module, options) => [projectRootArg(options), moduleArg(module), sub], {
    options: 1,
  });
/** The first of madace/<module>/agents, madace/<twin>/agents, bmad/<module>/agents, bmad/<twin>/agents that exists, or null. */
const [resolveAgentDirectory, resolveAgentDirectorySync] = folderOf('agents');
/** resolveAgentDirectory for `workflows/`. */
const [resolveWorkflowDirectory, resolveWorkflowDirectorySync] = folderOf('workflows');

/** Every workflow folder MADACE-METHOD looks in (modules mam, mab, cis, core and their twins, under madace/ then bmad/), existing or not. */
function getWorkflowDirectories(options) {
  return JSON.parse(native.madaceWorkflowDirs(projectRootArg(options)));
}

/**
 * The workflow loaders over the `.yaml` files of workflow folders, given
 * the dialect's `loadWorkflow` twins. Where MADACE-METHOD skips a file that
 * fails, these throw its WorkflowLoadError (the first, in path order), or
 * with `collectErrors` return `{ workflows, errors }`.
 */
function workflowLoaders(loadWorkflow, loadWorkflowSync) {
  const [files, filesSync] = twins('madaceWorkflowFiles', WorkflowLoadError, (root, module) => [root, module], {
    options: 2,
  });
  const outcome = (settled, collect) => {
    const workflows = [];
    const errors = [];
    for (const { status, value, reason } of settled) {
      if (status === 'fulfilled') workflows.push(value);
      else if (collect && reason instanceof WorkflowLoadError) errors.push(reason);
      else throw reason;
    }
    return collect ? { workflows, errors } : workflows;
  };
  const settleSync = (paths) =>
    paths.map((p) => {
      try {
        return { status: 'fulfilled', value: loadWorkflowSync(p) };
      } catch (reason) {
        return { status: 'rejected', reason };
      }
    });
  const load = async (root, module, options) => {
    const collect = collectArg(options);
    const { signal } = optionsArg(options);
    const paths = await files(root, module, { signal });
    return outcome(await Promise.allSettled(paths.map((p) => loadWorkflow(p, { signal }))), collect);
  };
  const loadSync = (root, module, options) => outcome(settleSync(filesSync(root, module)), collectArg(options));
  return {
    /** The workflows of a module's workflow folders (madace/ and bmad/, the module and its twin). */
    loadWorkflowsByModule: (module, options) => load(projectRootArg(options), moduleArg(module), options),
    loadWorkflowsByModuleSync: (module, options) => loadSync(projectRootArg(options), moduleArg(module), options),
    /** loadWorkflowsByModule over mam, mab, cis and core. */
    loadAllWorkflows: (options) => load(projectRootArg(options), '', options),
    loadAllWorkflowsSync: (options) => loadSync(projectRootArg(options), '', options),
  };
}

module.exports = {
  getModuleVariants,
  getFrameworkVariants,
  resolveModuleAlias,
  resolveAgentDirectory,
  resolveAgentDirectorySync,
  resolveWorkflowDirectory,
  resolveWorkflowDirectorySync,
  getWorkflowDirectories,
  workflowLoaders,
};
