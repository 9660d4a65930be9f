//! `tuple` methods (count/index) and `tuple.__new__`.

use std::rc::Rc;

use super::list::search_range;
use super::{descriptor_error, new_of, no_kw};
use crate::runtime::objects::Kwargs;
use crate::runtime::types::{add_method, check_args};
use crate::runtime::value::{PyTuple, Value};
use crate::vm::{PyResult, Vm};

fn this(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Rc<PyTuple>> {
    match a.first() {
        Some(Value::Tuple(t)) => Ok(t.clone()),
        Some(v) => match vm.unwrap_base(v) {
            Value::Tuple(t) => Ok(t),
            _ => Err(descriptor_error(vm, name, "tuple", v)),
        },
        None => Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' of 'tuple' object needs an argument"),
        )),
    }
}

fn tuple_new(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    no_kw(vm, "tuple", kw)?;
    check_args(vm, "tuple", &a[1..], 0, 1)?;
    let v = match a.get(1) {
        Some(t @ Value::Tuple(_)) => t.clone(),
        Some(x) => Value::tuple(vm.collect(x)?),
        None => Value::tuple(vec![]),
    };
    let cls = a.first().cloned().unwrap_or(Value::None);
    let tc = vm.types.tuple.clone();
    new_of(vm, &cls, &tc, v)
}

pub fn init(vm: &mut Vm) {
    let c = vm.types.tuple.clone();
    add_method(&c, "__new__", tuple_new);
    add_method(&c, "count", |vm, a, _| {
        let t = this(vm, a, "count")?;
        check_args(vm, "count", &a[1..], 1, 1)?;
        let mut n = 0;
        for x in t.items.iter() {
            if vm.eq_identity(x, &a[1])? {
                n += 1;
            }
        }
        Ok(Value::Int(n))
    });
    add_method(&c, "index", |vm, a, _| {
        let t = this(vm, a, "index")?;
        check_args(vm, "index", &a[1..], 1, 3)?;
        let (s, e) = search_range(vm, a.get(2), a.get(3), t.items.len())?;
        for i in s..e.min(t.items.len()) {
            if vm.eq_identity(&t.items[i], &a[1])? {
                return Ok(Value::Int(i as i64));
            }
        }
        Err(vm.new_error("ValueError", "tuple.index(x): x not in tuple"))
    });
}
