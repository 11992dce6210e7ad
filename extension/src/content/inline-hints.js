/**
 * Feature "inline-hints": finds every Gmail compose body, and after a pause in typing asks the service
 * worker (never the network) to analyse the draft, then draws hints in place without touching the draft:
 * a CSS Custom Highlight on flagged sentences, a focusable chip per flagged sentence whose card lists the
 * reasons (hover or keyboard), a marker at the personal-line spot, and a badge per compose with the
 * verdict in words, the per-thread toggle and short notes under the verdict (care mode, the review nudge,
 * the team's AI-use line: shown, never written into the draft). It reads the compose body, the subject and
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
  const { addressesFrom, SCOPE_SELECTOR: RECIPIENT_SCOPE, CHIP_SELECTOR } = S.recipients;

  const BODY_SELECTOR = 'div[contenteditable="true"][role="textbox"]';
  const THREAD_SELECTOR = '[data-thread-perm-id], [data-legacy-thread-id]';
  const PAUSE_MS = 500;
  const HIGHLIGHT_NAME = 'sincerely-flagged';
  const VERDICTS = {
    idle: 'Sincerely',
    checking: 'checking…',
    templated: 'reads templated',
    personal: 'reads personal',
    off: 'hints off',
    offline: 'offline',
    setup: 'not set up',
    long: 'too long to check',
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
    };
    c.run = debounce(guard(() => analyzeNow(c)), PAUSE_MS);
    c.recipientsSeen = recipientsOf(c).join(','); // a change from here on re-analyses
    buildUi(c);
    composes.set(body, c);
    const opts = { passive: true, signal: c.abort.signal };
    body.addEventListener('input', guard(() => onInput(c)), opts);
    body.addEventListener('mousemove', guard((e) => onHover(c, e)), opts);
    body.addEventListener('mouseleave', guard(() => openHint(c, null)), opts);
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
      if (!answer || !answer.ok) { setState(c, 'offline'); return; } // asked again on the next input
      setEnabled(c, answer.enabled);
      if (c.enabled) c.run();
    }));
  }

  function detach(c) {
    c.run.cancel();
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
    c.badge = h('div', { class: 'sincerely-badge', role: 'group',
      'aria-label': 'Sincerely hints for this draft (Alt+Shift+H from the draft; Escape to go back)' },
      h('div', { class: 'sincerely-badge-row' },
        h('span', { class: 'sincerely-dot', 'aria-hidden': 'true' }), c.verdict, c.toggle),
      c.notes);
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
    c.state = state;
    c.ui.dataset.state = state;
    c.verdict.textContent = VERDICTS[state];
    c.badge.title = state === 'offline' ? 'The Sincerely server did not answer; Gmail works as usual.'
      : state === 'setup' ? 'Open the Sincerely options to set the server and token.' : '';
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
    const recipients = recipientsOf(c);
    c.recipientsSeen = recipients.join(',');
    const answer = await send({ type: TYPES.analyze, threadKey: c.key, text: ex.text, subject: subjectOf(c), recipients });
    if (seq !== c.seq || !composes.has(c.body)) return;
    c.badge.removeAttribute('aria-busy');
    if (!answer || !answer.ok) {
      setState(c, answer && answer.state === 'setup' ? 'setup' : 'offline');
      clearHints(c);
      return;
    }
    if (answer.disabled) { setEnabled(c, false); return; }
    const now = extractDraft(c.body);
    if (now.text !== ex.text) return; // typed meanwhile: the next pause brings a fresh answer
    const t1 = performance.now();
    draw(c, answer.result, now);
    measure('sincerely:draw', t1);
    if (c.lastInputAt) measure('sincerely:typing-to-hints', c.lastInputAt);
  }

  // --- drawing -----------------------------------------------------------------------------------------

  /** Removes the hints (and the notes, unless a fresh answer is about to redraw them). */
  function clearHints(c, keepNotes) {
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
    button.addEventListener('click', guard(() => dismiss(c, key)));
    return button;
  }

  function draw(c, result, ex) {
    clearHints(c, true);
    setState(c, result.label === 'templated' ? 'templated' : 'personal');
    c.ui.dataset.score = String(result.score);
    renderNotes(c, notesFor(result, ex.text));
    for (const s of result.sentences || []) {
      if (!s.flagged) continue;
      const sentence = cpSlice(ex.text, s.start, s.end);
      const key = `sentence:${sentence}`;
      if (c.dismissed.has(key)) continue;
      const range = rangeFor(ex, s.start, s.end);
      if (!range) continue;
      const id = `sincerely-card-${++hintSeq}`;
      const reasons = (s.reasons && s.reasons.length ? s.reasons : ['reads templated']).map(String);
      const chip = h('button', {
        type: 'button', class: 'sincerely-chip', 'aria-describedby': id,
        'aria-label': `Templated sentence: “${sentence.slice(0, 80)}”`,
      });
      const list = h('ul', { class: 'sincerely-reasons' });
      for (const r of reasons) list.appendChild(h('li', { text: r }));
      const card = h('div', { class: 'sincerely-card', id, role: 'tooltip' },
        h('p', { class: 'sincerely-card-title', text: 'Reads templated' }), list,
        dismissButton(c, key, `Dismiss this hint: ${sentence.slice(0, 60)}`));
      const el = h('div', { class: 'sincerely-hint', 'data-start': String(s.start), 'data-end': String(s.end) }, chip, card);
      c.ui.appendChild(el);
      if (highlight) highlight.add(range);
      c.hints.push({ key, range, el });
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
        c.marker = { key: `spot:${spot.prompt}`, range, el };
      }
    }
    c.drawn = (c.drawn || 0) + 1;
    c.ui.dataset.drawn = String(c.drawn);
    positionCompose(c);
  }

  function dismiss(c, key) {
    c.dismissed.add(key);
    const focusWasInside = c.ui.contains(document.activeElement);
    if (c.marker && c.marker.key === key) { c.marker.el.remove(); c.marker = null; }
    c.hints = c.hints.filter((hint) => {
      if (hint.key !== key) return true;
      if (highlight) highlight.delete(hint.range);
      hint.el.remove();
      return false;
    });
    if (focusWasInside) (c.ui.querySelector('.sincerely-chip, .sincerely-marker-button') || c.toggle).focus();
  }

  function openHint(c, el) {
    for (const hint of c.hints) hint.el.classList.toggle('open', hint.el === el);
  }

  function onHover(c, e) {
    if (!c.hints.length) return;
    for (const hint of c.hints) {
      for (const r of hint.range.getClientRects()) {
        if (e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom) {
          openHint(c, hint.el);
          return;
        }
      }
    }
    openHint(c, null);
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

  function positionCompose(c) {
    const box = c.body.getBoundingClientRect();
    const shown = box.width > 0 && box.height > 0;
    c.ui.hidden = !shown;
    if (!shown) return;
    const inBox = (x, y) => x >= box.left - 1 && x <= box.right + 1 && y >= box.top - 1 && y <= box.bottom + 1;
    const bw = c.badge.offsetWidth;
    const bh = c.badge.offsetHeight;
    const bottom = Math.min(box.bottom, innerHeight) - bh - 4;
    place(c.badge, Math.max(box.left, box.right - bw - 6), Math.max(box.top, bottom), true);
    for (const hint of c.hints) {
      const rects = hint.range.getClientRects();
      const last = rects[rects.length - 1];
      if (!last) { hint.el.hidden = true; continue; }
      place(hint.el, last.right - 1, last.top - 3, inBox(last.right, last.top)); // a footnote-like dot
    }
    if (c.marker) {
      const r = caretRect(c.marker.range);
      c.marker.el.style.setProperty('--sincerely-line', `${Math.max(r.height, 12)}px`);
      place(c.marker.el, r.left, r.top, inBox(r.left, r.top));
    }
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
  scan();
})();

/* Manual test: run `make run`, load extension/ unpacked, save the URL and token in the options page, open
   Gmail, press Compose, paste "Hi there,\n\nI hope this email finds you well. ..." and pause: the stock sentences
   get a yellow underline, the badge says "reads templated", a ✎ marker sits where a personal line belongs.
   Notes: at /admin set the AI-use disclosure to "require" and write "My condolences, Dana." in a draft:
   under the verdict, "Sensitive topic: …" and "Your team asks you to say how AI helped: …"; type the line
   and pause: "AI-use line included ✓". Important recipients: at /admin add your own address or domain, put
   it in To (or Cc, Bcc) and pause: "This goes to someone important: …"; remove the chip: the note goes. */
