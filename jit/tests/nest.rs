//! Bounds tests made once at a function's entry for all its innermost loops (`lower::nest`):
//! when the test passes the loops run unchecked, when it fails the function's checked copy
//! runs. Either way every outcome must equal the checked semantics: sums bit for bit, and an
//! out-of-bounds index raising at the same iteration with the same axis, index, bound and
//! spilled values.

use numjit_jit::*;

mod common;
use common::py_index;

/// `s += a[i, j + c] * 0.5 + a[j, 1]` for `i` in `range(n)`, `j` in `range(i + 1, m)`: the
/// shape of nbody's pair loop. `n` and `m` are parameters the function never assigns, with
/// the `assume` facts the VM gives its lifted loops.
fn pairs(c: i64) -> String {
    let jc = match c {
        0 => "j".to_string(),
        c if c > 0 => format!("(add j {c})"),
        c => format!("(sub j {})", -c),
    };
    format!(
        "(func g ((a (array f64 2)) (n i64) (m i64)) (f64)
  (assume n 0 100)
  (assume m 0 100)
  (spill s i j)
  (var s f64 0.0)
  (var i i64)
  (var j i64)
  (for i (range 0 n 1)
    (for j (range (add i 1) m 1)
      (set s (add s (add (mul (load a i {jc}) 0.5) (load a j 1))))))
  (return s))"
    )
}

/// The expected outcome: the sum, or (axis, index, bound, s, i, j) at the failing access.
type Failure = (u32, i64, i64, f64, i64, i64);

fn model(
    data: &[f64],
    (shape, strides): ([i64; 2], [i64; 2]),
    n: i64,
    m: i64,
    c: i64,
) -> Result<f64, Failure> {
    let at = |i0: i64, i1: i64| -> Result<f64, (u32, i64, i64)> {
        let x = py_index(i0, shape[0], 0)?;
        let y = py_index(i1, shape[1], 1)?;
        Ok(data[(x * strides[0] + y * strides[1]) as usize])
    };
    let mut s = 0.0;
    for i in 0..n {
        for j in i + 1..m {
            let fail = |(axis, idx, bound)| (axis, idx, bound, s, i, j);
            let x = at(i, j + c).map_err(fail)?;
            let y = at(j, 1).map_err(fail)?;
            s += x * 0.5 + y;
        }
    }
    Ok(s)
}

/// (shape, strides in elements) of views of 48 values: a contiguous 4 x 6 array, every other
/// column of a 4 x 12 one (not contiguous: the entry test fails), the transpose of a 6 x 4.
const VIEWS: [([i64; 2], [i64; 2]); 3] = [([4, 6], [6, 1]), ([4, 6], [12, 2]), ([4, 6], [1, 4])];

/// Runs `g` on `view` and compares it with the model; whether it returned a sum.
fn same_as_model(code: &Compiled, view: ([i64; 2], [i64; 2]), n: i64, m: i64, c: i64) -> bool {
    let base: Vec<f64> = (0..48).map(|k| (k as f64) * 0.37 - 3.1).collect();
    let mut data = base.clone();
    let (shape, strides) = view;
    let v = ArrayView::strided(
        &mut data,
        0,
        &[shape[0] as usize, shape[1] as usize],
        &[strides[0] as isize, strides[1] as isize],
    )
    .unwrap();
    let got = code.call(
        "g",
        &[Arg::Array(&v), Arg::I64(n), Arg::I64(m)],
        &mut VecRuntime::new(),
    );
    let want = model(&base, view, n, m, c);
    let case = format!("c={c} view={strides:?} n={n} m={m}");
    match (got, want) {
        (Ok(v), Ok(s)) => {
            assert_eq!(v[0].as_f64().unwrap().to_bits(), s.to_bits(), "{case}");
            true
        }
        (Err(CallError::Runtime(e)), Err((axis, idx, bound, s, i, j))) => {
            assert_eq!(e.kind, ErrorKind::IndexOutOfBounds, "{case}");
            assert_eq!((e.axis, e.index, e.bound), (axis, idx, bound), "{case}");
            assert_eq!(&*e.spilled, &[s.to_bits() as i64, i, j], "{case}");
            false
        }
        (got, want) => panic!("{case}: native {got:?}, expected {want:?}"),
    }
}

