//! Code generation: a cache of compiled modules across processes. A module is looked up by
//! its IR, the options, the target ISA with its flags, and the identity of the running
//! executable (so a rebuilt numjit, whose lowering or runtime may differ, never reuses code
//! of another build). A hit skips lowering and Cranelift altogether: the module's functions
//! are defined from the cached bytes and relocated against this process's helpers and
//! symbols (`Lower::symbol_address`: no address of a process enters the code as an
//! immediate).
//!
//! Why: a numeric script is typically run many times as it is written and measured, and a
//! lifted loop's compile is time the interpreter runs the loop at a hundredth of native
//! speed. nbody's nest: 0.8 ms warm, 1.0–1.5 ms in a fresh process (lowering 0.17 ms warm,
//! 0.4–0.9 cold); loaded from the cache, [`crate::compile`] takes 0.15–0.2 ms. Numba offers
//! the same with `cache=True`; CPython keeps its bytecode in `__pycache__`.
//!
//! Off until the host [`configure`]s a directory. One file per module, named by its key,
//! in a directory per build of numjit ([`prune`]); written to a temporary name and renamed,
//! so that concurrent processes never read half a file. Entries are written by [`flush`]
//! (the VM calls it off the critical path: when the worker thread has answered and has
//! nothing queued, and at exit), not while compiling. A file that does not decode, whose
//! checksum or key differs, is a miss. Entries of the running build are never evicted.

use cranelift_codegen::binemit::Reloc;
use cranelift_codegen::ir::LibCall;
use cranelift_module::{FuncId, ModuleReloc, ModuleRelocTarget};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock, RwLock};

/// Bumped when the file format, or what the key covers, changes.
const FORMAT: &[u8; 8] = b"njcode02";

static DIR: RwLock<Option<PathBuf>> = RwLock::new(None);
static PENDING: Mutex<Vec<(PathBuf, Vec<u8>)>> = Mutex::new(Vec::new());
static LOADED: AtomicU64 = AtomicU64::new(0);
static COMPILED: AtomicU64 = AtomicU64::new(0);
static WRITTEN: AtomicU64 = AtomicU64::new(0);

/// Uses `dir` as the cache from now on (created when first written), or no cache.
pub fn configure(dir: Option<PathBuf>) {
    if dir.is_some() {
        // Now, at start-up, not at the first compile: the executable may be rebuilt meanwhile.
        build_identity();
    }
    *DIR.write().unwrap_or_else(|e| e.into_inner()) = dir;
}

/// The cache directory, if one is configured.
pub fn directory() -> Option<PathBuf> {
    DIR.read().unwrap_or_else(|e| e.into_inner()).clone()
}

/// What the cache did in this process.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CacheStats {
    /// Modules whose code came from the cache.
    pub loaded: u64,
    /// Modules compiled while a cache was configured (each queued to be written).
    pub compiled: u64,
    /// Entries written to the directory.
    pub written: u64,
}

/// This process's [`CacheStats`].
pub fn stats() -> CacheStats {
    CacheStats {
        loaded: LOADED.load(Ordering::Relaxed),
        compiled: COMPILED.load(Ordering::Relaxed),
        written: WRITTEN.load(Ordering::Relaxed),
    }
}

/// Writes the entries of the modules compiled since the last call. A failure (a read-only
/// or full disk) loses those entries and nothing else.
pub fn flush() {
    // Held while writing: a flush at exit waits for one in progress on another thread.
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    for (path, bytes) in pending.drain(..) {
        if write_entry(&path, &bytes).is_ok() {
            WRITTEN.fetch_add(1, Ordering::Relaxed);
            static PRUNED: std::sync::Once = std::sync::Once::new();
            PRUNED.call_once(|| prune(&path));
        }
    }
}

/// Entries are kept per build of numjit (a directory named by [`build_identity`]'s hash):
/// those of other builds can never be loaded again by this one. Removed here, once per
/// process that writes, if untouched for a day (a user switching between two builds keeps
/// both); so are the temporary files of processes killed while writing.
fn prune(entry: &Path) {
    let Some(build) = entry.parent() else { return };
    let Some(top) = build.parent() else { return };
    let Ok(dirs) = std::fs::read_dir(top) else {
        return;
    };
    let stale = |d: &std::fs::DirEntry| {
        let day = std::time::Duration::from_secs(24 * 3600);
        d.metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t.elapsed().is_ok_and(|age| age > day))
    };
    for d in dirs.filter_map(|d| d.ok()) {
        let p = d.path();
        let ours = p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("build-"));
        if p != build && ours && stale(&d) {
            let _ = std::fs::remove_dir_all(&p);
        }
    }
    // Files of a process killed while writing them.
    for d in std::fs::read_dir(build)
        .into_iter()
        .flatten()
        .filter_map(|d| d.ok())
    {
        let tmp = d.file_name().to_string_lossy().starts_with(".tmp-");
        if tmp && stale(&d) {
            let _ = std::fs::remove_file(d.path());
        }
    }
}

