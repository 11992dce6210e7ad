'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { extractDraft, positionAt } = require('./extract.js');
const { cpSlice, cpToUtf16 } = require('./offsets.js');

// A tiny fake DOM: just what extractDraft reads.
function el(name, ...kids) {
  const node = { nodeType: 1, nodeName: name.toUpperCase(), childNodes: [], parentNode: null };
  for (const k of kids) {
    const child = typeof k === "string" ? txt(k) : k;
    child.parentNode = node;
    node.childNodes.push(child);
  }
  return node;
}
function txt(data) { return { nodeType: 3, nodeName: '#text', data, childNodes: [], parentNode: null }; }
const br = () => el('br');
const body = (...kids) => el('div', ...kids);

const WAVE = '👋🏽';

/** The draft extracted from `root` is exactly `want`, counted in code points, and its segments tile it. */
function assertExtracts(root, want) {
  const ex = extractDraft(root);
  assert.equal(ex.text, want);
  assert.equal(ex.length, [...want].length);
  let at = 0;
  for (const s of ex.segments) {
    assert.equal(s.start, at);
    at = s.end;
  }
  assert.equal(at, ex.length);
}

test('extractDraft: Gmail structures to the exact string', async (t) => {
  const table = [
    ['empty', body(), ''],
    ['plain text', body('Hi Dana'), 'Hi Dana'],
    ['text with br', body('Hi', br(), 'there'), 'Hi\nthere'],
    ['div per line, empty line is div>br', body(el('div', 'Hi Dana,'), el('div', br()), el('div', 'Thanks!')), 'Hi Dana,\n\nThanks!'],
    ['first line bare, then divs (Gmail after Enter)', body('Hi,', el('div', br()), el('div', 'See you')), 'Hi,\n\nSee you'],
    ['trailing br inside a block adds no line', body(el('div', 'a', br()), el('div', 'b')), 'a\nb'],
    ['two brs at the end of a block', body(el('div', 'a', br(), br()), el('div', 'b')), 'a\n\nb'],
    ['inline elements are transparent', body(el('div', 'I ', el('b', 'really'), ' ', el('span', el('i', 'mean')), ' it')), 'I really mean it'],
    ['nested divs', body(el('div', el('div', 'a'), el('div', 'b')), el('div', 'c')), 'a\nb\nc'],
    ['nbsp read as a space', body('two\u00a0\u00a0spaces'), 'two  spaces'],
    ['no trailing newline after the last block', body(el('div', 'a'), el('div', 'b')), 'a\nb'],
    ['leading empty line', body(el('div', br()), el('div', 'x')), '\nx'],
    ['emoji and Korean', body(el('div', `Hi ${WAVE},`), el('div', br()), el('div', '안녕하세요!')), `Hi ${WAVE},\n\n안녕하세요!`],
    ['Arabic', body(el('div', 'مرحبا'), el('div', 'شكرا جزيلا')), 'مرحبا\nشكرا جزيلا'],
    ['list items', body(el('ul', el('li', 'one'), el('li', 'two'))), 'one\ntwo'],
    ['form fields are never read', body('Card:', el('input'), el('textarea', 'secret'), ' ok'), 'Card: ok'],
    ['scripts and styles skipped', body(el('style', 'p{}'), 'x', el('script', 'y')), 'x'],
    ['comment nodes ignored', body('a', { nodeType: 8, nodeName: '#comment', data: 'c', childNodes: [] }, 'b'), 'ab'],
  ];
  for (const [name, root, want] of table) {
    await t.test(name, () => assertExtracts(root, want));
  }
});

test('positionAt maps code-point offsets back to DOM positions', async (t) => {
  const line1 = txt(`Hi ${WAVE} Dana,`);
  const line3 = txt('안녕! I hope Lisbon was fun.');
  const arabic = txt('شكرا يا صديقي');
  const middleBr = br();
  const root = body(el('div', line1), el('div', middleBr), el('div', line3), el('div', arabic));
  const ex = extractDraft(root);
  assert.equal(ex.text, `Hi ${WAVE} Dana,\n\n안녕! I hope Lisbon was fun.\nشكرا يا صديقي`);

  const find = (needle) => [...ex.text.slice(0, ex.text.indexOf(needle))].length; // code-point offset of needle
  const table = [
    // [description, code-point offset, preferEnd, expected node, expected UTF-16 offset]
    ['start', 0, false, line1, 0],
    ['before the emoji', 3, false, line1, 3],
    ['after the emoji (2 code points, 4 units)', 5, false, line1, 7],
    ['"Dana"', find('Dana'), false, line1, 8],
    ['end of line 1 as a range end', find(',') + 1, true, line1, line1.data.length],
    ['Korean line start', find('안녕'), false, line3, 0],
    ['"I hope" after Korean', find('I hope'), false, line3, 4],
    ['Arabic word 2', find('يا'), false, arabic, 5],
    ['end of text', ex.length, false, arabic, arabic.data.length],
    ['past the end clamps', ex.length + 10, true, arabic, arabic.data.length],
  ];
  for (const [name, offset, preferEnd, node, u16] of table) {
    await t.test(name, () => {
      const pos = positionAt(ex, offset, preferEnd);
      assert.equal(pos.node, node);
      assert.equal(pos.offset, u16);
    });
  }

  await t.test('a break position sits at the end of the line it closes', () => {
    const firstBreak = [...ex.text].indexOf('\n');
    assert.deepEqual(positionAt(ex, firstBreak, false), { node: line1, offset: line1.data.length });
    const pos = positionAt(ex, firstBreak + 1, false); // the <div><br></div> line
    assert.equal(pos.node, middleBr.parentNode);
    assert.equal(pos.offset, 0);
  });

  await t.test('every sentence slice maps to the same DOM text', () => {
    for (const needle of ['Dana', '안녕!', 'Lisbon was fun.', 'صديقي']) {
      const s = find(needle);
      const e = s + [...needle].length;
      const a = positionAt(ex, s, false);
      const b = positionAt(ex, e, true);
      assert.equal(a.node, b.node);
      assert.equal(a.node.data.slice(a.offset, b.offset), needle);
      assert.equal(cpSlice(ex.text, s, e), needle);
      assert.equal(a.offset, cpToUtf16(a.node.data, s - ex.segments.find((g) => g.node === a.node).start));
    }
  });
});

