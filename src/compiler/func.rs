//! Code generation for scopes: functions, lambdas, classes and comprehensions (nested code
//! objects, defaults, annotations, closures, decorators).

use ruff_python_ast::{Comprehension, Expr, Parameters, Stmt, StmtClassDef, StmtFunctionDef};
use ruff_text_size::{Ranged, TextRange};

use super::code::{flags, Code, Constant};
use super::opcode::{make_function, Op};
use super::symtable::{ScopeKind, TAG_CLASS, TAG_COMP, TAG_FUNC, TAG_LAMBDA};
use super::{CResult, Compiler, Ctx};
use std::rc::Rc;

/// Which comprehension is being compiled.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum CompKind {
    List,
    Set,
    Dict,
    Gen,
}

impl<'a> Compiler<'a> {
    /// Positions the implicit return at the end of the last statement of `body`.
    fn set_end_loc(&mut self, body: &[Stmt]) {
        if let Some(last) = body.last() {
            let p = self.position(last.range());
            self.u().pos = super::code::Position {
                line: p.end_line,
                end_line: p.end_line,
                col: p.end_col,
                end_col: p.end_col,
            };
        }
    }

    fn line_of(&self, r: TextRange) -> u32 {
        self.lines.pos(r.start().to_usize()).0
    }

