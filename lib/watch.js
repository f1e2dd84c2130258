'use strict';
// `watch(paths, { strict, dialect, onReport })`: validates once, then again
// whenever definition files are created, edited, renamed or deleted,
// reporting only the files whose result changed. Which files count is the
// core's answer (lib/catalog.js): a TOML layer's change re-checks the skill
// or central config it belongs to. File events come from chokidar (the
// maintained watcher of the Node ecosystem, on fs.watch / inotify /
// FSEvents), not from polling; events are debounced, so an editor's
// save-by-rename (write a temp file, rename it over) is one change.

const fs = require('node:fs');
const path = require('node:path');
const { SKIPPED_DIRS, MAX_FOLDER_DEPTH, kindOf, ownerOf } = require('./catalog');

const isSkipped = (file) => file.split(/[\\/]/).some((part) => SKIPPED_DIRS.includes(part));

/**
 * @param validateSync `(paths, { strict, dialect }) => report`
 * @param paths files and folders to watch (as for validate)
 * @param options `{ strict, dialect, onReport, debounceMs }`; `onReport(report)`
 *   gets a ValidationReport of the files whose result changed, plus
 *   `removed`: the definition files that are gone, and `totals`: the files
 *   watched now and their errors and warnings.
 * @returns `{ ready, close }`: `ready` resolves once the first report was
 *   delivered and the watcher is listening; `close()` stops it.
 */
function watch(validateSync, paths, { strict = false, dialect, onReport, onError = () => {}, debounceMs = 100 }) {
  const chokidar = require('chokidar');
  const last = new Map(); // checked file -> { json, errors, warnings } of its last FileReport
  const pending = new Set();
  let timer = null;
  let closed = false;

  const remember = (report) => {
    const changed = report.files.filter((f) => {
      const json = JSON.stringify(f);
      if (last.get(f.path)?.json === json) return false;
      const count = (severity) => f.problems.filter((p) => p.severity === severity).length;
      last.set(f.path, { json, errors: count('error'), warnings: count('warning') });
      return true;
    });
    const failed = changed.filter((f) => f.problems.some((p) => p.severity === 'error')).length;
    return { files: changed, passed: changed.length - failed, failed };
  };

  // Every watched file as it stands now, as tsc --watch counts after each run.
  const totals = () => {
    const all = [...last.values()];
    const sum = (key) => all.reduce((n, f) => n + f[key], 0);
    return { files: all.length, errors: sum('errors'), warnings: sum('warnings') };
  };

  const flush = () => {
    timer = null;
    if (closed) return;
    // A layer's change is its owner's: the owner is what is checked and reported.
    const owners = [...new Set([...pending].map((f) => ownerOf(f) ?? f))];
    pending.clear();
    const existing = owners.filter((f) => fs.existsSync(f));
    const removed = owners.filter((f) => !existing.includes(f) && last.delete(f));
    const report = existing.length ? remember(validateSync(existing, { strict, dialect })) : { files: [], passed: 0, failed: 0 };
    if (report.files.length || removed.length) onReport({ ...report, removed, totals: totals() });
  };

  const touch = (file) => {
    if (closed || kindOf(file) === null) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  onReport({ ...remember(validateSync(paths, { strict, dialect })), removed: [], totals: totals() });
  const watcher = chokidar.watch(paths, {
    ignoreInitial: true,
    ignored: isSkipped,
    atomic: false, // our own debounce joins save-by-rename, with one rule for every editor
    // As validate's walk: linked folders are not followed (a loop, or a way
    // out of the tree), and a chain of folders is cut at the walk's depth.
    followSymlinks: false,
    depth: MAX_FOLDER_DEPTH,
  });
  // A watcher error (a folder that vanished, too many watches) must never
  // become an unhandled 'error' event that ends the host process.
  watcher.on('error', (err) => onError(err));
  for (const event of ['add', 'change', 'unlink']) watcher.on(event, (file) => touch(path.normalize(file)));
  const ready = new Promise((resolve) => watcher.once('ready', resolve));
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      await watcher.close();
    },
  };
}

module.exports = { watch };
