//! The driver: IR [`Module`] → [`Compiled`] handle (native code plus signatures), and the safe
//! call entry that checks arguments against the signature.
//!
//! One handle = one `JITModule` with its own code arena, so dropping a handle frees exactly
//! its code. The arena is a single contiguous reservation (`ArenaMemoryProvider`), and the
//! crate emits no data objects, so every relocation between pieces of one module stays far
//! inside ±2 GiB (Cranelift 0.135 panics otherwise); helper addresses are absolute.

use crate::abi::{self, CallCtx, CodeMemory, Runtime};
use crate::error::{CallError, CompileError, ErrorKind, RuntimeError};
use crate::inspect;
use crate::ir::{ExprKind, Function, Module, Stmt, Ty};
use crate::lower::{clty, internal_sig, Env, Lower};
use crate::options::Options;
use crate::runtime::{math_symbols, Arg, Value};
use cranelift_codegen::ir::{types, AbiParam, InstBuilder, MemFlagsData, Signature, UserFuncName};
use cranelift_codegen::isa::{CallConv, OwnedTargetIsa};
use cranelift_codegen::settings::{self, Configurable};
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use cranelift_jit::{ArenaMemoryProvider, JITBuilder, JITModule};
use cranelift_module::{default_libcall_names, FuncId, Linkage, Module as _, ModuleRelocTarget};
use rustc_hash::FxHashMap as HashMap;
use std::cell::RefCell;

/// Inspection text of one function, captured when [`Options::inspect`] is set.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    /// CLIF as generated, annotated with line ids.
    pub clif_before: String,
    /// CLIF after Cranelift's optimisations, annotated with line ids.
    pub clif_after: String,
    /// Machine code listing (Cranelift's own disassembly of its VCode).
    pub asm: String,
}

/// Addresses that native code reaches through symbols (`Lower::symbol_address`), by name, for one
/// module: filled while its functions are lowered, read when the module links them.
#[derive(Clone, Default)]
pub(crate) struct Addresses(std::sync::Arc<std::sync::Mutex<HashMap<String, usize>>>);

impl Addresses {
    pub(crate) fn insert(&self, name: &str, addr: usize) {
        let mut m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        m.insert(name.to_string(), addr);
    }

    fn lookup(&self, name: &str) -> Option<*const u8> {
        let m = self.0.lock().unwrap_or_else(|e| e.into_inner());
        m.get(name).map(|&a| a as *const u8)
    }
}

/// Index of a function in a [`Compiled`] handle (same as in the source [`Module`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FuncIndex(pub usize);

struct Entry {
    name: String,
    params: Vec<Ty>,
    rets: Vec<Ty>,
    /// Trampoline address (kept as an integer: the handle is Send + Sync, the code immutable).
    /// An outlined loop's has [`preserving_sig`].
    tramp: usize,
    /// The function's own address (the trampoline's for a function with `Env::direct`, else
    /// the internal convention, `lower::internal_sig`).
    func: usize,
    listing: Option<Listing>,
}

/// Compiled native code for a module. Calling is safe; dropping frees the code memory.
pub struct Compiled {
    entries: Vec<Entry>,
    hosts: Vec<crate::ir::HostDecl>,
    /// Slots for the values of the largest `spill` statement (see `abi::RawErr::spill`).
    max_spill: usize,
    /// Outlined checked copies of loops, compiled on first use. Boxed: native code holds
    /// their addresses.
    #[allow(clippy::vec_box)]
    lazies: Vec<Box<Lazy>>,
    // Declared after `entries` so the code outlives nothing that points into it.
    _code: CodeMemory,
}

thread_local! {
    static CONTEXTS: RefCell<(Option<cranelift_codegen::Context>, Option<FunctionBuilderContext>)> =
        const { RefCell::new((None, None)) };
}

/// This thread's Cranelift contexts, taken for one compile and given back when it ends. They
/// keep their allocations between compiles, the register allocator's above all: nbody's nest
/// compiled in 1.11–1.13 ms instead of 1.19–1.23 (medians of 200 compiles in one process,
/// `compile_time`, three interleaved runs each). The function builder's is given back only
/// after a compile that built every function (one that fails while building a function
/// leaves it unusable). A compile started while another is running on the same thread (an
/// outlined function's, for a listing) makes new ones.
struct Reused {
    ctx: Option<cranelift_codegen::Context>,
    fctx: Option<FunctionBuilderContext>,
    ok: bool,
}

impl Reused {
    fn take(module: &JITModule) -> Reused {
        let (ctx, fctx) = CONTEXTS.with(|c| {
            let mut c = c.borrow_mut();
            (c.0.take(), c.1.take())
        });
        Reused {
            ctx: Some(ctx.unwrap_or_else(|| module.make_context())),
            fctx: Some(fctx.unwrap_or_default()),
            ok: false,
        }
    }
}

impl Drop for Reused {
    fn drop(&mut self) {
        let mut ctx = self.ctx.take();
        if let Some(c) = &mut ctx {
            c.clear();
        }
        let fctx = self.fctx.take().filter(|_| self.ok);
        CONTEXTS.with(|c| *c.borrow_mut() = (ctx, fctx));
    }
}

/// The host ISAs built so far, by option set, with their text ([`isa_text`]). Shared by the
/// threads: the worker's warm-up builds the one the interpreter's thread then finds (built
/// there cold, with its text, it cost a code cache lookup 0.1–0.15 ms).
#[allow(clippy::type_complexity)]
static ISAS: std::sync::Mutex<Vec<((crate::OptLevel, bool), OwnedTargetIsa, std::sync::Arc<str>)>> =
    std::sync::Mutex::new(Vec::new());

