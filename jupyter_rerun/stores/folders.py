"""Whether a store folder or the secret is private to this user: the checks ssh makes for ~/.ssh.

A path is trusted when it, and every folder above it, is owned by this user or by root and
writable by no one else, following symbolic links to where they lead. Whoever can write a
folder on that chain can rename ours away and put one of their own in its place, with an
index or a secret they chose. One exception, as in ssh's view of /tmp: a folder *above* the
store that others can write but that has the sticky bit set, since in such a folder others
cannot rename or remove what is ours.
"""

from __future__ import annotations

import os
import pwd
import stat
from collections.abc import Callable

from ..errors import StoreError

Rule = Callable[[str, os.stat_result], "str | None"]


def make_private(folder: str) -> None:
    """Create `folder` and any missing folder above it, each with mode 0700 (makedirs would
    give the folders above it the umask's mode)."""
    missing = []
    path = os.path.abspath(folder)
    while not os.path.lexists(path):
        missing.append(path)
        path = os.path.dirname(path)
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            pass  # another kernel made it first; the checks that follow look at it


def check_folder(folder: str) -> None:
    """Raise StoreError, saying why and how to fix it, unless `folder` is private."""
    _check(folder, _private_folder)


def check_secret(path: str) -> None:
    """Raise StoreError unless the secret file at `path` (if there is one) and its folders
    are private: the file itself readable and writable by this user only."""
    _check(path, _private_secret)


def check_own_file(path: str) -> None:
    """Raise StoreError if `path` exists and is not a plain file of ours that only we can
    write (a store's index: never followed if it is a link)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(info.st_mode):
        raise StoreError(f"{path} is a symbolic link, and a store's files must be its own: "
                         f"remove the link (rm {path})")
    if not stat.S_ISREG(info.st_mode):
        raise StoreError(f"{path} is not a plain file: remove it")
    problem = _owner(path, info) or _writable(path, info, f"chmod 600 {path}")
    if problem:
        raise StoreError(problem)


def _check(path: str, last: Rule) -> None:
    absolute = os.path.abspath(path)
    real = os.path.realpath(absolute)
    # the real chain, then the written one: a link's own folder must be safe too
    for candidate in dict.fromkeys(_chain(real) + _chain(absolute)):
        try:
            info = os.lstat(candidate)
        except FileNotFoundError:
            continue  # not made yet
        if stat.S_ISLNK(info.st_mode):
            continue  # where it leads is on the real chain
        problem = last(candidate, info) if candidate == real else _above(candidate, info)
        if problem:
            raise StoreError(problem)


def _chain(path: str) -> list[str]:
    """`path` and every folder above it, up to /."""
    found = [path]
    while os.path.dirname(found[-1]) != found[-1]:
        found.append(os.path.dirname(found[-1]))
    return found


def _private_folder(path: str, info: os.stat_result) -> str | None:
    if not stat.S_ISDIR(info.st_mode):
        return f"{path} is not a folder: pick a folder path"
    return _owner(path, info) or _writable(path, info, f"chmod 700 {path}")


def _private_secret(path: str, info: os.stat_result) -> str | None:
    if not stat.S_ISREG(info.st_mode):
        return f"the secret {path} is not a plain file: remove it (a new one is made)"
    if info.st_mode & 0o077:
        return (f"the secret {path} can be read or written by others (mode "
                f"{stat.S_IMODE(info.st_mode):o}): chmod 600 {path}")
    return _owner(path, info)


def _above(path: str, info: os.stat_result) -> str | None:
    problem = _owner(path, info)
    if problem or info.st_mode & stat.S_ISVTX:
        return problem  # sticky: others may write it but cannot move what is ours
    return _writable(path, info, f"chmod go-w {path}", ", a folder above the store,")


def _owner(path: str, info: os.stat_result) -> str | None:
    if info.st_uid in (os.geteuid(), 0):
        return None
    return (f"{path} is owned by {_user(info.st_uid)}, not by you ({_user(os.geteuid())}): "
            "use a folder of your own")


def _writable(path: str, info: os.stat_result, fix: str, what: str = "") -> str | None:
    who = [name for bit, name in ((stat.S_IWGRP, "group"), (stat.S_IWOTH, "others"))
           if info.st_mode & bit]
    if not who:
        return None
    return f"{path}{what} is writable by {' and '.join(who)}: {fix}"


def _user(uid: int) -> str:
    try:
        return f"{pwd.getpwuid(uid).pw_name} (uid {uid})"
    except KeyError:
        return f"uid {uid}"
