//! `parallax-bench`: generates scaled corpora from the real passages, writes them as JSON for the
//! Node side-by-side, and times the core natively (index build, search, facets, tagging, reuse),
//! printing a Markdown report. Benchmarks, not tests: nothing here asserts a time.
//!
//! Usage: `cargo run --release -p parallax-bench -- [--sizes 200,2000,20000] [--out DIR]
//! [--seed N] [--gen-only] [--bundle]`. With `--bundle` each generated corpus is also written as
//! an app bundle, `corpus-N.plxb` (`parallax_core::encode`), which the app embeds instead of the
//! real corpus when built with `PARALLAX_BUNDLE=DIR/corpus-N.plxb` (for the UI speed script).
//!
//! `parallax-bench extraction DIR …` scores article extraction on saved web pages instead
//! (`extraction.rs`).
#![allow(clippy::disallowed_methods)] // Never reaches the wasm.

mod extraction;
mod gen;
mod measure;
mod queries;

use measure::{fmt, repeat, Samples};
use parallax_core::analysis::{Analysis, Filter};
use parallax_core::model::{count_words, Corpus};
use parallax_core::search::Index;
use parallax_core::tag::Lexicon;
use queries::QUERIES;
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Args {
    sizes: Vec<usize>,
    out: PathBuf,
    seed: u64,
    gen_only: bool,
    /// Also write each corpus as a bundle the app can embed.
    bundle: bool,
    corpus: PathBuf,
    /// Largest documents × passages for which facet updates are timed (see `FACET_CAP`).
    facet_cap: u64,
}

/// Largest documents × passages for which facet updates are timed. `Analysis::facets` once
/// scanned every passage once per document (a quarter of a second per update at 2,000
/// documents, 90 s at 20,000); it now makes one pass over the passages, so no size is skipped by
/// default. `--facet-cap` still bounds the section on a slow machine.
const FACET_CAP: u64 = u64::MAX;

fn parse_args() -> Result<Args, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let root = std::fs::canonicalize(&root).unwrap_or(root);
    let mut args = Args {
        sizes: vec![200, 2_000, 20_000],
        out: root.join("target/bench"),
        seed: 13,
        gen_only: false,
        bundle: false,
        corpus: root.join("corpus/iran-russia"),
        facet_cap: FACET_CAP,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--sizes" => {
                args.sizes = value()?
                    .split(',')
                    .map(|s| s.trim().replace('_', "").parse::<usize>())
                    .collect::<Result<_, _>>()
                    .map_err(|e| format!("--sizes: {e}"))?;
            }
            "--out" => args.out = PathBuf::from(value()?),
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--corpus" => args.corpus = PathBuf::from(value()?),
            "--gen-only" => args.gen_only = true,
            "--bundle" => args.bundle = true,
            "--facet-cap" => {
                args.facet_cap = value()?
                    .replace('_', "")
                    .parse()
                    .map_err(|e| format!("--facet-cap: {e}"))?
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.sizes.contains(&0) {
        return Err("sizes must be positive".into());
    }
    Ok(args)
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("extraction") {
        std::process::exit(extraction::main(std::env::args().skip(2)));
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("parallax-bench: {e}");
            std::process::exit(2);
        }
    };
    let real = match parallax_core::source::load_dir(&args.corpus) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("parallax-bench: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("parallax-bench: {}: {e}", args.out.display());
        std::process::exit(1);
    }
    let generator = gen::Generator::new(&real);
    println!("# Native benchmarks (parallax-core)\n");
    conditions(&real, &generator, &args);
    let mut results = Vec::new();
    for &n in &args.sizes {
        let t = Instant::now();
        let corpus = generator.corpus(&real, n, args.seed);
        let generated = t.elapsed().as_secs_f64();
        let path = args.out.join(format!("corpus-{n}.json"));
        let json = serde_json::json!({
            "size": n,
            "seed": args.seed,
            "docs": gen::json_docs(&corpus),
            "queries": QUERIES,
            "ours": QUERIES.iter().map(|q| q.ours()).collect::<Vec<_>>(),
        });
        if let Err(e) = std::fs::write(&path, json.to_string()) {
            eprintln!("parallax-bench: {}: {e}", path.display());
            std::process::exit(1);
        }
        eprintln!(
            "generated {n} documents in {} → {}",
            fmt(generated),
            path.display()
        );
        if args.bundle {
            let path = args.out.join(format!("corpus-{n}.plxb"));
            let bytes = parallax_core::encode(&corpus);
            if let Err(e) = std::fs::write(&path, &bytes) {
                eprintln!("parallax-bench: {}: {e}", path.display());
                std::process::exit(1);
            }
            eprintln!(
                "bundle of {n} documents ({} bytes) → {}",
                bytes.len(),
                path.display()
            );
        }
        if !args.gen_only {
            results.push(bench(&corpus, args.facet_cap));
        }
    }
    if !results.is_empty() {
        report(&results);
        println!("\nLoad average at end: {}", load_average());
    }
}

