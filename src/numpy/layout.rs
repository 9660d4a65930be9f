//! Memory layout: the `flags` attribute of arrays and numpy scalars (numpy's `flagsobj`),
//! `np.ascontiguousarray`, `np.asfortranarray` and `np.resize`.
//!
//! The flags are a snapshot taken when `.flags` is read: an array's layout never changes in
//! place here, and setting flags (`a.flags.writeable = False`) is not supported.

use std::rc::Rc;

use crate::runtime::objects::{Class, Kwargs, NativeObj};
use crate::runtime::types::add_method;
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

use super::array::{shape_size, NdArray};
use super::dtype::{DType, Scalar};
use super::methods::{prop, this};
use super::{arg, arg_some, classes, np_scalar, parse_dtype, wrap, Classes};

/// numpy's C_CONTIGUOUS: also true for every empty array (it has no element out of order).
pub fn c_contiguous(a: &NdArray) -> bool {
    a.size() == 0 || a.is_c_contiguous()
}

/// numpy's F_CONTIGUOUS, with the same rule for empty arrays.
pub fn f_contiguous(a: &NdArray) -> bool {
    a.size() == 0 || a.is_f_contiguous()
}

/// The flags numpy reports. ALIGNED is always true (elements are 8-byte words in an 8-byte
/// aligned buffer) and WRITEBACKIFCOPY always false (no operation here makes such arrays).
#[derive(Clone, Copy, PartialEq)]
pub struct Flags {
    c: bool,
    f: bool,
    owndata: bool,
    writeable: bool,
}

impl Flags {
    fn of_array(a: &NdArray) -> Flags {
        Flags {
            c: c_contiguous(a),
            f: f_contiguous(a),
            owndata: a.owndata,
            writeable: true,
        }
    }

    /// A numpy scalar's flags: a 0-d block of its own that cannot be written.
    fn of_scalar() -> Flags {
        Flags {
            c: true,
            f: true,
            owndata: true,
            writeable: false,
        }
    }

    /// The value of a flag by the names `flags[...]` accepts (numpy's full and short names).
    fn get(self, key: &str) -> Option<bool> {
        let behaved = self.writeable; // ALIGNED is always true
        Some(match key {
            "C" | "CONTIGUOUS" | "C_CONTIGUOUS" => self.c,
            "F" | "FORTRAN" | "F_CONTIGUOUS" => self.f,
            "O" | "OWNDATA" => self.owndata,
            "W" | "WRITEABLE" => self.writeable,
            "A" | "ALIGNED" => true,
            "X" | "WRITEBACKIFCOPY" => false,
            "B" | "BEHAVED" => behaved,
            "CA" | "CARRAY" => behaved && self.c,
            // numpy tests "any of ALIGNED, WRITEABLE, F_CONTIGUOUS set" here (not all of
            // them, as for CARRAY), and ALIGNED is always set: FARRAY is "not C-contiguous".
            "FA" | "FARRAY" => !self.c,
            "FNC" => self.f && !self.c,
            "FORC" => self.f || self.c,
            _ => return None,
        })
    }

    /// numpy's `flags.num`: the NPY_ARRAY_* bits (C 0x1, F 0x2, OWNDATA 0x4, ALIGNED 0x100,
    /// WRITEABLE 0x400).
    fn num(self) -> i64 {
        let bit = |on: bool, b: i64| if on { b } else { 0 };
        bit(self.c, 0x1)
            | bit(self.f, 0x2)
            | bit(self.owndata, 0x4)
            | 0x100
            | bit(self.writeable, 0x400)
    }

    /// numpy's multi-line repr, one `  NAME : value` line per flag, ending in a newline.
    fn repr(self) -> String {
        let names = [
            "C_CONTIGUOUS",
            "F_CONTIGUOUS",
            "OWNDATA",
            "WRITEABLE",
            "ALIGNED",
            "WRITEBACKIFCOPY",
        ];
        let mut s = String::new();
        for n in names {
            let v = if self.get(n) == Some(true) {
                "True"
            } else {
                "False"
            };
            s.push_str(&format!("  {n} : {v}\n"));
        }
        s
    }
}

