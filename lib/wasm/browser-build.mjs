// madace-core/wasm in a browser: `init()` fetches and compiles the module
// (by default `defaultUrl`, the `.wasm` beside the entry, which bundlers see
// through its `new URL(…, import.meta.url)` and ship), or takes the
// module's bytes, a Response, a URL or a compiled module. Bundled by
// scripts/build-wasm.js into browser.mjs and browser-yaml.mjs.
import engine from './engine.js';
import text from './api.js';

async function compile(source) {
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

/** The API and its `init` for the module at `defaultUrl`. */
export function browserBuild(defaultUrl) {
  let compiled = null;
  let loading = null;

  /** Loads the WebAssembly module once; later calls wait for the same load. */
  function init(input) {
    loading ??= compile(input ?? defaultUrl).then(
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

  const api = text.textApi(
    engine.createEngine(() => {
      if (compiled === null) throw text.notReady();
      return compiled;
    }),
  );
  return { api, init };
}
