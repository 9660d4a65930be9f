//! Lowering: typed IR ([`super::types`]) → numjit_jit IR, one `Module` per compilation unit (the
//! entry function and every function it calls, transitively).
//!
//! Tuples are scalarised (`t` of type `UniTuple(int64 x 2)` becomes the locals `t.0`, `t.1`);
//! whole-array expressions (`a + s`, `np.sqrt(a)`, `a.copy()`) become an allocation plus nested
//! `for` loops with numpy's broadcasting (a shape mismatch calls the `bcast_error` host callback,
//! which raises ValueError). Array-valued subexpressions are materialised into temporaries.
//!
//! Lowering rules by typed-IR node are in [`Lw::expr`] and [`Lw::stmt`]; the element-wise rule
//! is [`Lw::elementwise`].

use numjit_jit::{Expr, ExprKind, Function, HostDecl, Module, Param, Stmt, StmtKind, Ty};

use super::types::*;

/// Name of function `fid` in the IR module.
pub fn ir_name(unit: &[TFunc], fid: usize) -> String {
    match unit.get(fid) {
        Some(f) => format!("{}#{fid}", f.name),
        None => format!("?#{fid}"),
    }
}

/// Host callback raising numpy's broadcast ValueError: (shape a, shape b) → never returns.
pub const BCAST_ERROR: &str = "bcast_error";

/// Lowers a compilation unit.
pub fn lower_unit(unit: &[TFunc]) -> Result<Module, String> {
    let mut m = Module::new();
    m.hosts.push(HostDecl {
        name: BCAST_ERROR.into(),
        params: vec![Ty::I64, Ty::I64],
        rets: vec![Ty::I64],
    });
    for fid in 0..unit.len() {
        let mut lw = Lw {
            unit,
            f: &unit[fid],
            tmp: 0,
        };
        m.functions.push(lw.function(fid)?);
    }
    Ok(m)
}

struct Lw<'a> {
    unit: &'a [TFunc],
    f: &'a TFunc,
    tmp: usize,
}

fn ex(kind: ExprKind, line: u32) -> Expr {
    Expr { kind, line }
}
fn st(kind: StmtKind, line: u32) -> Stmt {
    Stmt { kind, line }
}
fn var(n: &str, line: u32) -> Expr {
    ex(ExprKind::Var(n.to_string()), line)
}
fn int(v: i64, line: u32) -> Expr {
    ex(ExprKind::Int(v), line)
}

/// `1 / c` when the constant divisor `c` is ± a power of two whose reciprocal is a normal
/// float (so that multiplying by it gives exactly the quotient).
fn pow2_reciprocal(e: &TExpr) -> Option<f64> {
    let c = match e.kind {
        TK::Float(c) => c,
        TK::Int(c) if c != 0 && c.unsigned_abs().is_power_of_two() => c as f64,
        _ => return None,
    };
    if !c.is_finite() || c == 0.0 {
        return None;
    }
    let bits = c.abs().to_bits();
    let mantissa = bits & ((1u64 << 52) - 1);
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
    if mantissa != 0 || !(-1022..=1022).contains(&exp) || (bits >> 52) == 0 {
        return None;
    }
    Some(1.0 / c)
}

fn ir_ty(t: &T) -> Result<Ty, String> {
    t.ir()
        .ok_or_else(|| format!("a value of type {t} cannot be used here"))
}

/// Result types of a function in the IR (tuples are flattened).
pub fn ret_types(t: &T) -> Result<Vec<Ty>, String> {
    Ok(match t {
        T::NoneT => vec![],
        T::Tuple(ts) => ts.iter().map(ir_ty).collect::<Result<_, _>>()?,
        t => vec![ir_ty(t)?],
    })
}

impl<'a> Lw<'a> {
    fn fresh(&mut self, what: &str) -> String {
        self.tmp += 1;
        format!("${what}{}", self.tmp)
    }

