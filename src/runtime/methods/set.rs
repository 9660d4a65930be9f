//! `set` and `frozenset` methods (add/discard/remove/pop/clear/copy, union/intersection/
//! difference/symmetric_difference and their `_update` forms, subset tests) and constructors.

use std::cell::RefCell;
use std::rc::Rc;

use super::{descriptor_error, new_of, no_kw};
use crate::runtime::dict::DictMap;
use crate::runtime::objects::Kwargs;
use crate::runtime::types::{add_method, check_args};
use crate::runtime::value::{PySet, Value};
use crate::vm::{PyResult, Vm};

/// `self` of a set method: the set and whether it is a frozenset.
fn this(vm: &mut Vm, a: &[Value], name: &str, ty: &str) -> PyResult<(Rc<PySet>, bool)> {
    let v = match a.first() {
        Some(v) => vm.unwrap_base(v),
        None => {
            return Err(vm.new_error(
                "TypeError",
                &format!("descriptor '{name}' of '{ty}' object needs an argument"),
            ));
        }
    };
    match v {
        Value::Set(s) if ty == "set" => Ok((s, false)),
        Value::FrozenSet(s) => Ok((s, true)),
        Value::Set(s) => Ok((s, false)),
        _ => Err(descriptor_error(vm, name, ty, &a[0])),
    }
}

fn this_mut(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Rc<PySet>> {
    match a.first().map(|v| vm.unwrap_base(v)) {
        Some(Value::Set(s)) => Ok(s),
        Some(_) => Err(descriptor_error(vm, name, "set", &a[0])),
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' of 'set' object needs an argument"),
        )),
    }
}

fn make(s: Rc<PySet>, frozen: bool) -> Value {
    if frozen {
        Value::FrozenSet(s)
    } else {
        Value::Set(s)
    }
}

fn empty() -> Rc<PySet> {
    Rc::new(PySet {
        map: RefCell::new(DictMap::new()),
    })
}

fn copy_of(s: &PySet) -> Rc<PySet> {
    Rc::new(PySet {
        map: RefCell::new(s.map.borrow().clone()),
    })
}

/// The elements of an iterable argument as a set (reusing set arguments).
fn as_set(vm: &mut Vm, v: &Value) -> PyResult<Rc<PySet>> {
    match vm.unwrap_base(v) {
        Value::Set(s) | Value::FrozenSet(s) => Ok(s),
        other => {
            let items = vm.collect(&other)?;
            match vm.new_set(items)? {
                Value::Set(s) => Ok(s),
                _ => Ok(empty()),
            }
        }
    }
}

fn keys(s: &PySet) -> Vec<Value> {
    s.map.borrow().set_keys()
}

fn union_into(vm: &mut Vm, out: &PySet, others: &[Value]) -> PyResult<()> {
    for o in others {
        let items = match vm.unwrap_base(o) {
            Value::Set(s) | Value::FrozenSet(s) => keys(&s),
            other => vm.collect(&other)?,
        };
        for x in items {
            vm.set_insert(out, x)?;
        }
    }
    Ok(())
}

fn intersection(vm: &mut Vm, base: &PySet, others: &[Value]) -> PyResult<Rc<PySet>> {
    let mut cur = keys(base);
    for o in others {
        let other = as_set(vm, o)?;
        let mut next = Vec::new();
        for x in cur {
            if vm.set_contains(&other, &x)? {
                next.push(x);
            }
        }
        cur = next;
    }
    match vm.new_set(cur)? {
        Value::Set(s) => Ok(s),
        _ => Ok(empty()),
    }
}

fn difference(vm: &mut Vm, base: &PySet, others: &[Value]) -> PyResult<Rc<PySet>> {
    let mut cur = keys(base);
    for o in others {
        let other = as_set(vm, o)?;
        let mut next = Vec::new();
        for x in cur {
            if !vm.set_contains(&other, &x)? {
                next.push(x);
            }
        }
        cur = next;
    }
    match vm.new_set(cur)? {
        Value::Set(s) => Ok(s),
        _ => Ok(empty()),
    }
}

