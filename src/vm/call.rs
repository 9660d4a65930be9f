//! Calls: dispatch on the callable's kind, argument binding for Python functions (CPython's
//! rules and error messages), frame setup with cells, and class instantiation.

use std::rc::Rc;

use crate::compiler::code::flags;
use crate::runtime::dict::PyDict;
use crate::runtime::objects::{
    BaseKind, Class, Function, GenState, Generator, Instance, Kwargs, PyCell,
};
use crate::runtime::value::Value;

use super::eval::Exit;
use super::frame::Frame;
use super::{PyErr, PyResult, Vm};

impl Vm {
    /// Calls any callable with positional arguments and keyword arguments.
    pub fn call(&mut self, callable: &Value, args: &[Value], kw: Kwargs) -> PyResult<Value> {
        match callable {
            Value::Function(f) => self.call_function(f, args, kw),
            Value::Builtin(b) => (b.func)(self, args, kw),
            Value::BoundMethod(m) => {
                let mut v = Vec::with_capacity(args.len() + 1);
                v.push(m.self_.clone());
                v.extend_from_slice(args);
                let func = m.func.clone();
                self.call(&func, &v, kw)
            }
            Value::Class(c) => self.call_class(c, args, kw),
            Value::Instance(_) | Value::Native(_) => {
                let cls = self.type_of(callable);
                match self.lookup_in(&cls, "__call__") {
                    Some(m) => {
                        let mut v = Vec::with_capacity(args.len() + 1);
                        v.push(callable.clone());
                        v.extend_from_slice(args);
                        self.enter()?;
                        let r = self.call(&m, &v, kw);
                        self.leave();
                        r
                    }
                    None => Err(self.not_callable(callable)),
                }
            }
            Value::StaticMethod(inner) => {
                let inner = (**inner).clone();
                self.call(&inner, args, kw)
            }
            _ => Err(self.not_callable(callable)),
        }
    }

    #[cold]
    fn not_callable(&mut self, v: &Value) -> PyErr {
        let t = self.type_name(v);
        self.new_error("TypeError", &format!("'{t}' object is not callable"))
    }

    /// Calls a Python function: binds arguments into a new frame and runs it (or returns a
    /// generator for generator functions).
    pub fn call_function(
        &mut self,
        func: &Rc<Function>,
        args: &[Value],
        kw: Kwargs,
    ) -> PyResult<Value> {
        let ncalls = func.calls.get().wrapping_add(1);
        func.calls.set(ncalls);
        if ncalls >= self.jit_threshold
            || func.code.backedges.get() >= crate::jit_bridge::LOOP_THRESHOLD
        {
            if let Some(r) = crate::jit_bridge::hot_call(self, func, args, kw) {
                return r;
            }
        }
        let co = &func.code;
        let code = &co.code;
        // Pooled buffers are returned empty (see `recycle`).
        let mut slots = self.frame_pool.pop().unwrap_or_default();
        slots.reserve(co.nlocalsplus + code.max_stack as usize);
        let simple = kw.is_empty()
            && args.len() == code.argcount as usize
            && code.flags & (flags::VARARGS | flags::VARKEYWORDS) == 0
            && code.kwonlyargcount == 0;
        if simple {
            for a in args {
                slots.push(a.clone());
            }
            for _ in args.len()..co.nlocalsplus {
                slots.push(Value::Null);
            }
        } else {
            slots.resize(co.nlocalsplus, Value::Null);
            if let Err(e) = self.bind_args(func, args, kw, &mut slots) {
                self.recycle(slots);
                return Err(e);
            }
        }
        let nvar = code.varnames.len();
        for i in 0..co.ncells {
            let init = match code.cell2arg.get(i).copied().flatten() {
                Some(a) => std::mem::take(&mut slots[a as usize]),
                None => Value::Null,
            };
            slots[nvar + i] = Value::Cell(Rc::new(PyCell {
                value: std::cell::RefCell::new(init),
            }));
        }
        for (i, c) in func.closure.iter().enumerate() {
            slots[nvar + co.ncells + i] = Value::Cell(c.clone());
        }
        let mut frame = Frame {
            code: co.clone(),
            slots,
            ip: 0,
            lasti: 0,
            globals: func.globals.clone(),
            locals: None,
        };
        if code.is_generator() {
            let name = match &*func.name.borrow() {
                Value::Str(s) => s.as_str().into(),
                _ => code.name.clone(),
            };
            let qualname = match &*func.qualname.borrow() {
                Value::Str(s) => s.as_str().into(),
                _ => code.qualname.clone(),
            };
            return Ok(Value::Generator(Rc::new(Generator {
                frame: std::cell::RefCell::new(Some(Box::new(frame))),
                state: std::cell::Cell::new(GenState::Created),
                name,
                qualname,
            })));
        }
        self.enter()?;
        self.call_note = None;
        let r = self.run_frame(&mut frame);
        self.leave();
        self.recycle(std::mem::take(&mut frame.slots));
        match r {
            Ok(Exit::Return(v)) => Ok(v),
            Ok(Exit::Yield(_)) => Err(self.new_error("SystemError", "yield outside a generator")),
            Err(e) => Err(e),
        }
    }

