'use strict';
// Finds the native addon, in this order:
//   1. the prebuilt platform package, @madace-core/<platform>, which npm
//      installs from madace-core's optionalDependencies (os / cpu / libc pick
//      the one that fits);
//   2. an index.node built in a checkout of this repository (`npm install`
//      there compiles it);
//   3. neither: an error that names the platform, the package and the fix.
// @neon-rs/load's own loaders try the development build first; madace-core
// wants the published binary to win, so only its platform detection is used.

const { currentPlatform } = require('@neon-rs/load');

const SCOPE = '@madace-core';

function detectPlatform() {
  try {
    return { platform: currentPlatform(), supported: true };
  } catch {
    return { platform: `${process.platform}-${process.arch}`, supported: false };
  }
}

/** True when `require(id)` failed because `id` itself is not there (not because it failed to load). */
function isMissing(err, id) {
  return !!err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes(id);
}

function loadFailed(what, err) {
  const failed = new Error(`madace-core: ${what} is installed but failed to load: ${err && err.message}`, { cause: err });
  failed.code = 'MADACE_ADDON_LOAD_FAILED';
  return failed;
}

function loadAddon() {
  const { platform, supported } = detectPlatform();
  const pkg = `${SCOPE}/${platform}`;
  if (supported) {
    try {
      return require(pkg);
    } catch (err) {
      // This repo's own `file:` link to platforms/<platform>/, which holds a binary only in a release build, counts as not installed.
      if (!isMissing(err, pkg) && !isMissing(err, 'index.node')) throw loadFailed(`the platform package ${pkg}`, err);
    }
  }
  try {
    return require('../index.node');
  } catch (err) {
    if (!isMissing(err, 'index.node')) throw loadFailed('the locally built index.node', err);
  }
  const fromSource = 'build from source with a Rust toolchain (see "Building from source" in madace-core\'s README)';
  const message = supported
    ? `madace-core: no native addon for this platform (${platform}): the package ${pkg} is not installed. Fix: reinstall with optional dependencies (\`npm install --include=optional madace-core\`; they are skipped by --omit=optional, --no-optional, or a lockfile written on another platform), or ${fromSource}.`
    : `madace-core: there is no prebuilt native addon for this platform (${platform}). Fix: ${fromSource}.`;
  const err = new Error(message);
  err.code = 'MADACE_ADDON_NOT_FOUND';
  throw err;
}

module.exports = { loadAddon };
