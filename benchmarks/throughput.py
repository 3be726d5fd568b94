"""Throughput of the extractors and the `claims` command, triaged and with --full-parse, beside bare spaCy.

    python benchmarks/throughput.py                       # both corpora, each read once
    python benchmarks/throughput.py --repeat 3            # each corpus three times over (steadier figures)
    python benchmarks/throughput.py --corpus war --no-cli # the library only, on war reporting

Two corpora, measured one after the other with the same figures:
  * war: claim-dense war reporting, ../shared/eval/real/*.txt (read here, never copied) and samples/*.txt;
  * general: general news in which war figures are rare, benchmarks/general-news/*.txt (60 articles written
    for the project, many quotes), else the 60 articles tests/newsgen.py generates.
`--repeat N` takes each N times over (the copies are identical). Prints figures only: the issue's targets
are shown beside them, but nothing is asserted.

Measured on each corpus, in one run:
  * bare spaCy: `extractors.pipeline.load_model()` (the English model alone) over the corpus with `nlp.pipe`;
  * extract_many triaged (the default) and with full_parse=True, n_process=1, each as a ratio to bare spaCy.
    The three run in turns over slices of the corpus, so that other load on the machine falls on all alike;
    words per CPU second are shown too, which such load hardly moves;
  * whether the triaged results are identical to the full parse's, and what triage parsed: the share of
    tokens and of sentences (the full parse's sentences) in the blocks it kept, and how many documents it
    parsed whole;
  * the bound on any triage: bare spaCy on only the sentences that hold a record (the full parse's sentences;
    no context, none of what attribution reads elsewhere), timed in turns with bare spaCy on everything, as
    a ratio to it; then with the extractors' own cost (full parse minus bare spaCy) added, and in the
    subprocess section with start-up and model load added too, as the `-n 1` target counts them;
  * extract_many with n_process=N (default 2): its speed-up over n_process=1, and whether its results are
    identical to those of one process;
  * in subprocesses over the corpus written to a temp dir, start-up and model loading included: bare spaCy
    (a Python process that loads the model and runs `nlp.pipe` over the files), `claims extract FILE...
    --format jsonl > /dev/null` with -n 1, -n 1 --full-parse and -n N; ratios to that bare process;
  * peak resident memory (VmHWM) of every process: this one (all pipelines and the corpus loaded), the
    extract_many workers, and the `claims extract` processes and their workers;
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
    """`n_docs` (id, text) pairs: the samples in turn, each copy with its own figures and names (the corpus
    of benchmarks/dask_scaling.py)."""
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


def run_claims(
    exe: str, files: list[str], n_process: int, extra: list[str] | None = None
) -> tuple[int, str, float, float, TreeMemory]:
    """`claims extract FILE... --format jsonl -n N [extra] > /dev/null`: exit code, first stderr line, wall
    and CPU seconds (of the whole process tree), per-process peak memory."""
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        proc = subprocess.Popen(
            [exe, "extract", *files, "--format", "jsonl", "-n", str(n_process), *(extra or [])],
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


ROOT_PARENT = ROOT.parent
TARGETS = {"war": 1.3, "general": 2.0}

# A bare-spaCy process: the model loaded, the files read and run through nlp.pipe, as `claims extract` does.
BARE_SCRIPT = """
import sys
from extractors.pipeline import load_model
nlp = load_model()
texts = (open(path, encoding="utf-8").read() for path in sys.argv[1:])
for _ in nlp.pipe(texts, batch_size=16):
    pass
