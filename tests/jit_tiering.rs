//! JIT tiering tests (issue 5): the numba API, typing errors, native errors with tracebacks,
//! fallback and re-specialisation, tier-up of hot unannotated functions, inspection,
//! `--jit=off` equivalence, `--stats`/`--emit`/`--compare` output shape, and the anchor
//! kernels' numba variants at small sizes. Each test writes a script to a temporary directory
//! and runs the `numjit` binary on it.

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> PathBuf {
    match std::env::var_os("NUMJIT_BIN") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_BIN_EXE_numjit")),
    }
}

fn tmpdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("numjit-jit-tests-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Out {
    stdout: String,
    stderr: String,
    code: i32,
}

fn run_in(dir: &Path, file: &str, flags: &[&str], args: &[&str]) -> Out {
    let o = Command::new(bin())
        .current_dir(dir)
        .env(
            "NUMJIT_CACHE_DIR",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("tiering-cache"),
        )
        .args(flags)
        .arg(file)
        .args(args)
        .output()
        .expect("run numjit");
    // Scripts' paths are absolute in messages (as CPython's): show them relative to `dir`.
    let prefix = format!("{}/", dir.display());
    Out {
        stdout: String::from_utf8_lossy(&o.stdout).replace(&prefix, ""),
        stderr: String::from_utf8_lossy(&o.stderr).replace(&prefix, ""),
        code: o.status.code().unwrap_or(-1),
    }
}

fn run(name: &str, src: &str, flags: &[&str]) -> Out {
    let d = tmpdir(name);
    let f = format!("{name}.py");
    std::fs::write(d.join(&f), src).unwrap();
    run_in(&d, &f, flags, &[])
}

