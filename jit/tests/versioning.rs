//! Loop versioning: an innermost loop whose indices are proven in bounds before it runs a copy
//! without checks. Every outcome must equal the checked semantics — sums bit for bit, and an
//! out-of-bounds index raising at the same iteration with the same axis, index, bound and
//! spilled values — whether the test picks the fast copy (contiguous arrays, indices inside)
//! or the checked one (negative indices that wrap, indices past the end, strided views).

use numjit_jit::*;

mod common;
use common::py_index;

/// `i + c` in the text form.
fn counter(c: i64) -> String {
    match c {
        0 => "i".to_string(),
        c if c > 0 => format!("(add i {c})"),
        c => format!("(sub i {})", -c),
    }
}

/// `s += a[r, i + c]` (or `a[i + c, r]` when `col` is false) for `i` in `range(lo, hi)`.
fn gather(c: i64, col: bool) -> String {
    let ic = counter(c);
    let idx = if col {
        format!("r {ic}")
    } else {
        format!("{ic} r")
    };
    format!(
        "(func g ((a (array f64 2)) (r i64) (lo i64) (hi i64)) (f64)
  (spill s i)
  (var s f64 0.0)
  (for i (range lo hi) (set s (add s (load a {idx}))))
  (return s))"
    )
}

/// The expected outcome: the sum, or (axis, index, bound, s, i) at the failing access.
#[allow(clippy::too_many_arguments)]
fn model(
    data: &[f64],
    shape: [i64; 2],
    strides: [i64; 2],
    r: i64,
    lo: i64,
    hi: i64,
    c: i64,
    col: bool,
) -> Result<f64, (u32, i64, i64, f64, i64)> {
    let mut s = 0.0;
    for i in lo..hi {
        let (i0, i1) = if col { (r, i + c) } else { (i + c, r) };
        let at = py_index(i0, shape[0], 0)
            .and_then(|x| Ok((x, py_index(i1, shape[1], 1)?)))
            .map_err(|(axis, idx, bound)| (axis, idx, bound, s, i))?;
        s += data[(at.0 * strides[0] + at.1 * strides[1]) as usize];
    }
    Ok(s)
}

/// 4 x 6 values.
fn base() -> Vec<f64> {
    (0..48).map(|k| (k as f64) * 0.37 - 3.1).collect()
}

/// (shape, strides in elements): the whole array (contiguous), every other column of a 4 x 12
/// array, and the transpose of a 6 x 4 array.
const VIEWS: [([i64; 2], [i64; 2]); 3] = [([4, 6], [6, 1]), ([4, 6], [12, 2]), ([4, 6], [1, 4])];

/// Runs `g(a, r, lo, hi)` of [`gather`] on a view of [`base`] and compares it with the
/// model; whether it returned a sum.
#[allow(clippy::too_many_arguments)]
fn same_as_model(
    code: &Compiled,
    (shape, strides): ([i64; 2], [i64; 2]),
    r: i64,
    lo: i64,
    hi: i64,
    c: i64,
    col: bool,
) -> bool {
    let base = base();
    let mut data = base.clone();
    let v = ArrayView::strided(
        &mut data,
        0,
        &[shape[0] as usize, shape[1] as usize],
        &[strides[0] as isize, strides[1] as isize],
    )
    .unwrap();
    let args = [Arg::Array(&v), Arg::I64(r), Arg::I64(lo), Arg::I64(hi)];
    let got = code.call("g", &args, &mut VecRuntime::new());
    let want = model(&base, shape, strides, r, lo, hi, c, col);
    let case = format!("c={c} col={col} view={strides:?} r={r} {lo}..{hi}");
    match (got, want) {
        (Ok(v), Ok(s)) => {
            assert_eq!(v[0].as_f64().unwrap().to_bits(), s.to_bits(), "{case}");
            true
        }
        (Err(CallError::Runtime(e)), Err((axis, idx, bound, s, i))) => {
            assert_eq!(e.kind, ErrorKind::IndexOutOfBounds, "{case}");
            assert_eq!((e.axis, e.index, e.bound), (axis, idx, bound), "{case}");
            assert_eq!(&*e.spilled, &[s.to_bits() as i64, i], "{case}");
            false
        }
        (got, want) => panic!("{case}: native {got:?}, expected {want:?}"),
    }
}

