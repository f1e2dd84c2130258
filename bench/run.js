'use strict';
// `npm run bench`: madace-core against the js-yaml 4 + zod 4 baseline
// (bench/baseline.js), side by side in one run, plus the Rust-only time of
// the same work (benches/core.rs) to show what the Node boundary costs.
//
// Prints a table, writes bench/results.json and bench/chart.md. It reports
// numbers and never asserts on them: timing depends on the machine.
//
//   node bench/run.js [--quick] [--no-rust] [--iters N]
//
// See bench/README.md for the method.

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { performance, monitorEventLoopDelay, PerformanceObserver } = require('node:perf_hooks');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const skipRust = args.includes('--no-rust');
const itersArg = args.indexOf('--iters');
const ITERS = itersArg >= 0 ? Number(args[itersArg + 1]) : quick ? 40 : 300;
const DIR_RUNS = quick ? 8 : 30;
const EL_RUNS = quick ? 3 : 7;
const DIR_FILES = 200;
const EL_FILES = 1000;

// ---------------------------------------------------------------- setup ---

function findAgents(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!['node_modules', '.git', 'target'].includes(e.name)) walk(p);
      } else if (e.name.endsWith('.agent.yaml')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

let corpus = path.resolve(root, '..', 'shared', 'corpus');
let corpusNote = null;
if (!fs.existsSync(corpus) || findAgents(corpus).length === 0) {
  corpusNote = `corpus not found at ${corpus}; falling back to the repo's examples/madace agents`;
  corpus = path.join(root, 'examples', 'madace');
  console.log(`NOTE: ${corpusNote}`);
}
const files = findAgents(corpus);

if (!fs.existsSync(path.join(root, 'index.node'))) {
  console.error('index.node is missing: run `npm run build` first.');
  process.exit(1);
}
const addonAge = fs.statSync(path.join(root, 'index.node')).mtimeMs;
const sources = ['src', path.join('node', 'src')].flatMap((d) =>
  fs.readdirSync(path.join(root, d), { recursive: true }).map((f) => path.join(root, d, f)),
);
const newestSrc = Math.max(...sources.map((f) => fs.statSync(f).mtimeMs));
const staleAddon = newestSrc > addonAge;
if (staleAddon) console.log('WARNING: index.node is older than src/ or node/src/: run `npm run build` so both sides measure the same code.');

const core = require('..');
const native = require('../index.node');
// The WebAssembly builds (npm run build:wasm), for their parseAgent rows.
const wasm = require('../lib/wasm/node.js');
const wasmYaml = require('../lib/wasm/node-yaml.js');
const base = require('./baseline');
const { deepFreeze } = require('../lib/freeze');

// Copies of the corpus with unique names, in a temp folder removed at exit.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-bench-'));
const cleanup = () => fs.rmSync(scratch, { recursive: true, force: true });
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

function copies(name, n) {
  const dir = path.join(scratch, name);
  fs.mkdirSync(dir);
  const out = [];
  for (let i = 0; i < n; i++) {
    const src = files[i % files.length];
    const dest = path.join(dir, `${String(i).padStart(4, '0')}-${path.basename(src)}`);
    fs.copyFileSync(src, dest);
    out.push(dest);
  }
  return { dir, files: out };
}
const dir200 = copies('dir200', DIR_FILES);
const dir1000 = copies('dir1000', EL_FILES);

// ------------------------------------------------------------- helpers ---

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

const now = () => performance.now();

function percentile(v, q) {
  const s = [...v].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(s.length * q))] : NaN;
}

/** Median over files of each file's median time (µs) of `fn`, `before` untimed. */
function perFile(list, iters, before, fn) {
  const per = list.map((f) => {
    for (let i = 0; i < Math.ceil(iters / 10); i++) {
      before(f);
      fn(f);
    }
    const t = new Array(iters);
    for (let i = 0; i < iters; i++) {
      before(f);
      const t0 = now();
      fn(f);
      t[i] = (now() - t0) * 1e3;
    }
    return median(t);
  });
  return median(per);
}

const sweep = new Float64Array((8 * 1024 * 1024) / 8);
let sweepSink = 0;
/** Reads and writes 8 MiB, more than this machine's caches hold. */
function evictCaches() {
  for (let i = 0; i < sweep.length; i += 8) sweep[i] += 1;
  sweepSink += sweep[sweep.length - 8];
}

/** For calls too short to time one by one: mean per call over a batch, median over batches and files. */
function perFileBatched(list, batches, batch, fn) {
  const per = list.map((f) => {
    fn(f);
    const t = [];
    for (let b = 0; b < batches; b++) {
      const t0 = now();
      for (let i = 0; i < batch; i++) fn(f);
      t.push(((now() - t0) * 1e3) / batch);
    }
    return median(t);
  });
  return median(per);
}

