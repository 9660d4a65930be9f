//! Special methods of the builtin value types (`int.__add__`, `list.__getitem__`,
//! `str.__hash__`, ...), implemented by calling the VM protocols on the unwrapped value.
//!
//! The VM never looks these up for plain builtin values (it dispatches on the `Value`
//! variant), but it does for instances of user subclasses (`class L(list)`), whose special
//! method lookup walks the MRO and reaches these; they also make `super().__getitem__(i)`,
//! `int.__add__(3, 4)` and `list.__len__` work as in CPython.

use std::rc::Rc;

use crate::compiler::opcode::{BinOp, CmpOp};
use crate::runtime::num;
use crate::runtime::objects::{Class, Kwargs, NativeFn};
use crate::runtime::types::add_method;
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

#[cold]
fn arity(vm: &mut Vm, n: usize, a: &[Value]) -> crate::vm::PyErr {
    let msg = format!(
        "expected {} argument{}, got {}",
        n - 1,
        if n == 2 { "" } else { "s" },
        a.len().saturating_sub(1)
    );
    vm.new_error("TypeError", &msg)
}

fn self_of(vm: &mut Vm, a: &[Value], n: usize) -> PyResult<Value> {
    if a.len() != n {
        return Err(arity(vm, n, a));
    }
    Ok(vm.unwrap_base(&a[0]))
}

fn d_binop<const OP: usize, const R: bool>(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    let y = vm.unwrap_base(&a[1]);
    let op = BinOp::ALL[OP];
    // The slots of int/float/complex only accept operands of their own numeric tower level.
    let is_int = |v: &Value| matches!(v, Value::Int(_) | Value::Bool(_) | Value::BigInt(_));
    let ok = match &x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => is_int(&y),
        Value::Float(_) => is_int(&y) || matches!(y, Value::Float(_)),
        Value::Complex(_) => is_int(&y) || matches!(y, Value::Float(_) | Value::Complex(_)),
        _ => true,
    };
    if !ok {
        return Ok(Value::NotImplemented);
    }
    let r = if R {
        vm.builtin_binop(op, &y, &x)?
    } else {
        vm.builtin_binop(op, &x, &y)?
    };
    Ok(r.unwrap_or(Value::NotImplemented))
}

fn d_cmp<const OP: usize>(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    let y = vm.unwrap_base(&a[1]);
    match vm.builtin_compare(&x, &y, CmpOp::ALL[OP])? {
        Some(b) => Ok(Value::Bool(b)),
        None => Ok(Value::NotImplemented),
    }
}

fn d_len(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    Ok(Value::Int(vm.len(&x)? as i64))
}

fn d_getitem(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    vm.getitem(&x, &a[1])
}

fn d_setitem(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 3)?;
    vm.setitem(&x, a[1].clone(), a[2].clone())?;
    Ok(Value::None)
}

fn d_delitem(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    if let Value::ByteArray(b) = &x {
        // Not handled by the generic protocol (which would come back here).
        let len = b.borrow().len();
        if let Value::Slice(s) = &a[1] {
            let mut idx = vm.slice_indices_list(s, len)?;
            idx.sort_unstable();
            let mut v = b.borrow_mut();
            for i in idx.into_iter().rev() {
                if i < v.len() {
                    v.remove(i);
                }
            }
            return Ok(Value::None);
        }
        let i = vm.seq_index(&a[1], "bytearray")?;
        let n = len as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            return Err(vm.new_error("IndexError", "bytearray index out of range"));
        }
        b.borrow_mut().remove(j as usize);
        return Ok(Value::None);
    }
    vm.delitem(&x, &a[1])?;
    Ok(Value::None)
}

fn d_contains(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    if let Value::ByteArray(b) = &x {
        let hay = Value::Bytes(Rc::new(b.borrow().clone()));
        let needle = match vm.unwrap_base(&a[1]) {
            Value::ByteArray(n) => Value::Bytes(Rc::new(n.borrow().clone())),
            other => other,
        };
        return Ok(Value::Bool(vm.contains(&hay, &needle)?));
    }
    Ok(Value::Bool(vm.contains(&x, &a[1])?))
}

