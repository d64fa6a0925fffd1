// Reads the microformats of HTML files with microformats-parser (npm; it shares no code with almanac) and prints
// one JSON object per file: { path: mf2 document }, with URLs resolved against each file's own file:// address.
//   node tests/microformats/read.mjs FILE...
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { mf2 } from 'microformats-parser';

const out = {};
for (const path of process.argv.slice(2)) {
  out[path] = mf2(readFileSync(path, 'utf8'), { baseUrl: pathToFileURL(path).href });
}
process.stdout.write(JSON.stringify(out));