/// Builds (once per process and option set) the host ISA with the flags cranelift-jit needs,
/// and its text.
fn isa_and_text(opts: &Options) -> Result<(OwnedTargetIsa, std::sync::Arc<str>), CompileError> {
    let key = (opts.opt_level, opts.verifier);
    let found = |isas: &[(_, OwnedTargetIsa, std::sync::Arc<str>)]| {
        isas.iter()
            .find(|(k, ..)| *k == key)
            .map(|(_, i, t)| (i.clone(), t.clone()))
    };
    if let Some(it) = found(&ISAS.lock().unwrap_or_else(|e| e.into_inner())) {
        return Ok(it);
    }
    let cg = |e: String| CompileError::Codegen {
        func: String::new(),
        message: e,
    };
    let mut fb = settings::builder();
    let set = |fb: &mut settings::Builder, k: &str, v: &str| {
        fb.set(k, v)
            .map_err(|e| cg(format!("setting {k}={v}: {e}")))
    };
    set(&mut fb, "opt_level", opts.opt_level.flag())?;
    set(
        &mut fb,
        "enable_verifier",
        if opts.verifier { "true" } else { "false" },
    )?;
    set(&mut fb, "is_pic", "false")?;
    set(&mut fb, "use_colocated_libcalls", "false")?;
    set(&mut fb, "enable_multi_ret_implicit_sret", "true")?;
    let isa = cranelift_native::builder()
        .map_err(|e| cg(e.to_string()))?
        .finish(settings::Flags::new(fb))
        .map_err(|e| cg(e.to_string()))?;
    // The name, triple and every flag.
    let mut text = format!("{} {} {}", isa.name(), isa.triple(), isa.flags());
    for v in isa.isa_flags() {
        text += &format!(" {v}");
    }
    let mut isas = ISAS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(it) = found(&isas) {
        return Ok(it);
    }
    isas.push((key, isa.clone(), text.clone().into()));
    Ok((isa, text.into()))
}

/// The host ISA for `opts` ([`isa_and_text`]).
fn isa_for(opts: &Options) -> Result<OwnedTargetIsa, CompileError> {
    Ok(isa_and_text(opts)?.0)
}

/// The ISA for `opts` as text, for cache keys ([`isa_and_text`]).
fn isa_text(opts: &Options) -> Result<std::sync::Arc<str>, CompileError> {
    Ok(isa_and_text(opts)?.1)
}

fn helper_sig(name: &str, cc: CallConv) -> Signature {
    let mut s = Signature::new(cc);
    let (params, rets): (&[_], &[_]) = match name {
        "nj_trace" => (&[types::I64; 2], &[]),
        "nj_lazy" => (&[types::I64; 2], &[types::I64]),
        "nj_alloc" => (&[types::I64; 7], &[types::I64]),
        "nj_callhost" => (&[types::I64; 5], &[types::I64]),
        "nj_ipow" => (&[types::I64; 2], &[types::I64]),
        "nj_atan2" | "nj_hypot" | "nj_pow" | "nj_floordiv_f64" | "nj_mod_f64" => {
            (&[types::F64; 2], &[types::F64])
        }
        _ => (&[types::F64], &[types::F64]),
    };
    s.params.extend(params.iter().map(|&t| AbiParam::new(t)));
    s.returns.extend(rets.iter().map(|&t| AbiParam::new(t)));
    s
}

/// The two functions outlined checked copies are reached through until they are compiled,
/// both preserving every register: `call(ctx, slots)` ([`preserving_sig`]) compiles the loop
/// copy whose handle is in the first slot (through `nj_lazy`) and goes on to call it (if the
/// compile failed, the status slot says so: the helper recorded the error); `addr(ctx, slot)`
/// (same signature) compiles the function copy whose handle is in the slot and writes its
/// address there (0 on failure; returned in a register instead, with this signature plus an
/// i64 result, the call hung in `tests/nest.rs`: not investigated further). Compiled once
/// per process, into code memory that is never freed: every module's native code may call
/// them (each module compiled its own before, 0.02–0.04 ms).
#[derive(Clone, Copy)]
pub(crate) struct Resolvers {
    pub(crate) call: usize,
    pub(crate) addr: usize,
}

static RESOLVERS: std::sync::OnceLock<Result<Resolvers, String>> = std::sync::OnceLock::new();

pub(crate) fn resolvers() -> Result<Resolvers, CompileError> {
    RESOLVERS
        .get_or_init(|| build_resolvers().map_err(|e| e.to_string()))
        .clone()
        .map_err(|e| cg_err("resolvers", e))
}

