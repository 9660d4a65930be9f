//! The builtin type objects (`object`, `type`, `int`, ..., the exception hierarchy), class
//! creation with C3 MRO, and the methods of `object`, `type` and `BaseException`.
//! Methods of the value types live in `runtime/methods/`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::dict::PyDict;
use super::objects::{BaseKind, Builtin, Class, Kwargs, NativeFn};
use super::value::Value;
use crate::vm::{PyResult, Vm};

pub struct Types {
    pub object: Rc<Class>,
    pub type_: Rc<Class>,
    pub none_type: Rc<Class>,
    pub not_implemented_type: Rc<Class>,
    pub ellipsis_type: Rc<Class>,
    pub bool: Rc<Class>,
    pub int: Rc<Class>,
    pub float: Rc<Class>,
    pub complex: Rc<Class>,
    pub str: Rc<Class>,
    pub bytes: Rc<Class>,
    pub bytearray: Rc<Class>,
    pub list: Rc<Class>,
    pub tuple: Rc<Class>,
    pub dict: Rc<Class>,
    pub set: Rc<Class>,
    pub frozenset: Rc<Class>,
    pub range: Rc<Class>,
    pub slice: Rc<Class>,
    pub function: Rc<Class>,
    pub builtin_function: Rc<Class>,
    pub method: Rc<Class>,
    pub module: Rc<Class>,
    pub cell: Rc<Class>,
    pub generator: Rc<Class>,
    pub iterator: Rc<Class>,
    pub property: Rc<Class>,
    pub classmethod: Rc<Class>,
    pub staticmethod: Rc<Class>,
    pub super_: Rc<Class>,
    pub code: Rc<Class>,
    pub base_exception: Rc<Class>,
    pub exceptions: HashMap<&'static str, Rc<Class>>,
    /// One class per builtin iterator kind (`list_iterator`, `map`, ...), created on first
    /// use as subclasses of `iterator` so they share its `__next__`/`__iter__`.
    pub iter_classes: RefCell<HashMap<&'static str, Rc<Class>>>,
}

/// Creates a class object (no MRO computation beyond single inheritance).
pub fn new_class(
    name: &str,
    bases: Vec<Rc<Class>>,
    base_kind: BaseKind,
    is_builtin: bool,
) -> Rc<Class> {
    let cls = Rc::new(Class {
        name: RefCell::new(name.into()),
        qualname: RefCell::new(name.into()),
        bases: RefCell::new(bases.clone()),
        mro: RefCell::new(vec![]),
        dict: Rc::new(PyDict::new()),
        base_kind,
        metaclass: RefCell::new(None),
        slots: RefCell::new(None),
        abstract_methods: RefCell::new(vec![]),
        is_builtin,
        cache: RefCell::new(Default::default()),
        hook_flags: std::cell::Cell::new((0, 0)),
    });
    let mut mro = vec![cls.clone()];
    if let Some(b) = bases.first() {
        mro.extend(b.mro.borrow().iter().cloned());
    }
    *cls.mro.borrow_mut() = mro;
    cls
}

/// C3 linearisation; `Err` with CPython's message when no consistent order exists.
pub fn c3_mro(cls: &Rc<Class>, bases: &[Rc<Class>]) -> Result<Vec<Rc<Class>>, String> {
    let mut seqs: Vec<Vec<Rc<Class>>> = bases.iter().map(|b| b.mro.borrow().clone()).collect();
    seqs.push(bases.to_vec());
    let mut out = vec![cls.clone()];
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = &s[0];
            let in_tail = seqs
                .iter()
                .any(|t| t[1..].iter().any(|c| Rc::ptr_eq(c, cand)));
            if !in_tail {
                found = Some(cand.clone());
                break;
            }
        }
        let Some(next) = found else {
            let names: Vec<String> = bases.iter().map(|b| b.name().to_string()).collect();
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        for s in seqs.iter_mut() {
            if Rc::ptr_eq(&s[0], &next) {
                s.remove(0);
            }
        }
        out.push(next);
    }
}

