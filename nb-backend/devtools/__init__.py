"""Development tooling, never imported by the product: the benchmark, and the helpers that start
backends, simulators and scratch databases for the tests and the benchmark."""