fn build_resolvers() -> Result<Resolvers, CompileError> {
    let isa = isa_for(&Options::default())?;
    let cc = isa.default_call_conv();
    let mut jb = JITBuilder::with_isa(isa, default_libcall_names());
    let (name, ptr) = abi::rt_symbols()
        .into_iter()
        .find(|(n, _)| *n == "nj_lazy")
        .ok_or_else(|| cg_err("resolvers", "no nj_lazy helper"))?;
    jb.symbol(name, ptr);
    let mut module = JITModule::new(jb);
    let err = |e: &dyn std::fmt::Display| cg_err("resolvers", e);
    let helper = module
        .declare_function(name, Linkage::Import, &helper_sig(name, cc))
        .map_err(|e| err(&e))?;
    let call_id = module
        .declare_function("resolve_call", Linkage::Local, &preserving_sig())
        .map_err(|e| err(&e))?;
    let addr_id = module
        .declare_function("resolve_addr", Linkage::Local, &preserving_sig())
        .map_err(|e| err(&e))?;
    // From the code cache if it has them: built on the interpreter's thread, cold, they took
    // 0.5 ms before a cached module could be loaded (nbody, when the worker had not run).
    let opts = Options::default();
    let key = crate::cache::key(&"resolvers", &opts, &isa_text(&opts)?);
    if let Some(e) = key.as_ref().and_then(crate::cache::load) {
        // Each defined once, calling nothing but the helper (the checks `from_cache` makes).
        let fits = e.funcs.iter().all(|p| {
            [call_id, addr_id].contains(&p.id)
                && p.relocs.iter().all(|r| match r.name {
                    ModuleRelocTarget::User { namespace, index } => {
                        namespace == 0 && index == helper.as_u32()
                    }
                    _ => false,
                })
        });
        if e.funcs.len() == 2 && e.funcs[0].id != e.funcs[1].id && fits {
            for p in &e.funcs {
                module
                    .define_function_bytes(p.id, p.align, &p.code, &p.relocs)
                    .map_err(|e| err(&e))?;
            }
            return link_resolvers(module, call_id, addr_id);
        }
    }
    let mut ctx = module.make_context();
    let mut fctx = FunctionBuilderContext::new();
    let flags = MemFlagsData::new().with_notrap();

    ctx.func.signature = preserving_sig();
    ctx.func.name = UserFuncName::user(2, 0);
    // Both start alike: `nj_lazy(ctx, handle in the first slot)` gives the address.
    type CValue = cranelift_codegen::ir::Value;
    let resolve = |b: &mut FunctionBuilder, module: &mut JITModule| -> (Vec<CValue>, CValue) {
        let entry = b.create_block();
        b.append_block_params_for_function_params(entry);
        b.switch_to_block(entry);
        let p = b.block_params(entry).to_vec();
        let handle = b.ins().load(types::I64, flags, p[1], 0);
        let h = module.declare_func_in_func(helper, b.func);
        let r = b.ins().call(h, &[p[0], handle]);
        let addr = b.inst_results(r)[0];
        (p, addr)
    };
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let (p, addr) = resolve(&mut b, &mut module);
        let (call, failed) = (b.create_block(), b.create_block());
        b.ins().brif(addr, call, &[], failed, &[]);
        b.switch_to_block(call);
        let sig = b.import_signature(preserving_sig());
        b.ins().call_indirect(sig, addr, &[p[0], p[1]]);
        b.ins().return_(&[]);
        b.switch_to_block(failed);
        let one = b.ins().iconst(types::I64, 1);
        b.ins().store(flags, one, p[1], 0);
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
    }
    module
        .define_function(call_id, &mut ctx)
        .map_err(|e| err(&format!("{e:?}")))?;
    let mut pieces: Vec<_> = Linked::piece(&ctx, call_id).into_iter().collect();

    module.clear_context(&mut ctx);
    ctx.func.signature = preserving_sig();
    ctx.func.name = UserFuncName::user(2, 1);
    {
        let mut b = FunctionBuilder::new(&mut ctx.func, &mut fctx);
        let (p, addr) = resolve(&mut b, &mut module);
        b.ins().store(flags, addr, p[1], 0);
        b.ins().return_(&[]);
        b.seal_all_blocks();
        b.finalize(module.target_config());
    }
    module
        .define_function(addr_id, &mut ctx)
        .map_err(|e| err(&format!("{e:?}")))?;
    pieces.extend(Linked::piece(&ctx, addr_id));
    if let Some(key) = key {
        let entry = crate::cache::Entry {
            data: Vec::new(),
            lazies: Vec::new(),
            funcs: pieces,
        };
        crate::cache::store(key, &entry);
    }
    link_resolvers(module, call_id, addr_id)
}

/// The resolvers' addresses, once both are defined.
fn link_resolvers(mut module: JITModule, call_id: FuncId, addr_id: FuncId) -> R<Resolvers> {
    module
        .finalize_definitions()
        .map_err(|e| cg_err("resolvers", e))?;
    let r = Resolvers {
        call: module.get_finalized_function(call_id) as usize,
        addr: module.get_finalized_function(addr_id) as usize,
    };
    // Never freed: native code of any module may call them.
    std::mem::forget(module);
    Ok(r)
}

/// The trampoline signature of an outlined function: `(ctx, slots)`: its handle and arguments
/// in the slots, its status and results written over them; every register preserved.
pub(crate) fn preserving_sig() -> Signature {
    let mut s = Signature::new(CallConv::PreserveAll);
    s.params.extend([AbiParam::new(types::I64); 2]);
    s
}

fn cg_err(func: &str, e: impl std::fmt::Display) -> CompileError {
    CompileError::Codegen {
        func: func.to_string(),
        message: e.to_string(),
    }
}

/// A function compiled on its first call: the checked copy of a versioned loop, outlined by
/// `lower::outline`. Its native caller reads the address of its trampoline
/// ([`preserving_sig`]) from [`Lazy::slot_address`], and calls the module's resolver (which
/// calls [`Lazy::resolve`] through the `nj_lazy` helper) while it is 0.
pub(crate) struct Lazy {
    /// What to compile: made by the lowering, or, for a module loaded from the code cache
    /// (which skips the lowering), made again from the module's IR when first called.
    what: std::sync::Mutex<What>,
    opts: Options,
    /// The function that calls it (index in its own module), for inspection listings.
    pub(crate) owner: usize,
    addr: std::sync::atomic::AtomicUsize,
    code: std::sync::Mutex<Option<Result<Compiled, String>>>,
}

enum What {
    Made(Box<Outlined>),
    /// The module's IR, and which of function `owner`'s outlined copies this is.
    Deferred(std::sync::Arc<Module>, usize),
}

/// An outlined function, as the lowering made it.
struct Outlined {
    /// The outlined function (index 0) and copies of the module functions it calls.
    ir: Module,
    /// The index each of them reports in its errors (in the module the host compiled).
    report: Vec<u32>,
    /// What the caller knows at the call (the outlined function starts with it).
    known: crate::lower::Known,
    kind: crate::lower::Copy,
}

impl Lazy {
    pub(crate) fn new(
        ir: Module,
        report: Vec<u32>,
        known: crate::lower::Known,
        kind: crate::lower::Copy,
        opts: Options,
        owner: usize,
    ) -> Lazy {
        let o = Outlined {
            ir,
            report,
            known,
            kind,
        };
        Lazy {
            what: std::sync::Mutex::new(What::Made(Box::new(o))),
            opts,
            owner,
            addr: Default::default(),
            code: Default::default(),
        }
    }

