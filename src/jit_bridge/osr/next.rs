//! On-stack replacement: the code after a nest, compiled while the nest runs.
//!
//! When a nest's compile goes to the worker thread, the statements after the nest up to and
//! including the next loop of the same block (nbody: `e = 0.0` and the energy loop) are typed
//! for the types the nest will leave behind, and queued behind every other compile (with
//! `--jit-sync`, compiled at once after the nest, which is deterministic). When the
//! nest's native code returns, that code runs at once if its compile is done and the frame's
//! variables have the predicted types; otherwise the interpreter goes on as before (and
//! may lift the loop on its own). Without this, nbody's energy loop (496 iterations) ran
//! interpreted: its own compile was ready only after it had ended.
//!
//! The prediction: a variable the nest assigns keeps the type it entered the nest with (a
//! type never changes in a lifted loop); any other has the type of its value now, or is
//! unbound (then the code must assign it before reading it, as nbody's `e`). Ints that
//! neither the nest nor this code assigns are specialised on their magnitude, like a nest's.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::time::Instant;

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::Stmt;
use ruff_text_size::Ranged;

use super::npscalar::{self, Kind};
use super::{
    ast_loop, complete, find_block, has_orelse, last_backedges, live_vars, magnitude,
    prepare_lifted, read, Key, Lifted, Live, Liveness, Stmts,
};
use crate::compiler::opcode::Op;
use crate::jit_bridge::types::T;
use crate::jit_bridge::{dispatch, worker, Prepared, Spec};
use crate::runtime::value::Value;
use crate::vm::frame::Frame;
use crate::vm::{PyResult, Vm};

/// The statements after a nest, up to the next loop.
pub(super) struct Next {
    stmts: Stmts,
    /// Their bytecode: from the nest's exit to the exit of their loop.
    start: usize,
    exit: usize,
    pub(super) line: u32,
    live: Vec<Live>,
    /// The variables the nest assigns (their magnitudes are not part of the key).
    nest: RefCell<Vec<String>>,
    pub(super) state: RefCell<State>,
}

pub(super) enum State {
    Idle,
    Pending {
        key: Key,
        prepared: Prepared,
        job: worker::Job,
    },
    Ready(Key, Rc<Spec>),
    /// Typing or code generation failed, or the native code raised and the interpreter ran
    /// the statements again.
    Failed(String),
}

/// The statements after `nest` (whose bytecode ends at `start`) up to the next loop of its
/// block, if there is such a loop.
#[allow(clippy::too_many_arguments)]
pub(super) fn find(
    code: &crate::compiler::code::Code,
    liveness: Option<&Liveness>,
    scope: &[Stmt],
    file: &Rc<crate::jit_bridge::ParsedFile>,
    nest: &Stmt,
    start: usize,
    module_level: bool,
) -> Option<Next> {
    let lines = &file.lines;
    let (block, at) = find_block(scope, nest.range().start().to_usize())?;
    let after = &block[at + 1..];
    let k = after
        .iter()
        .position(|s| matches!(s, Stmt::For(_) | Stmt::While(_)))?;
    let lp = &after[k];
    if has_orelse(lp) {
        return None;
    }
    // The loop's header: the first back-edge target after the nest whose loop it is.
    for (&h, &back) in last_backedges(code).range(start..) {
        let is_for = code.instrs[h].op == Op::ForIter;
        match ast_loop(scope, lines, code.line_of(h), is_for) {
            Some(s) if s.range() == lp.range() => {}
            _ => continue,
        }
        let exit = if is_for {
            code.instrs[h].arg as usize
        } else {
            back + 1
        };
        let live = live_vars(code, liveness, &after[..=k], module_level, (start, exit)).ok()?;
        let stmts = Stmts::new(file, &after[0], k + 1);
        return Some(Next {
            line: lines.pos(after[0].range().start().to_usize()).0,
            stmts,
            start,
            exit,
            live,
            nest: RefCell::new(Vec::new()),
            state: RefCell::new(State::Idle),
        });
    }
    None
}

/// The key of the statements for the frame's variables, or for those the nest `nest` will
/// leave (names and types of what it assigns). None: a variable has a type compiled code
/// does not take.
fn key_for(vm: &mut Vm, f: &Frame, n: &Next, nest: Option<&[(String, Option<T>)]>) -> Option<Key> {
    let assigned_by_nest = n.nest.borrow();
    let mut sig = Vec::with_capacity(n.live.len());
    let mut mags = Vec::new();
    for l in &n.live {
        if let Some((_, t)) = nest.and_then(|ts| ts.iter().find(|(m, _)| *m == l.name)) {
            sig.push(t.clone());
            continue;
        }
        let Some(v) = read(f, l) else {
            sig.push(None);
            continue;
        };
        match dispatch::arg_type(vm, &v) {
            Ok(t) => {
                let fixed = !l.assigned && !assigned_by_nest.contains(&l.name);
                if let (Value::Int(x), T::I64, true) = (&v, &t, fixed) {
                    mags.push((l.name.clone(), magnitude(*x)));
                }
                sig.push(Some(t));
            }
            // A module-level global of another type (a function, a module): frozen.
            Err(_) if l.slot.is_none() && !l.assigned => sig.push(None),
            Err(_) => return None,
        }
    }
    Some((sig, Vec::new(), mags))
}

