// Type contract of madace-core/madace, the MADACE dialect: the main entry's
// API, with loaders that accept exactly the MADACE app's shapes and types
// that are assignable to the app's own Agent, Workflow and Config
// (test/types/madace-app checks it against the app's type files).

import type {
  AgentLoadError,
  AsyncOptions,
  EditOptions,
  EditResult,
  EditRules,
  CollectOptions,
  LoadOptions,
  ParseOptions,
  PathLike,
  WorkflowLoadError,
} from '../index';

export * from '../index';

// The shapes below are the outputs of the MADACE app's zod schemas: only
// the keys they declare, every other key of the file left out.

export interface AgentMetadata {
  id: string;
  name: string;
  title: string;
  icon: string;
  module?: string;
  version?: string;
}

export interface AgentPersona {
  role: string;
  identity: string;
  communication_style: string;
  /** A list in the file: one string is refused, as zod refuses it. */
  principles: string[];
}

/** A menu item: always a trigger and a description (no BMAD `multi` items). */
export interface AgentMenuItem {
  trigger: string;
  action?: string;
  workflow?: string;
  exec?: string;
  description: string;
}

/** A MADACE prompt: named, with its trigger and content. */
export interface AgentPrompt {
  name: string;
  trigger: string;
  content: string;
}

/** The mapping under `agent:` of a MADACE agent file. */
export interface Agent {
  metadata: AgentMetadata;
  persona: AgentPersona;
  critical_actions?: string[];
  menu?: AgentMenuItem[];
  load_always?: string[];
  prompts?: AgentPrompt[];
}

/** The folder loaders' result with `collectErrors: true`. */
/**
 * The loaders' agents are typed as the app's own `Agent`, so the app's
 * annotations compile unchanged; at run time they are deep-frozen like the
 * main entry's (typed `FrozenAgent` there): `structuredClone` one to change it.
 */
export interface LoadedAgents {
  agents: Agent[];
  errors: AgentLoadError[];
}

/** The workflow folder loaders' result with `collectErrors: true`. */
export interface LoadedWorkflows {
  workflows: Workflow[];
  errors: WorkflowLoadError[];
}

export type WorkflowStepAction =
  | 'elicit'
  | 'reflect'
  | 'guide'
  | 'template'
  | 'render_template'
  | 'validate'
  | 'display'
  | 'load_state_machine'
  | 'sub-workflow'
  | 'api_call';

/** A MADACE workflow step, as the app's `WorkflowStepSchema` returns it. */
export interface WorkflowStep {
  name: string;
  action: WorkflowStepAction;
  content?: string;
  prompt?: string;
  variable?: string;
  template?: string;
  output_file?: string;
  condition?: string;
  error_message?: string;
  message?: string;
  status_file?: string;
  variables?: Record<string, unknown>;
  validation?: string;
  subworkflow?: string;
  workflow_path?: string;
  /** Variables handed to the child workflow, as text. */
  context_vars?: Record<string, string>;
}

/** The mapping under `workflow:` (the only workflow format of the dialect). */
export interface Workflow {
  name: string;
  description: string;
  steps: WorkflowStep[];
  /** Never set: the result is already the inner mapping, so the app's `workflow.workflow || workflow` type-checks. */
  workflow?: undefined;
}

export interface ModuleConfig {
  /** Defaults to false. */
  enabled: boolean;
}

/** `core/config.yaml` as MADACE-METHOD's `ConfigSchema` returns it. */
export interface Config {
  project_name: string;
  output_folder: string;
  user_name: string;
  communication_language: string;
  /** Defaults to the working directory. */
  project_root_path: string;
  madace_version?: string;
  installed_at?: string;
  modules: { mam: ModuleConfig; mab: ModuleConfig; cis: ModuleConfig };
}

/** Options of the root-based loaders and helpers, MADACE-METHOD's way. */
export interface RootOptions extends AsyncOptions {
  /** The project root holding `madace/` or `bmad/`; default `MADACE_PROJECT_ROOT`, else `process.cwd()`. */
  root?: string | URL;
}

