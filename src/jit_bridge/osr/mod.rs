//! On-stack replacement: a hot loop of a running frame is lifted into a function of its live
//! variables, compiled for their current types, entered natively at the loop header with the
//! frame's values, and left at the loop's exit with the assigned variables written back.
//!
//! The interpreter calls [`on_backedge`] from `Op::JumpBackward` once the code object has taken
//! `super::osr_threshold` instructions of loop work (each back-edge adds its loop body's length;
//! by default 4,000, or 1/16 of that for a nest whose ranges promise 64 times that work
//! ([`long_ahead`]), and the compile runs on the worker thread while the interpreter keeps
//! running the loop, which is entered at a later back-edge once its code is ready; 32,000 with
//! `--jit-sync` or `--emit`, compiled and entered at once; `--jit=off` never). A code object
//! has one compile in flight at a time (and none while a finished one waits to be entered:
//! [`code_busy`]), and a nest that has probably less work left than that threshold is not
//! submitted ([`nearly_done`]). The loop is found twice:
//! in the bytecode (the back-edge's target is the header: a `ForIter` whose operand is the exit,
//! or a `while` condition, whose exit follows the last back-edge to it) and in the AST (the
//! innermost `for`/`while` whose header lines contain the header's line).
//!
//! Nests: the hot loop is usually the inner one of a nest, in the middle of the outer loops'
//! iterations. The widest way in is tried first: the lifted code is the outermost loop, once,
//! entered in the middle of its current iteration (`typeinfer::EntryPath`: a flag skips what
//! the interpreter already ran in the current iterations and resumes the hot loop), as far out
//! as the path to the inner loop goes only through `if`s. One compile and one entry then run
//! the whole nest; narrower ways in are the fallback when typing fails.
//!
//! After the nest: the statements that follow it up to the next loop are compiled while it
//! runs, and entered when its native code returns ([`next`]; nbody's energy loop).
//!
//! Live variables: every name the loop reads or assigns that is a fast local (function frames)
//! or bound in the module dict to an int/float/bool/ndarray (module level); other names are
//! globals, frozen at compile time as in `@jit`. `for` loops must run over range iterators
//! (the top of the value stack, innermost on top): the lifted loops continue from the
//! iterators' state (`range(next, next + left × step, step)`), so loop variables keep their
//! last values after the loop as in Python.
//!
//! Specialisation key: the live variables' types, each resumed range's class (unit step,
//! non-negative start) and the magnitude of each int the nest never assigns (`assume` facts
//! for the code generator, which then drops overflow checks that cannot fire).
//!
//! Guards: a variable's type may not change in the loop (typing refuses it, the loop stays
//! interpreted); an assigned variable that is still unbound defers the entry to a later
//! back-edge. Failures are recorded per way in and key and never retried; attempts that fail
//! back off exponentially. Native errors: if the lifted code stores into no array, the
//! interpreter runs the loop again from the entry state (so an int overflow gives big ints
//! and an exception leaves the interpreter's values in every local); otherwise the error
//! becomes the interpreter's exception with the frame positioned on the failing line, and
//! the scalars read after the nest get their values at the failing operation (the code
//! generator reports them: a `spill` statement). An array variable the nest rebinds keeps
//! its binding from the entry.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::time::{Duration, Instant};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use super::typeinfer::Resume;
use super::types::{TExpr, TStmt, SK, T, TK};
use super::{dispatch, parsed, prepare_spec, typeinfer, worker, Entry, JitState, Prepared};
use super::{Session, Spec};
use crate::compiler::opcode::Op;
use crate::numpy::dtype::Scalar;
use crate::runtime::iter::IterKind;
use crate::runtime::value::Value;
use crate::vm::code_obj::CodeObj;
use crate::vm::frame::Frame;
use crate::vm::{PyResult, Vm};

mod defer;
mod next;
pub(crate) mod npscalar;
mod source;

pub use defer::Deferred;
use source::{ast_loop, blocks, find_loop, has_orelse, last_backedges, loop_body, path_ifs};

/// A live variable of a lifted loop.
#[derive(Clone)]
struct Live {
    name: String,
    /// Fast-local slot (function frames); None at module level.
    slot: Option<usize>,
    assigned: bool,
    /// Assigned and possibly read after the nest (else its final value is not written back,
    /// and the code generator drops its loop-carried copies).
    out: bool,
}

/// Specialisation key: the live variables' types (None: a global at module level), whether
/// each running range of the nest's `for` loops has step 1, and the magnitude of the int
/// values the loop reads but never assigns (range starts and stops included), by name (see
/// [`magnitude`]).
type Key = (Vec<Option<T>>, Vec<bool>, Vec<(String, Magnitude)>);

/// Bounds class of an int the lifted code never assigns: `bits > 0` is `0 <= v < 2^bits`
/// (`1 <= v` if `positive`), `bits < 0` is `-2^-bits <= v < 2^-bits`, 0 nothing known.
/// Compiled code specialised on it (an `assume` statement) needs no overflow checks on
/// arithmetic such as `(i + j) * (i + j + 1)` with loop counters below `n`, and no
/// negative-index wrap for counters starting at a non-negative value; a value of another
/// class compiles another specialisation. `positive` matters for a resumed range: its loop
/// variable resumes at `next - 1`, non-negative only when `next >= 1` (spectral_norm's
/// `(i + j) * (i + j + 1) // 2 + i + 1` then divides without sign fix-ups or a zero check:
/// native 7.6 → 6.0 ms, as Numba).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Magnitude {
    bits: i8,
    positive: bool,
}

fn magnitude(v: i64) -> Magnitude {
    let m = v.unsigned_abs();
    let bits = match [16i8, 32, 48, 63].iter().find(|&&b| m < 1u64 << b) {
        Some(&b) if v >= 0 => b,
        Some(&b) if b < 63 => -b,
        _ => 0,
    };
    Magnitude {
        bits,
        positive: v >= 1,
    }
}

fn magnitude_bounds(m: Magnitude) -> Option<(i64, i64)> {
    let hi = ((1u64 << m.bits.unsigned_abs()) - 1) as i64;
    match m.bits {
        0 => None,
        b if b > 0 => Some((i64::from(m.positive), hi)),
        _ => Some((-hi - 1, hi)),
    }
}

/// One way into native code at a hot loop: the loop alone (`depth` 0), or the `depth` loops
/// around it lifted as their outermost one, so one entry runs the whole nest natively.
struct LoopInfo {
    depth: usize,
    /// The statements after the nest up to the next loop, compiled after it ([`next`]).
    next: Option<Rc<next::Next>>,
    /// Source offsets of the nest's `for` statements, innermost first. Their iterators are the
    /// top of the value stack (innermost on top); the lifted code resumes them.
    fors: Vec<usize>,
    /// The outermost loop of the nest: the lifted code.
    stmt: Stmts,
    is_for: bool,
    /// The statements on the path from `stmt` down to the hot loop (loops and `if`s, by
    /// source offset), for [`typeinfer::EntryPath`] when `depth` > 0.
    on_path: HashSet<usize>,
    /// Source offset of the hot loop.
    hot: usize,
    /// Header and exit instruction of the outermost loop of the nest.
    header: usize,
    exit: usize,
    /// Line of the outermost loop.
    line: u32,
    live: Vec<Live>,
    /// A reason this way in can never be used (a `for` over something else than a range).
    refused: Option<String>,
    specs: Vec<(Key, Rc<Spec>)>,
    failures: Vec<(Key, String)>,
    /// [`exit_kinds`] by the kinds at entry and which `for` loops have iterations left (a
    /// function called many times enters its nest each time).
    exits: Vec<ExitKey>,
}

