// madace-core/wasm/yaml in an Edge runtime or a worker, as load-edge.mjs: the YAML kinds alone. Bundled into edge-yaml.mjs.
import wasm from './madace_core_yaml.wasm?module';
import { edgeBuild } from './edge-build.mjs';

export const { api, init } = edgeBuild(wasm);
