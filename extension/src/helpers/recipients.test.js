'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const {
  normaliseAddress, cleanRecipients, addressesFrom, validateRecipients, MAX_RECIPIENTS, CHIP_SELECTOR,
} = require('./recipients.js');

test('normaliseAddress keeps bare addresses only, trimmed and lower-cased', async (t) => {
  const table = [
    ['dana@example.com', 'dana@example.com'],
    ['  Dana.Silva@Example.COM \n', 'dana.silva@example.com'],
    ['kim+news@mail.partner.example', 'kim+news@mail.partner.example'],
    ["o'brien_1@sub-domain.example.co.uk", "o'brien_1@sub-domain.example.co.uk"],
    ['xn--bcher-kva@xn--bcher-kva.example', 'xn--bcher-kva@xn--bcher-kva.example'],
    ['Dana Silva', null],
    ['Dana <dana@example.com>', null],
    ['"dana"@example.com', null],
    ['mailto:dana@example.com', null],
    ['dana@localhost', null],
    ['dana@@example.com', null],
    ['dana@example..com', null],
    ['.dana@example.com', null],
    ['dana.@example.com', null],
    ['dana@-example.com', null],
    ['dana example@example.com', null],
    ['dana@example.com, kim@example.com', null],
    ['114763358946210348873', null], // a Gmail hovercard id that is not an address
    ['', null],
    ['   ', null],
    [`${'a'.repeat(250)}@b.co`, null], // over 254 characters
    [null, null],
    [undefined, null],
    [42, null],
    [['dana@example.com'], null],
  ];
  for (const [input, want] of table) {
    await t.test(JSON.stringify(input) || String(input), () => assert.equal(normaliseAddress(input), want));
  }
});

test('cleanRecipients: valid, deduplicated in order, capped at the server limit', async (t) => {
  const many = Array.from({ length: MAX_RECIPIENTS + 5 }, (_, i) => `p${i}@example.com`);
  const table = [
    ['empty', [], []],
    ['nothing given', undefined, []],
    ['order kept', ['b@example.com', 'a@example.com'], ['b@example.com', 'a@example.com']],
    ['case duplicates collapse to the first', ['Dana@Example.com', 'kim@example.com', 'dana@example.com'],
      ['dana@example.com', 'kim@example.com']],
    ['junk dropped', ['Dana Silva', 'dana@example.com', 7, null, 'x'], ['dana@example.com']],
    ['capped', many, many.slice(0, MAX_RECIPIENTS)],
    ['cap counts distinct addresses', ['a@example.com', 'a@example.com', ...many], ['a@example.com', ...many.slice(0, MAX_RECIPIENTS - 1)]],
  ];
  for (const [name, input, want] of table) {
    await t.test(name, () => assert.deepEqual(cleanRecipients(input), want));
  }
  assert.equal(MAX_RECIPIENTS, 100);
});

test('addressesFrom reads the email or data-hovercard-id attribute, never the chip text', async (t) => {
  const chip = (attrs, text) => ({ getAttribute: (n) => (n in attrs ? attrs[n] : null), textContent: text });
  const table = [
    ['older chip: email attribute', [chip({ email: 'Dana@Example.com', name: 'Dana Silva' }, 'Dana Silva')], ['dana@example.com']],
    ['newer chip: data-hovercard-id', [chip({ 'data-hovercard-id': 'kim@partner.example', 'data-name': 'Kim' }, 'Kim')],
      ['kim@partner.example']],
    ['email wins over the hovercard id', [chip({ email: 'a@example.com', 'data-hovercard-id': 'b@example.com' })], ['a@example.com']],
    ['numeric hovercard id, address in email', [chip({ 'data-hovercard-id': '1147633589', email: 'c@example.com' })],
      ['c@example.com']],
    ['display name only: nothing', [chip({ name: 'Dana Silva' }, 'dana@example.com')], []],
    ['both rows, same person once', [chip({ email: 'dana@example.com' }), chip({ 'data-hovercard-id': 'DANA@example.com' })],
      ['dana@example.com']],
    ['not elements', [null, {}, 'dana@example.com'], []],
    ['no chips', undefined, []],
  ];
  for (const [name, chips, want] of table) {
    await t.test(name, () => assert.deepEqual(addressesFrom(chips), want));
  }
  assert.equal(CHIP_SELECTOR, '[email], [data-hovercard-id]');
});

test('validateRecipients: the service worker accepts a clean list or nothing', async (t) => {
  const table = [
    ['empty', [], []],
    ['clean', ['dana@example.com'], ['dana@example.com']],
    ['normalised again', [' Dana@Example.com', 'dana@example.com'], ['dana@example.com']],
    ['at the limit', Array.from({ length: MAX_RECIPIENTS }, (_, i) => `p${i}@example.com`), null],
    ['over the limit', Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `p${i}@example.com`), 'reject'],
    ['a display name', ['Dana Silva <dana@example.com>'], 'reject'],
    ['not a string', ['dana@example.com', 5], 'reject'],
    ['not an array', 'dana@example.com', 'reject'],
    ['an object', { 0: 'dana@example.com', length: 1 }, 'reject'],
  ];
  for (const [name, input, want] of table) {
    await t.test(name, () => {
      const got = validateRecipients(input);
      if (want === 'reject') assert.equal(got, null);
      else if (want === null) assert.deepEqual(got, input);
      else assert.deepEqual(got, want);
    });
  }
});
