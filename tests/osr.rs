//! On-stack replacement tests (issue 6): every script of `tests/py/osr/` runs with `--jit=off`,
//! by default (compiled on the worker thread after 4,000 instructions of loop work, entered
//! when ready), with `--jit-sync` (compiled and entered after 32,000), with `--jit-wait` (the
//! interpreter waits for the worker's compiles), and with `--jit-threshold=1` and `=3` (loops
//! lifted at their first back-edges), also with `--jit-sync` and `--jit-wait`; stdout, stderr
//! (whole tracebacks, so the line of a native error) and the exit status must be identical.
//! `--stats` (with `--jit-sync`: a background compile may finish after the loop) must list
//! lifted and refused loops.
//! (The expected outputs from CPython are checked by `tests/scripts.rs`, area `osr`.)

use std::path::{Path, PathBuf};
use std::process::Command;

fn bin() -> PathBuf {
    match std::env::var_os("NUMJIT_BIN") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_BIN_EXE_numjit")),
    }
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/py/osr")
}

/// The code cache of these tests (kept between runs, as a user's: code of another build is
/// never loaded, so the first run after a build compiles, later ones load).
fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("osr-cache")
}

fn run(file: &str, flags: &[&str]) -> (String, String, i32) {
    run_with(file, flags, &[])
}

/// [`run`] with arguments for the script.
fn run_with(file: &str, flags: &[&str], args: &[&str]) -> (String, String, i32) {
    let o = Command::new(bin())
        .args(flags)
        .arg(file)
        .args(args)
        .current_dir(dir())
        .env_remove("NUMJIT_BIN")
        .env("NUMJIT_CACHE_DIR", cache_dir())
        .output()
        .expect("run numjit");
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        o.status.code().unwrap_or(-1),
    )
}

fn scripts() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/py/osr")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".py") && !n.starts_with('_'))
        .collect();
    v.sort();
    v
}

