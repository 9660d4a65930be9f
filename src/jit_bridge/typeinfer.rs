//! Type inference: a function's AST (ruff's, re-parsed from the source) plus its argument types
//! → the typed IR of [`super::types`], with source lines.
//!
//! Variables get one type each, the unification of every value assigned to them (numba's rule),
//! found by iterating over the body until nothing changes (phase A, tolerant of not-yet-known
//! types); phase B then builds the typed IR and reports the first error. Globals are frozen at
//! compile time through a [`Resolver`]. Calls to other functions ask the resolver, which types the
//! callee for the argument types (recursion: the callee's current return-type guess).
//!
//! Typing rules are tables keyed by (operation, operand kinds), in `rules`.

// Fx hashing: names are short and trusted, and SipHash was a tenth of a nest's typing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::Ranged;

use super::rules::*;
use super::types::*;
use crate::parse::LineMap;

mod calls;
mod lifted;

pub use lifted::{infer_loop, range_param, EntryPath, Resume};

/// What a global name (or a module attribute) refers to when the function is compiled.
#[derive(Clone, Debug)]
pub enum Global {
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A module (`"numpy"`, `"math"`, ...).
    Module(String),
    /// A function of a module: ("numpy", "zeros"), ("math", "sqrt"), ("builtins", "range").
    Func(String, String),
    /// A dtype (`np.float64`, `np.int64`, `np.bool_`).
    DType(DType),
    /// A Python function or dispatcher the resolver can compile (opaque handle).
    Callee(usize),
    /// Anything else, described by its type name.
    Other(String),
    Missing,
}

/// Result of asking for a callee's signature.
pub enum CallRes {
    /// Function id in the unit and its result type.
    Done(usize, T),
    /// The callee is being typed (recursion) and has no result type yet.
    Pending,
}

/// The compile-time environment of a function: globals and callees.
pub trait Resolver {
    fn global(&mut self, name: &str) -> Global;
    fn module_attr(&mut self, module: &str, attr: &str) -> Global;
    /// Types callee `callee` for `args` (or finds it already typed).
    fn call(&mut self, callee: usize, args: &[T]) -> Result<CallRes, String>;
    /// Publishes the current guess of function `fid`'s result type (for recursive calls).
    fn publish_ret(&mut self, fid: usize, ret: &T);
    /// Whether the code is undecorated (tier-up, lifted loops): then a scalar local that may
    /// be read before it is assigned refuses typing (Python raises `UnboundLocalError`; numba,
    /// and `@njit` here, read zero).
    fn python_semantics(&self) -> bool {
        false
    }
}

/// A typing failure: where, which expression, what.
#[derive(Clone, Debug)]
pub struct TypeError {
    pub line: u32,
    pub col: u32,
    /// Source text of the offending expression or statement (first line).
    pub expr: String,
    pub msg: String,
}

enum E {
    /// A type not known yet (phase A only).
    Unknown,
    Err(TypeError),
}

type R<X> = Result<X, E>;

/// Everything inference needs about the function's source.
pub struct Source<'a> {
    pub text: &'a str,
    pub lines: &'a LineMap,
    pub filename: &'a str,
}

