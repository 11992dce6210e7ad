/**
 * Debounce: run `fn` once, `wait` ms after the last call. cancel() drops a pending run; flush() runs it now.
 * The timer functions are injectable so node tests run on a fake clock.
 */
(function (root, factory) {
  const api = factory();
  if (typeof module === 'object' && module.exports) module.exports = api;
  else (root.Sincerely = root.Sincerely || {}).debounce = api;
})(globalThis, function () {
  'use strict';

  function debounce(fn, wait, timers) {
    const set = (timers && timers.setTimeout) || setTimeout;
    const clear = (timers && timers.clearTimeout) || clearTimeout;
    let handle = null;
    let lastArgs = null;
    function run() {
      handle = null;
      const args = lastArgs;
      lastArgs = null;
      fn(...args);
    }
    function debounced(...args) {
      lastArgs = args;
      if (handle !== null) clear(handle);
      handle = set(run, wait);
    }
    debounced.cancel = () => {
      if (handle !== null) clear(handle);
      handle = null;
      lastArgs = null;
    };
    debounced.flush = () => {
      if (handle === null) return;
      clear(handle);
      run();
    };
    debounced.pending = () => handle !== null;
    return debounced;
  }

  return { debounce };
});
