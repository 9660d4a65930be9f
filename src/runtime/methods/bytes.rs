//! `bytes` and `bytearray` basics: constructors, decode/hex/fromhex, searching, splitting,
//! joining, case and predicates, and bytearray's mutators (append/extend/pop/insert/clear...).

use std::cell::RefCell;
use std::rc::Rc;

use super::{bind, int_arg, opt_index};
use crate::runtime::objects::{Class, Kwargs};
use crate::runtime::types::{add_method, check_args, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

/// The bytes of `self` (a copy for bytearray) and whether it is a bytearray.
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<(Vec<u8>, bool)> {
    match a.first().map(|v| vm.unwrap_base(v)) {
        Some(Value::Bytes(b)) => Ok(((*b).clone(), false)),
        Some(Value::ByteArray(b)) => Ok((b.borrow().clone(), true)),
        Some(other) => Err(super::descriptor_error(vm, name, "bytes", &other)),
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' needs an argument"),
        )),
    }
}

fn this_ba(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Rc<RefCell<Vec<u8>>>> {
    match a.first().map(|v| vm.unwrap_base(v)) {
        Some(Value::ByteArray(b)) => Ok(b),
        Some(other) => Err(super::descriptor_error(vm, name, "bytearray", &other)),
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' needs an argument"),
        )),
    }
}

fn make(v: Vec<u8>, ba: bool) -> Value {
    if ba {
        Value::ByteArray(Rc::new(RefCell::new(v)))
    } else {
        Value::Bytes(Rc::new(v))
    }
}

/// A bytes-like argument.
pub fn bytes_like(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match vm.unwrap_base(v) {
        Value::Bytes(b) => Ok((*b).clone()),
        Value::ByteArray(b) => Ok(b.borrow().clone()),
        other => {
            let t = vm.type_name(&other);
            Err(vm.new_error(
                "TypeError",
                &format!("a bytes-like object is required, not '{t}'"),
            ))
        }
    }
}

fn byte_of(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    byte_in(vm, v, "byte")
}

fn byte_in(vm: &mut Vm, v: &Value, what: &str) -> PyResult<u8> {
    let i = vm.index_value(v)?;
    if !(0..256).contains(&i) {
        return Err(vm.new_error("ValueError", &format!("{what} must be in range(0, 256)")));
    }
    Ok(i as u8)
}

/// `bytes(x)` / `bytearray(x)` contents.
fn construct(vm: &mut Vm, a: &[Value], kw: Kwargs, name: &str) -> PyResult<Vec<u8>> {
    let p = bind(vm, name, &a[1..], kw, &["source", "encoding", "errors"], 0)?;
    let Some(src) = &p[0] else {
        if p[1].is_some() || p[2].is_some() {
            let msg = if p[1].is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            };
            return Err(vm.new_error("TypeError", msg));
        }
        return Ok(vec![]);
    };
    if let Some(s) = super::as_str(vm, src) {
        let Some(enc) = &p[1] else {
            return Err(vm.new_error("TypeError", "string argument without an encoding"));
        };
        let enc = super::str_arg(vm, enc, &format!("{name}() argument 'encoding'"))?;
        let errors = match &p[2] {
            Some(e) => super::str_arg(vm, e, &format!("{name}() argument 'errors'"))?
                .as_str()
                .to_string(),
            None => "strict".into(),
        };
        return super::str::encode(vm, s.as_str(), enc.as_str(), &errors);
    }
    if p[1].is_some() {
        return Err(vm.new_error("TypeError", "encoding without a string argument"));
    }
    match vm.unwrap_base(src) {
        Value::Bytes(b) => Ok((*b).clone()),
        Value::ByteArray(b) => Ok(b.borrow().clone()),
        Value::Int(n) => {
            if n < 0 {
                return Err(vm.new_error("ValueError", "negative count"));
            }
            super::check_size(vm, n as u128)?;
            Ok(vec![0; n as usize])
        }
        Value::BigInt(_) => Err(vm.new_error(
            "OverflowError",
            "cannot fit 'int' into an index-sized integer",
        )),
        Value::Float(_) => Err(vm.new_error("TypeError", "cannot convert 'float' object to bytes")),
        other => {
            let it = match vm.get_iter(&other) {
                Ok(it) => it,
                Err(e) if vm.exc_matches(&e, "TypeError") => {
                    let t = vm.type_name(&other);
                    return Err(vm.new_error(
                        "TypeError",
                        &format!("cannot convert '{t}' object to bytes"),
                    ));
                }
                Err(e) => return Err(e),
            };
            let mut out = Vec::new();
            while let Some(x) = vm.next(&it)? {
                out.push(byte_in(vm, &x, "bytes")?);
            }
            Ok(out)
        }
    }
}

