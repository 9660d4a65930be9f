//! Operators: binary arithmetic (builtin types first, then `__op__`/`__rop__` with the subclass
//! rule and `__iop__` for augmented assignment), rich comparison, unary operators.

use std::cmp::Ordering;
use std::rc::Rc;

use crate::compiler::opcode::{BinOp, CmpOp};
use crate::runtime::num::{self, NumErr};
use crate::runtime::value::Value;

use super::{PyErr, PyResult, Vm};

impl Vm {
    /// `a <op> b` for a `BinaryOp` operand (with the in-place bit).
    pub fn binary_op(&mut self, a: &Value, b: &Value, arg: u32) -> PyResult<Value> {
        let Some((op, inplace)) = BinOp::decode(arg) else {
            return Err(self.new_error("SystemError", "bad binary operator"));
        };
        if inplace {
            if let Some(r) = self.inplace_builtin(op, a, b)? {
                return Ok(r);
            }
            if matches!(a, Value::Instance(_) | Value::Native(_)) {
                if let Some(m) = self.lookup_special(a, op.idunder()) {
                    let r = self.call_special(&m, a, std::slice::from_ref(b))?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
        }
        self.binop(op, a, b, inplace)
    }

    pub fn binop(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> PyResult<Value> {
        let a_user = matches!(a, Value::Instance(_) | Value::Native(_) | Value::Class(_));
        let b_user = matches!(b, Value::Instance(_) | Value::Native(_) | Value::Class(_));
        if !a_user && !b_user {
            if let Some(r) = self.builtin_binop(op, a, b)? {
                return Ok(r);
            }
            return Err(self.binop_type_error(op, a, b, inplace));
        }
        if let Some(r) = crate::numpy::scalar_binop(self, op, a, b) {
            return r;
        }
        let ta = self.type_of(a);
        let tb = self.type_of(b);
        let same = Rc::ptr_eq(&ta, &tb);
        // The reflected method of a subclass of the left type goes first.
        let mut tried_reflected = false;
        if b_user && !same && tb.is_subclass(&ta) {
            if let Some(m) = self.lookup_in(&tb, op.rdunder()) {
                tried_reflected = true;
                let r = self.call_special(&m, b, std::slice::from_ref(a))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if a_user {
            if let Some(m) = self.lookup_in(&ta, op.dunder()) {
                let r = self.call_special(&m, a, std::slice::from_ref(b))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        } else if let Some(r) = self.builtin_binop(op, a, b)? {
            return Ok(r);
        }
        if b_user && !same && !tried_reflected {
            if let Some(m) = self.lookup_in(&tb, op.rdunder()) {
                let r = self.call_special(&m, b, std::slice::from_ref(a))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        } else if !b_user {
            if let Some(r) = self.builtin_binop(op, a, b)? {
                return Ok(r);
            }
        }
        Err(self.binop_type_error(op, a, b, inplace))
    }

    #[cold]
    fn binop_type_error(&mut self, op: BinOp, a: &Value, b: &Value, inplace: bool) -> PyErr {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        let sym = if inplace {
            format!("{}=", op.symbol())
        } else {
            op.symbol().to_string()
        };
        if op == BinOp::Pow && !inplace {
            return self.new_error(
                "TypeError",
                &format!("unsupported operand type(s) for ** or pow(): '{ta}' and '{tb}'"),
            );
        }
        if op == BinOp::Add && matches!(a, Value::Str(_)) {
            return self.new_error(
                "TypeError",
                &format!("can only concatenate str (not \"{tb}\") to str"),
            );
        }
        if op == BinOp::Add && matches!(a, Value::Bytes(_) | Value::ByteArray(_)) {
            let what = if matches!(a, Value::Bytes(_)) {
                "bytes"
            } else {
                "bytearray"
            };
            return self.new_error("TypeError", &format!("can't concat {tb} to {what}"));
        }
        if op == BinOp::Add && matches!(a, Value::List(_)) && !inplace {
            return self.new_error(
                "TypeError",
                &format!("can only concatenate list (not \"{tb}\") to list"),
            );
        }
        if op == BinOp::Add && matches!(a, Value::Tuple(_)) {
            return self.new_error(
                "TypeError",
                &format!("can only concatenate tuple (not \"{tb}\") to tuple"),
            );
        }
        if op == BinOp::Mul
            && (matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_))
                || matches!(b, Value::Str(_) | Value::List(_) | Value::Tuple(_)))
        {
            let other = if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) {
                tb
            } else {
                ta
            };
            return self.new_error(
                "TypeError",
                &format!("can't multiply sequence by non-int of type '{other}'"),
            );
        }
        self.new_error(
            "TypeError",
            &format!("unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"),
        )
    }

    #[cold]
    pub fn num_error(&mut self, e: NumErr) -> PyErr {
        match e {
            NumErr::ZeroDiv(m) => self.new_error("ZeroDivisionError", m),
            NumErr::Overflow(m) => self.new_error("OverflowError", m),
            NumErr::Value(m) => self.new_error("ValueError", m),
            NumErr::NotImpl => self.new_error("TypeError", "unsupported operand"),
        }
    }

    /// In-place operators that mutate builtin containers (`list += it`, `set |= s`).
    fn inplace_builtin(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        match (op, a) {
            (BinOp::Add, Value::List(l)) => {
                let items = self.collect(b)?;
                l.items.borrow_mut().extend(items);
                Ok(Some(a.clone()))
            }
            (BinOp::Mul, Value::List(l)) => {
                let n = match b {
                    Value::Int(n) => *n,
                    Value::Bool(x) => *x as i64,
                    _ => return Ok(None),
                };
                let mut items = l.items.borrow_mut();
                let orig = items.clone();
                items.clear();
                for _ in 0..n.max(0) {
                    items.extend(orig.iter().cloned());
                }
                Ok(Some(a.clone()))
            }
            (BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor, Value::Set(s)) => {
                if !matches!(b, Value::Set(_) | Value::FrozenSet(_)) {
                    return Ok(None);
                }
                let r = self.builtin_binop(op, a, b)?;
                if let Some(Value::Set(r)) = r {
                    let m = r.map.borrow().clone();
                    *s.map.borrow_mut() = m;
                }
                Ok(Some(a.clone()))
            }
            (BinOp::Add, Value::ByteArray(x)) => {
                let extra = match b {
                    Value::Bytes(y) => (**y).clone(),
                    Value::ByteArray(y) => y.borrow().clone(),
                    _ => return Ok(None),
                };
                x.borrow_mut().extend(extra);
                Ok(Some(a.clone()))
            }
            (BinOp::Or, Value::Dict(d)) => {
                if !matches!(b, Value::Dict(_)) {
                    return Ok(None);
                }
                let d = d.clone();
                self.dict_update_from(&d, b, false)?;
                Ok(Some(a.clone()))
            }
            _ => Ok(None),
        }
    }

    /// Operators between builtin values; `Ok(None)` means NotImplemented.
    pub fn builtin_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Option<Value>> {
        use Value::*;
        let r = match (a, b) {
            (Int(_) | Bool(_) | BigInt(_), Int(_) | Bool(_) | BigInt(_)) => {
                if matches!((a, b), (Bool(_), Bool(_)))
                    && matches!(op, BinOp::And | BinOp::Or | BinOp::Xor)
                {
                    let (Bool(x), Bool(y)) = (a, b) else {
                        unreachable!()
                    };
                    return Ok(Some(Bool(match op {
                        BinOp::And => x & y,
                        BinOp::Or => x | y,
                        _ => x ^ y,
                    })));
                }
                num::int_binop(op, a, b)
            }
            (Float(_) | Int(_) | Bool(_) | BigInt(_), Float(_) | Int(_) | Bool(_) | BigInt(_)) => {
                let x = num::to_f64(a).map_err(|e| self.num_error(e))?;
                let y = num::to_f64(b).map_err(|e| self.num_error(e))?;
                match (x, y) {
                    (Some(x), Some(y)) => num::float_binop(op, x, y),
                    _ => return Ok(Option::None),
                }
            }
            (Complex(_), _) | (_, Complex(_)) => {
                let ca = self.as_complex(a)?;
                let cb = self.as_complex(b)?;
                match (ca, cb) {
                    (Some(x), Some(y)) => num::complex_binop(op, x, y),
                    _ => return Ok(Option::None),
                }
            }
            (Str(x), Str(y)) if op == BinOp::Add => {
                let mut s = String::with_capacity(x.s.len() + y.s.len());
                s.push_str(x.as_str());
                s.push_str(y.as_str());
                return Ok(Some(Value::string(s)));
            }
            (Bytes(x), _) if op == BinOp::Mod => {
                let x = x.clone();
                return crate::runtime::methods::bytes::percent_format(self, &x, b).map(Some);
            }
            (Str(x), _) if op == BinOp::Mod => {
                let x = x.clone();
                return Ok(Some(self.percent_format(&x, b)?));
            }
            (Str(_) | List(_) | Tuple(_) | Bytes(_), Int(_) | Bool(_)) if op == BinOp::Mul => {
                return self.seq_repeat(a, b).map(Some);
            }
            (Int(_) | Bool(_), Str(_) | List(_) | Tuple(_) | Bytes(_)) if op == BinOp::Mul => {
                return self.seq_repeat(b, a).map(Some);
            }
            (List(x), List(y)) if op == BinOp::Add => {
                let mut v = x.items.borrow().clone();
                v.extend(y.items.borrow().iter().cloned());
                return Ok(Some(Value::list(v)));
            }
            (Tuple(x), Tuple(y)) if op == BinOp::Add => {
                let mut v = x.items.to_vec();
                v.extend(y.items.iter().cloned());
                return Ok(Some(Value::tuple(v)));
            }
            (Bytes(x), Bytes(y)) if op == BinOp::Add => {
                let mut v = (**x).clone();
                v.extend_from_slice(y);
                return Ok(Some(Value::Bytes(Rc::new(v))));
            }
            (Bytes(_) | ByteArray(_), Bytes(_) | ByteArray(_)) if op == BinOp::Add => {
                let mut v = match a {
                    Bytes(x) => (**x).clone(),
                    ByteArray(x) => x.borrow().clone(),
                    _ => vec![],
                };
                match b {
                    Bytes(y) => v.extend_from_slice(y),
                    ByteArray(y) => v.extend_from_slice(&y.borrow()),
                    _ => {}
                }
                return Ok(Some(match a {
                    ByteArray(_) => Value::ByteArray(Rc::new(std::cell::RefCell::new(v))),
                    _ => Value::Bytes(Rc::new(v)),
                }));
            }
            (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
                return self.set_binop(op, a, b);
            }
            (Dict(x), Dict(_)) if op == BinOp::Or => {
                let d = Rc::new(crate::runtime::dict::PyDict::from_map(
                    x.map.borrow().clone(),
                ));
                self.dict_update_from(&d, b, false)?;
                return Ok(Some(Value::Dict(d)));
            }
            _ => return Ok(Option::None),
        };
        match r {
            Ok(v) => Ok(Some(v)),
            Err(NumErr::NotImpl) => Ok(Option::None),
            Err(e) => Err(self.num_error(e)),
        }
    }

    pub fn as_complex(&mut self, v: &Value) -> PyResult<Option<(f64, f64)>> {
        Ok(match v {
            Value::Complex(c) => Some(**c),
            _ => num::to_f64(v)
                .map_err(|e| self.num_error(e))?
                .map(|f| (f, 0.0)),
        })
    }

    fn seq_repeat(&mut self, seq: &Value, n: &Value) -> PyResult<Value> {
        let n = match n {
            Value::Int(i) => (*i).max(0) as usize,
            Value::Bool(b) => *b as usize,
            _ => 0,
        };
        let guard = |len: usize| len.saturating_mul(n) > (1usize << 34);
        match seq {
            Value::Str(s) => {
                if guard(s.s.len()) {
                    return Err(self.new_error("MemoryError", ""));
                }
                Ok(Value::string(s.as_str().repeat(n)))
            }
            Value::List(l) => {
                let items = l.items.borrow();
                if guard(items.len()) {
                    return Err(self.new_error("MemoryError", ""));
                }
                let mut v = Vec::with_capacity(items.len() * n);
                for _ in 0..n {
                    v.extend(items.iter().cloned());
                }
                Ok(Value::list(v))
            }
            Value::Tuple(t) => {
                if guard(t.items.len()) {
                    return Err(self.new_error("MemoryError", ""));
                }
                let mut v = Vec::with_capacity(t.items.len() * n);
                for _ in 0..n {
                    v.extend(t.items.iter().cloned());
                }
                Ok(Value::tuple(v))
            }
            Value::Bytes(b) => {
                if guard(b.len()) {
                    return Err(self.new_error("MemoryError", ""));
                }
                Ok(Value::Bytes(Rc::new(b.repeat(n))))
            }
            _ => Ok(Value::NotImplemented),
        }
    }

    /// Rich comparison returning a value (user `__lt__` may return anything).
    pub fn compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Value> {
        let a_user = matches!(a, Value::Instance(_) | Value::Native(_));
        let b_user = matches!(b, Value::Instance(_) | Value::Native(_));
        if a_user || b_user {
            let ta = self.type_of(a);
            let tb = self.type_of(b);
            let mut reflected_first = false;
            if b_user && !Rc::ptr_eq(&ta, &tb) && tb.is_subclass(&ta) {
                if let Some(m) = tb.lookup_str(op.swapped().dunder()) {
                    reflected_first = true;
                    let r = self.call_special(&m, b, std::slice::from_ref(a))?;
                    if !matches!(r, Value::NotImplemented) {
                        return Ok(r);
                    }
                }
            }
            if a_user {
                if let Some(m) = self.lookup_in(&ta, op.dunder()) {
                    if !is_object_default(&m) {
                        let r = self.call_special(&m, a, std::slice::from_ref(b))?;
                        if !matches!(r, Value::NotImplemented) {
                            return Ok(r);
                        }
                    }
                }
            }
            if b_user && !reflected_first {
                if let Some(m) = tb.lookup_str(op.swapped().dunder()) {
                    if !is_object_default(&m) {
                        let r = self.call_special(&m, b, std::slice::from_ref(a))?;
                        if !matches!(r, Value::NotImplemented) {
                            return Ok(r);
                        }
                    }
                }
            }
            // `!=` falls back to the negation of a user `__eq__`.
            if op == CmpOp::Ne && a_user {
                if let Some(m) = self.lookup_in(&ta, "__eq__") {
                    if !is_object_default(&m) {
                        let r = self.call_special(&m, a, std::slice::from_ref(b))?;
                        if !matches!(r, Value::NotImplemented) {
                            let t = self.truthy(&r)?;
                            return Ok(Value::Bool(!t));
                        }
                    }
                }
            }
            if !(a_user && b_user) {
                if let Some(o) = self.builtin_compare(a, b, op)? {
                    return Ok(Value::Bool(o));
                }
            }
            return match op {
                CmpOp::Eq => Ok(Value::Bool(a.is(b))),
                CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
                _ => Err(self.compare_type_error(a, b, op)),
            };
        }
        match self.builtin_compare(a, b, op)? {
            Some(r) => Ok(Value::Bool(r)),
            None => match op {
                CmpOp::Eq => Ok(Value::Bool(a.is(b))),
                CmpOp::Ne => Ok(Value::Bool(!a.is(b))),
                _ => Err(self.compare_type_error(a, b, op)),
            },
        }
    }

    #[cold]
    fn compare_type_error(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyErr {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        self.new_error(
            "TypeError",
            &format!(
                "'{}' not supported between instances of '{ta}' and '{tb}'",
                op.symbol()
            ),
        )
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(x == y),
            (Value::Str(x), Value::Str(y)) => return Ok(Rc::ptr_eq(x, y) || x.s == y.s),
            _ => {}
        }
        let r = self.compare(a, b, CmpOp::Eq)?;
        match r {
            Value::Bool(b) => Ok(b),
            other => self.truthy(&other),
        }
    }

    /// Equality with the identity shortcut containers use (`x in [x]` is True for NaN).
    pub fn eq_identity(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        self.eq(a, b)
    }

    /// Ordering between values for sorting (`a < b`).
    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x < y),
            (Value::Float(x), Value::Float(y)) => Ok(x < y),
            (Value::Str(x), Value::Str(y)) => Ok(x.s < y.s),
            _ => {
                let r = self.compare(a, b, CmpOp::Lt)?;
                self.truthy(&r)
            }
        }
    }

    /// Comparison between builtin values; `Ok(None)` means NotImplemented.
    pub fn builtin_compare(&mut self, a: &Value, b: &Value, op: CmpOp) -> PyResult<Option<bool>> {
        use Value::*;
        let ord: Option<Ordering> = match (a, b) {
            (Int(_) | Bool(_) | BigInt(_), Int(_) | Bool(_) | BigInt(_)) => num::int_cmp(a, b),
            (Float(x), Float(y)) => {
                return Ok(Some(cmp_partial(x.partial_cmp(y), op)));
            }
            (Float(x), Int(_) | Bool(_) | BigInt(_)) => {
                return Ok(Some(cmp_partial(
                    num::int_float_cmp(b, *x).map(|o| o.reverse()),
                    op,
                )));
            }
            (Int(_) | Bool(_) | BigInt(_), Float(y)) => {
                return Ok(Some(cmp_partial(num::int_float_cmp(a, *y), op)));
            }
            (Complex(_), _) | (_, Complex(_)) => {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return Ok(Option::None);
                }
                let (x, y) = (self.as_complex(a)?, self.as_complex(b)?);
                return Ok(match (x, y) {
                    (Some(x), Some(y)) => Some((x == y) == (op == CmpOp::Eq)),
                    _ => Option::None,
                });
            }
            (Str(x), Str(y)) => Some(x.s.cmp(&y.s)),
            (Bytes(x), Bytes(y)) => Some(x.as_slice().cmp(y.as_slice())),
            (None, None) | (Ellipsis, Ellipsis) | (NotImplemented, NotImplemented) => {
                return Ok(match op {
                    CmpOp::Eq => Some(true),
                    CmpOp::Ne => Some(false),
                    _ => Option::None,
                })
            }
            (List(x), List(y)) => {
                let (xv, yv) = (x.items.borrow().clone(), y.items.borrow().clone());
                return self.seq_compare(&xv, &yv, op).map(Some);
            }
            (Tuple(x), Tuple(y)) => {
                let (xv, yv) = (x.items.clone(), y.items.clone());
                return self.seq_compare(&xv, &yv, op).map(Some);
            }
            (Dict(x), Dict(y)) => {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return Ok(Option::None);
                }
                let eq = self.dict_eq(x, y)?;
                return Ok(Some(eq == (op == CmpOp::Eq)));
            }
            (Set(_) | FrozenSet(_), Set(_) | FrozenSet(_)) => {
                return self.set_compare(a, b, op).map(Some);
            }
            (Range(x), Range(y)) => {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return Ok(Option::None);
                }
                let (lx, ly) = (x.len(), y.len());
                let eq =
                    lx == ly && (lx == 0 || (x.start == y.start && (lx == 1 || x.step == y.step)));
                return Ok(Some(eq == (op == CmpOp::Eq)));
            }
            (Class(_), Class(_))
            | (Function(_), Function(_))
            | (Builtin(_), Builtin(_))
            | (Module(_), Module(_)) => {
                return Ok(match op {
                    CmpOp::Eq => Some(a.is(b)),
                    CmpOp::Ne => Some(!a.is(b)),
                    _ => Option::None,
                });
            }
            (BoundMethod(x), BoundMethod(y)) => {
                if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                    return Ok(Option::None);
                }
                let eq = x.func.is(&y.func) && x.self_.is(&y.self_);
                return Ok(Some(eq == (op == CmpOp::Eq)));
            }
            (Slice(x), Slice(y)) => {
                let xv = [x.start.clone(), x.stop.clone(), x.step.clone()];
                let yv = [y.start.clone(), y.stop.clone(), y.step.clone()];
                return self.seq_compare(&xv, &yv, op).map(Some);
            }
            _ => return Ok(Option::None),
        };
        Ok(Some(cmp_partial(ord, op)))
    }

    /// Lexicographic comparison of sequences (first unequal pair decides).
    fn seq_compare(&mut self, x: &[Value], y: &[Value], op: CmpOp) -> PyResult<bool> {
        for (a, b) in x.iter().zip(y.iter()) {
            if !self.eq_identity(a, b)? {
                return match op {
                    CmpOp::Eq => Ok(false),
                    CmpOp::Ne => Ok(true),
                    _ => {
                        let r = self.compare(a, b, op)?;
                        self.truthy(&r)
                    }
                };
            }
        }
        Ok(cmp_partial(Some(x.len().cmp(&y.len())), op))
    }

    pub fn neg(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(num::int_neg(v)),
            Value::Float(f) => Ok(Value::Float(-f)),
            Value::Complex(c) => Ok(Value::Complex(Rc::new((-c.0, -c.1)))),
            _ => self.unary_dunder(v, "__neg__", "unary -"),
        }
    }

    pub fn pos(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(self.int_pos(v)),
            Value::Float(_) | Value::Complex(_) => Ok(v.clone()),
            _ => self.unary_dunder(v, "__pos__", "unary +"),
        }
    }

    /// `+x` of an int (bools become ints).
    pub fn int_pos(&self, v: &Value) -> Value {
        match v {
            Value::Bool(b) => Value::Int(*b as i64),
            other => other.clone(),
        }
    }

    pub fn invert(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Int(i) => Ok(Value::Int(!i)),
            Value::Bool(b) => Ok(Value::Int(!(*b as i64))),
            Value::BigInt(b) => Ok(Value::from_bigint(-(**b).clone() - 1)),
            _ => self.unary_dunder(v, "__invert__", "unary ~"),
        }
    }

    fn unary_dunder(&mut self, v: &Value, dunder: &str, what: &str) -> PyResult<Value> {
        if let Some(m) = self.lookup_special(v, dunder) {
            return self.call_special(&m, v, &[]);
        }
        let t = self.type_name(v);
        Err(self.new_error("TypeError", &format!("bad operand type for {what}: '{t}'")))
    }
}

fn cmp_partial(ord: Option<Ordering>, op: CmpOp) -> bool {
    match ord {
        None => op == CmpOp::Ne,
        Some(o) => match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Eq => o == Ordering::Equal,
            CmpOp::Ne => o != Ordering::Equal,
            CmpOp::Gt => o == Ordering::Greater,
            CmpOp::Ge => o != Ordering::Less,
        },
    }
}

/// Whether a looked-up comparison method is `object`'s default (identity) implementation.
fn is_object_default(m: &Value) -> bool {
    matches!(m, Value::Builtin(b) if b.name.starts_with("object."))
}
