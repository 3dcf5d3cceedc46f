"""Exceptions for user mistakes.

Every error a user can cause (bad parameter, bad shape, bad file) is a
:class:`MotorisasiError` with a one-line message that names the parameter or
field and the offending value. The command line prints such errors as one line
and exits with a non-zero status instead of showing a traceback.

An error may be raised as a code with parameters instead of a sentence
(``ScenarioError(code="scenario.missing", path=...)``): the message catalogue
(``motorisasi/outputs/locales``, key ``error.CODE``) words it, in English for
``str()`` and in the reader's language on the command line. A parameter may
itself be a :class:`Said` (a code with parameters, and an English text for when
the catalogue has no such code).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Said:
    """Something the domain says as a code: the catalogue's key ``code`` filled with ``params``;
    ``text`` is what is shown where the catalogue has no such key."""

    code: str
    params: dict[str, object] = field(default_factory=dict)
    text: str = ""


class MotorisasiError(ValueError):
    """Base class of the errors a user can cause; the message is one line.

    Either a message, or a ``code`` and its parameters (words from the catalogue).
    """

    def __init__(self, message: str = "", *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params

    @property
    def coded(self) -> bool:
        """Raised as a code (its words are the catalogue's), not with a message."""
        return self.code is not None and not (self.args and self.args[0])

    def __str__(self) -> str:
        if self.coded:
            from motorisasi.outputs.messages import error_text

            return error_text(self, "en")
        return super().__str__()

    def __repr__(self) -> str:
        if self.coded:
            params = "".join(f", {k}={v!r}" for k, v in self.params.items())
            return f"{type(self).__name__}(code={self.code!r}{params})"
        return super().__repr__()

    def __reduce__(self):  # pickled across processes (dask ensembles) with its code
        return (_rebuild, (type(self), self.args[0] if self.args else "", self.code, self.params))


def _rebuild(cls: type[MotorisasiError], message: str, code: str | None, params: dict) -> MotorisasiError:
    return cls(message, code=code, **params)


class ParameterError(MotorisasiError):
    """A model parameter or input array is invalid (value, range or shape)."""
