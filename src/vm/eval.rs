//! The evaluation loop: executes one frame's instructions until it returns or yields.
//!
//! `execute` runs instructions and returns on the first error with `?`; `run_frame` then
//! consults the exception table (`unwind`) and resumes at the handler, so the hot loop carries
//! no per-instruction bookkeeping for exceptions.

use std::rc::Rc;

use crate::compiler::opcode::{format_value, make_function, BinOp, CmpOp, Instr, Op};
use crate::runtime::dict::PyDict;
use crate::runtime::iter::IterKind;
use crate::runtime::objects::{Function, PyCell};
use crate::runtime::value::{PySlice, Value};

use super::frame::Frame;
use super::{PyErr, PyResult, Vm};

/// The result of comparison `arg` (a `CmpOp`) given an ordering.
#[inline(always)]
fn cmp_ord(o: std::cmp::Ordering, arg: u32) -> bool {
    use std::cmp::Ordering::*;
    match arg {
        0 => o == Less,
        1 => o != Greater,
        2 => o == Equal,
        3 => o != Equal,
        4 => o == Greater,
        _ => o != Less,
    }
}

/// How a frame stopped running.
pub enum Exit {
    Return(Value),
    Yield(Value),
}

impl Vm {
    /// Runs a frame to its next return or yield, handling exceptions through its table.
    pub fn run_frame(&mut self, f: &mut Frame) -> PyResult<Exit> {
        loop {
            match self.execute(f) {
                Ok(exit) => return Ok(exit),
                Err(e) => self.unwind(f, e)?,
            }
        }
    }

    /// Routes an exception raised at the current instruction to the frame's handler, or
    /// returns it if none covers the instruction. Adds this frame's traceback entry.
    #[cold]
    pub fn unwind(&mut self, f: &mut Frame, err: PyErr) -> PyResult<()> {
        let lasti = f.ip.saturating_sub(1);
        f.lasti = lasti;
        if std::mem::take(&mut self.reraising) {
            // Re-raised: the traceback already has this frame.
        } else {
            self.add_traceback(&err, f);
        }
        let code = f.code.clone();
        match code.code.handler_for(lasti as u32) {
            Some(h) => {
                let base = code.nlocalsplus + h.depth as usize;
                f.slots.truncate(base);
                if h.lasti {
                    f.push(Value::Int(lasti as i64));
                }
                f.push(Value::Instance(err.0.clone()));
                f.ip = h.target as usize;
                Ok(())
            }
            None => Err(err),
        }
    }

