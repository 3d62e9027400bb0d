//! `healthreach`: the command-line face of the planning core.
//!
//! ```text
//! healthreach demo [--out FILE]             write the embedded Weinan demo scenario
//! healthreach validate FILE|-  [--json]     check a scenario; summary or every problem
//! healthreach export SCENARIO PLAN --format csv|xlsx|geojson --table decisions|indicators|zones --out FILE
//! healthreach schema [--out FILE]           JSON Schema of the scenario format
//! healthreach generate-demo --data DIR      rebuild the demo from ../shared/data
//! ```

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
#[path = "healthreach/after_solve.rs"]
mod after_solve;

#[cfg(not(target_arch = "wasm32"))]
#[path = "healthreach/publish_folder.rs"]
mod publish_folder;

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand};
    use healthreach::access::AccessOptions;
    use healthreach::diagnostics::num;
    use healthreach::i18n::group_digits as group;
    use healthreach::indicators::access_report;
    use healthreach::scenario::{Mode, Tier};
    use healthreach::summary::{summarise, Summary};
    use healthreach::validate::{self, limits, Problem};
    use std::io::Read;
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    #[derive(Parser)]
    #[command(
        name = "healthreach",
        version,
        about = "HealthReach (医疗资源下沉规划): plan where health resources go.",
        long_about = "HealthReach plans where beds, specialty services, seconded doctors and new \
service points go so that access and ratio targets hold at least cost.\n\n\
A scenario is one JSON file (format: docs/scenario-format.md). Start from the demo:\n  \
healthreach demo --out weinan.json\n  healthreach validate weinan.json"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
        /// Write the embedded Weinan (渭南) demo scenario as JSON.
        Demo {
            /// Write to this file instead of standard output.
            #[arg(long)]
            out: Option<PathBuf>,
            /// Pretty-print the JSON.
            #[arg(long)]
            pretty: bool,
        },
        /// Check a scenario: print a summary, or every problem with its JSON path.
        ///
        /// Exits 0 when the scenario can be used (warnings are printed), 1 when it has errors.
        Validate {
            /// Scenario JSON file, or `-` for standard input.
            file: PathBuf,
            /// Print the summary (or the problems) as JSON.
            #[arg(long)]
            json: bool,
        },
        /// Travel times and access indicators: the 15-minute coverage per
        /// admin unit, the access curve, beds and doctors per 1,000.
        Access {
            /// Scenario JSON file, or `-` for standard input.
            file: PathBuf,
            /// Mode of travel.
            #[arg(long, value_enum, default_value = "drive")]
            mode: ModeArg,
            /// Coverage threshold (minutes).
            #[arg(long, default_value_t = 15.0, allow_hyphen_values = true)]
            minutes: f64,
            /// Search bound: nothing farther counts as reachable (minutes).
            #[arg(long, default_value_t = 120.0, allow_hyphen_values = true)]
            max_minutes: f64,
            /// Print the indicators as JSON.
            #[arg(long)]
            json: bool,
        },
        /// Optimise the scenario's plan: beds, services, posts, secondments,
        /// new service points, meeting every target at least cost (or as the
        /// scenario's objective says). Prints status, objective, bound, gap,
        /// time and the decisions; the plan is checked independently.
        Solve {
            /// Scenario JSON file, or `-` for standard input.
            file: PathBuf,
            /// Stop after this many seconds and report the best plan with its gap (default 30).
            #[arg(long, allow_hyphen_values = true)]
            time_limit: Option<f64>,
            /// Print the result as JSON.
            #[arg(long)]
            json: bool,
            /// Write the plan (documented plan JSON) to this file.
            #[arg(long)]
            out: Option<PathBuf>,
            /// Stop once within this relative gap of the bound (default 0: prove
            /// optimality, as the app does).
            #[arg(long, default_value_t = 0.0, allow_hyphen_values = true)]
            mip_gap: f64,
            /// Solver: auto (HiGHS, whole beds and doctors), highs, or microlp
            /// (continuous quantities rounded afterwards).
            #[arg(long, default_value = "auto")]
            solver: String,
            /// Print when each stage started (travel times, model, branch and
            /// bound, marginal values, check) to standard error.
            #[arg(long)]
            timings: bool,
            /// Also write the model the engine solves to this file (`.mps`:
            /// free MPS, `.lp`: CPLEX LP), rows and columns named by rule, unit
            /// and facility, for any other solver.
            #[arg(long, value_name = "FILE.mps|FILE.lp")]
            write_model: Option<PathBuf>,
        },
        /// Why each decision is in the plan: the checker judges the plan and
        /// the plan minus that decision; every check whose figure moves is an
        /// effect (rule, unit, with, without, target, binding = the target
        /// fails without it), with the cost of the best plan that does
        /// without it (one time-boxed solve each, where the scenario can
        /// forbid it alone). One entry per element of the plan file, named
        /// `<array>/<index>`. Exits 2 when a file cannot be read.
        Explain {
            /// The scenario (JSON, or a saved scenario file), or `-` for standard input.
            scenario: PathBuf,
            /// The plan (what `healthreach solve --out` writes).
            plan: PathBuf,
            /// Print the decisions as JSON: [{decision, kind, facility,
            /// effects: [{rule, unit, indicator, with, without, target,
            /// binding}], cost_without, status_without, why, why_zh}].
            #[arg(long)]
            json: bool,
            /// Language of the text output (`zh` or `en`).
            #[arg(long)]
            lang: Option<String>,
            /// Seconds for each comparison solve (the best plan without a decision).
            #[arg(long, default_value_t = 5.0, allow_hyphen_values = true)]
            without_seconds: f64,
            /// Seconds for all comparison solves together; 0 skips them
            /// (`status_without: not_computed`).
            #[arg(long, default_value_t = 60.0, allow_hyphen_values = true)]
            without_total: f64,
        },
        /// Check a plan against a scenario with the independent checker:
        /// prints `verified` and exits 0, or one line per violation (rule,
        /// unit or facility with its name, what was required, what the plan
        /// gives) and exits 1. Exits 2 when a file cannot be read as a
        /// scenario or a plan.
        Check {
            /// The scenario (JSON, or a saved scenario file), or `-` for standard input.
            scenario: PathBuf,
            /// The plan (what `healthreach solve --out` writes).
            plan: PathBuf,
            /// Print the verdict as JSON: {verified, cost_yuan, rules, violations, findings}.
            #[arg(long)]
            json: bool,
        },
        /// Publish a scenario and its plan as a read-only transparency portal:
        /// a folder for any static server (`--out DIR`) and/or one
        /// self-contained HTML file (`--single-file FILE.html`). Checks the
        /// plan, re-solves it (status, gap, which targets bind) and solves once
        /// per rule without it (what each target costs); the same inputs give
        /// byte-identical bundles.
        Publish {
            /// The scenario (JSON, or a saved scenario file).
            scenario: PathBuf,
            /// The plan (what `healthreach solve --out` writes).
            plan: PathBuf,
            /// Write the folder edition here (created; an earlier bundle there is replaced).
            #[arg(long)]
            out: Option<PathBuf>,
            /// Write the single-file edition here.
            #[arg(long)]
            single_file: Option<PathBuf>,
            /// The portal's title (default: the region's name).
            #[arg(long)]
            title: Option<String>,
            /// The publishing body.
            #[arg(long)]
            publisher: Option<String>,
            /// Publication date, YYYY-MM-DD (default: today, UTC).
            #[arg(long)]
            date: Option<String>,
            /// The built viewer (Trunk's dist/ folder; default: ./dist, then
            /// dist/ beside the project this program was built in).
            #[arg(long)]
            assets: Option<PathBuf>,
            /// Seconds the publish-time re-solve of the plan may take (default 30, as `solve`).
            #[arg(long, allow_hyphen_values = true)]
            time_limit: Option<f64>,
            /// Seconds each "what this target costs" solve (one per rule that
            /// is on, warm-started from the plan) may take; its gap is published
            /// (default 3).
            #[arg(long, allow_hyphen_values = true)]
            counterfactual_time_limit: Option<f64>,
        },
        /// Solve a classic location model (p-median, mclp, lscp,
        /// capacitated-p-median, p-center, cflp) over a cost matrix; prints JSON
        /// {status, objective, bound, gap, open, seconds}.
        SolveClassic {
            /// Problem JSON file (format: src/optimise/classic.rs), or `-` for standard input.
            file: PathBuf,
            /// Stop after this many seconds and report the best solution with its gap.
            #[arg(long, allow_hyphen_values = true)]
            time_limit: Option<f64>,
            /// Solver: auto (chosen per model by size), highs, or microlp.
            #[arg(long, default_value = "auto")]
            solver: String,
        },
        /// Build a scenario from a planner's own files, as an import manifest
        /// names them (docs/import.md): boundaries (GeoJSON or Shapefile),
        /// population (census table or GeoTIFF), facilities (CSV or XLSX),
        /// roads, travel-time tables, candidate sites. Exits 0 when a scenario was written
        /// (the report may still hold warnings and rejected rows), 1 when none
        /// could be built or a part lost more than half its rows (the report
        /// says why), 2 when a required column was not found (the report
        /// names it, with the headers seen and the fix).
        Import {
            /// The manifest (JSON; paths in it are relative to it), or a folder:
            /// its manifest.json, else a manifest guessed from its files.
            manifest: PathBuf,
            /// A column chosen by hand, `part.key=header` (repeatable), e.g.
            /// `facilities.doctors=执业（助理）医师数`; an empty header marks a
            /// required column "not in this file".
            #[arg(long = "map", value_name = "PART.KEY=HEADER")]
            map: Vec<String>,
            /// Corrections the importer may make (repeatable):
            /// `swapped-coordinates` (rows whose longitude and latitude are
            /// swapped). Without it such rows are rejected, the fix offered.
            #[arg(long = "fix", value_name = "FIX")]
            fix: Vec<String>,
            /// Write the scenario although a part lost more than half its rows.
            #[arg(long)]
            accept_rejected: bool,
            /// Where to write the scenario.
            #[arg(long)]
            out: PathBuf,
            /// Where to write the import report (JSON); default: a summary on stderr only.
            #[arg(long)]
            report: Option<PathBuf>,
            /// Write no scenario when any row was rejected.
            #[arg(long)]
            strict: bool,
        },
        /// Write a scenario out as a planner's files (units and zones as
        /// GeoJSON, facilities and candidate sites as CSV, roads, the travel
        /// table) and the manifest.json that imports them back to the same
        /// scenario (policy and expansion caps are not carried).
        ExportRegion {
            /// The scenario (JSON), or `-` for standard input.
            scenario: PathBuf,
            /// Directory to write into (created if missing).
            #[arg(long)]
            dir: PathBuf,
        },
        /// Export one table of a plan as a planner's office opens it:
        /// decisions, indicators per admin unit, or zones, as CSV (stable
        /// column keys), XLSX (headers in --lang, numbers as numbers) or
        /// RFC 7946 GeoJSON (WGS84; indicators on the units' outlines).
        /// Exits 0 when written, 2 when the scenario or plan cannot be used.
        Export {
            /// The scenario (JSON, or a saved scenario file), or `-` for standard input.
            scenario: PathBuf,
            /// The plan (what `healthreach solve --out` writes).
            plan: PathBuf,
            /// File format.
            #[arg(long, value_enum)]
            format: FormatArg,
            /// Which table.
            #[arg(long, value_enum)]
            table: TableArg,
            /// Where to write.
            #[arg(long)]
            out: PathBuf,
            /// Language of XLSX headers and words (codes stay keys in CSV and GeoJSON).
            #[arg(long, value_enum, default_value = "en")]
            lang: LangArg,
        },
        /// Print the JSON Schema of the scenario format.
        Schema {
            /// Write to this file instead of standard output.
            #[arg(long)]
            out: Option<PathBuf>,
        },
        /// Rebuild the demo scenario from the shared data (county boundaries,
        /// census, township names) with the deterministic generator.
        GenerateDemo {
            /// Folder holding weinan_districts_wgs84.geojson and its siblings.
            #[arg(long, default_value = "data/weinan")]
            data: PathBuf,
            /// Output file (the embedded copy is src/demo/weinan.json).
            #[arg(long, default_value = "src/demo/weinan.json")]
            out: PathBuf,
        },
    }

    /// Time limit of `solve` when none is given (seconds): solves never hang.
    const DEFAULT_PLAN_SECONDS: f64 = 30.0;

    /// Longest travel time `access` searches (minutes).
    const MAX_SEARCH_MINUTES: f64 = 1440.0;

    #[derive(Clone, Copy, clap::ValueEnum)]
    enum ModeArg {
        Walk,
        Bike,
        Drive,
    }

    #[derive(Clone, Copy, clap::ValueEnum)]
    enum FormatArg {
        Csv,
        Xlsx,
        Geojson,
    }

    #[derive(Clone, Copy, clap::ValueEnum)]
    enum TableArg {
        Decisions,
        Indicators,
        Zones,
    }

    #[derive(Clone, Copy, clap::ValueEnum)]
    enum LangArg {
        En,
        Zh,
    }

    impl From<ModeArg> for Mode {
        fn from(m: ModeArg) -> Mode {
            match m {
                ModeArg::Walk => Mode::Walk,
                ModeArg::Bike => Mode::Bike,
                ModeArg::Drive => Mode::Drive,
            }
        }
    }

    pub fn main() -> ExitCode {
        // Output piped into a reader that stops early (`| head`) ends the
        // program quietly, as other command-line tools do, not with a panic.
        let default_hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let text = info
                .payload()
                .downcast_ref::<String>()
                .map(String::as_str)
                .unwrap_or("");
            if text.contains("Broken pipe") {
                std::process::exit(141);
            }
            default_hook(info);
        }));
        let cli = Cli::parse();
        match run(cli.command) {
            Ok(code) => code,
            Err(message) => {
                eprintln!("healthreach: {message}");
                ExitCode::from(2)
            }
        }
    }

    /// A scenario, or a saved scenario file, with its problems printed when it is neither.
    fn open_scenario_file(file: &Path) -> Result<healthreach::scenario::Scenario, String> {
        let bytes = read_input(file)?;
        match healthreach::scenario_file::open(&bytes) {
            Ok((f, _)) => Ok(f.scenario),
            Err(problems) => {
                for p in &problems {
                    eprintln!("{}: {p}", file.display());
                }
                Err(format!(
                    "{} is not a valid scenario; run `healthreach validate` for details",
                    file.display()
                ))
            }
        }
    }

    /// The arguments of `healthreach publish`.
    struct PublishArgs {
        scenario: PathBuf,
        plan: PathBuf,
        out: Option<PathBuf>,
        single_file: Option<PathBuf>,
        title: Option<String>,
        publisher: Option<String>,
        date: Option<String>,
        assets: Option<PathBuf>,
        time_limit: Option<f64>,
        counterfactual_time_limit: Option<f64>,
    }

    /// Reads the built viewer and HiGHS from `dir` (Trunk's `dist/`).
    fn read_assets(dir: Option<&Path>) -> Result<healthreach::publish::bundle::Assets, String> {
        use healthreach::publish::bundle::Assets;
        let candidates: Vec<PathBuf> = match dir {
            Some(d) => vec![d.to_path_buf()],
            None => {
                let mut v = vec![PathBuf::from("dist")];
                v.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("dist"));
                v
            }
        };
        let found = candidates
            .iter()
            .find(|d| Assets::PATHS.iter().all(|p| d.join(p).is_file()));
        let Some(d) = found else {
            let tried: Vec<String> = candidates.iter().map(|d| d.display().to_string()).collect();
            return Err(format!(
                "the portal viewer is not built: {} lacks {}; build it with `scripts/build-site.sh` (Trunk, release) or pass --assets DIR",
                tried.join(" and "),
                Assets::PATHS.join(", ")
            ));
        };
        let mut files = Vec::new();
        for p in Assets::PATHS {
            let path = d.join(p);
            files.push(std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?);
        }
        Ok(Assets::from_files(files))
    }

    /// `healthreach publish SCENARIO PLAN --out DIR [--single-file FILE]`.
    fn publish_command(a: PublishArgs) -> Result<ExitCode, String> {
        use healthreach::publish::{bundle, prepare, Meta, SolveSettings};
        if a.out.is_none() && a.single_file.is_none() {
            return Err("say where to publish: --out DIR (the folder edition) and/or --single-file FILE.html".into());
        }
        let time_limit = option(
            "--time-limit",
            limits::time_limit(a.time_limit.unwrap_or(DEFAULT_PLAN_SECONDS)),
        )?;
        let s = open_scenario_file(&a.scenario)?;
        let plan_bytes = read_input(&a.plan)?;
        let text = healthreach::diagnostics::text_of(&plan_bytes, limits::MAX_SCENARIO_BYTES)
            .map_err(|p| format!("{}: {}", a.plan.display(), p.message))?;
        let plan = healthreach::validate::load_plan(text, &s).map_err(|problems| {
            for p in &problems {
                eprintln!("{}: {p}", a.plan.display());
            }
            format!(
                "{} does not fit {}: a published plan may name only the scenario's facilities and sites",
                a.plan.display(),
                a.scenario.display()
            )
        })?;
        let meta = Meta::new(&s, a.title, a.publisher, a.date).map_err(|p| p.message)?;
        let assets = read_assets(a.assets.as_deref())?;
        let counterfactual_time_limit = match a.counterfactual_time_limit {
            Some(v) => option("--counterfactual-time-limit", limits::time_limit(v))?,
            None => SolveSettings::default().counterfactual_time_limit,
        };
        let settings = SolveSettings {
            time_limit,
            counterfactual_time_limit,
            ..SolveSettings::default()
        };
        // Refuse a destination that holds anything but an earlier bundle
        // before any work; the earlier bundle is replaced once the new one
        // is written beside it.
        let out_target = match &a.out {
            Some(dir) => {
                let mut inputs = vec![a.scenario.as_path(), a.plan.as_path()];
                inputs.extend(a.single_file.as_deref());
                inputs.extend(a.assets.as_deref());
                Some(crate::publish_folder::target(dir, &inputs)?)
            }
            None => None,
        };
        let started = std::time::Instant::now();
        let publication = prepare(&s, &plan, &meta, settings, &mut |step| {
            eprintln!("publish: step {}/{}", step.done, step.total);
        })
        .map_err(|p| format!("{}: {}", a.scenario.display(), p.message))?;
        let m = &publication.manifest;
        if let (Some(dir), Some(t)) = (&a.out, &out_target) {
            let files = bundle::folder(&publication, &s, &plan, &assets);
            if let Some(note) = crate::publish_folder::write(t, &files)? {
                eprintln!("publish: {note}");
            }
            eprintln!("publish: folder edition in {}", dir.display());
        }
        if let Some(file) = &a.single_file {
            let bytes = bundle::single_file(&publication, &s, &plan, &assets);
            std::fs::write(file, &bytes).map_err(|e| format!("{}: {e}", file.display()))?;
            eprintln!(
                "publish: single file {} ({} bytes)",
                file.display(),
                bytes.len()
            );
        }
        println!(
            "published\tscenario {}\tplan {}\t{}\tgap {}\t{}\t{:.1} s",
            m.scenario_sha256,
            m.plan_sha256,
            m.status.key(),
            m.gap.map_or("-".into(), |g| format!("{:.4}%", g * 100.0)),
            if m.verified {
                "verified".to_string()
            } else {
                format!("{} violations", m.violations)
            },
            started.elapsed().as_secs_f64()
        );
        Ok(ExitCode::SUCCESS)
    }

    /// `healthreach check SCENARIO PLAN`.
    /// A plan file read for its shape only: unknown ids and bad quantities
    /// are violations the checker names, not read errors.
    fn read_plan_shape(plan: &Path) -> Result<healthreach::plan::Plan, String> {
        let plan_bytes = read_input(plan)?;
        let text = healthreach::diagnostics::text_of(&plan_bytes, limits::MAX_SCENARIO_BYTES)
            .map_err(|p| format!("{}: {}", plan.display(), p.message))?;
        let de = &mut serde_json::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let p = healthreach::diagnostics::from_parse_error(e);
            format!(
                "{}: {p} (a plan is what `healthreach solve --out` writes)",
                plan.display()
            )
        })
    }

    /// `healthreach explain`: every decision of the plan with the checks it
    /// moves (the checker on the plan and on the plan minus it) and the
    /// cost of the best plan without it.
    fn explain_command(a: ExplainArgs) -> Result<ExitCode, String> {
        use healthreach::counterfactual::{explain, without};
        let s = open_scenario_file(&a.scenario)?;
        let p = read_plan_shape(&a.plan)?;
        let tt = healthreach::access::TravelTimes::compute(
            &s,
            &healthreach::optimise::plan::access_options_for(&s),
        );
        let base = healthreach::checker::check(&s, &tt, &p);
        let mut out = explain(&s, &tt, &p, &base);
        if a.without_total > 0.0 {
            limits::time_limit(a.without_seconds).map_err(|p| p.message)?;
            let budget = without::Budget {
                per_decision: a.without_seconds,
                total: a.without_total,
            };
            without::price(&s, &p, &mut out, budget, &mut |done, n| {
                if !a.json && std::io::IsTerminal::is_terminal(&std::io::stderr()) {
                    eprint!("\rcomparison solves {done}/{n}");
                }
            });
        }
        if a.json {
            println!("{}", serde_json::to_string_pretty(&out).unwrap());
        } else {
            let zh = a.lang.as_deref() == Some("zh");
            for e in &out {
                println!(
                    "{}\t{}\t{}",
                    e.decision,
                    healthreach::checker::scope_label(&s, &e.facility),
                    if zh { &e.why_zh } else { &e.why }
                );
            }
        }
        Ok(ExitCode::SUCCESS)
    }

    struct ExplainArgs {
        scenario: PathBuf,
        plan: PathBuf,
        json: bool,
        lang: Option<String>,
        without_seconds: f64,
        without_total: f64,
    }

    fn check_command(scenario: &Path, plan: &Path, json: bool) -> Result<ExitCode, String> {
        let s = open_scenario_file(scenario)?;
        let p = read_plan_shape(plan)?;
        let tt = healthreach::access::TravelTimes::compute(
            &s,
            &healthreach::optimise::plan::access_options_for(&s),
        );
        let c = healthreach::checker::check(&s, &tt, &p);
        if json {
            let v = serde_json::json!({
                "verified": c.verified,
                "cost_yuan": c.cost_yuan,
                "rules": c.rules(&[]),
                "violations": c.violations().collect::<Vec<_>>(),
                "findings": c.findings,
            });
            println!("{}", serde_json::to_string_pretty(&v).unwrap());
        } else if c.verified {
            println!("verified");
        } else {
            for f in c.violations() {
                println!(
                    "{}\t{}\trequired {}\tplan gives {}\t{}",
                    f.rule,
                    healthreach::checker::scope_label(&s, &f.scope),
                    num(f.required),
                    num(f.achieved),
                    f.message
                );
            }
        }
        Ok(if c.verified {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        })
    }

    /// `healthreach import`: the manifest (or a folder's), the `--map`
    /// columns and `--fix` consents, the import, the report, the exit code.
    fn run_import(
        manifest: &Path,
        map: &[String],
        fix: &[String],
        accept_rejected: bool,
        out: &Path,
        report_path: Option<&Path>,
        strict: bool,
    ) -> Result<ExitCode, String> {
        use healthreach::import::report::{Entry, Report};
        struct Dir(PathBuf);
        impl healthreach::import::pipeline::Files for Dir {
            fn read(&self, path: &str) -> Result<Vec<u8>, String> {
                read_input(&self.0.join(path))
            }
        }
        let write_report = |r: &Report| -> Result<(), String> {
            if let Some(path) = report_path {
                let text = serde_json::to_string_pretty(r).map_err(|e| e.to_string())?;
                std::fs::write(path, text)
                    .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            Ok(())
        };
        let fail = |why: String, why_zh: String, fix: &str| -> Result<ExitCode, String> {
            eprintln!("{}: {why}", manifest.display());
            let mut r = Report::default();
            r.rejected.push(Entry::new(
                &healthreach::import::pipeline::file_name(&manifest.display().to_string()),
                None,
                "",
                "",
                why,
                why_zh,
                fix,
            ));
            write_report(&r)?;
            Ok(ExitCode::from(1))
        };
        let mut fix_swapped = false;
        for f in fix {
            match f.as_str() {
                "swapped-coordinates" => fix_swapped = true,
                other => {
                    return Err(format!(
                        "--fix {other:?}: the corrections are: swapped-coordinates"
                    ))
                }
            }
        }
        let is_dir = manifest.is_dir();
        let (dir, manifest_file) = if is_dir {
            let inside = manifest.join("manifest.json");
            (manifest.to_path_buf(), inside.is_file().then_some(inside))
        } else {
            (
                manifest.parent().map(Path::to_path_buf).unwrap_or_default(),
                Some(manifest.to_path_buf()),
            )
        };
        let files = Dir(dir.clone());
        let mut guessed = Vec::new();
        let mut m = match &manifest_file {
            Some(file) => {
                let parsed = read_input(file).and_then(|bytes| {
                    let text =
                        healthreach::diagnostics::text_of(&bytes, limits::MAX_SCENARIO_BYTES)
                            .map_err(|p| p.message)?;
                    let de = &mut serde_json::Deserializer::from_str(text);
                    serde_path_to_error::deserialize::<_, healthreach::import::manifest::Manifest>(
                        de,
                    )
                    .map_err(|e| {
                        let p = healthreach::diagnostics::from_parse_error(e);
                        format!("{}: {}", p.path, p.message)
                    })
                });
                match parsed {
                    Ok(m) => m,
                    Err(why) => {
                        return fail(
                            why.clone(),
                            format!("清单无法读取：{why}"),
                            "fix the manifest (format: docs/import.md)",
                        )
                    }
                }
            }
            None => {
                let mut names: Vec<String> = std::fs::read_dir(&dir)
                    .map_err(|e| format!("cannot read the folder {}: {e}", dir.display()))?
                    .filter_map(|e| e.ok())
                    .filter(|e| e.path().is_file())
                    .filter_map(|e| e.file_name().to_str().map(str::to_string))
                    .collect();
                names.sort();
                let (m, notes, problems) =
                    healthreach::import::mapping::guess_manifest(&names, &files);
                let missing = healthreach::import::wizard::missing(&m);
                if !missing.is_empty() {
                    let en: Vec<&str> = missing.iter().map(|(e, _)| *e).collect();
                    let zh: Vec<&str> = missing.iter().map(|(_, z)| *z).collect();
                    // Files that could not be read may be the missing parts: say why.
                    let (unread_en, unread_zh): (Vec<String>, Vec<String>) =
                        problems.into_iter().unzip();
                    let tail = |v: &[String], lead: &str, sep: &str| {
                        if v.is_empty() {
                            String::new()
                        } else {
                            format!("{lead}{}", v.join(sep))
                        }
                    };
                    return fail(
                        format!(
                            "the folder has no manifest.json and its files lack: {}{}",
                            en.join("; "),
                            tail(&unread_en, ". Not read: ", "; ")
                        ),
                        format!(
                            "文件夹中没有 manifest.json，且文件缺少：{}{}",
                            zh.join("；"),
                            tail(&unread_zh, "。未能读取：", "；")
                        ),
                        "fix the manifest (format: docs/import.md)",
                    );
                }
                guessed = notes;
                m
            }
        };
        for spec in map {
            healthreach::import::mapping::apply_map(&mut m, spec)?;
        }
        if m.name.is_none() {
            let stem = if is_dir && manifest_file.is_none() {
                manifest.file_name()
            } else {
                manifest_file.as_deref().and_then(Path::file_stem)
            };
            m.name = stem.map(|s| s.to_string_lossy().into_owned());
        }
        let (scenario, mut r) = healthreach::import::pipeline::import(
            &m,
            &files,
            healthreach::import::pipeline::ImportOptions {
                strict,
                fix_swapped,
                accept_rejected,
            },
        );
        for (_, en, zh) in guessed.into_iter().rev() {
            r.assumed.insert(0, en);
            r.assumed_zh.insert(0, zh);
        }
        for c in &r.missing_columns {
            eprintln!("missing column: {}", c.message_en);
        }
        for e in r.rejected.iter().take(50) {
            eprintln!("rejected: {}", e.message_en);
        }
        if r.rejected.len() > 50 {
            eprintln!(
                "… and {} more rejected rows (see the report)",
                r.rejected.len() - 50
            );
        }
        for e in &r.mostly_rejected {
            eprintln!("{}", e.message_en);
        }
        eprintln!(
            "{} rejected, {} warnings; {}",
            r.rejected.len(),
            r.warnings.len(),
            r.totals
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        write_report(&r)?;
        if !r.missing_columns.is_empty() {
            eprintln!("no scenario written: map the missing columns (see above)");
            return Ok(ExitCode::from(2));
        }
        match scenario {
            Some(s) => {
                std::fs::write(out, s.to_json_pretty())
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                eprintln!("wrote {}", out.display());
                Ok(ExitCode::SUCCESS)
            }
            None => {
                eprintln!("no scenario written: see the rejected rows above");
                Ok(ExitCode::from(1))
            }
        }
    }

    fn write_out(out: Option<&Path>, text: &str) -> Result<(), String> {
        match out {
            Some(p) => {
                std::fs::write(p, text).map_err(|e| format!("cannot write {}: {e}", p.display()))
            }
            None => {
                println!("{text}");
                Ok(())
            }
        }
    }

    /// Reads a file or standard input as bytes, refusing anything over the
    /// scenario size limit before reading it whole.
    fn read_input(file: &Path) -> Result<Vec<u8>, String> {
        let limit = healthreach::validate::limits::MAX_SCENARIO_BYTES;
        let too_big = |what: &str, n: u64| {
            format!(
                "{what} is {n} bytes, more than the limit of {limit} bytes; split the region or simplify its boundaries"
            )
        };
        if file.as_os_str() == "-" {
            let mut s = Vec::new();
            std::io::stdin()
                .take(limit as u64 + 1)
                .read_to_end(&mut s)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            if s.len() > limit {
                return Err(too_big("standard input", s.len() as u64));
            }
            Ok(s)
        } else {
            let meta = std::fs::metadata(file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            if meta.is_dir() {
                return Err(format!(
                    "{} is a folder; give the scenario's JSON file",
                    file.display()
                ));
            }
            if meta.len() > limit as u64 {
                return Err(too_big(&file.display().to_string(), meta.len()));
            }
            // Devices and pipes report length 0: read at most limit + 1 bytes.
            let mut s = Vec::new();
            std::fs::File::open(file)
                .and_then(|f| f.take(limit as u64 + 1).read_to_end(&mut s))
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            if s.len() > limit {
                return Err(too_big(&file.display().to_string(), s.len() as u64));
            }
            Ok(s)
        }
    }

    /// A number option checked by a core limit; the message names the option.
    fn option<T>(
        name: &str,
        checked: Result<T, healthreach::diagnostics::Problem>,
    ) -> Result<T, String> {
        checked.map_err(|p| format!("{name}: {}", p.message))
    }

    /// Reads `--solver`.
    fn solver_choice(s: &str) -> Result<healthreach::optimise::Choice, String> {
        healthreach::optimise::Choice::parse(s)
            .ok_or_else(|| format!("--solver: `{s}` is not a solver; use auto, highs or microlp"))
    }

    /// Reads and validates a scenario; on errors prints every problem and fails.
    fn load_valid(file: &Path) -> Result<healthreach::scenario::Scenario, String> {
        let bytes = read_input(file)?;
        match validate::load_bytes(&bytes) {
            Ok((s, _)) => Ok(s),
            Err(problems) => {
                for p in &problems {
                    eprintln!("{}: {p}", file.display());
                }
                Err(format!(
                    "{} is not a valid scenario; run `healthreach validate` for details",
                    file.display()
                ))
            }
        }
    }

    fn run(cmd: Command) -> Result<ExitCode, String> {
        match cmd {
            Command::Demo { out, pretty } => {
                let s = healthreach::demo::weinan();
                let text = if pretty {
                    s.to_json_pretty()
                } else {
                    s.to_json()
                };
                write_out(out.as_deref(), &text)?;
                Ok(ExitCode::SUCCESS)
            }
            Command::Access {
                file,
                mode,
                minutes,
                max_minutes,
                json,
            } => {
                if !(minutes.is_finite() && minutes > 0.0 && minutes <= MAX_SEARCH_MINUTES) {
                    return Err(format!(
                        "--minutes {}: give a number of minutes above 0 and at most {MAX_SEARCH_MINUTES} (a day)",
                        num(minutes)
                    ));
                }
                if !(max_minutes.is_finite()
                    && max_minutes >= minutes
                    && max_minutes <= MAX_SEARCH_MINUTES)
                {
                    return Err(format!(
                        "--max-minutes {}: give a number of minutes from --minutes ({}) to {MAX_SEARCH_MINUTES} (a day)",
                        num(max_minutes),
                        num(minutes)
                    ));
                }
                let s = load_valid(&file)?;
                let opts = AccessOptions {
                    mode: mode.into(),
                    max_minutes,
                    ..AccessOptions::default()
                };
                let t0 = std::time::Instant::now();
                let r = access_report(&s, &opts, minutes);
                let seconds = t0.elapsed().as_secs_f64();
                if json {
                    let v = serde_json::json!({
                        "mode": r.mode,
                        "method": r.method,
                        "minutes": r.minutes,
                        "coverage_share": {
                            "region": r.coverage_share,
                            "units": r.coverage.units.iter().map(|u| (u.id.clone(), u.share)).collect::<std::collections::BTreeMap<_, _>>(),
                        },
                        "coverage": r.coverage,
                        "access_curve": r.access_curve,
                        "beds_per_1000": r.beds_per_1000,
                        "doctors_per_1000": r.doctors_per_1000,
                        "referrals": r.referrals,
                        "warnings": r.warnings,
                        "seconds": seconds,
                    });
                    println!("{}", serde_json::to_string_pretty(&v).unwrap());
                } else {
                    for w in &r.warnings {
                        eprintln!("{}: {w}", file.display());
                    }
                    print_access(&s, &r, seconds);
                }
                Ok(ExitCode::SUCCESS)
            }
            Command::Solve {
                file,
                time_limit,
                json,
                out,
                mip_gap,
                solver,
                timings,
                write_model,
            } => {
                let mip_gap = option("--mip-gap", limits::mip_gap(mip_gap))?;
                let model_format = write_model
                    .as_ref()
                    .map(|p| {
                        healthreach::optimise::ModelFormat::of_path(&p.to_string_lossy()).ok_or_else(
                            || {
                                format!(
                                    "--write-model {}: name the file .mps (free MPS) or .lp (CPLEX LP)",
                                    p.display()
                                )
                            },
                        )
                    })
                    .transpose()?;
                let solver = solver_choice(&solver)?;
                let time_limit = option(
                    "--time-limit",
                    limits::time_limit(time_limit.unwrap_or(DEFAULT_PLAN_SECONDS)),
                )?;
                // The time limit covers the whole run: reading, travel
                // times, solve, check and estimates.
                let started = std::time::Instant::now();
                let deadline = healthreach::deadline::Deadline::after(started, Some(time_limit));
                let s = load_valid(&file)?;
                if let (Some(path), Some(format)) = (&write_model, model_format) {
                    let text = healthreach::optimise::plan::write_model(&s, format)
                        .map_err(|p| format!("{}: {}", file.display(), p.message))?;
                    std::fs::write(path, text)
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                }
                let opts = healthreach::optimise::plan::PlanOptions {
                    time_limit: Some(time_limit),
                    mip_gap,
                    explain: true,
                    backend: solver,
                    started: Some(started),
                    ..Default::default()
                };
                let mut last_stage = "";
                let mut stage_log = |p: healthreach::optimise::plan::Progress| {
                    if timings && p.stage != last_stage {
                        eprintln!("{:>9.3} s  {}", p.seconds, p.stage);
                        last_stage = p.stage;
                    }
                };
                let (mut r, tt) = healthreach::optimise::plan::solve_plan_keeping_times(
                    &s,
                    &opts,
                    &mut stage_log,
                )
                .map_err(|p| match &p.detail {
                    Some(d) => {
                        format!("{}: {} (solver detail: {d})", file.display(), p.message)
                    }
                    None => format!("{}: {}", file.display(), p.message),
                })?;
                // Check and estimates run beside this thread, which waits
                // for them only until the deadline: neither stage need
                // know how to stop part-way, and a stage still running
                // then is named as cut short, never waited for.
                let s = std::sync::Arc::new(s);
                let after = crate::after_solve::after_solve(
                    &s,
                    r.plan.clone(),
                    tt,
                    json,
                    (started, deadline),
                );
                let check = after.check;
                if r.plan.is_some() && check.is_none() {
                    r.cut_short.push(healthreach::optimise::CutShort::Check);
                }
                if timings {
                    eprintln!(
                        "{:>9.3} s  solved ({} {}, {} nodes); checked by {:.3} s",
                        r.outcome.seconds,
                        r.outcome.backend.map_or("-", |b| b.name()),
                        r.outcome.solver_version.as_deref().unwrap_or(""),
                        r.outcome.nodes,
                        after.checked_at.unwrap_or(f64::NAN)
                    );
                }
                if let (Some(path), Some(plan)) = (&out, &r.plan) {
                    std::fs::write(path, serde_json::to_string_pretty(plan).unwrap())
                        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                }
                if json {
                    let binding: Vec<(String, String)> = r
                        .binding
                        .iter()
                        .map(|b| (b.rule.clone(), b.scope.clone()))
                        .collect();
                    let rules = check.as_ref().map(|c| c.rules(&binding));
                    // Estimated, never measured: the patient-choice model
                    // before and after the plan.
                    let estimates = after.estimates;
                    if r.plan.is_some() && estimates.is_none() {
                        r.cut_short.push(healthreach::optimise::CutShort::Estimates);
                    }
                    let v = serde_json::json!({
                        "result": r,
                        "check": check,
                        "rules": rules,
                        "estimates": estimates,
                    });
                    println!("{}", serde_json::to_string_pretty(&v).unwrap());
                } else {
                    print_plan(&s, &r, check.as_ref());
                }
                if timings {
                    eprintln!("{:>9.3} s  done", started.elapsed().as_secs_f64());
                }
                Ok(match r.outcome.status {
                    healthreach::optimise::Status::Optimal
                    | healthreach::optimise::Status::Feasible => ExitCode::SUCCESS,
                    _ => ExitCode::from(1),
                })
            }
            Command::SolveClassic {
                file,
                time_limit,
                solver,
            } => {
                let solver = solver_choice(&solver)?;
                let time_limit = time_limit
                    .map(|t| option("--time-limit", limits::time_limit(t)))
                    .transpose()?;
                let bytes = read_input(&file)?;
                let text = healthreach::diagnostics::text_of(&bytes, limits::MAX_SCENARIO_BYTES)
                    .map_err(|p| format!("{}: {}", file.display(), p.message))?;
                let de = &mut serde_json::Deserializer::from_str(text);
                let problem: healthreach::optimise::classic::ClassicProblem =
                    serde_path_to_error::deserialize(de).map_err(|e| {
                        let p = healthreach::diagnostics::from_parse_error(e);
                        format!("{}: {}: {}", file.display(), p.path, p.message)
                    })?;
                let r = healthreach::optimise::classic::solve_with(&problem, time_limit, solver)
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                println!("{}", serde_json::to_string(&r).unwrap());
                Ok(ExitCode::SUCCESS)
            }
            Command::Check {
                scenario,
                plan,
                json,
            } => check_command(&scenario, &plan, json),
            Command::Explain {
                scenario,
                plan,
                json,
                lang,
                without_seconds,
                without_total,
            } => explain_command(ExplainArgs {
                scenario,
                plan,
                json,
                lang,
                without_seconds,
                without_total,
            }),
            Command::Publish {
                scenario,
                plan,
                out,
                single_file,
                title,
                publisher,
                date,
                assets,
                time_limit,
                counterfactual_time_limit,
            } => publish_command(PublishArgs {
                scenario,
                plan,
                out,
                single_file,
                title,
                publisher,
                date,
                assets,
                time_limit,
                counterfactual_time_limit,
            }),
            Command::Export {
                scenario,
                plan,
                format,
                table,
                out,
                lang,
            } => {
                use healthreach::export::{Format, TableKind};
                let s = open_scenario_file(&scenario)?;
                let plan_bytes = read_input(&plan)?;
                let text =
                    healthreach::diagnostics::text_of(&plan_bytes, limits::MAX_SCENARIO_BYTES)
                        .map_err(|p| format!("{}: {}", plan.display(), p.message))?;
                let p = healthreach::validate::load_plan(text, &s).map_err(|problems| {
                    for p in &problems {
                        eprintln!("{}: {p}", plan.display());
                    }
                    format!(
                        "{} is not a plan of {}; write one with `healthreach solve {} --out PLAN.json`",
                        plan.display(),
                        scenario.display(),
                        scenario.display()
                    )
                })?;
                let r = healthreach::report::plan_report(&s, &p);
                let table = match table {
                    TableArg::Decisions => TableKind::Decisions,
                    TableArg::Indicators => TableKind::Indicators,
                    TableArg::Zones => TableKind::Zones,
                };
                let before = if table == TableKind::Zones {
                    healthreach::export::tables::zone_minutes_before(&s)
                } else {
                    vec![]
                };
                let format = match format {
                    FormatArg::Csv => Format::Csv,
                    FormatArg::Xlsx => Format::Xlsx,
                    FormatArg::Geojson => Format::GeoJson,
                };
                let lang = match lang {
                    LangArg::En => healthreach::i18n::Lang::En,
                    LangArg::Zh => healthreach::i18n::Lang::Zh,
                };
                let data = healthreach::export::export(&s, &r, &before, table, format, lang)?;
                std::fs::write(&out, &data)
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                eprintln!(
                    "wrote {} ({} bytes): {} as {}",
                    out.display(),
                    data.len(),
                    table.key(),
                    format.extension()
                );
                Ok(ExitCode::SUCCESS)
            }
            Command::ExportRegion { scenario, dir } => {
                let s = load_valid(&scenario)?;
                std::fs::create_dir_all(&dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                let files = healthreach::import::region_files::region_files(&s);
                for (name, bytes) in &files {
                    let p = dir.join(name);
                    std::fs::write(&p, bytes)
                        .map_err(|e| format!("cannot write {}: {e}", p.display()))?;
                }
                println!(
                    "wrote {} files to {}; import them with: healthreach import {} --out SCENARIO.json",
                    files.len(),
                    dir.display(),
                    dir.join("manifest.json").display()
                );
                Ok(ExitCode::SUCCESS)
            }
            Command::Import {
                manifest,
                map,
                fix,
                accept_rejected,
                out,
                report,
                strict,
            } => run_import(
                &manifest,
                &map,
                &fix,
                accept_rejected,
                &out,
                report.as_deref(),
                strict,
            ),
            Command::Schema { out } => {
                let text = serde_json::to_string_pretty(&healthreach::scenario::json_schema())
                    .expect("schema serialises");
                write_out(out.as_deref(), &text)?;
                Ok(ExitCode::SUCCESS)
            }
            Command::GenerateDemo { data, out } => {
                let s = healthreach::generate::weinan(&data)?;
                let problems = validate::validate(&s);
                for p in &problems {
                    eprintln!("{p}");
                }
                if problems.iter().any(Problem::is_error) {
                    return Err("the generated scenario does not validate; nothing written".into());
                }
                std::fs::write(&out, s.to_json() + "\n")
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                eprintln!("wrote {}", out.display());
                print_summary(&summarise(&s));
                Ok(ExitCode::SUCCESS)
            }
            Command::Validate { file, json } => {
                let name = if file.as_os_str() == "-" {
                    "<stdin>".to_string()
                } else {
                    file.display().to_string()
                };
                let bytes = read_input(&file)?;
                match validate::load_bytes(&bytes) {
                    Ok((s, warnings)) => {
                        let summary = summarise(&s);
                        if json {
                            let v = serde_json::json!({"ok": true, "summary": summary, "problems": warnings});
                            println!("{}", serde_json::to_string_pretty(&v).unwrap());
                        } else {
                            for w in &warnings {
                                eprintln!("{name}: {w}");
                            }
                            println!("{name}: valid scenario ({} warning(s))", warnings.len());
                            print_summary(&summary);
                        }
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(problems) => {
                        let errors = problems.iter().filter(|p| p.is_error()).count();
                        if json {
                            let v = serde_json::json!({"ok": false, "problems": problems});
                            println!("{}", serde_json::to_string_pretty(&v).unwrap());
                        } else {
                            for p in &problems {
                                eprintln!("{name}: {p}");
                            }
                            eprintln!(
                                "{name}: not loaded: {errors} error(s), {} warning(s). Fix the errors above and validate again.",
                                problems.len() - errors
                            );
                        }
                        Ok(ExitCode::from(1))
                    }
                }
            }
        }
    }

    fn print_access(
        s: &healthreach::scenario::Scenario,
        r: &healthreach::indicators::AccessReport,
        seconds: f64,
    ) {
        let pct = |x: f64| format!("{:.1}%", x * 100.0);
        println!(
            "{}: {:?} times by {:?}, computed in {:.3} s",
            s.region.name, r.mode, r.method, seconds
        );
        println!(
            "residents within {} min of a medical service point: {} ({} of {})",
            r.minutes,
            pct(r.coverage_share),
            group(r.coverage.covered),
            group(r.coverage.population)
        );
        println!();
        println!(
            "{:<10} {:<16} {:>10} {:>9} {:>9} {:>9} {:>10}",
            "id", "name", "population", "covered", "beds/1k", "docs/1k", "E2SFCA"
        );
        for u in &r.coverage.units {
            let zones: Vec<usize> = s
                .zones
                .iter()
                .enumerate()
                .filter(|(_, z)| z.admin_unit == u.id)
                .map(|(i, _)| i)
                .collect();
            let pop: f64 = zones.iter().map(|&i| s.zones[i].population).sum();
            let e2: f64 = zones
                .iter()
                .map(|&i| r.e2sfca[i] * s.zones[i].population)
                .sum::<f64>()
                / pop.max(1.0);
            println!(
                "{:<10} {:<16} {:>10} {:>9} {:>9.2} {:>9.2} {:>10.2}",
                u.id,
                u.name,
                group(u.population),
                pct(u.share),
                r.beds_per_1000.get(&u.id).copied().unwrap_or(0.0),
                r.doctors_per_1000.get(&u.id).copied().unwrap_or(0.0),
                e2
            );
        }
        println!();
        print!("access curve (share within minutes):");
        for p in r
            .access_curve
            .iter()
            .filter(|p| [5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0, 90.0, 120.0].contains(&p.minutes))
        {
            print!("  {}′ {}", p.minutes, pct(p.share));
        }
        println!();
        let times: Vec<f64> = r.referrals.iter().filter_map(|x| x.minutes).collect();
        if !times.is_empty() {
            let mean = times.iter().sum::<f64>() / times.len() as f64;
            let max = times.iter().cloned().fold(0.0, f64::max);
            println!(
                "referral to county hospital: {} centres, mean {:.1} min, longest {:.1} min, {} unreachable",
                r.referrals.len(),
                mean,
                max,
                r.referrals.len() - times.len()
            );
        }
    }

    fn print_plan(
        s: &healthreach::scenario::Scenario,
        r: &healthreach::optimise::plan::PlanResult,
        check: Option<&healthreach::checker::Check>,
    ) {
        let o = &r.outcome;
        println!(
            "status: {:?}   objective: {}   bound: {}   gap: {}   time: {:.3} s   variables: {}",
            o.status,
            o.objective.map_or("-".into(), |v| format!("{v:.2}")),
            o.bound.map_or("-".into(), |v| format!("{v:.2}")),
            o.gap.map_or("-".into(), |g| format!("{:.4}%", g * 100.0)),
            o.seconds,
            r.variables
        );
        for sf in &r.shortfalls {
            println!("  cannot meet: {}", sf.message);
        }
        if !r.cut_short.is_empty() {
            let stages: Vec<&str> = r.cut_short.iter().map(|c| c.label().0).collect();
            println!(
                "cut short by the time limit: {} (give more time to have them)",
                stages.join(", ")
            );
        }
        let Some(plan) = &r.plan else { return };
        let name = |id: &str| {
            s.facilities
                .iter()
                .find(|f| f.id == id)
                .map(|f| f.name.clone())
                .or_else(|| {
                    s.candidate_sites
                        .iter()
                        .find(|c| c.id == id)
                        .map(|c| c.name.clone())
                })
                .unwrap_or_else(|| id.to_string())
        };
        println!("cost: {} yuan", group(r.cost_yuan.unwrap_or(0.0)));
        if let Some(c) = check {
            let failed: Vec<_> = c.findings.iter().filter(|f| !f.ok).collect();
            if c.verified {
                println!("checker: verified ({} checks passed)", c.findings.len());
            } else {
                println!("checker: NOT verified, {} check(s) failed:", failed.len());
                for f in failed {
                    println!("  - {}", f.message);
                }
            }
        }
        for id in &plan.open_sites {
            println!("  open new service point  {}", name(id));
        }
        for id in &plan.upgrades {
            println!("  raise a tier            {}", name(id));
        }
        for b in &plan.beds {
            println!("  add {:>4} beds           {}", b.beds, name(&b.facility));
        }
        for b in &plan.elderly_care_beds {
            println!(
                "  add {:>4} elderly-care beds {}",
                b.beds,
                name(&b.facility)
            );
        }
        for sv in &plan.services {
            println!("  open {:<24} {}", sv.specialty.key(), name(&sv.facility));
        }
        for p in plan.posts.iter().filter(|p| p.specialty.is_none()) {
            println!("  {:>3} doctor posts        {}", p.posts, name(&p.facility));
        }
        for x in &plan.telemedicine_links {
            println!(
                "  link to telemedicine     {} → {}",
                name(&x.facility),
                name(&x.hub)
            );
        }
        for x in &plan.secondments {
            println!(
                "  second {:>3} doctors      {} → {} ({:.0} min)",
                x.doctors,
                name(&x.from),
                name(&x.to),
                x.minutes
            );
        }
        if !r.binding.is_empty() {
            println!("binding targets (met with no room to spare) and their marginal cost:");
            for b in &r.binding {
                let place = s
                    .admin_unit(&b.scope)
                    .map_or(b.scope.clone(), |u| u.name.clone());
                let (unit, scale) = match b.rule.as_str() {
                    "beds_per_1000" => ("per bed per 1,000", 1.0),
                    "doctors_per_1000" => ("per doctor per 1,000", 1.0),
                    "coverage" | "paediatrics" => ("per percentage point", 0.01),
                    _ => ("for the rule", 1.0),
                };
                match b.marginal_yuan {
                    Some(m) => println!(
                        "  {:<18} {:<8} {} yuan {unit}",
                        b.rule,
                        place,
                        group(m * scale)
                    ),
                    None => println!("  {:<18} {place}", b.rule),
                }
            }
        }
    }

    fn print_summary(s: &Summary) {
        println!("region:           {}", s.region);
        println!("admin units:      {}", s.admin_units);
        println!("demand zones:     {}", s.zones);
        println!("population:       {}", group(s.population));
        println!("facilities:       {}", s.facilities);
        for t in Tier::ALL {
            let n = s.facilities_per_tier.get(&t).copied().unwrap_or(0);
            println!("  {:<24}{n}", t.key());
        }
        println!("candidate sites:  {}", s.candidate_sites);
        println!(
            "beds:             {}  ({:.2} per 1,000)",
            group(s.beds),
            s.beds_per_1000
        );
        println!(
            "doctors:          {}  ({:.2} per 1,000)",
            group(s.doctors),
            s.doctors_per_1000
        );
        println!();
        println!(
            "{:<10} {:<16} {:>10} {:>6} {:>8} {:>8} {:>9} {:>9}",
            "id", "name", "population", "fac.", "beds", "doctors", "beds/1k", "docs/1k"
        );
        for u in &s.units {
            println!(
                "{:<10} {:<16} {:>10} {:>6} {:>8} {:>8} {:>9.2} {:>9.2}",
                u.id,
                u.name,
                group(u.population),
                u.facilities,
                group(u.beds),
                group(u.doctors),
                u.beds_per_1000,
                u.doctors_per_1000
            );
        }
    }
}