    fn function(&mut self, fid: usize) -> Result<Function, String> {
        let f = self.f;
        let mut params = Vec::new();
        for (n, t) in &f.params {
            params.push(Param {
                name: n.clone(),
                ty: ir_ty(t)?,
            });
        }
        let mut body = Vec::new();
        for (n, t) in &f.locals {
            match t {
                T::I64 | T::F64 | T::Bool => {
                    body.push(st(StmtKind::Var(n.clone(), ir_ty(t)?, None), 0))
                }
                T::Tuple(ts) => {
                    for (k, t) in ts.iter().enumerate() {
                        if t.is_scalar() {
                            body.push(st(StmtKind::Var(format!("{n}.{k}"), ir_ty(t)?, None), 0));
                        }
                    }
                }
                _ => {}
            }
        }
        self.stmts(&f.body, &mut body)?;
        Ok(Function {
            name: ir_name(self.unit, fid),
            params,
            rets: ret_types(&f.ret)?,
            body,
        })
    }

    fn local_ty(&self, n: &str) -> Option<&T> {
        self.f
            .locals
            .iter()
            .chain(self.f.params.iter())
            .find(|(m, _)| m == n)
            .map(|(_, t)| t)
    }

    fn stmts(&mut self, ss: &[TStmt], out: &mut Vec<Stmt>) -> Result<(), String> {
        for s in ss {
            self.stmt(s, out)?;
        }
        Ok(())
    }

    /// Assigns an IR expression of type `t` to variable `name`.
    fn set(
        &mut self,
        name: &str,
        t: &T,
        e: Expr,
        line: u32,
        out: &mut Vec<Stmt>,
    ) -> Result<(), String> {
        match t {
            T::Arr(..) => {
                let target = self.local_ty(name).cloned().unwrap_or_else(|| t.clone());
                out.push(st(
                    StmtKind::Var(name.to_string(), ir_ty(&target)?, Some(e)),
                    line,
                ))
            }
            _ => out.push(st(StmtKind::Set(name.to_string(), e), line)),
        }
        Ok(())
    }

    /// The components of a tuple-valued expression as IR expressions (evaluated into
    /// temporaries first, so `a, b = b, a` swaps).
    fn tuple_parts(&mut self, e: &TExpr, out: &mut Vec<Stmt>) -> Result<Vec<(Expr, T)>, String> {
        let T::Tuple(ts) = &e.ty else {
            return Err(format!("expected a tuple, got {}", e.ty));
        };
        let line = e.line;
        let mut parts = Vec::new();
        match &e.kind {
            TK::Tuple(items) => {
                for it in items {
                    let v = self.expr(it, out)?;
                    let tmp = self.fresh("p");
                    out.push(st(
                        StmtKind::Var(tmp.clone(), ir_ty(&it.ty)?, Some(v)),
                        line,
                    ));
                    parts.push((var(&tmp, line), it.ty.clone()));
                }
            }
            TK::Var(n) => {
                let declared = match self.local_ty(n) {
                    Some(T::Tuple(d)) => d.clone(),
                    _ => ts.clone(),
                };
                for (k, t) in declared.iter().enumerate() {
                    let tmp = self.fresh("p");
                    out.push(st(
                        StmtKind::Var(tmp.clone(), ir_ty(t)?, Some(var(&format!("{n}.{k}"), line))),
                        line,
                    ));
                    parts.push((var(&tmp, line), t.clone()));
                }
            }
            TK::Call(fid, args) => {
                let mut a = Vec::new();
                for x in args {
                    a.push(self.expr(x, out)?);
                }
                let mut names = Vec::new();
                for t in ts {
                    let tmp = self.fresh("r");
                    if t.is_scalar() {
                        out.push(st(StmtKind::Var(tmp.clone(), ir_ty(t)?, None), line));
                    }
                    names.push(tmp.clone());
                    parts.push((var(&tmp, line), t.clone()));
                }
                let call = ex(ExprKind::Call(ir_name(self.unit, *fid), a), line);
                out.push(st(StmtKind::Unpack(names, call), line));
            }
            _ => return Err("unsupported tuple expression".into()),
        }
        Ok(parts)
    }

