'use strict';
// `npm run fuzz -- --seconds N [--seed S]`: a long attack on madace-core's
// public API with mutated real files and resource bombs: YAML definitions,
// story boards, BMAD 6.x TOML layers, and the surfaces around them: the CLI
// (`validate --stdin` in every format), the language server (documents
// opened and changed), a watcher on the tree being mutated, and the
// WebAssembly builds against the addon. A child process runs the inputs;
// this parent watches it. A failure is any of:
//   - an exception that is not a MadaceError / TypeError, or code E_INTERNAL;
//   - madace-core/wasm (or, on a YAML kind, /wasm/yaml) giving another
//     result or error than the addon;
//   - a location that is not a positive line and column (or both null);
//   - anything printed to stderr (by the library, the CLI or the server);
//   - CLI output holding a control character, or an exit code other than 0/1;
//   - a language server that does not answer within --stall seconds, sends a
//     bad range, or dies; a watcher error or a malformed report;
//   - the child dying (a crash) or one input taking more than --stall seconds;
//   - one input raising the peak resident memory by more than 128 MiB, or
//     resident memory over --max-rss MiB.
// Each failing input is saved under target/fuzz/failures/ with what it did.
// Prints inputs tried, failures and peak RSS; exits 1 if anything failed.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { fork } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, 'target', 'fuzz');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

// ------------------------------------------------------------- inputs ---

/** Seed files by kind: real corpus files when ../shared is there, else the bundled examples. */
function seeds() {
  const corpus = path.resolve(root, '..', 'shared', 'corpus');
  const dirs = [path.join(root, 'examples'), path.join(root, 'test', 'fixtures')];
  if (fs.existsSync(corpus)) dirs.push(corpus);
  const found = { agent: [], workflow: [], config: [], status: [], toml: [] };
  for (const dir of dirs) {
    for (const rel of fs.readdirSync(dir, { recursive: true })) {
      const file = path.join(dir, rel);
      if (/node_modules|\.next/.test(file) || !fs.statSync(file).isFile()) continue;
      const name = path.basename(file);
      if (name.endsWith('.agent.yaml')) found.agent.push(file);
      else if (name.endsWith('.workflow.yaml') || name === 'workflow.yaml') found.workflow.push(file);
      else if (name === 'config.yaml') found.config.push(file);
      else if (/status\.md$/.test(name)) found.status.push(file);
      else if (name.endsWith('.toml')) found.toml.push(file);
    }
  }
  return Object.fromEntries(Object.entries(found).map(([kind, files]) => [kind, files.map((f) => fs.readFileSync(f))]));
}

/** xorshift32: the same --seed gives the same inputs. */
function random(seed) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
  return { next, int: (n) => Math.floor(next() * n), pick: (list) => list[Math.floor(next() * list.length)] };
}

const TOKENS = ['\t', '"', "'", '#', ':', '- ', '|', '>', '  ', '\r', '\0', '[', ']', '{', '}', '&a ', '*a', '!!str ', '!x ', '---\n', '? ', '\\', '%YAML 1.2\n', '\u{1F4CB}', '\xff'];

