//! Lowering: the checked copy of a versioned loop, outlined into a function of its own that
//! is compiled on its first call (`compile::Lazy`).
//!
//! Why: the checked copy runs only when the test before the loop fails (an index out of
//! bounds, or a negative one to wrap), yet compiled inline it doubled the code Cranelift
//! allocated registers for. nbody's nest, in-process (`examples/compile_time.rs`): 2.11 →
//! 1.54 ms, the difference mostly register allocation.
//!
//! The outlined function takes the range's bounds, the locals the loop reads before
//! assigning them, those read after it, and its arrays (by descriptor); it returns the
//! scalars it assigns that are read after it. It reports its errors as the function it came
//! from (same function index, same `spill` values, no traceback frame of its own), starts
//! with what its caller knew (ranges, passed checks), and its loop is neither versioned nor
//! outlined again.

use super::known::each_read;
use super::{assigned, Copy, Local, Lower, R};
use crate::compile::{lazy_symbols, preserving_sig, resolvers, Lazy, RESOLVER_SYMBOLS};
use crate::ir::*;
use cranelift_codegen::ir::{types, InstBuilder, StackSlotData, StackSlotKind, Value};
use rustc_hash::FxHashSet as HashSet;

/// A local by name.
type Named = (String, Local);

/// The names a statement list reads or writes (locals and arrays), in order of first use.
fn mentioned(body: &[Stmt], out: &mut Vec<String>) {
    let mut push = |n: &str| {
        if !out.iter().any(|m| m == n) {
            out.push(n.to_string());
        }
    };
    Stmt::walk_all(body, &mut |s| {
        match &s.kind {
            StmtKind::Set(n, _) | StmtKind::Store(n, ..) => push(n),
            StmtKind::Unpack(ns, _) => ns.iter().for_each(|n| push(n)),
            _ => {}
        }
        for e in s.exprs() {
            each_read(e, &mut push);
        }
    });
}

/// The names `e` reads (locals, arrays of loads and shapes).
fn reads_of(e: &Expr, out: &mut HashSet<String>) {
    each_read(e, &mut |n| {
        out.insert(n.to_string());
    });
}

/// The names `body` may read before assigning them (on the first iteration of the loop it
/// is the body of): these need their values from before the loop. `defined`: the names
/// assigned on every path so far (an `if` keeps those both branches assign). Without an
/// allocation per statement (`nest` runs it on whole functions: nbody's nest has 26
/// parameters and a hundred statements).
pub(super) fn exposed<'f>(
    body: &'f [Stmt],
    defined: &mut Vec<&'f str>,
    out: &mut HashSet<&'f str>,
) {
    for s in body {
        for e in s.exprs() {
            each_read(e, &mut |n| {
                if !defined.contains(&n) {
                    out.insert(n);
                }
            });
        }
        match &s.kind {
            StmtKind::Store(n, ..) if !defined.contains(&n.as_str()) => {
                out.insert(n);
            }
            StmtKind::Set(n, _) => defined.push(n),
            StmtKind::Unpack(ns, _) => defined.extend(ns.iter().map(String::as_str)),
            StmtKind::If(_, a, b) => {
                let (mut da, mut db) = (defined.clone(), defined.clone());
                exposed(a, &mut da, out);
                exposed(b, &mut db, out);
                defined.extend(da.into_iter().filter(|n| db.contains(n)));
            }
            // Loops may not run: what they assign is not defined after them. A `for` assigns
            // its counter before its body.
            StmtKind::While(_, b) => {
                let k = defined.len();
                exposed(b, defined, out);
                defined.truncate(k);
            }
            StmtKind::For { var, body: b, .. } => {
                let k = defined.len();
                defined.push(var);
                exposed(b, defined, out);
                defined.truncate(k);
            }
            _ => {}
        }
    }
}

/// The names the statements of `body` read, except inside the loop whose body is `skip`.
fn read_outside(body: &[Stmt], skip: &[Stmt], out: &mut HashSet<String>) {
    for s in body {
        if let StmtKind::For { body: b, .. } = &s.kind {
            if std::ptr::eq(b.as_slice(), skip) {
                continue;
            }
        }
        for e in s.exprs() {
            reads_of(e, out);
        }
        for b in s.blocks() {
            read_outside(b, skip, out);
        }
    }
}

