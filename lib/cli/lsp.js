'use strict';
// `madace-core lsp --stdio`: the language server, until the client ends it.

const { UsageError, dialectFlag } = require('./usage');

function lspCommand(lib, args, flags) {
  if (!flags.stdio) throw new UsageError('lsp speaks over standard input and output: run `madace-core lsp --stdio`');
  require('../lsp/server').start(lib, { dialect: dialectFlag(flags.dialect), strict: flags.strict || undefined });
  return undefined;
}

module.exports = {
  run: lspCommand,
  options: { stdio: { type: 'boolean' }, dialect: { type: 'string' }, strict: { type: 'boolean' } },
};
