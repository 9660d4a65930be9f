//! Loop versioning: an innermost loop whose indices are proven in bounds before it runs a copy
//! without checks. Every outcome must equal the checked semantics — sums bit for bit, and an
//! out-of-bounds index raising at the same iteration with the same axis, index, bound and
//! spilled values — whether the test picks the fast copy (contiguous arrays, indices inside)
//! or the checked one (negative indices that wrap, indices past the end, strided views).

use numjit_jit::*;

/// `s += a[r, i + c]` (or `a[i + c, r]` when `col` is false) for `i` in `range(lo, hi)`.
fn gather(c: i64, col: bool) -> String {
    let ic = match c {
        0 => "i".to_string(),
        c if c > 0 => format!("(add i {c})"),
        c => format!("(sub i {})", -c),
    };
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

/// What Python does: wrap a negative index once, then check it.
fn index(i: i64, n: i64, axis: u32) -> Result<i64, (u32, i64, i64)> {
    let w = if i < 0 { i + n } else { i };
    if (0..n).contains(&w) {
        Ok(w)
    } else {
        Err((axis, i, n))
    }
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
        let at = index(i0, shape[0], 0)
            .and_then(|x| Ok((x, index(i1, shape[1], 1)?)))
            .map_err(|(axis, idx, bound)| (axis, idx, bound, s, i))?;
        s += data[(at.0 * strides[0] + at.1 * strides[1]) as usize];
    }
    Ok(s)
}

#[test]
fn versioned_loops_match_the_checked_semantics() {
    let opts = Options {
        inspect: true,
        ..Options::default()
    };
    // 4 x 6 values; views: the whole array (contiguous), every other column of a 4 x 12
    // array, and the transpose of a 6 x 4 array (strides in elements).
    let base: Vec<f64> = (0..48).map(|k| (k as f64) * 0.37 - 3.1).collect();
    let views: [([i64; 2], [i64; 2]); 3] = [([4, 6], [6, 1]), ([4, 6], [12, 2]), ([4, 6], [1, 4])];
    let mut checked_fast = 0;
    for c in [-2, 0, 1] {
        for col in [true, false] {
            let code = compile_text(&gather(c, col), &opts).unwrap();
            // Two copies of the loop body: the fast one and the checked one.
            let clif = code.clif_before("g").unwrap();
            assert_eq!(clif.matches("load.f64").count(), 2, "{clif}");
            for (shape, strides) in views {
                for r in [-5, -1, 0, 2, 3, 4] {
                    for (lo, hi) in [(0, 3), (0, 6), (0, 7), (-3, 2), (2, 2), (5, 1), (1, 4)] {
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
                                checked_fast += 1;
                            }
                            (Err(CallError::Runtime(e)), Err((axis, idx, bound, s, i))) => {
                                assert_eq!(e.kind, ErrorKind::IndexOutOfBounds, "{case}");
                                assert_eq!(
                                    (e.axis, e.index, e.bound),
                                    (axis, idx, bound),
                                    "{case}"
                                );
                                assert_eq!(&*e.spilled, &[s.to_bits() as i64, i], "{case}");
                            }
                            (got, want) => panic!("{case}: native {got:?}, expected {want:?}"),
                        }
                    }
                }
            }
        }
    }
    assert!(checked_fast > 100);
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
        drop((av, ov));
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