    /// Copy `local` of function `owner` of `module`, made again (by lowering `owner`) when
    /// first called.
    fn deferred(module: std::sync::Arc<Module>, opts: Options, owner: usize, local: usize) -> Lazy {
        Lazy {
            what: std::sync::Mutex::new(What::Deferred(module, local)),
            opts,
            owner,
            addr: Default::default(),
            code: Default::default(),
        }
    }

    /// The outlined function's name.
    fn name(&self) -> String {
        match &*self.what.lock().unwrap_or_else(|e| e.into_inner()) {
            What::Made(o) => o.ir.functions[0].name.clone(),
            What::Deferred(..) => String::new(),
        }
    }

    /// Where native code finds the function's address (0 until it is compiled). Stable: the
    /// `Lazy` is boxed and lives as long as the code that reads it.
    pub(crate) fn slot_address(&self) -> usize {
        self.addr.as_ptr() as usize
    }

    /// Compiles the function (once; a failure is kept) and returns its address.
    pub(crate) fn resolve(&self) -> Result<usize, String> {
        let mut code = self.code.lock().unwrap_or_else(|e| e.into_inner());
        let mut what = self.what.lock().unwrap_or_else(|e| e.into_inner());
        if let What::Deferred(module, local) = &*what {
            let made = relower(module, &self.opts, self.owner)
                .map_err(|e| e.to_string())?
                .into_iter()
                .nth(*local)
                .ok_or("the outlined copy was not made again")?;
            let made = std::mem::replace(
                &mut *made.what.lock().unwrap_or_else(|e| e.into_inner()),
                What::Deferred(module.clone(), *local),
            );
            *what = made;
        }
        let What::Made(o) = &*what else {
            return Err("the outlined copy was not made again".into());
        };
        let c = code.get_or_insert_with(|| {
            compile_inner(&o.ir, &self.opts, Some((&o.report, &o.known, o.kind)))
                .map_err(|e| e.to_string())
        });
        let entry = &c.as_ref().map_err(Clone::clone)?.entries[0];
        // A loop's copy is called through its trampoline (its callers keep their registers);
        // a function's copy directly, with the parameters of the function it copies.
        let addr = match o.kind {
            crate::lower::Copy::Loop => entry.tramp,
            crate::lower::Copy::Function(_) => entry.func,
        };
        self.addr.store(addr, std::sync::atomic::Ordering::Release);
        Ok(addr)
    }

    fn is_compiled(&self) -> bool {
        self.addr.load(std::sync::atomic::Ordering::Acquire) != 0
    }

    /// The function's inspection listing, compiling it if needed.
    fn listing(&self) -> Option<Listing> {
        self.resolve().ok()?;
        let code = self.code.lock().unwrap_or_else(|e| e.into_inner());
        code.as_ref()?.as_ref().ok()?.entries[0].listing.clone()
    }
}

/// The outlined copies function `i` of `ir` makes, lowered again (for a module loaded from
/// the code cache: the lowering is deterministic, so they are those its code refers to).
#[allow(clippy::vec_box)]
fn relower(ir: &Module, opts: &Options, i: usize) -> R<Vec<Box<Lazy>>> {
    let mut l = Linked::new(ir, opts, None)?;
    let mut reused = Reused::take(&l.module);
    let (Some(ctx), Some(fctx)) = (&mut reused.ctx, &mut reused.fctx) else {
        unreachable!("taken until dropped")
    };
    let mut lazies = Vec::new();
    l.lower(ctx, fctx, ir, opts, None, i, &mut lazies)?;
    reused.ok = true;
    Ok(lazies)
}

/// Compiles a module (all functions together: they may call each other, recursively).
pub fn compile(ir: &Module, opts: &Options) -> Result<Compiled, CompileError> {
    compile_inner(ir, opts, None)
}

/// Which functions of `ir` take their parameters from, and leave their results in, u64 slots
/// themselves (the trampoline's signature, `(ctx, args, rets) -> status`): those no function
/// of the module calls (a lifted loop, an entry point). They need no trampoline, which for
/// nbody's nest, 26 parameters, was a second function to compile (a trivial function with 26
/// parameters and its trampoline compiled in 0.109 ms, with one parameter in 0.051). An
/// outlined loop keeps the internal convention: its callers preserve their registers. A
/// function's checked copy has the convention of the function it copies (`tests/nest.rs`: a
/// called function's copy with the other crashed).
fn direct_entries(ir: &Module, outlined: Option<crate::lower::Copy>) -> Vec<bool> {
    let mut called = vec![false; ir.functions.len()];
    for f in &ir.functions {
        Stmt::walk_all(&f.body, &mut |s| {
            for e in s.exprs() {
                e.walk(&mut |x| {
                    if let ExprKind::Call(n, _) = &x.kind {
                        if let Some(k) = ir.functions.iter().position(|g| g.name == *n) {
                            called[k] = true;
                        }
                    }
                });
            }
        });
    }
    (0..ir.functions.len())
        .map(|i| match outlined {
            Some(crate::lower::Copy::Loop) if i == 0 => false,
            // A function's copy is called as the function it copies was.
            Some(crate::lower::Copy::Function(direct)) if i == 0 => direct,
            _ => !called[i],
        })
        .collect()
}

/// A module being built: helpers, functions and trampolines declared, nothing defined.
struct Linked {
    module: JITModule,
    helpers: HashMap<&'static str, FuncId>,
    func_ids: Vec<FuncId>,
    tramp_ids: Vec<Option<FuncId>>,
    /// The trampoline signature, `(ctx, args, rets) -> status`.
    tsig: Signature,
    /// [`direct_entries`].
    direct: Vec<bool>,
    /// What the module's data symbols resolve to (filled by the lowering, or from the cache).
    addresses: Addresses,
}

