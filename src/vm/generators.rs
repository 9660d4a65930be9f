//! Generators: resuming a suspended frame with `next`/`send`/`throw`/`close`, delegation for
//! `yield from` (forwarding `throw`/`close` to the sub-iterator), and StopIteration values.

use std::rc::Rc;

use crate::compiler::opcode::Op;
use crate::runtime::objects::{GenState, Generator};
use crate::runtime::value::Value;

use super::eval::Exit;
use super::{PyErr, PyResult, Vm};

pub enum SendResult {
    Yielded(Value),
    Returned(Value),
}

impl Vm {
    pub fn gen_next(&mut self, g: &Rc<Generator>) -> PyResult<Option<Value>> {
        match self.gen_resume(g, Value::None, None)? {
            SendResult::Yielded(v) => Ok(Some(v)),
            SendResult::Returned(_) => Ok(None),
        }
    }

    /// Resumes a generator with a sent value, or with an exception thrown in at the yield.
    pub fn gen_resume(
        &mut self,
        g: &Rc<Generator>,
        sent: Value,
        throw: Option<PyErr>,
    ) -> PyResult<SendResult> {
        match g.state.get() {
            GenState::Running => {
                return Err(self.new_error("ValueError", "generator already executing"))
            }
            GenState::Finished => {
                return match throw {
                    Some(e) => Err(e),
                    None => Ok(SendResult::Returned(Value::None)),
                }
            }
            GenState::Created => {
                if throw.is_none() && !sent.is_none() {
                    return Err(self.new_error(
                        "TypeError",
                        "can't send non-None value to a just-started generator",
                    ));
                }
            }
            GenState::Suspended => {}
        }
        let Some(mut frame) = g.frame.borrow_mut().take() else {
            return Ok(SendResult::Returned(Value::None));
        };
        let was_created = g.state.get() == GenState::Created;
        g.state.set(GenState::Running);
        if let Err(e) = self.enter() {
            *g.frame.borrow_mut() = Some(frame);
            g.state.set(if was_created {
                GenState::Created
            } else {
                GenState::Suspended
            });
            return Err(e);
        }
        let saved_exc = self.handled_exc.clone();
        let result = match throw {
            Some(err) => {
                // Delegate to a sub-iterator of `yield from` first.
                match self.throw_into_delegate(&mut frame, err) {
                    Ok(Some(y)) => Ok(Exit::Yield(y)),
                    Ok(None) => self.run_frame(&mut frame),
                    Err(err) => {
                        if was_created {
                            Err(err)
                        } else {
                            match self.unwind(&mut frame, err) {
                                Ok(()) => self.run_frame(&mut frame),
                                Err(e) => Err(e),
                            }
                        }
                    }
                }
            }
            None => {
                if !was_created {
                    frame.push(sent);
                }
                self.run_frame(&mut frame)
            }
        };
        self.handled_exc = saved_exc;
        self.leave();
        match result {
            Ok(Exit::Yield(v)) => {
                *g.frame.borrow_mut() = Some(frame);
                g.state.set(GenState::Suspended);
                Ok(SendResult::Yielded(v))
            }
            Ok(Exit::Return(v)) => {
                g.state.set(GenState::Finished);
                Ok(SendResult::Returned(v))
            }
            Err(e) => {
                g.state.set(GenState::Finished);
                // A StopIteration escaping a generator becomes RuntimeError (PEP 479).
                if self.exc_matches(&e, "StopIteration") {
                    let re = self.new_error("RuntimeError", "generator raised StopIteration");
                    if let Some(d) = &re.0.exc {
                        let mut d = d.borrow_mut();
                        d.cause = Value::Instance(e.0.clone());
                        d.context = Value::Instance(e.0.clone());
                        d.suppress_context = true;
                    }
                    return Err(re);
                }
                Err(e)
            }
        }
    }

