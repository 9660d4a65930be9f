//! VM stage: the interpreter state ([`Vm`]), frames, the evaluation loop and the protocols
//! (calls, attributes, operators, iteration, exceptions, generators, imports) it relies on.
//!
//! Submodules by topic: `eval` (the loop), `call` (argument binding, frames), `attr`
//! (attribute lookup and descriptors), `ops` (binary/unary/compare), `protocols` (truth,
//! iteration, hashing, equality, subscripts, repr/str), `exceptions` (raising, tracebacks),
//! `generators`, `import`.

pub mod attr;
pub mod call;
pub mod code_obj;
pub mod descriptors;
pub mod eval;
pub mod exceptions;
pub mod frame;
pub mod generators;
pub mod import;
pub mod ops;
pub mod protocols;
pub mod subscript;
pub mod suggestions;

use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use crate::runtime::dict::PyDict;
use crate::runtime::objects::{Class, Instance};
use crate::runtime::types::Types;
use crate::runtime::value::{PyStr, Value};

/// Interned names the VM looks up on hot paths (no string hashing per lookup).
pub struct Names {
    pub getattribute: Rc<PyStr>,
    pub getattr: Rc<PyStr>,
    pub setattr: Rc<PyStr>,
    pub new: Rc<PyStr>,
    pub init: Rc<PyStr>,
}

/// A raised Python exception (an instance of a BaseException subclass).
#[derive(Clone)]
pub struct PyErr(pub Rc<Instance>);

pub type PyResult<T> = Result<T, PyErr>;

/// Where `print` and `sys.stdout.write` go.
pub struct Output {
    pub buf: Vec<u8>,
    /// Capture instead of writing to the process's stdout (tests, `--compare`).
    pub capture: Option<Vec<u8>>,
}

impl Output {
    pub fn write_str(&mut self, s: &str) {
        match &mut self.capture {
            Some(c) => c.extend_from_slice(s.as_bytes()),
            None => {
                self.buf.extend_from_slice(s.as_bytes());
                if self.buf.len() > 1 << 16 {
                    self.flush();
                }
            }
        }
    }
    pub fn flush(&mut self) {
        if !self.buf.is_empty() {
            let mut out = std::io::stdout().lock();
            let _ = out.write_all(&self.buf);
            let _ = out.flush();
            self.buf.clear();
        }
    }
}

/// The interpreter state.
pub struct Vm {
    pub types: Types,
    pub builtins: Rc<PyDict>,
    /// `sys.modules`.
    pub modules: Rc<PyDict>,
    /// `sys.path` (a list value shared with the sys module).
    pub sys_path: Value,
    pub argv: Vec<String>,
    /// The exception being handled (`sys.exc_info()`), or None.
    pub handled_exc: Value,
    pub depth: usize,
    pub recursion_limit: usize,
    pub stdout: Output,
    /// Source text by filename, for traceback lines.
    pub sources: HashMap<Rc<str>, Rc<str>>,
    /// Interned strings for names in code objects and one-character strings.
    pub interned: rustc_hash::FxHashMap<Box<str>, Rc<PyStr>>,
    /// Reusable frame buffers (saves an allocation per call).
    pub frame_pool: Vec<Vec<Value>>,
    /// Set by the SIGINT handler; checked at loop back-edges.
    pub interrupt: &'static std::sync::atomic::AtomicBool,
    /// Write `__pycache__` files.
    pub write_bytecode: bool,
    /// Set while re-raising (bare `raise`, `Reraise`): no new traceback entry is added.
    pub reraising: bool,
    /// Suffix for the RecursionError message of the next `call_special` (CPython says
    /// "while calling a Python object" when the limit is hit entering a dunder from C).
    pub call_note: Option<&'static str>,
    /// Containers whose repr is in progress (`[[...]]` for self-containing lists).
    pub repr_guard: Vec<usize>,
    /// Modules whose body is running (for "partially initialized module" errors).
    pub initializing: Vec<Rc<str>>,
    /// `sys.get_int_max_str_digits()`.
    pub int_max_str_digits: usize,
    pub names: Names,
    /// JIT bridge state (`crate::jit_bridge`): options, compiled functions, statistics.
    pub jit: Box<crate::jit_bridge::JitState>,
    /// Call count at which `call_function` consults the JIT (u32::MAX: never).
    pub jit_threshold: u32,
    /// Loop work of a code object at which back-edges consult the OSR hook (u64::MAX: never;
    /// `crate::jit_bridge::osr_work`).
    pub osr_work: u64,
}

/// Hard ceiling on Python call depth regardless of `sys.setrecursionlimit`, derived from the
/// interpreter thread's stack size so deep recursion is a RecursionError, never a crash.
pub const MAX_DEPTH_HARD: usize = 50_000;

/// Stack size of the interpreter thread (virtual; pages are committed on use).
pub const INTERP_STACK_BYTES: usize = 4 << 30;

