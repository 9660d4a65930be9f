//! The `builtins` module: builtin functions, the builtin type names, exception classes,
//! `__build_class__` and the type constructors' `__new__`.

use std::rc::Rc;

use super::dict::PyDict;
use super::objects::{Class, Kwargs, PySuper};
use super::types::{add_method, check_args, kwarg, native_fn};
use super::value::{PyRange, PySlice, Value};
use crate::vm::{PyResult, Vm};

pub fn init_builtins(vm: &mut Vm) {
    let b = vm.builtins.clone();
    let t = &vm.types;
    let classes: Vec<(&str, Rc<Class>)> = vec![
        ("object", t.object.clone()),
        ("type", t.type_.clone()),
        ("int", t.int.clone()),
        ("bool", t.bool.clone()),
        ("float", t.float.clone()),
        ("complex", t.complex.clone()),
        ("str", t.str.clone()),
        ("bytes", t.bytes.clone()),
        ("bytearray", t.bytearray.clone()),
        ("list", t.list.clone()),
        ("tuple", t.tuple.clone()),
        ("dict", t.dict.clone()),
        ("set", t.set.clone()),
        ("frozenset", t.frozenset.clone()),
        ("range", t.range.clone()),
        ("slice", t.slice.clone()),
        ("property", t.property.clone()),
        ("classmethod", t.classmethod.clone()),
        ("staticmethod", t.staticmethod.clone()),
        ("super", t.super_.clone()),
    ];
    for (name, cls) in classes {
        b.set_by_str(name, Value::Class(cls));
    }
    let excs: Vec<(&'static str, Rc<Class>)> =
        t.exceptions.iter().map(|(k, v)| (*k, v.clone())).collect();
    for (name, cls) in excs {
        b.set_by_str(name, Value::Class(cls));
    }
    b.set_by_str("EnvironmentError", Value::Class(vm.types.exc("OSError")));
    b.set_by_str("IOError", Value::Class(vm.types.exc("OSError")));
    b.set_by_str("None", Value::None);
    b.set_by_str("True", Value::Bool(true));
    b.set_by_str("False", Value::Bool(false));
    b.set_by_str("NotImplemented", Value::NotImplemented);
    b.set_by_str("Ellipsis", Value::Ellipsis);
    b.set_by_str("__debug__", Value::Bool(true));
    b.set_by_str("__name__", Value::str("builtins"));

    let fns: &[(&str, super::objects::NativeFn)] = &[
        ("__build_class__", build_class),
        ("print", builtin_print),
        ("len", |vm, a, _| {
            check_args(vm, "len", a, 1, 1)?;
            Ok(Value::Int(vm.len(&a[0])? as i64))
        }),
        ("repr", |vm, a, _| {
            check_args(vm, "repr", a, 1, 1)?;
            Ok(Value::string(vm.repr(&a[0])?))
        }),
        ("ascii", |vm, a, _| {
            check_args(vm, "ascii", a, 1, 1)?;
            let r = vm.repr(&a[0])?;
            Ok(Value::string(crate::text::repr::ascii_escape(&r)))
        }),
        ("isinstance", |vm, a, _| {
            check_args(vm, "isinstance", a, 2, 2)?;
            Ok(Value::Bool(vm.isinstance(&a[0], &a[1])?))
        }),
        ("issubclass", |vm, a, _| {
            check_args(vm, "issubclass", a, 2, 2)?;
            Ok(Value::Bool(vm.issubclass(&a[0], &a[1])?))
        }),
        ("id", |vm, a, _| {
            check_args(vm, "id", a, 1, 1)?;
            Ok(Value::Int(match &a[0] {
                Value::Int(i) => *i,
                v => v.ptr().unwrap_or(0) as i64,
            }))
        }),
        ("hash", |vm, a, _| {
            check_args(vm, "hash", a, 1, 1)?;
            let h = vm.hash(&a[0])?;
            Ok(Value::Int(h as i64))
        }),
        ("callable", |vm, a, _| {
            check_args(vm, "callable", a, 1, 1)?;
            let v = &a[0];
            Ok(Value::Bool(match v {
                Value::Function(_)
                | Value::Builtin(_)
                | Value::BoundMethod(_)
                | Value::Class(_) => true,
                Value::Instance(_) | Value::Native(_) => vm.lookup_special(v, "__call__").is_some(),
                _ => false,
            }))
        }),
        ("iter", |vm, a, _| {
            check_args(vm, "iter", a, 1, 2)?;
            if a.len() == 2 {
                return Ok(super::iter::new_iter(super::iter::IterKind::Callable {
                    func: a[0].clone(),
                    sentinel: a[1].clone(),
                }));
            }
            vm.get_iter(&a[0])
        }),
        ("next", |vm, a, _| {
            check_args(vm, "next", a, 1, 2)?;
            let it = &a[0];
            if !matches!(it, Value::Iter(_) | Value::Generator(_))
                && vm.lookup_special(it, "__next__").is_none()
            {
                let t = vm.type_name(it);
                return Err(vm.new_error("TypeError", &format!("'{t}' object is not an iterator")));
            }
            if a.len() == 1 {
                if let Value::Instance(_) = it {
                    let m = vm.lookup_special(it, "__next__").unwrap_or(Value::None);
                    return vm.call_special(&m, it, &[]);
                }
                if let Value::Generator(g) = it {
                    let g = g.clone();
                    return match vm.gen_resume(&g, Value::None, None)? {
                        crate::vm::generators::SendResult::Yielded(v) => Ok(v),
                        crate::vm::generators::SendResult::Returned(r) => Err(vm.stop_iteration(r)),
                    };
                }
            }
            match vm.next(it)? {
                Some(v) => Ok(v),
                None => match a.get(1) {
                    Some(d) => Ok(d.clone()),
                    None => Err(vm.new_error("StopIteration", "")),
                },
            }
        }),
        ("getattr", |vm, a, _| {
            check_args(vm, "getattr", a, 2, 3)?;
            let Value::Str(name) = &a[1] else {
                return Err(vm.new_error("TypeError", "attribute name must be string"));
            };
            let name = name.clone();
            match vm.get_attr(&a[0], &name) {
                Ok(v) => Ok(v),
                Err(e) if a.len() == 3 && vm.exc_matches(&e, "AttributeError") => Ok(a[2].clone()),
                Err(e) => Err(e),
            }
        }),
        ("setattr", |vm, a, _| {
            check_args(vm, "setattr", a, 3, 3)?;
            let Value::Str(name) = &a[1] else {
                return Err(vm.new_error("TypeError", "attribute name must be string"));
            };
            let name = name.clone();
            vm.set_attr(&a[0], &name, a[2].clone())?;
            Ok(Value::None)
        }),
        ("hasattr", |vm, a, _| {
            check_args(vm, "hasattr", a, 2, 2)?;
            let Value::Str(name) = &a[1] else {
                return Err(vm.new_error("TypeError", "attribute name must be string"));
            };
            let name = name.clone();
            match vm.get_attr(&a[0], &name) {
                Ok(_) => Ok(Value::Bool(true)),
                Err(e) if vm.exc_matches(&e, "AttributeError") => Ok(Value::Bool(false)),
                Err(e) => Err(e),
            }
        }),
        ("delattr", |vm, a, _| {
            check_args(vm, "delattr", a, 2, 2)?;
            let Value::Str(name) = &a[1] else {
                return Err(vm.new_error("TypeError", "attribute name must be string"));
            };
            let name = name.clone();
            vm.del_attr(&a[0], &name)?;
            Ok(Value::None)
        }),
        ("abs", |vm, a, _| {
            check_args(vm, "abs", a, 1, 1)?;
            match &a[0] {
                Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(super::num::int_abs(&a[0])),
                Value::Float(f) => Ok(Value::Float(f.abs())),
                Value::Complex(c) => Ok(Value::Float(c.0.hypot(c.1))),
                v => match vm.lookup_special(v, "__abs__") {
                    Some(m) => vm.call_special(&m, v, &[]),
                    None => {
                        let t = vm.type_name(v);
                        Err(vm
                            .new_error("TypeError", &format!("bad operand type for abs(): '{t}'")))
                    }
                },
            }
        }),
        ("format", |vm, a, _| {
            check_args(vm, "format", a, 1, 2)?;
            let spec = match a.get(1) {
                Some(Value::Str(s)) => s.as_str().to_string(),
                Some(_) => return Err(vm.new_error("TypeError", "format() argument 2 must be str")),
                None => String::new(),
            };
            Ok(Value::string(vm.format(&a[0], &spec)?))
        }),
        ("locals", |vm, _, _| {
            // Reached only through an indirect call; direct calls read the frame (eval.rs).
            match vm.modules.get_by_str("__main__") {
                Some(Value::Module(m)) => Ok(Value::Dict(m.dict.clone())),
                _ => Ok(Value::Dict(Rc::new(PyDict::new()))),
            }
        }),
        ("vars", |vm, a, _| {
            check_args(vm, "vars", a, 1, 1)?;
            match vm.get_attr_opt(&a[0], "__dict__")? {
                Some(d) => Ok(d),
                None => {
                    Err(vm.new_error("TypeError", "vars() argument must have __dict__ attribute"))
                }
            }
        }),
        ("dir", |vm, a, _| {
            check_args(vm, "dir", a, 0, 1)?;
            match a.first() {
                Some(v) => {
                    if let Some(m) = vm.lookup_special(v, "__dir__") {
                        if !matches!(&m, Value::Builtin(b) if b.name.as_ref() == "object.__dir__") {
                            let r = vm.call_special(&m, v, &[])?;
                            let mut items = vm.collect(&r)?;
                            vm.sort_values(&mut items, None, false)?;
                            return Ok(Value::list(items));
                        }
                    }
                    Ok(Value::list(vm.dir_of(v)?))
                }
                None => Ok(Value::list(vec![])),
            }
        }),
        ("__import__", |vm, a, _| {
            check_args(vm, "__import__", a, 1, 5)?;
            let Value::Str(name) = &a[0] else {
                return Err(vm.new_error("TypeError", "__import__() argument 1 must be str"));
            };
            let name = name.clone();
            let fromlist = a.get(3).cloned().unwrap_or(Value::None);
            let level = a.get(4).cloned().unwrap_or(Value::Int(0));
            let globals = match a.get(1) {
                Some(Value::Dict(d)) => d.clone(),
                _ => Rc::new(PyDict::new()),
            };
            vm.import_name(&name, &fromlist, &level, &globals)
        }),
    ];
    for (name, f) in fns {
        b.set_by_str(name, native_fn(name, Some("builtins"), *f));
    }

    // Type constructors.
    add_method(&vm.types.range.clone(), "__new__", range_new);
    add_method(&vm.types.slice.clone(), "__new__", |vm, a, _| {
        check_args(vm, "slice", &a[1..], 1, 3)?;
        let a = &a[1..];
        let (start, stop, step) = match a.len() {
            1 => (Value::None, a[0].clone(), Value::None),
            2 => (a[0].clone(), a[1].clone(), Value::None),
            _ => (a[0].clone(), a[1].clone(), a[2].clone()),
        };
        Ok(Value::Slice(Rc::new(PySlice { start, stop, step })))
    });
    add_method(&vm.types.property.clone(), "__new__", |vm, a, kw| {
        let get = |i: usize, name: &str| {
            kwarg(kw, name)
                .cloned()
                .or_else(|| a.get(i).cloned())
                .unwrap_or(Value::None)
        };
        let (fget, fset, fdel, doc) = (
            get(1, "fget"),
            get(2, "fset"),
            get(3, "fdel"),
            get(4, "doc"),
        );
        let doc = if doc.is_none() {
            match &fget {
                Value::Function(f) => f.doc.borrow().clone(),
                _ => Value::None,
            }
        } else {
            doc
        };
        let _ = vm;
        Ok(Value::Property(Rc::new(super::objects::Property {
            fget,
            fset,
            fdel,
            doc,
        })))
    });
    let prop = vm.types.property.clone();
    for (name, which) in [("getter", 0usize), ("setter", 1), ("deleter", 2)] {
        let f: super::objects::NativeFn = match which {
            0 => |vm, a, _| property_with(vm, a, 0),
            1 => |vm, a, _| property_with(vm, a, 1),
            _ => |vm, a, _| property_with(vm, a, 2),
        };
        add_method(&prop, name, f);
    }
    add_method(&prop, "__get__", |vm, a, _| {
        let Value::Property(p) = &a[0] else {
            return Ok(Value::None);
        };
        if a.get(1).is_none_or(|o| o.is_none()) {
            return Ok(a[0].clone());
        }
        let g = p.fget.clone();
        vm.call(&g, &a[1..2], &[])
    });
    add_method(&vm.types.classmethod.clone(), "__new__", |vm, a, _| {
        check_args(vm, "classmethod", &a[1..], 1, 1)?;
        Ok(Value::ClassMethod(Rc::new(a[1].clone())))
    });
    add_method(&vm.types.staticmethod.clone(), "__new__", |vm, a, _| {
        check_args(vm, "staticmethod", &a[1..], 1, 1)?;
        Ok(Value::StaticMethod(Rc::new(a[1].clone())))
    });
    add_method(&vm.types.super_.clone(), "__new__", super_new);
    super::builtin_funcs::init(vm);
}

fn property_with(vm: &mut Vm, a: &[Value], which: usize) -> PyResult<Value> {
    check_args(vm, "property", a, 2, 2)?;
    let Value::Property(p) = &a[0] else {
        return Err(vm.new_error("TypeError", "descriptor requires a 'property' object"));
    };
    let f = a[1].clone();
    let mut np = super::objects::Property {
        fget: p.fget.clone(),
        fset: p.fset.clone(),
        fdel: p.fdel.clone(),
        doc: p.doc.clone(),
    };
    match which {
        0 => {
            if let Value::Function(func) = &f {
                if np.doc.is_none() {
                    np.doc = func.doc.borrow().clone();
                }
            }
            np.fget = f
        }
        1 => np.fset = f,
        _ => np.fdel = f,
    }
    Ok(Value::Property(Rc::new(np)))
}

fn range_new(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = &a[1..];
    if a.is_empty() {
        return Err(vm.new_error("TypeError", "range expected at least 1 argument, got 0"));
    }
    if a.len() > 3 {
        return Err(vm.new_error(
            "TypeError",
            &format!("range expected at most 3 arguments, got {}", a.len()),
        ));
    }
    let mut nums = Vec::with_capacity(3);
    for v in a {
        nums.push(vm.index_value(v)?);
    }
    let (start, stop, step) = match nums.len() {
        1 => (0, nums[0], 1),
        2 => (nums[0], nums[1], 1),
        _ => (nums[0], nums[1], nums[2]),
    };
    if step == 0 {
        return Err(vm.new_error("ValueError", "range() arg 3 must not be zero"));
    }
    Ok(Value::Range(Rc::new(PyRange { start, stop, step })))
}

fn super_new(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let a = &a[1..];
    if a.len() != 2 {
        return Err(vm.new_error("RuntimeError", "super(): no arguments"));
    }
    let Value::Class(cls) = &a[0] else {
        let t = vm.type_name(&a[0]);
        return Err(vm.new_error(
            "TypeError",
            &format!("super() argument 1 must be a type, not {t}"),
        ));
    };
    let obj = a[1].clone();
    let obj_type = match &obj {
        Value::Class(c) if c.is_subclass(cls) => c.clone(),
        other => vm.type_of(other),
    };
    if !obj_type.is_subclass(cls) {
        return Err(vm.new_error(
            "TypeError",
            "super(type, obj): obj must be an instance or subtype of type",
        ));
    }
    Ok(Value::Super(Rc::new(PySuper {
        class: cls.clone(),
        obj,
        obj_type,
    })))
}

/// `print(*objects, sep=' ', end='\n', file=None, flush=False)`.
fn builtin_print(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let mut sep = " ".to_string();
    let mut end = "\n".to_string();
    let mut file = Value::None;
    for (k, v) in kw {
        match k.as_str() {
            "sep" => match v {
                Value::Str(s) => sep = s.as_str().to_string(),
                Value::None => {}
                other => {
                    let t = vm.type_name(other);
                    return Err(vm.new_error(
                        "TypeError",
                        &format!("sep must be None or a string, not {t}"),
                    ));
                }
            },
            "end" => match v {
                Value::Str(s) => end = s.as_str().to_string(),
                Value::None => {}
                other => {
                    let t = vm.type_name(other);
                    return Err(vm.new_error(
                        "TypeError",
                        &format!("end must be None or a string, not {t}"),
                    ));
                }
            },
            "file" => file = v.clone(),
            "flush" => {}
            other => {
                return Err(vm.new_error(
                    "TypeError",
                    &format!("'{other}' is an invalid keyword argument for print()"),
                ));
            }
        }
    }
    // `sys.stdout` may have been replaced by the program: then print writes to that object.
    if file.is_none() {
        if let Some(Value::Module(sys)) = vm.modules.get_by_str("sys") {
            if let Some(out) = sys.dict.get_by_str("stdout") {
                if !matches!(&out, Value::Native(n) if n.get::<super::stdio::Stream>().is_some_and(|s| s.fd == 1))
                {
                    file = out;
                }
            }
        }
    }
    if file.is_none() {
        let mut out = String::new();
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(&sep);
            }
            out.push_str(&vm.str_of(a)?);
        }
        out.push_str(&end);
        vm.write_stdout(&out);
    } else {
        // One write per piece, as CPython does.
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                vm.call_method(&file, "write", &[Value::str(&sep)])?;
            }
            let s = vm.str_of(a)?;
            vm.call_method(&file, "write", &[Value::string(s)])?;
        }
        vm.call_method(&file, "write", &[Value::str(&end)])?;
    }
    Ok(Value::None)
}

