// madace-core/wasm in a browser: `init()` fetches and compiles the module
// beside this file (bundlers see the `new URL(…, import.meta.url)` and ship
// it), or takes the module's bytes, a Response, a URL or a compiled module.
// The build (scripts/build-wasm.js) bundles this into browser.mjs.
import engine from './engine.js';
import text from './api.js';

let compiled = null;
let loading = null;

async function compile(input) {
  const source = input ?? new URL('./madace_core.wasm', import.meta.url);
  if (source instanceof WebAssembly.Module) return source;
  if (typeof source === 'string' || source instanceof URL) return compile(await fetch(source));
  if (typeof Response === 'function' && source instanceof Response) {
    if (!source.ok) throw new Error(`madace-core: fetching ${source.url} answered ${source.status}`);
    // Streaming needs the server's application/wasm type; bytes work with any.
    return source.headers.get('content-type') === 'application/wasm'
      ? WebAssembly.compileStreaming(source)
      : WebAssembly.compile(await source.arrayBuffer());
  }
  return WebAssembly.compile(source);
}

/** Loads the WebAssembly module once; later calls wait for the same load. */
export function init(input) {
  loading ??= compile(input).then(
    (module) => {
      compiled = module;
    },
    (err) => {
      loading = null;
      throw err;
    },
  );
  return loading;
}

export const api = text.textApi(
  engine.createEngine(() => {
    if (compiled === null) throw text.notReady();
    return compiled;
  }),
);
