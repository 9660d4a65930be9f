//! The builtin `numpy` module: n-dimensional arrays with numpy 2's semantics and printing.
//!
//! Files by topic: `buffer` (shared storage), `dtype` (element types, promotion), `array`
//! (views, iteration, broadcasting), `print` (str/repr), `scalar` (np.float64/np.int64/np.bool
//! and dtype objects), `creation` (array, zeros, arange...), `indexing` (basic, advanced and
//! boolean indexing), `ufunc` (element-wise operations), `reduce` (sum, mean, argmax...),
//! `nan` (nansum, nanmean, nanmax...), `layout` (the flags object, ascontiguousarray,
//! asfortranarray, resize), `linalg` (dot, matmul, sort...), `methods` (the ndarray class),
//! `module` (the module's functions), `random` (the legacy MT19937 `np.random`).

pub mod array;
pub mod buffer;
pub mod creation;
pub mod dtype;
pub mod indexing;
pub mod layout;
pub mod linalg;
pub mod methods;
pub mod module;
pub mod nan;
pub mod print;
pub mod random;
pub mod reduce;
pub mod scalar;
pub mod ufunc;

use std::cell::RefCell;
use std::rc::Rc;

use crate::runtime::objects::{BaseKind, Class, Kwargs, NativeObj};
use crate::runtime::types::new_class;
use crate::runtime::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

use array::NdArray;
use dtype::{DType, Scalar};
use ufunc::OpErr;

pub use module::create;

/// The classes of the module, created once per thread.
pub struct Classes {
    pub ndarray: Rc<Class>,
    pub float64: Rc<Class>,
    pub int64: Rc<Class>,
    pub bool_: Rc<Class>,
    pub dtype: Rc<Class>,
    pub random_state: Rc<Class>,
    pub axis_error: Rc<Class>,
    pub ufunc_type_error: Rc<Class>,
    /// `ndarray.flags` objects (`numpy._core.multiarray.flagsobj`).
    pub flags: Rc<Class>,
}

thread_local! {
    static CLASSES: RefCell<Option<Rc<Classes>>> = const { RefCell::new(None) };
}

pub fn classes(vm: &Vm) -> Rc<Classes> {
    if let Some(c) = CLASSES.with(|c| c.borrow().clone()) {
        return c;
    }
    let obj = vm.types.object.clone();
    let mk = |name: &str| {
        let c = new_class(name, vec![obj.clone()], BaseKind::Native, true);
        c.dict.set_by_str("__module__", Value::str("numpy"));
        c
    };
    let c = Rc::new(Classes {
        ndarray: mk("ndarray"),
        float64: mk("float64"),
        int64: mk("int64"),
        bool_: mk("bool"),
        dtype: mk("dtype"),
        random_state: mk("RandomState"),
        axis_error: exc_class(vm, "AxisError", "ValueError", "numpy.exceptions"),
        ufunc_type_error: exc_class(vm, "UFuncTypeError", "TypeError", "numpy._core._exceptions"),
        flags: {
            let f = new_class("flagsobj", vec![obj.clone()], BaseKind::Native, true);
            f.dict
                .set_by_str("__module__", Value::str("numpy._core.multiarray"));
            f
        },
    });
    CLASSES.with(|cell| *cell.borrow_mut() = Some(c.clone()));
    methods::init_ndarray(vm, &c.ndarray);
    scalar::init_scalars(vm, &c);
    layout::init_flags(&c.flags);
    layout::add_flags_attr(&c);
    c
}

fn exc_class(vm: &Vm, name: &str, base: &str, module: &str) -> Rc<Class> {
    let c = new_class(name, vec![vm.types.exc(base)], BaseKind::Exception, false);
    c.dict.set_by_str("__module__", Value::str(module));
    c
}

/// A numpy-specific exception (`AxisError`, `UFuncTypeError`) with a message.
pub fn np_error(vm: &mut Vm, which: &str, msg: &str) -> PyErr {
    let c = classes(vm);
    let cls = if which == "AxisError" {
        c.axis_error.clone()
    } else {
        c.ufunc_type_error.clone()
    };
    vm.new_exception(&cls, vec![Value::str(msg)])
}

/// Wraps an array as a Python value.
pub fn wrap(vm: &Vm, a: NdArray) -> Value {
    Value::Native(Rc::new(NativeObj {
        class: classes(vm).ndarray.clone(),
        data: Box::new(a),
    }))
}

