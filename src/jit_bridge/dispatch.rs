//! Dispatch: pick (or compile) the specialisation for the argument types of a call, marshal
//! Python values into native arguments (ndarrays without copying), call, convert results back,
//! and turn native error statuses into Python exceptions whose traceback names the source line.

use std::rc::Rc;
use std::time::Instant;

use numjit_jit::{Arg, ArrayDesc, CallError, ErrorKind, Fill, HostDecl, Runtime};

use super::types::{TFunc, T};
use super::{compile_spec, Emit, FuncJit, Spec};
use crate::compiler::code::Position;
use crate::compiler::opcode::Op;
use crate::numpy::array::NdArray;
use crate::numpy::dtype::{DType as NpDType, Scalar};
use crate::runtime::objects::{NativeObj, TbEntry};
use crate::runtime::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

/// The object `@jit`/`@njit` returns (data of a `numba.Dispatcher` native object).
pub struct Dispatcher {
    pub jit: Rc<FuncJit>,
}

fn np_to_jit(d: NpDType) -> numjit_jit::DType {
    match d {
        NpDType::Float64 => numjit_jit::DType::F64,
        NpDType::Int64 => numjit_jit::DType::I64,
        NpDType::Bool => numjit_jit::DType::Bool,
    }
}

fn jit_to_np(d: numjit_jit::DType) -> NpDType {
    match d {
        numjit_jit::DType::F64 => NpDType::Float64,
        numjit_jit::DType::I64 => NpDType::Int64,
        numjit_jit::DType::Bool => NpDType::Bool,
    }
}

/// The type of an argument value, or a description of why it cannot be passed.
pub fn arg_type(vm: &Vm, v: &Value) -> Result<T, String> {
    Ok(match v {
        Value::Int(_) => T::I64,
        Value::Float(_) => T::F64,
        Value::Bool(_) => T::Bool,
        Value::BigInt(_) => return Err("an int that does not fit in int64".into()),
        Value::Native(_) => {
            if let Some(a) = crate::numpy::arr(v) {
                let nd = a.shape.len();
                if !(1..=4).contains(&nd) {
                    return Err(format!("a {nd}-d array (1 to 4 dimensions are supported)"));
                }
                if a.dtype == NpDType::Bool && cfg!(target_endian = "big") {
                    return Err("a bool array (big-endian host)".into());
                }
                T::Arr(np_to_jit(a.dtype), nd as u8)
            } else if let Some(s) = crate::numpy::np_scalar(v) {
                match s {
                    Scalar::F(_) => T::F64,
                    Scalar::I(_) => T::I64,
                    Scalar::B(_) => T::Bool,
                }
            } else {
                return Err(format!("an object of type {}", vm.type_name(v)));
            }
        }
        other => return Err(format!("an object of type {}", vm.type_name(other))),
    })
}

/// Whether `v` has type `t` (same answer as `arg_type(v) == Ok(t)`, without allocating).
fn matches(v: &Value, t: &T) -> bool {
    match (v, t) {
        (Value::Int(_), T::I64) | (Value::Float(_), T::F64) | (Value::Bool(_), T::Bool) => true,
        (Value::Native(_), _) => {
            if let Some(a) = crate::numpy::arr(v) {
                matches!(t, T::Arr(d, n) if *d == np_to_jit(a.dtype) && *n as usize == a.shape.len())
            } else {
                matches!(
                    (crate::numpy::np_scalar(v), t),
                    (Some(Scalar::F(_)), T::F64)
                        | (Some(Scalar::I(_)), T::I64)
                        | (Some(Scalar::B(_)), T::Bool)
                )
            }
        }
        _ => false,
    }
}