fn d_iter(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    vm.get_iter(&x)
}

fn d_reversed(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    crate::runtime::builtin_funcs::reversed_of(vm, &x)
}

fn d_repr(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    if matches!(x, Value::Instance(_)) {
        return Ok(Value::string(vm.default_repr(&x)));
    }
    Ok(Value::string(vm.repr(&x)?))
}

/// `set.__repr__`: subclasses show their type name, `S({1, 2})`.
fn d_set_repr(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    let plain = vm.repr(&x)?;
    if !matches!(a[0], Value::Instance(_)) {
        return Ok(Value::string(plain));
    }
    let name = vm.type_name(&a[0]);
    let inner = match &x {
        Value::Set(s) | Value::FrozenSet(s) if s.map.borrow().is_empty() => String::new(),
        Value::FrozenSet(_) => plain
            .trim_start_matches("frozenset(")
            .trim_end_matches(')')
            .to_string(),
        _ => plain,
    };
    Ok(Value::string(format!("{name}({inner})")))
}

fn d_str(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    match x {
        Value::Str(_) => Ok(x),
        other => Ok(Value::string(vm.str_of(&other)?)),
    }
}

fn d_hash(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    Ok(Value::Int(vm.hash(&x)? as i64))
}

fn d_format(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    let spec = match super::as_str(vm, &a[1]) {
        Some(s) => s,
        None => {
            let t = vm.type_name(&a[1]);
            return Err(vm.new_error(
                "TypeError",
                &format!("format() argument 2 must be str, not {t}"),
            ));
        }
    };
    Ok(Value::string(vm.format(&x, spec.as_str())?))
}

fn d_bool(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    Ok(Value::Bool(vm.truthy(&x)?))
}

fn d_neg(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    vm.neg(&x)
}

fn d_pos(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    vm.pos(&x)
}

fn d_invert(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    vm.invert(&x)
}

fn d_abs(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    Ok(match &x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => num::int_abs(&x),
        Value::Float(f) => Value::Float(f.abs()),
        Value::Complex(c) => Value::Float(c.0.hypot(c.1)),
        _ => Value::NotImplemented,
    })
}

fn d_int(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    super::int::int_of(vm, &x)
}

fn d_float(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    Ok(Value::Float(super::float::float_of(vm, &x)?))
}

fn d_index(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    Ok(vm.int_pos(&x))
}

fn d_round(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    if a.is_empty() || a.len() > 2 {
        return Err(arity(vm, 2, a));
    }
    let x = vm.unwrap_base(&a[0]);
    crate::runtime::builtin_funcs::round_value(vm, &x, a.get(1))
}

fn d_floor_ceil<const CEIL: bool>(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 1)?;
    match x {
        Value::Float(f) => super::int::int_from_float(vm, if CEIL { f.ceil() } else { f.floor() }),
        other => Ok(vm.int_pos(&other)),
    }
}

fn d_iadd_list(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    if let Value::List(l) = x {
        let items = vm.collect(&a[1])?;
        l.items.borrow_mut().extend(items);
        return Ok(a[0].clone());
    }
    Ok(Value::NotImplemented)
}

fn d_imul_list(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    if let Value::List(l) = x {
        let n = super::int_arg(vm, &a[1])?.max(0) as usize;
        let len = l.items.borrow().len();
        super::check_size(vm, (len as u128) * (n as u128))?;
        let orig = l.items.borrow().clone();
        let mut v = Vec::with_capacity(len * n);
        for _ in 0..n {
            v.extend(orig.iter().cloned());
        }
        *l.items.borrow_mut() = v;
        return Ok(a[0].clone());
    }
    Ok(Value::NotImplemented)
}

fn d_iset<const OP: usize>(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    let x = self_of(vm, a, 2)?;
    let y = vm.unwrap_base(&a[1]);
    match (&x, &y) {
        (Value::Set(s), Value::Set(_) | Value::FrozenSet(_)) => {
            if let Some(Value::Set(r)) = vm.builtin_binop(BinOp::ALL[OP], &x, &y)? {
                let m = r.map.borrow().clone();
                *s.map.borrow_mut() = m;
            }
            Ok(a[0].clone())
        }
        (Value::Dict(d), _) if OP == BinOp::Or as usize => {
            let d = d.clone();
            super::dict::update_from_arg(vm, &d, &y)?;
            Ok(a[0].clone())
        }
        _ => Ok(Value::NotImplemented),
    }
}

