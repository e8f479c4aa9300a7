"""`pip install .` must carry the ontology and the bundled article inside the wheel, and
`kg build` must work from any directory."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT



@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling", reason="hatchling (the build backend) is in the test extras")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("news_kg-*.whl"))


def test_wheel_carries_ontology_and_bundled_article(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("graph/_bundled/ontology/kg.ttl", "graph/_bundled/ontology/shapes.ttl",
                   "graph/_bundled/sources/troib-2024-11-16-sino-us-health/facts.yaml",
                   "graph/_bundled/sources/troib-2024-11-16-sino-us-health/article.txt",
                   "graph/cli.py"):
        assert needed in names


def test_installed_package_builds_from_any_directory(wheel: Path, tmp_path: Path):
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = dict(os.environ, PYTHONPATH=str(site))
    result = subprocess.run([sys.executable, "-m", "graph", "build", "--quiet"], cwd=elsewhere, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (elsewhere / "output" / "graph.ttl").read_bytes() == (ROOT / "output" / "graph.ttl").read_bytes()


def test_the_version_is_written_once():
    import importlib.metadata

    import graph

    assert importlib.metadata.version("news-kg") == graph.__version__
    assert "version = " not in (ROOT / "pyproject.toml").read_text(encoding="utf-8").split("[tool.hatch.version]")[0]
