/*
 * Portal Pulse help-center snippet. Records what visitors do in the help center (page and
 * article views, searches, clicked results, votes, request forms) and sends it in small
 * batches with navigator.sendBeacon, which never blocks or delays the page. Load it with
 * `async`; configure with data-endpoint on the script tag (see INSTALL.md).
 */
(function () {
  'use strict';
  var script = document.currentScript;
  var endpoint = script && script.getAttribute('data-endpoint');
  if (!endpoint || !navigator.sendBeacon || !window.JSON) return;
  var KEY = 'portal-pulse-visitor';
  var queue = [];
  var timer = 0;

  function visitor() {
    var id;
    try {
      id = localStorage.getItem(KEY);
      if (!id) {
        id = crypto.randomUUID ? crypto.randomUUID() : String(Math.random()).slice(2) + Date.now();
        localStorage.setItem(KEY, id);
      }
    } catch {
      // Storage blocked (private mode, policy): a per-page id still counts the visit.
      id = 'anonymous-' + String(Math.random()).slice(2);
    }
    return id;
  }

  var device = /iPad|Tablet/i.test(navigator.userAgent)
    ? 'tablet'
    : /Mobile|iPhone|Android/i.test(navigator.userAgent)
      ? 'mobile'
      : 'desktop';

  function flush() {
    clearTimeout(timer);
    timer = 0;
    while (queue.length) {
      var body = JSON.stringify({ visitor: visitor(), device: device, events: queue.splice(0, 50) });
      // A string body goes as text/plain: a simple CORS request, no preflight.
      navigator.sendBeacon(endpoint, body);
    }
  }

  function track(e) {
    e.at = Date.now();
    queue.push(e);
    if (!timer) timer = setTimeout(flush, 5000);
  }

  var path = location.pathname;
  var params = new URLSearchParams(location.search);
  var article = /\/articles\/(\d+)/.exec(path);
  if (/\/search/.test(path) && params.get('query') !== null) {
    track({
      type: 'search',
      query: params.get('query').slice(0, 500),
      result_count: document.querySelectorAll('.search-result, .search-results-list > li').length,
      clicked: false,
    });
  } else if (article) track({ type: 'article_view', article_id: article[1] });
  else if (/\/signin/.test(path)) track({ type: 'login' });
  else if (/\/requests\/new/.test(path)) track({ type: 'ticket_form_view' });
  else track({ type: 'page_view' });

  document.addEventListener(
    'click',
    function (ev) {
      var el = ev.target && ev.target.closest && ev.target.closest('a, button');
      if (!el) return;
      if (el.closest('.article-vote, .article-votes')) {
        track({ type: 'vote', article_id: article ? article[1] : undefined });
      } else if (queue.length && queue[0].type === 'search' && /\/articles\/(\d+)/.test(el.href || '')) {
        queue[0].clicked = true;
        queue[0].article_id = /\/articles\/(\d+)/.exec(el.href)[1];
        flush();
      }
    },
    { passive: true },
  );
  document.addEventListener('submit', function (ev) {
    if (ev.target && ev.target.id === 'new_request') track({ type: 'ticket_submit' });
    flush();
  });
  addEventListener('pagehide', flush);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') flush();
  });
})();
