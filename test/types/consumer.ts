// A TypeScript consumer that uses every export of madace-core. It is only
// compiled (tsc --noEmit, with Bundler and NodeNext resolution), never run:
// each line pins a type that users rely on.
import {
  AgentLoadError,
  CODES,
  RULES,
  EditError,
  applyEdits,
  applyEditsSync,
  createDefinition,
  createDefinitionSync,
  editText,
  stringify,
  updateConfig,
  updateConfigSync,
  loadSprintStatus,
  loadSprintStatusSync,
  setStoryStatus,
  setStoryStatusSync,
  type SprintStatus,
  type SprintMove,
  type EditResult,
  type PatchOperation,
  ConfigLoadError,
  ERROR_CODES,
  MadaceError,
  StatusError,
  WorkflowLoadError,
  clearAgentCache,
  codeFrame,
  findWorkflow,
  findWorkflowSync,
  formatError,
  jsonSchema,
  loadAgent,
  loadAgentById,
  loadAgentByIdSync,
  loadAgents,
  loadAgentsByModule,
  loadAgentsByModuleSync,
  loadAgentsFromDirectory,
  loadAgentsSync,
  loadAgentSync,
  loadAllAgents,
  loadAllAgentsSync,
  loadConfig,
  loadConfigSync,
  loadMAMAgents,
  loadProject,
  loadProjectSync,
  loadStatus,
  loadStatusSync,
  loadWorkflow,
  loadWorkflowById,
  loadWorkflowByIdSync,
  loadWorkflowSync,
  parseAgent,
  parseConfig,
  parseWorkflow,
  transition,
  transitionSync,
  planTransition,
  validate,
  validateStatus,
  validateSync,
  validateText,
  validateTextSync,
  watch,
  type Agent,
  type FrozenAgent,
  type DeepReadonly,
  type AsyncOptions,
  type LoadedAgents,
  type WatchReport,
  type Watcher,
  type AgentMenuItem,
  type AgentMetadata,
  type AgentPersona,
  type AgentPrompt,
  type AgentSummary,
  type AnyWorkflow,
  type BmadWorkflowConfig,
  type Config,
  type ErrorCode,
  type FileReport,
  type ModuleSettings,
  type PathLike,
  type Problem,
  type Project,
  type ProjectIssue,
  type ProjectModule,
  type RootOptions,
  type SchemaIssue,
  type StatusBoard,
  type StatusLimits,
  type Story,
  type StoryState,
  type ValidateOptions,
  type ValidationReport,
  type WarningCode,
  type Workflow,
  type WorkflowStep,
  type WorkflowStepAction,
  type WorkflowSummary,
  type AgentCommandItem,
  type AgentErrorCode,
  type AgentMultiItem,
  type AgentMultiTrigger,
  type ConfigErrorCode,
  type LoadOptions,
  type ParseOptions,
  type ProjectWorkflow,
  type StatusErrorCode,
  type TransitionOptions,
  type WithExtraKeys,
  type WorkflowErrorCode,
  SkillError,
  loadSkill,
  loadSkillAgent,
  loadSkillAgentSync,
  loadSkillSync,
  resolveConfig,
  resolveConfigSync,
  resolveCustomization,
  resolveCustomizationSync,
  type CustomizationLayer,
  type Skill,
  type SkillAgent,
  type SkillErrorCode,
  type SkillMenuItem,
  type SkillOptions,
  type TomlTable,
  type Code,
  type CodeInfo,
  type Diagnostic,
  type Dialect,
  type StatusIssue,
  type ValidateTextOptions,
} from 'madace-core';
import * as madace from 'madace-core';

