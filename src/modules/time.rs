//! The `time` module: perf_counter, time, sleep, monotonic, process_time.

use crate::runtime::types::{check_args, native_fn};
use crate::runtime::value::Value;
use crate::vm::{PyResult, Vm};

thread_local! {
    static START: std::time::Instant = std::time::Instant::now();
}

fn since_start() -> f64 {
    START.with(|s| s.elapsed().as_secs_f64())
}

pub fn create(_vm: &mut Vm) -> PyResult<Value> {
    let (m, d) = super::new_module("time");
    d.set_by_str(
        "perf_counter",
        native_fn("perf_counter", Some("time"), |_, _, _| {
            Ok(Value::Float(since_start()))
        }),
    );
    d.set_by_str(
        "monotonic",
        native_fn("monotonic", Some("time"), |_, _, _| {
            Ok(Value::Float(since_start()))
        }),
    );
    d.set_by_str(
        "process_time",
        native_fn("process_time", Some("time"), |_, _, _| {
            Ok(Value::Float(since_start()))
        }),
    );
    d.set_by_str(
        "perf_counter_ns",
        native_fn("perf_counter_ns", Some("time"), |_, _, _| {
            Ok(Value::Int((since_start() * 1e9) as i64))
        }),
    );
    d.set_by_str(
        "time",
        native_fn("time", Some("time"), |_, _, _| {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64());
            Ok(Value::Float(t))
        }),
    );
    d.set_by_str(
        "time_ns",
        native_fn("time_ns", Some("time"), |_, _, _| {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as i64);
            Ok(Value::Int(t))
        }),
    );
    d.set_by_str(
        "sleep",
        native_fn("sleep", Some("time"), |vm, a, _| {
            check_args(vm, "sleep", a, 1, 1)?;
            let s = vm.to_float(&a[0])?;
            if s < 0.0 {
                return Err(vm.new_error("ValueError", "sleep length must be non-negative"));
            }
            vm.flush_stdout();
            std::thread::sleep(std::time::Duration::from_secs_f64(s.min(1e9)));
            Ok(Value::None)
        }),
    );
    Ok(m)
}
