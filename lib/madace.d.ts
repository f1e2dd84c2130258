// Type contract of madace-core/madace, the MADACE dialect: the main entry's
// API, with loaders that accept exactly the MADACE app's shapes and types
// that are assignable to the app's own Agent, Workflow and Config
// (test/types/madace-app checks it against the app's type files).

import type {
  AgentCommandItem,
  AgentLoadError,
  AgentMetadata,
  AgentPersona,
  AsyncOptions,
  CollectOptions,
  LoadOptions,
  ModuleSettings,
  ParseOptions,
  PathLike,
  RootOptions,
  StateMachineSettings,
  WorkflowStep as AnyWorkflowStep,
} from '../index';

export * from '../index';

/** A menu item: always a trigger and a description (no BMAD `multi` items). */
export interface AgentMenuItem extends Omit<AgentCommandItem, 'multi' | 'triggers'> {}

/** A MADACE prompt: named, with its trigger and content. */
export interface AgentPrompt {
  name: string;
  trigger: string;
  content: string;
  id?: string;
  description?: string;
}

/** The mapping under `agent:` of a MADACE agent file. */
export interface Agent {
  metadata: AgentMetadata;
  persona: AgentPersona;
  critical_actions?: string[];
  /** Defaults to `[]`. */
  menu: AgentMenuItem[];
  load_always?: string[];
  /** Defaults to `[]`. */
  prompts: AgentPrompt[];
  discussion?: boolean;
  conversational_knowledge?: Record<string, unknown>[];
}

/** The folder loaders' result with `collectErrors: true`. */
export interface LoadedAgents {
  agents: Agent[];
  errors: AgentLoadError[];
}

/** A MADACE workflow step: always named. */
export interface WorkflowStep extends Omit<AnyWorkflowStep, 'name' | 'context_vars'> {
  name: string;
  /** Variables handed to the child workflow, as text. */
  context_vars?: Record<string, string>;
}

/** The mapping under `workflow:` (the only workflow format of the dialect). */
export interface Workflow {
  name: string;
  description: string;
  steps: WorkflowStep[];
  agent?: string;
  phase?: number;
  variables?: Record<string, unknown>;
}

/** `core/config.yaml` as the MADACE app requires it: the three modules present, `enabled` defaulting to false. */
export interface Config {
  project_name: string;
  output_folder: string;
  user_name: string;
  communication_language: string;
  madace_version?: string;
  installed_at?: string;
  modules: { mam: ModuleSettings; mab: ModuleSettings; cis: ModuleSettings; [name: string]: ModuleSettings | undefined };
  state_machine?: StateMachineSettings;
}

export declare function loadAgent(path: PathLike, options?: LoadOptions): Promise<Agent>;
export declare function loadAgentSync(path: PathLike): Agent;
export declare function parseAgent(source: string, options?: ParseOptions): Agent;
export declare function loadAgents(dir: PathLike, options: AsyncOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgents(dir: PathLike, options?: AsyncOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAgentsSync(dir: PathLike, options: CollectOptions): LoadedAgents;
export declare function loadAgentsSync(dir: PathLike, options?: { collectErrors?: false }): Agent[];
export declare function loadAgentsFromDirectory(dir: PathLike, options: AsyncOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgentsFromDirectory(dir: PathLike, options?: AsyncOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAgentsByModule(module: string, options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgentsByModule(module: string, options?: RootOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAgentsByModuleSync(module: string, options: RootOptions & CollectOptions): LoadedAgents;
export declare function loadAgentsByModuleSync(module: string, options?: RootOptions & { collectErrors?: false }): Agent[];
export declare function loadAllAgents(options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAllAgents(options?: RootOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAllAgentsSync(options: RootOptions & CollectOptions): LoadedAgents;
export declare function loadAllAgentsSync(options?: RootOptions & { collectErrors?: false }): Agent[];
/** Rejects with E_NOT_FOUND when `madace/mam/agents` is missing, E_NOT_A_DIRECTORY when it is a file. */
export declare function loadMAMAgents(options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadMAMAgents(options?: RootOptions & { collectErrors?: false }): Promise<Agent[]>;
export declare function loadAgentById(root: PathLike, id: string, options?: LoadOptions): Promise<Agent>;
export declare function loadAgentByIdSync(root: PathLike, id: string): Agent;

export declare function loadWorkflow(path: PathLike, options?: LoadOptions): Promise<Workflow>;
export declare function loadWorkflowSync(path: PathLike): Workflow;
export declare function parseWorkflow(source: string, options?: ParseOptions): Workflow;
export declare function loadWorkflowById(root: PathLike, id: string, options?: LoadOptions): Promise<Workflow>;
export declare function loadWorkflowByIdSync(root: PathLike, id: string): Workflow;

export declare function loadConfig(path: PathLike, options?: LoadOptions): Promise<Config>;
export declare function loadConfigSync(path: PathLike): Config;
export declare function parseConfig(source: string, options?: ParseOptions): Config;
