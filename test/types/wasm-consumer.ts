// madace-core/wasm and /wasm/yaml as a browser app compiles them (DOM types, bundler resolution).
import { init, parseAgent, validateText, formatError, AgentLoadError, MadaceError, loadAgent } from 'madace-core/wasm';
import type { WasmSource, FrozenAgent, ValidationReport, ErrorCode } from 'madace-core/wasm';
import * as small from 'madace-core/wasm/yaml';

const sources: WasmSource[] = [new URL('/madace_core.wasm', 'https://example.com'), '/madace_core.wasm', new Uint8Array(8)];
await init(sources[0]);
await init();

const agent: FrozenAgent = parseAgent('agent: {}\n', { filename: 'pm.agent.yaml' });
const name: string = agent.metadata.name;
const report: ValidationReport = await validateText('agent: {}\n', { filename: 'pm.agent.yaml', strict: true });
const lines: number[] = report.files.flatMap((f) => f.problems.map((p) => p.line ?? 0));

try {
  parseAgent('agent: [');
} catch (err) {
  if (err instanceof AgentLoadError) {
    const code: ErrorCode = err.code;
    const shown: string = formatError(err);
    console.log(code, shown, err.line, err.column);
  } else if (err instanceof MadaceError && err.code === 'E_NOT_READY') {
    console.log('load it first');
  }
}
// Functions that read files are there, typed as in Node.js; they throw here.
void loadAgent;

// The small build: the same API; a SKILL.md or a TOML layer is E_NOT_IN_BUILD.
await small.init('/madace_core_yaml.wasm');
try {
  small.validateTextSync('[agent]\n', { filename: 'skills/pm/customize.toml' });
} catch (err) {
  if (err instanceof small.MadaceError && err.code === 'E_NOT_IN_BUILD') console.log('import madace-core/wasm for skills');
}
console.log(name, lines);
