"""``python -m binome_engine.evaluation.holdout``: the real set's tables on the held-out set."""

from __future__ import annotations

from binome_engine.evaluation.holdout import load
from binome_engine.evaluation.real.__main__ import main

if __name__ == "__main__":
    raise SystemExit(main(load, prog="holdout"))
