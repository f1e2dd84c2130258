// madace-core/wasm (and madace-core) in an Edge runtime or a worker: the
// module is imported as a compiled WebAssembly.Module (`?module`, the form
// Next.js and Vercel's Edge runtime take; tested with Next.js), so calls
// work at once; `init()` resolves at once. Bundled into edge.mjs.
import wasm from './madace_core.wasm?module';
import { edgeBuild } from './edge-build.mjs';

export const { api, init } = edgeBuild(wasm);
