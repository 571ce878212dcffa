/**
 * Static nested sampling in the unit cube of a {@link org.graphfit.search.SearchProblem}, in the
 * spirit of dynesty: {@link org.graphfit.search.nested.NestedSampler} configured by {@link
 * org.graphfit.search.nested.NestedSettings}, producing a {@link
 * org.graphfit.search.nested.NestedRun}. Live points are bounded by nothing, one ellipsoid or
 * several, new points are drawn uniformly within the bound or by random-walk or slice moves from a
 * live point, proposals are evaluated in fixed-size batches whose result does not depend on the
 * thread count, and the complete state is checkpointed so that a killed run resumes to exactly the
 * same result. {@link org.graphfit.search.nested.DynamicNestedSampler} adds batches of live points
 * where the posterior is to a static run and merges them into one run with a varying number of live
 * points ({@link org.graphfit.search.nested.DynamicRun}).
 */
package org.graphfit.search.nested;
