"""The reader's widgets; each talks to the screen through messages."""
