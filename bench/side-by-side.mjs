// Side-by-side search benchmark, in one Node process: Parallax's search (Rust compiled to wasm,
// crates/search-wasm) against MiniSearch and FlexSearch from npm, on the same generated corpora
// (written by `parallax-bench` as target/bench/corpus-N.json) and the same queries.
//
//   node bench/side-by-side.mjs [--data DIR] [--wasm FILE.js] [--wasm-o3 FILE.js] [--sizes 200,2000]
//        [--budget SECONDS] [--same-terms-max N]
//
// `--wasm` is our search built with the workspace's release profile (opt-level "z", what the
// app ships); `--wasm-o3`, when the file exists, the same code built with opt-level 3. Both run
// in this process as separate engines.
//
// Two configurations are measured:
//   stock       each library with its own text analysis (ours stems English; MiniSearch and
//               FlexSearch lowercase and split, no stemming);
//   same terms  MiniSearch and FlexSearch index the stems our analyzer produces (computed once,
//               outside the timings), so their result sets can be compared with ours term for term.
// Prints a Markdown report and writes the raw numbers to DIR/side-by-side.json.

import { createRequire } from "node:module";
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { cpus } from "node:os";
import MiniSearch from "minisearch";
import { Index, Resolver, Charset } from "flexsearch";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

function parseArgs() {
  const args = {
    data: resolve(here, "../target/bench"),
    wasm: resolve(here, "../target/bench/wasm/parallax_search_wasm.js"),
    wasmO3: resolve(here, "../target/bench/wasm-o3/parallax_search_wasm.js"),
    sizes: null,
    budget: 6,
    sameTermsMax: 2000,
  };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === "--data") args.data = resolve(v());
    else if (a === "--wasm") args.wasm = resolve(v());
    else if (a === "--wasm-o3") args.wasmO3 = resolve(v());
    else if (a === "--same-terms-max") args.sameTermsMax = Number(v());
    else if (a === "--sizes") args.sizes = v().split(",").map(Number);
    else if (a === "--budget") args.budget = Number(v());
    else throw new Error(`unknown argument ${a}`);
  }
  return args;
}

const args = parseArgs();
const ours = require(args.wasm);
const oursO3 = existsSync(args.wasmO3) ? require(args.wasmO3) : null;
const pkg = (name) => JSON.parse(readFileSync(join(here, "node_modules", name, "package.json"), "utf8")).version;

// ---------------------------------------------------------------------------------------------
// Statistics.

/** Nearest-rank percentile of sorted samples. */
function pct(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
}
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => pct(sorted(xs), 50);

/** Milliseconds as a short human figure. */
function fmt(ms) {
  if (!Number.isFinite(ms)) return "–";
  if (ms < 1) return `${(ms * 1000).toFixed(1)} µs`;
  if (ms < 1000) return `${ms.toFixed(2)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}
const fmtBytes = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} kB`);
const ratio = (x, y) => (Number.isFinite(x) && Number.isFinite(y) && y > 0 ? (x / y).toFixed(2) : "–");

/** Times `f` three times, or once when a run takes more than 3 s; returns [median milliseconds,
 * last value, runs]. */
function timeBuild(f) {
  const times = [];
  let value;
  while (times.length < 3 && !(times.length > 0 && times[0] > 3000)) {
    value?.free?.();
    value = null;
    const t = performance.now();
    value = f();
    times.push(performance.now() - t);
  }
  return [median(times), value, times.length];
}

// ---------------------------------------------------------------------------------------------
// Engines. Each takes a query in the structured form the Rust bench wrote ({kind, terms,
// exclude}) plus our own syntax, and returns the ids of every match, best first.

function makeOurs(module, name, texts, docSizes) {
  const [build, index, runs] = timeBuild(() => new module.SearchIndex(texts, docSizes));
  return {
    name,
    build,
    runs,
    bytes: index.encodedLen(),
    memory: module.memoryBytes(),
    sizeNote: "postcard bytes of the whole index (`Index::encoded_len`), positions included",
    search: (q, oursQ) => index.search(oursQ),
    free: () => index.free(),
  };
}

