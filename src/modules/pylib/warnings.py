"""warnings for numjit: warn() prints "file:line: Category: message" to stderr once per
location like CPython's default filter; simplefilter/filterwarnings ("ignore", "error",
"always", "default", "once"), catch_warnings (record=True)."""

import sys as _sys

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning", "filterwarnings",
           "simplefilter", "resetwarnings", "catch_warnings"]

filters = []
_onceregistry = {}
_registry = set()
defaultaction = "default"


class WarningMessage:
    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source
        self._category_name = category.__name__ if category else None

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, "
                "line : %r}" % (self.message, self._category_name,
                                self.filename, self.lineno, self.line))


def formatwarning(message, category, filename, lineno, line=None):
    s = f"{filename}:{lineno}: {category.__name__}: {message}\n"
    if line:
        s += "  %s\n" % line.strip()
    return s


def _showwarnmsg_impl(msg):
    f = msg.file
    if f is None:
        f = _sys.stderr
        if f is None:
            return
    text = formatwarning(msg.message, msg.category, msg.filename, msg.lineno, msg.line)
    try:
        f.write(text)
    except OSError:
        pass


def showwarning(message, category, filename, lineno, file=None, line=None):
    _showwarnmsg_impl(WarningMessage(message, category, filename, lineno, file, line))


def _showwarnmsg(msg):
    import warnings as _self
    sw = _self.showwarning
    if sw is not _showwarning_orig:
        sw(msg.message, msg.category, msg.filename, msg.lineno, msg.file, msg.line)
        return
    _showwarnmsg_impl(msg)


_showwarning_orig = showwarning


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    item = (action, message, category, module, lineno)
    if item in filters:
        filters.remove(item)
    if append:
        filters.append(item)
    else:
        filters.insert(0, item)


def simplefilter(action, category=Warning, lineno=0, append=False):
    filterwarnings(action, "", category, "", lineno, append)


def resetwarnings():
    filters[:] = []


def _caller(stacklevel):
    # numjit keeps no introspectable frame stack: report the location CPython uses when the
    # caller's frame is unknown.
    return 'sys', 1, '__main__'


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError("category must be a Warning subclass, "
                        "not '{:s}'".format(type(category).__name__))
    filename, lineno, module = _caller(stacklevel)
    warn_explicit(message, category, filename, lineno, module, source=source)


def warn_explicit(message, category, filename, lineno, module=None, registry=None,
                  module_globals=None, source=None):
    if isinstance(message, Warning):
        text = str(message)
        category = message.__class__
    else:
        text = message
        message = category(message)
    action = defaultaction
    for item in filters:
        act, msg, cat, mod, ln = item
        if ((not msg or text.startswith(msg)) and issubclass(category, cat)
                and (not mod or mod == module) and (ln == 0 or lineno == ln)):
            action = act
            break
    else:
        if issubclass(category, (DeprecationWarning, PendingDeprecationWarning, ImportWarning,
                                 ResourceWarning)) and module != '__main__':
            action = "ignore"
    if action == "ignore":
        return
    if action == "error":
        raise message
    key = (text, category, lineno, filename)
    if action == "once":
        if (text, category) in _onceregistry:
            return
        _onceregistry[(text, category)] = 1
    elif action == "module":
        if (text, category, filename) in _registry:
            return
        _registry.add((text, category, filename))
    elif action == "default":
        if key in _registry:
            return
        _registry.add(key)
    _showwarnmsg(WarningMessage(message, category, filename, lineno, None, None, source))


class catch_warnings:
    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0,
                 append=False):
        self._record = record
        self._entered = False
        self._filter = (action, category, lineno, append) if action else None

    def __enter__(self):
        if self._entered:
            raise RuntimeError("Cannot enter %r twice" % self)
        self._entered = True
        import warnings as g
        self._filters = g.filters
        g.filters = list(self._filters)
        self._showwarning = g.showwarning
        self._registry = set(_registry)
        if self._filter:
            simplefilter(*self._filter)
        if self._record:
            log = []
            g.showwarning = lambda *a: log.append(WarningMessage(*a))
            return log
        return None

    def __exit__(self, *exc_info):
        import warnings as g
        g.filters = self._filters
        g.showwarning = self._showwarning
        _registry.clear()
        _registry.update(self._registry)