const EXCEPTION_TREE: &[(&str, &str)] = &[
    ("Exception", "BaseException"),
    ("GeneratorExit", "BaseException"),
    ("KeyboardInterrupt", "BaseException"),
    ("SystemExit", "BaseException"),
    ("ArithmeticError", "Exception"),
    ("FloatingPointError", "ArithmeticError"),
    ("OverflowError", "ArithmeticError"),
    ("ZeroDivisionError", "ArithmeticError"),
    ("AssertionError", "Exception"),
    ("AttributeError", "Exception"),
    ("BufferError", "Exception"),
    ("EOFError", "Exception"),
    ("ImportError", "Exception"),
    ("ModuleNotFoundError", "ImportError"),
    ("LookupError", "Exception"),
    ("IndexError", "LookupError"),
    ("KeyError", "LookupError"),
    ("MemoryError", "Exception"),
    ("NameError", "Exception"),
    ("UnboundLocalError", "NameError"),
    ("OSError", "Exception"),
    ("FileExistsError", "OSError"),
    ("FileNotFoundError", "OSError"),
    ("IsADirectoryError", "OSError"),
    ("NotADirectoryError", "OSError"),
    ("PermissionError", "OSError"),
    ("TimeoutError", "OSError"),
    ("ReferenceError", "Exception"),
    ("RuntimeError", "Exception"),
    ("NotImplementedError", "RuntimeError"),
    ("RecursionError", "RuntimeError"),
    ("StopAsyncIteration", "Exception"),
    ("StopIteration", "Exception"),
    ("SyntaxError", "Exception"),
    ("IndentationError", "SyntaxError"),
    ("TabError", "IndentationError"),
    ("SystemError", "Exception"),
    ("TypeError", "Exception"),
    ("ValueError", "Exception"),
    ("UnicodeError", "ValueError"),
    ("UnicodeDecodeError", "UnicodeError"),
    ("UnicodeEncodeError", "UnicodeError"),
    ("Warning", "Exception"),
    ("DeprecationWarning", "Warning"),
    ("PendingDeprecationWarning", "Warning"),
    ("RuntimeWarning", "Warning"),
    ("SyntaxWarning", "Warning"),
    ("UserWarning", "Warning"),
    ("FutureWarning", "Warning"),
    ("ImportWarning", "Warning"),
    ("UnicodeWarning", "Warning"),
    ("BytesWarning", "Warning"),
    ("ResourceWarning", "Warning"),
];

impl Types {
    pub fn new() -> Types {
        let object = new_class("object", vec![], BaseKind::Object, true);
        let t = |name: &str| new_class(name, vec![object.clone()], BaseKind::Native, true);
        let type_ = new_class("type", vec![object.clone()], BaseKind::Native, true);
        let int = new_class("int", vec![object.clone()], BaseKind::Builtin, true);
        let bool_ = new_class("bool", vec![int.clone()], BaseKind::Native, true);
        let base_exception = new_class(
            "BaseException",
            vec![object.clone()],
            BaseKind::Exception,
            true,
        );
        let mut exceptions = HashMap::new();
        exceptions.insert("BaseException", base_exception.clone());
        for (name, parent) in EXCEPTION_TREE {
            let p = exceptions[parent].clone();
            let c = new_class(name, vec![p], BaseKind::Exception, true);
            exceptions.insert(*name, c);
        }
        Types {
            none_type: t("NoneType"),
            not_implemented_type: t("NotImplementedType"),
            ellipsis_type: t("ellipsis"),
            bool: bool_,
            int,
            float: new_class("float", vec![object.clone()], BaseKind::Builtin, true),
            complex: new_class("complex", vec![object.clone()], BaseKind::Builtin, true),
            str: new_class("str", vec![object.clone()], BaseKind::Builtin, true),
            bytes: new_class("bytes", vec![object.clone()], BaseKind::Builtin, true),
            bytearray: new_class("bytearray", vec![object.clone()], BaseKind::Builtin, true),
            list: new_class("list", vec![object.clone()], BaseKind::Builtin, true),
            tuple: new_class("tuple", vec![object.clone()], BaseKind::Builtin, true),
            dict: new_class("dict", vec![object.clone()], BaseKind::Builtin, true),
            set: new_class("set", vec![object.clone()], BaseKind::Builtin, true),
            frozenset: new_class("frozenset", vec![object.clone()], BaseKind::Builtin, true),
            range: t("range"),
            slice: t("slice"),
            function: t("function"),
            builtin_function: t("builtin_function_or_method"),
            method: t("method"),
            module: t("module"),
            cell: t("cell"),
            generator: t("generator"),
            iterator: t("iterator"),
            property: t("property"),
            classmethod: t("classmethod"),
            staticmethod: t("staticmethod"),
            super_: t("super"),
            code: t("code"),
            base_exception,
            exceptions,
            iter_classes: RefCell::new(HashMap::new()),
            type_,
            object,
        }
    }

