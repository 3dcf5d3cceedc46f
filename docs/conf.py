"""Sphinx configuration: the documentation site, built offline (``python -m sphinx -W docs out``)."""

import importlib
import sys

project = "motorisasi"
author = "motorisasi contributors"
extensions = ["sphinx.ext.autodoc", "sphinx.ext.napoleon", "sphinx.ext.mathjax", "myst_parser"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
napoleon_numpy_docstring = True
napoleon_google_docstring = False
autodoc_typehints = "none"
autodoc_member_order = "bysource"
myst_heading_anchors = 3
exclude_patterns = ["_build"]
html_theme = "alabaster"
# Offline: no intersphinx, no remote images; MathJax is loaded by the reader's browser.

# Every cross-reference must resolve (with -W, one that does not fails the build). Without
# intersphinx, a reference to an object outside this site (numpy.ndarray, or a module of the
# package that the API reference leaves out) cannot be a link; such a reference is accepted when
# it names something that exists in the code (see _exists), and warned about otherwise.
nitpicky = True
nitpick_ignore = [
    # numpydoc's words for a parameter's type, not objects
    *[("py:class", word) for word in ("array_like", "optional", "sequence", "path")],
]

#: Packages a docstring may name objects of (each imported when named, if not already).
_PACKAGES = ("motorisasi", "numpy", "pandas", "xarray", "scipy", "matplotlib")


def _exists(dotted: str) -> bool:
    """Whether ``dotted`` names a module, or an attribute of one, of a known or already imported
    package (so that a word in a docstring never imports a module of its own name)."""
    parts = dotted.split(".")
    if parts[0] not in sys.modules and parts[0] not in _PACKAGES:
        return False
    for cut in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        try:
            for name in parts[cut:]:
                obj = getattr(obj, name)
        except AttributeError:
            return False
        return True
    return False


def _outside_the_site(app, domain, node) -> bool | None:
    """Keep quiet about a Python reference to an existing object that this site does not document."""
    if domain is None or domain.name != "py":
        return None
    target = node["reftarget"].lstrip(".~")
    module, cls = node.get("py:module"), node.get("py:class")
    scopes = [f"{module}.{cls}." if module and cls else None, f"{module}." if module else None, ""]
    return True if any(_exists(scope + target) for scope in scopes if scope is not None) else None


def setup(app):
    app.connect("warn-missing-reference", _outside_the_site)
