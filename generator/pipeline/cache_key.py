"""The key that signs render-cache entries: made once per user, kept outside every output folder.

It is 32 random bytes (as hex) in $XDG_CONFIG_HOME/packgen/cache-key (~/.config/packgen/ when
XDG_CONFIG_HOME is unset), a plain file of the user's own, 0600 in a 0700 folder. A key that is
a link, another user's file or readable by others is not used: packgen says so and renders
everything, and the person removes the file so packgen makes a new one.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
import tempfile
from pathlib import Path

KEY_FILE = "cache-key"
KEY_TEXT = re.compile(rb"[0-9a-f]{64}")


class NoKey(Exception):
    """Why there is no key to sign the cache with: a sentence for the person at the keyboard."""


def signing_key() -> bytes:
    """This user's cache key, made the first time it is needed."""
    folder = _key_folder()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.path.lexists(folder / KEY_FILE):
            _make(folder / KEY_FILE)
        return _read(folder / KEY_FILE)
    except OSError as error:
        raise NoKey(f"cannot keep its key in {folder} ({error.strerror or error})") from None


def _key_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME")
    if config and os.path.isabs(config):
        return Path(config) / "packgen"
    try:
        return Path.home() / ".config" / "packgen"
    except RuntimeError:
        raise NoKey("there is no home folder to keep its key in (HOME is not set)") from None


def _make(path: Path) -> None:
    """Write a new key whole, beside the old name, then link it in: two builds starting at once
    both end up reading the one key that was linked first."""
    handle, scratch = tempfile.mkstemp(prefix=".new-key-", dir=path.parent)  # mkstemp makes it 0600
    try:
        os.fchmod(handle, 0o600)
        os.write(handle, secrets.token_hex(32).encode("ascii"))
        os.fsync(handle)
        os.close(handle)
        try:
            os.link(scratch, path)
        except FileExistsError:
            pass  # another build made it first
    finally:
        os.unlink(scratch)


def _read(path: Path) -> bytes:
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if os.path.islink(path):
            raise NoKey(f"{path} is a link; remove it and packgen makes a new key") from None
        raise error
    try:
        facts = os.fstat(handle)
        if not stat.S_ISREG(facts.st_mode) or facts.st_uid != os.geteuid() or facts.st_mode & 0o077:
            raise NoKey(f"{path} is not a private file of yours (0600); remove it and packgen makes a new key")
        key = os.read(handle, 65)
    finally:
        os.close(handle)
    if not KEY_TEXT.fullmatch(key):
        raise NoKey(f"{path} is damaged; remove it and packgen makes a new key")
    return key
