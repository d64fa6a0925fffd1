// almanac.js's days in words (dayWords, spanWords, daysOfYear) on a table of days that Rust said with its own
// words (almanac-dates, Lang::day, days, days_of_year; src/export/script.rs, test
// the_browser_says_days_as_rust_does), in each date style: exits non-zero listing every case where they differ.
//   node tests/browser/days.mjs CASES.json
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../themes/default/static/almanac.js', import.meta.url), 'utf8');
const module = { exports: null };
new Function('module', source)(module);
const table = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const wrong = [];
for (const style of table.styles) {
  const script = module.exports(style.words);
  for (const c of style.cases) {
    const got = {
      day: script.dayWords(c.a, true),
      day_of_year: script.dayWords(c.a, false),
      days: script.spanWords(c.a, c.b),
      days_of_year: script.daysOfYear(c.a, c.b),
    };
    for (const k of Object.keys(got)) {
      if (got[k] !== c[k]) wrong.push(`${style.name} ${k} ${c.a}..${c.b}: Rust ${JSON.stringify(c[k])}, almanac.js ${JSON.stringify(got[k])}`);
    }
  }
}
if (wrong.length) {
  console.error(wrong.join('\n'));
  process.exit(1);
}
console.log(`${table.styles.map((s) => s.cases.length).reduce((a, b) => a + b, 0)} cases agree`);
