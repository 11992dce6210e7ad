'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { debounce } = require('./debounce.js');

function fakeClock() {
  let now = 0;
  let id = 0;
  const timers = new Map();
  return {
    setTimeout(fn, ms) { timers.set(++id, { fn, at: now + ms }); return id; },
    clearTimeout(h) { timers.delete(h); },
    advance(ms) {
      now += ms;
      for (const [h, tm] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
        if (tm.at <= now && timers.has(h)) { timers.delete(h); tm.fn(); }
      }
    },
  };
}

test('debounce: table of call patterns', async (t) => {
  const table = [
    // [name, steps: ['call', arg] | ['wait', ms] | ['cancel'] | ['flush'], expected calls]
    ['one call runs after the pause', [['call', 'a'], ['wait', 499]], []],
    ['one call, full pause', [['call', 'a'], ['wait', 500]], ['a']],
    ['typing keeps postponing', [['call', 'a'], ['wait', 300], ['call', 'b'], ['wait', 300], ['call', 'c'], ['wait', 500]], ['c']],
    ['two bursts, two runs', [['call', 'a'], ['wait', 600], ['call', 'b'], ['wait', 600]], ['a', 'b']],
    ['cancel drops the pending run', [['call', 'a'], ['cancel'], ['wait', 1000]], []],
    ['flush runs now, once', [['call', 'a'], ['flush'], ['wait', 1000]], ['a']],
    ['flush with nothing pending does nothing', [['flush']], []],
  ];
  for (const [name, steps, want] of table) {
    await t.test(name, () => {
      const clock = fakeClock();
      const calls = [];
      const d = debounce((x) => calls.push(x), 500, clock);
      for (const [op, arg] of steps) {
        if (op === 'call') d(arg);
        else if (op === 'wait') clock.advance(arg);
        else d[op]();
      }
      assert.deepEqual(calls, want);
    });
  }
});

test('debounce works with the real timers', async () => {
  const calls = [];
  const d = debounce((x) => calls.push(x), 10);
  d(1); d(2);
  assert.equal(d.pending(), true);
  await new Promise((r) => setTimeout(r, 40));
  assert.deepEqual(calls, [2]);
  assert.equal(d.pending(), false);
});
