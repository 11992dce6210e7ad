/**
 * Feature "inline-hints": finds every Gmail compose body, and after a pause in typing asks the service
 * worker (never the network) to analyse the draft, then draws hints in place without touching the draft:
 * a CSS Custom Highlight on flagged sentences, a focusable chip per flagged sentence whose card lists the
 * reasons (hover or keyboard), a marker at the personal-line spot, and a badge per compose with the
 * verdict in words, the per-thread toggle and short notes under the verdict (care mode, the review nudge,
 * the team's AI-use line: shown, never written into the draft). A merge field left outside any flagged
 * sentence (a signature's "[Your Name]") gets a hint of its own. Cards open next to their dot inside the
 * window and stay open while the pointer travels to them; dots and the badge hide where Gmail's own UI covers
 * the compose, and the badge sits where it covers no draft text. When the server does not answer or the
 * settings are wrong, the badge says what is wrong, offers the options page, and checks again by itself
 * (on focus, and on a timer with backoff). It reads the compose body (up to Gmail's quoted history), the subject and
 * the recipients' addresses (src/helpers/recipients.js), nothing else; a recipient chip added or removed
 * re-analyses through the same pause as typing. Everything drawn lives in one fixed layer
 * outside Gmail's DOM; DOM writes use createElement/textContent only. No storage access here: the token
 * stays in the service worker.
 */
