"""Helpers shared by the tests (accounts, generations, conversations, statistics, log capture).

Test modules import helpers from here and fixtures through conftest; they never import each other.
"""
