'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { parseBaseUrl } = require('./base-url.js');

test('parseBaseUrl accepts loopback http and any https', async (t) => {
  const table = [
    ['http://127.0.0.1:8765', 'http://127.0.0.1:8765'],
    ['http://127.0.0.1:8765/', 'http://127.0.0.1:8765'],
    ['  http://localhost:9000  ', 'http://localhost:9000'],
    ['http://127.0.0.1', 'http://127.0.0.1'],
    ['http://LOCALHOST:8765', 'http://localhost:8765'],
    ['https://sincerely.example.com', 'https://sincerely.example.com'],
    ['https://team.example.org:8443/sincerely/', 'https://team.example.org:8443/sincerely'],
    ['https://서버.example', 'https://xn--hk3b17f.example'],
  ];
  for (const [input, want] of table) {
    await t.test(input, () => assert.deepEqual(parseBaseUrl(input).url, want));
  }
});

test('parseBaseUrl refuses everything else, with a reason', async (t) => {
  const table = [
    '',
    '   ',
    null,
    'not a url',
    '127.0.0.1:8765',
    'http://example.com',
    'http://192.168.1.5:8765',
    'http://127.0.0.2:8765',
    'http://localhost.evil.com',
    'http://127.0.0.1.nip.io',
    'http://[::1]:8765',
    'ftp://127.0.0.1',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'chrome-extension://abc/options.html',
    'https://user:pw@example.com',
    'http://x@127.0.0.1:8765',
    'https://example.com/?next=1',
    'https://example.com/#frag',
    'http://127.0.0.1:99999',
  ];
  for (const input of table) {
    await t.test(String(JSON.stringify(input)), () => {
      const r = parseBaseUrl(input);
      assert.equal(r.ok, false);
      assert.match(r.error, /\w{3,}/);
    });
  }
});
