#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| coro_fuzz::targets::run(data));
