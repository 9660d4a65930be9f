//! Symbol tables: which names are local, global, free or cell in each scope (CPython's
//! symtable.c, simplified). Scopes are found again by the code generator through
//! [`SymbolTable::lookup`] keyed by the AST node's range and kind.

use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{self, Visitor};
use ruff_python_ast::{Comprehension, ExceptHandler, Expr, ExprContext, Parameters, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

pub const DEF_GLOBAL: u32 = 1;
pub const DEF_LOCAL: u32 = 2;
pub const DEF_PARAM: u32 = 4;
pub const DEF_NONLOCAL: u32 = 8;
pub const USE: u32 = 16;
pub const DEF_FREE_CLASS: u32 = 32;
pub const DEF_IMPORT: u32 = 64;
pub const DEF_COMP_ITER: u32 = 128;
const DEF_BOUND: u32 = DEF_LOCAL | DEF_PARAM | DEF_IMPORT;

/// Resolved scope of a name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sym {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    Comprehension,
}

impl ScopeKind {
    /// Function-like scopes use fast locals.
    pub fn is_function(self) -> bool {
        matches!(
            self,
            ScopeKind::Function | ScopeKind::Lambda | ScopeKind::Comprehension
        )
    }
}

pub type ScopeId = usize;

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// Symbol name → flags, in insertion order.
    pub order: Vec<String>,
    pub flags: HashMap<String, u32>,
    pub scopes: HashMap<String, Sym>,
    pub children: Vec<ScopeId>,
    pub params: Vec<String>,
    pub is_generator: bool,
    pub needs_class_closure: bool,
    /// Class name for private-name mangling.
    pub private: Option<String>,
    pub parent: Option<ScopeId>,
    /// Location of the first global/nonlocal declaration per name (for errors).
    decl_loc: HashMap<String, TextRange>,
    pub comp_kind: &'static str,
}

impl Scope {
    fn new(
        kind: ScopeKind,
        name: String,
        parent: Option<ScopeId>,
        private: Option<String>,
    ) -> Scope {
        Scope {
            kind,
            name,
            order: Vec::new(),
            flags: HashMap::new(),
            scopes: HashMap::new(),
            children: Vec::new(),
            params: Vec::new(),
            is_generator: false,
            needs_class_closure: false,
            private,
            parent,
            decl_loc: HashMap::new(),
            comp_kind: "",
        }
    }
    pub fn lookup(&self, name: &str) -> Option<Sym> {
        self.scopes.get(name).copied()
    }
    pub fn flags_of(&self, name: &str) -> u32 {
        self.flags.get(name).copied().unwrap_or(0)
    }
    /// Sorted cell variables (`__class__` first for classes that need it).
    pub fn cellvars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .scopes
            .iter()
            .filter(|(_, s)| **s == Sym::Cell)
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        if self.needs_class_closure {
            v.insert(0, "__class__".to_string());
        }
        v
    }
    /// Sorted free variables (including class-scope names that are also passed through).
    pub fn freevars(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .scopes
            .iter()
            .filter(|(n, s)| **s == Sym::Free || self.flags_of(n) & DEF_FREE_CLASS != 0)
            .map(|(n, _)| n.clone())
            .collect();
        v.sort();
        v
    }
}

/// An error found while building the table: message and location.
#[derive(Debug, Clone)]
pub struct SymError {
    pub msg: String,
    pub range: TextRange,
}

/// All scopes of a module.
#[derive(Debug)]
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    keys: HashMap<(u32, u32, u8), ScopeId>,
}

fn key(range: TextRange, tag: u8) -> (u32, u32, u8) {
    (range.start().to_u32(), range.end().to_u32(), tag)
}

/// Key tags for scope-creating nodes.
pub const TAG_FUNC: u8 = 0;
pub const TAG_CLASS: u8 = 1;
pub const TAG_LAMBDA: u8 = 2;
pub const TAG_COMP: u8 = 3;

impl SymbolTable {
    pub fn lookup(&self, range: TextRange, tag: u8) -> Option<ScopeId> {
        self.keys.get(&key(range, tag)).copied()
    }
}

