// madace-core/wasm's browser entry (bundled into browser.mjs): every kind.
import { browserBuild } from './browser-build.mjs';

export const { api, init } = browserBuild(new URL('./madace_core.wasm', import.meta.url));
