'use strict';
// The baseline: what a MADACE TypeScript app does today to load an agent
// file — read it, `yaml.load` it with js-yaml 4 (or, as the second peer,
// `parse` it with the `yaml` package), validate it with a zod 4 schema —
// plus the same normalisation madace-core applies, so both sides do the
// same work. The schema mirrors madace-core's non-strict agent schema
// (src/schema/agent.rs `check`, README "What is checked"); unknown keys are kept at
// every level (loose objects), as madace-core keeps them.

const fs = require('node:fs');
const path = require('node:path');
const jsYaml = require('js-yaml');
const eemeliYaml = require('yaml');
const { z } = require('zod');

/** The YAML parsers MADACE-style apps use: js-yaml 4 (the MADACE app's) and `yaml` 2. */
const PARSERS = {
  'js-yaml': (text, file) => jsYaml.load(text, { filename: file }),
  yaml: (text) => eemeliYaml.parse(text),
};

const COMMAND_TARGETS = ['workflow', 'exec', 'action', 'tmpl', 'data', 'validate-workflow'];
const targets = Object.fromEntries(COMMAND_TARGETS.map((k) => [k, z.string().optional()]));

const MetadataSchema = z.looseObject({
  name: z.string(),
  title: z.string(),
  icon: z.string(),
  id: z.string().optional(),
  module: z.string().optional(),
  version: z.string().optional(),
});

const PersonaSchema = z.looseObject({
  role: z.string(),
  identity: z.string(),
  communication_style: z.string(),
  principles: z.union([z.string(), z.array(z.string())]),
});

// BMAD `multi` items bundle several triggers under one description line.
const MenuItemSchema = z.union([
  z.looseObject({ multi: z.string(), triggers: z.array(z.unknown()), ...targets }),
  z.looseObject({ trigger: z.string(), description: z.string(), ...targets }),
]);

// MADACE prompts are named by `name`, BMAD ones by `id`.
const PromptSchema = z.union([
  z.looseObject({ content: z.string(), name: z.string(), id: z.string().optional() }),
  z.looseObject({ content: z.string(), id: z.string(), name: z.string().optional() }),
]);

const AgentSchema = z.looseObject({
  metadata: MetadataSchema,
  persona: PersonaSchema,
  critical_actions: z.array(z.string()).optional(),
  load_always: z.array(z.string()).optional(),
  menu: z.array(MenuItemSchema),
  prompts: z.array(PromptSchema).optional(),
});

const AgentFileSchema = z.looseObject({ agent: AgentSchema });

class AgentLoadError extends Error {
  constructor(message, filePath, cause) {
    super(message, { cause });
    this.name = 'AgentLoadError';
    this.filePath = filePath;
  }
}

// --- normalisation: the same defaults madace-core fills in -----------------

function stripMarker(line) {
  line = line.trim();
  let rest = null;
  if (/^[-*+•]/.test(line)) rest = line.slice(1);
  else {
    const m = /^(\d+)[.)]/.exec(line);
    if (m) rest = line.slice(m[0].length);
  }
  if (rest !== null && (rest === '' || /^\s/.test(rest))) return rest.trimStart();
  return line;
}

function splitPrinciples(text) {
  return text
    .split(/\r?\n/)
    .map(stripMarker)
    .filter((l) => l.length > 0);
}

function fileStem(file) {
  const name = path.basename(file);
  for (const ext of ['.agent.yaml', '.agent.yml', '.yaml', '.yml']) {
    if (name.endsWith(ext)) return name.slice(0, -ext.length);
  }
  return name;
}

function moduleFromPath(file) {
  const parts = path.dirname(file).split(path.sep);
  const i = parts.lastIndexOf('agents');
  const module = i > 0 ? parts[i - 1] : '';
  return module && module !== '.' ? module : null;
}

function normalize(file, top) {
  const { agent, ...extras } = top;
  for (const key of Object.keys(extras)) {
    if (key in agent) throw new AgentLoadError(`top-level '${key}' collides with agent.${key}`, file);
    agent[key] = extras[key];
  }
  const { persona, metadata } = agent;
  if (typeof persona.principles === 'string') persona.principles = splitPrinciples(persona.principles);
  if (metadata.id === undefined) metadata.id = fileStem(file);
  if (metadata.module === undefined) metadata.module = moduleFromPath(file) ?? 'custom';
  if (metadata.version === undefined) metadata.version = '0.0.0';
  if (agent.prompts === undefined) agent.prompts = [];
  return agent;
}

// --- the loader --------------------------------------------------------------

function parseAgentText(text, file, parser = 'js-yaml') {
  let data;
  try {
    data = PARSERS[parser](text, file);
  } catch (err) {
    throw new AgentLoadError(`Failed to parse YAML in ${file}: ${err.message}`, file, err);
  }
  const result = AgentFileSchema.safeParse(data);
  if (!result.success) {
    throw new AgentLoadError(`Invalid agent file ${file}: ${result.error.message}`, file, result.error);
  }
  return normalize(file, result.data);
}

function loadAgentSync(file, parser) {
  return parseAgentText(fs.readFileSync(file, 'utf8'), file, parser);
}

async function loadAgent(file) {
  return parseAgentText(await fs.promises.readFile(file, 'utf8'), file);
}

/** Every `*.agent.yaml` under `dir` (recursive), sorted, loaded concurrently. */
async function loadAgents(dir) {
  const names = await fs.promises.readdir(dir, { recursive: true });
  const files = names.filter((n) => n.endsWith('.agent.yaml')).sort().map((n) => path.join(dir, n));
  return Promise.all(files.map(loadAgent));
}

// --- the MADACE app's cache ----------------------------------------------------

/**
 * The MADACE loader keeps a Map and never looks at the disk again, so edits
 * are never seen. `loadAgentCachedNoStat` is that; `loadAgentCached` adds
 * the one `fs.statSync` needed to notice edits (size, mtime, inode, ctime —
 * what madace-core compares), which is the fair comparison.
 */
const cache = new Map();

function stampOf(st) {
  return `${st.size}:${st.mtimeMs}:${st.ino}:${st.ctimeMs}`;
}

function loadAgentCached(file) {
  const st = fs.statSync(file);
  const stamp = stampOf(st);
  const hit = cache.get(file);
  if (hit !== undefined && hit.stamp === stamp) return hit.agent;
  const agent = loadAgentSync(file);
  cache.set(file, { stamp, agent });
  return agent;
}

function loadAgentCachedNoStat(file) {
  const hit = cache.get(file);
  if (hit !== undefined) return hit.agent;
  const agent = loadAgentSync(file);
  cache.set(file, { stamp: stampOf(fs.statSync(file)), agent });
  return agent;
}

function clearAgentCache() {
  cache.clear();
}

module.exports = {
  AgentFileSchema,
  AgentLoadError,
  parseAgentText,
  normalize,
  loadAgentSync,
  loadAgent,
  loadAgents,
  loadAgentCached,
  loadAgentCachedNoStat,
  clearAgentCache,
};
