// The MADACE app's loader swapped for madace-core/madace: every result is
// passed on as the app's own type (its files in ../shared/madace-app-types,
// mapped in by ../madace-app.test.js). tsc must report no error at all.
import type { Agent as AppAgent, AgentFile, AgentMenuItem, AgentPrompt } from 'madace-app-types/agent';
import type { Agent as SchemaAgent } from 'madace-app-types/agent-schema';
import type { Workflow as AppWorkflow, WorkflowStep as AppWorkflowStep } from 'madace-app-types/workflow';
import type { Config as AppConfig, ModuleConfig } from 'madace-app-types/config-schema';
import * as core from 'madace-core';
import {
  AgentLoadError,
  clearAgentCache,
  loadAgent,
  loadAgentSync,
  loadAgentsFromDirectory,
  loadAllAgents,
  createDefinition,
  findWorkflow,
  getModuleVariants,
  loadAllWorkflows,
  loadConfig,
  loadConfigSync,
  loadMABAgents,
  loadMAMAgents,
  loadWorkflowsByModule,
  resolveAgentDirectory,
  resolveModuleAlias,
  updateConfig,
  loadWorkflow,
  loadWorkflowSync,
  parseAgent,
  parseConfig,
  parseWorkflow,
} from 'madace-core/madace';

export async function agents(dir: string): Promise<AppAgent[]> {
  const one: AppAgent = await loadAgent(`${dir}/pm.agent.yaml`);
  const same: SchemaAgent = loadAgentSync(`${dir}/pm.agent.yaml`);
  const file: AgentFile = { agent: parseAgent('agent: {}', { filename: 'pm.agent.yaml' }) };
  const mam: AppAgent[] = await loadMAMAgents();
  const all: AppAgent[] = await loadAllAgents({ root: dir });
  const listed: AppAgent[] = await loadAgentsFromDirectory(dir);
  const menu: AgentMenuItem[] = one.menu ?? [];
  const prompts: AgentPrompt[] = same.prompts ?? [];
  clearAgentCache();
  return [one, same, file.agent, ...mam, ...all, ...listed].slice(menu.length + prompts.length);
}

export function failure(err: unknown): string | null {
  // The app's catch blocks test `instanceof AgentLoadError` and read `filePath`.
  return err instanceof AgentLoadError ? `${err.filePath}: ${err.message}` : null;
}

export async function workflows(path: string): Promise<AppWorkflow[]> {
  const loaded: AppWorkflow = await loadWorkflow(path);
  const sync: AppWorkflow = loadWorkflowSync(path);
  const parsed: AppWorkflow = parseWorkflow('workflow: {}');
  const steps: AppWorkflowStep[] = loaded.steps ?? [];
  return [loaded, sync, parsed].slice(steps.length);
}

// MADACE-METHOD's loaders and helpers, as its routes call them.
export async function method(): Promise<string[]> {
  const wf = await loadWorkflow('madace/mam/workflows/plan-project.workflow.yaml');
  // app/api/workflows/route.ts:43 of the app.
  const inner = wf.workflow || wf;
  const all: AppWorkflow[] = [...(await loadAllWorkflows()), ...(await loadWorkflowsByModule('mam'))];
  const mab: AppAgent[] = await loadMABAgents();
  const found: string | null = await findWorkflow('plan-project');
  const dir: string | null = await resolveAgentDirectory('bmm');
  return [inner.name, found ?? '', dir ?? '', resolveModuleAlias('mam'), ...getModuleVariants('mab')].slice(all.length + mab.length);
}

// The app's writes: its settings page / ConfigManager.update, and workflow creation.
export async function writes(dir: string, settings: AppConfig): Promise<string> {
  const { diff } = await updateConfig(`${dir}/madace/core/config.yaml`, {
    project_name: settings.project_name,
    modules: { mam: { enabled: settings.modules.mam.enabled } },
  });
  const steps: AppWorkflowStep[] = [{ name: 'ask', action: 'elicit', prompt: 'Goal?' }];
  const text = await createDefinition(`${dir}/madace/mam/workflows/new.workflow.yaml`, 'workflow', {
    name: 'new',
    description: 'made by the wizard',
    steps: steps.filter((s) => s.action !== 'route') as import('madace-core/madace').WorkflowStep[],
  });
  return diff + text;
}

export async function config(path: string): Promise<AppConfig[]> {
  const loaded: AppConfig = await loadConfig(path);
  const sync: AppConfig = loadConfigSync(path);
  const mam: ModuleConfig = parseConfig('project_name: p').modules.mam;
  return mam.enabled ? [loaded, sync] : [];
}

// The main entry covers BMAD files too, so its types are wider than the app's:
// that is why the dialect exists.
export function mainEntryIsWider(agent: core.Agent, workflow: core.AnyWorkflow, config: core.Config): unknown[] {
  // @ts-expect-error menu items of the main entry may be BMAD multi items without a trigger
  const a: AppAgent = agent;
  // @ts-expect-error a BMAD workflow config has no steps
  const w: AppWorkflow = workflow;
  // @ts-expect-error modules are optional in the main entry
  const c: AppConfig = config;
  return [a, w, c];
}
