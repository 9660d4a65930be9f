//! `str` methods (split/join/strip/find/replace/case/padding/predicates/format/encode/
//! translate...) on top of the CPython-exact functions in `crate::text`, and `str.__new__`.

use std::rc::Rc;

use super::{as_str, bind, descriptor_error, int_arg, new_of, no_kw, opt_index};
use crate::runtime::objects::Kwargs;
use crate::runtime::types::{add_method, check_args, native_fn};
use crate::runtime::value::{PyStr, Value};
use crate::text::{self, case, strings};
use crate::vm::{PyErr, PyResult, Vm};

/// `self` of a str method (unwrapping str subclasses).
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Rc<PyStr>> {
    match a.first() {
        Some(v) => match as_str(vm, v) {
            Some(s) => Ok(s),
            None => Err(descriptor_error(vm, name, "str", v)),
        },
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' of 'str' object needs an argument"),
        )),
    }
}

#[cold]
fn must_be_str(vm: &mut Vm, prefix: &str, v: &Value) -> PyErr {
    let t = vm.type_name(v);
    vm.new_error("TypeError", &format!("{prefix}must be str, not {t}"))
}

fn sub_arg(vm: &mut Vm, v: &Value, prefix: &str) -> PyResult<Rc<PyStr>> {
    match as_str(vm, v) {
        Some(s) => Ok(s),
        None => Err(must_be_str(vm, prefix, v)),
    }
}

fn texterr<T>(vm: &mut Vm, r: text::TextResult<T>) -> PyResult<T> {
    r.map_err(|e| vm.text_error(e))
}

fn strs(items: Vec<&str>) -> Value {
    Value::list(items.into_iter().map(Value::str).collect())
}

/// Optional `sep` argument of split: None or a str.
fn sep_arg(vm: &mut Vm, v: Option<&Value>) -> PyResult<Option<Rc<PyStr>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => match as_str(vm, v) {
            Some(s) => Ok(Some(s)),
            None => {
                let t = vm.type_name(v);
                Err(vm.new_error("TypeError", &format!("must be str or None, not {t}")))
            }
        },
    }
}

fn split_impl(vm: &mut Vm, a: &[Value], kw: Kwargs, right: bool) -> PyResult<Value> {
    let name = if right { "rsplit" } else { "split" };
    let s = this(vm, a, name)?;
    let p = bind(vm, name, &a[1..], kw, &["sep", "maxsplit"], 0)?;
    let sep = sep_arg(vm, p[0].as_ref())?;
    let max = match &p[1] {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    let sep_s = sep.as_ref().map(|x| x.as_str());
    let r = if right {
        strings::rsplit(s.as_str(), sep_s, max)
    } else {
        strings::split(s.as_str(), sep_s, max)
    };
    let parts = texterr(vm, r)?;
    Ok(strs(parts))
}

fn strip_impl(vm: &mut Vm, a: &[Value], which: u8) -> PyResult<Value> {
    let name = ["strip", "lstrip", "rstrip"][which as usize];
    let s = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 0, 1)?;
    let chars = match a.get(1) {
        None | Some(Value::None) => None,
        Some(v) => match as_str(vm, v) {
            Some(c) => Some(c),
            None => {
                return Err(vm.new_error("TypeError", &format!("{name} arg must be None or str")));
            }
        },
    };
    let c = chars.as_ref().map(|c| c.as_str());
    let r = match which {
        0 => strings::strip(s.as_str(), c),
        1 => strings::lstrip(s.as_str(), c),
        _ => strings::rstrip(s.as_str(), c),
    };
    if r.len() == s.s.len() {
        return Ok(Value::Str(s));
    }
    Ok(Value::str(r))
}

/// (self, sub, start, end) of find/index/count.
type FindArgs = (Rc<PyStr>, Rc<PyStr>, Option<i64>, Option<i64>);

/// `(sub, start, end)` of find/index/count.
fn find_args(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<FindArgs> {
    let s = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 1, 3)?;
    let sub = sub_arg(vm, &a[1], "")?;
    let start = opt_index(vm, a.get(2))?;
    let end = opt_index(vm, a.get(3))?;
    Ok((s, sub, start, end))
}

