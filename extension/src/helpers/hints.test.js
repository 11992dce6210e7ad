'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { looseMergeFields, placeCard, badgeSpot, retryDelay } = require('./hints.js');

test('looseMergeFields: merge fields outside flagged sentences get a hint of their own', async (t) => {
  const text = 'Thanks for the call.\n\nBest,\n[Your Name]\n[Your Position]';
  const at = (s) => [...text.slice(0, text.indexOf(s))].length;
  const ph = (s) => ({ start: at(s), end: at(s) + [...s].length, text: s });
  await t.test('signature fields, no sentence flagged', () => {
    const got = looseMergeFields({ sentences: [{ start: 0, end: 20, flagged: false }], placeholders: [ph('[Your Name]'), ph('[Your Position]')] });
    assert.deepEqual(got.map((g) => g.reason), ['merge field left in: [Your Name]', 'merge field left in: [Your Position]']);
    assert.deepEqual(got.map((g) => [g.start, g.end]), [[at('[Your Name]'), at('[Your Name]') + 11], [at('[Your Position]'), at('[Your Position]') + 15]]);
  });
  await t.test('a field inside a flagged sentence is left to that sentence', () => {
    const got = looseMergeFields({
      sentences: [{ start: at('[Your Name]') - 1, end: at('[Your Name]') + 11, flagged: true }],
      placeholders: [ph('[Your Name]'), ph('[Your Position]')],
    });
    assert.deepEqual(got.map((g) => g.text), ['[Your Position]']);
  });
  await t.test('inside an unflagged sentence still counts', () => {
    const got = looseMergeFields({ sentences: [{ start: 0, end: text.length, flagged: false }], placeholders: [ph('[Your Name]')] });
    assert.equal(got.length, 1);
  });
  await t.test('missing or malformed fields (an older server) give nothing, never throw', () => {
    assert.deepEqual(looseMergeFields({}), []);
    assert.deepEqual(looseMergeFields(null), []);
    assert.deepEqual(looseMergeFields({ placeholders: [null, { start: 'a', end: 3 }, { start: 5, end: 5 }, { start: -1, end: 2 }] }), []);
  });
  await t.test('the text is kept as text', () => {
    const got = looseMergeFields({ placeholders: [{ start: 0, end: 3, text: '<b>' }] });
    assert.equal(got[0].reason, 'merge field left in: <b>');
  });
});

test('placeCard: under its trigger without a gap, flipped and shifted to stay on screen', async (t) => {
  const vp = { width: 1280, height: 900 };
  const chip = (x, y) => ({ left: x, top: y, right: x + 9, bottom: y + 9 });
  await t.test('room below and right: under the dot, overlapping it by a pixel', () => {
    const p = placeCard(chip(100, 100), { width: 300, height: 120 }, vp);
    assert.deepEqual(p, { left: 92, top: 108, side: 'below', align: 'start' });
  });
  await t.test('bottom of the screen: above the dot, touching it', () => {
    const p = placeCard(chip(100, 850), { width: 300, height: 120 }, vp);
    assert.equal(p.side, 'above');
    assert.equal(p.top + 120, 851);
  });
  await t.test('right edge of the screen: shifted left, still over the dot', () => {
    const a = chip(1250, 100);
    const p = placeCard(a, { width: 300, height: 120 }, vp);
    assert.equal(p.left + 300, 1276);
    assert.ok(p.left <= a.left && a.right <= p.left + 300);
    assert.equal(p.align, 'end');
  });
  await t.test('bottom-right corner: up and left', () => {
    const p = placeCard(chip(1260, 880), { width: 300, height: 120 }, vp);
    assert.equal(p.side, 'above');
    assert.ok(p.left + 300 <= 1276 && p.top >= 4);
  });
  await t.test('a window too small either way: kept on screen', () => {
    const p = placeCard(chip(10, 50), { width: 300, height: 120 }, { width: 320, height: 130 });
    assert.ok(p.top >= 4 && p.top + 120 <= 130 - 4 + 1e-9 || p.top === 4);
    assert.ok(p.left >= 4);
  });
});

test('badgeSpot: where no draft text is', async (t) => {
  const vp = { width: 1280, height: 900 };
  const box = { left: 784, top: 480, right: 1264, bottom: 860 };
  const size = { width: 200, height: 24 };
  await t.test('a short draft: inside the bottom-right corner', () => {
    const s = badgeSpot(box, size, [{ left: 792, top: 488, right: 900, bottom: 508, width: 108 }], vp);
    assert.deepEqual(s, { left: 1058, top: 832, where: 'inside-bottom' });
  });
  await t.test('text down to the bottom: the top-right corner when it is free', () => {
    const s = badgeSpot(box, size, [{ left: 792, top: 488, right: 900, bottom: 508, width: 108 },
      { left: 792, top: 830, right: 1250, bottom: 850, width: 458 }], vp);
    assert.equal(s.where, 'inside-top');
  });
  await t.test('text everywhere: just outside the box, below it', () => {
    const lines = [];
    for (let y = 488; y < 860; y += 20) lines.push({ left: 792, top: y, right: 1256, bottom: y + 20, width: 464 });
    const s = badgeSpot(box, size, lines, vp);
    assert.equal(s.where, 'below');
    assert.equal(s.top, 862);
  });
  await t.test('no room below the box on screen: above it', () => {
    const lines = [{ left: 792, top: 480, right: 1256, bottom: 900, width: 464 }];
    const s = badgeSpot({ ...box, bottom: 890 }, size, lines, vp);
    assert.equal(s.where, 'above');
    assert.equal(s.top, 480 - 26);
  });
});

test('retryDelay: 3 s, doubling, at most a minute', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 9].map(retryDelay), [3000, 6000, 12000, 24000, 48000, 60000, 60000]);
});