/// A descriptor over an ndarray value's own buffer (no copy).
fn array_desc(v: &Value) -> Option<ArrayDesc> {
    let (ptr, dtype, shape, strides) = crate::numpy::raw_parts(v)?;
    let nd = shape.len();
    if !(1..=numjit_jit::MAX_NDIM).contains(&nd) {
        return None;
    }
    let mut sh = [0i64; 4];
    let mut stb = [0i64; 4];
    for k in 0..nd {
        sh[k] = i64::try_from(shape[k]).ok()?;
        stb[k] = (strides[k] as i64).checked_mul(8)?;
    }
    // SAFETY: `raw_parts` returns the address of element [0, ...] of the array's buffer, its
    // shape and its strides in 8-byte words; numpy's view invariants guarantee every index
    // tuple within the shape addresses a word inside the buffer (an `Rc<Buffer>` of
    // `Cell<u64>`, kept alive by `v`, which the caller holds for the whole native call). Bool
    // elements are words holding 0 or 1; reading/writing their first byte (little-endian, as
    // `arg_type` checks) reads/writes that 0/1. The VM runs single-threaded and no Python code
    // runs during the call, so nothing else touches the buffer meanwhile.
    Some(unsafe {
        ArrayDesc::from_raw_parts(ptr as *mut u8, np_to_jit(dtype), &sh[..nd], &stb[..nd])
    })
}

/// The runtime native code calls back into: allocates ndarrays, raises broadcast errors.
struct BridgeRt {
    ndarray: Rc<crate::runtime::objects::Class>,
    arrays: Vec<(Box<ArrayDesc>, Value)>,
}

// SAFETY: every descriptor handed out comes from `array_desc` over an ndarray value stored next
// to it in `arrays` (boxed, so its address is stable), which lives until the runtime is dropped
// after the call's results have been converted.
unsafe impl Runtime for BridgeRt {
    fn alloc_array(
        &mut self,
        dtype: numjit_jit::DType,
        shape: &[i64],
        fill: Fill,
    ) -> *mut ArrayDesc {
        let mut dims = Vec::with_capacity(shape.len());
        let mut n: u64 = 1;
        for &d in shape {
            let Ok(d) = usize::try_from(d) else {
                return std::ptr::null_mut();
            };
            n = n.saturating_mul(d as u64);
            dims.push(d);
        }
        if n > (1 << 34) {
            return std::ptr::null_mut();
        }
        let dt = jit_to_np(dtype);
        let a = match fill {
            Fill::Ones => NdArray::full(dt, dims, Scalar::I(1)),
            Fill::Zeros => NdArray::full(dt, dims, Scalar::I(0)),
            // Any word is a valid float or int; bools must stay 0 or 1.
            Fill::Empty if dtype != numjit_jit::DType::Bool => NdArray::uninit(dt, dims),
            Fill::Empty => NdArray::full(dt, dims, Scalar::I(0)),
        };
        let val = Value::Native(Rc::new(NativeObj {
            class: self.ndarray.clone(),
            data: Box::new(a),
        }));
        let Some(desc) = array_desc(&val) else {
            return std::ptr::null_mut();
        };
        let mut b = Box::new(desc);
        let p = &mut *b as *mut ArrayDesc;
        self.arrays.push((b, val));
        p
    }

    fn call_host(
        &mut self,
        _index: usize,
        decl: &HostDecl,
        args: &[numjit_jit::Value],
        _rets: &mut [numjit_jit::Value],
    ) -> Result<(), String> {
        if decl.name == super::lower::BCAST_ERROR {
            let d: Vec<String> = args
                .iter()
                .map(|a| a.as_i64().unwrap_or(0).to_string())
                .collect();
            return Err(format!(
                "ValueError: operands could not be broadcast together with shapes ({},) ({},) ",
                d.first().cloned().unwrap_or_default(),
                d.get(1).cloned().unwrap_or_default()
            ));
        }
        Err(format!("RuntimeError: unknown host callback {}", decl.name))
    }
}

