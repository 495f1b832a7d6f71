// The seccanvas playground: an editor, the examples, and a canvas that
// shows a script running in a jailed child on the server, streamed over a
// WebSocket (/v1/live; the protocol is described in serve/live.go).
'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  const code = $('code'), gutter = $('gutter'), marks = $('marks');
  const canvas = $('canvas'), ctx = canvas.getContext('2d');
  const out = $('console'), errBox = $('error'), statusEl = $('status'), statsEl = $('stats');
  const runBtn = $('run'), stopBtn = $('stop'), examples = $('examples');

  // State the browser test reads.
  const state = {
    status: 'idle', framesReceived: 0, lastTick: -1, fps: 0, end: null, errorLine: 0,
    started: 0, firstFrameAt: 0, lastFrameAt: 0, bytes: 0,
  };
  window.seccanvas = state;

  // --- editor: line numbers and error marks --------------------------------
  let errorLines = [];
  function renderGutter() {
    const n = code.value.split('\n').length;
    let s = '';
    for (let i = 1; i <= n; i++) s += errorLines.includes(i) ? '<span class="err">' + i + '</span>\n' : i + '\n';
    gutter.innerHTML = s;
    gutter.scrollTop = code.scrollTop;
    renderMarks();
  }
  function renderMarks() {
    const lh = parseFloat(getComputedStyle(code).lineHeight) || 18;
    marks.innerHTML = '';
    for (const l of errorLines) {
      const d = document.createElement('div');
      d.style.top = (6 + (l - 1) * lh - code.scrollTop) + 'px';
      d.dataset.line = l;
      marks.appendChild(d);
    }
  }
  function markError(line) {
    if (!line || errorLines.includes(line)) return;
    errorLines.push(line);
    state.errorLine = state.errorLine || line;
    renderGutter();
  }
  function clearErrors() { errorLines = []; state.errorLine = 0; errBox.hidden = true; errBox.textContent = ''; renderGutter(); }
  code.addEventListener('input', () => { if (errorLines.length) clearErrors(); else renderGutter(); });
  code.addEventListener('scroll', () => { gutter.scrollTop = code.scrollTop; renderMarks(); });
  code.addEventListener('keydown', (e) => {
    if (e.key === 'Tab') {
      e.preventDefault();
      const s = code.selectionStart;
      code.setRangeText('  ', s, code.selectionEnd, 'end');
      renderGutter();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  });

  // --- console ---------------------------------------------------------------
  const maxConsole = 500;
  function log(text, cls) {
    const line = document.createElement('div');
    if (cls) line.className = cls;
    line.textContent = text;
    out.appendChild(line);
    while (out.childNodes.length > maxConsole) out.removeChild(out.firstChild);
    out.scrollTop = out.scrollHeight;
  }
  const atRe = /at (?:.*\()?sketch\.js:(\d+):(\d+)\)?/;
  function lineOf(text) {
    const m = atRe.exec(text);
    return m ? parseInt(m[1], 10) : 0;
  }

  // --- examples --------------------------------------------------------------
  let exampleList = [];
  fetch('/v1/examples').then((r) => r.json()).then((list) => {
    exampleList = list;
    for (const ex of list) {
      const o = document.createElement('option');
      o.value = ex.name; o.textContent = ex.name;
      examples.appendChild(o);
    }
    const want = location.hash.slice(1) || 'bouncing_balls.js';
    const ex = list.find((e) => e.name === want);
    if (ex && !code.value) { examples.value = ex.name; code.value = ex.source; renderGutter(); }
    state.examplesLoaded = true;
  });
  examples.addEventListener('change', () => {
    const ex = exampleList.find((e) => e.name === examples.value);
    if (ex) { code.value = ex.source; clearErrors(); location.hash = ex.name; }
  });

  // --- the connection ----------------------------------------------------------
  let ws = null, wsReady = null;
  function connect() {
    if (ws && ws.readyState <= 1) return wsReady;
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/v1/live');
    ws.binaryType = 'arraybuffer';
    wsReady = new Promise((resolve, reject) => {
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('connection failed'));
    });
    ws.onmessage = (ev) => (typeof ev.data === 'string' ? onText(JSON.parse(ev.data)) : onFrame(ev.data));
    ws.onclose = (ev) => {
      if (state.status === 'running' || state.status === 'starting') {
        setStatus('disconnected');
        log('[connection closed: ' + (ev.reason || ev.code) + ']', 'sys');
        running(false);
      }
      ws = null;
    };
    return wsReady;
  }
  function send(m) { if (ws && ws.readyState === 1) ws.send(JSON.stringify(m)); }

  function setStatus(s) { state.status = s; statusEl.textContent = s; }
  function running(on) { runBtn.disabled = false; stopBtn.disabled = !on; }

  let fpsWindow = [];
  function onFrame(buf) {
    const h = new DataView(buf, 0, 16);
    const enc = h.getUint8(0), tick = h.getUint32(4, true);
    const x = h.getUint16(8, true), y = h.getUint16(10, true), w = h.getUint16(12, true), hh = h.getUint16(14, true);
    const now = performance.now();
    state.framesReceived++;
    state.lastTick = tick;
    state.bytes += buf.byteLength;
    if (!state.firstFrameAt) state.firstFrameAt = now;
    state.lastFrameAt = now;
    fpsWindow.push(now);
    while (fpsWindow.length && fpsWindow[0] < now - 1000) fpsWindow.shift();
    state.fps = fpsWindow.length;
    // Each frame is acknowledged once drawn: the server sends the next
    // only then, merging what changed meanwhile, so a busy page gets fewer
    // frames instead of a backlog.
    if (enc === 1) {
      ctx.putImageData(new ImageData(new Uint8ClampedArray(buf, 16, w * hh * 4), w, hh), x, y);
      send({ type: 'ack' });
    } else {
      const blob = new Blob([new Uint8Array(buf, 16)], { type: 'image/png' });
      createImageBitmap(blob).then((bm) => { ctx.clearRect(x, y, w, hh); ctx.drawImage(bm, x, y); send({ type: 'ack' }); });
    }
  }
  setInterval(() => {
    if (state.status === 'running') statsEl.textContent = state.fps + ' fps · frame ' + state.lastTick + ' · ' + state.framesReceived + ' received';
  }, 250);

  function onText(m) {
    switch (m.type) {
      case 'started':
        setStatus('running');
        state.started = performance.now();
        canvas.width = m.width; canvas.height = m.height;
        ctx.clearRect(0, 0, canvas.width, canvas.height);
        log('[running in a jailed child: ' + m.width + '×' + m.height + ', seed ' + m.seed + ']', 'sys');
        break;
      case 'console': {
        log(m.text, m.stream === 'err' ? 'err' : '');
        if (m.stream === 'err') {
          const l = lineOf(m.text);
          if (l) { markError(l); showError(m.text); }
        }
        break;
      }
      case 'end': {
        state.end = m;
        running(false);
        setStatus(m.outcome === 'finished' ? 'finished' : m.outcome);
        const e = m.error;
        if (e) {
          if (e.line) markError(e.line);
          showError(e.message + (e.line ? '\n    at line ' + e.line + (e.column ? ', column ' + e.column : '') : ''));
        } else if (m.outcome !== 'finished' && m.outcome !== 'canceled') {
          showError(m.message);
        }
        const secs = (m.elapsed_ms / 1000).toFixed(1);
        statsEl.textContent = m.outcome + ' · ' + m.frames + ' frames in ' + secs + ' s · ' + m.sent + ' sent, ' + m.dropped + ' merged';
        log('[' + m.outcome + (m.message ? ': ' + m.message : '') + ']', 'sys');
        break;
      }
    }
  }
  function showError(text) { errBox.hidden = false; errBox.textContent = text; }

  function parseSize() {
    const m = /^(\d+)\s*[x×]\s*(\d+)$/.exec($('size').value.trim());
    return m ? [parseInt(m[1], 10), parseInt(m[2], 10)] : [640, 480];
  }

  async function run(opts) {
    opts = opts || {};
    clearErrors();
    out.textContent = '';
    state.framesReceived = 0; state.lastTick = -1; state.end = null; state.firstFrameAt = 0; state.bytes = 0; fpsWindow = [];
    setStatus('starting');
    runBtn.disabled = true; stopBtn.disabled = false;
    try { await connect(); } catch (e) { setStatus('offline'); log('[' + e.message + ']', 'err'); running(false); return; }
    const [w, h] = parseSize();
    const seed = parseInt($('seed').value, 10);
    const loopback = /^(localhost|127\.|\[::1\])/.test(location.hostname);
    send({
      type: 'run', script: code.value, width: w, height: h, fps: opts.fps || 60,
      seed: isNaN(seed) ? undefined : seed, frames: opts.frames || 0,
      encoding: opts.encoding || (loopback ? 'rgba' : 'png'),
    });
    canvas.focus();
  }
  function stop() { send({ type: 'stop' }); }
  runBtn.addEventListener('click', () => run());
  stopBtn.addEventListener('click', stop);
  state.run = run; state.stop = stop;
  state.setSource = (s) => { code.value = s; clearErrors(); };
  state.loadExample = (name) => {
    const ex = exampleList.find((e) => e.name === name);
    if (!ex) return false;
    examples.value = name; code.value = ex.source; clearErrors();
    return true;
  };

  // --- input: the same DOM events the X11 window delivers -------------------
  function mods(e) { return (e.shiftKey ? 1 : 0) | (e.ctrlKey ? 2 : 0) | (e.altKey ? 4 : 0) | (e.metaKey ? 8 : 0); }
  function pos(e) {
    const r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
  }
  function pointer(kind, e) {
    if (state.status !== 'running') return;
    const p = pos(e);
    send({ type: 'input', kind, x: p.x, y: p.y, button: e.button < 0 ? 0 : e.button, buttons: e.buttons, mods: mods(e) });
  }
  canvas.addEventListener('pointermove', (e) => pointer('pointermove', e));
  canvas.addEventListener('pointerdown', (e) => { canvas.focus(); canvas.setPointerCapture(e.pointerId); pointer('pointerdown', e); e.preventDefault(); });
  canvas.addEventListener('pointerup', (e) => pointer('pointerup', e));
  canvas.addEventListener('pointerleave', (e) => pointer('pointerleave', e));
  canvas.addEventListener('contextmenu', (e) => e.preventDefault());
  canvas.addEventListener('wheel', (e) => {
    if (state.status !== 'running') return;
    e.preventDefault();
    const p = pos(e);
    send({ type: 'input', kind: 'wheel', x: p.x, y: p.y, deltaX: e.deltaX, deltaY: e.deltaY, buttons: e.buttons, mods: mods(e) });
  }, { passive: false });
  function key(kind, e) {
    if (state.status !== 'running') return;
    if (e.key === 'Tab') return; // leave focus navigation alone
    e.preventDefault();
    send({ type: 'input', kind, key: e.key, code: e.code, mods: mods(e), repeat: e.repeat });
  }
  canvas.addEventListener('keydown', (e) => key('keydown', e));
  canvas.addEventListener('keyup', (e) => key('keyup', e));
  canvas.addEventListener('focus', () => send({ type: 'input', kind: 'focus' }));
  canvas.addEventListener('blur', () => send({ type: 'input', kind: 'blur' }));

  renderGutter();
})();