/// `/proc/loadavg`, to show whether other work shared the machine during the run.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.trim().to_owned())
        .unwrap_or_else(|_| "unknown".into())
}

fn conditions(real: &Corpus, generator: &gen::Generator, args: &Args) {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into());
    println!("## Conditions\n");
    println!("- CPU: {cpu}, {cores} cores available; one thread used");
    println!("- {}", env!("BENCH_RUSTC"));
    println!(
        "- profile `{}`, opt-level {}, debug {}, target {} (lto, codegen-units and panic from the root Cargo.toml)",
        env!("BENCH_PROFILE"),
        env!("BENCH_OPT_LEVEL"),
        env!("BENCH_DEBUG"),
        env!("BENCH_TARGET")
    );
    println!(
        "- real corpus `{}`: {} documents, {} passages ({} with sentences of 3+ words), {} sentences, {} themes, {} entities",
        real.name,
        real.documents.len(),
        real.documents.iter().map(|d| d.passages.len()).sum::<usize>(),
        generator.real_passages(),
        generator.real_sentences(),
        real.themes.len(),
        real.entities.len()
    );
    println!(
        "- generator seed {}; corpora written to {}",
        args.seed,
        args.out.display()
    );
    println!("- load average at start: {}\n", load_average());
}

struct SizeResult {
    docs: usize,
    passages: usize,
    words: usize,
    bytes: usize,
    tokens: Samples,
    build: Samples,
    analysis: Samples,
    index_bytes: usize,
    search_all: Samples,
    per_query: Vec<(String, usize, Samples)>,
    facets_all: Samples,
    per_filter: Vec<(String, Option<usize>, Samples)>,
    tag_themes_mbs: f64,
    tag_entities_mbs: f64,
    reuse: Samples,
    reuse_pairs: usize,
}

/// Facet updates the UI does: a query with one or two themes ticked, an entity, a source.
fn filters() -> Vec<(String, Filter)> {
    let f = |query: &str, themes: &[&str], entities: &[&str]| Filter {
        query: query.into(),
        themes: themes.iter().map(|t| t.to_string()).collect(),
        entities: entities.iter().map(|t| t.to_string()).collect(),
        ..Filter::default()
    };
    vec![
        ("themes=military".into(), f("", &["military"], &[])),
        (
            "q=sanctions themes=finance".into(),
            f("sanctions", &["finance"], &[]),
        ),
        (
            "q=Iran Russia themes=military,trade".into(),
            f("Iran Russia", &["military", "trade"], &[]),
        ),
        (
            "q=nucl* themes=energy entities=iran".into(),
            f("nucl*", &["energy"], &["iran"]),
        ),
    ]
}

