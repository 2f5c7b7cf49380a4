// SPDX-License-Identifier: Apache-2.0
// SPDX-FileCopyrightText: 2026 The Skynet developers
//
// Skynet's built-in web chat. Speaks the gateway protocol (openclaw-protocol.md, v3/v4) over a
// WebSocket to the page's own origin: connect.challenge → connect (token) → chat.history →
// chat.send, with the answer streaming in as `chat` events. No framework, no third-party code;
// text is only ever inserted with textContent.
'use strict';

(() => {
  const SESSION = 'webchat';
  const KEY_TOKEN = 'skynet.webchat.token';
  const KEY_PAIRING = 'skynet.webchat.pairing';
  const MAX_BACKOFF_MS = 30000;
  const PAIR_POLL_MS = 2000;
  const PAIR_GIVE_UP_MS = 30 * 60 * 1000;

  const $ = (id) => document.getElementById(id);
  const ui = {
    status: $('status'), logout: $('logout'), login: $('login'), loginError: $('login-error'),
    token: $('token'), connect: $('connect'), name: $('name'), pair: $('pair'), pairing: $('pairing'),
    pairCode: $('pair-code'), pairState: $('pair-state'), chat: $('chat'), messages: $('messages'),
    composer: $('composer'), input: $('input'), send: $('send'), stop: $('stop'),
  };

  const storage = {
    get(key) { try { return localStorage.getItem(key); } catch (e) { return null; } },
    set(key, value) { try { localStorage.setItem(key, value); } catch (e) { /* private mode */ } },
    remove(key) { try { localStorage.removeItem(key); } catch (e) { /* private mode */ } },
  };

  let ws = null;
  let token = storage.get(KEY_TOKEN);
  let nextId = 1;
  let pending = new Map(); // request id → {resolve, reject}
  let backoffMs = 1000;
  let reconnectTimer = null;
  let connected = false;
  let sessionKey = null; // the canonical key the gateway answered with
  const runs = new Map(); // runId → {el, text, deltas}
  const activeRuns = new Set();

  function setStatus(text, ok) {
    ui.status.textContent = text;
    ui.status.classList.toggle('ok', !!ok);
  }

  function showLogin(error) {
    ui.chat.hidden = true;
    ui.login.hidden = false;
    ui.logout.hidden = true;
    ui.loginError.hidden = !error;
    ui.loginError.textContent = error || '';
    setStatus('Not connected');
  }

  function showChat() {
    ui.login.hidden = true;
    ui.chat.hidden = false;
    ui.logout.hidden = false;
    ui.input.focus();
  }

  // ---- protocol ------------------------------------------------------------------------------

  function wsUrl() {
    return (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/';
  }

  function request(method, params) {
    return new Promise((resolve, reject) => {
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        reject({ code: 'UNAVAILABLE', message: 'not connected' });
        return;
      }
      const id = String(nextId++);
      pending.set(id, { resolve, reject });
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  function failPending(message) {
    const waiting = pending;
    pending = new Map();
    for (const p of waiting.values()) p.reject({ code: 'UNAVAILABLE', message });
  }

  function open() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (!token) { showLogin(); return; }
    if (ws) { ws.onclose = null; ws.close(); }
    setStatus('Connecting…');
    let authFailed = null;
    const socket = new WebSocket(wsUrl());
    ws = socket;
    socket.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame.type === 'res') {
        const p = pending.get(frame.id);
        if (!p) return;
        // Long methods may answer twice ("accepted" first); the first answer settles the call.
        pending.delete(frame.id);
        if (frame.ok) p.resolve(frame.payload || {}); else p.reject(frame.error || {});
      } else if (frame.type === 'event') {
        if (frame.event === 'connect.challenge') {
          hello().catch((error) => {
            const detail = (error.details && error.details.code) || '';
            if (detail.startsWith('AUTH_') || error.code === 'NOT_PAIRED') authFailed = error;
          });
        } else if (frame.event === 'chat') {
          onChat(frame.payload || {});
        } else if (frame.event === 'shutdown') {
          setStatus('The gateway is restarting…');
        }
      }
    };
    socket.onclose = (event) => {
      if (ws !== socket) return;
      ws = null;
      connected = false;
      failPending('connection closed');
      for (const runId of activeRuns) finishRun(runId, 'interrupted');
      activeRuns.clear();
      updateComposer();
      if (authFailed || (event.code === 1008 && !connected && /unauthori[sz]ed|token/i.test(event.reason))) {
        const detail = authFailed && authFailed.details && authFailed.details.code;
        if (detail === 'AUTH_RATE_LIMITED') { scheduleReconnect(authFailed.retryAfterMs || 5000); return; }
        forgetToken();
        showLogin('The access token was not accepted: ' + ((authFailed && authFailed.message) || event.reason));
        return;
      }
      scheduleReconnect();
    };
  }

  function hello() {
    return request('connect', {
      minProtocol: 3, maxProtocol: 4,
      client: { id: 'webchat-ui', version: '1.0.0', platform: 'web', mode: 'webchat', displayName: 'Skynet web chat' },
      role: 'operator', scopes: ['operator.read', 'operator.write'], caps: [],
      auth: { token }, locale: navigator.language, userAgent: navigator.userAgent,
    }).then(() => {
      connected = true;
      backoffMs = 1000;
      setStatus('Connected', true);
      showChat();
      updateComposer();
      return loadHistory();
    });
  }

  function scheduleReconnect(delay) {
    if (!token) return;
    const wait = delay || Math.round(backoffMs * (0.75 + Math.random() * 0.5));
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
    setStatus('Disconnected — reconnecting in ' + Math.ceil(wait / 1000) + ' s');
    clearTimeout(reconnectTimer);
    reconnectTimer = setTimeout(open, wait);
  }

  // ---- messages ------------------------------------------------------------------------------

  function textOf(message) {
    if (message == null) return '';
    if (typeof message === 'string') return message;
    const content = message.content !== undefined ? message.content : message.text;
    if (typeof content === 'string') return content;
    if (Array.isArray(content)) {
      return content.filter((part) => part && part.type === 'text' && typeof part.text === 'string')
        .map((part) => part.text).join('');
    }
    return '';
  }

  // Fenced code blocks become <pre><code>; everything else stays text (pre-wrap keeps lines).
  function render(el, text) {
    el.replaceChildren();
    const parts = text.split(/```[^\n]*\n?/);
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        const pre = document.createElement('pre');
        const code = document.createElement('code');
        code.textContent = part.replace(/\n$/, '');
        pre.appendChild(code);
        el.appendChild(pre);
      } else if (part) {
        el.appendChild(document.createTextNode(part));
      }
    });
  }

  function addMessage(role, text) {
    const li = document.createElement('li');
    li.className = 'msg ' + role;
    render(li, text);
    ui.messages.appendChild(li);
    li.scrollIntoView({ block: 'end' });
    return li;
  }

  function runFor(runId) {
    let run = runs.get(runId);
    if (!run) {
      const el = addMessage('assistant', '');
      el.classList.add('streaming');
      el.dataset.runId = runId;
      el.dataset.deltas = '0';
      run = { el, text: '' };
      runs.set(runId, run);
      activeRuns.add(runId);
      updateComposer();
    }
    return run;
  }

  function finishRun(runId, state, text) {
    const run = runs.get(runId);
    if (!run) return;
    if (text !== undefined) { run.text = text; render(run.el, text); }
    run.el.classList.remove('streaming');
    run.el.dataset.state = state;
    if (state === 'error' || state === 'interrupted') run.el.classList.add('error');
    if (state === 'interrupted' && !run.text) run.el.textContent = '(interrupted — reconnecting)';
    activeRuns.delete(runId);
    updateComposer();
  }

  function onChat(p) {
    if (!p.runId || (sessionKey && p.sessionKey !== sessionKey)) return;
    if (!sessionKey && !(p.sessionKey || '').endsWith(':' + SESSION)) return;
    if (p.state === 'status') return;
    const run = runFor(p.runId);
    if (p.state === 'delta') {
      let text = textOf(p.message);
      if (!text && typeof p.deltaText === 'string') text = p.replace ? p.deltaText : run.text + p.deltaText;
      run.text = text;
      render(run.el, text);
      run.el.dataset.deltas = String(Number(run.el.dataset.deltas) + 1);
      run.el.scrollIntoView({ block: 'end' });
    } else if (p.state === 'final') {
      finishRun(p.runId, 'final', p.message ? textOf(p.message) : run.text);
    } else if (p.state === 'aborted') {
      finishRun(p.runId, 'aborted', (p.message ? textOf(p.message) : run.text) + '\n(stopped)');
    } else if (p.state === 'error') {
      finishRun(p.runId, 'error', (run.text ? run.text + '\n' : '') + (p.errorMessage || 'The answer failed.'));
    }
  }

  function loadHistory() {
    return request('chat.history', { sessionKey: SESSION, limit: 200 }).then((result) => {
      if (result.sessionKey) sessionKey = result.sessionKey;
      ui.messages.replaceChildren();
      runs.clear();
      activeRuns.clear();
      for (const m of result.messages || []) {
        if (m.role !== 'user' && m.role !== 'assistant') continue;
        const text = textOf(m);
        if (text) addMessage(m.role, text);
      }
      updateComposer();
    });
  }

  function updateComposer() {
    ui.send.disabled = !connected;
    ui.stop.hidden = activeRuns.size === 0;
  }

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  }

  function send() {
    const text = ui.input.value.trim();
    if (!text || !connected) return;
    ui.input.value = '';
    const el = addMessage('user', text);
    request('chat.send', { sessionKey: SESSION, message: text, idempotencyKey: uuid() })
      .then((ack) => {
        if (ack.sessionKey) sessionKey = ack.sessionKey;
        if (ack.runId) runFor(ack.runId);
      })
      .catch((error) => {
        el.classList.add('error');
        addMessage('assistant error', 'Not sent: ' + (error.message || 'unknown error'));
      });
  }

  function forgetToken() {
    token = null;
    storage.remove(KEY_TOKEN);
  }

  // ---- pairing -------------------------------------------------------------------------------

  let pairTimer = null;

  async function postJson(path, body) {
    const response = await fetch(path, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
      credentials: 'omit', cache: 'no-store',
    });
    let json = {};
    try { json = await response.json(); } catch (e) { /* empty */ }
    return { status: response.status, json };
  }

  function errorText(result) {
    return (result.json && result.json.error && result.json.error.message) || ('HTTP ' + result.status);
  }

  async function requestPairing() {
    ui.pair.disabled = true;
    try {
      const result = await postJson('/chat/pair', { name: ui.name.value.trim() });
      if (result.status !== 200) { showLogin('Could not ask for access: ' + errorText(result)); return; }
      const pairing = { deviceId: result.json.deviceId, claim: result.json.claim, code: result.json.code, since: Date.now() };
      storage.set(KEY_PAIRING, JSON.stringify(pairing));
      showPairing(pairing);
    } catch (e) {
      showLogin('Could not reach the gateway.');
    } finally {
      ui.pair.disabled = false;
    }
  }

  function showPairing(pairing) {
    ui.pairing.hidden = false;
    ui.pairCode.textContent = pairing.code;
    ui.pairState.textContent = 'Waiting for the owner to approve it…';
    pollPairing(pairing);
  }

  async function pollPairing(pairing) {
    clearTimeout(pairTimer);
    if (Date.now() - pairing.since > PAIR_GIVE_UP_MS) {
      ui.pairState.textContent = 'Still not approved. Request access again when the owner is around.';
      storage.remove(KEY_PAIRING);
      return;
    }
    let result;
    try {
      result = await postJson('/chat/pair/claim', { deviceId: pairing.deviceId, claim: pairing.claim });
    } catch (e) {
      pairTimer = setTimeout(() => pollPairing(pairing), PAIR_POLL_MS * 2);
      return;
    }
    if (result.status === 200 && result.json.token) {
      storage.remove(KEY_PAIRING);
      ui.pairing.hidden = true;
      token = result.json.token;
      storage.set(KEY_TOKEN, token);
      open();
    } else if (result.status === 202 || result.status === 503 || result.status === 429) {
      pairTimer = setTimeout(() => pollPairing(pairing), result.status === 202 ? PAIR_POLL_MS : PAIR_POLL_MS * 5);
    } else {
      storage.remove(KEY_PAIRING);
      ui.pairState.textContent = result.json.state === 'rejected'
        ? 'The owner declined the request.' : 'The request is no longer valid: ' + errorText(result);
    }
  }

  // ---- wiring --------------------------------------------------------------------------------

  ui.connect.addEventListener('click', () => {
    const value = ui.token.value.trim();
    if (!value) return;
    token = value;
    storage.set(KEY_TOKEN, token);
    ui.token.value = '';
    open();
  });
  ui.token.addEventListener('keydown', (e) => { if (e.key === 'Enter') ui.connect.click(); });
  ui.pair.addEventListener('click', requestPairing);
  ui.composer.addEventListener('submit', (e) => { e.preventDefault(); send(); });
  ui.input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); send(); }
  });
  ui.stop.addEventListener('click', () => {
    request('chat.abort', { sessionKey: SESSION }).catch(() => {});
  });
  ui.logout.addEventListener('click', () => {
    forgetToken();
    if (ws) { const s = ws; ws = null; s.onclose = null; s.close(1000); }
    connected = false;
    ui.messages.replaceChildren();
    showLogin();
  });
  window.addEventListener('online', () => { if (token && !ws) open(); });

  const savedPairing = storage.get(KEY_PAIRING);
  if (token) {
    open();
  } else if (savedPairing) {
    showLogin();
    try { showPairing(JSON.parse(savedPairing)); } catch (e) { storage.remove(KEY_PAIRING); }
  } else {
    showLogin();
  }
})();
