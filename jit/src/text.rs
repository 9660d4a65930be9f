//! The IR's text form: an S-expression printer and parser (round-trips exactly, NaN payloads
//! included), used by tests, dumps and error messages.
//!
//! ```text
//! ; comments run to the end of the line
//! (host log_value (f64) ())                       ; a host callback: params, results
//! (func dot ((a (array f64 1)) (b (array f64 1))) (f64)
//!   (var s f64 0.0)
//!   (for i (range 0 (shape a 0) 1)
//!     (set@5 s (add s (mul (load a i) (load b i)))))
//!   (return s))
//! ```
//!
//! Any list head may carry a line id: `(set@5 ...)`, `(load@7 a i)`. Literals: `12`, `-3`
//! (i64), `0.5`, `1e300`, `-0.0`, `inf`, `-inf`, `nan`, `nan:0x7ff8000000000001` (f64), `true`,
//! `false`. Everything else that is an atom is a variable name.

use crate::ir::*;
use std::fmt::Write;

/// A text-form syntax or structure error, with the 1-based line of the text where it happened.
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    /// Line in the text.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

// ---------------------------------------------------------------- printer

fn float_text(v: f64) -> String {
    if v.is_nan() {
        if v.to_bits() == f64::NAN.to_bits() {
            "nan".into()
        } else {
            format!("nan:0x{:x}", v.to_bits())
        }
    } else if v.is_infinite() {
        if v > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        // Debug prints the shortest text that parses back to the same bits, always with a
        // '.' or an exponent, so it cannot be mistaken for an i64.
        format!("{v:?}")
    }
}

fn head(name: &str, line: LineId) -> String {
    if line == 0 {
        name.to_string()
    } else {
        format!("{name}@{line}")
    }
}

fn binop_name(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "add",
        BinOp::Sub => "sub",
        BinOp::Mul => "mul",
        BinOp::Div => "div",
        BinOp::FloorDiv => "floordiv",
        BinOp::Mod => "mod",
        BinOp::Pow => "pow",
        BinOp::Min => "min",
        BinOp::Max => "max",
        BinOp::BitAnd => "band",
        BinOp::BitOr => "bor",
        BinOp::BitXor => "bxor",
    }
}

fn cmpop_name(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Lt => "lt",
        CmpOp::Le => "le",
        CmpOp::Gt => "gt",
        CmpOp::Ge => "ge",
        CmpOp::Eq => "eq",
        CmpOp::Ne => "ne",
    }
}

fn unop_name(op: UnOp) -> &'static str {
    match op {
        UnOp::Neg => "neg",
        UnOp::Abs => "abs",
        UnOp::Not => "not",
    }
}

/// Prints an expression on one line.
pub fn expr_to_string(e: &Expr) -> String {
    let mut s = String::new();
    write_expr(&mut s, e);
    s
}

fn write_list(out: &mut String, name: &str, line: LineId, args: &[&Expr], pre: &[String]) {
    out.push('(');
    out.push_str(&head(name, line));
    for p in pre {
        out.push(' ');
        out.push_str(p);
    }
    for a in args {
        out.push(' ');
        write_expr(out, a);
    }
    out.push(')');
}