fn bench(corpus: &Corpus, facet_cap: u64) -> SizeResult {
    let n = corpus.documents.len();
    let texts: Vec<&str> = corpus
        .documents
        .iter()
        .flat_map(|d| d.passages.iter().map(|p| p.text.as_str()))
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let words: usize = texts.iter().map(|t| count_words(t)).sum();
    eprintln!("[{n}] tokens…");
    let analyzer = parallax_core::text::Analyzer::default();
    let (tokens, _) = repeat(1, 5, Duration::from_secs(4), || {
        texts
            .iter()
            .map(|t| analyzer.tokens(t).len())
            .sum::<usize>()
    });
    eprintln!("[{n}] index build…");
    let (build, index) = repeat(1, 10, Duration::from_secs(6), || Index::build(corpus));
    let index_bytes = index.encoded_len();

    eprintln!("[{n}] search…");
    let ours: Vec<String> = QUERIES.iter().map(|q| q.ours()).collect();
    // Round-robin over the query list so every query gets the same number of samples.
    let mut rounds: Vec<Vec<f64>> = vec![Vec::new(); ours.len()];
    let started = Instant::now();
    let mut r = 0;
    while r < 300 && (r < 5 || started.elapsed() < Duration::from_secs(8)) {
        for (i, q) in ours.iter().enumerate() {
            let t = Instant::now();
            std::hint::black_box(index.search(q));
            rounds[i].push(t.elapsed().as_secs_f64());
        }
        r += 1;
    }
    let mut search_all = Samples::new(Vec::new());
    let per_query: Vec<(String, usize, Samples)> = ours
        .iter()
        .zip(rounds)
        .map(|(q, v)| {
            let s = Samples::new(v);
            search_all.extend(&s);
            (q.clone(), index.search(q).len(), s)
        })
        .collect();
    drop(index);

    eprintln!("[{n}] analysis…");
    let (analysis_t, analysis) =
        repeat(1, 3, Duration::from_secs(10), || Analysis::new(corpus, &[]));

    eprintln!("[{n}] facets…");
    let filters = filters();
    let mut rounds: Vec<Vec<f64>> = vec![Vec::new(); filters.len()];
    let mut kept: Vec<Option<usize>> = vec![None; filters.len()];
    let started = Instant::now();
    let budget = Duration::from_secs(8);
    // At least one sample per filter, unless a single update is so slow that the section has
    // spent four budgets already: the rest are then reported as not measured.
    let work = n as u64 * texts.len() as u64;
    let rounds_max = if work > facet_cap {
        eprintln!(
            "[{n}] facets skipped: {work} documents × passages is above the cap of {facet_cap}"
        );
        0
    } else {
        100
    };
    'rounds: for r in 0..rounds_max {
        for (i, (_, f)) in filters.iter().enumerate() {
            if started.elapsed() > budget * if r == 0 { 4 } else { 1 } {
                break 'rounds;
            }
            let t = Instant::now();
            let out = std::hint::black_box(analysis.facets(corpus, f));
            rounds[i].push(t.elapsed().as_secs_f64());
            kept[i] = Some(out.hits.len());
        }
    }
    let mut facets_all = Samples::new(Vec::new());
    let per_filter = filters
        .iter()
        .zip(rounds)
        .enumerate()
        .map(|(i, ((name, _), v))| {
            let s = Samples::new(v);
            facets_all.extend(&s);
            (name.clone(), kept[i], s)
        })
        .collect();

    eprintln!("[{n}] tagging…");
    let throughput = |lex: &Lexicon| {
        let (s, _) = repeat(1, 5, Duration::from_secs(4), || {
            texts.iter().map(|t| lex.tag(t).len()).sum::<usize>()
        });
        bytes as f64 / 1e6 / s.median()
    };
    let tag_themes_mbs = throughput(&analysis.themes);
    let tag_entities_mbs = throughput(&analysis.entities);
    drop(analysis);

    eprintln!("[{n}] reuse…");
    let (reuse, pairs) = repeat(1, 5, Duration::from_secs(10), || {
        parallax_core::reuse::find(corpus)
    });
    let reuse_pairs = pairs.len();
    SizeResult {
        docs: n,
        passages: texts.len(),
        words,
        bytes,
        tokens,
        build,
        analysis: analysis_t,
        index_bytes,
        search_all,
        per_query,
        facets_all,
        per_filter,
        tag_themes_mbs,
        tag_entities_mbs,
        reuse,
        reuse_pairs,
    }
}

