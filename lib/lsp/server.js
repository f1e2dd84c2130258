'use strict';
// `madace-core lsp --stdio`: a Language Server Protocol server (on
// vscode-languageserver) that publishes madace-core's problems for the
// definition files the core recognises (lib/catalog.js: agents, workflows,
// core configs, SKILL.md, customize.toml and BMAD 6.x's TOML layers) as the
// user types, and for no other file. The unsaved text is checked in memory
// exactly as `validate` checks the file, in the dialect and strictness of
// the editor's settings (`madace.dialect`, `madace.strict`, or
// initializationOptions), else the command line's, else the project's
// package.json; a saved file inside a project also gets its cross-reference
// warnings.

const fs = require('node:fs');
const path = require('node:path');
const { fileURLToPath } = require('node:url');
const { FRAMEWORKS, MAX_FILE_BYTES, kindOf, tooLarge } = require('../catalog');
const { resolveSettings } = require('../settings');
const render = require('../render');

/** The UTF-16 offset (what LSP positions count) of the 1-based character `column` of `text`. */
function utf16(text, column) {
  let offset = 0;
  let seen = 1;
  for (const char of text) {
    if (seen >= column) break;
    offset += char.length;
    seen += 1;
  }
  return offset + Math.max(0, column - seen);
}

/** The range of a problem: from its column to the end of the token there (a key or scalar runs to whitespace, `:`, `,` or a bracket). */
function range(lines, line, column) {
  const l = Math.max(0, (line ?? 1) - 1);
  const text = lines[l] ?? '';
  const start = utf16(text, column ?? 1);
  const token = /^[^\s:,\]}]+/.exec(text.slice(start));
  return { start: { line: l, character: start }, end: { line: l, character: start + (token ? token[0].length : 1) } };
}

/** Whether two paths name the same file (links resolved where they exist). */
const sameFile = (a, b) => path.resolve(a) === path.resolve(b) || realPath(a) === realPath(b);

/** The project root above `file`, if any: the folder holding its madace/, bmad/ or _bmad/ folder. */
function projectRoot(file) {
  for (let dir = path.dirname(file); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (FRAMEWORKS.includes(path.basename(dir))) return path.dirname(dir);
  }
  return null;
}

/** Cross-reference warnings of the saved project, for this file. */
function warningsOf(lib, file) {
  const root = projectRoot(file);
  if (!root) return [];
  try {
    return lib.loadProjectSync(root).issues.filter((i) => i.severity === 'warning' && sameFile(i.path, file));
  } catch {
    return []; // not a project after all: nothing to cross-check
  }
}

/**
 * Every problem of `text` checked as `file`: those in this file only (a
 * skill's problems may be in its other layers).
 */
function problemsOf(lib, file, text, settings) {
  const report = lib.validateTextSync(text, { filename: file, ...settings });
  return report.files.flatMap((f) => f.problems.filter((p) => sameFile(p.path ?? f.path, file)));
}

/** How long typing pauses before a changed document is checked again. */
const DEBOUNCE_MS = 150;

/** How long the server waits for the client's settings before using the ones it has. */
const SETTINGS_TIMEOUT_MS = 1000;

/** The real path of `file` (its folder's links resolved where it exists). */
function realPath(file) {
  try {
    return fs.realpathSync(file);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
    } catch {
      return path.resolve(file);
    }
  }
}

/** The workspace folders of the initialize request, as real paths. */
function workspaceRoots(params) {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  return uris.filter((uri) => uri.startsWith('file:')).map((uri) => realPath(fileURLToPath(uri)));
}

/** `promise`, or `fallback` once `ms` have passed without it settling. */
function within(promise, ms, fallback) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(resolve, ms, fallback)));
  return Promise.race([promise.catch(() => fallback), late]).finally(() => clearTimeout(timer));
}

