//! Heap object layouts behind [`Value`]'s `Rc`s: classes, instances, functions, builtins,
//! bound methods, modules, cells, generators, iterators, descriptors and native objects.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::dict::PyDict;
use super::iter::IterKind;
use super::value::{PyStr, Value};
use crate::compiler::code::Position;
use crate::vm::code_obj::CodeObj;
use crate::vm::frame::Frame;
use crate::vm::{PyResult, Vm};

/// Keyword arguments as passed to native functions: (name, value) pairs in call order.
pub type Kwargs<'a> = &'a [(Rc<PyStr>, Value)];

/// A function implemented in Rust. Methods receive `self` as `args[0]`.
pub type NativeFn = fn(&mut Vm, &[Value], Kwargs) -> PyResult<Value>;

/// The native layout that instances of a class (and its subclasses) carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseKind {
    /// Plain instances: a dict of attributes.
    Object,
    /// Exceptions: attributes plus [`ExcData`].
    Exception,
    /// Subclasses of a builtin value type (int, str, list, dict, tuple, float, set...): the
    /// instance wraps a value of that type in `Instance::base`.
    Builtin,
    /// Instances are not `Instance`s at all (the builtin types themselves, native types).
    Native,
}

/// Name address → (the name, type version, lookup result).
pub type LookupMemo = rustc_hash::FxHashMap<usize, (Rc<PyStr>, u64, Option<Value>)>;

pub struct Class {
    pub name: RefCell<Rc<str>>,
    pub qualname: RefCell<Rc<str>>,
    pub bases: RefCell<Vec<Rc<Class>>>,
    /// Method resolution order, starting with the class itself (C3 linearisation).
    pub mro: RefCell<Vec<Rc<Class>>>,
    pub dict: Rc<PyDict>,
    pub base_kind: BaseKind,
    /// The metaclass if it is not `type` (e.g. `ABCMeta`).
    pub metaclass: RefCell<Option<Rc<Class>>>,
    /// `__slots__` names, if the class and all its bases restrict attributes.
    pub slots: RefCell<Option<Vec<Rc<str>>>>,
    /// Names of abstract methods not yet implemented (instantiation is a TypeError).
    pub abstract_methods: RefCell<Vec<Rc<str>>>,
    /// True for builtin types (their attributes cannot be set).
    pub is_builtin: bool,
    /// Memo of MRO lookups by name (keyed by the name's address; the entry keeps the name
    /// alive so the address cannot be reused), valid while the global type version is
    /// unchanged.
    pub cache: RefCell<LookupMemo>,
    /// Which attribute hooks the class overrides ([`hooks`] bits), with the type version
    /// they were computed at: instance attribute access checks one word, not three lookups.
    pub hook_flags: Cell<(u64, u8)>,
}

/// Bits of [`Class::hooks`].
pub mod hooks {
    /// A `__getattribute__` other than `object`'s.
    pub const GETATTRIBUTE: u8 = 1;
    /// A `__setattr__` other than `object`'s.
    pub const SETATTR: u8 = 2;
    /// A `__getattr__` fallback.
    pub const GETATTR: u8 = 4;
}

thread_local! {
    static TYPE_VERSION: Cell<u64> = const { Cell::new(1) };
}

/// Invalidates every class's lookup memo (a class attribute was set or deleted).
pub fn bump_type_version() {
    TYPE_VERSION.with(|v| v.set(v.get() + 1));
}

/// The current type version (changes whenever any class attribute is set or deleted).
pub fn type_version() -> u64 {
    TYPE_VERSION.with(|v| v.get())
}

impl Class {
    pub fn name(&self) -> Rc<str> {
        self.name.borrow().clone()
    }
    /// `module.qualname`, or the qualname alone for a class of `builtins` (class reprs, and
    /// CPython's `tp_name` of a type implemented natively in a module: 'numpy.ndarray').
    pub fn qualified_name(&self) -> String {
        let q = self.qualname.borrow().to_string();
        match self.dict.get_by_str("__module__") {
            Some(Value::Str(m)) if m.as_str() != "builtins" => format!("{}.{q}", m.as_str()),
            _ => q,
        }
    }
    /// Finds `name` along the MRO (no descriptor binding).
    pub fn lookup(&self, name: &PyStr) -> Option<Value> {
        if let Some(v) = self.dict.get_str(name) {
            return Some(v);
        }
        let mro = self.mro.borrow();
        for c in mro.iter().skip(1) {
            if let Some(v) = c.dict.get_str(name) {
                return Some(v);
            }
        }
        None
    }
    /// [`Class::lookup`] memoised per class; use with interned names (code-object names,
    /// `Vm::intern`), which makes repeated attribute and special-method lookups one hash probe.
    #[inline]
    pub fn lookup_cached(&self, name: &Rc<PyStr>) -> Option<Value> {
        let ver = type_version();
        let key = Rc::as_ptr(name) as usize;
        if let Some((_, v, val)) = self.cache.borrow().get(&key) {
            if *v == ver {
                return val.clone();
            }
        }
        let val = self.lookup(name);
        let mut cache = self.cache.borrow_mut();
        if cache.len() > 512 {
            cache.clear();
        }
        cache.insert(key, (name.clone(), ver, val.clone()));
        val
    }