struct Infer<'a, 'r> {
    src: &'a Source<'a>,
    res: &'r mut dyn Resolver,
    vars: HashMap<String, T>,
    order: Vec<String>,
    /// Names assigned anywhere in the function (locals) plus parameters.
    locals: HashSet<String>,
    tolerant: bool,
    /// Phase A, this pass: a type widened or the result type changed.
    changed: bool,
    /// Phase A, this pass: a variable got its first type.
    inserted: bool,
    /// Phase A, this pass: an expression could not be typed yet (a variable without a type,
    /// a pending recursive call).
    missed: bool,
    ret: Option<T>,
    zero_div: Vec<(u32, &'static str)>,
    /// Definitely assigned variables (phase B); None = unreachable code.
    defined: Option<HashSet<String>>,
    loop_depth: usize,
    /// Lifted loops (OSR): an assignment may not change a variable's type (phase B).
    strict: bool,
    /// Lifted `for` loops (OSR): the running ranges' bounds (parameters), by source offset of
    /// the `for` statement. Each offset occurs once in the lifted code.
    osr_ranges: Vec<(usize, (TExpr, TExpr, TExpr))>,
    /// A nest entered at its hot inner loop (see [`lifted::EntryPath`]).
    entry: Option<lifted::EntryPath>,
}

/// Infers the types of `def` for argument types `args`. `fid` is the function's id in the
/// compilation unit (for recursive calls).
pub fn infer(
    def: &ast::StmtFunctionDef,
    src: &Source,
    args: &[T],
    res: &mut dyn Resolver,
    fid: usize,
) -> Result<TFunc, TypeError> {
    let p = &def.parameters;
    let line0 = src.lines.pos(def.range().start().to_usize()).0;
    let fail = |msg: String| TypeError {
        line: line0,
        col: 0,
        expr: format!("def {}", def.name.as_str()),
        msg,
    };
    if p.vararg.is_some() || p.kwarg.is_some() || !p.kwonlyargs.is_empty() {
        return Err(fail(
            "*args, **kwargs and keyword-only parameters are not supported".into(),
        ));
    }
    let names: Vec<String> = p
        .posonlyargs
        .iter()
        .chain(p.args.iter())
        .map(|a| a.parameter.name.as_str().to_string())
        .collect();
    if names.len() != args.len() {
        return Err(fail(format!(
            "{} takes {} arguments, {} given",
            def.name.as_str(),
            names.len(),
            args.len()
        )));
    }
    for (n, t) in names.iter().zip(args) {
        if let T::Tuple(_) | T::NoneT = t {
            return Err(fail(format!("argument `{n}` of type {t} is not supported")));
        }
    }
    let params: Vec<(String, T)> = names.iter().cloned().zip(args.iter().cloned()).collect();
    let mut inf = Infer::new(src, res, &params, &def.body, false, Vec::new(), None);
    // Phase A: fixpoint of variable and result types.
    for _ in 0..50 {
        inf.start_pass();
        let _ = inf.block(&def.body);
        if let Some(r) = &inf.ret {
            let r = r.clone();
            inf.res.publish_ret(fid, &r);
        }
        if inf.settled() {
            break;
        }
    }
    // Phase B: build the typed IR, report the first error.
    inf.phase_b(&names);
    let ret_before = inf.ret.clone();
    let body = match inf.block(&def.body) {
        Ok(b) => b,
        Err(E::Err(e)) => return Err(e),
        Err(E::Unknown) => {
            return Err(fail(
                "cannot determine the result type of a recursive call".into(),
            ))
        }
    };
    if inf.ret != ret_before {
        return Err(fail("result type did not converge".into()));
    }
    let ret = inf.ret.clone().unwrap_or(T::NoneT);
    if ret != T::NoneT && !terminates(&def.body) {
        return Err(fail(format!(
            "function may end without returning a value (result type {ret}; an implicit \
             `return None` would make it Optional)"
        )));
    }
    let last = src.lines.pos(def.range().end().to_usize()).0;
    let params: Vec<(String, T)> = names.iter().cloned().zip(args.iter().cloned()).collect();
    Ok(inf.finish(def.name.as_str(), params, ret, body, (line0, last)))
}

/// Names bound by assignments (targets, loop variables) in a body.
pub(crate) fn collect_assigned(body: &[Stmt], out: &mut HashSet<String>) {
    fn target(e: &Expr, out: &mut HashSet<String>) {
        match e {
            Expr::Name(n) => {
                out.insert(n.id.as_str().to_string());
            }
            Expr::Tuple(t) => t.elts.iter().for_each(|x| target(x, out)),
            Expr::List(t) => t.elts.iter().for_each(|x| target(x, out)),
            _ => {}
        }
    }
    for s in body {
        match s {
            Stmt::Assign(a) => a.targets.iter().for_each(|t| target(t, out)),
            Stmt::AugAssign(a) => target(&a.target, out),
            Stmt::AnnAssign(a) => target(&a.target, out),
            Stmt::For(f) => {
                target(&f.target, out);
                collect_assigned(&f.body, out);
                collect_assigned(&f.orelse, out);
            }
            Stmt::While(w) => {
                collect_assigned(&w.body, out);
                collect_assigned(&w.orelse, out);
            }
            Stmt::If(i) => {
                collect_assigned(&i.body, out);
                for c in &i.elif_else_clauses {
                    collect_assigned(&c.body, out);
                }
            }
            Stmt::FunctionDef(f) => {
                out.insert(f.name.as_str().to_string());
            }
            _ => {}
        }
    }
}

/// Whether a body never falls off its end.
fn terminates(body: &[Stmt]) -> bool {
    match body.last() {
        Some(Stmt::Return(_)) | Some(Stmt::Raise(_)) => true,
        Some(Stmt::If(i)) => {
            terminates(&i.body)
                && i.elif_else_clauses.last().is_some_and(|c| c.test.is_none())
                && i.elif_else_clauses.iter().all(|c| terminates(&c.body))
        }
        Some(Stmt::While(w)) => {
            matches!(&*w.test, Expr::BooleanLiteral(b) if b.value) && !has_break(&w.body)
        }
        _ => false,
    }
}

fn has_break(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::Break(_) => true,
        Stmt::If(i) => has_break(&i.body) || i.elif_else_clauses.iter().any(|c| has_break(&c.body)),
        _ => false,
    })
}

fn lit_int(e: &Expr) -> Option<i64> {
    match e {
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => i.as_i64(),
            _ => None,
        },
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => lit_int(&u.operand).map(|v| -v),
        _ => None,
    }
}

impl<'a, 'r> Infer<'a, 'r> {
    /// An inference over `body` (phase A: tolerant) with `params` bound to their types.
    /// `strict` for lifted loops; `osr_ranges` as for the field.
    fn new(
        src: &'a Source<'a>,
        res: &'r mut dyn Resolver,
        params: &[(String, T)],
        body: &[Stmt],
        strict: bool,
        osr_ranges: Vec<(usize, (TExpr, TExpr, TExpr))>,
        entry: Option<lifted::EntryPath>,
    ) -> Self {
        let mut locals: HashSet<String> = params.iter().map(|(n, _)| n.clone()).collect();
        collect_assigned(body, &mut locals);
        Infer {
            src,
            res,
            vars: params.iter().cloned().collect(),
            order: params.iter().map(|(n, _)| n.clone()).collect(),
            locals,
            tolerant: true,
            changed: false,
            inserted: false,
            missed: false,
            ret: None,
            zero_div: Vec::new(),
            defined: None,
            loop_depth: 0,
            strict,
            osr_ranges,
            entry,
        }
    }

    /// The typed function: `params`, then every other variable as a local.
    fn finish(
        self,
        name: &str,
        params: Vec<(String, T)>,
        ret: T,
        body: Vec<TStmt>,
        lines: (u32, u32),
    ) -> TFunc {
        let locals = self
            .order
            .iter()
            .filter(|n| !params.iter().any(|(p, _)| p == *n))
            .map(|n| (n.clone(), self.vars[n].clone()))
            .collect();
        TFunc {
            name: name.to_string(),
            filename: self.src.filename.to_string(),
            params,
            locals,
            ret,
            body,
            zero_div: self.zero_div,
            lines,
        }
    }

    /// Phase B: errors are reported, and only `params` are assigned at the start.
    /// Phase A: before a pass over the body.
    fn start_pass(&mut self) {
        self.changed = false;
        self.inserted = false;
        self.missed = false;
    }

    /// Phase A: whether another pass would type nothing differently. A variable's first type
    /// matters only to a read that came before it in the pass (and missed); a widened type or
    /// a new result type may change any expression. nbody's nest: its first pass gave only the
    /// range temporaries (`$lo_…`) their types, always before their reads, and the second pass
    /// (a sixth of the typing: 26 of about 165 µs) is gone.
    fn settled(&self) -> bool {
        !(self.changed || self.inserted && self.missed)
    }