function makeMiniSearch(docs, term) {
  const options = {
    fields: ["text"],
    idField: "id",
    storeFields: [],
    searchOptions: { combineWith: "AND", prefix: false, fuzzy: false },
    ...(term ? { tokenize: (s) => s.split(" "), processTerm: (t) => t || null } : {}),
  };
  const [build, ms, runs] = timeBuild(() => {
    const m = new MiniSearch(options);
    m.addAll(docs);
    return m;
  });
  const t = (x) => term?.(x) ?? x;
  const ids = (rs) => rs.map((r) => r.id);
  return {
    name: "MiniSearch",
    build,
    runs,
    bytes: Buffer.byteLength(JSON.stringify(ms)),
    sizeNote: "UTF-8 bytes of `JSON.stringify(index)`",
    search(q) {
      const terms = q.terms.map(t);
      switch (q.kind) {
        case "prefix":
          return ids(ms.search(terms[0], { prefix: true }));
        case "or":
          return ids(ms.search(terms.join(" "), { combineWith: "OR" }));
        case "not":
          return ids(
            ms.search({ combineWith: "AND_NOT", queries: [terms.join(" "), ...q.exclude.map(t)] }),
          );
        default: // term, and, phrase (no phrase queries: all the words, in any order)
          return ids(ms.search(terms.join(" "), { combineWith: "AND" }));
      }
    },
    free: () => {},
  };
}

function makeFlexSearch(texts, term) {
  const limit = texts.length;
  const encoder = term ? { encoder: Charset.Exact } : {};
  const build = (tokenize) =>
    timeBuild(() => {
      const ix = new Index({ tokenize, ...encoder });
      for (let i = 0; i < texts.length; i++) ix.add(i, texts[i]);
      return ix;
    });
  const [buildStrict, strict, runs] = build("strict");
  // Prefix queries need a "forward" index (every prefix of every word is indexed); it is built
  // and sized separately so that the strict index's numbers stay comparable.
  const [buildForward, forward] = build("forward");
  const exportBytes = (ix) => {
    let bytes = 0;
    ix.export((key, data) => {
      bytes += Buffer.byteLength(key) + Buffer.byteLength(data ?? "");
    });
    return bytes;
  };
  const t = (x) => term?.(x) ?? x;
  return {
    name: "FlexSearch",
    build: buildStrict,
    buildForward,
    runs,
    bytes: exportBytes(strict),
    bytesForward: exportBytes(forward),
    sizeNote: "sum of key and data lengths passed to `index.export()` (strict index; forward index separately)",
    search(q) {
      const terms = q.terms.map(t);
      switch (q.kind) {
        case "prefix":
          return forward.search(terms[0], { limit });
        case "or": {
          let r = new Resolver({ index: strict, query: terms[0] });
          for (const x of terms.slice(1)) r = r.or({ index: strict, query: x });
          return r.resolve({ limit });
        }
        case "not": {
          let r = strict.search({ query: terms.join(" "), resolve: false });
          for (const x of q.exclude.map(t)) r = r.not({ index: strict, query: x });
          return r.resolve({ limit });
        }
        default: // term, and, phrase (no phrase queries: all the words, in any order)
          return strict.search(terms.join(" "), { limit });
      }
    },
    free: () => {},
  };
}

// ---------------------------------------------------------------------------------------------
// One configuration on one corpus.

