"""The order in which a batch with worker processes hands out its targets: the largest first.

A batch ends when its last check does. In input order, a large repository listed last runs
alone at the end while the other cores idle; handing out the largest local work trees first
(longest processing time first) leaves the small ones to fill the cores at the end. The
first target handed out is checked in the parent before the workers fork, to warm them: it is
the smallest, so that serial start stays short.

A work tree's size is estimated by its git index (``.git/index`` holds an entry per tracked
file): one ``lstat``, no read, nothing outside the target's folder (a ``.git`` that is a link
or a file, as in a linked worktree, gives no estimate). Targets without an estimate (remote,
folders without git, wrong input) keep their input order after the sized ones. Results are
still reported in input order; only JSON Lines, written as checks finish, shows the order.
"""

from __future__ import annotations

import os
import stat

from dpgcheck.batch.targets import BatchTarget


def index_size(target: BatchTarget) -> int | None:
    """Bytes of the target's ``.git/index`` when it is a local work tree, else ``None``."""
    if target.problem is not None or target.review is not None:
        return None
    try:
        git = os.path.join(os.path.expanduser(target.spec), ".git")
        if not stat.S_ISDIR(os.lstat(git).st_mode):
            return None
        index = os.lstat(os.path.join(git, "index"))
    except (OSError, ValueError):
        return None
    return index.st_size if stat.S_ISREG(index.st_mode) else None


def dispatch_order(targets: list[BatchTarget], jobs: int) -> list[tuple[int, BatchTarget]]:
    """``(input index, target)`` in the order to hand them out. One job: input order (one
    worker gains nothing from another order, and its JSON Lines stay in input order)."""
    numbered = list(enumerate(targets))
    if jobs <= 1:
        return numbered
    sizes = {index: index_size(target) for index, target in numbered}
    sized = [(size, index) for index, size in sizes.items() if size is not None]
    if len(sized) < 2:
        return numbered
    smallest = min(sized)
    largest_first = sorted((s for s in sized if s != smallest), key=lambda s: (-s[0], s[1]))
    order = [smallest[1], *(index for _, index in largest_first)]
    order += [index for index, size in sizes.items() if size is None]
    return [(index, targets[index]) for index in order]
