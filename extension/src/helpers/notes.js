/**
 * The notes under the badge's verdict, from the server's analysis and the draft text: a draft not in English
 * (not judged), care mode (a sensitive topic), the review nudge (an important recipient) and the team's AI-use disclosure policy.
 * Plain, kind words; the disclosure line is only ever shown, never written into the draft (the user does).
 * Anything missing or of the wrong type in the analysis (an older server) gives no note.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sincerely = root.Sincerely || {}).notes = api;
})(globalThis, function () {
  'use strict';

  const CARE_NOTE = 'Sensitive topic: Sincerely keeps its hints few and gentle here.';
  const LANGUAGE_NOTE = 'Sincerely reads English only, so this draft is not judged.';
  const INCLUDED_NOTE = 'AI-use line included ✓';
  const POLICIES = new Set(['suggest', 'require']);

  /** Lower case, every run of whitespace (nbsp too) one space, trimmed. */
  function normalise(text) {
    return String(text).toLowerCase().replace(/\s+/g, ' ').trim();
  }

  /** Whether the draft already carries the line, ignoring case and how the whitespace is laid out. */
  function containsLine(draft, line) {
    const want = normalise(line);
    return want !== '' && normalise(draft).includes(want);
  }

  function disclosureNote(disclosure, draft) {
    if (!disclosure || typeof disclosure !== 'object' || !POLICIES.has(disclosure.policy)) return null;
    const line = typeof disclosure.line === 'string' ? disclosure.line.trim() : '';
    const require = disclosure.policy === 'require';
    if (containsLine(draft, line)) return require ? { kind: 'disclosure', state: 'included', text: INCLUDED_NOTE } : null;
    const text = require
      ? (line ? `Your team asks you to say how AI helped: ${line}` : 'Your team asks you to say how AI helped.')
      : (line ? `Your team suggests saying how AI helped, e.g.: ${line}` : 'Your team suggests saying how AI helped.');
    return { kind: 'disclosure', state: require ? 'asked' : 'suggested', text };
  }

  /** [{kind: 'language' | 'care' | 'review' | 'disclosure', state?, text}] in the order they are shown. */
  function notesFor(result, draft) {
    if (!result || typeof result !== 'object') return [];
    const notes = [];
    if (result.not_judged === 'other_language') notes.push({ kind: 'language', text: LANGUAGE_NOTE });
    if (result.care_mode === true) notes.push({ kind: 'care', text: CARE_NOTE });
    if (typeof result.review_nudge === 'string' && result.review_nudge.trim()) {
      notes.push({ kind: 'review', text: result.review_nudge });
    }
    const disclosure = disclosureNote(result.disclosure, typeof draft === 'string' ? draft : '');
    if (disclosure) notes.push(disclosure);
    return notes;
  }

  return { notesFor, containsLine, CARE_NOTE, INCLUDED_NOTE, LANGUAGE_NOTE };
});