fn find_impl(vm: &mut Vm, a: &[Value], kw: Kwargs, which: u8) -> PyResult<Value> {
    let name = ["find", "rfind", "index", "rindex", "count"][which as usize];
    no_kw(vm, name, kw)?;
    let (s, sub, start, end) = find_args(vm, a, name)?;
    let (s, sub) = (s.as_str(), sub.as_str());
    Ok(Value::Int(match which {
        0 => strings::find(s, sub, start, end),
        1 => strings::rfind(s, sub, start, end),
        2 => texterr(vm, strings::index(s, sub, start, end))?,
        3 => texterr(vm, strings::rindex(s, sub, start, end))?,
        _ => strings::count(s, sub, start, end),
    }))
}

fn affix_impl(vm: &mut Vm, a: &[Value], kw: Kwargs, ends: bool) -> PyResult<Value> {
    let name = if ends { "endswith" } else { "startswith" };
    no_kw(vm, name, kw)?;
    let s = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 1, 3)?;
    let start = opt_index(vm, a.get(2))?;
    let end = opt_index(vm, a.get(3))?;
    let test = |p: &str| {
        if ends {
            strings::endswith(s.as_str(), p, start, end)
        } else {
            strings::startswith(s.as_str(), p, start, end)
        }
    };
    match &a[1] {
        Value::Tuple(t) => {
            for x in t.items.iter() {
                match as_str(vm, x) {
                    Some(p) => {
                        if test(p.as_str()) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    None => {
                        let tn = vm.type_name(x);
                        let msg = format!("tuple for {name} must only contain str, not {tn}");
                        return Err(vm.new_error("TypeError", &msg));
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        v => match as_str(vm, v) {
            Some(p) => Ok(Value::Bool(test(p.as_str()))),
            None => {
                let tn = vm.type_name(v);
                let msg = format!("{name} first arg must be str or a tuple of str, not {tn}");
                Err(vm.new_error("TypeError", &msg))
            }
        },
    }
}

fn case_impl(vm: &mut Vm, a: &[Value], which: u8) -> PyResult<Value> {
    let name = [
        "upper",
        "lower",
        "title",
        "capitalize",
        "swapcase",
        "casefold",
    ][which as usize];
    let s = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 0, 0)?;
    let s = s.as_str();
    Ok(Value::string(match which {
        0 => case::upper(s),
        1 => case::lower(s),
        2 => case::title(s),
        3 => case::capitalize(s),
        4 => case::swapcase(s),
        _ => case::casefold(s),
    }))
}

fn pred_impl(vm: &mut Vm, a: &[Value], which: u8) -> PyResult<Value> {
    const NAMES: [&str; 12] = [
        "isspace",
        "isalpha",
        "isdecimal",
        "isdigit",
        "isnumeric",
        "isalnum",
        "isascii",
        "isprintable",
        "isidentifier",
        "islower",
        "isupper",
        "istitle",
    ];
    let name = NAMES[which as usize];
    let s = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 0, 0)?;
    let s = s.as_str();
    Ok(Value::Bool(match which {
        0 => case::isspace(s),
        1 => case::isalpha(s),
        2 => case::isdecimal(s),
        3 => case::isdigit(s),
        4 => case::isnumeric(s),
        5 => case::isalnum(s),
        6 => case::isascii(s),
        7 => case::isprintable(s),
        8 => case::isidentifier(s),
        9 => case::islower(s),
        10 => case::isupper(s),
        _ => case::istitle(s),
    }))
}

fn pad_impl(vm: &mut Vm, a: &[Value], which: u8) -> PyResult<Value> {
    let name = ["center", "ljust", "rjust"][which as usize];
    let s = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 1, 2)?;
    let width = int_arg(vm, &a[1])?;
    let fill = match a.get(2) {
        None => ' ',
        Some(v) => {
            let f = match as_str(vm, v) {
                Some(f) => f,
                None => {
                    let t = vm.type_name(v);
                    return Err(vm.new_error(
                        "TypeError",
                        &format!("{name}() argument 2 must be str, not {t}"),
                    ));
                }
            };
            let mut cs = f.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(vm.new_error(
                        "TypeError",
                        "The fill character must be exactly one character long",
                    ));
                }
            }
        }
    };
    if width <= s.char_len as i64 {
        return Ok(Value::Str(s));
    }
    let r = match which {
        0 => strings::center(s.as_str(), width, fill),
        1 => strings::ljust(s.as_str(), width, fill),
        _ => strings::rjust(s.as_str(), width, fill),
    };
    Ok(Value::string(texterr(vm, r)?))
}