/** Median wall time (ms) of `runs` runs of an async `fn`, `before` untimed. */
async function asyncRuns(runs, before, fn) {
  before();
  await fn();
  const t = [];
  for (let r = 0; r < runs; r++) {
    before();
    const t0 = now();
    await fn();
    t.push(now() - t0);
  }
  return median(t);
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

/**
 * Max event-loop delay (ms) while `fire()` starts `EL_FILES` async loads and
 * they complete: a 1 ms interval timer records how late each tick came.
 */
async function eventLoopDelay(before, fire) {
  const maxima = [];
  const fireMs = [];
  const totalMs = [];
  const eldMax = [];
  const gcMax = [];
  const p99s = [];
  for (let r = 0; r < EL_RUNS; r++) {
    before();
    let gcPause = 0;
    const gcs = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) gcPause = Math.max(gcPause, e.duration);
    });
    let last = now();
    let max = 0;
    let gaps = [];
    const timer = setInterval(() => {
      const t = now();
      max = Math.max(max, t - last - 1);
      gaps.push(t - last - 1);
      last = t;
    }, 1);
    const eld = monitorEventLoopDelay({ resolution: 1 });
    eld.enable();
    await tick();
    await tick();
    gcs.observe({ entryTypes: ['gc'] });
    max = 0;
    gaps = [];
    last = now();
    const t0 = now();
    const pending = fire();
    fireMs.push(now() - t0);
    await Promise.all(pending);
    totalMs.push(now() - t0);
    await tick(); // let the sampler see the gap that ends with the last completion
    clearInterval(timer);
    eld.disable();
    await tick(); // GC entries are delivered asynchronously
    gcs.disconnect();
    maxima.push(max);
    p99s.push(percentile(gaps, 0.99));
    eldMax.push(eld.max / 1e6);
    gcMax.push(gcPause);
  }
  return {
    maxMs: median(maxima),
    worstMs: Math.max(...maxima),
    p99Ms: median(p99s),
    runs: maxima,
    fireMs: median(fireMs),
    totalMs: median(totalMs),
    eldMaxMs: median(eldMax),
    gcMaxPauseMs: median(gcMax),
  };
}

/**
 * A PROTOTYPE of a scheduler index.js could use (not shipped; see
 * bench/README.md): at most `limit` native loads in flight, so the main
 * thread keeps a core, and JSON.parse done in slices of at most `budgetMs`
 * so a burst of completions cannot block the loop.
 */
function limitedLoader(limit, budgetMs) {
  const waiting = [];
  const parsed = [];
  let inFlight = 0;
  let draining = false;
  const drain = () => {
    const end = now() + budgetMs;
    let i = 0;
    while (i < parsed.length) {
      const [json, resolve] = parsed[i++];
      resolve(JSON.parse(json));
      if (now() >= end) break;
    }
    parsed.splice(0, i);
    draining = false;
    if (parsed.length) schedule();
  };
  const schedule = () => {
    if (!draining) {
      draining = true;
      setImmediate(drain);
    }
  };
  const pump = () => {
    while (inFlight < limit && waiting.length) {
      const [p, resolve, reject] = waiting.shift();
      inFlight++;
      native.loadAgentCached(p, 0, 'any').then(
        (reply) => {
          inFlight--;
          parsed.push([reply[1], resolve]);
          schedule();
          pump();
        },
        (err) => {
          inFlight--;
          reject(err);
          pump();
        },
      );
    }
  };
  return (p) =>
    new Promise((resolve, reject) => {
      waiting.push([p, resolve, reject]);
      if (waiting.length === 1) queueMicrotask(pump);
    });
}

/** The event-loop delay of the timer alone (no load), as the noise floor. */
async function idleDelay(ms) {
  let last = now();
  const gaps = [];
  const timer = setInterval(() => {
    const t = now();
    gaps.push(t - last - 1);
    last = t;
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, ms));
  clearInterval(timer);
  return { maxMs: Math.max(...gaps), p99Ms: percentile(gaps, 0.99) };
}

/**
 * How long an unrelated `fs.promises.readFile` of a small file takes while
 * `fire()` has 1,000 loads in flight (ms, median over runs): it shares
 * libuv's thread pool with whatever the loads use.
 */
async function readFileLatency(before, fire) {
  const small = path.join(scratch, 'small.txt');
  fs.writeFileSync(small, 'hello');
  const t = [];
  for (let r = 0; r < EL_RUNS; r++) {
    before();
    const pending = fire();
    const t0 = now();
    await fs.promises.readFile(small);
    t.push(now() - t0);
    await Promise.all(pending);
  }
  return median(t);
}

// ---------------------------------------------------------------- Rust ---

function rustBench() {
  if (skipRust) return null;
  process.stdout.write('Rust-only bench (cargo bench --bench core)… ');
  const cargoArgs = ['bench', '--bench', 'core', '--', '--json', '--iters', String(ITERS), corpus, dir200.dir];
  const r = spawnSync('cargo', cargoArgs, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) {
    console.log('failed; Rust-only numbers are missing.');
    console.log((r.error ? String(r.error) : r.stderr).split('\n').slice(-15).join('\n'));
    return null;
  }
  const line = r.stdout.trim().split('\n').pop();
  console.log('done');
  return JSON.parse(line);
}

