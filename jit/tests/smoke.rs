//! Smoke tests: the smallest end-to-end checks (compile from text, call, get results).

use numjit_jit::*;

#[test]
fn square_and_fib() {
    let src = r#"
(func sq ((x f64)) (f64) (return (mul x x)))
(func fib ((n i64)) (i64)
  (if (lt n 2) (then (return n)))
  (return (add (call fib (sub n 1)) (call fib (sub n 2)))))
"#;
    let c = compile_text(src, &Options::default()).unwrap();
    let mut rt = VecRuntime::new();
    assert_eq!(
        c.call("sq", &[Arg::F64(3.0)], &mut rt).unwrap(),
        vec![Value::F64(9.0)]
    );
    assert_eq!(
        c.call("fib", &[Arg::I64(20)], &mut rt).unwrap(),
        vec![Value::I64(6765)]
    );
}