fn flags_value(vm: &Vm, f: Flags) -> Value {
    Value::Native(Rc::new(NativeObj {
        class: classes(vm).flags.clone(),
        data: Box::new(f),
    }))
}

fn me(vm: &mut Vm, a: &[Value]) -> PyResult<Flags> {
    super::native_self(vm, a.first(), "descriptor requires a flagsobj")
}

/// The attribute `name` of a flags object, by its item key.
fn flag_attr(vm: &mut Vm, a: &[Value], key: &str) -> PyResult<Value> {
    Ok(Value::Bool(me(vm, a)?.get(key) == Some(true)))
}

/// The `flagsobj` class: lower-case attributes, `flags['NAME']`, the repr, `==`.
pub fn init_flags(cls: &Rc<Class>) {
    macro_rules! attrs {
        ($($name:literal => $key:literal),* $(,)?) => {
            $( prop(cls, $name, |vm, a, _| flag_attr(vm, a, $key)); )*
        };
    }
    attrs!(
        "c_contiguous" => "C", "contiguous" => "C", "f_contiguous" => "F", "fortran" => "F",
        "owndata" => "O", "writeable" => "W", "aligned" => "A", "writebackifcopy" => "X",
        "behaved" => "B", "carray" => "CA", "farray" => "FA", "fnc" => "FNC", "forc" => "FORC",
    );
    prop(cls, "num", |vm, a, _| Ok(Value::Int(me(vm, a)?.num())));
    cls.dict.set_by_str("__hash__", Value::None);
    add_method(cls, "__repr__", |vm, a, _| {
        Ok(Value::string(me(vm, a)?.repr()))
    });
    add_method(cls, "__getitem__", |vm, a, _| {
        let f = me(vm, a)?;
        let v = match a.get(1) {
            Some(Value::Str(k)) => f.get(k.as_str()),
            _ => None,
        };
        match v {
            Some(b) => Ok(Value::Bool(b)),
            None => Err(vm.new_error("KeyError", "Unknown flag")),
        }
    });
    add_method(cls, "__eq__", |vm, a, _| {
        let f = me(vm, a)?;
        match a.get(1) {
            Some(Value::Native(n)) => match n.get::<Flags>() {
                Some(g) => Ok(Value::Bool(f == *g)),
                None => Ok(Value::NotImplemented),
            },
            _ => Ok(Value::NotImplemented),
        }
    });
}

/// Adds the `flags` attribute to arrays and numpy scalars.
pub fn add_flags_attr(c: &Classes) {
    prop(&c.ndarray, "flags", |vm, a, _| {
        let x = this(vm, a)?;
        Ok(flags_value(vm, Flags::of_array(&x)))
    });
    for cls in [&c.float64, &c.int64, &c.bool_] {
        prop(cls, "flags", |vm, _, _| {
            Ok(flags_value(vm, Flags::of_scalar()))
        });
    }
}

/// A copy of `a` laid out in Fortran order (first index fastest).
fn fortran_copy(a: &NdArray) -> NdArray {
    // The C-order copy of the transpose holds the elements in `a`'s Fortran order; transposing
    // it back gives `a`'s shape with Fortran strides, in a buffer only it uses.
    a.t().copy().t().owning()
}

