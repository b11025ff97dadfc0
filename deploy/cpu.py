"""CPU seconds spent by process trees, read from ``/proc`` (Linux): what requests per CPU-second divide by.

Example:
    >>> before = tree_cpu_seconds({"me": os.getpid()})
    >>> sum(range(100_000)) > 0
    True
    >>> tree_cpu_seconds({"me": os.getpid()})["me"] >= before["me"]
    True
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

_TICKS = os.sysconf("SC_CLK_TCK")


def _read_stat(pid_dir: Path) -> tuple[int, float] | None:
    """A process's parent pid and its CPU seconds (its own, plus its reaped children's)."""
    try:
        raw = (pid_dir / "stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None  # it exited between listing and reading
    # The command name is in parentheses and may contain spaces: split after its closing one.
    fields = raw[raw.rindex(")") + 2 :].split()
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return ppid, (utime + stime + cutime + cstime) / _TICKS


def tree_cpu_seconds(roots: Mapping[str, int]) -> dict[str, float]:
    """CPU seconds of each named process and all its live descendants (exited ones count through their parent).

    Args:
        roots: A name for each root process id (e.g. ``{"app1": 1234, "postgres": 999}``).

    Returns:
        The seconds per name; a root that no longer exists counts 0.
    """
    parents: dict[int, int] = {}
    seconds: dict[int, float] = {}
    for pid_dir in Path("/proc").iterdir():
        if not pid_dir.name.isdigit():
            continue
        stat = _read_stat(pid_dir)
        if stat is not None:
            parents[int(pid_dir.name)], seconds[int(pid_dir.name)] = stat
    totals = {}
    for name, root in roots.items():
        total = 0.0
        for pid, cpu in seconds.items():
            ancestor = pid
            # Walk up to init (pid 1 or 0); the tree is shallow, and a cycle is impossible in /proc.
            while ancestor not in (root, 0, 1) and ancestor in parents:
                ancestor = parents[ancestor]
            if ancestor == root:
                total += cpu
        totals[name] = total
    return totals