#[test]
fn versioned_loops_match_the_checked_semantics() {
    let opts = Options {
        inspect: true,
        ..Options::default()
    };
    let mut checked_fast = 0;
    for c in [-2, 0, 1] {
        for col in [true, false] {
            let code = compile_text(&gather(c, col), &opts).unwrap();
            // Six copies of the loop body: the fast loop's four unrolled ones and its
            // remainder loop, and the checked loop (in the outlined function listed after
            // it). Loads at an offset read the outlined function's result slots.
            let clif = code.clif_before("g").unwrap();
            let loads = clif
                .lines()
                .filter(|l| l.contains("load.f64") && !l.contains('+'));
            assert_eq!(loads.count(), 6, "{clif}");
            assert!(clif.contains("g$checked1: checked copy"), "{clif}");
            for view in VIEWS {
                for r in [-5, -1, 0, 2, 3, 4] {
                    for (lo, hi) in [(0, 3), (0, 6), (0, 7), (-3, 2), (2, 2), (5, 1), (1, 4)] {
                        checked_fast += usize::from(same_as_model(&code, view, r, lo, hi, c, col));
                    }
                }
            }
        }
    }
    assert!(checked_fast > 100);
}

#[test]
fn a_literal_last_index_is_a_displacement_on_contiguous_rows() {
    // s += a[i + c, 2]: the fast copy needs the last axis contiguous (then `2` is a constant
    // displacement of 16 bytes); every-other-column and transposed views take the checked
    // copy, with the same results and errors.
    let opts = Options {
        inspect: true,
        ..Options::default()
    };
    for c in [-2, 0, 1] {
        let ic = counter(c);
        let src =
            gather(c, false).replace(&format!("(load a {ic} r)"), &format!("(load a {ic} 2)"));
        assert!(src.contains(&format!("(load a {ic} 2)")), "{src}");
        let code = compile_text(&src, &opts).unwrap();
        let asm = code.asm("g").unwrap();
        let fast = &asm[..asm.find("checked copy").unwrap_or(asm.len())];
        // Element loads at a 16-byte displacement: the four unrolled copies and the
        // remainder loop's.
        let displaced = fast.lines().filter(|l| l.contains(" 0x10(%")).count();
        assert!(displaced >= 5, "{asm}");
        for view in VIEWS {
            for (lo, hi) in [(0, 3), (0, 6), (0, 5), (-3, 2), (2, 2), (1, 4)] {
                // The literal 2 stands where `g`'s `r` was: the model reads column 2.
                same_as_model(&code, view, 2, lo, hi, c, false);
            }
        }
    }
}

#[test]
fn stores_and_invariant_indices_in_a_versioned_loop() {
    // out[r, i] = a[i, k] * 2 for i in range(n): a column read through an invariant index,
    // a row written through the counter; r past the end must still raise before any store.
    let code = compile_text(
        "(func f ((a (array f64 2)) (out (array f64 2)) (r i64) (k i64) (n i64)) ()
  (for i (range n) (store out (r i) (mul (load a i k) 2.0))))",
        &Options::default(),
    )
    .unwrap();
    let mut a: Vec<f64> = (0..12).map(|k| k as f64).collect();
    for (r, k, n, ok) in [
        (1, 2, 4, true),
        (-1, -1, 4, true),
        (2, 0, 4, false),
        (0, 3, 4, false),
    ] {
        let mut out = vec![0.0f64; 8];
        let av = ArrayView::contiguous(&mut a, &[4, 3]).unwrap();
        let ov = ArrayView::contiguous(&mut out, &[2, 4]).unwrap();
        let args = [
            Arg::Array(&av),
            Arg::Array(&ov),
            Arg::I64(r),
            Arg::I64(k),
            Arg::I64(n),
        ];
        let res = code.call("f", &args, &mut VecRuntime::new());
        assert_eq!(res.is_ok(), ok, "r={r} k={k}: {res:?}");
        if ok {
            let row = r.rem_euclid(2) as usize;
            let col = k.rem_euclid(3) as usize;
            let want: Vec<f64> = (0..4).map(|i| a[i * 3 + col] * 2.0).collect();
            assert_eq!(&out[row * 4..row * 4 + 4], &want[..]);
        } else {
            assert!(
                out.iter().all(|&x| x == 0.0),
                "nothing stored before the error"
            );
        }
    }
}