const fn op(o: BinOp) -> usize {
    o as usize
}

fn reg(cls: &Rc<Class>, items: &[(&str, NativeFn)]) {
    for (name, f) in items {
        add_method(cls, name, *f);
    }
}

fn arith(cls: &Rc<Class>, ints: bool) {
    const ADD: usize = op(BinOp::Add);
    const SUB: usize = op(BinOp::Sub);
    const MUL: usize = op(BinOp::Mul);
    const DIV: usize = op(BinOp::TrueDiv);
    const FDIV: usize = op(BinOp::FloorDiv);
    const MOD: usize = op(BinOp::Mod);
    const POW: usize = op(BinOp::Pow);
    reg(
        cls,
        &[
            ("__add__", d_binop::<ADD, false>),
            ("__radd__", d_binop::<ADD, true>),
            ("__sub__", d_binop::<SUB, false>),
            ("__rsub__", d_binop::<SUB, true>),
            ("__mul__", d_binop::<MUL, false>),
            ("__rmul__", d_binop::<MUL, true>),
            ("__truediv__", d_binop::<DIV, false>),
            ("__rtruediv__", d_binop::<DIV, true>),
            ("__pow__", d_binop::<POW, false>),
            ("__rpow__", d_binop::<POW, true>),
            ("__neg__", d_neg),
            ("__pos__", d_pos),
            ("__abs__", d_abs),
            ("__bool__", d_bool),
            ("__hash__", d_hash),
            ("__repr__", d_repr),
        ],
    );
    if ints {
        reg(
            cls,
            &[
                ("__floordiv__", d_binop::<FDIV, false>),
                ("__rfloordiv__", d_binop::<FDIV, true>),
                ("__mod__", d_binop::<MOD, false>),
                ("__rmod__", d_binop::<MOD, true>),
                ("__int__", d_int),
                ("__float__", d_float),
                ("__trunc__", d_int),
                ("__floor__", d_floor_ceil::<false>),
                ("__ceil__", d_floor_ceil::<true>),
                ("__round__", d_round),
                ("__format__", d_format),
            ],
        );
    }
}

fn compare(cls: &Rc<Class>) {
    reg(
        cls,
        &[
            ("__lt__", d_cmp::<0>),
            ("__le__", d_cmp::<1>),
            ("__eq__", d_cmp::<2>),
            ("__ne__", d_cmp::<3>),
            ("__gt__", d_cmp::<4>),
            ("__ge__", d_cmp::<5>),
        ],
    );
}

fn sequence(cls: &Rc<Class>) {
    const ADD: usize = op(BinOp::Add);
    const MUL: usize = op(BinOp::Mul);
    reg(
        cls,
        &[
            ("__len__", d_len),
            ("__getitem__", d_getitem),
            ("__contains__", d_contains),
            ("__iter__", d_iter),
            ("__repr__", d_repr),
            ("__add__", d_binop::<ADD, false>),
            ("__mul__", d_binop::<MUL, false>),
            ("__rmul__", d_binop::<MUL, true>),
        ],
    );
    compare(cls);
}

