//! JIT bridge: background code generation. Cranelift turns a lifted loop's IR into native
//! code on a worker thread while the interpreter keeps running the loop; the OSR hook polls
//! the job on later back-edges and enters the code once it is ready (`osr/`).
//!
//! Why: the interpreter is 100–400× slower than the native loop, so the sooner a hot loop is
//! submitted the better, but a compile on the interpreter's thread is time the loop does not
//! advance at all. With the compile off the thread, the OSR threshold can be low (a loop
//! that ends before its code is ready just ends interpreted), and the code generator's
//! first-use costs (page faults in Cranelift's code and in the thread's malloc arena, about
//! 0.7 ms in a fresh process) are paid while the script starts ([`warm_up`]).
//!
//! Only `numjit_jit` data crosses threads: an IR [`Module`] goes in, a [`Compiled`] handle
//! (`Send`) comes back. Each interpreter thread has its own worker.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use numjit_jit::{CompileError, Compiled, Module, Options};

struct Task {
    ir: Module,
    opts: Options,
    reply: Sender<Done>,
    progress: Tracked,
    /// The warm-up's ([`warm_up`]): dropped unstarted when a real task comes.
    warm: bool,
}

/// What a job's task has come to, shared by the task and the [`Job`] (also its identity in the
/// queue, for [`steal`]).
#[derive(Default)]
struct Progress {
    /// Set when the worker takes the task.
    started: AtomicBool,
    /// Set when the task is dropped: after its reply is sent, or unanswered (taken back, or
    /// the queue went away), so that a poll then sees the disconnection.
    done: AtomicBool,
}

/// The task's side of its [`Progress`]: marks it done when the task is dropped.
struct Tracked(Arc<Progress>);

impl Drop for Tracked {
    fn drop(&mut self) {
        self.0.done.store(true, Ordering::Release);
    }
}

/// A finished job: the IR back (the specialisation keeps it), the code, and how long the
/// worker took.
pub struct Done {
    pub ir: Module,
    pub code: Result<Compiled, CompileError>,
    pub took: Duration,
}

/// A submitted compile.
pub struct Job {
    rx: Receiver<Done>,
    /// A poll before the task is done is one atomic load.
    progress: Arc<Progress>,
    submitted: Instant,
}

/// How long a task may wait for the worker to take it before the interpreter's thread takes
/// it back ([`steal`]). Normally the worker starts within 0.2 ms (0.35 ms behind the warm-up);
/// on a loaded machine it was seen to wait 1–5 ms for a CPU.
const STALLED_AFTER: Duration = Duration::from_millis(1);

/// [`STALLED_AFTER`] for a worker that has been neither compiling nor polling for a task for
/// that long: one that was never scheduled since it was spawned, or not since it was woken
/// for the task ([`expect`]). A worker that is polling takes a task within microseconds; on a
/// loaded machine a starved one was seen to start 1–4 ms after the submit (nbody, 5 runs in
/// 20), so waiting the full millisecond for it was a millisecond lost. (Counted from when it
/// last ran: one that just finished the warm-up takes the task microseconds later, and taking
/// it back then cost nbody 0.4 ms, its compile slower on the interpreter's thread.)
const STARVED_AFTER: Duration = Duration::from_micros(100);

/// How long [`Job::wait`] sleeps between looks at whether the task stalled.
const WAIT_SLICE: Duration = Duration::from_micros(100);

/// Nanoseconds since the first call (a clock the threads share as one atomic).
fn now_ns() -> u64 {
    static EPOCH: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
    u64::try_from(EPOCH.get_or_init(Instant::now).elapsed().as_nanos()).unwrap_or(u64::MAX)
}

impl Job {
    /// Whether the worker has not taken the task after [`STALLED_AFTER`], or after
    /// [`STARVED_AFTER`] if it is not running.
    pub fn stalled(&self) -> bool {
        if self.progress.started.load(Ordering::Acquire) {
            return false;
        }
        let waited = self.submitted.elapsed();
        let starved = |q: Arc<Queue>| {
            let idle = now_ns().saturating_sub(q.ran_at.load(Ordering::Acquire));
            !q.busy.load(Ordering::Acquire)
                && !q.polling.load(Ordering::Acquire)
                && idle > STARVED_AFTER.as_nanos() as u64
        };
        waited > STALLED_AFTER || (waited > STARVED_AFTER && existing().is_some_and(starved))
    }