/// `out[r, i] = -(a[ra, i] * s) + (a[ra, i] - 1.5)` for `i` in `range(lo, hi)`.
const AXPY: &str = "(func f ((out (array f64 2)) (a (array f64 2)) (r i64) (ra i64) (s f64) (lo i64) (hi i64)) ()
  (for i (range lo hi) (store out (r i) (add (neg (mul (load a ra i) s)) (sub (load a ra i) 1.5)))))";

fn axpy_model(data: &mut [f64], rows: [usize; 2], cols: usize, r: usize, ra: usize, s: f64) {
    // out and a are the same array here: element (row, i) is data[rows[row] + i].
    for i in 0..cols {
        let x = data[rows[ra] + i];
        data[rows[r] + i] = -(x * s) + (x - 1.5);
    }
}

#[test]
fn two_lane_loops_equal_the_scalar_loop_bit_for_bit() {
    let code = compile_text(
        AXPY,
        &Options {
            inspect: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(
        code.asm("f").unwrap().contains("pd "),
        "a packed-double loop"
    );
    let specials = [
        0.0,
        -0.0,
        1.5,
        -2.25,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        1e308,
        5e-324,
    ];
    // Reference: the same values in every other element (not contiguous: the checked scalar
    // copy runs), compared bit for bit, NaN payloads included.
    let run = |a: &mut [f64], out: &mut [f64], cols: usize, step: usize, s: f64| {
        let st = [(cols * step) as isize, step as isize];
        let av = ArrayView::strided(a, 0, &[2, cols], &st).unwrap();
        let ov = ArrayView::strided(out, 0, &[2, cols], &st).unwrap();
        let args = [
            Arg::Array(&ov),
            Arg::Array(&av),
            Arg::I64(0),
            Arg::I64(1),
            Arg::F64(s),
            Arg::I64(0),
            Arg::I64(cols as i64),
        ];
        code.call("f", &args, &mut VecRuntime::new()).unwrap();
    };
    for cols in [0usize, 1, 2, 5, 8, 9] {
        for s in [2.0, -0.0, f64::NAN, -f64::NAN, 1e300] {
            let vals: Vec<f64> = (0..2 * cols)
                .map(|k| specials[k % specials.len()])
                .collect();
            let mut a = vals.clone();
            let mut out = vec![7.0f64; 2 * cols];
            run(&mut a, &mut out, cols, 1, s);
            let mut a2: Vec<f64> = vals.iter().flat_map(|&x| [x, 0.0]).collect();
            let mut out2 = vec![7.0f64; 4 * cols];
            run(&mut a2, &mut out2, cols, 2, s);
            let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            let every_other: Vec<f64> = out2.iter().step_by(2).copied().collect();
            assert_eq!(bits(&out), bits(&every_other), "cols={cols} s={s}");
            assert_eq!(&out[cols..], &vec![7.0; cols][..], "row 1 untouched");
        }
    }
    // One array whose rows overlap (row 1 is row 0 shifted by one element), updated in
    // place from the other row: each store feeds the next load, as in the scalar loop.
    for (r, ra) in [(1, 0), (0, 1), (1, 1)] {
        let cols = 7;
        let init: Vec<f64> = (0..cols + 1).map(|k| k as f64 * 0.75 - 2.0).collect();
        let mut data = init.clone();
        let mut want = init.clone();
        axpy_model(&mut want, [0, 1], cols, r, ra, 3.0);
        let v = ArrayView::strided(&mut data, 0, &[2, cols], &[1, 1]).unwrap();
        let args = [
            Arg::Array(&v),
            Arg::Array(&v),
            Arg::I64(r as i64),
            Arg::I64(ra as i64),
            Arg::F64(3.0),
            Arg::I64(0),
            Arg::I64(cols as i64),
        ];
        code.call("f", &args, &mut VecRuntime::new()).unwrap();
        assert_eq!(data, want, "rows {r} <- {ra}");
    }
}

#[test]
fn arrays_bound_on_some_paths_only_are_not_read_after_later_loops() {
    // `t` is bound inside a loop (and `u` inside an `if`) that may not run; the loop after
    // them does not mention either, and must not read their descriptors.
    let code = compile_text(
        "(func f ((n i64) (m i64) (c bool)) (f64)
  (var s f64 0.0)
  (for i (range n) (var t (array f64 1) (ones f64 3)) (set s (add s (load t 0))))
  (if c (then (var u (array f64 1) (ones f64 2)) (set s (add s (load u 1)))))
  (for j (range m) (set s (add s 1.0)))
  (return s))",
        &Options::default(),
    )
    .unwrap();
    for (n, m, c, want) in [(0, 5, false, 5.0), (2, 3, false, 5.0), (0, 1, true, 2.0)] {
        let args = [Arg::I64(n), Arg::I64(m), Arg::Bool(c)];
        let got = code.call("f", &args, &mut VecRuntime::new()).unwrap();
        assert_eq!(got[0].as_f64(), Some(want), "n={n} m={m} c={c}");
    }
}

#[test]
fn a_two_lane_loop_over_an_empty_range_leaves_its_variable() {
    // `for i in range(lo, hi): out[i] = a[i] + 1.0`, then `return i` (i starts at 99).
    let code = compile_text(
        "(func f ((out (array f64 1)) (a (array f64 1)) (lo i64) (hi i64)) (i64)
  (var i i64 99)
  (for i (range lo hi) (store out (i) (add (load a i) 1.0)))
  (return i))",
        &Options::default(),
    )
    .unwrap();
    for (lo, hi, want) in [(3, 3, 99), (4, 2, 99), (0, 5, 4), (1, 4, 3)] {
        let mut a = vec![0.5f64; 6];
        let mut out = vec![0.0f64; 6];
        let av = ArrayView::contiguous(&mut a, &[6]).unwrap();
        let ov = ArrayView::contiguous(&mut out, &[6]).unwrap();
        let args = [Arg::Array(&ov), Arg::Array(&av), Arg::I64(lo), Arg::I64(hi)];
        let got = code.call("f", &args, &mut VecRuntime::new()).unwrap();
        assert_eq!(got[0].as_i64(), Some(want), "{lo}..{hi}");
    }
}