/// `__build_class__(func, name, *bases, metaclass=None, **kw)`.
fn build_class(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.len() < 2 {
        return Err(vm.new_error("TypeError", "__build_class__: not enough arguments"));
    }
    let Value::Function(body) = &args[0] else {
        return Err(vm.new_error("TypeError", "__build_class__: func must be a function"));
    };
    let name = match &args[1] {
        Value::Str(s) => s.as_str().to_string(),
        _ => return Err(vm.new_error("TypeError", "__build_class__: name is not a string")),
    };
    let bases: Vec<Value> = args[2..].to_vec();
    let mut meta: Option<Value> = None;
    let mut rest: Vec<(Rc<super::value::PyStr>, Value)> = Vec::new();
    for (k, v) in kw {
        if k.as_str() == "metaclass" {
            meta = Some(v.clone());
        } else {
            rest.push((k.clone(), v.clone()));
        }
    }
    // A metaclass inherited from the bases (e.g. ABCMeta via ABC).
    if meta.is_none() {
        for b in &bases {
            if let Value::Class(c) = b {
                if let Some(m) = c.metaclass.borrow().clone() {
                    meta = Some(Value::Class(m));
                    break;
                }
            }
        }
    }
    let ns = Rc::new(PyDict::new());
    // __prepare__ is not supported beyond a plain dict.
    let code = body.code.clone();
    let cell = vm.run_code(&code, body.globals.clone(), Some(ns.clone()), &body.closure)?;
    let cls_value = match &meta {
        Some(Value::Class(m)) if !Rc::ptr_eq(m, &vm.types.type_) => {
            let m = m.clone();
            if m.lookup_str("__new__").is_some_and(
                |n| !matches!(&n, Value::Builtin(b) if b.name.as_ref() == "type.__new__"),
            ) || m
                .lookup_str("__init__")
                .is_some_and(|n| matches!(n, Value::Function(_)))
            {
                let call_args = vec![
                    Value::str(&name),
                    Value::tuple(bases.clone()),
                    Value::Dict(ns.clone()),
                ];
                vm.call_class(&m, &call_args, &rest)?
            } else {
                Value::Class(vm.create_class(&name, bases.clone(), ns.clone(), Some(m), &rest)?)
            }
        }
        Some(other @ (Value::Function(_) | Value::Builtin(_))) => {
            let call_args = vec![
                Value::str(&name),
                Value::tuple(bases.clone()),
                Value::Dict(ns.clone()),
            ];
            let other = other.clone();
            vm.call(&other, &call_args, &rest)?
        }
        _ => Value::Class(vm.create_class(&name, bases, ns.clone(), None, &rest)?),
    };
    if let (Value::Cell(c), Value::Class(_)) = (&cell, &cls_value) {
        *c.value.borrow_mut() = cls_value.clone();
    }
    Ok(cls_value)
}

