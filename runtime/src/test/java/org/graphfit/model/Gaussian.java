package org.graphfit.model;

/** A test component: a 1-D Gaussian profile. */
record Gaussian(double centre, double normalization, double sigma) {}