#[test]
fn literal_indices_on_one_axis_are_covered_by_the_largest() {
    // s += a[i, 1] + a[i, c]: one test against the largest literal covers both; with `c` past
    // the axis the loop must raise at its first iteration (IndexError on axis 1), never read.
    for (c, ok) in [(2, true), (5, true), (6, false), (9, false)] {
        let src = format!(
            "(func h ((a (array f64 2)) (lo i64) (hi i64)) (f64)
  (var s f64 0.0)
  (for@7 i (range lo hi) (set@8 s (add s (add (load@8 a i 1) (load@8 a i {c})))))
  (return s))"
        );
        let code = compile_text(&src, &Options::default()).unwrap();
        let mut data = base();
        let v = ArrayView::contiguous(&mut data[..24], &[4, 6]).unwrap();
        let args = [Arg::Array(&v), Arg::I64(0), Arg::I64(4)];
        let got = code.call("h", &args, &mut VecRuntime::new());
        let b = base();
        match got {
            Ok(r) if ok => {
                let want: f64 = (0..4).fold(0.0, |s, i| s + (b[i * 6 + 1] + b[i * 6 + c]));
                assert_eq!(r[0].as_f64().unwrap().to_bits(), want.to_bits(), "c={c}");
            }
            Err(CallError::Runtime(e)) if !ok => {
                assert_eq!(e.kind, ErrorKind::IndexOutOfBounds, "c={c}");
                assert_eq!(
                    (e.line, e.axis, e.index, e.bound),
                    (8, 1, c as i64, 6),
                    "c={c}"
                );
            }
            other => panic!("c={c}: {other:?}"),
        }
    }
}

