// almanac.js's rule "is it on?" on a table of cases that Rust made with its own rule (src/export/script.rs, test
// the_browser_applies_the_same_rule), through the script's own functions and with the page's words: exits
// non-zero listing every case where the two disagree.
//   node tests/browser/rule.mjs CASES.json
import { readFileSync } from 'node:fs';

const source = readFileSync(new URL('../../themes/default/static/almanac.js', import.meta.url), 'utf8');
const module = { exports: null };
new Function('module', source)(module);
if (typeof module.exports !== 'function') {
  console.error('almanac.js gave node no rule (module.exports)');
  process.exit(2);
}
const table = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const rule = module.exports(table.words);
const wrong = [];
for (const c of table.cases) {
  const it = rule.when(c.data);
  const state = rule.stateAt(it, c.at);
  const now = state !== null && rule.onNow(it, state);
  if (state !== c.state || now !== c.now) {
    wrong.push(`${c.text} (${c.data.p}, ${c.data.status}) at ${c.at}: Rust ${c.state}/${c.now}, almanac.js ${state}/${now}`);
  }
}
if (wrong.length) {
  console.error(wrong.join('\n'));
  process.exit(1);
}
console.log(`${table.cases.length} cases agree`);