    /// The [`hooks`] bits of this class (memoised per type version).
    #[inline]
    pub fn hooks(&self, names: &crate::vm::Names) -> u8 {
        let ver = type_version();
        let (v, flags) = self.hook_flags.get();
        if v == ver {
            return flags;
        }
        let not_object = |m: Option<Value>, own: &str| match m {
            Some(Value::Builtin(b)) => b.name.as_ref() != own,
            Some(_) => true,
            None => false,
        };
        let mut flags = 0;
        if not_object(
            self.lookup_cached(&names.getattribute),
            "object.__getattribute__",
        ) {
            flags |= hooks::GETATTRIBUTE;
        }
        if not_object(self.lookup_cached(&names.setattr), "object.__setattr__") {
            flags |= hooks::SETATTR;
        }
        if self.lookup_cached(&names.getattr).is_some() {
            flags |= hooks::GETATTR;
        }
        self.hook_flags.set((ver, flags));
        flags
    }

    pub fn lookup_str(&self, name: &str) -> Option<Value> {
        self.lookup(&PyStr::new(name))
    }
    /// Whether `self` is `other` or a subclass of it.
    pub fn is_subclass(&self, other: &Class) -> bool {
        if std::ptr::eq(self, other) {
            return true;
        }
        self.mro
            .borrow()
            .iter()
            .any(|c| std::ptr::eq(Rc::as_ptr(c), other))
    }
}

/// Per-exception state of exception instances.
#[derive(Default)]
pub struct ExcData {
    pub args: Value,
    pub cause: Value,
    pub context: Value,
    pub suppress_context: bool,
    /// Traceback entries, innermost first (printed reversed).
    pub traceback: Vec<TbEntry>,
    /// "Did you mean" text computed where the error arose (NameError needs the frame).
    pub suggestion: Option<String>,
}

#[derive(Clone)]
pub struct TbEntry {
    pub filename: Rc<str>,
    pub name: Rc<str>,
    pub pos: Position,
}

pub struct Instance {
    pub class: Rc<Class>,
    pub dict: Rc<PyDict>,
    pub exc: Option<RefCell<ExcData>>,
    /// The wrapped builtin value for subclasses of builtin types (`Value::Null` otherwise).
    pub base: RefCell<Value>,
}

pub struct Function {
    pub code: Rc<CodeObj>,
    pub globals: Rc<PyDict>,
    pub name: RefCell<Value>,
    pub qualname: RefCell<Value>,
    pub defaults: RefCell<Vec<Value>>,
    pub kwdefaults: RefCell<Option<Rc<PyDict>>>,
    pub closure: Box<[Rc<PyCell>]>,
    pub doc: RefCell<Value>,
    pub module: RefCell<Value>,
    pub annotations: RefCell<Value>,
    /// Arbitrary attributes (`f.__wrapped__`, `f.cache`...), created on first use.
    pub dict: RefCell<Option<Rc<PyDict>>>,
    /// Call counter for the profiler (tier-up).
    pub calls: Cell<u32>,
}

pub struct Builtin {
    pub name: Rc<str>,
    pub func: NativeFn,
    /// Module or type that owns it (for repr), e.g. "math".
    pub owner: Option<Rc<str>>,
}

pub struct BoundMethod {
    pub func: Value,
    pub self_: Value,
}

pub struct Module {
    pub name: Rc<str>,
    pub dict: Rc<PyDict>,
}

/// A cell for closures; `Value::Null` when empty.
pub struct PyCell {
    pub value: RefCell<Value>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenState {
    Created,
    Suspended,
    Running,
    Finished,
}

pub struct Generator {
    pub frame: RefCell<Option<Box<Frame>>>,
    pub state: Cell<GenState>,
    pub name: Rc<str>,
    pub qualname: Rc<str>,
}

pub struct PyIter {
    pub kind: RefCell<IterKind>,
}

pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}

pub struct PySuper {
    /// Lookup starts after this class in the MRO of `obj_type`.
    pub class: Rc<Class>,
    pub obj: Value,
    pub obj_type: Rc<Class>,
}

/// An object of a type implemented in Rust; `data` is downcast by the type's methods.
pub struct NativeObj {
    pub class: Rc<Class>,
    pub data: Box<dyn Any>,
}

impl NativeObj {
    pub fn get<T: 'static>(&self) -> Option<&T> {
        self.data.downcast_ref::<T>()
    }
}