    /// The class of a builtin iterator kind.
    pub fn iter_class(&self, name: &'static str) -> Rc<Class> {
        if let Some(c) = self.iter_classes.borrow().get(name) {
            return c.clone();
        }
        let c = new_class(name, vec![self.iterator.clone()], BaseKind::Native, true);
        self.iter_classes.borrow_mut().insert(name, c.clone());
        c
    }

    /// A builtin exception class by name (falls back to Exception for unknown names).
    pub fn exc(&self, name: &str) -> Rc<Class> {
        match self.exceptions.get(name) {
            Some(c) => c.clone(),
            None => self.exceptions["Exception"].clone(),
        }
    }
}

impl Default for Types {
    fn default() -> Self {
        Types::new()
    }
}

/// Adds a native method `name` to a class; its qualified name is `Class.name`.
pub fn add_method(cls: &Rc<Class>, name: &str, func: NativeFn) {
    let b = Builtin {
        name: format!("{}.{}", cls.name(), name).into(),
        func,
        owner: None,
    };
    cls.dict.set_by_str(name, Value::Builtin(Rc::new(b)));
}

/// A free-standing native function value.
pub fn native_fn(name: &str, owner: Option<&str>, func: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: name.into(),
        func,
        owner: owner.map(|o| o.into()),
    }))
}

/// Checks the number of positional arguments of a native function.
pub fn check_args(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    if args.len() < min || args.len() > max {
        let msg = if min == max {
            match min {
                0 => format!("{name}() takes no arguments ({} given)", args.len()),
                1 => format!("{name}() takes exactly one argument ({} given)", args.len()),
                n => format!(
                    "{name}() takes exactly {n} arguments ({} given)",
                    args.len()
                ),
            }
        } else if args.len() < min {
            format!(
                "{name} expected at least {min} argument{}, got {}",
                if min == 1 { "" } else { "s" },
                args.len()
            )
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {}",
                if max == 1 { "" } else { "s" },
                args.len()
            )
        };
        return Err(vm.new_error("TypeError", &msg));
    }
    Ok(())
}

/// Looks a keyword argument up by name.
pub fn kwarg<'a>(kw: Kwargs<'a>, name: &str) -> Option<&'a Value> {
    kw.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v)
}

