"""The README's Python example runs and prints what the README says it prints."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def test_python_example_runs(tmp_path: Path) -> None:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- ci:python-example -->\s*```python\n(.*?)```", text, re.S)
    assert block, "README lacks the Python example"
    code = block.group(1)
    expected = [line.split("# ", 1)[1] for line in code.splitlines() if line.startswith("# ")]
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300
    )
    assert done.returncode == 0, done.stderr
    printed = done.stdout.splitlines()
    assert printed[0] == expected[0]
    assert printed[1] == "True"
    assert (tmp_path / "out" / "gii.ttl").is_file()


def test_ci_commands_are_marked() -> None:
    text = README.read_text(encoding="utf-8")
    for marker in ("<!-- ci:setup -->", "<!-- ci:test -->"):
        assert marker in text