// ---------------------------------------------------------------- main ---

async function main() {
  const started = now();
  const env = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: os.cpus()[0] && os.cpus()[0].model,
    cpus: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
    uvThreadpoolSize: Number(process.env.UV_THREADPOOL_SIZE) || 4,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    jsYaml: require('js-yaml/package.json').version,
    yamlPkg: require('yaml/package.json').version,
    zod: require('zod/package.json').version,
    corpus: path.relative(root, corpus) || '.',
    corpusNote,
    corpusFiles: files.length,
    medianFileBytes: median(files.map((f) => fs.statSync(f).size)),
    iters: ITERS,
    staleAddon,
  };
  console.log(
    `madace-core bench: ${files.length} agent files from ${env.corpus} (median ${env.medianFileBytes} B), ` +
      `node ${env.node}, ${env.cpus} CPUs (${env.cpu}), libuv pool ${env.uvThreadpoolSize}, load avg ${env.loadAverage.join(' ')}`,
  );
  if (env.loadAverage[0] > 0.5) console.log('NOTE: the machine is busy (load average above 0.5): numbers will be noisier.');

  const rust = rustBench();
  const idle = await idleDelay(500);

  // Same output on both sides (checked, not timed): the comparison is fair only if so.
  const assert = require('node:assert');
  for (const f of files) {
    assert.deepStrictEqual(base.loadAgentSync(f), core.loadAgentSync(f), `baseline and madace-core differ on ${f}`);
    assert.deepStrictEqual(base.loadAgentSync(f, 'yaml'), core.loadAgentSync(f), `yaml + zod and madace-core differ on ${f}`);
  }

  // Warm both sides' JITs.
  for (let i = 0; i < 5; i++) {
    for (const f of files) {
      core.clearAgentCache();
      core.loadAgentSync(f);
      base.loadAgentSync(f);
      base.loadAgentSync(f, 'yaml');
    }
  }

  const noop = () => {};
  const js = {};
  process.stdout.write('single file, sync, cold cache… ');
  js.coreSyncColdUs = perFile(files, ITERS, () => core.clearAgentCache(), (f) => core.loadAgentSync(f));
  js.baseSyncUs = perFile(files, ITERS, noop, (f) => base.loadAgentSync(f));
  js.yamlPkgSyncUs = perFile(files, ITERS, noop, (f) => base.loadAgentSync(f, 'yaml'));
  // As in a server, where other work runs between two loads: each timed call
  // follows a sweep over 8 MiB, which evicts the CPU caches on both sides.
  js.coreSyncEvictedUs = perFile(files, ITERS, (f) => (core.clearAgentCache(), evictCaches()), (f) => core.loadAgentSync(f));
  js.baseSyncEvictedUs = perFile(files, ITERS, evictCaches, (f) => base.loadAgentSync(f));
  js.coreClearCacheUs = perFileBatched(files.slice(0, 1), 50, 1000, () => core.clearAgentCache());
  console.log('done');

  // Where the time goes, side by side (each a median over files, so parts need not add up exactly).
  process.stdout.write('breakdown… ');
  // These reach into the addon's own exports (index.node), which index.js
  // wraps; a part whose export has changed is reported as n/a, not a crash.
  const has = (...names) => names.every((n) => typeof native[n] === 'function');
  const ifHas = (names, measure) => (has(...names) ? measure() : NaN);
  const texts = new Map(files.map((f) => [f, fs.readFileSync(f, 'utf8')]));
  const jsons = new Map(files.map((f) => [f, JSON.stringify(core.parseAgent(texts.get(f), { filename: f }))]));
  const yamlData = new Map(files.map((f) => [f, require('js-yaml').load(texts.get(f))]));
  // A WebAssembly build, as Node.js loads it without a platform package;
  // first used here, as V8 compiles it on threads of its own meanwhile.
  const wasmParseAgentUs = (api, name) => {
    for (const f of files) {
      const [text, named] = [texts.get(f), { filename: f }];
      assert.deepStrictEqual(api.parseAgent(text, named), core.parseAgent(text, named), `${name} and the addon differ on ${f}`);
    }
    return perFile(files, ITERS, noop, (f) => api.parseAgent(texts.get(f), { filename: f }));
  };
  const breakdown = {
    readFileSyncUs: perFile(files, ITERS, noop, (f) => fs.readFileSync(f, 'utf8')),
    coreParseAgentUs: perFile(files, ITERS, noop, (f) => core.parseAgent(texts.get(f), { filename: f })),
    wasmParseAgentUs: wasmParseAgentUs(wasm, 'madace-core/wasm'),
    wasmYamlParseAgentUs: wasmParseAgentUs(wasmYaml, 'madace-core/wasm/yaml'),
    coreNativeParseNoJsonParseUs: ifHas(['parseAgentSync'], () => perFile(files, ITERS, noop, (f) => native.parseAgentSync(texts.get(f), f, 'any'))),
    coreNativeLoadColdNoJsonParseUs: ifHas(['loadAgentCachedSync', 'clearAgentCache'], () =>
      perFile(files, ITERS, () => native.clearAgentCache(), (f) => native.loadAgentCachedSync(f, 0, 'any')),
    ),
    jsonParseUs: perFile(files, ITERS, noop, (f) => JSON.parse(jsons.get(f))),
    // Cached agents are deep-frozen as they are parsed (freeze.js): its price.
    jsonParseFreezeUs: perFile(files, ITERS, noop, (f) => deepFreeze(JSON.parse(jsons.get(f)))),
    jsonBytes: median(files.map((f) => Buffer.byteLength(jsons.get(f)))),
    baseYamlLoadUs: perFile(files, ITERS, noop, (f) => require('js-yaml').load(texts.get(f))),
    baseZodUs: perFile(files, ITERS, noop, (f) => base.AgentFileSchema.parse(yamlData.get(f))),
    baseParseTextUs: perFile(files, ITERS, noop, (f) => base.parseAgentText(texts.get(f), f)),
  };
  // One replace in an agent of about 3 KB, in memory: editText (which also
  // checks the result) against the `yaml` package's Document API.
  const YAML = require('yaml');
  const editFiles = files.filter((f) => Math.abs(texts.get(f).length - 3000) <= 600);
  const rename = [{ op: 'replace', path: '/metadata/title', value: 'Renamed Title' }];
  breakdown.editFiles = editFiles.length;
  breakdown.coreEditUs = perFile(editFiles, ITERS, noop, (f) => core.editText(texts.get(f), rename, { filename: f }));
  breakdown.yamlPkgEditUs = perFile(editFiles, ITERS, noop, (f) => {
    const doc = YAML.parseDocument(texts.get(f));
    doc.setIn(['agent', 'metadata', 'title'], 'Renamed Title');
    return doc.toString();
  });
  console.log('done');

  process.stdout.write(`${DIR_FILES} files in one folder, async… `);
  js.coreDirMs = await asyncRuns(DIR_RUNS, () => core.clearAgentCache(), () => core.loadAgents(dir200.dir));
  js.baseDirMs = await asyncRuns(DIR_RUNS, noop, () => base.loadAgents(dir200.dir));
  js.coreDirPerFileCallsMs = await asyncRuns(DIR_RUNS, () => core.clearAgentCache(), () => Promise.all(dir200.files.map((f) => core.loadAgent(f))));
  // The addon alone (JSON strings, no JSON.parse): the JS hand-off is the rest.
  js.coreDirNativeMs = has('loadAgents', 'clearAgentCache')
    ? await asyncRuns(DIR_RUNS, () => native.clearAgentCache(), () => native.loadAgents('dir', dir200.dir, '', false, 'any', noop))
    : NaN;
  js.coreDirSyncMs = await asyncRuns(DIR_RUNS, () => core.clearAgentCache(), async () => core.loadAgentsSync(dir200.dir));
  console.log('done');

  process.stdout.write('cached reload… ');
  core.clearAgentCache();
  base.clearAgentCache();
  js.coreCachedUs = perFileBatched(files, 20, 1000, (f) => core.loadAgentSync(f));
  js.baseCachedStatUs = perFileBatched(files, 20, 1000, (f) => base.loadAgentCached(f));
  js.baseCachedNoStatUs = perFileBatched(files, 20, 1000, (f) => base.loadAgentCachedNoStat(f));
  js.statSyncUs = perFileBatched(files, 20, 1000, (f) => fs.statSync(f));
  {
    // Async cached reload: each call is a round trip through the libuv pool.
    const t = [];
    for (const f of files) {
      await core.loadAgent(f);
      const t0 = now();
      for (let i = 0; i < 200; i++) await core.loadAgent(f);
      t.push(((now() - t0) * 1e3) / 200);
    }
    js.coreCachedAsyncUs = median(t);
  }
  console.log('done');

  process.stdout.write(`event-loop delay, ${EL_FILES} async loads in flight… `);
  js.coreEventLoop = await eventLoopDelay(() => core.clearAgentCache(), () => dir1000.files.map((f) => core.loadAgent(f)));
  js.baseEventLoop = await eventLoopDelay(noop, () => dir1000.files.map((f) => base.loadAgent(f)));
  // One call for the whole folder instead of 1,000: fewer completions to process.
  js.coreEventLoopDir = await eventLoopDelay(() => core.clearAgentCache(), () => [core.loadAgents(dir1000.dir)]);
  const limit = Math.max(1, env.cpus);
  js.limitedLoaderInFlight = limit;
  if (has('loadAgentCached')) {
    const limited = limitedLoader(limit, 0.5);
    js.coreEventLoopLimited = await eventLoopDelay(() => core.clearAgentCache(), () => dir1000.files.map((f) => limited(f)));
  }
  console.log('done');

  process.stdout.write(`an app's own fs.promises.readFile with ${EL_FILES} loads in flight… `);
  {
    const small = path.join(scratch, 'idle.txt');
    fs.writeFileSync(small, 'hello');
    const t = [];
    for (let r = 0; r < 50; r++) {
      const t0 = now();
      await fs.promises.readFile(small);
      t.push(now() - t0);
    }
    js.readFileIdleMs = median(t);
  }
  js.readFileDuringCoreMs = await readFileLatency(() => core.clearAgentCache(), () => dir1000.files.map((f) => core.loadAgent(f)));
  js.readFileDuringBaseMs = await readFileLatency(noop, () => dir1000.files.map((f) => base.loadAgent(f)));
  console.log('done');

  process.stdout.write(`throughput, ${EL_FILES} concurrent loadAgent calls vs one loadAgents… `);
  js.core1000CallsMs = await asyncRuns(EL_RUNS, () => core.clearAgentCache(), () => Promise.all(dir1000.files.map((f) => core.loadAgent(f))));
  js.core1000DirMs = await asyncRuns(EL_RUNS, () => core.clearAgentCache(), () => core.loadAgents(dir1000.dir));
  console.log('done');

  js.idleDelayMs = idle.maxMs;
  js.idleDelayP99Ms = idle.p99Ms;
  const results = summarize(env, rust, js, breakdown);
  results.elapsedSeconds = Math.round((now() - started) / 100) / 10;
  const chart = renderChart(results);
  // Quick runs are for looking; only full runs replace the recorded results.
  if (!quick) {
    fs.writeFileSync(path.join(__dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    fs.writeFileSync(path.join(__dirname, 'chart.md'), chart);
  }
  console.log();
  console.log(renderTable(results));
  console.log();
  console.log(renderBreakdown(results));
  console.log();
  console.log(chart.split('```text')[1].split('```')[0].trim());
  console.log(quick ? `\n(quick run: results not recorded; ${results.elapsedSeconds} s)` : `\nwrote bench/results.json and bench/chart.md (${results.elapsedSeconds} s)`);
}

// ------------------------------------------------------------- results ---

const round = (x, d = 2) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : null);

