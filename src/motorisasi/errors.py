"""Exceptions for user mistakes.

Every error a user can cause (bad parameter, bad shape, bad file) is a
:class:`MotorisasiError` with a one-line message that names the parameter or
field and the offending value. The command line prints such errors as one line
and exits with a non-zero status instead of showing a traceback.
"""

from __future__ import annotations


class MotorisasiError(ValueError):
    """Base class of the errors a user can cause; the message is one line."""


class ParameterError(MotorisasiError):
    """A model parameter or input array is invalid (value, range or shape)."""
