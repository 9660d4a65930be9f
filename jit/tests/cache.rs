//! The code cache (`cache.rs`): a module loaded from it must behave exactly as the module
//! compiled, results bit for bit and errors field for field, including through its outlined
//! checked copies (made again from the IR on their first call, as the load skips the
//! lowering: a loop's copy, and a nest's copy of its whole function);
//! an entry changed on disk is a miss, never code that runs. One test: the cache is the
//! process's.

use numjit_jit::*;

/// A versioned loop: the copy without checks when `lo..hi` is inside the array, else the
/// outlined checked copy (negative indices wrap, past the end raises).
const SRC: &str = r#"
(func f ((a (array f64 1)) (lo i64) (hi i64)) (f64)
  (var s f64 -0.0)
  (for@3 i (range lo hi)
    (set@4 s (add (mul s 0.5) (load@4 a i))))
  (return s))
"#;

/// A nest whose bounds are tested once at the function's entry: when the test fails, the
/// whole function's checked copy runs (reached through the other resolver).
const NEST: &str = r#"
(func g ((a (array f64 2)) (n i64) (m i64)) (f64)
  (var s f64 0.25)
  (for@3 i (range 0 n)
    (for@4 j (range 0 m)
      (set@5 s (sub (mul s 0.5) (load@5 a i j)))))
  (return s))
"#;

/// Python's semantics for `NEST` on a `rows × cols` array: Ok(s) or Err((axis, index, bound)).
fn nest_model(a: &[f64], cols: i64, n: i64, m: i64) -> Result<f64, (u32, i64, i64)> {
    let rows = a.len() as i64 / cols;
    let mut s = 0.25;
    for i in 0..n {
        for j in 0..m {
            if i >= rows {
                return Err((0, i, rows));
            }
            if j >= cols {
                return Err((1, j, cols));
            }
            s = s * 0.5 - a[(i * cols + j) as usize];
        }
    }
    Ok(s)
}

/// Runs `NEST` on a 3 × 2 array, inside and outside its bounds, against the model.
fn check_nest(code: &Compiled, what: &str) {
    let values = [0.5, -1.0, 3.25, f64::INFINITY, -0.0, 7.0];
    let mut data = values;
    let a = ArrayView::contiguous(&mut data, &[3, 2]).unwrap();
    let mut rt = VecRuntime::new();
    for (n, m) in [(3, 2), (2, 1), (0, 5), (4, 2), (2, 3)] {
        let got = code.call("g", &[Arg::Array(&a), Arg::I64(n), Arg::I64(m)], &mut rt);
        let case = format!("{what}: g(n={n}, m={m})");
        match (got, nest_model(&values, 2, n, m)) {
            (Ok(v), Ok(x)) => assert_eq!(v[0].as_f64().unwrap().to_bits(), x.to_bits(), "{case}"),
            (Err(CallError::Runtime(e)), Err((axis, index, bound))) => {
                assert_eq!(e.kind, ErrorKind::IndexOutOfBounds, "{case}");
                assert_eq!(
                    (e.line, e.axis, e.index, e.bound),
                    (5, axis, index, bound),
                    "{case}"
                );
            }
            (got, want) => panic!("{case}: got {got:?}, want {want:?}"),
        }
    }
}

/// Python's semantics: Ok(s) or Err((index, bound)) of the IndexError at line 4.
fn model(a: &[f64], lo: i64, hi: i64) -> Result<f64, (i64, i64)> {
    let n = a.len() as i64;
    let mut s = -0.0;
    for i in lo..hi {
        let k = if i < 0 { i + n } else { i };
        if !(0..n).contains(&k) {
            return Err((i, n));
        }
        s = s * 0.5 + a[k as usize];
    }
    Ok(s)
}

const CASES: [(i64, i64); 6] = [(0, 4), (1, 3), (2, 2), (-3, 2), (1, 7), (-9, 0)];

/// Runs every case against the model.
fn check(code: &Compiled, what: &str) {
    let values = [1.5, -2.25, f64::NAN, 8.5];
    let mut data = values;
    let a = ArrayView::contiguous(&mut data, &[4]).unwrap();
    let mut rt = VecRuntime::new();
    for (lo, hi) in CASES {
        let got = code.call("f", &[Arg::Array(&a), Arg::I64(lo), Arg::I64(hi)], &mut rt);
        let case = format!("{what}: range({lo}, {hi})");
        match (got, model(&values, lo, hi)) {
            (Ok(v), Ok(x)) => assert_eq!(v[0].as_f64().unwrap().to_bits(), x.to_bits(), "{case}"),
            (Err(CallError::Runtime(e)), Err((index, bound))) => {
                assert_eq!(e.kind, ErrorKind::IndexOutOfBounds, "{case}");
                assert_eq!((e.line, e.index, e.bound), (4, index, bound), "{case}");
                assert_eq!(e.func, "f", "{case}");
            }
            (got, want) => panic!("{case}: got {got:?}, want {want:?}"),
        }
    }
}

