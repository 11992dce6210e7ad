'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { cpLength, cpToUtf16, utf16ToCp, cpSlice } = require('./offsets.js');

const WAVE = '👋🏽'; // U+1F44B U+1F3FD: 2 code points, 4 UTF-16 units

test('cpLength', async (t) => {
  const table = [
    ['', 0],
    ['abc', 3],
    [WAVE, 2],
    ['Hi 👋🏽!', 6],
    ['안녕하세요', 5],
    ['مرحبا بك', 8],
    ['e\u0301', 2], // combining mark: two code points, as in Python
    ['\ud800x', 2], // lone surrogate counts once
  ];
  for (const [str, n] of table) {
    await t.test(JSON.stringify(str), () => assert.equal(cpLength(str), n));
  }
});

test('cpToUtf16 and utf16ToCp are inverse on code-point boundaries', async (t) => {
  const table = [
    // [string, code-point offset, UTF-16 index]
    ['abc', 0, 0],
    ['abc', 2, 2],
    ['abc', 3, 3],
    ['abc', 9, 3], // clamps
    [WAVE + 'a', 1, 2],
    [WAVE + 'a', 2, 4],
    [WAVE + 'a', 3, 5],
    ['Hi ' + WAVE + ', Dana', 5, 7],
    ['안녕 ' + WAVE + ' 하세요', 3, 3],
    ['안녕 ' + WAVE + ' 하세요', 6, 8],
    ['مرحبا ' + WAVE + ' سلام', 8, 10],
  ];
  for (const [str, cp, u16] of table) {
    await t.test(`${JSON.stringify(str)} @${cp}`, () => {
      assert.equal(cpToUtf16(str, cp), u16);
      if (cp <= cpLength(str)) assert.equal(utf16ToCp(str, u16), cp);
    });
  }
});

test('utf16ToCp inside a surrogate pair counts the pair start', () => {
  assert.equal(utf16ToCp(WAVE, 1), 0);
  assert.equal(utf16ToCp(WAVE, 3), 1);
});

test('cpSlice matches Python slicing', async (t) => {
  const text = 'Hi Dana ' + WAVE + ',\n\n안녕하세요! شكرا on Friday.';
  const table = [
    [0, 2, 'Hi'],
    [8, 10, WAVE],
    [8, 11, WAVE + ','],
    [13, 18, '안녕하세요'],
    [20, 24, 'شكرا'],
  ];
  for (const [s, e, want] of table) {
    await t.test(`[${s}:${e}]`, () => assert.equal(cpSlice(text, s, e), want));
  }
});