/**
 * A row comparing two times: `ratio` is how many times faster madace-core
 * is; `atLeast` the ratio it should reach, or null for a reference row.
 */
function faster(id, scenario, unit, core, baseline, atLeast) {
  return {
    id,
    scenario,
    unit,
    core,
    baseline,
    ratio: baseline / core,
    target: atLeast === null ? '—' : `≥ ${atLeast}× faster`,
    atLeast,
    met: atLeast === null ? null : baseline / core >= atLeast,
  };
}

function summarize(env, rust, js, breakdown) {
  const r = rust || {};
  const overhead = (jsTime, rustTime) => (Number.isFinite(rustTime) && rustTime > 0 ? (jsTime - rustTime) / rustTime : NaN);
  const rows = [
    faster('single_sync_cold', 'single agent, sync, cold cache (µs per file, median)', 'µs', js.coreSyncColdUs, js.baseSyncUs, 2.5),
    faster(
      'single_sync_evicted',
      'single agent, sync, CPU caches evicted before each call (µs per file, median)',
      'µs',
      js.coreSyncEvictedUs,
      js.baseSyncEvictedUs,
      1.5,
    ),
    faster(
      'parse_string',
      'parseAgent(string) vs yaml.load + zod on the same string (µs per file, median)',
      'µs',
      breakdown.coreParseAgentUs,
      breakdown.baseParseTextUs,
      2.5,
    ),
    faster(
      'parse_string_wasm',
      'parseAgent(string) in madace-core/wasm (the WebAssembly build, in Node.js) vs yaml.load + zod (µs per file, median)',
      'µs',
      breakdown.wasmParseAgentUs,
      breakdown.baseParseTextUs,
      1.5,
    ),
    faster(
      'parse_string_wasm_yaml',
      'parseAgent(string) in madace-core/wasm/yaml (the YAML kinds alone, a smaller module) vs yaml.load + zod (µs per file, median)',
      'µs',
      breakdown.wasmYamlParseAgentUs,
      breakdown.baseParseTextUs,
      1.5,
    ),
    faster(
      'edit_replace',
      `one replace in a ~3 KB agent, in memory, checked, vs the \`yaml\` package's parseDocument + setIn + toString (µs per file, median of ${breakdown.editFiles})`,
      'µs',
      breakdown.coreEditUs,
      breakdown.yamlPkgEditUs,
      3,
    ),
    faster(
      'single_sync_yaml_pkg',
      'single agent, sync, cold cache, vs the `yaml` package + zod (µs per file, median)',
      'µs',
      js.coreSyncColdUs,
      js.yamlPkgSyncUs,
      null,
    ),
    {
      id: 'yaml_stage',
      scenario: 'Rust-only YAML stage, text to tree, whole corpus (MiB/s; baseline: the full parser alone)',
      unit: 'MiB/s',
      core: r.yaml_mib_per_s,
      baseline: r.yaml_full_mib_per_s,
      ratio: r.yaml_mib_per_s / r.yaml_full_mib_per_s,
      target: '≥ 400 MiB/s',
      met: r.yaml_mib_per_s === undefined ? null : r.yaml_mib_per_s >= 400,
    },
    faster('dir_200_async', `${DIR_FILES} agent files in one folder, async (ms)`, 'ms', js.coreDirMs, js.baseDirMs, 5),
    {
      id: 'cached_reload',
      scenario: 'cached reload of an unchanged file (µs; baseline: statSync + Map)',
      unit: 'µs',
      core: js.coreCachedUs,
      baseline: js.baseCachedStatUs,
      ratio: js.baseCachedStatUs / js.coreCachedUs,
      target: '≤ 3 µs',
      met: js.coreCachedUs <= 3,
    },
    {
      id: 'cached_reload_no_stat',
      scenario: 'cached reload, MADACE Map without stat (µs; misses edits, reference only)',
      unit: 'µs',
      core: js.coreCachedUs,
      baseline: js.baseCachedNoStatUs,
      ratio: js.baseCachedNoStatUs / js.coreCachedUs,
      target: '—',
      met: null,
    },
    {
      id: 'event_loop_max_delay',
      scenario: `event-loop max delay, ${EL_FILES} async loads in flight (ms)`,
      unit: 'ms',
      core: js.coreEventLoop.maxMs,
      baseline: js.baseEventLoop.maxMs,
      ratio: js.baseEventLoop.maxMs / js.coreEventLoop.maxMs,
      target: '≤ 2 ms',
      met: js.coreEventLoop.maxMs <= 2,
    },
    {
      id: 'readfile_during_loads',
      scenario: `an app's own fs.promises.readFile, ${EL_FILES} async loads in flight (ms; idle ${round(js.readFileIdleMs, 2)} ms)`,
      unit: 'ms',
      core: js.readFileDuringCoreMs,
      baseline: js.readFileDuringBaseMs,
      ratio: js.readFileDuringBaseMs / js.readFileDuringCoreMs,
      target: '≤ 2 ms',
      met: js.readFileDuringCoreMs <= 2,
    },
    {
      id: 'concurrent_vs_folder',
      scenario: `throughput of ${EL_FILES} concurrent loadAgent calls, as a share of one loadAgents (ms)`,
      unit: 'ms',
      core: js.core1000CallsMs,
      baseline: js.core1000DirMs,
      share: js.core1000DirMs / js.core1000CallsMs,
      target: '≥ 80%',
      met: js.core1000DirMs / js.core1000CallsMs >= 0.8,
    },
    {
      id: 'boundary_single_sync',
      scenario: 'boundary overhead, single sync cold (JS vs Rust-only µs)',
      unit: 'µs',
      core: js.coreSyncColdUs,
      rust: r.cache_load_cold_us,
      overhead: overhead(js.coreSyncColdUs, r.cache_load_cold_us),
      target: '≤ 30%',
      met: rust ? overhead(js.coreSyncColdUs, r.cache_load_cold_us) <= 0.3 : null,
    },
    {
      id: 'boundary_parse_agent',
      scenario: 'boundary overhead, parseAgent(string) (JS vs Rust-only parse + to_json µs)',
      unit: 'µs',
      core: breakdown.coreParseAgentUs,
      rust: r.parse_to_json_us,
      overhead: overhead(breakdown.coreParseAgentUs, r.parse_to_json_us),
      target: '≤ 30%',
      met: rust ? overhead(breakdown.coreParseAgentUs, r.parse_to_json_us) <= 0.3 : null,
    },
    {
      id: 'boundary_dir_200',
      scenario: `boundary overhead, ${DIR_FILES}-file folder (JS vs Rust-only ms)`,
      unit: 'ms',
      core: js.coreDirMs,
      rust: r.dir_load_ms,
      overhead: overhead(js.coreDirMs, r.dir_load_ms),
      target: '≤ 30%',
      met: rust ? overhead(js.coreDirMs, r.dir_load_ms) <= 0.3 : null,
    },
    {
      id: 'boundary_cached',
      scenario: 'boundary overhead, cached reload (JS vs Rust-only µs)',
      unit: 'µs',
      core: js.coreCachedUs,
      rust: r.cache_hit_us,
      overhead: overhead(js.coreCachedUs, r.cache_hit_us),
      target: '—',
      met: null,
    },
  ];
  const roundAll = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v, 3) : v && typeof v === 'object' && !Array.isArray(v) ? roundAll(v) : Array.isArray(v) ? v.map((x) => (typeof x === 'number' ? round(x, 3) : x)) : v]));
  return roundAll({ env, rows, js, breakdown, rust });
}

