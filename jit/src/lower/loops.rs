//! Lowering of `for` loops over a range, with loop versioning for innermost loops.
//!
//! Every array access is bounds-checked (and a possibly negative index wrapped) by default. In
//! an innermost loop with a positive literal step most indices are the counter plus a constant,
//! a local the body never assigns, or a literal: whether they stay inside their axis for the
//! whole iteration space is known before the first iteration, from the range's bounds and the
//! arrays' shapes. Such a loop is emitted twice. The fast copy runs when one test before the
//! loop proves every such index in bounds and every array indexed by the counter on its last
//! axis contiguous along it: it has no checks or wraps for those indices and scales the counter
//! by the element size (an addressing mode, not a multiply by a loaded stride). Otherwise the
//! checked copy runs, raising at the same iteration as before. Only innermost loops are
//! versioned, so code grows at most twice; the checked copy is outlined into a function of its
//! own, compiled when it first runs (`outline`). (anchors `dot`, `matmul`, `nbody`, `trace`:
//! `--emit=asm` shows the fast copy's loads with no compare and branch before them.)

use super::known::reads;
use super::{assigned, Local, Lower, FULL, R};
use crate::error::ErrorKind;
use crate::ir::*;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{types, Block, InstBuilder, Value};
use cranelift_frontend::Variable;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// How one index expression of an access depends on the loop being versioned.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Form {
    /// The loop counter plus a small constant.
    Counter(i64),
    /// A local the body never assigns.
    Invariant(String),
    /// A non-negative literal.
    Const(i64),
}

/// What the test before a fast copy proved, consulted by `Lower::address` inside it.
#[derive(Default)]
pub(super) struct Proven {
    /// The loop counter's name (forms are relative to it).
    pub(super) var: String,
    /// (array, axis, form): the index lies in `0..shape[axis]` on every iteration.
    pub(super) in_bounds: HashSet<(String, usize, Form)>,
    /// Arrays whose last axis has unit stride (the element size).
    pub(super) unit_last: HashSet<String>,
    /// (array, axis) indexed by the counter with a stride known only at run time: a variable
    /// holding `counter * stride`, advanced by `step * stride` each iteration (strength
    /// reduction: an add instead of a multiply per access), and the stride.
    pub(super) ivs: HashMap<(String, usize), (Variable, Value)>,
}

/// Offsets beyond this are not treated as counter forms (keeps `shape - c` far from overflow).
const MAX_OFFSET: i64 = 1 << 20;

/// The form of index `e` in a loop over `var` with body `body`, if it has one.
/// `assigned`: the names the loop body assigns.
pub(super) fn form(e: &Expr, var: &str, assigned: &HashSet<String>) -> Option<Form> {
    let counter = |n: &str| n == var && !assigned.contains(var);
    match &e.kind {
        ExprKind::Var(n) if counter(n) => Some(Form::Counter(0)),
        ExprKind::Var(n) if n != var && !assigned.contains(n) => Some(Form::Invariant(n.clone())),
        ExprKind::Int(c) if *c >= 0 => Some(Form::Const(*c)),
        ExprKind::Bin(op @ (BinOp::Add | BinOp::Sub), a, b) => match (&a.kind, &b.kind) {
            (ExprKind::Var(n), ExprKind::Int(c)) if counter(n) && c.abs() <= MAX_OFFSET => {
                Some(Form::Counter(if *op == BinOp::Add { *c } else { -*c }))
            }
            _ => None,
        },
        _ => None,
    }
}

/// True if `body` refers to array `name` in any way.
fn mentions(body: &[Stmt], name: &str) -> bool {
    let mut found = false;
    Stmt::walk_all(body, &mut |s| {
        found |= match &s.kind {
            StmtKind::Var(n, ..) | StmtKind::Set(n, _) | StmtKind::Store(n, ..) => n == name,
            StmtKind::Unpack(ns, _) | StmtKind::Spill(ns) => ns.iter().any(|n| n == name),
            _ => false,
        };
        found |= s.exprs().into_iter().any(|e| reads(e, |n| n == name));
    });
    found
}