/// Registers the methods of `object`, `type` and `BaseException`, then the value types'.
pub fn init_type_methods(vm: &mut Vm) {
    let object = vm.types.object.clone();
    object.dict.set_by_str(
        "__doc__",
        Value::str("The base class of the class hierarchy.\n\nWhen called, it accepts no arguments and returns a new featureless\ninstance that has no instance attributes and cannot be given any.\n"),
    );
    add_method(&object, "__new__", object_new);
    add_method(&object, "__init__", |_, _, _| Ok(Value::None));
    add_method(&object, "__setattr__", object_setattr);
    add_method(&object, "__delattr__", object_delattr);
    add_method(&object, "__getattribute__", object_getattribute);
    add_method(&object, "__eq__", |_, a, _| {
        Ok(if a.len() == 2 && a[0].is(&a[1]) {
            Value::Bool(true)
        } else {
            Value::NotImplemented
        })
    });
    add_method(&object, "__ne__", |_, a, _| {
        Ok(if a.len() == 2 && a[0].is(&a[1]) {
            Value::Bool(false)
        } else {
            Value::NotImplemented
        })
    });
    add_method(&object, "__hash__", |vm, a, _| {
        let h = vm.hash(&a[0])?;
        Ok(Value::Int((h >> 1) as i64))
    });
    add_method(&object, "__repr__", |vm, a, _| {
        Ok(Value::string(vm.default_repr(&a[0])))
    });
    add_method(&object, "__str__", |vm, a, _| {
        Ok(Value::string(vm.repr(&a[0])?))
    });
    add_method(&object, "__format__", |vm, a, _| {
        let spec = match a.get(1) {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => String::new(),
        };
        if !spec.is_empty() {
            let t = vm.type_name(&a[0]);
            return Err(vm.new_error(
                "TypeError",
                &format!("unsupported format string passed to {t}.__format__"),
            ));
        }
        Ok(Value::string(vm.str_of(&a[0])?))
    });
    add_method(&object, "__init_subclass__", |_, _, _| Ok(Value::None));
    add_method(&object, "__dir__", |vm, a, _| {
        let names = vm.dir_of(&a[0])?;
        Ok(Value::list(names))
    });
    // __subclasshook__ and __class_getitem__ are looked up only where used.

    add_method(&vm.types.module.clone(), "__new__", |vm, a, _| {
        check_args(vm, "module", &a[1..], 1, 2)?;
        let Value::Str(name) = &a[1] else {
            let t = vm.type_name(&a[1]);
            return Err(vm.new_error(
                "TypeError",
                &format!("module.__init__() argument 'name' must be str, not {t}"),
            ));
        };
        let (m, d) = crate::modules::new_module(name.as_str());
        if let Some(doc) = a.get(2) {
            d.set_by_str("__doc__", doc.clone());
        }
        d.set_by_str("__package__", Value::None);
        d.set_by_str("__loader__", Value::None);
        d.set_by_str("__spec__", Value::None);
        Ok(m)
    });
    let type_ = vm.types.type_.clone();
    add_method(&type_, "__new__", type_new);
    add_method(&type_, "mro", |vm, a, _| match &a[0] {
        Value::Class(c) => Ok(Value::list(
            c.mro
                .borrow()
                .iter()
                .map(|c| Value::Class(c.clone()))
                .collect(),
        )),
        _ => Err(vm.new_error("TypeError", "descriptor 'mro' requires a 'type' object")),
    });
    add_method(&type_, "__subclasses__", |_, _, _| Ok(Value::list(vec![])));
    add_method(&type_, "__instancecheck__", |vm, a, _| {
        let r = vm.isinstance(&a[1], &a[0])?;
        Ok(Value::Bool(r))
    });

    let be = vm.types.base_exception.clone();
    add_method(&be, "__init__", |_, a, _| {
        if let Some(Value::Instance(i)) = a.first() {
            if let Some(e) = &i.exc {
                e.borrow_mut().args = Value::tuple(a[1..].to_vec());
            }
        }
        Ok(Value::None)
    });
    add_method(&be, "__str__", |vm, a, _| {
        Ok(Value::string(vm.exception_str(&a[0])?))
    });
    add_method(&be, "__repr__", |vm, a, _| {
        let name = vm.type_of(&a[0]).name();
        let args = match &a[0] {
            Value::Instance(i) => i.exc.as_ref().map(|e| e.borrow().args.clone()),
            _ => None,
        };
        let inner = match args {
            Some(Value::Tuple(t)) if t.items.len() == 1 => vm.repr(&t.items[0])?,
            Some(v @ Value::Tuple(_)) => {
                let r = vm.repr(&v)?;
                r[1..r.len() - 1].trim_end_matches(',').to_string()
            }
            _ => String::new(),
        };
        Ok(Value::string(format!("{name}({inner})")))
    });
    add_method(&be, "with_traceback", |_, a, _| Ok(a[0].clone()));
    add_method(&be, "add_note", |vm, a, _| {
        if let (Some(Value::Instance(i)), Some(n)) = (a.first(), a.get(1)) {
            let notes = match i.dict.get_by_str("__notes__") {
                Some(v) => v,
                None => {
                    let l = Value::list(vec![]);
                    i.dict.set_by_str("__notes__", l.clone());
                    l
                }
            };
            if let Value::List(l) = notes {
                l.items.borrow_mut().push(n.clone());
            }
        }
        let _ = vm;
        Ok(Value::None)
    });
    let stop = vm.types.exc("StopIteration");
    stop.dict.set_by_str(
        "value",
        Value::Property(Rc::new(super::objects::Property {
            fget: native_fn("StopIteration.value", None, |vm, a, _| {
                let e = match &a[0] {
                    Value::Instance(i) => crate::vm::PyErr(i.clone()),
                    _ => return Ok(Value::None),
                };
                Ok(vm.stop_iteration_value(&e))
            }),
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    let sysexit = vm.types.exc("SystemExit");
    sysexit.dict.set_by_str(
        "code",
        Value::Property(Rc::new(super::objects::Property {
            fget: native_fn("SystemExit.code", None, |_, a, _| {
                Ok(match &a[0] {
                    Value::Instance(i) => match i.exc.as_ref().map(|e| e.borrow().args.clone()) {
                        Some(Value::Tuple(t)) if t.items.len() == 1 => t.items[0].clone(),
                        Some(Value::Tuple(t)) if t.items.is_empty() => Value::None,
                        Some(t) => t,
                        None => Value::None,
                    },
                    _ => Value::None,
                })
            }),
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
    {
        let name = "__module__";
        let _ = name;
    }
    crate::vm::generators::init_methods(vm);
    super::methods::init(vm);
}

fn object_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Class(c)) => {
            let c = c.clone();
            if c.is_builtin
                && !Rc::ptr_eq(&c, &vm.types.object)
                && c.base_kind != BaseKind::Exception
            {
                let n = c.name();
                return Err(vm.new_error(
                    "TypeError",
                    &format!("object.__new__({n}) is not safe, use {n}.__new__()"),
                ));
            }
            vm.object_new(&c, &args[1..], kw)
        }
        _ => Err(vm.new_error("TypeError", "object.__new__(X): X is not a type object")),
    }
}

fn object_setattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args(vm, "__setattr__", args, 3, 3)?;
    let name = match &args[1] {
        Value::Str(s) => s.clone(),
        other => {
            let t = vm.type_name(other);
            return Err(vm.new_error(
                "TypeError",
                &format!("attribute name must be string, not '{t}'"),
            ));
        }
    };
    match &args[0] {
        Value::Instance(i) => {
            let i = i.clone();
            vm.generic_setattr(&i, &args[0], &name, args[2].clone())?;
        }
        other => {
            let o = other.clone();
            vm.set_attr(&o, &name, args[2].clone())?;
        }
    }
    Ok(Value::None)
}

fn object_delattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args(vm, "__delattr__", args, 2, 2)?;
    let Value::Str(name) = &args[1] else {
        return Err(vm.new_error("TypeError", "attribute name must be string"));
    };
    let name = name.clone();
    match &args[0] {
        Value::Instance(i) => {
            let i = i.clone();
            vm.generic_delattr(&i, &args[0], &name)?;
        }
        other => {
            let o = other.clone();
            vm.del_attr(&o, &name)?;
        }
    }
    Ok(Value::None)
}

fn object_getattribute(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args(vm, "__getattribute__", args, 2, 2)?;
    let Value::Str(name) = &args[1] else {
        return Err(vm.new_error("TypeError", "attribute name must be string"));
    };
    let name = name.clone();
    match &args[0] {
        // Without the `__getattr__` fallback, as CPython's object.__getattribute__.
        Value::Instance(i) => {
            let i = i.clone();
            vm.generic_getattr(&i, &args[0], &name, false)
        }
        other => {
            let o = other.clone();
            vm.get_attr(&o, &name)
        }
    }
}

/// `type(name, bases, dict)` and metaclass `__new__` (via `super().__new__`).
fn type_new(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    if args.len() == 2 {
        return Ok(Value::Class(vm.type_of(&args[1])));
    }
    if args.len() != 4 {
        return Err(vm.new_error("TypeError", "type() takes 1 or 3 arguments"));
    }
    let meta = match &args[0] {
        Value::Class(c) => c.clone(),
        _ => vm.types.type_.clone(),
    };
    let name = match &args[1] {
        Value::Str(s) => s.as_str().to_string(),
        _ => return Err(vm.new_error("TypeError", "type.__new__() argument 1 must be str")),
    };
    let bases = vm.collect(&args[2])?;
    let ns = match &args[3] {
        Value::Dict(d) => d.clone(),
        _ => return Err(vm.new_error("TypeError", "type.__new__() argument 3 must be dict")),
    };
    vm.create_class(&name, bases, ns, Some(meta), kw)
        .map(Value::Class)
}

impl Vm {
    /// Creates a class from a namespace (the core of `__build_class__` and `type()`).
    pub fn create_class(
        &mut self,
        name: &str,
        bases: Vec<Value>,
        ns: Rc<PyDict>,
        meta: Option<Rc<Class>>,
        kw: Kwargs,
    ) -> PyResult<Rc<Class>> {
        let mut base_classes = Vec::new();
        for b in &bases {
            match b {
                Value::Class(c) => base_classes.push(c.clone()),
                _ => return Err(self.new_error("TypeError", "bases must be types")),
            }
        }
        for b in &base_classes {
            if Rc::ptr_eq(b, &self.types.bool)
                || (b.is_builtin
                    && b.base_kind == BaseKind::Native
                    && !Rc::ptr_eq(b, &self.types.object)
                    && !Rc::ptr_eq(b, &self.types.type_))
            {
                let msg = format!("type '{}' is not an acceptable base type", b.name());
                return Err(self.new_error("TypeError", &msg));
            }
        }
        if base_classes.is_empty() {
            base_classes.push(self.types.object.clone());
        }
        let base_kind = if base_classes
            .iter()
            .any(|b| b.base_kind == BaseKind::Exception)
        {
            BaseKind::Exception
        } else if base_classes
            .iter()
            .any(|b| b.base_kind == BaseKind::Builtin && !Rc::ptr_eq(b, &self.types.object))
        {
            BaseKind::Builtin
        } else {
            BaseKind::Object
        };
        let qualname = match ns.get_by_str("__qualname__") {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => name.to_string(),
        };
        let cls = Rc::new(Class {
            name: RefCell::new(name.into()),
            qualname: RefCell::new(qualname.into()),
            bases: RefCell::new(base_classes.clone()),
            mro: RefCell::new(vec![]),
            dict: ns.clone(),
            base_kind,
            metaclass: RefCell::new(None),
            slots: RefCell::new(None),
            abstract_methods: RefCell::new(vec![]),
            is_builtin: false,
            cache: RefCell::new(Default::default()),
            hook_flags: std::cell::Cell::new((0, 0)),
        });
        let mro = match c3_mro(&cls, &base_classes) {
            Ok(m) => m,
            Err(msg) => return Err(self.new_error("TypeError", &msg)),
        };
        *cls.mro.borrow_mut() = mro;
        ns.del_str(&super::value::PyStr::new("__qualname__"));
        // The metaclass: explicit, or the most derived metaclass of the bases.
        let meta = meta.or_else(|| {
            base_classes
                .iter()
                .find_map(|b| b.metaclass.borrow().clone())
        });
        if let Some(m) = &meta {
            if !Rc::ptr_eq(m, &self.types.type_) {
                *cls.metaclass.borrow_mut() = Some(m.clone());
            }
        }
        // __slots__
        if let Some(slots) = ns.get_by_str("__slots__") {
            let names = match &slots {
                Value::Str(s) => vec![s.as_str().into()],
                other => {
                    let items = self.collect(other)?;
                    items
                        .iter()
                        .filter_map(|v| v.as_pystr().map(|s| Rc::from(s.as_str())))
                        .collect::<Vec<Rc<str>>>()
                }
            };
            self.add_class_descriptors(&cls, Some(&names));
            let mut all: Vec<Rc<str>> = names;
            let mut restricted = true;
            for b in cls.mro.borrow().iter().skip(1) {
                if Rc::ptr_eq(b, &self.types.object) {
                    continue;
                }
                match &*b.slots.borrow() {
                    Some(s) => all.extend(s.iter().cloned()),
                    None => restricted = false,
                }
            }
            if restricted && !all.iter().any(|s| &**s == "__dict__") {
                *cls.slots.borrow_mut() = Some(all);
            }
        } else {
            self.add_class_descriptors(&cls, None);
        }
        // Functions defined in the body: `__new__` is implicitly static, `__init_subclass__`
        // and `__class_getitem__` implicitly class methods.
        if let Some(f @ Value::Function(_)) = ns.get_by_str("__new__") {
            ns.set_by_str("__new__", Value::StaticMethod(Rc::new(f)));
        }
        for n in ["__init_subclass__", "__class_getitem__"] {
            if let Some(f @ Value::Function(_)) = ns.get_by_str(n) {
                ns.set_by_str(n, Value::ClassMethod(Rc::new(f)));
            }
        }
        // __eq__ without __hash__ makes instances unhashable.
        if ns.get_by_str("__eq__").is_some() && ns.get_by_str("__hash__").is_none() {
            ns.set_by_str("__hash__", Value::None);
        }
        self.compute_abstract_methods(&cls)?;
        // __set_name__ on descriptors.
        let items = ns.map.borrow().items();
        for (k, v) in &items {
            if matches!(v, Value::Instance(_) | Value::Native(_)) {
                if let Some(sn) = self.lookup_special(v, "__set_name__") {
                    self.call_special(&sn, v, &[Value::Class(cls.clone()), k.clone()])?;
                }
            }
        }
        // __init_subclass__ of the parent.
        let parent = cls.mro.borrow().get(1).cloned();
        if let Some(p) = parent {
            if let Some(isc) = p.lookup_str("__init_subclass__") {
                let f = match isc {
                    Value::ClassMethod(inner) => (*inner).clone(),
                    other => other,
                };
                if !matches!(&f, Value::Builtin(b) if b.name.as_ref() == "object.__init_subclass__")
                {
                    self.call(&f, &[Value::Class(cls.clone())], kw)?;
                }
            }
        }
        Ok(cls)
    }

    /// Recomputes the set of abstract methods (only enforced for ABCMeta classes).
    pub fn compute_abstract_methods(&mut self, cls: &Rc<Class>) -> PyResult<()> {
        let is_abc = cls
            .metaclass
            .borrow()
            .as_ref()
            .is_some_and(|m| &*m.name() == "ABCMeta");
        if !is_abc {
            return Ok(());
        }
        let mut names: Vec<Rc<str>> = Vec::new();
        for (k, v) in cls.dict.map.borrow().items() {
            if let Value::Str(s) = &k {
                if self.is_abstract(&v)? {
                    names.push(s.as_str().into());
                }
            }
        }
        let bases = cls.bases.borrow().clone();
        for b in &bases {
            for n in b.abstract_methods.borrow().iter() {
                if let Some(v) = cls.lookup_str(n) {
                    if self.is_abstract(&v)? && !names.contains(n) {
                        names.push(n.clone());
                    }
                }
            }
        }
        *cls.abstract_methods.borrow_mut() = names;
        Ok(())
    }
}