fn find_sub(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return (from <= hay.len()).then_some(from);
    }
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A needle argument: bytes-like or an int byte.
fn needle(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    match v {
        Value::Int(_) | Value::Bool(_) => Ok(vec![byte_of(vm, v)?]),
        _ => {
            let r = bytes_like(vm, v);
            r.map_err(|_| {
                let t = vm.type_name(v);
                vm.new_error(
                    "TypeError",
                    &format!("argument should be integer or bytes-like object, not '{t}'"),
                )
            })
        }
    }
}

fn window(vm: &mut Vm, a: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let fix = |i: i64| -> usize { (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize };
    let s = opt_index(vm, a.get(2))?.map_or(0, fix);
    let e = opt_index(vm, a.get(3))?.map_or(len, fix);
    Ok((s, e))
}

fn find_impl(vm: &mut Vm, a: &[Value], which: u8) -> PyResult<Value> {
    let name = ["find", "index", "count", "rfind"][which as usize];
    let (b, _) = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 1, 3)?;
    let sub = needle(vm, &a[1])?;
    let (s, e) = window(vm, a, b.len())?;
    let hay = if s <= e { &b[s..e] } else { &b[0..0] };
    if s > e || (s > b.len()) {
        return Ok(Value::Int(if which == 2 { 0 } else { -1 }));
    }
    match which {
        2 => {
            if sub.is_empty() {
                return Ok(Value::Int(hay.len() as i64 + 1));
            }
            let mut n = 0;
            let mut i = 0;
            while let Some(p) = find_sub(hay, &sub, i) {
                n += 1;
                i = p + sub.len();
            }
            Ok(Value::Int(n))
        }
        3 => {
            let r = if sub.len() > hay.len() {
                None
            } else {
                (0..=hay.len() - sub.len())
                    .rev()
                    .find(|&i| &hay[i..i + sub.len()] == sub.as_slice())
            };
            Ok(Value::Int(r.map_or(-1, |p| (p + s) as i64)))
        }
        _ => match find_sub(hay, &sub, 0) {
            Some(p) => Ok(Value::Int((p + s) as i64)),
            None if which == 1 => Err(vm.new_error("ValueError", "subsection not found")),
            None => Ok(Value::Int(-1)),
        },
    }
}

fn affix(vm: &mut Vm, a: &[Value], ends: bool) -> PyResult<Value> {
    let name = if ends { "endswith" } else { "startswith" };
    let (b, _) = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 1, 3)?;
    let (s, e) = window(vm, a, b.len())?;
    let hay: &[u8] = if s <= e { &b[s..e] } else { &[] };
    let cands = match &a[1] {
        Value::Tuple(t) => t.items.to_vec(),
        v => vec![v.clone()],
    };
    for c in &cands {
        let p = match bytes_like(vm, c) {
            Ok(p) => p,
            Err(_) => {
                let t = vm.type_name(c);
                let msg = format!("{name} first arg must be bytes or a tuple of bytes, not {t}");
                return Err(vm.new_error("TypeError", &msg));
            }
        };
        if s <= e
            && (if ends {
                hay.ends_with(&p)
            } else {
                hay.starts_with(&p)
            })
        {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0b' | b'\x0c')
}

fn strip_impl(vm: &mut Vm, a: &[Value], which: u8) -> PyResult<Value> {
    let name = ["strip", "lstrip", "rstrip"][which as usize];
    let (b, ba) = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 0, 1)?;
    let chars: Option<Vec<u8>> = match a.get(1) {
        None | Some(Value::None) => None,
        Some(v) => Some(bytes_like(vm, v)?),
    };
    let strip = |c: &u8| match &chars {
        Some(cs) => cs.contains(c),
        None => is_ws(*c),
    };
    let mut s = 0;
    let mut e = b.len();
    if which != 2 {
        while s < e && strip(&b[s]) {
            s += 1;
        }
    }
    if which != 1 {
        while e > s && strip(&b[e - 1]) {
            e -= 1;
        }
    }
    Ok(make(b[s..e].to_vec(), ba))
}

