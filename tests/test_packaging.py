"""A built wheel carries the ontology, the shapes and the gazetteers, and finds them."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode != 0 and "No module named" in done.stderr and "hatchling" in done.stderr:
        done = subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(ROOT)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    return next(out.glob("kg-*.whl"))


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "kg/_resources/ontology/ipo.ttl" in names
    assert any(n.startswith("kg/_resources/shapes/") and n.endswith(".ttl") for n in names)
    assert "kg/data/gazetteer/countries.tsv" in names
    assert "kg/data/sameas_allowlist.tsv" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kg = kg.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_installed_layout_finds_its_resources(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from kg.resources import load_ontology, load_shapes, resource_dir\n"
        "assert '_resources' in str(resource_dir('ontology')), resource_dir('ontology')\n"
        "assert len(load_ontology()) > 100 and len(load_shapes()) > 100\n"
        "from kg.gazetteer import load_gazetteer\n"
        "assert load_gazetteer().lookup('PCT') is not None\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(target)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
