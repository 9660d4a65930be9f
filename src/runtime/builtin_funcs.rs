//! Builtin functions beyond the core set in `builtins.rs`: min/max/sum/sorted/reversed,
//! enumerate/zip/map/filter, any/all, round/divmod/pow, chr/ord/hex/oct/bin, input, open,
//! exec/eval/compile, globals, exit/quit.

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, Zero};

use super::dict::PyDict;
use super::iter::{new_iter, IterKind};
use super::methods::{bind, int_arg};
use super::num;
use super::objects::{Kwargs, NativeFn};
use super::types::{check_args, kwarg, native_fn};
use super::value::Value;
use crate::compiler::opcode::{BinOp, CmpOp};
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) {
    let b = vm.builtins.clone();
    let fns: &[(&str, NativeFn)] = &[
        ("min", |vm, a, kw| min_max(vm, a, kw, false)),
        ("max", |vm, a, kw| min_max(vm, a, kw, true)),
        ("sum", builtin_sum),
        ("sorted", builtin_sorted),
        ("reversed", |vm, a, kw| {
            super::methods::no_kw(vm, "reversed", kw)?;
            check_args(vm, "reversed", a, 1, 1)?;
            reversed_of(vm, &a[0])
        }),
        ("enumerate", builtin_enumerate),
        ("zip", builtin_zip),
        ("map", builtin_map),
        ("filter", builtin_filter),
        ("any", |vm, a, _| any_all(vm, a, true)),
        ("all", |vm, a, _| any_all(vm, a, false)),
        ("round", |vm, a, kw| {
            let p = bind(vm, "round", a, kw, &["number", "ndigits"], 1)?;
            let x = p[0].clone().unwrap_or(Value::None);
            round_value(vm, &x, p[1].as_ref())
        }),
        ("divmod", |vm, a, _| {
            check_args(vm, "divmod", a, 2, 2)?;
            divmod(vm, &a[0], &a[1])
        }),
        ("pow", builtin_pow),
        ("chr", builtin_chr),
        ("ord", builtin_ord),
        ("hex", |vm, a, _| int_radix(vm, a, "hex", 16)),
        ("oct", |vm, a, _| int_radix(vm, a, "oct", 8)),
        ("bin", |vm, a, _| int_radix(vm, a, "bin", 2)),
        ("input", builtin_input),
        ("open", super::methods::file::builtin_open),
        ("exec", |vm, a, kw| exec_eval(vm, a, kw, false)),
        ("eval", |vm, a, kw| exec_eval(vm, a, kw, true)),
        ("compile", builtin_compile),
        ("globals", |vm, a, _| {
            check_args(vm, "globals", a, 0, 0)?;
            Ok(Value::Dict(main_dict(vm)))
        }),
        ("exit", builtin_exit),
        ("quit", builtin_exit),
    ];
    for (name, f) in fns {
        b.set_by_str(name, native_fn(name, Some("builtins"), *f));
    }
}

