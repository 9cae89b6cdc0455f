"""Policies that are not Walt's, each a theory of alliance choice from the literature
(docs/AGENTS.md gives their reasons): run one with `python -m entente_agent.examples.NAME`."""
