//! Criterion benchmarks of the interpreter (calls, loops, attribute access, generators) and of
//! the same functions interpreted vs compiled by the JIT, plus the cost of one call from the
//! interpreter into native code. Run: `cargo bench --bench interp`.
//!
//! Each benchmark runs a small Python program through the library (parse, compile, run), with
//! the program's stdout captured. Python-level loop counts are chosen so a run takes a few
//! milliseconds; compare the figures with each other (ratios), not across machines.

use std::rc::Rc;

use criterion::{criterion_group, criterion_main, Criterion};
use numjit::jit_bridge::CliOptions;
use numjit::runtime::dict::PyDict;
use numjit::runtime::value::Value;
use numjit::vm::Vm;

/// Runs `src` as `__main__` with the JIT on or off; panics if the program fails (a benchmark
/// of a failing program would measure the wrong thing).
fn run(src: &str, jit: bool) {
    let mut vm = Vm::new(vec!["bench".into()]);
    let opts = CliOptions {
        off: !jit,
        ..Default::default()
    };
    opts.apply(&mut vm);
    vm.stdout.capture = Some(Vec::new());
    let globals = Rc::new(PyDict::new());
    globals.set_by_str("__name__", Value::str("__main__"));
    let status = numjit::cli::run_source(&mut vm, src, "<bench>", globals);
    assert_eq!(status, 0, "benchmark program failed");
}

const CALLS: &str = "
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)
fib(18)
";

const LOOPS: &str = "
def loop(n):
    s = 0
    i = 0
    while i < n:
        s += i % 7
        i += 1
    for j in range(n):
        s -= j & 3
    return s
loop(20000)
";

const ATTRS: &str = "
class P:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
def run(n):
    p = P(1.5, 2.5)
    t = 0.0
    for i in range(n):
        p.x = p.y + 1.0
        t += p.norm2()
    return t
run(10000)
";

const GENERATORS: &str = "
def numbers(n):
    i = 0
    while i < n:
        yield i
        i += 1
def evens(items):
    for x in items:
        if x % 2 == 0:
            yield x
sum(evens(numbers(20000)))
";

/// A numeric kernel called many times: interpreted vs compiled (njit) vs tier-up.
const KERNEL: &str = "
from numba import njit
@njit
def poly(x):
    s = 0.0
    for k in range(50):
        s = s * x + k
    return s
t = 0.0
for i in range(2000):
    t += poly(0.5)
";

/// A trivial jitted function: the figure is dominated by the interpreter→native call.
const NATIVE_CALL: &str = "
from numba import njit
@njit
def inc(x):
    return x + 1
n = 0
for i in range(20000):
    n = inc(n)
";

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("interpreter");
    g.sample_size(20);
    g.bench_function("calls_fib18", |b| b.iter(|| run(CALLS, false)));
    g.bench_function("loops_20k", |b| b.iter(|| run(LOOPS, false)));
    g.bench_function("attributes_10k", |b| b.iter(|| run(ATTRS, false)));
    g.bench_function("generators_20k", |b| b.iter(|| run(GENERATORS, false)));
    g.finish();

    let mut g = c.benchmark_group("interpreted_vs_compiled");
    g.sample_size(20);
    g.bench_function("poly_x2000_interpreted", |b| b.iter(|| run(KERNEL, false)));
    g.bench_function("poly_x2000_compiled", |b| b.iter(|| run(KERNEL, true)));
    g.bench_function("fib18_interpreted", |b| b.iter(|| run(CALLS, false)));
    g.bench_function("fib18_tier_up", |b| b.iter(|| run(CALLS, true)));
    g.finish();

    let mut g = c.benchmark_group("native_call");
    g.sample_size(20);
    // (native - interpreted loop overhead) / 20000 ≈ the cost of one call into native code.
    g.bench_function("inc_x20000_native", |b| b.iter(|| run(NATIVE_CALL, true)));
    g.bench_function("inc_x20000_interpreted", |b| {
        b.iter(|| run(NATIVE_CALL, false))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
