/**
 * The exact draft string sent to the server, read from Gmail's compose body, and the way back from
 * code-point offsets in that string to DOM positions (for Ranges).
 *
 * Definition (close to what the writer sees, one character of output per character on screen):
 *  - a text node contributes its text, with U+00A0 (Gmail's &nbsp;) read as a plain space (same length);
 *  - <br> is "\n";
 *  - a block element (div, p, li, blockquote, h1-h6, pre, ul, ol, table, tr) starts on a new line and
 *    ends its line: one "\n" is emitted between its content and the content around it, only when content
 *    follows and the output is not already at the start of a line. So <div>a</div><div><br></div><div>b</div>
 *    is "a\n\nb", and a trailing <br> at the end of a block does not add an empty line;
 *  - a paragraph (p, h1-h6: pasted HTML, drawn with a margin) is set off by a blank line, as Gmail's own
 *    <div><br></div> is: <p>a</p><p>b</p> is "a\n\nb", and "x<p>b</p>" is "x\n\nb";
 *  - Gmail's quoted history (an element with class gmail_quote: "On … wrote:" and the quote of a reply or
 *    forward) ends the draft: it and everything after it are not read, so only the writer's part is sent;
 *  - form controls, scripts and styles (input, textarea, select, button, script, style, template) are skipped:
 *    only the writer's text is read, never a password or card field;
 *  - nothing else: no trimming, no collapsing of spaces.
 *
 * Works on any node-like object with nodeType, nodeName, childNodes, data, parentNode (the DOM, or plain
 * objects in node tests). Plain script: browser globalThis.Sincerely.extract, node module.exports.
 */
(function (root, factory) {
  const isNode = typeof module === 'object' && module.exports;
  const offsets = isNode ? require('./offsets.js') : root.Sincerely.offsets;
  const api = factory(offsets);
  if (isNode) module.exports = api;
  else (root.Sincerely = root.Sincerely || {}).extract = api;
})(globalThis, function (offsets) {
  'use strict';

  const BLOCKS = new Set(['DIV', 'P', 'LI', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'PRE', 'UL', 'OL',
    'TABLE', 'TBODY', 'TR', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER']);
  const PARAGRAPHS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
  const QUOTE_CLASS = 'gmail_quote'; // Gmail's "On … wrote:" + quoted history, and a forward's header + message
  const SKIP = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'OPTION']);

  function classesOf(node) {
    const c = typeof node.className === 'string' ? node.className
      : node.getAttribute ? node.getAttribute('class') : node.attributes && node.attributes.class;
    return typeof c === 'string' ? c.split(/\s+/) : [];
  }

  function isQuote(node) {
    return classesOf(node).includes(QUOTE_CLASS);
  }

  function indexIn(node) {
    const siblings = node.parentNode.childNodes;
    for (let i = 0; i < siblings.length; i++) if (siblings[i] === node) return i;
    return -1;
  }

  /**
   * Read `rootNode` into {text, segments}. segments cover text in order:
   * {kind:'text', node, start, end} (code points of text) or {kind:'break', start, end, before}
   * where before = {node, offset} is the DOM position at the end of the line the break closes.
   */
  function extractDraft(rootNode) {
    const parts = [];
    const segments = [];
    let cp = 0;
    let trailing = -1; // "\n"s at the end of the output so far; -1 before any content (nothing to separate)
    let need = 0; // line breaks the next content needs in front of it: 1 after a block, 2 after a paragraph
    let stopped = false; // Gmail's quoted history reached: nothing more is read
    let lastEnd = { node: rootNode, offset: 0 };

    function emitBreak(before) {
      parts.push('\n');
      segments.push({ kind: 'break', start: cp, end: cp + 1, before });
      cp += 1;
      trailing += 1;
    }

    function settle() {
      if (trailing >= 0) while (trailing < need) emitBreak(lastEnd);
      need = 0;
    }

    function boundary(n) {
      if (trailing >= 0 && n > need) need = n;
    }

    function visit(node) {
      if (stopped) return;
      if (node.nodeType === 3) {
        const data = node.data;
        if (!data) return;
        settle();
        const n = offsets.cpLength(data);
        parts.push(data.indexOf('\u00a0') >= 0 ? data.replace(/\u00a0/g, ' ') : data);
        segments.push({ kind: 'text', node, start: cp, end: cp + n });
        cp += n;
        trailing = 0;
        lastEnd = { node, offset: data.length };
        return;
      }
      if (node.nodeType !== 1) return;
      const name = node.nodeName.toUpperCase();
      if (SKIP.has(name)) return;
      if (isQuote(node)) { stopped = true; return; }
      if (name === 'BR') {
        settle();
        const at = { node: node.parentNode, offset: indexIn(node) };
        if (trailing < 0) trailing = 0;
        emitBreak(at);
        lastEnd = { node: node.parentNode, offset: at.offset + 1 };
        return;
      }
      const gap = PARAGRAPHS.has(name) ? 2 : BLOCKS.has(name) ? 1 : 0;
      if (gap) boundary(gap);
      const kids = node.childNodes;
      for (let i = 0; i < kids.length; i++) visit(kids[i]);
      if (gap) boundary(gap);
    }

    const kids = rootNode.childNodes;
    for (let i = 0; i < kids.length; i++) visit(kids[i]);
    return { text: parts.join(''), segments, length: cp, quoted: stopped };
  }

  /**
   * DOM position {node, offset} (offset in UTF-16 units for text nodes) of code-point `offset`.
   * With preferEnd (for the end of a range), a boundary between two segments resolves to the end of the
   * earlier one, so a range never reaches into the next line; otherwise to the start of the later one.
   */
  function positionAt(extracted, offset, preferEnd) {
    const segs = extracted.segments;
    if (!segs.length) return null;
    const o = Math.max(0, Math.min(offset, extracted.length));
    for (let i = 0; i < segs.length; i++) {
      const s = segs[i];
      const inside = preferEnd ? (s.start < o && o <= s.end) || (o === 0 && s.start === 0) : s.start <= o && o < s.end;
      if (!inside) continue;
      if (s.kind === 'break') return o === s.start || !preferEnd ? s.before : positionAfter(segs, i);
      return { node: s.node, offset: offsets.cpToUtf16(s.node.data, o - s.start) };
    }
    const last = segs[segs.length - 1];
    if (last.kind === 'text') return { node: last.node, offset: last.node.data.length };
    return positionAfter(segs, segs.length - 1);
  }

  function positionAfter(segs, i) {
    // the DOM position just after break segment i: the start of the next text, else after the break itself
    for (let j = i + 1; j < segs.length; j++) {
      if (segs[j].kind === 'text') return { node: segs[j].node, offset: 0 };
      return segs[j].before;
    }
    return segs[i].before;
  }

  return { extractDraft, positionAt, BLOCKS, PARAGRAPHS, SKIP, QUOTE_CLASS };
});
