// Type contract of madace-core. test/types keeps it honest with tsc. In a
// browser, an Edge runtime or a worker the same types describe its
// WebAssembly build, as lib/wasm/index.d.ts does for madace-core/wasm.

/**
 * Stable error codes (README, "Error codes"):
 * - `E_NOT_FOUND`: the file or folder does not exist.
 * - `E_NOT_A_FILE`: the path is a directory or another non-regular file.
 * - `E_NOT_A_DIRECTORY`: a file (or another non-folder) where a folder was expected (`loadAgents`, a project root).
 * - `E_IO`: the file exists but could not be read (permissions, …).
 * - `E_ENCODING`: not UTF-8 text (invalid bytes, or binary data with NUL bytes).
 * - `E_EMPTY`: no document in the file (empty, whitespace, comments only, or `~`).
 * - `E_YAML`: malformed YAML, including tab indentation and complex mapping keys.
 * - `E_DUPLICATE_KEY`: a mapping repeats a key.
 * - `E_MULTIPLE_DOCUMENTS`: more than one YAML document (`---`) in one file.
 * - `E_TAG`: a YAML tag outside the core schema (`!!python/object`, `!custom`).
 * - `E_TOML`: malformed TOML in a customization or config layer, located in that file.
 * - `E_LIMIT`: a safety limit was hit: file over 8 MiB, nesting deeper than 128,
 *   more than 100,000 nodes or 8 MiB of text once aliases are expanded (alias
 *   bombs), or a result too large for a JavaScript string.
 * - `E_SCHEMA`: valid YAML that is not a valid definition; `issues` lists every problem.
 * - `E_PATH`: a path or id escapes the allowed root.
 * - `E_INTERNAL`: a bug in madace-core; please report it.
 * - `E_NOT_READY`: madace-core/wasm in a browser, called before `await init()`.
 * - `MADACE_NODE_RUNTIME_REQUIRED`: a function that works with files, called where there are none
 *   (a browser, an Edge runtime, a worker, madace-core/wasm).
 * - `E_NOT_IN_BUILD`: madace-core/wasm/yaml (YAML kinds alone) was handed a SKILL.md or a TOML layer.
 * Story status codes (StatusError):
 * - `E_STATUS_FORMAT`: the status file has no state sections, or one twice.
 * - `E_UNKNOWN_STATE`: a target state other than BACKLOG, TODO, IN_PROGRESS, DONE.
 * - `E_STORY_NOT_FOUND`: no story with that id.
 * - `E_DUPLICATE_STORY`: the id to move appears more than once.
 * - `E_TRANSITION`: a move the state machine does not allow.
 * - `E_STATUS_LIMIT`: the move would put more stories in TODO / IN PROGRESS than allowed.
 * - `E_STATUS_CONFLICT`: the file stayed locked or kept changing for 2 s.
 * - `E_PATCH`: an edit operation is malformed, points at nothing, fails its `test`, or cannot be written in this file.
 * - `E_EDIT_CONFLICT`: the file is not the text the edit was computed from (`options.expected`), or stayed locked.
 * - `E_EXISTS`: `createDefinition` would replace a file.
 */
export type ErrorCode =
  | 'E_NOT_FOUND'
  | 'E_NOT_A_FILE'
  | 'E_NOT_A_DIRECTORY'
  | 'E_IO'
  | 'E_ENCODING'
  | 'E_EMPTY'
  | 'E_YAML'
  | 'E_DUPLICATE_KEY'
  | 'E_MULTIPLE_DOCUMENTS'
  | 'E_TAG'
  | 'E_TOML'
  | 'E_LIMIT'
  | 'E_SCHEMA'
  | 'E_PATH'
  | 'E_INTERNAL'
  | 'E_NOT_READY'
  | 'MADACE_NODE_RUNTIME_REQUIRED'
  | 'E_NOT_IN_BUILD'
  | 'E_STATUS_FORMAT'
  | 'E_UNKNOWN_STATE'
  | 'E_STORY_NOT_FOUND'
  | 'E_DUPLICATE_STORY'
  | 'E_TRANSITION'
  | 'E_STATUS_LIMIT'
  | 'E_STATUS_CONFLICT'
  | 'E_PATCH'
  | 'E_EDIT_CONFLICT'
  | 'E_EXISTS';

/** Every code a thrown MadaceError can carry, from the catalog (`CODES` entries with `thrown: true`). */
export declare const ERROR_CODES: readonly ErrorCode[];

/** Codes that only report entries carry (never thrown): strict lint, and a file of no known kind. */
export type ReportErrorCode = 'E_SPRINT_STATUS' | 'E_LINT' | 'E_UNKNOWN_KIND';

/** Every code of madace-core: errors, report-only errors and warnings. */
export type Code = ErrorCode | ReportErrorCode | WarningCode;

/** What a code means, as the catalog says (README, "Error codes"; the SARIF rules). */
export interface CodeInfo {
  readonly code: Code;
  /** How bad a problem with this code is (a mode may raise warnings to errors: `--strict`). */
  readonly severity: Severity;
  /** Whether a call can throw it; otherwise it is only a report entry. */
  readonly thrown: boolean;
  readonly title: string;
  readonly help: string;
}

/** The catalog: every code, errors first, with its severity, title and help. */
export declare const CODES: readonly CodeInfo[];

/** The ids of the lint rules of skill folders (README, "Skill rules"). */
export type RuleId =
  | 'SKILL-01'
  | 'SKILL-02'
  | 'SKILL-03'
  | 'SKILL-04'
  | 'SKILL-05'
  | 'SKILL-06'
  | 'SKILL-07'
  | 'PATH-02'
  | 'STEP-01'
  | 'STEP-06'
  | 'STEP-07'
  | 'SEQ-02'
  | 'TPL-01'
  | 'skill-name'
  | 'skill-description'
  | 'skill-compatibility'
  | 'skill-metadata'
  | 'skill-allowed-tools'
  | 'skill-frontmatter-key'
  | 'read-only-identity'
  | 'unknown-override';