/// Kinds of the live variables at entry, whether each `for` of the nest has iterations left,
/// and what [`npscalar::nest_exit`] found for the outputs.
type ExitKey = (
    Vec<Option<npscalar::Kind>>,
    Vec<bool>,
    Option<Vec<Option<bool>>>,
);

enum LoopState {
    Refused(String),
    /// Ways in, outermost nest first.
    Ready(Vec<LoopInfo>),
}

/// One loop the OSR hook looked at.
pub struct LoopJit {
    /// Keeps the code object (and so the key's address) alive.
    pub code: Rc<CodeObj>,
    pub header: usize,
    pub line: u32,
    state: RefCell<LoopState>,
    /// Native entries.
    pub entries: Cell<u64>,
    /// Entries put off because an assigned variable was still unbound.
    pub deferred: Cell<u64>,
    /// Back-edges to let pass before the next attempt, and consecutive failed attempts: a loop
    /// that cannot be entered now costs the interpreter less and less (exponential backoff).
    wait: Cell<u32>,
    misses: Cell<u32>,
    /// A compile running on the worker thread (at most one per loop).
    pending: RefCell<Option<PendingLoop>>,
    /// The bytecode span of a nest whose background compile finished and that was not
    /// entered since: the other loops in it wait for this one to enter it ([`code_busy`]).
    ready: Cell<Option<(usize, usize)>>,
}

/// Called by the interpreter on a back-edge of a hot code object (`jb` is the index of the
/// `JumpBackward`; `f.ip` is its target). May run the loop natively and move `f.ip` to its exit.
#[cold]
#[inline(never)]
pub fn on_backedge(vm: &mut Vm, f: &mut Frame, jb: usize) -> PyResult<()> {
    if !vm.jit.enabled {
        f.code.backedges.set(0);
        return Ok(());
    }
    let threshold = super::osr_threshold(&vm.jit);
    if f.code.backedges.get() < threshold && !long_ahead(f, jb, threshold) {
        return Ok(());
    }
    let header = f.ip;
    let key = (Rc::as_ptr(&f.code) as usize, header);
    let lj = match vm.jit.loops.get(&key).cloned() {
        Some(l) => l,
        None if defer::deferred(vm, f, jb, key) => return Ok(()),
        None => {
            let state = match analyse(vm, f, jb) {
                Ok(levels) => LoopState::Ready(levels),
                Err(why) => LoopState::Refused(why),
            };
            // The code object's counter was filled by a loop that now runs natively: a loop
            // after it must do the threshold's work itself before it costs a compile (a short
            // loop after a long one stays interpreted: tests/py/osr/later_loops.py).
            let after_native = vm
                .jit
                .loops
                .iter()
                .any(|(&(c, h), l)| c == key.0 && h < header && l.entries.get() > 0);
            let wait = if after_native {
                let body = (jb + 1).saturating_sub(header).max(1) as u64;
                let work = super::osr_threshold(&vm.jit);
                u32::try_from(work / body).unwrap_or(u32::MAX)
            } else {
                0
            };
            let lj = Rc::new(LoopJit {
                code: f.code.clone(),
                header,
                line: f.code.code.line_of(header),
                state: RefCell::new(state),
                entries: Cell::new(0),
                deferred: Cell::new(0),
                wait: Cell::new(wait),
                misses: Cell::new(0),
                pending: RefCell::new(None),
                ready: Cell::new(None),
            });
            vm.jit.loops.insert(key, lj.clone());
            vm.jit.loops_all.push(lj.clone());
            lj
        }
    };
    enter(vm, f, &lj)
}

/// Whether the frame's code can have loops lifted at all (else the reason).
fn frame_kind(f: &Frame) -> Result<bool, String> {
    let code = &f.code.code;
    if code.is_generator() {
        return Err("loops of generators are not lifted".into());
    }
    if !code.cellvars.is_empty() || !code.freevars.is_empty() {
        return Err("closures are not supported".into());
    }
    match &f.locals {
        None => Ok(false),
        Some(d) if Rc::ptr_eq(d, &f.globals) => Ok(true),
        Some(_) => Err("class bodies are not supported".into()),
    }
}

fn analyse(vm: &mut Vm, f: &Frame, jb: usize) -> Result<Vec<LoopInfo>, String> {
    let module_level = match frame_kind(f) {
        Ok(m) => m,
        Err(why) => {
            // Nothing in this code object will be lifted: stop consulting the hook often.
            f.code.backedges.set(0);
            return Err(why);
        }
    };
    let co = f.code.clone();
    let code = &co.code;
    let h0 = f.ip;
    if code.instrs.get(h0).is_none() {
        return Err("no loop header".into());
    }
    // Loop headers (back-edge targets) with their last back-edge: the hot loop, then the
    // loops whose body contains it, innermost first.
    let last_back = last_backedges(code);
    let mut headers = vec![h0];
    headers.extend(
        last_back
            .range(..h0)
            .rev()
            .filter(|(_, &l)| l > jb)
            .map(|(&t, _)| t),
    );
    let file = parsed(vm, &code.filename)?;
    let scope = source::scope(&file, code, module_level)
        .ok_or_else(|| "source of the function not found".to_string())?;
    // (header, exit, statement) of each loop of the nest, innermost first.
    let liveness = Liveness::of(code);
    let mut nest: Vec<(usize, usize, &Stmt)> = Vec::new();
    for &h in &headers {
        let is_for = code.instrs[h].op == Op::ForIter;
        let exit = if is_for {
            code.instrs[h].arg as usize
        } else {
            last_back.get(&h).copied().unwrap_or(jb) + 1
        };
        let stmt = ast_loop(scope, &file.lines, code.line_of(h), is_for);
        let why = match stmt {
            None => "loop statement not found in the source",
            Some(s) if has_orelse(s) => "loops with `else` are not lifted",
            Some(_) if exit <= jb => "loop exit not found",
            Some(s) => {
                nest.push((h, exit, s));
                continue;
            }
        };
        if nest.is_empty() {
            return Err(why.into());
        }
        break;
    }
    let mut levels: Vec<LoopInfo> = Vec::new();
    let mut fors: Vec<usize> = Vec::new();
    let hot = nest[0].2.range().start().to_usize();
    let mut on_path: HashSet<usize> = HashSet::from([hot]);
    for (depth, &(h, exit, stmt)) in nest.iter().enumerate() {
        if depth > 0 {
            // The path from this loop's body to the inner loop: only through `if`s.
            let inner = nest[depth - 1].2.range().start().to_usize();
            let Some(ifs) = path_ifs(loop_body(stmt), inner) else {
                break;
            };
            on_path.extend(ifs);
            on_path.insert(stmt.range().start().to_usize());
        }
        if matches!(stmt, Stmt::For(_)) {
            fors.push(stmt.range().start().to_usize());
        }
        let one = std::slice::from_ref(stmt);
        let live = match live_vars(code, liveness.as_ref(), one, module_level, (h, exit)) {
            Ok(l) => l,
            Err(why) if depth == 0 => return Err(why),
            Err(_) => break,
        };
        let next = next::find(
            code,
            liveness.as_ref(),
            scope,
            &file,
            stmt,
            exit,
            module_level,
        )
        .map(Rc::new);
        levels.push(LoopInfo {
            depth,
            next,
            fors: fors.clone(),
            stmt: Stmts::new(&file, stmt, 1),
            is_for: matches!(stmt, Stmt::For(_)),
            on_path: on_path.clone(),
            hot,
            header: h,
            exit,
            line: file.lines.pos(stmt.range().start().to_usize()).0,
            live,
            refused: None,
            specs: Vec::new(),
            failures: Vec::new(),
            exits: Vec::new(),
        });
    }
    levels.reverse();
    Ok(levels)
}

