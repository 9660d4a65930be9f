//! Object protocols used everywhere: truth value, `len`, iteration (`iter`/`next`),
//! subscripts, containment, hashing, `repr`/`str`/`format`, and the dict/set primitives that
//! need hashing and equality (which may run Python code).

use std::rc::Rc;

use crate::runtime::dict::{DictMap, PyDict};
use crate::runtime::iter::{new_iter, DictIterKind, IterKind};
use crate::runtime::num;
use crate::runtime::value::{PySet, PyStr, Value};

use super::{PyErr, PyResult, Vm};

impl Vm {
    // ----- truth and length -----

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Null | Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(_) => true,
            Value::Float(f) => *f != 0.0,
            Value::Complex(c) => c.0 != 0.0 || c.1 != 0.0,
            Value::Str(s) => !s.s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::ByteArray(b) => !b.borrow().is_empty(),
            Value::List(l) => !l.items.borrow().is_empty(),
            Value::Tuple(t) => !t.items.is_empty(),
            Value::Dict(d) => !d.is_empty(),
            Value::Set(s) | Value::FrozenSet(s) => !s.map.borrow().is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Instance(_) | Value::Native(_) => {
                if let Some(m) = self.lookup_special(v, "__bool__") {
                    let r = self.call_special(&m, v, &[])?;
                    return match r {
                        Value::Bool(b) => Ok(b),
                        _ => {
                            let t = self.type_name(&r);
                            Err(self.new_error(
                                "TypeError",
                                &format!("__bool__ should return bool, returned {t}"),
                            ))
                        }
                    };
                }
                if let Some(m) = self.lookup_special(v, "__len__") {
                    let r = self.call_special(&m, v, &[])?;
                    return Ok(self.index_value(&r)? != 0);
                }
                true
            }
            _ => true,
        })
    }

    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.char_len,
            Value::Bytes(b) => b.len(),
            Value::ByteArray(b) => b.borrow().len(),
            Value::List(l) => l.items.borrow().len(),
            Value::Tuple(t) => t.items.len(),
            Value::Dict(d) => d.len(),
            Value::Set(s) | Value::FrozenSet(s) => s.map.borrow().len(),
            Value::Range(r) => r.len() as usize,
            _ => {
                if let Some(m) = self.lookup_special(v, "__len__") {
                    let r = self.call_special(&m, v, &[])?;
                    let n = self.index_value(&r)?;
                    if n < 0 {
                        return Err(self.new_error("ValueError", "__len__() should return >= 0"));
                    }
                    return Ok(n as usize);
                }
                let t = self.type_name(v);
                return Err(
                    self.new_error("TypeError", &format!("object of type '{t}' has no len()"))
                );
            }
        })
    }

    /// An int from a value usable as an index (`__index__`).
    pub fn index_value(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => {
                Err(self.new_error("IndexError", "cannot fit 'int' into an index-sized integer"))
            }
            _ => {
                if let Some(m) = self.lookup_special(v, "__index__") {
                    let r = self.call_special(&m, v, &[])?;
                    return self.index_value(&r);
                }
                let t = self.type_name(v);
                Err(self.new_error(
                    "TypeError",
                    &format!("'{t}' object cannot be interpreted as an integer"),
                ))
            }
        }
    }

    // ----- iteration -----

    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        Ok(match v {
            Value::List(l) => new_iter(IterKind::List(l.clone(), 0)),
            Value::Tuple(t) => new_iter(IterKind::Tuple(t.clone(), 0)),
            Value::Str(s) => new_iter(IterKind::Str(s.clone(), 0)),
            Value::Bytes(b) => new_iter(IterKind::Bytes(b.clone(), 0)),
            Value::ByteArray(b) => new_iter(IterKind::Bytes(Rc::new(b.borrow().clone()), 0)),
            Value::Range(r) => new_iter(IterKind::Range {
                next: r.start,
                step: r.step,
                left: r.len(),
                len: r.len(),
            }),
            Value::Dict(d) => self.dict_iter(d, DictIterKind::Keys),
            Value::Set(s) | Value::FrozenSet(s) => {
                let (version, order) = {
                    let m = s.map.borrow();
                    (m.version, m.set_order())
                };
                new_iter(IterKind::Set {
                    set: s.clone(),
                    order,
                    pos: 0,
                    version,
                })
            }
            Value::Iter(_) | Value::Generator(_) => v.clone(),
            _ => {
                if let Some(m) = self.lookup_special(v, "__iter__") {
                    if m.is_none() {
                        let t = self.type_name(v);
                        return Err(
                            self.new_error("TypeError", &format!("'{t}' object is not iterable"))
                        );
                    }
                    let it = self.call_special(&m, v, &[])?;
                    if !matches!(it, Value::Iter(_) | Value::Generator(_))
                        && self.lookup_special(&it, "__next__").is_none()
                    {
                        let t = self.type_name(&it);
                        return Err(self.new_error(
                            "TypeError",
                            &format!("iter() returned non-iterator of type '{t}'"),
                        ));
                    }
                    return Ok(it);
                }
                if self.lookup_special(v, "__getitem__").is_some() {
                    return Ok(new_iter(IterKind::SeqIter {
                        seq: v.clone(),
                        idx: 0,
                    }));
                }
                let t = self.type_name(v);
                return Err(self.new_error("TypeError", &format!("'{t}' object is not iterable")));
            }
        })
    }

    pub fn dict_iter(&mut self, d: &Rc<PyDict>, kind: DictIterKind) -> Value {
        let m = d.map.borrow();
        new_iter(IterKind::Dict {
            dict: d.clone(),
            slot: 0,
            version: m.version,
            len: m.len(),
            kind,
        })
    }

    /// `next(it)`; `Ok(None)` when exhausted (StopIteration is absorbed).
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Iter(i) => self.builtin_iter_next(i),
            Value::Generator(g) => {
                let g = g.clone();
                self.gen_next(&g)
            }
            _ => Ok(self.next_with_value(it)?.ok()),
        }
    }

    /// Drains an iterable into a vector.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => return Ok(l.items.borrow().clone()),
            Value::Tuple(t) => return Ok(t.items.to_vec()),
            _ => {}
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    // ----- subscripts -----

    /// `obj[key]` with fast paths for list/tuple and int keys, and ndarray elements.
    #[inline]
    pub fn getitem_fast(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let Value::Int(i) = key {
            match obj {
                Value::List(l) => {
                    let items = l.items.borrow();
                    let n = items.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    if j >= 0 && j < n {
                        return Ok(items[j as usize].clone());
                    }
                }
                Value::Tuple(t) => {
                    let n = t.items.len() as i64;
                    let j = if *i < 0 { i + n } else { *i };
                    if j >= 0 && j < n {
                        return Ok(t.items[j as usize].clone());
                    }
                }
                _ => {}
            }
        }
        if let Some(v) = crate::numpy::indexing::element(self, obj, key) {
            return Ok(v);
        }
        self.getitem(obj, key)
    }

    pub fn getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        match obj {
            Value::List(_)
            | Value::Tuple(_)
            | Value::Str(_)
            | Value::Range(_)
            | Value::Bytes(_)
            | Value::ByteArray(_) => self.seq_getitem(obj, key),
            Value::Dict(d) => match self.dict_get(d, key)? {
                Some(v) => Ok(v),
                None => Err(self.key_error(key)),
            },
            Value::Class(c) => {
                if let Some(m) = c.lookup_str("__class_getitem__") {
                    let m = match m {
                        Value::ClassMethod(inner) => (*inner).clone(),
                        other => other,
                    };
                    return self.call(&m, &[obj.clone(), key.clone()], &[]);
                }
                // Builtin generics (`list[int]`) are usable in annotations.
                if c.is_builtin {
                    return Ok(obj.clone());
                }
                let n = c.name();
                Err(self.new_error("TypeError", &format!("type '{n}' is not subscriptable")))
            }
            _ => {
                if let Some(m) = self.lookup_special(obj, "__getitem__") {
                    return self.call_special(&m, obj, std::slice::from_ref(key));
                }
                let t = self.type_name(obj);
                Err(self.new_error("TypeError", &format!("'{t}' object is not subscriptable")))
            }
        }
    }

    #[cold]
    pub fn key_error(&mut self, key: &Value) -> PyErr {
        let e = self.new_error("KeyError", "");
        if let Some(exc) = &e.0.exc {
            exc.borrow_mut().args = Value::tuple(vec![key.clone()]);
        }
        e
    }

    pub fn setitem(&mut self, obj: &Value, key: Value, value: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = &key {
                    let s = s.clone();
                    return self.list_set_slice(l, &s, value);
                }
                let i = self.seq_index(&key, "list")?;
                let mut items = l.items.borrow_mut();
                let n = items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    drop(items);
                    return Err(self.new_error("IndexError", "list assignment index out of range"));
                }
                items[j as usize] = value;
                Ok(())
            }
            Value::Dict(d) => self.dict_set(d, key, value),
            Value::ByteArray(b) => {
                let i = self.seq_index(&key, "bytearray")?;
                let v = self.index_value(&value)?;
                let mut items = b.borrow_mut();
                let n = items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    drop(items);
                    return Err(self.new_error("IndexError", "bytearray index out of range"));
                }
                items[j as usize] = v as u8;
                Ok(())
            }
            _ => {
                if let Some(m) = self.lookup_special(obj, "__setitem__") {
                    self.call_special(&m, obj, &[key, value])?;
                    return Ok(());
                }
                let t = self.type_name(obj);
                Err(self.new_error(
                    "TypeError",
                    &format!("'{t}' object does not support item assignment"),
                ))
            }
        }
    }

    pub fn delitem(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => {
                if let Value::Slice(s) = key {
                    let len = l.items.borrow().len();
                    let idx = self.slice_indices_list(s, len)?;
                    let mut items = l.items.borrow_mut();
                    let mut remove: Vec<usize> = idx;
                    remove.sort_unstable();
                    for i in remove.into_iter().rev() {
                        items.remove(i);
                    }
                    return Ok(());
                }
                let i = self.seq_index(key, "list")?;
                let mut items = l.items.borrow_mut();
                let n = items.len() as i64;
                let j = if i < 0 { i + n } else { i };
                if j < 0 || j >= n {
                    drop(items);
                    return Err(self.new_error("IndexError", "list assignment index out of range"));
                }
                items.remove(j as usize);
                Ok(())
            }
            Value::Dict(d) => {
                if self.dict_del(d, key)? {
                    Ok(())
                } else {
                    Err(self.key_error(key))
                }
            }
            _ => {
                if let Some(m) = self.lookup_special(obj, "__delitem__") {
                    self.call_special(&m, obj, std::slice::from_ref(key))?;
                    return Ok(());
                }
                let t = self.type_name(obj);
                Err(self.new_error(
                    "TypeError",
                    &format!("'{t}' object doesn't support item deletion"),
                ))
            }
        }
    }

    /// An int index for a sequence, with CPython's TypeError wording.
    pub fn seq_index(&mut self, key: &Value, what: &str) -> PyResult<i64> {
        match key {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => {
                Err(self.new_error("IndexError", "cannot fit 'int' into an index-sized integer"))
            }
            Value::Instance(_) | Value::Native(_)
                if self.lookup_special(key, "__index__").is_some() =>
            {
                self.index_value(key)
            }
            _ => {
                let t = self.type_name(key);
                Err(self.new_error(
                    "TypeError",
                    &format!("{what} indices must be integers or slices, not {t}"),
                ))
            }
        }
    }

    // ----- containment -----

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::List(l) => {
                let items = l.items.borrow().clone();
                for x in &items {
                    if self.eq_identity(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Tuple(t) => {
                let t = t.clone();
                for x in t.items.iter() {
                    if self.eq_identity(x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                _ => {
                    let t = self.type_name(item);
                    Err(self.new_error(
                        "TypeError",
                        &format!("'in <string>' requires string as left operand, not {t}"),
                    ))
                }
            },
            Value::Dict(d) => Ok(self.dict_get(d, item)?.is_some()),
            Value::Set(s) | Value::FrozenSet(s) => self.set_contains(s, item),
            Value::Range(r) => Ok(match item {
                Value::Int(i) => {
                    let i = *i;
                    if r.step > 0 {
                        i >= r.start && i < r.stop && (i - r.start) % r.step == 0
                    } else {
                        i <= r.start && i > r.stop && (r.start - i) % (-r.step) == 0
                    }
                }
                _ => {
                    let r = container.clone();
                    let items = self.collect(&r)?;
                    let mut found = false;
                    for x in &items {
                        if self.eq(x, item)? {
                            found = true;
                            break;
                        }
                    }
                    found
                }
            }),
            Value::Bytes(b) => match item {
                Value::Int(i) => Ok(b.contains(&(*i as u8))),
                Value::Bytes(sub) => {
                    Ok(sub.is_empty() || b.windows(sub.len()).any(|w| w == sub.as_slice()))
                }
                _ => Err(self.new_error("TypeError", "a bytes-like object is required")),
            },
            _ => {
                if let Some(m) = self.lookup_special(container, "__contains__") {
                    let r = self.call_special(&m, container, std::slice::from_ref(item))?;
                    return self.truthy(&r);
                }
                if self.lookup_special(container, "__iter__").is_some()
                    || self.lookup_special(container, "__getitem__").is_some()
                    || matches!(container, Value::Iter(_) | Value::Generator(_))
                {
                    let it = self.get_iter(container)?;
                    while let Some(x) = self.next(&it)? {
                        if self.eq_identity(&x, item)? {
                            return Ok(true);
                        }
                    }
                    return Ok(false);
                }
                let t = self.type_name(container);
                Err(self.new_error(
                    "TypeError",
                    &format!("argument of type '{t}' is not iterable"),
                ))
            }
        }
    }

    // ----- hashing and dict/set primitives -----

    /// `hash(v)` as CPython for numbers (so 1, 1.0 and True collide), stable for str.
    pub fn hash(&mut self, v: &Value) -> PyResult<u64> {
        Ok(match v {
            Value::Int(i) => hash_i64(*i),
            Value::Bool(b) => *b as u64,
            Value::BigInt(b) => {
                use num_traits::{Signed, ToPrimitive};
                let m = num_bigint::BigInt::from((1u64 << 61) - 1);
                let r = (b.abs() % &m).to_u64().unwrap_or(0);
                let h = if b.is_negative() {
                    (r as i64).wrapping_neg()
                } else {
                    r as i64
                };
                hash_i64(h)
            }
            Value::Float(f) => hash_float(*f),
            Value::Str(s) => s.hash(),
            Value::None => 0xFCA86420,
            Value::Tuple(t) => {
                let t = t.clone();
                let mut acc: u64 = 0x27D4EB2F165667C5;
                for x in t.items.iter() {
                    let h = self.hash(x)?;
                    acc = acc.wrapping_add(h.wrapping_mul(0xC2B2AE3D27D4EB4F));
                    acc = acc.rotate_left(31);
                    acc = acc.wrapping_mul(0x9E3779B185EBCA87);
                }
                acc ^ (t.items.len() as u64)
            }
            Value::FrozenSet(s) => {
                let mut acc: u64 = 0;
                for e in s.map.borrow().iter() {
                    acc ^= e.hash.wrapping_mul(0x9E3779B185EBCA87);
                }
                acc
            }
            Value::Bytes(b) => {
                use std::hash::{BuildHasher, Hasher};
                let mut h = rustc_hash::FxBuildHasher.build_hasher();
                h.write(b);
                h.finish()
            }
            Value::Complex(c) => {
                hash_float(c.0).wrapping_add(hash_float(c.1).wrapping_mul(1000003))
            }
            Value::List(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::ByteArray(_)
            | Value::Slice(_) => {
                return Err(self.unhashable(v));
            }
            Value::Instance(i) => {
                let cls = i.class.clone();
                match cls.lookup_str("__hash__") {
                    Some(Value::None) => return Err(self.unhashable(v)),
                    Some(Value::Builtin(b)) if b.name.as_ref() == "object.__hash__" => {
                        (Rc::as_ptr(i) as usize as u64) >> 4
                    }
                    // A subclass of a builtin type that keeps the type's own hash.
                    Some(Value::Builtin(_)) if !i.base.borrow().is_null() => {
                        let base = i.base.borrow().clone();
                        return self.hash(&base);
                    }
                    Some(m) => {
                        let r = self.call_special(&m, v, &[])?;
                        match r {
                            Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => self.hash(&r)?,
                            _ => {
                                return Err(self.new_error(
                                    "TypeError",
                                    "__hash__ method should return an integer",
                                ))
                            }
                        }
                    }
                    None => (Rc::as_ptr(i) as usize as u64) >> 4,
                }
            }
            Value::Native(n) => match n.class.lookup_str("__hash__") {
                Some(Value::None) => return Err(self.unhashable(v)),
                Some(m) if !matches!(&m, Value::Builtin(b) if b.name.as_ref() == "object.__hash__") =>
                {
                    let r = self.call_special(&m, v, &[])?;
                    self.hash(&r)?
                }
                _ => (v.ptr().unwrap_or(0) as u64) >> 4,
            },
            other => (other.ptr().unwrap_or(0) as u64) >> 4,
        })
    }

    #[cold]
    fn unhashable(&mut self, v: &Value) -> PyErr {
        let t = self.type_name(v);
        self.new_error("TypeError", &format!("unhashable type: '{t}'"))
    }

    /// Finds `key` in a map, calling Python `__eq__` only with the map released.
    fn map_find(
        &mut self,
        map: &std::cell::RefCell<DictMap>,
        hash: u64,
        key: &Value,
    ) -> PyResult<Option<usize>> {
        if let Some(simple) = simple_eq_possible(key) {
            if simple {
                let m = map.borrow();
                return Ok(m.find(hash, |k| simple_key_eq(k, key)));
            }
        }
        let candidates = map.borrow().candidates(hash);
        for i in candidates {
            let k = match map.borrow().entry_at(i) {
                Some(e) => e.key.clone(),
                None => continue,
            };
            if self.eq_identity(&k, key)? {
                return Ok(Some(i));
            }
        }
        Ok(None)
    }

    pub fn dict_get(&mut self, d: &PyDict, key: &Value) -> PyResult<Option<Value>> {
        if let Value::Str(s) = key {
            return Ok(d.get_str(s));
        }
        let h = self.hash(key)?;
        let i = self.map_find(&d.map, h, key)?;
        Ok(i.and_then(|i| d.map.borrow().entry_at(i).map(|e| e.value.clone())))
    }

    pub fn dict_set(&mut self, d: &PyDict, key: Value, value: Value) -> PyResult<()> {
        if let Value::Str(s) = &key {
            d.set_str(s, value);
            return Ok(());
        }
        let h = self.hash(&key)?;
        match self.map_find(&d.map, h, &key)? {
            Some(i) => {
                if let Some(v) = d.map.borrow_mut().value_at_mut(i) {
                    *v = value;
                }
            }
            None => d.map.borrow_mut().insert_new(h, key, value),
        }
        Ok(())
    }

    pub fn dict_del(&mut self, d: &PyDict, key: &Value) -> PyResult<bool> {
        let h = self.hash(key)?;
        match self.map_find(&d.map, h, key)? {
            Some(i) => {
                d.map.borrow_mut().remove_at(i);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// `dict.update(m)` / `{**m}`; with `merge`, a repeated key is a TypeError (`f(**a, **b)`).
    pub fn dict_update_from(&mut self, d: &Rc<PyDict>, m: &Value, merge: bool) -> PyResult<()> {
        let items: Vec<(Value, Value)> = match m {
            Value::Dict(src) => src.map.borrow().items(),
            _ => {
                if let Some(keys) = self.get_attr_opt(m, "keys")? {
                    let ks = self.call(&keys, &[], &[])?;
                    let ks = self.collect(&ks)?;
                    let mut out = Vec::new();
                    for k in ks {
                        let v = self.getitem(m, &k)?;
                        out.push((k, v));
                    }
                    out
                } else {
                    let t = self.type_name(m);
                    let msg = if merge {
                        format!("argument after ** must be a mapping, not {t}")
                    } else {
                        format!("'{t}' object is not a mapping")
                    };
                    return Err(self.new_error("TypeError", &msg));
                }
            }
        };
        for (k, v) in items {
            if merge && self.dict_get(d, &k)?.is_some() {
                let ks = self.str_of(&k)?;
                return Err(self.new_error(
                    "TypeError",
                    &format!("got multiple values for keyword argument '{ks}'"),
                ));
            }
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    pub fn dict_eq(&mut self, a: &PyDict, b: &PyDict) -> PyResult<bool> {
        if a.len() != b.len() {
            return Ok(false);
        }
        let items = a.map.borrow().items();
        for (k, v) in items {
            match self.dict_get(b, &k)? {
                Some(v2) => {
                    if !self.eq_identity(&v, &v2)? {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let s = Rc::new(PySet {
            map: std::cell::RefCell::new(DictMap::with_capacity(items.len())),
        });
        for v in items {
            self.set_insert(&s, v)?;
        }
        Ok(Value::Set(s))
    }

    pub fn new_frozenset(&mut self, items: Vec<Value>) -> PyResult<Value> {
        match self.new_set(items)? {
            Value::Set(s) => Ok(Value::FrozenSet(s)),
            other => Ok(other),
        }
    }

    pub fn set_insert(&mut self, s: &PySet, v: Value) -> PyResult<()> {
        let h = self.hash(&v)?;
        if self.map_find(&s.map, h, &v)?.is_none() {
            s.map.borrow_mut().insert_new(h, v, Value::None);
        }
        Ok(())
    }

    pub fn set_add(&mut self, s: &Value, v: Value) -> PyResult<()> {
        match s {
            Value::Set(s) | Value::FrozenSet(s) => self.set_insert(s, v),
            _ => Ok(()),
        }
    }

    pub fn set_contains(&mut self, s: &PySet, v: &Value) -> PyResult<bool> {
        let h = match self.hash(v) {
            Ok(h) => h,
            Err(e) => {
                // `[1] in {1}` is a TypeError too in CPython (unhashable); keep it.
                return Err(e);
            }
        };
        Ok(self.map_find(&s.map, h, v)?.is_some())
    }

    pub fn set_remove(&mut self, s: &PySet, v: &Value) -> PyResult<bool> {
        let h = self.hash(v)?;
        match self.map_find(&s.map, h, v)? {
            Some(i) => {
                s.map.borrow_mut().remove_at(i);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    pub fn set_items(&self, v: &Value) -> Vec<Value> {
        match v {
            Value::Set(s) | Value::FrozenSet(s) => s.map.borrow().set_keys(),
            _ => vec![],
        }
    }

    pub fn set_binop(
        &mut self,
        op: crate::compiler::opcode::BinOp,
        a: &Value,
        b: &Value,
    ) -> PyResult<Option<Value>> {
        use crate::compiler::opcode::BinOp;
        let (Value::Set(sa) | Value::FrozenSet(sa)) = a else {
            return Ok(None);
        };
        let (Value::Set(sb) | Value::FrozenSet(sb)) = b else {
            return Ok(None);
        };
        let frozen = matches!(a, Value::FrozenSet(_));
        let xa = sa.map.borrow().set_keys();
        let xb = sb.map.borrow().set_keys();
        let mut out = Vec::new();
        match op {
            BinOp::Or => {
                out.extend(xa);
                out.extend(xb);
            }
            BinOp::And => {
                for x in xa {
                    if self.set_contains(sb, &x)? {
                        out.push(x);
                    }
                }
            }
            BinOp::Sub => {
                for x in xa {
                    if !self.set_contains(sb, &x)? {
                        out.push(x);
                    }
                }
            }
            BinOp::Xor => {
                for x in xa {
                    if !self.set_contains(sb, &x)? {
                        out.push(x);
                    }
                }
                for x in xb {
                    if !self.set_contains(sa, &x)? {
                        out.push(x);
                    }
                }
            }
            _ => return Ok(None),
        }
        let r = self.new_set(out)?;
        Ok(Some(match (r, frozen) {
            (Value::Set(s), true) => Value::FrozenSet(s),
            (r, _) => r,
        }))
    }

    pub fn set_compare(
        &mut self,
        a: &Value,
        b: &Value,
        op: crate::compiler::opcode::CmpOp,
    ) -> PyResult<bool> {
        use crate::compiler::opcode::CmpOp;
        let (Value::Set(sa) | Value::FrozenSet(sa)) = a else {
            return Ok(false);
        };
        let (Value::Set(sb) | Value::FrozenSet(sb)) = b else {
            return Ok(false);
        };
        let (la, lb) = (sa.map.borrow().len(), sb.map.borrow().len());
        let a_sub_b = {
            let mut ok = la <= lb;
            if ok {
                for x in sa.map.borrow().keys() {
                    if !self.set_contains(sb, &x)? {
                        ok = false;
                        break;
                    }
                }
            }
            ok
        };
        let b_sub_a = {
            let mut ok = lb <= la;
            if ok {
                for x in sb.map.borrow().keys() {
                    if !self.set_contains(sa, &x)? {
                        ok = false;
                        break;
                    }
                }
            }
            ok
        };
        Ok(match op {
            CmpOp::Eq => a_sub_b && la == lb,
            CmpOp::Ne => !(a_sub_b && la == lb),
            CmpOp::Le => a_sub_b,
            CmpOp::Lt => a_sub_b && la < lb,
            CmpOp::Ge => b_sub_a,
            CmpOp::Gt => b_sub_a && la > lb,
        })
    }

    /// The dict of `**kwargs`-style keyword pairs.
    pub fn kwargs_dict(&mut self, kw: &[(Rc<PyStr>, Value)]) -> Rc<PyDict> {
        let d = Rc::new(PyDict::new());
        for (k, v) in kw {
            d.set_str(k, v.clone());
        }
        d
    }

    /// Float conversion for arithmetic helpers (`float(x)` semantics for numbers).
    pub fn to_float(&mut self, v: &Value) -> PyResult<f64> {
        match num::to_f64(v) {
            Ok(Some(f)) => Ok(f),
            Ok(None) => {
                if let Some(m) = self.lookup_special(v, "__float__") {
                    let r = self.call_special(&m, v, &[])?;
                    if let Value::Float(f) = r {
                        return Ok(f);
                    }
                }
                if let Some(m) = self.lookup_special(v, "__index__") {
                    let r = self.call_special(&m, v, &[])?;
                    return self.to_float(&r);
                }
                let t = self.type_name(v);
                Err(self.new_error("TypeError", &format!("must be real number, not {t}")))
            }
            Err(e) => Err(self.num_error(e)),
        }
    }
}

/// Some(true) if equality of `key` with any stored key can be decided without Python code.
fn simple_eq_possible(key: &Value) -> Option<bool> {
    Some(match key {
        Value::Int(_)
        | Value::Bool(_)
        | Value::Float(_)
        | Value::Str(_)
        | Value::None
        | Value::BigInt(_) => true,
        Value::Tuple(t) => t.items.iter().all(|x| simple_eq_possible(x) == Some(true)),
        _ => false,
    })
}

/// Equality of a simple key (see [`simple_eq_possible`]) with a stored key.
fn simple_key_eq(stored: &Value, key: &Value) -> bool {
    use Value::*;
    match (stored, key) {
        (Str(a), Str(b)) => Rc::ptr_eq(a, b) || a.s == b.s,
        (Int(a), Int(b)) => a == b,
        (None, None) => true,
        (Tuple(a), Tuple(b)) => {
            a.items.len() == b.items.len()
                && a.items
                    .iter()
                    .zip(b.items.iter())
                    .all(|(x, y)| simple_key_eq(x, y))
        }
        (Int(_) | Bool(_) | BigInt(_), Int(_) | Bool(_) | BigInt(_)) => {
            num::int_cmp(stored, key) == Some(std::cmp::Ordering::Equal)
        }
        (Float(a), Float(b)) => a == b || stored.is(key),
        (Float(f), Int(_) | Bool(_) | BigInt(_)) => {
            num::int_float_cmp(key, *f) == Some(std::cmp::Ordering::Equal)
        }
        (Int(_) | Bool(_) | BigInt(_), Float(f)) => {
            num::int_float_cmp(stored, *f) == Some(std::cmp::Ordering::Equal)
        }
        // A stored instance of a builtin subclass that keeps the builtin equality.
        (Instance(i), _) if !i.base.borrow().is_null() => {
            matches!(i.class.lookup_str("__eq__"), Some(Builtin(_)))
                && simple_key_eq(&i.base.borrow(), key)
        }
        _ => false,
    }
}

const HASH_MODULUS: u64 = (1u64 << 61) - 1;

pub fn hash_i64(i: i64) -> u64 {
    let m = HASH_MODULUS as i128;
    let r = (i as i128).rem_euclid(m) as i64;
    let h = if i < 0 {
        -((-(i as i128)).rem_euclid(m) as i64)
    } else {
        r
    };
    let h = if h == -1 { -2 } else { h };
    h as u64
}

/// CPython's `_Py_HashDouble` for finite values (so integral floats hash like ints).
pub fn hash_float(f: f64) -> u64 {
    if f.is_nan() {
        return 0;
    }
    if f.is_infinite() {
        return if f > 0.0 { 314159 } else { (-314159i64) as u64 };
    }
    if f.fract() == 0.0 && f.abs() < 9.0e18 {
        return hash_i64(f as i64);
    }
    let (mut m, mut e) = frexp(f.abs());
    let sign: i64 = if f < 0.0 { -1 } else { 1 };
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & HASH_MODULUS) | x >> (61 - 28);
        m *= 268435456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let e = if e >= 0 {
        e % 61
    } else {
        61 - 1 - ((-1 - e) % 61)
    };
    x = ((x << e) & HASH_MODULUS) | x >> (61 - e);
    let h = (x as i64) * sign;
    (if h == -1 { -2 } else { h }) as u64
}

fn frexp(f: f64) -> (f64, i32) {
    if f == 0.0 {
        return (0.0, 0);
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        let (m, e) = frexp(f * 2f64.powi(64));
        return (m, e - 64);
    }
    let e = exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e)
}
