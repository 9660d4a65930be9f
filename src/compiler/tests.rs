//! Unit tests: compile many snippets and verify them, symbol tables, dis output, marshal.

use super::*;

fn comp(src: &str) -> Rc<Code> {
    match compile(src, "t.py", Mode::Exec) {
        Ok(c) => {
            if let Err(e) = unit::verify(&c) {
                panic!("verify failed for {src:?}: {e}\n{}", dis::disassemble(&c));
            }
            c
        }
        Err(e) => panic!("compile failed for {src:?}: {}", e.render()),
    }
}

fn comp_err(src: &str) -> SyntaxError {
    match compile(src, "t.py", Mode::Exec) {
        Ok(c) => panic!("expected an error for {src:?}\n{}", dis::disassemble(&c)),
        Err(e) => e,
    }
}

#[test]
fn snippets_verify() {
    let snippets = [
        "x = 1\ny = x + 2\nprint(y)",
        "def f(a, b=2, *c, d, e=5, **g):\n    return a + b\n",
        "def f():\n    x = 1\n    def g():\n        nonlocal x\n        x += 1\n        return x\n    return g\n",
        "class C(B, metaclass=M):\n    '''doc'''\n    x: int = 3\n    def m(self):\n        return super().m()\n",
        "try:\n    f()\nexcept E as e:\n    g(e)\nexcept:\n    h()\nelse:\n    k()\nfinally:\n    z()\n",
        "for i in range(10):\n    if i % 2:\n        continue\n    if i > 5:\n        break\nelse:\n    pass\n",
        "while x:\n    try:\n        break\n    finally:\n        y()\n",
        "def f():\n    with open(p) as fh, g() as (a, b):\n        return fh.read()\n",
        "def f():\n    for x in y:\n        try:\n            return x\n        finally:\n            print(1)\n",
        "def f():\n    for x in y:\n        with m:\n            continue\n",
        "def f():\n    try:\n        pass\n    except E as e:\n        return e\n",
        "a, *b, c = x\n[a, b] = c, d = 1, 2\n",
        "x[1:2, ::3] += f(*a, **k)\nx.y -= 1\n",
        "print(f'{x!r:>{w}} {y=} {z:.2f}')",
        "l = [i*j for i in range(3) if i for j in range(i)]\ns = {x for x in y}\nd = {k: v for k, v in z}\ng = (x for x in y)\n",
        "def gen():\n    x = yield 1\n    yield from range(x)\n    return 5\n",
        "import a.b.c\nimport a.b.c as d\nfrom . import x\nfrom ..m import y as z\nfrom m import *\n",
        "assert x, 'msg'\nraise E from F\n",
        "if (n := len(a)) > 10: pass\nx = a if b else c\ny = a < b < c\nz = not a and b or c\n",
        "del a, b.c, d[e]\n",
        "x = -5\ny = (1, 2, (3, -4.5))\nz = 123456789012345678901234567890\nw = -9223372036854775808\n",
        "lambda x, *y, z=1: x + z\n",
        "class A:\n    __p = 1\n    def f(self):\n        return self.__p\n",
        "def f():\n    global g\n    g = 1\n",
        "def outer():\n    x = 1\n    class C:\n        y = x\n        def m(self):\n            return x\n    return C\n",
        "if __name__ == '__main__':\n    main()\n",
        "x = {**a, 'b': 1, **c}\ny = [*a, 1, *b]\nz = (*a,)\nw = {*a, 1}\n",
        "def f():\n    try:\n        try:\n            return 1\n        finally:\n            return 2\n    except:\n        pass\n",
        "def f(self):\n    x = [lambda: self for _ in y]\n    return x\n",
        "while True:\n    pass\n",
        "def f():\n    while True:\n        if x:\n            return 1\n",
        "a.b(c, d=1)\na.b(*c)\nf(a, *b, c, **d, e=1)\n",
        "x = ...\nx = b'ab\\x00'\nx = 1j\nx = 2 + 3j\n",
        "with a:\n    pass\n",
        "try:\n    pass\nfinally:\n    pass\n",
        "def f():\n    with a as b:\n        try:\n            return b\n        except E:\n            raise\n",
        "for x in y:\n    try:\n        continue\n    except E as e:\n        break\n",
        "def d(x):\n    match x:\n        case 0:\n            return 'zero'\n        case int(n) if n < 0:\n            return 'neg'\n        case [a, b, *rest]:\n            return a\n        case {'k': v, **kw}:\n            return v\n        case str() | bytes():\n            return 't'\n        case Point(x=0, y=yy) as p:\n            return p\n        case (1 | 2) as small:\n            return small\n        case None | True:\n            return 1\n        case _:\n            return 'o'\n",
        "for v in vs:\n    match v:\n        case [x, [y, *_]] if x:\n            continue\n        case {}:\n            break\n",
    ];
    for s in snippets {
        comp(s);
    }
}

#[test]
fn errors() {
    assert_eq!(comp_err("return 5\n").msg, "'return' outside function");
    assert_eq!(comp_err("break\n").msg, "'break' outside loop");
    assert_eq!(
        comp_err("continue\n").msg,
        "'continue' not properly in loop"
    );
    assert_eq!(
        comp_err("def f():\n    nonlocal y\n").msg,
        "no binding for nonlocal 'y' found"
    );
    assert_eq!(
        comp_err("def f():\n    x = 1\n    global x\n").msg,
        "name 'x' is assigned to before global declaration"
    );
    assert_eq!(comp_err("yield 1\n").msg, "'yield' outside function");
    assert_eq!(
        comp_err("f(x=1, x=2)\n").msg,
        "keyword argument repeated: x"
    );
    assert_eq!(
        comp_err("def f(x, x): pass\n").msg,
        "duplicate argument 'x' in function definition"
    );
    assert!(comp_err("async def f(): pass\n")
        .msg
        .contains("not supported"));
    assert_eq!(
        comp_err("match x:\n    case y: pass\n    case 1: pass\n").msg,
        "name capture 'y' makes remaining patterns unreachable"
    );
}