fn symmetric(vm: &mut Vm, base: &PySet, other: &Value) -> PyResult<Rc<PySet>> {
    let other = as_set(vm, other)?;
    let mut out = Vec::new();
    for x in keys(base) {
        if !vm.set_contains(&other, &x)? {
            out.push(x);
        }
    }
    for x in keys(&other) {
        if !vm.set_contains(base, &x)? {
            out.push(x);
        }
    }
    match vm.new_set(out)? {
        Value::Set(s) => Ok(s),
        _ => Ok(empty()),
    }
}

fn is_subset(vm: &mut Vm, a: &PySet, b: &PySet) -> PyResult<bool> {
    if a.map.borrow().len() > b.map.borrow().len() {
        return Ok(false);
    }
    for x in keys(a) {
        if !vm.set_contains(b, &x)? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn set_new(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let cls = a.first().cloned().unwrap_or(Value::None);
    let sc = vm.types.set.clone();
    new_of(vm, &cls, &sc, Value::Set(empty()))
}

fn frozenset_new(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(vm, "frozenset", kw)?;
    check_args(vm, "frozenset", &a[1..], 0, 1)?;
    let v = match a.get(1) {
        Some(Value::FrozenSet(s)) => Value::FrozenSet(s.clone()),
        Some(x) => {
            let items = vm.collect(x)?;
            vm.new_frozenset(items)?
        }
        None => Value::FrozenSet(empty()),
    };
    let cls = a.first().cloned().unwrap_or(Value::None);
    let fc = vm.types.frozenset.clone();
    new_of(vm, &cls, &fc, v)
}

/// Registers the methods shared by set and frozenset on `cls`.
fn common(cls: &Rc<crate::runtime::objects::Class>) {
    add_method(cls, "copy", |vm, a, _| {
        let (s, frozen) = this(vm, a, "copy", "set")?;
        check_args(vm, "copy", &a[1..], 0, 0)?;
        if frozen && matches!(a[0], Value::FrozenSet(_)) {
            return Ok(a[0].clone());
        }
        Ok(make(copy_of(&s), frozen))
    });
    add_method(cls, "union", |vm, a, _| {
        let (s, frozen) = this(vm, a, "union", "set")?;
        let out = copy_of(&s);
        union_into(vm, &out, &a[1..])?;
        Ok(make(out, frozen))
    });
    add_method(cls, "intersection", |vm, a, _| {
        let (s, frozen) = this(vm, a, "intersection", "set")?;
        let out = intersection(vm, &s, &a[1..])?;
        Ok(make(out, frozen))
    });
    add_method(cls, "difference", |vm, a, _| {
        let (s, frozen) = this(vm, a, "difference", "set")?;
        let out = difference(vm, &s, &a[1..])?;
        Ok(make(out, frozen))
    });
    add_method(cls, "symmetric_difference", |vm, a, _| {
        let (s, frozen) = this(vm, a, "symmetric_difference", "set")?;
        check_args(vm, "symmetric_difference", &a[1..], 1, 1)?;
        let out = symmetric(vm, &s, &a[1])?;
        Ok(make(out, frozen))
    });
    add_method(cls, "issubset", |vm, a, _| {
        let (s, _) = this(vm, a, "issubset", "set")?;
        check_args(vm, "issubset", &a[1..], 1, 1)?;
        let o = as_set(vm, &a[1])?;
        Ok(Value::Bool(is_subset(vm, &s, &o)?))
    });
    add_method(cls, "issuperset", |vm, a, _| {
        let (s, _) = this(vm, a, "issuperset", "set")?;
        check_args(vm, "issuperset", &a[1..], 1, 1)?;
        let o = as_set(vm, &a[1])?;
        Ok(Value::Bool(is_subset(vm, &o, &s)?))
    });
    add_method(cls, "isdisjoint", |vm, a, _| {
        let (s, _) = this(vm, a, "isdisjoint", "set")?;
        check_args(vm, "isdisjoint", &a[1..], 1, 1)?;
        let items = vm.collect(&a[1])?;
        for x in &items {
            if vm.set_contains(&s, x)? {
                return Ok(Value::Bool(false));
            }
        }
        Ok(Value::Bool(true))
    });
}

pub fn init(vm: &mut Vm) {
    let c = vm.types.set.clone();
    let f = vm.types.frozenset.clone();
    common(&c);
    common(&f);
    add_method(&c, "__new__", set_new);
    add_method(&f, "__new__", frozenset_new);
    add_method(&c, "__init__", |vm, a, kw| {
        let s = this_mut(vm, a, "__init__")?;
        no_kw(vm, "set", kw)?;
        if a.len() > 2 {
            let msg = format!("set expected at most 1 argument, got {}", a.len() - 1);
            return Err(vm.new_error("TypeError", &msg));
        }
        s.map.borrow_mut().clear();
        if let Some(x) = a.get(1) {
            let items = vm.collect(x)?;
            for v in items {
                vm.set_insert(&s, v)?;
            }
        }
        Ok(Value::None)
    });
    add_method(&c, "add", |vm, a, _| {
        let s = this_mut(vm, a, "add")?;
        check_args(vm, "add", &a[1..], 1, 1)?;
        vm.set_insert(&s, a[1].clone())?;
        Ok(Value::None)
    });
    add_method(&c, "discard", |vm, a, _| {
        let s = this_mut(vm, a, "discard")?;
        check_args(vm, "discard", &a[1..], 1, 1)?;
        vm.set_remove(&s, &a[1])?;
        Ok(Value::None)
    });
    add_method(&c, "remove", |vm, a, _| {
        let s = this_mut(vm, a, "remove")?;
        check_args(vm, "remove", &a[1..], 1, 1)?;
        if !vm.set_remove(&s, &a[1])? {
            return Err(vm.key_error(&a[1]));
        }
        Ok(Value::None)
    });
    add_method(&c, "pop", |vm, a, _| {
        let s = this_mut(vm, a, "pop")?;
        check_args(vm, "pop", &a[1..], 0, 0)?;
        let first = s.map.borrow().iter().next().map(|e| e.key.clone());
        match first {
            Some(k) => {
                vm.set_remove(&s, &k)?;
                Ok(k)
            }
            None => Err(vm.new_error("KeyError", "pop from an empty set")),
        }
    });
    add_method(&c, "clear", |vm, a, _| {
        let s = this_mut(vm, a, "clear")?;
        check_args(vm, "clear", &a[1..], 0, 0)?;
        s.map.borrow_mut().clear();
        Ok(Value::None)
    });
    add_method(&c, "update", |vm, a, _| {
        let s = this_mut(vm, a, "update")?;
        union_into(vm, &s, &a[1..])?;
        Ok(Value::None)
    });
    add_method(&c, "intersection_update", |vm, a, _| {
        let s = this_mut(vm, a, "intersection_update")?;
        let r = intersection(vm, &s, &a[1..])?;
        let m = r.map.borrow().clone();
        *s.map.borrow_mut() = m;
        Ok(Value::None)
    });
    add_method(&c, "difference_update", |vm, a, _| {
        let s = this_mut(vm, a, "difference_update")?;
        let r = difference(vm, &s, &a[1..])?;
        let m = r.map.borrow().clone();
        *s.map.borrow_mut() = m;
        Ok(Value::None)
    });
    add_method(&c, "symmetric_difference_update", |vm, a, _| {
        let s = this_mut(vm, a, "symmetric_difference_update")?;
        check_args(vm, "symmetric_difference_update", &a[1..], 1, 1)?;
        let r = symmetric(vm, &s, &a[1])?;
        let m = r.map.borrow().clone();
        *s.map.borrow_mut() = m;
        Ok(Value::None)
    });
}
