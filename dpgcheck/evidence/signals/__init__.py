"""Evidence detectors shared by indicators 6, 8, 9a and 9b.

Each detector reads the repository through one bounded source scan (:mod:`.scan`), computed
once per target through ``ctx.memo``, so a file is read at most once whatever asks for it.

Patterns the catalogues hold are searched through :class:`Prefiltered` (re-exported from
``dpgcheck.evidence.regex_literals`` for plugins, as ``dpgcheck.api.signals.Prefiltered``),
which skips the texts a pattern cannot match.
"""

from dpgcheck.evidence.regex_literals import Prefiltered

__all__ = ["Prefiltered"]
