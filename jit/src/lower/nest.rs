//! Lowering: the bounds tests of a function's innermost loops made once, at its entry, and
//! the function's checked copy called when they fail.
//!
//! `loops` versions each innermost loop with a test before it. In a nest that test runs on
//! every iteration of the loops around it, and each versioned loop's checked copy is a call
//! whose return joins the fast path, which Cranelift's register allocator pays for. Most
//! innermost loops of a nest index arrays the function never rebinds with counters whose
//! bounds are, at every run of the loop, at most a parameter the function never assigns (or
//! an array length) plus a constant: nbody's `j` in `range(i + 1, n)` and its `i`, matmul's
//! `k` in `range(m)`. The tests then hold for the whole call if they hold for those bounds,
//! checked once at the entry. If they do, the function runs with such loops unchecked and not
//! versioned; otherwise its checked copy runs (outlined, compiled when first called: the
//! same function with loops versioned one by one, as before). A loop with an index whose
//! bounds are not known so is versioned on its own, as before.
//!
//! nbody's lifted nest (`examples/compile_time.rs --checked-int`, median of 100): compile 1.10
//! → 0.85 ms; the per-`i` test (28 instructions) leaves the native loop.
//!
//! The bounds are flow-insensitive: every value a local ever holds is at most the largest of
//! its sources' bounds (its parameter value, declaration, assignments, and for a loop counter
//! its range's stop − 1), and at least the smallest of their static lower bounds (`assume`
//! facts, literals).

use super::loops::{accesses, form, has_loop, Form, Proven};
use super::{assigned, Local, Lower, R};
use crate::ir::*;
use cranelift_codegen::ir::condcodes::IntCC;
use cranelift_codegen::ir::{InstBuilder, Value};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// Offsets beyond this are not tracked (keeps `shape - offset` far from overflow).
const MAX_OFFSET: i64 = 1 << 20;

/// Terms of an upper bound, beyond which a bound is not tracked.
const MAX_TERMS: usize = 8;

/// What an upper bound is made of, each read at the function's entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Base {
    /// An i64 parameter the function never assigns.
    Param(String),
    /// The length of an array parameter the function never rebinds along an axis.
    Shape(String, usize),
    /// Zero (a literal bound is its offset).
    Zero,
}

/// `base + offset`.
type Term = (Base, i64);

/// A test made at the entry: `base + offset <= array.shape[axis]`, or the array's last axis
/// has unit stride.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Cond {
    Fits(Term, String, usize),
    Unit(String),
}

/// Where a local's values come from.
enum Source<'f> {
    /// Its value as a parameter, at the entry.
    Param,
    /// Zero (a declaration without a value, or a loop counter declared by its loop).
    Zero,
    Expr(&'f Expr),
    /// A counter of `range(start, stop, step)`.
    Counter(&'f Expr, &'f Expr, &'f Expr),
    /// Anything else (an unpacked result).
    Unknown,
}

/// The sources and types of a function's locals.
struct Facts<'f> {
    sources: HashMap<&'f str, Vec<Source<'f>>>,
    types: HashMap<&'f str, Ty>,
    /// Parameters' `assume` ranges (valid for their values at the entry).
    assumed: HashMap<&'f str, (i64, i64)>,
}

