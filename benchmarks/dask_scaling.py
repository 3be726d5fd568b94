"""Scale-out on Dask: `claims extract` with -n 1, -n 2 and --dask local:2 on one corpus, and Dask's overhead.

    python benchmarks/dask_scaling.py               # 300 documents (about 145,000 words; ~3 minutes)
    python benchmarks/dask_scaling.py --docs 100    # a quicker run
    python benchmarks/dask_scaling.py --no-cli      # the overhead figures only

Needs the dask extra (`pip install -e '.[dask]'`). The corpus is the one `throughput.build_corpus` builds from
samples/*.txt (seeded copies with their own figures and names), written to a temp dir; nothing is downloaded.
Prints figures only; nothing is asserted.

Measured, in one run:
  * end to end, `claims extract FILE... --format jsonl > FILE` in a subprocess (start-up, model loading and,
    for --dask, starting the cluster included) with -n 1, -n 2 and --dask local:2: words/s, CPU seconds of
    the whole process tree, the ratios, and whether the three outputs are byte-identical;
  * Dask's overhead, in this process, on a LocalCluster of 2 workers (1 thread each): starting it (and
    closing it), the workers' first pipeline load, the round trip of a task that does nothing with a batch
    of 16 documents as its argument (scheduling, and sending the texts to a worker), and this process's CPU
    time per document in `extract_on_dask` (dating, sending, receiving the records: the share of the work
    that stays on the client, however many workers there are);
  * the steady rate, once the workers are warm: `extract_on_dask` over the corpus on the 2 workers, against
    `extract_many` in this process (one core), so per-core words/s without start-up costs.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import extractors

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import (  # noqa: E402 - the corpus and the helpers of the other benchmark
    build_corpus,
    children_cpu,
    claims_executable,
    cpu_name,
    line,
    load_average,
    rate,
    words,
)

BATCH_SIZE = 16


def own_cpu(pid: int) -> float | None:
    """CPU seconds of the process `pid` alone, not its children (Linux /proc), or None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_claims(
    exe: str, files: list[str], option: list[str], out: str
) -> tuple[int, str, float, float, float | None]:
    """`claims extract FILE... --format jsonl OPTION > out`: exit code, first stderr line, wall and CPU
    seconds of the process tree, and CPU seconds of the `claims` process itself (reading the inputs, the
    client; with local:N the scheduler too), as last seen before it ended (sampled every 0.1 s)."""
    cpu0, t0 = children_cpu(), time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        proc = subprocess.Popen(
            [exe, "extract", *files, "--format", "jsonl", "-q", *option],
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.PIPE,
            text=True,
        )
        main_cpu: list[float] = []
        sampler = threading.Thread(target=_sample_cpu, args=(proc, main_cpu), daemon=True)
        sampler.start()
        _, err = proc.communicate()
        sampler.join()
    wall = time.perf_counter() - t0
    first = (err.strip().splitlines() or ["no message"])[0]
    return proc.returncode, first, wall, children_cpu() - cpu0, (main_cpu or [None])[-1]


def _sample_cpu(proc: subprocess.Popen[str], seen: list[float]) -> None:
    while proc.poll() is None:
        cpu = own_cpu(proc.pid)
        if cpu is not None:
            seen.append(cpu)
        time.sleep(0.1)


def digest(path: str) -> str:
    with open(path, "rb") as fh:
        return hashlib.sha256(fh.read()).hexdigest()


def _batch_length(batch: list[tuple[str, str, str | None]]) -> int:
    return sum(len(text) for _, text, _ in batch)


def _load_model() -> str:
    from extractors import get_nlp

    return ",".join(get_nlp().pipe_names)


def _peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def cli_runs(corpus: list[tuple[str, str]], total_words: int) -> None:
    exe = claims_executable()
    if exe is None:
        line("claims extract", "n/a (no `claims` command installed)")
        return
    with tempfile.TemporaryDirectory(prefix="claims-dask-bench-") as tmp:
        files = []
        for doc_id, text in corpus:
            path = os.path.join(tmp, doc_id)
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(text)
            files.append(path)
        walls: dict[str, float] = {}
        digests: dict[str, str] = {}
        for label, option in (
            ("-n 1", ["-n", "1"]),
            ("-n 2", ["-n", "2"]),
            ("--dask local:2", ["--dask", "local:2"]),
        ):
            out = os.path.join(tmp, f"out{len(walls)}.jsonl")
            code, first, wall, cpu, main_cpu = run_claims(exe, files, option, out)
            if code != 0:
                line(f"claims extract {label}", f"failed with exit code {code}: {first}")
                continue
            walls[label], digests[label] = wall, digest(out)
            line(
                f"claims extract {label}",
                f"{rate(total_words, wall)}   {cpu:6.1f} CPU-s   (load avg {load_average()})",
            )
            if main_cpu is not None:
                # start-up (imports; for local:N the scheduler and nannies) included, so not per document
                line("  the claims process itself", f"{main_cpu:8.1f} CPU-s")
        if "-n 1" in walls:
            for label in ("-n 2", "--dask local:2"):
                if label in walls:
                    line(f"  {label} / -n 1", f"{walls['-n 1'] / walls[label]:8.2f} x")
        if "-n 2" in walls and "--dask local:2" in walls:
            line("  --dask local:2 / -n 2", f"{walls['-n 2'] / walls['--dask local:2']:8.2f} x")
            line("  --dask local:2 - -n 2", f"{walls['--dask local:2'] - walls['-n 2']:8.1f} s wall")
        same = len(set(digests.values())) == 1 and len(digests) == 3
        line("  outputs", "byte-identical (all three)" if same else f"DIFFERENT or missing: {digests}")


