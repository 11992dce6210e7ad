'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { notesFor, containsLine, CARE_NOTE, INCLUDED_NOTE, LANGUAGE_NOTE } = require('./notes.js');

const LINE = 'I drafted this email with help from an AI writing assistant.';
const NUDGE = 'This goes to someone important: a last read before sending is worth it.';
const DRAFT = 'Hi Dana,\n\nI am so sorry for your loss.\n\nSam';
const base = { score: 0.3, label: 'personal', care_mode: false, review_nudge: null, disclosure: null };
const require_ = { policy: 'require', line: LINE };
const suggest = { policy: 'suggest', line: LINE };
const ASK = `Your team asks you to say how AI helped: ${LINE}`;
const SUGGEST = `Your team suggests saying how AI helped, e.g.: ${LINE}`;

test('notesFor: which notes, in which order', async (t) => {
  const table = [
    // [name, analysis fields, draft, expected [kind, text] pairs]
    ['nothing to say', {}, DRAFT, []],
    ['care mode', { care_mode: true }, DRAFT, [['care', CARE_NOTE]]],
    ['not English: said first', { not_judged: 'other_language', care_mode: true }, DRAFT,
      [['language', LANGUAGE_NOTE], ['care', CARE_NOTE]]],
    ['too short: no note (the verdict says it)', { not_judged: 'too_short' }, DRAFT, []],
    ['review nudge as the server sent it', { review_nudge: NUDGE }, DRAFT, [['review', NUDGE]]],
    ['blank review nudge is no note', { review_nudge: '  ' }, DRAFT, []],
    ['require, line missing', { disclosure: require_ }, DRAFT, [['disclosure', ASK]]],
    ['suggest, line missing', { disclosure: suggest }, DRAFT, [['disclosure', SUGGEST]]],
    ['require, line present', { disclosure: require_ }, `${DRAFT}\n\n${LINE}`, [['disclosure', INCLUDED_NOTE]]],
    ['suggest, line present: nothing', { disclosure: suggest }, `${DRAFT}\n\n${LINE}`, []],
    ['require, line in other case and wrapped over lines', { disclosure: require_ },
      `${DRAFT}\n\ni drafted this email   with help\nfrom an AI\u00a0writing assistant.`, [['disclosure', INCLUDED_NOTE]]],
    ['require, only part of the line', { disclosure: require_ }, `${DRAFT}\nI drafted this email`, [['disclosure', ASK]]],
    ['require with an empty line never counts as included', { disclosure: { policy: 'require', line: ' ' } }, DRAFT,
      [['disclosure', 'Your team asks you to say how AI helped.']]],
    ['suggest with an empty line', { disclosure: { policy: 'suggest', line: '' } }, DRAFT,
      [['disclosure', 'Your team suggests saying how AI helped.']]],
    ['unknown policy: no note', { disclosure: { policy: 'off', line: LINE } }, DRAFT, []],
    ['all three, care first', { care_mode: true, review_nudge: NUDGE, disclosure: require_ }, DRAFT,
      [['care', CARE_NOTE], ['review', NUDGE], ['disclosure', ASK]]],
    ['older server: fields missing', { care_mode: undefined, review_nudge: undefined, disclosure: undefined }, DRAFT, []],
    ['wrong types are ignored', { care_mode: 'yes', review_nudge: 42, disclosure: 'require' }, DRAFT, []],
    ['markup stays text', { review_nudge: '<img src=x onerror=1>' }, DRAFT, [['review', '<img src=x onerror=1>']]],
  ];
  for (const [name, fields, draft, want] of table) {
    await t.test(name, () => {
      const got = notesFor({ ...base, ...fields }, draft).map((n) => [n.kind, n.text]);
      assert.deepEqual(got, want);
    });
  }
});

test('notesFor: disclosure states for styling and tests', () => {
  assert.equal(notesFor({ disclosure: require_ }, DRAFT)[0].state, 'asked');
  assert.equal(notesFor({ disclosure: suggest }, DRAFT)[0].state, 'suggested');
  assert.equal(notesFor({ disclosure: require_ }, LINE)[0].state, 'included');
});

test('notesFor: no analysis or no draft', () => {
  assert.deepEqual(notesFor(null, DRAFT), []);
  assert.deepEqual(notesFor(undefined, DRAFT), []);
  assert.deepEqual(notesFor({ disclosure: require_ }, undefined).map((n) => n.text), [ASK]);
});

test('containsLine: case-insensitive, whitespace-normalised', async (t) => {
  const table = [
    ['exact', `x ${LINE} y`, LINE, true],
    ['upper case draft', LINE.toUpperCase(), LINE, true],
    ['line with extra spaces', LINE, `  ${LINE.replace(/ /g, '  ')} `, true],
    ['tabs and newlines', LINE.replace(/ /g, '\n\t'), LINE, true],
    ['a different line', 'Written by me.', LINE, false],
    ['empty line', 'anything', '', false],
    ['emoji and non-Latin', 'Hallo 👋🏽 — 이 메일은 AI가 도왔어요', '이 메일은  AI가 도왔어요', true],
  ];
  for (const [name, draft, line, want] of table) {
    await t.test(name, () => assert.equal(containsLine(draft, line), want));
  }
});