/** Compiles only when A and B are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | undefined {
  return undefined;
}

// Every value export is listed (and used below). A new export makes this
// stop compiling ("… is missing the following properties …"): add it here
// and use it below.
export const everyExport = {
  AgentLoadError,
  CODES,
  RULES,
  ConfigLoadError,
  ERROR_CODES,
  MadaceError,
  StatusError,
  WorkflowLoadError,
  clearAgentCache,
  findWorkflow,
  findWorkflowSync,
  codeFrame,
  formatError,
  jsonSchema,
  loadAgent,
  loadAgentById,
  loadAgentByIdSync,
  loadAgents,
  loadAgentsByModule,
  loadAgentsByModuleSync,
  loadAgentsFromDirectory,
  loadAgentsSync,
  loadAgentSync,
  loadAllAgents,
  loadAllAgentsSync,
  loadConfig,
  loadConfigSync,
  loadMAMAgents,
  loadProject,
  loadProjectSync,
  loadStatus,
  loadStatusSync,
  loadWorkflow,
  loadWorkflowById,
  loadWorkflowByIdSync,
  loadWorkflowSync,
  parseAgent,
  parseConfig,
  parseWorkflow,
  transition,
  transitionSync,
  planTransition,
  validate,
  validateStatus,
  validateSync,
  validateText,
  validateTextSync,
  watch,
  SkillError,
  loadSkill,
  loadSkillAgent,
  loadSkillAgentSync,
  loadSkillSync,
  resolveConfig,
  resolveConfigSync,
  resolveCustomization,
  resolveCustomizationSync,
  EditError,
  applyEdits,
  applyEditsSync,
  updateConfig,
  updateConfigSync,
  editText,
  stringify,
  createDefinition,
  createDefinitionSync,
  loadSprintStatus,
  loadSprintStatusSync,
  setStoryStatus,
  setStoryStatusSync,
} satisfies Record<Exclude<keyof typeof madace, 'default'>, unknown>;

// BMAD sprint boards.
assertType<Equal<ReturnType<typeof loadSprintStatus>, Promise<SprintStatus>>>();
export const sprintKeys: string[] = loadSprintStatusSync('sprint-status.yaml').epics.flatMap((e) => e.stories.map((s) => s.key));
export const started: Promise<string | null> = setStoryStatus('sprint-status.yaml', '1-2-login', 'in-progress', { now: new Date() }).then(
  (m: SprintMove) => m.epicStarted,
);
export const moved: string = setStoryStatusSync('sprint-status.yaml', 'epic-1', 'done').lastUpdated;

// Edits.
const rename: PatchOperation[] = [{ op: 'replace', path: '/metadata/name', value: 'PM' }, { op: 'test', path: '/menu/0/trigger', value: '*help' }];
assertType<Equal<ReturnType<typeof applyEdits>, Promise<EditResult>>>();
assertType<Equal<ReturnType<typeof applyEditsSync>, EditResult>>();
assertType<Equal<ReturnType<typeof createDefinition>, Promise<string>>>();
assertType<Equal<EditError['code'], import('madace-core').EditErrorCode>>();
export const edited: string = applyEditsSync('pm.agent.yaml', rename, { dryRun: true, strict: true }).diff;
export const merged: Promise<boolean> = updateConfig('core/config.yaml', { project_name: 'x', llm: null }).then((r) => r.written);
export const inMemory: string = editText('a: 1', rename, { filename: 'pm.agent.yaml' }) + stringify('config', { a: 1 });
export const created: string = createDefinitionSync('w.workflow.yaml', 'workflow', { name: 'w', description: 'd', steps: [] });
// @ts-expect-error an operation names its op
export const wrongOp: PatchOperation = { op: 'set', path: '/a', value: 1 };
// @ts-expect-error stringify writes definition kinds only
stringify('skill', {}); // a CommonJS package's namespace also has `default`

// Function signatures.
assertType<Equal<PathLike, string | URL>>();
assertType<Equal<ReturnType<typeof loadAgent>, Promise<FrozenAgent>>>();
assertType<Equal<ReturnType<typeof loadAgentSync>, FrozenAgent>>();
assertType<Equal<ReturnType<typeof parseAgent>, Agent>>();
// The last overload: `collectErrors` known only at run time.
assertType<Equal<ReturnType<typeof loadAgents>, Promise<FrozenAgent[] | LoadedAgents>>>();
assertType<Equal<ReturnType<typeof loadAgentsSync>, FrozenAgent[] | LoadedAgents>>();
assertType<Equal<ReturnType<typeof loadWorkflow>, Promise<AnyWorkflow>>>();
assertType<Equal<ReturnType<typeof findWorkflowSync>, string | null>>();
assertType<Equal<ReturnType<typeof loadConfig>, Promise<Config>>>();
assertType<Equal<ReturnType<typeof loadProject>, Promise<Project>>>();
assertType<Equal<ReturnType<typeof validate>, Promise<ValidationReport>>>();
assertType<Equal<ReturnType<typeof validateSync>, ValidationReport>>();
assertType<Equal<ReturnType<typeof clearAgentCache>, void>>();
assertType<Equal<typeof ERROR_CODES, readonly ErrorCode[]>>();
assertType<Equal<AnyWorkflow, Workflow | BmadWorkflowConfig>>();

// Errors: fields and the class hierarchy.
assertType<Equal<MadaceError['code'], ErrorCode>>();
assertType<Equal<MadaceError['line'], number | null>>();
assertType<Equal<MadaceError['column'], number | null>>();
assertType<Equal<MadaceError['path'], string | null>>();
assertType<Equal<MadaceError['issues'], SchemaIssue[]>>();
assertType<Equal<AgentLoadError['filePath'], string>>();

export function describeError(err: unknown): string {
  if (!(err instanceof MadaceError)) return String(err);
  const error: Error = err;
  const where = err.line === null ? err.path : `${err.path}:${err.line}:${err.column ?? 0}`;
  const issues = err.issues.map((i: SchemaIssue) => `${i.field} ${i.line}:${i.column} ${i.message}`);
  const loader =
    err instanceof AgentLoadError
      ? 'agent'
      : err instanceof WorkflowLoadError
        ? 'workflow'
        : err instanceof ConfigLoadError
          ? 'config'
          : err instanceof StatusError
            ? 'status'
            : '?';
  return `${error.name} ${err.code} at ${where} (${loader}, ${err.filePath || '-'}): ${issues.join('; ')}`;
}

/** Codes narrow like any string union (a default keeps room for new codes). */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'E_NOT_FOUND':
    case 'E_STORY_NOT_FOUND':
      return 404;
    case 'E_PATH':
      return 400;
    case 'E_SCHEMA':
    case 'E_YAML':
    case 'E_DUPLICATE_KEY':
      return 422;
    case 'E_INTERNAL':
      return 500;
    default:
      return code.startsWith('E_STATUS') ? 409 : 422;
  }
}

