//! Builtin modules written in Rust, registered by name and created on first import.

pub mod math;
pub mod math_special;
pub mod numba;
pub mod os_mod;
pub mod sys;
pub mod time;

use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

/// Names of the builtin modules, with their constructors.
/// Creates a builtin module's object.
pub type ModuleInit = fn(&mut Vm) -> PyResult<Value>;

pub const BUILTIN_MODULES: &[(&str, ModuleInit)] = &[
    ("sys", sys::create),
    ("time", time::create),
    ("math", math::create),
    ("_os", os_mod::create),
    ("numpy", crate::numpy::create),
    ("numba", numba::create),
];

/// Called once at startup (the `sys` module exists from the start).
pub fn register_builtin_modules(vm: &mut Vm) {
    if let Ok(Some(m)) = create_builtin_module(vm, "sys") {
        vm.modules.set_by_str("sys", m);
    }
    let b = Value::Module(std::rc::Rc::new(crate::runtime::objects::Module {
        name: "builtins".into(),
        dict: vm.builtins.clone(),
    }));
    vm.modules.set_by_str("builtins", b);
}

/// Standard-library modules written in Python and embedded in the binary (`pylib/`).
/// They are compiled on first import like any source module.
pub const EMBEDDED_MODULES: &[(&str, &str)] = &[
    ("functools", include_str!("pylib/functools.py")),
    ("operator", include_str!("pylib/operator.py")),
    ("abc", include_str!("pylib/abc.py")),
    ("typing", include_str!("pylib/typing.py")),
    ("collections", include_str!("pylib/collections.py")),
    ("dataclasses", include_str!("pylib/dataclasses.py")),
    ("copy", include_str!("pylib/copy.py")),
    ("itertools", include_str!("pylib/itertools.py")),
    ("string", include_str!("pylib/string.py")),
    ("contextlib", include_str!("pylib/contextlib.py")),
    ("warnings", include_str!("pylib/warnings.py")),
    ("os", include_str!("pylib/os.py")),
    ("posixpath", include_str!("pylib/posixpath.py")),
    ("tempfile", include_str!("pylib/tempfile.py")),
    ("enum", include_str!("pylib/enum.py")),
];

/// Creates the builtin module `name`, or `Ok(None)` if there is none by that name.
pub fn create_builtin_module(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    for (n, f) in BUILTIN_MODULES {
        if *n == name {
            return f(vm).map(Some);
        }
    }
    for (n, src) in EMBEDDED_MODULES {
        if *n == name {
            return vm.load_embedded_module(name, src).map(Some);
        }
    }
    Ok(None)
}

/// A new module value with a `__name__`.
pub fn new_module(name: &str) -> (Value, std::rc::Rc<crate::runtime::dict::PyDict>) {
    let dict = std::rc::Rc::new(crate::runtime::dict::PyDict::new());
    dict.set_by_str("__name__", Value::str(name));
    dict.set_by_str("__doc__", Value::None);
    let m = Value::Module(std::rc::Rc::new(crate::runtime::objects::Module {
        name: name.into(),
        dict: dict.clone(),
    }));
    (m, dict)
}
