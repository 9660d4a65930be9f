//! `list` methods and sorting.

use crate::runtime::types::{add_method, check_args};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) {
    let list = vm.types.list.clone();
    add_method(&list, "append", |vm, a, _| {
        check_args(vm, "append", &a[1..], 1, 1)?;
        if let Value::List(l) = &a[0] {
            l.items.borrow_mut().push(a[1].clone());
        }
        Ok(Value::None)
    });
}

impl Vm {
    /// Stable sort of values with an optional key function (list.sort / sorted).
    pub fn sort_values(&mut self, items: &mut Vec<Value>, key: Option<&Value>, reverse: bool) -> PyResult<()> {
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
            let (x, y) = if reverse { (&keys[b], &keys[a]) } else { (&keys[a], &keys[b]) };
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
