/**
 * Bringing a company's data from Adaptive Startup Cloud: a Convex snapshot export (a ZIP) read in bounded memory,
 * mapped onto this server's tables, kept whole in an archive, verified, and imported again as often as wanted
 * during a parallel run (decision 0018, {@code docs/convex-export.md}).
 */
package com.adaptivestartup.server.convex;
