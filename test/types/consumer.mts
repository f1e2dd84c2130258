// The ESM flavour under NodeNext: named imports from the CommonJS package and
// top-level await, as an .mjs consumer writes them.
import { loadAgent, MadaceError, type FrozenAgent } from 'madace-core';

const agent: FrozenAgent = await loadAgent(new URL('../../examples/madace/mam/agents/pm.agent.yaml', import.meta.url));
try {
  await loadAgent('missing.agent.yaml');
} catch (err) {
  if (err instanceof MadaceError) console.log(err.code, err.line, err.column, err.issues.length);
}
export const name: string = agent.metadata.name;
