'use strict';
// The error a function of madace-core throws where it cannot run: one that
// works with files (or, in madace-core/madace, any) in a browser, an Edge
// runtime, a worker or madace-core/wasm. lib/edge.js is made of these.

const { MadaceError } = require('./errors');

/** The functions that need no file and run everywhere: madace-core/wasm serves these (lib/wasm/api.js). */
const TEXT_FUNCTIONS = Object.freeze([
  'parseAgent',
  'parseWorkflow',
  'parseConfig',
  'validateText',
  'validateTextSync',
  'editText',
  'stringify',
  'codeFrame',
  'formatError',
]);

const named = TEXT_FUNCTIONS.filter((n) => !n.endsWith('Sync'));
const EVERYWHERE = `${named.slice(0, -1).join(', ')} and ${named.at(-1)} from 'madace-core' run everywhere.`;

/** A function that throws the Node.js-runtime error, named as the one it stands for. */
function needsNode(name) {
  const fn = () => {
    throw new MadaceError({
      code: 'MADACE_NODE_RUNTIME_REQUIRED',
      message:
        `${name} needs the Node.js runtime (it works with files or native code): call it from server code on Node.js ` +
        `(in a Next.js route, \`export const runtime = 'nodejs'\`). ${EVERYWHERE}`,
      path: null,
      line: null,
      column: null,
    });
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

module.exports = { TEXT_FUNCTIONS, needsNode };
