//! `range` methods (count/index) and `slice.indices`.

use super::int_arg;
use crate::runtime::types::{add_method, check_args};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

/// Position of `x` in the range, if it is an int member.
fn range_pos(r: &crate::runtime::value::PyRange, x: i64) -> Option<i64> {
    let (start, step) = (r.start as i128, r.step as i128);
    let d = x as i128 - start;
    if d % step != 0 {
        return None;
    }
    let k = d / step;
    (k >= 0 && k < r.len() as i128).then_some(k as i64)
}

fn find(vm: &mut Vm, a: &[Value], name: &str) -> PyResult<Option<i64>> {
    check_args(vm, name, &a[1..], 1, 1)?;
    let Some(Value::Range(r)) = a.first() else {
        return Err(vm.new_error(
            "TypeError",
            &format!("descriptor '{name}' requires a 'range' object"),
        ));
    };
    let r = r.clone();
    match &a[1] {
        Value::Int(i) => Ok(range_pos(&r, *i)),
        Value::Bool(b) => Ok(range_pos(&r, *b as i64)),
        x => {
            let n = r.len();
            for k in 0..n {
                let v = Value::Int(r.start.wrapping_add(r.step.wrapping_mul(k)));
                if vm.eq(&v, x)? {
                    return Ok(Some(k));
                }
            }
            Ok(None)
        }
    }
}

pub fn init(vm: &mut Vm) {
    let r = vm.types.range.clone();
    add_method(&r, "count", |vm, a, _| {
        Ok(Value::Int(find(vm, a, "count")?.is_some() as i64))
    });
    add_method(&r, "index", |vm, a, _| match find(vm, a, "index")? {
        Some(k) => Ok(Value::Int(k)),
        None => {
            let s = vm.repr(&a[1])?;
            Err(vm.new_error("ValueError", &format!("{s} is not in range")))
        }
    });
    let s = vm.types.slice.clone();
    add_method(&s, "indices", |vm, a, _| {
        check_args(vm, "indices", &a[1..], 1, 1)?;
        let Some(Value::Slice(sl)) = a.first() else {
            return Err(vm.new_error(
                "TypeError",
                "descriptor 'indices' requires a 'slice' object",
            ));
        };
        let sl = sl.clone();
        let n = int_arg(vm, &a[1])?;
        if n < 0 {
            return Err(vm.new_error("ValueError", "length should not be negative"));
        }
        let (start, stop, step, _) = vm.slice_indices(&sl, n as usize)?;
        Ok(Value::tuple(vec![
            Value::Int(start),
            Value::Int(stop),
            Value::Int(step),
        ]))
    });
}
