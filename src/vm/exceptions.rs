//! Exceptions: creating them from Rust, matching `except` clauses, `raise` (with cause and
//! context), traceback entries, and printing an uncaught exception as CPython does.

use std::rc::Rc;

use crate::runtime::objects::{Class, TbEntry};
use crate::runtime::value::Value;

use super::frame::Frame;
use super::{PyErr, PyResult, Vm};

impl Vm {
    /// A new exception of the builtin class `name` with one message argument (none if empty).
    #[cold]
    pub fn new_error(&mut self, name: &str, msg: &str) -> PyErr {
        let cls = self.types.exc(name);
        let args = if msg.is_empty() {
            vec![]
        } else {
            vec![Value::str(msg)]
        };
        self.new_exception(&cls, args)
    }

    /// An instance of an exception class with the given args (no `__init__` call).
    pub fn new_exception(&mut self, cls: &Rc<Class>, args: Vec<Value>) -> PyErr {
        match self.object_new(cls, &args, &[]) {
            Ok(Value::Instance(i)) => PyErr(i),
            _ => {
                let base = self.types.exc("Exception");
                match self.object_new(&base, &args, &[]) {
                    Ok(Value::Instance(i)) => PyErr(i),
                    _ => unreachable_exception(),
                }
            }
        }
    }

    /// Whether `err` is an instance of the builtin exception class `name`.
    pub fn exc_matches(&self, err: &PyErr, name: &str) -> bool {
        let cls = self.types.exc(name);
        err.0.class.is_subclass(&cls)
    }