/// `__x` in class `C` → `_C__x`.
pub fn mangle(private: Option<&str>, name: &str) -> String {
    let Some(class) = private else {
        return name.to_string();
    };
    if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return name.to_string();
    }
    let stripped = class.trim_start_matches('_');
    if stripped.is_empty() {
        return name.to_string();
    }
    format!("_{stripped}{name}")
}

struct Builder {
    scopes: Vec<Scope>,
    keys: HashMap<(u32, u32, u8), ScopeId>,
    stack: Vec<ScopeId>,
    error: Option<SymError>,
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let id = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[id]
    }
    fn err(&mut self, msg: String, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(SymError { msg, range });
        }
    }
    /// `global` / `nonlocal` declarations: CPython's conflict errors, then the definition.
    /// `flag` is this declaration's kind, `other` the opposite one.
    fn declare(
        &mut self,
        names: &[ruff_python_ast::Identifier],
        range: TextRange,
        kind: &str,
        flag: u32,
        other: u32,
    ) {
        for n in names {
            let name = self.mangle(&n.id);
            let fl = self.cur().flags_of(&name);
            let what = if fl & DEF_PARAM != 0 {
                Some(format!("is parameter and {kind}"))
            } else if fl & other != 0 {
                Some("is nonlocal and global".to_string())
            } else if fl & DEF_LOCAL != 0 {
                Some(format!("is assigned to before {kind} declaration"))
            } else if fl & USE != 0 {
                Some(format!("is used prior to {kind} declaration"))
            } else {
                None
            };
            if let Some(w) = what {
                let loc = if fl & (DEF_GLOBAL | DEF_NONLOCAL) != 0 {
                    self.cur().decl_loc.get(&name).copied().unwrap_or(range)
                } else {
                    range
                };
                self.err(format!("name '{name}' {w}"), loc);
                return;
            }
            self.add_def(&n.id, flag, range);
            self.cur().decl_loc.entry(name).or_insert(range);
        }
    }

    fn mangle(&self, name: &str) -> String {
        let id = *self.stack.last().unwrap_or(&0);
        mangle(self.scopes[id].private.as_deref(), name)
    }
    fn add_def_in(&mut self, id: ScopeId, name: &str, flag: u32, range: TextRange) {
        let sc = &mut self.scopes[id];
        let old = sc.flags.get(name).copied();
        if flag & DEF_PARAM != 0 {
            if let Some(o) = old {
                if o & DEF_PARAM != 0 {
                    self.err(
                        format!("duplicate argument '{name}' in function definition"),
                        range,
                    );
                    return;
                }
            }
        }
        let sc = &mut self.scopes[id];
        match old {
            Some(o) => {
                sc.flags.insert(name.to_string(), o | flag);
            }
            None => {
                sc.order.push(name.to_string());
                sc.flags.insert(name.to_string(), flag);
            }
        }
    }
    fn add_def(&mut self, name: &str, flag: u32, range: TextRange) {
        if name == "__debug__" && flag & (DEF_LOCAL | DEF_PARAM | DEF_IMPORT) != 0 {
            self.err("cannot assign to __debug__".into(), range);
            return;
        }
        let name = self.mangle(name);
        let id = *self.stack.last().unwrap_or(&0);
        self.add_def_in(id, &name, flag, range);
    }
    fn enter(&mut self, kind: ScopeKind, name: String, range: TextRange, tag: u8) -> ScopeId {
        let parent = *self.stack.last().unwrap_or(&0);
        let private = if kind == ScopeKind::Class {
            Some(name.clone())
        } else {
            self.scopes[parent].private.clone()
        };
        let id = self.scopes.len();
        self.scopes
            .push(Scope::new(kind, name, Some(parent), private));
        self.scopes[parent].children.push(id);
        self.keys.insert(key(range, tag), id);
        self.stack.push(id);
        id
    }
    fn leave(&mut self) {
        self.stack.pop();
    }
    fn params(&mut self, p: &Parameters) {
        let mut names: Vec<(&str, TextRange)> = Vec::new();
        for a in p.posonlyargs.iter().chain(p.args.iter()) {
            names.push((&a.parameter.name.id, a.parameter.range));
        }
        for a in p.kwonlyargs.iter() {
            names.push((&a.parameter.name.id, a.parameter.range));
        }
        if let Some(v) = &p.vararg {
            names.push((&v.name.id, v.range));
        }
        if let Some(k) = &p.kwarg {
            names.push((&k.name.id, k.range));
        }
        for (n, r) in names {
            self.add_def(n, DEF_PARAM, r);
            let m = self.mangle(n);
            self.cur().params.push(m);
        }
    }
    /// Defaults and annotations are evaluated in the enclosing scope.
    fn param_outer(&mut self, p: &Parameters, annotations: bool) {
        for a in p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .chain(p.kwonlyargs.iter())
        {
            if let Some(d) = &a.default {
                self.visit_expr(d);
            }
        }
        if annotations {
            for a in p
                .posonlyargs
                .iter()
                .chain(p.args.iter())
                .chain(p.kwonlyargs.iter())
            {
                if let Some(an) = &a.parameter.annotation {
                    self.visit_expr(an);
                }
            }
            for v in [&p.vararg, &p.kwarg].into_iter().flatten() {
                if let Some(an) = &v.annotation {
                    self.visit_expr(an);
                }
            }
        }
    }
    fn comprehension(
        &mut self,
        range: TextRange,
        name: &str,
        kind: &'static str,
        generators: &[Comprehension],
        elts: &[&Expr],
        is_gen: bool,
    ) {
        let Some(first) = generators.first() else {
            return;
        };
        if first.is_async || generators.iter().any(|g| g.is_async) {
            self.err(
                "asynchronous comprehension outside of an asynchronous function".into(),
                range,
            );
            return;
        }
        self.visit_expr(&first.iter);
        let id = self.enter(ScopeKind::Comprehension, name.to_string(), range, TAG_COMP);
        self.scopes[id].is_generator = is_gen;
        self.scopes[id].comp_kind = kind;
        self.add_def(".0", DEF_PARAM, range);
        self.cur().params.push(".0".into());
        for (i, g) in generators.iter().enumerate() {
            self.comp_target(&g.target);
            if i > 0 {
                self.visit_expr(&g.iter);
            }
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
        self.leave();
    }
    fn comp_target(&mut self, t: &Expr) {
        match t {
            Expr::Name(n) => self.add_def(&n.id, DEF_LOCAL | DEF_COMP_ITER, n.range),
            Expr::Tuple(tu) => tu.elts.iter().for_each(|e| self.comp_target(e)),
            Expr::List(l) => l.elts.iter().for_each(|e| self.comp_target(e)),
            Expr::Starred(s) => self.comp_target(&s.value),
            other => self.visit_expr(other),
        }
    }
    fn walrus_target(&mut self, name: &str, range: TextRange) {
        let cur = *self.stack.last().unwrap_or(&0);
        if self.scopes[cur].kind != ScopeKind::Comprehension {
            self.add_def(name, DEF_LOCAL, range);
            return;
        }
        let name = self.mangle(name);
        for &sid in self.stack.clone().iter().rev() {
            let sc = &self.scopes[sid];
            match sc.kind {
                ScopeKind::Comprehension => {
                    if sc.flags_of(&name) & DEF_COMP_ITER != 0 {
                        self.err(
                            format!("assignment expression cannot rebind comprehension iteration variable '{name}'"),
                            range,
                        );
                        return;
                    }
                }
                ScopeKind::Function | ScopeKind::Lambda => {
                    let g = sc.flags_of(&name) & DEF_GLOBAL != 0;
                    self.add_def_in(cur, &name, if g { DEF_GLOBAL } else { DEF_NONLOCAL }, range);
                    self.scopes[cur]
                        .decl_loc
                        .entry(name.clone())
                        .or_insert(range);
                    self.add_def_in(sid, &name, DEF_LOCAL, range);
                    return;
                }
                ScopeKind::Module => {
                    self.add_def_in(cur, &name, DEF_GLOBAL, range);
                    self.add_def_in(sid, &name, DEF_GLOBAL, range);
                    return;
                }
                ScopeKind::Class => {
                    self.err(
                        "assignment expression within a comprehension cannot be used in a class body".into(),
                        range,
                    );
                    return;
                }
            }
        }
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.error.is_some() {
            return;
        }
        match stmt {
            Stmt::FunctionDef(f) => {
                if f.is_async {
                    let name = f.name.range.start();
                    let kw = name.checked_sub(10.into()).unwrap_or(name);
                    let r = TextRange::new(kw.max(f.range.start()), name);
                    self.err("numjit: async functions are not supported yet".into(), r);
                    return;
                }
                self.add_def(&f.name.id, DEF_LOCAL, f.name.range);
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.param_outer(&f.parameters, true);
                if let Some(r) = &f.returns {
                    self.visit_expr(r);
                }
                self.enter(
                    ScopeKind::Function,
                    f.name.id.to_string(),
                    f.range,
                    TAG_FUNC,
                );
                self.params(&f.parameters);
                for s in &f.body {
                    self.visit_stmt(s);
                }
                self.leave();
            }
            Stmt::ClassDef(c) => {
                self.add_def(&c.name.id, DEF_LOCAL, c.name.range);
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.visit_expr(a);
                    }
                    for k in args.keywords.iter() {
                        self.visit_expr(&k.value);
                    }
                }
                self.enter(ScopeKind::Class, c.name.id.to_string(), c.range, TAG_CLASS);
                for s in &c.body {
                    self.visit_stmt(s);
                }
                self.leave();
            }
            Stmt::Global(g) => self.declare(&g.names, g.range, "global", DEF_GLOBAL, DEF_NONLOCAL),
            Stmt::Nonlocal(g) => {
                if self.cur().kind == ScopeKind::Module {
                    self.err(
                        "nonlocal declaration not allowed at module level".into(),
                        g.range,
                    );
                    return;
                }
                self.declare(&g.names, g.range, "nonlocal", DEF_NONLOCAL, DEF_GLOBAL);
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = match &a.asname {
                        Some(n) => n.id.to_string(),
                        None => a.name.id.split('.').next().unwrap_or("").to_string(),
                    };
                    self.add_def(&bound, DEF_IMPORT, a.range);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    if &*a.name.id == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            self.err("import * only allowed at module level".into(), a.range);
                            return;
                        }
                        continue;
                    }
                    let bound = a.asname.as_ref().unwrap_or(&a.name).id.to_string();
                    self.add_def(&bound, DEF_IMPORT, a.range);
                }
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    let name = self.mangle(&n.id);
                    let fl = self.cur().flags_of(&name);
                    if fl & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && a.simple {
                        let what = if fl & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        self.err(format!("annotated name '{name}' can't be {what}"), a.range);
                        return;
                    }
                    self.add_def(&n.id, DEF_LOCAL, n.range);
                } else {
                    self.visit_expr(&a.target);
                }
                if !self.cur().kind.is_function() {
                    self.visit_expr(&a.annotation);
                }
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
            }
            Stmt::With(w) if w.is_async => {
                self.err("'async with' outside async function".into(), w.range);
            }
            Stmt::For(f) if f.is_async => {
                self.err("'async for' outside async function".into(), f.range);
            }
            Stmt::Try(t) if t.is_star => {
                let r = TextRange::at(t.range.start(), 3.into());
                self.err("numjit: 'except*' is not supported yet".into(), r);
            }
            Stmt::TypeAlias(t) => {
                self.err("invalid syntax".into(), t.range);
            }
            _ => visitor::walk_stmt(self, stmt),
        }
    }

    fn visit_pattern(&mut self, p: &'a Pattern) {
        let name = match p {
            Pattern::MatchAs(a) => a.name.as_ref(),
            Pattern::MatchStar(s) => s.name.as_ref(),
            Pattern::MatchMapping(m) => m.rest.as_ref(),
            _ => None,
        };
        if let Some(n) = name {
            self.add_def(&n.id, DEF_LOCAL, n.range);
        }
        visitor::walk_pattern(self, p);
    }

    fn visit_except_handler(&mut self, h: &'a ExceptHandler) {
        let ExceptHandler::ExceptHandler(h) = h;
        if let Some(t) = &h.type_ {
            self.visit_expr(t);
        }
        if let Some(n) = &h.name {
            self.add_def(&n.id, DEF_LOCAL, n.range);
        }
        for s in &h.body {
            self.visit_stmt(s);
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.error.is_some() {
            return;
        }
        match expr {
            Expr::Name(n) => {
                if &*n.id == "__debug__" && n.ctx == ExprContext::Del {
                    self.err("cannot delete __debug__".into(), n.range);
                    return;
                }
                let flag = match n.ctx {
                    ExprContext::Load => USE,
                    _ => DEF_LOCAL,
                };
                self.add_def(&n.id, flag, n.range);
                if n.ctx == ExprContext::Load && &*n.id == "super" && self.cur().kind.is_function()
                {
                    let id = *self.stack.last().unwrap_or(&0);
                    self.add_def_in(id, "__class__", USE, n.range);
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.param_outer(p, false);
                }
                self.enter(ScopeKind::Lambda, "<lambda>".into(), l.range, TAG_LAMBDA);
                if let Some(p) = &l.parameters {
                    self.params(p);
                }
                self.visit_expr(&l.body);
                self.leave();
            }
            Expr::ListComp(c) => self.comprehension(
                c.range,
                "<listcomp>",
                "list comprehension",
                &c.generators,
                &[&c.elt],
                false,
            ),
            Expr::SetComp(c) => self.comprehension(
                c.range,
                "<setcomp>",
                "set comprehension",
                &c.generators,
                &[&c.elt],
                false,
            ),
            Expr::Generator(c) => self.comprehension(
                c.range,
                "<genexpr>",
                "generator expression",
                &c.generators,
                &[&c.elt],
                true,
            ),
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension(
                    c.range,
                    "<dictcomp>",
                    "dict comprehension",
                    &c.generators,
                    &elts,
                    false,
                )
            }
            Expr::Named(n) => {
                self.visit_expr(&n.value);
                if let Expr::Name(t) = &*n.target {
                    self.walrus_target(&t.id, t.range);
                } else {
                    self.visit_expr(&n.target);
                }
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                let kind = self.cur().kind;
                match kind {
                    ScopeKind::Module | ScopeKind::Class => {
                        self.err("'yield' outside function".into(), expr.range());
                        return;
                    }
                    ScopeKind::Comprehension => {
                        let what = self.cur().comp_kind;
                        self.err(format!("'yield' inside {what}"), expr.range());
                        return;
                    }
                    _ => self.cur().is_generator = true,
                }
                visitor::walk_expr(self, expr);
            }
            Expr::Await(a) => {
                let msg = if self.cur().kind.is_function() {
                    "'await' outside async function"
                } else {
                    "'await' outside function"
                };
                self.err(msg.into(), a.range);
            }
            _ => visitor::walk_expr(self, expr),
        }
    }
}