const fmt = (x, unit) => {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  const d = x >= 100 ? 0 : x >= 10 ? 1 : 2;
  return `${x.toFixed(d)} ${unit}`;
};
/** 1.1, 2.49, 12.3, 0.0068: three significant digits (two below 1), no trailing zeros. */
const ratioText = (r) => {
  const t = r >= 100 ? r.toFixed(0) : r.toPrecision(r < 1 ? 2 : 3);
  return t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t;
};
const yesNo = (m) => (m === null ? '—' : m ? 'yes' : 'NO');

function renderTable(res) {
  const lines = [
    '| scenario | madace-core | js-yaml+zod | ratio | target | met? |',
    '|---|---:|---:|---:|---|:---:|',
  ];
  for (const row of res.rows) {
    if (row.share !== undefined) {
      lines.push(
        `| ${row.scenario} | ${fmt(row.core, row.unit)} | loadAgents ${fmt(row.baseline, row.unit)} | ` +
          `${Number.isFinite(row.share) ? `${Math.round(row.share * 100)}%` : 'n/a'} | ${row.target} | ${yesNo(row.met)} |`,
      );
    } else if (row.id.startsWith('boundary')) {
      lines.push(
        `| ${row.scenario} | ${fmt(row.core, row.unit)} | Rust-only ${fmt(row.rust, row.unit)} | ` +
          `${row.overhead === null ? 'n/a' : `+${Math.round(row.overhead * 100)}%`} | ${row.target} | ${yesNo(row.met)} |`,
      );
    } else {
      const peer = row.id === 'yaml_stage' ? 'full parser ' : '';
      lines.push(
        `| ${row.scenario} | ${fmt(row.core, row.unit)} | ${peer}${fmt(row.baseline, row.unit)} | ` +
          `${row.ratio === null ? 'n/a' : `${ratioText(row.ratio)}×`} | ${row.target} | ${yesNo(row.met)} |`,
      );
    }
  }
  return lines.join('\n');
}