// Agents, with the MADACE TypeScript loader's field names.
export async function agents(root: PathLike, options: RootOptions): Promise<string[]> {
  const agent: FrozenAgent = await loadAgent(root);
  const metadata: Readonly<AgentMetadata> = agent.metadata;
  const persona: DeepReadonly<AgentPersona> = agent.persona;
  const menu: readonly DeepReadonly<AgentMenuItem>[] = agent.menu;
  const prompts: readonly Readonly<AgentPrompt>[] = agent.prompts;
  // Frozen results are typed so: mutation does not compile (it would throw).
  // @ts-expect-error a loaded agent is read-only
  agent.metadata.name = 'x';
  // @ts-expect-error and so are its lists
  agent.menu.push({ trigger: 'x', description: 'y' });
  // A copy can be changed.
  const copy = structuredClone(agent) as Agent;
  copy.metadata.name = 'x';
  copy.menu.push({ trigger: 'x', description: 'y' });
  // A flag known only at run time: both results are possible.
  const flag: boolean = options.root === undefined;
  const either = await loadAgents(root, { collectErrors: flag });
  const listed = Array.isArray(either) ? either : either.agents;
  const lines = [
    metadata.id, metadata.name, metadata.title, metadata.icon, metadata.module, metadata.version,
    persona.role, persona.identity, persona.communication_style, ...persona.principles,
    ...menu.map((item) => item.trigger ?? item.multi ?? '?'), ...prompts.map((p) => p.content),
    ...(agent.critical_actions ?? []), ...(agent.load_always ?? []),
  ];
  const lists: (readonly DeepReadonly<Agent>[])[] = [
    listed,
    loadAgentsSync(root),
    await loadAgents(root),
    await loadAgentsFromDirectory(root),
    await loadAgentsByModule('mam', options),
    loadAgentsByModuleSync('mam', { root: new URL('file:///project') }),
    await loadAllAgents(),
    loadAllAgentsSync(options),
    await loadMAMAgents(options),
    [await loadAgentById(root, 'pm'), loadAgentByIdSync(root, 'pm')],
    [loadAgentSync(new URL('file:///madace/mam/agents/pm.agent.yaml'))],
    [parseAgent('agent: {}', { filename: 'pm.agent.yaml' }), parseAgent('agent: {}')],
  ];
  clearAgentCache();
  return [...lines, copy.metadata.name, ...lists.flat().map((a) => a.metadata.id)];
}

