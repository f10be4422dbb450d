"""Batch runs: target lists, running many targets, shards and their merge."""
