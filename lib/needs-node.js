'use strict';
// The error a function of madace-core throws where it cannot run: one that
// works with files (or, in madace-core/madace, any) in a browser, an Edge
// runtime, a worker or madace-core/wasm. lib/edge.js is made of these.

const { MadaceError } = require('./errors');

/** A function that throws the Node.js-runtime error, named as the one it stands for. */
function needsNode(name) {
  const fn = () => {
    throw new MadaceError({
      code: 'MADACE_NODE_RUNTIME_REQUIRED',
      message:
        `${name} needs the Node.js runtime (it works with files or native code): call it from server code on Node.js ` +
        "(in a Next.js route, `export const runtime = 'nodejs'`). parseAgent, parseWorkflow, parseConfig, validateText, " +
        "editText, stringify, codeFrame and formatError from 'madace-core' run everywhere.",
      path: null,
      line: null,
      column: null,
    });
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

module.exports = { needsNode };
