"""Reassessment of the registry: every DPG re-checked, and what changed since acceptance."""