/// Types and queues the statements after a nest whose compile was just queued (`nest`: the
/// names and types of what it assigns). Once per nest.
pub(super) fn speculate(vm: &mut Vm, f: &Frame, n: &Next, nest: &[(String, Option<T>)]) {
    if !matches!(*n.state.borrow(), State::Idle) {
        return;
    }
    let t0 = Instant::now();
    *n.nest.borrow_mut() = nest.iter().map(|(m, _)| m.clone()).collect();
    let state = match key_for(vm, f, n, Some(nest)) {
        None => State::Failed("a variable has a type compiled code does not take".into()),
        Some(key) if !assigned_before_read(n.stmts.get(), &unbound(n, &key)) => {
            State::Failed("a variable may be read before it is assigned".into())
        }
        Some(key) => {
            let params = n
                .live
                .iter()
                .zip(&key.0)
                .filter_map(|(l, t)| Some((l.name.clone(), t.clone()?)))
                .collect();
            let lifted = Lifted {
                body: n.stmts.clone(),
                line: n.line,
                params,
                outs: n
                    .live
                    .iter()
                    .filter(|l| l.out)
                    .map(|l| l.name.clone())
                    .collect(),
                resumes: Vec::new(),
                entry: None,
            };
            match prepare_lifted(vm, f, lifted, &key.2, t0) {
                Err(why) => State::Failed(why),
                Ok((prepared, ir)) if !vm.jit.background() => match prepared.compile_here(vm, ir) {
                    Ok(spec) => State::Ready(key, Rc::new(spec)),
                    Err(e) => State::Failed(e.message),
                },
                Ok((prepared, ir)) => match worker::submit_last(ir, prepared.opts) {
                    Ok(job) => State::Pending { key, prepared, job },
                    // Speculative: not worth a compile on the interpreter's thread.
                    Err(_) => State::Failed("no compiler thread".into()),
                },
            }
        }
    };
    *n.state.borrow_mut() = state;
}

/// After the nest's native code returned (the frame is at the statements' start): runs them
/// natively if their code is ready and the variables have the predicted types.
pub(super) fn run_after(vm: &mut Vm, f: &mut Frame, n: &Next) -> PyResult<()> {
    let finished = match &*n.state.borrow() {
        State::Pending { job, .. } => job.poll(),
        _ => None,
    };
    if let Some(done) = finished {
        let State::Pending { key, prepared, .. } = n.state.replace(State::Idle) else {
            unreachable!("polled a pending compile");
        };
        let spec = done.and_then(|d| {
            prepared
                .finish(vm, d.ir, d.code, d.took)
                .map_err(|e| e.message)
        });
        *n.state.borrow_mut() = match spec {
            Ok(s) => State::Ready(key, Rc::new(s)),
            Err(why) => State::Failed(why),
        };
    }
    let (key, spec) = match &*n.state.borrow() {
        State::Ready(k, s) => (k.clone(), s.clone()),
        _ => return Ok(()),
    };
    if f.ip != n.start || key_for(vm, f, n, None).as_ref() != Some(&key) {
        return Ok(());
    }
    let mut args = Vec::new();
    for (l, t) in n.live.iter().zip(&key.0) {
        if t.is_some() {
            match read(f, l) {
                Some(v) => args.push(v),
                None => return Ok(()),
            }
        }
    }
    let outs: Vec<Live> = n.live.iter().filter(|l| l.out).cloned().collect();
    let Some(np_outs) = np_results(f, n, &key, &outs) else {
        *n.state.borrow_mut() = State::Failed(
            "whether a result is a numpy or a Python scalar depends on the path taken".into(),
        );
        return Ok(());
    };
    let r = dispatch::run_native(vm, &spec, &args);
    match complete(vm, f, &spec, &outs, &np_outs, (n.start, n.exit), 0, r)? {
        None => Ok(()),
        Some(why) => {
            *n.state.borrow_mut() = State::Failed(why);
            Ok(())
        }
    }
}

