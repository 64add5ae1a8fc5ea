"""How many CPUs this process may use: the default number of `--jobs` workers.

`os.cpu_count()` counts the host's CPUs and the affinity mask only pins CPUs; neither sees a
cgroup CPU quota (`docker run --cpus 2`, a Kubernetes CPU limit, many CI runners), under
which one worker per host CPU would fork dozens of processes that the kernel throttles,
each holding its own memory. The quota is read from the cgroup files (v2 `cpu.max`, v1
`cpu.cfs_quota_us` / `cpu.cfs_period_us`) of this process's cgroup and its ancestors. Two
small kernel files do not warrant a dependency (loky, which joblib uses, reads the same).
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Iterator

CGROUP_ROOT = Path("/sys/fs/cgroup")
MEMBERSHIP = Path("/proc/self/cgroup")


def cpu_count(root: Path = CGROUP_ROOT, membership: Path = MEMBERSHIP) -> int:
    """CPUs available to this process: its affinity mask, capped by any cgroup CPU quota."""
    try:
        available = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        available = os.cpu_count() or 1
    limit = cgroup_cpu_limit(root, membership)
    return max(1, min(available, limit)) if limit is not None else available


def cgroup_cpu_limit(root: Path = CGROUP_ROOT, membership: Path = MEMBERSHIP) -> int | None:
    """CPUs the tightest cgroup quota on this process allows (rounded up: 1.5 CPUs keep two
    processes busy), or None when there is no quota or no cgroup to read."""
    folders = dict.fromkeys(_cpu_folders(root, membership))  # in order, each once
    limits = [cpus for folder in folders if (cpus := _quota_cpus(folder)) is not None]
    return min(limits, default=None)


def _cpu_folders(root: Path, membership: Path) -> Iterator[Path]:
    """The folders of this process's CPU cgroup and of its ancestors, v2 and v1 layouts.

    In a container the cgroup mount is usually the container's own cgroup while
    /proc/self/cgroup may name a host path that does not exist here: the mount's top folder
    is always read too.
    """
    try:
        lines = membership.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        lines = []
    for line in lines:
        _, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if controllers == "":  # v2: "0::/path"
            base = root
        elif "cpu" in controllers.split(","):  # v1: "4:cpu,cpuacct:/path"
            base = root / controllers if (root / controllers).is_dir() else root / "cpu"
        else:
            continue
        folder = base / path.strip("/")
        while folder != base and base in folder.parents:
            yield folder
            folder = folder.parent
        yield base
    yield root


def _quota_cpus(folder: Path) -> int | None:
    """The quota set in one cgroup folder, in whole CPUs; None when unlimited or unreadable."""
    v2 = _read(folder / "cpu.max")
    if v2 is not None:
        parts = v2.split()
        return _cpus(parts[0], parts[1]) if len(parts) == 2 else None
    quota, period = _read(folder / "cpu.cfs_quota_us"), _read(folder / "cpu.cfs_period_us")
    return _cpus(quota, period) if quota is not None and period is not None else None


def _cpus(quota: str, period: str) -> int | None:
    """ "200000", "100000" → 2; "max" or "-1" (no quota) and anything malformed → None."""
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:
        return None
    if quota_us <= 0 or period_us <= 0:
        return None
    return max(1, math.ceil(quota_us / period_us))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
