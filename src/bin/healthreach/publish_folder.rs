//! Where `publish --out DIR` writes, safely: publishing never deletes what
//! it did not write.
//!
//! Before any work, [`target`] refuses the current directory, the home
//! folder, a folder that holds one of the inputs, and a folder holding
//! anything but an earlier bundle's own files (the page's files and the data
//! files its manifest lists). [`write`] then writes the new bundle into a
//! folder beside the target and swaps it in at the end, so an interrupted
//! publish leaves the earlier bundle as it was; of the earlier bundle it
//! removes only the files that bundle consists of.

use healthreach::publish::bundle::{self, File};
use std::path::{Path, PathBuf};

/// A checked destination.
pub struct Target {
    dir: PathBuf,
    /// The earlier bundle's files (relative, `/`-separated) when the folder
    /// holds one; `None` when it is new or empty.
    earlier: Option<Vec<String>>,
}

fn canonical(p: &Path) -> Option<PathBuf> {
    std::fs::canonicalize(p).ok()
}

/// Every file under `dir`, relative and `/`-separated.
fn files_under(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let here = dir.join(&rel);
        let entries = std::fs::read_dir(&here).map_err(|e| format!("{}: {e}", here.display()))?;
        for e in entries {
            let e = e.map_err(|e| format!("{}: {e}", here.display()))?;
            let name = rel.join(e.file_name());
            let kind = e
                .file_type()
                .map_err(|e| format!("{}: {e}", name.display()))?;
            if kind.is_dir() {
                stack.push(name);
            } else {
                let parts: Vec<String> = name
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Checks `dir` as the folder edition's destination; `inputs` are the
/// files the run reads or writes elsewhere (scenario, plan, assets, single file).
pub fn target(dir: &Path, inputs: &[&Path]) -> Result<Target, String> {
    let shown = dir.display();
    if let Some(d) = canonical(dir) {
        let refuse = |what: &str| {
            Err(format!(
                "{shown} is {what}: publishing there would mix the bundle with other files; choose an empty or new folder (e.g. {shown}/portal)"
            ))
        };
        if std::env::current_dir().ok().and_then(|c| canonical(&c)) == Some(d.clone()) {
            return refuse("the current directory");
        }
        if std::env::var_os("HOME").and_then(|h| canonical(Path::new(&h))) == Some(d.clone()) {
            return refuse("the home folder");
        }
        for input in inputs {
            // A file to be written may not exist yet: its folder counts.
            let at = canonical(input).or_else(|| {
                input
                    .parent()
                    .map(|p| {
                        if p.as_os_str().is_empty() {
                            Path::new(".")
                        } else {
                            p
                        }
                    })
                    .and_then(canonical)
            });
            if at.is_some_and(|a| a.starts_with(&d)) {
                return Err(format!(
                    "{shown} holds {}, an input of this run; choose a folder that holds none of them",
                    input.display()
                ));
            }
        }
    }
    if !dir.exists() {
        return Ok(Target {
            dir: dir.to_path_buf(),
            earlier: None,
        });
    }
    let present = files_under(dir)?;
    let empty = present.is_empty()
        && std::fs::read_dir(dir)
            .map_err(|e| format!("{shown}: {e}"))?
            .next()
            .is_none();
    if empty {
        return Ok(Target {
            dir: dir.to_path_buf(),
            earlier: None,
        });
    }
    let manifest = std::fs::read(dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice::<healthreach::publish::Manifest>(&b).ok())
        .filter(|m| m.format == healthreach::publish::FORMAT)
        .ok_or_else(|| {
            format!(
                "{shown} exists and is not an earlier published bundle (no healthreach-portal manifest.json); choose an empty or new folder"
            )
        })?;
    let own = bundle::folder_paths(&manifest);
    if let Some(other) = present.iter().find(|p| !own.contains(p)) {
        return Err(format!(
            "{shown} holds {other}, which is not part of the earlier bundle: publishing replaces the whole folder, so move it out or choose an empty or new folder"
        ));
    }
    Ok(Target {
        dir: dir.to_path_buf(),
        earlier: Some(own),
    })
}

/// `dir`'s parent and name (a relative `dir` without a parent is in `.`).
fn beside(dir: &Path, tag: &str) -> PathBuf {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = dir
        .file_name()
        .map_or("bundle".into(), |n| n.to_string_lossy().into_owned());
    parent.join(format!(".{name}.{tag}-{}", std::process::id()))
}

fn write_all(root: &Path, files: &[File]) -> Result<(), String> {
    for f in files {
        let path = root.join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&path, &f.bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// Removes the earlier bundle's `own` files from `old`, then its folders
/// once empty; anything else found there stays (and is named).
fn remove_earlier(old: &Path, own: &[String]) -> Option<String> {
    for p in own {
        let _ = std::fs::remove_file(old.join(p));
    }
    let mut dirs: Vec<PathBuf> = own
        .iter()
        .filter_map(|p| Path::new(p).parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    // Deepest first.
    dirs.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
    dirs.dedup();
    for d in dirs {
        let _ = std::fs::remove_dir(old.join(d));
    }
    std::fs::remove_dir(old).err().map(|_| {
        format!(
            "{} holds files added during the publish; they were kept there",
            old.display()
        )
    })
}

/// Writes `files` as the folder edition at the target: beside it first,
/// then swapped in. Returns a note when something had to be kept aside.
pub fn write(t: &Target, files: &[File]) -> Result<Option<String>, String> {
    let staging = beside(&t.dir, "publishing");
    if staging.exists() {
        std::fs::remove_dir_all(&staging).map_err(|e| format!("{}: {e}", staging.display()))?;
    }
    if let Err(e) = write_all(&staging, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(e);
    }
    let swap_err = |e: std::io::Error| {
        let _ = std::fs::remove_dir_all(&staging);
        format!("{}: {e}", t.dir.display())
    };
    match &t.earlier {
        None => {
            if t.dir.exists() {
                // Empty (checked): nothing of anyone's is lost.
                std::fs::remove_dir(&t.dir).map_err(swap_err)?;
            }
            std::fs::rename(&staging, &t.dir).map_err(swap_err)?;
            Ok(None)
        }
        Some(own) => {
            let old = beside(&t.dir, "replaced");
            std::fs::rename(&t.dir, &old).map_err(swap_err)?;
            if let Err(e) = std::fs::rename(&staging, &t.dir) {
                // Put the earlier bundle back as it was.
                let _ = std::fs::rename(&old, &t.dir);
                let _ = std::fs::remove_dir_all(&staging);
                return Err(format!("{}: {e}", t.dir.display()));
            }
            Ok(remove_earlier(&old, own))
        }
    }
}
