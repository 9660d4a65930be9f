//! `sys.stdout` / `sys.stderr` stream objects (`write`, `flush`).

use std::rc::Rc;

use super::objects::{BaseKind, NativeObj};
use super::types::{add_method, check_args, new_class};
use super::value::Value;
use crate::vm::Vm;

/// A stream writing to file descriptor 1 or 2.
pub struct Stream {
    pub fd: u8,
}

pub fn new_stream(vm: &mut Vm, fd: u8) -> Value {
    let cls = new_class(
        "TextIOWrapper",
        vec![vm.types.object.clone()],
        BaseKind::Native,
        true,
    );
    add_method(&cls, "write", |vm, a, _| {
        check_args(vm, "write", &a[1..], 1, 1)?;
        let Value::Native(n) = &a[0] else {
            return Ok(Value::None);
        };
        let fd = n.get::<Stream>().map_or(1, |s| s.fd);
        let s = match &a[1] {
            Value::Str(s) => s.as_str().to_string(),
            other => {
                let t = vm.type_name(other);
                return Err(vm.new_error(
                    "TypeError",
                    &format!("write() argument must be str, not {t}"),
                ));
            }
        };
        if fd == 1 {
            vm.write_stdout(&s);
        } else {
            vm.flush_stdout();
            eprint!("{s}");
        }
        Ok(Value::Int(s.chars().count() as i64))
    });
    add_method(&cls, "flush", |vm, _, _| {
        vm.flush_stdout();
        Ok(Value::None)
    });
    add_method(&cls, "isatty", |_, _, _| Ok(Value::Bool(false)));
    Value::Native(Rc::new(NativeObj {
        class: cls,
        data: Box::new(Stream { fd }),
    }))
}