/** A lint rule of skill folders, as the catalog says. */
export interface RuleInfo {
  readonly id: RuleId;
  /** `error` (reported as `E_LINT`) or `warning` (`W_LINT`). */
  readonly severity: Severity;
  /** BMAD's own severity, for the rules of BMAD's `validate-skills.js`. */
  readonly bmad?: 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW';
  /** `every skill` (the Agent Skills specification) or `BMAD skills`. */
  readonly applies: 'every skill' | 'BMAD skills';
  readonly title: string;
}

/** Every lint rule of skill folders. */
export declare const RULES: readonly RuleInfo[];

/** What reading and parsing any YAML definition file can fail with. */
export type YamlFileErrorCode =
  | 'E_NOT_FOUND'
  | 'E_NOT_A_FILE'
  | 'E_IO'
  | 'E_ENCODING'
  | 'E_EMPTY'
  | 'E_YAML'
  | 'E_DUPLICATE_KEY'
  | 'E_MULTIPLE_DOCUMENTS'
  | 'E_TAG'
  | 'E_LIMIT'
  | 'E_INTERNAL';
/** The codes AgentLoadError carries: a file, a schema, an id or folder that is wrong. */
export type AgentErrorCode = YamlFileErrorCode | 'E_SCHEMA' | 'E_PATH' | 'E_NOT_A_DIRECTORY';
/** The codes WorkflowLoadError carries. */
export type WorkflowErrorCode = YamlFileErrorCode | 'E_SCHEMA' | 'E_PATH' | 'E_NOT_A_DIRECTORY';
/** The codes ConfigLoadError carries. */
export type ConfigErrorCode = YamlFileErrorCode | 'E_SCHEMA';
/** The codes SkillError carries: the skill folder, its SKILL.md frontmatter and its TOML layers. */
export type EditErrorCode =
  | YamlFileErrorCode
  | 'E_TOML'
  | 'E_SCHEMA'
  | 'E_PATCH'
  | 'E_EDIT_CONFLICT'
  | 'E_EXISTS';

export type SkillErrorCode = YamlFileErrorCode | 'E_TOML' | 'E_SCHEMA' | 'E_NOT_A_DIRECTORY';
/** The codes StatusError carries: reading the board (a sprint-status.yaml is YAML), the story state machine, writing it. */
export type StatusErrorCode =
  | YamlFileErrorCode
  | 'E_SCHEMA'
  | 'E_STATUS_FORMAT'
  | 'E_UNKNOWN_STATE'
  | 'E_STORY_NOT_FOUND'
  | 'E_DUPLICATE_STORY'
  | 'E_TRANSITION'
  | 'E_STATUS_LIMIT'
  | 'E_STATUS_CONFLICT'
  | 'E_PATCH'
  | 'E_EDIT_CONFLICT';

/**
 * One problem in a file that failed schema validation. Everywhere in
 * madace-core, `path` is a file and `field` a place inside one.
 */
export interface SchemaIssue {
  /** The field, from the file's root: `agent.menu[2].description`. */
  field: string;
  message: string;
  /** 1-based; where the field is, or where a missing field should be added. */
  line: number;
  column: number;
  /**
   * For BMAD 6.x customizations: the layer that set the offending value (its
   * file is where `line` and `column` point).
   */
  layer?: CustomizationLayer;
  /** The rule broken, for the issues of a rule (SKILL.md's `name` and `description`: `SKILL-02`, `SKILL-03`). */
  rule?: RuleId;
}

/** A skill's layers (`defaults`, `team`, `user`) and the central config's (`base` … `custom-user`). */
export type CustomizationLayerName = 'defaults' | 'team' | 'user' | 'base' | 'base-user' | 'custom' | 'custom-user';

/** One customization layer: its name and file. */
export interface CustomizationLayer {
  name: CustomizationLayerName;
  path: string;
}

/** `C`: the codes this class of error carries (each subclass narrows it). */
export declare class MadaceError<C extends ErrorCode = ErrorCode> extends Error {
  readonly name: string;
  /** `path` under the MADACE TypeScript loaders' name, a string as theirs is: `''` when the error concerns no file. */
  readonly filePath: string;
  readonly code: C;
  /** The file as passed in (`<input>` for parsed strings without a filename). */
  readonly path: string | null;
  /** 1-based line of the problem; null when it concerns the whole file (e.g. E_NOT_FOUND). */
  readonly line: number | null;
  /** 1-based column, counted in characters. */
  readonly column: number | null;
  /** Every problem, for E_SCHEMA; empty for other codes. */
  readonly issues: SchemaIssue[];
  /** What is wrong, without the `path:line:column: ` that `message` starts with. */
  readonly detail: string;
}

/** Thrown by the agent functions (the MADACE TypeScript loader's name). */
export declare class AgentLoadError extends MadaceError<AgentErrorCode> {}
/** Thrown by the workflow functions. */
export declare class WorkflowLoadError extends MadaceError<WorkflowErrorCode> {}
/** Thrown by the config functions; `issues` names every bad field. */
export declare class ConfigLoadError extends MadaceError<ConfigErrorCode> {}
/** Thrown by the story status functions. */
export declare class StatusError extends MadaceError<StatusErrorCode> {}
/** Thrown by the BMAD 6.x skill functions; schema issues name the layer they are in. */
export declare class SkillError extends MadaceError<SkillErrorCode> {}
/** Thrown by the edit functions; the file is unchanged whenever one is thrown. */
export declare class EditError extends MadaceError<EditErrorCode> {}

/**
 * Loaded objects keep every key as written, but their types list only the
 * keys the schema knows, so that a typo (`agent.metadata.nmae`) does not
 * compile. To read a key of your own, widen the object explicitly:
 * `(agent as WithExtraKeys<Agent>).my_key` is `unknown`.
 */
export type WithExtraKeys<T> = T & { readonly [key: string]: unknown };

export interface AgentMetadata {
  /** Defaults to the file name without `.agent.yaml`. */
  id: string;
  name: string;
  title: string;
  icon: string;
  /** Defaults to the folder holding `agents/` (`mam/agents/pm.agent.yaml` → `mam`), else `custom`. */
  module: string;
  /** Defaults to `0.0.0`. */
  version: string;
  /** BMAD: what the agent can do, in one line. */
  capabilities?: string;
  /** BMAD: whether the agent keeps a sidecar folder (BMAD's validator requires it). */
  hasSidecar?: boolean;
}

