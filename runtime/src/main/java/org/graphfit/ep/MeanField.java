package org.graphfit.ep;

import java.util.Arrays;
import java.util.List;

/**
 * The EP approximation: one Gaussian message per factor and variable, in latent space. The global
 * approximation of a variable is the product of the messages of every factor that contains it; the
 * cavity of a factor is the global approximation divided by that factor's message, over the
 * factor's variables only. Messages may be improper; {@link ExpectationPropagation} keeps every
 * global approximation proper. Mutable, confined to the thread that runs the fit.
 */
public final class MeanField {
  private final int variables;
  private final int[][] scopes;
  private final GaussianMessage[][] messages;
  private final GaussianMessage[] global;

  /**
   * A mean field with flat messages.
   *
   * @param variables the number of variables
   * @param scopes the variables of each factor
   */
  MeanField(int variables, List<List<Integer>> scopes) {
    this.variables = variables;
    this.scopes = new int[scopes.size()][];
    this.messages = new GaussianMessage[scopes.size()][];
    for (int f = 0; f < scopes.size(); f++) {
      this.scopes[f] = scopes.get(f).stream().mapToInt(Integer::intValue).toArray();
      this.messages[f] = new GaussianMessage[this.scopes[f].length];
      Arrays.fill(this.messages[f], GaussianMessage.UNIFORM);
    }
    this.global = new GaussianMessage[variables];
    recompute();
  }

  /**
   * The number of variables.
   *
   * @return the count
   */
  public int variableCount() {
    return variables;
  }

  /**
   * The number of factors.
   *
   * @return the count
   */
  public int factorCount() {
    return scopes.length;
  }

  /**
   * The global approximation of a variable: the product of its factors' messages.
   *
   * @param variable a variable index
   * @return the message
   */
  public GaussianMessage global(int variable) {
    return global[variable];
  }

  /**
   * The global approximation of every variable.
   *
   * @return a new list in variable order
   */
  public List<GaussianMessage> globals() {
    return List.of(global.clone());
  }

  /**
   * A factor's message to the {@code k}-th of its variables.
   *
   * @param factor the factor index
   * @param k the position in the factor's scope
   * @return the message
   */
  public GaussianMessage message(int factor, int k) {
    return messages[factor][k];
  }

  /**
   * The cavity of a factor: for each of its variables, the global approximation divided by the
   * factor's message.
   *
   * @param factor the factor index
   * @return one cavity message per variable of the factor
   */
  public GaussianMessage[] cavity(int factor) {
    GaussianMessage[] cavity = new GaussianMessage[scopes[factor].length];
    for (int k = 0; k < cavity.length; k++) {
      cavity[k] = global[scopes[factor][k]].divide(messages[factor][k]);
    }
    return cavity;
  }

  /**
   * The global approximation over a factor's variables.
   *
   * @param factor the factor index
   * @return one message per variable of the factor
   */
  GaussianMessage[] current(int factor) {
    GaussianMessage[] current = new GaussianMessage[scopes[factor].length];
    for (int k = 0; k < current.length; k++) {
      current[k] = global[scopes[factor][k]];
    }
    return current;
  }

  /**
   * The variables of a factor.
   *
   * @param factor the factor index
   * @return the variable indices
   */
  int[] scope(int factor) {
    return scopes[factor];
  }

  /**
   * The global approximations that replacing a factor's messages would give, without changing
   * anything.
   *
   * @param factor the factor index
   * @param replacement one message per variable of the factor
   * @return the tentative global messages, one per variable of the factor
   */
  GaussianMessage[] tentative(int factor, GaussianMessage[] replacement) {
    GaussianMessage[] result = new GaussianMessage[replacement.length];
    for (int k = 0; k < replacement.length; k++) {
      result[k] = global[scopes[factor][k]].divide(messages[factor][k]).times(replacement[k]);
    }
    return result;
  }

  /**
   * Replaces a factor's messages and updates the global approximation of its variables.
   *
   * @param factor the factor index
   * @param replacement one message per variable of the factor
   */
  void replace(int factor, GaussianMessage[] replacement) {
    replace(factor, replacement, tentative(factor, replacement));
  }

  /**
   * Replaces a factor's messages by ones whose global approximations {@link #tentative} already
   * gave.
   *
   * @param factor the factor index
   * @param replacement one message per variable of the factor
   * @param updated {@code tentative(factor, replacement)}
   */
  void replace(int factor, GaussianMessage[] replacement, GaussianMessage[] updated) {
    for (int k = 0; k < replacement.length; k++) {
      messages[factor][k] = replacement[k];
      global[scopes[factor][k]] = updated[k];
    }
  }

  /** Recomputes every global approximation as the product of messages, removing rounding drift. */
  void recompute() {
    double[] precision = new double[variables];
    double[] shift = new double[variables];
    for (int f = 0; f < scopes.length; f++) {
      for (int k = 0; k < scopes[f].length; k++) {
        precision[scopes[f][k]] += messages[f][k].precision();
        shift[scopes[f][k]] += messages[f][k].shift();
      }
    }
    for (int v = 0; v < variables; v++) {
      global[v] = GaussianMessage.ofNatural(precision[v], shift[v]);
    }
  }
}
