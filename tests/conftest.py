"""Shared fixtures: paths to the examples and to ../shared (tests using it skip when it is absent)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED / "corpus" / "seeds").is_dir() or not (SHARED / "gold").is_dir():
        pytest.skip("../shared (seed articles and gold) is not present")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from kg.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def examples_built():
    """The examples/ articles built once for every test that needs them."""
    from kg.build import build_graph

    return build_graph([EXAMPLES / "articles"])


@pytest.fixture(scope="session")
def headless():
    """Run headless Chromium with the given arguments (skips without it, unless
    KG_REQUIRE_CHROMIUM is set: then it fails)."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("KG_REQUIRE_CHROMIUM"):
            pytest.fail("KG_REQUIRE_CHROMIUM is set but no chromium is installed")
        pytest.skip("headless Chromium is not installed (Debian: apt-get install chromium)")
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"]
    flags += ["--disable-background-networking", "--disable-component-update", "--disable-sync"]
    flags += ["--virtual-time-budget=4000", "--window-size=1500,950"]

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [browser, *flags, *args], capture_output=True, text=True, timeout=120, check=False
        )

    return run
