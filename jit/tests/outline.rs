//! The checked copy of a versioned loop is a function of its own, compiled when it first runs
//! (`lower/outline.rs`). Through it, results, the variables the loop leaves behind and errors
//! (function, line, index, traceback, spilled values) must be what the inline copy gave, and
//! what Python gives.

use numjit_jit::*;

/// `t` is the loop's own (assigned before it is read, read nowhere else), `u` and `seen`
/// are read after the loop, `s` is read before it is assigned in each iteration.
const SRC: &str = r#"
(func f ((a (array f64 1)) (lo i64) (hi i64)) (f64)
  (spill s i u)
  (var s f64 0.5)
  (var t f64 0.0)
  (var u f64 -1.0)
  (var i i64 -7)
  (var seen bool false)
  (for@3 i (range lo hi)
    (set@4 t (mul (load@4 a i) 2.0))
    (set@5 s (add s t))
    (set@6 u (add (load@6 a i) (call g a i)))
    (set seen true))
  (return (add (add s u) (add (f64 i) (f64 seen)))))
(func g ((a (array f64 1)) (k i64)) (f64) (return (load@9 a (sub k 1))))
"#;

/// The same in Rust, Python's indexing: Ok(result) or Err((line, index, bound, s, i, u)).
fn model(a: &[f64], lo: i64, hi: i64) -> Result<f64, (u32, i64, i64, f64, i64, f64)> {
    let n = a.len() as i64;
    let at = |k: i64| if k < 0 { k + n } else { k };
    let (mut s, mut u, mut i, mut seen) = (0.5, -1.0, -7i64, false);
    for k in lo..hi {
        i = k;
        if !(0..n).contains(&at(i)) {
            return Err((4, i, n, s, i, u));
        }
        let t = a[at(i) as usize] * 2.0;
        s += t;
        if !(0..n).contains(&at(i - 1)) {
            return Err((9, i - 1, n, s, i, u));
        }
        u = a[at(i) as usize] + a[at(i - 1) as usize];
        seen = true;
    }
    Ok(s + u + i as f64 + f64::from(u8::from(seen)))
}

#[test]
fn outlined_checked_copies_match_the_inline_semantics() {
    let code = compile_text(SRC, &Options::default()).unwrap();
    assert_eq!(
        code.checked_copies(),
        (1, 0),
        "nothing compiled before it runs"
    );
    let values = [1.5, -2.25, 4.0, 8.5];
    let mut data = values;
    let a = ArrayView::contiguous(&mut data, &[4]).unwrap();
    let mut rt = VecRuntime::new();
    let mut fast_only = true;
    for (lo, hi) in [
        (1, 4),
        (2, 2),
        (0, 3),
        (-4, 2),
        (-2, 0),
        (3, 5),
        (-6, 1),
        (1, 9),
    ] {
        let got = code.call("f", &[Arg::Array(&a), Arg::I64(lo), Arg::I64(hi)], &mut rt);
        let want = model(&values, lo, hi);
        let case = format!("range({lo}, {hi})");
        match (got, want) {
            (Ok(v), Ok(x)) => assert_eq!(v[0].as_f64().unwrap().to_bits(), x.to_bits(), "{case}"),
            (Err(CallError::Runtime(e)), Err((line, index, bound, s, i, u))) => {
                assert_eq!(e.kind, ErrorKind::IndexOutOfBounds, "{case}");
                assert_eq!((e.line, e.index, e.bound), (line, index, bound), "{case}");
                let spilled = [s.to_bits() as i64, i, u.to_bits() as i64];
                assert_eq!(*e.spilled, spilled, "{case}");
                // Raised in `g`, called from `f`'s loop: one caller frame, not two.
                let trace: Vec<(&str, u32)> =
                    e.trace.iter().map(|(f, l)| (f.as_str(), *l)).collect();
                match line {
                    9 => assert_eq!((e.func.as_str(), trace), ("g", vec![("f", 6)]), "{case}"),
                    _ => assert_eq!((e.func.as_str(), trace), ("f", vec![]), "{case}"),
                }
            }
            (got, want) => panic!("{case}: got {got:?}, want {want:?}"),
        }
        // `i - 1` is not a counter form the test proves, but `i` is: negative starts and
        // ends past the array take the checked copy.
        fast_only &= lo >= 0 && hi <= 4;
        let (_, compiled) = code.checked_copies();
        assert_eq!(compiled, usize::from(!fast_only), "{case}");
    }
}

#[test]
fn listings_show_the_checked_copy_after_its_caller() {
    let opts = Options {
        inspect: true,
        ..Options::default()
    };
    let code = compile_text(SRC, &opts).unwrap();
    assert_eq!(code.checked_copies(), (1, 1));
    for text in [
        code.clif_before("f").unwrap(),
        code.clif_after("f").unwrap(),
        code.asm("f").unwrap(),
    ] {
        let at = text.find("; f$checked1: checked copy").expect("listed");
        // Its loop has the checks the caller's fast copy does not.
        assert!(text[at..].contains("cmp"), "{text}");
    }
}
