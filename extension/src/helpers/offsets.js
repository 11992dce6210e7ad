/**
 * Code-point offsets (what the server speaks: Python string indices) <-> UTF-16 indices (what the DOM speaks).
 * "👋🏽" is 2 code points and 4 UTF-16 units; Korean and Arabic letters are 1 and 1.
 * Plain script: in the browser it sets globalThis.Sincerely.offsets, in node it is module.exports.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sincerely = root.Sincerely || {}).offsets = api;
})(globalThis, function () {
  'use strict';

  function isHigh(unit) { return unit >= 0xd800 && unit <= 0xdbff; }
  function isLow(unit) { return unit >= 0xdc00 && unit <= 0xdfff; }

  /** Number of code points in a string (a lone surrogate counts as one, as in Python). */
  function cpLength(str) {
    let n = 0;
    for (let i = 0; i < str.length; i++) {
      if (isHigh(str.charCodeAt(i)) && i + 1 < str.length && isLow(str.charCodeAt(i + 1))) i++;
      n++;
    }
    return n;
  }

  /** UTF-16 index of code-point offset `cp` in `str`; clamps to [0, str.length]. */
  function cpToUtf16(str, cp) {
    if (!(cp > 0)) return 0;
    let i = 0;
    let n = 0;
    while (i < str.length && n < cp) {
      if (isHigh(str.charCodeAt(i)) && i + 1 < str.length && isLow(str.charCodeAt(i + 1))) i += 2;
      else i += 1;
      n++;
    }
    return i;
  }

  /** Code-point offset of UTF-16 index `idx` (an index inside a pair counts as the pair's start). */
  function utf16ToCp(str, idx) {
    const end = Math.max(0, Math.min(idx, str.length));
    let n = 0;
    let i = 0;
    while (i < end) {
      if (isHigh(str.charCodeAt(i)) && i + 1 < str.length && isLow(str.charCodeAt(i + 1))) {
        if (i + 1 >= end) break;
        i += 2;
      } else i += 1;
      n++;
    }
    return n;
  }

  /** The substring between two code-point offsets (like Python's text[start:end]). */
  function cpSlice(str, start, end) {
    return str.slice(cpToUtf16(str, start), cpToUtf16(str, end));
  }

  return { cpLength, cpToUtf16, utf16ToCp, cpSlice };
});
