//! The published bundle as files: a folder that works from any static
//! server at any sub-path (every URL relative), and one self-contained HTML
//! file (code, solver and data inlined) that opens from `file://`.
//!
//! Both carry a Content-Security-Policy that allows nothing outside the
//! bundle: scripts only from the bundle or inline with their SHA-256 hash,
//! requests only to the page's own origin, no plug-ins, forms or base URL.
//! The viewer (`portal.js` + `portal_bg.wasm`, Trunk's build of
//! `src/bin/portal.rs`) is a separate entry point from the planner: it has
//! no code that edits a scenario or a plan.
//!
//! Data sits in `<script type="application/json">` blocks (never run; `<`
//! written `\u003c` so no text from the scenario can end the block), and
//! every text the viewer shows is set as text, never as markup.

use super::hash::{canonical_plan, canonical_scenario, sha256_hex};
use super::{FileEntry, Publication};
use crate::plan::Plan;
use crate::scenario::Scenario;
use base64::Engine as _;

/// The viewer's files, as built by Trunk (`dist/`), and HiGHS.
#[derive(Debug, Clone, Default)]
pub struct Assets {
    /// `portal.js`: wasm-bindgen's loader of the viewer (no modules).
    pub portal_js: Vec<u8>,
    /// `portal_bg.wasm`: the viewer.
    pub portal_wasm: Vec<u8>,
    /// `solver/highs.js` (npm `highs`).
    pub highs_js: Vec<u8>,
    /// `solver/highs.wasm`.
    pub highs_wasm: Vec<u8>,
    /// `solver/highs.wasm.br`: the same, Brotli-compressed at build time
    /// (`scripts/pack-solver.mjs`), for the single file.
    pub highs_wasm_br: Vec<u8>,
}

impl Assets {
    /// The asset files' paths inside a Trunk `dist/` folder.
    pub const PATHS: [&'static str; 5] = [
        "portal.js",
        "portal_bg.wasm",
        "solver/highs.js",
        "solver/highs.wasm",
        "solver/highs.wasm.br",
    ];

    /// The assets from their bytes in [`Assets::PATHS`] order.
    pub fn from_files(mut files: Vec<Vec<u8>>) -> Assets {
        files.resize(Assets::PATHS.len(), Vec::new());
        let mut it = files.into_iter();
        let mut next = || it.next().unwrap_or_default();
        Assets {
            portal_js: next(),
            portal_wasm: next(),
            highs_js: next(),
            highs_wasm: next(),
            highs_wasm_br: next(),
        }
    }
}

/// The viewer's style sheet: the planner's (map, legend, tables) and the portal's own.
pub const PORTAL_CSS: &str = concat!(
    include_str!("../../style/main.css"),
    "\n",
    include_str!("../../style/portal.css")
);
/// The viewer's boot script: reads the data, unpacks the inlined code, starts the viewer.
pub const BOOT_JS: &str = include_str!("../../public/portal/boot.js");
/// The HiGHS glue (the same file the planner's worker loads).
pub const GLUE_JS: &str = include_str!("../../public/solver/highs-glue.js");

/// One file of a bundle.
#[derive(Debug, Clone, PartialEq)]
pub struct File {
    /// Path inside the bundle (`/`-separated, relative).
    pub path: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

fn file(path: &str, bytes: impl Into<Vec<u8>>) -> File {
    File {
        path: path.into(),
        bytes: bytes.into(),
    }
}

/// JSON safe inside a `<script type="application/json">` block: every `<`
/// (which JSON only has inside strings) written `\u003c`.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
}

/// Text safe inside HTML text or a double-quoted attribute.
pub fn html_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn csp(inline_scripts: &[&str]) -> String {
    let hashes: Vec<String> = inline_scripts
        .iter()
        .map(|s| {
            use sha2::Digest;
            let d = sha2::Sha256::digest(s.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(d)
            )
        })
        .collect();
    [
        "default-src 'none'".to_string(),
        format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes.join(" "))
            .trim()
            .to_string(),
        // Leptos and the charts set style attributes; no style comes from elsewhere.
        "style-src 'self' 'unsafe-inline'".into(),
        "img-src 'self' data: blob:".into(),
        "connect-src 'self'".into(),
        // The re-check's worker: built by the boot script from the page's own
        // scripts (a blob: URL), never from elsewhere.
        "worker-src blob:".into(),
        "object-src 'none'".into(),
        "base-uri 'none'".into(),
        "form-action 'none'".into(),
    ]
    .join("; ")
}

/// Deflates (zlib) and base64-encodes: how the single file carries the
/// viewer (unpacked by the browser's `DecompressionStream('deflate')`) and
/// its data (inflated by the viewer, [`unpack`]).
pub fn pack(bytes: &[u8]) -> String {
    let z = miniz_oxide::deflate::compress_to_vec_zlib(bytes, 9);
    base64::engine::general_purpose::STANDARD.encode(z)
}

