"""Time and peak memory of one long document: the war-reporting texts joined and repeated to a size.

    python benchmarks/long_document.py               # 0.5 MB and 2.5 MB
    python benchmarks/long_document.py --mb 1 5 10

Each size runs in a fresh process, so that its peak resident memory (VmHWM) is its own. The texts are
../shared/eval/real/*.txt when the shared evaluation sets are beside the checkout (read here, never copied),
else samples/*.txt. Prints figures only.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import sys, time
from pathlib import Path
from extractors import extract, get_nlp

paths = sorted(Path(sys.argv[1]).glob("*.txt"))
unit = "\n\n".join(p.read_text(encoding="utf-8") for p in paths) + "\n\n"
text = unit * max(1, round(float(sys.argv[2]) * 1_000_000 / len(unit)))
get_nlp()
start = time.perf_counter()
claims = extract(text)
seconds = time.perf_counter() - start
hwm = next(line for line in open("/proc/self/status") if line.startswith("VmHWM")).split()[1]
words = len(text.split())
print(f"{len(text) / 1e6:6.2f} MB  {words:9,d} words  {seconds:7.1f} s  {words / seconds:7,.0f} words/s  "
      f"{len(claims.records()):6,d} records  peak RSS {int(hwm) / 1024:6,.0f} MB")
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mb", type=float, nargs="+", default=[0.5, 2.5], help="sizes in MB (0.5 2.5)")
    args = parser.parse_args()
    shared = ROOT.parent / "shared" / "eval" / "real"
    texts = shared if shared.is_dir() else ROOT / "samples"
    print(f"texts: {texts}")
    for size in args.mb:
        subprocess.run([sys.executable, "-c", CHILD, str(texts), str(size)], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