/** `given` settings with the editor's (`madace.dialect`, `madace.strict`) taking their place where set. */
function editorSettings(given, editor) {
  const pick = (key, type) => (editor && typeof editor[key] === type ? editor[key] : given[key]);
  return { dialect: pick('dialect', 'string'), strict: pick('strict', 'boolean') };
}

function start(lib, fromCommandLine = {}) {
  const { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, DiagnosticSeverity } =
    require('vscode-languageserver/node');
  const { TextDocument } = require('vscode-languageserver-textdocument');
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  let given = fromCommandLine;
  let canAskSettings = false;
  let roots = [];

  connection.onInitialize((params) => {
    given = editorSettings(fromCommandLine, params.initializationOptions);
    canAskSettings = Boolean(params.capabilities.workspace && params.capabilities.workspace.configuration);
    roots = workspaceRoots(params);
    return { capabilities: { textDocumentSync: TextDocumentSyncKind.Full } };
  });

  /**
   * The file a document is, when the server may check it: a definition file
   * inside a workspace folder (with no folder open, any one). A document
   * outside them could make the server read and report on files it was not
   * sent (a skill's layers, the project's other files).
   */
  function checkedFile(uri) {
    if (!uri.startsWith('file:')) return null;
    const file = fileURLToPath(uri);
    if (kindOf(file) === null) return null;
    const real = realPath(file);
    if (roots.length && !roots.some((root) => real === root || real.startsWith(root + path.sep))) return null;
    return file;
  }

  async function check(document, saved) {
    const file = checkedFile(document.uri);
    if (file === null) return;
    let chosen = given;
    if (canAskSettings) {
      // A client that never answers must not stall every check behind it.
      const asked = connection.workspace.getConfiguration({ scopeUri: document.uri, section: 'madace' });
      chosen = editorSettings(given, await within(asked, SETTINGS_TIMEOUT_MS, undefined));
      // Typing went on meanwhile: the check of the newer text will publish.
      if (!saved && timers.has(document.uri)) return;
    }
    const text = document.getText();
    if (Buffer.byteLength(text) > MAX_FILE_BYTES) {
      const message = `${tooLarge('the document')}: not checked`;
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
      const diagnostics = [{ range, severity: DiagnosticSeverity.Error, code: 'E_LIMIT', source: 'madace-core', message }];
      connection.sendDiagnostics({ uri: document.uri, diagnostics });
      return;
    }
    const settings = resolveSettings(file, chosen);
    const lines = text.split(/\r?\n/);
    const problems = problemsOf(lib, file, text, settings);
    if (saved) problems.push(...warningsOf(lib, file));
    const diagnostics = problems.map((p) => ({
      range: range(lines, p.line, p.column),
      severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
      // A lint finding is known by its rule (SKILL-04), as eslint's are; anything else by its code.
      code: p.rule ?? p.code,
      source: 'madace-core',
      message: render.text(p),
    }));
    connection.sendDiagnostics({ uri: document.uri, diagnostics });
  }

  // Opening fires onDidOpen, then onDidChangeContent: the first check of a
  // document is of the saved file, so it gets the cross-reference warnings
  // too; later edits are unsaved text, checked alone until the next save.
  const opened = new Set();
  const timers = new Map();
  documents.onDidOpen((e) => opened.add(e.document.uri));
  // A failed check is logged to the client, never thrown into the server loop.
  const checked = (document, saved) =>
    check(document, saved).catch((err) => connection.console.error(`madace-core: ${render.visible(err && err.message)}`));
  // Typing is debounced per document: a burst of changes is one check of the last text.
  const later = (uri, run) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => timers.delete(uri) && run(), DEBOUNCE_MS));
  };
  documents.onDidChangeContent((e) => {
    if (opened.delete(e.document.uri)) return checked(e.document, true);
    later(e.document.uri, () => checked(documents.get(e.document.uri) ?? e.document, false));
  });
  documents.onDidSave((e) => checked(e.document, true));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  documents.listen(connection);
  connection.listen();
}

module.exports = { start, range, utf16 };
