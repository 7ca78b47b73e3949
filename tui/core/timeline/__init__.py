"""Time: happenings and their dates, time expressions, timeline tables."""
