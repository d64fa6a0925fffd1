// almanac.js's reader of dates typed into the search box, on a table of terms that Rust read with its own date
// reader (src/export/script/query_dates.rs, test the_browser_reads_search_dates_as_rust_does), through the script's own
// function and with the page's vocabulary: exits non-zero listing every term the two read differently.
//   node tests/browser/dates.mjs CASES.json
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../themes/default/static/almanac.js', import.meta.url), 'utf8');
const module = { exports: null };
new Function('module', source)(module);
if (typeof module.exports !== 'function') {
  console.error('almanac.js gave node no reader (module.exports)');
  process.exit(2);
}
const table = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const script = module.exports(table.words);
const context = { today: table.today, year: table.year, firstMonth: table.first_month };
const wrong = [];
for (const c of table.cases) {
  const got = script.readDate(c.text, context) || { start: null, end: null, p: null };
  if (got.start !== c.start || got.end !== c.end || got.p !== c.p) {
    wrong.push(`${c.text}: Rust ${c.start}–${c.end} (${c.p}), almanac.js ${got.start}–${got.end} (${got.p})`);
  }
}
// A search's terms: [text, the first day of its date or null], as the table says.
for (const c of table.terms || []) {
  const got = script.readTerms(c.q, context).map((t) => [t.text, t.date ? t.date.start : null]);
  if (JSON.stringify(got) !== JSON.stringify(c.terms)) wrong.push(`terms of ${c.q}: want ${JSON.stringify(c.terms)}, got ${JSON.stringify(got)}`);
}
if (wrong.length) {
  console.error(wrong.join('\n'));
  process.exit(1);
}
console.log(`${table.cases.length} terms read alike`);
