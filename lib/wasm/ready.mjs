// madace-core in a browser bundle (the main entry's `browser` condition):
// madace-core/wasm's browser build, loaded before the importing module
// runs (top-level await), so the text functions work at once, as in Node.js.
import { init } from './browser.mjs';

export * from './browser.mjs';

await init();
