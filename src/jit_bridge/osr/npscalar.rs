//! On-stack replacement: whether each scalar that lifted code leaves behind is a numpy scalar
//! or a Python one, as the interpreter would have it. Compiled code has one float type, but
//! in Python `total = 0.0; total += a[i]` leaves an `np.float64`, whose repr differs from a
//! float's. So the statements lifted code runs are walked here, with numpy's rules: an array
//! element is a numpy scalar, and arithmetic or a comparison with a numpy scalar operand
//! gives one. A nest entered at a back-edge is walked from the kinds of the frame's values
//! ([`nest_exit`]); code entered at its first statement ([`super::next`]) from its start
//! ([`results`]); the same walk gives what an undecorated function compiled by tier-up
//! returns ([`returns`], `dispatch::numpy_results`).

use std::collections::HashMap;

use rustc_hash::FxHashSet as HashSet;

use ruff_python_ast::{Expr, Stmt, StmtFor};

use crate::jit_bridge::types::T;

/// What a variable holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Py,
    Np,
    Array,
    /// Depends on the path taken (a loop that may not run), or on code not modelled here.
    Unknown,
}

impl Kind {
    /// The kind of a value of compiled type `t` (None: not one compiled code takes) that is,
    /// or is not (`np`), a numpy scalar.
    pub(crate) fn of(t: Option<&T>, np: bool) -> Kind {
        match (t, np) {
            (Some(T::Arr(..)), _) => Kind::Array,
            (_, true) => Kind::Np,
            _ => Kind::Py,
        }
    }
}

fn join(a: Kind, b: Kind) -> Kind {
    if a == b {
        a
    } else {
        Kind::Unknown
    }
}

pub(crate) type State = HashMap<String, Kind>;

fn join_states(a: &State, b: &State) -> State {
    let mut out = a.clone();
    for (k, v) in b {
        let w = a.get(k).copied().unwrap_or(Kind::Unknown);
        out.insert(k.clone(), join(w, *v));
    }
    for (k, v) in out.iter_mut() {
        if !b.contains_key(k) {
            *v = Kind::Unknown;
        }
    }
    out
}

/// The kind of each of `outs` after `stmts` run from variables of kinds `entry` (a name
/// missing from it is unbound); `runs(stmt)` says whether a top-level `for` loop of `stmts`
/// is known to run at least once. None if one of them cannot be known.
pub(super) fn results(
    stmts: &[Stmt],
    outs: &[String],
    entry: State,
    runs: &dyn Fn(&Stmt) -> bool,
) -> Option<Vec<bool>> {
    let mut st = entry;
    block(stmts, &mut st, Some(runs), &mut Returns::default())?;
    outs.iter().map(|n| is_np(&st, n)).collect()
}

/// Whether variable `n` holds a numpy scalar in `st` (None: not known).
fn is_np(st: &State, n: &str) -> Option<bool> {
    match st.get(n) {
        Some(Kind::Np) => Some(true),
        Some(Kind::Py | Kind::Array) => Some(false),
        _ => None,
    }
}

/// The kind of each of `outs` when a nest entered at its hot loop's header (a back-edge)
/// leaves, from variables of kinds `entry`: the hot loop's remaining iterations, then, along
/// the path out to `outer`, the rest of each loop's current iteration and its remaining
/// iterations (`runs`: whether a `for` of the path has iterations left, by its running range). A
/// variable the nest may assign a value of another kind than the one it holds at entry leaves
/// with the kind of its last assignment: `t = 0.0` before the nest and `t = a[k]` at the end
/// of each outer iteration leaves an `np.float64`. None for a variable whose kind depends on
/// the path taken; None for all when the walk cannot follow the nest.
pub(super) fn nest_exit(
    outer: &Stmt,
    on_path: &dyn Fn(&Stmt) -> bool,
    runs: &dyn Fn(&Stmt) -> Option<bool>,
    outs: &[String],
    entry: State,
) -> Option<Vec<Option<bool>>> {
    let mut st = entry;
    resume(outer, &mut st, on_path, runs)?;
    Some(outs.iter().map(|n| is_np(&st, n)).collect())
}

/// The rest of `s`, a `for` loop of the path entered in its current iteration: the path's
/// next loop (none in the hot loop: it resumes at its next iteration) and what follows it in
/// the body, then the iterations left.
fn resume(
    s: &Stmt,
    st: &mut State,
    on_path: &dyn Fn(&Stmt) -> bool,
    runs: &dyn Fn(&Stmt) -> Option<bool>,
) -> Option<()> {
    let Stmt::For(x) = s else { return None };
    if !x.orelse.is_empty() || breaks(&x.body) {
        return None;
    }
    let mut ret = Returns::default();
    if let Some(p) = x.body.iter().position(on_path) {
        resume(&x.body[p], st, on_path, runs)?;
        block(&x.body[p + 1..], st, None, &mut ret)?;
    }
    if runs(s)? {
        iterations(x, st, true, &mut ret)?;
    }
    Some(())
}

