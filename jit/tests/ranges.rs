//! Interval facts (`assume` statements and range counters) with `checked_int`: a check is
//! dropped only where the result provably fits in int64, so every overflow that can happen is
//! still reported; results equal the unchecked code's bit for bit where both run.

use numjit_jit::*;

fn checked(src: &str) -> Compiled {
    compile_text(
        src,
        &Options {
            checked_int: true,
            inspect: true,
            ..Options::default()
        },
    )
    .unwrap()
}

fn run(code: &Compiled, name: &str, args: &[Arg]) -> Result<Vec<Value>, ErrorKind> {
    match code.call(name, args, &mut VecRuntime::new()) {
        Ok(v) => Ok(v),
        Err(CallError::Runtime(e)) => Err(e.kind),
        Err(e) => panic!("{e:?}"),
    }
}

fn overflow_checks(code: &Compiled, name: &str) -> usize {
    let clif = code.clif_before(name).unwrap();
    ["sadd_overflow", "ssub_overflow", "smul_overflow"]
        .iter()
        .map(|op| clif.matches(op).count())
        .sum()
}

/// `sum((i + 1) * (i + 2) // 2 for i in range(n))` with `n` assumed in [0, 65535]: the
/// counter's arithmetic needs no check, the accumulator (never bounded) keeps one.
const TRIANGLES: &str = r#"
(func tri ((n i64)) (i64)
  (assume n 0 65535)
  (var s i64 0)
  (for i (range n) (set s (add s (floordiv (mul (add i 1) (add i 2)) 2))))
  (return s))
(func tri_free ((n i64)) (i64)
  (var s i64 0)
  (for i (range n) (set s (add s (floordiv (mul (add i 1) (add i 2)) 2))))
  (return s))
"#;

#[test]
fn assumed_bounds_drop_only_the_checks_that_cannot_fire() {
    let code = checked(TRIANGLES);
    assert_eq!(overflow_checks(&code, "tri"), 1, "only s + ... is checked");
    assert!(overflow_checks(&code, "tri_free") >= 3);
    for n in [0, 1, 2, 100, 65535] {
        let want: i64 = (0..n).map(|i: i64| (i + 1) * (i + 2) / 2).sum();
        assert_eq!(
            run(&code, "tri", &[Arg::I64(n)]),
            Ok(vec![Value::I64(want)])
        );
        assert_eq!(
            run(&code, "tri_free", &[Arg::I64(n)]),
            Ok(vec![Value::I64(want)])
        );
    }
}

#[test]
fn unbounded_operands_keep_their_checks() {
    // The counter is below n (any int64): i + 1 fits, i + 2 and i * i may not.
    let code = checked(
        r#"
(func f ((a i64) (n i64)) (i64)
  (var s i64 0)
  (for i (range a n) (set s (add i 1)))
  (return s))
(func g ((a i64) (n i64)) (i64)
  (var s i64 0)
  (for i (range a n) (set s (add i 2)))
  (return s))
(func h ((n i64)) (i64)
  (assume n 0 65535)
  (return (mul n 281474976710656)))
(func k ((n i64)) (i64)
  (assume n -65536 65535)
  (return (sub (neg n) 1)))
"#,
    );
    assert_eq!(overflow_checks(&code, "f"), 0);
    assert_eq!(
        run(&code, "f", &[Arg::I64(i64::MAX - 3), Arg::I64(i64::MAX)]),
        Ok(vec![Value::I64(i64::MAX)])
    );
    assert_eq!(overflow_checks(&code, "g"), 1);
    assert_eq!(
        run(&code, "g", &[Arg::I64(i64::MAX - 3), Arg::I64(i64::MAX)]),
        Err(ErrorKind::IntOverflow)
    );
    // 65535 * 2^48 does not fit: still checked, still reported.
    assert_eq!(overflow_checks(&code, "h"), 1);
    assert_eq!(
        run(&code, "h", &[Arg::I64(65535)]),
        Err(ErrorKind::IntOverflow)
    );
    assert_eq!(
        run(&code, "h", &[Arg::I64(3)]),
        Ok(vec![Value::I64(3 * 281474976710656)])
    );
    assert_eq!(overflow_checks(&code, "k"), 0);
    assert_eq!(
        run(&code, "k", &[Arg::I64(-65536)]),
        Ok(vec![Value::I64(65535)])
    );
}

