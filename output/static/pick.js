// pick.js: "自选活动" on a schedule's page. The reader ticks activities (or takes the rows the filter shows) and
// downloads one .ics of them, made here from the pieces the build wrote (SCHEDULE/calendar-pick.js, which says
// in src/export/ics/pick.rs why this is the build's calendar of them byte for byte). almanac.js loads this file
// when the control is first opened; it loads the data the same way, as a script, so both work from file://.
// Nothing is sent anywhere. Every word is in the control's template (data- attributes).
(function () {
  'use strict';

  // The calendar of the activities in `chosen` ({ link: true }), from data `C`: events in the schedule's order,
  // METHOD only when every one names its organiser, the zone for the years of their timed events, and the
  // subscription lines only when every activity is picked.
  function calendar(C, chosen) {
    var evs = C.events.filter(function (e) { return chosen[e[0]]; });
    if (!evs.length) return null;
    var a = null, b = null;
    evs.forEach(function (e) {
      if (e[3] === null) return;
      if (a === null || e[3] < a) a = e[3];
      if (b === null || e[4] > b) b = e[4];
    });
    var out = C.open + (evs.every(function (e) { return e[2]; }) ? C.method : '') + C.about +
      (evs.length === C.events.length ? C.subscription : '');
    if (a !== null && C.zone) {
      out += C.zone.open + C.zone.first[a];
      C.zone.changes.forEach(function (c) { if (a <= c[1] && b >= c[2]) out += c[0]; });
      out += C.zone.close;
    }
    return out + evs.map(function (e) { return e[1]; }).join('') + C.close;
  }

  if (typeof document === 'undefined') {
    // Loaded by node (tests/browser/pick.mjs), which holds it to Rust's calendar writer.
    module.exports = calendar;
    return;
  }

  var pick = document.querySelector('details.pick');
  if (!pick) return;
  var list = pick.querySelector('.pick-list'), go = pick.querySelector('.pick-download');
  var status = pick.querySelector('.pick-status'), data = null;
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.data tbody tr'));

  // A box per row of the published table, named as the row names its activity.
  var boxes = rows.map(function (tr) {
    var label = document.createElement('label'), box = document.createElement('input');
    label.className = 'pick-item';
    box.type = 'checkbox';
    box.value = tr.querySelector('th a').getAttribute('href');
    var num = tr.querySelector('td.num'), when = tr.querySelectorAll('.q')[1];
    label.appendChild(box);
    label.appendChild(document.createTextNode(' ' + (num && num.textContent ? num.textContent + ' ' : '') +
      tr.querySelector('th a').textContent + (when ? pick.dataset.dates.replace('{dates}', when.textContent) : '')));
    list.appendChild(label);
    return box;
  });
  function chosen() {
    var set = {}, n = 0;
    boxes.forEach(function (b) { if (b.checked) { set[b.value] = true; n++; } });
    return { set: set, n: n };
  }
  function show() {
    var n = chosen().n;
    go.textContent = pick.dataset.download.replace('{n}', n);
    go.disabled = !n || !data;
    if (data) status.textContent = n ? '' : pick.dataset.none;
  }
  list.addEventListener('change', show);
  // The filter's choice is what the table shows.
  pick.querySelector('.pick-shown').addEventListener('click', function () {
    boxes.forEach(function (b, i) { b.checked = !rows[i].hidden; });
    show();
  });
  pick.querySelector('.pick-clear').addEventListener('click', function () {
    boxes.forEach(function (b) { b.checked = false; });
    show();
  });
  go.addEventListener('click', function () {
    var text = data && calendar(data, chosen().set);
    if (!text) return;
    var a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
    a.download = pick.dataset.file;
    document.body.appendChild(a);
    a.click();
    a.remove();
    // Revoked later, not at once: some browsers read the file after click() returns.
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
  });
  var script = document.createElement('script');
  script.src = pick.dataset.src;
  script.onload = function () { data = window.almanacPick || null; show(); };
  script.onerror = function () { status.textContent = pick.dataset.failed; };
  document.head.appendChild(script);
  show();
})();
