"""The repository view: one listing of the tree, bounded confined reads, ignore rules, globs."""
