//! On-stack replacement: which loop of a nest is lifted. The hot loop is the one whose
//! back-edges fill the counter, but a short `for` loop whose range the loop around it does not
//! change is better entered one level up, at the enclosing loop's next back-edge.
//!
//! Why: a nest entered in the middle of its hot loop picks that loop's bounds with selects
//! (the entry's range, or the loop's own), and the selects make everything computed from the
//! bounds vary with the enclosing loop: the versioning test before matmul's `for k in
//! range(m)` was made again on every iteration of `j`. Entered at `j`'s header, the `k` range
//! is `(0, m)` throughout and only the part of its test that depends on `j` stays in the `j`
//! loop. matmul's nest compiles in 0.70 ms instead of 0.80 (`compile_time`, medians of 300),
//! and the plain script's kernel took 3.41 ms instead of 3.54 (medians of 41 interleaved
//! runs). The cost: the hot loop's remaining iterations run interpreted first (at most
//! [`SHORT`] instructions of loop work).

use std::rc::Rc;

use ruff_python_ast::{Expr, Stmt};

use super::source::{range_args, scope};
use super::{ast_loop, find_loop, frame_kind, last_backedges, parsed, LoopState};
use crate::compiler::opcode::Op;
use crate::runtime::iter::IterKind;
use crate::runtime::value::Value;
use crate::vm::frame::Frame;
use crate::vm::Vm;

/// Per loop (code address, header) whether it leaves its lifting to the loop around it (that
/// loop's header), with its code object, which keeps the address in the key alive.
pub type Deferred =
    rustc_hash::FxHashMap<(usize, usize), (Rc<crate::vm::code_obj::CodeObj>, Option<usize>)>;

/// The most loop work (a range's iterations in all times the loop body's instructions) of a
/// hot loop whose lifting is left to the loop around it: matmul's `k` loop is 180 iterations
/// of 17 instructions (3,060), interpreted in about 20 µs.
const SHORT: i64 = 16_384;

/// Whether the loop at `key` (code address, header; the frame is at its header) leaves its
/// lifting to the loop around it: decided on its first look; undone for good once its range is
/// not short (a later call with more iterations would run them all interpreted first), or
/// once the loop around it cannot be lifted (refused, or every way in refused or failed): the
/// hot loop is then lifted alone.
pub(super) fn deferred(vm: &mut Vm, f: &Frame, jb: usize, key: (usize, usize)) -> bool {
    let parent = match vm.jit.deferred.get(&key) {
        Some((_, p)) => *p,
        None => {
            let p = target(vm, f, jb);
            vm.jit.deferred.insert(key, (f.code.clone(), p));
            p
        }
    };
    let Some(parent) = parent else {
        return false;
    };
    let gave_up = |p: &super::LoopJit| match &*p.state.borrow() {
        LoopState::Refused(_) => true,
        // Each way in refused, or failed (typing) and never compiled.
        LoopState::Ready(levels) => levels
            .iter()
            .all(|l| l.refused.is_some() || (l.specs.is_empty() && !l.failures.is_empty())),
    };
    if !short(f, jb)
        || vm
            .jit
            .loops
            .get(&(key.0, parent))
            .is_some_and(|p| gave_up(p))
    {
        vm.jit.deferred.insert(key, (f.code.clone(), None));
        return false;
    }
    true
}

/// Whether the `for` loop at `f.ip` (back-edge `jb`) runs over a range of at most [`SHORT`]
/// loop work in all (its running range is on top of the value stack).
fn short(f: &Frame, jb: usize) -> bool {
    if f.code.code.instrs.get(f.ip).map(|i| i.op) != Some(Op::ForIter) {
        return false;
    }
    let body = (jb + 1).saturating_sub(f.ip) as i64;
    match f.slots.last() {
        Some(Value::Iter(it)) => matches!(
            &*it.kind.borrow(),
            IterKind::Range { len, .. } if len.saturating_mul(body) <= SHORT
        ),
        _ => false,
    }
}

/// The header of the loop around the hot loop at `f.ip` whose back-edge lifts the nest instead
/// (see the module doc), if the hot loop is an innermost `for` over a short range whose bounds
/// are names or literals the enclosing loop does not assign.
fn target(vm: &mut Vm, f: &Frame, jb: usize) -> Option<usize> {
    if !short(f, jb) {
        return None;
    }
    let code = &f.code.code;
    let module_level = frame_kind(f).ok()?;
    // The loop around it: the innermost header before it whose last back-edge is after it.
    let last_back = last_backedges(code);
    let (&ph, _) = last_back.range(..f.ip).rev().find(|(_, &l)| l > jb)?;
    let file = parsed(vm, &code.filename).ok()?;
    let scope = scope(&file, code, module_level)?;
    let Stmt::For(hot) = ast_loop(scope, &file.lines, code.line_of(f.ip), true)? else {
        return None;
    };
    // Innermost only: deferred one level, never further out.
    let mut inner = false;
    find_loop(&hot.body, &mut |_| inner = true);
    if inner {
        return None;
    }
    let parent_is_for = code.instrs.get(ph)?.op == Op::ForIter;
    let parent = ast_loop(scope, &file.lines, code.line_of(ph), parent_is_for)?;
    // `range(...)` of names and int literals.
    let mut names = Vec::new();
    for a in range_args(hot)? {
        match a {
            Expr::Name(n) => names.push(n.id.as_str()),
            Expr::NumberLiteral(_) => {}
            _ => return None,
        }
    }
    // What the loop around it assigns, its own loop variables included.
    let mut assigned = Default::default();
    super::typeinfer::collect_assigned(std::slice::from_ref(parent), &mut assigned);
    if names.iter().any(|n| assigned.contains(*n)) {
        return None;
    }
    Some(ph)
}
