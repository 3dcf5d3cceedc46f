"""The command line's option errors: raised as codes, worded in English or Bahasa Indonesia."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner

from motorisasi.outputs.cli import app
from motorisasi.outputs.messages import LANGUAGES, MESSAGES

OUTPUTS = Path(__file__).resolve().parents[1] / "src" / "motorisasi" / "outputs"
CONVERTED = (
    "cli_ensemble.py",
    "demo.py",
    "cli_run.py",
    "cli_ownership.py",
    "cli_dashboard.py",
    "cli_backtest.py",
    "listing.py",
    "cli_gap.py",
    "cli_data.py",
    "options.py",
)


def _codes(path: Path) -> set[str]:
    codes = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if (
                    kw.arg == "code"
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                ):
                    codes.add(kw.value.value)
    return codes


def test_every_code_of_the_command_line_is_worded_in_both_languages():
    codes = set().union(*(_codes(OUTPUTS / name) for name in CONVERTED))
    assert len(codes) >= 30  # the scan finds them
    for code in sorted(codes):
        assert set(MESSAGES.get(f"error.{code}", {})) == set(LANGUAGES), code


@pytest.mark.parametrize(
    ("args", "english", "indonesian"),
    [
        (["run", "--draws", "-1"], "error: --draws: at least 1, got -1", "error: --draws: paling sedikit 1"),
        (
            ["compare", "baseline", "baseline", "--format", "xml"],
            "error: --format: unknown format 'xml' (use table, csv, json)",
            "error: --format: format 'xml' tidak dikenal (gunakan table, csv, json)",
        ),
        (
            ["ownership", "fit", "--format", "yaml"],
            "error: --format: unknown format 'yaml' (use table, csv, json)",
            "error: --format: format 'yaml' tidak dikenal",
        ),
        (
            ["ownership", "fit", "--countries", ","],
            "error: countries: give at least one ISO3 code",
            "error: countries: berikan paling sedikit satu kode ISO3",
        ),
    ],
)
def test_a_mistaken_option_is_one_line_in_the_chosen_language(args, english, indonesian):
    runner = CliRunner()
    for lang, expected in (("en", english), ("id", indonesian)):
        result = runner.invoke(app, [*args, "--lang", lang])
        assert result.exit_code == 2, (lang, result.output)
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(expected), (lang, result.output)
