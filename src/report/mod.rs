//! The figures the office publishes.

pub mod activities;
pub mod bulletin;
pub mod coverage;
pub mod meetings;
pub mod volunteers;