export declare function loadAgent(path: PathLike, options?: LoadOptions): Promise<Agent>;
export declare function loadAgentSync(path: PathLike): Agent;
export declare function parseAgent(source: string, options?: ParseOptions): Agent;
export declare function loadAgents(dir: PathLike, options: AsyncOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgents(dir: PathLike, options?: AsyncOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAgents(dir: PathLike, options?: AsyncOptions & { collectErrors?: boolean }): Promise<Agent[] | LoadedAgents>;
export declare function loadAgentsSync(dir: PathLike, options: CollectOptions): LoadedAgents;
export declare function loadAgentsSync(dir: PathLike, options?: { collectErrors?: false }): Agent[];
export declare function loadAgentsSync(dir: PathLike, options?: { collectErrors?: boolean }): Agent[] | LoadedAgents;
export declare function loadAgentsFromDirectory(dir: PathLike, options: AsyncOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgentsFromDirectory(dir: PathLike, options?: AsyncOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAgentsFromDirectory(dir: PathLike, options?: AsyncOptions & { collectErrors?: boolean }): Promise<Agent[] | LoadedAgents>;
export declare function loadAgentsByModule(module: string, options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgentsByModule(module: string, options?: RootOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAgentsByModule(module: string, options?: RootOptions & { collectErrors?: boolean }): Promise<Agent[] | LoadedAgents>;
export declare function loadAgentsByModuleSync(module: string, options: RootOptions & CollectOptions): LoadedAgents;
export declare function loadAgentsByModuleSync(module: string, options?: RootOptions & { collectErrors?: false }): Agent[];
export declare function loadAgentsByModuleSync(module: string, options?: RootOptions & { collectErrors?: boolean }): Agent[] | LoadedAgents;
export declare function loadAllAgents(options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAllAgents(options?: RootOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAllAgents(options?: RootOptions & { collectErrors?: boolean }): Promise<Agent[] | LoadedAgents>;
export declare function loadAllAgentsSync(options: RootOptions & CollectOptions): LoadedAgents;
export declare function loadAllAgentsSync(options?: RootOptions & { collectErrors?: false }): Agent[];
export declare function loadAllAgentsSync(options?: RootOptions & { collectErrors?: boolean }): Agent[] | LoadedAgents;
/** Rejects with E_NOT_FOUND when `madace/mam/agents` is missing, E_NOT_A_DIRECTORY when it is a file. */
export declare function loadMAMAgents(options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadMAMAgents(options?: RootOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadMAMAgents(options?: RootOptions & { collectErrors?: boolean }): Promise<Agent[] | LoadedAgents>;
export declare function loadAgentById(root: PathLike, id: string, options?: LoadOptions): Promise<Agent>;
export declare function loadAgentByIdSync(root: PathLike, id: string): Agent;

export declare function loadWorkflow(path: PathLike, options?: LoadOptions): Promise<Workflow>;
export declare function loadWorkflowSync(path: PathLike): Workflow;
export declare function parseWorkflow(source: string, options?: ParseOptions): Workflow;
export declare function loadWorkflowById(root: PathLike, id: string, options?: LoadOptions): Promise<Workflow>;
export declare function loadWorkflowByIdSync(root: PathLike, id: string): Workflow;

/** MADACE-METHOD's name for loadMAMAgents. */
export declare function loadMADACEAgents(options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadMADACEAgents(options?: RootOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadMADACEAgents(options?: RootOptions & { collectErrors?: boolean }): Promise<Agent[] | LoadedAgents>;
/** The agents of module `mab` (or `bmb`); E_NOT_FOUND when it has no agent folder. */
export declare function loadMABAgents(options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadMABAgents(options?: RootOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadMABAgents(options?: RootOptions & { collectErrors?: boolean }): Promise<Agent[] | LoadedAgents>;

/** The path of the workflow named `name` in MADACE-METHOD's workflow folders, or null; E_PATH when `name` is a path. */
export declare function findWorkflow(name: string, options?: RootOptions): Promise<string | null>;
export declare function findWorkflowSync(name: string, options?: RootOptions): string | null;
/** The `.yaml` workflows of a module's workflow folders (madace/ and bmad/, the module and its twin); a file that fails throws, unless `collectErrors`. */
export declare function loadWorkflowsByModule(module: string, options: RootOptions & CollectOptions): Promise<LoadedWorkflows>;
export declare function loadWorkflowsByModule(module: string, options?: RootOptions & { collectErrors?: false }): Promise<Workflow[]>;
export declare function loadWorkflowsByModule(module: string, options?: RootOptions & { collectErrors?: boolean }): Promise<Workflow[] | LoadedWorkflows>;
export declare function loadWorkflowsByModuleSync(module: string, options: RootOptions & CollectOptions): LoadedWorkflows;
export declare function loadWorkflowsByModuleSync(module: string, options?: RootOptions & { collectErrors?: false }): Workflow[];
export declare function loadWorkflowsByModuleSync(module: string, options?: RootOptions & { collectErrors?: boolean }): Workflow[] | LoadedWorkflows;
/** loadWorkflowsByModule over mam, mab, cis and core. */
export declare function loadAllWorkflows(options: RootOptions & CollectOptions): Promise<LoadedWorkflows>;
export declare function loadAllWorkflows(options?: RootOptions & { collectErrors?: false }): Promise<Workflow[]>;
export declare function loadAllWorkflows(options?: RootOptions & { collectErrors?: boolean }): Promise<Workflow[] | LoadedWorkflows>;
export declare function loadAllWorkflowsSync(options: RootOptions & CollectOptions): LoadedWorkflows;
export declare function loadAllWorkflowsSync(options?: RootOptions & { collectErrors?: false }): Workflow[];
export declare function loadAllWorkflowsSync(options?: RootOptions & { collectErrors?: boolean }): Workflow[] | LoadedWorkflows;

/** `MAM` → `['mam', 'bmm']`: the module name in lower case, then its twin if it has one. */
export declare function getModuleVariants(module: string): string[];
/** `madace` → `['madace', 'bmad']`, and back. */
export declare function getFrameworkVariants(framework: string): string[];
/** A module's twin (`bmm` → `mam`), or its own name in lower case. */
export declare function resolveModuleAlias(module: string): string;
/** The first existing agent folder of a module: madace/ then bmad/, the module then its twin; null when none. */
export declare function resolveAgentDirectory(module: string, options?: RootOptions): Promise<string | null>;
export declare function resolveAgentDirectorySync(module: string, options?: Omit<RootOptions, 'signal'>): string | null;
/** resolveAgentDirectory for `workflows/`. */
export declare function resolveWorkflowDirectory(module: string, options?: RootOptions): Promise<string | null>;
export declare function resolveWorkflowDirectorySync(module: string, options?: Omit<RootOptions, 'signal'>): string | null;
/** Every workflow folder MADACE-METHOD looks in, existing or not. */
export declare function getWorkflowDirectories(options?: Omit<RootOptions, 'signal'>): string[];

export declare function loadConfig(path: PathLike, options?: LoadOptions): Promise<Config>;
export declare function loadConfigSync(path: PathLike): Config;
export declare function parseConfig(source: string, options?: ParseOptions): Config;

/** A merge patch of the config: each key set to its new value, or `null` to remove it (as the app's settings page and `ConfigManager.update` write). */
export type ConfigChanges = { [K in keyof Config]?: (K extends 'modules' ? { [M in keyof Config['modules']]?: Partial<ModuleConfig> } : Config[K]) | null } & Record<string, unknown>;

/** Writes the changes into `core/config.yaml` keeping its comments, quotes and sections (checked by the app's schema first). */
export declare function updateConfig(path: PathLike, changes: ConfigChanges, options?: EditOptions): Promise<EditResult>;
export declare function updateConfigSync(path: PathLike, changes: ConfigChanges, options?: Omit<EditOptions, 'signal'>): EditResult;
/** A new MADACE definition file (the app's workflow creation, `project init`), checked by the app's schema; E_EXISTS when the file is there. */
export declare function createDefinition(path: PathLike, kind: 'workflow', value: Workflow, options?: EditRules & AsyncOptions): Promise<string>;
export declare function createDefinition(path: PathLike, kind: 'agent', value: Agent, options?: EditRules & AsyncOptions): Promise<string>;
export declare function createDefinition(path: PathLike, kind: 'config', value: Config, options?: EditRules & AsyncOptions): Promise<string>;
export declare function createDefinitionSync(path: PathLike, kind: 'workflow', value: Workflow, options?: EditRules): string;
export declare function createDefinitionSync(path: PathLike, kind: 'agent', value: Agent, options?: EditRules): string;
export declare function createDefinitionSync(path: PathLike, kind: 'config', value: Config, options?: EditRules): string;
