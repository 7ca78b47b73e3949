"""Helpers shared by the test modules: terminals, snapshots, Pilot waits, corpora, costs,
in-process runs with a deadline.

Test modules import from here and never from each other.
"""
