// Relais web chat. Frames are documented in webchat_mapper.hpp / webchat_renderer.hpp.
// Messages not yet acknowledged are kept in localStorage and sent again after a reconnect;
// the server de-duplicates them by id, so nothing typed is lost and nothing is asked twice.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { ws: null, person: null, auth: null, retry: 0, seen: new Set(), closing: false };

function pendingKey() { return 'relais.pending.' + (state.person ? state.person.id : state.auth.value); }
function loadPending() { try { return JSON.parse(localStorage.getItem(pendingKey()) || '[]'); } catch (e) { return []; } }
function savePending(list) { localStorage.setItem(pendingKey(), JSON.stringify(list)); }

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// A small, safe Markdown subset: escape first, then **bold**, `code`, [links](https://…), lists, quotes.
function inline(s) {
  return escapeHtml(s)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>')
    .replace(/(^|[\s(])(https?:\/\/[^\s<)]+)/g, '$1<a href="$2" target="_blank" rel="noopener noreferrer">$2</a>');
}

function markdown(text) {
  const out = [];
  let list = null;  // { tag: 'ul' | 'ol', items: [] }
  const flush = () => { if (list) out.push('<' + list.tag + '>' + list.items.join('') + '</' + list.tag + '>'); list = null; };
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const item = line.match(/^\s*([-*]|\d+\.)\s+(.*)$/);
    if (item) {
      const tag = /\d/.test(item[1]) ? 'ol' : 'ul';
      if (list && list.tag !== tag) flush();
      if (!list) list = { tag, items: [] };
      list.items.push('<li>' + inline(item[2]) + '</li>');
      continue;
    }
    flush();
    if (line.startsWith('> ')) out.push('<blockquote>' + inline(line.slice(2)) + '</blockquote>');
    else if (line.trim() !== '') out.push('<p>' + inline(line) + '</p>');
  }
  flush();
  return out.join('');
}

function scrollDown() { const log = $('log'); log.scrollTop = log.scrollHeight; }

function addBubble(cls) {
  const li = document.createElement('li');
  li.className = 'msg ' + cls;
  $('log').appendChild(li);
  return li;
}

function send(frame) {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify(frame));
}

function newId() { return 'c-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 8); }

function submit(frame, label) {
  frame.id = newId();
  const pending = loadPending();
  pending.push(frame);
  savePending(pending);
  const li = addBubble('me');
  li.dataset.clientId = frame.id;
  li.innerHTML = markdown(label) + '<div class="meta">sending…</div>';
  scrollDown();
  send(frame);
}

function acknowledge(id, status) {
  savePending(loadPending().filter((f) => f.id !== id));
  const li = document.querySelector('[data-client-id="' + CSS.escape(id) + '"] .meta');
  if (li) li.textContent = status === 'duplicate' ? 'received' : 'sent';
}

function renderButtons(container, buttons) {
  if (!buttons || !buttons.length) return;
  const row = document.createElement('div');
  row.className = 'buttons';
  for (const b of buttons) {
    const btn = document.createElement('button');
    btn.type = 'button';
    btn.textContent = b.label;
    if (b.primary) btn.className = 'primary';
    btn.addEventListener('click', () => {
      if (b.input) return askInput(container, b);
      row.querySelectorAll('button').forEach((x) => { x.disabled = true; });
      submit({ type: 'action', action: b.action, args: b.args || {} }, b.label);
    });
    row.appendChild(btn);
  }
  container.appendChild(row);
}

function askInput(container, button) {
  if (container.querySelector('.inline-input')) return;
  const form = document.createElement('form');
  form.className = 'inline-input';
  const area = document.createElement('textarea');
  area.rows = 3; area.maxLength = 4000; area.placeholder = button.input; area.required = true;
  const ok = document.createElement('button');
  ok.type = 'submit'; ok.textContent = button.label; ok.className = 'primary';
  form.append(area, ok);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = area.value.trim();
    if (!text) return;
    form.remove();
    submit({ type: 'action', action: button.action, args: button.args || {}, text }, text);
  });
  container.appendChild(form);
  area.focus();
}

function renderCard(card) {
  const div = document.createElement('div');
  div.className = 'card';
  let facts = '';
  for (const [k, v] of card.facts || []) facts += '<dt>' + escapeHtml(k) + '</dt><dd>' + escapeHtml(v) + '</dd>';
  div.innerHTML = '<h3>' + escapeHtml(card.title || '') + '</h3>' + (facts ? '<dl>' + facts + '</dl>' : '') +
    '<div class="body">' + escapeHtml(card.body || '') + '</div>' + '<div class="state">' + escapeHtml(card.status || '') + '</div>';
  return div;
}

