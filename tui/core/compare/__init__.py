"""Comparing two annotations of one article: what agrees, what differs, and by how much.

Pure: no Textual. ``metrics`` holds the agreement figures, ``assignment`` the optimal
matching CEAF needs, ``textmap`` maps spans between two slightly different texts,
``align`` pairs the annotations of two documents, and ``folders`` pairs documents.
"""
