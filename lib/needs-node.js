'use strict';
// The error every function of madace-core throws where it cannot run (an
// Edge runtime, a worker, a browser bundle): lib/edge.js and
// lib/madace-edge.js are made of these. Nothing here loads anything.

const MESSAGE =
  "madace-core needs the Node.js runtime (it loads native code): add `export const runtime = 'nodejs'` to the route " +
  '(Next.js), or call madace-core from server code that runs on Node.js.';

class MadaceError extends Error {
  constructor(info = {}) {
    super(info.message ?? MESSAGE);
    this.name = new.target.name;
    this.code = info.code ?? 'MADACE_NODE_RUNTIME_REQUIRED';
  }
}

/** A function that throws the Node.js-runtime error, named as the one it stands for. */
function needsNode(name) {
  const fn = () => {
    throw new MadaceError();
  };
  Object.defineProperty(fn, 'name', { value: name });
  return fn;
}

module.exports = { MadaceError, needsNode };
