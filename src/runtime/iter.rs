//! Builtin iterators (list/tuple/str/range/dict/set iterators, enumerate, zip, map, filter,
//! reversed, callable-sentinel and sequence iterators) and the VM's `next` protocol.

use std::rc::Rc;

use super::dict::PyDict;
use super::objects::PyIter;
use super::value::{PyList, PySet, PyStr, PyTuple, Value};
use crate::vm::{PyResult, Vm};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum DictIterKind {
    Keys,
    Values,
    Items,
}

pub enum IterKind {
    List(Rc<PyList>, usize),
    Tuple(Rc<PyTuple>, usize),
    Str(Rc<PyStr>, usize),
    Bytes(Rc<Vec<u8>>, usize),
    Range {
        next: i64,
        step: i64,
        left: i64,
        /// Values in all (the OSR hook estimates a loop's progress from `left / len`).
        len: i64,
    },
    Dict {
        dict: Rc<PyDict>,
        slot: usize,
        version: u64,
        len: usize,
        kind: DictIterKind,
    },
    /// A set iterator walks its entries in CPython's table order, computed at creation.
    Set {
        set: Rc<PySet>,
        order: Vec<usize>,
        pos: usize,
        version: u64,
    },
    Enumerate {
        inner: Value,
        n: i64,
    },
    Zip {
        iters: Vec<Value>,
        strict: bool,
    },
    Map {
        func: Value,
        iters: Vec<Value>,
    },
    Filter {
        func: Value,
        inner: Value,
    },
    /// `reversed()` over a list: walks indices downward, re-reading the list each step.
    ReversedList(Rc<PyList>, usize),
    /// A materialised sequence of values.
    Values(Vec<Value>, usize, &'static str),
    /// `iter(callable, sentinel)`.
    Callable {
        func: Value,
        sentinel: Value,
    },
    /// The `__getitem__` protocol: `seq[0]`, `seq[1]`, ... until IndexError.
    SeqIter {
        seq: Value,
        idx: i64,
    },
    Exhausted,
}

impl IterKind {
    /// CPython's type name of the iterator (for repr and type()).
    pub fn type_name(&self) -> &'static str {
        match self {
            IterKind::List(..) => "list_iterator",
            IterKind::Tuple(..) => "tuple_iterator",
            IterKind::Str(s, _) => {
                if s.is_ascii() {
                    "str_ascii_iterator"
                } else {
                    "str_iterator"
                }
            }
            IterKind::Bytes(..) => "bytes_iterator",
            IterKind::Range { .. } => "range_iterator",
            IterKind::Dict { kind, .. } => match kind {
                DictIterKind::Keys => "dict_keyiterator",
                DictIterKind::Values => "dict_valueiterator",
                DictIterKind::Items => "dict_itemiterator",
            },
            IterKind::Set { .. } => "set_iterator",
            IterKind::Enumerate { .. } => "enumerate",
            IterKind::Zip { .. } => "zip",
            IterKind::Map { .. } => "map",
            IterKind::Filter { .. } => "filter",
            IterKind::ReversedList(..) => "list_reverseiterator",
            IterKind::Values(_, _, name) => name,
            IterKind::Callable { .. } => "callable_iterator",
            IterKind::SeqIter { .. } => "iterator",
            IterKind::Exhausted => "iterator",
        }
    }
}

pub fn new_iter(kind: IterKind) -> Value {
    Value::Iter(Rc::new(PyIter {
        kind: std::cell::RefCell::new(kind),
    }))
}