test('positionAt on an empty draft is null', () => {
  assert.equal(positionAt(extractDraft(body()), 0, false), null);
});

// A fake element with a class (what Gmail's quoted history carries).
function withClass(node, cls) { node.className = cls; return node; }

test('pasted paragraphs are set off by a blank line, as Gmail\'s own empty div is', async (t) => {
  const table = [
    ['two paragraphs', body(el('p', 'Subject: Partnership'), el('p', 'Dear [Recipient\'s Name],')),
      'Subject: Partnership\n\nDear [Recipient\'s Name],'],
    ['text then a paragraph', body('Hi', el('p', 'there')), 'Hi\n\nthere'],
    ['a paragraph then a div line', body(el('p', 'a'), el('div', 'b')), 'a\n\nb'],
    ['a div line then a paragraph', body(el('div', 'a'), el('p', 'b')), 'a\n\nb'],
    ['a leading paragraph adds no blank line at the start', body(el('p', 'a')), 'a'],
    ['a trailing paragraph adds nothing at the end', body(el('div', 'a'), el('p', 'b')), 'a\n\nb'],
    ['a br at the end of a paragraph', body(el('p', 'a', br()), el('p', 'b')), 'a\n\nb'],
    ['an empty paragraph between two', body(el('p', 'a'), el('p', br()), el('p', 'b')), 'a\n\n\nb'],
    ['headings are paragraphs', body(el('h2', 'Title'), el('div', 'text')), 'Title\n\ntext'],
    ['Gmail div lines unchanged', body(el('div', 'a'), el('div', br()), el('div', 'b')), 'a\n\nb'],
    ['lines inside one paragraph stay single', body(el('p', 'a', br(), 'b')), 'a\nb'],
  ];
  for (const [name, root, want] of table) {
    await t.test(name, () => assertExtracts(root, want));
  }

  await t.test('offsets after a paragraph break map back to the right text', () => {
    const second = txt(`Dear ${WAVE} [Recipient's Name],`);
    const ex = extractDraft(body(el('p', 'Subject: Hi'), el('p', second)));
    const start = [...ex.text].indexOf('[');
    const end = start + [..."[Recipient's Name]"].length;
    const a = positionAt(ex, start, false);
    const b = positionAt(ex, end, true);
    assert.equal(a.node, second);
    assert.equal(second.data.slice(a.offset, b.offset), "[Recipient's Name]");
    assert.equal(cpSlice(ex.text, start, end), "[Recipient's Name]");
    // the blank line between the paragraphs resolves to the end of the first one
    const first = ex.segments[0].node;
    assert.deepEqual(positionAt(ex, [...ex.text].indexOf('\n') + 1, false), { node: first, offset: first.data.length });
  });
});

test('Gmail\'s quoted history ends the draft: only the writer\'s part is read', async (t) => {
  const quote = () => withClass(el('div',
    withClass(el('div', 'On Mon, Dana wrote:', br()), 'gmail_attr'),
    withClass(el('blockquote', el('div', 'x'.repeat(30000))), 'gmail_quote')), 'gmail_quote gmail_quote_container');
  const table = [
    ['reply above the quote', body(el('div', 'Sounds good, see you then.'), el('div', br()), quote()),
      'Sounds good, see you then.\n\n'],
    ['nothing after the quote is read', body(el('div', 'Yes.'), quote(), el('div', 'after')), 'Yes.'],
    ['a bare blockquote of class gmail_quote', body('Thanks!', withClass(el('blockquote', 'old'), 'gmail_quote')), 'Thanks!'],
    ['only the quote', body(quote()), ''],
    ['a forward: the writer\'s note only', body(el('div', 'FYI, see below.'),
      withClass(el('div', '---------- Forwarded message ---------', br(), 'From: Kim'), 'gmail_quote')), 'FYI, see below.'],
    ['other classes are read', body(withClass(el('div', 'Best,', br(), 'Sam'), 'gmail_signature')), 'Best,\nSam'],
  ];
  for (const [name, root, want] of table) {
    await t.test(name, () => {
      const ex = extractDraft(root);
      assert.equal(ex.text, want);
      assert.equal(ex.length, [...want].length);
    });
  }
  await t.test('reports that a quote was left out', () => {
    assert.equal(extractDraft(body('a', quote())).quoted, true);
    assert.equal(extractDraft(body('a')).quoted, false);
  });
  await t.test('a real element\'s class attribute works too', () => {
    const q = el('div', 'old');
    q.getAttribute = (n) => (n === 'class' ? 'gmail_quote' : null);
    assert.equal(extractDraft(body('new', q)).text, 'new');
  });
});
