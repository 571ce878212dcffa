/**
 * Test fixtures shared by the runtime's tests: a hand-written component model in the exact shape
 * the processor generates, and a small importance-sampling search engine.
 */
package org.graphfit.testing;
