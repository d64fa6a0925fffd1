// pick.js's calendar (the reader's own .ics on a schedule's page) on a table of cases Rust made with
// its calendar writer (src/export/ics/pick/tests.rs): the data script as the build writes it, and for each
// choice of activities the calendar expected. Exits non-zero listing every case where the two differ.
//   node tests/browser/pick.mjs CASES.json
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../themes/default/static/pick.js', import.meta.url), 'utf8');
const module = { exports: null };
new Function('module', source)(module);
const table = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const window = {};
new Function('window', table.data)(window);
const pick = module.exports;
if (typeof pick !== 'function') {
  console.error('pick.js gave node no calendar (module.exports)');
  process.exit(2);
}
const wrong = [];
for (const c of table.cases) {
  const chosen = {};
  c.picked.forEach((h) => { chosen[h] = true; });
  const got = pick(window.almanacPick, chosen);
  if (got !== c.expected) {
    let at = 0;
    while (at < got.length && got[at] === c.expected[at]) at++;
    wrong.push(`${c.picked.join(' ')}: differs at ${at}:\n  pick.js:    ${JSON.stringify(got.slice(at, at + 80))}\n  Rust:       ${JSON.stringify(c.expected.slice(at, at + 80))}`);
  }
}
if (wrong.length) {
  console.error(wrong.join('\n'));
  process.exit(1);
}
console.log(`${table.cases.length} cases agree`);
