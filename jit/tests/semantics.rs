//! Semantics tables: Python floor division/modulo sign rules (int and float, expected values
//! produced by CPython 3.11), int64 wraparound, division by zero, negative index wrap,
//! out-of-bounds statuses, strided views, conversions, min/max with NaN, tuple returns.

mod common;
use common::*;
use numjit_jit::*;

fn c(src: &str) -> Compiled {
    compile_text(src, &Options::default()).unwrap()
}

fn call(code: &Compiled, name: &str, args: &[Arg]) -> Result<Vec<Value>, CallError> {
    code.call(name, args, &mut VecRuntime::new())
}

fn runtime_err(r: Result<Vec<Value>, CallError>) -> RuntimeError {
    match r {
        Err(CallError::Runtime(e)) => e,
        other => panic!("expected a runtime error, got {other:?}"),
    }
}

/// (a, b, a // b, a % b) from CPython, results wrapped to int64 as numba does.
const INT_TABLE: &[(i64, i64, i64, i64)] = &[
    (7, 3, 2, 1),
    (7, -3, -3, -2),
    (7, 1, 7, 0),
    (7, -1, -7, 0),
    (7, 2, 3, 1),
    (7, -2, -4, -1),
    (7, 7, 1, 0),
    (-7, 3, -3, 2),
    (-7, -3, 2, -1),
    (-7, 1, -7, 0),
    (-7, -1, 7, 0),
    (-7, 2, -4, 1),
    (-7, -2, 3, -1),
    (-7, 7, -1, 0),
    (3, 3, 1, 0),
    (3, -3, -1, 0),
    (3, 1, 3, 0),
    (3, -1, -3, 0),
    (3, 2, 1, 1),
    (3, -2, -2, -1),
    (3, 7, 0, 3),
    (-3, 3, -1, 0),
    (-3, -3, 1, 0),
    (-3, 1, -3, 0),
    (-3, -1, 3, 0),
    (-3, 2, -2, 1),
    (-3, -2, 1, -1),
    (-3, 7, -1, 4),
    (0, 3, 0, 0),
    (0, -3, 0, 0),
    (0, 1, 0, 0),
    (0, -1, 0, 0),
    (1, 3, 0, 1),
    (1, -3, -1, -2),
    (1, -2, -1, -1),
    (-1, 3, -1, 2),
    (-1, -3, 0, -1),
    (-1, 7, -1, 6),
    (i64::MAX, 3, 3074457345618258602, 1),
    (i64::MAX, -3, -3074457345618258603, -2),
    (i64::MAX, -1, -9223372036854775807, 0),
    (i64::MAX, -2, -4611686018427387904, -1),
    (i64::MAX, 7, 1317624576693539401, 0),
    (i64::MIN, 3, -3074457345618258603, 1),
    (i64::MIN, -3, 3074457345618258602, -2),
    (i64::MIN, 1, i64::MIN, 0),
    // Python gives 2**63 here; int64 wraps it to MIN (numba), and nothing traps.
    (i64::MIN, -1, i64::MIN, 0),
    (i64::MIN, 2, -4611686018427387904, 0),
    (i64::MIN, -2, 4611686018427387904, 0),
    (i64::MIN, 7, -1317624576693539402, 6),
];

const INF: f64 = f64::INFINITY;
const NAN: f64 = f64::NAN;

