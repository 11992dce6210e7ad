/**
 * Which backend URLs the options page accepts (security.md E8): http only on loopback
 * (127.0.0.1 or localhost, any port), otherwise https. No credentials, query or fragment in the URL.
 * Returns {ok: true, url} with the URL normalised (no trailing slash) or {ok: false, error} in words.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sincerely = root.Sincerely || {}).baseUrl = api;
})(globalThis, function () {
  'use strict';

  const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

  function parseBaseUrl(input) {
    const raw = typeof input === 'string' ? input.trim() : '';
    if (!raw) return { ok: false, error: 'Enter the server address, e.g. http://127.0.0.1:8765' };
    let u;
    try {
      u = new URL(raw);
    } catch (_) {
      return { ok: false, error: 'That is not a web address (start with http:// or https://)' };
    }
    if (u.username || u.password) return { ok: false, error: 'Leave the user name and password out of the address' };
    if (u.search || u.hash || raw.includes('?') || raw.includes('#')) {
      return { ok: false, error: 'The address cannot have a query (?) or a fragment (#)' };
    }
    if (u.protocol === 'http:') {
      if (!LOOPBACK.has(u.hostname)) {
        return { ok: false, error: 'Plain http is only allowed for this computer (127.0.0.1 or localhost); use https for a team server' };
      }
    } else if (u.protocol !== 'https:') {
      return { ok: false, error: 'Only http://127.0.0.1, http://localhost or https:// addresses are allowed' };
    }
    const path = u.pathname.replace(/\/+$/, '');
    return { ok: true, url: u.origin + path, origin: u.origin, loopback: u.protocol === 'http:' };
  }

  return { parseBaseUrl };
});