/// Runs `fj` natively for `args` if possible. `None`: run interpreted (the caller does).
/// With `nopython`, typing failures raise TypingError instead.
pub fn call_jit(
    vm: &mut Vm,
    fj: &Rc<FuncJit>,
    args: &[Value],
    tier_up: bool,
) -> Option<PyResult<Value>> {
    if args.len() != fj.func.code.code.argcount as usize {
        // Defaults or a wrong count: let the interpreter bind (or raise its TypeError).
        return None;
    }
    // Fast path: an existing specialisation whose signature the arguments match.
    let hit = fj
        .specs
        .borrow()
        .iter()
        .find(|s| {
            s.args.len() == args.len() && args.iter().zip(&s.args).all(|(v, t)| matches(v, t))
        })
        .cloned();
    if let Some(spec) = hit {
        return run_checked(vm, fj, &spec, args);
    }
    let mut tys = Vec::with_capacity(args.len());
    for a in args {
        match arg_type(vm, a) {
            Ok(t) => tys.push(t),
            Err(why) => {
                let msg = format!(
                    "argument {} is {why}, which compiled code cannot take",
                    tys.len() + 1
                );
                return fail(vm, fj, None, msg, true);
            }
        }
    }
    let found = fj.specs.borrow().iter().find(|s| s.args == tys).cloned();
    let spec = match found {
        Some(s) => s,
        None => {
            let failed = fj
                .failures
                .borrow()
                .iter()
                .find(|(s, _)| s.as_deref() == Some(&tys[..]))
                .map(|(_, m)| m.clone());
            if let Some(m) = failed {
                if fj.opts.nopython && !tier_up {
                    return Some(Err(typing_error(vm, &m)));
                }
                fj.fallback_calls.set(fj.fallback_calls.get() + 1);
                return None;
            }
            match compile_spec(vm, fj, &tys) {
                Ok(s) => {
                    let s = Rc::new(s);
                    fj.specs.borrow_mut().push(s.clone());
                    s
                }
                Err(f) => return fail(vm, fj, Some(tys), f.message, f.typing),
            }
        }
    };
    run_checked(vm, fj, &spec, args)
}

/// The message of the OverflowError raised when checked int64 arithmetic overflows in code
/// the VM compiled on its own (Python ints would have grown instead).
pub const INT_OVERFLOW: &str = "int64 overflow in compiled code";

/// Whether `e` is the int64 overflow of checked compiled code.
pub fn is_int_overflow(vm: &Vm, e: &PyErr) -> bool {
    vm.exc_matches(e, "OverflowError")
        && matches!(
            e.0.exc.as_ref().map(|d| d.borrow().args.clone()),
            Some(Value::Tuple(t)) if matches!(t.items.first(), Some(Value::Str(s)) if s.as_str() == INT_OVERFLOW)
        )
}

/// Runs a specialisation. Tier-up code uses checked int64 arithmetic: on overflow, a call
/// without array arguments (so without side effects native code could have made) is run again
/// by the interpreter, with Python's unbounded ints, and the specialisation is dropped.
fn run_checked(
    vm: &mut Vm,
    fj: &Rc<FuncJit>,
    spec: &Rc<Spec>,
    args: &[Value],
) -> Option<PyResult<Value>> {
    let r = run_native(vm, spec, args);
    if !fj.decorated {
        if let Ok(v) = r {
            return Some(Ok(numpy_results(vm, fj, spec, args, v)));
        }
        if let Err(e) = &r {
            if is_int_overflow(vm, e) && !spec.args.iter().any(|t| matches!(t, T::Arr(..))) {
                fj.specs.borrow_mut().retain(|s| !Rc::ptr_eq(s, spec));
                return fail(vm, fj, Some(spec.args.clone()), INT_OVERFLOW.into(), false);
            }
        }
    }
    Some(r)
}

