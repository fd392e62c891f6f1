/*
 * The agent's copy of the user's page in the support console (claims 88, 89, 92-94, 99, 100, 103-105, 112).
 * The console loads this file once as a constant resource and runs it in each page it shows; the
 * script's value is the small API below, which the console keeps: no global name at all, so the page's
 * own scripts cannot find it or the console's upcall object. The console passes data only as arguments
 * of these calls and receives what the agent does through the upcall object given to attach().
 * Nothing here turns data into markup or code: text goes in with textContent, elements are found with
 * querySelector (inside try), positions are numbers.
 */
(function () {
  'use strict';

  var POINTER_INTERVAL_MS = 50;
  var SCROLL_INTERVAL_MS = 100;
  var MAX_SELECTOR = 256;
  var MASK = '\u2022\u2022\u2022';
  var HOST_ID = 'webassist-agent-view';
  var STYLE = [
    ':host, .layer { all: initial; }',
    '.layer { position: absolute; left: 0; top: 0; width: 0; height: 0; overflow: visible; pointer-events: none; }',
    '.user-pointer { position: absolute; width: 0; height: 0; display: none; }',
    '.user-pointer .arrow { position: absolute; left: 0; top: 0; width: 0; height: 0;',
    '  border-left: 7px solid transparent; border-right: 7px solid transparent; border-bottom: 16px solid #d9480f;',
    '  transform: rotate(-35deg); transform-origin: 0 0; }',
    '.user-pointer .label { position: absolute; left: 12px; top: 14px; padding: 1px 6px; border-radius: 8px;',
    '  background: #d9480f; color: #fff; font: bold 11px sans-serif; white-space: nowrap; }',
    '.ripple { position: absolute; width: 28px; height: 28px; margin: -14px 0 0 -14px; border-radius: 50%;',
    '  border: 3px solid #d9480f; box-sizing: border-box; animation: ripple 0.9s ease-out forwards; }',
    '@keyframes ripple { from { transform: scale(0.3); opacity: 1; } to { transform: scale(1.6); opacity: 0.15; } }',
    '.highlight { position: absolute; display: none; border: 3px solid #1971c2; border-radius: 4px;',
    '  margin: -3px 0 0 -3px; background: rgba(25, 113, 194, 0.12); }',
    '.hover { position: absolute; display: none; outline: 2px dashed #1971c2; }',
    '.user-view { position: absolute; left: 0; display: none; width: 6px; height: 40px; background: #d9480f; }',
    '.user-view .label { position: absolute; left: 8px; top: 0; color: #d9480f; font: 10px sans-serif;',
    '  white-space: nowrap; }'
  ].join('\n');

  var bridge = null;
  var highlightTool = false;
  var expectedScroll = null;
  var layer = null;
  var parts = {};
  var pointerPending = null;
  var pointerTimer = 0;
  var lastPointerSent = 0;
  var scrollTimer = 0;
  var lastScrollSent = 0;

  // ------------------------------------------------------------------ elements and positions

  function isOurs(node) {
    var host = document.getElementById(HOST_ID);
    return !!host && (node === host || host.contains(node));
  }

  /** A CSS selector path for el: #id where the id is unique, else tag:nth-of-type steps up to one. */
  function cssPath(el) {
    if (!el || el.nodeType !== 1 || isOurs(el)) {
      return null;
    }
    var steps = [];
    var node = el;
    while (node && node.nodeType === 1) {
      if (node.id && document.querySelectorAll('#' + CSS.escape(node.id)).length === 1) {
        steps.unshift('#' + CSS.escape(node.id));
        break;
      }
      var tag = node.localName;
      if (node === document.documentElement || node === document.body) {
        steps.unshift(tag);
        if (node === document.documentElement) {
          break;
        }
        node = node.parentElement;
        continue;
      }
      var index = 1;
      var sibling = node.previousElementSibling;
      while (sibling) {
        if (sibling.localName === tag) {
          index++;
        }
        sibling = sibling.previousElementSibling;
      }
      steps.unshift(tag + ':nth-of-type(' + index + ')');
      node = node.parentElement;
    }
    var path = steps.join(' > ');
    return path.length > MAX_SELECTOR ? null : path;
  }

  function find(selector) {
    if (typeof selector !== 'string' || selector === '' || selector.length > MAX_SELECTOR) {
      return null;
    }
    try {
      var el = document.querySelector(selector);
      return el && !isOurs(el) ? el : null;
    } catch (e) {
      return null; // not a selector this engine understands
    }
  }

  /** The element's box in page (document) pixels: [x, y, width, height]. */
  function pageBox(el) {
    var r = el.getBoundingClientRect();
    return [Math.round(r.left + window.pageXOffset), Math.round(r.top + window.pageYOffset),
      Math.round(r.width), Math.round(r.height)];
  }

  // ------------------------------------------------------------------ the overlay (one shadow root)

  function div(className, parent) {
    var el = document.createElement('div');
    el.className = className;
    parent.appendChild(el);
    return el;
  }

  function overlay() {
    if (layer && document.getElementById(HOST_ID)) {
      return layer;
    }
    var host = document.createElement('div');
    host.id = HOST_ID;
    host.style.cssText = 'position:absolute;left:0;top:0;width:0;height:0;overflow:visible;'
      + 'z-index:2147483647;pointer-events:none;';
    var root = host.attachShadow ? host.attachShadow({ mode: 'open' }) : host;
    var style = document.createElement('style');
    style.textContent = STYLE;
    root.appendChild(style);
    layer = div('layer', root);
    parts.highlight = div('highlight', layer);
    parts.hover = div('hover', layer);
    parts.userView = div('user-view', layer);
    div('label', parts.userView).textContent = 'User\u2019s view';
    parts.pointer = div('user-pointer', layer);
    div('arrow', parts.pointer);
    parts.pointerLabel = div('label', parts.pointer);
    parts.pointerLabel.textContent = 'User';
    document.documentElement.appendChild(host);
    return layer;
  }

  function place(el, x, y, width, height) {
    el.style.left = x + 'px';
    el.style.top = y + 'px';
    if (width !== undefined) {
      el.style.width = width + 'px';
      el.style.height = height + 'px';
    }
    el.style.display = 'block';
  }

  // ------------------------------------------------------------------ what the agent does → the console

  function report(method, args) {
    if (!bridge) {
      return;
    }
    try {
      bridge[method].apply(bridge, args);
    } catch (e) {
      // the console went away; the page keeps working
    }
  }

  function positionArgs(x, y, el) {
    var selector = cssPath(el);
    var box = selector ? pageBox(el) : [0, 0, 0, 0];
    return [Math.round(x), Math.round(y), selector, box[0], box[1], box[2], box[3]];
  }

  function sendPointer() {
    pointerTimer = 0;
    var p = pointerPending;
    pointerPending = null;
    if (!p) {
      return;
    }
    lastPointerSent = Date.now();
    report('pointer', positionArgs(p.x, p.y, p.target));
  }

  function onMouseMove(e) {
    if (isOurs(e.target)) {
      return;
    }
    pointerPending = { x: e.pageX, y: e.pageY, target: e.target };
    if (highlightTool) {
      var box = pageBox(e.target);
      place(parts.hover, box[0], box[1], box[2], box[3]);
    }
    if (!pointerTimer) {
      var wait = Math.max(0, lastPointerSent + POINTER_INTERVAL_MS - Date.now());
      pointerTimer = window.setTimeout(sendPointer, wait);
    }
  }

  function sendScroll() {
    scrollTimer = 0;
    var x = window.pageXOffset;
    var y = window.pageYOffset;
    if (expectedScroll && Math.abs(x - expectedScroll[0]) <= 1 && Math.abs(y - expectedScroll[1]) <= 1) {
      expectedScroll = null; // the console moved us along with the user: not the agent's scroll
      return;
    }
    expectedScroll = null;
    lastScrollSent = Date.now();
    var top = document.elementFromPoint(Math.floor(window.innerWidth / 2), 1);
    if (!top || isOurs(top)) {
      top = document.body;
    }
    report('scrolled', positionArgs(x, y, top));
  }

  function onScroll() {
    if (!scrollTimer) {
      var wait = Math.max(0, lastScrollSent + SCROLL_INTERVAL_MS - Date.now());
      scrollTimer = window.setTimeout(sendScroll, wait);
    }
  }

  /** While the highlight tool is on, pressing and clicking pick an element and never reach the page. */
  function onPress(e) {
    if (!highlightTool || isOurs(e.target)) {
      return;
    }
    e.preventDefault();
    e.stopImmediatePropagation();
    if (e.type !== 'click') {
      return;
    }
    var selector = cssPath(e.target);
    if (!selector) {
      return;
    }
    var box = pageBox(e.target);
    place(parts.highlight, box[0], box[1], box[2], box[3]);
    report('highlighted', [selector, box[0], box[1], box[2], box[3]]);
  }

  function sameDocument(url) {
    var here = window.location.href.split('#')[0];
    return url.split('#')[0] === here && url.indexOf('#') >= 0;
  }

  /** Following a link: the console decides (URL policy) and loads it; the page never goes by itself. */
  function onClick(e) {
    if (e.defaultPrevented || highlightTool) {
      return;
    }
    var link = e.target && e.target.closest ? e.target.closest('a[href], area[href]') : null;
    if (!link || isOurs(link)) {
      return;
    }
    var url = link.href;
    if (typeof url !== 'string' || url === '' || sameDocument(url)) {
      return;
    }
    e.preventDefault();
    report('navigate', [url]);
  }

  function onSubmit(e) {
    if (e.defaultPrevented) {
      return;
    }
    e.preventDefault();
    var form = e.target;
    if ((form.method || 'get').toLowerCase() !== 'get') {
      return; // a POST cannot be repeated on the user's side; the agent's copy does not send it either
    }
    var url = form.action.split('?')[0] + '?' + new URLSearchParams(new FormData(form)).toString();
    report('navigate', [url]);
  }

  // ------------------------------------------------------------------ what the user does → drawn here

  function drawPointer(x, y, label) {
    overlay();
    parts.pointerLabel.textContent = typeof label === 'string' && label !== '' ? label : 'User';
    place(parts.pointer, x, y);
  }

  function hidePointer() {
    overlay();
    parts.pointer.style.display = 'none';
  }

  function drawClick(x, y) {
    var ripples = overlay().querySelectorAll('.ripple');
    for (var i = 0; i < ripples.length - 3; i++) {
      ripples[i].remove();
    }
    place(div('ripple', layer), x, y);
  }

  function markUserView(y) {
    overlay();
    place(parts.userView, 0, y);
  }

  function scrollToPoint(x, y) {
    window.scrollTo(x, y);
    expectedScroll = [window.pageXOffset, window.pageYOffset];
  }

  function isMasked(el) {
    var type = (el.getAttribute('type') || '').toLowerCase();
    var autocomplete = (el.getAttribute('autocomplete') || '').toLowerCase();
    return type === 'password' || autocomplete.indexOf('cc-') === 0 || autocomplete === 'one-time-code'
      || el.closest('[data-webassist-mask]') !== null;
  }

  function findField(field) {
    var el = find(field);
    if (!el && typeof field === 'string') {
      el = document.getElementsByName(field)[0] || document.getElementById(field);
    }
    return el && ('value' in el) && !isOurs(el) ? el : null;
  }

  /** Shows the user's value in the matching field; a masked field shows ••• whatever came. */
  function setField(field, value) {
    var el = findField(field);
    if (!el) {
      return false;
    }
    el.value = isMasked(el) ? MASK : String(value);
    return true;
  }

  function drawHighlight(x, y, width, height) {
    overlay();
    if (width <= 0 && height <= 0) {
      parts.highlight.style.display = 'none';
    } else {
      place(parts.highlight, x, y, width, height);
    }
  }

  function setHighlightTool(on) {
    highlightTool = !!on;
    overlay();
    if (!highlightTool) {
      parts.hover.style.display = 'none';
    }
    document.documentElement.style.cursor = highlightTool ? 'crosshair' : '';
  }

  /** The element's box as [x, y, width, height] in page pixels, or null when there is none. */
  function boxOf(selector) {
    var el = find(selector);
    return el ? pageBox(el) : null;
  }

  function attach(upcall) {
    bridge = upcall;
    overlay();
    window.addEventListener('mousemove', onMouseMove, { capture: true, passive: true });
    window.addEventListener('scroll', onScroll, { passive: true });
    ['mousedown', 'mouseup', 'pointerdown', 'pointerup', 'click', 'dblclick', 'auxclick', 'contextmenu']
      .forEach(function (type) { window.addEventListener(type, onPress, true); });
    window.addEventListener('click', onClick, false);
    window.addEventListener('submit', onSubmit, false);
  }

  return Object.freeze({
    attach: attach,
    boxOf: boxOf,
    drawPointer: drawPointer,
    hidePointer: hidePointer,
    drawClick: drawClick,
    markUserView: markUserView,
    scrollToPoint: scrollToPoint,
    setField: setField,
    drawHighlight: drawHighlight,
    setHighlightTool: setHighlightTool
  });
}());
