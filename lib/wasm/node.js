'use strict';
// madace-core/wasm in Node.js: every kind of definition file.

module.exports = require('./node-build').nodeBuild('madace_core.wasm');