/// An undecorated function's native results, with the scalars Python would return as numpy
/// scalars boxed so: `return a[i] * 2.0` gives an `np.float64`, as in the interpreter (numba,
/// and `@njit` here, return a `float`). Which results those are comes from the function's
/// `return` statements and the arguments' kinds (`osr::npscalar::returns`), once per pattern
/// of numpy-scalar arguments; a result whose kind depends on the path taken stays a Python
/// scalar (`s = 0.0`, then `s += a[i]` in a loop that may not run).
fn numpy_results(vm: &mut Vm, fj: &FuncJit, spec: &Spec, args: &[Value], v: Value) -> Value {
    let scalar = |t: &T| matches!(t, T::F64 | T::I64 | T::Bool);
    let boxable = match &spec.ret {
        T::Tuple(ts) => ts.iter().any(scalar),
        t => scalar(t),
    };
    if !boxable {
        return v;
    }
    // Which arguments are numpy scalars, as bits (no allocation on the call path).
    if args.len() > 64 {
        return v;
    }
    let pattern = args.iter().enumerate().fold(0u64, |m, (k, a)| {
        m | (u64::from(crate::numpy::np_scalar(a).is_some()) << k)
    });
    let known = match spec.np_results.borrow().iter().find(|(p, _)| *p == pattern) {
        // The usual case, without a copy: no numpy scalar among the results.
        Some((_, r)) if !r.iter().any(|&b| b) => return v,
        Some((_, r)) => Some(r.clone()),
        None => None,
    };
    let np = match known {
        Some(r) => r,
        None => {
            let bits: Vec<bool> = (0..args.len()).map(|k| pattern >> k & 1 == 1).collect();
            let r = returned_kinds(vm, fj, spec, &bits).unwrap_or_default();
            spec.np_results.borrow_mut().push((pattern, r.clone()));
            r
        }
    };
    if !np.iter().any(|&b| b) {
        return v;
    }
    let boxed = |x: &Value| match x {
        Value::Float(f) => crate::numpy::scalar_value(vm, Scalar::F(*f)),
        Value::Int(i) => crate::numpy::scalar_value(vm, Scalar::I(*i)),
        Value::Bool(b) => crate::numpy::scalar_value(vm, Scalar::B(*b)),
        other => other.clone(),
    };
    match (&v, np.as_slice()) {
        (Value::Tuple(t), _) if t.items.len() == np.len() => {
            let items: Vec<Value> = t
                .items
                .iter()
                .zip(&np)
                .map(|(x, &b)| if b { boxed(x) } else { x.clone() })
                .collect();
            Value::tuple(items)
        }
        (_, [true]) => boxed(&v),
        _ => v,
    }
}

/// For [`numpy_results`]: which of the function's results are numpy scalars when the
/// arguments that are numpy scalars are those of `pattern`.
fn returned_kinds(vm: &mut Vm, fj: &FuncJit, spec: &Spec, pattern: &[bool]) -> Option<Vec<bool>> {
    use crate::jit_bridge::osr::npscalar::{returns, Kind};
    let code = &fj.func.code.code;
    let file = super::parsed(vm, &code.filename).ok()?;
    let def = super::find_def(&file.module.body, &file.lines, &code.name, code.first_line)?;
    let mut entry = std::collections::HashMap::new();
    for ((p, &np), t) in def.parameters.args.iter().zip(pattern).zip(&spec.args) {
        entry.insert(p.parameter.name.to_string(), Kind::of(Some(t), np));
    }
    let kinds = returns(&def.body, entry)?;
    Some(kinds.into_iter().map(|k| k == Kind::Np).collect())
}

fn fail(
    vm: &mut Vm,
    fj: &Rc<FuncJit>,
    sig: Option<Vec<T>>,
    msg: String,
    typing: bool,
) -> Option<PyResult<Value>> {
    fj.failures.borrow_mut().push((sig, msg.clone()));
    if fj.opts.nopython && fj.decorated && typing {
        return Some(Err(typing_error(vm, &msg)));
    }
    fj.fallback_calls.set(fj.fallback_calls.get() + 1);
    if !fj.decorated {
        // Tier-up never retries: reset the counter so the hook is not consulted every call.
        fj.func.calls.set(0);
    }
    None
}

/// A `numba.core.errors.TypingError` (a `TypeError` subclass here) with this message.
pub fn typing_error(vm: &mut Vm, msg: &str) -> PyErr {
    let cls = match &vm.jit.typing_error {
        Some(c) => c.clone(),
        None => {
            let c = crate::runtime::types::new_class(
                "TypingError",
                vec![vm.types.exc("TypeError")],
                crate::runtime::objects::BaseKind::Exception,
                false,
            );
            c.dict
                .set_by_str("__module__", Value::str("numba.core.errors"));
            vm.jit.typing_error = Some(c.clone());
            c
        }
    };
    vm.new_exception(&cls, vec![Value::str(msg)])
}

