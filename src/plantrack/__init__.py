"""plantrack: track a five-year plan's targets, record actuals, judge progress."""

__version__ = "0.1.0"
