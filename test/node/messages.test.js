'use strict';
// The messages a user reads for the commonest breakages of an agent file:
// one test per mistake, asserting the exact message, line and column (and
// the code, which stays what the API documents).

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const madace = require('../..');
const { scratch, write } = require('./helpers');

const AGENT = `agent:
  metadata:
    id: pm
    name: PM
    title: Product Manager
    icon: 📋
  persona:
    role: Product manager
    identity: Ships what users need.
    communication_style: Direct
    principles:
      - Users first
  critical_actions:
    - Load the config
  menu:
    - trigger: plan
      description: Plan the project
      workflow: plan.workflow.yaml
    - trigger: status
      description: Show the status
      action: workflow:status
`;

/** The agent with `from` replaced by `to` (which must be there). */
function broken(from, to) {
  assert.ok(AGENT.includes(from), from);
  return AGENT.replace(from, to);
}

/** What parseAgent throws for `text`, as [code, line, column, message without the location]. */
function thrown(text) {
  try {
    madace.parseAgent(text, { filename: 'pm.agent.yaml' });
  } catch (err) {
    const where = `pm.agent.yaml:${err.line}:${err.column}: `;
    return [err.code, err.line, err.column, err.message.startsWith(where) ? err.message.slice(where.length) : err.message];
  }
  assert.fail('parseAgent accepted the file');
}

test('an over-indented key: what is wrong and how to fix it, at the key', () => {
  assert.deepEqual(thrown(broken('    title: Product Manager', '      title: Product Manager')), [
    'E_YAML',
    5,
    7,
    "'title' is indented more than 'name' above it (line 4), which already has a value: align 'title' with 'name' (column 5), or remove the value after 'name:' if 'title' belongs under it",
  ]);
});

test('tab indentation: one sentence, at the tab', () => {
  assert.deepEqual(thrown(broken('    role: Product manager', '\trole: Product manager')), [
    'E_YAML',
    8,
    1,
    'a tab indents this line; YAML indents with spaces only: replace the tab with spaces',
  ]);
});

test('an unclosed quote: where the string opened', () => {
  assert.deepEqual(thrown(broken('    title: Product Manager', '    title: "Product Manager')), [
    'E_YAML',
    5,
    12,
    'the string opened at 5:12 is never closed (its next line is indented too little to continue it): add the closing "',
  ]);
});

test("a missing '-' before a list item: the duplicate key says to start a new item", () => {
  assert.deepEqual(thrown(broken('    - trigger: status\n', '      trigger: status\n')), [
    'E_DUPLICATE_KEY',
    19,
    7,
    "duplicate key 'trigger' (first defined at line 16); if this line starts a new item of 'menu', begin it with '- '",
  ]);
});

test('a typo in a required key: one problem, at the typo, naming the key meant', () => {
  const err = (() => {
    try {
      madace.parseAgent(broken('      description: Show the status', '      descripton: Show the status'));
    } catch (e) {
      return e;
    }
  })();
  assert.equal(err.code, 'E_SCHEMA');
  assert.deepEqual(err.issues, [
    {
      field: 'agent.menu[1].description',
      message: "unknown key 'descripton' — did you mean 'description'? (required field 'description' is missing)",
      line: 20,
      column: 7,
    },
  ]);
});

test('a typo in a persona key: the same, and --strict reports it too', async (t) => {
  const text = broken('communication_style:', 'comunication_style:');
  assert.deepEqual(thrown(text), [
    'E_SCHEMA',
    10,
    5,
    "agent.persona.communication_style: unknown key 'comunication_style' — did you mean 'communication_style'? (required field 'communication_style' is missing)",
  ]);
  const file = write(scratch(t), 'pm.agent.yaml', text);
  const { files } = await madace.validate(file, { strict: true });
  assert.deepEqual(
    files[0].problems.map((p) => [p.code, p.field, p.line, p.column]),
    [['E_SCHEMA', 'agent.persona.communication_style', 10, 5]],
  );
});

test('a misspelled optional key is kept, and warned of (an error with --strict)', async (t) => {
  const text = broken('critical_actions:', 'critical_action:');
  assert.deepEqual(madace.parseAgent(text).critical_action, ['Load the config']);
  // Under madace/: strict lint by MADACE's rules.
  const file = write(scratch(t), 'madace/mam/agents/pm.agent.yaml', text);
  const loose = await madace.validate(file);
  assert.deepEqual([loose.passed, loose.failed], [1, 0]);
  assert.deepEqual(loose.files[0].problems, [
    {
      severity: 'warning',
      code: 'W_UNKNOWN_KEY',
      message:
        "unknown key 'critical_action' in agent — did you mean 'critical_actions'? (allowed: metadata, persona, critical_actions, menu, prompts, discussion, conversational_knowledge, load_always)",
      field: 'agent.critical_action',
      line: 13,
      column: 3,
    },
  ]);
  const strict = await madace.validate(file, { strict: true });
  assert.deepEqual(
    strict.files[0].problems.map((p) => [p.severity, p.code, p.line, p.column, p.message.endsWith('[unknown-key]')]),
    [['error', 'E_LINT', 13, 3, true]],
  );
});

