'use strict';
// Helpers for the tests that drive real tools (npm, tsc, next): run a command
// with a time limit and a clean environment, and fail with its output.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..');

/**
 * The environment without what `npm test` adds (npm_*, INIT_CWD), so child
 * npm commands behave as a user's would, plus `extra`.
 */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return { ...env, NEXT_TELEMETRY_DISABLED: '1', ...extra };
}

/**
 * Runs `command args` in `cwd`; resolves to { status, stdout, stderr, output, ms }.
 * Rejects (with the output) on a non-zero status unless `allowFailure`, and
 * kills the process group when `timeoutMs` passes.
 */
function run(command, args, { cwd = root, env = cleanEnv(), timeoutMs = 300_000, allowFailure = false, input } = {}) {
  const started = Date.now();
  const label = `${command} ${args.join(' ')} (in ${cwd})`;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.stdin.end(input);
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${label}: could not start: ${err.message}`));
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - started;
      const output = `${stdout}${stderr}`;
      const result = { status, signal, stdout, stderr, output, ms };
      if (timedOut) return reject(new Error(`${label}: timed out after ${timeoutMs} ms\n${tail(output)}`));
      if (status !== 0 && !allowFailure) {
        return reject(new Error(`${label}: exit ${status ?? signal} after ${ms} ms\n${tail(output)}`));
      }
      resolve(result);
    });
  });
}

/** SIGTERM, then SIGKILL, to the process group led by `pid`. */
function killGroup(pid, signal = 'SIGTERM') {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function tail(text, lines = 60) {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? ['…', ...all.slice(-lines)] : all).join('\n');
}

const tempDirs = [];
process.on('exit', () => {
  if (!process.env.KEEP_TMP) for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed when the process exits (kept with KEEP_TMP=1, for debugging). */
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `madace-core-${prefix}-`));
  tempDirs.push(dir);
  return dir;
}

/** Prints a step with its duration, so slow steps show in the test log. */
function note(t, message) {
  t.diagnostic(message);
}

module.exports = { root, cleanEnv, run, killGroup, tail, tempDir, note };