#[test]
fn unrolled_copies_read_their_own_elements_at_any_step_and_offset() {
    // s = s * 0.5 + a[i + c] (or a[i + c, 1] of a 40 x 3 array) for i in range(lo, hi, step):
    // each unrolled copy of the fast loop addresses its element from the group's counter (a
    // contiguous axis: a displacement; a strided one: the group's `i * stride` plus a multiple
    // of the stride). The order-dependent sum catches a copy that reads its neighbour's element
    // or its own twice, and a group that starts from the wrong place.
    let buf: Vec<f64> = (0..120).map(|k| (k as f64) * 1.25 - 7.0).collect();
    let mut fast = 0;
    for rows in [false, true] {
        for step in [1, 2, 3] {
            for c in [-1, 0, 2] {
                let ic = counter(c);
                let (ty, at) = if rows {
                    ("(array f64 2)", format!("{ic} 1"))
                } else {
                    ("(array f64 1)", ic)
                };
                let src = format!(
                    "(func g ((a {ty}) (lo i64) (hi i64)) (f64)
  (var s f64 0.0)
  (for i (range lo hi {step}) (set s (add (mul s 0.5) (load a {at}))))
  (return s))"
                );
                let code = compile_text(&src, &Options::default()).unwrap();
                for (lo, hi) in [(1, 37), (1, 38), (2, 30), (1, 2), (5, 5), (0, 40), (3, 39)] {
                    let mut d = buf.clone();
                    let v = if rows {
                        ArrayView::contiguous(&mut d, &[40, 3]).unwrap()
                    } else {
                        ArrayView::contiguous(&mut d[..40], &[40]).unwrap()
                    };
                    let args = [Arg::Array(&v), Arg::I64(lo), Arg::I64(hi)];
                    let got = code.call("g", &args, &mut VecRuntime::new());
                    let mut s = 0.0f64;
                    let mut want = Ok(());
                    for i in (lo..hi).step_by(step as usize) {
                        match py_index(i + c, 40, 0) {
                            Ok(x) if rows => s = s * 0.5 + buf[x as usize * 3 + 1],
                            Ok(x) => s = s * 0.5 + buf[x as usize],
                            Err(e) => {
                                want = Err(e);
                                break;
                            }
                        }
                    }
                    let case = format!("rows={rows} step={step} c={c} {lo}..{hi}");
                    match (got, want) {
                        (Ok(v), Ok(())) => {
                            assert_eq!(v[0].as_f64().unwrap().to_bits(), s.to_bits(), "{case}");
                            fast += 1;
                        }
                        (Err(CallError::Runtime(e)), Err((axis, idx, bound))) => {
                            assert_eq!((e.axis, e.index, e.bound), (axis, idx, bound), "{case}");
                        }
                        (got, want) => panic!("{case}: native {got:?}, expected {want:?}"),
                    }
                }
            }
        }
    }
    assert!(fast > 80, "{fast}");
}