#[test]
fn facts_follow_assignments() {
    // `assume` holds at entry; an assignment gives n the bounds of its value: n * 3037000499
    // fits for n < 2^16, the square of the result does not, so only the second is checked.
    let code = checked(
        r#"
(func f ((n i64)) (i64)
  (assume n 0 65535)
  (set n (mul n 3037000499))
  (return (mul n n)))
(func g ((n i64)) (i64)
  (assume n 0 65535)
  (var k i64 0)
  (while (lt k 3) (set n (mul n 65536)) (set k (add k 1)))
  (return n))
"#,
    );
    assert_eq!(overflow_checks(&code, "f"), 1);
    assert_eq!(run(&code, "f", &[Arg::I64(2)]), Err(ErrorKind::IntOverflow));
    assert_eq!(
        run(&code, "f", &[Arg::I64(1)]),
        Ok(vec![Value::I64(3037000499 * 3037000499)])
    );
    // In a loop the value at the header comes from the back-edge too: n is unbounded there.
    assert_eq!(overflow_checks(&code, "g"), 2);
    assert_eq!(
        run(&code, "g", &[Arg::I64(65535)]),
        Err(ErrorKind::IntOverflow)
    );
    assert_eq!(
        run(&code, "g", &[Arg::I64(3)]),
        Ok(vec![Value::I64(3 << 48)])
    );
}

#[test]
fn known_signs_keep_python_floor_division() {
    // Non-negative by non-negative uses the machine division; anything else keeps the floor
    // fix-up; both agree with CPython's // and % (values from CPython 3.11).
    let code = checked(
        r#"
(func pos ((n i64)) (i64 i64)
  (assume n 0 65535)
  (return (floordiv n 7) (mod n 7)))
(func any ((n i64)) (i64 i64)
  (assume n -65536 65535)
  (return (floordiv n 7) (mod n 7)))
(func inv ((n i64)) (f64)
  (assume n 0 65535)
  (return (div 1.0 (add n 1))))
(func inv0 ((n i64)) (f64)
  (assume n 0 65535)
  (return (div 1.0 n)))
"#,
    );
    for (n, q, r) in [(0, 0, 0), (6, 0, 6), (7, 1, 0), (65535, 9362, 1)] {
        let want = Ok(vec![Value::I64(q), Value::I64(r)]);
        assert_eq!(run(&code, "pos", &[Arg::I64(n)]), want);
        assert_eq!(run(&code, "any", &[Arg::I64(n)]), want);
    }
    for (n, q, r) in [(-1, -1, 6), (-7, -1, 0), (-8, -2, 6), (-65536, -9363, 5)] {
        let want = Ok(vec![Value::I64(q), Value::I64(r)]);
        assert_eq!(run(&code, "any", &[Arg::I64(n)]), want);
    }
    // A divisor known to be >= 1 needs no zero check; one that may be 0 keeps it.
    assert_eq!(
        run(&code, "inv", &[Arg::I64(3)]),
        Ok(vec![Value::F64(0.25)])
    );
    assert_eq!(
        run(&code, "inv0", &[Arg::I64(0)]),
        Err(ErrorKind::ZeroDivision)
    );
}

#[test]
fn assume_round_trips_through_the_text_form() {
    let m = numjit_jit::parse_module(TRIANGLES).unwrap();
    let text = m.to_string();
    assert!(text.contains("(assume n 0 65535)"), "{text}");
    assert_eq!(numjit_jit::parse_module(&text).unwrap(), m);
}