impl Vm {
    pub fn new(argv: Vec<String>) -> Vm {
        static INTERRUPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
        let types = Types::new();
        let mut vm = Vm {
            types,
            builtins: Rc::new(PyDict::new()),
            modules: Rc::new(PyDict::new()),
            sys_path: Value::list(vec![]),
            argv,
            handled_exc: Value::None,
            depth: 0,
            recursion_limit: 1000,
            stdout: Output {
                buf: Vec::with_capacity(1 << 16),
                capture: None,
            },
            sources: HashMap::new(),
            interned: Default::default(),
            frame_pool: Vec::new(),
            interrupt: &INTERRUPT,
            write_bytecode: true,
            reraising: false,
            call_note: None,
            repr_guard: Vec::new(),
            initializing: Vec::new(),
            int_max_str_digits: 4300,
            names: Names {
                getattribute: Rc::new(PyStr::new("__getattribute__")),
                getattr: Rc::new(PyStr::new("__getattr__")),
                setattr: Rc::new(PyStr::new("__setattr__")),
                new: Rc::new(PyStr::new("__new__")),
                init: Rc::new(PyStr::new("__init__")),
            },
            jit: Box::default(),
            jit_threshold: crate::jit_bridge::CALL_THRESHOLD,
            osr_work: crate::jit_bridge::osr_work(&Default::default()),
        };
        // The hot-path names are the interned ones, so code-object names share their address.
        for n in [
            vm.names.getattribute.clone(),
            vm.names.getattr.clone(),
            vm.names.setattr.clone(),
            vm.names.new.clone(),
            vm.names.init.clone(),
        ] {
            vm.interned.insert(n.as_str().into(), n);
        }
        crate::runtime::types::init_type_methods(&mut vm);
        crate::runtime::builtins::init_builtins(&mut vm);
        crate::modules::register_builtin_modules(&mut vm);
        vm
    }

    /// An interned str (names, one-character strings).
    pub fn intern(&mut self, s: &str) -> Rc<PyStr> {
        if let Some(v) = self.interned.get(s) {
            return v.clone();
        }
        let v = Rc::new(PyStr::new(s));
        self.interned.insert(s.into(), v.clone());
        v
    }
    pub fn intern_value(&mut self, s: &str) -> Value {
        Value::Str(self.intern(s))
    }
    pub fn char_str(&mut self, s: &str) -> Value {
        if s.len() == 1 {
            Value::Str(self.intern(s))
        } else {
            Value::str(s)
        }
    }

    /// The class of a value (`type(v)`).
    pub fn type_of(&self, v: &Value) -> Rc<Class> {
        let t = &self.types;
        match v {
            Value::Null | Value::None => t.none_type.clone(),
            Value::NotImplemented => t.not_implemented_type.clone(),
            Value::Ellipsis => t.ellipsis_type.clone(),
            Value::Bool(_) => t.bool.clone(),
            Value::Int(_) | Value::BigInt(_) => t.int.clone(),
            Value::Float(_) => t.float.clone(),
            Value::Complex(_) => t.complex.clone(),
            Value::Str(_) => t.str.clone(),
            Value::Bytes(_) => t.bytes.clone(),
            Value::ByteArray(_) => t.bytearray.clone(),
            Value::List(_) => t.list.clone(),
            Value::Tuple(_) => t.tuple.clone(),
            Value::Dict(_) => t.dict.clone(),
            Value::Set(_) => t.set.clone(),
            Value::FrozenSet(_) => t.frozenset.clone(),
            Value::Range(_) => t.range.clone(),
            Value::Slice(_) => t.slice.clone(),
            Value::Function(_) => t.function.clone(),
            Value::Builtin(_) => t.builtin_function.clone(),
            Value::BoundMethod(_) => t.method.clone(),
            Value::Class(c) => c
                .metaclass
                .borrow()
                .clone()
                .unwrap_or_else(|| t.type_.clone()),
            Value::Instance(i) => i.class.clone(),
            Value::Module(_) => t.module.clone(),
            Value::Cell(_) => t.cell.clone(),
            Value::Generator(_) => t.generator.clone(),
            Value::Iter(it) => t.iter_class(it.kind.borrow().type_name()),
            Value::Property(_) => t.property.clone(),
            Value::ClassMethod(_) => t.classmethod.clone(),
            Value::StaticMethod(_) => t.staticmethod.clone(),
            Value::Super(_) => t.super_.clone(),
            Value::Code(_) => t.code.clone(),
            Value::Native(n) => n.class.clone(),
        }
    }

    /// `type(v).__name__`, with the iterator kinds' own names.
    pub fn type_name(&self, v: &Value) -> Rc<str> {
        match v {
            Value::Iter(it) => it.kind.borrow().type_name().into(),
            _ => self.type_of(v).name(),
        }
    }

    /// Checks the recursion limit before entering a Python frame or a dunder called from Rust.
    #[inline]
    pub fn enter(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth > self.recursion_limit.min(MAX_DEPTH_HARD) {
            self.depth -= 1;
            return Err(self.recursion_error());
        }
        Ok(())
    }
    #[inline]
    pub fn leave(&mut self) {
        self.depth -= 1;
    }
    #[cold]
    fn recursion_error(&mut self) -> PyErr {
        let suffix = self.call_note.take().unwrap_or("");
        self.new_error(
            "RecursionError",
            &format!("maximum recursion depth exceeded{suffix}"),
        )
    }

    pub fn write_stdout(&mut self, s: &str) {
        self.stdout.write_str(s);
    }
    pub fn flush_stdout(&mut self) {
        self.stdout.flush();
    }
}
