"""Evidence detectors shared by indicators 6, 8, 9a and 9b.

Each detector reads the repository through one bounded source scan (:mod:`.scan`), computed
once per target through ``ctx.memo``, so a file is read at most once whatever asks for it.
"""
