//! Values crossing the call boundary, and the native helper functions generated code calls
//! (libm wrappers and Python float semantics). The helpers are plain safe `extern "C"` Rust
//! functions registered with the JIT as symbols, so nothing is left to `dlsym`.

use crate::abi::ArrayDesc;
use crate::ir::Ty;

/// An array returned by native code: the address of its descriptor, which is either one of
/// the argument descriptors or one the [`crate::Runtime`] allocated. The host maps it back to
/// its own object (e.g. [`crate::VecRuntime::get`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HostArray(pub usize);

/// A scalar or array result (also the argument type of host callbacks).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    /// i64
    I64(i64),
    /// f64
    F64(f64),
    /// bool
    Bool(bool),
    /// An array descriptor address.
    Array(HostArray),
}

impl Value {
    /// The i64 inside, if any.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::I64(v) => Some(*v),
            _ => None,
        }
    }
    /// The f64 inside, if any.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::F64(v) => Some(*v),
            _ => None,
        }
    }
    /// The bool inside, if any.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(v) => Some(*v),
            _ => None,
        }
    }

    /// Encodes a scalar into a u64 slot of the call ABI.
    pub(crate) fn to_slot(self) -> u64 {
        match self {
            Value::I64(v) => v as u64,
            Value::F64(v) => v.to_bits(),
            Value::Bool(v) => v as u64,
            Value::Array(a) => a.0 as u64,
        }
    }

    /// Decodes a u64 slot of the call ABI as a value of type `ty`.
    pub(crate) fn from_slot(slot: u64, ty: Ty) -> Value {
        match ty {
            Ty::I64 => Value::I64(slot as i64),
            Ty::F64 => Value::F64(f64::from_bits(slot)),
            Ty::Bool => Value::Bool(slot & 0xff != 0),
            Ty::Array(..) => Value::Array(HostArray(slot as usize)),
        }
    }
}

/// An argument for [`crate::Compiled::call`]; its kind must match the parameter type exactly.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// i64 parameter.
    I64(i64),
    /// f64 parameter.
    F64(f64),
    /// bool parameter.
    Bool(bool),
    /// array parameter: dtype and ndim are checked against the signature.
    Array(&'a ArrayDesc),
}

// ------------------------------------------------------------ helpers called by native code

pub(crate) extern "C" fn nj_exp(x: f64) -> f64 {
    x.exp()
}
pub(crate) extern "C" fn nj_log(x: f64) -> f64 {
    x.ln()
}
pub(crate) extern "C" fn nj_log10(x: f64) -> f64 {
    x.log10()
}
pub(crate) extern "C" fn nj_sin(x: f64) -> f64 {
    x.sin()
}
pub(crate) extern "C" fn nj_cos(x: f64) -> f64 {
    x.cos()
}
pub(crate) extern "C" fn nj_tan(x: f64) -> f64 {
    x.tan()
}
pub(crate) extern "C" fn nj_tanh(x: f64) -> f64 {
    x.tanh()
}
pub(crate) extern "C" fn nj_atan2(y: f64, x: f64) -> f64 {
    y.atan2(x)
}
pub(crate) extern "C" fn nj_hypot(x: f64, y: f64) -> f64 {
    x.hypot(y)
}
pub(crate) extern "C" fn nj_pow(x: f64, y: f64) -> f64 {
    x.powf(y)
}

/// Python's float `//` (CPython `float_floor_div`); the caller has excluded `w == 0`.
pub(crate) extern "C" fn nj_floordiv_f64(v: f64, w: f64) -> f64 {
    let m = v % w;
    let mut div = (v - m) / w;
    if m != 0.0 && (w < 0.0) != (m < 0.0) {
        div -= 1.0;
    }
    if div != 0.0 {
        let fl = div.floor();
        if div - fl > 0.5 {
            fl + 1.0
        } else {
            fl
        }
    } else {
        (0.0f64).copysign(v / w)
    }
}

/// Python's float `%` (CPython `float_rem`); the caller has excluded `w == 0`.
pub(crate) extern "C" fn nj_mod_f64(v: f64, w: f64) -> f64 {
    let m = v % w;
    if m != 0.0 {
        if (w < 0.0) != (m < 0.0) {
            m + w
        } else {
            m
        }
    } else {
        (0.0f64).copysign(w)
    }
}

/// i64 ** i64 with wraparound; the caller has excluded negative exponents.
pub(crate) extern "C" fn nj_ipow(mut base: i64, mut exp: i64) -> i64 {
    let mut acc: i64 = 1;
    while exp > 0 {
        if exp & 1 == 1 {
            acc = acc.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        exp >>= 1;
    }
    acc
}

/// The helper symbols registered with every JIT module: (name, address, params, returns),
/// with params/returns as counts of f64 (math) — the lowering declares their signatures.
pub(crate) fn math_symbols() -> [(&'static str, *const u8); 13] {
    [
        ("nj_exp", nj_exp as *const u8),
        ("nj_log", nj_log as *const u8),
        ("nj_log10", nj_log10 as *const u8),
        ("nj_sin", nj_sin as *const u8),
        ("nj_cos", nj_cos as *const u8),
        ("nj_tan", nj_tan as *const u8),
        ("nj_tanh", nj_tanh as *const u8),
        ("nj_atan2", nj_atan2 as *const u8),
        ("nj_hypot", nj_hypot as *const u8),
        ("nj_pow", nj_pow as *const u8),
        ("nj_floordiv_f64", nj_floordiv_f64 as *const u8),
        ("nj_mod_f64", nj_mod_f64 as *const u8),
        ("nj_ipow", nj_ipow as *const u8),
    ]
}