fn write_expr(out: &mut String, e: &Expr) {
    let l = e.line;
    match &e.kind {
        ExprKind::Int(v) => {
            if l != 0 {
                let _ = write!(out, "(const@{l} {v})");
            } else {
                let _ = write!(out, "{v}");
            }
        }
        ExprKind::Float(v) => {
            if l != 0 {
                let _ = write!(out, "(const@{l} {})", float_text(*v));
            } else {
                out.push_str(&float_text(*v));
            }
        }
        ExprKind::Bool(v) => {
            if l != 0 {
                let _ = write!(out, "(const@{l} {v})");
            } else {
                let _ = write!(out, "{v}");
            }
        }
        ExprKind::Var(n) => {
            if l != 0 {
                let _ = write!(out, "(var@{l} {n})");
            } else {
                out.push_str(n);
            }
        }
        ExprKind::Bin(op, a, b) => write_list(out, binop_name(*op), l, &[a, b], &[]),
        ExprKind::Cmp(op, a, b) => write_list(out, cmpop_name(*op), l, &[a, b], &[]),
        ExprKind::And(a, b) => write_list(out, "and", l, &[a, b], &[]),
        ExprKind::Or(a, b) => write_list(out, "or", l, &[a, b], &[]),
        ExprKind::Un(op, a) => write_list(out, unop_name(*op), l, &[a], &[]),
        ExprKind::Math(f, args) => {
            write_list(out, f.name(), l, &args.iter().collect::<Vec<_>>(), &[])
        }
        ExprKind::Cast(ty, a) => write_list(out, &ty.to_string(), l, &[a], &[]),
        ExprKind::Select(c, a, b) => write_list(out, "select", l, &[c, a, b], &[]),
        ExprKind::Load(n, idx) => write_list(
            out,
            "load",
            l,
            &idx.iter().collect::<Vec<_>>(),
            std::slice::from_ref(n),
        ),
        ExprKind::Shape(n, axis) => {
            write_list(out, "shape", l, &[], &[n.clone(), axis.to_string()])
        }
        ExprKind::Alloc(d, fill, dims) => write_list(
            out,
            fill.name(),
            l,
            &dims.iter().collect::<Vec<_>>(),
            &[d.name().to_string()],
        ),
        ExprKind::Call(n, args) => write_list(
            out,
            "call",
            l,
            &args.iter().collect::<Vec<_>>(),
            std::slice::from_ref(n),
        ),
        ExprKind::CallHost(n, args) => write_list(
            out,
            "host",
            l,
            &args.iter().collect::<Vec<_>>(),
            std::slice::from_ref(n),
        ),
    }
}

fn write_block(out: &mut String, stmts: &[Stmt], ind: usize) {
    for s in stmts {
        out.push('\n');
        write_stmt(out, s, ind);
    }
}

fn write_stmt(out: &mut String, s: &Stmt, ind: usize) {
    for _ in 0..ind {
        out.push_str("  ");
    }
    let l = s.line;
    match &s.kind {
        StmtKind::Var(n, ty, init) => {
            let _ = write!(out, "({} {n} {ty}", head("var", l));
            if let Some(e) = init {
                out.push(' ');
                write_expr(out, e);
            }
            out.push(')');
        }
        StmtKind::Set(n, e) => {
            let _ = write!(out, "({} {n} ", head("set", l));
            write_expr(out, e);
            out.push(')');
        }
        StmtKind::Store(n, idx, v) => {
            let _ = write!(out, "({} {n} (", head("store", l));
            for (k, i) in idx.iter().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                write_expr(out, i);
            }
            out.push_str(") ");
            write_expr(out, v);
            out.push(')');
        }
        StmtKind::If(c, a, b) => {
            let _ = write!(out, "({} ", head("if", l));
            write_expr(out, c);
            out.push_str(" (then");
            write_block(out, a, ind + 2);
            out.push(')');
            if !b.is_empty() {
                out.push_str(" (else");
                write_block(out, b, ind + 2);
                out.push(')');
            }
            out.push(')');
        }
        StmtKind::While(c, body) => {
            let _ = write!(out, "({} ", head("while", l));
            write_expr(out, c);
            write_block(out, body, ind + 1);
            out.push(')');
        }
        StmtKind::For {
            var,
            start,
            stop,
            step,
            body,
        } => {
            let _ = write!(out, "({} {var} (range ", head("for", l));
            write_expr(out, start);
            out.push(' ');
            write_expr(out, stop);
            out.push(' ');
            write_expr(out, step);
            out.push(')');
            write_block(out, body, ind + 1);
            out.push(')');
        }
        StmtKind::Break => out.push_str(&format!("({})", head("break", l))),
        StmtKind::Continue => out.push_str(&format!("({})", head("continue", l))),
        StmtKind::Return(v) => {
            out.push('(');
            out.push_str(&head("return", l));
            for e in v {
                out.push(' ');
                write_expr(out, e);
            }
            out.push(')');
        }
        StmtKind::Unpack(names, e) => {
            let _ = write!(out, "({} ({}) ", head("unpack", l), names.join(" "));
            write_expr(out, e);
            out.push(')');
        }
        StmtKind::Expr(e) => {
            let _ = write!(out, "({} ", head("do", l));
            write_expr(out, e);
            out.push(')');
        }
        StmtKind::Assume(v, lo, hi) => {
            let _ = write!(out, "({} {v} {lo} {hi})", head("assume", l));
        }
        StmtKind::Spill(names) => {
            let _ = write!(out, "({}", head("spill", l));
            for n in names {
                let _ = write!(out, " {n}");
            }
            out.push(')');
        }
    }
}

