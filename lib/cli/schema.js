'use strict';
// `madace-core schema KIND`: the JSON Schema of a definition file kind.

const { SCHEMA_KINDS } = require('../catalog');
const { UsageError } = require('./usage');

function schemaCommand(lib, args) {
  if (args.length !== 1 || !SCHEMA_KINDS.includes(args[0])) {
    throw new UsageError(`schema takes one kind: ${SCHEMA_KINDS.join(', ')}${args.length === 1 ? ` (not '${args[0]}')` : ''}`);
  }
  console.log(JSON.stringify(lib.jsonSchema(args[0]), null, 2));
  return 0;
}

module.exports = { run: schemaCommand, options: {} };
