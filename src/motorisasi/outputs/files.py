"""Writing a command's output files safely: inside the output folder, whole, as one set, one writer at a time.

Every command that writes files (``run``, ``compare --out``, ``report``) goes through an
:class:`OutputSet`:

1. **Before any work**, the folder is created if needed and locked (an advisory ``flock`` on
   the folder; a second command writing into the same folder is refused with a clear message),
   the names are checked (a plain file name that stays inside the folder), and a staging folder
   ``.motorisasi-staging-*`` is made inside it, which proves the folder is writable.
2. Each file is written whole into the staging folder and synced to disk. A failure there (a
   full disk, say) names the file as the user knows it and the reason the system gave; the
   staging folder is removed, and the files of the previous run are left as they were.
3. **Commit**: the files about to be replaced are kept (hard links), a manifest naming the new
   files is written into the staging folder (atomically, by a rename), then each file is
   renamed into place. A run killed before the manifest exists leaves the previous set
   untouched; killed after it, the next command that writes into the folder finishes the
   renames before anything else (a journal, rolled forward). A rename that fails (a file the
   system will not let go) puts the kept files back, so the previous set stays whole. Either
   way no final file is ever half-written, and the next command removes every staging folder.

The folder lock and the journal make a set of several files behave as one: readers see the
previous set or the new set (once the journal is rolled forward), never a mixture that stays.
The HTML report and its PDF are one set; a ``--charts`` folder elsewhere is a set of its own.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from motorisasi.errors import MotorisasiError
from motorisasi.scenario.schema import RESERVED_NAMES

STAGING_PREFIX = ".motorisasi-staging-"
MANIFEST = "COMMIT.json"
#: A file in every staging folder this program makes; recovery leaves other folders alone.
MARKER = "MOTORISASI-STAGING"
#: The folder inside a staging folder that keeps the files a commit replaces.
KEPT = f"{STAGING_PREFIX}previous"
#: Where Windows (no ``flock`` on folders) keeps its lock.
LOCK_FILE = ".motorisasi.lock"

_UNSAFE = re.compile(r"[^\w.-]+")

Writer = Callable[[Path], None]


class OutputError(MotorisasiError):
    """An output file or folder cannot be used or written (the message names it and the reason)."""


def safe_stem(name: str, fallback: str = "scenario") -> str:
    """A file stem made from ``name`` that is a plain name on every system.

    Anything but letters, digits, ``_``, ``.`` and ``-`` becomes ``_``; leading dots and
    trailing dots are dropped (no hidden files, no ``..``); names Windows reserves get a ``_``.

    >>> safe_stem("../../victim"), safe_stem("target 150"), safe_stem("CON"), safe_stem("...")
    ('victim', 'target_150', 'CON_', 'scenario')
    """
    stem = _UNSAFE.sub("_", name).strip("._")[:100].strip("._")
    if not stem:
        return fallback
    return f"{stem}_" if RESERVED_NAMES.fullmatch(stem) else stem


def _message(key: str, lang: str, **values: object) -> str:
    from motorisasi.outputs.messages import message

    return message(key, lang, **values)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class _Lock:
    """An exclusive, advisory lock on a folder, released when the process ends in any way."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.fd: int | None = None

    def acquire(self) -> bool:
        if sys.platform == "win32":  # pragma: no cover - no Windows machine in CI
            import msvcrt

            fd = os.open(self.folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except OSError:
                os.close(fd)
                return False
        else:
            import fcntl

            fd = os.open(self.folder, os.O_RDONLY)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(fd)
                return False
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing the descriptor releases the lock
            self.fd = None


def _fsync_folder(folder: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # some file systems cannot sync a folder; the renames are still atomic
        pass
    finally:
        os.close(fd)


def recover(folder: Path, lang: str = "en") -> list[str]:
    """Finish or undo what an interrupted command left in ``folder``; returns the files finished.

    A staging folder with a manifest is a committed set whose renames were interrupted: they
    are completed (and if one cannot be, the files already moved are put back from the copies
    kept before the commit). One without a manifest is an unfinished set: it is removed. Only
    staging folders this program made (they hold :data:`MARKER`) are touched, and an empty one.
    Call it only with the folder locked.
    """
    finished: list[str] = []
    for staging in sorted(folder.glob(f"{STAGING_PREFIX}*")):
        if not staging.is_dir() or staging.is_symlink():
            continue
        if not (staging / MARKER).is_file():
            if not any(staging.iterdir()):
                staging.rmdir()  # made, then killed before its marker was written
            continue
        manifest = staging / MANIFEST
        if manifest.is_file():
            finished += _roll_forward(folder, staging, _manifest_names(manifest), lang)
        shutil.rmtree(staging, ignore_errors=True)
    return finished


def _manifest_names(manifest: Path) -> list[str]:
    try:
        names = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(names, list):
        return []
    return [n for n in names if isinstance(n, str) and n and Path(n).name == n and n not in (".", "..")]


def _roll_forward(folder: Path, staging: Path, names: list[str], lang: str) -> list[str]:
    moved: list[str] = []
    try:
        for name in names:
            staged = staging / name
            if staged.is_file() and not staged.is_symlink():
                os.replace(staged, folder / name)
                moved.append(name)
    except OSError as exc:
        # The set cannot be finished: put back what was moved, from the copies kept before.
        if not _restore(folder, staging, moved):
            raise OutputError(
                _message("files.error.recover", lang, folder=str(folder), reason=_reason(exc))
            ) from None
        return []
    if moved:
        _fsync_folder(folder)
    return moved


def _restore(folder: Path, staging: Path, names: list[str]) -> bool:
    """Put back the files ``names`` replaced, from the copies a commit kept (a name that had no
    previous file is removed); True when every one is as before."""
    kept = staging / KEPT
    ok = True
    for name in reversed(names):
        try:
            if os.path.lexists(kept / name):
                os.replace(kept / name, folder / name)
            else:
                (folder / name).unlink()
        except OSError:
            ok = False
    return ok


class OutputSet:
    """The files one command writes into one folder: checked first, written whole, committed together.

    Use it as a context manager; it takes the folder's lock on entry and releases it on exit.
    ``names`` are the files the command will write (checked on entry, before any work).
    Without :meth:`commit`, nothing is left behind: the staging folder is removed, and a folder
    this set created is removed again if it is still empty.
    """

    def __init__(self, folder: str | Path, names: Iterable[str] = (), lang: str = "en") -> None:
        self.folder = Path(folder)
        if ".." in self.folder.parts:  # "ghost/../real" must not make a folder "ghost"
            self.folder = self.folder.resolve()
        self.names = list(names)
        self.lang = lang
        self.staging: Path | None = None
        self.staged: dict[str, Path] = {}
        self.committed = False
        self._lock = _Lock(self.folder)
        self._created: list[Path] = []

    # -- opening ---------------------------------------------------------------------------
    def __enter__(self) -> OutputSet:
        self.open()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def open(self) -> None:
        """Create and lock the folder, finish what an interrupted run left, check names and writability."""
        if any(
            part.startswith(STAGING_PREFIX) for part in (*self.folder.parts, *self.folder.resolve().parts)
        ):
            raise OutputError(_message("files.error.staging_name", self.lang, folder=str(self.folder)))
        self._make_folder()
        if not self._lock.acquire():
            self._remove_created()
            raise OutputError(_message("files.error.locked", self.lang, folder=str(self.folder)))
        try:
            recover(self.folder, self.lang)
            for name in self.names:
                self.path(name)
            for name in self.names:
                self._remove_leftovers(name)
            try:
                self.staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=self.folder))
                (self.staging / MARKER).write_text("motorisasi output staging\n", encoding="utf-8")
            except OSError as exc:
                raise OutputError(
                    _message("files.error.folder", self.lang, folder=str(self.folder), reason=_reason(exc))
                ) from None
        except BaseException:
            self.close()
            raise

    def _make_folder(self) -> None:
        missing = []
        for folder in (self.folder, *self.folder.parents):
            if folder.exists() or folder.is_symlink():
                if not folder.is_dir():
                    raise OutputError(_message("files.error.not_folder", self.lang, folder=str(folder)))
                break
            missing.append(folder)
        for folder in reversed(missing):
            try:
                folder.mkdir()
            except FileExistsError:
                continue
            except OSError as exc:
                self._remove_created()
                raise OutputError(
                    _message("files.error.folder", self.lang, folder=str(folder), reason=_reason(exc))
                ) from None
            self._created.append(folder)

    def _remove_created(self) -> None:
        for folder in reversed(self._created):
            try:
                folder.rmdir()  # only if empty
            except OSError:
                break
        self._created = []

    def _remove_leftovers(self, name: str) -> None:
        """Remove temporary files an earlier version of this program left for ``name``."""
        for stray in self.folder.glob(f".{glob.escape(name)}.*.tmp"):
            if stray.is_file() and not stray.is_symlink():
                stray.unlink(missing_ok=True)

    def path(self, name: str) -> Path:
        """Where ``name`` goes: a plain file name inside the folder, not an existing folder or device."""
        if not name or Path(name).name != name or name in (".", "..") or name.startswith(STAGING_PREFIX):
            raise OutputError(_message("files.error.name", self.lang, name=name, folder=str(self.folder)))
        target = self.folder / name
        if target.is_dir() and not target.is_symlink():
            raise OutputError(_message("files.error.is_folder", self.lang, path=str(target)))
        if target.exists() and not target.is_symlink() and not target.is_file():
            # A device or a pipe (say /dev/null) would be replaced by a plain file.
            raise OutputError(_message("files.error.special", self.lang, path=str(target)))
        return target

    # -- writing ---------------------------------------------------------------------------
    def write(self, name: str, content: bytes | Writer) -> Path:
        """Write ``name`` whole into the staging folder (bytes, or a function that writes a path)."""
        if self.staging is None:
            raise RuntimeError("OutputSet is not open")
        target = self.path(name)
        if name in self.staged:  # two outputs with one name: the second would replace the first
            raise RuntimeError(f"{target} is written twice in one set")
        staged = self.staging / name
        try:
            if isinstance(content, bytes | bytearray):
                staged.write_bytes(content)
            else:
                content(staged)
            with staged.open("rb+") as handle:
                os.fsync(handle.fileno())
        except OSError as exc:
            with contextlib.suppress(OSError):  # the same reason (a name too long): nothing to remove
                staged.unlink(missing_ok=True)
            raise OutputError(
                _message("files.error.write", self.lang, path=str(target), reason=_reason(exc))
            ) from None
        self.staged[name] = target
        return target

    def commit(self) -> list[Path]:
        """Put every staged file in place, as one set; returns the final paths in writing order."""
        if self.staging is None:
            raise RuntimeError("OutputSet is not open")
        names = list(self.staged)
        manifest = self.staging / MANIFEST
        try:
            self._keep_previous(names)
            _fsync_folder(self.staging)
            pending = self.staging / f"{MANIFEST}.tmp"
            with pending.open("w", encoding="utf-8") as handle:
                json.dump(names, handle)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(pending, manifest)  # from here on the set is committed
            _fsync_folder(self.staging)
        except OSError as exc:
            raise OutputError(
                _message("files.error.write", self.lang, path=str(self.folder), reason=_reason(exc))
            ) from None
        done: list[str] = []
        for name in names:
            try:
                os.replace(self.staging / name, self.staged[name])
            except OSError as exc:
                undone = _restore(self.folder, self.staging, done)
                manifest.unlink(missing_ok=True)  # the next command must not finish this set
                key = "files.error.rolled_back" if undone else "files.error.commit"
                raise OutputError(
                    _message(
                        key,
                        self.lang,
                        path=str(self.staged[name]),
                        reason=_reason(exc),
                        written=", ".join(done) or "-",
                        missing=", ".join(n for n in names if n not in done),
                    )
                ) from None
            done.append(name)
        _fsync_folder(self.folder)
        self.committed = True
        return [self.staged[n] for n in names]

    def _keep_previous(self, names: list[str]) -> None:
        """Keep the files about to be replaced (hard links, else copies), to undo a failed commit."""
        assert self.staging is not None
        keep = self.staging / KEPT
        keep.mkdir()
        for name in names:
            target = self.staged[name]
            if not os.path.lexists(target):
                continue
            try:
                os.link(target, keep / name, follow_symlinks=False)
            except OSError:  # a file system without hard links, or a file that refuses them
                shutil.copy2(target, keep / name, follow_symlinks=False)

    def close(self) -> None:
        """Remove the staging folder and release the lock (nothing else is touched)."""
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
        if not self.committed:
            self._remove_created()
        self._lock.release()