pub fn init(vm: &mut Vm) {
    let t = &vm.types;
    let (int, float, complex, str_) = (
        t.int.clone(),
        t.float.clone(),
        t.complex.clone(),
        t.str.clone(),
    );
    let (list, tuple, dict, set, frozenset) = (
        t.list.clone(),
        t.tuple.clone(),
        t.dict.clone(),
        t.set.clone(),
        t.frozenset.clone(),
    );
    let (bytes, bytearray, range) = (t.bytes.clone(), t.bytearray.clone(), t.range.clone());

    arith(&int, true);
    compare(&int);
    const LSH: usize = op(BinOp::LShift);
    const RSH: usize = op(BinOp::RShift);
    const AND: usize = op(BinOp::And);
    const OR: usize = op(BinOp::Or);
    const XOR: usize = op(BinOp::Xor);
    const SUB: usize = op(BinOp::Sub);
    const MOD: usize = op(BinOp::Mod);
    reg(
        &int,
        &[
            ("__lshift__", d_binop::<LSH, false>),
            ("__rlshift__", d_binop::<LSH, true>),
            ("__rshift__", d_binop::<RSH, false>),
            ("__rrshift__", d_binop::<RSH, true>),
            ("__and__", d_binop::<AND, false>),
            ("__rand__", d_binop::<AND, true>),
            ("__or__", d_binop::<OR, false>),
            ("__ror__", d_binop::<OR, true>),
            ("__xor__", d_binop::<XOR, false>),
            ("__rxor__", d_binop::<XOR, true>),
            ("__invert__", d_invert),
            ("__index__", d_index),
        ],
    );
    arith(&float, true);
    compare(&float);
    arith(&complex, false);
    reg(&complex, &[("__eq__", d_cmp::<2>), ("__ne__", d_cmp::<3>)]);

    sequence(&str_);
    reg(
        &str_,
        &[
            ("__hash__", d_hash),
            ("__str__", d_str),
            ("__format__", d_format),
            ("__mod__", d_binop::<MOD, false>),
            ("__rmod__", d_binop::<MOD, true>),
        ],
    );

    sequence(&list);
    reg(
        &list,
        &[
            ("__setitem__", d_setitem),
            ("__delitem__", d_delitem),
            ("__reversed__", d_reversed),
            ("__iadd__", d_iadd_list),
            ("__imul__", d_imul_list),
        ],
    );
    list.dict.set_by_str("__hash__", Value::None);

    sequence(&tuple);
    reg(&tuple, &[("__hash__", d_hash)]);

    reg(
        &dict,
        &[
            ("__len__", d_len),
            ("__setitem__", d_setitem),
            ("__delitem__", d_delitem),
            ("__contains__", d_contains),
            ("__iter__", d_iter),
            ("__reversed__", d_reversed),
            ("__repr__", d_repr),
            ("__eq__", d_cmp::<2>),
            ("__ne__", d_cmp::<3>),
            ("__or__", d_binop::<OR, false>),
            ("__ror__", d_binop::<OR, true>),
            ("__ior__", d_iset::<OR>),
        ],
    );
    dict.dict.set_by_str("__hash__", Value::None);

    for s in [&set, &frozenset] {
        reg(
            s,
            &[
                ("__len__", d_len),
                ("__contains__", d_contains),
                ("__iter__", d_iter),
                ("__repr__", d_set_repr),
                ("__and__", d_binop::<AND, false>),
                ("__rand__", d_binop::<AND, true>),
                ("__or__", d_binop::<OR, false>),
                ("__ror__", d_binop::<OR, true>),
                ("__sub__", d_binop::<SUB, false>),
                ("__rsub__", d_binop::<SUB, true>),
                ("__xor__", d_binop::<XOR, false>),
                ("__rxor__", d_binop::<XOR, true>),
            ],
        );
        compare(s);
    }
    reg(
        &set,
        &[
            ("__iand__", d_iset::<AND>),
            ("__ior__", d_iset::<OR>),
            ("__isub__", d_iset::<SUB>),
            ("__ixor__", d_iset::<XOR>),
        ],
    );
    set.dict.set_by_str("__hash__", Value::None);
    reg(&frozenset, &[("__hash__", d_hash)]);

    sequence(&bytes);
    reg(&bytes, &[("__hash__", d_hash)]);
    sequence(&bytearray);
    reg(
        &bytearray,
        &[("__setitem__", d_setitem), ("__delitem__", d_delitem)],
    );
    bytearray.dict.set_by_str("__hash__", Value::None);

    reg(
        &range,
        &[
            ("__len__", d_len),
            ("__getitem__", d_getitem),
            ("__contains__", d_contains),
            ("__iter__", d_iter),
            ("__reversed__", d_reversed),
            ("__repr__", d_repr),
            ("__hash__", d_hash),
            ("__eq__", d_cmp::<2>),
            ("__ne__", d_cmp::<3>),
        ],
    );
}
