//! Script tests: run every Python script of the corpus with the numjit binary and compare with
//! the expected outputs recorded from CPython 3.11 by `tests/regen.py`.
//!
//! Scripts: `tests/py/<area>/<name>.py` (files starting with `_` and subdirectories are support
//! files) and `samples/<name>.py`. Each runs exactly as regen.py runs python3: cwd = the script's
//! directory, argv = [numjit, <bare file name>, args...], same environment rules and directives
//! (`# args:`, `# env:`, `# stdin:`, `# bytecode: write`; see tests/regen.py).
//!
//! Compared:
//! - stdout, byte for byte, against `<name>.out`;
//! - when the exit status is not 0, `<name>.err`: `exit=N` then the last line of stderr, except in
//!   the areas `syntax` and `errors` where it is the whole stderr (caret lines under the failing
//!   expression included, `~` and `^` as CPython 3.11 draws them). In stderr the absolute
//!   script directory followed by `/` is replaced by nothing (CPython prints absolute paths).
//!   No `.err` file means the script must exit with status 0.
//!
//! Knobs (environment variables):
//! - `NUMJIT_BIN=/path`          run this binary instead of the cargo-built `numjit`;
//! - `NUMJIT_TEST_FILTER=substr` only run scripts whose repo-relative path contains `substr`;
//! - `NUMJIT_XFAIL_UPDATE=1`     rewrite tests/xfail.txt to the currently failing set (sorted);
//! - `NUMJIT_TEST_THREADS=n`     number of worker threads (default: available parallelism, >= 2);
//! - `NUMJIT_TEST_TIMEOUT=secs`  per-script timeout (default 20 s; the script is killed).
//!
//! Strict xfail: tests/xfail.txt lists scripts (repo-relative paths, `#` comments allowed) that
//! are expected to fail. A listed script that passes is a failure too ("unexpected pass").

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const WHOLE_STDERR_AREAS: [&str; 2] = ["syntax", "errors"];

struct Script {
    /// Repo-relative path with `/` separators, e.g. `tests/py/basics/arith.py`.
    rel: String,
    path: PathBuf,
    area: String,
}

