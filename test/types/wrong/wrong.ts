// Each statement below is a mistake the types must reject; ../wrong.test.js
// checks that tsc reports exactly these errors, at these lines.
import {
  ERROR_CODES,
  MadaceError,
  loadAgent,
  loadAgentSync,
  loadProjectSync,
  parseAgent,
  parseWorkflow,
  validate,
  validateSync,
  type Agent,
  type AgentLoadError,
  type SchemaIssue,
} from 'madace-core';

export async function mistakes(err: MadaceError): Promise<unknown[]> {
  const notAPath = loadAgentSync(42); // a number is not a path
  const notAPromise = loadAgentSync('pm.agent.yaml').then(() => 1); // an Agent, not a Promise: `then` is an unknown key
  const unawaited: Agent = loadAgent('pm.agent.yaml'); // a Promise<Agent> is not an Agent
  const badOption = parseAgent('agent: {}', { file: 'pm.agent.yaml' }); // the option is `filename`
  const noCode = err.code === 'E_NOPE'; // not one of the error codes
  const maybeNull = err.line.toFixed(); // line is null for whole-file errors
  const name: number = (await loadAgent('pm.agent.yaml')).metadata.name; // names are strings
  const noArgs = await validate(); // validate needs paths
  ERROR_CODES.push('E_NOPE'); // the list is read-only
  const notASignal = await loadAgent('pm.agent.yaml', { signal: true }); // a signal is an AbortSignal
  return [notAPath, notAPromise, unawaited, badOption, noCode, maybeNull, name, noArgs, notASignal];
}

export function typos(agent: Agent, err: AgentLoadError, issue: SchemaIssue): unknown[] {
  const metadata = agent.metadata.nmae; // a typo of `name`
  const persona = agent.persona.comunication_style; // a typo of `communication_style`
  const trigger: string = agent.menu[0]!.trigger; // a multi item has no trigger: narrow first
  const statusCode = err.code === 'E_STATUS_LIMIT'; // agents never raise story-status codes
  const oldName = issue.path; // the field is `field`; `path` is always a file
  const steps = parseWorkflow('name: w').steps.length; // a BMAD config has no steps: narrow first
  const bmad = loadProjectSync('.').modules[0]!.workflows.map((w) => (w.format === 'bmad' ? w.workflow.steps.length : 0)); // BMAD configs never have steps
  const info = validateSync('.').files[0]!.problems[0]!.severity === 'info'; // errors and warnings only
  return [metadata, persona, trigger, statusCode, oldName, steps, bmad, info];
}

export async function mutations(): Promise<number> {
  const agent = await loadAgent('pm.agent.yaml');
  agent.metadata.name = 'x'; // a loaded agent is deep-frozen: typed read-only
  return agent.menu.push({ trigger: 'x', description: 'y' }); // and so are its lists
}