/// The live variables of loop `stmt` (bytecode `span`): every name it reads or assigns that is
/// a fast local, or at module level any name (globals of other types are frozen at compile
/// time).
fn live_vars(
    code: &crate::compiler::code::Code,
    liveness: Option<&Liveness>,
    stmts: &[Stmt],
    module_level: bool,
    span: (usize, usize),
) -> Result<Vec<Live>, String> {
    // Locals read outside the nest; all of them if the code can see its locals by name.
    let introspects = code.names.iter().any(|n| {
        matches!(
            &**n,
            "locals" | "vars" | "eval" | "exec" | "dir" | "breakpoint" | "_getframe"
        )
    });
    let mut read_after: HashSet<usize> = code
        .instrs
        .iter()
        .enumerate()
        .filter(|(k, i)| {
            (*k < span.0 || *k >= span.1) && matches!(i.op, Op::LoadFast | Op::DeleteFast)
        })
        .map(|(_, i)| i.arg as usize)
        .collect();
    if let Some(l) = liveness {
        read_after.retain(|&k| l.live_at(span.1, k));
    }
    let mut assigned = rustc_hash::FxHashSet::default();
    typeinfer::collect_assigned(stmts, &mut assigned);
    let mut names = Names::default();
    for s in stmts {
        names.visit_stmt(s);
    }
    let slots: HashMap<&str, usize> = code
        .varnames
        .iter()
        .enumerate()
        .map(|(k, v)| (&**v, k))
        .collect();
    let mut live = Vec::new();
    for n in names.order {
        let is_assigned = assigned.contains(n);
        let slot = if module_level {
            None
        } else {
            match slots.get(n).copied() {
                Some(k) => Some(k),
                None if is_assigned => return Err(format!("the loop assigns global `{n}`")),
                None => continue,
            }
        };
        let out = is_assigned
            && (module_level || introspects || slot.is_some_and(|k| read_after.contains(&k)));
        live.push(Live {
            name: n.to_string(),
            slot,
            assigned: is_assigned,
            out,
        });
    }
    Ok(live)
}

/// Whether the `for` loop whose back-edge is `jb` (header `f.ip`), with the loops around it
/// whose range iterators are under its own on the value stack, has at least
/// [`super::OSR_LONG_AHEAD`] times `threshold` work left: the ranges' remaining iterations
/// times the inner loop's body length. Cheap (no lookup): the hook calls it on every
/// back-edge below the threshold.
fn long_ahead(f: &Frame, jb: usize, threshold: u64) -> bool {
    if f.code.code.instrs.get(f.ip).map(|i| i.op) != Some(Op::ForIter) {
        return false;
    }
    let body = (jb + 1).saturating_sub(f.ip) as f64;
    let (mut iters, mut inner) = (0.0f64, 1.0f64);
    for v in f.slots.iter().rev() {
        let Value::Iter(it) = v else { break };
        let IterKind::Range { left, len, .. } = &*it.kind.borrow() else {
            break;
        };
        iters += *left as f64 * inner;
        inner *= (*len).max(1) as f64;
    }
    iters * body >= (super::OSR_LONG_AHEAD * threshold) as f64
}

/// Which fast locals may be read after each instruction before being stored again: a
/// `LOAD_FAST` reachable before a `STORE_FAST` on some path (loops around included), by
/// backward dataflow over the bytecode. Only what is read after a nest is written back, and
/// carried through it: nbody's nest no longer carries `i`, `j`, `dx`, `dy` and `dz`, which
/// its energy loop assigns before reading. Not for code with exception handlers (a handler
/// may run from anywhere in its range): every variable read anywhere else is kept there.
pub(super) struct Liveness {
    words: usize,
    /// Bit `slot` of instruction `pc`'s words: the local is live on entry to `pc`.
    live_in: Vec<u64>,
}

impl Liveness {
    pub(super) fn of(code: &crate::compiler::code::Code) -> Option<Liveness> {
        if !code.exception_table.is_empty() {
            return None;
        }
        let n = code.instrs.len();
        let words = code.varnames.len().div_ceil(64).max(1);
        let mut live_in = vec![0u64; (n + 1) * words];
        let mut out = vec![0u64; words];
        loop {
            let mut changed = false;
            for pc in (0..n).rev() {
                let i = code.instrs[pc];
                out.iter_mut().for_each(|w| *w = 0);
                let succ: [Option<usize>; 2] = match i.op {
                    Op::ReturnValue | Op::RaiseVarargs | Op::Reraise => [None, None],
                    Op::Jump | Op::JumpBackward => [Some(i.arg as usize), None],
                    _ => [i.jump_target().map(|t| t as usize), Some(pc + 1)],
                };
                for sx in succ.into_iter().flatten().filter(|&sx| sx < n) {
                    for (w, o) in out.iter_mut().enumerate() {
                        *o |= live_in[sx * words + w];
                    }
                }
                let bit = |k: u32| ((k as usize) / 64, 1u64 << (k % 64));
                match i.op {
                    Op::LoadFast | Op::DeleteFast => {
                        let (w, b) = bit(i.arg);
                        out[w] |= b;
                    }
                    Op::StoreFast => {
                        let (w, b) = bit(i.arg);
                        out[w] &= !b;
                    }
                    _ => {}
                }
                for (a, o) in live_in[pc * words..(pc + 1) * words].iter_mut().zip(&out) {
                    changed |= *a != *o;
                    *a = *o;
                }
            }
            if !changed {
                return Some(Liveness { words, live_in });
            }
        }
    }