/// How many copies of a fast copy's body run per branch: 4 for a one-statement body such as
/// matmul's `s += a[i, k] * b[k, j]`, 2 for a small one, else 1. Fewer branches and counter
/// updates per iteration; the copies run in Python order, so results are unchanged. matmul
/// native with 4 copies instead of 2: 3.0 → 2.5 ms (median of 9 runs; 8 copies: 2.5 ms, and
/// dot 5.2 → 8.0 ms), the other anchors unchanged.
fn unroll_factor(body: &[Stmt]) -> i64 {
    let (mut stmts, mut nodes) = (0, 0);
    Stmt::walk_all(body, &mut |s| {
        stmts += 1;
        for e in s.exprs() {
            e.walk(&mut |_| nodes += 1);
        }
    });
    match (stmts, nodes) {
        (1, 0..=12) => 4,
        (..=2, 0..=24) => 2,
        _ => 1,
    }
}

/// True if `body` contains a loop (only innermost loops are versioned).
pub(super) fn has_loop(body: &[Stmt]) -> bool {
    let mut found = false;
    Stmt::walk_all(body, &mut |s| {
        found |= matches!(s.kind, StmtKind::While(..) | StmtKind::For { .. });
    });
    found
}

/// Every array access `(array, indices)` in `body`, nested expressions included.
pub(super) fn accesses<'e>(body: &'e [Stmt], out: &mut Vec<(&'e str, &'e [Expr])>) {
    Stmt::walk_all(body, &mut |s| {
        if let StmtKind::Store(n, idx, _) = &s.kind {
            out.push((n, idx));
        }
        for e in s.exprs() {
            e.walk(&mut |e| {
                if let ExprKind::Load(n, idx) = &e.kind {
                    out.push((n, idx));
                }
            });
        }
    });
}

