"""The documentation site builds offline without a warning, and its tutorials print what they say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

DOCS = Path(__file__).parents[1] / "docs"


def test_the_docs_build_without_a_warning(tmp_path):
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    from sphinx.cmd.build import build_main

    status = build_main(["-E", "-W", "--keep-going", "-q", "-b", "html", str(DOCS), str(tmp_path / "html")])
    assert status == 0
    page = (tmp_path / "html" / "tutorial_id.html").read_text(encoding="utf-8")
    assert "Kapan skenario dasar mencapai 150" in page
    api = (tmp_path / "html" / "api.html").read_text(encoding="utf-8")
    assert "fit_ownership" in api and "headroom" in api


@pytest.mark.parametrize("page", ["tutorial.md", "tutorial_id.md"])
def test_the_tutorial_prints_what_it_shows(page):
    text = (DOCS / page).read_text(encoding="utf-8")
    blocks = re.findall(r"```(python|text)\n(.*?)```", text, flags=re.S)
    namespace: dict = {}
    checked = 0
    for (kind, code), (next_kind, shown) in zip(blocks, [*blocks[1:], ("", "")], strict=True):
        if kind != "python":
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(code, page, "exec"), namespace)
        if next_kind == "text":
            assert printed.getvalue().strip() == shown.strip(), code
            checked += 1
    assert checked == 6
