"""The default worker count respects cgroup CPU quotas (containers, CI runners), read from
cgroup folders laid out as the kernel lays them out (v2 unified, v1 per controller)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lint.cpus import cgroup_cpu_limit, cpu_count
from lint.parallel import worker_count


def cgroup_v2(tmp_path: Path, own: str, limits: dict[str, str]) -> tuple[Path, Path]:
    """A v2 mount whose folders (relative to it) hold `cpu.max` files, and a membership file."""
    root = tmp_path / "cgroup"
    for folder, value in limits.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "cpu.max").write_text(f"{value}\n", encoding="ascii")
    root.mkdir(exist_ok=True)
    membership = tmp_path / "self-cgroup"
    membership.write_text(f"0::/{own}\n", encoding="ascii")
    return root, membership


def cgroup_v1(tmp_path: Path, controllers: str, own: str, quota: str, period: str = "100000") -> tuple[Path, Path]:
    root = tmp_path / "cgroup"
    folder = root / controllers / own
    folder.mkdir(parents=True)
    (folder / "cpu.cfs_quota_us").write_text(f"{quota}\n", encoding="ascii")
    (folder / "cpu.cfs_period_us").write_text(f"{period}\n", encoding="ascii")
    membership = tmp_path / "self-cgroup"
    membership.write_text(f"5:memory:/{own}\n4:{controllers}:/{own}\n0::/\n", encoding="ascii")
    return root, membership


def test_a_v2_quota_caps_the_cpus(tmp_path: Path) -> None:
    root, membership = cgroup_v2(tmp_path, "", {"": "200000 100000"})
    assert cgroup_cpu_limit(root, membership) == 2
    assert cpu_count(root, membership) == min(2, len(os.sched_getaffinity(0)))


def test_a_fraction_of_a_cpu_rounds_up_and_never_to_zero(tmp_path: Path) -> None:
    assert cgroup_cpu_limit(*cgroup_v2(tmp_path / "a", "", {"": "150000 100000"})) == 2
    assert cgroup_cpu_limit(*cgroup_v2(tmp_path / "b", "", {"": "10000 100000"})) == 1


def test_the_tightest_quota_of_the_cgroup_and_its_ancestors_wins(tmp_path: Path) -> None:
    root, membership = cgroup_v2(tmp_path, "kubepods/pod1/box", {"kubepods": "800000 100000", "kubepods/pod1": "300000 100000", "kubepods/pod1/box": "max 100000"})
    assert cgroup_cpu_limit(root, membership) == 3


@pytest.mark.parametrize("value", ["max 100000", "garbage", "-5 100000", "100000 0", ""])
def test_no_quota_or_a_malformed_one_leaves_the_cpus_alone(tmp_path: Path, value: str) -> None:
    root, membership = cgroup_v2(tmp_path, "", {"": value})
    assert cgroup_cpu_limit(root, membership) is None
    assert cpu_count(root, membership) == len(os.sched_getaffinity(0))


@pytest.mark.parametrize("controllers", ["cpu,cpuacct", "cpu"])
def test_a_v1_quota_caps_the_cpus(tmp_path: Path, controllers: str) -> None:
    root, membership = cgroup_v1(tmp_path, controllers, "docker/abc", "300000")
    assert cgroup_cpu_limit(root, membership) == 3
    unlimited = cgroup_v1(tmp_path / "other", controllers, "docker/abc", "-1")
    assert cgroup_cpu_limit(*unlimited) is None


def test_a_container_whose_membership_names_a_host_path_reads_its_mount(tmp_path: Path) -> None:
    """Without a cgroup namespace /proc/self/cgroup names the host's path; the container's
    mount holds its own limit at the top."""
    root, membership = cgroup_v2(tmp_path, "", {"": "100000 100000"})
    membership.write_text("0::/system.slice/docker-abc.scope\n", encoding="ascii")
    assert cgroup_cpu_limit(root, membership) == 1


def test_no_cgroup_files_at_all(tmp_path: Path) -> None:
    assert cgroup_cpu_limit(tmp_path / "missing", tmp_path / "missing-too") is None


def test_this_machine_gives_a_sane_default() -> None:
    """The real files of this machine: a count between 1 and the affinity mask."""
    assert 1 <= cpu_count() <= len(os.sched_getaffinity(0))
    assert worker_count(None, 1000) == cpu_count() and worker_count(None, 10) == 1


def test_a_real_cgroup_quota_limits_a_real_process(tmp_path: Path) -> None:
    """Where this machine lets us (root, a cgroup v1 CPU controller), a child cgroup with a
    one-CPU quota, and a process started inside it that counts its CPUs."""
    controller = Path("/sys/fs/cgroup/cpu")
    if os.geteuid() != 0 or not (controller / "cpu.cfs_quota_us").is_file():
        pytest.skip("needs root and a cgroup v1 cpu controller")
    group = controller / f"contentlint-test-{os.getpid()}"
    try:
        group.mkdir()
        (group / "cpu.cfs_quota_us").write_text("100000\n", encoding="ascii")
        (group / "cpu.cfs_period_us").write_text("100000\n", encoding="ascii")
    except OSError as error:
        pytest.skip(f"cannot create a cgroup here: {error}")
    try:
        def enter() -> None:
            (group / "cgroup.procs").write_text(f"{os.getpid()}\n", encoding="ascii")

        script = "from lint.cpus import cpu_count; print(cpu_count())"
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, preexec_fn=enter, check=True)
        assert done.stdout.strip() == "1"
    finally:
        group.rmdir()
