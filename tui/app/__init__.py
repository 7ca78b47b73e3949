"""The Textual layer: the apps, their screens, widgets, renderers and styles."""
