'use strict';
// One WebAssembly instance of madace-core's text functions (wasm/src/lib.rs):
// an operation's name and four strings are written into its memory, the
// operation is called and its answer read back. A trap (a panic in the core:
// a bug) fails that call with E_INTERNAL, and the next call gets a fresh
// instance of the same compiled module: never a dead module.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Past this much memory after a call (a large text was read), the instance is let go, so the memory is too. */
const KEPT_MEMORY = 64 * 2 ** 20;

/**
 * `module`: a compiled WebAssembly.Module, or a function giving it (the
 * browser compiles it in `init()`). Returns `run(op, [a, b, c, d], file)`:
 * the answer's text, or a throw carrying the core's error JSON in `madace`,
 * as the addon's errors do (lib/errors.js reads both).
 */
function createEngine(module) {
  let wasm = null;
  let panic = null;
  const imports = {
    madace: {
      panicked(ptr, len) {
        panic = decoder.decode(new Uint8Array(wasm.memory.buffer, ptr, len));
      },
    },
  };

  function instance() {
    if (wasm === null) {
      const compiled = typeof module === 'function' ? module() : module;
      wasm = new WebAssembly.Instance(compiled, imports).exports;
    }
    return wasm;
  }

  /** The strings' UTF-8, one after the other, at the returned pointer; their byte lengths. */
  function write(exports, strings) {
    // encodeInto writes at most 3 bytes per UTF-16 unit.
    const capacity = strings.reduce((n, s) => n + s.length * 3, 0);
    const ptr = exports.alloc(capacity);
    const memory = new Uint8Array(exports.memory.buffer, ptr, capacity);
    let at = 0;
    const lengths = strings.map((s) => {
      const { written } = encoder.encodeInto(s, memory.subarray(at));
      at += written;
      return written;
    });
    return { ptr, capacity, lengths };
  }

  function call(exports, op, args) {
    const { ptr, capacity, lengths } = write(exports, [op, ...args]);
    const status = exports.call(ptr, ...lengths);
    exports.dealloc(ptr, capacity);
    const answer = decoder.decode(new Uint8Array(exports.memory.buffer, exports.answer_ptr(), exports.answer_len()));
    if (exports.memory.buffer.byteLength > KEPT_MEMORY) wasm = null;
    return { status, answer };
  }

  return function run(op, args, file = '') {
    let outcome;
    try {
      outcome = call(instance(), op, args);
    } catch (err) {
      if (wasm === null) throw err; // no instance: the module is not there (or not loaded yet)
      // A trap (or the stack or memory running out inside the module): the
      // instance may be half-way through anything, so it is dropped.
      wasm = null;
      const message = panic ?? (err && err.message) ?? String(err);
      panic = null;
      outcome = call(instance(), 'internal', [message, file, '', '']);
    }
    if (outcome.status === 0) return outcome.answer;
    const err = new Error('madace-core error');
    err.madace = outcome.answer;
    throw err;
  };
}

module.exports = { createEngine };