function renderBreakdown(res) {
  const b = res.breakdown;
  const r = res.rust || {};
  const js = res.js;
  const el = (e) =>
    `max ${fmt(e.maxMs, 'ms')} (worst ${fmt(e.worstMs, 'ms')}), firing the calls ${fmt(e.fireMs, 'ms')}, ` +
    `all done ${fmt(e.totalMs, 'ms')}, longest GC pause ${fmt(e.gcMaxPauseMs, 'ms')}`;
  return [
    'Where the time goes (medians over the corpus files, µs per file):',
    `  madace-core  Rust: read ${fmt(r.read_text_us, '')}| yaml tree ${fmt(r.yaml_parse_us, '')}(fast path ${fmt(r.yaml_fast_us, '')}; ` +
      `full parser ${fmt(r.yaml_full_us, '')}, its saphyr events alone ${fmt(r.saphyr_events_us, '')}) | ` +
      `parse+check+normalize ${fmt(r.parse_agent_us, '')}| to_json ${fmt(r.to_json_us, '')}| load+to_json ${fmt(r.load_to_json_us, '')}| cache cold ${fmt(r.cache_load_cold_us, '')}`,
    `               JS:   native parse (no JSON.parse) ${fmt(b.coreNativeParseNoJsonParseUs, '')}| native load cold (no JSON.parse) ${fmt(b.coreNativeLoadColdNoJsonParseUs, '')}| ` +
      `JSON.parse ${fmt(b.jsonParseUs, '')}(${b.jsonBytes} B) | JSON.parse + deep freeze ${fmt(b.jsonParseFreezeUs, '')}| parseAgent ${fmt(b.coreParseAgentUs, '')}| clearAgentCache ${fmt(js.coreClearCacheUs, '')}(not in the timed loads)`,
    `  js-yaml+zod: readFileSync ${fmt(b.readFileSyncUs, '')}| yaml.load ${fmt(b.baseYamlLoadUs, '')}| zod parse ${fmt(b.baseZodUs, '')}| yaml+zod+normalize ${fmt(b.baseParseTextUs, '')}`,
    `${DIR_FILES}-file folder (ms): loadAgents ${fmt(js.coreDirMs, '')}| addon alone, no JSON.parse ${fmt(js.coreDirNativeMs, '')}| ${DIR_FILES}× loadAgent ${fmt(js.coreDirPerFileCallsMs, '')}| loadAgentsSync ${fmt(js.coreDirSyncMs, '')}| ` +
      `Rust-only ${fmt(r.dir_load_ms, '')}(1 thread ${fmt(r.dir_load_1thread_ms, '')}, discovery ${fmt(r.dir_discover_ms, '')}, ` +
      `cores really used ${fmt(r.dir_load_cpu_per_wall, '')})`,
    `cached reload (µs): statSync alone ${fmt(js.statSyncUs, '')}| async loadAgent, cached ${fmt(js.coreCachedAsyncUs, '')}| Rust-only hit ${fmt(r.cache_hit_us, '')}`,
    `event loop (the timer alone, no load, 500 ms: max ${fmt(js.idleDelayMs, 'ms')}, p99 ${fmt(js.idleDelayP99Ms, 'ms')}):`,
    `  madace-core ${EL_FILES}× loadAgent: ${el(js.coreEventLoop)}`,
    `  madace-core loadAgents(folder of ${EL_FILES}): ${el(js.coreEventLoopDir)}`,
    `  js-yaml+zod ${EL_FILES}× loadAgent: ${el(js.baseEventLoop)}`,
    js.coreEventLoopLimited
      ? `  PROTOTYPE (not shipped), ≤${js.limitedLoaderInFlight} loads in flight + JSON.parse in 0.5 ms slices: ${el(js.coreEventLoopLimited)}`
      : '  PROTOTYPE scheduler: n/a (the addon export it uses has changed)',
    `an app's own fs.promises.readFile (ms): idle ${fmt(js.readFileIdleMs, '')}| during ${EL_FILES} madace-core loads ${fmt(js.readFileDuringCoreMs, '')}| ` +
      `during ${EL_FILES} js-yaml+zod loads ${fmt(js.readFileDuringBaseMs, '')}`,
    `${EL_FILES} files (ms): ${EL_FILES}× loadAgent at once ${fmt(js.core1000CallsMs, '')}| one loadAgents ${fmt(js.core1000DirMs, '')}`,
  ].join('\n');
}