/// A numpy scalar value (`np.float64`, `np.int64`, `np.bool`).
pub fn scalar_value(vm: &Vm, s: Scalar) -> Value {
    let c = classes(vm);
    let class = match s {
        Scalar::F(_) => c.float64.clone(),
        Scalar::I(_) => c.int64.clone(),
        Scalar::B(_) => c.bool_.clone(),
    };
    Value::Native(Rc::new(NativeObj {
        class,
        data: Box::new(s),
    }))
}

/// An array result, or a numpy scalar for 0-d results (as ufuncs return).
pub fn result(vm: &Vm, a: NdArray) -> Value {
    if a.ndim() == 0 {
        scalar_value(vm, a.first())
    } else {
        wrap(vm, a)
    }
}

/// The Rust value of type `T` inside the native object `v` (a method's `self`), or a
/// TypeError saying it expected `what`.
pub fn native_self<T: Clone + 'static>(vm: &mut Vm, v: Option<&Value>, what: &str) -> PyResult<T> {
    match v {
        Some(Value::Native(n)) => match n.get::<T>() {
            Some(x) => Ok(x.clone()),
            None => Err(vm.new_error("TypeError", what)),
        },
        _ => Err(vm.new_error("TypeError", what)),
    }
}

pub fn arr(v: &Value) -> Option<&NdArray> {
    match v {
        Value::Native(n) => n.get::<NdArray>(),
        _ => None,
    }
}

pub fn np_scalar(v: &Value) -> Option<Scalar> {
    match v {
        Value::Native(n) => n.get::<Scalar>().copied(),
        _ => None,
    }
}

/// `a op b` when both are numpy or Python scalars and one is a numpy scalar: what the numpy
/// scalar's `__op__`/`__rop__` would return, without looking the method up and calling it
/// (with [`indexing::element`], `s += a[i, k] * a[k, i]` interpreted: 452 → 306 ns per
/// iteration; CPython 182). None otherwise.
pub fn scalar_binop(
    vm: &mut Vm,
    op: crate::compiler::opcode::BinOp,
    a: &Value,
    b: &Value,
) -> Option<PyResult<Value>> {
    use crate::compiler::opcode::BinOp as B;
    use ufunc::Bin;
    let (x, wx) = any_scalar(a)?;
    let (y, wy) = any_scalar(b)?;
    let op = match op {
        B::Add => Bin::Add,
        B::Sub => Bin::Sub,
        B::Mul => Bin::Mul,
        B::TrueDiv => Bin::Div,
        B::FloorDiv => Bin::FloorDiv,
        B::Mod => Bin::Mod,
        B::Pow => Bin::Pow,
        B::And => Bin::And,
        B::Or => Bin::Or,
        B::Xor => Bin::Xor,
        B::LShift => Bin::LShift,
        B::RShift => Bin::RShift,
        B::MatMul => return None,
    };
    Some(match ufunc::scalar_binary(op, x, wx, y, wy) {
        Ok(s) => Ok(scalar_value(vm, s)),
        Err(e) => Err(op_err(vm, e)),
    })
}

/// A Python or numpy scalar as a Scalar, with whether it is a weak Python scalar.
pub fn any_scalar(v: &Value) -> Option<(Scalar, bool)> {
    Some(match v {
        Value::Bool(b) => (Scalar::B(*b), true),
        Value::Int(i) => (Scalar::I(*i), true),
        Value::Float(f) => (Scalar::F(*f), true),
        _ => return np_scalar(v).map(|s| (s, false)),
    })
}

pub fn op_err(vm: &mut Vm, e: OpErr) -> PyErr {
    match e {
        OpErr::Type(m) => vm.new_error("TypeError", &m),
        OpErr::Value(m) => vm.new_error("ValueError", &m),
    }
}

/// Any array-like as an array (arrays are shared views, not copies).
pub fn to_array(vm: &mut Vm, v: &Value) -> PyResult<NdArray> {
    if let Some(a) = arr(v) {
        return Ok(a.clone());
    }
    if let Some((s, _)) = any_scalar(v) {
        return Ok(NdArray::scalar(s));
    }
    creation::from_py(vm, v, None)
}

/// An operand for an element-wise operation: (array, weak Python scalar?).
pub fn operand(vm: &mut Vm, v: &Value) -> PyResult<(NdArray, bool)> {
    if let Some(a) = arr(v) {
        return Ok((a.clone(), false));
    }
    if let Some((s, weak)) = any_scalar(v) {
        return Ok((NdArray::scalar(s), weak));
    }
    Ok((creation::from_py(vm, v, None)?, false))
}