impl<'f> Facts<'f> {
    fn of(f: &'f Function) -> Facts<'f> {
        let mut facts = Facts {
            sources: HashMap::default(),
            types: HashMap::default(),
            assumed: HashMap::default(),
        };
        // A parameter's value at the entry is a source only if it may be read before the
        // function assigns it (a lifted nest's counters are parameters whose values the
        // nest's `for`s replace before reading them).
        let mut read = HashSet::default();
        super::outline::exposed(&f.body, &mut Vec::new(), &mut read);
        for p in &f.params {
            let sources = facts.sources.entry(&p.name).or_default();
            if read.contains(p.name.as_str()) || matches!(p.ty, Ty::Array(..)) {
                sources.push(Source::Param);
            }
            facts.types.insert(&p.name, p.ty);
        }
        Stmt::walk_all(&f.body, &mut |s| {
            let mut add = |n: &'f str, src| facts.sources.entry(n).or_default().push(src);
            match &s.kind {
                StmtKind::Var(n, ty, init) => {
                    add(n, init.as_ref().map_or(Source::Zero, Source::Expr));
                    facts.types.insert(n, *ty);
                }
                StmtKind::Set(n, e) => add(n, Source::Expr(e)),
                StmtKind::Unpack(ns, _) => ns.iter().for_each(|n| add(n, Source::Unknown)),
                StmtKind::For {
                    var,
                    start,
                    stop,
                    step,
                    ..
                } => {
                    add(var, Source::Counter(start, stop, step));
                    add(var, Source::Zero);
                    facts.types.entry(var).or_insert(Ty::I64);
                }
                StmtKind::Assume(n, lo, hi) => {
                    facts.assumed.insert(n, (*lo, *hi));
                }
                _ => {}
            }
        });
        facts
    }

    /// Whether `name` is a parameter the function never assigns.
    fn fixed(&self, name: &str) -> bool {
        matches!(
            self.sources.get(name).map(Vec::as_slice),
            Some([Source::Param])
        )
    }

    /// An array parameter the function never rebinds, with its number of axes.
    fn fixed_array(&self, name: &str) -> Option<usize> {
        match self.types.get(name) {
            Some(Ty::Array(_, n)) if self.fixed(name) => Some(usize::from(*n)),
            _ => None,
        }
    }

    /// Terms such that every value of `e` is at most the largest of them; None if unknown.
    fn upper(&self, e: &Expr, seen: &mut Vec<&'f str>) -> Option<Vec<Term>> {
        if let Some((x, c)) = offset(e) {
            return shift(self.upper(x, seen)?, c);
        }
        match &e.kind {
            ExprKind::Int(c) if c.abs() <= MAX_OFFSET => Some(vec![(Base::Zero, *c)]),
            ExprKind::Var(n) => self.var_upper(n, seen),
            ExprKind::Shape(a, axis) => {
                let nd = self.fixed_array(a)? as i64;
                let k = if *axis < 0 { axis + nd } else { *axis };
                (0..nd)
                    .contains(&k)
                    .then(|| vec![(Base::Shape(a.clone(), k as usize), 0)])
            }
            _ => None,
        }
    }

    /// [`Self::upper`] of local `name`: the union of its sources' terms.
    fn var_upper(&self, name: &str, seen: &mut Vec<&'f str>) -> Option<Vec<Term>> {
        let mut out: Vec<Term> = Vec::new();
        self.each_source(name, seen, |me, key, s, seen| {
            let ts = match s {
                Source::Param => vec![(Base::Param(key.to_string()), 0)],
                Source::Zero => vec![(Base::Zero, 0)],
                Source::Expr(e) => me.upper(e, seen)?,
                // The counter stays below its stop.
                Source::Counter(_, stop, step) if positive(step) => {
                    shift(me.upper(stop, seen)?, -1)?
                }
                Source::Counter(..) | Source::Unknown => return None,
            };
            for t in ts {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
            (out.len() <= MAX_TERMS).then_some(())
        })?;
        Some(out)
    }

    /// A static lower bound of every value of `e`.
    fn lower(&self, e: &Expr, seen: &mut Vec<&'f str>) -> Option<i64> {
        if let Some((x, c)) = offset(e) {
            return Some(self.lower(x, seen)? + c);
        }
        match &e.kind {
            ExprKind::Int(c) if c.abs() <= MAX_OFFSET => Some(*c),
            ExprKind::Shape(..) => Some(0),
            ExprKind::Var(n) => self.var_lower(n, seen),
            _ => None,
        }
    }

    /// [`Self::lower`] of local `name`: the smallest of its sources' bounds.
    fn var_lower(&self, name: &str, seen: &mut Vec<&'f str>) -> Option<i64> {
        let mut lo = i64::MAX;
        self.each_source(name, seen, |me, key, s, seen| {
            let l = match s {
                Source::Param => me.assumed.get(key)?.0,
                Source::Zero => 0,
                Source::Expr(e) => me.lower(e, seen)?,
                // The counter starts at its start and only grows.
                Source::Counter(start, _, step) if positive(step) => me.lower(start, seen)?,
                Source::Counter(..) | Source::Unknown => return None,
            };
            lo = lo.min(l);
            Some(())
        })?;
        (lo.abs() <= MAX_OFFSET).then_some(lo)
    }

    /// Calls `f` on each source of i64 local `name` (its key, the source, `seen`); None if it
    /// is not one, is being bounded already (`seen`: a cycle), or `f` gives up on a source.
    fn each_source(
        &self,
        name: &str,
        seen: &mut Vec<&'f str>,
        mut f: impl FnMut(&Self, &'f str, &Source<'f>, &mut Vec<&'f str>) -> Option<()>,
    ) -> Option<()> {
        let (&key, sources) = self.sources.get_key_value(name)?;
        if self.types.get(key) != Some(&Ty::I64) || seen.contains(&key) {
            return None;
        }
        seen.push(key);
        let r = sources.iter().try_for_each(|s| f(self, key, s, seen));
        seen.pop();
        r
    }
}

/// `e` as `x + c` (`x + c`, `x - c`, `c + x` with a literal `c` within [`MAX_OFFSET`]).
fn offset(e: &Expr) -> Option<(&Expr, i64)> {
    let ExprKind::Bin(op @ (BinOp::Add | BinOp::Sub), x, y) = &e.kind else {
        return None;
    };
    match (&x.kind, &y.kind) {
        (_, ExprKind::Int(c)) if c.abs() <= MAX_OFFSET => {
            Some((x, if *op == BinOp::Add { *c } else { -c }))
        }
        (ExprKind::Int(c), _) if *op == BinOp::Add && c.abs() <= MAX_OFFSET => Some((y, *c)),
        _ => None,
    }
}

fn positive(step: &Expr) -> bool {
    matches!(step.kind, ExprKind::Int(s) if s > 0)
}

/// The innermost loops proven for the whole call by the entry tests, keyed by their body.
pub(super) struct Plan {
    conds: Conds,
    pub(super) loops: HashMap<*const Stmt, Proven>,
}

/// What one innermost loop over `var` in `range(start, stop, step)` needs tested at the entry
/// for the indices `loops::version_test` would prove; None if one of them is out of reach.
fn prove_loop(
    facts: &Facts,
    var: &str,
    start: &Expr,
    stop: &Expr,
    body: &[Stmt],
    conds: &mut Conds,
) -> Option<Proven> {
    let assigned = assigned(body);
    let mut acc = Vec::new();
    accesses(body, &mut acc);
    let mut proven = Proven {
        var: var.to_string(),
        ..Proven::default()
    };
    // Bounds by form (nbody's `i` indexes six accesses), and the accesses seen.
    let mut bounds: HashMap<Form, (i64, Vec<Term>)> = HashMap::default();
    let mut seen: HashSet<(&str, usize, Form)> = HashSet::default();
    for (name, idx) in acc {
        if assigned.contains(name) {
            continue;
        }
        let nd = facts.fixed_array(name)?;
        if nd != idx.len() {
            return None;
        }
        for (k, e) in idx.iter().enumerate() {
            let Some(f) = form(e, var, &assigned) else {
                continue;
            };
            if !seen.insert((name, k, f.clone())) {
                continue;
            }
            // Lower bound, and the terms the index is at most, less one.
            if !bounds.contains_key(&f) {
                let b = match &f {
                    Form::Counter(c) => {
                        let ts = facts.upper(stop, &mut Vec::new())?;
                        (facts.lower(start, &mut Vec::new())? + c, shift(ts, *c)?)
                    }
                    Form::Invariant(n) => {
                        let ts = facts.var_upper(n, &mut Vec::new())?;
                        (facts.var_lower(n, &mut Vec::new())?, shift(ts, 1)?)
                    }
                    Form::Const(c) => (*c, vec![(Base::Zero, c + 1)]),
                };
                bounds.insert(f.clone(), b);
            }
            let (lo, terms) = &bounds[&f];
            if *lo < 0 {
                return None;
            }
            for t in terms {
                conds.add(Cond::Fits(t.clone(), name.to_string(), k));
            }
            if k + 1 == idx.len()
                && matches!(f, Form::Counter(_) | Form::Const(_))
                && proven.unit_last.insert(name.to_string())
            {
                conds.add(Cond::Unit(name.to_string()));
            }
            proven.in_bounds.insert((name.to_string(), k, f));
        }
    }
    (!proven.in_bounds.is_empty()).then_some(proven)
}

/// Entry tests in the order they were first needed, each once.
#[derive(Clone, Default)]
struct Conds {
    list: Vec<Cond>,
    set: HashSet<Cond>,
}

impl Conds {
    fn add(&mut self, c: Cond) {
        if self.set.insert(c.clone()) {
            self.list.push(c);
        }
    }
}

fn shift(ts: Vec<Term>, by: i64) -> Option<Vec<Term>> {
    ts.into_iter()
        .map(|(b, o)| {
            let o = o.checked_add(by)?;
            (o.abs() <= MAX_OFFSET).then_some((b, o))
        })
        .collect()
}

/// The plan for `f`: the innermost loops with a positive literal step whose bounds tests can
/// be made at the entry. None if there is none.
pub(super) fn plan(f: &Function) -> Option<Plan> {
    let facts = Facts::of(f);
    let mut plan = Plan {
        conds: Conds::default(),
        loops: HashMap::default(),
    };
    Stmt::walk_all(&f.body, &mut |s| {
        if let StmtKind::For {
            var,
            start,
            stop,
            step,
            body,
        } = &s.kind
        {
            if positive(step) && !has_loop(body) {
                let mut conds = Conds::default();
                if let Some(p) = prove_loop(&facts, var, start, stop, body, &mut conds) {
                    conds.list.into_iter().for_each(|c| plan.conds.add(c));
                    plan.loops.insert(body.as_ptr(), p);
                }
            }
        }
    });
    (!plan.loops.is_empty()).then_some(plan)
}

impl Lower<'_, '_, '_> {
    /// Emits the entry test of the function's plan, if it has one, and the call of its
    /// checked copy when the test fails; lowering goes on in the block where it passed.
    pub(super) fn entry_test(&mut self) -> R<()> {
        // A checked copy is not planned again; array results would need their descriptors
        // passed back through the call's slots.
        if self.env.copy().is_some() || !self.f.rets.iter().all(|t| t.is_scalar()) {
            return Ok(());
        }
        let Some(plan) = plan(self.f) else {
            return Ok(());
        };
        let test = self.nest_test(&plan)?;
        let entry = self
            .b
            .func
            .layout
            .entry_block()
            .ok_or_else(|| self.terr("no entry block"))?;
        let params = self.b.block_params(entry)[1..].to_vec();
        let fast = self.cold_path(test, false);
        self.call_checked_copy(&params)?;
        self.b.switch_to_block(fast);
        self.nest = Some(plan.loops);
        Ok(())
    }

    /// The entry test of `plan` (true: every loop it proves stays in bounds on this call).
    fn nest_test(&mut self, plan: &Plan) -> R<Value> {
        let mut all: Option<Value> = None;
        for c in &plan.conds.list {
            let ok = match c {
                // base + off <= shape, as base <= shape - off (no overflow: shapes and
                // offsets are far from the i64 limits).
                Cond::Fits((base, off), a, k) => {
                    let shape = self.entry_shape(a, *k)?;
                    let x = match base {
                        Base::Zero => self.iconst(0),
                        Base::Shape(b, j) => self.entry_shape(b, *j)?,
                        Base::Param(p) => match self.vars.get(p) {
                            Some(Local::Scalar(v, _)) => self.b.use_var(*v),
                            _ => return Err(self.terr("nest bound is not a scalar")),
                        },
                    };
                    let lim = self.b.ins().iadd_imm_s(shape, -off);
                    self.b.ins().icmp(IntCC::SignedLessThanOrEqual, x, lim)
                }
                Cond::Unit(a) => {
                    let Some(Local::Array(av)) = self.vars.get(a).cloned() else {
                        return Err(self.terr("nest array is not an array"));
                    };
                    let last = av.strides.len() - 1;
                    let stride = self.b.use_var(av.strides[last]);
                    self.b
                        .ins()
                        .icmp_imm_s(IntCC::Equal, stride, av.dtype.size())
                }
            };
            all = Some(match all {
                None => ok,
                Some(a) => self.b.ins().band(a, ok),
            });
        }
        Ok(match all {
            Some(v) => v,
            None => self.b.ins().iconst(cranelift_codegen::ir::types::I8, 1),
        })
    }

    fn entry_shape(&mut self, a: &str, k: usize) -> R<Value> {
        match self.vars.get(a) {
            Some(Local::Array(av)) if k < av.shape.len() => Ok(self.b.use_var(av.shape[k])),
            _ => Err(self.terr("nest array is not an array")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_of(src: &str) -> Option<Plan> {
        let m = crate::parse_module(src).expect("parses");
        plan(&m.functions[0])
    }

    #[test]
    fn nested_counters_are_bounded_by_parameters() {
        let p = plan_of(
            "(func f ((n i64) (a (array f64 1))) (f64)
               (var s f64 0.0)
               (for i (range 0 n 1) (for j (range (add i 1) n 1) (set s (add s (load a j)))))
               (return s))",
        )
        .expect("a plan");
        assert_eq!(p.loops.len(), 1);
        assert_eq!(
            p.conds.list,
            vec![
                Cond::Fits((Base::Param("n".into()), 0), "a".into(), 0),
                Cond::Unit("a".into()),
            ]
        );
    }

    #[test]
    fn assigned_bounds_and_negative_starts_are_not_planned() {
        // `n` is assigned: its values are not known at the entry.
        assert!(plan_of(
            "(func f ((n i64) (a (array f64 1))) (f64)
               (var s f64 0.0)
               (set n (mul n 2))
               (for j (range 0 n 1) (set s (add s (load a j))))
               (return s))"
        )
        .is_none());
        // `j - 1` is -1 on the first iteration (a wrapped index).
        assert!(plan_of(
            "(func f ((n i64) (a (array f64 1))) (f64)
               (var s f64 0.0)
               (for j (range 0 n 1) (set s (add s (load a (sub j 1)))))
               (return s))"
        )
        .is_none());
    }
}
