//! Type inference of a lifted loop (on-stack replacement): one `for`/`while` statement typed as
//! the body of a synthetic function whose parameters are the loop's live variables, with their
//! types as found in the running frame, returning the variables the loop assigns.
//!
//! Differences from [`super::infer`]: assignments may not change a variable's type (the
//! interpreter would see an int turn into a float; numba's unification would not), a `for`
//! loop's bounds may be given as parameters (the rest of a range already running), and a
//! `return` inside the loop is refused (the loop must end at its exit).

use std::collections::HashSet;

use ruff_python_ast::Stmt;
use ruff_text_size::Ranged;

use super::super::types::*;
use super::{Infer, Resolver, Source, TypeError, E};

/// A `for` statement of the lifted code that resumes a running range instead of evaluating
/// its own `range(...)`: the statement's source offset, and whether the range's step was 1 at
/// entry (the compiled code is specialised on it: a literal step picks the loop test at
/// compile time). The start's sign comes to the code generator as an `assume` fact.
#[derive(Clone, Copy, Debug)]
pub struct Resume {
    pub offset: usize,
    pub unit_step: bool,
}

/// A nest entered at its hot inner loop, lifted as one copy of its outermost loop: the
/// statements on the path from that loop down to the hot loop (the loops of the nest and the
/// `if`s between them), by source offset.
///
/// A flag, `$entering`, is true from the entry until the hot loop starts. While it is set,
/// the statements before the path in each block are skipped (the interpreter ran them in the
/// current iterations), the `if`s on the path take the branch towards the hot loop without
/// evaluating their tests, each `while` on the path skips its test once, and each `for` on the
/// path runs the rest of its current iteration before its remaining ones: its counter starts
/// at the current value (`$startK - $stepK`) and the loop variable keeps the interpreter's value
/// in that iteration. The hot loop resumes at its next iteration. Later iterations of the outer
/// loops run their bodies in full, so the nest's code exists once, not once per level.
pub struct EntryPath {
    pub on_path: HashSet<usize>,
    pub hot: usize,
}

/// The flag of [`EntryPath`].
pub const ENTERING: &str = "$entering";

/// `$entering` (or its negation) as a condition.
pub fn entering(line: u32, negate: bool) -> TExpr {
    let v = TExpr {
        kind: TK::Var(ENTERING.into()),
        ty: T::Bool,
        line,
    };
    if negate {
        TExpr {
            kind: TK::Un(UnOp::Not, Box::new(v)),
            ty: T::Bool,
            line,
        }
    } else {
        v
    }
}

/// `$entering = False`, just before the hot loop.
pub fn entered(line: u32) -> TStmt {
    let f = TExpr {
        kind: TK::Bool(false),
        ty: T::Bool,
        line,
    };
    TStmt {
        kind: SK::Assign(ENTERING.into(), f),
        line,
    }
}

/// `c` for an `if`/`while` on the entry path: `$entering or c` when the path goes through its
/// body, `not $entering and c` when it goes through a later clause.
pub fn path_cond(c: TExpr, through: bool) -> TExpr {
    let (line, ty) = (c.line, T::Bool);
    let kind = if through {
        TK::Or(Box::new(entering(line, false)), Box::new(c))
    } else {
        TK::And(Box::new(entering(line, true)), Box::new(c))
    };
    TExpr { kind, ty, line }
}

