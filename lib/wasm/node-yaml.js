'use strict';
// madace-core/wasm/yaml in Node.js: the YAML kinds alone (E_NOT_IN_BUILD for a SKILL.md or a TOML layer).

module.exports = require('./node-build').nodeBuild('madace_core_yaml.wasm');