fn split_impl(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let (b, ba) = this(vm, a, "split")?;
    let p = bind(vm, "split", &a[1..], kw, &["sep", "maxsplit"], 0)?;
    let max = match &p[1] {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut out = Vec::new();
    match &p[0] {
        None | Some(Value::None) => {
            let mut i = 0;
            let n = b.len();
            while i < n {
                while i < n && is_ws(b[i]) {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                if out.len() == max {
                    let mut e = n;
                    while e > i && is_ws(b[e - 1]) {
                        e -= 1;
                    }
                    out.push(make(b[i..e].to_vec(), ba));
                    break;
                }
                let st = i;
                while i < n && !is_ws(b[i]) {
                    i += 1;
                }
                out.push(make(b[st..i].to_vec(), ba));
            }
        }
        Some(sep) => {
            let sep = bytes_like(vm, sep)?;
            if sep.is_empty() {
                return Err(vm.new_error("ValueError", "empty separator"));
            }
            let mut start = 0;
            while out.len() < max {
                match find_sub(&b, &sep, start) {
                    Some(pos) => {
                        out.push(make(b[start..pos].to_vec(), ba));
                        start = pos + sep.len();
                    }
                    None => break,
                }
            }
            out.push(make(b[start..].to_vec(), ba));
        }
    }
    Ok(Value::list(out))
}

fn hex_of(b: &[u8], sep: Option<&str>) -> String {
    let mut s = String::with_capacity(b.len() * 3);
    for (i, x) in b.iter().enumerate() {
        if i > 0 {
            if let Some(sep) = sep {
                s.push_str(sep);
            }
        }
        s.push_str(&format!("{x:02x}"));
    }
    s
}

fn fromhex(vm: &mut Vm, s: &str) -> PyResult<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = (b[i] as char).to_digit(16);
        let lo = b.get(i + 1).and_then(|c| (*c as char).to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            _ => {
                let pos = if hi.is_some() { i + 1 } else { i };
                let msg =
                    format!("non-hexadecimal number found in fromhex() arg at position {pos}");
                return Err(vm.new_error("ValueError", &msg));
            }
        }
    }
    Ok(out)
}

