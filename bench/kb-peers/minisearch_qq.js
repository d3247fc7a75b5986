// MiniSearch (BM25+) as a question-question FAQ matcher over the project's analyzer terms.
// Usage: node minisearch_qq.js DIR   (NODE_PATH must reach minisearch; DIR from `servicebot eval kb --dump-tokens DIR`)
// Prints one JSON line in the shape of fts5_qq.py. Terms are taken as they are (split on the single
// spaces of the dump, no lower-casing or stemming); a query is the OR of its terms, no prefix or fuzzy match.
const fs = require('fs');
const MiniSearch = require('minisearch');

const folder = process.argv[2];
const read = name => fs.readFileSync(`${folder}/${name}`, 'utf8').split('\n').filter(l => l.length > 0).map(l => {
  const tab = l.indexOf('\t');
  return { key: l.slice(0, tab), terms: l.slice(tab + 1) };
});
const rows = read('kb.tsv');
const queries = read('queries.tsv');
const split = s => s.split(' ').filter(Boolean);

let t0 = process.hrtime.bigint();
const index = new MiniSearch({
  fields: ['terms'], idField: 'id', tokenize: split, processTerm: t => t,
  searchOptions: { tokenize: split, processTerm: t => t, combineWith: 'OR', prefix: false, fuzzy: false },
});
index.addAll(rows.map((r, i) => ({ id: i, terms: r.terms })));
const buildS = Number(process.hrtime.bigint() - t0) / 1e9;

const search = q => {
  if (q.length === 0) return [];
  const entries = [];
  const seen = new Set();
  for (const hit of index.search(q)) {
    const entry = rows[hit.id].key;
    if (!seen.has(entry)) {
      seen.add(entry);
      entries.push(entry);
      if (entries.length === 10) break;
    }
  }
  return entries;
};

for (const q of queries.slice(0, 50)) search(q.terms);
const latencies = [];
let answerable = 0, rr = 0;
const hits = { 1: 0, 3: 0, 5: 0, 10: 0 };
for (const q of queries) {
  t0 = process.hrtime.bigint();
  const ranked = search(q.terms);
  latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  if (!q.key) continue;
  answerable++;
  const rank = ranked.indexOf(q.key);
  for (const k of Object.keys(hits)) hits[k] += rank >= 0 && rank < +k ? 1 : 0;
  rr += rank >= 0 ? 1 / (rank + 1) : 0;
}
const sorted = [...latencies].sort((a, b) => a - b);
const pct = p => sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1))];
const total = latencies.reduce((a, b) => a + b, 0) / 1000;
const round = (v, d) => Math.round(v * 10 ** d) / 10 ** d;
const version = (() => {
  for (let dir = require('path').dirname(require.resolve('minisearch')); dir !== '/'; dir = require('path').dirname(dir)) {
    const file = `${dir}/package.json`;
    if (fs.existsSync(file) && JSON.parse(fs.readFileSync(file, 'utf8')).name === 'minisearch') return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  }
  return '?';
})();
console.log(JSON.stringify({
  system: `minisearch ${version}`, queries: queries.length, answerable,
  recall_at_1: round(hits[1] / answerable, 6), recall_at_3: round(hits[3] / answerable, 6),
  recall_at_5: round(hits[5] / answerable, 6), recall_at_10: round(hits[10] / answerable, 6),
  mrr_at_10: round(rr / answerable, 6), qps: round(queries.length / total, 1),
  latency_p50_ms: round(pct(50), 4), latency_p99_ms: round(pct(99), 4), build_s: round(buildS, 3),
}));
