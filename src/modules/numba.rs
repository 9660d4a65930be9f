//! The builtin `numba` module (numba-compatible API over the JIT bridge): `jit`, `njit`,
//! `prange`, `types`, `TypingError`, and the dispatcher objects the decorators return.
//!
//! Options accepted by `@jit`/`@njit`: `nopython` (default True, as numba ≥ 0.59: typing
//! failures raise TypingError; `@jit(nopython=False)` falls back to the interpreter),
//! `boundscheck` (takes effect: `boundscheck=False` removes index checks; checks are ON by
//! default, unlike numba), and `cache`, `parallel`, `fastmath`, `nogil`, `error_model`,
//! `inline`, `forceobj`, `looplift` which are accepted and ignored (`prange` is `range`;
//! errors always follow the Python error model).

use std::rc::Rc;

use crate::jit_bridge::dispatch::{call_jit, types_text, typing_error, Dispatcher};
use crate::jit_bridge::types::{parse_signature, parse_type, T};
use crate::jit_bridge::{compile_spec, Emit, FuncJit, JitOpts};
use crate::runtime::objects::{BaseKind, Class, Kwargs, NativeObj};
use crate::runtime::types::{add_method, native_fn, new_class};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

struct Classes {
    dispatcher: Rc<Class>,
    decorator: Rc<Class>,
    ntype: Rc<Class>,
    signature: Rc<Class>,
}

thread_local! {
    static CLASSES: std::cell::RefCell<Option<Rc<Classes>>> = const { std::cell::RefCell::new(None) };
}

/// Options and eager signatures waiting for the function (`@njit(...)` before application).
struct Decorator {
    opts: JitOpts,
    sigs: Vec<(Vec<T>, Option<T>)>,
}

/// A numba type object (`numba.types.float64`, `float64[:]`).
struct NType(T);

/// A signature object (`float64(float64[:])`).
struct Signature(Vec<T>, Option<T>);

fn classes(vm: &mut Vm) -> Rc<Classes> {
    if let Some(c) = CLASSES.with(|c| c.borrow().clone()) {
        return c;
    }
    let obj = vm.types.object.clone();
    let mk = |name: &str| {
        let c = new_class(name, vec![obj.clone()], BaseKind::Native, true);
        c.dict.set_by_str("__module__", Value::str("numba"));
        c
    };
    let c = Rc::new(Classes {
        dispatcher: mk("CPUDispatcher"),
        decorator: mk("_JitDecorator"),
        ntype: mk("Type"),
        signature: mk("Signature"),
    });
    add_method(&c.dispatcher, "__call__", disp_call);
    add_method(&c.dispatcher, "__getattr__", disp_getattr);
    add_method(&c.dispatcher, "__repr__", disp_repr);
    add_method(&c.dispatcher, "inspect_types", disp_inspect_types);
    add_method(&c.dispatcher, "inspect_ir", |vm, a, _| {
        disp_listing(vm, a, Emit::Clif)
    });
    add_method(&c.dispatcher, "inspect_llvm", |vm, a, _| {
        disp_listing(vm, a, Emit::Clif)
    });
    add_method(&c.dispatcher, "inspect_asm", |vm, a, _| {
        disp_listing(vm, a, Emit::Asm)
    });
    add_method(&c.decorator, "__call__", deco_call);
    add_method(&c.ntype, "__repr__", ntype_repr);
    add_method(&c.ntype, "__str__", ntype_repr);
    add_method(&c.ntype, "__getitem__", ntype_getitem);
    add_method(&c.ntype, "__call__", ntype_call);
    add_method(&c.ntype, "__eq__", |_, a, _| {
        Ok(Value::Bool(
            match (a.first().and_then(ntype), a.get(1).and_then(ntype)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
        ))
    });
    add_method(&c.ntype, "__hash__", |_, a, _| {
        let s = a
            .first()
            .and_then(ntype)
            .map(|t| t.to_string())
            .unwrap_or_default();
        Ok(Value::Int(s.bytes().fold(7i64, |h, b| {
            h.wrapping_mul(31).wrapping_add(b as i64)
        })))
    });
    add_method(&c.signature, "__repr__", |_, a, _| {
        Ok(Value::string(
            match a.first().and_then(|v| native::<Signature>(v)) {
                Some(s) => sig_text(&s.0, s.1.as_ref()),
                None => String::new(),
            },
        ))
    });
    CLASSES.with(|cell| *cell.borrow_mut() = Some(c.clone()));
    c
}

fn native<T: 'static>(v: &Value) -> Option<&T> {
    match v {
        Value::Native(n) => n.get::<T>(),
        _ => None,
    }
}

fn ntype(v: &Value) -> Option<T> {
    native::<NType>(v).map(|t| t.0.clone())
}

fn sig_text(args: &[T], ret: Option<&T>) -> String {
    let a: Vec<String> = args.iter().map(|t| t.to_string()).collect();
    match ret {
        Some(r) => format!("{r}({})", a.join(", ")),
        None => format!("({})", a.join(", ")),
    }
}

