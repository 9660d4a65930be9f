//! The value representation: a 16-byte enum with ints, floats, bools and None unboxed and every
//! other object behind an `Rc`. Reference counting frees acyclic garbage promptly; cycles leak
//! (no cycle collector yet).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use num_bigint::BigInt;

use super::dict::PyDict;
use super::objects::{
    BoundMethod, Builtin, Class, Function, Generator, Instance, Module, NativeObj, Property,
    PyCell, PyIter, PySuper,
};
use crate::vm::code_obj::CodeObj;

/// A Python value.
#[derive(Default)]
pub enum Value {
    /// Internal stack sentinel (unbound local, `LoadMethod`'s "no self"); never visible to Python.
    #[default]
    Null,
    None,
    NotImplemented,
    Ellipsis,
    Bool(bool),
    /// An int that fits in i64; larger ints are `BigInt`, never an `Int`-representable value.
    Int(i64),
    BigInt(Rc<BigInt>),
    Float(f64),
    Complex(Rc<(f64, f64)>),
    Str(Rc<PyStr>),
    Bytes(Rc<Vec<u8>>),
    ByteArray(Rc<RefCell<Vec<u8>>>),
    List(Rc<PyList>),
    Tuple(Rc<PyTuple>),
    Dict(Rc<PyDict>),
    Set(Rc<PySet>),
    FrozenSet(Rc<PySet>),
    Range(Rc<PyRange>),
    Slice(Rc<PySlice>),
    Function(Rc<Function>),
    Builtin(Rc<Builtin>),
    BoundMethod(Rc<BoundMethod>),
    Class(Rc<Class>),
    Instance(Rc<Instance>),
    Module(Rc<Module>),
    Cell(Rc<PyCell>),
    Generator(Rc<Generator>),
    Iter(Rc<PyIter>),
    Property(Rc<Property>),
    ClassMethod(Rc<Value>),
    StaticMethod(Rc<Value>),
    Super(Rc<PySuper>),
    Code(Rc<CodeObj>),
    /// Objects of extension types written in Rust (numpy arrays, files, functools objects...).
    Native(Rc<NativeObj>),
}

impl Clone for Value {
    /// Inlined so the interpreter's hot paths copy scalars without a call.
    #[inline(always)]
    fn clone(&self) -> Value {
        match self {
            Value::Int(i) => Value::Int(*i),
            Value::Float(f) => Value::Float(*f),
            Value::Bool(b) => Value::Bool(*b),
            Value::None => Value::None,
            Value::Null => Value::Null,
            Value::NotImplemented => Value::NotImplemented,
            Value::Ellipsis => Value::Ellipsis,
            Value::BigInt(r) => Value::BigInt(Rc::clone(r)),
            Value::Complex(r) => Value::Complex(Rc::clone(r)),
            Value::Str(r) => Value::Str(Rc::clone(r)),
            Value::Bytes(r) => Value::Bytes(Rc::clone(r)),
            Value::ByteArray(r) => Value::ByteArray(Rc::clone(r)),
            Value::List(r) => Value::List(Rc::clone(r)),
            Value::Tuple(r) => Value::Tuple(Rc::clone(r)),
            Value::Dict(r) => Value::Dict(Rc::clone(r)),
            Value::Set(r) => Value::Set(Rc::clone(r)),
            Value::FrozenSet(r) => Value::FrozenSet(Rc::clone(r)),
            Value::Range(r) => Value::Range(Rc::clone(r)),
            Value::Slice(r) => Value::Slice(Rc::clone(r)),
            Value::Function(r) => Value::Function(Rc::clone(r)),
            Value::Builtin(r) => Value::Builtin(Rc::clone(r)),
            Value::BoundMethod(r) => Value::BoundMethod(Rc::clone(r)),
            Value::Class(r) => Value::Class(Rc::clone(r)),
            Value::Instance(r) => Value::Instance(Rc::clone(r)),
            Value::Module(r) => Value::Module(Rc::clone(r)),
            Value::Cell(r) => Value::Cell(Rc::clone(r)),
            Value::Generator(r) => Value::Generator(Rc::clone(r)),
            Value::Iter(r) => Value::Iter(Rc::clone(r)),
            Value::Property(r) => Value::Property(Rc::clone(r)),
            Value::ClassMethod(r) => Value::ClassMethod(Rc::clone(r)),
            Value::StaticMethod(r) => Value::StaticMethod(Rc::clone(r)),
            Value::Super(r) => Value::Super(Rc::clone(r)),
            Value::Code(r) => Value::Code(Rc::clone(r)),
            Value::Native(r) => Value::Native(Rc::clone(r)),
        }
    }
}

/// A str: UTF-8 text with its hash cached and its code-point length known.
pub struct PyStr {
    pub s: Box<str>,
    /// Number of code points (== bytes when the string is ASCII).
    pub char_len: usize,
    hash: Cell<Option<u64>>,
}

