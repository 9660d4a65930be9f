//! Syntax errors rendered exactly as CPython 3.11 prints them (expected texts recorded
//! from `python3 x.py`).

const CASES: &[(&str, &str)] = &[
    (
        "print(\"a\"\nx = 1\n",
        "  File \"x.py\", line 1\n    print(\"a\"\n         ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "x = (1,\n",
        "  File \"x.py\", line 1\n    x = (1,\n        ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "if x\n    pass\n",
        "  File \"x.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n",
    ),
    (
        "x = 1\n  y = 2\n",
        "  File \"x.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n",
    ),
    (
        "x = 1\nif x:\n  pass\nif y:\nz = 1\n",
        "  File \"x.py\", line 5\n    z = 1\n    ^\nIndentationError: expected an indented block after 'if' statement on line 4\n",
    ),
    (
        "if x:\n    a = 1\n  b = 2\n",
        "  File \"x.py\", line 3\n    b = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "x = \"abc\n",
        "  File \"x.py\", line 1\n    x = \"abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n",
    ),
    (
        "x = [1 2]\n",
        "  File \"x.py\", line 1\n    x = [1 2]\n         ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "1 = x\n",
        "  File \"x.py\", line 1\n    1 = x\n    ^\nSyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "x = 1)\n",
        "  File \"x.py\", line 1\n    x = 1)\n         ^\nSyntaxError: unmatched ')'\n",
    ),
    (
        "return 5\n",
        "  File \"x.py\", line 1\n    return 5\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n",
    ),
    (
        "break\n",
        "  File \"x.py\", line 1\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop\n",
    ),
    (
        "x = \"\"\"abc\n\n",
        "  File \"x.py\", line 1\n    x = \"\"\"abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 2)\n",
    ),
    (
        "def f(:\n  pass\n",
        "  File \"x.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "f() = 3\n",
        "  File \"x.py\", line 1\n    f() = 3\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?\n",
    ),
    (
        "x = (1]\n",
        "  File \"x.py\", line 1\n    x = (1]\n          ^\nSyntaxError: closing parenthesis ']' does not match opening parenthesis '('\n",
    ),
    (
        "x = 1 +\n",
        "  File \"x.py\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "for 1 in x: pass\n",
        "  File \"x.py\", line 1\n    for 1 in x: pass\n        ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "def f():\n    x = 1\n    global x\n",
        "  File \"x.py\", line 3\n    global x\n    ^^^^^^^^\nSyntaxError: name 'x' is assigned to before global declaration\n",
    ),
    (
        "def f():\n    nonlocal y\n",
        "  File \"x.py\", line 2\n    nonlocal y\n    ^^^^^^^^^^\nSyntaxError: no binding for nonlocal 'y' found\n",
    ),
    (
        "continue\n",
        "  File \"x.py\", line 1\n    continue\n    ^^^^^^^^\nSyntaxError: 'continue' not properly in loop\n",
    ),
    (
        "a b\n",
        "  File \"x.py\", line 1\n    a b\n      ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "def f(x, x): pass\n",
        "  File \"x.py\", line 1\n    def f(x, x): pass\n             ^\nSyntaxError: duplicate argument 'x' in function definition\n",
    ),
    (
        "f(x=1, x=2)\n",
        "  File \"x.py\", line 1\n    f(x=1, x=2)\n           ^^^\nSyntaxError: keyword argument repeated: x\n",
    ),
    (
        "f(x=1, 2)\n",
        "  File \"x.py\", line 1\n    f(x=1, 2)\n            ^\nSyntaxError: positional argument follows keyword argument\n",
    ),
    (
        "x += 1 = 2\n",
        "  File \"x.py\", line 1\n    x += 1 = 2\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "del 1\n",
        "  File \"x.py\", line 1\n    del 1\n        ^\nSyntaxError: cannot delete literal\n",
    ),
    (
        "1 += 2\n",
        "  File \"x.py\", line 1\n    1 += 2\n    ^\nSyntaxError: 'literal' is an illegal expression for augmented assignment\n",
    ),
    (
        "print \"hello\"\n",
        "  File \"x.py\", line 1\n    print \"hello\"\n    ^^^^^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n",
    ),
    (
        "else:\n  pass\n",
        "  File \"x.py\", line 1\n    else:\n    ^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = $\n",
        "  File \"x.py\", line 1\n    x = $\n        ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "def f():\n\treturn 1\n        return 2\n",
        "  File \"x.py\", line 3\n    return 2\nTabError: inconsistent use of tabs and spaces in indentation\n",
    ),
    (
        "try:\n  pass\n",
        "  File \"x.py\", line 2\n    pass\nSyntaxError: expected 'except' or 'finally' block\n",
    ),
    (
        "class C\n  pass\n",
        "  File \"x.py\", line 1\n    class C\n           ^\nSyntaxError: expected ':'\n",
    ),
    (
        "x = {1: 2, 3}\n",
        "  File \"x.py\", line 1\n    x = {1: 2, 3}\n               ^\nSyntaxError: ':' expected after dictionary key\n",
    ),
    (
        "yield 1\n",
        "  File \"x.py\", line 1\n    yield 1\n    ^^^^^^^\nSyntaxError: 'yield' outside function\n",
    ),
    (
        "f(**a, *b)\n",
        "  File \"x.py\", line 1\n    f(**a, *b)\n           ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking\n",
    ),
    (
        "def f(a=1, b): pass\n",
        "  File \"x.py\", line 1\n    def f(a=1, b): pass\n               ^\nSyntaxError: non-default argument follows default argument\n",
    ),
    (
        "lambda x: (yield)\nx = [i for i in range(3)] = 1\n",
        "  File \"x.py\", line 2\n    x = [i for i in range(3)] = 1\n        ^^^^^^^^^^^^^^^^^^^^^\nSyntaxError: cannot assign to list comprehension\n",
    ),
    (
        "if x:\n",
        "  File \"x.py\", line 1\n    if x:\nIndentationError: expected an indented block after 'if' statement on line 1\n",
    ),
    (
        "while True:\n    pass\n  x\n",
        "  File \"x.py\", line 3\n    x\n     ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "x = 5 if y\n",
        "  File \"x.py\", line 1\n    x = 5 if y\n        ^^^^^^\nSyntaxError: expected 'else' after 'if' expression\n",
    ),
    (
        "f'{x'\n",
        "  File \"x.py\", line 1\n    f'{x'\n         ^\nSyntaxError: f-string: expecting '}'\n",
    ),
    (
        "import\n",
        "  File \"x.py\", line 1\n    import\n          ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "from x import *\ndef f():\n  from y import *\n",
        "  File \"x.py\", line 3\n    from y import *\n                  ^\nSyntaxError: import * only allowed at module level\n",
    ),
    (
        "def f():\n    x = 1\n    def g():\n        nonlocal x\n        global x\n",
        "  File \"x.py\", line 4\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: name 'x' is nonlocal and global\n",
    ),
    (
        "for x in y:\n    pass\nelse\n",
        "  File \"x.py\", line 3\n    else\n        ^\nSyntaxError: expected ':'\n",
    ),
    (
        "def f(:\n    pass\n",
        "  File \"x.py\", line 1\n    def f(:\n          ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = [1, 2\ny = 3\n",
        "  File \"x.py\", line 1\n    x = [1, 2\n        ^\nSyntaxError: '[' was never closed\n",
    ),
    (
        "foo(\n",
        "  File \"x.py\", line 1\n    foo(\n       ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "x = 1\n\n\nif x:\n    pass\n  else:\n    pass\n",
        "  File \"x.py\", line 6\n    else:\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "class A:\n    def f(self):\n        return 1\n     x = 2\n",
        "  File \"x.py\", line 4\n    x = 2\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "x = (1 +\n     2\n",
        "  File \"x.py\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n",
    ),
    (
        "s = 'abc\\\n",
        "  File \"x.py\", line 1\n    s = 'abc\\\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n",
    ),
    (
        "x = 1 if True else\n",
        "  File \"x.py\", line 1\n    x = 1 if True else\n                      ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "f(a for a in b, c)\n",
        "  File \"x.py\", line 1\n    f(a for a in b, c)\n      ^^^^^^^^^^^^\nSyntaxError: Generator expression must be parenthesized\n",
    ),
    (
        "True = 1\n",
        "  File \"x.py\", line 1\n    True = 1\n    ^^^^\nSyntaxError: cannot assign to True\n",
    ),
    (
        "x = yield = 1\n",
        "  File \"x.py\", line 1\n    x = yield = 1\n        ^^^^^\nSyntaxError: assignment to yield expression not possible\n",
    ),
    (
        "def f():\n    return\n  x = 1\n",
        "  File \"x.py\", line 3\n    x = 1\n         ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "print(1))\n",
        "  File \"x.py\", line 1\n    print(1))\n            ^\nSyntaxError: unmatched ')'\n",
    ),
    (
        "if True:\npass\n",
        "  File \"x.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1\n",
    ),
    (
        "for x in range(3):\n    pass\n        y = 1\n",
        "  File \"x.py\", line 3\n    y = 1\nIndentationError: unexpected indent\n",
    ),
    (
        "x = [\n  1,\n  2\n",
        "  File \"x.py\", line 1\n    x = [\n        ^\nSyntaxError: '[' was never closed\n",
    ),
    (
        "x = {\"a\": 1 \"b\": 2}\n",
        "  File \"x.py\", line 1\n    x = {\"a\": 1 \"b\": 2}\n              ^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "def f(*): pass\n",
        "  File \"x.py\", line 1\n    def f(*): pass\n          ^\nSyntaxError: named arguments must follow bare *\n",
    ),
    (
        "nonlocal x\n",
        "  File \"x.py\", line 1\n    nonlocal x\n    ^^^^^^^^^^\nSyntaxError: nonlocal declaration not allowed at module level\n",
    ),
    (
        "def f():\n    yield\n    return\nclass C:\n    return 1\n",
        "  File \"x.py\", line 5\n    return 1\n    ^^^^^^^^\nSyntaxError: 'return' outside function\n",
    ),
    (
        "x = 5\nx++\n",
        "  File \"x.py\", line 2\n    x++\n       ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "d = {'a' 1}\n",
        "  File \"x.py\", line 1\n    d = {'a' 1}\n         ^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "f(**k, *a)\n",
        "  File \"x.py\", line 1\n    f(**k, *a)\n           ^\nSyntaxError: iterable argument unpacking follows keyword argument unpacking\n",
    ),
    (
        "import a.b as\n",
        "  File \"x.py\", line 1\n    import a.b as\n                 ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "\tif x:\n",
        "  File \"x.py\", line 1\n    if x:\nIndentationError: unexpected indent\n",
    ),
    (
        "\"\"\"\nabc\n",
        "  File \"x.py\", line 1\n    \"\"\"\n    ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 2)\n",
    ),
    (
        "def f()\n    pass\n",
        "  File \"x.py\", line 1\n    def f()\n           ^\nSyntaxError: expected ':'\n",
    ),
    (
        "x = 1 = 2\n",
        "  File \"x.py\", line 1\n    x = 1 = 2\n        ^\nSyntaxError: cannot assign to literal\n",
    ),
    (
        "f(a=1 b=2)\n",
        "  File \"x.py\", line 1\n    f(a=1 b=2)\n        ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "if x = 1:\n    pass\n",
        "  File \"x.py\", line 1\n    if x = 1:\n       ^^^^^\nSyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?\n",
    ),
    (
        "elif x:\n    pass\n",
        "  File \"x.py\", line 1\n    elif x:\n    ^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = [1, 2, 3\nprint(x)\ny = 2\n",
        "  File \"x.py\", line 1\n    x = [1, 2, 3\n        ^\nSyntaxError: '[' was never closed\n",
    ),
    (
        "def f():\n    pass\n\n  def g():\n    pass\n",
        "  File \"x.py\", line 4\n    def g():\n            ^\nIndentationError: unindent does not match any outer indentation level\n",
    ),
    (
        "for i in range(3)\n    print(i)\n",
        "  File \"x.py\", line 1\n    for i in range(3)\n                     ^\nSyntaxError: expected ':'\n",
    ),
    (
        "while True print(1)\n",
        "  File \"x.py\", line 1\n    while True print(1)\n               ^^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = {1, 2\n",
        "  File \"x.py\", line 1\n    x = {1, 2\n        ^\nSyntaxError: '{' was never closed\n",
    ),
    (
        "import a.b.c as\n",
        "  File \"x.py\", line 1\n    import a.b.c as\n                   ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = (1, 2,, 3)\n",
        "  File \"x.py\", line 1\n    x = (1, 2,, 3)\n              ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "def f(x y): pass\n",
        "  File \"x.py\", line 1\n    def f(x y): pass\n            ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "a = 1\nb = 2\nc = a +* b\n",
        "  File \"x.py\", line 3\n    c = a +* b\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "d = {\"a\": 1, \"b\" 2}\n",
        "  File \"x.py\", line 1\n    d = {\"a\": 1, \"b\" 2}\n                   ^\nSyntaxError: ':' expected after dictionary key\n",
    ),
    (
        "try:\n    x = 1\nexcept:\n    pass\nexcept ValueError:\n    pass\n",
        "  File \"x.py\", line 3\n    except:\n    ^^^^^^^\nSyntaxError: default 'except:' must be last\n",
    ),
    (
        "with open(\"f\") as f\n    pass\n",
        "  File \"x.py\", line 1\n    with open(\"f\") as f\n                       ^\nSyntaxError: expected ':'\n",
    ),
    (
        "lambda x: yield x\n",
        "  File \"x.py\", line 1\n    lambda x: yield x\n              ^^^^^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = \"unterminated\ny = 2\n",
        "  File \"x.py\", line 1\n    x = \"unterminated\n        ^\nSyntaxError: unterminated string literal (detected at line 1)\n",
    ),
    (
        "def f(**kw, a): pass\n",
        "  File \"x.py\", line 1\n    def f(**kw, a): pass\n                ^\nSyntaxError: arguments cannot follow var-keyword argument\n",
    ),
    (
        "def f():\n  x = 1\n   y = 2\n",
        "  File \"x.py\", line 3\n    y = 2\nIndentationError: unexpected indent\n",
    ),
    (
        "x = not\n",
        "  File \"x.py\", line 1\n    x = not\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "class C:\npass\n",
        "  File \"x.py\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after class definition on line 1\n",
    ),
    (
        "x = 1\n    \ny = 2 +\n",
        "  File \"x.py\", line 3\n    y = 2 +\n           ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "a[1:2] += = 3\n",
        "  File \"x.py\", line 1\n    a[1:2] += = 3\n              ^\nSyntaxError: invalid syntax\n",
    ),
    (
        "x = 1_000_\n",
        "  File \"x.py\", line 1\n    x = 1_000_\n             ^\nSyntaxError: invalid decimal literal\n",
    ),
    (
        "x = 0777\n",
        "  File \"x.py\", line 1\n    x = 0777\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers\n",
    ),
    (
        "x = 1e\n",
        "  File \"x.py\", line 1\n    x = 1e\n        ^\nSyntaxError: invalid decimal literal\n",
    ),
    (
        "x = 0x\n",
        "  File \"x.py\", line 1\n    x = 0x\n         ^\nSyntaxError: invalid hexadecimal literal\n",
    ),
    (
        "x = 1__0\n",
        "  File \"x.py\", line 1\n    x = 1__0\n         ^\nSyntaxError: invalid decimal literal\n",
    ),
    (
        "x = 0b2\n",
        "  File \"x.py\", line 1\n    x = 0b2\n          ^\nSyntaxError: invalid digit '2' in binary literal\n",
    ),
    (
        "x = 1a\n",
        "  File \"x.py\", line 1\n    x = 1a\n        ^\nSyntaxError: invalid decimal literal\n",
    ),
    (
        "x = 5j_\n",
        "  File \"x.py\", line 1\n    x = 5j_\n         ^\nSyntaxError: invalid imaginary literal\n",
    ),
    (
        "x = 0o8\n",
        "  File \"x.py\", line 1\n    x = 0o8\n          ^\nSyntaxError: invalid digit '8' in octal literal\n",
    ),
    (
        "x = (foo bar)\n",
        "  File \"x.py\", line 1\n    x = (foo bar)\n         ^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "print(\"a\" \"b\" 1 2)\n",
        "  File \"x.py\", line 1\n    print(\"a\" \"b\" 1 2)\n          ^^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
    (
        "f(a.b(1) c)\n",
        "  File \"x.py\", line 1\n    f(a.b(1) c)\n      ^^^^^^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n",
    ),
];

#[test]
fn renders_like_cpython() {
    let mut failures = Vec::new();
    for (src, want) in CASES {
        let got = match crate::compiler::compile(src, "x.py", crate::compiler::Mode::Exec) {
            Ok(_) => "compiled".to_string(),
            Err(e) => e.render(),
        };
        if &got != want {
            failures.push(format!("source {src:?}\n--- want\n{want}--- got\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn malformed_input_never_panics() {
    let samples = [
        "",
        "\n",
        "(",
        ")",
        "[}",
        "\"\"\"",
        "f'{'",
        "f'{x!z}'",
        "\\",
        "@",
        "def",
        "class",
        "if",
        "lambda",
        "x = (yield)",
        "\u{feff}x = 1",
        "x = 1\r\ny = 2\r\n",
        "\0",
        "é = 1",
        "x = '\\N{foo}'",
        "b'\u{e9}'",
        "0x",
        "1e",
        "1__0",
        "x: int = 1",
        "*a = b",
        "a, *b, *c = d",
        "del f()",
        "(a := 1) = 2",
    ];
    for s in samples {
        let _ = crate::compiler::compile(s, "x.py", crate::compiler::Mode::Exec);
        let _ = crate::compiler::compile(s, "x.py", crate::compiler::Mode::Eval);
        let _ = crate::compiler::is_incomplete_input(s);
    }
}
