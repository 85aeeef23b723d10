"""The sanitizer lives in the core (plantrack.text) so that messages built there are safe too."""

from plantrack.text import safe

__all__ = ["safe"]