#[test]
fn entry_tested_nests_match_the_checked_semantics() {
    let opts = Options {
        inspect: true,
        checked_int: true,
        ..Options::default()
    };
    let (mut sums, mut errors) = (0, 0);
    for c in [-1, 0, 1] {
        let code = compile_text(&pairs(c), &opts).unwrap();
        // The inner loop is tested at the entry: the only checked copy is the whole
        // function's (listed after it), none of the loop's own in the function.
        let clif = code.clif_after("g").unwrap();
        let (own, copies) = clif.split_once("; g$checked: checked copy").expect(clif);
        assert!(!own.contains("checked copy"), "{clif}");
        // The resolver's call and the copy's.
        assert_eq!(own.matches("call_indirect").count(), 2, "{own}");
        // The copy versions its loop on its own.
        assert!(
            copies.contains("g$checked$checked1: checked copy"),
            "{copies}"
        );
        for view in VIEWS {
            for n in [0, 1, 3, 4, 5] {
                for m in [0, 2, 4, 5, 6, 7] {
                    if same_as_model(&code, view, n, m, c) {
                        sums += 1;
                    } else {
                        errors += 1;
                    }
                }
            }
        }
    }
    assert!(sums > 100 && errors > 50, "{sums} sums, {errors} errors");
}

#[test]
fn loops_whose_bounds_are_unknown_at_the_entry_are_versioned_on_their_own() {
    let opts = Options {
        inspect: true,
        ..Options::default()
    };
    // `j - 2` is -1 on the first iteration of `i = 0` (a wrapped index); `m` is assigned;
    // `k` has no lower bound.
    for (name, src) in [
        ("offset", pairs(-2)),
        (
            "assigned",
            pairs(0).replace("(var s f64 0.0)", "(var s f64 0.0) (set m (mul m 1))"),
        ),
        (
            "unassumed",
            pairs(0)
                .replace("(m i64)) (f64)", "(m i64) (k i64)) (f64)")
                .replace("(range (add i 1) m 1)", "(range k m 1)"),
        ),
    ] {
        let code = compile_text(&src, &opts).unwrap();
        let clif = code.clif_after("g").unwrap();
        assert!(!clif.contains("; g$checked:"), "{name}: {clif}");
        assert!(
            clif.contains("; g$checked1: checked copy"),
            "{name}: {clif}"
        );
    }
}

#[test]
fn a_called_function_whose_entry_test_fails_runs_its_checked_copy() {
    // `f` is called by `g`, so it keeps the internal calling convention; its checked copy
    // must be called with it too.
    let src = "(func g ((a (array f64 1)) (n i64)) (f64)
  (return (add (call f a n) 1.0)))
(func f ((a (array f64 1)) (n i64)) (f64)
  (assume n 0 100)
  (spill s j)
  (var s f64 0.0)
  (var j i64)
  (for j (range 0 n 1) (set s (add s (load a j))))
  (return s))";
    let code = compile_text(src, &Options::default()).unwrap();
    let mut data: Vec<f64> = (0..8).map(|k| k as f64 * 0.5).collect();
    let v = ArrayView::contiguous(&mut data, &[8]).unwrap();
    let sum = |n: usize| (0..n).map(|k| k as f64 * 0.5).sum::<f64>() + 1.0;
    for n in [0, 3, 8] {
        let r = code.call("g", &[Arg::Array(&v), Arg::I64(n)], &mut VecRuntime::new());
        assert_eq!(
            r.unwrap()[0].as_f64().unwrap().to_bits(),
            sum(n as usize).to_bits()
        );
    }
    match code.call("g", &[Arg::Array(&v), Arg::I64(9)], &mut VecRuntime::new()) {
        Err(CallError::Runtime(e)) => {
            assert_eq!(e.kind, ErrorKind::IndexOutOfBounds);
            assert_eq!((e.axis, e.index, e.bound), (0, 8, 8));
            assert_eq!(&*e.spilled, &[(sum(8) - 1.0).to_bits() as i64, 8]);
        }
        r => panic!("expected an IndexError, got {r:?}"),
    }
}
