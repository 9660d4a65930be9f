//! Criterion benchmarks: compile latency of each anchor kernel (IR → callable), the same
//! loaded from the code cache, run time of the compiled kernels against the same loops written
//! in Rust, and bounds checks on vs off.
//! Run with `cargo bench -p numjit-jit --bench kernels` (bench profile = release).

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use numjit_jit::*;
use std::time::Duration;

const KERNELS: [(&str, &str); 8] = [
    ("floatsum", include_str!("../kernels/floatsum.nj")),
    ("dot", include_str!("../kernels/dot.nj")),
    ("matmul", include_str!("../kernels/matmul.nj")),
    ("mandelbrot", include_str!("../kernels/mandelbrot.nj")),
    ("nbody", include_str!("../kernels/nbody.nj")),
    ("sieve", include_str!("../kernels/sieve.nj")),
    ("lee_filter", include_str!("../kernels/lee_filter.nj")),
    ("fib", include_str!("../kernels/fib.nj")),
];

fn src(name: &str) -> &'static str {
    KERNELS.iter().find(|k| k.0 == name).unwrap().1
}

fn compiled(name: &str, boundscheck: bool) -> Compiled {
    let opts = Options {
        boundscheck,
        ..Options::default()
    };
    compile_text(src(name), &opts).unwrap()
}

fn lcg(state: &mut i64) -> f64 {
    *state = (state.wrapping_mul(1103515245) + 12345) & 2147483647;
    *state as f64 / 2147483648.0
}

// ---------------------------------------------------------------- the same loops in Rust

fn rs_floatsum(n: i64) -> f64 {
    let mut s = 0.0;
    for i in 0..n {
        s += i as f64 * 0.5;
    }
    s
}

fn rs_dot(a: &[f64], b: &[f64]) -> f64 {
    let mut s = 0.0;
    for i in 0..a.len() {
        s += a[i] * b[i];
    }
    s
}

fn rs_matmul(a: &[f64], b: &[f64], n: usize) -> Vec<f64> {
    let mut c = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let mut s = 0.0;
            for k in 0..n {
                s += a[i * n + k] * b[k * n + j];
            }
            c[i * n + j] = s;
        }
    }
    c
}

fn rs_mandelbrot(w: i64, h: i64, max_iter: i64) -> Vec<i64> {
    let mut out = vec![0i64; (w * h) as usize];
    for y in 0..h {
        let ci = -1.5 + 3.0 * y as f64 / h as f64;
        for x in 0..w {
            let cr = -2.25 + 3.0 * x as f64 / w as f64;
            let (mut zr, mut zi, mut k) = (0.0f64, 0.0f64, 0);
            while k < max_iter && zr * zr + zi * zi <= 4.0 {
                let t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                k += 1;
            }
            out[(y * w + x) as usize] = k;
        }
    }
    out
}

fn rs_nbody(pos0: &[f64], vel0: &[f64], mass: &[f64], steps: i64, dt: f64) -> f64 {
    let n = mass.len();
    let mut pos = pos0.to_vec();
    let mut vel = vel0.to_vec();
    let eps2 = 0.01;
    for _ in 0..steps {
        for i in 0..n {
            for j in i + 1..n {
                let dx = pos[i * 3] - pos[j * 3];
                let dy = pos[i * 3 + 1] - pos[j * 3 + 1];
                let dz = pos[i * 3 + 2] - pos[j * 3 + 2];
                let d2 = dx * dx + dy * dy + dz * dz + eps2;
                let inv3 = 1.0 / (d2 * d2.sqrt());
                let fi = mass[j] * inv3 * dt;
                let fj = mass[i] * inv3 * dt;
                vel[i * 3] -= dx * fi;
                vel[i * 3 + 1] -= dy * fi;
                vel[i * 3 + 2] -= dz * fi;
                vel[j * 3] += dx * fj;
                vel[j * 3 + 1] += dy * fj;
                vel[j * 3 + 2] += dz * fj;
            }
        }
        for i in 0..n {
            for d in 0..3 {
                pos[i * 3 + d] += dt * vel[i * 3 + d];
            }
        }
    }
    let mut e = 0.0;
    for i in 0..n {
        let v2 = vel[i * 3] * vel[i * 3]
            + vel[i * 3 + 1] * vel[i * 3 + 1]
            + vel[i * 3 + 2] * vel[i * 3 + 2];
        e += 0.5 * mass[i] * v2;
        for j in i + 1..n {
            let dx = pos[i * 3] - pos[j * 3];
            let dy = pos[i * 3 + 1] - pos[j * 3 + 1];
            let dz = pos[i * 3 + 2] - pos[j * 3 + 2];
            e -= mass[i] * mass[j] / (dx * dx + dy * dy + dz * dz + eps2).sqrt();
        }
    }
    e
}