fn partition_impl(vm: &mut Vm, a: &[Value], right: bool) -> PyResult<Value> {
    let name = if right { "rpartition" } else { "partition" };
    let s = this(vm, a, name)?;
    check_args(vm, name, &a[1..], 1, 1)?;
    let sep = sub_arg(vm, &a[1], "")?;
    let r = if right {
        strings::rpartition(s.as_str(), sep.as_str())
    } else {
        strings::partition(s.as_str(), sep.as_str())
    };
    let (x, y, z) = texterr(vm, r)?;
    Ok(Value::tuple(vec![
        Value::str(x),
        Value::str(y),
        Value::str(z),
    ]))
}

/// `str.join(iterable)`.
pub fn join(vm: &mut Vm, sep: &str, iterable: &Value) -> PyResult<Value> {
    let items = match iterable {
        Value::List(_) | Value::Tuple(_) => vm.collect(iterable)?,
        other => match vm.get_iter(other) {
            Ok(it) => {
                let mut v = Vec::new();
                while let Some(x) = vm.next(&it)? {
                    v.push(x);
                }
                v
            }
            Err(e) if vm.exc_matches(&e, "TypeError") => {
                return Err(vm.new_error("TypeError", "can only join an iterable"));
            }
            Err(e) => return Err(e),
        },
    };
    let mut total = 0usize;
    let mut parts: Vec<Rc<PyStr>> = Vec::with_capacity(items.len());
    for (i, x) in items.iter().enumerate() {
        match as_str(vm, x) {
            Some(s) => {
                total = total.saturating_add(s.s.len());
                parts.push(s);
            }
            None => {
                let t = vm.type_name(x);
                return Err(vm.new_error(
                    "TypeError",
                    &format!("sequence item {i}: expected str instance, {t} found"),
                ));
            }
        }
    }
    total = total.saturating_add(sep.len().saturating_mul(parts.len().saturating_sub(1)));
    super::check_size(vm, total as u128)?;
    let mut out = String::with_capacity(total);
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_str());
    }
    Ok(Value::string(out))
}