    /// `except T:` — T is a class or a tuple of classes.
    pub fn exception_matches_value(&mut self, exc: &Value, ty: &Value) -> PyResult<bool> {
        let exc_cls = self.type_of(exc);
        match ty {
            Value::Class(c) => {
                if !c.is_subclass(&self.types.base_exception) {
                    return Err(self.new_error(
                        "TypeError",
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
                Ok(exc_cls.is_subclass(c))
            }
            Value::Tuple(t) => {
                let t = t.clone();
                for item in t.items.iter() {
                    if self.exception_matches_value(exc, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.new_error(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }

    /// Builds the exception for `raise exc [from cause]`: classes are instantiated.
    pub fn make_raise(&mut self, exc: Value, cause: Option<Value>) -> PyResult<PyErr> {
        let inst = self.exception_instance(exc, false)?;
        if let Some(cause) = cause {
            let cause = match cause {
                Value::None => Value::None,
                c => match self.exception_instance(c, true) {
                    Ok(e) => Value::Instance(e.0),
                    Err(e) => return Err(e),
                },
            };
            if let Some(data) = &inst.0.exc {
                let mut d = data.borrow_mut();
                d.cause = cause;
                d.suppress_context = true;
            }
        }
        Ok(inst)
    }

    fn exception_instance(&mut self, exc: Value, for_cause: bool) -> PyResult<PyErr> {
        match &exc {
            Value::Class(c) if c.is_subclass(&self.types.base_exception) => {
                let c = c.clone();
                match self.call_class(&c, &[], &[])? {
                    Value::Instance(i) if i.exc.is_some() => Ok(PyErr(i)),
                    other => {
                        let t = self.type_name(&other);
                        Err(self.new_error(
                            "TypeError",
                            &format!("calling {} should have returned an instance of BaseException, not {t}", c.name()),
                        ))
                    }
                }
            }
            Value::Instance(i) if i.exc.is_some() => Ok(PyErr(i.clone())),
            _ => Err(self.new_error(
                "TypeError",
                if for_cause {
                    "exception causes must derive from BaseException"
                } else {
                    "exceptions must derive from BaseException"
                },
            )),
        }
    }

    /// Records that `err` passed through frame `f` at its current instruction; sets the
    /// implicit context the first time the exception is seen.
    pub fn add_traceback(&mut self, err: &PyErr, f: &Frame) {
        let Some(data) = &err.0.exc else { return };
        let pos = f
            .code
            .code
            .positions
            .get(f.lasti)
            .copied()
            .unwrap_or_default();
        let mut d = data.borrow_mut();
        if d.traceback.is_empty() {
            if let Value::Instance(h) = &self.handled_exc {
                if !Rc::ptr_eq(h, &err.0) && d.context.is_none() {
                    // Avoid creating a cycle through the context chain.
                    let mut cur = Some(h.clone());
                    let mut cyclic = false;
                    let mut steps = 0;
                    while let Some(c) = cur {
                        if Rc::ptr_eq(&c, &err.0) {
                            cyclic = true;
                            break;
                        }
                        steps += 1;
                        if steps > 100 {
                            break;
                        }
                        cur = match c.exc.as_ref().map(|e| e.borrow().context.clone()) {
                            Some(Value::Instance(n)) => Some(n),
                            _ => None,
                        };
                    }
                    if !cyclic {
                        d.context = Value::Instance(h.clone());
                    }
                }
            }
        }
        d.traceback.push(TbEntry {
            filename: f.code.code.filename.clone(),
            name: f.code.code.name.clone(),
            pos,
        });
    }

    /// `str(exc)` as CPython: the single arg's str, the args tuple's repr, or ''.
    pub fn exception_str(&mut self, exc: &Value) -> PyResult<String> {
        if let Some(m) = self.lookup_special(exc, "__str__") {
            if !matches!(&m, Value::Builtin(b) if b.name.as_ref() == "BaseException.__str__" || b.name.as_ref() == "object.__str__")
            {
                let r = self.call_special(&m, exc, &[])?;
                return self.str_of(&r);
            }
        }
        let args = match exc {
            Value::Instance(i) => i.exc.as_ref().map(|e| e.borrow().args.clone()),
            _ => None,
        };
        let is_key_error =
            matches!(exc, Value::Instance(i) if i.class.is_subclass(&self.types.exc("KeyError")));
        match args {
            Some(Value::Tuple(t)) => match t.items.len() {
                0 => Ok(String::new()),
                1 if is_key_error => self.repr(&t.items[0]),
                1 => self.str_of(&t.items[0]),
                _ => self.repr(&Value::Tuple(t.clone())),
            },
            _ => Ok(String::new()),
        }
    }

    /// Formats an uncaught exception with its chain as CPython's default excepthook does.
    pub fn format_exception(&mut self, err: &PyErr) -> String {
        let mut out = String::new();
        let mut seen = Vec::new();
        self.format_exception_chain(&err.0, &mut out, &mut seen);
        out
    }

    fn format_exception_chain(
        &mut self,
        exc: &Rc<crate::runtime::objects::Instance>,
        out: &mut String,
        seen: &mut Vec<usize>,
    ) {
        seen.push(Rc::as_ptr(exc) as usize);
        if let Some(data) = &exc.exc {
            let (cause, context, suppress) = {
                let d = data.borrow();
                (d.cause.clone(), d.context.clone(), d.suppress_context)
            };
            if let Value::Instance(c) = &cause {
                if !seen.contains(&(Rc::as_ptr(c) as usize)) {
                    self.format_exception_chain(c, out, seen);
                    out.push_str("\nThe above exception was the direct cause of the following exception:\n\n");
                }
            } else if !suppress {
                if let Value::Instance(c) = &context {
                    if !seen.contains(&(Rc::as_ptr(c) as usize)) {
                        self.format_exception_chain(c, out, seen);
                        out.push_str("\nDuring handling of the above exception, another exception occurred:\n\n");
                    }
                }
            }
        }
        self.format_one_exception(exc, out);
    }

    fn format_one_exception(
        &mut self,
        exc: &Rc<crate::runtime::objects::Instance>,
        out: &mut String,
    ) {
        let tb = exc
            .exc
            .as_ref()
            .map(|d| d.borrow().traceback.clone())
            .unwrap_or_default();
        if !tb.is_empty() {
            out.push_str("Traceback (most recent call last):\n");
            let mut last: Option<(Rc<str>, u32, Rc<str>)> = None;
            let mut repeat = 0usize;
            let entries: Vec<&TbEntry> = tb.iter().rev().collect();
            for e in entries {
                let key = (e.filename.clone(), e.pos.line, e.name.clone());
                if last.as_ref() == Some(&key) {
                    repeat += 1;
                    if repeat >= 3 {
                        continue;
                    }
                } else {
                    if repeat >= 3 {
                        let n = repeat - 2;
                        out.push_str(&format!(
                            "  [Previous line repeated {} more time{}]\n",
                            n,
                            if n == 1 { "" } else { "s" }
                        ));
                    }
                    repeat = 0;
                    last = Some(key);
                }
                self.format_tb_entry(e, out);
            }
            if repeat >= 3 {
                let n = repeat - 2;
                out.push_str(&format!(
                    "  [Previous line repeated {} more time{}]\n",
                    n,
                    if n == 1 { "" } else { "s" }
                ));
            }
        }
        let v = Value::Instance(exc.clone());
        let cls = exc.class.clone();
        let mut name = cls.qualname.borrow().to_string();
        let module = cls.dict.get_by_str("__module__");
        if let Some(Value::Str(m)) = module {
            if m.as_str() != "builtins" && m.as_str() != "__main__" {
                name = format!("{}.{}", m.as_str(), name);
            }
        }
        let msg = match self.exception_str(&v) {
            Ok(s) => s,
            Err(_) => "<exception str() failed>".to_string(),
        };
        // SyntaxError raised at runtime shows its location block.
        if cls.is_subclass(&self.types.exc("SyntaxError")) {
            if let Some(block) = self.syntax_error_block(exc) {
                out.push_str(&block);
            }
        }
        let mut msg = msg;
        if let Some(s) = self.suggestion_for(exc) {
            msg.push_str(&format!(". Did you mean: '{s}'?"));
        }
        if msg.is_empty() {
            out.push_str(&name);
        } else {
            out.push_str(&format!("{name}: {msg}"));
        }
        out.push('\n');
    }

    fn suggestion_for(&mut self, exc: &Rc<crate::runtime::objects::Instance>) -> Option<String> {
        let stored = exc.exc.as_ref().and_then(|d| d.borrow().suggestion.clone());
        if stored.is_some() {
            return stored;
        }
        if exc.class.is_subclass(&self.types.exc("AttributeError")) {
            let name = exc.dict.get_by_str("name")?;
            let obj = exc.dict.get_by_str("obj")?;
            let name = name.as_pystr()?.as_str().to_string();
            return self.attribute_suggestion(&obj, &name);
        }
        None
    }

    fn syntax_error_block(
        &mut self,
        exc: &Rc<crate::runtime::objects::Instance>,
    ) -> Option<String> {
        let get = |k: &str| exc.dict.get_by_str(k);
        let filename = match get("filename") {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => return None,
        };
        let line = match get("lineno") {
            Some(Value::Int(i)) => i,
            _ => return None,
        };
        let mut s = format!("  File \"{filename}\", line {line}\n");
        if let Some(Value::Str(text)) = get("text") {
            let t = text.as_str().trim_end_matches('\n');
            let stripped = t.trim_start();
            let lead = t.chars().count() - stripped.chars().count();
            s.push_str(&format!("    {stripped}\n"));
            if let Some(Value::Int(off)) = get("offset") {
                let end = match get("end_offset") {
                    Some(Value::Int(e)) if e > off => e,
                    _ => off + 1,
                };
                let start = (off as usize).saturating_sub(1).saturating_sub(lead);
                let width = ((end - off) as usize).max(1);
                s.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
            }
        }
        Some(s)
    }

    fn format_tb_entry(&mut self, e: &TbEntry, out: &mut String) {
        out.push_str(&format!(
            "  File \"{}\", line {}, in {}\n",
            e.filename, e.pos.line, e.name
        ));
        if let Some(line) = self.source_line(&e.filename, e.pos.line) {
            let stripped = line.trim();
            if !stripped.is_empty() {
                out.push_str(&format!("    {stripped}\n"));
                // CPython 3.11 underlines the failing expression when it is not the whole line,
                // or when it has anchors (`~~^~~` for an operator, `~^^^` for a subscript).
                if e.pos.line == e.pos.end_line && e.pos.end_col > e.pos.col {
                    let lead = line.len() - line.trim_start().len();
                    let (c0, c1) = (e.pos.col as usize, e.pos.end_col as usize);
                    let trimmed_end = line.trim_end().len();
                    if let Some(seg) = line.get(c0..c1).filter(|_| c0 >= lead) {
                        let anchors = crate::parse::caret_anchors(seg).and_then(|(l, r)| {
                            let (l, r) = (l.min(seg.len()), r.min(seg.len()));
                            Some((seg.get(..l)?, seg.get(l..r.max(l))?, seg.get(r.max(l)..)?))
                        });
                        let partial = c0 > lead || c1 < trimmed_end;
                        if partial || anchors.is_some_and(|(_, mid, _)| !mid.is_empty()) {
                            let width = |s: &str| s.chars().count();
                            let pre = line.get(lead..c0).map_or(0, width);
                            let carets = match anchors {
                                Some((a, mid, z)) => format!(
                                    "{}{}{}",
                                    "~".repeat(width(a)),
                                    "^".repeat(width(mid)),
                                    "~".repeat(width(z))
                                ),
                                None => "^".repeat(width(seg).max(1)),
                            };
                            out.push_str(&format!("    {}{carets}\n", " ".repeat(pre)));
                        }
                    }
                }
            }
        }
    }

    /// Line `n` (1-based) of a source file, from the loaded sources or the disk.
    pub fn source_line(&mut self, filename: &str, n: u32) -> Option<String> {
        if n == 0 {
            return None;
        }
        let src = match self.sources.get(filename) {
            Some(s) => s.clone(),
            None => {
                let text = std::fs::read_to_string(filename).ok()?;
                let rc: Rc<str> = text.into();
                self.sources.insert(filename.into(), rc.clone());
                rc
            }
        };
        src.lines().nth(n as usize - 1).map(|s| s.to_string())
    }

    /// Prints an uncaught exception to stderr (flushing stdout first, as CPython's order).
    pub fn print_exception(&mut self, err: &PyErr) {
        self.flush_stdout();
        let text = self.format_exception(err);
        eprint!("{text}");
    }
}

#[cold]
fn unreachable_exception() -> PyErr {
    // Exception classes are created at startup; reaching here means the type table is broken.
    std::process::abort()
}
