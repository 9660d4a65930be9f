//! `_os`: the native half of `os` (the Python half is `pylib/os.py`): working directory,
//! environment, directory listing and creation, removal, rename, stat, utime, pid.
//! Errors are CPython's `OSError` subclasses with `[Errno N] text: 'path'` messages.

use std::rc::Rc;

use crate::runtime::types::{check_args, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

fn os_err(vm: &mut Vm, e: &std::io::Error, path: Option<&str>) -> PyErr {
    let errno = e.raw_os_error().unwrap_or(0);
    let (cls, text) = match (e.kind(), errno) {
        (std::io::ErrorKind::NotFound, _) | (_, 2) => {
            ("FileNotFoundError", "No such file or directory")
        }
        (std::io::ErrorKind::PermissionDenied, _) | (_, 13) => {
            ("PermissionError", "Permission denied")
        }
        (std::io::ErrorKind::AlreadyExists, _) | (_, 17) => ("FileExistsError", "File exists"),
        (_, 21) => ("IsADirectoryError", "Is a directory"),
        (_, 20) => ("NotADirectoryError", "Not a directory"),
        (_, 39) => ("OSError", "Directory not empty"),
        _ => ("OSError", ""),
    };
    let errno = if errno == 0 && cls == "FileNotFoundError" {
        2
    } else {
        errno
    };
    let text = if text.is_empty() {
        let s = e.to_string();
        s.split(" (os error").next().unwrap_or("").to_string()
    } else {
        text.to_string()
    };
    let msg = match path {
        Some(p) => format!("[Errno {errno}] {text}: {}", crate::text::repr::str_repr(p)),
        None => format!("[Errno {errno}] {text}"),
    };
    let err = vm.new_error(cls, &msg);
    err.0.dict.set_by_str("errno", Value::Int(errno as i64));
    err.0.dict.set_by_str("strerror", Value::string(text));
    err.0
        .dict
        .set_by_str("filename", path.map_or(Value::None, Value::str));
    err
}

/// A path argument: str, or an object with `__fspath__`.
fn path_arg(vm: &mut Vm, v: &Value) -> PyResult<String> {
    match v {
        Value::Str(s) => Ok(s.as_str().to_string()),
        Value::Bytes(b) => Ok(String::from_utf8_lossy(b).into_owned()),
        _ => {
            if let Some(m) = vm.lookup_special(v, "__fspath__") {
                let r = vm.call_special(&m, v, &[])?;
                if let Value::Str(s) = r {
                    return Ok(s.as_str().to_string());
                }
            }
            let t = vm.type_name(v);
            Err(vm.new_error(
                "TypeError",
                &format!("expected str, bytes or os.PathLike object, not {t}"),
            ))
        }
    }
}

fn systime(t: std::io::Result<std::time::SystemTime>) -> f64 {
    match t {
        Ok(t) => match t.duration_since(std::time::UNIX_EPOCH) {
            Ok(d) => d.as_secs_f64(),
            Err(e) => -e.duration().as_secs_f64(),
        },
        Err(_) => 0.0,
    }
}

fn stat_tuple(m: &std::fs::Metadata) -> Value {
    use std::os::unix::fs::MetadataExt;
    Value::tuple(vec![
        Value::Int(m.mode() as i64),
        Value::Int(m.ino() as i64),
        Value::Int(m.dev() as i64),
        Value::Int(m.nlink() as i64),
        Value::Int(m.uid() as i64),
        Value::Int(m.gid() as i64),
        Value::Int(m.size() as i64),
        Value::Float(systime(m.accessed())),
        Value::Float(systime(m.modified())),
        Value::Float(m.ctime() as f64 + m.ctime_nsec() as f64 * 1e-9),
    ])
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = super::new_module("_os");
    let env = Rc::new(crate::runtime::dict::PyDict::new());
    for (k, v) in std::env::vars_os() {
        let k = Value::string(k.to_string_lossy().into_owned());
        let v = Value::string(v.to_string_lossy().into_owned());
        vm.dict_set(&env, k, v)?;
    }
    d.set_by_str("environ", Value::Dict(env));
    d.set_by_str(
        "getcwd",
        native_fn("getcwd", Some("os"), |vm, a, _| {
            check_args(vm, "getcwd", a, 0, 0)?;
            match std::env::current_dir() {
                Ok(p) => Ok(Value::string(p.to_string_lossy().into_owned())),
                Err(e) => Err(os_err(vm, &e, None)),
            }
        }),
    );
    d.set_by_str(
        "chdir",
        native_fn("chdir", Some("os"), |vm, a, _| {
            check_args(vm, "chdir", a, 1, 1)?;
            let p = path_arg(vm, &a[0])?;
            std::env::set_current_dir(&p).map_err(|e| os_err(vm, &e, Some(&p)))?;
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "listdir",
        native_fn("listdir", Some("os"), |vm, a, _| {
            check_args(vm, "listdir", a, 0, 1)?;
            let p = match a.first() {
                Some(v) => path_arg(vm, v)?,
                None => ".".to_string(),
            };
            let rd = std::fs::read_dir(&p).map_err(|e| os_err(vm, &e, Some(&p)))?;
            let mut out = Vec::new();
            for ent in rd {
                let ent = ent.map_err(|e| os_err(vm, &e, Some(&p)))?;
                out.push(Value::string(
                    ent.file_name().to_string_lossy().into_owned(),
                ));
            }
            Ok(Value::list(out))
        }),
    );
    d.set_by_str(
        "mkdir",
        native_fn("mkdir", Some("os"), |vm, a, _| {
            check_args(vm, "mkdir", a, 1, 2)?;
            let p = path_arg(vm, &a[0])?;
            std::fs::create_dir(&p).map_err(|e| os_err(vm, &e, Some(&p)))?;
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "rmdir",
        native_fn("rmdir", Some("os"), |vm, a, _| {
            check_args(vm, "rmdir", a, 1, 1)?;
            let p = path_arg(vm, &a[0])?;
            std::fs::remove_dir(&p).map_err(|e| os_err(vm, &e, Some(&p)))?;
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "remove",
        native_fn("remove", Some("os"), |vm, a, _| {
            check_args(vm, "remove", a, 1, 1)?;
            let p = path_arg(vm, &a[0])?;
            std::fs::remove_file(&p).map_err(|e| os_err(vm, &e, Some(&p)))?;
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "rename",
        native_fn("rename", Some("os"), |vm, a, _| {
            check_args(vm, "rename", a, 2, 2)?;
            let p = path_arg(vm, &a[0])?;
            let q = path_arg(vm, &a[1])?;
            std::fs::rename(&p, &q).map_err(|e| os_err(vm, &e, Some(&p)))?;
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "stat",
        native_fn("stat", Some("os"), |vm, a, _| {
            check_args(vm, "stat", a, 1, 2)?;
            let p = path_arg(vm, &a[0])?;
            let follow = !matches!(a.get(1), Some(Value::Bool(false)));
            let md = if follow {
                std::fs::metadata(&p)
            } else {
                std::fs::symlink_metadata(&p)
            };
            let md = md.map_err(|e| os_err(vm, &e, Some(&p)))?;
            Ok(stat_tuple(&md))
        }),
    );
    d.set_by_str(
        "utime",
        native_fn("utime", Some("os"), |vm, a, _| {
            check_args(vm, "utime", a, 1, 2)?;
            let p = path_arg(vm, &a[0])?;
            let now = std::time::SystemTime::now();
            let (at, mt) = match a.get(1) {
                Some(Value::Tuple(t)) if t.items.len() == 2 => {
                    let at = vm.to_float(&t.items[0])?;
                    let mt = vm.to_float(&t.items[1])?;
                    let conv = |s: f64| {
                        if s >= 0.0 {
                            std::time::UNIX_EPOCH + std::time::Duration::from_secs_f64(s.min(1e15))
                        } else {
                            std::time::UNIX_EPOCH
                        }
                    };
                    (conv(at), conv(mt))
                }
                None | Some(Value::None) => (now, now),
                Some(_) => {
                    return Err(vm.new_error(
                        "TypeError",
                        "utime: 'times' must be either a tuple of two ints or None",
                    ))
                }
            };
            let f = std::fs::File::options()
                .write(true)
                .open(&p)
                .or_else(|_| std::fs::File::open(&p));
            let f = f.map_err(|e| os_err(vm, &e, Some(&p)))?;
            let times = std::fs::FileTimes::new().set_accessed(at).set_modified(mt);
            f.set_times(times).map_err(|e| os_err(vm, &e, Some(&p)))?;
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "getpid",
        native_fn("getpid", Some("os"), |_, _, _| {
            Ok(Value::Int(std::process::id() as i64))
        }),
    );
    d.set_by_str(
        "cpu_count",
        native_fn("cpu_count", Some("os"), |_, _, _| {
            Ok(std::thread::available_parallelism()
                .map_or(Value::None, |n| Value::Int(n.get() as i64)))
        }),
    );
    d.set_by_str(
        "putenv",
        native_fn("putenv", Some("os"), |vm, a, _| {
            check_args(vm, "putenv", a, 2, 2)?;
            let k = path_arg(vm, &a[0])?;
            let v = path_arg(vm, &a[1])?;
            if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
                return Err(vm.new_error("ValueError", "illegal environment variable name"));
            }
            std::env::set_var(k, v);
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "unsetenv",
        native_fn("unsetenv", Some("os"), |vm, a, _| {
            check_args(vm, "unsetenv", a, 1, 1)?;
            let k = path_arg(vm, &a[0])?;
            if !k.is_empty() && !k.contains('=') && !k.contains('\0') {
                std::env::remove_var(k);
            }
            Ok(Value::None)
        }),
    );
    d.set_by_str(
        "urandom",
        native_fn("urandom", Some("os"), |vm, a, _| {
            check_args(vm, "urandom", a, 1, 1)?;
            let n = vm.index_value(&a[0])?;
            if n < 0 {
                return Err(vm.new_error("ValueError", "negative argument not allowed"));
            }
            let mut buf = vec![0u8; n as usize];
            let ok = std::fs::File::open("/dev/urandom")
                .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf));
            ok.map_err(|e| os_err(vm, &e, None))?;
            Ok(Value::Bytes(Rc::new(buf)))
        }),
    );
    Ok(m)
}
