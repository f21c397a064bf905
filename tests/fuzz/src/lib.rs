//! coro's fuzz targets (see `Cargo.toml`); each `fuzz_targets/*.rs` calls one function here.

pub mod targets;
