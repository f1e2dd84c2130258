'use strict';
// The output formats of `madace-core validate --format …` other than the
// default (stylish, in madace-core.js): GitHub Actions workflow commands, for
// pull-request annotations, and SARIF 2.1.0, for GitHub code scanning. Paths
// are relative to the working directory, as both expect.

const path = require('node:path');

/** What each code means, for SARIF rules (short description, help). */
const RULES = {
  E_NOT_FOUND: ['File or folder not found', 'The path does not exist: check its spelling, or create the file.'],
  E_NOT_A_FILE: ['Not a regular file', 'A directory or special file was given where a definition file was expected.'],
  E_NOT_A_DIRECTORY: ['Not a folder', 'A file was given where a folder (of agents, or a project root) was expected.'],
  E_IO: ['File cannot be read', 'The file exists but could not be read (permissions, a device error).'],
  E_ENCODING: ['Not UTF-8 text', 'Definition files must be UTF-8 text without NUL bytes; re-save the file as UTF-8.'],
  E_EMPTY: ['Empty document', 'The file holds no YAML document: add the definition, or remove the file.'],
  E_YAML: ['Malformed YAML', 'The file is not valid YAML at this position: fix the indentation, quoting or syntax.'],
  E_DUPLICATE_KEY: ['Duplicate key', 'A mapping repeats a key; keep one (a missing "- " before a new list item often causes this).'],
  E_MULTIPLE_DOCUMENTS: ['Several YAML documents', 'A definition file holds exactly one document: remove the second "---".'],
  E_TAG: ['Unsupported YAML tag', 'Only the YAML core schema tags are allowed; tags are never executed.'],
  E_TOML: ['Malformed TOML', 'A customization or config layer is not valid TOML; the location is in that layer file.'],
  E_LIMIT: ['Safety limit reached', 'The file is too large, too deeply nested or expands too much through aliases.'],
  E_SCHEMA: ['Invalid definition', 'Valid YAML that is not a valid definition: the message names the field and what it needs.'],
  E_PATH: ['Path outside the root', 'A path or id leads outside the allowed folder.'],
  E_INTERNAL: ['Internal error', 'A bug in madace-core: please report it with the file.'],
  E_LINT: ['Strict lint rule', "A rule of BMAD's strict agent conventions (--strict); the message names the rule in brackets."],
  W_WORKFLOW_NOT_FOUND: ['Workflow not found', 'A menu item refers to a workflow file that does not exist.'],
  W_SUBWORKFLOW_NOT_FOUND: ['Sub-workflow not found', "A sub-workflow step's workflow_path does not exist."],
  W_SUBWORKFLOW_CYCLE: ['Sub-workflow cycle', 'Sub-workflows call each other in a cycle.'],
  W_CONFIG_NOT_FOUND: ['No core config', 'The project has no core/config.yaml.'],
};

const relative = (file) => path.relative(process.cwd(), file).split(path.sep).join('/') || '.';

/** Every problem of a report, flattened, with its file. */
// A problem in another file than its report's (a skill's TOML layers) names it in `path`.
const problems = (report) => report.files.flatMap((f) => f.problems.map((p) => ({ ...p, file: p.path ?? f.path })));

const text = (p) => (p.field ? `${p.field}: ${p.message}` : p.message);

/** GitHub's escaping: `%`, CR and LF in messages; also `:` and `,` in properties. */
const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** One workflow command per problem: `::error file=…,line=…,col=…,title=CODE::message`. */
function github(report) {
  return problems(report)
    .map((p) => {
      const props = [`file=${escapeProperty(relative(p.file))}`];
      if (p.line !== null) props.push(`line=${p.line}`, `col=${p.column}`);
      props.push(`title=${escapeProperty(p.code)}`);
      return `::${p.severity === 'warning' ? 'warning' : 'error'} ${props.join(',')}::${escapeData(text(p))}`;
    })
    .join('\n');
}

/** One SARIF 2.1.0 log: the tool with one rule per code, one result per problem. */
function sarif(report, version) {
  const rules = Object.entries(RULES).map(([id, [short, help]]) => ({
    id,
    shortDescription: { text: short },
    help: { text: help },
  }));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const results = problems(report).map((p) => {
    const location = { artifactLocation: { uri: relative(p.file) } };
    if (p.line !== null) location.region = { startLine: p.line, startColumn: p.column };
    return {
      ruleId: p.code,
      ...(ruleIndex.has(p.code) ? { ruleIndex: ruleIndex.get(p.code) } : {}),
      level: p.severity === 'warning' ? 'warning' : 'error',
      message: { text: text(p) },
      locations: [{ physicalLocation: location }],
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'madace-core', version, rules } }, results }],
  };
  return JSON.stringify(log, null, 2);
}

module.exports = { github, sarif, RULES };