export interface AgentPersona {
  role: string;
  identity: string;
  communication_style: string;
  /** Always a list: a YAML string becomes its non-empty lines, list markers removed. */
  principles: string[];
}

/** Flags either kind of menu item may carry (BMAD). */
export interface AgentMenuItemFlags {
  'ide-only'?: boolean;
  'web-only'?: boolean;
  discussion?: boolean;
}

/**
 * A menu item that runs a command: `*plan-project` (MADACE) or
 * `PR or fuzzy match on prd` (BMAD), with its command target(s).
 */
export interface AgentCommandItem extends AgentMenuItemFlags {
  trigger: string;
  description: string;
  action?: string;
  workflow?: string;
  exec?: string;
  tmpl?: string;
  data?: string;
  'validate-workflow'?: string;
  checklist?: string;
  document?: string;
  /** Never set on a command item: `item.multi !== undefined` tells the kinds apart. */
  multi?: undefined;
  triggers?: undefined;
}

/** What one trigger of a `multi` item sets. */
export interface AgentMultiTriggerFields {
  /** `SPM or fuzzy match start party mode`. */
  input?: string;
  route?: string;
  action?: string;
  data?: string;
  description?: string;
  /** `exec`, `action` or `workflow`. */
  type?: string;
}

/**
 * One trigger of a `multi` item, in one of BMAD's three forms:
 * `{ trigger: 'party-mode', input, route }`, `{ 'party-mode': { input, route } }`
 * or `{ 'party-mode': [{ input }, { route }] }`.
 */
export type AgentMultiTrigger =
  | (AgentMultiTriggerFields & { trigger: string })
  | { [name: string]: AgentMultiTriggerFields | AgentMultiTriggerFields[] };

/** A BMAD item bundling several triggers under one line (`[CH] Chat or [SPM] Start Party Mode`). */
export interface AgentMultiItem extends AgentMenuItemFlags {
  multi: string;
  triggers: AgentMultiTrigger[];
  /** A multi item has no trigger of its own (its triggers are in `triggers`). */
  trigger?: undefined;
  description?: string;
}

/** Narrow with `item.multi !== undefined` (or `item.trigger !== undefined`). */
export type AgentMenuItem = AgentCommandItem | AgentMultiItem;

export interface AgentPrompt {
  /** BMAD prompts are named by `id`, MADACE prompts by `name`; one of them is always there. */
  id?: string;
  name?: string;
  trigger?: string;
  content: string;
  description?: string;
}

/**
 * The mapping under `agent:`. Unknown keys are kept in the object (and
 * reported as `W_UNKNOWN_KEY` by validate); read them through `WithExtraKeys`.
 */
export interface Agent {
  metadata: AgentMetadata;
  persona: AgentPersona;
  critical_actions?: string[];
  /** Defaults to `[]` (strict lint requires a non-empty menu). */
  menu: AgentMenuItem[];
  load_always?: string[];
  /** Defaults to `[]`. */
  prompts: AgentPrompt[];
  /** BMAD: the agent takes part in discussions. */
  discussion?: boolean;
  /** BMAD: knowledge sources for discussions, as written. */
  conversational_knowledge?: Record<string, unknown>[];
}

export type PathLike = string | URL;

/**
 * A deep-frozen result, typed so: reading compiles, changing does not (it
 * would throw a TypeError at run time). `structuredClone(agent) as Agent`
 * gives a copy you can change.
 */
export type DeepReadonly<T> = T extends (infer U)[]
  ? ReadonlyArray<DeepReadonly<U>>
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** An agent as the loaders return it: cached and shared by every caller, so deep-frozen. */
export type FrozenAgent = DeepReadonly<Agent>;

/**
 * Options every Promise-returning function takes. `signal`, as with
 * `fs.promises.readFile`: when it fires, the promise rejects with an
 * `AbortError` (`name` `'AbortError'`, `code` `'ABORT_ERR'`, `cause` the
 * signal's reason) and work not yet started is dropped. `transition` is never
 * abandoned half-way: a move that has started completes and resolves.
 */
export interface AsyncOptions {
  signal?: AbortSignal;
}

/** Options of every single-file Promise loader (`loadAgent`, `loadWorkflow`, `loadConfig`, …). */
export interface LoadOptions extends AsyncOptions {}

/** Options of the `parse*` functions. */
export interface ParseOptions {
  /** Names the text in errors (default `<input>`); for agents, also gives the default id. */
  filename?: string;
}

/**
 * Reads, parses and validates an agent file off the main thread. Rejects with AgentLoadError.
 * Cached: an unchanged file resolves to the identical, deep-frozen object
 * (`structuredClone` it to get a copy you can change); so do all agent loaders.
 */
export declare function loadAgent(path: PathLike, options?: LoadOptions): Promise<FrozenAgent>;
/** Blocking twin of loadAgent. Throws AgentLoadError. */
export declare function loadAgentSync(path: PathLike): FrozenAgent;
/** Parses agent YAML from a string; `filename` names it in errors and gives the default id. */
export declare function parseAgent(source: string, options?: ParseOptions): Agent;

export interface RootOptions extends AsyncOptions {
  /** The project root holding `madace/`, `bmad/`, `_bmad/` or a BMAD `src/modules/`; default `process.cwd()`. */
  root?: string | URL;
}

/**
 * For the folder loaders: `collectErrors: true` returns `{ agents, errors }`,
 * every file that failed as a located AgentLoadError, instead of failing on
 * the first bad file (for listing routes that should show what loads).
 */
export interface CollectOptions {
  collectErrors: true;
}
/** The folder loaders' result with `collectErrors: true`, both lists in path order. */
export interface LoadedAgents {
  agents: FrozenAgent[];
  errors: AgentLoadError[];
}

