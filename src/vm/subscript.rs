//! Sequence subscripts: integer and slice indexing of str/list/tuple/range/bytes, slice index
//! normalisation (CPython's `PySlice_AdjustIndices`), slice assignment, and `with` entry.

use std::rc::Rc;

use crate::runtime::value::{PyList, PyRange, PySlice, Value};

use super::{PyResult, Vm};

impl Vm {
    /// (start, stop, step, length) of a slice applied to a sequence of `len` items.
    pub fn slice_indices(&mut self, s: &PySlice, len: usize) -> PyResult<(i64, i64, i64, usize)> {
        let len = len as i64;
        let step = match &s.step {
            Value::None => 1,
            v => self.slice_index(v)?,
        };
        if step == 0 {
            return Err(self.new_error("ValueError", "slice step cannot be zero"));
        }
        let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
        let norm = |vm: &mut Vm, v: &Value, default: i64| -> PyResult<i64> {
            match v {
                Value::None => Ok(default),
                v => {
                    let i = vm.slice_index(v)?;
                    Ok(if i < 0 {
                        (i + len).max(lower)
                    } else {
                        i.min(upper)
                    })
                }
            }
        };
        let start = norm(self, &s.start, if step < 0 { upper } else { lower })?;
        let stop = norm(self, &s.stop, if step < 0 { lower } else { upper })?;
        let n = if step > 0 {
            if stop > start {
                (stop - start - 1) / step + 1
            } else {
                0
            }
        } else if start > stop {
            (start - stop - 1) / (-step) + 1
        } else {
            0
        };
        Ok((start, stop, step, n as usize))
    }