#[test]
fn njit_scalar_fib_and_array_loop() {
    let src = "from numba import njit\nimport numpy as np\n\n@njit\ndef sq(x):\n    return x * x + 1\n\n@njit\ndef fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n\n@njit\ndef dot(a, b):\n    s = 0.0\n    for i in range(a.shape[0]):\n        s += a[i] * b[i]\n    return s\n\nprint(sq(3), sq(2.5), fib(20))\na = np.arange(10, dtype=np.float64)\nprint(dot(a, a))\nprint(sq.signatures, fib.signatures)\n";
    let o = run("slice", src, &["--stats"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "10 7.25 6765\n285.0\n[(int64,), (float64,)] [(int64,)]\n"
    );
    assert!(
        o.stderr.contains("compiled  fib(int64) -> int64  [@jit]"),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("4 specialisation(s)"), "{}", o.stderr);
}

#[test]
fn typing_error_names_file_line_expression_and_types() {
    let src =
        "import numpy as np\nfrom numba import njit\nfrom numba.core.errors import TypingError\n";
    // numba.core.errors may not exist: use numba.TypingError.
    let src = src.replace(
        "from numba.core.errors import TypingError\n",
        "from numba import TypingError\n",
    );
    let src = format!(
        "{src}\n@njit\ndef bad(a):\n    t = (1, 2)\n    return a + t\n\ntry:\n    bad(np.zeros(3))\nexcept TypingError as e:\n    print(type(e).__name__)\n    print(e)\n"
    );
    let o = run("typing", &src, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let expected = "TypingError\nFailed in nopython mode: cannot compile bad(array(float64, 1d, A))\n  File \"typing.py\", line 8, in bad\n    return a + t\n  a + t: unsupported operand types for +: array(float64, 1d, A) and UniTuple(int64 x 2)\n";
    assert_eq!(o.stdout, expected);
}

#[test]
fn typing_error_uncaught_and_plain_jit_falls_back() {
    let src = "from numba import njit, jit\n\n@jit(nopython=False)\ndef loose(x):\n    return str(x) + '!'\n\nprint(loose(3))\n\n@njit\ndef strict(x):\n    return str(x)\n\nstrict(1)\n";
    let o = run("fallback", src, &["--stats"]);
    assert_eq!(o.code, 1);
    assert_eq!(o.stdout, "3!\n");
    assert!(
        o.stderr.contains(
            "numba.core.errors.TypingError: Failed in nopython mode: cannot compile strict(int64)"
        ),
        "{}",
        o.stderr
    );
    assert!(o.stderr.contains("line 11, in strict"), "{}", o.stderr);
    assert!(
        o.stderr
            .contains("interpreted  loose(int64)  [@jit]  calls 1  reason:"),
        "{}",
        o.stderr
    );
}

#[test]
fn index_error_from_native_code_has_the_source_line() {
    let src = "import numpy as np\nfrom numba import njit\n\n@njit\ndef get(a, i):\n    x = 1.0\n    return a[i] + x\n\n@njit\ndef outer(a):\n    return get(a, 10)\n\ntry:\n    get(np.zeros(10), -11)\nexcept IndexError as e:\n    print('caught', e)\nouter(np.zeros(10))\n";
    let o = run("oob", src, &[]);
    assert_eq!(o.code, 1);
    assert_eq!(
        o.stdout,
        "caught index -11 is out of bounds for axis 0 with size 10\n"
    );
    let err = &o.stderr;
    assert!(err.contains("line 17, in <module>"), "{err}");
    assert!(err.contains("line 11, in outer"), "{err}");
    assert!(err.contains("line 7, in get\n    return a[i] + x"), "{err}");
    assert!(
        err.ends_with("IndexError: index 10 is out of bounds for axis 0 with size 10\n"),
        "{err}"
    );
    // The traceback lists outer before get.
    assert!(
        err.find("in outer").unwrap() < err.find("in get").unwrap(),
        "{err}"
    );
}

#[test]
fn zero_division_messages_match_the_interpreter() {
    let src = "from numba import njit\n\n@njit\ndef d(a, b):\n    return a / b\n\n@njit\ndef fd(a, b):\n    return a // b\n\n@njit\ndef m(a, b):\n    return a % b\n\nfor f in (d, fd, m):\n    for args in ((1, 0), (1.0, 0.0)):\n        try:\n            f(*args)\n        except ZeroDivisionError as e:\n            print(e)\n";
    let on = run("zdiv", src, &[]);
    let off = run("zdiv", src, &["--jit=off"]);
    assert_eq!(on.stdout, off.stdout);
    assert_eq!(on.stdout, "division by zero\nfloat division by zero\ninteger division or modulo by zero\nfloat floor division by zero\ninteger modulo by zero\nfloat modulo\n");
}

#[test]
fn respecialisation_and_unsupported_argument_types() {
    let src = "from numba import jit\n\n@jit\ndef f(x):\n    return x + 1\n\nprint(f(1), f(1.5), f(True), f(2))\nprint(f.signatures)\n";
    let o = run("respec", src, &[]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(o.stdout, "2 2.5 2 3\n[(int64,), (float64,), (bool,)]\n");
    let src2 = "from numba import njit\n\n@njit\ndef f(x):\n    return x\n\ntry:\n    f('s')\nexcept Exception as e:\n    print(type(e).__name__)\n";
    let o = run("badarg", src2, &[]);
    assert_eq!(o.stdout, "TypingError\n");
}

#[test]
fn eager_signatures_compile_at_decoration() {
    let src = "import numpy as np\nfrom numba import njit, types\n\n@njit(\"float64(float64[:])\")\ndef s(a):\n    t = 0.0\n    for i in range(len(a)):\n        t += a[i]\n    return t\n\n@njit([\"int64(int64)\", \"float64(float64)\"], cache=True, fastmath=True)\ndef g(x):\n    return x * 2\n\n@njit(types.float64(types.float64[:, :]), boundscheck=False, nogil=True, parallel=True, error_model='numpy', inline='never')\ndef h(m):\n    return m[0, 0]\n\nprint(s.signatures, g.signatures, h.signatures)\nprint(s(np.ones(4)), g(3), g(1.5), h(np.ones((2, 2))))\n";
    let o = run("eager", src, &["--stats"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert_eq!(
        o.stdout,
        "[(array(float64, 1d, A),)] [(int64,), (float64,)] [(array(float64, 2d, A),)]\n4.0 6 3.0 1.0\n"
    );
}

#[test]
fn tier_up_of_a_hot_unannotated_function() {
    let src = "def poly(x, n):\n    s = 0.0\n    for i in range(n):\n        s = s * x + i\n    return s\n\ndef cold(x):\n    return [x]\n\ntotal = 0.0\nfor k in range(3000):\n    total += poly(0.5, k % 7)\n    cold(k)\nprint(total)\n";
    let on = run("tier", src, &["--stats"]);
    let off = run("tier", src, &["--jit=off"]);
    assert_eq!(on.code, 0, "{}", on.stderr);
    assert_eq!(on.stdout, off.stdout);
    assert!(
        on.stderr
            .contains("compiled  poly(float64, int64) -> float64  [tier-up]"),
        "{}",
        on.stderr
    );
    assert!(
        on.stderr.contains("interpreted  cold(int64)  [tier-up]"),
        "{}",
        on.stderr
    );
    assert!(
        on.stderr.contains("list displays are not supported"),
        "{}",
        on.stderr
    );
    let low = run("tier", src, &["--stats", "--jit-threshold=10"]);
    assert_eq!(low.stdout, off.stdout);
    assert!(!off.stderr.contains("compiled"));
}

#[test]
fn tier_up_keeps_unbound_local_error_and_njit_keeps_numba_zeros() {
    // A scalar local that may be read before it is assigned: undecorated code stays
    // interpreted (Python raises UnboundLocalError), `@njit` reads zero as numba does.
    let src = "from numba import njit\n\ndef f(n, flag):\n    s = 0\n    for i in range(n):\n        if flag:\n            t = i\n        s += t\n    return s\n\nfor k in range(2000):\n    try:\n        r = f(3, k % 2 == 0)\n    except UnboundLocalError as e:\n        r = str(e)\nprint(r)\nprint(f(5, True))\nprint(njit(f)(3, False))\n";
    let want = "cannot access local variable 't' where it is not associated with a value\n10\n0\n";
    tiered_output("unbound", src, want, &["may be used before it is assigned"]);
}

/// Runs `src` at the default tier-up threshold and at 1 (`--stats`): stdout must be `want`
/// (CPython's), and stderr must mention each of `stats`.
fn tiered_output(name: &str, src: &str, want: &str, stats: &[&str]) {
    for flags in [&["--stats"][..], &["--stats", "--jit-threshold=1"]] {
        let o = run(name, src, flags);
        assert_eq!(o.code, 0, "{}", o.stderr);
        assert_eq!(o.stdout, want, "{flags:?}");
        for s in stats {
            assert!(o.stderr.contains(s), "{s}: {}", o.stderr);
        }
    }
}

#[test]
fn tier_up_returns_numpy_scalars_where_python_does() {
    // Undecorated functions compiled by tier-up return what the interpreter returns: an array
    // element (or arithmetic with one) is a numpy scalar, a count a Python int; `@njit`
    // returns Python scalars, as numba.
    let src = "import numpy as np\nfrom numba import njit\n\ndef pick(a, k):\n    n = a.shape[0]\n    for r in range(3):\n        if r == k:\n            break\n    return a[k] * 2.0, n, r\n\ndef mean(a):\n    return (a[0] + a[1]) / 2\n\na = np.arange(4.0)\nfor t in range(1500):\n    x = pick(a, 1)\n    y = mean(a)\nprint(repr(x), repr(y), repr(pick(a, 2)))\nprint(repr(njit(pick)(a, 1)))\n";
    let want = "(np.float64(2.0), 4, 1) np.float64(0.5) (np.float64(4.0), 4, 2)\n(2.0, 4, 1)\n";
    tiered_output("npret", src, want, &["compiled  pick(", "compiled  mean("]);
}

#[test]
fn emit_and_inspect_output_shape() {
    let src = "from numba import njit\n\n@njit\ndef f(x):\n    y = x + 1.0\n    return y * 2\n\nf(1.0)\nf.inspect_types()\nir = f.inspect_ir()\nasm = f.inspect_asm()\nprint(list(ir.keys()), 'function' in list(ir.values())[0], len(list(asm.values())[0]) > 0)\n";
    let o = run("inspect", src, &["--emit=types"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    assert!(
        o.stdout.contains("f (x: float64) -> float64"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout
            .contains("   5:     y = x + 1.0\n      #   y = <float64>"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.ends_with("['(float64)'] True True\n"),
        "{}",
        o.stdout
    );
    assert!(
        o.stderr
            .contains("=== numjit: compiled f(float64) -> float64 in"),
        "{}",
        o.stderr
    );
    assert!(
        o.stderr.contains("f(x: float64) -> float64"),
        "{}",
        o.stderr
    );
    let clif = run("inspect", src, &["--emit=clif"]);
    assert!(clif.stderr.contains("function"), "{}", clif.stderr);
    let asm = run("inspect", src, &["--emit=asm"]);
    assert!(asm.stderr.contains("ret"), "{}", asm.stderr);
    // The numjit IR, in the text form the jit crate parses back.
    let ir = run("inspect", src, &["--emit=ir"]);
    let text = ir.stderr.split_once(" ms\n").map_or("", |(_, t)| t);
    let m = numjit_jit::parse_module(text).unwrap_or_else(|e| panic!("{e}\n{}", ir.stderr));
    assert_eq!(m.functions.len(), 1, "{}", ir.stderr);
    assert!(text.contains("(add"), "{}", ir.stderr);
}

#[test]
fn jit_off_gives_identical_output_for_the_numba_corpus() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/py/numba");
    for name in ["scalars.py", "arrays.py", "calculate.py"] {
        let on = run_in(&dir, name, &[], &[]);
        let off = run_in(&dir, name, &["--jit=off"], &[]);
        assert_eq!(on.code, 0, "{name}: {}", on.stderr);
        assert_eq!(on.stdout, off.stdout, "{name}");
    }
}

#[test]
fn compare_prints_a_table() {
    let src = "from numba import njit\n\n@njit\ndef f(n):\n    s = 0\n    for i in range(n):\n        s += i\n    return s\n\nprint(f(100000))\n";
    let o = run("cmp", src, &["--compare"]);
    assert_eq!(o.code, 0, "{}", o.stdout);
    assert!(o.stdout.contains("interpreter"), "{}", o.stdout);
    assert!(o.stdout.contains("wall time (s)"), "{}", o.stdout);
    assert!(
        o.stdout.contains("output                identical"),
        "{}",
        o.stdout
    );
    assert!(
        o.stdout.contains("compiled  f(int64) -> int64"),
        "{}",
        o.stdout
    );
}

/// The anchors' numba variants at the small sizes of run_all.sh give expected.txt's checksums.
#[test]
fn anchor_kernels_numba_variants_small() {
    let anchors = Path::new("/work/shared/anchors");
    let Ok(expected) = std::fs::read_to_string(anchors.join("expected.txt")) else {
        eprintln!("anchors not available; skipped");
        return;
    };
    let sizes = [
        ("floatsum", "100000"),
        ("dot", "100000"),
        ("matmul", "30"),
        ("mandelbrot", "60"),
        ("nbody", "20"),
        ("spectral_norm", "50"),
        ("sieve", "100000"),
        ("montecarlo_pi", "100000"),
        ("lee_filter", "60"),
        ("trace", "50"),
        ("fib", "20"),
    ];
    let kdir = anchors.join("kernels");
    for (name, n) in sizes {
        let o = run_in(&kdir, &format!("{name}_numba.py"), &["--stats"], &[n]);
        assert_eq!(o.code, 0, "{name}: {}", o.stderr);
        let got = o
            .stdout
            .lines()
            .find_map(|l| l.strip_prefix("RESULT "))
            .unwrap_or("")
            .to_string();
        let want = expected
            .lines()
            .find_map(|l| {
                let mut it = l.split_whitespace();
                let (k, sz, v) = (it.next()?, it.next()?, it.next()?);
                (k == name && (sz == "small" || sz == n)).then(|| v.to_string())
            })
            .unwrap_or_default();
        if want.is_empty() {
            continue;
        }
        let (g, w): (f64, f64) = (got.parse().unwrap_or(f64::NAN), want.parse().unwrap_or(0.0));
        assert!(
            (g - w).abs() <= 1e-9 * w.abs().max(1.0),
            "{name}: got {got}, want {want}"
        );
        assert!(
            !o.stderr.contains("interpreted"),
            "{name} fell back: {}",
            o.stderr
        );
    }
}
