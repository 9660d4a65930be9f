//! On-stack replacement: finding a loop in the source and in the bytecode. The hook starts
//! from a back-edge (bytecode); the lifted code is typed from the loop's statements (the AST of
//! the parsed file), found again by line.

use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use crate::compiler::opcode::Op;
use crate::jit_bridge::ParsedFile;

/// The statements of `code` in its parsed file: the module's, or its function's body (None:
/// its `def` was not found).
pub(super) fn scope<'a>(
    file: &'a ParsedFile,
    code: &crate::compiler::code::Code,
    module_level: bool,
) -> Option<&'a [Stmt]> {
    if module_level {
        return Some(&file.module.body);
    }
    let def =
        crate::jit_bridge::find_def(&file.module.body, &file.lines, &code.name, code.first_line)?;
    Some(&def.body)
}

/// The arguments of `for`'s iterable when it is a call of `range` without keywords.
pub(super) fn range_args(x: &ruff_python_ast::StmtFor) -> Option<&[Expr]> {
    let Expr::Call(c) = &*x.iter else {
        return None;
    };
    let is_range = matches!(&*c.func, Expr::Name(n) if n.id.as_str() == "range");
    (is_range && c.arguments.keywords.is_empty()).then_some(&c.arguments.args[..])
}

/// Whether loop `s` has an `else` block (such loops are not lifted).
pub(super) fn has_orelse(s: &Stmt) -> bool {
    match s {
        Stmt::For(x) => !x.orelse.is_empty(),
        Stmt::While(x) => !x.orelse.is_empty(),
        _ => false,
    }
}

/// The body of loop `s` (empty for another statement).
pub(super) fn loop_body(s: &Stmt) -> &[Stmt] {
    match s {
        Stmt::For(x) => &x.body,
        Stmt::While(x) => &x.body,
        _ => &[],
    }
}

/// The loop statement whose header is on line `hl` (a `for` or a `while`, innermost match).
pub(super) fn ast_loop<'a>(
    scope: &'a [Stmt],
    lines: &crate::parse::LineMap,
    hl: u32,
    is_for: bool,
) -> Option<&'a Stmt> {
    let line = |off: usize| lines.pos(off).0;
    let mut found: Option<&Stmt> = None;
    find_loop(scope, &mut |s: &Stmt| {
        let (test_true, first) = match s {
            Stmt::For(x) if is_for => (false, x.body.first()),
            Stmt::While(x) if !is_for => (
                matches!(&*x.test, Expr::BooleanLiteral(b) if b.value),
                x.body.first(),
            ),
            _ => return,
        };
        let start = line(s.range().start().to_usize());
        let body_line = first.map_or(start, |b| line(b.range().start().to_usize()));
        let in_header =
            (start <= hl && hl < body_line) || hl == start || (test_true && hl == body_line);
        if in_header {
            found = Some(s);
        }
    });
    found
}

/// The `if` statements (source offsets) between `block` and the statement at `offset`, when it
/// is in `block` or nested in `if` statements of it (else None).
pub(super) fn path_ifs(block: &[Stmt], offset: usize) -> Option<Vec<usize>> {
    for s in block {
        let r = s.range();
        if r.start().to_usize() == offset {
            return Some(Vec::new());
        }
        if offset < r.start().to_usize() || offset >= r.end().to_usize() {
            continue;
        }
        let Stmt::If(x) = s else {
            return None;
        };
        let mut out = std::iter::once(&x.body[..])
            .chain(x.elif_else_clauses.iter().map(|c| &c.body[..]))
            .find_map(|b| path_ifs(b, offset))?;
        out.push(r.start().to_usize());
        return Some(out);
    }
    None
}

/// Each loop header of `code` (a back-edge target) with its last back-edge.
pub(super) fn last_backedges(
    code: &crate::compiler::code::Code,
) -> std::collections::BTreeMap<usize, usize> {
    let mut last_back = std::collections::BTreeMap::new();
    for (k, i) in code.instrs.iter().enumerate() {
        if i.op == Op::JumpBackward {
            let e = last_back.entry(i.arg as usize).or_insert(k);
            *e = (*e).max(k);
        }
    }
    last_back
}

/// The statement lists nested in `s` (with `defs`, the bodies of functions and classes too).
pub(super) fn blocks(s: &Stmt, defs: bool) -> Vec<&[Stmt]> {
    match s {
        Stmt::For(x) => vec![&x.body, &x.orelse],
        Stmt::While(x) => vec![&x.body, &x.orelse],
        Stmt::If(x) => std::iter::once(&x.body[..])
            .chain(x.elif_else_clauses.iter().map(|c| &c.body[..]))
            .collect(),
        Stmt::With(x) => vec![&x.body],
        Stmt::Try(x) => {
            let mut v: Vec<&[Stmt]> = vec![&x.body];
            for h in &x.handlers {
                let ruff_python_ast::ExceptHandler::ExceptHandler(h) = h;
                v.push(&h.body);
            }
            v.extend([&x.orelse[..], &x.finalbody[..]]);
            v
        }
        Stmt::FunctionDef(x) if defs => vec![&x.body],
        Stmt::ClassDef(x) if defs => vec![&x.body],
        _ => Vec::new(),
    }
}

/// Calls `visit` on every loop statement, outer loops before inner ones (not into defs).
pub(super) fn find_loop<'a>(body: &'a [Stmt], visit: &mut dyn FnMut(&'a Stmt)) {
    for s in body {
        if matches!(s, Stmt::For(_) | Stmt::While(_)) {
            visit(s);
        }
        for b in blocks(s, false) {
            find_loop(b, visit);
        }
    }
}