    fn slice_index(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(b) => {
                use num_traits::Signed;
                Ok(if b.is_negative() {
                    i64::MIN / 2
                } else {
                    i64::MAX / 2
                })
            }
            other => {
                if self.lookup_special(other, "__index__").is_some() {
                    return self.index_value(other);
                }
                Err(self.new_error(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                ))
            }
        }
    }

    /// The item positions a slice selects.
    pub fn slice_indices_list(&mut self, s: &PySlice, len: usize) -> PyResult<Vec<usize>> {
        let (start, _, step, n) = self.slice_indices(s, len)?;
        Ok((0..n).map(|k| (start + k as i64 * step) as usize).collect())
    }

    /// `seq[i]` / `seq[a:b:c]` for the builtin sequences.
    pub fn seq_getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        if let Value::Slice(s) = key {
            let s = s.clone();
            return self.seq_getslice(obj, &s);
        }
        let what = match obj {
            Value::List(_) => "list",
            Value::Tuple(_) => "tuple",
            Value::Str(_) => "string",
            Value::Range(_) => "range object",
            Value::Bytes(_) => "byte",
            _ => "bytearray",
        };
        let i = match key {
            Value::Int(i) => *i,
            Value::Bool(b) => *b as i64,
            _ => {
                let tn = match obj {
                    Value::List(_) => "list",
                    Value::Tuple(_) => "tuple",
                    Value::Str(_) => "string",
                    Value::Range(_) => "range",
                    Value::Bytes(_) => "byte",
                    _ => "bytearray",
                };
                self.seq_index(key, tn)?
            }
        };
        let len = self.len(obj)? as i64;
        let j = if i < 0 { i + len } else { i };
        if j < 0 || j >= len {
            let msg = match obj {
                Value::Str(_) => "string index out of range".to_string(),
                Value::Bytes(_) => "index out of range".to_string(),
                Value::ByteArray(_) => "bytearray index out of range".to_string(),
                _ => format!("{what} index out of range"),
            };
            return Err(self.new_error("IndexError", &msg));
        }
        let j = j as usize;
        Ok(match obj {
            Value::List(l) => l.items.borrow()[j].clone(),
            Value::Tuple(t) => t.items[j].clone(),
            Value::Str(s) => {
                let c = if s.is_ascii() {
                    &s.as_str()[j..j + 1]
                } else {
                    let (b, ch) = s.as_str().char_indices().nth(j).unwrap_or((0, ' '));
                    &s.as_str()[b..b + ch.len_utf8()]
                };
                self.char_str(c)
            }
            Value::Range(r) => Value::Int(r.start + r.step * j as i64),
            Value::Bytes(b) => Value::Int(b[j] as i64),
            Value::ByteArray(b) => Value::Int(b.borrow()[j] as i64),
            _ => Value::None,
        })
    }

    fn seq_getslice(&mut self, obj: &Value, s: &PySlice) -> PyResult<Value> {
        let len = self.len(obj)?;
        let (start, stop, step, n) = self.slice_indices(s, len)?;
        let pick = |k: usize| (start + k as i64 * step) as usize;
        Ok(match obj {
            Value::List(l) => {
                let items = l.items.borrow();
                Value::list((0..n).map(|k| items[pick(k)].clone()).collect())
            }
            Value::Tuple(t) => {
                if step == 1 && n == t.items.len() {
                    return Ok(obj.clone());
                }
                Value::tuple((0..n).map(|k| t.items[pick(k)].clone()).collect())
            }
            Value::Str(st) => {
                if st.is_ascii() {
                    let b = st.as_str().as_bytes();
                    if step == 1 {
                        let a = start.max(0) as usize;
                        return Ok(Value::str(&st.as_str()[a..a + n]));
                    }
                    let out: String = (0..n).map(|k| b[pick(k)] as char).collect();
                    Value::string(out)
                } else {
                    let chars: Vec<char> = st.as_str().chars().collect();
                    Value::string((0..n).map(|k| chars[pick(k)]).collect())
                }
            }
            Value::Range(r) => Value::Range(Rc::new(PyRange {
                start: r.start + r.step * start,
                stop: r.start + r.step * stop,
                step: r.step * step,
            })),
            Value::Bytes(b) => Value::Bytes(Rc::new((0..n).map(|k| b[pick(k)]).collect())),
            Value::ByteArray(b) => {
                let b = b.borrow();
                Value::ByteArray(Rc::new(std::cell::RefCell::new(
                    (0..n).map(|k| b[pick(k)]).collect(),
                )))
            }
            _ => Value::None,
        })
    }

    /// `lst[a:b:c] = iterable`.
    pub fn list_set_slice(&mut self, l: &Rc<PyList>, s: &PySlice, value: Value) -> PyResult<()> {
        let new = self.collect(&value)?;
        let len = l.items.borrow().len();
        let (start, stop, step, n) = self.slice_indices(s, len)?;
        let mut items = l.items.borrow_mut();
        if step == 1 {
            let a = start.max(0) as usize;
            let b = (stop.max(start)) as usize;
            items.splice(a..b.min(len), new);
            return Ok(());
        }
        if new.len() != n {
            drop(items);
            return Err(self.new_error(
                "ValueError",
                &format!(
                    "attempt to assign sequence of size {} to extended slice of size {n}",
                    new.len()
                ),
            ));
        }
        for (k, v) in new.into_iter().enumerate() {
            items[(start + k as i64 * step) as usize] = v;
        }
        Ok(())
    }

    /// `BeforeWith`: (bound `__exit__`, result of `__enter__()`).
    pub fn before_with(&mut self, mgr: &Value) -> PyResult<(Value, Value)> {
        let enter = self.lookup_special(mgr, "__enter__");
        let exit = self.lookup_special(mgr, "__exit__");
        let (Some(enter), Some(exit)) = (enter, exit) else {
            let t = self.type_name(mgr);
            let msg = if self.lookup_special(mgr, "__enter__").is_none() {
                format!("'{t}' object does not support the context manager protocol")
            } else {
                format!("'{t}' object does not support the context manager protocol (missed __exit__ method)")
            };
            return Err(self.new_error("TypeError", &msg));
        };
        let cls = self.type_of(mgr);
        let exit_bound = self.bind_descriptor(exit, mgr, &cls)?;
        let entered = self.call_special(&enter, mgr, &[])?;
        Ok((exit_bound, entered))
    }
}