"""


def war_corpus() -> tuple[list[tuple[str, str]], str]:
    real = sorted((ROOT_PARENT / "shared" / "eval" / "real").glob("*.txt"))
    paths = [*real, *sorted(SAMPLES.glob("*.txt"))]
    where = "../shared/eval/real, samples" if real else "samples (no ../shared/eval/real here)"
    return [(p.name, p.read_text(encoding="utf-8")) for p in paths], where


def general_corpus() -> tuple[list[tuple[str, str]], str]:
    paths = sorted((ROOT / "benchmarks" / "general-news").glob("*.txt"))
    if paths:
        return [(p.name, p.read_text(encoding="utf-8")) for p in paths], "benchmarks/general-news"
    sys.path.insert(0, str(ROOT / "tests"))
    import newsgen

    return newsgen.articles(60), "tests/newsgen.py (no benchmarks/general-news here)"


def run_bare(files: list[str]) -> tuple[int, float, float, TreeMemory]:
    """BARE_SCRIPT over `files`: exit code, wall and CPU seconds, peak memory."""
    cpu0 = children_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", BARE_SCRIPT, *files], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL
    )
    with TreeMemory(proc.pid) as memory:
        proc.wait()
    return proc.returncode, time.perf_counter() - t0, children_cpu() - cpu0, memory


def parsed_share(nlp, texts: list[str], claims: list) -> tuple[float, float, int, list[str], float]:  # noqa: ANN001
    """What triage keeps: the share of tokens and of sentences (the full parse's) in kept blocks, and how
    many documents it parses whole. And from the same parse, the bound on any triage: the sentences that
    hold a record of `claims`, joined per document, and their share of the tokens (all that a triage knowing
    the answer in advance would have to parse)."""
    from extractors.triage import make_plan, triage_for

    kept_tok = all_tok = kept_sent = all_sent = whole = held_tok = 0
    held: list[str] = []
    threshold = triage_for(nlp).rules.parse_all_above
    own = [n for n in nlp.pipe_names if n in {"claims_actors", "claims_equipment", "claims_extractor"}]
    docs = nlp.pipe(texts, disable=own, batch_size=BATCH_SIZE)
    for text, doc, found in zip(texts, docs, claims, strict=True):
        plan = make_plan(nlp, text)
        kept_tok += plan.kept_tokens
        all_tok += plan.n_tokens
        whole += plan.kept_tokens >= threshold * plan.n_tokens
        kept_at = [False] * len(doc)
        for (a, b), keep in zip(plan.blocks, plan.keep, strict=True):
            if keep:
                kept_at[a:b] = [True] * (b - a)
        spans = [(r.start, r.end) for r in found.records()]
        holding = []
        for sent in doc.sents:
            all_sent += 1
            kept_sent += kept_at[sent.start]
            if any(a < sent.end_char and b > sent.start_char for a, b in spans):
                holding.append(sent)
        held.append(" ".join(sent.text.strip() for sent in holding))
        held_tok += sum(len(sent) for sent in holding)
    share = held_tok / max(1, all_tok)
    return kept_tok / max(1, all_tok), kept_sent / max(1, all_sent), whole, held, share


def measure(name: str, corpus: list[tuple[str, str]], where: str, args: argparse.Namespace) -> None:
    import extractors
    from extractors.pipeline import get_nlp, load_model

    bare, nlp = load_model(), get_nlp()
    texts = [text for _, text in corpus]
    total_words = sum(words(t) for t in texts)
    n_proc = args.n_process
    print(
        f"== {name}: {len(corpus)} documents, {total_words:,} words ({where}); load average {load_average()}"
    )

    # warm all three up on one document so first-call costs count against none
    list(bare.pipe(texts[:1]))
    list(extractors.extract_many(corpus[:1]))
    list(extractors.extract_many(corpus[:1], full_parse=True))

    # in turns, slice by slice, so that other load on the machine meets all three
    wall = {"bare": 0.0, "triaged": 0.0, "full": 0.0}
    cpu = dict(wall)
    out: dict[str, list] = {"triaged": [], "full": []}
    step = -(-len(corpus) // SLICES)
    for lo in range(0, len(corpus), step):
        for what in ("bare", "triaged", "full"):
            c0, t0 = time.process_time(), time.perf_counter()
            if what == "bare":
                for _ in bare.pipe(texts[lo : lo + step], batch_size=BATCH_SIZE):
                    pass
            else:
                out[what].extend(
                    extractors.extract_many(
                        corpus[lo : lo + step], batch_size=BATCH_SIZE, full_parse=what == "full"
                    )
                )
            wall[what] += time.perf_counter() - t0
            cpu[what] += time.process_time() - c0
    n_records = sum(len(c.records()) for c in out["triaged"])
    line(
        "bare spaCy (nlp.pipe)",
        f"{rate(total_words, wall['bare'])}   {total_words / cpu['bare']:,.0f} words/CPU-s",
    )
    for what, label in (("triaged", "extract_many (triaged)"), ("full", "extract_many, full_parse=True")):
        line(label, f"{rate(total_words, wall[what])}   {total_words / cpu[what]:,.0f} words/CPU-s")
        line(
            "  / bare spaCy",
            f"{wall['bare'] / wall[what]:8.2f} x   (per CPU second {cpu['bare'] / cpu[what]:.2f} x)"
            + (f"   target >= {TARGETS[name]}" if what == "triaged" else ""),
        )
    same = [asdict(c) for c in out["triaged"]] == [asdict(c) for c in out["full"]]
    line("  triaged == full parse", f"{'identical' if same else 'DIFFERENT'} ({n_records:,} records)")
    tok, sent, whole, held, held_share = parsed_share(nlp, texts, out["full"])
    line("  parsed by triage", f"{tok:8.1%} of tokens, {sent:.1%} of sentences; {whole} of {len(texts)} "
         "documents whole")  # fmt: skip
    # The bound on any triage: bare spaCy on only the sentences that hold a record (no context, none of what
    # attribution reads elsewhere), timed in turns with bare spaCy on everything.
    oracle = {"all": 0.0, "held": 0.0}
    for lo in range(0, len(corpus), step):
        for what, batch in (("all", texts[lo : lo + step]), ("held", held[lo : lo + step])):
            t0 = time.perf_counter()
            for _ in bare.pipe(batch, batch_size=BATCH_SIZE):
                pass
            oracle[what] += time.perf_counter() - t0
    own_cost = max(0.0, wall["full"] - wall["bare"])  # rule components and extractors, over the model
    bound = oracle["all"] / oracle["held"]
    bound_own = oracle["all"] / (oracle["held"] + own_cost * oracle["all"] / wall["bare"])
    line("  sentences holding a record", f"{held_share:8.1%} of tokens (the full parse's sentences)")
    line("bare spaCy on those alone", f"{bound:8.2f} x bare spaCy: the most any triage can give")
    line("  with the extractors' own cost", f"{bound_own:8.2f} x   target >= {TARGETS[name]}")
    line("peak RSS, this process", f"{peak_rss_mb(resource.RUSAGE_SELF):8,.0f} MB (all pipelines, corpora)")

    if not args.no_parallel:
        c0, w0, t0 = time.process_time(), children_cpu(), time.perf_counter()
        with TreeMemory(os.getpid(), include_root=False) as memory:
            parallel = list(extractors.extract_many(corpus, batch_size=BATCH_SIZE, n_process=n_proc))
        par_s = time.perf_counter() - t0
        par_cpu = time.process_time() - c0 + children_cpu() - w0
        line(f"extract_many, n_process={n_proc}", f"{rate(total_words, par_s)}   (worker start-up included)")
        line("  speed-up over n_process=1", f"{wall['triaged'] / par_s:8.2f} x   ({par_cpu:.1f} CPU-s)")
        line("  results == n_process=1", "identical" if parallel == out["triaged"] else "DIFFERENT")
        workers = memory.peaks("worker") or [peak_rss_mb(resource.RUSAGE_CHILDREN)]
        line("peak RSS, each worker", f"{mb_list(workers)}   target < 600 MB")

    exe = claims_executable()
    if exe is None or args.no_cli:
        line("claims extract", "n/a (no `claims` command installed)" if exe is None else "skipped")
        return
    with tempfile.TemporaryDirectory(prefix="claims-bench-") as tmp:
        files = []
        for i, (doc_id, text) in enumerate(corpus):
            path = os.path.join(tmp, f"{i:05d}-{doc_id}")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            files.append(path)
        code, bare_wall, bare_cpu, memory = run_bare(files)
        if code != 0:
            line("bare spaCy process", f"failed with exit code {code}")
            return
        line(
            "bare spaCy process (with load)",
            f"{rate(total_words, bare_wall)}   {mb_list(memory.peaks('main'))}",
        )
        # the same bound with start-up and model load counted, as the -n 1 target counts them
        start_up = max(0.0, bare_wall - oracle["all"])
        line(
            "  bound for -n 1, load included",
            f"{bare_wall / (start_up + oracle['held']):8.2f} x extraction free, "
            f"{bare_wall / (start_up + oracle['held'] + own_cost):.2f} x with the extractors' cost",
        )
        runs = [(1, [])] + ([] if args.no_parallel else [(n_proc, [])]) + [(1, ["--full-parse"])]
        walls: dict[int, float] = {}
        for n, extra in runs:
            code, first, wall_s, cpu_s, memory = run_claims(exe, files, n, extra)
            label = f"claims extract -n {n}{' ' + ' '.join(extra) if extra else ''}"
            if code != 0:
                line(label, f"failed with exit code {code}: {first}")
                continue
            line(label, f"{rate(total_words, wall_s)}   {total_words / cpu_s:,.0f} words/CPU-s (with load)")
            target = f"   target >= {TARGETS[name]}" if n == 1 and not extra else ""
            line("  / bare spaCy process", f"{bare_wall / wall_s:8.2f} x{target}")
            if not extra:
                walls[n] = wall_s
            if n > 1 and 1 in walls:
                line("  speed-up over -n 1", f"{walls[1] / wall_s:8.2f} x   target >= 1.7")
            main_mb = memory.peaks("main") or [peak_rss_mb(resource.RUSAGE_CHILDREN)]
            line("  peak RSS, claims process", f"{mb_list(main_mb)}   target < 600 MB")
            if n > 1:
                line("  peak RSS, each worker", f"{mb_list(memory.peaks('worker'))}   target < 600 MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=["war", "general", "both"], default="both", help="(both)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N", help="take each corpus N times (1)")
    parser.add_argument(
        "--n-process", type=int, default=2, metavar="N", help="worker processes for the parallel runs (2)"
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess runs")
    parser.add_argument("--no-parallel", action="store_true", help="skip the n_process > 1 runs")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.n_process < 2:
        parser.error("--n-process must be at least 2")

    import spacy

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
    print(f"  pipeline:    {', '.join(full.pipe_names)}; batch_size={BATCH_SIZE}")
    print(f"  model load:  bare {load_bare:.2f} s, with rule components {load_full:.2f} s")
    print(flush=True)
    for name, build in (("war", war_corpus), ("general", general_corpus)):
        if args.corpus in (name, "both"):
            corpus, where = build()
            copies = [(f"{k}-{doc_id}", text) for k in range(args.repeat) for doc_id, text in corpus]
            measure(name, copies, where + (f", {args.repeat} times over" if args.repeat > 1 else ""), args)
            print(flush=True)

    exe = claims_executable()
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