fn register_common(c: &Rc<Class>) {
    add_method(c, "decode", |vm, a, kw| {
        let (b, _) = this(vm, a, "decode")?;
        let p = bind(vm, "decode", &a[1..], kw, &["encoding", "errors"], 0)?;
        let enc = match &p[0] {
            Some(e) => super::str_arg(vm, e, "decode() argument 'encoding'")?
                .as_str()
                .to_string(),
            None => "utf-8".into(),
        };
        let err = match &p[1] {
            Some(e) => super::str_arg(vm, e, "decode() argument 'errors'")?
                .as_str()
                .to_string(),
            None => "strict".into(),
        };
        Ok(Value::string(super::str::decode(vm, &b, &enc, &err)?))
    });
    add_method(c, "hex", |vm, a, _| {
        let (b, _) = this(vm, a, "hex")?;
        check_args(vm, "hex", &a[1..], 0, 2)?;
        let sep = match a.get(1) {
            Some(s) => Some(super::str_arg(vm, s, "sep")?.as_str().to_string()),
            None => None,
        };
        Ok(Value::string(hex_of(&b, sep.as_deref())))
    });
    add_method(c, "find", |vm, a, _| find_impl(vm, a, 0));
    add_method(c, "index", |vm, a, _| find_impl(vm, a, 1));
    add_method(c, "count", |vm, a, _| find_impl(vm, a, 2));
    add_method(c, "rfind", |vm, a, _| find_impl(vm, a, 3));
    add_method(c, "startswith", |vm, a, _| affix(vm, a, false));
    add_method(c, "endswith", |vm, a, _| affix(vm, a, true));
    add_method(c, "strip", |vm, a, _| strip_impl(vm, a, 0));
    add_method(c, "lstrip", |vm, a, _| strip_impl(vm, a, 1));
    add_method(c, "rstrip", |vm, a, _| strip_impl(vm, a, 2));
    add_method(c, "split", split_impl);
    add_method(c, "replace", |vm, a, _| {
        let (b, ba) = this(vm, a, "replace")?;
        check_args(vm, "replace", &a[1..], 2, 3)?;
        let old = bytes_like(vm, &a[1])?;
        let new = bytes_like(vm, &a[2])?;
        let count = match a.get(3) {
            Some(v) => int_arg(vm, v)?,
            None => -1,
        };
        let max = if count < 0 {
            usize::MAX
        } else {
            count as usize
        };
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        let mut n = 0;
        if old.is_empty() {
            for (k, x) in b.iter().enumerate() {
                if n < max {
                    out.extend_from_slice(&new);
                    n += 1;
                }
                out.push(*x);
                let _ = k;
            }
            if n < max {
                out.extend_from_slice(&new);
            }
            return Ok(make(out, ba));
        }
        while n < max {
            match find_sub(&b, &old, i) {
                Some(p) => {
                    out.extend_from_slice(&b[i..p]);
                    out.extend_from_slice(&new);
                    i = p + old.len();
                    n += 1;
                }
                None => break,
            }
        }
        out.extend_from_slice(&b[i..]);
        Ok(make(out, ba))
    });
    add_method(c, "join", |vm, a, _| {
        let (sep, ba) = this(vm, a, "join")?;
        check_args(vm, "join", &a[1..], 1, 1)?;
        let items = vm.collect(&a[1])?;
        let mut out = Vec::new();
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            match vm.unwrap_base(x) {
                Value::Bytes(b) => out.extend_from_slice(&b),
                Value::ByteArray(b) => out.extend_from_slice(&b.borrow()),
                _ => {
                    let t = vm.type_name(x);
                    let msg = format!("sequence item {i}: expected a bytes-like object, {t} found");
                    return Err(vm.new_error("TypeError", &msg));
                }
            }
        }
        Ok(make(out, ba))
    });
    add_method(c, "upper", |vm, a, _| {
        let (b, ba) = this(vm, a, "upper")?;
        Ok(make(b.to_ascii_uppercase(), ba))
    });
    add_method(c, "lower", |vm, a, _| {
        let (b, ba) = this(vm, a, "lower")?;
        Ok(make(b.to_ascii_lowercase(), ba))
    });
    add_method(c, "isalpha", |vm, a, _| {
        let (b, _) = this(vm, a, "isalpha")?;
        Ok(Value::Bool(
            !b.is_empty() && b.iter().all(|c| c.is_ascii_alphabetic()),
        ))
    });
    add_method(c, "isdigit", |vm, a, _| {
        let (b, _) = this(vm, a, "isdigit")?;
        Ok(Value::Bool(
            !b.is_empty() && b.iter().all(|c| c.is_ascii_digit()),
        ))
    });
    add_method(c, "isalnum", |vm, a, _| {
        let (b, _) = this(vm, a, "isalnum")?;
        Ok(Value::Bool(
            !b.is_empty() && b.iter().all(|c| c.is_ascii_alphanumeric()),
        ))
    });
    add_method(c, "isspace", |vm, a, _| {
        let (b, _) = this(vm, a, "isspace")?;
        Ok(Value::Bool(!b.is_empty() && b.iter().all(|c| is_ws(*c))))
    });
    add_method(c, "islower", |vm, a, _| {
        let (b, _) = this(vm, a, "islower")?;
        Ok(Value::Bool(
            b.iter().any(|c| c.is_ascii_lowercase()) && !b.iter().any(|c| c.is_ascii_uppercase()),
        ))
    });
    add_method(c, "isupper", |vm, a, _| {
        let (b, _) = this(vm, a, "isupper")?;
        Ok(Value::Bool(
            b.iter().any(|c| c.is_ascii_uppercase()) && !b.iter().any(|c| c.is_ascii_lowercase()),
        ))
    });
    let fh = native_fn("fromhex", None, |vm, a, _| {
        check_args(vm, "fromhex", &a[1..], 1, 1)?;
        let s = super::str_arg(vm, &a[1], "fromhex() argument")?;
        let v = fromhex(vm, s.as_str())?;
        let ba = matches!(&a[0], Value::Class(c) if Rc::ptr_eq(c, &vm.types.bytearray));
        Ok(make(v, ba))
    });
    c.dict
        .set_by_str("fromhex", Value::ClassMethod(Rc::new(fh)));
}

