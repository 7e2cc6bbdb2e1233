"""Run clean() over the GVA dev articles and print JSON: lines in, lines removed by reason, speed, language.

    python benchmarks/cleaning_gva.py                      # the figures
    python benchmarks/cleaning_gva.py --sample 60 --seed 7 --dump /tmp/hand_check.txt
        # plus a fixed random sample laid out for a hand check

Articles are built as the JSONL reader builds them (title from the record) but with ``lang`` left empty, so
language detection is part of the timing and its agreement with the dataset's labels is reported.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from samestory.cleaning import clean
from samestory.model import Article

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT.parent / "shared" / "data" / "gva-dev.jsonl"


def load_articles(path: Path) -> tuple[list[Article], list[str | None]]:
    articles, languages = [], []
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            articles.append(
                Article(
                    id=record["id"],
                    text=record["text"],
                    title=record.get("title"),
                    url=record.get("url"),
                    source=record.get("source"),
                    published=record.get("date"),
                )
            )
            languages.append(record.get("lang"))
    return articles, languages


def write_hand_check(
    path: Path, originals: list[Article], cleaned: list[Article], size: int, seed: int
) -> None:
    """Each sampled article's input lines, marked '-' (dropped, with reason) or ' ' (kept)."""
    chosen = random.Random(seed).sample(range(len(originals)), size)
    with path.open("w", encoding="utf-8") as out:
        for index in chosen:
            result = cleaned[index]
            dropped = Counter(item["line"] for item in result.extra["removed"])
            reasons = {item["line"]: item["reason"] for item in result.extra["removed"]}
            out.write(
                f"===== {index} title={result.title!r} byline={result.byline!r} "
                f"dateline={result.dateline!r}\n"
            )
            for text in originals[index].text.split("\n"):
                text = text.strip()
                if not text:
                    continue
                key = text if len(text) <= 200 else text[:199] + "…"
                if dropped[key]:
                    dropped[key] -= 1
                    out.write(f"- [{reasons[key]}] {text}\n")
                else:
                    out.write(f"  {text}\n")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sample", type=int, default=0, help="articles to lay out for a hand check")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--dump", type=Path, help="where to write the hand-check sample")
    args = parser.parse_args()

    articles, languages = load_articles(args.data)
    clean(Article(id="warm-up", text="Loading the language model once before timing starts."))
    start, start_cpu = time.perf_counter(), time.process_time()
    cleaned = [clean(article) for article in articles]
    elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    # The same articles with their language given, as a JSONL reader that carries "lang" would pass them.
    with_language = [replace(article, lang=gold) for article, gold in zip(articles, languages, strict=True)]
    start_cpu = time.process_time()
    for article in with_language:
        clean(article)
    elapsed_cpu_given = time.process_time() - start_cpu

    reasons = Counter(item["reason"] for article in cleaned for item in article.extra["removed"])
    lines_in = sum(1 for article in articles for line in article.text.split("\n") if line.strip())
    labelled = [(article.lang, gold) for article, gold in zip(cleaned, languages, strict=True) if gold]
    report = {
        "articles": len(articles),
        "lines_in": lines_in,
        "lines_removed": sum(reasons.values()),
        "removed_by_reason": dict(reasons.most_common()),
        "articles_with_title_copy_removed": sum(
            any(item["reason"] == "title" for item in article.extra["removed"]) for article in cleaned
        ),
        "bylines_found": sum(article.byline is not None for article in cleaned),
        "datelines_found": sum(article.dateline is not None for article in cleaned),
        "language_agreement": round(sum(lang == gold for lang, gold in labelled) / max(1, len(labelled)), 4),
        "seconds": round(elapsed, 3),
        "articles_per_second": round(len(articles) / elapsed, 1),
        # CPU time: on a shared machine wall-clock rates mostly measure the neighbours
        "articles_per_cpu_second": round(len(articles) / elapsed_cpu, 1),
        "articles_per_cpu_second_language_given": round(len(articles) / elapsed_cpu_given, 1),
    }
    print(json.dumps(report, indent=2))
    if args.sample and args.dump:
        write_hand_check(args.dump, articles, cleaned, args.sample, args.seed)


if __name__ == "__main__":
    main()