impl Linked {
    /// `outlined`: what kind of outlined copy the module's first function is.
    fn new(ir: &Module, opts: &Options, outlined: Option<crate::lower::Copy>) -> R<Linked> {
        let isa = isa_for(opts)?;
        let cc = isa.default_call_conv();
        let mut jb = JITBuilder::with_isa(isa, default_libcall_names());
        for (name, ptr) in math_symbols().into_iter().chain(abi::rt_symbols()) {
            jb.symbol(name, ptr);
        }
        // Reserve address space generously (it is PROT_NONE until used): ~1 KiB of code per
        // IR node is far above what Cranelift emits, plus fixed room for trampolines.
        let nodes: usize = ir.functions.iter().map(Function::size_hint).sum();
        let reserve = (1 << 20) + nodes * 1024 + ir.functions.len() * 8192;
        let arena = ArenaMemoryProvider::new_with_size(reserve).map_err(|e| cg_err("", e))?;
        jb.memory_provider(Box::new(arena));
        let addresses = Addresses::default();
        let lookup = addresses.clone();
        jb.symbol_lookup_fn(Box::new(move |name| lookup.lookup(name)));
        let mut module = JITModule::new(jb);

        let mut helpers = HashMap::default();
        for (name, _) in math_symbols().into_iter().chain(abi::rt_symbols()) {
            let id = module
                .declare_function(name, Linkage::Import, &helper_sig(name, cc))
                .map_err(|e| cg_err(name, e))?;
            helpers.insert(name, id);
        }
        let mut func_ids: Vec<FuncId> = Vec::new();
        let mut tramp_ids: Vec<Option<FuncId>> = Vec::new();
        let mut tsig = Signature::new(cc);
        tsig.params.extend([AbiParam::new(types::I64); 3]);
        tsig.returns.push(AbiParam::new(types::I64));
        let direct = direct_entries(ir, outlined);
        for (i, f) in ir.functions.iter().enumerate() {
            let sig = func_sig(&direct, &tsig, f, i, cc);
            func_ids.push(
                module
                    .declare_function(&format!("f{i}"), Linkage::Local, &sig)
                    .map_err(|e| cg_err(&f.name, e))?,
            );
            tramp_ids.push(if direct[i] {
                None
            } else {
                Some(
                    module
                        .declare_function(&format!("t{i}"), Linkage::Local, &tsig)
                        .map_err(|e| cg_err(&f.name, e))?,
                )
            });
        }
        Ok(Linked {
            module,
            helpers,
            func_ids,
            tramp_ids,
            tsig,
            direct,
            addresses,
        })
    }

    /// Function `i`'s own signature.
    fn sig(&self, f: &Function, i: usize) -> Signature {
        func_sig(&self.direct, &self.tsig, f, i, self.tsig.call_conv)
    }

    /// Lowers function `i` of `ir` into `ctx` (outlined copies it makes go to `lazies`).
    #[allow(clippy::too_many_arguments, clippy::vec_box)]
    fn lower(
        &mut self,
        ctx: &mut cranelift_codegen::Context,
        fctx: &mut FunctionBuilderContext,
        ir: &Module,
        opts: &Options,
        outlined: Option<(&[u32], &crate::lower::Known, crate::lower::Copy)>,
        i: usize,
        lazies: &mut Vec<Box<Lazy>>,
    ) -> R<()> {
        let f = &ir.functions[i];
        self.module.clear_context(ctx);
        ctx.func.signature = self.sig(f, i);
        ctx.func.name = UserFuncName::user(0, i as u32);
        let b = FunctionBuilder::new(&mut ctx.func, fctx);
        let mut env = Env {
            module: &mut self.module,
            ir,
            func_ids: &self.func_ids,
            helpers: &self.helpers,
            opts: *opts,
            report: outlined.map(|o| o.0),
            outlined: outlined.filter(|_| i == 0).map(|o| (o.1.clone(), o.2)),
            direct: self.direct[i],
            lazies,
            addresses: &self.addresses,
        };
        Lower::new(b, &mut env, i, f).run()
    }

    /// Builds and defines function `i`'s trampoline (`tramp_id`): unpack u64 slots, call, pack
    /// results.
    fn trampoline(
        &mut self,
        ctx: &mut cranelift_codegen::Context,
        fctx: &mut FunctionBuilderContext,
        f: &Function,
        i: usize,
        tramp_id: FuncId,
        outlined: Option<crate::lower::Copy>,
    ) -> R<()> {
        let l = self;
        let params: Vec<Ty> = f.params.iter().map(|p| p.ty).collect();
        // An outlined function's
        // (called from native code) preserves every register, so that the call does not make
        // its caller keep its values in memory across the loop around it (nbody: dx, dy and
        // dz were stored and loaded on every iteration, native 2.5 → 2.8 ms); its status and
        // results go to the argument slots.
        let preserving = outlined == Some(crate::lower::Copy::Loop) && i == 0;
        l.module.clear_context(ctx);
        ctx.func.signature = if preserving {
            preserving_sig()
        } else {
            l.tsig.clone()
        };
        ctx.func.name = UserFuncName::user(1, i as u32);
        {
            let mut b = FunctionBuilder::new(&mut ctx.func, fctx);
            let blk = b.create_block();
            b.append_block_params_for_function_params(blk);
            b.switch_to_block(blk);
            let p = b.block_params(blk).to_vec();
            let (cx, args) = (p[0], p[1]);
            // An outlined function's slots: its handle (then its status), then the arguments
            // (then the results).
            let (rets, at) = if preserving { (args, 8) } else { (p[2], 0) };
            let flags = MemFlagsData::new().with_notrap();
            let mut vals = vec![cx];
            for (k, &t) in params.iter().enumerate() {
                vals.push(b.ins().load(clty(t), flags, args, at + 8 * k as i32));
            }
            let fref = l.module.declare_func_in_func(l.func_ids[i], b.func);
            let call = b.ins().call(fref, &vals);
            let res = b.inst_results(call).to_vec();
            for (k, &t) in f.rets.iter().enumerate() {
                let v = if t == Ty::Bool {
                    b.ins().uextend(types::I64, res[k + 1])
                } else {
                    res[k + 1]
                };
                b.ins().store(flags, v, rets, at + 8 * k as i32);
            }
            if preserving {
                b.ins().store(flags, res[0], rets, 0);
                b.ins().return_(&[]);
            } else {
                b.ins().return_(&[res[0]]);
            }
            b.seal_all_blocks();
            b.finalize(l.module.target_config());
        }
        ctx.set_disasm(false);
        l.module
            .define_function(tramp_id, ctx)
            .map_err(|e| cg_err(&f.name, format!("{e:?}")))?;
        Ok(())
    }