/** One mutation of `bytes` (a Buffer): bytes, lines, indentation, YAML tokens, bad UTF-8. */
function mutate(bytes, rng, others) {
  const b = Buffer.from(bytes);
  const at = () => rng.int(b.length + 1);
  switch (rng.int(10)) {
    case 0: // flip bits
      for (let i = rng.int(4) + 1; i > 0 && b.length; i--) b[rng.int(b.length)] ^= 1 << rng.int(8);
      return b;
    case 1: { // insert a token
      const i = at();
      const token = rng.pick(TOKENS);
      return Buffer.concat([b.subarray(0, i), token === '\xff' ? Buffer.from([0xff, 0xfe]) : Buffer.from(token), b.subarray(i)]);
    }
    case 2: { // delete a run of bytes
      const i = at();
      return Buffer.concat([b.subarray(0, i), b.subarray(Math.min(b.length, i + rng.int(16) + 1))]);
    }
    case 3: { // delete, duplicate or swap lines
      const lines = b.toString('latin1').split('\n');
      const i = rng.int(lines.length);
      const j = rng.int(lines.length);
      if (rng.int(3) === 0) lines.splice(i, 1);
      else if (rng.int(2) === 0) lines.splice(i, 0, lines[j]);
      else [lines[i], lines[j]] = [lines[j], lines[i]];
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 4: { // change a line's indentation
      const lines = b.toString('latin1').split('\n');
      const i = rng.int(lines.length);
      const delta = rng.int(5) - 2;
      lines[i] = delta > 0 ? ' '.repeat(delta) + lines[i] : lines[i].slice(-delta);
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 5: { // splice in a piece of another file
      const other = rng.pick(others);
      const from = rng.int(other.length);
      const i = at();
      return Buffer.concat([b.subarray(0, i), other.subarray(from, from + rng.int(200)), b.subarray(i)]);
    }
    case 6: // CRLF line ends
      return Buffer.from(b.toString('latin1').replace(/\n/g, '\r\n'), 'latin1');
    case 7: { // repeat a chunk many times (size and nesting pressure)
      const i = at();
      const chunk = b.subarray(i, i + rng.int(12) + 1);
      return Buffer.concat([b.subarray(0, i), Buffer.concat(Array(rng.int(2000) + 1).fill(chunk)), b.subarray(i)]);
    }
    case 8: { // anchor a line and alias it many times
      const lines = b.toString('latin1').split('\n');
      const i = rng.int(lines.length);
      lines[i] = lines[i].replace(/: (\S)/, ': &fz $1');
      const indent = (lines[i].match(/^ */) || [''])[0];
      for (let k = rng.int(50); k > 0; k--) lines.splice(i + 1, 0, `${indent}fz${k}: *fz`);
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    default: // truncate
      return b.subarray(0, at());
  }
}

// -------------------------------------------------------------- child ---

/**
 * How much one input may raise the process's peak memory: inputs are at
 * most 9 MiB, and the library promises memory in proportion to them.
 */
const GROWTH_MIB = 128;

/** Control characters no output may carry (tabs and newlines are text). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Checks a report's shape: entries with problems located by positive numbers or not at all. */
function badReport(report) {
  if (!report || !Array.isArray(report.files)) return 'a report without files';
  for (const file of report.files) {
    for (const p of file.problems) {
      if (!((p.line === null && p.column === null) || (p.line >= 1 && p.column >= 1))) return `bad location ${p.line}:${p.column}`;
      if (p.code === 'E_INTERNAL') return `E_INTERNAL: ${p.message}`;
    }
  }
  return null;
}

async function child() {
  const { spawnSync } = require('node:child_process');
  const madace = require(root);
  const wasm = require(path.join(root, 'lib', 'wasm', 'node.js'));
  const small = require(path.join(root, 'lib', 'wasm', 'node-yaml.js'));
  const { BOMBS, bracketBoard } = require(path.join(root, 'test', 'support', 'bombs'));
  const { startServer } = require(path.join(root, 'test', 'support', 'lsp-client'));
  const { pathToFileURL } = require('node:url');
  const rng = random(Number(process.env.FUZZ_SEED));
  const seeded = seeds();
  const all = Object.values(seeded).flat();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-fuzz-'));
  const project = path.join(work, 'project');
  fs.mkdirSync(path.join(project, 'madace', 'mam', 'agents'), { recursive: true });
  fs.mkdirSync(path.join(project, 'madace', 'mam', 'workflows'), { recursive: true });
  // A BMAD 6.x project beside it: one skill, the central config, the custom layers.
  const skill = path.join(project, '.claude', 'skills', 'bmad-agent-pm');
  fs.mkdirSync(skill, { recursive: true });
  fs.mkdirSync(path.join(project, '_bmad', 'custom'), { recursive: true });
  fs.writeFileSync(path.join(skill, 'SKILL.md'), '---\nname: bmad-agent-pm\ndescription: PM\n---\n');
  fs.writeFileSync(path.join(skill, 'customize.toml'), '[agent]\nname = "John"\ntitle = "PM"\nicon = "x"\n');
  fs.writeFileSync(path.join(project, '_bmad', 'config.toml'), '[core]\nuser_name = "Ada"\n');
  const current = path.join(outDir, `current-${process.pid}.json`);
  const bombs = [...Object.values(BOMBS).map((b) => b.text()), bracketBoard(1024 * 1024)].map((t) => Buffer.from(t));
  const failures = [];

  // The surfaces that live across inputs: a watcher on the tree, a language server.
  const cleanup = [];
  const watchFailures = [];
  const watcher = madace.watch(project, {
    onReport: (report) => {
      const bad = badReport(report);
      if (bad) watchFailures.push(`watch: ${bad}`);
    },
    onError: (err) => watchFailures.push(`watch error: ${err.message}`),
  });
  await watcher.ready;
  const lsp = startServer({ after: (fn) => cleanup.push(fn) });
  await lsp.request('initialize', { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {} });
  lsp.notify('initialized', {});
  let lspVersion = 0;
  const lspOpen = new Set();

  /** Checks one outcome; returns a failure description or null. */
  function judge(fn) {
    try {
      fn();
      return null;
    } catch (err) {
      if (err instanceof TypeError && err.code === 'ERR_INVALID_ARG_TYPE') return null;
      if (!(err instanceof madace.MadaceError)) return `not a MadaceError: ${err && err.stack}`;
      if (err.code === 'E_INTERNAL') return `E_INTERNAL: ${err.message}`;
      const located = (err.line === null && err.column === null) || (err.line >= 1 && err.column >= 1);
      if (!located) return `bad location ${err.line}:${err.column} (${err.code})`;
      return null;
    }
  }

  /** The CLI on the input as standard input, in a random format. */
  function cliCheck(name, input) {
    const format = rng.pick(['stylish', 'json', 'github', 'sarif']);
    // Standard input from a file: the CLI stops reading at its limit, which a pipe would report as EPIPE here.
    const stdinFile = path.join(work, 'stdin');
    fs.writeFileSync(stdinFile, input);
    const stdin = fs.openSync(stdinFile, 'r');
    const run = spawnSync(process.execPath, [path.join(root, 'bin', 'madace-core.js'), 'validate', '--stdin', '--stdin-filename', name, '--format', format], {
      cwd: project,
      stdio: [stdin, 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: Number(process.env.FUZZ_STALL) * 1000,
      maxBuffer: 256 * 1024 * 1024,
    });
    fs.closeSync(stdin);
    if (run.error) return `cli: ${run.error.message}`;
    if (![0, 1].includes(run.status)) return `cli ${format}: exit ${run.status}: ${run.stderr.slice(0, 300)}`;
    if (run.stderr && !/E_LIMIT\n$/.test(run.stderr)) return `cli ${format}: stderr ${run.stderr.slice(0, 300)}`;
    if (CONTROL.test(run.stdout)) return `cli ${format}: a control character in the output`;
    return null;
  }

  /** The language server on the input, opened then changed: it must answer, in range. */
  async function lspCheck(name, text) {
    const uri = pathToFileURL(path.join(project, name)).href;
    lspVersion += 1;
    if (!lspOpen.has(uri)) {
      lspOpen.add(uri);
      lsp.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: lspVersion, text } });
    } else lsp.notify('textDocument/didChange', { textDocument: { uri, version: lspVersion }, contentChanges: [{ text }] });
    // Half the stall time: the parent must still hear from this process.
    let timer;
    const late = new Promise((resolve) => (timer = setTimeout(resolve, Number(process.env.FUZZ_STALL) * 500, null)));
    const got = await Promise.race([lsp.diagnostics(), late]);
    clearTimeout(timer);
    if (got === null) return 'lsp: no diagnostics in time';
    lsp.pending();
    for (const d of got.diagnostics) {
      const { start, end } = d.range;
      if (![start.line, start.character, end.line, end.character].every((n) => Number.isInteger(n) && n >= 0)) return 'lsp: a bad range';
      if (CONTROL.test(d.message)) return 'lsp: a control character in a message';
    }
    if (lsp.stderr()) return `lsp stderr: ${lsp.stderr().slice(0, 300)}`;
    return null;
  }

  /**
   * madace-core/wasm answers as the addon does: the same result, or the same
   * error; and madace-core/wasm/yaml too, on a YAML kind. Names are not on disk.
   */
  function sameInWasm(fn, text, filename) {
    const outcome = (api) => {
      try {
        return JSON.stringify(api[fn](text, { filename: `/nonexistent/fuzz/${filename}` }));
      } catch (err) {
        return JSON.stringify([err.name, err.code, err.message, err.line, err.column, err.issues]);
      }
    };
    const native = outcome(madace);
    const builds = filename.endsWith('.yaml') ? { 'madace-core/wasm': wasm, 'madace-core/wasm/yaml': small } : { 'madace-core/wasm': wasm };
    for (const [name, build] of Object.entries(builds)) {
      const built = outcome(build);
      if (native !== built) throw new Error(`${name} differs on ${fn}: ${built.slice(0, 300)} where the addon gives ${native.slice(0, 300)}`);
    }
  }

  const ids = ['pm', '../pm', '..', 'a'.repeat(300), 'pm\0', '/etc/passwd', 'PM', 'pm.agent', '', 'dev'];
  let tried = 0;
  const deadline = Date.now() + Number(process.env.FUZZ_SECONDS) * 1000;
  let lastReport = 0;
  while (Date.now() < deadline) {
    const kind = rng.pick(['agent', 'agent', 'workflow', 'config', 'status', 'toml', 'toml', 'bomb']);
    const pool = kind === 'bomb' ? bombs : seeded[kind].length ? seeded[kind] : seeded.agent;
    let input = rng.pick(pool);
    for (let n = rng.int(4) + (kind === 'bomb' ? 0 : 1); n > 0; n--) input = mutate(input, rng, all);
    // Past the 8 MiB file limit more size tests nothing, and copies of it would be the harness's memory, not the library's.
    if (input.length > 9 * 1024 * 1024) input = input.subarray(0, 9 * 1024 * 1024);
    fs.writeFileSync(current, JSON.stringify({ kind, input: input.toString('base64') }));
    const text = input.toString('utf8');
    const agentFile = path.join(project, 'madace', 'mam', 'agents', 'pm.agent.yaml');
    const checks = [];
    const peakBefore = process.resourceUsage().maxRSS;
    // The surfaces, on a share of the inputs (a CLI run costs a process).
    let surface = null;
    if (kind === 'agent' || kind === 'bomb') {
      fs.writeFileSync(agentFile, input);
      checks.push(() => madace.parseAgent(text, { filename: 'fuzz.agent.yaml' }));
      checks.push(() => sameInWasm('parseAgent', text, 'fuzz.agent.yaml'));
      checks.push(() => sameInWasm('validateTextSync', text, 'fuzz.agent.yaml'));
      checks.push(() => madace.loadAgentSync(agentFile));
      checks.push(() => madace.loadAgentByIdSync(project, rng.pick(ids)));
      checks.push(() => madace.validateSync(agentFile, { strict: rng.int(2) === 0 }));
      surface = 'madace/mam/agents/pm.agent.yaml';
    } else if (kind === 'workflow') {
      const wf = path.join(project, 'madace', 'mam', 'workflows', 'fuzz.workflow.yaml');
      fs.writeFileSync(wf, input);
      checks.push(() => madace.parseWorkflow(text, { filename: 'fuzz.workflow.yaml' }));
      checks.push(() => sameInWasm('parseWorkflow', text, 'fuzz.workflow.yaml'));
      checks.push(() => madace.loadWorkflowByIdSync(project, rng.pick(['fuzz', '../fuzz', 'x'.repeat(200)])));
      checks.push(() => madace.loadProjectSync(project));
      surface = 'madace/mam/workflows/fuzz.workflow.yaml';
    } else if (kind === 'config') {
      checks.push(() => madace.parseConfig(text, { filename: 'config.yaml' }));
      checks.push(() => sameInWasm('parseConfig', text, 'core/config.yaml'));
      surface = 'madace/core/config.yaml';
    } else if (kind === 'toml') {
      const layer = rng.pick(['.claude/skills/bmad-agent-pm/customize.toml', '_bmad/custom/bmad-agent-pm.toml', '_bmad/custom/config.toml', '_bmad/config.user.toml']);
      const file = path.join(project, layer);
      const saved = fs.existsSync(file) ? fs.readFileSync(file) : null;
      fs.writeFileSync(file, input);
      checks.push(() => sameInWasm('validateTextSync', text, layer));
      checks.push(() => madace.resolveCustomizationSync(skill, { projectRoot: project }));
      checks.push(() => madace.resolveConfigSync(project));
      checks.push(() => {
        const bad = badReport(madace.validateSync(project, { strict: rng.int(2) === 0 }));
        if (bad) throw new Error(bad);
      });
      checks.push(() => {
        const bad = badReport(madace.validateTextSync(text, { filename: file }));
        if (bad) throw new Error(bad);
      });
      for (const check of checks.splice(0)) {
        const failure = judge(check);
        if (failure) failures.push({ kind, failure, input: input.toString('base64') });
      }
      if (saved) fs.writeFileSync(file, saved);
      else fs.rmSync(file);
      surface = layer;
    } else {
      const board = path.join(work, 'workflow-status.md');
      fs.writeFileSync(board, input);
      checks.push(() => madace.validateStatus(madace.loadStatusSync(board)));
      const id = (text.match(/\[([A-Z][A-Z0-9]*-[A-Z0-9-]+)\]/) || [])[1] || 'TASK-1';
      checks.push(() => madace.transitionSync(board, id, rng.pick(['TODO', 'IN_PROGRESS', 'DONE', 'BACKLOG', 'nope'])));
    }
    for (const check of checks) {
      const failure = judge(check);
      if (failure) failures.push({ kind, failure, input: input.toString('base64') });
    }
    const grown = (process.resourceUsage().maxRSS - peakBefore) / 1024;
    if (grown > GROWTH_MIB) failures.push({ kind, failure: `one input raised peak RSS by ${grown.toFixed(0)} MiB`, input: input.toString('base64') });
    if (surface && rng.int(25) === 0) {
      const failure = cliCheck(surface, input);
      if (failure) failures.push({ kind, failure, input: input.toString('base64') });
    }
    if (surface && rng.int(8) === 0) {
      const failure = await lspCheck(surface, text);
      if (failure) failures.push({ kind, failure, input: input.toString('base64') });
    }
    // Let the watcher see what changed.
    if (rng.int(8) === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    for (const failure of watchFailures.splice(0)) failures.push({ kind, failure, input: input.toString('base64') });
    tried += 1;
    madace.clearAgentCache();
    // Large inputs leave large garbage (their text, its JSON): collected now,
    // so the resident memory watched is the library's, not the harness's.
    if (input.length > 1024 * 1024 || tried % 64 === 0) global.gc();
    if (Date.now() - lastReport > 1000 || failures.length) {
      lastReport = Date.now();
      process.send({ tried, failures: failures.splice(0), maxRssMiB: process.resourceUsage().maxRSS / 1024 });
    }
  }
  await watcher.close();
  for (const fn of cleanup) fn();
  process.send({ tried, failures, maxRssMiB: process.resourceUsage().maxRSS / 1024, done: true });
  fs.rmSync(work, { recursive: true, force: true });
  fs.rmSync(current, { force: true });
  process.exit(0);
}

// ------------------------------------------------------------- parent ---

function saveFailure(failure) {
  const dir = path.join(outDir, 'failures');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
  fs.writeFileSync(file, `${JSON.stringify(failure, null, 2)}\n`);
  return file;
}

async function parent() {
  const seconds = option('seconds', 60);
  const stallSeconds = option('stall', 10);
  // A backstop for runaway memory: the harness itself holds 9 MiB inputs,
  // their JSON and what it sends the language server (several hundred MiB at
  // times). The library's own memory is judged per input (GROWTH_MIB) and,
  // per bomb, by the hostile tests.
  const maxRssMiB = option('max-rss', 2048);
  let seed = option('seed', Date.now() % 2 ** 31);
  fs.mkdirSync(outDir, { recursive: true });
  const deadline = Date.now() + seconds * 1000;
  const totals = { tried: 0, failures: 0, peakRssMiB: 0, crashes: 0, stalls: 0 };
  console.log(`madace-core fuzz: ${seconds} s, seed ${seed}, seeds from ${fs.existsSync(path.resolve(root, '..', 'shared', 'corpus')) ? '../shared/corpus and ' : ''}examples`);
  while (Date.now() < deadline - 1000) {
    const remaining = Math.max(1, Math.floor((deadline - Date.now()) / 1000));
    const runner = fork(__filename, ['--child'], {
      execArgv: ['--expose-gc'],
      env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_SECONDS: String(remaining), FUZZ_STALL: String(stallSeconds) },
      stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    });
    let triedHere = 0;
    let killedFor = null;
    let lastBeat = Date.now();
    let stderr = '';
    runner.stderr.on('data', (d) => (stderr += d));
    runner.on('message', (m) => {
      lastBeat = Date.now();
      totals.tried += m.tried - triedHere;
      triedHere = m.tried;
      totals.peakRssMiB = Math.max(totals.peakRssMiB, m.maxRssMiB);
      for (const f of m.failures) {
        totals.failures += 1;
        console.log(`FAILURE (${f.kind}): ${f.failure.split('\n')[0]} → ${saveFailure(f)}`);
      }
      if (m.maxRssMiB > maxRssMiB) {
        killedFor = `resident memory ${m.maxRssMiB.toFixed(0)} MiB`;
        runner.kill('SIGKILL');
      }
    });
    const watchdog = setInterval(() => {
      if (Date.now() - lastBeat > stallSeconds * 1000) {
        killedFor = `no word for ${stallSeconds} s`;
        totals.stalls += 1;
        runner.kill('SIGKILL');
      }
    }, 500);
    const [code, signal] = await new Promise((resolve) => runner.on('exit', (c, s) => resolve([c, s])));
    clearInterval(watchdog);
    const current = path.join(outDir, `current-${runner.pid}.json`);
    if (code !== 0 || stderr) {
      totals.failures += 1;
      if (code !== 0) totals.crashes += 1;
      let last = {};
      try {
        last = JSON.parse(fs.readFileSync(current, 'utf8'));
      } catch {
        // Killed while writing it down: the input is lost, the failure is not.
      }
      const what = stderr
        ? `printed to stderr: ${stderr.slice(0, 2000)}`
        : `child ended with ${signal || `exit ${code}`}${killedFor ? ` (${killedFor})` : ''}`;
      console.log(`FAILURE: ${what.split('\n')[0]} → ${saveFailure({ ...last, failure: what })}`);
      fs.rmSync(current, { force: true });
    }
    seed += 1; // a crashed run restarts on a new seed
  }
  console.log(
    `fuzz: ${totals.tried} inputs tried, ${totals.failures} failures (${totals.crashes} crashes, ${totals.stalls} stalls), peak RSS ${totals.peakRssMiB.toFixed(0)} MiB`,
  );
  process.exitCode = totals.failures ? 1 : 0;
}

if (process.argv.includes('--child')) child();
else parent();