fn types_text(tys: &[Ty]) -> String {
    tys.iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prints a function in the text form.
pub fn function_to_string(f: &Function) -> String {
    let mut out = String::new();
    let params: Vec<String> = f
        .params
        .iter()
        .map(|p| format!("({} {})", p.name, p.ty))
        .collect();
    let _ = write!(
        out,
        "(func {} ({}) ({})",
        f.name,
        params.join(" "),
        types_text(&f.rets)
    );
    write_block(&mut out, &f.body, 1);
    out.push_str(")\n");
    out
}

/// Prints a module in the text form.
pub fn module_to_string(m: &Module) -> String {
    let mut out = String::new();
    for h in &m.hosts {
        let _ = writeln!(
            out,
            "(host {} ({}) ({}))",
            h.name,
            types_text(&h.params),
            types_text(&h.rets)
        );
    }
    for f in &m.functions {
        out.push_str(&function_to_string(f));
    }
    out
}

impl std::fmt::Display for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&function_to_string(self))
    }
}

impl std::fmt::Display for Module {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&module_to_string(self))
    }
}

// ---------------------------------------------------------------- reader

#[derive(Debug, Clone)]
enum Sx {
    Atom(String, usize),
    List(Vec<Sx>, usize),
}

impl Sx {
    fn line(&self) -> usize {
        match self {
            Sx::Atom(_, l) | Sx::List(_, l) => *l,
        }
    }
}

fn err<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        message: message.into(),
    })
}

fn read_all(src: &str) -> Result<Vec<Sx>, ParseError> {
    let mut stack: Vec<(Vec<Sx>, usize)> = vec![(Vec::new(), 1)];
    let mut line = 1;
    let mut chars = src.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\n' => line += 1,
            ';' => {
                while let Some(&(_, c)) = chars.peek() {
                    if c == '\n' {
                        break;
                    }
                    chars.next();
                }
            }
            '(' => stack.push((Vec::new(), line)),
            ')' => {
                if stack.len() == 1 {
                    return err(line, "unbalanced ')'");
                }
                let (items, l) = stack.pop().unwrap();
                stack.last_mut().unwrap().0.push(Sx::List(items, l));
            }
            c if c.is_whitespace() => {}
            _ => {
                let mut end = i + c.len_utf8();
                while let Some(&(j, c)) = chars.peek() {
                    if c.is_whitespace() || c == '(' || c == ')' || c == ';' {
                        break;
                    }
                    end = j + c.len_utf8();
                    chars.next();
                }
                stack
                    .last_mut()
                    .unwrap()
                    .0
                    .push(Sx::Atom(src[i..end].to_string(), line));
            }
        }
    }
    if stack.len() != 1 {
        return err(stack.last().unwrap().1, "unclosed '('");
    }
    Ok(stack.pop().unwrap().0)
}

fn atom(x: &Sx) -> Result<&str, ParseError> {
    match x {
        Sx::Atom(a, _) => Ok(a),
        Sx::List(_, l) => err(*l, "expected a name, found a list"),
    }
}

fn list(x: &Sx) -> Result<&[Sx], ParseError> {
    match x {
        Sx::List(v, _) => Ok(v),
        Sx::Atom(a, l) => err(*l, format!("expected a list, found `{a}`")),
    }
}

/// Splits `name@12` into (`name`, 12).
fn split_head(x: &Sx) -> Result<(&str, LineId), ParseError> {
    let a = atom(x)?;
    match a.split_once('@') {
        None => Ok((a, 0)),
        Some((n, l)) => match l.parse::<LineId>() {
            Ok(l) => Ok((n, l)),
            Err(_) => err(x.line(), format!("bad line id in `{a}`")),
        },
    }
}

fn parse_dtype(s: &str, line: usize) -> Result<DType, ParseError> {
    match s {
        "f64" => Ok(DType::F64),
        "i64" => Ok(DType::I64),
        "bool" => Ok(DType::Bool),
        _ => err(line, format!("unknown dtype `{s}`")),
    }
}

