"""tempfile for numjit: gettempdir, mkdtemp, mkstemp-free helpers (mkdtemp is what scripts
use most), TemporaryDirectory."""

import os as _os

tempdir = None
template = 'tmp'

_chars = 'abcdefghijklmnopqrstuvwxyz0123456789_'


def _rand_name(n=8):
    data = _os.urandom(n)
    return ''.join(_chars[b % len(_chars)] for b in data)


def gettempdir():
    if tempdir is not None:
        return tempdir
    for var in ('TMPDIR', 'TEMP', 'TMP'):
        d = _os.environ.get(var)
        if d and _os.path.isdir(d):
            return _os.path.abspath(d)
    return '/tmp'


def mkdtemp(suffix=None, prefix=None, dir=None):
    if dir is None:
        dir = gettempdir()
    prefix = template if prefix is None else prefix
    suffix = '' if suffix is None else suffix
    for _ in range(100):
        file = _os.path.join(dir, prefix + _rand_name() + suffix)
        try:
            _os.mkdir(file, 0o700)
        except FileExistsError:
            continue
        return _os.path.abspath(file)
    raise FileExistsError("No usable temporary directory name found")


def mktemp(suffix='', prefix=template, dir=None):
    if dir is None:
        dir = gettempdir()
    return _os.path.join(dir, prefix + _rand_name() + suffix)


def mkstemp(suffix=None, prefix=None, dir=None, text=False):
    raise NotImplementedError("tempfile.mkstemp is not available in numjit (no file descriptors)")


def _rmtree(path):
    for name in _os.listdir(path):
        p = _os.path.join(path, name)
        if _os.path.isdir(p) and not _os.path.islink(p):
            _rmtree(p)
        else:
            _os.remove(p)
    _os.rmdir(path)


class TemporaryDirectory:
    def __init__(self, suffix=None, prefix=None, dir=None, ignore_cleanup_errors=False):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore = ignore_cleanup_errors

    def __repr__(self):
        return f"<{self.__class__.__name__} {self.name!r}>"

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        self.cleanup()

    def cleanup(self):
        try:
            if _os.path.exists(self.name):
                _rmtree(self.name)
        except OSError:
            if not self._ignore:
                raise
