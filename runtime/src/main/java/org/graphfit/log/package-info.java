/**
 * The notices a user must see (a completed fit loaded, a fit resumed, a result that cannot be
 * trusted): through SLF4J when a binding is on the class path, on standard error otherwise; and
 * {@link org.graphfit.log.Progress}, the live progress line that engines report to. The lowest
 * package of the runtime: it depends on the SLF4J API only.
 */
package org.graphfit.log;
