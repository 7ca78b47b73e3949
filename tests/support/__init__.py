"""Helpers shared by the test modules: terminals, snapshots, Pilot waits, corpora, costs.

Test modules import from here and never from each other.
"""
