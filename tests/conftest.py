"""Shared fixtures: paths to the examples and to ../shared (tests using it skip when it is absent)."""

from __future__ import annotations

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