    /// Blocks until the worker answers (its result, or an error if it stopped), or takes the
    /// task back ([`steal`]) once it has [`Self::stalled`].
    pub fn wait(&self) -> Result<Result<Done, String>, Module> {
        loop {
            match self.rx.recv_timeout(WAIT_SLICE) {
                Ok(d) => return Ok(Ok(d)),
                Err(RecvTimeoutError::Disconnected) => {
                    return Ok(Err("the compiler thread stopped".into()))
                }
                Err(RecvTimeoutError::Timeout) if self.stalled() => {
                    if let Some(ir) = steal(self) {
                        return Err(ir);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }

    /// The result, once the worker is done (None while it runs).
    pub fn poll(&self) -> Option<Result<Done, String>> {
        if !self.progress.done.load(Ordering::Acquire) {
            return None;
        }
        match self.rx.try_recv() {
            Ok(d) => Some(Ok(d)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("the compiler thread stopped".into())),
        }
    }
}

/// Tasks waiting for the worker. It takes the newest first: the loop submitted last is the
/// one running now, while older ones may have finished interpreted (nbody: the setup loops
/// of `main` would otherwise delay the kernel's nest by their compiles).
#[derive(Default)]
struct Queue {
    tasks: Mutex<Vec<Task>>,
    /// Speculative tasks not queued yet ([`submit_last`]).
    held: Mutex<Vec<Task>>,
    ready: Condvar,
    /// Whether a task is expected soon ([`expect`]): the worker then polls for it instead of
    /// sleeping, for up to [`EXPECT_SPIN`].
    expected: AtomicBool,
    /// Whether `tasks` may hold a task (read without the lock while polling).
    queued: AtomicBool,
    /// Whether the worker is compiling.
    busy: AtomicBool,
    /// Whether the worker is polling for an expected task (so it is running).
    polling: AtomicBool,
    /// When the worker last stopped compiling or polling ([`now_ns`]; at first, when it was
    /// spawned).
    ran_at: AtomicU64,
}

/// How long the worker polls for an expected task before it sleeps again: longer than
/// typing a nest takes (nbody: 0.2 ms), short enough that a loop that cannot be typed costs
/// little of the other core.
const EXPECT_SPIN: Duration = Duration::from_micros(600);

impl Queue {
    /// The newest task; None once the interpreter thread is gone (the worker holds the last
    /// reference to the queue) and nothing is left.
    /// `unclaimed`: results nobody waits for, dropped here once no task is waiting.
    fn next(self: &Arc<Self>, unclaimed: &mut Vec<Done>) -> Option<Task> {
        let mut tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(t) = tasks.pop() {
                self.queued.store(!tasks.is_empty(), Ordering::Release);
                t.progress.0.started.store(true, Ordering::Release);
                return Some(t);
            }
            if !unclaimed.is_empty() {
                drop(tasks);
                unclaimed.clear();
                tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
                continue;
            }
            if Arc::strong_count(self) == 1 {
                return None;
            }
            if self.expected.swap(false, Ordering::AcqRel) {
                drop(tasks);
                self.polling.store(true, Ordering::Release);
                let until = Instant::now() + EXPECT_SPIN;
                while !self.queued.load(Ordering::Acquire) && Instant::now() < until {
                    std::hint::spin_loop();
                }
                tasks = self.tasks.lock().unwrap_or_else(|e| e.into_inner());
                self.ran_at.store(now_ns(), Ordering::Release);
                self.polling.store(false, Ordering::Release);
                continue;
            }
            let wait = Duration::from_millis(500);
            tasks = self
                .ready
                .wait_timeout(tasks, wait)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }
}

thread_local! {
    static WORKER: RefCell<Option<Arc<Queue>>> = const { RefCell::new(None) };
    /// Whether this thread's queue holds speculative tasks.
    static HELD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// This thread's worker, if it was started.
fn existing() -> Option<Arc<Queue>> {
    WORKER.with(|w| w.borrow().clone())
}

/// This thread's worker, started if need be.
fn worker() -> Option<Arc<Queue>> {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        if w.is_none() {
            let q = Arc::new(Queue {
                ran_at: AtomicU64::new(now_ns()),
                ..Queue::default()
            });
            let rq = q.clone();
            let spawned = std::thread::Builder::new()
                .name("numjit-compile".into())
                .spawn(move || {
                    // Nobody joins it: it ends with its interpreter thread, or the process.
                    let mut unclaimed = Vec::new();
                    while let Some(t) = rq.next(&mut unclaimed) {
                        rq.busy.store(true, Ordering::Release);
                        let t0 = Instant::now();
                        // A panic in code generation is a failed compile, not a dead thread.
                        let code = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            numjit_jit::compile(&t.ir, &t.opts)
                        }))
                        .unwrap_or_else(|_| {
                            Err(CompileError::Codegen {
                                func: String::new(),
                                message: "the code generator panicked".into(),
                            })
                        });
                        let took = t0.elapsed();
                        rq.ran_at.store(now_ns(), Ordering::Release);
                        rq.busy.store(false, Ordering::Release);
                        let done = Done {
                            ir: t.ir,
                            code,
                            took,
                        };
                        if let Err(unsent) = t.reply.send(done) {
                            // The warm-up's: freeing its code took 0.03–0.1 ms, in front
                            // of the nest that waited behind it (nbody).
                            unclaimed.push(unsent.0);
                        }
                        // Done now (a poll sees it), not after the writes below.
                        drop(t.progress);
                        // Code cache entries are written after the answer, after a real
                        // task, with no task waiting (else after a later one, or at exit):
                        // 0.05–0.2 ms, which delayed nbody's nest by as much when written
                        // after the warm-up (the resolvers' entry), just as it came.
                        if !t.warm && !rq.queued.load(Ordering::Acquire) {
                            numjit_jit::cache::flush();
                        }
                    }
                });
            if spawned.is_ok() {
                *w = Some(q);
            }
        }
        w.clone()
    })
}

