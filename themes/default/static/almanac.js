// almanac.js: find and filter a schedule's calendar, and mark today, in the reader's browser.
// The data is the page itself (the schedule table's rows), never a fetched file, so it works from file://.
// Without this script the page is complete; the filter form stays hidden.
(function () {
  'use strict';
  var form = document.querySelector('form.filter');
  var table = document.querySelector('table.data');
  if (!form || !table) return;
  var FIELDS = ['q', 'tag', 'month', 'mode'];
  // [changes] The status filter is there only when an activity of the schedule changed.
  if (form.elements.status) FIELDS.push('status');
  var status = form.querySelector('.filter-status');

  // Full-width letters and digits (ＱＣ, ２０２３) become ASCII, and case is ignored.
  function norm(s) {
    return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  }

  // One record per activity, from its table row, with every element that shows it on the page.
  var items = Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
    var d = tr.dataset;
    var cells = tr.querySelectorAll('.q');
    return {
      href: tr.querySelector('a').getAttribute('href'),
      tags: d.tags ? JSON.parse(d.tags) : [],
      mode: d.mode, start: d.start, end: d.end, exact: d.p === 'day' || d.p === 'time',
      // [changes] Only a changed activity's row carries data-status and data-changed.
      status: d.status || 'scheduled', changed: d.changed === 'true',
      // Each date with its times, in the schedule's zone: [first day, last day, starts at, ends at].
      occ: d.occ ? JSON.parse(d.occ) : [[d.start, d.end, null, null]],
      text: norm(Array.prototype.map.call(cells, function (c) { return c.textContent; }).join(' ')),
      els: []
    };
  });
  var byHref = {};
  items.forEach(function (it) { byHref[it.href] = it; });
  document.querySelectorAll('.tl tbody th a, .agenda .act-title, table.data th a').forEach(function (a) {
    var it = byHref[a.getAttribute('href')];
    if (it) it.els.push(a.closest('tr, li'));
  });

  function values() {
    var v = {};
    FIELDS.forEach(function (f) { v[f] = form.elements[f].value.trim(); });
    return v;
  }

  // Chinese has no spaces between words, so a term matches as a substring; spaces separate terms that must
  // all match.
  function matches(it, v) {
    var terms = norm(v.q).split(' ').filter(Boolean);
    return terms.every(function (t) { return it.text.indexOf(t) >= 0; }) &&
      (!v.tag || it.tags.indexOf(v.tag) >= 0) &&
      (!v.mode || it.mode === v.mode) &&
      statusMatches(it, v.status) &&
      // ISO dates compare as strings, and no month has a day after 31.
      (!v.month || (it.start <= v.month + '-31' && it.end >= v.month + '-01'));
  }

  // [changes] ?status=changed: the activities with a recorded change (or not going ahead as announced);
  // ?status=active: those still taking place at a known date (neither cancelled nor postponed).
  function statusMatches(it, want) {
    if (want === 'changed') return it.changed;
    if (want === 'active') return it.status !== 'cancelled' && it.status !== 'postponed';
    return true;
  }

  function apply() {
    var v = values();
    var shown = 0;
    items.forEach(function (it) {
      var ok = matches(it, v);
      if (ok) shown++;
      it.els.forEach(function (el) { el.hidden = !ok; });
    });
    // A month section with nothing left, or of another month than the one asked for, goes too.
    document.querySelectorAll('.agenda-month').forEach(function (sec) {
      var key = (sec.getAttribute('aria-labelledby') || '').replace('agenda-', '');
      var other = v.month && /^\d{4}-\d{2}$/.test(key) && key !== v.month;
      var left = sec.querySelectorAll('li.act:not([hidden])').length;
      var count = sec.querySelector('.count');
      count.dataset.all = count.dataset.all || count.textContent;
      count.textContent = left === sec.querySelectorAll('li.act').length ? count.dataset.all : left + ' 项（已筛选）';
      sec.hidden = other || !left;
    });
    var any = FIELDS.some(function (f) { return v[f]; });
    status.textContent = !any ? '共 ' + items.length + ' 项活动。' :
      shown ? '共 ' + items.length + ' 项活动，符合条件的 ' + shown + ' 项。' : '没有符合条件的活动，请放宽条件。';
  }

  // The filter lives in the address (?tag=评价&month=2023-09&mode=在线&q=QC): a filtered view can be linked,
  // and Back returns to the previous one. Other parameters (such as ?today=) are kept.
  function fromURL() {
    var p = new URLSearchParams(location.search);
    FIELDS.forEach(function (f) { form.elements[f].value = p.get(f) || ''; });
  }
  function toURL(push) {
    var p = new URLSearchParams(location.search);
    var v = values();
    FIELDS.forEach(function (f) { if (v[f]) p.set(f, v[f]); else p.delete(f); });
    var qs = p.toString();
    if ('?' + qs === location.search || (!qs && !location.search)) return;
    try {
      history[push ? 'pushState' : 'replaceState'](null, '', qs ? '?' + qs : location.pathname + location.hash);
    } catch (e) {
      // A browser that refuses history changes on file:// still filters; the address just stays put.
    }
  }

  // Typing replaces the current history entry after its first keystroke, so Back skips letter-by-letter states.
  var typing = false;
  form.addEventListener('input', function (e) {
    apply();
    if (e.target.name === 'q') { toURL(!typing); typing = true; }
  });
  form.addEventListener('change', function (e) {
    if (e.target.name !== 'q') toURL(true);
    typing = false;
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); typing = false; });
  form.addEventListener('reset', function () {
    setTimeout(function () { apply(); toURL(true); typing = false; }, 0);
  });
  window.addEventListener('popstate', function () { fromURL(); apply(); typing = false; });

  // Now, as the schedule's local date and time 'YYYY-MM-DDTHH:MM' in its time zone (the site is built once
  // and read for years). Tests and readers can fix it with ?today=2023-09-20 (noon of that day) or
  // ?today=2024-10-31T14:00, or a global ALMANAC_TODAY set before this script runs.
  function now() {
    var fixed = new URLSearchParams(location.search).get('today') || window.ALMANAC_TODAY || '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed + 'T12:00';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(fixed)) return fixed;
    var parts, opts = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    try {
      parts = new Intl.DateTimeFormat('en-CA', Object.assign({ timeZone: form.dataset.tz || 'Asia/Shanghai' }, opts)).formatToParts(new Date());
    } catch (e) {
      parts = new Intl.DateTimeFormat('en-CA', Object.assign({ timeZone: 'Asia/Shanghai' }, opts)).formatToParts(new Date());
    }
    function part(t) { return parts.filter(function (p) { return p.type === t; })[0].value; }
    return part('year') + '-' + part('month') + '-' + part('day') + 'T' + part('hour') + ':' + part('minute');
  }
  // Whether an activity is before, in or after `at` (a local 'YYYY-MM-DDTHH:MM'): by its times where the text
  // gives them, else by whole days. Between two dates of a list it is upcoming: its next date is ahead.
  function stateAt(it, at) {
    var within = it.occ.some(function (o) {
      var from = o[2] ? o[2].slice(0, 16) : o[0] + 'T00:00';
      var to = o[3] ? o[3].slice(0, 16) : o[1] + 'T23:59';
      return from <= at && at <= to;
    });
    if (within) return it.exact ? 'running' : 'maybe';
    var last = it.occ[it.occ.length - 1];
    var end = last[3] ? last[3].slice(0, 16) : last[1] + 'T23:59';
    return at > end ? 'past' : 'upcoming';
  }
  function days(iso) {
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
  }
  function span(cls, text) {
    var s = document.createElement('span');
    s.className = cls;
    s.textContent = text;
    return s;
  }

  // A range published by 旬, month or year is only approximately known, so inside it an activity "may be" on.
  var STATES = { upcoming: '未开始', running: '进行中', maybe: '可能进行中', past: '已结束' };
  function markToday() {
    var at = now(), t = at.slice(0, 10);
    var counts = { upcoming: 0, running: 0, maybe: 0, past: 0 };
    items.forEach(function (it) {
      // [changes] A cancelled or postponed activity is not on at its (old) dates: no today mark.
      if (it.status === 'cancelled' || it.status === 'postponed') return;
      var st = stateAt(it, at);
      counts[st]++;
      it.els.forEach(function (el) {
        var slot = el.querySelector('.tl-name, .act-meta, .reading');
        if (slot) slot.appendChild(span('st st--' + st, STATES[st]));
      });
    });
    var tl = document.querySelector('table.tl');
    if (tl && tl.dataset.first <= t && t <= tl.dataset.last) {
      var pct = ((days(t) - days(tl.dataset.first) + 0.5) / (days(tl.dataset.last) - days(tl.dataset.first) + 1) * 100).toFixed(2) + '%';
      var flag = span('today-flag', '今天');
      flag.setAttribute('aria-hidden', 'true');
      flag.style.left = pct;
      tl.querySelector('.tl-months').appendChild(flag);
      tl.querySelectorAll('.tl-lane').forEach(function (lane) {
        var line = span('today-line', '');
        line.style.left = pct;
        lane.appendChild(line);
      });
      // On a phone the timeline scrolls in its box: bring today into view, a third of the way across.
      var box = tl.parentNode;
      var nameW = tl.querySelector('.tl-name').offsetWidth;
      box.scrollLeft = (tl.offsetWidth - nameW) * parseFloat(pct) / 100 - (box.clientWidth - nameW) / 3;
    }
    var zone = (form.dataset.tz || 'Asia/Shanghai') === 'Asia/Shanghai' ? '北京时间' : form.dataset.tz;
    var note = document.createElement('p');
    note.className = 'today-note';
    note.textContent = '今天是' + (+t.slice(0, 4)) + '年' + (+t.slice(5, 7)) + '月' + (+t.slice(8, 10)) + '日（' + zone + '）：' +
      Object.keys(STATES).map(function (k) { return STATES[k] + ' ' + counts[k] + ' 项'; }).join('，') +
      '。按旬、按月或全年公布的活动只知大致范围，今天在范围内时标为“可能进行中”。';
    form.parentNode.insertBefore(note, form.nextSibling);
  }

  fromURL();
  markToday();
  apply();
  form.hidden = false;
})();