    fn phase_b(&mut self, params: &[String]) {
        self.tolerant = false;
        self.zero_div.clear();
        self.defined = Some(params.iter().cloned().collect());
    }

    fn pos(&self, node: &impl Ranged) -> (u32, u32) {
        let (l, c) = self.src.lines.pos(node.range().start().to_usize());
        (l, c + 1)
    }
    fn line(&self, node: &impl Ranged) -> u32 {
        self.pos(node).0
    }
    fn text(&self, node: &impl Ranged) -> String {
        let r = node.range();
        let s = self
            .src
            .text
            .get(r.start().to_usize()..r.end().to_usize())
            .unwrap_or("");
        let first = s.lines().next().unwrap_or("");
        if first.len() < s.len() {
            format!("{first} ...")
        } else {
            first.to_string()
        }
    }
    fn err<X>(&self, node: &impl Ranged, msg: impl Into<String>) -> R<X> {
        let (line, col) = self.pos(node);
        Err(E::Err(TypeError {
            line,
            col,
            expr: self.text(node),
            msg: msg.into(),
        }))
    }

    fn set_var(&mut self, node: &impl Ranged, name: &str, t: &T) -> R<()> {
        if let T::NoneT = t {
            return self.err(
                node,
                format!("cannot assign a value of type none to `{name}`"),
            );
        }
        if let T::Tuple(ts) = t {
            if ts.iter().any(|x| !x.is_scalar() && !x.is_array()) {
                return self.err(node, format!("nested tuples are not supported ({t})"));
            }
        }
        match self.vars.get(name) {
            None => {
                self.vars.insert(name.to_string(), t.clone());
                self.order.push(name.to_string());
                self.inserted = true;
            }
            Some(old) if self.strict && !self.tolerant && old != t => {
                let old = old.clone();
                return self.err(
                    node,
                    format!("the type of `{name}` would change in the loop ({old} and {t})"),
                );
            }
            Some(old) => match unify(old, t) {
                Some(u) => {
                    if &u != old {
                        self.vars.insert(name.to_string(), u);
                        self.changed = true;
                    }
                }
                None => {
                    let old = old.clone();
                    return self.err(
                        node,
                        format!("cannot unify {old} and {t} for variable `{name}`"),
                    );
                }
            },
        }
        if let Some(d) = &mut self.defined {
            d.insert(name.to_string());
        }
        Ok(())
    }

    // ----- statements -----

    /// In phase A a condition that cannot be typed yet must not hide the assignments in the
    /// blocks it guards.
    fn soft(&self, r: R<TExpr>) -> R<TExpr> {
        match r {
            Err(_) if self.tolerant => Ok(TExpr {
                kind: TK::Bool(true),
                ty: T::Bool,
                line: 0,
            }),
            r => r,
        }
    }

