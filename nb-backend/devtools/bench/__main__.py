"""`python -m devtools.bench` (what `make bench` runs)."""

from devtools.bench.run import run_all

run_all()
