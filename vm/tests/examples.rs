//! Runs the embedding examples in `vm/examples/` (small sizes) and checks what they print, so
//! the examples keep working.

#[allow(dead_code)]
#[path = "../examples/game_loop.rs"]
mod game_loop;
#[allow(dead_code)]
#[path = "../examples/host_scheduler.rs"]
mod host_scheduler;
#[allow(dead_code)]
#[path = "../examples/sandbox.rs"]
mod sandbox;

fn output(run: impl FnOnce(&mut Vec<u8>)) -> String {
    let mut out = Vec::new();
    run(&mut out);
    String::from_utf8(out).expect("utf-8 output")
}

#[test]
fn game_loop_drives_entity_generators() {
    let mut stats = None;
    let text = output(|out| stats = Some(game_loop::run(out, 300, 20).expect("the game runs")));
    let stats = stats.expect("stats");
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.starts_with("frame  10:"), "{text}");
    // Every live entity is resumed each frame; a resume that yields called two host functions,
    // one that returns (the entity died) called none.
    assert!(stats.resumes >= 300 * 19 && stats.resumes <= 300 * 20, "{}", stats.resumes);
    let died = 300 - stats.alive as u64;
    assert_eq!(stats.host_calls, 2 * (stats.resumes - died));
}

#[test]
fn host_scheduler_resumes_in_deadline_order() {
    let text = output(|out| host_scheduler::run(out).expect("the scheduler runs"));
    let expected = "\
A: sleep 300
B: sleep 100
[ 100 ms] resume B
B: woke at 100
B: sleep 100
[ 200 ms] resume B
B: woke at 200
B: sleep 100
[ 250 ms] resume W
W: tick 1 at 250
[ 300 ms] resume A
A: woke at 300
A: sleep 100
[ 300 ms] resume B
B: woke at 300
[ 300 ms] B returned 'B finished'
[ 400 ms] resume A
A: woke at 400
[ 400 ms] A returned 'A finished'
[ 500 ms] resume W
W: tick 2 at 500
[ 750 ms] resume W
W: tick 3 at 750
[ 750 ms] W returned 'W saw 3 ticks'
";
    assert_eq!(text, expected);
}

#[test]
fn sandbox_stops_each_untrusted_script() {
    let text = output(|out| sandbox::run(out).expect("the sandbox runs"));
    let expected = "\
infinite loop      stopped: out of fuel (2000000 units)
runaway recursion  stopped: RecursionError: maximum recursion depth exceeded
memory bomb        stopped: MemoryError
escape attempt     stopped: ModuleNotFoundError: No module named 'time'
sum of squares: 332833500
well behaved       finished
host still fine: 3628800
heap after the bombs: under 8 MiB
";
    assert_eq!(text, expected);
}
