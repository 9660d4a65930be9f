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
use super::{collect_assigned, Infer, Resolver, Source, TypeError, E};

/// Parameter names of the remaining range of a lifted `for` loop.
pub const RANGE_PARAMS: [&str; 3] = ["$osr_start", "$osr_stop", "$osr_step"];

/// Types `stmt` (a loop) as function `name(params...)` returning the tuple of `outs`.
/// With `range_params`, the outermost `for` iterates over `range($osr_start, $osr_stop,
/// $osr_step)` (three int64 parameters appended to `params`) instead of its own `range(...)`.
pub fn infer_loop(
    name: &str,
    stmt: &Stmt,
    params: &[(String, T)],
    outs: &[String],
    range_params: bool,
    src: &Source,
    res: &mut dyn Resolver,
) -> Result<TFunc, TypeError> {
    let line0 = src.lines.pos(stmt.range().start().to_usize()).0;
    let last = src.lines.pos(stmt.range().end().to_usize()).0;
    let fail = |msg: String| TypeError {
        line: line0,
        col: 0,
        expr: "loop".into(),
        msg,
    };
    let mut params: Vec<(String, T)> = params.to_vec();
    if range_params {
        for p in RANGE_PARAMS {
            params.push((p.to_string(), T::I64));
        }
    }
    let names: Vec<String> = params.iter().map(|(n, _)| n.clone()).collect();
    let mut locals: HashSet<String> = names.iter().cloned().collect();
    collect_assigned(std::slice::from_ref(stmt), &mut locals);
    let var = |n: &str| TExpr {
        kind: TK::Var(n.to_string()),
        ty: T::I64,
        line: line0,
    };
    let mut inf = Infer {
        src,
        res,
        vars: Default::default(),
        order: Vec::new(),
        locals,
        tolerant: true,
        changed: false,
        ret: None,
        zero_div: Vec::new(),
        defined: None,
        loop_depth: 0,
        strict: true,
        osr_range: range_params.then(|| {
            (
                var(RANGE_PARAMS[0]),
                var(RANGE_PARAMS[1]),
                var(RANGE_PARAMS[2]),
            )
        }),
    };
    for (n, t) in &params {
        if let T::Tuple(_) | T::NoneT = t {
            return Err(fail(format!("variable `{n}` of type {t} is not supported")));
        }
        inf.vars.insert(n.clone(), t.clone());
        inf.order.push(n.clone());
    }
    let body = std::slice::from_ref(stmt);
    for _ in 0..50 {
        inf.changed = false;
        let _ = inf.block(body);
        if !inf.changed {
            break;
        }
    }
    inf.tolerant = false;
    inf.zero_div.clear();
    inf.defined = Some(names.iter().cloned().collect());
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
