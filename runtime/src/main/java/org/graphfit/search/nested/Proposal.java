package org.graphfit.search.nested;

/**
 * One proposed replacement live point with what it cost: its unit point, physical vector and
 * log-likelihood, the likelihood calls made, the move statistics that adapt the proposal scale, and
 * whether the move got stuck (a random walk that accepted no step, or a slice that ran out of
 * shrinks) so that the proposal is a copy of the live point it started from, and the live slot the
 * move started from ({@code -1} for a uniform draw, which starts nowhere).
 */
record Proposal(
    double[] unit,
    double[] vector,
    double logL,
    long calls,
    int accepted,
    int rejected,
    int expansions,
    int contractions,
    boolean stuck,
    int start) {}
