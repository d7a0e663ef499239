// The dashboard at /__callrec/ui: one HTML page, no framework, no build. It reads the control API's
// JSON (state, clock, faults, history, journal, deliveries) once a second and calls it to move the
// clock, reset, and switch faults. Everything it shows goes in through textContent, never as HTML:
// request paths and webhook answers come from anyone who can reach the mock.
// A module exporting a string (not an .html file beside it) so every bundle (the CLI, the package,
// the browser) carries it without a file lookup.
export const DASHBOARD_HTML = /* html */ `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>callrec mock</title>
<style>
  :root { --fg:#1d2433; --muted:#5b6478; --line:#dde2ea; --bg:#f6f7f9; --ok:#1a7f37; --warn:#b35900; --bad:#c62828; --accent:#2458c6; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color:var(--fg); background:var(--bg); }
  header { display:flex; flex-wrap:wrap; align-items:center; gap:12px 20px; padding:10px 16px; background:#fff; border-bottom:1px solid var(--line); position:sticky; top:0; z-index:1; }
  header h1 { font-size:16px; margin:0; }
  .clock { font-family: ui-monospace, Menlo, Consolas, monospace; }
  main { display:grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap:12px; padding:12px; }
  section { background:#fff; border:1px solid var(--line); border-radius:6px; padding:10px 12px; min-width:0; }
  section h2 { font-size:14px; margin:0 0 8px; display:flex; justify-content:space-between; align-items:baseline; }
  section h2 small { color:var(--muted); font-weight:normal; }
  .scroll { max-height:340px; overflow:auto; }
  table { width:100%; border-collapse:collapse; font-size:12.5px; }
  th, td { text-align:left; padding:3px 6px; border-bottom:1px solid var(--line); vertical-align:top; }
  th { color:var(--muted); font-weight:600; position:sticky; top:0; background:#fff; }
  td.mono, .mono { font-family: ui-monospace, Menlo, Consolas, monospace; font-size:12px; word-break:break-all; }
  td.nowrap { white-space:nowrap; word-break:normal; }
  .gist { color:var(--muted); font-size:11.5px; overflow:hidden; text-overflow:ellipsis; white-space:nowrap; max-width:34em; }
  .s2 { color:var(--ok); } .s3 { color:var(--accent); } .s4 { color:var(--warn); } .s5, .err { color:var(--bad); font-weight:600; }
  .chip { display:inline-block; padding:0 6px; margin:1px 2px; border-radius:9px; background:#eef1f6; font-size:11.5px; white-space:nowrap; }
  .chip.now { background:#dfe9ff; color:var(--accent); font-weight:600; }
  .fault.on { background:#fff4e5; }
  .trips { color:var(--muted); font-size:11.5px; }
  button { font:inherit; padding:3px 9px; border:1px solid var(--line); border-radius:4px; background:#fff; cursor:pointer; }
  button:hover { border-color:var(--accent); }
  input[type=search], input[type=number] { font:inherit; padding:2px 6px; border:1px solid var(--line); border-radius:4px; }
  details pre { white-space:pre-wrap; word-break:break-all; background:var(--bg); padding:6px; margin:4px 0; max-height:200px; overflow:auto; font-size:11.5px; }
  .muted { color:var(--muted); }
  #error { color:var(--bad); }
</style>
</head>
<body>
<header>
  <h1>callrec mock: <span id="api">…</span></h1>
  <span>seed <b id="seed">…</b></span>
  <span>clock <b class="clock" id="now">…</b> <span id="frozen" class="muted"></span></span>
  <span>
    <button id="freeze" type="button">freeze</button>
    advance <button type="button" data-advance="1000">+1 s</button><button type="button" data-advance="60000">+1 min</button><button type="button" data-advance="3600000">+1 h</button>
    <input id="advance-ms" type="number" min="0" step="1000" placeholder="ms" style="width:7em"><button id="advance" type="button">advance</button>
  </span>
  <button id="reset" type="button">reset</button>
  <span id="error" role="alert"></span>
</header>
<main>
  <section id="faults-section">
    <h2>Faults <small><span id="faults-on">0</span> on · <input id="fault-filter" type="search" placeholder="filter"></small></h2>
    <div class="scroll"><table><thead><tr><th></th><th>fault: what it breaks</th><th>checks it trips</th></tr></thead><tbody id="faults"></tbody></table></div>
  </section>
  <section>
    <h2>Rooms and recordings <small id="history-note"></small></h2>
    <div class="scroll"><table><thead><tr><th>room</th><th>id</th><th>status history (mock time first seen)</th></tr></thead><tbody id="history"></tbody></table></div>
  </section>
  <section>
    <h2>Request journal <small>newest first · last <span id="journal-size"></span> · <button id="journal-clear" type="button">clear</button></small></h2>
    <div class="scroll"><table><thead><tr><th>time</th><th>method</th><th>path</th><th>status</th><th>ms</th></tr></thead><tbody id="journal"></tbody></table></div>
  </section>
  <section>
    <h2>Webhook and callback deliveries <small>each attempt · newest first</small></h2>
    <div class="scroll"><table><thead><tr><th>time</th><th>to</th><th>answer</th><th>ms</th></tr></thead><tbody id="deliveries"></tbody></table></div>
  </section>
  <section>
    <h2>State <small>GET /__callrec/state</small></h2>
    <div id="rooms" class="muted"></div>
    <details><summary>raw JSON</summary><pre id="state"></pre></details>
  </section>
</main>
<script>
(function () {
  'use strict';
  var token = new URLSearchParams(location.search).get('token');
  var headers = token ? { 'x-callrec-token': token } : {};
  var $ = function (id) { return document.getElementById(id); };
  var faultsSeen = '';
  var enabled = [];
  var opened = {}; // deliveries whose details are open survive the once-a-second redraw
  var SHOWN = 200; // history rows drawn (a large data set would make every redraw slow)
  var round = 0;
  var lastState = null;

  function call(method, route, body) {
    var init = { method: method, headers: Object.assign({ 'content-type': 'application/json' }, headers) };
    if (body !== undefined) init.body = JSON.stringify(body);
    return fetch('/__callrec/' + route, init).then(function (res) {
      return res.json().then(function (value) {
        if (!res.ok) throw new Error(method + ' /__callrec/' + route + ': ' + res.status + ' ' + (value.message || ''));
        return value;
      });
    });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function row(cells) {
    var tr = document.createElement('tr');
    cells.forEach(function (c) { var td = c instanceof Node ? c : el('td', c); if (td.tagName !== 'TD') { var w = el('td'); w.appendChild(td); td = w; } tr.appendChild(td); });
    return tr;
  }
  function time(ms) { return new Date(ms).toISOString().replace('T', ' ').replace('Z', ''); }
  function shortTime(ms) { return new Date(ms).toISOString().slice(11, 23); }
  function statusCell(status) { var td = el('td', status, 's' + String(status).charAt(0)); return td; }
  function fail(e) { $('error').textContent = e.message; }

  function renderFaults(data) {
    enabled = data.enabled;
    $('faults-on').textContent = String(enabled.length);
    var key = JSON.stringify(data);
    if (key === faultsSeen) return;
    faultsSeen = key;
    var body = $('faults');
    body.textContent = '';
    data.available.forEach(function (f) {
      var on = enabled.indexOf(f.name) >= 0;
      var box = el('input');
      box.type = 'checkbox'; box.checked = on; box.dataset.fault = f.name; box.id = 'fault-' + f.name;
      box.addEventListener('change', function () {
        var next = enabled.filter(function (n) { return n !== f.name; });
        if (box.checked) next.push(f.name);
        call('PUT', 'faults', { faults: next }).then(refresh, fail);
      });
      var what = el('td');
      var label = el('label', f.name, 'mono'); label.htmlFor = box.id;
      what.appendChild(label); what.appendChild(el('div', f.description));
      var tr = row([box, what, el('td', f.trips ? f.trips.join(', ') : 'started without the suites: callrec mock shows them', 'trips')]);
      tr.className = 'fault' + (on ? ' on' : '');
      tr.dataset.name = (f.name + ' ' + f.description + ' ' + (f.trips || []).join(' ')).toLowerCase();
      body.appendChild(tr);
    });
    filterFaults();
  }
  function filterFaults() {
    var q = $('fault-filter').value.toLowerCase();
    Array.prototype.forEach.call($('faults').children, function (tr) { tr.hidden = q !== '' && tr.dataset.name.indexOf(q) < 0; });
  }

  function renderHistory(h) {
    $('history-note').textContent = h.tracking ? h.items.length + ' followed' + (h.items.length > SHOWN ? ', the ' + SHOWN + ' changed last shown' : '') : 'not followed above ' + h.maxItems + ' items (reset with fewer)';
    var body = $('history');
    body.textContent = '';
    var items = h.items.slice().sort(function (a, b) {
      var la = a.history[a.history.length - 1].at, lb = b.history[b.history.length - 1].at;
      return lb - la || (a.room || '').localeCompare(b.room || '') || a.id.localeCompare(b.id);
    });
    items.slice(0, SHOWN).forEach(function (t) {
      var chips = el('td');
      t.history.forEach(function (step, i) {
        var last = i === t.history.length - 1;
        chips.appendChild(el('span', step.status + ' @ ' + (step.seeded ? 'seeded' : shortTime(step.at)), 'chip' + (last ? ' now' : '')));
      });
      var tr = row([el('td', t.kind === 'room' ? '(room)' : (t.room || ''), 'mono nowrap'), el('td', t.id, 'mono'), chips]);
      tr.dataset.id = t.id;
      body.appendChild(tr);
    });
  }

  function renderJournal(j) {
    $('journal-size').textContent = String(j.size);
    var body = $('journal');
    body.textContent = '';
    j.entries.forEach(function (e) {
      var tr = row([el('td', shortTime(e.at), 'mono nowrap'), el('td', e.method), el('td', e.url, 'mono'), statusCell(e.status), el('td', e.ms.toFixed(1))]);
      tr.dataset.journal = e.method + ' ' + e.url;
      if (e.specViolation) tr.title = 'spec violation: ' + e.specViolation;
      body.appendChild(tr);
    });
  }

  function renderDeliveries(d) {
    var body = $('deliveries');
    body.textContent = '';
    d.entries.forEach(function (e) {
      var to = el('td');
      to.appendChild(el('div', e.method + ' ' + e.url, 'mono'));
      to.appendChild(el('div', e.body, 'gist mono'));
      var details = el('details');
      details.open = !!opened[e.seq];
      details.addEventListener('toggle', function () { if (details.open) opened[e.seq] = true; else delete opened[e.seq]; });
      details.appendChild(el('summary', 'headers (signatures), body, answer'));
      var hs = Object.keys(e.headers).map(function (k) { return k + ': ' + e.headers[k]; }).join('\\n');
      details.appendChild(el('pre', hs));
      details.appendChild(el('pre', e.body || '(no body)'));
      details.appendChild(el('pre', e.error ? 'no answer: ' + e.error : 'answer ' + e.status + ': ' + (e.answer || '(empty)')));
      to.appendChild(details);
      var answer = e.error ? el('td', e.error, 'err') : statusCell(e.status);
      body.appendChild(row([el('td', shortTime(e.at), 'mono nowrap'), to, answer, el('td', e.ms.toFixed(0))]));
    });
    if (!d.entries.length) {
      var none = el('td', 'none yet: register a webhook or recording server through the API or /__callrec/action/…', 'muted');
      none.colSpan = 4;
      body.appendChild(row([none]));
    }
  }

  function renderState(s) {
    $('api').textContent = s.api;
    $('seed').textContent = String(s.seed);
    var rooms = s.rooms || s.channels || [];
    var names = rooms.slice(0, 30).map(function (r) { return r.roomId || r.token || r.id; });
    $('rooms').textContent = rooms.length + ' rooms' + (names.length ? ': ' + names.join(', ') : '') + (s.recordingCount !== undefined ? ' · ' + s.recordingCount + ' recordings' : '');
    $('state').textContent = JSON.stringify(s, null, 2).slice(0, 200000);
  }
  function renderClock(c) {
    $('now').textContent = time(c.now);
    $('frozen').textContent = c.frozen ? '(frozen)' : '(running)';
    $('freeze').textContent = c.frozen ? 'unfreeze' : 'freeze';
    $('freeze').dataset.frozen = String(c.frozen);
  }

  var busy = false;
  function refresh() {
    if (busy) return Promise.resolve();
    busy = true;
    // The state can be large (every recording): read every fifth round, or each round while its JSON is open.
    var wantState = lastState === null || round++ % 5 === 0 || $('state').parentNode.open;
    return Promise.all([wantState ? call('GET', 'state') : Promise.resolve(lastState), call('GET', 'clock'), call('GET', 'faults'), call('GET', 'history'), call('GET', 'journal'), call('GET', 'deliveries')])
      .then(function (r) { if (r[0] !== lastState) { lastState = r[0]; renderState(r[0]); } renderClock(r[1]); renderFaults(r[2]); renderHistory(r[3]); renderJournal(r[4]); renderDeliveries(r[5]); $('error').textContent = ''; document.body.dataset.loaded = 'true'; }, fail)
      .then(function () { busy = false; });
  }
  function advance(ms) { return call('POST', 'clock', { advanceMs: ms }).then(refresh, fail); }

  $('freeze').addEventListener('click', function () { call('POST', 'clock', { freeze: $('freeze').dataset.frozen !== 'true' }).then(refresh, fail); });
  Array.prototype.forEach.call(document.querySelectorAll('[data-advance]'), function (b) { b.addEventListener('click', function () { advance(Number(b.dataset.advance)); }); });
  $('advance').addEventListener('click', function () { var v = Number($('advance-ms').value); if (v > 0) advance(v); });
  $('reset').addEventListener('click', function () { call('POST', 'reset', {}).then(function () { lastState = null; return refresh(); }, fail); });
  $('journal-clear').addEventListener('click', function () { call('DELETE', 'journal').then(refresh, fail); });
  $('fault-filter').addEventListener('input', filterFaults);
  refresh();
  setInterval(refresh, 1000);
})();
</script>
</body>
</html>
`;