    /// Whether local `slot` may be read from instruction `pc` on.
    fn live_at(&self, pc: usize, slot: usize) -> bool {
        self.live_in
            .get(pc * self.words + slot / 64)
            .is_some_and(|w| w & (1 << (slot % 64)) != 0)
    }
}

/// Names used in a statement, in order of first appearance (not inside lambdas).
#[derive(Default)]
struct Names<'a> {
    seen: HashSet<&'a str>,
    order: Vec<&'a str>,
}

impl<'a> Visitor<'a> for Names<'a> {
    fn visit_expr(&mut self, e: &'a Expr) {
        match e {
            Expr::Name(n) => {
                let id = n.id.as_str();
                if self.seen.insert(id) {
                    self.order.push(id);
                }
            }
            Expr::Lambda(_) => {}
            _ => visitor::walk_expr(self, e),
        }
    }
}

/// The current value of a live variable (None: unbound).
fn read(f: &Frame, l: &Live) -> Option<Value> {
    match l.slot {
        Some(k) => f.slots.get(k).filter(|v| !v.is_null()).cloned(),
        None => f.locals.as_ref().and_then(|d| d.get_by_str(&l.name)),
    }
}

fn write(f: &mut Frame, l: &Live, v: Value) {
    match l.slot {
        Some(k) => {
            if let Some(s) = f.slots.get_mut(k) {
                *s = v;
            }
        }
        None => {
            if let Some(d) = &f.locals {
                d.set_by_str(&l.name, v);
            }
        }
    }
}

fn enter(vm: &mut Vm, f: &mut Frame, lj: &Rc<LoopJit>) -> PyResult<()> {
    if lj.wait.get() > 0 {
        lj.wait.set(lj.wait.get() - 1);
        return Ok(());
    }
    if poll_pending(vm, lj) {
        return Ok(());
    }
    let levels = match &*lj.state.borrow() {
        LoopState::Ready(v) => v.len(),
        LoopState::Refused(_) => {
            // The code object stays over the threshold: without this, every back-edge of a
            // refused loop would come here (a hash lookup each; generators anchor: 2.31 s →
            // 2.22 s, the same as `--jit=off`).
            f.code.backedges.set(0);
            return Ok(());
        }
    };
    // The widest nest first: one entry then runs every remaining iteration natively.
    for lv in 0..levels {
        if let Some(r) = attempt(vm, f, lj, lv) {
            lj.misses.set(0);
            return r;
        }
    }
    let m = (lj.misses.get() + 1).min(10);
    lj.misses.set(m);
    lj.wait.set(1 << m);
    Ok(())
}

/// Tries way in `lv`: None if it cannot be used now (the next, narrower one is tried).
fn attempt(vm: &mut Vm, f: &mut Frame, lj: &Rc<LoopJit>, lv: usize) -> Option<PyResult<()>> {
    // Signature and values of the live variables.
    let (key, args, exit, kinds, runs) = {
        let st = lj.state.borrow();
        let LoopState::Ready(levels) = &*st else {
            return None;
        };
        let info = &levels[lv];
        if info.refused.is_some() {
            return None;
        }
        let mut sig = Vec::with_capacity(info.live.len());
        let mut args = Vec::with_capacity(info.live.len() + 3 * info.fors.len());
        // What each variable holds (a numpy scalar?): what the nest leaves depends on it.
        let mut kinds = Vec::with_capacity(info.live.len());
        let mut mags = Vec::new();
        for l in &info.live {
            let Some(v) = read(f, l) else {
                if l.assigned || l.slot.is_some() {
                    lj.deferred.set(lj.deferred.get() + 1);
                    return None;
                }
                sig.push(None);
                kinds.push(None);
                continue;
            };
            let t = dispatch::arg_type(vm, &v);
            let np = crate::numpy::np_scalar(&v).is_some();
            kinds.push(Some(npscalar::Kind::of(t.as_ref().ok(), np)));
            match t {
                Ok(t) => {
                    if let (Value::Int(x), T::I64, false) = (&v, &t, l.assigned) {
                        mags.push((l.name.clone(), magnitude(*x)));
                    }
                    sig.push(Some(t));
                    args.push(v);
                }
                Err(_) if l.slot.is_none() && !l.assigned => sig.push(None),
                Err(why) => {
                    let why = format!("`{}` is {why}", l.name);
                    drop(st);
                    fail(lj, lv, (sig, Vec::new(), Vec::new()), why);
                    return None;
                }
            }
        }
        // The running ranges of the nest's `for` loops: innermost on top of the stack.
        let n = f.slots.len();
        let mut classes = Vec::with_capacity(info.fors.len());
        // Whether each has iterations left.
        let mut runs = Vec::with_capacity(info.fors.len());
        for k in 0..info.fors.len() {
            let it = match n.checked_sub(k + 1).map(|i| &f.slots[i]) {
                Some(Value::Iter(it)) => it.clone(),
                _ => {
                    drop(st);
                    refuse_level(lj, lv, "the `for` loop does not run over an iterator");
                    return None;
                }
            };
            let r = match &*it.kind.borrow() {
                IterKind::Range {
                    next, step, left, ..
                } => Some({
                    runs.push(*left > 0);
                    left.checked_mul(*step)
                        .and_then(|d| next.checked_add(d))
                        .map(|stop| (*next, stop, *step))
                }),
                _ => None,
            };
            match r {
                Some(Some((a, b, c))) => {
                    classes.push(c == 1);
                    mags.push((typeinfer::range_param(k, 0), magnitude(a)));
                    mags.push((typeinfer::range_param(k, 1), magnitude(b)));
                    args.extend([Value::Int(a), Value::Int(b), Value::Int(c)]);
                }
                Some(None) => {
                    lj.deferred.set(lj.deferred.get() + 1);
                    return None;
                }
                None => {
                    drop(st);
                    refuse_level(lj, lv, "`for` loops are lifted over range() only");
                    return None;
                }
            }
        }
        let key = (sig, classes, mags);
        if info.failures.iter().any(|(s, _)| *s == key) {
            return None;
        }
        let outs: Vec<Live> = info.live.iter().filter(|l| l.out).cloned().collect();
        // Progress is read from the ranges only when the nest's outermost loop is a `for`.
        let estimate = info.is_for;
        let exit = (outs, info.header, info.exit, info.fors.len(), estimate);
        (key, args, exit, kinds, runs)
    };
    let (outs, header, exit, nfors, estimate) = exit;
    let next = match &*lj.state.borrow() {
        LoopState::Ready(levels) => levels[lv].next.clone(),
        LoopState::Refused(_) => None,
    };
    let spec = match find_spec(lj, lv, &key) {
        Some(s) => s,
        None if vm.jit.background()
            && (code_busy(vm, lj)
                || estimate && nearly_done(f, nfors, super::osr_threshold(&vm.jit))) =>
        {
            lj.wait.set(POLL_EVERY);
            return Some(Ok(()));
        }
        None => {
            let concurrent = vm.jit.concurrent();
            if concurrent {
                worker::expect();
            }
            let r = prepare_loop(vm, f, lj, lv, &key).and_then(|(prepared, ir)| {
                if !vm.jit.background() {
                    return install(lj, lv, &key, prepared.compile_here(vm, ir)).map(Some);
                }
                // Loaded here if the code cache has it: less than handing it to the worker
                // (which may still be warming up).
                let t = Instant::now();
                if let Some(code) = numjit_jit::compile_cached(&ir, &prepared.opts) {
                    return install(lj, lv, &key, prepared.finish(vm, ir, Ok(code), t.elapsed()))
                        .map(Some);
                }
                match worker::submit(ir, prepared.opts) {
                    Ok(job) => {
                        // While the worker compiles: the code after the nest is typed, and the
                        // walk is cached, so that the first entry does not wait for it
                        // (nbody: 0.08–0.12 ms).
                        speculate_after(vm, f, lj, lv, &key, next.as_deref());
                        exit_kinds(lj, lv, &kinds, &runs);
                        if concurrent {
                            // The interpreter runs on; a later back-edge enters the code.
                            *lj.pending.borrow_mut() = Some(PendingLoop {
                                lv,
                                key: key.clone(),
                                prepared,
                                job,
                            });
                            vm.jit.pending.push(lj.clone());
                            return Ok(None);
                        }
                        // No core to spare: this thread waits for the worker (warm from its
                        // warm-up) rather than interpret beside it, or compiles here if the
                        // worker does not start.
                        match job.wait() {
                            Ok(done) => done
                                .and_then(|d| {
                                    let spec = prepared.finish(vm, d.ir, d.code, d.took);
                                    install(lj, lv, &key, spec)
                                })
                                .map(Some),
                            Err(ir) => {
                                install(lj, lv, &key, prepared.compile_here(vm, ir)).map(Some)
                            }
                        }
                    }
                    Err(ir) => install(lj, lv, &key, prepared.compile_here(vm, ir)).map(Some),
                }
            });
            match r {
                Ok(Some(s)) => {
                    // Compiled before entering (here, or by the worker while this thread
                    // waited): so is the code after the nest, now (deterministic, as
                    // everything with `--jit-sync`; typed already if this thread waited).
                    speculate_after(vm, f, lj, lv, &key, next.as_deref());
                    s
                }
                Ok(None) => return Some(Ok(())),
                Err(why) => {
                    fail(lj, lv, key, why);
                    return None;
                }
            }
        }
    };
    let np_outs = exit_kinds(lj, lv, &kinds, &runs);
    lj.entries.set(lj.entries.get() + 1);
    lj.ready.set(None);
    worker::release_held();
    let r = dispatch::run_native(vm, &spec, &args);
    Some(
        match complete(vm, f, &spec, &outs, &np_outs, (header, exit), nfors, r) {
            Ok(None) => {
                if let Some(n) = &next {
                    return Some(next::run_after(vm, f, n));
                }
                Ok(())
            }
            Ok(Some(why)) if why == dispatch::INT_OVERFLOW => {
                refuse(lj, why);
                Ok(())
            }
            Ok(Some(why)) => {
                fail(lj, lv, key, why);
                Ok(())
            }
            Err(e) => Err(e),
        },
    )
}

