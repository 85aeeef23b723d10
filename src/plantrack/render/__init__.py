"""Everything a user sees is drawn here; the core hands over plain results."""
