"""`--dask ADDRESS` and `extractors.distributed`: the same claims as one process, in the same order, on Dask.

Few tests, since each cluster starts worker processes that load spaCy: the byte-for-byte check starts its own
`local:2` cluster (as a user would), the rest share one module-wide `LocalCluster`. Without the `dask` extra
only the test of the error message runs.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import random
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

import pytest
from clitools import RUNNER, write
from spacy.language import Language

from cli.app import app
from extractors import DocumentClaims, extract_many, record_to_dict

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
HAS_DASK = importlib.util.find_spec("distributed") is not None
needs_dask = pytest.mark.skipif(not HAS_DASK, reason="dask (the [dask] extra) is not installed")
# a lone surrogate is no Unicode text: spaCy's string store cannot encode it, on a worker as here
NOT_UNICODE = "Twelve soldiers were killed \ud800 near the border."

PLACES = ["Hadrut", "Fuzuli", "Jabrayil", "Martuni", "Tartar", "Ganja", "Stepanakert", "Aghdam", "Lachin"]
SENTENCES = [
    "The Armenian Defense Ministry said {n} Azerbaijani servicemen were killed near {place} overnight.",
    "Azerbaijan's Defense Ministry said its units destroyed {n} Armenian tanks and {m} artillery pieces.",
    "{n} civilians were wounded when shells hit {place} on Tuesday, local officials said.",
    "Armenian officials said {n} Azerbaijani drones had been shot down over {place} since the morning.",
    'The town "has been shelled every night for a week," the mayor of {place} told reporters.',
    "According to the Azerbaijani Prosecutor General's Office, {n} civilians have been killed since "
    "September 27.",
    "The Artsakh emergency service said {m} houses in {place} were damaged and {n} residents injured.",
    "Azerbaijani President Ilham Aliyev said {n} Armenian armored vehicles were captured near {place}.",
    "Shushan Stepanyan, a spokeswoman for the Armenian ministry, said {m} enemy helicopters were downed.",
    "Residents of {place} spent the night in basements as the fighting went on.",
]


def corpus(n_docs: int) -> list[dict[str, str | None]]:
    """JSONL rows of short articles, each a different mix of the sentences above with its own figures."""
    rng = random.Random(12)
    rows: list[dict[str, str | None]] = []
    for i in range(n_docs):
        place = PLACES[i % len(PLACES)]
        picked = rng.sample(SENTENCES, rng.randint(2, 5))
        body = " ".join(s.format(n=rng.randint(2, 90), m=rng.randint(2, 12), place=place) for s in picked)
        head = f"Fighting around {place}\n\n" if i % 2 else ""
        rows.append(
            {
                "id": f"art-{i:03d}",
                "date": f"2020-10-{1 + i % 28:02d}" if i % 3 else None,
                "text": head + body,
            }
        )
    return rows


def invoke(*args: str):  # noqa: ANN201 - click's Result
    result = RUNNER.invoke(app, list(args), prog_name="claims")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def test_without_dask_the_option_is_one_error_line_naming_the_extra(tmp_path: Path) -> None:
    # Dask may well be installed here: a shim makes importing it fail, as on a machine without the extra.
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(
        "import sys\n"
        "class _NoDask:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('dask', 'distributed'):\n"
        "            raise ImportError(f'No module named {name!r}')\n"
        "sys.meta_path.insert(0, _NoDask())\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(shim)}
    for command in ("extract", "compare", "timeline"):
        # A missing input: it would be one more Error line if inputs were read before the check.
        proc = subprocess.run(
            [sys.executable, "-m", "cli", command, "missing.txt", "--dask", "local:2"],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        assert proc.returncode == 1, proc.stderr
        assert proc.stdout == ""
        assert proc.stderr == (
            "Error: --dask needs Dask, which is not installed: pip install 'conflict-claims[dask]'\n"
        )


def test_record_rows_have_the_columns_of_the_csv_output() -> None:
    from cli.render import CSV_FIELDS
    from extractors.distributed import RECORD_COLUMNS

    assert RECORD_COLUMNS == CSV_FIELDS


@pytest.mark.parametrize(
    ("args", "complaint"),
    [
        (["--dask", "somewhere"], "'somewhere' is neither a scheduler address (tcp://HOST:PORT) nor local:N"),
        (["--dask", "local:0"], "local:N needs at least 1 worker"),
        (["--dask", "local:2", "-n", "2"], "leave out -n/--n-process"),
    ],
)
def test_a_bad_dask_option_is_a_usage_error(args: list[str], complaint: str) -> None:
    result = invoke("extract", str(SAMPLES), *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert complaint in " ".join(result.stderr.replace("│", " ").split())


@needs_dask
def test_local_cluster_prints_exactly_what_one_process_prints(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, nlp: Language
) -> None:
    monkeypatch.chdir(tmp_path)
    rows = corpus(48)
    rows.insert(17, {"id": "not-unicode", "date": None, "text": NOT_UNICODE})
    write("corpus.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    write("notes/wire.txt", (SAMPLES / "wire-rival-claims-2020-10-05.txt").read_text(encoding="utf-8"))
    args = ["extract", "corpus.jsonl", "notes", "--format", "jsonl", "--batch-size", "4"]

    one = invoke(*args)
    on_dask = invoke(*args, "--dask", "local:2")

    assert one.exit_code == on_dask.exit_code == 1
    assert one.stderr.startswith("Error: not-unicode: could not be processed (UnicodeEncodeError: ")
    assert len(one.stderr.splitlines()) == 1
    lines = one.stdout.splitlines()
    assert len({json.loads(line)["doc"] for line in lines}) >= 40
    assert len(lines) > 150
    assert on_dask.stdout_bytes == one.stdout_bytes
    assert on_dask.stderr == one.stderr


# --- one cluster for the rest ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    if not HAS_DASK:
        pytest.skip("dask (the [dask] extra) is not installed")
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as dask_client,
    ):
        yield dask_client


def _samples(copies: int) -> list[tuple[str, str]]:
    texts = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    return [(f"{n}/{name}", text) for n in range(copies) for name, text in texts]


def _full(docs: list[DocumentClaims]) -> list[dict]:
    # asdict, not ==: it also compares the fields that take no part in equality (dates)
    return [asdict(d) for d in docs]


@needs_dask
def test_a_worker_killed_mid_run_loses_no_document_and_repeats_none(client, nlp: Language) -> None:
    from extractors.distributed import extract_on_dask

    items = _samples(4)
    items.insert(7, ("not-unicode", NOT_UNICODE))
    serial_errors: list[tuple[str, str]] = []
    serial = list(extract_many(items, on_error=lambda i, e: serial_errors.append((i, type(e).__name__))))
    pids = client.run(os.getpid)
    errors: list[tuple[str, str]] = []

    docs = extract_on_dask(
        items, client, batch_size=2, on_error=lambda i, e: errors.append((i, type(e).__name__))
    )
    out = [next(docs)]
    # the run is under way: kill a worker that has batches on hand, as a crash or a lost machine would
    # (a worker that has finished its batches holds their results, which die with it and are computed again)
    victim = next((worker for worker, keys in client.processing().items() if keys), next(iter(pids)))
    os.kill(pids[victim], signal.SIGKILL)
    out.extend(docs)

    assert pids[victim] not in client.run(os.getpid).values()
    assert serial_errors == [("not-unicode", "UnicodeEncodeError")]
    assert errors == serial_errors
    assert [d.id for d in out] == [i for i, _ in items if i != "not-unicode"]
    assert _full(out) == _full(serial)
    client.wait_for_workers(2)


@needs_dask
def test_a_batch_that_kills_its_worker_too_often_is_reported_document_by_document(client) -> None:
    from extractors.distributed import extract_on_dask

    def allowed_failures(failures: int | None = None):  # noqa: ANN202 - runs on the scheduler
        def on(dask_scheduler) -> int:  # noqa: ANN001
            if failures is not None:
                dask_scheduler.allowed_failures = failures
            return dask_scheduler.allowed_failures

        return on

    # long documents, one per batch: each batch takes a while, so the one killed is surely still running
    items = [(doc_id, text * 4) for doc_id, text in _samples(1)]
    pids = client.run(os.getpid)
    errors: list[tuple[str, str]] = []
    # no second chance, so that one kill is "too often", as for a batch that has crashed three workers
    default = client.run_on_scheduler(allowed_failures())
    client.run_on_scheduler(allowed_failures(0))
    try:
        docs = extract_on_dask(
            items, client, batch_size=1, on_error=lambda i, e: errors.append((i, type(e).__name__))
        )
        out = [next(docs)]
        busy = [worker for worker, keys in client.processing().items() if keys]
        assert busy, "no worker was busy after the first batch"
        os.kill(pids[busy[0]], signal.SIGKILL)
        out.extend(docs)
    finally:
        client.run_on_scheduler(allowed_failures(default))
    client.wait_for_workers(2)

    failed = [doc_id for doc_id, _ in errors]
    assert failed
    assert {kind for _, kind in errors} == {"KilledWorker"}
    assert [d.id for d in out] == [doc_id for doc_id, _ in items if doc_id not in failed]


@needs_dask
def test_compare_and_timeline_on_a_scheduler_address(client, nlp: Language) -> None:
    address = client.scheduler.address
    for args in (
        ["compare", str(SAMPLES), "--format", "csv"],
        ["timeline", str(SAMPLES), "--width", "100", "--height", "10"],
    ):
        one = invoke(*args)
        on_dask = invoke(*args, "--dask", address)
        assert one.exit_code == on_dask.exit_code == 0
        assert len(one.stdout.splitlines()) > 10
        assert on_dask.stdout == one.stdout
        assert on_dask.stderr == one.stderr


@needs_dask
def test_each_worker_loads_the_pipeline_once(client) -> None:
    from extractors.distributed import extract_on_dask

    rows = corpus(12)
    docs = list(extract_on_dask(((r["id"], r["text"], r["date"]) for r in rows), client, batch_size=1))
    assert len(docs) == 12

    def model_loads() -> tuple[int, int]:
        from extractors.pipeline import get_nlp

        info = get_nlp.cache_info()
        return info.misses, info.hits

    loads = client.run(model_loads).values()
    assert all(misses <= 1 for misses, _ in loads)
    # 12 batches here alone, every one asking its worker for the pipeline, which was built at most once
    assert sum(misses + hits for misses, hits in loads) >= 12


@needs_dask
def test_a_bag_and_a_dataframe_of_articles_give_the_jsonl_records_and_parquet(
    client, tmp_path: Path, nlp: Language
) -> None:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd

    from extractors.distributed import extract_bag, extract_frame, records_frame, records_meta

    rows = corpus(10)
    rows[4] = {"id": "not-unicode", "date": None, "text": NOT_UNICODE}
    items = [(r["id"], r["text"], r["date"]) for r in rows]
    docs = list(extract_many(items, on_error=lambda i, e: None))
    expected = [record_to_dict(rec, d.id) for d in docs for rec in d.records()]
    assert len(expected) > 20

    bag = extract_bag(db.from_sequence(items, npartitions=3))
    assert bag.compute() == expected  # the failing document is left out, the rest go on

    bag.to_dataframe(meta=records_meta()).to_parquet(tmp_path / "claims.parquet")
    saved = pd.read_parquet(tmp_path / "claims.parquet").reset_index(drop=True)
    pd.testing.assert_frame_equal(saved, records_frame(expected), check_dtype=True)
    assert saved.loc[0, "doc"] == expected[0]["doc"]

    # (a lone surrogate is no text pyarrow can hold: the frame goes without the failing document)
    frame = dd.from_pandas(pd.DataFrame([r for r in rows if r["id"] != "not-unicode"]), npartitions=2)
    records = frame.map_partitions(extract_frame, meta=records_meta()).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(records, records_frame(expected))


@needs_dask
def test_an_unreachable_scheduler_is_one_error_line(monkeypatch: pytest.MonkeyPatch) -> None:
    import extractors.distributed

    monkeypatch.setattr(extractors.distributed, "CONNECT_TIMEOUT", "1s")
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = invoke("extract", str(SAMPLES), "--dask", f"tcp://127.0.0.1:{port}")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(
        f"Error: --dask tcp://127.0.0.1:{port}: cannot reach the Dask scheduler ("
    )
    assert len(result.stderr.splitlines()) == 1
