// The fake Gmail's own script (served with a CSP nonce). Builds compose dialogs lazily on a click and an
// inline reply inside a thread view, the way Gmail does, with DOM calls only (the page enforces Trusted Types).
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const threadId = params.get('thread') || 'thread-f:1780000000000000001';
  const legacyId = params.get('legacy') || '18b2c3d4e5f6a7b8';
  if (params.get('theme') === 'dark') document.documentElement.classList.add('dark');
  let composeCount = 0;

  function el(tag, attrs, ...kids) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
    for (const k of kids) n.append(k);
    return n;
  }

  function composeBody(label) {
    return el('div', {
      class: 'Am Al editable', contenteditable: 'true', role: 'textbox', 'aria-label': label,
      'aria-multiline': 'true', g_editable: 'true', tabindex: '1',
    });
  }

  // Recipient rows as Gmail draws them: chips that show the name and carry the address in an attribute
  // (`email` on older chips, `data-hovercard-id` on newer ones), then the row's own input.
  function recipientRow(row, label) {
    return el('div', { class: 'recipient-row', 'data-row': row },
      el('span', { class: 'recipient-label' }, label), el('span', { class: 'chips' }),
      el('input', { type: 'text', 'aria-label': `${label} recipients`, class: 'recipient-input' }));
  }

  function chip(address, name, style) {
    return style === 'hovercard'
      ? el('div', { class: 'afV', role: 'option', 'data-hovercard-id': address, 'data-name': name || address },
        el('span', {}, name || address))
      : el('span', { class: 'vN', email: address, name: name || address }, el('span', {}, name || address));
  }

  function openCompose() {
    const n = composeCount++;
    const dialog = el('div', { role: 'dialog', class: 'compose', 'aria-label': 'New Message', 'data-compose': String(n) },
      el('div', { class: 'compose-title' }, 'New Message'),
      recipientRow('to', 'To'), recipientRow('cc', 'Cc'), recipientRow('bcc', 'Bcc'),
      el('input', { name: 'subjectbox', placeholder: 'Subject', 'aria-label': 'Subject' }),
      composeBody('Message Body'),
      el('div', { class: 'compose-footer' }, el('button', { type: 'button' }, 'Send')));
    dialog.style.right = `${16 + n * 500}px`;
    document.getElementById('compose-area').append(dialog);
  }

  function buildThread() {
    const view = el('div', { role: 'main', class: 'thread-view' },
      el('div', { class: 'thread', 'data-thread-perm-id': threadId, 'data-legacy-thread-id': legacyId },
        el('h2', { class: 'subject' }, 'Camping trip in the Algarve'),
        el('div', { class: 'message' },
          el('span', { class: 'gD', email: 'dana@example.com', name: 'Dana' }, 'Dana'), ': ',
          'Hi Sam, the photos from Sagres are up! Shall we plan the next trip? — Dana'),
        el('div', { class: 'reply-slot' }, el('button', { type: 'button', id: 'reply' }, 'Reply'))));
    document.getElementById('main').replaceChildren(view);
    document.getElementById('reply').addEventListener('click', openReply);
  }

  function openReply() {
    const slot = document.querySelector('.reply-slot');
    slot.replaceChildren(el('div', { class: 'inline-reply' }, composeBody('Message Body'),
      el('button', { type: 'button' }, 'Send')));
  }

  // Test hooks: write a draft the way Gmail stores it (a div per line, <div><br></div> for an empty line).
  window.fakeGmail = {
    fill(body, text) {
      const lines = text.split('\n');
      body.replaceChildren(...lines.map((line) => el('div', {}, line ? line : el('br'))));
      body.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    },
    rerenderThread: buildThread,
    addRecipient(dialog, row, address, name, style) {
      dialog.querySelector(`.recipient-row[data-row="${row}"] .chips`).append(chip(address, name, style));
    },
    removeRecipient(dialog, address) {
      for (const c of dialog.querySelectorAll('.recipient-row .chips > *')) {
        if (c.getAttribute('email') === address || c.getAttribute('data-hovercard-id') === address) c.remove();
      }
    },
  };

  document.getElementById('compose-button').addEventListener('click', openCompose);
  buildThread();
})();