function renderMessage(m) {
  // A card with a known key replaces the earlier one in place: no stale buttons.
  let li = m.card ? document.querySelector('[data-card-key="' + CSS.escape(m.card.key) + '"]') : null;
  const updating = !!li;
  if (!li) li = addBubble('bot');
  li.innerHTML = '';
  li.dataset.messageId = m.id;
  if (m.card) li.dataset.cardKey = m.card.key;
  if (m.text) li.insertAdjacentHTML('beforeend', markdown(m.text));
  if (m.card) {
    const card = renderCard(m.card);
    if (updating) card.classList.add('updated');
    li.appendChild(card);
  }
  renderButtons(li, m.buttons);
  if (!updating) scrollDown();
}

function onFrame(event) {
  let f;
  try { f = JSON.parse(event.data); } catch (e) { return; }
  if (f.type === 'hello') {
    state.person = f.person;
    state.retry = 0;
    $('who').textContent = f.person.name + (f.person.circle ? ' · ' + f.person.circle : '') +
      (f.person.roles.length ? ' · ' + f.person.roles.join(', ') : '');
    $('status').textContent = 'online'; $('status').dataset.state = 'online';
    if (f.ui) {
      $('text').placeholder = f.ui.placeholder;
      $('send').textContent = f.ui.send;
      document.documentElement.lang = f.person.language;
    }
    if (f.greeting && !$('log').children.length) addBubble('bot').innerHTML = markdown(f.greeting);
    for (const frame of loadPending()) send(frame);
  } else if (f.type === 'ack') {
    acknowledge(f.id, f.status);
  } else if (f.type === 'message') {
    send({ type: 'received', ids: [f.id] });
    if (state.seen.has(f.id)) return;
    state.seen.add(f.id);
    renderMessage(f);
  } else if (f.type === 'error') {
    if (f.id && f.code !== 'internal_error') savePending(loadPending().filter((p) => p.id !== f.id));
    const li = addBubble('error');
    li.textContent = f.message;
    scrollDown();
  }
}

function connect() {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query = state.auth.kind + '=' + encodeURIComponent(state.auth.value);
  const ws = new WebSocket(proto + '//' + location.host + '/ws?' + query);
  state.ws = ws;
  ws.onmessage = onFrame;
  ws.onclose = () => {
    $('status').textContent = 'offline'; $('status').dataset.state = 'offline';
    if (state.closing || state.ws !== ws) return;
    const wait = Math.min(30000, 500 * 2 ** state.retry++);
    setTimeout(connect, wait);
  };
}

function start(auth) {
  state.auth = auth;
  state.closing = false;
  $('signin').hidden = true;
  $('chat').hidden = false;
  $('status').hidden = false;
  $('text').focus();
  connect();
}

async function showPeople() {
  $('signin').hidden = false;
  $('demo-note').hidden = false;
  const people = await (await fetch('/api/v1/webchat/people')).json();
  const byCircle = new Map();
  for (const p of people) {
    const c = p.circle || '—';
    if (!byCircle.has(c)) byCircle.set(c, []);
    byCircle.get(c).push(p);
  }
  const box = $('people');
  box.innerHTML = '';
  for (const [circle, list] of [...byCircle.entries()].sort()) {
    const h = document.createElement('h2');
    h.textContent = circle;
    box.appendChild(h);
    for (const p of list) {
      const b = document.createElement('button');
      b.className = 'person';
      b.dataset.personId = p.id;
      b.innerHTML = escapeHtml(p.name) + '<small>' + escapeHtml(p.roles.join(', ') + ' · ' + p.language) + '</small>';
      b.addEventListener('click', () => {
        sessionStorage.setItem('relais.person', p.id);
        $('switch').hidden = false;
        start({ kind: 'person', value: p.id });
      });
      box.appendChild(b);
    }
  }
}

async function init() {
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    const text = $('text').value.trim();
    if (!text) return;
    $('text').value = '';
    submit({ type: 'say', text }, text);
  });
  $('text').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); $('composer').requestSubmit(); }
  });
  const config = await (await fetch('/api/v1/webchat/config')).json();
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) return start({ kind: 'token', value: token });
  if (!config.demo) {
    $('signin').hidden = false;
    $('token-form').hidden = false;
    $('token-form').addEventListener('submit', (e) => { e.preventDefault(); start({ kind: 'token', value: $('token').value.trim() }); });
    return;
  }
  $('switch').addEventListener('click', () => {
    sessionStorage.removeItem('relais.person');
    state.closing = true;
    if (state.ws) state.ws.close();
    location.reload();
  });
  const remembered = sessionStorage.getItem('relais.person') || new URLSearchParams(location.search).get('person');
  if (remembered) {
    $('switch').hidden = false;
    return start({ kind: 'person', value: remembered });
  }
  showPeople();
}

init();
