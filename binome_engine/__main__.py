"""``python -m binome_engine``: the engine's command line (see ``cli.py``)."""

from binome_engine.cli import main

raise SystemExit(main())
