'use strict';
// `madace-core lsp --stdio`: a Language Server Protocol server (on
// vscode-languageserver) that publishes madace-core's problems for
// `*.agent.yaml`, `*.workflow.yaml`, `workflow.yaml` and `config.yaml` files
// as the user types: every schema and YAML problem of the unsaved text, strict
// lint when the `madace.strict` setting (or initializationOptions.strict) is
// on, and, for a saved file inside a project, its cross-reference warnings.

const path = require('node:path');
const { fileURLToPath } = require('node:url');
const { DEFINITION_NAME, validateText } = require('./scratch');

/** Where the problem's token ends: a key or scalar runs to whitespace, `:`, `,` or a bracket. */
function range(lines, line, column) {
  const l = Math.max(0, (line ?? 1) - 1);
  const c = Math.max(0, (column ?? 1) - 1);
  const text = lines[l] ?? '';
  const token = /^[^\s:,\]}]+/.exec(text.slice(c));
  return { start: { line: l, character: c }, end: { line: l, character: c + (token ? token[0].length : 1) } };
}

/** The project root above `file`, if any: the folder holding its madace/, bmad/ or _bmad/ folder. */
function projectRoot(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (['madace', 'bmad', '_bmad'].includes(path.basename(dir))) return path.dirname(dir);
  }
  return null;
}

/** Cross-reference warnings of the saved project, for this file. */
function warningsOf(lib, file) {
  const root = projectRoot(file);
  if (!root) return [];
  try {
    return lib.loadProjectSync(root).issues.filter((i) => i.severity === 'warning' && path.resolve(i.path) === file);
  } catch {
    return []; // not a project after all: nothing to cross-check
  }
}

function start(lib) {
  const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity } =
    require('vscode-languageserver/node');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  let strict = false;
  let canAskSettings = false;

  connection.onInitialize((params) => {
    strict = Boolean(params.initializationOptions && params.initializationOptions.strict);
    canAskSettings = Boolean(params.capabilities.workspace && params.capabilities.workspace.configuration);
    return { capabilities: { textDocumentSync: TextDocumentSyncKind.Full } };
  });

  async function check(document, saved) {
    if (!document.uri.startsWith('file:')) return;
    const file = fileURLToPath(document.uri);
    if (!DEFINITION_NAME.test(file)) return;
    if (canAskSettings) {
      const settings = await connection.workspace.getConfiguration({ scopeUri: document.uri, section: 'madace' });
      if (settings && typeof settings.strict === 'boolean') strict = settings.strict;
    }
    const text = document.getText();
    const lines = text.split(/\r?\n/);
    // The unsaved text, checked as the file would be.
    const problems = validateText(lib, file, text, strict).files.flatMap((f) => f.problems);
    if (saved) problems.push(...warningsOf(lib, file));
    const diagnostics = problems.map((p) => ({
      range: range(lines, p.line, p.column),
      severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
      code: p.code,
      source: 'madace-core',
      message: p.field ? `${p.field}: ${p.message}` : p.message,
    }));
    connection.sendDiagnostics({ uri: document.uri, diagnostics });
  }

  // Opening fires onDidOpen, then onDidChangeContent: the first check of a
  // document is of the saved file, so it gets the cross-reference warnings
  // too; later edits are unsaved text, checked alone until the next save.
  const opened = new Set();
  documents.onDidOpen((e) => opened.add(e.document.uri));
  // A failed check (a scratch folder that cannot be written, say) is logged
  // to the client, never thrown into the server loop.
  const checked = (document, saved) =>
    check(document, saved).catch((err) => connection.console.error(`madace-core: ${err && err.message}`));
  documents.onDidChangeContent((e) => checked(e.document, opened.delete(e.document.uri)));
  documents.onDidSave((e) => checked(e.document, true));
  documents.onDidClose((e) => connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  documents.listen(connection);
  connection.listen();
}

module.exports = { start, range };