function runConfig(label, corpus, engines, oursCount) {
  const { queries, ours: oursQueries } = corpus;
  const results = engines.map((e) => queries.map((q, i) => e.search(q, oursQueries[i])));
  // Round-robin: every query on every engine once per round, engine order rotating, until the
  // time budget is spent (at least 5 rounds, at most 300).
  const samples = engines.map(() => queries.map(() => []));
  const started = performance.now();
  let round = 0;
  while (round < 300 && (round < 5 || performance.now() - started < args.budget * 1000)) {
    for (let qi = 0; qi < queries.length; qi++) {
      for (let k = 0; k < engines.length; k++) {
        const ei = (k + round) % engines.length;
        const t = performance.now();
        engines[ei].search(queries[qi], oursQueries[qi]);
        samples[ei][qi].push(performance.now() - t);
      }
    }
    round++;
  }
  const perEngine = engines.map((e, ei) => {
    const all = sorted(samples[ei].flat());
    return {
      name: e.name,
      build: e.build,
      buildForward: e.buildForward,
      bytes: e.bytes,
      bytesForward: e.bytesForward,
      memory: e.memory,
      sizeNote: e.sizeNote,
      p50: pct(all, 50),
      p95: pct(all, 95),
      samples: all.length,
      perQuery: samples[ei].map((s) => median(s)),
    };
  });
  // Our builds must agree exactly with each other.
  for (let k = 1; k < oursCount; k++) {
    queries.forEach((q, qi) => {
      if (results[k][qi].join() !== results[0][qi].join()) {
        console.error(`${engines[k].name} differs from ${engines[0].name} on ${oursQueries[qi]}`);
        process.exitCode = 1;
      }
    });
  }
  // Equality against ours (engine 0): Jaccard of the full sets, overlap of the top 10.
  const agreement = engines.slice(oursCount).map((e, k) =>
    queries.map((q, qi) => {
      const a = Array.from(results[0][qi]);
      const b = Array.from(results[k + oursCount][qi]);
      const sa = new Set(a);
      const sb = new Set(b);
      const inter = a.filter((x) => sb.has(x)).length;
      const union = sa.size + sb.size - inter;
      const ta = new Set(a.slice(0, 10));
      const top = b.slice(0, 10).filter((x) => ta.has(x)).length;
      return {
        kind: q.kind,
        query: oursQueries[qi],
        ours: a.length,
        theirs: b.length,
        onlyOurs: a.length - inter,
        onlyTheirs: b.length - inter,
        jaccard: union === 0 ? 1 : inter / union,
        top10: Math.min(10, a.length) === 0 ? 1 : top / Math.min(10, a.length, Math.max(b.length, 1)),
      };
    }),
  );
  return { label, rounds: round, engines: perEngine, agreement, oursCount };
}

// ---------------------------------------------------------------------------------------------
// Report.

function printConfig(n, c, queries) {
  const mine = c.engines.slice(0, c.oursCount);
  const peers = c.engines.slice(c.oursCount);
  console.log(`\n### ${n} documents, ${c.label}\n`);
  console.log(`${c.rounds} rounds of the ${queries.length} queries per engine.\n`);
  console.log("| engine | build (median of 3, or 1 run if over 3 s) | index size | query p50 | query p95 |");
  console.log("|---|---:|---:|---:|---:|");
  for (const e of c.engines) {
    const size = fmtBytes(e.bytes) + (e.bytesForward ? ` (+ forward index ${fmtBytes(e.bytesForward)})` : "");
    const build = fmt(e.build) + (e.buildForward ? ` (+ forward ${fmt(e.buildForward)})` : "");
    console.log(`| ${e.name} | ${build} | ${size} | ${fmt(e.p50)} | ${fmt(e.p95)} |`);
  }
  for (const m of mine) {
    console.log(`\n${m.name}: wasm memory after the builds ${fmtBytes(m.memory)} (its high-water mark, text and temporaries included).`);
  }
  console.log("\nRatios, peer ÷ ours (above 1: ours is faster or smaller):\n");
  console.log("| peer ÷ ours | build | index size | query p50 | query p95 |");
  console.log("|---|---:|---:|---:|---:|");
  for (const e of peers) {
    for (const m of mine) {
      console.log(
        `| ${e.name} ÷ ${m.name} | ${ratio(e.build, m.build)} | ${ratio(e.bytes, m.bytes)} | ${ratio(e.p50, m.p50)} | ${ratio(e.p95, m.p95)} |`,
      );
    }
  }
  console.log("\nPer query: median latency, and result agreement with ours (matches; Jaccard of the full sets; top-10 overlap):\n");
  let head = "| query |" + mine.map((m) => ` ${m.name} |`).join("");
  let rule = "|---|" + mine.map(() => "---:|").join("");
  for (const e of peers) {
    head += ` ${e.name} |`;
    rule += "---|";
  }
  console.log(head);
  console.log(rule);
  queries.forEach((q, qi) => {
    let row = `| \`${c.agreement[0][qi].query}\` |`;
    for (const m of mine) row += ` ${fmt(m.perQuery[qi])} (${c.agreement[0][qi].ours}) |`;
    peers.forEach((e, k) => {
      const a = c.agreement[k][qi];
      row += ` ${fmt(e.perQuery[qi])} (${a.theirs}; J ${a.jaccard.toFixed(2)}; top-10 ${a.top10.toFixed(1)}) |`;
    });
    console.log(row);
  });
}

