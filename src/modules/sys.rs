//! The `sys` module: argv, path, modules, exit, stdout/stderr, recursion limit, version info.

use std::rc::Rc;

use crate::runtime::types::{check_args, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = super::new_module("sys");
    let argv: Vec<Value> = vm.argv.iter().map(|a| Value::str(a)).collect();
    d.set_by_str("argv", Value::list(argv));
    d.set_by_str("path", vm.sys_path.clone());
    d.set_by_str("modules", Value::Dict(vm.modules.clone()));
    d.set_by_str("maxsize", Value::Int(i64::MAX));
    d.set_by_str("byteorder", Value::str("little"));
    d.set_by_str("platform", Value::str("linux"));
    d.set_by_str(
        "executable",
        Value::str(
            &std::env::current_exe()
                .map(|p| p.to_string_lossy().to_string())
                .unwrap_or_default(),
        ),
    );
    d.set_by_str("version", Value::str("3.11.7 (numjit)"));
    d.set_by_str(
        "get_int_max_str_digits",
        native_fn("get_int_max_str_digits", Some("sys"), |vm, _, _| {
            Ok(Value::Int(vm.int_max_str_digits as i64))
        }),
    );
    d.set_by_str(
        "set_int_max_str_digits",
        native_fn("set_int_max_str_digits", Some("sys"), |vm, a, _| {
            check_args(vm, "set_int_max_str_digits", a, 1, 1)?;
            let n = vm.index_value(&a[0])?;
            if n != 0 && n < 640 {
                return Err(vm.new_error("ValueError", "maxdigits must be 0 or larger than 640"));
            }
            vm.int_max_str_digits = if n == 0 { usize::MAX } else { n as usize };
            Ok(Value::None)
        }),
    );
    d.set_by_str("version_info", version_info(vm));
    d.set_by_str("float_info", float_info(vm));
    d.set_by_str("implementation", Value::str("numjit"));
    d.set_by_str(
        "builtin_module_names",
        Value::tuple(
            super::BUILTIN_MODULES
                .iter()
                .map(|(n, _)| Value::str(n))
                .collect(),
        ),
    );
    d.set_by_str(
        "exit",
        native_fn("exit", Some("sys"), |vm, a, _| {
            check_args(vm, "exit", a, 0, 1)?;
            let cls = vm.types.exc("SystemExit");
            Err(vm.new_exception(&cls, a.to_vec()))
        }),
    );
    d.set_by_str(
        "getrecursionlimit",
        native_fn("getrecursionlimit", Some("sys"), |vm, _, _| {
            Ok(Value::Int(vm.recursion_limit as i64))
        }),
    );
    d.set_by_str(
        "setrecursionlimit",
        native_fn("setrecursionlimit", Some("sys"), |vm, a, _| {
            check_args(vm, "setrecursionlimit", a, 1, 1)?;
            let n = vm.index_value(&a[0])?;
            if n < 1 {
                return Err(vm.new_error(
                    "ValueError",
                    "recursion limit must be greater or equal than 1",
                ));
            }
            vm.recursion_limit = n as usize;
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "exc_info",
        native_fn("exc_info", Some("sys"), |vm, _, _| {
            let e = vm.handled_exc.clone();
            Ok(match &e {
                Value::Instance(_) => {
                    Value::tuple(vec![Value::Class(vm.type_of(&e)), e.clone(), Value::None])
                }
                _ => Value::tuple(vec![Value::None, Value::None, Value::None]),
            })
        }),
    );
    d.set_by_str(
        "getsizeof",
        native_fn("getsizeof", Some("sys"), |_, _, _| Ok(Value::Int(64))),
    );
    d.set_by_str(
        "intern",
        native_fn("intern", Some("sys"), |vm, a, _| {
            check_args(vm, "intern", a, 1, 1)?;
            Ok(match &a[0] {
                Value::Str(s) => Value::Str(vm.intern(s.as_str())),
                other => other.clone(),
            })
        }),
    );
    let stdout = crate::runtime::stdio::new_stream(vm, 1);
    let stderr = crate::runtime::stdio::new_stream(vm, 2);
    d.set_by_str("stdout", stdout.clone());
    d.set_by_str("stderr", stderr.clone());
    d.set_by_str("__stdout__", stdout);
    d.set_by_str("__stderr__", stderr);
    let _ = Rc::new(());
    Ok(m)
}

/// `sys.version_info`: a tuple subclass with named fields (a struct sequence in CPython).
fn version_info(vm: &mut Vm) -> Value {
    use crate::runtime::objects::{BaseKind, Instance, Property};
    let cls = crate::runtime::types::new_class(
        "version_info",
        vec![vm.types.tuple.clone()],
        BaseKind::Builtin,
        false,
    );
    cls.dict.set_by_str("__module__", Value::str("sys"));
    let fields: [(&str, crate::runtime::objects::NativeFn); 5] = [
        ("major", |vm, a, _| field(vm, a, 0)),
        ("minor", |vm, a, _| field(vm, a, 1)),
        ("micro", |vm, a, _| field(vm, a, 2)),
        ("releaselevel", |vm, a, _| field(vm, a, 3)),
        ("serial", |vm, a, _| field(vm, a, 4)),
    ];
    for (name, f) in fields {
        let getter = native_fn(name, Some("sys"), f);
        cls.dict.set_by_str(
            name,
            Value::Property(Rc::new(Property {
                fget: getter,
                fset: Value::None,
                fdel: Value::None,
                doc: Value::None,
            })),
        );
    }
    let t = Value::tuple(vec![
        Value::Int(3),
        Value::Int(11),
        Value::Int(7),
        Value::str("final"),
        Value::Int(0),
    ]);
    Value::Instance(Rc::new(Instance {
        class: cls,
        dict: Rc::new(crate::runtime::dict::PyDict::new()),
        exc: None,
        base: std::cell::RefCell::new(t),
    }))
}

fn field(vm: &mut Vm, a: &[Value], i: usize) -> PyResult<Value> {
    let base = vm.unwrap_base(&a[0]);
    match base {
        Value::Tuple(t) => Ok(t.items.get(i).cloned().unwrap_or(Value::None)),
        _ => Ok(Value::None),
    }
}

/// `sys.float_info` (attributes only).
fn float_info(vm: &mut Vm) -> Value {
    use crate::runtime::objects::{BaseKind, Instance};
    let cls = crate::runtime::types::new_class(
        "float_info",
        vec![vm.types.object.clone()],
        BaseKind::Object,
        false,
    );
    cls.dict.set_by_str("__module__", Value::str("sys"));
    let d = Rc::new(crate::runtime::dict::PyDict::new());
    for (k, v) in [
        ("max", Value::Float(f64::MAX)),
        ("max_exp", Value::Int(f64::MAX_EXP as i64)),
        ("max_10_exp", Value::Int(f64::MAX_10_EXP as i64)),
        ("min", Value::Float(f64::MIN_POSITIVE)),
        ("min_exp", Value::Int(f64::MIN_EXP as i64)),
        ("min_10_exp", Value::Int(f64::MIN_10_EXP as i64)),
        ("dig", Value::Int(f64::DIGITS as i64)),
        ("mant_dig", Value::Int(f64::MANTISSA_DIGITS as i64)),
        ("epsilon", Value::Float(f64::EPSILON)),
        ("radix", Value::Int(2)),
        ("rounds", Value::Int(1)),
    ] {
        d.set_by_str(k, v);
    }
    Value::Instance(Rc::new(Instance {
        class: cls,
        dict: d,
        exc: None,
        base: std::cell::RefCell::new(Value::Null),
    }))
}
