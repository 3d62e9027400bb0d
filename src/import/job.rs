//! The import as the browser's worker runs it (natively tested): the files
//! dropped on the page, kept by name; [`inspect_all`] guesses and previews
//! each; [`run`] imports with a manifest, telling each stage as it starts.

use super::manifest::Manifest;
use super::pipeline::{import, Files, ImportOptions};
use super::report::Report;
use super::wizard::{inspect, FileInfo};
use crate::scenario::Scenario;
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The dropped files, by name.
#[derive(Debug, Clone, Default)]
pub struct Dropped(pub BTreeMap<String, Vec<u8>>);

impl Files for Dropped {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        // Paths in a dropped manifest may carry folders; files are dropped flat.
        let base = path.rsplit(['/', '\\']).next().unwrap_or(path);
        self.0
            .get(path)
            .or_else(|| self.0.get(base))
            .cloned()
            .ok_or_else(|| format!("{path} was not among the dropped files; drop it too"))
    }
}

/// Every dropped file guessed and previewed, in name order; `each(i, n,
/// name)` is told before file `i` of `n`.
pub fn inspect_all(files: &Dropped, each: &mut dyn FnMut(usize, usize, &str)) -> Vec<FileInfo> {
    let n = files.0.len();
    files
        .0
        .iter()
        .enumerate()
        .map(|(i, (name, bytes))| {
            each(i, n, name);
            inspect(name, bytes, files)
        })
        .collect()
}

struct Staged<'a> {
    files: &'a Dropped,
    stage: RefCell<&'a mut dyn FnMut(&str)>,
}

impl Files for Staged<'_> {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        self.files.read(path)
    }
    fn stage(&self, stage: &str) {
        (self.stage.borrow_mut())(stage)
    }
}

/// Imports the dropped files as `m` says, with the planner's consents
/// `opts`; `stage` is told each stage.
pub fn run(
    m: &Manifest,
    opts: ImportOptions,
    files: &Dropped,
    stage: &mut dyn FnMut(&str),
) -> (Option<Scenario>, Report) {
    let staged = Staged {
        files,
        stage: RefCell::new(stage),
    };
    import(m, &staged, opts)
}