/// The types the nest of way in `lv` leaves its variables with (those of `key`: a type never
/// changes in the loop), by name.
/// Types (and queues or compiles) the statements after way in `lv`'s nest, if it has any:
/// [`next::speculate`], once per nest.
fn speculate_after(
    vm: &mut Vm,
    f: &Frame,
    lj: &LoopJit,
    lv: usize,
    key: &Key,
    next: Option<&next::Next>,
) {
    if let Some(n) = next {
        let nest = nest_types(lj, lv, key);
        next::speculate(vm, f, n, &nest);
    }
}

fn nest_types(lj: &LoopJit, lv: usize, key: &Key) -> Vec<(String, Option<T>)> {
    match &*lj.state.borrow() {
        LoopState::Ready(levels) => levels[lv]
            .live
            .iter()
            .zip(&key.0)
            .filter(|(l, _)| l.assigned)
            .map(|(l, t)| (l.name.clone(), t.clone()))
            .collect(),
        LoopState::Refused(_) => Vec::new(),
    }
}

/// Whether each variable the nest writes back is a numpy scalar when it leaves
/// ([`npscalar::nest_exit`]), from the kinds of the live variables at entry (`kinds`, by
/// `live`) and whether each of its `for` loops has iterations left (`runs`, innermost
/// first). Where that depends on the path taken, the kind at entry stays.
fn exit_kinds(
    lj: &LoopJit,
    lv: usize,
    kinds: &[Option<npscalar::Kind>],
    runs: &[bool],
) -> Vec<bool> {
    let mut st = lj.state.borrow_mut();
    let LoopState::Ready(levels) = &mut *st else {
        return Vec::new();
    };
    let info = &mut levels[lv];
    let np_entry: Vec<bool> = info
        .live
        .iter()
        .zip(kinds)
        .filter(|(l, _)| l.out)
        .map(|(_, k)| *k == Some(npscalar::Kind::Np))
        .collect();
    // Without numpy scalars or arrays, nothing can make one.
    if !kinds
        .iter()
        .any(|k| matches!(k, Some(npscalar::Kind::Np | npscalar::Kind::Array)))
    {
        return np_entry;
    }
    let cached = info
        .exits
        .iter()
        .find(|(k, r, _)| k.as_slice() == kinds && r.as_slice() == runs)
        .map(|(_, _, m)| m.clone());
    let model = match cached {
        Some(m) => m,
        None => {
            let m = model_exit(info, kinds, runs);
            if info.exits.len() < 8 {
                info.exits.push((kinds.to_vec(), runs.to_vec(), m.clone()));
            }
            m
        }
    };
    match model {
        Some(model) => model
            .into_iter()
            .zip(np_entry)
            .map(|(m, e)| m.unwrap_or(e))
            .collect(),
        None => np_entry,
    }
}

/// [`npscalar::nest_exit`] for way in `info`.
fn model_exit(
    info: &LoopInfo,
    kinds: &[Option<npscalar::Kind>],
    runs: &[bool],
) -> Option<Vec<Option<bool>>> {
    let entry: npscalar::State = info
        .live
        .iter()
        .zip(kinds)
        .filter_map(|(l, k)| Some((l.name.clone(), (*k)?)))
        .collect();
    let outs: Vec<String> = info
        .live
        .iter()
        .filter(|l| l.out)
        .map(|l| l.name.clone())
        .collect();
    let stmts = info.stmt.get();
    let outer = stmts.first()?;
    let on_path = |s: &Stmt| info.on_path.contains(&s.range().start().to_usize());
    let runs = |s: &Stmt| {
        let at = s.range().start().to_usize();
        let k = info.fors.iter().position(|&o| o == at)?;
        runs.get(k).copied()
    };
    npscalar::nest_exit(outer, &on_path, &runs, &outs, entry)
}

