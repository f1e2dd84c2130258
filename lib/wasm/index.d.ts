// Type contract of madace-core/wasm and madace-core/wasm/yaml: the main
// entry's API, served by the core compiled to WebAssembly (Node.js without
// a platform package, browsers, Edge runtimes, workers). The text functions
// work as the main entry's do (madace-core/wasm/yaml's on the YAML kinds
// alone: a SKILL.md or a TOML layer is E_NOT_IN_BUILD); every function that
// works with files throws a MadaceError with code
// MADACE_NODE_RUNTIME_REQUIRED. `validateText` runs on the calling thread.
// In a browser, `await init()` before the first call (else E_NOT_READY); in
// Node.js and Edge runtimes, calls work at once.

export * from '../../index';

/**
 * What `init` loads the module from, in a browser: its URL (by default the
 * `.wasm` beside this module, which bundlers ship), a fetch Response, its
 * bytes, or a module already compiled.
 */
export type WasmSource = string | URL | Response | ArrayBuffer | ArrayBufferView | WebAssembly.Module;

/** Loads and compiles the WebAssembly module once; later calls wait for the same load. Resolves at once in Node.js and Edge runtimes. */
export declare function init(source?: WasmSource): Promise<void>;