impl Vm {
    /// Advances a builtin iterator. `Ok(None)` means exhausted.
    pub fn builtin_iter_next(&mut self, it: &Rc<PyIter>) -> PyResult<Option<Value>> {
        // Kinds that need no Python calls are advanced under one borrow.
        {
            let mut k = it.kind.borrow_mut();
            match &mut *k {
                IterKind::List(l, i) => {
                    let items = l.items.borrow();
                    if *i < items.len() {
                        let v = items[*i].clone();
                        *i += 1;
                        return Ok(Some(v));
                    }
                    drop(items);
                    *k = IterKind::Exhausted;
                    return Ok(None);
                }
                IterKind::Tuple(t, i) => {
                    if *i < t.items.len() {
                        let v = t.items[*i].clone();
                        *i += 1;
                        return Ok(Some(v));
                    }
                    *k = IterKind::Exhausted;
                    return Ok(None);
                }
                IterKind::Range {
                    next, step, left, ..
                } => {
                    if *left > 0 {
                        let v = *next;
                        *next = next.wrapping_add(*step);
                        *left -= 1;
                        return Ok(Some(Value::Int(v)));
                    }
                    return Ok(None);
                }
                IterKind::Str(s, pos) => {
                    let st = s.as_str();
                    if *pos < st.len() {
                        let c = st[*pos..].chars().next().unwrap_or('\0');
                        *pos += c.len_utf8();
                        let mut buf = [0u8; 4];
                        return Ok(Some(self.char_str(c.encode_utf8(&mut buf))));
                    }
                    return Ok(None);
                }
                IterKind::Bytes(b, i) => {
                    if *i < b.len() {
                        let v = b[*i];
                        *i += 1;
                        return Ok(Some(Value::Int(v as i64)));
                    }
                    return Ok(None);
                }
                IterKind::Dict {
                    dict,
                    slot,
                    version,
                    len,
                    kind,
                } => {
                    let map = dict.map.borrow();
                    if map.version != *version && map.len() != *len {
                        drop(map);
                        *k = IterKind::Exhausted;
                        return Err(self.new_error(
                            "RuntimeError",
                            "dictionary changed size during iteration",
                        ));
                    }
                    while *slot < map.slot_count() {
                        let s = *slot;
                        *slot += 1;
                        if let Some(e) = map.entry_at(s) {
                            return Ok(Some(match kind {
                                DictIterKind::Keys => e.key.clone(),
                                DictIterKind::Values => e.value.clone(),
                                DictIterKind::Items => {
                                    Value::tuple(vec![e.key.clone(), e.value.clone()])
                                }
                            }));
                        }
                    }
                    return Ok(None);
                }
                IterKind::Set {
                    set,
                    order,
                    pos,
                    version,
                } => {
                    let map = set.map.borrow();
                    if map.version != *version {
                        drop(map);
                        *k = IterKind::Exhausted;
                        return Err(
                            self.new_error("RuntimeError", "Set changed size during iteration")
                        );
                    }
                    while *pos < order.len() {
                        let s = order[*pos];
                        *pos += 1;
                        if let Some(e) = map.entry_at(s) {
                            return Ok(Some(e.key.clone()));
                        }
                    }
                    return Ok(None);
                }
                IterKind::ReversedList(l, i) => {
                    let items = l.items.borrow();
                    if *i > 0 && *i <= items.len() {
                        *i -= 1;
                        return Ok(Some(items[*i].clone()));
                    }
                    drop(items);
                    *k = IterKind::Exhausted;
                    return Ok(None);
                }
                IterKind::Values(v, i, _) => {
                    if *i < v.len() {
                        let x = v[*i].clone();
                        *i += 1;
                        return Ok(Some(x));
                    }
                    return Ok(None);
                }
                IterKind::Exhausted => return Ok(None),
                _ => {}
            }
        }
        // Kinds that call back into Python: take what is needed, release the borrow, call.
        enum Step {
            Enumerate(Value, i64),
            Zip(Vec<Value>, bool),
            Map(Value, Vec<Value>),
            Filter(Value, Value),
            Callable(Value, Value),
            Seq(Value, i64),
        }
        let step = match &mut *it.kind.borrow_mut() {
            IterKind::Enumerate { inner, n } => {
                let s = Step::Enumerate(inner.clone(), *n);
                *n += 1;
                s
            }
            IterKind::Zip { iters, strict } => Step::Zip(iters.clone(), *strict),
            IterKind::Map { func, iters } => Step::Map(func.clone(), iters.clone()),
            IterKind::Filter { func, inner } => Step::Filter(func.clone(), inner.clone()),
            IterKind::Callable { func, sentinel } => Step::Callable(func.clone(), sentinel.clone()),
            IterKind::SeqIter { seq, idx } => {
                let s = Step::Seq(seq.clone(), *idx);
                *idx += 1;
                s
            }
            _ => return Ok(None),
        };
        let exhaust = |it: &Rc<PyIter>| *it.kind.borrow_mut() = IterKind::Exhausted;
        match step {
            Step::Enumerate(inner, n) => match self.next(&inner)? {
                Some(v) => Ok(Some(Value::tuple(vec![Value::Int(n), v]))),
                None => Ok(None),
            },
            Step::Zip(iters, strict) => {
                if iters.is_empty() {
                    return Ok(None);
                }
                let mut out = Vec::with_capacity(iters.len());
                for (i, sub) in iters.iter().enumerate() {
                    match self.next(sub)? {
                        Some(v) => out.push(v),
                        None => {
                            exhaust(it);
                            if strict {
                                if i > 0 {
                                    let msg = if i == 1 {
                                        "zip() argument 2 is shorter than argument 1".to_string()
                                    } else {
                                        format!(
                                            "zip() argument {} is shorter than arguments 1-{}",
                                            i + 1,
                                            i
                                        )
                                    };
                                    return Err(self.new_error("ValueError", &msg));
                                }
                                for (j, rest) in iters.iter().enumerate().skip(1) {
                                    if self.next(rest)?.is_some() {
                                        let msg = if j == 1 {
                                            "zip() argument 2 is longer than argument 1".to_string()
                                        } else {
                                            format!(
                                                "zip() argument {} is longer than arguments 1-{}",
                                                j + 1,
                                                j
                                            )
                                        };
                                        return Err(self.new_error("ValueError", &msg));
                                    }
                                }
                            }
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(Value::tuple(out)))
            }
            Step::Map(func, iters) => {
                let mut args = Vec::with_capacity(iters.len());
                for sub in &iters {
                    match self.next(sub)? {
                        Some(v) => args.push(v),
                        None => {
                            exhaust(it);
                            return Ok(None);
                        }
                    }
                }
                Ok(Some(self.call(&func, &args, &[])?))
            }
            Step::Filter(func, inner) => loop {
                match self.next(&inner)? {
                    Some(v) => {
                        let keep = if func.is_none() {
                            self.truthy(&v)?
                        } else {
                            let r = self.call(&func, std::slice::from_ref(&v), &[])?;
                            self.truthy(&r)?
                        };
                        if keep {
                            return Ok(Some(v));
                        }
                    }
                    None => {
                        exhaust(it);
                        return Ok(None);
                    }
                }
            },
            Step::Callable(func, sentinel) => {
                let v = self.call(&func, &[], &[])?;
                if self.eq(&v, &sentinel)? {
                    exhaust(it);
                    Ok(None)
                } else {
                    Ok(Some(v))
                }
            }
            Step::Seq(seq, idx) => match self.getitem(&seq, &Value::Int(idx)) {
                Ok(v) => Ok(Some(v)),
                Err(e)
                    if self.exc_matches(&e, "IndexError")
                        || self.exc_matches(&e, "StopIteration") =>
                {
                    exhaust(it);
                    Ok(None)
                }
                Err(e) => Err(e),
            },
        }
    }
}