#[test]
fn deep_nesting_is_an_error() {
    let src = format!("x = {}1{}\n", "(".repeat(100_000), ")".repeat(100_000));
    assert_eq!(comp_err(&src).msg, "too many nested parentheses");
    let mut s = String::new();
    for i in 0..10_000 {
        s.push_str(&" ".repeat(i));
        s.push_str("if x:\n");
    }
    s.push_str(&" ".repeat(10_000));
    s.push_str("pass\n");
    assert_eq!(comp_err(&s).msg, "too many levels of indentation");
    let src = format!("x = {}1\n", "-".repeat(100_000));
    comp_err(&src);
    let src = format!("x = {}\n", vec!["1"; 100_000].join("+"));
    let e = comp_err(&src);
    assert_eq!(e.type_name(), "RecursionError");
    assert_eq!(
        e.render(),
        "RecursionError: maximum recursion depth exceeded during compilation\n"
    );
    // CPython compiles a 1000-term sum.
    comp(&format!("x = {}\n", vec!["1"; 1000].join("+")));
    let src = format!("x = {}b\n", "a.".repeat(100_000));
    comp_err(&src);
    let src = format!("f = {}0\n", "lambda: ".repeat(600));
    comp_err(&src);
    let mut s = String::new();
    for i in 0..25 {
        s.push_str(&"    ".repeat(i));
        s.push_str("while x:\n");
    }
    s.push_str(&"    ".repeat(25));
    s.push_str("pass\n");
    assert_eq!(comp_err(&s).msg, "too many statically nested blocks");
}

#[test]
fn symtable_classification() {
    use ruff_python_parser::parse_module;
    let src = "def f(a):\n    b = 1\n    def g():\n        return a + c\n    global d\n    d = b\n    return g\nclass C:\n    x = 1\n    def m(self):\n        return super().m(x)\n";
    let m = parse_module(src).unwrap().into_syntax();
    let t = symtable::build(&m.body).unwrap();
    let f = &t.scopes[1];
    assert_eq!(f.lookup("a"), Some(Sym::Cell));
    assert_eq!(f.lookup("b"), Some(Sym::Local));
    assert_eq!(f.lookup("d"), Some(Sym::GlobalExplicit));
    let g = &t.scopes[2];
    assert_eq!(g.lookup("a"), Some(Sym::Free));
    assert_eq!(g.lookup("c"), Some(Sym::GlobalImplicit));
    let c = &t.scopes[3];
    assert!(c.needs_class_closure);
    assert_eq!(c.lookup("x"), Some(Sym::Local));
    let m = &t.scopes[4];
    assert_eq!(m.lookup("__class__"), Some(Sym::Free));
    assert_eq!(m.lookup("x"), Some(Sym::GlobalImplicit));
}

#[test]
fn dis_small_function() {
    let c = comp("def f(a):\n    return a + 1\n");
    let d = dis::disassemble(&c);
    assert!(d.contains("LOAD_FAST                0 (a)"), "{d}");
    assert!(d.contains("BINARY_OP                0 (+)"), "{d}");
    assert!(
        d.contains("Disassembly of <code object f, file \"t.py\", line 1>:"),
        "{d}"
    );
}

#[test]
fn marshal_roundtrip_and_corruption() {
    let c = comp("def f(a, *b):\n    try:\n        return [x for x in a]\n    except E as e:\n        raise\nclass C: pass\nz = 10**100\n");
    let bytes = marshal::dumps(&c);
    let back = marshal::loads(&bytes).expect("loads");
    assert_eq!(&back, &*c);
    for n in 0..bytes.len() {
        assert!(marshal::loads(&bytes[..n]).is_none());
    }
    let mut seed = 12345u64;
    for _ in 0..2000 {
        let mut b = bytes.clone();
        for _ in 0..4 {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let i = (seed >> 33) as usize % b.len();
            b[i] = (seed >> 20) as u8;
        }
        let _ = marshal::loads(&b);
    }
    for len in [0usize, 1, 8, 100, 1000] {
        let mut b = Vec::new();
        for _ in 0..len {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            b.push((seed >> 33) as u8);
        }
        assert!(marshal::loads(&b).is_none());
    }
}

#[test]
fn incomplete_input() {
    assert!(is_incomplete_input("foo(1,\n"));
    assert!(is_incomplete_input("if x:\n"));
    assert!(is_incomplete_input("s = '''abc\n"));
    assert!(is_incomplete_input("if x:\n    y()\n"));
    assert!(!is_incomplete_input("if x:\n    y()\n\n"));
    assert!(!is_incomplete_input("x = 1\n"));
    assert!(!is_incomplete_input("x = )\n"));
    assert!(!is_incomplete_input("foo(1 2\n"));
    assert!(is_incomplete_input("if x: y()\n"));
    assert!(is_incomplete_input("@dec\n"));
    assert!(is_incomplete_input("x = [1,\n 2,\n"));
    assert!(is_incomplete_input("def f(a,\n"));
    assert!(!is_incomplete_input("'abc\n"));
}

#[test]
fn eval_and_interactive() {
    let c = compile("1 + x", "<string>", Mode::Eval).unwrap();
    assert_eq!(c.instrs.last().unwrap().op, Op::ReturnValue);
    let c = compile("x = 1\nx\n", "<stdin>", Mode::Interactive).unwrap();
    assert!(c.instrs.iter().any(|i| i.op == Op::PrintExpr));
}
