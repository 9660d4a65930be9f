//! Methods of the builtin value types, one file per type family, registered into the type
//! objects' dicts at startup, plus the argument helpers they share.
//!
//! Every method first maps `self` through [`Vm::unwrap_base`] so that it also works on
//! instances of user subclasses (`class L(list)`), whose `Instance::base` holds the builtin
//! value. The builtin types also get their special methods (`__len__`, `__getitem__`,
//! `__add__`, ...) as natives that call the VM protocols on the unwrapped value, so the VM's
//! normal special-method lookup on a subclass instance reaches the builtin behaviour.

pub mod bytes;
pub mod complex;
pub mod dict;
pub mod dunders;
pub mod file;
pub mod float;
pub mod int;
pub mod list;
pub mod range;
pub mod set;
pub mod str;
pub mod tuple;

use std::rc::Rc;

use crate::runtime::objects::{Class, Instance, Kwargs};
use crate::runtime::value::{PyStr, Value};
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) {
    list::init(vm);
    str::init(vm);
    dict::init(vm);
    set::init(vm);
    tuple::init(vm);
    int::init(vm);
    float::init(vm);
    complex::init(vm);
    bytes::init(vm);
    range::init(vm);
    dunders::init(vm);
}

impl Vm {
    /// The builtin value wrapped by an instance of a subclass of a builtin type
    /// (`class L(list)`); any other value is returned as is.
    #[inline]
    pub fn unwrap_base(&self, v: &Value) -> Value {
        if let Value::Instance(i) = v {
            let b = i.base.borrow();
            if !b.is_null() {
                return b.clone();
            }
        }
        v.clone()
    }

    /// A new instance of the user class `cls` (a subclass of a builtin type) wrapping `base`.
    pub fn wrap_base(&mut self, cls: &Rc<Class>, base: Value) -> Value {
        Value::Instance(Rc::new(Instance {
            class: cls.clone(),
            dict: Rc::new(crate::runtime::dict::PyDict::new()),
            exc: None,
            base: std::cell::RefCell::new(base),
        }))
    }
}

/// `__new__`'s result for `cls`: the plain value when `cls` is the builtin type itself,
/// otherwise an instance of the subclass wrapping it.
pub fn new_of(vm: &mut Vm, cls: &Value, builtin: &Rc<Class>, v: Value) -> PyResult<Value> {
    match cls {
        Value::Class(c) if !Rc::ptr_eq(c, builtin) => {
            if !c.is_subclass(builtin) {
                let msg = format!(
                    "{}.__new__({}): {} is not a subtype of {}",
                    builtin.name(),
                    c.name(),
                    c.name(),
                    builtin.name()
                );
                return Err(vm.new_error("TypeError", &msg));
            }
            Ok(vm.wrap_base(c, v))
        }
        _ => Ok(v),
    }
}

/// A TypeError for a method called on a value of the wrong type.
#[cold]
pub fn descriptor_error(vm: &mut Vm, name: &str, ty: &str, got: &Value) -> crate::vm::PyErr {
    let t = vm.type_name(got);
    vm.new_error(
        "TypeError",
        &format!("descriptor '{name}' for '{ty}' objects doesn't apply to a '{t}' object"),
    )
}

/// Binds positional and keyword arguments of a native method to named parameters
/// (CPython's argument clinic messages, abridged). `args` excludes `self`.
pub fn bind<'a>(
    vm: &mut Vm,
    fname: &str,
    args: &'a [Value],
    kw: Kwargs<'a>,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<Value>>> {
    if args.len() > names.len() {
        let msg = if names.is_empty() {
            format!("{fname}() takes no arguments ({} given)", args.len())
        } else if required == names.len() {
            if names.len() == 1 {
                format!(
                    "{fname}() takes exactly one argument ({} given)",
                    args.len()
                )
            } else {
                format!(
                    "{fname} expected {} arguments, got {}",
                    names.len(),
                    args.len()
                )
            }
        } else {
            format!(
                "{fname} expected at most {} argument{}, got {}",
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                args.len()
            )
        };
        return Err(vm.new_error("TypeError", &msg));
    }
    let mut out: Vec<Option<Value>> = vec![None; names.len()];
    for (i, a) in args.iter().enumerate() {
        out[i] = Some(a.clone());
    }
    for (k, v) in kw {
        match names.iter().position(|n| *n == k.as_str()) {
            Some(i) => {
                if out[i].is_some() {
                    let msg = format!(
                        "argument for {fname}() given by name ('{}') and position ({})",
                        k.as_str(),
                        i + 1
                    );
                    return Err(vm.new_error("TypeError", &msg));
                }
                out[i] = Some(v.clone());
            }
            None => {
                let msg = format!(
                    "{fname}() got an unexpected keyword argument '{}'",
                    k.as_str()
                );
                return Err(vm.new_error("TypeError", &msg));
            }
        }
    }
    for (i, slot) in out.iter().enumerate().take(required) {
        if slot.is_none() {
            let msg = if args.is_empty() && kw.is_empty() && required == 1 {
                format!("{fname}() takes exactly one argument (0 given)")
            } else {
                format!(
                    "{fname}() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                )
            };
            return Err(vm.new_error("TypeError", &msg));
        }
    }
    Ok(out)
}

/// Rejects keyword arguments for methods that take none.
pub fn no_kw(vm: &mut Vm, fname: &str, kw: Kwargs) -> PyResult<()> {
    if !kw.is_empty() {
        return Err(vm.new_error(
            "TypeError",
            &format!("{fname}() takes no keyword arguments"),
        ));
    }
    Ok(())
}

/// An optional slice-style index (`None` → absent); big ints saturate.
pub fn opt_index(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::BigInt(b)) => {
            use num_traits::Signed;
            Ok(Some(if b.is_negative() {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            }))
        }
        Some(v) => {
            if matches!(v, Value::Int(_) | Value::Bool(_))
                || vm.lookup_special(v, "__index__").is_some()
            {
                vm.index_value(v).map(Some)
            } else {
                Err(vm.new_error(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                ))
            }
        }
    }
}

/// An int argument (`__index__`), with a TypeError naming the expected type.
pub fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        Value::BigInt(_) => Err(vm.new_error(
            "OverflowError",
            "Python int too large to convert to C ssize_t",
        )),
        Value::Float(_) => Err(vm.new_error(
            "TypeError",
            "'float' object cannot be interpreted as an integer",
        )),
        other => vm.index_value(other),
    }
}

/// The str behind a value (unwrapping str subclasses), if it is one.
pub fn as_str(vm: &Vm, v: &Value) -> Option<Rc<PyStr>> {
    match v {
        Value::Str(s) => Some(s.clone()),
        Value::Instance(_) => match vm.unwrap_base(v) {
            Value::Str(s) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

/// A required str argument with CPython's "must be str, not X" message.
pub fn str_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Rc<PyStr>> {
    match as_str(vm, v) {
        Some(s) => Ok(s),
        None => {
            let t = vm.type_name(v);
            Err(vm.new_error("TypeError", &format!("{what} must be str, not {t}")))
        }
    }
}

/// Refuses allocations of absurd size up front (MemoryError instead of an abort).
pub fn check_size(vm: &mut Vm, n: u128) -> PyResult<()> {
    if n > (1u128 << 34) {
        return Err(vm.new_error("MemoryError", ""));
    }
    Ok(())
}