/// For each of `outs`, whether the interpreter would leave a numpy scalar in it, from the
/// kinds of the frame's values ([`npscalar`]). None if that depends on the path taken.
fn np_results(f: &Frame, n: &Next, key: &Key, outs: &[Live]) -> Option<Vec<bool>> {
    let mut entry = std::collections::HashMap::new();
    let mut ints = std::collections::HashMap::new();
    for (l, t) in n.live.iter().zip(&key.0) {
        let Some(v) = read(f, l) else { continue };
        let kind = Kind::of(t.as_ref(), crate::numpy::np_scalar(&v).is_some());
        if let (Value::Int(x), false) = (&v, l.assigned) {
            ints.insert(l.name.clone(), *x);
        }
        entry.insert(l.name.clone(), kind);
    }
    // A top-level `for` over a range whose bounds are literals or ints the code never
    // assigns: whether it runs at least once is known now.
    let runs = |s: &Stmt| npscalar::range_runs(s, &ints);
    let names: Vec<String> = outs.iter().map(|l| l.name.clone()).collect();
    npscalar::results(n.stmts.get(), &names, entry, &runs)
}

/// The variables the statements assign that are unbound when they start (by the key).
fn unbound(n: &Next, key: &Key) -> HashSet<String> {
    n.live
        .iter()
        .zip(&key.0)
        .filter(|(l, t)| l.assigned && t.is_none())
        .map(|(l, _)| l.name.clone())
        .collect()
}

/// Whether every read of a name of `unbound` comes after an assignment on every path to it
/// (compiled code would read a zero where Python raises `UnboundLocalError`).
fn assigned_before_read(stmts: &[Stmt], unbound: &HashSet<String>) -> bool {
    struct Reads<'s> {
        unbound: &'s HashSet<String>,
        set: &'s HashSet<String>,
        ok: bool,
    }
    impl<'a> Visitor<'a> for Reads<'_> {
        fn visit_expr(&mut self, e: &'a ruff_python_ast::Expr) {
            if let ruff_python_ast::Expr::Name(n) = e {
                let id = n.id.as_str();
                self.ok &= !self.unbound.contains(id) || self.set.contains(id);
            }
            visitor::walk_expr(self, e);
        }
    }
    fn reads_ok(
        e: &ruff_python_ast::Expr,
        unbound: &HashSet<String>,
        set: &HashSet<String>,
    ) -> bool {
        let mut r = Reads {
            unbound,
            set,
            ok: true,
        };
        r.visit_expr(e);
        r.ok
    }
    fn block(b: &[Stmt], u: &HashSet<String>, set: &mut HashSet<String>) -> bool {
        b.iter().all(|s| stmt(s, u, set))
    }
    fn targets(t: &ruff_python_ast::Expr, set: &mut HashSet<String>) {
        match t {
            ruff_python_ast::Expr::Name(n) => {
                set.insert(n.id.to_string());
            }
            ruff_python_ast::Expr::Tuple(t) => t.elts.iter().for_each(|e| targets(e, set)),
            _ => {}
        }
    }
    fn stmt(s: &Stmt, u: &HashSet<String>, set: &mut HashSet<String>) -> bool {
        match s {
            Stmt::Assign(a) => {
                // Element stores read their array and index.
                let stores_ok = a
                    .targets
                    .iter()
                    .all(|t| matches!(t, ruff_python_ast::Expr::Name(_)) || reads_ok(t, u, set));
                if !reads_ok(&a.value, u, set) || !stores_ok {
                    return false;
                }
                a.targets.iter().for_each(|t| targets(t, set));
                true
            }
            Stmt::AugAssign(a) => {
                if !reads_ok(&a.value, u, set) || !reads_ok(&a.target, u, set) {
                    return false;
                }
                targets(&a.target, set);
                true
            }
            Stmt::Expr(x) => reads_ok(&x.value, u, set),
            Stmt::Pass(_) | Stmt::Break(_) | Stmt::Continue(_) => true,
            Stmt::If(x) => {
                if !reads_ok(&x.test, u, set) {
                    return false;
                }
                let mut all = set.clone();
                if !block(&x.body, u, &mut all) {
                    return false;
                }
                let mut has_else = false;
                for c in &x.elif_else_clauses {
                    has_else |= c.test.is_none();
                    if c.test.as_ref().is_some_and(|t| !reads_ok(t, u, set)) {
                        return false;
                    }
                    let mut b = set.clone();
                    if !block(&c.body, u, &mut b) {
                        return false;
                    }
                    all.retain(|n| b.contains(n));
                }
                if has_else {
                    *set = all;
                }
                true
            }
            // A loop may not run: what it assigns is not assigned after it.
            Stmt::For(x) => {
                let mut b = set.clone();
                targets(&x.target, &mut b);
                reads_ok(&x.iter, u, set) && block(&x.body, u, &mut b)
            }
            Stmt::While(x) => reads_ok(&x.test, u, set) && block(&x.body, u, &mut set.clone()),
            _ => false,
        }
    }
    block(stmts, unbound, &mut HashSet::new())
}