#[derive(Default)]
struct Directives {
    args: Vec<String>,
    env: Vec<(String, String)>,
    stdin: Option<String>,
    bytecode_write: bool,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

fn file_name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

fn is_script(p: &Path) -> bool {
    let n = file_name(p);
    p.is_file() && n.ends_with(".py") && !n.starts_with('_')
}

fn discover() -> Vec<Script> {
    let root = root();
    let mut out = Vec::new();
    for adir in sorted_entries(&root.join("tests").join("py")) {
        let area = file_name(&adir);
        if !adir.is_dir() || area.starts_with('_') || area.starts_with('.') {
            continue;
        }
        for p in sorted_entries(&adir) {
            if is_script(&p) {
                let rel = format!("tests/py/{}/{}", area, file_name(&p));
                out.push(Script {
                    rel,
                    path: p,
                    area: area.clone(),
                });
            }
        }
    }
    for p in sorted_entries(&root.join("samples")) {
        if is_script(&p) {
            let rel = format!("samples/{}", file_name(&p));
            out.push(Script {
                rel,
                path: p,
                area: "samples".into(),
            });
        }
    }
    out
}

fn directives(path: &Path) -> Directives {
    let mut d = Directives::default();
    let src = fs::read_to_string(path).unwrap_or_default();
    for line in src.lines() {
        if !line.starts_with('#') {
            break;
        }
        let body = line[1..].trim();
        let Some((key, val)) = body.split_once(':') else {
            continue;
        };
        let (key, val) = (key.trim(), val.trim());
        match key {
            "args" => d.args = val.split_whitespace().map(String::from).collect(),
            "env" => {
                let (n, v) = val.split_once('=').unwrap_or((val, ""));
                d.env.push((n.trim().to_string(), v.trim().to_string()));
            }
            "stdin" => d.stdin = Some(val.replace("\\n", "\n")),
            "bytecode" => d.bytecode_write = val == "write",
            _ => {}
        }
    }
    d
}

/// The canonical `.err` content, exactly as regen.py computes it.
fn err_text(area: &str, code: i32, stderr: &str, script_dir: &Path) -> String {
    let prefix = format!("{}/", script_dir.display());
    let stderr = stderr.replace(&prefix, "");
    if WHOLE_STDERR_AREAS.contains(&area) {
        let mut body = stderr.clone();
        if !body.is_empty() && !body.ends_with('\n') {
            body.push('\n');
        }
        return format!("exit={}\n{}", code, body);
    }
    let stripped = stderr.trim_end_matches('\n');
    let last = if stripped.trim().is_empty() {
        String::new()
    } else {
        format!("{}\n", stripped.rsplit('\n').next().unwrap())
    };
    format!("exit={}\n{}", code, last)
}

struct RunResult {
    stdout: String,
    stderr: String,
    code: Option<i32>,
    timed_out: bool,
    spawn_error: Option<String>,
}

fn run_script(bin: &Path, s: &Script, timeout: Duration) -> RunResult {
    let dir = s.path.parent().unwrap();
    let d = directives(&s.path);
    let mut cmd = Command::new(bin);
    cmd.arg(file_name(&s.path)).args(&d.args).current_dir(dir);
    for (k, _) in std::env::vars_os().filter_map(|(k, v)| Some((k.into_string().ok()?, v))) {
        if k.starts_with("PYTHON") || k.starts_with("NUMJIT") {
            cmd.env_remove(&k);
        }
    }
    // The code cache of these tests, kept between runs (`tests/osr.rs`).
    cmd.env(
        "NUMJIT_CACHE_DIR",
        Path::new(env!("CARGO_TARGET_TMPDIR")).join("scripts-cache"),
    );
    cmd.env("PYTHONHASHSEED", "0")
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUTF8", "1");
    if !d.bytecode_write {
        cmd.env("PYTHONDONTWRITEBYTECODE", "1");
    }
    for (k, v) in &d.env {
        cmd.env(k, v);
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if d.stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return RunResult {
                stdout: String::new(),
                stderr: String::new(),
                code: None,
                timed_out: false,
                spawn_error: Some(format!("cannot run {}: {}", bin.display(), e)),
            }
        }
    };
    let stdin_thread = d.stdin.map(|text| {
        let mut pipe = child.stdin.take().unwrap();
        thread::spawn(move || {
            let _ = pipe.write_all(text.as_bytes());
        })
    });
    let mut out_pipe = child.stdout.take().unwrap();
    let mut err_pipe = child.stderr.take().unwrap();
    let out_t = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out_pipe.read_to_end(&mut b);
        b
    });
    let err_t = thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err_pipe.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let mut timed_out = false;
    let status = loop {
        match child.try_wait() {
            Ok(Some(st)) => break Some(st),
            Ok(None) => {
                if start.elapsed() > timeout {
                    let _ = child.kill();
                    timed_out = true;
                    break child.wait().ok();
                }
                thread::sleep(Duration::from_millis(5));
            }
            Err(_) => break None,
        }
    };
    let stdout = String::from_utf8_lossy(&out_t.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
    if let Some(t) = stdin_thread {
        let _ = t.join();
    }
    let code = status.and_then(|st| {
        #[cfg(unix)]
        {
            use std::os::unix::process::ExitStatusExt;
            if let Some(sig) = st.signal() {
                return Some(128 + sig);
            }
        }
        st.code()
    });
    RunResult {
        stdout,
        stderr,
        code,
        timed_out,
        spawn_error: None,
    }
}