fn write_entry(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    static SEQ: AtomicU64 = AtomicU64::new(0);
    let tmp = dir.join(format!(
        ".tmp-{}-{}",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Where a module's entry is: the configured directory, and a 128-bit key.
pub(crate) struct Key {
    path: PathBuf,
    key: [u8; 16],
}

/// The executable's path, size, modification time and inode, read once: code cached by
/// another build of numjit is never used (its lowering or runtime may differ). Read through
/// `/proc/self/exe`, the file this process runs even if a rebuild has replaced it at its
/// path since. None if unknown, and then nothing is cached.
fn build_identity() -> Option<&'static str> {
    static ID: OnceLock<Option<String>> = OnceLock::new();
    ID.get_or_init(|| {
        let exe = std::env::current_exe().ok()?;
        let meta = std::fs::metadata("/proc/self/exe")
            .or_else(|_| std::fs::metadata(&exe))
            .ok()?;
        let mtime = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        #[cfg(unix)]
        let file = {
            use std::os::unix::fs::MetadataExt;
            format!("{}:{}", meta.dev(), meta.ino())
        };
        #[cfg(not(unix))]
        let file = String::new();
        Some(format!(
            "{} {} {} {file}",
            exe.display(),
            meta.len(),
            mtime.as_nanos()
        ))
    })
    .as_deref()
}

/// `build-` and the hash of [`build_identity`]: where this build's entries are.
fn build_directory() -> Option<&'static str> {
    static DIR: OnceLock<Option<String>> = OnceLock::new();
    DIR.get_or_init(|| {
        let mut h = std::hash::DefaultHasher::new();
        h.write(build_identity()?.as_bytes());
        Some(format!("build-{:016x}", h.finish()))
    })
    .as_deref()
}

/// The key of `ir` compiled with `opts` for `isa` (its flags' text), if a cache is
/// configured and may be used (not with `inspect`: listings need a compile). 128 bits: two
/// unrelated hashes (SipHash-1-3 and Fx) of the same fields, the IR's structure with floats
/// by their bits (`ExprKind`'s `Hash`). Hashing the IR's text form instead took 70–90 µs for
/// nbody's nest in a fresh process, on the interpreter's thread before every compile.
pub(crate) fn key(ir: &impl std::hash::Hash, opts: &crate::Options, isa: &str) -> Option<Key> {
    if !opts.cache || opts.inspect {
        return None;
    }
    let dir = directory()?;
    let build = build_identity()?;
    let feed = |mut h: &mut dyn Hasher| {
        use std::hash::Hash;
        (FORMAT, build, isa, opts, ir).hash(&mut h);
    };
    let mut sip = std::hash::DefaultHasher::new();
    feed(&mut sip);
    let mut fx = rustc_hash::FxHasher::default();
    feed(&mut fx);
    let mut key = [0u8; 16];
    key[..8].copy_from_slice(&sip.finish().to_le_bytes());
    key[8..].copy_from_slice(&fx.finish().to_le_bytes());
    let name: String = key.iter().map(|b| format!("{b:02x}")).collect();
    Some(Key {
        path: dir.join(build_directory()?).join(name),
        key,
    })
}

/// A compiled module as cached.
pub(crate) struct Entry {
    /// The data symbols its functions refer to, in the order they were declared (their
    /// `DataId`s), resolved in the process that loads it.
    pub data: Vec<String>,
    /// Its outlined checked copies (`compile::Lazy`), in order: the function that made each,
    /// and which of that function's copies it is.
    pub lazies: Vec<(u32, u32)>,
    /// Its defined functions.
    pub funcs: Vec<Piece>,
}

/// One defined function: its `FuncId`, alignment, code and relocations.
pub(crate) struct Piece {
    pub id: FuncId,
    pub align: u64,
    pub code: Vec<u8>,
    pub relocs: Vec<ModuleReloc>,
}

/// The cached module for `key`, if there is one, whole.
pub(crate) fn load(key: &Key) -> Option<Entry> {
    let bytes = std::fs::read(&key.path).ok()?;
    decode(&bytes, &key.key)
}

/// Counts a module loaded from the cache.
pub(crate) fn loaded() {
    LOADED.fetch_add(1, Ordering::Relaxed);
}

/// Counts a module compiled while a cache was configured.
pub(crate) fn compiled() {
    COMPILED.fetch_add(1, Ordering::Relaxed);
}

/// Queues `entry` to be written under `key` (by [`flush`]); not if it holds something the
/// format cannot say.
pub(crate) fn store(key: Key, entry: &Entry) {
    if let Some(bytes) = encode(&key.key, entry) {
        let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
        pending.push((key.path, bytes));
    }
}

/// The relocation kinds an entry may hold (its byte is the index).
const KINDS: [Reloc; 6] = [
    Reloc::Abs4,
    Reloc::Abs8,
    Reloc::X86PCRel4,
    Reloc::X86CallPCRel4,
    Reloc::X86CallPLTRel4,
    Reloc::X86GOTPCRel4,
];

/// `FORMAT`, key; the data names; the lazies; per function its id, alignment, code, and
/// relocations (offset, kind, addend, target: 0 a declared function or data object, 1 a
/// libcall by name, 2 an offset in a function); a checksum. Little-endian, lengths as u32.
fn encode(key: &[u8; 16], e: &Entry) -> Option<Vec<u8>> {
    let mut w = Writer(Vec::with_capacity(4096));
    w.0.extend_from_slice(FORMAT);
    w.0.extend_from_slice(key);
    w.len(e.data.len())?;
    for d in &e.data {
        w.bytes(d.as_bytes())?;
    }
    w.len(e.lazies.len())?;
    for &(owner, local) in &e.lazies {
        w.u32(owner);
        w.u32(local);
    }
    w.len(e.funcs.len())?;
    for p in &e.funcs {
        w.u32(p.id.as_u32());
        w.0.extend_from_slice(&p.align.to_le_bytes());
        w.bytes(&p.code)?;
        w.len(p.relocs.len())?;
        for r in &p.relocs {
            w.u32(r.offset);
            w.0.push(KINDS.iter().position(|&k| k == r.kind)? as u8);
            w.0.extend_from_slice(&r.addend.to_le_bytes());
            match &r.name {
                ModuleRelocTarget::User { namespace, index } => {
                    w.0.push(0);
                    w.u32(*namespace);
                    w.u32(*index);
                }
                ModuleRelocTarget::LibCall(l) => {
                    w.0.push(1);
                    w.bytes(l.to_string().as_bytes())?;
                }
                ModuleRelocTarget::FunctionOffset(f, off) => {
                    w.0.push(2);
                    w.u32(f.as_u32());
                    w.u32(*off);
                }
                ModuleRelocTarget::KnownSymbol(_) => return None,
            }
        }
    }
    let sum = checksum(&w.0);
    w.0.extend_from_slice(&sum.to_le_bytes());
    Some(w.0)
}

/// Of everything before it in the file: a file cut short or changed on disk (bytes of code
/// that would run) is a miss.
fn checksum(bytes: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(bytes);
    h.finish()
}

/// The entry for `key` in `bytes`, if `bytes` is one, whole.
fn decode(bytes: &[u8], key: &[u8; 16]) -> Option<Entry> {
    let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(8)?)?;
    if checksum(body).to_le_bytes() != sum {
        return None;
    }
    let mut r = Reader(body);
    if r.take(8)? != FORMAT || r.take(16)? != key {
        return None;
    }
    let mut data = Vec::new();
    for _ in 0..r.u32()? {
        data.push(std::str::from_utf8(r.bytes()?).ok()?.to_string());
    }
    let mut lazies = Vec::new();
    for _ in 0..r.u32()? {
        lazies.push((r.u32()?, r.u32()?));
    }
    let mut funcs = Vec::new();
    for _ in 0..r.u32()? {
        let id = FuncId::from_u32(r.u32()?);
        let align = r.u64()?;
        let code = r.bytes()?.to_vec();
        let mut relocs = Vec::new();
        for _ in 0..r.u32()? {
            let offset = r.u32()?;
            let kind = *KINDS.get(usize::from(r.u8()?))?;
            let addend = r.u64()? as i64;
            let name = match r.u8()? {
                0 => ModuleRelocTarget::User {
                    namespace: r.u32()?,
                    index: r.u32()?,
                },
                1 => ModuleRelocTarget::LibCall(
                    LibCall::from_str(std::str::from_utf8(r.bytes()?).ok()?).ok()?,
                ),
                2 => ModuleRelocTarget::FunctionOffset(FuncId::from_u32(r.u32()?), r.u32()?),
                _ => return None,
            };
            let size = if kind == Reloc::Abs8 { 8 } else { 4 };
            if offset as usize + size > code.len() {
                return None;
            }
            relocs.push(ModuleReloc {
                offset,
                kind,
                name,
                addend,
            });
        }
        funcs.push(Piece {
            id,
            align,
            code,
            relocs,
        });
    }
    r.0.is_empty().then_some(Entry {
        data,
        lazies,
        funcs,
    })
}

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn len(&mut self, n: usize) -> Option<()> {
        self.u32(u32::try_from(n).ok()?);
        Some(())
    }
    fn bytes(&mut self, b: &[u8]) -> Option<()> {
        self.len(b.len())?;
        self.0.extend_from_slice(b);
        Some(())
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        Some(a)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        self.take(n)
    }
}