    fn block(&mut self, body: &[Stmt]) -> R<Vec<TStmt>> {
        let mut out = Vec::with_capacity(body.len());
        let mut first_err: Option<E> = None;
        // On an entry path the statements before the path ran in the interpreter already.
        let path = body.iter().position(|s| self.on_path(s));
        for (k, s) in body.iter().enumerate() {
            if Some(k) == path && !out.is_empty() {
                let line = self.line(s);
                let before = std::mem::take(&mut out);
                let cond = lifted::entering(line, true);
                out.push(TStmt {
                    kind: SK::If(cond, before, vec![]),
                    line,
                });
            }
            match self.stmt(s, &mut out) {
                Ok(()) => {}
                Err(e) => {
                    if !self.tolerant {
                        return Err(e);
                    }
                    if first_err.is_none() {
                        first_err = Some(e);
                    }
                }
            }
        }
        match first_err {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    /// True if `s` is on the entry path of a nest entered at its hot loop.
    fn on_path(&self, s: &Stmt) -> bool {
        self.entry
            .as_ref()
            .is_some_and(|p| p.on_path.contains(&s.range().start().to_usize()))
    }

    fn sub_block(&mut self, body: &[Stmt]) -> R<Vec<TStmt>> {
        if self.tolerant {
            // Keep going through nested blocks so every assignment is seen.
            Ok(self.block(body).unwrap_or_default())
        } else {
            self.block(body)
        }
    }

    fn stmt(&mut self, s: &Stmt, out: &mut Vec<TStmt>) -> R<()> {
        let line = self.line(s);
        let push = |out: &mut Vec<TStmt>, kind: SK| out.push(TStmt { kind, line });
        match s {
            Stmt::Pass(_) => {}
            Stmt::Expr(e) => {
                if let Expr::StringLiteral(_) = &*e.value {
                    return Ok(());
                }
                let x = self.expr(&e.value)?;
                push(out, SK::Expr(x));
            }
            Stmt::Assign(a) => {
                let v = self.expr(&a.value)?;
                if a.targets.len() == 1 {
                    self.assign_to(&a.targets[0], v, line, out)?;
                } else {
                    // `a = b = e`: evaluate once into the first target, copy to the others.
                    let tmp = format!("$chain{line}");
                    self.set_var(s, &tmp, &v.ty)?;
                    let ty = v.ty.clone();
                    push(out, SK::Assign(tmp.clone(), v));
                    for t in &a.targets {
                        let src = TExpr {
                            kind: TK::Var(tmp.clone()),
                            ty: ty.clone(),
                            line,
                        };
                        self.assign_to(t, src, line, out)?;
                    }
                }
            }
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    let v = self.expr(v)?;
                    self.assign_to(&a.target, v, line, out)?;
                }
            }
            Stmt::AugAssign(a) => {
                let Some(op) = py_op(a.op) else {
                    return self.err(s, format!("operator {} is not supported", a.op.as_str()));
                };
                let rhs = self.expr(&a.value)?;
                match &*a.target {
                    Expr::Name(n) => {
                        let cur = self.name(n)?;
                        let v = self.binop(s, op, cur, rhs)?;
                        self.assign_to(&a.target, v, line, out)?;
                    }
                    Expr::Subscript(sub) => {
                        let cur = self.subscript(sub)?;
                        let v = self.binop(s, op, cur, rhs)?;
                        self.store(sub, v, line, out)?;
                    }
                    _ => return self.err(s, "unsupported augmented assignment target"),
                }
            }
            Stmt::Return(r) => {
                let v = match &r.value {
                    Some(v) => Some(self.expr(v)?),
                    None => None,
                };
                let t = v.as_ref().map_or(T::NoneT, |v| v.ty.clone());
                match &self.ret {
                    None => {
                        self.ret = Some(t);
                        self.changed = true;
                    }
                    Some(old) => match unify(old, &t) {
                        Some(u) => {
                            if &u != old {
                                self.ret = Some(u);
                                self.changed = true;
                            }
                        }
                        None => {
                            let old = old.clone();
                            return self.err(s, format!("cannot unify return types {old} and {t}"));
                        }
                    },
                }
                push(out, SK::Return(v));
                self.defined = None;
            }
            Stmt::If(i) => {
                let c = self.cond(&i.test);
                let c = self.soft(c)?;
                // On an entry path: the clause the path goes through (0 = the body).
                let through = if self.on_path(s) {
                    std::iter::once(&i.body[..])
                        .chain(i.elif_else_clauses.iter().map(|c| &c.body[..]))
                        .position(|b| b.iter().any(|x| self.on_path(x)))
                } else {
                    None
                };
                let c = match through {
                    Some(p) => lifted::path_cond(c, p == 0),
                    None => c,
                };
                let before = self.defined.clone();
                let then = self.sub_block(&i.body)?;
                let mut after = self.defined.clone();
                // Build the elif/else chain from the end.
                let mut branches = Vec::new();
                for clause in &i.elif_else_clauses {
                    self.defined = before.clone();
                    let cc = match &clause.test {
                        Some(t) => {
                            let c = self.cond(t);
                            let c = self.soft(c)?;
                            let k = branches.len() + 1;
                            Some(match through {
                                Some(p) if p >= k => lifted::path_cond(c, p == k),
                                _ => c,
                            })
                        }
                        None => None,
                    };
                    let b = self.sub_block(&clause.body)?;
                    let l = self.line(clause);
                    branches.push((cc, b, l));
                    after = meet(after, self.defined.clone());
                }
                if i.elif_else_clauses.last().is_none_or(|c| c.test.is_some()) {
                    after = meet(after, before);
                }
                self.defined = after;
                let mut els: Vec<TStmt> = Vec::new();
                for (cc, b, l) in branches.into_iter().rev() {
                    els = match cc {
                        None => b,
                        Some(cc) => vec![TStmt {
                            kind: SK::If(cc, b, els),
                            line: l,
                        }],
                    };
                }
                push(out, SK::If(c, then, els));
            }
            Stmt::While(w) => {
                if !w.orelse.is_empty() {
                    return self.err(s, "while ... else is not supported");
                }
                let c = self.cond(&w.test);
                let mut c = self.soft(c)?;
                let at = s.range().start().to_usize();
                match self.entry.as_ref().map(|p| p.hot == at) {
                    // The hot loop resumes at its test: the entry is over.
                    Some(true) => out.push(lifted::entered(line)),
                    // An outer loop on the path is in the middle of an iteration.
                    Some(false) if self.on_path(s) => c = lifted::path_cond(c, true),
                    _ => {}
                }
                let before = self.defined.clone();
                self.loop_depth += 1;
                let body = self.sub_block(&w.body);
                self.loop_depth -= 1;
                let body = body?;
                self.defined = if matches!(&*w.test, Expr::BooleanLiteral(b) if b.value) {
                    before
                } else {
                    meet(before, self.defined.clone())
                };
                push(out, SK::While(c, body));
            }
            Stmt::For(f) => {
                if !f.orelse.is_empty() {
                    return self.err(s, "for ... else is not supported");
                }
                let Expr::Name(var) = &*f.target else {
                    return self.err(
                        &*f.target,
                        "only `for name in range(...)` loops are supported",
                    );
                };
                let at = s.range().start().to_usize();
                let lifted = self
                    .osr_ranges
                    .iter()
                    .find(|(o, _)| *o == at)
                    .map(|(_, b)| b.clone());
                // On an entry path the loop needs both its own bounds and the running range's.
                let entry_hot = self.entry.as_ref().map(|p| p.hot == at);
                let bounds = match (&lifted, entry_hot) {
                    (Some(b), None) => Ok(b.clone()),
                    _ => self.range_args(&f.iter),
                };
                let (start, stop, step) = match bounds {
                    Ok(r) => r,
                    Err(e) if !self.tolerant => return Err(e),
                    Err(_) => {
                        let z = TExpr {
                            kind: TK::Int(0),
                            ty: T::I64,
                            line,
                        };
                        (z.clone(), z.clone(), z)
                    }
                };
                let vname = var.id.as_str().to_string();
                self.set_var(&*f.target, &vname, &T::I64)?;
                let before = self.defined.clone();
                self.loop_depth += 1;
                let body = self.sub_block(&f.body);
                self.loop_depth -= 1;
                let body = body?;
                self.defined = meet(before, self.defined.clone());
                if let (Some(resumed), Some(hot)) = (lifted, entry_hot) {
                    for what in ["lo", "hi", "st", "ctr"] {
                        self.set_var(s, &lifted::temp(what, at), &T::I64)?;
                    }
                    let own = (start, stop, step);
                    out.extend(lifted::entry_for(at, hot, &vname, own, resumed, body, line));
                    return Ok(());
                }
                push(
                    out,
                    SK::For {
                        var: vname,
                        start,
                        stop,
                        step,
                        body,
                    },
                );
            }
            Stmt::Break(_) | Stmt::Continue(_) => {
                if self.loop_depth == 0 {
                    return self.err(s, "break/continue outside a loop");
                }
                push(
                    out,
                    if matches!(s, Stmt::Break(_)) {
                        SK::Break
                    } else {
                        SK::Continue
                    },
                );
                self.defined = None;
            }
            _ => {
                let what = match s {
                    Stmt::Raise(_) => "raise",
                    Stmt::Try(_) => "try",
                    Stmt::With(_) => "with",
                    Stmt::FunctionDef(_) => "nested def",
                    Stmt::ClassDef(_) => "class",
                    Stmt::Import(_) | Stmt::ImportFrom(_) => "import",
                    Stmt::Global(_) | Stmt::Nonlocal(_) => "global/nonlocal",
                    Stmt::Delete(_) => "del",
                    Stmt::Assert(_) => "assert",
                    Stmt::Match(_) => "match",
                    _ => "this statement",
                };
                return self.err(s, format!("`{what}` is not supported in compiled code"));
            }
        }
        Ok(())
    }