fn report(results: &[SizeResult]) {
    println!("## Corpora\n");
    println!("| documents | passages | words | text MB |");
    println!("|---:|---:|---:|---:|");
    for r in results {
        println!(
            "| {} | {} | {} | {:.2} |",
            r.docs,
            r.passages,
            r.words,
            r.bytes as f64 / 1e6
        );
    }
    println!("\n## Build and size\n");
    println!("Medians; `n` is the number of runs. The index size is `Index::encoded_len()` (postcard bytes).\n");
    println!("`Analyzer::tokens` alone (splitting, folding, stemming every word) is the floor under both builds.\n");
    println!("| documents | `Analyzer::tokens` | `Index::build` | n | `Analysis::new` (index + tags) | n | index bytes | bytes / text byte |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in results {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {:.2} |",
            r.docs,
            fmt(r.tokens.median()),
            fmt(r.build.median()),
            r.build.len(),
            fmt(r.analysis.median()),
            r.analysis.len(),
            r.index_bytes,
            r.index_bytes as f64 / r.bytes as f64
        );
    }
    println!("\n## Search latency (`Index::search`: parse, run, rank every match)\n");
    println!(
        "Over the {} queries, each run the same number of times (round-robin).\n",
        QUERIES.len()
    );
    println!("| documents | samples | p50 | p95 | max |");
    println!("|---:|---:|---:|---:|---:|");
    for r in results {
        let s = &r.search_all;
        println!(
            "| {} | {} | {} | {} | {} |",
            r.docs,
            s.len(),
            fmt(s.median()),
            fmt(s.pct(95.0)),
            fmt(s.pct(100.0))
        );
    }
    println!("\nPer query (p50, and hits):\n");
    print_size_columns("query", results);
    for (i, (q, _, _)) in results[0].per_query.iter().enumerate() {
        print!("| `{q}` |");
        for r in results {
            let (_, hits, s) = &r.per_query[i];
            print!(" {} ({hits}) |", fmt(s.median()));
        }
        println!();
    }
    println!("\n## Facet update (`Analysis::facets`: query, filters and every facet count)\n");
    println!("One pass over the passages per update; sizes whose documents × passages exceed `--facet-cap` (no cap by default) are skipped.\n");
    println!("| documents | samples | p50 | p95 |");
    println!("|---:|---:|---:|---:|");
    for r in results {
        let s = &r.facets_all;
        println!(
            "| {} | {} | {} | {} |",
            r.docs,
            s.len(),
            fmt(s.median()),
            fmt(s.pct(95.0))
        );
    }
    println!("\nPer filter (p50, and passages kept):\n");
    print_size_columns("filter", results);
    for (i, (name, _, _)) in results[0].per_filter.iter().enumerate() {
        print!("| {name} |");
        for r in results {
            match &r.per_filter[i] {
                (_, Some(kept), s) => print!(" {} ({kept}) |", fmt(s.median())),
                _ => print!(" skipped |"),
            }
        }
        println!();
    }
    println!(
        "\n## Tagging throughput (`Lexicon::tag` on every passage; MB = 10⁶ bytes of UTF-8)\n"
    );
    println!("| documents | themes lexicon | entities lexicon |");
    println!("|---:|---:|---:|");
    for r in results {
        println!(
            "| {} | {:.1} MB/s | {:.1} MB/s |",
            r.docs, r.tag_themes_mbs, r.tag_entities_mbs
        );
    }
    println!("\n## Reuse detection (`reuse::find` over the whole corpus)\n");
    println!("Growth: time per document relative to the previous size (1.00 = linear).\n");
    println!("| documents | time (median) | n | pairs found | per document | growth |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let mut prev: Option<f64> = None;
    for r in results {
        let t = r.reuse.median();
        let per = t / r.docs as f64;
        let growth = prev.map_or("–".into(), |p| format!("{:.2}", per / p));
        println!(
            "| {} | {} | {} | {} | {} | {growth} |",
            r.docs,
            fmt(t),
            r.reuse.len(),
            r.reuse_pairs,
            fmt(per)
        );
        prev = Some(per);
    }
}

/// The head of a table with one column per corpus size: `| label | 200 docs | … |` and its rule.
fn print_size_columns(label: &str, results: &[SizeResult]) {
    print!("| {label} |");
    for r in results {
        print!(" {} docs |", r.docs);
    }
    println!();
    print!("|---|");
    for _ in results {
        print!("---:|");
    }
    println!();
}