/// The files of this build's directory (`build-…`, the only one with files).
fn entries(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let list = |d: &std::path::Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(d)
            .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
            .unwrap_or_default()
    };
    let mut v: Vec<_> = list(dir)
        .iter()
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("build-"))
        })
        .flat_map(|b| list(b))
        .collect();
    v.sort();
    v
}

#[test]
fn cached_code_behaves_as_compiled_code() {
    let dir = std::env::temp_dir().join(format!("numjit-cache-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    cache::configure(Some(dir.clone()));
    let opts = Options::default();
    let stats = cache::stats;
    // Another build's entries, untouched for two days, are removed at the first write; a
    // recent build's, and anything else, are kept.
    let old_build = dir.join("build-0123456789abcdef");
    let recent_build = dir.join("build-fedcba9876543210");
    let other = dir.join("other");
    for d in [&old_build, &recent_build, &other] {
        std::fs::create_dir_all(d).unwrap();
    }
    let two_days_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 86400);
    for d in [&old_build, &other] {
        std::fs::File::open(d)
            .unwrap()
            .set_modified(two_days_ago)
            .unwrap();
    }

    // Compiled, queued, written by `flush`.
    let compiled = compile_text(SRC, &opts).unwrap();
    assert_eq!((stats().loaded, stats().compiled), (0, 1));
    assert!(entries(&dir).is_empty(), "written only by flush");
    cache::flush();
    // The module's entry, and the resolvers' (the code its checked copy is reached through,
    // built once per process).
    assert_eq!((stats().written, entries(&dir).len()), (2, 2));
    assert!(!old_build.exists() && recent_build.exists() && other.exists());
    check(&compiled, "compiled");
    assert_eq!(compiled.checked_copies(), (1, 1));

    // Loaded: nothing compiled, its checked copy made again and compiled when first called.
    let loaded = compile_text(SRC, &opts).unwrap();
    assert_eq!((stats().loaded, stats().compiled), (1, 1));
    assert_eq!(loaded.checked_copies(), (1, 0));
    check(&loaded, "loaded");
    assert_eq!(loaded.checked_copies(), (1, 1));
    // The outlined copy is not a module of its own in the cache.
    cache::flush();
    assert_eq!(entries(&dir).len(), 2);

    // The nest's checked copy is the whole function's, made again too.
    let nest = compile_text(NEST, &opts).unwrap();
    check_nest(&nest, "nest compiled");
    cache::flush();
    let nest = compile_text(NEST, &opts).unwrap();
    assert_eq!((stats().loaded, stats().compiled), (2, 2));
    assert_eq!(nest.checked_copies(), (1, 0));
    check_nest(&nest, "nest loaded");
    assert_eq!(nest.checked_copies(), (1, 1));

    // Other options are another key.
    let unchecked = Options {
        boundscheck: false,
        ..opts
    };
    let _ = compile_text(SRC, &unchecked).unwrap();
    assert_eq!((stats().loaded, stats().compiled), (2, 3));
    cache::flush();
    assert_eq!(entries(&dir).len(), 4);
    // And a listing needs Cranelift: not looked up, not stored.
    let inspect = Options {
        inspect: true,
        ..opts
    };
    let listed = compile_text(SRC, &inspect).unwrap();
    assert!(listed.asm("f").is_some());
    assert_eq!((stats().loaded, stats().compiled), (2, 3));

    // Changed on disk: every entry is a miss, compiled (and stored) again.
    let entry = entries(&dir)
        .into_iter()
        .find(|p| std::fs::read(p).is_ok_and(|b| b.len() > 100))
        .unwrap();
    let good = std::fs::read(&entry).unwrap();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x10;
    let bad: [&[u8]; 4] = [&good[..good.len() - 1], &flipped, b"", &good[..40]];
    let mut misses = 0;
    for (k, bytes) in bad.iter().enumerate() {
        for p in entries(&dir) {
            std::fs::write(&p, bytes).unwrap();
        }
        let before = stats();
        let code = compile_text(SRC, &opts).unwrap();
        let after = stats();
        assert_eq!(after.loaded, before.loaded, "bad entry {k} loaded");
        misses += after.compiled - before.compiled;
        check(&code, &format!("after bad entry {k}"));
    }
    assert_eq!(misses, 4);
    // Written back whole: a hit again.
    cache::flush();
    let code = compile_text(SRC, &opts).unwrap();
    assert_eq!(stats().loaded, 3);
    check(&code, "loaded again");

    // No directory: no cache.
    cache::configure(None);
    let before = stats();
    let _ = compile_text(SRC, &opts).unwrap();
    assert_eq!(stats(), before);
    let _ = std::fs::remove_dir_all(&dir);
}