    fn range_args(&mut self, it: &Expr) -> R<(TExpr, TExpr, TExpr)> {
        let Expr::Call(c) = it else {
            return self.err(it, "only `for name in range(...)` loops are supported");
        };
        let is_range = match &*c.func {
            Expr::Name(n) if !self.locals.contains(n.id.as_str()) => matches!(
                self.res.global(n.id.as_str()),
                Global::Func(m, f) if m == "builtins" && f == "range"
            ),
            Expr::Attribute(a) => match self.static_value(&a.value) {
                Some(Global::Module(m)) => matches!(
                    self.res.module_attr(&m, a.attr.as_str()),
                    Global::Func(m, f) if m == "builtins" && f == "range"
                ),
                _ => false,
            },
            _ => false,
        };
        if !is_range || !c.arguments.keywords.is_empty() {
            return self.err(it, "only `for name in range(...)` loops are supported");
        }
        let mut a = Vec::new();
        for x in c.arguments.args.iter() {
            let v = self.expr(x)?;
            if !matches!(v.ty, T::I64 | T::Bool) {
                return self.err(
                    x,
                    format!("range() arguments must be integers, not {}", v.ty),
                );
            }
            a.push(v);
        }
        let l = self.line(it);
        let int = |v: i64| TExpr {
            kind: TK::Int(v),
            ty: T::I64,
            line: l,
        };
        Ok(match a.len() {
            1 => (int(0), a.remove(0), int(1)),
            2 => {
                let stop = a.remove(1);
                (a.remove(0), stop, int(1))
            }
            3 => {
                let step = a.remove(2);
                let stop = a.remove(1);
                (a.remove(0), stop, step)
            }
            n => return self.err(it, format!("range expected 1 to 3 arguments, got {n}")),
        })
    }

    fn assign_to(&mut self, target: &Expr, v: TExpr, line: u32, out: &mut Vec<TStmt>) -> R<()> {
        match target {
            Expr::Name(n) => {
                let name = n.id.as_str().to_string();
                self.set_var(target, &name, &v.ty)?;
                out.push(TStmt {
                    kind: SK::Assign(name, v),
                    line,
                });
            }
            Expr::Tuple(_) | Expr::List(_) => {
                let elts = match target {
                    Expr::Tuple(t) => &t.elts,
                    Expr::List(t) => &t.elts,
                    _ => unreachable_target(),
                };
                let T::Tuple(ts) = &v.ty else {
                    return self.err(target, format!("cannot unpack a value of type {}", v.ty));
                };
                if ts.len() != elts.len() {
                    return self.err(
                        target,
                        format!(
                            "cannot unpack {} values into {} names",
                            ts.len(),
                            elts.len()
                        ),
                    );
                }
                let mut names = Vec::new();
                for (e, t) in elts.iter().zip(ts) {
                    let Expr::Name(n) = e else {
                        return self.err(e, "only names can be unpacking targets");
                    };
                    let name = n.id.as_str().to_string();
                    self.set_var(e, &name, t)?;
                    names.push(name);
                }
                out.push(TStmt {
                    kind: SK::Unpack(names, v),
                    line,
                });
            }
            Expr::Subscript(sub) => self.store(sub, v, line, out)?,
            _ => return self.err(target, "unsupported assignment target"),
        }
        Ok(())
    }

    fn store(
        &mut self,
        sub: &ast::ExprSubscript,
        v: TExpr,
        line: u32,
        out: &mut Vec<TStmt>,
    ) -> R<()> {
        let (name, ty) = self.array_var(&sub.value)?;
        let T::Arr(dt, nd) = ty else {
            return self.err(
                &*sub.value,
                format!("item assignment on {ty} is not supported"),
            );
        };
        let idx = self.indices(&sub.slice, nd)?;
        if !v.ty.is_scalar() {
            return self.err(
                sub,
                format!(
                    "cannot store a value of type {} into an element of {}",
                    v.ty,
                    T::Arr(dt, nd)
                ),
            );
        }
        // numpy converts on store (float → int truncates, any → bool is `!= 0`).
        let target = T::of_dtype(dt);
        let v = if v.ty == target || (target == T::F64 && v.ty != T::F64) {
            v
        } else {
            let l = v.line;
            TExpr {
                kind: TK::Cast(target.clone(), Box::new(v)),
                ty: target,
                line: l,
            }
        };
        out.push(TStmt {
            kind: SK::Store(name, idx, v),
            line,
        });
        Ok(())
    }

    // ----- expressions -----

    /// A condition: Python truthiness of a scalar.
    fn cond(&mut self, e: &Expr) -> R<TExpr> {
        if let Expr::BoolOp(b) = e {
            let mut parts = Vec::new();
            for v in &b.values {
                parts.push(self.cond(v)?);
            }
            return Ok(self.fold_bool(b.op, parts, self.line(e)));
        }
        if let Expr::UnaryOp(u) = e {
            if u.op == ast::UnaryOp::Not {
                let c = self.cond(&u.operand)?;
                return Ok(TExpr {
                    kind: TK::Un(UnOp::Not, Box::new(c)),
                    ty: T::Bool,
                    line: self.line(e),
                });
            }
        }
        let v = self.expr(e)?;
        self.truth(e, v)
    }

