"""The agent kit's version (pyproject.toml's), recorded in every run folder it writes to."""

__version__ = "0.2.0"