/// The module functions `body` calls, directly or through other calls (indices into `ir`).
fn callees(ir: &Module, body: &[Stmt]) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    let mut todo: Vec<&[Stmt]> = vec![body];
    while let Some(b) = todo.pop() {
        Stmt::walk_all(b, &mut |s| {
            for e in s.exprs() {
                e.walk(&mut |x| {
                    if let ExprKind::Call(n, _) = &x.kind {
                        if let Some(k) = ir.functions.iter().position(|f| f.name == *n) {
                            if !out.contains(&k) {
                                out.push(k);
                                todo.push(&ir.functions[k].body);
                            }
                        }
                    }
                });
            }
        });
    }
    out
}

/// The loop being outlined: counter, bounds, literal step and body.
pub(super) struct Checked<'s> {
    pub(super) var: &'s str,
    pub(super) vstart: cranelift_codegen::ir::Value,
    pub(super) vstop: cranelift_codegen::ir::Value,
    /// What is known of the bounds' values.
    pub(super) ranges: ((i128, i128), (i128, i128)),
    pub(super) step: i64,
    pub(super) body: &'s [Stmt],
    pub(super) exit: cranelift_codegen::ir::Block,
}

impl Lower<'_, '_, '_> {
    /// Emits a call to loop `l` compiled as a function of its own on first use, then a jump
    /// to `l.exit`. False (nothing emitted) when the loop cannot be outlined: it returns from
    /// the function, declares locals, or rebinds an array; the caller lowers it inline.
    pub(super) fn outlined_loop(&mut self, l: &Checked) -> R<bool> {
        let mut unsupported = false;
        Stmt::walk_all(l.body, &mut |s| {
            unsupported |= matches!(s.kind, StmtKind::Return(_) | StmtKind::Var(..));
        });
        let writes = assigned(l.body);
        let mut names = vec![l.var.to_string()];
        mentioned(l.body, &mut names);
        // What the loop needs from before it, and what is read after it (anywhere else in
        // the function, or by an error's `spill`). A local it assigns that is neither is
        // one of its own: nbody's `d2`, `inv3`, `fi` and `fj`, which kept in the caller
        // were live across the whole inner loop, stored to memory on every iteration.
        let mut needed = HashSet::default();
        exposed(l.body, &mut Vec::new(), &mut needed);
        let mut after = HashSet::default();
        read_outside(&self.f.body, l.body, &mut after);
        after.extend(self.spill.iter().cloned());
        // The function reports the same `spill` values as this one on its errors.
        for n in &self.spill {
            if !names.contains(n) {
                names.push(n.clone());
            }
        }
        let captured: Vec<Named> = names
            .into_iter()
            .filter_map(|n| self.vars.get(&n).cloned().map(|v| (n, v)))
            .collect();
        unsupported |= captured
            .iter()
            .any(|(n, v)| matches!(v, Local::Array(_)) && writes.contains(n));
        if unsupported {
            return Ok(false);
        }
        let ty = |v: &Local| match v {
            Local::Scalar(_, t) => *t,
            Local::Array(a) => Ty::Array(a.dtype, a.shape.len() as u8),
        };
        // Results: the assigned scalars read later (or by a later run of the loop). They are
        // parameters too: an empty range leaves them as they were.
        let (outs, own): (Vec<Named>, Vec<Named>) = captured
            .iter()
            .filter(|(n, v)| matches!(v, Local::Scalar(..)) && (n == l.var || writes.contains(n)))
            .cloned()
            .partition(|(n, _)| needed.contains(n.as_str()) || after.contains(n));
        let captured: Vec<Named> = captured
            .into_iter()
            .filter(|(n, _)| !own.iter().any(|(m, _)| m == n))
            .collect();
        let (lo, hi) = ("$outline_lo".to_string(), "$outline_hi".to_string());
        let line = self.line;
        let expr = |kind| Expr { kind, line };
        let stmt = |kind| Stmt { kind, line };
        let mut body = Vec::new();
        if !self.spill.is_empty() {
            body.push(stmt(StmtKind::Spill(self.spill.clone())));
        }
        for (n, v) in &own {
            body.push(stmt(StmtKind::Var(n.clone(), ty(v), None)));
        }
        body.push(stmt(StmtKind::For {
            var: l.var.to_string(),
            start: expr(ExprKind::Var(lo.clone())),
            stop: expr(ExprKind::Var(hi.clone())),
            step: expr(ExprKind::Int(l.step)),
            body: l.body.to_vec(),
        }));
        body.push(stmt(StmtKind::Return(
            outs.iter()
                .map(|(n, _)| expr(ExprKind::Var(n.clone())))
                .collect(),
        )));
        let params: Vec<Param> = [(lo, Ty::I64), (hi, Ty::I64)]
            .into_iter()
            .chain(captured.iter().map(|(n, v)| (n.clone(), ty(v))))
            .map(|(name, ty)| Param { name, ty })
            .collect();
        let rets: Vec<Ty> = outs.iter().map(|(_, v)| ty(v)).collect();
        let n_out = self
            .env
            .lazies
            .iter()
            .filter(|z| z.owner == self.local)
            .count();
        let func = Function {
            name: format!("{}$checked{}", self.f.name, n_out + 1),
            params: params.clone(),
            rets: rets.clone(),
            body,
        };
        let (module, report) = self.copy_module(func);
        // The function starts knowing what is known here (ranges, passed checks), and the
        // bounds' ranges.
        let mut known = self.known.clone();
        known.set_range(&module.functions[0].params[0].name, Some(l.ranges.0));
        known.set_range(&module.functions[0].params[1].name, Some(l.ranges.1));
        let lazy = Lazy::new(module, report, known, Copy::Loop, self.env.opts, self.local);
        let mut args = vec![l.vstart, l.vstop];
        for (_, v) in &captured {
            args.push(match v {
                Local::Scalar(var, _) => self.b.use_var(*var),
                Local::Array(a) => self.b.use_var(a.ptr),
            });
        }
        let results = self.call_lazy(lazy, &args, &rets)?;
        for ((_, v), r) in outs.iter().zip(results) {
            if let Local::Scalar(var, _) = v {
                self.b.def_var(*var, r);
            }
        }
        self.b.ins().jump(l.exit, &[]);
        Ok(true)
    }

    /// At the entry, when the test of `nest::Plan` failed: calls the function's checked copy
    /// (compiled on first use; its loops are versioned one by one) with the parameters, and
    /// returns what it returns. A plain call with the function's own signature: nothing is
    /// live after it, and the parameters stay in their registers (stored to slots as for a
    /// loop's copy, nbody's 26 cost 0.05 ms of compile).
    ///
    /// `compile::Resolvers::addr` compiles it on the first call and gives its address (0
    /// after recording the failure).
    pub(super) fn call_checked_copy(&mut self, params: &[Value]) -> R<()> {
        let (module, report) = self.copy_module(Function {
            name: format!("{}$checked", self.f.name),
            ..self.f.clone()
        });
        let known = super::Known::default();
        let lazy = Box::new(Lazy::new(
            module,
            report,
            known,
            Copy::Function(self.env.direct),
            self.env.opts,
            self.local,
        ));
        let handle = self.lazy_handle(&lazy)?;
        self.env.lazies.push(lazy);
        // Through a resolver that keeps every register: the parameters stay where they are
        // for the call after it. The handle goes in a slot, the address comes back in it.
        let slot =
            self.b
                .create_sized_stack_slot(StackSlotData::new(StackSlotKind::ExplicitSlot, 8, 3));
        let buf = self.b.ins().stack_addr(types::I64, slot, 0);
        self.b.ins().store(super::mem(), handle, buf, 0);
        let resolve = self.symbol_address(RESOLVER_SYMBOLS.0, resolvers()?.addr)?;
        let ctx = self.ctx;
        let sig = self.b.import_signature(preserving_sig());
        self.b.ins().call_indirect(sig, resolve, &[ctx, buf]);
        let addr = self.b.ins().load(types::I64, super::mem(), buf, 0);
        let ok = self.cold_path(addr, false);
        let one = self.iconst(1);
        self.return_failure(one);
        self.b.switch_to_block(ok);
        let sig = self.b.func.signature.clone();
        let sig = self.b.import_signature(sig);
        let args: Vec<Value> = std::iter::once(ctx).chain(params.iter().copied()).collect();
        let call = self.b.ins().call_indirect(sig, addr, &args);
        let out = self.b.inst_results(call).to_vec();
        self.b.ins().return_(&out);
        Ok(())
    }

    /// The address of `lazy` (before it is pushed to the module's lazies), as a value.
    fn lazy_handle(&mut self, lazy: &Lazy) -> R<Value> {
        let name = lazy_symbols(self.env.lazies.len()).0;
        self.symbol_address(&name, lazy as *const Lazy as usize)
    }

    /// The module of an outlined copy: `func`, then copies of the module functions it calls;
    /// and the index each reports in its errors (the copy reports as this function).
    fn copy_module(&self, func: Function) -> (Module, Vec<u32>) {
        let called = callees(self.env.ir, &func.body);
        let report = std::iter::once(self.fidx)
            .chain(called.iter().map(|&k| self.env.report(k)))
            .collect();
        let module = Module {
            functions: std::iter::once(func)
                .chain(called.iter().map(|&k| self.env.ir.functions[k].clone()))
                .collect(),
            hosts: self.env.ir.hosts.clone(),
        };
        (module, report)
    }

    /// Calls outlined function `lazy` with `args` (scalars, and arrays by descriptor); its
    /// results, of types `rets`. A failure returns from this function.
    fn call_lazy(&mut self, lazy: Lazy, args: &[Value], rets: &[Ty]) -> R<Vec<Value>> {
        let lazy = Box::new(lazy);
        let handle = self.lazy_handle(&lazy)?;
        let slot = lazy_symbols(self.env.lazies.len()).1;
        let slot = self.symbol_address(&slot, lazy.slot_address())?;
        self.env.lazies.push(lazy);

        // The call, through slots: the handle then the arguments in, the status then the
        // results out. Until the function is compiled its slot holds 0, and the process's
        // resolver (`compile::Resolvers::call`) is called instead: it compiles the function
        // and calls it. Both preserve every register, so that values live across the call
        // stay in registers in the loops around it (with a plain call to the `nj_lazy`
        // helper here, nbody's `dx`, `dy`, `dz`, `eps2` and `dt` went to memory on every
        // iteration of the inner loop: native 2.5 → 2.8 ms).
        let n = 1 + args.len().max(rets.len());
        let slots = self.b.create_sized_stack_slot(StackSlotData::new(
            StackSlotKind::ExplicitSlot,
            8 * n as u32,
            3,
        ));
        let buf = self.b.ins().stack_addr(types::I64, slots, 0);
        for (k, &v) in std::iter::once(&handle).chain(args).enumerate() {
            self.b.ins().store(super::mem(), v, buf, 8 * k as i32);
        }
        let compiled = self.b.ins().load(types::I64, super::mem(), slot, 0);
        let resolver = self.symbol_address(RESOLVER_SYMBOLS.1, resolvers()?.call)?;
        let addr = self.b.ins().select(compiled, compiled, resolver);
        let sig = self.b.import_signature(preserving_sig());
        self.b.ins().call_indirect(sig, addr, &[self.ctx, buf]);
        let status = self.b.ins().load(types::I64, super::mem(), buf, 0);
        let ok = self.cold_path(status, true);
        self.return_failure(status);
        self.b.switch_to_block(ok);
        Ok(rets
            .iter()
            .enumerate()
            .map(|(k, &t)| {
                self.b
                    .ins()
                    .load(super::clty(t), super::mem(), buf, 8 + 8 * k as i32)
            })
            .collect())
    }
}
