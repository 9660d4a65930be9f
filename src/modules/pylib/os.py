"""os for numjit: a minimal portable subset on top of the native _os module (getcwd, chdir,
listdir, mkdir/makedirs, remove/unlink, rmdir/removedirs, rename/replace, stat, utime,
environ/getenv/putenv, walk, scandir-free helpers), with os.path = posixpath."""

import sys as _sys
import _os
import posixpath as path

name = 'posix'
linesep = '\n'
sep = path.sep
curdir = path.curdir
pardir = path.pardir
extsep = path.extsep
pathsep = path.pathsep
defpath = path.defpath
altsep = path.altsep
devnull = path.devnull
F_OK, R_OK, W_OK, X_OK = 0, 4, 2, 1
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2

_sys.modules['os.path'] = path

error = OSError

getcwd = _os.getcwd
chdir = _os.chdir
rmdir = _os.rmdir
remove = _os.remove
unlink = _os.remove
rename = _os.rename
replace = _os.rename
getpid = _os.getpid
cpu_count = _os.cpu_count
urandom = _os.urandom


def fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), '__fspath__', None)
    if f is None:
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(p).__name__)
    return f(p)


class PathLike:
    def __fspath__(self):
        raise NotImplementedError


class _Environ(dict):
    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError(f"str expected, not {type(key).__name__}")
        if not isinstance(value, str):
            raise TypeError(f"str expected, not {type(value).__name__}")
        _os.putenv(key, value)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        dict.__delitem__(self, key)
        _os.unsetenv(key)

    def pop(self, key, *default):
        if key in self:
            _os.unsetenv(key)
        return dict.pop(self, key, *default)

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    def update(self, *args, **kwargs):
        for k, v in dict(*args, **kwargs).items():
            self[k] = v

    def copy(self):
        return dict(self)

    def __repr__(self):
        return 'environ(' + dict.__repr__(self) + ')'


environ = _Environ(_os.environ)


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    _os.putenv(key, value)


def unsetenv(key):
    _os.unsetenv(key)


def getcwdb():
    return _os.getcwd().encode()


def listdir(path='.'):
    return _os.listdir(fspath(path))


def mkdir(path, mode=0o777, *, dir_fd=None):
    _os.mkdir(fspath(path))


def makedirs(name, mode=0o777, exist_ok=False):
    name = fspath(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


class stat_result(tuple):
    n_sequence_fields = 10

    def __new__(cls, t):
        return tuple.__new__(cls, t)

    st_mode = property(lambda s: s[0])
    st_ino = property(lambda s: s[1])
    st_dev = property(lambda s: s[2])
    st_nlink = property(lambda s: s[3])
    st_uid = property(lambda s: s[4])
    st_gid = property(lambda s: s[5])
    st_size = property(lambda s: s[6])
    st_atime = property(lambda s: s[7])
    st_mtime = property(lambda s: s[8])
    st_ctime = property(lambda s: s[9])
    st_atime_ns = property(lambda s: int(s[7] * 1e9))
    st_mtime_ns = property(lambda s: int(s[8] * 1e9))

    def __repr__(self):
        return ('os.stat_result(st_mode=%d, st_ino=%d, st_dev=%d, st_nlink=%d, st_uid=%d, '
                'st_gid=%d, st_size=%d, st_atime=%d, st_mtime=%d, st_ctime=%d)'
                % tuple(int(x) for x in self))


def stat(path, *, dir_fd=None, follow_symlinks=True):
    return stat_result(_os.stat(fspath(path), follow_symlinks))


def lstat(path, *, dir_fd=None):
    return stat_result(_os.stat(fspath(path), False))


def utime(path, times=None, *, ns=None, dir_fd=None, follow_symlinks=True):
    if ns is not None:
        times = (ns[0] / 1e9, ns[1] / 1e9)
    _os.utime(fspath(path), times)


def access(path, mode):
    return path_exists(path)


def path_exists(p):
    return path.exists(p)


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = fspath(top)
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs, nondirs = [], []
    for n in names:
        if path.isdir(path.join(top, n)):
            dirs.append(n)
        else:
            nondirs.append(n)
    if topdown:
        yield top, dirs, nondirs
    for d in dirs:
        new_path = path.join(top, d)
        if followlinks or not path.islink(new_path):
            yield from walk(new_path, topdown, onerror, followlinks)
    if not topdown:
        yield top, dirs, nondirs


def get_terminal_size(fd=1):
    cols = int(environ.get('COLUMNS', 80))
    lines = int(environ.get('LINES', 24))
    return (cols, lines)