fn rs_sieve(n: usize) -> i64 {
    let mut flags = vec![1i64; n + 1];
    flags[0] = 0;
    flags[1] = 0;
    let mut i = 2;
    while i * i <= n {
        if flags[i] != 0 {
            let mut j = i * i;
            while j < n + 1 {
                flags[j] = 0;
                j += i;
            }
        }
        i += 1;
    }
    flags.iter().sum()
}

fn rs_lee(img: &[f64], h: usize, w: usize, looks: f64, damping: f64) -> Vec<f64> {
    let mut out = vec![0.0; h * w];
    let cu = 1.0 / looks.sqrt();
    let cmax = (1.0 + 2.0 / looks).sqrt();
    let r = 2i64;
    for y in 0..h as i64 {
        let y0 = (y - r).max(0);
        let y1 = (y + r + 1).min(h as i64);
        for x in 0..w as i64 {
            let x0 = (x - r).max(0);
            let x1 = (x + r + 1).min(w as i64);
            let (mut s, mut s2) = (0.0, 0.0);
            for yy in y0..y1 {
                for xx in x0..x1 {
                    let v = img[(yy as usize) * w + xx as usize];
                    s += v;
                    s2 += v * v;
                }
            }
            let cnt = ((y1 - y0) * (x1 - x0)) as f64;
            let mean = s / cnt;
            let mut var = s2 / cnt - mean * mean;
            if var < 0.0 {
                var = 0.0;
            }
            let o = (y as usize) * w + x as usize;
            let pix = img[o];
            if mean <= 0.0 {
                out[o] = pix;
                continue;
            }
            let ci = var.sqrt() / mean;
            out[o] = if ci <= cu {
                mean
            } else if ci < cmax {
                let k = (-damping * (ci - cu) / (cmax - ci)).exp();
                mean * k + pix * (1.0 - k)
            } else {
                pix
            };
        }
    }
    out
}

fn rs_fib(n: i64) -> i64 {
    if n < 2 {
        return n;
    }
    rs_fib(n - 1) + rs_fib(n - 2)
}

// ---------------------------------------------------------------- benchmarks

fn compile_latency(c: &mut Criterion) {
    let mut g = c.benchmark_group("compile");
    for (name, text) in KERNELS {
        let m = parse_module(text).unwrap();
        let opts = Options::default();
        g.bench_function(name, |b| b.iter(|| compile(black_box(&m), &opts).unwrap()));
    }
    g.finish();
}

/// The same modules loaded from the code cache (`cache.rs`) instead of compiled: the compile
/// group's figures against these are what a run of a script saves once its loops are cached.
fn cache_load(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("numjit-bench-cache-{}", std::process::id()));
    cache::configure(Some(dir.clone()));
    let mut g = c.benchmark_group("cached");
    for (name, text) in KERNELS {
        let m = parse_module(text).unwrap();
        let opts = Options::default();
        compile(&m, &opts).unwrap();
        cache::flush();
        g.bench_function(name, |b| b.iter(|| compile(black_box(&m), &opts).unwrap()));
    }
    g.finish();
    assert!(
        cache::stats().loaded > 0,
        "nothing was loaded from the cache"
    );
    cache::configure(None);
    let _ = std::fs::remove_dir_all(dir);
}

struct Inputs {
    a: Vec<f64>,
    b: Vec<f64>,
    ma: Vec<f64>,
    mb: Vec<f64>,
    pos: Vec<f64>,
    vel: Vec<f64>,
    mass: Vec<f64>,
    img: Vec<f64>,
}

const N_VEC: usize = 1_000_000;
const N_MAT: usize = 120;
const N_MANDEL: i64 = 200;
const NBODY_STEPS: i64 = 100;
const N_SIEVE: usize = 1_000_000;
const N_LEE: usize = 200;
const N_FIB: i64 = 27;

fn inputs() -> Inputs {
    let inv = 1.0 / N_VEC as f64;
    let a: Vec<f64> = (0..N_VEC).map(|i| i as f64 * inv).collect();
    let b = a.iter().map(|x| 1.0 - x).collect();
    let n = N_MAT;
    let (mut ma, mut mb) = (vec![0.0; n * n], vec![0.0; n * n]);
    for i in 0..n {
        for j in 0..n {
            ma[i * n + j] = ((3 * i + 5 * j + i * j) % 9) as f64 - 4.0;
            mb[i * n + j] = ((7 * i + 2 * j + i * j) % 11) as f64 - 5.0;
        }
    }
    let (mut pos, mut vel, mut mass) = (vec![0.0; 96], vec![0.0; 96], vec![0.0; 32]);
    let mut st = 12345;
    for i in 0..32 {
        for d in 0..3 {
            pos[i * 3 + d] = 2.0 * lcg(&mut st) - 1.0;
            vel[i * 3 + d] = 0.1 * lcg(&mut st) - 0.05;
        }
        mass[i] = (0.5 + lcg(&mut st)) / 32.0;
    }
    let mut img = vec![0.0; N_LEE * N_LEE];
    let mut st = 2024;
    for y in 0..N_LEE {
        for x in 0..N_LEE {
            let u = lcg(&mut st);
            let base = if y % 61 == 7 && x % 53 == 11 {
                2000.0
            } else if ((y / 32) + (x / 32)) % 2 == 1 {
                100.0
            } else {
                40.0
            };
            img[y * N_LEE + x] = base * (0.25 + 1.5 * u * u);
        }
    }
    Inputs {
        a,
        b,
        ma,
        mb,
        pos,
        vel,
        mass,
        img,
    }
}