/// Most bytes a packed block may unpack to (the scenario's own limit).
pub const MAX_UNPACKED: usize = crate::validate::limits::MAX_SCENARIO_BYTES;

/// The bytes of a data block of the single file, by its `data-encoding`:
/// `deflate-base64` ([`pack`]), `br-base64` (Brotli, HiGHS), or `json`
/// (as it is). Refuses what is not in that form or unpacks to more than
/// [`MAX_UNPACKED`] bytes.
pub fn unpack(encoding: &str, text: &str) -> Result<Vec<u8>, String> {
    let raw = |t: &str| {
        let clean: String = t.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(clean)
            .map_err(|e| format!("not base64 ({e})"))
    };
    match encoding {
        "json" | "" => Ok(text.as_bytes().to_vec()),
        "deflate-base64" => {
            miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&raw(text)?, MAX_UNPACKED)
                .map_err(|e| format!("not deflated data ({:?})", e.status))
        }
        "br-base64" => {
            use std::io::Read;
            let packed = raw(text)?;
            let mut out = Vec::new();
            brotli_decompressor::Decompressor::new(packed.as_slice(), 1 << 16)
                .take(MAX_UNPACKED as u64 + 1)
                .read_to_end(&mut out)
                .map_err(|e| format!("not Brotli data ({e})"))?;
            if out.len() > MAX_UNPACKED {
                return Err(format!("unpacks to more than {MAX_UNPACKED} bytes"));
            }
            Ok(out)
        }
        other => Err(format!("unknown encoding {other:?}")),
    }
}

/// A data block (`<script type=…>` that never runs), with how its text is encoded.
fn block(id: &str, kind: &str, encoding: &str, body: &str) -> String {
    format!("<script type=\"{kind}\" id=\"{id}\" data-encoding=\"{encoding}\">{body}</script>\n")
}

struct Page<'a> {
    title: &'a str,
    head_extra: String,
    body_blocks: String,
    scripts: Vec<Script<'a>>,
    edition: &'a str,
}

enum Script<'a> {
    Src(&'a str),
    /// The script's text and its part name (`data-part`: the boot script
    /// builds the re-check's worker from the parts' text).
    Inline(&'a str, String),
}

fn page(p: Page) -> String {
    let inline: Vec<&str> = p
        .scripts
        .iter()
        .filter_map(|s| match s {
            Script::Inline(_, body) => Some(body.as_str()),
            Script::Src(_) => None,
        })
        .collect();
    let policy = csp(&inline);
    let mut html = String::new();
    html.push_str("<!doctype html>\n");
    html.push_str(&format!(
        "<html lang=\"zh-CN\" data-edition=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        p.edition
    ));
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n"
    ));
    html.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    // No icon request (a server without favicon.ico would answer 404).
    html.push_str("<link rel=\"icon\" href=\"data:,\">\n");
    html.push_str(&format!("<title>{}</title>\n", html_text(p.title)));
    html.push_str(&p.head_extra);
    html.push_str("</head>\n<body>\n");
    html.push_str(
        "<div id=\"portal-root\" class=\"portal-loading\"><p>正在加载规划公示… · Loading the published plan…</p></div>\n",
    );
    html.push_str(
        "<noscript><p>本页需要 JavaScript 与 WebAssembly 才能显示；数据文件见同一文件夹。 · This page needs JavaScript and WebAssembly; the data files are in the same folder.</p></noscript>\n",
    );
    html.push_str(&p.body_blocks);
    for s in &p.scripts {
        match s {
            Script::Src(src) => html.push_str(&format!("<script src=\"{src}\"></script>\n")),
            Script::Inline(part, body) => {
                html.push_str(&format!("<script data-part=\"{part}\">{body}</script>\n"))
            }
        }
    }
    html.push_str("</body>\n</html>\n");
    html
}

fn inline_js(bytes: &[u8]) -> String {
    // A script's text cannot hold `</script`; the generated loaders never do,
    // but make sure (`<\/` is the same string in JavaScript).
    String::from_utf8_lossy(bytes).replace("</script", "<\\/script")
}

/// The data files every edition carries: the publication, the scenario and
/// the plan in canonical form, and the decisions as CSV and GeoJSON.
fn data_files(p: &Publication, s: &Scenario, plan: &Plan) -> Vec<File> {
    let scenario = canonical_scenario(s);
    let plan_json =
        serde_json::to_string_pretty(&canonical_plan_with_solver(plan)).unwrap_or_default();
    vec![
        file("scenario.json", scenario),
        file("plan.json", plan_json),
        file(
            "downloads/decisions.csv",
            crate::export::decisions_csv(&p.report),
        ),
        file(
            "downloads/decisions.geojson",
            crate::export::decisions_geojson(&p.report),
        ),
    ]
}

/// The plan file as published: decisions in canonical order, with the
/// solver record kept.
fn canonical_plan_with_solver(plan: &Plan) -> Plan {
    let mut c = canonical_plan(plan);
    c.solver = plan.solver.clone();
    c
}