fn parse_ty(x: &Sx) -> Result<Ty, ParseError> {
    match x {
        Sx::Atom(a, l) => match a.as_str() {
            "i64" => Ok(Ty::I64),
            "f64" => Ok(Ty::F64),
            "bool" => Ok(Ty::Bool),
            _ => err(*l, format!("unknown type `{a}`")),
        },
        Sx::List(v, l) => {
            if v.len() != 3 || atom(&v[0])? != "array" {
                return err(*l, "array type is (array DTYPE NDIM)");
            }
            let d = parse_dtype(atom(&v[1])?, *l)?;
            let n: u8 = match atom(&v[2])?.parse() {
                Ok(n) if (1..=MAX_NDIM as u8).contains(&n) => n,
                _ => return err(*l, format!("ndim must be 1..={MAX_NDIM}")),
            };
            Ok(Ty::Array(d, n))
        }
    }
}

fn parse_types(x: &Sx) -> Result<Vec<Ty>, ParseError> {
    list(x)?.iter().map(parse_ty).collect()
}

fn parse_literal(a: &str) -> Option<ExprKind> {
    match a {
        "true" => return Some(ExprKind::Bool(true)),
        "false" => return Some(ExprKind::Bool(false)),
        "inf" => return Some(ExprKind::Float(f64::INFINITY)),
        "-inf" => return Some(ExprKind::Float(f64::NEG_INFINITY)),
        "nan" => return Some(ExprKind::Float(f64::NAN)),
        _ => {}
    }
    if let Some(hex) = a.strip_prefix("nan:0x") {
        return u64::from_str_radix(hex, 16)
            .ok()
            .map(|b| ExprKind::Float(f64::from_bits(b)));
    }
    let body = a.strip_prefix(['-', '+']).unwrap_or(a);
    if !body.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    if let Ok(v) = a.parse::<i64>() {
        return Some(ExprKind::Int(v));
    }
    a.parse::<f64>().ok().map(ExprKind::Float)
}

fn parse_name(x: &Sx) -> Result<String, ParseError> {
    let a = atom(x)?;
    if parse_literal(a).is_some() || a.contains('@') {
        return err(x.line(), format!("`{a}` is not a valid name"));
    }
    Ok(a.to_string())
}

fn parse_exprs(xs: &[Sx]) -> Result<Vec<Expr>, ParseError> {
    xs.iter().map(parse_expr).collect()
}

fn want(args: &[Sx], n: usize, what: &str, line: usize) -> Result<(), ParseError> {
    if args.len() != n {
        return err(
            line,
            format!("`{what}` takes {n} operand(s), found {}", args.len()),
        );
    }
    Ok(())
}

