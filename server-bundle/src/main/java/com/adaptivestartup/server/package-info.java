/**
 * The Adaptive Startup server that runs inside the customer's stack: REST API, auth, ventures,
 * metrics, files and real-time, on PostgreSQL, Redis and S3-compatible storage (the full stack) or alone on SQLite
 * with its files in a folder (the single container). It knows nothing of the console; the console runs it as
 * containers.
 */
package com.adaptivestartup.server;
