'use strict';
// Each entry's .d.ts and .js agree (index, the MADACE dialect's madace, and
// the WebAssembly builds' wasm and wasm/yaml): every runtime export is declared, every
// declared value exists at runtime, with the same kind (function, class, value).

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const ts = require(require.resolve('typescript', { paths: [root] }));

/** [types, CommonJS module, ES module] of each entry. */
const ENTRIES = [
  ['index', 'index.js', 'index.js'],
  ['lib/madace', 'lib/madace.js', 'lib/madace.js'],
  ['lib/wasm/index', 'lib/wasm/node.js', 'lib/wasm/node.mjs'],
  ['lib/wasm/index', 'lib/wasm/node-yaml.js', 'lib/wasm/node-yaml.mjs'],
];

function declaredValues(entry) {
  const file = path.join(root, `${entry}.d.ts`);
  // The DOM's types for the WebAssembly build's init().
  const program = ts.createProgram([file], { noEmit: true, types: [], lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'] });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(file));
  const kinds = {};
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    if (symbol.flags & ts.SymbolFlags.Class) kinds[symbol.name] = 'class';
    else if (symbol.flags & ts.SymbolFlags.Function) kinds[symbol.name] = 'function';
    else if (symbol.flags & ts.SymbolFlags.Value) kinds[symbol.name] = 'value';
  }
  return kinds;
}

function runtimeValues(file) {
  const kinds = {};
  for (const [name, value] of Object.entries(require(path.join(root, file)))) {
    if (typeof value !== 'function') kinds[name] = 'value';
    else kinds[name] = /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  }
  return kinds;
}

for (const [entry, cjs, mjs] of ENTRIES) {
  test(`${entry}.d.ts declares exactly the runtime exports, with their kinds`, () => {
    const sorted = (kinds) => Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
    assert.deepEqual(sorted(runtimeValues(cjs)), sorted(declaredValues(entry)));
  });

  test(`the ESM named exports of ${entry} are its CommonJS exports`, async () => {
    const esm = await import(require('node:url').pathToFileURL(path.join(root, mjs)).href);
    const named = Object.keys(esm).filter((k) => k !== 'default').sort();
    assert.deepEqual(named, Object.keys(require(path.join(root, cjs))).sort());
  });
}

test('the MADACE dialect has the main entry\'s API, with its own definition loaders and MADACE-METHOD\'s', () => {
  const main = require(root);
  const madace = require(path.join(root, 'lib', 'madace.js'));
  const added = Object.keys(madace).filter((name) => !(name in main));
  assert.deepEqual(added.sort(), [
    'getFrameworkVariants',
    'getModuleVariants',
    'getWorkflowDirectories',
    'loadAllWorkflows',
    'loadAllWorkflowsSync',
    'loadMABAgents',
    'loadMADACEAgents',
    'loadWorkflowsByModule',
    'loadWorkflowsByModuleSync',
    'resolveAgentDirectory',
    'resolveAgentDirectorySync',
    'resolveModuleAlias',
    'resolveWorkflowDirectory',
    'resolveWorkflowDirectorySync',
  ]);
  const own = Object.keys(main).filter((name) => madace[name] !== main[name]);
  assert.ok(Object.keys(main).every((name) => name in madace));
  assert.deepEqual(own.sort(), [
    'applyEdits',
    'applyEditsSync',
    'createDefinition',
    'createDefinitionSync',
    'editText',
    'findWorkflow',
    'findWorkflowSync',
    'loadAgent',
    'loadAgentById',
    'loadAgentByIdSync',
    'loadAgentSync',
    'loadAgents',
    'loadAgentsByModule',
    'loadAgentsByModuleSync',
    'loadAgentsFromDirectory',
    'loadAgentsSync',
    'loadAllAgents',
    'loadAllAgentsSync',
    'loadConfig',
    'loadConfigSync',
    'loadMAMAgents',
    'loadWorkflow',
    'loadWorkflowById',
    'loadWorkflowByIdSync',
    'loadWorkflowSync',
    'parseAgent',
    'parseConfig',
    'parseWorkflow',
    'updateConfig',
    'updateConfigSync',
    'validate',
    'validateSync',
    'validateText',
    'validateTextSync',
    'watch',
  ]);
});