function bar(value, scale, width) {
  const cells = Math.max(0, (value / scale) * width);
  const full = Math.floor(cells);
  const parts = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
  return '█'.repeat(full) + parts[Math.round((cells - full) * 8) % 8];
}

function renderChart(res) {
  const width = 40;
  const speed = res.rows.filter((r) => r.ratio !== undefined && r.ratio !== null && !['cached_reload_no_stat', 'yaml_stage'].includes(r.id));
  const labels = {
    single_sync_cold: 'single file, sync, cold',
    single_sync_evicted: 'single file, caches evicted',
    parse_string: 'parseAgent(string)',
    parse_string_wasm: 'parseAgent, WebAssembly',
    parse_string_wasm_yaml: 'parseAgent, wasm/yaml',
    edit_replace: 'one edit vs yaml Document',
    single_sync_yaml_pkg: 'single file vs yaml + zod',
    dir_200_async: `${DIR_FILES} files, async folder`,
    cached_reload: 'cached reload (stat)',
    event_loop_max_delay: 'event-loop max delay',
    readfile_during_loads: "app's readFile, loads busy",
  };
  // Past 25× a bar is cut (▶): the app's readFile ratio would dwarf the rest.
  const scale = Math.min(25, Math.max(5, ...speed.map((r) => r.ratio || 0))) * 1.05;
  const lines = [`madace-core vs js-yaml 4 + zod 4 (× better; ┆ = target)`, ''];
  for (const r of speed) {
    let b = (r.ratio > scale ? `${bar(scale * 0.97, scale, width)}▶` : bar(r.ratio, scale, width)).padEnd(width, ' ');
    const t = r.atLeast;
    if (t) {
      const at = Math.min(width - 1, Math.round((t / scale) * width));
      if (b[at] === ' ') b = b.slice(0, at) + '┆' + b.slice(at + 1);
    }
    const note = t ? `target ≥ ${t}×` : `${fmt(r.core, r.unit)} (target ${r.target})`;
    lines.push(`${labels[r.id].padEnd(26)} ${b} ${r.ratio.toFixed(1).padStart(5)}×  ${note}`);
  }
  lines.push('', 'boundary overhead over Rust-only time (┆ = 30% target)', '');
  const bounds = res.rows.filter((r) => r.id.startsWith('boundary') && Number.isFinite(r.overhead));
  const oScale = Math.max(0.6, ...bounds.map((r) => r.overhead)) * 1.05;
  const blabels = {
    boundary_single_sync: 'single file, sync, cold',
    boundary_parse_agent: 'parseAgent(string)',
    boundary_dir_200: `${DIR_FILES} files, async folder`,
    boundary_cached: 'cached reload',
  };
  for (const r of bounds) {
    let b = bar(Math.max(0, r.overhead), oScale, width).padEnd(width, ' ');
    const at = Math.round((0.3 / oScale) * width);
    if (b[at] === ' ') b = b.slice(0, at) + '┆' + b.slice(at + 1);
    lines.push(`${blabels[r.id].padEnd(26)} ${b} ${`${r.overhead >= 0 ? '+' : ''}${Math.round(r.overhead * 100)}%`.padStart(6)}`);
  }
  const e = res.env;
  return [
    '<!-- generated by `npm run bench` (bench/run.js); see bench/README.md -->',
    '',
    `Measured ${e.date.slice(0, 10)}: node ${e.node}, ${e.cpus} × ${e.cpu}, ${e.corpusFiles} agent files (median ${e.medianFileBytes} B), js-yaml ${e.jsYaml}, yaml ${e.yamlPkg}, zod ${e.zod}.`,
    '',
    renderTable(res),
    '',
    '```text',
    ...lines,
    '```',
    '',
  ].join('\n');
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
