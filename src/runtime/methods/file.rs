//! `open()` and its file objects: text (and simple binary) files for reading, writing and
//! appending, with read/readline/readlines/write/writelines/close/flush/seek/tell, iteration
//! and `with` support.

use std::cell::RefCell;
use std::io::{Read, Write};
use std::rc::Rc;

use super::bind;
use crate::runtime::objects::{BaseKind, Class, Kwargs, NativeObj, Property};
use crate::runtime::types::{add_method, check_args, native_fn, new_class};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

/// State of an open file. Read modes load the file at open time; writes go straight through.
pub struct PyFile {
    pub name: Value,
    pub mode: String,
    pub binary: bool,
    state: RefCell<FileState>,
}

struct FileState {
    writer: Option<std::fs::File>,
    data: Vec<u8>,
    pos: usize,
    closed: bool,
    readable: bool,
}

thread_local! {
    static FILE_CLASSES: RefCell<Option<(Rc<Class>, Rc<Class>)>> = const { RefCell::new(None) };
}

fn file_of(vm: &mut Vm, a: &[Value]) -> PyResult<Rc<NativeObj>> {
    match a.first() {
        Some(Value::Native(n)) if n.get::<PyFile>().is_some() => Ok(n.clone()),
        _ => Err(vm.new_error("TypeError", "descriptor requires a file object")),
    }
}

fn with_file<T>(
    vm: &mut Vm,
    a: &[Value],
    f: impl FnOnce(&mut Vm, &PyFile) -> PyResult<T>,
) -> PyResult<T> {
    let n = file_of(vm, a)?;
    match n.get::<PyFile>() {
        Some(pf) => f(vm, pf),
        None => Err(vm.new_error("TypeError", "descriptor requires a file object")),
    }
}

#[cold]
fn closed_err(vm: &mut Vm) -> crate::vm::PyErr {
    vm.new_error("ValueError", "I/O operation on closed file.")
}

fn io_err(vm: &mut Vm, e: &std::io::Error, name: &str) -> crate::vm::PyErr {
    let (cls, errno, msg) = match e.kind() {
        std::io::ErrorKind::NotFound => ("FileNotFoundError", 2, "No such file or directory"),
        std::io::ErrorKind::PermissionDenied => ("PermissionError", 13, "Permission denied"),
        std::io::ErrorKind::AlreadyExists => ("FileExistsError", 17, "File exists"),
        _ => match e.raw_os_error() {
            Some(21) => ("IsADirectoryError", 21, "Is a directory"),
            Some(20) => ("NotADirectoryError", 20, "Not a directory"),
            _ => ("OSError", e.raw_os_error().unwrap_or(0), ""),
        },
    };
    let text = if msg.is_empty() {
        e.to_string()
    } else {
        msg.to_string()
    };
    let quoted = crate::text::repr::str_repr(name);
    let err = vm.new_error(cls, &format!("[Errno {errno}] {text}: {quoted}"));
    err.0.dict.set_by_str("errno", Value::Int(errno as i64));
    err.0.dict.set_by_str("strerror", Value::string(text));
    err.0.dict.set_by_str("filename", Value::str(name));
    err
}

fn decode(vm: &mut Vm, f: &PyFile, bytes: &[u8]) -> PyResult<Value> {
    if f.binary {
        return Ok(Value::Bytes(Rc::new(bytes.to_vec())));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Value::string(s.replace("\r\n", "\n"))),
        Err(_) => Ok(Value::string(super::str::decode(
            vm, bytes, "utf-8", "strict",
        )?)),
    }
}

fn read_line(st: &mut FileState, limit: Option<usize>) -> Vec<u8> {
    let rest = &st.data[st.pos.min(st.data.len())..];
    let mut end = rest
        .iter()
        .position(|&b| b == b'\n')
        .map_or(rest.len(), |i| i + 1);
    if let Some(l) = limit {
        end = end.min(l);
    }
    let out = rest[..end].to_vec();
    st.pos += end;
    out
}

