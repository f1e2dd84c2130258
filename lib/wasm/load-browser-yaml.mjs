// madace-core/wasm/yaml's browser entry (bundled into browser-yaml.mjs): the YAML kinds alone, a smaller module.
import { browserBuild } from './browser-build.mjs';

export const { api, init } = browserBuild(new URL('./madace_core_yaml.wasm', import.meta.url));