    /// If the frame is suspended in `yield from`, throws `err` into the sub-iterator.
    /// `Ok(Some(v))`: the sub-iterator yielded v (stay suspended). `Ok(None)`: it returned and
    /// the frame was advanced past the delegation. `Err`: raise in the frame.
    fn throw_into_delegate(
        &mut self,
        frame: &mut super::frame::Frame,
        err: PyErr,
    ) -> PyResult<Option<Value>> {
        let code = frame.code.clone();
        let yield_ip = frame.ip.wrapping_sub(1);
        let is_delegating = matches!(code.code.instrs.get(yield_ip), Some(i) if i.op == Op::YieldValue && i.arg == 1);
        if !is_delegating {
            return Err(err);
        }
        let sub = frame.top().clone();
        let is_exit = self.exc_matches(&err, "GeneratorExit");
        let r = match &sub {
            Value::Generator(sg) => {
                let sg = sg.clone();
                if is_exit {
                    self.gen_close(&sg)?;
                    return Err(err);
                }
                self.gen_resume(&sg, Value::None, Some(err))
            }
            _ => {
                let meth = if is_exit { "close" } else { "throw" };
                match self.get_attr_opt(&sub, meth)? {
                    Some(m) => {
                        if is_exit {
                            self.call(&m, &[], &[])?;
                            return Err(err);
                        }
                        match self.call(&m, &[Value::Instance(err.0.clone())], &[]) {
                            Ok(v) => Ok(SendResult::Yielded(v)),
                            Err(e) if self.exc_matches(&e, "StopIteration") => {
                                let v = self.stop_iteration_value(&e);
                                Ok(SendResult::Returned(v))
                            }
                            Err(e) => Err(e),
                        }
                    }
                    None => return Err(err),
                }
            }
        };
        match r {
            Ok(SendResult::Yielded(v)) => Ok(Some(v)),
            Ok(SendResult::Returned(v)) => {
                // Finish the delegation: the next instruction jumps back to Send; its target
                // is where execution continues with the return value.
                frame.pop();
                frame.push(v);
                let send_ip = match code.code.instrs.get(frame.ip) {
                    Some(j) => j.arg as usize,
                    None => frame.ip,
                };
                frame.ip = match code.code.instrs.get(send_ip) {
                    Some(s) if s.op == Op::Send => s.arg as usize,
                    _ => frame.ip,
                };
                Ok(None)
            }
            Err(e) => {
                // The exception propagates at the yield: pop the sub-iterator first.
                Err(e)
            }
        }
    }

    /// The `value` of a StopIteration.
    pub fn stop_iteration_value(&mut self, e: &PyErr) -> Value {
        match e.0.exc.as_ref().map(|d| d.borrow().args.clone()) {
            Some(Value::Tuple(t)) if !t.items.is_empty() => t.items[0].clone(),
            _ => Value::None,
        }
    }

    /// `Send`: sends into a generator or calls `__next__`/`send` on another iterator.
    pub fn send_to(&mut self, it: &Value, v: Value) -> PyResult<SendResult> {
        match it {
            Value::Generator(g) => {
                let g = g.clone();
                self.gen_resume(&g, v, None)
            }
            _ => {
                if v.is_none() {
                    match self.next_with_value(it)? {
                        Ok(y) => Ok(SendResult::Yielded(y)),
                        Err(r) => Ok(SendResult::Returned(r)),
                    }
                } else {
                    match self.call_method(it, "send", &[v]) {
                        Ok(y) => Ok(SendResult::Yielded(y)),
                        Err(e) if self.exc_matches(&e, "StopIteration") => {
                            Ok(SendResult::Returned(self.stop_iteration_value(&e)))
                        }
                        Err(e) => Err(e),
                    }
                }
            }
        }
    }