/// The statements for a `for` on an entry path: the bounds, picked once — the running range's
/// (from the current value for an outer loop, from the next one for the hot loop) while
/// entering, else the statement's own `range(...)` — and the loop. `own` are the typed
/// bounds of the source, `resumed` the parameters', `at` the statement's offset. An outer
/// loop whose body assigns `var` counts with a hidden counter and binds `var` from it except
/// in the current iteration.
#[allow(clippy::too_many_arguments)]
pub fn entry_for(
    at: usize,
    hot: bool,
    var: &str,
    own: (TExpr, TExpr, TExpr),
    resumed: (TExpr, TExpr, TExpr),
    body: Vec<TStmt>,
    line: u32,
) -> Vec<TStmt> {
    let st = |kind| TStmt { kind, line };
    let var_e = |n: &str| TExpr {
        kind: TK::Var(n.to_string()),
        ty: T::I64,
        line,
    };
    let int = |e: TExpr| match e.ty {
        T::Bool => TExpr {
            kind: TK::Cast(T::I64, Box::new(e)),
            ty: T::I64,
            line,
        },
        _ => e,
    };
    let (lo, hi, stv) = (temp("lo", at), temp("hi", at), temp("st", at));
    // A literal step is the running range's step too (the range came from this expression).
    let literal = matches!(own.2.kind, TK::Int(_));
    let step = if literal { own.2.clone() } else { var_e(&stv) };
    let start = if hot {
        resumed.0
    } else {
        TExpr {
            kind: TK::Bin(BinOp::Sub, Box::new(resumed.0), Box::new(resumed.2.clone())),
            ty: T::I64,
            line,
        }
    };
    let mut when_entering = vec![
        st(SK::Assign(lo.clone(), start)),
        st(SK::Assign(hi.clone(), resumed.1)),
    ];
    let mut otherwise = vec![
        st(SK::Assign(lo.clone(), int(own.0))),
        st(SK::Assign(hi.clone(), int(own.1))),
    ];
    if !literal {
        when_entering.push(st(SK::Assign(stv.clone(), resumed.2)));
        otherwise.push(st(SK::Assign(stv, int(own.2))));
    }
    let mut out = vec![st(SK::If(entering(line, false), when_entering, otherwise))];
    let (counter, body) = if hot {
        out.push(entered(line));
        (var.to_string(), body)
    } else if !assigns(&body, var) {
        // The interpreter's value is the current one: the loop can count with the variable
        // itself (and the code generator keeps its range).
        (var.to_string(), body)
    } else {
        let ctr = temp("ctr", at);
        let bind = st(SK::If(
            entering(line, true),
            vec![st(SK::Assign(var.to_string(), var_e(&ctr)))],
            vec![],
        ));
        (ctr, std::iter::once(bind).chain(body).collect())
    };
    out.push(st(SK::For {
        var: counter,
        start: var_e(&lo),
        stop: var_e(&hi),
        step,
        body,
    }));
    out
}

/// True if `body` assigns `name` (a loop of it counting with it included).
fn assigns(body: &[TStmt], name: &str) -> bool {
    body.iter().any(|s| match &s.kind {
        SK::Assign(n, _) => n == name,
        SK::Unpack(ns, _) => ns.iter().any(|n| n == name),
        SK::If(_, a, b) => assigns(a, name) || assigns(b, name),
        SK::While(_, b) => assigns(b, name),
        SK::For { var, body, .. } => var == name || assigns(body, name),
        _ => false,
    })
}

/// Name of a hidden int local of the `for` at offset `at`.
pub fn temp(what: &str, at: usize) -> String {
    format!("${what}_{at}")
}

/// Name of parameter `which` (0 start, 1 stop, 2 step) of resumed loop `k`.
pub fn range_param(k: usize, which: usize) -> String {
    format!("${}{k}", ["start", "stop", "step"][which])
}

