//! Imports: `sys.modules` caching, builtin (Rust) modules, source modules and packages found
//! on `sys.path`, relative imports, `from m import *` with `__all__`, circular imports (the
//! module is registered before its body runs), and the `__pycache__` bytecode cache.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::compiler::Mode;
use crate::runtime::dict::PyDict;
use crate::runtime::objects::Module;
use crate::runtime::value::{PyStr, Value};

use super::{PyErr, PyResult, Vm};

/// Version tag of our cache files (`__pycache__/<name>.numjit-<TAG>.pyc`).
const CACHE_TAG: &str = "numjit-1";
const CACHE_MAGIC: &[u8; 8] = b"NJPYC\x00\x01\x00";

impl Vm {
    /// `IMPORT_NAME`: returns the top package for `import a.b`, the leaf for `from a.b import x`.
    pub fn import_name(
        &mut self,
        name: &PyStr,
        fromlist: &Value,
        level: &Value,
        globals: &Rc<PyDict>,
    ) -> PyResult<Value> {
        let level = match level {
            Value::Int(l) => *l as usize,
            _ => 0,
        };
        let full = if level > 0 {
            let base = self.resolve_package(globals, level)?;
            if name.as_str().is_empty() {
                base
            } else {
                format!("{base}.{}", name.as_str())
            }
        } else {
            name.as_str().to_string()
        };
        if full.is_empty() {
            return Err(self.new_error("ValueError", "Empty module name"));
        }
        let leaf = self.import_module(&full)?;
        let has_fromlist = match fromlist {
            Value::Tuple(t) => !t.items.is_empty(),
            Value::List(l) => !l.items.borrow().is_empty(),
            Value::None | Value::Null => false,
            _ => true,
        };
        if has_fromlist {
            return Ok(leaf);
        }
        if level > 0 {
            // `from . import x` handled above; `import .a` is not valid syntax.
            return Ok(leaf);
        }
        let top = full.split('.').next().unwrap_or(&full).to_string();
        match self.modules.get_by_str(&top) {
            Some(m) => Ok(m),
            None => Ok(leaf),
        }
    }

    fn resolve_package(&mut self, globals: &Rc<PyDict>, level: usize) -> PyResult<String> {
        let package = match globals.get_by_str("__package__") {
            Some(Value::Str(s)) => s.as_str().to_string(),
            _ => {
                let name = match globals.get_by_str("__name__") {
                    Some(Value::Str(s)) => s.as_str().to_string(),
                    _ => String::new(),
                };
                if globals.get_by_str("__path__").is_some() {
                    name
                } else {
                    name.rsplit_once('.')
                        .map(|(a, _)| a.to_string())
                        .unwrap_or_default()
                }
            }
        };
        if package.is_empty() {
            return Err(self.new_error(
                "ImportError",
                "attempted relative import with no known parent package",
            ));
        }
        let mut parts: Vec<&str> = package.split('.').collect();
        if level > parts.len() + 1 || level > parts.len() {
            return Err(self.new_error(
                "ImportError",
                "attempted relative import beyond top-level package",
            ));
        }
        parts.truncate(parts.len() + 1 - level);
        Ok(parts.join("."))
    }