/// Takes the result `r` of lifted code spanning bytecode `span` (run with `nfors` range
/// iterators on top of the value stack): on success, writes `outs` back and moves the frame
/// past the span. `Ok(Some(why))`: the code stored into no array and failed, nothing was
/// written back; the interpreter runs the span again from the same state (an int that
/// outgrew int64 becomes a big int; an exception is raised with the interpreter's values in
/// every local), and the caller records why.
#[allow(clippy::too_many_arguments)]
fn complete(
    vm: &mut Vm,
    f: &mut Frame,
    spec: &Spec,
    outs: &[Live],
    np_outs: &[bool],
    (header, exit): (usize, usize),
    nfors: usize,
    r: PyResult<Value>,
) -> PyResult<Option<String>> {
    match r {
        Ok(v) => {
            let vals = match v {
                Value::Tuple(t) => t.items.to_vec(),
                Value::None => Vec::new(),
                other => vec![other],
            };
            write_back(vm, f, outs, np_outs, vals.into_iter().map(Some));
            f.slots.truncate(f.slots.len() - nfors);
            f.ip = exit;
            Ok(None)
        }
        Err(e) if !unit_stores(&spec.unit) => Ok(Some(if dispatch::is_int_overflow(vm, &e) {
            dispatch::INT_OVERFLOW.into()
        } else {
            format!(
                "raised {} natively: run again by the interpreter",
                e.0.class.name()
            )
        })),
        Err(e) => {
            // The scalars' values at the failing operation (the `spill` statement), as the
            // interpreter would have them; arrays were updated in place.
            let spill = spec.err_spill.take();
            let types = &spec.unit[0].params;
            let mut bits = spill.into_iter();
            let vals = outs.iter().map(|l| {
                let t = types.iter().find(|(n, _)| *n == l.name).map(|(_, t)| t)?;
                let b = if t.is_scalar() {
                    bits.next()?
                } else {
                    return None;
                };
                Some(match t {
                    T::F64 => Value::Float(f64::from_bits(b as u64)),
                    T::Bool => Value::Bool(b != 0),
                    _ => Value::Int(b),
                })
            });
            let vals: Vec<Option<Value>> = vals.collect();
            write_back(vm, f, outs, np_outs, vals.into_iter());
            // Point the frame at the failing line so its traceback entry (and any handler
            // covering the loop) are the interpreter's.
            let line = spec.err_line.get();
            let kind = e.0.class.name().to_string();
            if let Some(ip) = dispatch::error_ip(&f.code.code, header..exit, line, &kind) {
                f.ip = ip + 1;
            }
            Err(e)
        }
    }
}

/// Writes the lifted code's results (None: keep the frame's value) to the frame; variables
/// that held numpy scalars get numpy scalars back.
fn write_back(
    vm: &mut Vm,
    f: &mut Frame,
    outs: &[Live],
    np_outs: &[bool],
    vals: impl Iterator<Item = Option<Value>>,
) {
    for ((l, v), &np) in outs.iter().zip(vals).zip(np_outs) {
        let Some(v) = v else { continue };
        let v = match (np, v) {
            (true, Value::Float(x)) => crate::numpy::scalar_value(vm, Scalar::F(x)),
            (true, Value::Int(x)) => crate::numpy::scalar_value(vm, Scalar::I(x)),
            (true, Value::Bool(x)) => crate::numpy::scalar_value(vm, Scalar::B(x)),
            (_, v) => v,
        };
        write(f, l, v);
    }
}

fn refuse(lj: &LoopJit, why: String) {
    *lj.state.borrow_mut() = LoopState::Refused(why);
}

fn refuse_level(lj: &LoopJit, lv: usize, why: &str) {
    if let LoopState::Ready(levels) = &mut *lj.state.borrow_mut() {
        levels[lv].refused = Some(why.to_string());
    }
}

fn fail(lj: &LoopJit, lv: usize, key: Key, why: String) {
    if let LoopState::Ready(levels) = &mut *lj.state.borrow_mut() {
        if !levels[lv].failures.iter().any(|(k, _)| *k == key) {
            levels[lv].failures.push((key, why));
        }
    }
}

fn find_spec(lj: &LoopJit, lv: usize, key: &Key) -> Option<Rc<Spec>> {
    match &*lj.state.borrow() {
        LoopState::Ready(levels) => levels[lv]
            .specs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, sp)| sp.clone()),
        LoopState::Refused(_) => None,
    }
}

/// Types way in `lv` for `key` and lowers it to IR: all of a compile but code generation.
fn prepare_loop(
    vm: &mut Vm,
    f: &Frame,
    lj: &LoopJit,
    lv: usize,
    key: &Key,
) -> Result<(Prepared, numjit_jit::Module), String> {
    let t0 = Instant::now();
    let lifted = {
        let st = lj.state.borrow();
        let LoopState::Ready(levels) = &*st else {
            return Err("refused".into());
        };
        let info = &levels[lv];
        let mut params = Vec::new();
        let mut outs = Vec::new();
        for (l, t) in info.live.iter().zip(&key.0) {
            if let Some(t) = t {
                params.push((l.name.clone(), t.clone()));
            }
            if l.out {
                outs.push(l.name.clone());
            }
        }
        let resumes: Vec<Resume> = info
            .fors
            .iter()
            .zip(&key.1)
            .map(|(&offset, &unit_step)| Resume { offset, unit_step })
            .collect();
        let entry = (info.depth > 0).then(|| typeinfer::EntryPath {
            on_path: info.on_path.clone(),
            hot: info.hot,
        });
        Lifted {
            body: info.stmt.clone(),
            line: info.line,
            params,
            outs,
            resumes,
            entry,
        }
    };
    prepare_lifted(vm, f, lifted, &key.2, t0)
}

/// Consecutive statements of a parsed file, found again by the first one's source offset: a
/// way in keeps this, not a copy of the AST (copying and dropping each level's copy of nbody's
/// nest was a quarter of its analysis).
#[derive(Clone)]
pub(super) struct Stmts {
    file: Rc<super::ParsedFile>,
    at: usize,
    count: usize,
}

impl Stmts {
    pub(super) fn new(file: &Rc<super::ParsedFile>, first: &Stmt, count: usize) -> Stmts {
        Stmts {
            file: file.clone(),
            at: first.range().start().to_usize(),
            count,
        }
    }

    pub(super) fn get(&self) -> &[Stmt] {
        find_block(&self.file.module.body, self.at)
            .and_then(|(b, k)| b.get(k..k + self.count))
            .unwrap_or(&[])
    }
}

/// The block holding the statement that starts at source offset `at`, and its index there.
fn find_block(body: &[Stmt], at: usize) -> Option<(&[Stmt], usize)> {
    for (k, s) in body.iter().enumerate() {
        let r = s.range();
        if r.start().to_usize() == at {
            return Some((body, k));
        }
        if !(r.start().to_usize()..r.end().to_usize()).contains(&at) {
            continue;
        }
        return blocks(s, true).into_iter().find_map(|b| find_block(b, at));
    }
    None
}