pub fn init(vm: &mut Vm) {
    let b = vm.types.bytes.clone();
    let ba = vm.types.bytearray.clone();
    register_common(&b);
    register_common(&ba);
    add_method(&b, "__new__", |vm, a, kw| {
        if a.len() == 2 && kw.is_empty() && !matches!(a[1], Value::Bytes(_)) {
            if let Some(m) = vm.lookup_special(&a[1], "__bytes__") {
                let r = vm.call_special(&m, &a[1], &[])?;
                let cls = a[0].clone();
                let bc = vm.types.bytes.clone();
                return super::new_of(vm, &cls, &bc, r);
            }
        }
        let v = construct(vm, a, kw, "bytes")?;
        let cls = a.first().cloned().unwrap_or(Value::None);
        let bc = vm.types.bytes.clone();
        super::new_of(vm, &cls, &bc, Value::Bytes(Rc::new(v)))
    });
    add_method(&ba, "__new__", |vm, a, _| {
        let cls = a.first().cloned().unwrap_or(Value::None);
        let bc = vm.types.bytearray.clone();
        super::new_of(
            vm,
            &cls,
            &bc,
            Value::ByteArray(Rc::new(RefCell::new(vec![]))),
        )
    });
    add_method(&ba, "__init__", |vm, a, kw| {
        let b = this_ba(vm, a, "__init__")?;
        let v = construct(vm, a, kw, "bytearray")?;
        *b.borrow_mut() = v;
        Ok(Value::None)
    });
    add_method(&ba, "append", |vm, a, _| {
        let b = this_ba(vm, a, "append")?;
        check_args(vm, "append", &a[1..], 1, 1)?;
        let x = byte_of(vm, &a[1])?;
        b.borrow_mut().push(x);
        Ok(Value::None)
    });
    add_method(&ba, "extend", |vm, a, _| {
        let b = this_ba(vm, a, "extend")?;
        check_args(vm, "extend", &a[1..], 1, 1)?;
        let v = match vm.unwrap_base(&a[1]) {
            Value::Bytes(x) => (*x).clone(),
            Value::ByteArray(x) => x.borrow().clone(),
            other => {
                let items = vm.collect(&other)?;
                let mut v = Vec::with_capacity(items.len());
                for x in &items {
                    v.push(byte_of(vm, x)?);
                }
                v
            }
        };
        b.borrow_mut().extend(v);
        Ok(Value::None)
    });
    add_method(&ba, "insert", |vm, a, _| {
        let b = this_ba(vm, a, "insert")?;
        check_args(vm, "insert", &a[1..], 2, 2)?;
        let i = int_arg(vm, &a[1])?;
        let x = byte_of(vm, &a[2])?;
        let mut v = b.borrow_mut();
        let n = v.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        v.insert(j as usize, x);
        Ok(Value::None)
    });
    add_method(&ba, "pop", |vm, a, _| {
        let b = this_ba(vm, a, "pop")?;
        check_args(vm, "pop", &a[1..], 0, 1)?;
        let i = match a.get(1) {
            Some(v) => int_arg(vm, v)?,
            None => -1,
        };
        let n = b.borrow().len() as i64;
        if n == 0 {
            return Err(vm.new_error("IndexError", "pop from empty bytearray"));
        }
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(vm.new_error("IndexError", "pop index out of range"));
        }
        let x = b.borrow_mut().remove(j as usize);
        Ok(Value::Int(x as i64))
    });
    add_method(&ba, "remove", |vm, a, _| {
        let b = this_ba(vm, a, "remove")?;
        check_args(vm, "remove", &a[1..], 1, 1)?;
        let x = byte_of(vm, &a[1])?;
        let pos = b.borrow().iter().position(|c| *c == x);
        match pos {
            Some(p) => {
                b.borrow_mut().remove(p);
                Ok(Value::None)
            }
            None => Err(vm.new_error("ValueError", "value not found in bytearray")),
        }
    });
    add_method(&ba, "clear", |vm, a, _| {
        let b = this_ba(vm, a, "clear")?;
        b.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(&ba, "copy", |vm, a, _| {
        let b = this_ba(vm, a, "copy")?;
        let v = b.borrow().clone();
        Ok(make(v, true))
    });
    add_method(&ba, "reverse", |vm, a, _| {
        let b = this_ba(vm, a, "reverse")?;
        b.borrow_mut().reverse();
        Ok(Value::None)
    });
}

fn latin1(b: &[u8]) -> String {
    b.iter().map(|&c| c as char).collect()
}

/// `bytes % args`: formats through the str implementation with a latin-1 mapping.
pub fn percent_format(vm: &mut Vm, fmt: &Rc<Vec<u8>>, args: &Value) -> PyResult<Value> {
    let conv = |vm: &mut Vm, v: &Value| -> Value {
        match vm.unwrap_base(v) {
            Value::Bytes(b) => Value::string(latin1(&b)),
            Value::ByteArray(b) => Value::string(latin1(&b.borrow())),
            _ => v.clone(),
        }
    };
    let args = match args {
        Value::Tuple(t) => Value::tuple(t.items.iter().map(|x| conv(vm, x)).collect()),
        other => conv(vm, other),
    };
    let f = Rc::new(crate::runtime::value::PyStr::new(latin1(fmt)));
    let r = vm.percent_format(&f, &args)?;
    match r {
        Value::Str(s) => Ok(Value::Bytes(Rc::new(
            s.as_str().chars().map(|c| c as u32 as u8).collect(),
        ))),
        other => Ok(other),
    }
}
