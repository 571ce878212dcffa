-- The GraphFit fit database. Every table but schema_info and directories is keyed by fit_id
-- (fits.fit_id).
-- Flags are integers 0/1; a value a fit does not record is NULL.
CREATE TABLE IF NOT EXISTS schema_info (
  key TEXT PRIMARY KEY,
  value TEXT
);
-- What the last update saw of each directory under the roots that is not a fit folder: its
-- modification and inode change times and when it was listed, so that the next update lists only
-- directories whose times changed (or changed too close to their listing to tell).
CREATE TABLE IF NOT EXISTS directories (
  root TEXT NOT NULL,
  path TEXT NOT NULL,
  modified_ns BIGINT NOT NULL,
  changed_ns BIGINT NOT NULL,
  listed_ns BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS directories_path ON directories (path);
-- One row per fit folder found: status COMPLETE, INCOMPLETE or CORRUPT (problem says why);
-- the manifest's SHA-256, size and modification time tell an update whether to read it again.
CREATE TABLE IF NOT EXISTS fits (
  fit_id BIGINT PRIMARY KEY,
  path TEXT NOT NULL,
  root TEXT NOT NULL,
  name TEXT NOT NULL,
  identifier TEXT NOT NULL,
  tag TEXT,
  kind TEXT,
  status TEXT NOT NULL,
  problem TEXT,
  model TEXT,
  search TEXT,
  log_evidence DOUBLE,
  log_evidence_error DOUBLE,
  log_evidence_approximate INTEGER,
  likelihood_calls BIGINT,
  failed_calls BIGINT,
  seconds DOUBLE,
  trustworthy INTEGER,
  converged INTEGER,
  sweeps INTEGER,
  parameter_count INTEGER,
  manifest_sha256 TEXT,
  manifest_bytes BIGINT,
  manifest_modified_ns BIGINT
);
CREATE INDEX IF NOT EXISTS fits_path ON fits (path);
CREATE INDEX IF NOT EXISTS fits_name ON fits (name);
-- The marginal summary of every free parameter of a completed fit (a search records median,
-- errors and the maximum-likelihood value; expectation propagation mean and sd).
CREATE TABLE IF NOT EXISTS parameters (
  fit_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  path TEXT NOT NULL,
  median DOUBLE,
  mean DOUBLE,
  sd DOUBLE,
  error_1_sigma DOUBLE,
  error_3_sigma DOUBLE,
  max_likelihood DOUBLE
);
CREATE INDEX IF NOT EXISTS parameters_fit ON parameters (fit_id);
CREATE INDEX IF NOT EXISTS parameters_path ON parameters (path);
-- The factors of a completed fit: FIT (a single search's one factor, named ''), LIKELIHOOD,
-- HIERARCHY, PRIOR; status and evidence term of the last EP update; folder: the factor's own
-- sub-folder relative to the fit's (factors/dataset_0), NULL when the fit writes none for it.
CREATE TABLE IF NOT EXISTS factors (
  fit_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  factor TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT,
  log_evidence_term DOUBLE,
  folder TEXT
);
CREATE INDEX IF NOT EXISTS factors_fit ON factors (fit_id);
-- A factor's own parameter names (centre) to the fit's parameter paths (dataset_0.centre), with
-- the summary the factor's folder records: a graph factor's view of the joint fit (median, errors,
-- max_likelihood), an EP factor's mean field (mean, sd); NULL where its folder records none.
CREATE TABLE IF NOT EXISTS factor_parameters (
  fit_id BIGINT NOT NULL,
  factor TEXT NOT NULL,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  median DOUBLE,
  mean DOUBLE,
  sd DOUBLE,
  error_1_sigma DOUBLE,
  error_3_sigma DOUBLE,
  max_likelihood DOUBLE
);
CREATE INDEX IF NOT EXISTS factor_parameters_fit ON factor_parameters (fit_id);
-- The derived quantities (latent variables) an analysis computed from every sample, from
-- files/latent_summary.json: mean, median and the bounds of the central 1 and 3 sigma intervals.
CREATE TABLE IF NOT EXISTS derived (
  fit_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  mean DOUBLE,
  median DOUBLE,
  lower_1_sigma DOUBLE,
  upper_1_sigma DOUBLE,
  lower_3_sigma DOUBLE,
  upper_3_sigma DOUBLE
);
CREATE INDEX IF NOT EXISTS derived_fit ON derived (fit_id);
CREATE INDEX IF NOT EXISTS derived_name ON derived (name);
-- The search of each fit and its settings as JSON (files/search.json).
CREATE TABLE IF NOT EXISTS searches (
  fit_id BIGINT NOT NULL,
  search TEXT NOT NULL,
  settings_json TEXT
);
CREATE INDEX IF NOT EXISTS searches_fit ON searches (fit_id);
-- The same settings flattened, one row per setting (a sampler's under sampler.settings.).
CREATE TABLE IF NOT EXISTS settings (
  fit_id BIGINT NOT NULL,
  key TEXT NOT NULL,
  value TEXT
);
CREATE INDEX IF NOT EXISTS settings_fit ON settings (fit_id);
-- A search's diagnostics (information, effective_sample_size, converged...).
CREATE TABLE IF NOT EXISTS diagnostics (
  fit_id BIGINT NOT NULL,
  name TEXT NOT NULL,
  value DOUBLE
);
CREATE INDEX IF NOT EXISTS diagnostics_fit ON diagnostics (fit_id);
-- Why a fit is not trustworthy: the self-check (org.graphfit.search.Check) and its message.
CREATE TABLE IF NOT EXISTS concerns (
  fit_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  check_name TEXT NOT NULL,
  message TEXT
);
CREATE INDEX IF NOT EXISTS concerns_fit ON concerns (fit_id);
-- Every file the manifest of a completed fit lists, with its size and SHA-256.
CREATE TABLE IF NOT EXISTS files (
  fit_id BIGINT NOT NULL,
  file TEXT NOT NULL,
  bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS files_fit ON files (fit_id);