fn new_obj(class: &Rc<Class>, data: impl std::any::Any) -> Value {
    Value::Native(Rc::new(NativeObj {
        class: class.clone(),
        data: Box::new(data),
    }))
}

pub fn create(vm: &mut Vm) -> PyResult<Value> {
    let c = classes(vm);
    let (m, d) = super::new_module("numba");
    d.set_by_str("__version__", Value::str("0.60.0"));
    d.set_by_str(
        "jit",
        native_fn("jit", Some("numba"), |vm, a, kw| decorate(vm, a, kw, false)),
    );
    d.set_by_str(
        "njit",
        native_fn("njit", Some("numba"), |vm, a, kw| decorate(vm, a, kw, true)),
    );
    d.set_by_str("prange", Value::Class(vm.types.range.clone()));
    let _ = typing_error(vm, "");
    if let Some(te) = vm.jit.typing_error.clone() {
        d.set_by_str("TypingError", Value::Class(te));
    }
    // numba.types: the scalar types (subscript them for arrays: float64[:, :]).
    let (tm, td) = super::new_module("numba.types");
    for (name, t) in [
        ("int64", T::I64),
        ("intp", T::I64),
        ("float64", T::F64),
        ("double", T::F64),
        ("boolean", T::Bool),
        ("bool_", T::Bool),
        ("void", T::NoneT),
        ("none", T::NoneT),
    ] {
        let v = new_obj(&c.ntype, NType(t));
        td.set_by_str(name, v.clone());
        d.set_by_str(name, v);
    }
    d.set_by_str("types", tm.clone());
    vm.modules.set_by_str("numba.types", tm);
    Ok(m)
}

fn opt_bool(vm: &mut Vm, kw: Kwargs, name: &str, default: bool) -> PyResult<bool> {
    match crate::runtime::types::kwarg(kw, name) {
        Some(v) => vm.truthy(v),
        None => Ok(default),
    }
}

/// `jit(f)`, `jit(**opts)`, `jit("sig")`, `jit(["sig", ...], **opts)` and the same for njit.
fn decorate(vm: &mut Vm, args: &[Value], kw: Kwargs, njit: bool) -> PyResult<Value> {
    const KNOWN: &[&str] = &[
        "nopython",
        "cache",
        "parallel",
        "fastmath",
        "boundscheck",
        "nogil",
        "error_model",
        "inline",
        "forceobj",
        "looplift",
        "signature_or_function",
        "locals",
    ];
    for (k, _) in kw {
        if !KNOWN.contains(&k.as_str()) {
            return Err(vm.new_error(
                "KeyError",
                &format!("\"Unrecognized options: {{'{}'}}. \"", k.as_str()),
            ));
        }
    }
    let nopython =
        njit || (opt_bool(vm, kw, "nopython", true)? && !opt_bool(vm, kw, "forceobj", false)?);
    let opts = JitOpts {
        nopython,
        boundscheck: opt_bool(vm, kw, "boundscheck", true)?,
    };
    let mut sigs = Vec::new();
    let first = args
        .first()
        .or_else(|| crate::runtime::types::kwarg(kw, "signature_or_function"));
    if let Some(f @ Value::Function(_)) = first {
        let f = f.clone();
        return make_dispatcher(vm, &f, opts, &[]);
    }
    if let Some(v) = first {
        let items = match v {
            Value::List(l) => l.items.borrow().clone(),
            Value::Tuple(t) => t.items.to_vec(),
            other => vec![other.clone()],
        };
        for it in items {
            let parsed = match &it {
                Value::Str(s) => parse_signature(s.as_str()),
                v => native::<Signature>(v).map(|s| (s.0.clone(), s.1.clone())),
            };
            match parsed {
                Some(p) => sigs.push(p),
                None => {
                    let r = vm.repr(&it)?;
                    return Err(typing_error(vm, &format!("invalid signature: {r}")));
                }
            }
        }
    }
    let c = classes(vm);
    Ok(new_obj(&c.decorator, Decorator { opts, sigs }))
}

fn deco_call(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let Some(d) = args.first().and_then(|v| native::<Decorator>(v)) else {
        return Err(vm.new_error("TypeError", "bad decorator call"));
    };
    let (opts, sigs) = (d.opts, d.sigs.clone());
    match args.get(1) {
        Some(f @ Value::Function(_)) => {
            let f = f.clone();
            make_dispatcher(vm, &f, opts, &sigs)
        }
        _ => Err(vm.new_error("TypeError", "The decorated object is not a function")),
    }
}