/// Positional-or-keyword argument lookup.
pub fn arg<'a>(args: &'a [Value], kw: Kwargs<'a>, pos: usize, name: &str) -> Option<&'a Value> {
    if let Some(v) = args.get(pos) {
        return Some(v);
    }
    kw.iter().find(|(k, _)| k.as_str() == name).map(|(_, v)| v)
}

/// A present, non-None argument.
pub fn arg_some<'a>(
    args: &'a [Value],
    kw: Kwargs<'a>,
    pos: usize,
    name: &str,
) -> Option<&'a Value> {
    arg(args, kw, pos, name).filter(|v| !v.is_none())
}

/// `dtype=` values: None, Python types, numpy scalar types, dtype objects, strings.
pub fn parse_dtype(vm: &mut Vm, v: &Value) -> PyResult<Option<DType>> {
    let c = classes(vm);
    let dt = match v {
        Value::None => return Ok(None),
        Value::Class(k) => {
            if Rc::ptr_eq(k, &vm.types.float) || Rc::ptr_eq(k, &c.float64) {
                DType::Float64
            } else if Rc::ptr_eq(k, &vm.types.int) || Rc::ptr_eq(k, &c.int64) {
                DType::Int64
            } else if Rc::ptr_eq(k, &vm.types.bool) || Rc::ptr_eq(k, &c.bool_) {
                DType::Bool
            } else {
                let n = k.name();
                return Err(vm.new_error(
                    "TypeError",
                    &format!("Cannot interpret '<class '{n}'>' as a data type"),
                ));
            }
        }
        Value::Str(s) => match DType::from_name(s.as_str()) {
            Some(d) => d,
            None => {
                return Err(vm.new_error(
                    "TypeError",
                    &format!("data type '{}' not understood", s.as_str()),
                ))
            }
        },
        Value::Native(n) => match n.get::<DType>() {
            Some(d) => *d,
            None => return Err(vm.new_error("TypeError", "Cannot interpret value as a data type")),
        },
        _ => return Err(vm.new_error("TypeError", "Cannot interpret value as a data type")),
    };
    Ok(Some(dt))
}

pub fn dtype_value(vm: &Vm, dt: DType) -> Value {
    Value::Native(Rc::new(NativeObj {
        class: classes(vm).dtype.clone(),
        data: Box::new(dt),
    }))
}

pub fn shape_tuple(shape: &[usize]) -> Value {
    Value::tuple(shape.iter().map(|&d| Value::Int(d as i64)).collect())
}

/// A shape argument: an int or a sequence of ints.
pub fn parse_shape(vm: &mut Vm, v: &Value) -> PyResult<Vec<usize>> {
    let items = match v {
        Value::Tuple(_) | Value::List(_) => vm.collect(v)?,
        _ => vec![v.clone()],
    };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        let n = vm.index_value(&it)?;
        if n < 0 {
            return Err(vm.new_error("ValueError", "negative dimensions are not allowed"));
        }
        out.push(n as usize);
    }
    if array::shape_size(&out) > MAX_SIZE {
        return Err(vm.new_error("MemoryError", "array is too big"));
    }
    Ok(out)
}

/// The largest array (in elements) we allocate; beyond it a MemoryError is raised.
pub const MAX_SIZE: usize = 1 << 30;

/// Normalises an axis argument (`axis` may be negative).
pub fn norm_axis(vm: &mut Vm, axis: i64, ndim: usize) -> PyResult<usize> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(np_error(
            vm,
            "AxisError",
            &format!("axis {axis} is out of bounds for array of dimension {ndim}"),
        ));
    }
    Ok(if axis < 0 { axis + n } else { axis } as usize)
}

/// A Python value for an element (`tolist`/`item`).
pub fn scalar_to_py(s: Scalar) -> Value {
    match s {
        Scalar::B(b) => Value::Bool(b),
        Scalar::I(i) => Value::Int(i),
        Scalar::F(f) => Value::Float(f),
    }
}

/// For native code (the JIT bridge): the data pointer of the first element, the dtype, the shape
/// and the strides in elements of any array value, contiguous or not, without copying. The
/// pointer is valid while the array value is alive. Elements are 8-byte words (`f64` bits,
/// `i64`, or 0/1 for bools).
pub fn raw_parts(v: &Value) -> Option<(*mut u64, DType, Vec<usize>, Vec<isize>)> {
    let a = arr(v)?;
    let base = a.buf.as_ptr();
    let ptr = base.wrapping_add(a.offset);
    Some((ptr, a.dtype, a.shape.clone(), a.strides.clone()))
}