pub(crate) fn run_native(vm: &mut Vm, spec: &Spec, args: &[Value]) -> PyResult<Value> {
    // Descriptors first (their addresses must not move), then the argument list.
    let mut descs: Vec<ArrayDesc> = Vec::new();
    for (a, t) in args.iter().zip(&spec.args) {
        if let T::Arr(..) = t {
            match array_desc(a) {
                Some(d) => descs.push(d),
                None => {
                    return Err(vm.new_error("TypeError", "cannot pass this array to native code"))
                }
            }
        }
    }
    let mut native_args = Vec::with_capacity(args.len());
    let mut di = 0;
    for (a, t) in args.iter().zip(&spec.args) {
        let x = match (t, a) {
            (T::Arr(..), _) => {
                di += 1;
                Arg::Array(&descs[di - 1])
            }
            (_, Value::Int(i)) => Arg::I64(*i),
            (_, Value::Float(f)) => Arg::F64(*f),
            (_, Value::Bool(b)) => Arg::Bool(*b),
            (_, v) => match crate::numpy::np_scalar(v) {
                Some(Scalar::F(f)) => Arg::F64(f),
                Some(Scalar::I(i)) => Arg::I64(i),
                Some(Scalar::B(b)) => Arg::Bool(b),
                None => return Err(vm.new_error("TypeError", "unsupported argument")),
            },
        };
        native_args.push(x);
    }
    let nrets = super::lower::ret_types(&spec.ret)
        .map(|v| v.len())
        .unwrap_or(0);
    let mut rets = vec![numjit_jit::Value::I64(0); nrets];
    let mut rt = BridgeRt {
        ndarray: crate::numpy::classes(vm).ndarray.clone(),
        arrays: Vec::new(),
    };
    let timing = vm.jit.stats;
    let t0 = if timing { Some(Instant::now()) } else { None };
    let r = spec
        .code
        .call_with(spec.entry, &native_args, &mut rt, &mut rets);
    if let Some(t0) = t0 {
        spec.native_time.set(spec.native_time.get() + t0.elapsed());
    }
    spec.calls.set(spec.calls.get() + 1);
    match r {
        Ok(()) => {}
        Err(CallError::Runtime(e)) => {
            spec.err_spill.replace(e.spilled.to_vec());
            return Err(native_error(vm, spec, &e));
        }
        Err(e) => return Err(vm.new_error("SystemError", &format!("native call failed: {e}"))),
    }
    let conv = |v: &numjit_jit::Value| -> Value {
        match v {
            numjit_jit::Value::I64(i) => Value::Int(*i),
            numjit_jit::Value::F64(f) => Value::Float(*f),
            numjit_jit::Value::Bool(b) => Value::Bool(*b),
            numjit_jit::Value::Array(h) => {
                if let Some(k) = descs
                    .iter()
                    .position(|d| d as *const ArrayDesc as usize == h.0)
                {
                    let mut seen = 0;
                    for (a, t) in args.iter().zip(&spec.args) {
                        if let T::Arr(..) = t {
                            if seen == k {
                                return a.clone();
                            }
                            seen += 1;
                        }
                    }
                }
                match rt
                    .arrays
                    .iter()
                    .find(|(d, _)| &**d as *const ArrayDesc as usize == h.0)
                {
                    Some((_, v)) => v.clone(),
                    None => Value::None,
                }
            }
        }
    };
    Ok(match &spec.ret {
        T::NoneT => Value::None,
        T::Tuple(_) => Value::tuple(rets.iter().map(conv).collect()),
        _ => rets.first().map_or(Value::None, conv),
    })
}

/// The index in the unit of IR function `name#id`.
fn unit_index(ir_name: &str) -> Option<usize> {
    ir_name.rsplit('#').next()?.parse().ok()
}

fn func_of<'a>(spec: &'a Spec, ir_name: &str) -> Option<&'a TFunc> {
    spec.unit.get(unit_index(ir_name)?)
}