/// Where `str.format` finds keyword fields.
enum Named<'a> {
    Kw(Kwargs<'a>),
    Map(&'a Value),
}

/// Evaluates a `str.format` template (CPython's `build_string`).
fn format_template(
    vm: &mut Vm,
    tmpl: &str,
    args: &[Value],
    named: &Named,
    auto: &mut text::strformat::AutoNumber,
    depth: u32,
) -> PyResult<String> {
    use text::strformat::{FieldAccess, FieldFirst, FormatPiece};
    if depth == 0 {
        return Err(vm.new_error("ValueError", text::strformat::MAX_RECURSION));
    }
    let mut out = String::new();
    for piece in text::strformat::parse_template(tmpl) {
        match piece {
            FormatPiece::Literal(s) => out.push_str(&s),
            FormatPiece::Error(e) => return Err(vm.text_error(e)),
            FormatPiece::Field(f) => {
                let fname = texterr(vm, text::strformat::parse_field_name(&f.name, auto))?;
                let mut value = match &fname.first {
                    FieldFirst::Index(i) => match args.get(*i) {
                        Some(v) => v.clone(),
                        None => {
                            return Err(vm.new_error(
                                "IndexError",
                                &text::strformat::index_out_of_range(*i),
                            ));
                        }
                    },
                    FieldFirst::Keyword(k) => match named {
                        Named::Kw(kw) => match kw.iter().find(|(n, _)| n.as_str() == k) {
                            Some((_, v)) => v.clone(),
                            None => return Err(vm.key_error(&Value::str(k))),
                        },
                        Named::Map(m) => vm.getitem(m, &Value::str(k))?,
                    },
                };
                for acc in &fname.rest {
                    value = match acc {
                        FieldAccess::Attr(n) => vm.get_attr_str(&value, n)?,
                        FieldAccess::Index(i) => vm.getitem(&value, &Value::Int(*i as i64))?,
                        FieldAccess::Key(k) => vm.getitem(&value, &Value::str(k))?,
                    };
                }
                if let Some(e) = fname.rest_error {
                    return Err(vm.text_error(e));
                }
                if let Some(c) = f.conversion {
                    let c = texterr(vm, text::strformat::check_conversion(c))?;
                    value = match c {
                        'r' => Value::string(vm.repr(&value)?),
                        'a' => {
                            let r = vm.repr(&value)?;
                            Value::string(text::repr::ascii_escape(&r))
                        }
                        _ => Value::string(vm.str_of(&value)?),
                    };
                }
                let spec = if f.spec_needs_expanding {
                    format_template(vm, &f.spec, args, named, auto, depth - 1)?
                } else {
                    f.spec.clone()
                };
                let s = vm.format(&value, &spec)?;
                out.push_str(&s);
            }
        }
    }
    Ok(out)
}

/// `str.format(*args, **kwargs)` for callers outside this module.
pub fn str_format(vm: &mut Vm, tmpl: &str, args: &[Value], kw: Kwargs) -> PyResult<String> {
    let mut auto = text::strformat::AutoNumber::new();
    format_template(vm, tmpl, args, &Named::Kw(kw), &mut auto, 2)
}

/// `str.encode` / `bytes(str, encoding)`.
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    match enc.as_str() {
        "utf-8" | "utf8" | "u8" => Ok(s.as_bytes().to_vec()),
        "ascii" | "us-ascii" | "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => {
            let limit: u32 = if enc.contains("ascii") { 128 } else { 256 };
            let mut out = Vec::with_capacity(s.len());
            for (i, c) in s.chars().enumerate() {
                if (c as u32) < limit {
                    out.push(c as u32 as u8);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push(b'?'),
                        _ => {
                            let codec = if limit == 128 { "ascii" } else { "latin-1" };
                            let range = if limit == 128 { "128" } else { "256" };
                            let esc = text::repr::str_ascii(&c.to_string());
                            let esc = esc.trim_matches('\'');
                            let msg = format!(
                                "'{codec}' codec can't encode character '{esc}' in position {i}: ordinal not in range({range})"
                            );
                            return Err(vm.new_error("UnicodeEncodeError", &msg));
                        }
                    }
                }
            }
            Ok(out)
        }
        _ => Err(vm.new_error("LookupError", &format!("unknown encoding: {encoding}"))),
    }
}

/// `bytes.decode` / `str(bytes, encoding)`.
pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    match enc.as_str() {
        "utf-8" | "utf8" | "u8" => {
            match std::str::from_utf8(b) {
                Ok(s) => Ok(s.to_string()),
                Err(e) => match errors {
                    "replace" | "ignore" => {
                        let s = String::from_utf8_lossy(b);
                        Ok(if errors == "ignore" {
                            s.replace('\u{FFFD}', "")
                        } else {
                            s.into_owned()
                        })
                    }
                    _ => {
                        let pos = e.valid_up_to();
                        let byte = b.get(pos).copied().unwrap_or(0);
                        let reason = if (0x80..0xc0).contains(&byte) || byte >= 0xf8 {
                            "invalid start byte"
                        } else if e.error_len().is_none() {
                            "unexpected end of data"
                        } else {
                            "invalid continuation byte"
                        };
                        let msg = format!("'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: {reason}");
                        Err(vm.new_error("UnicodeDecodeError", &msg))
                    }
                },
            }
        }
        "ascii" | "us-ascii" => {
            let mut out = String::with_capacity(b.len());
            for (i, &x) in b.iter().enumerate() {
                if x < 128 {
                    out.push(x as char);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push('\u{FFFD}'),
                        _ => {
                            let msg = format!("'ascii' codec can't decode byte 0x{x:02x} in position {i}: ordinal not in range(128)");
                            return Err(vm.new_error("UnicodeDecodeError", &msg));
                        }
                    }
                }
            }
            Ok(out)
        }
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" => {
            Ok(b.iter().map(|&x| x as char).collect())
        }
        _ => Err(vm.new_error("LookupError", &format!("unknown encoding: {encoding}"))),
    }
}

