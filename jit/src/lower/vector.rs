//! Two-lane vector loops (lowering stage): the fast copy of a versioned loop whose body is one
//! element-wise float store — `out[..., i] = e` where `e` combines `+ - *`, negation, float
//! scalars and loads `a[..., i]`, every array contiguous along `i` (proven by the version
//! test) — first runs two iterations at a time on `f64x2` (Cranelift's x86-64 vectors are 128
//! bits), then the scalar fast loop finishes the odd iteration.
//!
//! Each lane computes exactly what the scalar loop computes (IEEE operations lane by lane, no
//! reassociation, no fused multiply-add), so results are bit for bit the same. Loading two
//! elements before storing two differs from the scalar order only if a loaded array overlaps
//! the stored one at another element: a test before the loop takes the vector path only when
//! every loaded row is the stored row itself or lies entirely apart from it. None of these
//! operations can fail, so the loop needs no error path.
//!
//! The `trace` anchor (`a + trace` on a 200 x 200 array, 15,000 calls): 0.355 s → 0.108 s with
//! this loop, bottom-tested, and recycled result buffers (Numba: 0.083 s). `--emit=asm` shows
//! `vaddpd` in the fast copy.

use super::loops::{form, Form, Proven};
use super::{Local, Lower, R};
use crate::ir::*;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, BlockArg, InstBuilder, Value};

/// True if `e` can be computed two lanes at a time in a loop over `var` (see the module doc).
fn lanes_ok(
    me: &Lower,
    e: &Expr,
    var: &str,
    p: &Proven,
    loads: &mut Vec<(String, Vec<Expr>)>,
) -> bool {
    match &e.kind {
        ExprKind::Float(_) => true,
        ExprKind::Var(n) => n != var && matches!(me.vars.get(n), Some(Local::Scalar(_, Ty::F64))),
        ExprKind::Un(UnOp::Neg, a) => lanes_ok(me, a, var, p, loads),
        ExprKind::Bin(BinOp::Add | BinOp::Sub | BinOp::Mul, a, b) => {
            lanes_ok(me, a, var, p, loads) && lanes_ok(me, b, var, p, loads)
        }
        ExprKind::Load(n, idx) => {
            let ok = contiguous_f64(me, n, idx, var, p);
            if ok {
                loads.push((n.clone(), idx.clone()));
            }
            ok
        }
        _ => false,
    }
}

/// `n[idx]` is an f64 array indexed by the counter on its (unit-stride) last axis and by
/// proven indices elsewhere.
fn contiguous_f64(me: &Lower, n: &str, idx: &[Expr], var: &str, p: &Proven) -> bool {
    let Some(Local::Array(a)) = me.vars.get(n) else {
        return false;
    };
    let Some((last, rest)) = idx.split_last() else {
        return false;
    };
    a.dtype == DType::F64
        && p.unit_last.contains(n)
        && matches!(&last.kind, ExprKind::Var(v) if v == var)
        && rest.iter().enumerate().all(|(k, e)| {
            form(e, var, &Default::default()).is_some_and(|f| {
                !matches!(f, Form::Counter(_)) && p.in_bounds.contains(&(n.to_string(), k, f))
            })
        })
        && p.in_bounds
            .contains(&(n.to_string(), idx.len() - 1, Form::Counter(0)))
}