    fn execute(&mut self, f: &mut Frame) -> PyResult<Exit> {
        let co = f.code.clone();
        let instrs: &[Instr] = &co.code.instrs;
        loop {
            let ip = f.ip;
            let Some(&Instr { op, arg }) = instrs.get(ip) else {
                return Err(self.new_error("SystemError", "ran off the end of the code"));
            };
            f.ip = ip + 1;
            match op {
                Op::Nop => {}
                Op::PopTop => {
                    f.slots.pop();
                    if super::generators::has_pending_close() {
                        self.close_dropped_generators();
                    }
                }
                Op::PushNull => f.push(Value::Null),
                Op::Copy => {
                    let v = f.peek(arg as usize).clone();
                    f.push(v);
                }
                Op::Swap => {
                    let len = f.slots.len();
                    f.slots.swap(len - 1, len - arg as usize);
                }
                Op::LoadConst => f.push(co.consts[arg as usize].clone()),
                Op::LoadFast => {
                    let v = &f.slots[arg as usize];
                    if v.is_null() {
                        return Err(self.unbound_local(&co.varnames[arg as usize]));
                    }
                    let v = v.clone();
                    f.push(v);
                }
                Op::StoreFast => {
                    let v = f.pop();
                    f.slots[arg as usize] = v;
                    if super::generators::has_pending_close() {
                        self.close_dropped_generators();
                    }
                }
                Op::DeleteFast => {
                    if f.slots[arg as usize].is_null() {
                        return Err(self.unbound_local(&co.varnames[arg as usize]));
                    }
                    f.slots[arg as usize] = Value::Null;
                }
                Op::LoadDeref => {
                    let v = self.cell_of(f, arg).value.borrow().clone();
                    if v.is_null() {
                        return Err(self.unbound_deref(f, arg));
                    }
                    f.push(v);
                }
                Op::StoreDeref => {
                    let v = f.pop();
                    *self.cell_of(f, arg).value.borrow_mut() = v;
                }
                Op::DeleteDeref => {
                    let cell = self.cell_of(f, arg);
                    if cell.value.borrow().is_null() {
                        return Err(self.unbound_deref(f, arg));
                    }
                    *cell.value.borrow_mut() = Value::Null;
                }
                Op::LoadClosure => {
                    let v = f.slots[co.varnames.len() + arg as usize].clone();
                    f.push(v);
                }
                Op::LoadClassDeref => {
                    let name = co
                        .code
                        .deref_name(arg)
                        .cloned()
                        .unwrap_or_else(|| "?".into());
                    let key = self.intern(&name);
                    let found = f.locals.as_ref().and_then(|l| l.get_str(&key));
                    let v = match found {
                        Some(v) => v,
                        None => {
                            let v = self.cell_of(f, arg).value.borrow().clone();
                            if v.is_null() {
                                return Err(self.unbound_deref(f, arg));
                            }
                            v
                        }
                    };
                    f.push(v);
                }
                Op::LoadName => {
                    let name = &co.names[arg as usize];
                    let found = match &f.locals {
                        Some(l) => l.get_str(name),
                        None => None,
                    };
                    let v = match found {
                        Some(v) => v,
                        None => match f.globals.get_str(name) {
                            Some(v) => v,
                            None => match self.builtins.get_str(name) {
                                Some(v) => v,
                                None => return Err(self.name_error_in(f, name.as_str())),
                            },
                        },
                    };
                    f.push(v);
                }
                Op::StoreName => {
                    let v = f.pop();
                    let name = &co.names[arg as usize];
                    match &f.locals {
                        Some(l) => l.set_str(name, v),
                        None => f.globals.set_str(name, v),
                    }
                    if super::generators::has_pending_close() {
                        self.close_dropped_generators();
                    }
                }
                Op::DeleteName => {
                    let name = &co.names[arg as usize];
                    let ok = match &f.locals {
                        Some(l) => l.del_str(name),
                        None => f.globals.del_str(name),
                    };
                    if !ok {
                        return Err(self.name_error(name.as_str()));
                    }
                }
                Op::LoadGlobal => {
                    let cache = &co.global_cache[arg as usize];
                    let c = cache.get();
                    let hit = {
                        let g = f.globals.map.borrow();
                        if c.globals_version == g.version {
                            if !c.in_builtins {
                                g.entry_at(c.index as usize).map(|e| e.value.clone())
                            } else {
                                let b = self.builtins.map.borrow();
                                if c.builtins_version == b.version {
                                    b.entry_at(c.index as usize).map(|e| e.value.clone())
                                } else {
                                    None
                                }
                            }
                        } else {
                            None
                        }
                    };
                    let v = match hit {
                        Some(v) => v,
                        None => self.load_global_slow(f, &co, arg)?,
                    };
                    f.push(v);
                }
                Op::StoreGlobal => {
                    let v = f.pop();
                    f.globals.set_str(&co.names[arg as usize], v);
                }
                Op::DeleteGlobal => {
                    let name = &co.names[arg as usize];
                    if !f.globals.del_str(name) {
                        return Err(self.name_error(name.as_str()));
                    }
                }
                Op::LoadAttr => {
                    let obj = f.pop();
                    let name = &co.names[arg as usize];
                    if let Value::Instance(inst) = &obj {
                        // Cached: the class has no attribute `name` (so no descriptor) and
                        // no hooks, so the instance dict decides.
                        let key = attr_cache_key(inst);
                        if co.attr_cache[ip].get() == key {
                            if let Some(v) = inst.dict.get_str(name) {
                                f.push(v);
                                continue;
                            }
                        } else if inst.class.hooks(&self.names) == 0
                            && inst.class.lookup_cached(name).is_none()
                            && inst.exc.is_none()
                        {
                            co.attr_cache[ip].set(key);
                        }
                    }
                    let v = self.get_attr(&obj, name)?;
                    f.push(v);
                }
                Op::StoreAttr => {
                    let obj = f.pop();
                    let v = f.pop();
                    let name = &co.names[arg as usize];
                    if let Value::Instance(inst) = &obj {
                        let key = attr_cache_key(inst);
                        if co.attr_cache[ip].get() == key {
                            inst.dict.set_str(name, v);
                            continue;
                        }
                        if inst.class.hooks(&self.names) & crate::runtime::objects::hooks::SETATTR
                            == 0
                            && inst.class.lookup_cached(name).is_none()
                            && inst.exc.is_none()
                            && inst.class.slots.borrow().is_none()
                            && !Rc::ptr_eq(&inst.class, &self.types.object)
                        {
                            co.attr_cache[ip].set(key);
                        }
                    }
                    self.set_attr(&obj, name, v)?;
                }
                Op::DeleteAttr => {
                    let obj = f.pop();
                    self.del_attr(&obj, &co.names[arg as usize])?;
                }
                Op::LoadMethod => {
                    let obj = f.pop();
                    let name = &co.names[arg as usize];
                    if let Value::Instance(inst) = &obj {
                        // Cached: `name` is a plain function on the class and the instance
                        // dict does not shadow it.
                        let key = attr_cache_key(inst);
                        if co.attr_cache[ip].get() == key && inst.dict.get_str(name).is_none() {
                            let m = co.attr_methods.borrow()[ip].clone();
                            f.push(m);
                            f.push(obj);
                            continue;
                        }
                        if inst.class.hooks(&self.names)
                            & crate::runtime::objects::hooks::GETATTRIBUTE
                            == 0
                        {
                            if let Some(m @ Value::Function(_)) = inst.class.lookup_cached(name) {
                                co.attr_methods.borrow_mut()[ip] = m;
                                co.attr_cache[ip].set(key);
                            }
                        }
                    }
                    let (m, s) = self.load_method(obj, name)?;
                    f.push(m);
                    f.push(s);
                }
                Op::BinarySubscr => {
                    let key = f.pop();
                    let obj = f.pop();
                    let v = self.getitem_fast(&obj, &key)?;
                    f.push(v);
                }
                Op::StoreSubscr => {
                    let key = f.pop();
                    let obj = f.pop();
                    let v = f.pop();
                    if !crate::numpy::indexing::set_element(self, &obj, &key, &v) {
                        self.setitem(&obj, key, v)?;
                    }
                }
                Op::DeleteSubscr => {
                    let key = f.pop();
                    let obj = f.pop();
                    self.delitem(&obj, &key)?;
                }
                Op::BinaryOp => {
                    let b = f.pop();
                    let a = f.pop();
                    // Operands are moved: scalar fast paths need no drop glue.
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) => {
                            let r = match arg & !BinOp::INPLACE {
                                0 => x.checked_add(y),
                                1 => x.checked_sub(y),
                                2 => x.checked_mul(y),
                                // Python's sign rules; zero divisors take the slow path.
                                4 if y != 0 => crate::runtime::num::int_floordiv(x, y),
                                5 if y != 0 => crate::runtime::num::int_mod(x, y),
                                10 => Some(x & y),
                                11 => Some(x | y),
                                12 => Some(x ^ y),
                                _ => None,
                            };
                            match r {
                                Some(r) => Value::Int(r),
                                None => self.binary_op(&Value::Int(x), &Value::Int(y), arg)?,
                            }
                        }
                        // int operands of mixed arithmetic convert to float, as Python does.
                        (Value::Float(x), Value::Float(y)) => self.float_binop(x, y, arg)?,
                        (Value::Float(x), Value::Int(y)) => self.float_binop(x, y as f64, arg)?,
                        (Value::Int(x), Value::Float(y)) => self.float_binop(x as f64, y, arg)?,
                        (a, b) => self.binary_op(&a, &b, arg)?,
                    };
                    f.push(r);
                }
                Op::CompareOp => {
                    let b = f.pop();
                    let a = f.pop();
                    let r = match (a, b) {
                        (Value::Int(x), Value::Int(y)) => cmp_ord(x.cmp(&y), arg),
                        (Value::Float(x), Value::Float(y)) => match x.partial_cmp(&y) {
                            Some(o) => cmp_ord(o, arg),
                            None => arg == CmpOp::Ne as u32,
                        },
                        (a, b) => {
                            let op = CmpOp::from_u32(arg).unwrap_or(CmpOp::Eq);
                            let r = self.compare(&a, &b, op)?;
                            f.push(r);
                            continue;
                        }
                    };
                    // Fuse with a following conditional jump (CPython's COMPARE_OP_*_JUMP).
                    match instrs.get(f.ip) {
                        Some(next) if next.op == Op::PopJumpIfFalse => {
                            f.ip = if r { f.ip + 1 } else { next.arg as usize };
                        }
                        Some(next) if next.op == Op::PopJumpIfTrue => {
                            f.ip = if r { next.arg as usize } else { f.ip + 1 };
                        }
                        _ => f.push(Value::Bool(r)),
                    }
                }
                Op::IsOp => {
                    let b = f.pop();
                    let a = f.pop();
                    f.push(Value::Bool(a.is(&b) != (arg == 1)));
                }
                Op::ContainsOp => {
                    let b = f.pop();
                    let a = f.pop();
                    let r = self.contains(&b, &a)?;
                    f.push(Value::Bool(r != (arg == 1)));
                }
                Op::UnaryNegative => {
                    let v = f.pop();
                    let r = self.neg(&v)?;
                    f.push(r);
                }
                Op::UnaryPositive => {
                    let v = f.pop();
                    let r = self.pos(&v)?;
                    f.push(r);
                }
                Op::UnaryNot => {
                    let v = f.pop();
                    let t = self.truthy(&v)?;
                    f.push(Value::Bool(!t));
                }
                Op::UnaryInvert => {
                    let v = f.pop();
                    let r = self.invert(&v)?;
                    f.push(r);
                }
                Op::BuildTuple => {
                    let items = f.slots.split_off(f.slots.len() - arg as usize);
                    f.push(Value::tuple(items));
                }
                Op::BuildList => {
                    let items = f.slots.split_off(f.slots.len() - arg as usize);
                    f.push(Value::list(items));
                }
                Op::BuildSet => {
                    let items = f.slots.split_off(f.slots.len() - arg as usize);
                    let s = self.new_set(items)?;
                    f.push(s);
                }
                Op::BuildMap => {
                    let items = f.slots.split_off(f.slots.len() - 2 * arg as usize);
                    let d = Rc::new(PyDict::new());
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        self.dict_set(&d, k, v)?;
                    }
                    f.push(Value::Dict(d));
                }
                Op::BuildString => {
                    let items = f.slots.split_off(f.slots.len() - arg as usize);
                    let mut s = String::new();
                    for it in &items {
                        if let Value::Str(p) = it {
                            s.push_str(p.as_str());
                        }
                    }
                    f.push(Value::string(s));
                }
                Op::BuildSlice => {
                    let step = if arg == 3 { f.pop() } else { Value::None };
                    let stop = f.pop();
                    let start = f.pop();
                    f.push(Value::Slice(Rc::new(PySlice { start, stop, step })));
                }
                Op::ListAppend => {
                    let v = f.pop();
                    if let Value::List(l) = f.peek(arg as usize) {
                        l.items.borrow_mut().push(v);
                    }
                }
                Op::SetAdd => {
                    let v = f.pop();
                    let s = f.peek(arg as usize).clone();
                    self.set_add(&s, v)?;
                }
                Op::MapAdd => {
                    let v = f.pop();
                    let k = f.pop();
                    if let Value::Dict(d) = f.peek(arg as usize).clone() {
                        self.dict_set(&d, k, v)?;
                    }
                }
                Op::ListExtend => {
                    let it = f.pop();
                    let items = self.collect(&it)?;
                    if let Value::List(l) = f.peek(arg as usize) {
                        l.items.borrow_mut().extend(items);
                    }
                }
                Op::SetUpdate => {
                    let it = f.pop();
                    let items = self.collect(&it)?;
                    let s = f.peek(arg as usize).clone();
                    for v in items {
                        self.set_add(&s, v)?;
                    }
                }
                Op::DictUpdate | Op::DictMerge => {
                    let m = f.pop();
                    if let Value::Dict(d) = f.peek(arg as usize).clone() {
                        if let Err(e) = self.dict_update_from(&d, &m, op == Op::DictMerge) {
                            if op == Op::DictMerge {
                                let func = f.peek(arg as usize + 2).clone();
                                return Err(self.name_call_error(e, &func));
                            }
                            return Err(e);
                        }
                    }
                }
                Op::ListToTuple => {
                    let v = f.pop();
                    let items = match &v {
                        Value::List(l) => l.items.borrow().clone(),
                        _ => vec![],
                    };
                    f.push(Value::tuple(items));
                }
                Op::UnpackSequence => {
                    let seq = f.pop();
                    self.unpack_into(f, seq, arg as usize)?;
                }
                Op::UnpackEx => {
                    let seq = f.pop();
                    self.unpack_ex_into(f, seq, (arg & 0xff) as usize, (arg >> 8) as usize)?;
                }
                Op::FormatValue => {
                    let spec = if arg & format_value::HAS_SPEC != 0 {
                        f.pop()
                    } else {
                        Value::Null
                    };
                    let v = f.pop();
                    let v = match arg & format_value::CONV_MASK {
                        format_value::CONV_STR => Value::string(self.str_of(&v)?),
                        format_value::CONV_REPR => Value::string(self.repr(&v)?),
                        format_value::CONV_ASCII => {
                            let r = self.repr(&v)?;
                            Value::string(crate::text::repr::ascii_escape(&r))
                        }
                        _ => v,
                    };
                    let s = match (&v, &spec) {
                        (Value::Str(_), Value::Null) => v,
                        _ => {
                            let spec_s = match &spec {
                                Value::Str(s) => s.as_str().to_string(),
                                _ => String::new(),
                            };
                            Value::string(self.format(&v, &spec_s)?)
                        }
                    };
                    f.push(s);
                }
                Op::Jump => f.ip = arg as usize,
                Op::JumpBackward => {
                    f.ip = arg as usize;
                    // Loop work: each back-edge counts the instructions of the loop body, so
                    // a heavy body reaches the threshold in fewer iterations than a light one.
                    let n = co.backedges.get() + (ip + 1 - arg as usize) as u64;
                    co.backedges.set(n);
                    if n >= self.osr_work {
                        crate::jit_bridge::osr::on_backedge(self, f, ip)?; // OSR (cold)
                    }
                    if self.interrupt.load(std::sync::atomic::Ordering::Relaxed) {
                        self.interrupt
                            .store(false, std::sync::atomic::Ordering::Relaxed);
                        return Err(self.new_error("KeyboardInterrupt", ""));
                    }
                }
                Op::PopJumpIfFalse => {
                    let v = f.pop();
                    let t = match v {
                        Value::Bool(b) => b,
                        _ => self.truthy(&v)?,
                    };
                    if !t {
                        f.ip = arg as usize;
                    }
                }
                Op::PopJumpIfTrue => {
                    let v = f.pop();
                    let t = match v {
                        Value::Bool(b) => b,
                        _ => self.truthy(&v)?,
                    };
                    if t {
                        f.ip = arg as usize;
                    }
                }
                Op::PopJumpIfNone => {
                    if f.pop().is_none() {
                        f.ip = arg as usize;
                    }
                }
                Op::PopJumpIfNotNone => {
                    if !f.pop().is_none() {
                        f.ip = arg as usize;
                    }
                }
                Op::JumpIfFalseOrPop => {
                    let v = f.top().clone();
                    if !self.truthy(&v)? {
                        f.ip = arg as usize;
                    } else {
                        f.pop();
                    }
                }
                Op::JumpIfTrueOrPop => {
                    let v = f.top().clone();
                    if self.truthy(&v)? {
                        f.ip = arg as usize;
                    } else {
                        f.pop();
                    }
                }
                Op::GetIter => {
                    let v = f.pop();
                    let it = self.get_iter(&v)?;
                    f.push(it);
                }
                Op::ForIter => {
                    let next = match f.top() {
                        Value::Iter(it) => {
                            let mut k = it.kind.borrow_mut();
                            match &mut *k {
                                IterKind::Range {
                                    next, step, left, ..
                                } => {
                                    if *left > 0 {
                                        let v = *next;
                                        *next = next.wrapping_add(*step);
                                        *left -= 1;
                                        Some(Value::Int(v))
                                    } else {
                                        None
                                    }
                                }
                                IterKind::List(l, i) => {
                                    let items = l.items.borrow();
                                    if *i < items.len() {
                                        let v = items[*i].clone();
                                        *i += 1;
                                        Some(v)
                                    } else {
                                        None
                                    }
                                }
                                _ => {
                                    drop(k);
                                    let it = it.clone();
                                    self.builtin_iter_next(&it)?
                                }
                            }
                        }
                        other => {
                            let other = other.clone();
                            self.next(&other)?
                        }
                    };
                    match next {
                        Some(v) => f.push(v),
                        None => {
                            f.pop();
                            f.ip = arg as usize;
                        }
                    }
                }
                Op::Call => {
                    let n = arg as usize;
                    let len = f.slots.len();
                    let func = f.slots[len - n - 1].clone();
                    if n == 0 {
                        if let Value::Builtin(b) = &func {
                            if let Some(r) = self.frame_builtin(f, b.name.as_ref())? {
                                f.slots.truncate(len - 1);
                                f.push(r);
                                continue;
                            }
                        }
                    }
                    let r = self.call(&func, &f.slots[len - n..], &[])?;
                    f.slots.truncate(len - n - 1);
                    f.push(r);
                    if super::generators::has_pending_close() {
                        self.close_dropped_generators();
                    }
                }
                Op::CallMethod => {
                    let n = arg as usize;
                    let len = f.slots.len();
                    let meth = f.slots[len - n - 2].clone();
                    let r = if f.slots[len - n - 1].is_null() {
                        self.call(&meth, &f.slots[len - n..], &[])?
                    } else {
                        self.call(&meth, &f.slots[len - n - 1..], &[])?
                    };
                    f.slots.truncate(len - n - 2);
                    f.push(r);
                    if super::generators::has_pending_close() {
                        self.close_dropped_generators();
                    }
                }
                Op::CallKw | Op::CallMethodKw => {
                    let names = f.pop();
                    let names: Vec<Value> = match &names {
                        Value::Tuple(t) => t.items.to_vec(),
                        _ => vec![],
                    };
                    let n = arg as usize;
                    let nkw = names.len();
                    let len = f.slots.len();
                    let kwvals = f.slots.split_off(len - nkw);
                    let kwargs: Vec<_> = names
                        .iter()
                        .zip(kwvals)
                        .filter_map(|(k, v)| k.as_pystr().map(|k| (k.clone(), v)))
                        .collect();
                    let npos = n - nkw;
                    let len = f.slots.len();
                    let r = if op == Op::CallKw {
                        let func = f.slots[len - npos - 1].clone();
                        let r = self.call(&func, &f.slots[len - npos..], &kwargs)?;
                        f.slots.truncate(len - npos - 1);
                        r
                    } else {
                        let meth = f.slots[len - npos - 2].clone();
                        let r = if f.slots[len - npos - 1].is_null() {
                            self.call(&meth, &f.slots[len - npos..], &kwargs)?
                        } else {
                            self.call(&meth, &f.slots[len - npos - 1..], &kwargs)?
                        };
                        f.slots.truncate(len - npos - 2);
                        r
                    };
                    f.push(r);
                }
                Op::CallEx => {
                    let kw = if arg & 1 != 0 { f.pop() } else { Value::Null };
                    let args = f.pop();
                    let func = f.pop();
                    let args = match &args {
                        Value::Tuple(t) => t.items.to_vec(),
                        other => self.collect(other)?,
                    };
                    let kwargs = match &kw {
                        Value::Dict(d) => {
                            let mut out = Vec::new();
                            for (k, v) in d.map.borrow().items() {
                                match k {
                                    Value::Str(s) => out.push((s, v)),
                                    _ => {
                                        return Err(
                                            self.new_error("TypeError", "keywords must be strings")
                                        )
                                    }
                                }
                            }
                            out
                        }
                        _ => vec![],
                    };
                    let r = self.call(&func, &args, &kwargs)?;
                    f.push(r);
                }
                Op::MakeFunction => {
                    let code = f.pop();
                    let closure = if arg & make_function::CLOSURE != 0 {
                        f.pop()
                    } else {
                        Value::Null
                    };
                    let annotations = if arg & make_function::ANNOTATIONS != 0 {
                        f.pop()
                    } else {
                        Value::None
                    };
                    let kwdefaults = if arg & make_function::KWDEFAULTS != 0 {
                        f.pop()
                    } else {
                        Value::Null
                    };
                    let defaults = if arg & make_function::DEFAULTS != 0 {
                        f.pop()
                    } else {
                        Value::Null
                    };
                    let func =
                        self.make_function(f, code, closure, annotations, kwdefaults, defaults)?;
                    f.push(func);
                }
                Op::ReturnValue => {
                    let v = f.pop();
                    return Ok(Exit::Return(v));
                }
                Op::LoadBuildClass => {
                    let v = self
                        .builtins
                        .get_by_str("__build_class__")
                        .unwrap_or(Value::None);
                    f.push(v);
                }
                Op::SetupAnnotations => {
                    let key = self.intern("__annotations__");
                    let ns = f.locals.clone().unwrap_or_else(|| f.globals.clone());
                    if ns.get_str(&key).is_none() {
                        ns.set_str(&key, Value::Dict(Rc::new(PyDict::new())));
                    }
                }
                Op::PrintExpr => {
                    let v = f.pop();
                    if !v.is_none() {
                        let r = self.repr(&v)?;
                        self.write_stdout(&r);
                        self.write_stdout("\n");
                        self.builtins.set_by_str("_", v);
                    }
                }
                Op::YieldValue => {
                    let v = f.pop();
                    return Ok(Exit::Yield(v));
                }
                Op::GetYieldFromIter => {
                    let v = f.pop();
                    let it = match v {
                        Value::Generator(_) => v,
                        _ => self.get_iter(&v)?,
                    };
                    f.push(it);
                }
                Op::Send => {
                    let v = f.pop();
                    let it = f.top().clone();
                    match self.send_to(&it, v)? {
                        super::generators::SendResult::Yielded(y) => f.push(y),
                        super::generators::SendResult::Returned(r) => {
                            f.pop();
                            f.push(r);
                            f.ip = arg as usize;
                        }
                    }
                }
                Op::RaiseVarargs => {
                    return Err(match arg {
                        0 => {
                            let cur = self.handled_exc.clone();
                            match cur {
                                Value::Instance(i) => {
                                    self.reraising = true;
                                    PyErr(i)
                                }
                                _ => {
                                    self.new_error("RuntimeError", "No active exception to reraise")
                                }
                            }
                        }
                        1 => {
                            let exc = f.pop();
                            self.make_raise(exc, None)?
                        }
                        _ => {
                            let cause = f.pop();
                            let exc = f.pop();
                            self.make_raise(exc, Some(cause))?
                        }
                    });
                }
                Op::Reraise => {
                    // The handler lookup uses this instruction's own index (CPython's
                    // INSTR_OFFSET); the saved lasti only matters for tracebacks, whose entry
                    // for this frame was recorded when the exception was first raised.
                    let exc = f.pop();
                    return Err(match exc {
                        Value::Instance(i) => {
                            self.reraising = true;
                            PyErr(i)
                        }
                        _ => self.new_error("SystemError", "bad exception for RERAISE"),
                    });
                }
                Op::PushExcInfo => {
                    let exc = f.pop();
                    let prev = std::mem::replace(&mut self.handled_exc, exc.clone());
                    f.push(prev);
                    f.push(exc);
                }
                Op::PopExcept => {
                    self.handled_exc = f.pop();
                }
                Op::CheckExcMatch => {
                    let ty = f.pop();
                    let exc = f.top().clone();
                    let r = self.exception_matches_value(&exc, &ty)?;
                    f.push(Value::Bool(r));
                }
                Op::LoadAssertionError => {
                    let c = self.types.exc("AssertionError");
                    f.push(Value::Class(c));
                }
                Op::BeforeWith => {
                    let mgr = f.pop();
                    let (exit, entered) = self.before_with(&mgr)?;
                    f.push(exit);
                    f.push(entered);
                }
                Op::WithExceptStart => {
                    let exc = f.peek(1).clone();
                    let exit = f.peek(4).clone();
                    let ty = Value::Class(self.type_of(&exc));
                    let tb = Value::None;
                    let r = self.call(&exit, &[ty, exc, tb], &[])?;
                    f.push(r);
                }
                Op::ImportName => {
                    let fromlist = f.pop();
                    let level = f.pop();
                    let name = co.names[arg as usize].clone();
                    let m = self.import_name(&name, &fromlist, &level, &f.globals)?;
                    f.push(m);
                }
                Op::ImportFrom => {
                    let m = f.top().clone();
                    let v = self.import_from(&m, &co.names[arg as usize])?;
                    f.push(v);
                }
                Op::ImportStar => {
                    let m = f.pop();
                    let ns = f.locals.clone().unwrap_or_else(|| f.globals.clone());
                    self.import_star(&m, &ns)?;
                }
            }
        }
    }

    /// Float arithmetic fast path (`+ - * /` inline, the rest through `binary_op`).
    #[inline(always)]
    fn float_binop(&mut self, x: f64, y: f64, arg: u32) -> PyResult<Value> {
        Ok(match arg & !BinOp::INPLACE {
            0 => Value::Float(x + y),
            1 => Value::Float(x - y),
            2 => Value::Float(x * y),
            3 if y != 0.0 => Value::Float(x / y),
            _ => self.binary_op(&Value::Float(x), &Value::Float(y), arg)?,
        })
    }

    /// `locals()`, `globals()`, `vars()` and `dir()` without arguments read the calling frame.
    #[cold]
    fn frame_builtin(&mut self, f: &Frame, name: &str) -> PyResult<Option<Value>> {
        match name {
            "globals" => Ok(Some(Value::Dict(f.globals.clone()))),
            "locals" | "vars" | "dir" => {
                let d = match &f.locals {
                    Some(l) => l.clone(),
                    None => {
                        let d = Rc::new(PyDict::new());
                        for (i, n) in f.code.varnames.iter().enumerate() {
                            if !f.slots[i].is_null() {
                                d.set_str(n, f.slots[i].clone());
                            }
                        }
                        let nvar = f.code.varnames.len();
                        for i in 0..f.code.nlocalsplus - nvar {
                            if let Value::Cell(c) = &f.slots[nvar + i] {
                                let v = c.value.borrow().clone();
                                if !v.is_null() {
                                    if let Some(name) = f.code.code.deref_name(i as u32) {
                                        d.set_by_str(name, v);
                                    }
                                }
                            }
                        }
                        d
                    }
                };
                if name == "dir" {
                    let mut keys = d.map.borrow().keys();
                    self.sort_values(&mut keys, None, false)?;
                    return Ok(Some(Value::list(keys)));
                }
                Ok(Some(Value::Dict(d)))
            }
            _ => Ok(None),
        }
    }

    #[cold]
    fn load_global_slow(
        &mut self,
        f: &Frame,
        co: &super::code_obj::CodeObj,
        arg: u32,
    ) -> PyResult<Value> {
        let name = &co.names[arg as usize];
        let cache = &co.global_cache[arg as usize];
        let h = name.hash();
        let matches = |k: &Value| matches!(k, Value::Str(s) if s.s == name.s);
        {
            let g = f.globals.map.borrow();
            if let Some(i) = g.find(h, matches) {
                cache.set(super::code_obj::GlobalCache {
                    globals_version: g.version,
                    builtins_version: 0,
                    index: i as u32,
                    in_builtins: false,
                });
                return Ok(g.entry_at(i).map(|e| e.value.clone()).unwrap_or_default());
            }
            let b = self.builtins.map.borrow();
            if let Some(i) = b.find(h, matches) {
                cache.set(super::code_obj::GlobalCache {
                    globals_version: g.version,
                    builtins_version: b.version,
                    index: i as u32,
                    in_builtins: true,
                });
                return Ok(b.entry_at(i).map(|e| e.value.clone()).unwrap_or_default());
            }
        }
        Err(self.name_error_in(f, name.as_str()))
    }

    fn cell_of(&self, f: &Frame, arg: u32) -> Rc<PyCell> {
        match &f.slots[f.code.varnames.len() + arg as usize] {
            Value::Cell(c) => c.clone(),
            _ => Rc::new(PyCell {
                value: std::cell::RefCell::new(Value::Null),
            }),
        }
    }

    /// Prefixes a `**`-merge TypeError with the called function (`__main__.f() got ...`).
    #[cold]
    fn name_call_error(&mut self, e: PyErr, func: &Value) -> PyErr {
        if !self.exc_matches(&e, "TypeError") {
            return e;
        }
        let msg = self
            .exception_str(&Value::Instance(e.0.clone()))
            .unwrap_or_default();
        let fname = match func {
            Value::Function(fun) => {
                let q = match &*fun.qualname.borrow() {
                    Value::Str(s) => s.as_str().to_string(),
                    _ => fun.code.code.qualname.to_string(),
                };
                match &*fun.module.borrow() {
                    Value::Str(m) => format!("{}.{q}()", m.as_str()),
                    _ => format!("{q}()"),
                }
            }
            Value::Builtin(b) => format!("{}()", b.name.rsplit('.').next().unwrap_or(&b.name)),
            other => format!("{}()", self.type_name(other)),
        };
        self.new_error("TypeError", &format!("{fname} {msg}"))
    }

    #[cold]
    fn unbound_deref(&mut self, f: &Frame, arg: u32) -> PyErr {
        let name = f
            .code
            .code
            .deref_name(arg)
            .cloned()
            .unwrap_or_else(|| "?".into());
        if (arg as usize) < f.code.ncells {
            self.unbound_local_str(&name)
        } else {
            self.new_error(
                "NameError",
                &format!(
                    "cannot access free variable '{name}' where it is not associated with a value in enclosing scope"
                ),
            )
        }
    }

    #[cold]
    fn unbound_local(&mut self, name: &crate::runtime::value::PyStr) -> PyErr {
        self.unbound_local_str(name.as_str())
    }
    #[cold]
    fn unbound_local_str(&mut self, name: &str) -> PyErr {
        self.new_error(
            "UnboundLocalError",
            &format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        )
    }
    /// NameError raised in frame `f`, with CPython's "Did you mean" computed from the frame.
    #[cold]
    pub fn name_error_in(&mut self, f: &Frame, name: &str) -> PyErr {
        let e = self.name_error(name);
        let locals: Vec<String> = match &f.locals {
            Some(_) => vec![],
            None => f
                .code
                .varnames
                .iter()
                .map(|n| n.as_str().to_string())
                .collect(),
        };
        let globals = f.globals.clone();
        let s = self.name_suggestion(&locals, &globals, name);
        if let Some(d) = &e.0.exc {
            d.borrow_mut().suggestion = s;
        }
        e
    }

    #[cold]
    pub fn name_error(&mut self, name: &str) -> PyErr {
        let e = self.new_error("NameError", &format!("name '{name}' is not defined"));
        let key = self.intern("name");
        e.0.dict.set_str(&key, Value::str(name));
        e
    }

    fn make_function(
        &mut self,
        f: &Frame,
        code: Value,
        closure: Value,
        annotations: Value,
        kwdefaults: Value,
        defaults: Value,
    ) -> PyResult<Value> {
        let Value::Code(code) = code else {
            return Err(self.new_error("SystemError", "MAKE_FUNCTION without a code object"));
        };
        let closure: Box<[Rc<PyCell>]> = match &closure {
            Value::Tuple(t) => t
                .items
                .iter()
                .filter_map(|c| match c {
                    Value::Cell(c) => Some(c.clone()),
                    _ => None,
                })
                .collect(),
            _ => Box::new([]),
        };
        let defaults = match &defaults {
            Value::Tuple(t) => t.items.to_vec(),
            _ => vec![],
        };
        let kwdefaults = match kwdefaults {
            Value::Dict(d) => Some(d),
            _ => None,
        };
        let doc = if code.code.flags & crate::compiler::code::flags::OPTIMIZED != 0 {
            match code.consts.first() {
                Some(v @ Value::Str(_)) => v.clone(),
                _ => Value::None,
            }
        } else {
            Value::None
        };
        let module = f.globals.get_by_str("__name__").unwrap_or(Value::None);
        let name = Value::string(code.code.name.to_string());
        let qualname = Value::string(code.code.qualname.to_string());
        Ok(Value::Function(Rc::new(Function {
            code,
            globals: f.globals.clone(),
            name: name.into(),
            qualname: qualname.into(),
            defaults: defaults.into(),
            kwdefaults: kwdefaults.into(),
            closure,
            doc: doc.into(),
            module: module.into(),
            annotations: annotations.into(),
            dict: None.into(),
            calls: 0.into(),
        })))
    }

    /// Pushes the n items of `seq`, first on top.
    fn unpack_into(&mut self, f: &mut Frame, seq: Value, n: usize) -> PyResult<()> {
        let items: Vec<Value> = match &seq {
            Value::Tuple(t) if t.items.len() == n => {
                f.slots.extend(t.items.iter().rev().cloned());
                return Ok(());
            }
            Value::List(l) if l.items.borrow().len() == n => {
                f.slots.extend(l.items.borrow().iter().rev().cloned());
                return Ok(());
            }
            _ => {
                let it = match self.get_iter(&seq) {
                    Ok(it) => it,
                    Err(e)
                        if self.exc_matches(&e, "TypeError")
                            && !matches!(seq, Value::Instance(_)) =>
                    {
                        let t = self.type_name(&seq);
                        return Err(self.new_error(
                            "TypeError",
                            &format!("cannot unpack non-iterable {t} object"),
                        ));
                    }
                    Err(e) => return Err(e),
                };
                let mut items = Vec::with_capacity(n);
                while let Some(v) = self.next(&it)? {
                    if items.len() == n {
                        return Err(self.new_error(
                            "ValueError",
                            &format!("too many values to unpack (expected {n})"),
                        ));
                    }
                    items.push(v);
                }
                items
            }
        };
        if items.len() != n {
            let got = items.len();
            if got > n {
                return Err(self.new_error(
                    "ValueError",
                    &format!("too many values to unpack (expected {n})"),
                ));
            }
            return Err(self.new_error(
                "ValueError",
                &format!("not enough values to unpack (expected {n}, got {got})"),
            ));
        }
        f.slots.extend(items.into_iter().rev());
        Ok(())
    }

    fn unpack_ex_into(
        &mut self,
        f: &mut Frame,
        seq: Value,
        before: usize,
        after: usize,
    ) -> PyResult<()> {
        let items = self.collect(&seq)?;
        if items.len() < before + after {
            return Err(self.new_error(
                "ValueError",
                &format!(
                    "not enough values to unpack (expected at least {}, got {})",
                    before + after,
                    items.len()
                ),
            ));
        }
        let mid_end = items.len() - after;
        let mut out: Vec<Value> = Vec::with_capacity(before + after + 1);
        out.extend(items[..before].iter().cloned());
        out.push(Value::list(items[before..mid_end].to_vec()));
        out.extend(items[mid_end..].iter().cloned());
        f.slots.extend(out.into_iter().rev());
        Ok(())
    }
}

/// Key of the per-instruction attribute caches: the instance's class and the global type
/// version (any class change invalidates every entry).
#[inline]
fn attr_cache_key(inst: &crate::runtime::objects::Instance) -> (usize, u64) {
    (
        Rc::as_ptr(&inst.class) as usize,
        crate::runtime::objects::type_version(),
    )
}
