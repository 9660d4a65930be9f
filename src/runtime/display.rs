//! Text conversions: `repr()`, `str()`, `format()` and `%`-formatting of values, delegating
//! number and string formatting to `crate::text` and user types to their dunders.

use std::rc::Rc;

use num_bigint::BigInt;

use super::num;
use super::value::{PyStr, Value};
use crate::text;
use crate::vm::{PyErr, PyResult, Vm};

impl Vm {
    /// Maps a text-module error to the Python exception it names.
    #[cold]
    pub fn text_error(&mut self, e: text::TextError) -> PyErr {
        let kind = e.kind();
        let msg = e.message().to_string();
        self.new_error(kind, &msg)
    }

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::Null => "<NULL>".into(),
            Value::None => "None".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Ellipsis => "Ellipsis".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => self.bigint_to_str(b)?,
            Value::Float(f) => text::float_repr(*f),
            Value::Complex(c) => text::repr::complex_repr(c.0, c.1),
            Value::Str(s) => text::repr::str_repr(s.as_str()),
            Value::Bytes(b) => text::repr::bytes_repr(b),
            Value::ByteArray(b) => text::repr::bytearray_repr(&b.borrow()),
            Value::List(l) => {
                let id = Rc::as_ptr(l) as usize;
                if self.repr_guard.contains(&id) {
                    return Ok("[...]".into());
                }
                let items = l.items.borrow().clone();
                self.enter()?;
                self.repr_guard.push(id);
                let r = self.join_reprs(&items, "[", "]", false);
                self.repr_guard.pop();
                self.leave();
                r?
            }
            Value::Tuple(t) => {
                let t = t.clone();
                self.enter()?;
                let r = self.join_reprs(&t.items, "(", ")", t.items.len() == 1);
                self.leave();
                r?
            }
            Value::Dict(d) => {
                let items = d.map.borrow().items();
                if items.is_empty() {
                    return Ok("{}".into());
                }
                let id = Rc::as_ptr(d) as usize;
                if self.repr_guard.contains(&id) {
                    return Ok("{...}".into());
                }
                self.enter()?;
                self.repr_guard.push(id);
                let r = self.dict_repr_items(&items);
                self.repr_guard.pop();
                self.leave();
                r?
            }
            Value::Set(s) => {
                let items = s.map.borrow().set_keys();
                if items.is_empty() {
                    return Ok("set()".into());
                }
                self.join_reprs(&items, "{", "}", false)?
            }
            Value::FrozenSet(s) => {
                let items = s.map.borrow().set_keys();
                if items.is_empty() {
                    return Ok("frozenset()".into());
                }
                let inner = self.join_reprs(&items, "{", "}", false)?;
                format!("frozenset({inner})")
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => {
                let (a, b, c) = (s.start.clone(), s.stop.clone(), s.step.clone());
                format!(
                    "slice({}, {}, {})",
                    self.repr(&a)?,
                    self.repr(&b)?,
                    self.repr(&c)?
                )
            }
            Value::Function(f) => {
                let q = match &*f.qualname.borrow() {
                    Value::Str(s) => s.as_str().to_string(),
                    _ => f.code.code.qualname.to_string(),
                };
                format!("<function {} at {:#x}>", q, Rc::as_ptr(f) as usize)
            }
            Value::Builtin(b) => {
                let short = b.name.rsplit('.').next().unwrap_or(&b.name);
                if b.name.contains('.') && b.owner.is_none() {
                    let cls = b.name.split('.').next().unwrap_or("");
                    format!("<method '{short}' of '{cls}' objects>")
                } else {
                    format!("<built-in function {short}>")
                }
            }
            Value::BoundMethod(m) => {
                let (func, obj) = (m.func.clone(), m.self_.clone());
                let fname = match &func {
                    Value::Function(f) => match &*f.qualname.borrow() {
                        Value::Str(s) => s.as_str().to_string(),
                        _ => f.code.code.qualname.to_string(),
                    },
                    Value::Builtin(b) => {
                        let short = b.name.rsplit('.').next().unwrap_or(&b.name).to_string();
                        let t = self.type_name(&obj);
                        return Ok(format!(
                            "<built-in method {short} of {t} object at {:#x}>",
                            obj.ptr().unwrap_or(0)
                        ));
                    }
                    _ => "?".into(),
                };
                let or = self.repr(&obj)?;
                format!("<bound method {fname} of {or}>")
            }
            Value::Class(c) => format!("<class '{}'>", c.qualified_name()),
            Value::Module(m) => match m.dict.get_by_str("__file__") {
                Some(Value::Str(f)) => format!("<module '{}' from '{}'>", m.name, f.as_str()),
                _ => format!("<module '{}' (built-in)>", m.name),
            },
            Value::Generator(g) => format!(
                "<generator object {} at {:#x}>",
                g.qualname,
                Rc::as_ptr(g) as usize
            ),
            Value::Instance(_) | Value::Native(_) => {
                if let Some(m) = self.lookup_special(v, "__repr__") {
                    self.call_note = Some(" while calling a Python object");
                    let r = self.call_special(&m, v, &[])?;
                    return match r {
                        Value::Str(s) => Ok(s.as_str().to_string()),
                        other => {
                            let t = self.type_name(&other);
                            Err(self.new_error(
                                "TypeError",
                                &format!("__repr__ returned non-string (type {t})"),
                            ))
                        }
                    };
                }
                self.default_repr(v)
            }
            Value::Cell(_) => format!("<cell at {:#x}>", v.ptr().unwrap_or(0)),
            Value::Property(_) => format!("<property object at {:#x}>", v.ptr().unwrap_or(0)),
            Value::ClassMethod(_) => format!("<classmethod object at {:#x}>", v.ptr().unwrap_or(0)),
            Value::StaticMethod(_) => {
                format!("<staticmethod object at {:#x}>", v.ptr().unwrap_or(0))
            }
            Value::Super(s) => format!(
                "<super: <class '{}'>, <{} object>>",
                s.class.name(),
                s.obj_type.name()
            ),
            Value::Code(c) => format!(
                "<code object {} at {:#x}, file \"{}\", line {}>",
                c.code.name,
                Rc::as_ptr(c) as usize,
                c.code.filename,
                c.code.first_line
            ),
            Value::Iter(_) => {
                let t = self.type_name(v);
                format!("<{t} object at {:#x}>", v.ptr().unwrap_or(0))
            }
        })
    }

    /// `<__main__.A object at 0x...>`.
    pub fn default_repr(&mut self, v: &Value) -> String {
        let name = self.type_of(v).qualified_name();
        format!("<{name} object at {:#x}>", v.ptr().unwrap_or(0))
    }

    fn dict_repr_items(&mut self, items: &[(Value, Value)]) -> PyResult<String> {
        let mut s = String::from("{");
        for (i, (k, v)) in items.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&self.repr(k)?);
            s.push_str(": ");
            s.push_str(&self.repr(v)?);
        }
        s.push('}');
        Ok(s)
    }

    fn join_reprs(
        &mut self,
        items: &[Value],
        open: &str,
        close: &str,
        trailing_comma: bool,
    ) -> PyResult<String> {
        let mut s = String::from(open);
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            s.push_str(&self.repr(x)?);
        }
        if trailing_comma {
            s.push(',');
        }
        s.push_str(close);
        Ok(s)
    }

    pub fn bigint_to_str(&mut self, b: &BigInt) -> PyResult<String> {
        text::numparse::int_to_decimal_checked(b, self.int_max_str_digits)
            .map_err(|e| self.text_error(e))
    }

    /// `str(v)`.
    pub fn str_of(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            Value::Instance(i) => {
                if let Some(m) = i.class.lookup_str("__str__") {
                    if i.exc.is_some()
                        && matches!(&m, Value::Builtin(b) if b.name.as_ref() == "BaseException.__str__")
                    {
                        return self.exception_str(v);
                    }
                    let r = self.call_special(&m, v, &[])?;
                    return match r {
                        Value::Str(s) => Ok(s.as_str().to_string()),
                        other => {
                            let t = self.type_name(&other);
                            Err(self.new_error(
                                "TypeError",
                                &format!("__str__ returned non-string (type {t})"),
                            ))
                        }
                    };
                }
                self.repr(v)
            }
            Value::Native(_) => {
                if let Some(m) = self.lookup_special(v, "__str__") {
                    if !matches!(&m, Value::Builtin(b) if b.name.as_ref() == "object.__str__") {
                        let r = self.call_special(&m, v, &[])?;
                        return self.str_of(&r);
                    }
                }
                self.repr(v)
            }
            _ => self.repr(v),
        }
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        let r = match v {
            Value::Int(i) => text::format_spec::format_i64(*i, spec, "int"),
            Value::Bool(b) => {
                if spec.is_empty() {
                    return Ok(if *b { "True" } else { "False" }.into());
                }
                text::format_spec::format_i64(*b as i64, spec, "bool")
            }
            Value::BigInt(b) => text::format_spec::format_int(b, spec, "int"),
            Value::Float(f) => text::format_spec::format_float(*f, spec, "float"),
            Value::Str(s) => text::format_spec::format_str(s.as_str(), spec, "str"),
            Value::Instance(_) | Value::Native(_) => {
                if let Some(m) = self.lookup_special(v, "__format__") {
                    if !matches!(&m, Value::Builtin(b) if b.name.as_ref() == "object.__format__") {
                        let r = self.call_special(&m, v, &[Value::str(spec)])?;
                        return match r {
                            Value::Str(s) => Ok(s.as_str().to_string()),
                            _ => Err(self.new_error("TypeError", "__format__ must return a str")),
                        };
                    }
                }
                if spec.is_empty() {
                    return self.str_of(v);
                }
                let t = self.type_name(v);
                return Err(self.new_error(
                    "TypeError",
                    &format!("unsupported format string passed to {t}.__format__"),
                ));
            }
            _ => {
                if spec.is_empty() {
                    return self.str_of(v);
                }
                let s = self.str_of(v)?;
                let t = self.type_name(v);
                if matches!(
                    v,
                    Value::None | Value::List(_) | Value::Tuple(_) | Value::Dict(_)
                ) {
                    return Err(self.new_error(
                        "TypeError",
                        &format!("unsupported format string passed to {t}.__format__"),
                    ));
                }
                text::format_spec::format_str(&s, spec, &t)
            }
        };
        r.map_err(|e| self.text_error(e))
    }

    /// `fmt % args`.
    pub fn percent_format(&mut self, fmt: &Rc<PyStr>, args: &Value) -> PyResult<Value> {
        use text::percent::{Count, PercentPiece};
        let pieces = text::percent::parse_percent(fmt.as_str());
        let (mut positional, mapping): (Vec<Value>, Option<Value>) = match args {
            Value::Tuple(t) => (t.items.to_vec(), None),
            Value::Dict(_) => (vec![args.clone()], Some(args.clone())),
            Value::Instance(_)
                if self.lookup_special(args, "__getitem__").is_some()
                    && !matches!(args, Value::Str(_)) =>
            {
                (vec![args.clone()], Some(args.clone()))
            }
            _ => (vec![args.clone()], None),
        };
        positional.reverse();
        let mut out = String::new();
        let mut used_mapping = false;
        for p in pieces {
            match p {
                PercentPiece::Literal(s) => out.push_str(&s),
                PercentPiece::Error { error, .. } => return Err(self.text_error(error)),
                PercentPiece::Spec(spec) => {
                    let kind = spec.kind().map_err(|e| self.text_error(e))?;
                    let mut take = |vm: &mut Vm| -> PyResult<Value> {
                        positional.pop().ok_or_else(|| {
                            vm.new_error("TypeError", text::percent::NOT_ENOUGH_ARGS)
                        })
                    };
                    let star_w = match spec.width {
                        Count::Star => Some(take(self)?),
                        _ => None,
                    };
                    let star_p = match spec.precision {
                        Count::Star => Some(take(self)?),
                        _ => None,
                    };
                    let star_w = match star_w {
                        Some(v) => Some(self.index_value(&v).map_err(|_| {
                            self.new_error("TypeError", text::percent::STAR_WANTS_INT)
                        })?),
                        None => None,
                    };
                    let star_p = match star_p {
                        Some(v) => Some(self.index_value(&v).map_err(|_| {
                            self.new_error("TypeError", text::percent::STAR_WANTS_INT)
                        })?),
                        None => None,
                    };
                    let resolved = spec
                        .resolve(star_w, star_p)
                        .map_err(|e| self.text_error(e))?;
                    let value = match &spec.key {
                        Some(k) => {
                            let Some(m) = &mapping else {
                                return Err(self.new_error(
                                    "TypeError",
                                    text::percent::FORMAT_REQUIRES_MAPPING,
                                ));
                            };
                            used_mapping = true;
                            let m = m.clone();
                            self.getitem(&m, &Value::str(k))?
                        }
                        None => take(self)?,
                    };
                    let s = self.percent_one(kind, spec.conv, &resolved, &value)?;
                    out.push_str(&s);
                }
            }
        }
        if !positional.is_empty() && !used_mapping && mapping.is_none() {
            return Err(self.new_error("TypeError", text::percent::NOT_ALL_ARGS_CONVERTED));
        }
        Ok(Value::string(out))
    }

    fn percent_one(
        &mut self,
        kind: text::percent::ConvKind,
        conv: char,
        spec: &text::percent::ResolvedSpec,
        v: &Value,
    ) -> PyResult<String> {
        use text::percent::ConvKind;
        let r = match kind {
            ConvKind::Str => {
                let s = match conv {
                    'r' => self.repr(v)?,
                    'a' => text::repr::ascii_escape(&self.repr(v)?),
                    _ => self.str_of(v)?,
                };
                text::percent::format_str(spec, &s)
            }
            ConvKind::Char => match v {
                Value::Str(s) => {
                    let c =
                        text::percent::char_from_str(s.as_str()).map_err(|e| self.text_error(e))?;
                    text::percent::format_char(spec, c)
                }
                Value::Int(i) => {
                    let c =
                        text::format_spec::char_from_code(*i).map_err(|e| self.text_error(e))?;
                    text::percent::format_char(spec, c)
                }
                _ => return Err(self.new_error("TypeError", text::percent::C_REQUIRES_INT_OR_CHAR)),
            },
            ConvKind::Int => match v {
                Value::Int(i) => text::percent::format_i64(spec, *i),
                Value::Bool(b) => text::percent::format_i64(spec, *b as i64),
                Value::BigInt(b) => text::percent::format_int(spec, b),
                Value::Float(f) => {
                    if !f.is_finite() {
                        let msg = if f.is_nan() {
                            "cannot convert float NaN to integer"
                        } else {
                            "cannot convert float infinity to integer"
                        };
                        return Err(self.new_error(
                            if f.is_nan() {
                                "ValueError"
                            } else {
                                "OverflowError"
                            },
                            msg,
                        ));
                    }
                    let b = num::float_to_big(f.trunc()).unwrap_or_default();
                    text::percent::format_int(spec, &b)
                }
                _ => {
                    if self.lookup_special(v, "__index__").is_some()
                        || self.lookup_special(v, "__int__").is_some()
                    {
                        let i = self.index_value(v)?;
                        text::percent::format_i64(spec, i)
                    } else {
                        let t = self.type_name(v);
                        return Err(self.new_error(
                            "TypeError",
                            &text::percent::bad_argument_message(conv, &t),
                        ));
                    }
                }
            },
            ConvKind::Float => match num::to_f64(v) {
                Ok(Some(f)) => text::percent::format_float(spec, f),
                Ok(None) => {
                    if self.lookup_special(v, "__float__").is_some() {
                        let f = self.to_float(v)?;
                        text::percent::format_float(spec, f)
                    } else {
                        let t = self.type_name(v);
                        return Err(self.new_error(
                            "TypeError",
                            &text::percent::bad_argument_message(conv, &t),
                        ));
                    }
                }
                Err(e) => return Err(self.num_error(e)),
            },
        };
        r.map_err(|e| self.text_error(e))
    }

    /// Sorted attribute names for `dir()`.
    pub fn dir_of(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        let mut names: Vec<String> = Vec::new();
        match v {
            Value::Module(m) => names.extend(
                m.dict
                    .map
                    .borrow()
                    .keys()
                    .iter()
                    .filter_map(|k| k.as_pystr().map(|s| s.as_str().to_string())),
            ),
            Value::Class(c) => {
                for k in c.mro.borrow().iter() {
                    names.extend(
                        k.dict
                            .map
                            .borrow()
                            .keys()
                            .iter()
                            .filter_map(|k| k.as_pystr().map(|s| s.as_str().to_string())),
                    );
                }
            }
            _ => {
                if let Value::Instance(i) = v {
                    names.extend(
                        i.dict
                            .map
                            .borrow()
                            .keys()
                            .iter()
                            .filter_map(|k| k.as_pystr().map(|s| s.as_str().to_string())),
                    );
                }
                let cls = self.type_of(v);
                for k in cls.mro.borrow().iter() {
                    names.extend(
                        k.dict
                            .map
                            .borrow()
                            .keys()
                            .iter()
                            .filter_map(|k| k.as_pystr().map(|s| s.as_str().to_string())),
                    );
                }
            }
        }
        names.sort();
        names.dedup();
        Ok(names.into_iter().map(Value::string).collect())
    }
}