fn parse_expr(x: &Sx) -> Result<Expr, ParseError> {
    let (items, l) = match x {
        Sx::Atom(a, l) => {
            if let Some(k) = parse_literal(a) {
                return Ok(Expr::new(k));
            }
            if a.contains('@') {
                return err(*l, format!("`{a}`: line ids go on list heads"));
            }
            return Ok(Expr::new(ExprKind::Var(a.clone())));
        }
        Sx::List(items, l) => (items, *l),
    };
    if items.is_empty() {
        return err(l, "empty expression");
    }
    let (name, line) = split_head(&items[0])?;
    let args = &items[1..];
    let bx = |i: usize| parse_expr(&args[i]).map(Box::new);
    let bin = |op: BinOp| -> Result<ExprKind, ParseError> {
        want(args, 2, name, l)?;
        Ok(ExprKind::Bin(op, bx(0)?, bx(1)?))
    };
    let cmp = |op: CmpOp| -> Result<ExprKind, ParseError> {
        want(args, 2, name, l)?;
        Ok(ExprKind::Cmp(op, bx(0)?, bx(1)?))
    };
    let kind = match name {
        "const" | "var" => {
            want(args, 1, name, l)?;
            parse_expr(&args[0])?.kind
        }
        "add" => bin(BinOp::Add)?,
        "sub" => bin(BinOp::Sub)?,
        "mul" => bin(BinOp::Mul)?,
        "div" => bin(BinOp::Div)?,
        "floordiv" => bin(BinOp::FloorDiv)?,
        "mod" => bin(BinOp::Mod)?,
        "pow" => bin(BinOp::Pow)?,
        "min" => bin(BinOp::Min)?,
        "max" => bin(BinOp::Max)?,
        "band" => bin(BinOp::BitAnd)?,
        "bor" => bin(BinOp::BitOr)?,
        "bxor" => bin(BinOp::BitXor)?,
        "lt" => cmp(CmpOp::Lt)?,
        "le" => cmp(CmpOp::Le)?,
        "gt" => cmp(CmpOp::Gt)?,
        "ge" => cmp(CmpOp::Ge)?,
        "eq" => cmp(CmpOp::Eq)?,
        "ne" => cmp(CmpOp::Ne)?,
        "and" | "or" => {
            want(args, 2, name, l)?;
            if name == "and" {
                ExprKind::And(bx(0)?, bx(1)?)
            } else {
                ExprKind::Or(bx(0)?, bx(1)?)
            }
        }
        "neg" | "abs" | "not" => {
            want(args, 1, name, l)?;
            let op = match name {
                "neg" => UnOp::Neg,
                "abs" => UnOp::Abs,
                _ => UnOp::Not,
            };
            ExprKind::Un(op, bx(0)?)
        }
        "i64" | "f64" | "bool" => {
            want(args, 1, name, l)?;
            ExprKind::Cast(parse_ty(&items[0].clone_atom(name))?, bx(0)?)
        }
        "select" => {
            want(args, 3, name, l)?;
            ExprKind::Select(bx(0)?, bx(1)?, bx(2)?)
        }
        "load" => {
            if args.is_empty() {
                return err(l, "`load` needs an array");
            }
            ExprKind::Load(parse_name(&args[0])?, parse_exprs(&args[1..])?)
        }
        "shape" => {
            want(args, 2, name, l)?;
            let axis = match parse_literal(atom(&args[1])?) {
                Some(ExprKind::Int(v)) => v,
                _ => return err(l, "`shape` axis must be an integer literal"),
            };
            ExprKind::Shape(parse_name(&args[0])?, axis)
        }
        "zeros" | "ones" | "empty" => {
            if args.len() < 2 {
                return err(l, format!("`{name}` takes a dtype and 1.. dims"));
            }
            let fill = match name {
                "zeros" => Fill::Zeros,
                "ones" => Fill::Ones,
                _ => Fill::Empty,
            };
            ExprKind::Alloc(
                parse_dtype(atom(&args[0])?, l)?,
                fill,
                parse_exprs(&args[1..])?,
            )
        }
        "call" | "host" => {
            if args.is_empty() {
                return err(l, format!("`{name}` needs a function name"));
            }
            let f = parse_name(&args[0])?;
            let a = parse_exprs(&args[1..])?;
            if name == "call" {
                ExprKind::Call(f, a)
            } else {
                ExprKind::CallHost(f, a)
            }
        }
        _ => match MathFn::ALL.iter().find(|m| m.name() == name) {
            Some(&m) => {
                want(args, m.arity(), name, l)?;
                ExprKind::Math(m, parse_exprs(args)?)
            }
            None => return err(l, format!("unknown operation `{name}`")),
        },
    };
    Ok(Expr { kind, line })
}

impl Sx {
    fn clone_atom(&self, name: &str) -> Sx {
        Sx::Atom(name.to_string(), self.line())
    }
}

fn parse_block(xs: &[Sx]) -> Result<Vec<Stmt>, ParseError> {
    xs.iter().map(parse_stmt).collect()
}

fn parse_tagged_block(x: &Sx, tag: &str) -> Result<Vec<Stmt>, ParseError> {
    let v = list(x)?;
    if v.is_empty() || atom(&v[0])? != tag {
        return err(x.line(), format!("expected ({tag} ...)"));
    }
    parse_block(&v[1..])
}

