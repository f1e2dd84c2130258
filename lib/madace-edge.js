'use strict';
// What `madace-core/madace` resolves to in an Edge runtime, a worker or a
// browser bundle: the main entry's (lib/edge.js) and the dialect's own
// names, every function saying it needs Node.js.

const { needsNode } = require('./needs-node');

// A literal object, so bundlers and Node's ESM loader see every name.
module.exports = {
  ...require('./edge'),
  loadMABAgents: needsNode('loadMABAgents'),
  loadMADACEAgents: needsNode('loadMADACEAgents'),
  loadWorkflowsByModule: needsNode('loadWorkflowsByModule'),
  loadWorkflowsByModuleSync: needsNode('loadWorkflowsByModuleSync'),
  loadAllWorkflows: needsNode('loadAllWorkflows'),
  loadAllWorkflowsSync: needsNode('loadAllWorkflowsSync'),
  getModuleVariants: needsNode('getModuleVariants'),
  getFrameworkVariants: needsNode('getFrameworkVariants'),
  resolveModuleAlias: needsNode('resolveModuleAlias'),
  resolveAgentDirectory: needsNode('resolveAgentDirectory'),
  resolveAgentDirectorySync: needsNode('resolveAgentDirectorySync'),
  resolveWorkflowDirectory: needsNode('resolveWorkflowDirectory'),
  resolveWorkflowDirectorySync: needsNode('resolveWorkflowDirectorySync'),
  getWorkflowDirectories: needsNode('getWorkflowDirectories'),
};
