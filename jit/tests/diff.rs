//! Differential tests: random expressions and hand-written control-flow programs, run
//! natively and in the reference evaluator over special inputs (NaN, -0.0, infinities,
//! i64::MIN/MAX, ...), compared bit for bit — error statuses included.

mod common;
use common::*;
use numjit_jit::build::*;
use numjit_jit::ir::*;
use numjit_jit::*;

fn gen(r: &mut Rng, depth: u32) -> Expr {
    if depth == 0 || r.below(4) == 0 {
        return match r.below(7) {
            0 => var("x"),
            1 => var("y"),
            2 => var("z"),
            3 => var("w"),
            4 => int(r.pick(&SPECIAL_I64[..9])),
            5 => float(r.pick(&SPECIAL_F64)),
            _ => boolean(r.below(2) == 0),
        };
    }
    let d = depth - 1;
    let e = match r.below(12) {
        0..=3 => {
            let op = r.pick(&[
                BinOp::Add,
                BinOp::Sub,
                BinOp::Mul,
                BinOp::Div,
                BinOp::FloorDiv,
                BinOp::Mod,
                BinOp::Pow,
                BinOp::Min,
                BinOp::Max,
                BinOp::BitAnd,
                BinOp::BitOr,
                BinOp::BitXor,
            ]);
            bin(op, gen(r, d), gen(r, d))
        }
        4 => cmp(
            r.pick(&[
                CmpOp::Lt,
                CmpOp::Le,
                CmpOp::Gt,
                CmpOp::Ge,
                CmpOp::Eq,
                CmpOp::Ne,
            ]),
            gen(r, d),
            gen(r, d),
        ),
        5 => {
            if r.below(2) == 0 {
                and(gen(r, d), gen(r, d))
            } else {
                or(gen(r, d), gen(r, d))
            }
        }
        6 => un(r.pick(&[UnOp::Neg, UnOp::Abs, UnOp::Not]), gen(r, d)),
        7 => {
            let m = r.pick(&MathFn::ALL);
            math(m, (0..m.arity()).map(|_| gen(r, d)).collect())
        }
        8 => cast(r.pick(&[Ty::I64, Ty::F64, Ty::Bool]), gen(r, d)),
        9 => select(gen(r, d), gen(r, d), gen(r, d)),
        _ => gen(r, d),
    };
    e.at(r.below(50) as u32)
}

/// Wraps an expression in a function of (x: i64, y: f64, z: bool, w: i64) returning it.
fn wrap(e: Expr, ty: Ty) -> Function {
    func("f")
        .param("x", Ty::I64)
        .param("y", Ty::F64)
        .param("z", Ty::Bool)
        .param("w", Ty::I64)
        .ret(ty)
        .body(vec![ret(vec![e]).at(1)])
        .build()
}

#[test]
fn random_expressions_match_reference() {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let opts = Options::default();
    let mut compiled = 0;
    let mut checked = 0;
    for _ in 0..600 {
        let e = gen(&mut r, 4);
        // Find the expression's type by trying the three result types.
        let mut hit = None;
        for ty in [Ty::F64, Ty::I64, Ty::Bool] {
            let m = Module::new().with(wrap(e.clone(), ty));
            if let Ok(c) = compile(&m, &opts) {
                hit = Some((m, c));
                break;
            }
        }
        let Some((m, c)) = hit else { continue };
        compiled += 1;
        for _ in 0..12 {
            let args = [
                EV::I(r.pick(&SPECIAL_I64)),
                EV::F(r.pick(&SPECIAL_F64)),
                EV::B(r.below(2) == 0),
                EV::I(r.pick(&SPECIAL_I64)),
            ];
            check_scalar(&c, &m, "f", &args);
            checked += 1;
        }
    }
    assert!(
        compiled > 300,
        "only {compiled} random expressions compiled"
    );
    assert!(checked > 3000);
}

