package org.graphfit.ep;

/**
 * What EP changed in an update before applying it (see {@link MessageUpdater}); an update's {@link
 * EpUpdate#adjustments()} holds those made to it.
 */
public enum UpdateAdjustment {
  /**
   * The step towards the new message was halved (extra damping), at least once, because the full
   * step would have taken a variable's global precision below its bound; {@link EpUpdate#message()}
   * says to what.
   */
  STEP_SHORTENED,

  /**
   * An analysis factor's message of negative precision to a variable whose prior factor needs a
   * proper cavity was set flat, so that the message is not the factor's projection and the EP
   * evidence only approximate ({@link EpResult#logEvidenceApproximate()}).
   */
  SET_FLAT;
}
