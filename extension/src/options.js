/**
 * Options page: server address (http loopback or https only), token, default for new threads, and
 * "Test connection", which saves, then asks the service worker to try the saved settings and says in words
 * what is wrong. A team server over https needs its origin granted (optional_host_permissions) here.
 */
(function () {
  'use strict';
  const { parseBaseUrl } = globalThis.Sincerely.baseUrl;
  const SETTINGS_KEY = 'settings';
  const TOKEN_KEY = 'sincerely:apiToken';
  const $ = (id) => document.getElementById(id);

  function say(text, good) {
    const status = $('status');
    status.textContent = text;
    status.className = good === undefined ? '' : good ? 'ok' : 'bad';
  }

  async function load() {
    const stored = await chrome.storage.local.get([SETTINGS_KEY, TOKEN_KEY]);
    const s = stored[SETTINGS_KEY] || {};
    $('baseUrl').value = s.baseUrl || 'http://127.0.0.1:8765';
    $('token').value = stored[TOKEN_KEY] || '';
    (s.defaultOn === false ? $('defaultOff') : $('defaultOn')).checked = true;
  }

  /** Validate and store the form; returns true when saved. Must run inside the click (permission prompt). */
  async function save() {
    const parsed = parseBaseUrl($('baseUrl').value);
    if (!parsed.ok) {
      say(parsed.error, false);
      $('baseUrl').setAttribute('aria-invalid', 'true');
      $('baseUrl').focus();
      return false;
    }
    $('baseUrl').removeAttribute('aria-invalid');
    if (!parsed.loopback) {
      const origins = [`${parsed.origin}/*`];
      const granted = (await chrome.permissions.contains({ origins })) || (await chrome.permissions.request({ origins }));
      if (!granted) {
        say(`Chrome needs your permission to reach ${parsed.origin}; nothing was saved.`, false);
        return false;
      }
    }
    await chrome.storage.local.set({
      [SETTINGS_KEY]: { baseUrl: parsed.url, defaultOn: $('defaultOn').checked },
      [TOKEN_KEY]: $('token').value.trim(),
    });
    $('baseUrl').value = parsed.url;
    return true;
  }

  $('options').addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await save()) say('Saved.', true);
  });

  $('test').addEventListener('click', async () => {
    if (!(await save())) return;
    say('Testing…');
    try {
      const answer = await chrome.runtime.sendMessage({ type: 'testConnection' });
      say(answer && answer.message ? answer.message : 'No answer from the extension.', !!(answer && answer.ok));
      $('status').dataset.code = (answer && answer.code) || 'error';
    } catch (err) {
      say(`The extension could not run the test: ${err.message}`, false);
    }
  });

  load();
})();