/// First differing line between two texts, as a short human-readable report.
fn first_diff(what: &str, expected: &str, got: &str) -> String {
    let e: Vec<&str> = expected.split_inclusive('\n').collect();
    let g: Vec<&str> = got.split_inclusive('\n').collect();
    let n = e.len().max(g.len());
    for i in 0..n {
        let (a, b) = (e.get(i).copied(), g.get(i).copied());
        if a != b {
            let show = |x: Option<&str>| match x {
                Some(s) => format!("{:?}", s),
                None => "<end of output>".to_string(),
            };
            return format!(
                "    {} differs at line {}:\n      expected: {}\n      got:      {}",
                what,
                i + 1,
                show(a),
                show(b)
            );
        }
    }
    format!("    {} differs", what)
}

fn tail(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    let start = lines.len().saturating_sub(n);
    lines[start..]
        .iter()
        .map(|l| format!("      | {}\n", l))
        .collect()
}

/// `None` when the script passes, else a description of the failure.
fn check(bin: &Path, s: &Script, timeout: Duration) -> Option<String> {
    let base = s.path.with_extension("");
    let base = base.to_string_lossy();
    let Ok(exp_out) = fs::read_to_string(format!("{}.out", base)) else {
        return Some("    no expected output (.out): run python3 tests/regen.py".into());
    };
    let exp_err = fs::read_to_string(format!("{}.err", base)).ok();
    let r = run_script(bin, s, timeout);
    if let Some(e) = r.spawn_error {
        return Some(format!("    {}", e));
    }
    if r.timed_out {
        return Some(format!("    timed out after {:?} (killed)", timeout));
    }
    let mut problems = Vec::new();
    if r.stdout != exp_out {
        problems.push(first_diff("stdout", &exp_out, &r.stdout));
    }
    let code = r.code.unwrap_or(-1);
    let got_err = if code != 0 {
        Some(err_text(&s.area, code, &r.stderr, s.path.parent().unwrap()))
    } else {
        None
    };
    if got_err != exp_err {
        match (&exp_err, &got_err) {
            (None, Some(_)) => problems.push(format!(
                "    exit status {} (expected 0); stderr ends with:\n{}",
                code,
                tail(&r.stderr, 6)
            )),
            (Some(e), None) => {
                problems.push(format!("    exit status 0, expected:\n{}", tail(e, 6)))
            }
            (Some(e), Some(g)) => problems.push(first_diff("stderr (.err)", e, g)),
            (None, None) => unreachable!(),
        }
    }
    if problems.is_empty() {
        None
    } else {
        Some(problems.join("\n"))
    }
}

fn read_xfail(path: &Path) -> (Vec<String>, BTreeSet<String>) {
    let text = fs::read_to_string(path).unwrap_or_default();
    let mut header = Vec::new();
    let mut set = BTreeSet::new();
    let mut in_header = true;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with('#') || t.is_empty() {
            if in_header {
                header.push(line.to_string());
            }
            continue;
        }
        in_header = false;
        let entry = t.split('#').next().unwrap().trim();
        if !entry.is_empty() {
            set.insert(entry.to_string());
        }
    }
    while header.last().is_some_and(|l| l.trim().is_empty()) {
        header.pop();
    }
    (header, set)
}