#[test]
fn same_output_as_interpreter() {
    let mut bad = Vec::new();
    for s in scripts() {
        let off = run(&s, &["--jit=off"]);
        let mut modes = vec![vec![], vec!["--jit-sync"], vec!["--jit-wait"]];
        // Compiled ints wrap at int64 (as numba): a loop entered while its int is still small
        // would differ; at the default threshold it is a big int by then and stays interpreted.
        if s != "bigint.py" {
            modes.push(vec!["--jit-threshold=1"]);
            modes.push(vec!["--jit-threshold=3"]);
            modes.push(vec!["--jit-threshold=1", "--jit-sync"]);
            modes.push(vec!["--jit-threshold=3", "--jit-sync"]);
            modes.push(vec!["--jit-threshold=1", "--jit-wait"]);
        }
        for m in modes {
            let on = run(&s, &m);
            if on != off {
                bad.push(format!(
                    "{s} {m:?}:\n--- off\n{}{}\n--- on\n{}{}",
                    off.0, off.1, on.0, on.1
                ));
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn code_loaded_from_the_cache_gives_the_same_output() {
    // Each script twice against an empty cache: the first run compiles and stores its
    // loops, the second loads them (their checked copies made again when first called).
    let mut bad = Vec::new();
    let mut loaded = 0;
    for s in scripts() {
        let dir = cache_dir().with_file_name(format!("osr-cache-{}", s.trim_end_matches(".py")));
        let _ = std::fs::remove_dir_all(&dir);
        let flag = format!("--jit-cache={}", dir.display());
        let off = run(&s, &["--jit=off"]);
        let first = run(&s, &["--stats", &flag]);
        let second = run(&s, &["--stats", &flag]);
        let _ = std::fs::remove_dir_all(&dir);
        for (what, r) in [("first", &first), ("second", &second)] {
            let err = r.1.split("numjit JIT statistics").next().unwrap_or("");
            if (&r.0, err, r.2) != (&off.0, off.1.as_str(), off.2) {
                bad.push(format!(
                    "{s} {what}:\n--- off\n{}{}\n--- on\n{}{}",
                    off.0, off.1, r.0, r.1
                ));
            }
        }
        let count = |r: &(String, String, i32), what: &str| -> u32 {
            let line =
                r.1.lines()
                    .find(|l| l.contains("code cache:"))
                    .unwrap_or("");
            let n = line
                .split(what)
                .next()
                .unwrap_or("")
                .split_whitespace()
                .last();
            n.and_then(|n| n.parse().ok()).unwrap_or(0)
        };
        // What the first run compiled (and wrote at its exit), the second loads: not all of
        // it per script (a loop may end before its compile does, or be lifted elsewhere on a
        // busy machine), so counted over all.
        loaded += count(&second, " module(s) loaded");
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(loaded >= 10, "{loaded}");
    // Off: nothing looked up or stored.
    let (_, err, _) = run("func_once.py", &["--stats", "--jit-cache=off"]);
    assert!(
        err.contains("loop compiled") && !err.contains("code cache:"),
        "{err}"
    );
}

fn stats(file: &str) -> String {
    run(file, &["--stats", "--jit-sync"]).1
}

#[test]
fn stats_list_lifted_loops() {
    let s = stats("func_once.py");
    assert!(
        s.contains("loop compiled  main line 8 (") && s.contains("entered natively 1"),
        "{s}"
    );
    assert!(s.contains("loop compiled  main line 16"), "{s}");
    let s = stats("module_level.py");
    assert!(s.contains("loop compiled  <module> line 7"), "{s}");
    assert!(s.contains("loop compiled  <module> line 39"), "{s}");
}

#[test]
fn background_compiles_are_entered_while_the_loop_runs() {
    // By default the compile runs on the worker thread. These loops take over a second
    // interpreted and a few ms natively: the code is ready long before they end.
    let (out, err, code) = run("background.py", &["--stats"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, run("background.py", &["--jit=off"]).0);
    for line in ["main line 11 (", "main line 17 ("] {
        let l = err.lines().find(|l| l.contains(line)).unwrap_or("");
        assert!(l.contains("entered natively 1"), "{line}: {err}");
    }
}

#[test]
fn with_jit_wait_the_interpreter_waits_for_the_worker() {
    // As on a machine without a core to spare: the compile still runs on the worker thread,
    // and its code is entered as soon as it is ready.
    let (out, err, code) = run("background.py", &["--stats", "--jit-wait"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, run("background.py", &["--jit=off"]).0);
    for line in ["main line 11 (", "main line 17 ("] {
        let l = err.lines().find(|l| l.contains(line)).unwrap_or("");
        assert!(l.contains("entered natively 1"), "{line}: {err}");
    }
    assert!(
        err.contains("the interpreter waiting (--jit-wait)"),
        "{err}"
    );
}

#[test]
fn the_code_after_a_nest_runs_natively_when_the_nest_returns() {
    // With `--jit-sync` it is compiled with the nest; by default on the worker thread while
    // the nest runs (the larger step count makes the nest run long enough natively).
    let line = |s: &str, at: &str| -> String {
        s.lines().find(|l| l.contains(at)).unwrap_or("").to_string()
    };
    let s = stats("continuation.py");
    for at in [
        "kernel line 17 (",
        "raises line 31 (",
        "while_after line 54 (",
        "<module> line 105 (",
    ] {
        let l = line(&s, at);
        assert!(
            l.contains("loop compiled") && l.contains("after the loop at line"),
            "{at}: {s}"
        );
        assert!(l.contains("entered natively 1"), "{at}: {s}");
    }
    // Not entered: untypable, a local read before it is assigned, and a result that is a
    // numpy scalar or a float depending on the path.
    for (at, why) in [
        ("untypable line 42 (", "strings are not supported"),
        (
            "unbound_read line 65 (",
            "may be read before it is assigned",
        ),
        ("maybe_unbound line 75 (", "numpy or a Python scalar"),
    ] {
        let l = line(&s, at);
        assert!(l.contains("loop refused") && l.contains(why), "{at}: {s}");
    }
    // 100,000 steps: the nest runs about 80 ms natively, the code after it compiles in 1.
    let (out, err, code) = run_with("continuation.py", &["--stats"], &["100000"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("np.float64(998.99"), "{out}");
    assert!(
        line(&err, "kernel line 17 (").contains("entered natively 1"),
        "{err}"
    );
}

#[test]
fn later_loops_wait_for_their_own_work() {
    let s = stats("later_loops.py");
    assert!(s.contains("loop compiled  main line 7 ("), "{s}");
    assert!(
        !s.contains("main line 10 ("),
        "the short loop stays interpreted: {s}"
    );
    assert!(s.contains("loop compiled  main line 13 ("), "{s}");
}

#[test]
fn stats_list_refused_loops() {
    let s = stats("generators.py");
    assert!(
        s.contains("reason: loops of generators are not lifted"),
        "{s}"
    );
    assert!(!s.contains("loop compiled"), "{s}");
    let s = stats("type_change.py");
    assert!(
        s.contains("the type of `x` would change in the loop"),
        "{s}"
    );
    assert!(s.contains("`v` is an object of type list"), "{s}");
    let s = stats("untypable_after.py");
    assert!(s.contains("loop compiled  main line 7"), "{s}");
    assert!(s.contains("loop refused  main line 12"), "{s}");
}

#[test]
fn native_error_has_the_loop_line() {
    let (out, err, code) = run("raises.py", &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("IndexError: index 5000 is out of bounds"),
        "{out}"
    );
    assert!(
        err.contains("line 33, in main\n    s += b[i]"),
        "traceback should name the loop line: {err}"
    );
    let s = stats("raises.py");
    assert!(s.contains("loop compiled  fill line 7"), "{s}");
}

#[test]
fn jit_off_lifts_nothing() {
    let (_, err, _) = run("func_once.py", &["--jit=off", "--stats"]);
    assert!(!err.contains("loop compiled"), "{err}");
}

#[test]
fn nests_are_entered_at_their_hot_inner_loop() {
    let s = stats("nest_entry.py");
    // One compile for the whole nest, named by its outer loop.
    assert!(
        s.contains("loop compiled  rest_statements line 11 (") && s.contains("entered at line 13"),
        "{s}"
    );
    assert!(!s.contains("rest_statements line 13 ("), "{s}");
    assert!(s.contains("loop compiled  three_deep line 26 ("), "{s}");
    assert!(s.contains("loop compiled  while_outside line 39 ("), "{s}");
    // A `continue` after the inner loop is a jump of the one copy of the outer loop's body.
    let line = s.lines().find(|l| l.contains("continue_in_rest line 52 ("));
    assert!(
        line.is_some_and(|l| l.contains("loop compiled") && l.contains("entered at line 53")),
        "{s}"
    );
    assert!(!s.contains("continue_in_rest line 53 ("), "{s}");
}

#[test]
fn short_invariant_inner_loops_are_entered_at_the_loop_around_them() {
    let s = stats("defer_entry.py");
    // matmul's shape: lifted at the outer loop's back-edge, entered at its header.
    let line = s.lines().find(|l| l.contains("short_inner line 12 ("));
    assert!(
        line.is_some_and(|l| l.contains("loop compiled") && !l.contains("entered at")),
        "{s}"
    );
    assert!(!s.contains("short_inner line 14 ("), "{s}");
    // The loop around it cannot be lifted (a list): the inner loop is lifted alone.
    assert!(
        s.contains("loop compiled  parent_not_liftable line 24 ("),
        "{s}"
    );
    // An inner range that starts at the outer variable: entered at the inner loop.
    assert!(
        s.contains("loop compiled  inner_depends_on_outer line 33 (")
            && s.contains("entered at line 34"),
        "{s}"
    );
    // Short at first, long later: the inner loop is then lifted itself (entered in the middle
    // of the outer loop's iteration), not run to its end interpreted on every call. Run with
    // the compiles in the background, as scripts run by default: with `--jit-sync`, the
    // version without this check lifted the inner loop too.
    let s = run("defer_entry.py", &["--stats"]).1;
    let line = s
        .lines()
        .find(|l| l.contains("grows line 51 (") && l.contains("entered at line 52"));
    assert!(line.is_some_and(|l| l.contains("loop compiled")), "{s}");
}