// ---------------------------------------------------------------------------------------------

function main() {
  const available = readdirSync(args.data)
    .map((f) => /^corpus-(\d+)\.json$/.exec(f))
    .filter(Boolean)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
  const sizes = args.sizes ?? available;
  const wasmFile = args.wasm.replace(/\.js$/, "_bg.wasm");
  console.log("# Side-by-side: Parallax (wasm) vs MiniSearch vs FlexSearch, one Node process\n");
  console.log("## Conditions\n");
  console.log(`- Node ${process.version} (V8 ${process.versions.v8}), ${cpus().length} cores, ${cpus()[0]?.model ?? "unknown CPU"}`);
  console.log(`- minisearch ${pkg("minisearch")}, flexsearch ${pkg("flexsearch")}`);
  const rel = (f) => f.replace(resolve(here, "..") + "/", "");
  console.log(`- Parallax (wasm, z): ${rel(wasmFile)} (${fmtBytes(statSync(wasmFile).size)}), the workspace release profile (opt-level "z", lto, codegen-units 1, panic abort)`);
  if (oursO3) {
    const f = args.wasmO3.replace(/\.js$/, "_bg.wasm");
    console.log(`- Parallax (wasm, O3): ${rel(f)} (${fmtBytes(statSync(f).size)}), the same with opt-level 3`);
  }
  console.log(`- load average at start: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
  console.log(`- query timing budget ${args.budget} s per configuration and size; every engine returns every match`);
  const out = [];
  for (const n of sizes) {
    if (!available.includes(n)) {
      console.error(`no ${join(args.data, `corpus-${n}.json`)}: run parallax-bench first`);
      process.exit(1);
    }
    const corpus = JSON.parse(readFileSync(join(args.data, `corpus-${n}.json`), "utf8"));
    const texts = corpus.docs.flatMap((d) => d.passages);
    const docSizes = Uint32Array.from(corpus.docs.map((d) => d.passages.length));
    const docs = texts.map((text, id) => ({ id, text }));
    console.error(`[${n}] ${texts.length} passages: stock…`);

    const mine = [makeOurs(ours, "Parallax (wasm, z)", texts, docSizes)];
    if (oursO3) mine.push(makeOurs(oursO3, "Parallax (wasm, O3)", texts, docSizes));
    const stock = runConfig("stock analysis", corpus, [...mine, makeMiniSearch(docs), makeFlexSearch(texts)], mine.length);
    printConfig(n, stock, corpus.queries);
    const entry = { size: n, passages: texts.length, stock };
    out.push(entry);
    if (n > args.sameTermsMax) {
      console.log(`\n(Same-terms configuration skipped above ${args.sameTermsMax} documents.)`);
      for (const m of mine) m.free();
      continue;
    }

    console.error(`[${n}] same terms…`);
    const t0 = performance.now();
    const stemmed = texts.map((t) => ours.stems(t));
    const stemMs = performance.now() - t0;
    const stem = (w) => ours.stems(w);
    const sameTerms = runConfig(
      "same terms (peers index our stems)",
      corpus,
      [...mine, makeMiniSearch(stemmed.map((text, id) => ({ id, text })), stem), makeFlexSearch(stemmed, stem)],
      mine.length,
    );
    printConfig(n, sameTerms, corpus.queries);
    console.log(`\n(Stemming the ${texts.length} passages for the peers took ${fmt(stemMs)}, not counted in their build times.)`);
    for (const m of mine) m.free();
    Object.assign(entry, { sameTerms, stemMs });
  }
  console.log(`\n- load average at end: ${readFileSync("/proc/loadavg", "utf8").trim()}`);
  writeFileSync(join(args.data, "side-by-side.json"), JSON.stringify(out, null, 1));
}

main();