test('not found: what was looked for, and what exists', async (t) => {
  const dir = scratch(t);
  await assert.rejects(madace.loadProject(dir), {
    code: 'E_NOT_FOUND',
    path: dir,
    message: `${dir}: not a MADACE or BMAD project: looked for madace/, bmad/ and _bmad/ in this folder (and for src/modules/ of a BMAD source tree), found none`,
  });
  write(dir, 'madace/mam/agents/pm.agent.yaml', AGENT);
  write(dir, 'madace/core/config.yaml', 'project_name: x\n');
  assert.throws(() => madace.loadAgentsByModuleSync('cis', { root: dir }), {
    code: 'E_NOT_FOUND',
    message: `${dir}: no module 'cis' in this project (its modules: core, mam)`,
  });
  const typo = path.join(dir, 'madace', 'mam', 'agents', 'pn.agent.yaml');
  assert.throws(() => madace.loadAgentSync(typo), {
    code: 'E_NOT_FOUND',
    message: `${typo}: no such file (its folder ${path.dirname(typo)} exists)`,
  });
  const wrongFolder = path.join(dir, 'madace', 'mam', 'agent', 'pm.agent.yaml');
  assert.throws(() => madace.loadAgentSync(wrongFolder), {
    code: 'E_NOT_FOUND',
    message: `${wrongFolder}: no such file: its folder ${path.dirname(wrongFolder)} does not exist either`,
  });
});

test('formatError shows the problem with its code frame', () => {
  let err;
  try {
    madace.parseAgent(broken('    title: Product Manager', '      title: Product Manager'), { filename: 'pm.agent.yaml' });
  } catch (e) {
    err = e;
  }
  assert.equal(
    madace.formatError(err),
    [
      "pm.agent.yaml:5:7  error  'title' is indented more than 'name' above it (line 4), which already has a value: align 'title' with 'name' (column 5), or remove the value after 'name:' if 'title' belongs under it  E_YAML",
      '  3 |     id: pm',
      '  4 |     name: PM',
      '> 5 |       title: Product Manager',
      '    |       ^',
      '  6 |     icon: 📋',
      '',
    ].join('\n'),
  );
  assert.equal(madace.formatError(err, { frame: false }).split('\n').length, 2);
  // Emoji before the column: the caret still sits under the column's character.
  assert.equal(madace.codeFrame('icon: 📋 x: y\n', 1, 10), `> 1 | icon: 📋 x: y\n    | ${' '.repeat(10)}^\n`);
  assert.equal(madace.codeFrame('a: 1\n', 7, 1), null);
  assert.throws(() => madace.codeFrame('a: 1\n', 0, 1), { name: 'TypeError' });
});

test('formatError reads the file of a located error from disk, and never a FIFO', { skip: process.platform === 'win32' && 'no FIFOs' }, (t) => {
  const dir = scratch(t);
  const file = write(dir, 'pm.agent.yaml', broken('    title: Product Manager', '      title: Product Manager'));
  const err = (() => {
    try {
      madace.loadAgentSync(file);
    } catch (e) {
      return e;
    }
  })();
  assert.equal(madace.formatError(err).split('\n')[3], '> 5 |       title: Product Manager');
  const fifo = path.join(dir, 'pipe.agent.yaml');
  const made = require('node:child_process').spawnSync('mkfifo', [fifo]);
  assert.equal(made.status, 0, String(made.stderr));
  assert.throws(() => madace.loadAgentSync(fifo), (e) => {
    // Would block forever if formatError opened the FIFO.
    assert.equal(madace.formatError(e), `${fifo}  error  not a regular file, expected a file  E_NOT_A_FILE\n`);
    return true;
  });
});

// The mistakes newcomers make most, each with what js-yaml, the yaml package
// or zod said better before: now said here, at the cause.
test('a tab after spaces: reported at the tab line, the tab drawn as →', () => {
  const text = broken('    name: PM', '\tname: PM');
  assert.deepEqual(thrown(text), ['E_YAML', 4, 1, 'a tab indents this line; YAML indents with spaces only: replace the tab with spaces']);
  const frame = madace.formatError(catchIt(() => madace.parseAgent(text, { filename: 'pm.agent.yaml' })));
  assert.equal(frame.split('\n').slice(1, 5).join('\n'), '  2 |   metadata:\n  3 |     id: pm\n> 4 | →name: PM\n    | ^');
});