fn parse_stmt(x: &Sx) -> Result<Stmt, ParseError> {
    let items = list(x)?;
    let l = x.line();
    if items.is_empty() {
        return err(l, "empty statement");
    }
    let (name, line) = split_head(&items[0])?;
    let args = &items[1..];
    let kind = match name {
        "var" => {
            if args.len() != 2 && args.len() != 3 {
                return err(l, "(var NAME TYPE [INIT])");
            }
            let init = args.get(2).map(parse_expr).transpose()?;
            StmtKind::Var(parse_name(&args[0])?, parse_ty(&args[1])?, init)
        }
        "set" => {
            want(args, 2, name, l)?;
            StmtKind::Set(parse_name(&args[0])?, parse_expr(&args[1])?)
        }
        "store" => {
            want(args, 3, name, l)?;
            StmtKind::Store(
                parse_name(&args[0])?,
                parse_exprs(list(&args[1])?)?,
                parse_expr(&args[2])?,
            )
        }
        "if" => {
            if args.len() != 2 && args.len() != 3 {
                return err(l, "(if COND (then ...) [(else ...)])");
            }
            let els = match args.get(2) {
                Some(e) => parse_tagged_block(e, "else")?,
                None => Vec::new(),
            };
            StmtKind::If(
                parse_expr(&args[0])?,
                parse_tagged_block(&args[1], "then")?,
                els,
            )
        }
        "while" => {
            if args.is_empty() {
                return err(l, "(while COND STMT...)");
            }
            StmtKind::While(parse_expr(&args[0])?, parse_block(&args[1..])?)
        }
        "for" => {
            if args.len() < 2 {
                return err(l, "(for VAR (range START STOP STEP) STMT...)");
            }
            let r = list(&args[1])?;
            if r.is_empty() || atom(&r[0])? != "range" || !(2..=4).contains(&r.len()) {
                return err(l, "(range [START] STOP [STEP])");
            }
            let parts = parse_exprs(&r[1..])?;
            let (start, stop, step) = match parts.len() {
                1 => (Expr::new(ExprKind::Int(0)), parts[0].clone(), None),
                2 => (parts[0].clone(), parts[1].clone(), None),
                _ => (parts[0].clone(), parts[1].clone(), Some(parts[2].clone())),
            };
            StmtKind::For {
                var: parse_name(&args[0])?,
                start,
                stop,
                step: step.unwrap_or(Expr::new(ExprKind::Int(1))),
                body: parse_block(&args[2..])?,
            }
        }
        "break" => StmtKind::Break,
        "continue" => StmtKind::Continue,
        "return" => StmtKind::Return(parse_exprs(args)?),
        "unpack" => {
            want(args, 2, name, l)?;
            let names = list(&args[0])?
                .iter()
                .map(parse_name)
                .collect::<Result<_, _>>()?;
            StmtKind::Unpack(names, parse_expr(&args[1])?)
        }
        "do" => {
            want(args, 1, name, l)?;
            StmtKind::Expr(parse_expr(&args[0])?)
        }
        "spill" => StmtKind::Spill(args.iter().map(parse_name).collect::<Result<_, _>>()?),
        "assume" => {
            want(args, 3, name, l)?;
            let int = |a: &Sx| match parse_expr(a)?.kind {
                ExprKind::Int(v) => Ok(v),
                _ => err(a.line(), "`assume` bounds must be integer literals"),
            };
            StmtKind::Assume(parse_name(&args[0])?, int(&args[1])?, int(&args[2])?)
        }
        _ => return err(l, format!("unknown statement `{name}`")),
    };
    Ok(Stmt { kind, line })
}

/// Parses a module (any number of `(func ...)` and `(host ...)` items).
pub fn parse_module(src: &str) -> Result<Module, ParseError> {
    let mut m = Module::new();
    for item in read_all(src)? {
        let v = list(&item)?;
        let l = item.line();
        if v.is_empty() {
            return err(l, "empty item");
        }
        match atom(&v[0])? {
            "func" => {
                if v.len() < 4 {
                    return err(l, "(func NAME ((P TYPE)...) (RET...) STMT...)");
                }
                let params = list(&v[2])?
                    .iter()
                    .map(|p| {
                        let pv = list(p)?;
                        if pv.len() != 2 {
                            return err(p.line(), "parameter is (NAME TYPE)");
                        }
                        Ok(Param {
                            name: parse_name(&pv[0])?,
                            ty: parse_ty(&pv[1])?,
                        })
                    })
                    .collect::<Result<_, _>>()?;
                m.functions.push(Function {
                    name: parse_name(&v[1])?,
                    params,
                    rets: parse_types(&v[3])?,
                    body: parse_block(&v[4..])?,
                });
            }
            "host" => {
                if v.len() != 4 {
                    return err(l, "(host NAME (PARAM TYPES) (RESULT TYPES))");
                }
                m.hosts.push(HostDecl {
                    name: parse_name(&v[1])?,
                    params: parse_types(&v[2])?,
                    rets: parse_types(&v[3])?,
                });
            }
            other => return err(l, format!("unknown item `{other}`")),
        }
    }
    Ok(m)
}

/// Parses a single expression (handy in tests).
pub fn parse_expr_text(src: &str) -> Result<Expr, ParseError> {
    let v = read_all(src)?;
    if v.len() != 1 {
        return err(1, "expected exactly one expression");
    }
    parse_expr(&v[0])
}
