'use strict';
// madace-core/wasm in Node.js: a module beside this file, compiled
// synchronously on first use; no platform package needed. `init()` is there
// for code shared with browsers, and resolves at once.

const fs = require('node:fs');
const path = require('node:path');
const { createEngine } = require('./engine');
const { textApi } = require('./api');

/** The API on the module `file` (in this folder). */
function nodeBuild(file) {
  let compiled = null;
  const compile = () => {
    compiled ??= new WebAssembly.Module(fs.readFileSync(path.join(__dirname, file)));
    return compiled;
  };
  return { ...textApi(createEngine(compile)), init: async () => void compile() };
}

module.exports = { nodeBuild };
