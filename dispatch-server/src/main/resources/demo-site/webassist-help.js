// WebAssist help button and page bridge (docs/PAGE-BRIDGE.md).
// Every element with data-webassist-customer becomes a "Get help" link for this very page (page URL,
// customer id, name and phone travel in the launch file, so the person never types them). When the
// dispatch server answers POST /assist/launch, the page also gets a key for the page bridge: a
// WebSocket to the dispatch server over which the assist client — the authority on the person's side —
// sends typed commands (follow the agent's navigation, scroll, pointer, highlight) and, only while the
// person allows co-browsing, gets the person's scroll, pointer, clicks and input on fields that are not
// masked. Commands are never code or markup: a fixed list of actions with plain values checked here.
(function () {
  'use strict';

  var STORE = 'webassist.bridge';
  var script = document.currentScript;
  var base = new URL(script && script.src ? script.src : location.href).origin;
  var allowedHosts = ((script && script.getAttribute('data-webassist-hosts')) || location.host)
      .split(/\s+/).filter(Boolean);
  var socket = null;
  var sharing = false;
  var retries = 0;
  var overlay = null;
  var pending = {};
  var frameQueued = false;
  // where the agent's last scroll (or highlight) put the page: the scroll event that follows is not the person's
  var agentScroll = null;

  // ---- launch: "Get help"

  function launchQuery(el) {
    var q = { customer: el.getAttribute('data-webassist-customer'), url: location.href };
    var sig = el.getAttribute('data-webassist-signature');
    if (sig) { q.sig = sig; }
    ['name', 'phone'].forEach(function (f) {
      var v = el.getAttribute('data-webassist-' + f);
      if (v) { q[f] = v; }
    });
    return q;
  }

  function wire(el) {
    var q = launchQuery(el);
    // without the bridge (old server, network trouble) the plain launch file still works
    el.setAttribute('href', base + '/assist.jnlp?' + new URLSearchParams(q).toString());
    el.addEventListener('click', function (e) {
      e.preventDefault();
      launch(q, el.getAttribute('href'));
    });
  }

  function launch(q, fallback) {
    fetch(base + '/assist/launch', { method: 'POST', body: new URLSearchParams(q), credentials: 'omit' })
      .then(function (r) { if (!r.ok) { throw new Error('launch ' + r.status); } return r.json(); })
      .then(function (answer) {
        save({ key: answer.pageKey, socketUrl: answer.socketUrl, sharing: false });
        connect();
        location.assign(answer.launchUrl);
      })
      .catch(function () { location.assign(fallback); });
  }

  // ---- the socket

  function load() {
    try { return JSON.parse(sessionStorage.getItem(STORE)); } catch (e) { return null; }
  }

  function save(state) {
    try { sessionStorage.setItem(STORE, JSON.stringify(state)); } catch (e) { /* private mode: no reconnect */ }
  }

  function forget() {
    try { sessionStorage.removeItem(STORE); } catch (e) { /* nothing kept */ }
  }

  function connect() {
    var state = load();
    if (!state || !state.key || !/^wss?:\/\//.test(state.socketUrl || '')) { return; }
    if (socket) { socket.onclose = null; socket.close(); }
    // nothing is reported until the client says "share" again; the badge stays up meanwhile
    sharing = false;
    var ws = new WebSocket(state.socketUrl + '?key=' + encodeURIComponent(state.key));
    socket = ws;
    ws.onmessage = function (m) { if (ws === socket) { receive(m.data); } };
    ws.onclose = function () {
      if (ws !== socket) { return; }
      socket = null;
      // the key was consumed; only a newer one (from "connected") can open the next socket
      if (load() && retries < 5) {
        retries += 1;
        setTimeout(connect, 500 * retries);
      } else if (retries >= 5) {
        forget();
        showBadge(false);
      }
    };
    if (state.sharing) { showBadge(true); }
  }

  function send(event, always) {
    if (socket && socket.readyState === 1 && (sharing || always)) {
      event.type = 'page.event';
      socket.send(JSON.stringify(event));
    }
  }

  function receive(text) {
    var msg;
    try { msg = JSON.parse(text); } catch (e) { return; }
    if (!msg || typeof msg !== 'object') { return; }
    if (msg.type === 'page.bridge') {
      bridgeState(msg);
    } else if (msg.type === 'page.command') {
      command(msg);
    }
  }

  function bridgeState(msg) {
    var state = load();
    if (msg.state === 'connected' && state && typeof msg.key === 'string') {
      retries = 0;
      state.key = msg.key;
      save(state);
    } else if (msg.state === 'closed') {
      stop(true);
    }
  }

  function command(c) {
    var a = c.action;
    if (a === 'share') {
      setSharing(true);
      send({ event: 'ready', url: location.href });
      reportScroll();
    } else if (a === 'stop') {
      setSharing(false);
    } else if (a === 'navigate') {
      navigate(c.url);
    } else if (a === 'scroll') {
      var p = position(c);
      scrollForAgent(function () { window.scrollTo({ left: p.x, top: p.y, behavior: 'instant' }); });
    } else if (a === 'pointer') {
      drawPointer(position(c));
    } else if (a === 'highlight') {
      drawHighlight(c);
    } else if (a === 'clear') {
      clearMarks();
    }
  }

  function setSharing(on) {
    sharing = on;
    var state = load();
    if (state) { state.sharing = on; save(state); }
    showBadge(on);
    if (!on) { clearMarks(); }
  }

  /** End: from the badge (tell the client first) or from the server (the bridge is over). */
  function stop(fromServer) {
    if (!fromServer) { send({ event: 'end' }, true); }
    setSharing(false);
    forget();
    if (socket) { var ws = socket; socket = null; ws.close(); }
  }

  function navigate(url) {
    var target;
    try { target = new URL(url, location.href); } catch (e) { return; }
    if ((target.protocol === 'https:' || target.protocol === 'http:') && allowedHosts.indexOf(target.host) >= 0) {
      location.assign(target.href);
    }
  }

  // ---- positions: a selector path and an offset inside the element, page pixels as fallback

  function selectorOf(el) {
    var parts = [];
    while (el && el.nodeType === 1 && el !== document.documentElement) {
      if (el.id) { parts.unshift('#' + CSS.escape(el.id)); break; }
      var tag = el.localName;
      var n = 1;
      for (var s = el.previousElementSibling; s; s = s.previousElementSibling) {
        if (s.localName === tag) { n += 1; }
      }
      parts.unshift(tag + ':nth-of-type(' + n + ')');
      el = el.parentElement;
    }
    var path = parts.join(' > ');
    return path.length <= 256 ? path : null;
  }

  function find(selector) {
    if (typeof selector !== 'string' || !selector) { return null; }
    try { return document.querySelector(selector); } catch (e) { return null; }
  }

  function pageBox(el) {
    var r = el.getBoundingClientRect();
    return { x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height };
  }

  function position(c) {
    var el = find(c.selector);
    if (el) {
      var b = pageBox(el);
      return { x: b.x + (c.offsetX | 0), y: b.y + (c.offsetY | 0) };
    }
    return { x: c.x | 0, y: c.y | 0 };
  }

  function at(event, el, x, y) {
    var sel = el && !isOverlay(el) ? selectorOf(el) : null;
    var b = sel ? pageBox(el) : { x: 0, y: 0 };
    return { event: event, selector: sel, x: Math.round(x), y: Math.round(y),
      offsetX: Math.round(x - b.x), offsetY: Math.round(y - b.y) };
  }

  // ---- what the person does (only while sharing)

  function masked(el) {
    if (!el || !el.closest) { return true; }
    if (el.closest('[data-webassist-mask]')) { return true; }
    var type = (el.getAttribute('type') || '').toLowerCase();
    if (type === 'password' || type === 'hidden') { return true; }
    var auto = (el.getAttribute('autocomplete') || '').toLowerCase().split(/\s+/);
    return auto.some(function (t) { return t.indexOf('cc-') === 0 || t === 'one-time-code'; });
  }

  function onInput(e) {
    var el = e.target;
    if (!sharing || !el || !/^(input|textarea|select)$/.test(el.localName) || masked(el)) { return; }
    var field = el.name || el.id || selectorOf(el);
    if (!field) { return; }
    var value = el.type === 'checkbox' || el.type === 'radio' ? String(el.checked) : String(el.value);
    send({ event: 'input', field: field, value: value.slice(0, 8192) });
  }

  function onClick(e) {
    if (sharing && !isOverlay(e.target)) { send(at('click', e.target, e.pageX, e.pageY)); }
  }

  function onPointer(e) {
    if (sharing) { throttle('pointer', function () { return at('pointer', e.target, e.pageX, e.pageY); }); }
  }

  /** Scrolls on the agent's command (instantly, so the page is there now) and remembers where that is. */
  function scrollForAgent(scroll) {
    scroll();
    agentScroll = { x: window.scrollX, y: window.scrollY };
  }

  /**
   * The person's scrolls go to the agent; the one the agent's command made does not come back to the
   * agent as if the person had scrolled (the event fires later, at the position the command left).
   */
  function onScroll() {
    if (agentScroll && Math.abs(window.scrollX - agentScroll.x) < 1 && Math.abs(window.scrollY - agentScroll.y) < 1) {
      return;
    }
    agentScroll = null;
    if (sharing) { reportScroll(); }
  }

  function reportScroll() {
    throttle('scroll', function () {
      var el = document.elementFromPoint(Math.min(20, window.innerWidth - 1), 1);
      return at('scroll', el, window.scrollX, window.scrollY);
    });
  }

  /** At most one report of each kind per animation frame: the newest wins. */
  function throttle(kind, make) {
    pending[kind] = make;
    if (frameQueued) { return; }
    frameQueued = true;
    requestAnimationFrame(function () {
      frameQueued = false;
      var kinds = pending;
      pending = {};
      Object.keys(kinds).forEach(function (k) { send(kinds[k]()); });
    });
  }

  // ---- the overlay: one shadow root, nothing the site's CSS can reach

  var CSS_TEXT =
    ':host{all:initial}' +
    '.mark{position:absolute;pointer-events:none;z-index:2147483646}' +
    '.pointer{width:14px;height:14px;margin:-7px 0 0 -7px;border-radius:50%;background:rgba(220,40,40,.8);' +
    'border:2px solid #fff;box-shadow:0 0 3px #000}' +
    '.highlight{border:3px solid #f5a300;border-radius:4px;margin:-3px 0 0 -3px;box-shadow:0 0 0 4px rgba(245,163,0,.25)}' +
    '.badge{position:fixed;right:16px;bottom:16px;z-index:2147483647;font:14px/1.3 system-ui,sans-serif;' +
    'background:#1f3a5f;color:#fff;padding:8px 10px 8px 14px;border-radius:18px;display:flex;gap:10px;' +
    'align-items:center;box-shadow:0 2px 8px rgba(0,0,0,.35)}' +
    '.badge button{font:inherit;background:#fff;color:#1f3a5f;border:0;border-radius:12px;padding:3px 12px;cursor:pointer}';

  function isOverlay(el) {
    return !!overlay && el === overlay.host;
  }

  function ensureOverlay() {
    if (overlay) { return overlay; }
    var host = document.createElement('div');
    host.setAttribute('data-webassist-overlay', '');
    host.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;overflow:visible';
    var root = host.attachShadow({ mode: 'open' });
    var style = document.createElement('style');
    style.textContent = CSS_TEXT;
    root.appendChild(style);
    document.documentElement.appendChild(host);
    overlay = { host: host, root: root, pointer: null, highlight: null, badge: null };
    return overlay;
  }

  function mark(name) {
    var o = ensureOverlay();
    if (!o[name]) {
      o[name] = document.createElement('div');
      o[name].className = 'mark ' + name;
      o.root.appendChild(o[name]);
    }
    return o[name];
  }

  function drawPointer(p) {
    var el = mark('pointer');
    el.style.left = p.x + 'px';
    el.style.top = p.y + 'px';
  }

  function drawHighlight(c) {
    var target = find(c.selector);
    var b = target ? pageBox(target) : { x: c.x | 0, y: c.y | 0, w: c.width | 0, h: c.height | 0 };
    var el = mark('highlight');
    el.style.left = b.x + 'px';
    el.style.top = b.y + 'px';
    el.style.width = b.w + 'px';
    el.style.height = b.h + 'px';
    if (target && target.scrollIntoView) {
      scrollForAgent(function () { target.scrollIntoView({ block: 'nearest', behavior: 'instant' }); });
    }
  }

  function clearMarks() {
    if (!overlay) { return; }
    ['pointer', 'highlight'].forEach(function (name) {
      if (overlay[name]) { overlay[name].remove(); overlay[name] = null; }
    });
  }

  function showBadge(on) {
    if (!on) {
      if (overlay && overlay.badge) { overlay.badge.remove(); overlay.badge = null; }
      return;
    }
    var o = ensureOverlay();
    if (o.badge) { return; }
    var badge = document.createElement('div');
    badge.className = 'badge';
    badge.setAttribute('role', 'status');
    var text = document.createElement('span');
    text.textContent = 'Support can see this page';
    var end = document.createElement('button');
    end.type = 'button';
    end.textContent = 'End';
    end.addEventListener('click', function () { stop(false); });
    badge.appendChild(text);
    badge.appendChild(end);
    o.root.appendChild(badge);
    o.badge = badge;
  }

  // ---- start

  document.addEventListener('input', onInput, true);
  document.addEventListener('click', onClick, true);
  document.addEventListener('pointermove', onPointer, { capture: true, passive: true });
  window.addEventListener('scroll', onScroll, { passive: true });

  window.WebAssist = Object.freeze({
    /** Whether this tab is connected to the page bridge now (for the site and for tests). */
    connected: function () { return !!socket && socket.readyState === 1; },
    /** Whether the person's tab is being shared with support now. */
    sharing: function () { return sharing; },
    /** Ends the bridge, as the badge's End button does. */
    end: function () { stop(false); }
  });

  document.querySelectorAll('[data-webassist-customer]').forEach(wire);
  connect();
})();