fn classes(vm: &mut Vm) -> (Rc<Class>, Rc<Class>) {
    if let Some(c) = FILE_CLASSES.with(|c| c.borrow().clone()) {
        return c;
    }
    let obj = vm.types.object.clone();
    let text = new_class("TextIOWrapper", vec![obj.clone()], BaseKind::Native, true);
    let bin = new_class("BufferedReader", vec![obj], BaseKind::Native, true);
    for c in [&text, &bin] {
        register(c);
    }
    FILE_CLASSES.with(|s| *s.borrow_mut() = Some((text.clone(), bin.clone())));
    (text, bin)
}

fn prop(c: &Rc<Class>, name: &str, f: crate::runtime::objects::NativeFn) {
    c.dict.set_by_str(
        name,
        Value::Property(Rc::new(Property {
            fget: native_fn(name, None, f),
            fset: Value::None,
            fdel: Value::None,
            doc: Value::None,
        })),
    );
}

fn register(c: &Rc<Class>) {
    add_method(c, "read", |vm, a, _| {
        check_args(vm, "read", &a[1..], 0, 1)?;
        let n = match a.get(1) {
            None | Some(Value::None) => -1,
            Some(v) => super::int_arg(vm, v)?,
        };
        with_file(vm, a, |vm, f| {
            let bytes = {
                let mut st = f.state.borrow_mut();
                if st.closed {
                    drop(st);
                    return Err(closed_err(vm));
                }
                if !st.readable {
                    drop(st);
                    return Err(vm.new_error("OSError", "not readable"));
                }
                let start = st.pos.min(st.data.len());
                let mut end = st.data.len();
                if n >= 0 {
                    if f.binary {
                        end = end.min(start + n as usize);
                    } else {
                        // n characters
                        let s = String::from_utf8_lossy(&st.data[start..]);
                        let nb: usize = s.chars().take(n as usize).map(|c| c.len_utf8()).sum();
                        end = (start + nb).min(end);
                    }
                }
                st.pos = end;
                st.data[start..end].to_vec()
            };
            decode(vm, f, &bytes)
        })
    });
    add_method(c, "readline", |vm, a, _| {
        check_args(vm, "readline", &a[1..], 0, 1)?;
        let limit = match a.get(1) {
            None | Some(Value::None) => None,
            Some(v) => {
                let n = super::int_arg(vm, v)?;
                (n >= 0).then_some(n as usize)
            }
        };
        with_file(vm, a, |vm, f| {
            let line = {
                let mut st = f.state.borrow_mut();
                if st.closed {
                    drop(st);
                    return Err(closed_err(vm));
                }
                read_line(&mut st, limit)
            };
            decode(vm, f, &line)
        })
    });
    add_method(c, "readlines", |vm, a, _| {
        with_file(vm, a, |vm, f| {
            let mut out = Vec::new();
            loop {
                let line = {
                    let mut st = f.state.borrow_mut();
                    if st.closed {
                        drop(st);
                        return Err(closed_err(vm));
                    }
                    read_line(&mut st, None)
                };
                if line.is_empty() {
                    break;
                }
                out.push(decode(vm, f, &line)?);
            }
            Ok(Value::list(out))
        })
    });
    add_method(c, "__next__", |vm, a, _| {
        with_file(vm, a, |vm, f| {
            let line = {
                let mut st = f.state.borrow_mut();
                if st.closed {
                    drop(st);
                    return Err(closed_err(vm));
                }
                read_line(&mut st, None)
            };
            if line.is_empty() {
                return Err(vm.new_error("StopIteration", ""));
            }
            decode(vm, f, &line)
        })
    });
    add_method(c, "__iter__", |vm, a, _| {
        with_file(vm, a, |vm, f| {
            if f.state.borrow().closed {
                return Err(closed_err(vm));
            }
            Ok(())
        })?;
        Ok(a[0].clone())
    });
    add_method(c, "write", |vm, a, _| {
        check_args(vm, "write", &a[1..], 1, 1)?;
        let arg = a[1].clone();
        with_file(vm, a, |vm, f| write_value(vm, f, &arg))
    });
    add_method(c, "writelines", |vm, a, _| {
        check_args(vm, "writelines", &a[1..], 1, 1)?;
        let items = vm.collect(&a[1])?;
        with_file(vm, a, |vm, f| {
            for x in &items {
                write_value(vm, f, x)?;
            }
            Ok(Value::None)
        })
    });
    add_method(c, "close", close_file);
    add_method(c, "flush", |vm, a, _| {
        with_file(vm, a, |_, f| {
            if let Some(w) = f.state.borrow_mut().writer.as_mut() {
                let _ = w.flush();
            }
            Ok(Value::None)
        })
    });
    add_method(c, "tell", |vm, a, _| {
        with_file(vm, a, |_, f| Ok(Value::Int(f.state.borrow().pos as i64)))
    });
    add_method(c, "seek", |vm, a, _| {
        check_args(vm, "seek", &a[1..], 1, 2)?;
        let off = super::int_arg(vm, &a[1])?;
        with_file(vm, a, |_, f| {
            let mut st = f.state.borrow_mut();
            st.pos = off.max(0) as usize;
            Ok(Value::Int(st.pos as i64))
        })
    });
    add_method(c, "readable", |vm, a, _| {
        with_file(vm, a, |_, f| Ok(Value::Bool(f.state.borrow().readable)))
    });
    add_method(c, "writable", |vm, a, _| {
        with_file(vm, a, |_, f| {
            Ok(Value::Bool(f.state.borrow().writer.is_some()))
        })
    });
    add_method(c, "__enter__", |_, a, _| Ok(a[0].clone()));
    add_method(c, "__exit__", close_file);
    add_method(c, "__repr__", |vm, a, _| {
        with_file(vm, a, |vm, f| {
            let n = vm.repr(&f.name)?;
            let t = if f.binary {
                "_io.BufferedReader"
            } else {
                "_io.TextIOWrapper"
            };
            let enc = if f.binary {
                String::new()
            } else {
                " encoding='UTF-8'".to_string()
            };
            Ok(Value::string(format!(
                "<{t} name={n} mode='{}'{enc}>",
                f.mode
            )))
        })
    });
    prop(c, "name", |vm, a, _| {
        with_file(vm, a, |_, f| Ok(f.name.clone()))
    });
    prop(c, "mode", |vm, a, _| {
        with_file(vm, a, |_, f| Ok(Value::str(&f.mode)))
    });
    prop(c, "closed", |vm, a, _| {
        with_file(vm, a, |_, f| Ok(Value::Bool(f.state.borrow().closed)))
    });
}

