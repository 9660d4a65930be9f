//! Type inference of a lifted loop (on-stack replacement): one `for`/`while` statement typed as
//! the body of a synthetic function whose parameters are the loop's live variables, with their
//! types as found in the running frame, returning the variables the loop assigns.
//!
//! Differences from [`super::infer`]: assignments may not change a variable's type (the
//! interpreter would see an int turn into a float; numba's unification would not), a `for`
//! loop's bounds may be given as parameters (the rest of a range already running), and a
//! `return` inside the loop is refused (the loop must end at its exit).

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

/// Name of parameter `which` (0 start, 1 stop, 2 step) of resumed loop `k`.
pub fn range_param(k: usize, which: usize) -> String {
    format!("${}{k}", ["start", "stop", "step"][which])
}

/// Types `body` (a loop, possibly followed by the rest of the loops enclosing it) as function
/// `name(params...)` returning the tuple of `outs`. Each `for` of `resumes` found at the top
/// level of `body` iterates over `range($startK, $stopK, $stepK)` (three int64 parameters
/// appended to `params`, in the order of `resumes`) instead of its own `range(...)`.
pub fn infer_loop(
    name: &str,
    body: &[Stmt],
    params: &[(String, T)],
    outs: &[String],
    resumes: &[Resume],
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
    let mut inf = Infer::new(src, res, &params, body, true, osr_ranges);
    for _ in 0..50 {
        inf.changed = false;
        let _ = inf.block(body);
        if !inf.changed {
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
    let locals = inf
        .order
        .iter()
        .filter(|n| !names.contains(n))
        .map(|n| (n.clone(), inf.vars[n].clone()))
        .collect();
    Ok(TFunc {
        name: name.to_string(),
        filename: src.filename.to_string(),
        params,
        locals,
        ret,
        body: tbody,
        zero_div: inf.zero_div,
        lines: (line0, last),
    })
}
