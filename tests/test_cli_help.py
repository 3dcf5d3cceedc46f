"""Help texts: every command shows examples, every example parses, paragraphs are reflowed."""

from __future__ import annotations

import shlex

import typer.main
from typer.testing import CliRunner

from motorisasi.outputs.cli import EXAMPLES, app


def _commands(group, prefix=""):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + name + " ")
        else:
            yield prefix + name, command


def test_every_command_has_examples_and_each_one_parses():
    root = typer.main.get_command(app)
    found = dict(_commands(root))
    assert set(found) == set(EXAMPLES)  # no command without examples, no example of a missing command
    for name, examples in EXAMPLES.items():
        for example in examples:
            words = shlex.split(example, posix=True)
            words = words[: next((i for i, w in enumerate(words) if w in ("|", ">")), len(words))]
            assert words[0] == "motorisasi" and " ".join(words[1:]).startswith(name), example
            args = words[1 + len(name.split()) :]
            # Parsing checks every option exists and takes a value of its type (nothing runs).
            with root.make_context("motorisasi", list(words[1:]), resilient_parsing=False) as ctx:
                command = found[name]
                command.make_context(name, args, parent=ctx)


def test_help_shows_examples_and_reflows_sentences():
    runner = CliRunner()
    out = runner.invoke(app, ["run", "--help"], env={"COLUMNS": "100"}, terminal_width=100)
    assert out.exit_code == 0
    text = out.output
    assert "Examples:" in text and "motorisasi run my-scenario.yaml --draws 10000 --seed 1" in text
    # A paragraph is one flowing text: no line ends a sentence's word and restarts mid-sentence.
    assert "With --draws N" in " ".join(text.split())
    lines = [line.strip() for line in text.splitlines()]
    assert not any(line.startswith("--draws N it runs") for line in lines)
