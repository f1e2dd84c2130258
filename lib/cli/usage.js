'use strict';
// The help text and the error for a command called the wrong way.

const USAGE = `Usage: madace-core <command> [options]

Commands:
  validate [paths...]       Load and validate definition files: agents, workflows,
                            core/config.yaml, BMAD 6.x skills and their TOML layers.
                            Folders are searched recursively. Without paths: the
                            project here (./madace, ./bmad, or a BMAD 6.x project
                            with _bmad/config.toml). Finding no definition file is
                            a usage error.
      --strict              Also apply the strict lint rules.
      --dialect any|madace  The shapes files are checked against: any (MADACE and
                            BMAD alike, the default) or madace (exactly what a
                            MADACE app's schemas accept, as madace-core/madace).
      --format stylish|json|github|sarif
                            How to print the report: stylish (the default),
                            json, GitHub Actions annotations, or SARIF 2.1.0
                            for code scanning.
      --json                The same as --format json.
      --quiet               Print errors only (no "ok" lines, no warnings).
      --no-frame            Do not show the source lines (code frame) under each
                            problem in the stylish format.
      --max-warnings N      Exit 1 when there are more than N warnings. Project
                            roots also get loadProject's cross-reference
                            warnings (W_…), which alone never fail a run.
      --watch               Validate, then re-validate what changes as files
                            are created, edited, renamed or deleted.
      --stdin --stdin-filename NAME
                            Check the definition on standard input as if it
                            were the file NAME (editors, pre-commit hooks).
                            Quoted globs ('madace/**/*.agent.yaml') are expanded.
  schema agent|workflow|config|skill|customize
                            Print the JSON Schema of a definition file, for
                            editors (YAML language server).
  status [file]             Print the story board of a workflow-status.md file,
                            or of BMAD's sprint-status.yaml (by its name), and
                            every problem with it. --format stylish|json|github|
                            sarif as for validate.
  lsp --stdio               A Language Server Protocol server for editors:
                            problems of definition files as you type.
  move ID STATE [file]      Move a story to BACKLOG, TODO, IN_PROGRESS or DONE,
                            or on a sprint-status.yaml to a BMAD status
                            (ready-for-dev, in-progress, review, done, …).
      --dry-run             Print the change as a diff; write nothing.
  set FILE POINTER VALUE    Set the value at a JSON Pointer (/project_name,
                            /menu/0/description) of a definition file: VALUE
                            as JSON, else as text. Comments, layout and quoting
                            are kept; the file is checked before it is written.
  edit FILE --patch OPS.json | --merge CHANGES.json
                            Apply RFC 6902 operations, or an RFC 7396 merge
                            patch, the same way ('-' reads standard input).
      --dry-run             (set, edit) Print the diff; write nothing.
      --json                (set, edit) Print { text, diff, written }.
      --dialect, --strict   (set, edit) The rules the edited file is checked by.

  status and move default to <output_folder>/workflow-status.md of
  ./madace/core/config.yaml (else docs/workflow-status.md) and take their
  TODO / IN PROGRESS limits from its state_machine section.

  validate, watch and lsp take --dialect and --strict from the "madace-core"
  key of the nearest package.json, e.g. { "madace-core": { "dialect": "madace",
  "strict": true } }; flags on the command line win.

Options:
  -h, --help                Show this help.
  -v, --version             Show the version.

Exit status: 0 on success, 1 when anything failed or broke a rule, 2 on usage errors.`;

/** A mistake in how the command was called (exit 2); `usage: false` for one the message alone explains. */
class UsageError extends Error {
  constructor(message, { usage = true } = {}) {
    super(message);
    this.usage = usage;
  }
}

/** `--dialect`'s value, when it names a dialect of the core's (else a usage error). */
function dialectFlag(value) {
  const { DIALECTS } = require('../catalog');
  if (value !== undefined && !DIALECTS.includes(value)) {
    throw new UsageError(`--dialect takes ${DIALECTS.join(' or ')} (not '${value}')`, { usage: false });
  }
  return value;
}

module.exports = { USAGE, UsageError, dialectFlag };
