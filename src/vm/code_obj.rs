//! Runtime view of a code object: the compiler's [`Code`] plus its constants converted to
//! values and its names interned, done once per code object.

use std::rc::Rc;

use crate::compiler::code::{Code, Constant};
use crate::runtime::value::{PyStr, Value};
use crate::vm::Vm;

pub struct CodeObj {
    pub code: Rc<Code>,
    pub consts: Vec<Value>,
    pub names: Vec<Rc<PyStr>>,
    pub varnames: Vec<Rc<PyStr>>,
    /// Fast locals + cells + free variables: where the value stack starts in a frame.
    pub nlocalsplus: usize,
    pub ncells: usize,
    /// Profiling: loop work in this code (all frames): each back-edge adds the length of its
    /// loop body in instructions. Drives tier-up and on-stack replacement.
    pub backedges: std::cell::Cell<u64>,
    /// Inline caches of `LoadGlobal`, one per name: where the name was found last time.
    pub global_cache: Vec<std::cell::Cell<GlobalCache>>,
    /// Inline caches of `LoadAttr`/`StoreAttr`/`LoadMethod`, one per instruction:
    /// `(class address, type version)` for which the fact the instruction relies on holds
    /// (the class and its bases have no attribute of that name and no hooks, or the method
    /// found is `attr_methods[i]`). Classes are never freed (their MRO contains themselves),
    /// so an address always names the same class.
    pub attr_cache: Vec<std::cell::Cell<(usize, u64)>>,
    pub attr_methods: std::cell::RefCell<Vec<Value>>,
}

/// A `LoadGlobal` cache entry: valid while the globals (and, for builtins, the builtins) dict
/// still has the recorded version; `index` is the entry's position in that dict.
#[derive(Clone, Copy, Default)]
pub struct GlobalCache {
    pub globals_version: u64,
    pub builtins_version: u64,
    pub index: u32,
    pub in_builtins: bool,
}

impl CodeObj {
    pub fn name(&self) -> &Rc<str> {
        &self.code.name
    }
}

impl Vm {
    /// Converts a compiled code object (and its nested code objects) for execution.
    pub fn load_code(&mut self, code: &Rc<Code>) -> Rc<CodeObj> {
        let consts = code.consts.iter().map(|c| self.const_value(c)).collect();
        let names = code.names.iter().map(|n| self.intern(n)).collect();
        let varnames = code.varnames.iter().map(|n| self.intern(n)).collect();
        let ncells = code.cellvars.len();
        Rc::new(CodeObj {
            nlocalsplus: code.varnames.len() + ncells + code.freevars.len(),
            ncells,
            code: code.clone(),
            consts,
            names,
            varnames,
            backedges: std::cell::Cell::new(0),
            global_cache: vec![std::cell::Cell::new(GlobalCache::default()); code.names.len()],
            attr_cache: vec![std::cell::Cell::new((0, 0)); code.instrs.len()],
            attr_methods: std::cell::RefCell::new(vec![Value::Null; code.instrs.len()]),
        })
    }

    pub fn const_value(&mut self, c: &Constant) -> Value {
        match c {
            Constant::None => Value::None,
            Constant::Bool(b) => Value::Bool(*b),
            Constant::Int(i) => Value::Int(*i),
            Constant::BigInt(b) => Value::from_bigint(b.clone()),
            Constant::Float(f) => Value::Float(*f),
            Constant::Complex(re, im) => Value::Complex(Rc::new((*re, *im))),
            Constant::Str(s) => {
                if s.len() <= 32 {
                    Value::Str(self.intern(s))
                } else {
                    Value::str(s)
                }
            }
            Constant::Bytes(b) => Value::Bytes(Rc::new(b.to_vec())),
            Constant::Tuple(items) => {
                Value::tuple(items.iter().map(|c| self.const_value(c)).collect())
            }
            Constant::Ellipsis => Value::Ellipsis,
            Constant::Code(code) => Value::Code(self.load_code(code)),
        }
    }
}
