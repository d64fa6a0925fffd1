(function () {
  'use strict';

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
    module.exports = calendar;
    return;
  }

  var pick = document.querySelector('details.pick');
  if (!pick) return;
  var list = pick.querySelector('.pick-list'), go = pick.querySelector('.pick-download');
  var status = pick.querySelector('.pick-status'), data = null;
  var rows = Array.prototype.slice.call(document.querySelectorAll('table.data tbody tr'));

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
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
  });
  var script = document.createElement('script');
  script.src = pick.dataset.src;
  script.onload = function () { data = window.almanacPick || null; show(); };
  script.onerror = function () { status.textContent = pick.dataset.failed; };
  document.head.appendChild(script);
  show();
})();