#[test]
fn random_expressions_unoptimised_match_too() {
    let mut r = Rng(12345);
    let opts = Options {
        opt_level: OptLevel::None,
        ..Options::default()
    };
    for _ in 0..200 {
        let e = gen(&mut r, 3);
        for ty in [Ty::F64, Ty::I64, Ty::Bool] {
            let m = Module::new().with(wrap(e.clone(), ty));
            if let Ok(c) = compile(&m, &opts) {
                for _ in 0..8 {
                    let args = [
                        EV::I(r.pick(&SPECIAL_I64)),
                        EV::F(r.pick(&SPECIAL_F64)),
                        EV::B(r.below(2) == 0),
                        EV::I(r.pick(&SPECIAL_I64)),
                    ];
                    check_scalar(&c, &m, "f", &args);
                }
                break;
            }
        }
    }
}

const PROGRAMS: &str = r#"
; loops with break / continue / early return, nested
(func collatz ((n i64)) (i64)
  (var steps i64 0)
  (while (ne n 1)
    (if (eq (mod n 2) 0) (then (set n (floordiv n 2))) (else (set n (add (mul 3 n) 1))))
    (set steps (add steps 1))
    (if (gt steps 1000) (then (break))))
  (return steps))
(func sumskip ((n i64) (k i64)) (i64)
  (var s i64 0)
  (for i (range 0 n 1)
    (if (eq (mod i k) 0) (then (continue)))
    (if (gt s 100000) (then (return (neg s))))
    (set s (add s i)))
  (return s))
(func down ((a i64) (b i64) (st i64)) (i64 i64)
  (var s i64 0)
  (var cnt i64 0)
  (for i (range a b st) (set s (add (mul s 3) i)) (set cnt (add cnt 1)))
  (return s cnt))
(func lastvar ((n i64)) (i64)
  (var i i64 -5)
  (for i (range n) (set i (mul i 100)))
  (return i))
(func fsum ((n i64) (x f64)) (f64)
  (var s f64 0.0)
  (for i (range n)
    (set s (add s (div (mul x i) (add i 1))))
    (if (gt s 50.0) (then (break))))
  (return (select (isnan s) -0.0 s)))
(func nested ((n i64)) (i64)
  (var c i64 0)
  (for i (range n)
    (for j (range i n)
      (if (eq (mod (add i j) 3) 0) (then (continue)))
      (if (gt j (add i 4)) (then (break)))
      (set c (add c (mul i j)))))
  (return c))
"#;

#[test]
fn control_flow_programs_match_reference() {
    let m = parse_module(PROGRAMS).unwrap();
    let c = compile(&m, &Options::default()).unwrap();
    for n in [1, 2, 3, 6, 7, 27, 97] {
        check_scalar(&c, &m, "collatz", &[EV::I(n)]);
    }
    for (n, k) in [(10, 3), (1000, 7), (0, 1), (5, 1), (100000, 2), (20, 0)] {
        check_scalar(&c, &m, "sumskip", &[EV::I(n), EV::I(k)]);
    }
    for (a, b, s) in [
        (0, 10, 1),
        (10, 0, -1),
        (10, 0, -3),
        (-5, 5, 2),
        (5, 5, 1),
        (0, 10, -1),
        (0, 10, 0),
        (7, -8, -4),
    ] {
        check_scalar(&c, &m, "down", &[EV::I(a), EV::I(b), EV::I(s)]);
    }
    for n in [0, 1, 5] {
        check_scalar(&c, &m, "lastvar", &[EV::I(n)]);
    }
    for (n, x) in [
        (10, 1.5),
        (1000, 0.25),
        (3, f64::NAN),
        (5, -0.0),
        (4, f64::INFINITY),
    ] {
        check_scalar(&c, &m, "fsum", &[EV::I(n), EV::F(x)]);
    }
    for n in [0, 1, 5, 17] {
        check_scalar(&c, &m, "nested", &[EV::I(n)]);
    }
}
