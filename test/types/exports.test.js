'use strict';
// index.d.ts and index.js agree: every runtime export is declared, every
// declared value exists at runtime, with the same kind (function, class, value).

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');
const ts = require(require.resolve('typescript', { paths: [root] }));

function declaredValues() {
  const file = path.join(root, 'index.d.ts');
  const program = ts.createProgram([file], { noEmit: true, types: [], lib: ['lib.es2022.d.ts'] });
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

function runtimeValues() {
  const kinds = {};
  for (const [name, value] of Object.entries(require(root))) {
    if (typeof value !== 'function') kinds[name] = 'value';
    else kinds[name] = /^class\b/.test(Function.prototype.toString.call(value)) ? 'class' : 'function';
  }
  return kinds;
}

test('index.d.ts declares exactly the runtime exports, with their kinds', () => {
  const sorted = (kinds) => Object.fromEntries(Object.entries(kinds).sort(([a], [b]) => a.localeCompare(b)));
  assert.deepEqual(sorted(runtimeValues()), sorted(declaredValues()));
});

test('the ESM named exports are the CommonJS exports', async () => {
  const esm = await import(require('node:url').pathToFileURL(path.join(root, 'index.js')).href);
  const named = Object.keys(esm).filter((k) => k !== 'default').sort();
  assert.deepEqual(named, Object.keys(require(root)).sort());
});
