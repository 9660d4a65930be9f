//! Statement code generation (CPython 3.11 compile.c layouts): assignments, control flow,
//! loops, try/except/finally, with, imports, return/break/continue unwinding.

use ruff_python_ast::{ExceptHandler, Expr, Stmt, StmtTry, StmtWith};
use ruff_text_size::{Ranged, TextRange};

use super::code::Constant;
use super::opcode::{BinOp, Op};
use super::{CResult, Compiler, Ctx, FBlock};

/// CPython's CO_MAXBLOCKS: the deepest nesting of loops, try and with blocks.
const MAX_BLOCKS: usize = 20;

/// Whether a body (not descending into functions/classes) has annotated assignments.
pub fn find_ann(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(_) => true,
        Stmt::For(f) => find_ann(&f.body) || find_ann(&f.orelse),
        Stmt::While(w) => find_ann(&w.body) || find_ann(&w.orelse),
        Stmt::If(i) => find_ann(&i.body) || i.elif_else_clauses.iter().any(|c| find_ann(&c.body)),
        Stmt::With(w) => find_ann(&w.body),
        Stmt::Try(t) => {
            find_ann(&t.body)
                || find_ann(&t.orelse)
                || find_ann(&t.finalbody)
                || t.handlers.iter().any(|h| {
                    let ExceptHandler::ExceptHandler(h) = h;
                    find_ann(&h.body)
                })
        }
        _ => false,
    })
}

