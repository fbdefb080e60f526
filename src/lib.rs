//! `ggw`: the registry of a city 关工委 (关心下一代工作委员会) office.
//!
//! The library holds all the logic and knows nothing of the command line:
//! `db` opens and migrates the SQLite file and runs the queries, `model` holds
//! the domain types and their checks, `import` reads the spreadsheets units
//! send, `report` computes the published figures, and `output` renders tables,
//! records, CSV and JSON in Chinese or English.

pub mod db;
pub mod demo;
pub mod error;
pub mod import;
pub mod model;
pub mod output;
pub mod report;

pub use error::{Error, Result};