    fn truth(&self, e: &Expr, v: TExpr) -> R<TExpr> {
        match v.ty {
            T::Bool => Ok(v),
            T::I64 | T::F64 => {
                let l = v.line;
                Ok(TExpr {
                    kind: TK::Cast(T::Bool, Box::new(v)),
                    ty: T::Bool,
                    line: l,
                })
            }
            _ => self.err(e, format!("the truth value of {} is not supported", v.ty)),
        }
    }

    fn fold_bool(&self, op: ast::BoolOp, parts: Vec<TExpr>, line: u32) -> TExpr {
        let mut it = parts.into_iter();
        let mut acc = it.next().unwrap_or(TExpr {
            kind: TK::Bool(true),
            ty: T::Bool,
            line,
        });
        for p in it {
            let kind = match op {
                ast::BoolOp::And => TK::And(Box::new(acc), Box::new(p)),
                ast::BoolOp::Or => TK::Or(Box::new(acc), Box::new(p)),
            };
            acc = TExpr {
                kind,
                ty: T::Bool,
                line,
            };
        }
        acc
    }

    fn name(&mut self, n: &ast::ExprName) -> R<TExpr> {
        let id = n.id.as_str();
        let line = self.line(n);
        if self.locals.contains(id) {
            let Some(t) = self.vars.get(id).cloned() else {
                if self.tolerant {
                    self.missed = true;
                    return Err(E::Unknown);
                }
                return self.err(n, format!("cannot determine the type of `{id}`"));
            };
            // Possibly-unassigned arrays would be null descriptors in native code: refuse.
            // Scalars start at zero (numba's behaviour, kept under `@jit`); undecorated code
            // keeps Python's `UnboundLocalError` by staying interpreted.
            let strict = !t.is_scalar() || self.res.python_semantics();
            if let (Some(d), true) = (&self.defined, strict) {
                if !d.contains(id) {
                    return self.err(
                        n,
                        format!("local variable `{id}` may be used before it is assigned"),
                    );
                }
            }
            return Ok(TExpr {
                kind: TK::Var(id.to_string()),
                ty: t,
                line,
            });
        }
        let g = self.res.global(id);
        self.global_value(n, g, id)
    }

    fn global_value(&self, node: &impl Ranged, g: Global, id: &str) -> R<TExpr> {
        let line = self.line(node);
        let (kind, ty) = match g {
            Global::Int(v) => (TK::Int(v), T::I64),
            Global::Float(v) => (TK::Float(v), T::F64),
            Global::Bool(v) => (TK::Bool(v), T::Bool),
            Global::Missing => return self.err(node, format!("name `{id}` is not defined")),
            Global::Other(t) => {
                return self.err(
                    node,
                    format!("global `{id}` of type {t} cannot be used in compiled code"),
                )
            }
            Global::Module(m) => {
                return self.err(node, format!("module `{m}` cannot be used as a value"))
            }
            _ => return self.err(node, format!("`{id}` cannot be used as a value")),
        };
        Ok(TExpr { kind, ty, line })
    }

    /// The compile-time meaning of a name or attribute chain rooted at a global.
    fn static_value(&mut self, e: &Expr) -> Option<Global> {
        match e {
            Expr::Name(n) if !self.locals.contains(n.id.as_str()) => {
                Some(self.res.global(n.id.as_str()))
            }
            Expr::Attribute(a) => match self.static_value(&a.value)? {
                Global::Module(m) => Some(self.res.module_attr(&m, a.attr.as_str())),
                _ => None,
            },
            _ => None,
        }
    }

