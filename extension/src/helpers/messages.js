/**
 * The named operations between the extension's parts (conventions item 9) and the service worker's
 * check of every incoming message (security.md E3): who sent it, which operation, and its fields.
 * Only fields listed here survive validation; no URL ever travels in a message.
 */
(function (root, factory) {
  const isNode = typeof module === 'object' && module.exports;
  const recipients = isNode ? require('./recipients.js') : root.Sincerely.recipients;
  const api = factory(recipients);
  if (isNode) module.exports = api;
  else (root.Sincerely = root.Sincerely || {}).messages = api;
})(globalThis, function (recipients) {
  'use strict';

  const TYPES = Object.freeze({
    analyze: 'analyze', // content script: {threadKey, text, subject?, recipients?: [address]}
    getThreadState: 'getThreadState', // content script: {threadKey}
    setThreadState: 'setThreadState', // content script: {threadKey, enabled}
    openOptions: 'openOptions', // content script: {threadKey} (the badge's "Open Sincerely options" button)
    testConnection: 'testConnection', // options page: {} (tests the saved settings)
  });
  const FROM_GMAIL = new Set([TYPES.analyze, TYPES.getThreadState, TYPES.setThreadState, TYPES.openOptions]);
  const FROM_OPTIONS = new Set([TYPES.testConnection]);
  const GMAIL_ORIGIN = 'https://mail.google.com';
  const MAX_TEXT_CHARS = 20000; // the server's default max_text_chars
  const MAX_SUBJECT_CHARS = 1000;
  const THREAD_KEY_RE = /^[A-Za-z0-9_.:#-]{1,200}$/;
  const NEW_COMPOSE_PREFIX = 'compose:'; // a new message has no Gmail thread id yet

  function originOf(url) {
    try {
      return new URL(url).origin;
    } catch (_) {
      return null;
    }
  }

  /** {ok: true, message} (a clean copy) or {ok: false, error}. ctx = {runtimeId, optionsUrl}. */
  function validateMessage(msg, sender, ctx) {
    if (!sender || sender.id !== ctx.runtimeId) return { ok: false, error: 'not from this extension' };
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return { ok: false, error: 'no type' };
    const fromGmail = originOf(sender.url) === GMAIL_ORIGIN && !!sender.tab;
    const fromOptions = typeof sender.url === 'string' && sender.url.split('#')[0] === ctx.optionsUrl;
    if (FROM_OPTIONS.has(msg.type)) {
      return fromOptions ? { ok: true, message: { type: msg.type } } : { ok: false, error: 'wrong sender' };
    }
    if (!FROM_GMAIL.has(msg.type)) return { ok: false, error: 'unknown type' };
    if (!fromGmail) return { ok: false, error: 'wrong sender' };
    if (typeof msg.threadKey !== 'string' || !THREAD_KEY_RE.test(msg.threadKey)) return { ok: false, error: 'bad threadKey' };
    const clean = { type: msg.type, threadKey: msg.threadKey };
    if (msg.type === TYPES.analyze) {
      if (typeof msg.text !== 'string' || msg.text.length > MAX_TEXT_CHARS) return { ok: false, error: 'bad text' };
      if (msg.subject !== undefined && msg.subject !== null) {
        if (typeof msg.subject !== 'string' || msg.subject.length > MAX_SUBJECT_CHARS) return { ok: false, error: 'bad subject' };
        clean.subject = msg.subject;
      }
      if (msg.recipients !== undefined && msg.recipients !== null) {
        const addresses = recipients.validateRecipients(msg.recipients);
        if (addresses === null) return { ok: false, error: 'bad recipients' };
        if (addresses.length) clean.recipients = addresses;
      }
      clean.text = msg.text;
    } else if (msg.type === TYPES.setThreadState) {
      if (typeof msg.enabled !== 'boolean') return { ok: false, error: 'bad enabled' };
      clean.enabled = msg.enabled;
    }
    return { ok: true, message: clean };
  }

  /** A Gmail thread id the server can store, or null for a new message's per-compose key. */
  function serverThreadId(threadKey) {
    return threadKey.startsWith(NEW_COMPOSE_PREFIX) ? null : threadKey;
  }

  return { TYPES, validateMessage, serverThreadId, MAX_TEXT_CHARS, NEW_COMPOSE_PREFIX, THREAD_KEY_RE, GMAIL_ORIGIN };
});