    /// Pushes defaults / kw-defaults / annotations; returns the MakeFunction flags.
    fn function_prelude(
        &mut self,
        p: Option<&'a Parameters>,
        returns: Option<&'a Expr>,
        annotations: bool,
    ) -> CResult<u32> {
        let mut fl = 0;
        let Some(p) = p else {
            return Ok(0);
        };
        let defaults: Vec<&Expr> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            if let Some(consts) = defaults
                .iter()
                .map(|d| self.const_value(d))
                .collect::<Option<Vec<_>>>()
            {
                self.load_const(Constant::Tuple(consts.into()));
            } else {
                for d in &defaults {
                    self.expr(d)?;
                }
                self.emit(Op::BuildTuple, defaults.len() as u32);
            }
            fl |= make_function::DEFAULTS;
        }
        let kwdefaults: Vec<(&str, &Expr)> = p
            .kwonlyargs
            .iter()
            .filter_map(|a| {
                a.default
                    .as_deref()
                    .map(|d| (a.parameter.name.id.as_str(), d))
            })
            .collect();
        if !kwdefaults.is_empty() {
            for (n, d) in &kwdefaults {
                let m = self.mangle(n);
                self.load_const(Constant::Str(m.as_str().into()));
                self.expr(d)?;
            }
            self.emit(Op::BuildMap, kwdefaults.len() as u32);
            fl |= make_function::KWDEFAULTS;
        }
        if annotations {
            let mut anns: Vec<(String, &Expr)> = Vec::new();
            for a in p.posonlyargs.iter().chain(p.args.iter()) {
                if let Some(an) = &a.parameter.annotation {
                    anns.push((a.parameter.name.id.to_string(), an));
                }
            }
            if let Some(v) = &p.vararg {
                if let Some(an) = &v.annotation {
                    anns.push((v.name.id.to_string(), an));
                }
            }
            for a in p.kwonlyargs.iter() {
                if let Some(an) = &a.parameter.annotation {
                    anns.push((a.parameter.name.id.to_string(), an));
                }
            }
            if let Some(v) = &p.kwarg {
                if let Some(an) = &v.annotation {
                    anns.push((v.name.id.to_string(), an));
                }
            }
            if let Some(r) = returns {
                anns.push(("return".to_string(), r));
            }
            if !anns.is_empty() {
                for (n, an) in &anns {
                    let m = self.mangle(n);
                    self.load_const(Constant::Str(m.as_str().into()));
                    if self.future_annotations {
                        let t = self.source_text(an.range());
                        self.load_const(Constant::Str(t.as_str().into()));
                    } else if let Expr::Starred(st) = an {
                        self.expr(&st.value)?;
                        self.emit(Op::UnpackSequence, 1);
                    } else {
                        self.expr(an)?;
                    }
                }
                self.emit(Op::BuildMap, anns.len() as u32);
                fl |= make_function::ANNOTATIONS;
            }
        }
        Ok(fl)
    }

    fn set_arg_counts(&mut self, p: Option<&Parameters>) {
        let Some(p) = p else {
            return;
        };
        let u = self.u();
        u.posonlyargcount = p.posonlyargs.len() as u32;
        u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        u.kwonlyargcount = p.kwonlyargs.len() as u32;
        if p.vararg.is_some() {
            u.flags |= flags::VARARGS;
        }
        if p.kwarg.is_some() {
            u.flags |= flags::VARKEYWORDS;
        }
    }

    fn function_flags(&self, scope: usize) -> u32 {
        let mut f = flags::OPTIMIZED | flags::NEWLOCALS;
        if self.table.scopes[scope].is_generator {
            f |= flags::GENERATOR;
        }
        if self.units.len() > 1 && self.scope_kind().is_function() {
            f |= flags::NESTED;
        }
        f
    }

    /// Emits the closure (if any), the code constant and MakeFunction.
    fn make_function(&mut self, code: Code, mut fl: u32) {
        if self.load_closure(&code) {
            fl |= make_function::CLOSURE;
        }
        self.load_const(Constant::Code(Rc::new(code)));
        self.emit(Op::MakeFunction, fl);
    }

    pub(crate) fn function_def(&mut self, f: &'a StmtFunctionDef) -> CResult<()> {
        if f.is_async {
            return self.err("numjit: async functions are not supported yet", f.range);
        }
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        let fl = self.function_prelude(Some(&f.parameters), f.returns.as_deref(), true)?;
        self.check_scope_depth(f.range)?;
        let Some(scope) = self.table.lookup(f.range, TAG_FUNC) else {
            return self.err("numjit: internal error: no scope for function", f.range);
        };
        let first_line = f
            .decorator_list
            .first()
            .map_or(self.line_of(f.range), |d| self.line_of(d.range));
        let qualname = self.qualname(&f.name.id);
        let cflags = self.function_flags(scope);
        self.enter_unit(scope, &f.name.id, &qualname, first_line);
        self.u().flags = cflags;
        self.set_arg_counts(Some(&f.parameters));
        let doc = Self::docstring(&f.body);
        let body: &'a [Stmt] = if doc.is_some() { &f.body[1..] } else { &f.body };
        match doc {
            Some(d) => self.u().add_const(Constant::Str(d.as_str().into())),
            None => self.u().add_const(Constant::None),
        };
        let r = self.stmts(body);
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        if !self.u().ends_with_exit() || body.is_empty() {
            self.set_end_loc(&f.body);
            self.load_none();
            self.emit(Op::ReturnValue, 0);
        }
        let code = self.leave_unit()?;
        self.make_function(code, fl);
        for _ in &f.decorator_list {
            self.emit(Op::Call, 1);
        }
        self.name_op(&f.name.id, Ctx::Store);
        Ok(())
    }

    pub(crate) fn lambda(&mut self, l: &'a ruff_python_ast::ExprLambda) -> CResult<()> {
        let fl = self.function_prelude(l.parameters.as_deref(), None, false)?;
        self.check_scope_depth(l.range)?;
        let Some(scope) = self.table.lookup(l.range, TAG_LAMBDA) else {
            return self.err("numjit: internal error: no scope for lambda", l.range);
        };
        let qualname = self.qualname("<lambda>");
        let cflags = self.function_flags(scope);
        self.enter_unit(scope, "<lambda>", &qualname, self.line_of(l.range));
        self.u().flags = cflags;
        self.set_arg_counts(l.parameters.as_deref());
        self.u().add_const(Constant::None);
        if let Err(e) = self.expr(&l.body) {
            self.units.pop();
            return Err(e);
        }
        self.emit(Op::ReturnValue, 0);
        let code = self.leave_unit()?;
        self.make_function(code, fl);
        Ok(())
    }

    pub(crate) fn class_def(&mut self, c: &'a StmtClassDef) -> CResult<()> {
        if c.type_params.is_some() {
            return self.err("invalid syntax", c.range);
        }
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        self.check_scope_depth(c.range)?;
        let Some(scope) = self.table.lookup(c.range, TAG_CLASS) else {
            return self.err("numjit: internal error: no scope for class", c.range);
        };
        let first_line = c
            .decorator_list
            .first()
            .map_or(self.line_of(c.range), |d| self.line_of(d.range));
        self.emit(Op::LoadBuildClass, 0);
        let qualname = self.qualname(&c.name.id);
        let nested = self.units.len() > 1 && self.scope_kind().is_function();
        self.enter_unit(scope, &c.name.id, &qualname, first_line);
        self.u().flags = flags::CLASS_BODY | if nested { flags::NESTED } else { 0 };
        let r = self.class_body(c, &qualname);
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        let code = self.leave_unit()?;
        self.make_function(code, 0);
        self.load_const(Constant::Str(c.name.id.as_str().into()));
        match &c.arguments {
            Some(args) => self.call_helper(2, &args.args, &args.keywords)?,
            None => self.emit(Op::Call, 2),
        }
        for _ in &c.decorator_list {
            self.emit(Op::Call, 1);
        }
        self.name_op(&c.name.id, Ctx::Store);
        Ok(())
    }

    fn class_body(&mut self, c: &'a StmtClassDef, qualname: &str) -> CResult<()> {
        self.emit_name(Op::LoadName, "__name__");
        self.emit_name(Op::StoreName, "__module__");
        self.load_const(Constant::Str(qualname.into()));
        self.emit_name(Op::StoreName, "__qualname__");
        let mut body: &'a [Stmt] = &c.body;
        if let Some(d) = Self::docstring(body) {
            self.load_const(Constant::Str(d.as_str().into()));
            self.emit_name(Op::StoreName, "__doc__");
            body = &body[1..];
        }
        if super::stmt::find_ann(body) {
            self.emit(Op::SetupAnnotations, 0);
        }
        self.stmts(body)?;
        self.set_end_loc(&c.body);
        let scope = self.st().scope;
        if self.table.scopes[scope].needs_class_closure {
            let i = self.u().cell_index("__class__").unwrap_or(0);
            self.emit(Op::LoadClosure, i);
        } else {
            self.load_none();
        }
        self.emit(Op::ReturnValue, 0);
        Ok(())
    }

    pub(crate) fn comprehension(
        &mut self,
        range: TextRange,
        kind: CompKind,
        generators: &'a [Comprehension],
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult<()> {
        self.check_scope_depth(range)?;
        let Some(scope) = self.table.lookup(range, TAG_COMP) else {
            return self.err("numjit: internal error: no scope for comprehension", range);
        };
        let Some(first) = generators.first() else {
            return self.err("invalid syntax", range);
        };
        let name = match kind {
            CompKind::List => "<listcomp>",
            CompKind::Set => "<setcomp>",
            CompKind::Dict => "<dictcomp>",
            CompKind::Gen => "<genexpr>",
        };
        let qualname = self.qualname(name);
        let mut cflags = self.function_flags(scope);
        if kind == CompKind::Gen {
            cflags |= flags::GENERATOR;
        }
        self.enter_unit(scope, name, &qualname, self.line_of(range));
        self.u().flags = cflags;
        self.u().argcount = 1;
        let r = (|| -> CResult<()> {
            match kind {
                CompKind::List => self.emit(Op::BuildList, 0),
                CompKind::Set => self.emit(Op::BuildSet, 0),
                CompKind::Dict => self.emit(Op::BuildMap, 0),
                CompKind::Gen => {}
            }
            self.comp_generator(generators, 0, kind, elt, val)?;
            if kind == CompKind::Gen {
                self.load_none();
            }
            self.emit(Op::ReturnValue, 0);
            Ok(())
        })();
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        let code = self.leave_unit()?;
        self.make_function(code, 0);
        self.expr(&first.iter)?;
        self.emit(Op::GetIter, 0);
        self.emit(Op::Call, 1);
        Ok(())
    }

    fn comp_generator(
        &mut self,
        gens: &'a [Comprehension],
        i: usize,
        kind: CompKind,
        elt: &'a Expr,
        val: Option<&'a Expr>,
    ) -> CResult<()> {
        let g = &gens[i];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if i == 0 {
            self.emit(Op::LoadFast, 0);
        } else {
            self.expr(&g.iter)?;
            self.emit(Op::GetIter, 0);
        }
        self.bind(start);
        self.emit_jump(Op::ForIter, anchor);
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, if_cleanup, false)?;
        }
        if i + 1 < gens.len() {
            self.comp_generator(gens, i + 1, kind, elt, val)?;
        } else {
            let depth = gens.len() as u32 + 1;
            match kind {
                CompKind::Gen => {
                    self.expr(elt)?;
                    self.emit(Op::YieldValue, 0);
                    self.emit(Op::PopTop, 0);
                }
                CompKind::List => {
                    self.expr(elt)?;
                    self.emit(Op::ListAppend, depth);
                }
                CompKind::Set => {
                    self.expr(elt)?;
                    self.emit(Op::SetAdd, depth);
                }
                CompKind::Dict => {
                    self.expr(elt)?;
                    if let Some(v) = val {
                        self.expr(v)?;
                    }
                    self.emit(Op::MapAdd, depth);
                }
            }
        }
        self.bind(if_cleanup);
        self.emit_jump(Op::JumpBackward, start);
        self.bind(anchor);
        Ok(())
    }

    /// Whether the current function can use zero-argument `super()`: returns the ops to load
    /// `__class__` and the first argument.
    pub(crate) fn super_args(&mut self) -> Option<(u32, bool, u32)> {
        let scope = self.st().scope;
        let sc = &self.table.scopes[scope];
        if !matches!(sc.kind, ScopeKind::Function | ScopeKind::Lambda) {
            return None;
        }
        if sc.lookup("__class__") != Some(super::symtable::Sym::Free) {
            return None;
        }
        let first = sc.params.first()?.clone();
        let flags = self.st().unit.flags;
        if self.st().unit.argcount == 0 && flags & flags::VARARGS == 0 {
            return None;
        }
        let class_idx = self.u().deref_index("__class__")?;
        if let Some(ci) = self.u().cell_index(&first) {
            Some((class_idx, true, ci))
        } else {
            Some((class_idx, false, 0))
        }
    }
}
