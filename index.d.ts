// Type contract of madace-core. test/types keeps it honest with tsc.

/**
 * Stable error codes (README, "Error codes"):
 * - `E_NOT_FOUND`: the file or folder does not exist.
 * - `E_NOT_A_FILE`: the path is a directory or another non-regular file.
 * - `E_IO`: the file exists but could not be read (permissions, …).
 * - `E_ENCODING`: not UTF-8 text (invalid bytes, or binary data with NUL bytes).
 * - `E_EMPTY`: no document in the file (empty, whitespace, comments only, or `~`).
 * - `E_YAML`: malformed YAML, including tab indentation and complex mapping keys.
 * - `E_DUPLICATE_KEY`: a mapping repeats a key.
 * - `E_MULTIPLE_DOCUMENTS`: more than one YAML document (`---`) in one file.
 * - `E_TAG`: a YAML tag outside the core schema (`!!python/object`, `!custom`).
 * - `E_LIMIT`: a safety limit was hit: file over 8 MiB, nesting deeper than 128,
 *   or more than 1,000,000 nodes after alias expansion (alias bombs).
 * - `E_SCHEMA`: valid YAML that is not a valid definition; `issues` lists every problem.
 * - `E_PATH`: a path or id escapes the allowed root.
 * - `E_INTERNAL`: a bug in madace-core; please report it.
 */
export type ErrorCode =
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
  | 'E_SCHEMA'
  | 'E_PATH'
  | 'E_INTERNAL';

export declare const ERROR_CODES: readonly ErrorCode[];

/** One problem in a file that failed schema validation. */
export interface SchemaIssue {
  /** The field, from the file's root: `agent.menu[2].description`. */
  path: string;
  message: string;
  /** 1-based; where the field is, or where a missing field should be added. */
  line: number;
  column: number;
}

export declare class MadaceError extends Error {
  readonly name: string;
  readonly code: ErrorCode;
  /** The file as passed in (`<input>` for parsed strings without a filename). */
  readonly path: string | null;
  /** 1-based line of the problem; null when it concerns the whole file (e.g. E_NOT_FOUND). */
  readonly line: number | null;
  /** 1-based column, counted in characters. */
  readonly column: number | null;
  /** Every problem, for E_SCHEMA; empty for other codes. */
  readonly issues: SchemaIssue[];
}

/** Thrown by the agent functions (the MADACE TypeScript loader's name). */
export declare class AgentLoadError extends MadaceError {
  /** Same as `path`. */
  readonly filePath: string;
}

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
  [key: string]: unknown;
}

export interface AgentPersona {
  role: string;
  identity: string;
  communication_style: string;
  /** Always a list: a YAML string becomes its non-empty lines, list markers removed. */
  principles: string[];
  [key: string]: unknown;
}

export interface AgentMenuItem {
  /** `*plan-project` (MADACE) or `PR or prd or fuzzy match on prd` (BMAD). Absent on `multi` items. */
  trigger?: string;
  description?: string;
  action?: string;
  workflow?: string;
  exec?: string;
  tmpl?: string;
  data?: string;
  'validate-workflow'?: string;
  /** BMAD items bundling several triggers. */
  multi?: string;
  triggers?: unknown[];
  [key: string]: unknown;
}

export interface AgentPrompt {
  /** BMAD prompts are named by `id`, MADACE prompts by `name`. */
  id?: string;
  name?: string;
  trigger?: string;
  content: string;
  [key: string]: unknown;
}

/** The mapping under `agent:`, keys as written; unknown keys are kept. */
export interface Agent {
  metadata: AgentMetadata;
  persona: AgentPersona;
  critical_actions?: string[];
  menu: AgentMenuItem[];
  load_always?: string[];
  /** Defaults to `[]`. */
  prompts: AgentPrompt[];
  [key: string]: unknown;
}

export type PathLike = string | URL;

/** Reads, parses and validates an agent file off the main thread. Rejects with AgentLoadError. */
export declare function loadAgent(path: PathLike): Promise<Agent>;
/** Blocking twin of loadAgent. Throws AgentLoadError. */
export declare function loadAgentSync(path: PathLike): Agent;
/** Parses agent YAML from a string; `filename` names it in errors and gives the default id. */
export declare function parseAgent(source: string, options?: { filename?: string }): Agent;

export interface Problem {
  code: ErrorCode;
  message: string;
  /** The field, for E_SCHEMA problems. */
  field: string | null;
  line: number | null;
  column: number | null;
}

export interface AgentSummary {
  id: string;
  name: string;
  title: string;
  icon: string;
  module: string;
  menuItems: number;
}

export interface FileReport {
  path: string;
  kind: 'agent';
  /** Present when the file loaded. */
  agent?: AgentSummary;
  /** Empty when the file loaded. */
  problems: Problem[];
}

export interface ValidationReport {
  files: FileReport[];
  passed: number;
  failed: number;
}

/** Validates files and folders (searched recursively for `*.agent.yaml`); never rejects for bad files. */
export declare function validate(paths: PathLike | PathLike[]): Promise<ValidationReport>;
export declare function validateSync(paths: PathLike | PathLike[]): ValidationReport;
