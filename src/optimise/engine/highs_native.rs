//! HiGHS natively, through its C API (`highs-sys` builds HiGHS from source).
//!
//! One HiGHS instance per solve, single-threaded (as in the browser), the
//! model passed as the column-wise arrays of [`LinearModel`] with its
//! objective offset, so objective and bound come back as the model states
//! them. Not compiled for wasm32: there the worker installs the WebAssembly
//! HiGHS ([`super::install_highs`]).

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::super::{Answer, Backend, EngineError, LinearModel, Live, Options, Sense};
    use crate::optimise::outcome::Status;
    use highs_sys::*;
    use std::ffi::{c_void, CStr};
    use web_time::Instant;

    pub const AVAILABLE: bool = true;

    fn error(detail: impl Into<String>) -> EngineError {
        EngineError {
            backend: Backend::Highs,
            detail: detail.into(),
            fatal: false,
            out_of_memory: false,
        }
    }

    /// HiGHS's own version (`1.15.0`).
    pub fn version() -> String {
        // SAFETY: Highs_version returns a static NUL-terminated string.
        unsafe { CStr::from_ptr(Highs_version()) }
            .to_string_lossy()
            .into_owned()
    }

    /// One HiGHS instance, destroyed on drop.
    struct Instance(*mut c_void);

    impl Drop for Instance {
        fn drop(&mut self) {
            // SAFETY: created by Highs_create, destroyed once.
            unsafe { Highs_destroy(self.0) }
        }
    }

    impl Instance {
        fn ok(status: HighsInt, what: &str) -> Result<(), EngineError> {
            if status == kHighsStatusError {
                Err(error(format!("{what} failed")))
            } else {
                Ok(())
            }
        }
        fn set_bool(&self, name: &CStr, v: bool) -> Result<(), EngineError> {
            // SAFETY: a live instance and a NUL-terminated option name.
            let s = unsafe { Highs_setBoolOptionValue(self.0, name.as_ptr(), HighsInt::from(v)) };
            Self::ok(s, "setting an option")
        }
        fn set_int(&self, name: &CStr, v: HighsInt) -> Result<(), EngineError> {
            // SAFETY: as above.
            let s = unsafe { Highs_setIntOptionValue(self.0, name.as_ptr(), v) };
            Self::ok(s, "setting an option")
        }
        fn set_double(&self, name: &CStr, v: f64) -> Result<(), EngineError> {
            // SAFETY: as above.
            let s = unsafe { Highs_setDoubleOptionValue(self.0, name.as_ptr(), v) };
            Self::ok(s, "setting an option")
        }
        fn double_info(&self, name: &CStr) -> Option<f64> {
            let mut v = 0.0;
            // SAFETY: as above; `v` outlives the call.
            let s = unsafe { Highs_getDoubleInfoValue(self.0, name.as_ptr(), &mut v) };
            (s != kHighsStatusError && v.is_finite()).then_some(v)
        }
        fn int_info(&self, name: &CStr) -> Option<HighsInt> {
            let mut v: HighsInt = 0;
            // SAFETY: as above.
            let s = unsafe { Highs_getIntInfoValue(self.0, name.as_ptr(), &mut v) };
            (s != kHighsStatusError).then_some(v)
        }
        fn int64_info(&self, name: &CStr) -> Option<i64> {
            let mut v: i64 = 0;
            // SAFETY: as above.
            let s = unsafe { Highs_getInt64InfoValue(self.0, name.as_ptr(), &mut v) };
            (s != kHighsStatusError).then_some(v)
        }
    }

    fn index(x: usize) -> Result<HighsInt, EngineError> {
        HighsInt::try_from(x)
            .map_err(|_| error("the model is too large for HiGHS's 32-bit indices"))
    }

    /// What the progress callback needs.
    struct Watch<'a> {
        live: &'a mut dyn FnMut(Live),
        last: Option<Instant>,
        started: Instant,
        /// Columns of the model (the length of an improving solution).
        columns: usize,
    }

    /// HiGHS's MIP callback: reports on every improving solution, and at
    /// most every 250 ms from its periodic checkpoint.
    unsafe extern "C" fn on_mip(
        kind: std::os::raw::c_int,
        _message: *const std::os::raw::c_char,
        out: *const HighsCallbackDataOut,
        _input: *mut HighsCallbackDataIn,
        user: *mut c_void,
    ) {
        if out.is_null() || user.is_null() {
            return;
        }
        // SAFETY: `user` is the `Watch` passed to Highs_setCallback, alive
        // for the whole Highs_run; `out` is HiGHS's, valid during the call.
        let (w, d) = unsafe { (&mut *(user as *mut Watch), &*out) };
        let improving = kind == kHighsCallbackMipImprovingSolution;
        if !improving && w.last.is_some_and(|t| t.elapsed().as_secs_f64() < 0.25) {
            return;
        }
        w.last = Some(Instant::now());
        let finite = |x: f64| (x.is_finite() && x.abs() < 1e300).then_some(x);
        // An improving solution comes with its column values (HiGHS gives
        // them in the original model's columns).
        let given = usize::try_from(d.mip_solution_size).unwrap_or(0);
        let solution = (improving && !d.mip_solution.is_null() && given == w.columns && given > 0)
            .then(|| {
                // SAFETY: HiGHS points `mip_solution` at `mip_solution_size`
                // values, valid during the call.
                unsafe { std::slice::from_raw_parts(d.mip_solution, given) }.into()
            });
        let live = Live {
            // The new solution's own objective on an improving event (the
            // primal bound may not include it yet), else the best so far.
            incumbent: if improving {
                finite(d.objective_function_value)
            } else {
                finite(d.mip_primal_bound)
            },
            bound: finite(d.mip_dual_bound),
            gap: finite(d.mip_gap),
            nodes: d.mip_node_count.max(0) as u64,
            seconds: w.started.elapsed().as_secs_f64(),
            solution,
        };
        // A panic must not cross into C++.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| (w.live)(live)));
    }

    /// Reads a model file (MPS or LP, by its extension) with HiGHS's own
    /// reader and solves it to optimality within `time_limit` seconds:
    /// `(optimal, objective)`. For checking a written model elsewhere.
    pub fn solve_file(path: &str, time_limit: f64) -> Result<(bool, Option<f64>), EngineError> {
        let c = std::ffi::CString::new(path).map_err(|_| error("a path with a NUL byte"))?;
        // SAFETY: Highs_create returns a fresh instance or null.
        let h = unsafe { Highs_create() };
        if h.is_null() {
            return Err(error("HiGHS could not start"));
        }
        let h = Instance(h);
        h.set_bool(c"output_flag", false)?;
        h.set_int(c"threads", 1)?;
        h.set_double(c"time_limit", time_limit)?;
        h.set_double(c"mip_rel_gap", 0.0)?;
        // SAFETY: a live instance and a NUL-terminated path.
        Instance::ok(
            unsafe { Highs_readModel(h.0, c.as_ptr()) },
            "reading the model",
        )?;
        // SAFETY: a live instance with a model.
        Instance::ok(unsafe { Highs_run(h.0) }, "solving")?;
        // SAFETY: as above.
        let status = unsafe { Highs_getModelStatus(h.0) };
        let optimal = status == kHighsModelStatusOptimal;
        // SAFETY: as above.
        let objective = unsafe { Highs_getObjectiveValue(h.0) };
        Ok((optimal, objective.is_finite().then_some(objective)))
    }

    /// Solves with native HiGHS.
    pub fn solve(
        model: &LinearModel,
        opts: &Options,
        live: &mut dyn FnMut(Live),
    ) -> Result<Answer, EngineError> {
        let t0 = Instant::now();
        let (start, rows, values) = model.csc();
        let start: Vec<HighsInt> = start.into_iter().map(index).collect::<Result<_, _>>()?;
        let rows: Vec<HighsInt> = rows.into_iter().map(index).collect::<Result<_, _>>()?;
        let integrality: Vec<HighsInt> = model
            .integer
            .iter()
            .map(|b| {
                if *b {
                    kHighsVarTypeInteger
                } else {
                    kHighsVarTypeContinuous
                }
            })
            .collect();
        let is_mip = model.integer.iter().any(|b| *b);
        let (n, m, nz) = (
            index(model.columns())?,
            index(model.rows())?,
            index(values.len())?,
        );
        // SAFETY: Highs_create returns a fresh instance or null.
        let h = unsafe { Highs_create() };
        if h.is_null() {
            return Err(error("HiGHS could not start"));
        }
        let h = Instance(h);
        h.set_bool(c"output_flag", false)?;
        h.set_int(c"threads", 1)?;
        h.set_double(c"mip_rel_gap", opts.mip_gap.max(0.0))?;
        if let Some(t) = opts.time_limit {
            h.set_double(c"time_limit", crate::optimise::solver_seconds(t))?;
        }
        let sense = match model.sense {
            Sense::Minimise => kHighsObjSenseMinimize,
            Sense::Maximise => kHighsObjSenseMaximize,
        };
        let empty_int: [HighsInt; 1] = [0];
        let empty_f: [f64; 1] = [0.0];
        let ip = |v: &[HighsInt]| {
            if v.is_empty() {
                empty_int.as_ptr()
            } else {
                v.as_ptr()
            }
        };
        let fp = |v: &[f64]| {
            if v.is_empty() {
                empty_f.as_ptr()
            } else {
                v.as_ptr()
            }
        };
        // SAFETY: every array has the length HiGHS reads (n columns, m rows,
        // n + 1 starts, nz entries); empty arrays point at a dummy element.
        // An LP passes no integrality (NULL), so HiGHS solves it as an LP
        // and returns its duals; no Hessian (q_num_nz = 0).
        let integrality_ptr = if is_mip {
            ip(&integrality)
        } else {
            std::ptr::null()
        };
        let status = unsafe {
            Highs_passModel(
                h.0,
                n,
                m,
                nz,
                0,
                kHighsMatrixFormatColwise,
                0,
                sense,
                model.offset,
                fp(&model.cost),
                fp(&model.lower),
                fp(&model.upper),
                fp(&model.row_lower),
                fp(&model.row_upper),
                ip(&start),
                ip(&rows),
                fp(&values),
                std::ptr::null(),
                std::ptr::null(),
                std::ptr::null(),
                integrality_ptr,
            )
        };
        Instance::ok(status, "passing the model")?;
        if let Some(x) = opts.start.as_ref().filter(|x| is_mip && !x.is_empty()) {
            // A partial start: HiGHS completes it (a sub-MIP), or ignores a
            // start that does not fit (a warning, not an error).
            let ix: Vec<HighsInt> = x.iter().map(|e| index(e.0)).collect::<Result<_, _>>()?;
            let val: Vec<f64> = x.iter().map(|e| e.1).collect();
            // SAFETY: both arrays have `x.len()` entries.
            unsafe { Highs_setSparseSolution(h.0, index(x.len())?, ix.as_ptr(), val.as_ptr()) };
        }
        let mut watch = Watch {
            live,
            last: None,
            started: t0,
            columns: model.columns(),
        };
        if is_mip {
            // SAFETY: `watch` outlives Highs_run, after which the callback
            // is never called again (the instance is destroyed at the end).
            unsafe {
                Highs_setCallback(h.0, Some(on_mip), &mut watch as *mut Watch as *mut c_void);
                Highs_startCallback(h.0, kHighsCallbackMipImprovingSolution);
                Highs_startCallback(h.0, kHighsCallbackMipInterrupt);
            }
        }
        // SAFETY: a live instance with a model.
        let run = unsafe { Highs_run(h.0) };
        if is_mip {
            // SAFETY: as above; no callback after this.
            unsafe {
                Highs_stopCallback(h.0, kHighsCallbackMipImprovingSolution);
                Highs_stopCallback(h.0, kHighsCallbackMipInterrupt);
                Highs_setCallback(h.0, None, std::ptr::null_mut());
            }
        }
        Instance::ok(run, "the solve")?;
        // SAFETY: as above.
        let model_status = unsafe { Highs_getModelStatus(h.0) };
        let seconds = t0.elapsed().as_secs_f64();
        let version = version();
        let has_solution =
            h.int_info(c"primal_solution_status") == Some(kHighsSolutionStatusFeasible);
        let nodes = h.int64_info(c"mip_node_count").unwrap_or(0).max(0) as u64;
        let ms = |x: HighsInt| model_status == x;
        if ms(kHighsModelStatusInfeasible) {
            return Ok(Answer::empty(
                Status::Infeasible,
                Backend::Highs,
                version,
                seconds,
            ));
        }
        if ms(kHighsModelStatusUnbounded) || ms(kHighsModelStatusUnboundedOrInfeasible) {
            return Err(error("the model is unbounded or infeasible"));
        }
        // HiGHS 1.15's C API names no memory-limit status (18 in its enum).
        if model_status == 18 {
            return Err(error("HiGHS ran out of memory"));
        }
        let stopped = ms(kHighsModelStatusTimeLimit)
            || ms(kHighsModelStatusIterationLimit)
            || ms(kHighsModelStatusInterrupt)
            || ms(kHighsModelStatusSolutionLimit);
        if !has_solution {
            if stopped {
                let mut a = Answer::empty(Status::TimeLimit, Backend::Highs, version, seconds);
                a.nodes = nodes;
                a.bound = h.double_info(c"mip_dual_bound");
                return Ok(a);
            }
            return Err(error(format!(
                "HiGHS ended with model status {model_status}"
            )));
        }
        let optimal = ms(kHighsModelStatusOptimal);
        if !optimal && !stopped {
            return Err(error(format!(
                "HiGHS ended with model status {model_status}"
            )));
        }
        let mut col_value = vec![0.0; model.columns()];
        let mut col_dual = vec![0.0; model.columns()];
        let mut row_value = vec![0.0; model.rows()];
        let mut row_dual = vec![0.0; model.rows()];
        let mut f1 = [0.0];
        let mut f2 = [0.0];
        let mut f3 = [0.0];
        let mut f4 = [0.0];
        let mp = |v: &mut Vec<f64>, d: &mut [f64; 1]| {
            if v.is_empty() {
                d.as_mut_ptr()
            } else {
                v.as_mut_ptr()
            }
        };
        // SAFETY: each vector has the length HiGHS writes (n or m).
        unsafe {
            Highs_getSolution(
                h.0,
                mp(&mut col_value, &mut f1),
                mp(&mut col_dual, &mut f2),
                mp(&mut row_value, &mut f3),
                mp(&mut row_dual, &mut f4),
            )
        };
        let mut a = Answer::empty(Status::Feasible, Backend::Highs, version, seconds);
        a.objective = Some(model.objective_of(&col_value));
        a.bound = if is_mip {
            h.double_info(c"mip_dual_bound")
        } else if optimal {
            a.objective
        } else {
            None
        };
        a.nodes = nodes;
        a.values = col_value;
        if opts.duals && !is_mip && optimal {
            a.row_duals = Some(row_dual);
        }
        a.settle(optimal);
        Ok(a)
    }
}

#[cfg(not(target_arch = "wasm32"))]
pub use native::{solve, solve_file, version, AVAILABLE};

#[cfg(target_arch = "wasm32")]
mod absent {
    use super::super::{Answer, EngineError, LinearModel, Options};

    /// Not compiled in the browser.
    pub const AVAILABLE: bool = false;

    /// Unreachable: [`AVAILABLE`] is false.
    pub fn solve(
        _: &LinearModel,
        _: &Options,
        _: &mut dyn FnMut(super::super::Live),
    ) -> Result<Answer, EngineError> {
        Err(EngineError {
            backend: super::super::Backend::Highs,
            detail: "native HiGHS is not part of the browser build".into(),
            fatal: false,
            out_of_memory: false,
        })
    }

    /// Unreachable: [`AVAILABLE`] is false.
    pub fn version() -> String {
        super::super::HIGHS_VERSION.into()
    }
}

#[cfg(target_arch = "wasm32")]
pub use absent::{solve, version, AVAILABLE};