/// The iterations of `for` loop `x` (`runs`: it is known to run at least once), from `st`.
fn iterations(x: &StmtFor, st: &mut State, runs: bool, ret: &mut Returns) -> Option<()> {
    // The loop variable is a Python int (ranges only).
    let mut end = |from: &State| -> Option<State> {
        let mut b = from.clone();
        assign(&x.target, Kind::Py, &mut b);
        block(&x.body, &mut b, None, ret)?;
        Some(b)
    };
    *st = if runs {
        // It exits after an iteration: join the ends of the iterations.
        let first = end(st)?;
        fixed_point(first, |e| Some(join_states(e, &end(e)?)))?
    } else {
        // It exits at its header, maybe before the first iteration.
        let before = st.clone();
        fixed_point(before.clone(), |h| Some(join_states(&before, &end(h)?)))?
    };
    Some(())
}

/// What the `return` statements of a function return, joined (one kind per tuple element).
#[derive(Default)]
struct Returns {
    /// Whether the statements are a function's body (else a `return` is not modelled).
    allowed: bool,
    kinds: Option<Vec<Kind>>,
}

/// The kind of each value a function whose body is `body` returns (one per element of a
/// returned tuple), joined over its `return` statements, from its parameters' kinds `entry`.
/// None if the body has statements this walk does not model.
pub(crate) fn returns(body: &[Stmt], entry: State) -> Option<Vec<Kind>> {
    let mut st = entry;
    let mut ret = Returns {
        allowed: true,
        kinds: None,
    };
    // A top-level `for` over a range with literal bounds is known to run (or not).
    let literal_runs = |s: &Stmt| range_runs(s, &HashMap::new());
    block(body, &mut st, Some(&literal_runs), &mut ret)?;
    ret.kinds
}

/// Whether a `for` statement over `range(...)` with literal bounds or ints of `ints` runs at
/// least once.
pub(super) fn range_runs(s: &Stmt, ints: &HashMap<String, i64>) -> bool {
    let Stmt::For(x) = s else { return false };
    let Some(args) = super::source::range_args(x) else {
        return false;
    };
    let arg = |e: &Expr| match e {
        Expr::NumberLiteral(l) => l.value.as_int()?.as_i64(),
        Expr::Name(m) => ints.get(m.id.as_str()).copied(),
        _ => None,
    };
    let args: Option<Vec<i64>> = args.iter().map(arg).collect();
    match args.as_deref() {
        Some([stop]) => *stop > 0,
        Some([start, stop]) => start < stop,
        Some([start, stop, step]) => (*step > 0 && start < stop) || (*step < 0 && start > stop),
        _ => false,
    }
}

fn block(
    stmts: &[Stmt],
    st: &mut State,
    runs: Option<&dyn Fn(&Stmt) -> bool>,
    ret: &mut Returns,
) -> Option<()> {
    for s in stmts {
        stmt(s, st, runs, ret)?;
    }
    Some(())
}

fn stmt(
    s: &Stmt,
    st: &mut State,
    runs: Option<&dyn Fn(&Stmt) -> bool>,
    ret: &mut Returns,
) -> Option<()> {
    match s {
        Stmt::Assign(a) => {
            let k = expr(&a.value, st);
            for t in &a.targets {
                assign(t, k, st);
            }
        }
        Stmt::AugAssign(a) => {
            let k = expr(&a.value, st);
            if let Expr::Name(n) = &*a.target {
                let old = st.get(n.id.as_str()).copied().unwrap_or(Kind::Unknown);
                st.insert(n.id.to_string(), arith(old, k));
            }
        }
        Stmt::AnnAssign(a) => {
            if let Some(v) = &a.value {
                let k = expr(v, st);
                assign(&a.target, k, st);
            }
        }
        Stmt::If(x) => {
            let mut out = st.clone();
            block(&x.body, &mut out, None, ret)?;
            let mut has_else = false;
            for c in &x.elif_else_clauses {
                has_else |= c.test.is_none();
                let mut b = st.clone();
                block(&c.body, &mut b, None, ret)?;
                out = join_states(&out, &b);
            }
            if !has_else {
                out = join_states(&out, st);
            }
            *st = out;
        }
        Stmt::For(x) if breaks(&x.body) => {
            if !x.orelse.is_empty() {
                return None;
            }
            assign(&x.target, Kind::Py, st);
            broken_loop(&x.body, st, ret)?;
        }
        Stmt::While(x) if breaks(&x.body) => {
            if !x.orelse.is_empty() {
                return None;
            }
            broken_loop(&x.body, st, ret)?;
        }
        Stmt::For(x) => {
            if !x.orelse.is_empty() {
                return None;
            }
            iterations(x, st, runs.is_some_and(|r| r(s)), ret)?;
        }
        Stmt::While(x) => {
            if !x.orelse.is_empty() {
                return None;
            }
            let before = st.clone();
            *st = fixed_point(before.clone(), |h| {
                let mut b = h.clone();
                block(&x.body, &mut b, None, ret)?;
                Some(join_states(&before, &b))
            })?;
        }
        Stmt::Expr(_) | Stmt::Pass(_) => {}
        // Only inside loops `broken_loop` walks (their paths are not followed).
        Stmt::Break(_) | Stmt::Continue(_) => {}
        Stmt::Return(r) if ret.allowed => {
            let kinds: Vec<Kind> = match r.value.as_deref() {
                Some(Expr::Tuple(t)) => t.elts.iter().map(|e| expr(e, st)).collect(),
                Some(e) => vec![expr(e, st)],
                None => vec![Kind::Py],
            };
            ret.kinds = Some(match ret.kinds.take() {
                None => kinds,
                Some(old) if old.len() == kinds.len() => old
                    .into_iter()
                    .zip(kinds)
                    .map(|(a, b)| join(a, b))
                    .collect(),
                Some(old) => vec![Kind::Unknown; old.len().max(kinds.len())],
            });
        }
        _ => return None,
    }
    Some(())
}

