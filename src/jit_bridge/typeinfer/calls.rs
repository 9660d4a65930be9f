//! Type inference of calls: global functions (`math.*`, numpy's scalar functions and
//! allocators, builtins such as `len`/`min`/`int`), dtype constructors, compiled callees and
//! array methods.

use ruff_python_ast::{self as ast, Expr};

use super::super::rules::*;
use super::super::types::*;
use super::{CallRes, Global, Infer, E, R};

impl Infer<'_, '_> {
    pub(super) fn call(&mut self, c: &ast::ExprCall) -> R<TExpr> {
        let line = self.line(c);
        // Methods of arrays: a.copy()
        if let Expr::Attribute(attr) = &*c.func {
            if self.static_value(&attr.value).is_none() {
                let base = self.expr(&attr.value)?;
                if let T::Arr(..) = base.ty {
                    if attr.attr.as_str() == "copy" && c.arguments.args.is_empty() {
                        let ty = base.ty.clone();
                        return Ok(TExpr {
                            kind: TK::Copy(Box::new(base)),
                            ty,
                            line,
                        });
                    }
                }
                return self.err(
                    c,
                    format!(
                        "method `{}` of {} is not supported",
                        attr.attr.as_str(),
                        base.ty
                    ),
                );
            }
        }
        let Some(g) = self.static_value(&c.func) else {
            return self.err(&*c.func, "only calls of global functions are supported");
        };
        let mut args = Vec::new();
        for a in c.arguments.args.iter() {
            if let Expr::Starred(_) = a {
                return self.err(a, "*args in calls are not supported");
            }
        }
        match g {
            Global::Func(m, f) => {
                if m == "numpy" && matches!(f.as_str(), "zeros" | "ones" | "empty") {
                    return self.alloc(c, &f);
                }
                for a in c.arguments.args.iter() {
                    args.push(self.expr(a)?);
                }
                if !c.arguments.keywords.is_empty() {
                    return self.err(c, format!("keyword arguments to {m}.{f} are not supported"));
                }
                self.call_known(c, &m, &f, args)
            }
            Global::DType(d) => {
                for a in c.arguments.args.iter() {
                    args.push(self.expr(a)?);
                }
                let t = T::of_dtype(d);
                self.cast(c, t, args)
            }
            Global::Callee(id) => {
                if !c.arguments.keywords.is_empty() {
                    return self.err(c, "keyword arguments are not supported in compiled calls");
                }
                for a in c.arguments.args.iter() {
                    let v = self.expr(a)?;
                    if !v.ty.is_scalar() && !v.ty.is_array() {
                        return self.err(a, format!("cannot pass {} to a compiled function", v.ty));
                    }
                    args.push(v);
                }
                let tys: Vec<T> = args.iter().map(|a| a.ty.clone()).collect();
                match self.res.call(id, &tys) {
                    Ok(CallRes::Done(fid, ret)) => Ok(TExpr {
                        kind: TK::Call(fid, args),
                        ty: ret,
                        line,
                    }),
                    Ok(CallRes::Pending) => {
                        if self.tolerant {
                            self.missed = true;
                            Err(E::Unknown)
                        } else {
                            self.err(c, "cannot determine the result type of this recursive call")
                        }
                    }
                    Err(m) => self.err(c, m),
                }
            }
            Global::Other(t) => self.err(
                &*c.func,
                format!("cannot call an object of type {t} in compiled code"),
            ),
            Global::Missing => self.err(
                &*c.func,
                format!("name `{}` is not defined", self.text(&*c.func)),
            ),
            _ => self.err(&*c.func, "this call is not supported in compiled code"),
        }
    }

    fn cast(&mut self, c: &ast::ExprCall, t: T, mut args: Vec<TExpr>) -> R<TExpr> {
        let line = self.line(c);
        if args.len() != 1 || !args[0].ty.is_scalar() {
            return self.err(c, format!("{t}() takes one scalar argument"));
        }
        let v = args.remove(0);
        if v.ty == t {
            return Ok(v);
        }
        Ok(TExpr {
            kind: TK::Cast(t.clone(), Box::new(v)),
            ty: t,
            line,
        })
    }