    fn stmt(&mut self, s: &TStmt, out: &mut Vec<Stmt>) -> Result<(), String> {
        let line = s.line;
        match &s.kind {
            SK::Assign(name, e) => {
                if let T::Tuple(_) = e.ty {
                    let parts = self.tuple_parts(e, out)?;
                    for (k, (p, t)) in parts.into_iter().enumerate() {
                        self.set(&format!("{name}.{k}"), &t, p, line, out)?;
                    }
                } else {
                    let v = self.expr(e, out)?;
                    self.set(name, &e.ty, v, line, out)?;
                }
            }
            SK::Unpack(names, e) => {
                let parts = self.tuple_parts(e, out)?;
                for (n, (p, t)) in names.iter().zip(parts) {
                    self.set(n, &t, p, line, out)?;
                }
            }
            SK::Store(name, idx, v) => {
                let mut ix = Vec::new();
                for i in idx {
                    ix.push(self.expr(i, out)?);
                }
                let v = self.expr(v, out)?;
                out.push(st(StmtKind::Store(name.clone(), ix, v), line));
            }
            SK::If(c, a, b) if b.is_empty() && self.counter_update(a).is_some() => {
                // `if c: n += k` on an int with a constant or variable k → `n += int(c) * k`
                // (branch-free; the same value, since int arithmetic wraps either way).
                let (name, op, k) = self.counter_update(a).ok_or("internal: if-conversion")?;
                let c = self.expr(c, out)?;
                let k = self.expr(k, out)?;
                let flag = ex(ExprKind::Cast(Ty::I64, Box::new(c)), line);
                let inc = ex(ExprKind::Bin(BinOp::Mul, Box::new(flag), Box::new(k)), line);
                let v = ex(
                    ExprKind::Bin(op, Box::new(var(&name, line)), Box::new(inc)),
                    line,
                );
                out.push(st(StmtKind::Set(name, v), line));
            }
            SK::If(c, a, b) => {
                let c = self.expr(c, out)?;
                let mut ta = Vec::new();
                self.stmts(a, &mut ta)?;
                let mut tb = Vec::new();
                self.stmts(b, &mut tb)?;
                out.push(st(StmtKind::If(c, ta, tb), line));
            }
            SK::While(c, body) => {
                let mut pre = Vec::new();
                let c = self.expr(c, &mut pre)?;
                if !pre.is_empty() {
                    return Err("array expressions in a loop condition are not supported".into());
                }
                let mut b = Vec::new();
                self.stmts(body, &mut b)?;
                out.push(st(StmtKind::While(c, b), line));
            }
            SK::For {
                var: v,
                start,
                stop,
                step,
                body,
            } => {
                let start = self.expr(start, out)?;
                let stop = self.expr(stop, out)?;
                let step = self.expr(step, out)?;
                let mut b = Vec::new();
                self.stmts(body, &mut b)?;
                out.push(st(
                    StmtKind::For {
                        var: v.clone(),
                        start,
                        stop,
                        step,
                        body: b,
                    },
                    line,
                ));
            }
            SK::Break => out.push(st(StmtKind::Break, line)),
            SK::Continue => out.push(st(StmtKind::Continue, line)),
            SK::Return(None) => out.push(st(StmtKind::Return(vec![]), line)),
            SK::Return(Some(e)) => {
                if let T::Tuple(_) = e.ty {
                    let parts = self.tuple_parts(e, out)?;
                    let vals = parts.into_iter().map(|(p, _)| p).collect();
                    out.push(st(StmtKind::Return(vals), line));
                } else {
                    let v = self.expr(e, out)?;
                    out.push(st(StmtKind::Return(vec![v]), line));
                }
            }
            SK::Expr(e) => match &e.kind {
                TK::Call(fid, args) if matches!(e.ty, T::NoneT | T::Tuple(_)) => {
                    if let T::Tuple(_) = e.ty {
                        self.tuple_parts(e, out)?;
                    } else {
                        let mut a = Vec::new();
                        for x in args {
                            a.push(self.expr(x, out)?);
                        }
                        let call = ex(ExprKind::Call(ir_name(self.unit, *fid), a), line);
                        out.push(st(StmtKind::Expr(call), line));
                    }
                }
                _ => {
                    if let T::Tuple(_) = e.ty {
                        self.tuple_parts(e, out)?;
                    } else {
                        let v = self.expr(e, out)?;
                        let tmp = self.fresh("d");
                        out.push(st(StmtKind::Var(tmp, ir_ty(&e.ty)?, Some(v)), line));
                    }
                }
            },
        }
        Ok(())
    }

