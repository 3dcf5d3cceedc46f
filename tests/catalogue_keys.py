"""The catalogue keys the source names, and the errors it still raises as sentences, read from
its syntax tree (for the tests of the message catalogue)."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "motorisasi"
#: Exceptions that are not a user's mistake (or a program's fault): not worded by the catalogue.
NOT_WORDED = {
    "RuntimeError",
    "KeyError",
    "TypeError",
    "RunCheckError",
    "AttributeError",
    "NotImplementedError",
}


def _constants(node: ast.expr) -> list[ast.expr]:
    """The values an expression can take: both branches of a conditional, else itself."""
    return [*_constants(node.body), *_constants(node.orelse)] if isinstance(node, ast.IfExp) else [node]


def _name(call: ast.Call) -> str:
    return getattr(call.func, "id", getattr(call.func, "attr", ""))


def used_keys(path: Path) -> set[str]:
    """Every catalogue key a file names: ``error.CODE`` for ``code="CODE"`` and ``refused("CODE")``,
    ``error.data.CODE`` for the validator's ``Problem(..., "CODE")`` and ``bad(column, "CODE")``,
    and the key of every ``Said("KEY")`` (codes passed on in a variable are not keys)."""
    keys: set[str] = set()
    validator = path.name == "validate.py" and path.parent.name == "data"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        name, args = _name(node), node.args
        for kw in node.keywords:
            if kw.arg == "code":
                for value in _constants(kw.value):
                    if isinstance(value, ast.Constant):
                        keys.add(f"error.{value.value}")
        if name == "refused" and args and isinstance(args[0], ast.Constant):
            keys.add(f"error.{args[0].value}")
        elif name == "Said" and args and isinstance(args[0], ast.Constant):
            keys.add(args[0].value)
        elif validator and name == "Problem" and len(args) >= 4 and isinstance(args[3], ast.Constant):
            keys.add(f"error.data.{args[3].value}")
        elif validator and name == "bad" and len(args) >= 2 and isinstance(args[1], ast.Constant):
            keys.add(f"error.data.{args[1].value}")
    return keys


def sentences_raised(path: Path) -> list[int]:
    """Lines where a file raises a user-facing error with a sentence (a string or f-string)
    instead of a code."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            name = _name(node.exc)
            first = node.exc.args[0] if node.exc.args else None
            said = isinstance(first, ast.Constant | ast.JoinedStr)
            if name.endswith("Error") and name not in NOT_WORDED and said:
                lines.append(node.lineno)
    return lines
