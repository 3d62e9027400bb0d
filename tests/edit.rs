//! The data editor's core: every field checked at its JSON path, at least
//! 50 steps of undo and redo, sites added inside the region only, speeds,
//! and the edits recorded in the scenario's sources.

use healthreach::edit::{Edit, Editor, Field, EDITS_PART, HISTORY};
use healthreach::scenario::{Mode, RoadClass};

#[test]
fn sixty_edits_undo_to_the_original_and_redo_to_the_last() {
    let s = healthreach::demo::weinan();
    let mut ed = Editor::new(s.clone());
    const { assert!(HISTORY >= 50) };
    let ids: Vec<String> = s.facilities.iter().take(60).map(|f| f.id.clone()).collect();
    for (k, id) in ids.iter().enumerate() {
        ed.apply(&Edit::Facility {
            id: id.clone(),
            field: Field::Beds,
            value: format!("{}", 100 + k),
        })
        .unwrap();
    }
    let edited = ed.scenario.clone();
    for _ in 0..60 {
        assert!(ed.undo());
    }
    assert!(!ed.undo());
    // Only the sources' record of the edits differs from the original.
    let mut back = ed.scenario.clone();
    back.sources.retain(|x| x.part != EDITS_PART);
    assert_eq!(back, s);
    for _ in 0..60 {
        assert!(ed.redo());
    }
    assert!(!ed.redo());
    assert_eq!(ed.scenario, edited);
    assert!(ed
        .scenario
        .sources
        .iter()
        .any(|x| x.part == EDITS_PART && x.description.contains("60")));
    // A new edit after undo drops the redo steps.
    ed.undo();
    ed.apply(&Edit::Facility {
        id: ids[5].clone(),
        field: Field::Doctors,
        value: "700".into(),
    })
    .unwrap();
    assert!(!ed.can_redo());
    let errors: Vec<_> = healthreach::validate::validate(&ed.scenario)
        .into_iter()
        .filter(|p| p.is_error())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // Fewer doctors than the specialists counted among them: refused, across fields.
    let with_specialists = s
        .facilities
        .iter()
        .find(|f| f.specialists.values().sum::<f64>() > 1.0)
        .unwrap();
    let e = ed
        .apply(&Edit::Facility {
            id: with_specialists.id.clone(),
            field: Field::Doctors,
            value: "1".into(),
        })
        .unwrap_err();
    assert!(e.path.ends_with(".specialists"), "{}", e.path);
}

#[test]
fn refused_values_name_their_path_and_change_nothing() {
    let s = healthreach::demo::weinan();
    let mut ed = Editor::new(s.clone());
    let id = s.facilities[3].id.clone();
    for (field, value, path) in [
        (Field::Beds, "-1", "$.facilities[3].beds"),
        (Field::Beds, "1e9", "$.facilities[3].beds"),
        (Field::Doctors, "abc", "$.facilities[3].doctors"),
        (Field::Beds, "1,5", "$.facilities[3].beds"),
        (Field::Tier, "hospital", "$.facilities[3].tier"),
        (Field::Name, "  ", "$.facilities[3].name"),
        (
            Field::MaxExtraBeds,
            "2.5",
            "$.facilities[3].expansion.max_extra_beds",
        ),
    ] {
        let e = ed
            .apply(&Edit::Facility {
                id: id.clone(),
                field,
                value: value.into(),
            })
            .unwrap_err();
        assert_eq!(e.path, path, "{value}");
        assert!(!e.message_zh.is_empty());
    }
    assert_eq!(ed.scenario, s);
    assert!(!ed.can_undo());
    // Full-width digits and thousands separators are numbers.
    ed.apply(&Edit::Facility {
        id: id.clone(),
        field: Field::Beds,
        value: "１２０".into(),
    })
    .unwrap();
    assert_eq!(ed.scenario.facilities[3].beds, 120.0);
    // An upgrade cost can be cleared.
    ed.apply(&Edit::Facility {
        id: id.clone(),
        field: Field::UpgradeCost,
        value: "".into(),
    })
    .unwrap();
    assert_eq!(ed.scenario.facilities[3].expansion.upgrade_cost_yuan, None);
}

#[test]
fn sites_are_added_inside_the_region_removed_and_speeds_set() {
    let s = healthreach::demo::weinan();
    let mut ed = Editor::new(s.clone());
    let z = &s.zones[100];
    let n = s.candidate_sites.len();
    ed.apply(&Edit::AddSite {
        lon: z.location[0],
        lat: z.location[1],
    })
    .unwrap();
    assert_eq!(ed.scenario.candidate_sites.len(), n + 1);
    let added = ed.scenario.candidate_sites[n].clone();
    assert_eq!(added.admin_unit, z.admin_unit);
    assert!(healthreach::validate::validate(&ed.scenario)
        .iter()
        .all(|p| !p.is_error()));
    // In the sea: refused.
    assert!(ed
        .apply(&Edit::AddSite {
            lon: 120.0,
            lat: 20.0
        })
        .is_err());
    ed.apply(&Edit::RemoveSite {
        id: s.candidate_sites[0].id.clone(),
    })
    .unwrap();
    assert_eq!(ed.scenario.candidate_sites.len(), n);
    assert!(ed.undo());
    assert_eq!(ed.scenario.candidate_sites[0], s.candidate_sites[0]);
    ed.apply(&Edit::Speed {
        class: RoadClass::County,
        mode: Mode::Drive,
        value: "45".into(),
    })
    .unwrap();
    let sp = ed.scenario.roads.as_ref().unwrap().class_speeds[&RoadClass::County];
    assert_eq!(sp.drive_kmh, 45.0);
    let e = ed
        .apply(&Edit::Speed {
            class: RoadClass::County,
            mode: Mode::Walk,
            value: "500".into(),
        })
        .unwrap_err();
    assert_eq!(e.path, "$.roads.class_speeds.county.walk_kmh");
    assert!(ed.undo());
    assert_eq!(
        ed.scenario
            .roads
            .as_ref()
            .unwrap()
            .class_speeds
            .get(&RoadClass::County),
        s.roads
            .as_ref()
            .unwrap()
            .class_speeds
            .get(&RoadClass::County)
    );
}
