'use strict';
// security.md E1, E2, E4, E5: the manifest's exact permission sets, no remote code, the token never in content scripts.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const root = __dirname;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
const sorted = (a) => [...(a || [])].sort();

function allFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(p) : [p];
  });
}
const shipped = allFiles(root).filter((f) => /\.(js|html|css|json)$/.test(f) && !f.endsWith('.test.js'));
const read = (f) => fs.readFileSync(f, 'utf8');

test('manifest: exact permission sets', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.deepEqual(sorted(manifest.permissions), ['storage']);
  assert.deepEqual(sorted(manifest.host_permissions), ['http://127.0.0.1/*', 'http://localhost/*']);
  assert.deepEqual(sorted(manifest.optional_host_permissions), ['https://*/*']);
  assert.equal(manifest.optional_permissions, undefined);
  assert.equal(manifest.content_scripts.length, 1);
  assert.deepEqual(manifest.content_scripts[0].matches, ['https://mail.google.com/*']);
  assert.equal(manifest.content_scripts[0].all_frames, false);
  assert.equal(manifest.web_accessible_resources, undefined);
  assert.equal(manifest.externally_connectable, undefined);
  assert.equal(manifest.content_security_policy, undefined, 'no CSP loosening: the MV3 default applies');
  assert.ok(!JSON.stringify(manifest).includes('<all_urls>'));
});

test('every file the manifest names exists', () => {
  const named = [manifest.background.service_worker, manifest.options_ui.page,
    ...manifest.content_scripts.flatMap((c) => [...c.js, ...(c.css || [])])];
  for (const f of named) assert.ok(fs.existsSync(path.join(root, f)), f);
});

test('the content script and its helpers, exactly, in load order', () => {
  assert.deepEqual(manifest.content_scripts[0].js, [
    'src/helpers/offsets.js',
    'src/helpers/extract.js',
    'src/helpers/debounce.js',
    'src/helpers/recipients.js', // messages.js uses it
    'src/helpers/messages.js',
    'src/helpers/notes.js',
    'src/helpers/hints.js',
    'src/content/inline-hints.js',
  ]);
  assert.deepEqual(manifest.content_scripts[0].css, ['src/content/inline-hints.css']);
  const sw = read(path.join(root, manifest.background.service_worker));
  assert.match(sw, /importScripts\('helpers\/base-url\.js', 'helpers\/recipients\.js', 'helpers\/messages\.js'\);/);
});

test('the content script comes last, after every helper it uses', () => {
  const js = manifest.content_scripts[0].js;
  const script = js[js.length - 1];
  assert.equal(script, 'src/content/inline-hints.js');
  const used = [...read(path.join(root, script)).matchAll(/\bS\.(\w+)\b/g)].map((m) => m[1]);
  assert.ok(used.includes('notes'));
  for (const name of new Set(used)) assert.ok(js.slice(0, -1).includes(`src/helpers/${name}.js`), name);
});

test('no remote code: no eval, no new Function, no remote scripts, no inline scripts', () => {
  for (const f of shipped) {
    const src = read(f);
    assert.doesNotMatch(src, /\beval\s*\(|new\s+Function\s*\(|setTimeout\s*\(\s*['"`]/, f);
    assert.doesNotMatch(src, /<script[^>]+src=["']https?:/i, f);
    assert.doesNotMatch(src, /import\s*\(\s*['"`]https?:/, f);
    if (f.endsWith('.html')) assert.doesNotMatch(src, /<script(?![^>]*\ssrc=)[^>]*>/i, `${f}: inline script`);
  }
});

test('DOM writes never use innerHTML, outerHTML, insertAdjacentHTML or document.write', () => {
  for (const f of shipped.filter((x) => x.endsWith('.js'))) {
    assert.doesNotMatch(read(f), /innerHTML|outerHTML|insertAdjacentHTML|document\.write/, f);
  }
});

test('content scripts never read storage or the token key', () => {
  const sw = read(path.join(root, manifest.background.service_worker));
  const tokenKey = sw.match(/const TOKEN_KEY = '([^']+)'/)[1];
  assert.ok(tokenKey.length > 5);
  for (const f of manifest.content_scripts[0].js) {
    const src = read(path.join(root, f));
    assert.ok(!src.includes(tokenKey), `${f} mentions the token key`);
    assert.ok(!/chrome\.storage|TOKEN_KEY|apiToken/.test(src), `${f} touches storage`);
    assert.ok(!/\bfetch\s*\(|XMLHttpRequest|WebSocket/.test(src), `${f} talks to the network`);
  }
});

test('the service worker fetches only under the saved base URL', () => {
  const sw = read(path.join(root, manifest.background.service_worker));
  const fetches = sw.match(/fetch\(([^,]+),/g);
  assert.deepEqual(fetches, ['fetch(base.url + path,']);
  assert.doesNotMatch(sw, /chrome\.storage\.sync/);
});
