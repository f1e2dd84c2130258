'use strict';
// madace-core/wasm in Node.js: the module beside this file, compiled
// synchronously on first use; no platform package needed. `init()` is there
// for code shared with browsers, and resolves at once.

const fs = require('node:fs');
const path = require('node:path');
const { createEngine } = require('./engine');
const { textApi } = require('./api');

let compiled = null;

function compile() {
  compiled ??= new WebAssembly.Module(fs.readFileSync(path.join(__dirname, 'madace_core.wasm')));
  return compiled;
}

const api = textApi(createEngine(compile));

module.exports = { ...api, init: async () => void compile() };