/// (a, b, a // b, a % b) from CPython for floats (signs of zeros matter).
const FLOAT_TABLE: &[(f64, f64, f64, f64)] = &[
    (7.5, 2.0, 3.0, 1.5),
    (7.5, -2.0, -4.0, -0.5),
    (7.5, 0.5, 15.0, 0.0),
    (7.5, -0.5, -15.0, -0.0),
    (7.5, INF, 0.0, 7.5),
    (7.5, -INF, -1.0, -INF),
    (-7.5, 2.0, -4.0, 0.5),
    (-7.5, -2.0, 3.0, -1.5),
    (-7.5, 0.5, -15.0, 0.0),
    (-7.5, -0.5, 15.0, -0.0),
    (-7.5, INF, -1.0, INF),
    (-7.5, -INF, 0.0, -7.5),
    (3.0, 2.0, 1.0, 1.0),
    (3.0, -2.0, -2.0, -1.0),
    (-3.0, 2.0, -2.0, 1.0),
    (-3.0, -2.0, 1.0, -1.0),
    (-3.0, 3.0, -1.0, 0.0),
    (0.0, 2.0, 0.0, 0.0),
    (0.0, -2.0, -0.0, -0.0),
    (0.0, -INF, -0.0, -0.0),
    (-0.0, 2.0, -0.0, 0.0),
    (-0.0, -2.0, 0.0, -0.0),
    (-0.0, INF, -0.0, 0.0),
    (-0.0, -INF, 0.0, -0.0),
    (1e300, 3.0, 3.3333333333333335e299, 0.0),
    (1e300, -0.5, -2e300, -0.0),
    (-1e-300, 2.0, -1.0, 2.0),
    (-1e-300, -2.0, 0.0, -1e-300),
    (-1e-300, INF, -1.0, INF),
    (INF, 2.0, NAN, NAN),
    (-INF, -0.5, NAN, NAN),
    (INF, INF, NAN, NAN),
];