/** Every `*.agent.yaml` under `dir`, recursively, in path order (cached like loadAgent). */
export declare function loadAgents(dir: PathLike, options: AsyncOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgents(dir: PathLike, options?: AsyncOptions & { collectErrors?: false }): Promise<FrozenAgent[]>;
export declare function loadAgents(dir: PathLike, options?: AsyncOptions & { collectErrors?: boolean }): Promise<FrozenAgent[] | LoadedAgents>;
export declare function loadAgentsSync(dir: PathLike, options: CollectOptions): LoadedAgents;
export declare function loadAgentsSync(dir: PathLike, options?: { collectErrors?: false }): FrozenAgent[];
export declare function loadAgentsSync(dir: PathLike, options?: { collectErrors?: boolean }): FrozenAgent[] | LoadedAgents;
/** The MADACE loader's name for loadAgents (recursive here). */
export declare function loadAgentsFromDirectory(dir: PathLike, options: AsyncOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgentsFromDirectory(dir: PathLike, options?: AsyncOptions & { collectErrors?: false }): Promise<FrozenAgent[]>;
export declare function loadAgentsFromDirectory(dir: PathLike, options?: AsyncOptions & { collectErrors?: boolean }): Promise<FrozenAgent[] | LoadedAgents>;
/** Agents of one module; `mam` ↔ `bmm` and `mab` ↔ `bmb` find each other. */
export declare function loadAgentsByModule(module: string, options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAgentsByModule(module: string, options?: RootOptions & { collectErrors?: false }): Promise<FrozenAgent[]>;
export declare function loadAgentsByModule(module: string, options?: RootOptions & { collectErrors?: boolean }): Promise<FrozenAgent[] | LoadedAgents>;
export declare function loadAgentsByModuleSync(module: string, options: RootOptions & CollectOptions): LoadedAgents;
export declare function loadAgentsByModuleSync(module: string, options?: RootOptions & { collectErrors?: false }): FrozenAgent[];
export declare function loadAgentsByModuleSync(module: string, options?: RootOptions & { collectErrors?: boolean }): FrozenAgent[] | LoadedAgents;
/** Agents of every module, modules in name order. */
export declare function loadAllAgents(options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadAllAgents(options?: RootOptions & { collectErrors?: false }): Promise<FrozenAgent[]>;
export declare function loadAllAgents(options?: RootOptions & { collectErrors?: boolean }): Promise<FrozenAgent[] | LoadedAgents>;
export declare function loadAllAgentsSync(options: RootOptions & CollectOptions): LoadedAgents;
export declare function loadAllAgentsSync(options?: RootOptions & { collectErrors?: false }): FrozenAgent[];
export declare function loadAllAgentsSync(options?: RootOptions & { collectErrors?: boolean }): FrozenAgent[] | LoadedAgents;
/** `loadAgentsByModule('mam', options)`, the MADACE loader's name. */
export declare function loadMAMAgents(options: RootOptions & CollectOptions): Promise<LoadedAgents>;
export declare function loadMAMAgents(options?: RootOptions & { collectErrors?: false }): Promise<FrozenAgent[]>;
export declare function loadMAMAgents(options?: RootOptions & { collectErrors?: boolean }): Promise<FrozenAgent[] | LoadedAgents>;
/** Forgets every cached agent; the next load reads the files again. */
export declare function clearAgentCache(): void;
/** The agent in `<id>.agent.yaml` under `root`; ids that are paths (or resolve outside root) throw E_PATH. */
export declare function loadAgentById(root: PathLike, id: string, options?: LoadOptions): Promise<FrozenAgent>;
export declare function loadAgentByIdSync(root: PathLike, id: string): FrozenAgent;

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
  | 'route'
  | 'api_call';

/** A step of a MADACE workflow: the fields its workflow engine reads. */
export interface WorkflowStep {
  name?: string;
  action: WorkflowStepAction;
  /** Required for `sub-workflow` steps: relative to the workflow's folder, or to the project root. */
  workflow_path?: string;
  content?: string;
  prompt?: string;
  variable?: string;
  template?: string;
  output_file?: string;
  condition?: string;
  error_message?: string;
  message?: string;
  status_file?: string;
  validation?: string;
  variables?: Record<string, unknown>;
  context_vars?: Record<string, unknown>;
  /** Legacy name of `workflow_path`. */
  subworkflow?: string;
  /** For `route` steps: complexity levels to workflow lists, as written. */
  routing?: Record<string, unknown>;
  output_var?: string;
  model?: string;
  max_tokens?: number;
  temperature?: number;
  store_as?: string;
}

/** A MADACE `*.workflow.yaml`: the mapping under `workflow:`. */
export interface Workflow {
  name: string;
  description: string;
  steps: WorkflowStep[];
  agent?: string;
  phase?: number;
  variables?: Record<string, unknown>;
}

/**
 * A BMAD nested `workflow.yaml`: a flat key/value config of its own keys,
 * returned as written (so it keeps an index signature). It never has
 * top-level `steps` (that is a MADACE workflow missing `workflow:`, an error).
 */
export interface BmadWorkflowConfig {
  name: string;
  description?: string;
  steps?: undefined;
  [key: string]: unknown;
}

/** Narrow with `workflow.steps !== undefined`: MADACE workflows have `steps`, BMAD configs never. */
export type AnyWorkflow = Workflow | BmadWorkflowConfig;

export declare function loadWorkflow(path: PathLike, options?: LoadOptions): Promise<AnyWorkflow>;
export declare function loadWorkflowSync(path: PathLike): AnyWorkflow;
export declare function parseWorkflow(source: string, options?: ParseOptions): AnyWorkflow;
/** The path of `<name>.workflow.yaml` (flat) or `<name>/workflow.yaml` (nested), or null. */
export declare function findWorkflow(name: string, options?: RootOptions): Promise<string | null>;
export declare function findWorkflowSync(name: string, options?: RootOptions): string | null;
/** The workflow findWorkflow finds, loaded; E_NOT_FOUND when there is none, E_PATH for path-like names. */
export declare function loadWorkflowById(root: PathLike, id: string, options?: LoadOptions): Promise<AnyWorkflow>;
export declare function loadWorkflowByIdSync(root: PathLike, id: string): AnyWorkflow;

export interface ModuleSettings {
  enabled: boolean;
}

/** `state_machine` in a config: the story limits. */
export interface StateMachineSettings {
  max_todo_items?: number;
  max_in_progress_items?: number;
}

/** `core/config.yaml`, keys as written (read others through `WithExtraKeys`). */
export interface Config {
  project_name: string;
  output_folder: string;
  user_name: string;
  communication_language: string;
  madace_version?: string;
  installed_at?: string;
  /** Each module's settings; every one has `enabled`. */
  modules?: { mam?: ModuleSettings; mab?: ModuleSettings; cis?: ModuleSettings; [name: string]: ModuleSettings | undefined };
  state_machine?: StateMachineSettings;
}

export declare function loadConfig(path: PathLike, options?: LoadOptions): Promise<Config>;
export declare function loadConfigSync(path: PathLike): Config;
export declare function parseConfig(source: string, options?: ParseOptions): Config;

/**
 * Warning codes (problems with `severity: 'warning'`; the files still loaded):
 * - `W_WORKFLOW_NOT_FOUND`: a menu item's `workflow` file, or `action: workflow:NAME`, does not exist.
 * - `W_SUBWORKFLOW_NOT_FOUND`: a sub-workflow step's `workflow_path` does not exist.
 * - `W_SUBWORKFLOW_CYCLE`: sub-workflows call each other in a cycle.
 * - `W_CONFIG_NOT_FOUND`: the project has no `core/config.yaml`.
 * - `W_UNKNOWN_KEY`: an agent holds a key its schema does not know (kept in
 *   the result); the message names the known key it is probably a typo of.
 *   `--strict` / `{ strict: true }` reports these as `E_LINT` errors instead.
 * - `W_LINT`: a strict lint rule whose breach tools load past (`rule` names it).
 * - `W_RENAMED_SKILL`: an override file of a skill that is not installed.
 * - `W_UNKNOWN_PLACEHOLDER`: override text uses a `{placeholder}` the skill never defines.
 */
export type WarningCode =
  | 'W_LINT'
  | 'W_RENAMED_SKILL'
  | 'W_UNKNOWN_PLACEHOLDER'
  | 'W_LEGACY_STATUS'
  | 'W_STORY_DRIFT'
  | 'W_STORY_FILE_MISSING'
  | 'W_UNKNOWN_KEY'
  | 'W_WORKFLOW_NOT_FOUND'
  | 'W_SUBWORKFLOW_NOT_FOUND'
  | 'W_SUBWORKFLOW_CYCLE'
  | 'W_CONFIG_NOT_FOUND'
  | 'W_STALE_STORY';

export type Severity = 'error' | 'warning';

/**
 * The one record of a problem, whatever found it: `validate`'s report
 * entries, `loadProject`'s issues, `validateStatus`'s findings.
 */
export interface Diagnostic {
  /** Warnings never fail a file. */
  severity: Severity;
  /** `E_LINT` for strict-mode lint problems (the rule name ends the message, e.g. `[trigger-format]`). */
  code: Code;
  /** What is wrong, without a location. */
  message: string;
  /** The field (`agent.menu[2].description`), for schema, lint and story problems. */
  field: string | null;
  line: number | null;
  column: number | null;
  /** The file the problem is in, where the list does not say it (a skill's TOML layers; every project issue). */
  path?: string;
  /** The customization layer the problem is in. */
  layer?: CustomizationLayer;
  /** For a lint problem (`E_LINT`, `W_LINT`): the rule broken, BMAD's id where BMAD has one (`SKILL-04`); also the SARIF `ruleId`. */
  rule?: RuleId;
}

/** A problem of a project: a Diagnostic that always names its file. */
export interface ProjectIssue extends Diagnostic {
  path: string;
}

/** A workflow of a project; narrow by `format`. */
export type ProjectWorkflow =
  | { path: string; format: 'madace'; workflow: Workflow }
  | { path: string; format: 'bmad'; workflow: BmadWorkflowConfig };

export interface ProjectModule {
  name: string;
  path: string;
  agents: { path: string; agent: Agent }[];
  workflows: ProjectWorkflow[];
}

/** A BMAD 6.x skill of a project. */
export interface ProjectSkill {
  /** The skill folder. */
  path: string;
  name: string;
  kind: 'agent' | 'workflow' | 'skill';
  /** The merged customization, or null without a `customize.toml`. */
  customization: TomlTable | null;
}

export interface Project {
  root: string;
  framework: 'madace' | 'bmad';
  /** `core/config.yaml`, or null when missing or invalid (see issues). */
  config: Config | null;
  modules: ProjectModule[];
  /** BMAD 6.x: the merged `_bmad/config.toml` layers, or null (none, or invalid: see issues). */
  bmadConfig: TomlTable | null;
  /**
   * BMAD 6.x: every skill (a folder with `SKILL.md`) that loaded, in path
   * order; an agent skill's agent is checked. Loaded for a root with
   * `_bmad/config.toml` (skills anywhere under it), or a root without module
   * folders whose `src/` holds skills (a BMAD-METHOD checkout).
   */
  skills: ProjectSkill[];
  /** Every file that failed, and every broken cross-reference, in one list. */
  issues: ProjectIssue[];
}

/** Loads a whole project; fails only when `root` has no framework folder. */
export declare function loadProject(root: PathLike, options?: LoadOptions): Promise<Project>;
export declare function loadProjectSync(root: PathLike): Project;

/** A problem of a report entry (its file is the entry's `path` unless `path` says otherwise). */
export type Problem = Diagnostic;

export interface AgentSummary {
  id: string;
  name: string;
  title: string;
  icon: string;
  module: string;
  menuItems: number;
}

export interface WorkflowSummary {
  name: string;
  format: 'madace' | 'bmad';
  /** Steps of a MADACE workflow; 0 for BMAD configs. */
  steps: number;
}

/** What the CLI shows of a skill that loaded. */
export interface SkillSummary {
  name: string;
  kind: 'agent' | 'workflow' | 'skill';
  /** An agent's menu items; 0 for the others. */
  menuItems: number;
}

/** The kinds validate reports a file as (a TOML layer is checked, and reported, through the file it customizes). */
export type ReportedKind = 'agent' | 'workflow' | 'config' | 'skill' | 'centralConfig' | 'sprintStatus';

export interface FileReport {
  /** The file; for a skill, its `SKILL.md`. */
  path: string;
  /**
   * What it was checked as; `unknown` for a file of no known kind (an
   * `E_UNKNOWN_KIND` problem), `project` for the CLI's entries of project
   * warnings in files validate did not check.
   */
  kind: ReportedKind | 'unknown' | 'project';
  /** Present when an agent loaded. */
  agent?: AgentSummary;
  /** Present when a workflow loaded. */
  workflow?: WorkflowSummary;
  /** Present when a skill loaded. */
  skill?: SkillSummary;
  /** Empty when the file loaded. */
  problems: Problem[];
}

export interface ValidationReport {
  files: FileReport[];
  passed: number;
  failed: number;
}

/**
 * Validates files and folders; folders are searched recursively for
 * `*.agent.yaml`, `*.workflow.yaml`, nested `workflow.yaml`, `core/config.yaml`
 * and BMAD 6.x skills (`SKILL.md` with the folder's `customize.toml` and its layers)
 * and central configs (`_bmad/config.toml` with its layers).
 * Never rejects for bad files: each is a failed entry.
 */
export interface ValidateOptions extends AsyncOptions {
  /**
   * Also apply the strict lint rules to agents (README, "Strict lint"): BMAD's
   * own validator, rule for rule, for files under `bmad/`, `_bmad/`, a BMAD
   * `src/` tree or no framework folder; MADACE's conventions (`*` triggers,
   * `workflow` targets, named prompts, no `hasSidecar`) under `madace/` and in
   * madace-core/madace. Each broken rule is an `E_LINT` problem whose message
   * ends with the rule's name, and fails the file.
   */
  strict?: boolean;
  /**
   * The shapes files are checked against: `any` (MADACE and BMAD alike) or
   * `madace` (exactly the MADACE app's schemas). Defaults to the entry
   * point's: `any` for `madace-core`, `madace` for `madace-core/madace`.
   */
  dialect?: Dialect;
}

/** The shapes a definition is checked against. */
export type Dialect = 'any' | 'madace';

export declare function validate(paths: PathLike | PathLike[], options?: ValidateOptions): Promise<ValidationReport>;
export declare function validateSync(paths: PathLike | PathLike[], options?: ValidateOptions): ValidationReport;

export interface ValidateTextOptions extends ValidateOptions {
  /**
   * The file the text stands for: its name tells the kind, its place the
   * defaults and the other files it brings in (a skill's layers, read from
   * disk). The file itself is neither read nor written.
   */
  filename: PathLike;
}

/**
 * Checks `text` as `validate` would check the file `options.filename` (an
 * editor's unsaved text, `validate --stdin`): a report with one entry, for
 * that file or, for a TOML layer, the file that owns it.
 */
export declare function validateText(text: string, options: ValidateTextOptions): Promise<ValidationReport>;
export declare function validateTextSync(text: string, options: ValidateTextOptions): ValidationReport;

/** A watch report: the files whose result changed, and the definition files that are gone. */
export interface WatchReport extends ValidationReport {
  /** Definition files that are gone since the last report. */
  removed: string[];
  /** Every file watched now (not only the changed ones), with its problems counted. */
  totals: { files: number; errors: number; warnings: number };
}

export interface WatchOptions {
  /** As for validate. */
  strict?: boolean;
  /** As for validate. */
  dialect?: Dialect;
  /** Called with the first full report, then with each change. */
  onReport: (report: WatchReport) => void;
  /** Called with the file watcher's own errors (a watched folder gone, too many watches); never thrown. */
  onError?: (err: Error) => void;
}

export interface Watcher {
  /** Resolves once the first report was delivered and file events are being watched. */
  ready: Promise<void>;
  /** Stops watching; the process can then exit. */
  close(): Promise<void>;
}

/** Validates, then re-validates only what changes (files created, edited, renamed, deleted), debounced. */
export declare function watch(paths: PathLike | PathLike[], options: WatchOptions): Watcher;

/**
 * The lines of `source` around `line`:`column` (two above, one below) with a
 * caret under the column, as babel and eslint show them; tabs and wide
 * characters (emoji, CJK) before the column keep the caret in place. `null`
 * when the location is not in the text. For a report's problems:
 * `codeFrame(readFileSync(file.path, 'utf8'), problem.line, problem.column)`.
 */
export declare function codeFrame(source: string, line: number, column: number): string | null;

export interface FormatErrorOptions {
  /** The text the error was found in; by default the text a `parse*` call was given, else the file at `err.path` as it is on disk now. */
  source?: string;
  /** Add code frames (default true). */
  frame?: boolean;
}

/**
 * An error as a person reads it: `file:line:column  error  message  CODE`, for the
 * error or for each of its issues, each followed by its code frame.
 */
export declare function formatError(err: MadaceError, options?: FormatErrorOptions): string;

/** The JSON Schema (draft-07) of a definition file, for editors (YAML language server). */
export declare function jsonSchema(kind: 'agent' | 'workflow' | 'config' | 'skill' | 'customize'): Record<string, unknown>;

export type StoryState = 'BACKLOG' | 'TODO' | 'IN_PROGRESS' | 'DONE';

export interface Story {
  id: string;
  title: string;
  state: StoryState;
  /** From `[Points: 5]` or `[5 pts]`. */
  points?: number;
  /** 1-based line of the story in the file. */
  line: number;
}

export interface StatusBoard {
  backlog: Story[];
  todo: Story[];
  inProgress: Story[];
  done: Story[];
  /**
   * Lines of the text that would fall off the board, as `E_STATUS_FORMAT`
   * errors at their line: a misspelled section (`## DOEN`, field `heading`),
   * a story without its id in brackets or with an empty or malformed id
   * (`story`), points that are no number (`stories.<ID>`). A board with any
   * is never rewritten by a move. Empty for a board handed back as JSON.
   */
  problems: Diagnostic[];
}

export interface StatusLimits {
  /** Most stories in TODO; default `config.state_machine.max_todo_items`, else 1. */
  maxTodo?: number;
  /** Most stories in IN PROGRESS; default `config.state_machine.max_in_progress_items`, else 1. */
  maxInProgress?: number;
  /** A loaded config whose `state_machine` gives the limits. */
  config?: Pick<Config, 'state_machine'>;
}

/** Options of `transition`. */
export interface TransitionOptions extends StatusLimits, AsyncOptions {}

/** One entry of a sprint board's `development_status`. */
export interface SprintEntry {
  key: string;
  /** As written (a legacy `drafted` / `contexted` included); null when it is not text. */
  status: string | null;
  line: number;
}

/** An epic with what the board lists under its number; `key` / `status` / `line` are absent when the board names it only through its stories. */
export interface SprintEpic extends Partial<SprintEntry> {
  number: number;
  stories: SprintEntry[];
  retrospective: SprintEntry | null;
}

/** BMAD 6.x's sprint-status.yaml as loadSprintStatus returns it. */
export interface SprintStatus {
  /** generated, last_updated, project, project_key, tracking_system, story_location: those present, as text. */
  metadata: Partial<Record<'generated' | 'last_updated' | 'project' | 'project_key' | 'tracking_system' | 'story_location', string>>;
  epics: SprintEpic[];
  /** `action_items` as written, each with its line. */
  actionItems: Array<Record<string, unknown> & { line: number }>;
  /** BMAD's verdict: E_SPRINT_STATUS errors (the board is valid when there are none) and W_LEGACY_STATUS warnings, located. */
  problems: Diagnostic[];
}

/** What setStoryStatus did (with the board's new text and its diff). */
export interface SprintMove extends EditResult {
  key: string;
  /** The status before, as written. */
  from: string | null;
  status: string;
  /** `epic-N` when this move started its epic (backlog → in-progress), else null. */
  epicStarted: string | null;
  /** The `MM-DD-YYYY HH:MM` stamp written to last_updated. */
  lastUpdated: string;
}

/** Loads BMAD 6.x's sprint-status.yaml; board problems are in `problems`, only an unreadable or malformed file rejects (StatusError). */
export declare function loadSprintStatus(path: PathLike, options?: LoadOptions): Promise<SprintStatus>;
export declare function loadSprintStatusSync(path: PathLike): SprintStatus;
/**
 * Sets the status of `key` (a story, `epic-N` or `epic-N-retrospective`) in
 * place: only its line, its epic's when the story starts the epic, and
 * `last_updated` (`options.now`, default the current local time) change;
 * checked and written atomically under the file's lock.
 */
export declare function setStoryStatus(
  path: PathLike,
  key: string,
  status: string,
  options?: AsyncOptions & { now?: Date; dryRun?: boolean },
): Promise<SprintMove>;
export declare function setStoryStatusSync(path: PathLike, key: string, status: string, options?: { now?: Date; dryRun?: boolean }): SprintMove;

/** Parses a MADACE workflow-status.md board. Rejects with StatusError. */
export declare function loadStatus(path: PathLike, options?: LoadOptions): Promise<StatusBoard>;
export declare function loadStatusSync(path: PathLike): StatusBoard;
/**
 * Limit overruns and repeated ids, as located diagnostics: `E_STATUS_LIMIT`
 * (`field` `todo` or `inProgress`), `E_DUPLICATE_STORY` (`stories.<ID>`, a
 * story listed twice), or the warning `W_STALE_STORY` (`stale.<ID>`, an entry
 * of a story that is also in DONE: the story is done, the entry is left over).
 */
export declare function validateStatus(
  status: Pick<StatusBoard, 'backlog' | 'todo' | 'inProgress' | 'done'>,
  options?: StatusLimits,
): StatusIssue[];

/**
 * What a board breaks: `E_STATUS_LIMIT` (field `todo` / `inProgress`),
 * `E_DUPLICATE_STORY` (field `stories.<ID>`), `W_STALE_STORY` (field
 * `stale.<ID>`, a warning).
 */
export interface StatusIssue extends Diagnostic {
  code: 'E_STATUS_LIMIT' | 'E_DUPLICATE_STORY' | 'W_STALE_STORY';
  field: string;
  line: number;
  column: number;
}

export interface PlanTransitionOptions extends StatusLimits {
  /** Names the board in errors (default `<status>`). */
  filename?: string;
}

/**
 * A move planned on a board's text, written nowhere (`move --dry-run`): the
 * text after the move and the story as it would stand; refused moves throw
 * as `transition` does.
 */
export declare function planTransition(
  source: string,
  id: string,
  to: StoryState | string,
  options?: PlanTransitionOptions,
): { text: string; story: Story };
/**
 * Moves a story (BACKLOG→TODO, TODO→IN_PROGRESS|BACKLOG, IN_PROGRESS→DONE|TODO) by
 * rewriting only its line, atomically; safe against concurrent moves. `to` accepts
 * `IN_PROGRESS`, `in-progress`, `in progress`, …. Resolves to the story as it now stands.
 */
export declare function transition(
  path: PathLike,
  id: string,
  to: StoryState | string,
  options?: TransitionOptions,
): Promise<Story>;
export declare function transitionSync(path: PathLike, id: string, to: StoryState | string, options?: StatusLimits): Story;

/** One RFC 6902 operation; `path` and `from` are JSON Pointers into the file's value as madace-core loads it. */
export type PatchOperation =
  | { op: 'add'; path: string; value: unknown }
  | { op: 'remove'; path: string }
  | { op: 'replace'; path: string; value: unknown }
  | { op: 'move'; from: string; path: string }
  | { op: 'copy'; from: string; path: string }
  | { op: 'test'; path: string; value: unknown };

/** The rules an edited or new file is checked by before anything is written. */
export interface EditRules {
  /** Default: the entry's (`any`; `madace` for madace-core/madace). */
  dialect?: Dialect;
  /** Also the strict lint rules. */
  strict?: boolean;
}

export interface EditOptions extends EditRules, AsyncOptions {
  /** Compute and check the edit, return it, write nothing. */
  dryRun?: boolean;
  /** The text the edit was computed from: when the file holds another, E_EDIT_CONFLICT and nothing is written. */
  expected?: string;
}

/** What an edit did. */
export interface EditResult {
  /** The file's text after the edit (what was written, or would be with `dryRun`). */
  text: string;
  /** The change as a unified diff (`''` when nothing changed). */
  diff: string;
  /** Whether the file was written (false for `dryRun` and for an edit that changes nothing). */
  written: boolean;
}

/** The definition kinds a file can be written as. */
export type WritableKind = 'agent' | 'workflow' | 'config' | 'skillLayer' | 'centralConfig' | 'centralConfigLayer' | 'sprintStatus';

/**
 * Applies RFC 6902 operations to the value the file loads as and writes the
 * smallest change of its text (comments, blank lines, key order, quoting,
 * CRLF and a BOM kept), checked by the loading rules first, atomically,
 * under the file's lock. Agents, workflows, configs and TOML layers.
 */
export declare function applyEdits(path: PathLike, operations: PatchOperation[], options?: EditOptions): Promise<EditResult>;
export declare function applyEditsSync(path: PathLike, operations: PatchOperation[], options?: Omit<EditOptions, 'signal'>): EditResult;
/** `changes` as an RFC 7396 merge patch (`null` removes a key), written as applyEdits writes. */
export declare function updateConfig(path: PathLike, changes: Record<string, unknown>, options?: EditOptions): Promise<EditResult>;
export declare function updateConfigSync(path: PathLike, changes: Record<string, unknown>, options?: Omit<EditOptions, 'signal'>): EditResult;
/** The text after the operations (or a merge patch with `merge: true`), checked as the file `filename`; nothing is read or written. */
export declare function editText(
  source: string,
  operations: PatchOperation[] | Record<string, unknown>,
  options: EditRules & { filename: string; merge?: boolean },
): string;
/** Canonical YAML (agent: the mapping under `agent:`; workflow; config) or TOML (layers) of a value as it loads. */
export declare function stringify(kind: WritableKind, value: unknown): string;
/** Writes a new definition file, checked first; folders are created; E_EXISTS when the file is there (never replaced). Resolves to its text. */
export declare function createDefinition(path: PathLike, kind: WritableKind, value: unknown, options?: EditRules & AsyncOptions): Promise<string>;
export declare function createDefinitionSync(path: PathLike, kind: WritableKind, value: unknown, options?: EditRules): string;

/** A TOML value as JSON: date-times become their RFC 3339 text. */
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;
/** A TOML table, keys in file order (a merged table: base keys first). */
export interface TomlTable {
  [key: string]: TomlValue;
}

/** Options of the skill functions. */
export interface SkillOptions extends AsyncOptions {
  /**
   * The folder holding `_bmad/`; default: the nearest folder above the skill
   * (then above the working directory) holding `_bmad/` or `.git`. Without
   * one, only the skill's own `customize.toml` counts.
   */
  projectRoot?: PathLike;
}

/** Options of `resolveCustomization` and `resolveConfig`. */
export interface ResolveOptions {
  /**
   * Dotted field paths to pick (`['agent.icon', 'agent.menu']`), as the
   * resolver's `--key`: the result is then `{ 'agent.icon': …, … }`, a path
   * that leads nowhere left out.
   */
  keys?: string[];
}

/**
 * A skill's customization merged as BMAD's `resolve_customization.py` merges
 * it (the same JSON): `customize.toml`, then `_bmad/custom/<skill>.toml`
 * (team), then `<skill>.user.toml` (user). Scalars: the override wins;
 * tables: deep merge; arrays of tables that all carry `code` (else all
 * `id`): merged by that key; other arrays: appended.
 */
export declare function resolveCustomization(skillDir: PathLike, options?: SkillOptions & ResolveOptions): Promise<TomlTable>;
export declare function resolveCustomizationSync(
  skillDir: PathLike,
  options?: { projectRoot?: PathLike } & ResolveOptions,
): TomlTable;
/** `_bmad/config.toml`, `config.user.toml`, `custom/config.toml`, `custom/config.user.toml`, merged. */
export declare function resolveConfig(projectRoot: PathLike, options?: AsyncOptions & ResolveOptions): Promise<TomlTable>;
export declare function resolveConfigSync(projectRoot: PathLike, options?: ResolveOptions): TomlTable;

/** One layer of a loaded skill. */
export interface SkillLayer extends CustomizationLayer {
  /** Whether the file was there (a missing optional layer is empty). */
  present: boolean;
}

/** A skill folder: `SKILL.md`'s frontmatter and the merged customization. */
export interface Skill {
  path: string;
  name: string;
  description: string;
  /** `agent` or `workflow` for a customization with that table; `skill` otherwise. */
  kind: 'agent' | 'workflow' | 'skill';
  /** The frontmatter as written (YAML). */
  frontmatter: { name: string; description: string; [key: string]: unknown };
  /** null when the skill has no `customize.toml`. */
  customization: TomlTable | null;
  /** Lowest first; empty without a customization. */
  layers: SkillLayer[];
}

interface SkillMenuItemFields {
  /** Merge key: a team or user item with the same code replaces this one. */
  code: string;
  description: string;
}
/** A menu item of a BMAD 6.x agent: exactly one of `skill` or `prompt`. */
export type SkillMenuItem =
  | (SkillMenuItemFields & { skill: string; prompt?: undefined })
  | (SkillMenuItemFields & { prompt: string; skill?: undefined });

/** A BMAD 6.x agent: the merged `[agent]` table of its skill. */
export interface SkillAgent {
  /** Read-only identity, as the skill ships it. */
  name: string;
  title: string;
  icon?: string;
  role?: string;
  identity?: string;
  communication_style?: string;
  principles?: string[];
  persistent_facts?: string[];
  activation_steps_prepend?: string[];
  activation_steps_append?: string[];
  menu?: SkillMenuItem[];
}

/** A skill folder, loaded; SKILL.md problems are located in SKILL.md. Rejects with SkillError. */
export declare function loadSkill(skillDir: PathLike, options?: SkillOptions): Promise<Skill>;
export declare function loadSkillSync(skillDir: PathLike, options?: { projectRoot?: PathLike }): Skill;
/**
 * The agent a skill defines, checked: `name`, `title`, text fields, lists of
 * text, menu items with a unique `code`, a `description` and exactly one of
 * `skill` / `prompt`. Each problem of `E_SCHEMA` is located in the layer
 * that set the value, named in `issue.layer`.
 */
export declare function loadSkillAgent(skillDir: PathLike, options?: SkillOptions): Promise<SkillAgent>;
export declare function loadSkillAgentSync(skillDir: PathLike, options?: { projectRoot?: PathLike }): SkillAgent;
