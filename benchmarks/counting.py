"""What counting documents up front costs (the progress bar's total, `cli.inputs.count_documents`).

    python benchmarks/counting.py [--rows 10000] [--files 2000]

Builds, in a temporary folder, a JSONL corpus, the same gzip-compressed, a CSV corpus and a folder of text
files from the samples, and prints how long counting each takes, beside how long `claims extract` would
take over them at the words per second given (the README's one-process figure by default).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import tempfile
import time
from pathlib import Path

from cli.inputs import count_documents

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000, help="corpus rows")
    parser.add_argument("--files", type=int, default=2_000, help="text files in the folder")
    parser.add_argument("--words-per-second", type=float, default=4_700, help="extraction speed to compare")
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        rows = [{"id": f"doc-{i}", "text": texts[i % len(texts)]} for i in range(args.rows)]
        jsonl = root / "corpus.jsonl"
        jsonl.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        (root / "corpus.jsonl.gz").write_bytes(gzip.compress(jsonl.read_bytes()))
        with (root / "corpus.csv").open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=["id", "text"])
            writer.writeheader()
            writer.writerows(rows)
        folder = root / "folder"
        folder.mkdir()
        for i in range(args.files):
            (folder / f"a{i:05}.txt").write_text(texts[i % len(texts)], encoding="utf-8")
        words = sum(len(texts[i % len(texts)].split()) for i in range(args.rows))
        limit = 1 << 30
        print(f"{args.rows:,} rows, {words:,} words; extraction at {args.words_per_second:,.0f} words/s: "
              f"{words / args.words_per_second:,.0f} s")  # fmt: skip
        for name in ("corpus.jsonl", "corpus.jsonl.gz", "corpus.csv", "folder"):
            path = root / name
            size = path.stat().st_size if path.is_file() else sum(p.stat().st_size for p in path.iterdir())
            started = time.perf_counter()
            total = count_documents([str(path)], max_bytes=limit)
            took = time.perf_counter() - started
            print(f"{name:16} {size / 1e6:8.1f} MB  {total:>7,} documents counted in {took * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
