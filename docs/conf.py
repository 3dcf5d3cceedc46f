"""Sphinx configuration: the documentation site, built offline (``python -m sphinx -W docs out``)."""

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