/// Builds and analyses the symbol table of a module.
pub fn build(body: &[Stmt]) -> Result<SymbolTable, SymError> {
    let mut b = Builder {
        scopes: vec![Scope::new(ScopeKind::Module, "<module>".into(), None, None)],
        keys: HashMap::new(),
        stack: vec![0],
        error: None,
    };
    for s in body {
        b.visit_stmt(s);
    }
    if let Some(e) = b.error {
        return Err(e);
    }
    let mut scopes = b.scopes;
    let mut global = HashSet::new();
    analyze(&mut scopes, 0, None, &mut global)?;
    Ok(SymbolTable {
        scopes,
        keys: b.keys,
    })
}

/// Also used for eval-mode expressions: a module scope around one expression.
pub fn build_expr(e: &Expr) -> Result<SymbolTable, SymError> {
    let mut b = Builder {
        scopes: vec![Scope::new(ScopeKind::Module, "<module>".into(), None, None)],
        keys: HashMap::new(),
        stack: vec![0],
        error: None,
    };
    b.visit_expr(e);
    if let Some(err) = b.error {
        return Err(err);
    }
    let mut scopes = b.scopes;
    let mut global = HashSet::new();
    analyze(&mut scopes, 0, None, &mut global)?;
    Ok(SymbolTable {
        scopes,
        keys: b.keys,
    })
}