    /// `[n = n + k]` / `[n = n - k]` with `n` an int64 local and `k` an int constant or local.
    fn counter_update<'t>(&self, body: &'t [TStmt]) -> Option<(String, BinOp, &'t TExpr)> {
        let [TStmt {
            kind: SK::Assign(name, e),
            ..
        }] = body
        else {
            return None;
        };
        if self.local_ty(name) != Some(&T::I64) {
            return None;
        }
        let TK::Bin(op @ (BinOp::Add | BinOp::Sub), l, r) = &e.kind else {
            return None;
        };
        let same = matches!(&l.kind, TK::Var(n) if n == name);
        let simple = r.ty == T::I64 && matches!(&r.kind, TK::Int(_) | TK::Var(_));
        (same && simple).then(|| (name.clone(), *op, &**r))
    }

    /// Lowers a scalar- or array-valued expression; statements it needs first go to `pre`.
    fn expr(&mut self, e: &TExpr, pre: &mut Vec<Stmt>) -> Result<Expr, String> {
        let line = e.line;
        let b = |x: Expr| Box::new(x);
        let kind = match &e.kind {
            TK::Int(v) => ExprKind::Int(*v),
            TK::Float(v) => ExprKind::Float(*v),
            TK::Bool(v) => ExprKind::Bool(*v),
            TK::Var(n) => {
                if let T::Tuple(_) = e.ty {
                    return Err(format!("tuple `{n}` cannot be used as a single value"));
                }
                ExprKind::Var(n.clone())
            }
            TK::Bin(BinOp::Div, l, r) if pow2_reciprocal(r).is_some() => {
                // x / 2**k == x * 2**-k exactly (both are the correctly rounded exact value);
                // the multiply is faster and needs no zero-divisor check.
                let recip = pow2_reciprocal(r).unwrap_or(1.0);
                let l2 = ex(ExprKind::Cast(Ty::F64, b(self.expr(l, pre)?)), line);
                ExprKind::Bin(BinOp::Mul, b(l2), b(ex(ExprKind::Float(recip), line)))
            }
            TK::Bin(op, l, r) => ExprKind::Bin(*op, b(self.expr(l, pre)?), b(self.expr(r, pre)?)),
            TK::Cmp(op, l, r) => ExprKind::Cmp(*op, b(self.expr(l, pre)?), b(self.expr(r, pre)?)),
            TK::And(l, r) | TK::Or(l, r) => {
                let l2 = self.expr(l, pre)?;
                let mut rp = Vec::new();
                let r2 = self.expr(r, &mut rp)?;
                if !rp.is_empty() {
                    return Err("array expressions inside `and`/`or` are not supported".into());
                }
                if let TK::And(..) = e.kind {
                    ExprKind::And(b(l2), b(r2))
                } else {
                    ExprKind::Or(b(l2), b(r2))
                }
            }
            TK::Un(op, x) => ExprKind::Un(*op, b(self.expr(x, pre)?)),
            TK::Math(f, args) => {
                let mut a = Vec::new();
                for x in args {
                    a.push(self.expr(x, pre)?);
                }
                ExprKind::Math(*f, a)
            }
            TK::Cast(t, x) => ExprKind::Cast(ir_ty(t)?, b(self.expr(x, pre)?)),
            TK::Select(c, x, y) => {
                let c2 = self.expr(c, pre)?;
                let mut bp = Vec::new();
                let x2 = self.expr(x, &mut bp)?;
                let y2 = self.expr(y, &mut bp)?;
                if !bp.is_empty() {
                    return Err(
                        "array expressions inside a conditional expression are not supported"
                            .into(),
                    );
                }
                ExprKind::Select(b(c2), b(x2), b(y2))
            }
            TK::Load(n, idx) => {
                let mut ix = Vec::new();
                for i in idx {
                    ix.push(self.expr(i, pre)?);
                }
                ExprKind::Load(n.clone(), ix)
            }
            TK::Shape(n, k) => ExprKind::Shape(n.clone(), *k),
            TK::TupleGet(n, k) => ExprKind::Var(format!("{n}.{k}")),
            TK::Tuple(_) => return Err("a tuple cannot be used as a single value".into()),
            TK::Alloc(dt, fill, dims) => {
                let mut d = Vec::new();
                for x in dims {
                    d.push(self.expr(x, pre)?);
                }
                let a = ex(ExprKind::Alloc(*dt, *fill, d), line);
                return self.materialise(a, &e.ty, line, pre);
            }
            TK::Call(fid, args) => {
                let mut a = Vec::new();
                for x in args {
                    a.push(self.expr(x, pre)?);
                }
                match e.ty {
                    T::NoneT | T::Tuple(_) => {
                        return Err("this call does not return a single value".into())
                    }
                    _ => {}
                }
                let call = ex(ExprKind::Call(ir_name(self.unit, *fid), a), line);
                if e.ty.is_array() {
                    return self.materialise(call, &e.ty, line, pre);
                }
                return Ok(call);
            }
            TK::ArrayBin(..) | TK::ArrayMath(..) | TK::ArrayNeg(_) | TK::Copy(_) => {
                return self.elementwise(e, pre);
            }
        };
        Ok(ex(kind, line))
    }

    fn materialise(
        &mut self,
        init: Expr,
        t: &T,
        line: u32,
        pre: &mut Vec<Stmt>,
    ) -> Result<Expr, String> {
        let tmp = self.fresh("a");
        pre.push(st(StmtKind::Var(tmp.clone(), ir_ty(t)?, Some(init)), line));
        Ok(var(&tmp, line))
    }

    /// An operand of an element-wise operation: an array variable, or a scalar evaluated once.
    fn operand(&mut self, e: &TExpr, pre: &mut Vec<Stmt>) -> Result<(String, Option<u8>), String> {
        let v = self.expr(e, pre)?;
        let line = e.line;
        match (&v.kind, &e.ty) {
            (ExprKind::Var(n), T::Arr(_, nd)) => Ok((n.clone(), Some(*nd))),
            (_, T::Arr(_, nd)) => {
                let Expr {
                    kind: ExprKind::Var(n),
                    ..
                } = self.materialise(v, &e.ty, line, pre)?
                else {
                    return Err("internal: materialise".into());
                };
                Ok((n, Some(*nd)))
            }
            (_, t) => {
                let tmp = self.fresh("s");
                pre.push(st(StmtKind::Var(tmp.clone(), ir_ty(t)?, Some(v)), line));
                Ok((tmp, None))
            }
        }
    }

    /// `a + b`, `np.sqrt(a)`, `a.copy()`: allocate the result, loop over it.
    fn elementwise(&mut self, e: &TExpr, pre: &mut Vec<Stmt>) -> Result<Expr, String> {
        let line = e.line;
        let T::Arr(dt, nd) = e.ty else {
            return Err("internal: element-wise result is not an array".into());
        };
        let nd_us = nd as usize;
        // Operands: (name, ndim if array).
        let ops: Vec<(String, Option<u8>)> = match &e.kind {
            TK::ArrayBin(_, l, r) => vec![self.operand(l, pre)?, self.operand(r, pre)?],
            TK::ArrayMath(_, a) | TK::ArrayNeg(a) | TK::Copy(a) => vec![self.operand(a, pre)?],
            _ => return Err("internal: not element-wise".into()),
        };
        let arrays: Vec<(usize, String, usize)> = ops
            .iter()
            .enumerate()
            .filter_map(|(i, (n, d))| d.map(|d| (i, n.clone(), d as usize)))
            .collect();
        // Output dims with broadcasting checks.
        let mut dims = Vec::new();
        let mut may_stretch = vec![vec![false; nd_us]; ops.len()];
        #[allow(clippy::needless_range_loop)] // k indexes the output axes and two tables
        for k in 0..nd_us {
            let present: Vec<(usize, String, i64)> = arrays
                .iter()
                .filter(|(_, _, d)| k + d >= nd_us)
                .map(|(i, n, d)| (*i, n.clone(), (k + d - nd_us) as i64))
                .collect();
            let dk = self.fresh("n");
            let shape = |p: &(usize, String, i64)| ex(ExprKind::Shape(p.1.clone(), p.2), line);
            match present.as_slice() {
                [one] => pre.push(st(
                    StmtKind::Var(dk.clone(), Ty::I64, Some(shape(one))),
                    line,
                )),
                [a, bb] => {
                    let (sa, sb) = (shape(a), shape(bb));
                    let cmp = |op, x: Expr, y: Expr| {
                        ex(ExprKind::Cmp(op, Box::new(x), Box::new(y)), line)
                    };
                    let and = |x: Expr, y: Expr| ex(ExprKind::And(Box::new(x), Box::new(y)), line);
                    let bad = and(
                        cmp(CmpOp::Ne, sa.clone(), sb.clone()),
                        and(
                            cmp(CmpOp::Ne, sa.clone(), int(1, line)),
                            cmp(CmpOp::Ne, sb.clone(), int(1, line)),
                        ),
                    );
                    let raise = st(
                        StmtKind::Expr(ex(
                            ExprKind::CallHost(BCAST_ERROR.into(), vec![sa.clone(), sb.clone()]),
                            line,
                        )),
                        line,
                    );
                    pre.push(st(StmtKind::If(bad, vec![raise], vec![]), line));
                    let pick = ex(
                        ExprKind::Select(
                            Box::new(cmp(CmpOp::Eq, sa.clone(), int(1, line))),
                            Box::new(sb),
                            Box::new(sa),
                        ),
                        line,
                    );
                    pre.push(st(StmtKind::Var(dk.clone(), Ty::I64, Some(pick)), line));
                    may_stretch[a.0][k] = true;
                    may_stretch[bb.0][k] = true;
                }
                _ => return Err("internal: broadcast".into()),
            }
            dims.push(var(&dk, line));
        }
        let out = self.fresh("a");
        pre.push(st(
            StmtKind::Var(
                out.clone(),
                Ty::Array(dt, nd),
                Some(ex(
                    ExprKind::Alloc(dt, numjit_jit::Fill::Empty, dims.clone()),
                    line,
                )),
            ),
            line,
        ));
        let ivars: Vec<String> = (0..nd_us).map(|_| self.fresh("i")).collect();
        let elem = |i: usize, this: &Self| -> Expr {
            let (n, d) = &ops[i];
            match d {
                None => var(n, line),
                Some(d) => {
                    let d = *d as usize;
                    let idx = (0..d)
                        .map(|j| {
                            let k = j + nd_us - d;
                            let iv = var(&ivars[k], line);
                            if may_stretch[i][k] {
                                let one = ex(
                                    ExprKind::Cmp(
                                        CmpOp::Eq,
                                        Box::new(ex(ExprKind::Shape(n.clone(), j as i64), line)),
                                        Box::new(int(1, line)),
                                    ),
                                    line,
                                );
                                ex(
                                    ExprKind::Select(
                                        Box::new(one),
                                        Box::new(int(0, line)),
                                        Box::new(iv),
                                    ),
                                    line,
                                )
                            } else {
                                iv
                            }
                        })
                        .collect();
                    let _ = this;
                    ex(ExprKind::Load(n.clone(), idx), line)
                }
            }
        };
        let value = match &e.kind {
            TK::ArrayBin(op, ..) => ex(
                ExprKind::Bin(*op, Box::new(elem(0, self)), Box::new(elem(1, self))),
                line,
            ),
            TK::ArrayMath(f, _) => ex(ExprKind::Math(*f, vec![elem(0, self)]), line),
            TK::ArrayNeg(_) => ex(ExprKind::Un(UnOp::Neg, Box::new(elem(0, self))), line),
            _ => elem(0, self),
        };
        let idx: Vec<Expr> = ivars.iter().map(|v| var(v, line)).collect();
        let mut body = vec![st(StmtKind::Store(out.clone(), idx, value), line)];
        for k in (0..nd_us).rev() {
            body = vec![st(
                StmtKind::For {
                    var: ivars[k].clone(),
                    start: int(0, line),
                    stop: dims[k].clone(),
                    step: int(1, line),
                    body,
                },
                line,
            )];
        }
        pre.extend(body);
        Ok(var(&out, line))
    }
}
