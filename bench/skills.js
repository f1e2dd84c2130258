'use strict';
// BMAD 6.x customization: madace-core's resolveCustomization in-process vs
// what apps do today, spawning BMAD's Python resolver
// (`uv run` / `python3 resolve_customization.py --skill … --project-root …`),
// on the PM agent skill with a team and a user layer. Both results are
// checked to be the same JSON first. BMAD's resolver is not part of this
// repository: point BMAD_RESOLVER at a BMAD-METHOD checkout's
// src/scripts/resolve_customization.py (its config_utils.py beside it), or
// the bench says why it skipped that side.

const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');
const madace = require('..');

const PM = path.resolve(__dirname, '..', '..', 'shared', 'corpus', 'bmad-method-6.11', 'src', 'bmm-skills', 'agents', 'bmad-agent-pm');
const RUNS = 7;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** A project with the PM skill and a team and a user layer. */
function project() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'madace-bench-skill-'));
  const skill = path.join(root, '.claude', 'skills', 'bmad-agent-pm');
  fs.mkdirSync(skill, { recursive: true });
  for (const name of ['SKILL.md', 'customize.toml']) fs.copyFileSync(path.join(PM, name), path.join(skill, name));
  const custom = path.join(root, '_bmad', 'custom');
  fs.mkdirSync(custom, { recursive: true });
  fs.writeFileSync(
    path.join(custom, 'bmad-agent-pm.toml'),
    '[agent]\nicon = "🏥"\nprinciples = ["Ship nothing that fails an audit."]\n\n[[agent.menu]]\ncode = "CE"\ndescription = "Create epics our way"\nskill = "custom-create-epics"\n\n[[agent.menu]]\ncode = "RC"\ndescription = "Compliance pre-check"\nprompt = "Read {project-root}/_bmad/custom/checklist.md"\n',
  );
  fs.writeFileSync(path.join(custom, 'bmad-agent-pm.user.toml'), '[agent]\npersistent_facts = ["Estimate everything."]\n');
  return { root, skill };
}

/** µs per call, median of RUNS runs of `n` calls. */
function perCall(n, fn) {
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) fn();
    runs.push(((performance.now() - start) * 1000) / n);
  }
  return median(runs);
}

async function perCallAsync(n, fn) {
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) await fn();
    runs.push(((performance.now() - start) * 1000) / n);
  }
  return median(runs);
}

function python() {
  for (const cmd of ['python3', 'python']) {
    try {
      const version = execFileSync(cmd, ['-c', 'import sys, tomllib; print(sys.version.split()[0])'], { encoding: 'utf8' });
      return { cmd, version: version.trim() };
    } catch {
      // not there, or older than 3.11 (no tomllib)
    }
  }
  return null;
}

async function main() {
  if (!fs.existsSync(PM)) {
    console.log(`skills bench skipped: ${PM} not found (clone ../shared beside the repo)`);
    return;
  }
  const { root, skill } = project();
  try {
    const sync = perCall(2000, () => madace.resolveCustomizationSync(skill, { projectRoot: root }));
    const promised = await perCallAsync(2000, () => madace.resolveCustomization(skill, { projectRoot: root }));
    const agent = perCall(2000, () => madace.loadSkillAgentSync(skill, { projectRoot: root }));
    console.log('\nBMAD 6.x customization (PM agent skill + team + user layer), medians of 7 runs');
    console.log(`  madace-core resolveCustomizationSync   ${sync.toFixed(1)} µs`);
    console.log(`  madace-core resolveCustomization       ${promised.toFixed(1)} µs`);
    console.log(`  madace-core loadSkillAgentSync         ${agent.toFixed(1)} µs (resolve + check)`);
    const resolver = process.env.BMAD_RESOLVER;
    const py = python();
    if (!resolver || !fs.existsSync(resolver)) {
      console.log('  BMAD resolver: skipped (set BMAD_RESOLVER to a BMAD-METHOD checkout\'s src/scripts/resolve_customization.py)');
      return;
    }
    if (!py) {
      console.log('  BMAD resolver: skipped (no python3 with tomllib, 3.11+, on PATH)');
      return;
    }
    const args = [resolver, '--skill', skill, '--project-root', root];
    const theirs = JSON.parse(execFileSync(py.cmd, args, { encoding: 'utf8' }));
    const ours = madace.resolveCustomizationSync(skill, { projectRoot: root });
    if (JSON.stringify(theirs) !== JSON.stringify(ours)) throw new Error('madace-core and BMAD\'s resolver disagree');
    const spawned = [];
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      for (let i = 0; i < 10; i++) {
        const run = spawnSync(py.cmd, args, { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(run.stderr);
      }
      spawned.push(((performance.now() - start) * 1000) / 10);
    }
    const theirsUs = median(spawned);
    console.log(`  ${py.cmd} ${py.version} resolve_customization.py (spawned, as apps run it)  ${(theirsUs / 1000).toFixed(1)} ms`);
    console.log(`  same JSON; madace-core is ${Math.round(theirsUs / sync)}× faster (sync), ${Math.round(theirsUs / promised)}× (Promise)`);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
