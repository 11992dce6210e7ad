/**
 * Pure decisions behind the hints the content script draws: which merge fields get a hint of their own,
 * where a card opens so it stays on screen, where the badge sits so it covers no draft text, and how long
 * to wait before checking an unreachable server again. Plain script: browser globalThis.Sincerely.hints,
 * node module.exports.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sincerely = root.Sincerely || {}).hints = api;
})(globalThis, function () {
  'use strict';

  const isOffset = (n) => Number.isInteger(n) && n >= 0;

  /**
   * The analysis's `placeholders` ({start, end, text}, code points like sentences) that no flagged sentence
   * already covers (a merge field in the signature, say): each becomes a hint with its own reason.
   */
  function looseMergeFields(result) {
    const flagged = ((result && result.sentences) || []).filter((s) => s && s.flagged && isOffset(s.start) && isOffset(s.end));
    const out = [];
    for (const p of (result && result.placeholders) || []) {
      if (!p || !isOffset(p.start) || !isOffset(p.end) || p.end <= p.start) continue;
      if (flagged.some((s) => s.start <= p.start && p.end <= s.end)) continue;
      const text = String(p.text === undefined || p.text === null ? '' : p.text);
      out.push({ start: p.start, end: p.end, text, reason: `merge field left in: ${text}` });
    }
    return out;
  }

  /**
   * Where a card opens next to its trigger (the dot or ✎), in viewport pixels: under it, touching it (no gap
   * for the pointer to cross), else above it when there is no room below; shifted left to stay on screen.
   * anchor: the trigger's rect; size: {width, height} of the card; viewport: {width, height}.
   */
  function placeCard(anchor, size, viewport, margin = 4) {
    const overlap = 1; // the card overlaps its trigger by a pixel: rounding never opens a gap
    let left = anchor.left - 8;
    let align = 'start';
    if (left + size.width > viewport.width - margin) { left = viewport.width - margin - size.width; align = 'end'; }
    left = Math.max(margin, left);
    const below = anchor.bottom - overlap;
    const above = anchor.top + overlap - size.height;
    let top;
    let side;
    if (below + size.height <= viewport.height - margin) { top = below; side = 'below'; }
    else if (above >= margin) { top = above; side = 'above'; }
    else {
      // no room either way (a tiny window): the roomier side, kept on screen
      side = viewport.height - anchor.bottom >= anchor.top ? 'below' : 'above';
      top = Math.max(margin, Math.min(side === 'below' ? below : above, viewport.height - margin - size.height));
    }
    return { left, top, side, align };
  }

  function intersects(a, b, pad) {
    return a.left < b.right + pad && b.left < a.right + pad && a.top < b.bottom + pad && b.top < a.bottom + pad;
  }

  /**
   * Where the badge goes for a compose body whose visible box is `box`: inside its bottom-right corner, else
   * its top-right corner, when no draft text is there (`textRects`, the draft's line boxes); else just
   * outside the box, below it, else above it. Returns {left, top, where}.
   */
  function badgeSpot(box, size, textRects, viewport) {
    const right = Math.min(box.right, viewport.width);
    const left = Math.max(box.left, right - size.width - 6);
    const bottom = Math.min(box.bottom, viewport.height);
    const top = Math.max(box.top, 0);
    const candidates = [
      { where: 'inside-bottom', top: Math.max(top, bottom - size.height - 4), inside: true },
      { where: 'inside-top', top: top + 4, inside: true },
      { where: 'below', top: box.bottom + 2, inside: false },
      { where: 'above', top: box.top - size.height - 2, inside: false },
    ];
    const onScreen = (c) => c.top >= 0 && c.top + size.height <= viewport.height;
    for (const c of candidates) {
      if (!onScreen(c)) continue;
      if (c.inside && c.top + size.height > bottom + 1) continue; // taller than the box: not inside
      const rect = { left, top: c.top, right: left + size.width, bottom: c.top + size.height };
      if (c.inside && textRects.some((r) => r.width !== 0 && intersects(rect, r, 2))) continue;
      return { left, top: c.top, where: c.where };
    }
    const fallback = candidates.slice(2).find(onScreen) || candidates[0];
    return { left, top: fallback.top, where: fallback.where };
  }

  /** Milliseconds before the next check of a server that did not answer: 3 s, doubling, at most a minute. */
  function retryDelay(attempt) {
    return Math.min(3000 * 2 ** Math.max(0, attempt), 60000);
  }

  return { looseMergeFields, placeCard, badgeSpot, retryDelay };
});