test('a file indented with tabs throughout: every tabbed line listed at once', () => {
  const text = AGENT.replace(/^( +)/gm, (m) => '\t'.repeat(m.length / 2));
  assert.deepEqual(thrown(text), [
    'E_YAML',
    2,
    1,
    'a tab indents this line; YAML indents with spaces only: replace the tab with spaces (tabs indent 20 lines: 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 10 more)',
  ]);
});

test("a '[' never closed: at the bracket, before more keys and at the end of the file", () => {
  const message = "this '[' starts a list that is never closed: it must end with a ']'";
  assert.deepEqual(thrown(broken('    principles:\n      - Users first', '    principles: [Users first, Ship it')), ['E_YAML', 11, 17, message]);
  assert.deepEqual(thrown(`${AGENT}  prompts: [\n`), ['E_YAML', 22, 12, message]);
  assert.deepEqual(thrown(broken('  critical_actions:\n    - Load the config', '  critical_actions: {a: 1')), [
    'E_YAML',
    13,
    21,
    "this '{' starts a mapping that is never closed: it must end with a '}'",
  ]);
});

test('an unquoted *trigger: named, with the quoted line to write', () => {
  assert.deepEqual(thrown(broken('- trigger: status', '- trigger: *show-status')), [
    'E_YAML',
    19,
    16,
    '\'*show-status\' is read as an alias of an anchor \'&show-status\' that is not defined: if it is text (a menu trigger), quote it: trigger: "*show-status"',
  ]);
});

test("persona indented under metadata: found inside it, with the column to move it to", () => {
  const text = broken('  persona:\n', '    persona:\n')
    .replace(/^( {4}(role|identity|communication_style|principles):)/gm, '  $1')
    .replace('      - Users first', '        - Users first');
  const message = "'persona' (line 7) is inside 'metadata': move it left to column 3, where 'metadata' is";
  assert.deepEqual(thrown(text), ['E_SCHEMA', 7, 5, `agent.persona: ${message}`]);
});

test("name:PM asks for the space after ':'; -item asks for the space after '-'", () => {
  assert.deepEqual(thrown(broken('name: PM', 'name:PM')), ['E_YAML', 4, 5, "'name:PM' is not a 'key: value' pair: add a space after ':' (name: PM)"]);
  assert.deepEqual(thrown(broken('    - Load the config', '    -Load the config')), [
    'E_SCHEMA',
    14,
    5,
    "agent.critical_actions: expected a list, found a string (a list item is '- item': add a space after '-')",
  ]);
});

test('a quote inside quotes: at that quote, with the line rewritten', () => {
  assert.deepEqual(thrown(broken('title: Product Manager', 'title: "The "best" PM"')), [
    'E_YAML',
    5,
    17,
    'this " ends the "…" value early: write \\" for each " inside it, or quote the value with \': title: \'The "best" PM\'',
  ]);
  assert.deepEqual(thrown(broken('title: Product Manager', "title: 'Riley's PM'")), [
    'E_YAML',
    5,
    18,
    'this \' ends the \'…\' value early: write \'\' for each \' inside it, or quote the value with ": title: "Riley\'s PM"',
  ]);
});

test('a UTF-16 file, with or without its byte order mark, is named as such', (t) => {
  const dir = scratch(t);
  const withMark = write(dir, 'bom.agent.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(AGENT, 'utf16le')]));
  const bare = write(dir, 'bare.agent.yaml', Buffer.from(AGENT, 'utf16le'));
  const said = (file) => {
    const err = catchIt(() => madace.loadAgentSync(file));
    return [err.code, err.line, err.column, err.detail];
  };
  assert.deepEqual(said(withMark), [
    'E_ENCODING',
    1,
    1,
    'the file is UTF-16 (it starts with the byte order mark FF FE, as Windows "Unicode" saves it): save it as UTF-8',
  ]);
  assert.deepEqual(said(bare), [
    'E_ENCODING',
    1,
    1,
    'the file looks like UTF-16 without a byte order mark (every other byte is NUL): save it as UTF-8',
  ]);
});

test('control bytes in a frame are drawn as visible symbols, never sent to the terminal', () => {
  const text = broken('    name: PM', '    name: "P\x1b[2JM\x07"\n    bad');
  const frame = madace.formatError(catchIt(() => madace.parseAgent(text, { filename: 'pm.agent.yaml' })));
  assert.equal(frame.split('\n')[2], '  4 |     name: "P␛[2JM␇"');
  assert.doesNotMatch(frame, /[\u0000-\u0008\u000b-\u001f\u007f]/);
});

function catchIt(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('no error thrown');
}