def overhead(corpus: list[tuple[str, str]], total_words: int) -> None:
    from distributed import Client, LocalCluster

    from extractors import _dated_items
    from extractors.distributed import extract_on_dask

    t0 = time.perf_counter()
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    )
    client = Client(cluster, set_as_default=False)
    start = time.perf_counter() - t0
    line("LocalCluster(2) start", f"{start:8.2f} s (scheduler, 2 worker processes, client)")

    t0 = time.perf_counter()
    client.run(_load_model)
    line("pipeline load on the workers", f"{time.perf_counter() - t0:8.2f} s (both at once)")

    items = list(_dated_items(corpus, None))
    batches = [items[i : i + BATCH_SIZE] for i in range(0, len(items), BATCH_SIZE)]
    client.gather(client.map(_batch_length, batches[:2], pure=False))  # warm the task path up
    for label, args in (("empty task", [[] for _ in range(200)]), (f"task with {BATCH_SIZE} docs", batches)):
        t0 = time.perf_counter()
        client.gather(client.map(_batch_length, args, pure=False))
        per = (time.perf_counter() - t0) / len(args)
        line(f"round trip, {label}", f"{per * 1000:8.2f} ms per task, 2 workers ({len(args)} tasks)")

    # This process's CPU while the cluster idles: the scheduler's and nannies' periodic work (heartbeats,
    # memory polls), which goes on whatever the load and is no cost of the documents.
    c0, t0 = time.process_time(), time.perf_counter()
    time.sleep(3)
    idle = (time.process_time() - c0) / (time.perf_counter() - t0)
    line("this process, cluster idle", f"{idle * 1000:8.1f} ms CPU per second (scheduler, nannies)")

    c0, t0 = time.process_time(), time.perf_counter()
    on_dask = list(extract_on_dask(corpus, client, batch_size=BATCH_SIZE))
    dask_s, client_cpu = time.perf_counter() - t0, time.process_time() - c0
    line(
        "extract_on_dask, 2 warm workers",
        f"{rate(total_words, dask_s)}   {total_words / dask_s / 2:,.0f} words/s per worker",
    )
    line(
        "  this process's CPU per document",
        f"{client_cpu / len(corpus) * 1000:8.2f} ms ({client_cpu:.1f} s for {len(corpus)} documents), "
        f"{(client_cpu - idle * dask_s) / len(corpus) * 1000:.2f} ms less the idle share",
    )

    peaks = sorted(client.run(_peak_rss_mb).values())
    line("peak RSS, each worker", ", ".join(f"{mb:,.0f}" for mb in peaks) + " MB")

    t0 = time.perf_counter()
    client.close()
    cluster.close()
    line("LocalCluster(2) close", f"{time.perf_counter() - t0:8.2f} s")

    extractors.get_nlp()
    list(extractors.extract_many(corpus[:1]))
    t0 = time.perf_counter()
    serial = list(extractors.extract_many(corpus, batch_size=BATCH_SIZE))
    serial_s = time.perf_counter() - t0
    line("extract_many, this process", f"{rate(total_words, serial_s)}   (one core, warm)")
    line("  2 warm workers / one core", f"{serial_s / dask_s:8.2f} x")
    line("  results", "identical" if serial == on_dask else "DIFFERENT")

    per_doc = feeding_cost(corpus, serial)
    line(
        "claims process's own work",
        f"{per_doc * 1000:8.2f} ms CPU per document (read the file, date it, write its JSONL records): "
        f"one process feeds at most {1 / per_doc:,.0f} documents/s",
    )


def feeding_cost(corpus: list[tuple[str, str]], docs: list[extractors.DocumentClaims]) -> float:
    """CPU seconds per document of what the `claims` process does itself with --dask, whatever the
    cluster: reading and decoding each file, dating it, and writing its records as JSONL."""
    from cli.inputs import SourceText, iter_sources
    from cli.render import ExtractFormat, write_documents
    from extractors import _dated_items

    with tempfile.TemporaryDirectory(prefix="claims-dask-bench-") as tmp:
        files = []
        for doc_id, text in corpus:
            files.append(os.path.join(tmp, doc_id))
            with open(files[-1], "w", encoding="utf-8") as fh:
                fh.write(text)
        c0 = time.process_time()
        sources = [s for s in iter_sources(files) if isinstance(s, SourceText)]
        list(_dated_items(((s.id, s.text, s.date) for s in sources), None))
        write_documents(docs, ExtractFormat.jsonl, out=io.StringIO())
        return (time.process_time() - c0) / len(corpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=300, metavar="N", help="documents in the corpus (300)")
    parser.add_argument("--no-cli", action="store_true", help="skip the `claims` command runs")
    args = parser.parse_args()
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    try:
        import distributed  # noqa: F401
    except ImportError:
        sys.exit("needs Dask: pip install -e '.[dask]'")

    corpus = build_corpus(args.docs)
    total_words = sum(words(t) for _, t in corpus)
    print("conflict-claims Dask scaling benchmark")
    print(f"  machine:     {cpu_name()}, {os.cpu_count()} CPUs; load average {load_average()} at start")
    print(f"  corpus:      {len(corpus)} documents, {total_words:,} words, batch {BATCH_SIZE}")
    print(flush=True)
    if not args.no_cli:
        cli_runs(corpus, total_words)
    overhead(corpus, total_words)
    print(f"  load average {load_average()} at end", flush=True)


if __name__ == "__main__":
    main()