// Workflows and config.
export async function workflows(root: PathLike, options: RootOptions): Promise<string[]> {
  const found: string | null = await findWorkflow('plan-project', options);
  const flows: AnyWorkflow[] = [
    await loadWorkflow(found ?? root),
    loadWorkflowSync(root),
    parseWorkflow('workflow: {}', { filename: 'x.workflow.yaml' }),
    await loadWorkflowById(root, 'plan-project'),
    loadWorkflowByIdSync(root, 'plan-project'),
  ];
  const names = flows.map((flow) => {
    if ('steps' in flow) {
      const madaceFlow = flow as Workflow;
      const steps: WorkflowStep[] = madaceFlow.steps;
      const actions: WorkflowStepAction[] = steps.map((s) => s.action);
      return `${madaceFlow.name}: ${madaceFlow.description} ${actions.join(',')} ${steps[0]?.workflow_path ?? ''}`;
    }
    return flow.name;
  });
  return [...names, findWorkflowSync('dev-story') ?? 'none'];
}

export async function config(path: PathLike): Promise<string> {
  const configs: Config[] = [await loadConfig(path), loadConfigSync(path), parseConfig('project_name: x', { filename: 'config.yaml' })];
  const mam: ModuleSettings | undefined = configs[0]?.modules?.mam;
  const first = configs[0] as Config;
  return `${first.project_name} ${first.output_folder} ${first.user_name} ${first.communication_language} ${mam?.enabled} ${first.state_machine?.max_todo_items}`;
}

// Projects and reports.
export async function project(root: PathLike): Promise<number> {
  const loaded: Project = await loadProject(root);
  const again: Project = loadProjectSync(root);
  const modules: ProjectModule[] = loaded.modules;
  const issues: ProjectIssue[] = [...loaded.issues, ...again.issues];
  const codes: Code[] = issues.map((i) => i.code);
  const framework: 'madace' | 'bmad' = loaded.framework;
  const name: string | undefined = loaded.config?.project_name;
  return modules.length + codes.length + framework.length + (name?.length ?? 0);
}

export async function report(paths: PathLike[]): Promise<number> {
  const strict: ValidateOptions = { strict: true };
  const result: ValidationReport = await validate(paths, strict);
  const same: ValidationReport = validateSync(paths[0] ?? '.');
  const files: FileReport[] = [...result.files, ...same.files];
  const summaries: (AgentSummary | undefined)[] = files.map((f) => f.agent);
  const flows: (WorkflowSummary | undefined)[] = files.map((f) => f.workflow);
  const problems: Problem[] = files.flatMap((f) => f.problems);
  const positions = problems.map((p) => `${p.severity} ${p.code} ${p.field ?? '-'} ${p.line ?? '?'}:${p.column ?? '?'} ${p.message}`);
  return result.passed + result.failed + summaries.length + flows.length + positions.length;
}