/// Types `body` (one loop statement) as function `name(params...)` returning the tuple of
/// `outs`. The `for`s of `resumes` take their bounds from three int64 parameters each,
/// `$startK, $stopK, $stepK`, appended to `params` in the order of `resumes`: without an
/// `entry` path `body` is the hot loop and iterates over `range($start0, $stop0, $step0)`;
/// with one, `body` is the nest's outermost loop and every `for` of `resumes` is on the path
/// (see [`EntryPath`]).
#[allow(clippy::too_many_arguments)] // the loop, its frame's view, and the source
pub fn infer_loop(
    name: &str,
    body: &[Stmt],
    params: &[(String, T)],
    outs: &[String],
    resumes: &[Resume],
    entry: Option<EntryPath>,
    src: &Source,
    res: &mut dyn Resolver,
) -> Result<TFunc, TypeError> {
    let (Some(first), Some(end)) = (body.first(), body.last()) else {
        return Err(TypeError {
            line: 0,
            col: 0,
            expr: "loop".into(),
            msg: "empty loop".into(),
        });
    };
    let line0 = src.lines.pos(first.range().start().to_usize()).0;
    let last = src.lines.pos(end.range().end().to_usize()).0;
    let fail = |msg: String| TypeError {
        line: line0,
        col: 0,
        expr: "loop".into(),
        msg,
    };
    let mut params: Vec<(String, T)> = params.to_vec();
    let mut osr_ranges = Vec::new();
    for (k, r) in resumes.iter().enumerate() {
        for w in 0..3 {
            params.push((range_param(k, w), T::I64));
        }
        let var = |w: usize| TExpr {
            kind: TK::Var(range_param(k, w)),
            ty: T::I64,
            line: line0,
        };
        let step = if r.unit_step {
            TExpr {
                kind: TK::Int(1),
                ty: T::I64,
                line: line0,
            }
        } else {
            var(2)
        };
        osr_ranges.push((r.offset, (var(0), var(1), step)));
    }
    for (n, t) in &params {
        if let T::Tuple(_) | T::NoneT = t {
            return Err(fail(format!("variable `{n}` of type {t} is not supported")));
        }
    }
    let names: Vec<String> = params.iter().map(|(n, _)| n.clone()).collect();
    let entering = entry.is_some();
    let mut inf = Infer::new(src, res, &params, body, true, osr_ranges, entry);
    if entering {
        inf.vars.insert(ENTERING.into(), T::Bool);
        inf.order.push(ENTERING.into());
    }
    for _ in 0..50 {
        inf.start_pass();
        let _ = inf.block(body);
        if inf.settled() {
            break;
        }
    }
    inf.phase_b(&names);
    let mut tbody = match inf.block(body) {
        Ok(b) => b,
        Err(E::Err(e)) => return Err(e),
        Err(E::Unknown) => return Err(fail("cannot determine the type of a call".into())),
    };
    if inf.ret.is_some() {
        return Err(fail("`return` inside the loop".into()));
    }
    if entering {
        let set = SK::Assign(
            ENTERING.into(),
            TExpr {
                kind: TK::Bool(true),
                ty: T::Bool,
                line: line0,
            },
        );
        tbody.insert(
            0,
            TStmt {
                kind: set,
                line: line0,
            },
        );
    }
    for (n, t) in &params {
        if inf.vars.get(n) != Some(t) {
            return Err(fail(format!("the type of `{n}` would change in the loop")));
        }
    }
    let mut elts = Vec::new();
    for n in outs {
        let Some(t) = inf.vars.get(n).cloned() else {
            return Err(fail(format!("cannot determine the type of `{n}`")));
        };
        if !t.is_scalar() && !t.is_array() {
            return Err(fail(format!("`{n}` of type {t} cannot be written back")));
        }
        elts.push(TExpr {
            kind: TK::Var(n.clone()),
            ty: t,
            line: last,
        });
    }
    let ret = if elts.is_empty() {
        tbody.push(TStmt {
            kind: SK::Return(None),
            line: last,
        });
        T::NoneT
    } else {
        let ty = T::Tuple(elts.iter().map(|e| e.ty.clone()).collect());
        tbody.push(TStmt {
            kind: SK::Return(Some(TExpr {
                kind: TK::Tuple(elts),
                ty: ty.clone(),
                line: last,
            })),
            line: last,
        });
        ty
    };
    Ok(inf.finish(name, params, ret, tbody, (line0, last)))
}
