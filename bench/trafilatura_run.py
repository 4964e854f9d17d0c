"""trafilatura on saved web pages, for `make bench-extraction` (BENCHMARKS.md, "Article extraction").

Writes each page's text to OUT/<file without .gz>.txt: the title from `extract_metadata`, a line
break, then `extract(html, include_comments=False, with_metadata=False)` (trafilatura's default
mode otherwise, with its fallbacks); the pages it refuses to OUT/refused.json; its name, version and
time per page to OUT/meta.json, for `parallax-bench extraction DIR --texts OUT` to score with the
same scorer as Parallax's. `ms_per_page` is taken around `extract` only (it reads the bytes and
guesses their encoding itself); the title's separate parse is timed apart (`ms_title_per_page`).

Usage: bench/.venv/bin/python bench/trafilatura_run.py --data DIR --out OUT
"""

import argparse
import gzip
import json
import os
import sys
import time
from importlib.metadata import version

from trafilatura import extract, extract_metadata


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.data, "expectations.json"), encoding="utf-8") as f:
        expectations = json.load(f)
    refused = {}
    seconds = 0.0
    title_seconds = 0.0
    pages = 0
    for page in expectations.values():
        file = page["file"]
        with gzip.open(os.path.join(args.data, "pages", file), "rb") as f:
            html = f.read()
        name = (file[:-3] if file.endswith(".gz") else file) + ".txt"
        pages += 1
        t0 = time.perf_counter()
        try:
            text = extract(html, include_comments=False, with_metadata=False)
        except Exception as e:  # a refusal, counted by kind
            text = None
            refused[name] = "error: " + type(e).__name__
        seconds += time.perf_counter() - t0
        if text is None:
            refused.setdefault(name, "none")
            continue
        t0 = time.perf_counter()
        try:
            meta = extract_metadata(html)
            title = (meta.title if meta is not None else None) or ""
        except Exception:
            title = ""
        title_seconds += time.perf_counter() - t0
        with open(os.path.join(args.out, name), "w", encoding="utf-8") as f:
            f.write(title + "\n" + text)
    with open(os.path.join(args.out, "refused.json"), "w", encoding="utf-8") as f:
        json.dump(refused, f, indent=1)
    with open(os.path.join(args.out, "meta.json"), "w", encoding="utf-8") as f:
        json.dump(
            {
                "extractor": "trafilatura",
                "version": "%s (lxml %s, Python %s)"
                % (version("trafilatura"), version("lxml"), sys.version.split()[0]),
                "ms_per_page": seconds * 1e3 / max(pages, 1),
                "ms_title_per_page": title_seconds * 1e3 / max(pages, 1),
            },
            f,
        )
    print(
        "trafilatura: %d pages, %d refused, %.1f ms per page (title: %.1f ms more)"
        % (pages, len(refused), seconds * 1e3 / max(pages, 1), title_seconds * 1e3 / max(pages, 1)),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
