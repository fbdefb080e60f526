//! The figures the office publishes.

pub mod coverage;
