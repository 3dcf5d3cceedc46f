"""Fuzzing the command line with malformed scenario files and arguments (hypothesis).

For every generated input the command must either succeed or fail with exit status 2 and
exactly one ``error:`` line that names the scenario file (for a scenario) and no traceback;
it must never write outside the output folder nor change an existing file there but its own
outputs. Inputs: the baseline with one value replaced by something hostile (wrong types,
out-of-range numbers, NaN and infinities, YAML booleans and nulls, huge text, formula text,
paths), whole files that are not UTF-8 YAML, huge files, alias bombs, ``extends`` cycles and
``extends`` paths outside the allowed folders, and command-line options with hostile values.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motorisasi.outputs.cli import main
from motorisasi.scenario.schema import LIBRARY, load_scenario

BASELINE = load_scenario("baseline").model_dump(mode="python", exclude_defaults=False)
BASE = (LIBRARY / "baseline.yaml").as_posix()


def _leaves(value, path=()):
    if isinstance(value, dict):
        if path:
            yield path
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    else:
        yield path


PATHS = sorted(set(_leaves(BASELINE)), key=lambda p: [str(k) for k in p])

HOSTILE = st.one_of(
    st.sampled_from(
        [
            True,
            False,
            None,
            "yes",
            "no",
            "",
            "=1+1",
            "@SUM(A1)",
            "-2+3",
            [],
            {},
            [1, 2],
            {"type": "nonsense"},
            float("nan"),
            float("inf"),
            -float("inf"),
            1e300,
            -1e300,
            -1,
            0,
            10**30,
            "x" * 20_000,
            "\x1b[31mred",
            "../../../etc/passwd",
            "/tmp/x",
            "2030",
            1990,
            2101,
        ]
    ),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
)


def _set(content: dict, path: tuple, value) -> dict:
    node = content
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return content


def _copy(value):
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _check(result, sandbox: Path, before: dict[str, bytes], out: Path, scenario: Path | None) -> None:
    """The contract: success, or one error line (naming the scenario file) and exit status 2."""
    text = result.output
    assert "Traceback" not in text, text
    assert result.exception is None, repr(result.exception)
    if result.exit_code != 0:
        assert result.exit_code == 2, text
        lines = text.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), text
        if scenario is not None:
            assert str(scenario) in lines[0] or "extends" in lines[0], lines[0]
    after = _snapshot(sandbox)
    out_rel = (
        str(out.resolve().relative_to(sandbox.resolve()))
        if out.resolve().is_relative_to(sandbox.resolve())
        else None
    )
    for name, data in after.items():
        inside = out_rel is not None and (name == out_rel or name.startswith(out_rel + "/"))
        if not inside:
            assert before.get(name) == data, f"{name} was written outside the output folder"
    for name in before:
        assert name in after, f"{name} was removed"


def _sandbox(root: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """scen/ for scenario files, out/ for outputs, and files a hostile input must not touch."""
    (root / "scen").mkdir()
    (root / "precious.csv").write_text("keep me")
    (root / "outside.yaml").write_text(f"extends: {BASE}\nname: outside\n")
    (root / "scen" / "victim.csv").write_text("keep me too")
    return root / "scen", root / "out", _snapshot(root)


@dataclass
class Result:
    exit_code: int
    output: str
    exception: BaseException | None


def _invoke(args: list[str], cwd: Path) -> Result:
    """Run ``motorisasi ARGS`` in-process through its entry point, in folder ``cwd``."""
    import contextlib
    import io
    import os

    buffer = io.StringIO()
    here = os.getcwd()
    os.chdir(cwd)
    code, exception = 0, None
    try:
        with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
            main(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException as exc:  # a defect: reported by the assertions
        code, exception = 1, exc
    finally:
        os.chdir(here)
    return Result(code, buffer.getvalue(), exception)


# 70 examples a test: each runs the command line in-process (about 0.15 s), and the suite
# must stay under ten minutes on two cores.
FUZZ = settings(
    max_examples=70,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(path=st.sampled_from(PATHS), value=HOSTILE)
def test_one_hostile_value_in_a_scenario(path, value):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        scen, out, before = _sandbox(root)
        content = _set(_copy(BASELINE), path, value)
        file = scen / "s.yaml"
        file.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        before = _snapshot(root)
        result = _invoke(["run", str(file), "--out", str(out)], scen)
        _check(result, root, before, out, file)
        if result.exit_code:  # the error names the field that was changed (or a part of its path)
            assert any(str(key) in result.output for key in path), (path, result.output)


def _bomb() -> str:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in "bcdefgh":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [{', '.join(['*' + previous] * 10)}]")
    return "\n".join(lines) + "\nname: bomb\n"


def _whole_files(scen: Path) -> dict[str, bytes | str]:
    """Malformed whole files by kind (bytes are written as is, text as UTF-8)."""
    return {
        "latin1": f"extends: {BASE}\nname: caf\xe9\n".encode("latin-1"),
        "utf16": f"extends: {BASE}\nname: x\n".encode("utf-16"),
        "utf32": f"extends: {BASE}\nname: x\n".encode("utf-32"),
        "empty": b"",
        "comment": "# nothing\n",
        "scalar": "42\n",
        "list": "- a\n- b\n",
        "huge": "name: x\n" + "#" * 1_100_000 + "\n",
        "bomb": _bomb(),
        "deep": "name: " + "[" * 20_000 + "]" * 20_000 + "\n",
        "tabs": "name:\tx\n\tbad: indent\n",
        "cycle": "extends: s.yaml\nname: x\n",
        "outside": "extends: ../outside.yaml\nname: x\n",
        "absolute": f"extends: {scen.parent / 'outside.yaml'}\nname: x\n",
        "device": "extends: /dev/zero\nname: x\n",
        "folder": "extends: ..\nname: x\n",
        "nul": 'extends: "a\\0b.yaml"\nname: x\n',
        "no name": f"extends: {BASE}\n",
        "extends list": "extends: [a, b]\nname: x\n",
        "traversal": f"extends: {BASE}\nname: ../../precious\n",
        "null name": f"extends: {BASE}\nname: null\n",
        "duplicate": f"extends: {BASE}\nname: x\nname: y\n",
        "unknown": f"extends: {BASE}\nname: x\ncolour: red\n",
        "anchors": f"extends: {BASE}\nname: &n x\ndescription: *n\n",
    }


WHOLE = sorted(_whole_files(Path("/")))


@FUZZ
@given(kind=st.sampled_from(WHOLE), noise=st.binary(max_size=40))
def test_whole_malformed_files(kind, noise):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        scen, out, before = _sandbox(root)
        content = _whole_files(scen)[kind]
        file = scen / "s.yaml"
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        if noise and kind in ("latin1", "utf16", "utf32"):
            data += noise  # more undecodable bytes
        file.write_bytes(data)
        before = _snapshot(root)
        result = _invoke(["run", str(file), "--out", str(out)], scen)
        _check(result, root, before, out, file)
        assert result.exit_code == 2 or kind == "anchors", (kind, result.output)


OPTION_VALUES = st.one_of(
    st.sampled_from(["nan", "inf", "-inf", "1e9", "-1", "0", "1e308", "abc", "", "2030", "99999", "-0"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
)


@FUZZ
@given(
    command=st.sampled_from(["run", "gap", "report", "compare", "data show", "ownership fit"]),
    option=st.sampled_from(
        ["--out", "--lang", "--target", "--by", "--data", "--lifetime", "--max-growth", "--country"]
    ),
    value=OPTION_VALUES,
)
def test_hostile_command_line_options(command, option, value):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        scen, out, before = _sandbox(root)
        args = command.split()
        if command == "report" and option in ("--target", "--by", "--out"):
            return  # a valid value would draw a whole report (seconds): test_report.py covers them
        args += {"data show": ["population"], "compare": ["baseline", "target-150"]}.get(command, [])
        target = str(out)
        if command == "run" and option != "--out":
            args += ["--out", target]
        if command == "report":
            args += ["--out", str(out / "r.html")]
        if option == "--out":
            target = value  # the user's choice, relative to the working folder
            try:
                chosen = (scen / value).resolve()
            except (OSError, ValueError):
                chosen = scen
            if not chosen.is_relative_to(root.resolve()):
                return  # a valid folder elsewhere would be written, rightly: not in a test
        args += [option, value]  # an option the command does not know is a usage error
        result = _invoke(args, scen)
        text = result.output
        assert "Traceback" not in text, text
        assert result.exit_code in (0, 2), (args, text)
        assert result.exception is None, repr(result.exception)
        if result.exit_code == 2:
            lines = text.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error: "), (args, text)
        out_path = (scen / target) if target else scen
        after = _snapshot(root)
        inside = out_path.resolve()
        for name, data in after.items():
            if not (root / name).resolve().is_relative_to(inside):
                assert before.get(name) == data, f"{args}: {name} was written outside the output folder"