/// A native error status as the Python exception the interpreter would raise, with traceback
/// entries for the compiled frames (innermost first).
fn native_error(vm: &mut Vm, spec: &Spec, e: &numjit_jit::RuntimeError) -> PyErr {
    let f = func_of(spec, &e.func);
    let (name, msg) = match e.kind {
        ErrorKind::IndexOutOfBounds => (
            "IndexError",
            format!(
                "index {} is out of bounds for axis {} with size {}",
                e.index, e.axis, e.bound
            ),
        ),
        ErrorKind::ZeroDivision => {
            let m = f
                .and_then(|f| f.zero_div.iter().find(|(l, _)| *l == e.line))
                .map_or("division by zero", |(_, m)| m);
            ("ZeroDivisionError", m.to_string())
        }
        ErrorKind::FloatToInt => {
            let x = f64::from_bits(e.index as u64);
            if x.is_nan() {
                ("ValueError", "cannot convert float NaN to integer".into())
            } else {
                (
                    "OverflowError",
                    "cannot convert float infinity to integer".into(),
                )
            }
        }
        ErrorKind::HostError => {
            let m = e.message.clone().unwrap_or_default();
            match m.split_once(": ") {
                Some((cls, rest)) if cls.ends_with("Error") => {
                    let cls = cls.to_string();
                    let err = vm.new_error(&cls, rest);
                    add_tb(spec, e, &err);
                    return err;
                }
                _ => ("RuntimeError", m),
            }
        }
        ErrorKind::NegativeDimension => {
            ("ValueError", "negative dimensions are not allowed".into())
        }
        ErrorKind::RangeStepZero => ("ValueError", "range() arg 3 must not be zero".into()),
        ErrorKind::NegativePower => (
            "ValueError",
            "integers to negative integer powers are not allowed".into(),
        ),
        ErrorKind::AllocFailed => ("MemoryError", String::new()),
        ErrorKind::IntOverflow => ("OverflowError", INT_OVERFLOW.into()),
        ErrorKind::StackOverflow => ("RecursionError", "maximum recursion depth exceeded".into()),
        ErrorKind::MissingReturn => (
            "SystemError",
            "compiled function ended without return".into(),
        ),
    };
    let err = vm.new_error(name, &msg);
    add_tb(spec, e, &err);
    err
}

/// The instruction among `range` that raised exception class `kind` on `line` in native
/// code: the first on the line of an operation that raises it (else the line's first).
pub(super) fn error_ip(
    code: &crate::compiler::code::Code,
    range: std::ops::Range<usize>,
    line: u32,
    kind: &str,
) -> Option<usize> {
    let on_line: Vec<usize> = (range.start..range.end.min(code.instrs.len()))
        .filter(|&k| code.line_of(k) == line)
        .collect();
    let want: &[Op] = match kind {
        "IndexError" => &[Op::BinarySubscr, Op::StoreSubscr],
        "ZeroDivisionError" => &[Op::BinaryOp],
        _ => &[Op::BinaryOp, Op::Call, Op::BinarySubscr, Op::StoreSubscr],
    };
    on_line
        .iter()
        .copied()
        .find(|&k| want.contains(&code.instrs[k].op))
        .or_else(|| on_line.first().copied())
}

fn add_tb(spec: &Spec, e: &numjit_jit::RuntimeError, err: &PyErr) {
    let Some(data) = &err.0.exc else { return };
    let mut d = data.borrow_mut();
    let mut frames = vec![(e.func.clone(), e.line)];
    frames.extend(e.trace.iter().cloned());
    // The entry function's own frame is added by nobody else (the dispatcher has no frame).
    let kind = err.0.class.name().to_string();
    for (fname, line) in frames {
        let Some(id) = unit_index(&fname) else {
            continue;
        };
        let (Some(f), Some(code)) = (spec.unit.get(id), spec.codes.get(id)) else {
            continue;
        };
        let Some(code) = code else {
            // A lifted loop (no bytecode of its own) runs in the interpreter's frame, which
            // adds its own entry.
            spec.err_line.set(line);
            continue;
        };
        // The failing operation's source position, as the interpreter would report it.
        let c = &code.code;
        let pos = error_ip(c, 0..c.instrs.len(), line, &kind)
            .map(|ip| c.positions[ip])
            .filter(|p| p.line == line)
            .unwrap_or(Position {
                line,
                end_line: line,
                col: 0,
                end_col: 0,
            });
        d.traceback.push(TbEntry {
            filename: f.filename.as_str().into(),
            name: f.name.as_str().into(),
            pos,
        });
    }
}

