//! Host interaction: array allocation through the runtime callback (fills, negative
//! dimensions, failures), host callbacks (results, errors, panics), error traces through
//! calls between compiled functions, tuple returns, and code memory reclamation.

use numjit_jit::*;

fn c(src: &str) -> Compiled {
    compile_text(src, &Options::default()).unwrap()
}

fn runtime_err(r: Result<Vec<Value>, CallError>) -> RuntimeError {
    match r {
        Err(CallError::Runtime(e)) => e,
        other => panic!("expected a runtime error, got {other:?}"),
    }
}

#[test]
fn allocation_fills_and_shapes() {
    let code = c(r#"
(func mk ((n i64)) ((array f64 1) (array i64 2) (array bool 3))
  (var a (array f64 1) (ones f64 n))
  (var b (array i64 2) (zeros i64 2 n))
  (var c (array bool 3) (ones bool 1 2 n))
  (store b (1 -1) 42)
  (return a b c))"#);
    let mut rt = VecRuntime::new();
    let out = code.call("mk", &[Arg::I64(3)], &mut rt).unwrap();
    let [Value::Array(a), Value::Array(b), Value::Array(cc)] = out[..] else {
        panic!("{out:?}")
    };
    assert_eq!(rt.to_f64_vec(a).unwrap(), vec![1.0; 3]);
    assert_eq!(rt.to_i64_vec(b).unwrap(), vec![0, 0, 0, 0, 0, 42]);
    assert_eq!(rt.get(b).unwrap().shape(), &[2, 3]);
    assert_eq!(rt.get(b).unwrap().strides(), &[24, 8]);
    assert_eq!(rt.to_i64_vec(cc).unwrap(), vec![1; 6]);
    assert_eq!(rt.len(), 3);
    rt.clear();
    assert!(rt.is_empty());
}

#[test]
fn allocated_arrays_can_be_passed_back_in() {
    let code = c(r#"
(func mk ((n i64)) ((array f64 1)) (var a (array f64 1) (zeros f64 n))
  (for i (range n) (store a (i) (mul i 1.5))) (return a))
(func total ((a (array f64 1))) (f64) (var s f64 0.0)
  (for i (range (shape a 0)) (set s (add s (load a i)))) (return s))
(func both ((n i64)) (f64) (return (call total (call mk n))))"#);
    let mut rt = VecRuntime::new();
    let Value::Array(a) = code.call("mk", &[Arg::I64(4)], &mut rt).unwrap()[0] else {
        panic!()
    };
    let mut rt2 = VecRuntime::new();
    let desc = rt.get(a).unwrap();
    assert_eq!(
        code.call("total", &[Arg::Array(desc)], &mut rt2).unwrap(),
        vec![Value::F64(9.0)]
    );
    assert_eq!(
        code.call("both", &[Arg::I64(4)], &mut rt2).unwrap(),
        vec![Value::F64(9.0)]
    );
}

#[test]
fn negative_dimension_and_failed_allocation_are_statuses() {
    let code = c(
        "(func mk ((n i64)) (f64) (var@5 a (array f64 2) (zeros@6 f64 3 n)) (return (load a 0 0)))",
    );
    let e = runtime_err(code.call("mk", &[Arg::I64(-2)], &mut VecRuntime::new()));
    assert_eq!(
        (e.kind, e.line, e.axis, e.index),
        (ErrorKind::NegativeDimension, 6, 1, -2)
    );
    let mut rt = VecRuntime::new();
    rt.alloc_limit = Some(0);
    let e = runtime_err(code.call("mk", &[Arg::I64(2)], &mut rt));
    assert_eq!((e.kind, e.line), (ErrorKind::AllocFailed, 6));
    assert_eq!(e.kind.python_exception(), "MemoryError");
    // A zero-length axis allocates fine; reading from it is out of bounds.
    let e = runtime_err(code.call("mk", &[Arg::I64(0)], &mut VecRuntime::new()));
    assert_eq!(
        (e.kind, e.axis, e.index, e.bound),
        (ErrorKind::IndexOutOfBounds, 1, 0, 0)
    );
}

#[test]
fn errors_carry_a_trace_through_compiled_calls() {
    let code = c(r#"
(func inner ((a (array f64 1)) (i i64)) (f64) (return (load@3 a i)))
(func middle ((a (array f64 1)) (i i64)) (f64) (return (add 1.0 (call@7 inner a (mul i 2)))))
(func outer ((a (array f64 1))) (f64)
  (var s f64 0.0)
  (for i (range 10) (set@12 s (add s (call middle a i))))
  (return s))"#);
    let mut d = [1.0; 5];
    let a = ArrayView::contiguous(&mut d, &[5]).unwrap();
    let e = runtime_err(code.call("outer", &[Arg::Array(&a)], &mut VecRuntime::new()));
    assert_eq!(
        (e.kind, e.func.as_str(), e.line, e.index, e.bound),
        (ErrorKind::IndexOutOfBounds, "inner", 3, 6, 5)
    );
    assert_eq!(
        e.trace,
        vec![("middle".to_string(), 7), ("outer".to_string(), 12)]
    );
    assert!(e
        .to_string()
        .contains("index 6 is out of bounds for axis 0 with size 5"));
}

#[test]
fn recursion_and_tuple_returns() {
    let code = c(r#"
(func fib ((n i64)) (i64)
  (if (lt n 2) (then (return n)))
  (return (add (call fib (sub n 1)) (call fib (sub n 2)))))
(func divmod ((a i64) (b i64)) (i64 i64 f64 bool) (return (floordiv a b) (mod a b) (div a b) (lt a b)))
(func use ((a i64) (b i64)) (i64)
  (var q i64) (var r i64) (var f f64) (var l bool)
  (unpack (q r f l) (call divmod a b))
  (return (add (mul q 1000) r)))
(func even ((n i64)) (bool) (if (eq n 0) (then (return true))) (return (call odd (sub n 1))))
(func odd ((n i64)) (bool) (if (eq n 0) (then (return false))) (return (call even (sub n 1))))"#);
    let mut rt = VecRuntime::new();
    assert_eq!(
        code.call("fib", &[Arg::I64(25)], &mut rt).unwrap(),
        vec![Value::I64(75025)]
    );
    assert_eq!(
        code.call("divmod", &[Arg::I64(-7), Arg::I64(2)], &mut rt)
            .unwrap(),
        vec![
            Value::I64(-4),
            Value::I64(1),
            Value::F64(-3.5),
            Value::Bool(true)
        ]
    );
    assert_eq!(
        code.call("use", &[Arg::I64(-7), Arg::I64(2)], &mut rt)
            .unwrap(),
        vec![Value::I64(-3999)]
    );
    assert_eq!(
        code.call("even", &[Arg::I64(101)], &mut rt).unwrap(),
        vec![Value::Bool(false)]
    );
    assert_eq!(
        code.call("odd", &[Arg::I64(101)], &mut rt).unwrap(),
        vec![Value::Bool(true)]
    );
}

#[test]
fn host_callbacks_results_errors_and_panics() {
    let code = c(r#"
(host scale (f64 i64) (f64))
(host pair (i64) (i64 bool))
(host fail () ())
(func f ((x f64)) (f64) (return (add 1.0 (host scale x 3))))
(func g ((n i64)) (i64) (var a i64) (var b bool) (unpack (a b) (host pair n)) (return (select b a (neg a))))
(func h () () (do (host@9 fail)))"#);
    let mut calls = 0;
    let mut rt = VecRuntime::new()
        .host("scale", |a| {
            Ok(vec![Value::F64(
                a[0].as_f64().unwrap() * a[1].as_i64().unwrap() as f64,
            )])
        })
        .host("pair", |a| {
            Ok(vec![a[0], Value::Bool(a[0].as_i64().unwrap() > 0)])
        })
        .host("fail", move |_| {
            calls += 1;
            if calls == 1 {
                Err("boom".to_string())
            } else {
                panic!("host panic must not unwind through native frames")
            }
        });
    assert_eq!(
        code.call("f", &[Arg::F64(2.0)], &mut rt).unwrap(),
        vec![Value::F64(7.0)]
    );
    assert_eq!(
        code.call("g", &[Arg::I64(5)], &mut rt).unwrap(),
        vec![Value::I64(5)]
    );
    assert_eq!(
        code.call("g", &[Arg::I64(-5)], &mut rt).unwrap(),
        vec![Value::I64(5)]
    );
    let e = runtime_err(code.call("h", &[], &mut rt));
    assert_eq!(
        (e.kind, e.line, e.message.as_deref()),
        (ErrorKind::HostError, 9, Some("boom"))
    );
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let e = runtime_err(code.call("h", &[], &mut rt));
    std::panic::set_hook(prev);
    assert_eq!(e.kind, ErrorKind::HostError);
    assert!(e.message.unwrap().contains("panicked"));
    // A runtime without the callback reports it instead of crashing.
    let e = runtime_err(code.call("f", &[Arg::F64(1.0)], &mut VecRuntime::new()));
    assert!(e.message.unwrap().contains("scale"));
}

#[test]
fn missing_return_is_a_status() {
    let code = c("(func f ((x i64)) (i64) (if (gt x 0) (then (return x))))");
    assert_eq!(
        code.call("f", &[Arg::I64(3)], &mut VecRuntime::new())
            .unwrap(),
        vec![Value::I64(3)]
    );
    let e = runtime_err(code.call("f", &[Arg::I64(-3)], &mut VecRuntime::new()));
    assert_eq!(e.kind, ErrorKind::MissingReturn);
}

#[test]
fn compile_errors_name_function_and_line() {
    let bad = [
        (
            "(func f () (i64) (return@3 (add 1 undefined)))",
            "unknown variable",
        ),
        ("(func f ((x f64)) (i64) (return@3 x))", "cannot use a f64"),
        (
            "(func f ((a (array f64 1))) (f64) (return@4 (load a 0 0)))",
            "dimensions",
        ),
        ("(func f () (i64) (return@5 (call g)))", "unknown function"),
        ("(func f () () (break@6))", "outside a loop"),
        (
            "(func f ((x f64)) (f64) (return (load@7 x 0)))",
            "not an array",
        ),
    ];
    for (src, msg) in bad {
        match compile_text(src, &Options::default()) {
            Err(CompileError::Type {
                func,
                line,
                message,
            }) => {
                assert_eq!(func, "f");
                assert!(line >= 3, "{src}: line {line}");
                assert!(message.contains(msg), "{src}: {message}");
            }
            Err(e) => panic!("{src}: unexpected {e}"),
            Ok(_) => panic!("{src}: compiled"),
        }
    }
    assert!(matches!(
        compile_text("(func f (", &Options::default()),
        Err(CompileError::Parse(_))
    ));
}

fn rss_kib() -> u64 {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap();
    let pages: u64 = s.split_whitespace().nth(1).unwrap().parse().unwrap();
    pages * 4
}

#[test]
fn compiling_and_dropping_10000_functions_does_not_grow_memory() {
    let src = "(func f ((a (array f64 1)) (k f64)) (f64) (var s f64 0.0)
      (for i (range (shape a 0)) (set s (add s (mul k (load a i))))) (return (tanh s)))";
    let m = parse_module(src).unwrap();
    let opts = Options::default();
    let mut d = [1.0, 2.0];
    let a = ArrayView::contiguous(&mut d, &[2]).unwrap();
    let mut rt = VecRuntime::new();
    let mut run = |n: usize| {
        for i in 0..n {
            let code = compile(&m, &opts).unwrap();
            let k = i as f64 * 1e-4;
            let v = code
                .call("f", &[Arg::Array(&a), Arg::F64(k)], &mut rt)
                .unwrap();
            assert_eq!(v[0], Value::F64((0.0 + k * 1.0 + k * 2.0).tanh()));
        }
    };
    run(1000); // warm up allocator pools and the ISA cache
    let before = rss_kib();
    run(10_000);
    let after = rss_kib();
    // Leaking even one page of code per handle would be 40 MB.
    assert!(
        after < before + 8 * 1024,
        "RSS grew from {before} KiB to {after} KiB"
    );
}

#[test]
fn deep_native_recursion_is_a_status_not_a_crash() {
    // Each native frame is tiny, but 10^9 of them would overflow any thread's stack; the
    // default 1 MiB budget below the entry stops it with a status (RecursionError).
    let code = c(r#"
(func depth ((n i64)) (i64)
  (if@2 (eq n 0) (then (return@3 0)))
  (return@4 (add 1 (call depth (sub n 1)))))
"#);
    let mut rt = VecRuntime::new();
    assert_eq!(
        code.call("depth", &[Arg::I64(1000)], &mut rt).unwrap(),
        vec![Value::I64(1000)]
    );
    let e = runtime_err(code.call("depth", &[Arg::I64(1_000_000_000)], &mut rt));
    assert_eq!(e.kind, ErrorKind::StackOverflow);
    assert_eq!(e.kind.python_exception(), "RecursionError");
}

#[test]
fn spill_reports_the_values_at_the_failing_operation() {
    // A loop that sums, then reads one element past the end: the error carries s, i and the
    // flag as they were at the failing load; a callee's error reports the caller's values.
    let src = r#"
(func f ((a (array f64 1)) (n i64) (s f64) (seen bool)) (f64)
  (spill s i seen)
  (var i i64 -1)
  (for i (range n) (set seen true) (set s (add s (load a i))))
  (return s))
(func g ((a (array f64 1)) (k i64)) (f64)
  (spill k)
  (set k (add k 5))
  (return (call h a k)))
(func h ((a (array f64 1)) (k i64)) (f64) (return (load a k)))
"#;
    let code = compile_text(src, &Options::default()).unwrap();
    let mut data = [1.0, 2.0, 3.0];
    let a = ArrayView::contiguous(&mut data, &[3]).unwrap();
    let mut rt = VecRuntime::new();
    let ok = code
        .call(
            "f",
            &[Arg::Array(&a), Arg::I64(3), Arg::F64(0.5), Arg::Bool(false)],
            &mut rt,
        )
        .unwrap();
    assert_eq!(ok, vec![Value::F64(6.5)]);
    let e = runtime_err(code.call(
        "f",
        &[Arg::Array(&a), Arg::I64(5), Arg::F64(0.5), Arg::Bool(false)],
        &mut rt,
    ));
    assert_eq!(e.kind, ErrorKind::IndexOutOfBounds);
    assert_eq!(*e.spilled, [6.5f64.to_bits() as i64, 3, 1]);
    let e = runtime_err(code.call("g", &[Arg::Array(&a), Arg::I64(1)], &mut rt));
    assert_eq!(*e.spilled, [6]);
    // Without a `spill` statement nothing is reported.
    let e = runtime_err(code.call("h", &[Arg::Array(&a), Arg::I64(9)], &mut rt));
    assert!(e.spilled.is_empty());
}

#[test]
fn spill_reports_any_number_of_values() {
    // The buffer the spilled values are stored into is sized from the module's largest
    // `spill` statement: every value is reported, in order, at the failing operation.
    for n in [16usize, 17, 20] {
        let names: Vec<String> = (0..n).map(|k| format!("v{k}")).collect();
        let params: String = names.iter().map(|v| format!("({v} i64) ")).collect();
        let src = format!(
            "(func f ((a (array f64 1)) {params}) (f64)
  (spill {})
  (set v0 (add v0 100))
  (return (load a v1)))",
            names.join(" ")
        );
        let code = compile_text(&src, &Options::default()).unwrap();
        let mut data = [1.0, 2.0];
        let a = ArrayView::contiguous(&mut data, &[2]).unwrap();
        let mut args = vec![Arg::Array(&a)];
        args.extend((0..n as i64).map(|k| Arg::I64(k + 1)));
        let e = runtime_err(code.call("f", &args, &mut VecRuntime::new()));
        assert_eq!(
            (e.kind, e.index, e.bound),
            (ErrorKind::IndexOutOfBounds, 2, 2)
        );
        let want: Vec<i64> = (0..n as i64)
            .map(|k| k + 1 + if k == 0 { 100 } else { 0 })
            .collect();
        assert_eq!(*e.spilled, *want, "n={n}");
    }
}