/// Queues `ir` for compilation on the worker (None: no worker thread could be started; the
/// caller compiles itself).
pub fn submit(ir: Module, opts: Options) -> Result<Job, Module> {
    queue(ir, opts, Kind::Now)
}

/// How a task is queued.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Now,
    /// [`submit_last`].
    Held,
    /// [`warm_up`].
    Warm,
}

/// [`submit`] for a speculative compile (the code after a nest, needed only once the nest's
/// code has run): held until [`release_held`], then behind every task queued so far and later.
/// Held because, queued at once, it started when the nest's compile ended, just when the
/// interpreter's thread installs and enters the nest's code, and took that thread's core
/// on a loaded machine (nbody: 0.05–0.1 ms more between the code being ready and entered).
pub fn submit_last(ir: Module, opts: Options) -> Result<Job, Module> {
    queue(ir, opts, Kind::Held)
}

fn queue(ir: Module, opts: Options, kind: Kind) -> Result<Job, Module> {
    let Some(q) = worker() else { return Err(ir) };
    let (reply, rx) = channel();
    let progress = Arc::new(Progress::default());
    let task = Task {
        ir,
        opts,
        reply,
        progress: Tracked(progress.clone()),
        warm: kind == Kind::Warm,
    };
    if kind == Kind::Held {
        q.held.lock().unwrap_or_else(|e| e.into_inner()).push(task);
        HELD.with(|h| h.set(true));
    } else {
        let mut tasks = q.tasks.lock().unwrap_or_else(|e| e.into_inner());
        // A warm-up the worker has not started by now would only compete with the real
        // task, compiled on one of the two threads meanwhile.
        tasks.retain(|t| !t.warm);
        tasks.push(task);
        drop(tasks);
        q.queued.store(true, Ordering::Release);
        q.ready.notify_one();
    }
    Ok(Job {
        rx,
        progress,
        submitted: Instant::now(),
    })
}

/// Takes `job`'s task back from the queue if the worker has neither taken it nor is compiling
/// another (its IR; the job is then never answered). For a worker that does not get a CPU: the
/// interpreter's thread compiles instead. A worker busy with another compile (the warm-up) is
/// waited for: it is making progress, and a compile here beside it is slow (about 2 ms for
/// nbody's nest, against 1.4 ms on the worker).
pub fn steal(job: &Job) -> Option<Module> {
    let q = existing()?;
    if q.busy.load(Ordering::Acquire) {
        return None;
    }
    let mut tasks = q.tasks.lock().unwrap_or_else(|e| e.into_inner());
    let k = tasks
        .iter()
        .position(|t| Arc::ptr_eq(&t.progress.0, &job.progress))?;
    let t = tasks.remove(k);
    q.queued.store(!tasks.is_empty(), Ordering::Release);
    Some(t.ir)
}

/// Wakes the worker ahead of a task this thread is about to submit (a nest being typed): it
/// polls for the task instead of sleeping, so that it starts compiling at once. Woken only
/// at the submit, the worker took 0.08–0.2 ms to start (nbody; a virtual CPU that went idle
/// wakes slowly), now hidden behind the typing.
pub fn expect() {
    let Some(q) = existing() else {
        return;
    };
    q.expected.store(true, Ordering::Release);
    // Taken so that the wake-up cannot fall between the worker's check and its wait.
    drop(q.tasks.lock().unwrap_or_else(|e| e.into_inner()));
    q.ready.notify_one();
}