impl PyStr {
    pub fn new(s: impl Into<Box<str>>) -> PyStr {
        let s: Box<str> = s.into();
        let char_len = if s.is_ascii() {
            s.len()
        } else {
            s.chars().count()
        };
        PyStr {
            s,
            char_len,
            hash: Cell::new(None),
        }
    }
    pub fn as_str(&self) -> &str {
        &self.s
    }
    pub fn is_ascii(&self) -> bool {
        self.char_len == self.s.len()
    }
    /// A stable string hash (FxHash of the bytes); cached.
    pub fn hash(&self) -> u64 {
        if let Some(h) = self.hash.get() {
            return h;
        }
        use std::hash::{BuildHasher, Hasher};
        let mut hasher = rustc_hash::FxBuildHasher.build_hasher();
        hasher.write(self.s.as_bytes());
        let mut h = hasher.finish();
        // -1 is reserved in CPython's hash protocol; keep the same invariant.
        if h as i64 == -1 {
            h = (-2i64) as u64;
        }
        self.hash.set(Some(h));
        h
    }
}

pub struct PyList {
    pub items: RefCell<Vec<Value>>,
}

pub struct PyTuple {
    pub items: Box<[Value]>,
}

/// set and frozenset share one representation: a dict whose values are unused.
pub struct PySet {
    pub map: RefCell<super::dict::DictMap>,
}

pub struct PyRange {
    pub start: i64,
    pub stop: i64,
    pub step: i64,
}

impl PyRange {
    pub fn len(&self) -> i64 {
        let (start, stop, step) = (self.start as i128, self.stop as i128, self.step as i128);
        let n = if step > 0 && start < stop {
            (stop - start - 1) / step + 1
        } else if step < 0 && start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        n as i64
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

pub struct PySlice {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}

impl Value {
    pub fn str(s: &str) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }
    pub fn string(s: String) -> Value {
        Value::Str(Rc::new(PyStr::new(s)))
    }
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(Rc::new(PyList {
            items: RefCell::new(items),
        }))
    }
    pub fn tuple(items: Vec<Value>) -> Value {
        Value::Tuple(Rc::new(PyTuple {
            items: items.into_boxed_slice(),
        }))
    }
    pub fn from_bigint(b: BigInt) -> Value {
        use num_traits::ToPrimitive;
        match b.to_i64() {
            Some(i) => Value::Int(i),
            None => Value::BigInt(Rc::new(b)),
        }
    }
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }
    pub fn is_none(&self) -> bool {
        matches!(self, Value::None)
    }
    pub fn as_pystr(&self) -> Option<&Rc<PyStr>> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    /// Identity (`is`): pointer equality for objects, value equality for unboxed scalars.
    pub fn is(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Null, Null) | (None, None) | (NotImplemented, NotImplemented) => true,
            (Ellipsis, Ellipsis) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a.to_bits() == b.to_bits(),
            _ => match (self.ptr(), other.ptr()) {
                (Some(a), Some(b)) => a == b,
                _ => false,
            },
        }
    }
    /// The address of the boxed object, used for `id()` and identity.
    pub fn ptr(&self) -> Option<usize> {
        use Value::*;
        Some(match self {
            BigInt(r) => Rc::as_ptr(r) as *const () as usize,
            Complex(r) => Rc::as_ptr(r) as *const () as usize,
            Str(r) => Rc::as_ptr(r) as *const () as usize,
            Bytes(r) => Rc::as_ptr(r) as *const () as usize,
            ByteArray(r) => Rc::as_ptr(r) as *const () as usize,
            List(r) => Rc::as_ptr(r) as *const () as usize,
            Tuple(r) => Rc::as_ptr(r) as *const () as usize,
            Dict(r) => Rc::as_ptr(r) as *const () as usize,
            Set(r) | FrozenSet(r) => Rc::as_ptr(r) as *const () as usize,
            Range(r) => Rc::as_ptr(r) as *const () as usize,
            Slice(r) => Rc::as_ptr(r) as *const () as usize,
            Function(r) => Rc::as_ptr(r) as *const () as usize,
            Builtin(r) => Rc::as_ptr(r) as *const () as usize,
            BoundMethod(r) => Rc::as_ptr(r) as *const () as usize,
            Class(r) => Rc::as_ptr(r) as *const () as usize,
            Instance(r) => Rc::as_ptr(r) as *const () as usize,
            Module(r) => Rc::as_ptr(r) as *const () as usize,
            Cell(r) => Rc::as_ptr(r) as *const () as usize,
            Generator(r) => Rc::as_ptr(r) as *const () as usize,
            Iter(r) => Rc::as_ptr(r) as *const () as usize,
            Property(r) => Rc::as_ptr(r) as *const () as usize,
            ClassMethod(r) | StaticMethod(r) => Rc::as_ptr(r) as *const () as usize,
            Super(r) => Rc::as_ptr(r) as *const () as usize,
            Code(r) => Rc::as_ptr(r) as *const () as usize,
            Native(r) => Rc::as_ptr(r) as *const () as usize,
            _ => return Option::None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn value_is_16_bytes() {
        assert_eq!(std::mem::size_of::<Value>(), 16);
    }
}