/// What is lifted: statements, the first one's line, the parameters (typed) and the
/// variables written back, the nest's resumed ranges and the way into it.
struct Lifted {
    body: Stmts,
    line: u32,
    params: Vec<(String, T)>,
    outs: Vec<String>,
    resumes: Vec<Resume>,
    entry: Option<typeinfer::EntryPath>,
}

/// Types lifted code and lowers it to IR, with the entry guards' magnitudes `mags` as facts.
fn prepare_lifted(
    vm: &mut Vm,
    f: &Frame,
    lifted: Lifted,
    mags: &[(String, Magnitude)],
    t0: Instant,
) -> Result<(Prepared, numjit_jit::Module), String> {
    let Lifted {
        body,
        line,
        params,
        outs,
        resumes,
        entry,
    } = lifted;
    let code = f.code.code.clone();
    let file = parsed(vm, &code.filename)?;
    let src = typeinfer::Source {
        text: &file.source,
        lines: &file.lines,
        filename: &code.filename,
    };
    let mut s = Session::new(vm, Entry::new(None, Vec::new()), vec![f.globals.clone()]);
    s.python = true;
    let name = format!("__loop_L{line}");
    let body = body.get();
    let t = typeinfer::infer_loop(&name, body, &params, &outs, &resumes, entry, &src, &mut s)
        .map_err(|e| {
            format!(
                "line {}: {}{}",
                e.line,
                if e.expr.is_empty() || e.expr == "loop" {
                    String::new()
                } else {
                    format!("{}: ", e.expr)
                },
                e.msg
            )
        })?;
    let fparams: Vec<T> = t.params.iter().map(|(_, t)| t.clone()).collect();
    let allocates = std::iter::once(&t)
        .chain(s.entries.iter().filter_map(|e| e.done.as_ref()))
        .any(|f| f.body.iter().any(stmt_allocates));
    if allocates {
        // Arrays allocated by native code live until the native call returns: a long loop
        // would keep every one of them. Hot callees still tier up on their own.
        return Err("the loop allocates arrays (released only when native code returns)".into());
    }
    s.entries[0].done = Some(t);
    let (unit, codes) = s
        .take_unit()
        .map_err(|why| why.unwrap_or_else(|| "a called function could not be typed".into()))?;
    // The magnitudes the entry guards (part of the key) as facts for the code generator.
    let line = unit[0].lines.0;
    let mut facts: Vec<numjit_jit::Stmt> = mags
        .iter()
        .filter_map(|(n, b)| {
            magnitude_bounds(*b).map(|(lo, hi)| numjit_jit::Stmt {
                kind: numjit_jit::StmtKind::Assume(n.clone(), lo, hi),
                line,
            })
        })
        .collect();
    // A loop that stores into arrays cannot be run again after a native error: its scalars
    // are reported at the failing operation instead (`spill`) and written back.
    let stores = unit_stores(&unit);
    let spilled: Vec<String> = outs
        .iter()
        .filter(|n| unit[0].params.iter().any(|(p, t)| p == *n && t.is_scalar()))
        .cloned()
        .collect();
    if stores && !spilled.is_empty() {
        facts.push(numjit_jit::Stmt {
            kind: numjit_jit::StmtKind::Spill(spilled),
            line,
        });
    }
    let opts = numjit_jit::Options {
        boundscheck: true,
        // Plain Python loops keep Python int semantics: an overflow bails out.
        checked_int: true,
        ..Default::default()
    };
    prepare_spec(s.vm, (unit, codes), fparams, facts, opts, t0).map_err(|e| e.message)
}

/// Makes a finished compile way in `lv`'s specialisation for `key`.
fn install(
    lj: &LoopJit,
    lv: usize,
    key: &Key,
    spec: Result<Spec, super::CompileFailure>,
) -> Result<Rc<Spec>, String> {
    let spec = Rc::new(spec.map_err(|e| e.message)?);
    if let LoopState::Ready(levels) = &mut *lj.state.borrow_mut() {
        levels[lv].specs.push((key.clone(), spec.clone()));
    }
    Ok(spec)
}

/// A compile of way in `lv` for `key` running on the worker thread.
pub struct PendingLoop {
    lv: usize,
    key: Key,
    prepared: Prepared,
    job: worker::Job,
}

/// Back-edges between two attempts at entering when the last one waited (the compile of
/// another loop of the code is running, or the nest is nearly done): each reads every live
/// variable.
const POLL_EVERY: u32 = 16;

/// Installs the pending compile of `lj` once the worker is done with it (its failure is
/// recorded like any other), or compiles it here if the worker has not taken it
/// ([`worker::Job::stalled`]). Whether one is still running. Called on every back-edge while
/// one is: a look costs an atomic load or two until the code is ready ([`worker::Job::poll`]);
/// looking every 16 back-edges, nbody's nest (about 2.5 µs per interpreted iteration) was
/// entered 0.04–0.1 ms after its code was ready.
fn poll_pending(vm: &Vm, lj: &LoopJit) -> bool {
    let done = match &*lj.pending.borrow() {
        None => return false,
        Some(p) => match p.job.poll() {
            None if p.job.stalled() => None,
            None => return true,
            Some(d) => Some(d),
        },
    };
    let Some(p) = lj.pending.borrow_mut().take() else {
        return false;
    };
    let r = match done {
        Some(done) => done.and_then(|d| {
            let spec = p.prepared.finish(vm, d.ir, d.code, d.took);
            install(lj, p.lv, &p.key, spec)
        }),
        // The worker has not started it: compiled here (the loop makes next to no progress
        // interpreted meanwhile).
        None => match worker::steal(&p.job) {
            Some(ir) => install(lj, p.lv, &p.key, p.prepared.compile_here(vm, ir)),
            None => {
                // Taken by the worker meanwhile, or it is busy with another compile.
                *lj.pending.borrow_mut() = Some(p);
                return true;
            }
        },
    };
    match r {
        Ok(_) => {
            if let LoopState::Ready(levels) = &*lj.state.borrow() {
                lj.ready.set(Some((levels[p.lv].header, levels[p.lv].exit)));
            }
        }
        Err(why) => fail(lj, p.lv, p.key, why),
    }
    false
}

/// Whether the nest whose `nfors` range iterators top the value stack probably has less work
/// left than `threshold`: its compile would then be ready only after it ended, and keep the
/// worker from the next one (nbody: the setup loops of `main` delayed the kernel's nest by
/// 0.5 ms). Progress is the outermost range's, refined by the next one's; the work done is
/// the code object's loop work.
fn nearly_done(f: &Frame, nfors: usize, threshold: u64) -> bool {
    let n = f.slots.len();
    // (values taken, the current one included; values in all) of the k-th range from the top.
    let taken = |k: usize| -> Option<(f64, f64)> {
        match &f.slots[n.checked_sub(k + 1)?] {
            Value::Iter(it) => match &*it.kind.borrow() {
                IterKind::Range { left, len, .. } if *len > 0 => {
                    Some(((len - left) as f64, *len as f64))
                }
                _ => None,
            },
            _ => None,
        }
    };
    let Some((done, len)) = nfors.checked_sub(1).and_then(taken) else {
        return false;
    };
    let inner = match nfors.checked_sub(2).and_then(taken) {
        Some((d, l)) => d / l,
        None => 0.5,
    };
    let progress = (done - 1.0 + inner) / len;
    let work = f.code.backedges.get() as f64;
    progress > 0.0 && work * (1.0 - progress) / progress < threshold as f64
}

