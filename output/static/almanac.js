(function () {
  'use strict';
  var W = null;

  function when(d) {
    return ruled({
      start: d.start, end: d.end, p: d.p, occ: d.occ ? JSON.parse(d.occ) : [[d.start, d.end, null, null]],
      status: d.status || 'scheduled', changed: d.changed === 'true'
    });
  }
  function ruled(it) {
    it.exact = W.precision[it.p].exact;
    it.now = W.precision[it.p].now;
    it.active = W.status[it.status].active;
    return it;
  }
  function stateAt(it, at) {
    if (!it.active) return null;
    var within = it.occ.some(function (o) { return from(o) <= at && at <= to(o); });
    if (within) return it.exact ? 'running' : 'maybe';
    return at > to(it.occ[it.occ.length - 1]) ? 'past' : 'upcoming';
  }
  function from(o) { return o[2] ? o[2].slice(0, 16) : o[0] + 'T00:00'; }
  function to(o) { return o[3] ? o[3].slice(0, 16) : o[1] + 'T23:59'; }
  function onNow(it, st) { return st === 'running' || (st === 'maybe' && it.now); }

  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function ymd(y, m, d) { return y + '-' + pad(m) + '-' + pad(d); }
  function monthEnd(y, m) { return new Date(Date.UTC(y, m, 0)).getUTCDate(); }
  function dayNo(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5; }
  function dayIso(n) { return new Date(n * 864e5).toISOString().slice(0, 10); }
  function yearIn(c, m, y) { return y ? +y : m < c.firstMonth ? c.year + 1 : c.year; }
  function dayRange(y, m, d) { return m >= 1 && m <= 12 && d >= 1 && d <= monthEnd(y, m) ? { start: ymd(y, m, d), end: ymd(y, m, d), p: 'day' } : null; }
  function monthRange(y, m) { return m >= 1 && m <= 12 ? { start: ymd(y, m, 1), end: ymd(y, m, monthEnd(y, m)), p: 'month' } : null; }
  function partRange(y, m, part) {
    return m >= 1 && m <= 12 ? { start: ymd(y, m, part.from), end: ymd(y, m, Math.min(part.to, monthEnd(y, m))), p: 'dekad' } : null;
  }
  function entry(list, word) {
    for (var i = 0; i < list.length; i++) if (list[i].word === word) return list[i];
    return null;
  }
  function readDate(t, c) {
    var english = readEnglish(t.normalize('NFKC').toLowerCase().trim(), c);
    if (english) return english;
    t = t.normalize('NFKC').replace(/\s+/g, '');
    var i, r, m;
    for (i = 0; i < W.dates.relative.length; i++) {
      r = W.dates.relative[i];
      if (r.word.replace(/\s+/g, '') !== t.toLowerCase()) continue;
      var ty = +c.today.slice(0, 4), tm = +c.today.slice(5, 7);
      if (r.unit === 'day') { var d = dayIso(dayNo(c.today) + r.n); return { start: d, end: d, p: 'day' }; }
      if (r.unit === 'week') {
        var mon = dayNo(c.today) - (new Date(dayNo(c.today) * 864e5).getUTCDay() + 6) % 7 + 7 * r.n;
        return { start: dayIso(mon), end: dayIso(mon + 6), p: 'day' };
      }
      if (r.unit === 'month') { var k = ty * 12 + tm - 1 + r.n; return monthRange(Math.floor(k / 12), k % 12 + 1); }
      return { start: (ty + r.n) + '-01-01', end: (ty + r.n) + '-12-31', p: 'year' };
    }
    if ((r = entry(W.dates.named, t))) {
      var y1 = yearIn(c, r.from[0]), y2 = r.to[0] < r.from[0] ? y1 + 1 : y1;
      return { start: ymd(y1, r.from[0], r.from[1]), end: ymd(y2, r.to[0], r.to[1]), p: r.p };
    }
    if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t))) return dayRange(+m[1], +m[2], +m[3]);
    if ((m = /^(\d{4})[-/.](\d{1,2})$/.exec(t))) return monthRange(+m[1], +m[2]);
    if ((m = /^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]$/.exec(t))) return dayRange(yearIn(c, +m[2], m[1]), +m[2], +m[3]);
    if ((m = /^(?:(\d{4})年)?(\d{1,2})月份?$/.exec(t))) return monthRange(yearIn(c, +m[2], m[1]), +m[2]);
    if ((m = /^(?:(\d{4})年)?(\d{1,2})月(.+)$/.exec(t))) {
      r = entry(W.dates.dekads, m[3]);
      return r ? partRange(yearIn(c, +m[2], m[1]), +m[2], r) : null;
    }
    if ((m = /^(\d{4})年$/.exec(t))) return { start: m[1] + '-01-01', end: m[1] + '-12-31', p: 'year' };
    return null;
  }
  function readEnglish(t, c) {
    var monthOf = function (w) { var e = entry(W.dates.months, w.replace(/\.$/, '')); return e ? e.month : 0; };
    var m, mo, part;
    if ((m = /^([a-z]+\.?)\s*(\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(\d{4}))?$/.exec(t))) {
      mo = monthOf(m[1]);
      return dayRange(yearIn(c, mo, m[3]), mo, +m[2]);
    }
    if ((m = /^(\d{1,2})(?:st|nd|rd|th)?\s*([a-z]+\.?)(?:,?\s*(\d{4}))?$/.exec(t))) {
      mo = monthOf(m[2]);
      return dayRange(yearIn(c, mo, m[3]), mo, +m[1]);
    }
    if ((m = /^([a-z]+)[\s-]+([a-z]+\.?)(?:,?\s*(\d{4}))?$/.exec(t)) && (mo = monthOf(m[2]))) {
      part = entry(W.dates.thirds, m[1]);
      return part ? partRange(yearIn(c, mo, m[3]), mo, part) : null;
    }
    if ((m = /^([a-z]+\.?)(?:,?\s*(\d{4}))?$/.exec(t)) && (mo = monthOf(m[1]))) return monthRange(yearIn(c, mo, m[2]), mo);
    return null;
  }
  function readTerms(q, c) {
    var words = q.split(' ').filter(Boolean), out = [];
    for (var i = 0; i < words.length;) {
      var n = Math.min(3, words.length - i), date = null;
      for (; n > 1; n--) if ((date = readDate(words.slice(i, i + n).join(' '), c))) break;
      if (n === 1) date = readDate(words[i], c);
      out.push({ text: words.slice(i, i + n).join(' '), date: date });
      i += n;
    }
    return out;
  }

  function dayWords(iso, withYear) {
    var y = +iso.slice(0, 4), md = monthDay(iso);
    if (W.calendar.style === 'english') return withYear ? md + ', ' + y : md;
    return withYear ? y + '年' + md : md;
  }
  function monthDay(iso) {
    var m = W.calendar.months[+iso.slice(5, 7) - 1], d = +iso.slice(8, 10);
    return W.calendar.style === 'english' ? m + ' ' + d : m + d + '日';
  }
  function daysOfYear(a, b) {
    if (a.slice(0, 4) !== b.slice(0, 4)) return spanWords(a, b);
    if (a === b) return dayWords(a, false);
    var sameMonth = a.slice(5, 7) === b.slice(5, 7);
    if (W.calendar.style === 'english') return sameMonth ? monthDay(a) + '–' + (+b.slice(8, 10)) : monthDay(a) + ' – ' + monthDay(b);
    return monthDay(a) + '–' + (sameMonth ? (+b.slice(8, 10)) + '日' : monthDay(b));
  }
  function spanWords(a, b) {
    if (a === b) return dayWords(a, true);
    if (a.slice(0, 4) !== b.slice(0, 4)) {
      return W.calendar.style === 'english' ? dayWords(a, true) + ' – ' + dayWords(b, true) :
        dayWords(a, true) + '–' + dayWords(b, true);
    }
    return W.calendar.style === 'english' ? daysOfYear(a, b) + ', ' + (+a.slice(0, 4)) :
      (+a.slice(0, 4)) + '年' + daysOfYear(a, b);
  }

  function says(name, v) {
    return W.says[name].replace(/\{(\w+)\}/g, function (_, k) { return v && v[k] != null ? v[k] : ''; });
  }

  if (typeof document === 'undefined') {
    module.exports = function (words) {
      W = words;
      return { when: when, stateAt: stateAt, onNow: onNow, readDate: readDate, readTerms: readTerms, dayWords: dayWords, spanWords: spanWords, daysOfYear: daysOfYear };
    };
    return;
  }
  W = window.almanacWords;
  if (!W) return;

  var TZ = document.documentElement.getAttribute('data-tz') || 'Asia/Shanghai';

  function now() {
    var fixed = new URLSearchParams(location.search).get('today') || window.ALMANAC_TODAY || '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed + 'T12:00';
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(fixed)) return fixed;
    var parts, opts = { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    try {
      parts = new Intl.DateTimeFormat('en-CA', Object.assign({ timeZone: TZ }, opts)).formatToParts(new Date());
    } catch (e) {
      parts = new Intl.DateTimeFormat('en-CA', Object.assign({ timeZone: 'Asia/Shanghai' }, opts)).formatToParts(new Date());
    }
    function part(t) { return parts.filter(function (p) { return p.type === t; })[0].value; }
    return part('year') + '-' + part('month') + '-' + part('day') + 'T' + part('hour') + ':' + part('minute');
  }
  var AT = now(), TODAY = AT.slice(0, 10);

  function nextStart(it, at) {
    var o = it.occ.filter(function (o) { return from(o) > at; })[0];
    return o ? from(o) : '9999';
  }
  function days(iso) {
    return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function todayWords() {
    var zone = TZ === 'Asia/Shanghai' ? says('beijing_time') : TZ;
    return says('today', { date: dayWords(TODAY, true), zone: zone });
  }
  function countWords(list) {
    var counts = { upcoming: 0, running: 0, maybe: 0, past: 0 };
    list.forEach(function (it) { var st = stateAt(it, AT); if (st) counts[st]++; });
    return Object.keys(W.state).map(function (k) { return says('state_count', { state: W.state[k], n: counts[k] }); })
      .join(says('state_sep'));
  }
  function todayNote(list) {
    return says('today_note', { today: todayWords(), counts: countWords(list), maybe: W.state.maybe });
  }
  function stateMark(it) {
    var st = stateAt(it, AT);
    return st ? el('span', 'st st--' + st, W.state[st]) : null;
  }

  document.querySelectorAll('[data-start]').forEach(function (e) {
    var mark = stateMark(when(e.dataset));
    if (mark) (e.querySelector('.tl-name, .act-meta, .reading') || e).appendChild(mark);
  });

  var embed = document.querySelector('.embed');
  if (embed) {
    var q = new URLSearchParams(location.search);
    var theme = q.get('theme');
    if (theme === 'light' || theme === 'dark') document.documentElement.setAttribute('data-theme', theme);
    var month = q.get('view') === 'month', tag = q.get('tag'), sched = q.get('schedule');
    var n = Math.min(Math.max(parseInt(q.get('n'), 10) || 5, 1), 50);
    var first = TODAY.slice(0, 8) + '01', last = TODAY.slice(0, 8) + pad(monthEnd(+TODAY.slice(0, 4), +TODAY.slice(5, 7)));
    var kept = [];
    embed.querySelectorAll('.embed-item').forEach(function (li) {
      var it = when(li.dataset), st = stateAt(it, AT), d = li.dataset;
      var ok = (!tag || JSON.parse(d.tags).indexOf(tag) >= 0) && (!sched || d.schedule === sched) &&
        (month ? it.start <= last && it.end >= first : st === 'running' || st === 'maybe' || st === 'upcoming');
      li.hidden = true;
      if (ok) kept.push({ li: li, on: st === 'running' || st === 'maybe' ? 0 : 1, next: nextStart(it, AT) });
    });
    kept.sort(function (a, b) { return a.on - b.on || (a.next < b.next ? -1 : a.next > b.next ? 1 : 0); });
    kept.slice(0, n).forEach(function (k) { k.li.hidden = false; k.li.parentNode.appendChild(k.li); });
    var what = embed.querySelector('.embed-what');
    var heading = month ? embed.dataset.headingMonth : embed.dataset.headingUpcoming;
    what.textContent = tag ? says('tag_heading', { heading: heading, tag: tag }) : heading;
    var empty = embed.querySelector('.embed-empty');
    empty.textContent = embed.dataset.empty;
    empty.hidden = kept.length > 0;
    var tell = function () {
      if (window.parent !== window) window.parent.postMessage({ almanacEmbedHeight: document.documentElement.scrollHeight }, '*');
    };
    tell();
    window.addEventListener('resize', tell);
  }

  var tl = document.querySelector('table.tl');
  if (tl && tl.dataset.first <= TODAY && TODAY <= tl.dataset.last) {
    var pct = ((days(TODAY) - days(tl.dataset.first) + 0.5) / (days(tl.dataset.last) - days(tl.dataset.first) + 1) * 100).toFixed(2) + '%';
    var flag = el('span', 'today-flag', says('today_mark'));
    flag.setAttribute('aria-hidden', 'true');
    flag.style.left = pct;
    tl.querySelector('.tl-months').appendChild(flag);
    tl.querySelectorAll('.tl-lane').forEach(function (lane) {
      var line = el('span', 'today-line');
      line.style.left = pct;
      lane.appendChild(line);
    });
    var box = tl.parentNode;
    var nameW = tl.querySelector('.tl-name').offsetWidth;
    box.scrollLeft = (tl.offsetWidth - nameW) * parseFloat(pct) / 100 - (box.clientWidth - nameW) / 3;
  }

  var cell = document.querySelector('.mcal-day[data-date="' + TODAY + '"]');
  if (cell) {
    cell.classList.add('is-today');
    if (!cell.closest('.wcal')) cell.appendChild(el('span', 'mcal-today', says('today_mark')));
    var groups = Array.prototype.slice.call(document.querySelectorAll('.day-group[data-date]'));
    var mine = groups.filter(function (g) { return g.dataset.date === TODAY; })[0];
    var mark = el('p', 'today-mark', todayWords());
    if (mine) {
      mine.classList.add('is-today');
      if (mine.tagName === 'DETAILS') { mine.open = true; mine.querySelector('summary').insertAdjacentElement('afterend', mark); }
      else mine.insertBefore(mark, mine.firstChild);
    } else {
      var later = groups.filter(function (g) { return g.dataset.date > TODAY; })[0];
      mark.textContent = says('today_none', { today: todayWords() });
      if (later) later.parentNode.insertBefore(mark, later);
      else document.querySelector('.month-list h2').insertAdjacentElement('afterend', mark);
    }
  }

  function isoDay(n) { return new Date(n * 864e5).toISOString().slice(0, 10); }
  function mondayOf(iso) { var n = days(iso); return isoDay(n - (new Date(n * 864e5).getUTCDay() + 6) % 7); }
  function weekKey(iso) {
    var thu = days(mondayOf(iso)) + 3, year = isoDay(thu).slice(0, 4);
    var w = Math.floor((thu - days(year + '-01-01')) / 7) + 1;
    return year + '-W' + (w < 10 ? '0' : '') + w;
  }
  var THIS_MONDAY = mondayOf(TODAY), THIS_WEEK = weekKey(TODAY);
  var fixedToday = new URLSearchParams(location.search).get('today');
  function keepToday(href) { return fixedToday ? href + '?today=' + encodeURIComponent(fixedToday) : href; }
  document.querySelectorAll('a.nav-week, a.week-jump').forEach(function (a) {
    a.setAttribute('href', keepToday(a.getAttribute('href')));
  });
  var weekLinks = document.querySelector('.week-links');
  if (weekLinks) {
    var weekLi = document.querySelector('.week-links li[data-week="' + THIS_WEEK + '"]');
    if (weekLi) {
      weekLi.classList.add('is-current');
      location.replace(keepToday(weekLi.querySelector('a').getAttribute('href')));
    } else {
      var note = document.querySelector('.week-today');
      note.textContent = says('no_week', { today: todayWords(), span: weekSpan(THIS_MONDAY) });
      var later = Array.prototype.filter.call(document.querySelectorAll('.week-links li[data-week]'), function (li) {
        return li.dataset.week > THIS_WEEK;
      })[0];
      if (later) {
        var go = el('a', 'week-jump', later.querySelector('a').textContent);
        go.href = keepToday(later.querySelector('a').getAttribute('href'));
        note.append(' ', says('next_week'), go);
      }
      note.hidden = false;
    }
  }
  var here = document.querySelector('.week-here');
  if (here) {
    var nav = document.querySelector('a.nav-week');
    if (here.dataset.first <= TODAY && TODAY <= here.dataset.last) {
      here.textContent = says('this_week', { today: todayWords() });
      if (nav) { nav.classList.add('is-this-week'); nav.setAttribute('aria-current', 'page'); }
    } else if (nav) {
      here.textContent = '';
      here.appendChild(el('span', null, says('other_week', { today: todayWords() }) + ' '));
      var back = el('a', 'week-jump', says('back_to_week'));
      back.href = nav.getAttribute('href');
      here.appendChild(back);
    }
    here.hidden = !here.textContent;
    document.querySelectorAll('.wcal-dayhead[data-date="' + TODAY + '"], .wcal-col[data-date="' + TODAY + '"]').forEach(function (e) {
      e.classList.add('is-today');
    });
  }

  function readIndex(script) {
    var ix = JSON.parse(script.textContent);
    var orig = ix.original, lang = function (list, i) { return orig && list.indexOf(i) >= 0 ? orig.lang : null; };
    return ix.items.map(function (r, i) {
      var tags = r[4].map(function (i) { return ix.tags[i]; });
      return ruled({
        titleLang: orig && lang(orig.title, i), publishedLang: orig && lang(orig.published, i),
        status: r[11] || 'scheduled', changed: !!r[11],
        href: ix.base + r[0] + '.html', number: r[1], title: r[2], published: r[3], tags: tags, mode: ix.modes[r[5]],
        start: r[6], end: r[7], p: r[8], occ: r[9] || [[r[6], r[7], null, null]],
        words: r[10], text: norm([r[2], r[3]].concat(tags).join(' ')), els: []
      });
    });
  }
  var indexEl = document.getElementById('almanac-index');
  var index = indexEl ? readIndex(indexEl) : null;
  function itemOf(it) {
    var li = el('li', 'act'), a = titleOf(it), meta = el('span', 'act-meta');
    var mark = el('span', 'swatch swatch--p bar--' + it.p);
    mark.setAttribute('aria-hidden', 'true');
    meta.append(mark, el('span', 'vh', W.precision[it.p].name), el('span', 'mode', it.mode));
    if (it.changed) meta.append(el('span', 'status status--' + it.status, W.status[it.status].badge));
    datesOf(it, meta);
    mark = stateMark(it);
    if (mark) meta.append(mark);
    li.append(a, meta);
    return li;
  }

  function datesOf(it, meta) {
    var pub = el('span', 'act-published', it.published);
    if (it.publishedLang) pub.lang = it.publishedLang;
    if (it.words) pub.title = it.words;
    meta.append(' ', pub);
    if (it.words) meta.append(' ', el('span', 'act-dates', it.words));
  }

  function titleOf(it) {
    var a = el('a', 'act-title');
    a.href = it.href;
    if (it.number != null) { a.appendChild(el('span', 'act-num', it.number)); a.appendChild(document.createTextNode(' ')); }
    var title = it.titleLang ? el('span', '', it.title) : document.createTextNode(it.title);
    if (it.titleLang) title.lang = it.titleLang;
    a.appendChild(title);
    return a;
  }

  function compactItem(it) {
    var li = el('li', 'act'), a = titleOf(it), meta = el('span', 'act-meta');
    datesOf(it, meta);
    var mark = stateMark(it);
    if (mark) meta.appendChild(mark);
    li.append(a, meta);
    return li;
  }
  function weekSpan(monday) {
    return says('week_span', { days: daysOfYear(monday, isoDay(days(monday) + 6)) });
  }

  function featuredAt(spans, today) {
    var all = spans.map(function (s, i) { return { s: s, i: i }; }).filter(function (x) { return x.s; });
    var on = all.filter(function (x) { return x.s[0] <= today && today <= x.s[1]; });
    if (on.length) return on.map(function (x) { return x.i; });
    var ahead = all.filter(function (x) { return x.s[0] > today; });
    var pick = ahead.length ?
      ahead.reduce(function (a, b) { return b.s[0] < a.s[0] ? b : a; }) :
      all.reduce(function (a, b) { return !a || b.s[1] > a.s[1] ? b : a; }, null);
    return [pick ? pick.i : 0];
  }
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.current'));
  var shown = featuredAt(sections.map(function (sec) {
    return sec.dataset.first ? [sec.dataset.first, sec.dataset.last] : null;
  }), TODAY);
  sections.forEach(function (sec, i) {
    sec.hidden = shown.indexOf(i) < 0;
    var ix = sec.querySelector('.current-index');
    if (!sec.hidden && ix) showNow(sec, readIndex(ix));
  });

  function showNow(sec, list) {
    var nowBox = sec.querySelector('.now');
    var more = sec.querySelector('h2 a').getAttribute('href') + '?month=' + TODAY.slice(0, 7);
    var fill = function (ul, items, none) {
      var first = items.slice(0, 8);
      first.forEach(function (it) { ul.appendChild(itemOf(it)); });
      if (items.length > first.length) {
        var li = el('li', 'act act--more');
        var a = el('a', 'act-title', says('more_home', { n: items.length - first.length }));
        a.href = more;
        li.appendChild(a);
        ul.appendChild(li);
      }
      if (!items.length && none) ul.appendChild(el('li', 'act act--none', none));
    };
    var on = list.filter(function (it) { return onNow(it, stateAt(it, AT)); });
    on.sort(function (a, b) { return a.start < b.start ? -1 : a.start > b.start ? 1 : 0; });
    var maybe = on.filter(function (it) { return !it.exact; });
    on = on.filter(function (it) { return it.exact; });
    var next = list.filter(function (it) { return stateAt(it, AT) === 'upcoming'; });
    next.sort(function (a, b) { var x = nextStart(a, AT), y = nextStart(b, AT); return x < y ? -1 : x > y ? 1 : 0; });
    fill(nowBox.querySelector('.now-running'), on, says('none_running'));
    var maybeBox = nowBox.querySelector('.now-maybe');
    if (maybeBox) {
      fill(maybeBox, maybe, '');
      maybeBox.parentNode.hidden = !maybe.length;
    }
    fill(nowBox.querySelector('.now-next'), next, says('none_next'));
    nowBox.querySelector('.today-note').textContent = todayNote(list);
    nowBox.hidden = false;
  }

  var form = document.querySelector('form.filter');
  if (!form) return;
  var FIELDS = ['q', 'tag', 'month', 'mode'];
  if (form.elements.status) FIELDS.push('status');
  var status = form.querySelector('.filter-status');
  var clear = form.querySelector('.filter-clear'), reset = form.querySelector('.filter-reset');
  var table = document.querySelector('table.data');

  function norm(s) {
    return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  }

  var items = index || Array.prototype.map.call(table.tBodies[0].rows, function (tr) {
    var d = tr.dataset;
    var tags = d.tags ? JSON.parse(d.tags) : [];
    var it = when(d);
    it.href = tr.querySelector('a').getAttribute('href');
    it.title = tr.querySelector('th a').textContent;
    it.titleLang = tr.querySelector('th a').getAttribute('lang');
    it.publishedLang = tr.querySelectorAll('.q')[1].getAttribute('lang');
    var num = tr.querySelector('td.num');
    it.number = num && num.textContent ? num.textContent : null;
    it.published = tr.querySelectorAll('.q')[1].textContent;
    it.tags = tags;
    it.mode = d.mode;
    it.text = norm(Array.prototype.map.call(tr.querySelectorAll('.q'), function (c) { return c.textContent; }).concat(tags).join(' '));
    it.els = [];
    return it;
  });
  var byHref = {};
  items.forEach(function (it) { byHref[it.href] = it; });
  document.querySelectorAll('.tl tbody th a, .agenda .act-title, table.data th a').forEach(function (a) {
    var it = byHref[a.getAttribute('href')];
    if (!it) return;
    var row = a.closest('tr, li');
    it.els.push(row);
    var mark = row.hasAttribute('data-start') ? null : stateMark(it);
    if (mark) (row.querySelector('.tl-name, .act-meta') || row).appendChild(mark);
  });
  var thisWeek = document.querySelector('.this-week');
  if (thisWeek) {
    var sunday = isoDay(days(THIS_MONDAY) + 6);
    var wk = items.filter(function (it) {
      return it.active && it.occ.some(function (o) { return o[0] <= sunday && o[1] >= THIS_MONDAY; });
    });
    var sure = wk.filter(function (it) { return it.exact; });
    var rank = { running: 0, upcoming: 1, past: 2 };
    sure.sort(function (a, b) {
      return (rank[stateAt(a, AT)] - rank[stateAt(b, AT)]) || (nextStart(a, AT) < nextStart(b, AT) ? -1 : 1);
    });
    var ul = thisWeek.querySelector('.this-week-list');
    sure.slice(0, 6).forEach(function (it) { ul.appendChild(compactItem(it)); });
    if (!sure.length) ul.appendChild(el('li', 'act act--none', says('week_none')));
    var maybe = wk.length - sure.length;
    thisWeek.querySelector('.today-note').textContent = says('week_count', { today: todayWords(), span: weekSpan(THIS_MONDAY), n: sure.length }) +
      (maybe ? says('week_maybe', { n: maybe }) : '') + says('week_end');
    thisWeek.hidden = false;
  }

  document.querySelectorAll('.cont a').forEach(function (a) {
    var entry = document.getElementById(a.getAttribute('href').slice(1));
    var it = entry && byHref[entry.querySelector('.act-title').getAttribute('href')];
    if (it) it.els.push(a);
  });

  function values() {
    var v = {};
    FIELDS.forEach(function (f) { v[f] = form.elements[f].value.trim(); });
    v.terms = termsOf(v.q);
    return v;
  }

  function has(text, t) {
    var dateLike = /\d/.test(t) && /[年月日号旬:]/.test(t);
    for (var i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) {
      if (!dateLike) return true;
      var before = /\d/.test(t.charAt(0)) && /\d/.test(text.charAt(i - 1));
      var after = /\d/.test(t.charAt(t.length - 1)) && /\d/.test(text.charAt(i + t.length));
      if (!before && !after) return true;
    }
    return false;
  }
  var CONTEXT = { today: TODAY, year: +form.dataset.year || +TODAY.slice(0, 4), firstMonth: +form.dataset.firstMonth || 1 };
  function termsOf(q) {
    return readTerms(norm(q), CONTEXT);
  }
  function meets(it, d) {
    if (!it.occ.some(function (o) { return o[0] <= d.end && o[1] >= d.start; })) return false;
    if (!it.exact && !(d.start <= it.start && it.end <= d.end)) it.maybeIn = true;
    return true;
  }
  function matches(it, v) {
    it.maybeIn = false;
    return v.terms.every(function (t) { return t.date ? meets(it, t.date) : has(it.text, t.text); }) &&
      (!v.tag || it.tags.indexOf(v.tag) >= 0) &&
      (!v.mode || it.mode === v.mode) &&
      statusMatches(it, v.status) &&
      (!v.month || it.occ.some(function (o) { return o[0] <= v.month + '-31' && o[1] >= v.month + '-01'; }));
  }

  var results = document.querySelector('.results');
  var alwaysList = results && !results.classList.contains('results--dates');
  var shownResults = 0, matched = [], searchedToday = false;
  var group = null, groupKey = null;
  var GROUP = { running: 'group_now', maybe: 'group_maybe', upcoming: 'group_next', past: 'group_past' };
  function nearness(a, b) {
    var rank = { running: 0, maybe: 0, upcoming: 1, past: 2 };
    var sa = stateAt(a, AT), sb = stateAt(b, AT);
    var ra = sa ? rank[sa] : 3, rb = sb ? rank[sb] : 3;
    if (ra !== rb) return ra - rb;
    if (ra === 1) return nextStart(a, AT) < nextStart(b, AT) ? -1 : nextStart(a, AT) > nextStart(b, AT) ? 1 : 0;
    if (ra === 2) return a.end > b.end ? -1 : a.end < b.end ? 1 : 0;
    return (b.exact - a.exact) || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0);
  }
  function showResults(n) {
    var box = results.querySelector('.results-list');
    var level = Math.min(6, +results.querySelector('h2, h3, h4, h5').tagName.slice(1) + 1);
    matched.slice(shownResults, n).forEach(function (it) {
      var key = GROUP[stateAt(it, AT)] || null;
      if (!group || (key && key !== groupKey)) {
        if (key) box.appendChild(el('h' + level, 'results-group', says(key)));
        group = box.appendChild(el('ul', 'act-list'));
        groupKey = key;
      }
      var li = itemOf(it);
      var said = stateAt(it, AT) === 'maybe' && searchedToday;
      if (it.maybeIn && !said) li.querySelector('.act-meta').appendChild(el('span', 'maybe-in', says('maybe_in')));
      group.appendChild(li);
    });
    shownResults = Math.min(n, matched.length);
    var rest = matched.length - shownResults;
    var btn = results.querySelector('.results-more');
    btn.hidden = rest <= 0;
    btn.textContent = says('show_more', { n: Math.min(rest, 100), rest: rest });
  }

  function statusMatches(it, want) {
    if (want === 'changed') return it.changed;
    if (want === 'active') return it.active;
    return true;
  }

  function apply() {
    var v = values();
    var any = FIELDS.some(function (f) { return v[f]; });
    matched = [];
    items.forEach(function (it) {
      var ok = matches(it, v);
      if (ok) matched.push(it);
      it.els.forEach(function (e) { e.hidden = !ok; });
    });
    var dated = v.terms.filter(function (t) { return t.date; });
    searchedToday = dated.length > 0 && dated.every(function (t) { return t.date.start <= TODAY && TODAY <= t.date.end; });
    if (results) {
      var list = alwaysList || dated.length > 0;
      matched.sort(nearness);
      results.querySelector('.results-list').textContent = '';
      group = groupKey = null;
      shownResults = 0;
      results.hidden = !list || !any || !matched.length;
      var said = results.querySelector('.results-dates');
      said.textContent = dated.map(function (t) {
        return says('found_dates', { span: spanWords(t.date.start, t.date.end) });
      }).join(says('found_sep'));
      said.hidden = !dated.length;
      if (list && any) showResults(100);
    }
    document.querySelectorAll('.agenda-month').forEach(function (sec) {
      var left = sec.querySelectorAll('li.act:not([hidden])').length;
      sec.querySelectorAll('.cont-group').forEach(function (g) { g.hidden = !g.querySelector('a:not([hidden])'); });
      var cont = sec.querySelector('.cont');
      if (cont) cont.hidden = !!v.month || !cont.querySelector('.cont-group:not([hidden])');
      var contLeft = cont && !cont.hidden ? cont.querySelectorAll('a:not([hidden])').length : 0;
      var count = sec.querySelector('.count');
      if (count) {
        count.dataset.all = count.dataset.all || count.textContent;
        count.textContent = !any ? count.dataset.all : says('filtered_count', { n: left + contLeft });
      }
      sec.hidden = !left && !contLeft;
    });
    var none = any && !matched.length;
    document.querySelectorAll('.timeline-section, .agenda, .table-section').forEach(function (sec) { sec.hidden = none; });
    clear.hidden = !none;
    reset.hidden = none;
    status.classList.toggle('filter-status--none', none);
    var total = items.length;
    status.textContent = !any ? says('total', { n: total }) + (results ? says('total_hint') : '') :
      matched.length ? says('total_matched', { n: total, m: matched.length }) : says('no_match');
  }

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
    }
  }

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
    var refocus = document.activeElement === clear;
    setTimeout(function () {
      apply(); toURL(true); typing = false;
      if (refocus) form.elements.q.focus();
    }, 0);
  });
  window.addEventListener('popstate', function () { fromURL(); apply(); typing = false; });
  if (results) {
    results.querySelector('.results-more').addEventListener('click', function () { showResults(shownResults + 100); });
  }

  var pick = document.querySelector('details.pick');
  if (pick) {
    pick.addEventListener('toggle', function () {
      if (!pick.open || pick.dataset.loading) return;
      pick.dataset.loading = 'true';
      var script = el('script');
      script.src = pick.dataset.code;
      document.head.appendChild(script);
    });
    pick.hidden = false;
  }

  var note = el('p', 'today-note', todayNote(items));
  form.parentNode.insertBefore(note, form.nextSibling);
  fromURL();
  apply();
  form.hidden = false;
})();