fn with_files(p: &Publication, files: &[File]) -> Publication {
    let mut p = p.clone();
    p.manifest.files = files
        .iter()
        .map(|f| FileEntry {
            path: f.path.clone(),
            bytes: f.bytes.len(),
            sha256: sha256_hex(&f.bytes),
        })
        .collect();
    p
}

/// The folder edition: `index.html` and the files beside it. The page reads
/// `data/publication.json`, `scenario.json` and `plan.json` beside it, so
/// what it shows and re-checks is what the folder holds.
pub fn folder(p: &Publication, s: &Scenario, plan: &Plan, assets: &Assets) -> Vec<File> {
    let data = data_files(p, s, plan);
    let p = with_files(p, &data);
    let publication = serde_json::to_string(&p).unwrap_or_default();
    let manifest = serde_json::to_string_pretty(&p.manifest).unwrap_or_default();
    let html = page(Page {
        title: &p.manifest.title,
        head_extra: "<link rel=\"stylesheet\" href=\"portal.css\">\n".into(),
        body_blocks: String::new(),
        scripts: vec![Script::Src("portal.js"), Script::Src("boot.js")],
        edition: "folder",
    });
    let contents: [Vec<u8>; 10] = [
        html.into_bytes(),
        manifest.into_bytes(),
        publication.into_bytes(),
        PORTAL_CSS.as_bytes().to_vec(),
        BOOT_JS.as_bytes().to_vec(),
        assets.portal_js.clone(),
        assets.portal_wasm.clone(),
        assets.highs_js.clone(),
        assets.highs_wasm.clone(),
        GLUE_JS.as_bytes().to_vec(),
    ];
    let mut out: Vec<File> = FOLDER_PAGE_FILES
        .iter()
        .zip(contents)
        .map(|(path, bytes)| file(path, bytes))
        .collect();
    out.extend(data);
    out
}

/// The folder edition's files besides the data files its manifest lists:
/// with those, every file a published folder holds (what replacing an
/// earlier bundle may remove).
pub const FOLDER_PAGE_FILES: [&str; 10] = [
    "index.html",
    "manifest.json",
    "data/publication.json",
    "portal.css",
    "boot.js",
    "portal.js",
    "portal_bg.wasm",
    "solver/highs.js",
    "solver/highs.wasm",
    "solver/highs-glue.js",
];

/// Every file of a published folder whose manifest is `m`: the page's own
/// and the data files it lists.
pub fn folder_paths(m: &super::Manifest) -> Vec<String> {
    FOLDER_PAGE_FILES
        .iter()
        .map(|p| p.to_string())
        .chain(m.files.iter().map(|f| f.path.clone()))
        .collect()
}

/// The single-file edition: one HTML page with the viewer, HiGHS and the data
/// inlined (binaries deflated and base64-encoded), for `file://`, e-mail or a
/// USB stick.
pub fn single_file(p: &Publication, s: &Scenario, plan: &Plan, assets: &Assets) -> Vec<u8> {
    let data = data_files(p, s, plan);
    let p = with_files(p, &data);
    let text = |path: &str| {
        data.iter()
            .find(|f| f.path == path)
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .unwrap_or_default()
    };
    // The data deflated (the viewer inflates it); the plan as text, small
    // enough to read in the page's source.
    let mut blocks = String::new();
    let publication = serde_json::to_string(&p).unwrap_or_default();
    blocks.push_str(&block(
        "portal-publication",
        "application/octet-stream",
        "deflate-base64",
        &pack(publication.as_bytes()),
    ));
    blocks.push_str(&block(
        "portal-scenario",
        "application/octet-stream",
        "deflate-base64",
        &pack(text("scenario.json").as_bytes()),
    ));
    blocks.push_str(&block(
        "portal-plan",
        "application/json",
        "json",
        &script_json(&text("plan.json")),
    ));
    blocks.push_str(&block(
        "portal-wasm",
        "application/octet-stream",
        "deflate-base64",
        &pack(&assets.portal_wasm),
    ));
    blocks.push_str(&block(
        "portal-highs-wasm",
        "application/octet-stream",
        "br-base64",
        &base64::engine::general_purpose::STANDARD.encode(&assets.highs_wasm_br),
    ));
    let html = page(Page {
        title: &p.manifest.title,
        head_extra: format!(
            "<style>{}</style>\n",
            PORTAL_CSS.replace("</style", "<\\/style")
        ),
        body_blocks: blocks,
        scripts: vec![
            Script::Inline("highs", inline_js(&assets.highs_js)),
            Script::Inline("highs-glue", inline_js(GLUE_JS.as_bytes())),
            Script::Inline("portal", inline_js(&assets.portal_js)),
            Script::Inline("boot", inline_js(BOOT_JS.as_bytes())),
        ],
        edition: "single",
    });
    html.into_bytes()
}