    /// What was compiled of function `id` (to cache it).
    fn piece(ctx: &cranelift_codegen::Context, id: FuncId) -> Option<crate::cache::Piece> {
        let code = ctx.compiled_code()?;
        Some(crate::cache::Piece {
            id,
            align: u64::from(code.buffer.alignment),
            code: code.code_buffer().to_vec(),
            relocs: code
                .buffer
                .relocs()
                .iter()
                .map(|r| cranelift_module::ModuleReloc::from_mach_reloc(r, &ctx.func, id))
                .collect(),
        })
    }

    /// The handle, once every function is defined: links the module.
    #[allow(clippy::vec_box)]
    fn finish(
        mut self,
        ir: &Module,
        listings: Vec<Option<Listing>>,
        lazies: Vec<Box<Lazy>>,
    ) -> R<Compiled> {
        self.module
            .finalize_definitions()
            .map_err(|e| cg_err("", e))?;
        let m = &self.module;
        let entries = ir
            .functions
            .iter()
            .zip(listings)
            .enumerate()
            .map(|(i, (f, listing))| Entry {
                name: f.name.clone(),
                params: f.params.iter().map(|p| p.ty).collect(),
                rets: f.rets.clone(),
                tramp: m.get_finalized_function(self.tramp_ids[i].unwrap_or(self.func_ids[i]))
                    as usize,
                func: m.get_finalized_function(self.func_ids[i]) as usize,
                listing,
            })
            .collect();
        Ok(Compiled {
            entries,
            hosts: ir.hosts.clone(),
            max_spill: ir
                .functions
                .iter()
                .map(|f| crate::lower::spill_names(f).len())
                .max()
                .unwrap_or(0),
            lazies,
            _code: CodeMemory::new(self.module),
        })
    }
}

/// Function `i`'s signature: the trampoline's if it is a direct entry, else the internal one.
fn func_sig(direct: &[bool], tsig: &Signature, f: &Function, i: usize, cc: CallConv) -> Signature {
    if direct[i] {
        tsig.clone()
    } else {
        let params: Vec<Ty> = f.params.iter().map(|p| p.ty).collect();
        internal_sig(&params, &f.rets, cc)
    }
}

type R<T> = Result<T, CompileError>;

/// [`compile`]; `outlined`: the module of an outlined function (its first function), with
/// the function indices its errors report, what its caller knows at the call, and what it is.
/// A module (not an outlined copy) is looked up in the code cache first, and stored there
/// when compiled ([`crate::cache`]).
fn compile_inner(
    ir: &Module,
    opts: &Options,
    outlined: Option<(&[u32], &crate::lower::Known, crate::lower::Copy)>,
) -> R<Compiled> {
    for (i, f) in ir.functions.iter().enumerate() {
        if ir.functions[..i].iter().any(|g| g.name == f.name) {
            return Err(CompileError::Type {
                func: f.name.clone(),
                line: 0,
                message: "duplicate function name".into(),
            });
        }
    }
    let kind = outlined.map(|o| o.2);
    let key = match outlined {
        None => cache_key(ir, opts)?,
        Some(_) => None,
    };
    if let Some(c) = key.as_ref().and_then(|k| load(ir, opts, k)) {
        return Ok(c);
    }
    let mut l = Linked::new(ir, opts, kind)?;

    let mut reused = Reused::take(&l.module);
    let (Some(ctx), Some(fctx)) = (&mut reused.ctx, &mut reused.fctx) else {
        unreachable!("taken until dropped")
    };
    let mut listings = Vec::new();
    let mut lazies = Vec::new();
    let mut pieces = Vec::new();
    for (i, f) in ir.functions.iter().enumerate() {
        l.lower(ctx, fctx, ir, opts, outlined, i, &mut lazies)?;
        let before = opts
            .inspect
            .then(|| inspect::annotate_clif(&ctx.func.display().to_string()));
        ctx.set_disasm(opts.inspect);
        l.module
            .define_function(l.func_ids[i], ctx)
            .map_err(|e| cg_err(&f.name, format!("{e:?}")))?;
        let listing = before.map(|clif_before| Listing {
            clif_before,
            clif_after: inspect::annotate_clif(&ctx.func.display().to_string()),
            asm: inspect::annotate_asm(ctx),
        });
        listings.push(listing);
        pieces.extend(key.as_ref().and_then(|_| Linked::piece(ctx, l.func_ids[i])));
        if let Some(tramp_id) = l.tramp_ids[i] {
            l.trampoline(ctx, fctx, f, i, tramp_id, kind)?;
            pieces.extend(key.as_ref().and_then(|_| Linked::piece(ctx, tramp_id)));
        }
    }
    // Every function was built to the end: its builder context is clean.
    reused.ok = true;
    if let Some(key) = key {
        let data = l
            .module
            .declarations()
            .get_data_objects()
            .map(|(_, d)| d.name.clone().unwrap_or_default())
            .collect();
        let mut made = vec![0u32; ir.functions.len()];
        let lazies = lazies
            .iter()
            .map(|z| {
                made[z.owner] += 1;
                (z.owner as u32, made[z.owner] - 1)
            })
            .collect();
        let entry = crate::cache::Entry {
            data,
            lazies,
            funcs: pieces,
        };
        crate::cache::store(key, &entry);
        crate::cache::compiled();
    }
    // Listings show the outlined checked copies after the function that calls them.
    for lz in lazies.iter().filter(|_| opts.inspect) {
        let Some(sub) = lz.listing() else { continue };
        let Some(Some(l)) = listings.get_mut(lz.owner) else {
            continue;
        };
        let head = format!(
            "\n; {}: checked copy, compiled when first called\n",
            lz.name()
        );
        l.clif_before += &(head.clone() + &sub.clif_before);
        l.clif_after += &(head.clone() + &sub.clif_after);
        l.asm += &(head + &sub.asm);
    }
    l.finish(ir, listings, lazies)
}

