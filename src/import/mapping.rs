//! What the command line adds to a manifest: `--map part.key=header`
//! (a column chosen by hand; an empty header marks a required column
//! "not in this file"), and a manifest guessed from a folder's files when
//! the folder has none (each file's role from its content, as the wizard
//! guesses it).

use super::manifest::Manifest;
use super::pipeline::Files;
use super::wizard::{inspect, manifest_for, FileRole};

/// Applies one `part.key=header` mapping.
///
/// ```
/// use healthreach::import::{manifest::Manifest, mapping::apply_map};
/// let mut m = Manifest::default();
/// apply_map(&mut m, "facilities.doctors=执业（助理）医师数").unwrap();
/// assert_eq!(m.facilities.columns["doctors"], "执业（助理）医师数");
/// apply_map(&mut m, "population.population=常住人口（人）").unwrap();
/// assert_eq!(m.population.population_field.as_deref(), Some("常住人口（人）"));
/// assert!(apply_map(&mut m, "facilities.colour=红").is_err());
/// assert!(apply_map(&mut m, "doctors").is_err());
/// ```
pub fn apply_map(m: &mut Manifest, spec: &str) -> Result<(), String> {
    let (lhs, header) = spec.split_once('=').ok_or_else(|| {
        format!("--map {spec:?}: write part.key=header, e.g. facilities.doctors=执业（助理）医师数")
    })?;
    let (part, key) = lhs.trim().split_once('.').ok_or_else(|| {
        format!("--map {spec:?}: write part.key=header, e.g. facilities.doctors=执业（助理）医师数")
    })?;
    let header = header.trim().to_string();
    let facility_keys: Vec<&str> = super::facilities::COLUMNS.iter().map(|(k, _)| *k).collect();
    match part {
        "facilities" if facility_keys.contains(&key) => {
            m.facilities.columns.insert(key.to_string(), header);
        }
        "facilities" => {
            return Err(format!(
                "--map {spec:?}: facilities has the columns {}",
                facility_keys.join(", ")
            ))
        }
        "population" => {
            let field = match key {
                "unit" => &mut m.population.unit_field,
                "population" => &mut m.population.population_field,
                "children" => &mut m.population.children_field,
                "elderly" => &mut m.population.elderly_field,
                _ => {
                    return Err(format!(
                        "--map {spec:?}: population has the columns unit, population, children, elderly"
                    ))
                }
            };
            *field = Some(header);
        }
        _ => {
            return Err(format!(
                "--map {spec:?}: the parts with columns to map are facilities and population"
            ))
        }
    }
    Ok(())
}

/// (file, English, Chinese): a role taken and why.
pub type Note = (String, String, String);
/// (English, Chinese).
pub type Bilingual = (String, String);

/// A manifest for a folder's files: each file's role guessed from its
/// content (boundaries, census, facilities, roads, …), as the wizard does;
/// `names` are the folder's file names. Returns the manifest; per file, the
/// role taken and why (English, Chinese), for the report; and the files
/// that could not be read, with why (English, Chinese).
pub fn guess_manifest(
    names: &[String],
    files: &dyn Files,
) -> (Manifest, Vec<Note>, Vec<Bilingual>) {
    let mut chosen = Vec::new();
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        let Ok(bytes) = files.read(name) else {
            continue;
        };
        let info = inspect(name, &bytes, files);
        if let Some((en, zh)) = &info.problem {
            problems.push((format!("{name}: {en}"), format!("{name}：{zh}")));
        }
        if !matches!(
            info.role,
            FileRole::Unused | FileRole::Sidecar | FileRole::Manifest
        ) {
            notes.push((
                name.clone(),
                format!("{name}: taken as {} ({})", info.role.key(), info.why),
                format!("{name}：用作 {}（{}）", info.role.key(), info.why_zh),
            ));
            chosen.push((name.clone(), info.role));
        }
    }
    (manifest_for(&chosen, &Manifest::default()), notes, problems)
}
