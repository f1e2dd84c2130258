'use strict';
// What the core knows and the JS side asks instead of repeating it: the
// catalog (lib/catalog-text.js) and what a file is (src/kind.rs), through
// the addon.

const native = require('./native');
const { readCatalog } = require('./catalog-text');

module.exports = {
  ...readCatalog(JSON.parse(native.catalog())),
  /** The kind of a definition file by its path (`agent`, `skillLayer`, …), or `null` for any other file. */
  kindOf: (file) => native.kindOf(file),
  /** The file checked for `file`: itself, or a layer's owner (a skill's SKILL.md, `_bmad/config.toml`); `null` when none. */
  ownerOf: (file) => native.ownerOf(file),
  /** ` — did you mean 'x'?` when `word` is a near miss of one of `known` (the core's rule), else ''. */
  didYouMean: (word, known) => native.didYouMean(word, known),
};
