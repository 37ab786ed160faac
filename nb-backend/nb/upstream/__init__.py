"""Gemini as this platform sees it: the one client that builds upstream URLs and headers and makes
the calls, and the classification of what came back. The gateway and the pool's probe both use it."""
