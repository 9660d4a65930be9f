//! Array access in lowering: descriptor fields kept in Cranelift variables (read once when an
//! array is bound, read again after loops that do not use it), allocation through the host
//! callback, and element addresses with negative-index wrap and bounds checks (skipped for
//! indices a versioned loop proved in bounds, see `loops`).

use super::*;

impl Lower<'_, '_, '_> {
    pub(super) fn new_array_vars(&mut self, dtype: DType, ndim: u8) -> ArrVars {
        let ptr = self.b.declare_var(types::I64);
        let data = self.b.declare_var(types::I64);
        let shape = (0..ndim).map(|_| self.b.declare_var(types::I64)).collect();
        let strides = (0..ndim).map(|_| self.b.declare_var(types::I64)).collect();
        ArrVars {
            dtype,
            ptr,
            data,
            shape,
            strides,
        }
    }

    pub(super) fn def_array(&mut self, vars: &ArrVars, vals: &ArrVals) {
        self.b.def_var(vars.ptr, vals.ptr);
        self.b.def_var(vars.data, vals.data);
        for k in 0..vars.shape.len() {
            self.b.def_var(vars.shape[k], vals.shape[k]);
            self.b.def_var(vars.strides[k], vals.strides[k]);
        }
    }

    pub(super) fn use_array(&mut self, vars: &ArrVars) -> ArrVals {
        ArrVals {
            dtype: vars.dtype,
            ptr: self.b.use_var(vars.ptr),
            data: self.b.use_var(vars.data),
            shape: vars.shape.iter().map(|&v| self.b.use_var(v)).collect(),
            strides: vars.strides.iter().map(|&v| self.b.use_var(v)).collect(),
        }
    }

    /// Reads a descriptor once; the descriptor is immutable during a call.
    pub(super) fn load_desc(&mut self, ptr: Value, dtype: DType, ndim: u8) -> ArrVals {
        self.desc_fields(ptr, dtype, ndim, mem().with_readonly())
    }

    /// Reads a descriptor again, with loads that are not merged with the first reading (see
    /// `reload_untouched_arrays`).
    pub(super) fn reload_desc(&mut self, ptr: Value, dtype: DType, ndim: u8) -> ArrVals {
        self.desc_fields(ptr, dtype, ndim, mem())
    }

    pub(super) fn desc_fields(
        &mut self,
        ptr: Value,
        dtype: DType,
        ndim: u8,
        flags: MemFlagsData,
    ) -> ArrVals {
        let data = self.b.ins().load(types::I64, flags, ptr, DESC_DATA);
        let mut shape = Vec::new();
        let mut strides = Vec::new();
        for k in 0..ndim as i32 {
            shape.push(
                self.b
                    .ins()
                    .load(types::I64, flags, ptr, DESC_SHAPE + 8 * k),
            );
            strides.push(
                self.b
                    .ins()
                    .load(types::I64, flags, ptr, DESC_STRIDES + 8 * k),
            );
        }
        ArrVals {
            dtype,
            ptr,
            data,
            shape,
            strides,
        }
    }

    pub(super) fn array_named(&mut self, name: &str) -> R<ArrVals> {
        match self.lookup(name)?.clone() {
            Local::Array(a) => Ok(self.use_array(&a)),
            Local::Scalar(..) => Err(self.terr(format!("`{name}` is not an array"))),
        }
    }

    /// Lowers an array-valued expression (a variable, an allocation or a call).
    pub(super) fn array_expr(&mut self, e: &Expr) -> R<ArrVals> {
        let old = self.set_line(e.line);
        let r = match &e.kind {
            ExprKind::Var(n) => self.array_named(n),
            ExprKind::Alloc(dtype, fill, dims) => self.alloc(*dtype, *fill, dims),
            ExprKind::Call(..) => {
                let t = self.type_of(e)?;
                let Ty::Array(d, n) = t else {
                    return Err(self.terr("expected an array-valued call"));
                };
                let (v, _) = self.expr_call(e)?;
                Ok(self.load_desc(v, d, n))
            }
            _ => Err(self.terr("expected an array (variable, allocation or call)")),
        };
        self.restore_line(old);
        r
    }

    pub(super) fn alloc(&mut self, dtype: DType, fill: Fill, dims: &[Expr]) -> R<ArrVals> {
        if dims.is_empty() || dims.len() > MAX_NDIM {
            return Err(self.terr(format!("arrays have 1..={MAX_NDIM} dimensions")));
        }
        let mut d = Vec::new();
        for e in dims {
            let (v, t) = self.expr(e)?;
            if !t.is_intlike() {
                return Err(self.terr("array dimensions must be integers"));
            }
            d.push(self.coerce(v, t, Ty::I64)?);
        }
        while d.len() < MAX_NDIM {
            let z = self.iconst(0);
            d.push(z);
        }
        let code = dtype as i64 | (fill as i64) << 8 | (dims.len() as i64) << 16;
        let code = self.iconst(code);
        let fl = self.iconst(self.func_line());
        let f = self.helper("nj_alloc");
        let ctx = self.ctx;
        let call = self
            .b
            .ins()
            .call(f, &[ctx, code, fl, d[0], d[1], d[2], d[3]]);
        let ptr = self.b.inst_results(call)[0];
        // The helper recorded the error already: just return a failure status.
        let cont = self.cold_path(ptr, false);
        let one = self.iconst(1);
        self.return_status(one);
        self.b.switch_to_block(cont);
        Ok(self.load_desc(ptr, dtype, dims.len() as u8))
    }

    /// Address of element `idx` of `a`: wraps negative indices, checks bounds if enabled.
    pub(super) fn address(&mut self, name: &str, a: &ArrVals, idx: &[Expr]) -> R<Value> {
        if idx.len() != a.shape.len() {
            return Err(self.terr(format!(
                "array has {} dimensions but {} indices were given",
                a.shape.len(),
                idx.len()
            )));
        }
        let mut addr = a.data;
        // Offsets that change with the fast copy's counter, added last: the sum of the
        // others is then loop-invariant and hoisted, and the access is one base + index
        // (matmul's `b[k, j]`: `(data + j * s1) + k * s0`, one `lea` less per load).
        let mut varying = Vec::new();
        for (k, e) in idx.iter().enumerate() {
            let (v, t) = self.expr(e)?;
            if !t.is_intlike() {
                return Err(self.terr("array indices must be integers"));
            }
            let i = self.coerce(v, t, Ty::I64)?;
            let (proven, unit, counter, iv) = match &self.proven {
                Some(p) => {
                    let f = loops::form(e, &p.var, &Default::default());
                    let key = (name.to_string(), k);
                    let counter = match f {
                        Some(loops::Form::Counter(c)) => Some(c),
                        _ => None,
                    };
                    let iv = counter.and(p.ivs.get(&key).copied());
                    let ok = f.is_some_and(|f| p.in_bounds.contains(&(key.0, k, f)));
                    let unit = k + 1 == idx.len() && p.unit_last.contains(name);
                    (ok, unit, counter, iv)
                }
                None => (false, false, None, None),
            };
            if proven {
                // The test before this loop copy showed the index inside the axis.
                match (unit, counter, iv, self.unroll) {
                    // In an unrolled copy: (base + offset + c) * size, the constant part a
                    // displacement of the access (matmul's `a[i, k]`: `8(a, k, 8)`, not a
                    // `lea` of k + 1 per copy first).
                    (true, Some(c), _, Some((base, offset))) => {
                        let size = a.dtype.size();
                        let off = self.b.ins().imul_imm_s(base, size);
                        varying.push(off);
                        let disp = (offset + c) * size;
                        if disp != 0 {
                            addr = self.b.ins().iadd_imm_s(addr, disp);
                        }
                    }
                    (true, ..) => {
                        let off = self.b.ins().imul_imm_s(i, a.dtype.size());
                        varying.push(off);
                    }
                    // counter * stride is kept up to date by the loop; + c * stride. In an
                    // unrolled copy it is the group's (advanced once per group), + offset *
                    // stride, an invariant: the copies share `data + iv` and each adds its
                    // own multiple of the stride in the access (matmul's `b[k, j]`: one add
                    // per group, not a `lea` per copy).
                    (_, _, Some((v, stride)), unroll) => {
                        varying.push(self.b.use_var(v));
                        if let Some((_, offset @ 1..)) = unroll {
                            let os = self.b.ins().imul_imm_s(stride, offset);
                            varying.push(os);
                        }
                        let c = counter.unwrap_or(0);
                        if c != 0 {
                            let cs = self.b.ins().imul_imm_s(stride, c);
                            addr = self.b.ins().iadd(addr, cs);
                        }
                    }
                    _ => {
                        let off = self.b.ins().imul(i, a.strides[k]);
                        addr = self.b.ins().iadd(addr, off);
                    }
                }
                continue;
            }
            let w = if self.nonneg_expr(e) {
                i
            } else {
                // i + (shape & (i >> 63)): adds the length only to negative indices.
                let sign = self.b.ins().sshr_imm_u(i, 63);
                let add = self.b.ins().band(sign, a.shape[k]);
                self.b.ins().iadd(i, add)
            };
            if self.env.opts.boundscheck && !self.known.checked(name, k, e) {
                // One unsigned compare catches both still-negative and too-large indices.
                let oob = self
                    .b
                    .ins()
                    .icmp(IntCC::UnsignedGreaterThanOrEqual, w, a.shape[k]);
                self.raise_if(
                    oob,
                    ErrorKind::IndexOutOfBounds,
                    k as u32,
                    Some(i),
                    Some(a.shape[k]),
                );
                self.known.record(name, k, e);
            }
            let off = self.b.ins().imul(w, a.strides[k]);
            addr = self.b.ins().iadd(addr, off);
        }
        for off in varying {
            addr = self.b.ins().iadd(addr, off);
        }
        Ok(addr)
    }

    pub(super) fn load_elem(&mut self, name: &str, idx: &[Expr]) -> R<(Value, Ty)> {
        let a = self.array_named(name)?;
        let addr = self.address(name, &a, idx)?;
        let ty = a.dtype.elem();
        let v = self.b.ins().load(clty(ty), mem(), addr, 0);
        let v = if ty == Ty::Bool {
            // Normalise any non-zero byte to 1 so bool arithmetic stays 0/1.
            self.b.ins().icmp_imm_s(IntCC::NotEqual, v, 0)
        } else {
            v
        };
        Ok((v, ty))
    }
}
