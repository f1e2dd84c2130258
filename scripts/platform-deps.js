'use strict';
// The main package's optionalDependencies name one prebuilt package per
// platform (platforms/<platform>/). In this repository they are `file:` links,
// so development and CI never take a platform binary from the registry; the
// published manifest pins them to the package's own version. The checkout
// compiles the addon through `prepare` (npm runs it for `npm install` in a
// checkout); the published manifest has no `prepare` or `build` script, so
// installing the package never announces an install script. npm runs
//   `node scripts/platform-deps.js publish` before packing (prepack) and
//   `node scripts/platform-deps.js dev` after it (postpack).

const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const manifestPath = path.join(root, 'package.json');
const SCOPE = '@madace-core';
/** The scripts a checkout needs and a published package must not carry. */
const CHECKOUT_SCRIPTS = ['prepare', 'build'];
/** The checkout's scripts, kept while the manifest is packed. */
const stashPath = path.join(root, 'target', 'publish-stash.json');

function platformDeps(mode, version) {
  const platforms = fs.readdirSync(path.join(root, 'platforms')).sort();
  return Object.fromEntries(
    platforms.map((platform) => {
      const own = JSON.parse(fs.readFileSync(path.join(root, 'platforms', platform, 'package.json'), 'utf8'));
      if (own.name !== `${SCOPE}/${platform}` || own.version !== version) {
        throw new Error(`platforms/${platform}/package.json is ${own.name}@${own.version}; expected ${SCOPE}/${platform}@${version}`);
      }
      return [own.name, mode === 'publish' ? version : `file:platforms/${platform}`];
    }),
  );
}

function main(mode) {
  if (mode !== 'publish' && mode !== 'dev') throw new Error('usage: node scripts/platform-deps.js publish|dev');
  const text = fs.readFileSync(manifestPath, 'utf8');
  const manifest = JSON.parse(text);
  manifest.optionalDependencies = platformDeps(mode, manifest.version);
  if (mode === 'publish' && CHECKOUT_SCRIPTS.some((name) => name in manifest.scripts)) {
    fs.mkdirSync(path.dirname(stashPath), { recursive: true });
    fs.writeFileSync(stashPath, JSON.stringify(manifest.scripts));
    for (const name of CHECKOUT_SCRIPTS) delete manifest.scripts[name];
  }
  if (mode === 'dev' && fs.existsSync(stashPath)) {
    manifest.scripts = JSON.parse(fs.readFileSync(stashPath, 'utf8'));
    fs.rmSync(stashPath);
  }
  const next = `${JSON.stringify(manifest, null, 2)}\n`;
  if (next !== text) fs.writeFileSync(manifestPath, next);
}

main(process.argv[2]);