fn bits_eq(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

#[test]
fn int_floordiv_and_mod_follow_python() {
    let code = c("(func dm ((a i64) (b i64)) (i64 i64) (return (floordiv a b) (mod a b)))");
    for &(a, b, q, r) in INT_TABLE {
        let out = call(&code, "dm", &[Arg::I64(a), Arg::I64(b)]).unwrap();
        assert_eq!(
            out,
            vec![Value::I64(q), Value::I64(r)],
            "{a} // {b}, {a} % {b}"
        );
    }
    // Constant divisors take Cranelift's strength-reduced path: same answers.
    for d in [3i64, -3, 1, -1, 2, -2, 7] {
        let code = c(&format!(
            "(func dm ((a i64)) (i64 i64) (return (floordiv a {d}) (mod a {d})))"
        ));
        for &(a, b, q, r) in INT_TABLE.iter().filter(|t| t.1 == d) {
            let out = call(&code, "dm", &[Arg::I64(a)]).unwrap();
            assert_eq!(
                out,
                vec![Value::I64(q), Value::I64(r)],
                "{a} // {b} (constant)"
            );
        }
    }
    // Positive powers of two are a shift and a mask: floor semantics for every sign.
    for d in [1i64, 2, 4, 8, 1 << 40, 1 << 62] {
        let code = c(&format!(
            "(func dm ((a i64)) (i64 i64) (return (floordiv a {d}) (mod a {d})))"
        ));
        for a in [
            i64::MIN,
            i64::MIN + 1,
            -9,
            -8,
            -7,
            -1,
            0,
            1,
            7,
            8,
            9,
            i64::MAX,
        ] {
            let out = call(&code, "dm", &[Arg::I64(a)]).unwrap();
            // For a positive divisor, Python's floor division and modulo are Euclid's.
            let want = vec![Value::I64(a.div_euclid(d)), Value::I64(a.rem_euclid(d))];
            assert_eq!(out, want, "{a} // {d}, {a} % {d}");
        }
    }
}

#[test]
fn float_floordiv_and_mod_follow_python() {
    let code = c("(func dm ((a f64) (b f64)) (f64 f64) (return (floordiv a b) (mod a b)))");
    for &(a, b, q, r) in FLOAT_TABLE {
        let out = call(&code, "dm", &[Arg::F64(a), Arg::F64(b)]).unwrap();
        let (Value::F64(gq), Value::F64(gr)) = (out[0], out[1]) else {
            panic!()
        };
        assert!(bits_eq(gq, q), "{a} // {b}: got {gq}, want {q}");
        assert!(bits_eq(gr, r), "{a} % {b}: got {gr}, want {r}");
    }
}

#[test]
fn int64_wraps_around() {
    let code = c(r#"
(func ops ((a i64) (b i64)) (i64 i64 i64 i64 i64)
  (return (add a b) (sub a b) (mul a b) (neg a) (abs a)))
(func p ((a i64) (b i64)) (i64) (return (pow a b)))"#);
    let out = call(&code, "ops", &[Arg::I64(i64::MAX), Arg::I64(1)]).unwrap();
    assert_eq!(out[0], Value::I64(i64::MIN));
    assert_eq!(out[1], Value::I64(i64::MAX - 1));
    assert_eq!(out[2], Value::I64(i64::MAX));
    let out = call(&code, "ops", &[Arg::I64(i64::MIN), Arg::I64(-1)]).unwrap();
    assert_eq!(out[0], Value::I64(i64::MAX));
    assert_eq!(out[2], Value::I64(i64::MIN));
    assert_eq!(out[3], Value::I64(i64::MIN));
    assert_eq!(out[4], Value::I64(i64::MIN));
    let out = call(&code, "ops", &[Arg::I64(1 << 62), Arg::I64(4)]).unwrap();
    assert_eq!(out[2], Value::I64(0));
    assert_eq!(
        call(&code, "p", &[Arg::I64(3), Arg::I64(40)]).unwrap()[0],
        Value::I64(3i64.wrapping_pow(40))
    );
    assert_eq!(
        call(&code, "p", &[Arg::I64(-2), Arg::I64(63)]).unwrap()[0],
        Value::I64(i64::MIN)
    );
    assert_eq!(
        call(&code, "p", &[Arg::I64(0), Arg::I64(0)]).unwrap()[0],
        Value::I64(1)
    );
    let e = runtime_err(call(&code, "p", &[Arg::I64(2), Arg::I64(-1)]));
    assert_eq!(e.kind, ErrorKind::NegativePower);
}

#[test]
fn division_by_zero_is_a_status_with_line() {
    let code = c(r#"
(func idiv ((a i64) (b i64)) (i64) (return (floordiv@11 a b)))
(func imod ((a i64) (b i64)) (i64) (return (mod@12 a b)))
(func tdiv ((a i64) (b i64)) (f64) (return (div@13 a b)))
(func fdiv ((a f64) (b f64)) (f64) (return@14 (div a b)))
(func ffl ((a f64) (b f64)) (f64) (return (floordiv@15 a b)))
(func fmo ((a f64) (b f64)) (f64) (return (mod@16 a b)))"#);
    for (name, line) in [("idiv", 11), ("imod", 12), ("tdiv", 13)] {
        let e = runtime_err(call(&code, name, &[Arg::I64(5), Arg::I64(0)]));
        assert_eq!(
            (e.kind, e.line, e.func.as_str()),
            (ErrorKind::ZeroDivision, line, name)
        );
        assert_eq!(e.kind.python_exception(), "ZeroDivisionError");
    }
    for (name, line) in [("fdiv", 14), ("ffl", 15), ("fmo", 16)] {
        for z in [0.0, -0.0] {
            let e = runtime_err(call(&code, name, &[Arg::F64(1.0), Arg::F64(z)]));
            assert_eq!((e.kind, e.line), (ErrorKind::ZeroDivision, line));
        }
    }
    // True division of ints gives a float; non-zero divisors are fine.
    assert_eq!(
        call(&code, "tdiv", &[Arg::I64(7), Arg::I64(2)]).unwrap(),
        vec![Value::F64(3.5)]
    );
    assert_eq!(
        call(&code, "fdiv", &[Arg::F64(1.0), Arg::F64(INF)]).unwrap(),
        vec![Value::F64(0.0)]
    );
}

#[test]
fn negative_indices_wrap_and_out_of_bounds_is_a_status() {
    let code = c(r#"
(func get ((a (array f64 1)) (i i64)) (f64) (return (load@21 a i)))
(func put ((a (array i64 2)) (i i64) (j i64) (v i64)) () (store@22 a (i j) v))"#);
    let mut data = [10.0, 11.0, 12.0, 13.0, 14.0];
    let a = ArrayView::contiguous(&mut data, &[5]).unwrap();
    for (i, want) in [(0, 10.0), (4, 14.0), (-1, 14.0), (-5, 10.0)] {
        assert_eq!(
            call(&code, "get", &[Arg::Array(&a), Arg::I64(i)]).unwrap(),
            vec![Value::F64(want)]
        );
    }
    for i in [5, -6, i64::MAX, i64::MIN] {
        let e = runtime_err(call(&code, "get", &[Arg::Array(&a), Arg::I64(i)]));
        assert_eq!(
            (e.kind, e.line, e.axis, e.index, e.bound),
            (ErrorKind::IndexOutOfBounds, 21, 0, i, 5)
        );
        assert_eq!(e.kind.python_exception(), "IndexError");
    }
    let mut m = vec![0i64; 6];
    {
        let v = ArrayView::contiguous(&mut m, &[2, 3]).unwrap();
        call(
            &code,
            "put",
            &[Arg::Array(&v), Arg::I64(-1), Arg::I64(-1), Arg::I64(7)],
        )
        .unwrap();
        call(
            &code,
            "put",
            &[Arg::Array(&v), Arg::I64(0), Arg::I64(1), Arg::I64(5)],
        )
        .unwrap();
        let e = runtime_err(call(
            &code,
            "put",
            &[Arg::Array(&v), Arg::I64(1), Arg::I64(3), Arg::I64(1)],
        ));
        assert_eq!((e.axis, e.index, e.bound, e.line), (1, 3, 3, 22));
        let e = runtime_err(call(
            &code,
            "put",
            &[Arg::Array(&v), Arg::I64(-3), Arg::I64(0), Arg::I64(1)],
        ));
        assert_eq!((e.axis, e.index, e.bound), (0, -3, 2));
    }
    assert_eq!(m, vec![0, 5, 0, 0, 0, 7]);
}

#[test]
fn boundscheck_off_still_wraps_negative_indices() {
    let code = compile_text(
        "(func get ((a (array f64 1)) (i i64)) (f64) (return (load a i)))",
        &Options {
            boundscheck: false,
            ..Options::default()
        },
    )
    .unwrap();
    let mut data = [1.0, 2.0, 3.0];
    let a = ArrayView::contiguous(&mut data, &[3]).unwrap();
    assert_eq!(
        call(&code, "get", &[Arg::Array(&a), Arg::I64(-1)]).unwrap(),
        vec![Value::F64(3.0)]
    );
    assert_eq!(
        call(&code, "get", &[Arg::Array(&a), Arg::I64(1)]).unwrap(),
        vec![Value::F64(2.0)]
    );
}

#[test]
fn strided_views_read_and_write_the_right_elements() {
    let code = c(r#"
(func total ((a (array f64 2))) (f64)
  (var s f64 0.0)
  (for i (range (shape a 0))
    (for j (range (shape a 1))
      (set s (add (mul s 10.0) (load a i j)))))
  (return s))
(func fill ((a (array i64 1))) ()
  (for i (range (shape a 0)) (store a (i) (mul i 100))))"#);
    // 3x4 matrix 0..11; transposed view (4x3, strides (1, 4)).
    let mut m: Vec<f64> = (0..12).map(|x| x as f64).collect();
    let t = ArrayView::strided(&mut m, 0, &[4, 3], &[1, 4]).unwrap();
    // Reading the transpose row by row: 0,4,8,1,5,9,2,6,10,3,7,11 folded base 10.
    let want = [0., 4., 8., 1., 5., 9., 2., 6., 10., 3., 7., 11.]
        .iter()
        .fold(0.0, |s, &x| s * 10.0 + x);
    assert_eq!(
        call(&code, "total", &[Arg::Array(&t)]).unwrap(),
        vec![Value::F64(want)]
    );
    // Every other column of the 3x4, reversed rows: offset 8, strides (-4, 2).
    let v = ArrayView::strided(&mut m, 8, &[3, 2], &[-4, 2]).unwrap();
    let want = [8., 10., 4., 6., 0., 2.]
        .iter()
        .fold(0.0, |s, &x| s * 10.0 + x);
    assert_eq!(
        call(&code, "total", &[Arg::Array(&v)]).unwrap(),
        vec![Value::F64(want)]
    );
    // Writes through a stride-3 view touch only its elements.
    let mut w = vec![-1i64; 10];
    {
        let v = ArrayView::strided(&mut w, 1, &[3], &[3]).unwrap();
        call(&code, "fill", &[Arg::Array(&v)]).unwrap();
    }
    assert_eq!(w, vec![-1, 0, -1, -1, 100, -1, -1, 200, -1, -1]);
    // A view that would reach outside its slice is refused.
    assert!(ArrayView::strided(&mut w, 8, &[3], &[1]).is_none());
    assert!(ArrayView::strided(&mut w, 1, &[3], &[-1]).is_none());
}

#[test]
fn float_to_int_conversion_refuses_nan_inf_and_overflow() {
    let code = c("(func f ((x f64)) (i64) (return (i64@3 x)))");
    for (x, want) in [
        (2.9, 2),
        (-2.9, -2),
        (-0.0, 0),
        (9.2e18, 9200000000000000000),
    ] {
        assert_eq!(
            call(&code, "f", &[Arg::F64(x)]).unwrap(),
            vec![Value::I64(want)]
        );
    }
    for x in [NAN, INF, -INF, 9.3e18, -9.3e18] {
        let e = runtime_err(call(&code, "f", &[Arg::F64(x)]));
        assert_eq!((e.kind, e.line), (ErrorKind::FloatToInt, 3));
        assert_eq!(e.index as u64, x.to_bits());
    }
}

#[test]
fn min_max_nan_and_signed_zero_follow_python() {
    let code = c("(func mm ((a f64) (b f64)) (f64 f64) (return (min a b) (max a b)))");
    // Python: min(a, b) = b if b < a else a.
    let cases = [
        (NAN, 1.0, NAN, NAN),
        (1.0, NAN, 1.0, 1.0),
        (0.0, -0.0, 0.0, 0.0),
        (-0.0, 0.0, -0.0, -0.0),
        (1.0, 2.0, 1.0, 2.0),
    ];
    for (a, b, mn, mx) in cases {
        let out = call(&code, "mm", &[Arg::F64(a), Arg::F64(b)]).unwrap();
        let (Value::F64(x), Value::F64(y)) = (out[0], out[1]) else {
            panic!()
        };
        assert!(
            bits_eq(x, mn) && bits_eq(y, mx),
            "min/max({a}, {b}) = {x}, {y}"
        );
    }
}

#[test]
fn bools_promote_and_compare_like_python() {
    let code = c(r#"
(func f ((a bool) (b bool) (x f64)) (i64 f64 bool bool bool)
  (return (add a b) (mul a x) (band a b) (and a (gt x 0.0)) (not x)))"#);
    let out = call(
        &code,
        "f",
        &[Arg::Bool(true), Arg::Bool(true), Arg::F64(NAN)],
    )
    .unwrap();
    assert_eq!(out[0], Value::I64(2));
    assert!(out[1].as_f64().unwrap().is_nan());
    assert_eq!(out[2], Value::Bool(true));
    assert_eq!(out[3], Value::Bool(false));
    assert_eq!(out[4], Value::Bool(false)); // bool(nan) is True
    let out = call(
        &code,
        "f",
        &[Arg::Bool(false), Arg::Bool(true), Arg::F64(-0.0)],
    )
    .unwrap();
    assert_eq!(out[4], Value::Bool(true)); // not -0.0
}

#[test]
fn range_step_zero_is_a_status() {
    let code = c(r#"
(func r ((s i64)) (i64) (var n i64 0) (for@7 i (range 0 10 s) (set n (add n 1))) (return n))
(func z () (i64) (var n i64 0) (for@8 i (range 0 10 0) (set n (add n 1))) (return n))"#);
    assert_eq!(
        call(&code, "r", &[Arg::I64(3)]).unwrap(),
        vec![Value::I64(4)]
    );
    assert_eq!(
        call(&code, "r", &[Arg::I64(-1)]).unwrap(),
        vec![Value::I64(0)]
    );
    let e = runtime_err(call(&code, "r", &[Arg::I64(0)]));
    assert_eq!((e.kind, e.line), (ErrorKind::RangeStepZero, 7));
    let e = runtime_err(call(&code, "z", &[]));
    assert_eq!((e.kind, e.line), (ErrorKind::RangeStepZero, 8));
}

#[test]
fn math_intrinsics_match_std() {
    let names = [
        "sqrt", "exp", "log", "log10", "sin", "cos", "tan", "tanh", "floor", "ceil", "fabs",
    ];
    let fns: [fn(f64) -> f64; 11] = [
        f64::sqrt,
        f64::exp,
        f64::ln,
        f64::log10,
        f64::sin,
        f64::cos,
        f64::tan,
        f64::tanh,
        f64::floor,
        f64::ceil,
        f64::abs,
    ];
    let src: String = names
        .iter()
        .map(|n| format!("(func {n} ((x f64)) (f64) (return ({n} x)))\n"))
        .collect();
    let src = src
        + r#"
(func atan2 ((y f64) (x f64)) (f64) (return (atan2 y x)))
(func hypot ((y f64) (x f64)) (f64) (return (hypot y x)))
(func mpow ((y f64) (x f64)) (f64) (return (mpow y x)))
(func isnan ((x f64)) (bool) (return (isnan x)))
(func isinf ((x f64)) (bool) (return (isinf x)))"#;
    let code = c(&src);
    for (n, f) in names.iter().zip(fns) {
        for &x in SPECIAL_F64.iter().chain(&[-3.7, 2.5, 1e-5]) {
            let got = call(&code, n, &[Arg::F64(x)]).unwrap()[0].as_f64().unwrap();
            assert!(bits_eq(got, f(x)), "{n}({x}) = {got}, want {}", f(x));
        }
    }
    type F2 = fn(f64, f64) -> f64;
    let twos: [(&str, F2); 3] = [
        ("atan2", f64::atan2),
        ("hypot", f64::hypot),
        ("mpow", f64::powf),
    ];
    for (n, f) in twos {
        for &x in &SPECIAL_F64 {
            for &y in &[0.0, -0.0, 2.0, -1.5, INF, NAN] {
                let got = call(&code, n, &[Arg::F64(x), Arg::F64(y)]).unwrap()[0]
                    .as_f64()
                    .unwrap();
                assert!(bits_eq(got, f(x, y)), "{n}({x}, {y})");
            }
        }
    }
    for &x in &SPECIAL_F64 {
        assert_eq!(
            call(&code, "isnan", &[Arg::F64(x)]).unwrap()[0],
            Value::Bool(x.is_nan())
        );
        assert_eq!(
            call(&code, "isinf", &[Arg::F64(x)]).unwrap()[0],
            Value::Bool(x.is_infinite())
        );
    }
}

#[test]
fn safe_entry_checks_argument_kinds() {
    let code = c("(func f ((a (array f64 2)) (n i64)) (f64) (return (load a 0 n)))");
    let mut d = [1.0, 2.0];
    let mut di = [1i64, 2];
    let a2 = ArrayView::contiguous(&mut d, &[1, 2]).unwrap();
    let ai = ArrayView::contiguous(&mut di, &[1, 2]).unwrap();
    let mut rt = VecRuntime::new();
    assert_eq!(
        code.call("f", &[Arg::Array(&a2), Arg::I64(1)], &mut rt)
            .unwrap(),
        vec![Value::F64(2.0)]
    );
    for bad in [
        vec![Arg::Array(&a2)],
        vec![Arg::Array(&a2), Arg::F64(1.0)],
        vec![Arg::Array(&ai), Arg::I64(1)],
        vec![Arg::I64(0), Arg::I64(1)],
    ] {
        assert!(
            matches!(
                code.call("f", &bad, &mut rt),
                Err(CallError::BadArguments(_))
            ),
            "{bad:?}"
        );
    }
    let mut d1 = [1.0, 2.0];
    let a1 = ArrayView::contiguous(&mut d1, &[2]).unwrap();
    assert!(matches!(
        code.call("f", &[Arg::Array(&a1), Arg::I64(1)], &mut rt),
        Err(CallError::BadArguments(_))
    ));
    assert!(matches!(
        code.call("g", &[], &mut rt),
        Err(CallError::NoSuchFunction(_))
    ));
    let mut out = [Value::I64(0); 2];
    let f = code.index("f").unwrap();
    assert!(matches!(
        code.call_with(f, &[Arg::Array(&a2), Arg::I64(1)], &mut rt, &mut out),
        Err(CallError::BadArguments(_))
    ));
}

#[test]
fn checked_int_overflow_is_a_status() {
    // With `checked_int` (the VM's tier-up of unannotated code) int64 + - * and unary minus
    // report IntOverflow instead of wrapping; without it they wrap as numba does.
    let src = "(func f ((a i64) (b i64)) (i64) (return (mul a b)))\n(func g ((a i64)) (i64) (return (neg a)))\n";
    let checked = compile_text(
        src,
        &Options {
            checked_int: true,
            ..Options::default()
        },
    )
    .unwrap();
    let wrapping = compile_text(src, &Options::default()).unwrap();
    let mut rt = VecRuntime::new();
    let big = 1i64 << 40;
    assert_eq!(
        checked
            .call("f", &[Arg::I64(3), Arg::I64(4)], &mut rt)
            .unwrap(),
        vec![Value::I64(12)]
    );
    match checked.call("f", &[Arg::I64(big), Arg::I64(big)], &mut rt) {
        Err(CallError::Runtime(e)) => assert_eq!(e.kind, ErrorKind::IntOverflow),
        other => panic!("expected IntOverflow, got {other:?}"),
    }
    match checked.call("g", &[Arg::I64(i64::MIN)], &mut rt) {
        Err(CallError::Runtime(e)) => assert_eq!(e.kind, ErrorKind::IntOverflow),
        other => panic!("expected IntOverflow, got {other:?}"),
    }
    assert_eq!(
        wrapping
            .call("f", &[Arg::I64(big), Arg::I64(big)], &mut rt)
            .unwrap(),
        vec![Value::I64(big.wrapping_mul(big))]
    );
}

#[test]
fn while_loops_and_short_circuits_follow_python() {
    // `while` with `continue` and `break`, run 0, 1 and many times; the loop variable and an
    // accumulator keep their last values. `k < n and a[k] > 0` must not read a[n]; a plain
    // right operand (no load, division or call) is evaluated eagerly, with the same result.
    let code = c("(func w ((a (array f64 1)) (n i64) (lim f64)) (i64 f64 i64)
  (var k i64 0)
  (var s f64 0.0)
  (var hits i64 0)
  (while (and (lt k n) (gt (load a k) 0.0))
    (set k (add k 1))
    (if (eq (mod k 3) 0) (then (continue)))
    (set s (add s (load a (sub k 1))))
    (if (or (gt s lim) (lt (mul s -1.0) (neg lim))) (then (set hits (add hits 1))))
    (if (gt s (mul lim 10.0)) (then (break))))
  (return k s hits))");
    let mut data = vec![1.0, 2.0, 3.0, 4.0, 5.0, -1.0, 7.0];
    let model = |data: &[f64], n: i64, lim: f64| {
        let (mut k, mut s, mut hits) = (0i64, 0.0f64, 0i64);
        while k < n && data[k as usize] > 0.0 {
            k += 1;
            if k % 3 == 0 {
                continue;
            }
            s += data[(k - 1) as usize];
            if s > lim || -s < -lim {
                hits += 1;
            }
            if s > lim * 10.0 {
                break;
            }
        }
        (k, s, hits)
    };
    for (n, lim) in [(0, 1.0), (1, 0.5), (5, 2.0), (7, 0.1), (7, 100.0), (7, 0.3)] {
        let (k, s, hits) = model(&data, n, lim);
        let av = ArrayView::contiguous(&mut data, &[7]).unwrap();
        let out = call(&code, "w", &[Arg::Array(&av), Arg::I64(n), Arg::F64(lim)]).unwrap();
        assert_eq!(
            out,
            vec![Value::I64(k), Value::F64(s), Value::I64(hits)],
            "n={n} lim={lim}"
        );
    }
    // With every element positive, `k < n and a[k] > 0` stops at k == n without reading a[n].
    let mut pos = vec![1.0f64; 4];
    let av = ArrayView::contiguous(&mut pos, &[4]).unwrap();
    let out = call(&code, "w", &[Arg::Array(&av), Arg::I64(4), Arg::F64(1e9)]).unwrap();
    assert_eq!(out[0], Value::I64(4));
}

#[test]
fn doubling_is_bit_exact() {
    // `2.0 * x` and `x * 2.0` compile to `x + x`: the same bits as the multiplication for
    // every input, NaN payloads and signed zeros included.
    let code =
        c("(func d ((x f64) (i i64)) (f64 f64 f64) (return (mul 2.0 x) (mul x 2.0) (mul 2.0 i)))");
    let specials = [
        0.0,
        -0.0,
        1.5,
        -3.25,
        f64::MAX,
        f64::MIN_POSITIVE / 4.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        f64::from_bits(0x7ff0_0000_0000_0001),
        f64::from_bits(0xfff8_dead_beef_0000),
    ];
    for x in specials {
        for i in [0i64, -7, 1 << 53, i64::MAX] {
            let out = call(&code, "d", &[Arg::F64(x), Arg::I64(i)]).unwrap();
            let want = std::hint::black_box(2.0f64) * std::hint::black_box(x);
            let wi = 2.0 * (i as f64);
            for (k, w) in [(0, want), (1, want), (2, wi)] {
                let Value::F64(v) = out[k] else { panic!() };
                assert_eq!(v.to_bits(), w.to_bits(), "x={x:?} i={i} result {k}");
            }
        }
    }
}

#[test]
fn an_if_that_only_assigns_plain_values_is_selects() {
    // Each arm sets scalars to values that cannot fail (ints only where they provably fit):
    // the `if` becomes selects, with the same results as branches, and the range it leaves
    // (`a` in 0..=101) still drops the overflow check of `a * 1000`.
    let src = "(func f ((c bool) (x i64) (y f64)) (i64 f64 bool i64)
  (assume x 0 100)
  (var a i64 5) (var b f64 1.5) (var d bool false)
  (if (lt x 50) (then (set a (add x 1)) (set b y)) (else (set a (sub x 1)) (set d c)))
  (return a b d (mul a 1000)))";
    let opts = Options {
        checked_int: true,
        inspect: true,
        ..Options::default()
    };
    let code = compile_text(src, &opts).unwrap();
    let clif = code.clif_before("f").unwrap();
    // One branch: the stack check at entry.
    assert!(clif.contains("select"), "{clif}");
    assert_eq!(clif.matches("brif").count(), 1, "{clif}");
    assert!(!clif.contains("smul_overflow"), "{clif}");
    for c in [false, true] {
        for x in [0i64, 49, 50, 100] {
            for y in [-0.0, f64::NAN, 2.5] {
                let out = call(&code, "f", &[Arg::Bool(c), Arg::I64(x), Arg::F64(y)]).unwrap();
                let (a, b, d) = if x < 50 {
                    (x + 1, y, false)
                } else {
                    (x - 1, 1.5, c)
                };
                let [Value::I64(ga), Value::F64(gb), Value::Bool(gd), Value::I64(gm)] = out[..]
                else {
                    panic!("{out:?}")
                };
                assert_eq!((ga, gb.to_bits(), gd, gm), (a, b.to_bits(), d, a * 1000));
            }
        }
    }
    // An arm that reads what the `if` assigns, or that may fail, keeps its branches.
    for src in [
        "(func g ((x i64)) (i64) (var a i64 1) (if (lt x 5) (then (set a x) (set x (add a 1)))) (return x))",
        "(func g ((x i64)) (i64) (var a i64 1) (if (lt x 5) (then (set a (floordiv 10 x)))) (return a))",
    ] {
        let code = compile_text(src, &opts).unwrap();
        assert!(code.clif_before("g").unwrap().matches("brif").count() > 1, "{src}");
    }
}
