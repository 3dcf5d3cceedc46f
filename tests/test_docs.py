"""The documentation site builds offline without a warning, its links lead somewhere, and its
tutorials print what they say."""

from __future__ import annotations

import contextlib
import io
import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

DOCS = Path(__file__).parents[1] / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The site built once for the module: Sphinx's exit status, its warnings and the HTML folder.

    Nitpicky (-n): a cross-reference that resolves nowhere is a warning, and with -W an error.
    """
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("docs")
    log = out / "warnings.txt"
    options = ["-E", "-W", "-n", "--keep-going", "-q", "-b", "html", "-w", str(log)]
    status = build_main([*options, str(DOCS), str(out / "html")])
    return status, log.read_text(encoding="utf-8") if log.exists() else "", out / "html"


def test_the_docs_build_without_a_warning(site):
    status, warnings, html = site
    assert status == 0, warnings
    page = (html / "tutorial_id.html").read_text(encoding="utf-8")
    assert "Kapan skenario dasar mencapai 150" in page
    api = (html / "api.html").read_text(encoding="utf-8")
    assert "fit_ownership" in api and "headroom" in api


# --- links, checked offline ------------------------------------------------------------------


#: The tags whose href or src is a link to follow or an address to load.
_LINKING = frozenset({"a", "area", "link", "img", "script", "source", "iframe"})


class _Page(HTMLParser):
    """The ids of an HTML page and the addresses it links to or loads."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"])
        for key in ("href", "src"):
            if tag in _LINKING and found.get(key) is not None:
                self.links.append(found[key])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def check_links(root: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The broken internal links of the HTML pages under ``root`` (a missing file, or a missing id
    for a ``#fragment``), and every external address as (page, address), never fetched."""
    pages = {path.relative_to(root).as_posix(): _parse(path) for path in sorted(root.rglob("*.html"))}
    broken, external = [], []
    for name, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme in ("http", "https") or link.startswith("//"):
                external.append((name, link))
            elif parts.scheme in ("mailto", "data"):
                continue
            elif parts.scheme:
                broken.append(f"{name}: {link}: scheme {parts.scheme!r}")
            elif parts.netloc or parts.path.startswith("/"):
                broken.append(f"{name}: {link}: not relative to the site")
            else:
                problem = _broken(root, pages, name, unquote(parts.path), unquote(parts.fragment))
                if problem:
                    broken.append(f"{name}: {link}: {problem}")
    return broken, external


def _broken(root: Path, pages: dict[str, _Page], name: str, path: str, fragment: str) -> str | None:
    target = posixpath.normpath(posixpath.join(posixpath.dirname(name), path)) if path else name
    if target.startswith("../") or target == "..":
        return "outside the site"
    if (root / target).is_dir():
        target = posixpath.join(target, "index.html")
    if target not in pages and not (root / target).is_file():
        return "no such file"
    if fragment and (target not in pages or fragment not in pages[target].ids):
        return f"no id {fragment!r}"
    return None


#: Hosts that only serve plain http (none so far): any other http:// address should be https://.
HTTP_ONLY: frozenset[str] = frozenset()
_HOST = re.compile(r"(?=.{1,253}\Z)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\Z", re.I)


def url_problem(url: str) -> str | None:
    """What is wrong with the form of an external address (None when nothing is)."""
    if re.search(r"[\s\x00-\x1f\x7f<>\"\\^`{|}]", url):
        return "a space, control character or character that must be escaped"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "not an http(s) address"
    try:
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "a bad port"
    if not parts.hostname or not _HOST.match(parts.hostname):
        return "no valid host name"
    if parts.username is not None or parts.password is not None:
        return "credentials in the address"
    if parts.scheme == "http" and parts.hostname not in HTTP_ONLY:
        return "http: use https"
    return None


def test_every_internal_link_leads_to_a_page_and_an_id(site):
    _, _, html = site
    broken, external = check_links(html)
    assert not broken
    assert len(list(html.glob("*.html"))) >= 6 and external  # the checker saw the pages
    problems = sorted({f"{url}: {problem}" for _, url in external if (problem := url_problem(url))})
    assert not problems


def test_the_link_checker_finds_what_is_broken(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "index.html").write_text(
        '<p id="here">x</p><a href="#here">ok</a> <a href="sub/page.html#there">ok</a>'
        '<a href="sub/page.html#gone">anchor</a> <a href="missing.html">file</a> <a href="#nowhere">'
        '<img src="sub/pic.png"> <a href="https://example.org/a?b=1#c">out</a>'
        '<a href="javascript:alert(1)">js</a>',
        encoding="utf-8",
    )
    (tmp_path / "sub" / "page.html").write_text('<h1 id="there">t</h1><a href="../index.html#here">', "utf-8")
    broken, external = check_links(tmp_path)
    assert broken == [
        "index.html: sub/page.html#gone: no id 'gone'",
        "index.html: missing.html: no such file",
        "index.html: #nowhere: no id 'nowhere'",
        "index.html: sub/pic.png: no such file",
        "index.html: javascript:alert(1): scheme 'javascript'",
    ]
    assert external == [("index.html", "https://example.org/a?b=1#c")]
    assert url_problem("https://example.org/a?b=1#c") is None
    for bad in (
        "http://example.org",
        "https://exa mple.org",
        "https://",
        "https://x:y@example.org",
        "ftp://a.org",
    ):
        assert url_problem(bad), bad


def test_a_reference_is_excused_only_when_it_names_something_that_exists():
    import importlib.util

    spec = importlib.util.spec_from_file_location("docs_conf", DOCS / "conf.py")
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    assert conf.nitpicky
    assert conf._exists("motorisasi.api.run") and conf._exists("motorisasi.scenario.steps")
    assert conf._exists("numpy.ndarray")
    for missing in ("motorisasi.api.no_such_function", "motorisasi.no_such_module", "this", "run", ""):
        assert not conf._exists(missing), missing


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