impl Lower<'_, '_, '_> {
    pub(super) fn for_range(
        &mut self,
        var: &str,
        start: &Expr,
        stop: &Expr,
        step: &Expr,
        body: &[Stmt],
    ) -> R<()> {
        let lv = match self.vars.get(var) {
            None => self.declare(var, Ty::I64)?,
            Some(l) => l.clone(),
        };
        let Local::Scalar(lvar, Ty::I64) = lv else {
            return Err(self.terr(format!("loop variable `{var}` must be an i64")));
        };
        let bound = |me: &mut Self, e: &Expr| -> R<Value> {
            let (v, t) = me.expr(e)?;
            if !t.is_intlike() {
                return Err(me.terr("range() bounds must be integers"));
            }
            me.coerce(v, t, Ty::I64)
        };
        let vstart = bound(self, start)?;
        let vstop = bound(self, stop)?;
        let vstep = bound(self, step)?;
        // A literal step (the usual case) picks the comparison at compile time.
        let const_step = match step.kind {
            ExprKind::Int(s) => Some(s),
            _ => None,
        };
        match const_step {
            Some(0) => self.raise_always(ErrorKind::RangeStepZero, 0, None, None),
            Some(_) => {}
            None => {
                let z = self.b.ins().icmp_imm_s(IntCC::Equal, vstep, 0);
                self.raise_if(z, ErrorKind::RangeStepZero, 0, None, None);
            }
        }
        // The counter stays between start and stop (the last value it takes is within them).
        let fact = match const_step {
            Some(s) if s > 0 => {
                let lo = if self.nonneg_expr(start) {
                    0.max(self.int_range(start).0)
                } else {
                    self.int_range(start).0
                };
                Some((lo, self.int_range(stop).1 - 1))
            }
            Some(_) => Some((self.int_range(stop).0 + 1, self.int_range(start).1)),
            None => None,
        };
        let exit = self.b.create_block();
        let assigned = assigned(body);
        let shape = RangeLoop {
            var,
            lvar,
            vstart,
            vstop,
            vstep,
            const_step,
            fact,
            body,
            assigned: &assigned,
            exit,
        };
        // Proven at the function's entry (`nest`): no test and no checked copy here.
        let planned = self.nest.as_mut().and_then(|m| m.remove(&body.as_ptr()));
        let proven = match (const_step, planned) {
            (Some(s), Some(p)) if s > 0 => Some((None, p)),
            (Some(s), _)
                if s > 0
                    && self.proven.is_none()
                    && !has_loop(body)
                    && self.env.copy() != Some(super::Copy::Loop) =>
            {
                self.version_test(var, vstart, vstop, body, &assigned)?
                    .map(|(t, p)| (Some(t), p))
            }
            _ => None,
        };
        if let Some((test, proven)) = proven {
            // Without a test the fast copy goes on in the current block.
            let slow = test.map(|test| {
                let (fast, slow) = (self.b.create_block(), self.b.create_block());
                self.b.ins().brif(test, fast, &[], slow, &[]);
                self.b.seal_block(fast);
                self.b.seal_block(slow);
                self.b.switch_to_block(fast);
                slow
            });
            // Inside the fast copy every proven counter index `i + c` is in `0..shape`, so
            // `i + c` fits in i64 and arithmetic on it needs no overflow check.
            let offsets = proven.in_bounds.iter().filter_map(|(_, _, f)| match f {
                Form::Counter(c) => Some(i128::from(*c)),
                _ => None,
            });
            let (lo, hi) = offsets.fold(fact.unwrap_or(FULL), |(lo, hi), c| {
                (lo.max(-c), hi.min(FULL.1 - 1 - c))
            });
            self.proven = Some(proven);
            let r = match const_step {
                Some(1) => self.vector_prefix(var, lvar, vstart, vstop, body),
                _ => Ok(vstart),
            }
            .and_then(|vstart| {
                self.emit_range_loop(&RangeLoop {
                    vstart,
                    fact: Some((lo, hi)),
                    ..shape
                })
            });
            self.proven = None;
            r?;
            let Some(slow) = slow else {
                self.b.seal_block(exit);
                self.b.switch_to_block(exit);
                self.reload_untouched_arrays(body);
                return Ok(());
            };
            self.b.switch_to_block(slow);
            let lo = self.int_range(start);
            let lo = (
                if self.nonneg_expr(start) {
                    lo.0.max(0)
                } else {
                    lo.0
                },
                lo.1,
            );
            let checked = super::outline::Checked {
                var,
                vstart,
                vstop,
                ranges: (lo, self.int_range(stop)),
                step: const_step.unwrap_or(1),
                body,
                exit,
            };
            if self.outlined_loop(&checked)? {
                self.b.seal_block(exit);
                self.b.switch_to_block(exit);
                self.reload_untouched_arrays(body);
                return Ok(());
            }
        }
        self.emit_range_loop(&shape)?;
        self.b.seal_block(exit);
        self.b.switch_to_block(exit);
        self.reload_untouched_arrays(body);
        Ok(())
    }

    /// After a loop, the arrays its body never mentions, and that are bound on every path to
    /// it (`Lower::dominating`: an array first bound in an `if` or a loop that did not run has
    /// no descriptor to read), get their data pointer, shape and strides loaded again from
    /// their descriptors. Otherwise those values stay live across the loop without a use in
    /// it, and regalloc2 moves them between stack slots and registers on every iteration
    /// (matmul: five stores and five loads in the k loop for the result array `c`). A plain
    /// load (not `readonly`) is not merged with the first one.
    pub(super) fn reload_untouched_arrays(&mut self, body: &[Stmt]) {
        let mut names: Vec<(String, super::ArrVars)> = self
            .vars
            .iter()
            .filter_map(|(n, l)| match l {
                Local::Array(a) if self.dominating.contains(n) && !mentions(body, n) => {
                    Some((n.clone(), a.clone()))
                }
                _ => None,
            })
            .collect();
        names.sort_by(|x, y| x.0.cmp(&y.0));
        for (_, a) in names {
            let ptr = self.b.use_var(a.ptr);
            let vals = self.reload_desc(ptr, a.dtype, a.shape.len() as u8);
            self.def_array(&a, &vals);
        }
    }

    /// The test that selects a fast copy of the loop over `var` (`None` when no index of the
    /// body can be proven in bounds), and what it proves.
    fn version_test(
        &mut self,
        var: &str,
        vstart: Value,
        vstop: Value,
        body: &[Stmt],
        assigned: &HashSet<String>,
    ) -> R<Option<(Value, Proven)>> {
        let mut acc = Vec::new();
        accesses(body, &mut acc);
        // A literal index is tested once per array and axis, against the largest literal
        // there (nbody's `pos[j, 0]`, `pos[j, 1]`, `pos[j, 2]`: one compare, not three).
        let mut largest: HashMap<(&str, usize), i64> = HashMap::default();
        for (name, idx) in &acc {
            for (k, e) in idx.iter().enumerate() {
                if let Some(Form::Const(c)) = form(e, var, assigned) {
                    let m = largest.entry((*name, k)).or_insert(c);
                    *m = (*m).max(c);
                }
            }
        }
        let mut proven = Proven {
            var: var.to_string(),
            ..Proven::default()
        };
        let mut tests = Vec::new();
        for (name, idx) in acc {
            if assigned.contains(name) {
                continue;
            }
            let Some(Local::Array(av)) = self.vars.get(name).cloned() else {
                continue;
            };
            if av.shape.len() != idx.len() {
                continue;
            }
            for (k, e) in idx.iter().enumerate() {
                let Some(f) = form(e, var, assigned) else {
                    continue;
                };
                let key = (name.to_string(), k, f.clone());
                if proven.in_bounds.contains(&key) {
                    continue;
                }
                if let Form::Const(c) = f {
                    let top = largest.get(&(name, k)).copied().unwrap_or(c);
                    if c < top {
                        // Covered by the test of `top` (made when its access comes).
                        proven.in_bounds.insert(key);
                        continue;
                    }
                }
                let shape = self.b.use_var(av.shape[k]);
                let ok = match &f {
                    Form::Counter(c) => {
                        // start + c >= 0 and (stop - 1) + c < shape.
                        let lo =
                            self.b
                                .ins()
                                .icmp_imm_s(IntCC::SignedGreaterThanOrEqual, vstart, -c);
                        let lim = self.b.ins().iadd_imm_s(shape, -c);
                        let hi = self.b.ins().icmp(IntCC::SignedLessThanOrEqual, vstop, lim);
                        self.b.ins().band(lo, hi)
                    }
                    Form::Invariant(n) => match self.vars.get(n).cloned() {
                        Some(Local::Scalar(v, t)) if t.is_intlike() => {
                            let x = self.b.use_var(v);
                            let x = self.coerce(x, t, Ty::I64)?;
                            self.b.ins().icmp(IntCC::UnsignedLessThan, x, shape)
                        }
                        _ => continue,
                    },
                    Form::Const(c) => self.b.ins().icmp_imm_s(IntCC::SignedGreaterThan, shape, *c),
                };
                tests.push(ok);
                // Contiguous along the last axis: the counter there is scaled by the element
                // size, and a literal there is a constant displacement (nbody's `pos[j, 1]`:
                // no stride multiples kept in registers, which the inner loop reloaded from
                // the stack).
                if k + 1 == idx.len()
                    && matches!(f, Form::Counter(_) | Form::Const(_))
                    && proven.unit_last.insert(name.to_string())
                {
                    let stride = self.b.use_var(av.strides[k]);
                    let unit = self
                        .b
                        .ins()
                        .icmp_imm_s(IntCC::Equal, stride, av.dtype.size());
                    tests.push(unit);
                }
                proven.in_bounds.insert(key);
            }
        }
        let Some(first) = tests.pop() else {
            return Ok(None);
        };
        let all = tests
            .into_iter()
            .fold(first, |acc, t| self.b.ins().band(acc, t));
        // An empty range runs no iteration: either copy will do, take the fast one.
        let empty = self
            .b
            .ins()
            .icmp(IntCC::SignedGreaterThanOrEqual, vstart, vstop);
        Ok(Some((self.b.ins().bor(empty, all), proven)))
    }

    /// One copy of a range loop: header, body, latch; leaves by jumping to `l.exit`.
    fn emit_range_loop(&mut self, l: &RangeLoop) -> R<()> {
        // A hidden counter: assigning the loop variable in the body does not change the
        // iteration (Python semantics). The test is rotated to the bottom (one guard before
        // the first iteration), so each iteration takes one branch, not a jump and a branch.
        let counter = self.b.declare_var(types::I64);
        self.b.def_var(counter, l.vstart);
        let ivs = self.induction_vars(l.vstart);
        // Facts at the header hold for every iteration: nothing the body assigns.
        self.known.at_loop_header(Some(l.var), l.assigned);
        if let (Some(s @ 1..), Some(_)) = (l.const_step, &self.proven) {
            let copies = unroll_factor(l.body);
            if copies > 1 {
                self.unrolled(l, s, copies, counter, &ivs)?;
            }
        }
        let (bodyb, latch) = (self.b.create_block(), self.b.create_block());
        let c = self.b.use_var(counter);
        let go = self.range_go(l, c);
        self.b.ins().brif(go, bodyb, &[], l.exit, &[]);
        self.b.switch_to_block(bodyb);
        self.iteration(l, counter, latch)?;
        self.b.seal_block(latch);
        self.b.switch_to_block(latch);
        let next = self.advance(l, counter, &ivs);
        let go = self.range_go(l, next);
        self.b.ins().brif(go, bodyb, &[], l.exit, &[]);
        self.b.seal_block(bodyb);
        Ok(())
    }

    /// A fast copy's small body runs `copies` iterations per branch while that many remain
    /// (in Python order); the plain loop after it does the rest. The counter stays below a
    /// shape in a fast copy, so `counter + (copies - 1) * step` cannot wrap.
    /// `matmul` native: 2.6 → 2.4 ms with pairs.
    fn unrolled(
        &mut self,
        l: &RangeLoop,
        step: i64,
        copies: i64,
        counter: Variable,
        ivs: &[(Variable, Value)],
    ) -> R<()> {
        let (group, after) = (self.b.create_block(), self.b.create_block());
        let all_left = |me: &mut Self| {
            let c = me.b.use_var(counter);
            let last = me.b.ins().iadd_imm_s(c, step * (copies - 1));
            me.b.ins().icmp(IntCC::SignedLessThan, last, l.vstop)
        };
        let go = all_left(self);
        self.b.ins().brif(go, group, &[], after, &[]);
        self.b.switch_to_block(group);
        let base = self.b.use_var(counter);
        for j in 0..copies {
            let next = self.b.create_block();
            self.unroll = Some((base, j * step));
            let r = self.iteration(l, counter, next);
            self.unroll = None;
            r?;
            self.b.seal_block(next);
            self.b.switch_to_block(next);
            // The induction variables move once per group (`Lower::address`).
            self.advance(l, counter, &[]);
        }
        self.advance_ivs(ivs, |me, stride| {
            me.b.ins().imul_imm_s(stride, step * copies)
        });
        let go = all_left(self);
        self.b.ins().brif(go, group, &[], after, &[]);
        self.b.seal_block(group);
        self.b.seal_block(after);
        self.b.switch_to_block(after);
        Ok(())
    }

    /// One iteration's body, with the loop variable bound to the counter; falls through (and
    /// `continue`s) to `next`.
    fn iteration(&mut self, l: &RangeLoop, counter: Variable, next: Block) -> R<()> {
        let c = self.b.use_var(counter);
        self.b.def_var(l.lvar, c);
        self.loops.push((next, l.exit));
        let at_head = self.known.clone();
        if l.fact.is_some() {
            self.known.set_range(l.var, l.fact);
        }
        self.block(l.body)?;
        self.known = at_head;
        self.loops.pop();
        self.b.ins().jump(next, &[]);
        Ok(())
    }

    /// Steps the counter and the induction variables; returns the new counter.
    fn advance(&mut self, l: &RangeLoop, counter: Variable, ivs: &[(Variable, Value)]) -> Value {
        let c = self.b.use_var(counter);
        let next = self.b.ins().iadd(c, l.vstep);
        self.b.def_var(counter, next);
        self.advance_ivs(ivs, |me, stride| match l.const_step {
            Some(s) => me.b.ins().imul_imm_s(stride, s),
            None => me.b.ins().imul(stride, l.vstep),
        });
        next
    }

    /// Adds to each induction variable its increment, `inc` of its stride.
    fn advance_ivs(&mut self, ivs: &[(Variable, Value)], inc: impl Fn(&mut Self, Value) -> Value) {
        for &(iv, stride) in ivs {
            let by = inc(self, stride);
            let x = self.b.use_var(iv);
            let x = self.b.ins().iadd(x, by);
            self.b.def_var(iv, x);
        }
    }

    /// In a fast copy: the induction variables of `Proven::ivs`, started at `start * stride`.
    fn induction_vars(&mut self, start: Value) -> Vec<(Variable, Value)> {
        let Some(p) = &self.proven else {
            return Vec::new();
        };
        let mut keys: Vec<(String, usize)> = p
            .in_bounds
            .iter()
            .filter(|(n, k, f)| {
                matches!(f, Form::Counter(_))
                    && !(p.unit_last.contains(n)
                        && matches!(self.vars.get(n), Some(Local::Array(a)) if a.shape.len() == k + 1))
            })
            .map(|(n, k, _)| (n.clone(), *k))
            .collect();
        keys.sort();
        keys.dedup();
        let mut out = Vec::new();
        for key in keys {
            let Some(Local::Array(a)) = self.vars.get(&key.0).cloned() else {
                continue;
            };
            let stride = self.b.use_var(a.strides[key.1]);
            let iv = self.b.declare_var(types::I64);
            let x = self.b.ins().imul(start, stride);
            self.b.def_var(iv, x);
            out.push((iv, stride));
            if let Some(p) = &mut self.proven {
                p.ivs.insert(key, (iv, stride));
            }
        }
        out
    }

    /// True while counter value `c` is inside the range.
    fn range_go(&mut self, l: &RangeLoop, c: Value) -> Value {
        match l.const_step {
            Some(s) if s > 0 => self.b.ins().icmp(IntCC::SignedLessThan, c, l.vstop),
            Some(_) => self.b.ins().icmp(IntCC::SignedGreaterThan, c, l.vstop),
            None => {
                let up = self.b.ins().icmp(IntCC::SignedLessThan, c, l.vstop);
                let down = self.b.ins().icmp(IntCC::SignedGreaterThan, c, l.vstop);
                let pos = self
                    .b
                    .ins()
                    .icmp_imm_s(IntCC::SignedGreaterThan, l.vstep, 0);
                self.b.ins().select(pos, up, down)
            }
        }
    }
}

/// A range loop being emitted (once, or twice when versioned).
#[derive(Clone, Copy)]
struct RangeLoop<'s> {
    var: &'s str,
    lvar: cranelift_frontend::Variable,
    vstart: Value,
    vstop: Value,
    vstep: Value,
    const_step: Option<i64>,
    fact: Option<(i128, i128)>,
    body: &'s [Stmt],
    /// What `body` assigns.
    assigned: &'s HashSet<String>,
    exit: cranelift_codegen::ir::Block,
}
