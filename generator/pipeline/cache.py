"""The render cache: each module's outputs, stored under the key of the inputs that made them.

It lives in OUT/.packgen-cache/<pack>/, one folder per key holding entry.json, entry.hmac and
the files' bytes (N.bin, N.html). Entries are written whole (to a scratch folder, then one
rename), folders 0700 and files 0600 whatever the umask: the cache is one user's working store,
nobody else needs to read it, and nobody else can then list it or plant a file in it.

Why an entry is trusted. Hashes inside entry.json prove nothing: whoever wrote the entry wrote
them too. Binding entries to the previous manifest.json was considered and refused: it sits in
the same OUT folder, so whoever can replace the cache can usually replace build/<pack>/ with a
manifest of their own as well; it records neither the HTML nor the hand-offs nor the notes an
entry carries; and it lists only the last build, so an undone edit could never be reused.
Instead every entry.json is signed (HMAC-SHA256, in entry.hmac) with a key only this user can
read, kept outside every output folder (generator/pipeline/cache_key.py). Someone who can write OUT but
cannot read the user's home cannot make an entry packgen accepts; someone who can read it (the
user, root) could change packgen itself anyway. An entry copied from another user or machine
is simply a miss.

A signed entry is still checked as if it were hostile: its key and module are this module's;
each file is of a kind the module declares (generator/artefacts/registry.py) and named as the module names
it (never manifest.json, people/..., '..' or an absolute path); N.bin and N.html are plain
files, opened without following links and without blocking, read no further than the size
recorded, and match their hash; pages is a whole number or none; notes hold no control or
invisible format characters. Any doubt is one note, "ignored a cache entry for X (why);
rendered it again", and the module is rendered, so a damaged or forged cache costs time, never
a wrong artefact and never a traceback. The cache folders must be real folders of this user's:
a link or another user's folder turns the cache off for the build, with one note.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from generator.artefacts.base import Output
from generator.pipeline.cache_entry import ENTRY_FILES, Doubt, read_entry, write_entry
from generator.pipeline.cache_key import NoKey, signing_key
from generator.pipeline.inputs import Inputs

CACHE_FOLDER = ".packgen-cache"
KEEP_ENTRIES = 24  # per pack: the current build's entries always, then the most recently used
KEY = re.compile(r"[0-9a-f]{64}")
FOLDER_MODE = 0o700
FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC


class CacheOff(Exception):
    """Why the cache cannot be used at all in this build."""


@dataclass
class Cache:
    folder: Path
    notes: list[str] = field(default_factory=list)  # ignored entries, for the person at the keyboard
    _key: bytes | None = field(default=None, repr=False)
    _off: bool = False

    @classmethod
    def for_pack(cls, out_root: Path, slug: str) -> Cache:
        return cls(Path(out_root) / CACHE_FOLDER / slug)

    def get(self, inputs: Inputs) -> list[Output] | None:
        """The module's outputs stored under `inputs`' key, or None if there is no sound entry."""
        key = inputs.key
        if not os.path.lexists(self.folder / key):
            return None
        secret = self._ready(create=False)
        if secret is None:
            return None
        try:
            entry = os.open(self.folder / key, FOLDER_FLAGS)
        except OSError as error:
            self._ignored(inputs.module, error)
            return None
        try:
            outputs = read_entry(entry, key, inputs.module, secret)
            os.utime(entry)  # most recently used
            return outputs
        except (OSError, ValueError, KeyError, TypeError) as problem:
            self._ignored(inputs.module, problem)
            return None
        finally:
            os.close(entry)

    def put(self, inputs: Inputs, outputs: list[Output]) -> None:
        """Store `outputs` under `inputs`' key; a cache that cannot be written is only a note."""
        key = inputs.key
        try:
            secret = self._ready(create=True)
            if secret is None:
                return
            scratch = Path(tempfile.mkdtemp(prefix=".new-", dir=self.folder))  # 0700
            try:
                write_entry(scratch, key, inputs.module, outputs, secret)
                if os.path.lexists(self.folder / key):
                    _remove_entry(self.folder / key)
                os.rename(scratch, self.folder / key)
            finally:
                shutil.rmtree(scratch, ignore_errors=True)
        except OSError as error:
            self.notes.append(f"could not store {inputs.module} in the cache ({error.strerror or error})")

    def prune(self, in_use: set[str]) -> None:
        """Keep the entries this build used, and the most recently used others, up to KEEP_ENTRIES."""
        if self._ready(create=False) is None:
            return
        try:
            with os.scandir(self.folder) as found:
                folders = [Path(e.path) for e in found if e.is_dir(follow_symlinks=False)]
        except OSError:
            return
        entries = [p for p in folders if KEY.fullmatch(p.name)]
        scratch = [p for p in folders if p.name.startswith(".new-")]
        spare = sorted((p for p in entries if p.name not in in_use), key=_last_used, reverse=True)
        for old in spare[max(0, KEEP_ENTRIES - len(in_use)) :] + scratch:
            _remove_entry(old)

    def _ready(self, create: bool) -> bytes | None:
        """The signing key, once the cache folders are known to be this user's own; None (with
        one note) if the cache cannot be used, or silently if there is none yet to read."""
        if self._off:
            return None
        try:
            for folder in (self.folder.parent, self.folder):
                _private_folder(folder, create)
            if self._key is None:
                self._key = signing_key()
            return self._key
        except FileNotFoundError:
            return None  # no cache yet
        except (CacheOff, NoKey) as why:
            self._off = True
            self.notes.append(f"packgen did not use its cache in this build: {why}")
            return None

    def _ignored(self, module: str, problem: Exception) -> None:
        self.notes.append(f"ignored a cache entry for {module} ({_reason(problem)}); rendered it again")


def _private_folder(folder: Path, create: bool) -> None:
    if create:
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            pass
    try:
        facts = os.lstat(folder)
    except FileNotFoundError:
        raise  # no cache yet: nothing to read
    except OSError as error:
        raise CacheOff(f"{folder} cannot be read ({error.strerror})") from None
    if not stat.S_ISDIR(facts.st_mode):
        raise CacheOff(f"{folder} is a link or not a folder; remove it and packgen makes its own")
    if facts.st_uid != os.geteuid():
        raise CacheOff(f"{folder} belongs to another user; remove it, or build into a folder of your own")
    if stat.S_IMODE(facts.st_mode) != FOLDER_MODE:
        os.chmod(folder, FOLDER_MODE)


def _reason(problem: Exception) -> str:
    if isinstance(problem, Doubt):
        return str(problem)
    if isinstance(problem, OSError):
        return {
            "ELOOP": "it is a link",
            "ENOTDIR": "it is not a folder",
            "ENOENT": "a file of it is missing",
        }.get(_errno_name(problem), problem.strerror or "it could not be read")
    return "it is not as packgen stores entries"


def _errno_name(error: OSError) -> str:
    return errno.errorcode.get(error.errno or 0, "")


def _last_used(path: Path) -> float:
    try:
        return os.lstat(path).st_mtime
    except OSError:
        return 0.0


def _remove_entry(path: Path) -> None:
    """Remove one cache entry: only the names the cache writes (a link is removed, never followed),
    then the folder; an entry holding anything else is left."""
    try:
        folder = os.open(path, FOLDER_FLAGS)
    except OSError:
        return
    try:
        for name in os.listdir(folder):
            if ENTRY_FILES.fullmatch(name) and not stat.S_ISDIR(
                os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode
            ):
                os.unlink(name, dir_fd=folder)
        os.rmdir(path)
    except OSError:
        pass  # something else is in there: leave it
    finally:
        os.close(folder)
