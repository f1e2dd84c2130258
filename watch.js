'use strict';
// `watch(paths, { strict, onReport })`: validates once, then again whenever
// definition files are created, edited, renamed or deleted, reporting only
// the files whose result changed. File events come from chokidar (the
// maintained watcher of the Node ecosystem, on fs.watch / inotify / FSEvents),
// not from polling; events are debounced, so an editor's save-by-rename
// (write a temp file, rename it over) is one change.

const fs = require('node:fs');
const path = require('node:path');

/** What the folder search of `validate` picks up, by name. */
const DEFINITION = /(\.agent\.yaml|\.workflow\.yaml|(^|[\\/])workflow\.yaml|(^|[\\/])core[\\/]config\.yaml)$/;
const IGNORED = /(^|[\\/])(node_modules|\.git|target)([\\/]|$)/;

/**
 * @param validateSync the library's validateSync
 * @param paths files and folders to watch (as for validate)
 * @param options `{ strict, onReport, debounceMs }`; `onReport(report)` gets
 *   a ValidationReport of the files whose result changed, plus `removed`:
 *   the definition files that are gone.
 * @returns `{ ready, close }`: `ready` resolves once the first report was
 *   delivered and the watcher is listening; `close()` stops it.
 */
function watch(validateSync, paths, { strict = false, onReport, debounceMs = 100 } = {}) {
  const chokidar = require('chokidar');
  const last = new Map(); // path -> JSON of its last FileReport
  const pending = new Set();
  let timer = null;
  let closed = false;

  const remember = (report) => {
    const changed = report.files.filter((f) => {
      const now = JSON.stringify(f);
      if (last.get(f.path) === now) return false;
      last.set(f.path, now);
      return true;
    });
    const failed = changed.filter((f) => f.problems.some((p) => p.severity === 'error')).length;
    return { files: changed, passed: changed.length - failed, failed };
  };

  const flush = () => {
    timer = null;
    if (closed) return;
    const touched = [...pending];
    pending.clear();
    const existing = touched.filter((f) => fs.existsSync(f));
    const removed = touched.filter((f) => !existing.includes(f) && last.delete(f));
    const report = existing.length ? remember(validateSync(existing, { strict })) : { files: [], passed: 0, failed: 0 };
    if (report.files.length || removed.length) onReport({ ...report, removed });
  };

  const touch = (file) => {
    if (!DEFINITION.test(file) || closed) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, debounceMs);
  };

  onReport({ ...remember(validateSync(paths, { strict })), removed: [] });
  const watcher = chokidar.watch(paths, {
    ignoreInitial: true,
    ignored: (file) => IGNORED.test(file),
    atomic: false, // our own debounce joins save-by-rename, with one rule for every editor
  });
  for (const event of ['add', 'change', 'unlink']) watcher.on(event, (file) => touch(path.normalize(file)));
  const ready = new Promise((resolve, reject) => {
    watcher.once('ready', resolve);
    watcher.once('error', reject);
  });
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
