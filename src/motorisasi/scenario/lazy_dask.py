"""xarray without an eager import of dask: a third of a second off every run where dask is installed.

xarray checks every new variable against dask's array class, and imports ``dask.array`` to find
that class (0.3-0.5 s) whenever dask is installed, as it is with ``motorisasi[dask]``. No dask
array can exist before ``dask.array`` is imported, so :func:`defer` makes the check look the
class up only once ``dask.array`` is loaded; anything else xarray asks of dask (its module,
version) is found as xarray finds it, when first asked. Where xarray's internals differ from
those this was written for, nothing is changed.
"""

from __future__ import annotations

import sys


def defer() -> None:
    """Let xarray find dask's array class only once ``dask.array`` has been imported."""
    try:
        from xarray.namedarray import pycompat

        cache = pycompat._cached_duck_array_modules
        base = pycompat.DuckArrayModule
    except (ImportError, AttributeError):
        return
    if not isinstance(cache, dict) or "dask" in cache or "dask.array" in sys.modules:
        return

    class _Deferred(base):  # type: ignore[misc,valid-type]
        def __init__(self) -> None:  # imports nothing
            pass

        @property
        def type(self) -> tuple[type, ...]:  # type: ignore[override]
            array = getattr(sys.modules.get("dask.array"), "Array", None)
            return () if array is None else (array,)

        def __getattr__(self, name: str):
            real = base("dask")  # as xarray would have made it
            cache["dask"] = real
            return getattr(real, name)

    cache["dask"] = _Deferred()
