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
// Each platform package is required by its literal name, in its own branch,
// as napi-rs's generated loaders do: bundlers and file tracers (@vercel/nft,
// Next.js's standalone output) can then see and copy the binary.

const { currentPlatform } = require('@neon-rs/load');

const SCOPE = '@madace-core';

function detectPlatform() {
  try {
    return { platform: currentPlatform(), supported: true };
  } catch {
    return { platform: `${process.platform}-${process.arch}`, supported: false };
  }
}

/** The platform package for `platform`, required by its literal name (see above). */
function requirePlatform(platform) {
  // A bundler that stops here with "Can't resolve '@madace-core/…'" is bundling madace-core:
  // keep it external (Next.js: serverExternalPackages: ['madace-core']); only one of these is installed.
  switch (platform) {
    case 'darwin-arm64':
      return require('@madace-core/darwin-arm64');
    case 'darwin-x64':
      return require('@madace-core/darwin-x64');
    case 'linux-arm64-gnu':
      return require('@madace-core/linux-arm64-gnu');
    case 'linux-arm64-musl':
      return require('@madace-core/linux-arm64-musl');
    case 'linux-x64-gnu':
      return require('@madace-core/linux-x64-gnu');
    case 'linux-x64-musl':
      return require('@madace-core/linux-x64-musl');
    case 'win32-x64-msvc':
      return require('@madace-core/win32-x64-msvc');
    default: {
      const err = new Error(`Cannot find module '${SCOPE}/${platform}'`);
      err.code = 'MODULE_NOT_FOUND';
      throw err;
    }
  }
}

/**
 * Whether this file runs from a bundle (webpack, Turbopack) rather than from
 * node_modules: then a platform package that is installed can still be
 * missing from the bundle's output.
 */
function bundled() {
  return typeof __webpack_require__ === 'function' || /[\\/]\.next[\\/]/.test(__dirname);
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
      return requirePlatform(platform);
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
  if (supported && bundled()) {
    const err = new Error(
      `madace-core: the package ${pkg} could not be loaded from this bundle (madace-core runs from ${__dirname}): ` +
        'native addons must be loaded by Node.js at run time, not bundled. Fix: add \'madace-core\' to ' +
        '`serverExternalPackages` in next.config (Next.js), or mark madace-core as external in your bundler.',
    );
    err.code = 'MADACE_ADDON_NOT_FOUND';
    throw err;
  }
  const wasm = " The text functions (parseAgent, validateText, editText, …) run without it from 'madace-core/wasm'.";
  const message = supported
    ? `madace-core: no native addon for this platform (${platform}): the package ${pkg} is not installed. Fix: reinstall with optional dependencies (\`npm install --include=optional madace-core\`; they are skipped by --omit=optional, --no-optional, or a lockfile written on another platform), or ${fromSource}.${wasm}`
    : `madace-core: there is no prebuilt native addon for this platform (${platform}). Fix: ${fromSource}.${wasm}`;
  const err = new Error(message);
  err.code = 'MADACE_ADDON_NOT_FOUND';
  throw err;
}

module.exports = { loadAddon };