pub(crate) fn binop(op: ruff_python_ast::Operator) -> BinOp {
    use ruff_python_ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::TrueDiv,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::Or,
        O::BitXor => BinOp::Xor,
        O::BitAnd => BinOp::And,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn stmts(&mut self, body: &'a [Stmt]) -> CResult<()> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn stmt(&mut self, s: &'a Stmt) -> CResult<()> {
        self.enter_depth(s.range())?;
        let p = self.set_loc(s.range());
        let r = self.stmt_inner(s);
        self.restore_loc(p);
        self.depth -= 1;
        r
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> CResult<()> {
        if matches!(
            s,
            Stmt::For(_) | Stmt::While(_) | Stmt::Try(_) | Stmt::With(_)
        ) && self.st().fblocks.len() >= MAX_BLOCKS
        {
            return self.err("too many statically nested blocks", s.range());
        }
        match s {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Return(r) => {
                if !self.scope_kind().is_function() {
                    return self.err("'return' outside function", r.range);
                }
                let preserve = r.value.as_ref().is_some_and(|v| !is_const_expr(v));
                if preserve {
                    self.expr(r.value.as_ref().expect("value"))?;
                }
                let saved = self.u().handler_stack.clone();
                self.unwind_all(preserve)?;
                if !preserve {
                    match &r.value {
                        Some(v) => self.expr(v)?,
                        None => self.load_none(),
                    }
                }
                self.emit(Op::ReturnValue, 0);
                self.u().handler_stack = saved;
                Ok(())
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Op::Copy, 1);
                    }
                    self.store_target(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.aug_assign(&a.target, a.op, &a.value),
            Stmt::AnnAssign(a) => self.ann_assign(a),
            Stmt::For(f) => self.for_loop(f),
            Stmt::While(w) => self.while_loop(w),
            Stmt::If(i) => {
                let end = self.new_label();
                let mut next = self.new_label();
                let has_else = !i.elif_else_clauses.is_empty();
                self.jump_if(&i.test, if has_else { next } else { end }, false)?;
                self.stmts(&i.body)?;
                for clause in &i.elif_else_clauses {
                    self.emit_jump(Op::Jump, end);
                    self.bind(next);
                    next = self.new_label();
                    let p = self.set_loc(clause.range);
                    if let Some(t) = &clause.test {
                        self.jump_if(t, next, false)?;
                    }
                    self.stmts(&clause.body)?;
                    self.restore_loc(p);
                }
                if has_else {
                    self.bind(next);
                }
                self.bind(end);
                Ok(())
            }
            Stmt::With(w) => self.with_stmt(w, 0),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Op::RaiseVarargs, n);
                Ok(())
            }
            Stmt::Try(t) => {
                if t.finalbody.is_empty() {
                    self.try_except(t)
                } else {
                    self.try_finally(t)
                }
            }
            Stmt::Assert(a) => {
                let end = self.new_label();
                self.jump_if(&a.test, end, true)?;
                // CPython 3.11 raises at the test's position (its traceback underlines it).
                let p = self.set_loc(a.test.range());
                self.emit(Op::LoadAssertionError, 0);
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                    self.emit(Op::Call, 1);
                }
                self.emit(Op::RaiseVarargs, 1);
                self.restore_loc(p);
                self.bind(end);
                Ok(())
            }
            Stmt::Import(i) => {
                // Every instruction at the statement's position, as CPython 3.11.
                for a in &i.names {
                    self.load_const(Constant::Int(0));
                    self.load_none();
                    self.emit_name(Op::ImportName, &a.name.id);
                    match &a.asname {
                        Some(asname) => {
                            let parts: Vec<&str> = a.name.id.split('.').collect();
                            if parts.len() > 1 {
                                for (k, attr) in parts[1..].iter().enumerate() {
                                    self.emit_name(Op::ImportFrom, attr);
                                    if k + 2 < parts.len() {
                                        self.emit(Op::Swap, 2);
                                        self.emit(Op::PopTop, 0);
                                    }
                                }
                                self.name_op(&asname.id, Ctx::Store);
                                self.emit(Op::PopTop, 0);
                            } else {
                                self.name_op(&asname.id, Ctx::Store);
                            }
                        }
                        None => {
                            let first = a.name.id.split('.').next().unwrap_or("");
                            self.name_op(first, Ctx::Store);
                        }
                    }
                }
                Ok(())
            }
            Stmt::ImportFrom(i) => {
                if i.module.as_ref().is_some_and(|m| &*m.id == "__future__") {
                    for a in &i.names {
                        let known = [
                            "nested_scopes",
                            "generators",
                            "division",
                            "absolute_import",
                            "with_statement",
                            "print_function",
                            "unicode_literals",
                            "barry_as_FLUFL",
                            "generator_stop",
                            "annotations",
                        ];
                        if !known.contains(&&*a.name.id) {
                            return self.err(
                                format!("future feature {} is not defined", a.name.id),
                                a.range,
                            );
                        }
                    }
                }
                self.load_const(Constant::Int(i.level as i64));
                let names: Vec<Constant> = i
                    .names
                    .iter()
                    .map(|a| Constant::Str(a.name.id.as_str().into()))
                    .collect();
                self.load_const(Constant::Tuple(names.into()));
                let module = i.module.as_ref().map_or("", |m| m.id.as_str());
                self.emit_name(Op::ImportName, module);
                if i.names.len() == 1 && &*i.names[0].name.id == "*" {
                    self.emit(Op::ImportStar, 0);
                    return Ok(());
                }
                for a in &i.names {
                    self.emit_name(Op::ImportFrom, &a.name.id);
                    let store = a.asname.as_ref().unwrap_or(&a.name);
                    self.name_op(&store.id, Ctx::Store);
                }
                self.emit(Op::PopTop, 0);
                Ok(())
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.expr(&e.value)?;
                    self.emit(Op::PrintExpr, 0);
                    return Ok(());
                }
                if is_const_expr(&e.value) {
                    return Ok(());
                }
                self.expr(&e.value)?;
                self.emit(Op::PopTop, 0);
                Ok(())
            }
            Stmt::Break(b) => self.break_continue(b.range, true),
            Stmt::Continue(c) => self.break_continue(c.range, false),
            Stmt::Match(m) => self.match_stmt(m),
            Stmt::TypeAlias(t) => self.err("invalid syntax", t.range),
            Stmt::IpyEscapeCommand(c) => self.err("invalid syntax", c.range),
        }
    }

    fn break_continue(&mut self, range: TextRange, is_break: bool) -> CResult<()> {
        let saved = self.u().handler_stack.clone();
        let loop_fb = self.unwind_to_loop()?;
        let Some(fb) = loop_fb else {
            self.u().handler_stack = saved;
            return self.err(
                if is_break {
                    "'break' outside loop"
                } else {
                    "'continue' not properly in loop"
                },
                range,
            );
        };
        match fb {
            FBlock::WhileLoop { start, exit } | FBlock::ForLoop { start, exit } => {
                if is_break {
                    if matches!(fb, FBlock::ForLoop { .. }) {
                        self.emit(Op::PopTop, 0);
                    }
                    self.emit_jump(Op::Jump, exit);
                } else {
                    self.emit_jump(Op::JumpBackward, start);
                }
            }
            _ => {}
        }
        self.u().handler_stack = saved;
        Ok(())
    }

    /// Emits the unwinding code for one frame block.
    fn unwind_fblock(&mut self, fb: &FBlock<'a>, preserve_tos: bool) -> CResult<()> {
        match fb {
            FBlock::WhileLoop { .. } | FBlock::ExceptionHandler => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit(Op::PopTop, 0);
            }
            FBlock::TryExcept => self.u().pop_handler(),
            FBlock::FinallyTry { body } => {
                self.u().pop_handler();
                if preserve_tos {
                    self.st_mut().fblocks.push(FBlock::PopValue);
                }
                self.stmts(body)?;
                if preserve_tos {
                    self.st_mut().fblocks.pop();
                }
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit(Op::PopTop, 0);
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.u().pop_handler();
                self.emit(Op::PopExcept, 0);
            }
            FBlock::With { range } => {
                let p = self.set_loc(*range);
                self.u().pop_handler();
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.call_exit_with_nones();
                self.emit(Op::PopTop, 0);
                self.restore_loc(p);
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.u().pop_handler();
                }
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.u().pop_handler();
                self.emit(Op::PopExcept, 0);
                if let Some(n) = name {
                    self.load_none();
                    self.name_op(n, Ctx::Store);
                    self.name_op(n, Ctx::Del);
                }
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Op::Swap, 2);
                }
                self.emit(Op::PopTop, 0);
            }
        }
        Ok(())
    }

    /// Unwinds every frame block (for `return`).
    fn unwind_all(&mut self, preserve_tos: bool) -> CResult<()> {
        let Some(fb) = self.st_mut().fblocks.pop() else {
            return Ok(());
        };
        let r = self
            .unwind_fblock(&fb, preserve_tos)
            .and_then(|_| self.unwind_all(preserve_tos));
        self.st_mut().fblocks.push(fb);
        r
    }

    /// Unwinds up to the innermost loop; returns it (still on the stack).
    fn unwind_to_loop(&mut self) -> CResult<Option<FBlock<'a>>> {
        let Some(top) = self.st().fblocks.last().cloned() else {
            return Ok(None);
        };
        if matches!(top, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }) {
            return Ok(Some(top));
        }
        let fb = self.st_mut().fblocks.pop().expect("fblock");
        let r = self
            .unwind_fblock(&fb, false)
            .and_then(|_| self.unwind_to_loop());
        self.st_mut().fblocks.push(fb);
        r
    }

    pub(crate) fn call_exit_with_nones(&mut self) {
        self.load_none();
        self.load_none();
        self.load_none();
        self.emit(Op::Call, 3);
    }

    fn for_loop(&mut self, f: &'a ruff_python_ast::StmtFor) -> CResult<()> {
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.expr(&f.iter)?;
        self.emit(Op::GetIter, 0);
        self.bind(start);
        self.emit_jump(Op::ForIter, cleanup);
        self.st_mut()
            .fblocks
            .push(FBlock::ForLoop { start, exit: end });
        self.store_target(&f.target)?;
        self.stmts(&f.body)?;
        self.emit_jump(Op::JumpBackward, start);
        self.st_mut().fblocks.pop();
        self.bind(cleanup);
        self.stmts(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn while_loop(&mut self, w: &'a ruff_python_ast::StmtWhile) -> CResult<()> {
        let start = self.new_label();
        let anchor = self.new_label();
        let end = self.new_label();
        self.bind(start);
        if !is_true_const(&w.test) {
            self.jump_if(&w.test, anchor, false)?;
        }
        self.st_mut()
            .fblocks
            .push(FBlock::WhileLoop { start, exit: end });
        self.stmts(&w.body)?;
        self.emit_jump(Op::JumpBackward, start);
        self.st_mut().fblocks.pop();
        self.bind(anchor);
        self.stmts(&w.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn try_except(&mut self, t: &'a StmtTry) -> CResult<()> {
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        self.u().push_handler(except, false, 0);
        self.st_mut().fblocks.push(FBlock::TryExcept);
        self.stmts(&t.body)?;
        self.st_mut().fblocks.pop();
        self.u().pop_handler();
        self.stmts(&t.orelse)?;
        self.emit_jump(Op::Jump, end);
        self.bind(except);
        let n = t.handlers.len();
        let cleanup_h = self.u().push_handler(cleanup, true, 0);
        self.emit(Op::PushExcInfo, 0);
        self.st_mut().fblocks.push(FBlock::ExceptionHandler);
        for (i, h) in t.handlers.iter().enumerate() {
            let ExceptHandler::ExceptHandler(h) = h;
            let p = self.set_loc(h.range);
            if h.type_.is_none() && i + 1 < n {
                return self.err("default 'except:' must be last", h.range);
            }
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit(Op::CheckExcMatch, 0);
                self.emit_jump(Op::PopJumpIfFalse, next);
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_label();
                self.name_op(&name.id, Ctx::Store);
                self.u().push_handler(cleanup_end, true, 0);
                self.st_mut().fblocks.push(FBlock::HandlerCleanup {
                    name: Some(name.id.to_string()),
                });
                self.stmts(&h.body)?;
                self.st_mut().fblocks.pop();
                self.u().pop_handler();
                self.u().pop_handler();
                self.emit(Op::PopExcept, 0);
                self.load_none();
                self.name_op(&name.id, Ctx::Store);
                self.name_op(&name.id, Ctx::Del);
                self.emit_jump(Op::Jump, end);
                // except: (the handler body raised)
                self.u().reenter_handler(cleanup_h);
                self.bind(cleanup_end);
                self.load_none();
                self.name_op(&name.id, Ctx::Store);
                self.name_op(&name.id, Ctx::Del);
                self.emit(Op::Reraise, 1);
            } else {
                self.emit(Op::PopTop, 0);
                self.st_mut()
                    .fblocks
                    .push(FBlock::HandlerCleanup { name: None });
                self.stmts(&h.body)?;
                self.st_mut().fblocks.pop();
                self.u().pop_handler();
                self.emit(Op::PopExcept, 0);
                self.emit_jump(Op::Jump, end);
                self.u().reenter_handler(cleanup_h);
            }
            self.bind(next);
            self.restore_loc(p);
        }
        self.st_mut().fblocks.pop();
        self.emit(Op::Reraise, 0);
        self.u().pop_handler();
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    pub(crate) fn pop_except_and_reraise(&mut self) {
        self.emit(Op::Copy, 3);
        self.emit(Op::PopExcept, 0);
        self.emit(Op::Reraise, 1);
    }

    fn try_finally(&mut self, t: &'a StmtTry) -> CResult<()> {
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.u().push_handler(end, false, 0);
        self.st_mut()
            .fblocks
            .push(FBlock::FinallyTry { body: &t.finalbody });
        if !t.handlers.is_empty() {
            self.try_except(t)?;
        } else {
            self.stmts(&t.body)?;
        }
        self.u().pop_handler();
        self.st_mut().fblocks.pop();
        self.stmts(&t.finalbody)?;
        self.emit_jump(Op::Jump, exit);
        self.bind(end);
        self.u().push_handler(cleanup, true, 0);
        self.emit(Op::PushExcInfo, 0);
        self.st_mut().fblocks.push(FBlock::FinallyEnd);
        self.stmts(&t.finalbody)?;
        self.st_mut().fblocks.pop();
        self.emit(Op::Reraise, 0);
        self.u().pop_handler();
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }

    fn with_stmt(&mut self, w: &'a StmtWith, pos: usize) -> CResult<()> {
        let Some(item) = w.items.get(pos) else {
            return self.stmts(&w.body);
        };
        let fin = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        self.expr(&item.context_expr)?;
        self.emit(Op::BeforeWith, 0);
        self.u().push_handler(fin, true, -1);
        self.st_mut().fblocks.push(FBlock::With { range: w.range });
        match &item.optional_vars {
            Some(t) => self.store_target(t)?,
            None => self.emit(Op::PopTop, 0),
        }
        if pos + 1 == w.items.len() {
            self.stmts(&w.body)?;
        } else {
            self.with_stmt(w, pos + 1)?;
        }
        let p = self.set_loc(w.range);
        self.u().pop_handler();
        self.st_mut().fblocks.pop();
        self.call_exit_with_nones();
        self.emit(Op::PopTop, 0);
        self.emit_jump(Op::Jump, exit);
        // Exceptional exit.
        self.bind(fin);
        let cleanup_h = self.u().push_handler(cleanup, true, 0);
        self.emit(Op::PushExcInfo, 0);
        self.emit(Op::WithExceptStart, 0);
        let suppress = self.new_label();
        self.emit_jump(Op::PopJumpIfTrue, suppress);
        self.emit(Op::Reraise, 2);
        self.u().pop_handler();
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(suppress);
        // The suppress path is still covered by the cleanup handler until POP_BLOCK.
        self.u().reenter_handler(cleanup_h);
        self.emit(Op::PopTop, 0);
        self.u().pop_handler();
        self.emit(Op::PopExcept, 0);
        self.emit(Op::PopTop, 0);
        self.emit(Op::PopTop, 0);
        self.bind(exit);
        self.restore_loc(p);
        Ok(())
    }

    fn aug_assign(
        &mut self,
        target: &'a Expr,
        op: ruff_python_ast::Operator,
        value: &'a Expr,
    ) -> CResult<()> {
        let arg = binop(op) as u32 | BinOp::INPLACE;
        match target {
            Expr::Name(n) => {
                self.name_op(&n.id, Ctx::Load);
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.name_op(&n.id, Ctx::Store);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                self.emit(Op::Copy, 1);
                let name = self.mangle(&a.attr.id);
                self.emit_name(Op::LoadAttr, &name);
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.emit(Op::Swap, 2);
                self.emit_name(Op::StoreAttr, &name);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::Copy, 2);
                self.emit(Op::Copy, 2);
                self.emit(Op::BinarySubscr, 0);
                self.expr(value)?;
                self.emit(Op::BinaryOp, arg);
                self.emit(Op::Swap, 3);
                self.emit(Op::Swap, 2);
                self.emit(Op::StoreSubscr, 0);
            }
            _ => {
                return self.err(
                    "'expression' is an illegal expression for augmented assignment",
                    target.range(),
                )
            }
        }
        Ok(())
    }

    fn ann_assign(&mut self, a: &'a ruff_python_ast::StmtAnnAssign) -> CResult<()> {
        if let Some(v) = &a.value {
            self.expr(v)?;
            self.store_target(&a.target)?;
        }
        let in_func = self.scope_kind().is_function();
        match &*a.target {
            Expr::Name(n) if a.simple && !in_func => {
                if self.future_annotations {
                    let text = self.source_text(a.annotation.range());
                    self.load_const(Constant::Str(text.into()));
                } else {
                    self.expr(&a.annotation)?;
                }
                self.emit_name(Op::LoadName, "__annotations__");
                let m = self.mangle(&n.id);
                self.load_const(Constant::Str(m.as_str().into()));
                self.emit(Op::StoreSubscr, 0);
            }
            Expr::Attribute(at) if a.value.is_none() => {
                self.expr(&at.value)?;
                self.emit(Op::PopTop, 0);
            }
            Expr::Subscript(s) if a.value.is_none() => {
                self.expr(&s.value)?;
                self.emit(Op::PopTop, 0);
                self.expr(&s.slice)?;
                self.emit(Op::PopTop, 0);
            }
            _ => {}
        }
        if !in_func && !self.future_annotations && !matches!(&*a.target, Expr::Name(_)) {
            self.expr(&a.annotation)?;
            self.emit(Op::PopTop, 0);
        }
        Ok(())
    }

    pub(crate) fn source_text(&self, r: TextRange) -> String {
        self.source
            .get(r.start().to_usize()..r.end().to_usize())
            .unwrap_or("")
            .to_string()
    }

    pub(crate) fn store_target(&mut self, t: &'a Expr) -> CResult<()> {
        let p = self.set_loc(t.range());
        let r = self.store_target_inner(t);
        self.restore_loc(p);
        r
    }

    fn store_target_inner(&mut self, t: &'a Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => {
                if &*n.id == "__debug__" {
                    return self.err("cannot assign to __debug__", n.range);
                }
                self.name_op(&n.id, Ctx::Store);
            }
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let name = self.mangle(&a.attr.id);
                self.emit_name(Op::StoreAttr, &name);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::StoreSubscr, 0);
            }
            Expr::Tuple(_) | Expr::List(_) => {
                let elts = match t {
                    Expr::Tuple(tu) => &tu.elts,
                    Expr::List(l) => &l.elts,
                    _ => unreachable!(),
                };
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                if elts
                    .iter()
                    .filter(|e| matches!(e, Expr::Starred(_)))
                    .count()
                    > 1
                {
                    return self.err("multiple starred expressions in assignment", t.range());
                }
                match star {
                    Some(i) => {
                        let after = elts.len() - i - 1;
                        if i >= 256 || after >= (1 << 24) {
                            return self.err(
                                "too many expressions in star-unpacking assignment",
                                t.range(),
                            );
                        }
                        self.emit(Op::UnpackEx, i as u32 | ((after as u32) << 8));
                    }
                    None => self.emit(Op::UnpackSequence, elts.len() as u32),
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.store_target(&s.value)?,
                        _ => self.store_target(e)?,
                    }
                }
            }
            Expr::Starred(s) => {
                return self.err(
                    "starred assignment target must be in a list or tuple",
                    s.range,
                )
            }
            _ => return self.err("cannot assign to expression", t.range()),
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> CResult<()> {
        match t {
            Expr::Name(n) => self.name_op(&n.id, Ctx::Del),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let name = self.mangle(&a.attr.id);
                self.emit_name(Op::DeleteAttr, &name);
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.expr(&s.slice)?;
                self.emit(Op::DeleteSubscr, 0);
            }
            Expr::Tuple(tu) => {
                for e in &tu.elts {
                    self.delete_target(e)?;
                }
            }
            Expr::List(l) => {
                for e in &l.elts {
                    self.delete_target(e)?;
                }
            }
            _ => return self.err("cannot delete expression", t.range()),
        }
        Ok(())
    }
}

/// Constant expressions whose statement form compiles to nothing (and `return CONST` need not
/// preserve the value).
pub(crate) fn is_const_expr(e: &Expr) -> bool {
    matches!(
        e,
        Expr::NumberLiteral(_)
            | Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
    )
}

fn is_true_const(e: &Expr) -> bool {
    match e {
        Expr::BooleanLiteral(b) => b.value,
        Expr::NumberLiteral(n) => match &n.value {
            ruff_python_ast::Number::Int(i) => i.as_u64() != Some(0),
            ruff_python_ast::Number::Float(f) => *f != 0.0,
            ruff_python_ast::Number::Complex { real, imag } => *real != 0.0 || *imag != 0.0,
        },
        _ => false,
    }
}