    /// Like `next`, but keeps a StopIteration's value: `Ok(Err(value))` when exhausted.
    pub(crate) fn next_with_value(&mut self, it: &Value) -> PyResult<Result<Value, Value>> {
        match it {
            Value::Iter(i) => {
                let i = i.clone();
                Ok(self.builtin_iter_next(&i)?.ok_or(Value::None))
            }
            _ => {
                let Some(m) = self.lookup_special(it, "__next__") else {
                    let t = self.type_name(it);
                    return Err(
                        self.new_error("TypeError", &format!("'{t}' object is not an iterator"))
                    );
                };
                match self.call_special(&m, it, &[]) {
                    Ok(v) => Ok(Ok(v)),
                    Err(e) if self.exc_matches(&e, "StopIteration") => {
                        Ok(Err(self.stop_iteration_value(&e)))
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// `gen.send(v)`: raises StopIteration(value) when the generator returns.
    pub fn gen_send(&mut self, g: &Rc<Generator>, v: Value) -> PyResult<Value> {
        match self.gen_resume(g, v, None)? {
            SendResult::Yielded(y) => Ok(y),
            SendResult::Returned(r) => Err(self.stop_iteration(r)),
        }
    }

    pub fn stop_iteration(&mut self, value: Value) -> PyErr {
        let cls = self.types.exc("StopIteration");
        let args = if value.is_none() { vec![] } else { vec![value] };
        self.new_exception(&cls, args)
    }

    /// `gen.throw(exc)`.
    pub fn gen_throw(&mut self, g: &Rc<Generator>, exc: Value) -> PyResult<Value> {
        let err = self.make_raise(exc, None)?;
        match self.gen_resume(g, Value::None, Some(err))? {
            SendResult::Yielded(y) => Ok(y),
            SendResult::Returned(r) => Err(self.stop_iteration(r)),
        }
    }

    /// `gen.close()`: throws GeneratorExit; a yield in response is a RuntimeError.
    pub fn gen_close(&mut self, g: &Rc<Generator>) -> PyResult<Value> {
        match g.state.get() {
            GenState::Created => {
                g.state.set(GenState::Finished);
                g.frame.borrow_mut().take();
                return Ok(Value::None);
            }
            GenState::Finished => return Ok(Value::None),
            _ => {}
        }
        let err = self.new_error("GeneratorExit", "");
        match self.gen_resume(g, Value::None, Some(err)) {
            Ok(SendResult::Yielded(_)) => {
                Err(self.new_error("RuntimeError", "generator ignored GeneratorExit"))
            }
            Ok(SendResult::Returned(_)) => Ok(Value::None),
            Err(e)
                if self.exc_matches(&e, "GeneratorExit")
                    || self.exc_matches(&e, "StopIteration") =>
            {
                Ok(Value::None)
            }
            Err(e) => Err(e),
        }
    }
}

/// Registers the methods of generators and builtin iterators.
pub fn init_methods(vm: &mut Vm) {
    use crate::runtime::types::{add_method, check_args};
    let gen = vm.types.generator.clone();
    add_method(&gen, "send", |vm, a, _| {
        check_args(vm, "send", &a[1..], 1, 1)?;
        let Value::Generator(g) = &a[0] else {
            return Ok(Value::None);
        };
        let g = g.clone();
        vm.gen_send(&g, a[1].clone())
    });
    add_method(&gen, "throw", |vm, a, _| {
        check_args(vm, "throw", &a[1..], 1, 3)?;
        let Value::Generator(g) = &a[0] else {
            return Ok(Value::None);
        };
        let g = g.clone();
        let exc = match (&a[1], a.get(2)) {
            (Value::Class(c), Some(v)) if !v.is_none() => {
                let c = c.clone();
                let args = match v {
                    Value::Tuple(t) => t.items.to_vec(),
                    other => vec![other.clone()],
                };
                vm.call_class(&c, &args, &[])?
            }
            (v, _) => v.clone(),
        };
        vm.gen_throw(&g, exc)
    });
    add_method(&gen, "close", |vm, a, _| {
        let Value::Generator(g) = &a[0] else {
            return Ok(Value::None);
        };
        let g = g.clone();
        vm.gen_close(&g)
    });
    add_method(&gen, "__next__", |vm, a, _| {
        let Value::Generator(g) = &a[0] else {
            return Ok(Value::None);
        };
        let g = g.clone();
        match vm.gen_resume(&g, Value::None, None)? {
            SendResult::Yielded(v) => Ok(v),
            SendResult::Returned(r) => Err(vm.stop_iteration(r)),
        }
    });
    add_method(&gen, "__iter__", |_, a, _| Ok(a[0].clone()));
    let it = vm.types.iterator.clone();
    add_method(&it, "__next__", |vm, a, _| match vm.next(&a[0])? {
        Some(v) => Ok(v),
        None => Err(vm.new_error("StopIteration", "")),
    });
    add_method(&it, "__iter__", |_, a, _| Ok(a[0].clone()));
}

thread_local! {
    /// Frames of suspended generators that were dropped inside a `try`/`with`: CPython closes
    /// a generator when its last reference goes, running its `finally` blocks. Drop cannot
    /// reach the VM, so the frame waits here until the eval loop's next safe point.
    // Frames arrive boxed from their generator and stay boxed (no move of a large struct).
    #[allow(clippy::vec_box)]
    static PENDING_CLOSE: std::cell::RefCell<Vec<Box<super::frame::Frame>>> = const { std::cell::RefCell::new(Vec::new()) };
    static HAS_PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl Drop for Generator {
    fn drop(&mut self) {
        if self.state.get() != GenState::Suspended {
            return;
        }
        let Some(frame) = self.frame.get_mut().take() else {
            return;
        };
        let at = frame.ip.wrapping_sub(1) as u32;
        if frame.code.code.handler_for(at).is_none() {
            return;
        }
        let _ = PENDING_CLOSE.try_with(|p| {
            if let Ok(mut p) = p.try_borrow_mut() {
                p.push(frame);
                let _ = HAS_PENDING.try_with(|h| h.set(true));
            }
        });
    }
}

/// Whether dropped generators wait to be closed (checked at the eval loop's safe points).
#[inline(always)]
pub fn has_pending_close() -> bool {
    HAS_PENDING.with(|h| h.get())
}

impl Vm {
    /// Closes generators dropped while suspended in a `try`, as CPython's finalizer does.
    #[cold]
    pub fn close_dropped_generators(&mut self) {
        loop {
            let frames: Vec<Box<super::frame::Frame>> =
                PENDING_CLOSE.with(|p| std::mem::take(&mut *p.borrow_mut()));
            HAS_PENDING.with(|h| h.set(false));
            if frames.is_empty() {
                return;
            }
            for frame in frames {
                let name: Rc<str> = frame.code.code.name.clone();
                let qualname: Rc<str> = frame.code.code.qualname.clone();
                let g = Rc::new(Generator {
                    frame: std::cell::RefCell::new(Some(frame)),
                    state: std::cell::Cell::new(GenState::Suspended),
                    name,
                    qualname,
                });
                if let Err(e) = self.gen_close(&g) {
                    // CPython reports and ignores errors of finalizers.
                    self.flush_stdout();
                    let text = self.format_exception(&e);
                    eprint!(
                        "Exception ignored in: <generator object {} at {:#x}>\n{text}",
                        g.qualname,
                        Rc::as_ptr(&g) as usize
                    );
                }
            }
        }
    }
}
