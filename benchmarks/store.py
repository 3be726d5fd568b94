"""What the claims store costs: `claims extract --db` against `claims extract --format jsonl`, and a re-run.

    python benchmarks/store.py                 # 2,000 short articles (about 250,000 words; a few minutes)
    python benchmarks/store.py --docs 300      # a quicker run

The corpus is the one of benchmarks/throughput.py (the samples, copied with other figures and names), each
article cut to its first `--words` words at a paragraph's end, written to a temporary folder; nothing is
downloaded and nothing is left behind. Prints figures only; the issue's targets are shown beside them.

Measured, each in a subprocess of the installed `claims`, spaCy's model loading included:
  * `claims extract DIR --format jsonl > FILE` and `claims extract DIR --db FILE` on a new store, in turns
    (`--rounds`), wall and CPU time, the best of the turns; the store's cost is their ratio (target: within
    10%). CPU time is the steadier figure when other work shares the machine;
  * the JSONL read back from the store (`claims extract --db FILE --format jsonl`) against the JSONL from
    the files: identical or not, and how long reading takes;
  * a re-run with nothing new (`claims extract DIR --db FILE`), median of 3 (target: under 2 s for 2,000
    documents), and whether that run imported spaCy at all (`python -X importtime`: target, never);
  * the store's size on disk.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus, claims_executable, cpu_name, load_average  # noqa: E402


def shorten(text: str, words: int) -> str:
    """The text up to the end of the paragraph in which its `words`-th word falls."""
    out: list[str] = []
    count = 0
    for paragraph in re.split(r"(?<=\n)(?=\s*\n)", text):
        out.append(paragraph)
        count += len(paragraph.split())
        if count >= words:
            break
    return "".join(out).rstrip("\n") + "\n"


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], stdout_path: str | None = None) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds and stderr of one run; it must succeed."""
    cpu = children_cpu()
    start = time.perf_counter()
    with open(stdout_path or os.devnull, "w", encoding="utf-8") as out:
        proc = subprocess.run(command, stdout=out, stderr=subprocess.PIPE, text=True, check=False)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr}")
    return wall, children_cpu() - cpu, proc.stderr


def line(label: str, text: str) -> None:
    print(f"  {label:<52} {text}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--docs", type=int, default=2000, help="documents in the corpus (default 2,000)")
    parser.add_argument("--words", type=int, default=120, help="words per document, about (default 120)")
    parser.add_argument("--rounds", type=int, default=1, help="turns of jsonl and --db runs (default 1)")
    args = parser.parse_args()
    exe = claims_executable()
    if exe is None:
        sys.exit("the `claims` command is not installed (pip install -e .)")

    corpus = [(name, shorten(text, args.words)) for name, text in build_corpus(args.docs)]
    n_words = sum(len(text.split()) for _, text in corpus)
    print(f"claims store benchmark: {len(corpus):,} documents, {n_words:,} words")
    print(f"  {cpu_name()}, {os.cpu_count()} CPUs, load average {load_average()}")

    with tempfile.TemporaryDirectory(prefix="claims-store-bench-") as tmp:
        folder = Path(tmp, "corpus")
        folder.mkdir()
        for name, text in corpus:
            (folder / name).write_text(text, encoding="utf-8")
        jsonl_runs: list[tuple[float, float]] = []
        db_runs: list[tuple[float, float]] = []
        files_jsonl = str(Path(tmp, "files.jsonl"))
        for round_ in range(args.rounds):
            wall, cpu, _ = timed([exe, "extract", str(folder), "--format", "jsonl", "-q"], files_jsonl)
            jsonl_runs.append((wall, cpu))
            db = str(Path(tmp, f"store-{round_}.db"))
            wall, cpu, summary = timed([exe, "extract", str(folder), "--db", db])
            db_runs.append((wall, cpu))
        # the best of the turns: other work on a shared machine only ever adds time
        jsonl_wall = min(w for w, _ in jsonl_runs)
        jsonl_cpu = min(c for _, c in jsonl_runs)
        db_wall = min(w for w, _ in db_runs)
        db_cpu = min(c for _, c in db_runs)
        print()
        line(
            f"extract --format jsonl (wall / CPU, best of {args.rounds})",
            f"{jsonl_wall:7.1f} s / {jsonl_cpu:7.1f} s",
        )
        line(
            f"extract --db, a new store (wall / CPU, best of {args.rounds})",
            f"{db_wall:7.1f} s / {db_cpu:7.1f} s",
        )
        line("  its summary", summary.strip())
        line(
            "--db against jsonl (target: within 10%)",
            f"{db_wall / jsonl_wall - 1:+.1%} wall, {db_cpu / jsonl_cpu - 1:+.1%} CPU",
        )

        store_jsonl = str(Path(tmp, "store.jsonl"))
        wall, _, _ = timed([exe, "extract", "--db", db, "--format", "jsonl"], store_jsonl)
        same = Path(store_jsonl).read_bytes() == Path(files_jsonl).read_bytes()
        line(
            "extract --db --format jsonl (reading back)",
            f"{wall:7.2f} s, identical to the files' JSONL: {same}",
        )

        reruns = []
        for _ in range(3):
            wall, _, summary = timed([exe, "extract", str(folder), "--db", db])
            reruns.append(wall)
        median = statistics.median(reruns)
        line(
            f"re-run, nothing new, {len(corpus):,} documents",
            f"{median:7.2f} s (median of 3; target: under 2 s)",
        )
        line("  its summary", summary.strip())
        _, _, trace = timed(
            [sys.executable, "-X", "importtime", "-m", "cli", "extract", str(folder), "--db", db]
        )
        spacy = sorted(
            {m for m in re.findall(r"\|\s+(\S+)\s*$", trace, flags=re.M) if m.split(".")[0] == "spacy"}
        )
        line("  spaCy imported by the re-run", f"{'yes: ' + ', '.join(spacy[:3]) if spacy else 'no'}")
        size = sum(p.stat().st_size for p in Path(tmp).glob(Path(db).name + "*"))
        line(
            "store size",
            f"{size / 1e6:7.1f} MB ({size / len(corpus) / 1e3:.1f} kB per document, texts included)",
        )


if __name__ == "__main__":
    main()
