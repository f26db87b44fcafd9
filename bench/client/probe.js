// Injected into the page before any of its own scripts (page.addInitScript, after
// `window.__clientBenchConfig = { origin, selector, identifier }`). Plain ES5 in the
// page, no imports. Times are performance.now() values: ms since navigation start.
//
// First meaningful paint = the end of the first rendering frame in which the marker
// element (cfg.selector) is in the DOM, has a non-empty box that intersects the
// viewport, and passes checkVisibility(): a MutationObserver notices the element, a
// requestAnimationFrame callback checks it is laid out and visible in that frame
// (`frame`: the frame's start), and a message posted from that callback runs once
// the frame's style, layout and paint are done (`painted`). The element and its
// descendants also get `elementtiming`, so Element Timing reports when the
// compositor presented them (`element`), as a cross-check.
;(function () {
  var cfg = window.__clientBenchConfig
  if (!cfg || location.origin !== cfg.origin || window.__clientBench) return
  var out = { fcp: null, lcp: null, dcl: null, appeared: null, frame: null, painted: null, element: null, rect: null, marked: 0, longTasks: [] }
  window.__clientBench = out

  function observe(type, each) {
    try {
      new PerformanceObserver(function (list) {
        list.getEntries().forEach(each)
      }).observe({ type: type, buffered: true })
    } catch (e) {
      // An entry type this browser does not know: that column stays empty.
    }
  }
  observe('paint', function (e) {
    if (e.name === 'first-contentful-paint') out.fcp = e.startTime
  })
  observe('largest-contentful-paint', function (e) {
    out.lcp = e.startTime
  })
  observe('element', function (e) {
    if (e.identifier !== cfg.identifier) return
    var t = e.renderTime || e.loadTime
    if (t && (out.element === null || t < out.element)) out.element = t
  })
  // Main-thread tasks over 50 ms: what kept the page busy.
  observe('longtask', function (e) {
    out.longTasks.push({ start: Math.round(e.startTime), duration: Math.round(e.duration) })
  })
  document.addEventListener('DOMContentLoaded', function () {
    out.dcl = performance.now()
  })

  function mark(el) {
    var all = [el].concat(Array.prototype.slice.call(el.querySelectorAll('*')))
    for (var i = 0; i < all.length; i++) {
      if (!all[i].hasAttribute('elementtiming')) {
        all[i].setAttribute('elementtiming', cfg.identifier)
        out.marked++
      }
    }
  }

  function shown(el) {
    var r = el.getBoundingClientRect()
    if (r.width <= 0 || r.height <= 0) return null
    if (r.bottom <= 0 || r.right <= 0 || r.top >= window.innerHeight || r.left >= window.innerWidth) return null
    if (el.checkVisibility && !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return null
    return { top: r.top, left: r.left, width: r.width, height: r.height }
  }

  var frameRequested = false
  function onFrame(ts) {
    frameRequested = false
    if (out.painted !== null || out.frame !== null) return
    var el = document.querySelector(cfg.selector)
    var rect = el && shown(el)
    if (!rect) {
      // In the DOM but not laid out visibly yet (a page still hidden, styles still loading): try the next frame.
      if (el) requestFrame()
      return
    }
    out.frame = ts
    out.rect = rect
    var channel = new MessageChannel()
    channel.port1.onmessage = function () {
      out.painted = performance.now()
      if (typeof window.__clientBenchPainted === 'function') window.__clientBenchPainted(out.painted)
    }
    channel.port2.postMessage(0)
  }
  function requestFrame() {
    if (frameRequested) return
    frameRequested = true
    requestAnimationFrame(onFrame)
  }

  new MutationObserver(function (_, observer) {
    if (out.frame !== null) {
      observer.disconnect()
      return
    }
    var el = document.querySelector(cfg.selector)
    if (!el) return
    if (out.appeared === null) out.appeared = performance.now()
    mark(el)
    requestFrame()
  }).observe(document, { childList: true, subtree: true })
})()