impl Lower<'_, '_, '_> {
    /// In the fast copy of a loop over `var` from `vstart` to `vstop` (step 1): when `body`
    /// is one vectorisable store, emits the two-lane loop and returns the counter where the
    /// scalar loop must continue; else returns `vstart`.
    pub(super) fn vector_prefix(
        &mut self,
        var: &str,
        lvar: cranelift_frontend::Variable,
        vstart: Value,
        vstop: Value,
        body: &[Stmt],
    ) -> R<Value> {
        let [Stmt {
            kind: StmtKind::Store(out, oidx, value),
            ..
        }] = body
        else {
            return Ok(vstart);
        };
        let Some(p) = self.proven.as_ref() else {
            return Ok(vstart);
        };
        let mut loads = Vec::new();
        if !contiguous_f64(self, out, oidx, var, p) || !lanes_ok(self, value, var, p, &mut loads) {
            return Ok(vstart);
        }
        // Rows at the first iteration: each loaded row must be the stored one or not meet it.
        // (The variable is bound to the start only for these addresses: a loop that runs no
        // iteration leaves it unchanged.)
        let before = self.b.use_var(lvar);
        self.b.def_var(lvar, vstart);
        let oa = self.array_named(out)?;
        let orow = self.address(out, &oa, oidx)?;
        let len = self.b.ins().isub(vstop, vstart);
        let span = self.b.ins().imul_imm_s(len, 8);
        let mut apart = self.b.ins().iconst(types::I8, 1);
        for (n, idx) in &loads {
            let a = self.array_named(n)?;
            let row = self.address(n, &a, idx)?;
            let d = self.b.ins().isub(row, orow);
            let same = self.b.ins().icmp_imm_s(IntCC::Equal, d, 0);
            let after = self.b.ins().icmp(IntCC::SignedGreaterThanOrEqual, d, span);
            let nd = self.b.ins().ineg(d);
            let before = self.b.ins().icmp(IntCC::SignedGreaterThanOrEqual, nd, span);
            let ok = self.b.ins().bor(same, after);
            let ok = self.b.ins().bor(ok, before);
            apart = self.b.ins().band(apart, ok);
        }
        self.b.def_var(lvar, before);
        // Bottom-tested like the scalar loop: a guard, then one branch per two elements.
        let (vbody, exit) = (self.b.create_block(), self.b.create_block());
        let c0 = self.b.append_block_param(vbody, types::I64);
        let rest = self.b.append_block_param(exit, types::I64);
        let two = self.b.ins().iadd_imm_s(vstart, 2);
        let fits = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, two, vstop);
        let enter = self.b.ins().band(apart, fits);
        let at_start = [BlockArg::Value(vstart)];
        self.b.ins().brif(enter, vbody, &at_start, exit, &at_start);
        self.b.switch_to_block(vbody);
        self.b.def_var(lvar, c0);
        let v = self.lanes(value)?;
        let oa = self.array_named(out)?;
        let at = self.address(out, &oa, oidx)?;
        self.b.ins().store(super::mem(), v, at, 0);
        // As after the scalar loop, the variable holds the last value the loop gave it.
        let last = self.b.ins().iadd_imm_s(c0, 1);
        self.b.def_var(lvar, last);
        let c2 = self.b.ins().iadd_imm_s(c0, 2);
        let c4 = self.b.ins().iadd_imm_s(c0, 4);
        let go = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, c4, vstop);
        let next = [BlockArg::Value(c2)];
        self.b.ins().brif(go, vbody, &next, exit, &next);
        self.b.seal_block(vbody);
        self.b.seal_block(exit);
        self.b.switch_to_block(exit);
        Ok(rest)
    }

    /// Two lanes of `e` (checked by `lanes_ok`), the counter bound to the first lane's index.
    fn lanes(&mut self, e: &Expr) -> R<Value> {
        Ok(match &e.kind {
            ExprKind::Float(x) => {
                let s = self.b.ins().f64const(*x);
                self.b.ins().splat(types::F64X2, s)
            }
            ExprKind::Var(_) => {
                let (s, _) = self.expr(e)?;
                self.b.ins().splat(types::F64X2, s)
            }
            ExprKind::Un(_, a) => {
                let x = self.lanes(a)?;
                self.b.ins().fneg(x)
            }
            ExprKind::Bin(op, a, b) => {
                let (x, y) = (self.lanes(a)?, self.lanes(b)?);
                match op {
                    BinOp::Add => self.b.ins().fadd(x, y),
                    BinOp::Sub => self.b.ins().fsub(x, y),
                    _ => self.b.ins().fmul(x, y),
                }
            }
            ExprKind::Load(n, idx) => {
                let a = self.array_named(n)?;
                let at = self.address(n, &a, idx)?;
                self.b.ins().load(types::F64X2, super::mem(), at, 0)
            }
            _ => return Err(self.terr("internal: not a two-lane expression")),
        })
    }
}
