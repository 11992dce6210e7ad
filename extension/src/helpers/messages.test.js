'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { validateMessage, serverThreadId, MAX_TEXT_CHARS } = require('./messages.js');
const { MAX_RECIPIENTS } = require('./recipients.js');

const ctx = { runtimeId: 'abcdefghijklmnop', optionsUrl: 'chrome-extension://abcdefghijklmnop/options.html' };
const gmail = { id: ctx.runtimeId, url: 'https://mail.google.com/mail/u/0/#inbox', tab: { id: 3 } };
const options = { id: ctx.runtimeId, url: ctx.optionsUrl };
const analyze = { type: 'analyze', threadKey: 'thread-f:1780000000000000001', text: 'Hi 👋🏽 안녕' };

test('validateMessage accepts the named operations from the right senders', async (t) => {
  const table = [
    ['analyze', analyze, gmail, { type: 'analyze', threadKey: analyze.threadKey, text: analyze.text }],
    ['analyze with subject, extra fields dropped', { ...analyze, subject: 'Lisbon', url: 'http://evil/', token: 'x' }, gmail,
      { type: 'analyze', threadKey: analyze.threadKey, text: analyze.text, subject: 'Lisbon' }],
    ['analyze with recipients, normalised and deduplicated',
      { ...analyze, recipients: ['Dana@Example.com', 'kim@partner.example', 'dana@example.com'] }, gmail,
      { type: 'analyze', threadKey: analyze.threadKey, text: analyze.text, recipients: ['dana@example.com', 'kim@partner.example'] }],
    ['analyze with no recipients: the field is left out', { ...analyze, recipients: [] }, gmail,
      { type: 'analyze', threadKey: analyze.threadKey, text: analyze.text }],
    ['analyze with recipients null', { ...analyze, recipients: null }, gmail,
      { type: 'analyze', threadKey: analyze.threadKey, text: analyze.text }],
    ['recipients at the limit', { ...analyze, recipients: Array.from({ length: MAX_RECIPIENTS }, (_, i) => `p${i}@example.com`) },
      gmail, null],
    ['recipients on another operation are dropped', { type: 'getThreadState', threadKey: 'a', recipients: ['dana@example.com'] },
      gmail, { type: 'getThreadState', threadKey: 'a' }],
    ['text at the limit', { ...analyze, text: 'a'.repeat(MAX_TEXT_CHARS) }, gmail, null],
    ['getThreadState', { type: 'getThreadState', threadKey: '18b2c3d4e5f6a7b8' }, gmail, { type: 'getThreadState', threadKey: '18b2c3d4e5f6a7b8' }],
    ['setThreadState', { type: 'setThreadState', threadKey: 'compose:k1', enabled: false }, gmail,
      { type: 'setThreadState', threadKey: 'compose:k1', enabled: false }],
    ['openOptions from Gmail, extra fields dropped', { type: 'openOptions', threadKey: 'compose:k1', url: 'http://evil/' }, gmail,
      { type: 'openOptions', threadKey: 'compose:k1' }],
    ['testConnection from the options page', { type: 'testConnection', url: 'http://evil/' }, options, { type: 'testConnection' }],
  ];
  for (const [name, msg, sender, want] of table) {
    await t.test(name, () => {
      const r = validateMessage(msg, sender, ctx);
      assert.equal(r.ok, true, r.error);
      if (want) assert.deepEqual(r.message, want);
    });
  }
});

test('validateMessage rejects forged senders, unknown types and bad fields', async (t) => {
  const table = [
    ['another extension', analyze, { ...gmail, id: 'otherextension' }],
    ['no sender', analyze, null],
    ['another site', analyze, { ...gmail, url: 'https://evil.example/mail.google.com' }],
    ['look-alike origin', analyze, { ...gmail, url: 'https://mail.google.com.evil.example/' }],
    ['http Gmail', analyze, { ...gmail, url: 'http://mail.google.com/' }],
    ['Gmail without a tab', analyze, { id: ctx.runtimeId, url: 'https://mail.google.com/' }],
    ['options page sending analyze', analyze, options],
    ['Gmail sending testConnection', { type: 'testConnection' }, gmail],
    ['openOptions from another site', { type: 'openOptions', threadKey: 'a' }, { ...gmail, url: 'https://evil.example/' }],
    ['openOptions without a thread key', { type: 'openOptions' }, gmail],
    ['unknown type', { ...analyze, type: 'fetch' }, gmail],
    ['no type', { text: 'x' }, gmail],
    ['not an object', 'analyze', gmail],
    ['text not a string', { ...analyze, text: ['x'] }, gmail],
    ['text too long', { ...analyze, text: 'a'.repeat(MAX_TEXT_CHARS + 1) }, gmail],
    ['subject not a string', { ...analyze, subject: 5 }, gmail],
    ['recipients not an array', { ...analyze, recipients: 'dana@example.com' }, gmail],
    ['recipients over the limit', { ...analyze, recipients: Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `p${i}@example.com`) },
      gmail],
    ['a recipient with a display name', { ...analyze, recipients: ['Dana Silva <dana@example.com>'] }, gmail],
    ['a recipient not a string', { ...analyze, recipients: [{ toString: () => 'dana@example.com' }] }, gmail],
    ['a recipient that is a URL', { ...analyze, recipients: ['http://evil.example/'] }, gmail],
    ['bad thread key', { ...analyze, threadKey: '../../admin' }, gmail],
    ['empty thread key', { ...analyze, threadKey: '' }, gmail],
    ['enabled not boolean', { type: 'setThreadState', threadKey: 'a', enabled: 'false' }, gmail],
  ];
  for (const [name, msg, sender] of table) {
    await t.test(name, () => assert.equal(validateMessage(msg, sender, ctx).ok, false));
  }
});

test('serverThreadId: a new message has none', () => {
  assert.equal(serverThreadId('compose:x1'), null);
  assert.equal(serverThreadId('thread-f:17'), 'thread-f:17');
});
