/**
 * The service worker: the only part of the extension that talks to the Sincerely server.
 * It answers named messages (src/helpers/messages.js) from its own content script on https://mail.google.com
 * and from its options page, after validating them; it only ever calls <saved base URL>/v1/... and /healthz.
 * The token is read here from chrome.storage.local (key TOKEN_KEY) and cached in chrome.storage.session
 * (trusted contexts only); the content script never reads storage at all.
 */
/* global importScripts */
importScripts('helpers/base-url.js', 'helpers/recipients.js', 'helpers/messages.js');

const { parseBaseUrl } = self.Sincerely.baseUrl;
const { TYPES, validateMessage, serverThreadId } = self.Sincerely.messages;

const SETTINGS_KEY = 'settings'; // {baseUrl, defaultOn}
const TOKEN_KEY = 'sincerely:apiToken';
const THREAD_PREFIX = 'thread:'; // thread:<id> -> boolean, the toggle as last set in this browser
const DEFAULTS = { baseUrl: 'http://127.0.0.1:8765', defaultOn: true };
const TIMEOUT_MS = 4000;

// session storage stays out of content scripts' reach (its default; set explicitly for clarity)
if (chrome.storage.session.setAccessLevel) {
  chrome.storage.session.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});
}

async function loadConfig() {
  const cached = await chrome.storage.session.get('config');
  if (cached.config) return cached.config;
  const stored = await chrome.storage.local.get([SETTINGS_KEY, TOKEN_KEY]);
  const config = { ...DEFAULTS, ...(stored[SETTINGS_KEY] || {}), token: stored[TOKEN_KEY] || '' };
  await chrome.storage.session.set({ config });
  return config;
}

chrome.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && (changes[SETTINGS_KEY] || changes[TOKEN_KEY])) chrome.storage.session.remove('config');
});

/** fetch a path under the saved base URL; returns {status, body} or {offline: reason}. */
async function callServer(config, method, path, payload, auth = true) {
  const base = parseBaseUrl(config.baseUrl);
  if (!base.ok) return { offline: 'bad-url' };
  const headers = { Accept: 'application/json' };
  if (auth) headers.Authorization = `Bearer ${config.token}`;
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  try {
    const res = await fetch(base.url + path, {
      method,
      headers,
      body: payload === undefined ? undefined : JSON.stringify(payload),
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
    });
    let body = null;
    try {
      body = await res.json();
    } catch (_) {
      body = null;
    }
    return { status: res.status, body };
  } catch (err) {
    return { offline: controller.signal.aborted ? 'slow' : 'unreachable' };
  } finally {
    clearTimeout(timer);
  }
}

async function threadEnabled(threadKey, config) {
  const key = THREAD_PREFIX + threadKey;
  const stored = await chrome.storage.local.get(key);
  return typeof stored[key] === 'boolean' ? stored[key] : config.defaultOn;
}

const handlers = {
  async [TYPES.getThreadState]({ threadKey }) {
    const config = await loadConfig();
    return { ok: true, enabled: await threadEnabled(threadKey, config) };
  },

  async [TYPES.setThreadState]({ threadKey, enabled }) {
    await chrome.storage.local.set({ [THREAD_PREFIX + threadKey]: enabled });
    const id = serverThreadId(threadKey);
    if (id === null) return { ok: true, enabled, persisted: 'browser' };
    const config = await loadConfig();
    const res = await callServer(config, 'PUT', `/v1/threads/${encodeURIComponent(id)}`, { enabled });
    return { ok: true, enabled, persisted: res.status === 200 ? 'server' : 'browser' };
  },

  async [TYPES.analyze]({ threadKey, text, subject, recipients }) {
    const config = await loadConfig();
    if (!(await threadEnabled(threadKey, config))) return { ok: true, disabled: true };
    if (!config.token) return { ok: false, state: 'setup', error: 'no token: open the options page' };
    const payload = { text };
    if (subject) payload.subject = subject;
    if (recipients && recipients.length) payload.recipients = recipients; // addresses, checked by validateMessage
    const id = serverThreadId(threadKey);
    if (id !== null) payload.thread_id = id;
    const res = await callServer(config, 'POST', '/v1/analyze', payload);
    if (res.offline === 'bad-url') return { ok: false, state: 'setup', error: 'no valid server address: open the options page' };
    if (res.offline) return { ok: false, state: 'offline', error: res.offline };
    if (res.status === 401) return { ok: false, state: 'token', error: 'wrong token' };
    if (res.status !== 200 || !res.body) return { ok: false, state: 'offline', error: `server answered ${res.status}` };
    if (res.body.disabled === true) return { ok: true, disabled: true };
    return { ok: true, result: res.body };
  },

  async [TYPES.openOptions]() {
    await chrome.runtime.openOptionsPage();
    return { ok: true };
  },

  async [TYPES.testConnection]() {
    await chrome.storage.session.remove('config');
    const config = await loadConfig();
    const base = parseBaseUrl(config.baseUrl);
    if (!base.ok) return { ok: false, code: 'bad-url', message: base.error };
    const health = await callServer(config, 'GET', '/healthz', undefined, false);
    if (health.offline) {
      return { ok: false, code: 'unreachable', message: `Cannot reach ${base.url}: is the server running (make run)?` };
    }
    const b = health.body;
    if (health.status !== 200 || !b || b.ok !== true || typeof b.model !== 'string') {
      return { ok: false, code: 'not-sincerely', message: `${base.url} answers, but it is not a Sincerely server.` };
    }
    const probe = await callServer(config, 'GET', '/v1/threads/sincerely-connection-test');
    if (probe.status === 401) return { ok: false, code: 'wrong-token', message: 'The server refused the token: copy it again (python -m server token).' };
    if (probe.status !== 200) return { ok: false, code: 'error', message: `The server answered ${probe.status || probe.offline}.` };
    return { ok: true, code: 'ok', message: `Connected: ${b.model}, version ${b.version}.` };
  },
};

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  const checked = validateMessage(msg, sender, { runtimeId: chrome.runtime.id, optionsUrl: chrome.runtime.getURL('options.html') });
  if (!checked.ok) {
    sendResponse({ ok: false, error: `rejected: ${checked.error}` });
    return false;
  }
  handlers[checked.message.type](checked.message)
    .then(sendResponse, (err) => sendResponse({ ok: false, state: 'offline', error: String(err && err.message) }));
  return true; // the answer comes asynchronously
});