/// Whether loop `me` should not submit a compile: a loop of its code object has one running
/// on the worker (finished ones are installed first), or has a finished one for a nest
/// around `me` that it has not entered yet. In a nest, the outer loops' back-edges come while
/// the inner loop's compile runs, and their compiles would lift the same nest again (the
/// first one entered runs all of it); when it is done, the next back-edge may be the middle
/// loop's, whose own compile of the nest, with one range less, cost nbody 0.3–0.5 ms.
fn code_busy(vm: &mut Vm, me: &LoopJit) -> bool {
    let mut busy = false;
    for lj in std::mem::take(&mut vm.jit.pending) {
        if poll_pending(vm, &lj) {
            busy |= Rc::ptr_eq(&lj.code, &me.code);
            vm.jit.pending.push(lj);
        }
    }
    busy || vm.jit.loops_all.iter().any(|lj| {
        Rc::ptr_eq(&lj.code, &me.code)
            && !std::ptr::eq(&**lj, me)
            && lj
                .ready
                .get()
                .is_some_and(|(h, x)| (h..x).contains(&me.header))
    })
}

/// Whether the unit's code stores into an array (an effect a re-run in the interpreter would
/// repeat).
fn unit_stores(unit: &[super::TFunc]) -> bool {
    unit.iter().any(|f| f.body.iter().any(stmt_stores))
}

fn stmt_stores(s: &TStmt) -> bool {
    match &s.kind {
        SK::Store(..) => true,
        SK::If(_, a, b) => a.iter().any(stmt_stores) || b.iter().any(stmt_stores),
        SK::While(_, b) | SK::For { body: b, .. } => b.iter().any(stmt_stores),
        _ => false,
    }
}

fn stmt_allocates(s: &TStmt) -> bool {
    match &s.kind {
        SK::Assign(_, e) | SK::Unpack(_, e) | SK::Expr(e) | SK::Return(Some(e)) => {
            expr_allocates(e)
        }
        SK::Store(_, ix, v) => ix.iter().any(expr_allocates) || expr_allocates(v),
        SK::If(c, a, b) => {
            expr_allocates(c) || a.iter().any(stmt_allocates) || b.iter().any(stmt_allocates)
        }
        SK::While(c, b) => expr_allocates(c) || b.iter().any(stmt_allocates),
        SK::For {
            start,
            stop,
            step,
            body,
            ..
        } => {
            expr_allocates(start)
                || expr_allocates(stop)
                || expr_allocates(step)
                || body.iter().any(stmt_allocates)
        }
        SK::Break | SK::Continue | SK::Return(None) => false,
    }
}

fn expr_allocates(e: &TExpr) -> bool {
    match &e.kind {
        TK::Alloc(..) | TK::ArrayBin(..) | TK::ArrayMath(..) | TK::ArrayNeg(_) | TK::Copy(_) => {
            true
        }
        TK::Int(_) | TK::Float(_) | TK::Bool(_) | TK::Var(_) | TK::Shape(..) | TK::TupleGet(..) => {
            false
        }
        TK::Bin(_, a, b) | TK::Cmp(_, a, b) | TK::And(a, b) | TK::Or(a, b) => {
            expr_allocates(a) || expr_allocates(b)
        }
        TK::Un(_, a) | TK::Cast(_, a) => expr_allocates(a),
        TK::Select(a, b, c) => expr_allocates(a) || expr_allocates(b) || expr_allocates(c),
        TK::Math(_, xs) | TK::Load(_, xs) | TK::Tuple(xs) | TK::Call(_, xs) => {
            xs.iter().any(expr_allocates)
        }
    }
}

/// The `--stats` line of a specialisation of lifted code.
fn compiled_line(at: &str, s: &Spec) -> String {
    let sig: Vec<String> = s.unit[0]
        .params
        .iter()
        .map(|(n, t)| format!("{n}: {t}"))
        .collect();
    format!(
        "  loop compiled  {at}  ({})  compile {:.3} ms  entered natively {}  native time {:.6} s\n",
        sig.join(", "),
        s.compile_time.as_secs_f64() * 1e3,
        s.calls.get(),
        s.native_time.get().as_secs_f64()
    )
}

/// `--stats` lines for lifted and refused loops: (text, native time, specialisations).
pub fn stats_lines(st: &JitState) -> (String, Duration, usize) {
    let mut out = String::new();
    let mut native = Duration::ZERO;
    let mut n = 0;
    for lj in &st.loops_all {
        let code = &lj.code.code;
        let at = format!("{} line {} ({})", code.qualname, lj.line, code.filename);
        match &*lj.state.borrow() {
            LoopState::Refused(why) => {
                out.push_str(&format!("  loop refused  {at}  reason: {why}\n"));
            }
            LoopState::Ready(levels) => {
                let tried = levels
                    .iter()
                    .any(|i| !i.specs.is_empty() || !i.failures.is_empty() || i.refused.is_some());
                for info in levels {
                    // A nest entered at an inner loop is named by its outer loop.
                    let at = if info.depth == 0 {
                        at.clone()
                    } else {
                        format!(
                            "{} line {} ({}), entered at line {}",
                            code.qualname, info.line, code.filename, lj.line
                        )
                    };
                    for (_, s) in &info.specs {
                        n += 1;
                        native += s.native_time.get();
                        out.push_str(&compiled_line(&at, s));
                    }
                    if let Some(nx) = &info.next {
                        let at = format!(
                            "{} line {} ({}), after the loop at line {}",
                            code.qualname, nx.line, code.filename, info.line
                        );
                        match &*nx.state.borrow() {
                            next::State::Ready(_, s) => {
                                n += 1;
                                native += s.native_time.get();
                                out.push_str(&compiled_line(&at, s));
                            }
                            next::State::Failed(why) => {
                                let last = why.lines().last().unwrap_or("").trim();
                                out.push_str(&format!("  loop refused  {at}  reason: {last}\n"));
                            }
                            next::State::Idle | next::State::Pending { .. } => {}
                        }
                    }
                    let whys = info.failures.iter().map(|(_, w)| w).chain(&info.refused);
                    for why in whys {
                        let last = why.lines().last().unwrap_or("").trim();
                        out.push_str(&format!("  loop refused  {at}  reason: {last}\n"));
                    }
                }
                if !tried && lj.deferred.get() > 0 {
                    out.push_str(&format!(
                        "  loop refused  {at}  reason: a variable it assigns was unbound ({} tries)\n",
                        lj.deferred.get()
                    ));
                }
            }
        }
    }
    (out, native, n)
}