// Story status board.
export async function status(file: PathLike): Promise<string[]> {
  const board: StatusBoard = await loadStatus(file);
  const again: StatusBoard = loadStatusSync(file);
  const limits: StatusLimits = { maxTodo: 1, maxInProgress: 1 };
  const issues: StatusIssue[] = validateStatus(board, limits);
  const codes: ('E_STATUS_LIMIT' | 'E_DUPLICATE_STORY' | 'W_STALE_STORY')[] = issues.map((i) => i.code);
  const stories: Story[] = [...board.backlog, ...board.todo, ...again.inProgress, ...again.done];
  const next: StoryState = 'IN_PROGRESS';
  const moved: Story = await transition(file, 'STORY-1', next, limits);
  const back: Story = transitionSync(file, 'STORY-1', 'todo');
  const planned: { text: string; story: Story } = planTransition('## TODO\n', 'STORY-1', 'DONE', { filename: 'b.md', maxTodo: 2 });
  return [...stories.map((s) => `${s.id} ${s.title} ${s.state} ${s.points ?? 0} ${s.line}`), ...issues.map((i) => i.message), ...codes, moved.state, back.state, planned.text];
}

// The catalog, the one diagnostic record, text checked as a file, dialects.
export async function catalog(text: string): Promise<string[]> {
  const info: readonly CodeInfo[] = CODES;
  const thrown: Code[] = info.filter((c) => c.thrown).map((c) => c.code);
  const dialect: Dialect = 'madace';
  const options: ValidateTextOptions = { filename: 'madace/mam/agents/pm.agent.yaml', strict: true, dialect };
  const report: ValidationReport = await validateText(text, options);
  const again: ValidationReport = validateTextSync(text, { filename: new URL('file:///x/pm.agent.yml') });
  const found: Diagnostic[] = [...report.files, ...again.files].flatMap((f) => f.problems);
  const strict: ValidationReport = validateSync('madace', { strict: true, dialect: 'any' });
  const stale: WarningCode = 'W_STALE_STORY';
  let detail = '';
  try {
    parseAgent(text);
  } catch (err) {
    if (err instanceof MadaceError) detail = err.detail;
  }
  return [...thrown, stale, detail, ...found.map((d) => `${d.severity} ${d.code} ${d.path ?? ''}`), `${strict.failed}`];
}

export const schema: Record<string, unknown> = jsonSchema('agent');

// Code frames and readable errors.
export function explain(err: unknown, source: string): string {
  const frame: string | null = codeFrame(source, 3, 5);
  if (err instanceof MadaceError) return formatError(err, { source, frame: frame !== null });
  return frame ?? '';
}
export function warned(problem: Problem): boolean {
  return problem.code === 'W_UNKNOWN_KEY' && problem.severity === 'warning';
}
export const codes: readonly ErrorCode[] = ERROR_CODES;

// Cancellation: every Promise-returning function takes `{ signal }`.
export async function cancellable(dir: PathLike, signal: AbortSignal): Promise<number> {
  const options: AsyncOptions = { signal };
  const one: FrozenAgent = await loadAgent(dir, options);
  const many: FrozenAgent[] = await loadAgents(dir, { signal });
  const module: FrozenAgent[] = await loadAgentsByModule('mam', { root: dir, signal });
  const report: ValidationReport = await validate(dir, { strict: true, signal });
  const moved: Story = await transition(dir, 'STORY-1', 'DONE', { maxTodo: 2, signal });
  return [one, ...many, ...module].length + report.files.length + moved.line;
}

// A listing that shows what loads: `{ agents, errors }` instead of a rejection.
export async function listing(dir: PathLike): Promise<string[]> {
  const all: LoadedAgents = await loadAgents(dir, { collectErrors: true });
  const sync: LoadedAgents = loadAllAgentsSync({ root: dir, collectErrors: true });
  const plain: FrozenAgent[] = await loadAgents(dir, { collectErrors: false });
  const broken: AgentLoadError[] = [...all.errors, ...sync.errors];
  return [...all.agents, ...plain].map((a) => a.metadata.name).concat(broken.map((e) => `${e.path}:${e.line}`));
}

