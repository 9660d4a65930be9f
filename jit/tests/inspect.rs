//! Inspection and text form: CLIF before/after optimisation and the assembly listing carry
//! the IR's line ids; `boundscheck=false` removes the checks; the text form round-trips.

use numjit_jit::*;

const DOT: &str = include_str!("../kernels/dot.nj");

#[test]
fn listings_are_annotated_with_line_ids() {
    let opts = Options {
        inspect: true,
        ..Options::default()
    };
    let code = compile_text(DOT, &opts).unwrap();
    let before = code.clif_before("dot").unwrap();
    let after = code.clif_after("dot").unwrap();
    let asm = code.asm("dot").unwrap();
    for text in [before, after] {
        assert!(text.contains("function"), "{text}");
        assert!(text.contains("; line 11"), "{text}");
        assert!(text.contains("fadd"), "{text}");
    }
    // The optimised CLIF keeps only one of the two identical index wraps per load pair or
    // fewer instructions overall.
    assert!(after.lines().count() <= before.lines().count());
    assert!(!asm.is_empty());
    assert!(asm.contains("line 11"), "{asm}");
    assert!(asm.to_lowercase().contains("addsd"), "{asm}");
    // Without `inspect`, nothing is kept.
    let plain = compile_text(DOT, &Options::default()).unwrap();
    assert!(plain.clif_after("dot").is_none());
}

#[test]
fn boundscheck_off_removes_the_checks() {
    let on = compile_text(
        DOT,
        &Options {
            inspect: true,
            ..Options::default()
        },
    )
    .unwrap();
    let off = compile_text(
        DOT,
        &Options {
            inspect: true,
            boundscheck: false,
            ..Options::default()
        },
    )
    .unwrap();
    assert!(on.clif_before("dot").unwrap().matches("uge").count() >= 2);
    assert_eq!(off.clif_before("dot").unwrap().matches(" uge ").count(), 0);
    // No trap instructions are emitted by the lowering itself.
    for l in [
        on.clif_after("dot").unwrap(),
        off.clif_after("dot").unwrap(),
    ] {
        let traps = l
            .split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| matches!(*w, "trap" | "trapz" | "trapnz" | "debugtrap"))
            .count();
        assert_eq!(traps, 0, "{l}");
    }
}

#[test]
fn text_form_round_trips() {
    for file in [
        "dot",
        "matmul",
        "mandelbrot",
        "nbody",
        "sieve",
        "lee_filter",
        "fib",
        "floatsum",
    ] {
        let src =
            std::fs::read_to_string(format!("{}/kernels/{file}.nj", env!("CARGO_MANIFEST_DIR")))
                .unwrap();
        let m = parse_module(&src).unwrap();
        let printed = m.to_string();
        let again = parse_module(&printed).unwrap();
        assert_eq!(m, again, "{file}:\n{printed}");
        assert_eq!(printed, again.to_string());
    }
    // Literals keep their exact bits, line ids survive on every node kind.
    let src = "(host cb (f64) (bool))\n(func f ((x f64)) (f64 bool)\n  (return@3 (add@4 (const@5 -0.0) nan:0x7ff8000000000123) (host@6 cb (const@7 1e300))))\n";
    let m = parse_module(src).unwrap();
    let printed = m.to_string();
    // (NaN != NaN for PartialEq, so compare the printed forms.)
    assert_eq!(parse_module(&printed).unwrap().to_string(), printed);
    let ExprKind::Bin(_, a, b) = &match &m.functions[0].body[0].kind {
        StmtKind::Return(v) => v[0].clone(),
        _ => panic!(),
    }
    .kind
    else {
        panic!()
    };
    assert_eq!(a.kind, ExprKind::Float(-0.0));
    assert_eq!(a.line, 5);
    let ExprKind::Float(nan) = b.kind else {
        panic!()
    };
    assert_eq!(nan.to_bits(), 0x7ff8000000000123);
}

#[test]
fn parse_errors_have_text_lines() {
    let e = parse_module("(func f () ()\n  (set x))").unwrap_err();
    assert_eq!(e.line, 2);
    assert!(parse_module("(func f () ()\n (bogus 1))")
        .unwrap_err()
        .message
        .contains("bogus"));
    assert!(parse_module(")").is_err());
}

#[test]
fn builder_api_builds_the_same_ir_as_text() {
    use numjit_jit::build::*;
    let f = func("dot")
        .param("a", Ty::Array(DType::F64, 1))
        .param("b", Ty::Array(DType::F64, 1))
        .ret(Ty::F64)
        .body(vec![
            let_("s", Ty::F64, float(0.0)).at(9),
            for_range(
                "i",
                int(0),
                shape("a", 0),
                int(1),
                vec![set(
                    "s",
                    add(
                        var("s"),
                        mul(load("a", vec![var("i")]), load("b", vec![var("i")])),
                    ),
                )
                .at(11)],
            )
            .at(10),
            ret(vec![var("s")]).at(12),
        ])
        .build();
    assert_eq!(Module::new().with(f), parse_module(DOT).unwrap());
}
