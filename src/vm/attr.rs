//! Attribute access: the descriptor protocol (functions bind, properties, classmethod,
//! staticmethod, user descriptors with `__get__`/`__set__`), instance and class dicts,
//! `__getattr__`/`__setattr__` hooks, `super()`, and `LoadMethod`'s unbound fast path.

use std::rc::Rc;

use crate::runtime::objects::{BoundMethod, Class, Instance};
use crate::runtime::value::{PyStr, Value};

use super::{PyErr, PyResult, Vm};

impl Vm {
    pub fn get_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
        match obj {
            Value::Instance(inst) => self.instance_getattr(inst, obj, name),
            Value::Class(c) => self.class_getattr(c, name),
            Value::Module(m) => match m.dict.get_str(name) {
                Some(v) => Ok(v),
                None => {
                    if let Some(ga) = m.dict.get_by_str("__getattr__") {
                        return self.call(&ga, &[Value::Str(name.clone())], &[]);
                    }
                    if let Some(v) = self.special_attr(obj, name.as_str())? {
                        return Ok(v);
                    }
                    let msg = format!("module '{}' has no attribute '{}'", m.name, name.as_str());
                    Err(self.attribute_error(obj, name, &msg))
                }
            },
            Value::Super(s) => {
                let s = s.clone();
                self.super_getattr(&s, name)
            }
            _ => {
                // `__doc__` of functions, properties, builtins is per object (a getset
                // descriptor on the type in CPython), not `object.__doc__`.
                if name.as_str() == "__doc__" {
                    if let Some(v) = self.special_attr(obj, "__doc__")? {
                        return Ok(v);
                    }
                }
                let cls = self.type_of(obj);
                if let Some(d) = cls.lookup_cached(name) {
                    return self.bind_descriptor(d, obj, &cls);
                }
                if let Some(v) = self.special_attr(obj, name.as_str())? {
                    return Ok(v);
                }
                if let Value::Native(_) = obj {
                    if let Some(ga) = self.lookup_in(&cls, "__getattr__") {
                        return self.call(&ga, &[obj.clone(), Value::Str(name.clone())], &[]);
                    }
                }
                let t = self.attr_type_name(obj);
                let msg = format!("'{t}' object has no attribute '{}'", name.as_str());
                Err(self.attribute_error(obj, name, &msg))
            }
        }
    }

    /// The type's name in attribute errors: as CPython's `tp_name`, with the module for a type
    /// implemented natively outside `builtins` (`'numpy.ndarray' object has no attribute`).
    fn attr_type_name(&self, obj: &Value) -> String {
        match obj {
            Value::Native(n) => n.class.qualified_name(),
            _ => self.type_name(obj).to_string(),
        }
    }

    /// `getattr(obj, name)` with a Rust string name.
    pub fn get_attr_str(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        let key = self.intern(name);
        self.get_attr(obj, &key)
    }

    /// `getattr(obj, name, None)`-like: `Ok(None)` only for AttributeError.
    pub fn get_attr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match self.get_attr_str(obj, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.exc_matches(&e, "AttributeError") => Ok(None),
            Err(e) => Err(e),
        }
    }

    #[cold]
    pub fn attribute_error(&mut self, obj: &Value, name: &Rc<PyStr>, msg: &str) -> PyErr {
        let e = self.new_error("AttributeError", msg);
        let k1 = self.intern("name");
        let k2 = self.intern("obj");
        e.0.dict.set_str(&k1, Value::Str(name.clone()));
        e.0.dict.set_str(&k2, obj.clone());
        e
    }

    /// The `__set__` of a descriptor that has one.
    fn setter_of(&mut self, d: &Value) -> Option<Value> {
        match d {
            Value::Instance(i) => self.lookup_in(&i.class, "__set__"),
            Value::Native(n) => self.lookup_in(&n.class, "__set__"),
            _ => None,
        }
    }

    fn is_data_descriptor(&mut self, d: &Value) -> bool {
        match d {
            Value::Property(_) => true,
            Value::Instance(i) => {
                self.lookup_in(&i.class, "__set__").is_some()
                    || self.lookup_in(&i.class, "__delete__").is_some()
            }
            Value::Native(n) => self.lookup_in(&n.class, "__set__").is_some(),
            _ => false,
        }
    }

    /// Applies `__get__` semantics to a class attribute found for an instance access.
    pub fn bind_descriptor(&mut self, d: Value, obj: &Value, cls: &Rc<Class>) -> PyResult<Value> {
        match &d {
            Value::Function(_) | Value::Builtin(_) => {
                Ok(Value::BoundMethod(Rc::new(BoundMethod {
                    func: d,
                    self_: obj.clone(),
                })))
            }
            Value::ClassMethod(inner) => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                func: (**inner).clone(),
                self_: Value::Class(cls.clone()),
            }))),
            Value::StaticMethod(inner) => Ok((**inner).clone()),
            Value::Property(p) => {
                if p.fget.is_none() || p.fget.is_null() {
                    return Err(self.new_error("AttributeError", "property has no getter"));
                }
                let g = p.fget.clone();
                self.call_special(&g, obj, &[])
            }
            Value::Instance(i) => match self.lookup_in(&i.class, "__get__") {
                Some(get) => self.call_special(&get, &d, &[obj.clone(), Value::Class(cls.clone())]),
                None => Ok(d),
            },
            Value::Native(n) => match self.lookup_in(&n.class, "__get__") {
                Some(get) => self.call_special(&get, &d, &[obj.clone(), Value::Class(cls.clone())]),
                None => Ok(d),
            },
            _ => Ok(d),
        }
    }

    fn instance_getattr(
        &mut self,
        inst: &Rc<Instance>,
        obj: &Value,
        name: &Rc<PyStr>,
    ) -> PyResult<Value> {
        if inst.class.hooks(&self.names) & crate::runtime::objects::hooks::GETATTRIBUTE != 0 {
            if let Some(ga) = inst.class.lookup_cached(&self.names.getattribute) {
                return match self.call_special(&ga, obj, &[Value::Str(name.clone())]) {
                    Err(e) if self.exc_matches(&e, "AttributeError") => {
                        match inst.class.lookup_cached(&self.names.getattr) {
                            Some(g) => self.call_special(&g, obj, &[Value::Str(name.clone())]),
                            None => Err(e),
                        }
                    }
                    r => r,
                };
            }
        }
        self.generic_getattr(inst, obj, name, true)
    }

    /// `object.__getattribute__`: data descriptors, the instance dict, other class
    /// attributes; then, if `fallback`, the class's `__getattr__`.
    pub fn generic_getattr(
        &mut self,
        inst: &Rc<Instance>,
        obj: &Value,
        name: &Rc<PyStr>,
        fallback: bool,
    ) -> PyResult<Value> {
        let cls = &inst.class;
        let descr = cls.lookup_cached(name);
        if let Some(d) = &descr {
            if self.is_data_descriptor(d) {
                let d = d.clone();
                let cls = cls.clone();
                return self.bind_descriptor(d, obj, &cls);
            }
        }
        if let Some(v) = inst.dict.get_str(name) {
            return Ok(v);
        }
        if let Some(d) = descr {
            let cls = cls.clone();
            return self.bind_descriptor(d, obj, &cls);
        }
        if let Some(v) = self.special_attr(obj, name.as_str())? {
            return Ok(v);
        }
        if fallback && cls.hooks(&self.names) & crate::runtime::objects::hooks::GETATTR != 0 {
            if let Some(ga) = cls.lookup_cached(&self.names.getattr) {
                return self.call_special(&ga, obj, &[Value::Str(name.clone())]);
            }
        }
        let msg = format!(
            "'{}' object has no attribute '{}'",
            cls.name(),
            name.as_str()
        );
        Err(self.attribute_error(obj, name, &msg))
    }

    fn class_getattr(&mut self, cls: &Rc<Class>, name: &Rc<PyStr>) -> PyResult<Value> {
        // `type.__dict__` is a data descriptor of the metatype: it wins over the class's own
        // `__dict__` entry (which describes instances).
        if name.as_str() == "__dict__" {
            return Ok(Value::Dict(cls.dict.clone()));
        }
        if let Some(d) = cls.lookup_cached(name) {
            return match &d {
                Value::ClassMethod(inner) => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                    func: (**inner).clone(),
                    self_: Value::Class(cls.clone()),
                }))),
                Value::StaticMethod(inner) => Ok((**inner).clone()),
                Value::Instance(i) => match self.lookup_in(&i.class, "__get__") {
                    Some(get) => {
                        self.call_special(&get, &d, &[Value::None, Value::Class(cls.clone())])
                    }
                    None => Ok(d),
                },
                _ => Ok(d),
            };
        }
        let obj = Value::Class(cls.clone());
        if let Some(v) = self.special_attr(&obj, name.as_str())? {
            return Ok(v);
        }
        // Attributes of the metaclass (type.mro, ABCMeta.register...).
        let meta = self.type_of(&obj);
        if let Some(d) = meta.lookup(name) {
            return self.bind_descriptor(d, &obj, &meta);
        }
        let msg = format!(
            "type object '{}' has no attribute '{}'",
            cls.name(),
            name.as_str()
        );
        Err(self.attribute_error(&obj, name, &msg))
    }

    fn super_getattr(
        &mut self,
        s: &Rc<crate::runtime::objects::PySuper>,
        name: &Rc<PyStr>,
    ) -> PyResult<Value> {
        let mro = s.obj_type.mro.borrow().clone();
        let start = mro
            .iter()
            .position(|c| Rc::ptr_eq(c, &s.class))
            .map_or(mro.len(), |p| p + 1);
        for c in &mro[start..] {
            if let Some(d) = c.dict.get_str(name) {
                return match &s.obj {
                    Value::Class(_) => match &d {
                        Value::ClassMethod(inner) => Ok(Value::BoundMethod(Rc::new(BoundMethod {
                            func: (**inner).clone(),
                            self_: s.obj.clone(),
                        }))),
                        Value::StaticMethod(inner) => Ok((**inner).clone()),
                        Value::Builtin(b) if b.name.ends_with("__new__") => Ok(d),
                        _ => Ok(d),
                    },
                    obj => {
                        let obj = obj.clone();
                        let t = s.obj_type.clone();
                        self.bind_descriptor(d, &obj, &t)
                    }
                };
            }
        }
        if name.as_str() == "__class__" {
            return Ok(Value::Class(self.types.super_.clone()));
        }
        let msg = format!("'super' object has no attribute '{}'", name.as_str());
        let obj = Value::Super(s.clone());
        Err(self.attribute_error(&obj, name, &msg))
    }

    /// `LoadMethod`: `(function, self)` when the attribute is a plain function or builtin
    /// method on the type (no bound-method allocation), else `(attribute, Null)`.
    pub fn load_method(&mut self, obj: Value, name: &Rc<PyStr>) -> PyResult<(Value, Value)> {
        match &obj {
            Value::Instance(inst) => {
                if let Some(d) = inst.class.lookup_cached(name) {
                    if matches!(d, Value::Function(_) | Value::Builtin(_))
                        && inst.dict.get_str(name).is_none()
                    {
                        return Ok((d, obj));
                    }
                }
            }
            Value::Class(_) | Value::Module(_) | Value::Super(_) => {}
            _ => {
                let cls = self.type_of(&obj);
                if let Some(d) = cls.lookup_cached(name) {
                    if matches!(d, Value::Function(_) | Value::Builtin(_)) {
                        return Ok((d, obj));
                    }
                }
            }
        }
        let v = self.get_attr(&obj, name)?;
        Ok((v, Value::Null))
    }

    pub fn set_attr(&mut self, obj: &Value, name: &Rc<PyStr>, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                let cls = inst.class.clone();
                if cls.hooks(&self.names) & crate::runtime::objects::hooks::SETATTR != 0 {
                    if let Some(sa) = cls.lookup_cached(&self.names.setattr) {
                        self.call_special(&sa, obj, &[Value::Str(name.clone()), value])?;
                        return Ok(());
                    }
                }
                self.generic_setattr(inst, obj, name, value)
            }
            Value::Class(c) => {
                if c.is_builtin {
                    let msg = format!(
                        "cannot set '{}' attribute of immutable type '{}'",
                        name.as_str(),
                        c.name()
                    );
                    return Err(self.new_error("TypeError", &msg));
                }
                match name.as_str() {
                    "__name__" => {
                        if let Value::Str(s) = &value {
                            *c.name.borrow_mut() = s.as_str().into();
                        }
                    }
                    "__qualname__" => {
                        if let Value::Str(s) = &value {
                            *c.qualname.borrow_mut() = s.as_str().into();
                        }
                    }
                    _ => {}
                }
                c.dict.set_str(name, value);
                self.class_changed(c);
                Ok(())
            }
            Value::Module(m) => {
                m.dict.set_str(name, value);
                Ok(())
            }
            Value::Function(f) => {
                match name.as_str() {
                    "__name__" => *f.name.borrow_mut() = value,
                    "__qualname__" => *f.qualname.borrow_mut() = value,
                    "__doc__" => *f.doc.borrow_mut() = value,
                    "__module__" => *f.module.borrow_mut() = value,
                    "__defaults__" => {
                        *f.defaults.borrow_mut() = match &value {
                            Value::Tuple(t) => t.items.to_vec(),
                            _ => vec![],
                        }
                    }
                    _ => {
                        let d = f
                            .dict
                            .borrow_mut()
                            .get_or_insert_with(|| Rc::new(crate::runtime::dict::PyDict::new()))
                            .clone();
                        d.set_str(name, value);
                    }
                }
                Ok(())
            }
            Value::Native(n) => {
                let cls = n.class.clone();
                // Only a `__setattr__` of the type's own: `object`'s comes back here.
                if cls.hooks(&self.names) & crate::runtime::objects::hooks::SETATTR != 0 {
                    if let Some(sa) = cls.lookup_cached(&self.names.setattr) {
                        self.call_special(&sa, obj, &[Value::Str(name.clone()), value])?;
                        return Ok(());
                    }
                }
                if let Some(d) = cls.lookup_cached(name) {
                    if let Some(set) = self.setter_of(&d) {
                        self.call_special(&set, &d, &[obj.clone(), value])?;
                        return Ok(());
                    }
                }
                // A native type's attributes are read-only (as C getsets without a setter).
                let t = self.attr_type_name(obj);
                let msg = if self.get_attr_opt(obj, name.as_str())?.is_some() {
                    format!(
                        "attribute '{}' of '{t}' objects is not writable",
                        name.as_str()
                    )
                } else {
                    format!("'{t}' object has no attribute '{}'", name.as_str())
                };
                Err(self.attribute_error(obj, name, &msg))
            }
            _ => {
                let t = self.type_name(obj);
                let msg = if self.type_of(obj).lookup(name).is_some() {
                    format!("'{t}' object attribute '{}' is read-only", name.as_str())
                } else if self.get_attr_opt(obj, name.as_str())?.is_some() {
                    // A getset of the type's (`int.real`, `complex.imag`).
                    format!(
                        "attribute '{}' of '{t}' objects is not writable",
                        name.as_str()
                    )
                } else {
                    format!("'{t}' object has no attribute '{}'", name.as_str())
                };
                Err(self.attribute_error(obj, name, &msg))
            }
        }
    }

    /// `object.__setattr__`: data descriptors, then the instance dict (honouring `__slots__`).
    pub fn generic_setattr(
        &mut self,
        inst: &Rc<Instance>,
        obj: &Value,
        name: &Rc<PyStr>,
        value: Value,
    ) -> PyResult<()> {
        let cls = inst.class.clone();
        if let Some(d) = cls.lookup_cached(name) {
            match &d {
                Value::Property(p) => {
                    if p.fset.is_none() || p.fset.is_null() {
                        let msg = format!(
                            "property '{}' of '{}' object has no setter",
                            name.as_str(),
                            cls.name()
                        );
                        return Err(self.new_error("AttributeError", &msg));
                    }
                    let s = p.fset.clone();
                    self.call_special(&s, obj, &[value])?;
                    return Ok(());
                }
                Value::Instance(di) => {
                    if let Some(set) = self.lookup_in(&di.class, "__set__") {
                        self.call_special(&set, &d, &[obj.clone(), value])?;
                        return Ok(());
                    }
                }
                Value::Native(dn) => {
                    if let Some(set) = self.lookup_in(&dn.class, "__set__") {
                        self.call_special(&set, &d, &[obj.clone(), value])?;
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        if let Some(exc) = &inst.exc {
            match name.as_str() {
                "args" => {
                    let items = self.collect(&value)?;
                    exc.borrow_mut().args = Value::tuple(items);
                    return Ok(());
                }
                "__cause__" => {
                    let mut e = exc.borrow_mut();
                    e.cause = value;
                    e.suppress_context = true;
                    return Ok(());
                }
                "__context__" => {
                    exc.borrow_mut().context = value;
                    return Ok(());
                }
                "__suppress_context__" => {
                    exc.borrow_mut().suppress_context = matches!(value, Value::Bool(true));
                    return Ok(());
                }
                "__traceback__" => return Ok(()),
                _ => {}
            }
        }
        if Rc::ptr_eq(&cls, &self.types.object) {
            let msg = format!("'object' object has no attribute '{}'", name.as_str());
            return Err(self.attribute_error(obj, name, &msg));
        }
        if let Some(slots) = &*cls.slots.borrow() {
            if !slots.iter().any(|s| &**s == name.as_str()) {
                let msg = format!(
                    "'{}' object has no attribute '{}'",
                    cls.name(),
                    name.as_str()
                );
                return Err(self.attribute_error(obj, name, &msg));
            }
        }
        inst.dict.set_str(name, value);
        Ok(())
    }

    pub fn del_attr(&mut self, obj: &Value, name: &Rc<PyStr>) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                let cls = inst.class.clone();
                if let Some(da) = self.lookup_in(&cls, "__delattr__") {
                    if !matches!(&da, Value::Builtin(b) if b.name.as_ref() == "object.__delattr__")
                    {
                        self.call_special(&da, obj, &[Value::Str(name.clone())])?;
                        return Ok(());
                    }
                }
                self.generic_delattr(inst, obj, name)
            }
            Value::Class(c) => {
                if c.dict.del_str(name) {
                    self.class_changed(c);
                    Ok(())
                } else {
                    let msg = format!(
                        "type object '{}' has no attribute '{}'",
                        c.name(),
                        name.as_str()
                    );
                    Err(self.attribute_error(obj, name, &msg))
                }
            }
            Value::Module(m) => {
                if m.dict.del_str(name) {
                    Ok(())
                } else {
                    let msg = format!("module '{}' has no attribute '{}'", m.name, name.as_str());
                    Err(self.attribute_error(obj, name, &msg))
                }
            }
            _ => {
                let t = self.type_name(obj);
                let msg = format!("'{t}' object has no attribute '{}'", name.as_str());
                Err(self.attribute_error(obj, name, &msg))
            }
        }
    }

    pub fn generic_delattr(
        &mut self,
        inst: &Rc<Instance>,
        obj: &Value,
        name: &Rc<PyStr>,
    ) -> PyResult<()> {
        let cls = inst.class.clone();
        if let Some(Value::Property(p)) = cls.lookup(name) {
            if p.fdel.is_none() || p.fdel.is_null() {
                let msg = format!(
                    "property '{}' of '{}' object has no deleter",
                    name.as_str(),
                    cls.name()
                );
                return Err(self.new_error("AttributeError", &msg));
            }
            let d = p.fdel.clone();
            self.call_special(&d, obj, &[])?;
            return Ok(());
        }
        if inst.dict.del_str(name) {
            Ok(())
        } else {
            let msg = format!(
                "'{}' object has no attribute '{}'",
                cls.name(),
                name.as_str()
            );
            Err(self.attribute_error(obj, name, &msg))
        }
    }

    /// A class dict changed: invalidate the lookup memos of all classes.
    pub fn class_changed(&mut self, _c: &Rc<Class>) {
        crate::runtime::objects::bump_type_version();
    }

    /// Attributes that are not in any dict: `__class__`, `__dict__`, `__name__` of functions
    /// and classes, exception state, numbers' `real`/`imag`, slices' `start`/`stop`/`step`...
    pub fn special_attr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        if name == "__class__" {
            return Ok(Some(Value::Class(self.type_of(obj))));
        }
        let v = match obj {
            Value::Instance(inst) => {
                if let Some(exc) = &inst.exc {
                    let e = exc.borrow();
                    match name {
                        "args" => return Ok(Some(e.args.clone())),
                        "__cause__" => return Ok(Some(e.cause.clone())),
                        "__context__" => return Ok(Some(e.context.clone())),
                        "__suppress_context__" => return Ok(Some(Value::Bool(e.suppress_context))),
                        "__traceback__" => {
                            if e.traceback.is_empty() {
                                return Ok(Some(Value::None));
                            }
                            let line = e.traceback.last().map_or(0, |t| t.pos.line);
                            drop(e);
                            return Ok(Some(self.traceback_object(line)));
                        }
                        _ => {}
                    }
                }
                match name {
                    "__dict__" if inst.class.slots.borrow().is_none() => {
                        Value::Dict(inst.dict.clone())
                    }
                    _ => return Ok(None),
                }
            }
            Value::Function(f) => match name {
                "__name__" => f.name.borrow().clone(),
                "__qualname__" => f.qualname.borrow().clone(),
                "__doc__" => f.doc.borrow().clone(),
                "__module__" => f.module.borrow().clone(),
                "__defaults__" => {
                    let d = f.defaults.borrow();
                    if d.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(d.clone())
                    }
                }
                "__kwdefaults__" => match &*f.kwdefaults.borrow() {
                    Some(d) => Value::Dict(d.clone()),
                    None => Value::None,
                },
                "__annotations__" => {
                    let a = f.annotations.borrow().clone();
                    if a.is_none() {
                        let d = Value::Dict(Rc::new(crate::runtime::dict::PyDict::new()));
                        *f.annotations.borrow_mut() = d.clone();
                        d
                    } else {
                        a
                    }
                }
                "__globals__" => Value::Dict(f.globals.clone()),
                "__code__" => Value::Code(f.code.clone()),
                "__closure__" => {
                    if f.closure.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.closure.iter().map(|c| Value::Cell(c.clone())).collect())
                    }
                }
                "__dict__" => {
                    let d = f
                        .dict
                        .borrow_mut()
                        .get_or_insert_with(|| Rc::new(crate::runtime::dict::PyDict::new()))
                        .clone();
                    Value::Dict(d)
                }
                _ => match &*f.dict.borrow() {
                    Some(d) => match d.get_by_str(name) {
                        Some(v) => v,
                        None => return Ok(None),
                    },
                    None => return Ok(None),
                },
            },
            Value::Builtin(b) => match name {
                "__name__" | "__qualname__" => {
                    let n = b.name.rsplit('.').next().unwrap_or(&b.name).to_string();
                    Value::string(n)
                }
                "__doc__" => Value::None,
                "__module__" => match &b.owner {
                    Some(o) => Value::str(o),
                    None => Value::str("builtins"),
                },
                _ => return Ok(None),
            },
            Value::BoundMethod(m) => match name {
                "__self__" => m.self_.clone(),
                "__func__" => m.func.clone(),
                _ => {
                    let f = m.func.clone();
                    return match self.get_attr_opt(&f, name)? {
                        Some(v) => Ok(Some(v)),
                        None => Ok(None),
                    };
                }
            },
            Value::Class(c) => match name {
                "__name__" => Value::string(c.name().to_string()),
                "__qualname__" => Value::string(c.qualname.borrow().to_string()),
                "__mro__" => Value::tuple(
                    c.mro
                        .borrow()
                        .iter()
                        .map(|c| Value::Class(c.clone()))
                        .collect(),
                ),
                "__bases__" => Value::tuple(
                    c.bases
                        .borrow()
                        .iter()
                        .map(|c| Value::Class(c.clone()))
                        .collect(),
                ),
                "__base__" => match c.bases.borrow().first() {
                    Some(b) => Value::Class(b.clone()),
                    None => Value::None,
                },
                "__dict__" => Value::Dict(c.dict.clone()),
                "__doc__" => Value::None,
                "__module__" => Value::str("builtins"),
                "__abstractmethods__" => {
                    let names: Vec<Value> = c
                        .abstract_methods
                        .borrow()
                        .iter()
                        .map(|n| Value::str(n))
                        .collect();
                    self.new_frozenset(names)?
                }
                _ => return Ok(None),
            },
            Value::Module(m) => match name {
                "__dict__" => Value::Dict(m.dict.clone()),
                "__name__" => Value::str(&m.name),
                _ => return Ok(None),
            },
            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => match name {
                "real" | "numerator" => self.int_pos(obj),
                "imag" => Value::Int(0),
                "denominator" => Value::Int(1),
                _ => return Ok(None),
            },
            Value::Float(f) => match name {
                "real" => Value::Float(*f),
                "imag" => Value::Float(0.0),
                _ => return Ok(None),
            },
            Value::Complex(c) => match name {
                "real" => Value::Float(c.0),
                "imag" => Value::Float(c.1),
                _ => return Ok(None),
            },
            Value::Slice(s) => match name {
                "start" => s.start.clone(),
                "stop" => s.stop.clone(),
                "step" => s.step.clone(),
                _ => return Ok(None),
            },
            Value::Range(r) => match name {
                "start" => Value::Int(r.start),
                "stop" => Value::Int(r.stop),
                "step" => Value::Int(r.step),
                _ => return Ok(None),
            },
            Value::Property(p) => match name {
                "fget" => p.fget.clone(),
                "fset" => p.fset.clone(),
                "fdel" => p.fdel.clone(),
                "__doc__" => p.doc.clone(),
                "__isabstractmethod__" => {
                    let f = p.fget.clone();
                    Value::Bool(self.is_abstract(&f)?)
                }
                _ => return Ok(None),
            },
            Value::ClassMethod(inner) | Value::StaticMethod(inner) => match name {
                "__func__" | "__wrapped__" => (**inner).clone(),
                "__isabstractmethod__" => {
                    let f = (**inner).clone();
                    Value::Bool(self.is_abstract(&f)?)
                }
                _ => {
                    let f = (**inner).clone();
                    return self.get_attr_opt(&f, name);
                }
            },
            Value::Generator(g) => match name {
                "__name__" => Value::str(&g.name),
                "__qualname__" => Value::str(&g.qualname),
                "gi_running" => {
                    Value::Bool(g.state.get() == crate::runtime::objects::GenState::Running)
                }
                "gi_suspended" => {
                    Value::Bool(g.state.get() == crate::runtime::objects::GenState::Suspended)
                }
                "gi_frame" => {
                    if g.state.get() == crate::runtime::objects::GenState::Finished {
                        Value::None
                    } else {
                        self.traceback_object(0)
                    }
                }
                "gi_code" => match &*g.frame.borrow() {
                    Some(f) => Value::Code(f.code.clone()),
                    None => Value::None,
                },
                "gi_yieldfrom" => match &*g.frame.borrow() {
                    Some(f) if g.state.get() == crate::runtime::objects::GenState::Suspended => {
                        let code = &f.code.code;
                        let yi = f.ip.wrapping_sub(1);
                        if matches!(code.instrs.get(yi), Some(i) if i.op == crate::compiler::opcode::Op::YieldValue && i.arg == 1)
                        {
                            f.top().clone()
                        } else {
                            Value::None
                        }
                    }
                    _ => Value::None,
                },
                _ => return Ok(None),
            },
            Value::Cell(c) => match name {
                "cell_contents" => c.value.borrow().clone(),
                _ => return Ok(None),
            },
            Value::Code(c) => match name {
                "co_name" => Value::str(&c.code.name),
                "co_filename" => Value::str(&c.code.filename),
                "co_firstlineno" => Value::Int(c.code.first_line as i64),
                "co_argcount" => Value::Int(c.code.argcount as i64),
                "co_varnames" => {
                    Value::tuple(c.code.varnames.iter().map(|n| Value::str(n)).collect())
                }
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        Ok(Some(v))
    }

    /// A stand-in traceback/frame object (`tb_lineno`/`f_lineno`); numjit has no frame objects.
    pub fn traceback_object(&mut self, line: u32) -> Value {
        let cls = self.types.iter_class("traceback");
        let obj = Value::Instance(Rc::new(crate::runtime::objects::Instance {
            class: cls,
            dict: Rc::new(crate::runtime::dict::PyDict::new()),
            exc: None,
            base: std::cell::RefCell::new(Value::Null),
        }));
        if let Value::Instance(i) = &obj {
            i.dict.set_by_str("tb_lineno", Value::Int(line as i64));
            i.dict.set_by_str("f_lineno", Value::Int(line as i64));
        }
        obj
    }

    /// Whether a value is marked `__isabstractmethod__`.
    pub fn is_abstract(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Function(f) => match &*f.dict.borrow() {
                Some(d) => matches!(
                    d.get_by_str("__isabstractmethod__"),
                    Some(Value::Bool(true))
                ),
                None => false,
            },
            Value::Property(_) | Value::ClassMethod(_) | Value::StaticMethod(_) => {
                matches!(
                    self.special_attr(v, "__isabstractmethod__")?,
                    Some(Value::Bool(true))
                )
            }
            _ => false,
        })
    }
}