/// The code cache's key for `ir` with `opts` (None: no cache to use).
fn cache_key(ir: &Module, opts: &Options) -> R<Option<crate::cache::Key>> {
    if crate::cache::directory().is_none() || !opts.cache || opts.inspect {
        return Ok(None);
    }
    Ok(crate::cache::key(ir, opts, &isa_text(opts)?))
}

/// The module from the cache entry under `key`, if there is one that fits. An entry that
/// does not fit (it cannot, but for a corrupt file with the right key) is a miss.
fn load(ir: &Module, opts: &Options, key: &crate::cache::Key) -> Option<Compiled> {
    let entry = crate::cache::load(key)?;
    let l = Linked::new(ir, opts, None).ok()?;
    let c = from_cache(l, ir, opts, entry).ok()?;
    crate::cache::loaded();
    Some(c)
}

/// [`compile`] if the code cache has the module: its code loaded, nothing compiled (about
/// 0.1 ms for nbody's nest). None if it has not (or no cache is configured).
pub fn compile_cached(ir: &Module, opts: &Options) -> Option<Compiled> {
    let key = cache_key(ir, opts).ok()??;
    load(ir, opts, &key)
}

/// The data symbol names of outlined copy `k` of a module: its [`Lazy`], and the slot its
/// address is in (`lower::outline`).
pub(crate) fn lazy_symbols(k: usize) -> (String, String) {
    (format!("nj_lazy{k}"), format!("nj_lazy{k}_slot"))
}

/// The data symbol names of the resolvers (`addr`, `call`).
pub(crate) const RESOLVER_SYMBOLS: (&str, &str) = ("nj_resolve_addr", "nj_resolve_call");

/// The module `ir` from a cache entry (`l`: declared, nothing defined). Its outlined copies
/// are made again from `ir` if they are ever called ([`Lazy::deferred`]). Everything the
/// entry names is checked against the module first (cranelift-jit panics on an unknown id
/// or symbol).
fn from_cache(
    mut l: Linked,
    ir: &Module,
    opts: &Options,
    e: crate::cache::Entry,
) -> Result<Compiled, String> {
    let nfuncs = l.module.declarations().get_functions().count() as u32;
    let parent = (!e.lazies.is_empty()).then(|| std::sync::Arc::new(ir.clone()));
    let mut lazies = Vec::new();
    for (k, &(owner, local)) in e.lazies.iter().enumerate() {
        if owner as usize >= ir.functions.len() {
            return Err("lazy owner".into());
        }
        let parent = parent.clone().ok_or("no parent")?;
        let z = Box::new(Lazy::deferred(
            parent,
            *opts,
            owner as usize,
            local as usize,
        ));
        let (handle, slot) = lazy_symbols(k);
        l.addresses.insert(&handle, &*z as *const Lazy as usize);
        l.addresses.insert(&slot, z.slot_address());
        lazies.push(z);
    }
    for (k, name) in e.data.iter().enumerate() {
        if name == RESOLVER_SYMBOLS.0 || name == RESOLVER_SYMBOLS.1 {
            let r = resolvers().map_err(|e| e.to_string())?;
            l.addresses.insert(RESOLVER_SYMBOLS.0, r.addr);
            l.addresses.insert(RESOLVER_SYMBOLS.1, r.call);
        }
        if l.addresses.lookup(name).is_none() {
            return Err(format!("unknown symbol {name}"));
        }
        let id = l
            .module
            .declare_data(name, Linkage::Import, false, false)
            .map_err(|e| e.to_string())?;
        if id.as_u32() as usize != k {
            return Err("data ids".into());
        }
    }
    let ndata = e.data.len() as u32;
    for p in &e.funcs {
        let fits = |f: FuncId| f.as_u32() < nfuncs;
        let ok = fits(p.id)
            && p.relocs.iter().all(|r| match r.name {
                ModuleRelocTarget::User { namespace, index } => {
                    (namespace == 0 && index < nfuncs) || (namespace == 1 && index < ndata)
                }
                ModuleRelocTarget::FunctionOffset(f, _) => fits(f),
                _ => true,
            });
        if !ok {
            return Err("ids".into());
        }
        l.module
            .define_function_bytes(p.id, p.align, &p.code, &p.relocs)
            .map_err(|e| e.to_string())?;
    }
    let defined = e.funcs.len();
    let wanted = l.func_ids.len() + l.tramp_ids.iter().flatten().count();
    if defined != wanted {
        return Err("functions".into());
    }
    let listings = vec![None; ir.functions.len()];
    l.finish(ir, listings, lazies).map_err(|e| e.to_string())
}

/// Parses the text form and compiles it.
pub fn compile_text(src: &str, opts: &Options) -> Result<Compiled, CompileError> {
    compile(&crate::text::parse_module(src)?, opts)
}

fn kind_ok(a: &Arg<'_>, t: Ty) -> bool {
    match (a, t) {
        (Arg::I64(_), Ty::I64) | (Arg::F64(_), Ty::F64) | (Arg::Bool(_), Ty::Bool) => true,
        (Arg::Array(d), Ty::Array(dt, n)) => d.dtype() == dt && d.ndim() == n as usize,
        _ => false,
    }
}

