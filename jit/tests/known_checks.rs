//! An index check that already passed on every path is not repeated (`lower/known.rs`), and
//! one that might not have passed always is. Each case reads `a[i]` twice with the second read
//! on its own line id: the error must come from the line where Python raises it.

use numjit_jit::*;

/// Calls `f(a, b, ix, i, c)` with `a = [10, 11, 12, 13]`, `b = [20, 21]`, `ix = [1]` (i64).
/// Ok(result) or Err((line, index, bound)).
fn run(code: &Compiled, i: i64, c: bool) -> Result<f64, (u32, i64, i64)> {
    let mut a = vec![10.0f64, 11.0, 12.0, 13.0];
    let mut b = vec![20.0f64, 21.0];
    let mut ix = vec![1i64];
    let av = ArrayView::contiguous(&mut a, &[4]).unwrap();
    let bv = ArrayView::contiguous(&mut b, &[2]).unwrap();
    let xv = ArrayView::contiguous(&mut ix, &[1]).unwrap();
    let args = [
        Arg::Array(&av),
        Arg::Array(&bv),
        Arg::Array(&xv),
        Arg::I64(i),
        Arg::Bool(c),
    ];
    match code.call("f", &args, &mut VecRuntime::new()) {
        Ok(v) => Ok(v[0].as_f64().unwrap()),
        Err(CallError::Runtime(e)) => {
            assert_eq!(e.kind, ErrorKind::IndexOutOfBounds);
            Err((e.line, e.index, e.bound))
        }
        Err(e) => panic!("{e:?}"),
    }
}

fn compile(body: &str) -> Compiled {
    let src = format!(
        "(func f ((a (array f64 1)) (b (array f64 1)) (ix (array i64 1)) (i i64) (c bool)) (f64)
  {body})"
    );
    let opts = Options {
        inspect: true,
        ..Options::default()
    };
    compile_text(&src, &opts).unwrap_or_else(|e| panic!("{e}\n{src}"))
}

/// Bounds compares in the generated code (before optimisation).
fn checks(code: &Compiled) -> usize {
    code.clif_before("f").unwrap().matches("icmp uge").count()
}

#[test]
fn a_repeated_index_is_checked_once() {
    let code = compile("(var x f64 (load@1 a i)) (return (add x (load@2 a i)))");
    assert_eq!(checks(&code), 1);
    assert_eq!(run(&code, 1, false), Ok(22.0));
    assert_eq!(run(&code, -1, false), Ok(26.0));
    assert_eq!(run(&code, 4, false), Err((1, 4, 4)));
    // Another array, or the same array on another index, is checked again.
    let code = compile("(var x f64 (load@1 a i)) (return (add x (load@2 b i)))");
    assert_eq!(checks(&code), 2);
    assert_eq!(run(&code, 3, false), Err((2, 3, 2)));
    let code = compile("(var x f64 (load@1 a i)) (return (add x (load@2 a (add i 1))))");
    assert_eq!(checks(&code), 2);
    assert_eq!(run(&code, 3, false), Err((2, 4, 4)));
    // A store after a load of the same element.
    let code = compile("(store@1 a (i) (add (load@1 a i) 1.0)) (return (load@2 a i))");
    assert_eq!(checks(&code), 1);
    assert_eq!(run(&code, 2, false), Ok(13.0));
}

#[test]
fn a_check_made_on_some_paths_only_is_made_again() {
    // In an `if` branch.
    let code =
        compile("(var s f64 0.0) (if c (then (set s (load@1 a i)))) (return (add s (load@2 a i)))");
    assert_eq!(run(&code, 9, false), Err((2, 9, 4)));
    assert_eq!(run(&code, 9, true), Err((1, 9, 4)));
    assert_eq!(run(&code, 2, true), Ok(24.0));
    // In both branches: known after the `if`.
    let code = compile(
        "(var s f64 0.0) (if c (then (set s (load@1 a i))) (else (set s (load@3 a i))))
         (return (add s (load@2 a i)))",
    );
    assert_eq!(checks(&code), 2);
    assert_eq!(run(&code, 9, false), Err((3, 9, 4)));
    // The right operand of `and`, an arm of a conditional expression.
    let code = compile(
        "(var s f64 0.0) (if (and c (gt (load@1 a i) 0.0)) (then (set s 1.0)))
         (return (add s (load@2 a i)))",
    );
    assert_eq!(run(&code, 9, false), Err((2, 9, 4)));
    let code = compile("(var x f64 (select c (load@1 a i) 0.0)) (return (add x (load@2 a i)))");
    assert_eq!(run(&code, 9, false), Err((2, 9, 4)));
    assert_eq!(run(&code, 9, true), Err((1, 9, 4)));
}

#[test]
fn a_check_is_forgotten_when_its_names_change() {
    // The index is assigned.
    let code = compile("(var x f64 (load@1 a i)) (set i (add i 2)) (return (add x (load@2 a i)))");
    assert_eq!(run(&code, 1, false), Ok(24.0));
    assert_eq!(run(&code, 2, false), Err((2, 4, 4)));
    // The array is rebound to a shorter one.
    let code = compile("(var x f64 (load@1 a i)) (set a b) (return (add x (load@2 a i)))");
    assert_eq!(run(&code, 1, false), Ok(32.0));
    assert_eq!(run(&code, 3, false), Err((2, 3, 2)));
    // The index reads an array element that a store changes in between.
    let code = compile(
        "(var x f64 (load@1 a (load ix 0))) (store ix (0) i)
         (return (add x (load@2 a (load ix 0))))",
    );
    assert_eq!(run(&code, 3, false), Ok(24.0));
    assert_eq!(run(&code, 7, false), Err((2, 7, 4)));
}

#[test]
fn loops_keep_only_checks_their_body_cannot_change() {
    // `i` changes in the body: the check before the loop does not cover the iterations.
    let code = compile(
        "(var s f64 (load@1 a i))
         (for k (range 3) (set s (add s (load@2 a i))) (set i (add i 1)))
         (return s)",
    );
    assert_eq!(run(&code, 1, false), Ok(47.0));
    assert_eq!(run(&code, 2, false), Err((2, 4, 4)));
    // The same with a `while` loop.
    let code = compile(
        "(var s f64 (load@1 a i)) (var k i64 0)
         (while (lt k 3) (set s (add s (load@2 a i))) (set i (add i 1)) (set k (add k 1)))
         (return s)",
    );
    assert_eq!(run(&code, 1, false), Ok(47.0));
    assert_eq!(run(&code, 2, false), Err((2, 4, 4)));
    // `i` is invariant: the body needs no check of its own, and a check made in the body
    // is not known after a loop that may not have run.
    let code = compile(
        "(var s f64 (load@1 a i))
         (for k (range (load ix 0)) (set s (add s (load@2 a i))) (set s (add s (load@3 b k))))
         (return (add s (load@4 b 0)))",
    );
    // a[i] before the loop, ix[0], b[k] in the checked copy of the loop, b[0] after it.
    assert_eq!(checks(&code), 4);
    assert_eq!(run(&code, 1, false), Ok(11.0 + 11.0 + 20.0 + 20.0));
}
