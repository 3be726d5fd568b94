"""Throughput of the extractors and the `claims` command, on a corpus built from samples/*.txt.

    python benchmarks/throughput.py                      # 2,000 documents (about 1M words; long)
    python benchmarks/throughput.py --docs 200           # a quicker run
    python benchmarks/throughput.py --docs 200 --no-cli  # the library only

The corpus is made in memory by replicating the sample articles with varied figures and names (simple
substitutions, seeded, so every run sees the same text); nothing is downloaded. Prints figures only: the
issue's targets are shown beside them, but nothing is asserted.

Measured, in one run:
  * bare spaCy: `extractors.pipeline.load_model()` (the English model alone, nothing else) over the corpus
    with `nlp.pipe`;
  * extract_many: `extractors.extract_many`, the whole library pipeline, end to end, with n_process=1, and
    its ratio to bare spaCy. The two are run in turns over slices of the corpus, so that other load on the
    machine falls on both alike; words/s per CPU second is shown as well, which such load hardly moves;
  * extract_many with n_process=N (default 2): its speed-up over n_process=1, and whether its results are
    identical (in order and content) to those of one process;
  * `claims extract FILE... --format jsonl > /dev/null` in a subprocess over the corpus written to a temp dir
    (start-up and model loading included), with -n 1 and with -n N, the ratio to bare spaCy and the speed-up;
  * peak resident memory (VmHWM) of every process: this one (both pipelines and the corpus loaded), the
    extract_many workers, and the `claims extract` process and its workers;
  * the wall time of `claims --help` (median of 5).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
BATCH_SIZE = 16
SLICES = 10  # turns of bare spaCy and extract_many

# A standalone figure: not part of a model name (T-72, BM-21), a time (06:40), a decimal or a thousands group.
FIGURE = re.compile(r"(?<![\w\-/:.,])(\d{1,3})(?![\w\-:]|[.,]\d)")
# Fictional reporters and witnesses in the samples, swapped among themselves and a few more invented names, so
# the actor lists (real officials, who decide sides) are untouched.
NAMES = [
    "Lena Hartmann",
    "Clare Whitfield",
    "Hasmik Avetyan",
    "Anahit Sargsyan",
    "Elnur Gasimov",
    "Rauf Guliyev",
    "Yerevand Hadjiyan",
    "Marta Lindqvist",
    "Tigran Petrosyan",
    "Aysel Mammadova",
    "Paul Brennan",
]
NAME = re.compile("|".join(re.escape(n) for n in NAMES))
# Day numbers stay as they are, so the copies keep real dates ("October 19", "19 October").
MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
)


def build_corpus(n_docs: int) -> list[tuple[str, str]]:
    """`n_docs` (id, text) pairs: the samples in turn, each copy with its own figures and names."""
    paths = sorted(SAMPLES.glob("*.txt"))
    if not paths:
        sys.exit(f"no samples found in {SAMPLES}")
    bases = [(p.stem, p.read_text(encoding="utf-8")) for p in paths]
    corpus = []
    for i in range(n_docs):
        stem, text = bases[i % len(bases)]
        rng = random.Random(i)
        if i >= len(bases):  # the first round is the samples unchanged

            def figure(m: re.Match[str], rng: random.Random = rng, text: str = text) -> str:
                near = text[max(0, m.start() - 11) : m.end() + 11]
                if MONTH.search(near):
                    return m.group(1)
                return str(max(1, round(int(m.group(1)) * rng.uniform(0.5, 2.0))))

            def name(m: re.Match[str], rng: random.Random = rng) -> str:
                return rng.choice(NAMES)

            text = NAME.sub(name, FIGURE.sub(figure, text))
        corpus.append((f"{i:04d}-{stem}.txt", text))
    return corpus


def words(text: str) -> int:
    return len(text.split())


def claims_executable() -> str | None:
    beside = Path(sys.executable).with_name("claims")
    if beside.exists():
        return str(beside)
    return shutil.which("claims")


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def peak_rss_mb(who: int) -> float:
    # ru_maxrss is in kilobytes on Linux and in bytes on macOS.
    maxrss = resource.getrusage(who).ru_maxrss
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class TreeMemory:
    """Peak resident memory (VmHWM) of each process under `root`, sampled from /proc (Linux).

    VmHWM is the kernel's own high-water mark, so sampling only has to see each process once near its end.
    Elsewhere `peaks()` is empty and the caller falls back on getrusage.
    """

    def __init__(self, root: int, *, include_root: bool = True, interval: float = 0.25) -> None:
        self.root, self.include_root, self.interval = root, include_root, interval
        self.peak: dict[int, float] = {}
        self.role: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.available = os.path.exists(f"/proc/{root}/status")

    def __enter__(self) -> TreeMemory:
        if self.available:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()

    def _run(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(self.interval):
                return

    def sample(self) -> None:
        parent: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", encoding="utf-8") as fh:
                        parent[int(entry)] = int(fh.read().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
        tree, frontier = [], [self.root]
        while frontier:
            pid = frontier.pop()
            tree.append(pid)
            frontier.extend(child for child, ppid in parent.items() if ppid == pid)
        for pid in tree:
            if pid == self.root and not self.include_root:
                continue
            try:
                with open(f"/proc/{pid}/status", encoding="utf-8") as fh:
                    hwm = next((line for line in fh if line.startswith("VmHWM:")), None)
                if pid not in self.role:
                    with open(f"/proc/{pid}/cmdline", "rb") as fh:
                        cmd = fh.read().replace(b"\0", b" ").decode("utf-8", "replace")
                    self.role[pid] = (
                        "main" if pid == self.root
                        else "resource tracker" if "resource_tracker" in cmd
                        else "worker"
                    )  # fmt: skip
            except OSError:
                continue
            if hwm is not None:
                self.peak[pid] = max(self.peak.get(pid, 0.0), int(hwm.split()[1]) / 1024)

    def peaks(self, role: str) -> list[float]:
        return [mb for pid, mb in self.peak.items() if self.role.get(pid) == role]


def mb_list(values: list[float]) -> str:
    return ", ".join(f"{v:,.0f}" for v in values) + " MB" if values else "n/a"


def rate(n_words: int, seconds: float) -> str:
    return f"{n_words / seconds:>8,.0f} words/s ({seconds:7.1f} s)"


def line(label: str, text: str) -> None:
    print(f"{label:<34}{text}", flush=True)


def run_claims(exe: str, files: list[str], n_process: int) -> tuple[int, str, float, float, TreeMemory]:
    """`claims extract FILE... --format jsonl -n N > /dev/null`: exit code, first stderr line, wall and CPU
    seconds (of the whole process tree), per-process peak memory."""
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        proc = subprocess.Popen(
            [exe, "extract", *files, "--format", "jsonl", "-n", str(n_process)],
            stdin=subprocess.DEVNULL,
            stdout=devnull,
            stderr=subprocess.PIPE,
            text=True,
        )
        with TreeMemory(proc.pid) as memory:
            _, err = proc.communicate()
    wall = time.perf_counter() - t0
    first = (err.strip().splitlines() or ["no message"])[0]
    return proc.returncode, first, wall, children_cpu() - cpu0, memory


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--docs", type=int, default=2000, metavar="N", help="documents in the corpus (default 2000)"
    )
    parser.add_argument(
        "--n-process", type=int, default=2, metavar="N", help="worker processes for the parallel runs (2)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the `claims` command runs")
    parser.add_argument("--no-parallel", action="store_true", help="skip the n_process > 1 runs")
    args = parser.parse_args()
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    if args.n_process < 2:
        parser.error("--n-process must be at least 2")
    n_proc = args.n_process

    corpus = build_corpus(args.docs)
    texts = [text for _, text in corpus]
    total_words = sum(words(t) for t in texts)

    import spacy

    import extractors
    from extractors.pipeline import get_nlp, load_model

    t0 = time.perf_counter()
    bare = load_model()
    load_bare = time.perf_counter() - t0
    t0 = time.perf_counter()
    full = get_nlp()
    load_full = time.perf_counter() - t0

    print("conflict-claims throughput benchmark")
    print(f"  date:        {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(
        f"  machine:     {cpu_name()}, {os.cpu_count()} CPUs, {platform.machine()}, "
        f"{platform.system()} {platform.release()}; load average {load_average()} at start"
    )
    print(
        f"  python:      {platform.python_version()}   spaCy {spacy.__version__}   "
        f"model {bare.meta.get('name')} {bare.meta.get('version')}"
    )
    print(f"  pipeline:    {', '.join(full.pipe_names)}")
    print(
        f"  corpus:      {len(corpus)} documents, {total_words:,} words (from {SAMPLES.name}/*.txt), "
        f"batch_size={BATCH_SIZE}"
    )
    print(f"  model load:  bare {load_bare:.2f} s, with rule components {load_full:.2f} s")
    print(flush=True)

    # Warm both pipelines up on one document so first-call costs do not count against either.
    list(bare.pipe(texts[:1]))
    list(extractors.extract_many(corpus[:1]))

    # Bare spaCy and extract_many in turns, slice by slice, so that other load on the machine meets both.
    bare_s = bare_cpu = full_s = full_cpu = 0.0
    serial = []
    step = -(-len(corpus) // SLICES)
    for lo in range(0, len(corpus), step):
        c0, t0 = time.process_time(), time.perf_counter()
        for _ in bare.pipe(texts[lo : lo + step], batch_size=BATCH_SIZE):
            pass
        bare_s += time.perf_counter() - t0
        bare_cpu += time.process_time() - c0
        c0, t0 = time.process_time(), time.perf_counter()
        serial.extend(extractors.extract_many(corpus[lo : lo + step], batch_size=BATCH_SIZE))
        full_s += time.perf_counter() - t0
        full_cpu += time.process_time() - c0
    n_records = sum(len(c.quotes) + len(c.casualties) + len(c.equipment) for c in serial)
    ratio = bare_s / full_s

    line("bare spaCy (nlp.pipe)", f"{rate(total_words, bare_s)}   {total_words / bare_cpu:,.0f} words/CPU-s")
    line(
        "extract_many, n_process=1",
        f"{rate(total_words, full_s)}   {total_words / full_cpu:,.0f} words/CPU-s   {n_records:,} records",
    )
    line(
        "  / bare spaCy",
        f"{ratio:8.2f} x   (per CPU second {bare_cpu / full_cpu:.2f} x)   target >= 0.85",
    )
    line("peak RSS, this process", f"{peak_rss_mb(resource.RUSAGE_SELF):8,.0f} MB (both pipelines, corpus)")

    if not args.no_parallel:
        c0, w0, t0 = time.process_time(), children_cpu(), time.perf_counter()
        with TreeMemory(os.getpid(), include_root=False) as memory:
            parallel = list(extractors.extract_many(corpus, batch_size=BATCH_SIZE, n_process=n_proc))
        par_s = time.perf_counter() - t0
        par_cpu, workers_cpu = time.process_time() - c0, children_cpu() - w0
        same = [asdict(c) for c in parallel] == [asdict(c) for c in serial]
        line(f"extract_many, n_process={n_proc}", f"{rate(total_words, par_s)}   (worker start-up included)")
        line("  speed-up over n_process=1", f"{full_s / par_s:8.2f} x   target >= 1.6 (2 workers, 2 cores)")
        line(
            "  CPU time",
            f"{par_cpu + workers_cpu:8.1f} s (this process {par_cpu:.1f} s, workers {workers_cpu:.1f} s; "
            f"n_process=1: {full_cpu:.1f} s)",
        )
        line("  results == n_process=1", "identical (order and content)" if same else "DIFFERENT")
        workers = memory.peaks("worker") or [peak_rss_mb(resource.RUSAGE_CHILDREN)]
        line("peak RSS, each worker", f"{mb_list(workers)}   target < 600 MB")

    exe = claims_executable()
    if exe is None or args.no_cli:
        line("claims extract", "n/a (no `claims` command installed)" if exe is None else "skipped")
    else:
        with tempfile.TemporaryDirectory(prefix="claims-bench-") as tmp:
            files = []
            for doc_id, text in corpus:
                path = os.path.join(tmp, doc_id)
                with open(path, "w", encoding="utf-8") as fh:
                    fh.write(text)
                files.append(path)
            runs = [1] if args.no_parallel else [1, n_proc]
            walls: dict[int, float] = {}
            for n in runs:
                code, first, wall, cpu, memory = run_claims(exe, files, n)
                label = f"claims extract -n {n} (jsonl)"
                if code != 0:
                    line(label, f"failed with exit code {code}: {first}")
                    continue
                walls[n] = wall
                line(
                    label,
                    f"{rate(total_words, wall)}   {total_words / cpu:,.0f} words/CPU-s   (incl. start-up)",
                )
                line("  / bare spaCy", f"{bare_s / wall:8.2f} x")
                if n > 1 and 1 in walls:
                    line("  speed-up over -n 1", f"{walls[1] / wall:8.2f} x   target >= 1.6")
                main_mb = memory.peaks("main") or [peak_rss_mb(resource.RUSAGE_CHILDREN)]
                line("  peak RSS, claims process", f"{mb_list(main_mb)}   target < 600 MB")
                if n > 1:
                    line("  peak RSS, each worker", f"{mb_list(memory.peaks('worker'))}   target < 600 MB")

    if exe is not None:
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            help_proc = subprocess.run([exe, "--help"], stdin=subprocess.DEVNULL, capture_output=True)
            times.append(time.perf_counter() - t0)
        status = "" if help_proc.returncode == 0 else f"  (exit code {help_proc.returncode})"
        line(
            "claims --help",
            f"{statistics.median(times):8.2f} s wall, median of 5 (min {min(times):.2f})   target < 0.3 s"
            f"{status}",
        )
    print(f"  load average {load_average()} at end", flush=True)


if __name__ == "__main__":
    main()
