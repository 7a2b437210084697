// Runs chrono-node's date extraction over every article of a corpus made by
// bench/gen_corpus.py and reports its throughput, to compare with concord.
//   npm install --prefix bench chrono-node   (never committed)
//   node bench/chrono_bench.js CORPUS_DIR
// Articles are read first (the timing covers chrono.parse only); each file
// is one article, except .jsonl files, where each line's "text" is one.
'use strict';
const fs = require('fs');
const path = require('path');
const chrono = require(path.join(__dirname, 'node_modules', 'chrono-node'));

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, {withFileTypes: true}).sort((a, b) => a.name < b.name ? -1 : 1)) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

const dir = process.argv[2];
const texts = [];
let bytes = 0;
for (const f of walk(dir, [])) {
  const data = fs.readFileSync(f, 'utf8');
  bytes += Buffer.byteLength(data);
  if (f.endsWith('.jsonl')) {
    for (const line of data.split('\n')) if (line) texts.push(JSON.parse(line).text);
  } else {
    texts.push(data);
  }
}
const ref = new Date(Date.UTC(2025, 5, 1));
const start = process.hrtime.bigint();
let found = 0;
for (const t of texts) found += chrono.parse(t, ref).length;
const secs = Number(process.hrtime.bigint() - start) / 1e9;
const cpu = process.cpuUsage();
const cpuSecs = (cpu.user + cpu.system) / 1e6;
console.log(`${texts.length} articles, ${(bytes / 1e6).toFixed(1)} MB, ${found} dates in ` +
            `${secs.toFixed(2)} s: ${(bytes / 1e6 / secs).toFixed(2)} MB/s wall, ` +
            `${(texts.length / secs).toFixed(0)} articles/s (process cpu ${cpuSecs.toFixed(2)} s)`);