/// `np.ascontiguousarray` / `np.asfortranarray`: numpy's `array(a, dtype, copy=None,
/// order=..., ndmin=1)`: the array itself when it already has the layout and dtype, else a
/// copy; 0-d inputs become 1-element 1-d views.
fn as_layout(vm: &mut Vm, args: &[Value], kw: Kwargs, fortran: bool) -> PyResult<Value> {
    let name = if fortran {
        "asfortranarray"
    } else {
        "ascontiguousarray"
    };
    let Some(v) = arg(args, kw, 0, "a") else {
        return Err(vm.new_error(
            "TypeError",
            &format!("{name}() missing required argument 'a' (pos 1)"),
        ));
    };
    let mut x = this(vm, std::slice::from_ref(v))?;
    if let Some(d) = arg_some(args, kw, 1, "dtype") {
        if let Some(dt) = parse_dtype(vm, &d.clone())? {
            if dt != x.dtype {
                x = x.astype(dt);
            }
        }
    }
    if x.ndim() == 0 {
        // A numpy or Python scalar, or a 0-d array: numpy's ndmin=1 gives a view of it.
        return Ok(wrap(vm, x.reshape(vec![1])));
    }
    let ok = if fortran {
        f_contiguous(&x)
    } else {
        c_contiguous(&x)
    };
    let r = match (ok, fortran) {
        (true, _) => x,
        (false, true) => fortran_copy(&x),
        (false, false) => x.copy(),
    };
    Ok(wrap(vm, r))
}

pub fn ascontiguousarray(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    as_layout(vm, args, kw, false)
}

pub fn asfortranarray(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    as_layout(vm, args, kw, true)
}

/// The `new_shape` of `np.resize`: an int (Python or numpy) or an iterable of ints, checked
/// element by element as numpy's loop does.
fn resize_shape(vm: &mut Vm, v: &Value) -> PyResult<Vec<usize>> {
    let is_int = matches!(v, Value::Int(_) | Value::Bool(_))
        || np_scalar(v).is_some_and(|s| s.dtype() != DType::Float64);
    let items = if is_int {
        vec![v.clone()]
    } else {
        vm.collect(v)?
    };
    let mut shape = Vec::with_capacity(items.len());
    for it in &items {
        let d = vm.index_value(it)?;
        if d < 0 {
            return Err(vm.new_error(
                "ValueError",
                "all elements of `new_shape` must be non-negative",
            ));
        }
        shape.push(d as usize);
    }
    if shape_size(&shape) > super::MAX_SIZE {
        return Err(vm.new_error("MemoryError", "array is too big"));
    }
    Ok(shape)
}

/// `np.resize(a, new_shape)`: the elements of `a` in C order, repeated as often as needed to
/// fill `new_shape` (zeros when `a` is empty). Like numpy's, the result is a reshaped view of
/// the repeated data (OWNDATA false), except in the zero-filled case.
pub fn resize(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (Some(a), Some(s)) = (arg(args, kw, 0, "a"), arg(args, kw, 1, "new_shape")) else {
        return Err(vm.new_error(
            "TypeError",
            "resize() missing required argument 'new_shape' (pos 2)",
        ));
    };
    let x = this(vm, std::slice::from_ref(a))?;
    let shape = resize_shape(vm, &s.clone())?;
    let n = shape_size(&shape);
    if x.size() == 0 || n == 0 {
        let z = NdArray::full(x.dtype, shape, Scalar::I(0));
        return Ok(wrap(vm, z));
    }
    let words = x.to_words();
    let data: Vec<u64> = words.iter().copied().cycle().take(n).collect();
    // A view of the flat repetition (OWNDATA false), as numpy's.
    let r = NdArray::from_words(x.dtype, vec![n], data).reshape(shape);
    Ok(wrap(vm, r))
}

/// `np.copy(a)`: numpy's default order 'K' keeps a Fortran-ordered array Fortran-ordered.
pub fn np_copy(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let a = match arg(args, kw, 0, "a") {
        Some(v) => this(vm, std::slice::from_ref(v))?,
        None => {
            return Err(vm.new_error("TypeError", "copy() missing required argument 'a' (pos 1)"))
        }
    };
    let r = if f_contiguous(&a) && !c_contiguous(&a) {
        fortran_copy(&a)
    } else {
        a.copy()
    };
    Ok(wrap(vm, r))
}