@contextmanager
def writing(
    folder: str | Path, names: Iterable[str], lang: str = "en", outset: OutputSet | None = None
) -> Iterator[OutputSet]:
    """An open set to write ``names`` into ``folder``, committed on leaving the block.

    With ``outset`` (a set the caller opened and will commit) that set is used as it is.
    """
    if outset is not None:
        yield outset
        return
    with OutputSet(folder, names, lang) as own:
        yield own
        own.commit()


class OutputSets:
    """Several folders written as one command's output (say a report and its charts folder).

    Each folder is an :class:`OutputSet` of its own (one lock, one journal); the same folder
    named twice is one set. Commit puts the sets in place one after the other.
    """

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.sets: dict[Path, OutputSet] = {}

    def folder(self, folder: str | Path, names: Iterable[str] = ()) -> OutputSet:
        """The (opened) set of ``folder``, with ``names`` added to its checked names."""
        key = Path(folder).resolve()  # a symlink to a folder already in the set is that folder
        names = list(names)
        if key not in self.sets:
            outset = OutputSet(folder, names, self.lang)
            outset.open()
            self.sets[key] = outset
        else:
            outset = self.sets[key]
            for name in names:
                outset.path(name)
            outset.names += names
        return outset

    def commit(self) -> list[Path]:
        return [path for outset in self.sets.values() for path in outset.commit()]

    def __enter__(self) -> OutputSets:
        return self

    def __exit__(self, *exc: object) -> None:
        # The last opened first, so that folders created for a later set (inside one created
        # for an earlier set) are removed before the earlier set tries to remove its own.
        for outset in reversed(list(self.sets.values())):
            outset.close()
