package org.graphfit.aggregator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.graphfit.output.FitFiles;
import org.graphfit.search.Concern;

/**
 * The batched insert statements of one database update: one prepared statement per table, a row
 * added per fit, executed together before the update commits.
 */
final class FitInserts implements AutoCloseable {
  /** The estimates of a factor parameter whose folder records none. */
  private static final ParameterSummary NONE =
      new ParameterSummary(
          "", Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  private final PreparedStatement fits;
  private final PreparedStatement parameters;
  private final PreparedStatement factors;
  private final PreparedStatement factorParameters;
  private final PreparedStatement derived;
  private final PreparedStatement searches;
  private final PreparedStatement settings;
  private final PreparedStatement diagnostics;
  private final PreparedStatement concerns;
  private final PreparedStatement files;
  private final List<PreparedStatement> all;

  FitInserts(Connection connection) throws SQLException {
    fits =
        connection.prepareStatement(
            "INSERT INTO fits (fit_id, path, root, name, identifier, tag, kind, status, problem,"
                + " model, search, log_evidence, log_evidence_error, log_evidence_approximate,"
                + " likelihood_calls, failed_calls, seconds, trustworthy, converged, sweeps,"
                + " parameter_count, manifest_sha256, manifest_bytes, manifest_modified_ns)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    parameters =
        connection.prepareStatement(
            "INSERT INTO parameters (fit_id, position, path, median, mean, sd, error_1_sigma,"
                + " error_3_sigma, max_likelihood) VALUES (?,?,?,?,?,?,?,?,?)");
    factors =
        connection.prepareStatement(
            "INSERT INTO factors (fit_id, position, factor, kind, status, log_evidence_term,"
                + " folder) VALUES (?,?,?,?,?,?,?)");
    factorParameters =
        connection.prepareStatement(
            "INSERT INTO factor_parameters (fit_id, factor, name, path, median, mean, sd,"
                + " error_1_sigma, error_3_sigma, max_likelihood) VALUES (?,?,?,?,?,?,?,?,?,?)");
    derived =
        connection.prepareStatement(
            "INSERT INTO derived (fit_id, position, name, mean, median, lower_1_sigma,"
                + " upper_1_sigma, lower_3_sigma, upper_3_sigma) VALUES (?,?,?,?,?,?,?,?,?)");
    searches =
        connection.prepareStatement(
            "INSERT INTO searches (fit_id, search, settings_json) VALUES (?,?,?)");
    settings =
        connection.prepareStatement("INSERT INTO settings (fit_id, key, value) VALUES (?,?,?)");
    diagnostics =
        connection.prepareStatement("INSERT INTO diagnostics (fit_id, name, value) VALUES (?,?,?)");
    concerns =
        connection.prepareStatement(
            "INSERT INTO concerns (fit_id, position, check_name, message) VALUES (?,?,?,?)");
    files =
        connection.prepareStatement(
            "INSERT INTO files (fit_id, file, bytes, sha256) VALUES (?,?,?,?)");
    all =
        List.of(
            fits,
            parameters,
            factors,
            factorParameters,
            derived,
            searches,
            settings,
            diagnostics,
            concerns,
            files);
  }

  void add(long id, FitRecord record) throws SQLException {
    FitFolder fit = record.fit();
    FitSummary summary = record.summary();
    fits.setLong(1, id);
    fits.setString(2, fit.path().toString());
    fits.setString(3, fit.root().toString());
    fits.setString(4, fit.name());
    fits.setString(5, fit.identifier());
    fits.setString(6, record.tag());
    fits.setString(7, record.kind() == null ? null : record.kind().name());
    fits.setString(8, fit.status().name());
    fits.setString(9, fit.problem());
    fits.setString(10, record.model());
    fits.setString(11, record.search());
    setDouble(fits, 12, summary == null ? Double.NaN : summary.logEvidence());
    setDouble(fits, 13, summary == null ? Double.NaN : summary.logEvidenceError());
    setFlag(fits, 14, summary == null ? null : summary.logEvidenceApproximate());
    setCount(fits, 15, summary == null ? -1 : summary.likelihoodCalls());
    setCount(fits, 16, summary == null ? -1 : summary.failedCalls());
    setDouble(fits, 17, summary == null ? Double.NaN : summary.seconds());
    setFlag(fits, 18, summary == null ? null : summary.trustworthy());
    setFlag(fits, 19, summary == null ? null : summary.converged());
    setCount(fits, 20, summary == null ? -1 : summary.sweeps());
    setCount(fits, 21, record.parameters().size());
    fits.setString(22, fit.manifestDigest());
    setCount(fits, 23, fit.manifestBytes());
    setCount(fits, 24, fit.manifestModified());
    fits.addBatch();
    int position = 0;
    for (ParameterSummary parameter : record.parameters()) {
      parameters.setLong(1, id);
      parameters.setInt(2, position++);
      parameters.setString(3, parameter.path());
      setDouble(parameters, 4, parameter.median());
      setDouble(parameters, 5, parameter.mean());
      setDouble(parameters, 6, parameter.sd());
      setDouble(parameters, 7, parameter.error1Sigma());
      setDouble(parameters, 8, parameter.error3Sigma());
      setDouble(parameters, 9, parameter.maxLikelihood());
      parameters.addBatch();
    }
    position = 0;
    for (FactorSummary factor : record.factors()) {
      factors.setLong(1, id);
      factors.setInt(2, position++);
      factors.setString(3, factor.name());
      factors.setString(4, factor.kind().name());
      factors.setString(5, factor.status());
      setDouble(factors, 6, factor.logEvidenceTerm());
      factors.setString(7, factor.folder());
      factors.addBatch();
      for (Map.Entry<String, String> entry : factor.parameters().entrySet()) {
        factorParameters.setLong(1, id);
        factorParameters.setString(2, factor.name());
        factorParameters.setString(3, entry.getKey());
        factorParameters.setString(4, entry.getValue());
        ParameterSummary estimate = factor.estimate(entry.getKey()).orElse(NONE);
        setDouble(factorParameters, 5, estimate.median());
        setDouble(factorParameters, 6, estimate.mean());
        setDouble(factorParameters, 7, estimate.sd());
        setDouble(factorParameters, 8, estimate.error1Sigma());
        setDouble(factorParameters, 9, estimate.error3Sigma());
        setDouble(factorParameters, 10, estimate.maxLikelihood());
        factorParameters.addBatch();
      }
    }
    position = 0;
    for (DerivedSummary quantity : record.derived()) {
      derived.setLong(1, id);
      derived.setInt(2, position++);
      derived.setString(3, quantity.name());
      setDouble(derived, 4, quantity.mean());
      setDouble(derived, 5, quantity.median());
      setDouble(derived, 6, quantity.lower1Sigma());
      setDouble(derived, 7, quantity.upper1Sigma());
      setDouble(derived, 8, quantity.lower3Sigma());
      setDouble(derived, 9, quantity.upper3Sigma());
      derived.addBatch();
    }
    if (record.search() != null) {
      searches.setLong(1, id);
      searches.setString(2, record.search());
      searches.setString(3, record.settingsJson());
      searches.addBatch();
    }
    for (Map.Entry<String, String> entry : record.settings().entrySet()) {
      settings.setLong(1, id);
      settings.setString(2, entry.getKey());
      settings.setString(3, entry.getValue());
      settings.addBatch();
    }
    if (summary != null) {
      for (Map.Entry<String, Double> entry : summary.diagnostics().entrySet()) {
        diagnostics.setLong(1, id);
        diagnostics.setString(2, entry.getKey());
        setDouble(diagnostics, 3, entry.getValue());
        diagnostics.addBatch();
      }
      position = 0;
      for (Concern concern : summary.concerns()) {
        concerns.setLong(1, id);
        concerns.setInt(2, position++);
        concerns.setString(3, concern.check().name());
        concerns.setString(4, concern.message());
        concerns.addBatch();
      }
    }
    for (Map.Entry<String, FitFiles.Listed> entry : record.files().entrySet()) {
      files.setLong(1, id);
      files.setString(2, entry.getKey());
      files.setLong(3, entry.getValue().bytes());
      files.setString(4, entry.getValue().sha256());
      files.addBatch();
    }
  }

  void execute() throws SQLException {
    for (PreparedStatement statement : all) {
      statement.executeBatch();
    }
  }

  private static void setDouble(PreparedStatement statement, int index, double value)
      throws SQLException {
    if (Double.isFinite(value)) {
      statement.setDouble(index, value);
    } else {
      statement.setNull(index, Types.DOUBLE);
    }
  }

  private static void setFlag(PreparedStatement statement, int index, Boolean value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.INTEGER);
    } else {
      statement.setInt(index, value ? 1 : 0);
    }
  }

  private static void setCount(PreparedStatement statement, int index, long value)
      throws SQLException {
    if (value < 0) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, value);
    }
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : all) {
      statement.close();
    }
  }
}
