package org.graphfit.search.nested;

/**
 * One proposed replacement live point with what it cost: its unit point, physical vector and
 * log-likelihood, the likelihood calls made, and the move statistics that adapt the proposal scale.
 */
record Proposal(
    double[] unit,
    double[] vector,
    double logL,
    long calls,
    int accepted,
    int rejected,
    int expansions,
    int contractions) {}