#[test]
fn scripts() {
    let root = root();
    let bin = std::env::var_os("NUMJIT_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_numjit")));
    let filter = std::env::var("NUMJIT_TEST_FILTER").unwrap_or_default();
    let update = std::env::var("NUMJIT_XFAIL_UPDATE").is_ok_and(|v| !v.is_empty() && v != "0");
    let timeout = Duration::from_secs_f64(
        std::env::var("NUMJIT_TEST_TIMEOUT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(20.0),
    );
    let threads = std::env::var("NUMJIT_TEST_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .max(2)
        });
    let xfail_path = root.join("tests").join("xfail.txt");
    let (header, xfail) = read_xfail(&xfail_path);

    let all = discover();
    assert!(!all.is_empty(), "no test scripts found under tests/py");
    let all_names: BTreeSet<String> = all.iter().map(|s| s.rel.clone()).collect();
    let scripts: Vec<Script> = all
        .into_iter()
        .filter(|s| s.rel.contains(&filter))
        .collect();
    let total = scripts.len();

    let queue = Arc::new(Mutex::new(scripts.into_iter().rev().collect::<Vec<_>>()));
    let results: Arc<Mutex<HashMap<String, Option<String>>>> = Arc::new(Mutex::new(HashMap::new()));
    let start = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let (queue, results, bin) = (queue.clone(), results.clone(), bin.clone());
            thread::spawn(move || loop {
                let Some(s) = queue.lock().unwrap().pop() else {
                    break;
                };
                let r = check(&bin, &s, timeout);
                results.lock().unwrap().insert(s.rel.clone(), r);
            })
        })
        .collect();
    for w in workers {
        w.join().expect("worker thread panicked");
    }
    let results = Arc::try_unwrap(results).ok().unwrap().into_inner().unwrap();
    let mut names: Vec<&String> = results.keys().collect();
    names.sort();

    let mut passed = 0;
    let mut xfailed = 0;
    let mut unexpected_fail = Vec::new();
    let mut unexpected_pass = Vec::new();
    let mut failing = BTreeSet::new();
    for name in &names {
        let listed = xfail.contains(*name);
        match &results[*name] {
            None => {
                passed += 1;
                if listed {
                    unexpected_pass.push((*name).clone());
                }
            }
            Some(why) => {
                failing.insert((*name).clone());
                if listed {
                    xfailed += 1;
                } else {
                    unexpected_fail.push(format!("FAIL {}\n{}", name, why));
                }
            }
        }
    }
    let stale: Vec<&String> = xfail.iter().filter(|x| !all_names.contains(*x)).collect();

    for f in &unexpected_fail {
        eprintln!("{}", f);
    }
    for p in &unexpected_pass {
        eprintln!("UNEXPECTED PASS {}: remove it from tests/xfail.txt", p);
    }
    for s in &stale {
        eprintln!(
            "STALE xfail entry {}: no such script, remove it from tests/xfail.txt",
            s
        );
    }
    eprintln!(
        "scripts: {} run in {:.1}s: {} passed ({} of them listed in xfail), {} failed ({} expected, {} unexpected)",
        total,
        start.elapsed().as_secs_f64(),
        passed,
        unexpected_pass.len(),
        failing.len(),
        xfailed,
        unexpected_fail.len()
    );

    if update {
        // Entries outside the filtered run (and existing scripts) are kept as they were.
        let mut new: BTreeSet<String> = xfail
            .iter()
            .filter(|x| !results.contains_key(*x) && all_names.contains(*x))
            .cloned()
            .collect();
        new.extend(failing.iter().cloned());
        let mut text = String::new();
        let header = if header.is_empty() {
            vec![
                "# Scripts expected to fail (strict: a listed script that passes fails the test)."
                    .to_string(),
                "# Regenerate with: NUMJIT_XFAIL_UPDATE=1 cargo test --test scripts".to_string(),
            ]
        } else {
            header
        };
        for h in &header {
            text.push_str(h);
            text.push('\n');
        }
        text.push('\n');
        for n in &new {
            text.push_str(n);
            text.push('\n');
        }
        fs::write(&xfail_path, text).expect("cannot write tests/xfail.txt");
        eprintln!("rewrote tests/xfail.txt: {} entries", new.len());
        return;
    }

    let mut msg = Vec::new();
    if !unexpected_fail.is_empty() {
        msg.push(format!(
            "{} script(s) failed unexpectedly",
            unexpected_fail.len()
        ));
    }
    if !unexpected_pass.is_empty() {
        msg.push(format!(
            "{} script(s) passed unexpectedly (remove them from tests/xfail.txt)",
            unexpected_pass.len()
        ));
    }
    if !stale.is_empty() && filter.is_empty() {
        msg.push(format!("{} stale xfail entr(ies)", stale.len()));
    }
    assert!(
        msg.is_empty(),
        "{} (see above; NUMJIT_XFAIL_UPDATE=1 cargo test --test scripts rewrites tests/xfail.txt)",
        msg.join("; ")
    );
}