(function () {
  'use strict';
  if (globalThis.__sincerelyInlineHints) return;
  globalThis.__sincerelyInlineHints = true;

  const S = globalThis.Sincerely;
  const { extractDraft, positionAt } = S.extract;
  const { cpSlice } = S.offsets;
  const { debounce } = S.debounce;
  const { TYPES, NEW_COMPOSE_PREFIX, MAX_TEXT_CHARS, THREAD_KEY_RE } = S.messages;
  const { notesFor } = S.notes;
  const { looseMergeFields, placeCard, badgeSpot, retryDelay } = S.hints;
  const { addressesFrom, SCOPE_SELECTOR: RECIPIENT_SCOPE, CHIP_SELECTOR } = S.recipients;

  const BODY_SELECTOR = 'div[contenteditable="true"][role="textbox"]';
  const THREAD_SELECTOR = '[data-thread-perm-id], [data-legacy-thread-id]';
  const PAUSE_MS = 500;
  const CLOSE_MS = 350; // a card stays this long after the pointer leaves it, so the pointer can reach it
  const SWITCH_MS = 350; // another sentence's card opens only after the pointer rests on it this long
  const CHECKING_MS = 1000; // an answer slower than this shows "checking…"
  const PROBLEMS = new Set(['offline', 'setup', 'token']); // re-checked on focus and on a timer
  const HIGHLIGHT_NAME = 'sincerely-flagged';
  const VERDICTS = {
    idle: 'Sincerely',
    checking: 'checking…',
    templated: 'reads templated',
    personal: 'reads personal',
    off: 'hints off',
    offline: 'offline',
    setup: 'not set up',
    token: 'wrong token',
    long: 'too long to check',
    short: 'too short to judge',  // the server's not_judged: a draft in its first words
    language: 'not judged',  // not English: the note under the verdict says so
  };
  const NOT_JUDGED_STATES = { too_short: 'short', other_language: 'language' };

  // What is wrong and how to put it right, under the verdict; the button opens the options page.
  const HELP = {
    offline: 'The Sincerely server is not answering; Gmail works as usual. Is it running? Sincerely checks again by itself.',
    setup: 'Sincerely needs its server address and token: add them in the options.',
    token: 'The server did not accept the saved token: paste it again in the options (python -m server token prints it).',
  };

  const composes = new Map(); // compose body element -> state
  const newComposeKeys = new WeakMap(); // dialog (or body) -> stable per-compose key
  const highlight = typeof Highlight === 'function' && globalThis.CSS && CSS.highlights ? new Highlight() : null;
  if (highlight) CSS.highlights.set(HIGHLIGHT_NAME, highlight);
  let layer = null;
  let hintSeq = 0;

  // --- small utilities -----------------------------------------------------------------------------

  function guard(fn) {
    return function guarded(...args) {
      try {
        const r = fn.apply(this, args);
        if (r && typeof r.catch === 'function') r.catch(() => {});
        return r;
      } catch (_) {
        return undefined; // one hint failing must never break Gmail or the other composes
      }
    };
  }

  function measure(name, start) {
    try {
      performance.measure(name, { start, end: performance.now() });
    } catch (_) { /* Performance API missing: nothing to record */ }
  }

  function h(tag, props, ...kids) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else el.setAttribute(k, v);
    }
    for (const kid of kids) if (kid) el.appendChild(kid);
    return el;
  }

  async function send(message) {
    try {
      if (!chrome.runtime || !chrome.runtime.id) return null; // extension reloaded: stay quiet
      return await chrome.runtime.sendMessage(message);
    } catch (_) {
      return null;
    }
  }

  function ensureLayer() {
    if (layer && layer.isConnected) return layer;
    layer = h('div', { id: 'sincerely-layer', class: 'sincerely-layer' });
    document.body.appendChild(layer);
    return layer;
  }

  /** Light or dark, from the first opaque background around the compose (Gmail themes), else the OS. */
  function themeOf(el) {
    for (let n = el; n && n.nodeType === 1; n = n.parentElement) {
      const m = getComputedStyle(n).backgroundColor.match(/rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/);
      if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) continue;
      const lum = (0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3]) / 255;
      return lum < 0.45 ? 'dark' : 'light';
    }
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  // --- finding compose windows -----------------------------------------------------------------------

  function threadKeyOf(body) {
    const container = body.closest(THREAD_SELECTOR);
    if (container) {
      const id = container.getAttribute('data-thread-perm-id') || container.getAttribute('data-legacy-thread-id');
      if (id && THREAD_KEY_RE.test(id)) return { key: id, threadId: id };
    }
    const owner = body.closest('[role="dialog"]') || body;
    let key = newComposeKeys.get(owner);
    if (!key) {
      const rnd = new Uint32Array(2);
      crypto.getRandomValues(rnd);
      key = NEW_COMPOSE_PREFIX + rnd[0].toString(36) + rnd[1].toString(36);
      newComposeKeys.set(owner, key);
    }
    return { key, threadId: null };
  }

  function subjectOf(c) {
    const scope = c.body.closest('[role="dialog"]') || c.body.closest(THREAD_SELECTOR);
    if (!scope) return undefined;
    const input = scope.querySelector('input[name="subjectbox"]');
    const subject = input ? input.value : (scope.querySelector('h2') || {}).textContent;
    return typeof subject === 'string' && subject.trim() ? subject.slice(0, 1000) : undefined;
  }

  /** The compose's To, Cc and Bcc addresses from its chips' attributes; nothing inside the draft itself. */
  function recipientsOf(c) {
    const scope = c.body.closest(RECIPIENT_SCOPE);
    if (!scope) return [];
    return addressesFrom([...scope.querySelectorAll(CHIP_SELECTOR)].filter((el) => !c.body.contains(el)));
  }

  /** A chip added or removed (seen by the page observer's scan) re-analyses after the usual pause. */
  function checkRecipients(c) {
    if (c.enabled !== true) return;
    const seen = recipientsOf(c).join(',');
    if (seen === c.recipientsSeen) return;
    c.recipientsSeen = seen;
    c.run();
  }

  const scan = guard(function scan() {
    const t0 = performance.now();
    for (const [body, c] of composes) {
      if (!body.isConnected) detach(c);
      else checkRecipients(c);
    }
    for (const body of document.querySelectorAll(BODY_SELECTOR)) {
      if (!composes.has(body) && !(layer && layer.contains(body))) attach(body);
    }
    if (composes.size) schedulePosition();
    measure('sincerely:scan', t0);
  });

  let scanTimer = null;
  function scheduleScan() {
    if (scanTimer === null) scanTimer = setTimeout(() => { scanTimer = null; scan(); }, 60);
  }

  const observer = new MutationObserver(guard((mutations) => {
    const t0 = performance.now();
    for (const m of mutations) {
      if (m.type !== 'childList' || (layer && layer.contains(m.target))) continue;
      let insideCompose = false;
      for (const body of composes.keys()) {
        if (body.contains(m.target)) { insideCompose = true; break; }
      }
      if (!insideCompose) { scheduleScan(); break; }
    }
    measure('sincerely:mutations', t0);
  }));

  // --- one compose window ----------------------------------------------------------------------------

  function attach(body) {
    const { key, threadId } = threadKeyOf(body);
    const c = {
      body, key, threadId,
      enabled: null, // unknown until the service worker answers: nothing is sent before that
      state: 'idle',
      seq: 0,
      hints: [], // {id, key, range, el, card}
      marker: null,
      dismissed: new Set(), // per draft: keys of dismissed hints
      lastInputAt: 0,
      abort: new AbortController(),
      open: null, // the hint element whose card is open (pointer or keyboard)
      hoverTimer: 0, pending: undefined, // a card switch or close waiting for the pointer to settle
      pointer: null, // the pointer's last position over the draft or a card
      retries: 0, retryTimer: 0,
    };
    c.run = debounce(guard(() => analyzeNow(c)), PAUSE_MS);
    c.recipientsSeen = recipientsOf(c).join(','); // a change from here on re-analyses
    buildUi(c);
    composes.set(body, c);
    const opts = { passive: true, signal: c.abort.signal };
    body.addEventListener('input', guard(() => onInput(c)), opts);
    body.addEventListener('mousemove', guard((e) => onHover(c, e)), opts);
    body.addEventListener('mouseleave', guard((e) => hoverOver(c, null, e)), opts);
    body.addEventListener('focus', guard(() => { if (PROBLEMS.has(c.state)) recheck(c); }), opts);
    body.addEventListener('keydown', guard((e) => onKeydown(c, e)), { signal: c.abort.signal });
    if (typeof ResizeObserver === 'function') {
      c.resize = new ResizeObserver(schedulePosition);
      c.resize.observe(body);
    }
    askThreadState(c);
    schedulePosition();
  }

  /** Until the service worker says whether hints are on for this thread, no text is sent. */
  function askThreadState(c) {
    if (c.asking) return;
    c.asking = true;
    send({ type: TYPES.getThreadState, threadKey: c.key }).then(guard((answer) => {
      c.asking = false;
      if (!composes.has(c.body)) return;
      if (!answer || !answer.ok) { setState(c, 'offline'); return; } // asked again on input, focus or a timer
      setEnabled(c, answer.enabled);
      if (c.enabled) c.run();
    }));
  }

  function detach(c) {
    c.run.cancel();
    clearTimeout(c.retryTimer);
    clearTimeout(c.checkingTimer);
    cancelHover(c);
    c.abort.abort();
    if (c.resize) c.resize.disconnect();
    clearHints(c);
    c.ui.remove();
    composes.delete(c.body);
  }

  function buildUi(c) {
    c.verdict = h('span', { class: 'sincerely-verdict', role: 'status', 'aria-live': 'polite', text: VERDICTS.idle });
    c.toggle = h('button', { type: 'button', class: 'sincerely-toggle', 'aria-pressed': 'true' });
    c.toggle.addEventListener('click', guard(() => toggle(c)));
    // A status region of its own, so a note appearing is announced without repeating the verdict.
    c.notes = h('ul', { class: 'sincerely-notes', role: 'status', 'aria-live': 'polite', 'aria-label': 'Sincerely notes' });
    c.notes.hidden = true;
    const helpId = `sincerely-help-${++hintSeq}`;
    c.helpText = h('p', { class: 'sincerely-help-text', id: helpId });
    c.optionsButton = h('button', { type: 'button', class: 'sincerely-options', 'aria-describedby': helpId,
      text: 'Open Sincerely options' });
    c.optionsButton.addEventListener('click', guard(() => send({ type: TYPES.openOptions, threadKey: c.key })));
    c.help = h('div', { class: 'sincerely-help' }, c.helpText, c.optionsButton);
    c.help.hidden = true;
    c.badge = h('div', { class: 'sincerely-badge', role: 'group',
      'aria-label': 'Sincerely hints for this draft (Alt+Shift+H from the draft; Escape to go back)' },
      h('div', { class: 'sincerely-badge-row' },
        h('span', { class: 'sincerely-dot', 'aria-hidden': 'true' }), c.verdict, c.toggle),
      c.help, c.notes);
    c.ui = h('div', { class: 'sincerely-ui', 'data-thread-key': c.key }, c.badge);
    c.ui.classList.add(`sincerely-${themeOf(c.body)}`);
    c.ui.addEventListener('keydown', guard((e) => {
      if (e.key === 'Escape') { openHint(c, null); c.body.focus(); }
    }));
    ensureLayer().appendChild(c.ui);
    renderToggle(c);
  }

  function renderToggle(c) {
    const on = c.enabled !== false;
    c.toggle.textContent = `Hints for this thread: ${on ? 'on' : 'off'}`;
    c.toggle.setAttribute('aria-pressed', String(on));
  }

  function setState(c, state) {
    if (state !== 'checking') clearTimeout(c.checkingTimer);
    const changed = c.state !== state;
    c.state = state;
    c.ui.dataset.state = state;
    c.verdict.textContent = VERDICTS[state];
    c.help.hidden = !HELP[state];
    if (HELP[state] && c.helpText.textContent !== HELP[state]) c.helpText.textContent = HELP[state];
    if (PROBLEMS.has(state)) scheduleRetry(c);
    else if (state !== 'checking') { c.retries = 0; clearTimeout(c.retryTimer); c.retryTimer = 0; }
    if (changed) schedulePosition(); // the badge changed width or height: place it again
  }

  /** A server that did not answer, or settings being fixed: checked again later, waiting longer each time. */
  function scheduleRetry(c) {
    if (c.retryTimer) return;
    c.retryTimer = setTimeout(guard(() => {
      c.retryTimer = 0;
      if (!composes.has(c.body) || !PROBLEMS.has(c.state)) return;
      c.retries++;
      if (document.visibilityState === 'hidden') scheduleRetry(c);
      else recheck(c);
    }), retryDelay(c.retries));
  }

  /** Ask again now (the draft got focus, or the retry timer fired). */
  function recheck(c) {
    clearTimeout(c.retryTimer);
    c.retryTimer = 0;
    if (c.enabled === null) askThreadState(c);
    else if (c.enabled === true) { c.run(); c.run.flush(); }
  }

  /** The notes under the verdict; left alone when unchanged, so a screen reader hears each note once. */
  function renderNotes(c, notes) {
    const signature = JSON.stringify(notes);
    if (signature === (c.notesShown || '[]')) return;
    c.notesShown = signature;
    c.notes.replaceChildren(...notes.map((n) => h('li', {
      class: 'sincerely-note', 'data-kind': n.kind, 'data-state': n.state || '', text: n.text,
    })));
    c.notes.hidden = notes.length === 0;
    schedulePosition(); // the badge changed height: keep it inside the compose box
  }

  function setEnabled(c, enabled) {
    c.enabled = enabled;
    renderToggle(c);
    if (!enabled) {
      c.run.cancel();
      c.seq++; // drop any answer in flight
      clearHints(c);
      setState(c, 'off');
    } else if (c.state === 'off') setState(c, 'idle');
  }

  async function toggle(c) {
    const enabled = c.enabled === false;
    setEnabled(c, enabled);
    await send({ type: TYPES.setThreadState, threadKey: c.key, enabled });
    if (enabled) { c.run(); c.run.flush(); }
  }

  /** Alt+Shift+H in the draft jumps to its first hint (or the toggle); Escape there comes back. */
  function onKeydown(c, e) {
    if (!(e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyH')) return;
    e.preventDefault();
    const first = c.ui.querySelector('.sincerely-hint:not([hidden]) .sincerely-chip, .sincerely-marker-button');
    (first || c.toggle).focus();
  }

  function onInput(c) {
    const t0 = performance.now();
    c.lastInputAt = t0;
    if (c.enabled === true) c.run();
    else if (c.enabled === null) askThreadState(c);
    if (c.hints.length || c.marker) schedulePosition();
    measure('sincerely:input', t0);
  }

  async function analyzeNow(c) {
    if (c.enabled !== true || !c.body.isConnected) return;
    const t0 = performance.now();
    const ex = extractDraft(c.body);
    measure('sincerely:extract', t0);
    if (!ex.text.trim()) { clearHints(c); setState(c, 'idle'); return; }
    if (ex.text.length > MAX_TEXT_CHARS) { clearHints(c); setState(c, 'long'); return; }
    const seq = ++c.seq;
    c.badge.setAttribute('aria-busy', 'true');
    clearTimeout(c.checkingTimer);
    c.checkingTimer = setTimeout(guard(() => { if (seq === c.seq) setState(c, 'checking'); }), CHECKING_MS);
    const recipients = recipientsOf(c);
    c.recipientsSeen = recipients.join(',');
    const answer = await send({ type: TYPES.analyze, threadKey: c.key, text: ex.text, subject: subjectOf(c), recipients });
    if (seq !== c.seq || !composes.has(c.body)) return;
    clearTimeout(c.checkingTimer);
    c.badge.removeAttribute('aria-busy');
    if (!answer || !answer.ok) {
      setState(c, answer && (answer.state === 'setup' || answer.state === 'token') ? answer.state : 'offline');
      clearHints(c);
      return;
    }
    if (answer.disabled) { setEnabled(c, false); return; }
    const now = extractDraft(c.body);
    if (now.text !== ex.text) { // typed meanwhile: the next pause brings a fresh answer
      if (c.state === 'checking') setState(c, 'idle');
      return;
    }
    const t1 = performance.now();
    draw(c, answer.result, now);
    measure('sincerely:draw', t1);
    if (c.lastInputAt) measure('sincerely:typing-to-hints', c.lastInputAt);
  }

  // --- drawing -----------------------------------------------------------------------------------------

  /** Removes the hints (and the notes, unless a fresh answer is about to redraw them). */
  function clearHints(c, keepNotes) {
    cancelHover(c);
    c.open = null;
    for (const hint of c.hints) {
      if (highlight) highlight.delete(hint.range);
      hint.el.remove();
    }
    c.hints = [];
    if (c.marker) { c.marker.el.remove(); c.marker = null; }
    if (!keepNotes) renderNotes(c, []);
  }

  function rangeFor(ex, start, end) {
    const a = positionAt(ex, start, false);
    const b = end === undefined ? a : positionAt(ex, end, true);
    if (!a || !b) return null;
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  function dismissButton(c, key, label) {
    const button = h('button', { type: 'button', class: 'sincerely-dismiss', 'aria-label': label, text: 'Dismiss' });
    button.addEventListener('click', guard((e) => dismiss(c, key, e.detail > 0)));
    return button;
  }

  function draw(c, result, ex) {
    clearHints(c, true);
    setState(c, NOT_JUDGED_STATES[result.not_judged] || (result.label === 'templated' ? 'templated' : 'personal'));
    c.ui.dataset.score = String(result.score);
    renderNotes(c, notesFor(result, ex.text));
    for (const s of result.sentences || []) {
      if (!s.flagged) continue;
      const sentence = cpSlice(ex.text, s.start, s.end);
      addHint(c, ex, {
        key: `sentence:${sentence}`, start: s.start, end: s.end,
        label: `Templated sentence: “${sentence.slice(0, 80)}”`,
        reasons: (s.reasons && s.reasons.length ? s.reasons : ['reads templated']).map(String),
        dismissLabel: `Dismiss this hint: ${sentence.slice(0, 60)}`,
      });
    }
    // merge fields no flagged sentence covers (a signature's "[Your Name]"), each a hint of its own
    const seen = new Map();
    for (const m of looseMergeFields(result)) {
      const n = (seen.get(m.text) || 0) + 1;
      seen.set(m.text, n);
      addHint(c, ex, {
        key: `merge:${m.text}#${n}`, start: m.start, end: m.end, merge: true,
        label: `Merge field left in: “${m.text.slice(0, 80)}”`,
        reasons: [m.reason],
        dismissLabel: `Dismiss this hint: ${m.text.slice(0, 60)}`,
      });
    }
    const spot = result.personal_spot;
    if (spot && !c.dismissed.has(`spot:${spot.prompt}`)) {
      const range = rangeFor(ex, spot.offset);
      if (range) {
        const id = `sincerely-card-${++hintSeq}`;
        const button = h('button', {
          type: 'button', class: 'sincerely-marker-button', 'aria-describedby': id,
          'aria-label': `A personal line belongs here: ${spot.prompt}`, text: '✎',
        });
        const card = h('div', { class: 'sincerely-card', id, role: 'tooltip' },
          h('p', { class: 'sincerely-card-title', text: 'A personal line belongs here' }),
          h('p', { class: 'sincerely-prompt', text: String(spot.prompt) }),
          h('p', { class: 'sincerely-why', text: String(spot.reason || '') }),
          dismissButton(c, `spot:${spot.prompt}`, 'Dismiss the personal-line marker'));
        const el = h('div', { class: 'sincerely-marker sincerely-hint', 'data-offset': String(spot.offset) },
          h('div', { class: 'sincerely-marker-bar', 'aria-hidden': 'true' }), button, card);
        c.ui.appendChild(el);
        hoverable(c, el);
        c.marker = { key: `spot:${spot.prompt}`, range, el };
      }
    }
    c.drawn = (c.drawn || 0) + 1;
    c.ui.dataset.drawn = String(c.drawn);
    positionCompose(c);
  }

  /** One flagged stretch of the draft: highlighted, a dot at its end, a card with the reasons. */
  function addHint(c, ex, { key, start, end, label, reasons, dismissLabel, merge }) {
    if (c.dismissed.has(key)) return;
    const range = rangeFor(ex, start, end);
    if (!range) return;
    const id = `sincerely-card-${++hintSeq}`;
    const chip = h('button', { type: 'button', class: 'sincerely-chip', 'aria-describedby': id, 'aria-label': label });
    const list = h('ul', { class: 'sincerely-reasons' });
    for (const r of reasons) list.appendChild(h('li', { text: r }));
    const card = h('div', { class: 'sincerely-card', id, role: 'tooltip' },
      h('p', { class: 'sincerely-card-title', text: 'Reads templated' }), list, dismissButton(c, key, dismissLabel));
    const el = h('div', { class: merge ? 'sincerely-hint sincerely-merge' : 'sincerely-hint',
      'data-start': String(start), 'data-end': String(end) }, chip, card);
    c.ui.appendChild(el);
    hoverable(c, el);
    if (highlight) highlight.add(range);
    c.hints.push({ key, range, el });
  }

  /** byPointer: a mouse click, after which no other card is opened by moving the focus along. */
  function dismiss(c, key, byPointer) {
    c.dismissed.add(key);
    const focusWasInside = c.ui.contains(document.activeElement);
    if (byPointer && focusWasInside) document.activeElement.blur();
    if (c.marker && c.marker.key === key) {
      if (c.open === c.marker.el) c.open = null;
      c.marker.el.remove();
      c.marker = null;
    }
    c.hints = c.hints.filter((hint) => {
      if (hint.key === key && c.open === hint.el) c.open = null;
      if (hint.key !== key) return true;
      if (highlight) highlight.delete(hint.range);
      hint.el.remove();
      return false;
    });
    if (focusWasInside && !byPointer) (c.ui.querySelector('.sincerely-chip, .sincerely-marker-button') || c.toggle).focus();
  }

  // --- opening cards: pointer and keyboard ------------------------------------------------------------
  // A card opens at once when none is open. While one is open, the pointer may cross the draft (other
  // sentences too) on its way to the card: the card closes, or another one opens, only after the pointer
  // has rested elsewhere for a moment, and not while it keeps heading towards the open card.

  /** Opens `el`'s card now (null: closes the open one). */
  function openHint(c, el) {
    cancelHover(c);
    if (c.open === el) return;
    if (c.open) c.open.classList.remove('open');
    c.open = el && el.isConnected ? el : null;
    if (c.open) {
      c.open.classList.add('open');
      positionCard(c.open);
    }
  }

  function cancelHover(c) {
    if (c.hoverTimer) clearTimeout(c.hoverTimer);
    c.hoverTimer = 0;
    c.pending = undefined;
  }

  /** Switch to `el` (null: close) after `ms`, unless the pointer comes back first; a pending switch to the
   * same target keeps its time. */
  function openLater(c, el, ms) {
    if (c.hoverTimer && c.pending === el) return;
    cancelHover(c);
    c.pending = el;
    c.hoverTimer = setTimeout(guard(() => { const target = c.pending; c.hoverTimer = 0; openHint(c, target); }), ms);
  }

  function distanceTo(rect, x, y) {
    const dx = Math.max(rect.left - x, 0, x - rect.right);
    const dy = Math.max(rect.top - y, 0, y - rect.bottom);
    return Math.hypot(dx, dy);
  }

  /** The pointer is over `el`'s sentence or trigger (null: over neither). */
  function hoverOver(c, el, e) {
    const from = c.pointer;
    const at = e && typeof e.clientX === 'number' ? { x: e.clientX, y: e.clientY } : null;
    if (at) c.pointer = at;
    if (el === c.open) { cancelHover(c); return; }
    if (!c.open) { if (el) openHint(c, el); else cancelHover(c); return; }
    const card = c.open.querySelector('.sincerely-card');
    const rect = card && card.getBoundingClientRect();
    const heading = rect && from && at && distanceTo(rect, at.x, at.y) < distanceTo(rect, from.x, from.y);
    if (heading) cancelHover(c); // on its way to the open card: start waiting again
    openLater(c, el, el ? SWITCH_MS : CLOSE_MS);
  }

  /** Pointer and focus on a hint's own dot/✎ and card. */
  function hoverable(c, el) {
    el.addEventListener('pointerenter', guard((e) => hoverOver(c, el, e)));
    el.addEventListener('pointerleave', guard((e) => hoverOver(c, null, e)));
    el.addEventListener('pointermove', guard((e) => { c.pointer = { x: e.clientX, y: e.clientY }; }), { passive: true });
    el.addEventListener('focusin', guard(() => openHint(c, el)));
  }

  function onHover(c, e) {
    if (!c.hints.length) { if (c.open) hoverOver(c, null, e); return; }
    for (const hint of c.hints) {
      if (hint.el.hidden) continue;
      for (const r of hint.range.getClientRects()) {
        if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) {
          hoverOver(c, hint.el, e);
          return;
        }
      }
    }
    hoverOver(c, null, e);
  }

  /** Places an open card next to its trigger, inside the window (flipped up or shifted left as needed). */
  function positionCard(el) {
    const card = el.querySelector('.sincerely-card');
    const trigger = el.querySelector('.sincerely-chip, .sincerely-marker-button');
    if (!card || !trigger || el.hidden) return;
    const view = document.documentElement;
    const p = placeCard(trigger.getBoundingClientRect(), { width: card.offsetWidth, height: card.offsetHeight },
      { width: view.clientWidth || innerWidth, height: view.clientHeight || innerHeight });
    const origin = el.getBoundingClientRect();
    card.style.left = `${Math.round(p.left - origin.left)}px`;
    card.style.top = `${Math.round(p.top - origin.top)}px`;
    card.dataset.side = p.side;
  }

  // --- positioning (scroll, resize, zoom, typing) ---------------------------------------------------------

  function caretRect(range) {
    const rects = range.getClientRects();
    if (rects.length) return rects[0];
    const r = range.getBoundingClientRect();
    if (r.top || r.left || r.height) return r;
    const el = range.startContainer.nodeType === 1 ? range.startContainer : range.startContainer.parentElement;
    return el.getBoundingClientRect();
  }

  function place(el, x, y, visible) {
    el.style.transform = `translate(${Math.round(x * 100) / 100}px, ${Math.round(y * 100) / 100}px)`;
    el.hidden = !visible;
  }

  /** The topmost page element at (x, y), ignoring Sincerely's own layer; null off screen. */
  function pageElementAt(x, y) {
    if (!(x >= 0 && y >= 0 && x < innerWidth && y < innerHeight)) return null;
    for (const el of document.elementsFromPoint(x, y)) if (!(layer && layer.contains(el))) return el;
    return null;
  }

  /** Is the draft itself what shows at (x, y)? Not when scrolled under a header or covered by a dialog. */
  function draftShowsAt(c, x, y) {
    const el = pageElementAt(x, y);
    return !!el && (el === c.body || c.body.contains(el));
  }

  /** The compose window around the draft (new message dialog, reply form, thread view). */
  function scopeOf(c) {
    return c.body.closest('[role="dialog"]') || c.body.closest('form') || c.body.closest(THREAD_SELECTOR) || c.body.parentElement || c.body;
  }

  /** Line boxes of the draft's text between y0 and y1 (viewport). Gmail keeps a line per child element, in
   * order top to bottom: a binary search finds the first child in the band, so a long draft costs little. */
  function textRectsIn(c, y0, y1) {
    const out = [];
    const range = document.createRange();
    const collect = (root) => {
      if (root.nodeType === 3) {
        if (!root.data.trim()) return;
        range.selectNodeContents(root);
        for (const r of range.getClientRects()) if (r.bottom > y0 && r.top < y1 && r.width > 0) out.push(r);
        return;
      }
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) collect(n);
    };
    const kids = c.body.childNodes;
    const boxOf = (n) => {
      if (n.nodeType === 1) return n.getBoundingClientRect();
      range.selectNodeContents(n);
      return range.getBoundingClientRect();
    };
    let lo = 0;
    let hi = kids.length;
    while (lo < hi) { // first child whose bottom is below y0
      const mid = (lo + hi) >> 1;
      if (boxOf(kids[mid]).bottom <= y0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = Math.max(0, lo - 1); i < kids.length; i++) {
      const b = boxOf(kids[i]);
      if (b.top >= y1 && b.height > 0) break;
      collect(kids[i]);
    }
    return out;
  }

  /** The draft text where the badge could go: the bottom and top bands of the visible box. */
  function textRects(c, box, height) {
    const top = Math.max(box.top, 0);
    const bottom = Math.min(box.bottom, innerHeight);
    return [...textRectsIn(c, bottom - height - 8, bottom), ...textRectsIn(c, top, top + height + 8)];
  }

  function positionCompose(c) {
    const box = c.body.getBoundingClientRect();
    const shown = box.width > 0 && box.height > 0;
    c.ui.hidden = !shown;
    if (!shown) return;
    // every read first, then every write: no layout is forced in between
    c.badge.hidden = false; // measured where it would show
    const inBox = (x, y) => x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1;
    const view = { width: document.documentElement.clientWidth || innerWidth, height: document.documentElement.clientHeight || innerHeight };
    const size = { width: c.badge.offsetWidth, height: c.badge.offsetHeight };
    const spot = badgeSpot(box, size, textRects(c, box, size.height), view);
    // hidden when the compose itself is not what shows there (a modal's backdrop, a header it scrolled under)
    const under = pageElementAt(spot.left + Math.min(size.width / 2, 20), spot.top + size.height / 2);
    const writes = [[c.badge, spot.left, spot.top, !!under && scopeOf(c).contains(under)]];
    for (const hint of c.hints) {
      const rects = hint.range.getClientRects();
      const last = rects[rects.length - 1];
      if (!last) { writes.push([hint.el, 0, 0, false]); continue; }
      const visible = inBox(last.right, last.top) && draftShowsAt(c, last.right - 1, last.top + last.height / 2);
      writes.push([hint.el, last.right - 1, last.top - 3, visible]); // a footnote-like dot
    }
    let line = 0;
    if (c.marker) {
      const r = caretRect(c.marker.range);
      line = Math.max(r.height, 12);
      const visible = inBox(r.left, r.top) && draftShowsAt(c, r.left + 1, r.top + Math.max(r.height, 2) / 2);
      writes.push([c.marker.el, r.left, r.top, visible]);
    }
    for (const [el, x, y, visible] of writes) place(el, x, y, visible);
    c.ui.dataset.badge = spot.where;
    if (c.marker) c.marker.el.style.setProperty('--sincerely-line', `${line}px`);
    if (c.open) {
      if (c.open.hidden || !c.open.isConnected) openHint(c, null);
      else positionCard(c.open);
    }
    for (const el of c.ui.querySelectorAll('.sincerely-hint:focus-within')) if (el !== c.open) positionCard(el);
  }

  let positionFrame = 0;
  function schedulePosition() {
    if (positionFrame) return;
    positionFrame = requestAnimationFrame(guard(() => {
      positionFrame = 0;
      const t0 = performance.now();
      for (const c of composes.values()) positionCompose(c);
      measure('sincerely:position', t0);
    }));
  }

  // --- start -----------------------------------------------------------------------------------------------

  addEventListener('scroll', schedulePosition, { passive: true, capture: true });
  addEventListener('resize', schedulePosition, { passive: true });
  if (typeof ResizeObserver === 'function') {
    const ro = new ResizeObserver(schedulePosition);
    ro.observe(document.documentElement);
  }
  observer.observe(document.body, { childList: true, subtree: true });
  // a dialog or header can cover the compose by a style change the observer does not see: look again now and then
  setInterval(() => { if (composes.size && document.visibilityState === 'visible') schedulePosition(); }, 1000);
  scan();
})();

/* Manual test: run `make run`, load extension/ unpacked, save the URL and token in the options page, open
   Gmail, press Compose, paste "Hi there,\n\nI hope this email finds you well. ..." and pause: the stock sentences
   get a yellow underline, the badge says "reads templated", a ✎ marker sits where a personal line belongs.
   Notes: at /admin set the AI-use disclosure to "require" and write "My condolences, Dana." in a draft:
   under the verdict, "Sensitive topic: …" and "Your team asks you to say how AI helped: …"; type the line
   and pause: "AI-use line included ✓". Important recipients: at /admin add your own address or domain, put
   it in To (or Cc, Bcc) and pause: "This goes to someone important: …"; remove the chip: the note goes. */