// Watching: the first full report, then the files whose result changed.
export async function watching(dir: PathLike): Promise<number> {
  let seen = 0;
  const watcher: Watcher = watch(dir, {
    strict: true,
    onReport: (report: WatchReport) => {
      seen += report.files.length + report.removed.length;
    },
  });
  await watcher.ready;
  await watcher.close();
  return seen;
}

// Menu items narrow: a command item has a trigger, a multi item its triggers.
export function menuLines(agent: Agent): string[] {
  return agent.menu.map((item: AgentMenuItem) => {
    if (item.multi !== undefined) {
      const multi: AgentMultiItem = item;
      const first: AgentMultiTrigger | undefined = multi.triggers[0];
      return `${multi.multi} (${multi.triggers.length})${first && 'trigger' in first ? ` ${first.trigger}` : ''}`;
    }
    const command: AgentCommandItem = item;
    const trigger: string = command.trigger;
    return `${trigger}: ${command.description} ${command.workflow ?? command.exec ?? command.action ?? ''}`;
  });
}

// Keys the schema does not know stay readable, explicitly.
export function extraKeys(agent: Agent, config: Config): unknown[] {
  const wide = agent as WithExtraKeys<Agent>;
  assertType<Equal<typeof wide.webskip, unknown>>();
  return [wide['webskip'], (config as WithExtraKeys<Config>).custom_setting, wide.metadata.name];
}

// Workflows narrow by their steps, project entries by `format`.
export function workflowSteps(workflow: AnyWorkflow, entries: ProjectWorkflow[]): string[] {
  const own = workflow.steps !== undefined ? workflow.steps.map((s: WorkflowStep) => s.action) : [workflow.name];
  const listed = entries.map((entry) =>
    entry.format === 'madace' ? `${entry.workflow.steps.length} steps` : `${entry.workflow.name} (BMAD)`,
  );
  return [...own, ...listed];
}

// Each error class carries the codes its functions raise; options are named types.
export function errorCodes(a: AgentLoadError, w: WorkflowLoadError, c: ConfigLoadError, s: StatusError): string[] {
  const agent: AgentErrorCode = a.code;
  const workflow: WorkflowErrorCode = w.code;
  const config: ConfigErrorCode = c.code;
  const status: StatusErrorCode = s.code;
  assertType<Equal<ConfigLoadError['code'], ConfigErrorCode>>();
  const load: LoadOptions = {};
  const parse: ParseOptions = { filename: 'pm.agent.yaml' };
  const move: TransitionOptions = { maxTodo: 2 };
  return [agent, workflow, config, status, String(load.signal), parse.filename ?? '', String(move.maxTodo)];
}

// BMAD 6.x skills: layers merged, agents typed, errors located in their layer.
export async function skills(dir: string, root: string): Promise<string[]> {
  const options: SkillOptions = { projectRoot: root };
  const merged: TomlTable = await resolveCustomization(dir, options);
  const same: TomlTable = resolveCustomizationSync(dir, { projectRoot: root });
  const config: TomlTable = { ...(await resolveConfig(root)), ...resolveConfigSync(root) };
  const skill: Skill = await loadSkill(dir);
  const kinds: Skill['kind'][] = [skill.kind, loadSkillSync(dir).kind];
  const agent: SkillAgent = await loadSkillAgent(dir, options);
  const menu: string[] = (agent.menu ?? []).map((item: SkillMenuItem) =>
    item.skill !== undefined ? `${item.code} → skill ${item.skill}` : `${item.code} → prompt ${item.prompt.length}`,
  );
  try {
    loadSkillAgentSync(dir);
  } catch (err) {
    if (err instanceof SkillError) {
      const code: SkillErrorCode = err.code;
      const layers: (CustomizationLayer | undefined)[] = err.issues.map((i) => i.layer);
      menu.push(code, ...layers.map((l) => (l ? `${l.name}:${l.path}` : '')));
    }
  }
  return [...Object.keys(merged), ...Object.keys(same), ...Object.keys(config), ...kinds, agent.name, ...menu];
}
