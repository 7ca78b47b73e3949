"""Comparing two annotations of one article: what agrees, what differs, and by how much.

Pure: no Textual. ``align`` runs a comparison (``mentions``, ``events`` and
``relations`` pair each layer; ``findings`` says what was found), ``metrics`` holds the
agreement figures and ``assignment`` the optimal matching CEAF needs, ``textmap`` maps
spans between two slightly different texts, ``folders`` pairs the documents of two
folders, ``report`` prints, ``command`` is ``gloss diff`` (``arguments``: its command
line) and ``marks`` feeds the screen.
"""