    #[inline]
    fn recycle(&mut self, mut slots: Vec<Value>) {
        if self.frame_pool.len() < 256 {
            // Scalars have no drop glue: skip the out-of-line drop call for them.
            while let Some(v) = slots.pop() {
                match v {
                    Value::Int(_)
                    | Value::Float(_)
                    | Value::Bool(_)
                    | Value::None
                    | Value::Null => {}
                    other => drop(other),
                }
            }
            self.frame_pool.push(slots);
        }
    }

    /// Runs a module or class body code object with a locals mapping.
    pub fn run_code(
        &mut self,
        code: &Rc<crate::vm::code_obj::CodeObj>,
        globals: Rc<PyDict>,
        locals: Option<Rc<PyDict>>,
        closure: &[Rc<PyCell>],
    ) -> PyResult<Value> {
        let mut slots = Vec::with_capacity(code.nlocalsplus + code.code.max_stack as usize);
        slots.resize(code.nlocalsplus, Value::Null);
        let nvar = code.code.varnames.len();
        for i in 0..code.ncells {
            slots[nvar + i] = Value::Cell(Rc::new(PyCell {
                value: std::cell::RefCell::new(Value::Null),
            }));
        }
        for (i, c) in closure.iter().enumerate() {
            if nvar + code.ncells + i < slots.len() {
                slots[nvar + code.ncells + i] = Value::Cell(c.clone());
            }
        }
        let mut frame = Frame {
            code: code.clone(),
            slots,
            ip: 0,
            lasti: 0,
            globals,
            locals,
        };
        self.enter()?;
        let r = self.run_frame(&mut frame);
        self.leave();
        if super::generators::has_pending_close() {
            self.close_dropped_generators();
        }
        match r? {
            Exit::Return(v) => Ok(v),
            Exit::Yield(_) => Err(self.new_error("SyntaxError", "'yield' outside function")),
        }
    }

    fn func_qualname(&self, func: &Function) -> String {
        match &*func.qualname.borrow() {
            Value::Str(s) => s.as_str().to_string(),
            _ => func.code.code.qualname.to_string(),
        }
    }