/// Runs kernel `name` compiled with `boundscheck` on the standard inputs.
fn run_jit(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    id: &str,
    name: &str,
    boundscheck: bool,
    inp: &mut Inputs,
) {
    let code = compiled(name, boundscheck);
    let f = code.names().next().unwrap().to_string();
    let mut rt = VecRuntime::new();
    let mut out = [Value::I64(0)];
    let fi = code.index(&f).unwrap();
    macro_rules! bench {
        ($args:expr) => {{
            let args = $args;
            g.bench_function(id, |b| {
                b.iter(|| {
                    code.call_with(fi, black_box(&args), &mut rt, &mut out)
                        .unwrap();
                    rt.clear();
                })
            });
        }};
    }
    match name {
        "floatsum" => bench!([Arg::I64(N_VEC as i64)]),
        "dot" => {
            let a = ArrayView::contiguous(&mut inp.a, &[N_VEC]).unwrap();
            let b = ArrayView::contiguous(&mut inp.b, &[N_VEC]).unwrap();
            bench!([Arg::Array(&a), Arg::Array(&b)])
        }
        "matmul" => {
            let a = ArrayView::contiguous(&mut inp.ma, &[N_MAT, N_MAT]).unwrap();
            let b = ArrayView::contiguous(&mut inp.mb, &[N_MAT, N_MAT]).unwrap();
            bench!([Arg::Array(&a), Arg::Array(&b)])
        }
        "mandelbrot" => bench!([Arg::I64(N_MANDEL), Arg::I64(N_MANDEL), Arg::I64(255)]),
        "nbody" => {
            let p = ArrayView::contiguous(&mut inp.pos, &[32, 3]).unwrap();
            let v = ArrayView::contiguous(&mut inp.vel, &[32, 3]).unwrap();
            let m = ArrayView::contiguous(&mut inp.mass, &[32]).unwrap();
            bench!([
                Arg::Array(&p),
                Arg::Array(&v),
                Arg::Array(&m),
                Arg::I64(NBODY_STEPS),
                Arg::F64(0.001)
            ])
        }
        "sieve" => bench!([Arg::I64(N_SIEVE as i64)]),
        "lee_filter" => {
            let im = ArrayView::contiguous(&mut inp.img, &[N_LEE, N_LEE]).unwrap();
            bench!([Arg::Array(&im), Arg::F64(4.0), Arg::F64(1.0)])
        }
        "fib" => bench!([Arg::I64(N_FIB)]),
        _ => unreachable!(),
    }
}

fn run_rust(
    g: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    inp: &Inputs,
) {
    let id = format!("{name}/rust");
    match name {
        "floatsum" => g.bench_function(&id, |b| b.iter(|| rs_floatsum(black_box(N_VEC as i64)))),
        "dot" => g.bench_function(&id, |b| {
            b.iter(|| rs_dot(black_box(&inp.a), black_box(&inp.b)))
        }),
        "matmul" => g.bench_function(&id, |b| {
            b.iter(|| rs_matmul(black_box(&inp.ma), black_box(&inp.mb), N_MAT))
        }),
        "mandelbrot" => g.bench_function(&id, |b| {
            b.iter(|| rs_mandelbrot(black_box(N_MANDEL), N_MANDEL, 255))
        }),
        "nbody" => g.bench_function(&id, |b| {
            b.iter(|| rs_nbody(black_box(&inp.pos), &inp.vel, &inp.mass, NBODY_STEPS, 0.001))
        }),
        "sieve" => g.bench_function(&id, |b| b.iter(|| rs_sieve(black_box(N_SIEVE)))),
        "lee_filter" => g.bench_function(&id, |b| {
            b.iter(|| rs_lee(black_box(&inp.img), N_LEE, N_LEE, 4.0, 1.0))
        }),
        "fib" => g.bench_function(&id, |b| b.iter(|| rs_fib(black_box(N_FIB)))),
        _ => unreachable!(),
    };
}

fn run_time(c: &mut Criterion) {
    let mut inp = inputs();
    let mut g = c.benchmark_group("run");
    for (name, _) in KERNELS {
        run_rust(&mut g, name, &inp);
        run_jit(&mut g, &format!("{name}/jit"), name, true, &mut inp);
        if !matches!(name, "floatsum" | "fib") {
            run_jit(
                &mut g,
                &format!("{name}/jit_nocheck"),
                name,
                false,
                &mut inp,
            );
        }
    }
    g.finish();
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = compile_latency, cache_load, run_time
}
criterion_main!(benches);