    fn expr(&mut self, e: &Expr) -> R<TExpr> {
        let line = self.line(e);
        let mk = |kind, ty| TExpr { kind, ty, line };
        match e {
            Expr::NumberLiteral(n) => match &n.value {
                ast::Number::Int(i) => match i.as_i64() {
                    Some(v) => Ok(mk(TK::Int(v), T::I64)),
                    None => self.err(e, "integer literal does not fit in int64"),
                },
                ast::Number::Float(f) => Ok(mk(TK::Float(*f), T::F64)),
                ast::Number::Complex { .. } => self.err(e, "complex numbers are not supported"),
            },
            Expr::BooleanLiteral(b) => Ok(mk(TK::Bool(b.value), T::Bool)),
            Expr::Name(n) => self.name(n),
            Expr::UnaryOp(u) => {
                let v = self.expr(&u.operand)?;
                match (u.op, &v.ty) {
                    (ast::UnaryOp::Not, _) => {
                        let c = self.truth(e, v)?;
                        Ok(mk(TK::Un(UnOp::Not, Box::new(c)), T::Bool))
                    }
                    (ast::UnaryOp::USub, T::I64 | T::Bool) => {
                        Ok(mk(TK::Un(UnOp::Neg, Box::new(v)), T::I64))
                    }
                    (ast::UnaryOp::USub, T::F64) => Ok(mk(TK::Un(UnOp::Neg, Box::new(v)), T::F64)),
                    (ast::UnaryOp::UAdd, T::I64 | T::Bool) => {
                        Ok(mk(TK::Cast(T::I64, Box::new(v)), T::I64))
                    }
                    (ast::UnaryOp::UAdd, T::F64) => Ok(v),
                    (ast::UnaryOp::Invert, T::I64 | T::Bool) => {
                        let m1 = mk(TK::Int(-1), T::I64);
                        let v = mk(TK::Cast(T::I64, Box::new(v)), T::I64);
                        Ok(mk(
                            TK::Bin(BinOp::BitXor, Box::new(v), Box::new(m1)),
                            T::I64,
                        ))
                    }
                    (ast::UnaryOp::USub, T::Arr(DType::F64, _)) => {
                        let t = v.ty.clone();
                        Ok(mk(TK::ArrayNeg(Box::new(v)), t))
                    }
                    (ast::UnaryOp::USub, T::Arr(..)) => {
                        let z = mk(TK::Int(0), T::I64);
                        self.binop(e, Op::Sub, z, v)
                    }
                    (op, t) => {
                        let t = t.clone();
                        self.err(e, format!("unary {} is not supported for {t}", op.as_str()))
                    }
                }
            }
            Expr::BinOp(b) => {
                let Some(op) = py_op(b.op) else {
                    return self.err(e, format!("operator {} is not supported", b.op.as_str()));
                };
                let l = self.expr(&b.left)?;
                let r = self.expr(&b.right)?;
                self.binop(e, op, l, r)
            }
            Expr::BoolOp(b) => {
                let mut parts = Vec::new();
                for v in &b.values {
                    let x = self.expr(v)?;
                    if x.ty != T::Bool {
                        return self.err(
                            v,
                            format!(
                                "`{}` on {} values is only supported in conditions",
                                b.op.as_str(),
                                x.ty
                            ),
                        );
                    }
                    parts.push(x);
                }
                Ok(self.fold_bool(b.op, parts, line))
            }
            Expr::Compare(c) => {
                let mut left = self.expr(&c.left)?;
                let mut parts = Vec::new();
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    let r = self.expr(right)?;
                    let cop = match op {
                        ast::CmpOp::Lt => CmpOp::Lt,
                        ast::CmpOp::LtE => CmpOp::Le,
                        ast::CmpOp::Gt => CmpOp::Gt,
                        ast::CmpOp::GtE => CmpOp::Ge,
                        ast::CmpOp::Eq => CmpOp::Eq,
                        ast::CmpOp::NotEq => CmpOp::Ne,
                        _ => {
                            return self
                                .err(e, format!("comparison {} is not supported", op.as_str()))
                        }
                    };
                    if !left.ty.is_scalar() || !r.ty.is_scalar() {
                        return self.err(
                            e,
                            format!(
                                "comparison {} between {} and {} is not supported",
                                op.as_str(),
                                left.ty,
                                r.ty
                            ),
                        );
                    }
                    parts.push(mk(
                        TK::Cmp(cop, Box::new(left), Box::new(r.clone())),
                        T::Bool,
                    ));
                    left = r;
                }
                Ok(self.fold_bool(ast::BoolOp::And, parts, line))
            }
            Expr::If(i) => {
                let c = self.cond(&i.test)?;
                let a = self.expr(&i.body)?;
                let b = self.expr(&i.orelse)?;
                match unify(&a.ty, &b.ty) {
                    Some(t) if t.is_scalar() => {
                        Ok(mk(TK::Select(Box::new(c), Box::new(a), Box::new(b)), t))
                    }
                    _ => self.err(
                        e,
                        format!(
                            "conditional expression with branches {} and {} is not supported",
                            a.ty, b.ty
                        ),
                    ),
                }
            }
            Expr::Tuple(t) => {
                let mut items = Vec::new();
                for x in &t.elts {
                    let v = self.expr(x)?;
                    if !v.ty.is_scalar() && !v.ty.is_array() {
                        return self.err(x, format!("nested {} in a tuple is not supported", v.ty));
                    }
                    items.push(v);
                }
                let ty = T::Tuple(items.iter().map(|v| v.ty.clone()).collect());
                Ok(mk(TK::Tuple(items), ty))
            }
            Expr::Attribute(a) => self.attribute(a),
            Expr::Subscript(s) => self.subscript(s),
            Expr::Call(c) => self.call(c),
            _ => {
                let what = match e {
                    Expr::List(_) => "list displays",
                    Expr::Dict(_) => "dict displays",
                    Expr::Set(_) => "set displays",
                    Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) => "comprehensions",
                    Expr::Generator(_) => "generator expressions",
                    Expr::Lambda(_) => "lambdas",
                    Expr::StringLiteral(_) | Expr::FString(_) => "strings",
                    Expr::BytesLiteral(_) => "bytes",
                    Expr::NoneLiteral(_) => "None values",
                    Expr::Slice(_) => "slices",
                    Expr::Yield(_) | Expr::YieldFrom(_) | Expr::Await(_) => "yield/await",
                    Expr::Named(_) => "assignment expressions",
                    Expr::Starred(_) => "starred expressions",
                    _ => "this expression",
                };
                self.err(e, format!("{what} are not supported in compiled code"))
            }
        }
    }

    fn binop(&mut self, node: &impl Ranged, op: Op, l: TExpr, r: TExpr) -> R<TExpr> {
        let line = self.line(node);
        let sym = match op {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::FloorDiv => "//",
            Op::Mod => "%",
            Op::Pow => "**",
            Op::BitAnd => "&",
            Op::BitOr => "|",
            Op::BitXor => "^",
        };
        let bad = |s: &Self, l: &T, r: &T| {
            s.err(
                node,
                format!("unsupported operand types for {sym}: {l} and {r}"),
            )
        };
        match (&l.ty, &r.ty) {
            (a, b) if a.is_scalar() && b.is_scalar() => {
                let (Some(ka), Some(kb)) = (kind(a), kind(b)) else {
                    return bad(self, a, b);
                };
                let Some(k) = scalar_rule(op, ka, kb) else {
                    return bad(self, a, b);
                };
                let float = ka == K::F || kb == K::F;
                if let Some(m) = ZERO_DIV_MSGS
                    .iter()
                    .find(|(o, f, _)| *o == op && *f == float)
                {
                    if !self.zero_div.iter().any(|(l, _)| *l == line) {
                        self.zero_div.push((line, m.2));
                    }
                }
                Ok(TExpr {
                    kind: TK::Bin(ir_op(op), Box::new(l), Box::new(r)),
                    ty: of_kind(k),
                    line,
                })
            }
            (T::Arr(..), _) | (_, T::Arr(..)) => {
                let ka = match &l.ty {
                    T::Arr(d, _) => kind(&T::of_dtype(*d)),
                    t => kind(t),
                };
                let kb = match &r.ty {
                    T::Arr(d, _) => kind(&T::of_dtype(*d)),
                    t => kind(t),
                };
                let (Some(ka), Some(kb)) = (ka, kb) else {
                    return bad(self, &l.ty, &r.ty);
                };
                if ka == K::B && kb == K::B && !matches!(op, Op::BitAnd | Op::BitOr | Op::BitXor) {
                    return bad(self, &l.ty, &r.ty);
                }
                if matches!(op, Op::Div | Op::FloorDiv | Op::Mod) {
                    // numpy gives inf/nan (with a warning) where Python raises.
                    return self.err(
                        node,
                        format!("element-wise {sym} on arrays is not supported (numpy's division-by-zero rules)"),
                    );
                }
                let Some(k) = scalar_rule(op, ka, kb) else {
                    return bad(self, &l.ty, &r.ty);
                };
                let nd = match (&l.ty, &r.ty) {
                    (T::Arr(_, a), T::Arr(_, b)) => (*a).max(*b),
                    (T::Arr(_, a), _) | (_, T::Arr(_, a)) => *a,
                    _ => 1,
                };
                let dt = of_kind(k).dtype().unwrap_or(DType::F64);
                Ok(TExpr {
                    kind: TK::ArrayBin(ir_op(op), Box::new(l), Box::new(r)),
                    ty: T::Arr(dt, nd),
                    line,
                })
            }
            (a, b) => {
                let (a, b) = (a.clone(), b.clone());
                bad(self, &a, &b)
            }
        }
    }

    /// An array-valued name: (variable, type).
    fn array_var(&mut self, e: &Expr) -> R<(String, T)> {
        let v = self.expr(e)?;
        match (&v.kind, &v.ty) {
            (TK::Var(n), T::Arr(..)) => Ok((n.clone(), v.ty.clone())),
            (_, T::Arr(..)) => self.err(e, "assign the array to a variable first"),
            _ => self.err(e, format!("expected an array, got {}", v.ty)),
        }
    }

    fn indices(&mut self, slice: &Expr, nd: u8) -> R<Vec<TExpr>> {
        let parts: Vec<&Expr> = match slice {
            Expr::Tuple(t) => t.elts.iter().collect(),
            e => vec![e],
        };
        if parts.len() != nd as usize {
            return self.err(
                slice,
                format!(
                    "{} indices for a {}-d array: only full integer indexing is supported",
                    parts.len(),
                    nd
                ),
            );
        }
        let mut out = Vec::new();
        for p in parts {
            if let Expr::Slice(_) = p {
                return self.err(p, "slices are not supported in compiled code");
            }
            let v = self.expr(p)?;
            match v.ty {
                T::I64 => out.push(v),
                T::Bool => {
                    let l = v.line;
                    out.push(TExpr {
                        kind: TK::Cast(T::I64, Box::new(v)),
                        ty: T::I64,
                        line: l,
                    })
                }
                ref t => {
                    let t = t.clone();
                    return self.err(p, format!("array index must be an integer, not {t}"));
                }
            }
        }
        Ok(out)
    }

    fn subscript(&mut self, s: &ast::ExprSubscript) -> R<TExpr> {
        let line = self.line(s);
        let base = self.expr(&s.value)?;
        match &base.ty {
            T::Arr(dt, nd) => {
                let TK::Var(name) = &base.kind else {
                    return self.err(&*s.value, "assign the array to a variable first");
                };
                let (name, dt, nd) = (name.clone(), *dt, *nd);
                let idx = self.indices(&s.slice, nd)?;
                Ok(TExpr {
                    kind: TK::Load(name, idx),
                    ty: T::of_dtype(dt),
                    line,
                })
            }
            T::Tuple(ts) => {
                let Some(k) = lit_int(&s.slice) else {
                    return self.err(&*s.slice, "tuple index must be an integer constant");
                };
                let n = ts.len() as i64;
                let k = if k < 0 { k + n } else { k };
                if k < 0 || k >= n {
                    return self.err(s, "tuple index out of range");
                }
                let t = ts[k as usize].clone();
                match base.kind {
                    TK::Tuple(mut items) => Ok(items.swap_remove(k as usize)),
                    TK::Var(name) => Ok(TExpr {
                        kind: TK::TupleGet(name, k as usize),
                        ty: t,
                        line,
                    }),
                    _ => self.err(s, "index a tuple variable or literal"),
                }
            }
            t => {
                let t = t.clone();
                self.err(s, format!("{t} is not subscriptable in compiled code"))
            }
        }
    }

    fn attribute(&mut self, a: &ast::ExprAttribute) -> R<TExpr> {
        let line = self.line(a);
        if let Some(Global::Module(m)) = self.static_value(&a.value) {
            let g = self.res.module_attr(&m, a.attr.as_str());
            return self.global_value(a, g, &format!("{m}.{}", a.attr.as_str()));
        }
        let (name, ty) = self.array_var(&a.value)?;
        let T::Arr(_, nd) = ty else {
            return self.err(a, "expected an array");
        };
        let shape = |k: u8| TExpr {
            kind: TK::Shape(name.clone(), k as i64),
            ty: T::I64,
            line,
        };
        match a.attr.as_str() {
            "shape" => {
                let items: Vec<TExpr> = (0..nd).map(shape).collect();
                Ok(TExpr {
                    kind: TK::Tuple(items),
                    ty: T::Tuple(vec![T::I64; nd as usize]),
                    line,
                })
            }
            "ndim" => Ok(TExpr {
                kind: TK::Int(nd as i64),
                ty: T::I64,
                line,
            }),
            "size" => {
                let mut acc = shape(0);
                for k in 1..nd {
                    acc = TExpr {
                        kind: TK::Bin(BinOp::Mul, Box::new(acc), Box::new(shape(k))),
                        ty: T::I64,
                        line,
                    };
                }
                Ok(acc)
            }
            other => self.err(a, format!("array attribute `{other}` is not supported")),
        }
    }
}

fn unreachable_target() -> &'static Vec<Expr> {
    static EMPTY: Vec<Expr> = Vec::new();
    &EMPTY
}

/// Intersection of definitely-assigned sets (None = unreachable, the identity).
fn meet(a: Option<HashSet<String>>, b: Option<HashSet<String>>) -> Option<HashSet<String>> {
    match (a, b) {
        (None, x) | (x, None) => x,
        (Some(a), Some(b)) => Some(a.intersection(&b).cloned().collect()),
    }
}