fn maketrans(vm: &mut Vm, a: &[Value]) -> PyResult<Value> {
    // A static method: no self, from the class or an instance.
    check_args(vm, "maketrans", a, 1, 3)?;
    let d = Rc::new(crate::runtime::dict::PyDict::new());
    if a.len() == 1 {
        let Value::Dict(src) = &a[0] else {
            return Err(vm.new_error(
                "TypeError",
                "if you give only one argument to maketrans it must be a dict",
            ));
        };
        for (k, v) in src.map.borrow().items() {
            let key = match &k {
                Value::Str(s) => {
                    let mut cs = s.as_str().chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => Value::Int(c as i64),
                        _ => {
                            return Err(vm.new_error(
                                "ValueError",
                                "string keys in translate table must be of length 1",
                            ))
                        }
                    }
                }
                Value::Int(_) => k.clone(),
                _ => {
                    return Err(vm.new_error(
                        "TypeError",
                        "keys in translate table must be strings or integers",
                    ))
                }
            };
            vm.dict_set(&d, key, v)?;
        }
        return Ok(Value::Dict(d));
    }
    let x = sub_arg(vm, &a[0], "maketrans() argument 1 ")?;
    let y = sub_arg(vm, &a[1], "maketrans() argument 2 ")?;
    if x.char_len != y.char_len {
        return Err(vm.new_error(
            "ValueError",
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (c1, c2) in x.as_str().chars().zip(y.as_str().chars()) {
        vm.dict_set(&d, Value::Int(c1 as i64), Value::Int(c2 as i64))?;
    }
    if let Some(z) = a.get(2) {
        let z = sub_arg(vm, z, "maketrans() argument 3 ")?;
        for c in z.as_str().chars() {
            vm.dict_set(&d, Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(Value::Dict(d))
}

fn translate(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let s = this(vm, a, "translate")?;
    check_args(vm, "translate", &a[1..], 1, 1)?;
    let table = a[1].clone();
    let mut out = String::with_capacity(s.s.len());
    for c in s.as_str().chars() {
        match vm.getitem(&table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(Value::Int(i)) => match u32::try_from(i).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(
                        vm.new_error("ValueError", "character mapping must be in range(0x110000)")
                    )
                }
            },
            Ok(v) => match as_str(vm, &v) {
                Some(r) => out.push_str(r.as_str()),
                None => {
                    return Err(vm.new_error(
                        "TypeError",
                        "character mapping must return integer, None or str",
                    ))
                }
            },
            Err(e) if vm.exc_matches(&e, "LookupError") => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(Value::string(out))
}

/// `str(object='')`, `str(bytes, encoding, errors)`.
fn str_new(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let cls = a.first().cloned().unwrap_or(Value::None);
    let p = bind(vm, "str", &a[1..], kw, &["object", "encoding", "errors"], 0)?;
    let v = match (&p[0], &p[1], &p[2]) {
        (None, None, None) => Value::str(""),
        (Some(o), None, None) => match o {
            Value::Str(_) => o.clone(),
            _ => Value::string(vm.str_of(o)?),
        },
        (o, enc, err) => {
            let o = o.clone().unwrap_or(Value::Bytes(Rc::new(vec![])));
            let enc = match enc {
                Some(e) => super::str_arg(vm, e, "str() argument 'encoding'")?
                    .as_str()
                    .to_string(),
                None => "utf-8".into(),
            };
            let err = match err {
                Some(e) => super::str_arg(vm, e, "str() argument 'errors'")?
                    .as_str()
                    .to_string(),
                None => "strict".into(),
            };
            let bytes = match &o {
                Value::Bytes(b) => (**b).clone(),
                Value::ByteArray(b) => b.borrow().clone(),
                Value::Str(_) => {
                    return Err(vm.new_error("TypeError", "decoding str is not supported"))
                }
                other => {
                    let t = vm.type_name(other);
                    return Err(vm.new_error(
                        "TypeError",
                        &format!("decoding to str: need a bytes-like object, {t} found"),
                    ));
                }
            };
            Value::string(decode(vm, &bytes, &enc, &err)?)
        }
    };
    let strcls = vm.types.str.clone();
    new_of(vm, &cls, &strcls, v)
}

pub fn init(vm: &mut Vm) {
    let c = vm.types.str.clone();
    add_method(&c, "__new__", str_new);
    add_method(&c, "split", |vm, a, kw| split_impl(vm, a, kw, false));
    add_method(&c, "rsplit", |vm, a, kw| split_impl(vm, a, kw, true));
    add_method(&c, "join", |vm, a, _| {
        let s = this(vm, a, "join")?;
        check_args(vm, "join", &a[1..], 1, 1)?;
        join(vm, s.as_str(), &a[1])
    });
    add_method(&c, "strip", |vm, a, _| strip_impl(vm, a, 0));
    add_method(&c, "lstrip", |vm, a, _| strip_impl(vm, a, 1));
    add_method(&c, "rstrip", |vm, a, _| strip_impl(vm, a, 2));
    add_method(&c, "replace", |vm, a, _| {
        let s = this(vm, a, "replace")?;
        check_args(vm, "replace", &a[1..], 2, 3)?;
        let old = sub_arg(vm, &a[1], "replace() argument 1 ")?;
        let new = sub_arg(vm, &a[2], "replace() argument 2 ")?;
        let count = match a.get(3) {
            Some(v) => int_arg(vm, v)?,
            None => -1,
        };
        let r = strings::replace(s.as_str(), old.as_str(), new.as_str(), count);
        Ok(Value::string(texterr(vm, r)?))
    });
    add_method(&c, "find", |vm, a, kw| find_impl(vm, a, kw, 0));
    add_method(&c, "rfind", |vm, a, kw| find_impl(vm, a, kw, 1));
    add_method(&c, "index", |vm, a, kw| find_impl(vm, a, kw, 2));
    add_method(&c, "rindex", |vm, a, kw| find_impl(vm, a, kw, 3));
    add_method(&c, "count", |vm, a, kw| find_impl(vm, a, kw, 4));
    add_method(&c, "startswith", |vm, a, kw| affix_impl(vm, a, kw, false));
    add_method(&c, "endswith", |vm, a, kw| affix_impl(vm, a, kw, true));
    add_method(&c, "upper", |vm, a, _| case_impl(vm, a, 0));
    add_method(&c, "lower", |vm, a, _| case_impl(vm, a, 1));
    add_method(&c, "title", |vm, a, _| case_impl(vm, a, 2));
    add_method(&c, "capitalize", |vm, a, _| case_impl(vm, a, 3));
    add_method(&c, "swapcase", |vm, a, _| case_impl(vm, a, 4));
    add_method(&c, "casefold", |vm, a, _| case_impl(vm, a, 5));
    add_method(&c, "isspace", |vm, a, _| pred_impl(vm, a, 0));
    add_method(&c, "isalpha", |vm, a, _| pred_impl(vm, a, 1));
    add_method(&c, "isdecimal", |vm, a, _| pred_impl(vm, a, 2));
    add_method(&c, "isdigit", |vm, a, _| pred_impl(vm, a, 3));
    add_method(&c, "isnumeric", |vm, a, _| pred_impl(vm, a, 4));
    add_method(&c, "isalnum", |vm, a, _| pred_impl(vm, a, 5));
    add_method(&c, "isascii", |vm, a, _| pred_impl(vm, a, 6));
    add_method(&c, "isprintable", |vm, a, _| pred_impl(vm, a, 7));
    add_method(&c, "isidentifier", |vm, a, _| pred_impl(vm, a, 8));
    add_method(&c, "islower", |vm, a, _| pred_impl(vm, a, 9));
    add_method(&c, "isupper", |vm, a, _| pred_impl(vm, a, 10));
    add_method(&c, "istitle", |vm, a, _| pred_impl(vm, a, 11));
    add_method(&c, "center", |vm, a, _| pad_impl(vm, a, 0));
    add_method(&c, "ljust", |vm, a, _| pad_impl(vm, a, 1));
    add_method(&c, "rjust", |vm, a, _| pad_impl(vm, a, 2));
    add_method(&c, "zfill", |vm, a, _| {
        let s = this(vm, a, "zfill")?;
        check_args(vm, "zfill", &a[1..], 1, 1)?;
        let w = int_arg(vm, &a[1])?;
        let r = strings::zfill(s.as_str(), w);
        Ok(Value::string(texterr(vm, r)?))
    });
    add_method(&c, "partition", |vm, a, _| partition_impl(vm, a, false));
    add_method(&c, "rpartition", |vm, a, _| partition_impl(vm, a, true));
    add_method(&c, "splitlines", |vm, a, kw| {
        let s = this(vm, a, "splitlines")?;
        let p = bind(vm, "splitlines", &a[1..], kw, &["keepends"], 0)?;
        let keep = match &p[0] {
            Some(v) => vm.truthy(v)?,
            None => false,
        };
        Ok(strs(strings::splitlines(s.as_str(), keep)))
    });
    add_method(&c, "expandtabs", |vm, a, kw| {
        let s = this(vm, a, "expandtabs")?;
        let p = bind(vm, "expandtabs", &a[1..], kw, &["tabsize"], 0)?;
        let n = match &p[0] {
            Some(v) => int_arg(vm, v)?,
            None => 8,
        };
        let r = strings::expandtabs(s.as_str(), n);
        Ok(Value::string(texterr(vm, r)?))
    });
    add_method(&c, "format", |vm, a, kw| {
        let s = this(vm, a, "format")?;
        Ok(Value::string(str_format(vm, s.as_str(), &a[1..], kw)?))
    });
    add_method(&c, "format_map", |vm, a, _| {
        let s = this(vm, a, "format_map")?;
        check_args(vm, "format_map", &a[1..], 1, 1)?;
        let mut auto = text::strformat::AutoNumber::new();
        let m = a[1].clone();
        Ok(Value::string(format_template(
            vm,
            s.as_str(),
            &[],
            &Named::Map(&m),
            &mut auto,
            2,
        )?))
    });
    add_method(&c, "encode", |vm, a, kw| {
        let s = this(vm, a, "encode")?;
        let p = bind(vm, "encode", &a[1..], kw, &["encoding", "errors"], 0)?;
        let enc = match &p[0] {
            Some(e) => super::str_arg(vm, e, "encode() argument 'encoding'")?
                .as_str()
                .to_string(),
            None => "utf-8".into(),
        };
        let err = match &p[1] {
            Some(e) => super::str_arg(vm, e, "encode() argument 'errors'")?
                .as_str()
                .to_string(),
            None => "strict".into(),
        };
        Ok(Value::Bytes(Rc::new(encode(vm, s.as_str(), &enc, &err)?)))
    });
    add_method(&c, "removeprefix", |vm, a, _| {
        let s = this(vm, a, "removeprefix")?;
        check_args(vm, "removeprefix", &a[1..], 1, 1)?;
        let p = sub_arg(vm, &a[1], "removeprefix() argument ")?;
        Ok(match s.as_str().strip_prefix(p.as_str()) {
            Some(r) if !p.s.is_empty() => Value::str(r),
            _ => Value::Str(s),
        })
    });
    add_method(&c, "removesuffix", |vm, a, _| {
        let s = this(vm, a, "removesuffix")?;
        check_args(vm, "removesuffix", &a[1..], 1, 1)?;
        let p = sub_arg(vm, &a[1], "removesuffix() argument ")?;
        Ok(match s.as_str().strip_suffix(p.as_str()) {
            Some(r) if !p.s.is_empty() => Value::str(r),
            _ => Value::Str(s),
        })
    });
    c.dict.set_by_str(
        "maketrans",
        Value::StaticMethod(Rc::new(native_fn("maketrans", None, |vm, a, _| {
            maketrans(vm, a)
        }))),
    );
    add_method(&c, "translate", translate);
}