fn make_dispatcher(
    vm: &mut Vm,
    f: &Value,
    opts: JitOpts,
    sigs: &[(Vec<T>, Option<T>)],
) -> PyResult<Value> {
    let Value::Function(func) = f else {
        return Err(vm.new_error("TypeError", "The decorated object is not a function"));
    };
    let fj = Rc::new(FuncJit::new(func.clone(), opts, true));
    vm.jit.all.push(fj.clone());
    vm.jit.hot.insert(Rc::as_ptr(func) as usize, fj.clone());
    if vm.jit.enabled {
        for (args, _ret) in sigs {
            match compile_spec(vm, &fj, args) {
                Ok(s) => fj.specs.borrow_mut().push(Rc::new(s)),
                Err(e) => {
                    fj.failures
                        .borrow_mut()
                        .push((Some(args.clone()), e.message.clone()));
                    if opts.nopython {
                        return Err(typing_error(vm, &e.message));
                    }
                }
            }
        }
    }
    let c = classes(vm);
    Ok(new_obj(&c.dispatcher, Dispatcher { jit: fj }))
}

fn this(vm: &mut Vm, args: &[Value]) -> PyResult<Rc<FuncJit>> {
    match args.first().and_then(|v| native::<Dispatcher>(v)) {
        Some(d) => Ok(d.jit.clone()),
        None => Err(vm.new_error("TypeError", "expected a dispatcher")),
    }
}

fn disp_call(vm: &mut Vm, args: &[Value], kw: Kwargs) -> PyResult<Value> {
    let fj = this(vm, args)?;
    let rest = &args[1..];
    if vm.jit.enabled && kw.is_empty() {
        if let Some(r) = call_jit(vm, &fj, rest, false) {
            return r;
        }
    }
    let f = fj.func.clone();
    vm.call_function(&f, rest, kw)
}

fn disp_getattr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let fj = this(vm, args)?;
    let name = match args.get(1) {
        Some(Value::Str(s)) => s.as_str().to_string(),
        _ => String::new(),
    };
    let f = Value::Function(fj.func.clone());
    match name.as_str() {
        "py_func" | "__wrapped__" => Ok(f),
        "signatures" => {
            let c = classes(vm);
            let list = fj
                .specs
                .borrow()
                .iter()
                .map(|s| {
                    Value::tuple(
                        s.args
                            .iter()
                            .map(|t| new_obj(&c.ntype, NType(t.clone())))
                            .collect(),
                    )
                })
                .collect();
            Ok(Value::list(list))
        }
        "nopython_signatures" => {
            let list = fj
                .specs
                .borrow()
                .iter()
                .map(|s| Value::string(sig_text(&s.args, Some(&s.ret))))
                .collect();
            Ok(Value::list(list))
        }
        "__name__" | "__qualname__" | "__doc__" | "__module__" | "__defaults__" | "__code__"
        | "__globals__" | "__annotations__" => vm.get_attr_str(&f, &name),
        _ => Err(vm.new_error(
            "AttributeError",
            &format!("'CPUDispatcher' object has no attribute '{name}'"),
        )),
    }
}

fn disp_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let fj = this(vm, args)?;
    let f = Value::Function(fj.func.clone());
    let r = vm.repr(&f)?;
    Ok(Value::string(format!("CPUDispatcher({r})")))
}

fn disp_inspect_types(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let fj = this(vm, args)?;
    let mut out = String::new();
    for s in fj.specs.borrow().iter() {
        out.push_str(&types_text(vm, s));
        out.push_str(&format!("{}\n", "=".repeat(60)));
    }
    vm.write_stdout(&out);
    Ok(Value::None)
}

fn disp_listing(vm: &mut Vm, args: &[Value], what: Emit) -> PyResult<Value> {
    let fj = this(vm, args)?;
    let d = Rc::new(crate::runtime::dict::PyDict::new());
    for s in fj.specs.borrow().iter() {
        let key = sig_text(&s.args, None);
        let text = crate::jit_bridge::dispatch::listing(s, what);
        d.set_by_str(&key, Value::string(text));
    }
    Ok(Value::Dict(d))
}

fn ntype_repr(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    match args.first().and_then(ntype) {
        Some(t) => Ok(Value::string(t.to_string())),
        None => Err(vm.new_error("TypeError", "expected a numba type")),
    }
}

fn ntype_getitem(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let Some(t) = args.first().and_then(ntype) else {
        return Err(vm.new_error("TypeError", "expected a numba type"));
    };
    let n = match args.get(1) {
        Some(Value::Tuple(items)) => items.items.len(),
        _ => 1,
    };
    let text = format!("{t}[{}]", vec![":"; n].join(", "));
    match parse_type(&text) {
        Some(a) => {
            let c = classes(vm);
            Ok(new_obj(&c.ntype, NType(a)))
        }
        None => Err(vm.new_error("TypeError", &format!("cannot make an array of {t}"))),
    }
}

fn ntype_call(vm: &mut Vm, args: &[Value], _kw: Kwargs) -> PyResult<Value> {
    let Some(ret) = args.first().and_then(ntype) else {
        return Err(vm.new_error("TypeError", "expected a numba type"));
    };
    let mut a = Vec::new();
    for v in &args[1..] {
        match ntype(v) {
            Some(t) => a.push(t),
            None => {
                return Err(vm.new_error("TypeError", "signature arguments must be numba types"))
            }
        }
    }
    let c = classes(vm);
    Ok(new_obj(&c.signature, Signature(a, Some(ret))))
}