/// The typed IR of a specialisation, annotated with its source lines (`inspect_types`).
pub fn types_text(vm: &Vm, spec: &Spec) -> String {
    let mut out = String::new();
    for (i, f) in spec.unit.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let sig: Vec<String> = f.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        out.push_str(&format!("{} ({}) -> {}\n", f.name, sig.join(", "), f.ret));
        out.push_str(&format!("{}\n", "-".repeat(60)));
        out.push_str("# File: ");
        out.push_str(&f.filename);
        out.push('\n');
        for (n, t) in &f.locals {
            if !n.starts_with('$') {
                out.push_str(&format!("#   {n}: {t}\n"));
            }
        }
        let src = vm.sources.get(f.filename.as_str());
        let lm = src.map(|s| (crate::parse::LineMap::new(s), s.clone()));
        let mut by_line: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
        collect_lines(&f.body, &mut by_line);
        for l in f.lines.0..=f.lines.1 {
            let text = lm
                .as_ref()
                .and_then(|(m, s)| m.line_text(s, l))
                .unwrap_or("");
            out.push_str(&format!("{l:>4}: {text}\n"));
            if let Some(v) = by_line.get(&l) {
                for x in v {
                    out.push_str(&format!("      #   {x}\n"));
                }
            }
        }
    }
    out
}

fn collect_lines(
    ss: &[super::types::TStmt],
    out: &mut std::collections::BTreeMap<u32, Vec<String>>,
) {
    use super::types::SK;
    for s in ss {
        let d = match &s.kind {
            SK::Assign(n, e) => format!("{n} = <{}>", e.ty),
            SK::Unpack(ns, e) => format!("{} = <{}>", ns.join(", "), e.ty),
            SK::Store(n, _, e) => format!("{n}[...] = <{}>", e.ty),
            SK::Return(Some(e)) => format!("return <{}>", e.ty),
            SK::Return(None) => "return".into(),
            SK::For { var, body, .. } => {
                collect_lines(body, out);
                format!("for {var}: int64 in range(...)")
            }
            SK::While(_, b) => {
                collect_lines(b, out);
                "while <bool>".into()
            }
            SK::If(_, a, b) => {
                collect_lines(a, out);
                collect_lines(b, out);
                "if <bool>".into()
            }
            SK::Expr(e) => format!("<{}>", e.ty),
            SK::Break => "break".into(),
            SK::Continue => "continue".into(),
        };
        out.entry(s.line).or_default().push(d);
    }
}

/// CLIF (after optimisation) or assembly of every function of a specialisation, compiling again
/// with inspection on if needed.
pub fn listing(spec: &Spec, what: Emit) -> String {
    let opts = numjit_jit::Options {
        inspect: true,
        ..Default::default()
    };
    let code = match numjit_jit::compile(&spec.ir, &opts) {
        Ok(c) => c,
        Err(e) => return format!("<compile failed: {e}>"),
    };
    let mut out = String::new();
    for f in &spec.ir.functions {
        let text = match what {
            Emit::Clif => code.clif_after(&f.name),
            _ => code.asm(&f.name),
        };
        out.push_str(&format!("; {}\n{}\n", f.name, text.unwrap_or("")));
    }
    out
}

/// What `--emit` prints when a specialisation compiles.
pub fn emit_text(spec: &Spec, e: Emit) -> String {
    let sig: Vec<String> = spec.args.iter().map(|t| t.to_string()).collect();
    let head = format!(
        "=== numjit: compiled {}({}) -> {} in {:.3} ms\n",
        spec.unit.first().map_or("?", |f| f.name.as_str()),
        sig.join(", "),
        spec.ret,
        spec.compile_time.as_secs_f64() * 1e3
    );
    let body = match e {
        Emit::Types => {
            let mut s = String::new();
            for f in &spec.unit {
                s.push_str(&format!("{}\n", super::types_summary(f)));
            }
            s
        }
        Emit::Ir => numjit_jit::text::module_to_string(&spec.ir),
        Emit::Clif | Emit::Asm => {
            let mut out = String::new();
            for f in &spec.ir.functions {
                let text = match e {
                    Emit::Clif => spec.code.clif_after(&f.name),
                    _ => spec.code.asm(&f.name),
                };
                out.push_str(&format!("; {}\n{}\n", f.name, text.unwrap_or("")));
            }
            out
        }
    };
    head + &body
}
