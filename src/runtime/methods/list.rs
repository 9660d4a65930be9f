//! `list` methods (append/extend/insert/pop/remove/index/count/sort/reverse/clear/copy),
//! `list.__new__`/`__init__`, and the stable sort shared with `sorted()`.

use std::rc::Rc;

use super::{bind, descriptor_error, int_arg, new_of, no_kw, opt_index};
use crate::runtime::objects::Kwargs;
use crate::runtime::types::{add_method, check_args};
use crate::runtime::value::{PyList, Value};
use crate::vm::{PyResult, Vm};

/// `self` of a list method (unwrapping list subclasses).
fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Rc<PyList>> {
    match a.first() {
        Some(Value::List(l)) => Ok(l.clone()),
        Some(v) => match vm.unwrap_base(v) {
            Value::List(l) => Ok(l),
            _ => Err(descriptor_error(vm, name, "list", v)),
        },
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' of 'list' object needs an argument"),
        )),
    }
}

/// Normalises an index for `pop`/`insert`-style access; `None` when out of range.
fn norm(i: i64, len: usize) -> Option<usize> {
    let n = len as i64;
    let j = if i < 0 { i + n } else { i };
    (j >= 0 && j < n).then_some(j as usize)
}

/// `(start, end)` item range of `index(x, start, end)` for a sequence of `len` items.
pub fn search_range(
    vm: &mut Vm,
    start: Option<&Value>,
    end: Option<&Value>,
    len: usize,
) -> PyResult<(usize, usize)> {
    let n = len as i64;
    let fix = |i: i64| -> usize { (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize };
    let s = opt_index(vm, start)?.map_or(0, fix);
    let e = opt_index(vm, end)?.map_or(len, fix);
    Ok((s, e))
}

fn list_new(vm: &mut Vm, a: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let cls = a.first().cloned().unwrap_or(Value::None);
    let lc = vm.types.list.clone();
    new_of(vm, &cls, &lc, Value::list(vec![]))
}

fn list_init(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let l = this(vm, a, "__init__")?;
    no_kw(vm, "list", kw)?;
    if a.len() > 2 {
        let msg = format!("list expected at most 1 argument, got {}", a.len() - 1);
        return Err(vm.new_error("TypeError", &msg));
    }
    let items = match a.get(1) {
        Some(v) => vm.collect(v)?,
        None => vec![],
    };
    *l.items.borrow_mut() = items;
    Ok(Value::None)
}

pub fn init(vm: &mut Vm) {
    let list = vm.types.list.clone();
    add_method(&list, "__new__", list_new);
    add_method(&list, "__init__", list_init);
    add_method(&list, "append", |vm, a, _| {
        let l = this(vm, a, "append")?;
        check_args(vm, "append", &a[1..], 1, 1)?;
        l.items.borrow_mut().push(a[1].clone());
        Ok(Value::None)
    });
    add_method(&list, "extend", |vm, a, _| {
        let l = this(vm, a, "extend")?;
        check_args(vm, "extend", &a[1..], 1, 1)?;
        let items = vm.collect(&a[1])?;
        l.items.borrow_mut().extend(items);
        Ok(Value::None)
    });
    add_method(&list, "insert", |vm, a, _| {
        let l = this(vm, a, "insert")?;
        check_args(vm, "insert", &a[1..], 2, 2)?;
        let i = int_arg(vm, &a[1])?;
        let mut items = l.items.borrow_mut();
        let n = items.len() as i64;
        let j = if i < 0 { (i + n).max(0) } else { i.min(n) };
        items.insert(j as usize, a[2].clone());
        Ok(Value::None)
    });
    add_method(&list, "pop", |vm, a, _| {
        let l = this(vm, a, "pop")?;
        check_args(vm, "pop", &a[1..], 0, 1)?;
        let i = match a.get(1) {
            Some(v) => int_arg(vm, v)?,
            None => -1,
        };
        let len = l.items.borrow().len();
        if len == 0 {
            return Err(vm.new_error("IndexError", "pop from empty list"));
        }
        match norm(i, len) {
            Some(j) => Ok(l.items.borrow_mut().remove(j)),
            None => Err(vm.new_error("IndexError", "pop index out of range")),
        }
    });
    add_method(&list, "remove", |vm, a, _| {
        let l = this(vm, a, "remove")?;
        check_args(vm, "remove", &a[1..], 1, 1)?;
        let mut i = 0;
        loop {
            let x = match l.items.borrow().get(i) {
                Some(x) => x.clone(),
                None => break,
            };
            if vm.eq_identity(&x, &a[1])? {
                let mut items = l.items.borrow_mut();
                if i < items.len() {
                    items.remove(i);
                }
                return Ok(Value::None);
            }
            i += 1;
        }
        Err(vm.new_error("ValueError", "list.remove(x): x not in list"))
    });
    add_method(&list, "index", |vm, a, _| {
        let l = this(vm, a, "index")?;
        check_args(vm, "index", &a[1..], 1, 3)?;
        let len = l.items.borrow().len();
        let (s, e) = search_range(vm, a.get(2), a.get(3), len)?;
        let mut i = s;
        while i < e {
            let x = match l.items.borrow().get(i) {
                Some(x) => x.clone(),
                None => break,
            };
            if vm.eq_identity(&x, &a[1])? {
                return Ok(Value::Int(i as i64));
            }
            i += 1;
        }
        let r = vm.repr(&a[1])?;
        Err(vm.new_error("ValueError", &format!("{r} is not in list")))
    });
    add_method(&list, "count", |vm, a, _| {
        let l = this(vm, a, "count")?;
        check_args(vm, "count", &a[1..], 1, 1)?;
        let items = l.items.borrow().clone();
        let mut n = 0;
        for x in &items {
            if vm.eq_identity(x, &a[1])? {
                n += 1;
            }
        }
        Ok(Value::Int(n))
    });
    add_method(&list, "sort", |vm, a, kw| {
        let l = this(vm, a, "sort")?;
        if a.len() > 1 {
            return Err(vm.new_error("TypeError", "sort() takes no positional arguments"));
        }
        let p = bind(vm, "sort", &[], kw, &["key", "reverse"], 0)?;
        let reverse = match &p[1] {
            Some(v) => vm.truthy(v)?,
            None => false,
        };
        let mut items = std::mem::take(&mut *l.items.borrow_mut());
        let r = vm.sort_values(&mut items, p[0].as_ref(), reverse);
        let modified = !l.items.borrow().is_empty();
        *l.items.borrow_mut() = items;
        r?;
        if modified {
            return Err(vm.new_error("ValueError", "list modified during sort"));
        }
        Ok(Value::None)
    });
    add_method(&list, "reverse", |vm, a, _| {
        let l = this(vm, a, "reverse")?;
        check_args(vm, "reverse", &a[1..], 0, 0)?;
        l.items.borrow_mut().reverse();
        Ok(Value::None)
    });
    add_method(&list, "clear", |vm, a, _| {
        let l = this(vm, a, "clear")?;
        check_args(vm, "clear", &a[1..], 0, 0)?;
        let old = std::mem::take(&mut *l.items.borrow_mut());
        drop(old);
        Ok(Value::None)
    });
    add_method(&list, "copy", |vm, a, _| {
        let l = this(vm, a, "copy")?;
        check_args(vm, "copy", &a[1..], 0, 0)?;
        let items = l.items.borrow().clone();
        Ok(Value::list(items))
    });
}

impl Vm {
    /// Stable sort of values with an optional key function (list.sort / sorted).
    pub fn sort_values(
        &mut self,
        items: &mut Vec<Value>,
        key: Option<&Value>,
        reverse: bool,
    ) -> PyResult<()> {
        let keys: Vec<Value> = match key {
            Some(k) if !k.is_none() => {
                let mut ks = Vec::with_capacity(items.len());
                for it in items.iter() {
                    ks.push(self.call(k, std::slice::from_ref(it), &[])?);
                }
                ks
            }
            _ => items.clone(),
        };
        let mut idx: Vec<usize> = (0..items.len()).collect();
        // Merge sort on indices with a fallible comparison (Python's sort is stable).
        let mut err = None;
        merge_sort(&mut idx, &mut |a, b| {
            if err.is_some() {
                return false;
            }
            let (x, y) = if reverse {
                (&keys[b], &keys[a])
            } else {
                (&keys[a], &keys[b])
            };
            match self.lt(x, y) {
                Ok(r) => r,
                Err(e) => {
                    err = Some(e);
                    false
                }
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
        let sorted: Vec<Value> = idx.iter().map(|&i| items[i].clone()).collect();
        *items = sorted;
        Ok(())
    }
}

/// Stable merge sort with a `less` predicate that may record an error.
fn merge_sort(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    let n = v.len();
    if n <= 1 {
        return;
    }
    if n <= 16 {
        for i in 1..n {
            let mut j = i;
            while j > 0 && less(v[j], v[j - 1]) {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        return;
    }
    let mid = n / 2;
    merge_sort(&mut v[..mid], less);
    merge_sort(&mut v[mid..], less);
    let mut out = Vec::with_capacity(n);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < n {
        if less(v[j], v[i]) {
            out.push(v[j]);
            j += 1;
        } else {
            out.push(v[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&v[i..mid]);
    out.extend_from_slice(&v[j..n]);
    v.copy_from_slice(&out);
}
