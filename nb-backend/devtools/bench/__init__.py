"""`nb bench`: the gateway and statistics benchmarks, run against real processes on this machine."""