fn arg_slot(a: &Arg<'_>) -> u64 {
    match a {
        Arg::I64(v) => *v as u64,
        Arg::F64(v) => v.to_bits(),
        Arg::Bool(v) => *v as u64,
        Arg::Array(d) => *d as *const crate::ArrayDesc as usize as u64,
    }
}

impl Compiled {
    /// Index of a function by name.
    pub fn index(&self, name: &str) -> Option<FuncIndex> {
        self.entries
            .iter()
            .position(|e| e.name == name)
            .map(FuncIndex)
    }

    /// Names of the compiled functions, in index order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|e| e.name.as_str())
    }

    /// Parameter and result types of a function.
    pub fn signature(&self, f: FuncIndex) -> (&[Ty], &[Ty]) {
        let e = &self.entries[f.0];
        (&e.params, &e.rets)
    }

    /// Calls a function by name; returns its results (a tuple when more than one).
    pub fn call(
        &self,
        name: &str,
        args: &[Arg<'_>],
        rt: &mut dyn Runtime,
    ) -> Result<Vec<Value>, CallError> {
        let f = self
            .index(name)
            .ok_or_else(|| CallError::NoSuchFunction(name.to_string()))?;
        let mut out = vec![Value::I64(0); self.entries[f.0].rets.len()];
        self.call_with(f, args, rt, &mut out)?;
        Ok(out)
    }

    /// The allocation-free entry the VM uses: checks argument kinds (and array dtype/ndim)
    /// against the signature, runs the native code, writes the results into `rets`.
    pub fn call_with(
        &self,
        f: FuncIndex,
        args: &[Arg<'_>],
        rt: &mut dyn Runtime,
        rets: &mut [Value],
    ) -> Result<(), CallError> {
        let e = self
            .entries
            .get(f.0)
            .ok_or_else(|| CallError::NoSuchFunction(format!("#{}", f.0)))?;
        if args.len() != e.params.len() {
            return Err(CallError::BadArguments(format!(
                "{} takes {} argument(s), {} given",
                e.name,
                e.params.len(),
                args.len()
            )));
        }
        if rets.len() != e.rets.len() {
            return Err(CallError::BadArguments(format!(
                "{} returns {} value(s), result buffer holds {}",
                e.name,
                e.rets.len(),
                rets.len()
            )));
        }
        for (k, (a, &t)) in args.iter().zip(&e.params).enumerate() {
            if !kind_ok(a, t) {
                return Err(CallError::BadArguments(format!(
                    "argument {k} of {}: expected {t}, got {a:?}",
                    e.name
                )));
            }
        }
        const N: usize = 16;
        let (mut abuf, mut rbuf) = ([0u64; N], [0u64; N]);
        let (mut avec, mut rvec);
        let aslots: &mut [u64] = if args.len() <= N {
            &mut abuf[..args.len()]
        } else {
            avec = vec![0u64; args.len()];
            &mut avec
        };
        for (s, a) in aslots.iter_mut().zip(args) {
            *s = arg_slot(a);
        }
        let rslots: &mut [u64] = if rets.len() <= N {
            &mut rbuf[..rets.len()]
        } else {
            rvec = vec![0u64; rets.len()];
            &mut rvec
        };
        // Native code stores at most `max_spill` values through `raw.spill` (the largest
        // `spill` statement of the module); the buffer outlives the call.
        let mut spill_buf = vec![0i64; self.max_spill];
        let mut raw = abi::RawErr::default();
        if self.max_spill > 0 {
            raw.spill = spill_buf.as_mut_ptr();
        }
        let mut ctx = CallCtx {
            stack_limit: abi::stack_limit(),
            raw,
            rt,
            hosts: &self.hosts,
            err: Default::default(),
        };
        let status = abi::invoke(e.tramp, &mut ctx, aslots, rslots);
        if status != 0 {
            return Err(CallError::Runtime(
                self.runtime_error(ctx.take_err(&spill_buf)),
            ));
        }
        for ((r, &s), &t) in rets.iter_mut().zip(rslots.iter()).zip(&e.rets) {
            *r = Value::from_slot(s, t);
        }
        Ok(())
    }

    /// Checked copies of versioned loops outlined from this module's functions, and how
    /// many of them were compiled (each is, when it first runs or for an inspection listing).
    pub fn checked_copies(&self) -> (usize, usize) {
        let compiled = self.lazies.iter().filter(|z| z.is_compiled()).count();
        (self.lazies.len(), compiled)
    }

    fn runtime_error(&self, err: abi::ErrState) -> RuntimeError {
        let name = |i: u32| {
            self.entries
                .get(i as usize)
                .map_or_else(|| format!("#{i}"), |e| e.name.clone())
        };
        RuntimeError {
            kind: ErrorKind::from_u32(err.kind).unwrap_or(ErrorKind::HostError),
            func: name(err.func),
            line: err.line,
            axis: err.axis,
            index: err.index,
            bound: err.bound,
            message: err.message,
            trace: err.trace.iter().map(|&(f, l)| (name(f), l)).collect(),
            spilled: err.spilled.into_boxed_slice(),
        }
    }

    fn listing(&self, name: &str) -> Option<&Listing> {
        self.entries
            .iter()
            .find(|e| e.name == name)
            .and_then(|e| e.listing.as_ref())
    }

    /// CLIF of a function as generated (needs [`Options::inspect`]).
    pub fn clif_before(&self, name: &str) -> Option<&str> {
        self.listing(name).map(|l| l.clif_before.as_str())
    }

    /// CLIF of a function after optimisation (needs [`Options::inspect`]).
    pub fn clif_after(&self, name: &str) -> Option<&str> {
        self.listing(name).map(|l| l.clif_after.as_str())
    }

    /// Assembly listing of a function (needs [`Options::inspect`]).
    pub fn asm(&self, name: &str) -> Option<&str> {
        self.listing(name).map(|l| l.asm.as_str())
    }
}