    fn call_known(
        &mut self,
        c: &ast::ExprCall,
        m: &str,
        f: &str,
        mut args: Vec<TExpr>,
    ) -> R<TExpr> {
        let line = self.line(c);
        let mk = |kind, ty| TExpr { kind, ty, line };
        let types: Vec<String> = args.iter().map(|a| a.ty.to_string()).collect();
        let bad = |s: &Self| {
            s.err(
                c,
                format!("no implementation of {m}.{f} for ({})", types.join(", ")),
            )
        };
        if let Some(&(_, _, mf, res)) = MATH_FUNCS
            .iter()
            .find(|(mm, ff, _, _)| *mm == m && *ff == f)
        {
            if args.len() != mf.arity() {
                return bad(self);
            }
            if args.iter().all(|a| a.ty.is_scalar()) {
                let inner = mk(
                    TK::Math(mf, args),
                    if res == MathRes::Bool {
                        T::Bool
                    } else {
                        T::F64
                    },
                );
                return Ok(match res {
                    MathRes::Int => mk(TK::Cast(T::I64, Box::new(inner)), T::I64),
                    _ => inner,
                });
            }
            if m == "numpy" && args.len() == 1 && res == MathRes::Float {
                if let T::Arr(_, nd) = args[0].ty {
                    let a = args.remove(0);
                    return Ok(mk(TK::ArrayMath(mf, Box::new(a)), T::Arr(DType::F64, nd)));
                }
            }
            return bad(self);
        }
        match (m, f) {
            ("builtins", "len") => match args.first().map(|a| (&a.kind, &a.ty)) {
                Some((TK::Var(n), T::Arr(..))) if args.len() == 1 => {
                    Ok(mk(TK::Shape(n.clone(), 0), T::I64))
                }
                Some((TK::Tuple(items), _)) if args.len() == 1 => {
                    Ok(mk(TK::Int(items.len() as i64), T::I64))
                }
                _ => bad(self),
            },
            ("builtins", "abs") | ("numpy", "abs") | ("numpy", "absolute") => {
                if args.len() != 1 || !args[0].ty.is_scalar() {
                    return bad(self);
                }
                let t = if args[0].ty == T::F64 { T::F64 } else { T::I64 };
                Ok(mk(TK::Un(UnOp::Abs, Box::new(args.remove(0))), t))
            }
            ("builtins", "min" | "max") | ("numpy", "minimum" | "maximum") => {
                if args.len() < 2 || !args.iter().all(|a| a.ty.is_scalar()) {
                    return bad(self);
                }
                let op = if f == "min" || f == "minimum" {
                    BinOp::Min
                } else {
                    BinOp::Max
                };
                let mut it = args.into_iter();
                let mut acc = it.next().unwrap_or_else(|| mk(TK::Int(0), T::I64));
                for b in it {
                    let t = unify(&acc.ty, &b.ty).unwrap_or(T::F64);
                    acc = mk(TK::Bin(op, Box::new(acc), Box::new(b)), t);
                }
                Ok(acc)
            }
            ("builtins", "int") => self.cast(c, T::I64, args),
            ("builtins", "float") => self.cast(c, T::F64, args),
            ("builtins", "bool") => {
                if args.len() != 1 {
                    return bad(self);
                }
                let v = args.remove(0);
                let e = &c.arguments.args[0];
                self.truth(e, v)
            }
            _ => self.err(c, format!("{m}.{f} is not supported in compiled code")),
        }
    }

    fn alloc(&mut self, c: &ast::ExprCall, f: &str) -> R<TExpr> {
        let line = self.line(c);
        let fill = match f {
            "zeros" => Fill::Zeros,
            "ones" => Fill::Ones,
            _ => Fill::Empty,
        };
        let args = &c.arguments.args;
        let Some(shape) = args.first() else {
            return self.err(c, format!("np.{f}() needs a shape"));
        };
        let mut dt_expr = args.get(1);
        for k in c.arguments.keywords.iter() {
            match k.arg.as_ref().map(|a| a.as_str()) {
                Some("dtype") => dt_expr = Some(&k.value),
                Some("shape") => {}
                _ => return self.err(k, format!("unsupported keyword argument to np.{f}")),
            }
        }
        if args.len() > 2 {
            return self.err(c, format!("np.{f}() takes a shape and a dtype"));
        }
        let dtype = match dt_expr {
            None => DType::F64,
            Some(d) => match self.static_value(d) {
                Some(Global::DType(d)) => d,
                Some(Global::Func(m, n)) if m == "builtins" => match n.as_str() {
                    "float" => DType::F64,
                    "int" => DType::I64,
                    "bool" => DType::Bool,
                    _ => return self.err(d, "unsupported dtype"),
                },
                _ => match d {
                    Expr::StringLiteral(s) => match s.value.to_str() {
                        "float64" | "f8" | "float" => DType::F64,
                        "int64" | "i8" | "int" => DType::I64,
                        "bool" | "?" => DType::Bool,
                        _ => return self.err(d, "unsupported dtype"),
                    },
                    _ => return self.err(d, "dtype must be np.float64, np.int64 or np.bool_"),
                },
            },
        };
        let sv = self.expr(shape)?;
        let dims: Vec<TExpr> = match (sv.kind, sv.ty) {
            (TK::Tuple(items), _) => items,
            (TK::Var(n), T::Tuple(ts)) => (0..ts.len())
                .map(|k| TExpr {
                    kind: TK::TupleGet(n.clone(), k),
                    ty: ts[k].clone(),
                    line,
                })
                .collect(),
            (kind, t @ (T::I64 | T::Bool)) => vec![TExpr { kind, ty: t, line }],
            (_, t) => {
                return self.err(
                    shape,
                    format!("shape must be an int or a tuple of ints, not {t}"),
                )
            }
        };
        if dims.is_empty()
            || dims.len() > 4
            || !dims.iter().all(|d| matches!(d.ty, T::I64 | T::Bool))
        {
            return self.err(shape, "shape must have 1 to 4 integer dimensions");
        }
        let nd = dims.len() as u8;
        Ok(TExpr {
            kind: TK::Alloc(dtype, fill, dims),
            ty: T::Arr(dtype, nd),
            line,
        })
    }
}