    /// Imports a dotted module name, importing parents first; returns the leaf module.
    pub fn import_module(&mut self, full: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get_by_str(full) {
            if m.is_none() {
                let msg = format!("import of {full} halted; None in sys.modules");
                return Err(self.module_not_found(full, &msg));
            }
            return Ok(m);
        }
        let (parent, child) = match full.rsplit_once('.') {
            Some((p, c)) => (Some(p.to_string()), c.to_string()),
            None => (None, full.to_string()),
        };
        let search: Vec<PathBuf> = match &parent {
            Some(p) => {
                let pm = self.import_module(p)?;
                if let Some(m) = self.modules.get_by_str(full) {
                    return Ok(m);
                }
                match self.get_attr_opt(&pm, "__path__")? {
                    Some(path) => self
                        .collect(&path)?
                        .iter()
                        .filter_map(|v| v.as_pystr().map(|s| PathBuf::from(s.as_str())))
                        .collect(),
                    None => {
                        let msg = format!("No module named '{full}'; '{p}' is not a package");
                        return Err(self.module_not_found(full, &msg));
                    }
                }
            }
            None => {
                if let Some(m) = crate::modules::create_builtin_module(self, full)? {
                    self.modules.set_by_str(full, m.clone());
                    return Ok(m);
                }
                let path = self.sys_path.clone();
                self.collect(&path)?
                    .iter()
                    .filter_map(|v| v.as_pystr().map(|s| PathBuf::from(s.as_str())))
                    .collect()
            }
        };
        for dir in search {
            let dir = if dir.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                dir
            };
            let pkg_init = dir.join(&child).join("__init__.py");
            if pkg_init.is_file() {
                let pkg_dir = dir.join(&child);
                return self.load_source_module(full, &pkg_init, Some(&pkg_dir));
            }
            let file = dir.join(format!("{child}.py"));
            if file.is_file() {
                return self.load_source_module(full, &file, None);
            }
        }
        let msg = format!("No module named '{full}'");
        Err(self.module_not_found(full, &msg))
    }

    #[cold]
    fn module_not_found(&mut self, name: &str, msg: &str) -> PyErr {
        let e = self.new_error("ModuleNotFoundError", msg);
        e.0.dict.set_by_str("name", Value::str(name));
        e
    }

    fn load_source_module(
        &mut self,
        name: &str,
        file: &Path,
        pkg_dir: Option<&Path>,
    ) -> PyResult<Value> {
        let filename = file.to_string_lossy().to_string();
        let source = match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => {
                return Err(self.new_error("ImportError", &format!("cannot read {filename}: {e}")))
            }
        };
        let code = self.compile_cached(&source, &filename, file)?;
        let dict = Rc::new(PyDict::new());
        dict.set_by_str("__name__", Value::str(name));
        dict.set_by_str("__file__", Value::str(&filename));
        dict.set_by_str("__doc__", Value::None);
        dict.set_by_str("__builtins__", Value::Dict(self.builtins.clone()));
        let package = match pkg_dir {
            Some(d) => {
                dict.set_by_str(
                    "__path__",
                    Value::list(vec![Value::string(d.to_string_lossy().to_string())]),
                );
                name.to_string()
            }
            None => name
                .rsplit_once('.')
                .map(|(a, _)| a.to_string())
                .unwrap_or_default(),
        };
        dict.set_by_str("__package__", Value::string(package));
        let module = Value::Module(Rc::new(Module {
            name: name.into(),
            dict: dict.clone(),
        }));
        self.modules.set_by_str(name, module.clone());
        let code = self.load_code(&code);
        self.initializing.push(name.into());
        let r = self.run_code(&code, dict.clone(), Some(dict), &[]);
        self.initializing.pop();
        if let Err(e) = r {
            let key = Rc::new(PyStr::new(name));
            self.modules.del_str(&key);
            return Err(e);
        }
        // Bind the submodule on its parent package.
        if let Some((parent, child)) = name.rsplit_once('.') {
            if let Some(Value::Module(p)) = self.modules.get_by_str(parent) {
                p.dict.set_by_str(child, module.clone());
            }
        }
        Ok(self.modules.get_by_str(name).unwrap_or(module))
    }

    /// Runs an embedded (Python-source) standard-library module.
    pub fn load_embedded_module(&mut self, name: &str, source: &str) -> PyResult<Value> {
        let filename = format!("<frozen {name}>");
        let code = match crate::compiler::compile(source, &filename, Mode::Exec) {
            Ok(c) => c,
            Err(e) => return Err(self.syntax_error_exception(&e)),
        };
        self.sources.insert(filename.as_str().into(), source.into());
        let dict = Rc::new(PyDict::new());
        dict.set_by_str("__name__", Value::str(name));
        dict.set_by_str("__doc__", Value::None);
        dict.set_by_str("__builtins__", Value::Dict(self.builtins.clone()));
        dict.set_by_str("__package__", Value::str(""));
        let module = Value::Module(Rc::new(Module {
            name: name.into(),
            dict: dict.clone(),
        }));
        self.modules.set_by_str(name, module.clone());
        let code = self.load_code(&code);
        if let Err(e) = self.run_code(&code, dict.clone(), Some(dict), &[]) {
            self.modules.del_str(&PyStr::new(name));
            return Err(e);
        }
        Ok(module)
    }

    /// Compiles a module's source, reading and writing `__pycache__` (invalidated by the
    /// source's size and mtime; a corrupt cache file is ignored and rewritten).
    fn compile_cached(
        &mut self,
        source: &str,
        filename: &str,
        file: &Path,
    ) -> PyResult<Rc<crate::compiler::code::Code>> {
        self.sources.insert(filename.into(), source.into());
        let meta = std::fs::metadata(file).ok();
        let stamp = meta.as_ref().map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as u64);
            (mtime, m.len())
        });
        let cache_path = file.parent().map(|dir| {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            dir.join("__pycache__")
                .join(format!("{stem}.{CACHE_TAG}.pyc"))
        });
        if let (Some(cp), Some((mtime, size))) = (&cache_path, stamp) {
            if let Ok(bytes) = std::fs::read(cp) {
                if let Some(code) = decode_cache(&bytes, mtime, size, filename) {
                    return Ok(Rc::new(code));
                }
            }
        }
        let code = match crate::compiler::compile(source, filename, Mode::Exec) {
            Ok(c) => c,
            Err(e) => return Err(self.syntax_error_exception(&e)),
        };
        if self.write_bytecode {
            if let (Some(cp), Some((mtime, size))) = (&cache_path, stamp) {
                let mut out = Vec::new();
                out.extend_from_slice(CACHE_MAGIC);
                out.extend_from_slice(&mtime.to_le_bytes());
                out.extend_from_slice(&size.to_le_bytes());
                out.extend_from_slice(&crate::compiler::marshal::dumps(&code));
                if let Some(dir) = cp.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                // Write to a temporary name then rename, so readers never see a partial file.
                let tmp = cp.with_extension(format!("pyc.{}", std::process::id()));
                if std::fs::write(&tmp, &out).is_ok() {
                    let _ = std::fs::rename(&tmp, cp);
                }
            }
        }
        Ok(code)
    }

    /// A SyntaxError (or IndentationError/TabError) exception from a compile error.
    pub fn syntax_error_exception(&mut self, e: &crate::parse::SyntaxError) -> PyErr {
        let err = self.new_error(e.type_name(), &e.msg);
        let d = &err.0.dict;
        d.set_by_str("msg", Value::str(&e.msg));
        d.set_by_str("filename", Value::str(&e.filename));
        d.set_by_str("lineno", Value::Int(e.lineno as i64));
        d.set_by_str("offset", Value::Int(e.offset as i64));
        d.set_by_str("end_lineno", Value::Int(e.end_lineno as i64));
        d.set_by_str("end_offset", Value::Int(e.end_offset as i64));
        d.set_by_str(
            "text",
            match &e.text {
                Some(t) => Value::str(t),
                None => Value::None,
            },
        );
        err
    }

    /// `IMPORT_FROM`: an attribute of the module, or its submodule.
    pub fn import_from(&mut self, module: &Value, name: &Rc<PyStr>) -> PyResult<Value> {
        if let Value::Module(m) = module {
            if let Some(v) = m.dict.get_str(name) {
                return Ok(v);
            }
            let full = format!("{}.{}", m.name, name.as_str());
            if let Some(v) = self.modules.get_by_str(&full) {
                return Ok(v);
            }
            if m.dict.get_by_str("__path__").is_some() {
                match self.import_module(&full) {
                    Ok(v) => return Ok(v),
                    Err(e) if self.exc_matches(&e, "ModuleNotFoundError") => {}
                    Err(e) => return Err(e),
                }
            }
            let file = match m.dict.get_by_str("__file__") {
                Some(Value::Str(s)) => format!(" ({})", s.as_str()),
                _ => " (unknown location)".to_string(),
            };
            let msg = if self.initializing.iter().any(|n| **n == *m.name) {
                format!(
                    "cannot import name '{}' from partially initialized module '{}' (most likely due to a circular import){file}",
                    name.as_str(),
                    m.name
                )
            } else {
                format!(
                    "cannot import name '{}' from '{}'{file}",
                    name.as_str(),
                    m.name
                )
            };
            let e = self.new_error("ImportError", &msg);
            return Err(e);
        }
        self.get_attr(module, name)
    }

    /// `from m import *`.
    pub fn import_star(&mut self, module: &Value, ns: &Rc<PyDict>) -> PyResult<()> {
        let Value::Module(m) = module else {
            return Ok(());
        };
        let names: Vec<Value> = match m.dict.get_by_str("__all__") {
            Some(all) => self.collect(&all)?,
            None => m
                .dict
                .map
                .borrow()
                .keys()
                .into_iter()
                .filter(|k| matches!(k, Value::Str(s) if !s.as_str().starts_with('_')))
                .collect(),
        };
        for n in names {
            if let Value::Str(s) = &n {
                let v = self.import_from(module, s)?;
                ns.set_str(s, v);
            }
        }
        Ok(())
    }
}

fn decode_cache(
    bytes: &[u8],
    mtime: u64,
    size: u64,
    filename: &str,
) -> Option<crate::compiler::code::Code> {
    let header = CACHE_MAGIC.len() + 16;
    if bytes.len() < header || &bytes[..CACHE_MAGIC.len()] != CACHE_MAGIC {
        return None;
    }
    let m = u64::from_le_bytes(bytes[8..16].try_into().ok()?);
    let s = u64::from_le_bytes(bytes[16..24].try_into().ok()?);
    if m != mtime || s != size {
        return None;
    }
    let code = crate::compiler::marshal::loads(&bytes[header..])?;
    // A cache written for another path (copied tree) would give wrong tracebacks.
    (&*code.filename == filename).then_some(code)
}
