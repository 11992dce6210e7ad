/**
 * The compose window's recipients (To, Cc, Bcc) as bare email addresses, for the server's important-recipient
 * check. Gmail's recipient chips carry the address in an attribute (`email` on older chips, `data-hovercard-id`
 * on newer ones); the display name is never read. Every value is trimmed, lower-cased, kept only when it looks
 * like an address, deduplicated in order and capped at the server's default max_recipients.
 * The selectors live here, in one place; the content script only runs them (the DOM part is not pure).
 * Plain script: browser globalThis.Sincerely.recipients, node module.exports.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sincerely = root.Sincerely || {}).recipients = api;
})(globalThis, function () {
  'use strict';

  const MAX_RECIPIENTS = 100; // the server's default max_recipients (server/settings.py)
  const MAX_ADDRESS_CHARS = 254; // the longest usable address (RFC 5321 path limit less the brackets)
  // Where a compose's recipient rows live: a new-message dialog, or the form of an inline reply. Never the
  // thread view around a reply: its message headers carry the earlier senders' addresses the same way.
  const SCOPE_SELECTOR = '[role="dialog"], form';
  const ADDRESS_ATTRIBUTES = Object.freeze(['email', 'data-hovercard-id']);
  const CHIP_SELECTOR = ADDRESS_ATTRIBUTES.map((a) => `[${a}]`).join(', ');
  // local@domain.tld: an unquoted local part, a dotted host name of LDH labels. Names, "Name <a@b>" and
  // Gmail's numeric hovercard ids do not match.
  const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
  const ADDRESS_RE = new RegExp(`^[a-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\\.[a-z0-9!#$%&'*+/=?^_\`{|}~-]+)*@${LABEL}(?:\\.${LABEL})+$`);

  /** The address in canonical form (trimmed, lower case), or null when the value is not an address. */
  function normaliseAddress(value) {
    if (typeof value !== 'string') return null;
    const address = value.trim().toLowerCase();
    if (address.length === 0 || address.length > MAX_ADDRESS_CHARS) return null;
    return ADDRESS_RE.test(address) ? address : null;
  }

  /** Addresses only, canonical, first occurrence kept, at most MAX_RECIPIENTS. */
  function cleanRecipients(values) {
    const out = [];
    const seen = new Set();
    for (const value of values || []) {
      const address = normaliseAddress(value);
      if (address === null || seen.has(address)) continue;
      seen.add(address);
      out.push(address);
      if (out.length === MAX_RECIPIENTS) break;
    }
    return out;
  }

  /** The addresses on chip elements (anything with getAttribute): the first attribute that holds one. */
  function addressesFrom(chips) {
    const values = [];
    for (const chip of chips || []) {
      if (!chip || typeof chip.getAttribute !== 'function') continue;
      for (const name of ADDRESS_ATTRIBUTES) {
        const address = normaliseAddress(chip.getAttribute(name));
        if (address !== null) { values.push(address); break; }
      }
    }
    return cleanRecipients(values);
  }

  /** The service worker's check of a message's recipients: the clean list, or null when anything is off. */
  function validateRecipients(value) {
    if (!Array.isArray(value) || value.length > MAX_RECIPIENTS) return null;
    if (!value.every((v) => normaliseAddress(v) !== null)) return null;
    return cleanRecipients(value);
  }

  return {
    normaliseAddress, cleanRecipients, addressesFrom, validateRecipients,
    MAX_RECIPIENTS, SCOPE_SELECTOR, CHIP_SELECTOR, ADDRESS_ATTRIBUTES,
  };
});
