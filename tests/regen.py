#!/usr/bin/env python3
"""Regenerate (or check) the expected outputs of the script tests from CPython.

Expected outputs come from CPython 3.11 (+ numpy), never from numjit.

    python3 tests/regen.py            # rewrite every .out / .err
    python3 tests/regen.py --check    # re-derive and exit 1 on any difference
    python3 tests/regen.py FILTER...  # only scripts whose path contains a FILTER

Layout
  tests/py/<area>/<name>.py   one test script. Files whose name starts with "_" and
                              everything in subdirectories are support files (modules,
                              packages, data), not tests.
  samples/<name>.py           the language samples, treated exactly like tests.

For every script, python3 runs with cwd = the script's directory and argv[1] = the bare
file name. Outputs written next to the script:
  <name>.out   exact stdout
  <name>.err   only when the exit status is not 0:  "exit=N\n" then
                 - areas `syntax` and `errors`: the whole stderr (CPython 3.11's caret lines
                   under the failing expression included);
                 - every other area: the last line of stderr.
               In stderr, "<absolute script dir>/" is replaced by "" (CPython >= 3.9 reports
               the main script by absolute path; the test outputs must not depend on where
               the checkout lives).

Directives: comment lines at the very top of a script (stop at the first non-"#" line):
  # args: a b c          extra command line arguments (split on whitespace)
  # env: NAME=VALUE      environment variable (repeatable); PYTHONPATH entries are
                         relative to the script directory (they are resolved by the cwd)
  # stdin: text          standard input ("\\n" is a newline); default: empty stdin
  # bytecode: write      do not set PYTHONDONTWRITEBYTECODE=1 (the default sets it)

Environment: inherited, minus every PYTHON* and NUMJIT* variable, plus PYTHONHASHSEED=0,
PYTHONIOENCODING=utf-8, PYTHONUTF8=1 (and PYTHONDONTWRITEBYTECODE=1 unless told otherwise).
The area `numba` runs with the real numba when python3 can import it (.ci/run installs
numba 0.68.1), so the expected outputs are what CPython + numba print. Only where numba is
missing does it fall back to tests/py/numba/_stub (prepended to PYTHONPATH): a stub `numba`
module whose jit/njit are identity decorators — the same outputs for these scripts, checked
against the real numba when it was available.

tests/scripts.rs runs numjit in exactly the same way (without the numba stub) and compares.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PY_DIR = os.path.join(ROOT, "tests", "py")
SAMPLES_DIR = os.path.join(ROOT, "samples")
WHOLE_STDERR_AREAS = ("syntax", "errors")
TIMEOUT = 120


def discover():
    """Yield (relpath_from_root, area) for every test script, sorted."""
    out = []
    for area in sorted(os.listdir(PY_DIR)):
        adir = os.path.join(PY_DIR, area)
        if not os.path.isdir(adir) or area.startswith(("_", ".")):
            continue
        for name in sorted(os.listdir(adir)):
            if name.endswith(".py") and not name.startswith("_"):
                out.append((os.path.relpath(os.path.join(adir, name), ROOT), area))
    if os.path.isdir(SAMPLES_DIR):
        for name in sorted(os.listdir(SAMPLES_DIR)):
            if name.endswith(".py") and not name.startswith("_"):
                out.append((os.path.relpath(os.path.join(SAMPLES_DIR, name), ROOT), "samples"))
    return out


def directives(path):
    d = {"args": [], "env": [], "stdin": None, "bytecode": None}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                break
            body = line[1:].strip()
            key, sep, val = body.partition(":")
            if not sep:
                continue
            key, val = key.strip(), val.strip()
            if key == "args":
                d["args"] = val.split()
            elif key == "env":
                name, _, value = val.partition("=")
                d["env"].append((name.strip(), value.strip()))
            elif key == "stdin":
                d["stdin"] = val.replace("\\n", "\n")
            elif key == "bytecode":
                d["bytecode"] = val
    return d


def make_env(d, area, script_dir):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("PYTHON") and not k.startswith("NUMJIT")}
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONUTF8"] = "1"
    if d["bytecode"] != "write":
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    for name, value in d["env"]:
        env[name] = value
    if area == "numba" and not HAVE_REAL_NUMBA:
        stub = os.path.join(script_dir, "_stub")
        env["PYTHONPATH"] = stub + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _have_real_numba():
    import subprocess
    try:
        r = subprocess.run([sys.executable, "-c", "import numba"], capture_output=True, timeout=120)
        return r.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


HAVE_REAL_NUMBA = _have_real_numba()


def err_text(area, code, stderr, script_dir):
    stderr = stderr.replace(script_dir + os.sep, "")
    if area in WHOLE_STDERR_AREAS:
        body = stderr
        if body and not body.endswith("\n"):
            body += "\n"
        return "exit=%d\n%s" % (code, body)
    stripped = stderr.rstrip("\n")
    last = stripped.split("\n")[-1] + "\n" if stripped.strip() else ""
    return "exit=%d\n%s" % (code, last)


def run(rel, area):
    path = os.path.join(ROOT, rel)
    script_dir = os.path.dirname(path)
    d = directives(path)
    env = make_env(d, area, script_dir)
    cmd = [sys.executable, os.path.basename(path)] + d["args"]
    stdin_bytes = d["stdin"].encode() if d["stdin"] is not None else b""
    p = subprocess.run(cmd, cwd=script_dir, env=env, input=stdin_bytes,
                       capture_output=True, timeout=TIMEOUT)
    out = p.stdout.decode("utf-8", "replace")
    err = None
    if p.returncode != 0:
        err = err_text(area, p.returncode, p.stderr.decode("utf-8", "replace"), script_dir)
    return out, err


def read(path):
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        return None


def write(path, text):
    if text is None:
        if os.path.exists(path):
            os.remove(path)
        return
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def main(argv):
    check = "--check" in argv
    filters = [a for a in argv if not a.startswith("--")]
    if sys.version_info[:2] != (3, 11):
        print("warning: expected outputs must come from CPython 3.11, this is %s"
              % sys.version.split()[0], file=sys.stderr)
    scripts = [(r, a) for r, a in discover() if not filters or any(f in r for f in filters)]
    bad = []
    for rel, area in scripts:
        base = os.path.join(ROOT, rel[:-3])
        try:
            out, err = run(rel, area)
        except subprocess.TimeoutExpired:
            print("TIMEOUT %s" % rel)
            bad.append(rel)
            continue
        if check:
            diffs = []
            if read(base + ".out") != out:
                diffs.append(".out")
            if read(base + ".err") != err:
                diffs.append(".err")
            if diffs:
                bad.append(rel)
                print("DIFF %s (%s)" % (rel, ", ".join(diffs)))
        else:
            write(base + ".out", out)
            write(base + ".err", err)
    # Expected files whose script disappeared.
    if not filters:
        known = {os.path.join(ROOT, r[:-3]) for r, _ in scripts}
        for d in [os.path.join(PY_DIR, a) for a in sorted(os.listdir(PY_DIR))] + [SAMPLES_DIR]:
            if not os.path.isdir(d):
                continue
            for name in sorted(os.listdir(d)):
                if name.endswith((".out", ".err")):
                    base = os.path.join(d, name[:-4])
                    if base not in known:
                        if check:
                            bad.append(name)
                            print("STALE %s" % os.path.relpath(os.path.join(d, name), ROOT))
                        else:
                            os.remove(os.path.join(d, name))
    if check:
        if bad:
            print("regen --check: %d of %d scripts differ from CPython; run python3 tests/regen.py"
                  % (len(bad), len(scripts)))
            return 1
        print("regen --check: %d scripts, expected outputs match CPython" % len(scripts))
    else:
        print("regen: wrote expected outputs for %d scripts" % len(scripts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