fn min_max(vm: &mut Vm, a: &[Value], kw: Kwargs, is_max: bool) -> PyResult<Value> {
    let name = if is_max { "max" } else { "min" };
    let mut key = None;
    let mut default = None;
    for (k, v) in kw {
        match k.as_str() {
            "key" => key = Some(v.clone()),
            "default" => default = Some(v.clone()),
            other => {
                let msg = format!("'{other}' is an invalid keyword argument for {name}()");
                return Err(vm.new_error("TypeError", &msg));
            }
        }
    }
    let key = key.filter(|k| !k.is_none());
    let items: Vec<Value> = match a.len() {
        0 => {
            return Err(vm.new_error(
                "TypeError",
                &format!("{name} expected at least 1 argument, got 0"),
            ));
        }
        1 => vm.collect(&a[0])?,
        _ => {
            if default.is_some() {
                let msg = format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                );
                return Err(vm.new_error("TypeError", &msg));
            }
            a.to_vec()
        }
    };
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) => vm.call(f, std::slice::from_ref(&item), &[])?,
            None => item.clone(),
        };
        best = Some(match best {
            None => (item, k),
            Some((bv, bk)) => {
                let op = if is_max { CmpOp::Gt } else { CmpOp::Lt };
                let r = vm.compare(&k, &bk, op)?;
                if vm.truthy(&r)? {
                    (item, k)
                } else {
                    (bv, bk)
                }
            }
        });
    }
    match best {
        Some((v, _)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.new_error("ValueError", &format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn builtin_sum(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let p = bind(vm, "sum", a, kw, &["iterable", "start"], 1)?;
    if (a.len() + kw.len() > 2 || kwarg(kw, "iterable").is_some())
        && kwarg(kw, "iterable").is_some()
    {
        return Err(vm.new_error(
            "TypeError",
            "sum() takes at least 1 positional argument (0 given)",
        ));
    }
    let start = p[1].clone().unwrap_or(Value::Int(0));
    match &start {
        Value::Str(_) => {
            return Err(vm.new_error(
                "TypeError",
                "sum() can't sum strings [use ''.join(seq) instead]",
            ))
        }
        Value::Bytes(_) => {
            return Err(vm.new_error(
                "TypeError",
                "sum() can't sum bytes [use b''.join(seq) instead]",
            ))
        }
        Value::ByteArray(_) => {
            return Err(vm.new_error(
                "TypeError",
                "sum() can't sum bytearray [use b''.join(seq) instead]",
            ));
        }
        _ => {}
    }
    let src = p[0].clone().unwrap_or(Value::None);
    let it = vm.get_iter(&src)?;
    let mut acc = start;
    while let Some(x) = vm.next(&it)? {
        acc = match (&acc, &x) {
            (Value::Int(s), Value::Int(y)) => match s.checked_add(*y) {
                Some(r) => Value::Int(r),
                None => vm.binop(BinOp::Add, &acc, &x, false)?,
            },
            (Value::Float(s), Value::Float(y)) => Value::Float(s + y),
            (Value::Float(s), Value::Int(y)) => Value::Float(s + *y as f64),
            _ => vm.binop(BinOp::Add, &acc, &x, false)?,
        };
    }
    Ok(acc)
}

fn builtin_sorted(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    if a.len() != 1 {
        return Err(vm.new_error(
            "TypeError",
            &format!("sorted expected 1 argument, got {}", a.len()),
        ));
    }
    let p = bind(vm, "sorted", &[], kw, &["key", "reverse"], 0)?;
    let mut items = vm.collect(&a[0])?;
    let reverse = match &p[1] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    vm.sort_values(&mut items, p[0].as_ref(), reverse)?;
    Ok(Value::list(items))
}

/// `reversed(seq)`.
pub fn reversed_of(vm: &mut Vm, v: &Value) -> PyResult<Value> {
    match v {
        Value::List(l) => {
            let n = l.items.borrow().len();
            return Ok(new_iter(IterKind::ReversedList(l.clone(), n)));
        }
        Value::Tuple(t) => {
            let mut items = t.items.to_vec();
            items.reverse();
            return Ok(new_iter(IterKind::Values(items, 0, "reversed")));
        }
        Value::Range(r) => {
            let n = r.len();
            if n == 0 {
                return Ok(new_iter(IterKind::Values(vec![], 0, "range_iterator")));
            }
            let last = r.start as i128 + (n as i128 - 1) * r.step as i128;
            let last = i64::try_from(last).unwrap_or(r.start);
            return Ok(new_iter(IterKind::Range {
                next: last,
                step: r.step.wrapping_neg(),
                left: n,
                len: n,
            }));
        }
        Value::Str(_) | Value::Bytes(_) | Value::ByteArray(_) => {
            let mut items = vm.collect(v)?;
            items.reverse();
            return Ok(new_iter(IterKind::Values(items, 0, "reversed")));
        }
        Value::Dict(d) => {
            let mut items = d.map.borrow().keys();
            items.reverse();
            return Ok(new_iter(IterKind::Values(
                items,
                0,
                "dict_reversekeyiterator",
            )));
        }
        _ => {}
    }
    if let Some(m) = vm.lookup_special(v, "__reversed__") {
        if m.is_none() {
            let t = vm.type_name(v);
            return Err(vm.new_error("TypeError", &format!("'{t}' object is not reversible")));
        }
        return vm.call_special(&m, v, &[]);
    }
    if matches!(v, Value::Instance(_) | Value::Native(_))
        && vm.lookup_special(v, "__len__").is_some()
        && vm.lookup_special(v, "__getitem__").is_some()
    {
        let n = vm.len(v)?;
        let mut items = Vec::with_capacity(n);
        for i in (0..n).rev() {
            items.push(vm.getitem(v, &Value::Int(i as i64))?);
        }
        return Ok(new_iter(IterKind::Values(items, 0, "reversed")));
    }
    let t = vm.type_name(v);
    Err(vm.new_error("TypeError", &format!("'{t}' object is not reversible")))
}

fn builtin_enumerate(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let p = bind(vm, "enumerate", a, kw, &["iterable", "start"], 1)?;
    let src = p[0].clone().unwrap_or(Value::None);
    let start = match &p[1] {
        Some(s) => int_arg(vm, s)?,
        None => 0,
    };
    let inner = vm.get_iter(&src)?;
    Ok(new_iter(IterKind::Enumerate { inner, n: start }))
}

fn builtin_zip(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let mut strict = false;
    for (k, v) in kw {
        if k.as_str() == "strict" {
            strict = vm.truthy(v)?;
        } else {
            let msg = format!("zip() got an unexpected keyword argument '{}'", k.as_str());
            return Err(vm.new_error("TypeError", &msg));
        }
    }
    let mut iters = Vec::with_capacity(a.len());
    for x in a {
        iters.push(vm.get_iter(x)?);
    }
    Ok(new_iter(IterKind::Zip { iters, strict }))
}

fn builtin_map(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::methods::no_kw(vm, "map", kw)?;
    if a.len() < 2 {
        return Err(vm.new_error("TypeError", "map() must have at least two arguments."));
    }
    let mut iters = Vec::with_capacity(a.len() - 1);
    for x in &a[1..] {
        iters.push(vm.get_iter(x)?);
    }
    Ok(new_iter(IterKind::Map {
        func: a[0].clone(),
        iters,
    }))
}

fn builtin_filter(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    super::methods::no_kw(vm, "filter", kw)?;
    if a.len() != 2 {
        return Err(vm.new_error(
            "TypeError",
            &format!("filter expected 2 arguments, got {}", a.len()),
        ));
    }
    let inner = vm.get_iter(&a[1])?;
    Ok(new_iter(IterKind::Filter {
        func: a[0].clone(),
        inner,
    }))
}

fn any_all(vm: &mut Vm, a: &[Value], any: bool) -> PyResult<Value> {
    check_args(vm, if any { "any" } else { "all" }, a, 1, 1)?;
    let it = vm.get_iter(&a[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? == any {
            return Ok(Value::Bool(any));
        }
    }
    Ok(Value::Bool(!any))
}

/// Rounds the rational `n / d` to the nearest integer, ties to even (`d > 0`).
fn round_half_even(n: &BigInt, d: &BigInt) -> BigInt {
    let (q, r) = n.div_mod_floor(d);
    let twice: BigInt = &r * 2;
    if twice > *d || (twice == *d && q.is_odd()) {
        q + 1
    } else {
        q
    }
}

/// `round(x, ndigits)` for every number type (and `__round__`).
pub fn round_value(vm: &mut Vm, x: &Value, ndigits: Option<&Value>) -> PyResult<Value> {
    let nd = match ndigits {
        None | Some(Value::None) => None,
        Some(v) => Some(match v {
            Value::BigInt(b) => {
                if b.is_negative() {
                    i64::MIN / 4
                } else {
                    i64::MAX / 4
                }
            }
            _ => vm.index_value(v)?,
        }),
    };
    match x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => {
            let v = vm.int_pos(x);
            match nd {
                Some(n) if n < 0 => {
                    let k = n.unsigned_abs();
                    let b = num::to_big(&v).unwrap_or_default();
                    if k > 100_000 || k > b.bits() / 3 + 2 {
                        return Ok(Value::Int(0));
                    }
                    let p = BigInt::from(10).pow(k as u32);
                    Ok(Value::from_bigint(round_half_even(&b, &p) * p))
                }
                _ => Ok(v),
            }
        }
        Value::Float(f) => round_float(vm, *f, nd),
        _ => {
            if let Some(m) = vm.lookup_special(x, "__round__") {
                let args: Vec<Value> = ndigits.cloned().into_iter().collect();
                return vm.call_special(&m, x, &args);
            }
            let t = vm.type_name(x);
            Err(vm.new_error(
                "TypeError",
                &format!("type {t} doesn't define __round__ method"),
            ))
        }
    }
}

fn round_float(vm: &mut Vm, f: f64, nd: Option<i64>) -> PyResult<Value> {
    let Some(n) = nd else {
        let r = f.round_ties_even();
        return super::methods::int::int_from_float(vm, r);
    };
    if !f.is_finite() || f == 0.0 {
        return Ok(Value::Float(f));
    }
    if n > 323 {
        return Ok(Value::Float(f));
    }
    if n < -308 {
        return Ok(Value::Float(0.0f64.copysign(f)));
    }
    let r = if n >= 0 {
        let s = format!("{:.*}", n as usize, f);
        s.parse::<f64>().unwrap_or(f)
    } else {
        let (num_, den) = super::methods::float::float_ratio(f);
        let p = BigInt::from(10).pow(n.unsigned_abs() as u32);
        let q = round_half_even(&num_, &(den * &p));
        if q.is_zero() {
            0.0f64.copysign(f)
        } else {
            let s = (q * p).to_string();
            s.parse::<f64>().unwrap_or(f64::INFINITY)
        }
    };
    if r.is_infinite() {
        return Err(vm.new_error("OverflowError", "rounded value too large to represent"));
    }
    Ok(Value::Float(r))
}

fn divmod(vm: &mut Vm, x: &Value, y: &Value) -> PyResult<Value> {
    let xu = matches!(x, Value::Instance(_) | Value::Native(_));
    let yu = matches!(y, Value::Instance(_) | Value::Native(_));
    if xu || yu {
        if xu {
            if let Some(m) = vm.lookup_special(x, "__divmod__") {
                let r = vm.call_special(&m, x, std::slice::from_ref(y))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if yu {
            if let Some(m) = vm.lookup_special(y, "__rdivmod__") {
                let r = vm.call_special(&m, y, std::slice::from_ref(x))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
    }
    let (x, y) = (vm.unwrap_base(x), vm.unwrap_base(y));
    let numeric = |v: &Value| {
        matches!(
            v,
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Float(_)
        )
    };
    if !numeric(&x) || !numeric(&y) {
        let (tx, ty) = (vm.type_name(&x), vm.type_name(&y));
        let msg = format!("unsupported operand type(s) for divmod(): '{tx}' and '{ty}'");
        return Err(vm.new_error("TypeError", &msg));
    }
    if matches!(x, Value::Float(_)) || matches!(y, Value::Float(_)) {
        let fy = vm.to_float(&y)?;
        if fy == 0.0 {
            return Err(vm.new_error("ZeroDivisionError", "float divmod()"));
        }
    }
    let q = vm.binop(BinOp::FloorDiv, &x, &y, false)?;
    let r = vm.binop(BinOp::Mod, &x, &y, false)?;
    Ok(Value::tuple(vec![q, r]))
}

fn builtin_pow(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let p = bind(vm, "pow", a, kw, &["base", "exp", "mod"], 2)?;
    let base = p[0].clone().unwrap_or(Value::None);
    let exp = p[1].clone().unwrap_or(Value::None);
    match &p[2] {
        None | Some(Value::None) => vm.binop(BinOp::Pow, &base, &exp, false),
        Some(m) => {
            let (b, e, m) = (
                vm.unwrap_base(&base),
                vm.unwrap_base(&exp),
                vm.unwrap_base(m),
            );
            let (Some(b), Some(e), Some(m)) = (num::to_big(&b), num::to_big(&e), num::to_big(&m))
            else {
                if let Some(f) = vm.lookup_special(&base, "__pow__") {
                    if matches!(base, Value::Instance(_)) {
                        return vm.call_special(
                            &f,
                            &base,
                            &[exp.clone(), p[2].clone().unwrap_or(Value::None)],
                        );
                    }
                }
                return Err(vm.new_error(
                    "TypeError",
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if m.is_zero() {
                return Err(vm.new_error("ValueError", "pow() 3rd argument cannot be 0"));
            }
            let am = m.abs();
            let (b, e) = if e.is_negative() {
                // Modular inverse (extended Euclid).
                let bb = b.mod_floor(&am);
                let g = bb.extended_gcd(&am);
                if g.gcd != BigInt::from(1) {
                    return Err(
                        vm.new_error("ValueError", "base is not invertible for the given modulus")
                    );
                }
                (g.x.mod_floor(&am), -e)
            } else {
                (b, e)
            };
            let mut r = b.modpow(&e, &am);
            if r.is_negative() {
                r += &am;
            }
            if m.is_negative() && !r.is_zero() {
                r -= &am;
            }
            Ok(Value::from_bigint(r))
        }
    }
}

fn builtin_chr(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args(vm, "chr", a, 1, 1)?;
    let i = match &a[0] {
        Value::BigInt(_) => {
            return Err(vm.new_error("OverflowError", "Python int too large to convert to C int"))
        }
        Value::Float(_) => {
            return Err(vm.new_error(
                "TypeError",
                "'float' object cannot be interpreted as an integer",
            ))
        }
        v => vm.index_value(v)?,
    };
    if i32::try_from(i).is_err() {
        let msg = if i < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        };
        return Err(vm.new_error("OverflowError", msg));
    }
    match u32::try_from(i).ok().and_then(char::from_u32) {
        Some(c) => {
            let mut buf = [0u8; 4];
            Ok(vm.char_str(c.encode_utf8(&mut buf)))
        }
        None => Err(vm.new_error("ValueError", "chr() arg not in range(0x110000)")),
    }
}

fn builtin_ord(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args(vm, "ord", a, 1, 1)?;
    match vm.unwrap_base(&a[0]) {
        Value::Str(s) => {
            let mut cs = s.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(Value::Int(c as i64)),
                _ => {
                    let msg = format!(
                        "ord() expected a character, but string of length {} found",
                        s.char_len
                    );
                    Err(vm.new_error("TypeError", &msg))
                }
            }
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b[0] as i64)),
        Value::ByteArray(b) if b.borrow().len() == 1 => Ok(Value::Int(b.borrow()[0] as i64)),
        Value::Bytes(b) => {
            let msg = format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            );
            Err(vm.new_error("TypeError", &msg))
        }
        other => {
            let t = vm.type_name(&other);
            Err(vm.new_error(
                "TypeError",
                &format!("ord() expected string of length 1, but {t} found"),
            ))
        }
    }
}

/// An int from an `__index__`-able value, big ints included.
pub(crate) fn index_big(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(num::to_big(v).unwrap_or_default()),
        _ => {
            if let Some(m) = vm.lookup_special(v, "__index__") {
                let r = vm.call_special(&m, v, &[])?;
                if let Some(b) = num::to_big(&r) {
                    return Ok(b);
                }
                let t = vm.type_name(&r);
                return Err(vm.new_error(
                    "TypeError",
                    &format!("__index__ returned non-int (type {t})"),
                ));
            }
            let t = vm.type_name(v);
            Err(vm.new_error(
                "TypeError",
                &format!("'{t}' object cannot be interpreted as an integer"),
            ))
        }
    }
}

fn int_radix(vm: &mut Vm, a: &[Value], name: &str, base: u32) -> PyResult<Value> {
    check_args(vm, name, a, 1, 1)?;
    let b = index_big(vm, &a[0])?;
    Ok(Value::string(crate::text::numparse::int_to_str(&b, base)))
}

fn builtin_input(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args(vm, "input", a, 0, 1)?;
    if let Some(p) = a.first() {
        let s = vm.str_of(p)?;
        vm.write_stdout(&s);
    }
    vm.flush_stdout();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.new_error("EOFError", "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
            }
            Ok(Value::string(line))
        }
        Err(e) => Err(vm.new_error("OSError", &e.to_string())),
    }
}

/// `__main__`'s globals (native functions cannot see the caller's frame).
pub fn main_dict(vm: &mut Vm) -> Rc<PyDict> {
    match vm.modules.get_by_str("__main__") {
        Some(Value::Module(m)) => m.dict.clone(),
        _ => {
            let d = Rc::new(PyDict::new());
            d.set_by_str("__name__", Value::str("__main__"));
            d
        }
    }
}

/// Source text of an exec/eval/compile argument.
fn source_of(vm: &mut Vm, v: &Value, fname: &str) -> PyResult<Option<String>> {
    match vm.unwrap_base(v) {
        Value::Str(s) => Ok(Some(s.as_str().to_string())),
        Value::Bytes(b) => Ok(Some(String::from_utf8_lossy(&b).into_owned())),
        Value::Code(_) => Ok(None),
        other => {
            let t = vm.type_name(&other);
            let msg = if fname == "compile" {
                "compile() arg 1 must be a string, bytes or AST object".to_string()
            } else {
                format!("{fname}() arg 1 must be a string, bytes or code object")
            };
            let _ = t;
            Err(vm.new_error("TypeError", &msg))
        }
    }
}

fn compile_src(
    vm: &mut Vm,
    src: &str,
    filename: &str,
    mode: crate::compiler::Mode,
) -> PyResult<Value> {
    match crate::compiler::compile(src, filename, mode) {
        Ok(code) => Ok(Value::Code(vm.load_code(&code))),
        Err(e) => Err(vm.syntax_error_exception(&e)),
    }
}

fn exec_eval(vm: &mut Vm, a: &[Value], kw: Kwargs, is_eval: bool) -> PyResult<Value> {
    let fname = if is_eval { "eval" } else { "exec" };
    let p = bind(vm, fname, a, kw, &["source", "globals", "locals"], 1)?;
    let src = p[0].clone().unwrap_or(Value::None);
    let globals = match &p[1] {
        None | Some(Value::None) => main_dict(vm),
        Some(Value::Dict(d)) => d.clone(),
        Some(other) => {
            let t = vm.type_name(other);
            let msg = if is_eval {
                "globals must be a real dict; try eval(expr, {}, mapping)".to_string()
            } else {
                format!("exec() globals must be a dict, not {t}")
            };
            return Err(vm.new_error("TypeError", &msg));
        }
    };
    let locals = match &p[2] {
        None | Some(Value::None) => globals.clone(),
        Some(Value::Dict(d)) => d.clone(),
        Some(other) => {
            let t = vm.type_name(other);
            return Err(vm.new_error("TypeError", &format!("locals must be a mapping, not {t}")));
        }
    };
    if globals.get_by_str("__builtins__").is_none() {
        let b = Value::Dict(vm.builtins.clone());
        globals.set_by_str("__builtins__", b);
    }
    let code = match source_of(vm, &src, fname)? {
        Some(text) => {
            let text = if is_eval {
                text.trim_start_matches([' ', '\t']).to_string()
            } else {
                text
            };
            let mode = if is_eval {
                crate::compiler::Mode::Eval
            } else {
                crate::compiler::Mode::Exec
            };
            compile_src(vm, &text, "<string>", mode)?
        }
        None => src.clone(),
    };
    let Value::Code(code) = code else {
        return Ok(Value::None);
    };
    let r = vm.run_code(&code, globals, Some(locals), &[])?;
    Ok(if is_eval { r } else { Value::None })
}

fn builtin_compile(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let p = bind(
        vm,
        "compile",
        a,
        kw,
        &[
            "source",
            "filename",
            "mode",
            "flags",
            "dont_inherit",
            "optimize",
        ],
        3,
    )?;
    let src = p[0].clone().unwrap_or(Value::None);
    let filename = match &p[1] {
        Some(v) => super::methods::str_arg(vm, v, "compile() argument 'filename'")?
            .as_str()
            .to_string(),
        None => "<string>".into(),
    };
    let mode = match &p[2] {
        Some(v) => super::methods::str_arg(vm, v, "compile() argument 'mode'")?
            .as_str()
            .to_string(),
        None => "exec".into(),
    };
    let mode = match mode.as_str() {
        "exec" => crate::compiler::Mode::Exec,
        "eval" => crate::compiler::Mode::Eval,
        "single" => crate::compiler::Mode::Interactive,
        _ => {
            return Err(vm.new_error(
                "ValueError",
                "compile() mode must be 'exec', 'eval' or 'single'",
            ))
        }
    };
    match source_of(vm, &src, "compile")? {
        Some(text) => compile_src(vm, &text, &filename, mode),
        None => Ok(src),
    }
}

fn builtin_exit(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    check_args(vm, "exit", a, 0, 1)?;
    let cls = vm.types.exc("SystemExit");
    Err(vm.new_exception(&cls, a.to_vec()))
}
