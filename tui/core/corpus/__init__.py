"""Collections of annotated articles: discovery, the embedded index, and search.

Pure: nothing here imports Textual. Screens ask questions (rows, hits) and get plain
data back; SQL never leaves this package.
"""