/// Applies `step` until the state stops changing (joins only move kinds up to `Unknown`, so
/// this takes at most two steps per variable; None past a bound no real code reaches).
fn fixed_point(mut s: State, mut step: impl FnMut(&State) -> Option<State>) -> Option<State> {
    for _ in 0..256 {
        let n = step(&s)?;
        if n == s {
            return Some(s);
        }
        s = n;
    }
    None
}

/// A loop with `break` or `continue` (paths this walk does not follow): every variable its
/// body assigns is of unknown kind, in the loop and after it; the body is walked once so that
/// its `return` statements count.
fn broken_loop(body: &[Stmt], st: &mut State, ret: &mut Returns) -> Option<()> {
    let mut assigned = HashSet::default();
    crate::jit_bridge::typeinfer::collect_assigned(body, &mut assigned);
    for n in assigned {
        st.insert(n, Kind::Unknown);
    }
    let mut b = st.clone();
    block(body, &mut b, None, ret)
}

/// Whether a loop body has a `break` or `continue` of its own (paths this walk does not
/// follow).
fn breaks(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::Break(_) | Stmt::Continue(_) => true,
        Stmt::If(x) => breaks(&x.body) || x.elif_else_clauses.iter().any(|c| breaks(&c.body)),
        _ => false,
    })
}

fn assign(target: &Expr, k: Kind, st: &mut State) {
    match target {
        Expr::Name(n) => {
            st.insert(n.id.to_string(), k);
        }
        Expr::Tuple(t) => {
            for e in &t.elts {
                assign(e, Kind::Unknown, st);
            }
        }
        // Element stores change no variable.
        _ => {}
    }
}

/// A binary operation's result: a numpy scalar operand makes a numpy scalar.
fn arith(a: Kind, b: Kind) -> Kind {
    match (a, b) {
        (Kind::Np, Kind::Np | Kind::Py) | (Kind::Py, Kind::Np) => Kind::Np,
        (Kind::Py, Kind::Py) => Kind::Py,
        (Kind::Array, _) | (_, Kind::Array) => Kind::Array,
        _ => Kind::Unknown,
    }
}

fn expr(e: &Expr, st: &State) -> Kind {
    match e {
        Expr::NumberLiteral(_) | Expr::BooleanLiteral(_) => Kind::Py,
        Expr::Name(n) => st.get(n.id.as_str()).copied().unwrap_or(Kind::Unknown),
        Expr::BinOp(b) => arith(expr(&b.left, st), expr(&b.right, st)),
        Expr::UnaryOp(u) => match u.op {
            ruff_python_ast::UnaryOp::Not => Kind::Py,
            _ => expr(&u.operand, st),
        },
        Expr::Compare(c) => std::iter::once(&*c.left)
            .chain(c.comparators.iter())
            .map(|x| expr(x, st))
            .fold(Kind::Py, arith),
        Expr::BoolOp(b) => b
            .values
            .iter()
            .map(|x| expr(x, st))
            .reduce(join)
            .unwrap_or(Kind::Unknown),
        Expr::If(x) => join(expr(&x.body, st), expr(&x.orelse, st)),
        Expr::Subscript(s) => match &*s.value {
            // An element of an array (a slice would be an array: not a scalar result).
            Expr::Name(n) if st.get(n.id.as_str()) == Some(&Kind::Array) => Kind::Np,
            // `a.shape[k]`.
            Expr::Attribute(a) if a.attr.as_str() == "shape" => Kind::Py,
            _ => Kind::Unknown,
        },
        Expr::Call(c) => {
            let args: Vec<Kind> = c.arguments.args.iter().map(|x| expr(x, st)).collect();
            match &*c.func {
                Expr::Attribute(a) => match &*a.value {
                    Expr::Name(m) if m.id.as_str() == "math" => Kind::Py,
                    _ => Kind::Unknown,
                },
                Expr::Name(f) => match f.id.as_str() {
                    "int" | "float" | "bool" | "len" => Kind::Py,
                    "abs" => args.first().copied().unwrap_or(Kind::Unknown),
                    "min" | "max" => args.into_iter().reduce(join).unwrap_or(Kind::Unknown),
                    _ => Kind::Unknown,
                },
                _ => Kind::Unknown,
            }
        }
        _ => Kind::Unknown,
    }
}
