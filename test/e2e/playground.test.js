'use strict';
// End to end in a real browser: examples/playground served on localhost,
// opened in headless Chromium (Debian's `chromium`, driven by
// playwright-core), a broken agent typed into it; the problem's line,
// column, message and code frame must appear on the page, then the parsed
// agent once it is fixed. The main entry's browser build (top-level await,
// no init) is imported in the same page. Where no Chromium is installed the
// test skips, saying so; `.ci/run` installs it, so CI always runs it.
// With MADACE_SCREENSHOT=<file>, the page with the broken agent is saved
// there (examples/playground/screenshot.png, shown in the README).

const { describe, before, after, test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { root, killGroup } = require('../support/run');

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
const chromium = CANDIDATES.find((file) => fs.existsSync(file));
const skip = chromium ? false : `no Chromium found (looked for ${CANDIDATES.join(', ')}; apt-get install chromium, or set CHROMIUM_PATH)`;

/** Starts examples/playground/serve.mjs on a free port; resolves with the server process and the page's URL. */
function serve() {
  return new Promise((resolve, reject) => {
    const server = spawn(process.execPath, [path.join(root, 'examples', 'playground', 'serve.mjs'), '0'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    server.on('error', reject);
    server.stdout.setEncoding('utf8').once('data', (line) => resolve({ server, url: line.trim() }));
  });
}

describe('the playground in headless Chromium', { skip }, () => {
  let server;
  let url;
  let browser;
  let page;
  const consoleErrors = [];

  before(async () => {
    ({ server, url } = await serve());
    const { chromium: launcher } = require('playwright-core');
    // Without the background-networking flags Chromium keeps dialing Google's hosts, which a closed network refuses.
    browser = await launcher.launch({
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 640 } });
    page.on('console', (message) => message.type() === 'error' && consoleErrors.push(message.text()));
    page.on('pageerror', (err) => consoleErrors.push(err.message));
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
  });

  after(async () => {
    await browser?.close();
    if (server) killGroup(server.pid);
  });

  test('the sample agent loads valid, with its parsed value', async () => {
    assert.equal(await page.textContent('#status'), 'valid');
    const parsed = JSON.parse(await page.textContent('#result'));
    assert.deepEqual([parsed.metadata.id, parsed.metadata.name, parsed.menu.length], ['pm', 'PM', 4]);
    assert.deepEqual(consoleErrors, []);
  });

  test('a broken agent, typed in, shows its problem at its line and column with the code frame', async () => {
    await page.fill('#source', '');
    await page.locator('#source').pressSequentially('agent:\n  metadata:\n    id: pm\n    name: "PM\n    title: x\n', { delay: 5 });
    const item = page.locator('#problems li').first();
    await item.waitFor();
    assert.equal(await page.textContent('#status'), '1 error, 0 warnings');
    assert.deepEqual(await item.evaluate((li) => ({ ...li.dataset })), { line: '4', column: '11', code: 'E_YAML' });
    assert.equal(await item.locator('.where').textContent(), '4:11');
    assert.equal(
      await item.locator('.message').textContent(),
      'the string opened at 4:11 is never closed (its next line is indented too little to continue it): add the closing "',
    );
    assert.equal(
      await item.locator('.frame').textContent(),
      '  2 |   metadata:\n  3 |     id: pm\n> 4 |     name: "PM\n    |           ^\n  5 |     title: x\n',
    );
    assert.equal(await page.textContent('#result'), '(not parsed while the text has errors)');
    if (process.env.MADACE_SCREENSHOT) await page.screenshot({ path: process.env.MADACE_SCREENSHOT });
  });

  test('schema problems are each located; fixing them shows the parsed agent', async () => {
    await page.fill('#source', 'agent:\n  metadata:\n    id: pm\n    name: PM\n    title: Product Manager\n    icon: "📋"\n    module: mam\n    version: 1.0.0\n  menu: []\n');
    const problems = await page.locator('#problems li').evaluateAll((items) => items.map((li) => `${li.dataset.line}:${li.dataset.column} ${li.querySelector('.message').textContent}`));
    assert.deepEqual(problems, ["2:3 agent.persona: required field 'persona' is missing"]);
    await page.fill('#source', `${await page.inputValue('#source')}  persona:\n    role: PM\n    identity: I plan.\n    communication_style: Direct\n    principles: [Ship]\n`);
    assert.equal(await page.textContent('#status'), 'valid');
    assert.equal(JSON.parse(await page.textContent('#result')).persona.role, 'PM');
  });

  test('a customize.toml is checked on its own: a TOML mistake at its line and column', async () => {
    await page.selectOption('#file', 'bmad-agent-pm/customize.toml');
    await page.waitForFunction(() => document.querySelector('#source').value.includes('[agent]'));
    assert.equal(await page.textContent('#status'), 'valid');
    await page.fill('#source', '[agent]\nicon = "📋\n');
    const item = page.locator('#problems li').first();
    assert.deepEqual(await item.evaluate((li) => ({ ...li.dataset })), { line: '2', column: '8', code: 'E_TOML' });
    assert.match(await item.locator('.message').textContent(), /^the string opened at 2:8 is never closed/);
  });

  test("the main entry's browser build works without init(), as in Node.js", async () => {
    const name = await page.evaluate(async () => {
      const madace = await import('/lib/wasm/ready.mjs');
      return madace.parseAgent('agent:\n  metadata: {id: a, name: Ann, title: T, icon: "x", module: m, version: "1"}\n  persona: {role: r, identity: i, communication_style: c, principles: [p]}\n  menu: []\n').metadata.name;
    });
    assert.equal(name, 'Ann');
    assert.deepEqual(consoleErrors, []);
  });

  test('madace-core/wasm/yaml: init() fetches its own module; YAML located as by the full build, a SKILL.md refused', async () => {
    const seen = await page.evaluate(async () => {
      const small = await import('/lib/wasm/browser-yaml.mjs');
      await small.init();
      const caught = (fn) => {
        try {
          fn();
        } catch (err) {
          return [err.name, err.code, err.line, err.column];
        }
      };
      return {
        broken: caught(() => small.parseAgent('agent:\n  metadata:\n    name: "PM\n', { filename: 'pm.agent.yaml' })),
        skill: caught(() => small.validateTextSync('---\nname: x\n---\n', { filename: 'x/SKILL.md' })),
        fetched: performance.getEntriesByType('resource').map((r) => new URL(r.name).pathname).filter((p) => p.endsWith('.wasm')),
      };
    });
    assert.deepEqual(seen.broken, ['AgentLoadError', 'E_YAML', 3, 11]);
    assert.deepEqual(seen.skill, ['MadaceError', 'E_NOT_IN_BUILD', null, null]);
    assert.ok(seen.fetched.includes('/lib/wasm/madace_core_yaml.wasm'), seen.fetched.join());
    assert.deepEqual(consoleErrors, []);
  });
});