fn analyze(
    scopes: &mut [Scope],
    id: ScopeId,
    bound: Option<&HashSet<String>>,
    global: &mut HashSet<String>,
) -> Result<HashSet<String>, SymError> {
    let kind = scopes[id].kind;
    let mut local: HashSet<String> = HashSet::new();
    let mut free: HashSet<String> = HashSet::new();
    let mut newbound: HashSet<String> = HashSet::new();
    let mut newglobal: HashSet<String> = HashSet::new();
    if kind == ScopeKind::Class {
        newglobal.extend(global.iter().cloned());
        if let Some(b) = bound {
            newbound.extend(b.iter().cloned());
        }
    }
    let mut bound_local: Option<HashSet<String>> = bound.cloned();
    let names = scopes[id].order.clone();
    for name in &names {
        let flags = scopes[id].flags_of(name);
        let loc = scopes[id].decl_loc.get(name).copied().unwrap_or_default();
        let sym = if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(SymError {
                    msg: format!("name '{name}' is nonlocal and global"),
                    range: loc,
                });
            }
            global.insert(name.clone());
            if let Some(b) = bound_local.as_mut() {
                b.remove(name);
            }
            Sym::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            match bound {
                None => {
                    return Err(SymError {
                        msg: "nonlocal declaration not allowed at module level".into(),
                        range: loc,
                    })
                }
                Some(b) if !b.contains(name) => {
                    return Err(SymError {
                        msg: format!("no binding for nonlocal '{name}' found"),
                        range: loc,
                    })
                }
                _ => {}
            }
            free.insert(name.clone());
            Sym::Free
        } else if flags & DEF_BOUND != 0 {
            local.insert(name.clone());
            global.remove(name);
            Sym::Local
        } else if bound.is_some_and(|b| b.contains(name)) {
            free.insert(name.clone());
            Sym::Free
        } else {
            Sym::GlobalImplicit
        };
        scopes[id].scopes.insert(name.clone(), sym);
    }
    if kind != ScopeKind::Class {
        if kind.is_function() {
            newbound.extend(local.iter().cloned());
        }
        if let Some(b) = bound {
            newbound.extend(b.iter().cloned());
        }
        newglobal.extend(global.iter().cloned());
    } else {
        newbound.insert("__class__".into());
    }
    let mut newfree: HashSet<String> = HashSet::new();
    let children = scopes[id].children.clone();
    for c in children {
        let mut g = newglobal.clone();
        let child_free = analyze(scopes, c, Some(&newbound), &mut g)?;
        newfree.extend(child_free);
    }
    if kind.is_function() {
        // Locals captured by children become cells.
        let locals: Vec<String> = scopes[id]
            .scopes
            .iter()
            .filter(|(_, s)| **s == Sym::Local)
            .map(|(n, _)| n.clone())
            .collect();
        for n in locals {
            if newfree.remove(&n) {
                scopes[id].scopes.insert(n, Sym::Cell);
            }
        }
    } else if kind == ScopeKind::Class && newfree.remove("__class__") {
        scopes[id].needs_class_closure = true;
    }
    // Record children's free variables passing through this scope.
    for name in newfree.iter() {
        if let Some(&s) = scopes[id].scopes.get(name) {
            if kind == ScopeKind::Class && (matches!(s, Sym::Local | Sym::GlobalExplicit)) {
                let f = scopes[id].flags_of(name) | DEF_FREE_CLASS;
                scopes[id].flags.insert(name.clone(), f);
            }
            continue;
        }
        if let Some(b) = bound {
            if !b.contains(name) {
                continue;
            }
        } else {
            continue;
        }
        scopes[id].scopes.insert(name.clone(), Sym::Free);
        scopes[id].order.push(name.clone());
    }
    let _ = bound_local;
    free.extend(newfree);
    Ok(free)
}
