"""The command line's option errors: raised as codes, worded in English or Bahasa Indonesia."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from motorisasi.outputs.cli import app


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