    /// CPython's argument binding with its error messages.
    fn bind_args(
        &mut self,
        func: &Rc<Function>,
        args: &[Value],
        kw: Kwargs,
        slots: &mut [Value],
    ) -> PyResult<()> {
        let code = &func.code.code;
        let argcount = code.argcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let posonly = code.posonlyargcount as usize;
        let has_varargs = code.has_flag(flags::VARARGS);
        let has_varkw = code.has_flag(flags::VARKEYWORDS);
        let varargs_idx = argcount + kwonly;
        let varkw_idx = varargs_idx + has_varargs as usize;

        let npos = args.len().min(argcount);
        slots[..npos].clone_from_slice(&args[..npos]);
        if args.len() > argcount {
            if has_varargs {
                slots[varargs_idx] = Value::tuple(args[argcount..].to_vec());
            } else {
                let name = self.func_qualname(func);
                let ndef = func.defaults.borrow().len();
                let takes = if ndef > 0 {
                    format!("from {} to {}", argcount - ndef, argcount)
                } else {
                    argcount.to_string()
                };
                let plural = if argcount == 1 && ndef == 0 { "" } else { "s" };
                let given = args.len();
                let was = if given == 1 { "was" } else { "were" };
                let kwpart = {
                    let nkw = kw
                        .iter()
                        .filter(|(k, _)| {
                            code.varnames[argcount..argcount + kwonly]
                                .iter()
                                .any(|n| &**n == k.as_str())
                        })
                        .count();
                    if nkw > 0 {
                        format!(
                            " positional argument{} (and {} keyword-only argument{})",
                            if given == 1 { "" } else { "s" },
                            nkw,
                            if nkw == 1 { "" } else { "s" }
                        )
                    } else {
                        String::new()
                    }
                };
                let msg = if kwpart.is_empty() {
                    format!("{name}() takes {takes} positional argument{plural} but {given} {was} given")
                } else {
                    format!("{name}() takes {takes} positional argument{plural} but {given}{kwpart} were given")
                };
                return Err(self.new_error("TypeError", &msg));
            }
        } else if has_varargs {
            slots[varargs_idx] = Value::tuple(vec![]);
        }
        let kwdict = if has_varkw {
            let d = Rc::new(PyDict::new());
            slots[varkw_idx] = Value::Dict(d.clone());
            Some(d)
        } else {
            None
        };
        let mut posonly_as_kw = Vec::new();
        for (name, value) in kw {
            let pos = code.varnames[..argcount + kwonly]
                .iter()
                .position(|n| &**n == name.as_str());
            match pos {
                Some(i) if i >= posonly => {
                    if !slots[i].is_null() {
                        let fname = self.func_qualname(func);
                        return Err(self.new_error(
                            "TypeError",
                            &format!(
                                "{fname}() got multiple values for argument '{}'",
                                name.as_str()
                            ),
                        ));
                    }
                    slots[i] = value.clone();
                }
                _ => match &kwdict {
                    Some(d) => {
                        if d.get_str(name).is_some() {
                            let fname = self.func_qualname(func);
                            return Err(self.new_error(
                                "TypeError",
                                &format!(
                                    "{fname}() got multiple values for keyword argument '{}'",
                                    name.as_str()
                                ),
                            ));
                        }
                        d.set_str(name, value.clone())
                    }
                    None => {
                        if pos.is_some() {
                            posonly_as_kw.push(name.as_str().to_string());
                            continue;
                        }
                        let fname = self.func_qualname(func);
                        return Err(self.new_error(
                            "TypeError",
                            &format!(
                                "{fname}() got an unexpected keyword argument '{}'",
                                name.as_str()
                            ),
                        ));
                    }
                },
            }
        }
        if !posonly_as_kw.is_empty() {
            let fname = self.func_qualname(func);
            return Err(self.new_error(
                "TypeError",
                &format!(
                    "{fname}() got some positional-only arguments passed as keyword arguments: '{}'",
                    posonly_as_kw.join(", ")
                ),
            ));
        }
        // Defaults for missing positional parameters.
        let defaults = func.defaults.borrow();
        let first_default = argcount - defaults.len().min(argcount);
        let mut missing = Vec::new();
        for i in npos..argcount {
            if slots[i].is_null() {
                if i >= first_default {
                    slots[i] = defaults[i - first_default].clone();
                } else {
                    missing.push(code.varnames[i].to_string());
                }
            }
        }
        drop(defaults);
        if !missing.is_empty() {
            return Err(self.missing_args(func, &missing, "positional"));
        }
        if kwonly > 0 {
            let kwdefaults = func.kwdefaults.borrow().clone();
            for (slot, varname) in slots[argcount..argcount + kwonly]
                .iter_mut()
                .zip(&code.varnames[argcount..argcount + kwonly])
            {
                if slot.is_null() {
                    let name = self.intern(varname);
                    match kwdefaults.as_ref().and_then(|d| d.get_str(&name)) {
                        Some(v) => *slot = v,
                        None => missing.push(varname.to_string()),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.missing_args(func, &missing, "keyword-only"));
            }
        }
        Ok(())
    }

    #[cold]
    fn missing_args(&mut self, func: &Function, missing: &[String], kind: &str) -> PyErr {
        let fname = self.func_qualname(func);
        let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        let s = if missing.len() == 1 { "" } else { "s" };
        self.new_error(
            "TypeError",
            &format!(
                "{fname}() missing {} required {kind} argument{s}: {list}",
                missing.len()
            ),
        )
    }

    /// `cls(*args, **kw)`: `type.__call__` — `__new__` then `__init__`.
    pub fn call_class(&mut self, cls: &Rc<Class>, args: &[Value], kw: Kwargs) -> PyResult<Value> {
        // type(x) with one argument.
        if Rc::ptr_eq(cls, &self.types.type_) && args.len() == 1 && kw.is_empty() {
            return Ok(Value::Class(self.type_of(&args[0])));
        }
        let new = cls.lookup_cached(&self.names.new);
        let obj = match &new {
            Some(Value::Builtin(b)) if b.name.as_ref() == "object.__new__" => {
                self.object_new(cls, args, kw)?
            }
            Some(n) => {
                let n = match n {
                    Value::StaticMethod(inner) => (**inner).clone(),
                    other => other.clone(),
                };
                let mut v = Vec::with_capacity(args.len() + 1);
                v.push(Value::Class(cls.clone()));
                v.extend_from_slice(args);
                self.call(&n, &v, kw)?
            }
            None => self.object_new(cls, args, kw)?,
        };
        // __init__ runs only if __new__ returned an instance of cls.
        let obj_cls = self.type_of(&obj);
        if !obj_cls.is_subclass(cls) {
            return Ok(obj);
        }
        if let Some(init) = cls.lookup_cached(&self.names.init) {
            match &init {
                Value::Builtin(b) if b.name.as_ref() == "object.__init__" => {
                    let custom_new = !matches!(&new, Some(Value::Builtin(b)) if b.name.as_ref() == "object.__new__");
                    if (!args.is_empty() || !kw.is_empty()) && !custom_new {
                        let name = cls.name();
                        return Err(
                            self.new_error("TypeError", &format!("{name}() takes no arguments"))
                        );
                    }
                }
                _ => {
                    let mut v = Vec::with_capacity(args.len() + 1);
                    v.push(obj.clone());
                    v.extend_from_slice(args);
                    let r = self.call(&init, &v, kw)?;
                    if !r.is_none() {
                        let t = self.type_name(&r);
                        return Err(self.new_error(
                            "TypeError",
                            &format!("__init__() should return None, not '{t}'"),
                        ));
                    }
                }
            }
        }
        Ok(obj)
    }

    /// `object.__new__(cls)`: a fresh instance (with exception state for exception classes).
    pub fn object_new(&mut self, cls: &Rc<Class>, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
        if cls.is_builtin && cls.base_kind == BaseKind::Native {
            let name = cls.name();
            return Err(self.new_error("TypeError", &format!("cannot create '{name}' instances")));
        }
        let abstract_methods = cls.abstract_methods.borrow();
        if !abstract_methods.is_empty() {
            let mut names: Vec<&str> = abstract_methods.iter().map(|s| &**s).collect();
            names.sort_unstable();
            let s = if names.len() == 1 { "" } else { "s" };
            let msg = format!(
                "Can't instantiate abstract class {} with abstract method{s} {}",
                cls.name(),
                names.join(", ")
            );
            drop(abstract_methods);
            return Err(self.new_error("TypeError", &msg));
        }
        drop(abstract_methods);
        let exc = if cls.base_kind == BaseKind::Exception {
            Some(std::cell::RefCell::new(crate::runtime::objects::ExcData {
                args: Value::tuple(args.to_vec()),
                cause: Value::None,
                context: Value::None,
                ..Default::default()
            }))
        } else {
            None
        };
        Ok(Value::Instance(Rc::new(Instance {
            class: cls.clone(),
            dict: Rc::new(PyDict::new()),
            exc,
            base: std::cell::RefCell::new(Value::Null),
        })))
    }

    /// Calls `obj.name(*args)` looking the method up on the type (special-method protocol).
    pub fn call_method(&mut self, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let key = self.intern(name);
        let (m, s) = self.load_method(obj.clone(), &key)?;
        if s.is_null() {
            self.call(&m, args, &[])
        } else {
            let mut v = Vec::with_capacity(args.len() + 1);
            v.push(s);
            v.extend_from_slice(args);
            self.call(&m, &v, &[])
        }
    }

    /// `cls.lookup(name)` through the class's memo (the name is interned first).
    #[inline]
    pub fn lookup_in(&mut self, cls: &crate::runtime::objects::Class, name: &str) -> Option<Value> {
        let key = self.intern(name);
        cls.lookup_cached(&key)
    }

    /// Looks up a special method on the type of `obj` (not the instance), returning it unbound.
    pub fn lookup_special(&mut self, obj: &Value, name: &str) -> Option<Value> {
        let key = self.intern(name);
        self.type_of(obj).lookup_cached(&key)
    }

    /// Calls a special method found on the type with `obj` as self, guarding recursion.
    pub fn call_special(&mut self, method: &Value, obj: &Value, args: &[Value]) -> PyResult<Value> {
        let mut v = Vec::with_capacity(args.len() + 1);
        v.push(obj.clone());
        v.extend_from_slice(args);
        let note = self.call_note;
        let entered = self.enter();
        // The note also applies to the Python frame entered next (call_function clears it).
        self.call_note = if entered.is_ok() { note } else { None };
        entered?;
        let r = match method {
            Value::StaticMethod(inner) => {
                let inner = (**inner).clone();
                self.call(&inner, args, &[])
            }
            Value::ClassMethod(inner) => {
                let inner = (**inner).clone();
                v[0] = Value::Class(self.type_of(obj));
                self.call(&inner, &v, &[])
            }
            _ => self.call(method, &v, &[]),
        };
        self.leave();
        r
    }
}