impl Vm {
    pub fn isinstance(&mut self, obj: &Value, cls: &Value) -> PyResult<bool> {
        match cls {
            Value::Class(c) => {
                let t = self.type_of(obj);
                if t.is_subclass(c) {
                    return Ok(true);
                }
                // ABCMeta.register'd virtual subclasses.
                if let Some(Value::List(reg)) = c.dict.get_by_str("_abc_registry") {
                    let reg = reg.items.borrow().clone();
                    for r in reg {
                        if let Value::Class(rc) = r {
                            if t.is_subclass(&rc) {
                                return Ok(true);
                            }
                        }
                    }
                }
                // A custom __instancecheck__ on a metaclass.
                if let Some(meta) = c.metaclass.borrow().clone() {
                    if let Some(m @ Value::Function(_)) = meta.lookup_str("__instancecheck__") {
                        let r = self.call(&m, &[cls.clone(), obj.clone()], &[])?;
                        return self.truthy(&r);
                    }
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                let t = t.clone();
                for c in t.items.iter() {
                    if self.isinstance(obj, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.new_error(
                "TypeError",
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            )),
        }
    }

    pub fn issubclass(&mut self, sub: &Value, cls: &Value) -> PyResult<bool> {
        let Value::Class(s) = sub else {
            return Err(self.new_error("TypeError", "issubclass() arg 1 must be a class"));
        };
        match cls {
            Value::Class(c) => {
                if s.is_subclass(c) {
                    return Ok(true);
                }
                if let Some(Value::List(reg)) = c.dict.get_by_str("_abc_registry") {
                    let reg = reg.items.borrow().clone();
                    for r in reg {
                        if let Value::Class(rc) = r {
                            if s.is_subclass(&rc) {
                                return Ok(true);
                            }
                        }
                    }
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                let t = t.clone();
                for c in t.items.iter() {
                    if self.issubclass(sub, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.new_error(
                "TypeError",
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            )),
        }
    }
}