fn write_value(vm: &mut Vm, f: &PyFile, v: &Value) -> PyResult<Value> {
    let (bytes, n) = if f.binary {
        let b = super::bytes::bytes_like(vm, v)?;
        let n = b.len();
        (b, n)
    } else {
        match super::as_str(vm, v) {
            Some(s) => (s.as_str().as_bytes().to_vec(), s.char_len),
            None => {
                let t = vm.type_name(v);
                return Err(vm.new_error(
                    "TypeError",
                    &format!("write() argument must be str, not {t}"),
                ));
            }
        }
    };
    let mut st = f.state.borrow_mut();
    if st.closed {
        drop(st);
        return Err(closed_err(vm));
    }
    match st.writer.as_mut() {
        Some(w) => {
            if let Err(e) = w.write_all(&bytes) {
                drop(st);
                return Err(vm.new_error("OSError", &e.to_string()));
            }
        }
        None => {
            drop(st);
            return Err(vm.new_error("OSError", "not writable"));
        }
    }
    Ok(Value::Int(n as i64))
}

/// `open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None)`.
pub fn builtin_open(vm: &mut Vm, a: &[Value], kw: Kwargs) -> PyResult<Value> {
    let p = bind(
        vm,
        "open",
        a,
        kw,
        &[
            "file",
            "mode",
            "buffering",
            "encoding",
            "errors",
            "newline",
            "closefd",
            "opener",
        ],
        1,
    )?;
    let name_v = p[0].clone().unwrap_or(Value::None);
    let name = match super::as_str(vm, &name_v) {
        Some(s) => s.as_str().to_string(),
        None => {
            let t = vm.type_name(&name_v);
            return Err(vm.new_error(
                "TypeError",
                &format!("expected str, bytes or os.PathLike object, not {t}"),
            ));
        }
    };
    let mode = match &p[1] {
        Some(m) => super::str_arg(vm, m, "open() argument 'mode'")?
            .as_str()
            .to_string(),
        None => "r".into(),
    };
    let valid = mode.chars().all(|c| "rwaxbt+".contains(c))
        && mode.chars().filter(|c| "rwax".contains(*c)).count() == 1
        && !(mode.contains('b') && mode.contains('t'));
    if !valid {
        return Err(vm.new_error("ValueError", &format!("invalid mode: '{mode}'")));
    }
    let binary = mode.contains('b');
    if binary && p[3].as_ref().is_some_and(|e| !e.is_none()) {
        return Err(vm.new_error(
            "ValueError",
            "binary mode doesn't take an encoding argument",
        ));
    }
    if let Some(enc) = &p[3] {
        if let Some(e) = super::as_str(vm, enc) {
            let e = e.as_str().to_ascii_lowercase().replace('_', "-");
            if !matches!(
                e.as_str(),
                "utf-8" | "utf8" | "ascii" | "latin-1" | "latin1" | "iso-8859-1"
            ) {
                return Err(vm.new_error("LookupError", &format!("unknown encoding: {e}")));
            }
        }
    }
    let plus = mode.contains('+');
    let mut opts = std::fs::OpenOptions::new();
    let kind = mode.chars().find(|c| "rwax".contains(*c)).unwrap_or('r');
    match kind {
        'r' => {
            opts.read(true).write(plus);
        }
        'w' => {
            opts.write(true).create(true).truncate(true).read(plus);
        }
        'a' => {
            opts.append(true).create(true).read(plus);
        }
        _ => {
            opts.write(true).create_new(true).read(plus);
        }
    }
    let mut file = match opts.open(&name) {
        Ok(f) => f,
        Err(e) => return Err(io_err(vm, &e, &name)),
    };
    if std::path::Path::new(&name).is_dir() {
        let e = std::io::Error::from_raw_os_error(21);
        return Err(io_err(vm, &e, &name));
    }
    let readable = kind == 'r' || plus;
    let mut data = Vec::new();
    if kind == 'r' {
        if let Err(e) = file.read_to_end(&mut data) {
            return Err(io_err(vm, &e, &name));
        }
    }
    let writer = if kind != 'r' || plus {
        Some(file)
    } else {
        None
    };
    let (text_cls, bin_cls) = classes(vm);
    let display_mode = if binary {
        mode.clone()
    } else {
        mode.replace('t', "")
    };
    Ok(Value::Native(Rc::new(NativeObj {
        class: if binary { bin_cls } else { text_cls },
        data: Box::new(PyFile {
            name: name_v,
            mode: display_mode,
            binary,
            state: RefCell::new(FileState {
                writer,
                data,
                pos: 0,
                closed: false,
                readable,
            }),
        }),
    })))
}

/// `close()`, also `__exit__` (extra arguments ignored): flush and release the writer.
fn close_file(vm: &mut Vm, a: &[Value], _: Kwargs) -> PyResult<Value> {
    with_file(vm, a, |_, f| {
        let mut st = f.state.borrow_mut();
        if let Some(w) = st.writer.as_mut() {
            let _ = w.flush();
        }
        st.writer = None;
        st.closed = true;
        Ok(Value::None)
    })
}
