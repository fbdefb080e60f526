//! The figures the office publishes.

pub mod activities;
pub mod coverage;
pub mod meetings;