/// Queues the tasks [`submit_last`] held, behind every other (called when native code of a
/// nest is entered). Nothing but a thread-local read when none is held.
pub fn release_held() {
    if !HELD.with(|h| h.replace(false)) {
        return;
    }
    let Some(q) = existing() else {
        return;
    };
    let held: Vec<Task> = std::mem::take(&mut *q.held.lock().unwrap_or_else(|e| e.into_inner()));
    let mut tasks = q.tasks.lock().unwrap_or_else(|e| e.into_inner());
    // The worker takes the newest first: the newest held, at the front, is taken last.
    tasks.splice(0..0, held.into_iter().rev());
    q.queued.store(!tasks.is_empty(), Ordering::Release);
    drop(tasks);
    q.ready.notify_one();
}

/// Whether the machine has no core to spare for the worker: the interpreter's thread, the
/// caller, had waited for a CPU more than a third of the time since `start` (when the VM was
/// made) when it first asked, per Linux's scheduler statistics; at start-up the warm-up
/// compile runs beside it. Every thread the worker runs beside the interpreter's is then a
/// third runnable one, and the one left waiting loses a whole time slice: with a CPU-bound
/// process beside it on two cores, nbody's nest compiled on the worker took 1.1–6.4 ms while
/// the interpreter's thread ran on uselessly. The interpreter's thread then waits for a
/// lifted loop's compile ([`Job::wait`]) instead of interpreting beside it. At nbody's first
/// lift, quiet, the thread had waited 0–6% of the time (one run in 30 of the anchors 19%;
/// this machine also has phases where a run in four says yes), beside the CPU-bound process
/// 60–85%.
///
/// Decided once per thread: a thread that waits for the compiles no longer competes with
/// them, so a later look could not tell a busy machine from a quiet one. False where the
/// statistics cannot be read.
pub fn contended(start: Instant) -> bool {
    VERDICT.with(|v| {
        *v.get_or_init(|| {
            std::fs::read_to_string("/proc/thread-self/schedstat")
                .ok()
                .and_then(|s| waited_a_third(&s, start.elapsed()))
                .unwrap_or(false)
        })
    })
}

thread_local! {
    /// [`contended`]'s verdict for this thread.
    static VERDICT: std::cell::OnceCell<bool> = const { std::cell::OnceCell::new() };
}

/// [`contended`]'s verdict for this thread, if it was asked (for `--stats`).
pub fn contended_verdict() -> Option<bool> {
    VERDICT.with(|v| v.get().copied())
}

/// Whether a `schedstat` line (ns on a CPU, ns waiting on a run queue, time slices) shows a
/// wait of more than a third of `alive`. Not against the time on a CPU: the running thread's
/// is brought up to date only at a scheduler tick (it read 0.6 ms after 6 ms of running).
fn waited_a_third(schedstat: &str, alive: Duration) -> Option<bool> {
    let wait: u64 = schedstat.split_whitespace().nth(1)?.parse().ok()?;
    Some(u128::from(wait) * 3 > alive.as_nanos())
}

/// Starts the worker and has it compile a small loop, so that the first real compile does
/// not pay Cranelift's first-use costs.
pub fn warm_up() {
    const WARM: &str = "(func warm ((a (array f64 1))) (f64)
  (var s f64 0.0)
  (for i (range 0 (shape a 0) 1) (set s (add s (mul (load a i) 2.0))))
  (return s))";
    if let Ok(ir) = numjit_jit::parse_module(WARM) {
        // Nobody waits for the answer.
        // Through Cranelift even if the code cache has it: that is the point.
        let opts = Options {
            cache: false,
            ..Options::default()
        };
        let _ = queue(ir, opts, Kind::Warm);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_third_of_the_time_waiting_is_contended() {
        let ms = Duration::from_millis;
        // Lines as Linux writes them: ns on a CPU, ns waiting, time slices.
        assert_eq!(waited_a_third("635853 1166050 3\n", ms(6)), Some(false));
        assert_eq!(waited_a_third("727000 1229000 2\n", ms(2)), Some(true));
        assert_eq!(waited_a_third("0 0 1\n", ms(1)), Some(false));
        assert_eq!(waited_a_third("", ms(1)), None);
        assert_eq!(waited_a_third("12 x 1", ms(1)), None);
    }
}
